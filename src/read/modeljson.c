/*
 * Reading rollcheck's model JSON (docs/model-json.md).
 *
 * The format is written by hand as often as by `rollcheck extract`, so it is
 * read strictly: an unknown field, a field given twice, a value of the wrong
 * type is an error at its line and column, never skipped (a misspelt
 * "closeing" would otherwise silently drop a balance).  Fields whose name
 * starts with "_" are comments.
 */
#include <assert.h>
#include <limits.h>
#include <stdarg.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "rollcheck/read.h"
#include "common/jsondoc.h"
#include "common/util.h"

/* Powers of ten a scale or decimals may take: far beyond any filing, near
 * enough that no input can ask for a huge power of ten. */
#define MAX_SCALE 100

/* At most this many bytes of an input string are quoted in a message. */
#define QUOTE_MAX 60

typedef struct reader {
    rc_model *model;
    rc_ctx *ctx;
    rc_jsondoc doc;
    const char *file; /* the model's copy of the input's name */
} reader;

/* What an object may hold, and how messages name it. */
typedef struct objspec {
    const char *what;  /* as a subject: "a roll-forward", "'period'" */
    const char *where; /* as a place: "in a roll-forward", "in 'period'" */
    const char *const *names;
    size_t n;
} objspec;

/* ---- messages ---------------------------------------------------------------- */

/* s, cut at a character boundary after QUOTE_MAX bytes, for a message. */
static const char *quote(char buf[static QUOTE_MAX + 4], const char *s)
{
    size_t n = strlen(s);
    if (n <= QUOTE_MAX) return s;
    n = QUOTE_MAX;
    while (n > 0 && ((unsigned char)s[n] & 0xc0) == 0x80)
        n--;
    memcpy(buf, s, n);
    memcpy(buf + n, "...", 4);
    return buf;
}

static const char *type_name(const cJSON *node)
{
    if (cJSON_IsString(node)) return "a string";
    if (cJSON_IsNumber(node)) return "a number";
    if (cJSON_IsObject(node)) return "an object";
    if (cJSON_IsArray(node)) return "an array";
    if (cJSON_IsTrue(node)) return "true";
    if (cJSON_IsFalse(node)) return "false";
    return "null";
}

static int fail(reader *r, const cJSON *node, bool at_key, const char *fmt, ...)
    __attribute__((format(printf, 4, 5)));

static int fail(reader *r, const cJSON *node, bool at_key, const char *fmt, ...)
{
    char msg[1024];
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(msg, sizeof msg, fmt, ap);
    va_end(ap);
    return rc_jsondoc_fail(&r->doc, r->ctx, RC_ESYNTAX, node, at_key, "%s", msg);
}

/* An error at byte off of the input (inside a string). */
static int fail_at_offset(reader *r, size_t off, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));

static int fail_at_offset(reader *r, size_t off, const char *fmt, ...)
{
    unsigned line, col;
    rc_line_col(r->doc.buf, r->doc.len, off, &line, &col);
    va_list ap;
    va_start(ap, fmt);
    rc_ctx_vfail_at(r->ctx, RC_ESYNTAX, r->file, line, col, fmt, ap);
    va_end(ap);
    rc_caret_detail(r->ctx, r->doc.buf, r->doc.len, off);
    return RC_ESYNTAX;
}

static int nomem(reader *r)
{
    return rc_ctx_fail_at(r->ctx, RC_ENOMEM, r->file, 0, 0, "out of memory reading the model");
}

/* Edit distance of two short strings, a swap of neighbours counting as one
 * edit ("cuont"), for "did you mean". */
static size_t distance(const char *a, const char *b)
{
    size_t na = strlen(a), nb = strlen(b);
    if (na > 32 || nb > 32) return SIZE_MAX;
    size_t d[33][33];
    for (size_t i = 0; i <= na; i++)
        d[i][0] = i;
    for (size_t j = 0; j <= nb; j++)
        d[0][j] = j;
    for (size_t i = 1; i <= na; i++) {
        for (size_t j = 1; j <= nb; j++) {
            size_t best = d[i - 1][j - 1] + (a[i - 1] != b[j - 1]);
            if (d[i - 1][j] + 1 < best) best = d[i - 1][j] + 1;
            if (d[i][j - 1] + 1 < best) best = d[i][j - 1] + 1;
            if (i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1] &&
                d[i - 2][j - 2] + 1 < best)
                best = d[i - 2][j - 2] + 1;
            d[i][j] = best;
        }
    }
    return d[na][nb];
}

/* The name closest to s, when it is close enough to be a typo; else NULL. */
static const char *closest(const char *s, const char *const *names, size_t n)
{
    const char *best = NULL;
    size_t best_d = 3; /* at most two edits */
    for (size_t i = 0; i < n; i++) {
        size_t d = distance(s, names[i]);
        if (d < best_d && d * 3 <= strlen(names[i])) {
            best = names[i];
            best_d = d;
        }
    }
    return best;
}

/* "granted, assumed, ..." into buf. */
static const char *join(char *buf, size_t size, const char *const *names, size_t n)
{
    size_t k = 0;
    buf[0] = '\0';
    for (size_t i = 0; i < n && k < size; i++) {
        int w = snprintf(buf + k, size - k, "%s%s", i ? ", " : "", names[i]);
        if (w < 0) break;
        k += (size_t)w;
    }
    return buf;
}

/* ---- objects and fields ------------------------------------------------------ */

/*
 * Check that node is an object holding only fields of spec (each at most
 * once, "_" fields aside), and put each field's node into out[] by its
 * index in spec->names (NULL when absent).
 */
