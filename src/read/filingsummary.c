/* EDGAR FilingSummary.xml (filingsummary.h). */
#include <assert.h>
#include <ctype.h>
#include <limits.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include <libxml/parser.h>
#include <libxml/tree.h>

#include "read/filingsummary.h"

/*
 * Words in a report's name that make it a share-based payment page, matched
 * case-insensitively at the start of a word.  Taken from the report names
 * filers give their ASC 718 / IFRS 2 notes ("Share-Based Compensation -
 * Restricted Stock Unit Activity (Details)", "Stock Plans - Stock Option
 * Activity (Details)", "Equity Incentive Plan (Tables)", "Share Option Scheme").
 * The short ones (rsu, psu ...) must also end a word (a plural "s" allowed).
 */
static const char *const share_based_words[] = {
    "share-based",        "share based",          "sharebased",          "stock-based",
    "stock based",        "equity-based",         "equity based",        "equity compensation",
    "stock compensation", "share compensation",   "stock option",        "share option",
    "option activity",    "options activity",     "restricted stock",    "restricted share",
    "performance share",  "performance stock",    "performance unit",    "equity incentive",
    "incentive plan",     "incentive award",      "long-term incentive", "long term incentive",
    "employee stock",     "employee share",       "share award",         "stock award",
    "equity award",       "stock plan",           "share plan",          "equity plan",
    "stock unit",         "share unit",           "stock purchase plan", "stock appreciation",
    "share appreciation", "warrants and options", "options and warrants"};

static const char *const share_based_tokens[] = {"rsu", "psu", "pru", "espp", "ltip", "sar"};

static bool word_start(const char *s, const char *at)
{
    return at == s || !isalnum((unsigned char)at[-1]);
}

bool rc_filingsummary_names_share_based(const char *name)
{
    if (!name) return false;
    size_t n = strlen(name);
    for (size_t i = 0; i < sizeof share_based_words / sizeof *share_based_words; i++) {
        size_t k = strlen(share_based_words[i]);
        for (size_t j = 0; j + k <= n; j++)
            if (strncasecmp(name + j, share_based_words[i], k) == 0 && word_start(name, name + j))
                return true;
    }
    for (size_t i = 0; i < sizeof share_based_tokens / sizeof *share_based_tokens; i++) {
        size_t k = strlen(share_based_tokens[i]);
        for (size_t j = 0; j + k <= n; j++) {
            if (strncasecmp(name + j, share_based_tokens[i], k) != 0 || !word_start(name, name + j))
                continue;
            const char *end = name + j + k;
            if (*end == 's' || *end == 'S') end++;
            if (!isalnum((unsigned char)*end)) return true;
        }
    }
    return false;
}

void rc_filingsummary_free(rc_filing_summary *fs)
{
    if (!fs) return;
    free(fs->reports);
    rc_arena_free(fs->arena);
    free(fs);
}

static bool is_named(const xmlNode *n, const char *name)
{
    return n && n->type == XML_ELEMENT_NODE && strcmp((const char *)n->name, name) == 0;
}

/* The trimmed text of an element, copied into the arena ("" when empty): its text
 * and CDATA children only, so that no entity reference is ever expanded. */
static const char *text_of(rc_arena *arena, xmlNode *n)
{
    rc_buf b = RC_BUF_INIT;
    for (xmlNode *c = n->children; c; c = c->next)
        if ((c->type == XML_TEXT_NODE || c->type == XML_CDATA_SECTION_NODE) && c->content)
            rc_buf_puts(&b, (const char *)c->content);
    if (b.failed) {
        rc_buf_free(&b);
        return NULL;
    }
    const char *s = b.data ? b.data : "";
    while (*s && isspace((unsigned char)*s))
        s++;
    size_t len = strlen(s);
    while (len > 0 && isspace((unsigned char)s[len - 1]))
        len--;
    char *copy = rc_arena_strndup(arena, s, len);
    rc_buf_free(&b);
    return copy;
}

static unsigned line_of(const xmlNode *n, unsigned line0)
{
    long line = xmlGetLineNo(n);
    if (line <= 0) return 0;
    return (unsigned long)line > UINT_MAX - line0 ? UINT_MAX : line0 + (unsigned)line;
}

