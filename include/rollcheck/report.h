/*
 * rollcheck/report.h - writing findings and models.
 *
 * Text: compiler-style lines "file:line: severity: message [RULE]", each
 * followed by the roll-forward as a small aligned table, then a summary.
 * JSON: the stable contract of docs/json-output.md.  Model JSON: the input
 * form of docs/model-json.md, so that `rollcheck check` can read back what
 * `rollcheck extract` wrote.
 */
#ifndef ROLLCHECK_REPORT_H
#define ROLLCHECK_REPORT_H

#include <stddef.h>
#include <stdio.h>

#include "rollcheck/baseline.h"
#include "rollcheck/check.h"
#include "rollcheck/common.h"
#include "rollcheck/model.h"
#include "rollcheck/read.h"
#include "rollcheck/rules.h"

/* Everything a report shows; all borrowed. */
typedef struct rc_report {
    const rc_input *inputs;
    size_t ninputs;
    const rc_model *model;
    const rc_results *results;
    const rc_ruleset *rules;
    const rc_baseline *baseline; /* accepted findings and stale entries, or NULL */
} rc_report;

/* Returns RC_OK, or RC_EIO when writing fails. */
int rc_report_text(FILE *out, const rc_report *report, rc_ctx *ctx);
int rc_report_json(FILE *out, const rc_report *report, rc_ctx *ctx);

/* SARIF 2.1.0 (docs/sarif.md): one run, every rule, one result per finding with a
 * stable fingerprint (rc_finding_fingerprint); accepted findings carry a suppression. */
int rc_report_sarif(FILE *out, const rc_report *report, rc_ctx *ctx);

/* JUnit XML: a testsuite per input file, a testcase per check (passed, failed with the
 * message and numbers, skipped with the reason; an accepted finding is skipped as
 * accepted). */
int rc_report_junit(FILE *out, const rc_report *report, rc_ctx *ctx);

/* One self-contained HTML page (no network, no external assets): a summary, then per
 * file each roll-forward as a table with reported and computed figures side by side,
 * failing cells highlighted, the rule and its explanation beside each finding. */
int rc_report_html(FILE *out, const rc_report *report, rc_ctx *ctx);

typedef int (*rc_report_fn)(FILE *out, const rc_report *report, rc_ctx *ctx);

/* Write a report to path atomically: into a temporary file in the same directory,
 * flushed and synced, then renamed over path; on any failure the temporary file is
 * removed and path is untouched.  RC_OK, RC_EIO (with the reason) or RC_ENOMEM. */
int rc_report_write_file(const char *path, rc_report_fn write, const rc_report *report,
                         rc_ctx *ctx);

/* Write the model as model JSON (docs/model-json.md). RC_OK or RC_EIO/ENOMEM. */
int rc_model_write_json(FILE *out, const rc_model *model, rc_ctx *ctx);

#endif