static int get_fields(reader *r, const cJSON *node, const objspec *spec, const cJSON **out)
{
    for (size_t i = 0; i < spec->n; i++)
        out[i] = NULL;
    if (!cJSON_IsObject(node))
        return fail(r, node, false, "%s must be an object, not %s", spec->what, type_name(node));
    char q[QUOTE_MAX + 4], allowed[512];
    for (const cJSON *f = node->child; f; f = f->next) {
        const char *key = f->string ? f->string : "";
        if (key[0] == '_') continue;
        size_t i = 0;
        while (i < spec->n && strcmp(key, spec->names[i]) != 0)
            i++;
        if (i == spec->n) {
            const char *guess = closest(key, spec->names, spec->n);
            join(allowed, sizeof allowed, spec->names, spec->n);
            if (guess)
                return fail(r, f, true,
                            "unknown field '%s' %s (did you mean '%s'?); allowed here: %s, and "
                            "comments starting with '_'",
                            quote(q, key), spec->where, guess, allowed);
            return fail(r, f, true,
                        "unknown field '%s' %s; allowed here: %s, and comments starting with '_'",
                        quote(q, key), spec->where, allowed);
        }
        if (out[i]) {
            unsigned line, col;
            rc_jsondoc_key_where(&r->doc, out[i], &line, &col);
            return fail(r, f, true, "field '%s' given twice %s (first on line %u)", key,
                        spec->where, line);
        }
        out[i] = f;
    }
    return RC_OK;
}

static int missing(reader *r, const cJSON *obj, const char *field, const objspec *spec,
                   const char *hint)
{
    return fail(r, obj, false, "missing field '%s' %s%s", field, spec->where, hint ? hint : "");
}

/* A non-empty string, copied into the model. */
static int get_string(reader *r, const cJSON *node, const char **out)
{
    if (!cJSON_IsString(node))
        return fail(r, node, false, "'%s' must be a string, not %s", node->string, type_name(node));
    if (!node->valuestring[0])
        return fail(r, node, false, "'%s' must not be empty (leave the field out instead)",
                    node->string);
    if (!(*out = rc_model_strdup(r->model, node->valuestring))) return nomem(r);
    return RC_OK;
}

/* A whole JSON number in [min, max]. */
static int get_int(reader *r, const cJSON *node, long min, long max, long *out)
{
    const char *text;
    size_t len;
    if (rc_jsondoc_number_text(&r->doc, node, &text, &len) != RC_OK)
        return fail(r, node, false, "'%s' must be a whole number, not %s", node->string,
                    type_name(node));
    size_t i = len > 0 && text[0] == '-';
    size_t digits = i;
    while (digits < len && text[digits] >= '0' && text[digits] <= '9')
        digits++;
    if (len == i || digits < len)
        return fail(r, node, false, "'%s' must be a whole number, not %.*s", node->string, (int)len,
                    text);
    if (len - i > 9)
        return fail(r, node, false, "'%s' must be from %ld to %ld", node->string, min, max);
    long v = 0;
    for (size_t k = i; k < len; k++)
        v = v * 10 + (text[k] - '0');
    if (i) v = -v;
    if (v < min || v > max)
        return fail(r, node, false, "'%s' must be from %ld to %ld", node->string, min, max);
    *out = v;
    return RC_OK;
}

static int get_date(reader *r, const cJSON *node, rc_day *out)
{
    char q[QUOTE_MAX + 4];
    if (!cJSON_IsString(node))
        return fail(r, node, false, "'%s' must be a date string \"YYYY-MM-DD\", not %s",
                    node->string, type_name(node));
    const char *s = node->valuestring;
    if (rc_day_parse(out, s, strlen(s)) != RC_OK)
        return fail(r, node, false, "bad date '%s' in '%s': expected a calendar date as YYYY-MM-DD",
                    quote(q, s), node->string);
    return RC_OK;
}

static int get_currency(reader *r, const cJSON *node, const char **out)
{
    char q[QUOTE_MAX + 4];
    if (!cJSON_IsString(node))
        return fail(r, node, false, "'currency' must be a string, not %s", type_name(node));
    const char *s = node->valuestring;
    if (strlen(s) != 3 || strspn(s, "ABCDEFGHIJKLMNOPQRSTUVWXYZ") != 3)
        return fail(r, node, false,
                    "bad currency '%s': expected an ISO 4217 code of three capital letters, "
                    "like \"USD\"",
                    quote(q, s));
    if (!(*out = rc_model_strdup(r->model, s))) return nomem(r);
    return RC_OK;
}

/* ---- source, period, scale ---------------------------------------------------- */

static const char *const source_names[] = {"file", "line", "col", "id"};
static const objspec source_spec = {"'source'", "in 'source'", source_names, 4};

static int read_source(reader *r, const cJSON *node, rc_source *out)
{
    const cJSON *f[4];
    long v;
    int rc;
    if ((rc = get_fields(r, node, &source_spec, f)) < 0) return rc;
    if (!f[0]) return missing(r, node, "file", &source_spec, " (the file the value was read from)");
    rc_source src = {NULL, 0, 0, NULL};
    if ((rc = get_string(r, f[0], &src.file)) < 0) return rc;
    if (f[1]) {
        if ((rc = get_int(r, f[1], 0, INT_MAX, &v)) < 0) return rc;
        src.line = (unsigned)v;
    }
    if (f[2]) {
        if ((rc = get_int(r, f[2], 0, INT_MAX, &v)) < 0) return rc;
        src.col = (unsigned)v;
    }
    if (f[3] && (rc = get_string(r, f[3], &src.id)) < 0) return rc;
    *out = src;
    return RC_OK;
}

static const char *const period_names[] = {"start", "end", "instant"};

/* A period {"start", "end"}, or, where instant_ok, {"instant"}: then *start
 * is RC_NO_DATE. */
