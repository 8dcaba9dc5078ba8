/*
 * Unit tests: a company's own schedule (schedule.h) - the layouts people use,
 * the mapping file for the ones that need it, and the template in samples/.
 *
 * Each schedule here goes the whole way: CSV text, grid, the tables of the sheet,
 * the table interpreter, rc_model_finish and the default rules; the tests state
 * what a reader of the schedule must find.
 */
#include <check.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "rollcheck/check.h"
#include "rollcheck/model.h"
#include "rollcheck/read.h"
#include "rollcheck/rules.h"
#include "read/csv.h"
#include "read/grid.h"
#include "read/schedule.h"

static rc_vocab *vocab;
static rc_ruleset *rules;
static rc_ctx *ctx;
static rc_model *model;

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
}

static void teardown(void)
{
    rc_model_free(model);
    rc_ruleset_free(rules);
    rc_vocab_free(vocab);
    rc_ctx_free(ctx);
}

/* ---- reading ---------------------------------------------------------------------------- */

/* Read CSV text as the file "s.csv" (no mapping file beside it) and finish the model. */
static void read_csv(const char *text)
{
    rc_format format;
    int rc = rc_read_buffer(model, vocab, "s.csv", text, strlen(text), &format, ctx);
    ck_assert_msg(rc == RC_OK, "read: %s", rc_ctx_error(ctx));
    ck_assert_int_eq(format, RC_FORMAT_CSV);
    ck_assert_int_eq(rc_model_finish(model, ctx), RC_OK);
}

/* Read CSV text with a mapping given as JSON text; returns the reader's code. */
static int read_mapped(const char *text, const char *json, const char *sheet_name)
{
    rc_grid *g = NULL;
    ck_assert_int_eq(rc_csv_parse("s.csv", text, strlen(text), &g, NULL, ctx), RC_OK);
    rc_schedule_map *map = NULL;
    int rc = rc_schedule_map_parse(&map, "s.csv.map.json", json, strlen(json), ctx);
    ck_assert_msg(rc == RC_OK, "mapping: %s", rc_ctx_error(ctx));
    ck_assert_str_eq(rc_schedule_map_path(map), "s.csv.map.json");
    rc_schedule_sheet sheet = {g, sheet_name, NULL};
    rc = rc_schedule_read(model, vocab, &sheet, map, ctx);
    rc_schedule_map_free(map);
    rc_grid_free(g);
    if (rc == RC_OK) ck_assert_int_eq(rc_model_finish(model, ctx), RC_OK);
    return rc;
}

/* ---- looking at the result -------------------------------------------------------------- */

static bool fact_is(const rc_fact *f, const char *want)
{
    if (!f || !want) return f == NULL && want == NULL;
    char *s = rc_q_format_exact(f->value.q, 12, RC_ROUND_NEAREST);
    bool ok = strcmp(s, want) == 0;
    free(s);
    return ok;
}

