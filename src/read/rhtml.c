/*
 * EDGAR R pages (rhtml.h): libxml2's HTML parser, then two grid builders, one
 * for the report table that EdgarRenderer's stylesheet writes (a fixed,
 * known skeleton: FORMATS.md 1.2) and one for the tables filers put in
 * their text blocks (anything a word processor exports: spacer columns,
 * "$" and ")" in cells of their own).
 *
 * Every walk over the document is iterative: a page is untrusted input and
 * may nest elements deeper than any C stack.
 */
#include <assert.h>
#include <limits.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include <libxml/HTMLparser.h>
#include <libxml/tree.h>

#include "read/narrative.h"
#include "read/rhtml.h"
#include "read/table.h"

/* Limits that keep a hostile page from costing more than a multiple of its size. */
#define MAX_SPAN 1000                    /* colspan / rowspan taken at most this */
#define MAX_COLS 4096                    /* HTML columns of one table */
#define MAX_NOTE_SLOTS ((size_t)4 << 20) /* rows x columns of one text-block table */
#define SNIFF_BYTES 16384                /* how far detection looks */
#define CONTEXT_CHARS 300                /* longest caption kept as a note grid's context */

/* ---- small string helpers -------------------------------------------------- */

static bool is_space(char c)
{
    return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == '\v';
}

/* Case-insensitive search for needle in s[0..n). */
static const char *find_ci(const char *s, size_t n, const char *needle)
{
    size_t k = strlen(needle);
    if (k == 0 || n < k) return NULL;
    for (size_t i = 0; i + k <= n; i++)
        if (strncasecmp(s + i, needle, k) == 0) return s + i;
    return NULL;
}

static const char *find_cs(const char *s, size_t n, const char *needle)
{
    size_t k = strlen(needle);
    if (k == 0 || n < k) return NULL;
    const char *end = s + n - k + 1;
    for (const char *p = s; p < end; p++) {
        p = memchr(p, needle[0], (size_t)(end - p));
        if (!p) return NULL;
        if (memcmp(p, needle, k) == 0) return p;
    }
    return NULL;
}

static unsigned count_lines(const char *s, size_t n)
{
    unsigned lines = 0;
    for (size_t i = 0; i < n; i++)
        lines += s[i] == '\n';
    return lines;
}

/* Offset just past the end of the line holding s[at] (past its '\n'). */
static size_t line_end(const char *s, size_t n, size_t at)
{
    const char *nl = memchr(s + at, '\n', n - at);
    return nl ? (size_t)(nl - s) + 1 : n;
}

/* ---- the envelope ---------------------------------------------------------- */

void rc_rhtml_unwrap(const char *buf, size_t len, size_t *off, size_t *n, unsigned *lines)
{
    *off = 0;
    *n = len;
    *lines = 0;
    size_t i = len >= 3 && memcmp(buf, "\xef\xbb\xbf", 3) == 0 ? 3 : 0;
    while (i < len && is_space(buf[i]))
        i++;
    size_t head = len - i < SNIFF_BYTES ? len - i : SNIFF_BYTES;
    if (head >= 10 && memcmp(buf + i, "<DOCUMENT>", 10) == 0) {
        /* "<DOCUMENT>\n<TYPE>XML\n...<TEXT>\n<html>...</html>\n</TEXT>\n</DOCUMENT>" */
        const char *text = find_cs(buf + i, head, "<TEXT>");
        if (!text) return;
        size_t start = line_end(buf, len, (size_t)(text - buf));
        size_t j = start;
        while (j < len && is_space(buf[j]))
            j++;
        if (len - j >= 6 && memcmp(buf + j, "<XBRL>", 6) == 0) start = line_end(buf, len, j);
        const char *close = find_cs(buf + start, len - start, "</TEXT>");
        size_t stop = close ? (size_t)(close - buf) : len;
        const char *xclose = find_cs(buf + start, stop - start, "</XBRL>");
        if (xclose) stop = (size_t)(xclose - buf);
        *off = start;
        *n = stop - start;
        *lines = count_lines(buf, start);
        return;
    }
    /* a text capture's header line before the HTML */
    const char *lt = memchr(buf + i, '<', head);
    if (lt && find_cs(buf + i, (size_t)(lt - (buf + i)), "XBRL DOCUMENT")) {
        size_t start = (size_t)(lt - buf);
        *off = start;
        *n = len - start;
        *lines = count_lines(buf, start);
    }
}

/* Does the tag that holds s[at] (an attribute) open a <table>? */
static bool in_table_tag(const char *s, size_t at)
{
    size_t i = at;
    while (i > 0 && s[i] != '<' && s[i] != '>')
        i--;
    return s[i] == '<' && strncasecmp(s + i + 1, "table", 5) == 0 && is_space(s[i + 6]);
}

/* Where the first <table> with the class token "report" starts in s[0..n) (the
 * offset of its '<'), or SIZE_MAX. */
static size_t report_table_at(const char *s, size_t n)
{
    const char *p = s;
    while ((p = find_ci(p, n - (size_t)(p - s), "class")) != NULL) {
        size_t at = (size_t)(p - s);
        size_t i = at + 5;
        while (i < n && is_space(s[i]))
            i++;
        if (i < n && s[i] == '=') {
            i++;
            while (i < n && is_space(s[i]))
                i++;
            char quote = i < n && (s[i] == '"' || s[i] == '\'') ? s[i++] : 0;
            size_t j = i;
            while (j < n && (quote ? s[j] != quote : !is_space(s[j]) && s[j] != '>'))
                j++;
            /* the tokens of the value */
            for (size_t k = i; k < j;) {
                while (k < j && is_space(s[k]))
                    k++;
                size_t t = k;
                while (k < j && !is_space(s[k]))
                    k++;
                if (k - t == 6 && strncasecmp(s + t, "report", 6) == 0 && in_table_tag(s, at)) {
                    size_t lt = at;
                    while (s[lt] != '<')
                        lt--;
                    return lt;
                }
            }
        }
        p = s + at + 5;
    }
    return SIZE_MAX;
}

/* Is the <table> opened at s[start] closed before s[n]?  A page cut short (a
 * truncated download or capture) must not pass its last, cut number on. */
static bool table_closed(const char *s, size_t n, size_t start)
{
    size_t depth = 0;
    for (size_t i = start; i + 6 < n; i++) {
        if (s[i] != '<') continue;
        if (strncasecmp(s + i + 1, "table", 5) == 0 && (is_space(s[i + 6]) || s[i + 6] == '>'))
            depth++;
        else if (i + 7 < n && strncasecmp(s + i + 1, "/table", 6) == 0 &&
                 (is_space(s[i + 7]) || s[i + 7] == '>') && --depth == 0)
            return true;
    }
    return false;
}

