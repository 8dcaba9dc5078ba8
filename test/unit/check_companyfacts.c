/* Unit tests: reading SEC companyfacts JSON into XBRL facts (src/read/companyfacts.c). */
#include <check.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "rollcheck/common.h"
#include "rollcheck/read.h"
#include "read/xbrl.h"
#include "common/util.h"

static rc_ctx *ctx;
static rc_xfacts list;

static void setup(void)
{
    ck_assert_int_eq(rc_ctx_new(&ctx), RC_OK);
    ck_assert_int_eq(rc_xfacts_init(&list, "cf.json"), RC_OK);
}

static void teardown(void)
{
    rc_xfacts_clear(&list);
    rc_ctx_free(ctx);
}

static rc_day day(const char *ymd)
{
    rc_day d;
    ck_assert_int_eq(rc_day_parse(&d, ymd, strlen(ymd)), RC_OK);
    return d;
}

static void expect_fact(size_t i, const char *concept, const char *start, const char *end,
                        const char *num, const char *den, const char *value, const char *accn,
                        const char *form)
{
    ck_assert_uint_lt(i, list.n);
    const rc_xfact *f = &list.items[i];
    ck_assert_str_eq(f->concept, concept);
    ck_assert_msg(f->start == (start ? day(start) : RC_NO_DATE), "fact %zu: start", i);
    ck_assert_msg(f->end == day(end), "fact %zu: end", i);
    ck_assert_str_eq(f->unit_num, num);
    if (den)
        ck_assert_str_eq(f->unit_den, den);
    else
        ck_assert_ptr_null(f->unit_den);
    ck_assert_str_eq(f->value, value);
    ck_assert_str_eq(f->filing, accn);
    if (form)
        ck_assert_str_eq(f->form, form);
    else
        ck_assert_ptr_null(f->form);
    ck_assert(f->numeric && !f->nil);
    ck_assert_int_eq(f->decimals, RC_XDECIMALS_UNSET); /* companyfacts states no accuracy */
    ck_assert_int_eq(f->shown, RC_DECIMALS_INF);
    ck_assert_uint_eq(f->ndims, 0);
    ck_assert_ptr_null(f->id);
}

static int read_text(const char *text)
{
    return rc_xbrl_read_companyfacts(&list, "cf.json", text, strlen(text), ctx);
}

/* Marvell's companyfacts, a few concepts of it (test/data/README.md says which). */
START_TEST(test_marvell)
{
    const char *path = RC_SOURCE_DIR "/test/data/companyfacts/CIK0001835632-trimmed.json";
    char *buf;
    size_t len;
    ck_assert_int_eq(rc_read_whole_file(path, RC_MAX_INPUT_BYTES, &buf, &len, ctx), RC_OK);
    int rc = rc_xbrl_read_companyfacts(&list, "cf.json", buf, len, ctx);
    ck_assert_msg(rc == RC_OK, "%s", rc_ctx_error(ctx));
    ck_assert_uint_eq(list.n, 32);
    size_t durations = 0;
    for (size_t i = 0; i < list.n; i++) {
        const rc_xfact *f = &list.items[i];
        ck_assert_str_eq(f->entity, "http://www.sec.gov/CIK 0001835632");
        ck_assert_str_eq(f->src.file, "cf.json");
        durations += f->start != RC_NO_DATE;
        /* each entry's position: the line and column of its "{" */
        ck_assert_uint_gt(f->src.line, 0);
        size_t off = 0;
        for (unsigned l = 1; l < f->src.line; off++)
            l += buf[off] == '\n';
        off += f->src.col - 1;
        ck_assert_msg(buf[off] == '{', "fact %zu at %u:%u is no object", i, f->src.line,
                      f->src.col);
        if (i > 0) ck_assert_uint_gt(f->src.line, list.items[i - 1].src.line);
    }
    ck_assert_uint_eq(durations, 9); /* 7 grants, 2 tax rates; the rest are instants */

    const char *outstanding =
        "us-gaap:ShareBasedCompensationArrangementByShareBasedPaymentAwardOptionsOutstandingNumber";
    const char *price = "us-gaap:ShareBasedCompensationArrangementByShareBasedPaymentAwardOptions"
                        "OutstandingWeightedAverageExercisePrice";
    expect_fact(0, "dei:EntityCommonStockSharesOutstanding", NULL, "2021-06-02", "xbrli:shares",
                NULL, "819500000", "0001835632-21-000010", "10-Q");
    ck_assert_uint_eq(list.items[0].src.line, 11);
    ck_assert_uint_eq(list.items[0].src.col, 7);
    expect_fact(3, outstanding, NULL, "2019-02-02", "xbrli:shares", NULL, "9624000",
                "0001835632-22-000016", "10-K");
    expect_fact(13,
                "us-gaap:ShareBasedCompensationArrangementByShareBasedPaymentAwardOptionsGrants"
                "InPeriodGross",
                "2019-02-03", "2020-02-01", "xbrli:shares", NULL, "0", "0001835632-22-000016",
                "10-K");
    expect_fact(20, price, NULL, "2019-02-02", "iso4217:USD", "xbrli:shares", "12.87",
                "0001835632-22-000016", "10-K");
    /* the same balance reported by two filings: two facts, told apart by accession */
    expect_fact(21, price, NULL, "2020-02-01", "iso4217:USD", "xbrli:shares", "12.44",
                "0001835632-22-000016", "10-K");
    expect_fact(22, price, NULL, "2020-02-01", "iso4217:USD", "xbrli:shares", "12.44",
                "0001835632-23-000013", "10-K");
    expect_fact(30, "us-gaap:EffectiveIncomeTaxRateContinuingOperations", "2024-02-04",
                "2025-02-01", "xbrli:pure", NULL, "0.011", "0001835632-26-000011", "10-K");
    expect_fact(31, "us-gaap:EffectiveIncomeTaxRateContinuingOperations", "2025-02-02",
                "2026-01-31", "xbrli:pure", NULL, "0.124", "0001835632-26-000011", "10-K");
    free(buf);
}
END_TEST

