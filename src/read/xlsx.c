/*
 * Workbooks (xlsx.h): libzip for the archive, libxml2 for the parts.  The
 * small parts (content types, relationships, the workbook, the styles) are
 * parsed whole; the shared strings and the worksheets as a stream
 * (xmlTextReader) fed straight from the archive, so that a worksheet of a
 * million empty rows is a million elements read and forgotten, not a tree.
 * Every byte inflated is counted against the workbook's budget.
 */
#include <assert.h>
#include <limits.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include <gmp.h>
#include <libxml/parser.h>
#include <libxml/tree.h>
#include <libxml/xmlreader.h>
#include <zip.h>

#include "rollcheck/number.h"
#include "read/xlsx.h"

#define MAX_SHEETS 10000          /* worksheets of one workbook */
#define MAX_STYLES 100000         /* number formats, fonts, cell formats */
#define MAX_MERGES 100000         /* merged ranges of one sheet */
#define MAX_MERGE_VISITS 20000000 /* (merged range, row) pairs looked at in one sheet */
#define MAX_NAMED_UNREADABLE 20   /* formulas without a value named one by one */
#define SIG_DIGITS 15             /* Excel keeps 15 significant digits */

static const char OLE_SIGNATURE[8] = {'\xd0', '\xcf', '\x11', '\xe0',
                                      '\xa1', '\xb1', '\x1a', '\xe1'};

/* ---- sniffing ----------------------------------------------------------------------- */

static const char *find_bytes(const char *s, size_t n, const char *needle, size_t k)
{
    if (k == 0 || n < k) return NULL;
    const char *end = s + n - k + 1;
    for (const char *p = s; p < end; p++) {
        p = memchr(p, needle[0], (size_t)(end - p));
        if (!p) return NULL;
        if (memcmp(p, needle, k) == 0) return p;
    }
    return NULL;
}

static bool has_utf16_name(const char *buf, size_t len, const char *ascii);

rc_xlsx_kind rc_xlsx_sniff(const char *buf, size_t len)
{
    if (!buf || len < 4) return RC_XLSX_NOT;
    if (len >= 8 && memcmp(buf, OLE_SIGNATURE, 8) == 0) {
        /* the streams of an encrypted package or of a legacy workbook; other OLE files
         * (a .doc, an .msg) are no workbook */
        bool workbook = has_utf16_name(buf, len, "EncryptionInfo") ||
                        has_utf16_name(buf, len, "EncryptedPackage") ||
                        has_utf16_name(buf, len, "Workbook") || has_utf16_name(buf, len, "Book");
        return workbook ? RC_XLSX_OLE : RC_XLSX_NOT;
    }
    if (memcmp(buf, "PK\x03\x04", 4) != 0 && memcmp(buf, "PK\x05\x06", 4) != 0) return RC_XLSX_NOT;
    /* the part names stand in the local headers and the central directory */
    return find_bytes(buf, len, "xl/workbook.xml", 15) ? RC_XLSX_ZIP : RC_XLSX_OTHER_ZIP;
}

/* UTF-16LE text in an OLE directory: the stream names say what the file holds. */
static bool has_utf16_name(const char *buf, size_t len, const char *ascii)
{
    char pattern[64];
    size_t k = strlen(ascii);
    assert(2 * k <= sizeof pattern);
    for (size_t i = 0; i < k; i++) {
        pattern[2 * i] = ascii[i];
        pattern[2 * i + 1] = '\0';
    }
    return find_bytes(buf, len, pattern, 2 * k) != NULL;
}

/* The one line that says what an OLE compound file is. */
static int ole_error(const char *name, const char *buf, size_t len, rc_ctx *ctx)
{
    if (has_utf16_name(buf, len, "EncryptionInfo") || has_utf16_name(buf, len, "EncryptedPackage"))
        return rc_ctx_fail_at(ctx, RC_EFORMAT, name, 0, 0,
                              "a password-protected or encrypted workbook (an encrypted OLE "
                              "container, not a zip archive): rollcheck cannot read it; save a "
                              "copy without the password and give that");
    if (has_utf16_name(buf, len, "Workbook") || has_utf16_name(buf, len, "Book"))
        return rc_ctx_fail_at(ctx, RC_EFORMAT, name, 0, 0,
                              "a legacy Excel 97-2003 workbook (.xls, an OLE compound file): "
                              "rollcheck reads .xlsx workbooks; save it as .xlsx");
    return rc_ctx_fail_at(ctx, RC_EFORMAT, name, 0, 0,
                          "an OLE compound file (a legacy Office document, or a "
                          "password-protected or encrypted workbook), not an .xlsx workbook");
}

/* ---- the workbook --------------------------------------------------------------------- */

typedef struct xf_style {
    unsigned numfmt;
    bool bold;
} xf_style;

typedef struct numfmt {
    unsigned id;
    const char *code;
} numfmt;

typedef struct sheet_ref {
    const char *name;
    const char *part;
} sheet_ref;

struct rc_xlsx {
    const char *name;
    zip_t *zip;
    size_t limit; /* uncompressed bytes this workbook may inflate */
    size_t used;  /* ... and has inflated */
    size_t cells; /* cells held by the sheets read */
    rc_arena *arena;
    const char **strings; /* the shared strings */
    size_t nstrings, capstrings;
    xf_style *xfs;
    size_t nxfs;
    numfmt *fmts;
    size_t nfmts;
    sheet_ref *sheets;
    size_t nsheets;
    bool date1904;
};

static int oom(rc_ctx *ctx)
{
    return rc_ctx_fail(ctx, RC_ENOMEM, "out of memory");
}

static int grow(void **p, size_t *cap, size_t need, size_t size)
{
    if (need <= *cap) return RC_OK;
    size_t c = *cap ? *cap : 16;
    while (c < need) {
        if (c > SIZE_MAX / 2 / size) return RC_ENOMEM;
        c *= 2;
    }
    void *q = realloc(*p, c * size);
    if (!q) return RC_ENOMEM;
    *p = q;
    *cap = c;
    return RC_OK;
}

static int bomb(rc_xlsx *wb, const char *part, rc_ctx *ctx)
{
    return rc_ctx_fail_at(ctx, RC_ELIMIT, wb->name, 0, 0,
                          "%s inflates to more than %zu MiB, the most rollcheck inflates from an "
                          "archive of this size: a zip bomb, or a workbook far larger than any "
                          "filing's; not read",
                          part, wb->limit >> 20);
}

/* The index of a part by name (part names are case-insensitive), or -1. */
static zip_int64_t part_index(const rc_xlsx *wb, const char *part)
{
    return zip_name_locate(wb->zip, part, ZIP_FL_NOCASE);
}

static int zip_failure(rc_xlsx *wb, const char *part, zip_error_t *err, rc_ctx *ctx)
{
    return rc_ctx_fail_at(ctx, RC_EFORMAT, wb->name, 0, 0, "%s cannot be inflated: %s", part,
                          zip_error_strerror(err));
}

/* Read a whole (small) part into a malloc'ed buffer. */
static int read_part(rc_xlsx *wb, const char *part, char **out, size_t *len, rc_ctx *ctx)
{
    *out = NULL;
    *len = 0;
    zip_int64_t idx = part_index(wb, part);
    if (idx < 0) return RC_ENOTFOUND;
    zip_file_t *f = zip_fopen_index(wb->zip, (zip_uint64_t)idx, 0);
    if (!f) return zip_failure(wb, part, zip_get_error(wb->zip), ctx);
    rc_buf b = RC_BUF_INIT;
    char chunk[16384];
    int rc = RC_OK;
    for (;;) {
        zip_int64_t n = zip_fread(f, chunk, sizeof chunk);
        if (n < 0) {
            rc = zip_failure(wb, part, zip_file_get_error(f), ctx);
            break;
        }
        if (n == 0) break;
        wb->used += (size_t)n;
        if (wb->used > wb->limit) {
            rc = bomb(wb, part, ctx);
            break;
        }
        rc_buf_append(&b, chunk, (size_t)n);
        if (b.failed) {
            rc = oom(ctx);
            break;
        }
    }
    zip_fclose(f);
    if (rc < 0) {
        rc_buf_free(&b);
        return rc;
    }
    *len = b.len;
    *out = rc_buf_take(&b);
    return *out ? RC_OK : oom(ctx);
}

/* ---- XML ---------------------------------------------------------------------------- */

static bool named(const xmlNode *n, const char *local)
{
    return n && n->type == XML_ELEMENT_NODE && strcmp((const char *)n->name, local) == 0;
}

/* An attribute by local name, whatever its namespace ("r:id", "id"). */
static const char *attr_ns(const xmlNode *n, const char *local, bool want_ns)
{
    for (const xmlAttr *a = n->properties; a; a = a->next) {
        if (strcmp((const char *)a->name, local) != 0) continue;
        if (want_ns != (a->ns != NULL)) continue;
        if (a->children && a->children->type == XML_TEXT_NODE && a->children->content)
            return (const char *)a->children->content;
        return "";
    }
    return NULL;
}

static const char *attr(const xmlNode *n, const char *local)
{
    return attr_ns(n, local, false);
}

static int xml_error(rc_xlsx *wb, const char *part, int line, int col, const char *msg, rc_ctx *ctx)
{
    char text[200];
    size_t k = msg ? strcspn(msg, "\n") : 0;
    if (k >= sizeof text) k = sizeof text - 1;
    if (msg) memcpy(text, msg, k);
    text[k] = '\0';
    if (line > 0)
        return rc_ctx_fail_at(ctx, RC_ESYNTAX, wb->name, 0, 0,
                              "%s, line %d, column %d: not well-formed XML: %s", part, line,
                              col > 0 ? col : 1, k ? text : "it does not parse");
    return rc_ctx_fail_at(ctx, RC_ESYNTAX, wb->name, 0, 0, "%s: not well-formed XML: %s", part,
                          k ? text : "it does not parse");
}

