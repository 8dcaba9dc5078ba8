/*
 * compare_arelle: the share-based payment facts rollcheck reads from every XBRL
 * instance and inline XBRL document of the shared corpus, compared fact by fact
 * with what the reference processor Arelle read from the same file.
 *
 *   compare_arelle [--all] CORPUS_DIR [RULES_DIR [PATH...]]
 *
 * For each CORPUS_DIR/xbrl-json/arelle/<path>.json.gz (xBRL-JSON that Arelle wrote
 * from CORPUS_DIR/<path>), the file <path> is read with the instance or inline
 * reader (by its detected form) and the Arelle file with the xBRL-JSON reader.
 * The share-based facts of both (test/corpus/share_based.h; numeric ones, and the
 * remaining and contractual terms) must pair up one to one: same concept,
 * entity, period, dimensions and unit, the same value as a rational (the same
 * text for terms), the same decimals, both nil or neither.  Prints, per file,
 * the facts compared and matched and every fact left over on either side, and
 * exits 1 on any mismatch or read error (docs/testing.md).  The three xBRL-JSON
 * files of CORPUS_DIR/xbrl-json/ are compared with their instances likewise.  PATHs, relative to
 * CORPUS_DIR, restrict the run to those files; --all compares every numeric
 * fact and term, share-based or not.
 */
#include <errno.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "rollcheck/common.h"
#include "rollcheck/number.h"
#include "rollcheck/read.h"
#include "read/xbrl.h"
#include "read/classify.h"
#include "common/util.h"
#include "share_based.h"

#ifndef RC_SOURCE_DIR
#define RC_SOURCE_DIR "."
#endif

#define ARELLE_DIR "xbrl-json/arelle"

/* --all: every numeric fact, not only the share-based ones */
static bool all_facts;
#define SUFFIX ".json.gz"

/* A fact to compare, with its key and, for numbers, its value. */
typedef struct item {
    const rc_xfact *f;
    char *key;  /* concept, entity, period, dims, unit: what must be equal to pair */
    mpq_t q;    /* the value when numeric and not nil */
    bool has_q; /* q holds the value */
    bool matched;
} item;

typedef struct side {
    rc_xfacts list;
    item *items;
    size_t n;
    size_t terms; /* of them, terms compared as text */
} side;

typedef struct totals {
    size_t files, compared, matched, mismatches, errors;
} totals;

/* ---- reading --------------------------------------------------------------------- */

/* The output of `zcat -- path` into a malloc'ed buffer. */
static int gunzip(const char *path, char **out, size_t *len)
{
    if (strchr(path, '\'')) {
        fprintf(stderr, "%s: error: a quote in the path\n", path);
        return RC_EINVAL;
    }
    rc_buf cmd = RC_BUF_INIT;
    rc_buf_printf(&cmd, "zcat -- '%s'", path);
    if (cmd.failed) return RC_ENOMEM;
    FILE *p = popen(cmd.data, "r");
    rc_buf_free(&cmd);
    if (!p) {
        fprintf(stderr, "%s: error: cannot run zcat: %s\n", path, strerror(errno));
        return RC_EIO;
    }
    rc_buf b = RC_BUF_INIT;
    char chunk[65536];
    size_t n;
    while ((n = fread(chunk, 1, sizeof chunk, p)) > 0)
        rc_buf_append(&b, chunk, n);
    int status = pclose(p);
    if (b.failed) {
        rc_buf_free(&b);
        return RC_ENOMEM;
    }
    if (status != 0 || b.len == 0) {
        fprintf(stderr, "%s: error: zcat failed (status %d)\n", path, status);
        rc_buf_free(&b);
        return RC_EIO;
    }
    *len = b.len;
    *out = rc_buf_take(&b);
    return *out ? RC_OK : RC_ENOMEM;
}

/* ---- keys and values --------------------------------------------------------------- */

static int str_cmp(const void *a, const void *b)
{
    return strcmp(*(char *const *)a, *(char *const *)b);
}

