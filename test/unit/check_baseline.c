/* Unit tests: baselines (src/report/baseline.c): the round trip write -> fill in the
 * reasons -> load -> apply on the same file as it changes, what a load refuses, which
 * entries are stale, and the reports' marks. */
#include <check.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "rollcheck/baseline.h"
#include "rollcheck/check.h"
#include "rollcheck/read.h"
#include "rollcheck/report.h"
#include "rollcheck/rules.h"
#include "common/util.h"

#define INPUTS RC_SOURCE_DIR "/test/golden/inputs"

/* ---- files ---------------------------------------------------------------------------- */

static char *slurp(const char *path)
{
    rc_ctx *ctx;
    ck_assert_int_eq(rc_ctx_new(&ctx), 0);
    char *buf;
    size_t len;
    int rc = rc_read_whole_file(path, (size_t)1 << 26, &buf, &len, ctx);
    ck_assert_msg(rc == 0, "%s", rc_ctx_error(ctx));
    rc_ctx_free(ctx);
    return buf;
}

static void spill(const char *path, const char *text)
{
    FILE *f = fopen(path, "wb");
    ck_assert_ptr_nonnull(f);
    ck_assert_uint_eq(fwrite(text, 1, strlen(text), f), strlen(text));
    ck_assert_int_eq(fclose(f), 0);
}

static void copy_file(const char *from, const char *to)
{
    char *text = slurp(from);
    spill(to, text);
    free(text);
}

/* A temporary directory with the two files of a round trip in it. */
typedef struct tempdir {
    char dir[64];
    char filing[96];   /* the input, rewritten as it "changes" */
    char baseline[96]; /* the baseline written for it */
} tempdir;

static void tempdir_make(tempdir *t)
{
    strcpy(t->dir, "/tmp/rollcheck-baseline-XXXXXX");
    ck_assert_ptr_nonnull(mkdtemp(t->dir));
    snprintf(t->filing, sizeof t->filing, "%s/filing.json", t->dir);
    snprintf(t->baseline, sizeof t->baseline, "%s/baseline.json", t->dir);
}

static void tempdir_remove(tempdir *t)
{
    unlink(t->filing);
    unlink(t->baseline);
    ck_assert_int_eq(rmdir(t->dir), 0);
}

/* ---- a run: read, check ---------------------------------------------------------------- */

typedef struct run {
    rc_ctx *ctx;
    rc_vocab *vocab;
    rc_ruleset *rules;
    rc_inputs *inputs;
    rc_model *model;
    rc_results *results;
} run;

static void run_check(run *r, const char *path)
{
    memset(r, 0, sizeof *r);
    ck_assert_int_eq(rc_ctx_new(&r->ctx), 0);
    ck_assert_int_eq(rc_vocab_new(&r->vocab), 0);
    ck_assert_int_eq(rc_ruleset_new(&r->rules), 0);
    int rc = rc_vocab_load_dir(r->vocab, RC_SOURCE_DIR "/rules", r->ctx);
    ck_assert_msg(rc == 0, "%s", rc_ctx_error(r->ctx));
    rc = rc_ruleset_load_dir(r->rules, RC_SOURCE_DIR "/rules", r->ctx);
    ck_assert_msg(rc == 0, "%s", rc_ctx_error(r->ctx));
    ck_assert_int_eq(rc_inputs_new(&r->inputs), 0);
    ck_assert_int_eq(rc_model_new(&r->model), 0);
    ck_assert_int_eq(rc_inputs_add(r->inputs, path, r->ctx), 0);
    ck_assert_int_eq(rc_inputs_read(r->inputs, r->model, r->vocab, r->ctx), 0);
    ck_assert_uint_eq(rc_inputs_failed(r->inputs), 0);
    ck_assert_int_eq(rc_check(r->rules, r->model, &r->results, r->ctx), 0);
}

static void run_free(run *r)
{
    rc_results_free(r->results);
    rc_model_free(r->model);
    rc_inputs_free(r->inputs);
    rc_ruleset_free(r->rules);
    rc_vocab_free(r->vocab);
    rc_ctx_free(r->ctx);
}

