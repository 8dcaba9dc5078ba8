/*
 * Unit tests: plain-text captures of R pages (textcap.c).  Detection; the grids
 * of every seed and corpus excerpt against dumps checked by hand
 * (test/data/captures/expected); locations; malformed captures; and the whole
 * way through the table interpreter, the model and the default rules.
 */
#include <check.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "rollcheck.h"
#include "common/util.h"
#include "read/textcap.h"

#define CAPTURES RC_SOURCE_DIR "/test/data/captures/"

static rc_ctx *ctx;
static rc_vocab *vocab;
static rc_ruleset *rules;

static void setup(void)
{
    ck_assert_int_eq(rc_ctx_new(&ctx), RC_OK);
    ck_assert_int_eq(rc_vocab_new(&vocab), RC_OK);
    ck_assert_msg(rc_vocab_load_dir(vocab, RC_SOURCE_DIR "/rules", ctx) == RC_OK, "%s",
                  rc_ctx_error(ctx));
    ck_assert_int_eq(rc_ruleset_new(&rules), RC_OK);
    ck_assert_msg(rc_ruleset_load_dir(rules, RC_SOURCE_DIR "/rules", ctx) == RC_OK, "%s",
                  rc_ctx_error(ctx));
}

static void teardown(void)
{
    rc_ruleset_free(rules);
    rc_vocab_free(vocab);
    rc_ctx_free(ctx);
}

static const char *const seeds[] = {
    "000_a8457b317564bba9.txt", "001_7fa0d5a809f76b6d.txt", "002_453c20720014ef23.txt",
    "003_3cc0571f8d82f3f8.txt", "004_99103c133080aa7d.txt",
};

static const struct {
    const char *name;
    size_t rollforwards; /* option and RSU activity tables, one roll-forward per period */
    size_t counted;      /* of them, those that show an opening, so that RC101 can run */
} excerpts[] = {
    {"1628808_000141057822000258_R41.htm.txt", 2, 2},
    {"1771885_000106299322009034_R47.htm.txt", 3, 3},
    /* 2017 shows its grants and closing but no opening */
    {"1780531_000110465920051950_R143.htm.txt", 3, 2},
    {"351817_000035181720000004_R33.htm.txt", 2, 2},
    {"736744_000119312522078205_R43.htm.txt", 2, 2},
    {"815556_000081555619000015_R26.htm.txt", 2, 2},
    {"815556_000081555622000009_R26.htm.txt", 2, 2},
};

static char *slurp(const char *path, size_t *len)
{
    char *buf = NULL;
    ck_assert_msg(rc_read_whole_file(path, 1 << 24, &buf, len, ctx) == RC_OK, "%s",
                  rc_ctx_error(ctx));
    return buf;
}

static char *capture(const char *name, size_t *len)
{
    char path[512];
    snprintf(path, sizeof path, CAPTURES "%s", name);
    return slurp(path, len);
}

static void put_field(rc_buf *b, const char *name, const char *value)
{
    if (!value) return;
    rc_buf_printf(b, "%s: ", name);
    for (const char *t = value; *t; t++)
        rc_buf_putc(b, *t == '\n' ? '/' : *t);
    rc_buf_putc(b, '\n');
}

/* The grids and notes as the expected dumps write them. */
static char *capture_dump(const rc_textcap *cap)
{
    rc_buf b = RC_BUF_INIT;
    for (size_t i = 0; i < cap->ngrids; i++) {
        const rc_grid *g = cap->grids[i];
        rc_buf_printf(&b, "grid %zu: %s, line %u\n", i,
                      g->kind == RC_GRID_REPORT ? "report" : "note", g->src.line);
        put_field(&b, "title", g->title);
        put_field(&b, "scale", g->scale);
        put_field(&b, "context", g->context);
        put_field(&b, "period", g->period_heading);
        put_field(&b, "why", g->why_ambiguous);
        char *d = rc_grid_dump(g);
        rc_buf_puts(&b, d);
        free(d);
        for (size_t r = 0; r < g->nrows; r++) {
            const rc_grid_row *row = &g->rows[r];
            bool any = false;
            for (size_t k = 0; k < row->ncells; k++) {
                if (!(row->cells[k].flags & RC_CELL_AMBIGUOUS)) continue;
                if (!any) rc_buf_printf(&b, "ambiguous: line %u:", row->cells[0].src.line);
                rc_buf_printf(&b, " %u", row->cells[k].col);
                any = true;
            }
            if (any) rc_buf_putc(&b, '\n');
        }
    }
    for (size_t i = 0; i < cap->notes.n; i++)
        rc_buf_printf(&b, "note %u: %s\n", cap->notes.items[i].line, cap->notes.items[i].text);
    return rc_buf_take(&b);
}

