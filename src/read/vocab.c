/*
 * The vocabulary: loading rules/labels.json and rules/concepts.json (and the
 * users' own files) into an rc_vocab.  docs/vocabulary.md describes the two
 * formats.  A file is checked completely before anything of it is used, so a
 * file with one bad entry leaves the vocabulary as it was; every error names
 * its place in the file, with a caret line.
 *
 * Precedence: within a file, entries are tried in the order written; a file
 * loaded later is tried before the files loaded earlier, so that a user's
 * directory (--rules DIR, loaded after the defaults) overrides them.
 */
#include <assert.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "rollcheck/read.h"
#include "common/jsondoc.h"
#include "read/vocab.h"

#define MAX_VOCAB_FILE ((size_t)16 << 20)

/* ---- names ------------------------------------------------------------------------ */

static const char *const what_names[] = {"unknown", "balance", "movement", "heading", "other"};
static const char *const position_names[] = {"none", "begin", "end"};
static const char *const measure_names[] = {"none",     "count", "price",       "fair_value",
                                            "aiv",      "term",  "share_price", "contractual_term",
                                            "per_share"};

static int name_index(const char *const *names, size_t n, const char *s)
{
    for (size_t i = 0; i < n; i++)
        if (strcmp(names[i], s) == 0) return (int)i;
    return -1;
}

#define NAME_INDEX(names, s) name_index(names, sizeof names / sizeof *names, s)

/* ---- the vocabulary ------------------------------------------------------------------ */

int rc_vocab_new(rc_vocab **out)
{
    rc_vocab *v = calloc(1, sizeof *v);
    if (!v) return RC_ENOMEM;
    if (!(v->arena = rc_arena_new())) {
        free(v);
        return RC_ENOMEM;
    }
    *out = v;
    return RC_OK;
}

static void pattern_free(rc_vocab_pattern *p)
{
    if (!p) return;
    regfree(&p->match);
    if (p->has_unless) regfree(&p->unless);
    free(p);
}

static void list_free(rc_vocab_list *l)
{
    for (size_t i = 0; i < l->n; i++)
        pattern_free(l->items[i]);
    free(l->items);
    l->items = NULL;
    l->n = 0;
}

void rc_vocab_free(rc_vocab *vocab)
{
    if (!vocab) return;
    list_free(&vocab->labels);
    list_free(&vocab->members);
    list_free(&vocab->extensions);
    free(vocab->concepts);
    rc_arena_free(vocab->arena);
    free(vocab);
}

/* ---- normalising texts --------------------------------------------------------------- */

char *rc_vocab__normalise(const char *text)
{
    rc_buf b = RC_BUF_INIT;
    bool space = false;
    for (const unsigned char *s = (const unsigned char *)text; *s;) {
        unsigned c = *s;
        size_t n = 1;
        const char *put = NULL;
        if (c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == '\v') {
            space = true;
            s++;
            continue;
        }
        if (c == 0xc2 && s[1] == 0xa0) { /* no-break space */
            space = true;
            s += 2;
            continue;
        }
        if (c == 0xe2 && s[1] == 0x80 && s[2]) {
            unsigned d = s[2];
            n = 3;
            if (d >= 0x90 && d <= 0x95) /* hyphens and dashes */
                put = "-";
            else if (d == 0x98 || d == 0x99) /* single quotes */
                put = "'";
            else if (d == 0x9c || d == 0x9d) /* double quotes */
                put = "\"";
            else if (d == 0xaf || d == 0x89 || d == 0x8a) { /* narrow and thin spaces */
                space = true;
                s += 3;
                continue;
            }
        }
        if (space && b.len > 0) rc_buf_putc(&b, ' ');
        space = false;
        if (put) {
            rc_buf_puts(&b, put);
        } else if (n == 1) {
            rc_buf_putc(&b, (char)(c >= 'A' && c <= 'Z' ? c + 32 : c));
        } else {
            rc_buf_append(&b, (const char *)s, n);
        }
        s += n;
    }
    return rc_buf_take(&b);
}

/* ---- applying attributes ---------------------------------------------------------- */

