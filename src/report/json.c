/*
 * The JSON report: the contract of docs/json-output.md.
 *
 * Written by hand rather than through cJSON so that the layout is stable and
 * readable (one key per line in a finding, small objects on one line) and so
 * that decimals are strings made from exact rationals, never doubles.
 * Strings are escaped per RFC 8259; bytes that are not valid UTF-8 (a file
 * name, say) become U+FFFD so that the output is always valid JSON.
 */
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "rollcheck/report.h"
#include "common/util.h"
#include "report/format.h"

static void put_string(rc_buf *b, const char *s)
{
    rc_report__json_string(b, s);
}

static void put_key(rc_buf *b, const char *indent, const char *key)
{
    rc_buf_puts(b, indent);
    put_string(b, key);
    rc_buf_puts(b, ": ");
}

/* A decimal string: exact, or cut at RC_REPORT__JSON_PLACES by mode. */
static void put_decimal(rc_buf *b, const mpq_t q, rc_round mode)
{
    rc_report__json_decimal(b, q, mode);
}

static void put_finding(rc_buf *b, const rc_finding *f, const rc_baseline *baseline)
{
    static const char in[] = "      ";
    const rc_rollforward *rf = f->rf;
    const char *file = f->where.file ? f->where.file : rf->file;
    char start[11], end[11];
    rc_day_format(rf->start, start);
    rc_day_format(rf->end, end);

    rc_buf_puts(b, "    {\n");
    put_key(b, in, "rule");
    put_string(b, rc_rule_id(f->rule));
    rc_buf_puts(b, ",\n");
    put_key(b, in, "title");
    put_string(b, rc_rule_title(f->rule));
    rc_buf_puts(b, ",\n");
    put_key(b, in, "severity");
    put_string(b, rc_severity_name(f->severity));
    rc_buf_puts(b, ",\n");
    put_key(b, in, "file");
    put_string(b, file ? file : "");
    rc_buf_printf(b, ",\n%s\"line\": %u,\n%s\"column\": %u,\n", in, f->where.line, in,
                  f->where.col);
    put_key(b, in, "entity");
    put_string(b, rf->entity);
    rc_buf_puts(b, ",\n");
    put_key(b, in, "award");
    put_string(b, rc_award_name(rf->award));
    rc_buf_puts(b, ",\n");
    put_key(b, in, "award_type");
    put_string(b, rf->award_type);
    rc_buf_puts(b, ",\n");
    put_key(b, in, "members");
    rc_buf_putc(b, '[');
    for (size_t i = 0; i < rf->nmembers; i++) {
        if (i) rc_buf_puts(b, ", ");
        put_string(b, rf->members[i]);
    }
    rc_buf_puts(b, "],\n");
    put_key(b, in, "period");
    rc_buf_puts(b, "{\"start\": ");
    put_string(b, *start ? start : NULL);
    rc_buf_puts(b, ", \"end\": ");
    put_string(b, *end ? end : NULL);
    rc_buf_puts(b, "},\n");
    put_key(b, in, "quantity");
    put_string(b, f->quantity);
    rc_buf_puts(b, ",\n");
    if (f->movement) {
        put_key(b, in, "movement");
        put_string(b, rc_role_name(f->movement->role));
        rc_buf_puts(b, ",\n");
        if (f->movement->label) {
            put_key(b, in, "label");
            put_string(b, f->movement->label);
            rc_buf_puts(b, ",\n");
        }
    }
    if (f->line >= 0 && f->line < RC_LINE__COUNT) {
        put_key(b, in, "balance");
        put_string(b, rc_line_name((rc_line)f->line));
        rc_buf_puts(b, ",\n");
    }
    put_key(b, in, "reported");
    put_decimal(b, f->reported, RC_ROUND_NEAREST);
    rc_buf_puts(b, ",\n");
    put_key(b, in, "expected");
    rc_buf_puts(b, "{\"low\": ");
    put_decimal(b, f->expected.lo, RC_ROUND_FLOOR);
    rc_buf_puts(b, ", \"high\": ");
    put_decimal(b, f->expected.hi, RC_ROUND_CEIL);
    rc_buf_puts(b, "},\n");
    put_key(b, in, "relation");
    put_string(b, f->relation);
    rc_buf_puts(b, ",\n");
    put_key(b, in, "difference");
    put_decimal(b, f->difference, RC_ROUND_NEAREST);
    rc_buf_puts(b, ",\n");
    put_key(b, in, "accuracy_widened");
    rc_buf_puts(b, f->widened ? "true" : "false");
    rc_buf_puts(b, ",\n");
    put_key(b, in, "tagging_defect");
    rc_buf_puts(b, f->tagging_defect ? "true" : "false");
    rc_buf_puts(b, ",\n");
    put_key(b, in, "message");
    put_string(b, f->message);
    rc_buf_puts(b, ",\n");
    put_key(b, in, "note");
    put_string(b, f->note);
    rc_buf_puts(b, ",\n");
    if (f->ratio) {
        /* a split's or a scale's ratio of reported to expected, for CI to act on */
        put_key(b, in, "ratio");
        rc_buf_puts(b, "{\"value\": ");
        put_string(b, f->ratio);
        rc_buf_puts(b, ", \"kind\": ");
        put_string(b, f->ratio_kind);
        rc_buf_puts(b, "},\n");
    }
    if (f->range) {
        /* the row of the range table a per-range finding is about, as the table shows it */
        const rc_range *r = f->range;
        put_key(b, in, "range");
        if (r->label && *r->label) {
            put_string(b, r->label);
        } else {
            rc_buf rb = RC_BUF_INIT;
            rc_buf_printf(&rb, "%s\xe2\x80\x93%s", r->low && r->low->text ? r->low->text : "",
                          r->high && r->high->text ? r->high->text : "");
            char *s = rc_buf_take(&rb);
            put_string(b, s ? s : "");
            free(s);
        }
        rc_buf_puts(b, ",\n");
    }
    const char *reason = NULL;
    bool accepted = baseline && rc_baseline_accepts(baseline, f, &reason);
    put_key(b, in, "accepted");
    rc_buf_puts(b, accepted ? "true" : "false");
    rc_buf_puts(b, ",\n");
    put_key(b, in, "accepted_reason");
    put_string(b, accepted ? reason : NULL);
    rc_buf_puts(b, "\n    }");
}

