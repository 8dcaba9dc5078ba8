/* Unit tests: reading xBRL-JSON into XBRL facts (src/read/xbrljson.c). */
#include <check.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "rollcheck/common.h"
#include "rollcheck/read.h"
#include "read/xbrl.h"
#include "read/xbrljson.h"
#include "common/util.h"
#include "../corpus/share_based.h"

static rc_ctx *ctx;
static rc_xfacts list;
static char *text; /* the document of the current test */

static void setup(void)
{
    ck_assert_int_eq(rc_ctx_new(&ctx), RC_OK);
    ck_assert_int_eq(rc_xfacts_init(&list, "t.json"), RC_OK);
    text = NULL;
}

static void teardown(void)
{
    rc_xfacts_clear(&list);
    rc_ctx_free(ctx);
    free(text);
}

/* A document whose namespaces use odd prefixes for standard namespaces, so that
 * canonical prefixes are tested everywhere; facts is the body of "facts". */
static const char *doc_type(const char *type, const char *facts)
{
    rc_buf b = RC_BUF_INIT;
    rc_buf_printf(&b,
                  "{\n"
                  " \"documentInfo\": {\n"
                  "  \"documentType\": \"%s\",\n"
                  "  \"namespaces\": {\n"
                  "   \"usgaap\": \"http://fasb.org/us-gaap/2023\",\n"
                  "   \"ifrs\": \"http://xbrl.ifrs.org/taxonomy/2023-03-23/ifrs-full\",\n"
                  "   \"srt\": \"http://fasb.org/srt/2023\",\n"
                  "   \"cik\": \"http://www.sec.gov/CIK\",\n"
                  "   \"ISO\": \"http://www.xbrl.org/2003/iso4217\",\n"
                  "   \"xbrli\": \"http://www.xbrl.org/2003/instance\",\n"
                  "   \"xbrl\": \"https://xbrl.org/2021\",\n"
                  "   \"abc\": \"http://abc.example/20231231\"\n"
                  "  }\n"
                  " },\n"
                  " \"facts\": {\n%s\n }\n"
                  "}\n",
                  type, facts);
    free(text);
    text = rc_buf_take(&b);
    ck_assert_ptr_nonnull(text);
    return text;
}

static const char *doc(const char *facts)
{
    return doc_type("https://xbrl.org/2021/xbrl-json", facts);
}

/* One fact: "id": {"value": value, extra, "dimensions": {concept, entity, dims}}.
 * value is JSON ("\"5\"", "null"); extra and dims are JSON members or "". */
static char *fact(const char *id, const char *concept, const char *value, const char *extra,
                  const char *dims)
{
    rc_buf b = RC_BUF_INIT;
    rc_buf_printf(&b,
                  "  \"%s\": {\n"
                  "   \"value\": %s,%s%s\n"
                  "   \"dimensions\": {\n"
                  "    \"concept\": \"%s\",\n"
                  "    \"entity\": \"cik:0000320193\"%s%s\n"
                  "   }\n"
                  "  }",
                  id, value, extra[0] ? "\n   " : "", extra, concept, dims[0] ? ",\n    " : "",
                  dims);
    char *s = rc_buf_take(&b);
    ck_assert_ptr_nonnull(s);
    return s;
}

/* Facts joined by commas; takes the strings (NULL ends the list). */
static const char *facts_doc(const char *first, ...)
{
    rc_buf b = RC_BUF_INIT;
    va_list ap;
    va_start(ap, first);
    for (const char *s = first; s; s = va_arg(ap, const char *)) {
        if (b.len) rc_buf_puts(&b, ",\n");
        rc_buf_puts(&b, s);
        free((char *)s);
    }
    va_end(ap);
    char *body = rc_buf_take(&b);
    const char *d = doc(body);
    free(body);
    return d;
}

static int read_doc(const char *d)
{
    return rc_xbrl_read_json(&list, "t.json", d, strlen(d), ctx);
}

static void read_ok(const char *d)
{
    int rc = read_doc(d);
    ck_assert_msg(rc == RC_OK, "read failed: %s\n%s", rc_ctx_error(ctx), rc_ctx_detail(ctx));
}

static rc_day day(const char *ymd)
{
    rc_day d;
    ck_assert_int_eq(rc_day_parse(&d, ymd, strlen(ymd)), RC_OK);
    return d;
}

/* The fact with this id. */
static const rc_xfact *by_id(const char *id)
{
    for (size_t i = 0; i < list.n; i++)
        if (list.items[i].id && strcmp(list.items[i].id, id) == 0) return &list.items[i];
    ck_abort_msg("no fact '%s'", id);
    return NULL;
}

