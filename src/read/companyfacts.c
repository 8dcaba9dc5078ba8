/*
 * Reading SEC companyfacts JSON (data.sec.gov/api/xbrl/companyfacts/
 * CIK##########.json; FORMATS.md section 4) into a list of XBRL facts.
 *
 * The file holds every value each filing of a company reported, grouped by
 * taxonomy, concept and unit: {"cik", "entityName", "facts": {"us-gaap":
 * {Concept: {"label", "description", "units": {"USD/shares": [entries]}}}}}.
 * Each entry becomes one fact: concept "us-gaap:Concept", the company's CIK
 * as entity, an instant when it has no "start", the unit from the units key,
 * the value exactly as written ("val": no float), and the accession number
 * and form of the filing that reported it.  companyfacts states no accuracy
 * (decimals unset), no dimensions and no extension concepts.  fy, fp, filed
 * and frame describe the filing or the SEC's calendar, not the fact: unused.
 *
 * The files are a few MB per company; everything here is one pass over the
 * parsed tree, and line numbers are counted on, never from the start.
 */
#include <assert.h>
#include <stdarg.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "read/xbrl.h"
#include "read/xbrljson.h"
#include "common/jsondoc.h"
#include "common/util.h"

typedef struct reader {
    rc_xfacts *list;
    rc_ctx *ctx;
    const char *name;
    rc_jsondoc doc;
    rc_xjson_lines lines;
    const char *entity; /* "http://www.sec.gov/CIK 0000320193" */
} reader;

/* Malformed input: RC_ESYNTAX at node (its key when at_key). */
static int fail(reader *r, const cJSON *node, bool at_key, const char *fmt, ...)
    __attribute__((format(printf, 4, 5)));

static int fail(reader *r, const cJSON *node, bool at_key, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    int rc = rc_jsondoc_vfail(&r->doc, r->ctx, RC_ESYNTAX, node, at_key, fmt, ap);
    va_end(ap);
    return rc;
}

/* JSON, but not companyfacts: RC_EFORMAT. */
static int fail_form(reader *r, const cJSON *node, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));

static int fail_form(reader *r, const cJSON *node, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    int rc = rc_jsondoc_vfail(&r->doc, r->ctx, RC_EFORMAT, node, false, fmt, ap);
    va_end(ap);
    return rc;
}

static int nomem(reader *r)
{
    return rc_ctx_fail_at(r->ctx, RC_ENOMEM, r->name, 0, 0,
                          "out of memory reading companyfacts JSON");
}

/* "cik": 320193 (or "0000320193") -> "http://www.sec.gov/CIK 0000320193". */
static int read_cik(reader *r, const cJSON *node)
{
    const char *text = NULL;
    size_t len = 0;
    if (cJSON_IsString(node)) {
        text = node->valuestring;
        len = strlen(text);
    } else if (rc_jsondoc_number_text(&r->doc, node, &text, &len) != RC_OK) {
        return fail(r, node, false, "'cik' must be a number, not %s", rc_xjson_type_name(node));
    }
    size_t digits = strspn(text, "0123456789");
    if (len == 0 || digits < len || len > 10)
        return fail(r, node, false, "'cik' must be a whole number of at most 10 digits, not %.*s",
                    (int)(len > 40 ? 40 : len), text);
    r->entity = rc_arena_printf(r->list->arena, "http://www.sec.gov/CIK %.*s%.*s", (int)(10 - len),
                                "0000000000", (int)len, text);
    return r->entity ? RC_OK : nomem(r);
}

/* One side of a units key: "shares" and "pure" are XBRL's, three capitals a
 * currency; anything else ("Year", "segment") is a company's unit, kept as named. */
static const char *measure(reader *r, const char *s, size_t n)
{
    if (n == 6 && memcmp(s, "shares", 6) == 0) return "xbrli:shares";
    if (n == 4 && memcmp(s, "pure", 4) == 0) return "xbrli:pure";
    if (n == 3 && strspn(s, "ABCDEFGHIJKLMNOPQRSTUVWXYZ") >= 3)
        return rc_arena_printf(r->list->arena, "iso4217:%.3s", s);
    return rc_xfacts_strndup(r->list, s, n);
}

