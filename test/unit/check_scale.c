/* Unit tests: scales and stock splits (rules/scale.json, count_scale, round() and
 * split_ratio() of the rule language, and the ratio a finding names: src/rules/ratio.c). */
#include <check.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "rollcheck/check.h"
#include "rollcheck/read.h"
#include "rollcheck/rules.h"

/* ---- building models ----------------------------------------------------------------- */

static unsigned next_line = 1; /* every fact gets its own line in "in.json" */

/* A value as a table shows it: `text` times 10^scale ("1,500" in thousands is scale 3). */
static rc_fact *value(rc_model *m, rc_kind kind, const char *text, int scale)
{
    rc_fact *f = rc_model_new_fact(m);
    ck_assert_ptr_nonnull(f);
    f->kind = kind;
    f->text = rc_model_strdup(m, text);
    f->src = (rc_source){"in.json", next_line++, 5, NULL};
    ck_assert_msg(
        rc_value_parse(&f->value, text, strlen(text), scale, RC_PARSE_TABLE, NULL, NULL) == 0,
        "fixture value '%s' does not parse", text);
    return f;
}

#define K(t) value(m, RC_KIND_COUNT, t, 3) /* a count shown in thousands */
#define U(t) value(m, RC_KIND_COUNT, t, 0) /* a count shown to the unit */
#define PRICE(t) value(m, RC_KIND_PRICE, t, 0)

static rc_rollforward *rollforward(rc_model *m, rc_award award, int year)
{
    rc_rollforward *rf = rc_model_add_rollforward(m);
    ck_assert_ptr_nonnull(rf);
    rf->award = award;
    rf->entity = "Example Corp.";
    rf->currency = "USD";
    rf->start = rc_day_from_ymd(year, 1, 1);
    rf->end = rc_day_from_ymd(year, 12, 31);
    rf->file = "in.json";
    rf->src = (rc_source){"in.json", 1000u + (unsigned)year, 1, NULL};
    return rf;
}

static rc_movement *movement(rc_model *m, rc_rollforward *rf, rc_role role, const char *label,
                             rc_fact *count, const char *price, const char *fair_value)
{
    rc_movement *mv = rc_model_add_movement(m, rf);
    ck_assert_ptr_nonnull(mv);
    mv->role = role;
    mv->direction = rc_role_direction(role);
    mv->label = label;
    mv->count = count;
    mv->price = price ? PRICE(price) : NULL;
    mv->fair_value = fair_value ? PRICE(fair_value) : NULL;
    return mv;
}

/*
 * An option table in thousands over two years on which every rule of scale.json that can
 * run passes.  2020: 1,400 at 9.80 + 100 granted at 12.80 = 1,500 at 10.00 (fair values
 * 3.90, 5.40, 4.00).  2021: 1,500 at 10.00 + 400 at 12.00 - 300 at 8.00 = 1,600 at 17,400
 * / 1,600 = 10.875, shown 10.88 (fair values 4.00, 5.00, 3.00: 7,100 / 1,600 = 4.4375,
 * shown 4.44); 900 exercisable.
 */
typedef struct table {
    rc_model *m;
    rc_rollforward *prev, *rf;
} table;

/* 2021's movements (the array moves as movements are added: no pointers kept) */
#define GRANTED(t) (&(t)->rf->movements[0])
#define EXERCISED(t) (&(t)->rf->movements[1])