static char *period_fact(const char *id, const char *period)
{
    char dims[200];
    snprintf(dims, sizeof dims, "\"period\": \"%s\", \"unit\": \"xbrli:shares\"", period);
    return fact(id, "usgaap:Foo", "\"1\"", "", dims);
}

static void expect_period(const char *id, const char *start, const char *end)
{
    const rc_xfact *f = by_id(id);
    rc_day s = start ? day(start) : RC_NO_DATE;
    char got_s[11], got_e[11];
    rc_day_format(f->start, got_s);
    rc_day_format(f->end, got_e);
    ck_assert_msg(f->start == s && f->end == day(end), "%s: got %s..%s, want %s..%s", id, got_s,
                  got_e, start ? start : "", end);
}

/* The read fails with code, a message "t.json:line:col: error: ..." holding want,
 * and a caret detail. */
static void expect_error(const char *d, int code, unsigned line, unsigned col, const char *want)
{
    rc_xfacts_clear(&list);
    ck_assert_int_eq(rc_xfacts_init(&list, "t.json"), RC_OK);
    int rc = read_doc(d);
    const char *msg = rc_ctx_error(ctx);
    ck_assert_msg(rc == code, "code %d, want %d (%s)", rc, code, msg);
    char prefix[64];
    snprintf(prefix, sizeof prefix, "t.json:%u:%u: error: ", line, col);
    ck_assert_msg(strncmp(msg, prefix, strlen(prefix)) == 0, "message '%s', want it to start '%s'",
                  msg, prefix);
    ck_assert_msg(strstr(msg, want), "message '%s' does not say '%s'", msg, want);
    ck_assert_msg(strchr(rc_ctx_detail(ctx), '^'), "no caret in '%s'", rc_ctx_detail(ctx));
}

/* A document given as a literal. */
static const char *lit(const char *d)
{
    free(text);
    text = strdup(d);
    ck_assert_ptr_nonnull(text);
    return text;
}

/* Line and column of the first occurrence of needle in the current document. */
static void where(const char *needle, unsigned *line, unsigned *col)
{
    const char *p = strstr(text, needle);
    ck_assert_msg(p != NULL, "'%s' not in the document", needle);
    rc_line_col(text, strlen(text), (size_t)(p - text), line, col);
}

START_TEST(test_periods)
{
    read_ok(facts_doc(period_fact("i", "2023-01-01T00:00:00"),
                      period_fact("d", "2023-01-01T00:00:00/2024-01-01T00:00:00"),
                      period_fact("i24", "2023-12-31T24:00:00"),
                      period_fact("d24", "2022-12-31T24:00:00/2023-12-31T24:00:00"),
                      period_fact("idate", "2023-12-31"),
                      period_fact("ddate", "2023-01-01/2023-12-31"),
                      period_fact("noon", "2023-06-30T12:00:00"),
                      period_fact("dnoon", "2023-01-01T12:00:00/2023-06-30T12:00:00"),
                      period_fact("zone", "2023-01-01T00:00:00Z"),
                      period_fact("offset", "2023-01-01T00:00:00+01:00"),
                      period_fact("frac", "2023-01-01T00:00:00.000"),
                      period_fact("oneday", "2024-04-12T00:00:00/2024-04-13T00:00:00"),
                      period_fact("leap", "2024-03-01T00:00:00"), NULL));
    ck_assert_uint_eq(list.n, 13);
    /* an instant at midnight is the balance at the end of the day before */
    expect_period("i", NULL, "2022-12-31");
    expect_period("d", "2023-01-01", "2023-12-31");
    expect_period("i24", NULL, "2023-12-31");
    expect_period("d24", "2023-01-01", "2023-12-31");
    /* dates alone: a start is the start of its day, an end the end of its day */
    expect_period("idate", NULL, "2023-12-31");
    expect_period("ddate", "2023-01-01", "2023-12-31");
    expect_period("noon", NULL, "2023-06-30");
    expect_period("dnoon", "2023-01-01", "2023-06-30");
    expect_period("zone", NULL, "2022-12-31");
    expect_period("offset", NULL, "2022-12-31");
    expect_period("frac", NULL, "2022-12-31");
    expect_period("oneday", "2024-04-12", "2024-04-12");
    expect_period("leap", NULL, "2024-02-29");

    /* no period at all: both ends unknown */
    rc_xfacts_clear(&list);
    ck_assert_int_eq(rc_xfacts_init(&list, "t.json"), RC_OK);
    read_ok(facts_doc(fact("np", "usgaap:Foo", "\"x\"", "", ""), NULL));
    ck_assert(list.items[0].start == RC_NO_DATE && list.items[0].end == RC_NO_DATE);

    static const char *const bad[] = {"2023-13-01T00:00:00",  "2023-01-01T25:00:00",
                                      "2023-01-01T24:00:01",  "2023-01-01 00:00:00",
                                      "2023-01-01T00:00",     "2023-01-01T00:00:00/",
                                      "/2023-01-01T00:00:00", "2023-02-30",
                                      "2023-01-01T00:00:00.", "2023-01-01T00:00:00+1:00"};
    for (size_t i = 0; i < sizeof bad / sizeof *bad; i++) {
        const char *d = facts_doc(period_fact("f1", bad[i]), NULL);
        char needle[80];
        snprintf(needle, sizeof needle, "\"%s\"", bad[i]);
        unsigned line, col;
        where(needle, &line, &col);
        expect_error(d, RC_ESYNTAX, line, col, "bad period");
    }
    const char *d = facts_doc(period_fact("f1", "2024-01-01T00:00:00/2023-01-01T00:00:00"), NULL);
    unsigned line, col;
    where("\"2024-01-01T00:00:00/", &line, &col);
    expect_error(d, RC_ESYNTAX, line, col, "ends before it starts");
    /* zero length: midnight to the same midnight */
    d = facts_doc(period_fact("f1", "2023-01-01T00:00:00/2023-01-01T00:00:00"), NULL);
    where("\"2023-01-01T00:00:00/", &line, &col);
    expect_error(d, RC_ESYNTAX, line, col, "ends before it starts");
}
END_TEST

