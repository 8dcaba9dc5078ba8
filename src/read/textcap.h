/*
 * Plain-text captures of EDGAR R pages: what one gets by copying a page out
 * of a browser or a text dump of it (every seed is one).  Two kinds:
 *
 *  - Details captures: each table cell starts a line with "|", a cell's
 *    further lines follow without "|", and empty cells are dropped.  The page
 *    becomes one REPORT grid whose value columns are recovered from the
 *    structural cues (recover.h).
 *  - Tables (text block) captures: the page heading (optionally after the
 *    sec.gov envelope line "XML 35 R33.htm IDEA: XBRL DOCUMENT v3.19.3.a.u2"),
 *    then the note's text with its tables flattened: one cell per line, or
 *    "|"-prefixed, or " | "-joined on one line, or tab-separated, or with
 *    blank lines between cells and a negative's ")" on a line of its own.
 *    Each table with numbers becomes one NOTE grid; narrative is no table.
 *
 * Private to the library.  Line numbers in every location are lines of buf
 * plus line0 (a capture embedded in a larger file passes the lines before it).
 */
#ifndef RC_READ_TEXTCAP_H
#define RC_READ_TEXTCAP_H

#include <stdbool.h>
#include <stddef.h>

#include "rollcheck/model.h"
#include "rollcheck/read.h"
#include "read/grid.h"
#include "read/recover.h"

/* True when buf looks like a plain-text capture of an R page: plain text (not
 * HTML, XML or JSON) whose first lines (after an optional "# SOURCE: ..."
 * comment block) are "|" cells, or the sec.gov envelope line, or an R page's
 * heading lines (a report name, "12 Months Ended", a date). */
bool rc_textcap_detect(const char *buf, size_t len);

/* A paragraph of a Tables capture's prose, for the narrative (narrative.h). */
typedef struct rc_capprose {
    char *text;    /* the paragraph, its lines joined by '\n' */
    unsigned line; /* the line it starts on */
    unsigned col;
} rc_capprose;

/* A capture read into grids. */
typedef struct rc_textcap {
    rc_grid **grids; /* the REPORT grid of a Details capture (columns recovered), or the
                        NOTE grids of a Tables capture, in page order */
    size_t ngrids;
    rc_capnotes notes;  /* what the reader wants the user to know (recover.h) */
    rc_capprose *prose; /* a Tables capture: the paragraphs of its text, tables left out */
    size_t nprose;
    char *period_heading; /* ... and its page's period heading, or NULL */
} rc_textcap;

/*
 * Parse a capture into grids (*out, freed with rc_textcap_free, grids and notes
 * included).  name is the file name used in locations.  A capture with no table
 * of numbers (a narrative note) gives no grid.  Returns RC_OK, RC_ENOMEM, or
 * RC_ESYNTAX (message in ctx, with the line) for a capture that cannot be read
 * (values before any column heading).
 */
int rc_textcap_parse(const rc_vocab *vocab, const char *name, const char *buf, size_t len,
                     unsigned line0, rc_textcap **out, rc_ctx *ctx);
void rc_textcap_free(rc_textcap *cap);

/* Read a capture into model: parse it, add its notes, interpret every grid
 * (rc_table_interpret), free the grids.  Errors as rc_textcap_parse, or the
 * interpreter's. */
int rc_read_text_capture(rc_model *model, const rc_vocab *vocab, const char *name, const char *buf,
                         size_t len, unsigned line0, rc_ctx *ctx);

#endif