static void build_table(table *t)
{
    ck_assert_int_eq(rc_model_new(&t->m), 0);
    rc_model *m = t->m;
    rc_rollforward *p = t->prev = rollforward(m, RC_AWARD_OPTIONS, 2020);
    rc_opening(p)->count = K("1,400");
    rc_opening(p)->price = PRICE("9.80");
    rc_opening(p)->fair_value = PRICE("3.90");
    movement(m, p, RC_ROLE_GRANTED, "Granted", K("100"), "12.80", "5.40");
    rc_closing(p)->count = K("1,500");
    rc_closing(p)->price = PRICE("10.00");
    rc_closing(p)->fair_value = PRICE("4.00");

    rc_rollforward *rf = t->rf = rollforward(m, RC_AWARD_OPTIONS, 2021);
    rc_opening(rf)->count = K("1,500");
    rc_opening(rf)->price = PRICE("10.00");
    rc_opening(rf)->fair_value = PRICE("4.00");
    movement(m, rf, RC_ROLE_GRANTED, "Granted", K("400"), "12.00", "5.00");
    movement(m, rf, RC_ROLE_EXERCISED, "Exercised", K("(300)"), "8.00", "3.00");
    rc_closing(rf)->count = K("1,600");
    rc_closing(rf)->price = PRICE("10.88");
    rc_closing(rf)->fair_value = PRICE("4.44");
    rf->lines[RC_LINE_EXERCISABLE].count = K("900");
    rf->lines[RC_LINE_EXERCISABLE].price = PRICE("9.00");
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

/* The first finding of rule `id` on rf (any roll-forward when NULL), or NULL. */
static const rc_finding *finding_of(const rc_results *res, const char *id, const rc_rollforward *rf)
{
    for (size_t i = 0; i < rc_results_finding_count(res); i++) {
        const rc_finding *f = rc_results_finding(res, i);
        if (strcmp(rc_rule_id(f->rule), id) == 0 && (!rf || f->rf == rf)) return f;
    }
    return NULL;
}

static void assert_q(const mpq_t q, const char *want)
{
    char *got = rc_q_format_exact(q, 12, RC_ROUND_NEAREST);
    ck_assert_msg(strcmp(got, want) == 0, "got %s, want %s", got, want);
    free(got);
}

/* ---- one line per rule case -------------------------------------------------------------- */

typedef void (*mutation)(table *t);

enum { PASS, FAIL, NONE };

/*
 * Build the table, change it, run the default rules: the rule's checks of the 2021
 * roll-forward must all pass (PASS: at least one passed, none failed), one must fail
 * (FAIL), or there must be none at all (NONE: the rule does not apply).  With FAIL and a
 * ratio, the finding names that ratio ("1:1000"), of kind "scale" or "split".
 */
static void rule_case(int line, const char *id, mutation change, int want, const char *ratio,
                      const char *kind)
{
    table t;
    build_table(&t);
    if (change) change(&t);
    rc_ruleset *rules = default_rules();
    rc_results *res = run(rules, t.m);
    size_t passed = 0, failed = 0, skipped = 0;
    const char *reason = "";
    for (size_t i = 0; i < rc_results_outcome_count(res); i++) {
        const rc_outcome *o = rc_results_outcome(res, i);
        if (strcmp(rc_rule_id(o->rule), id) != 0 || o->rf != t.rf) continue;
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
                      "line %d: %s: %zu passed, %zu failed, %zu skipped (%s)", line, id, passed,
                      failed, skipped, reason);
        break;
    case FAIL: {
        ck_assert_msg(failed > 0, "line %d: %s did not fail (%zu passed, %zu skipped: %s)", line,
                      id, passed, skipped, reason);
        const rc_finding *f = finding_of(res, id, t.rf);
        ck_assert_ptr_nonnull(f);
        if (ratio) {
            ck_assert_msg(f->ratio && strcmp(f->ratio, ratio) == 0, "line %d: %s ratio %s, want %s",
                          line, id, f->ratio ? f->ratio : "none", ratio);
            ck_assert_str_eq(f->ratio_kind, kind);
        } else {
            ck_assert_msg(!f->ratio, "line %d: %s names the ratio %s", line, id, f->ratio);
        }
        break;
    }
    case NONE:
        ck_assert_msg(passed + failed + skipped == 0,
                      "line %d: %s: %zu passed, %zu failed, %zu skipped (%s)", line, id, passed,
                      failed, skipped, reason);
        break;
    }
    rc_results_free(res);
    rc_ruleset_free(rules);
    rc_model_free(t.m);
}

#define CASE(id, change, want) rule_case(__LINE__, id, change, want, NULL, NULL)
#define CASE_RATIO(id, change, ratio, kind) rule_case(__LINE__, id, change, FAIL, ratio, kind)

/* mixed scales */
static void exercisable_to_the_unit(table *t) /* the same size, another accuracy */
{
    rc_model *m = t->m;
    t->rf->lines[RC_LINE_EXERCISABLE].count = U("900,316");
}
static void exercisable_without_thousands(table *t) /* 1,000 times too small */
{
    rc_model *m = t->m;
    t->rf->lines[RC_LINE_EXERCISABLE].count = U("900");
}
static void exercisable_whole_thousands_exact(table *t) /* tagged exact, fits the table */
{
    rc_model *m = t->m;
    t->rf->lines[RC_LINE_EXERCISABLE].count = U("900,000");
}
static void granted_to_the_unit(table *t)
{
    rc_model *m = t->m;
    GRANTED(t)->count = U("400,120");
    rc_closing(t->rf)->count = U("1,600,120");
}
static void all_to_the_unit(table *t)
{
    rc_model *m = t->m;
    rc_opening(t->rf)->count = U("1,500,000");
    GRANTED(t)->count = U("400,120");
    EXERCISED(t)->count = U("(300,000)");
    rc_closing(t->rf)->count = U("1,600,120");
    t->rf->lines[RC_LINE_EXERCISABLE].count = U("900,316");
}
static void half_to_the_unit(table *t) /* two in thousands, two to the unit: none prevails */
{
    rc_model *m = t->m;
    t->rf->nmovements = 1; /* granted only */
    rc_closing(t->rf)->count = U("1,900,120");
    GRANTED(t)->count = U("400,120");
}
static void zero_granted_to_the_unit(table *t) /* a zero has no scale */
{
    rc_model *m = t->m;
    GRANTED(t)->count = U("0");
    rc_closing(t->rf)->count = K("1,200");
}