static void apply(rc_baseline *b, run *r)
{
    int rc = rc_baseline_apply(b, r->results, rc_inputs_array(r->inputs),
                               rc_inputs_count(r->inputs), r->ctx);
    ck_assert_msg(rc == 0, "%s", rc_ctx_error(r->ctx));
}

static void write_baseline(const char *path, run *r, const rc_baseline *previous)
{
    FILE *f = fopen(path, "wb");
    ck_assert_ptr_nonnull(f);
    int rc = rc_baseline_write(f, r->results, previous, r->ctx);
    ck_assert_msg(rc == 0, "%s", rc_ctx_error(r->ctx));
    ck_assert_int_eq(fclose(f), 0);
}

/* The findings the baseline does not accept, and the rule of the last of them. */
static size_t count_new(const rc_baseline *b, const run *r, const char **rule)
{
    size_t n = 0;
    for (size_t i = 0; i < rc_results_finding_count(r->results); i++) {
        const rc_finding *f = rc_results_finding(r->results, i);
        const char *reason = "unset";
        bool accepted = rc_baseline_accepts(b, f, &reason);
        if (accepted) {
            ck_assert_ptr_nonnull(reason);
            ck_assert_msg(*reason, "an accepted finding has an empty reason");
        } else {
            ck_assert_ptr_null(reason);
            n++;
            if (rule) *rule = rc_rule_id(f->rule);
        }
    }
    return n;
}

/* Fill in every empty reason of a written baseline, "reason N" for the Nth. */
static void fill_reasons(const char *path)
{
    char *text = slurp(path);
    rc_buf out = RC_BUF_INIT;
    static const char empty[] = "\"reason\": \"\"";
    unsigned n = 0;
    const char *p = text;
    for (const char *hit; (hit = strstr(p, empty)) != NULL; p = hit + strlen(empty)) {
        rc_buf_append(&out, p, (size_t)(hit - p));
        rc_buf_printf(&out, "\"reason\": \"reason %u\"", ++n);
    }
    rc_buf_puts(&out, p);
    ck_assert(!out.failed);
    spill(path, out.data);
    rc_buf_free(&out);
    free(text);
}

/* The line of the first occurrence of needle in the file at path (1-based). */
static unsigned line_of(const char *path, const char *needle)
{
    char *text = slurp(path);
    const char *hit = strstr(text, needle);
    ck_assert_ptr_nonnull(hit);
    unsigned line = 1;
    for (const char *p = text; p < hit; p++)
        line += *p == '\n';
    free(text);
    return line;
}

/* ---- the round trip --------------------------------------------------------------------- */

/*
 * samples/broken.json (six findings) in a file of its own: write its baseline, which
 * cannot be loaded until every reason is filled in; then each finding is accepted.  The
 * same file with lines inserted above: still all accepted.  With one number changed
 * (test/golden/inputs/broken-changed.json: a remaining term of 12.2 years under a
 * 10-year plan): exactly that new finding is not accepted.  With the third planted error
 * fixed: its two findings' entries are stale.
 */
