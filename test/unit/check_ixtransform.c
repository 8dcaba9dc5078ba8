/* Unit tests: the inline XBRL transformation registries, one line per case. */
#include <check.h>
#include <stdlib.h>
#include <string.h>

#include "rollcheck/common.h"
#include "rollcheck/number.h"
#include "read/ixtransform.h"

#define TR1 "http://www.xbrl.org/inlineXBRL/transformation/2010-04-20"
#define TR2 "http://www.xbrl.org/inlineXBRL/transformation/2011-07-31"
#define TR3 "http://www.xbrl.org/inlineXBRL/transformation/2015-02-26"
#define TR4 "http://www.xbrl.org/inlineXBRL/transformation/2020-02-12"
#define SEC "http://www.sec.gov/inlineXBRL/transformation/2015-08-31"

#define INF RC_DECIMALS_INF
#define EM_DASH "\xe2\x80\x94"
#define NBSP "\xc2\xa0"

/* ns:name applied to text gives want, showing `places` decimal places. */
static void gives(const char *ns, const char *name, const char *text, const char *want, int places)
{
    rc_buf out = RC_BUF_INIT;
    int shown = -12345;
    const char *msg = NULL;
    int rc = rc_ixt_apply(&out, ns, name, text, strlen(text), &shown, &msg);
    ck_assert_msg(rc == RC_OK, "%s '%s' failed (%d): %s", name, text, rc, msg ? msg : "?");
    ck_assert_msg(out.data && strcmp(out.data, want) == 0, "%s '%s' gave '%s', want '%s'", name,
                  text, out.data ? out.data : "(null)", want);
    ck_assert_msg(shown == places, "%s '%s' shows %d places, want %d", name, text, shown, places);
    rc_buf_free(&out);
}

/* ns:name refuses text with code, saying why. */
static void refuses(const char *ns, const char *name, const char *text, int code)
{
    rc_buf out = RC_BUF_INIT;
    const char *msg = NULL;
    int rc = rc_ixt_apply(&out, ns, name, text, strlen(text), NULL, &msg);
    ck_assert_msg(rc == code, "%s '%s' returned %d, want %d (value '%s')", name, text, rc, code,
                  out.data ? out.data : "");
    ck_assert_msg(msg && *msg, "%s '%s': no reason given", name, text);
    ck_assert_msg(out.len == 0, "%s '%s': a value left on failure", name, text);
    rc_buf_free(&out);
}

START_TEST(test_registries)
{
    ck_assert_int_eq(rc_ixt_registry_of(TR1), RC_IXT_TR1);
    ck_assert_int_eq(rc_ixt_registry_of(TR2), RC_IXT_TR2);
    ck_assert_int_eq(rc_ixt_registry_of(TR3), RC_IXT_TR3);
    ck_assert_int_eq(rc_ixt_registry_of(TR4), RC_IXT_TR4);
    ck_assert_int_eq(rc_ixt_registry_of(SEC), RC_IXT_SEC);
    ck_assert_int_eq(rc_ixt_registry_of("http://www.xbrl.org/2003/instance"), RC_IXT_NONE);
    ck_assert_int_eq(rc_ixt_registry_of(NULL), RC_IXT_NONE);
    /* a name is looked up in its own registry only */
    refuses(TR4, "numdotdecimal", "1,500", RC_ENOTFOUND);
    refuses(TR3, "num-dot-decimal", "1,500", RC_ENOTFOUND);
    refuses("http://example.com/ixt", "num-dot-decimal", "1", RC_ENOTFOUND);
    refuses(NULL, "num-dot-decimal", "1", RC_ENOTFOUND);
    refuses(SEC, "countrynameen", "Germany", RC_ENOTFOUND);
    refuses(SEC, "num-dot-decimal", "1", RC_ENOTFOUND);
}
END_TEST

