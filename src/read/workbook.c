/*
 * Workbooks (workbook.h): EDGAR's Financial_Report.xlsx read as its R pages
 * are, and any other workbook handed to the schedule interpreter.
 *
 * EdgarRenderer writes the workbook from the same report tables as the R
 * pages, but flattens what the HTML keeps apart: the title cell's <br> and the
 * heading's <div>s become blanks (or nothing), a text block's HTML table
 * becomes one line of words.  The code below undoes that as far as the text
 * allows, so that a sheet gives the grid its page gives.
 */
#include <assert.h>
#include <ctype.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "read/classify.h"
#include "read/filingsummary.h"
#include "read/recover.h"
#include "read/schedule.h"
#include "read/table.h"
#include "read/textcap.h"
#include "read/workbook.h"

#define MAX_HEAD_ROWS 5   /* heading rows of an R page's table */
#define MAX_UNIT_BYTES 32 /* the longest unit a heading or rounding line writes */
#define MIN_BLOCK_WORDS 8 /* a text block cell: a note's text, not a value */
#define FOOTNOTE_WORDS 6  /* "(1) Pursuant to the terms of ...": a footnote, not a value */

/* ---- small text helpers --------------------------------------------------------------- */

/* Blank: ASCII blanks, the no-break space, the zero-width space. */
static size_t blank_at(const char *s)
{
    if (*s == ' ' || *s == '\t' || *s == '\n' || *s == '\r') return 1;
    if ((unsigned char)s[0] == 0xc2 && (unsigned char)s[1] == 0xa0) return 2;
    if ((unsigned char)s[0] == 0xe2 && (unsigned char)s[1] == 0x80 && (unsigned char)s[2] == 0x8b)
        return 3;
    return 0;
}

static bool is_blank_text(const char *s)
{
    if (!s) return true;
    while (*s) {
        size_t k = blank_at(s);
        if (!k) return false;
        s += k;
    }
    return true;
}

static const char *skip_blanks(const char *s)
{
    size_t k;
    while ((k = blank_at(s)) != 0)
        s += k;
    return s;
}

static char *dup_n(const char *s, size_t n)
{
    char *d = malloc(n + 1);
    if (!d) return NULL;
    memcpy(d, s, n);
    d[n] = '\0';
    return d;
}

/* s[0..n) without blanks at either end, as a malloc'ed string. */
static char *dup_trim(const char *s, size_t n)
{
    while (n && (s[0] == ' ' || s[0] == '\t')) {
        s++;
        n--;
    }
    while (n && (s[n - 1] == ' ' || s[n - 1] == '\t'))
        n--;
    return dup_n(s, n);
}

static const char *cell_text(const rc_xlsx_cell *c)
{
    return c && c->type != RC_XLSX_UNREADABLE ? c->shown : "";
}

/* "12 Months Ended", "3 Months Ended", "13 Weeks Ended" */
static size_t group_len(const char *s)
{
    size_t i = 0;
    while (s[i] >= '0' && s[i] <= '9')
        i++;
    if (i == 0 || s[i] != ' ') return 0;
    static const char *const forms[] = {"Months Ended", "Month Ended", "Weeks Ended", "Week Ended"};
    for (size_t k = 0; k < sizeof forms / sizeof *forms; k++) {
        size_t m = strlen(forms[k]);
        if (strncmp(s + i + 1, forms[k], m) == 0) return i + 1 + m;
    }
    return 0;
}

/* A date at the very start of s: its length, or 0. */
static size_t date_len(const char *s)
{
    rc_day d;
    size_t at, len;
    if (rc_parse_date(s, true, &d, &at, &len) != RC_OK) return 0;
    return at == 0 ? len : 0;
}

/* ---- the sheet as an R page ------------------------------------------------------------ */

static const rc_xlsx_row *sheet_row(const rc_xlsx_sheet *sh, unsigned row)
{
    for (size_t i = 0; i < sh->nrows && sh->rows[i].row <= row; i++)
        if (sh->rows[i].row == row) return &sh->rows[i];
    return NULL;
}

/* Does row hold text in a column other than A? */
static bool has_heading_text(const rc_xlsx_row *row)
{
    for (size_t k = 0; k < row->ncells; k++)
        if (row->cells[k].col > 0 && !(row->cells[k].flags & RC_XLSX_COVERED) &&
            !is_blank_text(cell_text(&row->cells[k])))
            return true;
    return false;
}

bool rc_workbook_is_report_sheet(const rc_xlsx_sheet *sheet, unsigned *nhead)
{
    if (nhead) *nhead = 0;
    const rc_xlsx_cell *a1 = rc_xlsx_cell_at(sheet, 1, 0);
    if (!a1 || a1->type != RC_XLSX_STRING || is_blank_text(a1->shown)) return false;
    unsigned n = 1;
    if (a1->span_rows > 1) {
        n = a1->span_rows > MAX_HEAD_ROWS ? MAX_HEAD_ROWS : a1->span_rows;
    } else {
        for (unsigned r = 2; r <= MAX_HEAD_ROWS; r++) {
            const rc_xlsx_row *row = sheet_row(sheet, r);
            if (!row || !has_heading_text(row)) break;
            const rc_xlsx_cell *a = rc_xlsx_cell_at(sheet, r, 0);
            if (a && !is_blank_text(cell_text(a))) break;
            n = r;
        }
    }
    bool dated = false;
    for (unsigned r = 1; r <= n && !dated; r++) {
        const rc_xlsx_row *row = sheet_row(sheet, r);
        for (size_t k = 0; row && k < row->ncells && !dated; k++) {
            const rc_xlsx_cell *c = &row->cells[k];
            if (c->col == 0 || c->type != RC_XLSX_STRING) continue;
            const char *t = skip_blanks(c->shown);
            dated = group_len(t) > 0 || date_len(t) > 0;
        }
    }
    if (dated && nhead) *nhead = n;
    return dated;
}

/* The last "(...)" marker of a report name that says its menu category. */
rc_sheet_kind rc_workbook_sheet_kind(const char *title)
{
    if (!title) return RC_SHEET_OTHER;
    rc_sheet_kind kind = RC_SHEET_NOTES;
    size_t best = 0;
    static const struct {
        const char *mark;
        rc_sheet_kind kind;
    } marks[] = {{"(Details", RC_SHEET_DETAILS}, {"(Detail)", RC_SHEET_DETAILS},
                 {"(Tables", RC_SHEET_TABLES},   {"(Table)", RC_SHEET_TABLES},
                 {"(Polic", RC_SHEET_OTHER},     {"(Parenthetical", RC_SHEET_OTHER}};
    for (size_t i = 0; i < sizeof marks / sizeof *marks; i++) {
        size_t k = strlen(marks[i].mark);
        for (const char *p = title; (p = strchr(p, '(')) != NULL; p++)
            if (strncasecmp(p, marks[i].mark, k) == 0 && (size_t)(p - title) + 1 > best) {
                best = (size_t)(p - title) + 1;
                kind = marks[i].kind;
            }
    }
    /* "(Narrative) (Details)", "Narrative (Details)", "Additional Information (Details)" */
    if (kind == RC_SHEET_DETAILS) {
        static const char *const narrative[] = {"narrative", "additional information",
                                                "additional details"};
        for (size_t i = 0; i < sizeof narrative / sizeof *narrative; i++) {
            size_t k = strlen(narrative[i]);
            for (const char *p = title; *p; p++)
                if (strncasecmp(p, narrative[i], k) == 0) kind = RC_SHEET_NARRATIVE;
        }
    }
    if (kind == RC_SHEET_NOTES &&
        (strncasecmp(title, "Cover", 5) == 0 || strncasecmp(title, "Document and Entity", 19) == 0))
        kind = RC_SHEET_OTHER;
    return kind;
}