void rc_vocab__apply(const rc_vocab_attrs *a, rc_class *out, unsigned *done)
{
    unsigned fresh = a->set & ~*done;
    if (fresh & RC_VA_WHAT) out->what = a->what;
    if (fresh & RC_VA_LINE) {
        out->line = a->line;
        out->outstanding = a->outstanding;
    }
    if (fresh & RC_VA_POSITION) out->position = a->position;
    if (fresh & RC_VA_ROLE) out->role = a->role;
    if (fresh & RC_VA_MEASURE) out->measure = a->measure;
    if (fresh & RC_VA_AWARD) out->award = a->award;
    if (fresh & RC_VA_AWARD_TYPE) out->award_type = a->award_type;
    if (fresh & RC_VA_RANGE) out->range = a->range;
    *done |= fresh;
    /* a balance line or a role says what the row is, unless something said first */
    if (!(*done & RC_VA_WHAT) && (fresh & (RC_VA_LINE | RC_VA_ROLE))) {
        out->what = (fresh & RC_VA_LINE) ? RC_WHAT_BALANCE : RC_WHAT_MOVEMENT;
        *done |= RC_VA_WHAT;
    }
}

/* ---- loading ------------------------------------------------------------------------ */

typedef struct loader {
    rc_vocab *vocab;
    rc_jsondoc doc;
    rc_ctx *ctx;
    const char *file; /* in the vocabulary's arena */
    /* what this file adds, kept apart until the whole file is good */
    rc_vocab_list labels, members, extensions;
    rc_vocab_concept *concepts;
    size_t nconcepts;
} loader;

#define FAIL(L, node, at_key, ...)                                                                 \
    rc_jsondoc_fail(&(L)->doc, (L)->ctx, RC_ESYNTAX, (node), (at_key), __VA_ARGS__)

static int nomem(loader *L)
{
    return rc_ctx_fail_at(L->ctx, RC_ENOMEM, L->file, 0, 0, "out of memory");
}

static int list_push(rc_vocab_list *l, rc_vocab_pattern *p)
{
    rc_vocab_pattern **items = realloc(l->items, (l->n + 1) * sizeof *items);
    if (!items) return RC_ENOMEM;
    l->items = items;
    l->items[l->n++] = p;
    return RC_OK;
}

/* Compile a pattern string, reporting a bad one at its place in the file. */
static int compile(loader *L, const cJSON *node, regex_t *re)
{
    if (!cJSON_IsString(node) || !node->valuestring[0])
        return FAIL(L, node, 0, "a pattern must be a non-empty string");
    int err = regcomp(re, node->valuestring, REG_EXTENDED | REG_ICASE | REG_NOSUB);
    if (err != 0) {
        char msg[256];
        regerror(err, re, msg, sizeof msg);
        return FAIL(L, node, 0, "bad regular expression \"%s\": %s", node->valuestring, msg);
    }
    return RC_OK;
}

static int string_field(loader *L, const cJSON *f, const char **out)
{
    if (!cJSON_IsString(f)) return FAIL(L, f, 0, "'%s' must be a string", f->string);
    *out = f->valuestring;
    return RC_OK;
}

