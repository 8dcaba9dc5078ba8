/* Unit tests: the inputs of a run (src/read/inputs.c). */
#include <check.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "rollcheck/read.h"
#include "common/util.h"
#include "read/filingsummary.h"

#define AAPL RC_SOURCE_DIR "/test/data/aapl-20250329"

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

/* ---- a temporary directory --------------------------------------------------------------- */

typedef struct tempdir {
    char path[64];
    char *files[16];
    size_t n;
} tempdir;

static void tempdir_make(tempdir *t)
{
    memset(t, 0, sizeof *t);
    strcpy(t->path, "/tmp/rollcheck-inputs-XXXXXX");
    ck_assert_ptr_nonnull(mkdtemp(t->path));
}

static char *tempdir_write(tempdir *t, const char *name, const char *data, size_t len)
{
    ck_assert_uint_lt(t->n, 16);
    rc_buf b = RC_BUF_INIT;
    rc_buf_printf(&b, "%s/%s", t->path, name);
    char *path = rc_buf_take(&b);
    FILE *f = fopen(path, "wb");
    ck_assert_ptr_nonnull(f);
    ck_assert_uint_eq(fwrite(data, 1, len, f), len);
    fclose(f);
    t->files[t->n++] = path;
    return path;
}

/* Copy a file of test/data/aapl-20250329 into the directory. */
static char *tempdir_copy(tempdir *t, const char *name)
{
    char src[4096];
    snprintf(src, sizeof src, "%s/%s", AAPL, name);
    rc_ctx *ctx;
    ck_assert_int_eq(rc_ctx_new(&ctx), 0);
    char *buf;
    size_t len;
    ck_assert_int_eq(rc_read_whole_file(src, (size_t)1 << 30, &buf, &len, ctx), 0);
    rc_ctx_free(ctx);
    char *path = tempdir_write(t, name, buf, len);
    free(buf);
    return path;
}

static void tempdir_remove(tempdir *t)
{
    for (size_t i = 0; i < t->n; i++) {
        unlink(t->files[i]);
        free(t->files[i]);
    }
    rmdir(t->path);
}

/* ---- helpers ------------------------------------------------------------------------------ */

static const rc_input *input_named(const rc_inputs *in, const char *suffix)
{
    size_t k = strlen(suffix);
    for (size_t i = 0; i < rc_inputs_count(in); i++) {
        const rc_input *x = rc_inputs_get(in, i);
        size_t n = strlen(x->path);
        if (n >= k && strcmp(x->path + n - k, suffix) == 0) return x;
    }
    ck_abort_msg("no input %s", suffix);
    return NULL;
}

static const char *note_of(const rc_model *model, const char *path)
{
    const char *found = NULL;
    for (size_t i = 0; i < rc_model_note_count(model); i++) {
        const rc_note *n = rc_model_note(model, i);
        if (strcmp(n->src.file, path) == 0) {
            ck_assert_msg(!found, "two notes on %s: '%s', '%s'", path, found, n->text);
            found = n->text;
        }
    }
    return found;
}

static void assert_no_rollforward_note(const rc_model *model, const rc_input *x)
{
    char want[100];
    snprintf(want, sizeof want, "no roll-forward found (%zu facts read)", x->facts);
    const char *got = note_of(model, x->path);
    ck_assert_msg(got && strcmp(got, want) == 0, "%s: note '%s', want '%s'", x->path,
                  got ? got : "(none)", want);
}

typedef struct run {
    rc_inputs *in;
    rc_model *model;
    rc_vocab *vocab;
    rc_ctx *ctx;
} run;

static void run_start(run *r)
{
    ck_assert_int_eq(rc_inputs_new(&r->in), 0);
    ck_assert_int_eq(rc_model_new(&r->model), 0);
    ck_assert_int_eq(rc_ctx_new(&r->ctx), 0);
    r->vocab = load_vocab();
}