static int read_period(reader *r, const cJSON *node, bool instant_ok, rc_day *start, rc_day *end)
{
    const objspec spec =
        instant_ok ? (objspec){"a value's 'period'", "in a value's 'period'", period_names, 3}
                   : (objspec){"'period'", "in 'period'", period_names, 2};
    const cJSON *f[3];
    int rc;
    if ((rc = get_fields(r, node, &spec, f)) < 0) return rc;
    if (instant_ok && f[2]) {
        if (f[0] || f[1])
            return fail(r, f[0] ? f[0] : f[1], true,
                        "a period is either an 'instant' or a 'start' and an 'end', not both");
        *start = RC_NO_DATE;
        return get_date(r, f[2], end);
    }
    const char *hint = instant_ok ? " (a period is {\"start\", \"end\"} or {\"instant\"})"
                                  : " (a period is {\"start\": \"YYYY-MM-DD\", \"end\": "
                                    "\"YYYY-MM-DD\"})";
    if (!f[0]) return missing(r, node, "start", &spec, hint);
    if (!f[1]) return missing(r, node, "end", &spec, hint);
    if ((rc = get_date(r, f[0], start)) < 0 || (rc = get_date(r, f[1], end)) < 0) return rc;
    if (*end < *start)
        return fail(r, f[1], false, "the period ends on %s, before it starts on %s",
                    f[1]->valuestring, f[0]->valuestring);
    return RC_OK;
}

/* The roll-forward's default scale per kind of value. */
typedef struct scales {
    int count, price, money;
} scales;

static const char *const scale_names[] = {"count", "price", "money"};
static const objspec scale_spec = {"'scale'", "in 'scale'", scale_names, 3};

static int read_scales(reader *r, const cJSON *node, scales *out)
{
    const cJSON *f[3];
    int rc;
    if ((rc = get_fields(r, node, &scale_spec, f)) < 0) return rc;
    int *dst[3] = {&out->count, &out->price, &out->money};
    for (int i = 0; i < 3; i++) {
        long v;
        if (f[i]) {
            if ((rc = get_int(r, f[i], -MAX_SCALE, MAX_SCALE, &v)) < 0) return rc;
            *dst[i] = (int)v;
        }
    }
    return RC_OK;
}

/* ---- values ------------------------------------------------------------------- */

/* Where a value goes: what the slot implies for it. */
typedef struct slot {
    rc_kind kind;
    int scale;         /* the roll-forward's default for the kind */
    rc_day start, end; /* the period the slot implies */
    const char *label; /* the default label (a movement's), or NULL */
} slot;

enum {
    V_VALUE,
    V_SCALE,
    V_DECIMALS,
    V_SHOWN,
    V_CURRENCY,
    V_CONCEPT,
    V_LABEL,
    V_SOURCE,
    V_FILING,
    V_DUPLICATES,
    V_PERIOD,
    V__COUNT
};
static const char *const value_names[V__COUNT] = {"value",    "scale",      "decimals", "shown",
                                                  "currency", "concept",    "label",    "source",
                                                  "filing",   "duplicates", "period"};
static const objspec value_spec = {"a value", "in a value", value_names, V__COUNT};

/* The number of a string or number node into fact->value, per its kind. */
static int parse_number(reader *r, const cJSON *node, rc_fact *fact, int scale)
{
    char q[QUOTE_MAX + 4];
    const char *text;
    size_t len, start;
    if (cJSON_IsString(node)) {
        text = node->valuestring;
        len = strlen(text);
        /* the string's characters are where they are written when it has no
         * escapes: then an error can point inside it */
        size_t off = rc_jsondoc_offset(&r->doc, node);
        start = SIZE_MAX;
        if (off != SIZE_MAX && off + 1 + len < r->doc.len && r->doc.buf[off + 1 + len] == '"' &&
            memcmp(r->doc.buf + off + 1, text, len) == 0)
            start = off + 1;
    } else if (cJSON_IsNumber(node)) {
        if (rc_jsondoc_number_text(&r->doc, node, &text, &len) != RC_OK)
            return fail(r, node, false, "cannot find the text of this number");
        start = rc_jsondoc_offset(&r->doc, node);
    } else {
        return fail(r, node, false, "a value must be a string or a number, not %s",
                    type_name(node));
    }
    if (!(fact->text = rc_model_strndup(r->model, text, len))) return nomem(r);
    const char *msg = NULL;
    if (fact->kind == RC_KIND_TERM) {
        if (rc_term_parse(&fact->value, text, len, &msg) != RC_OK)
            return fail(r, node, false, "bad term '%s': %s", quote(q, fact->text),
                        msg ? msg : "not a duration");
        return RC_OK;
    }
    size_t pos = 0;
    int rc = rc_value_parse(&fact->value, text, len, scale, RC_PARSE_TABLE, &pos, &msg);
    if (rc == RC_ENOMEM) return nomem(r);
    if (rc < 0) {
        if (start != SIZE_MAX && pos <= len)
            return fail_at_offset(r, start + pos, "bad number '%s': %s", quote(q, fact->text), msg);
        return fail(r, node, false, "bad number '%s': %s", quote(q, fact->text), msg);
    }
    return RC_OK;
}

static int read_value(reader *r, const cJSON *node, const slot *s, bool first, rc_fact **out);

static int read_duplicates(reader *r, const cJSON *node, const slot *s, rc_fact *head)
{
    if (!cJSON_IsArray(node))
        return fail(r, node, false, "'duplicates' must be an array of values, not %s",
                    type_name(node));
    rc_fact *tail = head;
    for (const cJSON *d = node->child; d; d = d->next) {
        int rc = read_value(r, d, s, false, &tail->dup);
        if (rc < 0) return rc;
        tail = tail->dup;
    }
    return RC_OK;
}

/*
 * A value: a string, a number, or an object {"value", ...}.  first is false
 * for the values in a "duplicates" list, which cannot have their own.
 */
