/*
 * Plain-text captures of EDGAR R pages (textcap.h): detection, the Details
 * capture (one REPORT grid, columns recovered by recover.c) and the Tables
 * capture (the flattened tables of a text block, one NOTE grid each).
 */
#include <assert.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "read/classify.h"
#include "read/narrative.h"
#include "read/table.h"
#include "read/textcap.h"

/* How many lines at the start of an input detection looks at. */
#define DETECT_LINES 16
/* A line of prose: at least this many words, or a sentence of at least NARRATIVE_SENTENCE. */
#define NARRATIVE_WORDS 12
#define NARRATIVE_SENTENCE 5
/* How many empty cells may stand between a number and its "$" or ")" cell. */
#define FOLD_REACH 2

/* ---- lines -------------------------------------------------------------------------------- */

typedef struct line {
    const char *s; /* into the input; no line break, no trailing CR */
    size_t n;
    unsigned no; /* line number in the input, line0 included */
} line;

typedef struct lines {
    line *items;
    size_t n;
} lines;

static int split_lines(const char *buf, size_t len, unsigned line0, lines *out)
{
    size_t cap = 16;
    out->n = 0;
    out->items = malloc(cap * sizeof *out->items);
    if (!out->items) return RC_ENOMEM;
    size_t i = 0;
    if (len >= 3 && memcmp(buf, "\xef\xbb\xbf", 3) == 0) i = 3;
    unsigned no = line0;
    while (i < len) {
        const char *nl = memchr(buf + i, '\n', len - i);
        size_t end = nl ? (size_t)(nl - buf) : len;
        size_t n = end - i;
        if (n && buf[i + n - 1] == '\r') n--;
        if (out->n == cap) {
            cap *= 2;
            line *p = realloc(out->items, cap * sizeof *p);
            if (!p) return RC_ENOMEM;
            out->items = p;
        }
        out->items[out->n].s = buf + i;
        out->items[out->n].n = n;
        out->items[out->n].no = ++no;
        out->n++;
        i = end + 1;
    }
    return RC_OK;
}

static bool ascii_blank(char c)
{
    return c == ' ' || c == '\t' || c == '\r' || c == '\f' || c == '\v';
}

/* Trim blanks, the no-break space included. */
static void trim(const char **s, size_t *n)
{
    for (;;) {
        if (*n && ascii_blank(**s)) {
            (*s)++;
            (*n)--;
        } else if (*n >= 2 && (unsigned char)(*s)[0] == 0xc2 && (unsigned char)(*s)[1] == 0xa0) {
            *s += 2;
            *n -= 2;
        } else {
            break;
        }
    }
    for (;;) {
        if (*n && ascii_blank((*s)[*n - 1]))
            (*n)--;
        else if (*n >= 2 && (unsigned char)(*s)[*n - 2] == 0xc2 &&
                 (unsigned char)(*s)[*n - 1] == 0xa0)
            *n -= 2;
        else
            break;
    }
}

/* A line with nothing on it (a no-break space is something: an empty table cell). */
static bool blank_line(const line *l)
{
    for (size_t i = 0; i < l->n; i++)
        if (!ascii_blank(l->s[i])) return false;
    return true;
}

static bool empty_text(const char *s, size_t n)
{
    trim(&s, &n);
    return n == 0;
}

static bool starts_with(const char *s, size_t n, const char *prefix)
{
    size_t m = strlen(prefix);
    return n >= m && memcmp(s, prefix, m) == 0;
}

static bool contains(const char *s, size_t n, const char *what)
{
    size_t m = strlen(what);
    for (size_t i = 0; i + m <= n; i++)
        if (memcmp(s + i, what, m) == 0) return true;
    return false;
}

static bool contains_nocase(const char *s, size_t n, const char *what)
{
    size_t m = strlen(what);
    for (size_t i = 0; i + m <= n; i++) {
        size_t k = 0;
        while (k < m) {
            char a = s[i + k], b = what[k];
            if (a >= 'A' && a <= 'Z') a = (char)(a + 32);
            if (a != b) break;
            k++;
        }
        if (k == m) return true;
    }
    return false;
}

static size_t words(const char *s, size_t n)
{
    size_t w = 0;
    bool in = false;
    for (size_t i = 0; i < n; i++) {
        bool b = ascii_blank(s[i]) || s[i] == '\n';
        if (!b && !in) w++;
        in = !b;
    }
    return w;
}

/* "XML 37 R20.htm IDEA: XBRL DOCUMENT v3.24.1.u1": the envelope sec.gov serves a page in. */
static bool envelope_line(const char *s, size_t n)
{
    trim(&s, &n);
    return starts_with(s, n, "XML ") && contains(s, n, "IDEA: XBRL DOCUMENT");
}

/* "12 Months Ended", "13 Weeks Ended" */
static bool group_text(const char *s, size_t n)
{
    trim(&s, &n);
    size_t i = 0;
    while (i < n && s[i] >= '0' && s[i] <= '9')
        i++;
    if (i == 0 || i >= n || s[i] != ' ') return false;
    const char *rest = s + i + 1;
    size_t m = n - i - 1;
    static const char *const forms[] = {"Months Ended", "Month Ended", "Weeks Ended", "Week Ended"};
    for (size_t k = 0; k < sizeof forms / sizeof *forms; k++)
        if (m == strlen(forms[k]) && memcmp(rest, forms[k], m) == 0) return true;
    return false;
}

/* The whole of s[0..n) is a date ("Dec. 31, 2023"). */
static bool date_text(const char *s, size_t n)
{
    trim(&s, &n);
    char tmp[64];
    if (n == 0 || n >= sizeof tmp) return false;
    memcpy(tmp, s, n);
    tmp[n] = '\0';
    rc_day d;
    return rc_parse_date(tmp, false, &d, NULL, NULL) == RC_OK;
}

/* "# SOURCE: https://...", "# NOTE: ...": the first line of a comment block that the
 * corpus excerpts carry before the capture. */
static bool comment_key(const char *s, size_t n)
{
    size_t i = 1;
    while (i < n && s[i] == ' ')
        i++;
    size_t k = i;
    while (k < n && s[k] >= 'A' && s[k] <= 'Z')
        k++;
    return k > i && k < n && s[k] == ':';
}

/* The first line that is neither blank nor part of a leading comment block. */
static size_t content_start(const lines *ls)
{
    size_t i = 0;
    bool comments = false;
    while (i < ls->n) {
        const line *l = &ls->items[i];
        const char *s = l->s;
        size_t n = l->n;
        trim(&s, &n);
        if (n > 0 && s[0] == '#' && !comments) comments = comment_key(s, n);
        if (n == 0 || (s[0] == '#' && comments))
            i++;
        else
            break;
    }
    return i;
}

/* The next non-blank line from i. */
static size_t next_text(const lines *ls, size_t i)
{
    while (i < ls->n && empty_text(ls->items[i].s, ls->items[i].n))
        i++;
    return i;
}

/* ---- detection ------------------------------------------------------------------------------ */

static bool heading_lines(const lines *ls, size_t i)
{
    /* a report name, then "12 Months Ended" and a date, or a "(Tables)" name and a date */
    size_t a = next_text(ls, i);
    size_t b = a < ls->n ? next_text(ls, a + 1) : ls->n;
    size_t c = b < ls->n ? next_text(ls, b + 1) : ls->n;
    if (c >= ls->n) return false;
    const line *la = &ls->items[a], *lb = &ls->items[b], *lc = &ls->items[c];
    if (group_text(lb->s, lb->n) && date_text(lc->s, lc->n)) return true;
    return (contains(la->s, la->n, "(Tables)") || contains(la->s, la->n, "(Details")) &&
           date_text(lb->s, lb->n);
}