/* Measures joined by "*", sorted: the order of a product says nothing. */
static void put_measures(rc_buf *b, const char *measures)
{
    char *copy = strdup(measures);
    if (!copy) {
        b->failed = true;
        return;
    }
    char *parts[64];
    size_t n = 0;
    for (char *s = copy, *save = NULL; n < 64 && (s = strtok_r(s, "*", &save)); s = NULL)
        parts[n++] = s;
    qsort(parts, n, sizeof *parts, str_cmp);
    for (size_t i = 0; i < n; i++) {
        if (i) rc_buf_putc(b, '*');
        rc_buf_puts(b, parts[i]);
    }
    free(copy);
}

static void put_day(rc_buf *b, rc_day d)
{
    char s[11];
    rc_day_format(d, s);
    rc_buf_puts(b, d == RC_NO_DATE ? "-" : s);
}

static char *make_key(const rc_xfact *f)
{
    rc_buf b = RC_BUF_INIT;
    rc_buf_printf(&b, "%s | %s | ", f->concept, f->entity ? f->entity : "-");
    if (f->start != RC_NO_DATE) {
        put_day(&b, f->start);
        rc_buf_puts(&b, "..");
    } else {
        rc_buf_puts(&b, "@");
    }
    put_day(&b, f->end);
    for (size_t i = 0; i < f->ndims; i++)
        rc_buf_printf(&b, " | %s=%s%s", f->dims[i].axis, f->dims[i].member,
                      f->dims[i].typed ? " (typed)" : "");
    if (f->unit_num) {
        rc_buf_puts(&b, " | ");
        put_measures(&b, f->unit_num);
        if (f->unit_den) {
            rc_buf_puts(&b, "/");
            put_measures(&b, f->unit_den);
        }
    }
    return rc_buf_take(&b);
}

static const char *decimals_text(int d, char buf[static 16])
{
    if (d == RC_DECIMALS_INF) return "INF";
    if (d == RC_XDECIMALS_UNSET) return "unset";
    snprintf(buf, 16, "%d", d);
    return buf;
}

/* Terms compared as text: the remaining and contractual terms of awards. */
static bool is_term(const rc_vocab *vocab, const char *concept)
{
    rc_class cls;
    return rc_classify_concept(vocab, concept, &cls) &&
           (cls.measure == RC_MEASURE_TERM || cls.measure == RC_MEASURE_CONTRACTUAL_TERM);
}

/* The share-based facts of side's list into side->items, sorted by key. */
static int collect(side *s, const rc_vocab *vocab, const char *what, const char *file)
{
    s->items = calloc(s->list.n ? s->list.n : 1, sizeof *s->items);
    if (!s->items) return RC_ENOMEM;
    for (size_t i = 0; i < s->list.n; i++) {
        const rc_xfact *f = &s->list.items[i];
        if (!all_facts && !rc_test_share_based(vocab, f->concept)) continue;
        if (!f->numeric && !is_term(vocab, f->concept)) continue;
        item *it = &s->items[s->n++];
        it->f = f;
        s->terms += !f->numeric;
        if (!(it->key = make_key(f))) return RC_ENOMEM;
        mpq_init(it->q);
        if (f->numeric && !f->nil) {
            rc_value v;
            rc_value_init(&v);
            const char *msg = NULL;
            if (rc_value_parse(&v, f->value, strlen(f->value), 0, RC_PARSE_EXPONENT, NULL, &msg) ==
                RC_OK) {
                mpq_set(it->q, v.q);
                it->has_q = true;
            } else {
                printf("  %s: %s fact %s (line %u): value '%s' is no number: %s\n", file, what,
                       f->id ? f->id : "-", f->src.line, f->value, msg ? msg : "?");
            }
            rc_value_clear(&v);
        }
    }
    return RC_OK;
}

static int item_cmp(const void *a, const void *b)
{
    return strcmp(((const item *)a)->key, ((const item *)b)->key);
}