static int read_value(reader *r, const cJSON *node, const slot *s, bool first, rc_fact **out)
{
    const cJSON *f[V__COUNT] = {NULL};
    const cJSON *number = node;
    int rc, scale = s->scale;
    long v;
    if (cJSON_IsObject(node)) {
        if ((rc = get_fields(r, node, &value_spec, f)) < 0) return rc;
        if (!f[V_VALUE]) return missing(r, node, "value", &value_spec, " (the number as written)");
        number = f[V_VALUE];
        if (f[V_SCALE]) {
            if (s->kind == RC_KIND_TERM)
                return fail(r, f[V_SCALE], true, "a term takes no 'scale'");
            if ((rc = get_int(r, f[V_SCALE], -MAX_SCALE, MAX_SCALE, &v)) < 0) return rc;
            scale = (int)v;
        }
        if (f[V_DUPLICATES] && !first)
            return fail(r, f[V_DUPLICATES], true,
                        "a duplicate cannot have duplicates of its own: list them all in the "
                        "first value's 'duplicates'");
    } else if (!cJSON_IsString(node) && !cJSON_IsNumber(node)) {
        return fail(r, node, false,
                    "a value must be a string, a number or an object {\"value\": ...}, not %s",
                    type_name(node));
    }

    rc_fact *fact = rc_model_new_fact(r->model);
    if (!fact) return nomem(r);
    fact->kind = s->kind;
    fact->label = s->label;
    fact->start = s->start;
    fact->end = s->end;
    fact->src.file = r->file;
    rc_jsondoc_where(&r->doc, number, &fact->src.line, &fact->src.col);
    if ((rc = parse_number(r, number, fact, scale)) < 0) return rc;

    /* decimals: how far the value was rounded; shown: what its document displays, when
     * that is not what the text gives (an XBRL "1500000" shown as "1,500" in thousands) */
    int *accuracy[2] = {&fact->value.decimals, &fact->value.shown};
    for (int k = 0; k < 2; k++) {
        const cJSON *d = f[k ? V_SHOWN : V_DECIMALS];
        if (!d) continue;
        if (cJSON_IsString(d) && strcmp(d->valuestring, "INF") == 0) {
            *accuracy[k] = RC_DECIMALS_INF;
        } else if (cJSON_IsNumber(d)) {
            if ((rc = get_int(r, d, -MAX_SCALE, MAX_SCALE, &v)) < 0) return rc;
            *accuracy[k] = (int)v;
        } else {
            return fail(r, d, false, "'%s' must be a whole number or \"INF\", not %s", d->string,
                        type_name(d));
        }
    }
    if (f[V_CURRENCY] && (rc = get_currency(r, f[V_CURRENCY], &fact->currency)) < 0) return rc;
    if (f[V_CONCEPT] && (rc = get_string(r, f[V_CONCEPT], &fact->concept)) < 0) return rc;
    if (f[V_LABEL] && (rc = get_string(r, f[V_LABEL], &fact->label)) < 0) return rc;
    if (f[V_SOURCE] && (rc = read_source(r, f[V_SOURCE], &fact->src)) < 0) return rc;
    if (f[V_FILING] && (rc = get_string(r, f[V_FILING], &fact->filing)) < 0) return rc;
    if (f[V_PERIOD] && (rc = read_period(r, f[V_PERIOD], true, &fact->start, &fact->end)) < 0)
        return rc;
    *out = fact;
    if (f[V_DUPLICATES]) return read_duplicates(r, f[V_DUPLICATES], s, fact);
    return RC_OK;
}

/* ---- roll-forwards ------------------------------------------------------------ */

static const char *const row_names[] = {"count", "price", "fair_value", "aiv", "term"};
static const rc_kind row_kinds[] = {RC_KIND_COUNT, RC_KIND_PRICE, RC_KIND_PRICE, RC_KIND_MONEY,
                                    RC_KIND_TERM};

static int kind_scale(const scales *sc, rc_kind kind)
{
    switch (kind) {
    case RC_KIND_COUNT:
        return sc->count;
    case RC_KIND_PRICE:
        return sc->price;
    case RC_KIND_MONEY:
        return sc->money;
    default:
        return 0;
    }
}

static slot make_slot(rc_kind kind, const scales *sc, rc_day start, rc_day end, const char *label)
{
    return (slot){kind, kind_scale(sc, kind), start, end, label};
}

static int read_row(reader *r, const cJSON *node, rc_line line, const scales *sc,
                    rc_rollforward *rf)
{
    static const objspec specs[RC_LINE__COUNT] = {
        {"'opening'", "in the 'opening' row", row_names, 5},
        {"'closing'", "in the 'closing' row", row_names, 5},
        {"'exercisable'", "in the 'exercisable' row", row_names, 5},
        {"'vested_expected'", "in the 'vested_expected' row", row_names, 5},
    };
    const cJSON *f[5];
    int rc;
    if ((rc = get_fields(r, node, &specs[line], f)) < 0) return rc;
    /* the opening is the balance at the end of the day before the period */
    rc_day date = line == RC_LINE_OPENING ? rf->start - 1 : rf->end;
    rc_balance *b = &rf->lines[line];
    rc_fact **dst[5] = {&b->count, &b->price, &b->fair_value, &b->aiv, &b->term};
    for (int i = 0; i < 5; i++) {
        slot s = make_slot(row_kinds[i], sc, RC_NO_DATE, date, NULL);
        if (f[i] && (rc = read_value(r, f[i], &s, true, dst[i])) < 0) return rc;
    }
    return RC_OK;
}

enum { M_ROLE, M_DIRECTION, M_LABEL, M_COUNT, M_PRICE, M_FAIR_VALUE, M__COUNT };
static const char *const movement_names[M__COUNT] = {"role",  "direction", "label",
                                                     "count", "price",     "fair_value"};
static const objspec movement_spec = {"a movement", "in a movement", movement_names, M__COUNT};

