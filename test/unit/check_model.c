/* Unit tests: dates, terms, fact intervals, and the model builder (merge, fold, chain). */
#include <check.h>
#include <stdlib.h>
#include <string.h>

#include "rollcheck/model.h"

/* ---- dates and terms ---- */

START_TEST(test_dates)
{
    rc_day d;
    ck_assert_int_eq(rc_day_parse(&d, "1970-01-01", 10), 0);
    ck_assert_int_eq(d, 0);
    ck_assert_int_eq(rc_day_parse(&d, "2021-01-01", 10), 0);
    rc_day jan1 = d;
    ck_assert_int_eq(rc_day_parse(&d, "2020-12-31", 10), 0);
    ck_assert_int_eq(d, jan1 - 1);
    char buf[11];
    rc_day_format(jan1 - 1, buf);
    ck_assert_str_eq(buf, "2020-12-31");
    ck_assert_int_eq(rc_day_parse(&d, "2024-02-29", 10), 0);
    rc_day_format(d + 1, buf);
    ck_assert_str_eq(buf, "2024-03-01");
    ck_assert_int_eq(rc_day_parse(&d, "2023-02-29", 10), RC_ESYNTAX);
    ck_assert_int_eq(rc_day_parse(&d, "2021-13-01", 10), RC_ESYNTAX);
    ck_assert_int_eq(rc_day_parse(&d, "2021-1-01", 9), RC_ESYNTAX);
    ck_assert_int_eq(rc_day_parse(&d, "2021/01/01", 10), RC_ESYNTAX);
    ck_assert_int_eq(rc_day_parse(&d, "1900-02-29", 10), RC_ESYNTAX);
    ck_assert_int_eq(rc_day_parse(&d, "2000-02-29", 10), 0);
    rc_day_format(RC_NO_DATE, buf);
    ck_assert_str_eq(buf, "");
    /* round trip over a span of years */
    for (rc_day k = rc_day_from_ymd(1899, 12, 1); k < rc_day_from_ymd(2101, 1, 1); k += 17) {
        int y, m, dd;
        rc_day_to_ymd(k, &y, &m, &dd);
        ck_assert_int_eq(rc_day_from_ymd(y, m, dd), k);
    }
}
END_TEST

/* The term text must parse to years in [lo, hi] (as exact fractions lo_n/den .. hi_n/den). */
static void term_is(const char *text, const char *years_at_4, int decimals)
{
    rc_value v;
    rc_value_init(&v);
    const char *msg = NULL;
    ck_assert_msg(rc_term_parse(&v, text, strlen(text), &msg) == 0, "'%s': %s", text,
                  msg ? msg : "");
    char *s = rc_q_format(v.q, 4, RC_ROUND_NEAREST, false);
    ck_assert_msg(strcmp(s, years_at_4) == 0, "'%s' is %s years, want %s", text, s, years_at_4);
    ck_assert_msg(v.decimals == decimals, "'%s' decimals %d, want %d", text, v.decimals,
                  decimals);
    free(s);
    rc_value_clear(&v);
}

START_TEST(test_terms)
{
    term_is("P4Y6M7D", "4.5192", 2);
    term_is("4 years 6 months 7 days", "4.5192", 2);
    term_is("7 years 21 days", "7.0575", 2);
    term_is("1 year", "1.0000", 2);
    term_is("10 years", "10.0000", 2);
    term_is("5", "5.0000", 0);
    term_is("5.13", "5.1300", 2);
    term_is("6.2 years", "6.2000", 1);
    term_is("P10Y", "10.0000", 2);
    term_is("2 years, 7 months and 20 days", "2.6381", 2);
    const char *bad[] = {"", "P", "PXY", "years", "4 lightyears", "5 5", "-3 years", "P4Y6"};
    for (size_t i = 0; i < sizeof bad / sizeof *bad; i++) {
        rc_value v;
        rc_value_init(&v);
        const char *msg = NULL;
        ck_assert_msg(rc_term_parse(&v, bad[i], strlen(bad[i]), &msg) == RC_ESYNTAX,
                      "'%s' should not parse", bad[i]);
        ck_assert(msg != NULL);
        rc_value_clear(&v);
    }
}
END_TEST

