/* Unit tests: the HTML report (src/report/html.c).  Each page is parsed as XML with
 * libxml2 (the page is written well-formed, so that a stray '<' or '&' from an input, an
 * unclosed element or a byte that is not UTF-8 fails the parse) and asserted on with
 * XPath: which cells are highlighted, what the findings say.  The rendered page is tested
 * in a real browser by test/browser/run.sh (make check-browser). */
#include <check.h>
#include <cjson/cJSON.h>
#include <libxml/parser.h>
#include <libxml/xpath.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "rollcheck.h"

#define SEED_000 "test/data/captures/000_a8457b317564bba9.txt"

/* ---- running a report ------------------------------------------------------------ */

typedef struct page {
    char *html;
    size_t len;
    xmlDocPtr doc;
    xmlXPathContextPtr xpath;
} page;

/* Check the inputs together with the default rules (and the baseline file when not
 * NULL) and write the HTML report into pg.  The baseline, when given, accepts the
 * findings whose rc_finding_key make_baseline put into it. */
static void report(page *pg, const char *const *paths, size_t n, const char *baseline_path)
{
    rc_ctx *ctx = NULL;
    rc_ruleset *rules = NULL;
    rc_vocab *vocab = NULL;
    rc_inputs *inputs = NULL;
    rc_model *model = NULL;
    rc_results *results = NULL;
    rc_baseline *baseline = NULL;
    ck_assert_int_eq(rc_ctx_new(&ctx), 0);
    ck_assert_int_eq(rc_ruleset_new(&rules), 0);
    ck_assert_int_eq(rc_ruleset_load_dir(rules, "rules", ctx), 0);
    ck_assert_int_eq(rc_vocab_new(&vocab), 0);
    ck_assert_int_eq(rc_vocab_load_dir(vocab, "rules", ctx), 0);
    ck_assert_int_eq(rc_inputs_new(&inputs), 0);
    ck_assert_int_eq(rc_model_new(&model), 0);
    for (size_t i = 0; i < n; i++)
        ck_assert_int_eq(rc_inputs_add(inputs, paths[i], ctx), 0);
    ck_assert_int_eq(rc_inputs_read(inputs, model, vocab, ctx), 0);
    ck_assert_int_eq(rc_check(rules, model, &results, ctx), 0);
    if (baseline_path) {
        ck_assert_msg(rc_baseline_load(&baseline, baseline_path, ctx) == 0, "%s",
                      rc_ctx_error(ctx));
        ck_assert_int_eq(rc_baseline_apply(baseline, results, rc_inputs_array(inputs),
                                           rc_inputs_count(inputs), ctx),
                         0);
    }
    rc_report r = {
        rc_inputs_array(inputs), rc_inputs_count(inputs), model, results, rules, baseline};
    FILE *out = open_memstream(&pg->html, &pg->len);
    ck_assert_ptr_nonnull(out);
    ck_assert_int_eq(rc_report_html(out, &r, ctx), 0);
    ck_assert_int_eq(fclose(out), 0);
    rc_baseline_free(baseline);
    rc_results_free(results);
    rc_model_free(model);
    rc_inputs_free(inputs);
    rc_vocab_free(vocab);
    rc_ruleset_free(rules);
    rc_ctx_free(ctx);

    pg->doc = xmlReadMemory(pg->html, (int)pg->len, "report.html", "UTF-8",
                            XML_PARSE_NONET | XML_PARSE_NOERROR | XML_PARSE_NOWARNING);
    ck_assert_msg(pg->doc != NULL, "the page is not well-formed: %s",
                  xmlGetLastError() ? xmlGetLastError()->message : "?");
    pg->xpath = xmlXPathNewContext(pg->doc);
    ck_assert_ptr_nonnull(pg->xpath);
}

static void report1(page *pg, const char *path)
{
    report(pg, &path, 1, NULL);
}

static void page_free(page *pg)
{
    xmlXPathFreeContext(pg->xpath);
    xmlFreeDoc(pg->doc);
    free(pg->html);
}

/* The number of nodes expr selects. */
static int count(page *pg, const char *expr)
{
    xmlXPathObjectPtr o = xmlXPathEvalExpression((const xmlChar *)expr, pg->xpath);
    ck_assert_msg(o != NULL, "bad xpath %s", expr);
    int n = o->nodesetval ? o->nodesetval->nodeNr : 0;
    xmlXPathFreeObject(o);
    return n;
}

