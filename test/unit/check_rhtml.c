/* Unit tests: EDGAR R pages as HTML (src/read/rhtml.c). */
#include <check.h>
#include <gmp.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "rollcheck/read.h"
#include "common/util.h"
#include "read/rhtml.h"

#define DATA RC_SOURCE_DIR "/test/data/"
#define AAPL DATA "aapl-20250329/"

/* The whole file at path (the test fails when it cannot be read). */
static char *slurp(const char *path, size_t *len)
{
    rc_ctx *ctx;
    ck_assert_int_eq(rc_ctx_new(&ctx), 0);
    char *buf = NULL;
    int rc = rc_read_whole_file(path, (size_t)1 << 30, &buf, len, ctx);
    ck_assert_msg(rc == 0, "%s", rc_ctx_error(ctx));
    rc_ctx_free(ctx);
    return buf;
}

/* Parse buf as name; the test fails unless it parses. */
static rc_rhtml_page *parse_ok(const char *name, const char *buf, size_t len, unsigned line0)
{
    rc_ctx *ctx;
    ck_assert_int_eq(rc_ctx_new(&ctx), 0);
    rc_rhtml_page *page = NULL;
    int rc = rc_rhtml_parse(name, buf, len, line0, &page, ctx);
    ck_assert_msg(rc == 0, "%s: %s", name, rc_ctx_error(ctx));
    ck_assert_ptr_nonnull(page);
    ck_assert_ptr_nonnull(page->report);
    rc_ctx_free(ctx);
    return page;
}

static rc_rhtml_page *parse_file(const char *path)
{
    size_t len;
    char *buf = slurp(path, &len);
    rc_rhtml_page *page = parse_ok(path, buf, len, 0);
    free(buf);
    return page;
}

/* Parse buf, expecting failure with code and exactly msg. */
static void parse_fails(const char *name, const char *buf, size_t len, int code, const char *msg)
{
    rc_ctx *ctx;
    ck_assert_int_eq(rc_ctx_new(&ctx), 0);
    rc_rhtml_page *page = (rc_rhtml_page *)1;
    int rc = rc_rhtml_parse(name, buf, len, 0, &page, ctx);
    ck_assert_msg(rc == code, "%s: rc %d, want %d (%s)", name, rc, code, rc_ctx_error(ctx));
    ck_assert_ptr_null(page);
    if (msg) ck_assert_str_eq(rc_ctx_error(ctx), msg);
    rc_ctx_free(ctx);
}

static void assert_dump(const rc_grid *grid, const char *want)
{
    char *got = rc_grid_dump(grid);
    ck_assert_ptr_nonnull(got);
    ck_assert_msg(strcmp(got, want) == 0, "grid dump:\n%s\nwanted:\n%s", got, want);
    free(got);
}

/* The cell of grid row r at column col (the test fails when there is none). */
static const rc_cell *cell(const rc_grid *grid, size_t r, unsigned col)
{
    ck_assert_uint_lt(r, grid->nrows);
    const rc_cell *c = rc_grid_cell_at(&grid->rows[r], col);
    ck_assert_msg(c != NULL, "no cell at row %zu column %u", r, col);
    return c;
}

/* ---- the report table ------------------------------------------------------------- */

static const char *r38_dump =
    "H 0:Share-Based Compensation - Restricted Stock Unit Activity and Related Information "
    "(Details) - Restricted stock units/shares in Thousands | 1:6 Months Ended\n"
    "H 1:Mar. 29, 2025/$ / shares/shares\n"
    "  0:Number of Restricted Stock Units | 1:\n"
    "  0:Beginning balance (in shares) | shares | 1:163,326\n"
    "  0:RSUs granted (in shares) | shares | 1:63,378\n"
    "  0:RSUs vested (in shares) | shares | 1:(39,177)\n"
    "  0:RSUs canceled (in shares) | shares | 1:(4,181)\n"
    "  0:Ending balance (in shares) | shares | 1:183,346\n"
    "  0:Weighted-Average Grant-Date Fair Value Per RSU | 1:\n"
    "  0:Beginning balance (in dollars per share) | $ / shares | 1:$ 158.73\n"
    "  0:RSUs granted (in dollars per share) | $ / shares | 1:228.10\n"
    "  0:RSUs vested (in dollars per share) | $ / shares | 1:148.90\n"
    "  0:RSUs canceled (in dollars per share) | $ / shares | 1:177.54\n"
    "  0:Ending balance (in dollars per share) | $ / shares | 1:$ 184.38\n";

#define SBCA "us-gaap:ShareBasedCompensationArrangementByShareBasedPaymentAward"

