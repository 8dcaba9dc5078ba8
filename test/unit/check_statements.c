/*
 * Unit tests: the option table against the filing's other statements (issue 6).
 *
 * - the rule language's names issued_on_exercise and exercise_proceeds;
 * - the rules of rules/statements.json (RC200-RC203), one line per case on a built
 *   model, and the numbers of their findings;
 * - the XBRL assembler placing the equity statement's shares issued on exercise, the cash
 *   flows' proceeds from exercises and the share price (src/read/xbrl.c), on hand-built
 *   fact lists shaped like the corpus filings they come from.
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
#include "read/xbrl.h"

/* ---- building models ----------------------------------------------------------------- */

static unsigned next_line = 1; /* every fact gets its own line in "in.json" */

static rc_fact *value_scaled(rc_model *m, rc_kind kind, const char *text, int scale)
{
    rc_fact *f = rc_model_new_fact(m);
    ck_assert_ptr_nonnull(f);
    f->kind = kind;
    f->text = rc_model_strdup(m, text);
    f->src.file = "in.json";
    f->src.line = next_line++;
    f->src.col = 5;
    int rc = rc_value_parse(&f->value, text, strlen(text), scale, RC_PARSE_TABLE, NULL, NULL);
    ck_assert_msg(rc == 0, "fixture value '%s' does not parse", text);
    return f;
}

#define COUNT(t) value_scaled(m, RC_KIND_COUNT, t, 0)
#define PRICE(t) value_scaled(m, RC_KIND_PRICE, t, 0)
#define MONEY(t) value_scaled(m, RC_KIND_MONEY, t, 0)

static void set(rc_fact *f, const char *text)
{
    ck_assert_int_eq(rc_value_parse(&f->value, text, strlen(text), 0, RC_PARSE_TABLE, NULL, NULL),
                     0);
    f->text = text;
}

static rc_movement *movement(rc_model *m, rc_rollforward *rf, rc_role role, const char *count,
                             const char *price)
{
    rc_movement *mv = rc_model_add_movement(m, rf);
    ck_assert_ptr_nonnull(mv);
    mv->role = role;
    mv->direction = rc_role_direction(role);
    mv->count = count ? COUNT(count) : NULL;
    mv->price = price ? PRICE(price) : NULL;
    return mv;
}

/*
 * The base model: an option plan's 2021 roll-forward, 1,000 at 10.00 + 200 at 12.50 - 100
 * at 8.00 - 50 at 9.00 = 1,050 at 10.71, whose equity statement issues the 100 shares the
 * exercises call for and whose cash flows receive their 100 x 8.00 = 800.
 */
typedef struct base {
    rc_model *m;
    rc_rollforward *rf;
} base;

static void build_base(base *b)
{
    ck_assert_int_eq(rc_model_new(&b->m), 0);
    rc_model *m = b->m;
    rc_rollforward *rf = b->rf = rc_model_add_rollforward(m);
    ck_assert_ptr_nonnull(rf);
    rf->award = RC_AWARD_OPTIONS;
    rf->entity = "Example Corp.";
    rf->currency = "USD";
    rf->start = rc_day_from_ymd(2021, 1, 1);
    rf->end = rc_day_from_ymd(2021, 12, 31);
    rf->file = "in.json";
    rf->src = (rc_source){"in.json", 1000, 1, NULL};
    rc_opening(rf)->count = COUNT("1,000");
    rc_opening(rf)->price = PRICE("10.00");
    movement(m, rf, RC_ROLE_GRANTED, "200", "12.50");
    movement(m, rf, RC_ROLE_EXERCISED, "(100)", "8.00");
    movement(m, rf, RC_ROLE_FORFEITED, "(50)", "9.00");
    rc_closing(rf)->count = COUNT("1,050");
    rc_closing(rf)->price = PRICE("10.71");
    rf->issued_on_exercise = COUNT("100");
    rf->exercise_proceeds = MONEY("800");
}

static rc_ruleset *default_rules(void)
{
    rc_ruleset *rules;
    rc_ctx *ctx;
    ck_assert_int_eq(rc_ruleset_new(&rules), 0);
    ck_assert_int_eq(rc_ctx_new(&ctx), 0);
    ck_assert_msg(rc_ruleset_load_dir(rules, RC_SOURCE_DIR "/rules", ctx) == 0, "%s",
                  rc_ctx_error(ctx));
    rc_ctx_free(ctx);
    return rules;
}

static rc_results *run(const rc_ruleset *rules, rc_model *m)
{
    rc_ctx *ctx;
    ck_assert_int_eq(rc_ctx_new(&ctx), 0);
    ck_assert_msg(rc_model_finish(m, ctx) == 0, "%s", rc_ctx_error(ctx));
    rc_results *res = NULL;
    ck_assert_msg(rc_check(rules, m, &res, ctx) == 0, "%s", rc_ctx_error(ctx));
    rc_ctx_free(ctx);
    return res;
}