/* Parse a small part whole: no network, no DTD, entities left unexpanded. */
static int parse_part(rc_xlsx *wb, const char *part, xmlDocPtr *out, rc_ctx *ctx)
{
    *out = NULL;
    char *data;
    size_t len;
    int rc = read_part(wb, part, &data, &len, ctx);
    if (rc < 0) return rc;
    if (len > INT_MAX) {
        free(data);
        return bomb(wb, part, ctx);
    }
    xmlParserCtxtPtr parser = xmlNewParserCtxt();
    if (!parser) {
        free(data);
        return oom(ctx);
    }
    xmlDocPtr doc = xmlCtxtReadMemory(parser, data, (int)len, part, NULL,
                                      XML_PARSE_NONET | XML_PARSE_NOERROR | XML_PARSE_NOWARNING);
    if (!doc || !parser->wellFormed) {
        const xmlError *err = xmlCtxtGetLastError(parser);
        rc = xml_error(wb, part, err ? err->line : 0, err ? err->int2 : 0,
                       err ? err->message : NULL, ctx);
        if (doc) xmlFreeDoc(doc);
        doc = NULL;
    }
    xmlFreeParserCtxt(parser);
    free(data);
    *out = doc;
    return rc;
}

/* A stream of one part, inflated as libxml2 asks for it. */
typedef struct part_stream {
    rc_xlsx *wb;
    zip_file_t *file;
    bool over;  /* the budget ran out */
    bool ioerr; /* the archive could not be inflated */
} part_stream;

static int stream_read(void *context, char *buffer, int len)
{
    part_stream *s = context;
    if (len <= 0) return 0;
    zip_int64_t n = zip_fread(s->file, buffer, (zip_uint64_t)len);
    if (n < 0) {
        s->ioerr = true;
        return -1;
    }
    s->wb->used += (size_t)n;
    if (s->wb->used > s->wb->limit) {
        s->over = true;
        return -1;
    }
    return (int)n;
}

/* The first error of a stream parse. */
typedef struct stream_error {
    bool set;
    int line, col;
    char message[200];
} stream_error;

static void keep_stream_error(void *arg, xmlErrorPtr err)
{
    stream_error *e = arg;
    if (e->set || !err || err->level < XML_ERR_ERROR) return;
    e->set = true;
    e->line = err->line;
    e->col = err->int2;
    const char *m = err->message ? err->message : "it does not parse";
    size_t k = strcspn(m, "\n");
    if (k >= sizeof e->message) k = sizeof e->message - 1;
    memcpy(e->message, m, k);
    e->message[k] = '\0';
}

typedef struct reader {
    xmlTextReaderPtr xr;
    part_stream stream;
    stream_error error;
    const char *part;
} reader;

static int reader_open(rc_xlsx *wb, const char *part, reader *r, rc_ctx *ctx)
{
    memset(r, 0, sizeof *r);
    r->part = part;
    r->stream.wb = wb;
    zip_int64_t idx = part_index(wb, part);
    if (idx < 0) return RC_ENOTFOUND;
    r->stream.file = zip_fopen_index(wb->zip, (zip_uint64_t)idx, 0);
    if (!r->stream.file) return zip_failure(wb, part, zip_get_error(wb->zip), ctx);
    r->xr = xmlReaderForIO(stream_read, NULL, &r->stream, part, NULL,
                           XML_PARSE_NONET | XML_PARSE_NOERROR | XML_PARSE_NOWARNING);
    if (!r->xr) {
        zip_fclose(r->stream.file);
        r->stream.file = NULL;
        return oom(ctx);
    }
    xmlTextReaderSetStructuredErrorHandler(r->xr, keep_stream_error, &r->error);
    return RC_OK;
}

static void reader_close(reader *r)
{
    if (r->xr) xmlFreeTextReader(r->xr);
    if (r->stream.file) zip_fclose(r->stream.file);
    r->xr = NULL;
    r->stream.file = NULL;
}

/* The next node: 1, 0 at the end, or a negative code with the message set. */
static int reader_next(rc_xlsx *wb, reader *r, rc_ctx *ctx)
{
    int got = xmlTextReaderRead(r->xr);
    if (got == 1) return 1;
    if (r->stream.over) return bomb(wb, r->part, ctx);
    if (r->stream.ioerr) return zip_failure(wb, r->part, zip_file_get_error(r->stream.file), ctx);
    if (got == 0 && !r->error.set) return 0;
    return xml_error(wb, r->part, r->error.line, r->error.col,
                     r->error.set ? r->error.message : NULL, ctx);
}

static const char *reader_name(reader *r)
{
    const xmlChar *n = xmlTextReaderConstLocalName(r->xr);
    return n ? (const char *)n : "";
}

/* An attribute of the reader's current element (a libxml2 copy), or NULL. */
static char *reader_attr(reader *r, const char *local)
{
    return (char *)xmlTextReaderGetAttribute(r->xr, (const xmlChar *)local);
}

static bool is_text_node(int type)
{
    return type == XML_READER_TYPE_TEXT || type == XML_READER_TYPE_CDATA ||
           type == XML_READER_TYPE_SIGNIFICANT_WHITESPACE || type == XML_READER_TYPE_WHITESPACE;
}

/* ---- strings ------------------------------------------------------------------------ */

static int hexval(char c)
{
    if (c >= '0' && c <= '9') return c - '0';
    if (c >= 'a' && c <= 'f') return c - 'a' + 10;
    if (c >= 'A' && c <= 'F') return c - 'A' + 10;
    return -1;
}

static void put_utf8(rc_buf *b, unsigned cp)
{
    char u[4];
    size_t n;
    if (cp < 0x80) {
        u[0] = (char)cp;
        n = 1;
    } else if (cp < 0x800) {
        u[0] = (char)(0xc0 | (cp >> 6));
        u[1] = (char)(0x80 | (cp & 0x3f));
        n = 2;
    } else {
        u[0] = (char)(0xe0 | (cp >> 12));
        u[1] = (char)(0x80 | ((cp >> 6) & 0x3f));
        u[2] = (char)(0x80 | (cp & 0x3f));
        n = 3;
    }
    rc_buf_append(b, u, n);
}

/* Copy s into the arena, decoding the "_xHHHH_" escapes OOXML writes for characters
 * XML cannot hold (a carriage return is "_x000D_"). */
static const char *decode_string(rc_arena *arena, const char *s, size_t n)
{
    if (!memchr(s, '_', n)) return rc_arena_strndup(arena, s, n);
    rc_buf b = RC_BUF_INIT;
    for (size_t i = 0; i < n; i++) {
        if (s[i] == '_' && i + 6 < n && s[i + 1] == 'x' && s[i + 6] == '_') {
            int v = 0;
            bool hex = true;
            for (size_t k = 2; k < 6; k++) {
                int h = hexval(s[i + k]);
                if (h < 0) hex = false;
                v = v * 16 + (h < 0 ? 0 : h);
            }
            if (hex && v >= 0xd800 && v <= 0xdfff) hex = false; /* no surrogates alone */
            if (hex) {
                if (v != 0) put_utf8(&b, (unsigned)v);
                i += 6;
                continue;
            }
        }
        rc_buf_putc(&b, s[i]);
    }
    const char *out = b.failed ? NULL : rc_arena_strndup(arena, b.data ? b.data : "", b.len);
    rc_buf_free(&b);
    return out;
}

/*
 * The text of a string item (<si> of the shared strings, <is> of an inline string):
 * its <t>, or the <t> of each rich text run <r> joined; the phonetic runs <rPh> are
 * not text a reader sees.  The reader stands on the item's start element; on return
 * it stands on its end.
 */
static int read_string_item(rc_xlsx *wb, reader *r, rc_buf *text, rc_ctx *ctx)
{
    text->len = 0;
    if (text->data) text->data[0] = '\0';
    if (xmlTextReaderIsEmptyElement(r->xr)) return RC_OK;
    int depth = xmlTextReaderDepth(r->xr);
    int in_t = 0, in_rph = 0;
    for (;;) {
        int got = reader_next(wb, r, ctx);
        if (got < 0) return got;
        if (got == 0) return xml_error(wb, r->part, 0, 0, "the document ends inside a string", ctx);
        int type = xmlTextReaderNodeType(r->xr);
        const char *nm = reader_name(r);
        if (type == XML_READER_TYPE_ELEMENT) {
            bool empty = xmlTextReaderIsEmptyElement(r->xr);
            if (strcmp(nm, "t") == 0 && !empty) in_t++;
            if (strcmp(nm, "rPh") == 0 && !empty) in_rph++;
        } else if (type == XML_READER_TYPE_END_ELEMENT) {
            if (xmlTextReaderDepth(r->xr) == depth) break;
            if (strcmp(nm, "t") == 0 && in_t > 0) in_t--;
            if (strcmp(nm, "rPh") == 0 && in_rph > 0) in_rph--;
        } else if (is_text_node(type) && in_t > 0 && in_rph == 0) {
            const xmlChar *v = xmlTextReaderConstValue(r->xr);
            if (v) rc_buf_puts(text, (const char *)v);
        }
    }
    if (text->failed) return oom(ctx);
    return RC_OK;
}

static int read_shared_strings(rc_xlsx *wb, const char *part, rc_ctx *ctx)
{
    reader r;
    int rc = reader_open(wb, part, &r, ctx);
    if (rc == RC_ENOTFOUND) return RC_OK; /* a workbook without strings */
    if (rc < 0) return rc;
    rc_buf text = RC_BUF_INIT;
    int got;
    while ((got = reader_next(wb, &r, ctx)) == 1) {
        if (xmlTextReaderNodeType(r.xr) != XML_READER_TYPE_ELEMENT ||
            strcmp(reader_name(&r), "si") != 0)
            continue;
        if ((rc = read_string_item(wb, &r, &text, ctx)) < 0) break;
        if (grow((void **)&wb->strings, &wb->capstrings, wb->nstrings + 1, sizeof *wb->strings) <
            0) {
            rc = oom(ctx);
            break;
        }
        const char *s = decode_string(wb->arena, text.data ? text.data : "", text.len);
        if (!s) {
            rc = oom(ctx);
            break;
        }
        wb->strings[wb->nstrings++] = s;
    }
    if (got < 0 && rc >= 0) rc = got;
    rc_buf_free(&text);
    reader_close(&r);
    return rc;
}

/* ---- styles ------------------------------------------------------------------------- */

