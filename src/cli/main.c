/*
 * rollcheck: the command-line tool.  It parses its arguments and calls the
 * library; everything it does, a program linking librollcheck can do.
 */
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

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
    case RC_EACH_STATEMENT:
        return "statement";
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

/* ---- the progress line ---------------------------------------------------------- */

/* "rollcheck: reading 12/80 R20.htm" on stderr, redrawn in place while several
 * inputs are read from a terminal, and wiped when they are all read. */
typedef struct progress_line {
    bool on;      /* stderr is a terminal */
    size_t width; /* characters of the line drawn, 0 when none is */
} progress_line;

#define PROGRESS_NAME_MAX 40

static void progress_clear(progress_line *line)
{
    if (!line->width) return;
    fprintf(stderr, "\r%*s\r", (int)line->width, "");
    fflush(stderr);
    line->width = 0;
}

static void progress_draw(void *userdata, size_t done, size_t total, const char *path)
{
    progress_line *line = userdata;
    if (total < 2) return; /* one input: nothing to show progress of */
    const char *slash = strrchr(path, '/');
    const char *name = slash && slash[1] ? slash + 1 : path;
    size_t len = strlen(name);
    char shown[PROGRESS_NAME_MAX + 4];
    if (len > PROGRESS_NAME_MAX)
        snprintf(shown, sizeof shown, "...%s", name + len - (PROGRESS_NAME_MAX - 3));
    else
        snprintf(shown, sizeof shown, "%s", name);
    /* a control character in a file name would move the cursor */
    for (char *p = shown; *p; p++)
        if ((unsigned char)*p < 0x20 || *p == 0x7f) *p = '?';
    char text[128];
    int n = snprintf(text, sizeof text, "rollcheck: reading %zu/%zu %s", done + 1, total, shown);
    size_t width = n < 0 ? 0 : text_width(text, strlen(text));
    /* pad over what is left of a longer line before */
    fprintf(stderr, "\r%s%*s", text, width < line->width ? (int)(line->width - width) : 0, "");
    fflush(stderr);
    line->width = width > line->width ? width : line->width;
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
    progress_line line = {isatty(STDERR_FILENO) == 1, 0};
    if (line.on) rc_inputs_set_progress(inputs, progress_draw, &line);
    err = rc_inputs_read(inputs, model, vocab, ctx);
    progress_clear(&line);
    if (err < 0) {
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

static int write_model(FILE *out, const rc_report *report, rc_ctx *ctx)
{
    return rc_model_write_json(out, report->model, ctx);
}

/* Write a report to -o FILE (atomically), or to standard output when there is none
 * or it is "-".  On failure the error has been printed and EXIT_TROUBLE is returned. */
static int write_output(const rc_cli_args *args, rc_report_fn writer, const rc_report *report,
                        rc_ctx *ctx)
{
    int err;
    if (args->output && strcmp(args->output, "-") != 0)
        err = rc_report_write_file(args->output, writer, report, ctx);
    else
        err = writer(stdout, report, ctx);
    if (err < 0) {
        print_error(ctx);
        return EXIT_TROUBLE;
    }
    return args->output && strcmp(args->output, "-") != 0 ? EXIT_CLEAN : finish_stdout();
}

static rc_report_fn report_writer(rc_cli_format format)
{
    switch (format) {
    case RC_CLI_JSON:
        return rc_report_json;
    case RC_CLI_SARIF:
        return rc_report_sarif;
    case RC_CLI_JUNIT:
        return rc_report_junit;
    case RC_CLI_HTML:
        return rc_report_html;
    case RC_CLI_TEXT:
    default:
        return rc_report_text;
    }
}

/* ---- baselines ------------------------------------------------------------------ */

static bool baseline_to_stdout(const rc_cli_args *args)
{
    return args->write_baseline && strcmp(args->write_baseline, "-") == 0;
}

/* The findings as a baseline, reasons kept from --baseline's (report->baseline). */
static int baseline_writer(FILE *out, const rc_report *report, rc_ctx *ctx)
{
    return rc_baseline_write(out, report->results, report->baseline, ctx);
}

/* --write-baseline FILE: atomically, like -o; then a reminder of the reasons to write. */
static int write_baseline(const rc_cli_args *args, const rc_report *report, rc_ctx *ctx)
{
    int status = EXIT_CLEAN;
    if (baseline_to_stdout(args)) {
        if (baseline_writer(stdout, report, ctx) < 0) {
            print_error(ctx);
            return EXIT_TROUBLE;
        }
        status = finish_stdout();
    } else if (rc_report_write_file(args->write_baseline, baseline_writer, report, ctx) < 0) {
        print_error(ctx);
        return EXIT_TROUBLE;
    }
    size_t n = rc_results_finding_count(report->results);
    size_t empty = n - (report->baseline ? rc_baseline_accepted_count(report->baseline) : 0);
    if (empty)
        fprintf(stderr,
                "rollcheck: note: %zu %s of the baseline%s%s %s an empty \"reason\": say why "
                "each finding is accepted before using it\n",
                empty, empty == 1 ? "entry" : "entries", baseline_to_stdout(args) ? "" : " ",
                baseline_to_stdout(args) ? "" : args->write_baseline, empty == 1 ? "has" : "have");
    return status;
}

static int cmd_check(const rc_cli_args *args, rc_ctx *ctx)
{
    int status = EXIT_TROUBLE;
    rc_ruleset *rules = NULL;
    rc_model *model = NULL;
    rc_results *results = NULL;
    rc_inputs *inputs = NULL;
    rc_baseline *baseline = NULL;
    if (load_rules(args, &rules, ctx) < 0) goto done;
    if (args->baseline && rc_baseline_load(&baseline, args->baseline, ctx) < 0) {
        print_error(ctx);
        goto done;
    }
    if (read_inputs(args, &inputs, &model, ctx) < 0) goto done;
    if (rc_check(rules, model, &results, ctx) < 0) {
        print_error(ctx);
        goto done;
    }
    if (baseline && rc_baseline_apply(baseline, results, rc_inputs_array(inputs),
                                      rc_inputs_count(inputs), ctx) < 0) {
        print_error(ctx);
        goto done;
    }
    rc_report report = {
        rc_inputs_array(inputs), rc_inputs_count(inputs), model, results, rules, baseline};
    /* a text report of nothing read is left out: stderr said it all; the other
     * formats are for programs, which want their file whatever happened */
    if ((args->format != RC_CLI_TEXT || !all_unreadable(inputs)) &&
        (!baseline_to_stdout(args) || args->output) &&
        write_output(args, report_writer(args->format), &report, ctx) != EXIT_CLEAN)
        goto done;
    if (args->write_baseline && write_baseline(args, &report, ctx) != EXIT_CLEAN) goto done;
    /* findings the baseline accepts do not fail the run */
    int worst = rc_baseline_max_new_severity(baseline, results);
    status = worst >= 0 && worst >= args->fail_on ? EXIT_FINDINGS : EXIT_CLEAN;
done:
    if (!inputs || rc_inputs_failed(inputs)) status = EXIT_TROUBLE;
    rc_inputs_free(inputs);
    rc_baseline_free(baseline);
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
    rc_report report = {rc_inputs_array(inputs), rc_inputs_count(inputs), model, NULL, NULL, NULL};
    status = write_output(args, write_model, &report, ctx);
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
