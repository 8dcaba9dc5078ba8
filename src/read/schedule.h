/*
 * A company's own schedule: a sheet (of a workbook, or a CSV file) that holds
 * an option or award activity table the way people lay one out, turned into
 * the NOTE grids (grid.h) that the one table interpreter (table.h) reads.
 * Private to the library; docs/schedules.md is the user's side of it.
 *
 * Without configuration a sheet is read like this:
 *  - the label column is the column that holds the text left of most rows'
 *    numbers; rows with numbers right of it are body rows, rows with text (or
 *    years) right of it and no numbers are heading rows, rows with text only in
 *    or left of it are titles (above a table) or sections (inside one); a heading
 *    row after body rows starts a new table;
 *  - measures across (number, exercise price, fair value, term, intrinsic value),
 *    periods stacked ("Outstanding at December 31, 2023" closes one year and opens
 *    the next) or in column groups ("2024" over its measures): the interpreter's
 *    own layout, passed on;
 *  - periods across ("2024", "FY2023", "Year ended December 31, 2023") with the
 *    measures in row groups ("Number of options" above its rows, "Weighted average
 *    exercise price" above the same rows again) or named in each row's label:
 *    pivoted into measures under period groups;
 *  - awards side by side (column groups headed "Stock options" / "Restricted stock
 *    units", or measure headings that name different awards): one table each;
 *  - a period named by a row of its own inside a table ("2023" above that year's
 *    rows): one table per period;
 *  - a scale or currency named in the title ("(in thousands, except per share
 *    data)", "$000"): applied to the counts and amounts of the table.
 * Where that does not fit, a mapping file (rc_schedule_map) names the rows and
 * columns.
 */
#ifndef RC_READ_SCHEDULE_H
#define RC_READ_SCHEDULE_H

#include <stddef.h>

#include "rollcheck/model.h"
#include "rollcheck/read.h"
#include "read/grid.h"

/* One sheet as it stands. */
typedef struct rc_schedule_sheet {
    const rc_grid *grid;    /* the cells of the sheet: no heading flags, cell column 0 is
                               the sheet's first column (A), texts as a reader sees them
                               ("1,234", "(12.50)"), src where each cell is */
    const char *name;       /* the sheet's name in a workbook, or NULL (a CSV file) */
    const unsigned *rownum; /* the sheet row number (1-based) of each grid row, or NULL
                               when grid row r is sheet row r + 1 */
} rc_schedule_sheet;

/* ---- mapping files ---------------------------------------------------------------------- */

/* A parsed mapping file (docs/schedules.md, "The mapping file"). */
typedef struct rc_schedule_map rc_schedule_map;

/*
 * Parse a mapping file; name is its path, used in messages and kept (copied).  Every
 * error names the place: "NAME:LINE:COL: error: unknown measure 'wape' (count, price,
 * fair_value, aiv, term, ignore)", with the line and a caret as the ctx detail
 * (RC_ESYNTAX); unknown keys are errors, not ignored.  *out is freed with
 * rc_schedule_map_free.
 */
int rc_schedule_map_parse(rc_schedule_map **out, const char *name, const char *buf, size_t len,
                          rc_ctx *ctx);

/*
 * The mapping file of the schedule at path: "PATH.map.json" when that file exists
 * (parsed; errors as rc_schedule_map_parse), else *out = NULL and RC_OK.
 */
int rc_schedule_map_find(rc_schedule_map **out, const char *path, rc_ctx *ctx);

void rc_schedule_map_free(rc_schedule_map *map);

/* The path the mapping was read from (owned by the map). */
const char *rc_schedule_map_path(const rc_schedule_map *map);

/* ---- reading a sheet -------------------------------------------------------------------- */

/* The NOTE grids a sheet becomes, each with a one-line note saying how it was read. */
typedef struct rc_schedule_tables {
    rc_grid **grids; /* NULL for a table that cannot be read: its layout says why */
    char **layouts;  /* "schedule table, rows 3-14: measures across (B-E), periods down" */
    unsigned *rows;  /* the sheet row each table starts at */
    size_t n;
} rc_schedule_tables;

/*
 * Turn a sheet into NOTE grids (*out; free with rc_schedule_tables_free): by the
 * tables of map that apply to it (those without "sheet", or naming sheet->name),
 * else as the sheet's own layout says.  A sheet without a table gives none.
 * Errors: a mapping that does not fit the sheet (a row or column beyond it, a label
 * column that holds no labels) is RC_EINVAL, located in the mapping file; RC_ENOMEM.
 */
int rc_schedule_tables_make(const rc_vocab *vocab, const rc_schedule_sheet *sheet,
                            const rc_schedule_map *map, rc_schedule_tables **out, rc_ctx *ctx);
void rc_schedule_tables_free(rc_schedule_tables *tables);

/*
 * Read a sheet into model: rc_schedule_tables_make, a note per table saying how it was
 * read (and which mapping file was used), rc_table_interpret on each grid.  map may be
 * NULL.  Errors as rc_schedule_tables_make, or the interpreter's.
 */
int rc_schedule_read(rc_model *model, const rc_vocab *vocab, const rc_schedule_sheet *sheet,
                     const rc_schedule_map *map, rc_ctx *ctx);

#endif
