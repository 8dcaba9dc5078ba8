/*
 * Unit tests: the table interpreter (rc_table_interpret) on hand-built grids.
 *
 * Every grid here is written out from a real page: seed 000's Details table in
 * its true layout (shared/docs/seed-000-layout.md), the Apple 10-Q's RSU pages
 * R38 (Details) and R25 (the note's own table), and the note tables of the
 * corpus excerpts (shared/corpus/sec-pages-excerpts).  They go through the
 * interpreter, rc_model_finish and the default rules, and the tests state what
 * a reader of those pages must find.
 */
#include <check.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "rollcheck/check.h"
#include "rollcheck/model.h"
#include "rollcheck/read.h"
#include "rollcheck/rules.h"
#include "read/grid.h"
#include "read/table.h"

#define _ NULL

static rc_vocab *vocab;
static rc_ruleset *rules;
static rc_ctx *ctx;
static rc_model *model;
static unsigned lineno;

static void setup(void)
{
    ck_assert_int_eq(rc_ctx_new(&ctx), RC_OK);
    ck_assert_int_eq(rc_vocab_new(&vocab), RC_OK);
    ck_assert_msg(rc_vocab_load_dir(vocab, RC_SOURCE_DIR "/rules", ctx) == RC_OK, "%s",
                  rc_ctx_error(ctx));
    ck_assert_int_eq(rc_ruleset_new(&rules), RC_OK);
    ck_assert_msg(rc_ruleset_load_dir(rules, RC_SOURCE_DIR "/rules", ctx) == RC_OK, "%s",
                  rc_ctx_error(ctx));
    ck_assert_int_eq(rc_model_new(&model), RC_OK);
    lineno = 0;
}

static void teardown(void)
{
    rc_model_free(model);
    rc_ruleset_free(rules);
    rc_vocab_free(vocab);
    rc_ctx_free(ctx);
}

/* ---- building grids ------------------------------------------------------------------ */

static void cell(rc_grid *g, rc_grid_row *row, const char *text, unsigned col, unsigned span,
                 unsigned flags, const char *concept)
{
    rc_source src = {NULL, ++lineno, 1, NULL};
    rc_cell *c = rc_grid_add_cell(g, row, text, strlen(text), col, span, flags, &src);
    ck_assert_ptr_nonnull(c);
    if (concept) c->concept = rc_grid_strdup(g, concept);
}

/* A body row: label (and its concept), then one value per column from 1 on; NULL is an
 * empty cell.  An R page marks numbers nump / num, and text as text. */
static void body_row(rc_grid *g, unsigned flags, const char *concept, const char *const *v,
                     size_t n)
{
    rc_grid_row *row = rc_grid_add_row(g, flags);
    ck_assert_ptr_nonnull(row);
    bool any = false;
    for (size_t i = 1; i < n; i++)
        any = any || v[i];
    cell(g, row, v[0], 0, 1, any || (flags & RC_ROW_MEMBER) ? 0 : RC_CELL_ABSTRACT, concept);
    for (size_t i = 1; i < n; i++) {
        const char *t = v[i] ? v[i] : "";
        unsigned f = !v[i]            ? RC_CELL_TEXTUAL
                     : strchr(t, '(') ? RC_CELL_NUMERIC | RC_CELL_NEGATIVE
                     : strstr(t, "year") || strstr(t, "month") || strstr(t, "day")
                         ? RC_CELL_TEXTUAL
                         : RC_CELL_NUMERIC;
        cell(g, row, t, (unsigned)i, 1, f, NULL);
    }
}

#define ROW(g, ...)                                                                                \
    do {                                                                                           \
        const char *const v_[] = {__VA_ARGS__};                                                    \
        body_row(g, 0, NULL, v_, sizeof v_ / sizeof *v_);                                          \
    } while (0)
#define CROW(g, concept, ...)                                                                      \
    do {                                                                                           \
        const char *const v_[] = {__VA_ARGS__};                                                    \
        body_row(g, 0, concept, v_, sizeof v_ / sizeof *v_);                                       \
    } while (0)
#define MEMBER(g, label)                                                                           \
    do {                                                                                           \
        const char *const v_[] = {label};                                                          \
        body_row(g, RC_ROW_MEMBER, NULL, v_, 1);                                                   \
    } while (0)
/* A NOTE heading row: texts at columns 0.. (NULL: none). */
static void head_row(rc_grid *g, const char *const *v, size_t n)
{
    rc_grid_row *row = rc_grid_add_row(g, RC_ROW_HEAD);
    ck_assert_ptr_nonnull(row);
    for (size_t i = 0; i < n; i++)
        if (v[i]) cell(g, row, v[i], (unsigned)i, 1, 0, NULL);
}
#define HEAD(g, ...)                                                                               \
    do {                                                                                           \
        const char *const v_[] = {__VA_ARGS__};                                                    \
        head_row(g, v_, sizeof v_ / sizeof *v_);                                                   \
    } while (0)

/* A heading cell spanning columns first..last of a new or the last heading row. */
static void span_cell(rc_grid *g, rc_grid_row *row, const char *text, unsigned first, unsigned last)
{
    cell(g, row, text, first, last - first + 1, 0, NULL);
}

static void interpret(rc_grid *g, rc_table_stats *st)
{
    rc_table_stats local;
    int rc = rc_table_interpret(model, vocab, g, st ? st : &local, ctx);
    ck_assert_msg(rc == RC_OK, "interpret: %s", rc_ctx_error(ctx));
    rc_grid_free(g);
}

static void finish(void)
{
    ck_assert_int_eq(rc_model_finish(model, ctx), RC_OK);
}

/* ---- looking at the result ------------------------------------------------------------- */

static char *qstr(const mpq_t q)
{
    return rc_q_format_exact(q, 12, RC_ROUND_NEAREST);
}

/* The fact's value as text ("-1175184", "0.24"), for comparisons. */
static bool fact_is(const rc_fact *f, const char *want)
{
    if (!f) return want == NULL;
    if (!want) return false;
    char *s = qstr(f->value.q);
    bool ok = strcmp(s, want) == 0;
    free(s);
    return ok;
}

#define FACT(f, want)                                                                              \
    do {                                                                                           \
        const rc_fact *f_ = (f);                                                                   \
        char *s_ = f_ ? qstr(f_->value.q) : NULL;                                                  \
        ck_assert_msg(fact_is(f_, want), "%s is %s, want %s", #f, s_ ? s_ : "(none)",              \
                      (want) ? (want) : "(none)");                                                 \
        free(s_);                                                                                  \
    } while (0)

static rc_day day(const char *s)
{
    rc_day d;
    ck_assert_int_eq(rc_day_parse(&d, s, strlen(s)), RC_OK);
    return d;
}

/* The roll-forward of the finished model with this member (or none), award and end. */
static const rc_rollforward *find_rf(const char *member, rc_award award, const char *end)
{
    const rc_rollforward *found = NULL;
    for (size_t i = 0; i < rc_model_count(model); i++) {
        const rc_rollforward *rf = rc_model_get(model, i);
        bool m =
            member ? rf->nmembers == 1 && strcmp(rf->members[0], member) == 0 : rf->nmembers == 0;
        if (m && rf->award == award && rf->end == day(end) && rc_rollforward_is_rollforward(rf)) {
            ck_assert_msg(!found, "two roll-forwards for %s %s", member ? member : "-", end);
            found = rf;
        }
    }
    ck_assert_msg(found, "no roll-forward for %s, %s, ending %s", member ? member : "(none)",
                  rc_award_name(award), end);
    return found;
}

