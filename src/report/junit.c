/*
 * The JUnit XML report (docs/junit.md): what a CI dashboard counts.
 *
 * A testsuite per input file, a testcase per check run on a roll-forward read
 * from it: passed (empty), failed (<failure> with the message and the numbers),
 * skipped (<skipped> with the reason), and a finding a baseline accepts skipped
 * as accepted.  An input that could not be read is one testcase with an <error>,
 * an input that was not read one skipped testcase, so that the counts add up to
 * the summary's (docs/junit.md says how).  Every text is escaped and valid UTF-8.
 */
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "rollcheck/report.h"
#include "common/util.h"
#include "report/format.h"

typedef struct counts {
    size_t tests, failures, errors, skipped;
} counts;

/* The file a check belongs to: its roll-forward's, else the reported value's. */
static const char *outcome_file(const rc_outcome *o)
{
    if (o->rf->file) return o->rf->file;
    if (o->rf->src.file) return o->rf->src.file;
    if (o->finding && o->finding->where.file) return o->finding->where.file;
    return "";
}

static bool accepted(const rc_report *report, const rc_outcome *o, const char **reason)
{
    *reason = NULL;
    return o->status == RC_FAILED && o->finding && report->baseline &&
           rc_baseline_accepts(report->baseline, o->finding, reason);
}

/* ---- the suites: the inputs, then any other file a roll-forward names ---------------- */

typedef struct suite {
    const char *path;
    const rc_input *in; /* the input of that path, or NULL */
    counts counts;
} suite;

typedef struct suites {
    suite *items;
    size_t n, cap;
} suites;

/* A file given twice is one suite. */
static int add_suite(suites *s, const char *path, const rc_input *in)
{
    for (size_t i = 0; i < s->n; i++)
        if (strcmp(s->items[i].path, path) == 0) return RC_OK;
    if (s->n == s->cap) {
        size_t cap = s->cap ? 2 * s->cap : 16;
        suite *items = realloc(s->items, cap * sizeof *items);
        if (!items) return RC_ENOMEM;
        s->items = items;
        s->cap = cap;
    }
    s->items[s->n++] = (suite){path, in, {0, 0, 0, 0}};
    return RC_OK;
}

static int collect_suites(suites *s, const rc_report *report)
{
    int err = RC_OK;
    for (size_t i = 0; i < report->ninputs && err == RC_OK; i++)
        err = add_suite(s, report->inputs[i].path, &report->inputs[i]);
    size_t n = rc_results_outcome_count(report->results);
    for (size_t i = 0; i < n && err == RC_OK; i++)
        err = add_suite(s, outcome_file(rc_results_outcome(report->results, i)), NULL);
    return err;
}

static counts count_suite(const rc_report *report, const char *path, const rc_input *in)
{
    counts c = {0, 0, 0, 0};
    if (in && in->error) {
        c.tests = c.errors = 1;
        return c;
    }
    if (in && in->skipped) {
        c.tests = c.skipped = 1;
        return c;
    }
    size_t n = rc_results_outcome_count(report->results);
    for (size_t i = 0; i < n; i++) {
        const rc_outcome *o = rc_results_outcome(report->results, i);
        if (strcmp(outcome_file(o), path) != 0) continue;
        const char *reason;
        c.tests++;
        if (o->status == RC_SKIPPED || accepted(report, o, &reason))
            c.skipped++;
        else if (o->status == RC_FAILED)
            c.failures++;
    }
    return c;
}

/* ---- writing ------------------------------------------------------------------------ */

static void put_attr(rc_buf *b, const char *name, const char *value)
{
    rc_buf_printf(b, " %s=\"", name);
    rc_report__xml_text(b, value, true);
    rc_buf_putc(b, '"');
}

static void put_counts(rc_buf *b, const counts *c)
{
    rc_buf_printf(b, " tests=\"%zu\" failures=\"%zu\" errors=\"%zu\" skipped=\"%zu\"", c->tests,
                  c->failures, c->errors, c->skipped);
}

static void put_decimal(rc_buf *b, const mpq_t q, rc_round mode)
{
    char *s = rc_q_format_exact(q, RC_REPORT__JSON_PLACES, mode);
    if (!s) {
        b->failed = true;
        return;
    }
    rc_buf_puts(b, s);
    free(s);
}

/* The testcase's name: the rule and its title, then the movement or balance row it is
 * about, then "#K" for the K-th check of the same kind on the roll-forward. */