static rc_textcap *parse(const char *name, const char *buf, size_t len, unsigned line0)
{
    rc_textcap *cap = NULL;
    int rc = rc_textcap_parse(vocab, name, buf, len, line0, &cap, ctx);
    ck_assert_msg(rc == RC_OK, "%s: %s", name, rc_ctx_error(ctx));
    return cap;
}

/* ---- detection ------------------------------------------------------------------------ */

START_TEST(test_detect_captures)
{
    for (size_t i = 0; i < sizeof seeds / sizeof *seeds; i++) {
        size_t len;
        char *buf = capture(seeds[i], &len);
        ck_assert_msg(rc_textcap_detect(buf, len), "%s not detected", seeds[i]);
        ck_assert_msg(rc_detect_format(buf, len) == RC_FORMAT_TEXT_CAPTURE, "%s", seeds[i]);
        free(buf);
    }
    for (size_t i = 0; i < sizeof excerpts / sizeof *excerpts; i++) {
        size_t len;
        char *buf = capture(excerpts[i].name, &len);
        ck_assert_msg(rc_textcap_detect(buf, len), "%s not detected", excerpts[i].name);
        free(buf);
    }
    /* the heading lines alone, and the envelope alone */
    static const char heading[] = "Share-Based Compensation (Tables)\n12 Months Ended\n"
                                  "Dec. 31, 2019\nStock Option Activity\n";
    ck_assert(rc_textcap_detect(heading, strlen(heading)));
    static const char envelope[] = "XML 35 R33.htm IDEA: XBRL DOCUMENT v3.19.3.a.u2\nName\n";
    ck_assert(rc_textcap_detect(envelope, strlen(envelope)));
}
END_TEST

START_TEST(test_detect_others)
{
    static const char *const others[] = {
        "",
        "\n\n  \n",
        "The quick brown fox jumps over the lazy dog.\nIt did so twice.\n|but not here\n",
        "<html><body><table><tr><td>Granted</td><td>100</td></tr></table></body></html>\n",
        "XML 34 R23.htm IDEA: XBRL DOCUMENT v3.20.2\n<html><body></body></html>\n",
        "<?xml version=\"1.0\"?>\n<FilingSummary></FilingSummary>\n",
        "{\"rollcheck\": \"model\", \"version\": 1}\n",
        "[1, 2, 3]\n",
        "label,2023,2022\nGranted,100,200\nForfeited,(10),(20)\n",
        "label\t2023\t2022\nGranted\t100\t200\n",
        "| label | 2023 |\n|---|---|\n| Granted | 100 |\n| Forfeited | (10) |\n",
        "|\n",
        "# SOURCE: https://www.sec.gov/x\n# NOTE: nothing after it\n",
        "# Title\n\nSome prose.\n12 Months Ended\nDec. 31, 2023\n",
    };
    for (size_t i = 0; i < sizeof others / sizeof *others; i++)
        ck_assert_msg(!rc_textcap_detect(others[i], strlen(others[i])), "claimed: %s", others[i]);
}
END_TEST

/* ---- grids ------------------------------------------------------------------------------ */

static void compare_dump(const char *name)
{
    size_t len, elen;
    char *buf = capture(name, &len);
    rc_textcap *cap = parse(name, buf, len, 0);
    char *got = capture_dump(cap);
    char path[512];
    snprintf(path, sizeof path, CAPTURES "expected/%.*s.dump", (int)(strlen(name) - 4), name);
    char *want = slurp(path, &elen);
    if (strcmp(got, want) != 0 && getenv("ROLLCHECK_UPDATE_DUMPS")) {
        /* for a deliberate change: rewrite the expected dump, then read its diff */
        FILE *f = fopen(path, "w");
        ck_assert_ptr_nonnull(f);
        fputs(got, f);
        fclose(f);
    } else if (strcmp(got, want) != 0) {
        /* the first line that differs */
        const char *g = got, *w = want;
        unsigned line = 1;
        while (*g && *g == *w) {
            if (*g == '\n') line++;
            g++;
            w++;
        }
        while (g > got && g[-1] != '\n')
            g--;
        while (w > want && w[-1] != '\n')
            w--;
        ck_abort_msg("%s: line %u of the dump differs:\n got: %.*s\nwant: %.*s", name, line,
                     (int)strcspn(g, "\n"), g, (int)strcspn(w, "\n"), w);
    }
    free(want);
    free(got);
    rc_textcap_free(cap);
    free(buf);
}

