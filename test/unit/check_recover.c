/*
 * Unit tests: column recovery for Details captures (recover.c), through the
 * capture reader.  Seed 000 against its true layout (shared/docs/
 * seed-000-layout.md, transcribed below cell for cell), R143, and small
 * constructed captures for each cue: an ambiguous layout, a layout only the
 * count identity decides, the six-months column profile, values that fit no
 * column.
 */
#include <check.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "rollcheck/common.h"
#include "rollcheck/read.h"
#include "common/util.h"
#include "read/recover.h"
#include "read/textcap.h"

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

static rc_textcap *parse_text(const char *text)
{
    rc_textcap *cap = NULL;
    int rc = rc_textcap_parse(vocab, "test.txt", text, strlen(text), 0, &cap, ctx);
    ck_assert_msg(rc == RC_OK, "parse failed: %s", rc_ctx_error(ctx));
    return cap;
}

static rc_textcap *parse_file(const char *name)
{
    char path[512];
    snprintf(path, sizeof path, "%s/test/data/captures/%s", RC_SOURCE_DIR, name);
    char *buf = NULL;
    size_t len = 0;
    ck_assert_msg(rc_read_whole_file(path, 1 << 24, &buf, &len, ctx) == RC_OK, "%s",
                  rc_ctx_error(ctx));
    rc_textcap *cap = NULL;
    int rc = rc_textcap_parse(vocab, name, buf, len, 0, &cap, ctx);
    free(buf);
    ck_assert_msg(rc == RC_OK, "%s: %s", name, rc_ctx_error(ctx));
    return cap;
}

/* The body row whose label is on line `line`. */
static const rc_grid_row *row_at(const rc_grid *g, unsigned line)
{
    for (size_t r = 0; r < g->nrows; r++) {
        const rc_grid_row *row = &g->rows[r];
        if (!(row->flags & RC_ROW_HEAD) && row->ncells > 0 && row->cells[0].src.line == line)
            return row;
    }
    ck_abort_msg("no row at line %u", line);
    return NULL;
}

/*
 * The row at `line` has its values in the columns of want, one word per value:
 * "3" (grid column 3), or "4|5" (either column 4 or column 5: the remaining
 * terms, which may sit in either column of their year).  The cells must not be
 * marked ambiguous unless `ambiguous`.
 */
static void expect_row(const rc_grid *g, unsigned line, const char *want, bool ambiguous)
{
    const rc_grid_row *row = row_at(g, line);
    char *copy = strdup(want);
    size_t k = 1;
    char *save = NULL;
    for (char *w = strtok_r(copy, " ", &save); w; w = strtok_r(NULL, " ", &save), k++) {
        ck_assert_msg(k < row->ncells, "line %u: %zu values, want more (%s)", line, row->ncells - 1,
                      want);
        const rc_cell *c = &row->cells[k];
        bool ok = false;
        char *save2 = NULL;
        for (char *alt = strtok_r(w, "|", &save2); alt && !ok; alt = strtok_r(NULL, "|", &save2))
            ok = c->col == (unsigned)atoi(alt);
        ck_assert_msg(ok, "line %u value %zu (%s): column %u, want %s", line, k, c->text, c->col,
                      want);
        ck_assert_msg(((c->flags & RC_CELL_AMBIGUOUS) != 0) == ambiguous,
                      "line %u value %zu: ambiguous flag %s", line, k,
                      ambiguous ? "missing" : "set");
    }
    ck_assert_msg(k == row->ncells, "line %u: %zu values, want %zu (%s)", line, row->ncells - 1,
                  k - 1, want);
    free(copy);
}

/* The note at line whose text holds `needle`, or NULL. */
static const char *note_at(const rc_textcap *cap, unsigned line, const char *needle)
{
    for (size_t i = 0; i < cap->notes.n; i++)
        if (cap->notes.items[i].line == line && strstr(cap->notes.items[i].text, needle))
            return cap->notes.items[i].text;
    return NULL;
}

