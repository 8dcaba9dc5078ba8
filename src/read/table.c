/*
 * The table interpreter: a grid (grid.h) into facts and roll-forward entries.
 *
 * One interpreter for every rendered form.  Two kinds of grid:
 *
 *  - REPORT (an R page's report table): columns are periods (a group "12
 *    Months Ended" over a date, or a date alone: an instant) with the units
 *    and members their headings list; rows are line items, each one measure
 *    (a count, a price, a term...), classified by the concept the row names,
 *    then by its label, then by the section heading above it.  One entry per
 *    column x member block x award class.
 *
 *  - NOTE (a note's own table): columns are measures (number, exercise price,
 *    fair value, term, intrinsic value), possibly under period groups; rows
 *    are balances and movements, several periods may be stacked one below the
 *    other ("Balance - December 31, 2020" closes one year and opens the next).
 *    One entry per stacked segment x column group.
 *
 * Both run in two passes: the first classifies every row and works out the
 * blocks, segments and periods; the second makes a fact of every number and
 * places it.  Entries are kept here until the end and become roll-forwards
 * only when they hold a balance: movements alone (a grant quoted in a
 * narrative page) are facts, not a roll-forward.  rc_model_finish merges the
 * entries of one key and period, folds lone balances and chains the years.
 */
#include <assert.h>
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "read/classify.h"
#include "read/table.h"

/* ---- small helpers ------------------------------------------------------------------- */

static bool is_digit(char c)
{
    return c >= '0' && c <= '9';
}

static char lower(char c)
{
    return c >= 'A' && c <= 'Z' ? (char)(c + 32) : c;
}

/* Case-insensitive search for an ASCII needle. */
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

static bool blank_text(const char *s)
{
    for (; *s; s++)
        if (*s != ' ' && *s != '\n' && *s != '\t') return false;
    return true;
}

/* The date N months before a day of month-end-aware arithmetic: the start of a
 * period of `months` months ending on `end`.  *approx is set when `end` is not the
 * last day of its month (52/53-week years), where the start may be a few days off. */
static rc_day start_of_months(rc_day end, int months, bool *approx)
{
    int y, m, d;
    rc_day_to_ymd(end, &y, &m, &d);
    rc_day next = end + 1;
    int ny, nm, nd;
    rc_day_to_ymd(next, &ny, &nm, &nd);
    if (nd == 1) { /* end is a month's last day: the start is a first of a month */
        int total = ny * 12 + (nm - 1) - months;
        *approx = false;
        return rc_day_from_ymd(total / 12, total % 12 + 1, 1);
    }
    int total = y * 12 + (m - 1) - months;
    int sy = total / 12, sm = total % 12 + 1;
    static const int dim[] = {31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
    int sd = d;
    int maxd = dim[sm - 1];
    if (sm == 2 && !((sy % 4 == 0 && sy % 100 != 0) || sy % 400 == 0)) maxd = 28;
    if (sd > maxd) sd = maxd;
    *approx = true;
    return rc_day_from_ymd(sy, sm, sd) + 1;
}

/* "12 Months Ended", "52 Weeks Ended": the length; false when text is no group. */
static bool parse_group(const char *text, int *months, int *weeks)
{
    const char *s = text;
    while (*s == ' ')
        s++;
    if (!is_digit(*s)) return false;
    int n = 0;
    while (is_digit(*s)) {
        if (n > 1000) return false; /* no period is that long */
        n = n * 10 + (*s++ - '0');
    }
    while (*s == ' ')
        s++;
    size_t w = 0;
    while (s[w] && s[w] != ' ')
        w++;
    bool is_month = (w == 6 && find_ci(s, "months") == s) || (w == 5 && find_ci(s, "month") == s);
    bool is_week = (w == 5 && find_ci(s, "weeks") == s) || (w == 4 && find_ci(s, "week") == s);
    if (!is_month && !is_week) return false;
    s += w;
    while (*s == ' ')
        s++;
    if (find_ci(s, "ended") != s) return false;
    s += 5;
    while (*s == ' ')
        s++;
    if (*s) return false;
    /* "0 Months Ended" (the renderer writes it for some contexts): a group of unknown
     * length, whose columns are read as instants */
    *months = is_month && n <= 1200 ? n : 0;
    *weeks = is_week && n <= 5200 ? n : 0;
    return true;
}

/* ---- the table's state ------------------------------------------------------------------ */

typedef struct column {
    bool used;    /* a value column */
    rc_day end;   /* its date */
    rc_day start; /* duration start, RC_NO_DATE for an instant column */
    bool duration;
    bool approx;
    int months, weeks;
    unsigned units;       /* bit 1 << rc_unit_kind */
    const char *currency; /* of its money / per-share units */
    const char **members; /* member lines of its heading (plan members) */
    size_t nmembers;
    int award; /* an award its heading's members name, or -1 */
    const char *award_type;
    bool no_rf;                /* a Minimum / Maximum column */
    const char *range;         /* a heading member that is a range of exercise prices */
    const rc_cell *range_cell; /* ... the heading cell that names it */
    /* NOTE */
    rc_measure measure;
    bool measure_by_shape;
    int scale;
    const char *note_currency;
    int group; /* period group index, -1 none */
} column;

typedef struct group {
    const rc_cell *cell; /* the heading cell, or NULL */
    rc_day end;          /* its period end (or RC_NO_DATE) */
    int year;            /* a bare year, or 0 */
} group;

typedef struct scale_entry {
    rc_unit_kind kind;
    const char *code; /* ISO code or NULL when not said */
    int scale;
} scale_entry;

typedef struct symbol_entry {
    char symbol[8];
    char code[4];
} symbol_entry;

typedef struct tmovement {
    rc_role role;
    int direction;
    size_t row;        /* NOTE: the row it was read from (one row, one movement) */
    const char *label; /* the stem, in the model */
    rc_fact *count, *price, *fair_value;
} tmovement;

/* A pending roll-forward. */
typedef struct entry {
    int col;      /* REPORT: the column; NOTE: the group (or -1) */
    size_t block; /* REPORT: the member block; NOTE: the segment */
    int award;
    const char *award_type;
    const char **members;
    size_t nmembers;
    rc_day start, end;
    bool approx;
    const char *currency;
    rc_balance lines[RC_LINE__COUNT];
    tmovement *mvs;
    size_t nmvs;
    rc_fact *share_price, *contractual_term;
    rc_source src;
    bool has_src;
    bool ambiguous;
    struct trange *ranges; /* its table of options by range of exercise prices */
    size_t nranges;
} entry;

/* A row of a table of options by range of exercise prices, being read. */
typedef struct trange {
    const char *label;    /* as shown ("$10.01 - $20.00"), in the model */
    const rc_cell *where; /* the cell that names it: its bounds are read from its words when
                             no row states them */
    rc_fact *low, *high, *count, *price, *term, *aiv, *ex_count, *ex_price, *ex_term;
} trange;

/* A member block of a REPORT grid. */
typedef struct block {
    const char **members; /* plan members */
    size_t nmembers;
    int award;
    const char *award_type;
    bool no_rf;                /* Minimum / Maximum: rows of no roll-forward */
    bool has_rf;               /* holds balance or movement rows with values */
    bool moves;                /* holds movement rows with values */
    const char *range;         /* a member that is a range of exercise prices, or NULL */
    const rc_cell *range_cell; /* ... the member row's label cell */
} block;

/* What the first pass decided about a body row. */
typedef enum row_kind {
    ROW_SKIP = 0, /* no values, or a member row */
    ROW_VALUES    /* a row with values */
} row_kind;

typedef struct rowplan {
    row_kind kind;
    rc_class cls;        /* resolved class */
    bool strong_measure; /* the measure came from the row's own words or concept */
    size_t block;        /* REPORT block / NOTE segment */
    int line;            /* NOTE: the balance line placed, or -1 */
    bool movement;       /* NOTE: a movement (classified or not) */
    bool unclassified;   /* a movement of role other, with a note */
    bool facts_only;
    int next_open;     /* NOTE: this closing row also opens segment next_open, or -1 */
    const char *label; /* full label text (grid's) */
    const rc_cell *label_cell;
    const char *concept;
} rowplan;

/* A stacked period of a NOTE grid. */
typedef struct segment {
    int award;
    const char *award_type;
    rc_day d_open;      /* date in the opening label, as written */
    bool open_is_close; /* the opening is the previous segment's closing (start = d + 1) */
    rc_day d_close;
    int phase; /* 0 new, 1 opened, 2 moved, 3 closed */
    rc_day start, end;
    bool approx;
} segment;

typedef struct table {
    rc_model *model;
    const rc_vocab *vocab;
    const rc_grid *grid;
    rc_ctx *ctx;
    rc_table_stats stats;
    const char *file; /* in the model */
    size_t first_body;
    column *cols;
    unsigned ncols;
    group *groups;
    size_t ngroups;
    scale_entry scales[16];
    size_t nscales;
    symbol_entry symbols[16];
    size_t nsymbols;
    const char *title_currency;
    unsigned title_units; /* units promoted into the title: every column has them */
    const char **title_members;
    size_t ntitle_members;
    int title_award;
    const char *title_award_type;
    int default_award;
    int award_words; /* texts of the table that name an award class */
    const char *default_award_type;
    int default_months;
    rowplan *plans; /* per grid row */
    block *blocks;
    size_t nblocks;
    segment *segs;
    size_t nsegs;
    entry *entries;
    size_t nentries;
    /* NOTE period defaults */
    rc_day ctx_end;
    int ctx_months;
    bool shapes_noted;
    int rc;
} table;

static int oom(table *t)
{
    t->rc = RC_ENOMEM;
    return rc_ctx_fail(t->ctx, RC_ENOMEM, "out of memory while reading a table of %s",
                       t->grid->file ? t->grid->file : "the input");
}

static const char *mstrdup(table *t, const char *s)
{
    if (!s) return NULL;
    const char *c = rc_model_strdup(t->model, s);
    if (!c) oom(t);
    return c;
}

static void note(table *t, const rc_source *src, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));

static void note(table *t, const rc_source *src, const char *fmt, ...)
{
    if (t->rc < 0) return;
    rc_buf b = RC_BUF_INIT;
    va_list ap;
    va_start(ap, fmt);
    rc_buf_vprintf(&b, fmt, ap);
    va_end(ap);
    char *text = rc_buf_take(&b);
    if (!text) {
        oom(t);
        return;
    }
    unsigned line = src ? src->line : t->grid->src.line;
    unsigned col = src ? src->col : t->grid->src.col;
    if (rc_model_add_note(t->model, t->grid->file, line, col, "%s", text) < 0) oom(t);
    free(text);
}

/* ---- currencies and scales ----------------------------------------------------------- */

/* The ISO code a symbol stands for on this page ("$" is TWD on a page that says
 * "TWD ($)"), from the heading units seen, else the default. */
static const char *resolve_symbol(const table *t, const char *symbol)
{
    for (size_t i = 0; i < t->nsymbols; i++)
        if (strcmp(t->symbols[i].symbol, symbol) == 0)
            return rc_currency_code(t->symbols[i].code, 3) ? rc_currency_code(t->symbols[i].code, 3)
                                                           : NULL;
    return rc_currency_code(symbol, strlen(symbol));
}

/* A currency code that lives as long as the model. */
static const char *intern_code(table *t, const char *code)
{
    if (!code || !code[0]) return NULL;
    const char *s = rc_currency_code(code, strlen(code));
    if (s && strcmp(s, code) == 0) return s;
    return mstrdup(t, code);
}

static const char *unit_currency(table *t, const rc_unit *u)
{
    if (u->code[0]) return intern_code(t, u->code);
    if (u->symbol[0]) return resolve_symbol(t, u->symbol);
    return NULL;
}

static void remember_symbol(table *t, const rc_unit *u)
{
    if (!u->code[0] || !u->symbol[0] || t->nsymbols >= sizeof t->symbols / sizeof *t->symbols)
        return;
    for (size_t i = 0; i < t->nsymbols; i++)
        if (strcmp(t->symbols[i].symbol, u->symbol) == 0) return;
    symbol_entry *e = &t->symbols[t->nsymbols++];
    memcpy(e->symbol, u->symbol, sizeof e->symbol);
    memcpy(e->code, u->code, sizeof e->code);
}

/* Units of a heading line: one unit ("USD ($)"), or several joined by " / " as
 * some captures write them ("USD ($) / $ / shares").  Returns how many. */
static size_t parse_unit_line(const char *line, rc_unit *out, size_t max)
{
    if (rc_unit_parse(line, strlen(line), &out[0])) return 1;
    size_t n = 0;
    const char *p = line;
    while (*p && n < max) {
        const char *q = strstr(p, " / ");
        size_t len = q ? (size_t)(q - p) : strlen(p);
        rc_unit u;
        if (!rc_unit_parse(p, len, &u)) return 0;
        if (u.kind == RC_UNIT_MONEY && q) {
            /* "$ / shares" inside the line */
            const char *r = q + 3;
            const char *q2 = strstr(r, " / ");
            size_t len2 = q2 ? (size_t)(q2 - r) : strlen(r);
            rc_unit v;
            if (rc_unit_parse(r, len2, &v) && v.kind == RC_UNIT_SHARES) {
                u.kind = RC_UNIT_PER_SHARE;
                out[n++] = u;
                p = q2 ? q2 + 3 : r + len2;
                continue;
            }
        }
        out[n++] = u;
        p = q ? q + 3 : p + len;
    }
    return *p ? 0 : n;
}

/* "$ / shares in Units, ¥ in Thousands, $ in Thousands": a scale per unit. */
static void parse_scale_line(table *t, const char *line)
{
    const char *p = line;
    while (p && *p) {
        const char *comma = strstr(p, ", ");
        size_t len = comma ? (size_t)(comma - p) : strlen(p);
        char part[128];
        if (len < sizeof part) {
            memcpy(part, p, len);
            part[len] = '\0';
            char *in = NULL;
            for (char *q = part; (q = strstr(q, " in ")) != NULL; q++)
                in = q;
            if (in) {
                *in = '\0';
                const char *word = in + 4;
                int scale = -1;
                if (find_ci(word, "units") == word)
                    scale = 0;
                else if (find_ci(word, "thousands") == word)
                    scale = 3;
                else if (find_ci(word, "millions") == word)
                    scale = 6;
                else if (find_ci(word, "billions") == word)
                    scale = 9;
                rc_unit u;
                if (scale >= 0 && rc_unit_parse(part, strlen(part), &u) &&
                    t->nscales < sizeof t->scales / sizeof *t->scales) {
                    scale_entry *e = &t->scales[t->nscales++];
                    e->kind = u.kind;
                    e->code = u.kind == RC_UNIT_SHARES || u.kind == RC_UNIT_PURE
                                  ? NULL
                                  : unit_currency(t, &u);
                    e->scale = scale;
                }
            }
        }
        p = comma ? comma + 2 : NULL;
    }
}

