/*
 * Unit tests: the note's narrative (narrative.c).  One line per sentence form: the
 * sentence, the document's period, and the statements it must make (or none); then
 * sentences split and located, prose taken out of HTML, the unread count and its note,
 * and the statements of seed 003 through the model to the rule RC190.
 */
#include <check.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "rollcheck.h"
#include "common/util.h"
#include "read/narrative.h"

static rc_ctx *ctx;
static rc_vocab *vocab;

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

static rc_day day(const char *ymd)
{
    rc_day d = RC_NO_DATE;
    if (ymd) ck_assert_int_eq(rc_day_parse(&d, ymd, strlen(ymd)), RC_OK);
    return d;
}

/* "movement granted other(RSU) 2023-01-01..2023-12-31 1386327" per statement, "; "
 * between them. */
static char *describe(const rc_model *model)
{
    rc_buf b = RC_BUF_INIT;
    for (size_t i = 0; i < rc_model_statement_count(model); i++) {
        const rc_statement *st = rc_model_statement(model, i);
        if (i) rc_buf_puts(&b, "; ");
        switch (st->kind) {
        case RC_STMT_MOVEMENT:
            rc_buf_printf(&b, "movement %s", rc_role_name(st->role));
            break;
        case RC_STMT_BALANCE:
            rc_buf_printf(&b, "balance %s", rc_line_name(st->line));
            break;
        case RC_STMT_SHARE_PRICE:
            rc_buf_puts(&b, "price");
            break;
        }
        rc_buf_printf(&b, " %s", st->award < 0 ? "any" : rc_award_name((rc_award)st->award));
        if (st->award_type) rc_buf_printf(&b, "(%s)", st->award_type);
        char a[11], z[11];
        rc_day_format(st->start, a);
        rc_day_format(st->end, z);
        rc_buf_printf(&b, " %s..%s ", a, z);
        char *v = rc_q_format_exact(st->value->value.q, 6, RC_ROUND_NEAREST);
        rc_buf_puts(&b, v);
        free(v);
        if (st->value->currency) rc_buf_printf(&b, " %s", st->value->currency);
    }
    return rc_buf_take(&b);
}

/* Read one text with the document's period start..end; the statements as describe()
 * says, the unread count into *unread. */
static char *read_text(const char *text, const char *start, const char *end, size_t *unread)
{
    rc_model *model;
    ck_assert_int_eq(rc_model_new(&model), RC_OK);
    rc_narrative_period doc = {day(start), day(end)};
    rc_source src = {"note.txt", 10, 0, NULL};
    rc_narrative_stats stats = {0, 0, 0};
    ck_assert_int_eq(
        rc_narrative_read(model, vocab, text, strlen(text), &src, true, &doc, &stats, ctx), RC_OK);
    char *d = describe(model);
    ck_assert_uint_eq(stats.statements, rc_model_statement_count(model));
    if (unread) *unread = stats.unread;
    rc_model_free(model);
    return d;
}

static int mismatches;

/* Every case is run and each mismatch printed; the test fails at its end. */
static void sentence_case(int line, const char *text, const char *start, const char *end,
                          const char *want)
{
    char *got = read_text(text, start, end, NULL);
    if (strcmp(got, want) != 0) {
        fprintf(stderr, "check_narrative.c:%d: \"%s\"\n  want: %s\n  got:  %s\n", line, text, want,
                got);
        mismatches++;
    }
    free(got);
}

#define FY23 "2023-01-01", "2023-12-31"
#define FY18 "2018-01-01", "2018-12-31"
#define FYJUN "2022-07-01", "2023-06-30"
#define Q1 "2024-01-01", "2024-03-31"
#define NODOC NULL, NULL

