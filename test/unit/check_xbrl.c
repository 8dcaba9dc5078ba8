/*
 * Unit tests: the XBRL assembler (rc_xbrl_assemble) on hand-built fact lists.
 *
 * The facts are those of real filings, written out as an XBRL reader gives them:
 * Netflix's FY2023 option table (shared/corpus/xbrl-json/nflx-20231231.json), Apple's
 * FY2010 option table with its "options assumed" extension and its deductions stored
 * negative (xbrl-json/aapl-20100925.json), AEON Biopharma's per-plan tables
 * (xbrl-json/aeon-20230930x10q.json); and small constructed lists for one rule of
 * assembly each.  They go through the assembler, rc_model_finish and the default rules.
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

#define SB "us-gaap:ShareBasedCompensationArrangementByShareBasedPaymentAward"
#define SBS "us-gaap:ShareBasedCompensationArrangementsByShareBasedPaymentAward"
#define CIK "http://www.sec.gov/CIK 0001065280"

static rc_vocab *vocab;
static rc_ruleset *rules;
static rc_ctx *ctx;
static rc_model *model;
static rc_xfacts list;
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
    ck_assert_int_eq(rc_xfacts_init(&list, "test.xml"), RC_OK);
    lineno = 0;
}

static void teardown(void)
{
    rc_xfacts_clear(&list);
    rc_model_free(model);
    rc_ruleset_free(rules);
    rc_vocab_free(vocab);
    rc_ctx_free(ctx);
}

/* The date at the start of s ("2023-01-01", or the start of "2023-01-01/2023-12-31"). */
static rc_day day(const char *s)
{
    rc_day d;
    size_t n = strcspn(s, "/");
    ck_assert_int_eq(rc_day_parse(&d, s, n), RC_OK);
    return d;
}

/*
 * Add a fact to the list: period "2023-12-31" (an instant) or "2023-01-01/2023-12-31";
 * unit "shares", "USD", "USD/shares", "pure" or NULL (a text); decimals an integer or
 * RC_DECIMALS_INF; dims "axis=member" strings, NULL-terminated.
 */
static rc_xfact *add_to(rc_xfacts *l, const char *entity, const char *concept, const char *period,
                        const char *unit, const char *value, int decimals, ...)
{
    rc_xfact *f = rc_xfacts_add(l);
    ck_assert_ptr_nonnull(f);
    f->concept = rc_xfacts_strdup(l, concept);
    f->entity = rc_xfacts_strdup(l, entity);
    const char *slash = strchr(period, '/');
    if (slash) {
        f->start = day(period);
        f->end = day(slash + 1);
    } else {
        f->end = day(period);
    }
    if (unit) {
        f->numeric = true;
        const char *per = strchr(unit, '/');
        char num[16];
        snprintf(num, sizeof num, "%.*s", per ? (int)(per - unit) : (int)strlen(unit), unit);
        f->unit_num = rc_xfacts_strdup(l, strcmp(num, "shares") == 0 ? "xbrli:shares"
                                          : strcmp(num, "pure") == 0 ? "xbrli:pure"
                                                                     : NULL);
        if (!f->unit_num) {
            char iso[40];
            snprintf(iso, sizeof iso, "iso4217:%s", num);
            f->unit_num = rc_xfacts_strdup(l, iso);
        }
        if (per) f->unit_den = rc_xfacts_strdup(l, "xbrli:shares");
        f->decimals = decimals;
    }
    f->value = rc_xfacts_strdup(l, value);
    f->src.line = ++lineno;
    va_list ap;
    va_start(ap, decimals);
    const char *d;
    size_t n = 0;
    rc_xdim dims[8];
    while ((d = va_arg(ap, const char *)) != NULL && n < 8) {
        const char *eq = strchr(d, '=');
        ck_assert_ptr_nonnull(eq);
        dims[n].axis = rc_xfacts_strndup(l, d, (size_t)(eq - d));
        dims[n].member = rc_xfacts_strdup(l, eq + 1);
        dims[n].typed = false;
        n++;
    }
    va_end(ap);
    if (n) {
        rc_xdim *copy = rc_arena_alloc(l->arena, n * sizeof *copy);
        ck_assert_ptr_nonnull(copy);
        memcpy(copy, dims, n * sizeof *copy);
        f->dims = copy;
        f->ndims = n;
        rc_xfact_sort_dims(f);
    }
    return f;
}