static size_t notes_with(const rc_textcap *cap, const char *needle)
{
    size_t n = 0;
    for (size_t i = 0; i < cap->notes.n; i++)
        n += strstr(cap->notes.items[i].text, needle) != NULL;
    return n;
}

/* The group cell with text in the first heading row: its first column and span. */
static void expect_group(const rc_grid *g, const char *text, unsigned col, unsigned span)
{
    const rc_grid_row *row = &g->rows[0];
    for (size_t k = 1; k < row->ncells; k++) {
        if (strcmp(row->cells[k].text, text) != 0) continue;
        ck_assert_msg(row->cells[k].col == col && row->cells[k].span == span,
                      "group '%s' at %u span %u, want %u span %u", text, row->cells[k].col,
                      row->cells[k].span, col, span);
        return;
    }
    ck_abort_msg("no group cell '%s'", text);
}

START_TEST(test_seed000_true_layout)
{
    rc_textcap *cap = parse_file("000_a8457b317564bba9.txt");
    ck_assert_uint_eq(cap->ngrids, 1);
    const rc_grid *g = cap->grids[0];
    ck_assert_int_eq(g->kind, RC_GRID_REPORT);
    ck_assert_uint_eq(g->ncols, 9); /* the label column and c0..c7 */
    /* c0 "6 Months Ended"; c1..c6 "12 Months Ended"; c7 (Dec. 31, 2020, closing
     * balances only) is left uncovered: an instant column */
    expect_group(g, "6 Months Ended", 1, 1);
    expect_group(g, "12 Months Ended", 2, 6);
    /* seed-000-layout.md, columns c0..c7 = grid columns 1..8 */
    static const struct {
        unsigned line;
        const char *cols;
    } layout[] = {
        /* Share Incentive Plan 2017 */
        {100, "1 2 3 4 6"},     /* outstanding, beginning */
        {106, "2 3 4 6"},       /* granted */
        {111, "2 3 4 6"},       /* forfeited */
        {116, "2 3 4 6"},       /* exercised */
        {121, "2 3 4 6 8"},     /* outstanding, end */
        {128, "1 3 5 7"},       /* WAEP beginning */
        {133, "3 5 7"},         /* WAEP granted */
        {137, "3 5 7"},         /* WAEP forfeited */
        {141, "3 5 7"},         /* WAEP exercised */
        {145, "3 5 7 8"},       /* WAEP end */
        {151, "3 5 7 8"},       /* AIV */
        {156, "2 3 4|5 6|7 8"}, /* remaining terms: either column of their year */
        /* Global Share Plan */
        {168, "1 2 3 4 6"},
        {174, "4 6"},   /* forfeited (420) 2022, (45,227) 2021 */
        {177, "2 3 4"}, /* exercised */
        {181, "2 3 4 6 8"},
        {188, "1 3 5 7"},
        {193, "5 7"}, /* WAEP forfeited 0.56 2022, 0.29 2021 */
        {196, "3 5"}, /* WAEP exercised 0.04 2023, 0.05 2022 */
        {199, "3 5 7 8"},
        {205, "3 5 7 8"},
        {210, "2 3 4|5 6|7 8"},
        /* the first expense row: ¥ 2023, $ 2023, ¥ 2022, ¥ 2021 by the symbols */
        {41, "2 3 4 6"},
    };
    for (size_t i = 0; i < sizeof layout / sizeof *layout; i++)
        expect_row(g, layout[i].line, layout[i].cols, false);
    /* the values themselves are the capture's, in its order */
    ck_assert_str_eq(row_at(g, 174)->cells[1].text, "(420)");
    ck_assert_str_eq(row_at(g, 174)->cells[2].text, "(45,227)");
    ck_assert_str_eq(row_at(g, 199)->cells[1].text, "$ 0.25");
    /* the Global Share Plan's exercises: only the count identity tells 2022 from 2021,
     * and the note says so */
    const char *n = note_at(cap, 177, "count roll-forward balance");
    ck_assert_msg(n != NULL, "no identity note at line 177");
    ck_assert_ptr_nonnull(strstr(n, "RC101"));
    ck_assert_ptr_nonnull(strstr(n, "not an independent check"));
    ck_assert_uint_eq(notes_with(cap, "RC101"), 1);
    /* the six-months column decided the other rows: no chaining was needed */
    ck_assert_uint_eq(notes_with(cap, "RC110"), 0);
    /* only the two conversion ratios (one value, no cue) are left open: their cells are
     * marked, but they belong to no roll-forward, so no note speaks of them and the table
     * is not called ambiguous */
    ck_assert_uint_eq(notes_with(cap, "could be"), 0);
    ck_assert_ptr_null(g->why_ambiguous);
    size_t marked = 0;
    for (size_t r = 0; r < g->nrows; r++)
        for (size_t k = 0; k < g->rows[r].ncells; k++)
            if (g->rows[r].cells[k].flags & RC_CELL_AMBIGUOUS) {
                marked++;
                ck_assert_str_eq(g->rows[r].cells[k].text, "1");
                ck_assert(g->rows[r].cells[k].src.line == 229 || g->rows[r].cells[k].src.line == 233);
            }
    ck_assert_uint_eq(marked, 2);
    rc_textcap_free(cap);
}
END_TEST