static int scale_for(const table *t, rc_kind kind, const char *currency)
{
    rc_unit_kind want = kind == RC_KIND_COUNT   ? RC_UNIT_SHARES
                        : kind == RC_KIND_PRICE ? RC_UNIT_PER_SHARE
                        : kind == RC_KIND_MONEY ? RC_UNIT_MONEY
                                                : RC_UNIT_NONE;
    if (want == RC_UNIT_NONE) return 0;
    const scale_entry *only = NULL;
    size_t nkind = 0;
    for (size_t i = 0; i < t->nscales; i++) {
        const scale_entry *e = &t->scales[i];
        if (e->kind != want) continue;
        nkind++;
        only = e;
        if (want == RC_UNIT_SHARES) return e->scale;
        if (currency && e->code && strcmp(currency, e->code) == 0) return e->scale;
    }
    return nkind == 1 && (!currency || !only->code) ? only->scale : 0;
}

/* ---- parsing a value cell -------------------------------------------------------------- */

typedef struct cellval {
    bool number;   /* a number was read */
    bool term;     /* a duration written in words ("6 years 2 months") */
    bool dash;     /* "-", "—": nothing or zero */
    bool negative; /* shown negative: "(1,234)", "-5" */
    bool percent;
    bool integer;         /* no decimal places written */
    int places;           /* decimal places written */
    const char *currency; /* from a symbol written with it */
    const char *body;     /* the text after the symbol */
    rc_value v;           /* at scale 0 */
} cellval;

/* Read a cell as a number: a currency symbol may lead ("$ 0.01", "¥ 4,306", "C$1.00",
 * "$ (743)"); a duration in words is a term. */
static bool read_cell(table *t, const rc_cell *cell, cellval *out)
{
    memset(out, 0, sizeof *out);
    rc_value_init(&out->v);
    const char *s = cell->text;
    while (*s == ' ' || *s == '\n')
        s++;
    if (!*s || (cell->flags & RC_CELL_NIL)) return false;
    /* a leading currency symbol or code */
    const char *p = s;
    bool dash_char = (unsigned char)p[0] == 0xe2 && (unsigned char)p[1] == 0x80;
    if (!is_digit(*p) && *p != '(' && *p != '-' && *p != '.' && *p != '+' && !dash_char) {
        const char *q = p;
        while (*q && *q != ' ' && !is_digit(*q) && *q != '(' && *q != '-')
            q++;
        char sym[8];
        size_t n = (size_t)(q - p);
        if (n == 0 || n >= sizeof sym) return false;
        memcpy(sym, p, n);
        sym[n] = '\0';
        if (!rc_currency_code(sym, n)) goto words;
        out->currency = resolve_symbol(t, sym);
        p = q;
        while (*p == ' ')
            p++;
    }
    out->body = p;
    size_t errpos;
    const char *errmsg;
    if (rc_value_parse(&out->v, p, strlen(p), 0, RC_PARSE_TABLE, &errpos, &errmsg) == RC_OK) {
        out->number = true;
        out->dash = (out->v.flags & RC_VALUE_DASH) != 0;
        out->negative = (out->v.flags & (RC_VALUE_PARENS | RC_VALUE_MINUS)) != 0;
        out->percent = (out->v.flags & RC_VALUE_PERCENT) != 0;
        out->places = out->v.shown == RC_DECIMALS_INF ? 0 : out->v.shown;
        out->integer = out->places <= 0;
        return true;
    }
words:
    if (rc_term_parse(&out->v, s, strlen(s), NULL) == RC_OK && !is_digit(s[strlen(s) - 1])) {
        out->term = true;
        out->body = s;
        return true;
    }
    return false;
}

/* ---- facts ------------------------------------------------------------------------------ */

static rc_kind kind_of(rc_measure m)
{
    switch (m) {
    case RC_MEASURE_COUNT:
        return RC_KIND_COUNT;
    case RC_MEASURE_PRICE:
    case RC_MEASURE_FAIR_VALUE:
    case RC_MEASURE_SHARE_PRICE:
    case RC_MEASURE_PER_SHARE:
        return RC_KIND_PRICE;
    case RC_MEASURE_AIV:
        return RC_KIND_MONEY;
    case RC_MEASURE_TERM:
    case RC_MEASURE_CONTRACTUAL_TERM:
        return RC_KIND_TERM;
    case RC_MEASURE_NONE:
    default:
        return RC_KIND_PURE;
    }
}

/* Make the fact for a cell.  The value is re-read at the scale of its kind. */
static rc_fact *make_fact(table *t, const rc_cell *cell, const cellval *cv, rc_kind kind,
                          const char *currency, int scale, const rowplan *rp, rc_day start,
                          rc_day end)
{
    rc_fact *f = rc_model_new_fact(t->model);
    if (!f) {
        oom(t);
        return NULL;
    }
    t->stats.facts++;
    if (cv->term || kind == RC_KIND_TERM || scale == 0 || cv->dash) {
        rc_value_set(&f->value, &cv->v);
        if (cv->term) kind = RC_KIND_TERM;
    } else if (rc_value_parse(&f->value, cv->body, strlen(cv->body), scale, RC_PARSE_TABLE, NULL,
                              NULL) != RC_OK) {
        rc_value_set(&f->value, &cv->v);
    }
    f->kind = kind;
    f->currency = (kind == RC_KIND_PRICE || kind == RC_KIND_MONEY) ? currency : NULL;
    /* the number as written, without the currency symbol the fact's currency keeps: so
     * that the text reads back as the same value (rollcheck extract) */
    f->text = mstrdup(t, cv->body ? cv->body : cell->text);
    f->concept = rp->concept ? mstrdup(t, rp->concept) : NULL;
    f->label = mstrdup(t, rp->label);
    f->src = cell->src;
    f->src.file = t->file;
    f->src.id = NULL;
    f->start = start;
    f->end = end;
    return f;
}

/* A second report of the same number, for a second place (the closing of one
 * period that a table also shows as the opening of the next). */
static rc_fact *copy_fact(table *t, const rc_fact *src)
{
    rc_fact *f = rc_model_new_fact(t->model);
    if (!f) {
        oom(t);
        return NULL;
    }
    rc_value_set(&f->value, &src->value);
    f->kind = src->kind;
    f->currency = src->currency;
    f->text = src->text;
    f->concept = src->concept;
    f->label = src->label;
    f->src = src->src;
    f->start = src->start;
    f->end = src->end;
    return f;
}

/* Put f into slot, or after the facts already there (a duplicate report). */
static void put(rc_fact **slot, rc_fact *f)
{
    if (!f) return;
    while (*slot)
        slot = &(*slot)->dup;
    *slot = f;
}

/* ---- entries ------------------------------------------------------------------------------ */

static entry *find_entry(table *t, int col, size_t blk, int award)
{
    for (size_t i = 0; i < t->nentries; i++) {
        entry *e = &t->entries[i];
        if (e->col == col && e->block == blk && e->award == award) return e;
    }
    entry *p = realloc(t->entries, (t->nentries + 1) * sizeof *p);
    if (!p) {
        oom(t);
        return NULL;
    }
    t->entries = p;
    entry *e = &t->entries[t->nentries++];
    memset(e, 0, sizeof *e);
    e->col = col;
    e->block = blk;
    e->award = award;
    e->start = e->end = RC_NO_DATE;
    return e;
}

static void entry_touch(table *t, entry *e, const rc_cell *cell, const char *currency)
{
    if (!e->has_src) {
        e->src = cell->src;
        e->src.file = t->file;
        e->src.id = NULL;
        e->has_src = true;
    }
    if (cell->flags & RC_CELL_AMBIGUOUS) e->ambiguous = true;
    if (!e->currency && currency) e->currency = currency;
}

/* The label of a movement: the row label without its unit suffix and unit hints
 * ("Granted during the year (in shares) | shares" -> "Granted during the year"),
 * so that the count row and the price row of one movement meet. */
static const char *movement_label(table *t, const char *label)
{
    size_t n = rc_label_split_unit(label, NULL);
    rc_buf b = RC_BUF_INIT;
    for (size_t i = 0; i < n;) {
        if (label[i] == '(') {
            const char *close = memchr(label + i, ')', n - i);
            const char *in = label + i + 1;
            bool hint = close && (find_ci(in, "in ") == in || find_ci(in, "per ") == in ||
                                  find_ci(in, "number") == in || find_ci(in, "shares)") == in);
            if (hint) {
                i = (size_t)(close - label) + 1;
                continue;
            }
        }
        rc_buf_putc(&b, label[i] == '\n' ? ' ' : label[i]);
        i++;
    }
    char *s = rc_buf_take(&b);
    if (!s) {
        oom(t);
        return NULL;
    }
    /* collapse the blanks left behind and trim */
    char *w = s;
    bool space = false;
    for (char *r = s; *r; r++) {
        if (*r == ' ') {
            space = w != s;
            continue;
        }
        if (space) *w++ = ' ';
        space = false;
        *w++ = *r;
    }
    *w = '\0';
    while (w > s && (w[-1] == ',' || w[-1] == ':' || w[-1] == '-' || w[-1] == ' '))
        *--w = '\0';
    const char *out = mstrdup(t, s[0] ? s : label);
    free(s);
    return out;
}

/* The movement a value of row `row` belongs to.  In a note's table a row is one
 * movement with all its measures; in an R page the count and the price of one
 * movement are two rows, met by role and label. */
static tmovement *find_movement(table *t, entry *e, rc_role role, const char *stem, rc_measure m,
                                size_t row)
{
    bool note_grid = t->grid->kind == RC_GRID_NOTE;
    for (size_t i = 0; i < e->nmvs; i++)
        if (e->mvs[i].role == role && strcmp(e->mvs[i].label, stem) == 0 &&
            (!note_grid || e->mvs[i].row == row))
            return &e->mvs[i];
    /* the only movement of its role whose slot is free: the count row and the price
     * row of one movement may be worded differently */
    if (role != RC_ROLE_OTHER && !note_grid) {
        tmovement *only = NULL;
        size_t n = 0;
        for (size_t i = 0; i < e->nmvs; i++) {
            if (e->mvs[i].role == role) {
                n++;
                only = &e->mvs[i];
            }
        }
        if (n == 1) {
            rc_fact *slot = m == RC_MEASURE_COUNT   ? only->count
                            : m == RC_MEASURE_PRICE ? only->price
                                                    : only->fair_value;
            if (!slot) return only;
        }
    }
    tmovement *p = realloc(e->mvs, (e->nmvs + 1) * sizeof *p);
    if (!p) {
        oom(t);
        return NULL;
    }
    e->mvs = p;
    tmovement *mv = &e->mvs[e->nmvs++];
    memset(mv, 0, sizeof *mv);
    mv->role = role;
    mv->direction = rc_role_direction(role);
    mv->label = stem;
    mv->row = row;
    return mv;
}

/* Place a fact of a balance line. */
static void place_balance(entry *e, rc_line line, rc_measure m, rc_fact *f)
{
    rc_balance *b = &e->lines[line];
    switch (m) {
    case RC_MEASURE_COUNT:
        put(&b->count, f);
        break;
    case RC_MEASURE_PRICE:
        put(&b->price, f);
        break;
    case RC_MEASURE_FAIR_VALUE:
        put(&b->fair_value, f);
        break;
    case RC_MEASURE_AIV:
        put(&b->aiv, f);
        break;
    case RC_MEASURE_TERM:
        put(&b->term, f);
        break;
    case RC_MEASURE_SHARE_PRICE:
        put(&e->share_price, f);
        break;
    case RC_MEASURE_CONTRACTUAL_TERM:
        put(&e->contractual_term, f);
        break;
    default:
        break;
    }
}

static void place_movement(table *t, entry *e, const rowplan *rp, rc_role role, rc_measure m,
                           rc_fact *f, bool negative)
{
    size_t row = (size_t)(rp - t->plans);
    if (m != RC_MEASURE_COUNT && m != RC_MEASURE_PRICE && m != RC_MEASURE_FAIR_VALUE) return;
    const char *stem = movement_label(t, rp->label);
    if (!stem) return;
    tmovement *mv = find_movement(t, e, role, stem, m, row);
    if (!mv) return;
    if (m == RC_MEASURE_COUNT) {
        put(&mv->count, f);
        /* a signed role goes the way the table shows it */
        if (rc_role_direction(role) == 0 && mpq_sgn(f->value.q) != 0)
            mv->direction = negative ? -1 : +1;
    } else if (m == RC_MEASURE_PRICE) {
        put(&mv->price, f);
    } else {
        put(&mv->fair_value, f);
    }
}

static bool balance_empty(const rc_balance *b)
{
    return !b->count && !b->price && !b->fair_value && !b->aiv && !b->term;
}

static void trange_bounds(table *t, entry *e);

/* Turn the entries that hold a balance into roll-forwards of the model. */
static void materialise(table *t)
{
    for (size_t i = 0; i < t->nentries && t->rc == RC_OK; i++) {
        entry *e = &t->entries[i];
        bool any = e->nranges > 0;
        for (int l = 0; l < RC_LINE__COUNT; l++)
            any = any || !balance_empty(&e->lines[l]);
        if (!any) continue;
        if (e->end == RC_NO_DATE) {
            note(t, &e->src,
                 "the period of a table's %s could not be told from its labels, headings or "
                 "caption: read without dates",
                 e->award == RC_AWARD_OTHER ? "award activity" : "option activity");
        }
        rc_rollforward *rf = rc_model_add_rollforward(t->model);
        if (!rf) {
            oom(t);
            return;
        }
        rf->file = t->file;
        rf->src = e->src;
        rf->award = e->award == RC_AWARD_OTHER ? RC_AWARD_OTHER : RC_AWARD_OPTIONS;
        rf->award_type = e->award_type ? mstrdup(t, e->award_type) : NULL;
        if (e->nmembers && rc_model_set_members(t->model, rf, e->members, e->nmembers) != RC_OK) {
            oom(t);
            return;
        }
        rf->currency = e->currency;
        rf->start = e->start;
        rf->end = e->end;
        rf->signs = RC_SIGNS_DISPLAYED;
        memcpy(rf->lines, e->lines, sizeof rf->lines);
        for (size_t k = 0; k < e->nmvs; k++) {
            rc_movement *mv = rc_model_add_movement(t->model, rf);
            if (!mv) {
                oom(t);
                return;
            }
            mv->role = e->mvs[k].role;
            mv->direction = e->mvs[k].direction;
            mv->label = e->mvs[k].label;
            mv->count = e->mvs[k].count;
            mv->price = e->mvs[k].price;
            mv->fair_value = e->mvs[k].fair_value;
        }
        rf->share_price = e->share_price;
        rf->contractual_term = e->contractual_term;
        trange_bounds(t, e);
        for (size_t k = 0; k < e->nranges && t->rc == RC_OK; k++) {
            const trange *tr = &e->ranges[k];
            rc_range *r = rc_model_add_range(t->model, rf);
            if (!r) {
                oom(t);
                return;
            }
            r->label = tr->label;
            r->low = tr->low;
            r->high = tr->high;
            r->count = tr->count;
            r->price = tr->price;
            r->term = tr->term;
            r->aiv = tr->aiv;
            r->exercisable_count = tr->ex_count;
            r->exercisable_price = tr->ex_price;
            r->exercisable_term = tr->ex_term;
        }
        if (e->approx) rf->flags |= RC_RF_START_APPROX;
        if (e->ambiguous) {
            rf->flags |= RC_RF_AMBIGUOUS;
            rf->why_ambiguous = mstrdup(t, t->grid->why_ambiguous
                                               ? t->grid->why_ambiguous
                                               : "the columns of some of its values are ambiguous");
        }
        t->stats.rollforwards++;
    }
}