/* One <Report>: its fields, or *file NULL when it names no file ("All Reports"). */
static int read_report(rc_filing_summary *fs, xmlNode *report, unsigned line0, rc_fs_report *r)
{
    memset(r, 0, sizeof *r);
    r->short_name = r->long_name = r->menu = r->type = "";
    r->line = line_of(report, line0);
    for (xmlNode *c = report->children; c; c = c->next) {
        if (c->type != XML_ELEMENT_NODE) continue;
        const char **field = NULL;
        if (is_named(c, "HtmlFileName") || (is_named(c, "XmlFileName") && !r->file))
            field = &r->file;
        else if (is_named(c, "ShortName"))
            field = &r->short_name;
        else if (is_named(c, "LongName"))
            field = &r->long_name;
        else if (is_named(c, "MenuCategory"))
            field = &r->menu;
        else if (is_named(c, "ReportType"))
            field = &r->type;
        if (field) {
            if (!(*field = text_of(fs->arena, c))) return RC_ENOMEM;
        } else if (is_named(c, "Position")) {
            const char *p = text_of(fs->arena, c);
            if (!p) return RC_ENOMEM;
            r->position = strtol(p, NULL, 10);
        }
    }
    if (r->file && r->file[0] == '\0') r->file = NULL;
    return RC_OK;
}

static bool menu_is(const rc_fs_report *r, const char *menu)
{
    return strcasecmp(r->menu, menu) == 0;
}

static bool speaks_of_share_based(const rc_fs_report *r)
{
    return rc_filingsummary_names_share_based(r->short_name) ||
           rc_filingsummary_names_share_based(r->long_name);
}

/* Details and Tables pages; Notes pages only when no Tables page is there. */
static void mark_share_based(rc_filing_summary *fs)
{
    bool tables = false;
    for (size_t i = 0; i < fs->nreports; i++) {
        rc_fs_report *r = &fs->reports[i];
        r->share_based =
            (menu_is(r, "Details") || menu_is(r, "Tables")) && speaks_of_share_based(r);
        tables |= r->share_based && menu_is(r, "Tables");
    }
    if (tables) return;
    for (size_t i = 0; i < fs->nreports; i++) {
        rc_fs_report *r = &fs->reports[i];
        if (menu_is(r, "Notes") && speaks_of_share_based(r)) r->share_based = true;
    }
}

/* The first error of a parse (libxml2 keeps only the last, which after a
 * recovery is often "Premature end of data" far from the fault). */
typedef struct first_error {
    bool set;
    int line, col;
    char message[200];
} first_error;

static void keep_first_error(void *data, xmlErrorPtr err)
{
    xmlParserCtxtPtr parser = data;
    first_error *first = parser ? parser->_private : NULL;
    if (!first || first->set || !err || err->level < XML_ERR_ERROR) return;
    first->set = true;
    first->line = err->line;
    first->col = err->int2;
    const char *m = err->message ? err->message : "XML that does not parse";
    size_t k = strcspn(m, "\n");
    if (k >= sizeof first->message) k = sizeof first->message - 1;
    memcpy(first->message, m, k);
    first->message[k] = '\0';
}