static const rc_finding *finding_of(const rc_results *res, const char *id)
{
    for (size_t i = 0; i < rc_results_finding_count(res); i++) {
        const rc_finding *f = rc_results_finding(res, i);
        if (strcmp(rc_rule_id(f->rule), id) == 0) return f;
    }
    return NULL;
}

static void assert_q(const mpq_t q, int places, const char *want)
{
    char *got = rc_q_format(q, places, RC_ROUND_NEAREST, false);
    ck_assert_msg(strcmp(got, want) == 0, "got %s, want %s", got, want);
    free(got);
}

/* ---- one line per rule case -------------------------------------------------------------- */

typedef void (*mutation)(base *b);

enum { PASS, FAIL, SKIP, NONE };

/*
 * Build the base model, change it, run the default rules: the rule's checks of the
 * roll-forward must pass (PASS), one must fail (FAIL), all be skipped with the reason `why`
 * (SKIP), or there must be no check at all (NONE: the rule has nothing to check there).
 */
static void rule_case(int line, const char *id, mutation change, int want, const char *why)
{
    base b;
    build_base(&b);
    if (change) change(&b);
    rc_ruleset *rules = default_rules();
    rc_results *res = run(rules, b.m);
    size_t passed = 0, failed = 0, skipped = 0;
    const char *reason = NULL;
    for (size_t i = 0; i < rc_results_outcome_count(res); i++) {
        const rc_outcome *o = rc_results_outcome(res, i);
        if (strcmp(rc_rule_id(o->rule), id) != 0 || o->rf != b.rf) continue;
        if (o->status == RC_PASSED)
            passed++;
        else if (o->status == RC_FAILED)
            failed++;
        else {
            skipped++;
            reason = o->reason;
        }
    }
    switch (want) {
    case PASS:
        ck_assert_msg(passed > 0 && failed == 0 && skipped == 0,
                      "line %d: %s: %zu passed, %zu failed, %zu skipped", line, id, passed, failed,
                      skipped);
        break;
    case FAIL:
        ck_assert_msg(failed > 0, "line %d: %s did not fail (%zu passed, %zu skipped)", line, id,
                      passed, skipped);
        ck_assert_ptr_nonnull(finding_of(res, id));
        break;
    case SKIP:
        ck_assert_msg(skipped > 0 && passed == 0 && failed == 0,
                      "line %d: %s: %zu passed, %zu failed, %zu skipped", line, id, passed, failed,
                      skipped);
        ck_assert_msg(strcmp(reason, why) == 0, "line %d: %s skipped for '%s', want '%s'", line, id,
                      reason, why);
        break;
    case NONE:
        ck_assert_msg(passed + failed + skipped == 0,
                      "line %d: %s: %zu passed, %zu failed, %zu skipped, want no check", line, id,
                      passed, failed, skipped);
        break;
    }
    rc_results_free(res);
    rc_ruleset_free(rules);
    rc_model_free(b.m);
}

#define RULE_CASE(id, change, want) rule_case(__LINE__, id, change, want, NULL)

static rc_movement *exercised(base *b)
{
    return &b->rf->movements[1];
}

static void issued_more(base *b)
{
    set(b->rf->issued_on_exercise, "120");
}
static void issued_fewer(base *b)
{
    set(b->rf->issued_on_exercise, "80");
}
static void issued_in_thousands_holds(base *b)
{
    /* "0.1" thousand is 50 to 150 */
    rc_model *m = b->m;
    b->rf->issued_on_exercise = value_scaled(m, RC_KIND_COUNT, "0.1", 3);
    set(exercised(b)->count, "(140)");
    set(rc_closing(b->rf)->count, "1,010");
    set(rc_closing(b->rf)->price, "10.86"); /* 10,970 / 1,010 */
}
static void issued_in_thousands_short(base *b)
{
    issued_in_thousands_holds(b);
    set(exercised(b)->count, "(160)");
    set(rc_closing(b->rf)->count, "990");
    set(rc_closing(b->rf)->price, "10.92"); /* 10,810 / 990 */
}
static void issued_stored_negative(base *b)
{
    set(b->rf->issued_on_exercise, "-100");
}
static void issued_is_the_exercised_row(base *b)
{
    /* the option table's exercised row tagged with the equity statement's concept */
    b->rf->issued_on_exercise->src = exercised(b)->count->src;
}
static void issued_absent(base *b)
{
    b->rf->issued_on_exercise = NULL;
}
static void no_movements(base *b)
{
    b->rf->nmovements = 0;
}
static void no_exercise(base *b)
{
    b->rf->movements[1] = b->rf->movements[2];
    b->rf->nmovements = 2;
    set(rc_closing(b->rf)->count, "1,150");
    set(rc_closing(b->rf)->price, "10.83"); /* 12,050 / 1,150 */
}
static void other_awards(base *b)
{
    b->rf->award = RC_AWARD_OTHER;
}
static void proceeds_at_90_percent(base *b)
{
    set(b->rf->exercise_proceeds, "720");
}
static void proceeds_below_90_percent(base *b)
{
    set(b->rf->exercise_proceeds, "719");
}
static void proceeds_at_110_percent(base *b)
{
    set(b->rf->exercise_proceeds, "880");
}
static void proceeds_above_110_percent(base *b)
{
    set(b->rf->exercise_proceeds, "882");
}
static void proceeds_absent(base *b)
{
    b->rf->exercise_proceeds = NULL;
}
static void exercise_price_absent(base *b)
{
    exercised(b)->price = NULL;
}
static void proceeds_in_euros(base *b)
{
    b->rf->exercise_proceeds->currency = "EUR";
}
static void two_exercised_rows(base *b)
{
    rc_model *m = b->m;
    set(exercised(b)->count, "(60)");
    movement(m, b->rf, RC_ROLE_EXERCISED, "(40)", "8.00");
}

