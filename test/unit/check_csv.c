/*
 * Unit tests: CSV schedules into grids (csv.h) - delimiters, quotes, line breaks
 * inside fields, encodings, ragged rows, and what is no CSV at all.
 */
#include <check.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "rollcheck/read.h"
#include "read/csv.h"
#include "read/grid.h"

static rc_ctx *ctx;

static void setup(void)
{
    ck_assert_int_eq(rc_ctx_new(&ctx), RC_OK);
}

static void teardown(void)
{
    rc_ctx_free(ctx);
}

/* Parse text (n bytes; strlen when 0) and return the grid, failing the test on error. */
static rc_grid *parse_n(const char *text, size_t n, rc_csv_info *info)
{
    rc_grid *g = NULL;
    int rc = rc_csv_parse("t.csv", text, n ? n : strlen(text), &g, info, ctx);
    ck_assert_msg(rc == RC_OK, "parse: %s", rc_ctx_error(ctx));
    ck_assert_ptr_nonnull(g);
    return g;
}

static rc_grid *parse(const char *text, rc_csv_info *info)
{
    return parse_n(text, 0, info);
}

/* The text of the cell at row r (0-based), column col, or NULL when there is none. */
static const char *at(const rc_grid *g, size_t r, unsigned col)
{
    ck_assert_uint_lt(r, g->nrows);
    const rc_cell *c = rc_grid_cell_at(&g->rows[r], col);
    return c ? c->text : NULL;
}

static const rc_cell *cell(const rc_grid *g, size_t r, unsigned col)
{
    const rc_cell *c = rc_grid_cell_at(&g->rows[r], col);
    ck_assert_msg(c, "no cell at row %zu column %u", r, col);
    return c;
}

#define TEXT(g, r, col, want)                                                                      \
    do {                                                                                           \
        const char *t_ = at(g, r, col);                                                            \
        ck_assert_msg(t_ &&strcmp(t_, want) == 0, "row %d col %d is '%s', want '%s'", (int)(r),    \
                      (int)(col), t_ ? t_ : "(none)", want);                                       \
    } while (0)

/* ---- delimiters ---------------------------------------------------------------------------- */

START_TEST(test_comma)
{
    rc_csv_info info;
    rc_grid *g = parse(",Number,Price\nGranted,\"1,250\",12.50\nExercised,(100),8.00\n", &info);
    ck_assert_int_eq(info.delimiter, ',');
    ck_assert_uint_eq(info.records, 3);
    ck_assert_uint_eq(info.fields, 3);
    ck_assert_uint_eq(g->nrows, 3);
    ck_assert_ptr_null(at(g, 0, 0)); /* an empty field is no cell */
    TEXT(g, 0, 1, "Number");
    TEXT(g, 1, 1, "1,250");
    TEXT(g, 2, 1, "(100)");
    TEXT(g, 2, 2, "8.00");
    ck_assert_uint_eq(g->ncols, 3);
    rc_grid_free(g);
}
END_TEST

START_TEST(test_semicolon_tab_pipe)
{
    static const struct {
        const char *text;
        char delim;
    } cases[] = {
        {"Label;Number;Price\nGranted;1,250;12.50\nExercised;100;8.00\n", ';'},
        {"Label\tNumber\tPrice\nGranted\t1,250\t12.50\nExercised\t100\t8.00\n", '\t'},
        {"Label|Number|Price\nGranted|1,250|12.50\nExercised|100|8.00\n", '|'},
        /* Excel's first line names the delimiter, and is no record */
        {"sep=;\nLabel;Number, in full;Price\nGranted;1250;12.50\n", ';'},
    };
    for (size_t i = 0; i < sizeof cases / sizeof *cases; i++) {
        rc_csv_info info;
        rc_grid *g = parse(cases[i].text, &info);
        ck_assert_msg(info.delimiter == cases[i].delim, "case %zu: delimiter '%c'", i,
                      info.delimiter);
        TEXT(g, 1, 0, "Granted");
        TEXT(g, 1, 2, "12.50");
        if (i == 3) {
            ck_assert_uint_eq(g->nrows, 2);
            TEXT(g, 0, 1, "Number, in full");
            ck_assert_uint_eq(cell(g, 0, 0)->src.line, 2); /* the line in the file */
        } else {
            TEXT(g, 1, 1, "1,250");
        }
        rc_grid_free(g);
    }
}
END_TEST

