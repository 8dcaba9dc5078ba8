/* Unit tests: the SARIF and JUnit reports and writing a report to a file atomically
 * (src/report/sarif.c, junit.c, write.c), and the progress callback of rc_inputs. */
#include <check.h>
#include <cjson/cJSON.h>
#include <dirent.h>
#include <errno.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include <libxml/parser.h>
#include <libxml/tree.h>
#include <libxml/xpath.h>

#include "rollcheck.h"
#include "common/util.h"

#define SEED "samples/seed-000.json"
#define U_FFFD "\xef\xbf\xbd"

/* ---- a run: rules, inputs, model, results ------------------------------------------------- */

typedef struct run {
    rc_ctx *ctx;
    rc_ruleset *rules;
    rc_vocab *vocab;
    rc_inputs *inputs; /* when read through rc_inputs */
    rc_input input;    /* when read from a buffer */
    rc_model *model;
    rc_results *results;
    rc_baseline *baseline;
    rc_report report;
} run;

static void run_begin(run *r)
{
    memset(r, 0, sizeof *r);
    /* the paths of findings are relative, as a user gives them */
    ck_assert_int_eq(chdir(RC_SOURCE_DIR), 0);
    ck_assert_int_eq(rc_ctx_new(&r->ctx), 0);
    ck_assert_int_eq(rc_ruleset_new(&r->rules), 0);
    ck_assert_int_eq(rc_vocab_new(&r->vocab), 0);
    ck_assert_int_eq(rc_model_new(&r->model), 0);
}

static void run_check(run *r, const rc_input *inputs, size_t n)
{
    int rc = rc_check(r->rules, r->model, &r->results, r->ctx);
    ck_assert_msg(rc == 0, "%s", rc_ctx_error(r->ctx));
    r->report = (rc_report){inputs, n, r->model, r->results, r->rules, NULL};
}

static void load_default_rules(run *r)
{
    int rc = rc_ruleset_load_dir(r->rules, "rules", r->ctx);
    ck_assert_msg(rc == 0, "%s", rc_ctx_error(r->ctx));
    rc = rc_vocab_load_dir(r->vocab, "rules", r->ctx);
    ck_assert_msg(rc == 0, "%s", rc_ctx_error(r->ctx));
}

/* Read paths with rc_inputs and check them with the default rules. */
static void run_files(run *r, const char *const *paths, size_t n)
{
    run_begin(r);
    load_default_rules(r);
    ck_assert_int_eq(rc_inputs_new(&r->inputs), 0);
    for (size_t i = 0; i < n; i++)
        rc_inputs_add(r->inputs, paths[i], r->ctx);
    ck_assert_int_eq(rc_inputs_read(r->inputs, r->model, r->vocab, r->ctx), 0);
    run_check(r, rc_inputs_array(r->inputs), rc_inputs_count(r->inputs));
}

static void run_seed(run *r)
{
    const char *paths[] = {SEED};
    run_files(r, paths, 1);
}

/* Read model JSON text as the file `name` and check it with the default rules. */
static void run_text(run *r, const char *name, const char *text)
{
    run_begin(r);
    load_default_rules(r);
    rc_format format;
    int rc = rc_read_buffer(r->model, r->vocab, name, text, strlen(text), &format, r->ctx);
    ck_assert_msg(rc == 0, "%s", rc_ctx_error(r->ctx));
    ck_assert_int_eq(rc_model_finish(r->model, r->ctx), 0);
    r->input = (rc_input){name,
                          format,
                          rc_model_count_rollforwards(r->model, name),
                          rc_model_count_facts(r->model, name),
                          NULL,
                          NULL};
    run_check(r, &r->input, 1);
}

static void run_end(run *r)
{
    rc_baseline_free(r->baseline);
    if (r->results) rc_results_free(r->results);
    rc_inputs_free(r->inputs);
    rc_model_free(r->model);
    rc_vocab_free(r->vocab);
    rc_ruleset_free(r->rules);
    rc_ctx_free(r->ctx);
}

static char *slurp(const char *path)
{
    char *text = NULL;
    size_t len = 0;
    ck_assert_int_eq(rc_read_whole_file(path, (size_t)1 << 24, &text, &len, NULL), 0);
    return text;
}

/* A report written to memory: a malloc'ed string. */
static char *render(rc_report_fn fn, const rc_report *report, rc_ctx *ctx)
{
    char *text = NULL;
    size_t len = 0;
    FILE *out = open_memstream(&text, &len);
    ck_assert_ptr_nonnull(out);
    int rc = fn(out, report, ctx);
    ck_assert_msg(rc == 0, "%s", rc_ctx_error(ctx));
    ck_assert_int_eq(fclose(out), 0);
    return text;
}

/* ---- cJSON and libxml2 helpers ------------------------------------------------------------ */

/* The value at a path of keys and array indices: "runs/0/results/0/level". */
static const cJSON *at(const cJSON *node, const char *path)
{
    char key[256];
    while (node && *path) {
        size_t n = strcspn(path, "/");
        ck_assert_uint_lt(n, sizeof key);
        memcpy(key, path, n);
        key[n] = '\0';
        if (cJSON_IsArray(node))
            node = cJSON_GetArrayItem(node, atoi(key));
        else
            node = cJSON_GetObjectItemCaseSensitive(node, key);
        path += n + (path[n] == '/');
    }
    return node;
}

static const char *str_at(const cJSON *node, const char *path)
{
    const cJSON *v = at(node, path);
    ck_assert_msg(cJSON_IsString(v), "no string at %s", path);
    return v->valuestring;
}

static int int_at(const cJSON *node, const char *path)
{
    const cJSON *v = at(node, path);
    ck_assert_msg(cJSON_IsNumber(v), "no number at %s", path);
    return v->valueint;
}

