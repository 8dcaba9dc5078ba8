/* Unit tests: the table of options by range of exercise prices in the rule language
 * (ranges.*, each range, coalesce) and the default rules RC180-RC189 (rules/ranges.json). */
#include <check.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "rollcheck/check.h"
#include "rollcheck/read.h"
#include "rollcheck/rules.h"
#include "read/grid.h"
#include "read/table.h"

/* ---- building models ----------------------------------------------------------------- */

static unsigned next_line = 1; /* every fact gets its own line in "in.json" */

static rc_fact *value(rc_model *m, rc_kind kind, const char *text)
{
    rc_fact *f = rc_model_new_fact(m);
    ck_assert_ptr_nonnull(f);
    f->kind = kind;
    f->text = rc_model_strdup(m, text);
    f->src.file = "in.json";
    f->src.line = next_line++;
    f->src.col = 5;
    int rc = kind == RC_KIND_TERM
                 ? rc_term_parse(&f->value, text, strlen(text), NULL)
                 : rc_value_parse(&f->value, text, strlen(text), 0, RC_PARSE_TABLE, NULL, NULL);
    ck_assert_msg(rc == 0, "fixture value '%s' does not parse", text);
    return f;
}

/* A fact, or NULL for a NULL text (a value the table does not show). */
static rc_fact *maybe(rc_model *m, rc_kind kind, const char *text)
{
    return text ? value(m, kind, text) : NULL;
}

#define COUNT(t) maybe(m, RC_KIND_COUNT, t)
#define PRICE(t) maybe(m, RC_KIND_PRICE, t)
#define MONEY(t) maybe(m, RC_KIND_MONEY, t)
#define TERM(t) maybe(m, RC_KIND_TERM, t)

/* Change a fact's value in place (before rc_model_finish). */
static void set(rc_fact *f, const char *text)
{
    ck_assert_ptr_nonnull(f);
    int rc = f->kind == RC_KIND_TERM
                 ? rc_term_parse(&f->value, text, strlen(text), NULL)
                 : rc_value_parse(&f->value, text, strlen(text), 0, RC_PARSE_TABLE, NULL, NULL);
    ck_assert_int_eq(rc, 0);
    f->text = text;
}

static rc_range *range(rc_model *m, rc_rollforward *rf, const char *label, const char *low,
                       const char *high, const char *count, const char *price, const char *term,
                       const char *ex_count, const char *ex_price, const char *ex_term)
{
    rc_range *r = rc_model_add_range(m, rf);
    ck_assert_ptr_nonnull(r);
    r->label = label;
    r->low = PRICE(low);
    r->high = PRICE(high);
    r->count = COUNT(count);
    r->price = PRICE(price);
    r->term = TERM(term);
    r->exercisable_count = COUNT(ex_count);
    r->exercisable_price = PRICE(ex_price);
    r->exercisable_term = TERM(ex_term);
    return r;
}

/*
 * The base: options at the end of 2021, 1,050 outstanding at 10.71 (6.5 years left, an
 * intrinsic value of 5,000 at the share price 15.00) and 600 exercisable at 9.50 (4.2
 * years, 3,400), broken down into three ranges of exercise prices:
 *
 *   $5.00 - $9.99     400 at  8.00, 4.0 years; 350 exercisable at  8.00, 3.5 years
 *   $10.00 - $12.49   450 at 11.50, 7.5 years; 250 exercisable at 11.60, 5.0 years
 *   $12.50 and over   200 at 14.38, 9.0 years; none exercisable
 *
 * Counts: 400 + 450 + 200 = 1,050 and 350 + 250 = 600.  Prices: 11,251 / 1,050 = 10.7152
 * (10.71 shown) and 5,700 / 600 = 9.50.  Lives: 6,775 / 1,050 = 6.452 (6.5 shown) and
 * 2,475 / 600 = 4.125 (4.2 shown; each life is shown to one place, +-0.05).  Intrinsic
 * value at 15.00: at least 400 x 5.01 + 450 x 2.51 + 200 x 0 (the open range) = 3,133.50,
 * at most 400 x 10 + 450 x 5 + 200 x 2.50 = 6,750; exercisable: 2,381 to 4,750.
 */
typedef struct base {
    rc_model *m;
    rc_rollforward *rf;
} base;

/* The ranges move as more are added: name them by their place, once all are there. */
#define R1 (&b->rf->ranges[0])
#define R2 (&b->rf->ranges[1])
#define R3 (&b->rf->ranges[2])

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
    rf->src = (rc_source){"in.json", 1000u, 1, NULL};
    rc_opening(rf)->count = COUNT("1,000");
    rc_opening(rf)->price = PRICE("10.00");
    rc_movement *mv = rc_model_add_movement(m, rf);
    ck_assert_ptr_nonnull(mv);
    mv->role = RC_ROLE_GRANTED;
    mv->direction = +1;
    mv->label = "Granted";
    mv->count = COUNT("200");
    mv->price = PRICE("12.50");
    mv = rc_model_add_movement(m, rf);
    ck_assert_ptr_nonnull(mv);
    mv->role = RC_ROLE_EXERCISED;
    mv->direction = -1;
    mv->label = "Exercised";
    mv->count = COUNT("(150)");
    mv->price = PRICE("8.33");
    rc_closing(rf)->count = COUNT("1,050");
    rc_closing(rf)->price = PRICE("10.71");
    rc_closing(rf)->aiv = MONEY("5,000");
    rc_closing(rf)->term = TERM("6.5");
    rc_balance *ex = &rf->lines[RC_LINE_EXERCISABLE];
    ex->count = COUNT("600");
    ex->price = PRICE("9.50");
    ex->aiv = MONEY("3,400");
    ex->term = TERM("4.2");
    rf->share_price = PRICE("15.00");
    range(m, rf, "$5.00 - $9.99", "5.00", "9.99", "400", "8.00", "4.0", "350", "8.00", "3.5");
    range(m, rf, "$10.00 - $12.49", "10.00", "12.49", "450", "11.50", "7.5", "250", "11.60", "5.0");
    range(m, rf, "$12.50 and over", "12.50", NULL, "200", "14.38", "9.0", "—", NULL, NULL);
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