/* One line per sentence form: what it must state, or "" for nothing. */
START_TEST(test_sentence_forms)
{
    /* seed 003 */
    sentence_case(__LINE__,
                  "Under the Plan, the Group granted 1,386,327 RSUs to employees at an exercise "
                  "price of nil per share during the year ended December 31, 2023.",
                  FY23, "movement granted other(RSU) 2023-01-01..2023-12-31 1386327");
    sentence_case(__LINE__,
                  "The Group cancelled 480,487 RSUs and 703,200 options during the years ended "
                  "December 31, 2022 and 2023, respectively.",
                  FY23,
                  "movement cancelled other(RSU) 2022-01-01..2022-12-31 480487; movement "
                  "cancelled options 2023-01-01..2023-12-31 703200");
    /* a cause makes the count a part of the year's cancellations */
    sentence_case(__LINE__,
                  "During the year ended December 31, 2021, as a result of the Business "
                  "Restructuring, the Group cancelled 530,700 options and 1,613 RSUs.",
                  FY23, "");
    sentence_case(__LINE__, "Additionally, the Group also cancelled 330,428 RSUs.", FY23, "");
    /* money, percentages and years are no counts */
    sentence_case(__LINE__,
                  "The total fair value of options vested during the years ended December 31, "
                  "2021, 2022 and 2023 were RMB19,134, RMB13,032 and RMB12,071 respectively.",
                  FY23, "");
    sentence_case(__LINE__, "The Group did not grant any share options during 2023.", FY23, "");
    /* Graham Holdings 2018 */
    sentence_case(__LINE__,
                  "Of the shares covered by options outstanding at the end of 2018, 145,138 are "
                  "now exercisable; 17,333 will become exercisable in 2019; 17,334 will become "
                  "exercisable in 2020.",
                  FY18, "balance exercisable options ..2018-12-31 145138");
    sentence_case(__LINE__,
                  "The market value of the Company's stock was $640.58 at December 31, 2018.", FY18,
                  "price any ..2018-12-31 640.58 USD");
    sentence_case(__LINE__,
                  "At December 31, 2018, there were 39,794 unvested options related to this plan "
                  "with an average exercise price of $770.29.",
                  FY18, "");
    sentence_case(__LINE__, "During 2018, 588 options were exercised.", FY18,
                  "movement exercised options 2018-01-01..2018-12-31 588");
    sentence_case(__LINE__, "In 2018, 588 options exercised.", FY18,
                  "movement exercised options 2018-01-01..2018-12-31 588");
    /* verbs before and after; fillers; passive */
    sentence_case(__LINE__, "The Company granted a total of 250,000 stock options in 2023.", FY23,
                  "movement granted options 2023-01-01..2023-12-31 250000");
    sentence_case(__LINE__,
                  "During the year ended December 31, 2023, 1,070,806 options were exercised.",
                  FY23, "movement exercised options 2023-01-01..2023-12-31 1070806");
    sentence_case(__LINE__,
                  "For the years ended December 31, 2023 and 2022, 657,826 and 12,000 share "
                  "options were forfeited, respectively.",
                  FY23,
                  "movement forfeited options 2023-01-01..2023-12-31 657826; movement forfeited "
                  "options 2022-01-01..2022-12-31 12000");
    sentence_case(__LINE__, "In fiscal 2023, 1,000 options were forfeited or expired.", FYJUN,
                  "movement forfeited_expired options 2022-07-01..2023-06-30 1000");
    sentence_case(__LINE__,
                  "The Company granted options to purchase 1,200,000 shares of common "
                  "stock during the year ended December 31, 2023.",
                  FY23, "movement granted options 2023-01-01..2023-12-31 1200000");
    sentence_case(__LINE__,
                  "During the three months ended March 31, 2024, the Company granted 2.5 million "
                  "RSUs.",
                  Q1, "movement granted other(RSU) 2024-01-01..2024-03-31 2500000");
    sentence_case(__LINE__, "During the year, the Company granted 40,000 restricted stock units.",
                  FY23, "movement granted other(RSU) 2023-01-01..2023-12-31 40000");
    sentence_case(__LINE__,
                  "During the quarter, the Company granted 40,000 restricted stock units.", FY23,
                  "");
    sentence_case(__LINE__, "During 2023, the Company granted 100,000 shares of restricted stock.",
                  FY23, "movement granted other(restricted stock) 2023-01-01..2023-12-31 100000");
    sentence_case(__LINE__, "During 2023, 1,000 options and 2,000 RSUs were granted.", FY23,
                  "movement granted options 2023-01-01..2023-12-31 1000; movement granted "
                  "other(RSU) 2023-01-01..2023-12-31 2000");
    sentence_case(__LINE__,
                  "The Company granted 100, 200 and 300 options in 2021, 2022 and 2023, "
                  "respectively.",
                  FY23,
                  "movement granted options 2021-01-01..2021-12-31 100; movement granted options "
                  "2022-01-01..2022-12-31 200; movement granted options 2023-01-01..2023-12-31 "
                  "300");
    sentence_case(__LINE__,
                  "The Company granted 1,000 PSUs during the year ended September 28, "
                  "2024.",
                  "2023-10-01", "2024-09-28", "movement granted other(PSU) ..2024-09-28 1000");
    sentence_case(__LINE__, "Options to purchase 75,000 shares were granted in 2023.", FY23,
                  "movement granted options 2023-01-01..2023-12-31 75000");
    sentence_case(__LINE__, "A total of 1,000 options were exercised during 2023.", FY23,
                  "movement exercised options 2023-01-01..2023-12-31 1000");
    sentence_case(__LINE__,
                  "We granted 1.2 million, 1.5 million and 1.8 million RSUs in fiscal 2023, 2022 "
                  "and 2021, respectively.",
                  FYJUN,
                  "movement granted other(RSU) 2022-07-01..2023-06-30 1200000; movement granted "
                  "other(RSU) 2021-07-01..2022-06-30 1500000; movement granted other(RSU) "
                  "2020-07-01..2021-06-30 1800000");
    /* balances */
    sentence_case(__LINE__, "As of December 31, 2023, there were 1,186,514 options outstanding.",
                  FY23, "balance closing options ..2023-12-31 1186514");
    sentence_case(__LINE__,
                  "At December 31, 2023 and 2022, 1,186,514 and 3,618,346 options were "
                  "outstanding, respectively.",
                  FY23,
                  "balance closing options ..2023-12-31 1186514; balance closing options "
                  "..2022-12-31 3618346");
    sentence_case(__LINE__, "As of January 1, 2023, 3,618,346 options were outstanding.", FY23,
                  "balance opening options ..2022-12-31 3618346");
    sentence_case(__LINE__,
                  "As of December 31, 2023, 1,186,514 options were vested and expected to vest.",
                  FY23, "balance vested_expected options ..2023-12-31 1186514");
    sentence_case(__LINE__, "At year-end, 4,835,659 RSUs were outstanding.", FY23,
                  "balance closing other(RSU) ..2023-12-31 4835659");
    /* the share price */
    sentence_case(__LINE__,
                  "The aggregate intrinsic value is based on the Company's closing stock price of "
                  "$45.10 as of December 31, 2023.",
                  FY23, "price any ..2023-12-31 45.1 USD");
    sentence_case(__LINE__,
                  "The weighted average share price at the date of exercise was $12.00 in 2023.",
                  FY23, "");
    /* ambiguous or partial: nothing */
    sentence_case(__LINE__, "In March 2023, the Company granted 1,000 options.", FY23, "");
    sentence_case(__LINE__, "On June 1, 2023, the Company granted 1,000 options.", FY23, "");
    sentence_case(__LINE__, "During 2023, the Company granted 1,000 options to its CEO.", FY23, "");
    sentence_case(__LINE__,
                  "During 2023, the Company granted 1,000 options under the 2019 Equity "
                  "Incentive Plan.",
                  FY23, "");
    sentence_case(__LINE__, "The Company granted 1,000 options.", FY23, "");
    sentence_case(__LINE__, "During 2023 and 2022, the Company granted 1,000 options.", FY23, "");
    sentence_case(__LINE__, "In 2023, the Company granted approximately 1,000 options.", FY23, "");
    sentence_case(__LINE__, "In 2023, the Company granted approx. 1,000 options.", FY23, "");
    sentence_case(__LINE__, "In 2023, the Company granted approximately 1.2 million options.", FY23,
                  "movement granted options 2023-01-01..2023-12-31 1200000");
    sentence_case(__LINE__, "In 2024, the Company expects to grant 1,000 options.", FY23, "");
    sentence_case(__LINE__, "Up to 1,000,000 options may be granted in 2023.", FY23, "");
    sentence_case(__LINE__, "In 2023, 1,000 options granted in 2021 were forfeited.", FY23, "");
    sentence_case(__LINE__, "The Plan reserves 1,900,000 shares for options granted in 2023.", FY23,
                  "");
    sentence_case(__LINE__, "In 2023, the Company granted 1,000 shares.", FY23, "");
    sentence_case(__LINE__, "In 2023, 5,000 options vested.", FY23, "");
    /* "in 2023" of a June year end: calendar or fiscal? */
    sentence_case(__LINE__, "In 2023, the Company granted 1,000 options.", FYJUN, "");
    sentence_case(__LINE__, "In 2023, the Company granted 1,000 options.", NODOC,
                  "movement granted options 2023-01-01..2023-12-31 1000");
    ck_assert_msg(mismatches == 0, "%d sentence cases differ (listed above)", mismatches);
}
END_TEST