static int read_movement(reader *r, const cJSON *node, const scales *sc, rc_rollforward *rf)
{
    const char *roles[RC_ROLE__COUNT];
    for (int i = 0; i < RC_ROLE__COUNT; i++)
        roles[i] = rc_role_name((rc_role)i);
    char list[512], q[QUOTE_MAX + 4];

    const cJSON *f[M__COUNT];
    int rc;
    if ((rc = get_fields(r, node, &movement_spec, f)) < 0) return rc;
    if (!f[M_ROLE])
        return fail(r, node, false, "missing field 'role' in a movement (one of: %s)",
                    join(list, sizeof list, roles, RC_ROLE__COUNT));
    if (!cJSON_IsString(f[M_ROLE]))
        return fail(r, f[M_ROLE], false, "'role' must be a string, not %s", type_name(f[M_ROLE]));
    rc_role role;
    const char *name = f[M_ROLE]->valuestring;
    if (rc_role_parse(&role, name) != RC_OK) {
        join(list, sizeof list, roles, RC_ROLE__COUNT);
        const char *guess = closest(name, roles, RC_ROLE__COUNT);
        if (guess)
            return fail(r, f[M_ROLE], false, "unknown role '%s' (did you mean '%s'?); roles: %s",
                        quote(q, name), guess, list);
        return fail(r, f[M_ROLE], false, "unknown role '%s'; roles: %s", quote(q, name), list);
    }
    int direction = 0;
    if (f[M_DIRECTION]) {
        const cJSON *d = f[M_DIRECTION];
        if (cJSON_IsString(d) && strcmp(d->valuestring, "+") == 0)
            direction = +1;
        else if (cJSON_IsString(d) && strcmp(d->valuestring, "-") == 0)
            direction = -1;
        else
            return fail(r, d, false, "'direction' must be \"+\" or \"-\"");
        int fixed = rc_role_direction(role);
        if (fixed && direction != fixed)
            return fail(r, d, false, "'direction' \"%s\" contradicts role '%s', which always %s",
                        d->valuestring, name, fixed > 0 ? "adds" : "deducts");
    }

    rc_movement *mv = rc_model_add_movement(r->model, rf);
    if (!mv) return nomem(r);
    mv->role = role;
    if (f[M_LABEL] && (rc = get_string(r, f[M_LABEL], &mv->label)) < 0) return rc;
    rc_fact **dst[3] = {&mv->count, &mv->price, &mv->fair_value};
    const rc_kind kinds[3] = {RC_KIND_COUNT, RC_KIND_PRICE, RC_KIND_PRICE};
    for (int i = 0; i < 3; i++) {
        slot s = make_slot(kinds[i], sc, rf->start, rf->end, mv->label);
        if (f[M_COUNT + i] && (rc = read_value(r, f[M_COUNT + i], &s, true, dst[i])) < 0) return rc;
    }

    /* The role decides; a signed role takes the "direction" given, else the
     * sign a rendered table shows.  Stored (XBRL) signs say nothing. */
    if (rc_role_direction(role))
        mv->direction = rc_role_direction(role);
    else if (direction)
        mv->direction = direction;
    else if (rf->signs == RC_SIGNS_DISPLAYED && mv->count)
        mv->direction = mpq_sgn(mv->count->value.q);
    else
        mv->direction = 0;
    return RC_OK;
}

static int str_node_cmp(const void *a, const void *b)
{
    return strcmp((*(const cJSON *const *)a)->valuestring, (*(const cJSON *const *)b)->valuestring);
}

static int read_members(reader *r, const cJSON *node, rc_rollforward *rf)
{
    if (!cJSON_IsArray(node))
        return fail(r, node, false, "'members' must be an array of strings, not %s",
                    type_name(node));
    size_t n = (size_t)cJSON_GetArraySize(node);
    if (n == 0) return RC_OK;
    const cJSON **items = malloc(n * sizeof *items);
    const char **names = malloc(n * sizeof *names);
    int rc = RC_OK;
    if (!items || !names) {
        rc = nomem(r);
        goto done;
    }
    size_t k = 0;
    for (const cJSON *m = node->child; m; m = m->next) {
        if (!cJSON_IsString(m)) {
            rc = fail(r, m, false, "a member must be a string, not %s", type_name(m));
            goto done;
        }
        if (!m->valuestring[0]) {
            rc = fail(r, m, false, "a member must not be empty");
            goto done;
        }
        items[k++] = m;
    }
    /* a member listed twice is a slip that would change the key */
    qsort(items, n, sizeof *items, str_node_cmp);
    for (size_t i = 1; i < n; i++) {
        if (strcmp(items[i - 1]->valuestring, items[i]->valuestring) == 0) {
            const cJSON *later =
                rc_jsondoc_offset(&r->doc, items[i - 1]) > rc_jsondoc_offset(&r->doc, items[i])
                    ? items[i - 1]
                    : items[i];
            char q[QUOTE_MAX + 4];
            rc = fail(r, later, false, "member '%s' listed twice", quote(q, later->valuestring));
            goto done;
        }
    }
    for (size_t i = 0; i < n; i++)
        names[i] = items[i]->valuestring;
    if (rc_model_set_members(r->model, rf, names, n) < 0) rc = nomem(r);
done:
    free(items);
    free(names);
    return rc;
}

/* ---- exercise-price ranges ---------------------------------------------------- */

enum {
    G_LABEL,
    G_LOW,
    G_HIGH,
    G_COUNT,
    G_PRICE,
    G_TERM,
    G_AIV,
    G_EXERCISABLE_COUNT,
    G_EXERCISABLE_PRICE,
    G_EXERCISABLE_TERM,
    G__COUNT
};
static const char *const range_names[G__COUNT] = {"label",
                                                  "low",
                                                  "high",
                                                  "count",
                                                  "price",
                                                  "term",
                                                  "aiv",
                                                  "exercisable_count",
                                                  "exercisable_price",
                                                  "exercisable_term"};
static const rc_kind range_kinds[G__COUNT] = {
    RC_KIND_PURE, RC_KIND_PRICE, RC_KIND_PRICE, RC_KIND_COUNT, RC_KIND_PRICE,
    RC_KIND_TERM, RC_KIND_MONEY, RC_KIND_COUNT, RC_KIND_PRICE, RC_KIND_TERM};
