/*
 * The inputs of a run (read.h): the paths the user gave, directories opened
 * into their files, then read one by one into a model.  An input that fails
 * contributes nothing (its part of the model is rolled back) and the others
 * are read all the same.  Files of a directory that rollcheck does not read
 * (the .xsd, .zip and MetaLinks.json of a filing's folder) are listed as
 * skipped rather than failed: the user did not name them.
 */
#include <assert.h>
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/stat.h>

#include "rollcheck/read.h"
#include "common/util.h"
#include "read/filingsummary.h"

typedef struct input_info {
    const char *dir;             /* the directory it was found in, or NULL when named */
    rc_filing_summary *summary;  /* a FilingSummary.xml input's reports, while reading */
    const rc_filing_summary *of; /* an R page: the FilingSummary.xml that lists it */
    size_t facts_before;
} input_info;

struct rc_inputs {
    rc_input *items;
    input_info *info;
    size_t n, cap;
    rc_arena *arena;
    rc_inputs_progress_fn progress;
    void *progress_data;
};

int rc_inputs_new(rc_inputs **out)
{
    *out = NULL;
    rc_inputs *in = calloc(1, sizeof *in);
    if (!in || !(in->arena = rc_arena_new())) {
        free(in);
        return RC_ENOMEM;
    }
    *out = in;
    return RC_OK;
}

void rc_inputs_free(rc_inputs *inputs)
{
    if (!inputs) return;
    for (size_t i = 0; i < inputs->n; i++)
        rc_filingsummary_free(inputs->info[i].summary);
    free(inputs->items);
    free(inputs->info);
    rc_arena_free(inputs->arena);
    free(inputs);
}

void rc_inputs_set_progress(rc_inputs *inputs, rc_inputs_progress_fn fn, void *userdata)
{
    inputs->progress = fn;
    inputs->progress_data = userdata;
}

size_t rc_inputs_count(const rc_inputs *inputs)
{
    return inputs->n;
}

const rc_input *rc_inputs_get(const rc_inputs *inputs, size_t i)
{
    assert(i < inputs->n);
    return &inputs->items[i];
}

const rc_input *rc_inputs_array(const rc_inputs *inputs)
{
    return inputs->items;
}

size_t rc_inputs_failed(const rc_inputs *inputs)
{
    size_t n = 0;
    for (size_t i = 0; i < inputs->n; i++)
        n += inputs->items[i].error != NULL;
    return n;
}

/* Append an input (path copied); NULL when out of memory. */
static rc_input *append(rc_inputs *in, const char *path, const char *dir)
{
    if (in->n == in->cap) {
        size_t cap = in->cap ? in->cap * 2 : 16;
        rc_input *items = realloc(in->items, cap * sizeof *items);
        if (!items) return NULL;
        in->items = items;
        input_info *info = realloc(in->info, cap * sizeof *info);
        if (!info) return NULL;
        in->info = info;
        in->cap = cap;
    }
    rc_input *item = &in->items[in->n];
    memset(item, 0, sizeof *item);
    memset(&in->info[in->n], 0, sizeof in->info[in->n]);
    item->path = rc_arena_strdup(in->arena, path);
    in->info[in->n].dir = dir ? rc_arena_strdup(in->arena, dir) : NULL;
    if (!item->path || (dir && !in->info[in->n].dir)) return NULL;
    in->n++;
    return item;
}

/* Record an input that cannot be read, with the message also in ctx. */
static int add_failed(rc_inputs *in, const char *path, rc_ctx *ctx, const char *fmt,
                      const char *arg)
{
    int rc = rc_ctx_fail_at(ctx, RC_EIO, path, 0, 0, fmt, arg);
    rc_input *item = append(in, path, NULL);
    if (!item || !(item->error = rc_arena_strdup(in->arena, rc_ctx_error(ctx))))
        return rc_ctx_fail(ctx, RC_ENOMEM, "out of memory");
    return rc;
}

/* The regular files of a directory, in name order, dotfiles left out. */
static int add_dir(rc_inputs *in, const char *path, rc_ctx *ctx)
{
    char **files;
    size_t n, regular = 0;
    int rc = rc_dir_list(path, NULL, &files, &n);
    if (rc == RC_EIO) return add_failed(in, path, ctx, "cannot open: %s", strerror(errno));
    for (size_t i = 0; i < n && rc == RC_OK; i++) {
        struct stat st;
        if (stat(files[i], &st) != 0 || !S_ISREG(st.st_mode)) continue;
        if (!append(in, files[i], path)) rc = RC_ENOMEM;
        regular++;
    }
    rc_dir_list_free(files, n);
    if (rc == RC_ENOMEM) return rc_ctx_fail(ctx, rc, "out of memory");
    if (regular == 0) return add_failed(in, path, ctx, "%s", "a directory without any file to read");
    return RC_OK;
}