/* The string value of expr, malloc'ed. */
static char *string(page *pg, const char *expr)
{
    xmlXPathObjectPtr o = xmlXPathEvalExpression((const xmlChar *)expr, pg->xpath);
    ck_assert_msg(o != NULL, "bad xpath %s", expr);
    xmlChar *s = xmlXPathCastToString(o);
    xmlXPathFreeObject(o);
    char *copy = strdup((const char *)s);
    xmlFree(s);
    return copy;
}

#define HAS_CLASS(c) "contains(concat(' ', @class, ' '), ' " c " ')"

static void assert_string_has(page *pg, const char *expr, const char *needle)
{
    char *s = string(pg, expr);
    ck_assert_msg(strstr(s, needle) != NULL, "%s is '%s', which does not hold '%s'", expr, s,
                  needle);
    free(s);
}

/* ---- the seed 000 finding ---------------------------------------------------------- */

START_TEST(test_seed_000_cell)
{
    page pg;
    report1(&pg, SEED_000);
    /* one highlighted cell: the Global Share Plan's FY2021 closing WAEP, 0.24 */
    ck_assert_int_eq(count(&pg, "//td[starts-with(@class, 'hl-')]"), 1);
    ck_assert_int_eq(count(&pg, "//td[" HAS_CLASS("hl-error") "]"), 1);
    const char *cell = "//td[" HAS_CLASS("hl-error") "]";
    assert_string_has(&pg, cell, "0.24");
    assert_string_has(&pg, "string(//td[" HAS_CLASS("hl-error") "]/@data-findings)", "f1");
    assert_string_has(&pg, "string(//td[" HAS_CLASS("hl-error") "]/@title)", SEED_000 ":202:2");
    assert_string_has(&pg, "string(//td[" HAS_CLASS("hl-error") "]/a/@href)", "#f1");
    /* in the closing row of the table of its roll-forward */
    assert_string_has(&pg, "//td[" HAS_CLASS("hl-error") "]/../th", "closing");
    assert_string_has(&pg, "//td[" HAS_CLASS("hl-error") "]/ancestor::section[1]/h3",
                      "Global Share Plan \xc2\xb7 2021-01-01 to 2021-12-31");
    /* the computed closing beside it */
    ck_assert_int_eq(count(&pg, "//tr[@class='computed']/td[. = '0.2749\xe2\x80\x93"
                                "0.2850']"),
                     1);
    ck_assert_int_eq(count(&pg, "//tr[@class='computed']/td[. = '-0.0349']"), 1);
    /* the finding beside the table: rule, numbers, explanation */
    ck_assert_int_eq(count(&pg, "//article[@id='f1'][" HAS_CLASS("error") "]"), 1);
    assert_string_has(&pg, "//article[@id='f1']//span[@class='rule']", "RC102");
    assert_string_has(&pg, "//article[@id='f1']//p[@class='msg']",
                      "computed 0.2749\xe2\x80\x93"
                      "0.2850, reported 0.24");
    assert_string_has(&pg, "//article[@id='f1']//table[@class='numbers']", "= 0.2749");
    assert_string_has(&pg, "//article[@id='f1']//table[@class='numbers']", "closing.price");
    assert_string_has(&pg, "//article[@id='f1']/details/p[@class='explain']",
                      "weighted-average exercise price");
    ck_assert_int_eq(
        count(&pg, "//article[@id='f1']/ancestor::section[1]//td[" HAS_CLASS("hl-error") "]"), 1);
    /* the top: summary, findings index, inputs with the note */
    assert_string_has(&pg, "//p[" HAS_CLASS("verdict") "]", "1 error, 0 warnings, 0 infos");
    assert_string_has(&pg, "//section[@id='summary']", "75: 74 passed, 1 failed");
    assert_string_has(&pg, "//section[@id='summary']", "4: no previous period");
    ck_assert_int_eq(count(&pg, "//ol[@class='index']/li/a[@href='#f1']"), 1);
    assert_string_has(&pg, "//table[@class='inputs']/tbody/tr[1]", "text-capture");
    assert_string_has(&pg, "//table[@class='inputs']", "only that layout makes the count");
    /* six roll-forwards, and the one balance reported alone (2023, a term only) */
    ck_assert_int_eq(count(&pg, "//section[" HAS_CLASS("rollforward") "]"), 6);
    ck_assert_int_eq(count(&pg, "//table[" HAS_CLASS("balances") "]/tbody/tr"), 1);
    /* self-contained: no script, nothing loaded from elsewhere */
    ck_assert_int_eq(count(&pg, "//script | //link | //img | //iframe | //*[@src]"), 0);
    ck_assert_int_eq(count(&pg, "//a[not(starts-with(@href, '#'))]"), 0);
    page_free(&pg);
}
END_TEST