static const objspec range_spec = {"a range", "in a range", range_names, G__COUNT};

/* A row of the exercise-price-range table, as of the roll-forward's end. */
static int read_range(reader *r, const cJSON *node, const scales *sc, rc_rollforward *rf)
{
    const cJSON *f[G__COUNT];
    int rc;
    if ((rc = get_fields(r, node, &range_spec, f)) < 0) return rc;
    rc_range *range = rc_model_add_range(r->model, rf);
    if (!range) return nomem(r);
    if (f[G_LABEL] && (rc = get_string(r, f[G_LABEL], &range->label)) < 0) return rc;
    rc_fact **dst[G__COUNT] = {NULL,
                               &range->low,
                               &range->high,
                               &range->count,
                               &range->price,
                               &range->term,
                               &range->aiv,
                               &range->exercisable_count,
                               &range->exercisable_price,
                               &range->exercisable_term};
    for (int i = G_LOW; i < G__COUNT; i++) {
        slot s = make_slot(range_kinds[i], sc, RC_NO_DATE, rf->end, NULL);
        if (f[i] && (rc = read_value(r, f[i], &s, true, dst[i])) < 0) return rc;
    }
    return RC_OK;
}

enum {
    R_ENTITY,
    R_AWARD,
    R_AWARD_TYPE,
    R_MEMBERS,
    R_CURRENCY,
    R_PERIOD,
    R_SIGNS,
    R_SCALE,
    R_SOURCE,
    R_OPENING,
    R_CLOSING,
    R_EXERCISABLE,
    R_VESTED_EXPECTED,
    R_MOVEMENTS,
    R_SHARE_PRICE,
    R_CONTRACTUAL_TERM,
    R_RANGES,
    R_ISSUED_ON_EXERCISE,
    R_EXERCISE_PROCEEDS,
    R_CAVEAT,
    R_AMBIGUOUS,
    R__COUNT
};
static const char *const rf_names[R__COUNT] = {"entity",
                                               "award",
                                               "award_type",
                                               "members",
                                               "currency",
                                               "period",
                                               "signs",
                                               "scale",
                                               "source",
                                               "opening",
                                               "closing",
                                               "exercisable",
                                               "vested_expected",
                                               "movements",
                                               "share_price",
                                               "contractual_term",
                                               "ranges",
                                               "issued_on_exercise",
                                               "exercise_proceeds",
                                               "caveat",
                                               "ambiguous"};
static const objspec rf_spec = {"a roll-forward", "in a roll-forward", rf_names, R__COUNT};

static int read_rollforward(reader *r, const cJSON *node)
{
    const cJSON *f[R__COUNT];
    int rc;
    if ((rc = get_fields(r, node, &rf_spec, f)) < 0) return rc;
    if (!f[R_AWARD]) return missing(r, node, "award", &rf_spec, " (\"options\" or \"other\")");
    if (!f[R_PERIOD])
        return missing(r, node, "period", &rf_spec,
                       " ({\"start\": \"YYYY-MM-DD\", \"end\": \"YYYY-MM-DD\"})");
    rc_award award;
    char q[QUOTE_MAX + 4];
    if (!cJSON_IsString(f[R_AWARD]))
        return fail(r, f[R_AWARD], false, "'award' must be \"options\" or \"other\", not %s",
                    type_name(f[R_AWARD]));
    if (rc_award_parse(&award, f[R_AWARD]->valuestring) != RC_OK)
        return fail(r, f[R_AWARD], false, "unknown award '%s': expected \"options\" or \"other\"",
                    quote(q, f[R_AWARD]->valuestring));

    rc_rollforward *rf = rc_model_add_rollforward(r->model);
    if (!rf) return nomem(r);
    rf->file = r->file;
    rf->src.file = r->file;
    rc_jsondoc_where(&r->doc, node, &rf->src.line, &rf->src.col);
    rf->award = award;
    if ((rc = read_period(r, f[R_PERIOD], false, &rf->start, &rf->end)) < 0) return rc;
    if (f[R_ENTITY] && (rc = get_string(r, f[R_ENTITY], &rf->entity)) < 0) return rc;
    if (f[R_AWARD_TYPE] && (rc = get_string(r, f[R_AWARD_TYPE], &rf->award_type)) < 0) return rc;
    if (f[R_MEMBERS] && (rc = read_members(r, f[R_MEMBERS], rf)) < 0) return rc;
    if (f[R_CURRENCY] && (rc = get_currency(r, f[R_CURRENCY], &rf->currency)) < 0) return rc;
    rf->signs = RC_SIGNS_DISPLAYED;
    if (f[R_SIGNS]) {
        const cJSON *s = f[R_SIGNS];
        if (cJSON_IsString(s) && strcmp(s->valuestring, "stored") == 0)
            rf->signs = RC_SIGNS_STORED;
        else if (!cJSON_IsString(s) || strcmp(s->valuestring, "displayed") != 0)
            return fail(r, s, false, "'signs' must be \"displayed\" or \"stored\"");
    }
    scales sc = {0, 0, 0};
    if (f[R_SCALE] && (rc = read_scales(r, f[R_SCALE], &sc)) < 0) return rc;
    if (f[R_SOURCE] && (rc = read_source(r, f[R_SOURCE], &rf->src)) < 0) return rc;
    if (f[R_CAVEAT] && (rc = get_string(r, f[R_CAVEAT], &rf->caveat)) < 0) return rc;
    if (f[R_AMBIGUOUS]) {
        /* a table whose layout its cues leave open: its checks are skipped, with this reason */
        if ((rc = get_string(r, f[R_AMBIGUOUS], &rf->why_ambiguous)) < 0) return rc;
        rf->flags |= RC_RF_AMBIGUOUS;
    }

    for (int l = 0; l < RC_LINE__COUNT; l++)
        if (f[R_OPENING + l] && (rc = read_row(r, f[R_OPENING + l], (rc_line)l, &sc, rf)) < 0)
            return rc;
    if (f[R_MOVEMENTS]) {
        if (!cJSON_IsArray(f[R_MOVEMENTS]))
            return fail(r, f[R_MOVEMENTS], false, "'movements' must be an array, not %s",
                        type_name(f[R_MOVEMENTS]));
        for (const cJSON *m = f[R_MOVEMENTS]->child; m; m = m->next)
            if ((rc = read_movement(r, m, &sc, rf)) < 0) return rc;
    }
    if (f[R_SHARE_PRICE]) {
        slot s = make_slot(RC_KIND_PRICE, &sc, RC_NO_DATE, rf->end, NULL);
        if ((rc = read_value(r, f[R_SHARE_PRICE], &s, true, &rf->share_price)) < 0) return rc;
    }
    if (f[R_CONTRACTUAL_TERM]) {
        slot s = make_slot(RC_KIND_TERM, &sc, rf->start, rf->end, NULL);
        if ((rc = read_value(r, f[R_CONTRACTUAL_TERM], &s, true, &rf->contractual_term)) < 0)
            return rc;
    }
    if (f[R_RANGES]) {
        if (!cJSON_IsArray(f[R_RANGES]))
            return fail(r, f[R_RANGES], false, "'ranges' must be an array, not %s",
                        type_name(f[R_RANGES]));
        for (const cJSON *g = f[R_RANGES]->child; g; g = g->next)
            if ((rc = read_range(r, g, &sc, rf)) < 0) return rc;
    }
    /* the equity statement's shares and the cash flows' money of the period's exercises */
    if (f[R_ISSUED_ON_EXERCISE]) {
        slot s = make_slot(RC_KIND_COUNT, &sc, rf->start, rf->end, NULL);
        if ((rc = read_value(r, f[R_ISSUED_ON_EXERCISE], &s, true, &rf->issued_on_exercise)) < 0)
            return rc;
    }
    if (f[R_EXERCISE_PROCEEDS]) {
        slot s = make_slot(RC_KIND_MONEY, &sc, rf->start, rf->end, NULL);
        if ((rc = read_value(r, f[R_EXERCISE_PROCEEDS], &s, true, &rf->exercise_proceeds)) < 0)
            return rc;
    }
    return RC_OK;
}

