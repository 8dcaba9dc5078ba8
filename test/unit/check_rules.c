/* Unit tests: rule files and rule sets (src/rules/ruleset.c). */
#include <check.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "rollcheck/rules.h"

/* A rule on one line, with the fields that vary spliced in. */
#define RULE(id, more)                                                                             \
    "{\"id\": \"" id "\", \"title\": \"t\", \"severity\": \"error\", \"applies_to\": "             \
    "[\"options\"], \"expression\": \"closing.count >= 0\", \"message\": \"m\"" more "}"

/* 1-based column of the first `what` in text, on the line it is on. */
static unsigned col_of(const char *text, const char *what)
{
    const char *p = strstr(text, what);
    ck_assert_msg(p != NULL, "'%s' not in the test text", what);
    const char *line = p;
    while (line > text && line[-1] != '\n')
        line--;
    return (unsigned)(p - line) + 1;
}

static char *fmt(const char *f, ...) __attribute__((format(printf, 1, 2)));
static char *fmt(const char *f, ...)
{
    static char buf[4][1024];
    static int k;
    char *b = buf[k++ % 4];
    va_list ap;
    va_start(ap, f);
    vsnprintf(b, sizeof buf[0], f, ap);
    va_end(ap);
    return b;
}

/* Loading text must fail with exactly `want` (and the caret detail, when given). */
static void load_error(int line, const char *text, const char *want, const char *want_detail)
{
    rc_ruleset *rs;
    rc_ctx *ctx;
    ck_assert_int_eq(rc_ruleset_new(&rs), 0);
    ck_assert_int_eq(rc_ctx_new(&ctx), 0);
    int rc = rc_ruleset_load_string(rs, "r.json", text, strlen(text), ctx);
    ck_assert_msg(rc == RC_ESYNTAX, "line %d: loaded (rc %d), want an error", line, rc);
    ck_assert_msg(strcmp(rc_ctx_error(ctx), want) == 0, "line %d: got\n  %s\nwant\n  %s", line,
                  rc_ctx_error(ctx), want);
    if (want_detail)
        ck_assert_msg(strcmp(rc_ctx_detail(ctx), want_detail) == 0, "line %d: detail\n%s\nwant\n%s",
                      line, rc_ctx_detail(ctx), want_detail);
    ck_assert_uint_eq(rc_ruleset_count(rs), 0);
    rc_ruleset_free(rs);
    rc_ctx_free(ctx);
}

#define LOAD_ERROR(text, want) load_error(__LINE__, text, want, NULL)

static rc_ruleset *load_ok(const char *name, const char *text)
{
    rc_ruleset *rs;
    rc_ctx *ctx;
    ck_assert_int_eq(rc_ruleset_new(&rs), 0);
    ck_assert_int_eq(rc_ctx_new(&ctx), 0);
    int rc = rc_ruleset_load_string(rs, name, text, strlen(text), ctx);
    ck_assert_msg(rc == 0, "%s", rc_ctx_error(ctx));
    rc_ctx_free(ctx);
    return rs;
}

START_TEST(test_file_errors)
{
    rc_ctx *ctx;
    ck_assert_int_eq(rc_ctx_new(&ctx), 0);
    rc_ruleset *rs;
    ck_assert_int_eq(rc_ruleset_new(&rs), 0);
    const char *bad = "{\"rules\": [}";
    ck_assert_int_eq(rc_ruleset_load_string(rs, "r.json", bad, strlen(bad), ctx), RC_ESYNTAX);
    ck_assert_msg(strncmp(rc_ctx_error(ctx), "r.json:1:", 9) == 0, "%s", rc_ctx_error(ctx));
    ck_assert(strstr(rc_ctx_error(ctx), "invalid JSON") != NULL);
    rc_ruleset_free(rs);
    rc_ctx_free(ctx);

    LOAD_ERROR("[1]", "r.json:1:1: error: a rule file is a JSON object: {\"rules\": [...]}");
    LOAD_ERROR("{\"rules\": [], \"rulez\": 1}",
               "r.json:1:15: error: unknown field 'rulez' in a rule file (it holds \"rules\"; "
               "names starting with '_' are comments)");
    LOAD_ERROR("{\"_comment\": 1}", "r.json:1:1: error: not a rule file: no \"rules\" array");
    LOAD_ERROR("{\"rules\": {}}", "r.json:1:11: error: \"rules\" must be an array of rules");
    LOAD_ERROR("{\"rules\": [1]}", "r.json:1:12: error: a rule must be a JSON object");
    LOAD_ERROR("{\"rules\": [], \"rules\": []}", "r.json:1:15: error: field 'rules' given twice");
    /* a concept map is not a rule file, unless loaded from a directory */
    LOAD_ERROR("{\"concepts\": {}}",
               "r.json:1:2: error: a concept map, not a rule file: no \"rules\" (field "
               "'concepts')");
    LOAD_ERROR("{\"rules\": [], \"concepts\": {}}",
               "r.json:1:15: error: unknown field 'concepts' in a rule file (it holds \"rules\")");
    LOAD_ERROR("{\"labels\": [], \"members\": []}",
               "r.json:1:2: error: a label vocabulary, not a rule file: no \"rules\" (field "
               "'labels')");
    /* an empty list is a valid file */
    rs = load_ok("r.json", "{\"_about\": \"nothing yet\", \"rules\": []}");
    ck_assert_uint_eq(rc_ruleset_count(rs), 0);
    rc_ruleset_free(rs);
}
END_TEST