START_TEST(test_round_trip)
{
    tempdir t;
    tempdir_make(&t);
    copy_file(RC_SOURCE_DIR "/samples/broken.json", t.filing);
    run r;
    run_check(&r, t.filing);
    ck_assert_uint_eq(rc_results_finding_count(r.results), 6);
    unsigned first_line = rc_results_finding(r.results, 0)->where.line;
    write_baseline(t.baseline, &r, NULL);
    run_free(&r);

    /* as written, the reasons are empty: refused at the first of them */
    rc_ctx *ctx;
    ck_assert_int_eq(rc_ctx_new(&ctx), 0);
    rc_baseline *b = NULL;
    ck_assert_int_eq(rc_baseline_load(&b, t.baseline, ctx), RC_ESYNTAX);
    ck_assert_ptr_null(b);
    char where[128];
    snprintf(where, sizeof where, "%s:%u:", t.baseline, line_of(t.baseline, "\"reason\""));
    ck_assert_msg(strncmp(rc_ctx_error(ctx), where, strlen(where)) == 0, "%s", rc_ctx_error(ctx));
    ck_assert_ptr_nonnull(strstr(rc_ctx_error(ctx), "empty \"reason\" for RC130"));

    fill_reasons(t.baseline);
    int rc = rc_baseline_load(&b, t.baseline, ctx);
    ck_assert_msg(rc == 0, "%s", rc_ctx_error(ctx));
    ck_assert_str_eq(rc_baseline_path(b), t.baseline);

    /* the same file: every finding accepted, with its own reason */
    run_check(&r, t.filing);
    apply(b, &r);
    ck_assert_uint_eq(rc_baseline_accepted_count(b), 6);
    ck_assert_uint_eq(rc_baseline_stale_count(b), 0);
    ck_assert_uint_eq(count_new(b, &r, NULL), 0);
    ck_assert_int_eq(rc_baseline_max_new_severity(b, r.results), -1);
    ck_assert_int_eq(rc_baseline_max_new_severity(NULL, r.results), RC_SEVERITY_ERROR);
    const char *reason;
    ck_assert(rc_baseline_accepts(b, rc_results_finding(r.results, 3), &reason));
    ck_assert_str_eq(reason, "reason 4");
    run_free(&r);

    /* lines inserted above: the findings move, and are still accepted */
    copy_file(INPUTS "/broken-shifted.json", t.filing);
    run_check(&r, t.filing);
    ck_assert_uint_eq(rc_results_finding_count(r.results), 6);
    ck_assert_uint_eq(rc_results_finding(r.results, 0)->where.line, first_line + 6);
    apply(b, &r);
    ck_assert_uint_eq(rc_baseline_accepted_count(b), 6);
    ck_assert_uint_eq(rc_baseline_stale_count(b), 0);
    run_free(&r);

    /* one number changed: one more finding, the only one not accepted */
    copy_file(INPUTS "/broken-changed.json", t.filing);
    run_check(&r, t.filing);
    ck_assert_uint_eq(rc_results_finding_count(r.results), 7);
    apply(b, &r);
    const char *rule = NULL;
    ck_assert_uint_eq(count_new(b, &r, &rule), 1);
    ck_assert_str_eq(rule, "RC151");
    ck_assert_uint_eq(rc_baseline_accepted_count(b), 6);
    ck_assert_uint_eq(rc_baseline_stale_count(b), 0);
    ck_assert_int_eq(rc_baseline_max_new_severity(b, r.results), RC_SEVERITY_ERROR);

    /* rewritten with the old baseline: its six reasons kept, the new entry empty */
    write_baseline(t.baseline, &r, b);
    run_free(&r);
    rc_baseline *again = NULL;
    ck_assert_int_eq(rc_baseline_load(&again, t.baseline, ctx), RC_ESYNTAX);
    ck_assert_ptr_nonnull(strstr(rc_ctx_error(ctx), "empty \"reason\" for RC151"));
    char *text = slurp(t.baseline);
    for (unsigned i = 1; i <= 6; i++) {
        char want[32];
        snprintf(want, sizeof want, "\"reason\": \"reason %u\"", i);
        ck_assert_msg(strstr(text, want), "%s lost", want);
    }
    free(text);

    /* the third planted error fixed: RC101 and RC103 on the 2024 RSUs are gone, their
     * entries stale (the original baseline, not the rewritten one) */
    copy_file(INPUTS "/broken-fixed.json", t.filing);
    run_check(&r, t.filing);
    ck_assert_uint_eq(rc_results_finding_count(r.results), 4);
    apply(b, &r);
    ck_assert_uint_eq(rc_baseline_accepted_count(b), 4);
    ck_assert_uint_eq(rc_baseline_stale_count(b), 2);
    const rc_baseline_entry *e0 = rc_baseline_stale(b, 0), *e1 = rc_baseline_stale(b, 1);
    ck_assert_str_eq(e0->rule, "RC101");
    ck_assert_str_eq(e1->rule, "RC103");
    ck_assert_str_eq(e0->file, t.filing);
    ck_assert_str_eq(e0->reason, "reason 5");
    ck_assert(!e0->file_missing);
    ck_assert_ptr_nonnull(strstr(e1->message, "grant-date fair value"));
    ck_assert_ptr_null(rc_baseline_stale(b, 2));
    ck_assert_int_eq(rc_baseline_max_new_severity(b, r.results), -1);
    run_free(&r);

    rc_baseline_free(b);
    rc_ctx_free(ctx);
    tempdir_remove(&t);
}
END_TEST

