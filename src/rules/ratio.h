/*
 * Ratios that explain a disagreement: a stock split's (2:1, 3:2, 1:10 ...) and a
 * scale's (1,000:1: one side in thousands).  Used by the findings' notes
 * (check.c) and by the split_ratio() function of the rule language (eval.c).
 * Private to src/rules/.
 */
#ifndef RC_RULES_RATIO_H
#define RC_RULES_RATIO_H

#include <stdbool.h>

#include "rollcheck/number.h"

typedef enum rc_ratio_kind {
    RC_RATIO_SPLIT = 0x01, /* 2:1, 3:2, 7:1, 1:10 ...: a stock split or reverse split */
    RC_RATIO_SCALE = 0x02  /* 1,000:1, 1:1,000,000 ...: one side in thousands (millions) */
} rc_ratio_kind;

typedef struct rc_ratio {
    unsigned long num, den; /* a is num/den times b */
    rc_ratio_kind kind;
} rc_ratio;

/*
 * Is a num/den times b for one of the ratios of `kinds`, within rounding?  a and b are
 * the intervals the two sides stand for (their magnitudes are compared; both must be
 * away from zero and of one sign).  A ratio t fits when t x b meets a (each known to
 * within 10% of itself: a "0.01" fits too much to tell), or when the midpoints' quotient
 * is within 1% of t; for a scale ratio, the smaller side may also
 * have been rounded to its last written place: a_slack and b_slack (>= 0) widen each
 * side by that much (half a unit of that place), where that is at most 5% of the side.
 * Of the ratios that fit, the one
 * nearest the midpoints' quotient goes into *out.  Equal sides (a ratio of 1 fits) are
 * no split and no scale.
 */
bool rc_rules__ratio_find(rc_ratio *out, const rc_interval *a, const rc_interval *b,
                          const mpq_t a_slack, const mpq_t b_slack, unsigned kinds);

#endif
