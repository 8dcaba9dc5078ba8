/*
 * CSV schedules (csv.h): decoding, the delimiter, RFC 4180 records, a grid.
 *
 * The file is first decoded to UTF-8 (a byte order mark says UTF-8 or UTF-16;
 * text that is not valid UTF-8 is Windows-1252, which is what Excel writes on
 * Windows), then the delimiter is chosen on the first records, then every
 * record becomes a grid row.  Nothing is guessed about what the cells mean:
 * that is the schedule interpreter's work.
 */
#include <assert.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "read/csv.h"
#include "read/schedule.h"

/* How much of the start of a file detection and the choice of delimiter look at. */
#define SNIFF_BYTES 65536
#define SNIFF_RECORDS 200

static const char DELIMITERS[] = {',', ';', '\t', '|'};

const char *rc_csv_encoding_name(rc_csv_encoding encoding)
{
    switch (encoding) {
    case RC_CSV_UTF8_BOM:
        return "UTF-8 with BOM";
    case RC_CSV_WINDOWS_1252:
        return "Windows-1252";
    case RC_CSV_UTF16LE:
        return "UTF-16LE";
    case RC_CSV_UTF16BE:
        return "UTF-16BE";
    case RC_CSV_UTF8:
    default:
        return "UTF-8";
    }
}

/* ---- decoding ------------------------------------------------------------------------------ */

/* Windows-1252 0x80..0x9f; the five bytes it leaves undefined map to the C1 controls
 * of the same number, as browsers do. */
static const unsigned short CP1252[32] = {
    0x20ac, 0x0081, 0x201a, 0x0192, 0x201e, 0x2026, 0x2020, 0x2021, 0x02c6, 0x2030, 0x0160,
    0x2039, 0x0152, 0x008d, 0x017d, 0x008f, 0x0090, 0x2018, 0x2019, 0x201c, 0x201d, 0x2022,
    0x2013, 0x2014, 0x02dc, 0x2122, 0x0161, 0x203a, 0x0153, 0x009d, 0x017e, 0x0178};

static void put_utf8(rc_buf *b, unsigned long cp)
{
    char s[4];
    size_t n;
    if (cp < 0x80) {
        s[0] = (char)cp;
        n = 1;
    } else if (cp < 0x800) {
        s[0] = (char)(0xc0 | (cp >> 6));
        s[1] = (char)(0x80 | (cp & 0x3f));
        n = 2;
    } else if (cp < 0x10000) {
        s[0] = (char)(0xe0 | (cp >> 12));
        s[1] = (char)(0x80 | ((cp >> 6) & 0x3f));
        s[2] = (char)(0x80 | (cp & 0x3f));
        n = 3;
    } else {
        s[0] = (char)(0xf0 | (cp >> 18));
        s[1] = (char)(0x80 | ((cp >> 12) & 0x3f));
        s[2] = (char)(0x80 | ((cp >> 6) & 0x3f));
        s[3] = (char)(0x80 | (cp & 0x3f));
        n = 4;
    }
    rc_buf_append(b, s, n);
}

/* The length of the valid UTF-8 sequence at s[i], or 0.  A sequence cut by the end
 * counts as valid when cut_ok (a sample of a longer file). */
static size_t utf8_seq(const unsigned char *s, size_t n, size_t i, bool cut_ok)
{
    unsigned char c = s[i];
    if (c < 0x80) return 1;
    size_t need;
    unsigned char lo = 0x80, hi = 0xbf;
    if (c >= 0xc2 && c <= 0xdf)
        need = 1;
    else if (c >= 0xe0 && c <= 0xef) {
        need = 2;
        if (c == 0xe0) lo = 0xa0;
        if (c == 0xed) hi = 0x9f; /* no surrogates */
    } else if (c >= 0xf0 && c <= 0xf4) {
        need = 3;
        if (c == 0xf0) lo = 0x90;
        if (c == 0xf4) hi = 0x8f;
    } else
        return 0;
    for (size_t k = 1; k <= need; k++) {
        if (i + k >= n) return cut_ok ? n - i : 0;
        unsigned char b = s[i + k];
        if (k == 1 ? (b < lo || b > hi) : (b & 0xc0) != 0x80) return 0;
    }
    return need + 1;
}

static bool valid_utf8(const unsigned char *s, size_t n, bool cut_ok)
{
    for (size_t i = 0; i < n;) {
        size_t k = utf8_seq(s, n, i, cut_ok);
        if (!k) return false;
        i += k;
    }
    return true;
}