static void side_clear(side *s)
{
    for (size_t i = 0; i < s->n; i++) {
        free(s->items[i].key);
        mpq_clear(s->items[i].q);
    }
    free(s->items);
    rc_xfacts_clear(&s->list);
    memset(s, 0, sizeof *s);
}

/* Same value (as a rational, or as text for terms), same decimals, same nil. */
static bool same(const item *a, const item *b)
{
    const rc_xfact *x = a->f, *y = b->f;
    if (x->nil != y->nil || x->numeric != y->numeric || x->decimals != y->decimals) return false;
    if (x->nil) return true;
    if (x->numeric) return a->has_q && b->has_q && mpq_equal(a->q, b->q);
    return strcmp(x->value, y->value) == 0;
}

static void describe(const char *who, const item *it)
{
    const rc_xfact *f = it->f;
    char d[16];
    printf("      %-9s %s = %s%s (decimals %s) [%s line %u]\n", who, it->key,
           f->nil ? "nil" : f->value, f->numeric ? "" : " (text)", decimals_text(f->decimals, d),
           f->id ? f->id : "-", f->src.line);
}

/*
 * Pair ours with Arelle's within each key: equal facts first, then what is left
 * pairs up as "differs", and the rest is only on one side.  Returns the number of
 * mismatches printed.
 */
static size_t compare(side *ours, side *arelle, size_t *matched)
{
    size_t mismatches = 0, i = 0, j = 0;
    *matched = 0;
    while (i < ours->n || j < arelle->n) {
        int c = i == ours->n     ? 1
                : j == arelle->n ? -1
                                 : strcmp(ours->items[i].key, arelle->items[j].key);
        const char *key = c <= 0 ? ours->items[i].key : arelle->items[j].key;
        size_t i2 = i, j2 = j;
        while (i2 < ours->n && strcmp(ours->items[i2].key, key) == 0)
            i2++;
        while (j2 < arelle->n && strcmp(arelle->items[j2].key, key) == 0)
            j2++;
        for (size_t b = j; b < j2; b++) {
            for (size_t a = i; a < i2; a++) {
                if (ours->items[a].matched || !same(&ours->items[a], &arelle->items[b])) continue;
                ours->items[a].matched = arelle->items[b].matched = true;
                (*matched)++;
                break;
            }
        }
        size_t a = i, b = j;
        for (;;) {
            while (a < i2 && ours->items[a].matched)
                a++;
            while (b < j2 && arelle->items[b].matched)
                b++;
            if (a == i2 && b == j2) break;
            mismatches++;
            if (a < i2 && b < j2) {
                printf("    differs:\n");
                describe("rollcheck", &ours->items[a++]);
                describe("arelle", &arelle->items[b++]);
            } else if (a < i2) {
                printf("    only in rollcheck:\n");
                describe("rollcheck", &ours->items[a++]);
            } else {
                printf("    only in arelle:\n");
                describe("arelle", &arelle->items[b++]);
            }
        }
        i = i2;
        j = j2;
    }
    return mismatches;
}

/* ---- one file ---------------------------------------------------------------------- */

/* rel read by rollcheck against Arelle's reading of it: json, a path under corpus
 * (gzip-compressed when it ends in SUFFIX). */