enum { PASS, FAIL, WARN, SKIP, NONE };

/*
 * Build the base, change it, run the default rules: the rule's checks must all pass (PASS:
 * at least one passed, none failed), one must fail as an error (FAIL) or as a warning
 * (WARN), all be skipped (SKIP, with the reason `why`), or there be no check at all (NONE).
 */
static void rule_case(int line, const char *id, mutation change, int want, const char *why)
{
    base b;
    build_base(&b);
    if (change) change(&b);
    rc_ruleset *rules = default_rules();
    rc_results *res = run(rules, b.m);
    size_t passed = 0, failed = 0, skipped = 0, checks = 0;
    const char *reason = NULL;
    for (size_t i = 0; i < rc_results_outcome_count(res); i++) {
        const rc_outcome *o = rc_results_outcome(res, i);
        if (strcmp(rc_rule_id(o->rule), id) != 0) continue;
        checks++;
        if (o->status == RC_PASSED)
            passed++;
        else if (o->status == RC_FAILED)
            failed++;
        else {
            skipped++;
            reason = o->reason;
        }
    }
    const rc_finding *f = finding_of(res, id);
    switch (want) {
    case PASS:
        ck_assert_msg(passed > 0 && failed == 0 && skipped == 0,
                      "line %d: %s: %zu passed, %zu failed, %zu skipped (%s)", line, id, passed,
                      failed, skipped, reason ? reason : "");
        break;
    case FAIL:
    case WARN:
        ck_assert_msg(failed > 0, "line %d: %s did not fail (%zu passed, %zu skipped)", line, id,
                      passed, skipped);
        ck_assert_ptr_nonnull(f);
        ck_assert_msg(f->severity == (want == FAIL ? RC_SEVERITY_ERROR : RC_SEVERITY_WARNING),
                      "line %d: %s is a %s: %s", line, id, rc_severity_name(f->severity),
                      f->message);
        break;
    case SKIP:
        ck_assert_msg(skipped > 0 && passed == 0 && failed == 0,
                      "line %d: %s: %zu passed, %zu failed, %zu skipped", line, id, passed, failed,
                      skipped);
        ck_assert_msg(strcmp(reason, why) == 0, "line %d: %s skipped for '%s', want '%s'", line, id,
                      reason, why);
        break;
    case NONE:
        ck_assert_msg(checks == 0, "line %d: %s: %zu checks, want none", line, id, checks);
        break;
    }
    rc_results_free(res);
    rc_ruleset_free(rules);
    rc_model_free(b.m);
}

#define RULE_CASE(id, change, want) rule_case(__LINE__, id, change, want, NULL)

static void no_ranges(base *b)
{
    b->rf->nranges = 0;
}
static void r1_count_off(base *b)
{
    set(R1->count, "410");
}
static void r1_count_absent(base *b)
{
    R1->count = NULL;
}
static void no_exercisable_columns(base *b)
{
    R1->exercisable_count = R2->exercisable_count = R3->exercisable_count = NULL;
}
static void r2_exercisable_off(base *b)
{
    set(R2->exercisable_count, "260");
}
static void r1_price_above_high(base *b)
{
    set(R1->price, "10.50");
}
static void r2_price_below_low(base *b)
{
    set(R2->price, "9.00");
}
static void r3_price_far_up(base *b)
{
    set(R3->price, "40.00"); /* the open range: any price above its low */
}
static void no_bounds(base *b)
{
    R1->low = R1->high = R2->low = R2->high = R3->low = NULL;
}
static void r1_rounded_bound(base *b)
{
    set(R1->high, "8"); /* 8.00 in [7.5, 8.5]: the bound's rounding is allowed */
}
static void r2_exercisable_price_above(base *b)
{
    set(R2->exercisable_price, "12.60");
}
static void r2_price_off(base *b)
{
    set(R2->price, "12.40");
}
static void r3_price_a_little_off(base *b)
{
    set(R3->price, "14.70"); /* 11,315 / 1,050 = 10.776: 0.6% above 10.71 */
}
static void r1_exercisable_price_off(base *b)
{
    set(R1->exercisable_price, "9.00");
}
static void r2_term_off(base *b)
{
    set(R2->term, "9.5");
}
static void r1_exercisable_term_off(base *b)
{
    set(R1->exercisable_term, "1.0");
}
static void aiv_above_ranges(base *b)
{
    set(rc_closing(b->rf)->aiv, "7,000");
}
static void aiv_below_ranges(base *b)
{
    set(rc_closing(b->rf)->aiv, "3,000");
}
static void aiv_just_above_lower(base *b)
{
    set(rc_closing(b->rf)->aiv, "3,200"); /* the open range adds nothing to the lower bound */
}
static void aiv_just_above_lower_r3_closed(base *b)
{
    aiv_just_above_lower(b);
    R3->high = value(b->m, RC_KIND_PRICE, "13.00"); /* + 200 x 2.00: at least 3,533.50 */
}
static void aiv_above_r1_open_low(base *b)
{
    set(rc_closing(b->rf)->aiv, "7,000");
    R1->low = NULL; /* at most 400 x 15 + 2,250 + 500 = 8,750 */
}
static void no_share_price(base *b)
{
    b->rf->share_price = NULL;
}
static void no_high_anywhere(base *b)
{
    R1->high = R2->high = NULL;
}
static void exercisable_aiv_off(base *b)
{
    set(b->rf->lines[RC_LINE_EXERCISABLE].aiv, "5,000");
}
static void exercisable_aiv_low(base *b)
{
    set(b->rf->lines[RC_LINE_EXERCISABLE].aiv, "2,000");
}
static void exercisable_price_absent(base *b)
{
    R1->exercisable_price = NULL;
}

