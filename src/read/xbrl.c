/*
 * The XBRL assembler (xbrl.h): one list of XBRL facts, from whichever reader,
 * becomes facts and roll-forward entries of a model.
 *
 * An XBRL instance has no tables: a roll-forward is a set of facts that share
 * an entity and the members of their dimensions, and that fit together by
 * their periods.  Each fact's concept says what it is (the concept map of the
 * vocabulary, or the local name of a company's extension concept); the award
 * type axes say which award class and type; the other axes' members are kept
 * as members of the key, so that a breakdown by plan, by title of individual
 * or by anything else stays a roll-forward of its own.  A duration that holds
 * movements then opens with the outstanding balance at the day before its
 * start and closes with the balances at its end.
 *
 * Filers do what the taxonomy does not foresee, and the assembler is built
 * for it (docs/xbrl.md): movement prices tagged at the instant that ends their
 * period, deductions stored negative, the exercised row of the option table
 * tagged with the equity statement's concept, a price of "forfeitures and
 * expirations" beside a count of forfeitures, extension concepts for assumed
 * or cancelled options.  What it cannot place it says, in a note, never
 * dropping a fact silently.
 */
#include <assert.h>
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "read/classify.h"
#include "read/narrative.h"
#include "read/xbrl.h"

/* ---- names ----------------------------------------------------------------------- */

static const char *local_name(const char *qname)
{
    const char *c = strchr(qname, ':');
    return c ? c + 1 : qname;
}

static bool has_prefix(const char *qname, const char *prefix)
{
    size_t n = strlen(prefix);
    return strncmp(qname, prefix, n) == 0 && qname[n] == ':';
}

/* The taxonomies whose concepts the concept map covers; every other prefix is a
 * company's extension. */
static bool standard_concept(const char *qname)
{
    return has_prefix(qname, "us-gaap") || has_prefix(qname, "ifrs-full") ||
           has_prefix(qname, "srt") || has_prefix(qname, "dei") || has_prefix(qname, "ifrs");
}

/* Does s contain word, ignoring ASCII case? */
static bool icontains(const char *s, const char *word)
{
    size_t n = strlen(word);
    for (; *s; s++) {
        size_t i = 0;
        while (i < n && s[i] && (s[i] | 0x20) == (word[i] | 0x20))
            i++;
        if (i == n) return true;
    }
    return false;
}

static bool starts_with(const char *s, const char *prefix)
{
    return strncmp(s, prefix, strlen(prefix)) == 0;
}

static int nstrcmp(const char *a, const char *b)
{
    if (!a || !b) return a ? 1 : b ? -1 : 0;
    return strcmp(a, b);
}

/*
 * Which extension concepts are share-based payment facts at all (facts read),
 * whatever their local name classifies as: a company's "PrepaidExpense..." is
 * not, though the vocabulary's "expense" pattern would call it a row of no
 * roll-forward.
 */
static bool sharebased_name(const char *qname)
{
    static const char *const words[] = {
        "sharebased",       "stockbased",        "stockoption",
        "shareoption",      "equityinstrument",  "restrictedstock",
        "restrictedshare",  "stockunit",         "shareunit",
        "performanceshare", "performancestock",  "optionsoutstanding",
        "optionsgranted",   "optionsexercis",    "optionsforfeit",
        "optionsexpir",     "optionscancel",     "optionsassumed",
        "optionsvested",    "sharesunderoption", "stockappreciationright",
        "phantom",          "incentiveplan",     "stockaward",
        "equityaward",      "optionawards",
    };
    const char *name = local_name(qname);
    for (size_t i = 0; i < sizeof words / sizeof *words; i++)
        if (icontains(name, words[i])) return true;
    return false;
}

/* Concepts of the statement of stockholders' equity that the concept map knows
 * (StockIssuedDuringPeriodSharesStockOptionsExercised): they may stand in for the
 * award table's row, never beside it (DESIGN.md, "What real filings do"). */
static bool equity_concept(const char *qname)
{
    return !strchr(qname, ':') || (standard_concept(qname) &&
                                   (starts_with(local_name(qname), "StockIssuedDuringPeriod") ||
                                    starts_with(local_name(qname), "StockGrantedDuringPeriod")));
}

/* ---- axes and members ------------------------------------------------------------ */

/* Axes of the statement of stockholders' equity: a fact on them is a column of that
 * statement. */
static bool equity_axis(const char *axis)
{
    return strcmp(axis, "us-gaap:StatementEquityComponentsAxis") == 0 ||
           strcmp(axis, "ifrs-full:ComponentsOfEquityAxis") == 0;
}

/* The preference among axes whose members name an award type: the taxonomies'
 * award type axes first, then any other (a company's, or a plan axis). */
static int award_axis_rank(const char *axis)
{
    if (strcmp(axis, "us-gaap:AwardTypeAxis") == 0) return 0;
    if (strcmp(axis, "ifrs-full:TypesOfSharebasedPaymentArrangementsAxis") == 0) return 1;
    if (strcmp(axis,
               "us-gaap:"
               "ScheduleOfShareBasedCompensationArrangementByShareBasedPaymentAwardAwardTypeAndP"
               "lanNameAxis") == 0)
        return 2;
    return 3;
}

/* An axis of ranges of exercise prices (us-gaap's ...ByExercisePriceRangeAxis, or a
 * company's axis named so) with a member that is one range, not its minimum or maximum:
 * a row of the table of options by range of exercise prices. */
static bool price_range_dim(const rc_xdim *d)
{
    static const char *const statistics[] = {"MinimumMember", "MaximumMember", "MedianMember",
                                             "WeightedAverageMember"};
    const char *axis = local_name(d->axis);
    if (!icontains(axis, "Range") || !icontains(axis, "Price")) return false;
    if (d->typed) return true;
    for (size_t i = 0; i < sizeof statistics / sizeof *statistics; i++)
        if (strcmp(local_name(d->member), statistics[i]) == 0) return false;
    return true;
}

/* A dimension that marks a fact of no roll-forward: a range (minimum, maximum, a
 * range of exercise prices) rather than a population of awards. */
static bool no_rollforward_dim(const rc_xdim *d)
{
    static const char *const members[] = {
        "MinimumMember",    "MaximumMember",    "MedianMember",     "WeightedAverageMember",
        "LowerLimitMember", "UpperLimitMember", "LowerRangeMember", "UpperRangeMember",
    };
    if (icontains(local_name(d->axis), "Range")) return true;
    if (d->typed) return false;
    const char *m = local_name(d->member);
    for (size_t i = 0; i < sizeof members / sizeof *members; i++)
        if (strcmp(m, members[i]) == 0) return true;
    return false;
}

/* ---- units ----------------------------------------------------------------------- */

/* "iso4217:USD" -> "USD"; NULL when the measure is no currency. */
static const char *unit_currency(const char *measure, char code[4])
{
    if (!measure || !has_prefix(measure, "iso4217")) return NULL;
    const char *c = local_name(measure);
    if (strlen(c) != 3) return NULL;
    for (int i = 0; i < 3; i++)
        if (c[i] < 'A' || c[i] > 'Z') return NULL;
    memcpy(code, c, 4);
    return code;
}

static bool unit_is_shares(const char *measure)
{
    if (!measure) return false;
    const char *l = local_name(measure);
    return strcmp(l, "shares") == 0 || strcmp(l, "share") == 0;
}

/* ---- the facts of the list, classified --------------------------------------------- */

typedef struct xf {
    const rc_xfact *x;
    size_t index;       /* position in the list: the last tie-break of every order */
    rc_class cls;       /* what the concept says */
    rc_measure measure; /* resolved: never RC_MEASURE_PER_SHARE once the award is known */
    rc_kind kind;
    char code[4]; /* the currency of a price or an amount */
    const char *currency;
    int award; /* RC_AWARD_*, or -1 when nothing says */
    const char *award_type;
    const char *award_member; /* "axis=member" of the dimension that named the award */
    bool award_member_kept;   /* award_member is also one of members */
    const char **members;     /* the other dimensions, "axis=member", sorted */
    size_t nmembers, capmembers;
    const char *members_key; /* members joined, for comparing */
    const char *entity;
    rc_day date;         /* the balance date: an instant, or the end of a duration */
    bool sharebased;     /* made into an rc_fact */
    bool no_rf;          /* a range member: a fact of no roll-forward */
    bool equity;         /* an equity-statement concept */
    bool on_equity_axis; /* a column of the statement of stockholders' equity */
    bool extension;      /* a company's concept */
    bool ve_exercisable; /* a ...VestedAndExpectedToVestExercisable... concept: which line it
                            is depends on the filer (below) */
    bool conflict;       /* the unit contradicts what the concept measures */
    bool has_value;
    rc_value value;
    size_t uses;  /* rc_facts made of it */
    int dir_hint; /* companyfacts: the direction of a signed movement as the earliest filing
                     reporting it stored it, or 0 */
    /* "axis=member" of a range of exercise prices: a row of the range table of the key
     * without that axis, or NULL */
    const char *range_member;
} xf;

/* A movement being put together. */
typedef struct pmove {
    rc_role role;
    const char *origin; /* NULL for the taxonomies' concepts, else the concept */
    const char *label;  /* the concept named in the output, or NULL */
    rc_fact *count, *price, *fair_value;
    const xf *count_fact;
} pmove;

/* A roll-forward made, for the facts placed after all of them (share prices, stated
 * contractual terms) and for the notes. */
typedef struct built {
    rc_rollforward *rf;
    const xf *key; /* a fact of its group: entity, award, members, filing */
} built;

/* What a concept is, worked out once for all its facts. */
typedef struct concept_class {
    const char *concept; /* NULL: a free slot */
    bool known;          /* rc_classify_concept said something */
    bool sharebased;     /* its facts are facts of the model */
    rc_class cls;
} concept_class;

typedef struct assembler {
    rc_model *model;
    const rc_vocab *vocab;
    const rc_xfacts *list;
    rc_ctx *ctx;
    rc_arena *scratch;
    xf *xfs;
    size_t n;
    const char *file;   /* in the model */
    const char *caveat; /* companyfacts */
    const char *document; /* the filing of an input that holds one: "10-K 2010-09-25" */
    rc_xbrl_stats stats;
    built *built;
    size_t nbuilt, capbuilt;
    concept_class *concepts; /* a hash table of capconcepts slots (a power of two) */
    size_t nconcepts, capconcepts;
    char **notes_made; /* note texts already added (a concept is named once): a hash table
                          of capnotes slots (a power of two), nnotes of them used */
    size_t nnotes, capnotes;
    int rc;
} assembler;

static int oom(assembler *a)
{
    if (a->rc >= 0)
        a->rc =
            rc_ctx_fail(a->ctx, RC_ENOMEM, "out of memory while assembling the XBRL facts of %s",
                        a->list->file ? a->list->file : "the input");
    return a->rc;
}

static const char *mstrdup(assembler *a, const char *s)
{
    if (!s) return NULL;
    const char *c = rc_model_strdup(a->model, s);
    if (!c) oom(a);
    return c;
}