bool rc_textcap_detect(const char *buf, size_t len)
{
    if (!buf || len == 0) return false;
    /* only the start matters: look at the first lines of at most 64 KiB */
    size_t n = len < 65536 ? len : 65536;
    lines ls = {NULL, 0};
    if (split_lines(buf, n, 0, &ls) < 0) {
        free(ls.items);
        return false;
    }
    bool yes = false;
    size_t i = content_start(&ls);
    if (i >= ls.n) goto done;
    const line *first = &ls.items[i];
    const char *s = first->s;
    size_t m = first->n;
    trim(&s, &m);
    if (m == 0 || s[0] == '<' || s[0] == '{' || s[0] == '[') goto done;
    if (envelope_line(s, m)) {
        /* the envelope of a page: a capture when the page after it is no HTML */
        size_t k = next_text(&ls, i + 1);
        const char *t = k < ls.n ? ls.items[k].s : "";
        size_t tn = k < ls.n ? ls.items[k].n : 0;
        trim(&t, &tn);
        yes = tn > 0 && t[0] != '<';
        goto done;
    }
    if (s[0] == '|') {
        /* "|" cells, and not a Markdown table ("| a | b |", "|---|") */
        size_t cells = 0, seen = 0;
        for (size_t k = i; k < ls.n && seen < DETECT_LINES; k++) {
            const char *t = ls.items[k].s;
            size_t tn = ls.items[k].n;
            trim(&t, &tn);
            if (tn == 0) continue;
            seen++;
            if (t[0] != '|') continue;
            if (tn > 1 && t[tn - 1] == '|') goto done;
            if (tn > 1 && (t[1] == '-' || t[1] == ':') && contains(t, tn, "--")) goto done;
            cells++;
        }
        yes = cells >= 3;
        goto done;
    }
    yes = heading_lines(&ls, i);
done:
    free(ls.items);
    return yes;
}

/* ---- the result ---------------------------------------------------------------------------- */

void rc_textcap_free(rc_textcap *cap)
{
    if (!cap) return;
    for (size_t i = 0; i < cap->ngrids; i++)
        rc_grid_free(cap->grids[i]);
    free(cap->grids);
    rc_capnotes_clear(&cap->notes);
    for (size_t i = 0; i < cap->nprose; i++)
        free(cap->prose[i].text);
    free(cap->prose);
    free(cap->period_heading);
    free(cap);
}

static int add_grid(rc_textcap *cap, rc_grid *g)
{
    rc_grid **p = realloc(cap->grids, (cap->ngrids + 1) * sizeof *p);
    if (!p) {
        rc_grid_free(g);
        return RC_ENOMEM;
    }
    cap->grids = p;
    cap->grids[cap->ngrids++] = g;
    return RC_OK;
}

typedef struct reader {
    const rc_vocab *vocab;
    const char *name;
    rc_ctx *ctx;
    rc_textcap *cap;
    lines ls;
    char *report_name; /* the page's report name, or NULL */
} reader;

/* ---- "|" cells ---------------------------------------------------------------------------------
 */

typedef struct pcell {
    size_t first;  /* the line with "|" */
    size_t end;    /* one past its last line */
    const char *s; /* the text after "|" on the first line, trimmed */
    size_t n;
} pcell;

static int split_cells(const lines *ls, size_t from, pcell **out, size_t *nout)
{
    size_t cap = 16, n = 0;
    pcell *cells = malloc(cap * sizeof *cells);
    if (!cells) return RC_ENOMEM;
    for (size_t i = from; i < ls->n; i++) {
        const line *l = &ls->items[i];
        const char *s = l->s;
        size_t m = l->n;
        while (m && ascii_blank(*s)) {
            s++;
            m--;
        }
        if (m && s[0] == '|') {
            if (n == cap) {
                cap *= 2;
                pcell *p = realloc(cells, cap * sizeof *p);
                if (!p) {
                    free(cells);
                    return RC_ENOMEM;
                }
                cells = p;
            }
            cells[n].first = i;
            cells[n].end = i + 1;
            cells[n].s = s + 1;
            cells[n].n = m - 1;
            trim(&cells[n].s, &cells[n].n);
            n++;
        } else if (n > 0) {
            cells[n - 1].end = i + 1;
        }
    }
    *out = cells;
    *nout = n;
    return RC_OK;
}

/* The first non-blank continuation line of a cell, or end. */
static size_t cell_next_text(const lines *ls, const pcell *c, size_t from)
{
    for (size_t i = from; i < c->end; i++)
        if (!empty_text(ls->items[i].s, ls->items[i].n)) return i;
    return c->end;
}

static bool cell_has_more(const lines *ls, const pcell *c)
{
    return cell_next_text(ls, c, c->first + 1) < c->end;
}

/* "|X" then "- Definition": the element definitions after the table. */
static bool definition_cell(const lines *ls, const pcell *c)
{
    if (c->n != 1 || c->s[0] != 'X') return false;
    size_t k = cell_next_text(ls, c, c->first + 1);
    if (k >= c->end) return false;
    const char *s = ls->items[k].s;
    size_t n = ls->items[k].n;
    trim(&s, &n);
    return starts_with(s, n, "- Definition") || starts_with(s, n, "- References") ||
           starts_with(s, n, "- Details") || starts_with(s, n, "+ References");
}

/* The continuation lines of a cell from line `from`, trimmed, joined with sep. */
static char *cell_lines(const lines *ls, const pcell *c, size_t from, char sep)
{
    rc_buf b = RC_BUF_INIT;
    for (size_t i = from; i < c->end; i++) {
        const char *s = ls->items[i].s;
        size_t n = ls->items[i].n;
        trim(&s, &n);
        if (n == 0) continue;
        if (b.len) rc_buf_putc(&b, sep);
        rc_buf_append(&b, s, n);
    }
    return rc_buf_take(&b);
}

/* "$ / shares in Units, ¥ in Thousands, $ in Thousands", "shares in Thousands" */
static bool scale_line(const char *s, size_t n)
{
    return contains(s, n, " in Units") || contains(s, n, " in Thousands") ||
           contains(s, n, " in Millions") || contains(s, n, " in Billions");
}

/* ---- flattened tables: items ------------------------------------------------------------------
 */

/* One cell of a flattened table. */
typedef struct tcell {
    char *text;
    unsigned line, col;
} tcell;

typedef enum item_kind {
    ITEM_TEXT, /* a line (or a row of headings) with no value */
    ITEM_ROW   /* a label and its slots (values and empty cells) */
} item_kind;

typedef struct item {
    item_kind kind;
    tcell *cells; /* ITEM_ROW: the label, then one cell per slot */
    size_t n;
    bool slots; /* the slots keep the empty cells (their positions mean columns) */
    bool split; /* the line was split at "|" or tabs */
} item;

typedef struct items {
    item *v;
    size_t n, cap;
} items;

static void free_items(items *it)
{
    for (size_t i = 0; i < it->n; i++) {
        for (size_t k = 0; k < it->v[i].n; k++)
            free(it->v[i].cells[k].text);
        free(it->v[i].cells);
    }
    free(it->v);
    it->v = NULL;
    it->n = it->cap = 0;
}

static item *new_item(items *it, item_kind kind)
{
    if (it->n == it->cap) {
        size_t cap = it->cap ? it->cap * 2 : 32;
        item *p = realloc(it->v, cap * sizeof *p);
        if (!p) return NULL;
        it->v = p;
        it->cap = cap;
    }
    item *x = &it->v[it->n++];
    memset(x, 0, sizeof *x);
    x->kind = kind;
    return x;
}

static int add_tcell(item *x, const char *s, size_t n, unsigned lineno, unsigned col)
{
    tcell *p = realloc(x->cells, (x->n + 1) * sizeof *p);
    if (!p) return RC_ENOMEM;
    x->cells = p;
    trim(&s, &n);
    char *t = malloc(n + 1);
    if (!t) return RC_ENOMEM;
    memcpy(t, s, n);
    t[n] = '\0';
    x->cells[x->n].text = t;
    x->cells[x->n].line = lineno;
    x->cells[x->n].col = col;
    x->n++;
    return RC_OK;
}

/* What a cell of a flattened table is. */
typedef enum cshape {
    CS_EMPTY,  /* "" or a no-break space: an empty cell */
    CS_VALUE,  /* a number, a dash, a duration */
    CS_CLOSE,  /* ")" or ")%": the end of the number to its left */
    CS_SYMBOL, /* "$", "C$": the symbol of the number to its right */
    CS_TEXT
} cshape;

