/*
 * Baselines: the findings a person has accepted, each with a reason
 * (rollcheck/baseline.h, docs/baselines.md).
 *
 * An entry is matched by its key, rc_finding_key with the file's leading "./"
 * taken off and any byte that is not UTF-8 read as U+FFFD (what the writer's JSON
 * escaping makes of it), so that a key read back is the key written.  Entries
 * are kept sorted by key; each finding takes the first unmatched entry of its
 * key, so an entry accepts one finding.
 */
#include <assert.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "rollcheck/baseline.h"
#include "common/jsondoc.h"
#include "common/util.h"
#include "report/format.h"

/* A baseline is a list a person edits: a few MiB is already very many findings. */
#define MAX_BASELINE_BYTES ((size_t)64 << 20)

/* rc_finding_key's separators, and how many fields a key has at least (rule, file,
 * entity, award, award type, members, start, end, currency, quantity). */
#define KEY_SEP '\x1f'
#define KEY_MIN_FIELDS 10

typedef struct entry {
    rc_baseline_entry pub; /* rule, file (normalized), key (normalized), message, reason */
    const char *quantity;  /* the fields kept for the person reading the file, or NULL */
    bool has_period;
    const char *start, *end;
    const char **members;
    size_t nmembers;
    bool has_members;
    bool matched; /* after apply: it accepted a finding */
    bool checked; /* after apply: its file was checked */
} entry;

typedef struct accept {
    const rc_finding *finding;
    const entry *entry;
} accept;

struct rc_baseline {
    rc_arena *arena;
    const char *path;
    entry *entries; /* in file order */
    size_t n;
    size_t *by_key; /* indices of entries, sorted by key, then file order */
    /* after rc_baseline_apply */
    const rc_results *results;
    accept *accepted; /* sorted by finding address */
    size_t naccepted;
    const rc_baseline_entry **stale;
    size_t nstale;
};

/* ---- keys and files ----------------------------------------------------------------- */

static const char *skip_dot_slash(const char *path)
{
    while (path[0] == '.' && path[1] == '/') {
        path += 2;
        while (*path == '/')
            path++;
    }
    return path;
}

/* Append s, every byte that is not part of valid UTF-8 as U+FFFD. */
static void put_utf8(rc_buf *b, const char *s, size_t len)
{
    const unsigned char *p = (const unsigned char *)s, *end = p + len;
    while (p < end) {
        size_t n = rc_report__utf8_len(p);
        if (n == 0 || n > (size_t)(end - p)) {
            rc_buf_puts(b, "\xef\xbf\xbd");
            p++;
        } else {
            rc_buf_append(b, (const char *)p, n);
            p += n;
        }
    }
}

/* The key as matched: the file's leading "./" off, bytes that are not UTF-8 as U+FFFD.
 * Malloc'ed (the caller frees), NULL when out of memory or when key is not a finding
 * key (fewer fields than one has; *malformed then says so). */
static char *normalize_key(const char *key, bool *malformed)
{
    size_t fields = 1;
    for (const char *p = key; *p; p++)
        fields += *p == KEY_SEP;
    *malformed = fields < KEY_MIN_FIELDS || *key == KEY_SEP;
    if (*malformed) return NULL;
    const char *file = strchr(key, KEY_SEP) + 1;
    rc_buf b = RC_BUF_INIT;
    put_utf8(&b, key, (size_t)(file - key));
    const char *rest = skip_dot_slash(file);
    put_utf8(&b, rest, strlen(rest));
    return rc_buf_take(&b);
}

/* The rule and file fields of a normalized key, into the arena. */
static int key_fields(rc_arena *arena, const char *key, const char **rule, const char **file)
{
    const char *sep1 = strchr(key, KEY_SEP);
    const char *sep2 = strchr(sep1 + 1, KEY_SEP);
    *rule = rc_arena_strndup(arena, key, (size_t)(sep1 - key));
    *file = rc_arena_strndup(arena, sep1 + 1, (size_t)(sep2 - sep1 - 1));
    return *rule && *file ? RC_OK : RC_ENOMEM;
}

static int key_order(const rc_baseline *b, size_t x, size_t y)
{
    int c = strcmp(b->entries[x].pub.key, b->entries[y].pub.key);
    return c ? c : (x < y ? -1 : x > y);
}

/* qsort has no context argument: sort the indices by insertion (a baseline is a list
 * people read, not millions of entries), then find keys by binary search. */