/* Graham Holdings' 10-K for 2018 (its Financial_Report.xlsx in the corpus,
 * html-project/): the note's text as the workbook holds it, a blank before each "," ";" and
 * "." after a number.  Its tables show 588 options exercised in 2018 and 145,138
 * exercisable at December 31, 2018. */
START_TEST(test_graham_holdings)
{
    size_t unread = 0;
    char *d = read_text(
        "There were 588 options exercised during 2018 . The total intrinsic value of options "
        "exercised during 2018 was $0.2 million ; a tax benefit from these stock option exercises "
        "of $0.1 million was realized. There were 3,476 options exercised during 2017 . Of the "
        "shares covered by options outstanding at the end of 2018 , 145,138 are now exercisable; "
        "17,333 will become exercisable in 2019 ; 17,334 will become exercisable in 2020 ; 4,459 "
        "will become exercisable in 2021 ; 333 will become exercisable in 2022 ; and 335 will "
        "become exercisable in 2023 . For 2018 , 2017 and 2016 , the Company recorded expense of "
        "$2.0 million , $2.0 million and $2.4 million related to stock options, respectively. The "
        "market value of the Company\u2019s stock was $640.58 at December 31, 2018 . At December "
        "31, 2018 , there were 39,794 unvested options related to this plan with an average "
        "exercise price of $770.29 and a weighted average remaining contractual term of 6.3 "
        "years.",
        FY18, &unread);
    ck_assert_str_eq(d, "movement exercised options 2018-01-01..2018-12-31 588; movement exercised "
                        "options 2017-01-01..2017-12-31 3476; balance exercisable options "
                        "..2018-12-31 145138; price any ..2018-12-31 640.58 USD");
    ck_assert_uint_eq(unread, 1); /* the 39,794 unvested options */
    free(d);
}
END_TEST

/* Sentences split where they end, not at "Inc.", "U.S.", "No." or "$1.5"; each located
 * at the line it starts on. */
START_TEST(test_sentences_and_lines)
{
    const char *text = "Acme Inc. granted 10 options in 2023. The U.S. subsidiary granted\n"
                       "20 RSUs in 2023. As in Note No. 2, the $1.5 million award\n"
                       "aside, 30 options were exercised in 2023.";
    rc_model *model;
    ck_assert_int_eq(rc_model_new(&model), RC_OK);
    rc_source src = {"note.txt", 10, 3, NULL};
    rc_narrative_stats stats = {0, 0, 0};
    ck_assert_int_eq(
        rc_narrative_read(model, vocab, text, strlen(text), &src, true, NULL, &stats, ctx), RC_OK);
    ck_assert_uint_eq(stats.sentences, 3);
    ck_assert_uint_eq(rc_model_statement_count(model), 3);
    const rc_statement *a = rc_model_statement(model, 0), *b = rc_model_statement(model, 1),
                       *c = rc_model_statement(model, 2);
    ck_assert_str_eq(a->text, "Acme Inc. granted 10 options in 2023.");
    ck_assert_uint_eq(a->src.line, 10);
    ck_assert_uint_eq(a->src.col, 3);
    ck_assert_str_eq(b->text, "The U.S. subsidiary granted 20 RSUs in 2023.");
    ck_assert_uint_eq(b->src.line, 10);
    ck_assert_str_eq(c->text, "As in Note No. 2, the $1.5 million award aside, 30 options were "
                              "exercised in 2023.");
    ck_assert_uint_eq(c->src.line, 11);
    ck_assert_uint_eq(c->src.col, 0);
    ck_assert_str_eq(c->value->src.file, "note.txt");
    ck_assert_uint_eq(c->value->src.line, 11);
    ck_assert_str_eq(c->value->text, "30");
    ck_assert_int_eq(c->value->kind, RC_KIND_COUNT);
    rc_model_free(model);
}
END_TEST

/* Without lines, a line break ends a paragraph: a heading never runs into a sentence. */
START_TEST(test_paragraphs)
{
    const char *text = "Stock Options\nIn 2023, 10 options were granted\nIn 2023, 5 options "
                       "were exercised.";
    rc_model *model;
    ck_assert_int_eq(rc_model_new(&model), RC_OK);
    rc_source src = {"doc.htm", 7, 0, NULL};
    rc_narrative_stats stats = {0, 0, 0};
    ck_assert_int_eq(
        rc_narrative_read(model, vocab, text, strlen(text), &src, false, NULL, &stats, ctx), RC_OK);
    ck_assert_uint_eq(stats.sentences, 3);
    char *d = describe(model);
    ck_assert_str_eq(d, "movement granted options 2023-01-01..2023-12-31 10; movement exercised "
                        "options 2023-01-01..2023-12-31 5");
    free(d);
    ck_assert_uint_eq(rc_model_statement(model, 1)->src.line, 7);
    rc_model_free(model);
}
END_TEST

/* The same sentence read twice (a note and a text block nested in it) is one statement. */
START_TEST(test_no_duplicates)
{
    const char *text = "In 2023, 10 options were granted.";
    rc_model *model;
    ck_assert_int_eq(rc_model_new(&model), RC_OK);
    rc_source src = {"doc.htm", 7, 0, NULL};
    for (int i = 0; i < 2; i++)
        ck_assert_int_eq(
            rc_narrative_read(model, vocab, text, strlen(text), &src, false, NULL, NULL, ctx),
            RC_OK);
    ck_assert_uint_eq(rc_model_statement_count(model), 1);
    ck_assert_uint_eq(rc_model_fact_count(model), 1);
    rc_model_free(model);
}
END_TEST

/* Sentences that state counts near award words but give no statement are counted, and
 * the note says how many. */
