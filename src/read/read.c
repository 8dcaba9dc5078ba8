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
#include "read/csv.h"
#include "read/filingsummary.h"
#include "read/rhtml.h"
#include "read/submission.h"
#include "read/textcap.h"
#include "read/workbook.h"
#include "read/xlsx.h"
#include "read/xbrl.h"

#define SEE_ALSO                                                                                   \
    "rollcheck reads its model JSON (docs/model-json.md), EDGAR R pages with their "               \
    "FilingSummary.xml, full submission .txt files, text captures of R pages, XBRL "               \
    "instances, inline XBRL documents, xBRL-JSON, SEC companyfacts JSON, xlsx workbooks "      \
    "and CSV schedules (docs/schedules.md)"

/* How much of the start of an input the text/binary test looks at. */
#define SNIFF_BYTES 8192

/* How far the detection of markup forms looks: the root element and its
 * namespace declarations come first. */
#define SNIFF_MARKUP 16384

const char *rc_format_name(rc_format format)
{
    switch (format) {
    case RC_FORMAT_MODEL_JSON:
        return "model-json";
    case RC_FORMAT_R_HTML:
        return "r-html";
    case RC_FORMAT_FILING_SUMMARY:
        return "filing-summary";
    case RC_FORMAT_SUBMISSION:
        return "submission";
    case RC_FORMAT_TEXT_CAPTURE:
        return "text-capture";
    case RC_FORMAT_XBRL_INSTANCE:
        return "xbrl-instance";
    case RC_FORMAT_INLINE_XBRL:
        return "inline-xbrl";
    case RC_FORMAT_XBRL_JSON:
        return "xbrl-json";
    case RC_FORMAT_COMPANYFACTS:
        return "companyfacts";
    case RC_FORMAT_CSV:
        return "csv";
    case RC_FORMAT_XLSX:
        return "xlsx";
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

/* What the keys of a JSON object say about its form. */
typedef struct json_keys {
    bool rollcheck;  /* "rollcheck" at the top level */
    bool cik, facts; /* "cik" and "facts" at the top level ... */
    bool taxonomy;   /* ... and "us-gaap" / "dei" / "ifrs-full" inside "facts" */
    bool xbrl_json;  /* "documentInfo": {"documentType": "...xbrl-json..."} */
} json_keys;

static bool str_is(const char *s, size_t n, const char *word)
{
    return n == strlen(word) && memcmp(s, word, n) == 0;
}

/*
 * A light scan of the tokens of the JSON object at buf[i], not a parse: it
 * must also claim a model JSON file that is broken further on, so that the
 * model JSON reader, not "unknown form", tells the user where.  Only the
 * top level counts for "rollcheck": other JSON forms (xBRL-JSON, SEC
 * companyfacts) may well hold the word deeper down.
 */
static void scan_json(const char *buf, size_t len, size_t i, json_keys *out)
{
    memset(out, 0, sizeof *out);
    size_t depth = 0;
    enum { K_OTHER, K_FACTS, K_DOCINFO } top = K_OTHER;
    bool doctype_value = false;
    for (; i < len && buf[i] != '\0'; i++) {
        char c = buf[i];
        if (c == '{' || c == '[') {
            depth++;
        } else if (c == '}' || c == ']') {
            if (depth == 0 || --depth == 0) break; /* the end of the top-level object */
        } else if (c == '"') {
            size_t start = ++i;
            while (i < len && buf[i] != '"' && buf[i] != '\0') {
                if (buf[i] == '\\') i++;
                i++;
            }
            if (i >= len || buf[i] != '"') break;
            const char *str = buf + start;
            size_t n = i - start;
            size_t j = i + 1;
            while (j < len && is_blank(buf[j]))
                j++;
            bool key = j < len && buf[j] == ':';
            if (!key) {
                if (doctype_value) {
                    for (size_t k = 0; k + 9 <= n; k++)
                        if (memcmp(str + k, "xbrl-json", 9) == 0) out->xbrl_json = true;
                }
                doctype_value = false;
                continue;
            }
            doctype_value = false;
            if (depth == 1) {
                out->rollcheck |= str_is(str, n, "rollcheck");
                out->cik |= str_is(str, n, "cik");
                out->facts |= str_is(str, n, "facts");
                top = str_is(str, n, "facts")          ? K_FACTS
                      : str_is(str, n, "documentInfo") ? K_DOCINFO
                                                       : K_OTHER;
            } else if (depth == 2 && top == K_FACTS) {
                out->taxonomy |= str_is(str, n, "us-gaap") || str_is(str, n, "dei") ||
                                 str_is(str, n, "ifrs-full");
            } else if (depth == 2 && top == K_DOCINFO) {
                doctype_value = str_is(str, n, "documentType");
            }
        }
    }
}

static bool starts_with(const char *buf, size_t len, size_t at, const char *s)
{
    size_t k = strlen(s);
    return at <= len && len - at >= k && memcmp(buf + at, s, k) == 0;
}

static const char *find_in(const char *s, size_t n, const char *needle)
{
    size_t k = strlen(needle);
    for (size_t i = 0; i + k <= n; i++)
        if (s[i] == needle[0] && memcmp(s + i, needle, k) == 0) return s + i;
    return NULL;
}

/* The name of the root element of markup at buf[i] (after the XML declaration,
 * comments and a DOCTYPE), or false when none is found in the first n bytes. */
static bool root_element(const char *buf, size_t n, size_t i, const char **name, size_t *len)
{
    while (i < n) {
        while (i < n && is_blank(buf[i]))
            i++;
        if (i >= n || buf[i] != '<') return false;
        const char *end = NULL; /* the last character of what is skipped */
        if (starts_with(buf, n, i, "<?")) {
            end = find_in(buf + i, n - i, "?>");
            if (end) end++;
        } else if (starts_with(buf, n, i, "<!--")) {
            end = find_in(buf + i, n - i, "-->");
            if (end) end += 2;
        } else if (starts_with(buf, n, i, "<!")) {
            /* a DOCTYPE, perhaps with an internal subset in brackets */
            const char *gt = memchr(buf + i, '>', n - i);
            const char *open = memchr(buf + i, '[', n - i);
            if (open && gt && open < gt) {
                const char *close = find_in(open, (size_t)(buf + n - open), "]");
                gt = close ? memchr(close, '>', (size_t)(buf + n - close)) : NULL;
            }
            end = gt;
        } else {
            size_t s = i + 1, e = s;
            while (e < n && !is_blank(buf[e]) && buf[e] != '>' && buf[e] != '/')
                e++;
            if (e == s) return false;
            *name = buf + s;
            *len = e - s;
            return true;
        }
        if (!end) return false;
        i = (size_t)(end - buf) + 1;
    }
    return false;
}

static bool local_name_is(const char *name, size_t len, const char *local)
{
    const char *colon = memchr(name, ':', len);
    if (colon) {
        len -= (size_t)(colon + 1 - name);
        name = colon + 1;
    }
    return len == strlen(local) && memcmp(name, local, len) == 0;
}

/*
 * The form comes from the first few KiB of content: the JSON forms from their
 * top-level keys, the markup forms from their root element and namespaces, a
 * submission from its SGML header.  An R page as sec.gov serves it, alone in a
 * <DOCUMENT> envelope, is an R page, not a submission.  Text captures are
 * what is left that their reader claims.
 */
rc_format rc_detect_format(const char *buf, size_t len)
{
    if (!buf) return RC_FORMAT_UNKNOWN;
    /* a zip archive or an OLE container: binary, told by its signature */
    rc_xlsx_kind xk = rc_xlsx_sniff(buf, len);
    if (xk == RC_XLSX_ZIP || xk == RC_XLSX_OLE) return RC_FORMAT_XLSX;
    size_t i = content_start(buf, len);
    if (i >= len) return RC_FORMAT_UNKNOWN;
    size_t sniff = len - i < SNIFF_MARKUP ? len : i + SNIFF_MARKUP;
    if (buf[i] == '{') {
        json_keys keys;
        scan_json(buf, len, i, &keys);
        if (keys.rollcheck) return RC_FORMAT_MODEL_JSON;
        if (keys.xbrl_json) return RC_FORMAT_XBRL_JSON;
        if (keys.cik && keys.facts && keys.taxonomy) return RC_FORMAT_COMPANYFACTS;
        return RC_FORMAT_UNKNOWN;
    }
    if (rc_submission_detect(buf, len)) {
        if (rc_submission_single_document(buf, len) && rc_rhtml_detect(buf, len))
            return RC_FORMAT_R_HTML;
        return RC_FORMAT_SUBMISSION;
    }
    if (rc_rhtml_detect(buf, len)) return RC_FORMAT_R_HTML;
    const char *name;
    size_t nlen;
    if (buf[i] == '<' && root_element(buf, sniff, i, &name, &nlen)) {
        if (local_name_is(name, nlen, "FilingSummary")) return RC_FORMAT_FILING_SUMMARY;
        if (local_name_is(name, nlen, "xbrl") &&
            find_in(buf + i, sniff - i, "http://www.xbrl.org/2003/instance"))
            return RC_FORMAT_XBRL_INSTANCE;
        if (local_name_is(name, nlen, "html") &&
            (find_in(buf + i, sniff - i, "http://www.xbrl.org/2013/inlineXBRL") ||
             find_in(buf + i, sniff - i, "http://www.xbrl.org/2008/inlineXBRL")))
            return RC_FORMAT_INLINE_XBRL;
    }
    if (rc_textcap_detect(buf, len)) return RC_FORMAT_TEXT_CAPTURE;
    if (rc_csv_detect(buf, len)) return RC_FORMAT_CSV;
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
        rc =
            rc_ctx_fail_at(ctx, RC_EFORMAT, name, line, col, "an input of unknown form; " SEE_ALSO);
    rc_caret_detail(ctx, buf + bom, len - bom, off - bom);
    return rc;
}

/*
 * The XBRL forms: each reader turns its input into one list of XBRL facts, and one
 * assembler turns the list into facts and roll-forwards (xbrl.h), so that the same
 * filing read in any of its forms gives the same model.
 */
static int read_xbrl(rc_model *model, const rc_vocab *vocab, const char *name, const char *buf,
                     size_t len, rc_format format, rc_ctx *ctx)
{
    rc_xfacts list;
    if (rc_xfacts_init(&list, name) < 0) return rc_ctx_fail(ctx, RC_ENOMEM, "out of memory");
    int rc;
    switch (format) {
    case RC_FORMAT_XBRL_INSTANCE:
        rc = rc_xbrl_read_instance(&list, name, buf, len, 0, ctx);
        break;
    case RC_FORMAT_INLINE_XBRL:
        rc = rc_xbrl_read_inline(&list, name, buf, len, 0, ctx);
        break;
    case RC_FORMAT_XBRL_JSON:
        rc = rc_xbrl_read_json(&list, name, buf, len, ctx);
        break;
    case RC_FORMAT_COMPANYFACTS:
    default:
        rc = rc_xbrl_read_companyfacts(&list, name, buf, len, ctx);
        break;
    }
    if (rc >= 0) rc = rc_xbrl_assemble(model, vocab, &list, NULL, ctx);
    rc_xfacts_clear(&list);
    return rc;
}

static int need_vocab(const char *name, const rc_vocab *vocab, rc_ctx *ctx)
{
    if (vocab) return RC_OK;
    return rc_ctx_fail_at(ctx, RC_EINVAL, name, 0, 0,
                          "reading rendered tables needs the vocabulary of rules/, and none "
                          "was given");
}

int rc_read_buffer(rc_model *model, const rc_vocab *vocab, const char *name, const char *buf,
                   size_t len, rc_format *format, rc_ctx *ctx)
{
    assert(model && name && (buf || len == 0));
    if (format) *format = RC_FORMAT_UNKNOWN;
    rc_format found = rc_detect_format(buf, len);
    /* a CSV schedule may be UTF-16 or Windows-1252: its reader decodes it */
    int rc = found == RC_FORMAT_CSV || found == RC_FORMAT_XLSX ? RC_OK
                                                               : check_text(name, buf, len, ctx);
    /* another zip archive, or a workbook cut short: the workbook reader says which */
    if (rc < 0 && rc_xlsx_sniff(buf, len) == RC_XLSX_OTHER_ZIP && vocab) {
        rc_ctx_clear(ctx);
        if (format) *format = RC_FORMAT_XLSX;
        return rc_read_xlsx(model, vocab, name, buf, len, ctx);
    }
    if (rc < 0) return rc;
    if (format) *format = found;
    switch (found) {
    case RC_FORMAT_MODEL_JSON:
        return rc_read_model_json(model, name, buf, len, ctx);
    case RC_FORMAT_R_HTML:
        if ((rc = need_vocab(name, vocab, ctx)) < 0) return rc;
        return rc_read_r_html(model, vocab, name, buf, len, 0, ctx);
    case RC_FORMAT_FILING_SUMMARY:
        return rc_read_filing_summary(model, name, buf, len, 0, ctx);
    case RC_FORMAT_SUBMISSION:
        if ((rc = need_vocab(name, vocab, ctx)) < 0) return rc;
        return rc_read_submission(model, vocab, name, buf, len, ctx);
    case RC_FORMAT_TEXT_CAPTURE:
        if ((rc = need_vocab(name, vocab, ctx)) < 0) return rc;
        return rc_read_text_capture(model, vocab, name, buf, len, 0, ctx);
    case RC_FORMAT_XBRL_INSTANCE:
    case RC_FORMAT_INLINE_XBRL:
    case RC_FORMAT_XBRL_JSON:
    case RC_FORMAT_COMPANYFACTS:
        if ((rc = need_vocab(name, vocab, ctx)) < 0) return rc;
        return read_xbrl(model, vocab, name, buf, len, found, ctx);
    case RC_FORMAT_CSV:
        if ((rc = need_vocab(name, vocab, ctx)) < 0) return rc;
        return rc_read_csv(model, vocab, name, buf, len, ctx);
    case RC_FORMAT_XLSX:
        if ((rc = need_vocab(name, vocab, ctx)) < 0) return rc;
        return rc_read_xlsx(model, vocab, name, buf, len, ctx);
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