START_TEST(test_numbers_tr4)
{
    gives(TR4, "num-dot-decimal", "1,500", "1500", 0);
    gives(TR4, "num-dot-decimal", "1,234,567.89", "1234567.89", 2);
    gives(TR4, "num-dot-decimal", " 12 ", "12", 0);
    gives(TR4, "num-dot-decimal", "\n\t5.877\n", "5.877", 3);
    gives(TR4, "num-dot-decimal", ".5", "0.5", 1);
    gives(TR4, "num-dot-decimal", "0.50", "0.50", 2);
    gives(TR4, "num-dot-decimal", "007", "7", 0);
    gives(TR4, "num-dot-decimal", "1 500 000", "1500000", 0);
    gives(TR4, "num-dot-decimal", "1" NBSP "500", "1500", 0);
    gives(TR4, "num-dot-decimal", NBSP "42" NBSP, "42", 0);
    gives(TR4, "num-dot-decimal", "1,50", "150", 0); /* TR4 does not check the groups */
    gives(TR4, "num-comma-decimal", "1.500,25", "1500.25", 2);
    gives(TR4, "num-comma-decimal", "1 500,5", "1500.5", 1);
    /* parentheses and currency signs sit outside the tag: not the transform's job */
    refuses(TR4, "num-dot-decimal", "(1,234)", RC_ESYNTAX);
    refuses(TR4, "num-dot-decimal", "$5", RC_ESYNTAX);
    refuses(TR4, "num-dot-decimal", "-5", RC_ESYNTAX);
    refuses(TR4, "num-dot-decimal", "", RC_ESYNTAX);
    refuses(TR4, "num-dot-decimal", "1.2.3", RC_ESYNTAX);
    refuses(TR4, "num-dot-decimal", "5.", RC_ESYNTAX);
    refuses(TR4, "num-dot-decimal", EM_DASH, RC_ESYNTAX);
    refuses(TR4, "num-comma-decimal", "1,5,0", RC_ESYNTAX);
}
END_TEST

START_TEST(test_numbers_tr3_tr2_tr1)
{
    gives(TR3, "numdotdecimal", "1,500", "1500", 0);
    gives(TR3, "numdotdecimal", "12,345,678.5", "12345678.5", 1);
    gives(TR3, "numdotdecimal", "1234", "1234", 0);
    gives(TR3, "numdotdecimal", "1" NBSP "234", "1234", 0);
    gives(TR2, "numdotdecimal", "1,500", "1500", 0);
    gives(TR3, "numcommadecimal", "1.500,25", "1500.25", 2);
    refuses(TR3, "numdotdecimal", "1,50", RC_ESYNTAX);
    refuses(TR3, "numdotdecimal", "1,5000", RC_ESYNTAX);
    refuses(TR3, "numdotdecimal", ",500", RC_ESYNTAX);
    refuses(TR3, "numdotdecimal", ".5", RC_ESYNTAX);
    gives(TR1, "numcommadot", "1,234.5", "1234.5", 1);
    gives(TR1, "numdotcomma", "1.234,5", "1234.5", 1);
    gives(TR1, "numspacedot", "1 234.5", "1234.5", 1);
    gives(TR1, "numspacecomma", "1 234,5", "1234.5", 1);
    gives(TR1, "numcomma", "12,5", "12.5", 1);
    refuses(TR1, "numcommadot", "1.234,5", RC_ESYNTAX);
}
END_TEST

START_TEST(test_number_with_unit)
{
    gives(TR4, "num-unit-decimal", "5 dollars 25 cents", "5.25", 2);
    gives(TR4, "num-unit-decimal", "1 dollar 5 cents", "1.05", 2);
    gives(TR3, "numunitdecimal", "1,000 Euro 50", "1000.50", 2);
    refuses(TR4, "num-unit-decimal", "5 dollars", RC_ESYNTAX);
    refuses(TR4, "num-unit-decimal", "5 dollars 250 cents", RC_ESYNTAX);
    refuses(TR4, "num-unit-decimal", "dollars 25", RC_ESYNTAX);
}
END_TEST

START_TEST(test_fixed_and_dash)
{
    gives(TR4, "fixed-zero", EM_DASH, "0", INF);
    gives(TR4, "fixed-zero", "-", "0", INF);
    gives(TR4, "fixed-zero", "no", "0", INF);
    gives(TR4, "fixed-zero", "", "0", INF);
    gives(TR4, "fixed-empty", "anything", "", INF);
    gives(TR4, "fixed-true", "Yes", "true", INF);
    gives(TR4, "fixed-false", "", "false", INF);
    gives(TR3, "zerodash", EM_DASH, "0", INF);
    gives(TR3, "zerodash", " - ", "0", INF);
    gives(TR3, "zerodash", "\xe2\x80\x93", "0", INF); /* en dash */
    gives(TR3, "nocontent", "", "", INF);
    gives(TR3, "booleanfalse", "false", "false", INF);
    gives(TR2, "booleantrue", "x", "true", INF);
    gives(TR1, "numdash", "-", "0", INF);
    refuses(TR3, "zerodash", "0", RC_ESYNTAX);
    refuses(TR3, "zerodash", "--", RC_ESYNTAX);
    refuses(TR3, "zerodash", "", RC_ESYNTAX);
}
END_TEST

