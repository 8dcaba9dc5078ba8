/*
 * Column recovery for plain-text captures of EDGAR "Details" pages.  Such a
 * capture starts every table cell on a line of its own with "|" and drops
 * the empty cells, so the value cells of a row arrive in column order but
 * without their columns.  The reader (textcap.c) builds a REPORT grid whose
 * value cells have col RC_COL_UNKNOWN; rc_recover_columns puts each of them
 * in a column, from the structural cues of the page only (DESIGN.md, "The
 * rendered-table formats in the seeds").  Private to the library.
 *
 * The cues, strongest first:
 *  - units: a column holds a value only if its heading lists the value's unit
 *    (share counts need "shares", "EquityInstruments" or "item"; per-share
 *    values a "... / shares" unit; amounts a currency), from the row's " |
 *    unit" suffix, its words, its section, the value's own currency symbol;
 *  - a beginning balance and a movement lie in a duration column;
 *  - one period's share counts are equal in every column of that period that
 *    lists shares, and a row's values in one period agree unless they are in
 *    two currencies;
 *  - a price (term, intrinsic value) of a balance or a movement lies in a
 *    period where the count of the same balance or movement has a value;
 *  - column profiles: a column that holds only beginning balances holds no
 *    movement and no closing balance;
 *  - the same line item under another member has the same columns; a value
 *    shown twice side by side is one fact shown in both columns of its period;
 *  - chaining (a period's opening equals the previous period's closing) and,
 *    as a last resort, the count roll-forward identity itself: both are the
 *    identities the rules check, so every layout chosen by them is named in a
 *    note that says which check is then no independent check.
 * Layouts that differ only in which column of one period (and currency) holds
 * a value are one layout: the first such column is taken.  When the cues leave
 * several layouts, the values go to the first, their cells are marked
 * RC_CELL_AMBIGUOUS, grid->why_ambiguous says why, and a note names them.
 * No value is ever invented: a row whose values cannot be placed at all
 * loses its value cells, with a note.
 */
#ifndef RC_READ_RECOVER_H
#define RC_READ_RECOVER_H

#include <stdarg.h>
#include <stdbool.h>
#include <stddef.h>

#include "rollcheck/common.h"
#include "rollcheck/read.h"
#include "read/grid.h"

/* ---- notes a capture reader collects for the model ------------------------------ */

typedef struct rc_capnote {
    unsigned line; /* line of the input (line0 included), 0 when none */
    char *text;    /* one line, malloc'ed */
} rc_capnote;

typedef struct rc_capnotes {
    rc_capnote *items;
    size_t n, cap;
} rc_capnotes;

/* Add a note (text formatted and copied).  RC_OK or RC_ENOMEM. */
int rc_capnotes_add(rc_capnotes *notes, unsigned line, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));
/* Free every note and empty the list (the struct itself is the caller's). */
void rc_capnotes_clear(rc_capnotes *notes);

/* ---- the value cells of a capture ------------------------------------------------- */

typedef enum rc_capval_kind {
    RC_CAPVAL_NONE = 0, /* not a value: a label or other text */
    RC_CAPVAL_NUMBER,   /* "25,438,655", "(1,175,184)", "$ 0.01", "¥ 4,306", "25.00%" */
    RC_CAPVAL_DURATION, /* "7 years 21 days", "1 year", "29 days" */
    RC_CAPVAL_DASH      /* "-", "—", "–": shown for nil (note tables only) */
} rc_capval_kind;

typedef struct rc_capval {
    rc_capval_kind kind;
    const char *symbol; /* the currency symbol in front ("$", "¥", "C$"), inside the
                           text given, or NULL */
    size_t symbol_len;
    const char *number; /* the number without its symbol, inside the text given */
    size_t number_len;
    bool negative;   /* shown in parentheses or with a minus */
    bool open_paren; /* "(1,070,806" whose ")" is in the next cell */
} rc_capval;

/* What text[0..len) is as a value cell of a capture: a number with an optional
 * currency symbol in front (parentheses and a trailing "%" allowed; with
 * allow_open also an unclosed "("), a duration in words, or (with allow_dash) a
 * dash.  Pointers in *out point into text. */
rc_capval_kind rc_recover__value(const char *text, size_t len, bool allow_dash, bool allow_open,
                                 rc_capval *out);

/* ---- recovering the columns --------------------------------------------------------- */

/*
 * Put every value cell of grid (a REPORT grid made from a Details capture) in
 * its column.  What grid must hold:
 *  - heading rows (RC_ROW_HEAD) first: the title cell at column 0, the period
 *    group cells ("12 Months Ended") with col RC_COL_UNKNOWN in column order,
 *    and one column heading cell per value column at columns 1..n (its lines:
 *    the date, then unit lines and member lines);
 *  - body rows: the label at column 0, then the row's value cells in column
 *    order with col RC_COL_UNKNOWN; member title rows flagged RC_ROW_MEMBER;
 *    rows with no value (abstract rows) are section headings.
 * Afterwards the group cells have their columns and spans (columns left
 * uncovered are instant columns), every value cell has its column, cells whose
 * column the cues leave open are RC_CELL_AMBIGUOUS (grid->why_ambiguous set),
 * and value cells that fit no column were removed.  Notes (layouts chosen by an
 * identity, ambiguity, values not read) are appended to notes.
 *
 * Returns RC_OK, RC_ENOMEM, or RC_ESYNTAX (message in ctx) when the grid has
 * value cells but no column heading.
 */
int rc_recover_columns(rc_grid *grid, const rc_vocab *vocab, rc_capnotes *notes, rc_ctx *ctx);

#endif
