/*
 * Reading an input: what form is it in, and which reader takes it.
 *
 * The form comes from the content only.  Before any reader runs, input that
 * no reader could make sense of (nothing, binary data, UTF-16) is turned
 * away with one line that says what the file is, because a JSON parser's
 * "invalid JSON at 1:1" would leave the user guessing.
 */
#include <assert.h>
#include <stdbool.h>
#include <stdlib.h>
#include <string.h>

#include "rollcheck/read.h"
#include "common/jsondoc.h"
#include "common/util.h"

#define SEE_ALSO "this version reads rollcheck model JSON; see docs/model-json.md"

/* How much of the start of an input the text/binary test looks at. */
#define SNIFF_BYTES 8192

const char *rc_format_name(rc_format format)
{
    switch (format) {
    case RC_FORMAT_MODEL_JSON:
        return "model-json";
    case RC_FORMAT_UNKNOWN:
    default:
        return "unknown";
    }
}

static bool is_blank(char c)
{
    return c == ' ' || c == '\t' || c == '\n' || c == '\r';
}

static size_t bom_len(const char *buf, size_t len)
{
    return len >= 3 && memcmp(buf, "\xef\xbb\xbf", 3) == 0 ? 3 : 0;
}

/* Offset of the first byte after the UTF-8 byte order mark and blanks. */
static size_t content_start(const char *buf, size_t len)
{
    size_t i = bom_len(buf, len);
    while (i < len && is_blank(buf[i]))
        i++;
    return i;
}

/*
 * Model JSON is a JSON object with a member "rollcheck" directly inside it,
 * whatever its value (the reader then says if it is not "model").  Only the
 * top level counts: other JSON forms (xBRL-JSON, SEC companyfacts) may well
 * hold the word deeper down.  A light scan of the tokens, not a parse: it
 * must also claim a model JSON file that is broken further on, so that the
 * model JSON reader, not "unknown form", tells the user where.
 */
rc_format rc_detect_format(const char *buf, size_t len)
{
    if (!buf) return RC_FORMAT_UNKNOWN;
    size_t i = content_start(buf, len);
    if (i >= len || buf[i] != '{') return RC_FORMAT_UNKNOWN;
    size_t depth = 0;
    for (; i < len && buf[i] != '\0'; i++) {
        char c = buf[i];
        if (c == '{' || c == '[') {
            depth++;
        } else if (c == '}' || c == ']') {
            if (--depth == 0) break; /* the end of the top-level object */
        } else if (c == '"') {
            size_t start = ++i;
            while (i < len && buf[i] != '"' && buf[i] != '\0') {
                if (buf[i] == '\\') i++;
                i++;
            }
            if (i >= len || buf[i] != '"') break;
            if (depth == 1 && i - start == 9 && memcmp(buf + start, "rollcheck", 9) == 0) {
                size_t j = i + 1;
                while (j < len && is_blank(buf[j]))
                    j++;
                if (j < len && buf[j] == ':') return RC_FORMAT_MODEL_JSON;
            }
        }
    }
    return RC_FORMAT_UNKNOWN;
}

/* Bytes that no text file holds: controls other than the usual blanks
 * (tab, newline, vertical tab, form feed, carriage return, escape) and byte
 * sequences that are not UTF-8.  Latin-1 text has a few of the latter, far
 * fewer than the threshold below. */
static size_t count_nontext(const unsigned char *s, size_t n)
{
    size_t bad = 0;
    for (size_t i = 0; i < n;) {
        unsigned char c = s[i];
        if (c < 0x80) {
            if ((c < 0x20 && !(c >= 0x09 && c <= 0x0d) && c != 0x1b) || c == 0x7f) bad++;
            i++;
            continue;
        }
        size_t need = c >= 0xc2 && c <= 0xdf   ? 1
                      : c >= 0xe0 && c <= 0xef ? 2
                      : c >= 0xf0 && c <= 0xf4 ? 3
                                               : 0;
        if (need == 0) {
            bad++;
            i++;
            continue;
        }
        if (i + need >= n) break; /* a sequence cut by the end of the sample */
        size_t k = 1;
        while (k <= need && (s[i + k] & 0xc0) == 0x80)
            k++;
        if (k <= need) {
            bad++;
            i++;
        } else {
            i += need + 1;
        }
    }
    return bad;
}

/* UTF-16 written without a byte order mark: in text that is mostly ASCII,
 * every other byte is zero.  Returns 1 for little-endian, 2 for big-endian,
 * 0 when it does not look like that. */
static int utf16_without_bom(const unsigned char *s, size_t n)
{
    if (n < 4) return 0;
    size_t pairs = n / 2, zero_even = 0, zero_odd = 0;
    for (size_t i = 0; i + 1 < n; i += 2) {
        zero_even += s[i] == 0;
        zero_odd += s[i + 1] == 0;
    }
    if (zero_odd * 10 >= pairs * 9 && zero_even * 10 < pairs) return 1;
    if (zero_even * 10 >= pairs * 9 && zero_odd * 10 < pairs) return 2;
    return 0;
}