START_TEST(test_units)
{
    read_ok(facts_doc(
        fact("price", "usgaap:P", "\"40.25\"", "\"decimals\": 2,",
             "\"unit\": \"ISO:USD/xbrli:shares\""),
        fact("count", "usgaap:C", "\"1500000\"", "\"decimals\": -3,", "\"unit\": \"xbrli:shares\""),
        fact("money", "usgaap:M", "\"7\"", "", "\"unit\": \"ISO:EUR\""),
        fact("product", "abc:X", "\"1\"", "",
             "\"unit\": \"(ISO:USD*abc:Widget)/(abc:Day*xbrli:shares)\""),
        fact("bare", "abc:Y", "\"1\"", "", "\"unit\": \"ISO:USD*abc:Widget/abc:Day\""),
        fact("pure", "usgaap:Rate", "\"0.036\"", "\"decimals\": 3,", ""), NULL));
    const rc_xfact *f = by_id("price");
    ck_assert_str_eq(f->unit_num, "iso4217:USD");
    ck_assert_str_eq(f->unit_den, "xbrli:shares");
    f = by_id("count");
    ck_assert_str_eq(f->unit_num, "xbrli:shares");
    ck_assert_ptr_null(f->unit_den);
    ck_assert_str_eq(by_id("money")->unit_num, "iso4217:EUR");
    f = by_id("product");
    ck_assert_str_eq(f->unit_num, "iso4217:USD*abc:Widget");
    ck_assert_str_eq(f->unit_den, "abc:Day*xbrli:shares");
    f = by_id("bare");
    ck_assert_str_eq(f->unit_num, "iso4217:USD*abc:Widget");
    ck_assert_str_eq(f->unit_den, "abc:Day");
    /* OIM leaves xbrli:pure out: decimals without a unit is a pure number */
    f = by_id("pure");
    ck_assert(f->numeric);
    ck_assert_str_eq(f->unit_num, "xbrli:pure");
    ck_assert_ptr_null(f->unit_den);

    const char *d = facts_doc(
        fact("f1", "usgaap:P", "\"1\"", "", "\"unit\": \"ISO:USD/xbrli:shares/xbrli:pure\""), NULL);
    unsigned line, col;
    where("\"ISO:USD/xbrli:shares/", &line, &col);
    expect_error(d, RC_ESYNTAX, line, col, "at most one '/'");
    d = facts_doc(fact("f1", "usgaap:P", "\"1\"", "", "\"unit\": \"zzz:USD\""), NULL);
    where("\"zzz:USD\"", &line, &col);
    expect_error(d, RC_ESYNTAX, line, col, "undeclared prefix in unit measure 'zzz:USD'");
    d = facts_doc(fact("f1", "usgaap:P", "\"1\"", "", "\"unit\": \"USD\""), NULL);
    where("\"USD\"", &line, &col);
    expect_error(d, RC_ESYNTAX, line, col, "bad unit measure 'USD'");
    d = facts_doc(fact("f1", "usgaap:P", "\"1\"", "", "\"unit\": 5"), NULL);
    where("5\n", &line, &col);
    expect_error(d, RC_ESYNTAX, line, col, "'unit' must be a string, not a number");
}
END_TEST

