/*
 * Unit tests: workbooks (src/read/xlsx.c, src/read/workbook.c).  Number formats as
 * Excel shows them; a workbook built in memory that holds every kind of cell (shared
 * and inline strings, rich text, numbers in their formats, merged and empty cells,
 * formulas with and without cached values, sheet names); hostile workbooks (not a
 * zip, a zip bomb, a million empty rows, encrypted containers); and EDGAR's
 * Financial_Report.xlsx of real filings (test/data/xlsx), whose sheets must give the
 * grids and roll-forwards their R pages give.
 */
#include <check.h>
#include <gmp.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <zip.h>

#include "rollcheck.h"
#include "common/util.h"
#include "read/rhtml.h"
#include "read/workbook.h"
#include "read/xlsx.h"

#define DATA RC_SOURCE_DIR "/test/data/"
#define XLSX DATA "xlsx/"
#define AAPL_XLSX XLSX "aapl-20250329/Financial_Report.xlsx"

static rc_ctx *ctx;
static rc_vocab *vocab;

static void setup(void)
{
    ck_assert_int_eq(rc_ctx_new(&ctx), RC_OK);
    ck_assert_int_eq(rc_vocab_new(&vocab), RC_OK);
    ck_assert_msg(rc_vocab_load_dir(vocab, RC_SOURCE_DIR "/rules", ctx) == RC_OK, "%s",
                  rc_ctx_error(ctx));
}

static void teardown(void)
{
    rc_vocab_free(vocab);
    rc_ctx_free(ctx);
}

static char *slurp(const char *path, size_t *len)
{
    char *buf = NULL;
    int rc = rc_read_whole_file(path, (size_t)1 << 30, &buf, len, ctx);
    ck_assert_msg(rc == 0, "%s", rc_ctx_error(ctx));
    return buf;
}

/* ---- building workbooks ------------------------------------------------------------- */

typedef struct part {
    const char *name;
    const char *data;
    size_t len; /* 0: strlen(data) */
} part;

/* A zip archive of parts, each deflated or stored.  Caller frees. */
static char *build_zip(const part *parts, size_t n, bool deflate, size_t *len)
{
    zip_error_t err;
    zip_error_init(&err);
    zip_source_t *src = zip_source_buffer_create(NULL, 0, 0, &err);
    ck_assert_ptr_nonnull(src);
    zip_source_keep(src);
    zip_t *z = zip_open_from_source(src, ZIP_TRUNCATE, &err);
    ck_assert_ptr_nonnull(z);
    for (size_t i = 0; i < n; i++) {
        size_t k = parts[i].len ? parts[i].len : strlen(parts[i].data);
        zip_source_t *s = zip_source_buffer(z, parts[i].data, k, 0);
        ck_assert_ptr_nonnull(s);
        zip_int64_t idx = zip_file_add(z, parts[i].name, s, ZIP_FL_OVERWRITE);
        ck_assert_int_ge(idx, 0);
        ck_assert_int_eq(zip_set_file_compression(z, (zip_uint64_t)idx,
                                                  deflate ? ZIP_CM_DEFLATE : ZIP_CM_STORE, 0),
                         0);
    }
    ck_assert_int_eq(zip_close(z), 0);
    ck_assert_int_eq(zip_source_open(src), 0);
    ck_assert_int_eq(zip_source_seek(src, 0, SEEK_END), 0);
    zip_int64_t size = zip_source_tell(src);
    ck_assert_int_gt(size, 0);
    ck_assert_int_eq(zip_source_seek(src, 0, SEEK_SET), 0);
    char *buf = malloc((size_t)size);
    ck_assert_ptr_nonnull(buf);
    ck_assert_int_eq(zip_source_read(src, buf, (zip_uint64_t)size), size);
    zip_source_close(src);
    zip_source_free(src);
    zip_error_fini(&err);
    *len = (size_t)size;
    return buf;
}

#define NS "xmlns=\"http://schemas.openxmlformats.org/spreadsheetml/2006/main\""
#define RNS "xmlns:r=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships\""
#define REL "http://schemas.openxmlformats.org/officeDocument/2006/relationships/"

static const char content_types[] =
    "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>"
    "<Types xmlns=\"http://schemas.openxmlformats.org/package/2006/content-types\">"
    "<Default Extension=\"xml\" ContentType=\"application/xml\"/>"
    "<Override PartName=\"/xl/workbook.xml\" ContentType=\"application/"
    "vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml\"/></Types>";

static const char package_rels[] =
    "<Relationships xmlns=\"http://schemas.openxmlformats.org/package/2006/relationships\">"
    "<Relationship Id=\"rId1\" Type=\"" REL "officeDocument\" Target=\"xl/workbook.xml\"/>"
    "</Relationships>";

/* two worksheets (one by a relative target, one by an absolute one) and a chart sheet */
static const char workbook_xml[] =
    "<workbook " NS " " RNS "><workbookPr/><sheets>"
    "<sheet name=\"Activity &amp; more\" sheetId=\"1\" r:id=\"rId1\"/>"
    "<sheet name=\"A chart\" sheetId=\"3\" r:id=\"rId3\"/>"
    "<sheet name=\"Second\" sheetId=\"2\" r:id=\"rId2\"/></sheets></workbook>";

static const char workbook_rels[] =
    "<Relationships xmlns=\"http://schemas.openxmlformats.org/package/2006/relationships\">"
    "<Relationship Id=\"rId1\" Type=\"" REL "worksheet\" Target=\"worksheets/sheet1.xml\"/>"
    "<Relationship Id=\"rId2\" Type=\"" REL "worksheet\" Target=\"/xl/worksheets/sheet2.xml\"/>"
    "<Relationship Id=\"rId3\" Type=\"" REL "chartsheet\" Target=\"chartsheets/sheet1.xml\"/>"
    "<Relationship Id=\"rId4\" Type=\"" REL "styles\" Target=\"styles.xml\"/>"
    "<Relationship Id=\"rId5\" Type=\"" REL "sharedStrings\" Target=\"sharedStrings.xml\"/>"
    "</Relationships>";

/* style 0 General; 1 "#,##0 ;(#,##0)" (37); 2 a custom "$ " 2-decimal format; 3 bold;
 * 4 "0.00%" (10); 5 "m/d/yyyy" (14); 6 a font with <b val="0"/>; 7 thousands "#,##0," */
static const char styles_xml[] =
    "<styleSheet " NS "><numFmts count=\"2\">"
    "<numFmt numFmtId=\"164\" formatCode=\"_(&quot;$ &quot;#,##0.00_);_(&quot;$ "
    "&quot;(#,##0.00)\"/>"
    "<numFmt numFmtId=\"165\" formatCode=\"#,##0,\"/></numFmts>"
    "<fonts count=\"3\"><font><sz val=\"11\"/></font><font><b/></font><font><b val=\"0\"/></font>"
    "</fonts><cellXfs count=\"8\">"
    "<xf numFmtId=\"0\" fontId=\"0\"/><xf numFmtId=\"37\" fontId=\"0\"/>"
    "<xf numFmtId=\"164\" fontId=\"0\"/><xf numFmtId=\"0\" fontId=\"1\"/>"
    "<xf numFmtId=\"10\" fontId=\"0\"/><xf numFmtId=\"14\" fontId=\"0\"/>"
    "<xf numFmtId=\"0\" fontId=\"2\"/><xf numFmtId=\"165\" fontId=\"0\"/></cellXfs></styleSheet>";

/* 0 plain; 1 rich text in runs with a phonetic run; 2 an escaped tab; 3 blanks kept */
static const char strings_xml[] =
    "<sst " NS " count=\"4\" uniqueCount=\"4\"><si><t>Plain</t></si>"
    "<si><r><t>Rich </t></r><r><rPr><b/></rPr><t>text</t></r><rPh sb=\"0\" eb=\"1\"><t>PHONETIC</t>"
    "</rPh></si><si><t>Tab_x0009_here</t></si><si><t xml:space=\"preserve\"> spaced </t></si>"
    "</sst>";