START_TEST(test_unread_note)
{
    size_t unread = 0;
    char *d = read_text("The Company granted 1,000 options. In 2023, 5 options were exercised. "
                        "The Plan authorizes 5,000,000 shares. Expense was $5.6 million in 2023.",
                        FY23, &unread);
    ck_assert_str_eq(d, "movement exercised options 2023-01-01..2023-12-31 5");
    ck_assert_uint_eq(unread, 1);
    free(d);
    rc_model *model;
    ck_assert_int_eq(rc_model_new(&model), RC_OK);
    rc_narrative_stats none = {4, 1, 0}, some = {4, 1, 2};
    ck_assert_int_eq(rc_narrative_note(model, "note.txt", 3, &none), RC_OK);
    ck_assert_uint_eq(rc_model_note_count(model), 0);
    ck_assert_int_eq(rc_narrative_note(model, "note.txt", 3, &some), RC_OK);
    ck_assert_uint_eq(rc_model_note_count(model), 1);
    ck_assert_str_eq(rc_model_note(model, 0)->text,
                     "2 sentences of the note's text state share counts that could not be tied "
                     "to one award, movement or balance, and period: not checked");
    ck_assert_uint_eq(rc_model_note(model, 0)->src.line, 3);
    rc_model_free(model);
}
END_TEST

/* Prose out of HTML: tables and ix:exclude left out, blocks one per line. */
START_TEST(test_prose_of_html)
{
    const char *html = "<div><span>Stock Options</span></div><div>In 2023, <b>10</b> options "
                       "were granted.</div><table><tr><td>Granted</td><td>10</td></tr></table>"
                       "<p>Exercised 3.</p>";
    rc_buf b = RC_BUF_INIT;
    ck_assert_int_eq(rc_narrative_prose_of_html(html, strlen(html), &b), RC_OK);
    char *text = rc_buf_take(&b);
    /* the lines that are not blank */
    rc_buf lines = RC_BUF_INIT;
    for (char *s = strtok(text, "\n"); s; s = strtok(NULL, "\n"))
        rc_buf_printf(&lines, "[%s]", s);
    char *got = rc_buf_take(&lines);
    ck_assert_str_eq(got, "[Stock Options][In 2023, 10 options were granted.][Exercised 3.]");
    free(got);
    free(text);
    rc_buf plain = RC_BUF_INIT;
    ck_assert_int_eq(rc_narrative_prose_of_html("no tags here", 12, &plain), RC_OK);
    char *p = rc_buf_take(&plain);
    ck_assert_str_eq(p, "no tags here");
    free(p);
}
END_TEST

START_TEST(test_text_block_concepts)
{
    ck_assert(rc_narrative_text_block(
        "us-gaap:DisclosureOfCompensationRelatedCostsShareBasedPaymentsTextBlock"));
    ck_assert(rc_narrative_text_block("us-gaap:ShareholdersEquityAndShareBasedPaymentsTextBlock"));
    ck_assert(rc_narrative_text_block("us-gaap:StockholdersEquityNoteDisclosureTextBlock"));
    ck_assert(
        rc_narrative_text_block("ifrs-full:DisclosureOfSharebasedPaymentArrangementsExplanatory"));
    ck_assert(rc_narrative_text_block("abc:StockOptionActivityTextBlock"));
    ck_assert(!rc_narrative_text_block("us-gaap:IncomeTaxDisclosureTextBlock"));
    ck_assert(!rc_narrative_text_block(
        "us-gaap:ShareBasedCompensationArrangementByShareBasedPaymentAwardOptionsGrantsInPeriod"));
    ck_assert(!rc_narrative_text_block(NULL));
}
END_TEST

START_TEST(test_period_of_heading)
{
    rc_narrative_period p;
    ck_assert(rc_narrative_period_of_heading("12 Months Ended\nDec. 31, 2023", &p));
    ck_assert_int_eq(p.start, day("2023-01-01"));
    ck_assert_int_eq(p.end, day("2023-12-31"));
    ck_assert(rc_narrative_period_of_heading("3 Months Ended\nMar. 29, 2025", &p));
    ck_assert_int_eq(p.end, day("2025-03-29"));
    ck_assert_int_ne(p.start, RC_NO_DATE);
    ck_assert(rc_narrative_period_of_heading("Dec. 31, 2023", &p));
    ck_assert_int_eq(p.start, RC_NO_DATE);
    ck_assert(!rc_narrative_period_of_heading("Share-Based Payment Arrangement [Abstract]", &p));
    ck_assert(!rc_narrative_period_of_heading(NULL, &p));
}
END_TEST

/* ---- the rule: one line per case ----------------------------------------------------- */

static unsigned next_line = 100;

static rc_fact *count(rc_model *m, const char *text, int scale)
{
    rc_fact *f = rc_model_new_fact(m);
    ck_assert_ptr_nonnull(f);
    f->kind = RC_KIND_COUNT;
    f->text = rc_model_strdup(m, text);
    f->src = (rc_source){"in.txt", next_line++, 1, NULL};
    ck_assert_int_eq(
        rc_value_parse(&f->value, text, strlen(text), scale, RC_PARSE_TABLE, NULL, NULL), RC_OK);
    return f;
}

static rc_rollforward *table(rc_model *m, rc_award award, const char *type)
{
    rc_rollforward *rf = rc_model_add_rollforward(m);
    ck_assert_ptr_nonnull(rf);
    rf->award = award;
    rf->award_type = type;
    rf->start = day("2023-01-01");
    rf->end = day("2023-12-31");
    rf->file = "in.txt";
    rf->src = (rc_source){"in.txt", award == RC_AWARD_OPTIONS ? 10 : 50, 1, NULL};
    return rf;
}

static void move(rc_model *m, rc_rollforward *rf, rc_role role, const char *label, const char *n)
{
    rc_movement *mv = rc_model_add_movement(m, rf);
    ck_assert_ptr_nonnull(mv);
    mv->role = role;
    mv->direction = rc_role_direction(role);
    mv->label = label;
    mv->count = count(m, n, 0);
}

/* Options 2023: 1,000 + 200 granted - 100 exercised - 50 forfeited = 1,050, 600
 * exercisable; RSUs 2023: 500 + 100 granted (two rows: 60 and 40) - 50 vested = 550. */