START_TEST(test_rule_cases)
{
    RULE_CASE("RC180", NULL, PASS);
    RULE_CASE("RC180", r1_count_off, FAIL);
    RULE_CASE("RC180", no_ranges, NONE);
    rule_case(__LINE__, "RC180", r1_count_absent, SKIP, "ranges.count is not reported");
    RULE_CASE("RC181", NULL, PASS);
    RULE_CASE("RC181", r2_exercisable_off, FAIL);
    RULE_CASE("RC181", no_exercisable_columns, NONE);
    RULE_CASE("RC181", no_ranges, NONE);
    RULE_CASE("RC182", NULL, PASS);
    RULE_CASE("RC182", r1_price_above_high, FAIL);
    RULE_CASE("RC182", r2_price_below_low, FAIL);
    RULE_CASE("RC182", r3_price_far_up, PASS);
    RULE_CASE("RC182", r1_rounded_bound, PASS);
    RULE_CASE("RC182", no_bounds, NONE);
    RULE_CASE("RC183", NULL, PASS);
    RULE_CASE("RC183", r2_exercisable_price_above, FAIL);
    RULE_CASE("RC183", no_bounds, NONE);
    RULE_CASE("RC184", NULL, PASS);
    RULE_CASE("RC184", r2_price_off, FAIL);
    RULE_CASE("RC184", r3_price_a_little_off, WARN);
    RULE_CASE("RC184", no_ranges, NONE);
    RULE_CASE("RC185", NULL, PASS);
    RULE_CASE("RC185", r1_exercisable_price_off, FAIL);
    rule_case(__LINE__, "RC185", exercisable_price_absent, SKIP,
              "ranges.exercisable_price is not reported");
    RULE_CASE("RC186", NULL, PASS);
    RULE_CASE("RC186", r2_term_off, FAIL);
    RULE_CASE("RC187", NULL, PASS);
    RULE_CASE("RC187", r1_exercisable_term_off, FAIL);
    RULE_CASE("RC187", no_exercisable_columns, NONE);
    RULE_CASE("RC188", NULL, PASS);
    RULE_CASE("RC188", aiv_above_ranges, FAIL);
    RULE_CASE("RC188", aiv_below_ranges, FAIL);
    RULE_CASE("RC188", aiv_just_above_lower, PASS);
    RULE_CASE("RC188", aiv_just_above_lower_r3_closed, FAIL);
    RULE_CASE("RC188", aiv_above_r1_open_low, PASS);
    rule_case(__LINE__, "RC188", no_share_price, SKIP, "share_price is not reported");
    RULE_CASE("RC188", no_bounds, NONE);
    RULE_CASE("RC188", no_high_anywhere, NONE);
    RULE_CASE("RC188", no_ranges, NONE);
    RULE_CASE("RC189", NULL, PASS);
    RULE_CASE("RC189", exercisable_aiv_off, FAIL);
    RULE_CASE("RC189", exercisable_aiv_low, FAIL);
    RULE_CASE("RC189", no_exercisable_columns, NONE);
    /* RC141 without the ranges still holds the wider bounds */
    RULE_CASE("RC141", aiv_just_above_lower_r3_closed, FAIL);
    RULE_CASE("RC141", aiv_above_ranges, PASS);
}
END_TEST

/* ---- findings ------------------------------------------------------------------------------ */