/* The checked-in baseline of samples/broken.json is what the writer writes, reasons
 * kept: reading it, applying it and writing it again gives the same bytes. */
START_TEST(test_checked_in_baseline_rewrites_to_itself)
{
    ck_assert_int_eq(chdir(RC_SOURCE_DIR), 0); /* its keys name samples/broken.json */
    run r;
    run_check(&r, "samples/broken.json");
    rc_baseline *b = NULL;
    int rc = rc_baseline_load(&b, "test/golden/inputs/broken-baseline.json", r.ctx);
    ck_assert_msg(rc == 0, "%s", rc_ctx_error(r.ctx));
    apply(b, &r);
    ck_assert_uint_eq(rc_baseline_accepted_count(b), 6);
    char *buf = NULL;
    size_t len = 0;
    FILE *mem = open_memstream(&buf, &len);
    ck_assert_ptr_nonnull(mem);
    ck_assert_int_eq(rc_baseline_write(mem, r.results, b, r.ctx), 0);
    ck_assert_int_eq(fclose(mem), 0);
    char *want = slurp("test/golden/inputs/broken-baseline.json");
    ck_assert_str_eq(buf, want);
    free(want);
    free(buf);
    rc_baseline_free(b);
    run_free(&r);
}
END_TEST

/* ---- what a load refuses ----------------------------------------------------------------- */

/* A baseline of one entry: the key of RC102 on samples/broken.json, with fields. */
#define KEY                                                                                        \
    "RC102\\u001fsamples/broken.json\\u001fExample Corp.\\u001foptions\\u001f\\u001f"              \
    "2019 Equity Incentive Plan\\u001f2024-01-01\\u001f2024-12-31\\u001fUSD\\u001fprice"
#define ONE(fields) "{\"rollcheck\": \"baseline\", \"version\": 1, \"findings\": [\n{" fields "}]}"

static const struct refused {
    const char *text;
    const char *where; /* "LINE:COL" of the error */
    const char *says;
} refused[] = {
    {"{\"rollcheck\": \"baseline\", ", "1:26", "invalid JSON"},
    {"{\"rollcheck\": \"model\", \"version\": 1, \"findings\": []}", "1:15",
     "not a rollcheck baseline"},
    {"{\"rollcheck\": \"baseline\", \"version\": 2, \"findings\": []}", "1:38",
     "\"version\" must be 1"},
    {"{\"rollcheck\": \"baseline\", \"version\": 1}", "1:1", "needs \"findings\""},
    {"{\"rollcheck\": \"baseline\", \"version\": 1, \"findings\": [], \"extra\": 1}", "1:57",
     "unknown field 'extra' in a baseline"},
    {ONE("\"key\": \"" KEY "\", \"reason\": \"known\", \"line\": 41"), "2:184",
     "unknown field 'line' in a baseline entry"},
    {ONE("\"rule\": \"RC102\", \"reason\": \"known\""), "2:1", "without \"key\""},
    {ONE("\"key\": \"RC102\\u001fsamples/broken.json\", \"reason\": \"known\""), "2:9",
     "not the key of a finding"},
    {ONE("\"key\": 12, \"reason\": \"known\""), "2:9", "\"key\" must be a string"},
    {ONE("\"key\": \"" KEY "\", \"rule\": \"RC101\", \"reason\": \"known\""), "2:173",
     "\"rule\" RC101 is not the rule of the key (RC102)"},
    {ONE("\"key\": \"" KEY "\", \"file\": \"samples/clean.json\", \"reason\": \"known\""), "2:173",
     "\"file\" 'samples/clean.json' is not the file of the key"},
    {ONE("\"key\": \"" KEY "\""), "2:1", "without \"reason\""},
    {ONE("\"key\": \"" KEY "\", \"reason\": \" \\t \""), "2:175",
     "empty \"reason\" for RC102 in samples/broken.json"},
    {ONE("\"key\": \"" KEY "\", \"reason\": null"), "2:175", "\"reason\" must be a string"},
    {ONE("\"key\": \"" KEY "\", \"reason\": \"a\", \"reason\": \"b\""), "2:180",
     "field 'reason' given twice"},
    {ONE("\"key\": \"" KEY "\", \"members\": [1], \"reason\": \"a\""), "2:177",
     "each of \"members\" must be a string"},
    {ONE("\"key\": \"" KEY "\", \"period\": {\"from\": \"2024\"}, \"reason\": \"a\""), "2:176",
     "unknown field 'from' in a baseline entry's period"},
};