static void build_tables(rc_model *m, rc_rollforward **options, rc_rollforward **rsus)
{
    rc_rollforward *o = *options = table(m, RC_AWARD_OPTIONS, NULL);
    rc_opening(o)->count = count(m, "1,000", 0);
    move(m, o, RC_ROLE_GRANTED, "Granted", "200");
    move(m, o, RC_ROLE_EXERCISED, "Exercised", "(100)");
    move(m, o, RC_ROLE_FORFEITED, "Forfeited", "(50)");
    rc_closing(o)->count = count(m, "1,050", 0);
    o->lines[RC_LINE_EXERCISABLE].count = count(m, "600", 0);
    rc_rollforward *r = *rsus = table(m, RC_AWARD_OTHER, "RSU");
    rc_opening(r)->count = count(m, "500", 0);
    move(m, r, RC_ROLE_GRANTED, "Granted", "60");
    move(m, r, RC_ROLE_GRANTED, "Granted - PSU", "40");
    move(m, r, RC_ROLE_VESTED, "Vested", "(50)");
    rc_closing(r)->count = count(m, "550", 0);
}

enum { PASS, FAIL, SKIP, NONE };

/* A statement as the narrative reader makes it. */
typedef struct stated {
    rc_stmt_kind kind;
    int role_or_line;
    int award;
    const char *type;
    const char *start, *end;
    const char *value;
    int scale;
} stated;

static rc_ruleset *narrative_rules(void)
{
    rc_ruleset *rules;
    ck_assert_int_eq(rc_ruleset_new(&rules), RC_OK);
    ck_assert_msg(rc_ruleset_load_file(rules, RC_SOURCE_DIR "/rules/narrative.json", ctx) == RC_OK,
                  "%s", rc_ctx_error(ctx));
    return rules;
}

/* Check one statement against the tables with RC190: its outcome must be want (NONE: no
 * check at all, the statement matched no roll-forward); SKIP with the reason why. */
static void rule_case(int line, stated s, int want, const char *why)
{
    rc_model *m;
    ck_assert_int_eq(rc_model_new(&m), RC_OK);
    rc_rollforward *options, *rsus;
    build_tables(m, &options, &rsus);
    rc_statement *st = rc_model_add_statement(m);
    ck_assert_ptr_nonnull(st);
    st->kind = s.kind;
    if (s.kind == RC_STMT_MOVEMENT)
        st->role = (rc_role)s.role_or_line;
    else
        st->line = (rc_line)s.role_or_line;
    st->award = s.award;
    st->award_type = s.type;
    st->start = day(s.start);
    st->end = day(s.end);
    st->value = count(m, s.value, s.scale);
    st->text = "The sentence.";
    st->src = st->value->src;
    ck_assert_int_eq(rc_model_finish(m, ctx), RC_OK);
    rc_ruleset *rules = narrative_rules();
    rc_results *res = NULL;
    ck_assert_int_eq(rc_check(rules, m, &res, ctx), RC_OK);
    size_t n = 0;
    const rc_outcome *o = NULL;
    for (size_t i = 0; i < rc_results_outcome_count(res); i++) {
        const rc_outcome *x = rc_results_outcome(res, i);
        if (strcmp(rc_rule_id(x->rule), "RC190") != 0) continue;
        n++;
        o = x;
    }
    if (want == NONE) {
        ck_assert_msg(n == 0 && st->rf == NULL, "line %d: %zu checks, want none", line, n);
    } else {
        ck_assert_msg(n == 1, "line %d: %zu checks, want one", line, n);
        ck_assert_ptr_eq(o->statement, st);
        ck_assert_ptr_eq(o->rf, st->rf);
        int got = o->status == RC_PASSED ? PASS : o->status == RC_FAILED ? FAIL : SKIP;
        ck_assert_msg(got == want, "line %d: outcome %d, want %d (%s)", line, got, want,
                      o->reason ? o->reason : "");
        if (want == SKIP)
            ck_assert_msg(strcmp(o->reason, why) == 0, "line %d: skipped for '%s', want '%s'", line,
                          o->reason, why);
        if (want == FAIL) {
            ck_assert_ptr_eq(o->finding->statement, st);
            ck_assert_ptr_eq(o->finding->reported_fact, st->value);
        }
    }
    rc_results_free(res);
    rc_ruleset_free(rules);
    rc_model_free(m);
}

#define MOVE(role, award, type, year, value)                                                       \
    (stated)                                                                                       \
    {                                                                                              \
        RC_STMT_MOVEMENT, role, award, type, year "-01-01", year "-12-31", value, 0                \
    }
#define BAL(line, award, end, value)                                                               \
    (stated)                                                                                       \
    {                                                                                              \
        RC_STMT_BALANCE, line, award, NULL, NULL, end, value, 0                                    \
    }

START_TEST(test_rule_cases)
{
    const int O = RC_AWARD_OPTIONS, X = RC_AWARD_OTHER;
    rule_case(__LINE__, MOVE(RC_ROLE_GRANTED, O, NULL, "2023", "200"), PASS, NULL);
    rule_case(__LINE__, MOVE(RC_ROLE_GRANTED, O, NULL, "2023", "210"), FAIL, NULL);
    rule_case(__LINE__, MOVE(RC_ROLE_EXERCISED, O, NULL, "2023", "100"), PASS, NULL);
    rule_case(__LINE__, MOVE(RC_ROLE_FORFEITED, O, NULL, "2023", "5"), FAIL, NULL);
    rule_case(__LINE__, MOVE(RC_ROLE_CANCELLED, O, NULL, "2023", "50"), SKIP,
              "the table shows no cancelled movement");
    /* all the movements of a role together: 60 + 40 */
    rule_case(__LINE__, MOVE(RC_ROLE_GRANTED, X, "RSU", "2023", "100"), PASS, NULL);
    rule_case(__LINE__, MOVE(RC_ROLE_GRANTED, X, "RSU", "2023", "60"), FAIL, NULL);
    rule_case(__LINE__, MOVE(RC_ROLE_GRANTED, X, NULL, "2023", "100"), PASS, NULL);
    rule_case(__LINE__, MOVE(RC_ROLE_VESTED, X, "RSU", "2023", "50"), PASS, NULL);
    /* no roll-forward fits: no check */
    rule_case(__LINE__, MOVE(RC_ROLE_GRANTED, X, "PSU", "2023", "100"), NONE, NULL);
    rule_case(__LINE__, MOVE(RC_ROLE_GRANTED, O, NULL, "2022", "200"), NONE, NULL);
    rule_case(__LINE__, MOVE(RC_ROLE_GRANTED, -1, NULL, "2023", "200"), NONE, NULL);
    /* balances */
    rule_case(__LINE__, BAL(RC_LINE_CLOSING, O, "2023-12-31", "1,050"), PASS, NULL);
    rule_case(__LINE__, BAL(RC_LINE_CLOSING, O, "2023-12-31", "1,005"), FAIL, NULL);
    rule_case(__LINE__, BAL(RC_LINE_OPENING, O, "2022-12-31", "1,000"), PASS, NULL);
    rule_case(__LINE__, BAL(RC_LINE_EXERCISABLE, O, "2023-12-31", "600"), PASS, NULL);
    rule_case(__LINE__, BAL(RC_LINE_EXERCISABLE, O, "2023-12-31", "650"), FAIL, NULL);
    rule_case(__LINE__, BAL(RC_LINE_VESTED_EXPECTED, O, "2023-12-31", "1,050"), SKIP,
              "vested_expected.count is not reported");
    rule_case(__LINE__, BAL(RC_LINE_CLOSING, X, "2023-12-31", "550"), PASS, NULL);
    rule_case(__LINE__, BAL(RC_LINE_CLOSING, O, "2022-12-31", "1,000"), NONE, NULL);
    /* a rounded statement: "1.05 thousand" is 1,045-1,055, "1.1 thousand" 1,050-1,150 */
    stated rounded = BAL(RC_LINE_CLOSING, O, "2023-12-31", "1.05");
    rounded.scale = 3;
    rule_case(__LINE__, rounded, PASS, NULL);
    rounded.value = "1.1";
    rule_case(__LINE__, rounded, PASS, NULL);
    rounded.value = "1.2";
    rule_case(__LINE__, rounded, FAIL, NULL);
}
END_TEST