START_TEST(test_seed_dumps)
{
    compare_dump(seeds[_i]);
}
END_TEST

START_TEST(test_excerpt_dumps)
{
    compare_dump(excerpts[_i].name);
}
END_TEST

/* Every number in a grid is in the capture: the digits of each value cell occur
 * there as written. */
static void no_invented_numbers(const char *buf, const rc_textcap *cap)
{
    for (size_t i = 0; i < cap->ngrids; i++) {
        const rc_grid *g = cap->grids[i];
        for (size_t r = 0; r < g->nrows; r++) {
            const rc_grid_row *row = &g->rows[r];
            if (row->flags & RC_ROW_HEAD) continue;
            for (size_t k = 1; k < row->ncells; k++) {
                const char *t = row->cells[k].text;
                size_t a = strcspn(t, "0123456789"), n = strspn(t + a, "0123456789,.");
                char num[64];
                snprintf(num, sizeof num, "%.*s", (int)n, t + a);
                ck_assert_msg(strstr(buf, num) != NULL, "'%s' is not in the capture", t);
            }
        }
    }
}

START_TEST(test_no_invented_numbers)
{
    const char *name = _i < 5 ? seeds[_i] : excerpts[_i - 5].name;
    size_t len;
    char *buf = capture(name, &len);
    rc_textcap *cap = parse(name, buf, len, 0);
    no_invented_numbers(buf, cap);
    rc_textcap_free(cap);
    free(buf);
}
END_TEST

START_TEST(test_locations)
{
    size_t len;
    char *buf = capture("000_a8457b317564bba9.txt", &len);
    rc_textcap *cap = parse("seed.txt", buf, len, 1000);
    const rc_grid *g = cap->grids[0];
    ck_assert_str_eq(g->file, "seed.txt");
    ck_assert_uint_eq(g->src.line, 1001);
    bool found = false;
    for (size_t r = 0; r < g->nrows; r++) {
        const rc_grid_row *row = &g->rows[r];
        if (row->ncells < 3 || strcmp(row->cells[1].text, "(420)") != 0) continue;
        /* "|Forfeited during the year (in shares)" on line 174, "|(420)" on 175 */
        ck_assert_uint_eq(row->cells[0].src.line, 1174);
        ck_assert_uint_eq(row->cells[1].src.line, 1175);
        ck_assert_uint_eq(row->cells[1].src.col, 2);
        ck_assert_uint_eq(row->cells[2].src.line, 1176);
        ck_assert_str_eq(row->cells[1].src.file, "seed.txt");
        found = true;
    }
    ck_assert(found);
    ck_assert_uint_eq(cap->notes.items[0].line, 1177);
    rc_textcap_free(cap);
    free(buf);
    /* a flattened table: the lines of its cells */
    buf = capture("351817_000035181720000004_R33.htm.txt", &len);
    cap = parse("r33.txt", buf, len, 0);
    ck_assert_uint_eq(cap->ngrids, 2);
    g = cap->grids[0];
    const rc_grid_row *row = &g->rows[g->nrows - 1]; /* Options exercisable, end of period */
    ck_assert_str_eq(row->cells[0].text, "Options exercisable, end of period");
    ck_assert_uint_eq(row->cells[0].src.line, 18);
    ck_assert_uint_eq(row->cells[2].src.line, 18);
    ck_assert_uint_eq(row->cells[2].src.col, 48); /* "$ 28.94" */
    rc_textcap_free(cap);
    free(buf);
}
END_TEST

