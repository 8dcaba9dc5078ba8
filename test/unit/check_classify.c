/*
 * Unit tests: the vocabulary (rules/labels.json, rules/concepts.json) and the
 * classifier: one line per row label, concept or member, with what it must be.
 * The labels are those of the seeds, the corpus excerpts and the Apple R pages,
 * and the usual ones of US filers.
 */
#include <check.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "rollcheck/read.h"
#include "read/classify.h"

static rc_vocab *vocab;
static rc_ctx *ctx;

static void setup(void)
{
    ck_assert_int_eq(rc_ctx_new(&ctx), RC_OK);
    ck_assert_int_eq(rc_vocab_new(&vocab), RC_OK);
    ck_assert_msg(rc_vocab_load_dir(vocab, RC_SOURCE_DIR "/rules", ctx) == RC_OK, "%s",
                  rc_ctx_error(ctx));
}

static void teardown(void)
{
    rc_vocab_free(vocab);
    rc_ctx_free(ctx);
}

/* shorthands for the table below */
enum {
    U = RC_WHAT_UNKNOWN,
    B = RC_WHAT_BALANCE,
    M = RC_WHAT_MOVEMENT,
    H = RC_WHAT_HEADING,
    O = RC_WHAT_OTHER
};
#define OUT 100 /* the outstanding balance (its line follows from position) */
#define EXB RC_LINE_EXERCISABLE
#define VEX RC_LINE_VESTED_EXPECTED
#define NOPOS RC_POS_NONE
#define BEG RC_POS_BEGIN
#define END RC_POS_END
#define NOM RC_MEASURE_NONE
#define CNT RC_MEASURE_COUNT
#define PRC RC_MEASURE_PRICE
#define FV RC_MEASURE_FAIR_VALUE
#define AIV RC_MEASURE_AIV
#define TRM RC_MEASURE_TERM
#define SHP RC_MEASURE_SHARE_PRICE
#define CTM RC_MEASURE_CONTRACTUAL_TERM
#define PSH RC_MEASURE_PER_SHARE
#define OPT RC_AWARD_OPTIONS
#define OTH RC_AWARD_OTHER
#define GRA RC_ROLE_GRANTED
#define ASM RC_ROLE_ASSUMED
#define EXE RC_ROLE_EXERCISED
#define VES RC_ROLE_VESTED
#define FOR RC_ROLE_FORFEITED
#define EXP RC_ROLE_EXPIRED
#define CAN RC_ROLE_CANCELLED
#define FEX RC_ROLE_FORFEITED_EXPIRED
#define ADJ RC_ROLE_ADJUSTED
#define NA 0 /* no line or role */

typedef struct label_case {
    const char *label;
    int what;
    int detail; /* balance: OUT, EXB or VEX; movement: its role */
    int position;
    int measure;
    int award;
    const char *type;
    const char *date;
} label_case;