START_TEST(test_names)
{
    rc_role r;
    for (int i = 0; i < RC_ROLE__COUNT; i++) {
        ck_assert_int_eq(rc_role_parse(&r, rc_role_name((rc_role)i)), 0);
        ck_assert_int_eq(r, i);
    }
    ck_assert_int_eq(rc_role_parse(&r, "granted "), RC_EINVAL);
    ck_assert_int_eq(rc_role_direction(RC_ROLE_GRANTED), 1);
    ck_assert_int_eq(rc_role_direction(RC_ROLE_FORFEITED_EXPIRED), -1);
    ck_assert_int_eq(rc_role_direction(RC_ROLE_OTHER), 0);
    rc_award a;
    ck_assert_int_eq(rc_award_parse(&a, "other"), 0);
    ck_assert_int_eq(a, RC_AWARD_OTHER);
    ck_assert_int_eq(rc_award_parse(&a, "rsu"), RC_EINVAL);
    ck_assert_str_eq(rc_line_name(RC_LINE_VESTED_EXPECTED), "vested_expected");
    ck_assert_str_eq(rc_kind_name(RC_KIND_MONEY), "money");
}
END_TEST

/* ---- a small builder for models ---- */

static rc_fact *fact(rc_model *m, rc_kind kind, const char *text, int scale, unsigned line)
{
    rc_fact *f = rc_model_new_fact(m);
    ck_assert_ptr_nonnull(f);
    f->kind = kind;
    f->text = rc_model_strdup(m, text);
    ck_assert_int_eq(rc_value_parse(&f->value, text, strlen(text), scale, RC_PARSE_TABLE, NULL,
                                    NULL),
                     0);
    f->src.file = "t.json";
    f->src.line = line;
    return f;
}

static rc_rollforward *rf_new(rc_model *m, const char *member, const char *currency,
                              const char *start, const char *end)
{
    rc_rollforward *rf = rc_model_add_rollforward(m);
    ck_assert_ptr_nonnull(rf);
    rf->file = "t.json";
    rf->award = RC_AWARD_OPTIONS;
    rf->currency = currency;
    ck_assert_int_eq(rc_model_set_members(m, rf, &member, 1), 0);
    ck_assert_int_eq(rc_day_parse(&rf->start, start, 10), 0);
    ck_assert_int_eq(rc_day_parse(&rf->end, end, 10), 0);
    return rf;
}

static rc_movement *move(rc_model *m, rc_rollforward *rf, rc_role role, const char *label,
                         rc_fact *count, rc_fact *price)
{
    rc_movement *mv = rc_model_add_movement(m, rf);
    ck_assert_ptr_nonnull(mv);
    mv->role = role;
    mv->direction = rc_role_direction(role);
    mv->label = label;
    mv->count = count;
    mv->price = price;
    return mv;
}

static size_t chain_len(const rc_fact *f)
{
    size_t n = 0;
    for (; f; f = f->dup)
        n++;
    return n;
}

START_TEST(test_fact_interval)
{
    rc_model *m;
    ck_assert_int_eq(rc_model_new(&m), 0);
    rc_interval iv;
    rc_interval_init(&iv);
    bool wide = true;

    rc_fact *count = fact(m, RC_KIND_COUNT, "25,438,655", 0, 1);
    rc_fact_interval(&iv, count, &wide);
    ck_assert(rc_interval_is_point(&iv)); /* shares are whole */
    ck_assert(!wide);

    rc_fact *thousands = fact(m, RC_KIND_COUNT, "1,442", 3, 1);
    rc_fact_interval(&iv, thousands, NULL);
    ck_assert(mpq_cmp_si(iv.lo, 1441500, 1) == 0 && mpq_cmp_si(iv.hi, 1442500, 1) == 0);

    rc_fact *price = fact(m, RC_KIND_PRICE, "5.877", 0, 1);
    price->value.decimals = RC_DECIMALS_INF; /* tagged INF, but rounded as written */
    rc_fact_interval(&iv, price, &wide);
    ck_assert(wide);
    ck_assert(mpq_cmp_si(iv.lo, 58765, 10000) == 0 && mpq_cmp_si(iv.hi, 58775, 10000) == 0);

    rc_fact *exact_price = fact(m, RC_KIND_PRICE, "0.24", 0, 1);
    rc_fact_interval(&iv, exact_price, &wide);
    ck_assert(!wide);
    ck_assert(mpq_cmp_si(iv.lo, 235, 1000) == 0 && mpq_cmp_si(iv.hi, 245, 1000) == 0);

    rc_interval_clear(&iv);
    rc_model_free(m);
}
END_TEST