START_TEST(test_seed000_members_and_sections)
{
    rc_textcap *cap = parse_file("000_a8457b317564bba9.txt");
    const rc_grid *g = cap->grids[0];
    static const unsigned members[] = {50, 57, 64, 71, 78, 83, 88, 93, 162, 216, 221, 226, 230};
    for (size_t i = 0; i < sizeof members / sizeof *members; i++)
        ck_assert_msg(row_at(g, members[i])->flags & RC_ROW_MEMBER, "line %u is no member row",
                      members[i]);
    /* abstract rows are plain rows with no value */
    static const unsigned plain[] = {40, 46, 99, 127, 150, 167, 187, 204};
    for (size_t i = 0; i < sizeof plain / sizeof *plain; i++) {
        const rc_grid_row *row = row_at(g, plain[i]);
        ck_assert_msg(row->flags == 0 && row->ncells == 1, "line %u", plain[i]);
    }
    ck_assert_str_eq(g->title, "Share-based compensation expenses - Share Options (Details)");
    ck_assert_str_eq(g->scale, "$ / shares in Units, ¥ in Thousands, $ in Thousands");
    /* every cell has its column */
    for (size_t r = 0; r < g->nrows; r++)
        for (size_t k = 0; k < g->rows[r].ncells; k++)
            ck_assert_uint_ne(g->rows[r].cells[k].col, RC_COL_UNKNOWN);
    rc_textcap_free(cap);
}
END_TEST

START_TEST(test_r143_layout)
{
    rc_textcap *cap = parse_file("1780531_000110465920051950_R143.htm.txt");
    ck_assert_uint_eq(cap->ngrids, 1);
    const rc_grid *g = cap->grids[0];
    /* the last column (Dec. 31, 2017) holds grants: a 12-month column, not an instant */
    expect_group(g, "12 Months Ended", 1, 3);
    expect_row(g, 22, "1", false);     /* at the beginning | item: 2019 */
    expect_row(g, 24, "1 2", false);   /* at the end | item */
    expect_row(g, 28, "1 2", false);   /* WAEP | ¥ / shares */
    expect_row(g, 31, "1 2", false);   /* remaining life: where the closing counts are */
    expect_row(g, 36, "1 2", false);   /* stock options: beginning 2019, 2018 */
    expect_row(g, 39, "1 2 3", false); /* granted */
    expect_row(g, 43, "1 2", false);   /* forfeited */
    expect_row(g, 46, "1 2 3", false); /* end */
    ck_assert_ptr_nonnull(row_at(g, 34));
    ck_assert(row_at(g, 34)->flags & RC_ROW_MEMBER);
    /* the openings were placed by chaining, the forfeitures by the identity: said */
    ck_assert_ptr_nonnull(note_at(cap, 22, "RC110"));
    ck_assert_ptr_nonnull(note_at(cap, 36, "RC110"));
    ck_assert_ptr_nonnull(note_at(cap, 43, "RC101"));
    ck_assert_uint_eq(cap->notes.n, 3);
    ck_assert_ptr_null(g->why_ambiguous);
    rc_textcap_free(cap);
}
END_TEST

