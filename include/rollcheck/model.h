/*
 * rollcheck/model.h - facts and roll-forwards.
 *
 * A fact is one reported number: its value with its accuracy, what kind of
 * quantity it is (a count of shares, a per-share price, an amount of money,
 * a term in years), its concept or row label and where it was read.
 *
 * A roll-forward is one award class's activity over one period for one key
 * (entity x award class x plan / award members x currency x period): the
 * opening and closing balances, the ordered movements between them, and the
 * balance-date extras (exercisable, vested and expected to vest, aggregate
 * intrinsic value, remaining term).  Each slot of a roll-forward points at
 * the fact that reported it; when the same quantity was reported more than
 * once (two columns, two tables, two files) the further facts hang off the
 * first one's `dup` list, whether or not they agree (the duplicate rule
 * decides that).
 *
 * A model owns every roll-forward, fact and string in it (one arena); all
 * pointers handed out by the functions below are borrowed from the model
 * and live until rc_model_free.
 */
#ifndef ROLLCHECK_MODEL_H
#define ROLLCHECK_MODEL_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "rollcheck/common.h"
#include "rollcheck/number.h"

/* ---- dates ---------------------------------------------------------------- */

/* A calendar date as a day number: days since 1970-01-01 (proleptic
 * Gregorian).  RC_NO_DATE when unknown. */
typedef int32_t rc_day;
#define RC_NO_DATE INT32_MIN

/* Parse "YYYY-MM-DD" (exactly).  Returns RC_OK or RC_ESYNTAX. */
int rc_day_parse(rc_day *out, const char *text, size_t len);
rc_day rc_day_from_ymd(int y, int m, int d);
void rc_day_to_ymd(rc_day day, int *y, int *m, int *d);
/* Write "YYYY-MM-DD" into buf (at least 11 bytes); "" for RC_NO_DATE. */
void rc_day_format(rc_day day, char buf[static 11]);

/* ---- facts ---------------------------------------------------------------- */

/* What a number measures. */
typedef enum rc_kind {
    RC_KIND_COUNT = 0, /* a number of shares / options / units */
    RC_KIND_PRICE,     /* money per share: WAEP, grant-date fair value, share price */
    RC_KIND_MONEY,     /* an amount of money: aggregate intrinsic value */
    RC_KIND_TERM,      /* a duration in years: remaining contractual term */
    RC_KIND_PURE       /* a plain number or ratio */
} rc_kind;

const char *rc_kind_name(rc_kind kind); /* "count", "price", "money", "term", "pure" */

/*
 * Parse a duration into years: ISO 8601 "P6Y2M12D", the rendered "6 years 2
 * months 12 days", or a decimal number of years ("5.13", "5.13 years").
 * Years, months and days become Y + M/12 + D/365; an ISO or worded duration
 * is taken to +-0.005 years (decimals 2: the month and day conventions of
 * filers differ by a day or two), a decimal number of years as written.
 * Returns RC_OK or RC_ESYNTAX (with a static message in *errmsg).
 */
int rc_term_parse(rc_value *out, const char *text, size_t len, const char **errmsg);

typedef struct rc_fact rc_fact;
struct rc_fact {
    rc_value value;       /* as reported: sign as written (or as stored, for XBRL) */
    rc_kind kind;
    const char *currency; /* ISO 4217 code for price and money, NULL when not stated */
    const char *text;     /* the number as written in the input, or NULL */
    const char *concept;  /* XBRL QName, or NULL */
    const char *label;    /* row label, or NULL */
    rc_source src;        /* where it was read */
    rc_day start, end;    /* its period: instant has start == RC_NO_DATE; both unknown allowed */
    const char *filing;   /* the filing that reported it, when an input holds several
                             (companyfacts: the accession number); NULL otherwise */
    rc_fact *dup;         /* the next fact reported for the same slot, or NULL */
};

/* The interval a fact stands for.  Besides the fact's `decimals`:
 *  - a count reported with decimals >= 0 is exact (shares are whole);
 *  - a price whose written text has fewer decimal places than its
 *    `decimals` claims (a rounded "5.877" tagged INF) is taken as rounded at
 *    its last written place, and *widened is set (may be NULL).
 * dst must have been initialised. */
void rc_fact_interval(rc_interval *dst, const rc_fact *fact, bool *widened);

/* ---- roll-forwards ---------------------------------------------------------- */