static void sort_by_key(rc_baseline *b)
{
    for (size_t i = 0; i < b->n; i++)
        b->by_key[i] = i;
    for (size_t i = 1; i < b->n; i++) {
        size_t v = b->by_key[i], j = i;
        for (; j > 0 && key_order(b, b->by_key[j - 1], v) > 0; j--)
            b->by_key[j] = b->by_key[j - 1];
        b->by_key[j] = v;
    }
}

/* The first position in by_key whose key is not below key. */
static size_t lower_bound(const rc_baseline *b, const char *key)
{
    size_t lo = 0, hi = b->n;
    while (lo < hi) {
        size_t mid = lo + (hi - lo) / 2;
        if (strcmp(b->entries[b->by_key[mid]].pub.key, key) < 0)
            lo = mid + 1;
        else
            hi = mid;
    }
    return lo;
}

/* ---- loading -------------------------------------------------------------------------- */

typedef struct loader {
    rc_baseline *b;
    rc_jsondoc doc;
    rc_ctx *ctx;
} loader;

static int fail(loader *L, const cJSON *node, bool at_key, const char *fmt, ...)
    __attribute__((format(printf, 4, 5)));

static int fail(loader *L, const cJSON *node, bool at_key, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    int err = rc_jsondoc_vfail(&L->doc, L->ctx, RC_ESYNTAX, node, at_key ? 1 : 0, fmt, ap);
    va_end(ap);
    return err;
}

static int nomem(loader *L)
{
    return rc_ctx_fail(L->ctx, RC_ENOMEM, "out of memory reading baseline %s", L->b->path);
}

/* Find the fields of object node among names (each once, "_" comments aside). */
static int get_fields(loader *L, const cJSON *node, const char *what, const char *const *names,
                      size_t n, const cJSON **out)
{
    for (size_t i = 0; i < n; i++)
        out[i] = NULL;
    if (!cJSON_IsObject(node)) return fail(L, node, false, "%s must be an object", what);
    for (const cJSON *f = node->child; f; f = f->next) {
        const char *key = f->string ? f->string : "";
        if (key[0] == '_') continue;
        size_t i = 0;
        while (i < n && strcmp(key, names[i]) != 0)
            i++;
        if (i == n) {
            rc_buf allowed = RC_BUF_INIT;
            for (size_t k = 0; k < n; k++)
                rc_buf_printf(&allowed, "%s%s", k ? ", " : "", names[k]);
            int err = allowed.failed ? nomem(L)
                                     : fail(L, f, true,
                                            "unknown field '%.60s' in %s; allowed: %s, and "
                                            "comments starting with '_'",
                                            key, what, allowed.data);
            rc_buf_free(&allowed);
            return err;
        }
        if (out[i]) return fail(L, f, true, "field '%s' given twice in %s", key, what);
        out[i] = f;
    }
    return RC_OK;
}

/* A string field (NULL when absent and optional, or null and nullable). */
static int get_string(loader *L, const cJSON *node, const char *name, bool nullable,
                      const char **out)
{
    *out = NULL;
    if (!node || (nullable && cJSON_IsNull(node))) return RC_OK;
    if (!cJSON_IsString(node))
        return fail(L, node, false, "\"%s\" must be a string%s", name, nullable ? " or null" : "");
    *out = rc_arena_strdup(L->b->arena, node->valuestring);
    return *out ? RC_OK : nomem(L);
}

static bool blank(const char *s)
{
    for (; *s; s++)
        if (*s != ' ' && *s != '\t' && *s != '\n' && *s != '\r') return false;
    return true;
}

enum { F_RULE, F_FILE, F_KEY, F_QUANTITY, F_PERIOD, F_MEMBERS, F_MESSAGE, F_REASON, F__COUNT };

static const char *const entry_fields[F__COUNT] = {"rule",   "file",    "key",     "quantity",
                                                   "period", "members", "message", "reason"};

static int load_members(loader *L, const cJSON *node, entry *e)
{
    if (!cJSON_IsArray(node)) return fail(L, node, false, "\"members\" must be an array");
    e->has_members = true;
    e->nmembers = (size_t)cJSON_GetArraySize(node);
    e->members = rc_arena_alloc(L->b->arena, (e->nmembers + 1) * sizeof *e->members);
    if (!e->members) return nomem(L);
    size_t i = 0;
    for (const cJSON *m = node->child; m; m = m->next) {
        if (!cJSON_IsString(m)) return fail(L, m, false, "each of \"members\" must be a string");
        if (!(e->members[i++] = rc_arena_strdup(L->b->arena, m->valuestring))) return nomem(L);
    }
    return RC_OK;
}