static const label_case label_cases[] = {
    /* seed 000 (a Details page) */
    {"Share-based compensation expenses", O, NA, NOPOS, NOM, -1, NULL, NULL},
    {"Share-based compensation expenses | ¥", O, NA, NOPOS, NOM, -1, NULL, NULL},
    {"Aggregate intrinsic value and Weighted average remaining contractual years", H, NA, NOPOS,
     NOM, -1, NULL, NULL},
    {"Outstanding as of December", B, OUT, NOPOS, NOM, -1, NULL, NULL},
    {"Options granted expiration period (in years)", O, NA, NOPOS, CTM, OPT, NULL, NULL},
    {"Vesting period of options granted which are subject to service condition", O, NA, NOPOS, NOM,
     OPT, NULL, NULL},
    {"Number of shares", H, NA, NOPOS, CNT, -1, NULL, NULL},
    {"Outstanding at the beginning of the period (in shares)", B, OUT, BEG, CNT, -1, NULL, NULL},
    {"Granted during the year (in shares)", M, GRA, NOPOS, CNT, -1, NULL, NULL},
    {"Forfeited during the year (in shares)", M, FOR, NOPOS, CNT, -1, NULL, NULL},
    {"Exercise during the year (in shares)", M, EXE, NOPOS, CNT, -1, NULL, NULL},
    {"Outstanding at the end of the period (in shares)", B, OUT, END, CNT, -1, NULL, NULL},
    {"Weighted average exercise prices", H, NA, NOPOS, PRC, -1, NULL, NULL},
    {"Outstanding at the beginning of the period (in dollars per share) | $ / shares", B, OUT, BEG,
     PSH, -1, NULL, NULL},
    {"Granted during the year (in dollars per share) | $ / shares", M, GRA, NOPOS, PSH, -1, NULL,
     NULL},
    {"Forfeited during the year (in dollars per share) | $ / shares", M, FOR, NOPOS, PSH, -1, NULL,
     NULL},
    {"Exercise during the year | $ / shares", M, EXE, NOPOS, PSH, -1, NULL, NULL},
    {"Outstanding at the end of the period (in dollars per share) | $ / shares", B, OUT, END, PSH,
     -1, NULL, NULL},
    {"Aggregate intrinsic value | $", U, NA, NOPOS, AIV, -1, NULL, NULL},
    {"Conversion ratio of share options", O, NA, NOPOS, NOM, OPT, NULL, NULL},
    /* seed 001 (a narrative Details page) */
    {"Share-Based Compensation Arrangement by Share-Based Payment Award [Line Items]", H, NA, NOPOS,
     NOM, -1, NULL, NULL},
    {"Options grants in period", M, GRA, NOPOS, NOM, OPT, NULL, NULL},
    {"Restricted stock units grants in period", M, GRA, NOPOS, NOM, OTH, "RSU", NULL},
    {"Stock option, fair value of underlying stock | $ / shares", O, NA, NOPOS, SHP, OPT, NULL,
     NULL},
    {"Unrecognized compensation expense | ¥", O, NA, NOPOS, NOM, -1, NULL, NULL},
    {"Weighted average period recognized", O, NA, NOPOS, NOM, -1, NULL, NULL},
    {"Restricted stock units, vested", M, VES, NOPOS, NOM, OTH, "RSU", NULL},
    {"Allocated share based compensation expense | ¥", O, NA, NOPOS, NOM, -1, NULL, NULL},
    {"Number of shares authorized", O, NA, NOPOS, CNT, -1, NULL, NULL},
    {"Shares reserved for issuance", O, NA, NOPOS, NOM, -1, NULL, NULL},
    /* seed 003 (a note's tables) */
    {"Number of options", H, NA, NOPOS, CNT, OPT, NULL, NULL},
    {"Weighted average exercise price", U, NA, NOPOS, PRC, -1, NULL, NULL},
    {"Weighted average grant date fair value", U, NA, NOPOS, FV, -1, NULL, NULL},
    {"Weighted average remaining contractual term (years)", U, NA, NOPOS, TRM, -1, NULL, NULL},
    {"Aggregate intrinsic value", U, NA, NOPOS, AIV, -1, NULL, NULL},
    {"Options outstanding at January 1, 2023", B, OUT, NOPOS, NOM, OPT, NULL, "2023-01-01"},
    {"Granted", M, GRA, NOPOS, NOM, -1, NULL, NULL},
    {"Exercised", M, EXE, NOPOS, NOM, -1, NULL, NULL},
    {"Forfeited", M, FOR, NOPOS, NOM, -1, NULL, NULL},
    {"Cancelled", M, CAN, NOPOS, NOM, -1, NULL, NULL},
    {"Options outstanding at December 31,\n2023", B, OUT, NOPOS, NOM, OPT, NULL, "2023-12-31"},
    {"Options vested and expected to vest as of December 31, 2023", B, VEX, NOPOS, NOM, OPT, NULL,
     "2023-12-31"},
    {"Options exercisable as of December 31, 2023", B, EXB, NOPOS, NOM, OPT, NULL, "2023-12-31"},
    {"RSUs", U, NA, NOPOS, CNT, OTH, "RSU", NULL},
    {"Unvested balance at January 1, 2023", B, OUT, NOPOS, NOM, OTH, NULL, "2023-01-01"},
    {"Vested", M, VES, NOPOS, NOM, -1, NULL, NULL},
    {"Unvested balance at December 31, 2023", B, OUT, NOPOS, NOM, OTH, NULL, "2023-12-31"},
    /* R143 (IFRS Details) */
    {"Disclosure of terms and conditions of share-based payment arrangement", H, NA, NOPOS, NOM, -1,
     NULL, NULL},
    {"At the beginning of the year | item", B, OUT, BEG, CNT, -1, NULL, NULL},
    {"At the end of the year | item", B, OUT, END, CNT, -1, NULL, NULL},
    {"Disclosure of number and weighted average remaining contractual life of outstanding share "
     "options [abstract]",
     H, NA, NOPOS, NOM, OPT, NULL, NULL},
    {"Weightedaverage exercise price | ¥ / shares", U, NA, NOPOS, PRC, -1, NULL, NULL},
    {"Weightedaverage remaining contractual life", U, NA, NOPOS, TRM, -1, NULL, NULL},
    {"At the beginning of the year", B, OUT, BEG, NOM, -1, NULL, NULL},
    {"At the end of the year", B, OUT, END, NOM, -1, NULL, NULL},
    /* Apple R38 / R25 */
    {"Number of Restricted Stock Units", H, NA, NOPOS, CNT, OTH, "RSU", NULL},
    {"Beginning balance (in shares) | shares", B, OUT, BEG, CNT, -1, NULL, NULL},
    {"RSUs granted (in shares) | shares", M, GRA, NOPOS, CNT, OTH, "RSU", NULL},
    {"RSUs vested (in shares) | shares", M, VES, NOPOS, CNT, OTH, "RSU", NULL},
    {"RSUs canceled (in shares) | shares", M, CAN, NOPOS, CNT, OTH, "RSU", NULL},
    {"Ending balance (in shares) | shares", B, OUT, END, CNT, -1, NULL, NULL},
    {"Weighted-Average Grant-Date Fair Value Per RSU", U, NA, NOPOS, FV, OTH, "RSU", NULL},
    {"Beginning balance (in dollars per share) | $ / shares", B, OUT, BEG, PSH, -1, NULL, NULL},
    {"RSUs canceled (in dollars per share) | $ / shares", M, CAN, NOPOS, PSH, OTH, "RSU", NULL},
    {"Balance as of September 28, 2024", B, OUT, NOPOS, NOM, -1, NULL, "2024-09-28"},
    {"Balance as of March 29, 2025", B, OUT, NOPOS, NOM, -1, NULL, "2025-03-29"},
    {"Number of RSUs (in thousands)", U, NA, NOPOS, CNT, OTH, "RSU", NULL},
    {"Share-based compensation expense", O, NA, NOPOS, NOM, -1, NULL, NULL},
    {"Income tax benefit related to share-based compensation expense", O, NA, NOPOS, NOM, -1, NULL,
     NULL},
    {"Total vesting-date fair value of RSUs", O, NA, NOPOS, FV, OTH, "RSU", NULL},
    {"Total unrecognized compensation cost related to outstanding RSUs", O, OUT, NOPOS, NOM, OTH,
     "RSU", NULL},
    {"Total unrecognized compensation cost related to outstanding RSUs, weighted-average "
     "recognition period",
     O, OUT, NOPOS, NOM, OTH, "RSU", NULL},
    {"Share-Based Payment Arrangement [Abstract]", H, NA, NOPOS, NOM, -1, NULL, NULL},
    /* the excerpts' note tables */
    {"Balance - January 1, 2020", B, OUT, NOPOS, NOM, -1, NULL, "2020-01-01"},
    {"Forfeited/expired", M, FEX, NOPOS, NOM, -1, NULL, NULL},
    {"Balance - December 31, 2020", B, OUT, NOPOS, NOM, -1, NULL, "2020-12-31"},
    {"Outstanding as at December 31, 2018", B, OUT, NOPOS, NOM, -1, NULL, "2018-12-31"},
    {"Exercisable as at December 31, 2019", B, EXB, NOPOS, NOM, -1, NULL, "2019-12-31"},
    {"Expired", M, EXP, NOPOS, NOM, -1, NULL, NULL},
    {"#", U, NA, NOPOS, CNT, -1, NULL, NULL},
    {"Options outstanding, beginning of period", B, OUT, BEG, NOM, OPT, NULL, NULL},
    {"Options forfeited", M, FOR, NOPOS, NOM, OPT, NULL, NULL},
    {"Options canceled in Equity Award Exchange", M, CAN, NOPOS, NOM, OPT, NULL, NULL},
    {"Options expired", M, EXP, NOPOS, NOM, OPT, NULL, NULL},
    {"Options outstanding, end of period", B, OUT, END, NOM, OPT, NULL, NULL},
    {"Options exercisable, end of period", B, EXB, END, NOM, OPT, NULL, NULL},
    {"Restricted units outstanding, beginning of period", B, OUT, BEG, NOM, OTH, "RSU", NULL},
    {"Restricted stock units granted", M, GRA, NOPOS, NOM, OTH, "RSU", NULL},
    {"Restricted stock units granted under Equity Award Exchange", M, GRA, NOPOS, NOM, OTH, "RSU",
     NULL},
    {"Restricted stock canceled under Equity Award Exchange", M, CAN, NOPOS, NOM, OTH,
     "restricted stock", NULL},
    {"Restricted stock units forfeited", M, FOR, NOPOS, NOM, OTH, "RSU", NULL},
    {"Restricted stock units vested", M, VES, NOPOS, NOM, OTH, "RSU", NULL},
    {"Restricted stock units outstanding, end of period", B, OUT, END, NOM, OTH, "RSU", NULL},
    {"Shares", U, NA, NOPOS, CNT, -1, NULL, NULL},
    {"Wtd. Avg. Exer. Price", U, NA, NOPOS, PRC, -1, NULL, NULL},
    {"Wtd. Avg. Grant Price", U, NA, NOPOS, FV, -1, NULL, NULL},
    {"Options outstanding, beginning of year", B, OUT, BEG, NOM, OPT, NULL, NULL},
    {"Options exercisable, end of year", B, EXB, END, NOM, OPT, NULL, NULL},
    {"Number of Options", H, NA, NOPOS, CNT, OPT, NULL, NULL},
    {"Weighted-Average Exercise Price ($C)", U, NA, NOPOS, PRC, -1, NULL, NULL},
    {"Options Outstanding", B, OUT, NOPOS, CNT, OPT, NULL, NULL},
    {"Exercise Price (1)", U, NA, NOPOS, PRC, -1, NULL, NULL},
    {"Remaining Life (2)", U, NA, NOPOS, TRM, -1, NULL, NULL},
    {"Outstanding as of January 1, 2018", B, OUT, NOPOS, NOM, -1, NULL, "2018-01-01"},
    {"Cancelled/forfeited", M, FEX, NOPOS, NOM, -1, NULL, NULL},
    {"Exercisable as of December 31, 2018", B, EXB, NOPOS, NOM, -1, NULL, "2018-12-31"},
    /* the usual labels of US filers */
    {"Outstanding, beginning balance (in shares)", B, OUT, BEG, CNT, -1, NULL, NULL},
    {"Weighted average exercise price, beginning (in dollars per share)", B, OUT, BEG, PRC, -1,
     NULL, NULL},
    {"Aggregate intrinsic value, outstanding", B, OUT, NOPOS, AIV, -1, NULL, NULL},
    {"Nonvested at beginning of year", B, OUT, BEG, NOM, OTH, NULL, NULL},
    {"Non-vested at end of year", B, OUT, END, NOM, OTH, NULL, NULL},
    {"Balance at December 31, 2022", B, OUT, NOPOS, NOM, -1, NULL, "2022-12-31"},
    {"Outstanding at Dec. 31, 2022", B, OUT, NOPOS, NOM, -1, NULL, "2022-12-31"},
    {"Vested and expected to vest", B, VEX, NOPOS, NOM, -1, NULL, NULL},
    {"Options outstanding, vested and expected to vest", B, VEX, NOPOS, NOM, OPT, NULL, NULL},
    {"Forfeited, cancelled or expired", M, FEX, NOPOS, NOM, -1, NULL, NULL},
    {"Forfeited or expired", M, FEX, NOPOS, NOM, -1, NULL, NULL},
    {"Forfeitures and expirations", M, FEX, NOPOS, NOM, -1, NULL, NULL},
    {"Canceled, forfeited and adjusted", M, FEX, NOPOS, NOM, -1, NULL, NULL},
    {"Assumed in acquisition", M, ASM, NOPOS, NOM, -1, NULL, NULL},
    {"Options assumed", M, ASM, NOPOS, NOM, OPT, NULL, NULL},
    {"Exchanged", M, ADJ, NOPOS, NOM, -1, NULL, NULL},
    {"Replaced", M, ADJ, NOPOS, NOM, -1, NULL, NULL},
    {"Modified", M, ADJ, NOPOS, NOM, -1, NULL, NULL},
    {"Repriced", M, ADJ, NOPOS, NOM, -1, NULL, NULL},
    {"Performance adjustment", M, ADJ, NOPOS, NOM, -1, NULL, NULL},
    {"Released", M, VES, NOPOS, NOM, -1, NULL, NULL},
    {"Settled", M, VES, NOPOS, NOM, -1, NULL, NULL},
    {"Exercised (in shares)", M, EXE, NOPOS, CNT, -1, NULL, NULL},
    {"Weighted average exercise price of options exercised", M, EXE, NOPOS, PRC, OPT, NULL, NULL},
    {"Weighted average grant-date fair value of options granted (in dollars per share)", M, GRA,
     NOPOS, FV, OPT, NULL, NULL},
    {"Total intrinsic value of options exercised", O, NA, NOPOS, AIV, OPT, NULL, NULL},
    {"Fair value of shares vested", O, NA, NOPOS, FV, -1, NULL, NULL},
    {"Performance share units granted", M, GRA, NOPOS, NOM, OTH, "PSU", NULL},
    {"PSUs vested", M, VES, NOPOS, NOM, OTH, "PSU", NULL},
    {"Phantom units granted", M, GRA, NOPOS, NOM, OTH, "phantom", NULL},
    {"Restricted stock awards granted", M, GRA, NOPOS, NOM, OTH, "restricted stock", NULL},
    {"Number of Options, Vested", M, VES, NOPOS, CNT, OPT, NULL, NULL},
    {"Weighted average remaining contractual term", U, NA, NOPOS, TRM, -1, NULL, NULL},
    {"Transfers", M, ADJ, NOPOS, NOM, -1, NULL, NULL},
    {"Other changes", U, NA, NOPOS, NOM, -1, NULL, NULL},
    {"Stock Option Activity", U, NA, NOPOS, NOM, OPT, NULL, NULL},
};