static const rc_movement *movement(const rc_rollforward *rf, rc_role role)
{
    for (size_t i = 0; i < rf->nmovements; i++)
        if (rf->movements[i].role == role) return &rf->movements[i];
    return NULL;
}

static bool has_note(const char *part)
{
    for (size_t i = 0; i < rc_model_note_count(model); i++)
        if (strstr(rc_model_note(model, i)->text, part)) return true;
    return false;
}

/* Run the default rules; return the results (caller frees). */
static rc_results *check_all(void)
{
    rc_results *res = NULL;
    ck_assert_int_eq(rc_check(rules, model, &res, ctx), RC_OK);
    return res;
}

/* The outcome of rule id on rf. */
static rc_status outcome(const rc_results *res, const char *id, const rc_rollforward *rf)
{
    for (size_t i = 0; i < rc_results_outcome_count(res); i++) {
        const rc_outcome *o = rc_results_outcome(res, i);
        if (o->rf == rf && strcmp(rc_rule_id(o->rule), id) == 0 && !o->movement && o->line < 0)
            return o->status;
    }
    ck_abort_msg("no outcome of %s", id);
    return RC_SKIPPED;
}

static void print_findings(const rc_results *res)
{
    for (size_t i = 0; i < rc_results_finding_count(res); i++) {
        const rc_finding *f = rc_results_finding(res, i);
        char buf[256];
        rc_rollforward_describe(f->rf, buf, sizeof buf);
        fprintf(stderr, "  finding %s on %s: %s\n", rc_rule_id(f->rule), buf, f->message);
    }
}

/* ---- seed 000 as an R page ---------------------------------------------------------------- */

/*
 * Seed 000's table as its R page holds it: eight value columns (c0..c7 of
 * seed-000-layout.md at columns 1..8), every value in its true column.
 */
static rc_grid *seed000(void)
{
    rc_grid *g = rc_grid_new(RC_GRID_REPORT, "seed-000.htm");
    ck_assert_ptr_nonnull(g);
    g->title = rc_grid_strdup(g, "Share-based compensation expenses - Share Options (Details)");
    g->scale = rc_grid_strdup(g, "$ / shares in Units, ¥ in Thousands, $ in Thousands");
    rc_grid_row *h1 = rc_grid_add_row(g, RC_ROW_HEAD);
    cell(g, h1,
         "Share-based compensation expenses - Share Options (Details)\n$ / shares in Units, ¥ "
         "in Thousands, $ in Thousands",
         0, 1, 0, NULL);
    span_cell(g, h1, "6 Months Ended", 1, 1);
    span_cell(g, h1, "12 Months Ended", 2, 7);
    span_cell(g, h1, "", 8, 8);
    rc_grid_row *h2 = rc_grid_add_row(g, RC_ROW_HEAD);
    static const char *const heads[] = {
        "Jun. 30, 2022\n$ / shares\nshares",          "Dec. 31, 2023\nCNY (¥)\nshares",
        "Dec. 31, 2023\nUSD ($)\n$ / shares\nshares", "Dec. 31, 2022\nCNY (¥)\nshares",
        "Dec. 31, 2022\nUSD ($)\n$ / shares",         "Dec. 31, 2021\nCNY (¥)\nshares",
        "Dec. 31, 2021\nUSD ($)\n$ / shares",         "Dec. 31, 2020\nUSD ($)\n$ / shares\nshares"};
    for (unsigned i = 0; i < 8; i++)
        cell(g, h2, heads[i], i + 1, 1, 0, NULL);

    ROW(g, "Share-based compensation expenses");
    ROW(g, "Share-based compensation expenses", _, "¥ 4,306", "$ 606", "¥ 6,578", _, "¥ 17,357", _,
        _);
    ROW(g, "Aggregate intrinsic value and Weighted average remaining contractual years");
    ROW(g, "Outstanding as of December", _, "2 years 11 months 19 days",
        "2 years 11 months 19 days", _, _, _, _, _);
    static const char *const costs[][5] = {
        {"Cost Of Operations", "¥ 23", "$ 3", "94", "218"},
        {"Sales and marketing expenses", "743", "105", "872", "(543)"},
        {"Research and development expenses", "920", "130", "1,793", "2,250"},
        {"General and administrative expenses", "¥ 2,620", "$ 368", "3,819", "15,432"}};
    for (size_t i = 0; i < 4; i++) {
        MEMBER(g, costs[i][0]);
        ROW(g, "Share-based compensation expenses");
        ROW(g, "Share-based compensation expenses", _, costs[i][1], costs[i][2], costs[i][3], _,
            costs[i][4], _, _);
    }
    MEMBER(g, "2012 Share Plan of RONG 360");
    ROW(g, "Share-based compensation expenses");
    ROW(g, "Options granted expiration period (in years)", _, _, "10 years", _, "10 years", _, _,
        _);
    MEMBER(g, "2012 Share Plan of RONG 360 | Minimum");
    ROW(g, "Share-based compensation expenses");
    ROW(g, "Vesting period of options granted which are subject to service condition", _, _,
        "4 years", _, "4 years", _, _, _);
    MEMBER(g, "2012 Share Plan of RONG 360 | Maximum");
    ROW(g, "Share-based compensation expenses");
    ROW(g, "Vesting period of options granted which are subject to service condition", _, _,
        "7 years", _, "7 years", _, _, _);

    MEMBER(g, "Share Incentive Plan 2017 [Member]");
    ROW(g, "Share-based compensation expenses");
    ROW(g, "Share-based compensation expenses | ¥", _, "¥ 4,304", _, "¥ 5,628", _, "¥ 14,959", _,
        _);
    ROW(g, "Number of shares");
    ROW(g, "Outstanding at the beginning of the period (in shares)", "25,438,655", "32,441,263",
        "32,441,263", "25,438,655", _, "18,933,057", _, _);
    ROW(g, "Granted during the year (in shares)", _, "5,970,200", "5,970,200", "8,320,522", _,
        "8,210,850", _, _);
    ROW(g, "Forfeited during the year (in shares)", _, "(1,175,184)", "(1,175,184)", "(714,450)", _,
        "(1,655,252)", _, _);
    ROW(g, "Exercise during the year (in shares)", _, "(268,320)", "(268,320)", "(603,464)", _,
        "(50,000)", _, _);
    ROW(g, "Outstanding at the end of the period (in shares)", _, "36,967,959", "36,967,959",
        "32,441,263", _, "25,438,655", _, "18,933,057");
    ROW(g, "Weighted average exercise prices");
    ROW(g, "Outstanding at the beginning of the period (in dollars per share) | $ / shares",
        "$ 0.01", _, "$ 0.01", _, "$ 0.01", _, "$ 0.01", _);
    ROW(g, "Granted during the year (in dollars per share) | $ / shares", _, _, "0.01", _, "0.01",
        _, "0.01", _);
    ROW(g, "Forfeited during the year (in dollars per share) | $ / shares", _, _, "0.01", _, "0.01",
        _, "0.01", _);
    ROW(g, "Exercise during the year | $ / shares", _, _, "0.01", _, "0.01", _, "0.01", _);
    ROW(g, "Outstanding at the end of the period (in dollars per share) | $ / shares", _, _,
        "$ 0.01", _, "$ 0.01", _, "$ 0.01", "$ 0.01");
    ROW(g, "Aggregate intrinsic value and Weighted average remaining contractual years");
    ROW(g, "Aggregate intrinsic value | $", _, _, "$ 1,442", _, "$ 2,255", _, "$ 1,056", "$ 2,688");
    ROW(g, "Outstanding as of December", _, "7 years 21 days", "7 years 21 days", _,
        "7 years 7 months 24 days", _, "8 years 18 days", "8 years 3 months");

    MEMBER(g, "Global Share Plan");
    ROW(g, "Share-based compensation expenses");
    ROW(g, "Options granted expiration period (in years)", _, _, "10 years", _, "10 years", _, _,
        _);
    ROW(g, "Number of shares");
    ROW(g, "Outstanding at the beginning of the period (in shares)", "7,460,250", "7,360,330",
        "7,360,330", "7,460,250", _, "7,505,477", _, _);
    ROW(g, "Forfeited during the year (in shares)", _, _, _, "(420)", _, "(45,227)", _, _);
    ROW(g, "Exercise during the year (in shares)", _, "(39,500)", "(39,500)", "(99,500)", _, _, _,
        _);
    ROW(g, "Outstanding at the end of the period (in shares)", _, "7,320,830", "7,320,830",
        "7,360,330", _, "7,460,250", _, "7,505,477");
    ROW(g, "Weighted average exercise prices");
    ROW(g, "Outstanding at the beginning of the period (in dollars per share) | $ / shares",
        "$ 0.24", _, "$ 0.24", _, "$ 0.24", _, "$ 0.28", _);
    ROW(g, "Forfeited during the year (in dollars per share) | $ / shares", _, _, _, _, "0.56", _,
        "0.29", _);
    ROW(g, "Exercise during the year | $ / shares", _, _, "0.04", _, "0.05", _, _, _);
    ROW(g, "Outstanding at the end of the period (in dollars per share) | $ / shares", _, _,
        "$ 0.25", _, "$ 0.24", _, "$ 0.24", "$ 0.28");
    ROW(g, "Aggregate intrinsic value and Weighted average remaining contractual years");
    ROW(g, "Aggregate intrinsic value | $", _, _, "$ 22", _, "$ 54", _, "$ 26", "$ 176");
    ROW(g, "Outstanding as of December", _, "2 years 7 months 20 days", "2 years 7 months 20 days",
        _, "3 years 6 months 18 days", _, "4 years 6 months 7 days", "5 years 6 months 10 days");
    MEMBER(g, "Global Share Plan | Minimum");
    ROW(g, "Share-based compensation expenses");
    ROW(g, "Vesting period of options granted which are subject to service condition", _, _,
        "1 year", _, "1 year", _, _, _);
    MEMBER(g, "Global Share Plan | Maximum");
    ROW(g, "Share-based compensation expenses");
    ROW(g, "Vesting period of options granted which are subject to service condition", _, _,
        "7 years", _, "7 years", _, _, _);
    MEMBER(g, "RONG360 Inc. | Global Share Plan");
    ROW(g, "Share-based compensation expenses");
    ROW(g, "Conversion ratio of share options", _, _, "1", _, _, _, _, _);
    MEMBER(g, "Non-platform business | Global Share Plan");
    ROW(g, "Share-based compensation expenses");
    ROW(g, "Conversion ratio of share options", _, _, "1", _, _, _, _, _);
    return g;
}