/* Seed 000's Global Share Plan as the columns show it: the share counts of 2023 in a
 * currency-less CNY column and again in the USD column with the prices, FY2022 split
 * likewise, a six-month column with beginning balances only, and the Dec. 31, 2020
 * closing balances in an instant column. */
START_TEST(test_finish_seed000_shape)
{
    rc_model *m;
    ck_assert_int_eq(rc_model_new(&m), 0);
    const char *plan = "Global Share Plan";

    /* c0: six months ended Jun. 30, 2022: opening only */
    rc_rollforward *c0 = rf_new(m, plan, "USD", "2022-01-01", "2022-06-30");
    c0->lines[RC_LINE_OPENING].count = fact(m, RC_KIND_COUNT, "7,460,250", 0, 1);
    c0->lines[RC_LINE_OPENING].price = fact(m, RC_KIND_PRICE, "0.24", 0, 2);

    /* c1: FY2023, CNY, counts only */
    rc_rollforward *c1 = rf_new(m, plan, NULL, "2023-01-01", "2023-12-31");
    c1->lines[RC_LINE_OPENING].count = fact(m, RC_KIND_COUNT, "7,360,330", 0, 3);
    move(m, c1, RC_ROLE_EXERCISED, "Exercise during the year", fact(m, RC_KIND_COUNT, "(39,500)", 0, 4), NULL);
    c1->lines[RC_LINE_CLOSING].count = fact(m, RC_KIND_COUNT, "7,320,830", 0, 5);

    /* c2: FY2023, USD, counts and prices */
    rc_rollforward *c2 = rf_new(m, plan, "USD", "2023-01-01", "2023-12-31");
    c2->lines[RC_LINE_OPENING].count = fact(m, RC_KIND_COUNT, "7,360,330", 0, 6);
    c2->lines[RC_LINE_OPENING].price = fact(m, RC_KIND_PRICE, "0.24", 0, 7);
    move(m, c2, RC_ROLE_EXERCISED, "Exercise during the year", fact(m, RC_KIND_COUNT, "(39,500)", 0, 8),
         fact(m, RC_KIND_PRICE, "0.04", 0, 9));
    c2->lines[RC_LINE_CLOSING].count = fact(m, RC_KIND_COUNT, "7,320,830", 0, 10);
    c2->lines[RC_LINE_CLOSING].price = fact(m, RC_KIND_PRICE, "0.25", 0, 11);

    /* c3 + c4: FY2022 counts (no currency) and prices (USD) in separate columns */
    rc_rollforward *c3 = rf_new(m, plan, NULL, "2022-01-01", "2022-12-31");
    c3->lines[RC_LINE_OPENING].count = fact(m, RC_KIND_COUNT, "7,460,250", 0, 12);
    move(m, c3, RC_ROLE_FORFEITED, "Forfeited during the year", fact(m, RC_KIND_COUNT, "(420)", 0, 13), NULL);
    move(m, c3, RC_ROLE_EXERCISED, "Exercise during the year", fact(m, RC_KIND_COUNT, "(99,500)", 0, 14), NULL);
    c3->lines[RC_LINE_CLOSING].count = fact(m, RC_KIND_COUNT, "7,360,330", 0, 15);
    rc_rollforward *c4 = rf_new(m, plan, "USD", "2022-01-01", "2022-12-31");
    c4->lines[RC_LINE_OPENING].price = fact(m, RC_KIND_PRICE, "0.24", 0, 16);
    move(m, c4, RC_ROLE_FORFEITED, "Forfeited during the year", NULL, fact(m, RC_KIND_PRICE, "0.56", 0, 17));
    move(m, c4, RC_ROLE_EXERCISED, "Exercise during the year", NULL, fact(m, RC_KIND_PRICE, "0.05", 0, 18));
    c4->lines[RC_LINE_CLOSING].price = fact(m, RC_KIND_PRICE, "0.24", 0, 19);

    /* FY2021 in one piece */
    rc_rollforward *c5 = rf_new(m, plan, "USD", "2021-01-01", "2021-12-31");
    c5->lines[RC_LINE_OPENING].count = fact(m, RC_KIND_COUNT, "7,505,477", 0, 20);
    move(m, c5, RC_ROLE_FORFEITED, NULL, fact(m, RC_KIND_COUNT, "(45,227)", 0, 21), NULL);
    c5->lines[RC_LINE_CLOSING].count = fact(m, RC_KIND_COUNT, "7,460,250", 0, 22);

    /* c7: Dec. 31, 2020 closing balances only */
    rc_rollforward *c7 = rf_new(m, plan, "USD", "2020-01-01", "2020-12-31");
    c7->lines[RC_LINE_CLOSING].count = fact(m, RC_KIND_COUNT, "7,505,477", 0, 23);
    c7->lines[RC_LINE_CLOSING].aiv = fact(m, RC_KIND_MONEY, "176", 3, 24);

    ck_assert_int_eq(rc_model_count(m), 7);
    ck_assert_int_eq(rc_model_finish(m, NULL), 0);

    /* three roll-forwards remain, in period order, chained */
    ck_assert_int_eq(rc_model_count(m), 3);
    const rc_rollforward *y21 = rc_model_get(m, 0), *y22 = rc_model_get(m, 1),
                         *y23 = rc_model_get(m, 2);
    char buf[11];
    rc_day_format(y21->start, buf);
    ck_assert_str_eq(buf, "2021-01-01");
    rc_day_format(y23->end, buf);
    ck_assert_str_eq(buf, "2023-12-31");
    ck_assert_ptr_null(y21->previous);
    ck_assert_ptr_eq(y22->previous, y21);
    ck_assert_ptr_eq(y23->previous, y22);
    ck_assert_ptr_eq(y21->next, y22);
    for (size_t i = 0; i < 3; i++) {
        ck_assert_str_eq(rc_model_get(m, i)->currency, "USD");
        ck_assert(rc_rollforward_is_rollforward(rc_model_get(m, i)));
    }

    /* 2023: the counts of both columns, as one fact and its duplicate */
    ck_assert_int_eq(chain_len(rc_opening(y23)->count), 2);
    ck_assert_int_eq(chain_len(rc_closing(y23)->count), 2);
    ck_assert_int_eq(chain_len(rc_closing(y23)->price), 1);
    ck_assert_int_eq(y23->nmovements, 1);
    ck_assert_int_eq(chain_len(y23->movements[0].count), 2);
    ck_assert_ptr_nonnull(y23->movements[0].price);

    /* 2022: counts from c3 and prices from c4 on the same movement rows */
    ck_assert_int_eq(y22->nmovements, 2);
    ck_assert_int_eq(y22->movements[0].role, RC_ROLE_FORFEITED);
    ck_assert_ptr_nonnull(y22->movements[0].count);
    ck_assert_ptr_nonnull(y22->movements[0].price);
    ck_assert_ptr_nonnull(y22->movements[1].count);
    ck_assert_ptr_nonnull(y22->movements[1].price);
    ck_assert_ptr_nonnull(rc_opening(y22)->price);
    ck_assert_ptr_nonnull(rc_closing(y22)->count);
    /* c0's beginning balance (Dec. 31, 2021) folded into 2022's opening and 2021's closing */
    ck_assert_int_eq(chain_len(rc_opening(y22)->count), 2);
    ck_assert_int_eq(chain_len(rc_opening(y22)->price), 2);
    ck_assert_int_eq(chain_len(rc_closing(y21)->count), 2);
    ck_assert_ptr_nonnull(rc_closing(y21)->price);

    /* c7 folded into 2021's opening, its AIV with it */
    ck_assert_int_eq(chain_len(rc_opening(y21)->count), 2);
    ck_assert_ptr_nonnull(rc_opening(y21)->aiv);
    ck_assert_uint_eq(rc_opening(y21)->aiv->src.line, 24);

    ck_assert_int_eq(rc_model_count_rollforwards(m, NULL), 3);
    ck_assert_int_eq(rc_model_count_rollforwards(m, "t.json"), 3);
    ck_assert_int_eq(rc_model_count_rollforwards(m, "other.json"), 0);
    rc_model_free(m);
}
END_TEST