static const char *what_name(int w)
{
    static const char *const n[] = {"unknown", "balance", "movement", "heading", "other"};
    return w >= 0 && w <= 4 ? n[w] : "?";
}

START_TEST(test_labels)
{
    for (size_t i = 0; i < sizeof label_cases / sizeof *label_cases; i++) {
        const label_case *c = &label_cases[i];
        rc_class k;
        rc_classify_label(vocab, c->label, &k);
        ck_assert_msg((int)k.what == c->what, "'%s': %s, want %s", c->label, what_name(k.what),
                      what_name(c->what));
        if (c->detail == OUT)
            ck_assert_msg(k.outstanding, "'%s': not the outstanding balance", c->label);
        else if (c->what == B)
            ck_assert_msg(!k.outstanding && (int)k.line == c->detail, "'%s': line %s, want %s",
                          c->label, rc_line_name(k.line), rc_line_name((rc_line)c->detail));
        else if (c->what == M)
            ck_assert_msg((int)k.role == c->detail, "'%s': role %s, want %s", c->label,
                          rc_role_name(k.role), rc_role_name((rc_role)c->detail));
        ck_assert_msg((int)k.position == c->position, "'%s': position %d, want %d", c->label,
                      k.position, c->position);
        ck_assert_msg((int)k.measure == c->measure, "'%s': measure %d, want %d", c->label,
                      k.measure, c->measure);
        ck_assert_msg(k.award == c->award, "'%s': award %d, want %d", c->label, k.award, c->award);
        if (c->type)
            ck_assert_msg(k.award_type && strcmp(k.award_type, c->type) == 0,
                          "'%s': award type %s, want %s", c->label,
                          k.award_type ? k.award_type : "(none)", c->type);
        else
            ck_assert_msg(!k.award_type, "'%s': award type %s, want none", c->label, k.award_type);
        char got[11] = "";
        rc_day_format(k.date, got);
        ck_assert_msg(strcmp(got, c->date ? c->date : "") == 0, "'%s': date '%s', want '%s'",
                      c->label, got, c->date ? c->date : "");
        ck_assert(!k.by_name);
    }
}
END_TEST