/* "USD/shares" -> iso4217:USD / xbrli:shares. */
static int read_unit_key(reader *r, const cJSON *node, const char **num, const char **den)
{
    char q[RC_XJSON_QUOTE_MAX + 4];
    const char *s = node->string;
    const char *slash = strchr(s, '/');
    size_t n = strlen(s), nnum = slash ? (size_t)(slash - s) : n;
    if (nnum == 0 || (slash && (!slash[1] || strchr(slash + 1, '/'))))
        return fail(r, node, true,
                    "bad unit '%s': expected a unit such as \"USD\" or \"USD/shares\"",
                    rc_xjson_quote(q, s));
    *den = NULL;
    if (!(*num = measure(r, s, nnum))) return nomem(r);
    if (slash && !(*den = measure(r, slash + 1, n - nnum - 1))) return nomem(r);
    return RC_OK;
}

static int get_date(reader *r, const cJSON *node, rc_day *out)
{
    char q[RC_XJSON_QUOTE_MAX + 4];
    if (!cJSON_IsString(node))
        return fail(r, node, false, "'%s' must be a date string \"YYYY-MM-DD\", not %s",
                    node->string, rc_xjson_type_name(node));
    const char *s = node->valuestring;
    if (rc_day_parse(out, s, strlen(s)) != RC_OK)
        return fail(r, node, false, "bad date '%s' in '%s': expected YYYY-MM-DD",
                    rc_xjson_quote(q, s), node->string);
    return RC_OK;
}

/* A string field, copied; NULL for null. */
static int get_string(reader *r, const cJSON *node, const char **out)
{
    if (cJSON_IsNull(node)) {
        *out = NULL;
        return RC_OK;
    }
    if (!cJSON_IsString(node))
        return fail(r, node, false, "'%s' must be a string, not %s", node->string,
                    rc_xjson_type_name(node));
    *out = rc_xfacts_strdup(r->list, node->valuestring);
    return *out ? RC_OK : nomem(r);
}

/* {"start"?, "end", "val", "accn", "fy", "fp", "form", "filed", "frame"?} */
static int read_entry(reader *r, const cJSON *node, const char *concept, const char *num,
                      const char *den)
{
    if (!cJSON_IsObject(node))
        return fail(r, node, false, "a value of '%s' must be an object, not %s", concept,
                    rc_xjson_type_name(node));
    const cJSON *start = NULL, *end = NULL, *val = NULL, *accn = NULL, *form = NULL;
    for (const cJSON *p = node->child; p; p = p->next) {
        if (strcmp(p->string, "start") == 0)
            start = p;
        else if (strcmp(p->string, "end") == 0)
            end = p;
        else if (strcmp(p->string, "val") == 0)
            val = p;
        else if (strcmp(p->string, "accn") == 0)
            accn = p;
        else if (strcmp(p->string, "form") == 0)
            form = p;
    }
    if (!end) return fail(r, node, false, "a value of '%s' has no 'end' date", concept);
    if (!val) return fail(r, node, false, "a value of '%s' has no 'val'", concept);
    if (!accn)
        return fail(r, node, false, "a value of '%s' has no 'accn' (the filing's accession number)",
                    concept);
    const char *vtext;
    size_t vlen;
    if (rc_jsondoc_number_text(&r->doc, val, &vtext, &vlen) != RC_OK)
        return fail(r, val, false, "'val' must be a number, not %s", rc_xjson_type_name(val));

    rc_xfact *f = rc_xfacts_add(r->list);
    if (!f) return nomem(r);
    int rc;
    if ((rc = get_date(r, end, &f->end)) < 0) return rc;
    if (start) {
        if ((rc = get_date(r, start, &f->start)) < 0) return rc;
        if (f->end < f->start)
            return fail(r, end, false, "the period ends on %s, before it starts on %s",
                        end->valuestring, start->valuestring);
    }
    if ((rc = get_string(r, accn, &f->filing)) < 0) return rc;
    if (!f->filing) return fail(r, accn, false, "'accn' must be a string, not null");
    if (form && (rc = get_string(r, form, &f->form)) < 0) return rc;
    f->concept = concept;
    f->entity = r->entity;
    f->unit_num = num;
    f->unit_den = den;
    f->numeric = true;
    if (!(f->value = rc_xfacts_strndup(r->list, vtext, vlen))) return nomem(r);
    size_t off = rc_jsondoc_offset(&r->doc, node);
    if (off != SIZE_MAX) rc_xjson_lines_at(&r->lines, off, &f->src.line, &f->src.col);
    return RC_OK;
}