static cJSON *parse_sarif(const char *text)
{
    cJSON *doc = cJSON_Parse(text);
    ck_assert_msg(doc != NULL, "the SARIF is not JSON");
    ck_assert_str_eq(str_at(doc, "version"), "2.1.0");
    ck_assert_int_eq(cJSON_GetArraySize(at(doc, "runs")), 1);
    return doc;
}

/* libxml2 refuses what is not well-formed, and what is not UTF-8. */
static xmlDocPtr parse_xml(const char *text)
{
    xmlDocPtr doc = xmlReadMemory(text, (int)strlen(text), "junit.xml", NULL,
                                  XML_PARSE_NONET | XML_PARSE_NOERROR | XML_PARSE_NOWARNING);
    ck_assert_msg(doc != NULL, "the JUnit XML is not well-formed:\n%s", text);
    return doc;
}

/* An XPath expression's value as a string (malloc'ed). */
static char *xpath(xmlDocPtr doc, const char *expr)
{
    xmlXPathContextPtr xc = xmlXPathNewContext(doc);
    ck_assert_ptr_nonnull(xc);
    xmlXPathObjectPtr obj = xmlXPathEvalExpression((const xmlChar *)expr, xc);
    ck_assert_msg(obj != NULL, "bad xpath %s", expr);
    xmlChar *s = xmlXPathCastToString(obj);
    char *copy = strdup((const char *)s);
    xmlFree(s);
    xmlXPathFreeObject(obj);
    xmlXPathFreeContext(xc);
    return copy;
}

static void ck_xpath(xmlDocPtr doc, const char *expr, const char *want)
{
    char *got = xpath(doc, expr);
    ck_assert_msg(strcmp(got, want) == 0, "%s is '%s', not '%s'", expr, got, want);
    free(got);
}

static void ck_xpath_n(xmlDocPtr doc, const char *expr, size_t want)
{
    char buf[32];
    snprintf(buf, sizeof buf, "%zu", want);
    ck_xpath(doc, expr, buf);
}

/* ---- SARIF ------------------------------------------------------------------------------ */

static const char *fingerprint_of(const cJSON *result)
{
    const cJSON *fp = cJSON_GetObjectItemCaseSensitive(at(result, "partialFingerprints"),
                                                       "rollcheckFindingKey/v1");
    ck_assert_msg(cJSON_IsString(fp), "no fingerprint");
    return fp->valuestring;
}

START_TEST(test_sarif_seed_finding)
{
    run r;
    run_seed(&r);
    ck_assert_uint_eq(rc_results_finding_count(r.results), 1);
    const rc_finding *f = rc_results_finding(r.results, 0);
    char *text = render(rc_report_sarif, &r.report, r.ctx);
    cJSON *doc = parse_sarif(text);
    const cJSON *run0 = at(doc, "runs/0");

    ck_assert_str_eq(str_at(run0, "tool/driver/name"), "rollcheck");
    ck_assert_str_eq(str_at(run0, "tool/driver/version"), RC_VERSION);
    ck_assert_int_eq(cJSON_GetArraySize(at(run0, "results")), 1);
    const cJSON *res = at(run0, "results/0");
    ck_assert_str_eq(str_at(res, "ruleId"), "RC102");
    ck_assert_int_eq(int_at(res, "ruleIndex"), 1);
    ck_assert_str_eq(str_at(run0, "tool/driver/rules/1/id"), "RC102");
    ck_assert_str_eq(str_at(res, "level"), "error");
    ck_assert_str_eq(str_at(res, "message/text"), f->message);
    ck_assert_ptr_nonnull(strstr(f->message, "computed 0.2749\u20130.2850, reported 0.24"));

    const cJSON *loc = at(res, "locations/0/physicalLocation");
    ck_assert_str_eq(str_at(loc, "artifactLocation/uri"), SEED);
    ck_assert_str_eq(str_at(loc, "artifactLocation/uriBaseId"), "SRCROOT");
    ck_assert_int_eq(int_at(loc, "artifactLocation/index"), 0);
    ck_assert_str_eq(str_at(run0, "artifacts/0/location/uri"), SEED);
    ck_assert_str_eq(str_at(run0, "artifacts/0/properties/format"), "model-json");
    ck_assert_int_eq(int_at(loc, "region/startLine"), 205);
    ck_assert_int_eq(int_at(loc, "region/startColumn"), 28);

    char fingerprint[17];
    rc_finding_fingerprint(f, fingerprint);
    ck_assert_str_eq(fingerprint_of(res), fingerprint);
    ck_assert_uint_eq(strspn(fingerprint, "0123456789abcdef"), 16);
    ck_assert_ptr_null(at(res, "suppressions")); /* no baseline: nothing accepted */

    /* the numbers, as strings made from exact rationals, as in the JSON report */
    const cJSON *props = at(res, "properties");
    ck_assert_str_eq(str_at(props, "reported"), "0.24");
    ck_assert_str_eq(str_at(props, "expected/low"), "0.274878752052");
    ck_assert_str_eq(str_at(props, "expected/high"), "0.285");
    ck_assert_str_eq(str_at(props, "relation"), "==");
    ck_assert_str_eq(str_at(props, "difference"), "-0.034878752053");
    ck_assert_str_eq(str_at(props, "quantity"), "price");
    ck_assert_str_eq(str_at(props, "award"), "options");
    ck_assert_str_eq(str_at(props, "entity"), "RONG360 Inc.");
    ck_assert_str_eq(str_at(props, "members/0"), "Global Share Plan");
    ck_assert_str_eq(str_at(props, "period/start"), "2021-01-01");
    ck_assert_str_eq(str_at(props, "period/end"), "2021-12-31");
    ck_assert(cJSON_IsFalse(at(props, "tagging_defect")));
    ck_assert(cJSON_IsNull(at(props, "note")));

    ck_assert(cJSON_IsTrue(at(run0, "invocations/0/executionSuccessful")));
    ck_assert_int_eq(cJSON_GetArraySize(at(run0, "invocations/0/toolExecutionNotifications")), 0);
    cJSON_Delete(doc);
    free(text);
    run_end(&r);
}
END_TEST