START_TEST(test_dimensions)
{
    read_ok(facts_doc(
        fact("f1",
             "usgaap:"
             "ShareBasedCompensationArrangementByShareBasedPaymentAwardOptionsOutstandingNumber",
             "\"100\"", "",
             "\"period\": \"2024-01-01T00:00:00\", \"unit\": \"xbrli:shares\",\n"
             "    \"usgaap:AwardTypeAxis\": \"usgaap:EmployeeStockOptionMember\",\n"
             "    \"abc:GrantAxis\": \"G-17\",\n"
             "    \"abc:DateAxis\": \"\\n      2024-10-01\\n    \",\n"
             "    \"srt:RangeAxis\": \"srt:MaximumMember\",\n"
             "    \"abc:PlanAxis\": \"abc:Plan2019Member\",\n"
             "    \"abc:NilAxis\": null,\n"
             "    \"language\": \"en-us\""),
        fact("f2", "ifrs:NumberOfShareOptionsOutstandingInSharebasedPaymentArrangement", "\"5\"",
             "", "\"unit\": \"xbrli:shares\""),
        NULL));
    const rc_xfact *f = by_id("f1");
    ck_assert_str_eq(
        f->concept,
        "us-gaap:"
        "ShareBasedCompensationArrangementByShareBasedPaymentAwardOptionsOutstandingNumber");
    ck_assert_uint_eq(f->ndims, 6);
    /* sorted by axis, canonical prefixes, typed members as text */
    static const struct {
        const char *axis, *member;
        bool typed;
    } want[] = {{"abc:DateAxis", "2024-10-01", true},
                {"abc:GrantAxis", "G-17", true},
                {"abc:NilAxis", "", true},
                {"abc:PlanAxis", "abc:Plan2019Member", false},
                {"srt:RangeAxis", "srt:MaximumMember", false},
                {"us-gaap:AwardTypeAxis", "us-gaap:EmployeeStockOptionMember", false}};
    for (size_t i = 0; i < 6; i++) {
        ck_assert_str_eq(f->dims[i].axis, want[i].axis);
        ck_assert_str_eq(f->dims[i].member, want[i].member);
        ck_assert_int_eq(f->dims[i].typed, want[i].typed);
    }
    f = by_id("f2");
    ck_assert_str_eq(f->concept,
                     "ifrs-full:NumberOfShareOptionsOutstandingInSharebasedPaymentArrangement");
    ck_assert_uint_eq(f->ndims, 0);
    ck_assert_ptr_null(f->dims);

    const char *d = facts_doc(fact("f1", "usgaap:X", "\"1\"", "", "\"zzz:Axis\": \"abc:M\""), NULL);
    unsigned line, col;
    where("\"abc:M\"", &line, &col);
    expect_error(d, RC_ESYNTAX, line, col, "undeclared prefix in axis 'zzz:Axis'");
    d = facts_doc(fact("f1", "usgaap:X", "\"1\"", "", "\"abc:Axis\": 3"), NULL);
    where("3\n", &line, &col);
    expect_error(d, RC_ESYNTAX, line, col, "must be a string, not a number");
}
END_TEST