/* FNV-1a */
static size_t text_hash(const char *s)
{
    uint64_t h = 14695981039346656037u;
    for (; *s; s++)
        h = (h ^ (unsigned char)*s) * 1099511628211u;
    return (size_t)h;
}

/* Add a note once: the same text again (a concept that recurs in every period) is
 * not repeated. */
static void note(assembler *a, const rc_source *src, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));

static void note(assembler *a, const rc_source *src, const char *fmt, ...)
{
    if (a->rc < 0) return;
    rc_buf b = RC_BUF_INIT;
    va_list ap;
    va_start(ap, fmt);
    rc_buf_vprintf(&b, fmt, ap);
    va_end(ap);
    char *text = rc_buf_take(&b);
    if (!text) {
        oom(a);
        return;
    }
    /* the texts noted so far, in an open-addressing table kept at most half full */
    if (2 * (a->nnotes + 1) > a->capnotes) {
        size_t cap = a->capnotes ? a->capnotes * 2 : 64;
        char **t = calloc(cap, sizeof *t);
        if (!t) {
            free(text);
            oom(a);
            return;
        }
        for (size_t i = 0; i < a->capnotes; i++) {
            if (!a->notes_made[i]) continue;
            size_t h = text_hash(a->notes_made[i]) & (cap - 1);
            while (t[h])
                h = (h + 1) & (cap - 1);
            t[h] = a->notes_made[i];
        }
        free(a->notes_made);
        a->notes_made = t;
        a->capnotes = cap;
    }
    size_t h = text_hash(text) & (a->capnotes - 1);
    for (; a->notes_made[h]; h = (h + 1) & (a->capnotes - 1)) {
        if (strcmp(a->notes_made[h], text) == 0) {
            free(text);
            return;
        }
    }
    a->notes_made[h] = text;
    a->nnotes++;
    if (rc_model_add_note(a->model, a->file, src ? src->line : 0, src ? src->col : 0, "%s", text) <
        0)
        oom(a);
}

static const char *role_words(rc_role role)
{
    switch (role) {
    case RC_ROLE_FORFEITED_EXPIRED:
        return "forfeited and expired";
    default:
        return rc_role_name(role);
    }
}

static const char *measure_words(rc_measure m)
{
    switch (m) {
    case RC_MEASURE_COUNT:
        return "count";
    case RC_MEASURE_PRICE:
        return "exercise price";
    case RC_MEASURE_FAIR_VALUE:
        return "grant-date fair value";
    case RC_MEASURE_AIV:
        return "intrinsic value";
    case RC_MEASURE_TERM:
        return "remaining term";
    default:
        return "value";
    }
}

static const char *line_words(const xf *f)
{
    switch (f->cls.line) {
    case RC_LINE_EXERCISABLE:
        return "exercisable";
    case RC_LINE_VESTED_EXPECTED:
        return "vested and expected to vest";
    default:
        return "outstanding";
    }
}

/* The entity as the output shows it: "CIK 0000320193" for the SEC's scheme. */
static const char *entity_name(assembler *a, const char *entity)
{
    if (!entity) return NULL;
    const char *sp = strrchr(entity, ' ');
    const char *id = sp ? sp + 1 : entity;
    if (sp && icontains(entity, "sec.gov/CIK")) return rc_arena_printf(a->scratch, "CIK %s", id);
    return id;
}

static int add_member(assembler *a, xf *f, const char *m)
{
    if (f->nmembers == f->capmembers) {
        size_t cap = f->capmembers ? f->capmembers * 2 : 4;
        const char **p = rc_arena_alloc(a->scratch, cap * sizeof *p);
        if (!p) return oom(a);
        if (f->nmembers) memcpy(p, f->members, f->nmembers * sizeof *p);
        f->members = p;
        f->capmembers = cap;
    }
    f->members[f->nmembers++] = m;
    return RC_OK;
}

static int str_ptr_cmp(const void *pa, const void *pb)
{
    return strcmp(*(const char *const *)pa, *(const char *const *)pb);
}

static int make_members_key(assembler *a, xf *f)
{
    if (f->nmembers > 1) qsort(f->members, f->nmembers, sizeof *f->members, str_ptr_cmp);
    rc_buf b = RC_BUF_INIT;
    for (size_t i = 0; i < f->nmembers; i++)
        rc_buf_printf(&b, "%s%s", i ? "\n" : "", f->members[i]);
    f->members_key = rc_arena_strndup(a->scratch, b.data ? b.data : "", b.len);
    bool failed = b.failed;
    rc_buf_free(&b);
    return failed || !f->members_key ? oom(a) : RC_OK;
}

/* The value of a fact and its accuracy.  decimals says how far it was rounded;
 * `shown` is what the document displays: inline XBRL says; an instance's value
 * tagged INF shows its written places (a rounded "5.877" tagged exact, which
 * rc_fact_interval then widens); an instance's value with decimals shows them (a
 * "202" tagged decimals="2" is 202.00: the lexical form drops trailing zeros).
 * Without decimals (SEC companyfacts) a value is taken as rounded at its last
 * written non-zero digit: "21725000" may be thousands. */
static bool parse_value(xf *f)
{
    const rc_xfact *x = f->x;
    if (!x->value) return false;
    if (!x->numeric) {
        const char *err = NULL;
        return rc_term_parse(&f->value, x->value, strlen(x->value), &err) == RC_OK;
    }
    size_t len = strlen(x->value);
    if (rc_value_parse(&f->value, x->value, len, 0, RC_PARSE_EXPONENT, NULL, NULL) != RC_OK)
        return false;
    int written = f->value.shown;
    if (x->decimals == RC_XDECIMALS_UNSET) {
        int d = written;
        if (d <= 0 && mpq_sgn(f->value.q) != 0) {
            /* trailing zeros of the integer part */
            const char *dot = strchr(x->value, '.');
            const char *end = dot ? dot : x->value + len;
            int zeros = 0;
            while (end > x->value && end[-1] == '0') {
                end--;
                zeros++;
            }
            d = -zeros;
        }
        f->value.decimals = d;
        f->value.shown = d;
    } else {
        f->value.decimals = x->decimals;
        if (x->shown != RC_DECIMALS_INF)
            f->value.shown = x->shown;
        else if (x->decimals == RC_DECIMALS_INF)
            f->value.shown = written;
        else
            f->value.shown = x->decimals;
    }
    return true;
}

/* What the unit says a number is, where the concept does not. */
static void resolve_kind(xf *f)
{
    const rc_xfact *x = f->x;
    rc_measure m = f->cls.measure;
    if (!x->numeric) {
        if (m == RC_MEASURE_NONE && f->cls.what == RC_WHAT_BALANCE) m = RC_MEASURE_TERM;
        if (m == RC_MEASURE_TERM || m == RC_MEASURE_CONTRACTUAL_TERM)
            f->kind = RC_KIND_TERM;
        else
            f->conflict = true;
        f->measure = m;
        return;
    }
    f->currency = unit_currency(x->unit_num, f->code);
    bool per_share = f->currency && x->unit_den && unit_is_shares(x->unit_den);
    bool money = f->currency && !x->unit_den;
    bool countish = !f->currency && !x->unit_den;
    if (m == RC_MEASURE_NONE) {
        if (per_share)
            m = RC_MEASURE_PER_SHARE;
        else if (money && f->cls.what == RC_WHAT_BALANCE)
            m = RC_MEASURE_AIV;
        else if (countish && (f->cls.what == RC_WHAT_BALANCE || f->cls.what == RC_WHAT_MOVEMENT))
            m = RC_MEASURE_COUNT;
    }
    switch (m) {
    case RC_MEASURE_COUNT:
        f->kind = RC_KIND_COUNT;
        f->conflict = !countish;
        break;
    case RC_MEASURE_PRICE:
    case RC_MEASURE_FAIR_VALUE:
    case RC_MEASURE_PER_SHARE:
        /* an amount of money is no weighted average per share (the total fair value
         * of the awards vested) */
        f->kind = RC_KIND_PRICE;
        f->conflict = !per_share;
        break;
    case RC_MEASURE_SHARE_PRICE:
        f->kind = RC_KIND_PRICE;
        f->conflict = !(per_share || money);
        break;
    case RC_MEASURE_AIV:
        f->kind = RC_KIND_MONEY;
        f->conflict = !money;
        break;
    case RC_MEASURE_TERM:
    case RC_MEASURE_CONTRACTUAL_TERM:
        f->kind = RC_KIND_TERM;
        f->conflict = f->currency != NULL || x->unit_den != NULL;
        break;
    default:
        f->kind = per_share || money ? (money ? RC_KIND_MONEY : RC_KIND_PRICE)
                  : countish         ? RC_KIND_COUNT
                                     : RC_KIND_PURE;
        break;
    }
    if (f->kind != RC_KIND_PRICE && f->kind != RC_KIND_MONEY) f->currency = NULL;
    f->measure = m;
}

/* An amount per share that the concept does not name is a price for options and a
 * grant-date fair value for other awards. */
static void resolve_per_share(xf *f)
{
    if (f->measure == RC_MEASURE_PER_SHARE && f->award >= 0)
        f->measure = f->award == RC_AWARD_OPTIONS ? RC_MEASURE_PRICE : RC_MEASURE_FAIR_VALUE;
}

static int classify_dims(assembler *a, xf *f)
{
    const rc_xfact *x = f->x;
    const rc_xdim *best = NULL;
    int best_rank = 99, best_award = -1;
    const char *best_type = NULL;
    for (size_t i = 0; i < x->ndims; i++) {
        const rc_xdim *d = &x->dims[i];
        if (!d->axis || !d->member) continue;
        if (price_range_dim(d) && !f->range_member) {
            f->range_member = rc_arena_printf(a->scratch, "%s=%s", d->axis, d->member);
            if (!f->range_member) return oom(a);
            continue;
        }
        if (no_rollforward_dim(d)) {
            f->no_rf = true;
            continue;
        }
        if (equity_axis(d->axis)) f->on_equity_axis = true;
        if (!d->typed && rc_classify_member_excluded(a->vocab, d->member)) {
            f->no_rf = true; /* an employee stock purchase plan: no award roll-forward */
            continue;
        }
        int award = -1;
        const char *type = NULL;
        if (!d->typed && rc_classify_member(a->vocab, d->member, &award, &type)) {
            int rank = award_axis_rank(d->axis);
            if (rank < best_rank) {
                best = d;
                best_rank = rank;
                best_award = award;
                best_type = type;
            }
        }
    }
    for (size_t i = 0; i < x->ndims; i++) {
        const rc_xdim *d = &x->dims[i];
        if (!d->axis || !d->member || no_rollforward_dim(d)) continue;
        const char *m = rc_arena_printf(a->scratch, "%s=%s", d->axis, d->member);
        if (!m) return oom(a);
        if (d == best) {
            f->award_member = m;
            continue;
        }
        if (add_member(a, f, m) < 0) return a->rc;
    }
    /* "Concept names mislead": a member that names an award other than options wins
     * over the concept (an RSU member on an options concept is an RSU); an options
     * member on a concept of other awards (a table of nonvested options) keeps the
     * concept's class and stays a member, so that it is not mixed with the options
     * outstanding. */
    f->award = f->cls.award;
    if (best) {
        if (best_award == RC_AWARD_OTHER || f->cls.award != RC_AWARD_OTHER) {
            f->award = best_award;
            f->award_type = best_type;
        } else {
            f->award_member_kept = true;
            if (add_member(a, f, f->award_member) < 0) return a->rc;
        }
    }
    return RC_OK;
}