static void run_read(run *r)
{
    int rc = rc_inputs_read(r->in, r->model, r->vocab, r->ctx);
    ck_assert_msg(rc == 0, "%s", rc_ctx_error(r->ctx));
}

static void run_end(run *r)
{
    rc_inputs_free(r->in);
    rc_model_free(r->model);
    rc_vocab_free(r->vocab);
    rc_ctx_free(r->ctx);
}

/* ---- tests -------------------------------------------------------------------------------- */

START_TEST(test_folder_with_summary)
{
    run r;
    run_start(&r);
    ck_assert_int_eq(rc_inputs_add(r.in, AAPL, r.ctx), 0);
    /* its files in name order */
    ck_assert_uint_eq(rc_inputs_count(r.in), 6);
    const char *names[] = {"FilingSummary.xml", "R25.htm", "R34.htm",
                           "R38.htm",           "R39.htm", "R40.htm"};
    for (size_t i = 0; i < 6; i++) {
        char want[4096];
        snprintf(want, sizeof want, "%s/%s", AAPL, names[i]);
        ck_assert_str_eq(rc_inputs_array(r.in)[i].path, want);
    }
    run_read(&r);
    ck_assert_uint_eq(rc_inputs_failed(r.in), 0);
    const rc_input *fs = input_named(r.in, "/FilingSummary.xml");
    ck_assert_int_eq(fs->format, RC_FORMAT_FILING_SUMMARY);
    ck_assert_ptr_null(fs->skipped);
    ck_assert_str_eq(note_of(r.model, fs->path),
                     "the share-based payment pages it names: R25.htm, R38.htm, R39.htm, "
                     "R40.htm");
    /* the page that is not a share-based payment page */
    const rc_input *r34 = input_named(r.in, "/R34.htm");
    ck_assert_int_eq(r34->format, RC_FORMAT_R_HTML);
    ck_assert_str_eq(r34->skipped, "not a share-based payment page of FilingSummary.xml: "
                                   "'Condensed Consolidated Financial Statement Details - "
                                   "Inventories (Details)'");
    ck_assert_uint_eq(r34->facts, 0);
    ck_assert_ptr_null(note_of(r.model, r34->path));
    /* the RSU activity, reported by the Details page and the Tables page: one roll-forward,
     * which both report */
    ck_assert_uint_eq(rc_model_count_rollforwards(r.model, NULL), 1);
    const rc_input *r38 = input_named(r.in, "/R38.htm"), *r25 = input_named(r.in, "/R25.htm");
    ck_assert_uint_eq(r38->rollforwards, 1);
    ck_assert_uint_eq(r25->rollforwards, 1);
    ck_assert_uint_eq(r38->facts, 10); /* 5 counts and 5 fair values */
    ck_assert_ptr_null(note_of(r.model, r38->path));
    ck_assert_ptr_null(r38->error);
    /* the other share-based pages: figures, no roll-forward */
    const rc_input *r39 = input_named(r.in, "/R39.htm");
    ck_assert_uint_eq(r39->rollforwards, 0);
    ck_assert_uint_gt(r39->facts, 0);
    assert_no_rollforward_note(r.model, r39);
    assert_no_rollforward_note(r.model, input_named(r.in, "/R40.htm"));
    run_end(&r);
}
END_TEST

START_TEST(test_files_given_together)
{
    run r;
    run_start(&r);
    ck_assert_int_eq(rc_inputs_add(r.in, AAPL "/R34.htm", r.ctx), 0);
    ck_assert_int_eq(rc_inputs_add(r.in, AAPL "/R38.htm", r.ctx), 0);
    ck_assert_int_eq(rc_inputs_add(r.in, AAPL "/FilingSummary.xml", r.ctx), 0);
    run_read(&r);
    ck_assert_ptr_nonnull(input_named(r.in, "/R34.htm")->skipped);
    ck_assert_uint_eq(input_named(r.in, "/R38.htm")->rollforwards, 1);
    ck_assert_str_eq(note_of(r.model, AAPL "/FilingSummary.xml"),
                     "the share-based payment pages it names: R38.htm; not among the inputs: "
                     "R25.htm, R39.htm, R40.htm");
    run_end(&r);
}
END_TEST