START_TEST(test_seed000_entries)
{
    rc_table_stats st;
    interpret(seed000(), &st);
    /* every number is a fact: 4+2 + 4x4 + 2+2+2, 3+22+17+4+5 (Share Incentive Plan),
     * 2+15+12+4+5+2+2+1+1 (Global Share Plan) */
    ck_assert_uint_eq(st.facts, 123);
    ck_assert_uint_eq(st.unclassified, 0);
    /* per plan: c0..c7 each an entry (c0 opening only, c7 closing only); and the two
     * remaining terms of all plans together at the top (balances, no roll-forward) */
    ck_assert_uint_eq(st.rollforwards, 18);
    finish();
    /* FY2021..FY2023 per plan, and the Dec. 31, 2020 balances */
    ck_assert_uint_eq(rc_model_count_rollforwards(model, NULL), 6);
    const rc_rollforward *rf = find_rf("Share Incentive Plan 2017", RC_AWARD_OPTIONS, "2023-12-31");
    ck_assert_int_eq(rf->start, day("2023-01-01"));
    ck_assert_str_eq(rf->currency, "USD");
    ck_assert_int_eq(rf->signs, RC_SIGNS_DISPLAYED);
    FACT(rc_opening(rf)->count, "32441263");
    FACT(rc_opening(rf)->price, "0.01");
    FACT(rc_closing(rf)->count, "36967959");
    FACT(rc_closing(rf)->aiv, "1442000");
    ck_assert_int_eq(rc_closing(rf)->aiv->value.decimals, -3);
    ck_assert_ptr_nonnull(rc_closing(rf)->term);
    ck_assert_uint_eq(rf->nmovements, 3);
    ck_assert_str_eq(rf->movements[0].label, "Granted during the year");
    ck_assert_int_eq(rf->movements[1].role, RC_ROLE_FORFEITED);
    FACT(rf->movements[1].count, "-1175184");
    FACT(rf->movements[1].price, "0.01");
    ck_assert_int_eq(rf->movements[1].direction, -1);
    ck_assert_str_eq(rf->movements[2].label, "Exercise during the year");
    ck_assert_int_eq(rf->movements[2].role, RC_ROLE_EXERCISED);
    /* the CNY column's counts came along as duplicates */
    ck_assert_ptr_nonnull(rc_opening(rf)->count->dup);
    /* the fact of an opening balance is the instant before the period */
    ck_assert_int_eq(rc_opening(rf)->count->end, day("2022-12-31"));
    ck_assert_int_eq(rc_opening(rf)->count->start, RC_NO_DATE);
    ck_assert_int_eq(rf->movements[0].count->start, day("2023-01-01"));

    rf = find_rf("Global Share Plan", RC_AWARD_OPTIONS, "2021-12-31");
    FACT(rc_opening(rf)->count, "7505477");
    FACT(rc_opening(rf)->price, "0.28");
    ck_assert_uint_eq(rf->nmovements, 1);
    FACT(rf->movements[0].count, "-45227");
    FACT(rf->movements[0].price, "0.29");
    FACT(rc_closing(rf)->price, "0.24");
    /* the six-months column's opening (at Dec. 31, 2021) is folded in as a duplicate */
    ck_assert_ptr_nonnull(rc_closing(rf)->count->dup);
    FACT(rc_closing(rf)->count->dup, "7460250");
    rf = find_rf("Global Share Plan", RC_AWARD_OPTIONS, "2023-12-31");
    FACT(rf->contractual_term, "10");
    /* 2012 Share Plan rows are no roll-forward; the Minimum / Maximum blocks neither */
    for (size_t i = 0; i < rc_model_count(model); i++) {
        const rc_rollforward *r = rc_model_get(model, i);
        if (r->nmembers == 0) {
            ck_assert(!rc_rollforward_is_rollforward(r));
            ck_assert_ptr_nonnull(rc_closing(r)->term);
            continue;
        }
        ck_assert_uint_eq(r->nmembers, 1);
        ck_assert_msg(strcmp(r->members[0], "Share Incentive Plan 2017") == 0 ||
                          strcmp(r->members[0], "Global Share Plan") == 0,
                      "unexpected member %s", r->members[0]);
    }
}
END_TEST