/* "baseline": null, or the baseline's path, how many findings it accepted and its stale
 * entries. */
static void put_baseline(rc_buf *b, const rc_baseline *baseline)
{
    if (!baseline) {
        rc_buf_puts(b, "  \"baseline\": null,\n");
        return;
    }
    rc_buf_puts(b, "  \"baseline\": {\"path\": ");
    put_string(b, rc_baseline_path(baseline));
    rc_buf_printf(b, ", \"accepted\": %zu, \"stale\": [", rc_baseline_accepted_count(baseline));
    size_t n = rc_baseline_stale_count(baseline);
    for (size_t i = 0; i < n; i++) {
        const rc_baseline_entry *e = rc_baseline_stale(baseline, i);
        rc_buf_printf(b, "%s    {\"line\": %u, \"rule\": ", i ? ",\n" : "\n", e->line);
        put_string(b, e->rule);
        rc_buf_puts(b, ", \"file\": ");
        put_string(b, e->file);
        rc_buf_puts(b, e->file_missing ? ", \"file_missing\": true" : ", \"file_missing\": false");
        rc_buf_puts(b, ", \"message\": ");
        put_string(b, e->message);
        rc_buf_puts(b, ", \"reason\": ");
        put_string(b, e->reason);
        rc_buf_putc(b, '}');
    }
    rc_buf_puts(b, n ? "\n  ]},\n" : "]},\n");
}