START_TEST(test_r38_report)
{
    rc_rhtml_page *page = parse_file(AAPL "R38.htm");
    const rc_grid *g = page->report;
    ck_assert_int_eq(g->kind, RC_GRID_REPORT);
    ck_assert_uint_eq(page->nnotes, 0);
    assert_dump(g, r38_dump);
    ck_assert_str_eq(g->title, "Share-Based Compensation - Restricted Stock Unit Activity and "
                               "Related Information (Details) - Restricted stock units");
    ck_assert_str_eq(g->scale, "shares in Thousands");
    ck_assert_uint_eq(g->ncols, 2);
    ck_assert_str_eq(g->file, AAPL "R38.htm");
    ck_assert_uint_eq(g->src.line, 13); /* <table class="report" ...> */
    ck_assert_uint_eq(g->rows[0].flags, RC_ROW_HEAD);
    ck_assert_uint_eq(g->rows[1].flags, RC_ROW_HEAD);
    /* the heading's <div>s are the lines of one cell */
    ck_assert_str_eq(cell(g, 1, 1)->text, "Mar. 29, 2025\n$ / shares\nshares");
    /* an abstract row: <strong> label, its roll-forward concept, an empty text cell */
    const rc_cell *c = cell(g, 2, 0);
    ck_assert_uint_eq(c->flags, RC_CELL_ABSTRACT);
    ck_assert_str_eq(c->concept, SBCA "EquityInstrumentsOtherThanOptionsNonvestedRollForward");
    ck_assert_uint_eq(cell(g, 2, 1)->flags, RC_CELL_TEXTUAL);
    ck_assert_str_eq(cell(g, 2, 1)->text, "");
    /* the vested row: the concept, a negative number, the lines of the page */
    c = cell(g, 5, 0);
    ck_assert_uint_eq(c->flags, 0);
    ck_assert_str_eq(c->concept, SBCA "EquityInstrumentsOtherThanOptionsVestedInPeriod");
    ck_assert_uint_eq(c->src.line, 39);
    ck_assert_str_eq(c->src.file, AAPL "R38.htm");
    c = cell(g, 5, 1);
    ck_assert_str_eq(c->text, "(39,177)");
    ck_assert_uint_eq(c->flags, RC_CELL_NUMERIC | RC_CELL_NEGATIVE);
    ck_assert_uint_eq(c->src.line, 40);
    ck_assert_ptr_null(c->concept);
    /* positive numbers */
    ck_assert_uint_eq(cell(g, 3, 1)->flags, RC_CELL_NUMERIC);
    ck_assert_uint_eq(cell(g, 13, 1)->flags, RC_CELL_NUMERIC);
    ck_assert_str_eq(cell(g, 13, 0)->concept, SBCA
                     "EquityInstrumentsOtherThanOptionsNonvestedWeightedAverageGrantDateFairValue");
    /* no row is a total or member row, and the authRefData tables are not rows */
    for (size_t r = 2; r < g->nrows; r++)
        ck_assert_uint_eq(g->rows[r].flags, 0);
    ck_assert_uint_eq(g->nrows, 14);
    rc_rhtml_page_free(page);
}
END_TEST

/* A page with a single heading row: every column an instant. */
START_TEST(test_instant_columns)
{
    rc_rhtml_page *page = parse_file(AAPL "R34.htm");
    assert_dump(page->report,
                "H 0:Condensed Consolidated Financial Statement Details - Inventories (Details) "
                "- USD ($)/$ in Millions | 1:Mar. 29, 2025 | 2:Sep. 28, 2024\n"
                "  0:Organization, Consolidation and Presentation of Financial Statements "
                "[Abstract] | 1: | 2:\n"
                "  0:Components | 1:$ 2,673 | 2:$ 3,627\n"
                "  0:Finished goods | 1:3,596 | 2:3,659\n"
                "  0:Total inventories | 1:$ 6,269 | 2:$ 7,286\n");
    ck_assert_str_eq(page->report->scale, "$ in Millions");
    /* EDGAR marks the total row (class rou) */
    ck_assert_uint_eq(page->report->rows[3].flags, 0);
    ck_assert_uint_eq(page->report->rows[4].flags, RC_ROW_TOTAL);
    rc_rhtml_page_free(page);
}
END_TEST

/*
 * test/data/rhtml/options-footnotes.htm is constructed (see the comment in it):
 * footnote indexers after the labels, after the cells of one column and after the
 * heading of another, whose cells then span two columns.  The indexers vanish and
 * the value columns are numbered 1 and 2 all the same.
 */