/* The class of a concept (cached: an instance holds many facts of few concepts), or NULL
 * when out of memory. */
static const concept_class *concept_of(assembler *a, const char *concept)
{
    if (2 * (a->nconcepts + 1) > a->capconcepts) {
        size_t cap = a->capconcepts ? a->capconcepts * 2 : 256;
        concept_class *t = calloc(cap, sizeof *t);
        if (!t) {
            oom(a);
            return NULL;
        }
        for (size_t i = 0; i < a->capconcepts; i++) {
            if (!a->concepts[i].concept) continue;
            size_t h = text_hash(a->concepts[i].concept) & (cap - 1);
            while (t[h].concept)
                h = (h + 1) & (cap - 1);
            t[h] = a->concepts[i];
        }
        free(a->concepts);
        a->concepts = t;
        a->capconcepts = cap;
    }
    size_t h = text_hash(concept) & (a->capconcepts - 1);
    for (; a->concepts[h].concept; h = (h + 1) & (a->capconcepts - 1))
        if (strcmp(a->concepts[h].concept, concept) == 0) return &a->concepts[h];
    concept_class *c = &a->concepts[h];
    c->concept = concept; /* the list's, which outlives the table */
    c->known = rc_classify_concept(a->vocab, concept, &c->cls);
    c->sharebased =
        standard_concept(concept) ? c->known || sharebased_name(concept) : sharebased_name(concept);
    a->nconcepts++;
    return c;
}

/* Is x a fact of a share-based payment concept, with a value? */
static const concept_class *candidate(assembler *a, const rc_xfact *x)
{
    if (!x->concept || x->nil || !x->value) return NULL;
    const concept_class *c = concept_of(a, x->concept);
    return c && c->sharebased ? c : NULL;
}

static int classify_fact(assembler *a, xf *f, const concept_class *c)
{
    const rc_xfact *x = f->x;
    f->award = -1;
    f->date = x->end;
    f->cls = c->cls;
    f->extension = !standard_concept(x->concept);
    f->sharebased = true;
    f->equity = equity_concept(x->concept);
    f->ve_exercisable = !f->extension && strstr(x->concept, "VestedAndExpectedToVestExercisable");
    resolve_kind(f);
    f->has_value = parse_value(f);
    if (!f->has_value) {
        f->sharebased = false; /* a text, or a value that is no number: not a fact */
        return RC_OK;
    }
    f->entity = entity_name(a, x->entity);
    if (x->entity && !f->entity) return oom(a);
    if (classify_dims(a, f) < 0) return a->rc;
    resolve_per_share(f);
    return RC_OK;
}

static const char *member_of(const xf *f)
{
    return strchr(f->award_member, '=') + 1;
}

static int award_member_cmp(const void *pa, const void *pb)
{
    const xf *f = *(const xf *const *)pa, *g = *(const xf *const *)pb;
    int c;
    if (f->award != g->award) return f->award < g->award ? -1 : 1;
    if ((c = nstrcmp(f->award_type, g->award_type)) != 0) return c;
    if ((c = strcmp(member_of(f), member_of(g))) != 0) return c;
    return f->index < g->index ? -1 : f->index > g->index;
}

/* Two award members that name the same class and type ("PSU" from both
 * PerformanceSharesMember and a company's PerformanceStockUnitsMember) are told
 * apart by keeping the member in the key.  Only the members of balances and movements
 * count: a plan's stated term under a member of its own (AEON's "stock options granted
 * to 10% stockholders") splits no roll-forward. */
static int split_award_members(assembler *a)
{
    xf **w = malloc((a->n ? a->n : 1) * sizeof *w);
    if (!w) return oom(a);
    size_t nw = 0;
    for (size_t i = 0; i < a->n; i++) {
        xf *f = &a->xfs[i];
        if (f->sharebased && f->award_member && !f->award_member_kept &&
            (f->cls.what == RC_WHAT_BALANCE || f->cls.what == RC_WHAT_MOVEMENT))
            w[nw++] = f;
    }
    if (nw > 1) qsort(w, nw, sizeof *w, award_member_cmp);
    for (size_t i = 0; i < nw && a->rc >= 0;) {
        size_t j = i + 1;
        bool several = false;
        while (j < nw && w[j]->award == w[i]->award &&
               nstrcmp(w[j]->award_type, w[i]->award_type) == 0) {
            several |= strcmp(member_of(w[j]), member_of(w[i])) != 0;
            j++;
        }
        for (size_t k = i; several && k < j && a->rc >= 0; k++)
            if (add_member(a, w[k], w[k]->award_member) == RC_OK) w[k]->award_member_kept = true;
        i = j;
    }
    free(w);
    return a->rc < 0 ? a->rc : RC_OK;
}

/* The order of facts by place: entity, members, filing. */
static int place_cmp(const xf *f, const xf *g)
{
    int c;
    if ((c = nstrcmp(f->entity, g->entity)) != 0) return c;
    if ((c = strcmp(f->members_key, g->members_key)) != 0) return c;
    return nstrcmp(f->x->filing, g->x->filing);
}

static bool same_place(const xf *f, const xf *g)
{
    return place_cmp(f, g) == 0;
}

static int place_order(const void *pa, const void *pb)
{
    const xf *f = *(const xf *const *)pa, *g = *(const xf *const *)pb;
    int c = place_cmp(f, g);
    if (c) return c;
    return f->index < g->index ? -1 : f->index > g->index;
}

static bool balance_or_movement(const xf *f)
{
    return f->cls.what == RC_WHAT_BALANCE || f->cls.what == RC_WHAT_MOVEMENT;
}

/*
 * A company's concepts that name an award type ("Performancesharesnonvestednumber") keep
 * it when they make a roll-forward of their own (an outstanding balance among them): a
 * table of performance shares beside the taxonomy's table of restricted stock.  A
 * company's row inside the taxonomy's table ("...RestrictedStockUnitsCancelledInPeriod")
 * joins that table.
 *
 * A balance or movement whose concept names no award class takes the class of the other
 * facts of its entity and members, when they have one.
 */
static int resolve_awards(assembler *a)
{
    xf **ps = malloc((a->n ? a->n : 1) * sizeof *ps);
    if (!ps) return oom(a);
    size_t n = 0;
    for (size_t i = 0; i < a->n; i++)
        if (a->xfs[i].sharebased && balance_or_movement(&a->xfs[i])) ps[n++] = &a->xfs[i];
    if (n > 1) qsort(ps, n, sizeof *ps, place_order);
    for (size_t i = 0; i < n;) {
        size_t j = i;
        /* the (class, type) pairs that a company's outstanding balance names here */
        struct {
            int award;
            const char *type;
        } own[16];
        size_t nown = 0;
        for (; j < n && same_place(ps[j], ps[i]); j++) {
            const xf *g = ps[j];
            if (!g->extension || g->cls.what != RC_WHAT_BALANCE || !g->cls.outstanding ||
                !g->cls.award_type || g->award_member)
                continue;
            bool seen = false;
            for (size_t k = 0; k < nown && !seen; k++)
                seen = own[k].award == g->award && nstrcmp(own[k].type, g->cls.award_type) == 0;
            if (!seen && nown < sizeof own / sizeof *own) {
                own[nown].award = g->award;
                own[nown].type = g->cls.award_type;
                nown++;
            }
        }
        for (size_t k = i; k < j && nown; k++) {
            xf *f = ps[k];
            if (!f->extension || !f->cls.award_type || f->award_member || f->award != f->cls.award)
                continue;
            for (size_t m = 0; m < nown; m++)
                if (own[m].award == f->award && nstrcmp(own[m].type, f->cls.award_type) == 0)
                    f->award_type = f->cls.award_type;
        }
        i = j;
    }
    /* the class of each place: the one class its classified facts have, or none */
    for (size_t i = 0; i < n;) {
        size_t j = i;
        int award = -1;
        bool several = false;
        while (j < n && same_place(ps[j], ps[i])) {
            if (ps[j]->cls.award >= 0) {
                several |= award >= 0 && ps[j]->award != award;
                award = ps[j]->award;
            }
            j++;
        }
        for (size_t k = i; k < j && !several && award >= 0; k++) {
            if (ps[k]->award < 0) {
                ps[k]->award = award;
                resolve_per_share(ps[k]);
            }
        }
        i = j;
    }
    free(ps);
    return RC_OK;
}

/* Can f be placed in a roll-forward (by its group)? */
static bool placeable(const xf *f)
{
    if (!f->sharebased || f->no_rf || f->conflict || f->award < 0) return false;
    if (f->equity && f->on_equity_axis) return false;
    if (f->range_member) return false; /* a row of the range table: place_ranges */
    if (f->measure == RC_MEASURE_PER_SHARE || f->measure == RC_MEASURE_NONE) return false;
    /* a company's movement whose name says no role is listed as unclassified */
    if (f->extension && f->cls.what == RC_WHAT_MOVEMENT && f->cls.role == RC_ROLE_OTHER)
        return false;
    return f->cls.what == RC_WHAT_BALANCE || f->cls.what == RC_WHAT_MOVEMENT;
}

/* The order of placeable facts: by group (entity, award, type, members, filing),
 * then by period and concept, so that two readers of the same filing (an inline
 * document and its extracted instance) give the same model whatever the order of
 * their facts. */
static int group_cmp(const xf *f, const xf *g)
{
    int c;
    if ((c = nstrcmp(f->entity, g->entity)) != 0) return c;
    if (f->award != g->award) return f->award < g->award ? -1 : 1;
    if ((c = nstrcmp(f->award_type, g->award_type)) != 0) return c;
    if ((c = strcmp(f->members_key, g->members_key)) != 0) return c;
    return nstrcmp(f->x->filing, g->x->filing);
}

static int fact_order(const void *pa, const void *pb)
{
    const xf *f = *(const xf *const *)pa, *g = *(const xf *const *)pb;
    int c = group_cmp(f, g);
    if (c) return c;
    if (f->x->end != g->x->end) return f->x->end < g->x->end ? -1 : 1;
    if (f->x->start != g->x->start) return f->x->start < g->x->start ? -1 : 1;
    if ((c = strcmp(f->x->concept, g->x->concept)) != 0) return c;
    if ((c = nstrcmp(f->x->unit_num, g->x->unit_num)) != 0) return c;
    if ((c = nstrcmp(f->x->value, g->x->value)) != 0) return c;
    if (f->x->src.line != g->x->src.line) return f->x->src.line < g->x->src.line ? -1 : 1;
    return f->index < g->index ? -1 : f->index > g->index;
}