START_TEST(test_rule_fields)
{
    const char *t;
    t = "{\"rules\": [\n" RULE("RC1001", ", \"colour\": \"red\"") "\n]}";
    load_error(__LINE__, t,
               fmt("r.json:2:%u: error: unknown field 'colour' in a rule (fields: id, title, "
                   "severity, applies_to, expression, message, each, quantity, warn_below, when, "
                   "explain, subject; names starting with '_' are comments)",
                   col_of(t, "\"colour\"")),
               NULL);
    t = "{\"rules\": [\n" RULE("RC1001", ", \"subject\": []") "\n]}";
    load_error(__LINE__, t,
               fmt("r.json:2:%u: error: \"subject\" is an empty array", col_of(t, "[]")), NULL);
    t = "{\"rules\": [\n" RULE("RC1001", ", \"subject\": [3]") "\n]}";
    load_error(
        __LINE__, t,
        fmt("r.json:2:%u: error: \"subject\" must be a name or an array of names", col_of(t, "3]")),
        NULL);
    t = "{\"rules\": [\n" RULE("RC1001", ", \"subject\": \"closing.cuont\"") "\n]}";
    load_error(__LINE__, t,
               fmt("r.json:2:%u: error: unknown name 'closing.cuont' (closing has count, price, "
                   "fair_value, aiv, term)",
                   col_of(t, "closing.cuont")),
               NULL);
    /* "subject" and "when" as written, for `rollcheck explain` */
    rc_ruleset *rs =
        load_ok("r.json",
                "{\"rules\": [" RULE("RC1001", ", \"subject\": \"closing.count\"") "," RULE(
                    "RC1002", ", \"subject\": [\"closing.count\", \"exercisable.count\"], "
                              "\"when\": \"present(closing.price)\"") "," RULE("RC1003", "") "]}");
    ck_assert_str_eq(rc_rule_subject(rc_ruleset_find(rs, "RC1001")), "closing.count");
    ck_assert_ptr_null(rc_rule_when(rc_ruleset_find(rs, "RC1001")));
    ck_assert_str_eq(rc_rule_subject(rc_ruleset_find(rs, "RC1002")),
                     "closing.count, exercisable.count");
    ck_assert_str_eq(rc_rule_when(rc_ruleset_find(rs, "RC1002")), "present(closing.price)");
    ck_assert_ptr_null(rc_rule_subject(rc_ruleset_find(rs, "RC1003"))); /* the default one */
    rc_ruleset_free(rs);
    t = "{\"rules\": [\n" RULE("RC1001", ", \"id\": \"RC1002\"") "\n]}";
    LOAD_ERROR(t, fmt("r.json:2:%u: error: field 'id' given twice", col_of(t, "\"id\": \"RC1002")));
    t = "{\"rules\": [\n {\"id\": \"RC1001\", \"severity\": \"error\"}\n]}";
    LOAD_ERROR(t, "r.json:2:2: error: rule RC1001 has no \"title\"");
    t = "{\"rules\": [\n {\"title\": \"x\"}\n]}";
    LOAD_ERROR(t, "r.json:2:2: error: a rule without \"id\"");
    t = "{\"rules\": [\n" RULE("RC1001", ", \"explain\": 5") "\n]}";
    LOAD_ERROR(t, fmt("r.json:2:%u: error: \"explain\" must be a string", col_of(t, "5}")));

    const char *bad_ids[] = {"R101", "RC", "RC12a", "rc101", "RC1234567890"};
    for (size_t k = 0; k < sizeof bad_ids / sizeof *bad_ids; k++) {
        char text[512];
        snprintf(text, sizeof text,
                 "{\"rules\": [{\"id\": \"%s\", \"title\": \"t\", \"severity\": \"error\", "
                 "\"applies_to\": [\"options\"], \"expression\": \"1 > 0\", \"message\": \"m\"}]}",
                 bad_ids[k]);
        load_error(__LINE__, text,
                   fmt("r.json:1:19: error: bad rule id '%s' (write RC and up to 9 digits: RC101; "
                       "ids from RC1000 are yours)",
                       bad_ids[k]),
                   NULL);
    }
    t = "{\"rules\": [\n" RULE("RC1001", "") ",\n" RULE("RC1001", "") "\n]}";
    LOAD_ERROR(t, "r.json:3:8: error: rule id 'RC1001' used twice in the file (first at line 2)");

    t = "{\"rules\": [\n{\"id\": \"RC1\", \"title\": \"\", \"severity\": \"error\", "
        "\"applies_to\": "
        "[\"options\"], \"expression\": \"1 > 0\", \"message\": \"m\"}]}";
    LOAD_ERROR(t, fmt("r.json:2:%u: error: \"title\" is empty", col_of(t, "\"\", ")));
    t = "{\"rules\": [\n{\"id\": \"RC1\", \"title\": \"t\", \"severity\": \"fatal\", "
        "\"applies_to\": "
        "[\"options\"], \"expression\": \"1 > 0\", \"message\": \"m\"}]}";
    LOAD_ERROR(t, fmt("r.json:2:%u: error: unknown severity 'fatal' (error, warning or info)",
                      col_of(t, "\"fatal\"")));
}
END_TEST