static void put_name(rc_buf *b, const rc_results *results, size_t i)
{
    const rc_outcome *o = rc_results_outcome(results, i);
    rc_buf name = RC_BUF_INIT;
    rc_buf_printf(&name, "%s %s", rc_rule_id(o->rule), rc_rule_title(o->rule));
    if (o->movement)
        rc_buf_printf(&name, ": %s",
                      o->movement->label ? o->movement->label : rc_role_name(o->movement->role));
    else if (o->line >= 0 && o->line < RC_LINE__COUNT)
        rc_buf_printf(&name, ": %s", rc_line_name((rc_line)o->line));
    else if (o->statement)
        rc_buf_printf(&name, ": the note's text on %s",
                      o->statement->kind == RC_STMT_BALANCE ? rc_line_name(o->statement->line)
                                                            : rc_role_name(o->statement->role));
    /* outcomes come in model order: the roll-forward's are one run before this one */
    size_t same = 1;
    for (size_t k = i; k-- > 0;) {
        const rc_outcome *p = rc_results_outcome(results, k);
        if (p->rf != o->rf) break;
        same += p->rule == o->rule && p->movement == o->movement && p->line == o->line &&
                (!p->statement) == (!o->statement);
    }
    if (same > 1) rc_buf_printf(&name, " #%zu", same);
    if (name.failed) b->failed = true;
    put_attr(b, "name", name.data ? name.data : "");
    rc_buf_free(&name);
}

/* The failure's text: the message, where, and the numbers. */
static void put_failure_text(rc_buf *b, const rc_finding *f)
{
    rc_report__xml_text(b, f->message, false);
    rc_buf_printf(b, "\nseverity: %s", rc_severity_name(f->severity));
    const char *file = f->where.file ? f->where.file : f->rf->file;
    if (file) {
        rc_buf_puts(b, "\nat ");
        rc_report__xml_text(b, file, false);
        if (f->where.line) rc_buf_printf(b, ":%u", f->where.line);
        if (f->where.line && f->where.col) rc_buf_printf(b, ":%u", f->where.col);
    }
    rc_buf_puts(b, "\nreported: ");
    put_decimal(b, f->reported, RC_ROUND_NEAREST);
    rc_buf_puts(b, " (");
    rc_report__xml_text(b, f->quantity, false);
    rc_buf_puts(b, ")\nexpected: ");
    rc_report__xml_text(b, f->relation, false);
    rc_buf_puts(b, " ");
    put_decimal(b, f->expected.lo, RC_ROUND_FLOOR);
    if (mpq_cmp(f->expected.lo, f->expected.hi) != 0) {
        rc_buf_puts(b, " to ");
        put_decimal(b, f->expected.hi, RC_ROUND_CEIL);
    }
    rc_buf_puts(b, "\ndifference: ");
    put_decimal(b, f->difference, RC_ROUND_NEAREST);
    if (f->tagging_defect) rc_buf_puts(b, "\ntagging defect: holds at the accuracy shown");
    if (f->note) {
        rc_buf_puts(b, "\nnote: ");
        rc_report__xml_text(b, f->note, false);
    }
    rc_buf_putc(b, '\n');
}

/*
 * The testcase's classname: the roll-forward, "Global Share Plan · options · 2021-01-01
 * to 2021-12-31 · USD" (members, award class and type, period, currency).  No dots of
 * our own ("2021-01-01..2021-12-31"): dashboards split a classname at its last dot.
 * The entity is left out: it is the file's, and its "Inc." would be split at.
 */
static void put_classname(rc_buf *b, const rc_rollforward *rf)
{
    static const char sep[] = " \u00b7 ";
    rc_buf name = RC_BUF_INIT;
    for (size_t i = 0; i < rf->nmembers; i++)
        rc_buf_printf(&name, "%s%s", rf->members[i], i + 1 < rf->nmembers ? ", " : sep);
    rc_buf_puts(&name, rc_award_name(rf->award));
    if (rf->award_type) rc_buf_printf(&name, " (%s)", rf->award_type);
    char start[11], end[11];
    rc_day_format(rf->start, start);
    rc_day_format(rf->end, end);
    rc_buf_printf(&name, "%s%s to %s", sep, *start ? start : "?", *end ? end : "?");
    if (rf->currency) rc_buf_printf(&name, "%s%s", sep, rf->currency);
    if (name.failed) b->failed = true;
    put_attr(b, "classname", name.data ? name.data : "");
    rc_buf_free(&name);
}