static const char sheet1_xml[] =
    "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<worksheet " NS "><dimension ref=\"A1:G10\"/>"
    "<sheetData>\n"
    "<row r=\"1\"><c r=\"A1\" s=\"3\" t=\"s\"><v>0</v></c>"
    "<c r=\"B1\" t=\"inlineStr\"><is><t>Inline</t></is></c>"
    "<c r=\"C1\" s=\"1\"><v>163326</v></c><c r=\"D1\" s=\"1\" t=\"n\"><v>-39177</v></c></row>\n"
    "<row r=\"2\"><c r=\"A2\" t=\"s\"><v>1</v></c><c r=\"B2\" s=\"2\"><v>78.45999999999999</v></c>"
    "<c r=\"C2\" s=\"4\"><v>0.032</v></c><c r=\"D2\" s=\"5\"><v>45291</v></c>"
    "<c r=\"E2\" s=\"7\"><v>1442000</v></c></row>\n"
    "<row r=\"3\"><c r=\"A3\" s=\"1\"/><c r=\"C3\" s=\"2\"><f>B2*2</f><v>156.92</v></c>"
    "<c r=\"D3\"><f>C3+1</f></c><c r=\"E3\" t=\"b\"><v>1</v></c><c r=\"F3\" t=\"e\"><v>#DIV/0!</v>"
    "</c><c r=\"G3\" t=\"str\"><f>\"a\"&amp;\"b\"</f><v>ab</v></c></row>\n"
    "<row r=\"4\"/>\n"
    "<row r=\"5\"><c><v>1</v></c><c s=\"6\" t=\"s\"><v>2</v></c></row>\n"
    "<row r=\"8\"><c r=\"C8\"><v>5</v></c><c r=\"D8\"><f>XYZ()</f><v></v></c></row>\n"
    "<row r=\"10\"><c r=\"A10\" t=\"s\"><v>3</v></c><c r=\"B10\"><v>9</v></c></row>\n"
    "</sheetData><mergeCells count=\"2\"><mergeCell ref=\"B7:C8\"/><mergeCell ref=\"A10:C10\"/>"
    "</mergeCells></worksheet>";

static const char sheet2_xml[] =
    "<worksheet " NS "><sheetData><row r=\"1\"><c r=\"A1\" t=\"s\"><v>0</v></c></row>"
    "</sheetData></worksheet>";

static char *test_workbook(size_t *len)
{
    const part parts[] = {
        {"[Content_Types].xml", content_types, 0},
        {"_rels/.rels", package_rels, 0},
        {"xl/workbook.xml", workbook_xml, 0},
        {"xl/_rels/workbook.xml.rels", workbook_rels, 0},
        {"xl/styles.xml", styles_xml, 0},
        {"xl/sharedStrings.xml", strings_xml, 0},
        {"xl/worksheets/sheet1.xml", sheet1_xml, 0},
        {"xl/worksheets/sheet2.xml", sheet2_xml, 0},
    };
    return build_zip(parts, sizeof parts / sizeof *parts, true, len);
}

/* A workbook of one sheet (with the package around it). */
static char *one_sheet(const char *sheet, size_t sheet_len, const char *strings, bool deflate,
                       size_t *len)
{
    static const char wb[] = "<workbook " NS " " RNS "><sheets>"
                             "<sheet name=\"S\" sheetId=\"1\" r:id=\"rId1\"/></sheets></workbook>";
    static const char rels[] =
        "<Relationships xmlns=\"http://schemas.openxmlformats.org/package/2006/relationships\">"
        "<Relationship Id=\"rId1\" Type=\"" REL "worksheet\" Target=\"worksheets/sheet1.xml\"/>"
        "</Relationships>";
    part parts[6] = {
        {"[Content_Types].xml", content_types, 0},
        {"_rels/.rels", package_rels, 0},
        {"xl/workbook.xml", wb, 0},
        {"xl/_rels/workbook.xml.rels", rels, 0},
        {"xl/worksheets/sheet1.xml", sheet, sheet_len},
    };
    size_t n = 5;
    if (strings) parts[n++] = (part){"xl/sharedStrings.xml", strings, 0};
    return build_zip(parts, n, deflate, len);
}

static rc_xlsx *open_ok(const char *name, const char *buf, size_t len)
{
    rc_xlsx *wb = NULL;
    int rc = rc_xlsx_open(name, buf, len, &wb, ctx);
    ck_assert_msg(rc == RC_OK, "%s", rc_ctx_error(ctx));
    return wb;
}

static rc_xlsx_sheet *sheet_ok(rc_xlsx *wb, size_t i)
{
    rc_xlsx_sheet *sh = NULL;
    int rc = rc_xlsx_read_sheet(wb, i, &sh, ctx);
    ck_assert_msg(rc == RC_OK, "%s", rc_ctx_error(ctx));
    return sh;
}

static const rc_xlsx_cell *cell(const rc_xlsx_sheet *sh, unsigned row, unsigned col)
{
    const rc_xlsx_cell *c = rc_xlsx_cell_at(sh, row, col);
    ck_assert_msg(c != NULL, "no cell at row %u column %u", row, col);
    return c;
}

/* ---- number formats ------------------------------------------------------------------ */

/* One line per case: the value as stored, the format, what Excel shows, the decimal
 * places shown, the flags. */
static const struct {
    const char *value, *format, *shown;
    int places;
    unsigned flags;
} formats[] = {
    {"163326", "#,##0 ;(#,##0)", "163,326", 0, 0},
    {"-39177", "#,##0 ;(#,##0)", "(39,177)", 0, RC_XLSX_NEGATIVE},
    {"158.73", "_(\"$ \"#,##0.00_);_(\"$ \"(#,##0.00)", "$ 158.73", 2, 0},
    {"-743", "_(\"$ \"#,##0_);_(\"$ \"(#,##0)", "$ (743)", 0, RC_XLSX_NEGATIVE},
    {"228.1", "#,##0.00;(#,##0.00)", "228.10", 2, 0},
    /* a double's digits: 15 significant ones first, then the format's places */
    {"78.45999999999999", "#,##0.00", "78.46", 2, 0},
    {"0.28499999999999998", "0.00", "0.29", 2, 0},
    {"8.960000000000001", "General", "8.96", 2, 0},
    {"0.032", "#,##0.00%_);(#,##0.00%)", "3.20%", 2, RC_XLSX_PERCENT},
    {"0.09", "0%", "9%", 0, RC_XLSX_PERCENT},
    {"1442000", "#,##0,", "1,442", 0, 0},
    {"0.5", "#.00", ".50", 2, 0},
    {"5", "00", "05", 0, 0},
    {"2.5", "0.0#", "2.5", 1, 0},
    {"2.567", "0.0#", "2.57", 2, 0},
    {"1234.5", "General", "1234.5", 1, 0},
    {"-5", "General", "-5", 0, RC_XLSX_NEGATIVE},
    {"-5", "0.00", "-5.00", 2, RC_XLSX_NEGATIVE},
    {"1E3", "0", "1000", 0, 0},
    {"0", "#,##0;(#,##0);\"-\"", "-", 0, 0},
    {"12", "[$\xe2\x82\xac-407] #,##0.00", "\xe2\x82\xac 12.00", 2, 0},
    {"12", "[Red]#,##0", "12", 0, 0},
    {"45291", "m/d/yyyy", "12/31/2023", 0, RC_XLSX_DATE},
    {"45291", "d-mmm-yy", "31-Dec-23", 0, RC_XLSX_DATE},
    {"45291", "mmmm d, yyyy", "December 31, 2023", 0, RC_XLSX_DATE},
    {"45291.75", "yyyy-mm-dd hh:mm", "2023-12-31 18:00", 0, RC_XLSX_DATE},
    {"60", "yyyy-mm-dd", "1900-02-29", 0, RC_XLSX_DATE},
    {"59", "yyyy-mm-dd", "1900-02-28", 0, RC_XLSX_DATE},
};

START_TEST(test_formats)
{
    for (size_t i = 0; i < sizeof formats / sizeof *formats; i++) {
        char *out = NULL;
        int places = -1, scale = -1;
        unsigned flags = 99;
        rc_day day;
        int rc = rc_xlsx_format_number(formats[i].value, formats[i].format, false, &out, &places,
                                       &scale, &flags, &day);
        ck_assert_msg(rc == RC_OK, "%s in %s: rc %d", formats[i].value, formats[i].format, rc);
        ck_assert_msg(strcmp(out, formats[i].shown) == 0, "%s in %s: '%s', want '%s'",
                      formats[i].value, formats[i].format, out, formats[i].shown);
        ck_assert_msg(places == formats[i].places, "%s in %s: places %d, want %d", formats[i].value,
                      formats[i].format, places, formats[i].places);
        ck_assert_msg(flags == formats[i].flags, "%s in %s: flags %u, want %u", formats[i].value,
                      formats[i].format, flags, formats[i].flags);
        free(out);
    }
}
END_TEST