/* ratios named by findings */
static void closing_without_thousands(table *t) /* RC101: 1,600 against 1,600,000 */
{
    rc_model *m = t->m;
    rc_closing(t->rf)->count = U("1,600");
}
static void closing_thousands_twice(table *t) /* RC101: 1,600,000 thousand */
{
    rc_model *m = t->m;
    rc_closing(t->rf)->count = K("1,600,000");
}
static void previous_in_millions_twice(table *t) /* RC110: 1,500,000 million */
{
    rc_model *m = t->m;
    rc_closing(t->prev)->count = value(m, RC_KIND_COUNT, "1,500,000", 6);
}
static void exercisable_thousands_twice(table *t) /* RC130: 900,000 thousand > 1,600 thousand */
{
    rc_model *m = t->m;
    t->rf->lines[RC_LINE_EXERCISABLE].count = K("1,600,000");
}
static void opening_small_thousands(table *t) /* RC110: 12 thousand written as 12 */
{
    rc_model *m = t->m;
    rc_closing(t->prev)->count = U("12,450"); /* 1,037.5 times 12, but 12 is 11.5-12.5 */
    rc_opening(t->rf)->count = U("12");
}
static void opening_tiny_thousands(table *t) /* 7 against 7,489: half of 7 is too wide */
{
    rc_model *m = t->m;
    rc_closing(t->prev)->count = U("7,489");
    rc_opening(t->rf)->count = U("7");
}
static void opening_restated_seven_for_one(table *t) /* RC110: a 7:1 split, counts only */
{
    rc_model *m = t->m;
    rc_opening(t->rf)->count = K("10,500");
}
static void opening_two_for_one_in_rounding(table *t) /* 3,000 against [1,450, 1,550] */
{
    rc_model *m = t->m;
    rc_closing(t->prev)->count = value(m, RC_KIND_COUNT, "1.5", 6); /* 1.5 million */
    rc_opening(t->rf)->count = value(m, RC_KIND_COUNT, "2.9", 6);   /* 2.9 million */
}
static void closing_off_by_two(table *t) /* RC101 fails 2:1; it looks at no other period */
{
    rc_model *m = t->m;
    rc_closing(t->rf)->count = K("3,200");
}
static void closing_term_in_months(table *t) /* 60 "years" against a 10-year term */
{
    rc_model *m = t->m;
    rc_closing(t->rf)->term = value(m, RC_KIND_TERM, "6000", 0);
    t->rf->contractual_term = value(m, RC_KIND_TERM, "6", 0);
}

/* splits between the periods */
static void four_for_one(table *t) /* counts x4, prices and fair values / 4 */
{
    rc_model *m = t->m;
    rc_opening(t->rf)->count = K("6,000");
    rc_opening(t->rf)->price = PRICE("2.50");
    rc_opening(t->rf)->fair_value = PRICE("1.00");
}
static void four_for_one_counts_only(table *t)
{
    rc_model *m = t->m;
    rc_opening(t->rf)->count = K("6,000");
}
static void four_for_one_price_cent_off(table *t) /* 2.51 against 2.4988-2.5013: a warning */
{
    four_for_one(t);
    rc_model *m = t->m;
    rc_opening(t->rf)->price = PRICE("2.51");
}
static void reverse_one_for_ten(table *t)
{
    rc_model *m = t->m;
    rc_opening(t->rf)->count = K("150");
    rc_opening(t->rf)->price = PRICE("100.00");
    rc_opening(t->rf)->fair_value = PRICE("40.00");
}
static void opening_off_not_a_split(table *t) /* 1.7:1 is no split */
{
    rc_model *m = t->m;
    rc_opening(t->rf)->count = K("2,550");
}

