/*
 * The note's narrative: numbers stated in the prose of a share-based payment note
 * ("the Group granted 1,386,327 RSUs to employees during the year ended December 31,
 * 2023", "145,138 are now exercisable", "the market value of the Company's stock was
 * $640.58 at December 31, 2018") become statements of the model (rc_statement), which
 * rc_model_finish matches to the one roll-forward each can be about and the rules check
 * against the table.
 *
 * A statement is made only when its award class, its movement or balance row and its
 * period are unambiguous within its sentence (or the document's period, for "during the
 * year"); a sentence that states share counts near award or movement words and gives no
 * statement is counted as unread, and the readers say so in a note.  Amounts of money,
 * percentages, years and dates are never counts.  The readers hand over prose only: they
 * separate the note's tables from its text.
 *
 * Private to the library.
 */
#ifndef RC_READ_NARRATIVE_H
#define RC_READ_NARRATIVE_H

#include <stdbool.h>
#include <stddef.h>

#include <libxml/tree.h>

#include "rollcheck/model.h"
#include "rollcheck/read.h"
#include "common/util.h"

/* The period a note's text is reported for (the document's context: "12 Months Ended
 * Dec. 31, 2023", an XBRL text block's duration).  Either end may be RC_NO_DATE. */
typedef struct rc_narrative_period {
    rc_day start, end;
} rc_narrative_period;

/* Counts of what rc_narrative_read did, added to by every call. */
typedef struct rc_narrative_stats {
    size_t sentences;  /* sentences read */
    size_t statements; /* statements added to the model */
    size_t unread;     /* sentences stating share counts near award or movement words that
                          gave no statement (award, row or period not clear) */
} rc_narrative_stats;

/*
 * Read the prose text[0..len) into model's statements (each with a count or price fact
 * of the model, rc_model_new_fact, located at its sentence).  src is where the text
 * starts (src->file must be the input's name, as its roll-forwards carry it).  With
 * lines true, text's line breaks are the input's lines: a sentence may run across them
 * and is located at the line it starts on; with lines false a line break ends a
 * paragraph and every sentence is located at src.  period (may be NULL) is the
 * document's period.  A statement the model already holds from the same file (the same
 * sentence read through two nested text blocks) is not added again.  stats (may be
 * NULL) is added to.  Returns RC_OK or RC_ENOMEM.
 */
int rc_narrative_read(rc_model *model, const rc_vocab *vocab, const char *text, size_t len,
                      const rc_source *src, bool lines, const rc_narrative_period *period,
                      rc_narrative_stats *stats, rc_ctx *ctx);

/* Add the note that says how many sentences stated counts that were not read, when any
 * were (nothing otherwise), at file:line.  RC_OK or RC_ENOMEM. */
int rc_narrative_note(rc_model *model, const char *file, unsigned line,
                      const rc_narrative_stats *stats);

/* The period a rendered heading names: "12 Months Ended\nDec. 31, 2023", "3 Months
 * Ended Mar. 29, 2025", "Dec. 31, 2023" (an instant: start RC_NO_DATE).  False when it
 * names no date. */
bool rc_narrative_period_of_heading(const char *heading, rc_narrative_period *out);

/* The prose of an HTML or XHTML subtree: the text of node's descendants, one paragraph
 * per line (block elements and <br> break lines), tables, scripts, styles and inline
 * XBRL's ix:exclude left out, blanks collapsed.  Appended to out. */
void rc_narrative_prose_of_node(const xmlNode *node, rc_buf *out);

/* The same for HTML markup given as text (an XBRL instance's escaped text block); text
 * without any tag is taken as it is.  Appended to out; RC_OK or RC_ENOMEM. */
int rc_narrative_prose_of_html(const char *html, size_t len, rc_buf *out);

/* True when an XBRL concept is a text block of a note the narrative is read from: its
 * local name ends in "TextBlock" (ifrs-full: "Explanatory") and speaks of share-based
 * payment, stock options or awards, or stockholders' equity. */
bool rc_narrative_text_block(const char *qname);

#endif
