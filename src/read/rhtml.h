/*
 * EDGAR rendered R pages (R1.htm ... Rnn.htm) as HTML: the report table
 * becomes a REPORT grid, and each HTML table inside a text block (the note's
 * own table on a "Tables" or "Notes" page) becomes a NOTE grid; the table
 * interpreter (table.h) then reads them.  See FORMATS.md sections 1 and 2.
 * Private to the library.
 *
 * Line numbers.  A page read from a file of its own has line0 0; a page
 * embedded in a larger file (a full submission .txt) passes the number of
 * lines of that file before the page's first line, so that every location
 * is a line of the enclosing file.
 */
#ifndef RC_READ_RHTML_H
#define RC_READ_RHTML_H

#include <stdbool.h>
#include <stddef.h>

#include "rollcheck/model.h"
#include "rollcheck/read.h"
#include "read/grid.h"

/* The prose of one text block of an R page, for the narrative (narrative.h). */
typedef struct rc_rhtml_prose {
    char *text;    /* its paragraphs, one per line, tables left out */
    unsigned line; /* the line of its cell */
    char *period;  /* the page's heading of its column ("12 Months Ended\nDec. 31, 2023"),
                      or NULL */
} rc_rhtml_prose;

/* The grids of one R page. */
typedef struct rc_rhtml_page {
    rc_grid *report; /* the report table (RC_GRID_REPORT) */
    rc_grid **notes; /* the HTML tables of its text blocks (RC_GRID_NOTE), in page order */
    size_t nnotes;
    rc_rhtml_prose *prose; /* the prose of its text blocks, in page order */
    size_t nprose;
} rc_rhtml_page;

/*
 * Parse an R page into grids (*out, freed with rc_rhtml_page_free).  name is the
 * file name used in locations.  The envelope of a page served by sec.gov
 * ("<DOCUMENT><TYPE>XML...<TEXT>", or the text "XML 34 R23.htm IDEA: XBRL DOCUMENT
 * v3.20.2" before the HTML) is skipped.
 *
 * REPORT grid: heading rows as the page has them (the title cell at column 0 with
 * the rounding line as its second line, period group cells, column headings with
 * one line per <div>); body rows with the label at column 0 and one cell per value
 * column, empty cells included.  A label cell's concept is the element its
 * onclick names, as a QName ("us-gaap:ShareBasedCompensation..."); a member title
 * row names axis and member: "us-gaap:AwardTypeAxis=us-gaap:EmployeeStockOptionMember".
 * Footnote indexer cells and columns are dropped without leaving a gap in the
 * column numbers; the footnote bodies and everything after the table are ignored.
 *
 * NOTE grids: spacer columns dropped, lone currency symbols folded into the
 * number on their right ("$ 158.73"), lone ")" and "%" into the number on their
 * left; rows above the first row whose label is followed by a number are heading
 * rows; number-shaped cells carry RC_CELL_NUMERIC (and RC_CELL_NEGATIVE when in
 * parentheses), empty cells are left out.  title: the page's report name and the
 * text block's label; context: the paragraph just before the table; period_heading:
 * the page's heading of the text block's column.  A table without any number
 * gives no grid.
 *
 * Returns RC_OK, RC_EFORMAT when the page holds no report table ("not an EDGAR R
 * page"), RC_ELIMIT for a table beyond the size limits, RC_ENOMEM.
 */
int rc_rhtml_parse(const char *name, const char *buf, size_t len, unsigned line0,
                   rc_rhtml_page **out, rc_ctx *ctx);
void rc_rhtml_page_free(rc_rhtml_page *page);

/* Read an R page into model: parse it, interpret every grid (rc_table_interpret),
 * free the grids.  Errors as rc_rhtml_parse, or the interpreter's. */
int rc_read_r_html(rc_model *model, const rc_vocab *vocab, const char *name, const char *buf,
                   size_t len, unsigned line0, rc_ctx *ctx);

/* True when buf looks like an R page: an HTML document with a report table near its
 * start (after an optional envelope).  Looks at the first few KiB only. */
bool rc_rhtml_detect(const char *buf, size_t len);

/* Offset of the page inside an envelope ("<DOCUMENT>...<TEXT>" or "... IDEA: XBRL
 * DOCUMENT ..." text before the first tag), the length of the page and the number of
 * lines skipped before it.  Without an envelope: 0, len, 0. */
void rc_rhtml_unwrap(const char *buf, size_t len, size_t *off, size_t *n, unsigned *lines);

#endif