START_TEST(test_findings)
{
    base b;
    build_base(&b);
    r1_price_above_high(&b);
    aiv_just_above_lower_r3_closed(&b);
    rc_ruleset *rules = default_rules();
    rc_results *res = run(rules, b.m);
    const rc_finding *f = finding_of(res, "RC182");
    ck_assert_ptr_nonnull(f);
    ck_assert_ptr_eq(f->range, b.rf->ranges);
    ck_assert_ptr_eq(f->reported_fact, b.rf->ranges[0].price);
    ck_assert_str_eq(f->quantity, "price");
    ck_assert_str_eq(f->relation, "<=");
    assert_q(f->reported, 2, "10.50");
    assert_q(f->expected.lo, 3, "9.985");
    assert_q(f->difference, 3, "0.505");
    ck_assert_str_eq(f->message, "the weighted-average exercise price of the options outstanding "
                                 "in the range $5.00 - $9.99 (10.50) lies outside the range: it "
                                 "must be <= 9.9850\xe2\x80\x93"
                                 "9.9950");
    /* a range's finding is told from another range's by its label */
    char *key = rc_finding_key(f);
    ck_assert_ptr_nonnull(strstr(key, "range\x1f$5.00 - $9.99"));
    free(key);
    f = finding_of(res, "RC188");
    ck_assert_ptr_nonnull(f);
    ck_assert_ptr_null(f->range);
    ck_assert_str_eq(f->quantity, "aiv");
    ck_assert_str_eq(f->relation, ">=");
    assert_q(f->expected.lo, 2, "3523.00"); /* 400 x 5.00 + 450 x 2.50 + 200 x 1.99 */
    ck_assert_str_eq(f->message,
                     "the aggregate intrinsic value of the options outstanding (3,200) does not "
                     "fit the ranges of exercise prices at the share price 15.00: it must be >= "
                     "3,523.00\xe2\x80\x93"
                     "3,544.00");
    /* the outcomes of each-range rules name their range */
    size_t ranges = 0;
    for (size_t i = 0; i < rc_results_outcome_count(res); i++) {
        const rc_outcome *o = rc_results_outcome(res, i);
        if (strcmp(rc_rule_id(o->rule), "RC182") != 0) continue;
        ck_assert_ptr_eq(o->range, &b.rf->ranges[ranges]);
        ranges++;
    }
    ck_assert_uint_eq(ranges, 3);
    rc_results_free(res);
    rc_ruleset_free(rules);
    rc_model_free(b.m);
}
END_TEST

/* ---- the language ---------------------------------------------------------------------------- */

static int load_rule(rc_ruleset *rules, const char *each, const char *expr, const char *message,
                     char *err, size_t errsize)
{
    char text[2048];
    snprintf(text, sizeof text,
             "{\"rules\": [{\"id\": \"RC1001\", \"title\": \"t\", \"severity\": \"error\", "
             "\"applies_to\": [\"options\"], %s%s%s\"expression\": \"%s\", \"message\": \"%s\"}]}",
             each ? "\"each\": \"" : "", each ? each : "", each ? "\", " : "", expr, message);
    rc_ctx *ctx;
    ck_assert_int_eq(rc_ctx_new(&ctx), 0);
    int rc = rc_ruleset_load_string(rules, "user.json", text, strlen(text), ctx);
    snprintf(err, errsize, "%s", rc_ctx_error(ctx));
    rc_ctx_free(ctx);
    return rc;
}

/* A rule that must not load, with this error message (after "user.json:1:N: error: "). */
static void refused(int line, const char *each, const char *expr, const char *message,
                    const char *want)
{
    rc_ruleset *rules;
    ck_assert_int_eq(rc_ruleset_new(&rules), 0);
    char err[1024];
    int rc = load_rule(rules, each, expr, message, err, sizeof err);
    ck_assert_msg(rc == RC_ESYNTAX, "line %d: '%s' loaded", line, expr);
    const char *msg = strstr(err, "error: ");
    ck_assert_msg(msg && strcmp(msg + 7, want) == 0, "line %d: got '%s', want '%s'", line, err,
                  want);
    rc_ruleset_free(rules);
}

START_TEST(test_language_errors)
{
    refused(__LINE__, NULL, "ranges.count == closing.count", "m",
            "a name of the ranges outside sum() 'ranges.count'");
    refused(__LINE__, NULL, "range.count > 0", "m",
            "a name that needs \"each\": \"range\" in the rule 'range.count'");
    refused(__LINE__, NULL, "sum(ranges.foo) > 0", "m",
            "unknown name 'ranges.foo' (ranges has count, price, term, aiv, low, high, "
            "exercisable_count, exercisable_price, exercisable_term)");
    refused(__LINE__, NULL, "sum(ranges.count + movements.count) > 0", "m",
            "sum() over two different lists 'movements.count'");
    refused(__LINE__, NULL, "sum(ranges.count * ranges.price) > closing.count", "m",
            "units do not match (money vs shares) 'sum(ranges.count * ranges.price) > "
            "closing.count'");
    refused(__LINE__, NULL, "coalesce(closing.count) > 0", "m",
            "coalesce() takes two or more arguments 'coalesce(closing.count)'");
    refused(__LINE__, NULL, "coalesce(closing.count, closing.price) > 0", "m",
            "units do not match (shares vs money per share) 'coalesce(closing.count, "
            "closing.price)'");
    refused(__LINE__, NULL, "sum(parts.ranges.count) > 0", "m",
            "the ranges cannot follow parts. (sums do not nest) 'parts.ranges.count'");
    refused(__LINE__, NULL, "closing.count > 0", "{range}",
            "a placeholder that needs \"each\": \"range\" in the rule '{range}'");
    refused(__LINE__, NULL, "closing.count > 0", "{ranges.count}",
            "the ranges cannot be shown, only their sum() 'ranges.count'");
}
END_TEST