START_TEST(test_rule_cases)
{
    /* RC210, RC211: one table in mixed scales */
    CASE("RC210", NULL, PASS);
    CASE("RC210", exercisable_to_the_unit, FAIL);
    CASE("RC210", exercisable_without_thousands, FAIL);
    CASE("RC210", exercisable_whole_thousands_exact, PASS);
    CASE("RC210", all_to_the_unit, NONE);  /* a table to the unit: nothing to check */
    CASE("RC210", half_to_the_unit, NONE); /* no scale prevails: a tie goes to the finer */
    CASE("RC211", NULL, PASS);
    CASE("RC211", granted_to_the_unit, FAIL);
    CASE("RC211", half_to_the_unit, NONE);
    CASE("RC211", zero_granted_to_the_unit, PASS); /* the exercised row; a zero has no scale */
    CASE("RC211", all_to_the_unit, NONE);
    /* the ratio a failing comparison names: a scale for every rule */
    CASE_RATIO("RC101", closing_without_thousands, "1:1000", "scale");
    CASE_RATIO("RC101", closing_thousands_twice, "1000:1", "scale");
    CASE_RATIO("RC110", previous_in_millions_twice, "1:1000000", "scale");
    CASE_RATIO("RC130", exercisable_thousands_twice, "1000:1", "scale");
    CASE_RATIO("RC110", opening_small_thousands, "1:1000", "scale");
    CASE_RATIO("RC110", opening_tiny_thousands, NULL, NULL);
    CASE("RC151", closing_term_in_months, FAIL); /* a term has no scale */
    /* ... and a split for rules that look back or across filings */
    CASE_RATIO("RC110", opening_restated_seven_for_one, "7:1", "split");
    CASE_RATIO("RC110", opening_two_for_one_in_rounding, "2:1", "split");
    CASE_RATIO("RC111", four_for_one, "1:4", "split");
    CASE_RATIO("RC112", four_for_one, "1:4", "split");
    CASE("RC101", closing_off_by_two, FAIL); /* 2:1, but RC101 looks at one period */
    CASE("RC110", opening_off_not_a_split, FAIL);
    /* RC212, RC213: across a split, prices move by the inverse ratio */
    CASE("RC212", NULL, NONE); /* no split: the rule does not apply */
    CASE("RC212", four_for_one, PASS);
    CASE("RC212", four_for_one_price_cent_off, FAIL); /* a warning: under 1% */
    CASE("RC212", reverse_one_for_ten, PASS);
    CASE_RATIO("RC212", four_for_one_counts_only, "4:1", "split");
    CASE("RC212", opening_off_not_a_split, NONE);
    CASE("RC213", NULL, NONE);
    CASE("RC213", four_for_one, PASS);
    CASE("RC213", reverse_one_for_ten, PASS);
    CASE_RATIO("RC213", four_for_one_counts_only, "4:1", "split");
}
END_TEST

/* The messages and notes a reviewer reads. */
START_TEST(test_findings)
{
    table t;
    build_table(&t);
    exercisable_without_thousands(&t);
    rc_ruleset *rules = default_rules();
    rc_results *res = run(rules, t.m);
    const rc_finding *f = finding_of(res, "RC210", t.rf);
    ck_assert_ptr_nonnull(f);
    ck_assert_int_eq(f->severity, RC_SEVERITY_WARNING);
    ck_assert_int_eq(f->line, RC_LINE_EXERCISABLE);
    ck_assert_str_eq(f->quantity, "count");
    assert_q(f->reported, "900");
    assert_q(f->expected.lo, "1000");
    assert_q(f->difference, "-100");
    ck_assert_str_eq(f->message, "the exercisable count 900 is not a whole number of 1,000 shares, "
                                 "the unit most counts of this roll-forward are given in (the "
                                 "nearest is 1,000): one table in mixed scales");
    ck_assert_ptr_null(f->ratio); /* 900 against 1,000 is no scale's ratio */
    rc_results_free(res);
    rc_model_free(t.m);

    build_table(&t);
    granted_to_the_unit(&t);
    res = run(rules, t.m);
    f = finding_of(res, "RC211", t.rf);
    ck_assert_ptr_nonnull(f);
    ck_assert_ptr_eq(f->movement, GRANTED(&t));
    ck_assert_str_eq(f->message, "the 'Granted' count 400,120 is not a whole number of 1,000 "
                                 "shares, the unit most counts of this roll-forward are given in "
                                 "(the nearest is 400,000): one table in mixed scales");
    rc_results_free(res);
    rc_model_free(t.m);

    build_table(&t);
    closing_without_thousands(&t);
    res = run(rules, t.m);
    f = finding_of(res, "RC101", t.rf);
    ck_assert_ptr_nonnull(f);
    ck_assert_str_eq(f->note, "the ratio 1:1,000 of reported to expected \xe2\x80\x94 a scale "
                              "error (one side in thousands)");
    rc_results_free(res);
    rc_model_free(t.m);

    build_table(&t);
    previous_in_millions_twice(&t);
    res = run(rules, t.m);
    f = finding_of(res, "RC110", t.rf);
    ck_assert_ptr_nonnull(f);
    ck_assert_str_eq(f->note, "the ratio 1:1,000,000 of reported to expected \xe2\x80\x94 a scale "
                              "error (one side in millions)");
    rc_results_free(res);
    rc_model_free(t.m);

    build_table(&t);
    four_for_one_counts_only(&t);
    res = run(rules, t.m);
    f = finding_of(res, "RC110", t.rf);
    ck_assert_ptr_nonnull(f);
    ck_assert_str_eq(f->note, "the ratio 4:1 of reported to expected looks like a stock split");
    f = finding_of(res, "RC212", t.rf);
    ck_assert_ptr_nonnull(f);
    ck_assert_int_eq(f->severity, RC_SEVERITY_ERROR);
    ck_assert_str_eq(f->quantity, "price");
    assert_q(f->reported, "10");
    assert_q(f->expected.lo, "2.49875");
    assert_q(f->expected.hi, "2.50125");
    ck_assert_str_eq(f->message,
                     "the balance at the beginning (6,000,000) is a stock split's multiple of the "
                     "previous period's end (1,500,000), but the weighted-average exercise price "
                     "did not move by the inverse ratio: 10.00 at the beginning, 2.4988\xe2\x80\x93"
                     "2.5013 from the previous period's 10.00");
    ck_assert_str_eq(f->note, "the ratio 4:1 of reported to expected looks like a stock split");
    rc_results_free(res);
    rc_ruleset_free(rules);
    rc_model_free(t.m);
}
END_TEST