static cshape shape_of(const char *s)
{
    size_t n = strlen(s);
    trim(&s, &n);
    if (n == 0) return CS_EMPTY;
    if ((n == 1 && (s[0] == ')' || s[0] == '%')) || (n == 2 && memcmp(s, ")%", 2) == 0))
        return CS_CLOSE;
    if (rc_currency_code(s, n)) return CS_SYMBOL;
    rc_capval cv;
    if (rc_recover__value(s, n, true, true, &cv) != RC_CAPVAL_NONE) return CS_VALUE;
    return CS_TEXT;
}

/* "(1) Weighted average exercise price.": a footnote; its number into *mark. */
static bool footnote_line(const char *s, size_t n, int *mark, const char **text, size_t *tn)
{
    trim(&s, &n);
    if (n < 4 || s[0] != '(') return false;
    size_t i = 1;
    int v = 0;
    while (i < n && s[i] >= '0' && s[i] <= '9' && i < 4)
        v = v * 10 + (s[i++] - '0');
    if (i == 1 || i >= n || s[i] != ')') return false;
    i++;
    const char *t = s + i;
    size_t m = n - i;
    trim(&t, &m);
    if (m == 0 || (t[0] >= '0' && t[0] <= '9')) return false;
    *mark = v;
    *text = t;
    *tn = m;
    return true;
}

static bool narrative(const item *x)
{
    if (x->kind != ITEM_TEXT || x->n != 1) return false;
    const char *s = x->cells[0].text;
    size_t n = strlen(s);
    size_t w = words(s, n);
    if (w >= NARRATIVE_WORDS) return true;
    return n > 0 && (s[n - 1] == '.' || s[n - 1] == ':') && w >= NARRATIVE_SENTENCE;
}

static bool footnote_item(const item *x)
{
    int mark;
    const char *t;
    size_t tn;
    return x->kind == ITEM_TEXT && x->n == 1 &&
           footnote_line(x->cells[0].text, strlen(x->cells[0].text), &mark, &t, &tn);
}

/* A row of headings written on one line ("2021 | 2020", "Shares | Wtd. Avg. Price"). */
static bool heading_row(const item *x)
{
    return x->kind == ITEM_TEXT && x->split;
}

/* Fold ")" and "%" into the value on their left and a lone currency symbol into
 * the value on its right, leaving an empty cell where they stood. */
static int fold_slots(item *x)
{
    for (size_t k = 1; k < x->n; k++) {
        cshape sh = shape_of(x->cells[k].text);
        if (sh == CS_CLOSE) {
            size_t v = k;
            while (v > 1 && k - v < FOLD_REACH && shape_of(x->cells[v - 1].text) == CS_EMPTY)
                v--;
            if (v > 1 && shape_of(x->cells[v - 1].text) == CS_VALUE) {
                tcell *c = &x->cells[v - 1];
                size_t a = strlen(c->text), b = strlen(x->cells[k].text);
                char *t = realloc(c->text, a + b + 1);
                if (!t) return RC_ENOMEM;
                memcpy(t + a, x->cells[k].text, b + 1);
                c->text = t;
                x->cells[k].text[0] = '\0';
            }
        } else if (sh == CS_SYMBOL) {
            size_t v = k + 1;
            while (v < x->n && v - k <= FOLD_REACH && shape_of(x->cells[v].text) == CS_EMPTY)
                v++;
            if (v < x->n && shape_of(x->cells[v].text) == CS_VALUE) {
                tcell *c = &x->cells[v];
                size_t a = strlen(x->cells[k].text), b = strlen(c->text);
                char *t = malloc(a + b + 2);
                if (!t) return RC_ENOMEM;
                memcpy(t, x->cells[k].text, a);
                t[a] = ' ';
                memcpy(t + a + 1, c->text, b + 1);
                free(c->text);
                c->text = t;
                c->line = x->cells[k].line;
                c->col = x->cells[k].col;
                x->cells[k].text[0] = '\0';
            }
        }
    }
    return RC_OK;
}

static bool has_value(const item *x)
{
    for (size_t k = 1; k < x->n; k++)
        if (shape_of(x->cells[k].text) == CS_VALUE) return true;
    return false;
}

/* Split one line at "|" or tabs into an item; single cells stay one. */
static int line_item(items *it, const line *l)
{
    const char *s = l->s;
    size_t n = l->n;
    size_t lead = 0;
    while (lead < n && ascii_blank(s[lead]))
        lead++;
    if (lead < n && s[lead] == '|') /* a cell marker, not a separator */
        lead++;
    const char *body = s + lead;
    size_t bn = n - lead;
    char sep = memchr(body, '\t', bn) ? '\t' : memchr(body, '|', bn) ? '|' : 0;
    item *x = new_item(it, ITEM_TEXT);
    if (!x) return RC_ENOMEM;
    if (!sep) return add_tcell(x, body, bn, l->no, (unsigned)(lead + 1));
    x->split = true;
    x->slots = true;
    size_t a = 0;
    for (size_t i = 0; i <= bn; i++) {
        if (i == bn || body[i] == sep) {
            size_t off = a;
            while (off < i && ascii_blank(body[off]))
                off++;
            int err = add_tcell(x, body + a, i - a, l->no, (unsigned)(lead + off + 1));
            if (err < 0) return err;
            a = i + 1;
        }
    }
    /* a line ending in the separator ("Exercised | (310,383) | $43.31 |") keeps
     * its empty last cell; one split into a single cell is no row */
    if (x->n == 1) x->split = x->slots = false;
    return RC_OK;
}

/*
 * Turn the lines of a text block into items.  Line mode: one cell per line
 * (or a line split at "|" or tabs).  Paragraph mode (most lines separated by
 * blank lines): a cell is a run of non-blank lines, and a no-break space
 * alone is an empty cell, so the empty cells keep the columns.
 */
static int make_items(const line *ls, size_t n, items *out)
{
    size_t blank = 0, text = 0;
    for (size_t i = 0; i < n; i++) {
        if (blank_line(&ls[i]))
            blank++;
        else
            text++;
    }
    bool paragraphs = text > 0 && blank * 10 >= (blank + text) * 3;
    items cells = {NULL, 0, 0};
    int err = RC_OK;
    for (size_t i = 0; i < n;) {
        if (blank_line(&ls[i])) {
            i++;
            continue;
        }
        if (!paragraphs || contains(ls[i].s, ls[i].n, " | ") || memchr(ls[i].s, '\t', ls[i].n)) {
            if ((err = line_item(&cells, &ls[i])) < 0) goto done;
            i++;
            continue;
        }
        size_t j = i;
        rc_buf b = RC_BUF_INIT;
        while (j < n && !blank_line(&ls[j])) {
            const char *s = ls[j].s;
            size_t m = ls[j].n;
            if (m && s[0] == '|') {
                s++;
                m--;
            }
            trim(&s, &m);
            if (m) {
                if (b.len) rc_buf_putc(&b, '\n');
                rc_buf_append(&b, s, m);
            }
            j++;
        }
        char *t = rc_buf_take(&b);
        item *x = t ? new_item(&cells, ITEM_TEXT) : NULL;
        if (!x || add_tcell(x, t, strlen(t), ls[i].no, 1) < 0) {
            free(t);
            err = RC_ENOMEM;
            goto done;
        }
        free(t);
        i = j;
    }
    /* rows: a text cell and the value and empty cells after it */
    for (size_t i = 0; i < cells.n;) {
        item *c = &cells.v[i];
        if (c->split) {
            /* a whole row on one line */
            cshape first = shape_of(c->cells[0].text);
            item *x = new_item(out, ITEM_TEXT);
            if (!x) {
                err = RC_ENOMEM;
                goto done;
            }
            *x = *c;
            c->cells = NULL;
            c->n = 0;
            if (first == CS_TEXT && x->n > 1) {
                if ((err = fold_slots(x)) < 0) goto done;
                if (has_value(x)) x->kind = ITEM_ROW;
            }
            i++;
            continue;
        }
        cshape sh = shape_of(c->cells[0].text);
        if (sh != CS_TEXT) {
            i++; /* a value with no label before it: nothing to hang it on */
            continue;
        }
        item *x = new_item(out, ITEM_TEXT);
        if (!x) {
            err = RC_ENOMEM;
            goto done;
        }
        x->cells = c->cells;
        x->n = c->n;
        c->cells = NULL;
        c->n = 0;
        x->slots = paragraphs;
        size_t j = i + 1;
        while (j < cells.n && !cells.v[j].split && shape_of(cells.v[j].cells[0].text) != CS_TEXT) {
            tcell *t = &cells.v[j].cells[0];
            tcell *p = realloc(x->cells, (x->n + 1) * sizeof *p);
            if (!p) {
                err = RC_ENOMEM;
                goto done;
            }
            x->cells = p;
            x->cells[x->n++] = *t;
            t->text = NULL;
            cells.v[j].n = 0;
            j++;
        }
        if ((err = fold_slots(x)) < 0) goto done;
        if (has_value(x)) {
            x->kind = ITEM_ROW;
        } else {
            /* no row: the empty cells after the text say nothing, and a lone symbol
             * ("C$" under a heading) is a line of text of its own */
            size_t ncells = x->n;
            tcell *rest = x->cells; /* stays with the item when out grows */
            x->n = 1;
            for (size_t k = 1; k < ncells; k++) {
                if (err == RC_OK && !empty_text(rest[k].text, strlen(rest[k].text))) {
                    item *y = new_item(out, ITEM_TEXT);
                    if (!y || add_tcell(y, rest[k].text, strlen(rest[k].text), rest[k].line,
                                        rest[k].col) < 0)
                        err = RC_ENOMEM;
                }
                free(rest[k].text);
            }
            if (err < 0) goto done;
        }
        i = j;
    }
done:
    free_items(&cells);
    return err;
}