START_TEST(test_applies_each_quantity)
{
    const char *head =
        "{\"rules\": [\n{\"id\": \"RC1\", \"title\": \"t\", \"severity\": \"error\", "
        "\"expression\": \"1 > 0\", \"message\": \"m\", ";
    char t[1024];
    snprintf(t, sizeof t, "%s\"applies_to\": []}]}", head);
    LOAD_ERROR(t, fmt("r.json:2:%u: error: \"applies_to\" is empty: name \"options\", \"other\" "
                      "or both",
                      col_of(t, "[]")));
    snprintf(t, sizeof t, "%s\"applies_to\": \"options\"}]}", head);
    LOAD_ERROR(t, fmt("r.json:2:%u: error: \"applies_to\" must be an array of award classes: "
                      "[\"options\", \"other\"]",
                      col_of(t, "\"options\"}")));
    snprintf(t, sizeof t, "%s\"applies_to\": [\"options\", \"warrants\"]}]}", head);
    LOAD_ERROR(t, fmt("r.json:2:%u: error: unknown award class 'warrants' (options or other)",
                      col_of(t, "\"warrants\"")));
    snprintf(t, sizeof t, "%s\"applies_to\": [1]}]}", head);
    LOAD_ERROR(t, fmt("r.json:2:%u: error: an award class must be a string: \"options\" or "
                      "\"other\"",
                      col_of(t, "1]")));
    snprintf(t, sizeof t, "%s\"applies_to\": [\"other\"], \"each\": \"row\"}]}", head);
    LOAD_ERROR(t, fmt("r.json:2:%u: error: unknown \"each\" 'row' (rollforward, movement, balance, "
                      "duplicate, statement or range)",
                      col_of(t, "\"row\"")));
    snprintf(t, sizeof t, "%s\"applies_to\": [\"other\"], \"quantity\": \"Price\"}]}", head);
    LOAD_ERROR(t, fmt("r.json:2:%u: error: bad quantity 'Price' (a lower-case name: count, price, "
                      "fair_value, aiv, term)",
                      col_of(t, "\"Price\"")));
    snprintf(t, sizeof t, "%s\"applies_to\": [\"other\"], \"warn_below\": \"abc\"}]}", head);
    LOAD_ERROR(t, fmt("r.json:2:%u: error: bad warn_below 'abc' (a share of the reported value "
                      "between 0 and 1: \"1%%\" or \"0.01\")",
                      col_of(t, "\"abc\"")));
    snprintf(t, sizeof t, "%s\"applies_to\": [\"other\"], \"warn_below\": \"150%%\"}]}", head);
    LOAD_ERROR(t, fmt("r.json:2:%u: error: bad warn_below '150%%' (a share of the reported value "
                      "between 0 and 1: \"1%%\" or \"0.01\")",
                      col_of(t, "\"150%")));

    /* the good forms */
    rc_ruleset *rs = load_ok(
        "r.json",
        "{\"rules\": [" RULE(
            "RC1",
            ", \"warn_below\": \"1%\", \"each\": \"balance\", "
            "\"quantity\": \"aiv\", \"_why\": \"a comment\"") ","
                                                              "{\"id\": \"RC2\", \"title\": \"t\", "
                                                              "\"severity\": \"error\", "
                                                              "\"applies_to\": "
                                                              "[\"other\", \"options\"], "
                                                              "\"expression\": \"1 > 0\", "
                                                              "\"message\": \"m\", "
                                                              "\"warn_below\": 0.01}"
                                                              "," RULE(
                                                                  "RC3",
                                                                  ", \"warn_below\": \"0\", "
                                                                  "\"explain\": \"why\"") "]}");
    ck_assert_uint_eq(rc_ruleset_count(rs), 3);
    const rc_rule *r1 = rc_ruleset_find(rs, "RC1"), *r2 = rc_ruleset_find(rs, "RC2"),
                  *r3 = rc_ruleset_find(rs, "RC3");
    ck_assert_str_eq(rc_rule_warn_below(r1), "1%");
    ck_assert_str_eq(rc_rule_warn_below(r2), "0.01");
    ck_assert_ptr_null(rc_rule_warn_below(r3));
    ck_assert_int_eq(rc_rule_each_of(r1), RC_EACH_BALANCE);
    ck_assert_int_eq(rc_rule_each_of(r2), RC_EACH_ROLLFORWARD);
    ck_assert(rc_rule_applies_to(r1, RC_AWARD_OPTIONS));
    ck_assert(!rc_rule_applies_to(r1, RC_AWARD_OTHER));
    ck_assert(rc_rule_applies_to(r2, RC_AWARD_OTHER));
    ck_assert_str_eq(rc_rule_explain(r1), "");
    ck_assert_str_eq(rc_rule_explain(r3), "why");
    ck_assert_str_eq(rc_rule_title(r3), "t");
    ck_assert_int_eq(rc_rule_severity(r3), RC_SEVERITY_ERROR);
    ck_assert_str_eq(rc_rule_expression(r3), "closing.count >= 0");
    ck_assert_str_eq(rc_rule_message(r3), "m");
    ck_assert_str_eq(rc_rule_file(r3), "r.json");
    rc_ruleset_free(rs);
}
END_TEST