static unsigned long utf16_unit(const unsigned char *s, size_t i, bool le)
{
    return le ? (unsigned long)(s[i] | s[i + 1] << 8) : (unsigned long)(s[i] << 8 | s[i + 1]);
}

/* UTF-16 after its byte order mark (n even) into b.  Returns 0, or the offset of an
 * unpaired surrogate (a pair cut by the end is no error when cut_ok). */
static size_t utf16_to_utf8(const unsigned char *s, size_t n, bool le, bool cut_ok, rc_buf *b)
{
    for (size_t i = 2; i + 1 < n; i += 2) {
        unsigned long u = utf16_unit(s, i, le);
        if (u >= 0xdc00 && u <= 0xdfff) return i;
        if (u >= 0xd800 && u <= 0xdbff) {
            if (i + 3 >= n) return cut_ok ? 0 : i;
            unsigned long v = utf16_unit(s, i + 2, le);
            if (v < 0xdc00 || v > 0xdfff) return i;
            u = 0x10000 + ((u - 0xd800) << 10) + (v - 0xdc00);
            i += 2;
        }
        put_utf8(b, u);
    }
    return 0;
}

typedef struct decoded {
    char *text; /* malloc'ed UTF-8, NUL-terminated */
    size_t len;
    rc_csv_encoding encoding;
} decoded;

/*
 * Decode buf into UTF-8.  cut_ok: buf is the start of a longer file (a sequence cut at
 * its end is not an error).  Returns RC_OK, RC_ENOMEM, or RC_EFORMAT with the message
 * in ctx (name: the file) when UTF-16 does not decode.
 */
static int decode(const char *name, const char *buf, size_t len, bool cut_ok, decoded *out,
                  rc_ctx *ctx)
{
    const unsigned char *s = (const unsigned char *)buf;
    memset(out, 0, sizeof *out);
    rc_buf b = RC_BUF_INIT;
    if (len >= 2 && ((s[0] == 0xff && s[1] == 0xfe) || (s[0] == 0xfe && s[1] == 0xff)) &&
        !(len >= 4 && s[0] == 0xff && s[2] == 0 && s[3] == 0)) {
        bool le = s[0] == 0xff;
        out->encoding = le ? RC_CSV_UTF16LE : RC_CSV_UTF16BE;
        if (len % 2 && !cut_ok)
            return rc_ctx_fail_at(ctx, RC_EFORMAT, name, 0, 0,
                                  "UTF-16 text with an odd number of bytes: the file is cut "
                                  "short or is not UTF-16");
        size_t bad = utf16_to_utf8(s, len - len % 2, le, cut_ok, &b);
        if (bad) {
            rc_buf_free(&b);
            return rc_ctx_fail_at(ctx, RC_EFORMAT, name, 0, 0,
                                  "UTF-16 text with an unpaired surrogate at byte %zu: convert "
                                  "the file to UTF-8, e.g. with iconv",
                                  bad);
        }
    } else if (len >= 3 && memcmp(buf, "\xef\xbb\xbf", 3) == 0 &&
               valid_utf8(s + 3, len - 3, cut_ok)) {
        out->encoding = RC_CSV_UTF8_BOM;
        rc_buf_append(&b, buf + 3, len - 3);
    } else if (valid_utf8(s, len, cut_ok)) {
        out->encoding = RC_CSV_UTF8;
        rc_buf_append(&b, buf, len);
    } else {
        /* not UTF-8: what Excel writes on Windows */
        out->encoding = RC_CSV_WINDOWS_1252;
        size_t i = len >= 3 && memcmp(buf, "\xef\xbb\xbf", 3) == 0 ? 3 : 0;
        for (; i < len; i++) {
            unsigned char c = s[i];
            if (c < 0x80)
                rc_buf_putc(&b, (char)c);
            else if (c < 0xa0)
                put_utf8(&b, CP1252[c - 0x80]);
            else
                put_utf8(&b, c);
        }
    }
    if (b.failed) {
        rc_buf_free(&b);
        return rc_ctx_fail(ctx, RC_ENOMEM, "out of memory");
    }
    out->len = b.len;
    out->text = rc_buf_take(&b);
    if (!out->text) return rc_ctx_fail(ctx, RC_ENOMEM, "out of memory");
    return RC_OK;
}