START_TEST(test_rule_cases)
{
    RULE_CASE("RC200", NULL, PASS);
    RULE_CASE("RC201", NULL, PASS);
    RULE_CASE("RC202", NULL, PASS);
    RULE_CASE("RC203", NULL, PASS);
    /* more shares than options: never net settlement */
    RULE_CASE("RC200", issued_more, FAIL);
    RULE_CASE("RC201", issued_more, PASS);
    /* fewer: net settlement */
    RULE_CASE("RC200", issued_fewer, PASS);
    RULE_CASE("RC201", issued_fewer, FAIL);
    /* within the equity statement's rounding */
    RULE_CASE("RC200", issued_in_thousands_holds, PASS);
    RULE_CASE("RC201", issued_in_thousands_holds, PASS);
    RULE_CASE("RC200", issued_in_thousands_short, PASS);
    RULE_CASE("RC201", issued_in_thousands_short, FAIL);
    /* a stored sign is the filer's: the magnitude counts */
    RULE_CASE("RC200", issued_stored_negative, PASS);
    RULE_CASE("RC201", issued_stored_negative, PASS);
    /* one report compared with itself is no check */
    RULE_CASE("RC200", issued_is_the_exercised_row, NONE);
    RULE_CASE("RC201", issued_is_the_exercised_row, NONE);
    RULE_CASE("RC200", issued_absent, NONE);
    RULE_CASE("RC201", issued_absent, NONE);
    rule_case(__LINE__, "RC200", no_movements, SKIP, "no movements reported");
    rule_case(__LINE__, "RC202", no_movements, SKIP, "no movements reported");
    /* shares issued, cash received, and no exercise in the table */
    RULE_CASE("RC200", no_exercise, FAIL);
    RULE_CASE("RC201", no_exercise, PASS);
    RULE_CASE("RC202", no_exercise, PASS);
    RULE_CASE("RC203", no_exercise, FAIL);
    /* options only */
    RULE_CASE("RC200", other_awards, NONE);
    RULE_CASE("RC202", other_awards, NONE);
    /* the tolerance, at the rounding of the exercise price (7.995 to 8.005) */
    RULE_CASE("RC202", proceeds_at_90_percent, PASS);
    RULE_CASE("RC202", proceeds_below_90_percent, FAIL);
    RULE_CASE("RC203", proceeds_below_90_percent, PASS);
    RULE_CASE("RC203", proceeds_at_110_percent, PASS);
    RULE_CASE("RC203", proceeds_above_110_percent, FAIL);
    RULE_CASE("RC202", proceeds_above_110_percent, PASS);
    RULE_CASE("RC202", proceeds_absent, NONE);
    RULE_CASE("RC203", proceeds_absent, NONE);
    rule_case(__LINE__, "RC202", exercise_price_absent, SKIP, "exercised.price is not reported");
    rule_case(__LINE__, "RC203", proceeds_in_euros, SKIP, "units differ: EUR vs USD");
    rule_case(__LINE__, "RC202", two_exercised_rows, SKIP,
              "exercised.price: more than one exercised movement");
    RULE_CASE("RC200", two_exercised_rows, PASS); /* 60 + 40 */
}
END_TEST

/* ---- the findings ------------------------------------------------------------------------- */