static bool is_movement(const xf *f)
{
    return f->cls.what == RC_WHAT_MOVEMENT;
}

static bool is_duration(const xf *f)
{
    return f->x->start != RC_NO_DATE;
}

/* Do f and g report the same movement slot but for the filing: entity, award, members,
 * period? */
static int period_key_cmp(const xf *f, const xf *g)
{
    int c;
    if ((c = nstrcmp(f->entity, g->entity)) != 0) return c;
    if (f->award != g->award) return f->award < g->award ? -1 : 1;
    if ((c = nstrcmp(f->award_type, g->award_type)) != 0) return c;
    if ((c = strcmp(f->members_key, g->members_key)) != 0) return c;
    if (f->x->start != g->x->start) return f->x->start < g->x->start ? -1 : 1;
    if (f->x->end != g->x->end) return f->x->end < g->x->end ? -1 : 1;
    return 0;
}

/* The order of harmonize_filings: the slot, then the filing. */
static int filing_order(const void *pa, const void *pb)
{
    const xf *f = *(const xf *const *)pa, *g = *(const xf *const *)pb;
    int c = period_key_cmp(f, g);
    if (c) return c;
    if ((c = nstrcmp(f->x->filing, g->x->filing)) != 0) return c;
    return f->index < g->index ? -1 : f->index > g->index;
}

static bool family_role(rc_role r)
{
    return r == RC_ROLE_FORFEITED || r == RC_ROLE_EXPIRED || r == RC_ROLE_FORFEITED_EXPIRED ||
           r == RC_ROLE_CANCELLED;
}

/*
 * SEC companyfacts: the same row of the same period, reported by several filings under
 * different concepts of the family of deductions (Snowflake's 10-K for FY2022 tags the
 * FY2021 forfeitures ForfeituresInPeriod, its 10-K for FY2023 ForfeituresAndExpirations
 * InPeriod), is one movement: each filing's row takes the role the earliest filing gave
 * it, so that the model merges them as one movement reported twice rather than adding
 * both.  Only where each filing reports one role of the family for that period.
 */
static int harmonize_filings(assembler *a, xf **order, size_t np)
{
    xf **fs = malloc((np ? np : 1) * sizeof *fs);
    if (!fs) return oom(a);
    for (int signed_pass = 0; signed_pass < 2 && a->rc >= 0; signed_pass++) {
        size_t n = 0;
        for (size_t i = 0; i < np; i++) {
            xf *f = order[i];
            if (!f->x->filing || !is_movement(f) || !is_duration(f) || f->extension) continue;
            if (signed_pass ? rc_role_direction(f->cls.role) == 0 && f->measure == RC_MEASURE_COUNT
                            : family_role(f->cls.role))
                fs[n++] = f;
        }
        if (n > 1) qsort(fs, n, sizeof *fs, filing_order);
        for (size_t i = 0; i < n && a->rc >= 0;) {
            size_t j = i + 1;
            while (j < n && period_key_cmp(fs[i], fs[j]) == 0)
                j++;
            if (signed_pass) {
                /* a signed movement keeps the direction the earliest filing stored
                 * (NVIDIA's options exchanged in its FY2010 tender offer: -28,532,050 in
                 * one 10-K, 28,500,000 in the next) */
                int dir = 0;
                for (size_t k = i; k < j; k++) {
                    if (!dir) dir = mpq_sgn(fs[k]->value.q);
                    fs[k]->dir_hint = dir;
                }
                i = j;
                continue;
            }
            /* [i, j): one slot; every filing must use one role of the family */
            bool one_each = true, differ = false;
            for (size_t k = i + 1; k < j; k++) {
                if (strcmp(fs[k]->x->filing, fs[k - 1]->x->filing) == 0)
                    one_each &= fs[k]->cls.role == fs[k - 1]->cls.role;
                differ |= fs[k]->cls.role != fs[i]->cls.role;
            }
            if (one_each && differ) {
                rc_role role = fs[i]->cls.role;
                for (size_t k = i + 1; k < j; k++) {
                    if (fs[k]->cls.role == role) continue;
                    note(a, &fs[k]->x->src,
                         "%s of filing %s and the %s movement of filing %s report the same row "
                         "of the same period: taken as one movement",
                         fs[k]->x->concept, fs[k]->x->filing, role_words(role), fs[i]->x->filing);
                    fs[k]->cls.role = role;
                }
            }
            i = j;
        }
    }
    free(fs);
    return a->rc < 0 ? a->rc : RC_OK;
}

/* ---- making facts ---------------------------------------------------------------- */

/* Every fact this input made from facts_before on (the note's sentences too) is of its
 * filing: one input never disagrees with itself as a restatement would.  The facts are
 * the model's, made for this input and not yet seen by anyone: completing them is this
 * reader's business, hence the cast. */
static void name_filing(assembler *a, size_t facts_before)
{
    if (!a->document || a->rc < 0) return;
    for (size_t i = facts_before; i < rc_model_fact_count(a->model); i++) {
        rc_fact *f = (rc_fact *)rc_model_fact(a->model, i);
        if (!f->filing) f->filing = a->document;
    }
}

/* The filing an input of one filing is (an instance, an inline document, its xBRL-JSON):
 * its dei document type and period end, "10-K 2010-09-25", the same in every form of it.
 * Two filings given together are then told apart, so that a comparative one restated
 * is a restatement (RC121), not a disagreement of one filing with itself (RC120).  NULL
 * when the input does not say, or names each fact's filing (companyfacts). */
static const char *document_name(assembler *a)
{
    const char *type = NULL, *end = NULL;
    for (size_t i = 0; i < a->list->n; i++) {
        const rc_xfact *x = &a->list->items[i];
        if (x->filing) return NULL;
        if (!x->concept || !x->value || x->ndims) continue;
        if (!type && strcmp(x->concept, "dei:DocumentType") == 0)
            type = x->value;
        else if (!end && strcmp(x->concept, "dei:DocumentPeriodEndDate") == 0)
            end = x->value;
    }
    if (!type || !end) return NULL;
    const char *name = rc_arena_printf(a->scratch, "%s %s", type, end);
    if (!name) {
        oom(a);
        return NULL;
    }
    return mstrdup(a, name);
}

static rc_fact *make_fact(assembler *a, xf *f)
{
    if (a->rc < 0) return NULL;
    const rc_xfact *x = f->x;
    rc_fact *rf = rc_model_new_fact(a->model);
    if (!rf) {
        oom(a);
        return NULL;
    }
    rc_value_set(&rf->value, &f->value);
    rf->kind = f->kind;
    rf->currency = f->currency ? mstrdup(a, f->currency) : NULL;
    rf->text = mstrdup(a, x->value);
    rf->concept = mstrdup(a, x->concept);
    rf->label = NULL;
    rf->src.file = a->file;
    rf->src.line = x->src.line;
    rf->src.col = x->src.col;
    rf->src.id = x->id ? mstrdup(a, x->id) : x->src.id ? mstrdup(a, x->src.id) : NULL;
    rf->start = x->start;
    rf->end = x->end;
    rf->filing = x->filing ? mstrdup(a, x->filing) : NULL;
    if (f->uses++ == 0) a->stats.facts++;
    return a->rc < 0 ? NULL : rf;
}

/* Put a new fact of f into slot, first or as a further report of the same slot. */
static void put(assembler *a, rc_fact **slot, xf *f, rc_source *first)
{
    rc_fact *rf = make_fact(a, f);
    if (!rf) return;
    if (!*slot) {
        *slot = rf;
    } else {
        rc_fact *t = *slot;
        while (t->dup)
            t = t->dup;
        t->dup = rf;
    }
    /* the roll-forward is where its first fact is */
    if (rf->src.line && (!first->line || rf->src.line < first->line ||
                         (rf->src.line == first->line && rf->src.col < first->col)))
        *first = rf->src;
}

static rc_fact **balance_slot(rc_balance *b, rc_measure m)
{
    switch (m) {
    case RC_MEASURE_COUNT:
        return &b->count;
    case RC_MEASURE_PRICE:
        return &b->price;
    case RC_MEASURE_FAIR_VALUE:
        return &b->fair_value;
    case RC_MEASURE_AIV:
        return &b->aiv;
    case RC_MEASURE_TERM:
        return &b->term;
    default:
        return NULL;
    }
}

/* ---- entries --------------------------------------------------------------------- */

/* A period of movements. */
typedef struct period {
    rc_day start, end;
} period;

/* A group: the placeable facts of one key, in the sorted order (by the end of their
 * period, then its start), and the durations that hold its movements. */
typedef struct group {
    xf **facts;
    size_t n;
    period *ps; /* by start, then end */
    size_t np;
    period *by_end; /* the same, by end, then start: the longest of each end first */
} group;

/* [*lo, *hi): the facts of g whose period ends on date (a balance's date is its end). */
static void at_date(const group *g, rc_day date, size_t *lo, size_t *hi)
{
    size_t a = 0, b = g->n;
    while (a < b) {
        size_t m = a + (b - a) / 2;
        if (g->facts[m]->x->end < date)
            a = m + 1;
        else
            b = m;
    }
    *lo = a;
    b = g->n;
    while (a < b) {
        size_t m = a + (b - a) / 2;
        if (g->facts[m]->x->end <= date)
            a = m + 1;
        else
            b = m;
    }
    *hi = a;
}

/* The longest duration of g with movements that ends on `end`, or NULL. */
static const period *longest_ending(const group *g, rc_day end)
{
    size_t a = 0, b = g->np;
    while (a < b) {
        size_t m = a + (b - a) / 2;
        if (g->by_end[m].end < end)
            a = m + 1;
        else
            b = m;
    }
    return a < g->np && g->by_end[a].end == end ? &g->by_end[a] : NULL;
}

/* Does movement fact f belong to duration p of group g? */
static bool movement_in(const xf *f, const period *p, const group *g)
{
    if (is_duration(f)) return f->x->start == p->start && f->x->end == p->end;
    /* an instant: a price of the movements of the longest duration ending on it (a price
     * of the year's grants tagged at the year's end); a count at an instant ("total
     * options granted", "vesting next twelve months") is no movement of a period */
    if (f->measure == RC_MEASURE_COUNT) return false;
    const period *longest = longest_ending(g, f->x->end);
    return longest && longest->start == p->start;
}

static rc_rollforward *new_entry(assembler *a, const xf *key, const char *currency, rc_day start,
                                 rc_day end)
{
    rc_rollforward *rf = rc_model_add_rollforward(a->model);
    if (!rf) {
        oom(a);
        return NULL;
    }
    rf->file = a->file;
    rf->entity = mstrdup(a, key->entity);
    rf->award = (rc_award)key->award;
    rf->award_type = mstrdup(a, key->award_type);
    if (key->nmembers && rc_model_set_members(a->model, rf, key->members, key->nmembers) < 0)
        oom(a);
    rf->currency = mstrdup(a, currency);
    rf->start = start;
    rf->end = end;
    rf->signs = RC_SIGNS_STORED;
    if (key->x->filing) rf->caveat = a->caveat;
    if (a->nbuilt == a->capbuilt) {
        size_t cap = a->capbuilt ? a->capbuilt * 2 : 32;
        built *p = realloc(a->built, cap * sizeof *p);
        if (!p) {
            oom(a);
            return NULL;
        }
        a->built = p;
        a->capbuilt = cap;
    }
    a->built[a->nbuilt].rf = rf;
    a->built[a->nbuilt].key = key;
    a->nbuilt++;
    a->stats.rollforwards++;
    return a->rc < 0 ? NULL : rf;
}