/* Control characters no text holds (NUL, and others beyond a stray few). */
static bool binary_text(const char *s, size_t n)
{
    size_t bad = 0;
    for (size_t i = 0; i < n; i++) {
        unsigned char c = (unsigned char)s[i];
        if (c == 0) return true;
        if ((c < 0x20 && c != '\t' && c != '\n' && c != '\r' && c != '\f' && c != '\v') ||
            c == 0x7f)
            bad++;
    }
    return bad * 100 > n;
}

/* ---- records ------------------------------------------------------------------------------- */

typedef struct field {
    size_t start, len; /* the raw field in the text, quotes included */
    unsigned line, col;
    bool quoted; /* starts (after blanks) with a quote: unquote it */
} field;

typedef struct reader {
    const char *s;
    size_t n, i;
    char delim;
    unsigned line;
    size_t line_start;
    field *fields;
    size_t nfields, cap;
    bool lenient;       /* a sample: an unclosed quote ends the text, no error */
    unsigned open_line; /* where an unclosed quote opened */
    unsigned open_col;
} reader;

static void reader_init(reader *r, const char *s, size_t n, char delim, bool lenient)
{
    memset(r, 0, sizeof *r);
    r->s = s;
    r->n = n;
    r->delim = delim;
    r->line = 1;
    r->lenient = lenient;
}

static void newline_at(reader *r, size_t after)
{
    r->line++;
    r->line_start = after;
}

/*
 * The next record into r->fields.  Returns 1 when a record was read, 0 at the end of
 * the text, RC_ENOMEM, RC_ELIMIT (too many fields) or RC_ESYNTAX (a quote never
 * closed; r->open_line / open_col say where it opened).
 */
static int read_record(reader *r)
{
    const char *s = r->s;
    size_t n = r->n;
    if (r->i >= n) return 0;
    r->nfields = 0;
    for (;;) {
        if (r->nfields == r->cap) {
            size_t cap = r->cap ? r->cap * 2 : 16;
            field *p = realloc(r->fields, cap * sizeof *p);
            if (!p) return RC_ENOMEM;
            r->fields = p;
            r->cap = cap;
        }
        if (r->nfields >= RC_CSV_MAX_FIELDS) return RC_ELIMIT;
        field *f = &r->fields[r->nfields++];
        f->start = r->i;
        f->line = r->line;
        f->col = (unsigned)(r->i - r->line_start + 1);
        f->quoted = false;
        size_t q = r->i;
        while (q < n && (s[q] == ' ' || (s[q] == '\t' && r->delim != '\t')))
            q++;
        if (q < n && s[q] == '"') {
            f->quoted = true;
            unsigned oline = r->line, ocol = (unsigned)(q - r->line_start + 1);
            size_t i = q + 1;
            for (;;) {
                if (i >= n) {
                    r->open_line = oline;
                    r->open_col = ocol;
                    if (r->lenient) {
                        r->i = n;
                        f->len = n - f->start;
                        return 1;
                    }
                    return RC_ESYNTAX;
                }
                if (s[i] == '"') {
                    if (i + 1 < n && s[i + 1] == '"') {
                        i += 2;
                        continue;
                    }
                    i++;
                    break;
                }
                if (s[i] == '\n' || (s[i] == '\r' && (i + 1 >= n || s[i + 1] != '\n')))
                    newline_at(r, i + 1);
                i++;
            }
            r->i = i;
        }
        /* the rest of an unquoted field, or what follows a closing quote */
        while (r->i < n && s[r->i] != r->delim && s[r->i] != '\n' && s[r->i] != '\r')
            r->i++;
        f->len = r->i - f->start;
        if (r->i < n && s[r->i] == r->delim) {
            r->i++;
            continue;
        }
        if (r->i < n && s[r->i] == '\r') r->i++;
        if (r->i < n && s[r->i] == '\n') r->i++;
        newline_at(r, r->i);
        return 1;
    }
}

/* The value of a field: unquoted, doubled quotes made single, CRLF inside made LF.
 * Appended to b. */
static void field_value(const reader *r, const field *f, rc_buf *b)
{
    const char *s = r->s + f->start;
    size_t n = f->len;
    if (!f->quoted) {
        rc_buf_append(b, s, n);
        return;
    }
    size_t i = 0;
    while (i < n && s[i] != '"')
        i++;
    i++; /* the opening quote */
    bool inside = true;
    for (; i < n; i++) {
        if (inside && s[i] == '"') {
            if (i + 1 < n && s[i + 1] == '"') {
                rc_buf_putc(b, '"');
                i++;
            } else {
                inside = false;
            }
            continue;
        }
        if (s[i] == '\r' && i + 1 < n && s[i + 1] == '\n') continue;
        rc_buf_putc(b, s[i] == '\r' ? '\n' : s[i]);
    }
}