START_TEST(test_values_and_decimals)
{
    read_ok(facts_doc(
        fact("exact", "usgaap:C", "\"18676810.0\"", "", "\"unit\": \"xbrli:shares\""),
        fact("thousands", "usgaap:C", "\"48000.0\"", "\"decimals\": -3,",
             "\"unit\": \"xbrli:shares\""),
        fact("zero", "usgaap:C", "\"-250000\"", "\"decimals\": 0,", "\"unit\": \"xbrli:shares\""),
        fact("exp", "usgaap:C", "\"1.5E3\"", "\"decimals\": 2,", "\"unit\": \"xbrli:shares\""),
        fact("text", "usgaap:Term", "\"P6Y2M\"", "", "\"language\": \"en-us\""),
        fact("nil", "usgaap:C", "null", "", "\"unit\": \"ISO:USD\""),
        fact("nilt", "usgaap:T", "null", "", ""), fact("rate", "usgaap:Rate", "\"0.0136\"", "", ""),
        fact("neg", "usgaap:Rate", "\"-0.25\"", "", ""),
        fact("year", "usgaap:Year", "\"2019\"", "", ""),
        fact("langnum", "usgaap:S", "\"0.5\"", "", "\"language\": \"en-us\""),
        fact("version", "usgaap:S", "\"1.\"", "", ""), NULL));
    const rc_xfact *f = by_id("exact");
    ck_assert(f->numeric && !f->nil);
    ck_assert_str_eq(f->value, "18676810.0");
    ck_assert_int_eq(f->decimals, RC_DECIMALS_INF); /* absent decimals: exact */
    ck_assert_int_eq(f->shown, RC_DECIMALS_INF);
    f = by_id("thousands");
    ck_assert_str_eq(f->value, "48000.0");
    ck_assert_int_eq(f->decimals, -3);
    f = by_id("zero");
    ck_assert_str_eq(f->value, "-250000");
    ck_assert_int_eq(f->decimals, 0);
    ck_assert_str_eq(by_id("exp")->value, "1.5E3");
    f = by_id("text");
    ck_assert(!f->numeric && !f->nil);
    ck_assert_str_eq(f->value, "P6Y2M");
    ck_assert_int_eq(f->decimals, RC_XDECIMALS_UNSET);
    ck_assert_ptr_null(f->unit_num);
    f = by_id("nil");
    ck_assert(f->numeric && f->nil);
    ck_assert_str_eq(f->value, "");
    ck_assert_str_eq(f->unit_num, "iso4217:USD");
    ck_assert_int_eq(f->decimals, RC_XDECIMALS_UNSET); /* a nil has no accuracy */
    f = by_id("nilt");
    ck_assert(!f->numeric && f->nil);
    /* neither unit nor decimals: a decimal with a point and no language is an exact pure
     * number (Arelle's canonical form), anything else a text */
    static const char *const pure[] = {"rate", "neg"};
    for (size_t i = 0; i < 2; i++) {
        f = by_id(pure[i]);
        ck_assert_msg(f->numeric, "%s", pure[i]);
        ck_assert_str_eq(f->unit_num, "xbrli:pure");
        ck_assert_ptr_null(f->unit_den);
        ck_assert_int_eq(f->decimals, RC_DECIMALS_INF);
    }
    ck_assert_str_eq(by_id("neg")->value, "-0.25");
    static const char *const texts[] = {"year", "langnum", "version"};
    for (size_t i = 0; i < 3; i++) {
        f = by_id(texts[i]);
        ck_assert_msg(!f->numeric, "%s", texts[i]);
        ck_assert_ptr_null(f->unit_num);
        ck_assert_int_eq(f->decimals, RC_XDECIMALS_UNSET);
    }

    static const struct {
        const char *value, *extra, *needle, *want;
    } bad[] = {
        {"\"abc\"", "", "\"abc\",", "the value 'abc' of numeric fact 'f1' is not a number"},
        {"\"1,000\"", "", "\"1,000\"", "is not a number"},
        {"\"INF\"", "", "\"INF\"", "is not a number"},
        {"\"1e\"", "", "\"1e\"", "is not a number"},
        {"5", "", "5,", "'value' must be a string or null, not a number"},
        {"\"1\"", "\"decimals\": \"2\",", "\"2\"",
         "'decimals' must be a whole number, not a string"},
        {"\"1\"", "\"decimals\": 2.5,", "2.5", "'decimals' must be a whole number, not 2.5"},
        {"\"1\"", "\"decimals\": 99999,", "99999", "out of range"},
    };
    for (size_t i = 0; i < sizeof bad / sizeof *bad; i++) {
        const char *d = facts_doc(
            fact("f1", "usgaap:C", bad[i].value, bad[i].extra, "\"unit\": \"xbrli:shares\""), NULL);
        unsigned line, col;
        where(bad[i].needle, &line, &col);
        expect_error(d, RC_ESYNTAX, line, col, bad[i].want);
    }
}
END_TEST