/* ---- titles and headings -------------------------------------------------------------- */

/* The length of a unit as EdgarRenderer writes one in a heading, starting at s: "USD
 * ($)", "CNY (¥) / shares", "$ / shares", "€ / shares", or a lower-case unit word
 * ("shares", "pure", "item"), or 0. */
static size_t unit_prefix(const char *s)
{
    size_t best = 0;
    /* "XXX (sym)" */
    if (isupper((unsigned char)s[0]) && isupper((unsigned char)s[1]) &&
        isupper((unsigned char)s[2]) && s[3] == ' ' && s[4] == '(') {
        const char *close = strchr(s + 5, ')');
        if (close && close - s <= MAX_UNIT_BYTES) best = (size_t)(close + 1 - s);
    }
    /* "sym / shares" */
    if (!best) {
        for (size_t k = 1; k <= 4 && s[k - 1]; k++)
            if (rc_currency_code(s, k) && strncmp(s + k, " / ", 3) == 0) {
                best = k;
                break;
            }
        if (best && strncmp(s + best, " / shares", 9) != 0) best = 0;
    }
    if (best) {
        /* "... / shares" */
        if (strncmp(s + best, " / shares", 9) == 0) best += 9;
        rc_unit u;
        return rc_unit_parse(s, best, &u) ? best : 0;
    }
    /* a lower-case unit word */
    size_t n = 0;
    while (s[n] >= 'a' && s[n] <= 'z')
        n++;
    if (n == 0) return 0;
    /* a word glued to the next unit ("sharesshares") is read one unit at a time */
    static const char *const words[] = {"shares", "pure", "items", "item", "integer"};
    for (size_t i = 0; i < sizeof words / sizeof *words; i++) {
        size_t k = strlen(words[i]);
        if (k <= n && strncmp(s, words[i], k) == 0) return k;
    }
    return 0;
}

/* Append a line to b. */
static void put_line(rc_buf *b, const char *s, size_t n)
{
    char *t = dup_trim(s, n);
    if (!t) {
        b->failed = true;
        return;
    }
    if (t[0]) {
        if (b->len) rc_buf_putc(b, '\n');
        rc_buf_puts(b, t);
    }
    free(t);
}

/* Member text: one line per "[Member]" ("Class B [Member] Employee Stock Option [Member]"). */
static void put_members(rc_buf *b, const char *s, size_t n)
{
    static const char mark[] = "[Member]";
    const size_t k = sizeof mark - 1;
    size_t start = 0;
    for (size_t i = 0; i + k <= n; i++)
        if (memcmp(s + i, mark, k) == 0) {
            put_line(b, s + start, i + k - start);
            start = i + k;
            i += k - 1;
        }
    put_line(b, s + start, n - start);
}

char *rc_workbook_split_heading(const char *text)
{
    rc_buf b = RC_BUF_INIT;
    const char *p = skip_blanks(text);
    size_t n;
    if ((n = group_len(p)) > 0 && is_blank_text(p + n)) {
        put_line(&b, p, n);
        return rc_buf_take(&b);
    }
    if ((n = date_len(p)) > 0) {
        put_line(&b, p, n);
        p += n;
    }
    const char *member = NULL; /* the start of text that is no unit */
    for (;;) {
        p = skip_blanks(p);
        if (!*p) break;
        size_t u = unit_prefix(p);
        /* a unit starts a word, or follows the one before without a blank */
        if (u && (!member || p[-1] == ' ' || p == member)) {
            if (member) put_members(&b, member, (size_t)(p - member));
            member = NULL;
            put_line(&b, p, u);
            p += u;
            continue;
        }
        if (!member) member = p;
        /* on to the next word */
        while (*p && !blank_at(p))
            p++;
    }
    if (member) put_members(&b, member, strlen(member));
    return rc_buf_take(&b);
}

/* A unit of a rounding line ending at s[end]: the start of the longest one. */
static bool unit_before(const char *s, size_t end, size_t *start)
{
    size_t from = end > MAX_UNIT_BYTES ? end - MAX_UNIT_BYTES : 0;
    for (size_t k = from; k < end; k++) {
        if (k > 0 && s[k - 1] != ' ') continue;
        if (s[k] == ' ') continue;
        rc_unit u;
        if (memchr(s + k, ',', end - k)) continue;
        if (rc_unit_parse(s + k, end - k, &u)) {
            *start = k;
            return true;
        }
    }
    return false;
}

/* " in Thousands" ending at s[end]: its start, or false. */
static bool scale_before(const char *s, size_t end, size_t *start)
{
    static const char *const words[] = {" in Units", " in Thousands", " in Millions",
                                        " in Billions"};
    for (size_t i = 0; i < sizeof words / sizeof *words; i++) {
        size_t k = strlen(words[i]);
        if (end >= k && strncmp(s + end - k, words[i], k) == 0) {
            *start = end - k;
            return true;
        }
    }
    return false;
}

void rc_workbook_split_title(const char *a1, char **title, char **scale)
{
    *title = NULL;
    *scale = NULL;
    const char *nl = strchr(a1, '\n');
    if (nl) {
        *title = dup_trim(a1, (size_t)(nl - a1));
        char *s = dup_trim(nl + 1, strlen(nl + 1));
        if (s && s[0])
            *scale = s;
        else
            free(s);
        return;
    }
    size_t n = strlen(a1);
    while (n && a1[n - 1] == ' ')
        n--;
    /* "<unit> in <scale>" items joined by ", ", from the end */
    size_t end = n, first = SIZE_MAX;
    for (;;) {
        size_t in, unit;
        if (!scale_before(a1, end, &in) || !unit_before(a1, in, &unit)) break;
        first = unit;
        if (unit >= 2 && a1[unit - 2] == ',' && a1[unit - 1] == ' ') {
            end = unit - 2;
            continue;
        }
        break;
    }
    if (first == SIZE_MAX || first == 0) {
        *title = dup_trim(a1, n);
        return;
    }
    *title = dup_trim(a1, first);
    *scale = dup_trim(a1 + first, n - first);
}

/* ---- the REPORT grid ------------------------------------------------------------------- */