bool rc_rhtml_detect(const char *buf, size_t len)
{
    if (!buf || len == 0) return false;
    size_t off, n;
    unsigned lines;
    rc_rhtml_unwrap(buf, len, &off, &n, &lines);
    size_t sniff = n < SNIFF_BYTES ? n : SNIFF_BYTES;
    return report_table_at(buf + off, sniff) != SIZE_MAX;
}

/* ---- the document ------------------------------------------------------------ */

static bool is_element(const xmlNode *n, const char *name)
{
    return n && n->type == XML_ELEMENT_NODE && strcasecmp((const char *)n->name, name) == 0;
}

/* The value of an attribute as parsed (no copy), or NULL. */
static const char *attr(const xmlNode *n, const char *name)
{
    for (const xmlAttr *a = n->properties; a; a = a->next) {
        if (strcasecmp((const char *)a->name, name) != 0) continue;
        if (a->children && a->children->type == XML_TEXT_NODE && a->children->content)
            return (const char *)a->children->content;
        return "";
    }
    return NULL;
}

/* Is token one of the whitespace-separated words of the class attribute?
 * ("pl " with a trailing blank occurs in older pages.) */
static bool has_class(const xmlNode *n, const char *token)
{
    const char *c = attr(n, "class");
    if (!c) return false;
    size_t k = strlen(token);
    while (*c) {
        while (*c && is_space(*c))
            c++;
        const char *t = c;
        while (*c && !is_space(*c))
            c++;
        if ((size_t)(c - t) == k && strncasecmp(t, token, k) == 0) return true;
    }
    return false;
}

static unsigned span_attr(const xmlNode *n, const char *name)
{
    const char *v = attr(n, name);
    if (!v) return 1;
    while (is_space(*v))
        v++;
    unsigned long x = 0;
    while (*v >= '0' && *v <= '9') {
        x = x * 10 + (unsigned long)(*v - '0');
        if (x > MAX_SPAN) x = MAX_SPAN;
        v++;
    }
    return x == 0 ? 1 : (unsigned)x;
}

/* Iterative depth-first walk of the nodes under root (root itself excluded).
 * enter() returns whether to go into the node's children; leave() follows
 * every enter(), after the children. */
typedef struct walker {
    bool (*enter)(struct walker *w, xmlNode *n);
    void (*leave)(struct walker *w, xmlNode *n);
} walker;

static void walk(walker *w, xmlNode *root)
{
    xmlNode *n = root->children;
    while (n) {
        bool down = w->enter(w, n);
        if (down && n->children) {
            n = n->children;
            continue;
        }
        if (w->leave) w->leave(w, n);
        while (!n->next) {
            n = n->parent;
            if (!n || n == root) return;
            if (w->leave) w->leave(w, n);
        }
        n = n->next;
    }
}

/* Elements whose start and end break the text into lines. */
static bool is_block(const xmlNode *n)
{
    static const char *const blocks[] = {
        "div", "p",  "tr", "li", "ul", "ol",  "table",      "h1",      "h2",     "h3",     "h4",
        "h5",  "h6", "dt", "dd", "hr", "pre", "blockquote", "section", "center", "caption"};
    for (size_t i = 0; i < sizeof blocks / sizeof *blocks; i++)
        if (strcasecmp((const char *)n->name, blocks[i]) == 0) return true;
    return false;
}

/* Text of a subtree: lines at <br> and block elements, blanks between cells. */
typedef struct text_walker {
    walker w;
    rc_buf *out;
} text_walker;

static bool text_enter(walker *w, xmlNode *n)
{
    rc_buf *out = ((text_walker *)w)->out;
    if (n->type == XML_TEXT_NODE || n->type == XML_CDATA_SECTION_NODE) {
        if (n->content) rc_buf_puts(out, (const char *)n->content);
        return false;
    }
    if (n->type != XML_ELEMENT_NODE) return false;
    if (is_element(n, "script") || is_element(n, "style")) return false;
    if (is_element(n, "br") || is_block(n))
        rc_buf_putc(out, '\n');
    else if (is_element(n, "td") || is_element(n, "th"))
        rc_buf_putc(out, ' ');
    return true;
}

static void text_leave(walker *w, xmlNode *n)
{
    if (n->type == XML_ELEMENT_NODE && is_block(n)) rc_buf_putc(((text_walker *)w)->out, '\n');
}

/* The normalised text of n's subtree (grid.h), malloc'ed; NULL when out of memory. */
static char *node_text(xmlNode *n)
{
    rc_buf raw = RC_BUF_INIT;
    text_walker tw = {{text_enter, text_leave}, &raw};
    walk(&tw.w, n);
    if (raw.failed) {
        rc_buf_free(&raw);
        return NULL;
    }
    char *text = rc_grid_normalise(raw.data ? raw.data : "", raw.len);
    rc_buf_free(&raw);
    return text;
}

/* The first element under root (root excluded) for which match() holds, in
 * document order; does not look inside matches. */
typedef struct find_walker {
    walker w;
    bool (*match)(const xmlNode *n);
    xmlNode *found;
} find_walker;

static bool find_enter(walker *w, xmlNode *n)
{
    find_walker *f = (find_walker *)w;
    if (f->found || n->type != XML_ELEMENT_NODE) return false;
    if (f->match(n)) {
        f->found = n;
        return false;
    }
    return true;
}

static xmlNode *find_first(xmlNode *root, bool (*match)(const xmlNode *n))
{
    find_walker f = {{find_enter, NULL}, match, NULL};
    walk(&f.w, root);
    return f.found;
}

static bool is_report_table(const xmlNode *n)
{
    return is_element(n, "table") && has_class(n, "report");
}

static bool is_table(const xmlNode *n)
{
    return is_element(n, "table");
}

static bool is_sup(const xmlNode *n)
{
    return is_element(n, "sup");
}

static bool is_strong(const xmlNode *n)
{
    return is_element(n, "strong") || is_element(n, "b");
}

static bool is_outer_footnotes(const xmlNode *n)
{
    return is_element(n, "table") && has_class(n, "outerFootnotes");
}

static unsigned line_of(const xmlNode *n, unsigned line0)
{
    long line = xmlGetLineNo(n);
    if (line <= 0) return 0;
    if ((unsigned long)line > UINT_MAX - line0) return UINT_MAX;
    return line0 + (unsigned)line;
}