/* ---- ranges of exercise prices: their labels ---------------------------------------------- */

/* A range of exercise prices as a label writes it: "$10.01 - $20.00", "$ 0.45 to $ 1.00",
 * "$244–276", "$30.00 and over", "Under $10", "Exercise Price $325", "8.96". */
typedef struct price_range {
    const char *low, *high; /* the numbers as written, in the label; NULL for an open end */
    size_t low_len, high_len;
    char symbol[8]; /* the currency symbol or code written, or "" */
} price_range;

static bool word_is(const char *w, size_t n, const char *const *list)
{
    for (size_t i = 0; list[i]; i++)
        if (strlen(list[i]) == n && find_ci(w, list[i]) == w) return true;
    return false;
}

/* Parse a label as a range of exercise prices.  Only the words of such labels may appear
 * besides the numbers and currency signs ("Range of exercise prices from", "and over"), so
 * that "2013 Plan" or "Tranche 2" is no range; a number needs a currency sign, a decimal
 * point or a word that says price beside it ("2015 - 2018" is no range of prices). */
static bool parse_price_range(const char *text, price_range *out)
{
    static const char *const fillers[] = {
        "exercise", "exercisable", "price",  "prices",  "range", "ranges", "of",      "option",
        "options",  "with",        "from",   "between", "and",   "to",     "through", "thru",
        "per",      "share",       "shares", "the",     "at",    "in",     "dollars", "strike",
        "or",       "than",        "up",     "member",  NULL};
    static const char *const open_low[] = {"under", "below", "less", "up", NULL};
    static const char *const open_high[] = {"over", "above", "more", "higher", "greater", NULL};
    static const char *const codes[] = {"USD", "CAD", "EUR", "GBP", "CNY", "RMB",
                                        "HKD", "JPY", "AUD", "CHF", "TWD", NULL};
    memset(out, 0, sizeof *out);
    const char *num[3];
    size_t numlen[3], nnum = 0;
    bool below = false, above = false, priceword = false, decimal = false, dash = false;
    const char *s = text;
    while (*s) {
        unsigned char c = (unsigned char)*s;
        if (c == ' ' || c == '\n' || c == '\t' || c == ',' || c == '(' || c == ')' || c == ':') {
            s++;
        } else if (is_digit(*s)) {
            const char *b = s;
            while (is_digit(*s) || (*s == ',' && is_digit(s[1])) || (*s == '.' && is_digit(s[1]))) {
                if (*s == '.') decimal = true;
                s++;
            }
            if (nnum == 3) return false;
            num[nnum] = b;
            numlen[nnum++] = (size_t)(s - b);
        } else if (c == '$' || c == '-' || c == '~' || c == '/' || c == '.' ||
                   (c == 0xe2 && (unsigned char)s[1] == 0x80 &&
                    ((unsigned char)s[2] == 0x93 || (unsigned char)s[2] == 0x94))) {
            if (c == '$' && !out->symbol[0]) strcpy(out->symbol, "$");
            if (c == '-' || c == '~' || c == 0xe2) dash = true;
            s += c == 0xe2 ? 3 : 1;
        } else if (c == 0xe2 && (unsigned char)s[1] == 0x82 && (unsigned char)s[2] == 0xac) {
            if (!out->symbol[0]) strcpy(out->symbol, "\xe2\x82\xac"); /* euro */
            s += 3;
        } else if (c == 0xc2 && ((unsigned char)s[1] == 0xa3 || (unsigned char)s[1] == 0xa5)) {
            if (!out->symbol[0]) memcpy(out->symbol, s, 2); /* pound, yen */
            s += 2;
        } else if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z')) {
            const char *w = s;
            while ((*s >= 'a' && *s <= 'z') || (*s >= 'A' && *s <= 'Z'))
                s++;
            size_t n = (size_t)(s - w);
            if (*s == '$' && n <= 2) { /* "US$", "C$", "HK$" */
                if (n + 2 <= sizeof out->symbol) {
                    memcpy(out->symbol, w, n + 1);
                    out->symbol[n + 1] = '\0';
                }
                s++;
            } else if (word_is(w, n, codes)) {
                if (n < sizeof out->symbol) {
                    memcpy(out->symbol, w, n);
                    out->symbol[n] = '\0';
                }
            } else if (word_is(w, n, open_low)) {
                below = true;
            } else if (word_is(w, n, open_high)) {
                above = true;
            } else if (word_is(w, n, fillers)) {
                priceword |= find_ci(w, "price") == w || find_ci(w, "range") == w ||
                             find_ci(w, "strike") == w;
            } else {
                return false;
            }
        } else {
            return false;
        }
    }
    if (nnum == 0 || nnum > 2) return false;
    if (!out->symbol[0] && !decimal && !priceword) return false;
    if (nnum == 2) {
        if (below || above || !dash) {
            /* "$10.01 to $20.00" has no dash: "to", "through" join the two ends */
            if (below || above) return false;
        }
        out->low = num[0];
        out->low_len = numlen[0];
        out->high = num[1];
        out->high_len = numlen[1];
    } else if (below && !above) {
        out->high = num[0];
        out->high_len = numlen[0];
    } else if (above && !below) {
        out->low = num[0];
        out->low_len = numlen[0];
    } else if (!below && !above) {
        out->low = out->high = num[0];
        out->low_len = out->high_len = numlen[0];
    } else {
        return false;
    }
    if (out->low && out->high && out->low != out->high) {
        rc_value lo, hi;
        rc_value_init(&lo);
        rc_value_init(&hi);
        bool ok = rc_value_parse(&lo, out->low, out->low_len, 0, RC_PARSE_GROUPING, NULL, NULL) ==
                      RC_OK &&
                  rc_value_parse(&hi, out->high, out->high_len, 0, RC_PARSE_GROUPING, NULL, NULL) ==
                      RC_OK &&
                  mpq_cmp(lo.q, hi.q) <= 0;
        rc_value_clear(&lo);
        rc_value_clear(&hi);
        if (!ok) return false;
    }
    return true;
}

/* Does a member QName ("us-gaap:...ByExercisePriceRangeAxis=abc:RangeOneMember", as an R
 * page's member row names it) sit on an axis of ranges of exercise prices? */
static bool price_range_axis(const char *concept)
{
    const char *eq = concept ? strchr(concept, '=') : NULL;
    if (!eq) return false;
    const char *colon = memchr(concept, ':', (size_t)(eq - concept));
    const char *axis = colon ? colon + 1 : concept;
    size_t n = (size_t)(eq - axis);
    bool range = false, price = false;
    for (size_t i = 0; i + 5 <= n; i++) {
        range |= strncmp(axis + i, "Range", 5) == 0;
        price |= strncmp(axis + i, "Price", 5) == 0;
    }
    return range && price;
}

/* ---- members and awards --------------------------------------------------------------- */

/* "Share Incentive Plan 2017 [Member]" -> "Share Incentive Plan 2017" (malloc'ed). */
static char *member_name(const char *text, size_t n)
{
    while (n && (*text == ' ' || *text == '\n')) {
        text++;
        n--;
    }
    while (n && (text[n - 1] == ' ' || text[n - 1] == '\n'))
        n--;
    if (n >= 8 && memcmp(text + n - 8, "[Member]", 8) == 0) {
        n -= 8;
        while (n && text[n - 1] == ' ')
            n--;
    }
    char *s = malloc(n + 1);
    if (s) {
        memcpy(s, text, n);
        s[n] = '\0';
    }
    return s;
}

static bool is_range_member(const char *name)
{
    const char *n = name;
    const char *colon = strrchr(n, ':');
    if (colon) n = colon + 1;
    const char *eq = strrchr(n, '=');
    if (eq) n = eq + 1;
    return find_ci(n, "minimum") == n || find_ci(n, "maximum") == n ||
           find_ci(n, "weighted average [member]") == n;
}

typedef struct member_set {
    const char **names; /* plan members, in the model */
    size_t n;
    int award;
    const char *award_type;
    bool no_rf;
    const char *range; /* a member that names a range of exercise prices, in the model */
} member_set;

/* Split "A | B" into plan members and award types. */
static int parse_members(table *t, const char *text, member_set *ms)
{
    memset(ms, 0, sizeof *ms);
    ms->award = -1;
    const char *p = text;
    while (p && *p) {
        const char *bar = strstr(p, " | ");
        size_t len = bar ? (size_t)(bar - p) : strlen(p);
        char *name = member_name(p, len);
        if (!name) return oom(t);
        if (name[0]) {
            int award;
            const char *type;
            price_range pr;
            if (is_range_member(name)) {
                ms->no_rf = true;
            } else if (!ms->range && parse_price_range(name, &pr)) {
                /* a row of the table of options by range of exercise prices */
                if (!(ms->range = mstrdup(t, name))) {
                    free(name);
                    return t->rc;
                }
            } else if (rc_classify_member(t->vocab, name, &award, &type)) {
                if (ms->award < 0) {
                    ms->award = award;
                    ms->award_type = type;
                }
            } else {
                const char **nn = realloc(ms->names, (ms->n + 1) * sizeof *nn);
                if (!nn) {
                    free(name);
                    return oom(t);
                }
                ms->names = nn;
                if (!(ms->names[ms->n++] = mstrdup(t, name))) {
                    free(name);
                    return t->rc;
                }
            }
        }
        free(name);
        p = bar ? bar + 3 : NULL;
    }
    return RC_OK;
}

/* The award class of a row label's words, or -1. */
static int award_of_text(table *t, const char *text, const char **type)
{
    rc_class c;
    rc_classify_label(t->vocab, text, &c);
    if (type) *type = c.award_type;
    return c.award;
}

/* The table's default award class: other when only other-award words (RSU,
 * nonvested, units) are seen, else options. */
static void default_award(table *t)
{
    int options = 0, other = 0;
    const char *other_type = NULL;
    const char *texts[3] = {t->grid->title, t->grid->context, NULL};
    for (int k = 0; texts[k]; k++) {
        const char *type;
        int a = award_of_text(t, texts[k], &type);
        options += a == RC_AWARD_OPTIONS;
        other += a == RC_AWARD_OTHER;
        if (a == RC_AWARD_OTHER && !other_type) other_type = type;
    }
    for (size_t r = 0; r < t->grid->nrows; r++) {
        const rc_grid_row *row = &t->grid->rows[r];
        for (size_t k = 0; k < row->ncells; k++) {
            const rc_cell *c = &row->cells[k];
            if (c->col != 0 && !(row->flags & RC_ROW_HEAD)) continue;
            if (!c->text[0]) continue;
            const char *type;
            int a = award_of_text(t, c->text, &type);
            options += a == RC_AWARD_OPTIONS;
            other += a == RC_AWARD_OTHER;
            if (a == RC_AWARD_OTHER && !other_type) other_type = type;
        }
    }
    t->default_award = other > 0 && options == 0 ? RC_AWARD_OTHER : RC_AWARD_OPTIONS;
    t->default_award_type = t->default_award == RC_AWARD_OTHER ? other_type : NULL;
    t->award_words = options + other;
}

/*
 * A note table is an award activity table only when it speaks of awards (its title,
 * caption, headings or rows name options, units, restricted stock...) and a segment
 * of it moves (a granted, exercised, forfeited... row) or shows exercisable or vested
 * balances.  A revenue table's "deferred revenue as of the beginning of the period" or
 * an EPS table's "weighted-average shares outstanding" is neither: its rows stay
 * facts, with no roll-forward and no notes about rows it could not classify.
 */
static void gate_segments(table *t)
{
    const rc_grid *g = t->grid;
    for (size_t i = 0; i < t->nsegs; i++) {
        bool moves = false, awards = t->award_words > 0;
        for (size_t r = t->first_body; r < g->nrows; r++) {
            const rowplan *rp = &t->plans[r];
            if (rp->kind != ROW_VALUES || rp->block != i) continue;
            if ((rp->movement && !rp->unclassified) || rp->line == RC_LINE_EXERCISABLE ||
                rp->line == RC_LINE_VESTED_EXPECTED)
                moves = true;
            if (rp->cls.award >= 0) awards = true;
        }
        if (moves && awards) continue;
        for (size_t r = t->first_body; r < g->nrows; r++) {
            rowplan *rp = &t->plans[r];
            if (rp->kind != ROW_VALUES || rp->block != i) continue;
            rp->facts_only = true;
            rp->movement = rp->unclassified = false;
            rp->line = -1;
            rp->next_open = -1;
        }
    }
}

/* ---- classifying a row ----------------------------------------------------------------- */

static bool standard_concept(const char *qname)
{
    return strncmp(qname, "us-gaap:", 8) == 0 || strncmp(qname, "ifrs-full:", 10) == 0 ||
           strncmp(qname, "srt:", 4) == 0 || strncmp(qname, "dei:", 4) == 0;
}

/* Does a standard concept's name speak of share-based payment at all? */
static bool share_based_name(const char *qname)
{
    static const char *const words[] = {"sharebased",        "shareoption",  "stockoption",
                                        "equityinstruments", "options",      "restrictedstock",
                                        "sharebasedpayment", "sharesoptions"};
    for (size_t i = 0; i < sizeof words / sizeof *words; i++)
        if (find_ci(qname, words[i])) return true;
    return false;
}

static bool same_family(rc_role a, rc_role b)
{
    return (a == RC_ROLE_FORFEITED || a == RC_ROLE_EXPIRED || a == RC_ROLE_CANCELLED ||
            a == RC_ROLE_FORFEITED_EXPIRED) &&
           (b == RC_ROLE_FORFEITED || b == RC_ROLE_EXPIRED || b == RC_ROLE_CANCELLED ||
            b == RC_ROLE_FORFEITED_EXPIRED);
}

/* The class of a row: its concept first, its label for what the concept does not
 * say (the position, a measure), then the section above it. */