START_TEST(test_expression_errors)
{
    /* the place inside the expression string, in the file */
    const char *t = "{\"rules\": [\n" RULE("RC1", ", \"when\": \"closing.cont > 0\"") "\n]}";
    unsigned c = col_of(t, "closing.cont");
    load_error(__LINE__, t,
               fmt("r.json:2:%u: error: unknown name 'closing.cont' (closing has count, price, "
                   "fair_value, aiv, term)",
                   c),
               NULL);
    t = "{\"rules\": [\n"
        "  {\"id\": \"RC1\", \"title\": \"t\", \"severity\": \"error\", \"applies_to\": "
        "[\"options\"],\n"
        "   \"expression\": \"opening.count + closing.price > 0\",\n"
        "   \"message\": \"m\"}\n]}";
    c = col_of(t, "+ closing");
    ck_assert_uint_eq(c, 33);
    load_error(__LINE__, t,
               "r.json:3:33: error: units do not match (shares vs money per share) "
               "'opening.count + closing.price'",
               "     \"expression\": \"opening.count + closing.price > 0\",\n"
               "  "
               "                                ^");
    /* escapes before the place: \u2265 is six bytes in the file, one character decoded */
    t = "{\"rules\": [{\"id\": \"RC1\", \"title\": \"t\", \"severity\": \"error\", \"applies_to\": "
        "[\"options\"], \"message\": \"m\",\n"
        "\"expression\": \"closing.count \\u2265 \\\"x\"}]}";
    load_error(__LINE__, t, "r.json:2:37: error: unexpected character '\"'", NULL);
    /* an expression and a "when" must be boolean */
    t = "{\"rules\": [\n{\"id\": \"RC1\", \"title\": \"t\", \"severity\": \"error\", "
        "\"applies_to\": "
        "[\"options\"], \"message\": \"m\", \"expression\": \"closing.count + 1\"}]}";
    LOAD_ERROR(t, fmt("r.json:2:%u: error: \"expression\" must be a comparison or another "
                      "boolean, not a number 'closing.count + 1'",
                      col_of(t, "closing.count + 1")));
    t = "{\"rules\": [\n" RULE("RC1", ", \"when\": \"closing.count\"") "]}";
    LOAD_ERROR(t, fmt("r.json:2:%u: error: \"when\" must be a comparison or another boolean, not "
                      "a number 'closing.count'",
                      col_of(t, "closing.count\"}")));
    /* names follow "each" */
    t = "{\"rules\": [\n{\"id\": \"RC1\", \"title\": \"t\", \"severity\": \"error\", "
        "\"applies_to\": "
        "[\"options\"], \"message\": \"m\", \"expression\": \"movement.raw >= 0\"}]}";
    LOAD_ERROR(t, fmt("r.json:2:%u: error: a name that needs \"each\": \"movement\" in the rule "
                      "'movement.raw'",
                      col_of(t, "movement.raw")));
    rc_ruleset *rs =
        load_ok("r.json", "{\"rules\": [{\"id\": \"RC1\", \"title\": \"t\", "
                          "\"severity\": \"error\", \"applies_to\": [\"options\"], "
                          "\"message\": \"m\", \"each\": \"movement\", \"expression\": "
                          "\"movement.raw >= 0\"}]}");
    ck_assert_uint_eq(rc_ruleset_count(rs), 1);
    rc_ruleset_free(rs);
}
END_TEST