/* Three year columns that all list shares, an ending balance with two values, and
 * nothing else: no cue tells which two years. */
static const char ambiguous_capture[] = "|\n"
                                        "Options (Details)\n"
                                        "|12 Months Ended\n"
                                        "|\nDec. 31, 2023\nshares\n"
                                        "|\nDec. 31, 2022\nshares\n"
                                        "|\nDec. 31, 2021\nshares\n"
                                        "|Options outstanding, end of period (in shares)\n"
                                        "|1,000\n"
                                        "|2,000\n";

START_TEST(test_genuinely_ambiguous)
{
    rc_textcap *cap = parse_text(ambiguous_capture);
    ck_assert_uint_eq(cap->ngrids, 1);
    const rc_grid *g = cap->grids[0];
    /* the first layout, marked */
    expect_row(g, 13, "1 2", true);
    ck_assert_ptr_nonnull(g->why_ambiguous);
    ck_assert_ptr_nonnull(strstr(g->why_ambiguous, "Options outstanding, end of period"));
    ck_assert_ptr_nonnull(strstr(g->why_ambiguous, "Dec. 31, 2023 and"));
    ck_assert_ptr_nonnull(strstr(g->why_ambiguous, " or "));
    ck_assert_ptr_nonnull(strstr(g->why_ambiguous, "checks"));
    const char *n = note_at(cap, 13, "could be");
    ck_assert_ptr_nonnull(n);
    ck_assert_ptr_nonnull(strstr(n, "1,000, 2,000"));
    /* nothing was chosen by an identity */
    ck_assert_uint_eq(notes_with(cap, "RC10"), 0);
    ck_assert_uint_eq(notes_with(cap, "RC11"), 0);
    rc_textcap_free(cap);
}
END_TEST

/* Two years; the openings and closings are placed by the units; a grant and a
 * forfeiture of one value each could be in either year: only the count identity
 * (2023: 100 - 10 = 90; 2022: 80 + 20 = 100) tells. */
static const char identity_capture[] = "|\n"
                                       "Options (Details)\n"
                                       "$ / shares in Units\n"
                                       "|12 Months Ended\n"
                                       "|\nDec. 31, 2023\n$ / shares\nshares\n"
                                       "|\nDec. 31, 2022\n$ / shares\nshares\n"
                                       "|Outstanding at the beginning of the year (in shares)\n"
                                       "|100\n|80\n"
                                       "|Granted (in shares)\n"
                                       "|20\n"
                                       "|Forfeited (in shares)\n"
                                       "|(10)\n"
                                       "|Outstanding at the end of the year (in shares)\n"
                                       "|90\n|100\n"
                                       "|Forfeited (in dollars per share) | $ / shares\n"
                                       "|$ 1.50\n";

START_TEST(test_decided_by_identity)
{
    rc_textcap *cap = parse_text(identity_capture);
    const rc_grid *g = cap->grids[0];
    expect_group(g, "12 Months Ended", 1, 2);
    expect_row(g, 13, "1 2", false);
    expect_row(g, 16, "2", false); /* granted 20 in 2022 */
    expect_row(g, 18, "1", false); /* forfeited (10) in 2023 */
    expect_row(g, 20, "1 2", false);
    expect_row(g, 23, "1", false); /* its price goes where its count is */
    const char *n16 = note_at(cap, 16, "only that layout makes the count roll-forward balance");
    const char *n18 = note_at(cap, 18, "only that layout makes the count roll-forward balance");
    ck_assert_msg(n16 && n18, "identity notes missing");
    ck_assert_ptr_nonnull(strstr(n16, "RC101 on those roll-forwards is therefore not an "
                                      "independent check"));
    ck_assert_uint_eq(notes_with(cap, "RC101"), 2);
    ck_assert_ptr_null(g->why_ambiguous);
    rc_textcap_free(cap);
}
END_TEST