START_TEST(test_footnotes_members)
{
    rc_rhtml_page *page = parse_file(DATA "rhtml/options-footnotes.htm");
    const rc_grid *g = page->report;
    assert_dump(g, "H 0:Stock Plans - Stock Option Activity (Details) - USD ($)/$ / shares in "
                   "Units, shares in Thousands, $ in Millions | 1-2:12 Months Ended\n"
                   "H 1:Dec. 31, 2023 | 2:Dec. 31, 2022\n"
                   "M 0:Employee Stock Option [Member] | 1: | 2:\n"
                   "  0:Number of options [Roll Forward] | 1: | 2:\n"
                   "  0:Outstanding, beginning balance (in shares) | 1:10,000 | 2:9,000\n"
                   "  0:Granted (in shares) | 1:2,000 | 2:1,500\n"
                   "  0:Assumed in acquisition (in shares) | 1: | 2:100\n"
                   "  0:Exercised (in shares) | 1:(1,500) | 2:(500)\n"
                   "  0:Forfeited (in shares) | 1:(500) | 2:(100)\n"
                   "  0:Outstanding, ending balance (in shares) | 1:10,000 | 2:10,000\n"
                   "  0:Weighted average remaining contractual term | 1:6 years 2 months 12 days "
                   "| 2:\n");
    ck_assert_uint_eq(g->ncols, 3);
    ck_assert_str_eq(g->scale, "$ / shares in Units, shares in Thousands, $ in Millions");
    /* the title cell spans the label and its indexer column: one column here */
    ck_assert_uint_eq(cell(g, 0, 0)->span, 1);
    ck_assert_uint_eq(cell(g, 0, 1)->span, 2);
    /* the member title row names axis and member */
    ck_assert_uint_eq(g->rows[2].flags, RC_ROW_MEMBER);
    ck_assert_str_eq(cell(g, 2, 0)->concept,
                     "us-gaap:AwardTypeAxis=us-gaap:EmployeeStockOptionMember");
    ck_assert_uint_eq(cell(g, 3, 0)->flags, RC_CELL_ABSTRACT);
    /* the value cell after a label indexer [2], and the one before a cell indexer [1] */
    ck_assert_str_eq(cell(g, 4, 1)->text, "10,000");
    ck_assert_uint_eq(cell(g, 4, 1)->span, 1);
    ck_assert_str_eq(cell(g, 5, 1)->text, "2,000");
    /* the heading-footnote column's cells (colspan 2 in the page) are one column */
    ck_assert_str_eq(cell(g, 5, 2)->text, "1,500");
    ck_assert_uint_eq(cell(g, 5, 2)->span, 1);
    ck_assert_uint_eq(g->rows[5].ncells, 3);
    /* a company extension element ("pl custom") */
    const rc_cell *c = cell(g, 6, 0);
    ck_assert_uint_eq(c->flags, RC_CELL_CUSTOM);
    ck_assert_str_eq(c->concept,
                     "abc:ShareBasedCompensationArrangementOptionsAssumedInAcquisition");
    ck_assert_uint_eq(cell(g, 6, 1)->flags, RC_CELL_TEXTUAL); /* empty: &#160; */
    /* the total row (class reu), a duration as text, a nil fact (a lone space) */
    ck_assert_uint_eq(g->rows[9].flags, RC_ROW_TOTAL);
    ck_assert_uint_eq(cell(g, 10, 1)->flags, RC_CELL_TEXTUAL);
    ck_assert_uint_eq(cell(g, 10, 2)->flags, RC_CELL_NIL);
    ck_assert_str_eq(cell(g, 10, 2)->text, "");
    /* a label cell's lines and the cells' */
    ck_assert_uint_eq(cell(g, 7, 0)->src.line, 60);
    ck_assert_uint_eq(cell(g, 7, 2)->src.line, 64);
    /* the footnote bodies are no rows */
    ck_assert_uint_eq(g->nrows, 11);
    ck_assert_uint_eq(page->nnotes, 0);
    rc_rhtml_page_free(page);
}
END_TEST

/* ---- the tables of text blocks -------------------------------------------------------- */

START_TEST(test_r25_note_tables)
{
    rc_rhtml_page *page = parse_file(AAPL "R25.htm");
    /* the report table: two text blocks, kept as text */
    const rc_grid *g = page->report;
    ck_assert_str_eq(g->title, "Share-Based Compensation (Tables)");
    ck_assert_ptr_null(g->scale);
    ck_assert_uint_eq(g->nrows, 5);
    ck_assert_str_eq(cell(g, 3, 0)->concept,
                     "us-gaap:ScheduleOfNonvestedRestrictedStockUnitsActivityTableTextBlock");
    ck_assert_uint_eq(cell(g, 3, 1)->flags, RC_CELL_TEXTUAL);
    /* the RSU activity table and the expense table */
    ck_assert_uint_eq(page->nnotes, 2);
    const rc_grid *n = page->notes[0];
    ck_assert_int_eq(n->kind, RC_GRID_NOTE);
    assert_dump(n, "H 1:Number of RSUs (in thousands) | 2:Weighted-Average Grant-Date Fair Value "
                   "Per RSU\n"
                   "  0:Balance as of September 28, 2024 | 1:163,326 | 2:$ 158.73\n"
                   "  0:RSUs granted | 1:63,378 | 2:$ 228.10\n"
                   "  0:RSUs vested | 1:(39,177) | 2:$ 148.90\n"
                   "  0:RSUs canceled | 1:(4,181) | 2:$ 177.54\n"
                   "  0:Balance as of March 29, 2025 | 1:183,346 | 2:$ 184.38\n");
    ck_assert_uint_eq(n->ncols, 3);
    ck_assert_str_eq(n->title,
                     "Share-Based Compensation (Tables) - Restricted Stock Unit Activity");
    ck_assert_str_eq(n->context, "A summary of the Company\xe2\x80\x99s RSU activity and related "
                                 "information for the six months ended March 29, 2025 is as "
                                 "follows:");
    ck_assert_str_eq(n->period_heading, "6 Months Ended\nMar. 29, 2025");
    ck_assert_uint_eq(n->rows[0].flags, RC_ROW_HEAD);
    for (size_t r = 1; r < n->nrows; r++)
        ck_assert_uint_eq(n->rows[r].flags, 0);
    ck_assert_uint_eq(cell(n, 3, 1)->flags, RC_CELL_NUMERIC | RC_CELL_NEGATIVE);
    ck_assert_uint_eq(cell(n, 3, 2)->flags, RC_CELL_NUMERIC);
    ck_assert_uint_eq(cell(n, 1, 0)->flags, 0);
    /* the whole text block sits on line 26 of the page */
    ck_assert_uint_eq(cell(n, 1, 1)->src.line, 26);
    ck_assert_uint_eq(n->src.line, 26);

    n = page->notes[1];
    assert_dump(n, "H 1-2:Three Months Ended | 3-4:Six Months Ended\n"
                   "H 1:March 29, 2025 | 2:March 30, 2024 | 3:March 29, 2025 | 4:March 30, 2024\n"
                   "  0:Share-based compensation expense | 1:$ 3,226 | 2:$ 2,964 | 3:$ 6,512 | "
                   "4:$ 5,961\n"
                   "  0:Income tax benefit related to share-based compensation expense | 1:$ "
                   "(743) | 2:$ (663) | 3:$ (2,075) | 4:$ (1,898)\n");
    ck_assert_str_eq(n->title, "Share-Based Compensation (Tables) - Share-Based Compensation "
                               "Expense and the Related Income Tax Benefit");
    ck_assert_str_eq(n->period_heading, "6 Months Ended\nMar. 29, 2025");
    ck_assert_uint_eq(cell(n, 3, 4)->flags, RC_CELL_NUMERIC | RC_CELL_NEGATIVE);
    rc_rhtml_page_free(page);
}
END_TEST

