/*
 * Facts and roll-forwards: names, dates, terms, and the model builder.
 *
 * Readers add partial roll-forwards (a table column, a set of XBRL facts of
 * one context) to a model; rc_model_finish then merges what belongs
 * together, folds lone balances into the roll-forwards they open or close,
 * sorts, and chains consecutive periods.
 */
#include <assert.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>

#include "rollcheck/model.h"
#include "common/util.h"

/* ---- names ------------------------------------------------------------------ */

static const char *const kind_names[] = {"count", "price", "money", "term", "pure"};
static const char *const award_names[] = {"options", "other"};
static const char *const line_names[] = {"opening", "closing", "exercisable", "vested_expected"};

static const struct {
    const char *name;
    int direction;
} roles[RC_ROLE__COUNT] = {
    [RC_ROLE_GRANTED] = {"granted", +1},
    [RC_ROLE_ASSUMED] = {"assumed", +1},
    [RC_ROLE_EXERCISED] = {"exercised", -1},
    [RC_ROLE_VESTED] = {"vested", -1},
    [RC_ROLE_FORFEITED] = {"forfeited", -1},
    [RC_ROLE_EXPIRED] = {"expired", -1},
    [RC_ROLE_CANCELLED] = {"cancelled", -1},
    [RC_ROLE_FORFEITED_EXPIRED] = {"forfeited_expired", -1},
    [RC_ROLE_ADJUSTED] = {"adjusted", 0},
    [RC_ROLE_OTHER] = {"other", 0},
};

const char *rc_kind_name(rc_kind kind)
{
    return (unsigned)kind < sizeof kind_names / sizeof *kind_names ? kind_names[kind] : "?";
}

const char *rc_award_name(rc_award award)
{
    return (unsigned)award < 2 ? award_names[award] : "?";
}

int rc_award_parse(rc_award *out, const char *name)
{
    for (int i = 0; i < 2; i++) {
        if (name && strcmp(name, award_names[i]) == 0) {
            *out = (rc_award)i;
            return RC_OK;
        }
    }
    return RC_EINVAL;
}

const char *rc_role_name(rc_role role)
{
    return (unsigned)role < RC_ROLE__COUNT ? roles[role].name : "?";
}

int rc_role_parse(rc_role *out, const char *name)
{
    for (int i = 0; i < RC_ROLE__COUNT; i++) {
        if (name && strcmp(name, roles[i].name) == 0) {
            *out = (rc_role)i;
            return RC_OK;
        }
    }
    return RC_EINVAL;
}

int rc_role_direction(rc_role role)
{
    return (unsigned)role < RC_ROLE__COUNT ? roles[role].direction : 0;
}

const char *rc_line_name(rc_line line)
{
    return (unsigned)line < RC_LINE__COUNT ? line_names[line] : "?";
}

/* ---- dates ------------------------------------------------------------------ */

/* Howard Hinnant's days_from_civil / civil_from_days. */
rc_day rc_day_from_ymd(int y, int m, int d)
{
    y -= m <= 2;
    const int era = (y >= 0 ? y : y - 399) / 400;
    const int yoe = y - era * 400;
    const int doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
    const int doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    return (rc_day)(era * 146097 + doe - 719468);
}

void rc_day_to_ymd(rc_day day, int *y, int *m, int *d)
{
    int z = (int)day + 719468;
    const int era = (z >= 0 ? z : z - 146096) / 146097;
    const int doe = z - era * 146097;
    const int yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
    const int doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    const int mp = (5 * doy + 2) / 153;
    *d = doy - (153 * mp + 2) / 5 + 1;
    *m = mp < 10 ? mp + 3 : mp - 9;
    *y = yoe + era * 400 + (*m <= 2);
}