/* Seed 000's shape in small: a six-months column that holds only the openings, two
 * columns for 2023 (CNY, USD) and 2022.  The grant of 2022 could be in the six
 * months or in 2022 by the units; the column profile (the six months hold openings
 * only) decides it before any identity is needed. */
static const char profile_capture[] = "|\n"
                                      "Options (Details)\n"
                                      "|6 Months Ended\n"
                                      "|12 Months Ended\n"
                                      "|\nJun. 30, 2023\nshares\n"
                                      "|\nDec. 31, 2023\nCNY (¥)\nshares\n"
                                      "|\nDec. 31, 2023\nUSD ($)\nshares\n"
                                      "|\nDec. 31, 2022\nCNY (¥)\nshares\n"
                                      "|Outstanding at the beginning of the period (in shares)\n"
                                      "|100\n|100\n|100\n|80\n"
                                      "|Granted (in shares)\n"
                                      "|20\n"
                                      "|Forfeited (in shares)\n"
                                      "|(10)\n|(10)\n"
                                      "|Outstanding at the end of the period (in shares)\n"
                                      "|90\n|90\n|100\n";

START_TEST(test_six_months_profile)
{
    rc_textcap *cap = parse_text(profile_capture);
    const rc_grid *g = cap->grids[0];
    expect_group(g, "6 Months Ended", 1, 1);
    expect_group(g, "12 Months Ended", 2, 3);
    expect_row(g, 20, "1 2 3 4", false);
    expect_row(g, 25, "4", false);   /* not the six months: they hold openings only */
    expect_row(g, 27, "2 3", false); /* the 2023 pair, not six months + 2022 */
    expect_row(g, 30, "2 3 4", false);
    ck_assert_uint_eq(cap->notes.n, 0); /* no identity, no chaining, nothing open */
    rc_textcap_free(cap);
}
END_TEST

START_TEST(test_units_and_symbols)
{
    /* an amount per currency, a price per share, a count: each where its unit is */
    static const char text[] = "|\n"
                               "Awards (Details)\n"
                               "|12 Months Ended\n"
                               "|\nDec. 31, 2023\nCNY (¥)\nshares\n"
                               "|\nDec. 31, 2023\nUSD ($)\n$ / shares\nshares\n"
                               "|\nDec. 31, 2022\nCNY (¥)\nshares\n"
                               "|\nDec. 31, 2022\nUSD ($)\n$ / shares\n"
                               "|Share-based compensation expense\n"
                               "|¥ 700\n|$ 100\n|¥ 600\n"
                               "|Weighted average exercise price, end of year | $ / shares\n"
                               "|$ 2.50\n"
                               "|Options outstanding, end of year (in shares)\n"
                               "|1,000\n|1,000\n";
    rc_textcap *cap = parse_text(text);
    const rc_grid *g = cap->grids[0];
    expect_row(g, 21, "1 2 3", false);
    expect_row(g, 27, "1 2", false); /* the year's two share columns, equal */
    /* the price follows its count (2023), in the per-share column */
    expect_row(g, 25, "2", false);
    rc_textcap_free(cap);
}
END_TEST

START_TEST(test_values_that_fit_nowhere)
{
    /* five values for three columns: not read, said; the next row is unaffected */
    static const char text[] = "|\n"
                               "Options (Details)\n"
                               "|12 Months Ended\n"
                               "|\nDec. 31, 2023\nshares\n"
                               "|\nDec. 31, 2022\nshares\n"
                               "|\nDec. 31, 2021\nshares\n"
                               "|Granted (in shares)\n"
                               "|1\n|2\n|3\n|4\n|5\n"
                               "|Forfeited (in shares)\n"
                               "|(1)\n|(2)\n|(3)\n";
    rc_textcap *cap = parse_text(text);
    const rc_grid *g = cap->grids[0];
    ck_assert_uint_eq(row_at(g, 13)->ncells, 1);
    const char *n = note_at(cap, 13, "not read");
    ck_assert_ptr_nonnull(n);
    ck_assert_ptr_nonnull(strstr(n, "more than the table's 3 columns"));
    expect_row(g, 19, "1 2 3", false);
    rc_textcap_free(cap);
}
END_TEST

