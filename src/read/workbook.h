/*
 * Reading a workbook (.xlsx) into a model.  Two kinds of workbook:
 *
 *  - EDGAR's Financial_Report.xlsx: every R page of a filing as a sheet, laid
 *    out as the page is (the report name, with the rounding line, in A1 over
 *    the heading rows; period groups as merged cells; one column heading per
 *    value column; then a label and its values per row).  The share-based
 *    payment sheets are chosen by their report names, with FilingSummary.xml's
 *    words (rc_filingsummary_names_share_based).  A Details sheet becomes the
 *    REPORT grid its R page gives (rhtml.h).  A narrative Details sheet is not
 *    read: its rows are the note's text figures in no table's order, which only
 *    their concepts tell apart.  A Tables or Notes sheet holds each text block in
 *    one cell, the note's tables flattened into one line with their headings cut
 *    short: when the filing has Details sheets they are not read (the Details
 *    hold the same tables); when it has none, their tables are recovered as a
 *    text capture's are (textcap.h) where their columns can be told, and a note
 *    says so where they cannot.  There is no concept per row in a workbook:
 *    rows are classified by their labels, with the cues of the layout and the
 *    number formats (rc_workbook_report_grid).
 *
 *  - any other workbook: a filing team's own schedule; each sheet is read by
 *    the schedule interpreter (schedule.h), with the mapping file
 *    "NAME.map.json" beside the workbook when there is one.
 *
 * Locations: a workbook has no lines.  A fact's line is its sheet row and its
 * column the sheet column (A is 1); the notes name the sheets read, so that a
 * line can be found.  Private to the library.
 */
#ifndef RC_READ_WORKBOOK_H
#define RC_READ_WORKBOOK_H

#include <stdbool.h>
#include <stddef.h>

#include "rollcheck/model.h"
#include "rollcheck/read.h"
#include "read/grid.h"
#include "read/xlsx.h"

/* Read the workbook in buf[0..len) (name: its path, for locations and the mapping
 * file) into model.  Errors as rc_xlsx_open and rc_xlsx_read_sheet, or the
 * interpreters'. */
int rc_read_xlsx(rc_model *model, const rc_vocab *vocab, const char *name, const char *buf,
                 size_t len, rc_ctx *ctx);

/* What a sheet of a Financial_Report.xlsx is, by its report name. */
typedef enum rc_sheet_kind {
    RC_SHEET_OTHER = 0, /* cover, statements, policies, parenthetical */
    RC_SHEET_DETAILS,   /* "... (Details)", "(Details 2)": a table of the note */
    RC_SHEET_NARRATIVE, /* "... - Narrative (Details)", "(Narrative) (Details)", "Additional
                           Information (Details)": the figures of the note's text, in no
                           table's order */
    RC_SHEET_TABLES,    /* "... (Tables)" */
    RC_SHEET_NOTES      /* a note's page: no marker after the name */
} rc_sheet_kind;

/* Is sheet laid out as an R page (a title in A1 over heading rows that hold a
 * period group or a date)?  *nhead receives the number of heading rows. */
bool rc_workbook_is_report_sheet(const rc_xlsx_sheet *sheet, unsigned *nhead);

/* The kind of a sheet from its report name ("Narrative", "Additional Information" in
 * a Details page's name make it a narrative page). */
rc_sheet_kind rc_workbook_sheet_kind(const char *title);

/*
 * A1 as the R page's title cell has it: the report name and the rounding line,
 * which the workbook joins with a blank ("... (Details) - USD ($) $ / shares in
 * Units, shares in Millions"); *title and *scale are malloc'ed (scale NULL when
 * there is none); NULL title when out of memory.
 */
void rc_workbook_split_title(const char *a1, char **title, char **scale);

/*
 * A column heading as the R page has it, one line per <div>: the workbook joins
 * the date, unit and member lines with a blank or with nothing ("Dec. 31,
 * 2019$ / sharesshares").  Returns a malloc'ed string, lines separated by '\n'.
 */
char *rc_workbook_split_heading(const char *text);

/* A Details sheet as the REPORT grid its R page gives (rhtml.h), for file; the
 * caller frees it with rc_grid_free.  NULL when out of memory or when the sheet is
 * not laid out as an R page.  With vocab,
 * the labels of rows get the cues the R page's concepts would give (workbook.c,
 * row_label): a measure row under its balance or movement row is labelled as that
 * row's measure, and a count row whose label names no unit gets " | shares" when
 * the workbook's number format shows a plain whole number.  vocab may be NULL. */
rc_grid *rc_workbook_report_grid(const rc_xlsx_sheet *sheet, const rc_vocab *vocab,
                                 const char *file);

/*
 * The flattened text of a text block as the lines of a text capture (textcap.h),
 * one cell per line: the narrative, the headings, each row's label and each of its
 * values on lines of their own.  Returns a malloc'ed string, or NULL when out of
 * memory.
 */
char *rc_workbook_block_lines(const rc_vocab *vocab, const char *text);

#endif