/* A balance that fits nowhere stays, as a balance; two currencies stay apart. */
START_TEST(test_finish_keeps_apart)
{
    rc_model *m;
    ck_assert_int_eq(rc_model_new(&m), 0);
    rc_rollforward *lone = rf_new(m, "Plan A", NULL, "2019-01-01", "2019-12-31");
    lone->lines[RC_LINE_CLOSING].count = fact(m, RC_KIND_COUNT, "100", 0, 1);
    lone->lines[RC_LINE_EXERCISABLE].count = fact(m, RC_KIND_COUNT, "50", 0, 2);

    rc_rollforward *cny = rf_new(m, "Plan B", "CNY", "2023-01-01", "2023-12-31");
    cny->lines[RC_LINE_CLOSING].aiv = fact(m, RC_KIND_MONEY, "4,306", 3, 3);
    cny->lines[RC_LINE_OPENING].count = fact(m, RC_KIND_COUNT, "10", 0, 4);
    rc_rollforward *usd = rf_new(m, "Plan B", "USD", "2023-01-01", "2023-12-31");
    usd->lines[RC_LINE_CLOSING].aiv = fact(m, RC_KIND_MONEY, "606", 3, 5);
    usd->lines[RC_LINE_OPENING].count = fact(m, RC_KIND_COUNT, "10", 0, 6);
    rc_rollforward *counts = rf_new(m, "Plan B", NULL, "2023-01-01", "2023-12-31");
    counts->lines[RC_LINE_CLOSING].count = fact(m, RC_KIND_COUNT, "12", 0, 7);
    move(m, counts, RC_ROLE_GRANTED, "Granted", fact(m, RC_KIND_COUNT, "2", 0, 8), NULL);

    ck_assert_int_eq(rc_model_finish(m, NULL), 0);
    ck_assert_int_eq(rc_model_count(m), 3);
    const rc_rollforward *a = rc_model_get(m, 0);
    ck_assert_str_eq(a->members[0], "Plan A");
    ck_assert(!rc_rollforward_is_rollforward(a));
    ck_assert_ptr_nonnull(a->lines[RC_LINE_EXERCISABLE].count);
    /* the currency-less counts went to both currencies, as copies */
    const rc_rollforward *b1 = rc_model_get(m, 1), *b2 = rc_model_get(m, 2);
    ck_assert_str_eq(b1->currency, "CNY");
    ck_assert_str_eq(b2->currency, "USD");
    ck_assert_int_eq(b1->nmovements, 1);
    ck_assert_int_eq(b2->nmovements, 1);
    ck_assert_ptr_nonnull(rc_closing(b1)->count);
    ck_assert_ptr_nonnull(rc_closing(b2)->count);
    ck_assert_ptr_ne(rc_closing(b1)->count, rc_closing(b2)->count);
    ck_assert_uint_eq(rc_closing(b2)->count->src.line, 7);
    ck_assert_int_eq(chain_len(rc_closing(b1)->aiv), 1);
    ck_assert_int_eq(rc_model_count_rollforwards(m, NULL), 2);
    rc_model_free(m);
}
END_TEST