/* ---- laying out an HTML table -------------------------------------------------- */

typedef struct hcell {
    xmlNode *node;
    unsigned col, span; /* HTML columns covered */
    char *text;         /* normalised text, malloc'ed */
    bool empty;
} hcell;

typedef struct hrow {
    xmlNode *node;
    hcell *cells;
    size_t ncells;
} hrow;

typedef struct htable {
    hrow *rows;
    size_t nrows;
    unsigned ncols;
} htable;

static void htable_clear(htable *t)
{
    for (size_t r = 0; r < t->nrows; r++) {
        for (size_t k = 0; k < t->rows[r].ncells; k++)
            free(t->rows[r].cells[k].text);
        free(t->rows[r].cells);
    }
    free(t->rows);
    memset(t, 0, sizeof *t);
}

/* The <tr> children of a table, also those inside thead / tbody / tfoot. */
static xmlNode *next_tr(xmlNode *table, xmlNode *prev)
{
    xmlNode *n = prev ? prev->next : table->children;
    xmlNode *group = prev ? prev->parent : table; /* the table or one of its row groups */
    for (;;) {
        while (n) {
            if (is_element(n, "tr")) return n;
            if (group == table && n->children &&
                (is_element(n, "tbody") || is_element(n, "thead") || is_element(n, "tfoot"))) {
                group = n;
                n = n->children;
                continue;
            }
            n = n->next;
        }
        if (!group || group == table) return NULL;
        n = group->next; /* on after the row group */
        group = table;
    }
}

static int grow(void **p, size_t *cap, size_t need, size_t size)
{
    if (need <= *cap) return RC_OK;
    size_t c = *cap ? *cap : 8;
    while (c < need)
        c *= 2;
    void *q = realloc(*p, c * size);
    if (!q) return RC_ENOMEM;
    *p = q;
    *cap = c;
    return RC_OK;
}

/* Place every cell of table at its columns, honouring colspan and rowspan. */
static int layout(xmlNode *table, htable *t, const char *name, rc_ctx *ctx)
{
    memset(t, 0, sizeof *t);
    unsigned *busy = calloc(MAX_COLS, sizeof *busy);   /* rows still covered from above */
    unsigned *fresh = calloc(MAX_COLS, sizeof *fresh); /* the same, set in this row */
    size_t caprows = 0;
    int rc = RC_OK;
    if (!busy || !fresh) {
        rc = rc_ctx_fail(ctx, RC_ENOMEM, "out of memory");
        goto done;
    }
    for (xmlNode *tr = next_tr(table, NULL); tr; tr = next_tr(table, tr)) {
        if ((rc = grow((void **)&t->rows, &caprows, t->nrows + 1, sizeof *t->rows)) < 0) {
            rc_ctx_fail(ctx, rc, "out of memory");
            goto done;
        }
        hrow *row = &t->rows[t->nrows++];
        memset(row, 0, sizeof *row);
        row->node = tr;
        size_t capcells = 0;
        unsigned col = 0;
        memset(fresh, 0, MAX_COLS * sizeof *fresh);
        for (xmlNode *c = tr->children; c; c = c->next) {
            if (!is_element(c, "td") && !is_element(c, "th")) continue;
            while (col < MAX_COLS && busy[col])
                col++;
            unsigned span = span_attr(c, "colspan");
            if (col + span > MAX_COLS) {
                rc = rc_ctx_fail_at(ctx, RC_ELIMIT, name, 0, 0, "a table wider than %u columns",
                                    MAX_COLS);
                goto done;
            }
            if ((rc = grow((void **)&row->cells, &capcells, row->ncells + 1, sizeof *row->cells)) <
                0) {
                rc_ctx_fail(ctx, rc, "out of memory");
                goto done;
            }
            hcell *cell = &row->cells[row->ncells++];
            memset(cell, 0, sizeof *cell);
            cell->node = c;
            cell->col = col;
            cell->span = span;
            cell->text = node_text(c);
            if (!cell->text) {
                rc = rc_ctx_fail(ctx, RC_ENOMEM, "out of memory");
                goto done;
            }
            cell->empty = cell->text[0] == '\0';
            unsigned rows = span_attr(c, "rowspan");
            for (unsigned k = col; k < col + span; k++)
                fresh[k] = rows - 1;
            col += span;
            if (col > t->ncols) t->ncols = col;
        }
        for (unsigned k = 0; k < MAX_COLS; k++)
            busy[k] = busy[k] ? busy[k] - 1 : fresh[k];
    }
done:
    free(busy);
    free(fresh);
    if (rc < 0) htable_clear(t);
    return rc;
}

/* ---- numbers as shown ---------------------------------------------------------- */

static const char *const currency_symbols[] = {
    "$",   "US$", "C$",  "CA$", "A$",  "AU$", "HK$", "NT$", "S$",  "NZ$", "R$",  "MX$",
    "€",   "£",   "¥",   "₹",   "₩",   "CHF", "RMB", "CNY", "USD", "EUR", "GBP", "CAD",
    "AUD", "HKD", "JPY", "SEK", "NOK", "DKK", "INR", "KRW", "TWD", "SGD", "BRL", "ZAR"};

/* The length of a currency symbol at the start of s, or 0. */
static size_t currency_prefix(const char *s)
{
    size_t best = 0;
    for (size_t i = 0; i < sizeof currency_symbols / sizeof *currency_symbols; i++) {
        size_t k = strlen(currency_symbols[i]);
        if (k > best && strncmp(s, currency_symbols[i], k) == 0) best = k;
    }
    return best;
}

static bool is_currency_symbol(const char *s)
{
    size_t k = currency_prefix(s);
    return k > 0 && s[k] == '\0';
}

static size_t dash_at(const char *s)
{
    if (*s == '-') return 1;
    /* em dash, en dash, minus sign */
    if (strncmp(s, "\xe2\x80\x94", 3) == 0 || strncmp(s, "\xe2\x80\x93", 3) == 0 ||
        strncmp(s, "\xe2\x88\x92", 3) == 0)
        return 3;
    return 0;
}

typedef enum shape { SHAPE_NONE = 0, SHAPE_NUMBER, SHAPE_YEAR, SHAPE_DASH } shape;

/* What a cell's text looks like: a number as tables show it ("$ (1,234.5)",
 * "25%", ".75"), a year alone (a heading), a dash standing for nil, or none. */
