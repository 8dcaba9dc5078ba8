/*
 * rollcheck/check.h - running a rule set over a model: findings and outcomes.
 *
 * Every (rule, roll-forward[, movement | balance row | duplicate]) pair the
 * rule applies to is one check, whose outcome is passed, failed (with a
 * finding) or skipped (with the reason: a value it needs is not reported, a
 * divisor holds zero, units differ...).  Findings are data: each carries the
 * rule, its severity, the roll-forward, the quantity, the reported value, the
 * expected interval and the difference.
 *
 * rc_results owns its findings, outcomes and strings; it borrows the rule set
 * and the model, which must outlive it.
 */
#ifndef ROLLCHECK_CHECK_H
#define ROLLCHECK_CHECK_H

#include <stdbool.h>
#include <stddef.h>

#include "rollcheck/common.h"
#include "rollcheck/model.h"
#include "rollcheck/number.h"
#include "rollcheck/rules.h"

typedef struct rc_finding {
    const rc_rule *rule;
    rc_severity severity;          /* after the warn-below downgrade */
    const rc_rollforward *rf;
    const rc_movement *movement;   /* the movement of an each-movement rule, else NULL */
    int line;                      /* the rc_line of an each-balance rule, else -1 */
    const rc_statement *statement; /* the statement of an each-statement rule, else NULL */
    const rc_range *range;         /* the range of an each-range rule, else NULL */
    const char *quantity;          /* "count", "price", "fair_value", "aiv", "term", ... */
    const rc_fact *reported_fact;  /* the fact on the reported side, or NULL */
    mpq_t reported;                /* the reported value */
    rc_interval expected;          /* what it was checked against */
    const char *relation;          /* "==", "<=", "<", ">=", ">", "!=":
                                      reported <relation> expected must hold */
    mpq_t difference;              /* reported minus the nearest value the relation allows */
    bool widened;                  /* a per-share value's accuracy was widened (model.h) */
    bool tagging_defect;           /* fails at the declared decimals, holds at the accuracy
                                      the document shows: a tagging defect (a warning) */
    char *message;                 /* the rule's message, filled in */
    char *note;                    /* a further remark (e.g. a split-like ratio), or NULL */
    const char *ratio;             /* a failing == (or, for a scale, any comparison) whose
                                      reported / expected is a stock split's or a scale's
                                      ratio, within rounding: "4:1", "1:1000"; else NULL */
    const char *ratio_kind;        /* with ratio: "split" or "scale" */
    rc_source where;               /* the reported fact's location, else the roll-forward's */
} rc_finding;

typedef enum rc_status { RC_PASSED = 0, RC_FAILED = 1, RC_SKIPPED = 2 } rc_status;

/* One check. */
typedef struct rc_outcome {
    const rc_rule *rule;
    const rc_rollforward *rf;
    const rc_movement *movement; /* or NULL */
    int line;                    /* rc_line, or -1 */
    rc_status status;
    const rc_finding *finding;   /* when failed */
    const char *reason;          /* when skipped: why */
    const rc_statement *statement; /* each statement: the statement checked, else NULL */
    const rc_range *range;         /* each range: the range checked, else NULL */
} rc_outcome;

typedef struct rc_results rc_results;

/*
 * Run every enabled rule of `rules` over every roll-forward of the finished
 * `model` it applies to.  Findings come out sorted by location (file, line,
 * column), then rule id; outcomes in model order, then rule id.
 * Returns RC_OK or RC_ENOMEM.  Free *out with rc_results_free.
 */
int rc_check(const rc_ruleset *rules, const rc_model *model, rc_results **out, rc_ctx *ctx);
void rc_results_free(rc_results *results);

size_t rc_results_finding_count(const rc_results *results);
const rc_finding *rc_results_finding(const rc_results *results, size_t i);

size_t rc_results_outcome_count(const rc_results *results);
const rc_outcome *rc_results_outcome(const rc_results *results, size_t i);

typedef struct rc_summary {
    size_t rollforwards; /* roll-forwards checked (balances alone do not count) */
    size_t checks;       /* checks run: passed + failed */
    size_t passed;
    size_t failed;
    size_t skipped;
    size_t errors, warnings, infos; /* findings by severity */
} rc_summary;

void rc_results_summary(const rc_results *results, rc_summary *out);

/* The distinct skip reasons, most frequent first (then alphabetical), with
 * how many checks each skipped. */
size_t rc_results_skip_reason_count(const rc_results *results);
const char *rc_results_skip_reason(const rc_results *results, size_t i, size_t *count);

/*
 * A finding's identity, stable across runs and commits: the rule, the file, the
 * roll-forward's key (entity, award class and type, members, period, currency), the
 * quantity, and the movement (role and label) or balance row it is about; never a line
 * number, so that editing a file above a finding does not make it a new one.  Used by
 * baselines and SARIF fingerprints.  Returns a malloc'ed string the caller frees (NULL
 * when out of memory).
 */
char *rc_finding_key(const rc_finding *finding);

/* A 64-bit FNV-1a hash of the key as 16 hex digits, into buf. */
void rc_finding_fingerprint(const rc_finding *finding, char buf[static 17]);

/* The highest severity among the findings, or -1 when there are none. */
int rc_results_max_severity(const rc_results *results);

#endif