/* Does a fact with this currency belong to an entry of `currency`? */
static bool currency_fits(const xf *f, const char *currency)
{
    return !f->currency || !currency || strcmp(f->currency, currency) == 0;
}

static void note_by_name(assembler *a, const xf *f)
{
    if (!f->extension || !f->cls.by_name) return;
    if (f->cls.what == RC_WHAT_MOVEMENT) {
        if (f->measure == RC_MEASURE_COUNT)
            note(a, &f->x->src, "%s classified by its name as %s", f->x->concept,
                 role_words(f->cls.role));
        else
            note(a, &f->x->src, "%s classified by its name as the %s of %s", f->x->concept,
                 measure_words(f->measure), role_words(f->cls.role));
    } else {
        note(a, &f->x->src, "%s classified by its name as the %s %s", f->x->concept, line_words(f),
             measure_words(f->measure));
    }
}

/* The direction of a signed movement (adjusted, other): the sign of its count, else
 * the words of its concept, else none.  A zero moves nothing either way. */
static int signed_direction(const pmove *m)
{
    if (m->count_fact && m->count_fact->dir_hint) return m->count_fact->dir_hint;
    if (m->count && mpq_sgn(m->count->value.q) != 0) return mpq_sgn(m->count->value.q);
    const char *name = m->count_fact ? local_name(m->count_fact->x->concept) : "";
    bool up = icontains(name, "increase"), down = icontains(name, "decrease");
    if (up != down) return up ? +1 : -1;
    if (m->count) return +1;
    return 0;
}

static int pmove_order(const void *pa, const void *pb)
{
    const pmove *m = pa, *n = pb;
    if (m->role != n->role) return m->role < n->role ? -1 : 1;
    return nstrcmp(m->origin, n->origin);
}

static bool same_family(rc_role r, rc_role s)
{
    bool fr = r == RC_ROLE_FORFEITED || r == RC_ROLE_EXPIRED || r == RC_ROLE_FORFEITED_EXPIRED ||
              r == RC_ROLE_CANCELLED;
    bool fs = s == RC_ROLE_FORFEITED || s == RC_ROLE_EXPIRED || s == RC_ROLE_FORFEITED_EXPIRED ||
              s == RC_ROLE_CANCELLED;
    return fr && fs;
}

/* The length of the common start of two local names (pairing a company's price concept
 * with its own count concept). */
static size_t common_start(const char *p, const char *q)
{
    size_t n = 0;
    while (p[n] && p[n] == q[n])
        n++;
    return n;
}

typedef struct moves {
    pmove *items;
    size_t n, cap;
} moves;

static pmove *add_move(assembler *a, moves *ms, rc_role role, const xf *f)
{
    if (ms->n == ms->cap) {
        size_t cap = ms->cap ? ms->cap * 2 : 8;
        pmove *p = realloc(ms->items, cap * sizeof *p);
        if (!p) {
            oom(a);
            return NULL;
        }
        ms->items = p;
        ms->cap = cap;
    }
    pmove *m = &ms->items[ms->n++];
    memset(m, 0, sizeof *m);
    m->role = role;
    if (f->extension || f->equity) {
        m->origin = f->x->concept;
        m->label = f->x->concept;
    }
    return m;
}

/* Can fact f join slot: empty, or holding facts of the same kind of concept (the
 * taxonomies' spellings of one quantity together; a company's concept with itself)? */
static bool slot_takes(const rc_fact *slot, const xf *f)
{
    if (!slot) return true;
    if (!f->extension) return standard_concept(slot->concept);
    return strcmp(slot->concept, f->x->concept) == 0;
}

static rc_fact **price_slot(pmove *m, const xf *f)
{
    return f->measure == RC_MEASURE_PRICE ? &m->price : &m->fair_value;
}

/*
 * The movement a price (or fair value) of fact f belongs to: the movement of its role
 * and origin (the taxonomies' concepts together, a company's price with the company
 * movement whose name it shares most of); else a movement of its role whose price is
 * free; else, within the family of forfeited, expired, forfeited-and-expired and
 * cancelled, the one member whose price is free (*family set).  NULL when none fits.
 */
static pmove *price_target(moves *ms, const xf *f, bool *family)
{
    pmove *best = NULL;
    size_t best_len = 0;
    *family = false;
    for (size_t i = 0; i < ms->n; i++) {
        pmove *m = &ms->items[i];
        if (m->role != f->cls.role) continue;
        if (!f->extension && !m->origin && slot_takes(*price_slot(m, f), f)) return m;
        if (f->extension && m->origin && !standard_concept(m->origin)) {
            size_t len = common_start(local_name(m->origin), local_name(f->x->concept));
            if (!best || len > best_len) {
                best = m;
                best_len = len;
            }
        }
    }
    if (best && slot_takes(*price_slot(best, f), f)) return best;
    pmove *free_one = NULL;
    size_t nfree = 0;
    for (size_t i = 0; i < ms->n; i++) {
        pmove *m = &ms->items[i];
        if (m->role == f->cls.role && !*price_slot(m, f)) {
            free_one = m;
            nfree++;
        }
    }
    if (nfree == 1) return free_one;
    if (nfree) return NULL;
    for (size_t i = 0; i < ms->n; i++) {
        pmove *m = &ms->items[i];
        if (m->role != f->cls.role && same_family(m->role, f->cls.role) && !*price_slot(m, f)) {
            free_one = m;
            nfree++;
        }
    }
    *family = nfree == 1;
    return nfree == 1 ? free_one : NULL;
}

/* The line of a balance at its date.  "...VestedAndExpectedToVestExercisable..." is
 * used both ways: Netflix, Visa and Alphabet tag their vested-and-expected-to-vest row
 * with it beside a row of ExercisableNumber; Union Pacific, Salesforce and Tesla tag their
 * exercisable row with it beside a row of VestedAndExpectedToVestOutstanding.  It is the
 * exercisable line unless another concept reports that quantity of the exercisable line at
 * the same date. */
static rc_line balance_line(const group *g, const xf *f)
{
    if (!f->ve_exercisable) return f->cls.line;
    size_t lo, hi;
    at_date(g, f->date, &lo, &hi);
    for (size_t i = lo; i < hi; i++) {
        const xf *h = g->facts[i];
        /* the range table's total row repeats the exercisable line whichever concept the
         * option table used for it (Salesforce): it tells nothing */
        if (strstr(h->x->concept, "ExercisePriceRange")) continue;
        if (h->cls.what == RC_WHAT_BALANCE && !h->ve_exercisable &&
            h->cls.line == RC_LINE_EXERCISABLE && !h->cls.outstanding && h->date == f->date &&
            h->measure == f->measure)
            return RC_LINE_VESTED_EXPECTED;
    }
    return RC_LINE_EXERCISABLE;
}

/* Was slot filled by the range table's total row (its two reports of one quantity, in a
 * duration's and an instant's context, both go there)? */
static bool range_total_first(const rc_fact *slot)
{
    return slot->concept && strstr(slot->concept, "ExercisePriceRange") != NULL;
}

typedef struct entry_ctx {
    assembler *a;
    const group *g;
    rc_source first;
} entry_ctx;

/* Fill the entry of duration p (or, with p NULL, the balance-only entry at `date`) of
 * currency `currency`. */