START_TEST(test_dates)
{
    gives(TR4, "date-monthname-day-year-en", "March 29, 2025", "2025-03-29", INF);
    gives(TR4, "date-monthname-day-year-en", "November" NBSP "29, 2024", "2024-11-29", INF);
    gives(TR4, "date-monthname-day-year-en", "Sept. 30, 2024", "2024-09-30", INF);
    gives(TR4, "date-monthname-day-year-en", "Jan 1st, 25", "2025-01-01", INF);
    gives(TR4, "date-monthname-day-en", "MAY 31", "--05-31", INF);
    gives(TR4, "date-monthname-day-en", "December" NBSP "31", "--12-31", INF);
    gives(TR4, "date-monthname-day-en", "February 29", "--02-29", INF);
    gives(TR4, "date-month-day", "12/31", "--12-31", INF);
    gives(TR4, "date-month-day", "1-25", "--01-25", INF);
    gives(TR4, "date-month-day-year", "1/1/2044", "2044-01-01", INF);
    gives(TR4, "date-monthname-year-en", "July 2033", "2033-07", INF);
    gives(TR4, "date-day-monthname-year-en", "31 Dec 2024", "2024-12-31", INF);
    gives(TR4, "date-year-month-day", "2025-03-29", "2025-03-29", INF);
    gives(TR3, "datemonthdayyearen", "June 30, 2025", "2025-06-30", INF);
    gives(TR3, "datedaymonthyear", "30.06.2025", "2025-06-30", INF);
    gives(TR1, "datelongus", "June 30, 2025", "2025-06-30", INF);
    refuses(TR4, "date-monthname-day-year-en", "February 30, 2025", RC_ESYNTAX);
    refuses(TR4, "date-monthname-day-year-en", "February 29, 2025", RC_ESYNTAX);
    refuses(TR4, "date-monthname-day-year-en", "31 December 2024", RC_ESYNTAX);
    refuses(TR4, "date-monthname-day-year-en", "Smarch 3, 2024", RC_ESYNTAX);
    refuses(TR4, "date-month-day", "13/01", RC_ESYNTAX);
    refuses(TR4, "date-month-day-year", "1/1/204", RC_ESYNTAX);
    refuses(TR4, "date-month-day-year", "1/1", RC_ESYNTAX);
}
END_TEST

START_TEST(test_number_words)
{
    gives(SEC, "numwordsen", "no", "0", INF);
    gives(SEC, "numwordsen", "None", "0", INF);
    gives(SEC, "numwordsen", "nil", "0", INF);
    gives(SEC, "numwordsen", "zero", "0", INF);
    gives(SEC, "numwordsen", "Two", "2", INF);
    gives(SEC, "numwordsen", "one hundred", "100", INF);
    gives(SEC, "numwordsen", "twenty-five", "25", INF);
    gives(SEC, "numwordsen",
          "twenty\xe2\x80\x91"
          "five",
          "25", INF); /* non-breaking hyphen */
    gives(SEC, "numwordsen", "one thousand two hundred and five", "1205", INF);
    gives(SEC, "numwordsen", "three million, four hundred thousand", "3400000", INF);
    gives(SEC, "numwordsen", "nine quintillion", "9000000000000000000", INF);
    gives(SEC, "numwordsen", " seven ", "7", INF);
    refuses(SEC, "numwordsen", "5", RC_ESYNTAX);
    refuses(SEC, "numwordsen", "hundred", RC_ESYNTAX);
    refuses(SEC, "numwordsen", "a dozen", RC_ESYNTAX);
    refuses(SEC, "numwordsen", "", RC_ESYNTAX);
}
END_TEST

START_TEST(test_duration_words)
{
    gives(SEC, "durwordsen", "three years", "P3Y", INF);
    gives(SEC, "durwordsen", "five-year", "P5Y", INF);
    gives(SEC, "durwordsen", "one year", "P1Y", INF);
    gives(SEC, "durwordsen", "24 months", "P24M", INF);
    gives(SEC, "durwordsen", "90 days", "P90D", INF);
    gives(SEC, "durwordsen", "364-day", "P364D", INF);
    gives(SEC, "durwordsen", "three years and six months", "P3Y6M", INF);
    gives(SEC, "durwordsen", "one year, six months and ten days", "P1Y6M10D", INF);
    gives(SEC, "durwordsen", "twenty five years", "P25Y", INF);
    gives(SEC, "durwordsen", "Ten Years", "P10Y", INF);
    gives(SEC, "durwordsen", "zero years", "P0D", INF);
    gives(SEC, "durwordsen", "0 years", "P0Y", INF);
    refuses(SEC, "durwordsen", "six months three years", RC_ESYNTAX);
    refuses(SEC, "durwordsen", "three", RC_ESYNTAX);
    refuses(SEC, "durwordsen", "three years and", RC_ESYNTAX);
    refuses(SEC, "durwordsen", "ten decades", RC_ESYNTAX);
    refuses(SEC, "durwordsen", "", RC_ESYNTAX);
}
END_TEST