START_TEST(test_tab_separated)
{
    /* what a browser's copy of a Tables page gives: tabs between the cells, the "$"
     * and the ")" of the HTML table in cells of their own */
    static const char text[] =
        "Stock Options (Tables)\n12 Months Ended\nDec. 31, 2023\n"
        "Share-based Payment Arrangement [Abstract]\n"
        "Stock Option Activity\n"
        "The following table summarizes stock option activity for the year ended December "
        "31, 2023:\n"
        "\tNumber of Options\t\tWeighted-Average Exercise Price\n"
        "Outstanding at January 1, 2023\t1,000\t$\t5.00\n"
        "Granted\t200\t\t6.00\n"
        "Exercised\t(100\t)\t\t4.00\n"
        "Outstanding at December 31, 2023\t1,100\t$\t5.18\n";
    ck_assert(rc_textcap_detect(text, strlen(text)));
    rc_textcap *cap = parse("tabs.txt", text, strlen(text), 0);
    ck_assert_uint_eq(cap->ngrids, 1);
    const rc_grid *g = cap->grids[0];
    ck_assert_str_eq(g->title, "Stock Option Activity");
    ck_assert_str_eq(g->period_heading, "12 Months Ended\nDec. 31, 2023");
    ck_assert_ptr_nonnull(strstr(g->context, "for the year ended December 31, 2023"));
    char *d = rc_grid_dump(g);
    ck_assert_str_eq(d, "H 1:Number of Options | 2:Weighted-Average Exercise Price\n"
                        "  0:Outstanding at January 1, 2023 | 1:1,000 | 2:$ 5.00\n"
                        "  0:Granted | 1:200 | 2:6.00\n"
                        "  0:Exercised | 1:(100) | 2:4.00\n"
                        "  0:Outstanding at December 31, 2023 | 1:1,100 | 2:$ 5.18\n");
    free(d);
    ck_assert(g->rows[3].cells[1].flags & RC_CELL_NEGATIVE); /* (100) */
    rc_textcap_free(cap);
}
END_TEST

/* ---- malformed captures -------------------------------------------------------------------- */

/* The first n lines of a capture. */
static size_t head_lines(const char *buf, size_t len, unsigned n)
{
    size_t i = 0;
    for (unsigned k = 0; k < n && i < len; k++) {
        const char *nl = memchr(buf + i, '\n', len - i);
        i = nl ? (size_t)(nl - buf) + 1 : len;
    }
    return i;
}

START_TEST(test_truncated)
{
    size_t len;
    char *buf = capture("000_a8457b317564bba9.txt", &len);
    /* cut inside the closing balances of the first plan: three of five values left,
     * placed by chaining with the openings (2023, 2023, 2022), and said so */
    rc_textcap *cap = parse("cut.txt", buf, head_lines(buf, len, 124), 0);
    ck_assert_uint_eq(cap->ngrids, 1);
    no_invented_numbers(buf, cap);
    bool said = false;
    for (size_t i = 0; i < cap->notes.n; i++)
        said |= cap->notes.items[i].line == 121 && strstr(cap->notes.items[i].text, "RC110");
    ck_assert_msg(said, "the cut row's layout is not said to come from chaining");
    const rc_grid_row *last = &cap->grids[0]->rows[cap->grids[0]->nrows - 1];
    ck_assert_uint_eq(last->ncells, 4);
    ck_assert_uint_eq(last->cells[1].col, 2);
    ck_assert_uint_eq(last->cells[2].col, 3);
    ck_assert_uint_eq(last->cells[3].col, 4);
    rc_textcap_free(cap);
    /* cut after a row label: said to be truncated */
    cap = parse("cut.txt", buf, head_lines(buf, len, 121), 0);
    said = false;
    for (size_t i = 0; i < cap->notes.n; i++)
        said |= cap->notes.items[i].line == 121 && strstr(cap->notes.items[i].text, "truncated");
    ck_assert_msg(said, "no truncation note");
    rc_textcap_free(cap);
    /* cut inside the column headings, and right after the title */
    static const unsigned cuts[] = {1, 3, 5, 12, 17, 39};
    for (size_t i = 0; i < sizeof cuts / sizeof *cuts; i++) {
        cap = parse("cut.txt", buf, head_lines(buf, len, cuts[i]), 0);
        no_invented_numbers(buf, cap);
        rc_textcap_free(cap);
    }
    free(buf);
    /* a Tables capture cut inside its option table */
    buf = capture("003_3cc0571f8d82f3f8.txt", &len);
    cap = parse("cut.txt", buf, head_lines(buf, len, 160), 0);
    ck_assert_uint_eq(cap->ngrids, 1);
    ck_assert_uint_eq(cap->grids[0]->nrows, 4); /* headings, opening, granted, exercised */
    no_invented_numbers(buf, cap);
    rc_textcap_free(cap);
    free(buf);
}
END_TEST