/* ---- flattened tables: from items to NOTE grids -----------------------------------------------
 */

typedef struct footnote {
    int mark;
    char *text;
} footnote;

typedef struct table {
    size_t title, context; /* item indices, or SIZE_MAX */
    size_t *heads;         /* heading items */
    size_t nheads;
    size_t *rows; /* body items (rows, and text rows with no value between them) */
    size_t nrows;
    footnote *notes;
    size_t nnotes;
} table;

typedef struct tables {
    table *v;
    size_t n;
} tables;

static void free_tables(tables *ts)
{
    for (size_t i = 0; i < ts->n; i++) {
        free(ts->v[i].heads);
        free(ts->v[i].rows);
        for (size_t k = 0; k < ts->v[i].nnotes; k++)
            free(ts->v[i].notes[k].text);
        free(ts->v[i].notes);
    }
    free(ts->v);
    ts->v = NULL;
    ts->n = 0;
}

static int push_index(size_t **v, size_t *n, size_t x)
{
    size_t *p = realloc(*v, (*n + 1) * sizeof *p);
    if (!p) return RC_ENOMEM;
    *v = p;
    p[(*n)++] = x;
    return RC_OK;
}

static bool measure_words(const reader *rd, const char *text)
{
    rc_class c;
    rc_classify_label(rd->vocab, text, &c);
    return c.measure != RC_MEASURE_NONE;
}

/* Split the lines before a table into its title, its context and its headings. */
static int start_table(const reader *rd, const items *it, const size_t *pre, size_t npre, table *t)
{
    t->title = t->context = SIZE_MAX;
    size_t h = npre;
    while (h > 0 && !narrative(&it->v[pre[h - 1]]) && !footnote_item(&it->v[pre[h - 1]]))
        h--;
    if (h > 0 && narrative(&it->v[pre[h - 1]])) {
        t->context = pre[h - 1];
        if (h > 1) {
            const item *x = &it->v[pre[h - 2]];
            if (x->kind == ITEM_TEXT && x->n == 1 && !narrative(x) && !footnote_item(x))
                t->title = pre[h - 2];
        }
    } else if (npre - h >= 2) {
        /* no sentence before the table: a first line that names no measure is its title */
        const item *x = &it->v[pre[h]];
        if (x->kind == ITEM_TEXT && x->n == 1 && !x->split &&
            words(x->cells[0].text, strlen(x->cells[0].text)) >= 3 &&
            !measure_words(rd, x->cells[0].text)) {
            t->title = pre[h];
            h++;
        }
    }
    for (size_t k = h; k < npre; k++) {
        int err = push_index(&t->heads, &t->nheads, pre[k]);
        if (err < 0) return err;
    }
    return RC_OK;
}

static int add_footnote(table *t, const char *text)
{
    int mark;
    const char *s;
    size_t n;
    if (!footnote_line(text, strlen(text), &mark, &s, &n)) return RC_OK;
    while (n && (s[n - 1] == '.' || ascii_blank(s[n - 1])))
        n--;
    footnote *p = realloc(t->notes, (t->nnotes + 1) * sizeof *p);
    if (!p) return RC_ENOMEM;
    t->notes = p;
    char *c = malloc(n + 1);
    if (!c) return RC_ENOMEM;
    memcpy(c, s, n);
    c[n] = '\0';
    t->notes[t->nnotes].mark = mark;
    t->notes[t->nnotes].text = c;
    t->nnotes++;
    return RC_OK;
}

static int find_tables(const reader *rd, const items *it, tables *out)
{
    size_t *pre = NULL, npre = 0, *pending = NULL, npending = 0;
    table *cur = NULL;
    int err = RC_OK;
    for (size_t i = 0; i < it->n && err == RC_OK; i++) {
        const item *x = &it->v[i];
        if (x->kind == ITEM_ROW) {
            if (!cur) {
                table *p = realloc(out->v, (out->n + 1) * sizeof *p);
                if (!p) {
                    err = RC_ENOMEM;
                    break;
                }
                out->v = p;
                cur = &out->v[out->n++];
                memset(cur, 0, sizeof *cur);
                err = start_table(rd, it, pre, npre, cur);
                npre = 0;
            }
            for (size_t k = 0; k < npending && err == RC_OK; k++)
                err = push_index(&cur->rows, &cur->nrows, pending[k]);
            npending = 0;
            if (err == RC_OK) err = push_index(&cur->rows, &cur->nrows, i);
            continue;
        }
        if (footnote_item(x)) {
            /* "(1) Weighted average exercise price.": explains the last table's headings */
            if (cur || out->n > 0) {
                table *t = cur ? cur : &out->v[out->n - 1];
                err = add_footnote(t, x->cells[0].text);
            }
            if (cur) {
                for (size_t k = 0; k < npending && err == RC_OK; k++)
                    err = push_index(&pre, &npre, pending[k]);
                npending = 0;
                cur = NULL;
            }
            continue;
        }
        if (cur && !narrative(x) && !heading_row(x)) {
            err = push_index(&pending, &npending, i); /* a row with no value, or the table's end */
            continue;
        }
        if (cur) {
            /* prose (or a new row of headings) ends the table; the rows with no value
             * at its end are rather the title of what follows */
            for (size_t k = 0; k < npending && err == RC_OK; k++)
                err = push_index(&pre, &npre, pending[k]);
            npending = 0;
            cur = NULL;
        }
        if (err == RC_OK) err = push_index(&pre, &npre, i);
    }
    free(pre);
    free(pending);
    return err;
}

static bool names_year(const char *s)
{
    for (size_t i = 0; s[i]; i++)
        if ((s[i] == '1' || s[i] == '2') && (s[i + 1] == '9' || s[i + 1] == '0') && s[i + 2] &&
            s[i + 2] >= '0' && s[i + 2] <= '9' && s[i + 3] >= '0' && s[i + 3] <= '9' &&
            (i == 0 || s[i - 1] < '0' || s[i - 1] > '9') && (s[i + 4] < '0' || s[i + 4] > '9'))
            return true;
    return false;
}

/* The heading text with the footnote its marker points to ("Exercise Price (1)" and
 * "(1) Weighted average exercise price." say "Weighted average exercise price"). */