/* Concept: {"label", "description", "units": {unit: [entries]}} */
static int read_concept(reader *r, const char *taxonomy, const cJSON *node)
{
    char q[RC_XJSON_QUOTE_MAX + 4];
    if (!cJSON_IsObject(node))
        return fail(r, node, false, "concept '%s' must be an object, not %s",
                    rc_xjson_quote(q, node->string), rc_xjson_type_name(node));
    const cJSON *units = cJSON_GetObjectItemCaseSensitive(node, "units");
    if (!units)
        return fail(r, node, true, "concept '%s' has no 'units'", rc_xjson_quote(q, node->string));
    if (!cJSON_IsObject(units))
        return fail(r, units, false, "'units' must be an object, not %s",
                    rc_xjson_type_name(units));
    const char *concept = rc_arena_printf(r->list->arena, "%s:%s", taxonomy, node->string);
    if (!concept) return nomem(r);
    for (const cJSON *u = units->child; u; u = u->next) {
        const char *num = NULL, *den = NULL;
        int rc;
        if ((rc = read_unit_key(r, u, &num, &den)) < 0) return rc;
        if (!cJSON_IsArray(u))
            return fail(r, u, false, "the values of '%s' in '%s' must be an array, not %s", concept,
                        u->string, rc_xjson_type_name(u));
        for (const cJSON *e = u->child; e; e = e->next)
            if ((rc = read_entry(r, e, concept, num, den)) < 0) return rc;
    }
    return RC_OK;
}

int rc_xbrl_read_companyfacts(rc_xfacts *list, const char *name, const char *buf, size_t len,
                              rc_ctx *ctx)
{
    assert(list && list->arena && name && (buf || len == 0));
    char q[RC_XJSON_QUOTE_MAX + 4];
    reader r = {.list = list, .ctx = ctx, .name = name};
    int rc = rc_jsondoc_parse(&r.doc, name, buf, len, ctx);
    if (rc < 0) return rc;
    rc_xjson_lines_init(&r.lines, buf, len);
    const cJSON *root = r.doc.root;
    if (!cJSON_IsObject(root)) {
        rc = fail_form(&r, root, "companyfacts JSON must be an object, not %s",
                       rc_xjson_type_name(root));
        goto cleanup;
    }
    const cJSON *cik = cJSON_GetObjectItemCaseSensitive(root, "cik");
    const cJSON *facts = cJSON_GetObjectItemCaseSensitive(root, "facts");
    if (!cik) {
        rc = fail_form(&r, root, "companyfacts JSON needs 'cik', the company's CIK");
        goto cleanup;
    }
    if (!facts) {
        rc = fail_form(&r, root, "companyfacts JSON needs 'facts' (by taxonomy and concept)");
        goto cleanup;
    }
    if ((rc = read_cik(&r, cik)) < 0) goto cleanup;
    if (!cJSON_IsObject(facts)) {
        rc = fail(&r, facts, false, "'facts' must be an object, not %s", rc_xjson_type_name(facts));
        goto cleanup;
    }
    for (const cJSON *tax = facts->child; tax; tax = tax->next) {
        if (!cJSON_IsObject(tax)) {
            rc = fail(&r, tax, false, "taxonomy '%s' must be an object, not %s",
                      rc_xjson_quote(q, tax->string), rc_xjson_type_name(tax));
            goto cleanup;
        }
        if (!tax->string[0] || strchr(tax->string, ':')) {
            rc = fail(&r, tax, true, "bad taxonomy name '%s'", rc_xjson_quote(q, tax->string));
            goto cleanup;
        }
        for (const cJSON *c = tax->child; c; c = c->next)
            if ((rc = read_concept(&r, tax->string, c)) < 0) goto cleanup;
    }
    rc = RC_OK;
cleanup:
    rc_jsondoc_free(&r.doc);
    return rc;
}