/* A comma inside numbers does not make the comma the delimiter of a ';' file. */
START_TEST(test_decimal_comma)
{
    rc_csv_info info;
    rc_grid *g = parse("Label;Number;Price\nGranted;1.250;12,50\nExercised;(1 100);8,5\n"
                       "Total;2.350,75;\n",
                       &info);
    ck_assert_int_eq(info.delimiter, ';');
    ck_assert(info.decimal_comma);
    TEXT(g, 1, 1, "1,250");
    TEXT(g, 1, 2, "12.50");
    TEXT(g, 2, 1, "(1100)");
    TEXT(g, 2, 2, "8.5");
    TEXT(g, 3, 1, "2,350.75");
    TEXT(g, 0, 1, "Number"); /* text is left alone */
    rc_grid_free(g);
    /* a ';' file written with decimal points stays as it is */
    g = parse("Label;Number;Price\nGranted;1,250;12.50\n", &info);
    ck_assert(!info.decimal_comma);
    TEXT(g, 1, 1, "1,250");
    rc_grid_free(g);
}
END_TEST

/* ---- quotes and line breaks ------------------------------------------------------------ */

START_TEST(test_quotes)
{
    rc_grid *g = parse("\"Label, with comma\",\"Say \"\"when\"\"\",  \"padded\" \n"
                       "\"\",x,\"\"\"\"\n",
                       NULL);
    TEXT(g, 0, 0, "Label, with comma");
    TEXT(g, 0, 1, "Say \"when\"");
    TEXT(g, 0, 2, "padded");         /* blanks before the opening quote are allowed */
    ck_assert_ptr_null(at(g, 1, 0)); /* "" is empty */
    TEXT(g, 1, 1, "x");
    TEXT(g, 1, 2, "\"");
    rc_grid_free(g);
}
END_TEST

START_TEST(test_embedded_newlines)
{
    /* a heading cell over two lines, CRLF records, a CR-only record */
    rc_grid *g = parse(",\"Weighted-average\r\nexercise price\",Number\r\n"
                       "Granted,12.50,100\r"
                       "Exercised,8.00,(50)\r\n",
                       NULL);
    ck_assert_uint_eq(g->nrows, 3);
    TEXT(g, 0, 1, "Weighted-average\nexercise price");
    TEXT(g, 1, 0, "Granted");
    TEXT(g, 2, 2, "(50)");
    /* rows are records; locations are lines and columns of the file */
    ck_assert_uint_eq(cell(g, 1, 0)->src.line, 3);
    ck_assert_uint_eq(cell(g, 2, 0)->src.line, 4);
    ck_assert_uint_eq(cell(g, 2, 2)->src.col, 16);
    ck_assert_uint_eq(cell(g, 0, 2)->src.line, 2);
    rc_grid_free(g);
}
END_TEST

START_TEST(test_unterminated_quote)
{
    rc_grid *g = NULL;
    const char *text = "Label,Number\nGranted,\"1,250\nExercised,100\n";
    int rc = rc_csv_parse("t.csv", text, strlen(text), &g, NULL, ctx);
    ck_assert_int_eq(rc, RC_ESYNTAX);
    ck_assert_ptr_null(g);
    ck_assert_msg(strstr(rc_ctx_error(ctx), "t.csv:2:9: error: a quoted field is never closed"),
                  "%s", rc_ctx_error(ctx));
}
END_TEST

/* ---- encodings ------------------------------------------------------------------------- */

START_TEST(test_utf8_bom)
{
    rc_csv_info info;
    rc_grid *g = parse("\xef\xbb\xbfLabel,Number\nGranted \xe2\x80\x94 new hires,100\n", &info);
    ck_assert_int_eq(info.encoding, RC_CSV_UTF8_BOM);
    TEXT(g, 0, 0, "Label"); /* no byte order mark in the first cell */
    ck_assert_uint_eq(cell(g, 0, 0)->src.col, 1);
    TEXT(g, 1, 0, "Granted \xe2\x80\x94 new hires");
    rc_grid_free(g);
    g = parse("Label,Number\nGranted,100\n", &info);
    ck_assert_int_eq(info.encoding, RC_CSV_UTF8);
    rc_grid_free(g);
}
END_TEST