static unsigned parse_uint(const char *s, unsigned max)
{
    unsigned long v = 0;
    if (!s) return 0;
    while (*s == ' ')
        s++;
    while (*s >= '0' && *s <= '9') {
        v = v * 10 + (unsigned long)(*s - '0');
        if (v > max) return max;
        s++;
    }
    return (unsigned)v;
}

/* <b/>, <b val="1"/>, <b val="true"/> (and not <b val="0"/>) */
static bool font_bold(const xmlNode *font)
{
    for (const xmlNode *c = font->children; c; c = c->next) {
        if (!named(c, "b")) continue;
        const char *v = attr(c, "val");
        return !v || strcmp(v, "1") == 0 || strcasecmp(v, "true") == 0 || strcasecmp(v, "on") == 0;
    }
    return false;
}

static int read_styles(rc_xlsx *wb, const char *part, rc_ctx *ctx)
{
    xmlDocPtr doc;
    int rc = parse_part(wb, part, &doc, ctx);
    if (rc == RC_ENOTFOUND) return RC_OK; /* every cell General, no bold */
    if (rc < 0) return rc;
    xmlNode *root = xmlDocGetRootElement(doc);
    bool *bold = NULL;
    size_t nfonts = 0, capfonts = 0, capfmts = 0, capxfs = 0;
    for (xmlNode *sec = root ? root->children : NULL; sec && rc == RC_OK; sec = sec->next) {
        if (named(sec, "numFmts")) {
            for (xmlNode *f = sec->children; f && rc == RC_OK; f = f->next) {
                if (!named(f, "numFmt")) continue;
                const char *code = attr(f, "formatCode");
                if (!code || wb->nfmts >= MAX_STYLES) continue;
                if (grow((void **)&wb->fmts, &capfmts, wb->nfmts + 1, sizeof *wb->fmts) < 0) {
                    rc = oom(ctx);
                    break;
                }
                numfmt *nf = &wb->fmts[wb->nfmts];
                nf->id = parse_uint(attr(f, "numFmtId"), UINT_MAX);
                nf->code = rc_arena_strdup(wb->arena, code);
                if (!nf->code) rc = oom(ctx);
                wb->nfmts++;
            }
        } else if (named(sec, "fonts")) {
            for (xmlNode *f = sec->children; f && rc == RC_OK; f = f->next) {
                if (!named(f, "font") || nfonts >= MAX_STYLES) continue;
                if (grow((void **)&bold, &capfonts, nfonts + 1, sizeof *bold) < 0) {
                    rc = oom(ctx);
                    break;
                }
                bold[nfonts++] = font_bold(f);
            }
        } else if (named(sec, "cellXfs")) {
            for (xmlNode *x = sec->children; x && rc == RC_OK; x = x->next) {
                if (!named(x, "xf") || wb->nxfs >= MAX_STYLES) continue;
                if (grow((void **)&wb->xfs, &capxfs, wb->nxfs + 1, sizeof *wb->xfs) < 0) {
                    rc = oom(ctx);
                    break;
                }
                xf_style *xs = &wb->xfs[wb->nxfs++];
                xs->numfmt = parse_uint(attr(x, "numFmtId"), UINT_MAX);
                unsigned font = parse_uint(attr(x, "fontId"), UINT_MAX);
                xs->bold = font < nfonts && bold[font];
            }
        }
    }
    free(bold);
    xmlFreeDoc(doc);
    return rc;
}

/* The number format code of a cell format (style index s). */
static const char *style_format(const rc_xlsx *wb, unsigned s)
{
    unsigned id = s < wb->nxfs ? wb->xfs[s].numfmt : 0;
    for (size_t i = wb->nfmts; i-- > 0;)
        if (wb->fmts[i].id == id) return wb->fmts[i].code;
    const char *code = rc_xlsx_builtin_format(id);
    return code ? code : "General";
}

/* ---- the package: content types, relationships, the workbook ------------------------ */

/* Resolve a relationship's target against the part that holds it ("xl/workbook.xml" +
 * "worksheets/sheet1.xml" = "xl/worksheets/sheet1.xml"; "/xl/x.xml" is absolute). */
static const char *resolve_target(rc_arena *arena, const char *source, const char *target)
{
    if (target[0] == '/') return rc_arena_strdup(arena, target + 1);
    const char *slash = strrchr(source, '/');
    size_t dir = slash ? (size_t)(slash - source) : 0;
    while (strncmp(target, "../", 3) == 0) {
        target += 3;
        while (dir > 0 && source[dir - 1] != '/')
            dir--;
        if (dir > 0) dir--;
    }
    if (strncmp(target, "./", 2) == 0) target += 2;
    if (dir == 0) return rc_arena_strdup(arena, target);
    return rc_arena_printf(arena, "%.*s/%s", (int)dir, source, target);
}

/* The relationships of part: id, type and resolved target of each. */
typedef struct relation {
    const char *id, *type, *target;
} relation;

static int read_relations(rc_xlsx *wb, const char *part, relation **out, size_t *n, rc_ctx *ctx)
{
    *out = NULL;
    *n = 0;
    const char *slash = strrchr(part, '/');
    const char *rels = slash ? rc_arena_printf(wb->arena, "%.*s/_rels/%s.rels", (int)(slash - part),
                                               part, slash + 1)
                             : rc_arena_printf(wb->arena, "_rels/%s.rels", part);
    if (!rels) return oom(ctx);
    xmlDocPtr doc;
    int rc = parse_part(wb, rels, &doc, ctx);
    if (rc < 0) return rc;
    xmlNode *root = xmlDocGetRootElement(doc);
    size_t cap = 0;
    for (xmlNode *c = root ? root->children : NULL; c && rc == RC_OK; c = c->next) {
        if (!named(c, "Relationship")) continue;
        const char *id = attr(c, "Id"), *type = attr(c, "Type"), *target = attr(c, "Target");
        const char *mode = attr(c, "TargetMode");
        if (!id || !type || !target || (mode && strcasecmp(mode, "External") == 0)) continue;
        if (*n >= MAX_SHEETS * 4) break;
        if (grow((void **)out, &cap, *n + 1, sizeof **out) < 0) {
            rc = oom(ctx);
            break;
        }
        relation *r = &(*out)[*n];
        r->id = rc_arena_strdup(wb->arena, id);
        r->type = rc_arena_strdup(wb->arena, type);
        r->target = resolve_target(wb->arena, part, target);
        if (!r->id || !r->type || !r->target) rc = oom(ctx);
        (*n)++;
    }
    xmlFreeDoc(doc);
    return rc;
}

/* Does a relationship type end in "/<what>" (transitional and strict namespaces alike)? */
static bool type_is(const char *type, const char *what)
{
    size_t n = strlen(type), k = strlen(what);
    return n > k && type[n - k - 1] == '/' && strcmp(type + n - k, what) == 0;
}

/* The workbook part: the package's officeDocument relationship, else xl/workbook.xml. */
static int find_workbook(rc_xlsx *wb, const char **part, rc_ctx *ctx)
{
    *part = "xl/workbook.xml";
    relation *rels = NULL;
    size_t n = 0;
    int rc = read_relations(wb, "", &rels, &n, ctx);
    if (rc == RC_ENOTFOUND) {
        rc_ctx_clear(ctx);
        rc = RC_OK;
    }
    for (size_t i = 0; i < n && rc == RC_OK; i++)
        if (type_is(rels[i].type, "officeDocument")) {
            *part = rels[i].target;
            break;
        }
    free(rels);
    if (rc < 0) return rc;
    if (part_index(wb, *part) < 0)
        return rc_ctx_fail_at(ctx, RC_EFORMAT, wb->name, 0, 0,
                              "a zip archive that holds no workbook (no %s): not an .xlsx file; "
                              "rollcheck does not read other archives: unpack it and give its "
                              "files",
                              *part);
    /* the content type of the main part, when the package says it */
    xmlDocPtr doc;
    rc = parse_part(wb, "[Content_Types].xml", &doc, ctx);
    if (rc == RC_ENOTFOUND) return RC_OK;
    if (rc < 0) return rc;
    xmlNode *root = xmlDocGetRootElement(doc);
    for (xmlNode *c = root ? root->children : NULL; c; c = c->next) {
        const char *name = named(c, "Override") ? attr(c, "PartName") : NULL;
        const char *type = name ? attr(c, "ContentType") : NULL;
        if (!type || strcasecmp(name[0] == '/' ? name + 1 : name, *part) != 0) continue;
        if (!strstr(type, "spreadsheetml") && !strstr(type, "ms-excel")) {
            rc = rc_ctx_fail_at(ctx, RC_EFORMAT, wb->name, 0, 0,
                                "not a workbook: its main part %s is of type %s", *part, type);
        }
        break;
    }
    xmlFreeDoc(doc);
    return rc;
}