/* Run one user rule over the base; the outcome statuses of RC1001 as "P", "F", "S". */
static void user_rule(int line, const char *each, const char *expr, mutation change,
                      const char *want)
{
    rc_ruleset *rules;
    ck_assert_int_eq(rc_ruleset_new(&rules), 0);
    char err[1024];
    ck_assert_msg(load_rule(rules, each, expr, "{reported} {expected}", err, sizeof err) == 0,
                  "line %d: %s", line, err);
    base b;
    build_base(&b);
    if (change) change(&b);
    rc_results *res = run(rules, b.m);
    char got[64] = "";
    size_t n = 0;
    for (size_t i = 0; i < rc_results_outcome_count(res) && n + 1 < sizeof got; i++) {
        const rc_outcome *o = rc_results_outcome(res, i);
        got[n++] = o->status == RC_PASSED ? 'P' : o->status == RC_FAILED ? 'F' : 'S';
    }
    got[n] = '\0';
    ck_assert_msg(strcmp(got, want) == 0, "line %d: '%s': got '%s', want '%s'", line, expr, got,
                  want);
    rc_results_free(res);
    rc_ruleset_free(rules);
    rc_model_free(b.m);
}

START_TEST(test_language)
{
    /* sums over the ranges; a name without ranges. is the roll-forward's */
    user_rule(__LINE__, NULL, "sum(ranges.count) == 1050", NULL, "P");
    user_rule(__LINE__, NULL, "sum(ranges.count * closing.price) > 11000", NULL, "P");
    user_rule(__LINE__, NULL, "sum(ranges.exercisable_count) == 600", NULL, "P");
    /* zero exercisable times an absent price is zero */
    user_rule(__LINE__, NULL, "sum(ranges.exercisable_count * ranges.exercisable_price) == 5700",
              NULL, "P");
    /* coalesce: the first reported argument */
    user_rule(__LINE__, NULL, "sum(coalesce(ranges.high, 100)) == 9.99 + 12.49 + 100", NULL, "P");
    user_rule(__LINE__, NULL, "coalesce(exercisable.aiv, closing.aiv) == 3400", NULL, "P");
    user_rule(__LINE__, NULL, "coalesce(vested_expected.aiv, closing.aiv) == 5000", NULL, "P");
    user_rule(__LINE__, NULL, "coalesce(vested_expected.aiv, opening.aiv) > 0", NULL, "S");
    /* max(0, x) inside a sum */
    user_rule(__LINE__, NULL, "sum(ranges.count * max(0, 12 - ranges.low)) == 400 * 7 + 450 * 2",
              NULL, "P");
    /* each range: one check per range; a range without the subject is no check */
    user_rule(__LINE__, "range", "range.price > range.low", NULL, "PPP");
    user_rule(__LINE__, "range", "range.exercisable_price < 10", NULL, "PF");
    user_rule(__LINE__, "range", "range.count > 0 and range.high > 0", NULL, "PPS");
    user_rule(__LINE__, "range", "range.count > 0", no_ranges, "");
    /* previous.ranges: the table of the period before */
    user_rule(__LINE__, NULL, "sum(previous.ranges.count) > 0", NULL, "S");
}
END_TEST

/* ---- reading range tables ------------------------------------------------------------------ */

static rc_vocab *load_vocab(void)
{
    rc_vocab *v;
    rc_ctx *ctx;
    ck_assert_int_eq(rc_vocab_new(&v), 0);
    ck_assert_int_eq(rc_ctx_new(&ctx), 0);
    ck_assert_msg(rc_vocab_load_dir(v, RC_SOURCE_DIR "/rules", ctx) == 0, "%s", rc_ctx_error(ctx));
    rc_ctx_free(ctx);
    return v;
}

/* Read files (paths relative to the source tree; NULL ends the list) into a finished model. */
static rc_model *read_files(const char *first, ...)
{
    rc_model *m;
    rc_ctx *ctx;
    ck_assert_int_eq(rc_model_new(&m), 0);
    ck_assert_int_eq(rc_ctx_new(&ctx), 0);
    rc_vocab *v = load_vocab();
    va_list ap;
    va_start(ap, first);
    for (const char *f = first; f; f = va_arg(ap, const char *)) {
        char path[512];
        snprintf(path, sizeof path, "%s/%s", RC_SOURCE_DIR, f);
        ck_assert_msg(rc_read_file(m, v, path, NULL, ctx) == 0, "%s", rc_ctx_error(ctx));
    }
    va_end(ap);
    ck_assert_int_eq(rc_model_finish(m, ctx), 0);
    rc_vocab_free(v);
    rc_ctx_free(ctx);
    return m;
}

/* The options roll-forward without members that ends on y-m-d and has ranges. */
static const rc_rollforward *ranges_at(const rc_model *m, int y, int mo, int d)
{
    for (size_t i = 0; i < rc_model_count(m); i++) {
        const rc_rollforward *rf = rc_model_get(m, i);
        if (rf->award == RC_AWARD_OPTIONS && rf->end == rc_day_from_ymd(y, mo, d) && rf->nranges)
            return rf;
    }
    ck_abort_msg("no range table at %d-%02d-%02d", y, mo, d);
    return NULL;
}

/* A fact's value as a decimal ("2000000", "218.21"); "-" for none. */
static void assert_fact(const rc_fact *f, const char *want)
{
    if (!want) {
        ck_assert_msg(!f, "a value where none is wanted: %s", f && f->text ? f->text : "?");
        return;
    }
    ck_assert_msg(f != NULL, "no value, want %s", want);
    char *got = rc_q_format_exact(f->value.q, 6, RC_ROUND_NEAREST);
    ck_assert_msg(strcmp(got, want) == 0, "got %s, want %s", got, want);
    free(got);
}