static void fill_entry(entry_ctx *e, rc_rollforward *rf, const period *p, rc_day date,
                       const char *currency)
{
    assembler *a = e->a;
    const group *g = e->g;
    rc_day end = p ? p->end : date;
    rc_day open = p ? p->start - 1 : RC_NO_DATE;
    moves ms = {NULL, 0, 0};
    bool counted = false;
    /* a quarter and the year to date end on the same day: the balance rows of that day
     * beyond what the roll-forward identities need (exercisable, vested and expected
     * to vest, intrinsic values, terms) are checked once, with the longer period */
    bool longest = !p || longest_ending(g, p->end)->start == p->start;
    /* the facts it takes: those of its end (balances, movements of its period, prices
     * tagged at its end), and the balances of the day before its start */
    size_t range[2][2] = {{0, 0}, {0, 0}};
    at_date(g, end, &range[0][0], &range[0][1]);
    if (p) at_date(g, open, &range[1][0], &range[1][1]);
    const size_t elo = range[0][0], ehi = range[0][1];
    /* balances: the taxonomies' concepts first; a company's concept for the same
     * quantity is listed, not used (Union Pacific's own "outstanding, remaining term" is
     * the term at the beginning of the year, though dated like the end) */
    for (int pass = 0; pass < 6; pass++) {
        for (size_t i = range[pass % 2][0]; i < range[pass % 2][1] && a->rc >= 0; i++) {
            xf *f = g->facts[i];
            /* the range table's total row (its concepts without the range axis) last, where
             * the option table reports nothing: beside the option table's report it is
             * checked through the ranges (RC180), not as a second report of the balance */
            bool range_total = strstr(f->x->concept, "ExercisePriceRange") != NULL;
            if (f->cls.what != RC_WHAT_BALANCE || range_total != (pass >= 4) ||
                (pass < 4 && f->extension != (pass >= 2)) || !currency_fits(f, currency))
                continue;
            rc_balance *b = NULL;
            bool identity = f->cls.outstanding &&
                            (f->measure == RC_MEASURE_COUNT || f->measure == RC_MEASURE_PRICE ||
                             f->measure == RC_MEASURE_FAIR_VALUE);
            if (f->date == end && (longest || identity))
                b = &rf->lines[f->cls.outstanding ? RC_LINE_CLOSING : balance_line(g, f)];
            else if (f->date == open && f->cls.outstanding)
                b = &rf->lines[RC_LINE_OPENING];
            rc_fact **slot = b ? balance_slot(b, f->measure) : NULL;
            if (!slot || (range_total && *slot && !range_total_first(*slot))) continue;
            if (!slot_takes(*slot, f)) {
                note(a, &f->x->src, "%s is not used: %s reports the same quantity", f->x->concept,
                     (*slot)->concept);
                continue;
            }
            put(a, slot, f, &e->first);
            note_by_name(a, f);
        }
    }
    if (p) {
        /* movement counts, one movement per role (and per company concept) */
        for (size_t i = elo; i < ehi && a->rc >= 0; i++) {
            xf *f = g->facts[i];
            if (!is_movement(f) || f->equity || f->measure != RC_MEASURE_COUNT ||
                !movement_in(f, p, g))
                continue;
            pmove *m = NULL;
            for (size_t k = 0; k < ms.n && !m; k++)
                if (ms.items[k].role == f->cls.role &&
                    nstrcmp(ms.items[k].origin, f->extension ? f->x->concept : NULL) == 0)
                    m = &ms.items[k];
            if (!m && !(m = add_move(a, &ms, f->cls.role, f))) break;
            if (!m->count_fact) m->count_fact = f;
            put(a, &m->count, f, &e->first);
            note_by_name(a, f);
            counted = true;
        }
        /* an equity-statement concept stands in for a row the award table does not tag */
        for (size_t i = elo; i < ehi && a->rc >= 0; i++) {
            xf *f = g->facts[i];
            if (!is_movement(f) || !f->equity || f->measure != RC_MEASURE_COUNT ||
                !movement_in(f, p, g))
                continue;
            bool tagged = false;
            for (size_t k = 0; k < ms.n; k++)
                if (ms.items[k].role == f->cls.role &&
                    (!ms.items[k].origin || strcmp(ms.items[k].origin, f->x->concept) != 0))
                    tagged = true;
            if (tagged) continue;
            pmove *m = NULL;
            for (size_t k = 0; k < ms.n && !m; k++)
                if (ms.items[k].origin && strcmp(ms.items[k].origin, f->x->concept) == 0)
                    m = &ms.items[k];
            if (!m && !(m = add_move(a, &ms, f->cls.role, f))) break;
            if (!m->count_fact) m->count_fact = f;
            put(a, &m->count, f, &e->first);
            counted = true;
            note(a, &f->x->src,
                 "%s, a concept of the statement of stockholders' equity, is taken as the %s "
                 "movement: no share-based payment concept reports it",
                 f->x->concept, role_words(f->cls.role));
        }
        /* prices and fair values of the movements, the taxonomies' concepts first: a
         * company's price for a row of its own (Apple's "restricted stock units granted"
         * in the option table) must not take the standard row's place */
        size_t span = ehi - elo;
        for (size_t k = 0; k < 2 * span && a->rc >= 0; k++) {
            xf *f = g->facts[elo + k % span];
            if (f->extension != (k >= span)) continue;
            if (!is_movement(f) || f->measure == RC_MEASURE_COUNT || !currency_fits(f, currency) ||
                !movement_in(f, p, g))
                continue;
            if (f->measure != RC_MEASURE_PRICE && f->measure != RC_MEASURE_FAIR_VALUE) continue;
            bool family = false;
            pmove *m = price_target(&ms, f, &family);
            if (m && family)
                note(a, &f->x->src,
                     "%s, the %s of %s, is paired with the %s count%s%s: one family of "
                     "deductions",
                     f->x->concept, measure_words(f->measure), role_words(f->cls.role),
                     role_words(m->role), m->count_fact ? " of " : "",
                     m->count_fact ? m->count_fact->x->concept : "");
            if (!m && counted) {
                note(a, &f->x->src,
                     "%s, the %s of %s, fits no movement of the period: listed, not used",
                     f->x->concept, measure_words(f->measure), role_words(f->cls.role));
                if (!f->uses) make_fact(a, f);
                continue;
            }
            if (!m && !(m = add_move(a, &ms, f->cls.role, f))) break;
            put(a, price_slot(m, f), f, &e->first);
            note_by_name(a, f);
        }
    }
    if (a->rc >= 0 && ms.n) {
        qsort(ms.items, ms.n, sizeof *ms.items, pmove_order);
        for (size_t k = 0; k < ms.n; k++) {
            const pmove *m = &ms.items[k];
            rc_movement *mv = rc_model_add_movement(a->model, rf);
            if (!mv) {
                oom(a);
                break;
            }
            mv->role = m->role;
            mv->direction = rc_role_direction(m->role);
            if (mv->direction == 0) mv->direction = signed_direction(m);
            mv->label = m->label ? mstrdup(a, m->label) : NULL;
            mv->count = m->count;
            mv->price = m->price;
            mv->fair_value = m->fair_value;
        }
    }
    free(ms.items);
}

/* The currencies of the prices and amounts that the entry of duration p (or, with p
 * NULL, the balance-only entry at `date`) would hold; none (one entry without a currency)
 * when it holds only counts and terms. */
static size_t entry_currencies(const group *g, const period *p, rc_day date, const char **out,
                               size_t max)
{
    size_t n = 0;
    rc_day end = p ? p->end : date;
    rc_day open = p ? p->start - 1 : RC_NO_DATE;
    size_t range[2][2] = {{0, 0}, {0, 0}};
    at_date(g, end, &range[0][0], &range[0][1]);
    if (p) at_date(g, open, &range[1][0], &range[1][1]);
    for (int r = 0; r < 2; r++) {
        for (size_t i = range[r][0]; i < range[r][1]; i++) {
            const xf *f = g->facts[i];
            if (!f->currency) continue;
            bool in = f->cls.what == RC_WHAT_BALANCE
                          ? (f->date == end || (f->date == open && f->cls.outstanding))
                          : (p && movement_in(f, p, g));
            if (!in) continue;
            bool seen = false;
            for (size_t k = 0; k < n; k++)
                seen |= strcmp(out[k], f->currency) == 0;
            if (!seen && n < max) out[n++] = f->currency;
        }
    }
    return n;
}

static int period_cmp(const void *pa, const void *pb)
{
    const period *p = pa, *q = pb;
    if (p->start != q->start) return p->start < q->start ? -1 : 1;
    return p->end < q->end ? -1 : p->end > q->end;
}

static int period_end_cmp(const void *pa, const void *pb)
{
    const period *p = pa, *q = pb;
    if (p->end != q->end) return p->end < q->end ? -1 : 1;
    return p->start < q->start ? -1 : p->start > q->start;
}

/* One year before an instant: the period a balance alone is taken to close. */
static rc_day year_before(rc_day end)
{
    int y, m, d;
    rc_day_to_ymd(end, &y, &m, &d);
    if (m == 2 && d == 29) d = 28;
    return rc_day_from_ymd(y - 1, m, d) + 1;
}

#define MAX_CURRENCIES 8

/* Make the entries of duration p (or the balance-only entries at `date`), one per
 * currency of its prices and amounts. */
static void make_entries(assembler *a, entry_ctx *e, const period *p, rc_day date)
{
    const group *g = e->g;
    const char *cur[MAX_CURRENCIES];
    size_t nc = entry_currencies(g, p, date, cur, MAX_CURRENCIES);
    for (size_t c = 0; c < (nc ? nc : 1) && a->rc >= 0; c++) {
        rc_rollforward *rf = new_entry(a, g->facts[0], nc ? cur[c] : NULL,
                                       p ? p->start : year_before(date), p ? p->end : date);
        if (!rf) break;
        e->first = (rc_source){NULL, 0, 0, NULL};
        fill_entry(e, rf, p, date, nc ? cur[c] : NULL);
        rf->src = e->first;
        rf->src.file = a->file;
    }
}

static void assemble_group(assembler *a, group *g)
{
    /* the durations that hold movements: counts of them (a weighted-average grant-date
     * fair value of three years' grants, in the note on valuation, makes no roll-forward
     * of the two earlier years; nor do three years of the equity statement's options
     * exercised; nor zeros alone).  The facts come by end, then start: the same period
     * comes in one run. */
    size_t cap = 0;
    g->ps = g->by_end = NULL;
    g->np = 0;
    for (size_t i = 0; i < g->n; i++) {
        const xf *f = g->facts[i];
        if (!is_movement(f) || !is_duration(f) || f->measure != RC_MEASURE_COUNT || f->equity)
            continue;
        /* "no options were granted in the six months" beside quarterly tables (Snowflake's
         * 10-Qs) is no roll-forward of the six months */
        if (mpq_sgn(f->value.q) == 0) continue;
        if (g->np && g->ps[g->np - 1].start == f->x->start && g->ps[g->np - 1].end == f->x->end)
            continue;
        if (g->np == cap) {
            cap = cap ? cap * 2 : 8;
            period *q = realloc(g->ps, cap * sizeof *q);
            if (!q) {
                oom(a);
                goto done;
            }
            g->ps = q;
        }
        g->ps[g->np].start = f->x->start;
        g->ps[g->np].end = f->x->end;
        g->np++;
    }
    if (g->np) {
        /* the runs are of (end, start): a period met twice is met again after others */
        qsort(g->ps, g->np, sizeof *g->ps, period_cmp);
        size_t k = 0;
        for (size_t i = 0; i < g->np; i++)
            if (!k || period_cmp(&g->ps[k - 1], &g->ps[i]) != 0) g->ps[k++] = g->ps[i];
        g->np = k;
        g->by_end = malloc(g->np * sizeof *g->by_end);
        if (!g->by_end) {
            oom(a);
            goto done;
        }
        memcpy(g->by_end, g->ps, g->np * sizeof *g->by_end);
        qsort(g->by_end, g->np, sizeof *g->by_end, period_end_cmp);
    }
    entry_ctx e = {a, g, {NULL, 0, 0, NULL}};
    for (size_t k = 0; k < g->np && a->rc >= 0; k++)
        make_entries(a, &e, &g->ps[k], RC_NO_DATE);
    /* balances at dates that close no duration: an entry of their own, which the model
     * folds into a roll-forward of another input that closes there, or keeps as a
     * balance (exercisable <= outstanding still holds) */
    for (size_t i = 0; i < g->n && a->rc >= 0;) {
        rc_day date = g->facts[i]->x->end;
        size_t j = i;
        bool unused = false;
        for (; j < g->n && g->facts[j]->x->end == date; j++) {
            const xf *f = g->facts[j];
            unused |= f->cls.what == RC_WHAT_BALANCE && !f->uses;
        }
        if (unused && date != RC_NO_DATE && !longest_ending(g, date))
            make_entries(a, &e, NULL, date);
        i = j;
    }
done:
    free(g->ps);
    free(g->by_end);
    g->ps = g->by_end = NULL;
    g->np = 0;
}

/* ---- the facts placed after the roll-forwards -------------------------------------- */

/* The order of the roll-forwards made: place, end, start. */
static int built_cmp(const void *pa, const void *pb)
{
    const built *x = pa, *y = pb;
    int c = place_cmp(x->key, y->key);
    if (c) return c;
    if (x->rf->end != y->rf->end) return x->rf->end < y->rf->end ? -1 : 1;
    if (x->rf->start != y->rf->start) return x->rf->start < y->rf->start ? -1 : 1;
    return x->rf < y->rf ? -1 : x->rf > y->rf;
}

/* The first roll-forward made at f's place that ends on `end`, or nbuilt. */
static size_t built_lower(const assembler *a, const xf *f, rc_day end)
{
    size_t lo = 0, hi = a->nbuilt;
    while (lo < hi) {
        size_t mid = lo + (hi - lo) / 2;
        const built *b = &a->built[mid];
        int c = place_cmp(b->key, f);
        if (c < 0 || (c == 0 && b->rf->end < end))
            lo = mid + 1;
        else
            hi = mid;
    }
    return lo;
}

/* Share prices and stated contractual terms name no award class, and one may serve the
 * roll-forwards of several: they go to every roll-forward of the same entity and
 * members that closes on their date (a contractual term: options only). */