START_TEST(test_stray_cell)
{
    size_t len;
    char *buf = capture("000_a8457b317564bba9.txt", &len);
    /* a stray "|999" after "|(420)" (line 175): the Global Share Plan's forfeitures now
     * have three values */
    size_t at = head_lines(buf, len, 175);
    rc_buf b = RC_BUF_INIT;
    rc_buf_append(&b, buf, at);
    rc_buf_puts(&b, "|999\n");
    rc_buf_append(&b, buf + at, len - at);
    char *text = rc_buf_take(&b);
    rc_textcap *cap = parse("stray.txt", text, strlen(text), 0);
    no_invented_numbers(text, cap);
    /* the row is said to be open (or its values unread): never silently placed */
    bool said = false;
    for (size_t i = 0; i < cap->notes.n; i++)
        said |= cap->notes.items[i].line == 174;
    ck_assert_msg(said, "no note on the row with the stray cell");
    rc_textcap_free(cap);
    free(text);
    free(buf);
}
END_TEST

START_TEST(test_more_values_than_columns)
{
    static const char text[] = "|\nOptions (Details)\n|12 Months Ended\n"
                               "|\nDec. 31, 2023\nshares\n"
                               "|Granted (in shares)\n|1\n|2\n";
    rc_textcap *cap = parse("more.txt", text, strlen(text), 0);
    ck_assert_uint_eq(cap->ngrids, 1);
    ck_assert_uint_eq(cap->grids[0]->rows[cap->grids[0]->nrows - 1].ncells, 1);
    ck_assert_uint_eq(cap->notes.n, 1);
    ck_assert_uint_eq(cap->notes.items[0].line, 7);
    ck_assert_ptr_nonnull(strstr(cap->notes.items[0].text, "more than the table's 1 columns"));
    rc_textcap_free(cap);
}
END_TEST

/* ---- the whole way: interpreter, model, rules ---------------------------------------------- */

typedef struct run {
    rc_model *model;
    rc_results *results;
} run;

static run check_capture(const char *name)
{
    size_t len;
    char *buf = capture(name, &len);
    run r = {NULL, NULL};
    ck_assert_int_eq(rc_model_new(&r.model), RC_OK);
    int rc = rc_read_text_capture(r.model, vocab, name, buf, len, 0, ctx);
    ck_assert_msg(rc == RC_OK, "%s: %s", name, rc_ctx_error(ctx));
    ck_assert_int_eq(rc_model_finish(r.model, ctx), RC_OK);
    ck_assert_int_eq(rc_check(rules, r.model, &r.results, ctx), RC_OK);
    free(buf);
    return r;
}

static void run_free(run *r)
{
    rc_results_free(r->results);
    rc_model_free(r->model);
}

static bool has_member(const rc_rollforward *rf, const char *member)
{
    for (size_t i = 0; i < rf->nmembers; i++)
        if (strcmp(rf->members[i], member) == 0) return true;
    return false;
}

/* RC101 outcomes: passed, failed, skipped. */
static void count_rule(const rc_results *res, const char *id, size_t *passed, size_t *failed,
                       size_t *skipped)
{
    *passed = *failed = *skipped = 0;
    for (size_t i = 0; i < rc_results_outcome_count(res); i++) {
        const rc_outcome *o = rc_results_outcome(res, i);
        if (strcmp(rc_rule_id(o->rule), id) != 0) continue;
        if (o->status == RC_PASSED)
            (*passed)++;
        else if (o->status == RC_FAILED)
            (*failed)++;
        else
            (*skipped)++;
    }
}