/* "[1]", "[2],[3]": a footnote indexer. */
static bool footnote_marker(const char *s)
{
    s = skip_blanks(s);
    if (*s != '[') return false;
    while (*s == '[') {
        s++;
        if (!isdigit((unsigned char)*s)) return false;
        while (isdigit((unsigned char)*s))
            s++;
        if (*s++ != ']') return false;
        if (*s == ',') s++;
    }
    return is_blank_text(s);
}

static bool number_shaped(const char *text)
{
    rc_capval cv;
    return rc_recover__value(text, strlen(text), false, false, &cv) == RC_CAPVAL_NUMBER;
}

/* A count as a workbook shows one: a whole number in a format with no currency symbol,
 * no percent, no date. */
static bool count_shaped(const rc_xlsx_cell *c)
{
    if (c->type != RC_XLSX_NUMBER || c->places != 0 || c->scale != 0 ||
        (c->flags & (RC_XLSX_DATE | RC_XLSX_PERCENT)))
        return false;
    const char *t = c->shown;
    if (*t == '(' || *t == '-') t++;
    return isdigit((unsigned char)*t);
}

/*
 * An R page names each row's concept; a workbook does not, and two layouts that the
 * concept makes plain read wrongly by their labels alone.  The workbook's own cues
 * are put into the label the way R pages write them:
 *  - a row labelled by a measure only ("Weighted Average Grant Date Fair Value")
 *    right under a balance or movement row ("Granted") is that row's measure:
 *    "Granted, Weighted Average Grant Date Fair Value", as EDGAR labels read;
 *  - a balance or movement row whose label names no measure or unit ("Outstanding on
 *    December 31") and whose values are whole numbers in a format without a
 *    currency symbol is a count: " | shares", as R pages write a row's unit.
 * Returns the label to use (malloc'ed) and updates *base, the last balance or
 * movement label (NULL after a member or heading row).
 */
static char *row_label(const rc_vocab *vocab, const rc_xlsx_row *row, const bool *fn,
                       unsigned ncols, const char *label, char **base)
{
    if (!vocab) return strdup(label);
    rc_class cls;
    rc_classify_label(vocab, label, &cls);
    bool rf_row = cls.what == RC_WHAT_BALANCE || cls.what == RC_WHAT_MOVEMENT;
    rc_unit unit;
    size_t stem = rc_label_split_unit(label, &unit);
    if (!rf_row && cls.what != RC_WHAT_OTHER && *base &&
        (cls.measure == RC_MEASURE_PRICE || cls.measure == RC_MEASURE_FAIR_VALUE ||
         cls.measure == RC_MEASURE_AIV || cls.measure == RC_MEASURE_TERM)) {
        size_t n = strlen(*base) + 2 + strlen(label) + 1;
        char *joined = malloc(n);
        if (joined) snprintf(joined, n, "%s, %s", *base, label);
        return joined;
    }
    if (rf_row && (cls.measure == RC_MEASURE_NONE || cls.measure == RC_MEASURE_COUNT)) {
        free(*base);
        *base = dup_n(label, stem);
        if (!*base) return NULL;
    }
    if (!rf_row || cls.measure != RC_MEASURE_NONE || unit.kind != RC_UNIT_NONE)
        return strdup(label);
    bool counts = false;
    for (size_t k = 0; k < row->ncells; k++) {
        const rc_xlsx_cell *c = &row->cells[k];
        if (c->col == 0 || c->col >= ncols || fn[c->col] || (c->flags & RC_XLSX_COVERED) ||
            is_blank_text(cell_text(c)))
            continue;
        if (!count_shaped(c)) return strdup(label);
        counts = true;
    }
    if (!counts) return strdup(label);
    size_t n = strlen(label) + sizeof " | shares";
    char *out = malloc(n);
    if (out) snprintf(out, n, "%s | shares", label);
    return out;
}