static int read_workbook(rc_xlsx *wb, rc_ctx *ctx)
{
    const char *part;
    int rc = find_workbook(wb, &part, ctx);
    if (rc < 0) return rc;
    relation *rels = NULL;
    size_t nrels = 0;
    rc = read_relations(wb, part, &rels, &nrels, ctx);
    if (rc == RC_ENOTFOUND)
        return rc_ctx_fail_at(ctx, RC_EFORMAT, wb->name, 0, 0,
                              "not a workbook: %s has no relationships part", part);
    if (rc < 0) return rc;
    xmlDocPtr doc = NULL;
    rc = parse_part(wb, part, &doc, ctx);
    if (rc == RC_ENOTFOUND) rc = rc_ctx_fail_at(ctx, RC_EFORMAT, wb->name, 0, 0, "no %s", part);
    xmlNode *root = doc ? xmlDocGetRootElement(doc) : NULL;
    size_t cap = 0;
    for (xmlNode *c = root ? root->children : NULL; c && rc == RC_OK; c = c->next) {
        if (named(c, "workbookPr")) {
            const char *d = attr(c, "date1904");
            wb->date1904 = d && (strcmp(d, "1") == 0 || strcasecmp(d, "true") == 0);
        }
        if (!named(c, "sheets")) continue;
        for (xmlNode *s = c->children; s && rc == RC_OK; s = s->next) {
            if (!named(s, "sheet")) continue;
            const char *name = attr(s, "name");
            const char *id = attr_ns(s, "id", true);
            const relation *rel = NULL;
            for (size_t i = 0; id && i < nrels && !rel; i++)
                if (strcmp(rels[i].id, id) == 0) rel = &rels[i];
            if (!name || !rel || !type_is(rel->type, "worksheet")) continue; /* a chart sheet */
            if (wb->nsheets >= MAX_SHEETS) {
                rc = rc_ctx_fail_at(ctx, RC_ELIMIT, wb->name, 0, 0, "more than %d worksheets",
                                    MAX_SHEETS);
                break;
            }
            if (grow((void **)&wb->sheets, &cap, wb->nsheets + 1, sizeof *wb->sheets) < 0) {
                rc = oom(ctx);
                break;
            }
            sheet_ref *sr = &wb->sheets[wb->nsheets++];
            sr->name = rc_arena_strdup(wb->arena, name);
            sr->part = rel->target;
            if (!sr->name) rc = oom(ctx);
        }
    }
    const char *strings = NULL, *styles = NULL;
    for (size_t i = 0; i < nrels; i++) {
        if (type_is(rels[i].type, "sharedStrings")) strings = rels[i].target;
        if (type_is(rels[i].type, "styles")) styles = rels[i].target;
    }
    free(rels);
    if (doc) xmlFreeDoc(doc);
    if (rc < 0) return rc;
    if ((rc = read_styles(wb, styles ? styles : "xl/styles.xml", ctx)) < 0) return rc;
    return read_shared_strings(wb, strings ? strings : "xl/sharedStrings.xml", ctx);
}

int rc_xlsx_open(const char *name, const char *buf, size_t len, rc_xlsx **out, rc_ctx *ctx)
{
    assert(name && out && (buf || len == 0));
    *out = NULL;
    if (len >= 8 && memcmp(buf, OLE_SIGNATURE, 8) == 0) return ole_error(name, buf, len, ctx);
    if (len < 4 || (memcmp(buf, "PK\x03\x04", 4) != 0 && memcmp(buf, "PK\x05\x06", 4) != 0))
        return rc_ctx_fail_at(ctx, RC_EFORMAT, name, 0, 0,
                              "not an .xlsx workbook: not a zip archive");
    rc_xlsx *wb = calloc(1, sizeof *wb);
    if (!wb || !(wb->arena = rc_arena_new())) {
        free(wb);
        return oom(ctx);
    }
    wb->name = rc_arena_strdup(wb->arena, name);
    size_t limit = len > RC_XLSX_MAX_BUDGET / RC_XLSX_BOMB_RATIO ? RC_XLSX_MAX_BUDGET
                                                                 : len * RC_XLSX_BOMB_RATIO;
    wb->limit = limit < RC_XLSX_MIN_BUDGET ? RC_XLSX_MIN_BUDGET : limit;
    int rc = RC_OK;
    zip_error_t zerr;
    zip_error_init(&zerr);
    zip_source_t *src = zip_source_buffer_create(buf, len, 0, &zerr);
    if (!wb->name || !src) {
        rc = oom(ctx);
        goto done;
    }
    wb->zip = zip_open_from_source(src, ZIP_RDONLY, &zerr);
    if (!wb->zip) {
        zip_source_free(src);
        rc = rc_ctx_fail_at(ctx, RC_EFORMAT, name, 0, 0,
                            "not an .xlsx workbook: a zip archive that cannot be read (%s: "
                            "is the file cut short?)",
                            zip_error_strerror(&zerr));
        goto done;
    }
    rc = read_workbook(wb, ctx);
done:
    zip_error_fini(&zerr);
    if (rc < 0) {
        rc_xlsx_free(wb);
        return rc;
    }
    *out = wb;
    return RC_OK;
}

void rc_xlsx_free(rc_xlsx *wb)
{
    if (!wb) return;
    if (wb->zip) zip_discard(wb->zip);
    free(wb->strings);
    free(wb->xfs);
    free(wb->fmts);
    free(wb->sheets);
    rc_arena_free(wb->arena);
    free(wb);
}

size_t rc_xlsx_sheet_count(const rc_xlsx *wb)
{
    return wb->nsheets;
}

const char *rc_xlsx_sheet_name(const rc_xlsx *wb, size_t i)
{
    assert(i < wb->nsheets);
    return wb->sheets[i].name;
}

/* ---- cell references ---------------------------------------------------------------- */

void rc_xlsx_column_name(unsigned col, char buf[static 4])
{
    char tmp[4];
    size_t n = 0;
    unsigned c = col + 1;
    while (c > 0 && n < 3) {
        unsigned r = (c - 1) % 26;
        tmp[n++] = (char)('A' + r);
        c = (c - 1) / 26;
    }
    for (size_t i = 0; i < n; i++)
        buf[i] = tmp[n - 1 - i];
    buf[n] = '\0';
}

/* "B7" -> column 1, row 7; "$B$7" too.  *len: the characters read.  False when s
 * holds no reference or one beyond Excel's grid. */
static bool parse_ref(const char *s, unsigned *col, unsigned *row, size_t *len)
{
    size_t i = 0;
    if (s[i] == '$') i++;
    unsigned c = 0;
    size_t letters = 0;
    while ((s[i] >= 'A' && s[i] <= 'Z') || (s[i] >= 'a' && s[i] <= 'z')) {
        char u = (char)(s[i] & ~0x20);
        c = c * 26 + (unsigned)(u - 'A' + 1);
        if (++letters > 3) return false;
        i++;
    }
    if (s[i] == '$') i++;
    unsigned long r = 0;
    size_t digits = 0;
    while (s[i] >= '0' && s[i] <= '9') {
        r = r * 10 + (unsigned long)(s[i] - '0');
        if (++digits > 7) return false;
        i++;
    }
    if (letters == 0 || digits == 0 || c > RC_XLSX_MAX_COL || r == 0 || r > RC_XLSX_MAX_ROW)
        return false;
    *col = c - 1;
    *row = (unsigned)r;
    if (len) *len = i;
    return true;
}

/* ---- number formats ----------------------------------------------------------------- */

const char *rc_xlsx_builtin_format(unsigned id)
{
    /* ECMA-376 part 1, 18.8.30, with the en-US codes of the locale-dependent ones */
    switch (id) {
    case 0:
        return "General";
    case 1:
        return "0";
    case 2:
        return "0.00";
    case 3:
        return "#,##0";
    case 4:
        return "#,##0.00";
    case 5:
        return "$#,##0_);($#,##0)";
    case 6:
        return "$#,##0_);[Red]($#,##0)";
    case 7:
        return "$#,##0.00_);($#,##0.00)";
    case 8:
        return "$#,##0.00_);[Red]($#,##0.00)";
    case 9:
        return "0%";
    case 10:
        return "0.00%";
    case 11:
        return "0.00E+00";
    case 12:
        return "# ?/?";
    case 13:
        return "# ?\?/?\?";
    case 14:
        return "m/d/yyyy";
    case 15:
        return "d-mmm-yy";
    case 16:
        return "d-mmm";
    case 17:
        return "mmm-yy";
    case 18:
        return "h:mm AM/PM";
    case 19:
        return "h:mm:ss AM/PM";
    case 20:
        return "h:mm";
    case 21:
        return "h:mm:ss";
    case 22:
        return "m/d/yyyy h:mm";
    case 37:
        return "#,##0 ;(#,##0)";
    case 38:
        return "#,##0 ;[Red](#,##0)";
    case 39:
        return "#,##0.00;(#,##0.00)";
    case 40:
        return "#,##0.00;[Red](#,##0.00)";
    case 41:
        return "_(* #,##0_);_(* \\(#,##0\\);_(* \"-\"_);_(@_)";
    case 42:
        return "_(\"$\"* #,##0_);_(\"$\"* \\(#,##0\\);_(\"$\"* \"-\"_);_(@_)";
    case 43:
        return "_(* #,##0.00_);_(* \\(#,##0.00\\);_(* \"-\"??_);_(@_)";
    case 44:
        return "_(\"$\"* #,##0.00_);_(\"$\"* \\(#,##0.00\\);_(\"$\"* \"-\"??_);_(@_)";
    case 45:
        return "mm:ss";
    case 46:
        return "[h]:mm:ss";
    case 47:
        return "mm:ss.0";
    case 48:
        return "##0.0E+0";
    case 49:
        return "@";
    default:
        return NULL;
    }
}

/* q rounded to `places` decimal places (negative: to tens, hundreds ...), half away
 * from zero. */
static void round_places(mpq_t dst, const mpq_t q, int places)
{
    mpz_t p, n, r;
    mpz_inits(p, n, r, NULL);
    mpz_ui_pow_ui(p, 10, (unsigned long)(places < 0 ? -places : places));
    mpq_t t;
    mpq_init(t);
    mpq_abs(t, q);
    if (places >= 0) {
        mpz_mul(mpq_numref(t), mpq_numref(t), p);
    } else {
        mpz_mul(mpq_denref(t), mpq_denref(t), p);
    }
    mpq_canonicalize(t);
    /* n = floor(t + 1/2) = floor((2 num + den) / (2 den)) */
    mpz_mul_2exp(n, mpq_numref(t), 1);
    mpz_add(n, n, mpq_denref(t));
    mpz_mul_2exp(r, mpq_denref(t), 1);
    mpz_fdiv_q(n, n, r);
    if (mpq_sgn(q) < 0) mpz_neg(n, n);
    mpq_set_z(dst, n);
    if (places >= 0) {
        mpq_set_z(t, p);
        mpq_div(dst, dst, t);
    } else {
        mpz_mul(mpq_numref(dst), mpq_numref(dst), p);
        mpq_canonicalize(dst);
    }
    mpq_clear(t);
    mpz_clears(p, n, r, NULL);
}