START_TEST(test_entity_ids_sources)
{
    const char *d = facts_doc(
        fact("f1", "usgaap:C", "\"1\"", "", "\"unit\": \"xbrli:shares\""),
        fact("f2", "abc:Ext", "\"2\"", "", "\"unit\": \"xbrli:shares\""),
        /* a footnote: the OIM's xbrl:note, with no entity and no period */
        strdup("  \"fn1\": {\"value\": \"Includes options assumed.\", \"dimensions\": "
               "{\"concept\": \"xbrl:note\", \"noteId\": \"fn1\", \"language\": \"en-us\"}}"),
        strdup("  \"f3\": {\"value\": \"3\", \"links\": {\"footnote\": {\"_\": [\"fn1\"]}},\n"
               "   \"dimensions\": {\"concept\": \"usgaap:C\", \"entity\": \"cik:0000320193\", "
               "\"unit\": \"xbrli:shares\"}}"),
        NULL);
    read_ok(d);
    ck_assert_uint_eq(list.n, 3); /* the footnote is no fact of the report */
    static const char *const ids[] = {"f1", "f2", "f3"};
    for (size_t i = 0; i < 3; i++) {
        const rc_xfact *f = &list.items[i];
        ck_assert_str_eq(f->id, ids[i]);
        ck_assert_str_eq(f->src.id, ids[i]);
        ck_assert_str_eq(f->src.file, "t.json");
        ck_assert_str_eq(f->entity, "http://www.sec.gov/CIK 0000320193");
        ck_assert_ptr_null(f->filing);
        ck_assert_ptr_null(f->form);
        /* the line and column of the fact's object */
        char needle[16];
        snprintf(needle, sizeof needle, "\"%s\": {", ids[i]);
        unsigned line, col;
        where(needle, &line, &col);
        ck_assert_uint_eq(f->src.line, line);
        ck_assert_uint_eq(f->src.col, col + (unsigned)strlen(needle) - 1);
    }
    ck_assert_str_eq(list.items[1].concept, "abc:Ext"); /* an extension keeps its prefix */

    /* the entity's prefix is resolved by namespace */
    d = facts_doc(strdup("  \"f1\": {\"value\": \"x\", \"dimensions\": {\"concept\": "
                         "\"usgaap:C\", \"entity\": \"abc:E-7\"}}"),
                  NULL);
    rc_xfacts_clear(&list);
    ck_assert_int_eq(rc_xfacts_init(&list, "t.json"), RC_OK);
    read_ok(d);
    ck_assert_str_eq(list.items[0].entity, "http://abc.example/20231231 E-7");
}
END_TEST

START_TEST(test_lines)
{
    const char *buf = "a\nbc\n\nd";
    rc_xjson_lines lc;
    rc_xjson_lines_init(&lc, buf, strlen(buf));
    /* in order, out of order, and past the end: always as rc_line_col says */
    static const size_t offs[] = {0, 1, 2, 3, 4, 5, 6, 6, 2, 0, 7, 99, 3};
    for (size_t i = 0; i < sizeof offs / sizeof *offs; i++) {
        unsigned l1, c1, l2, c2;
        rc_xjson_lines_at(&lc, offs[i], &l1, &c1);
        rc_line_col(buf, strlen(buf), offs[i], &l2, &c2);
        ck_assert_msg(l1 == l2 && c1 == c2, "offset %zu: %u:%u, want %u:%u", offs[i], l1, c1, l2,
                      c2);
    }
}
END_TEST

START_TEST(test_errors)
{
    unsigned line, col;
    expect_error("[1, 2]", RC_EFORMAT, 1, 1, "must be an object, not an array");
    expect_error("{\"documentInfo\": {", RC_ESYNTAX, 1, 18, "invalid JSON");
    expect_error("{\"facts\": {}}", RC_EFORMAT, 1, 1, "needs 'documentInfo'");
    expect_error("{\"documentInfo\": {}, \"facts\": {}}", RC_EFORMAT, 1, 18, "no 'documentType'");
    expect_error("{\"documentInfo\": {\"documentType\": \"https://xbrl.org/2021/xbrl-json\"}}",
                 RC_EFORMAT, 1, 1, "needs 'facts'");
    const char *d =
        lit("{\"documentInfo\": {\"documentType\": \"https://xbrl.org/2021/xbrl-json\"}, "
            "\"facts\": []}");
    where("[]", &line, &col);
    expect_error(d, RC_ESYNTAX, line, col, "'facts' must be an object, not an array");

    d = doc_type("https://xbrl.org/2021/xbrl-csv", "");
    where("\"https://xbrl.org/2021/xbrl-csv\"", &line, &col);
    expect_error(d, RC_EFORMAT, line, col, "unknown documentType 'https://xbrl.org/2021/xbrl-csv'");

    d = facts_doc(fact("f1", "zzz:Foo", "\"1\"", "", ""), NULL);
    where("\"zzz:Foo\"", &line, &col);
    expect_error(d, RC_ESYNTAX, line, col, "undeclared prefix in concept 'zzz:Foo'");
    d = facts_doc(fact("f1", "Foo", "\"1\"", "", ""), NULL);
    where("\"Foo\"", &line, &col);
    expect_error(d, RC_ESYNTAX, line, col, "bad concept 'Foo': expected a QName");
    d = facts_doc(
        strdup("  \"f1\": {\"value\": \"1\", \"dimensions\": {\"concept\": \"usgaap:C\"}}"), NULL);
    where("{\"concept\"", &line, &col);
    expect_error(d, RC_ESYNTAX, line, col, "fact 'f1' has no 'entity' dimension");
    d = facts_doc(strdup("  \"f1\": {\"value\": \"1\"}"), NULL);
    where("\"f1\"", &line, &col);
    expect_error(d, RC_ESYNTAX, line, col, "fact 'f1' has no 'dimensions'");
    d = facts_doc(strdup("  \"f1\": {\"dimensions\": {\"concept\": \"usgaap:C\", \"entity\": "
                         "\"cik:1\"}}"),
                  NULL);
    where("\"f1\"", &line, &col);
    expect_error(d, RC_ESYNTAX, line, col, "fact 'f1' has no 'value'");
    d = facts_doc(strdup("  \"f1\": 7"), NULL);
    where("7\n", &line, &col);
    expect_error(d, RC_ESYNTAX, line, col, "fact 'f1' must be an object, not a number");
    d = facts_doc(strdup("  \"f1\": {\"value\": \"1\", \"dimensions\": {\"concept\": \"usgaap:C\", "
                         "\"entity\": \"0000320193\"}}"),
                  NULL);
    where("\"0000320193\"", &line, &col);
    expect_error(d, RC_ESYNTAX, line, col, "bad entity '0000320193'");
    d = facts_doc(strdup("  \"f1\": {\"value\": \"1\", \"dimensions\": {\"concept\": \"usgaap:C\", "
                         "\"entity\": \"lei:529900\"}}"),
                  NULL);
    where("\"lei:529900\"", &line, &col);
    expect_error(d, RC_ESYNTAX, line, col, "undeclared prefix in entity 'lei:529900'");
}
END_TEST