START_TEST(test_format_details)
{
    char *out;
    int places, scale;
    unsigned flags;
    rc_day day;
    /* the thousands scale of a trailing comma */
    ck_assert_int_eq(
        rc_xlsx_format_number("1442000", "#,##0,", false, &out, &places, &scale, &flags, &day),
        RC_OK);
    ck_assert_int_eq(scale, 3);
    free(out);
    /* a date's day, in both date systems */
    ck_assert_int_eq(
        rc_xlsx_format_number("45291", "m/d/yyyy", false, &out, NULL, NULL, NULL, &day), RC_OK);
    ck_assert_int_eq(day, rc_day_from_ymd(2023, 12, 31));
    free(out);
    ck_assert_int_eq(
        rc_xlsx_format_number("43829", "yyyy-mm-dd", true, &out, NULL, NULL, NULL, &day), RC_OK);
    ck_assert_str_eq(out, "2023-12-31");
    ck_assert_int_eq(day, rc_day_from_ymd(2023, 12, 31));
    free(out);
    /* no number */
    out = (char *)1;
    ck_assert_int_eq(rc_xlsx_format_number("abc", "0", false, &out, NULL, NULL, NULL, NULL),
                     RC_ESYNTAX);
    ck_assert_ptr_null(out);
    /* the built-in codes */
    ck_assert_str_eq(rc_xlsx_builtin_format(0), "General");
    ck_assert_str_eq(rc_xlsx_builtin_format(37), "#,##0 ;(#,##0)");
    ck_assert_str_eq(rc_xlsx_builtin_format(10), "0.00%");
    ck_assert_ptr_null(rc_xlsx_builtin_format(50));
    char name[4];
    rc_xlsx_column_name(0, name);
    ck_assert_str_eq(name, "A");
    rc_xlsx_column_name(27, name);
    ck_assert_str_eq(name, "AB");
    rc_xlsx_column_name(16383, name);
    ck_assert_str_eq(name, "XFD");
}
END_TEST

/* ---- cells ------------------------------------------------------------------------- */

START_TEST(test_sheets_and_strings)
{
    size_t len;
    char *buf = test_workbook(&len);
    ck_assert_int_eq(rc_xlsx_sniff(buf, len), RC_XLSX_ZIP);
    rc_xlsx *wb = open_ok("book.xlsx", buf, len);
    /* the chart sheet is no worksheet; the names as their tabs show them */
    ck_assert_uint_eq(rc_xlsx_sheet_count(wb), 2);
    ck_assert_str_eq(rc_xlsx_sheet_name(wb, 0), "Activity & more");
    ck_assert_str_eq(rc_xlsx_sheet_name(wb, 1), "Second");
    rc_xlsx_sheet *sh = sheet_ok(wb, 0);
    ck_assert_str_eq(sh->part, "xl/worksheets/sheet1.xml");
    /* a shared string, bold */
    ck_assert_int_eq(cell(sh, 1, 0)->type, RC_XLSX_STRING);
    ck_assert_str_eq(cell(sh, 1, 0)->value, "Plain");
    ck_assert(cell(sh, 1, 0)->flags & RC_XLSX_BOLD);
    /* an inline string */
    ck_assert_str_eq(cell(sh, 1, 1)->shown, "Inline");
    /* rich text runs joined, the phonetic run left out */
    ck_assert_str_eq(cell(sh, 2, 0)->value, "Rich text");
    /* an escaped character, blanks kept, a font with <b val="0"/> is not bold */
    ck_assert_str_eq(cell(sh, 5, 1)->value, "Tab\there");
    ck_assert(!(cell(sh, 5, 1)->flags & RC_XLSX_BOLD));
    ck_assert_str_eq(cell(sh, 10, 0)->value, " spaced ");
    /* the absolute target of the second sheet */
    rc_xlsx_sheet *sh2 = sheet_ok(wb, 1);
    ck_assert_str_eq(sh2->part, "xl/worksheets/sheet2.xml");
    ck_assert_str_eq(cell(sh2, 1, 0)->value, "Plain");
    ck_assert_uint_eq(sh2->index, 1);
    rc_xlsx_sheet_free(sh2);
    rc_xlsx_sheet_free(sh);
    rc_xlsx_free(wb);
    free(buf);
}
END_TEST

START_TEST(test_numbers)
{
    size_t len;
    char *buf = test_workbook(&len);
    rc_xlsx *wb = open_ok("book.xlsx", buf, len);
    rc_xlsx_sheet *sh = sheet_ok(wb, 0);
    const rc_xlsx_cell *c = cell(sh, 1, 2);
    ck_assert_int_eq(c->type, RC_XLSX_NUMBER);
    ck_assert_str_eq(c->value, "163326");
    ck_assert_str_eq(c->shown, "163,326");
    ck_assert_str_eq(c->format, "#,##0 ;(#,##0)");
    c = cell(sh, 1, 3);
    ck_assert_str_eq(c->value, "-39177");
    ck_assert_str_eq(c->shown, "(39,177)");
    ck_assert(c->flags & RC_XLSX_NEGATIVE);
    /* the value exactly as stored, the digits as shown */
    c = cell(sh, 2, 1);
    ck_assert_str_eq(c->value, "78.45999999999999");
    ck_assert_str_eq(c->shown, "$ 78.46");
    ck_assert_int_eq(c->places, 2);
    c = cell(sh, 2, 2);
    ck_assert_str_eq(c->shown, "3.20%");
    ck_assert(c->flags & RC_XLSX_PERCENT);
    c = cell(sh, 2, 3);
    ck_assert_str_eq(c->shown, "12/31/2023");
    ck_assert(c->flags & RC_XLSX_DATE);
    ck_assert_int_eq(c->date, rc_day_from_ymd(2023, 12, 31));
    c = cell(sh, 2, 4);
    ck_assert_str_eq(c->shown, "1,442");
    ck_assert_int_eq(c->scale, 3);
    /* cells that do not say their column follow the one before */
    ck_assert_str_eq(cell(sh, 5, 0)->value, "1");
    /* a boolean, an error */
    ck_assert_int_eq(cell(sh, 3, 4)->type, RC_XLSX_BOOL);
    ck_assert_str_eq(cell(sh, 3, 4)->shown, "TRUE");
    ck_assert_int_eq(cell(sh, 3, 5)->type, RC_XLSX_ERROR);
    ck_assert_str_eq(cell(sh, 3, 5)->shown, "#DIV/0!");
    rc_xlsx_sheet_free(sh);
    rc_xlsx_free(wb);
    free(buf);
}
END_TEST

START_TEST(test_formulas_empty_merged)
{
    size_t len;
    char *buf = test_workbook(&len);
    rc_xlsx *wb = open_ok("book.xlsx", buf, len);
    rc_xlsx_sheet *sh = sheet_ok(wb, 0);
    /* a formula with its cached value shows the value */
    const rc_xlsx_cell *c = cell(sh, 3, 2);
    ck_assert_int_eq(c->type, RC_XLSX_NUMBER);
    ck_assert(c->flags & RC_XLSX_FORMULA);
    ck_assert_str_eq(c->shown, "$ 156.92");
    ck_assert_str_eq(cell(sh, 3, 6)->shown, "ab");
    /* without one (no <v>, an empty <v>) it cannot be read: the cells are named */
    ck_assert_int_eq(cell(sh, 3, 3)->type, RC_XLSX_UNREADABLE);
    ck_assert_int_eq(cell(sh, 8, 3)->type, RC_XLSX_UNREADABLE);
    ck_assert_uint_eq(sh->nunreadable, 2);
    ck_assert_str_eq(sh->unreadable, "D3, D8");
    /* an empty cell is kept, empty */
    c = cell(sh, 3, 0);
    ck_assert_int_eq(c->type, RC_XLSX_EMPTY);
    ck_assert_str_eq(c->shown, "");
    /* rows without cells are not kept */
    for (size_t r = 0; r < sh->nrows; r++)
        ck_assert_uint_ne(sh->rows[r].row, 4);
    /* a merged range: its top-left cell spans it, the others are covered */
    c = cell(sh, 10, 0);
    ck_assert_uint_eq(c->span_cols, 3);
    ck_assert_uint_eq(c->span_rows, 1);
    ck_assert(cell(sh, 10, 1)->flags & RC_XLSX_COVERED);
    /* a range whose top-left cell the part leaves out: made, empty */
    c = cell(sh, 7, 1);
    ck_assert_int_eq(c->type, RC_XLSX_EMPTY);
    ck_assert_uint_eq(c->span_cols, 2);
    ck_assert_uint_eq(c->span_rows, 2);
    ck_assert(cell(sh, 8, 2)->flags & RC_XLSX_COVERED);
    ck_assert(!(cell(sh, 8, 3)->flags & RC_XLSX_COVERED));
    ck_assert_uint_eq(sh->ncols, 7);
    ck_assert_uint_eq(sh->nmerges, 2);
    /* the grid: shown texts at their columns, spans, numbers flagged, empty cells kept */
    rc_grid *g = rc_xlsx_grid(sh, "book.xlsx", RC_GRID_NOTE);
    ck_assert_ptr_nonnull(g);
    char *dump = rc_grid_dump(g);
    ck_assert_str_eq(dump, "  0:Plain | 1:Inline | 2:163,326 | 3:(39,177)\n"
                           "  0:Rich text | 1:$ 78.46 | 2:3.20% | 3:12/31/2023 | 4:1,442\n"
                           "  0: | 2:$ 156.92 | 3: | 4:TRUE | 5:#DIV/0! | 6:ab\n"
                           "  0:1 | 1:Tab here\n"
                           "  1-2:\n"
                           "  3:\n"
                           "  0-2:spaced\n");
    free(dump);
    ck_assert_str_eq(g->title, "Activity & more");
    ck_assert_uint_eq(g->rows[0].cells[3].flags, RC_CELL_NUMERIC | RC_CELL_NEGATIVE);
    ck_assert_uint_eq(g->rows[1].cells[3].flags, 0); /* a date is no number to read */
    ck_assert_uint_eq(g->rows[1].cells[1].src.line, 2);
    ck_assert_uint_eq(g->rows[1].cells[1].src.col, 2);
    rc_grid_free(g);
    rc_xlsx_sheet_free(sh);
    rc_xlsx_free(wb);
    free(buf);
}
END_TEST