START_TEST(test_load_refuses)
{
    const struct refused *c = &refused[_i];
    char path[] = "/tmp/rollcheck-baseline-bad-XXXXXX";
    int fd = mkstemp(path);
    ck_assert_int_ge(fd, 0);
    close(fd);
    spill(path, c->text);
    rc_ctx *ctx;
    ck_assert_int_eq(rc_ctx_new(&ctx), 0);
    rc_baseline *b = (rc_baseline *)&ctx; /* must be reset to NULL */
    ck_assert_int_eq(rc_baseline_load(&b, path, ctx), RC_ESYNTAX);
    ck_assert_ptr_null(b);
    char where[96];
    snprintf(where, sizeof where, "%s:%s: error: ", path, c->where);
    ck_assert_msg(strncmp(rc_ctx_error(ctx), where, strlen(where)) == 0 &&
                      strstr(rc_ctx_error(ctx), c->says),
                  "case %d: %s", _i, rc_ctx_error(ctx));
    ck_assert_str_ne(rc_ctx_detail(ctx), ""); /* the line and a caret */
    rc_ctx_free(ctx);
    unlink(path);
}
END_TEST

START_TEST(test_load_accepts_comments_and_a_missing_file_is_an_error)
{
    char path[] = "/tmp/rollcheck-baseline-ok-XXXXXX";
    int fd = mkstemp(path);
    ck_assert_int_ge(fd, 0);
    close(fd);
    spill(path, "{\"rollcheck\": \"baseline\", \"version\": 1, \"_why\": [\"any\"], \"findings\": "
                "[\n{\"_note\": 1, \"key\": \"" KEY "\", \"reason\": \"known\", "
                "\"period\": {\"start\": null, \"end\": \"2024-12-31\"}, \"members\": []}]}");
    rc_ctx *ctx;
    ck_assert_int_eq(rc_ctx_new(&ctx), 0);
    rc_baseline *b = NULL;
    int rc = rc_baseline_load(&b, path, ctx);
    ck_assert_msg(rc == 0, "%s", rc_ctx_error(ctx));
    rc_baseline_free(b);
    unlink(path);
    ck_assert_int_eq(rc_baseline_load(&b, path, ctx), RC_EIO);
    ck_assert_ptr_null(b);
    ck_assert_ptr_nonnull(strstr(rc_ctx_error(ctx), "cannot open"));
    rc_ctx_free(ctx);
}
END_TEST

/* ---- stale or left alone ------------------------------------------------------------------ */

/*
 * Checking samples/broken.json with entries for: its RC102 written "./samples/..." (the
 * same file); that entry twice (one entry accepts one finding: the second is stale); a
 * finding of samples/clean.json, a file not checked in this run (left alone, and kept
 * when the baseline is written again); a file that no longer exists (stale).
 */
