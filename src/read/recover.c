/*
 * Column recovery for Details captures (recover.h): which column each value
 * of a row belongs to, when the capture dropped the empty cells.
 *
 * Each body row becomes a set of candidate layouts (strictly increasing
 * assignments of its values to columns) that pass the cues about one row;
 * the cues that link rows (a price row and its count row, the column
 * profiles) then remove layouts until nothing changes.  Layouts are kept per
 * equivalence class (the same period, and currency where the value has one,
 * for every value), so that a row is decided when one class is left.  What
 * is still open goes through the weaker cues in a fixed order, the
 * identities last; what is still open after that is ambiguous.
 */
#include <assert.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "read/classify.h"
#include "read/recover.h"
#include "rollcheck/model.h"
#include "rollcheck/number.h"

/* A row keeps at most this many layout classes; beyond it, the row is ambiguous. */
#define MAX_CLASSES 2048
/* Steps of the search for one row's layouts (a page with very many columns). */
#define MAX_STEPS 200000L
/* Combinations the count identity may try in one member block. */
#define MAX_COMBOS 20000L
/* Pairs of layouts the price-and-count cue compares for one row. */
#define MAX_PAIRS 1000000L
/* Units a column heading may list that recovery looks at. */
#define MAX_UNITS 6

/* ---- notes ---------------------------------------------------------------------------- */

int rc_capnotes_add(rc_capnotes *notes, unsigned line, const char *fmt, ...)
{
    if (notes->n == notes->cap) {
        size_t cap = notes->cap ? notes->cap * 2 : 8;
        rc_capnote *p = realloc(notes->items, cap * sizeof *p);
        if (!p) return RC_ENOMEM;
        notes->items = p;
        notes->cap = cap;
    }
    rc_buf b = RC_BUF_INIT;
    va_list ap;
    va_start(ap, fmt);
    rc_buf_vprintf(&b, fmt, ap);
    va_end(ap);
    char *text = rc_buf_take(&b);
    if (!text) return RC_ENOMEM;
    notes->items[notes->n].line = line;
    notes->items[notes->n].text = text;
    notes->n++;
    return RC_OK;
}

void rc_capnotes_clear(rc_capnotes *notes)
{
    for (size_t i = 0; i < notes->n; i++)
        free(notes->items[i].text);
    free(notes->items);
    notes->items = NULL;
    notes->n = notes->cap = 0;
}

/* ---- value cells ------------------------------------------------------------------------ */

static size_t blank_len(const char *s, size_t i, size_t n)
{
    if (i < n && (s[i] == ' ' || s[i] == '\t' || s[i] == '\r' || s[i] == '\n')) return 1;
    if (i + 1 < n && (unsigned char)s[i] == 0xc2 && (unsigned char)s[i + 1] == 0xa0) return 2;
    return 0;
}

static void trim_blanks(const char **s, size_t *n)
{
    size_t b;
    while (*n && (b = blank_len(*s, 0, *n)) > 0) {
        *s += b;
        *n -= b;
    }
    for (;;) {
        if (*n && ((*s)[*n - 1] == ' ' || (*s)[*n - 1] == '\t' || (*s)[*n - 1] == '\r' ||
                   (*s)[*n - 1] == '\n'))
            (*n)--;
        else if (*n >= 2 && (unsigned char)(*s)[*n - 2] == 0xc2 &&
                 (unsigned char)(*s)[*n - 1] == 0xa0)
            *n -= 2;
        else
            break;
    }
}

static bool is_digit(char c)
{
    return c >= '0' && c <= '9';
}

static bool is_dash(const char *s, size_t n)
{
    return (n == 1 && s[0] == '-') || (n == 2 && memcmp(s, "--", 2) == 0) ||
           (n == 3 && (memcmp(s, "\xe2\x80\x94", 3) == 0 || memcmp(s, "\xe2\x80\x93", 3) == 0));
}

/* A duration in words: starts with a digit and names years, months, weeks or days. */
static bool duration_words(const char *s, size_t n)
{
    if (n == 0 || !is_digit(s[0])) return false;
    bool word = false;
    for (size_t i = 0; i < n; i++) {
        char c = s[i];
        if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z')) {
            word = true;
            continue;
        }
        if (!is_digit(c) && c != ' ' && c != '.' && c != ',') return false;
    }
    if (!word) return false;
    rc_value v;
    rc_value_init(&v);
    int rc = rc_term_parse(&v, s, n, NULL);
    rc_value_clear(&v);
    return rc == RC_OK;
}

rc_capval_kind rc_recover__value(const char *text, size_t len, bool allow_dash, bool allow_open,
                                 rc_capval *out)
{
    memset(out, 0, sizeof *out);
    const char *s = text;
    size_t n = len;
    trim_blanks(&s, &n);
    if (n == 0) return RC_CAPVAL_NONE;
    if (allow_dash && is_dash(s, n)) {
        out->kind = RC_CAPVAL_DASH;
        out->number = s;
        out->number_len = n;
        return out->kind;
    }
    if (duration_words(s, n)) {
        out->kind = RC_CAPVAL_DURATION;
        out->number = s;
        out->number_len = n;
        return out->kind;
    }
    /* a currency symbol or code in front: "$ 0.01", "¥ 4,306", "$48.28", "C$ 10.51" */
    size_t i = 0;
    while (i < n && !is_digit(s[i]) && s[i] != '(' && s[i] != '-' && s[i] != '.' && s[i] != ' ')
        i++;
    const char *sym = NULL;
    size_t sym_len = 0;
    if (i > 0) {
        if (!rc_currency_code(s, i)) return RC_CAPVAL_NONE;
        sym = s;
        sym_len = i;
    }
    const char *num = s + i;
    size_t num_len = n - i;
    trim_blanks(&num, &num_len);
    if (num_len == 0) return RC_CAPVAL_NONE;
    bool open = false;
    if (allow_open && num[0] == '(' && !memchr(num, ')', num_len)) {
        open = true;
        num++;
        num_len--;
        trim_blanks(&num, &num_len);
        if (num_len == 0) return RC_CAPVAL_NONE;
    }
    rc_value v;
    rc_value_init(&v);
    int rc = rc_value_parse(&v, num, num_len, 0,
                            RC_PARSE_GROUPING | RC_PARSE_PARENS | RC_PARSE_PERCENT, NULL, NULL);
    bool negative = rc == RC_OK && mpq_sgn(v.q) < 0;
    rc_value_clear(&v);
    if (rc != RC_OK) return RC_CAPVAL_NONE;
    out->kind = RC_CAPVAL_NUMBER;
    out->symbol = sym;
    out->symbol_len = sym_len;
    out->number = open ? num - 1 : num;
    out->number_len = open ? num_len + 1 : num_len;
    out->negative = negative || open;
    out->open_paren = open;
    return out->kind;
}

/* ---- the recovery's view of the table ----------------------------------------------------- */

/* What a value needs of its column. */
typedef enum vkind {
    VK_ANY = 0,   /* any column */
    VK_COUNT,     /* a share count: a column listing shares (or the row's count unit) */
    VK_PER_SHARE, /* a per-share unit (of the value's currency) */
    VK_MONEY,     /* a currency unit */
    VK_CURRENCY,  /* a per-share or currency unit of the value's symbol */
    VK_DURATION   /* a duration: shown like the share counts (see allowed()) */
} vkind;

/* Which balance or movement a row reports (for pairing, profiles and identities). */
typedef enum rkey {
    KEY_NONE = 0,
    KEY_BEGIN,
    KEY_END,
    KEY_EXERCISABLE,
    KEY_VESTED_EXPECTED,
    KEY_MOVE
} rkey;

typedef struct column {
    char *date_text;   /* the heading's first line */
    rc_day date;       /* the period's end, or the instant */
    int months, weeks; /* the period group's length; both 0 for an instant */
    bool instant;
    bool trailing;              /* a lone trailing column that may be an instant (see spans) */
    rc_day start;               /* first day of a duration, RC_NO_DATE for an instant */
    char *members;              /* the heading's other lines, "" when none */
    size_t period;              /* index into periods */
    char shares[MAX_UNITS][24]; /* share-like units listed, lower case */
    size_t nshares;
    rc_unit money[MAX_UNITS];
    size_t nmoney;
    rc_unit per_share[MAX_UNITS];
    size_t nper_share;
    int currency; /* id of its currency (money first, then per share), -1 when none */
} column;

typedef struct period {
    bool instant;
    rc_day start, end;
    const char *members;
    size_t first; /* its first column */
} period;

typedef struct val {
    rc_cell *cell;
    rc_capval_kind shape;
    vkind kind;
    char symbol[8]; /* the currency symbol the value shows, "" when none */
    rc_value num;   /* the number (shape RC_CAPVAL_NUMBER) */
    char *text;     /* the number or duration as text, for equality */
} val;