int rc_inputs_add(rc_inputs *inputs, const char *path, rc_ctx *ctx)
{
    assert(inputs && path);
    struct stat st;
    if (stat(path, &st) != 0)
        return add_failed(inputs, path, ctx, "cannot open: %s", strerror(errno));
    if (S_ISDIR(st.st_mode)) return add_dir(inputs, path, ctx);
    if (!append(inputs, path, NULL)) return rc_ctx_fail(ctx, RC_ENOMEM, "out of memory");
    return RC_OK;
}

/* ---- reading ------------------------------------------------------------------- */

/* "dir/R2.htm" and "dir/FilingSummary.xml" are in the same directory. */
static bool same_dir(const char *a, const char *b)
{
    const char *sa = strrchr(a, '/'), *sb = strrchr(b, '/');
    size_t la = sa ? (size_t)(sa - a) : 0, lb = sb ? (size_t)(sb - b) : 0;
    return la == lb && strncmp(a, b, la) == 0;
}

/* Is instance the inline document's extract, as EDGAR names it ("x.htm" -> "x_htm.xml")? */
static bool extract_of(const char *instance, const char *inline_doc)
{
    const char *dot = strrchr(inline_doc, '.');
    if (!dot || strchr(dot, '/')) return false;
    size_t stem = (size_t)(dot - inline_doc), ext = strlen(dot + 1);
    return strncmp(instance, inline_doc, stem) == 0 && instance[stem] == '_' &&
           strncmp(instance + stem + 1, dot + 1, ext) == 0 &&
           strcmp(instance + stem + 1 + ext, ".xml") == 0;
}

/* EDGAR's workbook of a filing's R pages, by the name EDGAR gives it. */
static bool edgar_workbook(const rc_input *item)
{
    const char *slash = strrchr(item->path, '/');
    return item->format == RC_FORMAT_XLSX &&
           strcasecmp(slash ? slash + 1 : item->path, "Financial_Report.xlsx") == 0;
}

/*
 * In a filing's folder the same facts come several ways: the XBRL instance, the inline
 * document it was extracted from, and the R pages rendered from it.  Reading them all
 * would check every roll-forward twice under different member names, so a folder reads
 * the most exact of them: its XBRL instances, the inline documents that have no extract
 * beside them, and its R pages (with FilingSummary.xml) only when it holds neither.
 * Files named on the command line are always read.
 */
static int prefer_xbrl(rc_inputs *in)
{
    for (size_t i = 0; i < in->n; i++) {
        rc_input *item = &in->items[i];
        const char *dir = in->info[i].dir;
        if (!dir || item->error || item->skipped) continue;
        const char *instead = NULL;
        bool pages = false; /* the R pages are read instead of Financial_Report.xlsx */
        for (size_t k = 0; k < in->n && !instead; k++) {
            const rc_input *other = &in->items[k];
            if (k == i || !in->info[k].dir || strcmp(in->info[k].dir, dir) != 0 || other->error)
                continue;
            if (item->format == RC_FORMAT_INLINE_XBRL &&
                other->format == RC_FORMAT_XBRL_INSTANCE && extract_of(other->path, item->path))
                instead = other->path;
            else if ((item->format == RC_FORMAT_R_HTML ||
                      item->format == RC_FORMAT_FILING_SUMMARY || edgar_workbook(item)) &&
                     (other->format == RC_FORMAT_XBRL_INSTANCE ||
                      other->format == RC_FORMAT_INLINE_XBRL))
                instead = other->path;
        }
        for (size_t k = 0; k < in->n && !instead && edgar_workbook(item); k++)
            if (in->items[k].format == RC_FORMAT_R_HTML && in->info[k].dir &&
                strcmp(in->info[k].dir, dir) == 0 && !in->items[k].error) {
                instead = in->items[k].path;
                pages = true;
            }
        if (!instead) continue;
        const char *slash = strrchr(instead, '/');
        item->skipped = rc_arena_printf(in->arena,
                                        pages ? "the R pages of the same filing are read instead "
                                                "(%s ...)"
                                              : "the XBRL of the same filing is read instead (%s)",
                                        slash ? slash + 1 : instead);
        if (!item->skipped) return RC_ENOMEM;
    }
    return RC_OK;
}