static void classify_row(table *t, const char *label, const char *concept, const rc_class *section,
                         rc_class *out, bool *strong_measure)
{
    rc_class lab, con;
    rc_classify_label(t->vocab, label, &lab);
    bool has_con = concept && !strchr(concept, '=') && rc_classify_concept(t->vocab, concept, &con);
    if (has_con) {
        *out = con;
        if (out->what == RC_WHAT_UNKNOWN) {
            out->what = lab.what;
            out->line = lab.line;
            out->outstanding = lab.outstanding;
            out->role = lab.role;
        }
        /* "RSUs canceled" tagged ...ForfeitedInPeriod: the table's word, so that the
         * note's own table (which has no concepts) says the same */
        if (out->what == RC_WHAT_MOVEMENT && lab.what == RC_WHAT_MOVEMENT &&
            same_family(out->role, lab.role))
            out->role = lab.role;
        out->position = lab.position;
        out->date = lab.date;
        if (out->measure == RC_MEASURE_NONE) out->measure = lab.measure;
        if (lab.award >= 0) {
            out->award = lab.award;
            out->award_type = lab.award_type;
        }
    } else {
        *out = lab;
        if (concept && standard_concept(concept) && !share_based_name(concept) &&
            out->what != RC_WHAT_HEADING) {
            /* a standard concept of another subject (shares outstanding of the equity
             * statement, say): no roll-forward row, whatever its label */
            out->what = RC_WHAT_OTHER;
        }
    }
    *strong_measure = out->measure != RC_MEASURE_NONE && out->measure != RC_MEASURE_PER_SHARE;
    if (section) {
        bool per_share_section = section->measure == RC_MEASURE_PRICE ||
                                 section->measure == RC_MEASURE_FAIR_VALUE ||
                                 section->measure == RC_MEASURE_SHARE_PRICE;
        if (out->measure == RC_MEASURE_NONE && section->measure != RC_MEASURE_PER_SHARE)
            out->measure = section->measure;
        else if (out->measure == RC_MEASURE_PER_SHARE && per_share_section)
            out->measure = section->measure;
        if (out->award < 0 && section->award >= 0) {
            out->award = section->award;
            out->award_type = section->award_type;
        }
    }
}

/* ---- ranges of exercise prices: their rows ------------------------------------------------ */

static int set_entry_members(table *t, entry *e, const block *b, const column *col);

/* A block of rows with movements is no range of exercise prices, whatever its member's
 * words: its member is a plan member after all. */
static int unrange_moving_blocks(table *t)
{
    for (size_t i = 0; i < t->nblocks; i++) {
        block *b = &t->blocks[i];
        if (!b->range || !b->moves) continue;
        const char **nn = realloc(b->members, (b->nmembers + 1) * sizeof *nn);
        if (!nn) return oom(t);
        b->members = nn;
        b->members[b->nmembers++] = b->range;
        b->range = NULL;
        b->range_cell = NULL;
    }
    return RC_OK;
}

static bool same_members(const char *const *a, size_t na, const char *const *b, size_t nb)
{
    if (na != nb) return false;
    for (size_t i = 0; i < na; i++) {
        size_t in_a = 0, in_b = 0;
        for (size_t k = 0; k < na; k++) {
            in_a += strcmp(a[k], a[i]) == 0;
            in_b += strcmp(b[k], a[i]) == 0;
        }
        if (in_a != in_b) return false;
    }
    return true;
}

/* The entry a range of block bi in column colno belongs to: the one of the same period,
 * award class and other members (the total the ranges break down), made when there is
 * none yet.  NULL when out of memory. */
static entry *range_owner(table *t, size_t bi, unsigned colno, int award, const char *type)
{
    const column *col = &t->cols[colno];
    const block *b = &t->blocks[bi];
    rc_day start = col->duration ? col->start : RC_NO_DATE;
    bool approx = col->approx;
    if (!col->duration && col->end != RC_NO_DATE)
        start = start_of_months(col->end, t->default_months, &approx);
    const char **want =
        malloc((t->ntitle_members + b->nmembers + col->nmembers + 1) * sizeof *want);
    if (!want) {
        oom(t);
        return NULL;
    }
    size_t n = 0;
    for (size_t i = 0; i < t->ntitle_members; i++)
        want[n++] = t->title_members[i];
    for (size_t i = 0; i < b->nmembers; i++)
        want[n++] = b->members[i];
    for (size_t i = 0; i < col->nmembers; i++)
        want[n++] = col->members[i];
    entry *e = NULL;
    for (size_t i = 0; i < t->nentries && !e; i++) {
        entry *x = &t->entries[i];
        if (x->award == award && x->end == col->end && x->start == start &&
            same_members(x->members, x->nmembers, want, n))
            e = x;
    }
    free(want);
    if (e) return e;
    if (!(e = find_entry(t, (int)colno, bi, award))) return NULL;
    e->award_type = type;
    e->start = start;
    e->end = col->end;
    e->approx = approx;
    if (set_entry_members(t, e, b, col) < 0) return NULL;
    return e;
}

static trange *find_trange(table *t, entry *e, const char *label, const rc_cell *where)
{
    for (size_t i = 0; i < e->nranges; i++)
        if (strcmp(e->ranges[i].label, label) == 0) return &e->ranges[i];
    trange *p = realloc(e->ranges, (e->nranges + 1) * sizeof *p);
    if (!p) {
        oom(t);
        return NULL;
    }
    e->ranges = p;
    trange *r = &p[e->nranges++];
    memset(r, 0, sizeof *r);
    r->label = mstrdup(t, label); /* the grid goes, the model stays */
    r->where = where;
    return r;
}

/* The place of a value of a range row: a bound, or a measure of its outstanding or
 * exercisable options.  Rows that say neither outstanding nor exercisable ("Weighted-
 * average exercise price" under a range member) are of its options outstanding; a price
 * row that is no average ("Exercise price") is the range's one price.  NULL: a fact only. */
static rc_fact **trange_slot(trange *r, const rc_class *cls, rc_measure m)
{
    if (cls->range == RC_RANGE_LOW) return m == RC_MEASURE_PRICE ? &r->low : NULL;
    if (cls->range == RC_RANGE_HIGH) return m == RC_MEASURE_PRICE ? &r->high : NULL;
    bool ex = cls->what == RC_WHAT_BALANCE && !cls->outstanding && cls->line == RC_LINE_EXERCISABLE;
    bool out = (cls->what == RC_WHAT_BALANCE && cls->outstanding) || cls->what == RC_WHAT_UNKNOWN;
    if (!ex && !out) return NULL;
    switch (m) {
    case RC_MEASURE_COUNT:
        return ex ? &r->ex_count : &r->count;
    case RC_MEASURE_PRICE:
        return ex ? &r->ex_price : &r->price;
    case RC_MEASURE_TERM:
        return ex ? &r->ex_term : &r->term;
    case RC_MEASURE_AIV:
        return ex ? NULL : &r->aiv;
    default:
        return NULL;
    }
}

/* Place fact f, a value of row rp in column colno of a REPORT grid, in the range its block
 * or column names. */
static void place_range_value(table *t, const rowplan *rp, size_t bi, unsigned colno, int award,
                              const char *type, rc_measure m, rc_fact *f)
{
    const block *b = &t->blocks[bi];
    const column *col = &t->cols[colno];
    const char *label = b->range ? b->range : col->range;
    const rc_cell *where = b->range ? b->range_cell : col->range_cell;
    if (b->range && col->range) {
        rc_buf jb = RC_BUF_INIT;
        rc_buf_printf(&jb, "%s | %s", b->range, col->range);
        char *joined = rc_buf_take(&jb);
        label = joined ? mstrdup(t, joined) : NULL;
        free(joined);
        if (!label) {
            oom(t);
            return;
        }
    }
    rc_class cls = rp->cls;
    /* "Exercise price" under a range: the range's one price, its low and high end */
    bool one_price =
        cls.what == RC_WHAT_UNKNOWN && m == RC_MEASURE_PRICE && !find_ci(rp->label, "average");
    if (one_price) cls.range = RC_RANGE_LOW;
    trange probe;
    memset(&probe, 0, sizeof probe);
    if (!trange_slot(&probe, &cls, m)) return; /* a fact only */
    entry *e = range_owner(t, bi, colno, award, type);
    if (!e) return;
    entry_touch(t, e, rp->label_cell ? rp->label_cell : where, f->currency);
    trange *r = find_trange(t, e, label, where);
    if (!r) return;
    if (one_price) {
        if (!r->low) r->low = f;
        if (!r->high) r->high = f;
        return;
    }
    put(trange_slot(r, &cls, m), f);
}

/* A bound read from a range's words, as a fact of the table (its place: the cell that
 * names the range). */
static rc_fact *bound_fact(table *t, const trange *r, const char *text, size_t len,
                           const char *currency, rc_day end)
{
    rc_fact *f = rc_model_new_fact(t->model);
    if (!f) {
        oom(t);
        return NULL;
    }
    if (rc_value_parse(&f->value, text, len, 0, RC_PARSE_GROUPING, NULL, NULL) != RC_OK)
        return NULL; /* parse_price_range read it: cannot happen */
    t->stats.facts++;
    f->kind = RC_KIND_PRICE;
    f->currency = currency;
    f->text = rc_model_strndup(t->model, text, len);
    f->label = r->label;
    if (r->where) {
        f->src = r->where->src;
        f->src.id = NULL;
    }
    f->src.file = t->file;
    f->end = end;
    if (!f->text) oom(t);
    return f;
}

/* The bounds of each range that no row states, from its words: "$10.01 - $20.00" is 10.01
 * to 20.00, "$30.00 and over" 30.00 and no high end, "$325" both 325. */
static void trange_bounds(table *t, entry *e)
{
    for (size_t i = 0; i < e->nranges && t->rc == RC_OK; i++) {
        trange *r = &e->ranges[i];
        price_range pr;
        if (r->low && r->high) continue;
        char *name = member_name(r->label, strlen(r->label));
        if (!name) {
            oom(t);
            return;
        }
        bool ok = parse_price_range(name, &pr);
        if (ok) {
            const char *currency = pr.symbol[0] ? resolve_symbol(t, pr.symbol) : NULL;
            if (!currency) currency = e->currency;
            if (!r->low && !r->high) {
                if (pr.low) r->low = bound_fact(t, r, pr.low, pr.low_len, currency, e->end);
                if (pr.high && pr.high == pr.low)
                    r->high = r->low;
                else if (pr.high)
                    r->high = bound_fact(t, r, pr.high, pr.high_len, currency, e->end);
            } else if (r->low && pr.high && pr.low) {
                /* the row states the low end; the words the high one, when they agree on
                 * the low */
                rc_value lo;
                rc_value_init(&lo);
                if (rc_value_parse(&lo, pr.low, pr.low_len, 0, RC_PARSE_GROUPING, NULL, NULL) ==
                        RC_OK &&
                    mpq_equal(lo.q, r->low->value.q))
                    r->high = pr.high == pr.low
                                  ? r->low
                                  : bound_fact(t, r, pr.high, pr.high_len, currency, e->end);
                rc_value_clear(&lo);
            }
        }
        free(name);
    }
}

/* ---- REPORT grids ------------------------------------------------------------------------ */

/* The title: "Name (Details) - Restricted stock units - USD ($)": the parts after the
 * report name are promoted members and units; they apply to every row. */
static int report_title(table *t)
{
    const char *title = t->grid->title;
    t->title_award = -1;
    if (!title) return RC_OK;
    static const char *const marks[] = {"(Details",   "(Detail", "(Tables",       "(Table",
                                        "(Narrative", "(Polic",  "(Parenthetical"};
    const char *after = NULL;
    for (size_t i = 0; i < sizeof marks / sizeof *marks; i++) {
        for (const char *p = title; (p = find_ci(p, marks[i])) != NULL; p++) {
            const char *close = strchr(p, ')');
            if (close && (!after || close + 1 > after)) after = close + 1;
        }
    }
    const char *p = after;
    if (!p) {
        /* no report-name marker: only trailing units can be told apart */
        p = title;
        const char *last = NULL;
        for (const char *q = title; (q = strstr(q, " - ")) != NULL; q++) {
            rc_unit u;
            const char *r = q + 3;
            const char *nx = strstr(r, " - ");
            size_t len = nx ? (size_t)(nx - r) : strlen(r);
            if (rc_unit_parse(r, len, &u) && !last)
                last = q;
            else if (!rc_unit_parse(r, len, &u))
                last = NULL;
        }
        if (!last) return RC_OK;
        p = last;
    }
    while (p && *p) {
        const char *dash = strstr(p, " - ");
        if (!dash) break;
        const char *part = dash + 3;
        const char *nx = strstr(part, " - ");
        size_t len = nx ? (size_t)(nx - part) : strlen(part);
        rc_unit u;
        if (rc_unit_parse(part, len, &u)) {
            remember_symbol(t, &u);
            t->title_units |= 1u << u.kind;
            if ((u.kind == RC_UNIT_MONEY || u.kind == RC_UNIT_PER_SHARE) && !t->title_currency)
                t->title_currency = unit_currency(t, &u);
        } else {
            char *name = member_name(part, len);
            if (!name) return oom(t);
            member_set ms;
            int rc = parse_members(t, name, &ms);
            free(name);
            if (rc < 0) return rc;
            if (ms.award >= 0 && t->title_award < 0) {
                t->title_award = ms.award;
                t->title_award_type = ms.award_type;
            }
            for (size_t k = 0; k < ms.n; k++) {
                const char **nn = realloc(t->title_members, (t->ntitle_members + 1) * sizeof *nn);
                if (!nn) {
                    free(ms.names);
                    return oom(t);
                }
                t->title_members = nn;
                t->title_members[t->ntitle_members++] = ms.names[k];
            }
            free(ms.names);
        }
        p = nx; /* the next " - ", or the end */
    }
    return RC_OK;
}