START_TEST(test_value_shapes)
{
    rc_capval v;
    ck_assert_int_eq(rc_recover__value("25,438,655", 10, false, false, &v), RC_CAPVAL_NUMBER);
    ck_assert(!v.negative && !v.symbol);
    ck_assert_int_eq(rc_recover__value("(1,175,184)", 11, false, false, &v), RC_CAPVAL_NUMBER);
    ck_assert(v.negative);
    ck_assert_int_eq(rc_recover__value("¥ 4,306", strlen("¥ 4,306"), false, false, &v),
                     RC_CAPVAL_NUMBER);
    ck_assert_uint_eq(v.symbol_len, strlen("¥"));
    ck_assert_int_eq(rc_recover__value("$48.28", 6, false, false, &v), RC_CAPVAL_NUMBER);
    ck_assert(v.symbol && v.symbol_len == 1 && v.number_len == 5);
    ck_assert_int_eq(rc_recover__value("C$ 10.51", 8, false, false, &v), RC_CAPVAL_NUMBER);
    ck_assert_int_eq(rc_recover__value("25.00%", 6, false, false, &v), RC_CAPVAL_NUMBER);
    ck_assert_int_eq(rc_recover__value("7 years 21 days", 15, false, false, &v),
                     RC_CAPVAL_DURATION);
    ck_assert_int_eq(rc_recover__value("1 year", 6, false, false, &v), RC_CAPVAL_DURATION);
    ck_assert_int_eq(rc_recover__value("(1,070,806", 10, false, true, &v), RC_CAPVAL_NUMBER);
    ck_assert(v.open_paren && v.negative);
    ck_assert_int_eq(rc_recover__value("(1,070,806", 10, false, false, &v), RC_CAPVAL_NONE);
    ck_assert_int_eq(rc_recover__value("-", 1, true, false, &v), RC_CAPVAL_DASH);
    ck_assert_int_eq(rc_recover__value("-", 1, false, false, &v), RC_CAPVAL_NONE);
    /* labels */
    ck_assert_int_eq(rc_recover__value("2019 [Member]", 13, false, false, &v), RC_CAPVAL_NONE);
    ck_assert_int_eq(rc_recover__value("2012 Share Plan of RONG 360", 27, false, false, &v),
                     RC_CAPVAL_NONE);
    ck_assert_int_eq(rc_recover__value("Granted", 7, false, false, &v), RC_CAPVAL_NONE);
    ck_assert_int_eq(rc_recover__value("X", 1, false, false, &v), RC_CAPVAL_NONE);
    ck_assert_int_eq(rc_recover__value("$", 1, false, false, &v), RC_CAPVAL_NONE);
    ck_assert_int_eq(rc_recover__value("", 0, true, true, &v), RC_CAPVAL_NONE);
}
END_TEST

static Suite *recover_suite(void)
{
    Suite *s = suite_create("recover");
    TCase *tc = tcase_create("seeds");
    tcase_add_checked_fixture(tc, setup, teardown);
    tcase_add_test(tc, test_seed000_true_layout);
    tcase_add_test(tc, test_seed000_members_and_sections);
    tcase_add_test(tc, test_r143_layout);
    suite_add_tcase(s, tc);
    tc = tcase_create("cues");
    tcase_add_checked_fixture(tc, setup, teardown);
    tcase_add_test(tc, test_genuinely_ambiguous);
    tcase_add_test(tc, test_decided_by_identity);
    tcase_add_test(tc, test_six_months_profile);
    tcase_add_test(tc, test_units_and_symbols);
    tcase_add_test(tc, test_values_that_fit_nowhere);
    suite_add_tcase(s, tc);
    tc = tcase_create("values");
    tcase_add_test(tc, test_value_shapes);
    suite_add_tcase(s, tc);
    return s;
}

int main(void)
{
    SRunner *sr = srunner_create(recover_suite());
    srunner_run_all(sr, CK_NORMAL);
    int failed = srunner_ntests_failed(sr);
    srunner_free(sr);
    return failed ? EXIT_FAILURE : EXIT_SUCCESS;
}