START_TEST(test_clean_nothing_highlighted)
{
    page pg;
    report1(&pg, "samples/clean.json");
    ck_assert_int_eq(count(&pg, "//td[starts-with(@class, 'hl-')]"), 0);
    ck_assert_int_eq(count(&pg, "//article"), 0);
    ck_assert_int_eq(count(&pg, "//tr[@class='computed']"), 0);
    ck_assert_int_eq(count(&pg, "//p[" HAS_CLASS("verdict") " and " HAS_CLASS("ok") "]"), 1);
    ck_assert_int_eq(count(&pg, "//section[" HAS_CLASS("rollforward") "]"), 4);
    ck_assert(strstr(pg.html, "#ffd7d7") != NULL); /* the style is there, unused */
    page_free(&pg);
}
END_TEST

/* broken.json: five errors on five cells (the exercisable count carries an error and the
 * one warning: the error decides its colour, both markers show), and two identity tables. */
START_TEST(test_broken_cells)
{
    page pg;
    report1(&pg, "samples/broken.json");
    ck_assert_int_eq(count(&pg, "//article"), 6);
    ck_assert_int_eq(count(&pg, "//td[" HAS_CLASS("hl-error") "]"), 5);
    ck_assert_int_eq(count(&pg, "//td[" HAS_CLASS("hl-warning") "]"), 0);
    /* the exercisable count: RC130 (error) and RC134 (warning) */
    const char *both = "//td[" HAS_CLASS("hl-error") " and count(a[" HAS_CLASS(
        "error") "]) = 1 and count(a[" HAS_CLASS("warning") "]) = 1]";
    ck_assert_int_eq(count(&pg, both), 1);
    assert_string_has(&pg, both, "2,520,000");
    /* the RSU count and fair value fail together: one computed row with both */
    ck_assert_int_eq(count(&pg, "//tr[@class='computed']/td[. = '583,000']"), 1);
    ck_assert_int_eq(count(&pg, "//tr[@class='computed']/td[. = '18.4578\xe2\x80\x93"
                                "18.4763']"),
                     1);
    ck_assert_int_eq(count(&pg, "//tr[@class='computed']/td[. = '54,000']"), 1);
    /* the AIV column is in thousands, as the sample writes it */
    assert_string_has(&pg, "//td[" HAS_CLASS("hl-error") " and contains(., '13,950')]/@title",
                      "value 13,950,000, decimals -3");
    page_free(&pg);
}
END_TEST

/* A table written in thousands shows its computed closing in thousands too. */
START_TEST(test_scaled_column)
{
    page pg;
    report1(&pg, "test/golden/inputs/totals-tags.json");
    const char *rsu = "//section[" HAS_CLASS("rollforward") " and contains(h3, 'RSU')]";
    char expr[512];
    snprintf(expr, sizeof expr, "%s//thead/tr/th[2]", rsu);
    assert_string_has(&pg, expr, "in thousands");
    snprintf(expr, sizeof expr, "%s//tr[@class='computed']/td[. = '1,600']", rsu);
    ck_assert_int_eq(count(&pg, expr), 1);
    snprintf(expr, sizeof expr, "%s//tr[@class='computed']/td[. = '1']", rsu);
    ck_assert_int_eq(count(&pg, expr), 1);
    snprintf(expr, sizeof expr, "%s//td[" HAS_CLASS("hl-warning") "]", rsu);
    assert_string_has(&pg, expr, "1,601");
    assert_string_has(&pg, "//article[" HAS_CLASS("warning") "]", "a tagging defect");
    page_free(&pg);
}
END_TEST

/* ---- escaping ------------------------------------------------------------------------ */

static char *write_temp(const char *text, size_t len)
{
    char tmpl[] = "/tmp/rollcheck-html-XXXXXX";
    int fd = mkstemp(tmpl);
    ck_assert_int_ge(fd, 0);
    ck_assert_int_eq(write(fd, text, len), (ssize_t)len);
    close(fd);
    return strdup(tmpl);
}

