/*
 * A company's own schedule (schedule.h): a sheet into NOTE grids for the table
 * interpreter.
 *
 * The interpreter already reads a note's table: measures across, periods
 * stacked or in column groups.  A schedule is laid out by people, so this file
 * finds the tables of a sheet (label column, titles, heading rows, body rows)
 * and rewrites each into that layout: awards side by side become one table
 * each, periods across with measures in row groups are pivoted into period
 * groups, a period named by a row of its own becomes a table of its own.  Where
 * a mapping file names the rows and columns, the grid is built from it instead.
 * Every cell keeps its place in the sheet, so that findings point into it.
 */
#include <assert.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "common/jsondoc.h"
#include "read/classify.h"
#include "read/schedule.h"
#include "read/table.h"

/* A sheet is at most what a spreadsheet holds (Excel: 1,048,576 rows, 16,384 columns). */
#define SHEET_ROWS_MAX 1048576u
#define SHEET_COLS_MAX 16384u
/* An activity table has a few measures for a few periods: a table wider than this is
 * something else, and is not read (which also bounds the work a sheet can ask for). */
#define TABLE_COLS_MAX 256

/* ---- small helpers -------------------------------------------------------------------------- */

static bool is_digit(char c)
{
    return c >= '0' && c <= '9';
}

static char lower(char c)
{
    return c >= 'A' && c <= 'Z' ? (char)(c + 32) : c;
}

static const char *find_ci(const char *hay, const char *needle)
{
    size_t n = strlen(needle);
    for (const char *p = hay; *p; p++) {
        size_t i = 0;
        while (i < n && p[i] && lower(p[i]) == lower(needle[i]))
            i++;
        if (i == n) return p;
    }
    return NULL;
}

/* Column letters as a spreadsheet shows them: 0 -> "A", 26 -> "AA". */
static void col_name(unsigned col, char out[8])
{
    char tmp[8];
    size_t n = 0;
    unsigned c = col + 1;
    while (c && n < sizeof tmp - 1) {
        unsigned r = (c - 1) % 26;
        tmp[n++] = (char)('A' + r);
        c = (c - 1) / 26;
    }
    for (size_t i = 0; i < n; i++)
        out[i] = tmp[n - 1 - i];
    out[n] = '\0';
}

/* "B" -> 1, "AA" -> 26, "3" -> 2 (1-based numbers); false when not a column. */
static bool parse_col(const char *s, unsigned *out)
{
    if (!*s) return false;
    unsigned long v = 0;
    if (is_digit(*s)) {
        for (; *s; s++) {
            if (!is_digit(*s) || v > SHEET_COLS_MAX) return false;
            v = v * 10 + (unsigned long)(*s - '0');
        }
        if (v == 0 || v > SHEET_COLS_MAX) return false;
        *out = (unsigned)(v - 1);
        return true;
    }
    for (; *s; s++) {
        char c = *s >= 'a' && *s <= 'z' ? (char)(*s - 32) : *s;
        if (c < 'A' || c > 'Z' || v > SHEET_COLS_MAX) return false;
        v = v * 26 + (unsigned long)(c - 'A' + 1);
    }
    if (v == 0 || v > SHEET_COLS_MAX) return false;
    *out = (unsigned)(v - 1);
    return true;
}

static const char *const MONTHS[] = {"January",   "February", "March",    "April",
                                     "May",       "June",     "July",     "August",
                                     "September", "October",  "November", "December"};

/* "December 31, 2024": how filings write a date, so that the interpreter reads it. */
static void date_words(rc_day d, char out[32])
{
    int y, m, dd;
    rc_day_to_ymd(d, &y, &m, &dd);
    snprintf(out, 32, "%s %d, %d", MONTHS[m - 1], dd, y);
}

/* ---- what a cell holds --------------------------------------------------------------------- */

typedef enum ctype {
    CT_TEXT = 0,
    CT_NUMBER, /* a number, a dash, a percentage, a term ("6.2 years") */
    CT_YEAR,   /* "2024": a number that is also a year */
    CT_PERIOD  /* "FY2024", "December 31, 2024", "Year ended December 31, 2024" */
} ctype;

/* The length of a currency symbol or code that text starts with, or 0. */
static size_t currency_prefix(const char *s)
{
    size_t n = 0;
    while (s[n] && s[n] != ' ' && !is_digit(s[n]) && s[n] != '(' && s[n] != '-' && s[n] != '.')
        n++;
    return n && rc_currency_code(s, n) ? n : 0;
}

/* The length of text without a currency symbol or code at its end ("12.50 €"). */
static size_t without_currency_suffix(const char *s, size_t n)
{
    size_t e = n;
    while (e && s[e - 1] != ' ' && !is_digit(s[e - 1]) && s[e - 1] != ')' && s[e - 1] != '%')
        e--;
    if (e == n || !rc_currency_code(s + e, n - e)) return n;
    while (e && s[e - 1] == ' ')
        e--;
    return e;
}

static bool number_text(const char *text)
{
    const char *s = text;
    s += currency_prefix(s);
    while (*s == ' ')
        s++;
    size_t n = without_currency_suffix(s, strlen(s));
    if (n == 0) return false;
    rc_value v;
    rc_value_init(&v);
    bool ok = rc_value_parse(&v, s, n, 0, RC_PARSE_TABLE, NULL, NULL) == RC_OK;
    if (!ok && !is_digit(text[strlen(text) - 1]))
        ok = rc_term_parse(&v, text, strlen(text), NULL) == RC_OK;
    rc_value_clear(&v);
    return ok;
}

static bool year_text(const char *s, int *year)
{
    const char *p = s;
    if (find_ci(p, "fiscal year") == p)
        p += 11;
    else if (find_ci(p, "fiscal") == p)
        p += 6;
    else if (find_ci(p, "year") == p)
        p += 4;
    else if (find_ci(p, "fy") == p)
        p += 2;
    while (*p == ' ' || *p == '\'')
        p++;
    if (!is_digit(p[0]) || !is_digit(p[1]) || !is_digit(p[2]) || !is_digit(p[3])) return false;
    int y = (p[0] - '0') * 1000 + (p[1] - '0') * 100 + (p[2] - '0') * 10 + (p[3] - '0');
    p += 4;
    while (*p == ' ')
        p++;
    if (*p || y < 1900 || y > 2200) return false;
    *year = y;
    return true;
}

/* "Six months ended June 30, 2024": months (0 when the words do not say) and end. */
static bool ended_text(const char *text, int *months, rc_day *end)
{
    const char *ended = find_ci(text, "ended");
    if (!ended) ended = find_ci(text, "ending");
    if (!ended) return false;
    rc_day d;
    if (rc_parse_date(ended, true, &d, NULL, NULL) != RC_OK) return false;
    *end = d;
    *months = 0;
    if (find_ci(text, "year") || find_ci(text, "twelve months") || find_ci(text, "12 months"))
        *months = 12;
    else if (find_ci(text, "nine months") || find_ci(text, "9 months"))
        *months = 9;
    else if (find_ci(text, "six months") || find_ci(text, "6 months"))
        *months = 6;
    else if (find_ci(text, "three months") || find_ci(text, "3 months") || find_ci(text, "quarter"))
        *months = 3;
    return true;
}