/* A report table with one text block (constructed around a filer's table). */
static char *text_block_page(const char *block)
{
    rc_buf b = RC_BUF_INIT;
    rc_buf_printf(&b,
                  "<html><body>\n<table class=\"report\" border=\"0\" cellspacing=\"2\">\n"
                  "<tr><th class=\"tl\" colspan=\"1\" rowspan=\"2\"><div style=\"width: "
                  "200px;\"><strong>Stock Options (Tables)<br></strong></div></th>\n"
                  "<th class=\"th\" colspan=\"1\">12 Months Ended</th></tr>\n"
                  "<tr><th class=\"th\"><div>Dec. 31, 2021</div></th></tr>\n"
                  "<tr class=\"re\"><td class=\"pl \" style=\"border-bottom: 0px;\" "
                  "valign=\"top\"><a class=\"a\" href=\"javascript:void(0);\" "
                  "onclick=\"top.Show.showAR( this, "
                  "'defref_ifrs-full_DescriptionOfNumberAndWeightedAverageExercisePricesOf"
                  "ShareOptionsExplanatory', window );\">Stock option activity</a></td>\n"
                  "<td class=\"text\">%s<span></span></td></tr>\n</table>\n</body></html>\n",
                  block);
    return rc_buf_take(&b);
}

/*
 * A filer's table as word processors export it (constructed): spacer columns, a
 * currency symbol in a cell of its own before the number, a negative's ")" and a
 * percentage's "%" in cells of their own after it, a heading row of years, a
 * heading that spans its number's columns, labels indented by an empty column.
 */
START_TEST(test_note_normalised)
{
    char *page_text = text_block_page(
        "<p>Intro text about the plan.</p><p>The following table summarises the option "
        "activity for the years ended December 31, 2021 and 2020:</p>"
        "<table>"
        "<tr><td></td><td></td><td colspan=\"3\">2021</td><td></td><td colspan=\"4\">2021</td>"
        "<td></td><td colspan=\"2\">2021</td></tr>"
        "<tr><td colspan=\"2\"></td><td colspan=\"3\">Number<br>of options</td><td></td>"
        "<td colspan=\"4\">Weighted average exercise price</td><td></td>"
        "<td colspan=\"2\">Vested</td></tr>"
        "<tr><td colspan=\"2\">Balance - January 1, 2021</td><td>1,109,943</td><td></td>"
        "<td></td><td></td><td>C$</td><td>10.51</td><td></td><td></td><td></td><td>40</td>"
        "<td>%</td></tr>"
        "<tr><td></td><td>Exercised</td><td>(235,123</td><td>)</td><td></td><td></td>"
        "<td></td><td>10.00</td><td></td><td></td><td></td><td>&#8212;</td><td></td></tr>"
        "<tr><td></td><td>Balance - December 31, 2021</td><td>874,820</td><td></td><td></td>"
        "<td></td><td>$</td><td>10.65</td><td></td><td></td><td></td><td>45</td><td>%</td></tr>"
        "</table><p>After the table.</p>");
    rc_rhtml_page *page = parse_ok("t.htm", page_text, strlen(page_text), 0);
    ck_assert_uint_eq(page->nnotes, 1);
    const rc_grid *n = page->notes[0];
    assert_dump(n, "H 1:2021 | 2:2021 | 3:2021\n"
                   "H 1:Number of options | 2:Weighted average exercise price | 3:Vested\n"
                   "  0:Balance - January 1, 2021 | 1:1,109,943 | 2:C$ 10.51 | 3:40%\n"
                   "  0:Exercised | 1:(235,123) | 2:10.00 | 3:\xe2\x80\x94\n"
                   "  0:Balance - December 31, 2021 | 1:874,820 | 2:$ 10.65 | 3:45%\n");
    ck_assert_str_eq(n->context, "The following table summarises the option activity for the "
                                 "years ended December 31, 2021 and 2020:");
    ck_assert_str_eq(n->title, "Stock Options (Tables) - Stock option activity");
    ck_assert_str_eq(n->period_heading, "12 Months Ended\nDec. 31, 2021");
    ck_assert_uint_eq(cell(n, 3, 1)->flags, RC_CELL_NUMERIC | RC_CELL_NEGATIVE);
    ck_assert_uint_eq(cell(n, 3, 3)->flags, RC_CELL_NUMERIC);
    ck_assert_uint_eq(cell(n, 2, 3)->flags, RC_CELL_NUMERIC);
    ck_assert_uint_eq(cell(n, 0, 1)->flags, 0); /* a heading's year is no figure */
    rc_rhtml_page_free(page);
    free(page_text);
}
END_TEST