/* A workbook as Excel itself saves one: an XML declaration, prefixed markup-compatibility
 * namespaces, numbers without t, styled empty cells in the merged range. */
START_TEST(test_excel_style)
{
    static const char sheet[] =
        "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\r\n"
        "<x:worksheet xmlns:x=\"http://schemas.openxmlformats.org/spreadsheetml/2006/main\" "
        "xmlns:mc=\"http://schemas.openxmlformats.org/markup-compatibility/2006\" "
        "mc:Ignorable=\"x14ac\" xmlns:x14ac=\"http://schemas.microsoft.com/office/spreadsheetml/"
        "2009/9/ac\"><x:sheetData><x:row r=\"1\" spans=\"1:2\" x14ac:dyDescent=\"0.25\">"
        "<x:c r=\"A1\" t=\"s\"><x:v>0</x:v></x:c><x:c r=\"B1\"><x:v> 12 </x:v></x:c></x:row>"
        "<x:row r=\"2\"><x:c r=\"A2\" s=\"12\"/></x:row></x:sheetData>"
        "<x:mergeCells count=\"1\"><x:mergeCell ref=\"A1:A2\"/></x:mergeCells></x:worksheet>";
    size_t len;
    char *buf = one_sheet(sheet, 0, strings_xml, true, &len);
    rc_xlsx *wb = open_ok("excel.xlsx", buf, len);
    rc_xlsx_sheet *sh = sheet_ok(wb, 0);
    ck_assert_str_eq(cell(sh, 1, 0)->value, "Plain");
    ck_assert_uint_eq(cell(sh, 1, 0)->span_rows, 2);
    ck_assert_int_eq(cell(sh, 1, 1)->type, RC_XLSX_NUMBER);
    ck_assert_str_eq(cell(sh, 1, 1)->shown, "12");
    ck_assert(cell(sh, 2, 0)->flags & RC_XLSX_COVERED);
    rc_xlsx_sheet_free(sh);
    rc_xlsx_free(wb);
    free(buf);
}
END_TEST

/* ---- hostile workbooks --------------------------------------------------------------- */

static void open_fails(const char *buf, size_t len, int code, const char *msg)
{
    rc_xlsx *wb = (rc_xlsx *)1;
    int rc = rc_xlsx_open("bad.xlsx", buf, len, &wb, ctx);
    ck_assert_msg(rc == code, "rc %d, want %d (%s)", rc, code, rc_ctx_error(ctx));
    ck_assert_ptr_null(wb);
    ck_assert_msg(strstr(rc_ctx_error(ctx), msg) != NULL, "'%s' does not say '%s'",
                  rc_ctx_error(ctx), msg);
}

/* Reading sheet 0 fails with code and msg. */
static void sheet_fails(const char *buf, size_t len, int code, const char *msg)
{
    rc_xlsx *wb = open_ok("bad.xlsx", buf, len);
    rc_xlsx_sheet *sh = (rc_xlsx_sheet *)1;
    int rc = rc_xlsx_read_sheet(wb, 0, &sh, ctx);
    ck_assert_msg(rc == code, "rc %d, want %d (%s)", rc, code, rc_ctx_error(ctx));
    ck_assert_ptr_null(sh);
    ck_assert_msg(strstr(rc_ctx_error(ctx), msg) != NULL, "'%s' does not say '%s'",
                  rc_ctx_error(ctx), msg);
    rc_xlsx_free(wb);
}

START_TEST(test_not_a_zip)
{
    open_fails("hello, world", 12, RC_EFORMAT,
               "bad.xlsx: error: not an .xlsx workbook: not a zip archive");
    open_fails("", 0, RC_EFORMAT, "not a zip archive");
    ck_assert_int_eq(rc_xlsx_sniff("hello, world", 12), RC_XLSX_NOT);
    /* a zip cut short */
    size_t len;
    char *buf = test_workbook(&len);
    open_fails(buf, len / 2, RC_EFORMAT, "a zip archive that cannot be read");
    free(buf);
    /* a zip without a workbook: an XBRL archive, a document */
    const part parts[] = {{"aapl-20250329.htm", "<html></html>", 0}};
    buf = build_zip(parts, 1, true, &len);
    ck_assert_int_eq(rc_xlsx_sniff(buf, len), RC_XLSX_OTHER_ZIP);
    open_fails(buf, len, RC_EFORMAT, "a zip archive that holds no workbook (no xl/workbook.xml)");
    /* read as an input: one clear line, not "binary data" */
    rc_model *model;
    ck_assert_int_eq(rc_model_new(&model), RC_OK);
    rc_format format;
    ck_assert_int_eq(rc_detect_format(buf, len), RC_FORMAT_UNKNOWN);
    ck_assert_int_eq(rc_read_buffer(model, vocab, "x.zip", buf, len, &format, ctx), RC_EFORMAT);
    ck_assert_str_eq(rc_ctx_error(ctx),
                     "x.zip: error: a zip archive that holds no workbook (no xl/workbook.xml): "
                     "not an .xlsx file; rollcheck does not read other archives: unpack it and "
                     "give its files");
    /* a workbook cut short before its directory */
    free(buf);
    buf = test_workbook(&len);
    ck_assert_int_eq(rc_read_buffer(model, vocab, "cut.xlsx", buf, 200, &format, ctx), RC_EFORMAT);
    ck_assert_msg(strstr(rc_ctx_error(ctx), "cut.xlsx: error: not an .xlsx workbook: a zip "
                                            "archive that cannot be read"),
                  "%s", rc_ctx_error(ctx));
    rc_model_free(model);
    free(buf);
}
END_TEST

/* An OLE compound file: the signature, then a directory entry's UTF-16 name. */
static char *ole_file(const char *stream, size_t *len)
{
    *len = 4096;
    char *buf = calloc(1, *len);
    ck_assert_ptr_nonnull(buf);
    memcpy(buf, "\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1", 8);
    for (size_t i = 0; stream[i]; i++)
        buf[1024 + 2 * i] = stream[i];
    return buf;
}

START_TEST(test_encrypted)
{
    size_t len;
    char *buf = ole_file("EncryptionInfo", &len);
    ck_assert_int_eq(rc_xlsx_sniff(buf, len), RC_XLSX_OLE);
    ck_assert_int_eq(rc_detect_format(buf, len), RC_FORMAT_XLSX);
    open_fails(buf, len, RC_EFORMAT, "bad.xlsx: error: a password-protected or encrypted workbook");
    rc_model *model;
    ck_assert_int_eq(rc_model_new(&model), RC_OK);
    ck_assert_int_eq(rc_read_buffer(model, vocab, "secret.xlsx", buf, len, NULL, ctx), RC_EFORMAT);
    ck_assert_msg(strstr(rc_ctx_error(ctx), "password-protected or encrypted workbook"), "%s",
                  rc_ctx_error(ctx));
    rc_model_free(model);
    free(buf);
    buf = ole_file("Workbook", &len);
    open_fails(buf, len, RC_EFORMAT, "a legacy Excel 97-2003 workbook (.xls");
    free(buf);
    /* another OLE file (a .doc) is no workbook at all */
    buf = ole_file("WordDocument", &len);
    ck_assert_int_eq(rc_xlsx_sniff(buf, len), RC_XLSX_NOT);
    ck_assert_int_eq(rc_detect_format(buf, len), RC_FORMAT_UNKNOWN);
    free(buf);
}
END_TEST