START_TEST(test_message_placeholders)
{
    const char *head =
        "{\"rules\": [\n{\"id\": \"RC1\", \"title\": \"t\", \"severity\": \"error\", "
        "\"applies_to\": [\"options\"], \"expression\": \"1 > 0\", \"message\": ";
    char text[1024];
    snprintf(text, sizeof text, "%s\"a {foo bar} b\"}]}", head);
    LOAD_ERROR(text, fmt("r.json:2:%u: error: unknown placeholder '{foo bar}' in the message",
                         col_of(text, "{foo")));
    snprintf(text, sizeof text, "%s\"a {foo} b\"}]}", head);
    LOAD_ERROR(text, fmt("r.json:2:%u: error: unknown name 'foo'", col_of(text, "foo}")));
    snprintf(text, sizeof text, "%s\"a {additions.count} b\"}]}", head);
    LOAD_ERROR(text, fmt("r.json:2:%u: error: a movement list cannot be shown, only its sum() "
                         "'additions.count'",
                         col_of(text, "additions")));
    snprintf(text, sizeof text, "%s\"{balance.aiv}\"}]}", head);
    LOAD_ERROR(text, fmt("r.json:2:%u: error: a name that needs \"each\": \"balance\" in the rule "
                         "'balance.aiv'",
                         col_of(text, "balance.aiv")));
    snprintf(text, sizeof text, "%s\"a {reported b\"}]}", head);
    LOAD_ERROR(text, fmt("r.json:2:%u: error: unclosed '{' in the message (write '{{' for a "
                         "brace) '{reported b'",
                         col_of(text, "{reported")));
    snprintf(text, sizeof text, "%s\"a } b\"}]}", head);
    LOAD_ERROR(text, fmt("r.json:2:%u: error: unmatched '}' in the message (write '}}' for a "
                         "brace) '}'",
                         col_of(text, "} b")));
    snprintf(text, sizeof text, "%s\"a {parts.closing.count} b\"}]}", head);
    LOAD_ERROR(text, fmt("r.json:2:%u: error: the parts cannot be shown, only their sum() "
                         "'parts.closing.count'",
                         col_of(text, "parts.closing")));
    /* every keyword, a name, and doubled braces */
    snprintf(text, sizeof text,
             "%s\"{{x}} {reported} {expected} {difference} {relation} {label} {role} {line} "
             "{period} {quantity} {slot} { closing.count } {previous.opening.price} "
             "{share_price} {first_filing} {second_filing} {parts}\"}]}",
             head);
    rc_ruleset *rs = load_ok("r.json", text);
    ck_assert_uint_eq(rc_ruleset_count(rs), 1);
    rc_ruleset_free(rs);
}
END_TEST

START_TEST(test_atomic_load)
{
    /* a file with one bad rule adds nothing, and leaves the set as it was */
    rc_ruleset *rs = load_ok("base.json", "{\"rules\": [" RULE("RC101", "") "]}");
    rc_ctx *ctx;
    ck_assert_int_eq(rc_ctx_new(&ctx), 0);
    const char *t = "{\"rules\": [" RULE("RC101", ", \"title\": \"x\"") "]}";
    ck_assert_int_eq(rc_ruleset_load_string(rs, "bad.json", t, strlen(t), ctx), RC_ESYNTAX);
    t = "{\"rules\": [" RULE("RC102", "") ", " RULE("RC103", ", \"severity\": \"x\"") "]}";
    ck_assert_int_eq(rc_ruleset_load_string(rs, "bad.json", t, strlen(t), ctx), RC_ESYNTAX);
    ck_assert_uint_eq(rc_ruleset_count(rs), 1);
    ck_assert_ptr_null(rc_ruleset_find(rs, "RC102"));
    ck_assert_str_eq(rc_rule_file(rc_ruleset_find(rs, "RC101")), "base.json");
    rc_ruleset_free(rs);
    rc_ctx_free(ctx);
}
END_TEST