rc_grid *rc_workbook_report_grid(const rc_xlsx_sheet *sh, const rc_vocab *vocab, const char *file)
{
    unsigned nhead;
    if (!rc_workbook_is_report_sheet(sh, &nhead)) return NULL;
    unsigned ncols = sh->ncols ? sh->ncols : 1;
    bool *fn = calloc(ncols, sizeof *fn), *val = calloc(ncols, sizeof *val);
    unsigned *gcol = calloc(ncols + 1, sizeof *gcol);
    rc_grid *g = rc_grid_new(RC_GRID_REPORT, file);
    char *title = NULL, *scale = NULL, *base = NULL;
    if (!fn || !val || !gcol || !g) goto fail;
    /* footnote columns: where only indexers stand */
    for (size_t r = 0; r < sh->nrows; r++) {
        const rc_xlsx_row *row = &sh->rows[r];
        const rc_xlsx_cell *lc = rc_xlsx_cell_at(sh, row->row, 0);
        if (row->row > nhead && lc && footnote_marker(cell_text(lc))) continue; /* a footnote */
        for (size_t k = 0; k < row->ncells; k++) {
            const rc_xlsx_cell *c = &row->cells[k];
            if (c->col == 0 || c->col >= ncols || (c->flags & RC_XLSX_COVERED)) continue;
            const char *t = cell_text(c);
            if (is_blank_text(t) && row->row > nhead) continue;
            if (row->row > nhead && footnote_marker(t))
                fn[c->col] = true;
            else if (!is_blank_text(t) || row->row > nhead)
                val[c->col] = true;
        }
    }
    for (unsigned c = 0; c < ncols; c++)
        gcol[c + 1] = gcol[c] + !(c > 0 && fn[c] && !val[c]);
    unsigned width = gcol[ncols];
    const rc_xlsx_cell *a1 = rc_xlsx_cell_at(sh, 1, 0);
    rc_workbook_split_title(a1->shown, &title, &scale);
    if (!title) goto fail;
    g->title = rc_grid_strdup(g, title);
    g->scale = scale ? rc_grid_strdup(g, scale) : NULL;
    if (!g->title || (scale && !g->scale)) goto fail;
    g->src.line = 1;
    g->src.col = 1;
    /* heading rows */
    for (unsigned r = 1; r <= nhead; r++) {
        rc_grid_row *gr = rc_grid_add_row(g, RC_ROW_HEAD);
        if (!gr) goto fail;
        const rc_xlsx_row *row = sheet_row(sh, r);
        for (size_t k = 0; row && k < row->ncells; k++) {
            const rc_xlsx_cell *c = &row->cells[k];
            if ((c->flags & RC_XLSX_COVERED) || c->col >= ncols) continue;
            unsigned end = c->col + c->span_cols > ncols ? ncols : c->col + c->span_cols;
            unsigned col = gcol[c->col], span = gcol[end] - gcol[c->col];
            if (span == 0) continue;
            rc_source src = {file, row->row, c->col + 1, NULL};
            char *text;
            if (c->col == 0) {
                if (r != 1) continue;
                rc_buf tb = RC_BUF_INIT;
                rc_buf_puts(&tb, title);
                if (scale) {
                    rc_buf_putc(&tb, '\n');
                    rc_buf_puts(&tb, scale);
                }
                text = rc_buf_take(&tb);
                span = 1;
            } else {
                text = rc_workbook_split_heading(cell_text(c));
            }
            if (!text) goto fail;
            rc_cell *cell = rc_grid_add_cell(g, gr, text, strlen(text), col, span, 0, &src);
            free(text);
            if (!cell) goto fail;
        }
    }
    /* body rows */
    for (size_t r = 0; r < sh->nrows; r++) {
        const rc_xlsx_row *row = &sh->rows[r];
        if (row->row <= nhead) continue;
        const rc_xlsx_cell *label = rc_xlsx_cell_at(sh, row->row, 0);
        const char *ltext = label ? cell_text(label) : "";
        if (footnote_marker(ltext)) continue; /* the footnotes below the table */
        bool any = !is_blank_text(ltext), values = false;
        for (size_t k = 0; k < row->ncells; k++) {
            const rc_xlsx_cell *c = &row->cells[k];
            if (c->col > 0 && c->col < ncols && !fn[c->col] && !is_blank_text(cell_text(c)))
                values = any = true;
        }
        if (!any) continue;
        bool bold = label && (label->flags & RC_XLSX_BOLD);
        unsigned flags = !values && !bold ? RC_ROW_MEMBER : 0;
        rc_grid_row *gr = rc_grid_add_row(g, flags);
        if (!gr) goto fail;
        rc_source lsrc = {file, row->row, 1, NULL};
        char *text;
        if (values) {
            text = row_label(vocab, row, fn, ncols, ltext, &base);
        } else {
            free(base); /* a member or heading row starts afresh */
            base = NULL;
            text = strdup(ltext);
        }
        if (!text) goto fail;
        rc_cell *lcell =
            rc_grid_add_cell(g, gr, text, strlen(text), 0, 1, bold ? RC_CELL_ABSTRACT : 0, &lsrc);
        free(text);
        if (!lcell) goto fail;
        for (unsigned col = 1; col < ncols; col++) {
            if (gcol[col + 1] == gcol[col]) continue; /* a footnote column */
            const rc_xlsx_cell *c = rc_xlsx_cell_at(sh, row->row, col);
            if (c && (c->flags & RC_XLSX_COVERED)) continue;
            const char *t = cell_text(c);
            unsigned cflags = RC_CELL_TEXTUAL;
            if (c && c->type == RC_XLSX_NUMBER) {
                cflags = RC_CELL_NUMERIC | (c->flags & RC_XLSX_NEGATIVE ? RC_CELL_NEGATIVE : 0);
            } else if (number_shaped(t)) {
                cflags = RC_CELL_NUMERIC | (strchr(t, '(') ? RC_CELL_NEGATIVE : 0);
            }
            rc_source src = {file, row->row, col + 1, NULL};
            unsigned span = 1;
            if (c && c->span_cols > 1) {
                unsigned end = col + c->span_cols > ncols ? ncols : col + c->span_cols;
                span = gcol[end] - gcol[col];
            }
            if (!rc_grid_add_cell(g, gr, t, strlen(t), gcol[col], span ? span : 1, cflags, &src))
                goto fail;
        }
    }
    if (g->ncols < width) g->ncols = width;
    free(base);
    free(title);
    free(scale);
    free(fn);
    free(val);
    free(gcol);
    return g;
fail:
    free(base);
    free(title);
    free(scale);
    free(fn);
    free(val);
    free(gcol);
    rc_grid_free(g);
    return NULL;
}

/* ---- text blocks: a note's tables flattened into one line ------------------------------ */

typedef enum tok_kind {
    TOK_TEXT = 0,
    TOK_VALUE,  /* a number or a dash */
    TOK_OPEN,   /* "(1,070,806": a negative whose ")" is a token of its own */
    TOK_SYMBOL, /* "$" */
    TOK_CLOSE,  /* ")", "%", ")%" */
    TOK_UNIT    /* "years", "months": a duration's word after its number */
} tok_kind;

typedef struct token {
    const char *s;
    size_t n;
    tok_kind kind;
} token;

static const char *const month_words[] = {
    "January",   "February", "March",    "April",    "May",   "June", "July", "August",
    "September", "October",  "November", "December", "Jan.",  "Feb.", "Mar.", "Apr.",
    "Jun.",      "Jul.",     "Aug.",     "Sep.",     "Sept.", "Oct.", "Nov.", "Dec."};

static bool is_month(const token *t)
{
    for (size_t i = 0; i < sizeof month_words / sizeof *month_words; i++) {
        size_t k = strlen(month_words[i]);
        /* "December" and "December," */
        if ((t->n == k || (t->n == k + 1 && t->s[k] == ',')) &&
            strncmp(t->s, month_words[i], k) == 0)
            return true;
    }
    return false;
}

static bool all_digits(const char *s, size_t n)
{
    if (n == 0) return false;
    for (size_t i = 0; i < n; i++)
        if (!isdigit((unsigned char)s[i])) return false;
    return true;
}

/* A day of a date as written after its month: "31", "31," */
static bool day_word(const token *t)
{
    size_t n = t->n && t->s[t->n - 1] == ',' ? t->n - 1 : t->n;
    return n >= 1 && n <= 2 && all_digits(t->s, n);
}

static bool year_word(const token *t)
{
    size_t n = t->n && t->s[t->n - 1] == ',' ? t->n - 1 : t->n;
    return n == 4 && all_digits(t->s, 4) && (t->s[0] == '1' || t->s[0] == '2');
}

static bool duration_word(const token *t)
{
    static const char *const words[] = {"year",  "years",  "yrs", "yrs.",
                                        "month", "months", "day", "days"};
    for (size_t i = 0; i < sizeof words / sizeof *words; i++)
        if (t->n == strlen(words[i]) && strncasecmp(t->s, words[i], t->n) == 0) return true;
    return false;
}

/* "(1)": a footnote's mark, or a value of one? */
static bool footnote_mark(const token *t)
{
    return t->n >= 3 && t->n <= 4 && t->s[0] == '(' && t->s[t->n - 1] == ')' &&
           all_digits(t->s + 1, t->n - 2);
}

static tok_kind classify_token(const token *t)
{
    if ((t->n == 1 && (t->s[0] == ')' || t->s[0] == '%')) ||
        (t->n == 2 && memcmp(t->s, ")%", 2) == 0))
        return TOK_CLOSE;
    if (rc_currency_code(t->s, t->n)) return TOK_SYMBOL;
    if (duration_word(t)) return TOK_UNIT;
    if (year_word(t)) return TOK_TEXT; /* a heading or a date's year, not a count */
    rc_capval cv;
    rc_capval_kind k = rc_recover__value(t->s, t->n, true, true, &cv);
    if (k == RC_CAPVAL_NUMBER || k == RC_CAPVAL_DASH) return cv.open_paren ? TOK_OPEN : TOK_VALUE;
    return TOK_TEXT;
}