/* One attribute field of an entry; *known is false for a field that is none. */
static int attr_field(loader *L, const cJSON *f, rc_vocab_attrs *a, bool *known)
{
    const char *k = f->string, *v = NULL;
    int rc, i;
    *known = true;
    if (strcmp(k, "award_type") == 0) {
        if (cJSON_IsNull(f)) {
            a->award_type = NULL;
        } else {
            if ((rc = string_field(L, f, &v)) < 0) return rc;
            if (!v[0]) return FAIL(L, f, 0, "'award_type' must not be empty (null for none)");
            if (!(a->award_type = rc_arena_strdup(L->vocab->arena, v))) return nomem(L);
        }
        a->set |= RC_VA_AWARD_TYPE;
        return RC_OK;
    }
    if (strcmp(k, "what") != 0 && strcmp(k, "balance") != 0 && strcmp(k, "position") != 0 &&
        strcmp(k, "role") != 0 && strcmp(k, "measure") != 0 && strcmp(k, "award") != 0 &&
        strcmp(k, "range") != 0) {
        *known = false;
        return RC_OK;
    }
    if ((rc = string_field(L, f, &v)) < 0) return rc;
    if (strcmp(k, "range") == 0) {
        if (strcmp(v, "low") == 0)
            a->range = RC_RANGE_LOW;
        else if (strcmp(v, "high") == 0)
            a->range = RC_RANGE_HIGH;
        else if (strcmp(v, "none") == 0)
            a->range = RC_RANGE_NONE;
        else
            return FAIL(L, f, 0, "unknown 'range' \"%s\" (low, high or none)", v);
        a->set |= RC_VA_RANGE;
    } else if (strcmp(k, "what") == 0) {
        if ((i = NAME_INDEX(what_names, v)) <= 0)
            return FAIL(L, f, 0, "unknown 'what' \"%s\" (balance, movement, heading or other)", v);
        a->what = (rc_what)i;
        a->set |= RC_VA_WHAT;
    } else if (strcmp(k, "balance") == 0) {
        if (strcmp(v, "outstanding") == 0) {
            a->outstanding = true;
            a->line = RC_LINE_CLOSING;
        } else if (strcmp(v, "exercisable") == 0) {
            a->line = RC_LINE_EXERCISABLE;
        } else if (strcmp(v, "vested_expected") == 0) {
            a->line = RC_LINE_VESTED_EXPECTED;
        } else {
            return FAIL(L, f, 0,
                        "unknown 'balance' \"%s\" (outstanding, exercisable or vested_expected)",
                        v);
        }
        a->set |= RC_VA_LINE;
    } else if (strcmp(k, "position") == 0) {
        if ((i = NAME_INDEX(position_names, v)) < 0)
            return FAIL(L, f, 0, "unknown 'position' \"%s\" (begin, end or none)", v);
        a->position = (rc_position)i;
        a->set |= RC_VA_POSITION;
    } else if (strcmp(k, "role") == 0) {
        rc_role role;
        if (rc_role_parse(&role, v) != RC_OK)
            return FAIL(L, f, 0,
                        "unknown 'role' \"%s\" (granted, assumed, exercised, vested, forfeited, "
                        "expired, cancelled, forfeited_expired, adjusted or other)",
                        v);
        a->role = role;
        a->set |= RC_VA_ROLE;
    } else if (strcmp(k, "measure") == 0) {
        if ((i = NAME_INDEX(measure_names, v)) < 0)
            return FAIL(L, f, 0,
                        "unknown 'measure' \"%s\" (count, price, fair_value, aiv, term, "
                        "share_price, contractual_term, per_share or none)",
                        v);
        a->measure = (rc_measure)i;
        a->set |= RC_VA_MEASURE;
    } else { /* award */
        rc_award award;
        if (strcmp(v, "none") == 0)
            a->award = -1;
        else if (rc_award_parse(&award, v) == RC_OK)
            a->award = (int)award;
        else
            return FAIL(L, f, 0, "unknown 'award' \"%s\" (options, other or none)", v);
        a->set |= RC_VA_AWARD;
    }
    return RC_OK;
}

/* The attributes of an object; `match`/`unless` are left to the caller (pattern
 * entries) or refused (concept map entries). */
static int attrs_of(loader *L, const cJSON *obj, bool patterns, rc_vocab_attrs *a)
{
    memset(a, 0, sizeof *a);
    a->award = -1;
    for (const cJSON *f = obj->child; f; f = f->next) {
        if (f->string[0] == '_') continue;
        for (const cJSON *g = obj->child; g != f; g = g->next)
            if (strcmp(g->string, f->string) == 0)
                return FAIL(L, f, 1, "field '%s' given twice", f->string);
        if (patterns && (strcmp(f->string, "match") == 0 || strcmp(f->string, "unless") == 0))
            continue;
        bool known;
        int rc = attr_field(L, f, a, &known);
        if (rc < 0) return rc;
        if (!known)
            return FAIL(L, f, 1,
                        "unknown field '%s' (an entry has %swhat, balance, position, role, "
                        "measure, award, award_type, range; names starting with '_' are "
                        "comments)",
                        f->string, patterns ? "match, unless, " : "");
    }
    if (!a->set)
        return FAIL(L, obj, 0,
                    "the entry sets nothing (give at least one of what, balance, "
                    "position, role, measure, award, award_type, range)");
    return RC_OK;
}