static char *heading_text(const table *t, const char *text)
{
    rc_buf b = RC_BUF_INIT;
    rc_buf_puts(&b, text);
    for (size_t k = 0; k < t->nnotes; k++) {
        char mark[16];
        snprintf(mark, sizeof mark, "(%d)", t->notes[k].mark);
        if (strstr(text, mark)) {
            rc_buf_putc(&b, '\n');
            rc_buf_puts(&b, t->notes[k].text);
        }
    }
    return rc_buf_take(&b);
}

static int add_text_cell(rc_grid *g, size_t row, const table *t, const tcell *c, unsigned col,
                         unsigned span, unsigned flags)
{
    char *text = heading_text(t, c->text);
    if (!text) return RC_ENOMEM;
    rc_source src = {NULL, c->line, c->col, NULL};
    rc_cell *cell = rc_grid_add_cell(g, &g->rows[row], text, strlen(text), col, span, flags, &src);
    free(text);
    return cell ? RC_OK : RC_ENOMEM;
}

/* Headings: one row per line written as a row; words written one per line go to
 * their columns when they are as many as the columns (or periods above them),
 * else all into one cell over every column, in their order. */
static int add_headings(rc_grid *g, const items *it, const table *t, unsigned ncols)
{
    bool any_split = false;
    for (size_t h = 0; h < t->nheads; h++)
        any_split |= it->v[t->heads[h]].split;
    int err = RC_OK;
    if (any_split) {
        for (size_t h = 0; h < t->nheads && err == RC_OK; h++) {
            const item *x = &it->v[t->heads[h]];
            /* the cells with words; a blank cell over the labels or between two
             * headings is no column of its own */
            size_t m = 0, a = x->n, b = 0;
            for (size_t k = 0; k < x->n; k++) {
                if (empty_text(x->cells[k].text, strlen(x->cells[k].text))) continue;
                if (m++ == 0) a = k;
                b = k + 1;
            }
            if (m == 0) continue;
            if (!rc_grid_add_row(g, RC_ROW_HEAD)) return RC_ENOMEM;
            size_t row = g->nrows - 1;
            if (m <= ncols && ncols % m == 0) {
                unsigned span = (unsigned)(ncols / m);
                size_t i = 0;
                for (size_t k = a; k < b && err == RC_OK; k++) {
                    if (empty_text(x->cells[k].text, strlen(x->cells[k].text))) continue;
                    err = add_text_cell(g, row, t, &x->cells[k], (unsigned)(1 + i * span), span, 0);
                    i++;
                }
            } else {
                rc_buf buf = RC_BUF_INIT;
                for (size_t k = a; k < b; k++) {
                    if (empty_text(x->cells[k].text, strlen(x->cells[k].text))) continue;
                    if (buf.len) rc_buf_putc(&buf, '\n');
                    rc_buf_puts(&buf, x->cells[k].text);
                }
                char *s = rc_buf_take(&buf);
                if (!s) return RC_ENOMEM;
                tcell c = {s, x->cells[a].line, x->cells[a].col};
                err = add_text_cell(g, row, t, &c, 1, ncols, 0);
                free(s);
            }
        }
        return err;
    }
    size_t m = 0;
    for (size_t h = 0; h < t->nheads; h++)
        m +=
            !empty_text(it->v[t->heads[h]].cells[0].text, strlen(it->v[t->heads[h]].cells[0].text));
    if (m == 0) return RC_OK;
    const tcell **texts = calloc(m, sizeof *texts);
    if (!texts) return RC_ENOMEM;
    size_t k = 0;
    for (size_t h = 0; h < t->nheads; h++) {
        const tcell *c = &it->v[t->heads[h]].cells[0];
        if (!empty_text(c->text, strlen(c->text))) texts[k++] = c;
    }
    size_t groups = 0;
    if (m > ncols && ncols % (m - ncols) == 0) {
        groups = m - ncols;
        for (size_t i = 0; i < groups; i++)
            if (!names_year(texts[i]->text)) groups = 0;
    }
    if (m == ncols || groups > 0) {
        if (groups > 0) {
            if (!rc_grid_add_row(g, RC_ROW_HEAD)) {
                free(texts);
                return RC_ENOMEM;
            }
            unsigned span = (unsigned)(ncols / groups);
            for (size_t i = 0; i < groups && err == RC_OK; i++)
                err =
                    add_text_cell(g, g->nrows - 1, t, texts[i], (unsigned)(1 + i * span), span, 0);
        }
        if (err == RC_OK && !rc_grid_add_row(g, RC_ROW_HEAD)) err = RC_ENOMEM;
        for (size_t i = 0; i < ncols && err == RC_OK; i++)
            err = add_text_cell(g, g->nrows - 1, t, texts[groups + i], (unsigned)(1 + i), 1, 0);
    } else {
        rc_buf buf = RC_BUF_INIT;
        for (size_t i = 0; i < m; i++) {
            if (buf.len) rc_buf_putc(&buf, '\n');
            rc_buf_puts(&buf, texts[i]->text);
        }
        char *s = rc_buf_take(&buf);
        if (!s || !rc_grid_add_row(g, RC_ROW_HEAD)) {
            free(s);
            free(texts);
            return RC_ENOMEM;
        }
        tcell c = {s, texts[0]->line, texts[0]->col};
        err = add_text_cell(g, g->nrows - 1, t, &c, 1, ncols, 0);
        free(s);
    }
    free(texts);
    return err;
}

static char *join_text(const char *s, char sep)
{
    size_t n = strlen(s);
    char *out = malloc(n + 1);
    if (!out) return NULL;
    for (size_t i = 0; i <= n; i++)
        out[i] = s[i] == '\n' ? sep : s[i];
    return out;
}

/* "Restricted Stock Units - continued": the title of a table the page broke. */
static void drop_continued(char *title)
{
    static const char *const tails[] = {" - continued", " (continued)", " \xe2\x80\x93 continued",
                                        " - Continued", " (Continued)"};
    size_t n = strlen(title);
    for (size_t i = 0; i < sizeof tails / sizeof *tails; i++) {
        size_t m = strlen(tails[i]);
        if (n > m && strcmp(title + n - m, tails[i]) == 0) {
            title[n - m] = '\0';
            return;
        }
    }
}