#define ADD(concept, period, unit, value, decimals, ...)                                           \
    add_to(&list, CIK, concept, period, unit, value, decimals, ##__VA_ARGS__, (const char *)NULL)

static void assemble(rc_xbrl_stats *st)
{
    ck_assert_msg(rc_xbrl_assemble(model, vocab, &list, st, ctx) == RC_OK, "%s", rc_ctx_error(ctx));
}

static void finish(void)
{
    ck_assert_msg(rc_model_finish(model, ctx) == RC_OK, "%s", rc_ctx_error(ctx));
}

static bool fact_is(const rc_fact *f, const char *want)
{
    if (!f || !want) return !f && !want;
    mpq_t q;
    mpq_init(q);
    rc_value v;
    rc_value_init(&v);
    ck_assert_int_eq(rc_value_parse(&v, want, strlen(want), 0, 0, NULL, NULL), RC_OK);
    bool eq = mpq_equal(v.q, f->value.q) != 0;
    rc_value_clear(&v);
    mpq_clear(q);
    return eq;
}

#define FACT(f, want)                                                                              \
    do {                                                                                           \
        const rc_fact *f_ = (f);                                                                   \
        char *s_ = f_ ? rc_q_format_exact(f_->value.q, 6, RC_ROUND_NEAREST) : NULL;                \
        ck_assert_msg(fact_is(f_, want), "%s is %s, want %s", #f, s_ ? s_ : "(none)",              \
                      (want) ? (want) : "(none)");                                                 \
        free(s_);                                                                                  \
    } while (0)

/* The roll-forward with these members (NULL: none; else one), award and end. */
static const rc_rollforward *find_rf(const char *member, rc_award award, const char *type,
                                     const char *end)
{
    const rc_rollforward *found = NULL;
    for (size_t i = 0; i < rc_model_count(model); i++) {
        const rc_rollforward *rf = rc_model_get(model, i);
        bool m =
            member ? rf->nmembers == 1 && strcmp(rf->members[0], member) == 0 : rf->nmembers == 0;
        bool t = type ? rf->award_type && strcmp(rf->award_type, type) == 0 : !rf->award_type;
        if (m && t && rf->award == award && rf->end == day(end) &&
            rc_rollforward_is_rollforward(rf)) {
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

static size_t count_notes(const char *part)
{
    size_t n = 0;
    for (size_t i = 0; i < rc_model_note_count(model); i++)
        n += strstr(rc_model_note(model, i)->text, part) != NULL;
    return n;
}

static rc_results *check_all(void)
{
    rc_results *res = NULL;
    ck_assert_int_eq(rc_check(rules, model, &res, ctx), RC_OK);
    return res;
}

/* The outcome of a roll-forward-level rule on rf. */
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

/* How many findings of rule id there are. */
static size_t findings_of(const rc_results *res, const char *id)
{
    size_t n = 0;
    for (size_t i = 0; i < rc_results_finding_count(res); i++)
        n += strcmp(rc_rule_id(rc_results_finding(res, i)->rule), id) == 0;
    return n;
}

/* ---- Netflix FY2023: the option table ------------------------------------------------- */

/* The option facts of Netflix's 10-K for FY2023 (xbrl-json/nflx-20231231.json, periods
 * written as the instance writes them), in the order given; the exercised row is tagged
 * with the equity statement's concept, undimensioned, as Netflix tags it, and once more
 * on the equity components axis, as its statement of stockholders' equity does. */
static void netflix(const int *order, size_t n)
{
    static const struct {
        const char *concept, *period, *unit, *value;
        int decimals;
        const char *dim;
    } facts[] = {
        {SB "OptionsOutstandingNumber", "2022-12-31", "shares", "19896861", RC_DECIMALS_INF, NULL},
        {SB "OptionsOutstandingWeightedAverageExercisePrice", "2022-12-31", "USD/shares", "242.22",
         2, NULL},
        {SB "OptionsGrantsInPeriod", "2023-01-01/2023-12-31", "shares", "1729218", RC_DECIMALS_INF,
         NULL},
        {SBS "OptionsGrantsInPeriodWeightedAverageExercisePrice", "2023-01-01/2023-12-31",
         "USD/shares", "372.49", 2, NULL},
        {"us-gaap:StockIssuedDuringPeriodSharesStockOptionsExercised", "2023-01-01/2023-12-31",
         "shares", "1926598", RC_DECIMALS_INF, NULL},
        {"us-gaap:StockIssuedDuringPeriodSharesStockOptionsExercised", "2023-01-01/2023-12-31",
         "shares", "1926598", RC_DECIMALS_INF,
         "us-gaap:StatementEquityComponentsAxis=us-gaap:CommonStockMember"},
        {SBS "OptionsExercisesInPeriodWeightedAverageExercisePrice", "2023-01-01/2023-12-31",
         "USD/shares", "87.30", 2, NULL},
        {SB "OptionsExpirationsInPeriod", "2023-01-01/2023-12-31", "shares", "4372",
         RC_DECIMALS_INF, NULL},
        {SBS "OptionsExpirationsInPeriodWeightedAverageExercisePrice", "2023-01-01/2023-12-31",
         "USD/shares", "36.39", 2, NULL},
        {SB "OptionsOutstandingNumber", "2023-12-31", "shares", "19695109", RC_DECIMALS_INF, NULL},
        {SB "OptionsOutstandingWeightedAverageExercisePrice", "2023-12-31", "USD/shares", "268.86",
         2, NULL},
        {SB "OptionsExercisableNumber", "2023-12-31", "shares", "19447739", RC_DECIMALS_INF, NULL},
        {SB "OptionsExercisableWeightedAverageExercisePrice", "2023-12-31", "USD/shares", "267.37",
         2, NULL},
        {SB "OptionsVestedAndExpectedToVestExercisableNumber", "2023-12-31", "shares", "19695109",
         RC_DECIMALS_INF, NULL},
        {"us-gaap:SharebasedCompensationArrangementBySharebasedPaymentAwardOptionsExercisableWeigh"
         "tedAverageRemainingContractualTerm1",
         "2023-01-01/2023-12-31", NULL, "P5Y3M18D", 0, NULL},
        {"us-gaap:SharebasedCompensationArrangementBySharebasedPaymentAwardExpirationPeriod",
         "2023-01-01/2023-12-31", NULL, "P10Y", 0, NULL},
        {SB "NumberOfSharesAvailableForGrant", "2023-12-31", "shares", "14724885", RC_DECIMALS_INF,
         NULL},
    };
    size_t total = sizeof facts / sizeof *facts;
    ck_assert_uint_eq(n, total);
    for (size_t k = 0; k < n; k++) {
        size_t i = (size_t)order[k];
        if (facts[i].dim)
            ADD(facts[i].concept, facts[i].period, facts[i].unit, facts[i].value, facts[i].decimals,
                facts[i].dim);
        else
            ADD(facts[i].concept, facts[i].period, facts[i].unit, facts[i].value,
                facts[i].decimals);
    }
}

static const int in_order[] = {0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16};

START_TEST(test_netflix)
{
    netflix(in_order, sizeof in_order / sizeof *in_order);
    rc_xbrl_stats st;
    assemble(&st);
    /* every fact is a share-based payment fact; the equity statement's one too */
    ck_assert_uint_eq(st.facts, 17);
    ck_assert_uint_eq(st.rollforwards, 1);
    ck_assert_uint_eq(st.unclassified, 0);
    finish();
    ck_assert_uint_eq(rc_model_count_rollforwards(model, NULL), 1);
    const rc_rollforward *rf = find_rf(NULL, RC_AWARD_OPTIONS, NULL, "2023-12-31");
    ck_assert_int_eq(rf->start, day("2023-01-01"));
    ck_assert_str_eq(rf->entity, "CIK 0001065280");
    ck_assert_str_eq(rf->currency, "USD");
    ck_assert_int_eq(rf->signs, RC_SIGNS_STORED);
    FACT(rc_opening(rf)->count, "19896861");
    ck_assert_int_eq(rc_opening(rf)->count->end, day("2022-12-31"));
    FACT(rc_opening(rf)->price, "242.22");
    FACT(rc_closing(rf)->count, "19695109");
    FACT(rc_closing(rf)->price, "268.86");
    FACT(rf->lines[RC_LINE_EXERCISABLE].count, "19447739");
    /* "vested and expected to vest, exercisable" is Netflix's vested and expected to vest
     * (its label: "Options outstanding, number of shares, vested and expected to vest") */
    FACT(rf->lines[RC_LINE_VESTED_EXPECTED].count, "19695109");
    ck_assert_ptr_nonnull(rf->lines[RC_LINE_EXERCISABLE].term);
    FACT(rf->contractual_term, "10");
    /* granted, exercised, expired, in that order */
    ck_assert_uint_eq(rf->nmovements, 3);
    ck_assert_int_eq(rf->movements[0].role, RC_ROLE_GRANTED);
    ck_assert_int_eq(rf->movements[1].role, RC_ROLE_EXERCISED);
    ck_assert_int_eq(rf->movements[2].role, RC_ROLE_EXPIRED);
    FACT(rf->movements[1].count, "1926598");
    FACT(rf->movements[1].price, "87.30");
    ck_assert_int_eq(rf->movements[1].direction, -1);
    /* the equity statement's column (on the equity components axis) is a fact only */
    ck_assert_ptr_null(rf->movements[1].count->dup);
    ck_assert_str_eq(rf->movements[1].label,
                     "us-gaap:StockIssuedDuringPeriodSharesStockOptionsExercised");
    ck_assert_uint_eq(count_notes("a concept of the statement of stockholders' equity, is taken "
                                  "as the exercised movement"),
                      1);
    rc_results *res = check_all();
    ck_assert_int_eq(outcome(res, "RC101", rf), RC_PASSED);
    ck_assert_int_eq(outcome(res, "RC102", rf), RC_PASSED);
    ck_assert_uint_eq(rc_results_finding_count(res), 0);
    rc_results_free(res);
}
END_TEST

/* The model does not depend on the order of the facts (an inline document and its
 * extracted instance list them differently). */
START_TEST(test_order_independent)
{
    static const int reversed[] = {16, 15, 14, 13, 12, 11, 10, 9, 8, 7, 6, 5, 4, 3, 2, 1, 0};
    netflix(reversed, sizeof reversed / sizeof *reversed);
    assemble(NULL);
    rc_model *first = model;
    ck_assert_int_eq(rc_model_new(&model), RC_OK);
    rc_xfacts_clear(&list);
    ck_assert_int_eq(rc_xfacts_init(&list, "test.xml"), RC_OK);
    netflix(in_order, sizeof in_order / sizeof *in_order);
    assemble(NULL);
    ck_assert_uint_eq(rc_model_count(first), rc_model_count(model));
    for (size_t i = 0; i < rc_model_count(model); i++) {
        const rc_rollforward *a = rc_model_get(first, i), *b = rc_model_get(model, i);
        char da[200], db[200];
        ck_assert_str_eq(rc_rollforward_describe(a, da, sizeof da),
                         rc_rollforward_describe(b, db, sizeof db));
        ck_assert_uint_eq(a->nmovements, b->nmovements);
        for (size_t k = 0; k < a->nmovements; k++) {
            ck_assert_int_eq(a->movements[k].role, b->movements[k].role);
            ck_assert(mpq_equal(a->movements[k].count->value.q, b->movements[k].count->value.q));
        }
        for (int l = 0; l < RC_LINE__COUNT; l++) {
            const rc_fact *fa = a->lines[l].count, *fb = b->lines[l].count;
            ck_assert((fa == NULL) == (fb == NULL));
            if (fa) ck_assert(mpq_equal(fa->value.q, fb->value.q));
        }
    }
    rc_model_free(first);
}
END_TEST

/* ---- Apple FY2010: an assumed movement by name, deductions stored negative -------------- */

#define AAPL "http://www.sec.gov/CIK 0000320193"
#define AADD(concept, period, unit, value, decimals)                                               \
    add_to(&list, AAPL, concept, period, unit, value, decimals, (const char *)NULL)

static void apple2010(bool with_assumed)
{
    const char *fy = "2009-09-27/2010-09-25";
    AADD(SB "OptionsOutstandingNumber", "2009-09-26", "shares", "34375000", -3);
    AADD(SB "OptionsOutstandingWeightedAverageExercisePrice", "2009-09-26", "USD/shares", "81.17",
         2);
    AADD(SB "OptionsGrantsInPeriod", fy, "shares", "34000", -3);
    AADD(SB "OptionsExercisesInPeriod", fy, "shares", "-12352000", -3);
    AADD(SB "OptionsForfeituresInPeriod", fy, "shares", "-430000", -3);
    AADD(SB "OptionsOtherIncreasesDecreasesInPeriod", fy, "shares", "0", -3);
    if (with_assumed) {
        AADD("aapl:ShareBasedCompensationArrangementByShareBasedPaymentAwardOptionsAssumedInPeriod",
             fy, "shares", "98000", -3);
        /* its price, tagged at the instant that ends the year */
        AADD("aapl:ShareBasedCompensationArrangementByShareBasedPaymentAwardOptionsAssumedWeighted"
             "AverageExercisePrice",
             "2010-09-25", "USD/shares", "11.99", 2);
    }
    /* the option table's other rows, in the options column: zero */
    AADD("aapl:ShareBasedCompensationArrangementByShareBasedPaymentAwardOptionsOutstandingRollForwa"
         "rdRestrictedStockUnitsGrantedInPeriod",
         fy, "shares", "0", -3);
    AADD("aapl:ShareBasedCompensationArrangementByShareBasedPaymentAwardOptionsRestrictedStockUnits"
         "GrantedWeightedAverageExercisePrice",
         "2010-09-25", "USD/shares", "0", 0);
    AADD(SB "OptionsGrantsInPeriodWeightedAverageExercisePrice", "2010-09-25", "USD/shares",
         "202.00", 2);
    AADD(SB "OptionsExercisesInPeriodWeightedAverageExercisePrice", "2010-09-25", "USD/shares",
         "62.69", 2);
    AADD(SB "OptionsForfeituresInPeriodWeightedAverageExercisePrice", "2010-09-25", "USD/shares",
         "136.27", 2);
    AADD(SB "OptionsOutstandingNumber", "2010-09-25", "shares", "21725000", -3);
    AADD(SB "OptionsOutstandingWeightedAverageExercisePrice", "2010-09-25", "USD/shares", "90.46",
         2);
    /* the shares available for grant: a roll-forward of no award */
    AADD("aapl:ShareBasedCompensationArrangementByShareBasedPaymentAwardNumberOfSharesAvailableForG"
         "rantOptionsGrantedInPeriod",
         fy, "shares", "-34000", -3);
    AADD("aapl:EquityInstrumentsOtherThanOptionsSharesNetShareSettledToCoverWithholdingTaxes", fy,
         "shares", "1800000", RC_DECIMALS_INF);
}

START_TEST(test_apple_assumed)
{
    apple2010(true);
    rc_xbrl_stats st;
    assemble(&st);
    finish();
    const rc_rollforward *rf = find_rf(NULL, RC_AWARD_OPTIONS, NULL, "2010-09-25");
    ck_assert_uint_eq(rf->nmovements, 6);
    const rc_movement *as = movement(rf, RC_ROLE_ASSUMED);
    ck_assert_ptr_nonnull(as);
    ck_assert_int_eq(as->direction, +1);
    FACT(as->count, "98000");
    /* the price tagged at the year's end belongs to the year's movement */
    FACT(as->price, "11.99");
    ck_assert_str_eq(
        as->label, "aapl:ShareBasedCompensationArrangementByShareBasedPaymentAwardOptionsAssumedInP"
                   "eriod");
    ck_assert_uint_eq(count_notes("aapl:ShareBasedCompensationArrangementByShareBasedPaymentAwardOp"
                                  "tionsAssumedInPeriod classified by its name as assumed"),
                      1);
    /* the RSU row of the option table pairs with its own price, not the standard grant's */
    ck_assert_int_eq(rf->movements[0].role, RC_ROLE_GRANTED);
    ck_assert_int_eq(rf->movements[1].role, RC_ROLE_GRANTED);
    FACT(rf->movements[0].price, "202.00");
    FACT(rf->movements[1].count, "0");
    FACT(rf->movements[1].price, "0");
    /* a signed movement of zero moves nothing either way */
    const rc_movement *adj = movement(rf, RC_ROLE_ADJUSTED);
    ck_assert_ptr_nonnull(adj);
    ck_assert_int_ne(adj->direction, 0);
    rc_results *res = check_all();
    ck_assert_int_eq(outcome(res, "RC101", rf), RC_PASSED);
    /* (81.17 x 34,375 + 202.00 x 34 + 11.99 x 98 - 62.69 x 12,352 - 136.27 x 430) / 21,725
     * = 90.46; the zero "other increases (decreases)" row has no price, which the rule may
     * count against it */
    ck_assert_int_ne(outcome(res, "RC102", rf), RC_FAILED);
    /* the exercises and forfeitures stored negative: DQC 0015 */
    ck_assert_uint_eq(findings_of(res, "RC160"), 2);
    ck_assert_uint_eq(findings_of(res, "RC101"), 0);
    rc_results_free(res);
}
END_TEST

/* Without the company's extension the roll-forward does not balance, by the 98,000 options
 * assumed: the extension is what makes it tie. */
START_TEST(test_apple_without_assumed)
{
    apple2010(false);
    assemble(NULL);
    finish();
    const rc_rollforward *rf = find_rf(NULL, RC_AWARD_OPTIONS, NULL, "2010-09-25");
    rc_results *res = check_all();
    ck_assert_int_eq(outcome(res, "RC101", rf), RC_FAILED);
    rc_results_free(res);
}
END_TEST

/* ---- dimensions ------------------------------------------------------------------------ */

/* AEON Biopharma's options by plan: each plan a roll-forward of its own, the award type
 * member (EmployeeStockOption on option concepts) adding nothing to the key. */
START_TEST(test_plans)
{
    const char *abp = "us-gaap:PlanNameAxis=aeon:AbpSubInc.2019IncentiveAwardPlanMember";
    const char *y13 = "us-gaap:PlanNameAxis=aeon:Aeon2013StockIncentivePlanMember";
    const char *opt = "us-gaap:AwardTypeAxis=us-gaap:EmployeeStockOptionMember";
    const char *fy = "2022-01-01/2022-12-31";
    ADD(SB "OptionsOutstandingNumber", "2021-12-31", "shares", "38172", RC_DECIMALS_INF, abp, opt);
    ADD(SB "OptionsGrantsInPeriodGross", fy, "shares", "16437", RC_DECIMALS_INF, abp, opt);
    ADD(SB "OptionsForfeituresInPeriod", fy, "shares", "9075", RC_DECIMALS_INF, abp, opt);
    ADD(SB "OptionsOutstandingNumber", "2022-12-31", "shares", "45534", RC_DECIMALS_INF, abp, opt);
    /* the plan's remaining term, tagged without the award type member */
    ADD("us-gaap:SharebasedCompensationArrangementBySharebasedPaymentAwardOptionsOutstandingWeight"
        "edAverageRemainingContractualTerm2",
        fy, NULL, "P8Y1M6D", 0, abp);
    ADD(SB "OptionsOutstandingNumber", "2021-12-31", "shares", "10516525", RC_DECIMALS_INF, y13);
    ADD(SB "OptionsForfeituresInPeriod", fy, "shares", "821635", RC_DECIMALS_INF, y13);
    ADD(SB "OptionsOutstandingNumber", "2022-12-31", "shares", "9694890", RC_DECIMALS_INF, y13);
    /* a range member: a fact of no roll-forward */
    ADD("us-gaap:ShareBasedCompensationArrangementByShareBasedPaymentAwardAwardVestingPeriod1", fy,
        NULL, "P4Y", 0, "srt:RangeAxis=srt:MaximumMember", opt);
    ADD(SB "OptionsOutstandingNumber", "2022-12-31", "shares", "1", RC_DECIMALS_INF,
        "srt:RangeAxis=srt:MinimumMember", y13);
    rc_xbrl_stats st;
    assemble(&st);
    ck_assert_uint_eq(st.rollforwards, 2);
    ck_assert_uint_eq(st.facts, 10);
    finish();
    const rc_rollforward *a = find_rf(abp, RC_AWARD_OPTIONS, NULL, "2022-12-31");
    FACT(rc_opening(a)->count, "38172");
    FACT(rc_closing(a)->count, "45534");
    ck_assert_ptr_nonnull(rc_closing(a)->term);
    const rc_rollforward *b = find_rf(y13, RC_AWARD_OPTIONS, NULL, "2022-12-31");
    FACT(rc_closing(b)->count, "9694890");
    ck_assert_ptr_null(rc_closing(b)->count->dup);
    rc_results *res = check_all();
    ck_assert_int_eq(outcome(res, "RC101", a), RC_PASSED);
    ck_assert_int_eq(outcome(res, "RC101", b), RC_PASSED);
    rc_results_free(res);
}
END_TEST

/* "Concept names mislead": an RSU member on an options concept is an RSU; an axis that
 * does not split awards (the title of an individual) stays a member of the key. */
START_TEST(test_award_member_wins)
{
    const char *rsu = "us-gaap:AwardTypeAxis=us-gaap:RestrictedStockUnitsRSUMember";
    const char *fy = "2023-01-01/2023-12-31";
    ADD(SB "OptionsOutstandingNumber", "2022-12-31", "shares", "100", RC_DECIMALS_INF, rsu);
    ADD(SB "OptionsGrantsInPeriod", fy, "shares", "50", RC_DECIMALS_INF, rsu);
    ADD(SB "OptionsOutstandingNumber", "2023-12-31", "shares", "150", RC_DECIMALS_INF, rsu);
    const char *ceo = "srt:TitleOfIndividualAxis=srt:ChiefExecutiveOfficerMember";
    ADD(SB "EquityInstrumentsOtherThanOptionsNonvestedNumber", "2022-12-31", "shares", "10",
        RC_DECIMALS_INF, rsu, ceo);
    ADD(SB "EquityInstrumentsOtherThanOptionsVestedInPeriod", fy, "shares", "4", RC_DECIMALS_INF,
        rsu, ceo);
    ADD(SB "EquityInstrumentsOtherThanOptionsNonvestedNumber", "2023-12-31", "shares", "6",
        RC_DECIMALS_INF, rsu, ceo);
    assemble(NULL);
    finish();
    const rc_rollforward *rf = find_rf(NULL, RC_AWARD_OTHER, "RSU", "2023-12-31");
    FACT(rc_closing(rf)->count, "150");
    const rc_rollforward *c = find_rf(ceo, RC_AWARD_OTHER, "RSU", "2023-12-31");
    FACT(rc_closing(c)->count, "6");
    ck_assert_int_eq(movement(c, RC_ROLE_VESTED)->direction, -1);
}
END_TEST

/* Two members that name the same award type stay apart (a company's PSU member beside
 * the taxonomy's): each keeps its member in the key. */
START_TEST(test_award_members_apart)
{
    const char *ps = "us-gaap:AwardTypeAxis=us-gaap:PerformanceSharesMember";
    const char *ms = "us-gaap:AwardTypeAxis=abc:PerformanceStockUnitsMember";
    ADD(SB "EquityInstrumentsOtherThanOptionsNonvestedNumber", "2023-12-31", "shares", "10",
        RC_DECIMALS_INF, ps);
    ADD(SB "EquityInstrumentsOtherThanOptionsGrantsInPeriod", "2023-01-01/2023-12-31", "shares",
        "10", RC_DECIMALS_INF, ps);
    ADD(SB "EquityInstrumentsOtherThanOptionsNonvestedNumber", "2023-12-31", "shares", "20",
        RC_DECIMALS_INF, ms);
    ADD(SB "EquityInstrumentsOtherThanOptionsGrantsInPeriod", "2023-01-01/2023-12-31", "shares",
        "20", RC_DECIMALS_INF, ms);
    assemble(NULL);
    finish();
    FACT(rc_closing(find_rf(ps, RC_AWARD_OTHER, "PSU", "2023-12-31"))->count, "10");
    FACT(rc_closing(find_rf(ms, RC_AWARD_OTHER, "PSU", "2023-12-31"))->count, "20");
}
END_TEST

/* ---- periods ------------------------------------------------------------------------- */

/* One instant closes a year and opens the next: two facts of the model, one fact read. */
START_TEST(test_chained_years)
{
    ADD(SB "OptionsOutstandingNumber", "2021-12-31", "shares", "100", RC_DECIMALS_INF);
    ADD(SB "OptionsGrantsInPeriod", "2022-01-01/2022-12-31", "shares", "10", RC_DECIMALS_INF);
    ADD(SB "OptionsOutstandingNumber", "2022-12-31", "shares", "110", RC_DECIMALS_INF);
    ADD(SB "OptionsForfeituresInPeriod", "2023-01-01/2023-12-31", "shares", "5", RC_DECIMALS_INF);
    ADD(SB "OptionsOutstandingNumber", "2023-12-31", "shares", "105", RC_DECIMALS_INF);
    rc_xbrl_stats st;
    assemble(&st);
    ck_assert_uint_eq(st.facts, 5);
    ck_assert_uint_eq(st.rollforwards, 2);
    ck_assert_uint_eq(rc_model_fact_count(model), 6);
    finish();
    const rc_rollforward *y22 = find_rf(NULL, RC_AWARD_OPTIONS, NULL, "2022-12-31");
    const rc_rollforward *y23 = find_rf(NULL, RC_AWARD_OPTIONS, NULL, "2023-12-31");
    ck_assert_ptr_eq(y23->previous, y22);
    ck_assert_ptr_ne(rc_closing(y22)->count, rc_opening(y23)->count);
    ck_assert_uint_eq(rc_closing(y22)->count->src.line, rc_opening(y23)->count->src.line);
    rc_results *res = check_all();
    ck_assert_int_eq(outcome(res, "RC110", y23), RC_PASSED);
    rc_results_free(res);
}
END_TEST

/* A balance at a date that closes no period with movements: a balance of its own (the
 * year ending there), which the model keeps; exercisable <= outstanding is checked. */
START_TEST(test_balance_only)
{
    ADD(SB "OptionsOutstandingNumber", "2023-09-30", "shares", "3515219", RC_DECIMALS_INF);
    ADD(SB "OptionsExercisableNumber", "2023-09-30", "shares", "2600009", RC_DECIMALS_INF);
    rc_xbrl_stats st;
    assemble(&st);
    ck_assert_uint_eq(st.rollforwards, 1);
    finish();
    ck_assert_uint_eq(rc_model_count(model), 1);
    const rc_rollforward *rf = rc_model_get(model, 0);
    ck_assert(!rc_rollforward_is_rollforward(rf));
    ck_assert_int_eq(rf->end, day("2023-09-30"));
    ck_assert_int_eq(rf->start, day("2022-10-01"));
    rc_results *res = check_all();
    ck_assert_int_eq(outcome(res, "RC130", rf), RC_PASSED);
    rc_results_free(res);
}
END_TEST

/* A quarter and the year to date: prices at the end instant go to the longest period;
 * counts at an instant ("total options granted") are no movement. */
START_TEST(test_instant_movements)
{
    ADD(SB "OptionsOutstandingNumber", "2022-12-31", "shares", "100", RC_DECIMALS_INF);
    ADD(SB "OptionsOutstandingWeightedAverageExercisePrice", "2022-12-31", "USD/shares", "10.00",
        2);
    ADD(SB "OptionsGrantsInPeriod", "2023-07-01/2023-09-30", "shares", "10", RC_DECIMALS_INF);
    ADD(SB "OptionsGrantsInPeriod", "2023-01-01/2023-09-30", "shares", "20", RC_DECIMALS_INF);
    ADD(SB "OptionsGrantsInPeriodWeightedAverageExercisePrice", "2023-09-30", "USD/shares", "20.00",
        2);
    ADD(SB "OptionsGrantsInPeriod", "2023-09-30", "shares", "999", RC_DECIMALS_INF);
    ADD(SB "OptionsOutstandingNumber", "2023-09-30", "shares", "120", RC_DECIMALS_INF);
    ADD(SB "OptionsOutstandingWeightedAverageExercisePrice", "2023-09-30", "USD/shares", "11.67",
        2);
    assemble(NULL);
    finish();
    const rc_rollforward *ytd = NULL, *q3 = NULL;
    for (size_t i = 0; i < rc_model_count(model); i++) {
        const rc_rollforward *rf = rc_model_get(model, i);
        if (rf->start == day("2023-01-01")) ytd = rf;
        if (rf->start == day("2023-07-01")) q3 = rf;
    }
    ck_assert_ptr_nonnull(ytd);
    ck_assert_ptr_nonnull(q3);
    ck_assert_uint_eq(ytd->nmovements, 1);
    FACT(ytd->movements[0].count, "20");
    FACT(ytd->movements[0].price, "20.00");
    ck_assert_ptr_null(ytd->movements[0].count->dup);
    ck_assert_ptr_null(q3->movements[0].price);
    rc_results *res = check_all();
    ck_assert_int_eq(outcome(res, "RC101", ytd), RC_PASSED);
    ck_assert_int_eq(outcome(res, "RC102", ytd), RC_PASSED);
    rc_results_free(res);
}
END_TEST

/* ---- movements -------------------------------------------------------------------------- */

/* A price tagged "forfeitures and expirations" beside a count of forfeitures: one family. */
START_TEST(test_family)
{
    const char *fy = "2023-01-01/2023-12-31";
    ADD(SB "OptionsOutstandingNumber", "2022-12-31", "shares", "100", RC_DECIMALS_INF);
    ADD(SB "OptionsOutstandingWeightedAverageExercisePrice", "2022-12-31", "USD/shares", "10.00",
        2);
    ADD(SB "OptionsForfeituresInPeriod", fy, "shares", "50", RC_DECIMALS_INF);
    ADD(SB "OptionsForfeituresAndExpirationsInPeriodWeightedAverageExercisePrice", fy, "USD/shares",
        "12.00", 2);
    ADD(SB "OptionsOutstandingNumber", "2023-12-31", "shares", "50", RC_DECIMALS_INF);
    ADD(SB "OptionsOutstandingWeightedAverageExercisePrice", "2023-12-31", "USD/shares", "8.00", 2);
    assemble(NULL);
    finish();
    const rc_rollforward *rf = find_rf(NULL, RC_AWARD_OPTIONS, NULL, "2023-12-31");
    ck_assert_uint_eq(rf->nmovements, 1);
    FACT(rf->movements[0].price, "12.00");
    ck_assert_uint_eq(count_notes("is paired with the forfeited count"), 1);
    rc_results *res = check_all();
    ck_assert_int_eq(outcome(res, "RC102", rf), RC_PASSED);
    rc_results_free(res);
}
END_TEST

/* A signed movement takes its direction from its sign; a company's movement whose name
 * says no role is listed, not used. */
START_TEST(test_signed_and_unclassified)
{
    const char *fy = "2023-01-01/2023-12-31";
    ADD(SB "OptionsOutstandingNumber", "2022-12-31", "shares", "100", RC_DECIMALS_INF);
    ADD(SB "OptionsOtherIncreasesDecreasesInPeriod", fy, "shares", "-30", RC_DECIMALS_INF);
    ADD("abc:ShareBasedCompensationArrangementByShareBasedPaymentAwardOptionsTransmogrifiedInPerio"
        "d",
        fy, "shares", "7", RC_DECIMALS_INF);
    ADD(SB "OptionsOutstandingNumber", "2023-12-31", "shares", "70", RC_DECIMALS_INF);
    rc_xbrl_stats st;
    assemble(&st);
    ck_assert_uint_eq(st.unclassified, 1);
    ck_assert_uint_eq(st.facts, 4);
    finish();
    const rc_rollforward *rf = find_rf(NULL, RC_AWARD_OPTIONS, NULL, "2023-12-31");
    ck_assert_uint_eq(rf->nmovements, 1);
    ck_assert_int_eq(rf->movements[0].role, RC_ROLE_ADJUSTED);
    ck_assert_int_eq(rf->movements[0].direction, -1);
    ck_assert_uint_eq(count_notes("abc:ShareBasedCompensationArrangementByShareBasedPaymentAwardOpt"
                                  "ionsTransmogrifiedInPeriod could not be classified: listed, not "
                                  "used"),
                      1);
    rc_results *res = check_all();
    ck_assert_int_eq(outcome(res, "RC101", rf), RC_PASSED);
    /* a signed movement is not a negative value of a fixed direction */
    ck_assert_uint_eq(findings_of(res, "RC160"), 0);
    rc_results_free(res);
}
END_TEST

/* The award table's own exercised row wins over the equity statement's concept. */
START_TEST(test_equity_not_beside)
{
    const char *fy = "2023-01-01/2023-12-31";
    ADD(SB "OptionsOutstandingNumber", "2022-12-31", "shares", "100", RC_DECIMALS_INF);
    ADD(SB "OptionsExercisesInPeriod", fy, "shares", "30", RC_DECIMALS_INF);
    ADD("us-gaap:StockIssuedDuringPeriodSharesStockOptionsExercised", fy, "shares", "25",
        RC_DECIMALS_INF);
    ADD(SB "OptionsOutstandingNumber", "2023-12-31", "shares", "70", RC_DECIMALS_INF);
    assemble(NULL);
    finish();
    const rc_rollforward *rf = find_rf(NULL, RC_AWARD_OPTIONS, NULL, "2023-12-31");
    ck_assert_uint_eq(rf->nmovements, 1);
    FACT(rf->movements[0].count, "30");
    ck_assert_ptr_null(rf->movements[0].label);
    ck_assert_uint_eq(count_notes("statement of stockholders' equity"), 0);
    /* both are facts read */
    ck_assert_uint_eq(rc_model_fact_count(model), 4);
}
END_TEST

/* ---- values -------------------------------------------------------------------------- */

START_TEST(test_accuracy)
{
    /* a rounded "5.877" tagged exact shows three places; "202" with decimals 2 is 202.00 */
    ADD(SB "OptionsOutstandingWeightedAverageExercisePrice", "2023-12-31", "USD/shares", "5.877",
        RC_DECIMALS_INF);
    ADD(SB "OptionsExercisableWeightedAverageExercisePrice", "2023-12-31", "USD/shares", "202", 2);
    ADD(SB "OptionsOutstandingNumber", "2023-12-31", "shares", "21725000", RC_XDECIMALS_UNSET);
    rc_xfact *inl = ADD(SB "OptionsExercisableNumber", "2023-12-31", "shares", "1500000", -3);
    inl->shown = -3;
    assemble(NULL);
    finish();
    const rc_rollforward *rf = rc_model_get(model, 0);
    const rc_fact *p = rc_closing(rf)->price;
    ck_assert_int_eq(p->value.decimals, RC_DECIMALS_INF);
    ck_assert_int_eq(p->value.shown, 3);
    bool widened = false;
    rc_interval iv;
    rc_interval_init(&iv);
    rc_fact_interval(&iv, p, &widened);
    ck_assert(widened);
    const rc_fact *e = rf->lines[RC_LINE_EXERCISABLE].price;
    rc_fact_interval(&iv, e, &widened);
    ck_assert(!widened);
    ck_assert_int_eq(e->value.shown, 2);
    rc_interval_clear(&iv);
    /* without decimals (companyfacts), trailing zeros may be rounding */
    ck_assert_int_eq(rc_closing(rf)->count->value.decimals, -3);
    ck_assert_int_eq(rf->lines[RC_LINE_EXERCISABLE].count->value.shown, -3);
}
END_TEST

/* Two currencies of prices: one roll-forward per currency, the counts in both. */
START_TEST(test_currencies)
{
    const char *fy = "2023-01-01/2023-12-31";
    ADD(SB "OptionsOutstandingNumber", "2022-12-31", "shares", "100", RC_DECIMALS_INF);
    ADD(SB "OptionsOutstandingWeightedAverageExercisePrice", "2022-12-31", "USD/shares", "1.00", 2);
    ADD(SB "OptionsOutstandingWeightedAverageExercisePrice", "2022-12-31", "CNY/shares", "7.00", 2);
    ADD(SB "OptionsGrantsInPeriod", fy, "shares", "0", RC_DECIMALS_INF);
    ADD(SB "OptionsOutstandingNumber", "2023-12-31", "shares", "100", RC_DECIMALS_INF);
    assemble(NULL);
    finish();
    size_t usd = 0, cny = 0;
    for (size_t i = 0; i < rc_model_count(model); i++) {
        const rc_rollforward *rf = rc_model_get(model, i);
        ck_assert_ptr_nonnull(rc_closing(rf)->count);
        usd += rf->currency && strcmp(rf->currency, "USD") == 0;
        cny += rf->currency && strcmp(rf->currency, "CNY") == 0;
    }
    ck_assert_uint_eq(usd, 1);
    ck_assert_uint_eq(cny, 1);
}
END_TEST

/* SEC companyfacts: each filing's roll-forwards from its own facts, the same period of two
 * filings merged as duplicates, with the caveat that dimensions and extensions are
 * missing. */
START_TEST(test_filings)
{
    const char *filings[] = {"0000000001-23-000001", "0000000001-24-000001"};
    const char *closing[] = {"70", "75"};
    for (int k = 0; k < 2; k++) {
        rc_xfact *f;
        f = ADD(SB "OptionsOutstandingNumber", "2022-12-31", "shares", "100", RC_XDECIMALS_UNSET);
        f->filing = filings[k];
        f = ADD(SB "OptionsExercisesInPeriod", "2023-01-01/2023-12-31", "shares", "30",
                RC_XDECIMALS_UNSET);
        f->filing = filings[k];
        f = ADD(SB "OptionsOutstandingNumber", "2023-12-31", "shares", closing[k],
                RC_XDECIMALS_UNSET);
        f->filing = filings[k];
    }
    rc_xbrl_stats st;
    assemble(&st);
    ck_assert_uint_eq(st.rollforwards, 2);
    finish();
    ck_assert_uint_eq(rc_model_count_rollforwards(model, NULL), 1);
    const rc_rollforward *rf = find_rf(NULL, RC_AWARD_OPTIONS, NULL, "2023-12-31");
    ck_assert_ptr_nonnull(rf->caveat);
    ck_assert_ptr_nonnull(strstr(rf->caveat, "no dimensions and no extension concepts"));
    ck_assert_str_eq(rc_closing(rf)->count->filing, filings[0]);
    ck_assert_ptr_nonnull(rc_closing(rf)->count->dup);
    ck_assert_str_eq(rc_closing(rf)->count->dup->filing, filings[1]);
}
END_TEST

/* SEC companyfacts: one row of one period that two filings tag with different concepts
 * (Snowflake's FY2021 forfeitures, ForfeituresInPeriod then ForfeituresAndExpirations
 * InPeriod) is one movement; a signed row keeps the earliest filing's direction (NVIDIA's
 * FY2010 option exchange: -28,532,050, then 28,500,000). */
START_TEST(test_filings_one_row)
{
    const char *filings[] = {"0000000001-21-000001", "0000000001-23-000001"};
    const char *fy = "2020-02-01/2021-01-31";
    for (int k = 0; k < 2; k++) {
        rc_xfact *f;
        f = ADD(SB "OptionsOutstandingNumber", "2020-01-31", "shares", "100000003",
                RC_XDECIMALS_UNSET);
        f->filing = filings[k];
        f = ADD(k == 0 ? SB "OptionsForfeituresInPeriod"
                       : SB "OptionsForfeituresAndExpirationsInPeriod",
                fy, "shares", k == 0 ? "3406764" : "3406000", RC_XDECIMALS_UNSET);
        f->filing = filings[k];
        f = ADD(SB "OptionsOtherIncreasesDecreasesInPeriod", fy, "shares",
                k == 0 ? "-28532050" : "28500000", RC_XDECIMALS_UNSET);
        f->filing = filings[k];
        f = ADD(SB "OptionsOutstandingNumber", "2021-01-31", "shares", "68061189",
                RC_XDECIMALS_UNSET);
        f->filing = filings[k];
    }
    assemble(NULL);
    ck_assert_uint_eq(count_notes("report the same row of the same period"), 1);
    finish();
    const rc_rollforward *rf = find_rf(NULL, RC_AWARD_OPTIONS, NULL, "2021-01-31");
    ck_assert_uint_eq(rf->nmovements, 2);
    const rc_movement *fo = movement(rf, RC_ROLE_FORFEITED);
    ck_assert_ptr_nonnull(fo);
    FACT(fo->count, "3406764");
    FACT(fo->count->dup, "3406000");
    ck_assert_ptr_null(movement(rf, RC_ROLE_FORFEITED_EXPIRED));
    const rc_movement *adj = movement(rf, RC_ROLE_ADJUSTED);
    ck_assert_int_eq(adj->direction, -1);
    FACT(adj->count->dup, "28500000");
    rc_results *res = check_all();
    /* 100,000,003 - 3,406,764 - 28,532,050 = 68,061,189, exactly */
    ck_assert_int_eq(outcome(res, "RC101", rf), RC_PASSED);
    rc_results_free(res);
}
END_TEST

/* What a reader noted comes through as a note of the model. */
START_TEST(test_reader_notes)
{
    ck_assert_int_eq(rc_xfacts_note(&list, 12, 3, "f-1", "fact %s not read", "f-1"), RC_OK);
    assemble(NULL);
    ck_assert_uint_eq(rc_model_note_count(model), 1);
    ck_assert_str_eq(rc_model_note(model, 0)->text, "fact f-1 not read");
    ck_assert_uint_eq(rc_model_note(model, 0)->src.line, 12);
}
END_TEST

/* Many periods in one key (a crafted input; or SEC companyfacts of a company with decades
 * of 10-Qs): the assembler stays near linear, well inside the test's time limit. */
START_TEST(test_many_periods)
{
    enum { YEARS = 20000 };
    rc_day first = day("1900-01-01");
    char period[32], instant[16], value[24];
    for (int y = 0; y < YEARS; y++) {
        rc_day s = first + y * 2, e = s + 1;
        char a[11], b[11];
        rc_day_format(s, a);
        rc_day_format(e, b);
        snprintf(period, sizeof period, "%s/%s", a, b);
        snprintf(instant, sizeof instant, "%s", b);
        snprintf(value, sizeof value, "%d", y + 1);
        ADD(SB "OptionsGrantsInPeriod", period, "shares", "1", RC_DECIMALS_INF);
        ADD(SB "OptionsOutstandingNumber", instant, "shares", value, RC_DECIMALS_INF);
        ADD("abc:ShareBasedCompensationArrangementByShareBasedPaymentAwardOptionsZapInPeriod",
            period, "shares", "0", RC_DECIMALS_INF);
    }
    rc_xbrl_stats st;
    assemble(&st);
    /* two-day periods, each closing where the next opens: one roll-forward per period,
     * and one note for the company concept that nothing classifies */
    ck_assert_uint_eq(st.rollforwards, YEARS);
    ck_assert_uint_eq(st.unclassified, YEARS);
    ck_assert_uint_eq(count_notes("could not be classified"), 1);
}
END_TEST

/* ---- one filing in two forms ----------------------------------------------------------- */

static bool same_value(const rc_fact *a, const rc_fact *b)
{
    if (!a || !b) return !a && !b;
    return mpq_equal(a->value.q, b->value.q) && a->kind == b->kind &&
           (a->dup == NULL) == (b->dup == NULL);
}

static void same_balance(const rc_balance *a, const rc_balance *b, const char *what)
{
    ck_assert_msg(same_value(a->count, b->count), "%s count", what);
    ck_assert_msg(same_value(a->price, b->price), "%s price", what);
    ck_assert_msg(same_value(a->fair_value, b->fair_value), "%s fair value", what);
    ck_assert_msg(same_value(a->aiv, b->aiv), "%s aiv", what);
    ck_assert_msg(same_value(a->term, b->term), "%s term", what);
}

/* Read path into a finished model of its own. */
static rc_model *read_model(const char *path, rc_format want)
{
    rc_model *m;
    ck_assert_int_eq(rc_model_new(&m), RC_OK);
    rc_format format;
    ck_assert_msg(rc_read_file(m, vocab, path, &format, ctx) == RC_OK, "%s", rc_ctx_error(ctx));
    ck_assert_int_eq(format, want);
    ck_assert_msg(rc_model_finish(m, ctx) == RC_OK, "%s", rc_ctx_error(ctx));
    return m;
}

/* The same roll-forwards, facts and findings from two forms of one filing: only the
 * locations differ. */
static void same_models(const rc_model *a, const rc_model *b)
{
    ck_assert_uint_eq(rc_model_count(a), rc_model_count(b));
    ck_assert_uint_eq(rc_model_fact_count(a), rc_model_fact_count(b));
    ck_assert_uint_eq(rc_model_note_count(a), rc_model_note_count(b));
    for (size_t i = 0; i < rc_model_note_count(a); i++)
        ck_assert_str_eq(rc_model_note(a, i)->text, rc_model_note(b, i)->text);
    for (size_t i = 0; i < rc_model_count(a); i++) {
        const rc_rollforward *x = rc_model_get(a, i), *y = rc_model_get(b, i);
        char dx[400], dy[400];
        ck_assert_str_eq(rc_rollforward_describe(x, dx, sizeof dx),
                         rc_rollforward_describe(y, dy, sizeof dy));
        ck_assert_int_eq(rc_rollforward_is_rollforward(x), rc_rollforward_is_rollforward(y));
        for (int l = 0; l < RC_LINE__COUNT; l++)
            same_balance(&x->lines[l], &y->lines[l], dx);
        ck_assert_uint_eq(x->nmovements, y->nmovements);
        for (size_t k = 0; k < x->nmovements; k++) {
            const rc_movement *mx = &x->movements[k], *my = &y->movements[k];
            ck_assert_int_eq(mx->role, my->role);
            ck_assert_int_eq(mx->direction, my->direction);
            ck_assert((mx->label == NULL) == (my->label == NULL));
            if (mx->label) ck_assert_str_eq(mx->label, my->label);
            ck_assert_msg(same_value(mx->count, my->count), "%s movement %zu", dx, k);
            ck_assert(same_value(mx->price, my->price));
            ck_assert(same_value(mx->fair_value, my->fair_value));
        }
    }
    rc_results *ra = NULL, *rb = NULL;
    ck_assert_int_eq(rc_check(rules, a, &ra, ctx), RC_OK);
    ck_assert_int_eq(rc_check(rules, b, &rb, ctx), RC_OK);
    ck_assert_uint_eq(rc_results_finding_count(ra), rc_results_finding_count(rb));
    for (size_t i = 0; i < rc_results_finding_count(ra); i++) {
        const rc_finding *fa = rc_results_finding(ra, i), *fb = rc_results_finding(rb, i);
        ck_assert_str_eq(rc_rule_id(fa->rule), rc_rule_id(fb->rule));
        ck_assert_str_eq(fa->message, fb->message);
    }
    rc_summary sa, sb;
    rc_results_summary(ra, &sa);
    rc_results_summary(rb, &sb);
    ck_assert_uint_eq(sa.checks, sb.checks);
    ck_assert_uint_eq(sa.passed, sb.passed);
    ck_assert_uint_eq(sa.skipped, sb.skipped);
    rc_results_free(ra);
    rc_results_free(rb);
}

/* Netflix's 10-K for FY2023 as its instance and as Arelle's xBRL-JSON of that instance
 * (both trimmed to their share-based payment facts: test/data). */
START_TEST(test_netflix_two_forms)
{
    rc_model *a = read_model(RC_SOURCE_DIR "/test/data/assemble/nflx-20240126-sbc.xml",
                             RC_FORMAT_XBRL_INSTANCE);
    rc_model *b =
        read_model(RC_SOURCE_DIR "/test/data/xbrljson/nflx-20231231-sbc.json", RC_FORMAT_XBRL_JSON);
    ck_assert_uint_eq(rc_model_count_rollforwards(a, NULL), 3);
    same_models(a, b);
    rc_model_free(a);
    rc_model_free(b);
}
END_TEST

/* AEON Biopharma's 10-Q for Q3 2023 as its inline XBRL document and as the instance EDGAR
 * extracted from it (4.4 MB together: read from the shared corpus, skipped without it),
 * with its options by plan. */
START_TEST(test_aeon_two_forms)
{
    const char *dir = RC_SOURCE_DIR "/../shared/corpus/edgartools/data/xbrl/datafiles/aeon/";
    char inl[512], ins[512];
    snprintf(inl, sizeof inl, "%saeon-20230930x10q.htm", dir);
    snprintf(ins, sizeof ins, "%saeon-20230930x10q_htm.xml", dir);
    FILE *probe = fopen(inl, "rb");
    if (!probe) {
        fprintf(stderr, "test_aeon_two_forms: skipped: %s not found\n", inl);
        return;
    }
    fclose(probe);
    rc_model *a = read_model(inl, RC_FORMAT_INLINE_XBRL);
    rc_model *b = read_model(ins, RC_FORMAT_XBRL_INSTANCE);
    same_models(a, b);
    size_t plans = 0;
    for (size_t i = 0; i < rc_model_count(a); i++) {
        const rc_rollforward *rf = rc_model_get(a, i);
        if (rc_rollforward_is_rollforward(rf) && rf->award == RC_AWARD_OPTIONS &&
            rf->nmembers == 1 && strncmp(rf->members[0], "us-gaap:PlanNameAxis=", 21) == 0)
            plans++;
    }
    ck_assert_uint_eq(plans, 5);
    rc_model_free(a);
    rc_model_free(b);
}
END_TEST

/* A full submission holding the instance: the instance is read, its R pages are not. */
START_TEST(test_submission_instance)
{
    size_t n = 0;
    char *sub = NULL;
    ck_assert_int_eq(rc_read_whole_file(RC_SOURCE_DIR "/test/data/submission/"
                                                      "0000320193-25-000057.txt",
                                        RC_MAX_INPUT_BYTES, &sub, &n, ctx),
                     RC_OK);
    rc_format format;
    ck_assert_msg(rc_read_buffer(model, vocab, "sub.txt", sub, n, &format, ctx) == RC_OK, "%s",
                  rc_ctx_error(ctx));
    free(sub);
    ck_assert_int_eq(format, RC_FORMAT_SUBMISSION);
    ck_assert_uint_eq(count_notes("R pages not read: the XBRL instance holds the same facts"), 1);
    finish();
    ck_assert_uint_eq(rc_model_count_rollforwards(model, NULL), 1);
    const rc_rollforward *rf = find_rf(NULL, RC_AWARD_OTHER, "RSU", "2025-03-29");
    ck_assert_ptr_nonnull(rf->entity);
    ck_assert_str_eq(rf->entity, "CIK 0000320193");
    /* the facts are the instance's, at lines of the .txt */
    for (size_t i = 0; i < rc_model_fact_count(model); i++) {
        const rc_fact *f = rc_model_fact(model, i);
        ck_assert_ptr_nonnull(f->concept);
        ck_assert_uint_gt(f->src.line, 16);
    }
}
END_TEST

static Suite *xbrl_suite(void)
{
    Suite *s = suite_create("xbrl");
    TCase *tc = tcase_create("filings");
    tcase_add_checked_fixture(tc, setup, teardown);
    tcase_add_test(tc, test_netflix);
    tcase_add_test(tc, test_order_independent);
    tcase_add_test(tc, test_apple_assumed);
    tcase_add_test(tc, test_apple_without_assumed);
    suite_add_tcase(s, tc);
    tc = tcase_create("dimensions");
    tcase_add_checked_fixture(tc, setup, teardown);
    tcase_add_test(tc, test_plans);
    tcase_add_test(tc, test_award_member_wins);
    tcase_add_test(tc, test_award_members_apart);
    suite_add_tcase(s, tc);
    tc = tcase_create("periods");
    tcase_add_checked_fixture(tc, setup, teardown);
    tcase_add_test(tc, test_chained_years);
    tcase_add_test(tc, test_balance_only);
    tcase_add_test(tc, test_instant_movements);
    tcase_add_test(tc, test_many_periods);
    suite_add_tcase(s, tc);
    tc = tcase_create("movements");
    tcase_add_checked_fixture(tc, setup, teardown);
    tcase_add_test(tc, test_family);
    tcase_add_test(tc, test_signed_and_unclassified);
    tcase_add_test(tc, test_equity_not_beside);
    suite_add_tcase(s, tc);
    tc = tcase_create("values");
    tcase_add_checked_fixture(tc, setup, teardown);
    tcase_add_test(tc, test_accuracy);
    tcase_add_test(tc, test_currencies);
    tcase_add_test(tc, test_filings);
    tcase_add_test(tc, test_filings_one_row);
    tcase_add_test(tc, test_reader_notes);
    suite_add_tcase(s, tc);
    tc = tcase_create("forms");
    tcase_add_checked_fixture(tc, setup, teardown);
    tcase_set_timeout(tc, 60);
    tcase_add_test(tc, test_netflix_two_forms);
    tcase_add_test(tc, test_aeon_two_forms);
    tcase_add_test(tc, test_submission_instance);
    suite_add_tcase(s, tc);
    return s;
}

int main(void)
{
    SRunner *sr = srunner_create(xbrl_suite());
    srunner_run_all(sr, CK_NORMAL);
    int failed = srunner_ntests_failed(sr);
    srunner_free(sr);
    return failed ? EXIT_FAILURE : EXIT_SUCCESS;
}