START_TEST(test_findings)
{
    base b;
    build_base(&b);
    issued_more(&b);
    proceeds_below_90_percent(&b);
    const rc_fact *issued = b.rf->issued_on_exercise, *proceeds = b.rf->exercise_proceeds;
    rc_ruleset *rules = default_rules();
    rc_results *res = run(rules, b.m);

    const rc_finding *f = finding_of(res, "RC200");
    ck_assert_ptr_nonnull(f);
    ck_assert_int_eq(f->severity, RC_SEVERITY_WARNING);
    ck_assert_str_eq(f->quantity, "issued_on_exercise");
    ck_assert_ptr_eq(f->reported_fact, issued);
    ck_assert_uint_eq(f->where.line, issued->src.line); /* at the equity statement's line */
    assert_q(f->reported, 0, "120");
    assert_q(f->expected.lo, 0, "100");
    assert_q(f->expected.hi, 0, "100");
    ck_assert_str_eq(f->relation, "<=");
    assert_q(f->difference, 0, "20");
    ck_assert_str_eq(f->message, "the equity statement issues 120 shares on option exercises, "
                                 "more than the 100 options the table shows exercised (20 "
                                 "more): the line may count other awards (shares released on "
                                 "vesting) or options outside this table");

    f = finding_of(res, "RC202");
    ck_assert_ptr_nonnull(f);
    ck_assert_int_eq(f->severity, RC_SEVERITY_WARNING);
    ck_assert_str_eq(f->quantity, "exercise_proceeds");
    ck_assert_ptr_eq(f->reported_fact, proceeds);
    /* 0.9 x 100 x [7.995, 8.005] */
    assert_q(f->expected.lo, 2, "719.55");
    assert_q(f->expected.hi, 2, "720.45");
    ck_assert_str_eq(f->relation, ">=");
    assert_q(f->difference, 2, "-0.55");
    ck_assert_str_eq(f->message, "the cash received from option exercises (719) is more than 10% "
                                 "short of the (100) options exercised at their weighted-average "
                                 "exercise price of 8.00 (90% of that is 719.55–720.45): "
                                 "net-settled exercises bring no cash, and exercises at the "
                                 "period's end are paid in the next");
    ck_assert_ptr_null(finding_of(res, "RC201"));
    ck_assert_ptr_null(finding_of(res, "RC203"));
    rc_results_free(res);
    rc_ruleset_free(rules);
    rc_model_free(b.m);

    /* net settlement is information, and never an error */
    build_base(&b);
    issued_fewer(&b);
    rules = default_rules();
    res = run(rules, b.m);
    f = finding_of(res, "RC201");
    ck_assert_ptr_nonnull(f);
    ck_assert_int_eq(f->severity, RC_SEVERITY_INFO);
    ck_assert_str_eq(f->relation, ">=");
    assert_q(f->difference, 0, "-20");
    ck_assert_str_eq(f->message, "the equity statement issues 80 shares on option exercises, "
                                 "fewer than the 100 options the table shows exercised (-20): "
                                 "likely net settlement (shares withheld for the exercise price "
                                 "or taxes), else an error in either statement");
    rc_summary s;
    rc_results_summary(res, &s);
    ck_assert_uint_eq(s.errors, 0);
    ck_assert_uint_eq(s.infos, 1);
    rc_results_free(res);
    rc_ruleset_free(rules);
    rc_model_free(b.m);
}
END_TEST

/* Reports of the same issued shares or proceeds that disagree: the duplicate rules. */
START_TEST(test_duplicates)
{
    base b;
    build_base(&b);
    rc_model *m = b.m;
    b.rf->issued_on_exercise->dup = COUNT("-100"); /* the same quantity, stored negative */
    b.rf->exercise_proceeds->dup = value_scaled(m, RC_KIND_MONEY, "0.9", 3); /* thousands */
    rc_ruleset *rules = default_rules();
    rc_results *res = run(rules, b.m);
    const rc_finding *f = finding_of(res, "RC120");
    ck_assert_ptr_nonnull(f);
    ck_assert_str_eq(f->quantity, "exercise_proceeds");
    ck_assert_str_eq(f->message, "exercise_proceeds is reported more than once with different "
                                 "values: 800 and 900");
    ck_assert_uint_eq(rc_results_finding_count(res), 1); /* not the issued shares */
    rc_results_free(res);
    rc_model_free(b.m);

    /* two filings: a restatement */
    build_base(&b);
    m = b.m;
    b.rf->exercise_proceeds->filing = "0000000000-21-000001";
    b.rf->exercise_proceeds->dup = MONEY("805");
    b.rf->exercise_proceeds->dup->filing = "0000000000-22-000001";
    res = run(rules, b.m);
    f = finding_of(res, "RC121");
    ck_assert_ptr_nonnull(f);
    ck_assert_str_eq(f->message, "exercise_proceeds restated: 0000000000-21-000001 reported 800, "
                                 "0000000000-22-000001 reports 805");
    rc_results_free(res);
    rc_model_free(b.m);
    rc_ruleset_free(rules);
}
END_TEST

/* ---- the names in the language ------------------------------------------------------------ */

static int load(rc_ruleset *rules, const char *expression, const char *message, rc_ctx *ctx)
{
    char text[2048];
    snprintf(text, sizeof text,
             "{\"rules\": [{\"id\": \"RC1200\", \"title\": \"t\", \"severity\": \"info\", "
             "\"applies_to\": [\"options\"], \"expression\": \"%s\", \"message\": \"%s\"}]}",
             expression, message);
    return rc_ruleset_load_string(rules, "user.json", text, strlen(text), ctx);
}