/* Column headings: groups, dates, units, members. */
static int report_columns(table *t)
{
    const rc_grid *g = t->grid;
    for (size_t r = 0; r < t->first_body; r++) {
        const rc_grid_row *row = &g->rows[r];
        for (size_t k = 0; k < row->ncells; k++) {
            const rc_cell *c = &row->cells[k];
            if (c->col == RC_COL_UNKNOWN || c->col == 0) continue;
            int months, weeks;
            if (parse_group(c->text, &months, &weeks)) {
                for (unsigned j = c->col; j < c->col + c->span && j < t->ncols; j++) {
                    t->cols[j].months = months;
                    t->cols[j].weeks = weeks;
                    t->cols[j].duration = months > 0 || weeks > 0;
                }
                continue;
            }
            if (c->span > 1 || !c->text[0]) continue; /* an empty group cell over instant columns */
            column *col = &t->cols[c->col];
            col->used = true;
            const char *p = c->text;
            while (*p) {
                const char *nl = strchr(p, '\n');
                size_t len = nl ? (size_t)(nl - p) : strlen(p);
                char line[256];
                if (len >= sizeof line) len = sizeof line - 1;
                memcpy(line, p, len);
                line[len] = '\0';
                rc_unit units[4];
                size_t nu;
                rc_day day;
                if (parse_group(line, &months, &weeks)) {
                    col->months = months;
                    col->weeks = weeks;
                    col->duration = months > 0 || weeks > 0;
                } else if (rc_parse_date(line, false, &day, NULL, NULL) == RC_OK) {
                    col->end = day;
                } else if ((nu = parse_unit_line(line, units, 4)) > 0) {
                    for (size_t u = 0; u < nu; u++) {
                        col->units |= 1u << units[u].kind;
                        remember_symbol(t, &units[u]);
                    }
                } else if (line[0]) {
                    member_set ms;
                    int rc = parse_members(t, line, &ms);
                    if (rc < 0) return rc;
                    if (ms.award >= 0 && col->award < 0) {
                        col->award = ms.award;
                        col->award_type = ms.award_type;
                    }
                    col->no_rf = col->no_rf || ms.no_rf;
                    if (ms.range && !col->range) {
                        col->range = ms.range;
                        col->range_cell = c;
                    }
                    for (size_t m = 0; m < ms.n; m++) {
                        const char **nn = realloc(col->members, (col->nmembers + 1) * sizeof *nn);
                        if (!nn) {
                            free(ms.names);
                            return oom(t);
                        }
                        col->members = nn;
                        col->members[col->nmembers++] = ms.names[m];
                    }
                    free(ms.names);
                }
                p = nl ? nl + 1 : p + len;
            }
        }
    }
    /* the currency of each column, once every symbol of the page is known */
    for (size_t r = 0; r < t->first_body; r++) {
        const rc_grid_row *row = &g->rows[r];
        for (size_t k = 0; k < row->ncells; k++) {
            const rc_cell *c = &row->cells[k];
            if (c->col == RC_COL_UNKNOWN || c->col == 0 || c->span > 1) continue;
            column *col = &t->cols[c->col];
            const char *p = c->text;
            while (*p && !col->currency) {
                const char *nl = strchr(p, '\n');
                size_t len = nl ? (size_t)(nl - p) : strlen(p);
                char line[256];
                if (len >= sizeof line) len = sizeof line - 1;
                memcpy(line, p, len);
                line[len] = '\0';
                rc_unit units[4];
                size_t nu = parse_unit_line(line, units, 4);
                for (size_t u = 0; u < nu && !col->currency; u++)
                    if (units[u].kind == RC_UNIT_MONEY || units[u].kind == RC_UNIT_PER_SHARE)
                        col->currency = unit_currency(t, &units[u]);
                p = nl ? nl + 1 : p + len;
            }
        }
    }
    /* periods */
    int counts[64] = {0};
    for (unsigned j = 1; j < t->ncols; j++)
        if (t->cols[j].duration && t->cols[j].months > 0 && t->cols[j].months < 64)
            counts[t->cols[j].months]++;
    int best = 12;
    for (int m = 1; m < 64; m++)
        if (counts[m] > counts[best]) best = m;
    t->default_months = best;
    for (unsigned j = 1; j < t->ncols; j++) {
        column *col = &t->cols[j];
        col->units |= t->title_units;
        if (!col->currency) col->currency = t->title_currency;
        if (col->end == RC_NO_DATE) {
            col->duration = false; /* a column without a date holds no period */
            continue;
        }
        col->used = true;
        if (col->duration && col->months > 0) {
            col->start = start_of_months(col->end, col->months, &col->approx);
        } else if (col->duration && col->weeks > 0) {
            col->start = col->end - 7 * col->weeks + 1;
        } else {
            col->duration = false;
            col->start = RC_NO_DATE;
        }
    }
    return RC_OK;
}

/* The first pass over a REPORT grid's body: blocks, sections and row classes. */
static int report_rows(table *t)
{
    const rc_grid *g = t->grid;
    rc_class section;
    bool has_section = false;
    size_t cur = 0;
    /* block 0: the rows before any member row */
    t->blocks = calloc(1, sizeof *t->blocks);
    if (!t->blocks) return oom(t);
    t->nblocks = 1;
    t->blocks[0].award = -1;
    for (size_t r = t->first_body; r < g->nrows; r++) {
        const rc_grid_row *row = &g->rows[r];
        rowplan *rp = &t->plans[r];
        rp->next_open = -1;
        rp->line = -1;
        const rc_cell *lc = rc_grid_cell_at(row, 0);
        rp->label_cell = lc;
        rp->label = lc ? lc->text : "";
        rp->concept = lc ? lc->concept : NULL;
        bool values = false;
        for (size_t k = 0; k < row->ncells; k++) {
            const rc_cell *c = &row->cells[k];
            if (c->col != 0 && c->col != RC_COL_UNKNOWN && !blank_text(c->text) &&
                !(c->flags & RC_CELL_NIL))
                values = true;
        }
        bool member_row = (row->flags & RC_ROW_MEMBER) ||
                          (!values && rp->concept && strstr(rp->concept, "Axis="));
        if (member_row) {
            block *b = realloc(t->blocks, (t->nblocks + 1) * sizeof *b);
            if (!b) return oom(t);
            t->blocks = b;
            block *nb = &t->blocks[t->nblocks];
            memset(nb, 0, sizeof *nb);
            member_set ms;
            if (parse_members(t, rp->label, &ms) < 0) return t->rc;
            nb->members = ms.names;
            nb->nmembers = ms.n;
            nb->award = ms.award;
            nb->award_type = ms.award_type;
            nb->no_rf = ms.no_rf;
            if (rp->concept && strchr(rp->concept, '=') && nb->award < 0) {
                int award;
                const char *type;
                if (rc_classify_member(t->vocab, strrchr(rp->concept, '=') + 1, &award, &type)) {
                    nb->award = award;
                    nb->award_type = type;
                }
            }
            if (rp->concept && is_range_member(rp->concept)) nb->no_rf = true;
            nb->range = ms.range;
            if (!nb->range && price_range_axis(rp->concept) && !strstr(rp->label, " | ")) {
                /* a range the member's words do not bound ("Range One"): its axis says */
                char *name = member_name(rp->label, strlen(rp->label));
                if (!name) return oom(t);
                nb->range = mstrdup(t, name);
                free(name);
                if (!nb->range) return t->rc;
            }
            if (nb->range) nb->range_cell = lc;
            cur = t->nblocks++;
            has_section = false;
            rp->kind = ROW_SKIP;
            continue;
        }
        rp->block = cur;
        classify_row(t, rp->label, rp->concept, has_section ? &section : NULL, &rp->cls,
                     &rp->strong_measure);
        if (!values) {
            /* a heading: its class is the context of the rows below */
            rc_class own;
            bool strong;
            classify_row(t, rp->label, rp->concept, NULL, &own, &strong);
            section = own;
            has_section = true;
            rp->kind = ROW_SKIP;
            continue;
        }
        rp->kind = ROW_VALUES;
        if (rp->cls.what == RC_WHAT_HEADING) rp->cls.what = RC_WHAT_UNKNOWN;
        if (rp->cls.what == RC_WHAT_BALANCE || rp->cls.what == RC_WHAT_MOVEMENT)
            t->blocks[cur].has_rf = true;
        if (rp->cls.what == RC_WHAT_MOVEMENT) t->blocks[cur].moves = true;
    }
    return unrange_moving_blocks(t);
}

/* The measure of a value of a REPORT row, from the row's class, the value and the
 * units; RC_MEASURE_NONE with *conflict set when they contradict each other. */
static rc_measure report_measure(const rowplan *rp, const cellval *cv, const rc_unit *rowunit,
                                 const column *col, int award, rc_kind *kind, bool *conflict)
{
    rc_measure m = rp->cls.measure;
    *conflict = false;
    rc_unit_kind uk = rowunit->kind;
    if (uk == RC_UNIT_NONE && cv->currency)
        uk = (m == RC_MEASURE_PRICE || m == RC_MEASURE_FAIR_VALUE || m == RC_MEASURE_PER_SHARE ||
              m == RC_MEASURE_SHARE_PRICE)
                 ? RC_UNIT_PER_SHARE
                 : RC_UNIT_MONEY;
    /* the units a column heading lists say what the column can hold, and may leave
     * out a unit promoted elsewhere: they decide only where the words do not */
    if (uk == RC_UNIT_NONE && (m == RC_MEASURE_NONE || m == RC_MEASURE_PER_SHARE)) {
        unsigned u = col->units &
                     ((1u << RC_UNIT_SHARES) | (1u << RC_UNIT_PER_SHARE) | (1u << RC_UNIT_MONEY));
        if (u == (1u << RC_UNIT_SHARES))
            uk = RC_UNIT_SHARES;
        else if (u == (1u << RC_UNIT_PER_SHARE))
            uk = RC_UNIT_PER_SHARE;
        else if (u == (1u << RC_UNIT_MONEY))
            uk = RC_UNIT_MONEY;
    }
    if (cv->term) {
        /* a duration is a term, whatever the section said */
        if (m != RC_MEASURE_CONTRACTUAL_TERM) m = RC_MEASURE_TERM;
        *kind = RC_KIND_TERM;
        return m;
    }
    if (cv->percent) {
        *kind = RC_KIND_PURE;
        return RC_MEASURE_NONE;
    }
    if (m == RC_MEASURE_TERM || m == RC_MEASURE_CONTRACTUAL_TERM) {
        if (uk == RC_UNIT_SHARES || uk == RC_UNIT_PER_SHARE || uk == RC_UNIT_MONEY) {
            if (rp->strong_measure) *conflict = true;
            m = RC_MEASURE_NONE;
        } else {
            *kind = RC_KIND_TERM;
            return m;
        }
    }
    if (m == RC_MEASURE_NONE) {
        if (uk == RC_UNIT_SHARES)
            m = RC_MEASURE_COUNT;
        else if (uk == RC_UNIT_PER_SHARE)
            m = RC_MEASURE_PER_SHARE;
        else if (uk == RC_UNIT_MONEY && rp->cls.what == RC_WHAT_BALANCE)
            m = RC_MEASURE_AIV;
    }
    if (m == RC_MEASURE_NONE && uk == RC_UNIT_NONE &&
        (rp->cls.what == RC_WHAT_BALANCE || rp->cls.what == RC_WHAT_MOVEMENT)) {
        /* a column that holds several units, and a row whose words say no measure: a
         * whole number where the column has shares is a count, a decimal where it has a
         * per-share unit an amount per share */
        bool shares = (col->units & (1u << RC_UNIT_SHARES)) || !col->units;
        bool per_share = (col->units & (1u << RC_UNIT_PER_SHARE)) != 0;
        if (cv->integer && shares) {
            m = RC_MEASURE_COUNT;
            uk = RC_UNIT_SHARES;
        } else if (!cv->integer && per_share) {
            m = RC_MEASURE_PER_SHARE;
            uk = RC_UNIT_PER_SHARE;
        }
    }
    if (m == RC_MEASURE_PER_SHARE)
        m = award == RC_AWARD_OTHER ? RC_MEASURE_FAIR_VALUE : RC_MEASURE_PRICE;
    /* words and unit must agree */
    rc_unit_kind need =
        m == RC_MEASURE_COUNT ? RC_UNIT_SHARES
        : (m == RC_MEASURE_PRICE || m == RC_MEASURE_FAIR_VALUE || m == RC_MEASURE_SHARE_PRICE)
            ? RC_UNIT_PER_SHARE
        : m == RC_MEASURE_AIV ? RC_UNIT_MONEY
                              : RC_UNIT_NONE;
    if (need != RC_UNIT_NONE && uk != RC_UNIT_NONE && uk != need && uk != RC_UNIT_PURE) {
        *conflict = true;
        *kind = uk == RC_UNIT_SHARES      ? RC_KIND_COUNT
                : uk == RC_UNIT_PER_SHARE ? RC_KIND_PRICE
                : uk == RC_UNIT_MONEY     ? RC_KIND_MONEY
                                          : RC_KIND_PURE;
        return RC_MEASURE_NONE;
    }
    if (m == RC_MEASURE_NONE) {
        *kind = uk == RC_UNIT_SHARES      ? RC_KIND_COUNT
                : uk == RC_UNIT_PER_SHARE ? RC_KIND_PRICE
                : uk == RC_UNIT_MONEY     ? RC_KIND_MONEY
                                          : RC_KIND_PURE;
        return m;
    }
    *kind = kind_of(m);
    return m;
}

static const char *measure_word(rc_measure m)
{
    switch (m) {
    case RC_MEASURE_COUNT:
        return "a number of shares";
    case RC_MEASURE_PRICE:
        return "an exercise price";
    case RC_MEASURE_FAIR_VALUE:
        return "a fair value";
    case RC_MEASURE_AIV:
        return "an intrinsic value";
    case RC_MEASURE_TERM:
    case RC_MEASURE_CONTRACTUAL_TERM:
        return "a term";
    case RC_MEASURE_SHARE_PRICE:
        return "a share price";
    case RC_MEASURE_PER_SHARE:
        return "an amount per share";
    case RC_MEASURE_NONE:
    default:
        return "a number";
    }
}

/* The award class (and type) of a REPORT row's entry. */
static int report_award(const table *t, const rowplan *rp, const column *col, const char **type)
{
    const block *b = &t->blocks[rp->block];
    if (b->award >= 0) {
        *type = b->award_type;
        return b->award;
    }
    if (t->title_award >= 0) {
        *type = t->title_award_type;
        return t->title_award;
    }
    if (col->award >= 0) {
        *type = col->award_type;
        return col->award;
    }
    if (rp->cls.award >= 0) {
        *type = rp->cls.award_type;
        return rp->cls.award;
    }
    *type = t->default_award_type;
    return t->default_award;
}

static int set_entry_members(table *t, entry *e, const block *b, const column *col)
{
    size_t n = b->nmembers + col->nmembers + t->ntitle_members;
    if (!n || e->members) return RC_OK;
    e->members = malloc(n * sizeof *e->members);
    if (!e->members) return oom(t);
    size_t k = 0;
    for (size_t i = 0; i < t->ntitle_members; i++)
        e->members[k++] = t->title_members[i];
    for (size_t i = 0; i < b->nmembers; i++)
        e->members[k++] = b->members[i];
    for (size_t i = 0; i < col->nmembers; i++)
        e->members[k++] = col->members[i];
    e->nmembers = k;
    return RC_OK;
}

