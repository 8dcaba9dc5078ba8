/* Unit tests: exact decimal parsing, rounding intervals, formatting. */
#include <check.h>
#include <stdlib.h>
#include <string.h>

#include "rollcheck/common.h"
#include "rollcheck/number.h"

/* Parse text with opts and scale; the value must print exactly as want. */
static void parses_to(const char *text, unsigned opts, int scale, const char *want, int shown)
{
    rc_value v;
    rc_value_init(&v);
    size_t pos = 0;
    const char *msg = NULL;
    int rc = rc_value_parse(&v, text, strlen(text), scale, opts, &pos, &msg);
    ck_assert_msg(rc == 0, "'%s' did not parse: %s at %zu", text, msg ? msg : "?", pos);
    char *got = rc_q_format_exact(v.q, 40, RC_ROUND_NEAREST);
    ck_assert_msg(strcmp(got, want) == 0, "'%s' parsed to %s, want %s", text, got, want);
    ck_assert_msg(v.shown == shown, "'%s' shown %d, want %d", text, v.shown, shown);
    ck_assert_int_eq(v.decimals, v.shown);
    free(got);
    rc_value_clear(&v);
}

static void rejects(const char *text, unsigned opts, size_t want_pos)
{
    rc_value v;
    rc_value_init(&v);
    mpq_set_ui(v.q, 7, 1);
    size_t pos = 999;
    const char *msg = NULL;
    int rc = rc_value_parse(&v, text, strlen(text), 0, opts, &pos, &msg);
    ck_assert_msg(rc == RC_ESYNTAX, "'%s' should not parse", text);
    ck_assert_msg(msg && *msg, "'%s': no message", text);
    ck_assert_msg(pos == want_pos, "'%s': error at %zu (%s), want %zu", text, pos, msg, want_pos);
    ck_assert_msg(mpq_cmp_ui(v.q, 7, 1) == 0, "'%s': value changed on error", text);
    rc_value_clear(&v);
}

START_TEST(test_parse_plain)
{
    parses_to("1234", 0, 0, "1234", 0);
    parses_to("-1234.50", 0, 0, "-1234.5", 2);
    parses_to("0.01", 0, 0, "0.01", 2);
    parses_to("  0.24 ", 0, 0, "0.24", 2);
    parses_to(".5", 0, 0, "0.5", 1);
    parses_to("+3", 0, 0, "3", 0);
    parses_to("0.1", 0, 0, "0.1", 1);
}
END_TEST

START_TEST(test_parse_table_forms)
{
    parses_to("1,234", RC_PARSE_TABLE, 0, "1234", 0);
    parses_to("(1,234)", RC_PARSE_TABLE, 0, "-1234", 0);
    parses_to("( 45,227 )", RC_PARSE_TABLE, 0, "-45227", 0);
    parses_to("25,438,655", RC_PARSE_TABLE, 0, "25438655", 0);
    parses_to("1.2E3", RC_PARSE_TABLE, 0, "1200", -2);
    parses_to("1.2e-3", RC_PARSE_TABLE, 0, "0.0012", 4);
    parses_to("25.00%", RC_PARSE_TABLE, 0, "0.25", 4);
    parses_to("1,442", RC_PARSE_TABLE, 3, "1442000", -3);
    parses_to("0.5", RC_PARSE_TABLE, 6, "500000", -5);
    parses_to("\xc2\xa0" "12\xc2\xa0", RC_PARSE_TABLE, 0, "12", 0); /* no-break spaces */
    parses_to("\xe2\x88\x92" "5", RC_PARSE_TABLE, 0, "-5", 0);      /* U+2212 minus */
}
END_TEST

START_TEST(test_parse_dash)
{
    const char *dashes[] = {"-", "--", "\xe2\x80\x94", "\xe2\x80\x93", " - "};
    for (size_t k = 0; k < sizeof dashes / sizeof *dashes; k++) {
        rc_value v;
        rc_value_init(&v);
        ck_assert_int_eq(rc_value_parse(&v, dashes[k], strlen(dashes[k]), 0, RC_PARSE_TABLE,
                                        NULL, NULL),
                         0);
        ck_assert_int_eq(mpq_sgn(v.q), 0);
        ck_assert_int_eq(v.decimals, RC_DECIMALS_INF);
        ck_assert(v.flags & RC_VALUE_DASH);
        rc_value_clear(&v);
    }
    /* without the option a dash is not a number */
    rejects("-", 0, 1);
}
END_TEST

