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
} rc_report;

/* Returns RC_OK, or RC_EIO when writing fails. */
int rc_report_text(FILE *out, const rc_report *report, rc_ctx *ctx);
int rc_report_json(FILE *out, const rc_report *report, rc_ctx *ctx);

/* Write the model as model JSON (docs/model-json.md). RC_OK or RC_EIO/ENOMEM. */
int rc_model_write_json(FILE *out, const rc_model *model, rc_ctx *ctx);

#endif