static void place_extras(assembler *a)
{
    for (size_t i = 0; i < a->n && a->rc >= 0; i++) {
        xf *f = &a->xfs[i];
        if (!f->sharebased || f->no_rf || f->conflict) continue;
        bool share_price = f->measure == RC_MEASURE_SHARE_PRICE;
        bool term = f->measure == RC_MEASURE_CONTRACTUAL_TERM;
        if (!share_price && !term) continue;
        /* a share price of a period is a valuation input of its grants (the price at
         * grant), not the price at its end that intrinsic values are measured with */
        if (share_price && is_duration(f)) continue;
        for (size_t k = built_lower(a, f, f->date); k < a->nbuilt && a->rc >= 0; k++) {
            rc_rollforward *rf = a->built[k].rf;
            const xf *key = a->built[k].key;
            if (!same_place(f, key) || rf->end != f->date) break;
            if (f->award >= 0 ? f->award != key->award : term && key->award != RC_AWARD_OPTIONS)
                continue;
            if (share_price && !currency_fits(f, rf->currency)) continue;
            rc_source first = rf->src;
            put(a, share_price ? &rf->share_price : &rf->contractual_term, f, &first);
        }
    }
}

/* ---- the other statements: shares issued on exercise, cash received ------------------ */

/* The equity statement's shares issued on option exercises, from any of its columns. */
static bool issued_on_exercise_fact(const xf *f)
{
    return standard_concept(f->x->concept) && f->kind == RC_KIND_COUNT &&
           strcmp(local_name(f->x->concept),
                  "StockIssuedDuringPeriodSharesStockOptionsExercised") == 0;
}

/* The cash-flow statement's cash received from option exercises.  Broader lines
 * (ProceedsFromStockOptionsExercisedAndOtherFinancing, ProceedsFromStockPlans with an
 * employee stock purchase plan's cash in it) are not about the options alone. */
static bool exercise_proceeds_fact(const xf *f)
{
    return f->kind == RC_KIND_MONEY &&
           (strcmp(f->x->concept, "us-gaap:ProceedsFromStockOptionsExercised") == 0 ||
            strcmp(f->x->concept, "ifrs-full:ProceedsFromExerciseOfOptions") == 0);
}

/* A member of the statement of stockholders' equity's own axes: the column (common
 * stock, paid-in capital) and the class of stock of the shares issued. */
static bool equity_column_member(const char *member)
{
    static const char *const axes[] = {
        "us-gaap:StatementEquityComponentsAxis=", "ifrs-full:ComponentsOfEquityAxis=",
        "us-gaap:StatementClassOfStockAxis="};
    for (size_t i = 0; i < sizeof axes / sizeof *axes; i++)
        if (starts_with(member, axes[i])) return true;
    return false;
}

/* Is f about all options of its entity: no member but the equity statement's columns? */
static bool about_all_options(const xf *f)
{
    if (f->no_rf || f->conflict || (f->award >= 0 && f->award != RC_AWARD_OPTIONS) || f->award_type)
        return false;
    for (size_t i = 0; i < f->nmembers; i++)
        if (!equity_column_member(f->members[i])) return false;
    return true;
}

/* 0: a column of the equity statement itself; 1: an undimensioned report of its own;
 * 2: the report that stands in for the option table's exercised row (used already). */
static int issued_rank(const xf *f)
{
    return f->on_equity_axis ? 0 : f->uses ? 2 : 1;
}

/* The order of the reports of shares issued: by rank, then the order of fact_order.  Called
 * before any of them is placed, so that `uses` says which stand in for a table's row. */
static int issued_order(const void *pa, const void *pb)
{
    const xf *f = *(const xf *const *)pa, *g = *(const xf *const *)pb;
    int rf = issued_rank(f), rg = issued_rank(g);
    if (rf != rg) return rf < rg ? -1 : 1;
    return fact_order(pa, pb);
}

/* The options total of f's entity and filing for f's period: each of its entries (one per
 * currency), into out; how many. */
static size_t options_totals(const assembler *a, const xf *f, rc_rollforward **out, size_t max)
{
    size_t n = 0;
    for (size_t k = 0; k < a->nbuilt && n < max; k++) {
        const built *b = &a->built[k];
        const xf *key = b->key;
        if (key->award != RC_AWARD_OPTIONS || key->award_type || key->nmembers ||
            !rc_rollforward_has_movements(b->rf) || nstrcmp(key->entity, f->entity) != 0 ||
            nstrcmp(key->x->filing, f->x->filing) != 0 || b->rf->start != f->x->start ||
            b->rf->end != f->x->end)
            continue;
        out[n++] = b->rf;
    }
    return n;
}

/*
 * The other statements of the filing say what the option table's exercises came to:
 * the shares issued on exercise (the equity statement) and the cash received (the
 * statement of cash flows).  Both are about all options of the entity, so they go to the
 * options total of their period (docs/xbrl.md).  The equity statement's own columns
 * come first, then undimensioned reports of their own; the report that stands in for the
 * option table's exercised row is kept as issued_on_exercise only when nothing else
 * reports the shares issued, so that a filing whose table and equity statement differ is
 * compared once, not also with itself.
 */
static void place_statement_facts(assembler *a)
{
    xf **cand = malloc((a->n ? a->n : 1) * sizeof *cand);
    if (!cand) {
        oom(a);
        return;
    }
    size_t n = 0;
    for (size_t i = 0; i < a->n; i++) {
        xf *f = &a->xfs[i];
        if (f->sharebased && is_duration(f) && about_all_options(f) &&
            (issued_on_exercise_fact(f) || exercise_proceeds_fact(f)))
            cand[n++] = f;
    }
    if (n > 1) qsort(cand, n, sizeof *cand, issued_order);
    for (size_t i = 0; i < n && a->rc >= 0; i++) {
        xf *f = cand[i];
        bool issued = issued_on_exercise_fact(f);
        bool stand_in = issued && issued_rank(f) == 2;
        rc_rollforward *rfs[MAX_CURRENCIES];
        size_t nrf = options_totals(a, f, rfs, MAX_CURRENCIES);
        for (size_t k = 0; k < nrf && a->rc >= 0; k++) {
            rc_rollforward *rf = rfs[k];
            rc_source first = rf->src;
            if (!issued) {
                if (currency_fits(f, rf->currency)) put(a, &rf->exercise_proceeds, f, &first);
                continue;
            }
            /* the stand-in row beside a column of the statement itself */
            if (stand_in && rf->issued_on_exercise) continue;
            put(a, &rf->issued_on_exercise, f, &first);
        }
    }
    free(cand);
}

/* ---- exercise-price ranges ------------------------------------------------------------ */

/* Is f a value of a row of the range table: a bound of the range, or one of its
 * outstanding or exercisable options' count, price, term or intrinsic value? */
static rc_fact **range_slot(rc_range *r, const xf *f)
{
    if (f->cls.range == RC_RANGE_LOW) return f->kind == RC_KIND_PRICE ? &r->low : NULL;
    if (f->cls.range == RC_RANGE_HIGH) return f->kind == RC_KIND_PRICE ? &r->high : NULL;
    if (f->cls.what != RC_WHAT_BALANCE) return NULL;
    bool outstanding = f->cls.outstanding;
    if (!outstanding && f->cls.line != RC_LINE_EXERCISABLE) return NULL;
    switch (f->measure) {
    case RC_MEASURE_COUNT:
        return outstanding ? &r->count : &r->exercisable_count;
    case RC_MEASURE_PRICE:
        return outstanding ? &r->price : &r->exercisable_price;
    case RC_MEASURE_TERM:
        return outstanding ? &r->term : &r->exercisable_term;
    case RC_MEASURE_AIV:
        return outstanding ? &r->aiv : NULL;
    default:
        return NULL;
    }
}

static bool range_candidate(const xf *f)
{
    if (!f->sharebased || !f->range_member || f->no_rf || f->conflict || !f->has_value)
        return false;
    if (f->award == RC_AWARD_OTHER || f->date == RC_NO_DATE) return false;
    rc_range probe;
    memset(&probe, 0, sizeof probe);
    return range_slot(&probe, f) != NULL;
}

/* The order of range facts: place, date, axis and member, then the list's order. */
static int range_fact_order(const void *pa, const void *pb)
{
    const xf *f = *(const xf *const *)pa, *g = *(const xf *const *)pb;
    int c = place_cmp(f, g);
    if (c) return c;
    if (f->date != g->date) return f->date < g->date ? -1 : 1;
    if ((c = strcmp(f->range_member, g->range_member)) != 0) return c;
    return f->index < g->index ? -1 : f->index > g->index;
}

/* One range of a table: its facts [from, to) of the sorted list. */
typedef struct prange {
    size_t from, to;
    const xf *low, *high;
    size_t first; /* the list position of its first fact */
} prange;

/* Ranges in the order a table shows them: by their low end, else their high end (an
 * open-ended "under $10.00" first), then as the document has them. */
static int prange_order(const void *pa, const void *pb)
{
    const prange *p = pa, *q = pb;
    const xf *x = p->low ? p->low : p->high, *y = q->low ? q->low : q->high;
    if (x && y) {
        int c = mpq_cmp(x->value.q, y->value.q);
        if (c) return c;
        if (!p->low != !q->low) return p->low ? 1 : -1;
    } else if (x || y) {
        return x ? -1 : 1;
    }
    return p->first < q->first ? -1 : p->first > q->first;
}

/* "us-gaap:...Axis=crm:Range1Member" -> "Range1": how a range without a label is named. */
static const char *range_label(assembler *a, const char *member)
{
    const char *m = strchr(member, '=');
    m = m ? m + 1 : member;
    m = local_name(m);
    size_t n = strlen(m);
    if (n > 6 && strcmp(m + n - 6, "Member") == 0) n -= 6;
    const char *label = rc_model_strndup(a->model, m, n);
    if (!label) oom(a);
    return label;
}

/* The roll-forward the range table of f's place at `date` belongs to: the options total
 * of that place (no award type) with the longest period ending then, whose currency
 * fits; NULL when none. */
static rc_rollforward *range_target(const assembler *a, const xf *f, rc_day date,
                                    const char *currency)
{
    rc_rollforward *best = NULL;
    for (size_t k = 0; k < a->nbuilt; k++) {
        const built *b = &a->built[k];
        if (b->rf->end != date || b->key->award != RC_AWARD_OPTIONS ||
            nstrcmp(b->key->award_type, f->award_type) != 0 || !same_place(b->key, f))
            continue;
        if (currency && b->rf->currency && strcmp(b->rf->currency, currency) != 0) continue;
        if (!best || b->rf->start < best->start) best = b->rf;
    }
    return best;
}

/*
 * The table of options by range of exercise prices: facts on a range axis
 * (ShareBasedCompensationSharesAuthorizedUnderStockOptionPlansByExercisePriceRangeAxis,
 * or a company's) are the rows of the range table of the key without that axis, at their
 * date: one rc_range per member, holding its bounds (the range limits), and the count,
 * price, term and intrinsic value of its outstanding and exercisable options.  The table
 * goes to the options roll-forward of that key ending at that date (the longest, as the
 * other balance rows of that day); where there is none, to a balance of its own, which the
 * model folds into a roll-forward of another input that closes then.
 */