static bool blank_field(const reader *r, const field *f)
{
    for (size_t i = 0; i < f->len; i++) {
        char c = r->s[f->start + i];
        if (c != ' ' && c != '\t' && c != '"') return false;
    }
    return true;
}

/* ---- the delimiter ------------------------------------------------------------------------- */

typedef struct shape {
    size_t nonblank; /* records with any non-blank field */
    size_t multi;    /* of them, with two fields or more */
    size_t same;     /* of them, with the most frequent number of fields */
    unsigned fields; /* that number */
    bool number;     /* a field reads as a number */
    bool text;       /* a field is text */
} shape;

/* A field that reads as a number the way a schedule shows one ("1,234", "(12.50)",
 * "$ 4.25", "12.5%", "-"), loosely: digits with separators and signs. */
static bool numberish(const char *s, size_t n)
{
    size_t digits = 0, other = 0;
    for (size_t i = 0; i < n; i++) {
        unsigned char c = (unsigned char)s[i];
        if (c >= '0' && c <= '9')
            digits++;
        else if (!strchr(" .,()-+%$\"'", c) && c < 0x80)
            other++;
    }
    return digits > 0 && other == 0;
}

static void measure_shape(const char *s, size_t n, char delim, shape *out)
{
    memset(out, 0, sizeof *out);
    reader r;
    reader_init(&r, s, n, delim, true);
    size_t counts[65] = {0}; /* records by number of fields, 64 meaning "64 or more" */
    for (size_t rec = 0; rec < SNIFF_RECORDS; rec++) {
        int rc = read_record(&r);
        if (rc <= 0) break;
        size_t used = 0;
        for (size_t k = 0; k < r.nfields; k++) {
            const field *f = &r.fields[k];
            if (blank_field(&r, f)) continue;
            used++;
            if (numberish(s + f->start, f->len))
                out->number = true;
            else
                out->text = true;
        }
        if (!used) continue;
        out->nonblank++;
        if (r.nfields >= 2) out->multi++;
        counts[r.nfields < 64 ? r.nfields : 64]++;
    }
    free(r.fields);
    size_t best = 0;
    for (unsigned k = 2; k <= 64; k++) {
        if (counts[k] > best) {
            best = counts[k];
            out->fields = k;
        }
    }
    out->same = best;
}

/* Excel's "sep=;" first line: the delimiter it names, or 0; *skip is its length. */
static char sep_line(const char *s, size_t n, size_t *skip)
{
    *skip = 0;
    if (n < 5 || strncmp(s, "sep=", 4) != 0) return 0;
    char d = s[4];
    if (!memchr(DELIMITERS, d, sizeof DELIMITERS)) return 0;
    size_t i = 5;
    if (i < n && s[i] == '\r') i++;
    if (i < n && s[i] == '\n') i++;
    if (i < n && s[i - 1] != '\n' && s[i - 1] != '\r') return 0;
    *skip = i;
    return d;
}

/* The delimiter that splits the most records alike. */
static char choose_delimiter(const char *s, size_t n, shape *best_shape)
{
    size_t skip;
    char named = sep_line(s, n, &skip);
    if (named) {
        measure_shape(s + skip, n - skip, named, best_shape);
        return named;
    }
    char best = ',';
    size_t best_score = 0;
    memset(best_shape, 0, sizeof *best_shape);
    for (size_t d = 0; d < sizeof DELIMITERS; d++) {
        if (!memchr(s, DELIMITERS[d], n)) continue;
        shape sh;
        measure_shape(s, n, DELIMITERS[d], &sh);
        size_t score = sh.fields >= 2 ? sh.multi + sh.same : 0;
        if (score > best_score) {
            best_score = score;
            best = DELIMITERS[d];
            *best_shape = sh;
        }
    }
    return best;
}

bool rc_csv_detect(const char *buf, size_t len)
{
    if (!buf || len == 0) return false;
    size_t n = len < SNIFF_BYTES ? len : SNIFF_BYTES;
    if (n < len && n % 2) n--; /* keep UTF-16 whole */
    decoded d;
    if (decode(NULL, buf, n, n < len, &d, NULL) < 0) return false;
    bool yes = false;
    size_t i = 0;
    while (i < d.len &&
           (d.text[i] == ' ' || d.text[i] == '\t' || d.text[i] == '\r' || d.text[i] == '\n'))
        i++;
    if (i < d.len && d.text[i] != '<' && d.text[i] != '{' && d.text[i] != '[' &&
        !binary_text(d.text, d.len)) {
        shape sh;
        choose_delimiter(d.text, d.len, &sh);
        yes =
            sh.fields >= 2 && sh.multi >= 2 && sh.multi * 2 >= sh.nonblank && sh.number && sh.text;
    }
    free(d.text);
    return yes;
}