START_TEST(test_stale_only_for_files_checked_or_gone)
{
    ck_assert_int_eq(chdir(RC_SOURCE_DIR), 0);
    static const char text[] =
        "{\"rollcheck\": \"baseline\", \"version\": 1, \"findings\": [\n"
        "{\"file\": \"./samples/broken.json\", \"key\": \"RC102\\u001f./samples/broken.json"
        "\\u001fExample Corp.\\u001foptions\\u001f\\u001f2019 Equity Incentive Plan\\u001f"
        "2024-01-01\\u001f2024-12-31\\u001fUSD\\u001fprice\", \"reason\": \"planted\"},\n"
        "{\"key\": \"" KEY "\", \"reason\": \"twice\"},\n"
        "{\"key\": \"RC101\\u001fsamples/clean.json\\u001fExample Corp.\\u001foptions\\u001f"
        "\\u001f2019 Equity Incentive Plan\\u001f2023-01-01\\u001f2023-12-31\\u001fUSD\\u001f"
        "count\", \"quantity\": \"count\", \"message\": \"kept as it is\", \"reason\": \"other "
        "file\"},\n"
        "{\"key\": \"RC101\\u001fsamples/no-such-file.json\\u001fExample Corp.\\u001foptions"
        "\\u001f\\u001f\\u001f2023-01-01\\u001f2023-12-31\\u001fUSD\\u001fcount\", "
        "\"reason\": \"gone\"}\n]}\n";
    char path[] = "/tmp/rollcheck-baseline-stale-XXXXXX";
    int fd = mkstemp(path);
    ck_assert_int_ge(fd, 0);
    close(fd);
    spill(path, text);
    run r;
    run_check(&r, "samples/broken.json");
    rc_baseline *b = NULL;
    int rc = rc_baseline_load(&b, path, r.ctx);
    ck_assert_msg(rc == 0, "%s", rc_ctx_error(r.ctx));
    apply(b, &r);
    ck_assert_uint_eq(rc_baseline_accepted_count(b), 1);
    const char *reason = NULL;
    ck_assert(rc_baseline_accepts(b, rc_results_finding(r.results, 3), &reason));
    ck_assert_str_eq(rc_rule_id(rc_results_finding(r.results, 3)->rule), "RC102");
    ck_assert_str_eq(reason, "planted"); /* the first entry of a key goes first */
    ck_assert_uint_eq(count_new(b, &r, NULL), 5);
    ck_assert_uint_eq(rc_baseline_stale_count(b), 2);
    const rc_baseline_entry *twice = rc_baseline_stale(b, 0), *gone = rc_baseline_stale(b, 1);
    ck_assert_str_eq(twice->reason, "twice");
    ck_assert_uint_eq(twice->line, 3);
    ck_assert(!twice->file_missing);
    ck_assert_str_eq(gone->file, "samples/no-such-file.json");
    ck_assert_uint_eq(gone->line, 5);
    ck_assert(gone->file_missing);

    /* written again: the six findings (one reason kept) and the clean.json entry as it was;
     * the stale entries dropped */
    char *buf = NULL;
    size_t len = 0;
    FILE *mem = open_memstream(&buf, &len);
    ck_assert_ptr_nonnull(mem);
    ck_assert_int_eq(rc_baseline_write(mem, r.results, b, r.ctx), 0);
    ck_assert_int_eq(fclose(mem), 0);
    ck_assert_ptr_nonnull(strstr(buf, "\"reason\": \"planted\""));
    ck_assert_ptr_null(strstr(buf, "twice"));
    ck_assert_ptr_null(strstr(buf, "no-such-file"));
    ck_assert_ptr_null(strstr(buf, "./samples"));
    const char *clean = strstr(buf, "\"file\": \"samples/clean.json\"");
    ck_assert_ptr_nonnull(clean);
    ck_assert_ptr_nonnull(strstr(clean, "\"message\": \"kept as it is\",\n"
                                        "      \"reason\": \"other file\""));
    /* grouped by file: broken.json's six before clean.json's one */
    ck_assert_ptr_null(strstr(clean, "samples/broken.json\""));
    size_t entries = 0;
    for (const char *p = buf; (p = strstr(p, "\"key\": ")) != NULL; p++)
        entries++;
    ck_assert_uint_eq(entries, 7);
    free(buf);

    /* applied again to the same results: the same outcome, not doubled */
    apply(b, &r);
    ck_assert_uint_eq(rc_baseline_accepted_count(b), 1);
    ck_assert_uint_eq(rc_baseline_stale_count(b), 2);
    rc_baseline_free(b);
    run_free(&r);
    unlink(path);
}
END_TEST