START_TEST(test_units_and_values)
{
    const char *text =
        "{\"cik\": \"0000320193\", \"entityName\": \"Apple Inc.\", \"facts\": {\n"
        " \"us-gaap\": {\"A\": {\"label\": null, \"description\": null, \"units\": {\n"
        "  \"USD\": [{\"end\": \"2023-12-31\", \"val\": 123456789012345678901234567890, "
        "\"accn\": \"a-1\", \"form\": \"10-K\"}],\n"
        "  \"EUR/shares\": [{\"start\": \"2023-01-01\", \"end\": \"2023-12-31\", \"val\": 1.10, "
        "\"accn\": \"a-2\", \"fy\": null, \"fp\": null}],\n"
        "  \"Year\": [{\"end\": \"2023-12-31\", \"val\": -2.5e3, \"accn\": \"a-3\", \"form\": "
        "null}],\n"
        "  \"USD/PartnershipUnit\": [{\"end\": \"2023-12-31\", \"val\": 0.0001, \"accn\": "
        "\"a-4\"}],\n"
        "  \"pure\": []}}},\n"
        " \"ifrs-full\": {\"B\": {\"units\": {\"shares\": [{\"start\": \"2023-12-31\", \"end\": "
        "\"2023-12-31\", \"val\": 7, \"accn\": \"a-5\", \"form\": \"20-F\"}]}}}}}\n";
    int rc = read_text(text);
    ck_assert_msg(rc == RC_OK, "%s", rc_ctx_error(ctx));
    ck_assert_uint_eq(list.n, 5);
    /* values exactly as written: no float in between */
    expect_fact(0, "us-gaap:A", NULL, "2023-12-31", "iso4217:USD", NULL,
                "123456789012345678901234567890", "a-1", "10-K");
    expect_fact(1, "us-gaap:A", "2023-01-01", "2023-12-31", "iso4217:EUR", "xbrli:shares", "1.10",
                "a-2", NULL);
    expect_fact(2, "us-gaap:A", NULL, "2023-12-31", "Year", NULL, "-2.5e3", "a-3", NULL);
    expect_fact(3, "us-gaap:A", NULL, "2023-12-31", "iso4217:USD", "PartnershipUnit", "0.0001",
                "a-4", NULL);
    expect_fact(4, "ifrs-full:B", "2023-12-31", "2023-12-31", "xbrli:shares", NULL, "7", "a-5",
                "20-F");
    for (size_t i = 0; i < list.n; i++) {
        ck_assert_str_eq(list.items[i].entity, "http://www.sec.gov/CIK 0000320193");
        ck_assert_uint_eq(list.items[i].src.line, i < 4 ? i + 3 : 8);
    }
}
END_TEST

/* The read fails with code and "cf.json:line:col: error: ..." holding want. */
static void expect_error(const char *text, int code, const char *needle, const char *want)
{
    rc_xfacts_clear(&list);
    ck_assert_int_eq(rc_xfacts_init(&list, "cf.json"), RC_OK);
    int rc = read_text(text);
    const char *msg = rc_ctx_error(ctx);
    ck_assert_msg(rc == code, "code %d, want %d (%s)", rc, code, msg);
    const char *at = strstr(text, needle);
    ck_assert_msg(at != NULL, "'%s' not in the text", needle);
    unsigned line, col;
    rc_line_col(text, strlen(text), (size_t)(at - text), &line, &col);
    char prefix[64];
    snprintf(prefix, sizeof prefix, "cf.json:%u:%u: error: ", line, col);
    ck_assert_msg(strncmp(msg, prefix, strlen(prefix)) == 0, "message '%s', want it to start '%s'",
                  msg, prefix);
    ck_assert_msg(strstr(msg, want), "message '%s' does not say '%s'", msg, want);
    ck_assert_msg(strchr(rc_ctx_detail(ctx), '^'), "no caret in '%s'", rc_ctx_detail(ctx));
}

#define ENTRY(e)                                                                                   \
    "{\"cik\": 1, \"facts\": {\"us-gaap\": {\"C\": {\"units\": {\"shares\": [" e "]}}}}}"