#define FACT(f, want)                                                                              \
    do {                                                                                           \
        const rc_fact *f_ = (f);                                                                   \
        char *s_ = f_ ? rc_q_format_exact(f_->value.q, 12, RC_ROUND_NEAREST) : NULL;               \
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

/* The roll-forward of the finished model with this award and end. */
static const rc_rollforward *find_rf(rc_award award, const char *end)
{
    const rc_rollforward *found = NULL;
    for (size_t i = 0; i < rc_model_count(model); i++) {
        const rc_rollforward *rf = rc_model_get(model, i);
        if (rf->award == award && rf->end == day(end) && rc_rollforward_is_rollforward(rf)) {
            ck_assert_msg(!found, "two roll-forwards for %s ending %s", rc_award_name(award), end);
            found = rf;
        }
    }
    ck_assert_msg(found, "no roll-forward for %s ending %s", rc_award_name(award), end);
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

static void print_notes(void)
{
    for (size_t i = 0; i < rc_model_note_count(model); i++)
        fprintf(stderr, "  note %u: %s\n", rc_model_note(model, i)->src.line,
                rc_model_note(model, i)->text);
}

static rc_results *check_all(void)
{
    rc_results *res = NULL;
    ck_assert_int_eq(rc_check(rules, model, &res, ctx), RC_OK);
    return res;
}

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

/* ---- layouts ---------------------------------------------------------------------------- */

/* Measures across, periods stacked: the layout of a note's own table. */
START_TEST(test_measures_across)
{
    read_csv("Stock option activity,,,,\n"
             ",Number of options,Weighted-average exercise price ($),"
             "Weighted-average remaining term (years),Aggregate intrinsic value ($000)\n"
             "\"Outstanding at December 31, 2022\",\"1,000\",10.00,6.1,\"5,000\"\n"
             "Granted,400,12.00,,\n"
             "Exercised,(100),8.00,,\n"
             "Forfeited,(100),11.00,,\n"
             "\"Outstanding at December 31, 2023\",\"1,200\",10.75,6.3,\"9,000\"\n"
             "Granted,300,14.00,,\n"
             "Exercised,(150),9.00,,\n"
             "Forfeited,(50),12.00,,\n"
             "\"Outstanding at December 31, 2024\",\"1,300\",11.65,6.2,\"12,000\"\n"
             "\"Exercisable at December 31, 2024\",700,10.20,4.0,\"7,000\"\n");
    ck_assert(has_note("schedule table, rows 2-12: measures across (B-E), periods down"));
    ck_assert_uint_eq(rc_model_count_rollforwards(model, NULL), 2);
    const rc_rollforward *y23 = find_rf(RC_AWARD_OPTIONS, "2023-12-31");
    const rc_rollforward *y24 = find_rf(RC_AWARD_OPTIONS, "2024-12-31");
    ck_assert_int_eq(y23->start, day("2023-01-01"));
    ck_assert_str_eq(y23->currency, "USD");
    FACT(rc_opening(y23)->count, "1000");
    FACT(rc_opening(y23)->aiv, "5000000"); /* $000 */
    FACT(rc_opening(y23)->term, "6.1");
    FACT(rc_closing(y23)->price, "10.75");
    FACT(rc_opening(y24)->count, "1200"); /* the 2023 closing opens 2024 */
    FACT(y24->lines[RC_LINE_EXERCISABLE].count, "700");
    ck_assert_ptr_eq(y24->previous, y23);
    ck_assert_int_eq(movement(y24, RC_ROLE_EXERCISED)->direction, -1);
    rc_results *res = check_all();
    ck_assert_int_eq(outcome(res, "RC101", y23), RC_PASSED);
    ck_assert_int_eq(outcome(res, "RC102", y23), RC_PASSED);
    ck_assert_int_eq(outcome(res, "RC101", y24), RC_PASSED);
    ck_assert_int_eq(outcome(res, "RC102", y24), RC_PASSED);
    rc_results_free(res);
}
END_TEST

/* Periods in column groups: "2024" over its measures, as a merged heading is saved to CSV
 * (the label in the first column of the merge, the others empty). */
START_TEST(test_period_groups)
{
    read_csv(",2024,,2023,\n"
             ",Number of options,Weighted average exercise price,Number of options,"
             "Weighted average exercise price\n"
             "Outstanding at beginning of year,\"1,200\",10.75,\"1,000\",10.00\n"
             "Granted,300,14.00,400,12.00\n"
             "Exercised,(150),9.00,(100),8.00\n"
             "Forfeited,(50),12.00,(100),11.00\n"
             "Outstanding at end of year,\"1,300\",11.65,\"1,200\",10.75\n");
    ck_assert(has_note("measures across (B-E), periods in column groups"));
    const rc_rollforward *y23 = find_rf(RC_AWARD_OPTIONS, "2023-12-31");
    const rc_rollforward *y24 = find_rf(RC_AWARD_OPTIONS, "2024-12-31");
    FACT(rc_opening(y23)->count, "1000");
    FACT(rc_closing(y24)->price, "11.65");
    FACT(movement(y24, RC_ROLE_GRANTED)->price, "14");
    rc_results *res = check_all();
    ck_assert_int_eq(outcome(res, "RC101", y23), RC_PASSED);
    ck_assert_int_eq(outcome(res, "RC102", y24), RC_PASSED);
    ck_assert_int_eq(outcome(res, "RC110", y24), RC_PASSED); /* chained */
    rc_results_free(res);
}
END_TEST

/* Periods across, the measures in row groups: pivoted. */
START_TEST(test_periods_across)
{
    read_csv("Stock option activity (in thousands),,\n"
             ",FY2024,FY2023\n"
             "Number of options,,\n"
             "Outstanding at beginning of year,\"1,200\",\"1,000\"\n"
             "Granted,300,400\n"
             "Exercised,(150),(100)\n"
             "Forfeited,(50),(100)\n"
             "Outstanding at end of year,\"1,300\",\"1,200\"\n"
             "Weighted average exercise price,,\n"
             "Outstanding at beginning of year,10.75,10.00\n"
             "Granted,14.00,12.00\n"
             "Exercised,9.00,8.00\n"
             "Forfeited,12.00,11.00\n"
             "Outstanding at end of year,11.65,10.75\n");
    if (!has_note("periods across (B-C), measures in row groups (number, exercise price)"))
        print_notes();
    ck_assert(has_note("periods across (B-C), measures in row groups (number, exercise price)"));
    ck_assert_uint_eq(rc_model_count_rollforwards(model, NULL), 2);
    const rc_rollforward *y24 = find_rf(RC_AWARD_OPTIONS, "2024-12-31");
    const rc_rollforward *y23 = find_rf(RC_AWARD_OPTIONS, "2023-12-31");
    /* the title's scale applies to the counts, not to the prices */
    FACT(rc_opening(y24)->count, "1200000");
    FACT(rc_opening(y24)->price, "10.75");
    FACT(movement(y24, RC_ROLE_EXERCISED)->count, "-150000");
    FACT(movement(y24, RC_ROLE_EXERCISED)->price, "9");
    FACT(rc_closing(y23)->price, "10.75");
    ck_assert_uint_eq(y24->nmovements, 3);
    rc_results *res = check_all();
    ck_assert_int_eq(outcome(res, "RC101", y24), RC_PASSED);
    ck_assert_int_eq(outcome(res, "RC102", y24), RC_PASSED);
    ck_assert_int_eq(outcome(res, "RC102", y23), RC_PASSED);
    rc_results_free(res);
}
END_TEST

/* Periods across, each row's label naming its measure, dates written 12/31/2024. */
START_TEST(test_periods_across_labels)
{
    read_csv(",Year ended 12/31/2024,Year ended 12/31/2023\n"
             "Options outstanding at beginning of year,\"1,200\",\"1,000\"\n"
             "Weighted average exercise price at beginning of year,10.75,10.00\n"
             "Options granted,300,400\n"
             "Weighted average exercise price of options granted,14.00,12.00\n"
             "Options exercised,(150),(100)\n"
             "Weighted average exercise price of options exercised,9.00,8.00\n"
             "Options forfeited,(50),(100)\n"
             "Weighted average exercise price of options forfeited,12.00,11.00\n"
             "Options outstanding at end of year,\"1,300\",\"1,200\"\n"
             "Weighted average exercise price at end of year,11.65,10.75\n");
    const rc_rollforward *y24 = find_rf(RC_AWARD_OPTIONS, "2024-12-31");
    const rc_rollforward *y23 = find_rf(RC_AWARD_OPTIONS, "2023-12-31");
    ck_assert_int_eq(y24->start, day("2024-01-01"));
    FACT(rc_opening(y23)->price, "10");
    FACT(movement(y23, RC_ROLE_FORFEITED)->price, "11");
    FACT(rc_closing(y24)->count, "1300");
    rc_results *res = check_all();
    ck_assert_int_eq(outcome(res, "RC102", y23), RC_PASSED);
    ck_assert_int_eq(outcome(res, "RC102", y24), RC_PASSED);
    rc_results_free(res);
}
END_TEST

/* Two awards side by side: one table each. */
START_TEST(test_awards_side_by_side)
{
    read_csv("Equity award activity,,,,\n"
             ",Stock options,,Restricted stock units,\n"
             ",Number,Weighted average exercise price,Number,"
             "Weighted average grant date fair value\n"
             "\"Outstanding at December 31, 2023\",\"1,000\",10.00,500,20.00\n"
             "Granted,200,12.00,100,25.00\n"
             "Exercised,(100),8.00,,\n"
             "Vested,,,(150),18.00\n"
             "Forfeited,(50),11.00,(20),21.00\n"
             "\"Outstanding at December 31, 2024\",\"1,050\",10.52,430,21.81\n");
    ck_assert(has_note("rows 2-9, Stock options: measures across (B-C)"));
    ck_assert(has_note("rows 2-9, Restricted stock units: measures across (D-E)"));
    ck_assert_uint_eq(rc_model_count_rollforwards(model, NULL), 2);
    const rc_rollforward *opt = find_rf(RC_AWARD_OPTIONS, "2024-12-31");
    const rc_rollforward *rsu = find_rf(RC_AWARD_OTHER, "2024-12-31");
    ck_assert_str_eq(rsu->award_type, "RSU");
    ck_assert_uint_eq(opt->nmovements, 3);
    ck_assert_ptr_null(movement(opt, RC_ROLE_VESTED));
    ck_assert_uint_eq(rsu->nmovements, 3);
    ck_assert_ptr_null(movement(rsu, RC_ROLE_EXERCISED));
    FACT(rc_closing(rsu)->fair_value, "21.81");
    FACT(movement(rsu, RC_ROLE_VESTED)->count, "-150");
    rc_results *res = check_all();
    ck_assert_int_eq(outcome(res, "RC101", opt), RC_PASSED);
    ck_assert_int_eq(outcome(res, "RC102", opt), RC_PASSED);
    ck_assert_int_eq(outcome(res, "RC101", rsu), RC_PASSED);
    ck_assert_int_eq(outcome(res, "RC103", rsu), RC_PASSED);
    rc_results_free(res);
}
END_TEST

/* Measure headings that name different awards are side by side too; an RSU table below
 * the options, with headings of its own, is a table of its own. */
START_TEST(test_awards_named_and_stacked)
{
    read_csv(",Options,Weighted average exercise price,RSUs,Weighted average grant date fair "
             "value\n"
             "Outstanding at beginning of period,100,5.00,40,9.00\n"
             "Granted,20,8.00,10,12.00\n"
             "Outstanding at end of period,120,5.50,50,9.60\n"
             ",,,,\n"
             "Performance share units,,,,\n"
             ",Number of units,Weighted average grant date fair value,,\n"
             "Nonvested at beginning of period,60,7.00,,\n"
             "Vested,(20),6.00,,\n"
             "Nonvested at end of period,40,7.50,,\n");
    ck_assert_uint_eq(rc_model_count_rollforwards(model, NULL), 3);
    size_t options = 0, rsu = 0, psu = 0;
    for (size_t i = 0; i < rc_model_count(model); i++) {
        const rc_rollforward *rf = rc_model_get(model, i);
        if (!rc_rollforward_is_rollforward(rf)) continue;
        options += rf->award == RC_AWARD_OPTIONS;
        rsu += rf->award == RC_AWARD_OTHER && rf->award_type && !strcmp(rf->award_type, "RSU");
        psu += rf->award == RC_AWARD_OTHER && rf->award_type && !strcmp(rf->award_type, "PSU");
        if (rf->award_type && !strcmp(rf->award_type, "PSU")) {
            FACT(rc_opening(rf)->count, "60");
            FACT(rc_closing(rf)->fair_value, "7.5");
        }
    }
    ck_assert_uint_eq(options, 1);
    ck_assert_uint_eq(rsu, 1);
    ck_assert_uint_eq(psu, 1);
}
END_TEST

/* A period named by a row of its own; a "$" column beside the prices; a euro sign after
 * the number; a title in the column of the values. */
START_TEST(test_period_sections)
{
    read_csv(",,Option activity for the years ended June 30,,\n"
             ",Number of options,,Weighted average exercise price,Term (years)\n"
             "Fiscal 2023,,,,\n"
             "Outstanding at beginning of year,\"1,000\",$,10.00,5.0\n"
             "Granted,400,$,12.00,\n"
             "Exercised,(100),$,8.00,\n"
             "Forfeited,(100),$,11.00,\n"
             "Outstanding at end of year,\"1,200\",$,10.75,5.2\n"
             "Fiscal 2024,,,,\n"
             "Outstanding at beginning of year,\"1,200\",$,10.75,5.2\n"
             "Granted,300,$,14.00 \xe2\x82\xac,\n"
             "Exercised,(150),$,9.00,\n"
             "Forfeited,(50),$,12.00,\n"
             "Outstanding at end of year,\"1,300\",$,11.65,5.1\n");
    ck_assert_uint_eq(rc_model_count_rollforwards(model, NULL), 2);
    const rc_rollforward *y23 = find_rf(RC_AWARD_OPTIONS, "2023-06-30");
    const rc_rollforward *y24 = find_rf(RC_AWARD_OPTIONS, "2024-06-30");
    ck_assert_int_eq(y23->start, day("2022-07-01"));
    FACT(rc_opening(y23)->price, "10");
    ck_assert_str_eq(rc_opening(y23)->price->currency, "USD");
    ck_assert_str_eq(movement(y24, RC_ROLE_GRANTED)->price->currency, "EUR");
    FACT(rc_closing(y24)->term, "5.1");
    ck_assert_ptr_eq(y24->previous, y23);
}
END_TEST

/* Periods stacked with no date on their rows: dated from the title's period end, counting
 * back one year per closing balance; with no date anywhere, the table is not read (and says
 * so) rather than read as two reports of one period. */
START_TEST(test_stacked_undated)
{
    static const char body[] = ",Number of options,Weighted average exercise price\n"
                               "Outstanding at beginning of year,\"1,000\",10.00\n"
                               "Granted,400,12.00\n"
                               "Outstanding at end of year,\"1,400\",10.57\n"
                               "Granted,100,14.00\n"
                               "Outstanding at end of year,\"1,500\",10.80\n"
                               "Exercisable at end of year,500,9.00\n";
    char text[1024];
    snprintf(text, sizeof text, "\"Option activity, years ended June 30, 2024 and 2023\"\n%s",
             body);
    read_csv(text);
    ck_assert_uint_eq(rc_model_count_rollforwards(model, NULL), 2);
    const rc_rollforward *y23 = find_rf(RC_AWARD_OPTIONS, "2023-06-30");
    const rc_rollforward *y24 = find_rf(RC_AWARD_OPTIONS, "2024-06-30");
    ck_assert_int_eq(y23->start, day("2022-07-01"));
    FACT(rc_opening(y23)->count, "1000");
    FACT(rc_opening(y24)->count, "1400");
    FACT(y24->lines[RC_LINE_EXERCISABLE].count, "500");
    ck_assert_ptr_eq(y24->previous, y23);
    rc_model_free(model);
    ck_assert_int_eq(rc_model_new(&model), RC_OK);
    read_csv(body);
    ck_assert_uint_eq(rc_model_count_rollforwards(model, NULL), 0);
    ck_assert_uint_eq(rc_model_fact_count(model), 0);
    ck_assert(has_note("rows 1-7: not read: it stacks several periods and neither its balance "
                       "rows nor its title date them"));
}
END_TEST

/* What rc_schedule_tables_make makes of a sheet, and a sheet with no table. */
START_TEST(test_tables_of_a_sheet)
{
    const char *text = "Notes to the schedule\nPrepared by the filing team\n\n"
                       "Label,Number\nGranted,100\n";
    rc_grid *g = NULL;
    ck_assert_int_eq(rc_csv_parse("s.csv", text, strlen(text), &g, NULL, ctx), RC_OK);
    rc_schedule_sheet sheet = {g, NULL, NULL};
    rc_schedule_tables *t = NULL;
    ck_assert_int_eq(rc_schedule_tables_make(vocab, &sheet, NULL, &t, ctx), RC_OK);
    ck_assert_uint_eq(t->n, 1);
    ck_assert_uint_eq(t->rows[0], 4);
    ck_assert_str_eq(t->grids[0]->title, "Notes to the schedule");
    ck_assert_uint_eq(t->grids[0]->rows[0].flags, RC_ROW_HEAD);
    rc_schedule_tables_free(t);
    rc_grid_free(g);
    /* text only: no table, no error */
    text = "Just,some\ntext,here\n";
    ck_assert_int_eq(rc_csv_parse("s.csv", text, strlen(text), &g, NULL, ctx), RC_OK);
    sheet.grid = g;
    ck_assert_int_eq(rc_schedule_tables_make(vocab, &sheet, NULL, &t, ctx), RC_OK);
    ck_assert_uint_eq(t->n, 0);
    rc_schedule_tables_free(t);
    rc_grid_free(g);
}
END_TEST

/* ---- the mapping file ----------------------------------------------------------------------- */

/* A layout no reader could guess: abbreviations, labels in B, a notes column. */
static const char ODD[] = "Option roll,,,,,\n"
                          ",Line,Qty (000),Px,Memo,AIV (000)\n"
                          ",Beg bal,\"1,000\",10.00,from FY23 file,\"5,000\"\n"
                          ",Adds,400,12.00,board approved,\n"
                          ",Exer,(100),8.00,,\n"
                          ",Canc,(100),11.00,,\n"
                          ",End bal,\"1,200\",10.75,,\"6,000\"\n"
                          ",Check,0,,,\n";

START_TEST(test_mapping_fields)
{
    const char *json = "{\n"
                       "  \"range\": \"B3:F8\",\n"
                       "  \"labels\": \"B\",\n"
                       "  \"title\": \"Option roll-forward\",\n"
                       "  \"award\": \"options\",\n"
                       "  \"scale\": \"thousands\",\n"
                       "  \"currency\": \"EUR\",\n"
                       "  \"period\": {\"end\": \"2024-06-30\", \"months\": 12},\n"
                       "  \"columns\": {\"C\": \"count\", \"D\": {\"measure\": \"price\"},\n"
                       "              \"E\": \"ignore\", \"F\": {\"measure\": \"aiv\", \"scale\": "
                       "\"thousands\"}},\n"
                       "  \"rows\": {\"3\": \"opening\", \"4\": \"granted\", \"5\": {\"is\": "
                       "\"exercised\"},\n"
                       "           \"6\": \"cancelled\", \"7\": {\"is\": \"closing\"}, \"8\": "
                       "\"ignore\"}\n"
                       "}\n";
    ck_assert_int_eq(read_mapped(ODD, json, NULL), RC_OK);
    ck_assert(has_note("schedule table, rows 3-7, Stock options: as mapping s.csv.map.json says "
                       "(table 1)"));
    ck_assert_uint_eq(rc_model_count_rollforwards(model, NULL), 1);
    const rc_rollforward *rf = find_rf(RC_AWARD_OPTIONS, "2024-06-30");
    ck_assert_int_eq(rf->start, day("2023-07-01"));
    ck_assert_str_eq(rf->currency, "EUR");
    FACT(rc_opening(rf)->count, "1000000");
    FACT(rc_opening(rf)->aiv, "5000000");
    FACT(rc_closing(rf)->price, "10.75");
    ck_assert_uint_eq(rf->nmovements, 3);
    /* the rows' own words said nothing: the mapping's words stand in */
    ck_assert_str_eq(movement(rf, RC_ROLE_GRANTED)->label, "Granted");
    ck_assert_ptr_nonnull(movement(rf, RC_ROLE_CANCELLED));
    /* the notes column and the check row were not read: 3 + 2 + 2 + 2 + 3 numbers */
    ck_assert_uint_eq(rc_model_fact_count(model), 12);
    rc_results *res = check_all();
    ck_assert_int_eq(outcome(res, "RC101", rf), RC_PASSED);
    ck_assert_int_eq(outcome(res, "RC102", rf), RC_PASSED);
    rc_results_free(res);
}
END_TEST

/* Columns with their own periods and awards; rows kept by their own words; a table for
 * another sheet is not used. */
START_TEST(test_mapping_columns)
{
    const char *text = "x,a,b,c,d,e,f\n"
                       "Opening balance,100,5.00,80,4.50,40,9.00\n"
                       "New grants,20,8.00,20,7.00,10,12.00\n"
                       "Closing balance,120,5.50,100,5.00,50,9.60\n";
    const char *json =
        "{\"tables\": [\n"
        " {\"sheet\": \"Elsewhere\", \"columns\": {\"B\": \"count\"}},\n"
        " {\"labels\": \"A\", \"range\": \"2:4\",\n"
        "  \"columns\": {\n"
        "   \"B\": {\"measure\": \"count\", \"period\": \"2024-12-31\"},\n"
        "   \"C\": {\"measure\": \"price\", \"period\": \"2024-12-31\"},\n"
        "   \"D\": {\"measure\": \"count\", \"period\": {\"end\": \"2023-12-31\"}},\n"
        "   \"E\": {\"measure\": \"price\", \"period\": \"2023-12-31\"},\n"
        "   \"F\": {\"measure\": \"count\", \"award\": \"rsu\", \"period\": \"2024-12-31\"},\n"
        "   \"G\": {\"measure\": \"fair_value\", \"award\": \"rsu\", \"period\": "
        "\"2024-12-31\"}},\n"
        "  \"rows\": {\"2\": \"opening\", \"3\": \"granted\", \"4\": \"closing\"}}\n"
        "]}\n";
    ck_assert_int_eq(read_mapped(text, json, "Activity"), RC_OK);
    ck_assert_uint_eq(rc_model_count_rollforwards(model, NULL), 3);
    const rc_rollforward *y24 = find_rf(RC_AWARD_OPTIONS, "2024-12-31");
    const rc_rollforward *y23 = find_rf(RC_AWARD_OPTIONS, "2023-12-31");
    const rc_rollforward *rsu = find_rf(RC_AWARD_OTHER, "2024-12-31");
    FACT(rc_opening(y24)->count, "100");
    FACT(rc_opening(y23)->count, "80");
    FACT(rc_closing(y23)->price, "5");
    ck_assert_str_eq(rsu->award_type, "RSU");
    FACT(rc_closing(rsu)->fair_value, "9.6");
    /* "New grants" says granted by itself: its label is kept */
    ck_assert_str_eq(movement(y24, RC_ROLE_GRANTED)->label, "New grants");
}
END_TEST

/* Periods stacked, the balance rows dated by the mapping. */
START_TEST(test_mapping_dates)
{
    const char *text = "Row,Qty,Px\n"
                       "BB,100,5.00\n"
                       "Adds,20,8.00\n"
                       "EB,120,5.50\n"
                       "Adds,30,6.00\n"
                       "EB,150,5.60\n";
    const char *json = "{\"columns\": {\"B\": \"count\", \"C\": \"price\"},\n"
                       " \"rows\": {\"2\": {\"is\": \"opening\", \"date\": \"2022-12-31\"},\n"
                       "          \"3\": \"granted\",\n"
                       "          \"4\": {\"is\": \"closing\", \"date\": \"2023-12-31\"},\n"
                       "          \"5\": \"granted\",\n"
                       "          \"6\": {\"is\": \"closing\", \"date\": \"2024-12-31\"}}}\n";
    ck_assert_int_eq(read_mapped(text, json, NULL), RC_OK);
    ck_assert_uint_eq(rc_model_count_rollforwards(model, NULL), 2);
    const rc_rollforward *y23 = find_rf(RC_AWARD_OPTIONS, "2023-12-31");
    const rc_rollforward *y24 = find_rf(RC_AWARD_OPTIONS, "2024-12-31");
    ck_assert_int_eq(y23->start, day("2023-01-01"));
    FACT(rc_opening(y24)->count, "120");
    FACT(rc_closing(y24)->price, "5.6");
    ck_assert_ptr_eq(y24->previous, y23);
}
END_TEST

/* Every mistake in a mapping file is named where it is. */
START_TEST(test_mapping_errors)
{
    static const struct {
        const char *json;
        const char *want;
    } cases[] = {
        {"[]", "s.csv.map.json:1:1: error: a mapping file is a JSON object"},
        {"{\"colums\": {}}", "1:2: error: unknown key 'colums'"},
        {"{\"labels\": \"A\"}", "1:1: error: a table of a mapping needs \"columns\""},
        {"{\"columns\": {\"B\": \"wape\"}}",
         "1:19: error: unknown measure 'wape' (count, price, fair_value, aiv, term, ignore)"},
        {"{\"columns\": {\"B!\": \"count\"}}", "1:14: error: 'B!' is not a column"},
        {"{\"columns\": {\"B\": \"count\", \"B\": \"price\"}}",
         "1:28: error: column B is named twice"},
        {"{\"columns\": {\"B\": {\"measure\": \"count\", \"colour\": 1}}}",
         "1:40: error: unknown key 'colour' in a column"},
        {"{\"columns\": {\"B\": {\"measure\": \"price\", \"scale\": \"thousands\"}}}",
         "1:19: error: only counts and intrinsic values have a scale"},
        {"{\"columns\": {\"B\": \"count\"}, \"rows\": {\"0\": \"opening\"}}",
         "1:38: error: '0' is not a row number"},
        {"{\"columns\": {\"B\": \"count\"}, \"rows\": {\"3\": \"openning\"}}",
         "1:43: error: unknown row 'openning'"},
        {"{\"columns\": {\"B\": \"count\"}, \"rows\": {\"3\": {\"is\": \"granted\", \"date\": "
         "\"2024-12-31\"}}}",
         "error: only a balance row (opening, closing...) has a date"},
        {"{\"columns\": {\"B\": \"count\"}, \"rows\": {\"3\": {\"is\": \"opening\", \"date\": "
         "\"31/12/2024\"}}}",
         "1:69: error: a date is written \"YYYY-MM-DD\""},
        {"{\"columns\": {\"B\": \"count\"}, \"range\": \"B3-F9\"}",
         "1:38: error: 'B3-F9' is not a range"},
        {"{\"columns\": {\"B\": \"count\"}, \"range\": \"C3:F9\"}",
         "1:14: error: column B is outside the range"},
        {"{\"columns\": {\"B\": \"count\"}, \"range\": \"A3:F9\", \"rows\": {\"12\": \"closing\"}}",
         "1:56: error: row 12 is outside the range"},
        {"{\"columns\": {\"A\": \"count\"}, \"labels\": \"A\"}",
         "1:14: error: column A is the label column"},
        {"{\"columns\": {\"B\": \"count\"}, \"award\": \"warrants\"}",
         "1:38: error: unknown award 'warrants'"},
        {"{\"columns\": {\"B\": \"count\"}, \"currency\": \"Dollars\"}",
         "1:41: error: 'Dollars' is not an ISO 4217 currency code"},
        {"{\"columns\": {\"B\": \"count\"}, \"scale\": 1000}",
         "1:38: error: a scale is \"units\", \"thousands\" or \"millions\""},
        {"{\"columns\": {\"B\": \"count\"}, \"period\": {\"end\": \"2024-12-31\", \"months\": 0}}",
         "1:71: error: months is a whole number from 1 to 120"},
        {"{\"tables\": [], \"award\": \"rsu\"}", "1:16: error: 'award' belongs inside a table"},
        {"{\"tables\": []}", "1:12: error: tables is a list of one or more tables"},
        {"{\"columns\": {\"B\": \"count\"},}", "s.csv.map.json:1:28: error: invalid JSON"},
    };
    for (size_t i = 0; i < sizeof cases / sizeof *cases; i++) {
        rc_schedule_map *map = NULL;
        int rc = rc_schedule_map_parse(&map, "s.csv.map.json", cases[i].json, strlen(cases[i].json),
                                       ctx);
        ck_assert_msg(rc == RC_ESYNTAX, "case %zu: %d", i, rc);
        ck_assert_ptr_null(map);
        ck_assert_msg(strstr(rc_ctx_error(ctx), cases[i].want), "case %zu: '%s', want '%s'", i,
                      rc_ctx_error(ctx), cases[i].want);
        ck_assert_msg(rc_ctx_detail(ctx)[0], "case %zu: no caret", i);
    }
}
END_TEST

/* A mapping that does not fit the sheet: said in the mapping file's terms. */
START_TEST(test_mapping_misfit)
{
    static const struct {
        const char *json;
        const char *want;
    } cases[] = {
        {"{\"columns\": {\"C\": \"count\"},\n \"rows\": {\"40\": \"closing\"}}",
         "s.csv.map.json:2:11: error: row 40 is beyond the last row (8) of s.csv"},
        {"{\"columns\": {\"Z\": \"count\"}}",
         "s.csv.map.json:1:14: error: column Z is beyond the last column of s.csv"},
        {"{\"labels\": \"A\", \"range\": \"3:8\", \"columns\": {\"C\": \"count\"}}",
         "s.csv.map.json:1:12: error: column A of s.csv holds no row labels"},
        {"{\"labels\": \"B\", \"range\": \"B4:F5\", \"columns\": {\"F\": \"count\"}}",
         "s.csv.map.json:1:1: error: the first table of this mapping finds no value"},
    };
    for (size_t i = 0; i < sizeof cases / sizeof *cases; i++) {
        rc_model_free(model);
        ck_assert_int_eq(rc_model_new(&model), RC_OK);
        int rc = read_mapped(ODD, cases[i].json, NULL);
        ck_assert_msg(rc == RC_EINVAL, "case %zu: %d %s", i, rc, rc_ctx_error(ctx));
        ck_assert_msg(strstr(rc_ctx_error(ctx), cases[i].want), "case %zu: '%s', want '%s'", i,
                      rc_ctx_error(ctx), cases[i].want);
    }
}
END_TEST

/* The mapping file beside a schedule is found, and used, by the reader of files. */
START_TEST(test_mapping_beside)
{
    char dir[] = "/tmp/rc-schedule-XXXXXX";
    ck_assert_ptr_nonnull(mkdtemp(dir));
    char csv[128], json[128];
    snprintf(csv, sizeof csv, "%s/odd.csv", dir);
    snprintf(json, sizeof json, "%s/odd.csv.map.json", dir);
    FILE *f = fopen(csv, "w");
    ck_assert_ptr_nonnull(f);
    fputs(ODD, f);
    fclose(f);
    f = fopen(json, "w");
    ck_assert_ptr_nonnull(f);
    fputs("{\"labels\": \"B\", \"columns\": {\"C\": \"count\", \"D\": \"price\"},\n"
          " \"rows\": {\"3\": \"opening\", \"4\": \"granted\", \"5\": \"exercised\", \"6\": "
          "\"forfeited\", \"7\": \"closing\"}}\n",
          f);
    fclose(f);
    rc_format format;
    ck_assert_int_eq(rc_read_file(model, vocab, csv, &format, ctx), RC_OK);
    ck_assert_int_eq(format, RC_FORMAT_CSV);
    ck_assert(has_note("as mapping odd.csv.map.json says (table 1)"));
    ck_assert_int_eq(rc_model_finish(model, ctx), RC_OK);
    ck_assert_uint_eq(rc_model_count_rollforwards(model, NULL), 1);
    /* a broken mapping fails the schedule, located in the mapping */
    f = fopen(json, "w");
    ck_assert_ptr_nonnull(f);
    fputs("{\"columns\": {\"C\": \"cnt\"}}\n", f);
    fclose(f);
    rc_model_free(model);
    ck_assert_int_eq(rc_model_new(&model), RC_OK);
    ck_assert_int_eq(rc_read_file(model, vocab, csv, &format, ctx), RC_ESYNTAX);
    ck_assert_msg(strstr(rc_ctx_error(ctx), "odd.csv.map.json:1:19: error: unknown measure 'cnt'"),
                  "%s", rc_ctx_error(ctx));
    unlink(json);
    unlink(csv);
    rmdir(dir);
}
END_TEST

/* ---- the template ------------------------------------------------------------------------ */

static void read_file_finish(const char *path)
{
    rc_format format;
    int rc = rc_read_file(model, vocab, path, &format, ctx);
    ck_assert_msg(rc == RC_OK, "%s", rc_ctx_error(ctx));
    ck_assert_int_eq(rc_model_finish(model, ctx), RC_OK);
}

START_TEST(test_template)
{
    read_file_finish(RC_SOURCE_DIR "/samples/schedule-template.csv");
    ck_assert_uint_eq(rc_model_count_rollforwards(model, NULL), 4);
    const rc_rollforward *o23 = find_rf(RC_AWARD_OPTIONS, "2023-12-31");
    const rc_rollforward *o24 = find_rf(RC_AWARD_OPTIONS, "2024-12-31");
    const rc_rollforward *r23 = find_rf(RC_AWARD_OTHER, "2023-12-31");
    const rc_rollforward *r24 = find_rf(RC_AWARD_OTHER, "2024-12-31");
    ck_assert_uint_eq(o23->nmovements, 4);
    FACT(rc_opening(o23)->count, "1250000");
    FACT(rc_opening(o23)->aiv, "3410000");
    FACT(o23->lines[RC_LINE_EXERCISABLE].count, "702000");
    FACT(o24->lines[RC_LINE_VESTED_EXPECTED].term, "6.3");
    FACT(rc_closing(o24)->price, "16.16");
    ck_assert_str_eq(r24->award_type, "RSU");
    FACT(rc_closing(r23)->fair_value, "18.17");
    ck_assert_ptr_eq(r24->previous, r23);
    rc_results *res = check_all();
    if (rc_results_finding_count(res)) print_findings(res);
    ck_assert_uint_eq(rc_results_finding_count(res), 0);
    ck_assert_int_eq(outcome(res, "RC101", o24), RC_PASSED);
    ck_assert_int_eq(outcome(res, "RC102", o24), RC_PASSED);
    ck_assert_int_eq(outcome(res, "RC103", r24), RC_PASSED);
    rc_results_free(res);
}
END_TEST

/* The workbook template (written from the CSV by tools/schedule-template.py, numbers stored
 * as numbers in their formats) reads as the CSV does: the same roll-forwards, no finding. */
START_TEST(test_template_xlsx)
{
    read_file_finish(RC_SOURCE_DIR "/samples/schedule-template.xlsx");
    ck_assert_uint_eq(rc_model_count_rollforwards(model, NULL), 4);
    ck_assert_uint_eq(rc_model_fact_count(model), 64);
    const rc_rollforward *o23 = find_rf(RC_AWARD_OPTIONS, "2023-12-31");
    const rc_rollforward *o24 = find_rf(RC_AWARD_OPTIONS, "2024-12-31");
    const rc_rollforward *r24 = find_rf(RC_AWARD_OTHER, "2024-12-31");
    FACT(rc_opening(o23)->aiv, "3410000");
    FACT(movement(o23, RC_ROLE_EXERCISED)->count, "-145000");
    FACT(rc_closing(o24)->price, "16.16");
    ck_assert_int_eq(rc_closing(o24)->price->value.shown, 2); /* "0.00": two places shown */
    FACT(o24->lines[RC_LINE_VESTED_EXPECTED].term, "6.3");
    FACT(rc_closing(r24)->fair_value, "21.14");
    ck_assert(has_note("sheet 'Activity', schedule table, rows 5-19: measures across (B-E)"));
    rc_results *res = check_all();
    if (rc_results_finding_count(res)) print_findings(res);
    ck_assert_uint_eq(rc_results_finding_count(res), 0);
    rc_results_free(res);
}
END_TEST

/* The template with two planted mistakes: each is found, on its roll-forward. */
START_TEST(test_template_broken)
{
    read_file_finish(RC_SOURCE_DIR "/test/data/schedules/template-broken.csv");
    const rc_rollforward *o23 = find_rf(RC_AWARD_OPTIONS, "2023-12-31");
    const rc_rollforward *o24 = find_rf(RC_AWARD_OPTIONS, "2024-12-31");
    const rc_rollforward *r23 = find_rf(RC_AWARD_OTHER, "2023-12-31");
    rc_results *res = check_all();
    ck_assert_int_eq(outcome(res, "RC101", o23), RC_PASSED);
    ck_assert_int_eq(outcome(res, "RC101", o24), RC_FAILED); /* granted 305,000, not 295,000 */
    ck_assert_int_eq(outcome(res, "RC101", r23), RC_PASSED);
    ck_assert_int_eq(outcome(res, "RC103", r23), RC_FAILED); /* 18.71 for 18.17 */
    bool count_finding = false;
    for (size_t i = 0; i < rc_results_finding_count(res); i++) {
        const rc_finding *f = rc_results_finding(res, i);
        if (strcmp(rc_rule_id(f->rule), "RC101") != 0) continue;
        count_finding = true;
        ck_assert_ptr_eq(f->rf, o24);
        ck_assert_uint_eq(f->where.line, 17); /* the closing balance's row */
        ck_assert_int_eq(mpq_cmp_si(f->difference, -10000, 1), 0);
    }
    ck_assert(count_finding);
    rc_results_free(res);
}
END_TEST

Suite *schedule_suite(void)
{
    Suite *s = suite_create("schedule");
    TCase *tc = tcase_create("layouts");
    tcase_add_checked_fixture(tc, setup, teardown);
    tcase_add_test(tc, test_measures_across);
    tcase_add_test(tc, test_period_groups);
    tcase_add_test(tc, test_periods_across);
    tcase_add_test(tc, test_periods_across_labels);
    tcase_add_test(tc, test_awards_side_by_side);
    tcase_add_test(tc, test_awards_named_and_stacked);
    tcase_add_test(tc, test_period_sections);
    tcase_add_test(tc, test_stacked_undated);
    tcase_add_test(tc, test_tables_of_a_sheet);
    suite_add_tcase(s, tc);
    tc = tcase_create("mapping");
    tcase_add_checked_fixture(tc, setup, teardown);
    tcase_add_test(tc, test_mapping_fields);
    tcase_add_test(tc, test_mapping_columns);
    tcase_add_test(tc, test_mapping_dates);
    tcase_add_test(tc, test_mapping_errors);
    tcase_add_test(tc, test_mapping_misfit);
    tcase_add_test(tc, test_mapping_beside);
    suite_add_tcase(s, tc);
    tc = tcase_create("template");
    tcase_add_checked_fixture(tc, setup, teardown);
    tcase_add_test(tc, test_template);
    tcase_add_test(tc, test_template_xlsx);
    tcase_add_test(tc, test_template_broken);
    suite_add_tcase(s, tc);
    return s;
}

int main(void)
{
    SRunner *sr = srunner_create(schedule_suite());
    srunner_run_all(sr, CK_NORMAL);
    int failed = srunner_ntests_failed(sr);
    srunner_free(sr);
    return failed ? EXIT_FAILURE : EXIT_SUCCESS;
}