/* ---- decimal commas ---------------------------------------------------------------------- */

typedef struct number_style {
    size_t comma_decimal; /* "12,50", "1.234,5": only a decimal comma reads them */
    size_t point_decimal; /* "12.50", "1,234.5": only a decimal point */
} number_style;

/* Only for a field that is a number and nothing else (with a sign, parentheses, a
 * currency sign or a percent). */
static void tally_number(const char *s, size_t n, number_style *st)
{
    if (!numberish(s, n)) return;
    const char *lastc = NULL, *lastp = NULL;
    for (size_t i = 0; i < n; i++) {
        if (s[i] == ',') lastc = s + i;
        if (s[i] == '.') lastp = s + i;
    }
    if (lastc && lastp) {
        if (lastc > lastp)
            st->comma_decimal++;
        else
            st->point_decimal++;
        return;
    }
    const char *sep = lastc ? lastc : lastp;
    if (!sep) return;
    size_t after = 0;
    for (const char *p = sep + 1; p < s + n && *p >= '0' && *p <= '9'; p++)
        after++;
    bool several = false;
    for (const char *p = s; p < sep; p++)
        if (*p == *sep) several = true;
    if (after == 3 || several) return; /* "1,234" and "1.234" read both ways */
    if (lastc)
        st->comma_decimal++;
    else
        st->point_decimal++;
}

/* "1.234,50" -> "1,234.50", "1 234,5" -> "1234.5": into b. */
static void swap_separators(const char *s, size_t n, rc_buf *b)
{
    for (size_t i = 0; i < n; i++) {
        char c = s[i];
        bool between_digits = i > 0 && i + 1 < n && s[i - 1] >= '0' && s[i - 1] <= '9';
        if (c == ',')
            rc_buf_putc(b, '.');
        else if (c == '.')
            rc_buf_putc(b, ',');
        else if (c == ' ' && between_digits && s[i + 1] >= '0' && s[i + 1] <= '9')
            continue; /* a blank between groups of digits */
        else
            rc_buf_putc(b, c);
    }
}

/* ---- the grid -------------------------------------------------------------------------- */