/* One line per range: label, low, high, count, price, exercisable count and price. */
static void assert_range(const rc_range *r, const char *label, const char *low, const char *high,
                         const char *count, const char *price, const char *ex_count,
                         const char *ex_price)
{
    ck_assert_str_eq(r->label, label);
    assert_fact(r->low, low);
    assert_fact(r->high, high);
    assert_fact(r->count, count);
    assert_fact(r->price, price);
    assert_fact(r->exercisable_count, ex_count);
    assert_fact(r->exercisable_price, ex_price);
}

START_TEST(test_xbrl_crm)
{
    /* five ranges on the standard axis, bounds tagged for the year, counts in millions */
    rc_model *m = read_files("test/data/ranges/crm-20250131-sbc.htm", NULL);
    const rc_rollforward *rf = ranges_at(m, 2025, 1, 31);
    ck_assert_uint_eq(rf->nranges, 5);
    const rc_range *r = rf->ranges;
    assert_range(&r[0], "Range1", "1.34", "154.14", "2000000", "128.18", "2000000", "127.85");
    assert_range(&r[1], "Range2", "157.7", "167.45", "1000000", "162.5", "1000000", "162.27");
    assert_range(&r[2], "Range3", "171.43", "215.17", "2000000", "208.8", "1000000", "211.81");
    /* "$218.21": a lower limit alone is an open range */
    assert_range(&r[3], "Range4", "218.21", NULL, "2000000", "218.21", "1000000", "218.21");
    assert_range(&r[4], "Range5", "218.63", "342.02", "1000000", "267.3", "1000000", "238.64");
    ck_assert_ptr_nonnull(r[0].term);
    ck_assert_str_eq(r[0].term->text, "P2Y7M6D");
    /* the range concepts without the axis are the table's total row: beside the option
     * table's own report of a balance they are no second one (RC180 checks the ranges) */
    assert_fact(rc_closing(rf)->count, "8000000");
    for (const rc_fact *d = rc_closing(rf)->count; d; d = d->dup)
        ck_assert_ptr_null(strstr(d->concept, "ExercisePriceRange"));
    rc_model_free(m);
}
END_TEST

START_TEST(test_xbrl_jnj_goog_aaoi)
{
    /* JNJ: the exercisable balance at the year's end is tagged only in the total row */
    rc_model *m = read_files("test/data/ranges/jnj-20241229-sbc.htm", NULL);
    const rc_rollforward *rf = ranges_at(m, 2024, 12, 29);
    ck_assert(rc_rollforward_has_movements(rf));
    ck_assert_uint_eq(rf->nranges, 5);
    assert_range(&rf->ranges[0], "ExercisePriceRangeOne", "100.06", "101.87", "13016000", "101.29",
                 "13016000", "101.29");
    assert_range(&rf->ranges[4], "ExercisePriceRangeFive", "164.62", "165.89", "29346000", "165.29",
                 "13522000", "164.64");
    assert_fact(rf->lines[RC_LINE_EXERCISABLE].count, "74683000");
    assert_fact(rf->lines[RC_LINE_EXERCISABLE].price, "135.72");
    ck_assert_ptr_nonnull(strstr(rf->lines[RC_LINE_EXERCISABLE].count->concept,
                                 "ExercisePriceRangeNumberOfExercisableOptions"));
    rc_model_free(m);

    /* Alphabet: the option concepts on the range axis, ranges in the order of their bounds */
    m = read_files("test/data/assemble/goog-20131231-sbc.xml", NULL);
    rf = ranges_at(m, 2013, 12, 31);
    ck_assert(rc_rollforward_has_movements(rf));
    ck_assert_uint_eq(rf->nranges, 8);
    assert_range(&rf->ranges[0], "RangeOne", "3.75", "92.23", "22905", "68.89", "22905", "68.89");
    assert_range(&rf->ranges[7], "RangeEight", "723.25", "762.5", "16984", "758.87", "3695",
                 "758.34");
    assert_fact(rf->share_price, "1120.71");
    rc_model_free(m);

    /* Applied Optoelectronics: ranges without limits, beside the award type's member */
    m = read_files("test/data/ranges/aaoi-20131231-sbc.xml", NULL);
    rf = ranges_at(m, 2013, 12, 31);
    ck_assert_uint_eq(rf->nranges, 2);
    assert_range(&rf->ranges[0], "RangeOne", NULL, NULL, "371000", "5.914", "270000", "5.881");
    assert_range(&rf->ranges[1], "RangeTwo", NULL, NULL, "1097000", "9.213", "5000", "7.5");
    ck_assert_ptr_nonnull(rf->ranges[1].exercisable_term);
    rc_model_free(m);
}
END_TEST

