/*
 * rollcheck: the command-line tool.  It parses its arguments and calls the
 * library; everything it does, a program linking librollcheck can do.
 */
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "rollcheck.h"
#include "cli/args.h"

enum { EXIT_CLEAN = 0, EXIT_FINDINGS = 1, EXIT_TROUBLE = 2 };

#define WRAP_COLUMNS 78

/* Print the library's last error on stderr, with its caret lines.  A
 * message with no location ("error: ...") gets the program's name. */
static void print_error(const rc_ctx *ctx)
{
    const char *msg = rc_ctx_error(ctx);
    if (!*msg) msg = "error: failed";
    fprintf(stderr, "%s%s\n", strncmp(msg, "error: ", 7) == 0 ? "rollcheck: " : "", msg);
    const char *detail = rc_ctx_detail(ctx);
    if (*detail) fprintf(stderr, "%s%s", detail, detail[strlen(detail) - 1] == '\n' ? "" : "\n");
}

/* Flush standard output; a failure (a full disk, a closed pipe) is an
 * error of its own, not a silent exit status. */
static int finish_stdout(void)
{
    if (fflush(stdout) != 0 || ferror(stdout)) {
        fprintf(stderr, "rollcheck: error: cannot write to standard output\n");
        return EXIT_TROUBLE;
    }
    return EXIT_CLEAN;
}

static int usage_error(const char *msg)
{
    fprintf(stderr, "rollcheck: error: %s\ntry 'rollcheck --help'\n", msg);
    return EXIT_TROUBLE;
}

/* ---- rules ---------------------------------------------------------------------- */

/* The default rules, then each --rules DIR, then --disable, then
 * --warn-below.  On failure the error has been printed. */
static int load_rules(const rc_cli_args *args, rc_ruleset **out, rc_ctx *ctx)
{
    char dir[4096];
    rc_ruleset *rules = NULL;
    int err = rc_ruleset_new(&rules);
    if (err < 0) {
        rc_ctx_fail(ctx, err, "out of memory");
        goto done;
    }
    if ((err = rc_ruleset_default_dir(dir, sizeof dir, ctx)) < 0) goto done;
    if ((err = rc_ruleset_load_dir(rules, dir, ctx)) < 0) goto done;
    for (size_t i = 0; i < args->nrule_dirs; i++)
        if ((err = rc_ruleset_load_dir(rules, args->rule_dirs[i], ctx)) < 0) goto done;
    for (size_t i = 0; i < args->ndisabled; i++)
        if ((err = rc_ruleset_disable(rules, args->disabled[i], ctx)) < 0) goto done;
    for (size_t i = 0; i < args->nwarn_below; i++) {
        const char *spec = args->warn_below[i];
        const char *eq = strchr(spec, '=');
        char id[64];
        size_t n = (size_t)(eq - spec);
        if (n >= sizeof id) {
            err = rc_ctx_fail(ctx, RC_ENOTFOUND, "no rule '%.*s' to set warn-below for", (int)n,
                              spec);
            goto done;
        }
        memcpy(id, spec, n);
        id[n] = '\0';
        if ((err = rc_ruleset_set_warn_below(rules, id, eq + 1, ctx)) < 0) goto done;
    }
done:
    if (err < 0) {
        print_error(ctx);
        if (rules) rc_ruleset_free(rules);
        rules = NULL;
    }
    *out = rules;
    return err;
}

static void applies_to(const rc_rule *rule, char *buf, size_t size)
{
    bool options = rc_rule_applies_to(rule, RC_AWARD_OPTIONS);
    bool other = rc_rule_applies_to(rule, RC_AWARD_OTHER);
    snprintf(buf, size, "%s%s%s", options ? rc_award_name(RC_AWARD_OPTIONS) : "",
             options && other ? "," : "", other ? rc_award_name(RC_AWARD_OTHER) : "");
}

static int cmd_rules(const rc_cli_args *args, rc_ctx *ctx)
{
    rc_ruleset *rules = NULL;
    if (load_rules(args, &rules, ctx) < 0) return EXIT_TROUBLE;
    size_t n = rc_ruleset_count(rules);
    int idwidth = 5;
    for (size_t i = 0; i < n; i++) {
        int w = (int)strlen(rc_rule_id(rc_ruleset_get(rules, i)));
        if (w > idwidth) idwidth = w;
    }
    for (size_t i = 0; i < n; i++) {
        const rc_rule *rule = rc_ruleset_get(rules, i);
        char awards[32];
        applies_to(rule, awards, sizeof awards);
        printf("%-*s  %-7s  %-14s  %s\n", idwidth, rc_rule_id(rule),
               rc_severity_name(rc_rule_severity(rule)), awards, rc_rule_title(rule));
    }
    rc_ruleset_free(rules);
    return finish_stdout();
}