static void put_files(rc_buf *b, const rc_report *report)
{
    rc_buf_puts(b, "  \"files\": [");
    for (size_t i = 0; i < report->ninputs; i++) {
        const rc_input *in = &report->inputs[i];
        rc_buf_puts(b, i ? ",\n    {\"path\": " : "\n    {\"path\": ");
        put_string(b, in->path);
        rc_buf_puts(b, ", \"format\": ");
        put_string(b, rc_format_name(in->format));
        rc_buf_printf(b, ", \"rollforwards\": %zu, \"facts\": %zu, \"error\": ", in->rollforwards,
                      in->facts);
        put_string(b, in->error);
        rc_buf_puts(b, ", \"skipped\": ");
        put_string(b, in->skipped);
        rc_buf_puts(b, ", \"notes\": [");
        size_t k = 0;
        for (size_t j = 0; j < rc_model_note_count(report->model); j++) {
            const rc_note *note = rc_model_note(report->model, j);
            if (!note->src.file || strcmp(note->src.file, in->path) != 0) continue;
            rc_buf_puts(b, k++ ? ",\n      {\"line\": " : "\n      {\"line\": ");
            rc_buf_printf(b, "%u, \"text\": ", note->src.line);
            put_string(b, note->text);
            rc_buf_putc(b, '}');
        }
        rc_buf_puts(b, k ? "\n    ]}" : "]}");
    }
    rc_buf_puts(b, report->ninputs ? "\n  ],\n" : "],\n");
}

static void put_summary(rc_buf *b, const rc_report *report)
{
    rc_summary s;
    rc_results_summary(report->results, &s);
    rc_buf_printf(b,
                  "  \"summary\": {\n"
                  "    \"rollforwards\": %zu, \"checks\": %zu, \"passed\": %zu, \"failed\": %zu,"
                  " \"skipped\": %zu,\n"
                  "    \"errors\": %zu, \"warnings\": %zu, \"infos\": %zu,\n"
                  "    \"skipped_reasons\": [",
                  s.rollforwards, s.checks, s.passed, s.failed, s.skipped, s.errors, s.warnings,
                  s.infos);
    size_t n = rc_results_skip_reason_count(report->results);
    for (size_t i = 0; i < n; i++) {
        size_t count = 0;
        const char *reason = rc_results_skip_reason(report->results, i, &count);
        rc_buf_puts(b, i ? ",\n      {\"reason\": " : "\n      {\"reason\": ");
        put_string(b, reason);
        rc_buf_printf(b, ", \"count\": %zu}", count);
    }
    rc_buf_puts(b, n ? "\n    ]\n  }\n" : "]\n  }\n");
}

int rc_report_json(FILE *out, const rc_report *report, rc_ctx *ctx)
{
    int err = RC_OK;
    rc_buf b = RC_BUF_INIT;
    rc_buf_puts(&b, "{\n  \"tool\": {\"name\": \"rollcheck\", \"version\": ");
    put_string(&b, RC_VERSION);
    rc_buf_puts(&b, "},\n");
    put_files(&b, report);
    size_t n = rc_results_finding_count(report->results);
    rc_buf_puts(&b, "  \"findings\": [");
    for (size_t i = 0; i < n; i++) {
        rc_buf_puts(&b, i ? ",\n" : "\n");
        put_finding(&b, rc_results_finding(report->results, i), report->baseline);
    }
    rc_buf_puts(&b, n ? "\n  ],\n" : "],\n");
    put_baseline(&b, report->baseline);
    put_summary(&b, report);
    rc_buf_puts(&b, "}\n");
    if (b.failed) {
        err = rc_ctx_fail(ctx, RC_ENOMEM, "out of memory writing the report");
        goto done;
    }
    if (fwrite(b.data, 1, b.len, out) != b.len || fflush(out) != 0 || ferror(out)) {
        err = rc_ctx_fail(ctx, RC_EIO, "cannot write the report");
        goto done;
    }
done:
    rc_buf_free(&b);
    return err;
}