/* ---- concepts ----------------------------------------------------------------------------- */

typedef struct concept_case {
    const char *qname;
    bool known;
    int what;
    int detail;
    int measure;
    int award;
    bool by_name;
} concept_case;

#define SBCA "us-gaap:ShareBasedCompensationArrangementByShareBasedPaymentAward"
#define SBCA2 "us-gaap:ShareBasedCompensationArrangementsByShareBasedPaymentAward"
#define SBSB "us-gaap:SharebasedCompensationArrangementBySharebasedPaymentAward"

static const concept_case concept_cases[] = {
    {SBCA "OptionsOutstandingNumber", true, B, OUT, CNT, OPT, false},
    {SBCA "OptionsGrantsInPeriodGross", true, M, GRA, CNT, OPT, false},
    {SBCA "OptionsExercisesInPeriod", true, M, EXE, CNT, OPT, false},
    {SBCA "OptionsForfeituresInPeriod", true, M, FOR, CNT, OPT, false},
    {SBCA "OptionsExpirationsInPeriod", true, M, EXP, CNT, OPT, false},
    {SBCA "OptionsForfeituresAndExpirationsInPeriod", true, M, FEX, CNT, OPT, false},
    {SBCA "OptionsOutstandingWeightedAverageExercisePrice", true, B, OUT, PRC, OPT, false},
    /* irregular spellings: ...Arrangements..., Sharebased..., suffixes 1 / 2 / 2019 */
    {SBCA2 "OptionsGrantsInPeriodWeightedAverageExercisePrice", true, M, GRA, PRC, OPT, false},
    {SBCA2 "OptionsExercisesInPeriodWeightedAverageExercisePrice", true, M, EXE, PRC, OPT, false},
    {SBCA "OptionsForfeituresAndExpirationsInPeriodWeightedAverageExercisePrice", true, M, FEX, PRC,
     OPT, false},
    {SBSB "OptionsExercisableIntrinsicValue1", true, B, EXB, AIV, OPT, false},
    {SBSB "OptionsOutstandingWeightedAverageRemainingContractualTerm2", true, B, OUT, TRM, OPT,
     false},
    {SBSB "OptionsVestedAndExpectedToVestOutstandingWeightedAverageRemainingContractualTerm1", true,
     B, VEX, TRM, OPT, false},
    {SBCA "OptionsVestedAndExpectedToVestOutstandingNumber", true, B, VEX, CNT, OPT, false},
    {SBCA "OptionsExercisesInPeriodTotalIntrinsicValue", true, O, NA, AIV, OPT, false},
    {SBCA "OptionsGrantsInPeriodWeightedAverageGrantDateFairValue", true, M, GRA, FV, OPT, false},
    /* other awards, as Apple's R38 names them */
    {SBCA "EquityInstrumentsOtherThanOptionsNonvestedNumber", true, B, OUT, CNT, OTH, false},
    {SBCA "EquityInstrumentsOtherThanOptionsGrantsInPeriod", true, M, GRA, CNT, OTH, false},
    {SBCA "EquityInstrumentsOtherThanOptionsVestedInPeriod", true, M, VES, CNT, OTH, false},
    {SBCA "EquityInstrumentsOtherThanOptionsForfeitedInPeriod", true, M, FOR, CNT, OTH, false},
    {SBCA "EquityInstrumentsOtherThanOptionsNonvestedWeightedAverageGrantDateFairValue", true, B,
     OUT, FV, OTH, false},
    {SBCA "EquityInstrumentsOtherThanOptionsForfeituresWeightedAverageGrantDateFairValue", true, M,
     FOR, FV, OTH, false},
    {SBCA "EquityInstrumentsOtherThanOptionsNonvestedRollForward", true, H, NA, NOM, OTH, false},
    {SBCA "NonOptionEquityInstrumentsOutstandingNumber", true, B, OUT, CNT, OTH, false},
    {SBCA "ExpirationPeriod", true, O, NA, CTM, -1, false},
    /* IFRS */
    {"ifrs-full:NumberOfOutstandingShareOptions", true, B, OUT, CNT, OPT, false},
    {"ifrs-full:NumberOfShareOptionsForfeitedInSharebasedPaymentArrangement", true, M, FOR, CNT,
     OPT, false},
    {"ifrs-full:WeightedAverageExercisePriceOfShareOptionsOutstandingInSharebasedPaymentArrangement"
     "2019",
     true, B, OUT, PRC, OPT, false},
    {"ifrs-full:WeightedAverageExercisePriceOfShareOptionsGrantedInSharebasedPaymentArrangement",
     true, M, GRA, PRC, OPT, false},
    {"ifrs-full:WeightedAverageRemainingContractualLifeOfOutstandingShareOptions2019", true, B, OUT,
     TRM, OPT, false},
    {"ifrs-full:NumberOfOtherEquityInstrumentsExercisedOrVestedInSharebasedPaymentArrangement",
     true, M, VES, CNT, OTH, false},
    /* extension concepts by their local names */
    {"tsla:ShareBasedCompensationArrangementByShareBasedPaymentAwardOptionsExercisedOrReleasedInPer"
     "iod",
     true, M, EXE, CNT, OPT, true},
    {"abc:ShareBasedCompensationArrangementByShareBasedPaymentAwardOptionsAssumedInPeriod", true, M,
     ASM, CNT, OPT, true},
    {"abc:OptionsExpirationsInPeriod", true, M, EXP, CNT, OPT, true},
    {"abc:OptionsCanceledForfeitedAndAdjustedInPeriod", true, M, FEX, CNT, OPT, true},
    {"abc:OptionsPerformanceAdjustment", true, M, ADJ, NOM, OPT, true},
    {"abc:UnearnedRestrictedStockUnits", true, B, OUT, CNT, OTH, true},
    {"abc:OptionsGrantedWeightedAverageExercisePrice", true, M, GRA, PRC, OPT, true},
    {"abc:ShareBasedCompensationExpenseRecognized", true, O, NA, NOM, -1, true},
    /* what says nothing */
    {"us-gaap:CommonStockSharesOutstanding", false, U, NA, NOM, -1, false},
    {"us-gaap:ShareBasedCompensationSomethingNew", false, U, NA, NOM, -1, false},
    {"abc:RevenueFromWidgets", false, U, NA, NOM, -1, false},
    {"NotAQName", false, U, NA, NOM, -1, false},
};

