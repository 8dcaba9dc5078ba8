/*
 * Workbooks (.xlsx, Office Open XML SpreadsheetML): a zip archive of XML parts
 * ([Content_Types].xml, xl/workbook.xml and its relationships, the shared
 * strings, the styles, one part per worksheet).  This module reads a workbook
 * into sheets of cells and a sheet into a grid (grid.h); what the sheets mean
 * is for the readers above it (workbook.c: EDGAR's Financial_Report.xlsx;
 * schedule.c: a filing team's own schedule).  Private to the library.
 *
 * A cell keeps two texts: its value exactly as stored (the text of <v>:
 * "78.45999999999999", "-39177", "0.032") and what a reader of the sheet sees,
 * the value in the cell's number format ("$ 78.46", "(39,177)", "3.20%"): the
 * digits shown tell the accuracy of a rendered number, so grids carry the
 * shown text.  Numbers are formatted with exact decimal arithmetic (GMP), never
 * through a double: Excel's 15 significant digits first, then the format's
 * decimal places, half away from zero.
 *
 * Untrusted input.  The archive is read from memory (no temporary file) with
 * libzip; each XML part is parsed by libxml2 with no network, no DTD and no
 * entity expansion, the large ones (shared strings, worksheets) as a stream,
 * so that memory follows the cells held, not the size of the XML.  The
 * uncompressed bytes read from one workbook are limited (RC_XLSX_BOMB_RATIO
 * times the archive, at least RC_XLSX_MIN_BUDGET, at most RC_XLSX_MAX_BUDGET),
 * and so are the cells read (RC_XLSX_MAX_CELLS): a zip bomb is refused with
 * RC_ELIMIT, a sheet of a million empty rows costs nothing (rows without cells
 * are not kept).
 */
#ifndef RC_READ_XLSX_H
#define RC_READ_XLSX_H

#include <stdbool.h>
#include <stddef.h>

#include "rollcheck/common.h"
#include "rollcheck/model.h"
#include "read/grid.h"

#define RC_XLSX_BOMB_RATIO 64                /* uncompressed bytes per archive byte */
#define RC_XLSX_MIN_BUDGET ((size_t)8 << 20) /* ... but always at least 8 MiB */
#define RC_XLSX_MAX_BUDGET ((size_t)1 << 30) /* ... and never more than 1 GiB */
#define RC_XLSX_MAX_CELLS ((size_t)2000000)  /* cells read from one workbook */
#define RC_XLSX_MAX_ROW 1048576u             /* Excel's last row */
#define RC_XLSX_MAX_COL 16384u               /* Excel's last column (XFD) */

/* What an input that is no zip archive may be.  Checks the signature only. */
typedef enum rc_xlsx_kind {
    RC_XLSX_NOT = 0,   /* neither a zip archive nor an OLE compound file */
    RC_XLSX_ZIP,       /* a zip archive holding xl/workbook.xml: a workbook */
    RC_XLSX_OTHER_ZIP, /* a zip archive without xl/workbook.xml (an XBRL .zip, a .docx) */
    RC_XLSX_OLE        /* an OLE compound file holding an encrypted package (a
                          password-protected workbook) or a legacy .xls workbook */
} rc_xlsx_kind;

/* Which of the above buf[0..len) is: a zip's local header "PK\3\4" (or an empty
 * archive's "PK\5\6") and the part name "xl/workbook.xml" in it, or the OLE
 * signature D0 CF 11 E0 A1 B1 1A E1 with the stream names of an encrypted package
 * ("EncryptionInfo") or a workbook ("Workbook") in it. */
rc_xlsx_kind rc_xlsx_sniff(const char *buf, size_t len);

/* rc_xlsx_cell.type */
typedef enum rc_xlsx_type {
    RC_XLSX_EMPTY = 0, /* a cell element without a value (a styled empty cell) */
    RC_XLSX_NUMBER,    /* a number (t="n" or no t) */
    RC_XLSX_STRING,    /* a shared string (t="s"), an inline string, a formula's string
                          result (t="str"), an ISO date (t="d") */
    RC_XLSX_BOOL,      /* t="b": value "TRUE" or "FALSE" */
    RC_XLSX_ERROR,     /* t="e": "#DIV/0!", "#N/A" ... */
    RC_XLSX_UNREADABLE /* a formula without a cached value: nothing to show */
} rc_xlsx_type;

/* rc_xlsx_cell.flags */
#define RC_XLSX_FORMULA 0x01  /* the cell holds a formula (its cached value is shown) */
#define RC_XLSX_BOLD 0x02     /* its font is bold */
#define RC_XLSX_COVERED 0x04  /* inside a merged range, not its top-left cell */
#define RC_XLSX_DATE 0x08     /* a number shown in a date format (see date) */
#define RC_XLSX_PERCENT 0x10  /* a number shown in a percent format ("0.00%") */
#define RC_XLSX_NEGATIVE 0x20 /* a number below zero */