START_TEST(test_zip_bomb)
{
    /* 32 MiB of blanks inside the sheet data inflate from a few dozen KiB */
    size_t blanks = (size_t)32 << 20;
    rc_buf b = RC_BUF_INIT;
    rc_buf_puts(&b, "<worksheet " NS "><sheetData>");
    char *pad = malloc(blanks);
    ck_assert_ptr_nonnull(pad);
    memset(pad, ' ', blanks);
    rc_buf_append(&b, pad, blanks);
    free(pad);
    rc_buf_puts(&b, "<row r=\"1\"><c r=\"A1\"><v>1</v></c></row></sheetData></worksheet>");
    ck_assert(!b.failed);
    size_t len;
    char *buf = one_sheet(b.data, b.len, NULL, true, &len);
    rc_buf_free(&b);
    ck_assert_uint_lt(len, (size_t)1 << 20);
    sheet_fails(buf, len, RC_ELIMIT, "a zip bomb");
    free(buf);
}
END_TEST

START_TEST(test_million_empty_rows)
{
    rc_buf b = RC_BUF_INIT;
    rc_buf_puts(&b, "<worksheet " NS "><sheetData>");
    for (unsigned r = 1; r < RC_XLSX_MAX_ROW; r++)
        rc_buf_printf(&b, "<row r=\"%u\"/>", r);
    rc_buf_printf(&b, "<row r=\"%u\"><c r=\"B%u\"><v>7</v></c></row>", RC_XLSX_MAX_ROW,
                  RC_XLSX_MAX_ROW);
    rc_buf_puts(&b, "</sheetData></worksheet>");
    ck_assert(!b.failed);
    size_t len;
    char *buf = one_sheet(b.data, b.len, NULL, true, &len);
    rc_buf_free(&b);
    rc_xlsx *wb = open_ok("rows.xlsx", buf, len);
    rc_xlsx_sheet *sh = sheet_ok(wb, 0);
    /* a million rows read, one kept */
    ck_assert_uint_eq(sh->nrows, 1);
    ck_assert_uint_eq(sh->rows[0].row, RC_XLSX_MAX_ROW);
    ck_assert_str_eq(cell(sh, RC_XLSX_MAX_ROW, 1)->value, "7");
    rc_xlsx_sheet_free(sh);
    rc_xlsx_free(wb);
    free(buf);
}
END_TEST

START_TEST(test_bad_parts)
{
    size_t len;
    /* beyond Excel's last row */
    static const char far_row[] =
        "<worksheet " NS "><sheetData><row r=\"1048577\"><c><v>1</v></c></row></sheetData>"
        "</worksheet>";
    char *buf = one_sheet(far_row, 0, NULL, true, &len);
    sheet_fails(buf, len, RC_ESYNTAX, "sheet 'S': a row numbered 1048577, beyond Excel's 1048576");
    free(buf);
    /* a shared string that is not there */
    static const char no_string[] = "<worksheet " NS "><sheetData><row r=\"3\"><c r=\"B3\" t=\"s\">"
                                    "<v>7</v></c></row></sheetData></worksheet>";
    buf = one_sheet(no_string, 0, strings_xml, true, &len);
    sheet_fails(buf, len, RC_ESYNTAX,
                "sheet 'S', cell B3: it names shared string '7', but the workbook has 4");
    free(buf);
    /* XML that does not parse: the part and the line */
    static const char broken[] = "<worksheet " NS ">\n<sheetData>\n<row r=\"1\"><c r=\"A1\"><v>1"
                                 "</c></row></sheetData></worksheet>";
    buf = one_sheet(broken, 0, NULL, true, &len);
    sheet_fails(buf, len, RC_ESYNTAX, "xl/worksheets/sheet1.xml, line 3");
    free(buf);
    /* a DTD with an entity is not expanded */
    static const char entity[] =
        "<!DOCTYPE worksheet [<!ENTITY e \"0123456789\">]><worksheet " NS "><sheetData>"
        "<row r=\"1\"><c r=\"A1\" t=\"inlineStr\"><is><t>&e;</t></is></c></row></sheetData>"
        "</worksheet>";
    buf = one_sheet(entity, 0, NULL, true, &len);
    rc_xlsx *wb = open_ok("entity.xlsx", buf, len);
    rc_xlsx_sheet *sh = sheet_ok(wb, 0);
    ck_assert_str_eq(cell(sh, 1, 0)->value, "");
    rc_xlsx_sheet_free(sh);
    rc_xlsx_free(wb);
    free(buf);
    /* a workbook whose sheet part is missing */
    static const char wbx[] = "<workbook " NS " " RNS "><sheets><sheet name=\"Gone\" sheetId=\"1\" "
                              "r:id=\"rId1\"/></sheets></workbook>";
    static const char rels[] =
        "<Relationships xmlns=\"http://schemas.openxmlformats.org/package/2006/relationships\">"
        "<Relationship Id=\"rId1\" Type=\"" REL "worksheet\" Target=\"worksheets/gone.xml\"/>"
        "</Relationships>";
    const part parts[] = {{"xl/workbook.xml", wbx, 0}, {"xl/_rels/workbook.xml.rels", rels, 0}};
    buf = build_zip(parts, 2, false, &len);
    sheet_fails(buf, len, RC_EFORMAT, "sheet 'Gone': its part xl/worksheets/gone.xml is not in");
    free(buf);
}
END_TEST

/* ---- EDGAR's Financial_Report.xlsx ------------------------------------------------------ */

START_TEST(test_split_title)
{
    static const struct {
        const char *a1, *title, *scale;
    } cases[] = {
        {"Share-Based Compensation - Restricted Stock Unit Activity and Related Information "
         "(Details) - Restricted stock units shares in Thousands",
         "Share-Based Compensation - Restricted Stock Unit Activity and Related Information "
         "(Details) - Restricted stock units",
         "shares in Thousands"},
        {"STOCK-BASED COMPENSATION PLANS - Stock Option Activity (Details) - USD ($) $ / shares "
         "in Units, shares in Millions, $ in Millions",
         "STOCK-BASED COMPENSATION PLANS - Stock Option Activity (Details) - USD ($)",
         "$ / shares in Units, shares in Millions, $ in Millions"},
        {"STOCK-BASED COMPENSATION PLANS - Summary (Details) - Performance Shares - $ / shares "
         "shares in Thousands",
         "STOCK-BASED COMPENSATION PLANS - Summary (Details) - Performance Shares - $ / shares",
         "shares in Thousands"},
        {"Financial Instruments - Additional Information (Details) $ in Billions",
         "Financial Instruments - Additional Information (Details)", "$ in Billions"},
        {"Share-Based Compensation (Tables)", "Share-Based Compensation (Tables)", NULL},
        {"Title\nshares in Thousands", "Title", "shares in Thousands"},
    };
    for (size_t i = 0; i < sizeof cases / sizeof *cases; i++) {
        char *title, *scale;
        rc_workbook_split_title(cases[i].a1, &title, &scale);
        ck_assert_str_eq(title, cases[i].title);
        if (cases[i].scale)
            ck_assert_str_eq(scale ? scale : "(none)", cases[i].scale);
        else
            ck_assert_ptr_null(scale);
        free(title);
        free(scale);
    }
}
END_TEST

START_TEST(test_split_heading)
{
    static const struct {
        const char *text, *lines;
    } cases[] = {
        {"12 Months Ended", "12 Months Ended"},
        {"Mar. 29, 2025 $ / shares shares", "Mar. 29, 2025\n$ / shares\nshares"},
        /* Dean Foods' workbook joins them with nothing */
        {"Dec. 31, 2019USD ($)$ / sharesshares", "Dec. 31, 2019\nUSD ($)\n$ / shares\nshares"},
        /* a custom unit is a line of its own, as on the page */
        {"Dec. 31, 2022 USD ($) plan $ / shares shares",
         "Dec. 31, 2022\nUSD ($)\nplan\n$ / shares\nshares"},
        {"Dec. 31, 2023 Restricted Stock Units (RSUs) shares",
         "Dec. 31, 2023\nRestricted Stock Units (RSUs)\nshares"},
        {"Dec. 31, 2018 Class B Common Stock [Member] Employee Stock Option [Member] CNY "
         "(\xc2\xa5) / "
         "shares",
         "Dec. 31, 2018\nClass B Common Stock [Member]\nEmployee Stock Option [Member]\nCNY "
         "(\xc2\xa5) / shares"},
        {"Sep. 28, 2024", "Sep. 28, 2024"},
    };
    for (size_t i = 0; i < sizeof cases / sizeof *cases; i++) {
        char *lines = rc_workbook_split_heading(cases[i].text);
        ck_assert_str_eq(lines, cases[i].lines);
        free(lines);
    }
    ck_assert_int_eq(rc_workbook_sheet_kind("X - Stock Option Activity (Details) - USD ($)"),
                     RC_SHEET_DETAILS);
    ck_assert_int_eq(rc_workbook_sheet_kind("X (Narrative) (Details) - USD ($)"),
                     RC_SHEET_NARRATIVE);
    ck_assert_int_eq(rc_workbook_sheet_kind("X - Additional Information (Details)"),
                     RC_SHEET_NARRATIVE);
    ck_assert_int_eq(rc_workbook_sheet_kind("Share-Based Compensation (Tables)"), RC_SHEET_TABLES);
    ck_assert_int_eq(rc_workbook_sheet_kind("Share-Based Compensation"), RC_SHEET_NOTES);
    ck_assert_int_eq(rc_workbook_sheet_kind("Summary of Accounting Policies (Policies)"),
                     RC_SHEET_OTHER);
    ck_assert_int_eq(rc_workbook_sheet_kind("Cover Page - shares"), RC_SHEET_OTHER);
}
END_TEST