START_TEST(test_escaping)
{
    /* markup, quotes and an ampersand in names; a control character; a byte that is not
     * UTF-8 (\xff); a noncharacter (U+FFFE): the page stays well-formed UTF-8 and shows
     * the text, not markup */
    static const char model[] =
        "{\"rollcheck\": \"model\", \"version\": 1, \"rollforwards\": [{"
        "\"entity\": \"<script>alert('x')</script> & \\\"Co\\\" \xff\","
        "\"award\": \"options\", \"members\": [\"Plan <b>A</b>\\u0001\\uFFFE\"],"
        "\"currency\": \"USD\", \"period\": {\"start\": \"2024-01-01\", \"end\": \"2024-12-31\"},"
        "\"opening\": {\"count\": \"1,000\"},"
        "\"movements\": [{\"role\": \"granted\", \"label\": \"Granted </td><td>\", \"count\": "
        "\"250\"}],"
        "\"closing\": {\"count\": \"1,200\"}}]}";
    char *path = write_temp(model, sizeof model - 1);
    const char *paths[] = {path};
    page pg;
    report(&pg, paths, 1, NULL);
    ck_assert_int_eq(count(&pg, "//script | //b"), 0);
    ck_assert(strstr(pg.html, "&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt; &amp; "
                              "&quot;Co&quot; \xef\xbf\xbd") != NULL);
    ck_assert(strstr(pg.html, "Plan &lt;b&gt;A&lt;/b&gt; \xef\xbf\xbd") != NULL);
    /* the label with markup is one row head, the count cell beside it */
    ck_assert_int_eq(count(&pg, "//tr[" HAS_CLASS("movement") "]/th[starts-with(., 'Granted "
                                                              "</td><td>')]"),
                     1);
    ck_assert_int_eq(count(&pg, "//tr[" HAS_CLASS("movement") "]/td"), 1);
    /* the count does not tie: the finding is there, its cell highlighted */
    ck_assert_int_eq(count(&pg, "//td[" HAS_CLASS("hl-error") " and contains(., '1,200')]"), 1);
    page_free(&pg);
    unlink(path);
    free(path);
}
END_TEST

/* ---- baselines ---------------------------------------------------------------------- */

/* A baseline accepting seed 000's RC102 finding, and one entry that matches nothing. */
static char *make_baseline(void)
{
    rc_ctx *ctx = NULL;
    rc_ruleset *rules = NULL;
    rc_vocab *vocab = NULL;
    rc_model *model = NULL;
    rc_results *results = NULL;
    ck_assert_int_eq(rc_ctx_new(&ctx), 0);
    ck_assert_int_eq(rc_ruleset_new(&rules), 0);
    ck_assert_int_eq(rc_ruleset_load_dir(rules, "rules", ctx), 0);
    ck_assert_int_eq(rc_vocab_new(&vocab), 0);
    ck_assert_int_eq(rc_vocab_load_dir(vocab, "rules", ctx), 0);
    ck_assert_int_eq(rc_model_new(&model), 0);
    ck_assert_int_eq(rc_read_file(model, vocab, SEED_000, NULL, ctx), 0);
    ck_assert_int_eq(rc_model_finish(model, ctx), 0);
    ck_assert_int_eq(rc_check(rules, model, &results, ctx), 0);
    ck_assert_uint_eq(rc_results_finding_count(results), 1);
    char *key = rc_finding_key(rc_results_finding(results, 0));
    ck_assert_ptr_nonnull(key);

    cJSON *doc = cJSON_CreateObject(), *list = cJSON_CreateArray();
    cJSON_AddStringToObject(doc, "rollcheck", "baseline");
    cJSON_AddNumberToObject(doc, "version", 1);
    cJSON_AddItemToObject(doc, "findings", list);
    cJSON *e = cJSON_CreateObject();
    cJSON_AddStringToObject(e, "rule", "RC102");
    cJSON_AddStringToObject(e, "file", SEED_000);
    cJSON_AddStringToObject(e, "key", key);
    cJSON_AddStringToObject(e, "reason", "the filer's <typo> & known");
    cJSON_AddItemToArray(list, e);
    /* the same finding one year on: matches nothing, so stale */
    char *stale = strdup(key);
    char *year = strstr(stale, "2021-01-01");
    ck_assert_ptr_nonnull(year);
    memcpy(year, "2020", 4);
    e = cJSON_CreateObject();
    cJSON_AddStringToObject(e, "rule", "RC102");
    cJSON_AddStringToObject(e, "file", SEED_000);
    cJSON_AddStringToObject(e, "key", stale);
    cJSON_AddStringToObject(e, "message", "an old finding");
    cJSON_AddStringToObject(e, "reason", "was fixed");
    cJSON_AddItemToArray(list, e);
    char *text = cJSON_Print(doc);
    char *path = write_temp(text, strlen(text));
    cJSON_free(text);
    cJSON_Delete(doc);
    free(stale);
    free(key);
    rc_results_free(results);
    rc_model_free(model);
    rc_vocab_free(vocab);
    rc_ruleset_free(rules);
    rc_ctx_free(ctx);
    return path;
}