/* The finding quotes the sentence; two statements of one roll-forward are two findings
 * with keys of their own. */
START_TEST(test_finding)
{
    rc_model *m;
    ck_assert_int_eq(rc_model_new(&m), RC_OK);
    rc_rollforward *options, *rsus;
    build_tables(m, &options, &rsus);
    const char *texts[] = {"In 2023, 210 options were granted.",
                           "In 2023, 90 options were exercised."};
    const char *values[] = {"210", "90"};
    rc_role roles[] = {RC_ROLE_GRANTED, RC_ROLE_EXERCISED};
    for (int i = 0; i < 2; i++) {
        rc_statement *st = rc_model_add_statement(m);
        st->kind = RC_STMT_MOVEMENT;
        st->role = roles[i];
        st->award = RC_AWARD_OPTIONS;
        st->start = day("2023-01-01");
        st->end = day("2023-12-31");
        st->value = count(m, values[i], 0);
        st->text = texts[i];
        st->src = st->value->src;
    }
    ck_assert_int_eq(rc_model_finish(m, ctx), RC_OK);
    ck_assert_uint_eq(options->nstatements, 2);
    rc_ruleset *rules = narrative_rules();
    rc_results *res = NULL;
    ck_assert_int_eq(rc_check(rules, m, &res, ctx), RC_OK);
    ck_assert_uint_eq(rc_results_finding_count(res), 2);
    const rc_finding *a = rc_results_finding(res, 0), *b = rc_results_finding(res, 1);
    ck_assert_str_eq(a->message, "the note's text states 210 for granted.count where the table "
                                 "shows 200: \"In 2023, 210 options were granted.\"");
    ck_assert_str_eq(a->quantity, "count");
    ck_assert_int_eq(a->severity, RC_SEVERITY_ERROR);
    ck_assert_uint_eq(a->where.line, a->statement->value->src.line);
    char *d = rc_q_format(a->difference, 0, RC_ROUND_NEAREST, false);
    ck_assert_str_eq(d, "10");
    free(d);
    ck_assert_str_eq(b->message, "the note's text states 90 for exercised.count where the table "
                                 "shows 100: \"In 2023, 90 options were exercised.\"");
    char *ka = rc_finding_key(a), *kb = rc_finding_key(b);
    ck_assert_str_ne(ka, kb);
    ck_assert(strstr(ka, "210") != NULL);
    free(ka);
    free(kb);
    rc_results_free(res);
    rc_ruleset_free(rules);
    rc_model_free(m);
}
END_TEST

static void load_error(int line, const char *rule, const char *want)
{
    rc_ruleset *rules;
    ck_assert_int_eq(rc_ruleset_new(&rules), RC_OK);
    int rc = rc_ruleset_load_string(rules, "user.json", rule, strlen(rule), ctx);
    ck_assert_msg(rc == RC_ESYNTAX, "line %d: loaded", line);
    ck_assert_msg(strstr(rc_ctx_error(ctx), want) != NULL, "line %d: %s", line, rc_ctx_error(ctx));
    rc_ruleset_free(rules);
}

#define RULE(each, expr, msg)                                                                      \
    "{\"rules\": [{\"id\": \"RC1001\", \"title\": \"t\", \"severity\": \"error\", "                \
    "\"applies_to\": [\"options\"], " each "\"expression\": \"" expr "\", \"message\": \"" msg     \
    "\"}]}"

/* The names of each statement, and where they may not be used. */
START_TEST(test_rule_language)
{
    rc_ruleset *rules;
    ck_assert_int_eq(rc_ruleset_new(&rules), RC_OK);
    const char *ok = RULE("\"each\": \"statement\", ", "statement.value <= statement.table + 10",
                          "{statement.text} {role} {line} {slot}");
    ck_assert_msg(rc_ruleset_load_string(rules, "user.json", ok, strlen(ok), ctx) == RC_OK, "%s",
                  rc_ctx_error(ctx));
    ck_assert_int_eq(rc_rule_each_of(rc_ruleset_find(rules, "RC1001")), RC_EACH_STATEMENT);
    rc_ruleset_free(rules);
    load_error(__LINE__, RULE("", "statement.value > 0", "m"),
               "a name that needs \"each\": \"statement\" in the rule 'statement.value'");
    load_error(__LINE__, RULE("\"each\": \"statement\", ", "statement.text > 0", "m"),
               "unknown name 'statement.text' (statement has value, table)");
    load_error(__LINE__, RULE("\"each\": \"statement\", ", "statement.value > closing.price", "m"),
               "units do not match (shares vs money per share)");
    load_error(__LINE__, RULE("", "closing.count > 0", "{statement.text}"),
               "a placeholder that needs \"each\": \"statement\"");
    load_error(__LINE__, RULE("\"each\": \"statements\", ", "closing.count > 0", "m"),
               "unknown \"each\" 'statements'");
}
END_TEST

/* ---- through the readers ------------------------------------------------------------- */