START_TEST(test_seed000_rules)
{
    interpret(seed000(), NULL);
    finish();
    rc_results *res = check_all();
    if (rc_results_finding_count(res) != 1) print_findings(res);
    /* exactly one finding: the Global Share Plan's WAEP of FY2021 */
    ck_assert_uint_eq(rc_results_finding_count(res), 1);
    const rc_finding *f = rc_results_finding(res, 0);
    ck_assert_str_eq(rc_rule_id(f->rule), "RC102");
    ck_assert_str_eq(f->rf->members[0], "Global Share Plan");
    ck_assert_int_eq(f->rf->start, day("2021-01-01"));
    ck_assert_int_eq(f->rf->end, day("2021-12-31"));
    char *rep = qstr(f->reported);
    ck_assert_str_eq(rep, "0.24");
    free(rep);
    /* from 0.28 with only 45,227 forfeited at 0.29 the end lies in 0.2749..0.2850 */
    char *lo = rc_q_format(f->expected.lo, 4, RC_ROUND_NEAREST, false);
    char *hi = rc_q_format(f->expected.hi, 4, RC_ROUND_NEAREST, false);
    ck_assert_str_eq(lo, "0.2749");
    ck_assert_str_eq(hi, "0.2850");
    free(lo);
    free(hi);
    /* and the count roll-forwards of both plans, FY2021..FY2023, pass */
    static const char *const plans[] = {"Share Incentive Plan 2017", "Global Share Plan"};
    static const char *const ends[] = {"2021-12-31", "2022-12-31", "2023-12-31"};
    for (int p = 0; p < 2; p++)
        for (int y = 0; y < 3; y++)
            ck_assert_int_eq(outcome(res, "RC101", find_rf(plans[p], RC_AWARD_OPTIONS, ends[y])),
                             RC_PASSED);
    rc_results_free(res);
}
END_TEST

/* ---- Apple: the RSU Details page (R38) and the note's own table (R25) --------------------- */

#define SBCA "us-gaap:ShareBasedCompensationArrangementByShareBasedPaymentAward"
#define OTHER_THAN SBCA "EquityInstrumentsOtherThanOptions"

static rc_grid *apple_r38(void)
{
    rc_grid *g = rc_grid_new(RC_GRID_REPORT, "R38.htm");
    g->title = rc_grid_strdup(g, "Share-Based Compensation - Restricted Stock Unit Activity and "
                                 "Related Information (Details) - Restricted stock units");
    g->scale = rc_grid_strdup(g, "shares in Thousands");
    rc_grid_row *h1 = rc_grid_add_row(g, RC_ROW_HEAD);
    cell(g, h1, "Share-Based Compensation - Restricted Stock Unit Activity ...", 0, 1, 0, NULL);
    span_cell(g, h1, "6 Months Ended", 1, 1);
    rc_grid_row *h2 = rc_grid_add_row(g, RC_ROW_HEAD);
    cell(g, h2, "Mar. 29, 2025\n$ / shares\nshares", 1, 1, 0, NULL);
    CROW(g, OTHER_THAN "NonvestedRollForward", "Number of Restricted Stock Units", _);
    CROW(g, OTHER_THAN "NonvestedNumber", "Beginning balance (in shares) | shares", "163,326");
    CROW(g, OTHER_THAN "GrantsInPeriod", "RSUs granted (in shares) | shares", "63,378");
    CROW(g, OTHER_THAN "VestedInPeriod", "RSUs vested (in shares) | shares", "(39,177)");
    CROW(g, OTHER_THAN "ForfeitedInPeriod", "RSUs canceled (in shares) | shares", "(4,181)");
    CROW(g, OTHER_THAN "NonvestedNumber", "Ending balance (in shares) | shares", "183,346");
    CROW(g, OTHER_THAN "NonvestedWeightedAverageGrantDateFairValueRollForward",
         "Weighted-Average Grant-Date Fair Value Per RSU", _);
    CROW(g, OTHER_THAN "NonvestedWeightedAverageGrantDateFairValue",
         "Beginning balance (in dollars per share) | $ / shares", "$ 158.73");
    CROW(g, OTHER_THAN "GrantsInPeriodWeightedAverageGrantDateFairValue",
         "RSUs granted (in dollars per share) | $ / shares", "228.10");
    CROW(g, OTHER_THAN "VestedInPeriodWeightedAverageGrantDateFairValue",
         "RSUs vested (in dollars per share) | $ / shares", "148.90");
    CROW(g, OTHER_THAN "ForfeituresWeightedAverageGrantDateFairValue",
         "RSUs canceled (in dollars per share) | $ / shares", "177.54");
    CROW(g, OTHER_THAN "NonvestedWeightedAverageGrantDateFairValue",
         "Ending balance (in dollars per share) | $ / shares", "$ 184.38");
    return g;
}

/* R25's text block table, as the R page reader hands it over: "$" cells folded. */
static rc_grid *apple_r25(void)
{
    rc_grid *g = rc_grid_new(RC_GRID_NOTE, "R25.htm");
    g->title = rc_grid_strdup(g, "Restricted Stock Unit Activity");
    g->context = rc_grid_strdup(g, "A summary of the Company’s RSU activity and related "
                                   "information for the six months ended March 29, 2025 is as "
                                   "follows:");
    g->period_heading = rc_grid_strdup(g, "6 Months Ended\nMar. 29, 2025");
    HEAD(g, _, "Number of RSUs (in thousands)", "Weighted-Average Grant-Date Fair Value Per RSU");
    ROW(g, "Balance as of September 28, 2024", "163,326", "$ 158.73");
    ROW(g, "RSUs granted", "63,378", "$ 228.10");
    ROW(g, "RSUs vested", "(39,177)", "$ 148.90");
    ROW(g, "RSUs canceled", "(4,181)", "$ 177.54");
    ROW(g, "Balance as of March 29, 2025", "183,346", "$ 184.38");
    return g;
}