START_TEST(test_parse_errors)
{
    rejects("1,2,3", RC_PARSE_TABLE, 3);
    rejects("12..5", RC_PARSE_TABLE, 3);
    rejects("12,34", RC_PARSE_TABLE, 4);
    rejects("1234,567", RC_PARSE_TABLE, 4);
    rejects(",123", RC_PARSE_TABLE, 0);
    rejects("", RC_PARSE_TABLE, 0);
    rejects("abc", RC_PARSE_TABLE, 0);
    rejects("12a", RC_PARSE_TABLE, 2);
    rejects("(12", RC_PARSE_TABLE, 2);
    rejects("1,234", 0, 1);
    rejects("(1)", 0, 0);
    rejects("1E3", 0, 1);
    rejects("1E99999", RC_PARSE_TABLE, 1);
    rejects("1.2.3", RC_PARSE_TABLE, 3);
    rejects("(-5)", RC_PARSE_TABLE, 1);
}
END_TEST

START_TEST(test_parse_long)
{
    /* 1,000 digits parse exactly */
    char text[1002];
    memset(text, '9', 1000);
    text[1000] = '\0';
    rc_value v;
    rc_value_init(&v);
    ck_assert_int_eq(rc_value_parse(&v, text, 1000, 0, 0, NULL, NULL), 0);
    char *s = rc_q_format_exact(v.q, 0, RC_ROUND_NEAREST);
    ck_assert_str_eq(s, text);
    free(s);
    rc_value_clear(&v);
}
END_TEST

/* Build the interval a table value shown as text stands for. */
static void shown(rc_interval *iv, const char *text)
{
    rc_value v;
    rc_value_init(&v);
    ck_assert_int_eq(rc_value_parse(&v, text, strlen(text), 0, RC_PARSE_TABLE, NULL, NULL), 0);
    rc_interval_set_rounded(iv, v.q, v.decimals);
    rc_value_clear(&v);
}

static void exact(rc_interval *iv, long n)
{
    rc_interval_set_si(iv, n);
}

static void assert_interval(const rc_interval *iv, int places, const char *lo, const char *hi)
{
    char *l = rc_q_format(iv->lo, places, RC_ROUND_NEAREST, false);
    char *h = rc_q_format(iv->hi, places, RC_ROUND_NEAREST, false);
    ck_assert_msg(strcmp(l, lo) == 0 && strcmp(h, hi) == 0, "got %s..%s, want %s..%s", l, h,
                  lo, hi);
    free(l);
    free(h);
}

/* (opening n x p - moved n x p) / closing n, as the WAEP rule computes it */
static void waep(rc_interval *out, long n0, const char *p0, long n1, const char *p1, long nc)
{
    rc_interval a, b, c, t;
    rc_interval_init(&a);
    rc_interval_init(&b);
    rc_interval_init(&c);
    rc_interval_init(&t);
    exact(&a, n0);
    shown(&t, p0);
    rc_interval_mul(&a, &a, &t);
    exact(&b, n1);
    shown(&t, p1);
    rc_interval_mul(&b, &b, &t);
    rc_interval_sub(&a, &a, &b);
    exact(&c, nc);
    ck_assert_int_eq(rc_interval_div(out, &a, &c), 0);
    rc_interval_clear(&a);
    rc_interval_clear(&b);
    rc_interval_clear(&c);
    rc_interval_clear(&t);
}

/* Seed 000, Global Share Plan: FY2021 fails against 0.24, FY2023 passes against 0.25. */
START_TEST(test_seed000_waep)
{
    rc_interval got, rep;
    rc_interval_init(&got);
    rc_interval_init(&rep);

    waep(&got, 7505477, "0.28", 45227, "0.29", 7460250);
    assert_interval(&got, 4, "0.2749", "0.2850");
    shown(&rep, "0.24");
    ck_assert(!rc_interval_eq(&got, &rep));

    waep(&got, 7360330, "0.24", 39500, "0.04", 7320830);
    assert_interval(&got, 4, "0.2360", "0.2461");
    shown(&rep, "0.25");
    ck_assert(rc_interval_eq(&got, &rep));

    rc_interval_clear(&got);
    rc_interval_clear(&rep);
}
END_TEST