/* ---- the language: count_scale, round(), split_ratio() ------------------------------------ */

/* Load one rule (a JSON object's text) into a set of its own; NULL and the error in *err
 * (a static copy) when it does not load. */
static rc_ruleset *one_rule(const char *json, char *err, size_t errsize)
{
    rc_ruleset *rules;
    rc_ctx *ctx;
    ck_assert_int_eq(rc_ruleset_new(&rules), 0);
    ck_assert_int_eq(rc_ctx_new(&ctx), 0);
    char text[2048];
    snprintf(text, sizeof text, "{\"rules\": [%s]}", json);
    int rc = rc_ruleset_load_string(rules, "user.json", text, strlen(text), ctx);
    snprintf(err, errsize, "%s", rc == 0 ? "" : rc_ctx_error(ctx));
    rc_ctx_free(ctx);
    if (rc != 0) {
        rc_ruleset_free(rules);
        return NULL;
    }
    return rules;
}

/* Evaluate `expression` (with `when`, may be NULL) over the 2021 roll-forward of the table
 * as changed: "pass", "fail" or the reason it was skipped, "none" when not applicable. */
static void expr_case(int line, const char *expression, const char *when, mutation change,
                      const char *want)
{
    char json[1024], err[512];
    snprintf(json, sizeof json,
             "{\"id\": \"RC1000\", \"title\": \"t\", \"severity\": \"error\", \"applies_to\": "
             "[\"options\"], \"expression\": \"%s\"%s%s%s, \"message\": \"m\"}",
             expression, when ? ", \"when\": \"" : "", when ? when : "", when ? "\"" : "");
    rc_ruleset *rules = one_rule(json, err, sizeof err);
    ck_assert_msg(rules, "line %d: %s", line, err);
    table t;
    build_table(&t);
    if (change) change(&t);
    rc_results *res = run(rules, t.m);
    const char *got = "none";
    for (size_t i = 0; i < rc_results_outcome_count(res); i++) {
        const rc_outcome *o = rc_results_outcome(res, i);
        if (o->rf != t.rf) continue;
        got = o->status == RC_PASSED ? "pass" : o->status == RC_FAILED ? "fail" : o->reason;
    }
    ck_assert_msg(strcmp(got, want) == 0, "line %d: %s: got '%s', want '%s'", line, expression, got,
                  want);
    rc_results_free(res);
    rc_ruleset_free(rules);
    rc_model_free(t.m);
}

#define EXPR(e, change, want) expr_case(__LINE__, e, NULL, change, want)
#define EXPR_WHEN(e, w, change, want) expr_case(__LINE__, e, w, change, want)

static void no_previous(table *t)
{
    t->rf->start = rc_day_from_ymd(2021, 2, 1); /* 2020 ends a month before */
}
static void opening_price_in_euros(table *t)
{
    four_for_one(t);
    t->prev->lines[RC_LINE_CLOSING].price->currency = "EUR";
}
static void two_in_thousands_one_in_millions(table *t) /* opening, closing k; granted M */
{
    rc_model *m = t->m;
    t->rf->nmovements = 1;
    GRANTED(t)->count = value(m, RC_KIND_COUNT, "0.1", 6);
    rc_closing(t->rf)->count = K("1,600");
    t->rf->lines[RC_LINE_EXERCISABLE].count = value(m, RC_KIND_COUNT, "1", 6);
}
static void declared_thousands(table *t) /* shown to the unit, decimals -3 */
{
    rc_model *m = t->m;
    rc_fact *counts[] = {rc_opening(t->rf)->count = U("1,500,000"),
                         GRANTED(t)->count = U("400,000"), EXERCISED(t)->count = U("(300,000)"),
                         rc_closing(t->rf)->count = U("1,600,321"),
                         t->rf->lines[RC_LINE_EXERCISABLE].count = U("900,321")};
    for (size_t k = 0; k < sizeof counts / sizeof *counts; k++)
        counts[k]->value.decimals = -3;
}