/* The power of ten of |q|'s leading digit (q != 0). */
static int magnitude(const mpq_t q)
{
    mpq_t a;
    mpq_init(a);
    mpq_abs(a, q);
    int e = 0;
    mpz_t t;
    mpz_init(t);
    if (mpq_cmp_ui(a, 1, 1) >= 0) {
        mpz_tdiv_q(t, mpq_numref(a), mpq_denref(a));
        e = (int)mpz_sizeinbase(t, 10) - 1;
        /* sizeinbase may be one too large */
        mpz_t p;
        mpz_init(p);
        mpz_ui_pow_ui(p, 10, (unsigned long)e);
        if (mpz_cmp(t, p) < 0) e--;
        mpz_clear(p);
    } else {
        while (mpq_cmp_ui(a, 1, 1) < 0 && e > -400) {
            mpz_mul_ui(mpq_numref(a), mpq_numref(a), 10);
            mpq_canonicalize(a);
            e--;
        }
    }
    mpz_clear(t);
    mpq_clear(a);
    return e;
}

/* Excel's precision: 15 significant digits. */
static void round_significant(mpq_t q)
{
    if (mpq_sgn(q) == 0) return;
    round_places(q, q, SIG_DIGITS - 1 - magnitude(q));
}

/* The sections of a format code, split at ';' outside quotes, escapes and brackets. */
static size_t split_sections(const char *code, const char *sec[4], size_t len[4])
{
    size_t n = 0;
    const char *start = code;
    for (const char *p = code;; p++) {
        if (*p == '"') {
            p++;
            while (*p && *p != '"')
                p++;
            if (!*p) p--;
        } else if (*p == '\\' || *p == '_' || *p == '*') {
            if (p[1]) p++;
        } else if (*p == '[') {
            while (*p && *p != ']')
                p++;
            if (!*p) p--;
        }
        if (*p == ';' || *p == '\0') {
            if (n < 4) {
                sec[n] = start;
                len[n] = (size_t)(p - start);
                n++;
            }
            if (*p == '\0') break;
            start = p + 1;
        }
    }
    return n;
}

static bool is_date_letter(char c)
{
    c = (char)(c | 0x20);
    return c == 'y' || c == 'm' || c == 'd' || c == 'h' || c == 's';
}

/* What a section of a format code holds. */
typedef struct fmt_section {
    rc_buf prefix, suffix; /* literal text before and after the number */
    int int_zeros;         /* '0' placeholders before the point */
    int int_places;        /* all placeholders before the point */
    int dec_zeros, dec_places;
    bool point, grouping, general, date, exponent, fraction, text;
    int scale_commas;
    int percents;
} fmt_section;

static void section_free(fmt_section *f)
{
    rc_buf_free(&f->prefix);
    rc_buf_free(&f->suffix);
}

/* Read the literal at p (quoted text, an escaped character, a [$sym-locale]); returns
 * the characters consumed and appends the literal to out, or 0 when p holds none. */
static size_t literal_at(const char *p, const char *end, rc_buf *out)
{
    if (*p == '"') {
        const char *q = p + 1;
        while (q < end && *q != '"')
            q++;
        rc_buf_append(out, p + 1, (size_t)(q - p - 1));
        return (size_t)(q < end ? q + 1 - p : q - p);
    }
    if (*p == '\\' && p + 1 < end) {
        rc_buf_append(out, p + 1, 1);
        return 2;
    }
    if ((*p == '_' || *p == '*') && p + 1 < end) return 2; /* padding, fill: no text */
    if (*p == '[') {
        const char *q = p;
        while (q < end && *q != ']')
            q++;
        if (p + 1 < end && p[1] == '$') {
            /* [$€-407]: a currency symbol and its locale */
            const char *s = p + 2, *e = s;
            while (e < q && *e != '-')
                e++;
            rc_buf_append(out, s, (size_t)(e - s));
        }
        return (size_t)(q < end ? q + 1 - p : q - p);
    }
    return 0;
}

/* Scan a section: its literals, its placeholders. */
static void scan_section(const char *s, size_t n, fmt_section *f)
{
    memset(f, 0, sizeof *f);
    const char *end = s + n;
    bool in_number = false, after_number = false;
    bool last_was_digit = false;
    int pending_commas = 0;
    for (const char *p = s; p < end;) {
        rc_buf *lit = after_number || in_number ? &f->suffix : &f->prefix;
        if (end - p >= 7 && strncasecmp(p, "General", 7) == 0) {
            f->general = true;
            in_number = true;
            p += 7;
            continue;
        }
        size_t k = literal_at(p, end, lit);
        if (k) {
            if (in_number) after_number = true;
            p += k;
            last_was_digit = false;
            continue;
        }
        char c = *p;
        if (c == '0' || c == '#' || c == '?') {
            if (after_number && !f->point) {
                /* digits after literal text inside the number ("000-00-0000"): one number */
                after_number = false;
            }
            in_number = true;
            if (pending_commas) {
                f->grouping = true;
                pending_commas = 0;
            }
            if (f->point) {
                f->dec_places++;
                if (c == '0') f->dec_zeros++;
            } else {
                f->int_places++;
                if (c == '0') f->int_zeros++;
            }
            last_was_digit = true;
            p++;
            continue;
        }
        if (c == '.' && in_number && !f->point && !after_number) {
            if (pending_commas) f->scale_commas += pending_commas;
            pending_commas = 0;
            f->point = true;
            p++;
            continue;
        }
        if (c == '.' && !in_number && p + 1 < end && (p[1] == '0' || p[1] == '#' || p[1] == '?')) {
            in_number = true; /* ".00" */
            f->point = true;
            p++;
            continue;
        }
        if (c == ',' && in_number && !after_number) {
            if (last_was_digit || pending_commas) pending_commas++;
            last_was_digit = false;
            p++;
            continue;
        }
        if ((c == 'E' || c == 'e') && in_number && p + 1 < end && (p[1] == '+' || p[1] == '-')) {
            f->exponent = true;
            p += 2;
            continue;
        }
        if (c == '/' && in_number) {
            f->fraction = true;
            p++;
            continue;
        }
        if (c == '@') {
            f->text = true;
            p++;
            continue;
        }
        if (is_date_letter(c) && !in_number) {
            f->date = true;
            p++;
            continue;
        }
        if (c == '%') f->percents++;
        if (in_number) {
            if (pending_commas) f->scale_commas += pending_commas;
            pending_commas = 0;
            after_number = true;
        }
        rc_buf_putc(in_number ? &f->suffix : &f->prefix, c);
        last_was_digit = false;
        p++;
    }
    if (pending_commas) f->scale_commas += pending_commas;
}

static const char *const month_names[12] = {"January",   "February", "March",    "April",
                                            "May",       "June",     "July",     "August",
                                            "September", "October",  "November", "December"};
static const char *const day_names[7] = {"Sunday",   "Monday", "Tuesday", "Wednesday",
                                         "Thursday", "Friday", "Saturday"};

/* A serial date-time as the date format section s[0..n) shows it. */
static void format_date(const mpq_t serial, const char *s, size_t n, bool date1904, rc_buf *out,
                        rc_day *day_out)
{
    mpz_t whole;
    mpz_init(whole);
    mpz_fdiv_q(whole, mpq_numref(serial), mpq_denref(serial));
    long days = mpz_fits_slong_p(whole) ? mpz_get_si(whole) : 0;
    /* the time of day in seconds, rounded */
    mpq_t frac;
    mpq_init(frac);
    mpq_set_z(frac, whole);
    mpq_sub(frac, serial, frac);
    mpz_t secs;
    mpz_init(secs);
    mpz_mul_ui(secs, mpq_numref(frac), 86400 * 2);
    mpz_add(secs, secs, mpq_denref(frac));
    mpz_fdiv_q(secs, secs, mpq_denref(frac));
    mpz_fdiv_q_2exp(secs, secs, 1);
    long seconds = mpz_get_si(secs);
    if (seconds >= 86400) {
        seconds -= 86400;
        days++;
    }
    mpz_clears(whole, secs, NULL);
    mpq_clear(frac);
    if (days < 0) days = 0;
    if (days > 2958465) days = 2958465; /* 9999-12-31 */
    int y, m, d;
    rc_day day;
    if (date1904) {
        day = rc_day_from_ymd(1904, 1, 1) + (rc_day)days;
        rc_day_to_ymd(day, &y, &m, &d);
    } else if (days == 60) {
        /* Lotus 1-2-3's 29 February 1900, which Excel keeps */
        y = 1900, m = 2, d = 29;
        day = RC_NO_DATE;
    } else {
        day = rc_day_from_ymd(1899, 12, days < 60 ? 31 : 30) + (rc_day)days;
        rc_day_to_ymd(day, &y, &m, &d);
    }
    if (day_out) *day_out = day;
    int weekday = day == RC_NO_DATE ? 4 : (int)(((day % 7) + 7 + 4) % 7); /* 1970-01-01: Thu */
    int hour = (int)(seconds / 3600), minute = (int)(seconds / 60 % 60),
        second = (int)(seconds % 60);
    bool ampm = false;
    for (size_t i = 0; i + 1 < n; i++)
        if ((s[i] == 'A' || s[i] == 'a') && (s[i + 1] == 'M' || s[i + 1] == 'm' || s[i + 1] == '/'))
            ampm = true;
    bool after_hour = false;
    const char *end = s + n;
    for (const char *p = s; p < end;) {
        size_t k = literal_at(p, end, out);
        if (k) {
            p += k;
            continue;
        }
        char c = (char)(*p | 0x20);
        size_t run = 1;
        while (p + run < end && (char)(p[run] | 0x20) == c)
            run++;
        if (c == 'y') {
            if (run <= 2)
                rc_buf_printf(out, "%02d", y % 100);
            else
                rc_buf_printf(out, "%04d", y);
        } else if (c == 'd') {
            if (run == 1)
                rc_buf_printf(out, "%d", d);
            else if (run == 2)
                rc_buf_printf(out, "%02d", d);
            else if (run == 3)
                rc_buf_printf(out, "%.3s", day_names[weekday]);
            else
                rc_buf_puts(out, day_names[weekday]);
        } else if (c == 'm') {
            /* minutes after an hour or before seconds, else the month */
            bool minutes = after_hour;
            for (const char *q = p + run; q < end && !minutes; q++) {
                if (*q == 's' || *q == 'S') minutes = true;
                if (is_date_letter(*q) && (*q | 0x20) != 's') break;
            }
            if (minutes && run <= 2)
                rc_buf_printf(out, run == 1 ? "%d" : "%02d", minute);
            else if (run == 1)
                rc_buf_printf(out, "%d", m);
            else if (run == 2)
                rc_buf_printf(out, "%02d", m);
            else if (run == 3)
                rc_buf_printf(out, "%.3s", month_names[m - 1]);
            else if (run == 5)
                rc_buf_printf(out, "%.1s", month_names[m - 1]);
            else
                rc_buf_puts(out, month_names[m - 1]);
        } else if (c == 'h') {
            int h = ampm ? (hour % 12 == 0 ? 12 : hour % 12) : hour;
            rc_buf_printf(out, run == 1 ? "%d" : "%02d", h);
            after_hour = true;
            p += run;
            continue;
        } else if (c == 's') {
            rc_buf_printf(out, run == 1 ? "%d" : "%02d", second);
        } else if (c == 'a' && (size_t)(end - p) >= 5 && strncasecmp(p, "AM/PM", 5) == 0) {
            rc_buf_puts(out, hour < 12 ? "AM" : "PM");
            run = 5;
        } else if (c == 'a' && (size_t)(end - p) >= 3 && strncasecmp(p, "A/P", 3) == 0) {
            rc_buf_puts(out, hour < 12 ? "A" : "P");
            run = 3;
        } else {
            rc_buf_append(out, p, 1);
            run = 1;
        }
        if (c == 'y' || c == 'd' || c == 'm' || c == 's') after_hour = false;
        p += run;
    }
}