typedef enum rc_award {
    RC_AWARD_OPTIONS = 0, /* share options */
    RC_AWARD_OTHER = 1    /* other equity instruments: RSUs, PSUs, restricted shares */
} rc_award;

const char *rc_award_name(rc_award award); /* "options", "other" */
int rc_award_parse(rc_award *out, const char *name);

/* The role of a movement line; each has a fixed direction except the
 * signed ones (adjusted, other), whose direction comes from the input. */
typedef enum rc_role {
    RC_ROLE_GRANTED = 0,      /* + */
    RC_ROLE_ASSUMED,          /* + options assumed in an acquisition */
    RC_ROLE_EXERCISED,        /* - */
    RC_ROLE_VESTED,           /* - other awards vested / released */
    RC_ROLE_FORFEITED,        /* - */
    RC_ROLE_EXPIRED,          /* - */
    RC_ROLE_CANCELLED,        /* - */
    RC_ROLE_FORFEITED_EXPIRED,/* - forfeited, expired and/or cancelled together */
    RC_ROLE_ADJUSTED,         /* +/- performance adjustment, modification, repricing */
    RC_ROLE_OTHER,            /* +/- a row that could not be classified */
    RC_ROLE__COUNT
} rc_role;

const char *rc_role_name(rc_role role); /* "granted", "forfeited_expired", ... */
int rc_role_parse(rc_role *out, const char *name);
/* +1 or -1 for the roles with a fixed direction, 0 for the signed ones. */
int rc_role_direction(rc_role role);

/* One balance row at a date. */
typedef struct rc_balance {
    rc_fact *count;
    rc_fact *price;      /* weighted-average exercise price */
    rc_fact *fair_value; /* weighted-average grant-date fair value */
    rc_fact *aiv;        /* aggregate intrinsic value */
    rc_fact *term;       /* weighted-average remaining contractual term, years */
} rc_balance;

/* The balance rows of a roll-forward, for iteration and naming. */
typedef enum rc_line {
    RC_LINE_OPENING = 0,
    RC_LINE_CLOSING,
    RC_LINE_EXERCISABLE,
    RC_LINE_VESTED_EXPECTED, /* vested and expected to vest */
    RC_LINE__COUNT
} rc_line;

const char *rc_line_name(rc_line line); /* "opening", "closing", "exercisable", "vested_expected" */

typedef struct rc_movement {
    rc_role role;
    int direction;       /* +1 adds, -1 deducts, 0 unknown (a signed role with no sign) */
    const char *label;   /* the row label as shown, or NULL */
    rc_fact *count;
    rc_fact *price;      /* weighted-average exercise price of the movement */
    rc_fact *fair_value; /* weighted-average grant-date fair value of the movement */
} rc_movement;

typedef struct rc_rollforward rc_rollforward;

/* One row of an exercise-price-range table ("options outstanding and exercisable by range
 * of exercise prices"), as of the roll-forward's end. */
typedef struct rc_range {
    const char *label;    /* the range as shown ("$10.01 - $20.00") or its member, or NULL */
    rc_fact *low, *high;  /* the range's exercise-price bounds (price kind); NULL when open
                             ("$30.00 and over" has no high) */
    rc_fact *count;       /* options outstanding in the range */
    rc_fact *price;       /* their weighted-average exercise price */
    rc_fact *term;        /* their weighted-average remaining contractual life, years */
    rc_fact *aiv;         /* their aggregate intrinsic value, rarely given */
    rc_fact *exercisable_count, *exercisable_price, *exercisable_term;
} rc_range;

/* What a sentence of the note's narrative states about a roll-forward. */
typedef enum rc_stmt_kind {
    RC_STMT_MOVEMENT = 0, /* "granted 1,386,327 RSUs during the year ended December 31, 2023" */
    RC_STMT_BALANCE,      /* "145,138 are now exercisable" */
    RC_STMT_SHARE_PRICE   /* "the market value of the Company's stock was $640.58 at ..." */
} rc_stmt_kind;