/* The second pass over a REPORT grid: a fact for every number, placed. */
static int report_values(table *t)
{
    const rc_grid *g = t->grid;
    for (size_t r = t->first_body; r < g->nrows && t->rc == RC_OK; r++) {
        const rc_grid_row *row = &g->rows[r];
        rowplan *rp = &t->plans[r];
        if (rp->kind != ROW_VALUES) continue;
        const block *b = &t->blocks[rp->block];
        rc_unit rowunit;
        rc_label_split_unit(rp->label, &rowunit);
        remember_symbol(t, &rowunit);
        const char *row_currency =
            (rowunit.kind == RC_UNIT_MONEY || rowunit.kind == RC_UNIT_PER_SHARE)
                ? unit_currency(t, &rowunit)
                : NULL;
        bool noted_conflict = false, noted_unclassified = false;
        for (size_t k = 0; k < row->ncells && t->rc == RC_OK; k++) {
            const rc_cell *cell = &row->cells[k];
            if (cell->col == 0) continue;
            if (cell->col == RC_COL_UNKNOWN || cell->col >= t->ncols) continue;
            column *col = &t->cols[cell->col];
            cellval cv;
            if (!read_cell(t, cell, &cv)) {
                rc_value_clear(&cv.v);
                continue;
            }
            const char *type;
            int award = report_award(t, rp, col, &type);
            rc_kind kind;
            bool conflict;
            rc_measure m = report_measure(rp, &cv, &rowunit, col, award, &kind, &conflict);
            if (rp->cls.what == RC_WHAT_UNKNOWN && b->has_rf && !conflict && m == RC_MEASURE_NONE &&
                kind == RC_KIND_PURE && cv.integer && !cv.term && !cv.percent) {
                /* a bare whole number among a roll-forward's rows: a count */
                m = RC_MEASURE_COUNT;
                kind = RC_KIND_COUNT;
            }
            const char *currency = cv.currency     ? cv.currency
                                   : row_currency  ? row_currency
                                   : col->currency ? col->currency
                                                   : t->title_currency;
            if ((kind == RC_KIND_PRICE || kind == RC_KIND_MONEY) && !currency)
                currency = resolve_symbol(t, "$");
            int scale = scale_for(t, kind, currency);
            /* the period of the fact */
            rc_line line = RC_LINE_CLOSING;
            bool balance = rp->cls.what == RC_WHAT_BALANCE ||
                           (rp->cls.what == RC_WHAT_UNKNOWN &&
                            (m == RC_MEASURE_PRICE || m == RC_MEASURE_FAIR_VALUE ||
                             m == RC_MEASURE_AIV || m == RC_MEASURE_TERM));
            if (rp->cls.what == RC_WHAT_BALANCE && !rp->cls.outstanding)
                line = rp->cls.line;
            else if (balance && col->duration) {
                if (rp->cls.position == RC_POS_BEGIN)
                    line = RC_LINE_OPENING;
                else if (rp->cls.position == RC_POS_NONE && rp->cls.date != RC_NO_DATE &&
                         col->start != RC_NO_DATE && rp->cls.date == col->start - 1)
                    line = RC_LINE_OPENING;
            }
            rc_day fstart = RC_NO_DATE, fend = col->end;
            if (balance) {
                if (line == RC_LINE_OPENING) fend = col->start - 1;
            } else if (col->duration) {
                fstart = col->start;
            }
            rc_fact *f = make_fact(t, cell, &cv, kind, currency, scale, rp, fstart, fend);
            bool negative = cv.negative;
            rc_value_clear(&cv.v);
            if (!f) break;
            if (conflict) {
                if (!noted_conflict)
                    note(t, &cell->src,
                         "row '%s' says %s but its unit is not one: its values are read but "
                         "not placed in a roll-forward",
                         rp->label, measure_word(rp->cls.measure));
                noted_conflict = true;
                continue;
            }
            if (b->no_rf || col->no_rf || col->end == RC_NO_DATE) continue;
            if (b->range || col->range) {
                /* a row of the table of options by range of exercise prices */
                place_range_value(t, rp, (size_t)(b - t->blocks), cell->col, award, type, m, f);
                continue;
            }
            bool unclassified =
                rp->cls.what == RC_WHAT_UNKNOWN && !balance && b->has_rf && m == RC_MEASURE_COUNT;
            if (rp->cls.what == RC_WHAT_OTHER && m != RC_MEASURE_SHARE_PRICE &&
                m != RC_MEASURE_CONTRACTUAL_TERM)
                continue;
            if (rp->cls.what == RC_WHAT_UNKNOWN && !balance && !unclassified) continue;
            entry *e = find_entry(t, (int)cell->col, rp->block, award);
            if (!e) break;
            if (!e->award_type)
                e->award_type = type ? type : (rp->cls.award == award ? rp->cls.award_type : NULL);
            e->start = col->duration ? col->start : RC_NO_DATE;
            e->end = col->end;
            e->approx = col->approx;
            if (!col->duration && col->end != RC_NO_DATE) {
                bool approx;
                e->start = start_of_months(col->end, t->default_months, &approx);
            }
            if (set_entry_members(t, e, b, col) < 0) break;
            entry_touch(t, e, cell,
                        (kind == RC_KIND_PRICE || kind == RC_KIND_MONEY) ? currency : NULL);
            if (rp->cls.what == RC_WHAT_OTHER || m == RC_MEASURE_SHARE_PRICE ||
                m == RC_MEASURE_CONTRACTUAL_TERM) {
                place_balance(e, RC_LINE_CLOSING, m, f);
            } else if (balance) {
                place_balance(e, line, m, f);
            } else if (rp->cls.what == RC_WHAT_MOVEMENT) {
                place_movement(t, e, rp, rp->cls.role, m, f, negative);
            } else if (unclassified) {
                place_movement(t, e, rp, RC_ROLE_OTHER, m, f, negative);
                if (!noted_unclassified) {
                    note(t, rp->label_cell ? &rp->label_cell->src : &cell->src,
                         "row '%s' could not be classified: taken as a movement with its "
                         "shown sign",
                         rp->label);
                    t->stats.unclassified++;
                }
                noted_unclassified = true;
            }
        }
    }
    return t->rc;
}

static int interpret_report(table *t)
{
    int rc;
    if ((rc = report_title(t)) < 0 || (rc = report_columns(t)) < 0) return rc;
    if (t->grid->scale) parse_scale_line(t, t->grid->scale);
    default_award(t);
    if ((rc = report_rows(t)) < 0 || (rc = report_values(t)) < 0) return rc;
    return RC_OK;
}

/* ---- NOTE grids -------------------------------------------------------------------------- */

static int word_number(const char *s, size_t n)
{
    static const struct {
        const char *w;
        int v;
    } words[] = {{"one", 1},     {"two", 2},     {"three", 3},      {"four", 4},        {"five", 5},
                 {"six", 6},     {"seven", 7},   {"eight", 8},      {"nine", 9},        {"ten", 10},
                 {"eleven", 11}, {"twelve", 12}, {"fifty-two", 52}, {"fifty-three", 53}};
    if (n && is_digit(s[0])) {
        int v = 0;
        for (size_t i = 0; i < n && is_digit(s[i]); i++)
            v = v * 10 + (s[i] - '0');
        return v;
    }
    for (size_t i = 0; i < sizeof words / sizeof *words; i++)
        if (strlen(words[i].w) == n && find_ci(s, words[i].w) == s) return words[i].v;
    return 0;
}

/* "for the six months ended March 29, 2025", "year ended December 31, 2023",
 * "12 Months Ended\nDec. 31, 2023": the length in months and the end date. */
static bool period_of_text(const char *text, int *months, rc_day *end)
{
    if (!text) return false;
    const char *ended = NULL;
    for (const char *p = text; (p = find_ci(p, "ended")) != NULL; p++) {
        ended = p;
        break;
    }
    if (!ended) return false;
    size_t at, len;
    rc_day d;
    if (rc_parse_date(ended, true, &d, &at, &len) != RC_OK) return false;
    /* the words before "ended" */
    const char *w = ended;
    while (w > text && w[-1] == ' ')
        w--;
    const char *unit_end = w;
    while (w > text && w[-1] != ' ' && w[-1] != '\n')
        w--;
    size_t ulen = (size_t)(unit_end - w);
    int m = 0;
    if ((ulen == 4 && find_ci(w, "year") == w) || (ulen == 5 && find_ci(w, "years") == w) ||
        (ulen == 4 && find_ci(w, "Year") == w)) {
        m = 12;
    } else if ((ulen == 7 && find_ci(w, "quarter") == w)) {
        m = 3;
    } else if ((ulen == 6 && find_ci(w, "months") == w) ||
               (ulen == 5 && find_ci(w, "month") == w) || (ulen == 5 && find_ci(w, "weeks") == w)) {
        bool weeks = find_ci(w, "weeks") == w;
        const char *nend = w;
        while (nend > text && (nend[-1] == ' ' || nend[-1] == '-'))
            nend--;
        const char *nbeg = nend;
        while (nbeg > text && nbeg[-1] != ' ' && nbeg[-1] != '\n')
            nbeg--;
        int n = word_number(nbeg, (size_t)(nend - nbeg));
        m = weeks ? (n >= 50 ? 12 : n / 4) : n;
    }
    if (m <= 0) m = 12;
    *months = m;
    *end = d;
    return true;
}

static bool is_year(const char *s, int *year)
{
    while (*s == ' ')
        s++;
    const char *p = s;
    if (find_ci(p, "fiscal ") == p) p += 7;
    if (find_ci(p, "year ") == p && is_digit(p[5])) p += 5;
    if (find_ci(p, "fy") == p) p += 2;
    if (!is_digit(p[0]) || !is_digit(p[1]) || !is_digit(p[2]) || !is_digit(p[3])) return false;
    int y = (p[0] - '0') * 1000 + (p[1] - '0') * 100 + (p[2] - '0') * 10 + (p[3] - '0');
    p += 4;
    while (*p == ' ')
        p++;
    if (*p || y < 1900 || y > 2200) return false;
    *year = y;
    return true;
}

/* A scale named in a heading: "(in thousands)", "(000s)", "$000", "in millions". */
static int heading_scale(const char *text)
{
    if (find_ci(text, "in thousands") || find_ci(text, "(000s)") || find_ci(text, "(000's)") ||
        find_ci(text, "000s") || find_ci(text, "$000") || find_ci(text, "thousands of"))
        return 3;
    if (find_ci(text, "in millions") || find_ci(text, "millions of") || find_ci(text, "$m)"))
        return 6;
    return 0;
}

/* A currency named in a heading: "C$", "$C", "RMB", "US$", "HK$", "($)". */
static const char *heading_currency(table *t, const char *text)
{
    static const char *const syms[] = {"US$", "HK$", "NT$", "C$",  "$C",  "A$", "R$", "RMB", "USD",
                                       "CAD", "CNY", "EUR", "GBP", "HKD", "€",  "£",  "¥",   "$"};
    for (size_t i = 0; i < sizeof syms / sizeof *syms; i++) {
        const char *p = strstr(text, syms[i]);
        if (!p) continue;
        size_t n = strlen(syms[i]);
        bool letters =
            syms[i][0] >= 'A' && syms[i][0] <= 'Z' && syms[i][1] != '$' && syms[i][2] != '$';
        /* codes only as words */
        if (letters &&
            ((p > text && ((p[-1] >= 'A' && p[-1] <= 'Z') || (p[-1] >= 'a' && p[-1] <= 'z'))) ||
             (p[n] >= 'A' && p[n] <= 'Z') || (p[n] >= 'a' && p[n] <= 'z')))
            continue;
        return resolve_symbol(t, syms[i]);
    }
    return NULL;
}

/* Column measures, scales, currencies and period groups from the heading rows. */
static void note_headings(table *t)
{
    const rc_grid *g = t->grid;
    /* period groups first: heading cells that name a year or a date */
    for (size_t r = 0; r < t->first_body; r++) {
        const rc_grid_row *row = &g->rows[r];
        for (size_t k = 0; k < row->ncells; k++) {
            const rc_cell *c = &row->cells[k];
            if (c->col == RC_COL_UNKNOWN || c->col == 0 || !c->text[0]) continue;
            int year = 0;
            rc_day day = RC_NO_DATE;
            bool yr = is_year(c->text, &year);
            int months;
            bool dated = !yr && (rc_parse_date(c->text, false, &day, NULL, NULL) == RC_OK ||
                                 period_of_text(c->text, &months, &day));
            if (!yr && !dated) continue;
            group *gp = realloc(t->groups, (t->ngroups + 1) * sizeof *gp);
            if (!gp) {
                oom(t);
                return;
            }
            t->groups = gp;
            group *ng = &t->groups[t->ngroups];
            ng->cell = c;
            ng->year = year;
            ng->end = day;
            for (unsigned j = c->col; j < c->col + c->span && j < t->ncols; j++)
                t->cols[j].group = (int)t->ngroups;
            t->ngroups++;
        }
    }
    const char *table_currency = NULL;
    for (unsigned j = 1; j < t->ncols; j++) {
        column *col = &t->cols[j];
        rc_buf words = RC_BUF_INIT;
        bool own = false; /* words of this column alone */
        for (size_t r = 0; r < t->first_body; r++) {
            const rc_grid_row *row = &g->rows[r];
            for (size_t k = 0; k < row->ncells; k++) {
                const rc_cell *c = &row->cells[k];
                if (c->col == RC_COL_UNKNOWN || c->col == 0 || !c->text[0] || j < c->col ||
                    j >= c->col + c->span)
                    continue;
                bool is_group = col->group >= 0 && t->groups[col->group].cell == c;
                if (is_group) continue;
                int sc = heading_scale(c->text);
                const char *cur = heading_currency(t, c->text);
                if (cur && !table_currency) table_currency = cur;
                if (c->span > 1) {
                    /* words over several columns: a prefix ("Weighted average"), a
                     * scale or a currency for all of them; measure words that belong
                     * to several columns cannot be told apart */
                    rc_class cls;
                    rc_classify_label(t->vocab, c->text, &cls);
                    if (sc) col->scale = sc;
                    if (cls.measure == RC_MEASURE_NONE && !sc)
                        rc_buf_printf(&words, "%s ", c->text);
                    continue;
                }
                if (sc) col->scale = sc;
                if (cur) col->note_currency = cur;
                rc_buf_printf(&words, "%s ", c->text);
                own = true;
            }
        }
        char *text = rc_buf_take(&words);
        if (!text) {
            oom(t);
            return;
        }
        for (char *p = text; *p; p++)
            if (*p == '\n') *p = ' ';
        if (text[0] && own) {
            rc_class cls;
            rc_classify_label(t->vocab, text, &cls);
            col->measure = cls.measure;
            if (col->measure == RC_MEASURE_NONE && (cls.outstanding || cls.award >= 0 ||
                                                    find_ci(text, "shares") || find_ci(text, "#")))
                col->measure = RC_MEASURE_COUNT;
        }
        free(text);
    }
    for (unsigned j = 1; j < t->ncols; j++)
        if (!t->cols[j].note_currency) t->cols[j].note_currency = table_currency;
}