/* A 10-Q: quarter and year-to-date both end on the same day; the next period chains to the
 * longer one. */
START_TEST(test_chain_prefers_longest)
{
    rc_model *m;
    ck_assert_int_eq(rc_model_new(&m), 0);
    rc_rollforward *q3 = rf_new(m, "P", "USD", "2023-07-01", "2023-09-30");
    q3->lines[RC_LINE_OPENING].count = fact(m, RC_KIND_COUNT, "1", 0, 1);
    q3->lines[RC_LINE_CLOSING].count = fact(m, RC_KIND_COUNT, "1", 0, 2);
    rc_rollforward *ytd = rf_new(m, "P", "USD", "2023-01-01", "2023-09-30");
    ytd->lines[RC_LINE_OPENING].count = fact(m, RC_KIND_COUNT, "1", 0, 3);
    ytd->lines[RC_LINE_CLOSING].count = fact(m, RC_KIND_COUNT, "1", 0, 4);
    rc_rollforward *q4 = rf_new(m, "P", "USD", "2023-10-01", "2023-12-31");
    q4->lines[RC_LINE_OPENING].count = fact(m, RC_KIND_COUNT, "1", 0, 5);
    q4->lines[RC_LINE_CLOSING].count = fact(m, RC_KIND_COUNT, "1", 0, 6);
    ck_assert_int_eq(rc_model_finish(m, NULL), 0);
    ck_assert_int_eq(rc_model_count(m), 3);
    const rc_rollforward *last = rc_model_get(m, 2);
    ck_assert_ptr_nonnull(last->previous);
    char buf[11];
    rc_day_format(last->previous->start, buf);
    ck_assert_str_eq(buf, "2023-01-01");
    rc_model_free(m);
}
END_TEST