START_TEST(test_note_long_context)
{
    /* a long paragraph: its last sentences up to about 300 characters */
    rc_buf para = RC_BUF_INIT;
    for (int i = 0; i < 20; i++)
        rc_buf_printf(&para, "Sentence number %d talks about the plan at length. ", i);
    rc_buf_puts(&para, "A summary of option activity is presented below:");
    char *text = rc_buf_take(&para);
    rc_buf block = RC_BUF_INIT;
    rc_buf_printf(&block, "<div>%s</div><table><tr><td>Granted</td><td>1,000</td></tr></table>",
                  text);
    char *block_text = rc_buf_take(&block);
    char *page_text = text_block_page(block_text);
    rc_rhtml_page *page = parse_ok("t.htm", page_text, strlen(page_text), 0);
    ck_assert_uint_eq(page->nnotes, 1);
    const char *ctx = page->notes[0]->context;
    ck_assert_ptr_nonnull(ctx);
    ck_assert_uint_le(strlen(ctx), 300);
    ck_assert_uint_ge(strlen(ctx), 200);
    ck_assert_msg(strncmp(ctx, "Sentence number ", 16) == 0, "cut inside a sentence: %s", ctx);
    ck_assert_ptr_nonnull(strstr(ctx, "A summary of option activity is presented below:"));
    ck_assert_str_eq(text + strlen(text) - strlen(ctx), ctx);
    assert_dump(page->notes[0], "  0:Granted | 1:1,000\n");
    rc_rhtml_page_free(page);
    free(page_text);
    free(block_text);
    free(text);
}
END_TEST

START_TEST(test_note_without_figures)
{
    /* narrative only, or a table of words: no grid */
    char *page_text = text_block_page("<p>Options vest over four years.</p>");
    rc_rhtml_page *page = parse_ok("t.htm", page_text, strlen(page_text), 0);
    ck_assert_uint_eq(page->nnotes, 0);
    rc_rhtml_page_free(page);
    free(page_text);
    page_text = text_block_page("<table><tr><td>(1)</td><td>Includes options of directors."
                                "</td></tr><tr><td>Plan</td><td>2019</td></tr></table>");
    page = parse_ok("t.htm", page_text, strlen(page_text), 0);
    ck_assert_uint_eq(page->nnotes, 0);
    rc_rhtml_page_free(page);
    free(page_text);
}
END_TEST

/* ---- envelopes and line numbers ------------------------------------------------------- */

START_TEST(test_envelope)
{
    size_t len;
    char *r38 = slurp(AAPL "R38.htm", &len);
    /* as sec.gov serves a single R page: the SGML envelope, 6 lines before the page */
    rc_buf b = RC_BUF_INIT;
    rc_buf_puts(&b, "<DOCUMENT>\n<TYPE>XML\n<SEQUENCE>38\n<FILENAME>R38.htm\n"
                    "<DESCRIPTION>IDEA: XBRL DOCUMENT\n<TEXT>\n");
    rc_buf_append(&b, r38, len);
    rc_buf_puts(&b, "</TEXT>\n</DOCUMENT>\n");
    ck_assert(!b.failed);
    ck_assert(rc_rhtml_detect(b.data, b.len));
    rc_rhtml_page *page = parse_ok("R38.htm", b.data, b.len, 0);
    assert_dump(page->report, r38_dump);
    ck_assert_uint_eq(cell(page->report, 5, 1)->src.line, 40 + 6);
    rc_rhtml_page_free(page);
    /* and inside a larger file, 100 lines down */
    page = parse_ok("R38.htm", b.data, b.len, 100);
    ck_assert_uint_eq(cell(page->report, 5, 1)->src.line, 40 + 6 + 100);
    ck_assert_uint_eq(page->report->src.line, 13 + 6 + 100);
    rc_rhtml_page_free(page);
    rc_buf_free(&b);

    /* a capture that keeps the envelope's words on a line of their own */
    rc_buf_puts(&b, "XML 38 R38.htm IDEA: XBRL DOCUMENT v3.25.1\n");
    rc_buf_append(&b, r38, len);
    ck_assert(rc_rhtml_detect(b.data, b.len));
    page = parse_ok("R38.htm", b.data, b.len, 0);
    assert_dump(page->report, r38_dump);
    ck_assert_uint_eq(cell(page->report, 5, 1)->src.line, 41);
    rc_rhtml_page_free(page);
    rc_buf_free(&b);
    free(r38);
}
END_TEST