START_TEST(test_folder_without_summary)
{
    /* without FilingSummary.xml every R page is read */
    tempdir t;
    tempdir_make(&t);
    tempdir_copy(&t, "R34.htm");
    tempdir_copy(&t, "R38.htm");
    tempdir_write(&t, ".hidden.htm", "x", 1);
    run r;
    run_start(&r);
    ck_assert_int_eq(rc_inputs_add(r.in, t.path, r.ctx), 0);
    ck_assert_uint_eq(rc_inputs_count(r.in), 2); /* not the dotfile */
    run_read(&r);
    const rc_input *r34 = input_named(r.in, "/R34.htm");
    ck_assert_ptr_null(r34->skipped);
    ck_assert_uint_eq(r34->facts, 6);
    assert_no_rollforward_note(r.model, r34);
    ck_assert_uint_eq(input_named(r.in, "/R38.htm")->rollforwards, 1);
    run_end(&r);
    tempdir_remove(&t);
}
END_TEST

START_TEST(test_missing_path)
{
    run r;
    run_start(&r);
    ck_assert_int_eq(rc_inputs_add(r.in, "/nonexistent/dir/R1.htm", r.ctx), RC_EIO);
    ck_assert_str_eq(rc_ctx_error(r.ctx),
                     "/nonexistent/dir/R1.htm: error: cannot open: No such file or directory");
    ck_assert_int_eq(rc_inputs_add(r.in, AAPL "/R38.htm", r.ctx), 0);
    /* listed, with its error */
    ck_assert_uint_eq(rc_inputs_count(r.in), 2);
    const rc_input *x = rc_inputs_get(r.in, 0);
    ck_assert_str_eq(x->path, "/nonexistent/dir/R1.htm");
    ck_assert_str_eq(x->error,
                     "/nonexistent/dir/R1.htm: error: cannot open: No such file or directory");
    run_read(&r);
    ck_assert_uint_eq(rc_inputs_failed(r.in), 1);
    ck_assert_uint_eq(rc_inputs_get(r.in, 0)->rollforwards, 0);
    ck_assert_ptr_null(note_of(r.model, "/nonexistent/dir/R1.htm"));
    ck_assert_uint_eq(rc_inputs_get(r.in, 1)->rollforwards, 1);
    run_end(&r);

    /* an empty directory is an error too */
    tempdir t;
    tempdir_make(&t);
    run_start(&r);
    ck_assert_int_eq(rc_inputs_add(r.in, t.path, r.ctx), RC_EIO);
    char want[200];
    snprintf(want, sizeof want, "%s: error: a directory without any file to read", t.path);
    ck_assert_str_eq(rc_ctx_error(r.ctx), want);
    ck_assert_uint_eq(rc_inputs_count(r.in), 1);
    ck_assert_str_eq(rc_inputs_get(r.in, 0)->error, want);
    run_end(&r);
    tempdir_remove(&t);
}
END_TEST

/* A model JSON whose second roll-forward is broken: its reader has made the first
 * one when it fails. */
static const char *half_broken =
    "{\"rollcheck\": \"model\", \"version\": 1, \"rollforwards\": [\n"
    "{\"award\": \"options\", \"period\": {\"start\": \"2021-01-01\", \"end\": \"2021-12-31\"},\n"
    " \"opening\": {\"count\": \"10\"}, \"closing\": {\"count\": \"10\"}},\n"
    "{\"award\": \"options\", \"period\": {\"start\": \"2022-01-01\", \"end\": \"2022-12-31\"},\n"
    " \"opening\": {\"count\": \"1,2,3\"}, \"closing\": {\"count\": \"10\"}}]}\n";