typedef struct rc_xlsx_cell {
    unsigned col;       /* 0-based: column A is 0 */
    unsigned span_cols; /* columns a merged range starting here covers (1 when none) */
    unsigned span_rows; /* rows it covers (1 when none) */
    rc_xlsx_type type;
    unsigned flags;     /* RC_XLSX_* */
    const char *value;  /* as stored (see above); "" for an empty or unreadable cell */
    const char *shown;  /* as a reader sees it: numbers in their number format,
                           strings as they are (blanks kept); "" when empty */
    const char *format; /* the number format's code ("#,##0.00", "General") */
    int places;         /* numbers: the decimal places shown ("0.00": 2, "#,##0": 0) */
    int scale;          /* numbers: the format divides by 10^scale ("#,##0,": 3) */
    rc_day date;        /* RC_XLSX_DATE: the day the serial number stands for */
} rc_xlsx_cell;

typedef struct rc_xlsx_row {
    unsigned row;        /* 1-based, as a spreadsheet shows it */
    rc_xlsx_cell *cells; /* in column order, one per cell element of the part */
    size_t ncells;
} rc_xlsx_row;

/* One worksheet.  Owns its memory (one arena). */
typedef struct rc_xlsx_sheet {
    const char *name;  /* the name on its tab */
    size_t index;      /* its position in the workbook, 0-based */
    const char *part;  /* its part in the archive ("xl/worksheets/sheet38.xml") */
    rc_xlsx_row *rows; /* the rows that hold at least one cell, in row order */
    size_t nrows;
    unsigned ncols;         /* 1 + the last column of any cell or merged range */
    const char *unreadable; /* formulas without a cached value: "B7, C9" (at most 20 named,
                               then "and N more"), or NULL */
    size_t nunreadable;
    size_t nmerges;  /* merged ranges applied */
    rc_arena *arena; /* owns everything above */
} rc_xlsx_sheet;

typedef struct rc_xlsx rc_xlsx;

/*
 * Open the workbook in buf[0..len) (name for messages): the archive, its content
 * types, the workbook's sheet list, shared strings and styles.  buf must stay
 * valid and unchanged until rc_xlsx_free.  *out is freed with rc_xlsx_free.
 *
 * Errors (a one-line message in ctx, "name: error: ..."): RC_EFORMAT for what is
 * no zip archive ("password-protected or encrypted workbook" for an encrypted
 * one), a zip that holds no workbook, a part that is not a worksheet;
 * RC_ESYNTAX for XML that does not parse (the part, line and column named) or a
 * cell that names a shared string that is not there; RC_ELIMIT beyond the
 * limits above; RC_ENOMEM.
 */
int rc_xlsx_open(const char *name, const char *buf, size_t len, rc_xlsx **out, rc_ctx *ctx);
void rc_xlsx_free(rc_xlsx *wb);

/* The number of worksheets (chart sheets are not counted) and the name of one. */
size_t rc_xlsx_sheet_count(const rc_xlsx *wb);
const char *rc_xlsx_sheet_name(const rc_xlsx *wb, size_t i);

/*
 * Read worksheet i (0-based, < rc_xlsx_sheet_count) into *out, freed with
 * rc_xlsx_sheet_free.  Merged ranges are applied: the top-left cell spans them
 * (created empty when the part leaves it out), the other cells inside are
 * flagged RC_XLSX_COVERED.  Errors as rc_xlsx_open.
 */
int rc_xlsx_read_sheet(rc_xlsx *wb, size_t i, rc_xlsx_sheet **out, rc_ctx *ctx);
void rc_xlsx_sheet_free(rc_xlsx_sheet *sheet);

/* The cell at row (1-based) and col (0-based) as the part has it, or NULL. */
const rc_xlsx_cell *rc_xlsx_cell_at(const rc_xlsx_sheet *sheet, unsigned row, unsigned col);

/* "A", "B", ... "XFD" for a 0-based column, into buf (at least 4 bytes). */
void rc_xlsx_column_name(unsigned col, char buf[static 4]);

/*
 * A sheet as a grid of kind `kind` for file (the input's name, for locations), no
 * row flagged: one grid row per sheet row that holds cells, one grid cell per
 * cell that is not covered by a merge, at its column (column A is 0) with its
 * merged column span, its shown text (grid.h normalises blanks), RC_CELL_NUMERIC
 * (and RC_CELL_NEGATIVE below zero) for numbers; empty cells are kept as "" cells.
 * Each cell's src is (file, its row, its column + 1).  The grid's title is the
 * sheet's name.  Returns NULL when out of memory; free with rc_grid_free.
 */
rc_grid *rc_xlsx_grid(const rc_xlsx_sheet *sheet, const char *file, rc_grid_kind kind);

/*
 * Format a number stored as text (value, as <v> holds it) in the number format
 * code (format; NULL or "" is General) as Excel shows it.  *out receives a
 * malloc'ed string (caller frees); places, scale and flags (RC_XLSX_DATE,
 * RC_XLSX_PERCENT, RC_XLSX_NEGATIVE) and date (may each be NULL) what the format
 * did.  date1904: the workbook counts days from 1904.  Returns RC_OK, RC_ESYNTAX
 * when value is no number, RC_ENOMEM.
 */
int rc_xlsx_format_number(const char *value, const char *format, bool date1904, char **out,
                          int *places, int *scale, unsigned *flags, rc_day *date);

/* The code of a built-in number format id (0 "General", 3 "#,##0", 37
 * "#,##0 ;(#,##0)" ...), or NULL for an id with no built-in code.  Static. */
const char *rc_xlsx_builtin_format(unsigned id);

#endif