START_TEST(test_errors)
{
    expect_error("[{\"cik\": 1}]", RC_EFORMAT, "[", "must be an object, not an array");
    expect_error("\"facts\"", RC_EFORMAT, "\"", "must be an object, not a string");
    expect_error("{\"cik\": 1,\n \"facts\": {\"us-gaap\": }}", RC_ESYNTAX, "}}", "invalid JSON");
    expect_error("{\"entityName\": \"X\", \"facts\": {}}", RC_EFORMAT, "{", "needs 'cik'");
    expect_error("{\"cik\": 320193, \"entityName\": \"Apple Inc.\"}", RC_EFORMAT, "{",
                 "needs 'facts'");
    expect_error("{\"cik\": 1, \"facts\": [1]}", RC_ESYNTAX, "[1]",
                 "'facts' must be an object, not an array");
    expect_error("{\"cik\": 1.5, \"facts\": {}}", RC_ESYNTAX, "1.5",
                 "'cik' must be a whole number");
    expect_error("{\"cik\": 12345678901, \"facts\": {}}", RC_ESYNTAX, "12345678901",
                 "at most 10 digits");
    expect_error("{\"cik\": \"CIK1\", \"facts\": {}}", RC_ESYNTAX, "\"CIK1\"",
                 "'cik' must be a whole number");
    expect_error("{\"cik\": true, \"facts\": {}}", RC_ESYNTAX, "true", "'cik' must be a number");
    expect_error("{\"cik\": 1, \"facts\": {\"us-gaap\": 3}}", RC_ESYNTAX, "3}",
                 "taxonomy 'us-gaap' must be an object");
    expect_error("{\"cik\": 1, \"facts\": {\"us-gaap\": {\"C\": {\"label\": \"x\"}}}}", RC_ESYNTAX,
                 "\"C\"", "concept 'C' has no 'units'");
    expect_error("{\"cik\": 1, \"facts\": {\"us-gaap\": {\"C\": {\"units\": []}}}}", RC_ESYNTAX,
                 "[]", "'units' must be an object");
    expect_error("{\"cik\": 1, \"facts\": {\"us-gaap\": {\"C\": {\"units\": {\"USD\": {}}}}}}",
                 RC_ESYNTAX, "{}}", "must be an array");
    expect_error("{\"cik\": 1, \"facts\": {\"us-gaap\": {\"C\": {\"units\": {\"/shares\": []}}}}}",
                 RC_ESYNTAX, "\"/shares\"", "bad unit '/shares'");
    expect_error(ENTRY("7"), RC_ESYNTAX, "7", "a value of 'us-gaap:C' must be an object");
    expect_error(ENTRY("{\"val\": 1, \"accn\": \"a\"}"), RC_ESYNTAX, "{\"val\"",
                 "a value of 'us-gaap:C' has no 'end' date");
    expect_error(ENTRY("{\"end\": \"2023-12-31\", \"accn\": \"a\"}"), RC_ESYNTAX, "{\"end\"",
                 "has no 'val'");
    expect_error(ENTRY("{\"end\": \"2023-12-31\", \"val\": 1}"), RC_ESYNTAX, "{\"end\"",
                 "has no 'accn'");
    expect_error(ENTRY("{\"end\": \"2023-12-31\", \"val\": \"1\", \"accn\": \"a\"}"), RC_ESYNTAX,
                 "\"1\"", "'val' must be a number, not a string");
    expect_error(ENTRY("{\"end\": \"2023-13-31\", \"val\": 1, \"accn\": \"a\"}"), RC_ESYNTAX,
                 "\"2023-13-31\"", "bad date '2023-13-31' in 'end'");
    expect_error(ENTRY("{\"end\": 20231231, \"val\": 1, \"accn\": \"a\"}"), RC_ESYNTAX, "20231231",
                 "'end' must be a date string");
    expect_error(
        ENTRY("{\"start\": \"2024-01-01\", \"end\": \"2023-12-31\", \"val\": 1, \"accn\": \"a\"}"),
        RC_ESYNTAX, "\"2023-12-31\"", "ends on 2023-12-31, before it starts on 2024-01-01");
    expect_error(ENTRY("{\"end\": \"2023-12-31\", \"val\": 1, \"accn\": 5}"), RC_ESYNTAX, "5}",
                 "'accn' must be a string, not a number");
    expect_error(ENTRY("{\"end\": \"2023-12-31\", \"val\": 1, \"accn\": null}"), RC_ESYNTAX, "null",
                 "'accn' must be a string, not null");
    expect_error(ENTRY("{\"end\": \"2023-12-31\", \"val\": 1, \"accn\": \"a\", \"form\": 10}"),
                 RC_ESYNTAX, "10}", "'form' must be a string, not a number");
}
END_TEST

static Suite *suite(void)
{
    Suite *s = suite_create("companyfacts");
    TCase *tc = tcase_create("core");
    tcase_add_checked_fixture(tc, setup, teardown);
    tcase_add_test(tc, test_marvell);
    tcase_add_test(tc, test_units_and_values);
    tcase_add_test(tc, test_errors);
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