/* Every rule in force is described, with its explanation. */
START_TEST(test_sarif_rules)
{
    run r;
    run_seed(&r);
    char *text = render(rc_report_sarif, &r.report, r.ctx);
    cJSON *doc = parse_sarif(text);
    const cJSON *rules = at(doc, "runs/0/tool/driver/rules");
    ck_assert_int_eq(cJSON_GetArraySize(rules), (int)rc_ruleset_count(r.rules));
    for (size_t i = 0; i < rc_ruleset_count(r.rules); i++) {
        const rc_rule *rule = rc_ruleset_get(r.rules, i);
        const cJSON *d = cJSON_GetArrayItem(rules, (int)i);
        ck_assert_str_eq(str_at(d, "id"), rc_rule_id(rule));
        ck_assert_str_eq(str_at(d, "shortDescription/text"), rc_rule_title(rule));
        ck_assert_str_eq(str_at(d, "help/text"), rc_rule_explain(rule));
        ck_assert_str_eq(str_at(d, "properties/expression"), rc_rule_expression(rule));
        /* the first sentence of the explanation, whole */
        const char *full = str_at(d, "fullDescription/text");
        ck_assert_uint_gt(strlen(full), 20);
        ck_assert_int_eq(strncmp(full, rc_rule_explain(rule), strlen(full)), 0);
        ck_assert_int_eq(full[strlen(full) - 1], '.');
    }
    const cJSON *rc102 = cJSON_GetArrayItem(rules, 1);
    ck_assert_str_eq(str_at(rc102, "name"), "WeightedAverageExercisePriceRollForward");
    ck_assert_str_eq(str_at(rc102, "fullDescription/text"),
                     "Checks the weighted-average exercise price (WAEP) at the end against the "
                     "one the table implies: the beginning count times its WAEP, plus each "
                     "addition's count times its WAEP, less each deduction's count times its "
                     "WAEP, divided by the count at the end.");
    ck_assert_str_eq(str_at(rc102, "defaultConfiguration/level"), "error");
    ck_assert_str_eq(str_at(rc102, "properties/warn_below"), "1%");
    ck_assert_str_eq(str_at(rc102, "properties/each"), "rollforward");
    ck_assert_str_eq(str_at(rc102, "properties/applies_to/0"), "options");
    ck_assert_int_eq(cJSON_GetArraySize(at(rc102, "properties/applies_to")), 1);
    /* an info rule is a note, a warning rule a warning */
    for (size_t i = 0; i < rc_ruleset_count(r.rules); i++) {
        const rc_rule *rule = rc_ruleset_get(r.rules, i);
        const char *level = str_at(cJSON_GetArrayItem(rules, (int)i), "defaultConfiguration/level");
        const char *want = rc_rule_severity(rule) == RC_SEVERITY_INFO      ? "note"
                           : rc_rule_severity(rule) == RC_SEVERITY_WARNING ? "warning"
                                                                           : "error";
        ck_assert_str_eq(level, want);
    }
    ck_assert_str_eq(str_at(rules, "7/id"), "RC121");
    ck_assert_str_eq(str_at(rules, "7/defaultConfiguration/level"), "note");
    cJSON_Delete(doc);
    free(text);
    run_end(&r);
}
END_TEST

/* The fingerprint is the finding's identity: moving it down the file changes its
 * region, not its fingerprint; different findings have different ones. */
START_TEST(test_sarif_fingerprint_stable)
{
    char *seed = slurp(RC_SOURCE_DIR "/" SEED);
    rc_buf shifted = RC_BUF_INIT;
    rc_buf_printf(&shifted, "\n\n\n%s", seed);
    const char *fp[2];
    int line[2];
    cJSON *docs[2];
    char *texts[2];
    for (int k = 0; k < 2; k++) {
        run r;
        run_text(&r, SEED, k == 0 ? seed : shifted.data);
        texts[k] = render(rc_report_sarif, &r.report, r.ctx);
        docs[k] = parse_sarif(texts[k]);
        const cJSON *res = at(docs[k], "runs/0/results/0");
        ck_assert_str_eq(str_at(res, "ruleId"), "RC102");
        fp[k] = fingerprint_of(res);
        line[k] = int_at(res, "locations/0/physicalLocation/region/startLine");
        run_end(&r);
    }
    ck_assert_int_eq(line[0], 205);
    ck_assert_int_eq(line[1], 208);
    ck_assert_str_eq(fp[0], fp[1]);

    /* the broken sample's six findings: six fingerprints */
    run r;
    const char *paths[] = {"samples/broken.json"};
    run_files(&r, paths, 1);
    char *text = render(rc_report_sarif, &r.report, r.ctx);
    cJSON *doc = parse_sarif(text);
    const cJSON *results = at(doc, "runs/0/results");
    int n = cJSON_GetArraySize(results);
    ck_assert_int_eq(n, 6);
    for (int i = 0; i < n; i++)
        for (int j = i + 1; j < n; j++)
            ck_assert_str_ne(fingerprint_of(cJSON_GetArrayItem(results, i)),
                             fingerprint_of(cJSON_GetArrayItem(results, j)));
    cJSON_Delete(doc);
    free(text);
    run_end(&r);
    for (int k = 0; k < 2; k++) {
        cJSON_Delete(docs[k]);
        free(texts[k]);
    }
    rc_buf_free(&shifted);
    free(seed);
}
END_TEST

/* ---- a model made by hand: odd names, no line numbers, inputs that failed --------------- */