START_TEST(test_baseline_accepted)
{
    char *baseline = make_baseline();
    const char *paths[] = {SEED_000};
    page pg;
    report(&pg, paths, 1, baseline);
    /* the cell is still marked, as accepted, not as an error */
    ck_assert_int_eq(count(&pg, "//td[" HAS_CLASS("hl-error") "]"), 0);
    ck_assert_int_eq(count(&pg, "//td[" HAS_CLASS("hl-accepted") "]"), 1);
    assert_string_has(&pg, "//td[" HAS_CLASS("hl-accepted") "]", "0.24");
    ck_assert_int_eq(count(&pg, "//article[@id='f1'][" HAS_CLASS("accepted") "]"), 1);
    assert_string_has(&pg, "//article[@id='f1']/p[@class='accepted']",
                      "accepted by the baseline: the filer's <typo> & known");
    /* the summary: nothing new, one accepted, one stale entry with its line */
    assert_string_has(&pg, "//p[" HAS_CLASS("verdict") "]", "1 accepted by the baseline, 0 new");
    ck_assert_int_eq(count(&pg, "//p[" HAS_CLASS("verdict") " and " HAS_CLASS("ok") "]"), 1);
    assert_string_has(&pg, "//ul[@class='stale']/li", "stale: RC102");
    assert_string_has(&pg, "//ul[@class='stale']/li", "an old finding");
    page_free(&pg);
    unlink(baseline);
    free(baseline);
}
END_TEST

/* ---- the output as a whole ------------------------------------------------------------- */

START_TEST(test_deterministic)
{
    page a, b;
    report1(&a, SEED_000);
    report1(&b, SEED_000);
    ck_assert_uint_eq(a.len, b.len);
    ck_assert(memcmp(a.html, b.html, a.len) == 0);
    ck_assert(strncmp(a.html, "<!DOCTYPE html>\n<html lang=\"en\">", 31) == 0);
    page_free(&a);
    page_free(&b);
}
END_TEST

START_TEST(test_write_error)
{
    FILE *full = fopen("/dev/full", "w");
    if (!full) return; /* no /dev/full: nothing to test it with */
    rc_ctx *ctx = NULL;
    rc_ruleset *rules = NULL;
    rc_model *model = NULL;
    rc_results *results = NULL;
    ck_assert_int_eq(rc_ctx_new(&ctx), 0);
    ck_assert_int_eq(rc_ruleset_new(&rules), 0);
    ck_assert_int_eq(rc_ruleset_load_dir(rules, "rules", ctx), 0);
    ck_assert_int_eq(rc_model_new(&model), 0);
    ck_assert_int_eq(rc_read_file(model, NULL, "samples/seed-000.json", NULL, ctx), 0);
    ck_assert_int_eq(rc_model_finish(model, ctx), 0);
    ck_assert_int_eq(rc_check(rules, model, &results, ctx), 0);
    rc_input in = {.path = "samples/seed-000.json", .format = RC_FORMAT_MODEL_JSON};
    rc_report r = {&in, 1, model, results, rules, NULL};
    ck_assert_int_eq(rc_report_html(full, &r, ctx), RC_EIO);
    ck_assert_str_eq(rc_ctx_error(ctx), "error: cannot write the report");
    fclose(full);
    rc_results_free(results);
    rc_model_free(model);
    rc_ruleset_free(rules);
    rc_ctx_free(ctx);
}
END_TEST

static Suite *html_suite(void)
{
    Suite *s = suite_create("html");
    TCase *tc = tcase_create("cells");
    tcase_set_timeout(tc, 60);
    tcase_add_test(tc, test_seed_000_cell);
    tcase_add_test(tc, test_clean_nothing_highlighted);
    tcase_add_test(tc, test_broken_cells);
    tcase_add_test(tc, test_scaled_column);
    suite_add_tcase(s, tc);
    tc = tcase_create("escaping");
    tcase_add_test(tc, test_escaping);
    suite_add_tcase(s, tc);
    tc = tcase_create("baseline");
    tcase_set_timeout(tc, 60);
    tcase_add_test(tc, test_baseline_accepted);
    suite_add_tcase(s, tc);
    tc = tcase_create("output");
    tcase_set_timeout(tc, 60);
    tcase_add_test(tc, test_deterministic);
    tcase_add_test(tc, test_write_error);
    suite_add_tcase(s, tc);
    return s;
}

int main(void)
{
    /* paths in the page are relative to the repository, as the CLI's are */
    if (chdir(RC_SOURCE_DIR) != 0) return EXIT_FAILURE;
    SRunner *sr = srunner_create(html_suite());
    srunner_run_all(sr, CK_NORMAL);
    int failed = srunner_ntests_failed(sr);
    srunner_free(sr);
    xmlCleanupParser();
    return failed ? EXIT_FAILURE : EXIT_SUCCESS;
}