static void place_ranges(assembler *a)
{
    xf **fs = malloc((a->n ? a->n : 1) * sizeof *fs);
    prange *rs = malloc((a->n ? a->n : 1) * sizeof *rs);
    if (!fs || !rs) {
        free(fs);
        free(rs);
        oom(a);
        return;
    }
    size_t n = 0;
    for (size_t i = 0; i < a->n; i++) {
        xf *f = &a->xfs[i];
        if (!range_candidate(f)) continue;
        if (f->award < 0) f->award = RC_AWARD_OPTIONS; /* a range table is one of options */
        fs[n++] = f;
    }
    if (n > 1) qsort(fs, n, sizeof *fs, range_fact_order);
    size_t nbuilt_before = a->nbuilt;
    for (size_t i = 0; i < n && a->rc >= 0;) {
        /* [i, j): one table: one place and date; the first axis of it */
        size_t j = i + 1;
        while (j < n && same_place(fs[i], fs[j]) && fs[j]->date == fs[i]->date)
            j++;
        const char *axis = fs[i]->range_member;
        size_t axis_len = (size_t)(strchr(axis, '=') - axis);
        size_t nr = 0;
        const char *currency = NULL;
        for (size_t k = i; k < j; k++) {
            const xf *f = fs[k];
            if (strncmp(f->range_member, axis, axis_len + 1) != 0) {
                const char *eq = strchr(f->range_member, '=');
                note(a, &f->x->src,
                     "%.*s: a second axis of exercise-price ranges at the same date, beside "
                     "%.*s: listed, not used",
                     (int)(eq - f->range_member), f->range_member, (int)axis_len, axis);
                continue;
            }
            if (!nr || strcmp(f->range_member, fs[rs[nr - 1].from]->range_member) != 0) {
                rs[nr] = (prange){k, k, NULL, NULL, f->index};
                nr++;
            }
            prange *r = &rs[nr - 1];
            r->to = k + 1;
            if (f->index < r->first) r->first = f->index;
            if (f->cls.range == RC_RANGE_LOW && !r->low) r->low = f;
            if (f->cls.range == RC_RANGE_HIGH && !r->high) r->high = f;
            if (!currency && f->currency) currency = f->currency;
        }
        qsort(rs, nr, sizeof *rs, prange_order);
        rc_rollforward *rf = range_target(a, fs[i], fs[i]->date, currency);
        if (!rf && (rf = new_entry(a, fs[i], currency, year_before(fs[i]->date), fs[i]->date))) {
            rf->src = fs[i]->x->src;
            rf->src.file = a->file;
        }
        if (rf && rf->nranges) {
            char day[11];
            rc_day_format(fs[i]->date, day);
            note(a, &fs[i]->x->src,
                 "%.*s: a second table of exercise-price ranges of the same options at %s: "
                 "listed, not used",
                 (int)axis_len, axis, day);
            rf = NULL;
        }
        for (size_t r = 0; r < nr && rf && a->rc >= 0; r++) {
            rc_range *range = rc_model_add_range(a->model, rf);
            if (!range) {
                oom(a);
                break;
            }
            range->label = range_label(a, fs[rs[r].from]->range_member);
            for (size_t k = rs[r].from; k < rs[r].to; k++) {
                xf *f = fs[k];
                if (strcmp(f->range_member, fs[rs[r].from]->range_member) != 0) continue;
                rc_fact **slot = range_slot(range, f);
                rc_source ignored = {NULL, 0, 0, NULL};
                if (slot) put(a, slot, f, &ignored);
            }
        }
        i = j;
    }
    /* the balances made here must be found again by place and date */
    if (a->nbuilt != nbuilt_before && a->nbuilt > 1)
        qsort(a->built, a->nbuilt, sizeof *a->built, built_cmp);
    free(fs);
    free(rs);
}

/* An extension fact of shares that sits in a roll-forward (its members and period are
 * one of a roll-forward) but that nothing classifies: named, never dropped silently. */
static void note_unclassified(assembler *a)
{
    for (size_t i = 0; i < a->n && a->rc >= 0; i++) {
        xf *f = &a->xfs[i];
        if (!f->sharebased || !f->extension || f->uses || f->no_rf || !f->x->numeric ||
            !is_duration(f))
            continue;
        if (f->cls.what == RC_WHAT_OTHER || f->cls.what == RC_WHAT_HEADING) continue;
        /* classified, with no roll-forward of its award for it (a zero "options exercised"
         * of a year without option activity): a fact read, nothing to say */
        bool classified =
            f->award >= 0 && (f->cls.what == RC_WHAT_BALANCE ||
                              (f->cls.what == RC_WHAT_MOVEMENT && f->cls.role != RC_ROLE_OTHER));
        if (classified) continue;
        if (f->x->unit_num && !unit_is_shares(f->x->unit_num) &&
            strcmp(local_name(f->x->unit_num), "pure") != 0)
            continue;
        bool inside = false;
        for (size_t k = built_lower(a, f, f->x->end); k < a->nbuilt && !inside; k++) {
            const rc_rollforward *rf = a->built[k].rf;
            if (!same_place(f, a->built[k].key) || rf->end != f->x->end) break;
            inside = rf->start == f->x->start && rc_rollforward_has_movements(rf);
        }
        if (!inside) continue;
        a->stats.unclassified++;
        make_fact(a, f);
        note(a, &f->x->src, "%s could not be classified: listed, not used", f->x->concept);
    }
}

/* ---- the assembler ------------------------------------------------------------------- */

/* The note's text: the statements of every share-based note's text block (narrative.h),
 * read in the period of the block's context; a note per block says what was unread. */
static void read_narrative(assembler *a)
{
    for (size_t i = 0; i < a->list->n && a->rc >= 0; i++) {
        const rc_xfact *x = &a->list->items[i];
        if (x->numeric || x->nil || !x->value || !rc_narrative_text_block(x->concept)) continue;
        rc_buf markup = RC_BUF_INIT;
        const char *prose = x->prose;
        if (!prose) {
            /* an instance's text block: HTML as text */
            if (rc_narrative_prose_of_html(x->value, strlen(x->value), &markup) < 0) {
                rc_buf_free(&markup);
                oom(a);
                return;
            }
            prose = markup.data ? markup.data : "";
        }
        rc_narrative_period context = {x->start, x->end};
        rc_narrative_stats stats = {0, 0, 0};
        rc_source src = {a->file, x->src.line, x->src.col, x->id};
        int rc = rc_narrative_read(a->model, a->vocab, prose, strlen(prose), &src, false,
                                   &context, &stats, a->ctx);
        if (rc >= 0) rc = rc_narrative_note(a->model, a->file, x->src.line, &stats);
        rc_buf_free(&markup);
        if (rc < 0) oom(a);
    }
}

int rc_xbrl_assemble(rc_model *model, const rc_vocab *vocab, const rc_xfacts *list,
                     rc_xbrl_stats *stats, rc_ctx *ctx)
{
    assert(model && vocab && list);
    assembler a;
    memset(&a, 0, sizeof a);
    a.model = model;
    a.vocab = vocab;
    a.list = list;
    a.ctx = ctx;
    xf **order = NULL;
    a.scratch = rc_arena_new();
    if (!a.scratch) {
        oom(&a);
        goto done;
    }
    a.file = mstrdup(&a, list->file ? list->file : "");
    a.caveat = mstrdup(&a, "SEC companyfacts holds no dimensions and no extension concepts: a "
                           "movement the filing tagged with either is missing here");
    a.document = document_name(&a);
    size_t facts_before = rc_model_fact_count(model);
    /* what the reader could not read is said where it was met */
    for (const rc_xnote *rn = list->notes; rn && a.rc >= 0; rn = rn->next)
        if (rc_model_add_note(model, a.file, rn->src.line, rn->src.col, "%s", rn->text) < 0)
            oom(&a);
    /* the facts of share-based payment concepts: the others are no business of ours */
    for (size_t i = 0; i < list->n && a.rc >= 0; i++)
        if (candidate(&a, &list->items[i])) a.n++;
    a.xfs = a.n ? calloc(a.n, sizeof *a.xfs) : NULL;
    if (a.rc < 0 || (a.n && !a.xfs)) {
        oom(&a);
        a.n = 0;
        goto done;
    }
    for (size_t i = 0, k = 0; i < list->n && k < a.n; i++) {
        if (!candidate(&a, &list->items[i])) continue;
        a.xfs[k].x = &list->items[i];
        a.xfs[k].index = i;
        rc_value_init(&a.xfs[k].value);
        k++;
    }
    for (size_t i = 0; i < a.n && a.rc >= 0; i++) {
        const concept_class *c = concept_of(&a, a.xfs[i].x->concept);
        if (c) classify_fact(&a, &a.xfs[i], c);
    }
    if (a.rc < 0 || split_award_members(&a) < 0) goto done;
    for (size_t i = 0; i < a.n; i++)
        if (a.xfs[i].sharebased && make_members_key(&a, &a.xfs[i]) < 0) goto done;
    if (resolve_awards(&a) < 0) goto done;
    size_t np = 0;
    order = a.n ? malloc(a.n * sizeof *order) : NULL;
    if (a.n && !order) {
        oom(&a);
        goto done;
    }
    for (size_t i = 0; i < a.n; i++)
        if (placeable(&a.xfs[i])) order[np++] = &a.xfs[i];
    if (np > 1) qsort(order, np, sizeof *order, fact_order);
    if (harmonize_filings(&a, order, np) < 0) goto done;
    for (size_t i = 0; i < np && a.rc >= 0;) {
        size_t j = i + 1;
        while (j < np && group_cmp(order[i], order[j]) == 0)
            j++;
        group g = {order + i, j - i, NULL, 0, NULL};
        assemble_group(&a, &g);
        i = j;
    }
    if (a.nbuilt > 1) qsort(a.built, a.nbuilt, sizeof *a.built, built_cmp);
    if (a.rc >= 0) place_extras(&a);
    if (a.rc >= 0) place_ranges(&a);
    if (a.rc >= 0) place_statement_facts(&a);
    if (a.rc >= 0) note_unclassified(&a);
    if (a.rc >= 0) read_narrative(&a);
    /* every other share-based fact is a fact read, placed nowhere */
    for (size_t i = 0; i < a.n && a.rc >= 0; i++)
        if (a.xfs[i].sharebased && !a.xfs[i].uses) make_fact(&a, &a.xfs[i]);
    name_filing(&a, facts_before);
done:
    if (a.xfs)
        for (size_t i = 0; i < a.n; i++)
            rc_value_clear(&a.xfs[i].value);
    for (size_t i = 0; i < a.capnotes; i++)
        free(a.notes_made[i]);
    free(a.notes_made);
    free(a.concepts);
    free(a.built);
    free(order);
    free(a.xfs);
    rc_arena_free(a.scratch);
    if (stats) *stats = a.stats;
    return a.rc < 0 ? a.rc : RC_OK;
}