#define ODD_FILE "dir with space/odd#1.json"
#define ODD_MEMBER "Plan <A&B> \"q\"\tx\x01y\xffz\xef\xbf\xbe"
#define HOUSE_RULES                                                                                \
    "{\"rules\": [{\"id\": \"RC1001\", \"title\": \"house <check> & \\\"more\\\"\","               \
    " \"severity\": \"warning\", \"applies_to\": [\"options\"],"                                   \
    " \"expression\": \"opening.count + sum(additions.count) - sum(deductions.count) =="           \
    " closing.count\","                                                                            \
    " \"message\": \"count <off> & \\\"wrong\\\" by {difference}\","                               \
    " \"explain\": \"Adds up the counts, e.g. the grants. Then compares.\"}]}"

static rc_fact *count_fact(rc_model *m, const char *text)
{
    rc_fact *f = rc_model_new_fact(m);
    ck_assert_ptr_nonnull(f);
    f->kind = RC_KIND_COUNT;
    f->text = rc_model_strdup(m, text);
    f->src.file = ODD_FILE; /* line 0: the place in the file is unknown */
    ck_assert_int_eq(rc_value_parse(&f->value, text, strlen(text), 0, RC_PARSE_TABLE, NULL, NULL),
                     0);
    return f;
}

/* 100 + 10 granted is not the 120 reported: RC1001 fails.  Inputs: the file, one that
 * could not be read, one that was not read. */
static void run_odd(run *r, rc_input inputs[3])
{
    run_begin(r);
    int rc =
        rc_ruleset_load_string(r->rules, "house.json", HOUSE_RULES, strlen(HOUSE_RULES), r->ctx);
    ck_assert_msg(rc == 0, "%s", rc_ctx_error(r->ctx));
    rc_rollforward *rf = rc_model_add_rollforward(r->model);
    ck_assert_ptr_nonnull(rf);
    rf->file = ODD_FILE;
    rf->src.file = ODD_FILE;
    rf->award = RC_AWARD_OPTIONS;
    rf->currency = "USD";
    rf->start = rc_day_from_ymd(2021, 1, 1);
    rf->end = rc_day_from_ymd(2021, 12, 31);
    const char *members[] = {ODD_MEMBER};
    ck_assert_int_eq(rc_model_set_members(r->model, rf, members, 1), 0);
    rc_opening(rf)->count = count_fact(r->model, "100");
    rc_closing(rf)->count = count_fact(r->model, "120");
    rc_movement *mv = rc_model_add_movement(r->model, rf);
    ck_assert_ptr_nonnull(mv);
    mv->role = RC_ROLE_GRANTED;
    mv->direction = 1;
    mv->label = "Granted";
    mv->count = count_fact(r->model, "10");
    ck_assert_int_eq(rc_model_finish(r->model, r->ctx), 0);
    inputs[0] = (rc_input){ODD_FILE, RC_FORMAT_MODEL_JSON, 1, 3, NULL, NULL};
    inputs[1] = (rc_input){
        "bad.json", RC_FORMAT_MODEL_JSON, 0, 0, "bad.json:3:4: error: unexpected \"<\" & more",
        NULL};
    inputs[2] =
        (rc_input){"R9.htm", RC_FORMAT_R_HTML,
                   0,        0,
                   NULL,     "not a share-based payment page of FilingSummary.xml: 'Leases'"};
    run_check(r, inputs, 3);
    ck_assert_uint_eq(rc_results_finding_count(r->results), 1);
}

START_TEST(test_sarif_odd_model)
{
    run r;
    rc_input inputs[3];
    run_odd(&r, inputs);
    char *text = render(rc_report_sarif, &r.report, r.ctx);
    cJSON *doc = parse_sarif(text);
    const cJSON *run0 = at(doc, "runs/0");
    const cJSON *rule = at(run0, "tool/driver/rules/0");
    ck_assert_str_eq(str_at(rule, "name"), "HouseCheckMore");
    ck_assert_str_eq(str_at(rule, "shortDescription/text"), "house <check> & \"more\"");
    ck_assert_str_eq(str_at(rule, "fullDescription/text"), "Adds up the counts, e.g. the grants.");
    ck_assert_str_eq(str_at(rule, "defaultConfiguration/level"), "warning");
    ck_assert(cJSON_IsNull(at(rule, "properties/warn_below")));

    const cJSON *res = at(run0, "results/0");
    ck_assert_str_eq(str_at(res, "level"), "warning");
    ck_assert_str_eq(str_at(res, "message/text"), "count <off> & \"wrong\" by 10");
    /* a path is a URI reference: blanks and '#' encoded */
    const cJSON *loc = at(res, "locations/0/physicalLocation");
    ck_assert_str_eq(str_at(loc, "artifactLocation/uri"), "dir%20with%20space/odd%231.json");
    ck_assert_ptr_null(at(loc, "region")); /* line 0: no region */
    /* JSON keeps the control character, U+FFFD for the byte that is not UTF-8 */
    ck_assert_str_eq(str_at(res, "properties/members/0"),
                     "Plan <A&B> \"q\"\tx\x01y" U_FFFD "z\xef\xbf\xbe");
    ck_assert_str_eq(str_at(res, "properties/reported"), "120");
    ck_assert_str_eq(str_at(res, "properties/expected/low"), "110");

    /* the read error and the page not read are notifications; the run did not succeed */
    const cJSON *inv = at(run0, "invocations/0");
    ck_assert(cJSON_IsFalse(at(inv, "executionSuccessful")));
    const cJSON *notes = at(inv, "toolExecutionNotifications");
    ck_assert_int_eq(cJSON_GetArraySize(notes), 2);
    ck_assert_str_eq(str_at(notes, "0/level"), "error");
    ck_assert_str_eq(str_at(notes, "0/message/text"), inputs[1].error);
    ck_assert_str_eq(str_at(notes, "0/locations/0/physicalLocation/artifactLocation/uri"),
                     "bad.json");
    ck_assert_int_eq(int_at(notes, "0/locations/0/physicalLocation/artifactLocation/index"), 1);
    ck_assert_int_eq(int_at(notes, "0/locations/0/physicalLocation/region/startLine"), 3);
    ck_assert_int_eq(int_at(notes, "0/locations/0/physicalLocation/region/startColumn"), 4);
    ck_assert_str_eq(str_at(notes, "1/level"), "note");
    ck_assert_str_eq(str_at(notes, "1/message/text"),
                     "not read: not a share-based payment page of FilingSummary.xml: 'Leases'");
    ck_assert_int_eq(cJSON_GetArraySize(at(run0, "artifacts")), 3);
    cJSON_Delete(doc);
    free(text);
    run_end(&r);
}
END_TEST