START_TEST(test_language)
{
    /* count_scale: the unit most non-zero counts are given to; ties go to the finer */
    EXPR("count_scale == 1000", NULL, "pass");
    EXPR("count_scale == 1", all_to_the_unit, "pass");
    EXPR("count_scale == 1", half_to_the_unit, "pass");
    EXPR("count_scale == 1000", two_in_thousands_one_in_millions, "pass");
    EXPR("count_scale == 1000", declared_thousands, "pass"); /* decimals count, as shown does */
    EXPR("previous.count_scale == 1000", NULL, "pass");
    EXPR("previous.count_scale == 1000", no_previous, "none"); /* its subject is absent */
    /* round(x, unit): to the nearest multiple, halves away from zero, each end */
    EXPR("round(closing.count, 1000) == closing.count", NULL, "pass");
    EXPR("round(exercisable.count, count_scale) == 901000", exercisable_to_the_unit, "fail");
    EXPR("round(exercisable.count, count_scale) == 900000", exercisable_to_the_unit, "pass");
    EXPR("round(exercisable.count, 1000) == 1000", exercisable_without_thousands, "pass");
    EXPR("round(0 - exercisable.count, 1000) == 0 - 1000", exercisable_without_thousands, "pass");
    EXPR("round(exercisable.count, 0.5) == 900", exercisable_without_thousands, "pass");
    EXPR("round(closing.price, 0.1) == 10.9", NULL, "pass");
    EXPR("round(closing.count, 0) == 0", NULL, "round() needs an exact positive unit: 0");
    EXPR("round(closing.count, vested_expected.count) == 0", NULL,
         "vested_expected.count is not reported");
    /* split_ratio(a, b): the exact ratio of a split, within rounding, or absent */
    EXPR("split_ratio(opening.count, previous.closing.count) == 4", four_for_one, "pass");
    EXPR("split_ratio(opening.count, previous.closing.count) == 0.1", reverse_one_for_ten, "pass");
    EXPR("split_ratio(opening.count, previous.closing.count) == 2", opening_two_for_one_in_rounding,
         "pass");
    EXPR("split_ratio(opening.count, previous.closing.count) == 7", opening_restated_seven_for_one,
         "pass");
    EXPR("split_ratio(previous.closing.price, opening.price) == 4", four_for_one, "pass");
    EXPR("split_ratio(opening.count, previous.closing.count) == 1", NULL,
         "opening.count / previous.closing.count is no stock split's ratio");
    EXPR("split_ratio(opening.count, previous.closing.count) == 1", opening_off_not_a_split,
         "opening.count / previous.closing.count is no stock split's ratio");
    EXPR("split_ratio(opening.count, previous.closing.count) == 1", no_previous,
         "no previous period");
    EXPR("split_ratio(opening.price, previous.closing.price) == 0.25", opening_price_in_euros,
         "units differ: USD vs EUR");
    EXPR("split_ratio(opening.count, 0) == 1", NULL, "opening.count / 0 is no stock split's ratio");
    EXPR_WHEN("opening.price == previous.closing.price",
              "not present(split_ratio(opening.count, previous.closing.count))", four_for_one,
              "none");
    EXPR("opening.count == previous.closing.count * split_ratio(opening.count, "
         "previous.closing.count)",
         four_for_one, "pass");
}
END_TEST

/* Wrong uses are refused when the rule is loaded, at their place. */
START_TEST(test_language_errors)
{
    static const struct {
        const char *expression, *error;
    } cases[] = {
        {"round(closing.count) == 1", "round() takes two arguments 'round(closing.count)'"},
        {"round(closing.count, closing.price) == 1", "units do not match (shares vs money per "
                                                     "share)"},
        {"split_ratio(opening.count, opening.price) == 1", "units do not match"},
        {"split_ratio(opening.count, previous.closing.count, 2) == 1", "takes two arguments"},
        {"split_ratio(opening.count, previous.closing.count) == opening.count",
         "units do not match (a plain number vs shares)"},
        {"count_scale.value == 1", "unknown name 'count_scale.value'"},
        {"count_scale == closing.price", "units do not match (shares vs money per share)"},
        {"round(closing.count > 1, 1) == 1", "round() needs a number, not a boolean"},
    };
    for (size_t k = 0; k < sizeof cases / sizeof *cases; k++) {
        char json[1024], err[512];
        snprintf(json, sizeof json,
                 "{\"id\": \"RC1000\", \"title\": \"t\", \"severity\": \"error\", "
                 "\"applies_to\": [\"options\"], \"expression\": \"%s\", \"message\": \"m\"}",
                 cases[k].expression);
        rc_ruleset *rules = one_rule(json, err, sizeof err);
        ck_assert_msg(!rules, "%s: loaded", cases[k].expression);
        ck_assert_msg(strstr(err, cases[k].error) != NULL, "%s: error '%s', want '%s'",
                      cases[k].expression, err, cases[k].error);
        ck_assert_msg(strncmp(err, "user.json:1:", 12) == 0, "%s: no place in '%s'",
                      cases[k].expression, err);
    }
}
END_TEST