static int tokenize(const char *text, token **out, size_t *n)
{
    *out = NULL;
    *n = 0;
    size_t cap = 0;
    const char *p = text;
    for (;;) {
        p = skip_blanks(p);
        if (!*p) break;
        const char *s = p;
        while (*p && !blank_at(p))
            p++;
        token *v = realloc(*out, (cap = *n + 1) * sizeof *v);
        if (!v) return RC_ENOMEM;
        *out = v;
        v[*n].s = s;
        v[*n].n = (size_t)(p - s);
        v[*n].kind = classify_token(&v[*n]);
        (*n)++;
    }
    (void)cap;
    token *t = *out;
    /* dates are words: "December 31, 2024", "31 December 2024" */
    for (size_t i = 0; i < *n; i++) {
        if (!is_month(&t[i])) continue;
        if (i + 1 < *n && day_word(&t[i + 1])) t[i + 1].kind = TOK_TEXT;
        if (i > 0 && day_word(&t[i - 1])) t[i - 1].kind = TOK_TEXT;
    }
    /* a duration's word after its number; a dash between words is punctuation */
    for (size_t i = 0; i < *n; i++) {
        if (t[i].kind == TOK_UNIT && (i == 0 || t[i - 1].kind != TOK_VALUE)) t[i].kind = TOK_TEXT;
        rc_capval cv;
        if (t[i].kind == TOK_VALUE &&
            rc_recover__value(t[i].s, t[i].n, true, false, &cv) == RC_CAPVAL_DASH &&
            (i == 0 || t[i - 1].kind == TOK_TEXT) && (i + 1 >= *n || t[i + 1].kind == TOK_TEXT))
            t[i].kind = TOK_TEXT;
    }
    return RC_OK;
}

static size_t count_words(const token *t, size_t from, size_t to)
{
    size_t w = 0;
    for (size_t i = from; i < to; i++)
        w += t[i].kind == TOK_TEXT;
    return w;
}

/* "Dec.", "No.", "Inc.": a short word ending in a point is no sentence's end. */
static bool sentence_end(const token *t)
{
    if (t->n == 0) return false;
    char last = t->s[t->n - 1];
    if (last == ':') return true;
    return last == '.' && t->n > 4;
}

static void put_tokens(rc_buf *b, const token *t, size_t from, size_t to)
{
    if (from >= to) return;
    if (b->len) rc_buf_putc(b, '\n');
    for (size_t i = from; i < to; i++) {
        if (i > from) rc_buf_putc(b, ' ');
        rc_buf_append(b, t[i].s, t[i].n);
    }
}

/* The label of a table's first row among the words before it: the shortest tail that
 * starts with a capital and reads as a balance or a movement ("Shares Weighted-Average
 * Outstanding on January 1, 2024" -> "Outstanding on January 1, 2024"). */
static size_t label_start(const rc_vocab *vocab, const token *t, size_t from, size_t to)
{
    for (size_t k = to; k-- > from;) {
        if (t[k].kind != TOK_TEXT || !isupper((unsigned char)t[k].s[0])) continue;
        size_t len = 0;
        for (size_t i = k; i < to; i++)
            len += t[i].n + 1;
        char *label = malloc(len + 1);
        if (!label) return from;
        size_t at = 0;
        for (size_t i = k; i < to; i++) {
            if (at) label[at++] = ' ';
            memcpy(label + at, t[i].s, t[i].n);
            at += t[i].n;
        }
        label[at] = '\0';
        rc_class cls;
        rc_classify_label(vocab, label, &cls);
        free(label);
        if (cls.what == RC_WHAT_BALANCE || cls.what == RC_WHAT_MOVEMENT) return k;
    }
    return from;
}

/* The words from..to before a row's values: narrative, headings, the label. */
static void put_text_run(rc_buf *b, const rc_vocab *vocab, const token *t, size_t from, size_t to,
                         bool first_row, bool row)
{
    /* the last sentence end splits narrative from what follows */
    size_t cut = from;
    for (size_t i = from; i < to; i++)
        if (sentence_end(&t[i]) && (t[i].s[t[i].n - 1] == ':' || count_words(t, from, i + 1) >= 8))
            cut = i + 1;
    put_tokens(b, t, from, cut);
    if (!row) {
        put_tokens(b, t, cut, to);
        return;
    }
    size_t label = first_row ? label_start(vocab, t, cut, to) : cut;
    put_tokens(b, t, cut, label);
    put_tokens(b, t, label, to);
}

/* "(1) Pursuant to the terms of ...": a footnote's mark before its prose (a "(1)"
 * before a row's next value or label is a value). */
static size_t footnote_end(const token *t, size_t n, size_t i)
{
    if (!footnote_mark(&t[i])) return 0;
    size_t j = i + 1;
    while (j < n && t[j].kind != TOK_VALUE && t[j].kind != TOK_OPEN)
        j++;
    while (j < n && j > i + 1 && t[j].kind == TOK_VALUE && !footnote_mark(&t[j]))
        j++; /* numbers inside the prose ("May 15, 2013") */
    return count_words(t, i + 1, j) >= FOOTNOTE_WORDS ? j : 0;
}

static bool wordish(tok_kind k)
{
    return k == TOK_TEXT || k == TOK_UNIT || k == TOK_CLOSE;
}

char *rc_workbook_block_lines(const rc_vocab *vocab, const char *text)
{
    token *t;
    size_t n;
    if (tokenize(text, &t, &n) < 0) {
        free(t);
        return NULL;
    }
    rc_buf b = RC_BUF_INIT;
    bool first_row = true; /* no row since the last narrative */
    size_t i = 0;
    while (i < n) {
        size_t end = footnote_end(t, n, i);
        if (end) {
            /* the footnote runs to the next footnote's mark */
            size_t j = i + 1;
            while (j < n && !footnote_end(t, n, j))
                j++;
            put_tokens(&b, t, i, j);
            first_row = true;
            i = j;
            continue;
        }
        if (wordish(t[i].kind) ||
            (t[i].kind == TOK_SYMBOL && (i + 1 >= n || wordish(t[i + 1].kind)))) {
            size_t j = i;
            while (j < n && (wordish(t[j].kind) ||
                             (t[j].kind == TOK_SYMBOL && (j + 1 >= n || wordish(t[j + 1].kind)))))
                j++;
            /* words before values are a row's label */
            bool row = j < n && !footnote_end(t, n, j);
            put_text_run(&b, vocab, t, i, j, first_row, row);
            if (!row && count_words(t, i, j) >= 12) first_row = true;
            if (row) first_row = false;
            i = j;
            continue;
        }
        /* a value: "$" before it, ")" or "%" or "years" after it */
        rc_buf v = RC_BUF_INIT;
        size_t j = i;
        if (t[j].kind == TOK_SYMBOL) {
            rc_buf_append(&v, t[j].s, t[j].n);
            rc_buf_putc(&v, ' ');
            j++;
        }
        bool open = t[j].kind == TOK_OPEN;
        rc_buf_append(&v, t[j].s, t[j].n);
        j++;
        if (open && j < n && t[j].kind == TOK_CLOSE && t[j].s[0] == ')') {
            rc_buf_append(&v, t[j].s, t[j].n);
            j++;
        }
        if (j < n && t[j].kind == TOK_CLOSE && t[j].s[0] == '%') {
            rc_buf_append(&v, t[j].s, t[j].n);
            j++;
        }
        /* "5.4 years", "5 years 4 months" */
        while (j < n && t[j].kind == TOK_UNIT) {
            rc_buf_putc(&v, ' ');
            rc_buf_append(&v, t[j].s, t[j].n);
            j++;
            if (j + 1 < n && t[j].kind == TOK_VALUE && t[j + 1].kind == TOK_UNIT) {
                rc_buf_putc(&v, ' ');
                rc_buf_append(&v, t[j].s, t[j].n);
                j++;
            }
        }
        if (v.failed) b.failed = true;
        if (b.len) rc_buf_putc(&b, '\n');
        rc_buf_append(&b, v.data ? v.data : "", v.len);
        rc_buf_free(&v);
        i = j;
    }
    free(t);
    return rc_buf_take(&b);
}