/* ---- JUnit -------------------------------------------------------------------------------- */

START_TEST(test_junit_seed_counts)
{
    run r;
    run_seed(&r);
    rc_summary s;
    rc_results_summary(r.results, &s);
    ck_assert_uint_eq(s.checks, 75);
    ck_assert_uint_eq(s.failed, 1);
    ck_assert_uint_eq(s.skipped, 14);
    char *text = render(rc_report_junit, &r.report, r.ctx);
    xmlDocPtr doc = parse_xml(text);
    /* the counts are the summary's: a test per check run or skipped */
    ck_xpath_n(doc, "string(/testsuites/@tests)", s.checks + s.skipped);
    ck_xpath_n(doc, "string(/testsuites/@failures)", s.failed);
    ck_xpath_n(doc, "string(/testsuites/@skipped)", s.skipped);
    ck_xpath_n(doc, "string(/testsuites/@errors)", 0);
    ck_xpath_n(doc, "count(/testsuites/testsuite)", 1);
    ck_xpath(doc, "string(/testsuites/testsuite/@name)", SEED);
    ck_xpath_n(doc, "string(/testsuites/testsuite/@tests)", s.checks + s.skipped);
    ck_xpath_n(doc, "count(//testcase)", s.checks + s.skipped);
    ck_xpath_n(doc, "count(//testcase[skipped])", s.skipped);
    ck_xpath_n(doc, "count(//testcase[not(*)])", s.passed);
    /* the one failure: the rule, the message, the numbers */
    ck_xpath_n(doc, "count(//failure)", 1);
    ck_xpath(doc, "string(//failure/@type)", "RC102");
    ck_xpath(doc, "string(//failure/../@name)",
             "RC102 weighted-average exercise price roll-forward");
    ck_xpath(doc, "string(//failure/../@classname)",
             "Global Share Plan \u00b7 options \u00b7 2021-01-01 to 2021-12-31 \u00b7 USD");
    ck_xpath(doc, "string(//failure/@message)", rc_results_finding(r.results, 0)->message);
    char *body = xpath(doc, "string(//failure)");
    ck_assert_ptr_nonnull(strstr(body, "at samples/seed-000.json:205:28\n"));
    ck_assert_ptr_nonnull(strstr(body, "reported: 0.24 (price)\n"));
    ck_assert_ptr_nonnull(strstr(body, "expected: == 0.274878752052 to 0.285\n"));
    ck_assert_ptr_nonnull(strstr(body, "difference: -0.034878752053\n"));
    free(body);
    /* a skipped check says why */
    ck_xpath_n(doc, "count(//skipped[@message='no previous period'])", 4);
    xmlFreeDoc(doc);
    free(text);
    run_end(&r);
}
END_TEST

START_TEST(test_junit_escaping)
{
    run r;
    rc_input inputs[3];
    run_odd(&r, inputs);
    char *text = render(rc_report_junit, &r.report, r.ctx);
    /* raw: the characters XML cannot hold are gone, the tab of an attribute kept */
    ck_assert_ptr_null(strchr(text, '\x01'));
    ck_assert_ptr_null(strstr(text, "\xef\xbf\xbe"));
    ck_assert_ptr_nonnull(strstr(text, "Plan &lt;A&amp;B&gt; &quot;q&quot;&#9;x"));
    xmlDocPtr doc = parse_xml(text);
    /* read back, each text is what it was, less what XML cannot hold */
    ck_xpath(doc, "string(//testcase[failure]/@classname)",
             "Plan <A&B> \"q\"\tx" U_FFFD "y" U_FFFD "z" U_FFFD
             " \u00b7 options \u00b7 2021-01-01 to 2021-12-31 \u00b7 USD");
    ck_xpath(doc, "string(//testcase[failure]/@name)", "RC1001 house <check> & \"more\"");
    ck_xpath(doc, "string(//failure/@message)", "count <off> & \"wrong\" by 10");
    ck_xpath(doc, "string(//failure/@type)", "RC1001");
    char *body = xpath(doc, "string(//failure)");
    ck_assert_ptr_nonnull(strstr(body, "count <off> & \"wrong\" by 10\nseverity: warning\n"));
    ck_assert_ptr_nonnull(strstr(body, "expected: == 110\n"));
    free(body);
    /* a suite per input: the read error, the page not read */
    ck_xpath_n(doc, "count(/testsuites/testsuite)", 3);
    ck_xpath(doc, "string(/testsuites/testsuite[1]/@name)", ODD_FILE);
    ck_xpath(doc, "string(/testsuites/testsuite[2]/testcase/error/@message)", inputs[1].error);
    ck_xpath_n(doc, "string(/testsuites/testsuite[2]/@errors)", 1);
    ck_xpath(doc, "string(/testsuites/testsuite[3]/testcase/skipped/@message)",
             "not read: not a share-based payment page of FilingSummary.xml: 'Leases'");
    rc_summary s;
    rc_results_summary(r.results, &s);
    ck_xpath_n(doc, "string(/testsuites/@tests)", s.checks + s.skipped + 2);
    ck_xpath_n(doc, "string(/testsuites/@failures)", s.failed);
    ck_xpath_n(doc, "string(/testsuites/@errors)", 1);
    ck_xpath_n(doc, "string(/testsuites/@skipped)", s.skipped + 1);
    ck_xpath_n(doc, "count(//testcase)", s.checks + s.skipped + 2);
    xmlFreeDoc(doc);
    free(text);
    run_end(&r);
}
END_TEST