/* A list of pattern entries: [{"match": "...", ...}, ...]. */
static int load_patterns(loader *L, const cJSON *list, rc_vocab_list *into)
{
    if (!cJSON_IsArray(list))
        return FAIL(L, list, 0, "\"%s\" must be an array of entries", list->string);
    for (const cJSON *e = list->child; e; e = e->next) {
        if (!cJSON_IsObject(e))
            return FAIL(L, e, 0, "an entry of \"%s\" must be a JSON object", list->string);
        const cJSON *m = cJSON_GetObjectItemCaseSensitive(e, "match");
        const cJSON *u = cJSON_GetObjectItemCaseSensitive(e, "unless");
        if (!m)
            return FAIL(L, e, 0, "an entry of \"%s\" needs \"match\": a regular expression",
                        list->string);
        rc_vocab_pattern *p = calloc(1, sizeof *p);
        if (!p) return nomem(L);
        int rc = attrs_of(L, e, true, &p->attrs);
        if (rc < 0 || (rc = compile(L, m, &p->match)) < 0) {
            free(p);
            return rc;
        }
        if (u) {
            if ((rc = compile(L, u, &p->unless)) < 0) {
                regfree(&p->match);
                free(p);
                return rc;
            }
            p->has_unless = true;
        }
        p->file = L->file;
        unsigned col;
        rc_jsondoc_where(&L->doc, e, &p->line, &col);
        if (list_push(into, p) < 0) {
            pattern_free(p);
            return nomem(L);
        }
    }
    return RC_OK;
}

/* Is s a QName: prefix ":" local name, no blanks? */
static bool qname_valid(const char *s)
{
    const char *colon = strchr(s, ':');
    if (!colon || colon == s || !colon[1] || strchr(colon + 1, ':')) return false;
    for (; *s; s++)
        if (*s == ' ' || *s == '\t' || *s == '\n') return false;
    return true;
}

/* The concept map: {"us-gaap:X": {...}, ...}. */
static int load_concepts(loader *L, const cJSON *map)
{
    if (!cJSON_IsObject(map))
        return FAIL(L, map, 0, "\"concepts\" must be an object: {\"prefix:Name\": {...}}");
    size_t n = (size_t)cJSON_GetArraySize(map);
    L->concepts = calloc(n ? n : 1, sizeof *L->concepts);
    if (!L->concepts) return nomem(L);
    for (const cJSON *e = map->child; e; e = e->next) {
        if (e->string[0] == '_') continue;
        if (!qname_valid(e->string))
            return FAIL(L, e, 1, "'%s' is not a concept name (prefix:LocalName)", e->string);
        for (size_t k = 0; k < L->nconcepts; k++)
            if (strcmp(L->concepts[k].qname, e->string) == 0)
                return FAIL(L, e, 1, "concept '%s' given twice", e->string);
        if (!cJSON_IsObject(e))
            return FAIL(L, e, 0, "the entry of '%s' must be a JSON object", e->string);
        rc_vocab_concept *c = &L->concepts[L->nconcepts];
        int rc = attrs_of(L, e, false, &c->attrs);
        if (rc < 0) return rc;
        if (!(c->qname = rc_arena_strdup(L->vocab->arena, e->string))) return nomem(L);
        L->nconcepts++;
    }
    return RC_OK;
}

/* Put `fresh` before `old` (the later file is tried first). */
static int list_prepend(rc_vocab_list *old, rc_vocab_list *fresh)
{
    if (!fresh->n) return RC_OK;
    rc_vocab_pattern **items = malloc((old->n + fresh->n) * sizeof *items);
    if (!items) return RC_ENOMEM;
    memcpy(items, fresh->items, fresh->n * sizeof *items);
    if (old->n) memcpy(items + fresh->n, old->items, old->n * sizeof *items);
    free(old->items);
    free(fresh->items);
    old->items = items;
    old->n += fresh->n;
    fresh->items = NULL;
    fresh->n = 0;
    return RC_OK;
}

static int commit(loader *L)
{
    rc_vocab *v = L->vocab;
    if (L->nconcepts) {
        rc_vocab_concept *c = realloc(v->concepts, (v->nconcepts + L->nconcepts) * sizeof *c);
        if (!c) return nomem(L);
        memcpy(c + v->nconcepts, L->concepts, L->nconcepts * sizeof *c);
        v->concepts = c;
        v->nconcepts += L->nconcepts;
    }
    if (list_prepend(&v->labels, &L->labels) < 0 || list_prepend(&v->members, &L->members) < 0 ||
        list_prepend(&v->extensions, &L->extensions) < 0)
        return nomem(L);
    return RC_OK;
}