/* A number stated in a note's text, with what it is said to be. */
typedef struct rc_statement {
    rc_stmt_kind kind;
    rc_role role;         /* RC_STMT_MOVEMENT */
    rc_line line;         /* RC_STMT_BALANCE (opening, closing, exercisable, vested_expected) */
    int award;            /* RC_AWARD_OPTIONS / RC_AWARD_OTHER, or -1 when the text does not say */
    const char *award_type; /* "RSU" ..., or NULL */
    rc_day start, end;    /* the period it speaks of (a date: start RC_NO_DATE) */
    rc_fact *value;       /* the number stated (count, or price for a share price) */
    const char *text;     /* the sentence, as written (for the finding to quote) */
    rc_source src;
    const rc_rollforward *rf; /* after rc_model_finish: the roll-forward it was matched to, or
                                 NULL when none or several fit (then it is not checked) */
} rc_statement;

/* How the input wrote the signs of movements. */
typedef enum rc_signs {
    RC_SIGNS_DISPLAYED = 0, /* a rendered table: deductions may be shown negative */
    RC_SIGNS_STORED = 1     /* XBRL facts: movements are stored positive */
} rc_signs;

/* rc_rollforward.flags */
#define RC_RF_START_APPROX 0x01 /* the start was worked out from "6 Months Ended" and an end
                                   that is not a month's last day (52/53-week years): it may
                                   be a few days off; rc_model_finish snaps it to an exact
                                   neighbour of the same key */
#define RC_RF_AMBIGUOUS 0x02    /* some of its values come from a table whose layout the
                                   cues leave ambiguous: its checks are skipped */

struct rc_rollforward {
    const char *file;        /* the input it was read from */
    rc_source src;           /* where it starts in that input */
    const char *entity;      /* entity name or identifier, or NULL */
    rc_award award;
    const char *award_type;  /* finer award type as shown ("RSU", "PSU"), or NULL */
    const char **members;    /* plan and award members, sorted; nmembers of them */
    size_t nmembers;
    const char *currency;    /* ISO 4217 code of its money and prices, or NULL */
    rc_day start, end;       /* the period; start is the day after the opening date */
    rc_signs signs;
    rc_balance lines[RC_LINE__COUNT]; /* opening, closing, exercisable, vested_expected */
    rc_movement *movements;  /* in the order reported */
    size_t nmovements;
    rc_fact *share_price;       /* the share price used for intrinsic values, or NULL */
    rc_fact *contractual_term;  /* the plan's stated contractual term, years, or NULL */
    const rc_rollforward *previous; /* same key, period ending the day before start */
    const rc_rollforward *next;     /* the reverse link */
    unsigned flags;                 /* RC_RF_* */
    const char *why_ambiguous;      /* with RC_RF_AMBIGUOUS: one line saying why, or NULL */
    const rc_rollforward **parts;   /* after rc_model_finish: the roll-forwards that break
                                       this one down by one more member (plans of a total,
                                       award types of a class), same period and currency */
    size_t nparts;
    const rc_rollforward *total;    /* the reverse: the roll-forward this one is a part of */
    const char *caveat;             /* a remark every finding on it must carry (companyfacts:
                                       "no dimensions or extension concepts ..."), or NULL */
    rc_range *ranges;               /* the exercise-price-range table at its end, in order */
    size_t nranges;
    const rc_statement **statements; /* after rc_model_finish: the note's sentences about it */
    size_t nstatements;
    rc_fact *issued_on_exercise;    /* shares issued on exercise, from the equity statement */
    rc_fact *exercise_proceeds;     /* cash received from exercises, from the cash-flow
                                       statement (money) */
};

/* Shorthand for the balance rows. */
#define rc_opening(rf) (&(rf)->lines[RC_LINE_OPENING])
#define rc_closing(rf) (&(rf)->lines[RC_LINE_CLOSING])

/* True when the roll-forward reports at least one movement. */
bool rc_rollforward_has_movements(const rc_rollforward *rf);

/* A one-line description: "Global Share Plan, options, 2021-01-01..2021-12-31".
 * Writes at most size bytes (NUL-terminated) and returns buf. */
char *rc_rollforward_describe(const rc_rollforward *rf, char *buf, size_t size);

/* ---- the model -------------------------------------------------------------- */

typedef struct rc_model rc_model;

/* Make an empty model.  Returns RC_OK or RC_ENOMEM.  Free with rc_model_free. */
int rc_model_new(rc_model **out);
void rc_model_free(rc_model *model);

/* Builders for readers.  Everything returned is zero-initialised (values
 * rc_value_init'ed, dates RC_NO_DATE) and owned by the model; NULL means
 * out of memory. */