/* ---- a baseline: accepted findings and stale entries -------------------------------------- */

/* A baseline accepting seed 000's finding, and an entry that matches nothing. */
static void apply_baseline(run *r, const char *dir)
{
    const rc_finding *f = rc_results_finding(r->results, 0);
    char *key = rc_finding_key(f);
    ck_assert_ptr_nonnull(key);
    ck_assert_int_eq(strncmp(key, "RC102\x1f", 6), 0);
    cJSON *doc = cJSON_CreateObject(), *findings = cJSON_CreateArray();
    cJSON_AddStringToObject(doc, "rollcheck", "baseline");
    cJSON_AddNumberToObject(doc, "version", 1);
    cJSON_AddItemToObject(doc, "findings", findings);
    for (int k = 0; k < 2; k++) {
        cJSON *e = cJSON_CreateObject();
        if (k == 1) key[4] = '1'; /* RC101: no such finding */
        cJSON_AddStringToObject(e, "rule", k == 0 ? "RC102" : "RC101");
        cJSON_AddStringToObject(e, "file", SEED);
        cJSON_AddStringToObject(e, "key", key);
        cJSON_AddStringToObject(e, "reason", k == 0 ? "known: <the filer's> typo" : "gone");
        cJSON_AddItemToArray(findings, e);
    }
    char *json = cJSON_Print(doc);
    char path[256];
    snprintf(path, sizeof path, "%s/baseline.json", dir);
    FILE *out = fopen(path, "w");
    ck_assert_ptr_nonnull(out);
    fputs(json, out);
    ck_assert_int_eq(fclose(out), 0);
    int rc = rc_baseline_load(&r->baseline, path, r->ctx);
    ck_assert_msg(rc == 0, "%s", rc_ctx_error(r->ctx));
    ck_assert_int_eq(
        rc_baseline_apply(r->baseline, r->results, r->report.inputs, r->report.ninputs, r->ctx), 0);
    const char *reason = NULL;
    ck_assert(rc_baseline_accepts(r->baseline, f, &reason));
    ck_assert_str_eq(reason, "known: <the filer's> typo");
    ck_assert_uint_eq(rc_baseline_accepted_count(r->baseline), 1);
    ck_assert_uint_eq(rc_baseline_stale_count(r->baseline), 1);
    r->report.baseline = r->baseline;
    unlink(path);
    free(json);
    cJSON_Delete(doc);
    free(key);
}

START_TEST(test_accepted_finding)
{
    char dir[] = "/tmp/rollcheck-report-XXXXXX";
    ck_assert_ptr_nonnull(mkdtemp(dir));
    run r;
    run_seed(&r);
    apply_baseline(&r, dir);

    char *text = render(rc_report_sarif, &r.report, r.ctx);
    cJSON *doc = parse_sarif(text);
    const cJSON *res = at(doc, "runs/0/results/0");
    ck_assert_str_eq(str_at(res, "ruleId"), "RC102");
    ck_assert_int_eq(cJSON_GetArraySize(at(res, "suppressions")), 1);
    ck_assert_str_eq(str_at(res, "suppressions/0/kind"), "external");
    ck_assert_str_eq(str_at(res, "suppressions/0/status"), "accepted");
    ck_assert_str_eq(str_at(res, "suppressions/0/justification"), "known: <the filer's> typo");
    /* the stale entry: a warning at its line of the baseline */
    const cJSON *notes = at(doc, "runs/0/invocations/0/toolExecutionNotifications");
    ck_assert_int_eq(cJSON_GetArraySize(notes), 1);
    ck_assert_str_eq(str_at(notes, "0/level"), "warning");
    ck_assert_ptr_nonnull(strstr(str_at(notes, "0/message/text"), "stale baseline entry: RC101"));
    const char *uri = str_at(notes, "0/locations/0/physicalLocation/artifactLocation/uri");
    ck_assert_ptr_nonnull(strstr(uri, "/baseline.json"));
    ck_assert_int_eq(strncmp(uri, "file:///tmp/", 12), 0);
    ck_assert_uint_gt((unsigned)int_at(notes, "0/locations/0/physicalLocation/region/startLine"),
                      1);
    cJSON_Delete(doc);
    free(text);

    /* JUnit: the accepted finding is skipped, as accepted, with the reason */
    text = render(rc_report_junit, &r.report, r.ctx);
    xmlDocPtr xml = parse_xml(text);
    rc_summary s;
    rc_results_summary(r.results, &s);
    ck_xpath_n(xml, "string(/testsuites/@tests)", s.checks + s.skipped);
    ck_xpath_n(xml, "string(/testsuites/@failures)", s.failed - 1);
    ck_xpath_n(xml, "string(/testsuites/@skipped)", s.skipped + 1);
    ck_xpath_n(xml, "count(//failure)", 0);
    ck_xpath(xml,
             "string(//testcase[@name='RC102 weighted-average exercise price roll-forward']"
             "/skipped[starts-with(@message, 'accepted')]/@message)",
             "accepted (baseline): known: <the filer's> typo");
    xmlFreeDoc(xml);
    free(text);
    run_end(&r);
    ck_assert_int_eq(rmdir(dir), 0);
}
END_TEST

/* A report that cannot be written is an error, not a silent success. */
START_TEST(test_write_error)
{
    run r;
    run_seed(&r);
    FILE *full = fopen("/dev/full", "w");
    ck_assert_ptr_nonnull(full);
    ck_assert_int_eq(rc_report_sarif(full, &r.report, r.ctx), RC_EIO);
    ck_assert_str_eq(rc_ctx_error(r.ctx), "error: cannot write the report");
    clearerr(full);
    ck_assert_int_eq(rc_report_junit(full, &r.report, r.ctx), RC_EIO);
    fclose(full);
    run_end(&r);
}
END_TEST