START_TEST(test_failed_input_rolled_back)
{
    tempdir t;
    tempdir_make(&t);
    char *bad = tempdir_write(&t, "a-half-broken.json", half_broken, strlen(half_broken));
    /* read on its own, the reader leaves its first roll-forward behind */
    rc_model *model;
    rc_ctx *ctx;
    ck_assert_int_eq(rc_model_new(&model), 0);
    ck_assert_int_eq(rc_ctx_new(&ctx), 0);
    ck_assert_int_lt(rc_read_file(model, NULL, bad, NULL, ctx), 0);
    ck_assert_uint_gt(rc_model_count(model) + rc_model_fact_count(model), 0);
    char err[1024];
    snprintf(err, sizeof err, "%s", rc_ctx_error(ctx));
    rc_model_free(model);
    rc_ctx_free(ctx);

    /* among the inputs it contributes nothing, and the others are read */
    run r;
    run_start(&r);
    ck_assert_int_eq(rc_inputs_add(r.in, bad, r.ctx), 0);
    ck_assert_int_eq(rc_inputs_add(r.in, AAPL "/R38.htm", r.ctx), 0);
    run_read(&r);
    const rc_input *x = rc_inputs_get(r.in, 0);
    ck_assert_int_eq(x->format, RC_FORMAT_MODEL_JSON);
    ck_assert_str_eq(x->error, err);
    ck_assert_uint_eq(x->facts, 0);
    ck_assert_uint_eq(x->rollforwards, 0);
    ck_assert_uint_eq(rc_inputs_failed(r.in), 1);
    ck_assert_uint_eq(rc_model_count_rollforwards(r.model, NULL), 1);
    for (size_t i = 0; i < rc_model_fact_count(r.model); i++)
        ck_assert_str_eq(rc_model_fact(r.model, i)->src.file, AAPL "/R38.htm");
    ck_assert_ptr_null(note_of(r.model, bad));
    run_end(&r);
    tempdir_remove(&t);
}
END_TEST

START_TEST(test_unread_forms)
{
    tempdir t;
    tempdir_make(&t);
    tempdir_copy(&t, "R38.htm");
    char png[] = "\x89PNG\r\n\x1a\n\0\0\0\rIHDR";
    char *bin = tempdir_write(&t, "logo.png", png, sizeof png - 1);
    const char *inst = "<?xml version=\"1.0\"?>\n<xbrli:xbrl "
                       "xmlns:xbrli=\"http://www.xbrl.org/2003/instance\"></xbrli:xbrl>\n";
    char *xml = tempdir_write(&t, "abc_htm.xml", inst, strlen(inst));
    /* in a directory the user did not name them: the binary is skipped, with what it is; the
     * instance is read, and the R page, which renders the same filing, is not */
    run r;
    run_start(&r);
    ck_assert_int_eq(rc_inputs_add(r.in, t.path, r.ctx), 0);
    run_read(&r);
    ck_assert_uint_eq(rc_inputs_failed(r.in), 0);
    ck_assert_str_eq(input_named(r.in, "/logo.png")->skipped, "not a form rollcheck reads");
    ck_assert_int_eq(input_named(r.in, "/abc_htm.xml")->format, RC_FORMAT_XBRL_INSTANCE);
    ck_assert_ptr_null(input_named(r.in, "/abc_htm.xml")->skipped);
    ck_assert_str_eq(input_named(r.in, "/R38.htm")->skipped,
                     "the XBRL of the same filing is read instead (abc_htm.xml)");
    run_end(&r);
    /* named, the binary file fails; the (empty) instance is read */
    run_start(&r);
    ck_assert_int_eq(rc_inputs_add(r.in, bin, r.ctx), 0);
    ck_assert_int_eq(rc_inputs_add(r.in, xml, r.ctx), 0);
    run_read(&r);
    ck_assert_uint_eq(rc_inputs_failed(r.in), 1);
    char want[1024];
    snprintf(want, sizeof want, "%s: error: binary data, not a form rollcheck reads", bin);
    ck_assert_str_eq(rc_inputs_get(r.in, 0)->error, want);
    ck_assert_ptr_null(rc_inputs_get(r.in, 1)->error);
    ck_assert_int_eq(rc_inputs_get(r.in, 1)->format, RC_FORMAT_XBRL_INSTANCE);
    run_end(&r);
    tempdir_remove(&t);
}
END_TEST

