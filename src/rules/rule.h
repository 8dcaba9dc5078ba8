/*
 * A compiled rule, as rc_ruleset holds it and rc_check runs it.  Private to
 * src/rules/.
 */
#ifndef RC_RULES_RULE_H
#define RC_RULES_RULE_H

#include "rules/expr.h"

/* A piece of a message template: text, or a placeholder to fill in. */
typedef enum rc_part_kind {
    RC_PART_TEXT,
    RC_PART_REPORTED,
    RC_PART_EXPECTED,
    RC_PART_DIFFERENCE,
    RC_PART_RELATION,
    RC_PART_LABEL,
    RC_PART_ROLE,
    RC_PART_LINE,
    RC_PART_PERIOD,
    RC_PART_QUANTITY,
    RC_PART_SLOT,
    RC_PART_FIRST_FILING,  /* a duplicate's first report: its filing, else its file */
    RC_PART_SECOND_FILING, /* ... the further report's */
    RC_PART_PARTS,         /* the parts of the breakdown checked: "Plan A, Plan B" */
    RC_PART_RANGE,         /* each range: the range as shown ("$10.01 - $20.00") */
    RC_PART_SENTENCE,      /* each statement: the sentence of the note's text, as written */
    RC_PART_NAME           /* a name of the language: the value as written */
} rc_part_kind;

typedef struct rc_part {
    rc_part_kind kind;
    const char *text; /* RC_PART_TEXT */
    size_t len;
    const rc_node *name; /* RC_PART_NAME */
} rc_part;

struct rc_rule {
    const char *id;
    unsigned long number; /* the digits of the id, for ordering */
    const char *title;
    rc_severity severity;
    unsigned applies; /* bit (1 << rc_award) per award class */
    rc_rule_each each;
    const char *expression;
    const rc_node *expr;
    const char *when;         /* or NULL */
    const char *subject_text; /* "subject" as given ("a, b" for an array), or NULL */
    const rc_node *when_expr;
    const char *message;
    const rc_part *parts;
    size_t nparts;
    const char *explain; /* "" when none */
    const char *file;
    const char *quantity;            /* or NULL */
    const char *warn_below;          /* text as given, or NULL */
    const rc_interval *warn_below_q; /* the same as a fraction (a point), or NULL */
    bool uses_previous;              /* the expression names previous.* */
    bool uses_parts;                 /* it (or its "when") sums over parts: checked once per
                                        breakdown of a total, nowhere else */
    bool uses_same_role;             /* it names same_role.*: checked once per role */
    unsigned range_fields;           /* it (or its "when") sums over the ranges: the fields
                                        it names of them (bits 1u << rc_field); checked only
                                        on a range table where some range reports each */
    int subject;                     /* each balance / movement: the rc_field the rule
                                        is about; rows that do not report it are not
                                        checked (-1: every row) */
    const rc_node **subjects;        /* the values the rule is about ("subject", or for a
                                        per-roll-forward rule the reported side of its first
                                        comparison); where one is not reported there is no
                                        check */
    size_t nsubjects;
    bool disabled;
};

/* Order of rule ids: by number, then as text ("RC101" < "RC110" < "RC1001"). */
int rc_rules__id_cmp(const char *a, const char *b);

#endif