static rc_xlsx_sheet *corpus_sheet(const char *path, size_t i, char **buf, rc_xlsx **wb)
{
    size_t len;
    *buf = slurp(path, &len);
    *wb = open_ok(path, *buf, len);
    return sheet_ok(*wb, i);
}

/* Sheet 38 of Apple's workbook is R38.htm: the same grid, cell for cell. */
START_TEST(test_report_grid_is_r_page)
{
    char *buf;
    rc_xlsx *wb;
    rc_xlsx_sheet *sh = corpus_sheet(AAPL_XLSX, 37, &buf, &wb);
    unsigned nhead;
    ck_assert(rc_workbook_is_report_sheet(sh, &nhead));
    ck_assert_uint_eq(nhead, 2);
    rc_grid *g = rc_workbook_report_grid(sh, vocab, AAPL_XLSX);
    ck_assert_ptr_nonnull(g);
    size_t len;
    char *html = slurp(DATA "aapl-20250329/R38.htm", &len);
    rc_rhtml_page *page = NULL;
    ck_assert_int_eq(rc_rhtml_parse("R38.htm", html, len, 0, &page, ctx), RC_OK);
    char *want = rc_grid_dump(page->report);
    char *got = rc_grid_dump(g);
    ck_assert_msg(strcmp(got, want) == 0, "sheet 38:\n%s\nR38.htm:\n%s", got, want);
    ck_assert_str_eq(g->title, page->report->title);
    ck_assert_str_eq(g->scale, page->report->scale);
    ck_assert_uint_eq(g->ncols, page->report->ncols);
    ck_assert_uint_eq(g->nrows, page->report->nrows);
    for (size_t r = 0; r < g->nrows; r++) {
        ck_assert_uint_eq(g->rows[r].flags, page->report->rows[r].flags);
        for (size_t k = 0; k < g->rows[r].ncells && r >= 2; k++)
            ck_assert_msg(g->rows[r].cells[k].flags == page->report->rows[r].cells[k].flags,
                          "row %zu cell %zu: flags %u, the page's %u", r, k,
                          g->rows[r].cells[k].flags, page->report->rows[r].cells[k].flags);
    }
    /* where a cell is: its row and column in the sheet */
    ck_assert_str_eq(g->rows[5].cells[1].text, "(39,177)");
    ck_assert_uint_eq(g->rows[5].cells[1].src.line, 6);
    ck_assert_uint_eq(g->rows[5].cells[1].src.col, 2);
    free(want);
    free(got);
    free(html);
    rc_rhtml_page_free(page);
    rc_grid_free(g);
    rc_xlsx_sheet_free(sh);
    rc_xlsx_free(wb);
    free(buf);
}
END_TEST

/* Coca-Cola's PSU sheet: labels a concept would tell apart, told by the layout and
 * the number formats. */
START_TEST(test_label_cues)
{
    char *buf;
    rc_xlsx *wb;
    rc_xlsx_sheet *sh = corpus_sheet(XLSX "ko-2024/Financial_Report.xlsx", 91, &buf, &wb);
    rc_grid *g = rc_workbook_report_grid(sh, vocab, "ko.xlsx");
    ck_assert_ptr_nonnull(g);
    char *dump = rc_grid_dump(g);
    ck_assert_str_eq(
        dump,
        "H 0:STOCK-BASED COMPENSATION PLANS - Summary of information about outstanding "
        "nonvested performance share units based on target award levels (Details) - "
        "Performance Shares - $ / shares/shares in Thousands | 1-3:12 Months Ended\n"
        "H 1:Dec. 31, 2024 | 2:Dec. 31, 2023 | 3:Dec. 31, 2022\n"
        "  0:Summary disclosures | 1: | 2: | 3:\n"
        "  0:Nonvested Stock Units | shares | 1:2,539 | 2:2,854 | 3:\n"
        "  0:Nonvested Stock Units, Weighted Average Grant Date Fair Value | 1:$ 56.91 | 2:$ 58.48 "
        "| 3:\n"
        "  0:Granted | shares | 1:1,348 | 2: | 3:\n"
        "  0:Granted, Weighted Average Grant Date Fair Value | 1:$ 57.16 | 2:$ 56.63 | 3:$ 59.61\n"
        "  0:Vested | shares | 1:(1,477) | 2: | 3:\n"
        "  0:Vested, Weighted Average Grant Date Fair Value | 1:$ 58.87 | 2: | 3:\n"
        "  0:Forfeited | shares | 1:(186) | 2: | 3:\n"
        "  0:Forfeited, Weighted Average Grant Date Fair Value | 1:$ 58.15 | 2: | 3:\n"
        "M 0:Median | 1: | 2: | 3:\n"
        "  0:Summary disclosures | 1: | 2: | 3:\n"
        "  0:Nonvested Stock Units | shares | 1:952 | 2: | 3:\n"
        "M 0:Maximum | 1: | 2: | 3:\n"
        "  0:Summary disclosures | 1: | 2: | 3:\n"
        "  0:Nonvested Stock Units | shares | 1:6,348 | 2: | 3:\n");
    /* the bold label of an abstract row */
    ck_assert_uint_eq(g->rows[2].cells[0].flags, RC_CELL_ABSTRACT);
    free(dump);
    rc_grid_free(g);
    rc_xlsx_sheet_free(sh);
    /* a footnote column (Graham Holdings, sheet 67) is dropped, as on the page; the
     * footnotes under the table are no rows */
    rc_xlsx_free(wb);
    free(buf);
    sh = corpus_sheet(XLSX "ghc-2018/Financial_Report.xlsx", 66, &buf, &wb);
    g = rc_workbook_report_grid(sh, vocab, "ghc.xlsx");
    ck_assert_ptr_nonnull(g);
    ck_assert_uint_eq(g->ncols, 3);
    ck_assert_str_eq(g->rows[1].cells[0].text, "Dec. 31, 2018");
    ck_assert_uint_eq(g->rows[1].cells[0].col, 1);
    const rc_grid_row *last = &g->rows[g->nrows - 1];
    ck_assert_str_eq(last->cells[0].text, "Net Carrying Amount");
    rc_grid_free(g);
    rc_xlsx_sheet_free(sh);
    rc_xlsx_free(wb);
    free(buf);
}
END_TEST

/* The text of a Tables sheet's text block as the lines of a capture. */
START_TEST(test_block_lines)
{
    char *buf;
    rc_xlsx *wb;
    rc_xlsx_sheet *sh = corpus_sheet(AAPL_XLSX, 24, &buf, &wb);
    char *lines = rc_workbook_block_lines(vocab, cell(sh, 4, 1)->shown);
    ck_assert_str_eq(lines, "A summary of the Company\xe2\x80\x99s RSU activity and related "
                            "information for the six months ended March 29, 2025 is as follows:\n"
                            "Number of RSUs (in thousands) Weighted-Average\n"
                            "Balance as of September 28, 2024\n163,326\n$ 158.73\n"
                            "RSUs granted\n63,378\n$ 228.10\n"
                            "RSUs vested\n(39,177)\n$ 148.90\n"
                            "RSUs canceled\n(4,181)\n$ 177.54\n"
                            "Balance as of March 29, 2025\n183,346\n$ 184.38");
    free(lines);
    /* open parentheses, a footnote's mark glued to a label, a duration, the footnotes */
    lines = rc_workbook_block_lines(
        vocab, "Options outstanding and exercisable at January 1, 2019 385,538 $ 14.55 "
               "Forfeited and canceled(1) (244,144 ) 16.36 Options outstanding at December 31, "
               "2019(2) 141,394 11.43 5.4 years $ \xe2\x80\x94 (1) Pursuant to the terms of our "
               "plans, options that are forfeited may be granted again.");
    ck_assert_str_eq(lines, "Options outstanding and exercisable at January 1, 2019\n385,538\n"
                            "$ 14.55\nForfeited and canceled(1)\n(244,144)\n16.36\n"
                            "Options outstanding at December 31, 2019(2)\n141,394\n11.43\n"
                            "5.4 years\n$ \xe2\x80\x94\n(1) Pursuant to the terms of our plans, "
                            "options that are forfeited may be granted again.");
    free(lines);
    rc_xlsx_sheet_free(sh);
    rc_xlsx_free(wb);
    free(buf);
}
END_TEST