/* ---- writing a report to a file ----------------------------------------------------------- */

/* How many entries a directory holds (a temporary file left behind shows here). */
static size_t dir_entries(const char *dir)
{
    DIR *d = opendir(dir);
    ck_assert_ptr_nonnull(d);
    size_t n = 0;
    for (struct dirent *e; (e = readdir(d));)
        n += strcmp(e->d_name, ".") != 0 && strcmp(e->d_name, "..") != 0;
    closedir(d);
    return n;
}

static void put_file(const char *path, const char *text)
{
    FILE *f = fopen(path, "w");
    ck_assert_ptr_nonnull(f);
    fputs(text, f);
    ck_assert_int_eq(fclose(f), 0);
}

START_TEST(test_write_file_success)
{
    char dir[] = "/tmp/rollcheck-report-XXXXXX", path[256];
    ck_assert_ptr_nonnull(mkdtemp(dir));
    snprintf(path, sizeof path, "%s/report.sarif", dir);
    run r;
    run_seed(&r);
    char *want = render(rc_report_sarif, &r.report, r.ctx);
    /* a new file */
    ck_assert_int_eq(rc_report_write_file(path, rc_report_sarif, &r.report, r.ctx), 0);
    char *got = slurp(path);
    ck_assert_str_eq(got, want);
    free(got);
    ck_assert_uint_eq(dir_entries(dir), 1);
    /* replacing a file keeps its permissions */
    put_file(path, "old report\n");
    ck_assert_int_eq(chmod(path, 0640), 0);
    ck_assert_int_eq(rc_report_write_file(path, rc_report_junit, &r.report, r.ctx), 0);
    got = slurp(path);
    ck_assert_int_eq(strncmp(got, "<?xml", 5), 0);
    free(got);
    struct stat st;
    ck_assert_int_eq(stat(path, &st), 0);
    ck_assert_int_eq(st.st_mode & 0777, 0640);
    ck_assert_uint_eq(dir_entries(dir), 1);
    /* a directory is not a file to replace */
    ck_assert_int_eq(rc_report_write_file(dir, rc_report_junit, &r.report, r.ctx), RC_EIO);
    ck_assert_ptr_nonnull(strstr(rc_ctx_error(r.ctx), "it is a directory"));
    free(want);
    run_end(&r);
    unlink(path);
    ck_assert_int_eq(rmdir(dir), 0);
}
END_TEST

/* A directory that cannot be written: an error naming the file, nothing made. */
START_TEST(test_write_file_unwritable_dir)
{
    char dir[] = "/tmp/rollcheck-report-XXXXXX", path[256];
    ck_assert_ptr_nonnull(mkdtemp(dir));
    run r;
    run_seed(&r);
    /* a directory that does not exist; a "directory" that is a file */
    snprintf(path, sizeof path, "%s/missing/report.sarif", dir);
    ck_assert_int_eq(rc_report_write_file(path, rc_report_sarif, &r.report, r.ctx), RC_EIO);
    ck_assert_ptr_nonnull(strstr(rc_ctx_error(r.ctx), path));
    ck_assert_ptr_nonnull(strstr(rc_ctx_error(r.ctx), "No such file or directory"));
    char file[256];
    snprintf(file, sizeof file, "%s/file", dir);
    put_file(file, "x");
    snprintf(path, sizeof path, "%s/file/report.sarif", dir);
    ck_assert_int_eq(rc_report_write_file(path, rc_report_sarif, &r.report, r.ctx), RC_EIO);
    ck_assert_ptr_nonnull(strstr(rc_ctx_error(r.ctx), "Not a directory"));
    ck_assert_uint_eq(dir_entries(dir), 1);
    unlink(file);

    /* a directory without write permission, as a user who is not its owner (root is
     * allowed everything: the child gives root's rights up first) */
    ck_assert_int_eq(chmod(dir, 0555), 0);
    snprintf(path, sizeof path, "%s/report.sarif", dir);
    fflush(NULL);
    pid_t pid = fork();
    ck_assert_int_ge(pid, 0);
    if (pid == 0) {
        if (geteuid() == 0 && (setgid(65534) != 0 || setuid(65534) != 0)) _exit(10);
        int rc = rc_report_write_file(path, rc_report_sarif, &r.report, r.ctx);
        if (rc != RC_EIO) _exit(11);
        if (!strstr(rc_ctx_error(r.ctx), "Permission denied")) _exit(12);
        if (!strstr(rc_ctx_error(r.ctx), path)) _exit(13);
        _exit(0);
    }
    int status = 0;
    ck_assert_int_eq(waitpid(pid, &status, 0), pid);
    ck_assert(WIFEXITED(status));
    ck_assert_int_eq(WEXITSTATUS(status), 0);
    ck_assert_int_eq(chmod(dir, 0700), 0);
    ck_assert_uint_eq(dir_entries(dir), 0);
    run_end(&r);
    ck_assert_int_eq(rmdir(dir), 0);
}
END_TEST

/* A writer that fails half-way, having written part of its report. */
static int failing_writer(FILE *out, const rc_report *report, rc_ctx *ctx)
{
    (void)report;
    fputs("{\"half\": ", out);
    fflush(out);
    return rc_ctx_fail(ctx, RC_EIO, "cannot write the report: simulated");
}

/* A careless writer: writes 64 KiB and says it succeeded, whatever fwrite said. */
static int careless_writer(FILE *out, const rc_report *report, rc_ctx *ctx)
{
    (void)report;
    (void)ctx;
    static char block[1024];
    memset(block, 'x', sizeof block);
    for (int i = 0; i < 64; i++)
        (void)fwrite(block, 1, sizeof block, out);
    return RC_OK;
}