static void compare_file(const char *corpus, const char *rel, const char *json_rel,
                         const rc_vocab *vocab, rc_ctx *ctx, totals *t)
{
    side ours = {0}, arelle = {0};
    char *buf = NULL, *json = NULL;
    size_t len = 0, jlen = 0;
    rc_buf src = RC_BUF_INIT, ref = RC_BUF_INIT;
    rc_buf_printf(&src, "%s/%s", corpus, rel);
    rc_buf_printf(&ref, "%s/%s", corpus, json_rel);
    t->files++;
    if (src.failed || ref.failed) goto nomem;
    if (rc_xfacts_init(&ours.list, rel) < 0 || rc_xfacts_init(&arelle.list, ref.data) < 0)
        goto nomem;
    if (rc_read_whole_file(src.data, RC_MAX_INPUT_BYTES, &buf, &len, ctx) < 0) {
        printf("%s: error: %s\n", rel, rc_ctx_error(ctx));
        t->errors++;
        goto done;
    }
    rc_format form = rc_detect_format(buf, len);
    int rc;
    if (form == RC_FORMAT_XBRL_INSTANCE) {
        rc = rc_xbrl_read_instance(&ours.list, rel, buf, len, 0, ctx);
    } else if (form == RC_FORMAT_INLINE_XBRL) {
        rc = rc_xbrl_read_inline(&ours.list, rel, buf, len, 0, ctx);
    } else {
        printf("%s: error: read as %s, not as an XBRL instance or inline XBRL\n", rel,
               rc_format_name(form));
        t->errors++;
        goto done;
    }
    if (rc < 0) {
        printf("%s: error: rollcheck could not read it: %s\n", rel, rc_ctx_error(ctx));
        t->errors++;
        goto done;
    }
    size_t rl = ref.len, sl = strlen(SUFFIX);
    if (rl > sl && strcmp(ref.data + rl - sl, SUFFIX) == 0) {
        if (gunzip(ref.data, &json, &jlen) < 0) {
            t->errors++;
            goto done;
        }
    } else if (rc_read_whole_file(ref.data, RC_MAX_INPUT_BYTES, &json, &jlen, ctx) < 0) {
        printf("%s: error: %s\n", rel, rc_ctx_error(ctx));
        t->errors++;
        goto done;
    }
    if (rc_xbrl_read_json(&arelle.list, ref.data, json, jlen, ctx) < 0) {
        printf("%s: error: the Arelle file could not be read: %s\n", rel, rc_ctx_error(ctx));
        t->errors++;
        goto done;
    }
    if (collect(&ours, vocab, "rollcheck", rel) < 0 || collect(&arelle, vocab, "arelle", rel) < 0)
        goto nomem;
    qsort(ours.items, ours.n, sizeof *ours.items, item_cmp);
    qsort(arelle.items, arelle.n, sizeof *arelle.items, item_cmp);
    bool own = strncmp(json_rel, ARELLE_DIR "/", strlen(ARELLE_DIR) + 1) == 0;
    printf("%s (%s%s%s): %zu %s facts by rollcheck (%zu terms), %zu by arelle (%zu terms)\n", rel,
           rc_format_name(form), own ? "" : ", against ", own ? "" : json_rel, ours.n,
           all_facts ? "numeric" : "share-based", ours.terms, arelle.n, arelle.terms);
    size_t matched;
    size_t mismatches = compare(&ours, &arelle, &matched);
    printf("  compared %zu, matched %zu, mismatches %zu\n", ours.n > arelle.n ? ours.n : arelle.n,
           matched, mismatches);
    t->compared += ours.n > arelle.n ? ours.n : arelle.n;
    t->matched += matched;
    t->mismatches += mismatches;
    goto done;
nomem:
    printf("%s: error: out of memory\n", rel);
    t->errors++;
done:
    side_clear(&ours);
    side_clear(&arelle);
    free(buf);
    free(json);
    rc_buf_free(&src);
    rc_buf_free(&ref);
}

/* ---- the corpus ---------------------------------------------------------------------- */

typedef struct names {
    char **v;
    size_t n, cap;
} names;

static int names_add(names *ns, const char *s, size_t len)
{
    if (ns->n == ns->cap) {
        size_t cap = ns->cap ? ns->cap * 2 : 64;
        char **v = realloc(ns->v, cap * sizeof *v);
        if (!v) return RC_ENOMEM;
        ns->v = v;
        ns->cap = cap;
    }
    if (!(ns->v[ns->n] = strndup(s, len))) return RC_ENOMEM;
    ns->n++;
    return RC_OK;
}