/* Width in characters of the UTF-8 text s[0..n). */
static size_t text_width(const char *s, size_t n)
{
    size_t w = 0;
    for (size_t i = 0; i < n; i++)
        if (((unsigned char)s[i] & 0xc0) != 0x80) w++;
    return w;
}

/* Print text wrapped at WRAP_COLUMNS, keeping its line breaks; a word
 * longer than a line gets a line of its own. */
static void print_wrapped(const char *text)
{
    while (*text) {
        size_t linelen = strcspn(text, "\n");
        const char *end = text + linelen;
        size_t column = 0;
        const char *p = text;
        while (p < end) {
            while (p < end && *p == ' ')
                p++;
            if (p == end) break;
            size_t wordlen = strcspn(p, " \n");
            if (p + wordlen > end) wordlen = (size_t)(end - p);
            size_t w = text_width(p, wordlen);
            if (column > 0 && column + 1 + w > WRAP_COLUMNS) {
                putchar('\n');
                column = 0;
            }
            if (column > 0) {
                putchar(' ');
                column++;
            }
            fwrite(p, 1, wordlen, stdout);
            column += w;
            p += wordlen;
        }
        putchar('\n');
        text = *end ? end + 1 : end;
    }
}

static const char *each_name(rc_rule_each each)
{
    switch (each) {
    case RC_EACH_MOVEMENT:
        return "movement";
    case RC_EACH_BALANCE:
        return "balance";
    case RC_EACH_DUPLICATE:
        return "duplicate";
    case RC_EACH_ROLLFORWARD:
    default:
        return "rollforward";
    }
}

static int cmd_explain(const rc_cli_args *args, rc_ctx *ctx)
{
    rc_ruleset *rules = NULL;
    if (load_rules(args, &rules, ctx) < 0) return EXIT_TROUBLE;
    const char *id = args->operands[0];
    const rc_rule *rule = rc_ruleset_find(rules, id);
    if (!rule) {
        fprintf(stderr, "rollcheck: error: unknown rule '%s' (see 'rollcheck rules')\n", id);
        rc_ruleset_free(rules);
        return EXIT_TROUBLE;
    }
    char awards[32];
    applies_to(rule, awards, sizeof awards);
    const char *warn_below = rc_rule_warn_below(rule);
    printf("%s: %s\n\n", rc_rule_id(rule), rc_rule_title(rule));
    printf("severity    %s\n", rc_severity_name(rc_rule_severity(rule)));
    printf("applies to  %s\n", awards);
    printf("each        %s\n", each_name(rc_rule_each_of(rule)));
    const char *when = rc_rule_when(rule), *subject = rc_rule_subject(rule);
    if (when) printf("when        %s\n", when);
    if (subject) printf("subject     %s\n", subject);
    printf("expression  %s\n", rc_rule_expression(rule));
    printf("warn below  %s\n", warn_below ? warn_below : "-");
    const char *explain = rc_rule_explain(rule);
    if (explain && *explain) {
        putchar('\n');
        print_wrapped(explain);
    }
    rc_ruleset_free(rules);
    return finish_stdout();
}

/* ---- reading inputs ------------------------------------------------------------- */

/* The vocabulary that classifies rows: the default rules directory, then each
 * --rules DIR, like the rules.  On failure the error has been printed. */
static int load_vocab(const rc_cli_args *args, rc_vocab **out, rc_ctx *ctx)
{
    char dir[4096];
    rc_vocab *vocab = NULL;
    int err = rc_vocab_new(&vocab);
    if (err < 0) {
        rc_ctx_fail(ctx, err, "out of memory");
        goto done;
    }
    if ((err = rc_ruleset_default_dir(dir, sizeof dir, ctx)) < 0) goto done;
    if ((err = rc_vocab_load_dir(vocab, dir, ctx)) < 0) goto done;
    for (size_t i = 0; i < args->nrule_dirs; i++)
        if ((err = rc_vocab_load_dir(vocab, args->rule_dirs[i], ctx)) < 0) goto done;
done:
    if (err < 0) {
        print_error(ctx);
        rc_vocab_free(vocab);
        vocab = NULL;
    }
    *out = vocab;
    return err;
}

/*
 * Read every operand (a file, or a directory of a filing's files) into one
 * finished model.  Each input that cannot be read gets its one line on stderr
 * and contributes nothing; the run goes on.  Returns RC_OK or RC_ENOMEM
 * (printed).
 */