START_TEST(test_names)
{
    rc_ruleset *rules;
    rc_ctx *ctx;
    ck_assert_int_eq(rc_ctx_new(&ctx), 0);
    ck_assert_int_eq(rc_ruleset_new(&rules), 0);
    /* their units: shares issued are shares, proceeds money */
    ck_assert_int_eq(load(rules, "issued_on_exercise + closing.aiv > 0", "m", ctx), RC_ESYNTAX);
    ck_assert_msg(strstr(rc_ctx_error(ctx), "shares") && strstr(rc_ctx_error(ctx), "money"), "%s",
                  rc_ctx_error(ctx));
    ck_assert_int_eq(load(rules, "exercise_proceeds == closing.price", "m", ctx), RC_ESYNTAX);
    ck_assert_int_eq(load(rules, "issued_on_exercise.count > 0", "m", ctx), RC_ESYNTAX);
    ck_assert_msg(strstr(rc_ctx_error(ctx), "unknown name 'issued_on_exercise.count'"), "%s",
                  rc_ctx_error(ctx));
    ck_assert_int_eq(load(rules, "exercise_proceeds / issued_on_exercise <= closing.price",
                          "{exercise_proceeds} for {issued_on_exercise}", ctx),
                     RC_OK);
    /* and previous. of them */
    rc_ruleset_free(rules);
    ck_assert_int_eq(rc_ruleset_new(&rules), 0);
    ck_assert_msg(load(rules, "previous.issued_on_exercise <= issued_on_exercise",
                       "{previous.issued_on_exercise} then {issued_on_exercise}", ctx) == RC_OK,
                  "%s", rc_ctx_error(ctx));

    base b;
    build_base(&b);
    rc_model *m = b.m;
    rc_rollforward *prev = rc_model_add_rollforward(m);
    *prev = *b.rf;
    prev->movements = NULL;
    prev->nmovements = 0;
    prev->start = rc_day_from_ymd(2020, 1, 1);
    prev->end = rc_day_from_ymd(2020, 12, 31);
    prev->issued_on_exercise = COUNT("150");
    prev->exercise_proceeds = NULL;
    movement(m, prev, RC_ROLE_GRANTED, "50", "9.00");
    rc_results *res = run(rules, b.m);
    const rc_finding *f = finding_of(res, "RC1200");
    ck_assert_ptr_nonnull(f);
    ck_assert_str_eq(f->message, "150 then 100");
    ck_assert_str_eq(f->quantity, "issued_on_exercise");
    rc_results_free(res);
    rc_model_free(b.m);
    rc_ruleset_free(rules);
    rc_ctx_free(ctx);
}
END_TEST

/* ---- the XBRL assembler ------------------------------------------------------------------- */

#define SB "us-gaap:ShareBasedCompensationArrangementByShareBasedPaymentAward"
#define SBS "us-gaap:ShareBasedCompensationArrangementsByShareBasedPaymentAward"
#define ISSUED "us-gaap:StockIssuedDuringPeriodSharesStockOptionsExercised"
#define PROCEEDS "us-gaap:ProceedsFromStockOptionsExercised"
#define EQUITY "us-gaap:StatementEquityComponentsAxis=us-gaap:CommonStockMember"
#define CIK "http://www.sec.gov/CIK 0001065280"
#define FY "2024-01-01/2024-12-31"

static rc_vocab *vocab;
static rc_ruleset *xrules;
static rc_ctx *xctx;
static rc_model *model;
static rc_xfacts list;
static unsigned lineno;

static void setup(void)
{
    ck_assert_int_eq(rc_ctx_new(&xctx), RC_OK);
    ck_assert_int_eq(rc_vocab_new(&vocab), RC_OK);
    ck_assert_msg(rc_vocab_load_dir(vocab, RC_SOURCE_DIR "/rules", xctx) == RC_OK, "%s",
                  rc_ctx_error(xctx));
    xrules = default_rules();
    ck_assert_int_eq(rc_model_new(&model), RC_OK);
    ck_assert_int_eq(rc_xfacts_init(&list, "test.xml"), RC_OK);
    lineno = 0;
}

static void teardown(void)
{
    rc_xfacts_clear(&list);
    rc_model_free(model);
    rc_ruleset_free(xrules);
    rc_vocab_free(vocab);
    rc_ctx_free(xctx);
}

static rc_day day(const char *s)
{
    rc_day d;
    size_t n = strcspn(s, "/");
    ck_assert_int_eq(rc_day_parse(&d, s, n), RC_OK);
    return d;
}

/* Add a fact: period "2024-12-31" or "2024-01-01/2024-12-31"; unit "shares", "USD" or
 * "USD/shares"; dims "axis=member", NULL-terminated. */