static shape text_shape(const char *s)
{
    size_t k = currency_prefix(s);
    if (k) {
        s += k;
        while (*s == ' ')
            s++;
    }
    bool paren = false;
    if (*s == '(') {
        paren = true;
        s++;
    }
    size_t d = dash_at(s);
    if (d && (s[d] == '\0' || (paren && s[d] == ')' && s[d + 1] == '\0'))) return SHAPE_DASH;
    if (d) s += d;
    const char *digits = s;
    size_t ndigits = 0;
    bool comma = false, point = false;
    while ((*s >= '0' && *s <= '9') || *s == ',') {
        comma |= *s == ',';
        ndigits += *s != ',';
        s++;
    }
    if (*s == '.') {
        point = true;
        s++;
        while (*s >= '0' && *s <= '9') {
            ndigits++;
            s++;
        }
    }
    if (ndigits == 0 || *digits == ',') return SHAPE_NONE;
    if (*s == ')') {
        if (!paren) return SHAPE_NONE;
        paren = false;
        s++;
    }
    if (*s == '%') s++;
    if (*s != '\0' || paren) return SHAPE_NONE;
    if (!k && !d && !comma && !point && s - digits == 4 &&
        (strncmp(digits, "19", 2) == 0 || strncmp(digits, "20", 2) == 0))
        return SHAPE_YEAR;
    return SHAPE_NUMBER;
}

static bool is_numberish(const char *s)
{
    shape sh = text_shape(s);
    return sh == SHAPE_NUMBER || sh == SHAPE_DASH || sh == SHAPE_YEAR;
}

/* ---- the page ------------------------------------------------------------------- */

typedef struct page_builder {
    const char *name;
    unsigned line0;
    rc_rhtml_page *page;
    rc_ctx *ctx;
    size_t capnotes;
} page_builder;

void rc_rhtml_page_free(rc_rhtml_page *page)
{
    if (!page) return;
    rc_grid_free(page->report);
    for (size_t i = 0; i < page->nnotes; i++)
        rc_grid_free(page->notes[i]);
    free(page->notes);
    for (size_t i = 0; i < page->nprose; i++) {
        free(page->prose[i].text);
        free(page->prose[i].period);
    }
    free(page->prose);
    free(page);
}

/* Keep the prose of a text block cell for the narrative. */
static int add_prose(page_builder *b, xmlNode *cell, const char *period)
{
    rc_buf text = RC_BUF_INIT;
    rc_narrative_prose_of_node(cell, &text);
    rc_rhtml_prose *p = realloc(b->page->prose, (b->page->nprose + 1) * sizeof *p);
    if (p) b->page->prose = p;
    char *t = rc_buf_take(&text);
    char *per = period ? strdup(period) : NULL;
    if (!p || !t || (period && !per)) {
        free(t);
        free(per);
        return rc_ctx_fail(b->ctx, RC_ENOMEM, "out of memory");
    }
    p[b->page->nprose++] = (rc_rhtml_prose){t, line_of(cell, b->line0), per};
    return RC_OK;
}

static int add_note_grid(page_builder *b, rc_grid *grid)
{
    if (grow((void **)&b->page->notes, &b->capnotes, b->page->nnotes + 1, sizeof *b->page->notes) <
        0) {
        rc_grid_free(grid);
        return rc_ctx_fail(b->ctx, RC_ENOMEM, "out of memory");
    }
    b->page->notes[b->page->nnotes++] = grid;
    return RC_OK;
}

/* "defref_us-gaap_ShareBased..." -> "us-gaap:ShareBased..."; member rows
 * "defref_us-gaap_AwardTypeAxis=us-gaap_EmployeeStockOptionMember" ->
 * "us-gaap:AwardTypeAxis=us-gaap:EmployeeStockOptionMember"; the old form
 * "defref_us-gaap=X" -> "us-gaap:X".  Malloc'ed; NULL when there is none. */
static bool has_defref(const xmlNode *n)
{
    const char *v = attr(n, "onclick");
    return v && strstr(v, "defref_");
}

static char *concept_of(xmlNode *label)
{
    xmlNode *a = find_first(label, has_defref);
    if (!a) return NULL;
    const char *onclick = attr(a, "onclick");
    const char *s = strstr(onclick, "defref_") + 7;
    size_t len = 0;
    while (s[len] && s[len] != '\'' && s[len] != '"' && s[len] != ',' && !is_space(s[len]))
        len++;
    if (len == 0) return NULL;
    char *out = malloc(len + 1);
    if (!out) return NULL;
    memcpy(out, s, len);
    out[len] = '\0';
    char *eq = strchr(out, '=');
    char *us = strchr(out, '_');
    if (eq && (!us || us > eq) && !strchr(eq + 1, '=')) {
        *eq = ':'; /* "us-gaap=X" */
        return out;
    }
    /* the first '_' of each QName separates the prefix (local names may hold more) */
    for (char *part = out; part;) {
        char *end = strchr(part, '=');
        char *u = strchr(part, '_');
        if (u && (!end || u < end)) *u = ':';
        part = end ? end + 1 : NULL;
    }
    return out;
}

/* A footnote indexer cell: class fn, or nothing but <sup> content ("[1]", or an
 * empty <sup></sup> in a row without a footnote). */
typedef struct sup_walker {
    walker w;
    int depth_in_sup;
    bool text_outside;
} sup_walker;

static bool sup_enter(walker *w, xmlNode *n)
{
    sup_walker *s = (sup_walker *)w;
    if (n->type == XML_TEXT_NODE && n->content && s->depth_in_sup == 0) {
        for (const unsigned char *p = n->content; *p; p++) {
            if (is_space((char)*p)) continue;
            if (p[0] == 0xc2 && p[1] == 0xa0) {
                p++;
                continue;
            }
            s->text_outside = true;
            break;
        }
    }
    if (is_sup(n)) s->depth_in_sup++;
    return n->type == XML_ELEMENT_NODE;
}

static void sup_leave(walker *w, xmlNode *n)
{
    if (is_sup(n)) ((sup_walker *)w)->depth_in_sup--;
}

static bool is_footnote_cell(xmlNode *cell)
{
    if (has_class(cell, "fn")) return true;
    if (!find_first(cell, is_sup)) return false;
    sup_walker s = {{sup_enter, sup_leave}, 0, false};
    walk(&s.w, cell);
    return !s.text_outside;
}