/* ---- recovering a text block's tables ----------------------------------------------- */

/* What a value cell of a recovered table shows, for matching it to a column. */
enum { SHAPE_INT = 1, SHAPE_DEC = 2, SHAPE_TERM = 4, SHAPE_PCT = 8, SHAPE_DASH = 16 };

static unsigned value_shape(const rc_cell *c)
{
    rc_capval cv;
    rc_capval_kind k = rc_recover__value(c->text, strlen(c->text), true, true, &cv);
    if (k == RC_CAPVAL_DASH) return SHAPE_DASH;
    if (k == RC_CAPVAL_DURATION) return SHAPE_TERM;
    if (strchr(c->text, '%')) return SHAPE_PCT;
    for (const char *p = c->text; *p; p++)
        if (isalpha((unsigned char)*p) && !(p == c->text && *p != '(')) return SHAPE_TERM;
    return strchr(c->text, '.') ? SHAPE_DEC : SHAPE_INT;
}

static bool fits(unsigned shape, unsigned profile)
{
    return shape == SHAPE_DASH || profile == 0 || (shape & profile);
}

/*
 * A table flattened into words lost its empty cells: a row showing fewer values than
 * the table has columns could have them in more than one set of columns.  The rows
 * that show every column say what each column holds (whole numbers, decimals, terms,
 * percentages); a shorter row's values are put in the one order-keeping set of
 * columns they fit, and when more than one fits the table is not read (false).
 */
static bool realign(rc_grid *g)
{
    unsigned ncols = g->ncols;
    if (ncols < 3) return true;
    unsigned *profile = calloc(ncols, sizeof *profile);
    unsigned *left = calloc(ncols, sizeof *left), *right = calloc(ncols, sizeof *right);
    bool ok = profile && left && right;
    for (size_t r = 0; ok && r < g->nrows; r++) {
        const rc_grid_row *row = &g->rows[r];
        if (row->flags & RC_ROW_HEAD) continue;
        size_t nv = 0;
        for (size_t k = 0; k < row->ncells; k++)
            nv += row->cells[k].col > 0;
        if (nv + 1 != ncols) continue;
        for (size_t k = 0; k < row->ncells; k++)
            if (row->cells[k].col > 0) {
                unsigned sh = value_shape(&row->cells[k]);
                if (sh != SHAPE_DASH) profile[row->cells[k].col] |= sh;
            }
    }
    for (size_t r = 0; ok && r < g->nrows; r++) {
        rc_grid_row *row = &g->rows[r];
        if (row->flags & RC_ROW_HEAD) continue;
        size_t first = 0, nv = 0;
        while (first < row->ncells && row->cells[first].col == 0)
            first++;
        nv = row->ncells - first;
        if (nv == 0 || nv + 1 >= ncols) continue;
        /* the leftmost and the rightmost order-keeping fits */
        unsigned col = 1;
        for (size_t v = 0; v < nv && ok; v++) {
            unsigned sh = value_shape(&row->cells[first + v]);
            while (col < ncols && !fits(sh, profile[col]))
                col++;
            if (col >= ncols) ok = false;
            left[v] = col++;
        }
        col = ncols - 1;
        for (size_t v = nv; v-- > 0 && ok;) {
            unsigned sh = value_shape(&row->cells[first + v]);
            while (col > 0 && !fits(sh, profile[col]))
                col--;
            if (col == 0) ok = false;
            right[v] = col--;
        }
        for (size_t v = 0; v < nv && ok; v++)
            ok = left[v] == right[v];
        for (size_t v = 0; v < nv && ok; v++)
            row->cells[first + v].col = left[v];
    }
    free(profile);
    free(left);
    free(right);
    return ok;
}

/* The heading lines over column col: the period group and the date. */
static char *column_heading(const rc_xlsx_sheet *sh, unsigned nhead, unsigned col)
{
    rc_buf b = RC_BUF_INIT;
    for (unsigned r = 1; r <= nhead; r++) {
        const rc_xlsx_row *row = sheet_row(sh, r);
        for (size_t k = 0; row && k < row->ncells; k++) {
            const rc_xlsx_cell *c = &row->cells[k];
            if ((c->flags & RC_XLSX_COVERED) || col < c->col || col >= c->col + c->span_cols)
                continue;
            char *lines = rc_workbook_split_heading(cell_text(c));
            if (!lines) b.failed = true;
            if (lines && lines[0]) {
                if (b.len) rc_buf_putc(&b, '\n');
                rc_buf_puts(&b, lines);
            }
            free(lines);
        }
    }
    return rc_buf_take(&b);
}

typedef struct block_ctx {
    rc_model *model;
    const rc_vocab *vocab;
    const char *name;
    const rc_xlsx_sheet *sheet;
    unsigned nhead;
    const char *title;
    rc_ctx *ctx;
} block_ctx;

static void set_src(rc_grid *g, unsigned line, unsigned col)
{
    g->src.line = line;
    g->src.col = col;
    for (size_t r = 0; r < g->nrows; r++)
        for (size_t k = 0; k < g->rows[r].ncells; k++) {
            g->rows[r].cells[k].src.line = line;
            g->rows[r].cells[k].src.col = col;
        }
}

static size_t value_lines(const char *lines)
{
    size_t n = 0;
    for (const char *p = lines; *p;) {
        const char *nl = strchr(p, '\n');
        size_t len = nl ? (size_t)(nl - p) : strlen(p);
        rc_capval cv;
        n += rc_recover__value(p, len, false, false, &cv) != RC_CAPVAL_NONE;
        p = nl ? nl + 1 : p + len;
    }
    return n;
}