/* Columns whose headings do not say their measure: the shapes of their values. */
static void note_shapes(table *t)
{
    const rc_grid *g = t->grid;
    bool seen_price = false;
    rc_buf which = RC_BUF_INIT;
    for (unsigned j = 1; j < t->ncols; j++) {
        column *col = &t->cols[j];
        if (!col->used) continue;
        size_t n = 0, ints = 0, big = 0, small_dec = 0, terms = 0;
        for (size_t r = t->first_body; r < g->nrows; r++) {
            const rc_cell *c = rc_grid_cell_at(&g->rows[r], j);
            if (!c || c->col != j) continue;
            cellval cv;
            if (read_cell(t, c, &cv) && !cv.dash) {
                n++;
                if (cv.term) {
                    terms++;
                } else if (cv.integer) {
                    ints++;
                    mpq_t a;
                    mpq_init(a);
                    mpq_abs(a, cv.v.q);
                    if (mpq_cmp_ui(a, 1000, 1) >= 0 || strchr(cv.body, ',')) big++;
                    mpq_clear(a);
                } else if (cv.places >= 1 && cv.places <= 2) {
                    mpq_t a;
                    mpq_init(a);
                    mpq_abs(a, cv.v.q);
                    if (mpq_cmp_ui(a, 15, 1) <= 0) small_dec++;
                    mpq_clear(a);
                }
            }
            rc_value_clear(&cv.v);
        }
        if (col->measure == RC_MEASURE_PER_SHARE) {
            col->measure =
                t->default_award == RC_AWARD_OTHER ? RC_MEASURE_FAIR_VALUE : RC_MEASURE_PRICE;
        }
        if (col->measure == RC_MEASURE_PRICE || col->measure == RC_MEASURE_FAIR_VALUE)
            seen_price = true;
        if (col->measure != RC_MEASURE_NONE || n == 0) continue;
        rc_measure m;
        if (terms == n)
            m = RC_MEASURE_TERM;
        else if (ints == n)
            m = seen_price && big ? RC_MEASURE_AIV : RC_MEASURE_COUNT;
        else if (!seen_price)
            m = t->default_award == RC_AWARD_OTHER ? RC_MEASURE_FAIR_VALUE : RC_MEASURE_PRICE;
        else if (small_dec + ints == n)
            m = RC_MEASURE_TERM;
        else
            m = RC_MEASURE_PRICE;
        if (m == RC_MEASURE_PRICE || m == RC_MEASURE_FAIR_VALUE) seen_price = true;
        col->measure = m;
        col->measure_by_shape = true;
        rc_buf_printf(&which, "%s%u (%s)", which.len ? ", " : "", j,
                      m == RC_MEASURE_COUNT        ? "count"
                      : m == RC_MEASURE_PRICE      ? "price"
                      : m == RC_MEASURE_FAIR_VALUE ? "fair value"
                      : m == RC_MEASURE_TERM       ? "term"
                                                   : "intrinsic value");
    }
    char *s = rc_buf_take(&which);
    /* a table of expenses by period has no measures to tell: say it only of tables
     * that hold a roll-forward */
    bool rollforward = false;
    for (size_t r = t->first_body; r < t->grid->nrows && !rollforward; r++)
        rollforward = t->plans[r].kind == ROW_VALUES && !t->plans[r].facts_only;
    if (s && s[0] && rollforward)
        note(t, &t->grid->src,
             "the headings of the table do not say what its columns hold: the measures of "
             "columns %s were taken from the shapes of their values",
             s);
    free(s);
}

/* The first pass over a NOTE grid: segments (stacked periods) and row roles. */
static int note_rows(table *t)
{
    const rc_grid *g = t->grid;
    int cur = -1;
    int pending_award = -1;
    const char *pending_type = NULL;
    for (size_t r = t->first_body; r < g->nrows; r++) {
        const rc_grid_row *row = &g->rows[r];
        rowplan *rp = &t->plans[r];
        rp->next_open = -1;
        rp->line = -1;
        const rc_cell *lc = rc_grid_cell_at(row, 0);
        rp->label_cell = lc;
        rp->label = lc ? lc->text : "";
        rp->concept = lc ? lc->concept : NULL;
        bool values = false;
        for (size_t k = 0; k < row->ncells; k++) {
            const rc_cell *c = &row->cells[k];
            if (c->col != 0 && c->col != RC_COL_UNKNOWN && !blank_text(c->text) &&
                !(c->flags & RC_CELL_NIL))
                values = true;
        }
        rc_classify_label(t->vocab, rp->label, &rp->cls);
        rp->strong_measure = rp->cls.measure != RC_MEASURE_NONE;
        if (!values) {
            rp->kind = ROW_SKIP;
            if (rp->cls.award >= 0 && rp->cls.what != RC_WHAT_BALANCE &&
                rp->cls.what != RC_WHAT_MOVEMENT) {
                pending_award = rp->cls.award;
                pending_type = rp->cls.award_type;
            }
            continue;
        }
        rp->kind = ROW_VALUES;
        if (rp->cls.what == RC_WHAT_HEADING) rp->cls.what = RC_WHAT_UNKNOWN;
        segment *s = cur >= 0 ? &t->segs[cur] : NULL;
        bool open_new = false, opening = false, closing = false;
        if (rp->cls.what == RC_WHAT_BALANCE && rp->cls.outstanding) {
            if (rp->cls.position == RC_POS_BEGIN)
                opening = true;
            else if (rp->cls.position == RC_POS_END)
                closing = true;
            else
                opening = !s || s->phase == 0 || s->phase == 3;
            closing = closing || !opening;
            if (opening) {
                /* after a closing, a balance row opens the next period (R47 shows the
                 * closing again as the next opening) */
                open_new = !s || s->phase != 0;
            } else if (!s || (s->phase == 3 && rp->cls.date != RC_NO_DATE &&
                              s->d_close != RC_NO_DATE && rp->cls.date != s->d_close)) {
                open_new = true;
            }
            /* another award class's balance starts a table of its own */
            if (!open_new && s && rp->cls.award >= 0 && s->award >= 0 && rp->cls.award != s->award)
                open_new = true;
        } else if (rp->cls.what == RC_WHAT_BALANCE) {
            if (!s) open_new = true;
        } else if (rp->cls.what == RC_WHAT_MOVEMENT) {
            if (!s)
                open_new = true;
            else if (s->phase == 3)
                open_new = true; /* the closing row also opens this period */
        }
        if (open_new) {
            int prev = cur;
            segment *ns = realloc(t->segs, (t->nsegs + 1) * sizeof *ns);
            if (!ns) return oom(t);
            t->segs = ns;
            s = prev >= 0 ? &t->segs[prev] : NULL; /* the array may have moved */
            segment *n = &t->segs[t->nsegs];
            memset(n, 0, sizeof *n);
            n->award = rp->cls.award >= 0 ? rp->cls.award : pending_award;
            n->award_type = rp->cls.award >= 0 ? rp->cls.award_type : pending_type;
            n->d_open = n->d_close = RC_NO_DATE;
            n->start = n->end = RC_NO_DATE;
            if (rp->cls.what == RC_WHAT_MOVEMENT && s && s->phase == 3) {
                /* find the closing row of the previous segment */
                for (size_t q = r; q-- > t->first_body;) {
                    rowplan *pq = &t->plans[q];
                    if (pq->kind == ROW_VALUES && pq->block == (size_t)cur &&
                        pq->line == RC_LINE_CLOSING) {
                        pq->next_open = (int)t->nsegs;
                        break;
                    }
                }
                n->d_open = s->d_close;
                n->open_is_close = true;
                n->phase = 1;
                if (n->award < 0) n->award = s->award;
                if (!n->award_type) n->award_type = s->award_type;
            }
            cur = (int)t->nsegs++;
            s = &t->segs[cur];
            pending_award = -1;
            pending_type = NULL;
        }
        rp->block = cur >= 0 ? (size_t)cur : SIZE_MAX;
        if (s && s->award < 0 && rp->cls.award >= 0) {
            s->award = rp->cls.award;
            s->award_type = rp->cls.award_type;
        } else if (s && !s->award_type && rp->cls.award == s->award && rp->cls.award_type) {
            s->award_type = rp->cls.award_type;
        }
        switch (rp->cls.what) {
        case RC_WHAT_BALANCE:
            if (rp->cls.outstanding) {
                if (opening) {
                    rp->line = RC_LINE_OPENING;
                    s->d_open = rp->cls.date;
                    s->open_is_close = false;
                    s->phase = 1;
                } else {
                    rp->line = RC_LINE_CLOSING;
                    if (rp->cls.date != RC_NO_DATE) s->d_close = rp->cls.date;
                    s->phase = 3;
                }
            } else {
                rp->line = (int)rp->cls.line;
            }
            break;
        case RC_WHAT_MOVEMENT:
            rp->movement = true;
            s->phase = 2;
            break;
        case RC_WHAT_UNKNOWN:
            if (s && (s->phase == 1 || s->phase == 2)) {
                rp->movement = true;
                rp->unclassified = true;
                s->phase = 2;
            } else {
                rp->facts_only = true;
            }
            break;
        case RC_WHAT_OTHER:
        case RC_WHAT_HEADING:
        default:
            rp->facts_only = true;
            break;
        }
    }
    return RC_OK;
}

/* The period of each segment x group. */
static void note_periods(table *t)
{
    int months = 12;
    rc_day end = RC_NO_DATE;
    int m2;
    rc_day e2;
    if (period_of_text(t->grid->context, &m2, &e2)) {
        months = m2;
        end = e2;
    } else if (period_of_text(t->grid->period_heading, &m2, &e2)) {
        months = m2;
        end = e2;
    } else if (t->grid->period_heading) {
        int mm, ww;
        const char *nl = strchr(t->grid->period_heading, '\n');
        rc_day d;
        if (nl && rc_parse_date(nl + 1, false, &d, NULL, NULL) == RC_OK) {
            end = d;
            char first[64];
            size_t n = (size_t)(nl - t->grid->period_heading);
            if (n < sizeof first) {
                memcpy(first, t->grid->period_heading, n);
                first[n] = '\0';
                if (parse_group(first, &mm, &ww) && mm > 0) months = mm;
            }
        }
    }
    t->ctx_end = end;
    t->ctx_months = months;
    for (size_t i = 0; i < t->nsegs; i++) {
        segment *s = &t->segs[i];
        if (s->d_open != RC_NO_DATE) {
            int y, m, d;
            rc_day_to_ymd(s->d_open, &y, &m, &d);
            /* "outstanding at January 1, 2023" is the balance before that day */
            s->start = (!s->open_is_close && d == 1) ? s->d_open : s->d_open + 1;
        }
        if (s->d_close != RC_NO_DATE) s->end = s->d_close;
    }
}

/* The period of the entry of segment s in group gi (-1: no group). */
static void entry_period(table *t, const segment *s, int gi, rc_day *start, rc_day *end,
                         bool *approx)
{
    *approx = false;
    rc_day e = s->end, st = s->start;
    int months = t->ctx_months;
    if (e == RC_NO_DATE && st == RC_NO_DATE) {
        e = t->ctx_end;
        if (gi >= 0) {
            const group *g = &t->groups[gi];
            if (g->end != RC_NO_DATE) {
                e = g->end;
            } else if (g->year) {
                int y, m, d;
                if (t->ctx_end != RC_NO_DATE) {
                    /* the month and day the page names, in the group's year */
                    rc_day_to_ymd(t->ctx_end, &y, &m, &d);
                    e = rc_day_from_ymd(g->year, m, 1) + d - 1;
                    int yy, mm, dd;
                    rc_day_to_ymd(e, &yy, &mm, &dd);
                    while (mm != m) { /* Feb. 29 in a year without one */
                        e--;
                        rc_day_to_ymd(e, &yy, &mm, &dd);
                    }
                } else {
                    e = rc_day_from_ymd(g->year, 12, 31);
                }
            }
        }
    }
    if (e == RC_NO_DATE && st != RC_NO_DATE) {
        /* only the opening is dated: the period the page names, if it fits */
        if (t->ctx_end != RC_NO_DATE && t->ctx_end >= st)
            e = t->ctx_end;
        else {
            int y, m, d;
            rc_day_to_ymd(st, &y, &m, &d);
            int total = y * 12 + (m - 1) + months;
            e = rc_day_from_ymd(total / 12, total % 12 + 1, d) - 1;
            *approx = d != 1;
        }
    }
    if (e != RC_NO_DATE && st == RC_NO_DATE) st = start_of_months(e, months, approx);
    *start = st;
    *end = e;
}

/* ---- NOTE grids: a table of options by range of exercise prices ------------------------- */

/* A row that totals a range table: no label, "Total", or a balance's words ("Outstanding at
 * December 31, 2024"). */
static bool total_label(table *t, const char *label)
{
    if (blank_text(label) || find_ci(label, "total") == label) return true;
    rc_class c;
    rc_classify_label(t->vocab, label, &c);
    return c.what == RC_WHAT_BALANCE;
}

static bool row_has_values(const rc_grid_row *row)
{
    for (size_t k = 0; k < row->ncells; k++) {
        const rc_cell *c = &row->cells[k];
        if (c->col != 0 && c->col != RC_COL_UNKNOWN && !blank_text(c->text) &&
            !(c->flags & RC_CELL_NIL))
            return true;
    }
    return false;
}

/* Is the note's table one of options by range of exercise prices: its first column two or
 * more ranges ("$10.01 - $20.00", "$30.00 and over"), and no rows of another kind? */
static bool note_is_range_table(table *t)
{
    const rc_grid *g = t->grid;
    size_t ranges = 0, others = 0;
    for (size_t r = t->first_body; r < g->nrows; r++) {
        const rc_grid_row *row = &g->rows[r];
        if (!row_has_values(row)) continue;
        const rc_cell *lc = rc_grid_cell_at(row, 0);
        const char *label = lc ? lc->text : "";
        price_range pr;
        if (parse_price_range(label, &pr))
            ranges++;
        else if (!total_label(t, label))
            others++;
    }
    return ranges >= 2 && others == 0;
}

/* What column j of a range table holds: its measure, and whether of the options
 * exercisable.  The headings over it say; a second count column without words is the
 * exercisable one. */
static rc_measure range_column(table *t, unsigned j, bool *exercisable)
{
    const rc_grid *g = t->grid;
    rc_buf words = RC_BUF_INIT;
    for (size_t r = 0; r < t->first_body; r++) {
        const rc_grid_row *row = &g->rows[r];
        for (size_t k = 0; k < row->ncells; k++) {
            const rc_cell *c = &row->cells[k];
            if (c->col == RC_COL_UNKNOWN || c->col == 0 || j < c->col || j >= c->col + c->span)
                continue;
            rc_buf_printf(&words, "%s ", c->text);
        }
    }
    char *text = rc_buf_take(&words);
    if (!text) {
        oom(t);
        return RC_MEASURE_NONE;
    }
    *exercisable = (find_ci(text, "exercisable") || find_ci(text, "vested")) &&
                   !find_ci(text, "unvested") && !find_ci(text, "expected");
    rc_measure m = t->cols[j].measure;
    if (find_ci(text, "intrinsic"))
        m = RC_MEASURE_AIV;
    else if (find_ci(text, "life") || find_ci(text, "term") || find_ci(text, "years"))
        m = RC_MEASURE_TERM;
    else if (find_ci(text, "price"))
        m = RC_MEASURE_PRICE;
    else if (find_ci(text, "number") || find_ci(text, "options") || find_ci(text, "shares"))
        m = RC_MEASURE_COUNT;
    free(text);
    if (m == RC_MEASURE_PER_SHARE || m == RC_MEASURE_FAIR_VALUE) m = RC_MEASURE_PRICE;
    return m;
}