/* A filing's folder holding its inline document, the instance extracted from it and its R
 * pages: the instance is read, the others render the same facts and are skipped. */
START_TEST(test_folder_prefers_xbrl)
{
    tempdir t;
    tempdir_make(&t);
    tempdir_copy(&t, "R38.htm");
    tempdir_copy(&t, "FilingSummary.xml");
    const char *names[] = {"aapl-20250329.htm", "aapl-20250329_htm.xml"};
    for (size_t k = 0; k < 2; k++) {
        char src[4096];
        snprintf(src, sizeof src, "%s/test/data/xbrl/%s", RC_SOURCE_DIR, names[k]);
        rc_ctx *ctx;
        ck_assert_int_eq(rc_ctx_new(&ctx), 0);
        char *buf;
        size_t len;
        ck_assert_int_eq(rc_read_whole_file(src, (size_t)1 << 30, &buf, &len, ctx), 0);
        rc_ctx_free(ctx);
        tempdir_write(&t, names[k], buf, len);
        free(buf);
    }
    run r;
    run_start(&r);
    ck_assert_int_eq(rc_inputs_add(r.in, t.path, r.ctx), 0);
    run_read(&r);
    ck_assert_uint_eq(rc_inputs_failed(r.in), 0);
    ck_assert_ptr_null(input_named(r.in, "/aapl-20250329_htm.xml")->skipped);
    ck_assert_uint_eq(input_named(r.in, "/aapl-20250329_htm.xml")->rollforwards, 1);
    const char *want = "the XBRL of the same filing is read instead (aapl-20250329_htm.xml)";
    ck_assert_str_eq(input_named(r.in, "/aapl-20250329.htm")->skipped, want);
    ck_assert_ptr_nonnull(input_named(r.in, "/R38.htm")->skipped);
    ck_assert_ptr_nonnull(input_named(r.in, "/FilingSummary.xml")->skipped);
    ck_assert_uint_eq(rc_model_count_rollforwards(r.model, NULL), 1);
    run_end(&r);
    /* named together, every file is read: the user asked for them */
    run_start(&r);
    for (size_t i = 0; i < t.n; i++)
        if (strstr(t.files[i], "aapl-20250329")) ck_assert_int_eq(rc_inputs_add(r.in, t.files[i], r.ctx), 0);
    run_read(&r);
    for (size_t i = 0; i < rc_inputs_count(r.in); i++)
        ck_assert_ptr_null(rc_inputs_get(r.in, i)->skipped);
    run_end(&r);
    tempdir_remove(&t);
}
END_TEST