START_TEST(test_document_types)
{
    static const char *const ok[] = {
        "https://xbrl.org/2021/xbrl-json", "https://xbrl.org/CR/2021-07-07/xbrl-json",
        "https://xbrl.org/CR/2021-02-03/xbrl-json", "https://xbrl.org/PR/2021-08-04/xbrl-json",
        "http://www.xbrl.org/CR/2020-05-06/xbrl-json"};
    for (size_t i = 0; i < sizeof ok / sizeof *ok; i++) {
        rc_xfacts_clear(&list);
        ck_assert_int_eq(rc_xfacts_init(&list, "t.json"), RC_OK);
        const char *d = doc_type(ok[i], "");
        ck_assert_msg(read_doc(d) == RC_OK, "%s: %s", ok[i], rc_ctx_error(ctx));
    }
    static const char *const bad[] = {"https://xbrl.org/2021/xbrl-csv",
                                      "https://xbrl.org/CR/2021-7-7/xbrl-json",
                                      "https://xbrl.org/XX/2021-07-07/xbrl-json",
                                      "https://example.com/2021/xbrl-json", "xbrl-json"};
    for (size_t i = 0; i < sizeof bad / sizeof *bad; i++) {
        const char *d = doc_type(bad[i], "");
        char needle[80];
        snprintf(needle, sizeof needle, "\"%s\"", bad[i]);
        unsigned line, col;
        where(needle, &line, &col);
        expect_error(d, RC_EFORMAT, line, col, "unknown documentType");
    }
}
END_TEST

/* The CR-2021 drafts' documents read like the Recommendation's: the same facts. */
START_TEST(test_cr_document_type)
{
    const char *facts_body = "  \"f1\": {\"value\": \"40.25\", \"decimals\": 2, \"dimensions\": "
                             "{\"concept\": \"usgaap:P\", \"entity\": \"cik:0000320193\", "
                             "\"period\": \"2023-01-01T00:00:00/2024-01-01T00:00:00\", \"unit\": "
                             "\"ISO:USD/xbrli:shares\"}}";
    read_ok(doc_type("https://xbrl.org/CR/2021-07-07/xbrl-json", facts_body));
    ck_assert_uint_eq(list.n, 1);
    const rc_xfact *f = &list.items[0];
    ck_assert_str_eq(f->concept, "us-gaap:P");
    ck_assert_str_eq(f->value, "40.25");
    ck_assert_int_eq(f->decimals, 2);
    ck_assert_str_eq(f->unit_num, "iso4217:USD");
    ck_assert_str_eq(f->unit_den, "xbrli:shares");
    ck_assert(f->start == day("2023-01-01") && f->end == day("2023-12-31"));
}
END_TEST

/* Netflix 10-K FY2023 as Arelle wrote it, with the share-based facts kept
 * (test/data/README.md says how it was trimmed). */