static int load_period(loader *L, const cJSON *node, entry *e)
{
    static const char *const names[] = {"start", "end"};
    const cJSON *f[2];
    int err = get_fields(L, node, "a baseline entry's period", names, 2, f);
    if (err < 0) return err;
    e->has_period = true;
    if ((err = get_string(L, f[0], "start", true, &e->start)) < 0) return err;
    return get_string(L, f[1], "end", true, &e->end);
}

static int load_entry(loader *L, const cJSON *node, entry *e)
{
    const cJSON *f[F__COUNT];
    int err = get_fields(L, node, "a baseline entry", entry_fields, F__COUNT, f);
    if (err < 0) return err;
    unsigned line, col;
    rc_jsondoc_where(&L->doc, node, &line, &col);
    e->pub.line = line;

    if (!f[F_KEY])
        return fail(L, node, false,
                    "baseline entry without \"key\" (rollcheck check --write-baseline writes "
                    "the key of each finding)");
    if (!cJSON_IsString(f[F_KEY])) return fail(L, f[F_KEY], false, "\"key\" must be a string");
    bool malformed;
    char *key = normalize_key(f[F_KEY]->valuestring, &malformed);
    if (malformed)
        return fail(L, f[F_KEY], false,
                    "\"key\" is not the key of a finding (rollcheck check --write-baseline "
                    "writes them)");
    e->pub.key = key ? rc_arena_strdup(L->b->arena, key) : NULL;
    free(key);
    if (!e->pub.key || key_fields(L->b->arena, e->pub.key, &e->pub.rule, &e->pub.file) < 0)
        return nomem(L);

    const char *rule, *file;
    if ((err = get_string(L, f[F_RULE], "rule", false, &rule)) < 0 ||
        (err = get_string(L, f[F_FILE], "file", false, &file)) < 0)
        return err;
    if (rule && strcmp(rule, e->pub.rule) != 0)
        return fail(L, f[F_RULE], false, "\"rule\" %.40s is not the rule of the key (%.40s)", rule,
                    e->pub.rule);
    if (file && strcmp(skip_dot_slash(file), e->pub.file) != 0)
        return fail(L, f[F_FILE], false,
                    "\"file\" '%.200s' is not the file of the key ('%.200s'): edit both", file,
                    e->pub.file);

    if ((err = get_string(L, f[F_QUANTITY], "quantity", false, &e->quantity)) < 0 ||
        (err = get_string(L, f[F_MESSAGE], "message", false, &e->pub.message)) < 0)
        return err;
    if (f[F_PERIOD] && (err = load_period(L, f[F_PERIOD], e)) < 0) return err;
    if (f[F_MEMBERS] && (err = load_members(L, f[F_MEMBERS], e)) < 0) return err;

    if (!f[F_REASON])
        return fail(L, node, false,
                    "baseline entry for %s in %s without \"reason\": say why the finding is "
                    "accepted",
                    e->pub.rule, e->pub.file);
    if ((err = get_string(L, f[F_REASON], "reason", false, &e->pub.reason)) < 0) return err;
    if (blank(e->pub.reason))
        return fail(L, f[F_REASON], false,
                    "empty \"reason\" for %s in %s: say why the finding is accepted before "
                    "using the baseline",
                    e->pub.rule, e->pub.file);
    return RC_OK;
}

static int load_top(loader *L)
{
    static const char *const names[] = {"rollcheck", "version", "findings"};
    const cJSON *root = L->doc.root, *f[3];
    int err = get_fields(L, root, "a baseline", names, 3, f);
    if (err < 0) return err;
    if (!f[0] || !cJSON_IsString(f[0]) || strcmp(f[0]->valuestring, "baseline") != 0)
        return fail(L, f[0] ? f[0] : root, false,
                    "not a rollcheck baseline: it must say \"rollcheck\": \"baseline\"");
    if (!f[1] || !cJSON_IsNumber(f[1]) || f[1]->valuedouble != 1.0)
        return fail(L, f[1] ? f[1] : root, false,
                    "baseline \"version\" must be 1 (the only version this rollcheck reads)");
    if (!f[2] || !cJSON_IsArray(f[2]))
        return fail(L, f[2] ? f[2] : root, false, "a baseline needs \"findings\": [...]");

    rc_baseline *b = L->b;
    b->n = (size_t)cJSON_GetArraySize(f[2]);
    b->entries = calloc(b->n ? b->n : 1, sizeof *b->entries);
    b->by_key = calloc(b->n ? b->n : 1, sizeof *b->by_key);
    if (!b->entries || !b->by_key) return nomem(L);
    size_t i = 0;
    for (const cJSON *e = f[2]->child; e; e = e->next)
        if ((err = load_entry(L, e, &b->entries[i++])) < 0) return err;
    sort_by_key(b);
    return RC_OK;
}