/* Every <path>.json.gz under dir, as <path> relative to root (root's length skip). */
static int walk(const char *dir, size_t skip, names *out)
{
    char **paths;
    size_t n;
    int rc = rc_dir_list(dir, NULL, &paths, &n);
    if (rc < 0) {
        fprintf(stderr, "%s: error: %s\n", dir, strerror(errno));
        return rc;
    }
    size_t sl = strlen(SUFFIX);
    for (size_t i = 0; i < n && rc == RC_OK; i++) {
        struct stat st;
        if (stat(paths[i], &st) != 0) continue;
        size_t len = strlen(paths[i]);
        if (S_ISDIR(st.st_mode))
            rc = walk(paths[i], skip, out);
        else if (len > skip + sl && strcmp(paths[i] + len - sl, SUFFIX) == 0)
            rc = names_add(out, paths[i] + skip, len - skip - sl);
    }
    rc_dir_list_free(paths, n);
    return rc;
}

int main(int argc, char **argv)
{
    if (argc > 1 && strcmp(argv[1], "--all") == 0) {
        all_facts = true;
        argv++;
        argc--;
    }
    if (argc < 2) {
        fprintf(stderr, "usage: %s [--all] CORPUS_DIR [RULES_DIR [PATH...]]\n", argv[0]);
        return 2;
    }
    const char *corpus = argv[1];
    const char *rules = argc > 2 ? argv[2] : RC_SOURCE_DIR "/rules";
    rc_ctx *ctx = NULL;
    rc_vocab *vocab = NULL;
    names files = {0};
    int status = 1;
    if (rc_ctx_new(&ctx) < 0 || rc_vocab_new(&vocab) < 0) goto done;
    if (rc_vocab_load_dir(vocab, rules, ctx) < 0) {
        fprintf(stderr, "%s\n", rc_ctx_error(ctx));
        goto done;
    }
    if (argc > 3) {
        for (int i = 3; i < argc; i++)
            if (names_add(&files, argv[i], strlen(argv[i])) < 0) goto done;
    } else {
        rc_buf dir = RC_BUF_INIT;
        rc_buf_printf(&dir, "%s/%s", corpus, ARELLE_DIR);
        int rc = dir.failed ? RC_ENOMEM : walk(dir.data, dir.len + 1, &files);
        rc_buf_free(&dir);
        if (rc < 0) goto done;
    }
    totals t = {0};
    for (size_t i = 0; i < files.n; i++) {
        rc_buf json = RC_BUF_INIT;
        rc_buf_printf(&json, "%s/%s%s", ARELLE_DIR, files.v[i], SUFFIX);
        if (json.failed) goto done;
        compare_file(corpus, files.v[i], json.data, vocab, ctx, &t);
        rc_buf_free(&json);
    }
    /* the xBRL-JSON files of the corpus, which Arelle wrote from these instances
     * (corpus/INVENTORY.md): the issue's Netflix, AEON and Apple pairs */
    static const char *const standalone[][2] = {
        {"xbrl-json/nflx-20231231.json",
         "edgartools/tests/fixtures/xbrl/nflx/10k_2024/nflx-20240126_htm.xml"},
        {"xbrl-json/aeon-20230930x10q.json",
         "edgartools/data/xbrl/datafiles/aeon/aeon-20230930x10q_htm.xml"},
        {"xbrl-json/aapl-20100925.json",
         "edgartools/tests/fixtures/xbrl/aapl/10k_2010/aapl-20100925.xml"}};
    for (size_t i = 0; argc <= 3 && i < sizeof standalone / sizeof *standalone; i++)
        compare_file(corpus, standalone[i][1], standalone[i][0], vocab, ctx, &t);
    printf("\n%zu files: %zu %s facts compared, %zu matched, %zu mismatches, %zu read errors\n",
           t.files, t.compared, all_facts ? "numeric" : "share-based", t.matched, t.mismatches,
           t.errors);
    status = t.files > 0 && t.mismatches == 0 && t.errors == 0 ? 0 : 1;
done:
    for (size_t i = 0; i < files.n; i++)
        free(files.v[i]);
    free(files.v);
    rc_vocab_free(vocab);
    rc_ctx_free(ctx);
    return status;
}