/* ---- the reports ---------------------------------------------------------------------------- */

static char *report(rc_report_fn fn, const run *r, const rc_baseline *b)
{
    rc_report rep = {
        rc_inputs_array(r->inputs), rc_inputs_count(r->inputs), r->model, r->results, r->rules, b};
    char *buf = NULL;
    size_t len = 0;
    FILE *mem = open_memstream(&buf, &len);
    ck_assert_ptr_nonnull(mem);
    ck_assert_int_eq(fn(mem, &rep, r->ctx), 0);
    ck_assert_int_eq(fclose(mem), 0);
    return buf;
}

START_TEST(test_reports_mark_accepted_and_stale)
{
    ck_assert_int_eq(chdir(RC_SOURCE_DIR), 0);
    run r;
    run_check(&r, "test/golden/inputs/broken-fixed.json");
    rc_baseline *b = NULL;
    ck_assert_int_eq(
        rc_baseline_load(&b, "test/golden/inputs/broken-variants-baseline.json", r.ctx), 0);
    apply(b, &r);

    char *text = report(rc_report_text, &r, b);
    ck_assert_ptr_nonnull(strstr(text, "reported 16.45 [RC102, accepted: planted error 2 of "
                                       "samples/broken.json (closing WAEP 16.45, clean 15.45): "
                                       "the sample exists to show it]\n"));
    ck_assert_ptr_nonnull(strstr(text, "test/golden/inputs/broken-variants-baseline.json:106: "
                                       "note: stale baseline entry: RC101 in "
                                       "test/golden/inputs/broken-fixed.json matches no finding "
                                       "any more: the balance at the end"));
    ck_assert_ptr_nonnull(strstr(text, "0 infos; 4 accepted, 2 stale baseline entries\n"));
    free(text);

    char *json = report(rc_report_json, &r, b);
    ck_assert_ptr_nonnull(strstr(json, "\"accepted\": true,\n      \"accepted_reason\": "
                                       "\"planted error 2 of samples/broken.json"));
    ck_assert_ptr_nonnull(strstr(json, "\"baseline\": {\"path\": "
                                       "\"test/golden/inputs/broken-variants-baseline.json\", "
                                       "\"accepted\": 4, \"stale\": [\n    {\"line\": 106, "
                                       "\"rule\": \"RC101\""));
    free(json);

    /* without a baseline: nothing accepted, and the JSON says so */
    text = report(rc_report_text, &r, NULL);
    ck_assert_ptr_null(strstr(text, "accepted"));
    free(text);
    json = report(rc_report_json, &r, NULL);
    ck_assert_ptr_nonnull(strstr(json, "\"accepted\": false,\n      \"accepted_reason\": null"));
    ck_assert_ptr_nonnull(strstr(json, "\"baseline\": null,"));
    free(json);

    rc_baseline_free(b);
    run_free(&r);
}
END_TEST

static Suite *baseline_suite(void)
{
    Suite *s = suite_create("baseline");
    TCase *tc = tcase_create("round trip");
    tcase_add_test(tc, test_round_trip);
    tcase_add_test(tc, test_checked_in_baseline_rewrites_to_itself);
    suite_add_tcase(s, tc);
    tc = tcase_create("load");
    tcase_add_loop_test(tc, test_load_refuses, 0, (int)(sizeof refused / sizeof refused[0]));
    tcase_add_test(tc, test_load_accepts_comments_and_a_missing_file_is_an_error);
    suite_add_tcase(s, tc);
    tc = tcase_create("stale");
    tcase_add_test(tc, test_stale_only_for_files_checked_or_gone);
    suite_add_tcase(s, tc);
    tc = tcase_create("reports");
    tcase_add_test(tc, test_reports_mark_accepted_and_stale);
    suite_add_tcase(s, tc);
    return s;
}

int main(void)
{
    SRunner *sr = srunner_create(baseline_suite());
    srunner_run_all(sr, CK_NORMAL);
    int failed = srunner_ntests_failed(sr);
    srunner_free(sr);
    return failed ? EXIT_FAILURE : EXIT_SUCCESS;
}