START_TEST(test_interval_ops)
{
    rc_interval a, b, r;
    rc_interval_init(&a);
    rc_interval_init(&b);
    rc_interval_init(&r);
    shown(&a, "1,442"); /* [1441.5, 1442.5] */
    assert_interval(&a, 1, "1441.5", "1442.5");
    shown(&b, "-2");
    rc_interval_mul(&r, &a, &b);
    assert_interval(&r, 2, "-3606.25", "-2162.25");
    rc_interval_sub(&r, &a, &a); /* not zero: the two roundings are independent */
    assert_interval(&r, 1, "-1.0", "1.0");
    rc_interval_neg(&r, &b);
    assert_interval(&r, 1, "1.5", "2.5");
    rc_interval_abs(&r, &b);
    assert_interval(&r, 1, "1.5", "2.5");
    /* dividing by an interval that holds zero is not applicable */
    shown(&b, "0");
    ck_assert_int_eq(rc_interval_div(&r, &a, &b), RC_ENA);
    shown(&b, "0.4"); /* [0.35, 0.45] */
    ck_assert_int_eq(rc_interval_div(&r, &a, &b), 0);
    assert_interval(&r, 3, "3203.333", "4121.429");

    /* comparisons */
    shown(&a, "0.25");
    shown(&b, "0.24");
    ck_assert(rc_interval_eq(&a, &b)); /* [0.245,0.255] and [0.235,0.245] touch: closed */
    shown(&b, "0.23");
    ck_assert(!rc_interval_eq(&a, &b));
    shown(&b, "0.245");
    ck_assert(rc_interval_eq(&a, &b));
    exact(&a, 10);
    exact(&b, 10);
    ck_assert(rc_interval_eq(&a, &b));
    ck_assert(rc_interval_le(&a, &b));
    ck_assert(!rc_interval_lt(&a, &b));
    exact(&b, 9);
    ck_assert(!rc_interval_le(&a, &b));
    ck_assert(rc_interval_le(&b, &a));

    /* gap */
    mpq_t g;
    mpq_init(g);
    exact(&a, 3);
    exact(&b, 10);
    rc_interval_gap(g, &a, &b);
    ck_assert(mpq_cmp_ui(g, 7, 1) == 0);
    rc_interval_gap(g, &b, &a);
    ck_assert(mpq_cmp_ui(g, 7, 1) == 0);
    rc_interval_gap(g, &a, &a);
    ck_assert_int_eq(mpq_sgn(g), 0);
    mpq_clear(g);

    rc_interval_clear(&a);
    rc_interval_clear(&b);
    rc_interval_clear(&r);
}
END_TEST

START_TEST(test_format)
{
    mpq_t q;
    mpq_init(q);
    mpq_set_si(q, -1234567, 100);
    char *s = rc_q_format(q, 2, RC_ROUND_NEAREST, true);
    ck_assert_str_eq(s, "-12,345.67");
    free(s);
    s = rc_q_format(q, 0, RC_ROUND_NEAREST, true);
    ck_assert_str_eq(s, "-12,346");
    free(s);
    s = rc_q_format(q, -3, RC_ROUND_NEAREST, false);
    ck_assert_str_eq(s, "-12000");
    free(s);
    mpq_set_si(q, 1, 3);
    s = rc_q_format(q, 4, RC_ROUND_FLOOR, false);
    ck_assert_str_eq(s, "0.3333");
    free(s);
    s = rc_q_format(q, 4, RC_ROUND_CEIL, false);
    ck_assert_str_eq(s, "0.3334");
    free(s);
    ck_assert_int_eq(rc_q_places(q, 40), -1);
    s = rc_q_format_exact(q, 6, RC_ROUND_NEAREST);
    ck_assert_str_eq(s, "0.333333");
    free(s);
    mpq_set_si(q, -1, 1000); /* rounds to zero: no "-0" */
    s = rc_q_format(q, 2, RC_ROUND_NEAREST, false);
    ck_assert_str_eq(s, "0.00");
    free(s);
    mpq_set_si(q, 5, 2);
    s = rc_q_format(q, 0, RC_ROUND_NEAREST, false);
    ck_assert_str_eq(s, "3");
    free(s);
    mpq_set_si(q, -5, 2);
    s = rc_q_format(q, 0, RC_ROUND_NEAREST, false);
    ck_assert_str_eq(s, "-3");
    free(s);
    mpq_set_si(q, 1442000, 1);
    ck_assert_int_eq(rc_q_places(q, 40), 0);
    s = rc_q_format_exact(q, 10, RC_ROUND_NEAREST);
    ck_assert_str_eq(s, "1442000");
    free(s);
    mpq_set_si(q, 3, 8);
    ck_assert_int_eq(rc_q_places(q, 40), 3);
    mpq_clear(q);
}
END_TEST

static Suite *number_suite(void)
{
    Suite *s = suite_create("number");
    TCase *tc = tcase_create("parse");
    tcase_add_test(tc, test_parse_plain);
    tcase_add_test(tc, test_parse_table_forms);
    tcase_add_test(tc, test_parse_dash);
    tcase_add_test(tc, test_parse_errors);
    tcase_add_test(tc, test_parse_long);
    suite_add_tcase(s, tc);
    tc = tcase_create("interval");
    tcase_add_test(tc, test_interval_ops);
    tcase_add_test(tc, test_seed000_waep);
    suite_add_tcase(s, tc);
    tc = tcase_create("format");
    tcase_add_test(tc, test_format);
    suite_add_tcase(s, tc);
    return s;
}

int main(void)
{
    SRunner *sr = srunner_create(number_suite());
    srunner_run_all(sr, CK_NORMAL);
    int failed = srunner_ntests_failed(sr);
    srunner_free(sr);
    return failed ? EXIT_FAILURE : EXIT_SUCCESS;
}