static int days_in_month(int y, int m)
{
    static const int dim[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
    if (m == 2 && ((y % 4 == 0 && y % 100 != 0) || y % 400 == 0))
        return 29;
    return dim[m - 1];
}

int rc_day_parse(rc_day *out, const char *text, size_t len)
{
    if (len != 10 || text[4] != '-' || text[7] != '-')
        return RC_ESYNTAX;
    int v[3] = {0, 0, 0};
    const int at[3] = {0, 5, 8}, n[3] = {4, 2, 2};
    for (int k = 0; k < 3; k++) {
        for (int i = 0; i < n[k]; i++) {
            char c = text[at[k] + i];
            if (c < '0' || c > '9')
                return RC_ESYNTAX;
            v[k] = v[k] * 10 + (c - '0');
        }
    }
    if (v[0] < 1 || v[1] < 1 || v[1] > 12 || v[2] < 1 || v[2] > days_in_month(v[0], v[1]))
        return RC_ESYNTAX;
    *out = rc_day_from_ymd(v[0], v[1], v[2]);
    return RC_OK;
}

void rc_day_format(rc_day day, char buf[static 11])
{
    if (day == RC_NO_DATE) {
        buf[0] = '\0';
        return;
    }
    int y, m, d;
    rc_day_to_ymd(day, &y, &m, &d);
    if (y < 0 || y > 9999) {
        buf[0] = '\0';
        return;
    }
    /* built by hand: snprintf's truncation analysis cannot see the range */
    buf[0] = (char)('0' + y / 1000);
    buf[1] = (char)('0' + y / 100 % 10);
    buf[2] = (char)('0' + y / 10 % 10);
    buf[3] = (char)('0' + y % 10);
    buf[4] = '-';
    buf[5] = (char)('0' + m / 10);
    buf[6] = (char)('0' + m % 10);
    buf[7] = '-';
    buf[8] = (char)('0' + d / 10);
    buf[9] = (char)('0' + d % 10);
    buf[10] = '\0';
}

/* ---- terms ------------------------------------------------------------------ */

/* Accuracy of a term given in years, months and days: the conversion of a
 * month to 1/12 year and a day to 1/365 is a convention that differs from
 * filer to filer by a day or two, so such a term is taken to +-0.005 years. */
#define TERM_DECIMALS 2

static bool word_is(const char *s, size_t n, const char *w1, const char *w2, const char *w3)
{
    const char *ws[] = {w1, w2, w3};
    for (int k = 0; k < 3; k++) {
        if (ws[k] && strlen(ws[k]) == n) {
            size_t i = 0;
            while (i < n && (s[i] | 0x20) == ws[k][i])
                i++;
            if (i == n)
                return true;
        }
    }
    return false;
}

/* Add amount * num/den years to total. */
static void add_part(mpq_t total, const mpq_t amount, unsigned long num, unsigned long den)
{
    mpq_t part;
    mpq_init(part);
    mpq_set_ui(part, num, den);
    mpq_canonicalize(part);
    mpq_mul(part, part, amount);
    mpq_add(total, total, part);
    mpq_clear(part);
}

static int term_iso(rc_value *out, const char *s, size_t n)
{
    /* P[nY][nM][nW][nD][T[nH][nM][nS]] */
    size_t i = 1;
    bool in_time = false, any = false;
    mpq_t total;
    mpq_init(total);
    rc_value amount;
    rc_value_init(&amount);
    int rc = RC_ESYNTAX;
    while (i < n) {
        if (s[i] == 'T' && !in_time) {
            in_time = true;
            i++;
            continue;
        }
        size_t j = i;
        while (j < n && ((s[j] >= '0' && s[j] <= '9') || s[j] == '.'))
            j++;
        if (j == i || j >= n)
            goto done;
        if (rc_value_parse(&amount, s + i, j - i, 0, 0, NULL, NULL) != RC_OK)
            goto done;
        char unit = s[j];
        if (!in_time && unit == 'Y')
            add_part(total, amount.q, 1, 1);
        else if (!in_time && unit == 'M')
            add_part(total, amount.q, 1, 12);
        else if (!in_time && unit == 'W')
            add_part(total, amount.q, 7, 365);
        else if (!in_time && unit == 'D')
            add_part(total, amount.q, 1, 365);
        else if (in_time && unit == 'H')
            add_part(total, amount.q, 1, 365 * 24);
        else if (in_time && unit == 'M')
            add_part(total, amount.q, 1, 365 * 24 * 60);
        else if (in_time && unit == 'S')
            add_part(total, amount.q, 1, 365 * 24 * 3600);
        else
            goto done;
        any = true;
        i = j + 1;
    }
    if (!any)
        goto done;
    mpq_set(out->q, total);
    out->decimals = TERM_DECIMALS;
    out->shown = TERM_DECIMALS;
    out->flags = 0;
    rc = RC_OK;
done:
    rc_value_clear(&amount);
    mpq_clear(total);
    return rc;
}

/* "6 years 2 months 12 days", "1 year", "6.2 years", "5.13" */
static int term_words(rc_value *out, const char *s, size_t n)
{
    mpq_t total;
    mpq_init(total);
    rc_value amount;
    rc_value_init(&amount);
    size_t i = 0, parts = 0;
    int decimals = TERM_DECIMALS, rc = RC_ESYNTAX;
    bool only_years = true;
    while (i < n) {
        while (i < n && (s[i] == ' ' || s[i] == ',' || s[i] == '\t'))
            i++;
        if (i + 3 <= n && word_is(s + i, 3, "and", NULL, NULL) && (i + 3 == n || s[i + 3] == ' ')) {
            i += 3;
            continue;
        }
        if (i >= n)
            break;
        size_t j = i;
        while (j < n && ((s[j] >= '0' && s[j] <= '9') || s[j] == '.'))
            j++;
        if (j == i)
            goto done;
        if (rc_value_parse(&amount, s + i, j - i, 0, 0, NULL, NULL) != RC_OK)
            goto done;
        size_t k = j;
        while (k < n && s[k] == ' ')
            k++;
        size_t w = k;
        while (w < n && ((s[w] | 0x20) >= 'a' && (s[w] | 0x20) <= 'z'))
            w++;
        parts++;
        if (w == k) {
            /* a bare number is years, and only alone */
            if (parts != 1 || w < n)
                goto done;
            add_part(total, amount.q, 1, 1);
            decimals = amount.shown;
            i = w;
            break;
        }
        if (word_is(s + k, w - k, "year", "years", "yrs") || word_is(s + k, w - k, "yr", NULL, NULL)) {
            add_part(total, amount.q, 1, 1);
            /* "6.2 years" is as accurate as written; "10 years" is a whole term */
            if (parts == 1 && amount.shown > 0)
                decimals = amount.shown;
        } else if (word_is(s + k, w - k, "month", "months", "mos")) {
            add_part(total, amount.q, 1, 12);
            only_years = false;
        } else if (word_is(s + k, w - k, "week", "weeks", NULL)) {
            add_part(total, amount.q, 7, 365);
            only_years = false;
        } else if (word_is(s + k, w - k, "day", "days", NULL)) {
            add_part(total, amount.q, 1, 365);
            only_years = false;
        } else {
            goto done;
        }
        i = w;
    }
    if (parts == 0)
        goto done;
    mpq_set(out->q, total);
    /* "6.2 years" is as accurate as written; "6 years 2 months" to the day */
    out->decimals = out->shown = (only_years && parts == 1) ? decimals : TERM_DECIMALS;
    out->flags = 0;
    rc = RC_OK;
done:
    rc_value_clear(&amount);
    mpq_clear(total);
    return rc;
}

int rc_term_parse(rc_value *out, const char *text, size_t len, const char **errmsg)
{
    size_t a = 0, b = len;
    while (a < b && (text[a] == ' ' || text[a] == '\t' || text[a] == '\n' || text[a] == '\r'))
        a++;
    while (b > a && (text[b - 1] == ' ' || text[b - 1] == '\t' || text[b - 1] == '\n' ||
                     text[b - 1] == '\r'))
        b--;
    int rc = RC_ESYNTAX;
    if (b > a && text[a] == 'P')
        rc = term_iso(out, text + a, b - a);
    else if (b > a)
        rc = term_words(out, text + a, b - a);
    if (rc != RC_OK && errmsg)
        *errmsg = "not a duration: expected e.g. P4Y6M7D, '4 years 6 months 7 days' or a "
                  "number of years";
    return rc;
}

/* ---- facts -------------------------------------------------------------------- */

void rc_fact_interval(rc_interval *dst, const rc_fact *fact, bool *widened)
{
    int d = fact->value.decimals;
    bool wide = false;
    if (fact->kind == RC_KIND_COUNT && d != RC_DECIMALS_INF && d >= 0) {
        d = RC_DECIMALS_INF; /* shares are whole: a count shown to the unit is exact */
    } else if (fact->kind == RC_KIND_PRICE && fact->value.shown != RC_DECIMALS_INF &&
               fact->value.shown < d) {
        d = fact->value.shown; /* a rounded "5.877" tagged INF */
        wide = true;
    }
    rc_interval_set_rounded(dst, fact->value.q, d);
    if (widened)
        *widened = wide;
}

/* ---- roll-forwards ---------------------------------------------------------- */

static bool balance_empty(const rc_balance *b)
{
    return !b->count && !b->price && !b->fair_value && !b->aiv && !b->term;
}

bool rc_rollforward_has_movements(const rc_rollforward *rf)
{
    return rf->nmovements > 0;
}

bool rc_rollforward_is_rollforward(const rc_rollforward *rf)
{
    /* a movement alone ("options granted in period" in a narrative) is no roll-forward;
     * a balance with movements, or two balances, is */
    bool open = !balance_empty(&rf->lines[RC_LINE_OPENING]);
    bool close = !balance_empty(&rf->lines[RC_LINE_CLOSING]);
    return (open || close) && (rf->nmovements > 0 || (open && close));
}

char *rc_rollforward_describe(const rc_rollforward *rf, char *buf, size_t size)
{
    rc_buf b = RC_BUF_INIT;
    for (size_t i = 0; i < rf->nmembers; i++)
        rc_buf_printf(&b, "%s, ", rf->members[i]);
    rc_buf_puts(&b, rc_award_name(rf->award));
    if (rf->award_type)
        rc_buf_printf(&b, " (%s)", rf->award_type);
    char s[11], e[11];
    rc_day_format(rf->start, s);
    rc_day_format(rf->end, e);
    rc_buf_printf(&b, ", %s..%s", s, e);
    if (size > 0) {
        size_t n = b.data && !b.failed ? b.len : 0;
        if (n >= size)
            n = size - 1;
        if (n)
            memcpy(buf, b.data, n);
        buf[n] = '\0';
    }
    rc_buf_free(&b);
    return buf;
}

/* ---- the model ---------------------------------------------------------------- */

struct rc_model {
    rc_arena *arena;
    rc_rollforward **rfs; /* live roll-forwards */
    size_t nrfs, caprfs;
    rc_fact **facts; /* every fact made, for enumeration and rc_value_clear */
    size_t nfacts, capfacts;
    rc_note **notes;
    size_t nnotes, capnotes;
    rc_statement **stmts;
    size_t nstmts, capstmts;
    bool finished;
};

int rc_model_new(rc_model **out)
{
    rc_model *m = calloc(1, sizeof *m);
    if (!m)
        return RC_ENOMEM;
    m->arena = rc_arena_new();
    if (!m->arena) {
        free(m);
        return RC_ENOMEM;
    }
    *out = m;
    return RC_OK;
}

void rc_model_free(rc_model *model)
{
    if (!model)
        return;
    for (size_t i = 0; i < model->nfacts; i++)
        rc_value_clear(&model->facts[i]->value);
    for (size_t i = 0; i < model->nrfs; i++) {
        free(model->rfs[i]->movements);
        free(model->rfs[i]->ranges);
    }
    free(model->facts);
    free(model->rfs);
    free(model->notes);
    free(model->stmts);
    rc_arena_free(model->arena);
    free(model);
}

/* Grow a pointer array to hold one more. */
static bool grow(void ***items, size_t n, size_t *cap)
{
    if (n < *cap)
        return true;
    size_t ncap = *cap ? *cap * 2 : 16;
    void **p = realloc(*items, ncap * sizeof *p);
    if (!p)
        return false;
    *items = p;
    *cap = ncap;
    return true;
}

rc_rollforward *rc_model_add_rollforward(rc_model *model)
{
    if (!grow((void ***)&model->rfs, model->nrfs, &model->caprfs))
        return NULL;
    rc_rollforward *rf = rc_arena_alloc(model->arena, sizeof *rf);
    if (!rf)
        return NULL;
    rf->start = rf->end = RC_NO_DATE;
    model->rfs[model->nrfs++] = rf;
    return rf;
}

rc_fact *rc_model_new_fact(rc_model *model)
{
    if (!grow((void ***)&model->facts, model->nfacts, &model->capfacts))
        return NULL;
    rc_fact *f = rc_arena_alloc(model->arena, sizeof *f);
    if (!f)
        return NULL;
    rc_value_init(&f->value);
    f->start = f->end = RC_NO_DATE;
    model->facts[model->nfacts++] = f;
    return f;
}

rc_movement *rc_model_add_movement(rc_model *model, rc_rollforward *rf)
{
    (void)model;
    rc_movement *p = realloc(rf->movements, (rf->nmovements + 1) * sizeof *p);
    if (!p)
        return NULL;
    rf->movements = p;
    rc_movement *mv = &p[rf->nmovements++];
    memset(mv, 0, sizeof *mv);
    return mv;
}

rc_range *rc_model_add_range(rc_model *model, rc_rollforward *rf)
{
    (void)model;
    rc_range *p = realloc(rf->ranges, (rf->nranges + 1) * sizeof *p);
    if (!p)
        return NULL;
    rf->ranges = p;
    rc_range *r = &p[rf->nranges++];
    memset(r, 0, sizeof *r);
    return r;
}

rc_statement *rc_model_add_statement(rc_model *model)
{
    if (!grow((void ***)&model->stmts, model->nstmts, &model->capstmts))
        return NULL;
    rc_statement *st = rc_arena_alloc(model->arena, sizeof *st);
    if (!st)
        return NULL;
    st->award = -1;
    st->start = st->end = RC_NO_DATE;
    model->stmts[model->nstmts++] = st;
    return st;
}

size_t rc_model_statement_count(const rc_model *model)
{
    return model->nstmts;
}

const rc_statement *rc_model_statement(const rc_model *model, size_t i)
{
    assert(i < model->nstmts);
    return model->stmts[i];
}

static int str_cmp(const void *a, const void *b)
{
    return strcmp(*(const char *const *)a, *(const char *const *)b);
}

int rc_model_set_members(rc_model *model, rc_rollforward *rf, const char *const *members,
                         size_t n)
{
    const char **copy = n ? rc_arena_alloc(model->arena, n * sizeof *copy) : NULL;
    if (n && !copy)
        return RC_ENOMEM;
    for (size_t i = 0; i < n; i++) {
        copy[i] = rc_arena_strdup(model->arena, members[i]);
        if (!copy[i])
            return RC_ENOMEM;
    }
    if (n > 1)
        qsort(copy, n, sizeof *copy, str_cmp);
    rf->members = copy;
    rf->nmembers = n;
    return RC_OK;
}

const char *rc_model_strndup(rc_model *model, const char *s, size_t n)
{
    return rc_arena_strndup(model->arena, s, n);
}

const char *rc_model_strdup(rc_model *model, const char *s)
{
    return rc_arena_strdup(model->arena, s);
}

size_t rc_model_count(const rc_model *model)
{
    return model->nrfs;
}

const rc_rollforward *rc_model_get(const rc_model *model, size_t i)
{
    assert(i < model->nrfs);
    return model->rfs[i];
}

size_t rc_model_count_rollforwards(const rc_model *model, const char *file)
{
    size_t n = 0;
    for (size_t i = 0; i < model->nrfs; i++) {
        const rc_rollforward *rf = model->rfs[i];
        if (!rc_rollforward_is_rollforward(rf))
            continue;
        if (!file || (rf->file && strcmp(rf->file, file) == 0))
            n++;
    }
    return n;
}

size_t rc_model_fact_count(const rc_model *model)
{
    return model->nfacts;
}

const rc_fact *rc_model_fact(const rc_model *model, size_t i)
{
    assert(i < model->nfacts);
    return model->facts[i];
}

size_t rc_model_count_facts(const rc_model *model, const char *file)
{
    size_t n = 0;
    for (size_t i = 0; i < model->nfacts; i++) {
        const char *f = model->facts[i]->src.file;
        n += !file || (f && strcmp(f, file) == 0);
    }
    return n;
}

/* ---- notes ---------------------------------------------------------------------- */

int rc_model_add_note(rc_model *model, const char *file, unsigned line, unsigned col,
                      const char *fmt, ...)
{
    if (!grow((void ***)&model->notes, model->nnotes, &model->capnotes))
        return RC_ENOMEM;
    rc_note *note = rc_arena_alloc(model->arena, sizeof *note);
    if (!note)
        return RC_ENOMEM;
    va_list ap;
    va_start(ap, fmt);
    rc_buf b = RC_BUF_INIT;
    rc_buf_vprintf(&b, fmt, ap);
    va_end(ap);
    char *text = rc_buf_take(&b);
    if (!text)
        return RC_ENOMEM;
    note->text = rc_arena_strdup(model->arena, text);
    free(text);
    note->src.file = file ? rc_arena_strdup(model->arena, file) : NULL;
    note->src.line = line;
    note->src.col = col;
    if (!note->text || (file && !note->src.file))
        return RC_ENOMEM;
    model->notes[model->nnotes++] = note;
    return RC_OK;
}

size_t rc_model_note_count(const rc_model *model)
{
    return model->nnotes;
}

const rc_note *rc_model_note(const rc_model *model, size_t i)
{
    assert(i < model->nnotes);
    return model->notes[i];
}

/* ---- undo ----------------------------------------------------------------------- */

void rc_model_mark_state(const rc_model *model, rc_model_mark *mark)
{
    mark->rollforwards = model->nrfs;
    mark->facts = model->nfacts;
    mark->notes = model->nnotes;
    mark->statements = model->nstmts;
}

void rc_model_rollback(rc_model *model, const rc_model_mark *mark)
{
    assert(!model->finished);
    while (model->nrfs > mark->rollforwards) {
        rc_rollforward *rf = model->rfs[--model->nrfs];
        free(rf->movements);
        rf->movements = NULL;
        free(rf->ranges);
        rf->ranges = NULL;
    }
    if (model->nstmts > mark->statements)
        model->nstmts = mark->statements;
    while (model->nfacts > mark->facts)
        rc_value_clear(&model->facts[--model->nfacts]->value);
    if (model->nnotes > mark->notes)
        model->nnotes = mark->notes;
}

/* ---- finishing: merge, fold, sort, chain -------------------------------------- */

static int nstrcmp(const char *a, const char *b)
{
    if (!a || !b)
        return a ? 1 : b ? -1 : 0;
    return strcmp(a, b);
}

/* The key without currency and period: entity, award, award type, members. */
static int base_cmp(const rc_rollforward *a, const rc_rollforward *b)
{
    int c = nstrcmp(a->entity, b->entity);
    if (c)
        return c;
    if (a->award != b->award)
        return a->award < b->award ? -1 : 1;
    if ((c = nstrcmp(a->award_type, b->award_type)) != 0)
        return c;
    for (size_t i = 0; i < a->nmembers && i < b->nmembers; i++)
        if ((c = strcmp(a->members[i], b->members[i])) != 0)
            return c;
    if (a->nmembers != b->nmembers)
        return a->nmembers < b->nmembers ? -1 : 1;
    return 0;
}

static bool same_period(const rc_rollforward *a, const rc_rollforward *b)
{
    return a->start == b->start && a->end == b->end;
}

/* A copy of a fact and its duplicates, for a second place in the model. */
static rc_fact *clone_chain(rc_model *m, const rc_fact *f)
{
    rc_fact *head = NULL, **tail = &head;
    for (; f; f = f->dup) {
        rc_fact *c = rc_model_new_fact(m);
        if (!c)
            return NULL;
        rc_value_set(&c->value, &f->value);
        c->kind = f->kind;
        c->currency = f->currency;
        c->text = f->text;
        c->concept = f->concept;
        c->label = f->label;
        c->src = f->src;
        c->start = f->start;
        c->end = f->end;
        c->filing = f->filing;
        *tail = c;
        tail = &c->dup;
    }
    return head;
}

/* Put fact chain f into slot: the first report, or a duplicate of it.
 * When clone is set the chain is copied (it stays where it was too). */
static int place(rc_model *m, rc_fact **slot, rc_fact *f, bool clone)
{
    if (!f)
        return RC_OK;
    if (clone && !(f = clone_chain(m, f)))
        return RC_ENOMEM;
    if (!*slot) {
        *slot = f;
        return RC_OK;
    }
    rc_fact *t = *slot;
    while (t->dup)
        t = t->dup;
    t->dup = f;
    return RC_OK;
}

static int place_balance(rc_model *m, rc_balance *dst, const rc_balance *src, bool clone)
{
    int rc;
    if ((rc = place(m, &dst->count, src->count, clone)) < 0 ||
        (rc = place(m, &dst->price, src->price, clone)) < 0 ||
        (rc = place(m, &dst->fair_value, src->fair_value, clone)) < 0 ||
        (rc = place(m, &dst->aiv, src->aiv, clone)) < 0 ||
        (rc = place(m, &dst->term, src->term, clone)) < 0)
        return rc;
    return RC_OK;
}

static size_t role_count(const rc_rollforward *rf, rc_role role)
{
    size_t n = 0;
    for (size_t i = 0; i < rf->nmovements; i++)
        n += rf->movements[i].role == role;
    return n;
}

/* The movement of dst that src's movement mv reports again, or NULL: same
 * role and label, or the only movement of that role on both sides. */
static rc_movement *matching_movement(rc_rollforward *dst, const rc_rollforward *src,
                                      const rc_movement *mv)
{
    for (size_t i = 0; i < dst->nmovements; i++) {
        rc_movement *d = &dst->movements[i];
        if (d->role == mv->role && nstrcmp(d->label, mv->label) == 0 &&
            (d->direction == mv->direction || !d->direction || !mv->direction))
            return d;
    }
    if (role_count(dst, mv->role) == 1 && role_count(src, mv->role) == 1) {
        for (size_t i = 0; i < dst->nmovements; i++) {
            rc_movement *d = &dst->movements[i];
            if (d->role == mv->role &&
                (d->direction == mv->direction || !d->direction || !mv->direction))
                return d;
        }
    }
    return NULL;
}

/* A range table is reported once: dst keeps its own, or takes src's (copied when src
 * stays). */
static int take_ranges(rc_model *m, rc_rollforward *dst, const rc_rollforward *src, bool clone)
{
    if (dst->nranges || !src->nranges)
        return RC_OK;
    for (size_t i = 0; i < src->nranges; i++) {
        const rc_range *from = &src->ranges[i];
        rc_range *to = rc_model_add_range(m, dst);
        if (!to)
            return RC_ENOMEM;
        to->label = from->label;
        rc_fact *const *f[] = {&from->low, &from->high, &from->count, &from->price, &from->term,
                               &from->aiv, &from->exercisable_count, &from->exercisable_price,
                               &from->exercisable_term};
        rc_fact **t[] = {&to->low, &to->high, &to->count, &to->price, &to->term, &to->aiv,
                         &to->exercisable_count, &to->exercisable_price, &to->exercisable_term};
        for (size_t k = 0; k < sizeof f / sizeof *f; k++) {
            int rc = place(m, t[k], *f[k], clone);
            if (rc < 0)
                return rc;
        }
    }
    return RC_OK;
}

/* Merge everything src reports into dst (same key and period). */
static int merge_into(rc_model *m, rc_rollforward *dst, const rc_rollforward *src, bool clone)
{
    int rc;
    for (int l = 0; l < RC_LINE__COUNT; l++)
        if ((rc = place_balance(m, &dst->lines[l], &src->lines[l], clone)) < 0)
            return rc;
    for (size_t i = 0; i < src->nmovements; i++) {
        const rc_movement *mv = &src->movements[i];
        rc_movement *d = matching_movement(dst, src, mv);
        if (!d) {
            if (!(d = rc_model_add_movement(m, dst)))
                return RC_ENOMEM;
            d->role = mv->role;
            d->direction = mv->direction;
            d->label = mv->label;
        } else if (!d->direction) {
            d->direction = mv->direction;
        }
        if (!d->label)
            d->label = mv->label;
        if ((rc = place(m, &d->count, mv->count, clone)) < 0 ||
            (rc = place(m, &d->price, mv->price, clone)) < 0 ||
            (rc = place(m, &d->fair_value, mv->fair_value, clone)) < 0)
            return rc;
    }
    if ((rc = place(m, &dst->share_price, src->share_price, clone)) < 0 ||
        (rc = place(m, &dst->contractual_term, src->contractual_term, clone)) < 0 ||
        (rc = place(m, &dst->issued_on_exercise, src->issued_on_exercise, clone)) < 0 ||
        (rc = place(m, &dst->exercise_proceeds, src->exercise_proceeds, clone)) < 0)
        return rc;
    if ((rc = take_ranges(m, dst, src, clone)) < 0)
        return rc;
    if (!dst->currency)
        dst->currency = src->currency;
    if (!dst->caveat)
        dst->caveat = src->caveat;
    if ((src->flags & RC_RF_AMBIGUOUS) && !(dst->flags & RC_RF_AMBIGUOUS))
        dst->why_ambiguous = src->why_ambiguous;
    dst->flags |= src->flags & RC_RF_AMBIGUOUS;
    return RC_OK;
}

static void drop(rc_model *m, size_t i)
{
    free(m->rfs[i]->movements);
    m->rfs[i]->movements = NULL;
    m->rfs[i]->nmovements = 0;
    free(m->rfs[i]->ranges);
    m->rfs[i]->ranges = NULL;
    m->rfs[i]->nranges = 0;
    memmove(&m->rfs[i], &m->rfs[i + 1], (m->nrfs - i - 1) * sizeof *m->rfs);
    m->nrfs--;
}

/* Step 1: one roll-forward per key and period.  Those with a currency merge
 * by currency; those without merge into every one of their key that has one
 * (a share-count column beside a dollar column), or into each other. */
static int merge_same_key(rc_model *m)
{
    int rc;
    /* same currency (including none with none) */
    for (size_t i = 0; i < m->nrfs; i++) {
        for (size_t j = i + 1; j < m->nrfs;) {
            rc_rollforward *a = m->rfs[i], *b = m->rfs[j];
            if (base_cmp(a, b) == 0 && same_period(a, b) && nstrcmp(a->currency, b->currency) == 0) {
                if ((rc = merge_into(m, a, b, false)) < 0)
                    return rc;
                drop(m, j);
            } else {
                j++;
            }
        }
    }
    /* currency-less into those with a currency */
    for (size_t j = 0; j < m->nrfs;) {
        rc_rollforward *b = m->rfs[j];
        size_t targets = 0;
        if (!b->currency) {
            for (size_t i = 0; i < m->nrfs; i++) {
                rc_rollforward *a = m->rfs[i];
                if (a != b && a->currency && base_cmp(a, b) == 0 && same_period(a, b)) {
                    if ((rc = merge_into(m, a, b, true)) < 0)
                        return rc;
                    targets++;
                }
            }
        }
        if (targets)
            drop(m, j);
        else
            j++;
    }
    return RC_OK;
}

static bool currency_fits(const rc_rollforward *a, const rc_rollforward *b)
{
    return !a->currency || !b->currency || strcmp(a->currency, b->currency) == 0;
}

/* Step 2: a roll-forward that is only a balance at one date (an opening
 * alone, or closing-date rows alone) is folded into the roll-forwards that
 * open or close on that date.  It goes only when every row found a place;
 * otherwise it stays as it is, so that finishing again changes nothing. */
static int fold_balances(rc_model *m)
{
    int rc;
    for (size_t j = 0; j < m->nrfs;) {
        rc_rollforward *b = m->rfs[j];
        bool has_open = !balance_empty(&b->lines[RC_LINE_OPENING]);
        bool has_close = !balance_empty(&b->lines[RC_LINE_CLOSING]) ||
                         !balance_empty(&b->lines[RC_LINE_EXERCISABLE]) ||
                         !balance_empty(&b->lines[RC_LINE_VESTED_EXPECTED]) || b->nranges;
        bool extras = !balance_empty(&b->lines[RC_LINE_EXERCISABLE]) ||
                      !balance_empty(&b->lines[RC_LINE_VESTED_EXPECTED]) || b->nranges;
        if (b->nmovements || has_open == has_close || b->start == RC_NO_DATE ||
            b->end == RC_NO_DATE || b->share_price || b->contractual_term ||
            b->issued_on_exercise || b->exercise_proceeds) {
            j++;
            continue;
        }
        rc_day date = has_open ? b->start - 1 : b->end;
        const rc_balance *row = has_open ? &b->lines[RC_LINE_OPENING] : &b->lines[RC_LINE_CLOSING];
        /* find the places first: fold all or nothing */
        bool placed_all = false;
        for (size_t i = 0; i < m->nrfs; i++) {
            rc_rollforward *a = m->rfs[i];
            if (a == b || base_cmp(a, b) != 0 || !currency_fits(a, b) ||
                !rc_rollforward_is_rollforward(a))
                continue;
            if (a->end == date)
                placed_all = true; /* closing-date rows all fit a closing */
            else if (a->start != RC_NO_DATE && a->start - 1 == date && !extras)
                placed_all = true;
        }
        if (!placed_all) {
            j++;
            continue;
        }
        for (size_t i = 0; i < m->nrfs; i++) {
            rc_rollforward *a = m->rfs[i];
            if (a == b || base_cmp(a, b) != 0 || !currency_fits(a, b) ||
                !rc_rollforward_is_rollforward(a))
                continue;
            if (a->end == date) {
                if ((rc = place_balance(m, &a->lines[RC_LINE_CLOSING], row, true)) < 0)
                    return rc;
                if (!has_open) {
                    for (int l = RC_LINE_EXERCISABLE; l < RC_LINE__COUNT; l++)
                        if ((rc = place_balance(m, &a->lines[l], &b->lines[l], true)) < 0)
                            return rc;
                    if ((rc = take_ranges(m, a, b, true)) < 0)
                        return rc;
                }
            }
            if (a->start != RC_NO_DATE && a->start - 1 == date) {
                if ((rc = place_balance(m, &a->lines[RC_LINE_OPENING], row, true)) < 0)
                    return rc;
            }
        }
        drop(m, j);
    }
    return RC_OK;
}

/* How far a start worked out from "N Months Ended" may be from the true one: a
 * 52/53-week year ends within a week of the calendar month. */
#define APPROX_DAYS 7

/* Step 0: an approximate start (RC_RF_START_APPROX) takes the exact start of a
 * roll-forward of the same key and end, or else the day after the end of the
 * same key's period that ends just before it. */
static void snap_starts(rc_model *m)
{
    for (size_t i = 0; i < m->nrfs; i++) {
        rc_rollforward *rf = m->rfs[i];
        if (!(rf->flags & RC_RF_START_APPROX) || rf->start == RC_NO_DATE)
            continue;
        rc_day best = RC_NO_DATE;
        for (size_t k = 0; k < m->nrfs && best == RC_NO_DATE; k++) {
            const rc_rollforward *p = m->rfs[k];
            if (p != rf && !(p->flags & RC_RF_START_APPROX) && p->end == rf->end &&
                p->start != RC_NO_DATE && abs(p->start - rf->start) <= APPROX_DAYS &&
                base_cmp(p, rf) == 0 && currency_fits(p, rf))
                best = p->start;
        }
        for (size_t k = 0; k < m->nrfs && best == RC_NO_DATE; k++) {
            const rc_rollforward *p = m->rfs[k];
            if (p != rf && p->end != RC_NO_DATE && p->end < rf->end &&
                abs(p->end + 1 - rf->start) <= APPROX_DAYS && base_cmp(p, rf) == 0 &&
                currency_fits(p, rf))
                best = p->end + 1;
        }
        if (best != RC_NO_DATE) {
            rf->start = best;
            rf->flags &= ~(unsigned)RC_RF_START_APPROX;
        }
    }
}

static int order_cmp(const void *pa, const void *pb)
{
    const rc_rollforward *a = *(const rc_rollforward *const *)pa;
    const rc_rollforward *b = *(const rc_rollforward *const *)pb;
    int c = base_cmp(a, b);
    if (c)
        return c;
    if ((c = nstrcmp(a->currency, b->currency)) != 0)
        return c;
    if (a->start != b->start)
        return a->start < b->start ? -1 : 1;
    if (a->end != b->end)
        return a->end < b->end ? -1 : 1;
    if ((c = nstrcmp(a->file, b->file)) != 0)
        return c;
    if (a->src.line != b->src.line)
        return a->src.line < b->src.line ? -1 : 1;
    return a->src.col < b->src.col ? -1 : a->src.col > b->src.col;
}

/* Step 4: previous = the roll-forward of the same key whose period ends the
 * day before this one starts (the longest such, for a 10-Q's quarter and
 * year-to-date columns). */
static void chain(rc_model *m)
{
    for (size_t i = 0; i < m->nrfs; i++) {
        rc_rollforward *rf = m->rfs[i];
        rf->previous = rf->next = NULL;
    }
    for (size_t i = 0; i < m->nrfs; i++) {
        rc_rollforward *rf = m->rfs[i];
        if (rf->start == RC_NO_DATE)
            continue;
        rc_rollforward *best = NULL;
        for (size_t k = 0; k < m->nrfs; k++) {
            rc_rollforward *p = m->rfs[k];
            if (p == rf || p->end != rf->start - 1 || base_cmp(p, rf) != 0 || !currency_fits(p, rf))
                continue;
            if (!best || (p->start != RC_NO_DATE &&
                          (best->start == RC_NO_DATE || p->start < best->start)))
                best = p;
        }
        rf->previous = best;
        if (best && !best->next)
            best->next = rf;
    }
}

/* Is b a's members plus exactly one more (both sorted)? */
static bool one_more_member(const rc_rollforward *a, const rc_rollforward *b)
{
    if (b->nmembers != a->nmembers + 1)
        return false;
    size_t i = 0, j = 0, extra = 0;
    while (j < b->nmembers) {
        if (i < a->nmembers && strcmp(a->members[i], b->members[j]) == 0) {
            i++;
            j++;
        } else {
            extra++;
            j++;
        }
    }
    return i == a->nmembers && extra == 1;
}

static bool same_members(const rc_rollforward *a, const rc_rollforward *b)
{
    if (a->nmembers != b->nmembers)
        return false;
    for (size_t i = 0; i < a->nmembers; i++)
        if (strcmp(a->members[i], b->members[i]) != 0)
            return false;
    return true;
}

/* Step 5: totals and their parts. */
static int link_parts(rc_model *m)
{
    for (size_t i = 0; i < m->nrfs; i++) {
        rc_rollforward *total = m->rfs[i];
        total->parts = NULL;
        total->nparts = 0;
    }
    for (size_t i = 0; i < m->nrfs; i++) {
        rc_rollforward *total = m->rfs[i];
        for (size_t k = 0; k < m->nrfs; k++) {
            rc_rollforward *part = m->rfs[k];
            if (part == total || part->award != total->award || part->start != total->start ||
                part->end != total->end || nstrcmp(part->entity, total->entity) != 0 ||
                nstrcmp(part->currency, total->currency) != 0)
                continue;
            bool by_member = nstrcmp(part->award_type, total->award_type) == 0 &&
                             one_more_member(total, part);
            bool by_type = !total->award_type && part->award_type && same_members(total, part);
            if (!by_member && !by_type)
                continue;
            const rc_rollforward **p =
                rc_arena_alloc(m->arena, (total->nparts + 1) * sizeof *p);
            if (!p)
                return RC_ENOMEM;
            if (total->nparts)
                memcpy(p, total->parts, total->nparts * sizeof *p);
            p[total->nparts++] = part;
            total->parts = p;
            if (!part->total)
                part->total = total;
        }
    }
    return RC_OK;
}

/* Was st read from the input rf was read from?  A model JSON keeps each roll-forward's
 * original input in its source, beside the file it was read from. */
static bool stmt_same_input(const rc_statement *st, const rc_rollforward *rf)
{
    if (!st->src.file)
        return false;
    return (rf->file && strcmp(rf->file, st->src.file) == 0) ||
           (rf->src.file && strcmp(rf->src.file, st->src.file) == 0);
}

static bool stmt_fits(const rc_statement *st, const rc_rollforward *rf)
{
    if (!stmt_same_input(st, rf))
        return false;
    if (st->award >= 0 && (int)rf->award != st->award)
        return false;
    if (st->award_type && rf->award_type && strcmp(st->award_type, rf->award_type) != 0)
        return false;
    switch (st->kind) {
    case RC_STMT_MOVEMENT:
        return rc_rollforward_is_rollforward(rf) && rf->end == st->end &&
               (st->start == RC_NO_DATE || rf->start == st->start);
    case RC_STMT_BALANCE:
        if (st->line == RC_LINE_OPENING)
            return rf->start != RC_NO_DATE && rf->start - 1 == st->end;
        return rf->end == st->end;
    case RC_STMT_SHARE_PRICE:
        return rf->end == st->end;
    }
    return false;
}

/* Step 6: each statement to the one roll-forward it can be about; among several that
 * fit, the total (no members) when there is exactly one. */
static int match_statements(rc_model *m)
{
    int rc;
    for (size_t i = 0; i < m->nstmts; i++) {
        rc_statement *st = m->stmts[i];
        st->rf = NULL;
        rc_rollforward *only = NULL, *total = NULL;
        size_t fits = 0, totals = 0;
        for (size_t k = 0; k < m->nrfs; k++) {
            rc_rollforward *rf = m->rfs[k];
            if (!stmt_fits(st, rf))
                continue;
            if (st->kind == RC_STMT_SHARE_PRICE) {
                /* one share price for every roll-forward of the file on that date */
                if ((rc = place(m, &rf->share_price, st->value, true)) < 0)
                    return rc;
                if (!st->rf)
                    st->rf = rf;
                continue;
            }
            fits++;
            only = rf;
            if (rf->nmembers == 0) {
                totals++;
                total = rf;
            }
        }
        if (st->kind == RC_STMT_SHARE_PRICE)
            continue;
        rc_rollforward *to = fits == 1 ? only : totals == 1 ? total : NULL;
        if (!to)
            continue;
        st->rf = to;
        const rc_statement **p = rc_arena_alloc(m->arena, (to->nstatements + 1) * sizeof *p);
        if (!p)
            return RC_ENOMEM;
        if (to->nstatements)
            memcpy(p, to->statements, to->nstatements * sizeof *p);
        p[to->nstatements++] = st;
        to->statements = p;
    }
    return RC_OK;
}

int rc_model_finish(rc_model *model, rc_ctx *ctx)
{
    int rc;
    assert(!model->finished);
    model->finished = true;
    /* a stable starting order makes the merge targets deterministic */
    snap_starts(model);
    if ((rc = merge_same_key(model)) < 0 || (rc = fold_balances(model)) < 0)
        return rc_ctx_fail(ctx, rc, "out of memory while building the model");
    if (model->nrfs > 1)
        qsort(model->rfs, model->nrfs, sizeof *model->rfs, order_cmp);
    chain(model);
    if ((rc = link_parts(model)) < 0 || (rc = match_statements(model)) < 0)
        return rc_ctx_fail(ctx, rc, "out of memory while building the model");
    return RC_OK;
}