/* The General format: 15 significant digits, no trailing zeros. */
static char *format_general(const mpq_t q, int *places)
{
    mpq_t r;
    mpq_init(r);
    mpq_set(r, q);
    round_significant(r);
    char *s = rc_q_format_exact(r, 400, RC_ROUND_NEAREST);
    mpq_clear(r);
    if (s && places) {
        const char *dot = strchr(s, '.');
        *places = dot ? (int)strlen(dot + 1) : 0;
    }
    return s;
}

int rc_xlsx_format_number(const char *value, const char *format, bool date1904, char **out,
                          int *places, int *scale, unsigned *flags, rc_day *date)
{
    assert(value && out);
    *out = NULL;
    int p = 0, sc = 0;
    unsigned fl = 0;
    rc_day dt = RC_NO_DATE;
    rc_value v;
    rc_value_init(&v);
    if (rc_value_parse(&v, value, strlen(value), 0, RC_PARSE_EXPONENT, NULL, NULL) != RC_OK) {
        rc_value_clear(&v);
        return RC_ESYNTAX;
    }
    if (mpq_sgn(v.q) < 0) fl |= RC_XLSX_NEGATIVE;
    if (!format || !format[0]) format = "General";
    const char *sec[4];
    size_t len[4];
    size_t nsec = split_sections(format, sec, len);
    size_t which = 0;
    bool minus = false;
    int sign = mpq_sgn(v.q);
    if (sign < 0 && nsec >= 2)
        which = 1;
    else if (sign == 0 && nsec >= 3)
        which = 2;
    else
        minus = sign < 0;
    mpq_t q;
    mpq_init(q);
    if (which == 1)
        mpq_abs(q, v.q);
    else
        mpq_set(q, v.q);
    fmt_section f;
    scan_section(sec[which], len[which], &f);
    rc_buf b = RC_BUF_INIT;
    char *num = NULL;
    bool nomem = false;
    if (f.date && !f.general && f.int_places == 0) {
        format_date(q, sec[which], len[which], date1904, &b, &dt);
        fl |= RC_XLSX_DATE;
    } else if (f.general || f.exponent || f.fraction ||
               (f.int_places == 0 && f.dec_places == 0 && !f.point)) {
        /* General, and the forms rollcheck has no use for shown as General */
        if (f.int_places == 0 && f.dec_places == 0 && !f.general && !f.exponent && !f.fraction &&
            (f.prefix.len || f.suffix.len) && !f.text) {
            /* a section of literal text only ("-" for zero) */
            rc_buf_append(&b, f.prefix.data ? f.prefix.data : "", f.prefix.len);
            rc_buf_append(&b, f.suffix.data ? f.suffix.data : "", f.suffix.len);
        } else {
            mpq_t a;
            mpq_init(a);
            mpq_abs(a, q);
            num = format_general(minus || which == 1 ? a : q, &p);
            mpq_clear(a);
            if (minus && num) {
                char *m = malloc(strlen(num) + 2);
                if (m) {
                    m[0] = '-';
                    strcpy(m + 1, num);
                }
                free(num);
                num = m;
            }
            minus = false;
            nomem = !num;
            if (num) {
                rc_buf_append(&b, f.prefix.data ? f.prefix.data : "", f.prefix.len);
                rc_buf_puts(&b, num);
                rc_buf_append(&b, f.suffix.data ? f.suffix.data : "", f.suffix.len);
            }
        }
    } else {
        mpq_t a;
        mpq_init(a);
        mpq_abs(a, q);
        for (int i = 0; i < f.percents; i++) {
            mpz_mul_ui(mpq_numref(a), mpq_numref(a), 100);
            mpq_canonicalize(a);
        }
        for (int i = 0; i < f.scale_commas; i++) {
            mpz_mul_ui(mpq_denref(a), mpq_denref(a), 1000);
            mpq_canonicalize(a);
        }
        round_significant(a);
        num = rc_q_format(a, f.dec_places, RC_ROUND_NEAREST, f.grouping);
        mpq_clear(a);
        if (num) {
            /* optional decimal places: trailing zeros beyond the '0's go */
            char *dot = strchr(num, '.');
            if (dot) {
                size_t keep = (size_t)f.dec_zeros;
                size_t have = strlen(dot + 1);
                while (have > keep && dot[have] == '0')
                    dot[have--] = '\0';
                if (have == 0 && !f.point) *dot = '\0';
                p = (int)have;
            }
            /* integer digits: "#.00" shows ".50", "00" shows "05" */
            size_t intlen = dot ? (size_t)(dot - num) : strlen(num);
            if (f.int_zeros == 0 && intlen == 1 && num[0] == '0' && (dot || f.dec_places)) {
                memmove(num, num + 1, strlen(num));
            } else {
                size_t digits = 0;
                for (size_t i = 0; i < intlen; i++)
                    digits += num[i] >= '0' && num[i] <= '9';
                if ((int)digits < f.int_zeros) {
                    size_t pad = (size_t)f.int_zeros - digits;
                    char *np = malloc(strlen(num) + pad + 1);
                    if (np) {
                        memset(np, '0', pad);
                        strcpy(np + pad, num);
                    }
                    free(num);
                    num = np;
                }
            }
        }
        nomem = !num;
        if (num) {
            if (minus) rc_buf_putc(&b, '-');
            rc_buf_append(&b, f.prefix.data ? f.prefix.data : "", f.prefix.len);
            rc_buf_puts(&b, num);
            rc_buf_append(&b, f.suffix.data ? f.suffix.data : "", f.suffix.len);
        }
        sc = 3 * f.scale_commas;
        if (f.percents) fl |= RC_XLSX_PERCENT;
    }
    bool failed = b.failed || nomem;
    free(num);
    section_free(&f);
    mpq_clear(q);
    rc_value_clear(&v);
    if (failed) {
        rc_buf_free(&b);
        return RC_ENOMEM;
    }
    /* trim the padding Excel leaves around a number */
    char *s = rc_buf_take(&b);
    if (!s) return RC_ENOMEM;
    size_t start = 0, n = strlen(s);
    while (start < n && s[start] == ' ')
        start++;
    while (n > start && s[n - 1] == ' ')
        n--;
    memmove(s, s + start, n - start);
    s[n - start] = '\0';
    *out = s;
    if (places) *places = p;
    if (scale) *scale = sc;
    if (flags) *flags = fl;
    if (date) *date = dt;
    return RC_OK;
}

/* ---- worksheets --------------------------------------------------------------------- */

typedef struct merge {
    unsigned r1, c1, r2, c2;
} merge;

typedef struct sheet_builder {
    rc_xlsx *wb;
    rc_xlsx_sheet *sheet;
    rc_ctx *ctx;
    size_t caprows;
    rc_xlsx_cell *cur; /* the cells of the row being read */
    size_t ncur, capcur;
    unsigned row;      /* the row being read */
    unsigned next_col; /* the column of a cell that does not say */
    rc_buf unreadable;
    merge *merges;
    size_t nmerges, capmerges;
    rc_buf value, text;
} sheet_builder;

void rc_xlsx_sheet_free(rc_xlsx_sheet *sheet)
{
    if (!sheet) return;
    for (size_t i = 0; i < sheet->nrows; i++)
        free(sheet->rows[i].cells);
    free(sheet->rows);
    rc_arena_free(sheet->arena);
    free(sheet);
}