typedef struct rrow {
    rc_grid_row *row;
    unsigned line;
    const char *label;
    size_t base_len; /* the label without its " | unit" suffix */
    size_t block;    /* member block: 0 before the first member title row */
    rc_class cls;
    rc_measure measure; /* the row's measure, from its words, unit or section */
    rkey key;
    vkind kind;
    char unit_name[24]; /* a count unit the row names ("item"), lower case, or "" */
    rc_unit unit;       /* a currency unit the row names (" | ¥", " | $ / shares") */
    bool in_duration;   /* a beginning balance or a movement: duration columns only */
    long pair;          /* the count row of the same balance or movement, or -1 */
    val *vals;
    size_t nvals;
    unsigned *cols; /* nclasses * nvals columns (0-based value columns) */
    size_t *keys;   /* nclasses * nvals class keys */
    size_t nclasses;
    bool too_many; /* the search stopped early: the row is ambiguous */
    bool conflict; /* its only layouts go against a column profile */
    int level;     /* how far the cues had to be relaxed (0: not at all) */
} rrow;

typedef struct recover {
    rc_grid *grid;
    const rc_vocab *vocab;
    rc_capnotes *notes;
    rc_ctx *ctx;
    rc_grid_row *head_row; /* the heading row holding the column headings */
    rc_cell **groups;      /* group cells, in order */
    size_t ngroups;
    size_t *run_first, *run_len; /* per group: the columns it covers */
    column *cols;
    size_t ncols;
    period *periods;
    size_t nperiods;
    rrow *rows;
    size_t nrows;
    char currencies[32][4];
    size_t ncurrencies;
    bool any_shares;       /* some column lists a share-like unit */
    bool *opening_only;    /* per column: holds beginning balances only */
    bool trailing_instant; /* the lone trailing column is taken as an instant */
    const char *why;       /* for grid->why_ambiguous */
    int why_rank;
} recover;

/* ---- columns and periods ------------------------------------------------------------------- */

static bool ieq_n(const char *a, size_t n, const char *b)
{
    if (strlen(b) != n) return false;
    for (size_t i = 0; i < n; i++) {
        char x = a[i], y = b[i];
        if (x >= 'A' && x <= 'Z') x = (char)(x + 32);
        if (y >= 'A' && y <= 'Z') y = (char)(y + 32);
        if (x != y) return false;
    }
    return true;
}

static void lower_copy(char *dst, size_t size, const char *s, size_t n)
{
    trim_blanks(&s, &n);
    if (n >= size) n = size - 1;
    for (size_t i = 0; i < n; i++)
        dst[i] = (s[i] >= 'A' && s[i] <= 'Z') ? (char)(s[i] + 32) : s[i];
    dst[n] = '\0';
}