static void check_apple_rf(const rc_rollforward *rf)
{
    ck_assert_int_eq(rf->award, RC_AWARD_OTHER);
    ck_assert_str_eq(rf->award_type, "RSU");
    ck_assert_uint_eq(rf->nmembers, 0);
    ck_assert_str_eq(rf->currency, "USD");
    ck_assert_int_eq(rf->end, day("2025-03-29"));
    FACT(rc_opening(rf)->count, "163326000");
    ck_assert_int_eq(rc_opening(rf)->count->value.decimals, -3);
    FACT(rc_opening(rf)->fair_value, "158.73");
    FACT(rc_closing(rf)->count, "183346000");
    FACT(rc_closing(rf)->fair_value, "184.38");
    ck_assert_uint_eq(rf->nmovements, 3);
    ck_assert_int_eq(rf->movements[0].role, RC_ROLE_GRANTED);
    ck_assert_int_eq(rf->movements[1].role, RC_ROLE_VESTED);
    /* "RSUs canceled" tagged ...ForfeitedInPeriod: the table's word, both deduct */
    ck_assert_int_eq(rf->movements[2].role, RC_ROLE_CANCELLED);
    FACT(rf->movements[2].fair_value, "177.54");
}

START_TEST(test_apple_details)
{
    rc_table_stats st;
    interpret(apple_r38(), &st);
    ck_assert_uint_eq(st.facts, 10);
    ck_assert_uint_eq(st.rollforwards, 1);
    const rc_rollforward *rf = rc_model_get(model, 0);
    /* 6 months ended Mar. 29, 2025: the start is worked out, approximately */
    ck_assert_int_eq(rf->start, day("2024-09-30"));
    ck_assert(rf->flags & RC_RF_START_APPROX);
    ck_assert_str_eq(rc_opening(rf)->count->concept, OTHER_THAN "NonvestedNumber");
    ck_assert_int_eq(rc_opening(rf)->count->end, day("2024-09-29"));
    finish();
    check_apple_rf(find_rf(NULL, RC_AWARD_OTHER, "2025-03-29"));
}
END_TEST

START_TEST(test_apple_merged)
{
    interpret(apple_r38(), NULL);
    interpret(apple_r25(), NULL);
    finish();
    /* one roll-forward: the Details page and the note's table say the same */
    ck_assert_uint_eq(rc_model_count(model), 1);
    const rc_rollforward *rf = find_rf(NULL, RC_AWARD_OTHER, "2025-03-29");
    check_apple_rf(rf);
    /* the note's exact start (the day after Sept. 28, 2024) wins over the worked-out one */
    ck_assert_int_eq(rf->start, day("2024-09-29"));
    ck_assert(!(rf->flags & RC_RF_START_APPROX));
    /* each quantity reported twice, once per page */
    ck_assert_ptr_nonnull(rc_opening(rf)->count->dup);
    ck_assert_ptr_nonnull(rf->movements[1].fair_value->dup);
    rc_results *res = check_all();
    if (rc_results_finding_count(res) != 0) print_findings(res);
    ck_assert_uint_eq(rc_results_finding_count(res), 0);
    ck_assert_int_eq(outcome(res, "RC101", rf), RC_PASSED);
    ck_assert_int_eq(outcome(res, "RC103", rf), RC_PASSED);
    rc_results_free(res);
}
END_TEST

/* ---- note tables of the corpus excerpts ---------------------------------------------------- */

/* R41: two years stacked, each closing the next one's opening; the heading words
 * came interleaved ("Weighted / average / exercise / Number / price / of options / C$")
 * and could not be given to columns. */
START_TEST(test_note_r41)
{
    rc_grid *g = rc_grid_new(RC_GRID_NOTE, "R41.txt");
    g->title = rc_grid_strdup(g, "Share-based payments");
    g->context = rc_grid_strdup(g, "Summary of the share option changes during the period "
                                   "presented and the total number of share options outstanding");
    g->period_heading = rc_grid_strdup(g, "12 Months Ended\nDec. 31, 2021");
    rc_grid_row *h = rc_grid_add_row(g, RC_ROW_HEAD);
    span_cell(g, h, "Weighted average exercise Number price of options C$", 1, 2);
    ROW(g, "Balance - January 1, 2020", "1,109,943", "10.51");
    ROW(g, "Granted", "687,255", "18.46");
    ROW(g, "Exercised", "(235,123)", "10.42");
    ROW(g, "Forfeited/expired", "(39,713)", "12.80");
    ROW(g, "Balance - December 31, 2020", "1,522,362", "14.05");
    ROW(g, "Granted", "698,035", "22.21");
    ROW(g, "Exercised", "(79,208)", "9.72");
    ROW(g, "Forfeited/expired", "(48,593)", "15.46");
    ROW(g, "Balance - December 31, 2021", "2,092,596", "16.90");
    interpret(g, NULL);
    ck_assert(has_note("taken from the shapes of their values"));
    finish();
    ck_assert_uint_eq(rc_model_count_rollforwards(model, NULL), 2);
    const rc_rollforward *y20 = find_rf(NULL, RC_AWARD_OPTIONS, "2020-12-31");
    ck_assert_int_eq(y20->start, day("2020-01-01"));
    ck_assert_str_eq(y20->currency, "CAD");
    FACT(rc_opening(y20)->count, "1109943");
    FACT(rc_opening(y20)->price, "10.51");
    ck_assert_int_eq(movement(y20, RC_ROLE_FORFEITED_EXPIRED)->direction, -1);
    const rc_rollforward *y21 = find_rf(NULL, RC_AWARD_OPTIONS, "2021-12-31");
    ck_assert_int_eq(y21->start, day("2021-01-01"));
    /* Balance - December 31, 2020 closes 2020 and opens 2021 */
    FACT(rc_opening(y21)->count, "1522362");
    FACT(rc_opening(y21)->price, "14.05");
    ck_assert_ptr_eq(y21->previous, y20);
    rc_results *res = check_all();
    ck_assert_int_eq(outcome(res, "RC101", y20), RC_PASSED);
    ck_assert_int_eq(outcome(res, "RC101", y21), RC_PASSED);
    rc_results_free(res);
}
END_TEST

/* R47: three years, each closing shown again as the next opening, exercisable rows. */
START_TEST(test_note_r47)
{
    rc_grid *g = rc_grid_new(RC_GRID_NOTE, "R47.txt");
    g->context = rc_grid_strdup(g, "Schedule of stock options granted");
    HEAD(g, _, _, "Weighted average");
    HEAD(g, _, "Number of options", "exercise price");
    HEAD(g, _, "#", "C$");
    static const char *const rows[][3] = {
        {"Outstanding as at December 31, 2018", "485,159", "74.53"},
        {"Granted", "1,363,322", "20.68"},
        {"Exercised", "(82,094)", "10.02"},
        {"Forfeited", "(12,438)", "56.28"},
        {"Cancelled", "(299,006)", "115.80"},
        {"Outstanding as at December 31, 2019", "1,454,943", "21.96"},
        {"Exercisable as at December 31, 2019", "1,200,242", "21.24"},
        {"Outstanding as at December 31, 2019", "1,454,943", "21.96"},
        {"Granted", "1,082,639", "4.14"},
        {"Exercised", "(22,382)", "2.61"},
        {"Cancelled", "(822,137)", "31.65"},
        {"Outstanding as at December 31, 2020", "1,693,063", "6.11"},
        {"Exercisable as at December 31, 2020", "1,528,186", "6.13"},
        {"Outstanding as at December 31, 2020", "1,693,063", "6.11"},
        {"Granted", "2,841,086", "2.26"},
        {"Forfeited", "(47,500)", "4.83"},
        {"Expired", "(953,803)", "4.87"},
        {"Cancelled", "(307,987)", "9.85"},
        {"Outstanding as at December 31, 2021", "3,224,859", "2.75"},
        {"Exercisable as at December 31, 2021", "3,197,601", "2.72"}};
    for (size_t i = 0; i < sizeof rows / sizeof *rows; i++)
        ROW(g, rows[i][0], rows[i][1], rows[i][2]);
    interpret(g, NULL);
    ck_assert(!has_note("shapes"));
    finish();
    ck_assert_uint_eq(rc_model_count_rollforwards(model, NULL), 3);
    rc_results *res = check_all();
    static const char *const ends[] = {"2019-12-31", "2020-12-31", "2021-12-31"};
    static const char *const exercisable[] = {"1200242", "1528186", "3197601"};
    for (int y = 0; y < 3; y++) {
        const rc_rollforward *rf = find_rf(NULL, RC_AWARD_OPTIONS, ends[y]);
        ck_assert_str_eq(rf->currency, "CAD");
        FACT(rf->lines[RC_LINE_EXERCISABLE].count, exercisable[y]);
        ck_assert_int_eq(outcome(res, "RC101", rf), RC_PASSED);
    }
    const rc_rollforward *y19 = find_rf(NULL, RC_AWARD_OPTIONS, "2019-12-31");
    ck_assert_int_eq(y19->start, day("2019-01-01"));
    ck_assert_ptr_nonnull(movement(y19, RC_ROLE_CANCELLED));
    rc_results_free(res);
}
END_TEST