static int read_inputs(const rc_cli_args *args, rc_inputs **inputs_out, rc_model **model_out,
                       rc_ctx *ctx)
{
    rc_vocab *vocab = NULL;
    rc_inputs *inputs = NULL;
    rc_model *model = NULL;
    int err = load_vocab(args, &vocab, ctx);
    if (err < 0) goto done;
    if ((err = rc_inputs_new(&inputs)) < 0 || (err = rc_model_new(&model)) < 0) {
        rc_ctx_fail(ctx, err, "out of memory");
        print_error(ctx);
        goto done;
    }
    for (size_t i = 0; i < args->noperands; i++) {
        /* a path that cannot be opened is kept as an input with its error */
        if ((err = rc_inputs_add(inputs, args->operands[i], ctx)) == RC_ENOMEM) {
            print_error(ctx);
            goto done;
        }
    }
    if ((err = rc_inputs_read(inputs, model, vocab, ctx)) < 0) {
        print_error(ctx);
        goto done;
    }
    for (size_t i = 0; i < rc_inputs_count(inputs); i++) {
        const rc_input *in = rc_inputs_get(inputs, i);
        if (in->error) fprintf(stderr, "%s\n", in->error);
    }
    err = RC_OK;
done:
    rc_vocab_free(vocab);
    if (err < 0) {
        rc_inputs_free(inputs);
        rc_model_free(model);
        inputs = NULL;
        model = NULL;
    }
    *inputs_out = inputs;
    *model_out = model;
    return err;
}

static bool all_unreadable(const rc_inputs *inputs)
{
    for (size_t i = 0; i < rc_inputs_count(inputs); i++)
        if (!rc_inputs_get(inputs, i)->error) return false;
    return true;
}

/* ---- check and extract ---------------------------------------------------------- */

static int cmd_check(const rc_cli_args *args, rc_ctx *ctx)
{
    int status = EXIT_TROUBLE;
    rc_ruleset *rules = NULL;
    rc_model *model = NULL;
    rc_results *results = NULL;
    rc_inputs *inputs = NULL;
    if (load_rules(args, &rules, ctx) < 0) goto done;
    if (read_inputs(args, &inputs, &model, ctx) < 0) goto done;
    if (rc_check(rules, model, &results, ctx) < 0) {
        print_error(ctx);
        goto done;
    }
    rc_report report = {rc_inputs_array(inputs), rc_inputs_count(inputs), model, results, rules,
                        NULL};
    int err = RC_OK;
    if (args->format == RC_CLI_JSON)
        err = rc_report_json(stdout, &report, ctx);
    else if (!all_unreadable(inputs)) /* else stderr said it all */
        err = rc_report_text(stdout, &report, ctx);
    if (err < 0) {
        print_error(ctx);
        goto done;
    }
    int worst = rc_results_max_severity(results);
    status = worst >= 0 && worst >= args->fail_on ? EXIT_FINDINGS : EXIT_CLEAN;
done:
    if (!inputs || rc_inputs_failed(inputs)) status = EXIT_TROUBLE;
    rc_inputs_free(inputs);
    if (results) rc_results_free(results);
    if (model) rc_model_free(model);
    if (rules) rc_ruleset_free(rules);
    return status;
}

static int cmd_extract(const rc_cli_args *args, rc_ctx *ctx)
{
    int status = EXIT_TROUBLE;
    rc_model *model = NULL;
    rc_inputs *inputs = NULL;
    if (read_inputs(args, &inputs, &model, ctx) < 0) goto done;
    if (rc_model_write_json(stdout, model, ctx) < 0) {
        print_error(ctx);
        goto done;
    }
    status = finish_stdout();
done:
    if (!inputs || rc_inputs_failed(inputs)) status = EXIT_TROUBLE;
    rc_inputs_free(inputs);
    if (model) rc_model_free(model);
    return status;
}

int main(int argc, char **argv)
{
    rc_cli_args args;
    char err[512];
    int status = EXIT_TROUBLE;
    rc_ctx *ctx = NULL;
    if (rc_cli_parse(&args, argc, argv, err, sizeof err) < 0) {
        status = usage_error(err);
        goto done;
    }
    if (rc_ctx_new(&ctx) < 0) {
        fprintf(stderr, "rollcheck: error: out of memory\n");
        goto done;
    }
    switch (args.command) {
    case RC_CLI_HELP:
        fputs(rc_cli_usage, stdout);
        status = finish_stdout();
        break;
    case RC_CLI_VERSION:
        printf("rollcheck %s\n", RC_VERSION);
        status = finish_stdout();
        break;
    case RC_CLI_CHECK:
        status = cmd_check(&args, ctx);
        break;
    case RC_CLI_EXTRACT:
        status = cmd_extract(&args, ctx);
        break;
    case RC_CLI_RULES:
        status = cmd_rules(&args, ctx);
        break;
    case RC_CLI_EXPLAIN:
        status = cmd_explain(&args, ctx);
        break;
    }
done:
    rc_ctx_free(ctx);
    rc_cli_args_free(&args);
    return status;
}