START_TEST(test_concepts)
{
    for (size_t i = 0; i < sizeof concept_cases / sizeof *concept_cases; i++) {
        const concept_case *c = &concept_cases[i];
        rc_class k;
        bool known = rc_classify_concept(vocab, c->qname, &k);
        ck_assert_msg(known == c->known, "%s: known %d", c->qname, known);
        ck_assert_msg((int)k.what == c->what, "%s: %s, want %s", c->qname, what_name(k.what),
                      what_name(c->what));
        if (c->detail == OUT)
            ck_assert_msg(k.outstanding, "%s: not outstanding", c->qname);
        else if (c->what == B)
            ck_assert_msg((int)k.line == c->detail, "%s: line %s", c->qname, rc_line_name(k.line));
        else if (c->what == M)
            ck_assert_msg((int)k.role == c->detail, "%s: role %s", c->qname, rc_role_name(k.role));
        ck_assert_msg((int)k.measure == c->measure, "%s: measure %d, want %d", c->qname, k.measure,
                      c->measure);
        ck_assert_msg(k.award == c->award, "%s: award %d, want %d", c->qname, k.award, c->award);
        ck_assert_msg(k.by_name == c->by_name, "%s: by_name %d", c->qname, k.by_name);
        ck_assert_int_eq(k.position, RC_POS_NONE);
    }
}
END_TEST

/* ---- members -------------------------------------------------------------------------------- */