/* Turn away what is not text, with a line that says what it is instead. */
static int check_text(const char *name, const char *buf, size_t len, rc_ctx *ctx)
{
    const unsigned char *s = (const unsigned char *)buf;
    if (len == 0) return rc_ctx_fail_at(ctx, RC_EFORMAT, name, 0, 0, "empty file");
    if (len >= 4 && ((s[0] == 0xff && s[1] == 0xfe && s[2] == 0 && s[3] == 0) ||
                     (s[0] == 0 && s[1] == 0 && s[2] == 0xfe && s[3] == 0xff)))
        return rc_ctx_fail_at(ctx, RC_EFORMAT, name, 0, 0,
                              "UTF-32 text (it starts with a UTF-32 byte order mark); rollcheck "
                              "reads UTF-8 only: convert the file, e.g. with iconv -f UTF-32 -t "
                              "UTF-8");
    if (len >= 2 && ((s[0] == 0xff && s[1] == 0xfe) || (s[0] == 0xfe && s[1] == 0xff)))
        return rc_ctx_fail_at(ctx, RC_EFORMAT, name, 0, 0,
                              "UTF-16 text (it starts with a UTF-16 byte order mark); rollcheck "
                              "reads UTF-8 only: convert the file, e.g. with iconv -f UTF-16 -t "
                              "UTF-8");
    size_t sniff = len < SNIFF_BYTES ? len : SNIFF_BYTES;
    if (memchr(buf, '\0', len)) {
        int endian = utf16_without_bom(s, sniff);
        if (endian)
            return rc_ctx_fail_at(ctx, RC_EFORMAT, name, 0, 0,
                                  "UTF-16 text (%s, without a byte order mark); rollcheck reads "
                                  "UTF-8 only: convert the file, e.g. with iconv -f %s -t UTF-8",
                                  endian == 1 ? "little-endian" : "big-endian",
                                  endian == 1 ? "UTF-16LE" : "UTF-16BE");
        return rc_ctx_fail_at(ctx, RC_EFORMAT, name, 0, 0,
                              "binary data, not a form rollcheck reads");
    }
    if (count_nontext(s, sniff) * 10 > sniff * 3)
        return rc_ctx_fail_at(ctx, RC_EFORMAT, name, 0, 0,
                              "binary data, not a form rollcheck reads");
    if (content_start(buf, len) == len)
        return rc_ctx_fail_at(ctx, RC_EFORMAT, name, 0, 0, "empty file (only white space)");
    return RC_OK;
}

/* No reader claimed the input: say so at its first character. */
static int unknown_form(const char *name, const char *buf, size_t len, rc_ctx *ctx)
{
    size_t bom = bom_len(buf, len);
    size_t off = content_start(buf, len);
    unsigned line, col;
    /* the byte order mark is invisible: columns count from after it */
    rc_line_col(buf + bom, len - bom, off - bom, &line, &col);
    int rc;
    if (buf[off] == '{' || buf[off] == '[')
        rc = rc_ctx_fail_at(ctx, RC_EFORMAT, name, line, col,
                            "JSON, but not rollcheck model JSON (that is an object with "
                            "\"rollcheck\": \"model\"); " SEE_ALSO);
    else
        rc = rc_ctx_fail_at(ctx, RC_EFORMAT, name, line, col,
                            "not an input rollcheck reads (" SEE_ALSO ")");
    rc_caret_detail(ctx, buf + bom, len - bom, off - bom);
    return rc;
}

int rc_read_buffer(rc_model *model, const rc_vocab *vocab, const char *name, const char *buf,
                   size_t len, rc_format *format, rc_ctx *ctx)
{
    assert(model && name && (buf || len == 0));
    if (format) *format = RC_FORMAT_UNKNOWN;
    int rc = check_text(name, buf, len, ctx);
    if (rc < 0) return rc;
    (void)vocab; /* the rendered-form readers will use it */
    rc_format found = rc_detect_format(buf, len);
    if (format) *format = found;
    switch (found) {
    case RC_FORMAT_MODEL_JSON:
        return rc_read_model_json(model, name, buf, len, ctx);
    case RC_FORMAT_UNKNOWN:
    default:
        return unknown_form(name, buf, len, ctx);
    }
}

int rc_read_file(rc_model *model, const rc_vocab *vocab, const char *path, rc_format *format,
                 rc_ctx *ctx)
{
    assert(model && path);
    if (format) *format = RC_FORMAT_UNKNOWN;
    char *buf = NULL;
    size_t len = 0;
    int rc = rc_read_whole_file(path, RC_MAX_INPUT_BYTES, &buf, &len, ctx);
    if (rc < 0) return rc;
    rc = rc_read_buffer(model, vocab, path, buf, len, format, ctx);
    free(buf);
    return rc;
}