START_TEST(test_write_file_fails_half_way)
{
    char dir[] = "/tmp/rollcheck-report-XXXXXX", path[256];
    ck_assert_ptr_nonnull(mkdtemp(dir));
    snprintf(path, sizeof path, "%s/report.json", dir);
    put_file(path, "old report\n");
    rc_ctx *ctx;
    ck_assert_int_eq(rc_ctx_new(&ctx), 0);
    rc_report report;
    memset(&report, 0, sizeof report);

    /* the writer's own failure: its message, the old file intact, no temporary file */
    ck_assert_int_eq(rc_report_write_file(path, failing_writer, &report, ctx), RC_EIO);
    ck_assert_str_eq(rc_ctx_error(ctx), "error: cannot write the report: simulated");
    char *got = slurp(path);
    ck_assert_str_eq(got, "old report\n");
    free(got);
    ck_assert_uint_eq(dir_entries(dir), 1);

    /* the file system refuses part of the report (a file size limit stands in for a
     * full disk), and the writer does not notice: rc_report_write_file does */
    fflush(NULL);
    pid_t pid = fork();
    ck_assert_int_ge(pid, 0);
    if (pid == 0) {
        signal(SIGXFSZ, SIG_IGN);
        struct rlimit limit = {4096, 4096};
        if (setrlimit(RLIMIT_FSIZE, &limit) != 0) _exit(10);
        int rc = rc_report_write_file(path, careless_writer, &report, ctx);
        if (rc != RC_EIO) _exit(11);
        if (!strstr(rc_ctx_error(ctx), "File too large")) _exit(12);
        _exit(0);
    }
    int status = 0;
    ck_assert_int_eq(waitpid(pid, &status, 0), pid);
    ck_assert(WIFEXITED(status));
    ck_assert_int_eq(WEXITSTATUS(status), 0);
    got = slurp(path);
    ck_assert_str_eq(got, "old report\n");
    free(got);
    ck_assert_uint_eq(dir_entries(dir), 1);

    /* and the same writer with room to write: the new file */
    ck_assert_int_eq(rc_report_write_file(path, careless_writer, &report, ctx), 0);
    struct stat st;
    ck_assert_int_eq(stat(path, &st), 0);
    ck_assert_int_eq(st.st_size, 64 * 1024);
    ck_assert_uint_eq(dir_entries(dir), 1);
    rc_ctx_free(ctx);
    unlink(path);
    ck_assert_int_eq(rmdir(dir), 0);
}
END_TEST

/* ---- progress ------------------------------------------------------------------------------ */

typedef struct progress_log {
    size_t calls;
    size_t done[4], total[4];
    char path[4][64];
} progress_log;

static void record_progress(void *userdata, size_t done, size_t total, const char *path)
{
    progress_log *log = userdata;
    ck_assert_uint_lt(log->calls, 4);
    log->done[log->calls] = done;
    log->total[log->calls] = total;
    snprintf(log->path[log->calls], sizeof log->path[0], "%s", path);
    log->calls++;
}

/* Called before each input that is read, not for one that could not be opened. */
START_TEST(test_inputs_progress)
{
    run r;
    run_begin(&r);
    load_default_rules(&r);
    ck_assert_int_eq(rc_inputs_new(&r.inputs), 0);
    rc_inputs_add(r.inputs, "samples/clean.json", r.ctx);
    rc_inputs_add(r.inputs, "no/such/file.json", r.ctx);
    rc_inputs_add(r.inputs, SEED, r.ctx);
    progress_log log;
    memset(&log, 0, sizeof log);
    rc_inputs_set_progress(r.inputs, record_progress, &log);
    ck_assert_int_eq(rc_inputs_read(r.inputs, r.model, r.vocab, r.ctx), 0);
    ck_assert_uint_eq(log.calls, 2);
    ck_assert_uint_eq(log.done[0], 0);
    ck_assert_uint_eq(log.total[0], 2);
    ck_assert_str_eq(log.path[0], "samples/clean.json");
    ck_assert_uint_eq(log.done[1], 1);
    ck_assert_uint_eq(log.total[1], 2);
    ck_assert_str_eq(log.path[1], SEED);
    run_end(&r);
}
END_TEST

static Suite *report_suite(void)
{
    Suite *s = suite_create("report");
    TCase *tc = tcase_create("sarif");
    tcase_set_timeout(tc, 60);
    tcase_add_test(tc, test_sarif_seed_finding);
    tcase_add_test(tc, test_sarif_rules);
    tcase_add_test(tc, test_sarif_fingerprint_stable);
    tcase_add_test(tc, test_sarif_odd_model);
    suite_add_tcase(s, tc);
    tc = tcase_create("junit");
    tcase_set_timeout(tc, 60);
    tcase_add_test(tc, test_junit_seed_counts);
    tcase_add_test(tc, test_junit_escaping);
    suite_add_tcase(s, tc);
    tc = tcase_create("baseline");
    tcase_set_timeout(tc, 60);
    tcase_add_test(tc, test_accepted_finding);
    suite_add_tcase(s, tc);
    tc = tcase_create("writing");
    tcase_set_timeout(tc, 60);
    tcase_add_test(tc, test_write_error);
    tcase_add_test(tc, test_write_file_success);
    tcase_add_test(tc, test_write_file_unwritable_dir);
    tcase_add_test(tc, test_write_file_fails_half_way);
    suite_add_tcase(s, tc);
    tc = tcase_create("progress");
    tcase_add_test(tc, test_inputs_progress);
    suite_add_tcase(s, tc);
    return s;
}

int main(void)
{
    SRunner *sr = srunner_create(report_suite());
    srunner_run_all(sr, CK_NORMAL);
    int failed = srunner_ntests_failed(sr);
    srunner_free(sr);
    xmlCleanupParser();
    return failed ? EXIT_FAILURE : EXIT_SUCCESS;
}