/* The cell whose element the reader stands on: its attributes, its value. */
static int read_cell(sheet_builder *b, reader *r)
{
    rc_xlsx *wb = b->wb;
    rc_xlsx_sheet *sh = b->sheet;
    char *ref = reader_attr(r, "r");
    char *style = reader_attr(r, "s");
    char *type = reader_attr(r, "t");
    unsigned col = b->next_col, rowno = 0;
    if (ref && !parse_ref(ref, &col, &rowno, NULL)) col = b->next_col;
    unsigned s = parse_uint(style, UINT_MAX);
    bool has_v = false, has_f = false, has_is = false;
    int rc = RC_OK;
    b->value.len = 0;
    b->text.len = 0;
    if (!xmlTextReaderIsEmptyElement(r->xr)) {
        int depth = xmlTextReaderDepth(r->xr);
        int in_v = 0;
        for (;;) {
            int got = reader_next(wb, r, b->ctx);
            if (got < 0) {
                rc = got;
                goto done;
            }
            if (got == 0) {
                rc = xml_error(wb, r->part, 0, 0, "the document ends inside a cell", b->ctx);
                goto done;
            }
            int nt = xmlTextReaderNodeType(r->xr);
            const char *nm = reader_name(r);
            if (nt == XML_READER_TYPE_END_ELEMENT) {
                if (xmlTextReaderDepth(r->xr) == depth) break;
                if (strcmp(nm, "v") == 0 && in_v > 0) in_v--;
            } else if (nt == XML_READER_TYPE_ELEMENT) {
                bool empty = xmlTextReaderIsEmptyElement(r->xr);
                if (strcmp(nm, "v") == 0) {
                    has_v = true;
                    if (!empty) in_v++;
                } else if (strcmp(nm, "f") == 0) {
                    has_f = true;
                    if (!empty && (rc = xmlTextReaderNext(r->xr)) < 0) {
                        rc = xml_error(wb, r->part, r->error.line, r->error.col,
                                       r->error.set ? r->error.message : NULL, b->ctx);
                        goto done;
                    }
                    rc = RC_OK;
                    /* xmlTextReaderNext stands on the node after </f>: look at it */
                    nt = xmlTextReaderNodeType(r->xr);
                    if (nt == XML_READER_TYPE_END_ELEMENT && xmlTextReaderDepth(r->xr) == depth)
                        break;
                    if (nt == XML_READER_TYPE_ELEMENT && strcmp(reader_name(r), "v") == 0) {
                        has_v = true;
                        if (!xmlTextReaderIsEmptyElement(r->xr)) in_v++;
                    } else if (nt == XML_READER_TYPE_ELEMENT && strcmp(reader_name(r), "is") == 0) {
                        has_is = true;
                        if ((rc = read_string_item(wb, r, &b->text, b->ctx)) < 0) goto done;
                    }
                } else if (strcmp(nm, "is") == 0) {
                    has_is = true;
                    if ((rc = read_string_item(wb, r, &b->text, b->ctx)) < 0) goto done;
                }
            } else if (is_text_node(nt) && in_v > 0) {
                const xmlChar *v = xmlTextReaderConstValue(r->xr);
                if (v) rc_buf_puts(&b->value, (const char *)v);
            }
        }
    }
    if (b->value.failed || b->text.failed) {
        rc = oom(b->ctx);
        goto done;
    }
    /* an empty <v> holds no value, but for a formula's empty string */
    if (has_v && b->value.len == 0 && !(type && strcmp(type, "str") == 0)) has_v = false;
    if (wb->cells >= RC_XLSX_MAX_CELLS) {
        rc = rc_ctx_fail_at(b->ctx, RC_ELIMIT, wb->name, 0, 0,
                            "more than %zu cells: beyond what rollcheck reads of a workbook",
                            RC_XLSX_MAX_CELLS);
        goto done;
    }
    if (grow((void **)&b->cur, &b->capcur, b->ncur + 1, sizeof *b->cur) < 0) {
        rc = oom(b->ctx);
        goto done;
    }
    rc_xlsx_cell *c = &b->cur[b->ncur];
    memset(c, 0, sizeof *c);
    c->col = col;
    c->span_cols = c->span_rows = 1;
    c->date = RC_NO_DATE;
    c->format = style_format(wb, s);
    if (s < wb->nxfs && wb->xfs[s].bold) c->flags |= RC_XLSX_BOLD;
    if (has_f) c->flags |= RC_XLSX_FORMULA;
    const char *v = b->value.data ? b->value.data : "";
    /* trim the blanks an indenting writer may leave around a number */
    size_t vn = b->value.len;
    const char *t = type ? type : "n";
    bool numeric = strcmp(t, "n") == 0;
    while (numeric && vn && (*v == ' ' || *v == '\n' || *v == '\t' || *v == '\r')) {
        v++;
        vn--;
    }
    while (numeric && vn && (v[vn - 1] == ' ' || v[vn - 1] == '\n' || v[vn - 1] == '\t'))
        vn--;
    const char *value = "", *shown = NULL;
    if (has_f && !has_v && !has_is) {
        c->type = RC_XLSX_UNREADABLE;
        char name[4];
        rc_xlsx_column_name(col, name);
        if (sh->nunreadable < MAX_NAMED_UNREADABLE)
            rc_buf_printf(&b->unreadable, "%s%s%u", b->unreadable.len ? ", " : "", name, b->row);
        sh->nunreadable++;
    } else if (strcmp(t, "inlineStr") == 0) {
        c->type = has_is ? RC_XLSX_STRING : RC_XLSX_EMPTY;
        value =
            has_is ? decode_string(sh->arena, b->text.data ? b->text.data : "", b->text.len) : "";
    } else if (!has_v) {
        c->type = RC_XLSX_EMPTY;
    } else if (strcmp(t, "s") == 0) {
        char *end = NULL;
        unsigned long idx = strtoul(v, &end, 10);
        if (end == v || idx >= wb->nstrings) {
            char name[4];
            rc_xlsx_column_name(col, name);
            rc = rc_ctx_fail_at(b->ctx, RC_ESYNTAX, wb->name, 0, 0,
                                "sheet '%s', cell %s%u: it names shared string '%s', but the "
                                "workbook has %zu",
                                sh->name, name, b->row, v, wb->nstrings);
            goto done;
        }
        c->type = RC_XLSX_STRING;
        value = wb->strings[idx];
    } else if (strcmp(t, "b") == 0) {
        c->type = RC_XLSX_BOOL;
        value = strcmp(v, "1") == 0 || strcasecmp(v, "true") == 0 ? "TRUE" : "FALSE";
    } else if (strcmp(t, "e") == 0) {
        c->type = RC_XLSX_ERROR;
        value = rc_arena_strndup(sh->arena, v, vn);
    } else if (numeric) {
        value = rc_arena_strndup(sh->arena, v, vn);
        char *out = NULL;
        int frc = value ? rc_xlsx_format_number(value, c->format, wb->date1904, &out, &c->places,
                                                &c->scale, &c->flags, &c->date)
                        : RC_ENOMEM;
        /* flags: the format's, and the ones set above */
        if (frc == RC_OK) {
            c->flags |= (s < wb->nxfs && wb->xfs[s].bold ? RC_XLSX_BOLD : 0) |
                        (has_f ? RC_XLSX_FORMULA : 0);
            c->type = RC_XLSX_NUMBER;
            shown = rc_arena_strdup(sh->arena, out);
            free(out);
            if (!shown) value = NULL;
        } else if (frc == RC_ESYNTAX) {
            c->type = RC_XLSX_STRING; /* not a number after all: show what is there */
        } else {
            value = NULL;
        }
    } else {
        /* "str" (a formula's text), "d" (an ISO 8601 date) */
        c->type = RC_XLSX_STRING;
        value = decode_string(sh->arena, v, vn);
    }
    if (!value) {
        rc = oom(b->ctx);
        goto done;
    }
    c->value = value;
    c->shown = shown ? shown : value;
    b->ncur++;
    wb->cells++;
    b->next_col = col + 1;
done:
    xmlFree(ref);
    xmlFree(style);
    xmlFree(type);
    return rc;
}

static int cell_cmp(const void *a, const void *b)
{
    const rc_xlsx_cell *x = a, *y = b;
    return x->col < y->col ? -1 : x->col > y->col;
}

/* The row being read is complete: keep it when it holds cells. */
static int flush_row(sheet_builder *b)
{
    if (b->ncur == 0) return RC_OK;
    rc_xlsx_sheet *sh = b->sheet;
    if (grow((void **)&sh->rows, &b->caprows, sh->nrows + 1, sizeof *sh->rows) < 0)
        return oom(b->ctx);
    rc_xlsx_cell *cells = malloc(b->ncur * sizeof *cells);
    if (!cells) return oom(b->ctx);
    memcpy(cells, b->cur, b->ncur * sizeof *cells);
    bool sorted = true;
    for (size_t i = 1; i < b->ncur && sorted; i++)
        sorted = cells[i - 1].col < cells[i].col;
    if (!sorted) qsort(cells, b->ncur, sizeof *cells, cell_cmp);
    rc_xlsx_row *row = &sh->rows[sh->nrows++];
    row->row = b->row;
    row->cells = cells;
    row->ncells = b->ncur;
    b->ncur = 0;
    return RC_OK;
}

static int read_merge(sheet_builder *b, reader *r)
{
    char *ref = reader_attr(r, "ref");
    int rc = RC_OK;
    merge m;
    size_t k;
    if (ref && parse_ref(ref, &m.c1, &m.r1, &k) && ref[k] == ':' &&
        parse_ref(ref + k + 1, &m.c2, &m.r2, NULL)) {
        if (m.r2 < m.r1) {
            unsigned t = m.r1;
            m.r1 = m.r2;
            m.r2 = t;
        }
        if (m.c2 < m.c1) {
            unsigned t = m.c1;
            m.c1 = m.c2;
            m.c2 = t;
        }
        if (b->nmerges >= MAX_MERGES)
            rc = rc_ctx_fail_at(b->ctx, RC_ELIMIT, b->wb->name, 0, 0,
                                "sheet '%s' has more than %d merged ranges", b->sheet->name,
                                MAX_MERGES);
        else if (grow((void **)&b->merges, &b->capmerges, b->nmerges + 1, sizeof *b->merges) < 0)
            rc = oom(b->ctx);
        else if (m.r1 != m.r2 || m.c1 != m.c2)
            b->merges[b->nmerges++] = m;
    }
    xmlFree(ref);
    return rc;
}

static int row_cmp(const void *a, const void *b)
{
    const rc_xlsx_row *x = a, *y = b;
    return x->row < y->row ? -1 : x->row > y->row;
}

/* Index of the first row numbered >= row. */
static size_t row_lower(const rc_xlsx_sheet *sh, unsigned row)
{
    size_t lo = 0, hi = sh->nrows;
    while (lo < hi) {
        size_t mid = lo + (hi - lo) / 2;
        if (sh->rows[mid].row < row)
            lo = mid + 1;
        else
            hi = mid;
    }
    return lo;
}

/* Index of the first cell of row at column >= col. */
static size_t cell_lower(const rc_xlsx_row *row, unsigned col)
{
    size_t lo = 0, hi = row->ncells;
    while (lo < hi) {
        size_t mid = lo + (hi - lo) / 2;
        if (row->cells[mid].col < col)
            lo = mid + 1;
        else
            hi = mid;
    }
    return lo;
}