/* Build the NOTE grid of table t. */
static int table_grid(reader *rd, const items *it, const table *t, const char *fallback_title,
                      const char *period_heading)
{
    /* the columns: slot positions that hold a value somewhere, or the values in order */
    bool slots = true;
    size_t maxslot = 0, maxvals = 0;
    for (size_t r = 0; r < t->nrows; r++) {
        const item *x = &it->v[t->rows[r]];
        if (x->kind != ITEM_ROW) continue;
        slots &= x->slots;
        if (x->n - 1 > maxslot) maxslot = x->n - 1;
        size_t nv = 0;
        for (size_t k = 1; k < x->n; k++)
            nv += shape_of(x->cells[k].text) == CS_VALUE;
        if (nv > maxvals) maxvals = nv;
    }
    size_t *colof = NULL;
    unsigned ncols = 0;
    if (slots) {
        colof = calloc(maxslot + 1, sizeof *colof);
        bool *used = calloc(maxslot + 1, sizeof *used);
        if (!colof || !used) {
            free(colof);
            free(used);
            return RC_ENOMEM;
        }
        for (size_t r = 0; r < t->nrows; r++) {
            const item *x = &it->v[t->rows[r]];
            if (x->kind == ITEM_ROW)
                for (size_t k = 1; k < x->n; k++)
                    used[k - 1] |= shape_of(x->cells[k].text) == CS_VALUE;
        }
        /* neighbouring slots that never hold values in the same row are one column
         * (a value written once into the "$" cell, once into the number cell) */
        for (size_t s = 0; s < maxslot; s++) {
            if (!used[s]) continue;
            bool merge = s > 0 && used[s - 1];
            for (size_t r = 0; r < t->nrows && merge; r++) {
                const item *x = &it->v[t->rows[r]];
                if (x->kind == ITEM_ROW && s + 1 < x->n &&
                    shape_of(x->cells[s + 1].text) == CS_VALUE &&
                    shape_of(x->cells[s].text) == CS_VALUE)
                    merge = false;
            }
            if (!merge) ncols++;
            colof[s] = ncols;
        }
        free(used);
    } else {
        ncols = (unsigned)maxvals;
    }
    int err = RC_OK;
    rc_grid *g = rc_grid_new(RC_GRID_NOTE, rd->name);
    if (!g) {
        free(colof);
        return RC_ENOMEM;
    }
    const char *title = t->title != SIZE_MAX ? it->v[t->title].cells[0].text : fallback_title;
    char *ctx_text =
        t->context != SIZE_MAX ? join_text(it->v[t->context].cells[0].text, ' ') : NULL;
    char *title_text = title ? join_text(title, ' ') : NULL;
    if (title_text) drop_continued(title_text);
    if ((t->context != SIZE_MAX && !ctx_text) || (title && !title_text)) {
        err = RC_ENOMEM;
        goto done;
    }
    g->title = title_text ? rc_grid_strdup(g, title_text) : NULL;
    g->context = ctx_text ? rc_grid_strdup(g, ctx_text) : NULL;
    g->period_heading = period_heading ? rc_grid_strdup(g, period_heading) : NULL;
    if ((title_text && !g->title) || (ctx_text && !g->context) ||
        (period_heading && !g->period_heading)) {
        err = RC_ENOMEM;
        goto done;
    }
    size_t first = t->nheads ? t->heads[0] : t->rows[0];
    g->src.line = it->v[first].cells[0].line;
    if ((err = add_headings(g, it, t, ncols)) < 0) goto done;
    for (size_t r = 0; r < t->nrows; r++) {
        const item *x = &it->v[t->rows[r]];
        if (!rc_grid_add_row(g, 0)) {
            err = RC_ENOMEM;
            goto done;
        }
        size_t row = g->nrows - 1;
        char *label = join_text(x->cells[0].text, ' ');
        if (!label) {
            err = RC_ENOMEM;
            goto done;
        }
        rc_source src = {NULL, x->cells[0].line, x->cells[0].col, NULL};
        rc_cell *cell = rc_grid_add_cell(g, &g->rows[row], label, strlen(label), 0, 1, 0, &src);
        free(label);
        if (!cell) {
            err = RC_ENOMEM;
            goto done;
        }
        if (x->kind != ITEM_ROW) continue;
        unsigned next = 1;
        for (size_t k = 1; k < x->n; k++) {
            const tcell *c = &x->cells[k];
            if (shape_of(c->text) != CS_VALUE) continue;
            unsigned col = slots ? (unsigned)colof[k - 1] : next++;
            rc_capval cv;
            rc_capval_kind kind = rc_recover__value(c->text, strlen(c->text), true, true, &cv);
            unsigned flags = kind == RC_CAPVAL_NUMBER     ? RC_CELL_NUMERIC
                             : kind == RC_CAPVAL_DURATION ? RC_CELL_TEXTUAL
                                                          : 0;
            if (kind == RC_CAPVAL_NUMBER && cv.negative) flags |= RC_CELL_NEGATIVE;
            rc_source vsrc = {NULL, c->line, c->col, NULL};
            if (!rc_grid_add_cell(g, &g->rows[row], c->text, strlen(c->text), col, 1, flags,
                                  &vsrc)) {
                err = RC_ENOMEM;
                goto done;
            }
        }
    }
done:
    free(colof);
    free(ctx_text);
    free(title_text);
    if (err < 0) {
        rc_grid_free(g);
        return err;
    }
    return add_grid(rd->cap, g);
}

/* Read the flattened tables of a text block into NOTE grids. */
static int read_text_block(reader *rd, const line *ls, size_t n, const char *block_label,
                           const char *period_heading)
{
    items it = {NULL, 0, 0};
    tables ts = {NULL, 0};
    int err = make_items(ls, n, &it);
    if (err == RC_OK) err = find_tables(rd, &it, &ts);
    /* the prose, for the narrative: the text that is neither table nor heading */
    for (size_t i = 0; i < it.n && err == RC_OK; i++) {
        const item *x = &it.v[i];
        if (!narrative(x) || footnote_item(x)) continue;
        rc_capprose *p = realloc(rd->cap->prose, (rd->cap->nprose + 1) * sizeof *p);
        char *text = p ? strdup(x->cells[0].text) : NULL;
        if (p) rd->cap->prose = p;
        if (!text) {
            err = RC_ENOMEM;
            break;
        }
        p[rd->cap->nprose++] = (rc_capprose){text, x->cells[0].line, x->cells[0].col};
    }
    if (err == RC_OK && period_heading && !rd->cap->period_heading &&
        !(rd->cap->period_heading = strdup(period_heading)))
        err = RC_ENOMEM;
    const char *fallback = block_label ? block_label : rd->report_name;
    for (size_t i = 0; i < ts.n && err == RC_OK; i++)
        err = table_grid(rd, &it, &ts.v[i], fallback, period_heading);
    free_tables(&ts);
    free_items(&it);
    return err;
}

/* ---- page forms ------------------------------------------------------------------------------ */

/* The heading form: [envelope line] report name, [group lines], [date lines], then the
 * text block (seed 003, the R33/R43/R26 excerpts). */
static int read_heading_page(reader *rd, size_t i)
{
    const lines *ls = &rd->ls;
    i = next_text(ls, i);
    if (i < ls->n && envelope_line(ls->items[i].s, ls->items[i].n)) i = next_text(ls, i + 1);
    if (i < ls->n) {
        const char *s = ls->items[i].s;
        size_t n = ls->items[i].n;
        trim(&s, &n);
        rd->report_name = malloc(n + 1);
        if (!rd->report_name) return RC_ENOMEM;
        memcpy(rd->report_name, s, n);
        rd->report_name[n] = '\0';
        i = next_text(ls, i + 1);
    }
    rc_buf heading = RC_BUF_INIT;
    bool dated = false;
    while (i < ls->n) {
        const line *l = &ls->items[i];
        const char *s = l->s;
        size_t n = l->n;
        trim(&s, &n);
        bool group = group_text(s, n), date = !group && date_text(s, n);
        if (!group && !date) break;
        /* the first column's heading: its group and its date */
        if ((group && heading.len == 0) || (date && !dated)) {
            if (heading.len) rc_buf_putc(&heading, '\n');
            rc_buf_append(&heading, s, n);
        }
        dated |= date;
        i = next_text(ls, i + 1);
    }
    char *period_heading = rc_buf_take(&heading);
    if (!period_heading) return RC_ENOMEM;
    /* the abstract row above the text block */
    while (i < ls->n && contains_nocase(ls->items[i].s, ls->items[i].n, "[abstract]"))
        i = next_text(ls, i + 1);
    int err = read_text_block(rd, ls->items + i, ls->n - i, NULL,
                              period_heading[0] ? period_heading : NULL);
    free(period_heading);
    return err;
}

/* Is a "|" cell a value of a Details page? */
static bool details_value(const lines *ls, const pcell *c)
{
    if (c->n == 0 || cell_has_more(ls, c)) return false;
    rc_capval cv;
    return rc_recover__value(c->s, c->n, false, false, &cv) != RC_CAPVAL_NONE;
}

typedef struct drow {
    size_t cell;    /* the label cell */
    size_t *values; /* value cells */
    size_t nvalues;
    char *label;
    bool member;
} drow;

static void free_drows(drow *rows, size_t n)
{
    for (size_t i = 0; i < n; i++) {
        free(rows[i].values);
        free(rows[i].label);
    }
    free(rows);
}

static bool label_is_member(const drow *rows, size_t n, size_t i)
{
    const drow *r = &rows[i];
    if (r->nvalues > 0) return false;
    size_t len = strlen(r->label);
    if (contains_nocase(r->label, len, "[member]")) return true;
    if (strstr(r->label, " | ") && rc_label_split_unit(r->label, NULL) == len) return true;
    /* the block repeats the table's first line items under a member */
    return i + 1 < n && n > 0 && strcmp(r->label, rows[0].label) != 0 &&
           strcmp(rows[i + 1].label, rows[0].label) == 0;
}