/* Load one file's text.  With from_dir, a file that is no vocabulary (a rule file)
 * is skipped quietly. */
static int load(rc_vocab *vocab, const char *name, const char *text, size_t len, bool from_dir,
                rc_ctx *ctx)
{
    loader L;
    memset(&L, 0, sizeof L);
    L.vocab = vocab;
    L.ctx = ctx;
    if (!(L.file = rc_arena_strdup(vocab->arena, name)))
        return rc_ctx_fail_at(ctx, RC_ENOMEM, name, 0, 0, "out of memory");
    int rc = rc_jsondoc_parse(&L.doc, L.file, text, len, ctx);
    if (rc != RC_OK) return rc;
    const cJSON *root = L.doc.root;
    if (!cJSON_IsObject(root)) {
        rc = from_dir ? RC_OK
                      : FAIL(&L, root, 0,
                             "a vocabulary file is a JSON object: {\"labels\": [...]} or "
                             "{\"concepts\": {...}}");
        goto done;
    }
    bool vocab_file = cJSON_GetObjectItemCaseSensitive(root, "labels") ||
                      cJSON_GetObjectItemCaseSensitive(root, "concepts");
    if (!vocab_file) {
        rc = from_dir ? RC_OK
                      : FAIL(&L, root, 0, "not a vocabulary file: no \"labels\" or \"concepts\"");
        goto done;
    }
    for (const cJSON *f = root->child; f && rc == RC_OK; f = f->next) {
        if (f->string[0] == '_') continue;
        for (const cJSON *g = root->child; g != f; g = g->next) {
            if (strcmp(g->string, f->string) == 0) {
                rc = FAIL(&L, f, 1, "field '%s' given twice", f->string);
                goto done;
            }
        }
        if (strcmp(f->string, "labels") == 0)
            rc = load_patterns(&L, f, &L.labels);
        else if (strcmp(f->string, "members") == 0)
            rc = load_patterns(&L, f, &L.members);
        else if (strcmp(f->string, "extensions") == 0)
            rc = load_patterns(&L, f, &L.extensions);
        else if (strcmp(f->string, "concepts") == 0)
            rc = load_concepts(&L, f);
        else
            rc = FAIL(&L, f, 1,
                      "unknown field '%s' in a vocabulary file (it holds labels, members, "
                      "concepts, extensions; names starting with '_' are comments)",
                      f->string);
    }
    if (rc == RC_OK) rc = commit(&L);
done:
    list_free(&L.labels);
    list_free(&L.members);
    list_free(&L.extensions);
    free(L.concepts);
    rc_jsondoc_free(&L.doc);
    return rc;
}

static int load_file(rc_vocab *vocab, const char *path, bool from_dir, rc_ctx *ctx)
{
    char *text = NULL;
    size_t len = 0;
    int rc = rc_read_whole_file(path, MAX_VOCAB_FILE, &text, &len, ctx);
    if (rc != RC_OK) return rc;
    rc = load(vocab, path, text, len, from_dir, ctx);
    free(text);
    return rc;
}

int rc_vocab_load_file(rc_vocab *vocab, const char *path, rc_ctx *ctx)
{
    assert(vocab && path);
    return load_file(vocab, path, false, ctx);
}

int rc_vocab_load_dir(rc_vocab *vocab, const char *dir, rc_ctx *ctx)
{
    assert(vocab && dir);
    char **paths;
    size_t n;
    int rc = rc_dir_list(dir, ".json", &paths, &n);
    if (rc == RC_EIO)
        return rc_ctx_fail_at(ctx, RC_EIO, dir, 0, 0, "cannot open the rules directory: %s",
                              strerror(errno));
    if (rc < 0) return rc_ctx_fail_at(ctx, rc, dir, 0, 0, "out of memory");
    for (size_t i = 0; i < n && rc == RC_OK; i++)
        rc = load_file(vocab, paths[i], true, ctx);
    rc_dir_list_free(paths, n);
    return rc;
}