const rc_xlsx_cell *rc_xlsx_cell_at(const rc_xlsx_sheet *sheet, unsigned row, unsigned col)
{
    size_t r = row_lower(sheet, row);
    if (r >= sheet->nrows || sheet->rows[r].row != row) return NULL;
    const rc_xlsx_row *rw = &sheet->rows[r];
    size_t k = cell_lower(rw, col);
    return k < rw->ncells && rw->cells[k].col == col ? &rw->cells[k] : NULL;
}

/* The merged ranges: the top-left cell spans each (made when the part leaves it out),
 * the cells under it are covered.  The rows are sorted. */
static int apply_merges(sheet_builder *b)
{
    rc_xlsx_sheet *sh = b->sheet;
    /* rows for the top-left cells that have none: added at the end, then sorted in */
    size_t sorted = sh->nrows;
    for (size_t i = 0; i < b->nmerges; i++) {
        unsigned want = b->merges[i].r1;
        size_t r = row_lower(sh, want);
        if (r < sorted && sh->rows[r].row == want) continue;
        if (grow((void **)&sh->rows, &b->caprows, sh->nrows + 1, sizeof *sh->rows) < 0)
            return oom(b->ctx);
        rc_xlsx_row *row = &sh->rows[sh->nrows++];
        memset(row, 0, sizeof *row);
        row->row = want;
    }
    if (sh->nrows > sorted) {
        qsort(sh->rows, sh->nrows, sizeof *sh->rows, row_cmp);
        /* two merged ranges may have made the same row: keep one */
        size_t n = 0;
        for (size_t k = 0; k < sh->nrows; k++) {
            if (n > 0 && sh->rows[n - 1].row == sh->rows[k].row && sh->rows[k].ncells == 0)
                continue;
            sh->rows[n++] = sh->rows[k];
        }
        sh->nrows = n;
    }
    /* the top-left cells */
    for (size_t i = 0; i < b->nmerges; i++) {
        const merge *m = &b->merges[i];
        rc_xlsx_row *row = &sh->rows[row_lower(sh, m->r1)];
        size_t k = cell_lower(row, m->c1);
        if (k >= row->ncells || row->cells[k].col != m->c1) {
            rc_xlsx_cell *cells = realloc(row->cells, (row->ncells + 1) * sizeof *cells);
            if (!cells) return oom(b->ctx);
            row->cells = cells;
            memmove(cells + k + 1, cells + k, (row->ncells - k) * sizeof *cells);
            memset(&cells[k], 0, sizeof cells[k]);
            cells[k].col = m->c1;
            cells[k].type = RC_XLSX_EMPTY;
            cells[k].value = cells[k].shown = "";
            cells[k].format = "General";
            cells[k].date = RC_NO_DATE;
            row->ncells++;
        }
        row->cells[k].span_cols = m->c2 - m->c1 + 1;
        row->cells[k].span_rows = m->r2 - m->r1 + 1;
    }
    /* the covered cells (a range that overlaps an earlier one covers its top-left cell) */
    size_t visits = 0;
    for (size_t i = 0; i < b->nmerges; i++) {
        const merge *m = &b->merges[i];
        for (size_t r = row_lower(sh, m->r1); r < sh->nrows && sh->rows[r].row <= m->r2; r++) {
            if (++visits > MAX_MERGE_VISITS)
                return rc_ctx_fail_at(b->ctx, RC_ELIMIT, b->wb->name, 0, 0,
                                      "sheet '%s': its merged ranges cover more rows than "
                                      "rollcheck follows",
                                      sh->name);
            rc_xlsx_row *row = &sh->rows[r];
            for (size_t k = cell_lower(row, m->c1); k < row->ncells && row->cells[k].col <= m->c2;
                 k++) {
                if (row->row == m->r1 && row->cells[k].col == m->c1) continue;
                row->cells[k].flags |= RC_XLSX_COVERED;
                row->cells[k].span_cols = row->cells[k].span_rows = 1;
            }
        }
    }
    sh->nmerges = b->nmerges;
    return RC_OK;
}

int rc_xlsx_read_sheet(rc_xlsx *wb, size_t i, rc_xlsx_sheet **out, rc_ctx *ctx)
{
    assert(wb && out && i < wb->nsheets);
    *out = NULL;
    sheet_builder b;
    memset(&b, 0, sizeof b);
    b.wb = wb;
    b.ctx = ctx;
    b.unreadable = (rc_buf)RC_BUF_INIT;
    b.value = (rc_buf)RC_BUF_INIT;
    b.text = (rc_buf)RC_BUF_INIT;
    rc_xlsx_sheet *sh = calloc(1, sizeof *sh);
    if (!sh || !(sh->arena = rc_arena_new())) {
        free(sh);
        return oom(ctx);
    }
    b.sheet = sh;
    sh->index = i;
    sh->name = rc_arena_strdup(sh->arena, wb->sheets[i].name);
    sh->part = rc_arena_strdup(sh->arena, wb->sheets[i].part);
    reader r;
    memset(&r, 0, sizeof r);
    int rc = sh->name && sh->part ? RC_OK : oom(ctx);
    if (rc == RC_OK) rc = reader_open(wb, sh->part, &r, ctx);
    if (rc == RC_ENOTFOUND)
        rc = rc_ctx_fail_at(ctx, RC_EFORMAT, wb->name, 0, 0,
                            "sheet '%s': its part %s is not in the archive", sh->name, sh->part);
    bool in_data = false, in_row = false;
    int got = 0;
    while (rc == RC_OK && (got = reader_next(wb, &r, ctx)) == 1) {
        int nt = xmlTextReaderNodeType(r.xr);
        const char *nm = reader_name(&r);
        if (nt == XML_READER_TYPE_END_ELEMENT) {
            if (strcmp(nm, "row") == 0 && in_row) {
                rc = flush_row(&b);
                in_row = false;
            } else if (strcmp(nm, "sheetData") == 0) {
                in_data = false;
            }
            continue;
        }
        if (nt != XML_READER_TYPE_ELEMENT) continue;
        bool empty = xmlTextReaderIsEmptyElement(r.xr);
        if (strcmp(nm, "sheetData") == 0) {
            in_data = !empty;
        } else if (in_data && strcmp(nm, "row") == 0) {
            if ((rc = flush_row(&b)) < 0) break;
            char *rn = reader_attr(&r, "r");
            unsigned long n = rn ? strtoul(rn, NULL, 10) : (unsigned long)b.row + 1;
            xmlFree(rn);
            if (n == 0 || n > RC_XLSX_MAX_ROW) {
                rc = rc_ctx_fail_at(ctx, RC_ESYNTAX, wb->name, 0, 0,
                                    "sheet '%s': a row numbered %lu, beyond Excel's %u", sh->name,
                                    n, RC_XLSX_MAX_ROW);
                break;
            }
            b.row = (unsigned)n;
            b.next_col = 0;
            in_row = !empty;
        } else if (in_row && strcmp(nm, "c") == 0) {
            rc = read_cell(&b, &r);
        } else if (strcmp(nm, "mergeCell") == 0) {
            rc = read_merge(&b, &r);
        }
    }
    if (rc == RC_OK && got < 0) rc = got;
    if (rc == RC_OK) rc = flush_row(&b);
    reader_close(&r);
    if (rc == RC_OK) {
        bool sorted = true;
        for (size_t k = 1; k < sh->nrows && sorted; k++)
            sorted = sh->rows[k - 1].row < sh->rows[k].row;
        if (!sorted) qsort(sh->rows, sh->nrows, sizeof *sh->rows, row_cmp);
        rc = apply_merges(&b);
    }
    if (rc == RC_OK) {
        for (size_t k = 0; k < sh->nrows; k++)
            for (size_t c = 0; c < sh->rows[k].ncells; c++) {
                const rc_xlsx_cell *cell = &sh->rows[k].cells[c];
                if (cell->col + cell->span_cols > sh->ncols)
                    sh->ncols = cell->col + cell->span_cols;
            }
        if (sh->nunreadable > MAX_NAMED_UNREADABLE)
            rc_buf_printf(&b.unreadable, " and %zu more", sh->nunreadable - MAX_NAMED_UNREADABLE);
        if (b.unreadable.failed)
            rc = oom(ctx);
        else if (b.unreadable.len &&
                 !(sh->unreadable = rc_arena_strdup(sh->arena, b.unreadable.data)))
            rc = oom(ctx);
    }
    free(b.cur);
    free(b.merges);
    rc_buf_free(&b.unreadable);
    rc_buf_free(&b.value);
    rc_buf_free(&b.text);
    if (rc < 0) {
        rc_xlsx_sheet_free(sh);
        return rc;
    }
    *out = sh;
    return RC_OK;
}

/* ---- a sheet as a grid ------------------------------------------------------------ */

rc_grid *rc_xlsx_grid(const rc_xlsx_sheet *sheet, const char *file, rc_grid_kind kind)
{
    rc_grid *g = rc_grid_new(kind, file);
    if (!g) return NULL;
    g->title = rc_grid_strdup(g, sheet->name);
    if (!g->title) goto fail;
    for (size_t r = 0; r < sheet->nrows; r++) {
        const rc_xlsx_row *row = &sheet->rows[r];
        rc_grid_row *gr = rc_grid_add_row(g, 0);
        if (!gr) goto fail;
        if (r == 0) g->src.line = row->row;
        for (size_t k = 0; k < row->ncells; k++) {
            const rc_xlsx_cell *c = &row->cells[k];
            if (c->flags & RC_XLSX_COVERED) continue;
            unsigned flags = 0;
            if (c->type == RC_XLSX_NUMBER && !(c->flags & RC_XLSX_DATE)) {
                flags |= RC_CELL_NUMERIC;
                if (c->flags & RC_XLSX_NEGATIVE) flags |= RC_CELL_NEGATIVE;
            }
            rc_source src = {file, row->row, c->col + 1, NULL};
            if (!rc_grid_add_cell(g, gr, c->shown, strlen(c->shown), c->col, c->span_cols, flags,
                                  &src))
                goto fail;
        }
    }
    return g;
fail:
    rc_grid_free(g);
    return NULL;
}
