/*
 * A rendered table as a grid of cells: what every rendered form (an R page's
 * HTML, a note's HTML table, a plain-text capture, later a workbook sheet or
 * a CSV schedule) becomes before the one table interpreter (table.h) reads
 * it.  A new rendered form is then only a new grid reader.  Private to the
 * library.
 *
 * Two kinds of grid:
 *
 * RC_GRID_REPORT - an EDGAR R page's report table.  Heading rows first (flag
 *   RC_ROW_HEAD): the title cell at column 0 ("Share-Based Compensation - RSU
 *   Activity (Details) - Restricted stock units\nshares in Thousands": the
 *   report name, then the rounding line as a second line), period group
 *   cells spanning their columns ("12 Months Ended"; "" over an instant
 *   column), and one column heading cell per value column whose lines are the
 *   date, then unit lines ("USD ($)", "$ / shares", "shares") and member lines.
 *   Then body rows: cell 0 is the row label at column 0 (with its concept when
 *   the source names one), then the value cells at columns 1..ncols-1, empty
 *   cells included.  A member title row (RC_ROW_MEMBER) has a label and no
 *   values: its label ("Share Incentive Plan 2017 [Member]", "2014 Plan |
 *   Vesting after year one") names the members of the rows below it, up to
 *   the next member title row.
 *
 * RC_GRID_NOTE - a note's own table (the HTML table inside a "Tables" page's
 *   text block, or a flattened capture of one).  Heading rows first (flag
 *   RC_ROW_HEAD): the measure of each value column ("Number of options",
 *   "Weighted average exercise price", "Aggregate intrinsic value (in
 *   thousands)"), possibly under period group cells ("2021", "2020") that
 *   span their columns.  Then body rows: cell 0 the row label at column 0,
 *   value cells at their columns.  Spacer columns, "$" cells and ")" cells of
 *   the HTML are already folded into the value cells by the grid reader: a
 *   value cell holds the number as a reader sees it ("(39,177)", "$ 158.73",
 *   "—").
 *
 * Columns.  Every cell has its first column and its span.  A text capture
 * of an R page drops empty cells, so its reader first leaves the value cells'
 * columns RC_COL_UNKNOWN and then recovers them (recover.c); only a grid with
 * every column known reaches the interpreter.  Where the cues leave more than
 * one layout, the reader marks the affected cells RC_CELL_AMBIGUOUS and puts
 * them in one of the candidate columns; the interpreter then marks the
 * roll-forwards built from them RC_RF_AMBIGUOUS with grid->why_ambiguous.
 *
 * Text: trimmed, runs of blanks (incl. no-break spaces) collapsed to one
 * space, lines separated by '\n' (a heading's <div>s or <br>s, a capture's
 * continuation lines), "" for an empty cell.  Numbers exactly as shown.
 *
 * A grid owns its memory (an arena): rc_grid_free releases everything.
 */
#ifndef RC_READ_GRID_H
#define RC_READ_GRID_H

#include <limits.h>
#include <stdbool.h>
#include <stddef.h>

#include "rollcheck/common.h"
#include "common/util.h"

typedef enum rc_grid_kind {
    RC_GRID_REPORT = 0,
    RC_GRID_NOTE = 1
} rc_grid_kind;

/* rc_cell.flags */
#define RC_CELL_NUMERIC 0x0001   /* the source marks it numeric (R page class nump / num) */
#define RC_CELL_NEGATIVE 0x0002  /* the source marks it negative (class num): shown "(1,234)" */
#define RC_CELL_TEXTUAL 0x0004   /* the source marks it text (class text): a duration, a date */
#define RC_CELL_ABSTRACT 0x0008  /* a label cell of an abstract (heading) row: <strong> */
#define RC_CELL_CUSTOM 0x0010    /* a label cell of a company extension element ("pl custom") */
#define RC_CELL_AMBIGUOUS 0x0020 /* its column is one of several the cues allow */
#define RC_CELL_NIL 0x0040       /* a nil fact (an R page's lone-space text cell) */

#define RC_COL_UNKNOWN UINT_MAX

typedef struct rc_cell {
    const char *text;    /* see above; never NULL */
    unsigned col;        /* first column covered, or RC_COL_UNKNOWN */
    unsigned span;       /* columns covered, >= 1 */
    unsigned flags;      /* RC_CELL_* */
    const char *concept; /* the element an R page's row names (onclick defref), as a QName
                            "us-gaap:ShareBased..." / "abc:Custom...", on label cells; else NULL */
    rc_source src;       /* where the cell is (file, line, col; col 0 when unknown) */
} rc_cell;

/* rc_grid_row.flags */
#define RC_ROW_HEAD 0x01   /* a heading row */
#define RC_ROW_MEMBER 0x02 /* a member title row (R page class rh) */
#define RC_ROW_TOTAL 0x04  /* a total row (class reu / rou) */

typedef struct rc_grid_row {
    rc_cell *cells; /* in column order */
    size_t ncells;
    unsigned flags;
} rc_grid_row;

typedef struct rc_grid {
    rc_grid_kind kind;
    const char *file;          /* the input (for locations and notes) */
    const char *title;         /* REPORT: the report name without the rounding line;
                                  NOTE: the table's title or caption, or NULL */
    const char *scale;         /* REPORT: the rounding line ("$ / shares in Units, shares in
                                  Thousands, $ in Millions"), or NULL */
    const char *context;       /* NOTE: the text just before the table (its caption, "A
                                  summary of option activity for the year ended December
                                  31, 2023 is presented below:"), or NULL */
    const char *period_heading; /* NOTE from a Tables page: the page's column heading
                                  ("12 Months Ended\nDec. 31, 2023"), or NULL */
    const char *why_ambiguous; /* when cells are RC_CELL_AMBIGUOUS: one line saying why */
    rc_grid_row *rows;
    size_t nrows;
    unsigned ncols;            /* columns, the label column 0 included */
    rc_source src;             /* where the table starts */
    rc_arena *arena;           /* owns everything above */
    size_t caprows;
} rc_grid;

/* A new empty grid of the given kind for file.  NULL when out of memory. */
rc_grid *rc_grid_new(rc_grid_kind kind, const char *file);
void rc_grid_free(rc_grid *grid);

/* Start a new row; returns it, or NULL when out of memory. */
rc_grid_row *rc_grid_add_row(rc_grid *grid, unsigned flags);

/* Append a cell to row (text is copied after normalising blanks; concept
 * copied when not NULL).  Keeps grid->ncols at least col + span.  Returns the
 * cell, or NULL when out of memory. */
rc_cell *rc_grid_add_cell(rc_grid *grid, rc_grid_row *row, const char *text, size_t len,
                          unsigned col, unsigned span, unsigned flags, const rc_source *src);

/* Copy a string into the grid's arena (NULL when out of memory). */
const char *rc_grid_strdup(rc_grid *grid, const char *s);

/* Normalise text as cells hold it: trim, collapse blanks (space, tab, CR, no-break
 * space) into one space, keep '\n' as a line break (trimming around it, dropping
 * empty lines).  Returns a malloc'ed string (NULL when out of memory). */
char *rc_grid_normalise(const char *text, size_t len);

/* The cell of row that covers column col, or NULL. */
const rc_cell *rc_grid_cell_at(const rc_grid_row *row, unsigned col);

/* Write the grid as text, one row per line, cells separated by " | ", for tests
 * and debugging ("?" for an unknown column).  Caller frees. */
char *rc_grid_dump(const rc_grid *grid);

#endif