/* One text block cell: its tables, as a capture of its page would give them. */
static int read_block(const block_ctx *bc, unsigned row, unsigned col, const char *label,
                      const char *text)
{
    int rc = RC_OK;
    char *lines = rc_workbook_block_lines(bc->vocab, text);
    char *heading = column_heading(bc->sheet, bc->nhead, col);
    rc_buf cap = RC_BUF_INIT;
    rc_textcap *tc = NULL;
    if (!lines || !heading) {
        rc = rc_ctx_fail(bc->ctx, RC_ENOMEM, "out of memory");
        goto done;
    }
    rc_buf_printf(&cap, "%s\n%s\n%s\n%s\n", bc->title, heading, label[0] ? label : "Text block",
                  lines);
    if (cap.failed) {
        rc = rc_ctx_fail(bc->ctx, RC_ENOMEM, "out of memory");
        goto done;
    }
    char where[64];
    char colname[4];
    rc_xlsx_column_name(col, colname);
    snprintf(where, sizeof where, "%s%u", colname, row);
    rc = rc_textcap_parse(bc->vocab, bc->name, cap.data, cap.len, 0, &tc, bc->ctx);
    if (rc == RC_ENOMEM) goto done;
    if (rc < 0) {
        rc = rc_model_add_note(bc->model, bc->name, row, col + 1,
                               "sheet %zu '%s', %s ('%s'): the tables of this text block could "
                               "not be recovered from its text: %s",
                               bc->sheet->index + 1, bc->sheet->name, where, label,
                               rc_ctx_error(bc->ctx));
        rc_ctx_clear(bc->ctx);
        goto done;
    }
    for (size_t i = 0; i < tc->notes.n && rc == RC_OK; i++)
        rc = rc_model_add_note(bc->model, bc->name, row, col + 1, "sheet %zu '%s', %s: %s",
                               bc->sheet->index + 1, bc->sheet->name, where,
                               tc->notes.items[i].text);
    size_t read = 0;
    for (size_t i = 0; i < tc->ngrids && rc == RC_OK; i++) {
        rc_grid *g = tc->grids[i];
        set_src(g, row, col + 1);
        if (!realign(g)) {
            rc = rc_model_add_note(
                bc->model, bc->name, row, col + 1,
                "sheet %zu '%s', %s: the table '%s' is held as one line of text, and its rows "
                "that show fewer values than it has columns fit more than one set of columns: "
                "not read (the Details sheets hold its figures)",
                bc->sheet->index + 1, bc->sheet->name, where, g->title ? g->title : label);
            continue;
        }
        rc = rc_table_interpret(bc->model, bc->vocab, g, NULL, bc->ctx);
        read++;
    }
    if (rc == RC_OK && tc->ngrids == 0 && value_lines(lines) >= 3)
        rc = rc_model_add_note(bc->model, bc->name, row, col + 1,
                               "sheet %zu '%s', %s ('%s'): no table could be recovered from the "
                               "text of this text block",
                               bc->sheet->index + 1, bc->sheet->name, where, label);
    if (rc == RC_ENOMEM) rc = rc_ctx_fail(bc->ctx, RC_ENOMEM, "out of memory");
done:
    rc_textcap_free(tc);
    rc_buf_free(&cap);
    free(lines);
    free(heading);
    return rc;
}

static size_t words_of(const char *s)
{
    size_t w = 0;
    bool in = false;
    for (; *s; s++) {
        bool blank = *s == ' ' || *s == '\n' || *s == '\t';
        if (!blank && !in) w++;
        in = !blank;
    }
    return w;
}

static bool has_digit(const char *s)
{
    for (; *s; s++)
        if (isdigit((unsigned char)*s)) return true;
    return false;
}

/* The text blocks of a Tables or Notes sheet. */
static int read_blocks(const block_ctx *bc)
{
    const rc_xlsx_sheet *sh = bc->sheet;
    int rc = RC_OK;
    for (size_t r = 0; r < sh->nrows && rc == RC_OK; r++) {
        const rc_xlsx_row *row = &sh->rows[r];
        if (row->row <= bc->nhead) continue;
        const rc_xlsx_cell *lc = rc_xlsx_cell_at(sh, row->row, 0);
        char *label = NULL;
        if (lc) {
            const char *t = skip_blanks(cell_text(lc));
            label = dup_trim(t, strlen(t));
            if (!label) return rc_ctx_fail(bc->ctx, RC_ENOMEM, "out of memory");
        }
        for (size_t k = 0; k < row->ncells && rc == RC_OK; k++) {
            const rc_xlsx_cell *c = &row->cells[k];
            if (c->col == 0 || c->type != RC_XLSX_STRING || (c->flags & RC_XLSX_COVERED)) continue;
            if (words_of(c->shown) < MIN_BLOCK_WORDS || !has_digit(c->shown)) continue;
            rc = read_block(bc, row->row, c->col, label ? label : "", c->shown);
        }
        free(label);
    }
    return rc;
}

/* ---- the workbook -------------------------------------------------------------------- */

typedef struct sheet_info {
    rc_xlsx_sheet *sheet; /* kept while needed */
    char *title;          /* the report name, without the rounding line */
    rc_sheet_kind kind;
    bool report; /* laid out as an R page */
    unsigned nhead;
    bool share_based;
    bool chosen;
} sheet_info;

static int note_unreadable(rc_model *model, const char *name, const rc_xlsx_sheet *sh)
{
    if (!sh->nunreadable) return RC_OK;
    return rc_model_add_note(model, name, 0, 0,
                             "sheet %zu '%s': %zu formula%s without a cached value (%s): the "
                             "workbook was saved without calculating them, so %s cannot be "
                             "read; open it in a spreadsheet program and save it again",
                             sh->index + 1, sh->name, sh->nunreadable,
                             sh->nunreadable == 1 ? "" : "s", sh->unreadable,
                             sh->nunreadable == 1 ? "its value" : "their values");
}

/* EDGAR's workbook: most sheets laid out as R pages, with report names EdgarRenderer
 * gives ("... (Details)", "Cover Page"). */
static bool edgar_workbook(const sheet_info *info, size_t n)
{
    size_t reports = 0;
    bool names = false;
    for (size_t i = 0; i < n; i++) {
        if (!info[i].report) continue;
        reports++;
        rc_sheet_kind k = info[i].kind;
        names |= k == RC_SHEET_DETAILS || k == RC_SHEET_TABLES ||
                 (info[i].title && (strncasecmp(info[i].title, "Cover", 5) == 0 ||
                                    strncasecmp(info[i].title, "Document and Entity", 19) == 0));
    }
    return n > 0 && names && reports * 2 >= n;
}

/*
 * Which sheets are read: the Details sheets; a Details sheet is the table of an R
 * page, read exactly.  Not read:
 *  - the narrative Details sheets: their rows are the figures of the note's text in
 *    no table's order, told apart on an R page by their concepts only; by their
 *    labels a restricted stock forfeiture reads as an option's, an EPS share count as
 *    a balance;
 *  - the text blocks of the Tables (or, without those, the Notes) sheets when there
 *    are Details sheets: they hold the same tables flattened into one line each, with
 *    every heading cut to its first line ("Shares Weighted-Average Weighted-Average
 *    Aggregate": the "(In millions)" under "Shares" is gone).  They are recovered
 *    only when no Details sheet speaks of share-based payment (filings before detail
 *    tagging).
 */