START_TEST(test_seed000_through)
{
    run r = check_capture("000_a8457b317564bba9.txt");
    ck_assert_uint_eq(rc_model_count_rollforwards(r.model, NULL), 6);
    /* exactly one finding: the Global Share Plan's WAEP of the year 2021 */
    ck_assert_uint_eq(rc_results_finding_count(r.results), 1);
    const rc_finding *f = rc_results_finding(r.results, 0);
    ck_assert_str_eq(rc_rule_id(f->rule), "RC102");
    ck_assert(has_member(f->rf, "Global Share Plan"));
    ck_assert_int_eq(f->rf->start, rc_day_from_ymd(2021, 1, 1));
    ck_assert_int_eq(f->rf->end, rc_day_from_ymd(2021, 12, 31));
    char *lo = rc_q_format(f->expected.lo, 4, RC_ROUND_NEAREST, false);
    char *hi = rc_q_format(f->expected.hi, 4, RC_ROUND_NEAREST, false);
    char *rep = rc_q_format(f->reported, 2, RC_ROUND_NEAREST, false);
    ck_assert_str_eq(lo, "0.2749");
    ck_assert_str_eq(hi, "0.2850");
    ck_assert_str_eq(rep, "0.24");
    free(lo);
    free(hi);
    free(rep);
    /* the count roll-forwards of both plans, FY2021-FY2023, pass */
    size_t passed, failed, skipped;
    count_rule(r.results, "RC101", &passed, &failed, &skipped);
    ck_assert_uint_eq(passed, 6);
    ck_assert_uint_eq(failed, 0);
    ck_assert_uint_eq(skipped, 0);
    size_t plans[2] = {0, 0};
    for (size_t i = 0; i < rc_model_count(r.model); i++) {
        const rc_rollforward *rf = rc_model_get(r.model, i);
        if (!rc_rollforward_is_rollforward(rf)) continue;
        int y, m, d;
        rc_day_to_ymd(rf->end, &y, &m, &d);
        ck_assert(y >= 2021 && y <= 2023 && m == 12 && d == 31);
        ck_assert_uint_eq(rf->flags & RC_RF_AMBIGUOUS, 0);
        plans[0] += has_member(rf, "Share Incentive Plan 2017");
        plans[1] += has_member(rf, "Global Share Plan");
    }
    ck_assert_uint_eq(plans[0], 3);
    ck_assert_uint_eq(plans[1], 3);
    /* the identity that placed the Global Share Plan's exercises is named */
    bool named = false;
    for (size_t i = 0; i < rc_model_note_count(r.model); i++) {
        const rc_note *n = rc_model_note(r.model, i);
        named |= n->src.line == 177 && strstr(n->text, "RC101") != NULL;
    }
    ck_assert(named);
    run_free(&r);
}
END_TEST

START_TEST(test_seed003_through)
{
    run r = check_capture("003_3cc0571f8d82f3f8.txt");
    ck_assert_uint_eq(rc_model_count_rollforwards(r.model, NULL), 2);
    bool options = false, rsu = false;
    for (size_t i = 0; i < rc_model_count(r.model); i++) {
        const rc_rollforward *rf = rc_model_get(r.model, i);
        options |= rf->award == RC_AWARD_OPTIONS && rc_rollforward_has_movements(rf);
        rsu |= rf->award == RC_AWARD_OTHER && rc_rollforward_has_movements(rf);
    }
    ck_assert(options && rsu);
    ck_assert_uint_eq(rc_results_finding_count(r.results), 0);
    size_t passed, failed, skipped;
    count_rule(r.results, "RC101", &passed, &failed, &skipped);
    ck_assert_uint_eq(passed, 2);
    ck_assert_uint_eq(failed + skipped, 0);
    count_rule(r.results, "RC103", &passed, &failed, &skipped); /* fair values: 15.08 */
    ck_assert_uint_eq(passed, 1);
    run_free(&r);
}
END_TEST

START_TEST(test_narrative_through)
{
    static const char *const names[] = {"001_7fa0d5a809f76b6d.txt", "002_453c20720014ef23.txt",
                                        "004_99103c133080aa7d.txt"};
    for (size_t i = 0; i < 3; i++) {
        run r = check_capture(names[i]);
        ck_assert_msg(rc_model_count_rollforwards(r.model, NULL) == 0, "%s", names[i]);
        ck_assert_uint_eq(rc_results_finding_count(r.results), 0);
        if (i > 0) /* 002, 004: no table with numbers at all */
            ck_assert_uint_eq(rc_model_fact_count(r.model), 0);
        else /* 001: the narrative details are read as facts */
            ck_assert_uint_gt(rc_model_fact_count(r.model), 0);
        run_free(&r);
    }
}
END_TEST

START_TEST(test_excerpt_through)
{
    run r = check_capture(excerpts[_i].name);
    size_t n = rc_model_count_rollforwards(r.model, NULL);
    ck_assert_msg(n == excerpts[_i].rollforwards, "%s: %zu roll-forwards", excerpts[_i].name, n);
    /* every count roll-forward balances */
    size_t passed, failed, skipped;
    count_rule(r.results, "RC101", &passed, &failed, &skipped);
    ck_assert_msg(passed == excerpts[_i].counted && failed == 0 && passed + skipped == n,
                  "%s: RC101 %zu/%zu/%zu", excerpts[_i].name, passed, failed, skipped);
    run_free(&r);
}
END_TEST

