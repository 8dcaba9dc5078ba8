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
 * "key" decides the match (a leading "./" of its file aside); "rule" and "file" must agree
 * with it; the other fields are there for the person reading the file.  Each entry accepts
 * one finding, so two findings with one key need two entries.
 *
 * Only the files a run checked can make an entry stale: an entry for a file the run did
 * not read (a pre-commit hook checks only the files that changed) is left alone, unless
 * that file no longer exists.
 */
#ifndef ROLLCHECK_BASELINE_H
#define ROLLCHECK_BASELINE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdio.h>

#include "rollcheck/check.h"
#include "rollcheck/common.h"
#include "rollcheck/read.h"

typedef struct rc_baseline rc_baseline;

/* Read a baseline file.  A syntax error, an unknown field, an entry without "key",
 * or an empty or missing "reason" is "FILE:LINE:COL: error: ..." (RC_ESYNTAX).
 * Free with rc_baseline_free. */
int rc_baseline_load(rc_baseline **out, const char *path, rc_ctx *ctx);
void rc_baseline_free(rc_baseline *baseline);

/* Match the results against the baseline.  inputs (ninputs of them, may be NULL) are
 * the run's inputs: with the files of the results' roll-forwards and findings, they say
 * which files were checked, and so which unmatched entries are stale.  Calling it again
 * (with other results) starts afresh.  The baseline borrows results until it is applied
 * again or freed.  RC_OK or RC_ENOMEM. */
int rc_baseline_apply(rc_baseline *baseline, const rc_results *results, const rc_input *inputs,
                      size_t ninputs, rc_ctx *ctx);

/* After rc_baseline_apply: whether a finding is accepted, and the entry's reason (the
 * baseline's string; NULL when not accepted).  A NULL baseline accepts nothing. */
bool rc_baseline_accepts(const rc_baseline *baseline, const rc_finding *finding,
                         const char **reason);
size_t rc_baseline_accepted_count(const rc_baseline *baseline);

/* The highest severity among the findings of results that baseline does not accept (all
 * of them when baseline is NULL), or -1 when there are none: what the exit status of a run
 * with a baseline goes by.  A non-NULL baseline must have been applied to results. */
int rc_baseline_max_new_severity(const rc_baseline *baseline, const rc_results *results);

/* After rc_baseline_apply: the entries that matched no finding although their file was
 * checked, or whose file no longer exists (stale), in file order, with the line of each
 * entry in the baseline file and its rule and message.  The strings are the baseline's. */
size_t rc_baseline_stale_count(const rc_baseline *baseline);
typedef struct rc_baseline_entry {
    const char *rule;
    const char *file;
    const char *key;
    const char *message; /* or NULL: optional in the file */
    const char *reason;
    unsigned line;     /* of the entry in the baseline file */
    bool file_missing; /* stale because its file no longer exists */
} rc_baseline_entry;
const rc_baseline_entry *rc_baseline_stale(const rc_baseline *baseline, size_t i);
/* The path given to rc_baseline_load (the baseline's string). */
const char *rc_baseline_path(const rc_baseline *baseline);

/* Write every finding of results as a baseline.  Each entry gets
 * "reason": the reason of the matching entry of previous (may be NULL; else it must have
 * been applied to results) when there is one, else "" for a person to fill in
 * (rc_baseline_load refuses an empty reason, so a baseline cannot be used before someone
 * has said why each finding is accepted).  The entries of previous for files this run
 * did not check are kept as they are; stale ones are dropped.  Entries are grouped by
 * file, in name order; a file's findings in results order.  RC_OK or RC_EIO/ENOMEM. */
int rc_baseline_write(FILE *out, const rc_results *results, const rc_baseline *previous,
                      rc_ctx *ctx);

#endif