static int set_error(rc_inputs *in, rc_input *item, rc_ctx *ctx)
{
    item->error = rc_arena_strdup(in->arena, rc_ctx_error(ctx));
    return item->error ? RC_OK : RC_ENOMEM;
}

/* First pass: every input's form; FilingSummary.xml files parsed. */
static int detect_all(rc_inputs *in, rc_ctx *ctx)
{
    for (size_t i = 0; i < in->n; i++) {
        rc_input *item = &in->items[i];
        if (item->error) continue;
        char *buf = NULL;
        size_t len = 0;
        int rc = rc_read_whole_file(item->path, RC_MAX_INPUT_BYTES, &buf, &len, ctx);
        if (rc == RC_ENOMEM) return rc;
        if (rc < 0) {
            if (set_error(in, item, ctx) < 0) return RC_ENOMEM;
            continue;
        }
        item->format = rc_detect_format(buf, len);
        if (item->format == RC_FORMAT_FILING_SUMMARY) {
            rc = rc_filingsummary_parse(item->path, buf, len, 0, &in->info[i].summary, ctx);
            if (rc == RC_ENOMEM) {
                free(buf);
                return rc;
            }
            /* a summary that does not parse fails when it is read, in the second pass */
            rc_ctx_clear(ctx);
        }
        free(buf);
    }
    return RC_OK;
}

/* The FilingSummary.xml that speaks for an R page: the one beside it, else the
 * only one given. */
static const rc_filing_summary *summary_for(const rc_inputs *in, const char *path)
{
    const rc_filing_summary *only = NULL;
    size_t count = 0;
    for (size_t i = 0; i < in->n; i++) {
        if (!in->info[i].summary) continue;
        if (same_dir(in->items[i].path, path)) return in->info[i].summary;
        only = in->info[i].summary;
        count++;
    }
    return count == 1 ? only : NULL;
}

/* Which inputs are not read, and why. */
static int choose(rc_inputs *in)
{
    for (size_t i = 0; i < in->n; i++) {
        rc_input *item = &in->items[i];
        if (item->error) continue;
        if (item->format == RC_FORMAT_R_HTML) {
            const rc_filing_summary *fs = summary_for(in, item->path);
            in->info[i].of = fs;
            if (!fs) continue;
            const rc_fs_report *r = rc_filingsummary_find(fs, item->path);
            if (!r)
                item->skipped = "not a report of its FilingSummary.xml";
            else if (!r->share_based)
                item->skipped = rc_arena_printf(
                    in->arena, "not a share-based payment page of FilingSummary.xml: '%s'",
                    r->short_name[0] ? r->short_name : r->long_name);
            if (r && !r->share_based && !item->skipped) return RC_ENOMEM;
            continue;
        }
        if (!in->info[i].dir) continue;
        if (item->format == RC_FORMAT_UNKNOWN) item->skipped = "not a form rollcheck reads";
    }
    return prefer_xbrl(in);
}

/* A FilingSummary.xml read with its pages: what it named and what was there. */
static int note_summary(rc_inputs *in, size_t k, rc_model *model)
{
    const rc_filing_summary *fs = in->info[k].summary;
    rc_buf found = RC_BUF_INIT, missing = RC_BUF_INIT;
    size_t nfound = 0, nmissing = 0;
    for (size_t r = 0; r < fs->nreports; r++) {
        const rc_fs_report *rep = &fs->reports[r];
        if (!rep->share_based) continue;
        bool there = false;
        for (size_t i = 0; i < in->n && !there; i++)
            there = in->info[i].of == fs && rc_filingsummary_find(fs, in->items[i].path) == rep;
        rc_buf *b = there ? &found : &missing;
        rc_buf_printf(b, "%s%s", (there ? nfound : nmissing) ? ", " : "", rep->file);
        *(there ? &nfound : &nmissing) += 1;
    }
    int rc = RC_OK;
    if (found.failed || missing.failed)
        rc = RC_ENOMEM;
    else if (nfound + nmissing == 0)
        rc = rc_model_add_note(model, in->items[k].path, 0, 0,
                               "it names no share-based payment page: no R page of it was read");
    else if (nmissing == 0)
        rc = rc_model_add_note(model, in->items[k].path, 0, 0,
                               "the share-based payment pages it names: %s", found.data);
    else
        rc = rc_model_add_note(model, in->items[k].path, 0, 0,
                               "the share-based payment pages it names: %s%snot among the "
                               "inputs: %s",
                               nfound ? found.data : "", nfound ? "; " : "", missing.data);
    rc_buf_free(&found);
    rc_buf_free(&missing);
    return rc;
}