static int details_grid(reader *rd, const pcell *cells, size_t ncells, size_t title_cell,
                        const char *title, const char *scale, const size_t *groups, size_t ngroups,
                        char **headings, const size_t *heading_cell, size_t ncols, size_t body,
                        size_t body_end)
{
    const lines *ls = &rd->ls;
    (void)ncells;
    drow *rows = NULL;
    size_t nrows = 0;
    int err = RC_OK;
    rc_grid *g = NULL;
    for (size_t k = body; k < body_end; k++) {
        const pcell *c = &cells[k];
        if (details_value(ls, c)) {
            if (nrows == 0) {
                err = rc_capnotes_add(&rd->cap->notes, ls->items[c->first].no,
                                      "the value \"%.*s\" comes before any row label: not read",
                                      (int)c->n, c->s);
                if (err < 0) goto done;
                continue;
            }
            err = push_index(&rows[nrows - 1].values, &rows[nrows - 1].nvalues, k);
            if (err < 0) goto done;
            continue;
        }
        drow *p = realloc(rows, (nrows + 1) * sizeof *p);
        if (!p) {
            err = RC_ENOMEM;
            goto done;
        }
        rows = p;
        memset(&rows[nrows], 0, sizeof *rows);
        rows[nrows].cell = k;
        rc_buf b = RC_BUF_INIT;
        rc_buf_append(&b, c->s, c->n);
        char *more = cell_lines(ls, c, c->first + 1, ' ');
        if (more && *more) {
            if (b.len) rc_buf_putc(&b, ' ');
            rc_buf_puts(&b, more);
        }
        free(more);
        rows[nrows].label = rc_buf_take(&b);
        if (!rows[nrows].label) {
            err = RC_ENOMEM;
            goto done;
        }
        nrows++;
    }
    for (size_t i = 0; i < nrows; i++)
        rows[i].member = label_is_member(rows, nrows, i);
    g = rc_grid_new(RC_GRID_REPORT, rd->name);
    if (!g) {
        err = RC_ENOMEM;
        goto done;
    }
    g->title = title ? rc_grid_strdup(g, title) : NULL;
    g->scale = scale ? rc_grid_strdup(g, scale) : NULL;
    g->src.line = ls->items[cells[title_cell].first].no;
    if ((title && !g->title) || (scale && !g->scale) || !rc_grid_add_row(g, RC_ROW_HEAD)) {
        err = RC_ENOMEM;
        goto done;
    }
    rc_buf tb = RC_BUF_INIT;
    rc_buf_puts(&tb, title ? title : "");
    if (scale) {
        rc_buf_putc(&tb, '\n');
        rc_buf_puts(&tb, scale);
    }
    char *ttext = rc_buf_take(&tb);
    rc_source src = {NULL, ls->items[cells[title_cell].first].no, 1, NULL};
    if (!ttext || !rc_grid_add_cell(g, &g->rows[0], ttext, strlen(ttext), 0, 1, 0, &src)) {
        free(ttext);
        err = RC_ENOMEM;
        goto done;
    }
    free(ttext);
    for (size_t k = 0; k < ngroups; k++) {
        const pcell *c = &cells[groups[k]];
        rc_source gs = {NULL, ls->items[c->first].no, 2, NULL};
        if (!rc_grid_add_cell(g, &g->rows[0], c->s, c->n, RC_COL_UNKNOWN, 1, 0, &gs)) {
            err = RC_ENOMEM;
            goto done;
        }
    }
    size_t hrow = 0;
    if (ngroups > 0) {
        if (!rc_grid_add_row(g, RC_ROW_HEAD)) {
            err = RC_ENOMEM;
            goto done;
        }
        hrow = 1;
    }
    for (size_t j = 0; j < ncols; j++) {
        const pcell *c = &cells[heading_cell[j]];
        rc_source hs = {NULL, ls->items[c->first].no, 1, NULL};
        if (!rc_grid_add_cell(g, &g->rows[hrow], headings[j], strlen(headings[j]),
                              (unsigned)(j + 1), 1, 0, &hs)) {
            err = RC_ENOMEM;
            goto done;
        }
    }
    for (size_t i = 0; i < nrows; i++) {
        const drow *r = &rows[i];
        if (!rc_grid_add_row(g, r->member ? RC_ROW_MEMBER : 0)) {
            err = RC_ENOMEM;
            goto done;
        }
        size_t gr = g->nrows - 1;
        const pcell *lc = &cells[r->cell];
        rc_source ls_src = {NULL, ls->items[lc->first].no, 2, NULL};
        if (!rc_grid_add_cell(g, &g->rows[gr], r->label, strlen(r->label), 0, 1, 0, &ls_src)) {
            err = RC_ENOMEM;
            goto done;
        }
        for (size_t v = 0; v < r->nvalues; v++) {
            const pcell *c = &cells[r->values[v]];
            rc_capval cv;
            rc_capval_kind kind = rc_recover__value(c->s, c->n, false, false, &cv);
            unsigned flags = kind == RC_CAPVAL_DURATION ? RC_CELL_TEXTUAL : RC_CELL_NUMERIC;
            if (kind == RC_CAPVAL_NUMBER && cv.negative) flags |= RC_CELL_NEGATIVE;
            rc_source vs = {NULL, ls->items[c->first].no, 2, NULL};
            if (!rc_grid_add_cell(g, &g->rows[gr], c->s, c->n, RC_COL_UNKNOWN, 1, flags, &vs)) {
                err = RC_ENOMEM;
                goto done;
            }
        }
    }
    err = rc_recover_columns(g, rd->vocab, &rd->cap->notes, rd->ctx);
    if (err < 0) goto done;
    err = add_grid(rd->cap, g);
    g = NULL;
done:
    rc_grid_free(g);
    free_drows(rows, nrows);
    return err;
}

/*
 * A capture made of "|" cells: the title cell, the period group cells, the column
 * headings ("|" then the date, units and members), then the body.  A body made of
 * label and value cells is a Details page; a body that holds a text block (a "|"
 * cell followed by lines of text) is a Tables or Notes page, whose tables are read
 * from the text.  Without that heading it is a flattened table on its own (R47).
 */