static int read_edgar(rc_model *model, const rc_vocab *vocab, const char *name, sheet_info *info,
                      size_t n, rc_ctx *ctx)
{
    bool details = false, tables = false;
    for (size_t i = 0; i < n; i++) {
        details |= info[i].share_based && info[i].kind == RC_SHEET_DETAILS;
        tables |= info[i].share_based && info[i].kind == RC_SHEET_TABLES;
    }
    rc_sheet_kind blocks = details ? RC_SHEET_OTHER : tables ? RC_SHEET_TABLES : RC_SHEET_NOTES;
    rc_buf list = RC_BUF_INIT, skipped = RC_BUF_INIT;
    size_t nchosen = 0, nskipped = 0;
    bool narrative = false;
    for (size_t i = 0; i < n; i++) {
        if (!info[i].share_based) continue;
        info[i].chosen = info[i].kind == RC_SHEET_DETAILS || info[i].kind == blocks;
        narrative |= info[i].kind == RC_SHEET_NARRATIVE;
        rc_buf *b = info[i].chosen ? &list : &skipped;
        size_t *k = info[i].chosen ? &nchosen : &nskipped;
        rc_buf_printf(b, "%s%zu '%s'", *k ? ", " : "", i + 1, info[i].title);
        (*k)++;
    }
    int rc = RC_OK;
    if (list.failed || skipped.failed)
        rc = RC_ENOMEM;
    else if (nchosen == 0)
        rc = rc_model_add_note(model, name, 0, 0,
                               "an EDGAR Financial_Report workbook of %zu sheets: none is a "
                               "share-based payment page",
                               n);
    else
        rc = rc_model_add_note(model, name, 0, 0,
                               "an EDGAR Financial_Report workbook of %zu sheets; the share-based "
                               "payment sheets read: %s (a location in it is the sheet's row and "
                               "column)",
                               n, list.data);
    if (rc == RC_OK && nskipped)
        rc = rc_model_add_note(model, name, 0, 0, "not read: %s: %s%s%s", skipped.data,
                               narrative ? "a narrative page's figures are told apart by their "
                                           "concepts, which a workbook does not hold"
                                         : "",
                               narrative && details ? "; " : "",
                               details ? "a text block repeats the tables of the Details sheets, "
                                         "flattened into one line of text with the headings cut "
                                         "short"
                                       : "");
    rc_buf_free(&list);
    rc_buf_free(&skipped);
    if (rc < 0) return rc_ctx_fail(ctx, rc, "out of memory");
    for (size_t i = 0; i < n && rc == RC_OK; i++) {
        if (!info[i].chosen) continue;
        const rc_xlsx_sheet *sh = info[i].sheet;
        if ((rc = note_unreadable(model, name, sh)) < 0)
            return rc_ctx_fail(ctx, rc, "out of memory");
        if (info[i].kind == RC_SHEET_DETAILS) {
            rc_grid *g = rc_workbook_report_grid(sh, vocab, name);
            if (!g) return rc_ctx_fail(ctx, RC_ENOMEM, "out of memory");
            rc = rc_table_interpret(model, vocab, g, NULL, ctx);
            rc_grid_free(g);
        } else {
            block_ctx bc = {model, vocab, name, sh, info[i].nhead, info[i].title, ctx};
            rc = read_blocks(&bc);
        }
    }
    return rc;
}

static int read_schedule(rc_model *model, const rc_vocab *vocab, const char *name, sheet_info *info,
                         size_t n, rc_ctx *ctx)
{
    rc_schedule_map *map = NULL;
    int rc = rc_schedule_map_find(&map, name, ctx);
    for (size_t i = 0; i < n && rc == RC_OK; i++) {
        const rc_xlsx_sheet *sh = info[i].sheet;
        if ((rc = note_unreadable(model, name, sh)) < 0) {
            rc = rc_ctx_fail(ctx, rc, "out of memory");
            break;
        }
        if (sh->nrows == 0) continue;
        rc_grid *g = rc_xlsx_grid(sh, name, RC_GRID_NOTE);
        unsigned *rownum = malloc(sh->nrows * sizeof *rownum);
        if (!g || !rownum) {
            rc_grid_free(g);
            free(rownum);
            rc = rc_ctx_fail(ctx, RC_ENOMEM, "out of memory");
            break;
        }
        for (size_t r = 0; r < sh->nrows; r++)
            rownum[r] = sh->rows[r].row;
        rc_schedule_sheet ss = {g, sh->name, rownum};
        rc = rc_schedule_read(model, vocab, &ss, map, ctx);
        rc_grid_free(g);
        free(rownum);
    }
    rc_schedule_map_free(map);
    return rc;
}

int rc_read_xlsx(rc_model *model, const rc_vocab *vocab, const char *name, const char *buf,
                 size_t len, rc_ctx *ctx)
{
    assert(model && vocab && name);
    rc_xlsx *wb = NULL;
    int rc = rc_xlsx_open(name, buf, len, &wb, ctx);
    if (rc < 0) return rc;
    size_t n = rc_xlsx_sheet_count(wb);
    sheet_info *info = calloc(n ? n : 1, sizeof *info);
    if (!info) {
        rc_xlsx_free(wb);
        return rc_ctx_fail(ctx, RC_ENOMEM, "out of memory");
    }
    for (size_t i = 0; i < n && rc == RC_OK; i++) {
        sheet_info *si = &info[i];
        if ((rc = rc_xlsx_read_sheet(wb, i, &si->sheet, ctx)) < 0) break;
        si->report = rc_workbook_is_report_sheet(si->sheet, &si->nhead);
        if (si->report) {
            char *scale = NULL;
            rc_workbook_split_title(rc_xlsx_cell_at(si->sheet, 1, 0)->shown, &si->title, &scale);
            free(scale);
            if (!si->title) {
                rc = rc_ctx_fail(ctx, RC_ENOMEM, "out of memory");
                break;
            }
            si->kind = rc_workbook_sheet_kind(si->title);
            si->share_based =
                si->kind != RC_SHEET_OTHER && rc_filingsummary_names_share_based(si->title);
            /* a page that will not be read is not kept */
            if (!si->share_based) {
                rc_xlsx_sheet_free(si->sheet);
                si->sheet = NULL;
            }
        }
    }
    if (rc == RC_OK) {
        if (edgar_workbook(info, n)) {
            rc = read_edgar(model, vocab, name, info, n, ctx);
        } else {
            /* a schedule: the sheets laid out as R pages were let go above */
            for (size_t i = 0; i < n && rc == RC_OK; i++)
                if (!info[i].sheet) rc = rc_xlsx_read_sheet(wb, i, &info[i].sheet, ctx);
            if (rc == RC_OK) rc = read_schedule(model, vocab, name, info, n, ctx);
        }
    }
    for (size_t i = 0; i < n; i++) {
        rc_xlsx_sheet_free(info[i].sheet);
        free(info[i].title);
    }
    free(info);
    rc_xlsx_free(wb);
    return rc;
}