/* A nil fact: a text cell holding a lone space where an empty one holds &nbsp;. */
static bool is_nil_cell(const xmlNode *cell, const char *text)
{
    if (text[0] != '\0' || !has_class(cell, "text")) return false;
    const xmlNode *c = cell->children;
    if (!c || c->type != XML_TEXT_NODE || !c->content || c->content[0] == '\0') return false;
    for (const xmlChar *p = c->content; *p; p++)
        if (*p != ' ') return false;
    return true;
}

/* ---- the note tables of a text block --------------------------------------------- */

typedef struct note_info {
    const char *title;
    const char *context;
    const char *period_heading;
} note_info;

/* Fold the HTML artefacts of one row: a lone currency symbol into the number on
 * its right, a lone "(" likewise, a lone ")" or "%" into the number on its left.
 * The number's cell then also covers the symbol's columns. */
static int fold_row(hrow *row)
{
    for (size_t k = 0; k < row->ncells; k++) {
        hcell *c = &row->cells[k];
        if (c->empty) continue;
        bool left = is_currency_symbol(c->text) || strcmp(c->text, "(") == 0;
        bool right =
            strcmp(c->text, ")") == 0 || strcmp(c->text, "%") == 0 || strcmp(c->text, ")%") == 0;
        if (!left && !right) continue;
        hcell *to = NULL;
        if (left) {
            for (size_t j = k + 1; j < row->ncells && !to; j++)
                if (!row->cells[j].empty) to = &row->cells[j];
        } else {
            for (size_t j = k; j-- > 0 && !to;)
                if (!row->cells[j].empty) to = &row->cells[j];
        }
        if (!to) continue;
        /* "(" before "1,234" / "$" before "(1,234" / "1,234" before ")" */
        bool ok =
            left ? is_numberish(to->text) || (to->text[0] == '(' && to->text[1] != '\0')
                 : to->text[0] != '\0' && (is_numberish(to->text) ||
                                           (to->text[0] == '(' && is_numberish(to->text + 1)) ||
                                           text_shape(to->text) != SHAPE_NONE ||
                                           (strchr(to->text, '(') && !strchr(to->text, ')')));
        if (!ok) continue;
        rc_buf b = RC_BUF_INIT;
        if (left) {
            rc_buf_puts(&b, c->text);
            if (strcmp(c->text, "(") != 0) rc_buf_putc(&b, ' ');
            rc_buf_puts(&b, to->text);
            unsigned end = to->col + to->span;
            to->col = c->col < to->col ? c->col : to->col;
            to->span = end - to->col;
        } else {
            rc_buf_puts(&b, to->text);
            rc_buf_puts(&b, c->text);
            unsigned end =
                c->col + c->span > to->col + to->span ? c->col + c->span : to->col + to->span;
            to->span = end - to->col;
        }
        char *joined = rc_buf_take(&b);
        if (!joined) return RC_ENOMEM;
        free(to->text);
        to->text = joined;
        c->empty = true;
        c->text[0] = '\0';
    }
    return RC_OK;
}

/*
 * Which HTML columns to keep.  A column whose non-empty cells all also cover
 * a neighbouring column adds nothing of its own (a spacer, the "$" column of
 * a number, the right half of a heading that spans two): it goes.  cover[r *
 * ncols + c] is the index + 1 of the cell of row r that covers column c, 0
 * for none.  keep[c] is set for the columns that stay.
 */
static bool subset(const unsigned *cover, size_t nrows, unsigned ncols, unsigned a, unsigned b)
{
    for (size_t r = 0; r < nrows; r++) {
        unsigned x = cover[r * ncols + a];
        if (x && x != cover[r * ncols + b]) return false;
    }
    return true;
}

static int choose_columns(const unsigned *cover, size_t nrows, unsigned ncols, bool *keep)
{
    unsigned *stack = malloc((ncols ? ncols : 1) * sizeof *stack);
    if (!stack) return RC_ENOMEM;
    size_t top = 0;
    for (unsigned c = 0; c < ncols; c++) {
        keep[c] = true;
        while (top > 0) {
            unsigned a = stack[top - 1];
            if (subset(cover, nrows, ncols, a, c)) {
                keep[a] = false;
                top--;
            } else {
                if (subset(cover, nrows, ncols, c, a)) keep[c] = false;
                break;
            }
        }
        if (keep[c]) stack[top++] = c;
    }
    free(stack);
    return RC_OK;
}

/* The text up to CONTEXT_CHARS just before a table: its last paragraph (with the
 * one before when it is a short line such as "(in thousands)"), cut at a sentence. */
static char *caption_of(const char *raw, size_t len)
{
    char *text = rc_grid_normalise(raw ? raw : "", raw ? len : 0);
    if (!text) return NULL;
    size_t n = strlen(text);
    char *last = strrchr(text, '\n');
    char *start = last ? last + 1 : text;
    if (strlen(start) < 40 && last) {
        *last = ' ';
        char *prev = strrchr(text, '\n');
        start = prev ? prev + 1 : text;
    }
    size_t k = (size_t)(text + n - start);
    if (k > CONTEXT_CHARS) {
        /* the last sentences that fit */
        const char *cut = NULL;
        for (const char *p = text + n - CONTEXT_CHARS; p < text + n; p++) {
            if ((*p == '.' || *p == ':' || *p == ';') && p[1] == ' ') {
                cut = p + 2;
                break;
            }
        }
        if (!cut) {
            cut = text + n - CONTEXT_CHARS;
            while (*cut && *cut != ' ')
                cut++;
            if (*cut) cut++;
        }
        start = (char *)cut;
    }
    memmove(text, start, strlen(start) + 1);
    return text;
}