/* ---- reading into a model --------------------------------------------------------------- */

static rc_model *read_model(const char *name, const char *buf, size_t len)
{
    rc_model *model;
    ck_assert_int_eq(rc_model_new(&model), RC_OK);
    rc_format format;
    int rc = rc_read_buffer(model, vocab, name, buf, len, &format, ctx);
    ck_assert_msg(rc == RC_OK, "%s: %s", name, rc_ctx_error(ctx));
    ck_assert_int_eq(rc_model_finish(model, ctx), RC_OK);
    return model;
}

static rc_model *read_path(const char *path)
{
    size_t len;
    char *buf = slurp(path, &len);
    rc_model *model = read_model(path, buf, len);
    free(buf);
    return model;
}

static bool has_note(const rc_model *m, const char *text)
{
    for (size_t i = 0; i < rc_model_note_count(m); i++)
        if (strstr(rc_model_note(m, i)->text, text)) return true;
    return false;
}

/* Two facts report the same number as shown. */
static void same_fact(const rc_fact *a, const rc_fact *b, const char *what)
{
    ck_assert_msg((a == NULL) == (b == NULL), "%s: one side has none", what);
    if (!a) return;
    ck_assert_msg(mpq_equal(a->value.q, b->value.q), "%s: %s and %s differ", what,
                  a->text ? a->text : "?", b->text ? b->text : "?");
    ck_assert_int_eq(a->value.decimals, b->value.decimals);
    ck_assert_int_eq(a->kind, b->kind);
}

static void same_rollforward(const rc_rollforward *a, const rc_rollforward *b, bool start)
{
    ck_assert_int_eq(a->award, b->award);
    ck_assert_str_eq(a->award_type ? a->award_type : "", b->award_type ? b->award_type : "");
    ck_assert_str_eq(a->currency ? a->currency : "", b->currency ? b->currency : "");
    if (start) ck_assert_int_eq(a->start, b->start);
    ck_assert_int_eq(a->end, b->end);
    for (int l = 0; l < RC_LINE__COUNT; l++) {
        same_fact(a->lines[l].count, b->lines[l].count, rc_line_name((rc_line)l));
        same_fact(a->lines[l].price, b->lines[l].price, rc_line_name((rc_line)l));
        same_fact(a->lines[l].fair_value, b->lines[l].fair_value, rc_line_name((rc_line)l));
    }
    ck_assert_uint_eq(a->nmovements, b->nmovements);
    for (size_t m = 0; m < a->nmovements; m++) {
        ck_assert_int_eq(a->movements[m].role, b->movements[m].role);
        same_fact(a->movements[m].count, b->movements[m].count, rc_role_name(a->movements[m].role));
        same_fact(a->movements[m].fair_value, b->movements[m].fair_value,
                  rc_role_name(a->movements[m].role));
    }
}

/* Apple's workbook and its R page give the same roll-forward. */
START_TEST(test_read_aapl)
{
    rc_model *wb = read_path(AAPL_XLSX);
    rc_model *page = read_path(DATA "aapl-20250329/R38.htm");
    ck_assert_uint_eq(rc_model_count_rollforwards(wb, NULL), 1);
    ck_assert_uint_eq(rc_model_count_rollforwards(page, NULL), 1);
    const rc_rollforward *a = rc_model_get(wb, 0), *b = rc_model_get(page, 0);
    same_rollforward(a, b, true);
    ck_assert_str_eq(a->file, AAPL_XLSX);
    ck_assert_uint_eq(a->src.line, 4); /* sheet 38, row 4 */
    ck_assert_int_eq(a->end, rc_day_from_ymd(2025, 3, 29));
    /* which sheets were read, which not and why */
    ck_assert(has_note(wb, "an EDGAR Financial_Report workbook of 42 sheets; the share-based "
                           "payment sheets read: 38 'Share-Based Compensation - Restricted Stock "
                           "Unit Activity and Related Information (Details) - Restricted stock "
                           "units'"));
    ck_assert(has_note(wb, "not read: 15 'Share-Based Compensation', 25 'Share-Based "
                           "Compensation (Tables)', 39 'Share-Based Compensation - Additional "
                           "Information (Details) - Restricted stock units - USD ($)'"));
    rc_model_free(wb);
    rc_model_free(page);
}
END_TEST

/* Dean Foods' workbook as EDGAR wrote it: shared strings, headings joined with nothing. */
START_TEST(test_read_dean)
{
    rc_model *m = read_path(XLSX "dean-2019/Financial_Report.xlsx");
    size_t rsu = 0;
    for (size_t i = 0; i < rc_model_count(m); i++) {
        const rc_rollforward *rf = rc_model_get(m, i);
        if (rf->award != RC_AWARD_OTHER || !rf->award_type || strcmp(rf->award_type, "RSU") != 0 ||
            rf->nmembers != 0)
            continue;
        rsu++;
        /* 980,970 + 1,932,629 - 333,179 - 1,734,882 = 845,538 */
        ck_assert_int_eq(mpq_cmp_si(rc_opening(rf)->count->value.q, 980970, 1), 0);
        ck_assert_int_eq(mpq_cmp_si(rc_closing(rf)->count->value.q, 845538, 1), 0);
        ck_assert_uint_eq(rf->nmovements, 3);
        ck_assert_int_eq(rf->movements[0].role, RC_ROLE_GRANTED);
        ck_assert_int_eq(rf->start, rc_day_from_ymd(2019, 1, 1));
    }
    ck_assert_uint_eq(rsu, 1);
    rc_model_free(m);
}
END_TEST

/* A workbook of a filing without Details sheets: the tables of its text block. */
START_TEST(test_read_text_block)
{
    char *abuf;
    rc_xlsx *awb;
    rc_xlsx_sheet *tables = corpus_sheet(AAPL_XLSX, 24, &abuf, &awb);
    const char *text = cell(tables, 4, 1)->shown;
    /* Apple's Tables sheet as the only share-based sheet, beside its cover */
    rc_buf sheet = RC_BUF_INIT;
    rc_buf_puts(&sheet, "<worksheet " NS "><sheetData>"
                        "<row r=\"1\"><c r=\"A1\" t=\"inlineStr\"><is><t>Share-Based Compensation "
                        "(Tables)</t></is></c><c r=\"B1\" t=\"inlineStr\"><is><t>6 Months Ended"
                        "</t></is></c></row><row r=\"2\"><c r=\"B2\" t=\"inlineStr\"><is><t>Mar. "
                        "29, 2025</t></is></c></row><row r=\"4\"><c r=\"A4\" t=\"inlineStr\"><is>"
                        "<t>Restricted Stock Unit Activity</t></is></c><c r=\"B4\" "
                        "t=\"inlineStr\"><is><t>");
    for (const char *p = text; *p; p++) {
        if (*p == '&')
            rc_buf_puts(&sheet, "&amp;");
        else if (*p == '<')
            rc_buf_puts(&sheet, "&lt;");
        else
            rc_buf_putc(&sheet, *p);
    }
    rc_buf_puts(&sheet, "</t></is></c></row></sheetData><mergeCells><mergeCell ref=\"A1:A2\"/>"
                        "</mergeCells></worksheet>");
    static const char cover[] =
        "<worksheet " NS "><sheetData><row r=\"1\"><c r=\"A1\" t=\"inlineStr\"><is><t>Cover Page"
        "</t></is></c><c r=\"B1\" t=\"inlineStr\"><is><t>6 Months Ended</t></is></c></row>"
        "<row r=\"2\"><c r=\"B2\" t=\"inlineStr\"><is><t>Mar. 29, 2025</t></is></c></row>"
        "</sheetData><mergeCells><mergeCell ref=\"A1:A2\"/></mergeCells></worksheet>";
    static const char wbx[] = "<workbook " NS " " RNS "><sheets><sheet name=\"Cover Page\" "
                              "sheetId=\"1\" r:id=\"rId1\"/><sheet name=\"Share-Based "
                              "Compensation (Table\" sheetId=\"2\" r:id=\"rId2\"/></sheets>"
                              "</workbook>";
    static const char rels[] =
        "<Relationships xmlns=\"http://schemas.openxmlformats.org/package/2006/relationships\">"
        "<Relationship Id=\"rId1\" Type=\"" REL "worksheet\" Target=\"worksheets/sheet1.xml\"/>"
        "<Relationship Id=\"rId2\" Type=\"" REL "worksheet\" Target=\"worksheets/sheet2.xml\"/>"
        "</Relationships>";
    ck_assert(!sheet.failed);
    const part parts[] = {{"xl/workbook.xml", wbx, 0},
                          {"xl/_rels/workbook.xml.rels", rels, 0},
                          {"xl/worksheets/sheet1.xml", cover, 0},
                          {"xl/worksheets/sheet2.xml", sheet.data, sheet.len}};
    size_t len;
    char *buf = build_zip(parts, 4, true, &len);
    rc_buf_free(&sheet);
    rc_model *m = read_model("tables.xlsx", buf, len);
    rc_model *page = read_path(DATA "aapl-20250329/R38.htm");
    ck_assert_uint_eq(rc_model_count_rollforwards(m, NULL), 1);
    const rc_rollforward *rf = rc_model_get(m, 0);
    /* the same figures as the Details page; the text names the first day exactly */
    same_rollforward(rf, rc_model_get(page, 0), false);
    ck_assert_int_eq(rf->start, rc_day_from_ymd(2024, 9, 29));
    ck_assert_uint_eq(rf->src.line, 4);
    ck_assert_uint_eq(rf->src.col, 2);
    rc_model_free(page);
    rc_model_free(m);
    free(buf);
    rc_xlsx_sheet_free(tables);
    rc_xlsx_free(awb);
    free(abuf);
}
END_TEST