START_TEST(test_ambiguous_through)
{
    /* grants and forfeitures of 50 that balance in any two of the three years */
    static const char text[] = "|\nOptions (Details)\n|12 Months Ended\n"
                               "|\nDec. 31, 2023\nshares\n|\nDec. 31, 2022\nshares\n"
                               "|\nDec. 31, 2021\nshares\n"
                               "|Outstanding at the beginning of the year (in shares)\n"
                               "|100\n|200\n|300\n"
                               "|Granted (in shares)\n|50\n|50\n"
                               "|Forfeited (in shares)\n|(50)\n|(50)\n"
                               "|Outstanding at the end of the year (in shares)\n"
                               "|100\n|200\n|300\n";
    rc_model *model;
    ck_assert_int_eq(rc_model_new(&model), RC_OK);
    ck_assert_int_eq(rc_read_text_capture(model, vocab, "amb.txt", text, strlen(text), 0, ctx),
                     RC_OK);
    ck_assert_int_eq(rc_model_finish(model, ctx), RC_OK);
    size_t ambiguous = 0;
    for (size_t i = 0; i < rc_model_count(model); i++) {
        const rc_rollforward *rf = rc_model_get(model, i);
        if (rf->flags & RC_RF_AMBIGUOUS) {
            ambiguous++;
            ck_assert_ptr_nonnull(rf->why_ambiguous);
            ck_assert_ptr_nonnull(strstr(rf->why_ambiguous, "could be"));
        }
    }
    ck_assert_uint_ge(ambiguous, 1);
    rc_results *res;
    ck_assert_int_eq(rc_check(rules, model, &res, ctx), RC_OK);
    size_t passed, failed, skipped;
    count_rule(res, "RC101", &passed, &failed, &skipped);
    ck_assert_uint_eq(passed + failed, 0); /* no count check runs on a guessed layout */
    ck_assert_uint_eq(rc_results_finding_count(res), 0);
    rc_results_free(res);
    rc_model_free(model);
}
END_TEST

static Suite *textcap_suite(void)
{
    Suite *s = suite_create("textcap");
    TCase *tc = tcase_create("detect");
    tcase_add_checked_fixture(tc, setup, teardown);
    tcase_add_test(tc, test_detect_captures);
    tcase_add_test(tc, test_detect_others);
    suite_add_tcase(s, tc);
    tc = tcase_create("grids");
    tcase_add_checked_fixture(tc, setup, teardown);
    tcase_add_loop_test(tc, test_seed_dumps, 0, (int)(sizeof seeds / sizeof *seeds));
    tcase_add_loop_test(tc, test_excerpt_dumps, 0, (int)(sizeof excerpts / sizeof *excerpts));
    tcase_add_loop_test(tc, test_no_invented_numbers, 0,
                        (int)(sizeof seeds / sizeof *seeds + sizeof excerpts / sizeof *excerpts));
    tcase_add_test(tc, test_locations);
    tcase_add_test(tc, test_tab_separated);
    suite_add_tcase(s, tc);
    tc = tcase_create("malformed");
    tcase_add_checked_fixture(tc, setup, teardown);
    tcase_add_test(tc, test_truncated);
    tcase_add_test(tc, test_stray_cell);
    tcase_add_test(tc, test_more_values_than_columns);
    suite_add_tcase(s, tc);
    tc = tcase_create("through");
    tcase_add_checked_fixture(tc, setup, teardown);
    tcase_set_timeout(tc, 30);
    tcase_add_test(tc, test_seed000_through);
    tcase_add_test(tc, test_seed003_through);
    tcase_add_test(tc, test_narrative_through);
    tcase_add_loop_test(tc, test_excerpt_through, 0, (int)(sizeof excerpts / sizeof *excerpts));
    tcase_add_test(tc, test_ambiguous_through);
    suite_add_tcase(s, tc);
    return s;
}

int main(void)
{
    SRunner *sr = srunner_create(textcap_suite());
    srunner_run_all(sr, CK_NORMAL);
    int failed = srunner_ntests_failed(sr);
    srunner_free(sr);
    return failed ? EXIT_FAILURE : EXIT_SUCCESS;
}