static void put_testcase(rc_buf *b, const rc_report *report, size_t i)
{
    const rc_outcome *o = rc_results_outcome(report->results, i);
    rc_buf_puts(b, "    <testcase");
    put_classname(b, o->rf);
    put_name(b, report->results, i);
    const char *reason = NULL;
    if (accepted(report, o, &reason)) {
        rc_buf_puts(b, ">\n      <skipped");
        rc_buf tmp = RC_BUF_INIT;
        rc_buf_printf(&tmp, "accepted (baseline): %s", reason ? reason : "");
        if (tmp.failed) b->failed = true;
        put_attr(b, "message", tmp.data ? tmp.data : "");
        rc_buf_free(&tmp);
        rc_buf_puts(b, "/>\n    </testcase>\n");
    } else if (o->status == RC_FAILED) {
        /* a failed check always has its finding (check.h); the counts hold either way */
        rc_buf_puts(b, ">\n      <failure");
        put_attr(b, "message", o->finding ? o->finding->message : "failed");
        put_attr(b, "type", rc_rule_id(o->rule));
        rc_buf_puts(b, ">");
        if (o->finding) put_failure_text(b, o->finding);
        rc_buf_puts(b, "</failure>\n    </testcase>\n");
    } else if (o->status == RC_SKIPPED) {
        rc_buf_puts(b, ">\n      <skipped");
        put_attr(b, "message", o->reason ? o->reason : "");
        rc_buf_puts(b, "/>\n    </testcase>\n");
    } else {
        rc_buf_puts(b, "/>\n");
    }
}

/* The reader's notes on a file, as the suite's standard output. */
static void put_notes(rc_buf *b, const rc_model *model, const char *path)
{
    bool any = false;
    for (size_t i = 0; i < rc_model_note_count(model); i++) {
        const rc_note *note = rc_model_note(model, i);
        if (!note->src.file || strcmp(note->src.file, path) != 0) continue;
        if (!any) rc_buf_puts(b, "    <system-out>");
        any = true;
        rc_report__xml_text(b, path, false);
        if (note->src.line) rc_buf_printf(b, ":%u", note->src.line);
        rc_buf_puts(b, ": note: ");
        rc_report__xml_text(b, note->text, false);
        rc_buf_putc(b, '\n');
    }
    if (any) rc_buf_puts(b, "</system-out>\n");
}

static void put_suite(rc_buf *b, const rc_report *report, const suite *su)
{
    const char *path = su->path;
    const rc_input *in = su->in;
    rc_buf_puts(b, "  <testsuite");
    put_attr(b, "name", path);
    put_counts(b, &su->counts);
    rc_buf_puts(b, ">\n");
    if (in && (in->error || in->skipped)) {
        rc_buf_puts(b, "    <testcase");
        put_attr(b, "classname", path);
        put_attr(b, "name", "read");
        if (in->error) {
            rc_buf_puts(b, ">\n      <error");
            put_attr(b, "message", in->error);
            put_attr(b, "type", "read error");
            rc_buf_puts(b, "/>\n    </testcase>\n");
        } else {
            rc_buf_puts(b, ">\n      <skipped");
            rc_buf tmp = RC_BUF_INIT;
            rc_buf_printf(&tmp, "not read: %s", in->skipped);
            if (tmp.failed) b->failed = true;
            put_attr(b, "message", tmp.data ? tmp.data : "");
            rc_buf_free(&tmp);
            rc_buf_puts(b, "/>\n    </testcase>\n");
        }
    } else {
        size_t n = rc_results_outcome_count(report->results);
        for (size_t i = 0; i < n; i++)
            if (strcmp(outcome_file(rc_results_outcome(report->results, i)), path) == 0)
                put_testcase(b, report, i);
    }
    put_notes(b, report->model, path);
    rc_buf_puts(b, "  </testsuite>\n");
}

int rc_report_junit(FILE *out, const rc_report *report, rc_ctx *ctx)
{
    int err = RC_OK;
    rc_buf b = RC_BUF_INIT;
    suites s = {NULL, 0, 0};
    if (collect_suites(&s, report) < 0) {
        err = rc_ctx_fail(ctx, RC_ENOMEM, "out of memory writing the report");
        goto done;
    }
    counts total = {0, 0, 0, 0};
    for (size_t k = 0; k < s.n; k++) {
        counts *c = &s.items[k].counts;
        *c = count_suite(report, s.items[k].path, s.items[k].in);
        total.tests += c->tests;
        total.failures += c->failures;
        total.errors += c->errors;
        total.skipped += c->skipped;
    }
    rc_buf_puts(&b, "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<testsuites name=\"rollcheck\"");
    put_counts(&b, &total);
    rc_buf_puts(&b, ">\n");
    for (size_t k = 0; k < s.n; k++)
        put_suite(&b, report, &s.items[k]);
    rc_buf_puts(&b, "</testsuites>\n");
    if (b.failed) {
        err = rc_ctx_fail(ctx, RC_ENOMEM, "out of memory writing the report");
        goto done;
    }
    if (fwrite(b.data, 1, b.len, out) != b.len || fflush(out) != 0 || ferror(out)) {
        err = rc_ctx_fail(ctx, RC_EIO, "cannot write the report");
        goto done;
    }
done:
    free(s.items);
    rc_buf_free(&b);
    return err;
}