static const struct {
    const char *member;
    int award;
    const char *type;
} member_cases[] = {
    {"Share Incentive Plan 2017 [Member]", -1, NULL},
    {"Global Share Plan", -1, NULL},
    {"2012 Share Plan of RONG 360", -1, NULL},
    {"Directors And Employees [Member]", -1, NULL},
    {"Nonemployee [Member]", -1, NULL},
    {"Cost Of Operations", -1, NULL},
    {"Employee Stock Purchase Plan [Member]", -1, NULL},
    {"Stock options", OPT, NULL},
    {"Employee Stock Option [Member]", OPT, NULL},
    {"Share-Based Payment Arrangement, Option [Member]", OPT, NULL},
    {"us-gaap:EmployeeStockOptionMember", OPT, NULL},
    {"us-gaap:AwardTypeAxis=us-gaap:EmployeeStockOptionMember", OPT, NULL},
    {"Restricted Stock Units (RSUs) [Member]", OTH, "RSU"},
    {"Restricted stock units", OTH, "RSU"},
    {"us-gaap:RestrictedStockUnitsRSUMember", OTH, "RSU"},
    {"us-gaap:PerformanceSharesMember", OTH, "PSU"},
    {"Performance Shares [Member]", OTH, "PSU"},
    {"us-gaap:RestrictedStockMember", OTH, "restricted stock"},
    {"Phantom Share Units (PSUs) [Member]", OTH, "phantom"},
    {"Stock Appreciation Rights (SARs) [Member]", OPT, "SAR"},
};

START_TEST(test_members)
{
    for (size_t i = 0; i < sizeof member_cases / sizeof *member_cases; i++) {
        int award = 7;
        const char *type = "x";
        bool names = rc_classify_member(vocab, member_cases[i].member, &award, &type);
        ck_assert_msg(names == (member_cases[i].award >= 0), "'%s': names an award: %d",
                      member_cases[i].member, names);
        ck_assert_msg(award == member_cases[i].award, "'%s': award %d", member_cases[i].member,
                      award);
        if (member_cases[i].type)
            ck_assert_msg(type && strcmp(type, member_cases[i].type) == 0, "'%s': type %s",
                          member_cases[i].member, type ? type : "(none)");
        else
            ck_assert_msg(!type, "'%s': type %s", member_cases[i].member, type);
    }
}
END_TEST

/* ---- dates and units ------------------------------------------------------------------------- */

static void date_is(const char *text, bool search, const char *want, size_t at, size_t len)
{
    rc_day d = 0;
    size_t a = 99, n = 99;
    int rc = rc_parse_date(text, search, &d, &a, &n);
    if (!want) {
        ck_assert_msg(rc == RC_ESYNTAX, "'%s' should be no date", text);
        return;
    }
    ck_assert_msg(rc == RC_OK, "'%s' is no date", text);
    char got[11];
    rc_day_format(d, got);
    ck_assert_msg(strcmp(got, want) == 0, "'%s': %s, want %s", text, got, want);
    ck_assert_msg(a == at && n == len, "'%s': at %zu len %zu, want %zu %zu", text, a, n, at, len);
}

START_TEST(test_dates)
{
    date_is("Dec. 31, 2023", false, "2023-12-31", 0, 13);
    date_is("Dec 31, 2023", false, "2023-12-31", 0, 12);
    date_is("December 31, 2023", false, "2023-12-31", 0, 17);
    date_is("Sept. 30, 2023", false, "2023-09-30", 0, 14);
    date_is("Sep. 30, 2023", false, "2023-09-30", 0, 13);
    date_is("May 10, 2017", false, "2017-05-10", 0, 12);
    date_is("Jan. 01, 2022", false, "2022-01-01", 0, 13);
    date_is("31 December 2023", false, "2023-12-31", 0, 16);
    date_is("2023-12-31", false, "2023-12-31", 0, 10);
    date_is("March 29,2025", false, "2025-03-29", 0, 13);
    date_is("  Mar. 29, 2025 ", false, "2025-03-29", 2, 13);
    date_is("February 29, 2024", false, "2024-02-29", 0, 17);
    /* inside longer text */
    date_is("Options outstanding at January 1, 2023", true, "2023-01-01", 23, 15);
    date_is("Balance - December 31, 2020", true, "2020-12-31", 10, 17);
    date_is("for the six months ended March 29, 2025 is as follows:", true, "2025-03-29", 25, 14);
    date_is("Options outstanding at December 31,\n   2023", true, "2023-12-31", 23, 20);
    date_is("as of 31 March 2024.", true, "2024-03-31", 6, 13);
    /* not dates */
    date_is("Outstanding as of December", true, NULL, 0, 0);
    date_is("February 30, 2023", false, NULL, 0, 0);
    date_is("February 29, 2023", false, NULL, 0, 0);
    date_is("Dec. 31, 2023 (restated)", false, NULL, 0, 0);
    date_is("2023-13-01", false, NULL, 0, 0);
    date_is("Marching 3, 2023", true, NULL, 0, 0);
    date_is("12 Months Ended", true, NULL, 0, 0);
    date_is("", true, NULL, 0, 0);
}
END_TEST

static void unit_is(const char *text, rc_unit_kind kind, const char *symbol, const char *code)
{
    rc_unit u;
    bool ok = rc_unit_parse(text, strlen(text), &u);
    ck_assert_msg(ok == (kind != RC_UNIT_NONE), "'%s': parsed %d", text, ok);
    ck_assert_msg(u.kind == kind, "'%s': kind %d, want %d", text, u.kind, kind);
    ck_assert_msg(strcmp(u.symbol, symbol) == 0, "'%s': symbol '%s', want '%s'", text, u.symbol,
                  symbol);
    ck_assert_msg(strcmp(u.code, code) == 0, "'%s': code '%s', want '%s'", text, u.code, code);
}