/* R33: an option table and an RSU table in one grid: separate entries. */
START_TEST(test_note_r33)
{
    rc_grid *g = rc_grid_new(RC_GRID_NOTE, "R33.txt");
    g->context = rc_grid_strdup(g, "The following table represents stock option award activity "
                                   "for the year ended December 31, 2019:");
    g->period_heading = rc_grid_strdup(g, "12 Months Ended\nDec. 31, 2019");
    HEAD(g, _, "Shares", "Wtd. Avg. Exer. Price");
    ROW(g, "Options outstanding, beginning of period", "644,575", "$ 28.28");
    ROW(g, "Options forfeited", "(40,795)", "$ 27.00");
    ROW(g, "Options canceled in Equity Award Exchange", "(201,406)", "$ 31.14");
    ROW(g, "Options expired", "(71,557)", "$ 23.81");
    ROW(g, "Options outstanding, end of period", "330,817", "$ 27.66");
    ROW(g, "Options exercisable, end of period", "166,824", "$ 28.94");
    ROW(g, "Restricted Stock Units Activity");
    ROW(g, "Restricted units outstanding, beginning of period", "340,678", "$ 27.64");
    ROW(g, "Restricted stock units granted", "115,957", "$ 20.13");
    ROW(g, "Restricted stock units granted under Equity Award Exchange", "99,500", "$ 16.70");
    ROW(g, "Restricted stock canceled under Equity Award Exchange", "(24,622)", "$ 31.14");
    ROW(g, "Restricted stock units forfeited", "(59,842)", "$ 24.13");
    ROW(g, "Restricted stock units vested", "(128,988)", "$ 27.54");
    ROW(g, "Restricted stock units outstanding, end of period", "342,683", "$ 22.10");
    interpret(g, NULL);
    finish();
    ck_assert_uint_eq(rc_model_count_rollforwards(model, NULL), 2);
    const rc_rollforward *opt = find_rf(NULL, RC_AWARD_OPTIONS, "2019-12-31");
    const rc_rollforward *rsu = find_rf(NULL, RC_AWARD_OTHER, "2019-12-31");
    ck_assert_int_eq(opt->start, day("2019-01-01"));
    ck_assert_str_eq(opt->currency, "USD");
    ck_assert_uint_eq(opt->nmovements, 3);
    ck_assert_int_eq(movement(opt, RC_ROLE_CANCELLED)->direction, -1);
    FACT(opt->lines[RC_LINE_EXERCISABLE].price, "28.94");
    ck_assert_str_eq(rsu->award_type, "RSU");
    ck_assert_uint_eq(rsu->nmovements, 5);
    /* an RSU table's price column is its grant-date fair value */
    FACT(rc_closing(rsu)->fair_value, "22.1");
    ck_assert_ptr_null(rc_closing(rsu)->price);
    rc_results *res = check_all();
    ck_assert_int_eq(outcome(res, "RC101", opt), RC_PASSED);
    ck_assert_int_eq(outcome(res, "RC101", rsu), RC_PASSED);
    rc_results_free(res);
}
END_TEST

/* R43: two column groups (2021, 2020), counts in thousands, dashes. */
START_TEST(test_note_r43)
{
    rc_grid *g = rc_grid_new(RC_GRID_NOTE, "R43.txt");
    g->context = rc_grid_strdup(g, "The following tables summarize information about the stock "
                                   "options outstanding and exercisable at the dates indicated:");
    g->period_heading = rc_grid_strdup(g, "12 Months Ended\nDec. 31, 2021");
    rc_grid_row *h = rc_grid_add_row(g, RC_ROW_HEAD);
    span_cell(g, h, "2021", 1, 2);
    span_cell(g, h, "2020", 3, 4);
    h = rc_grid_add_row(g, RC_ROW_HEAD);
    span_cell(g, h, "(000s)", 1, 4);
    HEAD(g, _, "Number of Options", "Weighted-Average Exercise Price ($C)", "Number of Options",
         "Weighted-Average Exercise Price ($C)");
    ROW(g, "Options outstanding, beginning of year", "4,589", "2.16", "4,481", "2.86");
    ROW(g, "Granted", "402", "2.16", "819", "0.79");
    ROW(g, "Exercised", "(906)", "2.34", "-", "-");
    ROW(g, "Expired", "(1,002)", "2.19", "(711)", "4.99");
    ROW(g, "Options outstanding, end of year", "3,083", "2.10", "4,589", "2.16");
    ROW(g, "Options exercisable, end of year", "1,810", "2.35", "2,797", "2.35");
    interpret(g, NULL);
    finish();
    ck_assert_uint_eq(rc_model_count_rollforwards(model, NULL), 2);
    const rc_rollforward *y21 = find_rf(NULL, RC_AWARD_OPTIONS, "2021-12-31");
    const rc_rollforward *y20 = find_rf(NULL, RC_AWARD_OPTIONS, "2020-12-31");
    ck_assert_int_eq(y20->start, day("2020-01-01"));
    ck_assert_str_eq(y21->currency, "CAD");
    /* counts in thousands, prices not */
    FACT(rc_opening(y21)->count, "4589000");
    ck_assert_int_eq(rc_opening(y21)->count->value.decimals, -3);
    FACT(rc_opening(y21)->price, "2.16");
    /* 2020's exercised row is dashes: a count of zero, no price */
    const rc_movement *ex = movement(y20, RC_ROLE_EXERCISED);
    ck_assert_ptr_nonnull(ex);
    FACT(ex->count, "0");
    ck_assert_ptr_null(ex->price);
    ck_assert_ptr_eq(y21->previous, y20);
    rc_results *res = check_all();
    ck_assert_int_eq(outcome(res, "RC101", y21), RC_PASSED);
    ck_assert_int_eq(outcome(res, "RC101", y20), RC_PASSED);
    rc_results_free(res);
}
END_TEST