/* ---- statements of the narrative ---------------------------------------------- */

enum {
    S_KIND,
    S_ROLE,
    S_LINE,
    S_AWARD,
    S_AWARD_TYPE,
    S_PERIOD,
    S_QUANTITY,
    S_VALUE,
    S_TEXT,
    S_SOURCE,
    S__COUNT
};
static const char *const statement_names[S__COUNT] = {
    "kind", "role", "line", "award", "award_type", "period", "quantity", "value", "text", "source"};
static const objspec statement_spec = {"a statement", "in a statement", statement_names, S__COUNT};

/* One of names[0..n) by its text, into *out; an error naming them otherwise. */
static int get_name(reader *r, const cJSON *node, const char *const *names, size_t n, int *out)
{
    char list[512], q[QUOTE_MAX + 4];
    join(list, sizeof list, names, n);
    if (!cJSON_IsString(node))
        return fail(r, node, false, "'%s' must be one of %s, not %s", node->string, list,
                    type_name(node));
    for (size_t i = 0; i < n; i++) {
        if (strcmp(node->valuestring, names[i]) == 0) {
            *out = (int)i;
            return RC_OK;
        }
    }
    const char *guess = closest(node->valuestring, names, n);
    if (guess)
        return fail(r, node, false, "unknown %s '%s' (did you mean '%s'?); one of: %s",
                    node->string, quote(q, node->valuestring), guess, list);
    return fail(r, node, false, "unknown %s '%s'; one of: %s", node->string,
                quote(q, node->valuestring), list);
}

/*
 * A number stated in the note's text, with what it is said to be.  rc_model_finish
 * matches it to the roll-forward it can be about, as it does for a reader's.
 */