int rc_baseline_load(rc_baseline **out, const char *path, rc_ctx *ctx)
{
    assert(out && path);
    *out = NULL;
    char *buf = NULL;
    size_t len = 0;
    loader L = {NULL, {0}, ctx};
    int err = RC_OK;
    L.b = calloc(1, sizeof *L.b);
    if (!L.b || !(L.b->arena = rc_arena_new()) ||
        !(L.b->path = rc_arena_strdup(L.b->arena, path))) {
        err = rc_ctx_fail(ctx, RC_ENOMEM, "out of memory reading baseline %s", path);
        goto done;
    }
    if ((err = rc_read_whole_file(path, MAX_BASELINE_BYTES, &buf, &len, ctx)) < 0) goto done;
    if ((err = rc_jsondoc_parse(&L.doc, L.b->path, buf, len, ctx)) < 0) goto done;
    err = load_top(&L);
done:
    rc_jsondoc_free(&L.doc);
    free(buf);
    if (err < 0)
        rc_baseline_free(L.b);
    else
        *out = L.b;
    return err;
}

void rc_baseline_free(rc_baseline *b)
{
    if (!b) return;
    free(b->entries);
    free(b->by_key);
    free(b->accepted);
    free(b->stale);
    rc_arena_free(b->arena);
    free(b);
}

const char *rc_baseline_path(const rc_baseline *b)
{
    return b->path;
}

/* ---- matching ------------------------------------------------------------------------- */

static int ptr_cmp(const void *pa, const void *pb)
{
    uintptr_t a = (uintptr_t)((const accept *)pa)->finding;
    uintptr_t b = (uintptr_t)((const accept *)pb)->finding;
    return a < b ? -1 : a > b;
}

static int str_cmp(const void *pa, const void *pb)
{
    return strcmp(*(const char *const *)pa, *(const char *const *)pb);
}

typedef struct file_set {
    const char **files;
    size_t n, cap;
} file_set;

static void add_file(file_set *s, const char *file)
{
    if (!file || s->n == s->cap) return; /* the capacity was counted beforehand */
    s->files[s->n++] = skip_dot_slash(file);
}

static bool has_file(const file_set *s, const char *file)
{
    return bsearch(&file, s->files, s->n, sizeof *s->files, str_cmp) != NULL;
}

/* The files this run checked: the inputs read, and the files of the roll-forwards
 * checked and of the findings (a model that `rollcheck extract` wrote points at the
 * files it was read from). */
static int checked_files(file_set *s, const rc_results *results, const rc_input *inputs,
                         size_t ninputs)
{
    size_t noutcomes = rc_results_outcome_count(results);
    size_t nfindings = rc_results_finding_count(results);
    s->cap = ninputs + 2 * noutcomes + nfindings;
    s->n = 0;
    s->files = malloc((s->cap ? s->cap : 1) * sizeof *s->files);
    if (!s->files) return RC_ENOMEM;
    for (size_t i = 0; i < ninputs; i++)
        if (!inputs[i].error && !inputs[i].skipped) add_file(s, inputs[i].path);
    for (size_t i = 0; i < noutcomes; i++) {
        const rc_rollforward *rf = rc_results_outcome(results, i)->rf;
        add_file(s, rf->file);
        add_file(s, rf->src.file);
    }
    for (size_t i = 0; i < nfindings; i++)
        add_file(s, rc_results_finding(results, i)->where.file);
    qsort(s->files, s->n, sizeof *s->files, str_cmp);
    return RC_OK;
}

static bool file_exists(const char *path)
{
    struct stat st;
    return stat(path, &st) == 0;
}

/* The normalized key of a finding, malloc'ed; NULL when out of memory. */
static char *finding_key(const rc_finding *f)
{
    char *raw = rc_finding_key(f);
    if (!raw) return NULL;
    bool malformed;
    char *key = normalize_key(raw, &malformed);
    assert(!malformed);
    free(raw);
    return key;
}