/* "for the years ended June 30": the month and day, when no year follows them. */
static void ended_month_day(const char *text, int *month, int *day)
{
    const char *p = find_ci(text, "ended");
    if (!p) p = find_ci(text, "ending");
    if (!p) return;
    while (*p && *p != ' ')
        p++;
    while (*p == ' ')
        p++;
    for (int m = 0; m < 12; m++) {
        /* "June", "Jun." */
        char abbr[4] = {MONTHS[m][0], MONTHS[m][1], MONTHS[m][2], '\0'};
        if (find_ci(p, abbr) != p) continue;
        const char *q = p;
        while (*q && *q != ' ')
            q++;
        while (*q == ' ')
            q++;
        int d = 0;
        while (is_digit(*q) && d < 100)
            d = d * 10 + (*q++ - '0');
        static const int dim[] = {31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
        if (d >= 1 && d <= dim[m]) {
            *month = m + 1;
            *day = d;
        }
        return;
    }
}

/* A text that names a period and nothing else: "2024", "FY2024", "December 31, 2024",
 * "Year ended December 31, 2024". */
static bool period_text(const char *text, int *year, rc_day *end, int *months)
{
    *year = 0;
    *end = RC_NO_DATE;
    *months = 0;
    if (year_text(text, year)) return true;
    rc_day d;
    if (rc_parse_date(text, false, &d, NULL, NULL) == RC_OK) {
        *end = d;
        return true;
    }
    /* "Year ended December 31, 2024", not "Outstanding at December 31, 2024" */
    return strlen(text) < 64 && ended_text(text, months, end);
}

static ctype cell_type(const rc_cell *c)
{
    int year, months;
    rc_day end;
    if (year_text(c->text, &year)) return is_digit(c->text[0]) ? CT_YEAR : CT_PERIOD;
    if (number_text(c->text)) return CT_NUMBER;
    if (period_text(c->text, &year, &end, &months)) return CT_PERIOD;
    return CT_TEXT;
}

/* A currency symbol alone: a spreadsheet's "$" column beside the numbers. */
static bool symbol_only(const char *text)
{
    return text[0] && rc_currency_code(text, strlen(text)) && !is_digit(text[0]);
}

/* ---- the sheet ------------------------------------------------------------------------------ */

typedef enum rkind {
    RK_BLANK = 0,
    RK_LABEL, /* text only in or left of the label column: a title or a section */
    RK_HEAD,  /* text or years right of it, no numbers */
    RK_BODY   /* numbers right of it */
} rkind;

typedef struct srow {
    const rc_grid_row *row;
    unsigned num; /* sheet row number */
    rkind kind;
} srow;

typedef struct stable {
    size_t title0, head0, body0, end; /* row ranges: titles, headings, body */
} stable;

typedef struct sheetinfo {
    const rc_schedule_sheet *sheet;
    const rc_grid *grid; /* the sheet's cells that hold something */
    const rc_vocab *vocab;
    rc_ctx *ctx;
    srow *rows;
    size_t nrows;
    unsigned label_col; /* UINT_MAX: none */
    rc_arena *arena;    /* strings of this call */
    rc_schedule_tables *out;
    int rc;
} sheetinfo;

/* A mapping that does not fit the sheet: the message at the place in the mapping. */
static int misfit(sheetinfo *s, const char *path, unsigned line, unsigned col, const char *fmt, ...)
    __attribute__((format(printf, 5, 6)));

static int misfit(sheetinfo *s, const char *path, unsigned line, unsigned col, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    s->rc = rc_ctx_vfail_at(s->ctx, RC_EINVAL, path, line, col, fmt, ap);
    va_end(ap);
    return s->rc;
}

static int oom(sheetinfo *s)
{
    s->rc = RC_ENOMEM;
    return rc_ctx_fail(s->ctx, RC_ENOMEM, "out of memory");
}

/* The cell of a row at col: the sheet's rows hold their cells in column order. */
static const rc_cell *cell_at(const rc_grid_row *row, unsigned col)
{
    size_t lo = 0, hi = row->ncells;
    while (lo < hi) {
        size_t mid = lo + (hi - lo) / 2;
        if (row->cells[mid].col < col)
            lo = mid + 1;
        else
            hi = mid;
    }
    return lo < row->ncells && row->cells[lo].col == col ? &row->cells[lo] : NULL;
}

static int by_col(const void *a, const void *b)
{
    unsigned x = ((const rc_cell *)a)->col, y = ((const rc_cell *)b)->col;
    return x < y ? -1 : x > y;
}

/* The column of labels: the text left of the numbers of most rows. */
static unsigned find_label_col(const rc_grid *g)
{
    unsigned votes[64] = {0};
    for (size_t r = 0; r < g->nrows; r++) {
        const rc_grid_row *row = &g->rows[r];
        unsigned first_num = UINT_MAX;
        for (size_t k = 0; k < row->ncells; k++)
            if (row->cells[k].col < first_num && cell_type(&row->cells[k]) == CT_NUMBER)
                first_num = row->cells[k].col;
        if (first_num == UINT_MAX) continue;
        unsigned label = UINT_MAX;
        for (size_t k = 0; k < row->ncells; k++) {
            const rc_cell *c = &row->cells[k];
            ctype t = cell_type(c);
            if (c->col < first_num && c->col < label && (t == CT_TEXT || t == CT_PERIOD))
                label = c->col;
        }
        if (label < 64) votes[label]++;
    }
    unsigned best = UINT_MAX, most = 0;
    for (unsigned c = 0; c < 64; c++) {
        if (votes[c] > most) {
            most = votes[c];
            best = c;
        }
    }
    return best;
}

static rkind row_kind(const sheetinfo *s, const rc_grid_row *row)
{
    if (row->ncells == 0) return RK_BLANK;
    bool right = false, number = false, year = false;
    const rc_cell *label = cell_at(row, s->label_col);
    for (size_t k = 0; k < row->ncells; k++) {
        const rc_cell *c = &row->cells[k];
        if (c->col <= s->label_col) continue;
        right = true;
        ctype t = cell_type(c);
        if (t == CT_NUMBER) number = true;
        if (t == CT_YEAR) year = true;
    }
    if (!right) return RK_LABEL;
    if (number) return RK_BODY;
    if (year && label) {
        /* years as values of a balance or movement row ("Expiring, 2030") */
        rc_class cls;
        rc_classify_label(s->vocab, label->text, &cls);
        if (cls.what == RC_WHAT_BALANCE || cls.what == RC_WHAT_MOVEMENT) return RK_BODY;
    }
    return RK_HEAD;
}

/* ---- the tables a sheet holds ----------------------------------------------------------- */

static bool group_cell(const sheetinfo *s, const rc_cell *c);

static int find_tables(sheetinfo *s, stable **out, size_t *nout)
{
    stable *tabs = NULL;
    size_t n = 0;
    bool open = false, has_body = false;
    size_t last_body = 0, prev_end = 0;
    stable cur = {0, 0, 0, 0};
    for (size_t r = 0; r <= s->nrows; r++) {
        rkind k = r < s->nrows ? s->rows[r].kind : RK_HEAD;
        bool flush = r == s->nrows || (k == RK_HEAD && open && has_body);
        if (flush && open && has_body) {
            cur.end = last_body + 1;
            stable *p = realloc(tabs, (n + 1) * sizeof *p);
            if (!p) {
                free(tabs);
                return oom(s);
            }
            tabs = p;
            tabs[n++] = cur;
            prev_end = cur.end;
            open = has_body = false;
        }
        if (r == s->nrows) break;
        if (k == RK_HEAD) {
            if (!open) {
                cur.title0 = prev_end;
                cur.head0 = r;
                open = true;
            }
            cur.body0 = r + 1;
        } else if (k == RK_BODY) {
            if (!open) {
                /* a table without headings: the label rows just above are its title */
                cur.title0 = prev_end;
                cur.head0 = cur.body0 = r;
                open = true;
            }
            has_body = true;
            last_body = r;
        }
    }
    /* a heading row of one text above the real headings ("Stock option activity" in
     * column C) is a title */
    for (size_t t = 0; t < n; t++) {
        stable *tb = &tabs[t];
        bool wide = false;
        for (size_t r = tb->head0; r < tb->body0; r++)
            wide = wide || (s->rows[r].kind == RK_HEAD && s->rows[r].row->ncells >= 2);
        while (wide && tb->head0 < tb->body0) {
            srow *sr = &s->rows[tb->head0];
            if (sr->kind == RK_HEAD && sr->row->ncells == 1 &&
                cell_type(&sr->row->cells[0]) == CT_TEXT && !group_cell(s, &sr->row->cells[0]))
                sr->kind = RK_LABEL;
            else if (sr->kind == RK_HEAD)
                break;
            tb->head0++;
        }
        /* head0 is the first heading row left, or body0 */
    }
    *out = tabs;
    *nout = n;
    return RC_OK;
}

/* The text of a row's label (the label column's cell, else the first cell left of it). */
static const rc_cell *label_cell(const sheetinfo *s, const rc_grid_row *row)
{
    const rc_cell *c = cell_at(row, s->label_col);
    if (c) return c;
    for (size_t k = 0; k < row->ncells; k++)
        if (row->cells[k].col < s->label_col) return &row->cells[k];
    return NULL;
}

/* ---- the output -------------------------------------------------------------------------- */

typedef struct outgrid {
    rc_grid *g;
    unsigned first_row, last_row; /* sheet rows */
} outgrid;

static int push_table(sheetinfo *s, rc_grid *g, unsigned first_row, char *layout)
{
    rc_schedule_tables *t = s->out;
    rc_grid **gs = realloc(t->grids, (t->n + 1) * sizeof *gs);
    if (gs) t->grids = gs;
    char **ls = realloc(t->layouts, (t->n + 1) * sizeof *ls);
    if (ls) t->layouts = ls;
    unsigned *rs = realloc(t->rows, (t->n + 1) * sizeof *rs);
    if (rs) t->rows = rs;
    if (!gs || !ls || !rs || !layout) {
        rc_grid_free(g); /* may be NULL: a table that is only a note */
        free(layout);
        return oom(s);
    }
    t->grids[t->n] = g;
    t->layouts[t->n] = layout;
    t->rows[t->n] = first_row;
    t->n++;
    return RC_OK;
}

static rc_grid *new_grid(sheetinfo *s, const char *title, const char *context, const rc_source *src)
{
    rc_grid *g = rc_grid_new(RC_GRID_NOTE, s->sheet->grid->file);
    if (!g) return NULL;
    if (title && title[0] && !(g->title = rc_grid_strdup(g, title))) goto fail;
    if (context && context[0] && !(g->context = rc_grid_strdup(g, context))) goto fail;
    if (src) {
        g->src = *src;
        g->src.file = g->file;
    }
    return g;
fail:
    rc_grid_free(g);
    return NULL;
}

static bool add_cell(rc_grid *g, rc_grid_row *row, const char *text, unsigned col, unsigned span,
                     const rc_source *src)
{
    return rc_grid_add_cell(g, row, text, strlen(text), col, span, 0, src) != NULL;
}

/* "Outstanding at 12/31/2023" -> "Outstanding at December 31, 2023": dates as the
 * interpreter reads them (month first, as US filers write them, unless the first
 * number cannot be a month).  Returns text itself when there is none, else a string
 * of the arena. */
static const char *words_for_dates(sheetinfo *s, const char *text)
{
    const char *p = text;
    rc_buf b = RC_BUF_INIT;
    bool changed = false;
    while (*p) {
        int v[3] = {0, 0, 0};
        size_t len[3] = {0, 0, 0};
        const char *q = p;
        bool ok = (p == text || !is_digit(p[-1])) && is_digit(*p);
        for (int k = 0; ok && k < 3; k++) {
            while (is_digit(q[len[k]]) && len[k] < 5)
                len[k]++;
            if (len[k] == 0) ok = false;
            for (size_t i = 0; ok && i < len[k]; i++)
                v[k] = v[k] * 10 + (q[i] - '0');
            q += len[k];
            if (ok && k < 2) {
                if (*q != '/') ok = false;
                q++;
            }
        }
        if (ok && (len[0] > 2 || len[1] > 2 || len[2] != 4 || is_digit(*q))) ok = false;
        if (ok) {
            int m = v[0], d = v[1];
            if (m > 12) {
                m = v[1];
                d = v[0];
            }
            static const int dim[] = {31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
            if (m >= 1 && m <= 12 && d >= 1 && d <= dim[m - 1] && v[2] >= 1900 && v[2] <= 2200) {
                rc_buf_printf(&b, "%s %d, %d", MONTHS[m - 1], d, v[2]);
                p = q;
                changed = true;
                continue;
            }
        }
        rc_buf_putc(&b, *p++);
    }
    if (!changed || b.failed) {
        bool failed = b.failed;
        rc_buf_free(&b);
        if (failed) oom(s);
        return text;
    }
    const char *out = rc_arena_strndup(s->arena, b.data, b.len);
    rc_buf_free(&b);
    if (!out) {
        oom(s);
        return text;
    }
    return out;
}

/* A value as the interpreter reads one: a currency symbol after the number goes before
 * it ("12,50 €" -> "€ 12,50"). */
static const char *value_text(sheetinfo *s, const char *text)
{
    size_t n = strlen(text);
    size_t e = without_currency_suffix(text, n);
    if (e == n || currency_prefix(text)) return text;
    size_t sym = e;
    while (sym < n && text[sym] == ' ')
        sym++;
    const char *out =
        rc_arena_printf(s->arena, "%.*s %.*s", (int)(n - sym), text + sym, (int)e, text);
    if (!out) {
        oom(s);
        return text;
    }
    return out;
}

/* The scale and currency a table's title names, as a heading over all its columns
 * ("(USD in thousands)"), or NULL. */
static const char *title_units(sheetinfo *s, const char *title)
{
    if (!title) return NULL;
    const char *scale = NULL;
    if (find_ci(title, "in thousands") || find_ci(title, "000s") || find_ci(title, "000's") ||
        find_ci(title, "$000") || find_ci(title, "thousands of") || find_ci(title, "(000)"))
        scale = "in thousands";
    else if (find_ci(title, "in millions") || find_ci(title, "millions of"))
        scale = "in millions";
    static const char *const codes[] = {"US$", "HK$", "C$",  "A$", "RMB", "USD", "CAD", "CNY",
                                        "EUR", "GBP", "HKD", "€",  "£",   "¥",   "$"};
    const char *currency = NULL;
    for (size_t i = 0; i < sizeof codes / sizeof *codes && !currency; i++) {
        const char *p = strstr(title, codes[i]);
        size_t n = strlen(codes[i]);
        bool letters = codes[i][0] >= 'A' && codes[i][0] <= 'Z' && codes[i][n - 1] != '$';
        if (p && letters &&
            ((p > title && ((p[-1] | 32) >= 'a' && (p[-1] | 32) <= 'z')) ||
             ((p[n] | 32) >= 'a' && (p[n] | 32) <= 'z')))
            continue;
        if (p) currency = codes[i];
    }
    if (!scale && !currency) return NULL;
    const char *out = rc_arena_printf(s->arena, "(%s%s%s)", currency ? currency : "",
                                      currency && scale ? " " : "", scale ? scale : "");
    if (!out) oom(s);
    return out;
}

/* ---- a table's columns ------------------------------------------------------------------- */

typedef struct scol {
    unsigned col; /* in the sheet */
    bool symbols; /* only currency symbols: folded into the next column */
    bool period;  /* a heading over it names a period */
    const rc_cell *period_cell;
    int award; /* an award its headings name, or -1 */
    const char *award_type;
    const rc_cell *award_cell; /* the heading cell that names it, when a group cell */
    rc_measure measure;        /* what its own headings say */
} scol;

typedef struct span_t {
    size_t row; /* sheet row index */
    const rc_cell *cell;
    unsigned last; /* last sheet column it covers */
} span_t;

typedef struct tinfo {
    stable tab;
    bool too_wide; /* more than TABLE_COLS_MAX value columns: no schedule table */
    scol *cols;
    size_t ncols;
    span_t *spans;
    size_t nspans;
    const char *title, *context;
    rc_source src;
} tinfo;

/* "Stock options", "Restricted stock units (RSUs)": a few words that name an award and
 * no measure. */
static bool award_name(const sheetinfo *s, const char *text, int *award, const char **type)
{
    if (find_ci(text, "number") || find_ci(text, "weighted") || find_ci(text, "price") ||
        find_ci(text, "value") || find_ci(text, "term") || find_ci(text, "life"))
        return false;
    size_t words = 1;
    for (const char *p = text; *p; p++)
        words += *p == ' ' || *p == '\n';
    if (words > 5) return false;
    return rc_classify_member(s->vocab, text, award, type) && *award >= 0;
}

/* Does a heading cell stand over the columns after it, as a merged cell would? */
static bool group_cell(const sheetinfo *s, const rc_cell *c)
{
    ctype t = cell_type(c);
    if (t == CT_YEAR || t == CT_PERIOD) return true;
    int award;
    const char *type;
    if (award_name(s, c->text, &award, &type)) return true;
    rc_class cls;
    rc_classify_label(s->vocab, c->text, &cls);
    return cls.measure != RC_MEASURE_NONE;
}

/* The heading cell of row r that covers sheet column col (its own, or a group cell). */
static const rc_cell *heading_over(const sheetinfo *s, const tinfo *ti, size_t r, unsigned col)
{
    const rc_cell *c = cell_at(s->rows[r].row, col);
    if (c) return c;
    for (size_t i = 0; i < ti->nspans; i++)
        if (ti->spans[i].row == r && ti->spans[i].cell->col < col && ti->spans[i].last >= col)
            return ti->spans[i].cell;
    return NULL;
}

static int analyse_table(sheetinfo *s, const stable *tab, tinfo *ti)
{
    memset(ti, 0, sizeof *ti);
    ti->tab = *tab;
    /* value columns: right of the labels, used by a heading or a body row */
    bool *used = calloc(s->grid->ncols ? s->grid->ncols : 1, sizeof *used);
    if (!used) return oom(s);
    size_t n = 0;
    for (size_t r = tab->head0; r < tab->end; r++) {
        const srow *sr = &s->rows[r];
        if (sr->kind != RK_HEAD && sr->kind != RK_BODY) continue;
        if (sr->kind == RK_HEAD && r >= tab->body0) continue;
        for (size_t k = 0; k < sr->row->ncells; k++) {
            unsigned col = sr->row->cells[k].col;
            if (col > s->label_col && col < s->grid->ncols && !used[col]) {
                used[col] = true;
                n++;
            }
        }
    }
    if (n > TABLE_COLS_MAX) {
        free(used);
        ti->too_wide = true;
        return RC_OK;
    }
    ti->cols = calloc(n ? n : 1, sizeof *ti->cols);
    if (!ti->cols) {
        free(used);
        return oom(s);
    }
    for (unsigned col = 0; col < s->grid->ncols; col++) {
        if (!used[col]) continue;
        ti->cols[ti->ncols].col = col;
        ti->cols[ti->ncols].award = -1;
        ti->ncols++;
    }
    free(used);
    /* "$" columns */
    for (size_t i = 0; i + 1 < ti->ncols; i++) {
        size_t syms = 0, others = 0;
        for (size_t r = tab->body0; r < tab->end; r++) {
            if (s->rows[r].kind != RK_BODY) continue;
            const rc_cell *c = cell_at(s->rows[r].row, ti->cols[i].col);
            if (!c) continue;
            if (symbol_only(c->text))
                syms++;
            else
                others++;
        }
        ti->cols[i].symbols = syms > 0 && others == 0;
    }
    /* group cells of the heading rows above the last one span to the next cell */
    size_t last_head = SIZE_MAX;
    for (size_t r = tab->head0; r < tab->body0; r++)
        if (s->rows[r].kind == RK_HEAD) last_head = r;
    for (size_t r = tab->head0; r < tab->body0 && r < last_head; r++) {
        const srow *sr = &s->rows[r];
        if (sr->kind != RK_HEAD) continue;
        for (size_t k = 0; k < sr->row->ncells; k++) {
            const rc_cell *c = &sr->row->cells[k];
            if (c->col <= s->label_col) continue;
            if (c->span > 1) {
                /* a merged cell of a workbook */
                span_t *p = realloc(ti->spans, (ti->nspans + 1) * sizeof *p);
                if (!p) return oom(s);
                ti->spans = p;
                p[ti->nspans++] = (span_t){r, c, c->col + c->span - 1};
                continue;
            }
            if (!group_cell(s, c)) continue;
            unsigned next = UINT_MAX;
            for (size_t k2 = 0; k2 < sr->row->ncells; k2++)
                if (sr->row->cells[k2].col > c->col && sr->row->cells[k2].col < next)
                    next = sr->row->cells[k2].col;
            unsigned last = c->col;
            for (size_t i = 0; i < ti->ncols; i++)
                if (ti->cols[i].col > c->col && ti->cols[i].col < next) last = ti->cols[i].col;
            if (last == c->col) continue;
            span_t *p = realloc(ti->spans, (ti->nspans + 1) * sizeof *p);
            if (!p) return oom(s);
            ti->spans = p;
            p[ti->nspans++] = (span_t){r, c, last};
        }
    }
    /* what the headings over each column say */
    for (size_t i = 0; i < ti->ncols; i++) {
        scol *sc = &ti->cols[i];
        rc_buf own = RC_BUF_INIT;
        for (size_t r = tab->head0; r < tab->body0; r++) {
            if (s->rows[r].kind != RK_HEAD) continue;
            const rc_cell *c = heading_over(s, ti, r, sc->col);
            if (!c) continue;
            ctype t = cell_type(c);
            if (t == CT_YEAR || t == CT_PERIOD) {
                sc->period = true;
                sc->period_cell = c;
                continue;
            }
            bool spanning = c->col != sc->col;
            for (size_t q = 0; q < ti->nspans && !spanning; q++)
                spanning = ti->spans[q].cell == c;
            int award;
            const char *type;
            if (award_name(s, c->text, &award, &type)) {
                if (sc->award < 0) {
                    sc->award = award;
                    sc->award_type = type;
                }
                /* a group cell "Restricted stock units" over its measures: a title */
                if (spanning) {
                    sc->award_cell = c;
                    continue;
                }
            }
            rc_buf_printf(&own, "%s ", c->text);
        }
        char *text = rc_buf_take(&own);
        if (!text) return oom(s);
        for (char *p = text; *p; p++)
            if (*p == '\n') *p = ' ';
        rc_class cls;
        rc_classify_label(s->vocab, text, &cls);
        sc->measure = cls.measure;
        if (sc->measure == RC_MEASURE_NONE &&
            (find_ci(text, "shares") || find_ci(text, "number") || strchr(text, '#')))
            sc->measure = RC_MEASURE_COUNT;
        if (sc->award < 0 && cls.award >= 0) {
            sc->award = cls.award;
            sc->award_type = cls.award_type;
        }
        free(text);
    }
    /* title and context: the label rows above the table */
    rc_buf ctxt = RC_BUF_INIT;
    for (size_t r = tab->title0; r < tab->head0; r++) {
        const srow *sr = &s->rows[r];
        if (sr->kind != RK_LABEL) continue;
        for (size_t k = 0; k < sr->row->ncells; k++) {
            const rc_cell *c = &sr->row->cells[k];
            if (!ti->title) {
                ti->title = c->text;
                ti->src = c->src;
            }
            rc_buf_printf(&ctxt, "%s%s", ctxt.len ? " " : "", c->text);
        }
    }
    char *context = rc_buf_take(&ctxt);
    if (!context) return oom(s);
    ti->context = context[0] ? rc_arena_strdup(s->arena, context) : NULL;
    free(context);
    if (context && !ti->context && ctxt.len) return oom(s);
    if (!ti->title) {
        const rc_grid_row *first = s->rows[tab->head0].row;
        if (first->ncells) ti->src = first->cells[0].src;
    }
    return RC_OK;
}

static void tinfo_clear(tinfo *ti)
{
    free(ti->cols);
    free(ti->spans);
}

/* The value columns of a part of the table, symbol columns left out. */
typedef struct colset {
    const scol **cols;
    size_t n;
} colset;

/* The cell of a body row in column sc, with a "$" column before it folded in. */
static const char *body_value(sheetinfo *s, const tinfo *ti, const rc_grid_row *row, const scol *sc,
                              const rc_cell **cell)
{
    *cell = cell_at(row, sc->col);
    if (!*cell) return NULL;
    const char *text = value_text(s, words_for_dates(s, (*cell)->text));
    for (size_t i = 0; i + 1 < ti->ncols; i++) {
        if (&ti->cols[i + 1] != sc || !ti->cols[i].symbols) continue;
        const rc_cell *sym = cell_at(row, ti->cols[i].col);
        if (sym && !currency_prefix(text)) {
            const char *joined = rc_arena_printf(s->arena, "%s %s", sym->text, text);
            if (!joined) {
                oom(s);
                return text;
            }
            text = joined;
        }
    }
    return text;
}

static char *cols_text(const colset *cs)
{
    char a[8], b[8];
    if (!cs->n) return strdup("");
    col_name(cs->cols[0]->col, a);
    col_name(cs->cols[cs->n - 1]->col, b);
    char *out = malloc(24);
    if (out) snprintf(out, 24, cs->n == 1 ? "%s" : "%s-%s", a, b);
    return out;
}

static char *layout_text(unsigned first, unsigned last, const char *what, const colset *cs,
                         const char *how)
{
    char *cols = cols_text(cs);
    if (!cols) return NULL;
    rc_buf b = RC_BUF_INIT;
    rc_buf_printf(&b, "schedule table, rows %u-%u%s%s: %s", first, last, what ? ", " : "",
                  what ? what : "", how);
    char *ret = rc_buf_take(&b);
    if (ret) {
        /* the columns in the how text: "%C" stands for them */
        char *mark = strstr(ret, "%C");
        if (mark) {
            rc_buf c = RC_BUF_INIT;
            rc_buf_append(&c, ret, (size_t)(mark - ret));
            rc_buf_puts(&c, cols);
            rc_buf_puts(&c, mark + 2);
            free(ret);
            ret = rc_buf_take(&c);
        }
    }
    free(cols);
    return ret;
}

/* ---- layout A: measures across --------------------------------------------------------- */

/*
 * Emit rows [b0, b1) of a table, in the columns cs, as the interpreter's own layout:
 * the heading rows as they are (group cells spanning), the body as it is.  context
 * overrides the table's when not NULL (a period section).
 */
/* A date a number of years before d (February 29 becomes the 28th). */
static rc_day years_before(rc_day d, int years)
{
    int y, m, dd;
    rc_day_to_ymd(d, &y, &m, &dd);
    if (m == 2 && dd == 29) dd = 28;
    return rc_day_from_ymd(y - years, m, dd);
}

/*
 * Periods stacked with no date on any balance row ("Outstanding at beginning of year"
 * twice): the interpreter could not tell the years apart.  When the title names the
 * last period's end ("for the years ended December 31, 2024 and 2023"), the years run
 * up to it, one per closing balance, and each balance row gets its date.  Returns the
 * labels (index r - b0; NULL where a row keeps its own) in the arena, or NULL when
 * there is nothing to date; *skip when the periods cannot be told at all.
 */
static const char **date_stacked(sheetinfo *s, size_t b0, size_t b1, const char *context,
                                 bool *skip)
{
    *skip = false;
    size_t n = b1 - b0;
    int *seg = calloc(n ? n : 1, sizeof *seg);
    int *kind = calloc(n ? n : 1, sizeof *kind); /* 1 opening, 2 closing, 3 another balance */
    const char **labels = NULL;
    if (!seg || !kind) {
        oom(s);
        goto done;
    }
    int cur = 0, phase = 0; /* 0 new, 1 opened, 2 moved, 3 closed */
    size_t closings = 0;
    bool dated = false;
    for (size_t r = b0; r < b1; r++) {
        const srow *sr = &s->rows[r];
        const rc_cell *lc = sr->kind == RK_BODY ? label_cell(s, sr->row) : NULL;
        if (!lc) continue;
        rc_class cls;
        rc_classify_label(s->vocab, lc->text, &cls);
        if (cls.what == RC_WHAT_BALANCE && cls.date != RC_NO_DATE) dated = true;
        if (cls.what == RC_WHAT_BALANCE && cls.outstanding) {
            bool opening = cls.position == RC_POS_BEGIN ||
                           (cls.position == RC_POS_NONE && (phase == 0 || phase == 3));
            if (opening) {
                if (phase == 3) cur++;
                kind[r - b0] = 1;
                phase = 1;
            } else {
                kind[r - b0] = 2;
                phase = 3;
                closings++;
            }
        } else if (cls.what == RC_WHAT_BALANCE) {
            kind[r - b0] = 3;
        } else if (cls.what == RC_WHAT_MOVEMENT) {
            if (phase == 3) cur++;
            phase = 2;
        }
        seg[r - b0] = cur;
    }
    if (closings < 2 || dated) goto done;
    int months;
    rc_day end;
    if (!context || !ended_text(context, &months, &end)) {
        *skip = true;
        goto done;
    }
    labels = rc_arena_alloc(s->arena, n * sizeof *labels);
    if (!labels) {
        oom(s);
        goto done;
    }
    for (size_t r = b0; r < b1; r++) {
        if (!kind[r - b0]) continue;
        /* the closing of segment k is (last - k) years before the end named */
        int back = cur - seg[r - b0] + (kind[r - b0] == 1 ? 1 : 0);
        char date[32];
        date_words(years_before(end, back), date);
        const rc_cell *lc = label_cell(s, s->rows[r].row);
        labels[r - b0] = rc_arena_printf(s->arena, "%s, %s", lc->text, date);
        if (!labels[r - b0]) {
            oom(s);
            labels = NULL;
            break;
        }
    }
done:
    free(seg);
    free(kind);
    return labels;
}

static int emit_across(sheetinfo *s, const tinfo *ti, const colset *cs, size_t b0, size_t b1,
                       const char *title, const char *context, const char *what)
{
    bool skip;
    const char **dated = date_stacked(s, b0, b1, context ? context : ti->context, &skip);
    if (s->rc < 0) return s->rc;
    if (skip) {
        unsigned from = s->rows[ti->tab.head0].num, to = s->rows[b1 - 1].num;
        rc_buf b = RC_BUF_INIT;
        rc_buf_printf(&b,
                      "schedule table, rows %u-%u%s%s: not read: it stacks several periods and "
                      "neither its balance rows nor its title date them (docs/schedules.md)",
                      from, to, what ? ", " : "", what ? what : "");
        return push_table(s, NULL, from, rc_buf_take(&b));
    }
    rc_grid *g = new_grid(s, title, context ? context : ti->context, &ti->src);
    if (!g) return oom(s);
    const char *units = title_units(s, ti->context ? ti->context : ti->title);
    if (s->rc < 0) goto fail;
    if (units && cs->n > 1) {
        rc_grid_row *hr = rc_grid_add_row(g, RC_ROW_HEAD);
        if (!hr || !add_cell(g, hr, units, 1, (unsigned)cs->n, &ti->src)) goto nomem;
    }
    bool periods = false;
    for (size_t r = ti->tab.head0; r < ti->tab.body0; r++) {
        const srow *sr = &s->rows[r];
        if (sr->kind != RK_HEAD) continue;
        bool any = false;
        for (size_t i = 0; i < cs->n && !any; i++) {
            const rc_cell *c = heading_over(s, ti, r, cs->cols[i]->col);
            any = c && c != cs->cols[i]->award_cell;
        }
        if (!any) continue;
        rc_grid_row *hr = rc_grid_add_row(g, RC_ROW_HEAD);
        if (!hr) goto nomem;
        for (size_t i = 0; i < cs->n; i++) {
            const rc_cell *c = heading_over(s, ti, r, cs->cols[i]->col);
            if (!c) continue;
            if (c == cs->cols[i]->award_cell) continue; /* said by the title */
            if (i > 0 && heading_over(s, ti, r, cs->cols[i - 1]->col) == c) continue;
            unsigned span = 1;
            while (i + span < cs->n && heading_over(s, ti, r, cs->cols[i + span]->col) == c)
                span++;
            ctype t = cell_type(c);
            if (t == CT_YEAR || t == CT_PERIOD) periods = true;
            if (!add_cell(g, hr, words_for_dates(s, c->text), (unsigned)i + 1, span, &c->src))
                goto nomem;
        }
    }
    unsigned first = s->rows[ti->tab.head0].num, last = first;
    for (size_t r = b0; r < b1; r++) {
        const srow *sr = &s->rows[r];
        if (sr->kind != RK_BODY && sr->kind != RK_LABEL) continue;
        rc_grid_row *br = rc_grid_add_row(g, 0);
        if (!br) goto nomem;
        const rc_cell *lc = label_cell(s, sr->row);
        const char *label = dated && dated[r - b0] ? dated[r - b0] : lc ? lc->text : NULL;
        if (lc && !add_cell(g, br, label, 0, 1, &lc->src)) goto nomem;
        if (sr->kind == RK_LABEL) continue;
        last = sr->num;
        for (size_t i = 0; i < cs->n; i++) {
            const rc_cell *c;
            const char *text = body_value(s, ti, sr->row, cs->cols[i], &c);
            if (!text) continue;
            if (!add_cell(g, br, text, (unsigned)i + 1, 1, &c->src)) goto nomem;
        }
    }
    if (s->rc < 0) goto fail;
    char *layout = layout_text(first, last, what, cs,
                               periods ? "measures across (%C), periods in column groups"
                                       : "measures across (%C), periods down");
    return push_table(s, g, first, layout);
nomem:
    oom(s);
fail:
    rc_grid_free(g);
    return s->rc;
}

/* A section row that names a period: "2023", "Year ended December 31, 2023". The
 * context that says it to the interpreter ("for the year ended December 31, 2023"), in
 * the arena, or NULL. */
static const char *period_section(sheetinfo *s, const tinfo *ti, const srow *sr)
{
    if (sr->kind != RK_LABEL) return NULL;
    const rc_cell *c = label_cell(s, sr->row);
    int year, months;
    rc_day end;
    if (!c || !period_text(c->text, &year, &end, &months)) return NULL;
    /* the month and day, and the length, from the table's title when it says them */
    int tmonths = 0, m = 12, d = 31;
    rc_day tend = RC_NO_DATE;
    if (ti->context && !ended_text(ti->context, &tmonths, &tend))
        ended_month_day(ti->context, &m, &d);
    if (!months) months = tmonths ? tmonths : 12;
    if (end == RC_NO_DATE) {
        int y;
        if (tend != RC_NO_DATE) rc_day_to_ymd(tend, &y, &m, &d);
        end = rc_day_from_ymd(year, m, 1) + d - 1;
        int yy, mm, dd;
        rc_day_to_ymd(end, &yy, &mm, &dd);
        if (mm != m) end -= dd; /* Feb. 29 in a year without one */
    }
    char date[32];
    date_words(end, date);
    const char *out = rc_arena_printf(s->arena, "for the %d months ended %s", months, date);
    if (!out) oom(s);
    return out;
}

static int layout_across(sheetinfo *s, const tinfo *ti, const colset *cs, const char *title,
                         const char *what)
{
    /* period sections split the body */
    size_t b0 = ti->tab.body0, nsections = 0;
    for (size_t r = b0; r < ti->tab.end; r++)
        if (period_section(s, ti, &s->rows[r])) nsections++;
    if (s->rc < 0) return s->rc;
    if (nsections == 0) return emit_across(s, ti, cs, b0, ti->tab.end, title, NULL, what);
    const char *context = NULL;
    size_t start = b0;
    for (size_t r = b0; r <= ti->tab.end; r++) {
        const char *sec = r < ti->tab.end ? period_section(s, ti, &s->rows[r]) : NULL;
        if (r < ti->tab.end && !sec) continue;
        bool any = false;
        for (size_t q = start; q < r; q++)
            any = any || s->rows[q].kind == RK_BODY;
        if (any && emit_across(s, ti, cs, start, r, title, context, what) < 0) return s->rc;
        context = sec;
        start = r + 1;
    }
    return s->rc;
}

/* ---- layout B: periods across, measures in row groups ----------------------------------- */

/* The measures of a pivot, in the order they come. */
typedef struct pmeasure {
    rc_measure m;
    const char *heading; /* the section label that named it, or NULL */
} pmeasure;

typedef struct pivot {
    const scol **periods; /* the period columns */
    size_t nperiods;
    pmeasure ms[8];
    size_t nms;
    struct prow_item {
        const rc_cell *label;
        rc_class cls;
        const rc_cell **vals; /* nperiods x 8 measures */
        unsigned num;
    } * rows;
    size_t nrows;
} pivot;

static bool same_key(const rc_class *a, const char *la, const rc_class *b, const char *lb)
{
    if (a->what != b->what) return false;
    switch (a->what) {
    case RC_WHAT_BALANCE:
        if (a->outstanding != b->outstanding) return false;
        if (a->outstanding)
            return a->position == b->position && (a->position != RC_POS_NONE || a->date == b->date);
        return a->line == b->line;
    case RC_WHAT_MOVEMENT:
        if (a->role != b->role) return false;
        return a->role != RC_ROLE_OTHER && a->role != RC_ROLE_ADJUSTED ? true : strcmp(la, lb) == 0;
    default:
        return strcmp(la, lb) == 0;
    }
}

static const char *measure_heading(rc_measure m, int award)
{
    switch (m) {
    case RC_MEASURE_COUNT:
        return award == RC_AWARD_OTHER     ? "Number of units"
               : award == RC_AWARD_OPTIONS ? "Number of options"
                                           : "Number";
    case RC_MEASURE_PRICE:
        return "Weighted average exercise price";
    case RC_MEASURE_FAIR_VALUE:
        return "Weighted average grant date fair value";
    case RC_MEASURE_AIV:
        return "Aggregate intrinsic value";
    case RC_MEASURE_TERM:
    case RC_MEASURE_CONTRACTUAL_TERM:
        return "Weighted average remaining contractual term (years)";
    case RC_MEASURE_PER_SHARE:
        return "Weighted average price per share";
    case RC_MEASURE_SHARE_PRICE:
        return "Share price";
    case RC_MEASURE_NONE:
    default:
        return "";
    }
}

static void pivot_clear(pivot *p)
{
    for (size_t i = 0; i < p->nrows; i++)
        free(p->rows[i].vals);
    free(p->rows);
    memset(p, 0, sizeof *p);
}

static int emit_pivot(sheetinfo *s, const tinfo *ti, pivot *p, const char *title, const char *what,
                      unsigned first, unsigned last)
{
    int award = -1;
    const char *type;
    if (!title || !award_name(s, title, &award, &type)) award = -1;
    rc_grid *g = new_grid(s, title, ti->context, &ti->src);
    if (!g) return oom(s);
    size_t nm = p->nms;
    const char *units = title_units(s, ti->context ? ti->context : ti->title);
    if (s->rc < 0) goto fail;
    if (units) {
        rc_grid_row *hr = rc_grid_add_row(g, RC_ROW_HEAD);
        if (!hr || !add_cell(g, hr, units, 1, (unsigned)(p->nperiods * nm), &ti->src)) goto nomem;
    }
    rc_grid_row *h1 = rc_grid_add_row(g, RC_ROW_HEAD);
    if (!h1) goto nomem;
    for (size_t q = 0; q < p->nperiods; q++) {
        const rc_cell *c = p->periods[q]->period_cell;
        if (!add_cell(g, h1, words_for_dates(s, c->text), (unsigned)(1 + q * nm), (unsigned)nm,
                      &c->src))
            goto nomem;
    }
    /* rows that name no measure, with whole numbers only, beside named ones: counts */
    for (size_t m = 0; m < nm; m++) {
        if (p->ms[m].m != RC_MEASURE_NONE) continue;
        bool whole = true, count_slot = false;
        for (size_t k = 0; k < nm; k++)
            count_slot = count_slot || p->ms[k].m == RC_MEASURE_COUNT;
        for (size_t i = 0; i < p->nrows && whole; i++)
            for (size_t q = 0; q < p->nperiods; q++) {
                const rc_cell *c = p->rows[i].vals[q * 8 + m];
                if (c && (strchr(c->text, '.') || cell_type(c) != CT_NUMBER)) whole = false;
            }
        if (whole && !count_slot) p->ms[m].m = RC_MEASURE_COUNT;
    }
    rc_grid_row *h2 = rc_grid_add_row(g, RC_ROW_HEAD);
    if (!h2) goto nomem;
    for (size_t q = 0; q < p->nperiods; q++) {
        for (size_t m = 0; m < nm; m++) {
            const char *text =
                p->ms[m].heading ? p->ms[m].heading : measure_heading(p->ms[m].m, award);
            if (text[0] && !add_cell(g, h2, text, (unsigned)(1 + q * nm + m), 1,
                                     &p->periods[q]->period_cell->src))
                goto nomem;
        }
    }
    for (size_t i = 0; i < p->nrows; i++) {
        rc_grid_row *br = rc_grid_add_row(g, 0);
        if (!br) goto nomem;
        const rc_cell *lc = p->rows[i].label;
        if (lc && !add_cell(g, br, words_for_dates(s, lc->text), 0, 1, &lc->src)) goto nomem;
        for (size_t q = 0; q < p->nperiods; q++) {
            for (size_t m = 0; m < nm; m++) {
                const rc_cell *c = p->rows[i].vals[q * 8 + m];
                if (!c) continue;
                if (!add_cell(g, br, value_text(s, c->text), (unsigned)(1 + q * nm + m), 1,
                              &c->src))
                    goto nomem;
            }
        }
    }
    if (s->rc < 0) goto fail;
    colset cs = {p->periods, p->nperiods};
    rc_buf how = RC_BUF_INIT;
    rc_buf_puts(&how, "periods across (%C), measures in row groups (");
    for (size_t m = 0; m < nm; m++) {
        const char *w = p->ms[m].m == RC_MEASURE_COUNT        ? "number"
                        : p->ms[m].m == RC_MEASURE_PRICE      ? "exercise price"
                        : p->ms[m].m == RC_MEASURE_FAIR_VALUE ? "fair value"
                        : p->ms[m].m == RC_MEASURE_AIV        ? "intrinsic value"
                        : p->ms[m].m == RC_MEASURE_TERM       ? "term"
                        : p->ms[m].m == RC_MEASURE_PER_SHARE  ? "price per share"
                                                              : "unnamed";
        rc_buf_printf(&how, "%s%s", m ? ", " : "", w);
    }
    rc_buf_puts(&how, ")");
    char *howtext = rc_buf_take(&how);
    if (!howtext) goto nomem;
    char *layout = layout_text(first, last, what, &cs, howtext);
    free(howtext);
    return push_table(s, g, first, layout);
nomem:
    oom(s);
fail:
    rc_grid_free(g);
    return s->rc;
}

static size_t measure_slot(pivot *p, rc_measure m, const char *heading)
{
    for (size_t i = 0; i < p->nms; i++)
        if (p->ms[i].m == m) return i;
    if (p->nms == 8) return SIZE_MAX;
    p->ms[p->nms].m = m;
    p->ms[p->nms].heading = heading;
    return p->nms++;
}

/* Is a section label a measure's heading ("Number of options", "Weighted average
 * exercise price")? */
static rc_measure section_measure(const sheetinfo *s, const char *text)
{
    rc_class cls;
    rc_classify_label(s->vocab, text, &cls);
    if (cls.measure == RC_MEASURE_NONE && (find_ci(text, "number") || find_ci(text, "shares")))
        return RC_MEASURE_COUNT;
    int award;
    const char *type;
    if (award_name(s, text, &award, &type)) return RC_MEASURE_NONE;
    return cls.measure;
}

static int layout_pivot(sheetinfo *s, const tinfo *ti, const colset *cs, const char *title,
                        const char *what)
{
    pivot p;
    memset(&p, 0, sizeof p);
    p.periods = cs->cols;
    p.nperiods = cs->n;
    rc_measure section = RC_MEASURE_NONE;
    const char *section_text = NULL;
    const char *group_title = title;
    unsigned first = s->rows[ti->tab.head0].num, last = first;
    for (size_t r = ti->tab.body0; r <= ti->tab.end && s->rc == RC_OK; r++) {
        const srow *sr = r < ti->tab.end ? &s->rows[r] : NULL;
        const rc_cell *lc = sr ? label_cell(s, sr->row) : NULL;
        if (sr && sr->kind == RK_LABEL && lc) {
            rc_measure m = section_measure(s, lc->text);
            if (m != RC_MEASURE_NONE) {
                section = m;
                section_text = lc->text;
                continue;
            }
            int award;
            const char *type;
            if (!award_name(s, lc->text, &award, &type)) continue;
        } else if (sr && sr->kind != RK_BODY) {
            continue;
        }
        if (!sr || sr->kind == RK_LABEL) {
            /* the end, or an award's section: what came before is one table */
            if (p.nrows && emit_pivot(s, ti, &p, group_title, what, first, last) < 0) break;
            for (size_t i = 0; i < p.nrows; i++)
                free(p.rows[i].vals);
            p.nrows = 0;
            p.nms = 0;
            section = RC_MEASURE_NONE;
            section_text = NULL;
            if (sr) {
                group_title =
                    title ? rc_arena_printf(s->arena, "%s - %s", title, lc->text) : lc->text;
                if (!group_title) oom(s);
                first = sr->num;
            }
            continue;
        }
        /* a body row: its measure, and the row of the pivot it belongs to */
        last = sr->num;
        const char *label = lc ? lc->text : "";
        rc_class cls;
        rc_classify_label(s->vocab, label, &cls);
        rc_measure m = cls.measure != RC_MEASURE_NONE ? cls.measure : section;
        const char *heading = cls.measure != RC_MEASURE_NONE ? NULL : section_text;
        if (heading && section_measure(s, heading) != m) heading = NULL;
        size_t slot = measure_slot(&p, m, heading);
        if (slot == SIZE_MAX) continue;
        size_t at = SIZE_MAX;
        for (size_t i = 0; i < p.nrows && at == SIZE_MAX; i++) {
            bool free_slot = true;
            for (size_t q = 0; q < p.nperiods; q++)
                if (p.rows[i].vals[q * 8 + slot]) free_slot = false;
            const char *other = p.rows[i].label ? p.rows[i].label->text : "";
            if (free_slot && same_key(&p.rows[i].cls, other, &cls, label)) at = i;
        }
        if (at == SIZE_MAX) {
            struct prow_item *np = realloc(p.rows, (p.nrows + 1) * sizeof *np);
            if (!np) {
                oom(s);
                break;
            }
            p.rows = np;
            at = p.nrows;
            memset(&p.rows[at], 0, sizeof p.rows[at]);
            p.rows[at].vals = calloc(p.nperiods * 8, sizeof *p.rows[at].vals);
            if (!p.rows[at].vals) {
                oom(s);
                break;
            }
            p.nrows++;
            p.rows[at].label = lc;
            p.rows[at].cls = cls;
            p.rows[at].num = sr->num;
        }
        for (size_t q = 0; q < p.nperiods; q++)
            p.rows[at].vals[q * 8 + slot] = cell_at(sr->row, p.periods[q]->col);
    }
    pivot_clear(&p);
    return s->rc;
}

/* ---- one table ------------------------------------------------------------------------------ */

static bool same_award(int a, const char *ta, int b, const char *tb)
{
    return a == b && (ta == tb || (ta && tb && strcmp(ta, tb) == 0));
}

static int read_table(sheetinfo *s, const stable *tab)
{
    tinfo ti;
    if (analyse_table(s, tab, &ti) < 0) {
        tinfo_clear(&ti);
        return s->rc;
    }
    if (ti.too_wide) {
        unsigned from = s->rows[tab->head0].num, to = s->rows[tab->end - 1].num;
        rc_buf b = RC_BUF_INIT;
        rc_buf_printf(&b,
                      "schedule table, rows %u-%u: not read: more than %d columns of values, "
                      "which no activity table has",
                      from, to, TABLE_COLS_MAX);
        tinfo_clear(&ti);
        return push_table(s, NULL, from, rc_buf_take(&b));
    }
    colset all = {NULL, 0};
    all.cols = malloc((ti.ncols ? ti.ncols : 1) * sizeof *all.cols);
    if (!all.cols) {
        tinfo_clear(&ti);
        return oom(s);
    }
    for (size_t i = 0; i < ti.ncols; i++)
        if (!ti.cols[i].symbols) all.cols[all.n++] = &ti.cols[i];
    /* awards side by side: a group of columns per award, the columns that name none
     * going with the award before them */
    size_t groups = 0;
    int prev = -2;
    const char *prev_type = NULL;
    for (size_t i = 0; i < all.n; i++) {
        const scol *c = all.cols[i];
        if (c->award < 0) continue;
        if (!same_award(c->award, c->award_type, prev, prev_type)) groups++;
        prev = c->award;
        prev_type = c->award_type;
    }
    size_t start = 0;
    while (start < all.n && s->rc == RC_OK) {
        size_t end = start;
        int award = -1;
        const char *type = NULL;
        const rc_cell *named = NULL;
        for (; end < all.n; end++) {
            const scol *c = all.cols[end];
            if (c->award < 0) continue;
            if (award < 0) {
                award = c->award;
                type = c->award_type;
            } else if (groups > 1 && !same_award(c->award, c->award_type, award, type)) {
                break;
            }
            if (!named) named = c->award_cell;
        }
        const char *what = NULL, *title = ti.title;
        if (groups > 1 || named) {
            /* the award's words go to the title, where the interpreter looks for them */
            const char *words = named                     ? named->text
                                : type                    ? type
                                : award == RC_AWARD_OTHER ? "other awards"
                                                          : "options";
            title = ti.title ? rc_arena_printf(s->arena, "%s - %s", ti.title, words) : words;
            if (!title) {
                oom(s);
                break;
            }
            if (groups > 1) what = words;
        }
        colset cs = {all.cols + start, end - start};
        bool periods = false, measures = false;
        for (size_t i = 0; i < cs.n; i++) {
            periods = periods || cs.cols[i]->period;
            measures = measures || cs.cols[i]->measure != RC_MEASURE_NONE;
        }
        if (periods && !measures) {
            /* periods across: the period columns are pivoted */
            const scol **pcols = malloc(cs.n * sizeof *pcols);
            if (!pcols) {
                oom(s);
                break;
            }
            colset pc = {pcols, 0};
            for (size_t i = 0; i < cs.n; i++)
                if (cs.cols[i]->period) pcols[pc.n++] = cs.cols[i];
            layout_pivot(s, &ti, &pc, title, what);
            free(pcols);
        } else {
            layout_across(s, &ti, &cs, title, what);
        }
        start = end;
    }
    free(all.cols);
    tinfo_clear(&ti);
    return s->rc;
}

/* ---- mapping files ---------------------------------------------------------------------- */

typedef enum mrole_kind { MR_LINE, MR_ROLE, MR_IGNORE } mrole_kind;

typedef struct mcol {
    unsigned col;
    rc_measure measure; /* RC_MEASURE_NONE: ignore */
    rc_day period;      /* its period's end, or RC_NO_DATE */
    int award;          /* -1: the table's */
    const char *award_type;
    int scale;             /* -1: the table's */
    unsigned line, colpos; /* where it is written in the mapping */
    const cJSON *node;     /* its key, while the mapping is parsed */
    size_t order;          /* its place among the keys, while the mapping is parsed */
} mcol;

static int by_mcol(const void *a, const void *b)
{
    const mcol *x = a, *y = b;
    if (x->col != y->col) return x->col < y->col ? -1 : 1;
    return x->order < y->order ? -1 : x->order > y->order;
}

typedef struct mrow {
    unsigned row;
    mrole_kind kind;
    rc_line line;
    rc_role role;
    rc_day date;
    unsigned wline, wcol;
    const cJSON *node; /* its key, while the mapping is parsed */
    size_t order;      /* its place among the keys */
} mrow;

static int by_row(const void *a, const void *b)
{
    const mrow *x = a, *y = b;
    if (x->row != y->row) return x->row < y->row ? -1 : 1;
    return x->order < y->order ? -1 : x->order > y->order;
}

typedef struct mtable {
    const char *sheet;
    bool has_range;
    unsigned r0, r1, c0, c1; /* 1-based rows, 0-based columns */
    bool has_labels;
    unsigned labels;
    const char *title;
    int award;
    const char *award_type;
    int scale;
    const char *currency;
    rc_day end;
    int months;
    mcol *cols;
    size_t ncols;
    mrow *rows;
    size_t nrows;
    bool has_rows;
    unsigned line, colpos;               /* the table object */
    unsigned labels_line, labels_colpos; /* its "labels" */
} mtable;

struct rc_schedule_map {
    char *path;
    rc_arena *arena;
    mtable *tables;
    size_t n;
};

const char *rc_schedule_map_path(const rc_schedule_map *map)
{
    return map->path;
}

void rc_schedule_map_free(rc_schedule_map *map)
{
    if (!map) return;
    for (size_t i = 0; i < map->n; i++) {
        free(map->tables[i].cols);
        free(map->tables[i].rows);
    }
    free(map->tables);
    rc_arena_free(map->arena);
    free(map->path);
    free(map);
}

typedef struct mparse {
    rc_jsondoc *doc;
    rc_ctx *ctx;
    rc_schedule_map *map;
} mparse;

static int mfail(mparse *mp, const cJSON *node, int at_key, const char *fmt, ...)
    __attribute__((format(printf, 4, 5)));

static int mfail(mparse *mp, const cJSON *node, int at_key, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    int rc = rc_jsondoc_vfail(mp->doc, mp->ctx, RC_ESYNTAX, node, at_key, fmt, ap);
    va_end(ap);
    return rc;
}

static const char *const MEASURE_WORDS = "count, price, fair_value, aiv, term, ignore";
static const char *const ROW_WORDS =
    "opening, closing, exercisable, vested_expected, granted, exercised, vested, forfeited, "
    "expired, cancelled, forfeited_expired, assumed, adjusted, other, ignore";
static const char *const AWARD_WORDS = "options, sar, rsu, psu, restricted_stock, dsu, other";

static bool parse_measure(const char *s, rc_measure *m)
{
    static const struct {
        const char *w;
        rc_measure m;
    } t[] = {{"count", RC_MEASURE_COUNT},
             {"price", RC_MEASURE_PRICE},
             {"fair_value", RC_MEASURE_FAIR_VALUE},
             {"aiv", RC_MEASURE_AIV},
             {"term", RC_MEASURE_TERM},
             {"ignore", RC_MEASURE_NONE}};
    for (size_t i = 0; i < sizeof t / sizeof *t; i++)
        if (strcmp(s, t[i].w) == 0) {
            *m = t[i].m;
            return true;
        }
    return false;
}

static bool parse_award(const char *s, int *award, const char **type)
{
    static const struct {
        const char *w;
        int award;
        const char *type;
    } t[] = {{"options", RC_AWARD_OPTIONS, NULL},
             {"sar", RC_AWARD_OPTIONS, "SAR"},
             {"rsu", RC_AWARD_OTHER, "RSU"},
             {"psu", RC_AWARD_OTHER, "PSU"},
             {"restricted_stock", RC_AWARD_OTHER, "restricted stock"},
             {"dsu", RC_AWARD_OTHER, "DSU"},
             {"other", RC_AWARD_OTHER, NULL}};
    for (size_t i = 0; i < sizeof t / sizeof *t; i++)
        if (strcmp(s, t[i].w) == 0) {
            *award = t[i].award;
            *type = t[i].type;
            return true;
        }
    return false;
}

/* The heading that says an award class to the interpreter. */
static const char *award_title(int award, const char *type)
{
    if (award == RC_AWARD_OPTIONS) return type ? "Stock appreciation rights" : "Stock options";
    if (!type) return "Nonvested awards";
    if (strcmp(type, "RSU") == 0) return "Restricted stock units";
    if (strcmp(type, "PSU") == 0) return "Performance share units";
    if (strcmp(type, "DSU") == 0) return "Deferred stock units";
    return "Restricted stock";
}

static int parse_scale(mparse *mp, const cJSON *v, int *out)
{
    if (cJSON_IsString(v)) {
        if (strcmp(v->valuestring, "units") == 0)
            *out = 0;
        else if (strcmp(v->valuestring, "thousands") == 0)
            *out = 3;
        else if (strcmp(v->valuestring, "millions") == 0)
            *out = 6;
        else
            return mfail(mp, v, 0, "unknown scale '%s' (units, thousands, millions)",
                         v->valuestring);
        return RC_OK;
    }
    return mfail(mp, v, 0, "a scale is \"units\", \"thousands\" or \"millions\"");
}

static int parse_date_value(mparse *mp, const cJSON *v, rc_day *out)
{
    if (!cJSON_IsString(v) || rc_day_parse(out, v->valuestring, strlen(v->valuestring)) != RC_OK)
        return mfail(mp, v, 0, "a date is written \"YYYY-MM-DD\"");
    return RC_OK;
}

static int parse_period(mparse *mp, const cJSON *v, rc_day *end, int *months)
{
    if (cJSON_IsString(v)) return parse_date_value(mp, v, end);
    if (!cJSON_IsObject(v))
        return mfail(mp, v, 0,
                     "a period is \"YYYY-MM-DD\" (its end) or {\"end\": ..., "
                     "\"months\": ...}");
    bool has_end = false;
    for (const cJSON *k = v->child; k; k = k->next) {
        if (strcmp(k->string, "end") == 0) {
            if (parse_date_value(mp, k, end) < 0) return RC_ESYNTAX;
            has_end = true;
        } else if (strcmp(k->string, "months") == 0) {
            if (!cJSON_IsNumber(k) || k->valuedouble < 1 || k->valuedouble > 120 ||
                k->valuedouble != (double)(int)k->valuedouble)
                return mfail(mp, k, 0, "months is a whole number from 1 to 120");
            *months = (int)k->valuedouble;
        } else {
            return mfail(mp, k, 1, "unknown key '%s' in a period (end, months)", k->string);
        }
    }
    if (!has_end) return mfail(mp, v, 0, "a period needs its \"end\"");
    return RC_OK;
}

static int parse_rowrole(mparse *mp, const cJSON *v, mrow *r)
{
    const char *name = NULL;
    const cJSON *namenode = v;
    if (cJSON_IsString(v)) {
        name = v->valuestring;
    } else if (cJSON_IsObject(v)) {
        for (const cJSON *k = v->child; k; k = k->next) {
            if (strcmp(k->string, "is") == 0 && cJSON_IsString(k)) {
                name = k->valuestring;
                namenode = k;
            } else if (strcmp(k->string, "is") == 0) {
                return mfail(mp, k, 0, "\"is\" names what the row is (%s)", ROW_WORDS);
            } else if (strcmp(k->string, "date") == 0) {
                if (parse_date_value(mp, k, &r->date) < 0) return RC_ESYNTAX;
            } else {
                return mfail(mp, k, 1, "unknown key '%s' in a row (is, date)", k->string);
            }
        }
        if (!name) return mfail(mp, v, 0, "a row needs \"is\" (%s)", ROW_WORDS);
    } else {
        return mfail(mp, v, 0, "a row is one of %s, or {\"is\": ..., \"date\": ...}", ROW_WORDS);
    }
    static const struct {
        const char *w;
        rc_line line;
    } lines[] = {{"opening", RC_LINE_OPENING},
                 {"closing", RC_LINE_CLOSING},
                 {"exercisable", RC_LINE_EXERCISABLE},
                 {"vested_expected", RC_LINE_VESTED_EXPECTED}};
    for (size_t i = 0; i < sizeof lines / sizeof *lines; i++)
        if (strcmp(name, lines[i].w) == 0) {
            r->kind = MR_LINE;
            r->line = lines[i].line;
            return RC_OK;
        }
    if (strcmp(name, "ignore") == 0) {
        r->kind = MR_IGNORE;
        return RC_OK;
    }
    rc_role role;
    if (rc_role_parse(&role, name) == RC_OK) {
        r->kind = MR_ROLE;
        r->role = role;
        if (r->date != RC_NO_DATE)
            return mfail(mp, v, 0, "only a balance row (opening, closing...) has a date");
        return RC_OK;
    }
    return mfail(mp, namenode, 0, "unknown row '%s' (%s)", name, ROW_WORDS);
}

static int parse_columns(mparse *mp, const cJSON *v, mtable *t)
{
    if (!cJSON_IsObject(v))
        return mfail(mp, v, 0, "columns is an object: {\"B\": \"count\", \"C\": \"price\"}");
    for (const cJSON *k = v->child; k; k = k->next) {
        mcol c;
        memset(&c, 0, sizeof c);
        c.period = RC_NO_DATE;
        c.award = -1;
        c.scale = -1;
        rc_jsondoc_key_where(mp->doc, k, &c.line, &c.colpos);
        c.node = k;
        if (!parse_col(k->string, &c.col))
            return mfail(mp, k, 1,
                         "'%s' is not a column (a letter such as \"B\", or a number "
                         "from 1)",
                         k->string);
        const cJSON *mnode = k;
        const char *mname = NULL;
        if (cJSON_IsString(k)) {
            mname = k->valuestring;
        } else if (cJSON_IsObject(k)) {
            int dummy_months = 0;
            for (const cJSON *f = k->child; f; f = f->next) {
                if (strcmp(f->string, "measure") == 0 && cJSON_IsString(f)) {
                    mname = f->valuestring;
                    mnode = f;
                } else if (strcmp(f->string, "measure") == 0) {
                    return mfail(mp, f, 0, "a measure is one of %s", MEASURE_WORDS);
                } else if (strcmp(f->string, "period") == 0) {
                    if (parse_period(mp, f, &c.period, &dummy_months) < 0) return RC_ESYNTAX;
                } else if (strcmp(f->string, "award") == 0) {
                    if (!cJSON_IsString(f) || !parse_award(f->valuestring, &c.award, &c.award_type))
                        return mfail(mp, f, 0, "unknown award (%s)", AWARD_WORDS);
                } else if (strcmp(f->string, "scale") == 0) {
                    if (parse_scale(mp, f, &c.scale) < 0) return RC_ESYNTAX;
                } else {
                    return mfail(mp, f, 1,
                                 "unknown key '%s' in a column (measure, period, award, scale)",
                                 f->string);
                }
            }
            if (!mname)
                return mfail(mp, k, 0, "a column needs its \"measure\" (%s)", MEASURE_WORDS);
        } else {
            return mfail(mp, k, 0, "a column is a measure (%s) or {\"measure\": ...}",
                         MEASURE_WORDS);
        }
        if (!parse_measure(mname, &c.measure))
            return mfail(mp, mnode, 0, "unknown measure '%s' (%s)", mname, MEASURE_WORDS);
        if (c.scale > 0 && c.measure != RC_MEASURE_COUNT && c.measure != RC_MEASURE_AIV)
            return mfail(mp, k, 0, "only counts and intrinsic values have a scale");
        mcol *p = realloc(t->cols, (t->ncols + 1) * sizeof *p);
        if (!p) return rc_ctx_fail(mp->ctx, RC_ENOMEM, "out of memory");
        t->cols = p;
        p[t->ncols++] = c;
    }
    if (t->ncols == 0) return mfail(mp, v, 0, "columns names no column");
    /* a column named twice: the later key is the mistake */
    mcol *sorted = malloc(t->ncols * sizeof *sorted);
    if (!sorted) return rc_ctx_fail(mp->ctx, RC_ENOMEM, "out of memory");
    memcpy(sorted, t->cols, t->ncols * sizeof *sorted);
    for (size_t i = 0; i < t->ncols; i++)
        sorted[i].order = i;
    qsort(sorted, t->ncols, sizeof *sorted, by_mcol);
    for (size_t i = 1; i < t->ncols; i++) {
        if (sorted[i].col != sorted[i - 1].col) continue;
        const mcol *later = sorted[i].order > sorted[i - 1].order ? &sorted[i] : &sorted[i - 1];
        char name[8];
        col_name(later->col, name);
        int rc = mfail(mp, later->node, 1, "column %s is named twice", name);
        free(sorted);
        return rc;
    }
    free(sorted);
    return RC_OK;
}

static int parse_rows(mparse *mp, const cJSON *v, mtable *t)
{
    if (!cJSON_IsObject(v))
        return mfail(mp, v, 0, "rows is an object: {\"5\": \"opening\", \"6\": \"granted\"}");
    t->has_rows = true;
    for (const cJSON *k = v->child; k; k = k->next) {
        mrow r;
        memset(&r, 0, sizeof r);
        r.date = RC_NO_DATE;
        rc_jsondoc_key_where(mp->doc, k, &r.wline, &r.wcol);
        r.node = k;
        r.order = t->nrows;
        char *end;
        unsigned long n = strtoul(k->string, &end, 10);
        if (!is_digit(k->string[0]) || *end || n == 0 || n > SHEET_ROWS_MAX)
            return mfail(mp, k, 1, "'%s' is not a row number (1, 2, ... as the sheet shows them)",
                         k->string);
        r.row = (unsigned)n;
        if (parse_rowrole(mp, k, &r) < 0) return RC_ESYNTAX;
        mrow *p = realloc(t->rows, (t->nrows + 1) * sizeof *p);
        if (!p) return rc_ctx_fail(mp->ctx, RC_ENOMEM, "out of memory");
        t->rows = p;
        p[t->nrows++] = r;
    }
    /* in row order, so that a sheet row finds its entry by bisection */
    if (t->nrows > 1) qsort(t->rows, t->nrows, sizeof *t->rows, by_row);
    for (size_t i = 1; i < t->nrows; i++) {
        if (t->rows[i].row != t->rows[i - 1].row) continue;
        const mrow *later = t->rows[i].order > t->rows[i - 1].order ? &t->rows[i] : &t->rows[i - 1];
        return mfail(mp, later->node, 1, "row %u is named twice", later->row);
    }
    return RC_OK;
}

/* One end of a range: "A3", "A" or "3"; *col / *row are left alone when not given. */
static bool range_end(const char *p, size_t n, bool *has_col, bool *has_row, unsigned *col,
                      unsigned *row)
{
    size_t letters = 0;
    while (letters < n &&
           ((p[letters] >= 'A' && p[letters] <= 'Z') || (p[letters] >= 'a' && p[letters] <= 'z')))
        letters++;
    char part[16];
    if (n >= sizeof part || n == 0) return false;
    *has_col = letters > 0;
    *has_row = letters < n;
    if (letters) {
        memcpy(part, p, letters);
        part[letters] = '\0';
        if (!parse_col(part, col)) return false;
    }
    if (letters < n) {
        unsigned long v = 0;
        for (size_t i = letters; i < n; i++) {
            if (!is_digit(p[i]) || v > SHEET_ROWS_MAX) return false;
            v = v * 10 + (unsigned long)(p[i] - '0');
        }
        if (v == 0 || v > SHEET_ROWS_MAX) return false;
        *row = (unsigned)v;
    }
    return true;
}

/* "A3:F20", "B:F" (whole columns) or "3:20" (whole rows). */
static bool parse_range(const char *s, mtable *t)
{
    const char *colon = strchr(s, ':');
    if (!colon) return false;
    unsigned rows[2] = {1, SHEET_ROWS_MAX}, cols[2] = {0, SHEET_COLS_MAX - 1};
    bool hc[2], hr[2];
    if (!range_end(s, (size_t)(colon - s), &hc[0], &hr[0], &cols[0], &rows[0]) ||
        !range_end(colon + 1, strlen(colon + 1), &hc[1], &hr[1], &cols[1], &rows[1]))
        return false;
    if (hc[0] != hc[1] || hr[0] != hr[1] || rows[0] > rows[1] || cols[0] > cols[1]) return false;
    t->r0 = rows[0];
    t->r1 = rows[1];
    t->c0 = cols[0];
    t->c1 = cols[1];
    return true;
}

static int parse_table(mparse *mp, const cJSON *obj, mtable *t)
{
    memset(t, 0, sizeof *t);
    t->award = -1;
    t->scale = -1;
    t->end = RC_NO_DATE;
    t->months = 12;
    t->r0 = 1;
    t->r1 = SHEET_ROWS_MAX;
    t->c1 = SHEET_COLS_MAX - 1;
    rc_jsondoc_where(mp->doc, obj, &t->line, &t->colpos);
    if (!cJSON_IsObject(obj)) return mfail(mp, obj, 0, "a table of a mapping is an object");
    bool has_cols = false;
    for (const cJSON *k = obj->child; k; k = k->next) {
        const char *key = k->string;
        if (strcmp(key, "sheet") == 0 || strcmp(key, "title") == 0 ||
            strcmp(key, "currency") == 0 || strcmp(key, "range") == 0 ||
            strcmp(key, "labels") == 0 || strcmp(key, "award") == 0) {
            if (!cJSON_IsString(k) || !k->valuestring[0])
                return mfail(mp, k, 0, "%s is a string", key);
        }
        if (strcmp(key, "sheet") == 0) {
            if (!(t->sheet = rc_arena_strdup(mp->map->arena, k->valuestring)))
                return rc_ctx_fail(mp->ctx, RC_ENOMEM, "out of memory");
        } else if (strcmp(key, "title") == 0) {
            if (!(t->title = rc_arena_strdup(mp->map->arena, k->valuestring)))
                return rc_ctx_fail(mp->ctx, RC_ENOMEM, "out of memory");
        } else if (strcmp(key, "range") == 0) {
            if (!parse_range(k->valuestring, t))
                return mfail(mp, k, 0, "'%s' is not a range (\"A3:F20\", \"B:F\" or \"3:20\")",
                             k->valuestring);
            t->has_range = true;
        } else if (strcmp(key, "labels") == 0) {
            if (!parse_col(k->valuestring, &t->labels))
                return mfail(mp, k, 0, "'%s' is not a column (a letter such as \"A\")",
                             k->valuestring);
            t->has_labels = true;
            rc_jsondoc_where(mp->doc, k, &t->labels_line, &t->labels_colpos);
        } else if (strcmp(key, "award") == 0) {
            if (!parse_award(k->valuestring, &t->award, &t->award_type))
                return mfail(mp, k, 0, "unknown award '%s' (%s)", k->valuestring, AWARD_WORDS);
        } else if (strcmp(key, "scale") == 0) {
            if (parse_scale(mp, k, &t->scale) < 0) return RC_ESYNTAX;
        } else if (strcmp(key, "currency") == 0) {
            const char *code = rc_currency_code(k->valuestring, strlen(k->valuestring));
            if (!code || strcmp(code, k->valuestring) != 0)
                return mfail(mp, k, 0,
                             "'%s' is not an ISO 4217 currency code rollcheck knows "
                             "(USD, EUR, GBP, CAD, CNY, JPY, ...)",
                             k->valuestring);
            t->currency = code;
        } else if (strcmp(key, "period") == 0) {
            if (parse_period(mp, k, &t->end, &t->months) < 0) return RC_ESYNTAX;
        } else if (strcmp(key, "columns") == 0) {
            if (parse_columns(mp, k, t) < 0) return RC_ESYNTAX;
            has_cols = true;
        } else if (strcmp(key, "rows") == 0) {
            if (parse_rows(mp, k, t) < 0) return RC_ESYNTAX;
        } else {
            return mfail(mp, k, 1,
                         "unknown key '%s' (sheet, range, labels, title, award, scale, currency, "
                         "period, columns, rows)",
                         key);
        }
    }
    if (!has_cols) return mfail(mp, obj, 0, "a table of a mapping needs \"columns\"");
    for (size_t i = 0; i < t->ncols; i++) {
        char name[8];
        col_name(t->cols[i].col, name);
        if (t->has_labels && t->cols[i].col == t->labels)
            return mfail(mp, t->cols[i].node, 1,
                         "column %s is the label column: it holds no values", name);
        if (t->has_range && (t->cols[i].col < t->c0 || t->cols[i].col > t->c1))
            return mfail(mp, t->cols[i].node, 1, "column %s is outside the range", name);
    }
    for (size_t i = 0; i < t->nrows; i++)
        if (t->rows[i].row < t->r0 || t->rows[i].row > t->r1)
            return mfail(mp, t->rows[i].node, 1, "row %u is outside the range", t->rows[i].row);
    return RC_OK;
}

int rc_schedule_map_parse(rc_schedule_map **out, const char *name, const char *buf, size_t len,
                          rc_ctx *ctx)
{
    assert(out && name);
    *out = NULL;
    rc_schedule_map *map = calloc(1, sizeof *map);
    if (!map || !(map->arena = rc_arena_new()) || !(map->path = strdup(name))) {
        rc_schedule_map_free(map);
        return rc_ctx_fail(ctx, RC_ENOMEM, "out of memory");
    }
    rc_jsondoc doc;
    int rc = rc_jsondoc_parse(&doc, map->path, buf, len, ctx);
    if (rc < 0) {
        rc_schedule_map_free(map);
        return rc;
    }
    mparse mp = {&doc, ctx, map};
    const cJSON *root = doc.root;
    const cJSON *tables =
        cJSON_IsObject(root) ? cJSON_GetObjectItemCaseSensitive(root, "tables") : NULL;
    if (!cJSON_IsObject(root)) {
        rc = mfail(&mp, root, 0, "a mapping file is a JSON object (docs/schedules.md)");
    } else if (tables) {
        for (const cJSON *k = root->child; k && rc == RC_OK; k = k->next)
            if (strcmp(k->string, "tables") != 0)
                rc = mfail(&mp, k, 1, "'%s' belongs inside a table of \"tables\"", k->string);
        if (rc == RC_OK && (!cJSON_IsArray(tables) || !tables->child))
            rc = mfail(&mp, tables, 0, "tables is a list of one or more tables");
        size_t n = rc == RC_OK ? (size_t)cJSON_GetArraySize(tables) : 0;
        if (n && !(map->tables = calloc(n, sizeof *map->tables)))
            rc = rc_ctx_fail(ctx, RC_ENOMEM, "out of memory");
        for (const cJSON *t = rc == RC_OK ? tables->child : NULL; t && rc == RC_OK; t = t->next)
            rc = parse_table(&mp, t, &map->tables[map->n++]);
    } else {
        if (!(map->tables = calloc(1, sizeof *map->tables)))
            rc = rc_ctx_fail(ctx, RC_ENOMEM, "out of memory");
        else
            rc = parse_table(&mp, root, &map->tables[map->n++]);
    }
    rc_jsondoc_free(&doc);
    if (rc < 0) {
        rc_schedule_map_free(map);
        return rc;
    }
    *out = map;
    return RC_OK;
}

int rc_schedule_map_find(rc_schedule_map **out, const char *path, rc_ctx *ctx)
{
    assert(out && path);
    *out = NULL;
    size_t n = strlen(path);
    char *mpath = malloc(n + sizeof ".map.json");
    if (!mpath) return rc_ctx_fail(ctx, RC_ENOMEM, "out of memory");
    memcpy(mpath, path, n);
    memcpy(mpath + n, ".map.json", sizeof ".map.json");
    struct stat st;
    int rc = RC_OK;
    if (stat(mpath, &st) == 0 && S_ISREG(st.st_mode)) {
        char *buf = NULL;
        size_t len = 0;
        rc = rc_read_whole_file(mpath, (size_t)1 << 20, &buf, &len, ctx);
        if (rc == RC_OK) rc = rc_schedule_map_parse(out, mpath, buf, len, ctx);
        free(buf);
    }
    free(mpath);
    return rc;
}

/* ---- a sheet by its mapping -------------------------------------------------------------- */

static const char *line_label(rc_line line)
{
    switch (line) {
    case RC_LINE_OPENING:
        return "Outstanding at the beginning of the period";
    case RC_LINE_CLOSING:
        return "Outstanding at the end of the period";
    case RC_LINE_EXERCISABLE:
        return "Exercisable at the end of the period";
    case RC_LINE_VESTED_EXPECTED:
    default:
        return "Vested and expected to vest at the end of the period";
    }
}

static const char *role_label(rc_role role)
{
    static const char *const words[RC_ROLE__COUNT] = {
        "Granted",   "Assumed in acquisition", "Exercised", "Vested",       "Forfeited", "Expired",
        "Cancelled", "Forfeited and expired",  "Adjusted",  "Other changes"};
    return role < RC_ROLE__COUNT ? words[role] : "Other changes";
}

/* The label a mapped row gets: its own when its words already say what the mapping
 * says, else one that does (the interpreter reads rows by their words). */
static const char *mapped_label(sheetinfo *s, const mtable *t, const mrow *mr, const char *own)
{
    rc_class cls;
    rc_classify_label(s->vocab, own ? own : "", &cls);
    bool keep = own && own[0] && (t->award < 0 || cls.award < 0 || cls.award == t->award);
    if (mr->kind == MR_LINE) {
        bool outstanding = mr->line == RC_LINE_OPENING || mr->line == RC_LINE_CLOSING;
        rc_position pos = mr->line == RC_LINE_OPENING ? RC_POS_BEGIN : RC_POS_END;
        keep = keep && cls.what == RC_WHAT_BALANCE && cls.outstanding == outstanding &&
               (outstanding ? cls.position == pos : cls.line == mr->line) && mr->date == RC_NO_DATE;
        if (keep) return own;
        rc_day day = mr->date != RC_NO_DATE        ? mr->date
                     : cls.what == RC_WHAT_BALANCE ? cls.date
                                                   : RC_NO_DATE;
        if (day == RC_NO_DATE) return line_label(mr->line);
        char date[32];
        date_words(day, date);
        const char *out = rc_arena_printf(s->arena, "%s, %s", line_label(mr->line), date);
        if (!out) oom(s);
        return out ? out : line_label(mr->line);
    }
    if (mr->role == RC_ROLE_OTHER) {
        /* taken with its shown sign: its own words, when they say no other role */
        return keep && cls.what != RC_WHAT_BALANCE && cls.what != RC_WHAT_MOVEMENT
                   ? own
                   : role_label(mr->role);
    }
    keep = keep && cls.what == RC_WHAT_MOVEMENT && cls.role == mr->role;
    return keep ? own : role_label(mr->role);
}

static const mrow *mapped_row(const mtable *t, unsigned num)
{
    size_t lo = 0, hi = t->nrows;
    while (lo < hi) {
        size_t mid = lo + (hi - lo) / 2;
        if (t->rows[mid].row < num)
            lo = mid + 1;
        else
            hi = mid;
    }
    return lo < t->nrows && t->rows[lo].row == num ? &t->rows[lo] : NULL;
}

/* Columns of one award, ordered by period: one grid. */
static int emit_mapped(sheetinfo *s, const rc_schedule_map *map, size_t ti, const mtable *t,
                       const mcol **cols, size_t ncols, int award, const char *type,
                       unsigned label_col)
{
    const char *title = t->title ? t->title : award >= 0 ? award_title(award, type) : NULL;
    if (t->title && award >= 0) {
        title = rc_arena_printf(s->arena, "%s - %s", t->title, award_title(award, type));
        if (!title) return oom(s);
    }
    const char *context = NULL;
    if (t->end != RC_NO_DATE) {
        char date[32];
        date_words(t->end, date);
        context = rc_arena_printf(s->arena, "for the %d months ended %s", t->months, date);
        if (!context) return oom(s);
    }
    rc_source src = {s->sheet->grid->file, t->line, t->colpos, NULL};
    rc_grid *g = new_grid(s, title, context, NULL);
    if (!g) return oom(s);
    bool periods = false;
    for (size_t i = 0; i < ncols; i++)
        periods = periods || cols[i]->period != RC_NO_DATE;
    unsigned first = 0, last = 0;
    if (periods) {
        rc_grid_row *h = rc_grid_add_row(g, RC_ROW_HEAD);
        if (!h) goto nomem;
        for (size_t i = 0; i < ncols;) {
            size_t span = 1;
            while (i + span < ncols && cols[i + span]->period == cols[i]->period)
                span++;
            if (cols[i]->period != RC_NO_DATE) {
                char date[32];
                date_words(cols[i]->period, date);
                src.line = cols[i]->line;
                src.col = cols[i]->colpos;
                if (!add_cell(g, h, date, (unsigned)i + 1, (unsigned)span, &src)) goto nomem;
            }
            i += span;
        }
    }
    rc_grid_row *h = rc_grid_add_row(g, RC_ROW_HEAD);
    if (!h) goto nomem;
    for (size_t i = 0; i < ncols; i++) {
        int scale = cols[i]->scale >= 0 ? cols[i]->scale : t->scale;
        bool scaled = cols[i]->measure == RC_MEASURE_COUNT || cols[i]->measure == RC_MEASURE_AIV;
        const char *text = measure_heading(cols[i]->measure, award);
        if (scaled && scale == 3) text = rc_arena_printf(s->arena, "%s (in thousands)", text);
        if (scaled && scale == 6) text = rc_arena_printf(s->arena, "%s (in millions)", text);
        if (!text) goto nomem;
        src.line = cols[i]->line;
        src.col = cols[i]->colpos;
        if (!add_cell(g, h, text, (unsigned)i + 1, 1, &src)) goto nomem;
    }
    for (size_t r = 0; r < s->nrows; r++) {
        const srow *sr = &s->rows[r];
        if (sr->num < t->r0 || sr->num > t->r1 || sr->kind == RK_BLANK) continue;
        const mrow *mr = mapped_row(t, sr->num);
        if (t->has_rows && (!mr || mr->kind == MR_IGNORE)) continue;
        const rc_cell *lc = cell_at(sr->row, label_col);
        bool values = false;
        for (size_t i = 0; i < ncols; i++)
            values = values || cell_at(sr->row, cols[i]->col);
        if (!values && (t->has_rows || !lc)) continue;
        rc_grid_row *br = rc_grid_add_row(g, 0);
        if (!br) goto nomem;
        const char *label = lc ? words_for_dates(s, lc->text) : NULL;
        if (mr) label = mapped_label(s, t, mr, label);
        if (label) {
            rc_source lsrc = lc ? lc->src : (rc_source){s->sheet->grid->file, sr->num, 0, NULL};
            if (!lc && sr->row->ncells) lsrc = sr->row->cells[0].src;
            if (!add_cell(g, br, label, 0, 1, &lsrc)) goto nomem;
        }
        if (!values) continue;
        if (!first) first = sr->num;
        last = sr->num;
        for (size_t i = 0; i < ncols; i++) {
            const rc_cell *c = cell_at(sr->row, cols[i]->col);
            if (!c) continue;
            const char *text = value_text(s, c->text);
            bool money = cols[i]->measure == RC_MEASURE_PRICE ||
                         cols[i]->measure == RC_MEASURE_FAIR_VALUE ||
                         cols[i]->measure == RC_MEASURE_AIV;
            if (money && t->currency && !currency_prefix(text)) {
                text = rc_arena_printf(s->arena, "%s %s", t->currency, text);
                if (!text) goto nomem;
            }
            if (!add_cell(g, br, text, (unsigned)i + 1, 1, &c->src)) goto nomem;
        }
    }
    if (s->rc < 0) goto fail;
    if (!first) {
        rc_grid_free(g);
        return misfit(s, map->path, t->line, t->colpos,
                      "the %s table of this mapping finds no value in its rows and "
                      "columns of %s%s%s",
                      ti == 0 ? "first" : "next", s->sheet->grid->file,
                      s->sheet->name ? ", sheet " : "", s->sheet->name ? s->sheet->name : "");
    }
    g->src = (rc_source){g->file, first, 1, NULL};
    for (size_t r = 0; r < g->nrows; r++)
        if (!(g->rows[r].flags & RC_ROW_HEAD) && g->rows[r].ncells) {
            g->src = g->rows[r].cells[0].src;
            break;
        }
    const char *slash = strrchr(map->path, '/');
    char *layout = NULL;
    rc_buf b = RC_BUF_INIT;
    rc_buf_printf(&b, "schedule table, rows %u-%u%s%s: as mapping %s says (table %zu)", first, last,
                  award >= 0 ? ", " : "", award >= 0 ? award_title(award, type) : "",
                  slash ? slash + 1 : map->path, ti + 1);
    layout = rc_buf_take(&b);
    return push_table(s, g, first, layout);
nomem:
    oom(s);
fail:
    rc_grid_free(g);
    return s->rc;
}

/* The award of a mapped table that does not name one: what its title and its rows'
 * labels say, options when they say nothing (as the interpreter assumes). */
static int mapped_award(const sheetinfo *s, const mtable *t, unsigned label_col, const char **type)
{
    size_t options = 0, other = 0;
    *type = NULL;
    rc_class cls;
    if (t->title) {
        rc_classify_label(s->vocab, t->title, &cls);
        options += cls.award == RC_AWARD_OPTIONS;
        other += cls.award == RC_AWARD_OTHER;
        if (cls.award == RC_AWARD_OTHER && !*type) *type = cls.award_type;
    }
    for (size_t r = 0; r < s->nrows; r++) {
        if (s->rows[r].num < t->r0 || s->rows[r].num > t->r1) continue;
        const rc_cell *c = cell_at(s->rows[r].row, label_col);
        if (!c) continue;
        rc_classify_label(s->vocab, c->text, &cls);
        options += cls.award == RC_AWARD_OPTIONS;
        other += cls.award == RC_AWARD_OTHER;
        if (cls.award == RC_AWARD_OTHER && !*type) *type = cls.award_type;
    }
    if (other > 0 && options == 0) return RC_AWARD_OTHER;
    *type = NULL;
    return RC_AWARD_OPTIONS;
}

static int read_mapped(sheetinfo *s, const rc_schedule_map *map, size_t ti)
{
    const mtable *t = &map->tables[ti];
    unsigned label_col = t->has_labels ? t->labels : t->has_range ? t->c0 : s->label_col;
    if (label_col == UINT_MAX)
        return misfit(s, map->path, t->line, t->colpos,
                      "%s has no column of row labels this table could use: name it "
                      "with \"labels\"",
                      s->sheet->grid->file);
    /* the label column must hold labels */
    bool any = false;
    for (size_t r = 0; r < s->nrows && !any; r++)
        if (s->rows[r].num >= t->r0 && s->rows[r].num <= t->r1 &&
            cell_at(s->rows[r].row, label_col))
            any = true;
    if (!any) {
        char name[8];
        col_name(label_col, name);
        unsigned line = t->has_labels ? t->labels_line : t->line;
        unsigned col = t->has_labels ? t->labels_colpos : t->colpos;
        return misfit(s, map->path, line, col,
                      "column %s of %s holds no row labels in the table's rows", name,
                      s->sheet->grid->file);
    }
    unsigned lastrow = s->nrows ? s->rows[s->nrows - 1].num : 0;
    for (size_t i = 0; i < t->nrows; i++)
        if (t->rows[i].row > lastrow)
            return misfit(s, map->path, t->rows[i].wline, t->rows[i].wcol,
                          "row %u is beyond the last row (%u) of %s", t->rows[i].row, lastrow,
                          s->sheet->grid->file);
    for (size_t i = 0; i < t->ncols; i++) {
        if (t->cols[i].col < s->grid->ncols) continue;
        char name[8];
        col_name(t->cols[i].col, name);
        return misfit(s, map->path, t->cols[i].line, t->cols[i].colpos,
                      "column %s is beyond the last column of %s", name, s->sheet->grid->file);
    }
    /* one grid per award, its columns by period */
    const mcol **cols = malloc(t->ncols * sizeof *cols);
    bool *done = calloc(t->ncols, sizeof *done);
    if (!cols || !done) {
        free(cols);
        free(done);
        return oom(s);
    }
    for (size_t i = 0; i < t->ncols && s->rc == RC_OK; i++) {
        if (done[i] || t->cols[i].measure == RC_MEASURE_NONE) continue;
        int award = t->cols[i].award >= 0 ? t->cols[i].award : t->award;
        const char *type = t->cols[i].award >= 0 ? t->cols[i].award_type : t->award_type;
        size_t n = 0;
        for (size_t k = i; k < t->ncols; k++) {
            const mcol *c = &t->cols[k];
            int a = c->award >= 0 ? c->award : t->award;
            const char *ty = c->award >= 0 ? c->award_type : t->award_type;
            if (done[k] || c->measure == RC_MEASURE_NONE || a != award ||
                !(ty == type || (ty && type && strcmp(ty, type) == 0)))
                continue;
            done[k] = true;
            cols[n++] = c;
        }
        /* by period (undated first), then as the sheet has them */
        for (size_t a = 1; a < n; a++)
            for (size_t b = a; b > 0; b--) {
                const mcol *x = cols[b - 1], *y = cols[b];
                bool swap =
                    x->period != y->period &&
                    (y->period == RC_NO_DATE || (x->period != RC_NO_DATE && y->period > x->period));
                swap = swap || (x->period == y->period && y->col < x->col);
                if (!swap) break;
                cols[b - 1] = y;
                cols[b] = x;
            }
        if (award < 0) award = mapped_award(s, t, label_col, &type);
        emit_mapped(s, map, ti, t, cols, n, award, type, label_col);
    }
    free(cols);
    free(done);
    return s->rc;
}

/* ---- the entry points -------------------------------------------------------------------- */

void rc_schedule_tables_free(rc_schedule_tables *tables)
{
    if (!tables) return;
    for (size_t i = 0; i < tables->n; i++) {
        rc_grid_free(tables->grids[i]);
        free(tables->layouts[i]);
    }
    free(tables->grids);
    free(tables->layouts);
    free(tables->rows);
    free(tables);
}

static bool map_applies(const mtable *t, const rc_schedule_sheet *sheet)
{
    return !t->sheet || !sheet->name || strcmp(t->sheet, sheet->name) == 0;
}

int rc_schedule_tables_make(const rc_vocab *vocab, const rc_schedule_sheet *sheet,
                            const rc_schedule_map *map, rc_schedule_tables **out, rc_ctx *ctx)
{
    assert(vocab && sheet && sheet->grid && out);
    *out = NULL;
    sheetinfo s;
    memset(&s, 0, sizeof s);
    s.sheet = sheet;
    s.vocab = vocab;
    s.ctx = ctx;
    s.out = calloc(1, sizeof *s.out);
    s.arena = rc_arena_new();
    /* the cells that hold something: a workbook keeps its empty cells as "" */
    rc_grid *g = rc_grid_new(RC_GRID_NOTE, sheet->grid->file);
    s.rows = calloc(sheet->grid->nrows ? sheet->grid->nrows : 1, sizeof *s.rows);
    stable *tabs = NULL;
    size_t ntabs = 0;
    if (!s.out || !s.arena || !s.rows || !g) {
        oom(&s);
        goto done;
    }
    for (size_t r = 0; r < sheet->grid->nrows; r++) {
        const rc_grid_row *from = &sheet->grid->rows[r];
        rc_grid_row *to = rc_grid_add_row(g, 0);
        if (!to) {
            oom(&s);
            goto done;
        }
        for (size_t k = 0; k < from->ncells; k++) {
            const rc_cell *c = &from->cells[k];
            if (!c->text[0] || c->col == RC_COL_UNKNOWN) continue;
            const char *text = words_for_dates(&s, c->text);
            if (!rc_grid_add_cell(g, to, text, strlen(text), c->col, c->span, c->flags, &c->src)) {
                oom(&s);
                goto done;
            }
        }
        if (to->ncells > 1) qsort(to->cells, to->ncells, sizeof *to->cells, by_col);
    }
    s.grid = g;
    s.nrows = g->nrows;
    s.label_col = find_label_col(g);
    for (size_t r = 0; r < g->nrows; r++) {
        s.rows[r].row = &g->rows[r];
        s.rows[r].num = sheet->rownum ? sheet->rownum[r] : (unsigned)r + 1;
        s.rows[r].kind = s.label_col == UINT_MAX ? (g->rows[r].ncells ? RK_LABEL : RK_BLANK)
                                                 : row_kind(&s, &g->rows[r]);
    }
    bool mapped = false;
    for (size_t i = 0; map && i < map->n && s.rc == RC_OK; i++) {
        if (!map_applies(&map->tables[i], sheet)) continue;
        mapped = true;
        read_mapped(&s, map, i);
    }
    if (!mapped && s.rc == RC_OK && s.label_col != UINT_MAX) {
        if (find_tables(&s, &tabs, &ntabs) < 0) goto done;
        for (size_t i = 0; i < ntabs && s.rc == RC_OK; i++)
            read_table(&s, &tabs[i]);
    }
done:
    free(tabs);
    free(s.rows);
    rc_arena_free(s.arena);
    /* the tables' cells were copied into their own grids */
    rc_grid_free(g);
    if (s.rc < 0) {
        rc_schedule_tables_free(s.out);
        return s.rc;
    }
    *out = s.out;
    return RC_OK;
}

int rc_schedule_read(rc_model *model, const rc_vocab *vocab, const rc_schedule_sheet *sheet,
                     const rc_schedule_map *map, rc_ctx *ctx)
{
    assert(model && vocab && sheet);
    rc_schedule_tables *tables = NULL;
    int rc = rc_schedule_tables_make(vocab, sheet, map, &tables, ctx);
    if (rc < 0) return rc;
    const char *file = sheet->grid->file;
    for (size_t i = 0; i < tables->n && rc == RC_OK; i++) {
        const rc_grid *g = tables->grids[i];
        rc = rc_model_add_note(model, file, tables->rows[i], 0, "%s%s%s%s",
                               sheet->name ? "sheet '" : "", sheet->name ? sheet->name : "",
                               sheet->name ? "', " : "", tables->layouts[i]);
        if (rc < 0) {
            rc = rc_ctx_fail(ctx, RC_ENOMEM, "out of memory");
            break;
        }
        if (g) rc = rc_table_interpret(model, vocab, g, NULL, ctx);
    }
    rc_schedule_tables_free(tables);
    return rc;
}