/* R26: two years stacked, the later first; a remaining-life column. */
START_TEST(test_note_r26)
{
    rc_grid *g = rc_grid_new(RC_GRID_NOTE, "R26.txt");
    g->context = rc_grid_strdup(g, "A summary of activities under our stock option plans "
                                   "consisted of the following:");
    g->period_heading = rc_grid_strdup(g, "12 Months Ended\nDec. 31, 2018");
    HEAD(g, _, "Options Outstanding", "Exercise Price (1)", "Remaining Life (2)");
    ROW(g, "Outstanding as of January 1, 2018", "3,948,908", "$48.28", "5.89");
    ROW(g, "Granted", "543,968", "$55.00", "9.00");
    ROW(g, "Exercised", "(310,383)", "$43.31", _);
    ROW(g, "Cancelled/forfeited", "(182,861)", "$48.86", _);
    ROW(g, "Outstanding as of December 31, 2018", "3,999,632", "$49.53", "5.61");
    ROW(g, "Exercisable as of December 31, 2018", "1,554,378", "$51.06", "3.69");
    ROW(g, "Outstanding as of January 1, 2017", "3,757,947", "$46.81", "5.85");
    ROW(g, "Granted", "764,789", "$47.00", "9.00");
    ROW(g, "Exercised", "(329,612)", "$28.59", _);
    ROW(g, "Cancelled/forfeited", "(244,216)", "$48.22", _);
    ROW(g, "Outstanding as of December 31, 2017", "3,948,908", "$48.28", "5.89");
    ROW(g, "Exercisable as of December 31, 2017", "1,280,499", "$50.07", "3.78");
    interpret(g, NULL);
    finish();
    ck_assert_uint_eq(rc_model_count_rollforwards(model, NULL), 2);
    const rc_rollforward *y18 = find_rf(NULL, RC_AWARD_OPTIONS, "2018-12-31");
    const rc_rollforward *y17 = find_rf(NULL, RC_AWARD_OPTIONS, "2017-12-31");
    ck_assert_int_eq(y18->start, day("2018-01-01"));
    ck_assert_int_eq(y17->start, day("2017-01-01"));
    ck_assert_str_eq(y18->currency, "USD");
    FACT(rc_closing(y18)->term, "5.61");
    FACT(y18->lines[RC_LINE_EXERCISABLE].term, "3.69");
    ck_assert_int_eq(movement(y18, RC_ROLE_FORFEITED_EXPIRED)->direction, -1);
    ck_assert_ptr_eq(y18->previous, y17);
    rc_results *res = check_all();
    ck_assert_int_eq(outcome(res, "RC101", y18), RC_PASSED);
    ck_assert_int_eq(outcome(res, "RC101", y17), RC_PASSED);
    rc_results_free(res);
}
END_TEST

/* ---- rows that cannot be classified, narrative pages, contradictions ---------------------- */

START_TEST(test_unclassified_note)
{
    rc_grid *g = rc_grid_new(RC_GRID_NOTE, "t.txt");
    g->context = rc_grid_strdup(g, "Option activity for the year ended December 31, 2023:");
    HEAD(g, _, "Number of options", "Weighted average exercise price");
    ROW(g, "Outstanding at January 1, 2023", "1,000", "5.00");
    ROW(g, "Granted", "200", "6.00");
    ROW(g, "Transmogrified", "(50)", "5.00");
    ROW(g, "Outstanding at December 31, 2023", "1,150", "5.13");
    rc_table_stats st;
    interpret(g, &st);
    ck_assert_uint_eq(st.unclassified, 1);
    ck_assert(has_note("row 'Transmogrified' could not be classified: taken as a movement with "
                       "its shown sign"));
    finish();
    const rc_rollforward *rf = find_rf(NULL, RC_AWARD_OPTIONS, "2023-12-31");
    const rc_movement *mv = movement(rf, RC_ROLE_OTHER);
    ck_assert_ptr_nonnull(mv);
    ck_assert_str_eq(mv->label, "Transmogrified");
    ck_assert_int_eq(mv->direction, -1);
    rc_results *res = check_all();
    ck_assert_int_eq(outcome(res, "RC101", rf), RC_PASSED);
    rc_results_free(res);
}
END_TEST

/* In a note's table each row is a movement of its own, even with the same words. */
START_TEST(test_note_repeated_rows)
{
    rc_grid *g = rc_grid_new(RC_GRID_NOTE, "t.txt");
    g->context = rc_grid_strdup(g, "Option activity for the year ended December 31, 2023:");
    HEAD(g, _, "Number of options", "Weighted average exercise price");
    ROW(g, "Outstanding at January 1, 2023", "1,000", "5.00");
    ROW(g, "Granted", "200", "6.00");
    ROW(g, "Granted", "100", "7.00");
    ROW(g, "Outstanding at December 31, 2023", "1,300", "5.31");
    interpret(g, NULL);
    finish();
    const rc_rollforward *rf = find_rf(NULL, RC_AWARD_OPTIONS, "2023-12-31");
    ck_assert_uint_eq(rf->nmovements, 2);
    FACT(rf->movements[0].count, "200");
    ck_assert_ptr_null(rf->movements[0].count->dup);
    FACT(rf->movements[1].price, "7");
    rc_results *res = check_all();
    ck_assert_int_eq(outcome(res, "RC101", rf), RC_PASSED);
    ck_assert_int_eq(outcome(res, "RC102", rf), RC_PASSED);
    rc_results_free(res);
}
END_TEST

START_TEST(test_unclassified_report)
{
    rc_grid *g = rc_grid_new(RC_GRID_REPORT, "r.htm");
    g->title = rc_grid_strdup(g, "Stock Options - Activity (Details) - shares");
    rc_grid_row *h1 = rc_grid_add_row(g, RC_ROW_HEAD);
    cell(g, h1, "Stock Options - Activity (Details) - shares", 0, 1, 0, NULL);
    span_cell(g, h1, "12 Months Ended", 1, 1);
    rc_grid_row *h2 = rc_grid_add_row(g, RC_ROW_HEAD);
    cell(g, h2, "Dec. 31, 2023", 1, 1, 0, NULL);
    ROW(g, "Outstanding, beginning balance", "1,000");
    ROW(g, "Granted", "300");
    ROW(g, "Transferred in from the parent's plan", "25");
    ROW(g, "Other changes", "(5)");
    ROW(g, "Outstanding, ending balance", "1,320");
    rc_table_stats st;
    interpret(g, &st);
    /* "Transferred" is an adjustment; "Other changes" no known row */
    ck_assert_uint_eq(st.unclassified, 1);
    finish();
    const rc_rollforward *rf = find_rf(NULL, RC_AWARD_OPTIONS, "2023-12-31");
    ck_assert_int_eq(movement(rf, RC_ROLE_ADJUSTED)->direction, +1);
    ck_assert_int_eq(movement(rf, RC_ROLE_OTHER)->direction, -1);
    ck_assert(has_note("row 'Other changes' could not be classified"));
    rc_results *res = check_all();
    ck_assert_int_eq(outcome(res, "RC101", rf), RC_PASSED);
    rc_results_free(res);
}
END_TEST