START_TEST(test_no_rollforward_note)
{
    /* a page with figures but no roll-forward, and a narrative page with none at all */
    tempdir t;
    tempdir_make(&t);
    const char *narrative =
        "<html><body><table class=\"report\"><tr><th class=\"tl\"><div><strong>Share-Based "
        "Compensation<br></strong></div></th><th class=\"th\"><div>Mar. 29, 2025</div></th></tr>"
        "<tr class=\"re\"><td class=\"pl \"><a onclick=\"Show.showAR( this, "
        "'defref_us-gaap_ShareBasedCompensationArrangementByShareBasedPaymentDescription"
        "AndTermsTextBlock', window );\">Share-Based Compensation</a></td><td class=\"text\">"
        "<p>RSUs vest over four years.</p><span></span></td></tr></table></body></html>\n";
    char *page = tempdir_write(&t, "R15.htm", narrative, strlen(narrative));
    run r;
    run_start(&r);
    ck_assert_int_eq(rc_inputs_add(r.in, AAPL "/R40.htm", r.ctx), 0);
    ck_assert_int_eq(rc_inputs_add(r.in, page, r.ctx), 0);
    run_read(&r);
    const rc_input *r40 = rc_inputs_get(r.in, 0), *r15 = rc_inputs_get(r.in, 1);
    ck_assert_uint_eq(r40->facts, 8);
    assert_no_rollforward_note(r.model, r40);
    ck_assert_str_eq(note_of(r.model, r40->path), "no roll-forward found (8 facts read)");
    ck_assert_ptr_null(r15->error);
    ck_assert_str_eq(note_of(r.model, page), "no roll-forward found (0 facts read)");
    run_end(&r);
    tempdir_remove(&t);
}
END_TEST

/* ---- FilingSummary.xml ---------------------------------------------------------------- */

static rc_filing_summary *parse_summary(const char *text, int want, const char *msg)
{
    rc_ctx *ctx;
    ck_assert_int_eq(rc_ctx_new(&ctx), 0);
    rc_filing_summary *fs = NULL;
    int rc = rc_filingsummary_parse("FilingSummary.xml", text, strlen(text), 0, &fs, ctx);
    ck_assert_msg(rc == want, "rc %d (%s)", rc, rc_ctx_error(ctx));
    if (msg) ck_assert_str_eq(rc_ctx_error(ctx), msg);
    rc_ctx_free(ctx);
    return fs;
}

START_TEST(test_summary_apple)
{
    rc_ctx *ctx;
    ck_assert_int_eq(rc_ctx_new(&ctx), 0);
    char *buf;
    size_t len;
    ck_assert_int_eq(rc_read_whole_file(AAPL "/FilingSummary.xml", 1 << 20, &buf, &len, ctx), 0);
    rc_filing_summary *fs = NULL;
    ck_assert_int_eq(rc_filingsummary_parse("FilingSummary.xml", buf, len, 0, &fs, ctx), 0);
    /* 42 R pages; "All Reports" names no file */
    ck_assert_uint_eq(fs->nreports, 42);
    const rc_fs_report *r = rc_filingsummary_find(fs, "some/dir/r38.HTM");
    ck_assert_ptr_nonnull(r);
    ck_assert_str_eq(r->file, "R38.htm");
    ck_assert_str_eq(r->menu, "Details");
    ck_assert_str_eq(r->type, "Sheet");
    ck_assert_int_eq(r->position, 38);
    ck_assert_str_eq(r->long_name, "9955531 - Disclosure - Share-Based Compensation - Restricted "
                                   "Stock Unit Activity and Related Information (Details)");
    ck_assert_uint_eq(r->line, 429);
    /* the share-based pages: the Tables page and three Details pages; not the Notes page
     * R15.htm, whose table the Tables page holds too */
    const char *want[] = {"R25.htm", "R38.htm", "R39.htm", "R40.htm"};
    size_t k = 0;
    for (size_t i = 0; i < fs->nreports; i++) {
        if (!fs->reports[i].share_based) continue;
        ck_assert_uint_lt(k, 4);
        ck_assert_str_eq(fs->reports[i].file, want[k++]);
    }
    ck_assert_uint_eq(k, 4);
    ck_assert_uint_eq(rc_filingsummary_count_share_based(fs), 4);
    ck_assert(!rc_filingsummary_find(fs, "R15.htm")->share_based);
    ck_assert_ptr_null(rc_filingsummary_find(fs, "R43.htm"));
    rc_filingsummary_free(fs);

    /* read on its own: a note, no figures */
    rc_model *model;
    ck_assert_int_eq(rc_model_new(&model), 0);
    rc_format format;
    ck_assert_int_eq(rc_read_buffer(model, NULL, "FilingSummary.xml", buf, len, &format, ctx), 0);
    ck_assert_int_eq(format, RC_FORMAT_FILING_SUMMARY);
    ck_assert_uint_eq(rc_model_fact_count(model), 0);
    ck_assert_str_eq(note_of(model, "FilingSummary.xml"),
                     "a FilingSummary.xml read on its own, without its R pages; its share-based "
                     "payment pages: R25.htm 'Share-Based Compensation (Tables)', R38.htm "
                     "'Share-Based Compensation - Restricted Stock Unit Activity and Related "
                     "Information (Details)', R39.htm 'Share-Based Compensation - Additional "
                     "Information (Details)', R40.htm 'Share-Based Compensation - Summary of "
                     "Share-Based Compensation Expense and the Related Income Tax Benefit "
                     "(Details)' (give its folder to check them)");
    rc_model_free(model);
    free(buf);
    rc_ctx_free(ctx);
}
END_TEST