START_TEST(test_detect)
{
    size_t len;
    char *buf = slurp(AAPL "R25.htm", &len);
    ck_assert(rc_rhtml_detect(buf, len));
    free(buf);
    buf = slurp(AAPL "FilingSummary.xml", &len);
    ck_assert(!rc_rhtml_detect(buf, len));
    free(buf);
    const char *s = "<html><body><table class=\"authRefData\"><tr><td>x</td></tr></table>";
    ck_assert(!rc_rhtml_detect(s, strlen(s)));
    s = "<div class=\"report\"><table><tr><td>1</td></tr></table></div>";
    ck_assert(!rc_rhtml_detect(s, strlen(s)));
    s = "<TABLE CLASS='data report' border=0><tr><td>1</td></tr></TABLE>";
    ck_assert(rc_rhtml_detect(s, strlen(s)));
    /* a plain-text capture of an R page is no HTML */
    s = "XML 34 R23.htm IDEA: XBRL DOCUMENT v3.20.2\n|\nShare-based payments (Tables)\n|12 "
        "Months Ended\n";
    ck_assert(!rc_rhtml_detect(s, strlen(s)));
    ck_assert(!rc_rhtml_detect(NULL, 0));
}
END_TEST

/* ---- bad pages -------------------------------------------------------------------------- */

START_TEST(test_not_an_r_page)
{
    const char *s = "<html><body><table><tr><td>Granted</td><td>1,000</td></tr></table>"
                    "</body></html>";
    parse_fails("page.htm", s, strlen(s), RC_EFORMAT,
                "page.htm: error: not an EDGAR R page: no report table (<table "
                "class=\"report\">)");
    parse_fails("empty.htm", "", 0, RC_EFORMAT,
                "empty.htm: error: not an EDGAR R page: no report table (<table "
                "class=\"report\">)");
    /* garbage bytes */
    char junk[4096];
    unsigned seed = 42;
    for (size_t i = 0; i < sizeof junk; i++) {
        seed = seed * 1103515245u + 12345u;
        junk[i] = (char)(seed >> 16);
    }
    parse_fails("junk.htm", junk, sizeof junk, RC_EFORMAT, NULL);
}
END_TEST

/* A page cut short anywhere: a clear error, or (once the report table is whole)
 * the same grid; never a number cut in two. */
START_TEST(test_truncated)
{
    size_t len;
    char *r38 = slurp(AAPL "R38.htm", &len);
    const char *end = strstr(r38, "</table>");
    ck_assert_ptr_nonnull(end);
    size_t table_end = (size_t)(end - r38) + 8;
    const char *start = strstr(r38, "<table class=\"report\"");
    size_t table_start = (size_t)(start - r38);
    for (size_t cut = 0; cut < len; cut += 37) {
        rc_ctx *ctx;
        ck_assert_int_eq(rc_ctx_new(&ctx), 0);
        rc_rhtml_page *page = NULL;
        int rc = rc_rhtml_parse("R38.htm", r38, cut, 0, &page, ctx);
        if (cut <= table_start + 8) {
            ck_assert_int_eq(rc, RC_EFORMAT);
        } else if (cut < table_end) {
            ck_assert_int_eq(rc, RC_ESYNTAX);
            ck_assert_ptr_nonnull(strstr(rc_ctx_error(ctx), "is the file cut short?"));
        } else {
            ck_assert_msg(rc == 0, "cut at %zu: %s", cut, rc_ctx_error(ctx));
            assert_dump(page->report, r38_dump);
        }
        rc_rhtml_page_free(page);
        rc_ctx_free(ctx);
    }
    free(r38);
}
END_TEST