START_TEST(test_override_disable_order)
{
    rc_ruleset *rs =
        load_ok("a.json", "{\"rules\": [" RULE("RC1001", "") "," RULE("RC110", "") "," RULE(
                              "RC101", "") "," RULE("RC20", "") "]}");
    rc_ctx *ctx;
    ck_assert_int_eq(rc_ctx_new(&ctx), 0);
    const char *ids[] = {"RC20", "RC101", "RC110", "RC1001"};
    ck_assert_uint_eq(rc_ruleset_count(rs), 4);
    for (size_t k = 0; k < 4; k++)
        ck_assert_str_eq(rc_rule_id(rc_ruleset_get(rs, k)), ids[k]);
    ck_assert_ptr_null(rc_ruleset_get(rs, 4));

    /* a rule with an id already there replaces it */
    const char *b =
        "{\"rules\": [{\"id\": \"RC101\", \"title\": \"mine\", \"severity\": \"warning\", "
        "\"applies_to\": [\"other\"], \"expression\": \"closing.count > 0\", "
        "\"message\": \"m\"}]}";
    ck_assert_int_eq(rc_ruleset_load_string(rs, "b.json", b, strlen(b), ctx), 0);
    ck_assert_uint_eq(rc_ruleset_count(rs), 4);
    const rc_rule *r = rc_ruleset_find(rs, "RC101");
    ck_assert_str_eq(rc_rule_title(r), "mine");
    ck_assert_str_eq(rc_rule_file(r), "b.json");
    ck_assert_int_eq(rc_rule_severity(r), RC_SEVERITY_WARNING);
    ck_assert(!rc_rule_applies_to(r, RC_AWARD_OPTIONS));

    /* disable */
    ck_assert_int_eq(rc_ruleset_disable(rs, "RC110", ctx), 0);
    ck_assert_uint_eq(rc_ruleset_count(rs), 3);
    ck_assert_ptr_null(rc_ruleset_find(rs, "RC110"));
    ck_assert_str_eq(rc_rule_id(rc_ruleset_get(rs, 2)), "RC1001");
    ck_assert_int_eq(rc_ruleset_disable(rs, "RC9", ctx), RC_ENOTFOUND);
    ck_assert_str_eq(rc_ctx_error(ctx), "error: no rule 'RC9' to disable");

    /* warn-below from the command line */
    ck_assert_int_eq(rc_ruleset_set_warn_below(rs, "RC101", "0.5%", ctx), 0);
    ck_assert_str_eq(rc_rule_warn_below(rc_ruleset_find(rs, "RC101")), "0.5%");
    ck_assert_int_eq(rc_ruleset_set_warn_below(rs, "RC101", "0", ctx), 0);
    ck_assert_ptr_null(rc_rule_warn_below(rc_ruleset_find(rs, "RC101")));
    ck_assert_int_eq(rc_ruleset_set_warn_below(rs, "RC101", "1x", ctx), RC_ESYNTAX);
    ck_assert_str_eq(rc_ctx_error(ctx), "error: bad warn-below value '1x' for RC101 (write a "
                                        "share of the reported value between 0 and 1: \"1%\" or "
                                        "\"0.01\")");
    ck_assert_int_eq(rc_ruleset_set_warn_below(rs, "RC101", "-1%", ctx), RC_ESYNTAX);
    ck_assert_int_eq(rc_ruleset_set_warn_below(rs, "RC77", "1%", ctx), RC_ENOTFOUND);

    /* severities */
    rc_severity sev;
    ck_assert_int_eq(rc_severity_parse(&sev, "warning"), 0);
    ck_assert_int_eq(sev, RC_SEVERITY_WARNING);
    ck_assert_int_eq(rc_severity_parse(&sev, "fatal"), RC_EINVAL);
    ck_assert_str_eq(rc_severity_name(RC_SEVERITY_INFO), "info");
    rc_ruleset_free(rs);
    rc_ctx_free(ctx);
}
END_TEST

static void write_file(const char *dir, const char *name, const char *text)
{
    char path[512];
    snprintf(path, sizeof path, "%s/%s", dir, name);
    FILE *f = fopen(path, "w");
    ck_assert_ptr_nonnull(f);
    fputs(text, f);
    fclose(f);
}

static void remove_file(const char *dir, const char *name)
{
    char path[512];
    snprintf(path, sizeof path, "%s/%s", dir, name);
    unlink(path);
}