static int read_cell_page(reader *rd, size_t start)
{
    const lines *ls = &rd->ls;
    pcell *cells = NULL;
    size_t ncells = 0;
    int err = split_cells(ls, start, &cells, &ncells);
    if (err < 0) return err;
    char *title = NULL, *scale = NULL, **headings = NULL;
    size_t *groups = NULL, ngroups = 0, *heading_cell = NULL, ncols = 0;
    size_t k = 1;
    if (ncells == 0 || cells[0].n != 0 || !cell_has_more(ls, &cells[0])) {
        /* no R page heading: the whole capture is one text block */
        err = read_text_block(rd, ls->items + start, ls->n - start, NULL, NULL);
        goto done;
    }
    /* the title cell: the report name, then the rounding line */
    {
        const pcell *c = &cells[0];
        rc_buf tb = RC_BUF_INIT;
        for (size_t i = c->first + 1; i < c->end; i++) {
            const char *s = ls->items[i].s;
            size_t n = ls->items[i].n;
            trim(&s, &n);
            if (n == 0) continue;
            if (scale_line(s, n) && !scale) {
                scale = malloc(n + 1);
                if (!scale) {
                    rc_buf_free(&tb);
                    err = RC_ENOMEM;
                    goto done;
                }
                memcpy(scale, s, n);
                scale[n] = '\0';
                continue;
            }
            if (tb.len) rc_buf_putc(&tb, ' ');
            rc_buf_append(&tb, s, n);
        }
        title = rc_buf_take(&tb);
        if (!title) {
            err = RC_ENOMEM;
            goto done;
        }
        rd->report_name = malloc(strlen(title) + 1);
        if (!rd->report_name) {
            err = RC_ENOMEM;
            goto done;
        }
        strcpy(rd->report_name, title);
    }
    for (; k < ncells; k++) {
        const pcell *c = &cells[k];
        if (group_text(c->s, c->n)) {
            if ((err = push_index(&groups, &ngroups, k)) < 0) goto done;
            /* a one-column page writes the date under its group */
            size_t d = cell_next_text(ls, c, c->first + 1);
            if (d < c->end && date_text(ls->items[d].s, ls->items[d].n)) {
                char **hp = realloc(headings, (ncols + 1) * sizeof *hp);
                if (!hp) {
                    err = RC_ENOMEM;
                    goto done;
                }
                headings = hp;
                if (!(headings[ncols] = cell_lines(ls, c, d, '\n')) ||
                    (err = push_index(&heading_cell, &ncols, k)) < 0) {
                    err = RC_ENOMEM;
                    goto done;
                }
            }
            continue;
        }
        size_t d = c->n == 0 ? cell_next_text(ls, c, c->first + 1) : c->first;
        bool heading = d < c->end && (d == c->first ? date_text(c->s, c->n)
                                                    : date_text(ls->items[d].s, ls->items[d].n));
        if (!heading) break;
        char **hp = realloc(headings, (ncols + 1) * sizeof *hp);
        if (!hp) {
            err = RC_ENOMEM;
            goto done;
        }
        headings = hp;
        rc_buf hb = RC_BUF_INIT;
        if (c->n) {
            rc_buf_append(&hb, c->s, c->n);
        }
        char *more = cell_lines(ls, c, c->first + 1, '\n');
        if (more && *more) {
            if (hb.len) rc_buf_putc(&hb, '\n');
            rc_buf_puts(&hb, more);
        }
        free(more);
        headings[ncols] = rc_buf_take(&hb);
        if (!headings[ncols] || (err = push_index(&heading_cell, &ncols, k)) < 0) {
            err = RC_ENOMEM;
            goto done;
        }
    }
    if (ngroups == 0 && ncols == 0) {
        err = read_text_block(rd, ls->items + start, ls->n - start, NULL, NULL);
        goto done;
    }
    /* the body ends where the element definitions start */
    size_t body_end = k;
    while (body_end < ncells && !definition_cell(ls, &cells[body_end]))
        body_end++;
    size_t block = k;
    while (block < body_end && cells[block].n != 0)
        block++;
    if (block < body_end) {
        /* a text block: its label is the last label before it; one block per column */
        const char *label = NULL;
        size_t label_len = 0;
        for (size_t i = k; i < block; i++)
            if (!contains_nocase(cells[i].s, cells[i].n, "[abstract]")) {
                label = cells[i].s;
                label_len = cells[i].n;
            }
        char *block_label = NULL;
        if (label) {
            block_label = malloc(label_len + 1);
            if (!block_label) {
                err = RC_ENOMEM;
                goto done;
            }
            memcpy(block_label, label, label_len);
            block_label[label_len] = '\0';
        }
        size_t col = 0, from = block;
        while (from < body_end && err == RC_OK) {
            size_t to = from + 1;
            while (to < body_end &&
                   !(col + 1 < ncols && cells[to].n == 0 && cell_has_more(ls, &cells[to])))
                to++;
            /* the column's heading: its group and its date */
            rc_buf ph = RC_BUF_INIT;
            size_t gi = ngroups == ncols ? col : 0;
            if (ngroups > 0 && gi < ngroups)
                rc_buf_append(&ph, cells[groups[gi]].s, cells[groups[gi]].n);
            if (col < ncols) {
                const char *h = headings[col];
                size_t hn = strcspn(h, "\n");
                if (ph.len) rc_buf_putc(&ph, '\n');
                rc_buf_append(&ph, h, hn);
            }
            char *period_heading = rc_buf_take(&ph);
            if (!period_heading) {
                err = RC_ENOMEM;
                break;
            }
            size_t first_line = cells[from].first;
            size_t last_line = to < ncells ? cells[to].first : ls->n;
            if (to == body_end && body_end < ncells) last_line = cells[body_end].first;
            err = read_text_block(rd, ls->items + first_line, last_line - first_line, block_label,
                                  period_heading[0] ? period_heading : NULL);
            free(period_heading);
            from = to;
            col++;
        }
        free(block_label);
        goto done;
    }
    err = details_grid(rd, cells, ncells, 0, title, scale, groups, ngroups, headings, heading_cell,
                       ncols, k, body_end);
    if (err == RC_OK && body_end == ncells && ncells > k) {
        const pcell *last = &cells[ncells - 1];
        if (!details_value(ls, last))
            err = rc_capnotes_add(&rd->cap->notes, ls->items[last->first].no,
                                  "the capture ends with the row \"%.*s\" and no value or "
                                  "element definition after it: it may be truncated",
                                  (int)last->n, last->s);
    }
done:
    for (size_t i = 0; i < ncols; i++)
        free(headings[i]);
    free(headings);
    free(heading_cell);
    free(groups);
    free(title);
    free(scale);
    free(cells);
    return err;
}

int rc_textcap_parse(const rc_vocab *vocab, const char *name, const char *buf, size_t len,
                     unsigned line0, rc_textcap **out, rc_ctx *ctx)
{
    assert(vocab && name && out && (buf || len == 0));
    *out = NULL;
    reader rd;
    memset(&rd, 0, sizeof rd);
    rd.vocab = vocab;
    rd.name = name;
    rd.ctx = ctx;
    rd.cap = calloc(1, sizeof *rd.cap);
    if (!rd.cap) return rc_ctx_fail(ctx, RC_ENOMEM, "out of memory");
    int err = split_lines(buf ? buf : "", len, line0, &rd.ls);
    if (err == RC_OK) {
        size_t i = content_start(&rd.ls);
        const char *s = i < rd.ls.n ? rd.ls.items[i].s : "";
        size_t n = i < rd.ls.n ? rd.ls.items[i].n : 0;
        trim(&s, &n);
        if (n > 0 && s[0] == '|')
            err = read_cell_page(&rd, i);
        else if (i < rd.ls.n)
            err = read_heading_page(&rd, i);
    }
    free(rd.ls.items);
    free(rd.report_name);
    if (err < 0) {
        if (err == RC_ENOMEM) rc_ctx_fail(ctx, RC_ENOMEM, "out of memory");
        rc_textcap_free(rd.cap);
        return err;
    }
    *out = rd.cap;
    return RC_OK;
}

int rc_read_text_capture(rc_model *model, const rc_vocab *vocab, const char *name, const char *buf,
                         size_t len, unsigned line0, rc_ctx *ctx)
{
    assert(model && vocab && name);
    rc_textcap *cap = NULL;
    int err = rc_textcap_parse(vocab, name, buf, len, line0, &cap, ctx);
    if (err < 0) return err;
    for (size_t i = 0; i < cap->notes.n && err == RC_OK; i++)
        err = rc_model_add_note(model, name, cap->notes.items[i].line, 0, "%s",
                                cap->notes.items[i].text);
    if (err < 0) rc_ctx_fail(ctx, err, "out of memory");
    for (size_t i = 0; i < cap->ngrids && err == RC_OK; i++)
        err = rc_table_interpret(model, vocab, cap->grids[i], NULL, ctx);
    /* the note's text: what it states about the tables */
    rc_narrative_period period;
    bool dated = rc_narrative_period_of_heading(cap->period_heading, &period);
    rc_narrative_stats stats = {0, 0, 0};
    for (size_t i = 0; i < cap->nprose && err == RC_OK; i++) {
        const rc_capprose *p = &cap->prose[i];
        rc_source src = {name, p->line, p->col, NULL};
        err = rc_narrative_read(model, vocab, p->text, strlen(p->text), &src, true,
                                dated ? &period : NULL, &stats, ctx);
    }
    if (err == RC_OK && cap->nprose > 0 &&
        (err = rc_narrative_note(model, name, cap->prose[0].line, &stats)) < 0)
        rc_ctx_fail(ctx, err, "out of memory");
    rc_textcap_free(cap);
    return err;
}