static rc_xfact *add(const char *concept, const char *period, const char *unit, const char *value,
                     int decimals, ...)
{
    rc_xfact *f = rc_xfacts_add(&list);
    ck_assert_ptr_nonnull(f);
    f->concept = rc_xfacts_strdup(&list, concept);
    f->entity = rc_xfacts_strdup(&list, CIK);
    const char *slash = strchr(period, '/');
    if (slash) {
        f->start = day(period);
        f->end = day(slash + 1);
    } else {
        f->end = day(period);
    }
    f->numeric = true;
    f->unit_num =
        rc_xfacts_strdup(&list, strncmp(unit, "shares", 6) == 0 ? "xbrli:shares" : "iso4217:USD");
    if (strchr(unit, '/')) f->unit_den = rc_xfacts_strdup(&list, "xbrli:shares");
    f->decimals = decimals;
    f->shown = RC_DECIMALS_INF;
    f->value = rc_xfacts_strdup(&list, value);
    f->src.line = ++lineno;
    va_list ap;
    va_start(ap, decimals);
    const char *d;
    rc_xdim dims[4];
    size_t n = 0;
    while ((d = va_arg(ap, const char *)) != NULL && n < 4) {
        const char *eq = strchr(d, '=');
        dims[n].axis = rc_xfacts_strndup(&list, d, (size_t)(eq - d));
        dims[n].member = rc_xfacts_strdup(&list, eq + 1);
        dims[n].typed = false;
        n++;
    }
    va_end(ap);
    if (n) {
        rc_xdim *copy = rc_arena_alloc(list.arena, n * sizeof *copy);
        ck_assert_ptr_nonnull(copy);
        memcpy(copy, dims, n * sizeof *copy);
        f->dims = copy;
        f->ndims = n;
        rc_xfact_sort_dims(f);
    }
    return f;
}

