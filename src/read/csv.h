/*
 * CSV schedules: a filing team's own option or RSU activity schedule saved as
 * CSV (RFC 4180), read into a grid (grid.h) that the schedule interpreter
 * (schedule.h) turns into roll-forwards.  Private to the library.
 *
 * What a CSV file may be, as spreadsheets and people write them:
 *  - delimiter ',' ';' TAB or '|', found from the content (the one that splits
 *    the most records into the same number of fields), or named by Excel's
 *    "sep=;" first line;
 *  - quoted fields with doubled quotes ("say ""when""") and line breaks inside,
 *    blanks before an opening quote allowed;
 *  - records ended by CRLF, LF or CR;
 *  - UTF-8 with or without a byte order mark; Windows-1252 (text that is not
 *    valid UTF-8 is taken to be that, and converted); UTF-16 with a byte order
 *    mark (converted);
 *  - numbers with a decimal comma ("1.234,50", "1 234,50") in a file whose
 *    delimiter is not ',': rewritten to the "1,234.50" every reader of rollcheck
 *    understands, decimal places kept.
 */
#ifndef RC_READ_CSV_H
#define RC_READ_CSV_H

#include <stdbool.h>
#include <stddef.h>

#include "rollcheck/model.h"
#include "rollcheck/read.h"
#include "read/grid.h"

/* Spreadsheets stop here (Excel: 1,048,576 rows, 16,384 columns); a CSV file with more
 * is no schedule, and is refused with RC_ELIMIT rather than held in memory. */
#define RC_CSV_MAX_RECORDS 1048576u
#define RC_CSV_MAX_FIELDS 16384u

typedef enum rc_csv_encoding {
    RC_CSV_UTF8 = 0,
    RC_CSV_UTF8_BOM,
    RC_CSV_WINDOWS_1252,
    RC_CSV_UTF16LE,
    RC_CSV_UTF16BE
} rc_csv_encoding;

/* "UTF-8", "UTF-8 with BOM", "Windows-1252", "UTF-16LE", "UTF-16BE".  Static. */
const char *rc_csv_encoding_name(rc_csv_encoding encoding);

/* What rc_csv_parse found out about a file. */
typedef struct rc_csv_info {
    char delimiter;
    rc_csv_encoding encoding;
    bool decimal_comma; /* numbers were written "1.234,50" and have been rewritten */
    size_t records;     /* records read, blank ones included */
    unsigned fields;    /* the usual number of fields of a record (the most frequent) */
} rc_csv_info;

/*
 * True when buf (its first 64 KiB) reads as CSV: at least two records of two or
 * more fields with one of the delimiters, most records alike, a number among the
 * fields and a text.  Markup and JSON are never CSV.
 */
bool rc_csv_detect(const char *buf, size_t len);

/*
 * Parse buf into a grid (*out; free it with rc_grid_free) of kind RC_GRID_NOTE with
 * no heading rows: grid row r is record r + 1, blank records included (rows without
 * cells), so that row numbers are those a spreadsheet shows; one cell per non-empty
 * field, at the field's column (the first field is column 0), its text normalised as
 * grid cells hold it (grid.h); src is where the field starts (line and byte column of
 * the text converted to UTF-8; the lines are the file's).  info (may be NULL) receives
 * what was found.  name is the file name used in locations.
 *
 * Errors, with a one-line message in ctx: RC_EFORMAT for an empty file, binary data
 * or UTF-16 that does not decode; RC_ESYNTAX for a quoted field that is never closed
 * (at its opening quote); RC_ELIMIT beyond RC_CSV_MAX_RECORDS / RC_CSV_MAX_FIELDS;
 * RC_ENOMEM.
 */
int rc_csv_parse(const char *name, const char *buf, size_t len, rc_grid **out, rc_csv_info *info,
                 rc_ctx *ctx);

/*
 * Read a CSV schedule into model: parse it, then interpret it (rc_schedule_read),
 * with the mapping file "NAME.map.json" beside it when there is one (name is then
 * taken as a path: "activity.csv" is read with "activity.csv.map.json").  A note says
 * which mapping was used, and how the file was decoded when it was not plain UTF-8.
 * Errors as rc_csv_parse, the mapping's (RC_ESYNTAX "NAME.map.json:LINE:COL: error:
 * ..."), or the interpreter's.
 */
int rc_read_csv(rc_model *model, const rc_vocab *vocab, const char *name, const char *buf,
                size_t len, rc_ctx *ctx);

#endif