int rc_filingsummary_parse(const char *name, const char *buf, size_t len, unsigned line0,
                           rc_filing_summary **out, rc_ctx *ctx)
{
    assert(name && out && (buf || len == 0));
    *out = NULL;
    if (len > INT_MAX)
        return rc_ctx_fail_at(ctx, RC_ELIMIT, name, 0, 0,
                              "a FilingSummary.xml larger than %d bytes", INT_MAX);
    int rc = RC_OK;
    xmlDocPtr doc = NULL;
    size_t cap = 0;
    rc_filing_summary *fs = calloc(1, sizeof *fs);
    xmlParserCtxtPtr parser = xmlNewParserCtxt();
    if (!fs || !parser || !(fs->arena = rc_arena_new())) {
        rc = rc_ctx_fail(ctx, RC_ENOMEM, "out of memory");
        goto done;
    }
    first_error first = {false, 0, 0, ""};
    parser->_private = &first;
    if (parser->sax) parser->sax->serror = keep_first_error;
    /* no network, no DTD loading, entities left unexpanded (no XML_PARSE_NOENT) */
    doc = xmlCtxtReadMemory(parser, buf ? buf : "", (int)len, NULL, NULL,
                            XML_PARSE_NONET | XML_PARSE_NOERROR | XML_PARSE_NOWARNING);
    if (!doc || !parser->wellFormed) {
        if (!first.set) {
            const xmlError *err = xmlCtxtGetLastError(parser);
            keep_first_error(parser, (xmlErrorPtr)err);
        }
        unsigned line = first.line > 0 ? line0 + (unsigned)first.line : 0;
        unsigned col = first.col > 0 ? (unsigned)first.col : 0;
        rc = rc_ctx_fail_at(ctx, RC_ESYNTAX, name, line, col, "not well-formed XML: %s",
                            first.set ? first.message : "XML that does not parse");
        goto done;
    }
    xmlNode *root = xmlDocGetRootElement(doc);
    if (!is_named(root, "FilingSummary")) {
        rc = rc_ctx_fail_at(ctx, RC_EFORMAT, name, root ? line_of(root, line0) : 0, 0,
                            "not an EDGAR FilingSummary.xml (its root element is <%s>)",
                            root ? (const char *)root->name : "none");
        goto done;
    }
    for (xmlNode *mine = root->children; mine; mine = mine->next) {
        if (!is_named(mine, "MyReports")) continue;
        for (xmlNode *rep = mine->children; rep; rep = rep->next) {
            if (!is_named(rep, "Report")) continue;
            rc_fs_report r;
            if ((rc = read_report(fs, rep, line0, &r)) < 0) {
                rc_ctx_fail(ctx, rc, "out of memory");
                goto done;
            }
            if (!r.file) continue;
            if (fs->nreports == cap) {
                size_t c = cap ? cap * 2 : 64;
                rc_fs_report *p = realloc(fs->reports, c * sizeof *p);
                if (!p) {
                    rc = rc_ctx_fail(ctx, RC_ENOMEM, "out of memory");
                    goto done;
                }
                fs->reports = p;
                cap = c;
            }
            fs->reports[fs->nreports++] = r;
        }
    }
    mark_share_based(fs);
done:
    if (doc) xmlFreeDoc(doc);
    if (parser) xmlFreeParserCtxt(parser);
    if (rc < 0) {
        rc_filingsummary_free(fs);
        return rc;
    }
    *out = fs;
    return RC_OK;
}

const rc_fs_report *rc_filingsummary_find(const rc_filing_summary *fs, const char *path)
{
    const char *base = strrchr(path, '/');
    base = base ? base + 1 : path;
    for (size_t i = 0; i < fs->nreports; i++)
        if (strcasecmp(fs->reports[i].file, base) == 0) return &fs->reports[i];
    return NULL;
}

size_t rc_filingsummary_count_share_based(const rc_filing_summary *fs)
{
    size_t n = 0;
    for (size_t i = 0; i < fs->nreports; i++)
        n += fs->reports[i].share_based;
    return n;
}

int rc_read_filing_summary(rc_model *model, const char *name, const char *buf, size_t len,
                           unsigned line0, rc_ctx *ctx)
{
    rc_filing_summary *fs = NULL;
    int rc = rc_filingsummary_parse(name, buf, len, line0, &fs, ctx);
    if (rc < 0) return rc;
    rc_buf list = RC_BUF_INIT;
    size_t n = 0;
    for (size_t i = 0; i < fs->nreports; i++) {
        const rc_fs_report *r = &fs->reports[i];
        if (!r->share_based) continue;
        rc_buf_printf(&list, "%s%s '%s'", n ? ", " : "", r->file, r->short_name);
        n++;
    }
    if (list.failed)
        rc = RC_ENOMEM;
    else if (n == 0)
        rc = rc_model_add_note(model, name, 0, 0,
                               "a FilingSummary.xml read on its own: it names no share-based "
                               "payment page among its %zu reports",
                               fs->nreports);
    else
        rc = rc_model_add_note(model, name, 0, 0,
                               "a FilingSummary.xml read on its own, without its R pages; its "
                               "share-based payment pages: %s (give its folder to check them)",
                               list.data);
    rc_buf_free(&list);
    rc_filingsummary_free(fs);
    if (rc < 0) return rc_ctx_fail(ctx, rc, "out of memory");
    return RC_OK;
}