/* ---- filings given together ------------------------------------------------------------ */

/* One fact of the invented company's options, or a dei fact (unit NULL). */
static int put_fact(char *out, size_t size, const char *concept, const char *context,
                    const char *unit, const char *value)
{
    if (!unit)
        return snprintf(out, size, "<%s contextRef=\"%s\">%s</%s>\n", concept, context, value,
                        concept);
    return snprintf(out, size, "<%s contextRef=\"%s\" unitRef=\"%s\" decimals=\"INF\">%s</%s>\n",
                    concept, context, unit, value, concept);
}

#define OUTSTANDING_CONCEPT                                                                        \
    "us-gaap:ShareBasedCompensationArrangementByShareBasedPaymentAwardOptionsOutstandingNumber"
#define GRANTED_CONCEPT                                                                            \
    "us-gaap:ShareBasedCompensationArrangementByShareBasedPaymentAwardOptionsGrantsInPeriod"

/* A 10-K (document type `type`) of an invented company as an XBRL instance: the years
 * `year` - 1 (its comparative) and `year`, from `opening` options at the start of the
 * first, with `prior_granted` and `granted` options granted.  Free the result. */
static char *instance(const char *type, int year, long opening, long prior_granted, long granted)
{
    size_t size = 16384, used = 0;
    char *buf = malloc(size);
    ck_assert_ptr_nonnull(buf);
    char ctx[16], num[32], date[16];
    used += (size_t)snprintf(buf + used, size - used,
                             "<?xml version=\"1.0\"?>\n<xbrli:xbrl "
                             "xmlns:xbrli=\"http://www.xbrl.org/2003/instance\" "
                             "xmlns:us-gaap=\"http://fasb.org/us-gaap/2023\" "
                             "xmlns:dei=\"http://xbrl.sec.gov/dei/2023\">\n<xbrli:unit "
                             "id=\"shares\"><xbrli:measure>xbrli:shares</xbrli:measure>"
                             "</xbrli:unit>\n");
    for (int y = year - 2; y <= year; y++) {
        used += (size_t)snprintf(buf + used, size - used,
                                 "<xbrli:context id=\"I%d\"><xbrli:entity><xbrli:identifier "
                                 "scheme=\"http://www.sec.gov/CIK\">0000000001</xbrli:"
                                 "identifier></xbrli:entity><xbrli:period><xbrli:instant>%d-12-"
                                 "31</xbrli:instant></xbrli:period></xbrli:context>\n",
                                 y, y);
        if (y == year - 2) continue;
        used += (size_t)snprintf(buf + used, size - used,
                                 "<xbrli:context id=\"D%d\"><xbrli:entity><xbrli:identifier "
                                 "scheme=\"http://www.sec.gov/CIK\">0000000001</xbrli:"
                                 "identifier></xbrli:entity><xbrli:period><xbrli:startDate>%d-01-"
                                 "01</xbrli:startDate><xbrli:endDate>%d-12-31</xbrli:endDate>"
                                 "</xbrli:period></xbrli:context>\n",
                                 y, y, y);
    }
    snprintf(ctx, sizeof ctx, "D%d", year);
    snprintf(date, sizeof date, "%d-12-31", year);
    used += (size_t)put_fact(buf + used, size - used, "dei:DocumentType", ctx, NULL, type);
    used += (size_t)put_fact(buf + used, size - used, "dei:DocumentPeriodEndDate", ctx, NULL, date);
    long balance = opening, grants[2] = {prior_granted, granted};
    snprintf(ctx, sizeof ctx, "I%d", year - 2);
    snprintf(num, sizeof num, "%ld", balance);
    used += (size_t)put_fact(buf + used, size - used, OUTSTANDING_CONCEPT, ctx, "shares", num);
    for (int k = 0; k < 2; k++) {
        snprintf(ctx, sizeof ctx, "D%d", year - 1 + k);
        snprintf(num, sizeof num, "%ld", grants[k]);
        used += (size_t)put_fact(buf + used, size - used, GRANTED_CONCEPT, ctx, "shares", num);
        balance += grants[k];
        snprintf(ctx, sizeof ctx, "I%d", year - 1 + k);
        snprintf(num, sizeof num, "%ld", balance);
        used += (size_t)put_fact(buf + used, size - used, OUTSTANDING_CONCEPT, ctx, "shares", num);
    }
    used += (size_t)snprintf(buf + used, size - used, "</xbrli:xbrl>\n");
    ck_assert(used < size);
    return buf;
}