static int build_note(page_builder *b, xmlNode *table, const note_info *info)
{
    htable t;
    int rc = layout(table, &t, b->name, b->ctx);
    if (rc < 0) return rc;
    unsigned *cover = NULL;
    bool *keep = NULL;
    unsigned *newcol = NULL;
    rc_grid *grid = NULL;
    bool any_number = false;
    for (size_t r = 0; r < t.nrows; r++) {
        /* a line break inside a filer's cell is only wrapping ("Number of<br>RSUs") */
        for (size_t k = 0; k < t.rows[r].ncells; k++)
            for (char *p = t.rows[r].cells[k].text; *p; p++)
                if (*p == '\n') *p = ' ';
        if ((rc = fold_row(&t.rows[r])) < 0) {
            rc_ctx_fail(b->ctx, rc, "out of memory");
            goto done;
        }
        /* a figure follows a label: "(1)" before a footnote's text is none */
        bool label = false;
        for (size_t k = 0; k < t.rows[r].ncells; k++) {
            const hcell *c = &t.rows[r].cells[k];
            if (c->empty) continue;
            if (label && text_shape(c->text) == SHAPE_NUMBER) any_number = true;
            label = true;
        }
    }
    if (!any_number || t.ncols == 0)
        goto done; /* a layout table, a list of footnotes: no figures */
    if (t.nrows * t.ncols > MAX_NOTE_SLOTS) {
        rc = rc_ctx_fail_at(b->ctx, RC_ELIMIT, b->name, line_of(table, b->line0), 0,
                            "a table of %zu rows and %u columns is beyond what rollcheck reads",
                            t.nrows, t.ncols);
        goto done;
    }
    cover = calloc(t.nrows * t.ncols, sizeof *cover);
    keep = calloc(t.ncols, sizeof *keep);
    newcol = calloc(t.ncols + 1, sizeof *newcol);
    if (!cover || !keep || !newcol) {
        rc = rc_ctx_fail(b->ctx, RC_ENOMEM, "out of memory");
        goto done;
    }
    for (size_t r = 0; r < t.nrows; r++)
        for (size_t k = 0; k < t.rows[r].ncells; k++) {
            const hcell *c = &t.rows[r].cells[k];
            if (c->empty) continue;
            for (unsigned x = c->col; x < c->col + c->span && x < t.ncols; x++)
                cover[r * t.ncols + x] = (unsigned)k + 1;
        }
    if ((rc = choose_columns(cover, t.nrows, t.ncols, keep)) < 0) {
        rc_ctx_fail(b->ctx, rc, "out of memory");
        goto done;
    }
    /* newcol[c] = kept columns before HTML column c */
    for (unsigned c = 0; c < t.ncols; c++)
        newcol[c + 1] = newcol[c] + keep[c];
    unsigned ngrid = newcol[t.ncols];

    /* grid columns of the cells; value columns hold a number in some row */
    bool *value_col = calloc(ngrid ? ngrid : 1, sizeof *value_col);
    if (!value_col) {
        rc = rc_ctx_fail(b->ctx, RC_ENOMEM, "out of memory");
        goto done;
    }
    for (size_t r = 0; r < t.nrows; r++)
        for (size_t k = 0; k < t.rows[r].ncells; k++) {
            hcell *c = &t.rows[r].cells[k];
            if (c->empty) continue;
            unsigned end = c->col + c->span > t.ncols ? t.ncols : c->col + c->span;
            unsigned first = newcol[c->col];
            unsigned n = newcol[end] - first;
            assert(n > 0);
            c->col = first;
            c->span = n;
            shape sh = text_shape(c->text);
            if (sh == SHAPE_NUMBER || sh == SHAPE_DASH) value_col[first] = true;
        }
    /* the label is the first non-empty cell of a row: move it to column 0 when
     * only empty label columns stand before it */
    for (size_t r = 0; r < t.nrows; r++)
        for (size_t k = 0; k < t.rows[r].ncells; k++) {
            hcell *c = &t.rows[r].cells[k];
            if (c->empty) continue;
            if (c->col > 0 && !value_col[c->col] && text_shape(c->text) == SHAPE_NONE) {
                bool label_cols = true;
                for (unsigned x = 0; x < c->col; x++)
                    label_cols &= !value_col[x];
                if (label_cols) {
                    c->span += c->col;
                    c->col = 0;
                }
            }
            break;
        }
    free(value_col);

    /* heading rows: those above the first row whose label is followed by a number */
    size_t body = t.nrows;
    for (size_t r = 0; r < t.nrows && body == t.nrows; r++) {
        const hrow *row = &t.rows[r];
        const hcell *label = NULL, *next = NULL;
        for (size_t k = 0; k < row->ncells; k++) {
            const hcell *c = &row->cells[k];
            if (c->empty) continue;
            if (!label)
                label = c;
            else if (!next)
                next = c;
        }
        if (label && next && label->col == 0 && text_shape(label->text) == SHAPE_NONE) {
            shape sh = text_shape(next->text);
            if (sh == SHAPE_NUMBER || sh == SHAPE_DASH) body = r;
        }
    }

    grid = rc_grid_new(RC_GRID_NOTE, b->name);
    if (!grid) {
        rc = rc_ctx_fail(b->ctx, RC_ENOMEM, "out of memory");
        goto done;
    }
    grid->src.line = line_of(table, b->line0);
    grid->title = rc_grid_strdup(grid, info->title);
    grid->context = rc_grid_strdup(grid, info->context);
    grid->period_heading = rc_grid_strdup(grid, info->period_heading);
    if ((info->title && !grid->title) || (info->context && !grid->context) ||
        (info->period_heading && !grid->period_heading)) {
        rc = rc_ctx_fail(b->ctx, RC_ENOMEM, "out of memory");
        goto done;
    }
    for (size_t r = 0; r < t.nrows; r++) {
        const hrow *hr = &t.rows[r];
        bool any = false;
        for (size_t k = 0; k < hr->ncells; k++)
            any |= !hr->cells[k].empty;
        if (!any) continue;
        rc_grid_row *row = rc_grid_add_row(grid, r < body ? RC_ROW_HEAD : 0);
        if (!row) {
            rc = rc_ctx_fail(b->ctx, RC_ENOMEM, "out of memory");
            goto done;
        }
        for (size_t k = 0; k < hr->ncells; k++) {
            const hcell *c = &hr->cells[k];
            if (c->empty) continue;
            unsigned flags = 0;
            shape sh = text_shape(c->text);
            if (r >= body && (sh == SHAPE_NUMBER || sh == SHAPE_DASH)) {
                flags |= RC_CELL_NUMERIC;
                if (strchr(c->text, '(')) flags |= RC_CELL_NEGATIVE;
            }
            rc_source src = {b->name, line_of(c->node, b->line0), 0, NULL};
            if (!rc_grid_add_cell(grid, row, c->text, strlen(c->text), c->col, c->span, flags,
                                  &src)) {
                rc = rc_ctx_fail(b->ctx, RC_ENOMEM, "out of memory");
                goto done;
            }
        }
    }
    if (grid->ncols < ngrid) grid->ncols = ngrid;
    rc = add_note_grid(b, grid);
    grid = NULL;
done:
    rc_grid_free(grid);
    free(cover);
    free(keep);
    free(newcol);
    htable_clear(&t);
    return rc;
}