/* A narrative Details page (seed 001's kind): facts, no roll-forward. */
START_TEST(test_narrative)
{
    rc_grid *g = rc_grid_new(RC_GRID_REPORT, "seed-001.htm");
    g->title = rc_grid_strdup(g, "SHARE-BASED COMPENSATION (Details Narrative)");
    g->scale = rc_grid_strdup(g, "¥ in Thousands");
    rc_grid_row *h1 = rc_grid_add_row(g, RC_ROW_HEAD);
    cell(g, h1, "SHARE-BASED COMPENSATION (Details Narrative)", 0, 1, 0, NULL);
    span_cell(g, h1, "12 Months Ended", 1, 2);
    span_cell(g, h1, "", 3, 3);
    rc_grid_row *h2 = rc_grid_add_row(g, RC_ROW_HEAD);
    cell(g, h2, "Dec. 31, 2023\nCNY (¥)\n$ / shares", 1, 1, 0, NULL);
    cell(g, h2, "Dec. 31, 2023\nCNY (¥)\nshares", 2, 1, 0, NULL);
    cell(g, h2, "Jul. 01, 2023\nshares", 3, 1, 0, NULL);
    ROW(g, "Share-Based Compensation Arrangement by Share-Based Payment Award [Line Items]");
    ROW(g, "Restricted stock units grants in period", _, _, "2,900,000");
    ROW(g, "Stock option, fair value of underlying stock | $ / shares", "$ 0.71", _, _);
    ROW(g, "Unrecognized compensation expense | ¥", "$ 1", "¥ 1", _);
    ROW(g, "Weighted average period recognized", _, "29 days", _);
    ROW(g, "Restricted stock units, vested", _, "1,587,950", _);
    MEMBER(g, "Restricted Stock Units (RSUs) [Member]");
    ROW(g, "Allocated share based compensation expense | ¥", _, "¥ 4,743", _);
    rc_table_stats st;
    interpret(g, &st);
    ck_assert_uint_eq(st.facts, 7);
    ck_assert_uint_eq(st.rollforwards, 0);
    ck_assert_uint_eq(rc_model_count(model), 0);
    ck_assert_uint_eq(rc_model_fact_count(model), 7);
    ck_assert_uint_eq(rc_model_count_facts(model, "seed-001.htm"), 7);
    /* the expense is money in thousands of CNY */
    const rc_fact *f = rc_model_fact(model, 6);
    ck_assert_int_eq(f->kind, RC_KIND_MONEY);
    ck_assert_str_eq(f->currency, "CNY");
    FACT(f, "4743000");
}
END_TEST

/* Words and unit that contradict each other: the value is read but not placed. */
START_TEST(test_unit_conflict)
{
    rc_grid *g = rc_grid_new(RC_GRID_REPORT, "c.htm");
    g->title = rc_grid_strdup(g, "Options (Details)");
    rc_grid_row *h1 = rc_grid_add_row(g, RC_ROW_HEAD);
    span_cell(g, h1, "12 Months Ended", 1, 1);
    rc_grid_row *h2 = rc_grid_add_row(g, RC_ROW_HEAD);
    cell(g, h2, "Dec. 31, 2023\nUSD ($)\n$ / shares\nshares", 1, 1, 0, NULL);
    ROW(g, "Outstanding, beginning (in shares) | shares", "1,000");
    ROW(g, "Granted (in shares) | $ / shares", "12.50");
    ROW(g, "Outstanding, ending (in shares) | shares", "1,000");
    rc_table_stats st;
    interpret(g, &st);
    ck_assert_uint_eq(st.facts, 3);
    ck_assert(has_note("row 'Granted (in shares) | $ / shares' says a number of shares but its "
                       "unit is not one"));
    finish();
    const rc_rollforward *rf = find_rf(NULL, RC_AWARD_OPTIONS, "2023-12-31");
    ck_assert_uint_eq(rf->nmovements, 0);
    ck_assert_int_eq(rc_model_fact(model, 1)->kind, RC_KIND_PRICE);
}
END_TEST

/* Cells whose column the capture could not settle: the roll-forward says so. */
START_TEST(test_ambiguous)
{
    rc_grid *g = rc_grid_new(RC_GRID_REPORT, "a.txt");
    g->why_ambiguous = rc_grid_strdup(g, "the columns of 'Forfeited' could be 2023 or 2022");
    rc_grid_row *h1 = rc_grid_add_row(g, RC_ROW_HEAD);
    span_cell(g, h1, "12 Months Ended", 1, 2);
    rc_grid_row *h2 = rc_grid_add_row(g, RC_ROW_HEAD);
    cell(g, h2, "Dec. 31, 2023\nshares", 1, 1, 0, NULL);
    cell(g, h2, "Dec. 31, 2022\nshares", 2, 1, 0, NULL);
    ROW(g, "Outstanding at the beginning of the period", "100", "90");
    ROW(g, "Forfeited", "(10)", _);
    ROW(g, "Outstanding at the end of the period", "90", "100");
    g->rows[3].cells[1].flags |= RC_CELL_AMBIGUOUS;
    interpret(g, NULL);
    finish();
    const rc_rollforward *rf = find_rf(NULL, RC_AWARD_OPTIONS, "2023-12-31");
    ck_assert(rf->flags & RC_RF_AMBIGUOUS);
    ck_assert_str_eq(rf->why_ambiguous, "the columns of 'Forfeited' could be 2023 or 2022");
    ck_assert(!(find_rf(NULL, RC_AWARD_OPTIONS, "2022-12-31")->flags & RC_RF_AMBIGUOUS));
}
END_TEST

static Suite *suite(void)
{
    Suite *s = suite_create("table");
    TCase *tc = tcase_create("report");
    tcase_add_checked_fixture(tc, setup, teardown);
    tcase_add_test(tc, test_seed000_entries);
    tcase_add_test(tc, test_seed000_rules);
    tcase_add_test(tc, test_apple_details);
    tcase_add_test(tc, test_apple_merged);
    suite_add_tcase(s, tc);
    tc = tcase_create("note");
    tcase_add_checked_fixture(tc, setup, teardown);
    tcase_add_test(tc, test_note_r41);
    tcase_add_test(tc, test_note_r47);
    tcase_add_test(tc, test_note_r33);
    tcase_add_test(tc, test_note_r43);
    tcase_add_test(tc, test_note_r26);
    suite_add_tcase(s, tc);
    tc = tcase_create("odd rows");
    tcase_add_checked_fixture(tc, setup, teardown);
    tcase_add_test(tc, test_unclassified_note);
    tcase_add_test(tc, test_note_repeated_rows);
    tcase_add_test(tc, test_unclassified_report);
    tcase_add_test(tc, test_narrative);
    tcase_add_test(tc, test_unit_conflict);
    tcase_add_test(tc, test_ambiguous);
    suite_add_tcase(s, tc);
    return s;
}

int main(void)
{
    SRunner *sr = srunner_create(suite());
    srunner_run_all(sr, CK_NORMAL);
    int failed = srunner_ntests_failed(sr);
    srunner_free(sr);
    return failed ? EXIT_FAILURE : EXIT_SUCCESS;
}