START_TEST(test_notes_and_rollback)
{
    rc_model *m;
    ck_assert_int_eq(rc_model_new(&m), 0);
    rc_rollforward *keep = rf_new(m, "P", "USD", "2023-01-01", "2023-12-31");
    keep->lines[RC_LINE_OPENING].count = fact(m, RC_KIND_COUNT, "1", 0, 1);
    ck_assert_int_eq(rc_model_add_note(m, "a.htm", 3, 0, "skipped %d parts", 2), 0);
    rc_model_mark mark;
    rc_model_mark_state(m, &mark);
    rc_rollforward *drop = rf_new(m, "Q", "USD", "2023-01-01", "2023-12-31");
    move(m, drop, RC_ROLE_GRANTED, "Granted", fact(m, RC_KIND_COUNT, "5", 0, 2), NULL);
    ck_assert_int_eq(rc_model_add_note(m, "b.htm", 0, 0, "half read"), 0);
    ck_assert_int_eq(rc_model_count(m), 2);
    ck_assert_int_eq(rc_model_fact_count(m), 2);
    rc_model_rollback(m, &mark);
    ck_assert_int_eq(rc_model_count(m), 1);
    ck_assert_int_eq(rc_model_fact_count(m), 1);
    ck_assert_int_eq(rc_model_note_count(m), 1);
    const rc_note *n = rc_model_note(m, 0);
    ck_assert_str_eq(n->text, "skipped 2 parts");
    ck_assert_str_eq(n->src.file, "a.htm");
    ck_assert_uint_eq(n->src.line, 3);
    ck_assert_int_eq(rc_model_count_facts(m, "t.json"), 1);
    ck_assert_int_eq(rc_model_count_facts(m, "x.json"), 0);
    ck_assert_int_eq(rc_model_finish(m, NULL), 0);
    ck_assert_int_eq(rc_model_count(m), 1);
    rc_model_free(m);
}
END_TEST

/* Apple's fiscal half-year: "6 Months Ended Mar. 29, 2025" starts on Sep. 29, 2024, which
 * the R page does not say; the note table's "Balance as of September 28, 2024" does. */
START_TEST(test_snap_approximate_start)
{
    rc_model *m;
    ck_assert_int_eq(rc_model_new(&m), 0);
    rc_rollforward *details = rf_new(m, "RSU", NULL, "2024-09-30", "2025-03-29");
    details->flags |= RC_RF_START_APPROX;
    details->lines[RC_LINE_OPENING].count = fact(m, RC_KIND_COUNT, "163,326", 3, 1);
    details->lines[RC_LINE_CLOSING].count = fact(m, RC_KIND_COUNT, "183,346", 3, 2);
    rc_rollforward *note = rf_new(m, "RSU", NULL, "2024-09-29", "2025-03-29");
    note->lines[RC_LINE_OPENING].count = fact(m, RC_KIND_COUNT, "163,326", 3, 3);
    note->lines[RC_LINE_CLOSING].count = fact(m, RC_KIND_COUNT, "183,346", 3, 4);
    /* a quarter whose start is approximate chains to the period before it */
    rc_rollforward *q3 = rf_new(m, "RSU", NULL, "2025-03-30", "2025-06-28");
    q3->flags |= RC_RF_START_APPROX;
    rc_day_parse(&q3->start, "2025-03-31", 10);
    q3->lines[RC_LINE_OPENING].count = fact(m, RC_KIND_COUNT, "183,346", 3, 5);
    q3->lines[RC_LINE_CLOSING].count = fact(m, RC_KIND_COUNT, "180,000", 3, 6);
    ck_assert_int_eq(rc_model_finish(m, NULL), 0);
    ck_assert_int_eq(rc_model_count(m), 2);
    const rc_rollforward *h1 = rc_model_get(m, 0), *later = rc_model_get(m, 1);
    char buf[11];
    rc_day_format(h1->start, buf);
    ck_assert_str_eq(buf, "2024-09-29");
    ck_assert_int_eq(h1->flags & RC_RF_START_APPROX, 0);
    ck_assert_int_eq(chain_len(rc_opening(h1)->count), 2);
    rc_day_format(later->start, buf);
    ck_assert_str_eq(buf, "2025-03-30");
    ck_assert_ptr_eq(later->previous, h1);
    rc_model_free(m);
}
END_TEST