/* Walk a text block: the text since the last table is the next table's caption. */
typedef struct block_walker {
    walker w;
    page_builder *b;
    note_info info;
    rc_buf before;
    int rc;
} block_walker;

static bool block_enter(walker *w, xmlNode *n)
{
    block_walker *bw = (block_walker *)w;
    if (bw->rc < 0) return false;
    if (!is_table(n)) {
        text_walker tw = {{text_enter, text_leave}, &bw->before};
        return text_enter(&tw.w, n);
    }
    char *context = caption_of(bw->before.data, bw->before.len);
    if (!context) {
        bw->rc = rc_ctx_fail(bw->b->ctx, RC_ENOMEM, "out of memory");
        return false;
    }
    note_info info = bw->info;
    info.context = context[0] ? context : NULL;
    bw->rc = build_note(bw->b, n, &info);
    free(context);
    bw->before.len = 0;
    if (bw->before.data) bw->before.data[0] = '\0';
    return false;
}

static void block_leave(walker *w, xmlNode *n)
{
    if (n->type == XML_ELEMENT_NODE && is_block(n) && !is_table(n))
        rc_buf_putc(&((block_walker *)w)->before, '\n');
}

static int read_text_block(page_builder *b, xmlNode *td, const note_info *info)
{
    block_walker bw = {{block_enter, block_leave}, b, *info, RC_BUF_INIT, RC_OK};
    walk(&bw.w, td);
    int rc = bw.rc;
    if (rc == RC_OK && bw.before.failed) rc = rc_ctx_fail(b->ctx, RC_ENOMEM, "out of memory");
    rc_buf_free(&bw.before);
    return rc;
}

/* ---- the report table ------------------------------------------------------------- */

/* Rows of the report table that are neither headings nor fact rows: the
 * footnote bodies, their spacer, the rule between embedded reports. */
static bool is_fact_row(const hrow *row)
{
    for (size_t k = 0; k < row->ncells; k++) {
        const xmlNode *c = row->cells[k].node;
        if (has_class(c, "pl") || has_class(c, "nump") || has_class(c, "num") ||
            has_class(c, "text"))
            return !find_first((xmlNode *)c, is_outer_footnotes);
    }
    return false;
}

static bool is_heading_row(const hrow *row)
{
    if (row->ncells == 0) return false;
    for (size_t k = 0; k < row->ncells; k++)
        if (!is_element(row->cells[k].node, "th")) return false;
    return true;
}

/* The heading of grid column col: the texts of the heading cells over it. */
static char *heading_of(const rc_grid *grid, unsigned col)
{
    rc_buf b = RC_BUF_INIT;
    for (size_t r = 0; r < grid->nrows; r++) {
        const rc_grid_row *row = &grid->rows[r];
        if (!(row->flags & RC_ROW_HEAD)) break;
        const rc_cell *c = rc_grid_cell_at(row, col);
        if (!c || c->col == 0 || c->text[0] == '\0') continue;
        if (b.len) rc_buf_putc(&b, '\n');
        rc_buf_puts(&b, c->text);
    }
    if (b.len == 0) {
        rc_buf_free(&b);
        return NULL;
    }
    return rc_buf_take(&b);
}

static int build_report(page_builder *b, xmlNode *table)
{
    htable t;
    int rc = layout(table, &t, b->name, b->ctx);
    if (rc < 0) return rc;
    bool *fn = calloc(t.ncols + 1, sizeof *fn);
    bool *val = calloc(t.ncols + 1, sizeof *val);
    unsigned *gcol = calloc(t.ncols + 1, sizeof *gcol);
    bool *drop = calloc(t.nrows + 1, sizeof *drop);
    char *text_title = NULL;
    rc_grid *grid = rc_grid_new(RC_GRID_REPORT, b->name);
    if (!fn || !val || !gcol || !drop || !grid) {
        rc = rc_ctx_fail(b->ctx, RC_ENOMEM, "out of memory");
        goto done;
    }
    grid->src.line = line_of(table, b->line0);
    b->page->report = grid;

    /* heading rows come first; after them only fact rows count */
    size_t nhead = 0;
    while (nhead < t.nrows && is_heading_row(&t.rows[nhead]))
        nhead++;
    for (size_t r = nhead; r < t.nrows; r++)
        drop[r] = !is_fact_row(&t.rows[r]);

    /* footnote columns: single columns where only indexer cells start */
    for (size_t r = 0; r < t.nrows; r++) {
        if (drop[r]) continue;
        for (size_t k = 0; k < t.rows[r].ncells; k++) {
            const hcell *c = &t.rows[r].cells[k];
            if (c->span != 1) continue;
            if (is_footnote_cell(c->node))
                fn[c->col] = true;
            else
                val[c->col] = true;
        }
    }
    for (unsigned c = 0; c < t.ncols; c++)
        gcol[c + 1] = gcol[c] + !(fn[c] && !val[c]);

    for (size_t r = 0; r < t.nrows; r++) {
        const hrow *hr = &t.rows[r];
        if (drop[r]) continue;
        unsigned flags = 0;
        if (r < nhead)
            flags = RC_ROW_HEAD;
        else if (has_class(hr->node, "rh"))
            flags = RC_ROW_MEMBER;
        else if (has_class(hr->node, "reu") || has_class(hr->node, "rou"))
            flags = RC_ROW_TOTAL;
        rc_grid_row *row = rc_grid_add_row(grid, flags);
        if (!row) {
            rc = rc_ctx_fail(b->ctx, RC_ENOMEM, "out of memory");
            goto done;
        }
        for (size_t k = 0; k < hr->ncells; k++) {
            const hcell *c = &hr->cells[k];
            unsigned end = c->col + c->span;
            unsigned col = gcol[c->col], span = gcol[end] - gcol[c->col];
            if (span == 0 || is_footnote_cell(c->node)) continue; /* an indexer and its column */
            unsigned cflags = 0;
            char *concept = NULL;
            if (r < nhead) {
                if (has_class(c->node, "tl") && !grid->title) {
                    /* "Report name\nrounding line" */
                    const char *nl = strchr(c->text, '\n');
                    grid->title =
                        nl ? rc_arena_strndup(grid->arena, c->text, (size_t)(nl - c->text))
                           : rc_grid_strdup(grid, c->text);
                    if (nl && nl[1]) grid->scale = rc_grid_strdup(grid, nl + 1);
                    if (!grid->title || (nl && nl[1] && !grid->scale)) {
                        rc = rc_ctx_fail(b->ctx, RC_ENOMEM, "out of memory");
                        goto done;
                    }
                }
            } else if (has_class(c->node, "pl")) {
                if (find_first(c->node, is_strong)) cflags |= RC_CELL_ABSTRACT;
                if (has_class(c->node, "custom")) cflags |= RC_CELL_CUSTOM;
                concept = concept_of(c->node);
            } else if (has_class(c->node, "nump")) {
                cflags |= RC_CELL_NUMERIC;
            } else if (has_class(c->node, "num")) {
                cflags |= RC_CELL_NUMERIC | RC_CELL_NEGATIVE;
            } else if (has_class(c->node, "text")) {
                cflags |= is_nil_cell(c->node, c->text) ? RC_CELL_NIL : RC_CELL_TEXTUAL;
            }
            rc_source src = {b->name, line_of(c->node, b->line0), 0, NULL};
            rc_cell *cell =
                rc_grid_add_cell(grid, row, c->text, strlen(c->text), col, span, cflags, &src);
            if (cell && concept) {
                cell->concept = rc_grid_strdup(grid, concept);
                if (!cell->concept) cell = NULL;
            }
            free(concept);
            if (!cell) {
                rc = rc_ctx_fail(b->ctx, RC_ENOMEM, "out of memory");
                goto done;
            }
        }
    }

    /* the tables inside the text blocks */
    for (size_t r = nhead; r < t.nrows; r++) {
        const hrow *hr = &t.rows[r];
        if (drop[r]) continue;
        const char *label = NULL;
        for (size_t k = 0; k < hr->ncells; k++) {
            const hcell *c = &hr->cells[k];
            if (has_class(c->node, "pl")) {
                label = c->text;
                continue;
            }
            if (!has_class(c->node, "text")) continue;
            unsigned col = gcol[c->col];
            char *period = heading_of(grid, col);
            /* a text block's prose, for the narrative; a short text value is none */
            if (strlen(c->text) > 80 && (rc = add_prose(b, c->node, period)) < 0) {
                free(period);
                goto done;
            }
            if (!find_first(c->node, is_table)) {
                free(period);
                continue;
            }
            free(text_title);
            text_title = NULL;
            rc_buf tb = RC_BUF_INIT;
            if (grid->title) rc_buf_puts(&tb, grid->title);
            if (label && label[0] && (!grid->title || strcasecmp(label, grid->title) != 0)) {
                if (tb.len) rc_buf_puts(&tb, " - ");
                rc_buf_puts(&tb, label);
            }
            text_title = tb.len ? rc_buf_take(&tb) : NULL;
            rc_buf_free(&tb);
            note_info info = {text_title, NULL, period};
            rc = read_text_block(b, c->node, &info);
            free(period);
            if (rc < 0) goto done;
        }
    }
done:
    free(text_title);
    free(fn);
    free(val);
    free(gcol);
    free(drop);
    if (grid && b->page->report != grid) rc_grid_free(grid);
    htable_clear(&t);
    return rc;
}