START_TEST(test_rendered_tables)
{
    /* the note's own table: ranges from the labels, the total row's balances */
    rc_model *m = read_files("test/data/ranges/crm-R-ranges-tables.htm", NULL);
    const rc_rollforward *rf = ranges_at(m, 2025, 1, 31);
    ck_assert_uint_eq(rf->nranges, 5);
    assert_range(&rf->ranges[0], "$1.34 to $154.14", "1.34", "154.14", "2000000", "128.18",
                 "2000000", "127.85");
    /* one price: both ends */
    assert_range(&rf->ranges[3], "$218.21", "218.21", "218.21", "2000000", "218.21", "1000000",
                 "218.21");
    ck_assert_ptr_eq(rf->ranges[3].low, rf->ranges[3].high);
    assert_fact(rc_closing(rf)->count, "8000000");
    assert_fact(rc_closing(rf)->term, "3.5");
    assert_fact(rf->lines[RC_LINE_EXERCISABLE].count, "6000000");
    assert_fact(rf->ranges[0].term, "2.6");
    rc_model_free(m);

    /* "(Shares in Thousands)" over the first column: the counts' scale */
    m = read_files("test/data/ranges/jnj-R-ranges-tables.htm", NULL);
    rf = ranges_at(m, 2024, 12, 29);
    assert_range(&rf->ranges[1], "$115.67 - $129.51", "115.67", "129.51", "18252000", "122.49",
                 "18252000", "122.49");
    assert_fact(rc_closing(rf)->count, "112629000");
    rc_model_free(m);

    /* an R page's Details: range members as member rows, bounds from rows or words */
    m = read_files("test/data/ranges/ghc-R87-ranges-details.htm", NULL);
    rf = ranges_at(m, 2018, 12, 31);
    ck_assert_uint_eq(rf->nranges, 4);
    assert_range(&rf->ranges[0], "Exercise Price Range of $244-$276", "244", "276", "3674",
                 "259.19", "3674", "259.19");
    /* "Exercise Price $325": the row states the low end, the words say it is the high too */
    assert_range(&rf->ranges[1], "Exercise Price $325", "325", "325", "77258", "325.26", "77258",
                 "325.26");
    assert_fact(rc_closing(rf)->count, "184932");
    assert_fact(rf->lines[RC_LINE_EXERCISABLE].count, "145138");
    rc_model_free(m);

    m = read_files("test/data/ranges/dean-R96-ranges-details.htm", NULL);
    rf = ranges_at(m, 2019, 12, 31);
    ck_assert_uint_eq(rf->nranges, 4);
    /* "Exercise price" under a range member named by its price: both ends */
    assert_range(&rf->ranges[2], "12.60", "12.6", "12.6", "61711", "12.6", NULL, NULL);
    rc_model_free(m);
}
END_TEST

/* A note grid of one range-table row per label; the ranges read, "" when it is no range
 * table, else "low..high;" per range ("-" for an open end). */
static void note_labels(int line, const char *const *labels, size_t n, const char *want)
{
    rc_grid *g = rc_grid_new(RC_GRID_NOTE, "t.htm");
    ck_assert_ptr_nonnull(g);
    rc_source src = {"t.htm", 1, 1, NULL};
    rc_grid_row *h = rc_grid_add_row(g, RC_ROW_HEAD);
    static const char *const heads[] = {"Range of exercise prices", "Number outstanding",
                                        "Weighted-average exercise price"};
    for (unsigned k = 0; k < 3; k++)
        ck_assert_ptr_nonnull(rc_grid_add_cell(g, h, heads[k], strlen(heads[k]), k, 1, 0, &src));
    for (size_t i = 0; i < n; i++) {
        rc_grid_row *row = rc_grid_add_row(g, 0);
        ck_assert_ptr_nonnull(
            rc_grid_add_cell(g, row, labels[i], strlen(labels[i]), 0, 1, 0, &src));
        ck_assert_ptr_nonnull(rc_grid_add_cell(g, row, "1,000", 5, 1, 1, 0, &src));
        ck_assert_ptr_nonnull(rc_grid_add_cell(g, row, "5.00", 4, 2, 1, 0, &src));
    }
    g->context = rc_grid_strdup(g, "Options outstanding at December 31, 2023:");
    rc_model *m;
    rc_ctx *ctx;
    ck_assert_int_eq(rc_model_new(&m), 0);
    ck_assert_int_eq(rc_ctx_new(&ctx), 0);
    rc_vocab *v = load_vocab();
    ck_assert_int_eq(rc_table_interpret(m, v, g, NULL, ctx), 0);
    char got[512] = "";
    for (size_t i = 0; i < rc_model_count(m); i++) {
        const rc_rollforward *rf = rc_model_get(m, i);
        for (size_t k = 0; k < rf->nranges; k++) {
            const rc_range *r = &rf->ranges[k];
            char *lo = r->low ? rc_q_format_exact(r->low->value.q, 4, RC_ROUND_NEAREST) : NULL;
            char *hi = r->high ? rc_q_format_exact(r->high->value.q, 4, RC_ROUND_NEAREST) : NULL;
            size_t used = strlen(got);
            snprintf(got + used, sizeof got - used, "%s..%s;", lo ? lo : "-", hi ? hi : "-");
            free(lo);
            free(hi);
        }
    }
    ck_assert_msg(strcmp(got, want) == 0, "line %d: got '%s', want '%s'", line, got, want);
    rc_vocab_free(v);
    rc_ctx_free(ctx);
    rc_model_free(m);
    rc_grid_free(g);
}