START_TEST(test_units)
{
    unit_is("USD ($)", RC_UNIT_MONEY, "$", "USD");
    unit_is("CNY (¥)", RC_UNIT_MONEY, "¥", "CNY");
    unit_is("TWD ($)", RC_UNIT_MONEY, "$", "TWD");
    unit_is("$", RC_UNIT_MONEY, "$", "");
    unit_is("¥", RC_UNIT_MONEY, "¥", "");
    unit_is("C$", RC_UNIT_MONEY, "C$", "");
    unit_is("RMB", RC_UNIT_MONEY, "", "CNY");
    unit_is("$ / shares", RC_UNIT_PER_SHARE, "$", "");
    unit_is("€ / shares", RC_UNIT_PER_SHARE, "€", "");
    unit_is("¥ / shares", RC_UNIT_PER_SHARE, "¥", "");
    unit_is("CNY (¥) / shares", RC_UNIT_PER_SHARE, "¥", "CNY");
    unit_is("shares", RC_UNIT_SHARES, "", "");
    unit_is("EquityInstruments", RC_UNIT_SHARES, "", "");
    unit_is("item", RC_UNIT_SHARES, "", "");
    unit_is("pure", RC_UNIT_PURE, "", "");
    unit_is("Stock options", RC_UNIT_NONE, "", "");
    unit_is("Dec. 31, 2023", RC_UNIT_NONE, "", "");
    unit_is("Global Share Plan", RC_UNIT_NONE, "", "");
    unit_is("", RC_UNIT_NONE, "", "");

    rc_unit u;
    const char *l = "Granted during the year (in dollars per share) | $ / shares";
    ck_assert_uint_eq(rc_label_split_unit(l, &u), 46);
    ck_assert_int_eq(u.kind, RC_UNIT_PER_SHARE);
    l = "At the beginning of the year | item";
    ck_assert_uint_eq(rc_label_split_unit(l, &u), 28);
    ck_assert_int_eq(u.kind, RC_UNIT_SHARES);
    /* a member list is no unit */
    l = "2012 Share Plan of RONG 360 | Minimum";
    ck_assert_uint_eq(rc_label_split_unit(l, &u), strlen(l));
    ck_assert_int_eq(u.kind, RC_UNIT_NONE);
    ck_assert_str_eq(rc_currency_code("C$", 2), "CAD");
    ck_assert_str_eq(rc_currency_code("$C", 2), "CAD");
    ck_assert_str_eq(rc_currency_code("US$", 3), "USD");
    ck_assert_str_eq(rc_currency_code("HK$", 3), "HKD");
    ck_assert_str_eq(rc_currency_code("€", strlen("€")), "EUR");
    ck_assert_ptr_null(rc_currency_code("XYZ", 3));
}
END_TEST

/* ---- loading vocabulary files ------------------------------------------------------------- */

static char dir[64];

static void write_file(const char *name, const char *text)
{
    char path[256];
    snprintf(path, sizeof path, "%s/%s", dir, name);
    FILE *f = fopen(path, "w");
    ck_assert_ptr_nonnull(f);
    fputs(text, f);
    fclose(f);
}

static void remove_file(const char *name)
{
    char path[256];
    snprintf(path, sizeof path, "%s/%s", dir, name);
    unlink(path);
}

/* Loading text as a vocabulary file must fail with want (after "DIR/v.json:"). */
static void load_error(const char *text, const char *want)
{
    write_file("v.json", text);
    rc_vocab *v;
    ck_assert_int_eq(rc_vocab_new(&v), RC_OK);
    char path[256];
    snprintf(path, sizeof path, "%s/v.json", dir);
    int rc = rc_vocab_load_file(v, path, ctx);
    ck_assert_msg(rc == RC_ESYNTAX, "'%s' loaded (%d)", text, rc);
    char full[512];
    snprintf(full, sizeof full, "%s:%s", path, want);
    /* a trailing '*': the rest is the C library's own words */
    size_t n = strlen(full);
    if (n && full[n - 1] == '*')
        ck_assert_msg(strncmp(rc_ctx_error(ctx), full, n - 1) == 0, "%s, want %s",
                      rc_ctx_error(ctx), full);
    else
        ck_assert_str_eq(rc_ctx_error(ctx), full);
    ck_assert_str_ne(rc_ctx_detail(ctx), "");
    /* nothing of a bad file is kept */
    rc_class k;
    rc_classify_label(v, "Granted", &k);
    ck_assert_int_eq(k.what, RC_WHAT_UNKNOWN);
    rc_vocab_free(v);
    remove_file("v.json");
}