rc_rollforward *rc_model_add_rollforward(rc_model *model);
rc_fact *rc_model_new_fact(rc_model *model);
rc_movement *rc_model_add_movement(rc_model *model, rc_rollforward *rf);
rc_range *rc_model_add_range(rc_model *model, rc_rollforward *rf);
/* A statement of the note's narrative, matched to a roll-forward by rc_model_finish. */
rc_statement *rc_model_add_statement(rc_model *model);
size_t rc_model_statement_count(const rc_model *model);
const rc_statement *rc_model_statement(const rc_model *model, size_t i);
/* Set rf's members (copied, then sorted).  Returns RC_OK or RC_ENOMEM. */
int rc_model_set_members(rc_model *model, rc_rollforward *rf, const char *const *members,
                         size_t n);
/* Copy n bytes of s (not NUL-terminated) into the model; NULL on ENOMEM. */
const char *rc_model_strndup(rc_model *model, const char *s, size_t n);
const char *rc_model_strdup(rc_model *model, const char *s);

/*
 * Finish a model after all inputs were read into it:
 *  1. merge roll-forwards with the same key and period (facts for the same
 *     slot are chained as duplicates; movements of the same role and label
 *     are merged likewise); a roll-forward without a currency merges into
 *     those of the same key that have one;
 *  2. fold roll-forwards that are only a balance (no movements, and only an
 *     opening or only a closing) into the roll-forwards whose opening or
 *     closing falls on that date, as duplicates; a balance with no such
 *     roll-forward stays, as a balance;
 *  3. sort into a deterministic order (entity, award, members, currency,
 *     start, end, file);
 *  4. chain consecutive periods of the same key (previous / next);
 *  5. link each roll-forward to its parts: those of the same entity, award class,
 *     period and currency with one more member (or an award type where it has
 *     none) and otherwise the same members;
 *  6. match each narrative statement to the one roll-forward it can be about (same
 *     input file, award class when the text says it, the movement's period or the
 *     balance's date); a statement that fits none or several stays unmatched.
 * Call once.  Returns RC_OK or RC_ENOMEM.
 */
int rc_model_finish(rc_model *model, rc_ctx *ctx);

size_t rc_model_count(const rc_model *model);
const rc_rollforward *rc_model_get(const rc_model *model, size_t i);

/* True when rf counts as a roll-forward: an opening or a closing balance,
 * with movements or with both balances.  Otherwise it is a balance only, or
 * movements only (a grant quoted in a narrative). */
bool rc_rollforward_is_rollforward(const rc_rollforward *rf);

/* The number of real roll-forwards (rc_rollforward_is_rollforward) read
 * from `file` (all files when NULL). */
size_t rc_model_count_rollforwards(const rc_model *model, const char *file);

/* Every fact in the model, in the order they were made, and how many were read
 * from `file` (src.file equal to it; all when NULL). Readers make a fact for every
 * number they read, also those that belong to no roll-forward. */
size_t rc_model_fact_count(const rc_model *model);
const rc_fact *rc_model_fact(const rc_model *model, size_t i);
size_t rc_model_count_facts(const rc_model *model, const char *file);

/* ---- notes: what a reader wants the user to know about an input ------------------ */

/* A remark on an input that is not a finding and not an error: a part of the input
 * that was skipped and why, a table whose layout is ambiguous, a row that could not be
 * classified, "no roll-forward found". */
typedef struct rc_note {
    rc_source src; /* src.file is the input it is about */
    const char *text;
} rc_note;

/* Add a note (the text is formatted and copied).  RC_OK or RC_ENOMEM. */
int rc_model_add_note(rc_model *model, const char *file, unsigned line, unsigned col,
                      const char *fmt, ...) __attribute__((format(printf, 5, 6)));
size_t rc_model_note_count(const rc_model *model);
const rc_note *rc_model_note(const rc_model *model, size_t i);

/* ---- undo: an input that fails to read contributes nothing ------------------------ */

typedef struct rc_model_mark {
    size_t rollforwards, facts, notes, statements;
} rc_model_mark;

/* Remember the model's state; rc_model_rollback drops every roll-forward, fact and
 * note added since (the memory of strings stays until rc_model_free).  Only before
 * rc_model_finish. */
void rc_model_mark_state(const rc_model *model, rc_model_mark *mark);
void rc_model_rollback(rc_model *model, const rc_model_mark *mark);

#endif