#define ADD(concept, period, unit, value, decimals, ...)                                           \
    add(concept, period, unit, value, decimals, ##__VA_ARGS__, (const char *)NULL)

static void assemble(void)
{
    ck_assert_msg(rc_xbrl_assemble(model, vocab, &list, NULL, xctx) == RC_OK, "%s",
                  rc_ctx_error(xctx));
    ck_assert_msg(rc_model_finish(model, xctx) == RC_OK, "%s", rc_ctx_error(xctx));
}

/* The option table of Netflix's 10-K for 2024 (its inline document: shared/corpus/edgartools/
 * tests/fixtures/html/nflx/10k/nflx-10-k-2025-01-27.html), shortened to the rows that matter
 * here; its exercised row is tagged with the equity statement's concept, undimensioned. */
static void option_table(const char *exercised)
{
    ADD(SB "OptionsOutstandingNumber", "2023-12-31", "shares", "19695109", RC_DECIMALS_INF);
    ADD(SB "OptionsOutstandingWeightedAverageExercisePrice", "2023-12-31", "USD/shares", "268.86",
        2);
    ADD(SB "OptionsGrantsInPeriod", FY, "shares", "1100000", RC_DECIMALS_INF);
    ADD(SBS "OptionsGrantsInPeriodWeightedAverageExercisePrice", FY, "USD/shares", "620.92", 2);
    if (exercised) ADD(ISSUED, FY, "shares", exercised, RC_DECIMALS_INF);
    ADD(SBS "OptionsExercisesInPeriodWeightedAverageExercisePrice", FY, "USD/shares", "172.17", 2);
}

/* The options total of 2024. */
static const rc_rollforward *total(void)
{
    const rc_rollforward *found = NULL;
    for (size_t i = 0; i < rc_model_count(model); i++) {
        const rc_rollforward *rf = rc_model_get(model, i);
        if (rf->award == RC_AWARD_OPTIONS && !rf->nmembers && !rf->award_type &&
            rf->end == day("2024-12-31") && rc_rollforward_has_movements(rf)) {
            ck_assert_ptr_null(found);
            found = rf;
        }
    }
    ck_assert_ptr_nonnull(found);
    return found;
}

static bool is(const rc_fact *f, const char *want)
{
    rc_value v;
    rc_value_init(&v);
    ck_assert_int_eq(rc_value_parse(&v, want, strlen(want), 0, 0, NULL, NULL), RC_OK);
    bool eq = f && mpq_equal(v.q, f->value.q);
    rc_value_clear(&v);
    return eq;
}

static rc_status status_of(const rc_results *res, const char *id, const rc_rollforward *rf,
                           bool *found)
{
    *found = false;
    for (size_t i = 0; i < rc_results_outcome_count(res); i++) {
        const rc_outcome *o = rc_results_outcome(res, i);
        if (o->rf == rf && strcmp(rc_rule_id(o->rule), id) == 0) {
            *found = true;
            return o->status;
        }
    }
    return RC_SKIPPED;
}

START_TEST(test_assemble_equity_column)
{
    /* Netflix 2024: the statement of stockholders' equity's own column issues 4,872,708
     * shares; the option table's row, undimensioned, 4,846,048; the cash flows receive
     * $832,887 thousand */
    option_table("4846048");
    ADD(ISSUED, FY, "shares", "4872708", RC_DECIMALS_INF, EQUITY);
    ADD(PROCEEDS, FY, "USD", "832887000", -3);
    ADD(PROCEEDS, FY, "USD", "832887000", -3); /* the note's report of the same */
    ADD(SB "OptionsOutstandingNumber", "2024-12-31", "shares", "15949061", RC_DECIMALS_INF);
    assemble();
    const rc_rollforward *rf = total();
    /* the exercised row is the table's; the shares issued the statement's column */
    ck_assert(is(rf->movements[1].count, "4846048"));
    ck_assert(is(rf->issued_on_exercise, "4872708"));
    ck_assert_uint_eq(rf->issued_on_exercise->src.line, 7);
    ck_assert_ptr_null(rf->issued_on_exercise->dup); /* the stand-in row is no second report */
    ck_assert(is(rf->exercise_proceeds, "832887000"));
    ck_assert_ptr_nonnull(rf->exercise_proceeds->dup);
    ck_assert_str_eq(rf->exercise_proceeds->currency, "USD");
    ck_assert_int_eq(rf->exercise_proceeds->start, day(FY));
    rc_results *res = NULL;
    ck_assert_int_eq(rc_check(xrules, model, &res, xctx), RC_OK);
    bool found;
    ck_assert_int_eq(status_of(res, "RC200", rf, &found), RC_FAILED);
    ck_assert(found);
    ck_assert_int_eq(status_of(res, "RC201", rf, &found), RC_PASSED);
    /* 4,846,048 x 172.17 = 834.4 million: within 10% */
    ck_assert_int_eq(status_of(res, "RC202", rf, &found), RC_PASSED);
    ck_assert_int_eq(status_of(res, "RC203", rf, &found), RC_PASSED);
    rc_results_free(res);
}
END_TEST

START_TEST(test_assemble_stand_in_only)
{
    /* Procter & Gamble, Visa: the table's exercised row is the only report of the shares
     * issued; it is kept as issued_on_exercise, and compared with nothing */
    option_table("4846048");
    ADD(SB "OptionsOutstandingNumber", "2024-12-31", "shares", "15949061", RC_DECIMALS_INF);
    assemble();
    const rc_rollforward *rf = total();
    ck_assert(is(rf->issued_on_exercise, "4846048"));
    ck_assert_uint_eq(rf->issued_on_exercise->src.line, rf->movements[1].count->src.line);
    rc_results *res = NULL;
    ck_assert_int_eq(rc_check(xrules, model, &res, xctx), RC_OK);
    bool found;
    status_of(res, "RC200", rf, &found);
    ck_assert(!found);
    status_of(res, "RC201", rf, &found);
    ck_assert(!found);
    status_of(res, "RC202", rf, &found);
    ck_assert(!found); /* no proceeds */
    rc_results_free(res);
}
END_TEST

START_TEST(test_assemble_beside_own_row)
{
    /* a table that tags its exercised row with the award concept: the equity statement's
     * undimensioned report is a report of its own (Coca-Cola's shares issued in millions) */
    option_table(NULL);
    ADD(SB "OptionsExercisesInPeriod", FY, "shares", "4846048", RC_DECIMALS_INF);
    ADD(ISSUED, FY, "shares", "5000000", -6);
    ADD(SB "OptionsOutstandingNumber", "2024-12-31", "shares", "15949061", RC_DECIMALS_INF);
    assemble();
    const rc_rollforward *rf = total();
    ck_assert_uint_eq(rf->nmovements, 2);
    ck_assert(is(rf->issued_on_exercise, "5000000"));
    ck_assert_int_eq(rf->issued_on_exercise->value.decimals, -6);
    rc_results *res = NULL;
    ck_assert_int_eq(rc_check(xrules, model, &res, xctx), RC_OK);
    bool found;
    ck_assert_int_eq(status_of(res, "RC200", rf, &found), RC_PASSED);
    ck_assert_int_eq(status_of(res, "RC201", rf, &found), RC_PASSED);
    rc_results_free(res);
}
END_TEST

START_TEST(test_assemble_not_about_all_options)
{
    /* a plan's shares issued, another award's, the class of stock's column, broader cash */
    option_table("4846048");
    ADD(ISSUED, FY, "shares", "100", RC_DECIMALS_INF,
        "us-gaap:PlanNameAxis=abc:StockIncentivePlanMember");
    ADD(ISSUED, FY, "shares", "200", RC_DECIMALS_INF,
        "us-gaap:AwardTypeAxis=us-gaap:RestrictedStockUnitsRSUMember");
    const rc_xfact *class_b = ADD(ISSUED, FY, "shares", "4846048", RC_DECIMALS_INF, EQUITY,
                                  "us-gaap:StatementClassOfStockAxis=us-gaap:CommonClassBMember");
    ADD("us-gaap:ProceedsFromStockOptionsExercisedAndOtherFinancing", FY, "USD", "900000000", -6);
    ADD("us-gaap:ProceedsFromStockPlans", FY, "USD", "900000000", -6);
    ADD(SB "OptionsOutstandingNumber", "2024-12-31", "shares", "15949061", RC_DECIMALS_INF);
    assemble();
    const rc_rollforward *rf = total();
    /* the class B column of the statement is about all options (of that class) */
    ck_assert(is(rf->issued_on_exercise, "4846048"));
    ck_assert_uint_eq(rf->issued_on_exercise->src.line, class_b->src.line);
    ck_assert_ptr_null(rf->issued_on_exercise->dup);
    ck_assert_ptr_null(rf->exercise_proceeds);
    for (size_t i = 0; i < rc_model_count(model); i++) {
        const rc_rollforward *r = rc_model_get(model, i);
        if (r != rf) ck_assert_ptr_null(r->issued_on_exercise);
    }
}
END_TEST

START_TEST(test_assemble_periods)
{
    /* three years of the statements beside one year of the table: only the table's year;
     * a balance alone at the end of 2023 takes none of 2023's */
    option_table("4846048");
    ADD(SB "OptionsOutstandingNumber", "2024-12-31", "shares", "15949061", RC_DECIMALS_INF);
    ADD(SB "OptionsExercisableNumber", "2022-12-31", "shares", "100", RC_DECIMALS_INF);
    ADD(ISSUED, "2023-01-01/2023-12-31", "shares", "1926598", RC_DECIMALS_INF, EQUITY);
    ADD(ISSUED, "2022-01-01/2022-12-31", "shares", "1383669", RC_DECIMALS_INF, EQUITY);
    ADD(PROCEEDS, "2023-01-01/2023-12-31", "USD", "169990000", -3);
    ADD(PROCEEDS, "2024-07-01/2024-12-31", "USD", "400000000", -3); /* a half year */
    assemble();
    const rc_rollforward *rf = total();
    ck_assert(is(rf->issued_on_exercise, "4846048"));
    ck_assert_ptr_null(rf->exercise_proceeds);
    size_t with = 0;
    for (size_t i = 0; i < rc_model_count(model); i++) {
        const rc_rollforward *r = rc_model_get(model, i);
        with += r->issued_on_exercise != NULL || r->exercise_proceeds != NULL;
    }
    ck_assert_uint_eq(with, 1);
    /* the others are facts read all the same */
    size_t facts = 0;
    for (size_t i = 0; i < rc_model_fact_count(model); i++)
    facts += rc_model_fact(model, i)->concept &&
             (strcmp(rc_model_fact(model, i)->concept, ISSUED) == 0 ||
              strcmp(rc_model_fact(model, i)->concept, PROCEEDS) == 0);
    ck_assert_uint_eq(facts, 2 + 4); /* the exercised row and issued shares, and the four */
}
END_TEST

START_TEST(test_assemble_share_price)
{
    /* the share price at the end: an instant, undimensioned or on the options' award type;
     * never a duration (the price at grant, a valuation input) nor a class of stock's */
    option_table("4846048");
    ADD(SB "OptionsOutstandingNumber", "2024-12-31", "shares", "15949061", RC_DECIMALS_INF);
    ADD(SB "OptionsOutstandingIntrinsicValue", "2024-12-31", "USD", "9200000000", -6);
    ADD("us-gaap:SharePrice", "2024-12-31", "USD/shares", "891.32", 2);
    ADD("us-gaap:SharePrice", "2024-12-31", "USD/shares", "891.32", 2,
        "us-gaap:AwardTypeAxis=us-gaap:EmployeeStockOptionMember");
    ADD("us-gaap:SharePrice", "2024-12-31", "USD/shares", "500.00", 2,
        "us-gaap:StatementClassOfStockAxis=us-gaap:CommonClassCMember");
    ADD("us-gaap:SharePrice", FY, "USD/shares", "650.00", 2);
    ADD("us-gaap:ShareBasedCompensationArrangementByShareBasedPaymentAwardFairValueAssumptionsSh"
        "arePrice",
        FY, "USD/shares", "640.00", 2);
    assemble();
    const rc_rollforward *rf = total();
    ck_assert(is(rf->share_price, "891.32"));
    ck_assert_ptr_nonnull(rf->share_price->dup);
    ck_assert(is(rf->share_price->dup, "891.32"));
    ck_assert_ptr_null(rf->share_price->dup->dup);
}
END_TEST

static Suite *statements_suite(void)
{
    Suite *s = suite_create("statements");
    TCase *tc = tcase_create("rules");
    tcase_add_test(tc, test_rule_cases);
    tcase_add_test(tc, test_findings);
    tcase_add_test(tc, test_duplicates);
    tcase_add_test(tc, test_names);
    suite_add_tcase(s, tc);
    tc = tcase_create("assembler");
    tcase_add_checked_fixture(tc, setup, teardown);
    tcase_add_test(tc, test_assemble_equity_column);
    tcase_add_test(tc, test_assemble_stand_in_only);
    tcase_add_test(tc, test_assemble_beside_own_row);
    tcase_add_test(tc, test_assemble_not_about_all_options);
    tcase_add_test(tc, test_assemble_periods);
    tcase_add_test(tc, test_assemble_share_price);
    suite_add_tcase(s, tc);
    return s;
}

int main(void)
{
    SRunner *sr = srunner_create(statements_suite());
    srunner_run_all(sr, CK_NORMAL);
    int failed = srunner_ntests_failed(sr);
    srunner_free(sr);
    return failed ? EXIT_FAILURE : EXIT_SUCCESS;
}