/* Read buf as name, finish the model and run RC190: "PASS", "FAIL" or "SKIP (reason)" per
 * check, in order, and the statements as describe() says. */
static void read_through(const char *name, const char *buf, char **checks, char **statements,
                         rc_model **out)
{
    rc_model *m;
    ck_assert_int_eq(rc_model_new(&m), RC_OK);
    ck_assert_msg(rc_read_buffer(m, vocab, name, buf, strlen(buf), NULL, ctx) == RC_OK, "%s",
                  rc_ctx_error(ctx));
    ck_assert_int_eq(rc_model_finish(m, ctx), RC_OK);
    *statements = describe(m);
    rc_ruleset *rules = narrative_rules();
    rc_results *res = NULL;
    ck_assert_int_eq(rc_check(rules, m, &res, ctx), RC_OK);
    rc_buf b = RC_BUF_INIT;
    for (size_t i = 0; i < rc_results_outcome_count(res); i++) {
        const rc_outcome *o = rc_results_outcome(res, i);
        rc_buf_printf(&b, "%s%s", b.len ? " " : "",
                      o->status == RC_PASSED   ? "PASS"
                      : o->status == RC_FAILED ? "FAIL"
                                               : "SKIP");
        if (o->status == RC_SKIPPED) rc_buf_printf(&b, " (%s)", o->reason);
    }
    *checks = rc_buf_take(&b);
    rc_results_free(res);
    rc_ruleset_free(rules);
    *out = m;
}

/* An R page's text block: its prose (outside the table) is read in the page's period. */
START_TEST(test_r_page)
{
    const char *page =
        "<html><body>\n<table class=\"report\" border=\"0\" cellspacing=\"2\">\n"
        "<tr><th class=\"tl\" colspan=\"1\" rowspan=\"2\"><div><strong>Stock Options "
        "(Tables)<br></strong></div></th>\n<th class=\"th\" colspan=\"1\">12 Months "
        "Ended</th></tr>\n"
        "<tr><th class=\"th\"><div>Dec. 31, 2023</div></th></tr>\n"
        "<tr class=\"re\"><td class=\"pl \"><a class=\"a\">Stock option activity</a></td>\n"
        "<td class=\"text\"><p>During the year, the Company granted 200 options.</p>\n"
        "<p>At year-end, 1,500 options were outstanding.</p>\n"
        "<table><tr><td></td><td>Number of options</td></tr>"
        "<tr><td>Outstanding at January 1, 2023</td><td>1,000</td></tr>"
        "<tr><td>Granted</td><td>200</td></tr><tr><td>Exercised</td><td>(100)</td></tr>"
        "<tr><td>Forfeited</td><td>(50)</td></tr>"
        "<tr><td>Outstanding at December 31, 2023</td><td>1,050</td></tr></table>"
        "<span></span></td></tr>\n</table>\n</body></html>\n";
    char *checks, *statements;
    rc_model *m;
    read_through("R9.htm", page, &checks, &statements, &m);
    ck_assert_str_eq(statements, "movement granted options 2023-01-01..2023-12-31 200; balance "
                                 "closing options ..2023-12-31 1500");
    ck_assert_str_eq(checks, "PASS FAIL");
    ck_assert_uint_eq(rc_model_statement(m, 0)->src.line, 7); /* the text block's cell */
    ck_assert_str_eq(rc_model_statement(m, 0)->src.file, "R9.htm");
    free(checks);
    free(statements);
    rc_model_free(m);
}
END_TEST

#define XBRL_NS                                                                                    \
    "xmlns:xbrli=\"http://www.xbrl.org/2003/instance\" "                                           \
    "xmlns:us-gaap=\"http://fasb.org/us-gaap/2023\" "                                              \
    "xmlns:iso4217=\"http://www.xbrl.org/2003/iso4217\" "                                          \
    "xmlns:link=\"http://www.xbrl.org/2003/linkbase\" "                                            \
    "xmlns:xlink=\"http://www.w3.org/1999/xlink\""
#define CONTEXTS                                                                                   \
    "<xbrli:context id=\"d2023\"><xbrli:entity><xbrli:identifier "                                 \
    "scheme=\"http://www.sec.gov/CIK\">0000123456</xbrli:identifier></xbrli:entity><xbrli:period>" \
    "<xbrli:startDate>2023-01-01</xbrli:startDate><xbrli:endDate>2023-12-31</xbrli:endDate>"       \
    "</xbrli:period></xbrli:context>\n"                                                            \
    "<xbrli:context id=\"i2022\"><xbrli:entity><xbrli:identifier "                                 \
    "scheme=\"http://www.sec.gov/CIK\">0000123456</xbrli:identifier></xbrli:entity><xbrli:period>" \
    "<xbrli:instant>2022-12-31</xbrli:instant></xbrli:period></xbrli:context>\n"                   \
    "<xbrli:context id=\"i2023\"><xbrli:entity><xbrli:identifier "                                 \
    "scheme=\"http://www.sec.gov/CIK\">0000123456</xbrli:identifier></xbrli:entity><xbrli:period>" \
    "<xbrli:instant>2023-12-31</xbrli:instant></xbrli:period></xbrli:context>\n"                   \
    "<xbrli:unit id=\"shares\"><xbrli:measure>xbrli:shares</xbrli:measure></xbrli:unit>\n"
#define OPT "us-gaap:ShareBasedCompensationArrangementByShareBasedPaymentAwardOptions"
#define BLOCK "us-gaap:DisclosureOfCompensationRelatedCostsShareBasedPaymentsTextBlock"