/* A workbook that is no EDGAR workbook is a schedule (schedule.h); formulas without
 * cached values are named in a note. */
START_TEST(test_read_schedule)
{
    static const char sheet[] =
        "<worksheet " NS "><sheetData>"
        "<row r=\"1\"><c r=\"A1\" t=\"inlineStr\"><is><t>Stock option activity</t></is></c></row>"
        "<row r=\"2\"><c r=\"B2\" t=\"inlineStr\"><is><t>Number of options</t></is></c>"
        "<c r=\"C2\" t=\"inlineStr\"><is><t>Weighted average exercise price</t></is></c></row>"
        "<row r=\"3\"><c r=\"A3\" t=\"inlineStr\"><is><t>Outstanding at January 1, 2024</t></is>"
        "</c><c r=\"B3\"><v>1000</v></c><c r=\"C3\"><v>10.5</v></c></row>"
        "<row r=\"4\"><c r=\"A4\" t=\"inlineStr\"><is><t>Granted</t></is></c><c r=\"B4\"><v>200"
        "</v></c><c r=\"C4\"><v>12</v></c></row>"
        "<row r=\"5\"><c r=\"A5\" t=\"inlineStr\"><is><t>Exercised</t></is></c><c r=\"B5\"><v>"
        "-100</v></c><c r=\"C5\"><v>9</v></c></row>"
        "<row r=\"6\"><c r=\"A6\" t=\"inlineStr\"><is><t>Outstanding at December 31, 2024</t>"
        "</is></c><c r=\"B6\"><f>B3+B4+B5</f><v>1100</v></c><c r=\"C6\"><v>10.95</v></c></row>"
        "<row r=\"8\"><c r=\"A8\" t=\"inlineStr\"><is><t>Check</t></is></c><c r=\"B8\"><f>B6-B3"
        "</f></c></row>"
        "</sheetData></worksheet>";
    size_t len;
    char *buf = one_sheet(sheet, 0, NULL, true, &len);
    rc_model *m = read_model("schedule.xlsx", buf, len);
    ck_assert_uint_eq(rc_model_count_rollforwards(m, NULL), 1);
    const rc_rollforward *rf = rc_model_get(m, 0);
    ck_assert_int_eq(rf->award, RC_AWARD_OPTIONS);
    ck_assert_int_eq(mpq_cmp_si(rc_closing(rf)->count->value.q, 1100, 1), 0);
    ck_assert_uint_eq(rc_closing(rf)->count->src.line, 6);
    ck_assert(has_note(m, "sheet 1 'S': 1 formula without a cached value (B8)"));
    ck_assert(!has_note(m, "EDGAR"));
    rc_model_free(m);
    free(buf);
}
END_TEST

static void write_file(const char *path, const char *buf, size_t len)
{
    FILE *f = fopen(path, "wb");
    ck_assert_ptr_nonnull(f);
    ck_assert_uint_eq(fwrite(buf, 1, len, f), len);
    ck_assert_int_eq(fclose(f), 0);
}

/* A filing's folder reads its R pages rather than its Financial_Report.xlsx, which holds
 * the same tables without their concepts. */
START_TEST(test_folder_prefers_pages)
{
    char dir[] = "/tmp/rollcheck-xlsx-XXXXXX";
    ck_assert_ptr_nonnull(mkdtemp(dir));
    char page[64], book[64];
    snprintf(page, sizeof page, "%s/R38.htm", dir);
    snprintf(book, sizeof book, "%s/Financial_Report.xlsx", dir);
    size_t len;
    char *buf = slurp(DATA "aapl-20250329/R38.htm", &len);
    write_file(page, buf, len);
    free(buf);
    buf = slurp(AAPL_XLSX, &len);
    write_file(book, buf, len);
    free(buf);
    rc_inputs *in;
    ck_assert_int_eq(rc_inputs_new(&in), RC_OK);
    ck_assert_int_eq(rc_inputs_add(in, dir, ctx), RC_OK);
    rc_model *model;
    ck_assert_int_eq(rc_model_new(&model), RC_OK);
    ck_assert_int_eq(rc_inputs_read(in, model, vocab, ctx), RC_OK);
    ck_assert_uint_eq(rc_inputs_count(in), 2);
    const rc_input *x = rc_inputs_get(in, 0);
    ck_assert_str_eq(x->path, book);
    ck_assert_int_eq(x->format, RC_FORMAT_XLSX);
    ck_assert_str_eq(x->skipped, "the R pages of the same filing are read instead (R38.htm ...)");
    ck_assert_ptr_null(rc_inputs_get(in, 1)->skipped);
    ck_assert_uint_eq(rc_model_count_rollforwards(model, NULL), 1);
    rc_model_free(model);
    rc_inputs_free(in);
    /* the workbook alone in its folder is read */
    ck_assert_int_eq(remove(page), 0);
    ck_assert_int_eq(rc_inputs_new(&in), RC_OK);
    ck_assert_int_eq(rc_inputs_add(in, dir, ctx), RC_OK);
    ck_assert_int_eq(rc_model_new(&model), RC_OK);
    ck_assert_int_eq(rc_inputs_read(in, model, vocab, ctx), RC_OK);
    ck_assert_ptr_null(rc_inputs_get(in, 0)->skipped);
    ck_assert_uint_eq(rc_inputs_get(in, 0)->rollforwards, 1);
    rc_model_free(model);
    rc_inputs_free(in);
    ck_assert_int_eq(remove(book), 0);
    ck_assert_int_eq(rmdir(dir), 0);
}
END_TEST

static Suite *xlsx_suite(void)
{
    Suite *s = suite_create("xlsx");
    TCase *tc = tcase_create("formats");
    tcase_add_test(tc, test_formats);
    tcase_add_test(tc, test_format_details);
    suite_add_tcase(s, tc);
    tc = tcase_create("cells");
    tcase_add_checked_fixture(tc, setup, teardown);
    tcase_add_test(tc, test_sheets_and_strings);
    tcase_add_test(tc, test_numbers);
    tcase_add_test(tc, test_formulas_empty_merged);
    tcase_add_test(tc, test_excel_style);
    suite_add_tcase(s, tc);
    tc = tcase_create("hostile");
    tcase_add_checked_fixture(tc, setup, teardown);
    tcase_set_timeout(tc, 120);
    tcase_add_test(tc, test_not_a_zip);
    tcase_add_test(tc, test_encrypted);
    tcase_add_test(tc, test_zip_bomb);
    tcase_add_test(tc, test_million_empty_rows);
    tcase_add_test(tc, test_bad_parts);
    suite_add_tcase(s, tc);
    tc = tcase_create("financial report");
    tcase_add_checked_fixture(tc, setup, teardown);
    tcase_set_timeout(tc, 60);
    tcase_add_test(tc, test_split_title);
    tcase_add_test(tc, test_split_heading);
    tcase_add_test(tc, test_report_grid_is_r_page);
    tcase_add_test(tc, test_label_cues);
    tcase_add_test(tc, test_block_lines);
    suite_add_tcase(s, tc);
    tc = tcase_create("read");
    tcase_add_checked_fixture(tc, setup, teardown);
    tcase_set_timeout(tc, 60);
    tcase_add_test(tc, test_read_aapl);
    tcase_add_test(tc, test_read_dean);
    tcase_add_test(tc, test_read_text_block);
    tcase_add_test(tc, test_read_schedule);
    tcase_add_test(tc, test_folder_prefers_pages);
    suite_add_tcase(s, tc);
    return s;
}

int main(void)
{
    SRunner *sr = srunner_create(xlsx_suite());
    srunner_run_all(sr, CK_NORMAL);
    int failed = srunner_ntests_failed(sr);
    srunner_free(sr);
    return failed ? EXIT_FAILURE : EXIT_SUCCESS;
}
