/*
 * Formatting shared by the reports.  The JSON helpers were the JSON report's
 * own; SARIF writes its strings and decimals with the same ones so that a
 * number reads the same byte for byte in both.
 */
#include <stdlib.h>

#include "report/format.h"

static const char replacement[] = "\xef\xbf\xbd"; /* U+FFFD */

size_t rc_report__utf8_len(const unsigned char *s)
{
    if (s[0] < 0x80) return 1;
    size_t n;
    unsigned min;
    unsigned cp;
    if ((s[0] & 0xe0) == 0xc0) {
        n = 2, min = 0x80, cp = s[0] & 0x1fu;
    } else if ((s[0] & 0xf0) == 0xe0) {
        n = 3, min = 0x800, cp = s[0] & 0x0fu;
    } else if ((s[0] & 0xf8) == 0xf0) {
        n = 4, min = 0x10000, cp = s[0] & 0x07u;
    } else {
        return 0;
    }
    for (size_t i = 1; i < n; i++) {
        if ((s[i] & 0xc0) != 0x80) return 0;
        cp = (cp << 6) | (s[i] & 0x3fu);
    }
    if (cp < min || cp > 0x10ffff || (cp >= 0xd800 && cp <= 0xdfff)) return 0;
    return n;
}

/* The two-character escape of c, or NULL when it has none. */
static const char *short_escape(unsigned char c)
{
    switch (c) {
    case '"':
        return "\\\"";
    case '\\':
        return "\\\\";
    case '\b':
        return "\\b";
    case '\f':
        return "\\f";
    case '\n':
        return "\\n";
    case '\r':
        return "\\r";
    case '\t':
        return "\\t";
    default:
        return NULL;
    }
}

void rc_report__json_string(rc_buf *b, const char *s)
{
    if (!s) {
        rc_buf_puts(b, "null");
        return;
    }
    rc_buf_putc(b, '"');
    const unsigned char *p = (const unsigned char *)s;
    while (*p) {
        unsigned char c = *p;
        const char *escape = short_escape(c);
        if (escape) {
            rc_buf_puts(b, escape);
            p++;
            continue;
        }
        if (c < 0x20) {
            rc_buf_printf(b, "\\u%04x", c);
            p++;
            continue;
        }
        size_t n = rc_report__utf8_len(p);
        if (n == 0) {
            rc_buf_puts(b, replacement);
            p++;
        } else {
            rc_buf_append(b, (const char *)p, n);
            p += n;
        }
    }
    rc_buf_putc(b, '"');
}

void rc_report__json_decimal(rc_buf *b, const mpq_t q, rc_round mode)
{
    char *s = rc_q_format_exact(q, RC_REPORT__JSON_PLACES, mode);
    if (!s) {
        b->failed = true;
        return;
    }
    rc_report__json_string(b, s);
    free(s);
}

/* U+FFFE and U+FFFF are valid UTF-8 but not XML characters: EF BF BE, EF BF BF. */
static bool xml_nonchar(const unsigned char *p, size_t n)
{
    return n == 3 && p[0] == 0xef && p[1] == 0xbf && (p[2] == 0xbe || p[2] == 0xbf);
}

void rc_report__xml_text(rc_buf *b, const char *s, bool attribute)
{
    if (!s) return;
    const unsigned char *p = (const unsigned char *)s;
    while (*p) {
        unsigned char c = *p;
        switch (c) {
        case '&':
            rc_buf_puts(b, "&amp;");
            p++;
            continue;
        case '<':
            rc_buf_puts(b, "&lt;");
            p++;
            continue;
        case '>':
            rc_buf_puts(b, "&gt;");
            p++;
            continue;
        case '"':
            rc_buf_puts(b, attribute ? "&quot;" : "\"");
            p++;
            continue;
        case '\t':
        case '\n':
        case '\r':
            /* an attribute's value is normalised by the parser: keep them as references */
            if (attribute)
                rc_buf_printf(b, "&#%u;", (unsigned)c);
            else
                rc_buf_putc(b, (char)c);
            p++;
            continue;
        default:
            break;
        }
        if (c < 0x20) {
            rc_buf_puts(b, replacement);
            p++;
            continue;
        }
        size_t n = rc_report__utf8_len(p);
        if (n == 0) {
            rc_buf_puts(b, replacement);
            p++;
        } else if (xml_nonchar(p, n)) {
            rc_buf_puts(b, replacement);
            p += n;
        } else {
            rc_buf_append(b, (const char *)p, n);
            p += n;
        }
    }
}