static bool has_pages(const rc_inputs *in, const rc_filing_summary *fs)
{
    for (size_t i = 0; i < in->n; i++)
        if (in->info[i].of == fs) return true;
    return false;
}

/* Does fact, or a duplicate of it, come from path? */
static bool fact_from(const rc_fact *fact, const char *path)
{
    for (; fact; fact = fact->dup)
        if (fact->src.file && strcmp(fact->src.file, path) == 0) return true;
    return false;
}

static bool balance_from(const rc_balance *b, const char *path)
{
    return fact_from(b->count, path) || fact_from(b->price, path) ||
           fact_from(b->fair_value, path) || fact_from(b->aiv, path) || fact_from(b->term, path);
}

/* A roll-forward read from path: one that two inputs reported (an R page's Details
 * table and its Tables page's note table) is merged into one by rc_model_finish,
 * and then counts for both. */
static bool rollforward_from(const rc_rollforward *rf, const char *path)
{
    if (rf->file && strcmp(rf->file, path) == 0) return true;
    for (size_t l = 0; l < RC_LINE__COUNT; l++)
        if (balance_from(&rf->lines[l], path)) return true;
    for (size_t m = 0; m < rf->nmovements; m++) {
        const rc_movement *mv = &rf->movements[m];
        if (fact_from(mv->count, path) || fact_from(mv->price, path) ||
            fact_from(mv->fair_value, path))
            return true;
    }
    return fact_from(rf->share_price, path) || fact_from(rf->contractual_term, path);
}

static size_t count_rollforwards(const rc_model *model, const char *path)
{
    size_t n = 0;
    for (size_t i = 0; i < rc_model_count(model); i++) {
        const rc_rollforward *rf = rc_model_get(model, i);
        n += rc_rollforward_is_rollforward(rf) && rollforward_from(rf, path);
    }
    return n;
}

int rc_inputs_read(rc_inputs *inputs, rc_model *model, const rc_vocab *vocab, rc_ctx *ctx)
{
    assert(inputs && model);
    int rc = detect_all(inputs, ctx);
    if (rc == RC_OK) rc = choose(inputs);
    if (rc < 0) goto oom;
    size_t total = 0, done = 0;
    for (size_t i = 0; i < inputs->n; i++)
        total += !inputs->items[i].error && !inputs->items[i].skipped;
    for (size_t i = 0; i < inputs->n; i++) {
        rc_input *item = &inputs->items[i];
        input_info *info = &inputs->info[i];
        if (item->error || item->skipped) continue;
        if (inputs->progress) inputs->progress(inputs->progress_data, done++, total, item->path);
        info->facts_before = rc_model_fact_count(model);
        if (info->summary && has_pages(inputs, info->summary)) {
            /* read with its pages: it only said which pages to read */
            if ((rc = note_summary(inputs, i, model)) < 0) goto oom;
            continue;
        }
        rc_model_mark mark;
        rc_model_mark_state(model, &mark);
        rc_format format;
        rc = rc_read_file(model, vocab, item->path, &format, ctx);
        item->format = format;
        if (rc == RC_ENOMEM) goto oom;
        if (rc < 0) {
            rc_model_rollback(model, &mark);
            if (set_error(inputs, item, ctx) < 0) goto oom;
        }
        item->facts = rc_model_fact_count(model) - info->facts_before;
    }
    if ((rc = rc_model_finish(model, ctx)) < 0) return rc;
    for (size_t i = 0; i < inputs->n; i++) {
        rc_input *item = &inputs->items[i];
        if (item->error || item->skipped) continue;
        item->rollforwards = count_rollforwards(model, item->path);
        if (item->rollforwards == 0 && item->format != RC_FORMAT_FILING_SUMMARY &&
            (rc = rc_model_add_note(model, item->path, 0, 0,
                                    "no roll-forward found (%zu fact%s read)", item->facts,
                                    item->facts == 1 ? "" : "s")) < 0)
            goto oom;
    }
    for (size_t i = 0; i < inputs->n; i++) {
        rc_filingsummary_free(inputs->info[i].summary);
        inputs->info[i].summary = NULL;
        inputs->info[i].of = NULL;
    }
    return RC_OK;
oom:
    return rc_ctx_fail(ctx, RC_ENOMEM, "out of memory");
}
