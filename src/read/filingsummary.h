/*
 * EDGAR FilingSummary.xml: the list of a filing's R pages with their names and
 * menu categories (FORMATS.md 1.8), and which of them are share-based payment
 * pages.  Private to the library.
 *
 * Which pages are share-based payment pages: those of MenuCategory "Details" or
 * "Tables" whose ShortName or LongName speaks of share-based payment (the word
 * list in filingsummary.c).  "Notes" pages hold the whole note as one text block,
 * whose tables are the same as those of the "Tables" page: they are taken only
 * when the filing has no share-based "Tables" page, so that a note's table is not
 * read twice.  Cover, statements, policies and uncategorized pages never are.
 */
#ifndef RC_READ_FILINGSUMMARY_H
#define RC_READ_FILINGSUMMARY_H

#include <stdbool.h>
#include <stddef.h>

#include "rollcheck/model.h"
#include "common/util.h"

typedef struct rc_fs_report {
    const char *file;       /* HtmlFileName (or XmlFileName), e.g. "R38.htm"; never NULL */
    const char *short_name; /* ShortName, or "" */
    const char *long_name;  /* LongName, or "" */
    const char *menu;       /* MenuCategory ("Details", "Tables", "Notes" ...), or "" */
    const char *type;       /* ReportType ("Sheet", "Book" ...), or "" */
    long position;          /* Position, or 0 */
    unsigned line;          /* line of its <Report> element */
    bool share_based;       /* a share-based payment page to read (see above) */
} rc_fs_report;

typedef struct rc_filing_summary {
    rc_fs_report *reports; /* the reports that name a file, in document order */
    size_t nreports;
    rc_arena *arena; /* owns everything */
} rc_filing_summary;

/* Parse buf as FilingSummary.xml (name for messages; line0 as in rhtml.h).  No
 * network, no DTD, no entity expansion.  *out is freed with rc_filingsummary_free.
 * RC_EFORMAT when the root element is not FilingSummary, RC_ESYNTAX for XML that
 * does not parse ("name:line:col: error: ..."), RC_ENOMEM. */
int rc_filingsummary_parse(const char *name, const char *buf, size_t len, unsigned line0,
                           rc_filing_summary **out, rc_ctx *ctx);
void rc_filingsummary_free(rc_filing_summary *fs);

/* The report whose file name is the last path component of path (compared
 * case-insensitively), or NULL. */
const rc_fs_report *rc_filingsummary_find(const rc_filing_summary *fs, const char *path);

/* How many reports are share-based payment pages. */
size_t rc_filingsummary_count_share_based(const rc_filing_summary *fs);

/* True when a report name speaks of share-based payment ("Stock Option Activity",
 * "Restricted Stock Units", "Equity Incentive Plan" ...). */
bool rc_filingsummary_names_share_based(const char *name);

/* Read a FilingSummary.xml given on its own: it holds no figures; add a note
 * listing the share-based payment pages it names (or saying there are none). */
int rc_read_filing_summary(rc_model *model, const char *name, const char *buf, size_t len,
                           unsigned line0, rc_ctx *ctx);

#endif