START_TEST(test_netflix)
{
    const char *path = RC_SOURCE_DIR "/test/data/xbrljson/nflx-20231231-sbc.json";
    char *buf;
    size_t len;
    ck_assert_int_eq(rc_read_whole_file(path, RC_MAX_INPUT_BYTES, &buf, &len, ctx), RC_OK);
    rc_xfacts_clear(&list);
    ck_assert_int_eq(rc_xfacts_init(&list, path), RC_OK);
    int rc = rc_xbrl_read_json(&list, path, buf, len, ctx);
    ck_assert_msg(rc == RC_OK, "%s", rc_ctx_error(ctx));
    ck_assert_uint_eq(list.n, 150);

    rc_vocab *vocab;
    ck_assert_int_eq(rc_vocab_new(&vocab), RC_OK);
    ck_assert_msg(rc_vocab_load_dir(vocab, RC_SOURCE_DIR "/rules", ctx) == RC_OK, "%s",
                  rc_ctx_error(ctx));
    size_t numeric = 0, named = 0, named_numeric = 0, share_based = 0, nil = 0, prices = 0;
    for (size_t i = 0; i < list.n; i++) {
        const rc_xfact *f = &list.items[i];
        const char *local = strchr(f->concept, ':') + 1;
        bool by_name = strstr(local, "ShareBased") || strstr(local, "Sharebased") ||
                       strstr(local, "SharePayment") || strstr(local, "StockOption") ||
                       strstr(local, "EquityInstrumentsOtherThanOptions");
        numeric += f->numeric;
        named += by_name;
        named_numeric += by_name && f->numeric;
        share_based += rc_test_share_based(vocab, f->concept);
        nil += f->nil;
        prices += f->unit_den && strcmp(f->unit_den, "xbrli:shares") == 0;
        ck_assert_str_eq(f->entity, "http://www.sec.gov/CIK 0001065280");
    }
    rc_vocab_free(vocab);
    ck_assert_uint_eq(numeric, 137); /* 4 of them exact pure numbers, with no unit */
    ck_assert_uint_eq(named, 121);
    ck_assert_uint_eq(named_numeric, 114);
    ck_assert_uint_eq(nil, 2);
    ck_assert_uint_eq(prices, 18);
    /* the vocabulary classifies every share-based name and more */
    ck_assert_uint_ge(share_based, named);

    /* an exact pure number: no unit, no decimals, no language, a decimal point */
    const rc_xfact *f = by_id("f-852");
    ck_assert(f->numeric);
    ck_assert_str_eq(f->concept, "us-gaap:ShareBasedCompensationArrangementByShareBasedPaymentAward"
                                 "FairValueAssumptionsExpectedDividendRate");
    ck_assert_str_eq(f->value, "0.0");
    ck_assert_str_eq(f->unit_num, "xbrli:pure");
    ck_assert_int_eq(f->decimals, RC_DECIMALS_INF);
    ck_assert(!by_id("f-32")->numeric); /* the CIK "0001065280", a text */

    /* options outstanding at December 31, 2023, exact, and the year's grant price */
    f = by_id("f-830");
    ck_assert_str_eq(
        f->concept,
        "us-gaap:"
        "ShareBasedCompensationArrangementByShareBasedPaymentAwardOptionsOutstandingNumber");
    ck_assert(f->start == RC_NO_DATE && f->end == day("2023-12-31"));
    ck_assert_str_eq(f->value, "19695109.0");
    ck_assert_int_eq(f->decimals, RC_DECIMALS_INF);
    ck_assert_str_eq(f->unit_num, "xbrli:shares");
    f = by_id("f-824");
    ck_assert(f->start == day("2023-01-01") && f->end == day("2023-12-31"));
    ck_assert_str_eq(f->value, "372.49");
    ck_assert_int_eq(f->decimals, 2);
    ck_assert_str_eq(f->unit_num, "iso4217:USD");
    ck_assert_str_eq(f->unit_den, "xbrli:shares");
    unsigned line, col;
    const char *p = strstr(buf, "\"f-824\": {");
    ck_assert_ptr_nonnull(p);
    rc_line_col(buf, len, (size_t)(p - buf), &line, &col);
    ck_assert_uint_eq(f->src.line, line);
    free(buf);
}
END_TEST

static Suite *suite(void)
{
    Suite *s = suite_create("xbrljson");
    TCase *tc = tcase_create("core");
    tcase_add_checked_fixture(tc, setup, teardown);
    tcase_add_test(tc, test_periods);
    tcase_add_test(tc, test_units);
    tcase_add_test(tc, test_dimensions);
    tcase_add_test(tc, test_values_and_decimals);
    tcase_add_test(tc, test_entity_ids_sources);
    tcase_add_test(tc, test_lines);
    tcase_add_test(tc, test_errors);
    tcase_add_test(tc, test_document_types);
    tcase_add_test(tc, test_cr_document_type);
    tcase_add_test(tc, test_netflix);
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
