/* Unit tests: JSON documents with positions (src/common/jsondoc.c). */
#include <check.h>
#include <stdlib.h>
#include <string.h>

#include "common/jsondoc.h"

static const char *text = "{\n"
                          "  \"a\": 0.24,\n"
                          "  \"b\": [1, {\"c\": \"x\"}, -1.5e3],\n"
                          "  \"d\": {\"e\": null}\n"
                          "}\n";

START_TEST(test_positions)
{
    rc_jsondoc doc;
    rc_ctx *ctx;
    ck_assert_int_eq(rc_ctx_new(&ctx), 0);
    ck_assert_int_eq(rc_jsondoc_parse(&doc, "t.json", text, strlen(text), ctx), 0);
    unsigned line, col;
    const cJSON *a = cJSON_GetObjectItem(doc.root, "a");
    rc_jsondoc_where(&doc, a, &line, &col);
    ck_assert_uint_eq(line, 2);
    ck_assert_uint_eq(col, 8);
    rc_jsondoc_key_where(&doc, a, &line, &col);
    ck_assert_uint_eq(col, 3);
    const char *t;
    size_t n;
    ck_assert_int_eq(rc_jsondoc_number_text(&doc, a, &t, &n), 0);
    ck_assert_int_eq((int)n, 4);
    ck_assert(strncmp(t, "0.24", 4) == 0);
    const cJSON *b = cJSON_GetObjectItem(doc.root, "b");
    const cJSON *c = cJSON_GetObjectItem(cJSON_GetArrayItem(b, 1), "c");
    rc_jsondoc_where(&doc, c, &line, &col);
    ck_assert_uint_eq(line, 3);
    ck_assert_uint_eq(col, 18);
    const cJSON *last = cJSON_GetArrayItem(b, 2);
    ck_assert_int_eq(rc_jsondoc_number_text(&doc, last, &t, &n), 0);
    ck_assert(strncmp(t, "-1.5e3", n) == 0 && n == 6);
    const cJSON *e = cJSON_GetObjectItem(cJSON_GetObjectItem(doc.root, "d"), "e");
    rc_jsondoc_where(&doc, e, &line, &col);
    ck_assert_uint_eq(line, 4);
    ck_assert_uint_eq(col, 14);
    ck_assert_int_eq(rc_jsondoc_fail(&doc, ctx, RC_ESYNTAX, e, 1, "bad %s", "e"), RC_ESYNTAX);
    ck_assert_str_eq(rc_ctx_error(ctx), "t.json:4:9: error: bad e");
    ck_assert_str_eq(rc_ctx_detail(ctx), "    \"d\": {\"e\": null}\n          ^");
    rc_jsondoc_free(&doc);
    rc_ctx_free(ctx);
}
END_TEST

START_TEST(test_errors)
{
    rc_jsondoc doc;
    rc_ctx *ctx;
    ck_assert_int_eq(rc_ctx_new(&ctx), 0);
    const char *bad = "{\n  \"a\": [1, 2,,]\n}";
    ck_assert_int_eq(rc_jsondoc_parse(&doc, "bad.json", bad, strlen(bad), ctx), RC_ESYNTAX);
    ck_assert_msg(strncmp(rc_ctx_error(ctx), "bad.json:2:", 11) == 0, "%s", rc_ctx_error(ctx));
    const char *trailing = "{} x";
    ck_assert_int_eq(rc_jsondoc_parse(&doc, "t.json", trailing, strlen(trailing), ctx),
                     RC_ESYNTAX);
    ck_assert_str_eq(rc_ctx_error(ctx),
                     "t.json:1:4: error: invalid JSON: unexpected text after the document");
    ck_assert_int_eq(rc_jsondoc_parse(&doc, "e.json", "", 0, ctx), RC_ESYNTAX);
    /* deep nesting is refused, not a crash */
    size_t depth = 100000;
    char *deep = malloc(2 * depth + 1);
    memset(deep, '[', depth);
    memset(deep + depth, ']', depth);
    deep[2 * depth] = '\0';
    ck_assert_int_eq(rc_jsondoc_parse(&doc, "d.json", deep, 2 * depth, ctx), RC_ESYNTAX);
    free(deep);
    rc_ctx_free(ctx);
}
END_TEST

int main(void)
{
    Suite *s = suite_create("jsondoc");
    TCase *tc = tcase_create("jsondoc");
    tcase_add_test(tc, test_positions);
    tcase_add_test(tc, test_errors);
    suite_add_tcase(s, tc);
    SRunner *sr = srunner_create(s);
    srunner_run_all(sr, CK_NORMAL);
    int failed = srunner_ntests_failed(sr);
    srunner_free(sr);
    return failed ? EXIT_FAILURE : EXIT_SUCCESS;
}
