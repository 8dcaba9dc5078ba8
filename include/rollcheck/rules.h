/*
 * rollcheck/rules.h - rule sets: rules as data, compiled expressions.
 *
 * A rule file is JSON: {"rules": [{"id", "title", "severity", "applies_to",
 * "expression", "message", ...}]}; docs/rules.md describes every field and
 * the expression language.  Loading a file compiles every expression; a
 * syntax or name error is reported as "FILE:LINE:COL: error: ..." with the
 * offending text and a caret line, and the load fails with RC_ESYNTAX.
 *
 * A rule set owns its rules and every string its getters return; rc_rule
 * pointers and those strings are borrowed from it.
 */
#ifndef ROLLCHECK_RULES_H
#define ROLLCHECK_RULES_H

#include <stdbool.h>
#include <stddef.h>

#include "rollcheck/common.h"
#include "rollcheck/model.h"

typedef enum rc_severity {
    RC_SEVERITY_INFO = 0,
    RC_SEVERITY_WARNING = 1,
    RC_SEVERITY_ERROR = 2
} rc_severity;

const char *rc_severity_name(rc_severity s); /* "info", "warning", "error" */
int rc_severity_parse(rc_severity *out, const char *name);

/* What a rule is evaluated over. */
typedef enum rc_rule_each {
    RC_EACH_ROLLFORWARD = 0, /* once per roll-forward */
    RC_EACH_MOVEMENT,        /* once per movement: names movement.* */
    RC_EACH_BALANCE,         /* once per reported balance row: names balance.* */
    RC_EACH_DUPLICATE,       /* once per duplicate fact: names duplicate.first/second */
    RC_EACH_STATEMENT,       /* once per statement of the note's text matched to the
                                roll-forward: names statement.value / statement.table */
    RC_EACH_RANGE            /* once per row of the exercise-price-range table: names
                                range.* */
} rc_rule_each;

typedef struct rc_rule rc_rule;
typedef struct rc_ruleset rc_ruleset;

/* Make an empty rule set.  RC_OK or RC_ENOMEM.  Free with rc_ruleset_free. */
int rc_ruleset_new(rc_ruleset **out);
void rc_ruleset_free(rc_ruleset *rules);

/*
 * Load one rule file (path is used in messages).  A rule whose id is
 * already in the set replaces it.  On error nothing of the file is added.
 */
int rc_ruleset_load_file(rc_ruleset *rules, const char *path, rc_ctx *ctx);

/* The same from text in memory; name stands for the file in messages. */
int rc_ruleset_load_string(rc_ruleset *rules, const char *name, const char *text, size_t len,
                           rc_ctx *ctx);

/* Load every *.json file of dir, in name order (rc_ruleset_load_file). */
int rc_ruleset_load_dir(rc_ruleset *rules, const char *dir, rc_ctx *ctx);

/*
 * The directory of the default rules: $ROLLCHECK_RULES when set, else the
 * first of <exe dir>/../share/rollcheck/rules, <exe dir>/rules,
 * <exe dir>/../rules that exists.  Writes into buf (size bytes) and returns
 * RC_OK, or RC_ENOTFOUND with a message.
 */
int rc_ruleset_default_dir(char *buf, size_t size, rc_ctx *ctx);

/* Turn a rule off by id.  RC_ENOTFOUND (with a message) for an unknown id. */
int rc_ruleset_disable(rc_ruleset *rules, const char *id, rc_ctx *ctx);

/* Set the relative gap below which a failing rule's finding is reported as
 * a warning instead of its severity ("1%" or "0.01"); "0" turns it off.
 * RC_ENOTFOUND for an unknown id, RC_ESYNTAX for a bad number. */
int rc_ruleset_set_warn_below(rc_ruleset *rules, const char *id, const char *text, rc_ctx *ctx);

/* The enabled rules, sorted by id. */
size_t rc_ruleset_count(const rc_ruleset *rules);
const rc_rule *rc_ruleset_get(const rc_ruleset *rules, size_t i);
const rc_rule *rc_ruleset_find(const rc_ruleset *rules, const char *id);

const char *rc_rule_id(const rc_rule *rule);
const char *rc_rule_title(const rc_rule *rule);
rc_severity rc_rule_severity(const rc_rule *rule);
const char *rc_rule_expression(const rc_rule *rule);
const char *rc_rule_message(const rc_rule *rule);  /* the message template */
const char *rc_rule_explain(const rc_rule *rule);  /* longer help, may be "" */
const char *rc_rule_file(const rc_rule *rule);     /* the file it came from */
rc_rule_each rc_rule_each_of(const rc_rule *rule);
bool rc_rule_applies_to(const rc_rule *rule, rc_award award);
/* The warn-below threshold as text ("1%"), or NULL when there is none. */
const char *rc_rule_warn_below(const rc_rule *rule);
/* The rule's "when" expression as written, or NULL when it has none. */
const char *rc_rule_when(const rc_rule *rule);
/* The rule's "subject" as given ("exercisable.count, vested_expected.count" for an
 * array), or NULL when the rule names none (it then has the default subject). */
const char *rc_rule_subject(const rc_rule *rule);

#endif