int rc_rhtml_parse(const char *name, const char *buf, size_t len, unsigned line0,
                   rc_rhtml_page **out, rc_ctx *ctx)
{
    assert(name && out && (buf || len == 0));
    *out = NULL;
    size_t off, n;
    unsigned skipped;
    rc_rhtml_unwrap(buf, len, &off, &n, &skipped);
    if (n > INT_MAX)
        return rc_ctx_fail_at(ctx, RC_ELIMIT, name, 0, 0, "an R page larger than %d bytes",
                              INT_MAX);
    size_t at = report_table_at(buf + off, n);
    if (at != SIZE_MAX && !table_closed(buf + off, n, at)) {
        /* at its last line */
        unsigned last = count_lines(buf + off, n) + (n > 0 && buf[off + n - 1] != '\n');
        return rc_ctx_fail_at(ctx, RC_ESYNTAX, name, line0 + skipped + last, 0,
                              "the page ends inside its report table (is the file cut short?)");
    }
    page_builder b = {name, line0 + skipped, NULL, ctx, 0};
    int rc = RC_OK;
    htmlDocPtr doc = NULL;
    b.page = calloc(1, sizeof *b.page);
    if (!b.page) return rc_ctx_fail(ctx, RC_ENOMEM, "out of memory");
    if (n > 0)
        doc = htmlReadMemory(buf + off, (int)n, NULL, "UTF-8",
                             HTML_PARSE_NONET | HTML_PARSE_NOERROR | HTML_PARSE_NOWARNING |
                                 HTML_PARSE_RECOVER);
    xmlNode *root = doc ? xmlDocGetRootElement(doc) : NULL;
    xmlNode *table = NULL;
    if (root) table = is_report_table(root) ? root : find_first(root, is_report_table);
    if (!table) {
        rc = rc_ctx_fail_at(ctx, RC_EFORMAT, name, 0, 0,
                            "not an EDGAR R page: no report table (<table class=\"report\">)");
        goto done;
    }
    rc = build_report(&b, table);
done:
    if (doc) xmlFreeDoc(doc);
    if (rc < 0) {
        rc_rhtml_page_free(b.page);
        return rc;
    }
    *out = b.page;
    return RC_OK;
}

int rc_read_r_html(rc_model *model, const rc_vocab *vocab, const char *name, const char *buf,
                   size_t len, unsigned line0, rc_ctx *ctx)
{
    assert(model && name);
    rc_rhtml_page *page = NULL;
    int rc = rc_rhtml_parse(name, buf, len, line0, &page, ctx);
    if (rc < 0) return rc;
    rc = rc_table_interpret(model, vocab, page->report, NULL, ctx);
    for (size_t i = 0; rc >= 0 && i < page->nnotes; i++)
        rc = rc_table_interpret(model, vocab, page->notes[i], NULL, ctx);
    /* the note's text: what it states about the tables */
    for (size_t i = 0; rc >= 0 && i < page->nprose; i++) {
        const rc_rhtml_prose *p = &page->prose[i];
        rc_narrative_period period;
        bool dated = rc_narrative_period_of_heading(p->period, &period);
        rc_narrative_stats stats = {0, 0, 0};
        rc_source src = {name, p->line, 0, NULL};
        rc = rc_narrative_read(model, vocab, p->text, strlen(p->text), &src, false,
                               dated ? &period : NULL, &stats, ctx);
        if (rc >= 0 && (rc = rc_narrative_note(model, name, p->line, &stats)) < 0)
            rc_ctx_fail(ctx, rc, "out of memory");
    }
    rc_rhtml_page_free(page);
    return rc < 0 ? rc : RC_OK;
}