START_TEST(test_windows_1252)
{
    rc_csv_info info;
    /* an em dash (0x97), a euro sign (0x80), an e acute (0xe9): not UTF-8 */
    rc_grid *g = parse("Options \x97 2024,Price (\x80)\nAccord\xe9,12.50\n", &info);
    ck_assert_int_eq(info.encoding, RC_CSV_WINDOWS_1252);
    ck_assert_str_eq(rc_csv_encoding_name(info.encoding), "Windows-1252");
    TEXT(g, 0, 0, "Options \xe2\x80\x94 2024");
    TEXT(g, 0, 1, "Price (\xe2\x82\xac)");
    TEXT(g, 1, 0, "Accord\xc3\xa9");
    rc_grid_free(g);
}
END_TEST

/* text as UTF-16 with its byte order mark */
static char *utf16(const char *ascii, bool little, size_t *len)
{
    size_t n = strlen(ascii);
    char *out = malloc(2 * n + 2);
    ck_assert_ptr_nonnull(out);
    out[0] = little ? '\xff' : '\xfe';
    out[1] = little ? '\xfe' : '\xff';
    for (size_t i = 0; i < n; i++) {
        out[2 + 2 * i] = little ? ascii[i] : 0;
        out[3 + 2 * i] = little ? 0 : ascii[i];
    }
    *len = 2 * n + 2;
    return out;
}

START_TEST(test_utf16)
{
    for (int little = 0; little < 2; little++) {
        size_t len;
        char *buf = utf16("Label\tNumber\r\nGranted\t1,250\r\nExercised\t(100)\r\n", little, &len);
        ck_assert(rc_csv_detect(buf, len));
        ck_assert_int_eq(rc_detect_format(buf, len), RC_FORMAT_CSV);
        rc_csv_info info;
        rc_grid *g = parse_n(buf, len, &info);
        ck_assert_int_eq(info.encoding, little ? RC_CSV_UTF16LE : RC_CSV_UTF16BE);
        ck_assert_int_eq(info.delimiter, '\t');
        TEXT(g, 1, 1, "1,250");
        TEXT(g, 2, 0, "Exercised");
        rc_grid_free(g);
        free(buf);
    }
    /* an unpaired surrogate: a clear error */
    const char bad[] = "\xff\xfe"
                       "A\0,\0"
                       "\x00\xd8"
                       "1\0";
    rc_grid *g = NULL;
    ck_assert_int_eq(rc_csv_parse("t.csv", bad, sizeof bad - 1, &g, NULL, ctx), RC_EFORMAT);
    ck_assert_msg(strstr(rc_ctx_error(ctx), "unpaired surrogate"), "%s", rc_ctx_error(ctx));
}
END_TEST

/* ---- shapes -------------------------------------------------------------------------- */

START_TEST(test_ragged_and_blank)
{
    rc_csv_info info;
    rc_grid *g =
        parse("Title\n\n,Number,Price,Term\nGranted,100\n,,,\nExercised,(50),8.00,5.1\n", &info);
    /* blank records stay rows, so that row numbers are the sheet's */
    ck_assert_uint_eq(g->nrows, 6);
    ck_assert_uint_eq(info.records, 6);
    ck_assert_uint_eq(g->rows[1].ncells, 0);
    ck_assert_uint_eq(g->rows[4].ncells, 0);
    ck_assert_uint_eq(g->rows[3].ncells, 2);
    TEXT(g, 3, 1, "100");
    ck_assert_ptr_null(at(g, 3, 2));
    TEXT(g, 5, 3, "5.1");
    ck_assert_uint_eq(g->ncols, 4);
    rc_grid_free(g);
}
END_TEST

START_TEST(test_empty_and_binary)
{
    rc_grid *g = NULL;
    ck_assert_int_eq(rc_csv_parse("t.csv", "", 0, &g, NULL, ctx), RC_EFORMAT);
    ck_assert_msg(strstr(rc_ctx_error(ctx), "t.csv: error: empty file"), "%s", rc_ctx_error(ctx));
    static const char bin[] = "PK\3\4\0\0\x08\0a,b\n1,2\n";
    ck_assert_int_eq(rc_csv_parse("t.csv", bin, sizeof bin - 1, &g, NULL, ctx), RC_EFORMAT);
    ck_assert_msg(strstr(rc_ctx_error(ctx), "binary data"), "%s", rc_ctx_error(ctx));
    ck_assert_ptr_null(g);
    ck_assert(!rc_csv_detect(bin, sizeof bin - 1));
    ck_assert(!rc_csv_detect("", 0));
}
END_TEST

