/*
 * rollcheck/baseline.h - accepting known findings (how a CI gate lives with them).
 *
 * A baseline file lists findings a person has looked at and accepted, each with a
 * reason.  Findings are matched by their identity (rc_finding_key: rule, file,
 * roll-forward key, quantity, movement or row), never by line number.  A run with a
 * baseline reports every finding, marking the accepted ones, and fails only on new
 * ones; a baseline entry that matches no finding any more is stale, and said so.
 *
 * The file is JSON (docs/baselines.md):
 *   {"rollcheck": "baseline", "version": 1, "findings": [
 *     {"rule": "RC102", "file": "samples/seed-000.json", "key": "<rc_finding_key>",
 *      "quantity": "price", "period": {"start": "2021-01-01", "end": "2021-12-31"},
 *      "members": ["Global Share Plan"], "message": "...", "reason": "..."}]}
 * "key" decides the match; the other fields are there for the person reading the file.
 */
#ifndef ROLLCHECK_BASELINE_H
#define ROLLCHECK_BASELINE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdio.h>

#include "rollcheck/check.h"
#include "rollcheck/common.h"

typedef struct rc_baseline rc_baseline;

/* Read a baseline file.  A syntax error, an unknown field, an entry without "key",
 * or an empty or missing "reason" is "FILE:LINE:COL: error: ..." (RC_ESYNTAX).
 * Free with rc_baseline_free. */
int rc_baseline_load(rc_baseline **out, const char *path, rc_ctx *ctx);
void rc_baseline_free(rc_baseline *baseline);

/* Match the results against the baseline (call once per run).  RC_OK or RC_ENOMEM. */
int rc_baseline_apply(rc_baseline *baseline, const rc_results *results, rc_ctx *ctx);

/* After rc_baseline_apply: whether a finding is accepted, and the entry's reason. */
bool rc_baseline_accepts(const rc_baseline *baseline, const rc_finding *finding,
                         const char **reason);
size_t rc_baseline_accepted_count(const rc_baseline *baseline);

/* After rc_baseline_apply: the entries that matched no finding (stale), with the line
 * of each entry in the baseline file and its rule and message. */
size_t rc_baseline_stale_count(const rc_baseline *baseline);
typedef struct rc_baseline_entry {
    const char *rule;
    const char *file;
    const char *key;
    const char *message;
    const char *reason;
    unsigned line; /* of the entry in the baseline file */
} rc_baseline_entry;
const rc_baseline_entry *rc_baseline_stale(const rc_baseline *baseline, size_t i);
const char *rc_baseline_path(const rc_baseline *baseline);

/* Write every finding of results as a baseline, in results order.  Each entry gets
 * "reason": the reason of the matching entry of previous (may be NULL) when there is
 * one, else "" for a person to fill in (rc_baseline_load refuses an empty reason, so a
 * baseline cannot be used before someone has said why each finding is accepted).
 * RC_OK or RC_EIO/ENOMEM. */
int rc_baseline_write(FILE *out, const rc_results *results, const rc_baseline *previous,
                      rc_ctx *ctx);

#endif