/* An XBRL instance: the note's text block is HTML written as text. */
START_TEST(test_instance_text_block)
{
    const char *doc =
        "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<xbrli:xbrl " XBRL_NS ">\n"
        "<link:schemaRef xlink:type=\"simple\" xlink:href=\"x.xsd\"/>\n" CONTEXTS "<" OPT
        "OutstandingNumber contextRef=\"i2022\" unitRef=\"shares\" decimals=\"INF\">1000</" OPT
        "OutstandingNumber>\n"
        "<" OPT "GrantsInPeriod contextRef=\"d2023\" unitRef=\"shares\" decimals=\"INF\">200</" OPT
        "GrantsInPeriod>\n"
        "<" OPT
        "ExercisesInPeriod contextRef=\"d2023\" unitRef=\"shares\" decimals=\"INF\">100</" OPT
        "ExercisesInPeriod>\n"
        "<" OPT
        "ForfeituresInPeriod contextRef=\"d2023\" unitRef=\"shares\" decimals=\"INF\">50</" OPT
        "ForfeituresInPeriod>\n"
        "<" OPT
        "OutstandingNumber contextRef=\"i2023\" unitRef=\"shares\" decimals=\"INF\">1050</" OPT
        "OutstandingNumber>\n"
        "<" BLOCK " contextRef=\"d2023\" id=\"tb\">&lt;div&gt;Stock Options&lt;/div&gt;&lt;div&gt;"
        "During 2023, the Company granted &lt;span&gt;210&lt;/span&gt; options.&lt;/div&gt;"
        "&lt;table&gt;&lt;tr&gt;&lt;td&gt;Granted 999 options in 2023.&lt;/td&gt;&lt;/tr&gt;"
        "&lt;/table&gt;&lt;p&gt;As of December 31, 2023, 1,050 options were outstanding.&lt;/p&gt;"
        "</" BLOCK ">\n</xbrli:xbrl>\n";
    char *checks, *statements;
    rc_model *m;
    read_through("x_htm.xml", doc, &checks, &statements, &m);
    ck_assert_str_eq(statements, "movement granted options 2023-01-01..2023-12-31 210; balance "
                                 "closing options ..2023-12-31 1050");
    ck_assert_str_eq(checks, "FAIL PASS");
    ck_assert_uint_eq(rc_model_statement(m, 0)->src.line, 13);
    ck_assert_str_eq(rc_model_statement(m, 0)->src.id, "tb");
    free(checks);
    free(statements);
    rc_model_free(m);
}
END_TEST

/* Inline XBRL: the text block's prose, its continuation included, tables and ix:exclude
 * left out. */
START_TEST(test_inline_text_block)
{
    const char *doc =
        "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<html xmlns=\"http://www.w3.org/1999/xhtml\" "
        "xmlns:ix=\"http://www.xbrl.org/2013/inlineXBRL\" " XBRL_NS
        " xmlns:xbrldi=\"http://xbrl.org/2006/xbrldi\">\n<head><title>t</title></head><body>\n"
        "<div style=\"display:none\"><ix:header><ix:references><link:schemaRef "
        "xlink:type=\"simple\" "
        "xlink:href=\"x.xsd\"/></ix:references><ix:resources>\n" CONTEXTS
        "</ix:resources></ix:header></div>\n"
        "<ix:nonNumeric name=\"" BLOCK "\" contextRef=\"d2023\" id=\"tb\" continuedAt=\"c1\">"
        "<div>Stock Options</div><div>During 2023, the Company granted <ix:nonFraction name=\"" OPT
        "GrantsInPeriod\" contextRef=\"d2023\" unitRef=\"shares\" decimals=\"INF\">200"
        "</ix:nonFraction> options.</div><ix:exclude><div>Page 7. In 2023, 55 options were "
        "exercised.</div></ix:exclude><table><tr><td>Outstanding</td><td><ix:nonFraction "
        "name=\"" OPT
        "OutstandingNumber\" contextRef=\"i2022\" unitRef=\"shares\" decimals=\"INF\">1000"
        "</ix:nonFraction></td><td><ix:nonFraction name=\"" OPT "ExercisesInPeriod\" "
        "contextRef=\"d2023\" unitRef=\"shares\" decimals=\"INF\">100</ix:nonFraction></td><td>"
        "<ix:nonFraction name=\"" OPT
        "ForfeituresInPeriod\" contextRef=\"d2023\" unitRef=\"shares\" "
        "decimals=\"INF\">50</ix:nonFraction></td><td><ix:nonFraction name=\"" OPT
        "OutstandingNumber\" contextRef=\"i2023\" unitRef=\"shares\" decimals=\"INF\">1050"
        "</ix:nonFraction></td></tr></table></ix:nonNumeric>\n"
        "<div>Other text, never read: in 2023, 7 options were exercised.</div>\n"
        "<ix:continuation id=\"c1\"><p>As of December 31, 2023, 1,060 options were outstanding."
        "</p></ix:continuation>\n</body></html>\n";
    char *checks, *statements;
    rc_model *m;
    read_through("x.htm", doc, &checks, &statements, &m);
    ck_assert_str_eq(statements, "movement granted options 2023-01-01..2023-12-31 200; balance "
                                 "closing options ..2023-12-31 1060");
    ck_assert_str_eq(checks, "PASS FAIL");
    ck_assert_uint_eq(rc_model_statement(m, 1)->src.line, 10);
    ck_assert_uint_gt(rc_model_statement(m, 1)->src.col, 0);
    free(checks);
    free(statements);
    rc_model_free(m);
}
END_TEST

static Suite *narrative_suite(void)
{
    Suite *s = suite_create("narrative");
    TCase *tc = tcase_create("sentences");
    tcase_add_checked_fixture(tc, setup, teardown);
    tcase_add_test(tc, test_sentence_forms);
    tcase_add_test(tc, test_graham_holdings);
    tcase_add_test(tc, test_sentences_and_lines);
    tcase_add_test(tc, test_paragraphs);
    tcase_add_test(tc, test_no_duplicates);
    tcase_add_test(tc, test_unread_note);
    suite_add_tcase(s, tc);
    tc = tcase_create("sources");
    tcase_add_checked_fixture(tc, setup, teardown);
    tcase_add_test(tc, test_prose_of_html);
    tcase_add_test(tc, test_text_block_concepts);
    tcase_add_test(tc, test_period_of_heading);
    suite_add_tcase(s, tc);
    tc = tcase_create("rule");
    tcase_add_checked_fixture(tc, setup, teardown);
    tcase_add_test(tc, test_rule_cases);
    tcase_add_test(tc, test_finding);
    tcase_add_test(tc, test_rule_language);
    suite_add_tcase(s, tc);
    tc = tcase_create("readers");
    tcase_add_checked_fixture(tc, setup, teardown);
    tcase_add_test(tc, test_r_page);
    tcase_add_test(tc, test_instance_text_block);
    tcase_add_test(tc, test_inline_text_block);
    suite_add_tcase(s, tc);
    return s;
}

int main(void)
{
    SRunner *sr = srunner_create(narrative_suite());
    srunner_run_all(sr, CK_NORMAL);
    int failed = srunner_ntests_failed(sr);
    srunner_free(sr);
    return failed ? EXIT_FAILURE : EXIT_SUCCESS;
}