START_TEST(test_durations)
{
    /* Arelle's: years, the rest times 12 in months, the rest times 30.4375 in days */
    gives(SEC, "duryear", "6.2", "P6Y2M12D", INF);
    gives(SEC, "duryear", "2.5", "P2Y6M", INF);
    gives(SEC, "duryear", "8.1", "P8Y1M6D", INF);
    gives(SEC, "duryear", "7.3", "P7Y3M18D", INF);
    gives(SEC, "duryear", " 1.2", "P1Y2M12D", INF);
    gives(SEC, "duryear", "9.9 ", "P9Y10M24D", INF);
    gives(SEC, "duryear", "3.00", "P3Y", INF);
    gives(SEC, "duryear", "0", "P0Y", INF);
    gives(SEC, "duryear", "0.0", "P0Y", INF);
    gives(SEC, "duryear", "-1.5", "-P1Y6M", INF);
    gives(SEC, "duryear", ".25", "P0Y3M", INF);
    gives(SEC, "durmonth", "12", "P12M", INF);
    gives(SEC, "durmonth", "0.5", "P0M15D", INF);
    gives(SEC, "durmonth", "1.5", "P1M15D", INF);
    gives(SEC, "durday", "30", "P30D", INF);
    gives(SEC, "durday", "1.5", "P1DT12H", INF);
    gives(SEC, "durday", "0", "P0D", INF);
    gives(SEC, "durweek", "2", "P14D", INF);
    gives(SEC, "durhour", "5", "PT5H", INF);
    refuses(SEC, "duryear", "abc", RC_ESYNTAX);
    refuses(SEC, "duryear", "6.2 years", RC_ESYNTAX);
    refuses(SEC, "duryear", "", RC_ESYNTAX);
    refuses(SEC, "duryear", "1,5", RC_ESYNTAX);
}
END_TEST

START_TEST(test_codes_and_boxes)
{
    gives(SEC, "boolballotbox", "\xe2\x98\x90", "false", INF);
    gives(SEC, "boolballotbox", " \xe2\x98\x92 ", "true", INF);
    gives(SEC, "boolballotbox", "\xe2\x98\x91", "true", INF);
    gives(SEC, "yesnoballotbox", "\xe2\x98\x92", "Yes", INF);
    refuses(SEC, "boolballotbox", "x", RC_ESYNTAX);
    refuses(SEC, "boolballotbox", "\xe2\x98\x93", RC_ESYNTAX);
    gives(SEC, "exchnameen", "New York Stock Exchange", "NYSE", INF);
    gives(SEC, "exchnameen", "The Nasdaq Stock Market LLC", "NASDAQ", INF);
    gives(SEC, "exchnameen", "NASDAQ Global Select Market", "NASDAQ", INF);
    gives(SEC, "exchnameen", "Chicago Stock Exchange", "CHX", INF);
    gives(SEC, "exchnameen", "Cboe BZX Exchange, Inc.", "CboeBZX", INF);
    refuses(SEC, "exchnameen", "Moon Exchange", RC_ESYNTAX);
    gives(SEC, "stateprovnameen", "Delaware", "DE", INF);
    gives(SEC, "stateprovnameen", "New" NBSP "Jersey", "NJ", INF);
    gives(SEC, "stateprovnameen", " new  york ", "NY", INF);
    refuses(SEC, "stateprovnameen", "Atlantis", RC_ESYNTAX);
    gives(SEC, "entityfilercategoryen", "Large accelerated filer", "Large Accelerated Filer", INF);
    gives(SEC, "entityfilercategoryen", "Non-accelerated Filer", "Non-accelerated Filer", INF);
    refuses(SEC, "entityfilercategoryen", "Small filer", RC_ESYNTAX);
}
END_TEST

static Suite *ixtransform_suite(void)
{
    Suite *s = suite_create("ixtransform");
    TCase *tc = tcase_create("registries");
    tcase_add_test(tc, test_registries);
    suite_add_tcase(s, tc);
    tc = tcase_create("numbers");
    tcase_add_test(tc, test_numbers_tr4);
    tcase_add_test(tc, test_numbers_tr3_tr2_tr1);
    tcase_add_test(tc, test_number_with_unit);
    tcase_add_test(tc, test_fixed_and_dash);
    tcase_add_test(tc, test_number_words);
    suite_add_tcase(s, tc);
    tc = tcase_create("dates");
    tcase_add_test(tc, test_dates);
    suite_add_tcase(s, tc);
    tc = tcase_create("durations");
    tcase_add_test(tc, test_duration_words);
    tcase_add_test(tc, test_durations);
    suite_add_tcase(s, tc);
    tc = tcase_create("codes");
    tcase_add_test(tc, test_codes_and_boxes);
    suite_add_tcase(s, tc);
    return s;
}

int main(void)
{
    SRunner *sr = srunner_create(ixtransform_suite());
    srunner_run_all(sr, CK_NORMAL);
    int failed = srunner_ntests_failed(sr);
    srunner_free(sr);
    return failed ? EXIT_FAILURE : EXIT_SUCCESS;
}