/* A total and its parts: plans add one member; award types break down a class. */
START_TEST(test_parts)
{
    rc_model *m;
    ck_assert_int_eq(rc_model_new(&m), 0);
    rc_rollforward *total = rc_model_add_rollforward(m);
    total->award = RC_AWARD_OTHER;
    total->currency = "USD";
    rc_day_parse(&total->start, "2023-01-01", 10);
    rc_day_parse(&total->end, "2023-12-31", 10);
    total->lines[RC_LINE_CLOSING].count = fact(m, RC_KIND_COUNT, "30", 0, 1);
    rc_rollforward *a = rf_new(m, "Plan A", "USD", "2023-01-01", "2023-12-31");
    a->award = RC_AWARD_OTHER;
    a->lines[RC_LINE_CLOSING].count = fact(m, RC_KIND_COUNT, "10", 0, 2);
    rc_rollforward *b = rf_new(m, "Plan B", "USD", "2023-01-01", "2023-12-31");
    b->award = RC_AWARD_OTHER;
    b->lines[RC_LINE_CLOSING].count = fact(m, RC_KIND_COUNT, "20", 0, 3);
    rc_rollforward *rsu = rc_model_add_rollforward(m);
    rsu->award = RC_AWARD_OTHER;
    rsu->award_type = "RSU";
    rsu->currency = "USD";
    rsu->start = total->start;
    rsu->end = total->end;
    rsu->lines[RC_LINE_CLOSING].count = fact(m, RC_KIND_COUNT, "25", 0, 4);
    /* another year is no part, nor options */
    rc_rollforward *other_year = rf_new(m, "Plan A", "USD", "2022-01-01", "2022-12-31");
    other_year->award = RC_AWARD_OTHER;
    other_year->lines[RC_LINE_CLOSING].count = fact(m, RC_KIND_COUNT, "9", 0, 5);
    rc_rollforward *opts = rf_new(m, "Plan A", "USD", "2023-01-01", "2023-12-31");
    opts->lines[RC_LINE_CLOSING].count = fact(m, RC_KIND_COUNT, "7", 0, 6);
    ck_assert_int_eq(rc_model_finish(m, NULL), 0);
    const rc_rollforward *t = NULL;
    for (size_t i = 0; i < rc_model_count(m); i++) {
        const rc_rollforward *rf = rc_model_get(m, i);
        if (rf->award == RC_AWARD_OTHER && rf->nmembers == 0 && !rf->award_type) t = rf;
    }
    ck_assert_ptr_nonnull(t);
    ck_assert_uint_eq(t->nparts, 3);
    for (size_t k = 0; k < t->nparts; k++) {
        ck_assert_ptr_eq(t->parts[k]->total, t);
        ck_assert(t->parts[k]->end == t->end);
    }
    ck_assert_ptr_null(t->total);
    rc_model_free(m);
}
END_TEST

/* A range table read alone (a balance at the year's end) folds into the roll-forward that
 * closes then; statements match the one roll-forward they can be about. */