/* Read the instances (name, text pairs) together and run the default rules. */
static rc_results *read_together(rc_model **model, rc_ruleset **rules, const char *const *docs,
                                 size_t n)
{
    rc_ctx *ctx;
    rc_vocab *vocab;
    ck_assert_int_eq(rc_ctx_new(&ctx), 0);
    ck_assert_int_eq(rc_vocab_new(&vocab), 0);
    ck_assert_msg(rc_vocab_load_dir(vocab, RC_SOURCE_DIR "/rules", ctx) == 0, "%s",
                  rc_ctx_error(ctx));
    ck_assert_int_eq(rc_model_new(model), 0);
    for (size_t i = 0; i < n; i++)
        ck_assert_msg(rc_read_buffer(*model, vocab, docs[2 * i], docs[2 * i + 1],
                                     strlen(docs[2 * i + 1]), NULL, ctx) == 0,
                      "%s", rc_ctx_error(ctx));
    *rules = default_rules();
    rc_results *res = run(*rules, *model);
    rc_vocab_free(vocab);
    rc_ctx_free(ctx);
    return res;
}

/* The outcomes of rule `id` on the roll-forward ending in `year`: how many passed, failed. */
static void count_outcomes(const rc_results *res, const char *id, int year, size_t *passed,
                           size_t *failed)
{
    *passed = *failed = 0;
    for (size_t i = 0; i < rc_results_outcome_count(res); i++) {
        const rc_outcome *o = rc_results_outcome(res, i);
        if (strcmp(rc_rule_id(o->rule), id) != 0 || o->rf->end != rc_day_from_ymd(year, 12, 31))
            continue;
        if (o->status == RC_PASSED) (*passed)++;
        if (o->status == RC_FAILED) (*failed)++;
    }
}

START_TEST(test_filings_told_apart)
{
    /* the 10-K for 2024 restates 2023's grants (200 -> 250) in its comparative year */
    char *k2023 = instance("10-K", 2023, 1000, 100, 200); /* 2022: 1,100; 2023: 1,300 */
    char *k2024 = instance("10-K", 2024, 1100, 250, 50);  /* 2023: 1,350; 2024: 1,400 */
    /* the same two numbers from one filing: a disagreement of the filing with itself */
    char *again = instance("10-K", 2023, 1000, 100, 250);

    const char *two_filings[] = {"k2023.xml", k2023, "k2024.xml", k2024};
    rc_model *m;
    rc_ruleset *rules;
    rc_results *res = read_together(&m, &rules, two_filings, 2);
    /* each fact names its filing by its document type and period end */
    size_t named = 0;
    for (size_t i = 0; i < rc_model_fact_count(m); i++) {
        const rc_fact *f = rc_model_fact(m, i);
        ck_assert_ptr_nonnull(f->filing);
        ck_assert_str_eq(f->filing, strcmp(f->src.file, "k2023.xml") == 0 ? "10-K 2023-12-31"
                                                                          : "10-K 2024-12-31");
        named++;
    }
    ck_assert_uint_gt(named, 0);
    size_t passed, failed;
    count_outcomes(res, "RC121", 2023, &passed, &failed);
    ck_assert_uint_eq(failed, 2); /* granted and the closing balance, restated */
    count_outcomes(res, "RC120", 2023, &passed, &failed);
    ck_assert_uint_eq(passed + failed, 0);
    const rc_finding *f = finding_of(res, "RC121", NULL);
    ck_assert_ptr_nonnull(f);
    ck_assert_int_eq(f->severity, RC_SEVERITY_INFO);
    ck_assert_msg(strstr(f->message, "10-K 2023-12-31 reported") &&
                      strstr(f->message, "10-K 2024-12-31 reports"),
                  "%s", f->message);
    /* 2024's beginning chains to 2023's end across the filings: 1,300 as first reported */
    count_outcomes(res, "RC110", 2024, &passed, &failed);
    ck_assert_uint_eq(failed, 1);
    rc_results_free(res);
    rc_ruleset_free(rules);
    rc_model_free(m);

    const char *one_filing[] = {"k2023.xml", k2023, "k2023-again.xml", again};
    res = read_together(&m, &rules, one_filing, 2);
    count_outcomes(res, "RC120", 2023, &passed, &failed);
    ck_assert_uint_eq(failed, 2); /* the same filing disagrees with itself: an error */
    count_outcomes(res, "RC121", 2023, &passed, &failed);
    ck_assert_uint_eq(passed + failed, 0);
    rc_results_free(res);
    rc_ruleset_free(rules);
    rc_model_free(m);
    free(k2023);
    free(k2024);
    free(again);
}
END_TEST

int main(void)
{
    Suite *s = suite_create("scale");
    struct {
        const char *name;
        const TTest *test;
    } cases[] = {
        {"rule cases", test_rule_cases},
        {"findings", test_findings},
        {"language", test_language},
        {"language errors", test_language_errors},
        {"filings told apart", test_filings_told_apart},
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