#define REPORT(file, name, menu)                                                                   \
    "<Report><HtmlFileName>" file "</HtmlFileName><ShortName>" name                                \
    "</ShortName><MenuCategory>" menu "</MenuCategory></Report>"

START_TEST(test_summary_choice)
{
    /* without a share-based Tables page the Notes page is read */
    rc_filing_summary *fs =
        parse_summary("<FilingSummary><MyReports>" REPORT("R9.htm", "Stock Option Plans", "Notes")
                          REPORT("R10.htm", "Income Taxes", "Notes")
                              REPORT("R20.htm", "Stock Option Plans (Policies)", "Policies")
                                  REPORT("R30.htm", "Stock Option Plans (Details)",
                                         "Details") "</MyReports></FilingSummary>",
                      RC_OK, NULL);
    ck_assert(rc_filingsummary_find(fs, "R9.htm")->share_based);
    ck_assert(!rc_filingsummary_find(fs, "R10.htm")->share_based);
    ck_assert(!rc_filingsummary_find(fs, "R20.htm")->share_based);
    ck_assert(rc_filingsummary_find(fs, "R30.htm")->share_based);
    rc_filingsummary_free(fs);

    /* names that speak of share-based payment, and some that do not */
    const char *yes[] = {"Share-Based Compensation (Tables)",
                         "Stock Plans - Stock Option Activity (Details)",
                         "STOCK-BASED COMPENSATION - Summary of RSU activity (Details)",
                         "Equity Incentive Plan (Details)",
                         "Share option scheme (Details)",
                         "Restricted Stock Units (Details)",
                         "Employee Stock Purchase Plan (Details)",
                         "PSUs granted (Details)",
                         "Long-Term Incentive Plan (Details)",
                         "Stock Compensation Plans (Tables)"};
    for (size_t i = 0; i < sizeof yes / sizeof *yes; i++)
        ck_assert_msg(rc_filingsummary_names_share_based(yes[i]), "%s", yes[i]);
    const char *no[] = {"Income Taxes (Details)",
                        "Shareholders' Equity - Additional Information (Details)",
                        "Pursuant to Section 16 (Details)",
                        "Earnings Per Share (Tables)",
                        "Restricted Cash (Details)",
                        "Leases - Operating lease options (Details)"};
    for (size_t i = 0; i < sizeof no / sizeof *no; i++)
        ck_assert_msg(!rc_filingsummary_names_share_based(no[i]), "%s", no[i]);
}
END_TEST