START_TEST(test_range_labels)
{
    const char *a[] = {"$ 0.45 to $ 1.00", "$1.01 - $5.00", "$5.01 and over"};
    note_labels(__LINE__, a, 3, "0.45..1;1.01..5;5.01..-;");
    const char *b[] = {"Under $10",
                       "$244\xe2\x80\x93"
                       "276",
                       "US$30.00 or more"};
    note_labels(__LINE__, b, 3, "-..10;244..276;30..-;");
    const char *c[] = {"Exercise price range of $2.50-$4.75", "8.96", "Total"};
    note_labels(__LINE__, c, 3, "2.5..4.75;8.96..8.96;");
    /* a plan, years, a tranche: no ranges, no range table */
    const char *d[] = {"2013 Plan", "$1.00 - $2.00"};
    note_labels(__LINE__, d, 2, "");
    const char *e[] = {"2015 - 2018", "2019"};
    note_labels(__LINE__, e, 2, "");
    const char *f[] = {"$5.00 - $1.00", "$1.00 - $2.00"};
    note_labels(__LINE__, f, 2, "");
}
END_TEST

/* An R page whose columns are the ranges (a member per column heading) beside the total. */
START_TEST(test_report_range_columns)
{
    rc_grid *g = rc_grid_new(RC_GRID_REPORT, "R9.htm");
    ck_assert_ptr_nonnull(g);
    rc_source src = {"R9.htm", 1, 1, NULL};
    g->title = rc_grid_strdup(g, "Stock Options - Options by Exercise Price (Details)");
    rc_grid_row *h = rc_grid_add_row(g, RC_ROW_HEAD);
    const char *title = "Stock Options - Options by Exercise Price (Details)";
    ck_assert_ptr_nonnull(rc_grid_add_cell(g, h, title, strlen(title), 0, 1, 0, &src));
    ck_assert_ptr_nonnull(rc_grid_add_cell(g, h, "12 Months Ended", 15, 1, 3, 0, &src));
    h = rc_grid_add_row(g, RC_ROW_HEAD);
    static const char *const heads[] = {"Dec. 31, 2023", "Dec. 31, 2023\n$10.00 - $20.00 [Member]",
                                        "Dec. 31, 2023\n$20.01 and over [Member]"};
    for (unsigned k = 0; k < 3; k++)
        ck_assert_ptr_nonnull(
            rc_grid_add_cell(g, h, heads[k], strlen(heads[k]), k + 1, 1, 0, &src));
    static const char *const rows[][4] = {
        {"Options outstanding, end of period (in shares) | shares", "300", "100", "200"},
        {"Weighted average exercise price, end of period | $ / shares", "$ 18.00", "12.00",
         "21.00"}};
    for (size_t r = 0; r < 2; r++) {
        rc_grid_row *row = rc_grid_add_row(g, 0);
        for (unsigned k = 0; k < 4; k++)
            ck_assert_ptr_nonnull(rc_grid_add_cell(g, row, rows[r][k], strlen(rows[r][k]), k, 1,
                                                   k ? RC_CELL_NUMERIC : 0, &src));
    }
    rc_model *m;
    rc_ctx *ctx;
    ck_assert_int_eq(rc_model_new(&m), 0);
    ck_assert_int_eq(rc_ctx_new(&ctx), 0);
    rc_vocab *v = load_vocab();
    ck_assert_msg(rc_table_interpret(m, v, g, NULL, ctx) == 0, "%s", rc_ctx_error(ctx));
    ck_assert_int_eq(rc_model_finish(m, ctx), 0);
    const rc_rollforward *rf = ranges_at(m, 2023, 12, 31);
    ck_assert_uint_eq(rc_model_count(m), 1); /* the ranges are no roll-forwards of their own */
    ck_assert_uint_eq(rf->nmembers, 0);
    assert_fact(rc_closing(rf)->count, "300");
    assert_fact(rc_closing(rf)->price, "18");
    ck_assert_uint_eq(rf->nranges, 2);
    assert_range(&rf->ranges[0], "$10.00 - $20.00", "10", "20", "100", "12", NULL, NULL);
    assert_range(&rf->ranges[1], "$20.01 and over", "20.01", NULL, "200", "21", NULL, NULL);
    rc_vocab_free(v);
    rc_ctx_free(ctx);
    rc_model_free(m);
    rc_grid_free(g);
}
END_TEST

int main(void)
{
    Suite *s = suite_create("ranges");
    struct {
        const char *name;
        const TTest *test;
    } cases[] = {
        {"rule cases", test_rule_cases},
        {"findings", test_findings},
        {"language errors", test_language_errors},
        {"language", test_language},
        {"XBRL: Salesforce", test_xbrl_crm},
        {"XBRL: J&J, Alphabet, Applied Optoelectronics", test_xbrl_jnj_goog_aaoi},
        {"rendered tables", test_rendered_tables},
        {"range labels", test_range_labels},
        {"R page: ranges as columns", test_report_range_columns},
    };
    for (size_t k = 0; k < sizeof cases / sizeof *cases; k++) {
        TCase *tc = tcase_create(cases[k].name);
        tcase_set_timeout(tc, 60);
        tcase_add_test(tc, cases[k].test);
        suite_add_tcase(s, tc);
    }
    SRunner *sr = srunner_create(s);
    srunner_run_all(sr, CK_NORMAL);
    int failed = srunner_ntests_failed(sr);
    srunner_free(sr);
    return failed ? EXIT_FAILURE : EXIT_SUCCESS;
}