int rc_csv_parse(const char *name, const char *buf, size_t len, rc_grid **out, rc_csv_info *info,
                 rc_ctx *ctx)
{
    assert(out && (buf || len == 0));
    *out = NULL;
    rc_csv_info local;
    if (!info) info = &local;
    memset(info, 0, sizeof *info);
    if (len == 0) return rc_ctx_fail_at(ctx, RC_EFORMAT, name, 0, 0, "empty file");
    decoded d;
    int rc = decode(name, buf, len, false, &d, ctx);
    if (rc < 0) return rc;
    rc_grid *g = NULL;
    reader r;
    reader_init(&r, d.text, d.len, ',', false);
    rc_buf value = RC_BUF_INIT;
    info->encoding = d.encoding;
    if (binary_text(d.text, d.len)) {
        rc = rc_ctx_fail_at(ctx, RC_EFORMAT, name, 0, 0, "binary data, not a CSV file");
        goto done;
    }
    size_t skip;
    char named = sep_line(d.text, d.len, &skip);
    shape sh;
    r.delim = info->delimiter =
        choose_delimiter(d.text, d.len < SNIFF_BYTES ? d.len : SNIFF_BYTES, &sh);
    info->fields = sh.fields;
    if (named) {
        r.i = r.line_start = skip;
        r.line = 2;
    }
    /* decimal commas, where the delimiter leaves the comma free */
    number_style style = {0, 0};
    if (r.delim != ',') {
        reader probe = r;
        probe.fields = NULL;
        probe.cap = 0;
        probe.lenient = true;
        int prc;
        while ((prc = read_record(&probe)) == 1)
            for (size_t k = 0; k < probe.nfields; k++)
                tally_number(probe.s + probe.fields[k].start, probe.fields[k].len, &style);
        free(probe.fields);
        if (prc == RC_ENOMEM) {
            rc = rc_ctx_fail(ctx, RC_ENOMEM, "out of memory");
            goto done;
        }
        info->decimal_comma = style.comma_decimal > 0 && style.point_decimal == 0;
    }
    g = rc_grid_new(RC_GRID_NOTE, name);
    if (!g) {
        rc = rc_ctx_fail(ctx, RC_ENOMEM, "out of memory");
        goto done;
    }
    g->src.line = r.line;
    g->src.col = 1;
    for (;;) {
        unsigned record_line = r.line;
        rc = read_record(&r);
        if (rc == 0) break;
        if (rc == RC_ESYNTAX) {
            rc = rc_ctx_fail_at(ctx, RC_ESYNTAX, name, r.open_line, r.open_col,
                                "a quoted field is never closed: the quote opened here has no "
                                "closing quote before the end of the file");
            goto done;
        }
        if (rc == RC_ELIMIT) {
            rc = rc_ctx_fail_at(ctx, RC_ELIMIT, name, record_line, 0,
                                "a record of more than %u fields: not a schedule",
                                RC_CSV_MAX_FIELDS);
            goto done;
        }
        if (rc < 0) {
            rc = rc_ctx_fail(ctx, RC_ENOMEM, "out of memory");
            goto done;
        }
        if (info->records >= RC_CSV_MAX_RECORDS) {
            rc = rc_ctx_fail_at(ctx, RC_ELIMIT, name, record_line, 0,
                                "more than %u records: not a schedule", RC_CSV_MAX_RECORDS);
            goto done;
        }
        info->records++;
        rc_grid_row *row = rc_grid_add_row(g, 0);
        if (!row) {
            rc = rc_ctx_fail(ctx, RC_ENOMEM, "out of memory");
            goto done;
        }
        for (size_t k = 0; k < r.nfields; k++) {
            const field *f = &r.fields[k];
            if (blank_field(&r, f) && !f->quoted) continue;
            value.len = 0;
            field_value(&r, f, &value);
            if (info->decimal_comma && numberish(value.data ? value.data : "", value.len)) {
                rc_buf swapped = RC_BUF_INIT;
                swap_separators(value.data, value.len, &swapped);
                value.len = 0;
                rc_buf_append(&value, swapped.data ? swapped.data : "", swapped.len);
                rc_buf_free(&swapped);
            }
            if (value.failed) {
                rc = rc_ctx_fail(ctx, RC_ENOMEM, "out of memory");
                goto done;
            }
            if (value.len == 0) continue;
            rc_source src = {name, f->line, f->col, NULL};
            if (!rc_grid_add_cell(g, row, value.data, value.len, (unsigned)k, 1, 0, &src)) {
                rc = rc_ctx_fail(ctx, RC_ENOMEM, "out of memory");
                goto done;
            }
            if (!row->cells[row->ncells - 1].text[0]) row->ncells--; /* only blanks */
        }
    }
    rc = RC_OK;
    *out = g;
    g = NULL;
done:
    rc_buf_free(&value);
    free(r.fields);
    free(d.text);
    rc_grid_free(g);
    return rc;
}

int rc_read_csv(rc_model *model, const rc_vocab *vocab, const char *name, const char *buf,
                size_t len, rc_ctx *ctx)
{
    assert(model && vocab && name);
    rc_grid *grid = NULL;
    rc_schedule_map *map = NULL;
    rc_csv_info info;
    int rc = rc_csv_parse(name, buf, len, &grid, &info, ctx);
    if (rc < 0) return rc;
    if ((rc = rc_schedule_map_find(&map, name, ctx)) < 0) goto done;
    if (info.encoding != RC_CSV_UTF8 && info.encoding != RC_CSV_UTF8_BOM &&
        rc_model_add_note(model, name, 0, 0, "read as %s text, converted to UTF-8",
                          rc_csv_encoding_name(info.encoding)) < 0) {
        rc = rc_ctx_fail(ctx, RC_ENOMEM, "out of memory");
        goto done;
    }
    if (info.decimal_comma &&
        rc_model_add_note(model, name, 0, 0,
                          "numbers are written with a decimal comma (\"1.234,50\"): read so") < 0) {
        rc = rc_ctx_fail(ctx, RC_ENOMEM, "out of memory");
        goto done;
    }
    rc_schedule_sheet sheet = {grid, NULL, NULL};
    rc = rc_schedule_read(model, vocab, &sheet, map, ctx);
done:
    rc_schedule_map_free(map);
    rc_grid_free(grid);
    return rc;
}