static int read_statement(reader *r, const cJSON *node)
{
    static const char *const kinds[] = {"movement", "balance", "share_price"};
    static const char *const awards[] = {"options", "other"};
    const char *roles[RC_ROLE__COUNT], *lines[RC_LINE__COUNT];
    for (int i = 0; i < RC_ROLE__COUNT; i++)
        roles[i] = rc_role_name((rc_role)i);
    for (int i = 0; i < RC_LINE__COUNT; i++)
        lines[i] = rc_line_name((rc_line)i);
    const char *quantities[] = {rc_kind_name(RC_KIND_COUNT), rc_kind_name(RC_KIND_PRICE),
                                rc_kind_name(RC_KIND_MONEY), rc_kind_name(RC_KIND_TERM),
                                rc_kind_name(RC_KIND_PURE)};
    const cJSON *f[S__COUNT];
    int rc, v;
    if ((rc = get_fields(r, node, &statement_spec, f)) < 0) return rc;
    if (!f[S_KIND])
        return missing(r, node, "kind", &statement_spec,
                       " (\"movement\", \"balance\" or \"share_price\")");
    if ((rc = get_name(r, f[S_KIND], kinds, 3, &v)) < 0) return rc;
    rc_stmt_kind kind = (rc_stmt_kind)v;
    if (kind == RC_STMT_MOVEMENT && !f[S_ROLE])
        return missing(r, node, "role", &statement_spec, " (the movement it states)");
    if (kind == RC_STMT_BALANCE && !f[S_LINE])
        return missing(r, node, "line", &statement_spec, " (the balance row it states)");
    if (kind != RC_STMT_MOVEMENT && f[S_ROLE])
        return fail(r, f[S_ROLE], true, "'role' is for a statement of kind \"movement\"");
    if (kind != RC_STMT_BALANCE && f[S_LINE])
        return fail(r, f[S_LINE], true, "'line' is for a statement of kind \"balance\"");
    if (!f[S_VALUE]) return missing(r, node, "value", &statement_spec, " (the number stated)");

    rc_statement *st = rc_model_add_statement(r->model);
    if (!st) return nomem(r);
    st->kind = kind;
    if (f[S_ROLE]) {
        if ((rc = get_name(r, f[S_ROLE], roles, RC_ROLE__COUNT, &v)) < 0) return rc;
        st->role = (rc_role)v;
    }
    if (f[S_LINE]) {
        if ((rc = get_name(r, f[S_LINE], lines, RC_LINE__COUNT, &v)) < 0) return rc;
        st->line = (rc_line)v;
    }
    if (f[S_AWARD]) {
        if ((rc = get_name(r, f[S_AWARD], awards, 2, &v)) < 0) return rc;
        st->award = v == 0 ? RC_AWARD_OPTIONS : RC_AWARD_OTHER;
    }
    if (f[S_AWARD_TYPE] && (rc = get_string(r, f[S_AWARD_TYPE], &st->award_type)) < 0) return rc;
    if (f[S_PERIOD] && (rc = read_period(r, f[S_PERIOD], true, &st->start, &st->end)) < 0)
        return rc;
    rc_kind vkind = kind == RC_STMT_SHARE_PRICE ? RC_KIND_PRICE : RC_KIND_COUNT;
    if (f[S_QUANTITY]) {
        if ((rc = get_name(r, f[S_QUANTITY], quantities, 5, &v)) < 0) return rc;
        vkind = (rc_kind)v;
    }
    if (f[S_TEXT] && (rc = get_string(r, f[S_TEXT], &st->text)) < 0) return rc;
    /* without a source the statement is where it is written, in this file */
    st->src.file = r->file;
    rc_jsondoc_where(&r->doc, node, &st->src.line, &st->src.col);
    if (f[S_SOURCE] && (rc = read_source(r, f[S_SOURCE], &st->src)) < 0) return rc;
    slot s = {vkind, 0, st->start, st->end, NULL};
    return read_value(r, f[S_VALUE], &s, true, &st->value);
}

/* ---- the document -------------------------------------------------------------- */

enum { T_ROLLCHECK, T_VERSION, T_SOURCE, T_ROLLFORWARDS, T_STATEMENTS, T__COUNT };
static const char *const top_names[T__COUNT] = {"rollcheck", "version", "source", "rollforwards",
                                                "statements"};
static const objspec top_spec = {"a model JSON document", "at the top level", top_names, T__COUNT};

static int read_document(reader *r)
{
    const cJSON *root = r->doc.root, *f[T__COUNT];
    char q[QUOTE_MAX + 4];
    long version;
    int rc;
    if ((rc = get_fields(r, root, &top_spec, f)) < 0) return rc;
    if (!f[T_ROLLCHECK])
        return missing(r, root, "rollcheck", &top_spec,
                       " (a model JSON document starts with \"rollcheck\": \"model\")");
    if (!cJSON_IsString(f[T_ROLLCHECK]))
        return fail(r, f[T_ROLLCHECK], false, "'rollcheck' must be \"model\", not %s",
                    type_name(f[T_ROLLCHECK]));
    if (strcmp(f[T_ROLLCHECK]->valuestring, "model") != 0)
        return fail(r, f[T_ROLLCHECK], false, "'rollcheck' must be \"model\", not \"%s\"",
                    quote(q, f[T_ROLLCHECK]->valuestring));
    if (!f[T_VERSION]) return missing(r, root, "version", &top_spec, " (\"version\": 1)");
    if (!cJSON_IsNumber(f[T_VERSION]))
        return fail(r, f[T_VERSION], false, "'version' must be the number 1, not %s",
                    type_name(f[T_VERSION]));
    if ((rc = get_int(r, f[T_VERSION], 0, 999999, &version)) < 0) return rc;
    if (version != 1)
        return fail(r, f[T_VERSION], false,
                    "model JSON version %ld is not supported: this rollcheck reads version 1",
                    version);
    if (f[T_SOURCE] && !cJSON_IsString(f[T_SOURCE]))
        return fail(r, f[T_SOURCE], false, "'source' must be a string (free text), not %s",
                    type_name(f[T_SOURCE]));
    if (!f[T_ROLLFORWARDS])
        return missing(r, root, "rollforwards", &top_spec, " (an array, which may be empty)");
    if (!cJSON_IsArray(f[T_ROLLFORWARDS]))
        return fail(r, f[T_ROLLFORWARDS], false, "'rollforwards' must be an array, not %s",
                    type_name(f[T_ROLLFORWARDS]));
    for (const cJSON *rf = f[T_ROLLFORWARDS]->child; rf; rf = rf->next)
        if ((rc = read_rollforward(r, rf)) < 0) return rc;
    if (f[T_STATEMENTS]) {
        if (!cJSON_IsArray(f[T_STATEMENTS]))
            return fail(r, f[T_STATEMENTS], false, "'statements' must be an array, not %s",
                        type_name(f[T_STATEMENTS]));
        for (const cJSON *st = f[T_STATEMENTS]->child; st; st = st->next)
            if ((rc = read_statement(r, st)) < 0) return rc;
    }
    return RC_OK;
}

int rc_read_model_json(rc_model *model, const char *name, const char *buf, size_t len, rc_ctx *ctx)
{
    assert(model && name && (buf || len == 0));
    reader r = {model, ctx, {0}, rc_model_strdup(model, name)};
    if (!r.file)
        return rc_ctx_fail_at(ctx, RC_ENOMEM, name, 0, 0, "out of memory reading the model");
    int rc = rc_jsondoc_parse(&r.doc, r.file, buf ? buf : "", len, ctx);
    if (rc < 0) return rc;
    rc = read_document(&r);
    rc_jsondoc_free(&r.doc);
    return rc;
}
