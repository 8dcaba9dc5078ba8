/*
 * Classifying rows and concepts with the vocabulary (rc_vocab, read.h): what a
 * row label or an XBRL concept says about the number it carries.  The
 * vocabulary is data (rules/labels.json, rules/concepts.json); this is the
 * code that applies it.  Private to the library.
 */
#ifndef RC_READ_CLASSIFY_H
#define RC_READ_CLASSIFY_H

#include <stdbool.h>

#include "rollcheck/model.h"
#include "rollcheck/read.h"

/* What a row (or concept) is. */
typedef enum rc_what {
    RC_WHAT_UNKNOWN = 0,
    RC_WHAT_BALANCE,  /* a balance row: line (and position for outstanding) */
    RC_WHAT_MOVEMENT, /* a movement row: role */
    RC_WHAT_HEADING,  /* a heading or abstract row that holds no number ("Number of shares",
                         "... [Abstract]", "... Roll Forward") */
    RC_WHAT_OTHER     /* a known row that belongs to no roll-forward (expense, tax
                         benefit, shares authorized, vesting period ...) */
} rc_what;

/* Where an outstanding balance sits. */
typedef enum rc_position {
    RC_POS_NONE = 0,
    RC_POS_BEGIN, /* "beginning of the period", "balance at January 1, 2023" */
    RC_POS_END    /* "end of the period", "balance at December 31, 2023" */
} rc_position;

/* The measure a number is (the field of a balance row or movement). */
typedef enum rc_measure {
    RC_MEASURE_NONE = 0,
    RC_MEASURE_COUNT,            /* number of options / units */
    RC_MEASURE_PRICE,            /* weighted-average exercise price */
    RC_MEASURE_FAIR_VALUE,       /* weighted-average grant-date fair value */
    RC_MEASURE_AIV,              /* aggregate intrinsic value */
    RC_MEASURE_TERM,             /* weighted-average remaining contractual term */
    RC_MEASURE_SHARE_PRICE,      /* the share price used for intrinsic values */
    RC_MEASURE_CONTRACTUAL_TERM, /* the plan's contractual term */
    RC_MEASURE_PER_SHARE         /* an amount per share, the label not saying which
                                    ("(in dollars per share)", "| $ / shares"): a price
                                    for options, a fair value for other awards, unless the
                                    section or column says */
} rc_measure;

/* A bound of a range of exercise prices ("$10.01 - $20.00"): the XBRL range limits. */
typedef enum rc_range_bound {
    RC_RANGE_NONE = 0,
    RC_RANGE_LOW, /* the range's lowest exercise price */
    RC_RANGE_HIGH /* its highest */
} rc_range_bound;

typedef struct rc_class {
    rc_what what;
    rc_line line;           /* RC_WHAT_BALANCE: outstanding is RC_LINE_OPENING or _CLOSING by
                               position; exercisable; vested_expected */
    bool outstanding;       /* RC_WHAT_BALANCE: the outstanding / nonvested balance (its
                               line then follows from position or period) */
    rc_position position;   /* for outstanding */
    rc_role role;           /* RC_WHAT_MOVEMENT */
    rc_measure measure;     /* RC_MEASURE_NONE when the label does not say */
    int award;              /* RC_AWARD_OPTIONS, RC_AWARD_OTHER, or -1 when not said */
    const char *award_type; /* normalised finer type ("RSU", "PSU", "restricted stock",
                               "performance shares"), or NULL; static or vocab-owned */
    rc_day date;            /* a date the label names ("as of December 31, 2021"), or
                               RC_NO_DATE; as written (the interpreter decides whether
                               January 1 means the balance before it) */
    bool by_name;           /* the class was told from a concept's local name by pattern,
                               not from the concept map: say so in the output */
    rc_range_bound range;   /* a bound of a range of exercise prices (a row of a range
                               table, of no roll-forward by itself), else RC_RANGE_NONE */
} rc_class;

/* Classify a row label (the whole label, " | unit" suffix and "(in shares)" style
 * hints included).  Always fills *out (RC_WHAT_UNKNOWN when nothing matched). */
void rc_classify_label(const rc_vocab *vocab, const char *label, rc_class *out);

/* Classify an XBRL concept QName ("us-gaap:ShareBased...").  Standard concepts come
 * from the concept map; extension concepts (other prefixes) by local-name patterns,
 * with by_name set.  Returns false (and RC_WHAT_UNKNOWN) when the concept says
 * nothing. */
bool rc_classify_concept(const rc_vocab *vocab, const char *qname, rc_class *out);

/* Classify a member label or QName ("Restricted Stock Units (RSUs) [Member]",
 * "us-gaap:EmployeeStockOptionMember"): the award class and type it names, if any.
 * Returns false when it names no award type (a plan name, say). */
bool rc_classify_member(const rc_vocab *vocab, const char *member, int *award,
                        const char **award_type);

/* True when a "members" entry decides that the member names no award at all ("award":
 * "none": an employee stock purchase plan): the XBRL assembler makes its facts facts of
 * no roll-forward. */
bool rc_classify_member_excluded(const rc_vocab *vocab, const char *member);

/* ---- units as R pages write them ---------------------------------------------------- */

typedef enum rc_unit_kind {
    RC_UNIT_NONE = 0,
    RC_UNIT_SHARES,    /* "shares", "EquityInstruments", "item": counts */
    RC_UNIT_PER_SHARE, /* "$ / shares", "CNY (¥) / shares", "€ / shares" */
    RC_UNIT_MONEY,     /* "USD ($)", "$", "¥", "C$" */
    RC_UNIT_PURE       /* "pure", "%" */
} rc_unit_kind;

typedef struct rc_unit {
    rc_unit_kind kind;
    char symbol[8]; /* the currency symbol written ("$", "¥", "C$"), or "" */
    char code[4];   /* the ISO 4217 code written ("USD ($)", "USD"), or "" */
} rc_unit;

/* Parse one unit as R pages write it in column headings, row label suffixes and
 * scale lines: "USD ($)", "$ / shares", "CNY (¥) / shares", "shares", "item", "pure",
 * "$", "¥", "EquityInstruments".  False (and RC_UNIT_NONE) when text is no unit. */
bool rc_unit_parse(const char *text, size_t len, rc_unit *out);

/* The length of label without its " | unit" suffix ("Granted (in dollars per share) |
 * $ / shares"), with the unit in *unit (may be NULL); strlen(label) and RC_UNIT_NONE
 * when it has none. */
size_t rc_label_split_unit(const char *label, rc_unit *unit);

/* The ISO 4217 code a currency symbol or code stands for by default ("$" USD, "¥" CNY,
 * "€" EUR, "£" GBP, "C$" CAD, "US$" USD, "HK$" HKD, "RMB" CNY, "USD" USD), or NULL.
 * A static string. */
const char *rc_currency_code(const char *symbol, size_t len);

/* Parse a date as filings write it: "Dec. 31, 2023", "December 31, 2023", "May 10,
 * 2017", "2023-12-31", "31 December 2023".  RC_OK or RC_ESYNTAX.  Finds the first
 * date inside a longer text when search is true (the offset and length of the date
 * in *at / *len when not NULL). */
int rc_parse_date(const char *text, bool search, rc_day *out, size_t *at, size_t *len);

#endif