int rc_baseline_apply(rc_baseline *b, const rc_results *results, const rc_input *inputs,
                      size_t ninputs, rc_ctx *ctx)
{
    assert(b && results);
    int err = RC_OK;
    file_set checked = {NULL, 0, 0};
    free(b->accepted);
    free(b->stale);
    b->accepted = NULL;
    b->stale = NULL;
    b->naccepted = b->nstale = 0;
    b->results = results;
    for (size_t i = 0; i < b->n; i++) {
        b->entries[i].matched = b->entries[i].checked = false;
        b->entries[i].pub.file_missing = false;
    }
    size_t nfindings = rc_results_finding_count(results);
    b->accepted = malloc((nfindings ? nfindings : 1) * sizeof *b->accepted);
    b->stale = malloc((b->n ? b->n : 1) * sizeof *b->stale);
    if (!b->accepted || !b->stale || checked_files(&checked, results, inputs, ninputs) < 0) {
        err = RC_ENOMEM;
        goto done;
    }
    for (size_t i = 0; i < nfindings; i++) {
        const rc_finding *f = rc_results_finding(results, i);
        char *key = finding_key(f);
        if (!key) {
            err = RC_ENOMEM;
            goto done;
        }
        for (size_t k = lower_bound(b, key); k < b->n; k++) {
            entry *e = &b->entries[b->by_key[k]];
            if (strcmp(e->pub.key, key) != 0) break;
            if (e->matched) continue;
            e->matched = true;
            b->accepted[b->naccepted++] = (accept){f, e};
            break;
        }
        free(key);
    }
    qsort(b->accepted, b->naccepted, sizeof *b->accepted, ptr_cmp);
    for (size_t i = 0; i < b->n; i++) {
        entry *e = &b->entries[i];
        e->checked = has_file(&checked, e->pub.file);
        if (e->matched) continue;
        if (!e->checked && *e->pub.file && !file_exists(e->pub.file)) e->pub.file_missing = true;
        if (e->checked || e->pub.file_missing) b->stale[b->nstale++] = &e->pub;
    }
done:
    free(checked.files);
    if (err < 0) {
        b->naccepted = b->nstale = 0;
        b->results = NULL;
        return rc_ctx_fail(ctx, err, "out of memory matching the findings with baseline %s",
                           b->path);
    }
    return RC_OK;
}

static const accept *find_accept(const rc_baseline *b, const rc_finding *f)
{
    accept probe = {f, NULL};
    return b->naccepted ? bsearch(&probe, b->accepted, b->naccepted, sizeof *b->accepted, ptr_cmp)
                        : NULL;
}

bool rc_baseline_accepts(const rc_baseline *b, const rc_finding *f, const char **reason)
{
    const accept *a = b ? find_accept(b, f) : NULL;
    if (reason) *reason = a ? a->entry->pub.reason : NULL;
    return a != NULL;
}

size_t rc_baseline_accepted_count(const rc_baseline *b)
{
    return b->naccepted;
}

int rc_baseline_max_new_severity(const rc_baseline *b, const rc_results *results)
{
    assert(!b || b->results == results);
    int max = -1;
    for (size_t i = 0; i < rc_results_finding_count(results); i++) {
        const rc_finding *f = rc_results_finding(results, i);
        if ((int)f->severity > max && !rc_baseline_accepts(b, f, NULL)) max = (int)f->severity;
    }
    return max;
}

size_t rc_baseline_stale_count(const rc_baseline *b)
{
    return b->nstale;
}

const rc_baseline_entry *rc_baseline_stale(const rc_baseline *b, size_t i)
{
    return i < b->nstale ? b->stale[i] : NULL;
}

/* ---- writing -------------------------------------------------------------------------- */

/* One entry to write: a finding of this run, or an entry of the previous baseline for a
 * file this run did not check. */
typedef struct item {
    const char *file; /* normalized */
    size_t seq;       /* order within the file */
    const rc_finding *finding;
    const entry *kept;
} item;

static int item_cmp(const void *pa, const void *pb)
{
    const item *a = pa, *b = pb;
    int c = strcmp(a->file, b->file);
    return c ? c : (a->seq < b->seq ? -1 : a->seq > b->seq);
}

static void put_field(rc_buf *b, const char *name, const char *value, bool more)
{
    rc_buf_printf(b, "      \"%s\": ", name);
    rc_report__json_string(b, value);
    rc_buf_puts(b, more ? ",\n" : "\n");
}