START_TEST(test_ranges_and_statements)
{
    rc_model *m;
    ck_assert_int_eq(rc_model_new(&m), 0);
    rc_rollforward *rf = rf_new(m, "P", "USD", "2023-01-01", "2023-12-31");
    rf->lines[RC_LINE_OPENING].count = fact(m, RC_KIND_COUNT, "100", 0, 1);
    move(m, rf, RC_ROLE_GRANTED, "Granted", fact(m, RC_KIND_COUNT, "20", 0, 2), NULL);
    rf->lines[RC_LINE_CLOSING].count = fact(m, RC_KIND_COUNT, "120", 0, 3);
    rc_rollforward *table = rf_new(m, "P", "USD", "2023-01-01", "2023-12-31");
    table->file = "t.json";
    rc_range *r = rc_model_add_range(m, table);
    r->label = "$1.00 - $2.00";
    r->count = fact(m, RC_KIND_COUNT, "70", 0, 4);
    r = rc_model_add_range(m, table);
    r->count = fact(m, RC_KIND_COUNT, "50", 0, 5);
    /* another plan's roll-forward of the same year: a statement naming no plan fits both */
    rc_rollforward *other = rf_new(m, "Q", "USD", "2023-01-01", "2023-12-31");
    other->lines[RC_LINE_OPENING].count = fact(m, RC_KIND_COUNT, "1", 0, 6);
    move(m, other, RC_ROLE_GRANTED, "Granted", fact(m, RC_KIND_COUNT, "2", 0, 7), NULL);
    other->lines[RC_LINE_CLOSING].count = fact(m, RC_KIND_COUNT, "3", 0, 8);
    rc_statement *both = rc_model_add_statement(m);
    both->kind = RC_STMT_MOVEMENT;
    both->role = RC_ROLE_GRANTED;
    rc_day_parse(&both->start, "2023-01-01", 10);
    rc_day_parse(&both->end, "2023-12-31", 10);
    both->src.file = "t.json";
    both->value = fact(m, RC_KIND_COUNT, "20", 0, 9);
    rc_statement *price = rc_model_add_statement(m);
    price->kind = RC_STMT_SHARE_PRICE;
    price->end = both->end;
    price->src.file = "t.json";
    price->value = fact(m, RC_KIND_PRICE, "640.58", 0, 10);
    ck_assert_int_eq(rc_model_finish(m, NULL), 0);
    ck_assert_int_eq(rc_model_count(m), 2); /* the range table folded into P's */
    const rc_rollforward *p = rc_model_get(m, 0), *q = rc_model_get(m, 1);
    ck_assert_str_eq(p->members[0], "P");
    ck_assert_uint_eq(p->nranges, 2);
    ck_assert_str_eq(p->ranges[0].label, "$1.00 - $2.00");
    ck_assert_ptr_nonnull(p->ranges[1].count);
    ck_assert_uint_eq(q->nranges, 0);
    /* two plans fit and neither is a total: not matched */
    ck_assert_ptr_null(rc_model_statement(m, 0)->rf);
    ck_assert_uint_eq(p->nstatements + q->nstatements, 0);
    /* the share price goes to every roll-forward of the file ending that day */
    ck_assert_ptr_nonnull(p->share_price);
    ck_assert_ptr_nonnull(q->share_price);
    ck_assert_ptr_ne(p->share_price, q->share_price);
    rc_model_free(m);
}
END_TEST

int main(void)
{
    Suite *s = suite_create("model");
    TCase *tc = tcase_create("names");
    tcase_add_test(tc, test_dates);
    tcase_add_test(tc, test_terms);
    tcase_add_test(tc, test_names);
    suite_add_tcase(s, tc);
    tc = tcase_create("facts");
    tcase_add_test(tc, test_fact_interval);
    suite_add_tcase(s, tc);
    tc = tcase_create("finish");
    tcase_add_test(tc, test_finish_seed000_shape);
    tcase_add_test(tc, test_finish_keeps_apart);
    tcase_add_test(tc, test_chain_prefers_longest);
    tcase_add_test(tc, test_notes_and_rollback);
    tcase_add_test(tc, test_snap_approximate_start);
    tcase_add_test(tc, test_parts);
    tcase_add_test(tc, test_ranges_and_statements);
    suite_add_tcase(s, tc);
    SRunner *sr = srunner_create(s);
    srunner_run_all(sr, CK_NORMAL);
    int failed = srunner_ntests_failed(sr);
    srunner_free(sr);
    return failed ? EXIT_FAILURE : EXIT_SUCCESS;
}