static int days_in_month(int y, int m)
{
    static const int dim[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
    if (m == 2 && ((y % 4 == 0 && y % 100 != 0) || y % 400 == 0)) return 29;
    return dim[m - 1];
}

/* The first day of the period of `months` months (or `weeks` weeks) ending on end. */
static rc_day period_start(rc_day end, int months, int weeks)
{
    if (weeks > 0) return end - 7 * weeks + 1;
    int y, m, d;
    rc_day_to_ymd(end, &y, &m, &d);
    int mm = m - months; /* the month before the first month */
    int yy = y;
    while (mm < 1) {
        mm += 12;
        yy--;
    }
    if (d == days_in_month(y, m)) /* month ends: the period starts on a first */
        return rc_day_from_ymd(yy, mm, days_in_month(yy, mm)) + 1;
    int dd = d > days_in_month(yy, mm) ? days_in_month(yy, mm) : d;
    return rc_day_from_ymd(yy, mm, dd) + 1;
}

/* "12 Months Ended", "13 Weeks Ended": the length, false when text is no group. */
static bool parse_group(const char *text, int *months, int *weeks)
{
    *months = *weeks = 0;
    const char *s = text;
    int n = 0;
    if (!is_digit(*s)) return false;
    while (is_digit(*s) && n < 1000)
        n = n * 10 + (*s++ - '0');
    while (*s == ' ')
        s++;
    size_t w = 0;
    while (s[w] && s[w] != ' ')
        w++;
    if (ieq_n(s, w, "months") || ieq_n(s, w, "month"))
        *months = n;
    else if (ieq_n(s, w, "weeks") || ieq_n(s, w, "week"))
        *weeks = n;
    else
        return false;
    s += w;
    while (*s == ' ')
        s++;
    return strncmp(s, "Ended", 5) == 0 || strncmp(s, "ended", 5) == 0;
}

static int currency_id(recover *rc, const char *code)
{
    if (!code || !*code) return -1;
    for (size_t i = 0; i < rc->ncurrencies; i++)
        if (strcmp(rc->currencies[i], code) == 0) return (int)i;
    if (rc->ncurrencies == sizeof rc->currencies / sizeof *rc->currencies) return -1;
    snprintf(rc->currencies[rc->ncurrencies], sizeof *rc->currencies, "%s", code);
    return (int)rc->ncurrencies++;
}

static const char *unit_code(const rc_unit *u)
{
    if (u->code[0]) return u->code;
    return rc_currency_code(u->symbol, strlen(u->symbol));
}

/* Does a unit (a column's, or a row's) speak of the currency written as sym? */
static bool unit_matches(const rc_unit *u, const char *sym)
{
    if (!sym || !*sym) return true;
    if (u->symbol[0] && strcmp(u->symbol, sym) == 0) return true;
    const char *a = unit_code(u), *b = rc_currency_code(sym, strlen(sym));
    return a && b && strcmp(a, b) == 0;
}

static void free_columns(recover *rc)
{
    for (size_t j = 0; j < rc->ncols; j++) {
        free(rc->cols[j].date_text);
        free(rc->cols[j].members);
    }
    free(rc->cols);
    rc->cols = NULL;
    rc->ncols = 0;
    free(rc->periods);
    rc->periods = NULL;
    rc->nperiods = 0;
}

/* Read the column headings: date, units, members. */
static int read_headings(recover *rc)
{
    rc_grid *g = rc->grid;
    size_t n = 0;
    for (size_t r = 0; r < g->nrows && (g->rows[r].flags & RC_ROW_HEAD); r++) {
        rc_grid_row *row = &g->rows[r];
        for (size_t k = 0; k < row->ncells; k++) {
            rc_cell *c = &row->cells[k];
            if (c->col == RC_COL_UNKNOWN) {
                rc_cell **p = realloc(rc->groups, (rc->ngroups + 1) * sizeof *p);
                if (!p) return RC_ENOMEM;
                rc->groups = p;
                rc->groups[rc->ngroups++] = c;
            } else if (c->col >= 1) {
                rc->head_row = row;
                if (c->col > n) n = c->col;
            }
        }
    }
    rc->cols = calloc(n ? n : 1, sizeof *rc->cols);
    if (!rc->cols) return RC_ENOMEM;
    rc->ncols = n;
    for (size_t j = 0; j < n; j++) {
        column *col = &rc->cols[j];
        col->date = RC_NO_DATE;
        col->start = RC_NO_DATE;
        col->currency = -1;
        col->instant = true;
        col->members = calloc(1, 1);
        if (!col->members) return RC_ENOMEM;
    }
    if (!rc->head_row) return RC_OK;
    for (size_t k = 0; k < rc->head_row->ncells; k++) {
        const rc_cell *c = &rc->head_row->cells[k];
        if (c->col == RC_COL_UNKNOWN || c->col < 1 || c->col > n) continue;
        column *col = &rc->cols[c->col - 1];
        rc_buf members = RC_BUF_INIT;
        const char *line = c->text;
        bool first = true;
        while (*line) {
            const char *end = strchr(line, '\n');
            size_t len = end ? (size_t)(end - line) : strlen(line);
            rc_unit u;
            if (first) {
                col->date_text = malloc(len + 1);
                if (!col->date_text) {
                    rc_buf_free(&members);
                    return RC_ENOMEM;
                }
                memcpy(col->date_text, line, len);
                col->date_text[len] = '\0';
                if (rc_parse_date(col->date_text, false, &col->date, NULL, NULL) != RC_OK &&
                    rc_parse_date(col->date_text, true, &col->date, NULL, NULL) != RC_OK)
                    col->date = RC_NO_DATE;
            } else if (rc_unit_parse(line, len, &u)) {
                if (u.kind == RC_UNIT_SHARES && col->nshares < MAX_UNITS)
                    lower_copy(col->shares[col->nshares++], sizeof col->shares[0], line, len);
                else if (u.kind == RC_UNIT_MONEY && col->nmoney < MAX_UNITS)
                    col->money[col->nmoney++] = u;
                else if (u.kind == RC_UNIT_PER_SHARE && col->nper_share < MAX_UNITS)
                    col->per_share[col->nper_share++] = u;
            } else {
                if (members.len) rc_buf_puts(&members, " | ");
                rc_buf_append(&members, line, len);
            }
            first = false;
            line = end ? end + 1 : line + len;
        }
        char *m = rc_buf_take(&members);
        if (!m) return RC_ENOMEM;
        free(col->members);
        col->members = m;
        if (col->nmoney)
            col->currency = currency_id(rc, unit_code(&col->money[0]));
        else if (col->nper_share)
            col->currency = currency_id(rc, unit_code(&col->per_share[0]));
        if (col->nshares) rc->any_shares = true;
    }
    return RC_OK;
}

/*
 * Which columns each period group covers.  The capture keeps the group cells
 * but not their spans, and drops the empty group cell over an instant column.
 * Within a group the R page sorts its columns by date, latest first, so a
 * date later than its left neighbour starts the next group; groups cover
 * contiguous runs in order, and columns after the last covered run are
 * instants.  A lone trailing column whose date is the day before some
 * duration column starts (seed 000's "Dec. 31, 2020" after three years of
 * "12 Months Ended") is where the R page keeps the balances at the start of
 * the earliest period: it is taken as an instant column (what the R page
 * most likely has there; the model treats a closing-only 12-month column the
 * same way), unless some row cannot be laid out that way (R143's last year,
 * which holds grants): then it is a duration column of the last group.
 */
static int assign_spans(recover *rc)
{
    size_t n = rc->ncols, ng = rc->ngroups;
    free(rc->run_first);
    free(rc->run_len);
    rc->run_first = calloc(ng ? ng : 1, sizeof *rc->run_first);
    rc->run_len = calloc(ng ? ng : 1, sizeof *rc->run_len);
    if (!rc->run_first || !rc->run_len) return RC_ENOMEM;
    /* runs of non-increasing dates */
    size_t *starts = calloc(n + 1, sizeof *starts);
    if (!starts) return RC_ENOMEM;
    size_t nruns = 0;
    for (size_t j = 0; j < n; j++)
        if (j == 0 || (rc->cols[j].date != RC_NO_DATE && rc->cols[j - 1].date != RC_NO_DATE &&
                       rc->cols[j].date > rc->cols[j - 1].date))
            starts[nruns++] = j;
    starts[nruns] = n;
    /* fewer runs than groups: split the longest runs in two */
    while (nruns > 0 && nruns < ng && nruns < n) {
        size_t best = 0, bestlen = 0;
        for (size_t r = 0; r < nruns; r++)
            if (starts[r + 1] - starts[r] > bestlen) {
                bestlen = starts[r + 1] - starts[r];
                best = r;
            }
        if (bestlen < 2) break;
        memmove(&starts[best + 2], &starts[best + 1], (nruns - best) * sizeof *starts);
        starts[best + 1] = starts[best] + bestlen / 2;
        nruns++;
    }
    for (size_t g = 0; g < ng; g++) {
        if (g < nruns) {
            rc->run_first[g] = starts[g];
            rc->run_len[g] = starts[g + 1] - starts[g];
        } else {
            rc->run_first[g] = n;
            rc->run_len[g] = 0;
        }
    }
    free(starts);
    for (size_t j = 0; j < n; j++) {
        column *c = &rc->cols[j];
        c->instant = true;
        c->months = c->weeks = 0;
        c->trailing = false;
    }
    for (size_t g = 0; g < ng && g < nruns; g++) {
        int months, weeks;
        if (!parse_group(rc->groups[g]->text, &months, &weeks)) months = weeks = 0;
        for (size_t j = rc->run_first[g]; j < rc->run_first[g] + rc->run_len[g]; j++) {
            rc->cols[j].months = months;
            rc->cols[j].weeks = weeks;
            rc->cols[j].instant = (months == 0 && weeks == 0) || rc->cols[j].date == RC_NO_DATE;
        }
    }
    for (size_t j = 0; j < n; j++) {
        column *c = &rc->cols[j];
        c->start = c->instant ? RC_NO_DATE : period_start(c->date, c->months, c->weeks);
    }
    /* the lone trailing column of the last run */
    if (ng > 0 && ng <= nruns && rc->run_len[ng - 1] >= 2 &&
        rc->run_first[ng - 1] + rc->run_len[ng - 1] == n) {
        size_t last = n - 1;
        column *c = &rc->cols[last];
        bool lone = c->date != RC_NO_DATE, opens = false;
        for (size_t j = 0; j < n; j++) {
            if (j == last) continue;
            if (rc->cols[j].date == c->date) lone = false;
            if (!rc->cols[j].instant && rc->cols[j].start == c->date + 1) opens = true;
        }
        if (lone && opens) {
            c->trailing = true;
            if (rc->trailing_instant) {
                c->instant = true;
                c->start = RC_NO_DATE;
                rc->run_len[ng - 1]--;
            }
        }
    }
    /* periods: same kind, dates and members */
    free(rc->periods);
    rc->periods = calloc(n ? n : 1, sizeof *rc->periods);
    if (!rc->periods) return RC_ENOMEM;
    rc->nperiods = 0;
    for (size_t j = 0; j < n; j++) {
        column *c = &rc->cols[j];
        size_t p;
        for (p = 0; p < rc->nperiods; p++) {
            period *q = &rc->periods[p];
            if (q->instant == c->instant && q->end == c->date && q->start == c->start &&
                strcmp(q->members, c->members) == 0)
                break;
        }
        if (p == rc->nperiods) {
            period *q = &rc->periods[rc->nperiods++];
            q->instant = c->instant;
            q->start = c->start;
            q->end = c->date;
            q->members = c->members;
            q->first = j;
        }
        c->period = p;
    }
    return RC_OK;
}

/* "the year ended Dec. 31, 2022", "the 6 months ended Jun. 30, 2022", "Dec. 31, 2020" */
static void describe_period(const recover *rc, size_t p, rc_buf *b)
{
    const column *c = &rc->cols[rc->periods[p].first];
    const char *date = c->date_text ? c->date_text : "?";
    if (c->instant)
        rc_buf_puts(b, date);
    else if (c->months == 12)
        rc_buf_printf(b, "the year ended %s", date);
    else if (c->months > 0)
        rc_buf_printf(b, "the %d months ended %s", c->months, date);
    else
        rc_buf_printf(b, "the %d weeks ended %s", c->weeks, date);
    if (c->members[0]) rc_buf_printf(b, " (%s)", c->members);
}

/* ---- rows ------------------------------------------------------------------------------------ */

static bool is_count_kind(vkind k)
{
    return k == VK_COUNT || k == VK_DURATION;
}

static vkind kind_of_measure(rc_measure m)
{
    switch (m) {
    case RC_MEASURE_COUNT:
        return VK_COUNT;
    case RC_MEASURE_PRICE:
    case RC_MEASURE_FAIR_VALUE:
    case RC_MEASURE_PER_SHARE:
    case RC_MEASURE_SHARE_PRICE:
        return VK_PER_SHARE;
    case RC_MEASURE_AIV:
        return VK_MONEY;
    case RC_MEASURE_TERM:
    case RC_MEASURE_CONTRACTUAL_TERM:
        return VK_DURATION;
    case RC_MEASURE_NONE:
    default:
        return VK_ANY;
    }
}

static bool family(rc_role r)
{
    return r == RC_ROLE_FORFEITED || r == RC_ROLE_EXPIRED || r == RC_ROLE_CANCELLED ||
           r == RC_ROLE_FORFEITED_EXPIRED;
}

static void free_rows(recover *rc)
{
    for (size_t i = 0; i < rc->nrows; i++) {
        rrow *r = &rc->rows[i];
        for (size_t k = 0; k < r->nvals; k++) {
            rc_value_clear(&r->vals[k].num);
            free(r->vals[k].text);
        }
        free(r->vals);
        free(r->cols);
        free(r->keys);
    }
    free(rc->rows);
    rc->rows = NULL;
    rc->nrows = 0;
}

/* Classify the body rows and their values. */
static int read_rows(recover *rc)
{
    rc_grid *g = rc->grid;
    rc->rows = calloc(g->nrows ? g->nrows : 1, sizeof *rc->rows);
    if (!rc->rows) return RC_ENOMEM;
    size_t block = 0;
    const char *section = NULL;
    for (size_t ri = 0; ri < g->nrows; ri++) {
        rc_grid_row *row = &g->rows[ri];
        if (row->flags & RC_ROW_HEAD) continue;
        if (row->flags & RC_ROW_MEMBER) {
            block++;
            section = NULL;
            continue;
        }
        if (row->ncells == 0) continue;
        const char *label = row->cells[0].text;
        if (row->ncells == 1) {
            section = label; /* an abstract row names the section below it */
            continue;
        }
        rrow *r = &rc->rows[rc->nrows++];
        r->row = row;
        r->line = row->cells[0].src.line;
        r->label = label;
        r->block = block;
        r->pair = -1;
        r->base_len = rc_label_split_unit(label, &r->unit);
        rc_classify_label(rc->vocab, label, &r->cls);
        r->measure = r->cls.measure;
        rc_class sec;
        if (r->measure == RC_MEASURE_NONE && section) {
            rc_classify_label(rc->vocab, section, &sec);
            r->measure = sec.measure;
        }
        if (r->cls.what == RC_WHAT_BALANCE) {
            if (r->cls.outstanding)
                r->key = r->cls.position == RC_POS_BEGIN ? KEY_BEGIN : KEY_END;
            else if (r->cls.line == RC_LINE_EXERCISABLE)
                r->key = KEY_EXERCISABLE;
            else if (r->cls.line == RC_LINE_VESTED_EXPECTED)
                r->key = KEY_VESTED_EXPECTED;
            else
                r->key = KEY_END;
        } else if (r->cls.what == RC_WHAT_MOVEMENT) {
            r->key = KEY_MOVE;
        } else if (r->cls.what == RC_WHAT_UNKNOWN &&
                   (r->measure == RC_MEASURE_AIV || r->measure == RC_MEASURE_TERM ||
                    r->measure == RC_MEASURE_PRICE || r->measure == RC_MEASURE_FAIR_VALUE ||
                    r->measure == RC_MEASURE_PER_SHARE)) {
            /* an intrinsic value, term or price with no balance words: the balance
             * at the period's end, where the R page reports them */
            r->key = KEY_END;
        }
        r->in_duration = r->key == KEY_BEGIN || r->key == KEY_MOVE;
        /* the values */
        r->nvals = row->ncells - 1;
        r->vals = calloc(r->nvals, sizeof *r->vals);
        if (!r->vals) return RC_ENOMEM;
        bool any_symbol = false, all_plain = true;
        for (size_t k = 0; k < r->nvals; k++) {
            val *v = &r->vals[k];
            v->cell = &row->cells[k + 1];
            rc_value_init(&v->num);
            rc_capval cv;
            v->shape = rc_recover__value(v->cell->text, strlen(v->cell->text), false, false, &cv);
            const char *t = cv.number ? cv.number : v->cell->text;
            size_t tn = cv.number ? cv.number_len : strlen(v->cell->text);
            v->text = malloc(tn + 1);
            if (!v->text) return RC_ENOMEM;
            memcpy(v->text, t, tn);
            v->text[tn] = '\0';
            if (cv.symbol) {
                size_t sn = cv.symbol_len < sizeof v->symbol ? cv.symbol_len : sizeof v->symbol - 1;
                memcpy(v->symbol, cv.symbol, sn);
                v->symbol[sn] = '\0';
                any_symbol = true;
            }
            if (v->shape == RC_CAPVAL_NUMBER) {
                if (rc_value_parse(&v->num, cv.number, cv.number_len, 0, RC_PARSE_TABLE, NULL,
                                   NULL) != RC_OK)
                    v->shape = RC_CAPVAL_NONE;
                else if (mpz_cmp_ui(mpq_denref(v->num.q), 1) != 0 ||
                         (v->num.flags & RC_VALUE_PERCENT))
                    all_plain = false;
            } else {
                all_plain = false;
            }
        }
        /* the row's unit: its suffix, its words, its section, else its shape */
        if (r->unit.kind == RC_UNIT_SHARES) {
            r->kind = VK_COUNT;
            size_t sl = strlen(label) - r->base_len;
            if (sl > 3)
                lower_copy(r->unit_name, sizeof r->unit_name, label + r->base_len + 3, sl - 3);
        } else if (r->unit.kind == RC_UNIT_PER_SHARE) {
            r->kind = VK_PER_SHARE;
        } else if (r->unit.kind == RC_UNIT_MONEY) {
            r->kind = VK_MONEY;
        } else if (r->unit.kind == RC_UNIT_PURE) {
            r->kind = VK_ANY;
        } else {
            r->kind = kind_of_measure(r->measure);
            if (r->kind == VK_ANY && r->key != KEY_NONE && !any_symbol && all_plain)
                r->kind = VK_COUNT; /* a balance or movement shown as whole numbers */
        }
        if (r->kind == VK_PER_SHARE && r->measure == RC_MEASURE_NONE)
            r->measure = RC_MEASURE_PER_SHARE;
        for (size_t k = 0; k < r->nvals; k++) {
            val *v = &r->vals[k];
            if (v->shape == RC_CAPVAL_DURATION || r->kind == VK_DURATION)
                v->kind = VK_DURATION;
            else if (r->kind == VK_ANY && v->symbol[0])
                v->kind = VK_CURRENCY;
            else
                v->kind = r->kind;
        }
    }
    /* pair price, term and intrinsic-value rows with the count row of the same line */
    for (size_t i = 0; i < rc->nrows; i++) {
        rrow *r = &rc->rows[i];
        if (r->key == KEY_NONE || r->kind == VK_COUNT) continue;
        long exact = -1, fam = -1;
        for (size_t j = 0; j < rc->nrows; j++) {
            rrow *c = &rc->rows[j];
            if (c->block != r->block || c->kind != VK_COUNT || c->key != r->key) continue;
            if (r->key != KEY_MOVE || c->cls.role == r->cls.role) {
                if (exact < 0) exact = (long)j;
            } else if (family(c->cls.role) && family(r->cls.role) && fam < 0) {
                fam = (long)j;
            }
        }
        r->pair = exact >= 0 ? exact : fam;
    }
    return RC_OK;
}

/* ---- one row's layouts ------------------------------------------------------------------------
 */

static bool col_lists_shares(const column *c, const char *name)
{
    if (!name || !*name) return c->nshares > 0;
    for (size_t u = 0; u < c->nshares; u++)
        if (strcmp(c->shares[u], name) == 0) return true;
    return false;
}

/*
 * May value v of row r sit in column j?  level 0: every cue; 1: the value's own
 * currency symbol is not trusted; 2: units are not trusted; 3: anything.
 * Durations (remaining terms, vesting periods) have no unit; the R page shows
 * them like the share counts, once in each column of their period that lists
 * shares (seed 000 shows 2023's terms in both of its columns, the other years'
 * once), so they go where share counts may go when the page lists shares.
 */
static bool allowed(const recover *rc, const rrow *r, const val *v, size_t j, int level)
{
    const column *c = &rc->cols[j];
    if (level >= 3) return true;
    if (r->in_duration && c->instant) return false;
    if (level >= 2) return true;
    const char *sym = level == 0 && v->symbol[0] ? v->symbol : NULL;
    switch (v->kind) {
    case VK_COUNT:
        return col_lists_shares(c, r->unit_name);
    case VK_DURATION:
        return !rc->any_shares || c->nshares > 0;
    case VK_PER_SHARE:
        for (size_t u = 0; u < c->nper_share; u++)
            if (unit_matches(&c->per_share[u], sym) &&
                (r->unit.kind != RC_UNIT_PER_SHARE ||
                 unit_matches(&c->per_share[u], r->unit.symbol[0] ? r->unit.symbol : r->unit.code)))
                return true;
        return false;
    case VK_MONEY:
        for (size_t u = 0; u < c->nmoney; u++)
            if (unit_matches(&c->money[u], sym) &&
                (r->unit.kind != RC_UNIT_MONEY ||
                 unit_matches(&c->money[u], r->unit.symbol[0] ? r->unit.symbol : r->unit.code)))
                return true;
        return false;
    case VK_CURRENCY:
        if (level >= 1) return c->nmoney > 0 || c->nper_share > 0;
        for (size_t u = 0; u < c->nmoney; u++)
            if (unit_matches(&c->money[u], sym)) return true;
        for (size_t u = 0; u < c->nper_share; u++)
            if (unit_matches(&c->per_share[u], sym)) return true;
        return false;
    case VK_ANY:
    default:
        return true;
    }
}

static bool values_equal(const val *a, const val *b)
{
    if (a->shape == RC_CAPVAL_NUMBER && b->shape == RC_CAPVAL_NUMBER)
        return mpq_equal(a->num.q, b->num.q) != 0;
    return strcmp(a->text, b->text) == 0;
}

/* Two values of one row in one period are one fact shown twice, unless they are
 * amounts in two currencies (a CNY column and its USD translation). */
static bool same_period_ok(const recover *rc, const val *a, size_t ja, const val *b, size_t jb)
{
    bool counts = is_count_kind(a->kind) || is_count_kind(b->kind);
    if (!counts && rc->cols[ja].currency != rc->cols[jb].currency) return true;
    return values_equal(a, b);
}

static size_t class_key(const recover *rc, const val *v, size_t j)
{
    size_t cur = 0;
    if (!is_count_kind(v->kind)) cur = (size_t)(rc->cols[j].currency + 1);
    return rc->cols[j].period * (rc->ncurrencies + 2) + cur;
}

typedef struct search {
    const recover *rc;
    rrow *r;
    int level;
    bool *ok; /* nvals * ncols: allowed() */
    unsigned *cur;
    long steps;
    size_t *hash; /* class index + 1, 0 empty */
    size_t hsize;
    size_t cap;
    bool failed; /* out of memory */
} search;

/* Is v a value that the all-or-none rule applies to? */
static bool counted(const recover *rc, const val *v)
{
    return v->kind == VK_COUNT || (v->kind == VK_DURATION && rc->any_shares);
}

/* One period's share columns must all hold the count, or none. */
static bool all_or_none(const search *s)
{
    const recover *rc = s->rc;
    const rrow *r = s->r;
    if (s->level >= 2) return true;
    for (size_t i = 0; i < r->nvals; i++) {
        if (!counted(rc, &r->vals[i])) continue;
        size_t p = rc->cols[s->cur[i]].period;
        for (size_t j = 0; j < rc->ncols; j++) {
            if (rc->cols[j].period != p || !s->ok[i * rc->ncols + j]) continue;
            bool used = false;
            for (size_t k = 0; k < r->nvals && !used; k++)
                used = s->cur[k] == j;
            if (!used) return false;
        }
    }
    return true;
}

/* The columns between the previous value's and j are skipped: none of them may be
 * a share column that the previous value's count needs in its period (checked
 * early for the usual contiguous periods; once true, true for every later j). */
static bool skips_previous(const search *s, size_t i, size_t from, size_t j)
{
    const recover *rc = s->rc;
    const rrow *r = s->r;
    if (s->level >= 2 || i == 0 || !counted(rc, &r->vals[i - 1])) return false;
    size_t p = rc->cols[s->cur[i - 1]].period;
    for (size_t c = from; c < j; c++)
        if (rc->cols[c].period == p && s->ok[(i - 1) * rc->ncols + c]) return true;
    return false;
}

/* Nor a share column of j's own period that the value at j needs. */
static bool skips_own(const search *s, size_t i, size_t from, size_t j)
{
    const recover *rc = s->rc;
    const rrow *r = s->r;
    if (s->level >= 2 || !counted(rc, &r->vals[i])) return false;
    size_t p = rc->cols[j].period;
    for (size_t c = from; c < j; c++)
        if (rc->cols[c].period == p && s->ok[i * rc->ncols + c]) return true;
    return false;
}

static size_t hash_keys(const size_t *keys, size_t n)
{
    size_t h = 1469598103u;
    for (size_t i = 0; i < n; i++)
        h = (h ^ keys[i]) * 16777619u;
    return h;
}

static void add_class(search *s)
{
    rrow *r = s->r;
    size_t k = r->nvals;
    size_t keys[64];
    size_t *kp = k <= 64 ? keys : malloc(k * sizeof *kp);
    if (!kp) {
        s->failed = true;
        return;
    }
    for (size_t i = 0; i < k; i++)
        kp[i] = class_key(s->rc, &r->vals[i], s->cur[i]);
    size_t h = hash_keys(kp, k) & (s->hsize - 1);
    while (s->hash[h]) {
        size_t c = s->hash[h] - 1;
        if (memcmp(&r->keys[c * k], kp, k * sizeof *kp) == 0)
            goto done; /* an equivalent layout came first */
        h = (h + 1) & (s->hsize - 1);
    }
    if (r->nclasses == MAX_CLASSES) {
        r->too_many = true;
        goto done;
    }
    if (r->nclasses == s->cap) {
        size_t cap = s->cap ? s->cap * 2 : 8;
        unsigned *c2 = realloc(r->cols, cap * k * sizeof *c2);
        if (c2) r->cols = c2;
        size_t *k2 = c2 ? realloc(r->keys, cap * k * sizeof *k2) : NULL;
        if (!c2 || !k2) {
            s->failed = true;
            goto done;
        }
        r->keys = k2;
        s->cap = cap;
    }
    memcpy(&r->cols[r->nclasses * k], s->cur, k * sizeof *s->cur);
    memcpy(&r->keys[r->nclasses * k], kp, k * sizeof *kp);
    s->hash[h] = ++r->nclasses;
done:
    if (kp != keys) free(kp);
}

static void dfs(search *s, size_t i, size_t from)
{
    const recover *rc = s->rc;
    rrow *r = s->r;
    if (s->failed || r->too_many || ++s->steps > MAX_STEPS) {
        if (s->steps > MAX_STEPS) r->too_many = true;
        return;
    }
    if (i == r->nvals) {
        if (all_or_none(s)) add_class(s);
        return;
    }
    for (size_t j = from; j + (r->nvals - i) <= rc->ncols; j++) {
        if (!s->ok[i * rc->ncols + j]) continue;
        if (skips_previous(s, i, from, j)) break; /* every later column skips it too */
        if (skips_own(s, i, from, j)) continue;
        bool fits = true;
        for (size_t k = 0; k < i && fits; k++)
            if (s->level < 2 && rc->cols[s->cur[k]].period == rc->cols[j].period)
                fits = same_period_ok(rc, &r->vals[k], s->cur[k], &r->vals[i], j);
        if (!fits) continue;
        s->cur[i] = (unsigned)j;
        dfs(s, i + 1, j + 1);
        if (s->failed || r->too_many) return;
    }
}

static void clear_classes(rrow *r)
{
    free(r->cols);
    free(r->keys);
    r->cols = NULL;
    r->keys = NULL;
    r->nclasses = 0;
    r->too_many = false;
}

/* Every layout class of row r at a level. */
static int enumerate(recover *rc, rrow *r, int level)
{
    clear_classes(r);
    r->level = level;
    if (r->nvals == 0 || r->nvals > rc->ncols) return RC_OK;
    search s;
    memset(&s, 0, sizeof s);
    s.rc = rc;
    s.r = r;
    s.level = level;
    s.ok = calloc(r->nvals * rc->ncols, sizeof *s.ok);
    s.cur = calloc(r->nvals, sizeof *s.cur);
    s.hsize = 4096;
    s.hash = calloc(s.hsize, sizeof *s.hash);
    int err = RC_OK;
    if (!s.ok || !s.cur || !s.hash) {
        err = RC_ENOMEM;
        goto done;
    }
    for (size_t i = 0; i < r->nvals; i++)
        for (size_t j = 0; j < rc->ncols; j++)
            s.ok[i * rc->ncols + j] = allowed(rc, r, &r->vals[i], j, level);
    dfs(&s, 0, 0);
    if (s.failed) err = RC_ENOMEM;
done:
    free(s.ok);
    free(s.cur);
    free(s.hash);
    return err;
}

/* ---- removing layouts ---------------------------------------------------------------------- */

static bool decided(const rrow *r)
{
    return r->nclasses == 1 && !r->too_many;
}

static bool open_row(const rrow *r)
{
    return r->nclasses > 1 && !r->too_many;
}

/* Keep the classes marked in keep; never all of them away (cues that leave a row
 * nothing contradict each other there, and the row keeps what it had). */
static bool keep_classes(rrow *r, const bool *keep)
{
    size_t kept = 0;
    for (size_t c = 0; c < r->nclasses; c++)
        kept += keep[c];
    if (kept == 0 || kept == r->nclasses) return false;
    size_t k = r->nvals, out = 0;
    for (size_t c = 0; c < r->nclasses; c++) {
        if (!keep[c]) continue;
        if (out != c) {
            memmove(&r->cols[out * k], &r->cols[c * k], k * sizeof *r->cols);
            memmove(&r->keys[out * k], &r->keys[c * k], k * sizeof *r->keys);
        }
        out++;
    }
    r->nclasses = out;
    return true;
}

static size_t class_period(const recover *rc, const rrow *r, size_t c, size_t i)
{
    return rc->cols[r->cols[c * r->nvals + i]].period;
}

/* Does class ca of row a use only periods that class cb of row b uses? */
static bool periods_within(const recover *rc, const rrow *a, size_t ca, const rrow *b, size_t cb)
{
    for (size_t i = 0; i < a->nvals; i++) {
        size_t p = class_period(rc, a, ca, i);
        bool found = false;
        for (size_t k = 0; k < b->nvals && !found; k++)
            found = class_period(rc, b, cb, k) == p;
        if (!found) return false;
    }
    return true;
}

/* A price (term, intrinsic value) lies in a period where its count has a value. */
static int pair_rows(recover *rc, bool *changed)
{
    for (size_t i = 0; i < rc->nrows; i++) {
        rrow *r = &rc->rows[i];
        if (r->pair < 0 || r->nclasses == 0 || r->too_many) continue;
        rrow *c = &rc->rows[r->pair];
        if (c->nclasses == 0 || c->too_many || r->nclasses * c->nclasses > MAX_PAIRS) continue;
        size_t most = r->nclasses > c->nclasses ? r->nclasses : c->nclasses;
        bool *keep = calloc(most, sizeof *keep);
        if (!keep) return RC_ENOMEM;
        for (size_t a = 0; a < r->nclasses; a++)
            for (size_t b = 0; b < c->nclasses && !keep[a]; b++)
                keep[a] = periods_within(rc, r, a, c, b);
        if (keep_classes(r, keep)) *changed = true;
        memset(keep, 0, most * sizeof *keep);
        for (size_t b = 0; b < c->nclasses; b++)
            for (size_t a = 0; a < r->nclasses && !keep[b]; a++)
                keep[b] = periods_within(rc, r, a, c, b);
        if (keep_classes(c, keep)) *changed = true;
        free(keep);
    }
    return RC_OK;
}

static int propagate(recover *rc)
{
    bool changed = true;
    while (changed) {
        changed = false;
        int err = pair_rows(rc, &changed);
        if (err < 0) return err;
    }
    return RC_OK;
}

/* Does row r hold a closing balance or a movement, or an extra of one? */
static bool not_opening(const recover *rc, const rrow *r)
{
    rkey k = r->key;
    if (r->pair >= 0) k = rc->rows[r->pair].key;
    return k == KEY_MOVE || k == KEY_END || k == KEY_EXERCISABLE || k == KEY_VESTED_EXPECTED;
}

/*
 * Column profiles: a column that the decided opening balances use and the decided
 * closing balances (and their prices, terms, intrinsic values) never do holds
 * no roll-forward of its own (seed 000's six-months column, which the R page
 * shows because of the balances at the start of that period): no movement and
 * no closing balance goes there.  Computed once, from the rows the strong cues
 * decided.  A row the strong cues put there all the same contradicts the
 * table (a stray or a missing cell): it is marked, not moved.
 */
static int apply_profiles(recover *rc, bool *changed)
{
    bool closings = false;
    size_t n = rc->ncols;
    bool *begins = calloc(n ? n : 1, sizeof *begins);
    bool *ends = calloc(n ? n : 1, sizeof *ends);
    rc->opening_only = calloc(n ? n : 1, sizeof *rc->opening_only);
    if (!begins || !ends || !rc->opening_only) {
        free(begins);
        free(ends);
        return RC_ENOMEM;
    }
    for (size_t i = 0; i < rc->nrows; i++) {
        const rrow *r = &rc->rows[i];
        if (!decided(r) || (r->key != KEY_BEGIN && r->key != KEY_END)) continue;
        closings |= r->key == KEY_END;
        for (size_t v = 0; v < r->nvals; v++) {
            if (r->key == KEY_BEGIN)
                begins[r->cols[v]] = true;
            else
                ends[r->cols[v]] = true;
        }
    }
    for (size_t j = 0; j < n; j++)
        rc->opening_only[j] = closings && begins[j] && !ends[j];
    free(begins);
    free(ends);
    for (size_t i = 0; i < rc->nrows; i++) {
        rrow *r = &rc->rows[i];
        if (r->nclasses == 0 || r->too_many || !not_opening(rc, r)) continue;
        bool *keep = calloc(r->nclasses, sizeof *keep);
        if (!keep) return RC_ENOMEM;
        size_t kept = 0;
        for (size_t c = 0; c < r->nclasses; c++) {
            keep[c] = true;
            for (size_t v = 0; v < r->nvals; v++)
                if (rc->opening_only[r->cols[c * r->nvals + v]]) keep[c] = false;
            kept += keep[c];
        }
        if (kept == 0)
            r->conflict = true;
        else if (keep_classes(r, keep))
            *changed = true;
        free(keep);
    }
    return RC_OK;
}

/* ---- the weaker cues ---------------------------------------------------------------------- */

static void keep_one(rrow *r, size_t c)
{
    size_t k = r->nvals;
    if (c != 0) {
        memmove(&r->cols[0], &r->cols[c * k], k * sizeof *r->cols);
        memmove(&r->keys[0], &r->keys[c * k], k * sizeof *r->keys);
    }
    r->nclasses = 1;
}

/* The same line item under another member has the same columns (the R page
 * builds every member block from the same contexts and units). */
static bool cue_same_label(recover *rc)
{
    bool changed = false;
    for (size_t i = 0; i < rc->nrows; i++) {
        rrow *r = &rc->rows[i];
        if (!open_row(r)) continue;
        long found = -1;
        bool clash = false;
        for (size_t j = 0; j < rc->nrows && !clash; j++) {
            const rrow *o = &rc->rows[j];
            if (j == i || !decided(o) || o->nvals != r->nvals || o->base_len != r->base_len ||
                strncmp(o->label, r->label, r->base_len) != 0)
                continue;
            for (size_t c = 0; c < r->nclasses; c++) {
                if (memcmp(&r->cols[c * r->nvals], o->cols, r->nvals * sizeof *o->cols) != 0)
                    continue;
                if (found >= 0 && (size_t)found != c) clash = true;
                found = (long)c;
            }
        }
        if (found >= 0 && !clash) {
            keep_one(r, (size_t)found);
            changed = true;
        }
    }
    return changed;
}

/* Two equal values side by side are one fact shown in both columns of its period
 * (as the share counts are), rather than two periods that happen to agree. */
static bool cue_side_by_side(recover *rc)
{
    bool changed = false;
    for (size_t i = 0; i < rc->nrows; i++) {
        rrow *r = &rc->rows[i];
        if (!open_row(r) || r->nvals < 2) continue;
        size_t best = 0, nbest = 0, score_best = 0;
        for (size_t c = 0; c < r->nclasses; c++) {
            size_t score = 0;
            for (size_t v = 0; v + 1 < r->nvals; v++)
                if (values_equal(&r->vals[v], &r->vals[v + 1]) &&
                    class_period(rc, r, c, v) == class_period(rc, r, c, v + 1))
                    score++;
            if (score > score_best) {
                score_best = score;
                best = c;
                nbest = 1;
            } else if (score == score_best) {
                nbest++;
            }
        }
        if (score_best > 0 && nbest == 1) {
            keep_one(r, best);
            changed = true;
        }
    }
    return changed;
}

/* The value row r shows in period p under class c, or NULL. */
static const val *value_in(const recover *rc, const rrow *r, size_t c, size_t p)
{
    for (size_t v = 0; v < r->nvals; v++)
        if (class_period(rc, r, c, v) == p) return &r->vals[v];
    return NULL;
}

/* Periods that end the day before period p starts (same members). */
static bool period_follows(const recover *rc, size_t prev, size_t p)
{
    const period *a = &rc->periods[prev], *b = &rc->periods[p];
    return !b->instant && b->start != RC_NO_DATE && a->end != RC_NO_DATE &&
           a->end + 1 == b->start && strcmp(a->members, b->members) == 0;
}

static bool same_measure(const rrow *a, const rrow *b)
{
    if (a->kind != b->kind) return false;
    if (a->kind == VK_COUNT) return true;
    return a->measure == b->measure;
}

static void note_row(const rrow *r, rc_buf *b)
{
    rc_buf_puts(b, "\"");
    rc_buf_puts(b, r->label);
    rc_buf_puts(b, "\"");
}

/*
 * Chaining: a period's opening balance equals the closing balance of the period
 * before it, in the same member block.  That is the identity RC110 (and RC111,
 * RC112 for prices) checks, so a layout it decides is named in a note.
 */
static int cue_chaining(recover *rc, bool *changed)
{
    for (size_t i = 0; i < rc->nrows; i++) {
        rrow *u = &rc->rows[i];
        if (!open_row(u) || (u->key != KEY_BEGIN && u->key != KEY_END)) continue;
        size_t *match = calloc(u->nclasses, sizeof *match);
        bool *keep = calloc(u->nclasses, sizeof *keep);
        if (!match || !keep) {
            free(match);
            free(keep);
            return RC_ENOMEM;
        }
        bool used = false;
        for (size_t c = 0; c < u->nclasses; c++) {
            keep[c] = true;
            for (size_t j = 0; j < rc->nrows; j++) {
                const rrow *o = &rc->rows[j];
                if (!decided(o) || o->block != u->block || !same_measure(u, o) ||
                    o->key != (u->key == KEY_BEGIN ? KEY_END : KEY_BEGIN))
                    continue;
                for (size_t v = 0; v < u->nvals; v++) {
                    size_t p = class_period(rc, u, c, v);
                    for (size_t q = 0; q < rc->nperiods; q++) {
                        bool linked = u->key == KEY_BEGIN ? period_follows(rc, q, p)
                                                          : period_follows(rc, p, q);
                        if (!linked) continue;
                        const val *other = value_in(rc, o, 0, q);
                        if (!other) continue;
                        used = true;
                        if (values_equal(&u->vals[v], other))
                            match[c]++;
                        else
                            keep[c] = false;
                    }
                }
            }
        }
        size_t best = 0;
        for (size_t c = 0; c < u->nclasses; c++)
            if (keep[c] && match[c] > best) best = match[c];
        for (size_t c = 0; c < u->nclasses; c++)
            keep[c] = keep[c] && match[c] == best;
        size_t kept = 0;
        for (size_t c = 0; c < u->nclasses; c++)
            kept += keep[c];
        int err = RC_OK;
        if (used && kept == 1 && keep_classes(u, keep)) {
            *changed = true;
            rc_buf b = RC_BUF_INIT;
            rc_buf_puts(&b, "the columns of ");
            note_row(u, &b);
            rc_buf_printf(&b,
                          " were chosen because only that layout makes its balances equal "
                          "to the %s balances of the adjacent periods: %s on those "
                          "roll-forwards is therefore not an independent check",
                          u->key == KEY_BEGIN ? "closing" : "opening",
                          u->kind == VK_COUNT                   ? "RC110 (balance chaining)"
                          : u->measure == RC_MEASURE_FAIR_VALUE ? "RC112 (fair value chaining)"
                                                                : "RC111 (price chaining)");
            char *text = rc_buf_take(&b);
            err = text ? rc_capnotes_add(rc->notes, u->line, "%s", text) : RC_ENOMEM;
            free(text);
        }
        free(match);
        free(keep);
        if (err < 0) return err;
        if (*changed) return RC_OK;
    }
    return RC_OK;
}

/*
 * The last resort: the count roll-forward identity (opening + additions -
 * deductions = closing), per member block, over the count rows whose layout
 * is still open.  Where every combination that balances agrees on a row's
 * layout, that layout is taken, and a note says that RC101 on those
 * roll-forwards is then no independent check.
 */
static int cue_identity(recover *rc, bool *changed)
{
    size_t nblocks = 0;
    for (size_t i = 0; i < rc->nrows; i++)
        if (rc->rows[i].block + 1 > nblocks) nblocks = rc->rows[i].block + 1;
    int err = RC_OK;
    size_t *idx = calloc(rc->nrows ? rc->nrows : 1, sizeof *idx);
    size_t *choice = calloc(rc->nrows ? rc->nrows : 1, sizeof *choice);
    size_t *agreed = calloc(rc->nrows ? rc->nrows : 1, sizeof *agreed);
    bool *agree = calloc(rc->nrows ? rc->nrows : 1, sizeof *agree);
    mpq_t sum, mag;
    mpq_init(sum);
    mpq_init(mag);
    if (!idx || !choice || !agreed || !agree) {
        err = RC_ENOMEM;
        goto done;
    }
    for (size_t b = 0; b < nblocks && !*changed; b++) {
        size_t n = 0, nopen = 0;
        long combos = 1;
        bool has_begin = false, has_end = false;
        for (size_t i = 0; i < rc->nrows; i++) {
            const rrow *r = &rc->rows[i];
            if (r->block != b || r->kind != VK_COUNT || r->nclasses == 0 || r->too_many ||
                (r->key != KEY_BEGIN && r->key != KEY_END && r->key != KEY_MOVE))
                continue;
            has_begin |= r->key == KEY_BEGIN;
            has_end |= r->key == KEY_END;
            idx[n++] = i;
            if (open_row(r)) {
                nopen++;
                combos *= (long)r->nclasses;
                if (combos > MAX_COMBOS) break;
            }
        }
        if (!has_begin || !has_end || nopen == 0 || combos > MAX_COMBOS) continue;
        size_t nbalancing = 0;
        memset(choice, 0, n * sizeof *choice);
        for (;;) {
            /* does this combination balance in every period that shows both balances? */
            bool balances = true, checked = false;
            for (size_t p = 0; p < rc->nperiods && balances; p++) {
                const val *open = NULL, *close = NULL;
                for (size_t k = 0; k < n; k++) {
                    const rrow *r = &rc->rows[idx[k]];
                    if (r->key == KEY_BEGIN && !open)
                        open = value_in(rc, r, choice[k], p);
                    else if (r->key == KEY_END && !close)
                        close = value_in(rc, r, choice[k], p);
                }
                if (!open || !close || open->shape != RC_CAPVAL_NUMBER ||
                    close->shape != RC_CAPVAL_NUMBER)
                    continue;
                mpq_set(sum, open->num.q);
                for (size_t k = 0; k < n; k++) {
                    const rrow *r = &rc->rows[idx[k]];
                    if (r->key != KEY_MOVE) continue;
                    const val *m = value_in(rc, r, choice[k], p);
                    if (!m || m->shape != RC_CAPVAL_NUMBER) continue;
                    int dir = rc_role_direction(r->cls.role);
                    mpq_abs(mag, m->num.q);
                    if (dir > 0)
                        mpq_add(sum, sum, mag);
                    else if (dir < 0)
                        mpq_sub(sum, sum, mag);
                    else
                        mpq_add(sum, sum, m->num.q);
                }
                checked = true;
                balances = mpq_equal(sum, close->num.q) != 0;
            }
            if (balances && checked) {
                for (size_t k = 0; k < n; k++) {
                    if (nbalancing == 0) {
                        agreed[k] = choice[k];
                        agree[k] = true;
                    } else if (agreed[k] != choice[k]) {
                        agree[k] = false;
                    }
                }
                nbalancing++;
            }
            /* next combination of the open rows */
            size_t k = 0;
            for (; k < n; k++) {
                const rrow *r = &rc->rows[idx[k]];
                if (!open_row(r)) continue;
                if (++choice[k] < r->nclasses) break;
                choice[k] = 0;
            }
            if (k == n) break;
        }
        if (nbalancing == 0) continue;
        for (size_t k = 0; k < n; k++) {
            rrow *r = &rc->rows[idx[k]];
            if (!open_row(r) || !agree[k]) continue;
            keep_one(r, agreed[k]);
            *changed = true;
            rc_buf nb = RC_BUF_INIT;
            rc_buf_puts(&nb, "the columns of ");
            note_row(r, &nb);
            rc_buf_puts(&nb, " were chosen because only that layout makes the count "
                             "roll-forward balance: RC101 on those roll-forwards is therefore "
                             "not an independent check");
            char *text = rc_buf_take(&nb);
            err = text ? rc_capnotes_add(rc->notes, r->line, "%s", text) : RC_ENOMEM;
            free(text);
            if (err < 0) goto done;
        }
    }
done:
    mpq_clear(sum);
    mpq_clear(mag);
    free(idx);
    free(choice);
    free(agreed);
    free(agree);
    return err;
}

/* ---- putting the cells in place ------------------------------------------------------------ */

static void describe_class(const recover *rc, const rrow *r, size_t c, rc_buf *b)
{
    size_t seen[16], n = 0;
    for (size_t v = 0; v < r->nvals && n < 16; v++) {
        size_t key = r->keys[c * r->nvals + v];
        if (n == 0 || r->keys[c * r->nvals + seen[n - 1]] != key) seen[n++] = v;
    }
    for (size_t k = 0; k < n; k++) {
        if (k > 0) rc_buf_puts(b, k + 1 == n ? " and " : ", ");
        size_t j = r->cols[c * r->nvals + seen[k]];
        describe_period(rc, rc->cols[j].period, b);
        if (!is_count_kind(r->vals[seen[k]].kind) && rc->cols[j].currency >= 0)
            rc_buf_printf(b, " (%s)", rc->currencies[rc->cols[j].currency]);
    }
}

/* How much a row matters to the checks: roll-forward rows first. */
static int row_rank(const recover *rc, const rrow *r)
{
    rkey k = r->pair >= 0 ? rc->rows[r->pair].key : r->key;
    if (k == KEY_BEGIN || k == KEY_END || k == KEY_MOVE) return 3;
    if (k != KEY_NONE) return 2;
    return 1;
}

/* Heading cells with no column (a period group left with no column) go. */
static void drop_unplaced(rc_grid *grid)
{
    for (size_t r = 0; r < grid->nrows && (grid->rows[r].flags & RC_ROW_HEAD); r++) {
        rc_grid_row *row = &grid->rows[r];
        size_t out = 0;
        for (size_t k = 0; k < row->ncells; k++)
            if (row->cells[k].col != RC_COL_UNKNOWN) row->cells[out++] = row->cells[k];
        row->ncells = out;
    }
}

static void list_values(const rrow *r, rc_buf *b)
{
    rc_buf_puts(b, " (");
    for (size_t v = 0; v < r->nvals && v < 6; v++)
        rc_buf_printf(b, "%s%s", v ? ", " : "", r->vals[v].cell->text);
    if (r->nvals > 6) rc_buf_puts(b, ", ...");
    rc_buf_puts(b, ")");
}

/* "the columns of "X" (...) could be A and B or A and C: ..." */
static void ambiguity_note(const recover *rc, const rrow *r, rc_buf *b)
{
    rc_buf_puts(b, "the columns of ");
    note_row(r, b);
    list_values(r, b);
    rc_buf_puts(b, " could be ");
    if (r->too_many) {
        rc_buf_puts(b, "any of very many layouts");
    } else {
        for (size_t c = 0; c < r->nclasses && c < 3; c++) {
            if (c) rc_buf_puts(b, " or ");
            describe_class(rc, r, c, b);
        }
        if (r->nclasses > 3) rc_buf_printf(b, " or %zu other layouts", r->nclasses - 3);
    }
    if (row_rank(rc, r) > 1)
        rc_buf_puts(b, ": the checks of the roll-forwards they belong to are skipped");
    else
        rc_buf_puts(b, ": they were put in the first of these and marked ambiguous");
}

/* A row whose only layout puts a movement or a closing balance where the table
 * holds openings only. */
static void conflict_note(const recover *rc, const rrow *r, rc_buf *b)
{
    rc_buf_puts(b, "the values of ");
    note_row(r, b);
    list_values(r, b);
    rc_buf_puts(b, " fit the units only with one in a column that holds opening balances "
                   "only (");
    bool first = true;
    for (size_t v = 0; v < r->nvals; v++) {
        size_t j = r->cols[v];
        if (!rc->opening_only[j]) continue;
        if (!first) rc_buf_puts(b, ", ");
        describe_period(rc, rc->cols[j].period, b);
        first = false;
    }
    rc_buf_puts(b, "): a stray or a missing cell in the capture? they were put there all the "
                   "same: the checks of the roll-forwards they belong to are skipped");
}

static bool block_has_balance(const recover *rc, size_t block)
{
    for (size_t i = 0; i < rc->nrows; i++)
        if (rc->rows[i].block == block &&
            (rc->rows[i].key == KEY_BEGIN || rc->rows[i].key == KEY_END))
            return true;
    return false;
}

static int place(recover *rc)
{
    for (size_t i = 0; i < rc->nrows; i++) {
        rrow *r = &rc->rows[i];
        if (r->nclasses == 0) {
            /* no column fits: the values are not read (no number is ever guessed) */
            rc_buf b = RC_BUF_INIT;
            rc_buf_printf(&b, "the %zu values of ", r->nvals);
            note_row(r, &b);
            if (r->nvals > rc->ncols)
                rc_buf_printf(&b, " are more than the table's %zu columns", rc->ncols);
            else
                rc_buf_puts(&b, " fit no layout of the table's columns");
            rc_buf_puts(&b, ": they were not read (a stray or a missing cell in the capture?)");
            char *text = rc_buf_take(&b);
            int err = text ? rc_capnotes_add(rc->notes, r->line, "%s", text) : RC_ENOMEM;
            free(text);
            if (err < 0) return err;
            r->row->ncells = 1;
            continue;
        }
        bool ambiguous = r->nclasses > 1 || r->too_many || r->conflict;
        for (size_t v = 0; v < r->nvals; v++) {
            rc_cell *cell = r->vals[v].cell;
            cell->col = r->cols[v] + 1;
            cell->span = 1;
            if (ambiguous) cell->flags |= RC_CELL_AMBIGUOUS;
        }
        bool matters = r->cls.what != RC_WHAT_OTHER && r->cls.what != RC_WHAT_HEADING &&
                       block_has_balance(rc, r->block);
        if (r->level > 0 && matters) {
            int err = rc_capnotes_add(
                rc->notes, r->line, "the values of \"%s\" fit no column by %s: they were placed %s",
                r->label, r->level == 1 ? "their currency symbols" : "the units of the headings",
                r->level == 1   ? "by the row's unit"
                : r->level == 2 ? "without the units"
                                : "in the first columns that keep their order");
            if (err < 0) return err;
        }
        /* a row that belongs to no roll-forward (a conversion ratio, shares authorised)
         * keeps its cells marked, but no check depends on it: no note */
        if (!ambiguous) continue;
        /* nor does a row of a member block that has no balance at all (grants quoted in
         * a narrative page): no roll-forward can come of it */
        if (!matters) continue;
        rc_buf b = RC_BUF_INIT;
        if (r->conflict && r->nclasses == 1)
            conflict_note(rc, r, &b);
        else
            ambiguity_note(rc, r, &b);
        int rank = row_rank(rc, r);
        char *text = rc_buf_take(&b);
        if (!text) return RC_ENOMEM;
        int err = rc_capnotes_add(rc->notes, r->line, "%s", text);
        if (err == RC_OK && rank > rc->why_rank) {
            const char *why = rc_grid_strdup(rc->grid, text);
            if (!why) err = RC_ENOMEM;
            rc->why = why;
            rc->why_rank = rank;
        }
        free(text);
        if (err < 0) return err;
    }
    if (rc->why) rc->grid->why_ambiguous = rc->why;
    /* the group cells: their runs; a group with no column left is dropped */
    for (size_t g = 0; g < rc->ngroups; g++) {
        rc_cell *c = rc->groups[g];
        if (rc->run_len[g] > 0) {
            c->col = (unsigned)rc->run_first[g] + 1;
            c->span = (unsigned)rc->run_len[g];
        }
    }
    drop_unplaced(rc->grid);
    return RC_OK;
}

/* ---- the whole ---------------------------------------------------------------------------- */

static size_t infeasible(recover *rc, int *err)
{
    size_t bad = 0;
    for (size_t i = 0; i < rc->nrows && *err == RC_OK; i++) {
        rrow *r = &rc->rows[i];
        *err = enumerate(rc, r, 0);
        if (r->nclasses == 0 && !r->too_many) bad++;
    }
    return bad;
}

int rc_recover_columns(rc_grid *grid, const rc_vocab *vocab, rc_capnotes *notes, rc_ctx *ctx)
{
    assert(grid && vocab && notes);
    recover rc;
    memset(&rc, 0, sizeof rc);
    rc.grid = grid;
    rc.vocab = vocab;
    rc.notes = notes;
    rc.ctx = ctx;
    rc.trailing_instant = true;
    int err = read_headings(&rc);
    if (err < 0) goto done;
    if ((err = read_rows(&rc)) < 0) goto done;
    if (rc.ncols == 0) {
        if (rc.nrows > 0)
            err = rc_ctx_fail_at(ctx, RC_ESYNTAX, grid->file, rc.rows[0].line, 0,
                                 "values before any column heading: the capture has no column "
                                 "headings (\"|\" then a date line) or is truncated");
        drop_unplaced(grid);
        goto done;
    }
    if ((err = assign_spans(&rc)) < 0) goto done;
    size_t bad = infeasible(&rc, &err);
    if (err < 0) goto done;
    bool trailing = false;
    for (size_t j = 0; j < rc.ncols; j++)
        trailing |= rc.cols[j].trailing;
    if (bad > 0 && trailing) {
        /* some row needs the trailing column to be a duration (R143's grants) */
        rc.trailing_instant = false;
        if ((err = assign_spans(&rc)) < 0) goto done;
        size_t bad2 = infeasible(&rc, &err);
        if (err < 0) goto done;
        if (bad2 >= bad) {
            rc.trailing_instant = true;
            if ((err = assign_spans(&rc)) < 0) goto done;
            infeasible(&rc, &err);
            if (err < 0) goto done;
        }
    }
    /* rows no layout fits: relax the cues one by one */
    for (size_t i = 0; i < rc.nrows; i++) {
        rrow *r = &rc.rows[i];
        for (int level = 1; level <= 3 && r->nclasses == 0 && r->nvals <= rc.ncols; level++)
            if ((err = enumerate(&rc, r, level)) < 0) goto done;
    }
    if ((err = propagate(&rc)) < 0) goto done;
    bool changed = false;
    if ((err = apply_profiles(&rc, &changed)) < 0) goto done;
    for (;;) {
        if ((err = propagate(&rc)) < 0) goto done;
        changed = false;
        if (cue_same_label(&rc) || cue_side_by_side(&rc)) continue;
        if ((err = cue_chaining(&rc, &changed)) < 0) goto done;
        if (changed) continue;
        if ((err = cue_identity(&rc, &changed)) < 0) goto done;
        if (!changed) break;
    }
    err = place(&rc);
done:
    free_rows(&rc);
    free_columns(&rc);
    free(rc.groups);
    free(rc.run_first);
    free(rc.run_len);
    free(rc.opening_only);
    return err;
}