static void put_period(rc_buf *b, const char *start, const char *end)
{
    rc_buf_puts(b, "      \"period\": {\"start\": ");
    rc_report__json_string(b, start);
    rc_buf_puts(b, ", \"end\": ");
    rc_report__json_string(b, end);
    rc_buf_puts(b, "},\n");
}

static void put_members(rc_buf *b, const char *const *members, size_t n)
{
    rc_buf_puts(b, "      \"members\": [");
    for (size_t i = 0; i < n; i++) {
        if (i) rc_buf_puts(b, ", ");
        rc_report__json_string(b, members[i]);
    }
    rc_buf_puts(b, "],\n");
}

static void put_finding_entry(rc_buf *b, const rc_finding *f, const char *key, const char *file,
                              const char *reason)
{
    const rc_rollforward *rf = f->rf;
    char start[11], end[11];
    rc_day_format(rf->start, start);
    rc_day_format(rf->end, end);
    put_field(b, "rule", rc_rule_id(f->rule), true);
    put_field(b, "file", file, true);
    put_field(b, "key", key, true);
    put_field(b, "quantity", f->quantity, true);
    put_period(b, *start ? start : NULL, *end ? end : NULL);
    put_members(b, rf->members, rf->nmembers);
    put_field(b, "message", f->message, true);
    put_field(b, "reason", reason ? reason : "", false);
}

static void put_kept_entry(rc_buf *b, const entry *e)
{
    put_field(b, "rule", e->pub.rule, true);
    put_field(b, "file", e->pub.file, true);
    put_field(b, "key", e->pub.key, true);
    if (e->quantity) put_field(b, "quantity", e->quantity, true);
    if (e->has_period) put_period(b, e->start, e->end);
    if (e->has_members) put_members(b, e->members, e->nmembers);
    if (e->pub.message) put_field(b, "message", e->pub.message, true);
    put_field(b, "reason", e->pub.reason, false);
}

int rc_baseline_write(FILE *out, const rc_results *results, const rc_baseline *previous,
                      rc_ctx *ctx)
{
    assert(out && results);
    assert(!previous || previous->results == results);
    int err = RC_OK;
    rc_buf b = RC_BUF_INIT;
    size_t nfindings = rc_results_finding_count(results), n = 0;
    size_t nkept = previous ? previous->n : 0;
    item *items = malloc((nfindings + nkept + 1) * sizeof *items);
    if (!items) {
        err = rc_ctx_fail(ctx, RC_ENOMEM, "out of memory writing the baseline");
        goto done;
    }
    for (size_t i = 0; i < nfindings; i++) {
        const rc_finding *f = rc_results_finding(results, i);
        items[n++] = (item){skip_dot_slash(f->where.file ? f->where.file : ""), i, f, NULL};
    }
    for (size_t i = 0; i < nkept; i++) {
        const entry *e = &previous->entries[i];
        /* matched entries are written from their findings; stale ones are dropped */
        if (e->matched || e->checked || e->pub.file_missing) continue;
        items[n++] = (item){e->pub.file, nfindings + i, NULL, e};
    }
    qsort(items, n, sizeof *items, item_cmp);

    rc_buf_puts(&b, "{\n  \"rollcheck\": \"baseline\",\n  \"version\": 1,\n"
                    "  \"_note\": \"findings accepted by rollcheck check --baseline FILE: each "
                    "needs a reason (docs/baselines.md)\",\n  \"findings\": [");
    for (size_t i = 0; i < n && !b.failed; i++) {
        rc_buf_puts(&b, i ? ",\n    {\n" : "\n    {\n");
        if (items[i].kept) {
            put_kept_entry(&b, items[i].kept);
        } else {
            char *key = finding_key(items[i].finding);
            const char *reason = NULL;
            rc_baseline_accepts(previous, items[i].finding, &reason);
            if (key) put_finding_entry(&b, items[i].finding, key, items[i].file, reason);
            b.failed |= !key;
            free(key);
        }
        rc_buf_puts(&b, "    }");
    }
    rc_buf_puts(&b, n ? "\n  ]\n}\n" : "]\n}\n");
    if (b.failed) {
        err = rc_ctx_fail(ctx, RC_ENOMEM, "out of memory writing the baseline");
        goto done;
    }
    if (fwrite(b.data, 1, b.len, out) != b.len || fflush(out) != 0 || ferror(out))
        err = rc_ctx_fail(ctx, RC_EIO, "cannot write the baseline");
done:
    free(items);
    rc_buf_free(&b);
    return err;
}