START_TEST(test_load_dir)
{
    char dir[] = "/tmp/rollcheck-rules-XXXXXX";
    ck_assert_ptr_nonnull(mkdtemp(dir));
    write_file(dir, "20-user.json",
               "{\"rules\": [{\"id\": \"RC1001\", \"title\": \"second\", \"severity\": \"error\", "
               "\"applies_to\": [\"options\"], \"expression\": \"1 > 0\", \"message\": \"m\"}]}");
    write_file(dir, "10-base.json", "{\"rules\": [" RULE("RC1001", "") "," RULE("RC1002", "") "]}");
    write_file(dir, "concepts.json", "{\"_version\": 1, \"concepts\": {}, \"extensions\": []}");
    write_file(dir, "labels.json", "{\"labels\": [], \"members\": []}");
    write_file(dir, "readme.txt", "not json at all");
    rc_ruleset *rs;
    rc_ctx *ctx;
    ck_assert_int_eq(rc_ruleset_new(&rs), 0);
    ck_assert_int_eq(rc_ctx_new(&ctx), 0);
    ck_assert_msg(rc_ruleset_load_dir(rs, dir, ctx) == 0, "%s", rc_ctx_error(ctx));
    ck_assert_uint_eq(rc_ruleset_count(rs), 2);
    /* name order: 20-user.json comes last and wins */
    ck_assert_str_eq(rc_rule_title(rc_ruleset_find(rs, "RC1001")), "second");
    ck_assert_str_eq(rc_rule_file(rc_ruleset_find(rs, "RC1002")), fmt("%s/10-base.json", dir));
    rc_ruleset_free(rs);

    /* anything else without "rules" is an error, with its path */
    write_file(dir, "30-bad.json", "{\"foo\": 1}");
    ck_assert_int_eq(rc_ruleset_new(&rs), 0);
    ck_assert_int_eq(rc_ruleset_load_dir(rs, dir, ctx), RC_ESYNTAX);
    ck_assert_str_eq(rc_ctx_error(ctx),
                     fmt("%s/30-bad.json:1:2: error: unknown field 'foo' in a rule file (it holds "
                         "\"rules\"; names starting with '_' are comments)",
                         dir));
    rc_ruleset_free(rs);

    remove_file(dir, "10-base.json");
    remove_file(dir, "20-user.json");
    remove_file(dir, "30-bad.json");
    remove_file(dir, "concepts.json");
    remove_file(dir, "labels.json");
    remove_file(dir, "readme.txt");
    rmdir(dir);

    ck_assert_int_eq(rc_ruleset_new(&rs), 0);
    ck_assert_int_eq(rc_ruleset_load_dir(rs, dir, ctx), RC_EIO);
    ck_assert_str_eq(
        rc_ctx_error(ctx),
        fmt("%s: error: cannot open the rules directory: No such file or directory", dir));
    ck_assert_int_eq(rc_ruleset_load_file(rs, "/nonexistent/r.json", ctx), RC_EIO);
    ck_assert_str_eq(rc_ctx_error(ctx),
                     "/nonexistent/r.json: error: cannot open: No such file or directory");
    rc_ruleset_free(rs);
    rc_ctx_free(ctx);
}
END_TEST

START_TEST(test_default_dir)
{
    rc_ctx *ctx;
    ck_assert_int_eq(rc_ctx_new(&ctx), 0);
    char buf[4096];
    setenv("ROLLCHECK_RULES", RC_SOURCE_DIR "/rules", 1);
    ck_assert_int_eq(rc_ruleset_default_dir(buf, sizeof buf, ctx), 0);
    ck_assert_str_eq(buf, RC_SOURCE_DIR "/rules");
    char small[8];
    ck_assert_int_eq(rc_ruleset_default_dir(small, sizeof small, ctx), RC_ELIMIT);
    setenv("ROLLCHECK_RULES", "/nonexistent/rules", 1);
    ck_assert_int_eq(rc_ruleset_default_dir(buf, sizeof buf, ctx), RC_ENOTFOUND);
    ck_assert_str_eq(rc_ctx_error(ctx),
                     "error: ROLLCHECK_RULES is '/nonexistent/rules', which is not a directory");
    /* without it, the folders next to the program (build/test/ has none) */
    unsetenv("ROLLCHECK_RULES");
    int rc = rc_ruleset_default_dir(buf, sizeof buf, ctx);
    if (rc == RC_OK) {
        struct stat st;
        ck_assert(stat(buf, &st) == 0 && S_ISDIR(st.st_mode));
    } else {
        ck_assert_int_eq(rc, RC_ENOTFOUND);
        ck_assert_msg(strstr(rc_ctx_error(ctx), "cannot find the default rules (looked in ") &&
                          strstr(rc_ctx_error(ctx), "/../share/rollcheck/rules, ") &&
                          strstr(rc_ctx_error(ctx), "); set ROLLCHECK_RULES"),
                      "%s", rc_ctx_error(ctx));
    }
    rc_ctx_free(ctx);
}
END_TEST