START_TEST(test_limits)
{
    /* one record with more fields than a spreadsheet has columns */
    size_t n = RC_CSV_MAX_FIELDS + 8;
    char *text = malloc(n + 16);
    ck_assert_ptr_nonnull(text);
    strcpy(text, "a");
    memset(text + 1, ',', n);
    strcpy(text + 1 + n, "1\n");
    rc_grid *g = NULL;
    ck_assert_int_eq(rc_csv_parse("t.csv", text, strlen(text), &g, NULL, ctx), RC_ELIMIT);
    ck_assert_msg(strstr(rc_ctx_error(ctx), "t.csv:1: error: a record of more than 16384 fields"),
                  "%s", rc_ctx_error(ctx));
    free(text);
}
END_TEST

/* ---- detection ------------------------------------------------------------------------- */

START_TEST(test_detect)
{
    static const char *const yes[] = {
        ",Number of options,Price\nOutstanding,\"1,000\",10.00\nGranted,100,12.00\n",
        "Label;Number\nGranted;100\nExercised;(50)\n",
        "a\tb\n1\t2\nx\t3\n",
    };
    for (size_t i = 0; i < sizeof yes / sizeof *yes; i++) {
        ck_assert_msg(rc_csv_detect(yes[i], strlen(yes[i])), "case %zu not detected", i);
        ck_assert_int_eq(rc_detect_format(yes[i], strlen(yes[i])), RC_FORMAT_CSV);
    }
    static const char *const no[] = {
        "{\"a\": 1, \"b\": 2}\n",
        "<html><body>a,1\nb,2</body></html>\n",
        "Plain prose, with a comma.\nAnd another line, with one too.\n",
        "only one field\n1\n2\n",
        "a,b\n", /* one record */
    };
    for (size_t i = 0; i < sizeof no / sizeof *no; i++) {
        ck_assert_msg(!rc_csv_detect(no[i], strlen(no[i])), "case %zu detected as CSV", i);
        ck_assert_int_ne(rc_detect_format(no[i], strlen(no[i])), RC_FORMAT_CSV);
    }
    /* a text capture's "|" cells split like CSV, but the capture's reader claims them */
    const char *capture = "| Granted\n| 100\n| Exercised\n| (50)\n";
    ck_assert_int_eq(rc_detect_format(capture, strlen(capture)), RC_FORMAT_TEXT_CAPTURE);
    ck_assert_str_eq(rc_format_name(RC_FORMAT_CSV), "csv");
}
END_TEST

Suite *csv_suite(void)
{
    Suite *s = suite_create("csv");
    TCase *tc = tcase_create("delimiters");
    tcase_add_checked_fixture(tc, setup, teardown);
    tcase_add_test(tc, test_comma);
    tcase_add_test(tc, test_semicolon_tab_pipe);
    tcase_add_test(tc, test_decimal_comma);
    suite_add_tcase(s, tc);
    tc = tcase_create("quotes");
    tcase_add_checked_fixture(tc, setup, teardown);
    tcase_add_test(tc, test_quotes);
    tcase_add_test(tc, test_embedded_newlines);
    tcase_add_test(tc, test_unterminated_quote);
    suite_add_tcase(s, tc);
    tc = tcase_create("encodings");
    tcase_add_checked_fixture(tc, setup, teardown);
    tcase_add_test(tc, test_utf8_bom);
    tcase_add_test(tc, test_windows_1252);
    tcase_add_test(tc, test_utf16);
    suite_add_tcase(s, tc);
    tc = tcase_create("shapes");
    tcase_add_checked_fixture(tc, setup, teardown);
    tcase_add_test(tc, test_ragged_and_blank);
    tcase_add_test(tc, test_empty_and_binary);
    tcase_add_test(tc, test_limits);
    tcase_add_test(tc, test_detect);
    suite_add_tcase(s, tc);
    return s;
}

int main(void)
{
    SRunner *sr = srunner_create(csv_suite());
    srunner_run_all(sr, CK_NORMAL);
    int failed = srunner_ntests_failed(sr);
    srunner_free(sr);
    return failed ? EXIT_FAILURE : EXIT_SUCCESS;
}