START_TEST(test_hostile_html)
{
    /* elements nested far deeper than any stack */
    rc_buf b = RC_BUF_INIT;
    for (int i = 0; i < 100000; i++)
        rc_buf_puts(&b, "<div>");
    rc_buf_puts(&b, "<table><tr><td>Granted</td><td>5</td></tr></table>");
    char *deep = rc_buf_take(&b);
    char *page_text = text_block_page(deep);
    rc_ctx *ctx;
    ck_assert_int_eq(rc_ctx_new(&ctx), 0);
    rc_rhtml_page *page = NULL;
    int rc = rc_rhtml_parse("deep.htm", page_text, strlen(page_text), 0, &page, ctx);
    ck_assert_msg(rc == 0 || rc == RC_ESYNTAX || rc == RC_EFORMAT, "rc %d", rc);
    rc_rhtml_page_free(page);
    free(page_text);
    free(deep);

    /* absurd spans are capped, not honoured */
    page_text = text_block_page("<table><tr><td colspan=\"999999999\">Granted</td>"
                                "<td rowspan=\"99999999\" colspan=\"4000\">5</td></tr></table>");
    page = NULL;
    rc = rc_rhtml_parse("wide.htm", page_text, strlen(page_text), 0, &page, ctx);
    ck_assert_msg(rc == 0 || rc == RC_ELIMIT, "rc %d: %s", rc, rc_ctx_error(ctx));
    rc_rhtml_page_free(page);
    free(page_text);

    /* a report table with unclosed cells, an empty defref, a lone indexer */
    const char *s = "<table class=\"report\"><tr><th class=\"tl\">T<br>x<tr><td class=\"pl\">"
                    "<a onclick=\"defref_\">Granted<td class=\"nump\">1<td class=\"fn\">"
                    "</table>";
    page = NULL;
    rc = rc_rhtml_parse("sloppy.htm", s, strlen(s), 0, &page, ctx);
    ck_assert_msg(rc == 0, "%s", rc_ctx_error(ctx));
    assert_dump(page->report, "H 0:T/x\n  0:Granted | 1:1\n");
    ck_assert_ptr_null(cell(page->report, 1, 0)->concept);
    rc_rhtml_page_free(page);
    /* rows in row groups, an empty one among them */
    s = "<table class=\"report\"><thead><tr><th class=\"tl\">T</th><th class=\"th\">A</th></tr>"
        "</thead><tbody>\n</tbody><tbody><tr class=\"re\"><td class=\"pl\">L</td><td "
        "class=\"nump\">1</td></tr></tbody><tr class=\"ro\"><td class=\"pl\">M</td><td "
        "class=\"nump\">2</td></tr></table>";
    page = NULL;
    rc = rc_rhtml_parse("groups.htm", s, strlen(s), 0, &page, ctx);
    ck_assert_msg(rc == 0, "%s", rc_ctx_error(ctx));
    assert_dump(page->report, "H 0:T | 1:A\n  0:L | 1:1\n  0:M | 1:2\n");
    rc_rhtml_page_free(page);
    /* the same with an unclosed <b>: libxml2 nests the rows inside it; bounded */
    s = "<table class=\"report\"><tr><th class=\"tl\"><b>T<br>x<tr><td class=\"pl\">"
        "Granted<td class=\"nump\">1</table>";
    page = NULL;
    rc = rc_rhtml_parse("sloppy.htm", s, strlen(s), 0, &page, ctx);
    ck_assert_msg(rc == 0, "%s", rc_ctx_error(ctx));
    ck_assert_uint_le(page->report->nrows, 2);
    rc_rhtml_page_free(page);
    rc_ctx_free(ctx);
}
END_TEST

/* ---- read into a model (with the table interpreter and the vocabulary) ------------------ */

static rc_vocab *load_vocab(void)
{
    rc_ctx *ctx;
    rc_vocab *vocab;
    ck_assert_int_eq(rc_ctx_new(&ctx), 0);
    ck_assert_int_eq(rc_vocab_new(&vocab), 0);
    int rc = rc_vocab_load_dir(vocab, RC_SOURCE_DIR "/rules", ctx);
    ck_assert_msg(rc == 0, "%s", rc_ctx_error(ctx));
    rc_ctx_free(ctx);
    return vocab;
}

/* Read the R page at path into a finished model. */
static rc_model *read_page(const char *path)
{
    size_t len;
    char *buf = slurp(path, &len);
    rc_vocab *vocab = load_vocab();
    rc_ctx *ctx;
    rc_model *model;
    ck_assert_int_eq(rc_ctx_new(&ctx), 0);
    ck_assert_int_eq(rc_model_new(&model), 0);
    int rc = rc_read_r_html(model, vocab, path, buf, len, 0, ctx);
    ck_assert_msg(rc == 0, "%s", rc_ctx_error(ctx));
    ck_assert_int_eq(rc_model_finish(model, ctx), 0);
    rc_ctx_free(ctx);
    rc_vocab_free(vocab);
    free(buf);
    return model;
}

/* The i-th real roll-forward of model (the test fails when there is none). */
static const rc_rollforward *rollforward(const rc_model *model, size_t i)
{
    for (size_t k = 0; k < rc_model_count(model); k++) {
        const rc_rollforward *rf = rc_model_get(model, k);
        if (rc_rollforward_is_rollforward(rf) && i-- == 0) return rf;
    }
    ck_abort_msg("no roll-forward %zu", i);
    return NULL;
}

static void assert_count(const rc_fact *fact, long want)
{
    ck_assert_ptr_nonnull(fact);
    ck_assert_msg(mpq_cmp_si(fact->value.q, want, 1) == 0, "%s is not %ld",
                  fact->text ? fact->text : "?", want);
}

/* opening + the movements in their directions = closing, exactly. */
static void assert_balances(const rc_rollforward *rf)
{
    ck_assert_ptr_nonnull(rc_opening(rf)->count);
    ck_assert_ptr_nonnull(rc_closing(rf)->count);
    mpq_t sum, m;
    mpq_inits(sum, m, NULL);
    mpq_set(sum, rc_opening(rf)->count->value.q);
    for (size_t i = 0; i < rf->nmovements; i++) {
        const rc_movement *mv = &rf->movements[i];
        ck_assert_ptr_nonnull(mv->count);
        ck_assert_int_ne(mv->direction, 0);
        mpq_abs(m, mv->count->value.q);
        if (mv->direction < 0) mpq_neg(m, m);
        mpq_add(sum, sum, m);
    }
    ck_assert_msg(mpq_equal(sum, rc_closing(rf)->count->value.q), "does not balance");
    mpq_clears(sum, m, NULL);
}