START_TEST(test_summary_bad)
{
    parse_summary("<FilingSummary><MyReports>\n<Report><HtmlFileName>R1.htm</Report>\n", RC_ESYNTAX,
                  "FilingSummary.xml:2:38: error: not well-formed XML: Opening and ending tag "
                  "mismatch: HtmlFileName line 2 and Report");
    parse_summary("<?xml version=\"1.0\"?>\n<xbrl><context/></xbrl>", RC_EFORMAT,
                  "FilingSummary.xml:2: error: not an EDGAR FilingSummary.xml (its root element "
                  "is <xbrl>)");
    /* no entity is expanded, no external one loaded */
    rc_filing_summary *fs = parse_summary(
        "<?xml version=\"1.0\"?>\n<!DOCTYPE FilingSummary [<!ENTITY ext SYSTEM "
        "\"file:///etc/passwd\"><!ENTITY in \"R7.htm\">]>\n<FilingSummary><MyReports>"
        "<Report><HtmlFileName>&ext;</HtmlFileName><ShortName>Stock options</ShortName>"
        "<MenuCategory>Details</MenuCategory></Report>"
        "<Report><HtmlFileName>R8.htm&in;</HtmlFileName><ShortName>Stock options</ShortName>"
        "<MenuCategory>Details</MenuCategory></Report></MyReports></FilingSummary>",
        RC_OK, NULL);
    ck_assert_uint_eq(fs->nreports, 1);
    ck_assert_str_eq(fs->reports[0].file, "R8.htm");
    rc_filingsummary_free(fs);

    /* nested entities ("billion laughs"): refused or left alone, never expanded */
    rc_buf b = RC_BUF_INIT;
    rc_buf_puts(&b, "<?xml version=\"1.0\"?>\n<!DOCTYPE FilingSummary [<!ENTITY l0 \"lol\">");
    for (int i = 1; i < 10; i++) {
        rc_buf_printf(&b, "<!ENTITY l%d \"", i);
        for (int k = 0; k < 10; k++)
            rc_buf_printf(&b, "&l%d;", i - 1);
        rc_buf_puts(&b, "\">");
    }
    rc_buf_puts(&b, "]>\n<FilingSummary><MyReports><Report><HtmlFileName>R1.htm&l9;"
                    "</HtmlFileName><ShortName>&l9;</ShortName></Report></MyReports>"
                    "</FilingSummary>");
    char *text = rc_buf_take(&b);
    rc_ctx *ctx;
    ck_assert_int_eq(rc_ctx_new(&ctx), 0);
    fs = NULL;
    int rc = rc_filingsummary_parse("FilingSummary.xml", text, strlen(text), 0, &fs, ctx);
    ck_assert_msg(rc == RC_OK || rc == RC_ESYNTAX, "rc %d", rc);
    if (fs) ck_assert_uint_lt(strlen(fs->reports[0].short_name), 100);
    rc_filingsummary_free(fs);
    rc_ctx_free(ctx);
    free(text);
}
END_TEST

static Suite *inputs_suite(void)
{
    Suite *s = suite_create("inputs");
    TCase *tc = tcase_create("FilingSummary.xml");
    tcase_add_test(tc, test_summary_apple);
    tcase_add_test(tc, test_summary_choice);
    tcase_add_test(tc, test_summary_bad);
    suite_add_tcase(s, tc);
    tc = tcase_create("filing folders");
    tcase_add_test(tc, test_folder_with_summary);
    tcase_add_test(tc, test_files_given_together);
    tcase_add_test(tc, test_folder_without_summary);
    suite_add_tcase(s, tc);
    tc = tcase_create("bad inputs");
    tcase_add_test(tc, test_missing_path);
    tcase_add_test(tc, test_failed_input_rolled_back);
    tcase_add_test(tc, test_unread_forms);
    suite_add_tcase(s, tc);
    tc = tcase_create("notes");
    tcase_add_test(tc, test_no_rollforward_note);
    tcase_add_test(tc, test_folder_prefers_xbrl);
    suite_add_tcase(s, tc);
    return s;
}

int main(void)
{
    SRunner *sr = srunner_create(inputs_suite());
    srunner_run_all(sr, CK_NORMAL);
    int failed = srunner_ntests_failed(sr);
    srunner_free(sr);
    return failed ? EXIT_FAILURE : EXIT_SUCCESS;
}