/*
 * A note's table of options outstanding and exercisable by range of exercise prices: each
 * row a range (its bounds from its words), the columns the number, remaining life and
 * exercise price of its options outstanding, then of those exercisable; a total row gives
 * the balances at the end.  One entry: a balance at the table's date (its caption says it,
 * "at December 31, 2018"), which the model folds into the roll-forward of the same options
 * that closes then.
 */
static int interpret_note_ranges(table *t)
{
    const rc_grid *g = t->grid;
    /* the date it is as of: the caption, the headings, the page's column */
    rc_day end = RC_NO_DATE;
    int months = 12, m2;
    rc_day d2;
    if (g->context && rc_parse_date(g->context, true, &end, NULL, NULL) != RC_OK) end = RC_NO_DATE;
    for (size_t r = 0; r < t->first_body && end == RC_NO_DATE; r++)
        for (size_t k = 0; k < g->rows[r].ncells && end == RC_NO_DATE; k++)
            if (rc_parse_date(g->rows[r].cells[k].text, true, &end, NULL, NULL) != RC_OK)
                end = RC_NO_DATE;
    if (end == RC_NO_DATE && g->period_heading &&
        rc_parse_date(g->period_heading, true, &end, NULL, NULL) != RC_OK)
        end = RC_NO_DATE;
    if (period_of_text(g->period_heading, &m2, &d2) && d2 == end) months = m2;
    /* a scale the first column's heading or the caption names ("(Shares in Thousands)") is
     * the counts' */
    int count_scale = 0;
    for (size_t r = 0; r < t->first_body && !count_scale; r++) {
        const rc_cell *c = rc_grid_cell_at(&g->rows[r], 0);
        if (c) count_scale = heading_scale(c->text);
    }
    if (!count_scale && g->context) count_scale = heading_scale(g->context);
    /* the columns */
    rc_measure *ms = calloc(t->ncols ? t->ncols : 1, sizeof *ms);
    bool *ex = calloc(t->ncols ? t->ncols : 1, sizeof *ex);
    if (!ms || !ex) {
        free(ms);
        free(ex);
        return oom(t);
    }
    bool any_ex = false, seen_count = false;
    for (unsigned j = 1; j < t->ncols; j++) {
        ms[j] = range_column(t, j, &ex[j]);
        any_ex |= ex[j];
    }
    for (unsigned j = 1; j < t->ncols && !any_ex; j++) {
        /* no heading says exercisable: the second count column starts that side */
        if (ms[j] == RC_MEASURE_COUNT && seen_count) any_ex = true;
        if (ms[j] == RC_MEASURE_COUNT) seen_count = true;
        ex[j] = any_ex;
    }
    entry *e = find_entry(t, -1, 0, RC_AWARD_OPTIONS);
    if (!e) goto done;
    bool approx = false;
    e->end = end;
    e->start = end == RC_NO_DATE ? RC_NO_DATE : start_of_months(end, months, &approx);
    e->approx = approx;
    for (size_t r = t->first_body; r < g->nrows && t->rc == RC_OK; r++) {
        const rc_grid_row *row = &g->rows[r];
        rowplan *rp = &t->plans[r];
        rp->line = -1;
        rp->next_open = -1;
        if (!row_has_values(row)) continue;
        rp->kind = ROW_VALUES;
        const rc_cell *lc = rc_grid_cell_at(row, 0);
        rp->label_cell = lc;
        rp->label = lc ? lc->text : "";
        price_range pr;
        bool is_range = parse_price_range(rp->label, &pr);
        bool is_total = !is_range && total_label(t, rp->label);
        for (size_t k = 0; k < row->ncells && t->rc == RC_OK; k++) {
            const rc_cell *cell = &row->cells[k];
            if (cell->col == 0 || cell->col == RC_COL_UNKNOWN || cell->col >= t->ncols) continue;
            cellval cv;
            if (!read_cell(t, cell, &cv) || cv.dash || cv.percent) {
                rc_value_clear(&cv.v);
                continue;
            }
            rc_measure m = cv.term ? RC_MEASURE_TERM : ms[cell->col];
            if (m == RC_MEASURE_NONE) m = cv.integer ? RC_MEASURE_COUNT : RC_MEASURE_PRICE;
            rc_kind kind = kind_of(m);
            const char *currency = cv.currency ? cv.currency : t->cols[cell->col].note_currency;
            if ((kind == RC_KIND_PRICE || kind == RC_KIND_MONEY) && !currency)
                currency = resolve_symbol(t, pr.symbol[0] ? pr.symbol : "$");
            int scale =
                kind == RC_KIND_COUNT || kind == RC_KIND_MONEY ? t->cols[cell->col].scale : 0;
            if (kind == RC_KIND_COUNT && !scale) scale = count_scale;
            rc_fact *f = make_fact(t, cell, &cv, kind, currency, scale, rp, RC_NO_DATE, end);
            rc_value_clear(&cv.v);
            if (!f) break;
            if (!is_range && !is_total) continue;
            entry_touch(t, e, cell,
                        kind == RC_KIND_PRICE || kind == RC_KIND_MONEY ? currency : NULL);
            bool exc = ex[cell->col];
            if (is_total) {
                place_balance(e, exc ? RC_LINE_EXERCISABLE : RC_LINE_CLOSING, m, f);
                continue;
            }
            trange *tr = find_trange(t, e, rp->label, lc);
            if (!tr) break;
            rc_class cls;
            memset(&cls, 0, sizeof cls);
            cls.what = RC_WHAT_BALANCE;
            cls.outstanding = !exc;
            cls.line = exc ? RC_LINE_EXERCISABLE : RC_LINE_CLOSING;
            rc_fact **slot = trange_slot(tr, &cls, m);
            if (slot) put(slot, f);
        }
    }
done:
    free(ms);
    free(ex);
    return t->rc;
}

static int interpret_note(table *t)
{
    const rc_grid *g = t->grid;
    for (unsigned j = 0; j < t->ncols; j++)
        t->cols[j].group = -1;
    for (size_t r = t->first_body; r < g->nrows; r++) {
        const rc_grid_row *row = &g->rows[r];
        for (size_t k = 0; k < row->ncells; k++) {
            const rc_cell *c = &row->cells[k];
            if (c->col != RC_COL_UNKNOWN && c->col > 0 && c->col < t->ncols && c->text[0])
                t->cols[c->col].used = true;
        }
    }
    /* currencies the table's cells show, for the headings' "$" */
    default_award(t);
    note_headings(t);
    if (t->rc < 0) return t->rc;
    if (note_is_range_table(t)) return interpret_note_ranges(t);
    if (note_rows(t) < 0) return t->rc;
    gate_segments(t);
    note_shapes(t);
    note_periods(t);
    for (size_t i = 0; i < t->nsegs; i++) {
        segment *s = &t->segs[i];
        if (s->award < 0) {
            s->award = t->default_award;
            if (!s->award_type) s->award_type = t->default_award_type;
        }
        if (!s->award_type && s->award == t->default_award) s->award_type = t->default_award_type;
    }
    /* second pass: facts, placed */
    for (size_t r = t->first_body; r < g->nrows && t->rc == RC_OK; r++) {
        const rc_grid_row *row = &g->rows[r];
        rowplan *rp = &t->plans[r];
        if (rp->kind != ROW_VALUES) continue;
        bool noted = false;
        for (size_t k = 0; k < row->ncells && t->rc == RC_OK; k++) {
            const rc_cell *cell = &row->cells[k];
            if (cell->col == 0 || cell->col == RC_COL_UNKNOWN || cell->col >= t->ncols) continue;
            column *col = &t->cols[cell->col];
            cellval cv;
            if (!read_cell(t, cell, &cv)) {
                rc_value_clear(&cv.v);
                continue;
            }
            segment *s = rp->block < t->nsegs ? &t->segs[rp->block] : NULL;
            rc_measure m = col->measure != RC_MEASURE_NONE ? col->measure : rp->cls.measure;
            if (m == RC_MEASURE_PER_SHARE)
                m = s && s->award == RC_AWARD_OTHER ? RC_MEASURE_FAIR_VALUE : RC_MEASURE_PRICE;
            if (cv.term) m = RC_MEASURE_TERM;
            if (m == RC_MEASURE_NONE) m = cv.integer ? RC_MEASURE_COUNT : RC_MEASURE_PRICE;
            /* other awards have no exercise price: the price column of an RSU table is
             * its grant-date fair value */
            if (m == RC_MEASURE_PRICE && s && s->award == RC_AWARD_OTHER) m = RC_MEASURE_FAIR_VALUE;
            rc_kind kind = cv.percent ? RC_KIND_PURE : kind_of(m);
            const char *currency = cv.currency ? cv.currency : col->note_currency;
            int scale = (kind == RC_KIND_COUNT || kind == RC_KIND_MONEY) ? col->scale : 0;
            rc_day start = RC_NO_DATE, end = RC_NO_DATE;
            bool approx = false;
            if (s) entry_period(t, s, col->group, &start, &end, &approx);
            rc_day fstart = RC_NO_DATE, fend = end;
            if (rp->line == RC_LINE_OPENING)
                fend = start == RC_NO_DATE ? RC_NO_DATE : start - 1;
            else if (rp->line < 0)
                fstart = start;
            /* a dash is nothing for a price or a term, zero for a count */
            if (cv.dash && kind != RC_KIND_COUNT && kind != RC_KIND_MONEY) {
                rc_value_clear(&cv.v);
                continue;
            }
            rc_fact *f = make_fact(t, cell, &cv, kind, currency, scale, rp, fstart, fend);
            bool negative = cv.negative;
            rc_value_clear(&cv.v);
            if (!f) break;
            if (rp->facts_only || !s || cv.percent) continue;
            entry *e = find_entry(t, col->group, rp->block, s->award);
            if (!e) break;
            e->award_type = s->award_type;
            e->start = start;
            e->end = end;
            e->approx = approx;
            entry_touch(t, e, cell,
                        (kind == RC_KIND_PRICE || kind == RC_KIND_MONEY) ? currency : NULL);
            if (rp->line >= 0) {
                place_balance(e, (rc_line)rp->line, m, f);
                if (rp->next_open >= 0) {
                    segment *ns = &t->segs[rp->next_open];
                    rc_day ns_start, ns_end;
                    bool ns_approx;
                    entry_period(t, ns, col->group, &ns_start, &ns_end, &ns_approx);
                    entry *ne = find_entry(t, col->group, (size_t)rp->next_open, ns->award);
                    if (!ne) break;
                    /* find_entry may have moved the entries */
                    ne->award_type = ns->award_type;
                    ne->start = ns_start;
                    ne->end = ns_end;
                    ne->approx = ns_approx;
                    entry_touch(t, ne, cell,
                                (kind == RC_KIND_PRICE || kind == RC_KIND_MONEY) ? currency : NULL);
                    rc_fact *copy = copy_fact(t, f);
                    if (!copy) break;
                    place_balance(ne, RC_LINE_OPENING, m, copy);
                }
            } else if (rp->movement) {
                rc_role role = rp->unclassified ? RC_ROLE_OTHER : rp->cls.role;
                place_movement(t, e, rp, role, m, f, negative);
                if (rp->unclassified && !noted) {
                    note(t, rp->label_cell ? &rp->label_cell->src : &cell->src,
                         "row '%s' could not be classified: taken as a movement with its "
                         "shown sign",
                         rp->label);
                    t->stats.unclassified++;
                    noted = true;
                }
            }
        }
    }
    return t->rc;
}

/* ---- the entry point ----------------------------------------------------------------------- */

int rc_table_interpret(rc_model *model, const rc_vocab *vocab, const rc_grid *grid,
                       rc_table_stats *stats, rc_ctx *ctx)
{
    assert(model && vocab && grid);
    table t;
    memset(&t, 0, sizeof t);
    t.model = model;
    t.vocab = vocab;
    t.grid = grid;
    t.ctx = ctx;
    t.title_award = -1;
    t.default_months = 12;
    t.ctx_end = RC_NO_DATE;
    int rc = RC_OK;
    if (stats) memset(stats, 0, sizeof *stats);
    t.file = grid->file ? rc_model_strdup(model, grid->file) : NULL;
    if (grid->file && !t.file) return oom(&t);
    t.ncols = grid->ncols;
    t.cols = calloc(t.ncols ? t.ncols : 1, sizeof *t.cols);
    t.plans = calloc(grid->nrows ? grid->nrows : 1, sizeof *t.plans);
    if (!t.cols || !t.plans) {
        rc = oom(&t);
        goto done;
    }
    for (unsigned j = 0; j < t.ncols; j++) {
        t.cols[j].end = t.cols[j].start = RC_NO_DATE;
        t.cols[j].award = -1;
        t.cols[j].group = -1;
    }
    while (t.first_body < grid->nrows && (grid->rows[t.first_body].flags & RC_ROW_HEAD))
        t.first_body++;
    /* a cell whose column was never recovered cannot be read: say so, read the rest */
    for (size_t r = 0; r < grid->nrows; r++) {
        const rc_grid_row *row = &grid->rows[r];
        for (size_t k = 0; k < row->ncells; k++) {
            if (row->cells[k].col == RC_COL_UNKNOWN) {
                note(&t, &row->cells[k].src,
                     "value '%s' is in no known column of its table: not read", row->cells[k].text);
            }
        }
    }
    rc = grid->kind == RC_GRID_REPORT ? interpret_report(&t) : interpret_note(&t);
    if (rc == RC_OK && t.rc == RC_OK) materialise(&t);
    rc = t.rc < 0 ? t.rc : rc;
done:
    if (stats) *stats = t.stats;
    for (size_t i = 0; i < t.nentries; i++) {
        free(t.entries[i].mvs);
        free(t.entries[i].members);
        free(t.entries[i].ranges);
    }
    free(t.entries);
    for (size_t i = 0; i < t.nblocks; i++)
        free(t.blocks[i].members);
    free(t.blocks);
    for (unsigned j = 0; j < t.ncols && t.cols; j++)
        free(t.cols[j].members);
    free(t.cols);
    free(t.plans);
    free(t.groups);
    free(t.segs);
    free(t.title_members);
    return rc;
}
