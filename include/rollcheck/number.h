/*
 * rollcheck/number.h - exact decimals and rounding intervals.
 *
 * A reported number is an exact rational (GMP mpq_t) parsed from its text
 * with no floating point in between, plus its accuracy: the XBRL `decimals`
 * it was rounded to.  A reported number stands for the interval of true
 * values it may have been rounded from, value +- 1/2 * 10^-decimals, or a
 * single point when it is exact (decimals RC_DECIMALS_INF).  Arithmetic on
 * intervals is exact interval arithmetic; two intervals are "equal" when
 * they intersect.
 *
 * Structs holding mpq_t follow GMP's convention: rc_x_init before use,
 * rc_x_clear after.
 */
#ifndef ROLLCHECK_NUMBER_H
#define ROLLCHECK_NUMBER_H

#include <limits.h>
#include <stdbool.h>
#include <stddef.h>
#include <gmp.h>

/* decimals of an exact value (XBRL "INF") */
#define RC_DECIMALS_INF INT_MAX

/* rc_value.flags */
#define RC_VALUE_DASH 0x01    /* written as a dash ("-", "—") meaning nil / zero */
#define RC_VALUE_PARENS 0x02  /* written in parentheses: "(1,234)" */
#define RC_VALUE_MINUS 0x04   /* written with a leading minus sign */
#define RC_VALUE_PERCENT 0x08 /* written with a trailing "%" (value divided by 100) */

/* A reported number. */
typedef struct rc_value {
    mpq_t q;       /* the exact value, after scale and percent */
    int decimals;  /* accuracy in the XBRL sense; RC_DECIMALS_INF when exact */
    int shown;     /* decimal places written in the text, after scale: "0.24" is 2,
                      "1,442" in thousands is -3; RC_DECIMALS_INF when unknown */
    unsigned flags; /* RC_VALUE_* */
} rc_value;

void rc_value_init(rc_value *v);
void rc_value_clear(rc_value *v);
void rc_value_set(rc_value *dst, const rc_value *src);

/* Options of rc_value_parse. */
#define RC_PARSE_GROUPING 0x01 /* accept "," thousands separators, in groups of three */
#define RC_PARSE_PARENS 0x02   /* accept "(1,234)" as a negative number */
#define RC_PARSE_DASH 0x04     /* accept a lone "-", "--", en dash or em dash as zero */
#define RC_PARSE_PERCENT 0x08  /* accept a trailing "%" */
#define RC_PARSE_EXPONENT 0x10 /* accept "1.2E3" */
#define RC_PARSE_TABLE 0x1f    /* all of the above: what a rendered table may show */

/*
 * Parse the decimal number in text[0..len) into out (which must have been
 * initialised).  Leading and trailing blanks are skipped.  scale is a power
 * of ten the written number is multiplied by ("in thousands" is 3).  The
 * accuracy (out->decimals and out->shown) is the number of decimal places
 * written, minus the exponent, minus scale; for a dash it is exact.
 *
 * Returns RC_OK, or RC_ESYNTAX with *errpos set to the offset in text of the
 * offending character and *errmsg to a static one-line description
 * ("digit grouping must be in groups of three").  errpos and errmsg may be
 * NULL.  On error out is left unchanged.
 */
int rc_value_parse(rc_value *out, const char *text, size_t len, int scale, unsigned opts,
                   size_t *errpos, const char **errmsg);

/* An interval [lo, hi] of rationals, lo <= hi. */
typedef struct rc_interval {
    mpq_t lo;
    mpq_t hi;
} rc_interval;

void rc_interval_init(rc_interval *iv);
void rc_interval_clear(rc_interval *iv);
void rc_interval_set(rc_interval *dst, const rc_interval *src);
void rc_interval_set_point(rc_interval *dst, const mpq_t q);
void rc_interval_set_si(rc_interval *dst, long n);

/* The interval a value stands for at accuracy `decimals`:
 * q +- 1/2 * 10^-decimals, or the point q when decimals is RC_DECIMALS_INF. */
void rc_interval_set_rounded(rc_interval *dst, const mpq_t q, int decimals);

bool rc_interval_is_point(const rc_interval *iv);
bool rc_interval_contains_zero(const rc_interval *iv);

/* dst = a op b.  dst may alias a or b. */
void rc_interval_add(rc_interval *dst, const rc_interval *a, const rc_interval *b);
void rc_interval_sub(rc_interval *dst, const rc_interval *a, const rc_interval *b);
void rc_interval_mul(rc_interval *dst, const rc_interval *a, const rc_interval *b);
/* Returns RC_ENA (and leaves dst unchanged) when b holds zero. */
int rc_interval_div(rc_interval *dst, const rc_interval *a, const rc_interval *b);
void rc_interval_neg(rc_interval *dst, const rc_interval *a);
void rc_interval_abs(rc_interval *dst, const rc_interval *a);
void rc_interval_min(rc_interval *dst, const rc_interval *a, const rc_interval *b);
void rc_interval_max(rc_interval *dst, const rc_interval *a, const rc_interval *b);

/* Comparisons with rounding: == holds when the intervals intersect; a <= b
 * when a.lo <= b.hi; a < b when a.lo < b.hi.  >= and > are the mirrors. */
bool rc_interval_eq(const rc_interval *a, const rc_interval *b);
bool rc_interval_le(const rc_interval *a, const rc_interval *b);
bool rc_interval_lt(const rc_interval *a, const rc_interval *b);

/* The smallest distance between a point of a and a point of b (0 when they
 * intersect), into out (initialised). */
void rc_interval_gap(mpq_t out, const rc_interval *a, const rc_interval *b);

/* Rounding modes for rc_q_format. */
typedef enum rc_round {
    RC_ROUND_NEAREST, /* half away from zero */
    RC_ROUND_FLOOR,   /* toward -infinity */
    RC_ROUND_CEIL     /* toward +infinity */
} rc_round;

/*
 * Format q as a plain decimal string with exactly `places` digits after the
 * point (none when places <= 0; a negative places rounds to tens, hundreds..
 * and prints the integer), rounded by mode.  grouping inserts "," between
 * thousands.  Returns a malloc'ed string the caller frees, or NULL when out
 * of memory.
 */
char *rc_q_format(const mpq_t q, int places, rc_round mode, bool grouping);

/*
 * Format q exactly when its decimal expansion ends within max_places digits
 * (trailing zeros dropped, "0.5", "1442000"); otherwise rounded by mode at
 * max_places.  Returns a malloc'ed string, or NULL when out of memory.
 */
char *rc_q_format_exact(const mpq_t q, int max_places, rc_round mode);

/* The number of decimal places of q's exact expansion, or -1 when it does
 * not end within max_places. */
int rc_q_places(const mpq_t q, int max_places);

#endif