START_TEST(test_read_r38)
{
    rc_model *model = read_page(AAPL "R38.htm");
    ck_assert_uint_eq(rc_model_count_rollforwards(model, NULL), 1);
    const rc_rollforward *rf = rollforward(model, 0);
    ck_assert_int_eq(rf->award, RC_AWARD_OTHER);
    ck_assert_str_eq(rf->file, AAPL "R38.htm");
    int y, m, d;
    rc_day_to_ymd(rf->end, &y, &m, &d);
    ck_assert(y == 2025 && m == 3 && d == 29);
    /* shares in thousands */
    assert_count(rc_opening(rf)->count, 163326000);
    assert_count(rc_closing(rf)->count, 183346000);
    ck_assert_uint_eq(rf->nmovements, 3);
    ck_assert_int_eq(rf->movements[0].role, RC_ROLE_GRANTED);
    ck_assert_int_eq(rf->movements[1].role, RC_ROLE_VESTED);
    assert_count(rf->movements[0].count, 63378000);
    /* where the numbers were read */
    ck_assert_uint_eq(rc_opening(rf)->count->src.line, 30);
    ck_assert_uint_eq(rf->movements[1].count->src.line, 40);
    assert_balances(rf);
    /* the grant-date fair values came along */
    ck_assert_ptr_nonnull(rc_opening(rf)->fair_value);
    ck_assert_int_eq(mpq_cmp_si(rc_opening(rf)->fair_value->value.q, 15873, 100), 0);
    rc_model_free(model);
}
END_TEST

START_TEST(test_read_r25)
{
    /* the same activity from the note's own table on the Tables page */
    rc_model *model = read_page(AAPL "R25.htm");
    ck_assert_uint_eq(rc_model_count_rollforwards(model, NULL), 1);
    const rc_rollforward *rf = rollforward(model, 0);
    ck_assert_int_eq(rf->award, RC_AWARD_OTHER);
    assert_count(rc_opening(rf)->count, 163326000);
    assert_count(rc_closing(rf)->count, 183346000);
    assert_balances(rf);
    ck_assert_uint_eq(rc_closing(rf)->count->src.line, 26);
    rc_model_free(model);
}
END_TEST

START_TEST(test_read_footnotes)
{
    /* the constructed page: two years of options, each balancing, chained */
    rc_model *model = read_page(DATA "rhtml/options-footnotes.htm");
    ck_assert_uint_eq(rc_model_count_rollforwards(model, NULL), 2);
    const rc_rollforward *y2022 = rollforward(model, 0), *y2023 = rollforward(model, 1);
    ck_assert_int_eq(y2022->award, RC_AWARD_OPTIONS);
    assert_count(rc_opening(y2022)->count, 9000000);
    assert_count(rc_opening(y2023)->count, 10000000);
    ck_assert_uint_eq(y2022->nmovements, 4); /* with the company's "assumed" row */
    ck_assert_uint_eq(y2023->nmovements, 3);
    assert_balances(y2022);
    assert_balances(y2023);
    ck_assert_ptr_eq(y2022->next, y2023);
    /* the numbers of the column after the footnote indexers */
    ck_assert_uint_eq(y2023->movements[0].count->src.line, 48);
    ck_assert_uint_eq(y2022->movements[0].count->src.line, 50);
    rc_model_free(model);
}
END_TEST

static Suite *rhtml_suite(void)
{
    Suite *s = suite_create("rhtml");
    TCase *tc = tcase_create("report table");
    tcase_add_test(tc, test_r38_report);
    tcase_add_test(tc, test_instant_columns);
    tcase_add_test(tc, test_footnotes_members);
    suite_add_tcase(s, tc);
    tc = tcase_create("text blocks");
    tcase_add_test(tc, test_r25_note_tables);
    tcase_add_test(tc, test_note_normalised);
    tcase_add_test(tc, test_note_long_context);
    tcase_add_test(tc, test_note_without_figures);
    suite_add_tcase(s, tc);
    tc = tcase_create("envelope");
    tcase_add_test(tc, test_envelope);
    tcase_add_test(tc, test_detect);
    suite_add_tcase(s, tc);
    tc = tcase_create("bad pages");
    tcase_set_timeout(tc, 60);
    tcase_add_test(tc, test_not_an_r_page);
    tcase_add_test(tc, test_truncated);
    tcase_add_test(tc, test_hostile_html);
    suite_add_tcase(s, tc);
    tc = tcase_create("read");
    tcase_add_test(tc, test_read_r38);
    tcase_add_test(tc, test_read_r25);
    tcase_add_test(tc, test_read_footnotes);
    suite_add_tcase(s, tc);
    return s;
}

int main(void)
{
    SRunner *sr = srunner_create(rhtml_suite());
    srunner_run_all(sr, CK_NORMAL);
    int failed = srunner_ntests_failed(sr);
    srunner_free(sr);
    return failed ? EXIT_FAILURE : EXIT_SUCCESS;
}