START_TEST(test_default_pack)
{
    /* the shipped rules load, with the ids the documentation promises */
    rc_ruleset *rs;
    rc_ctx *ctx;
    ck_assert_int_eq(rc_ruleset_new(&rs), 0);
    ck_assert_int_eq(rc_ctx_new(&ctx), 0);
    ck_assert_msg(rc_ruleset_load_dir(rs, RC_SOURCE_DIR "/rules", ctx) == 0, "%s",
                  rc_ctx_error(ctx));
    const char *ids[] = {"RC101", "RC102", "RC103", "RC110", "RC111", "RC112", "RC120",
                         "RC121", "RC130", "RC131", "RC132", "RC133", "RC134", "RC140",
                         "RC141", "RC142", "RC143", "RC144", "RC150", "RC151", "RC160",
                         "RC170", "RC171", "RC172", "RC173", "RC174", "RC175", "RC176",
                         "RC180", "RC181", "RC182", "RC183", "RC184", "RC185", "RC186",
                         "RC187", "RC188", "RC189", "RC190",
                         "RC200", "RC201", "RC202", "RC203",
                         "RC210", "RC211", "RC212", "RC213"};
    ck_assert_uint_eq(rc_ruleset_count(rs), sizeof ids / sizeof *ids);
    for (size_t k = 0; k < sizeof ids / sizeof *ids; k++) {
        const rc_rule *r = rc_ruleset_get(rs, k);
        ck_assert_str_eq(rc_rule_id(r), ids[k]);
        ck_assert_msg(strlen(rc_rule_explain(r)) > 200, "%s: explain too short", ids[k]);
        const char *title = rc_rule_title(r);
        for (const char *c = title; *c; c++)
            ck_assert_msg(!(*c >= 'A' && *c <= 'Z'), "%s: title not lower case", ids[k]);
    }
    ck_assert_str_eq(rc_rule_warn_below(rc_ruleset_find(rs, "RC102")), "1%");
    ck_assert_int_eq(rc_rule_severity(rc_ruleset_find(rs, "RC134")), RC_SEVERITY_WARNING);
    ck_assert_int_eq(rc_rule_each_of(rc_ruleset_find(rs, "RC160")), RC_EACH_MOVEMENT);
    ck_assert_int_eq(rc_rule_each_of(rc_ruleset_find(rs, "RC120")), RC_EACH_DUPLICATE);
    ck_assert_int_eq(rc_rule_each_of(rc_ruleset_find(rs, "RC190")), RC_EACH_STATEMENT);
    ck_assert(!rc_rule_applies_to(rc_ruleset_find(rs, "RC102"), RC_AWARD_OTHER));
    ck_assert(rc_rule_applies_to(rc_ruleset_find(rs, "RC103"), RC_AWARD_OTHER));
    /* duplicates within one filing are errors, across filings restatements */
    ck_assert_str_eq(rc_rule_when(rc_ruleset_find(rs, "RC120")), "duplicate.same_filing");
    ck_assert_str_eq(rc_rule_when(rc_ruleset_find(rs, "RC121")), "not duplicate.same_filing");
    ck_assert_int_eq(rc_rule_severity(rc_ruleset_find(rs, "RC121")), RC_SEVERITY_INFO);
    ck_assert_ptr_null(rc_rule_when(rc_ruleset_find(rs, "RC102")));
    ck_assert_ptr_null(rc_rule_subject(rc_ruleset_find(rs, "RC102")));
    ck_assert_str_eq(rc_rule_subject(rc_ruleset_find(rs, "RC134")),
                     "exercisable.count, vested_expected.count");
    ck_assert_int_eq(rc_rule_each_of(rc_ruleset_find(rs, "RC172")), RC_EACH_MOVEMENT);
    ck_assert_int_eq(rc_rule_each_of(rc_ruleset_find(rs, "RC175")), RC_EACH_BALANCE);
    rc_ruleset_free(rs);
    rc_ctx_free(ctx);
}
END_TEST

int main(void)
{
    Suite *s = suite_create("rules");
    struct {
        const char *name;
        const TTest *test;
    } cases[] = {
        {"file errors", test_file_errors},
        {"rule fields", test_rule_fields},
        {"applies_to, each, quantity, warn_below", test_applies_each_quantity},
        {"expression errors", test_expression_errors},
        {"message placeholders", test_message_placeholders},
        {"a bad file adds nothing", test_atomic_load},
        {"override, disable, order", test_override_disable_order},
        {"load a directory", test_load_dir},
        {"default directory", test_default_dir},
        {"default pack", test_default_pack},
    };
    for (size_t k = 0; k < sizeof cases / sizeof *cases; k++) {
        TCase *tc = tcase_create(cases[k].name);
        tcase_add_test(tc, cases[k].test);
        suite_add_tcase(s, tc);
    }
    SRunner *sr = srunner_create(s);
    srunner_run_all(sr, CK_NORMAL);
    int failed = srunner_ntests_failed(sr);
    srunner_free(sr);
    return failed ? EXIT_FAILURE : EXIT_SUCCESS;
}