START_TEST(test_load_errors)
{
    strcpy(dir, "/tmp/rollcheck-vocab-XXXXXX");
    ck_assert_ptr_nonnull(mkdtemp(dir));
    load_error("[1]", "1:1: error: a vocabulary file is a JSON object: {\"labels\": [...]} or "
                      "{\"concepts\": {...}}");
    load_error("{\"rules\": []}", "1:1: error: not a vocabulary file: no \"labels\" or "
                                  "\"concepts\"");
    load_error("{\"labels\": {}}", "1:12: error: \"labels\" must be an array of entries");
    load_error("{\"labels\": [\n  {\"match\": \"granted\", \"role\": \"given\"}\n]}",
               "2:32: error: unknown 'role' \"given\" (granted, assumed, exercised, vested, "
               "forfeited, expired, cancelled, forfeited_expired, adjusted or other)");
    load_error("{\"labels\": [{\"match\": \"granted\", \"colour\": \"red\"}]}",
               "1:34: error: unknown field 'colour' (an entry has match, unless, what, balance, "
               "position, role, measure, award, award_type, range; names starting with '_' are "
               "comments)");
    load_error("{\"labels\": [{\"match\": \"granted\"}]}",
               "1:13: error: the entry sets nothing (give at least one of what, balance, "
               "position, role, measure, award, award_type, range)");
    load_error("{\"labels\": [{\"role\": \"granted\"}]}",
               "1:13: error: an entry of \"labels\" needs \"match\": a regular expression");
    /* a regular expression that does not compile, at its place */
    load_error("{\"labels\": [\n  {\"match\": \"grant(ed\", \"role\": \"granted\"}]}",
               "2:13: error: bad regular expression \"grant(ed\": *");
    load_error("{\"labels\": [{\"match\": \"x\", \"unless\": \"[a\", \"what\": \"other\"}]}",
               "1:38: error: bad regular expression \"[a\": *");
    load_error("{\"labels\": [{\"match\": \"x\", \"measure\": \"weight\"}]}",
               "1:39: error: unknown 'measure' \"weight\" (count, price, fair_value, aiv, term, "
               "share_price, contractual_term, per_share or none)");
    load_error("{\"labels\": [{\"match\": \"x\", \"award\": 1}]}",
               "1:37: error: 'award' must be a string");
    load_error("{\"concepts\": {\"NoPrefix\": {\"what\": \"other\"}}}",
               "1:15: error: 'NoPrefix' is not a concept name (prefix:LocalName)");
    load_error("{\"concepts\": {\"a:B\": {\"match\": \"x\", \"what\": \"other\"}}}",
               "1:23: error: unknown field 'match' (an entry has what, balance, position, role, "
               "measure, award, award_type, range; names starting with '_' are comments)");
    load_error("{\"concepts\": {\"a:B\": {\"range\": \"middle\"}}}",
               "1:32: error: unknown 'range' \"middle\" (low, high or none)");
    load_error("{\"concepts\": {\"a:B\": {\"what\": \"other\"}, \"a:B\": {\"what\": \"heading\"}}}",
               "1:41: error: concept 'a:B' given twice");
    load_error("{\"labels\": [], \"rules\": []}",
               "1:16: error: unknown field 'rules' in a vocabulary file (it holds labels, "
               "members, concepts, extensions; names starting with '_' are comments)");
    load_error("{\"labels\": [], \"labels\": []}", "1:16: error: field 'labels' given twice");
    load_error("{\"labels\": [", "1:12: error: invalid JSON");
    rmdir(dir);
}
END_TEST

/* A file loaded later is tried first: users override the defaults. */
START_TEST(test_precedence)
{
    strcpy(dir, "/tmp/rollcheck-vocab-XXXXXX");
    ck_assert_ptr_nonnull(mkdtemp(dir));
    write_file("labels.json",
               "{\"_\": \"a user's words\", \"labels\": [\n"
               "  {\"match\": \"^transmogrified\", \"role\": \"adjusted\"},\n"
               "  {\"match\": \"^granted$\", \"what\": \"other\"}],\n"
               " \"members\": [{\"match\": \"^global share plan$\", \"award\": \"other\", "
               "\"award_type\": \"GSP\"}]}");
    write_file("concepts.json",
               "{\"concepts\": {\"us-gaap:CommonStockSharesOutstanding\": {\"what\": \"other\"},\n"
               "  \"" SBCA "OptionsExercisesInPeriod\": {\"role\": \"vested\"}},\n"
               " \"extensions\": [{\"match\": \"widgets\", \"what\": \"other\"}]}");
    write_file("rules.json", "{\"rules\": []}");
    write_file("notes.txt", "not json");
    ck_assert_msg(rc_vocab_load_dir(vocab, dir, ctx) == RC_OK, "%s", rc_ctx_error(ctx));
    rc_class k;
    rc_classify_label(vocab, "Transmogrified", &k);
    ck_assert_int_eq(k.what, RC_WHAT_MOVEMENT);
    ck_assert_int_eq(k.role, RC_ROLE_ADJUSTED);
    /* the user's entry comes first */
    rc_classify_label(vocab, "Granted", &k);
    ck_assert_int_eq(k.what, RC_WHAT_OTHER);
    /* the defaults still answer what the user's file does not say */
    rc_classify_label(vocab, "Granted (in shares)", &k);
    ck_assert_int_eq(k.role, RC_ROLE_GRANTED);
    ck_assert_int_eq(k.measure, RC_MEASURE_COUNT);
    int award;
    const char *type;
    ck_assert(rc_classify_member(vocab, "Global Share Plan", &award, &type));
    ck_assert_str_eq(type, "GSP");
    ck_assert(rc_classify_concept(vocab, "us-gaap:CommonStockSharesOutstanding", &k));
    ck_assert_int_eq(k.what, RC_WHAT_OTHER);
    ck_assert(rc_classify_concept(vocab, SBCA "OptionsExercisesInPeriod", &k));
    ck_assert_int_eq(k.role, RC_ROLE_VESTED);
    ck_assert(!k.by_name);
    ck_assert(rc_classify_concept(vocab, "abc:WidgetsSold", &k));
    ck_assert(k.by_name);
    ck_assert_int_eq(k.what, RC_WHAT_OTHER);
    remove_file("labels.json");
    remove_file("concepts.json");
    remove_file("rules.json");
    remove_file("notes.txt");
    rmdir(dir);
    ck_assert_int_eq(rc_vocab_load_dir(vocab, dir, ctx), RC_EIO);
    char want[256];
    snprintf(want, sizeof want,
             "%s: error: cannot open the rules directory: No such file or directory", dir);
    ck_assert_str_eq(rc_ctx_error(ctx), want);
}
END_TEST

static Suite *suite(void)
{
    Suite *s = suite_create("classify");
    TCase *tc = tcase_create("vocabulary");
    tcase_add_checked_fixture(tc, setup, teardown);
    tcase_add_test(tc, test_labels);
    tcase_add_test(tc, test_concepts);
    tcase_add_test(tc, test_members);
    tcase_add_test(tc, test_dates);
    tcase_add_test(tc, test_units);
    tcase_add_test(tc, test_load_errors);
    tcase_add_test(tc, test_precedence);
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
