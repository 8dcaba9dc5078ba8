/*
 * Reading xBRL-JSON (the XBRL standard's JSON form; FORMATS.md section 3)
 * into a list of XBRL facts (xbrl.h).
 *
 * Everything a fact says sits in its "dimensions": the concept, the entity,
 * the period, the unit and one key per taxonomy axis.  QNames are resolved
 * through documentInfo.namespaces and written with the canonical prefix of
 * their namespace, so that "usgaap:Foo" of one document and "us-gaap:Foo" of
 * another are the same concept.  Periods are date-times: an end or instant at
 * midnight is the day before ("2023-01-01T00:00:00" is the balance at the end
 * of December 31, 2022), as XBRL's date-only end dates mean the end of their
 * day.  Values stay the text they are ("48000.0"): readers compare numbers as
 * rationals, never as floats.
 *
 * The input is a machine's output, so anything off the specification is an
 * error at its line and column rather than a fact quietly dropped.  Two
 * things xBRL-JSON leaves to the taxonomy are decided from the text alone: a
 * fact is numeric when it has a unit or decimals, or when it has no language
 * and its value is a decimal with a point (an exact pure number: see
 * is_decimal_point), and an axis value is an explicit member when it is a
 * QName of a declared prefix, else a typed member's value.
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

/* decimals beyond this are no accuracy a report can state */
#define DECIMALS_MAX 1000

/* A prefix of documentInfo.namespaces and the prefix its QNames are written with. */
typedef struct nsmap {
    const char *prefix; /* borrowed from the parsed document */
    const char *ns;
    const char *canon; /* the standard prefix of ns, or prefix */
} nsmap;

typedef struct reader {
    rc_xfacts *list;
    rc_ctx *ctx;
    const char *name;
    rc_jsondoc doc;
    nsmap *ns;
    size_t nns;
    rc_xjson_lines lines;
    /* consecutive facts mostly share entity and unit: the last ones, as read and as made */
    const char *entity_in, *entity;
    const char *unit_in, *unit_num, *unit_den;
} reader;

/* ---- line counting -------------------------------------------------------------- */

void rc_xjson_lines_init(rc_xjson_lines *lc, const char *buf, size_t len)
{
    lc->buf = buf;
    lc->len = len;
    lc->off = lc->bol = 0;
    lc->line = 1;
}

void rc_xjson_lines_at(rc_xjson_lines *lc, size_t off, unsigned *line, unsigned *col)
{
    if (off > lc->len) off = lc->len;
    if (off < lc->off) rc_xjson_lines_init(lc, lc->buf, lc->len);
    const char *p = lc->buf + lc->off, *end = lc->buf + off;
    while (p < end) {
        const char *nl = memchr(p, '\n', (size_t)(end - p));
        if (!nl) break;
        lc->line++;
        lc->bol = (size_t)(nl + 1 - lc->buf);
        p = nl + 1;
    }
    lc->off = off;
    *line = lc->line;
    *col = (unsigned)(off - lc->bol + 1);
}

/* ---- messages ------------------------------------------------------------------- */

const char *rc_xjson_quote(char buf[static RC_XJSON_QUOTE_MAX + 4], const char *s)
{
    size_t n = strlen(s);
    if (n <= RC_XJSON_QUOTE_MAX) return s;
    n = RC_XJSON_QUOTE_MAX;
    while (n > 0 && ((unsigned char)s[n] & 0xc0) == 0x80)
        n--;
    memcpy(buf, s, n);
    memcpy(buf + n, "...", 4);
    return buf;
}

const char *rc_xjson_type_name(const cJSON *node)
{
    if (cJSON_IsString(node)) return "a string";
    if (cJSON_IsNumber(node)) return "a number";
    if (cJSON_IsObject(node)) return "an object";
    if (cJSON_IsArray(node)) return "an array";
    if (cJSON_IsTrue(node)) return "true";
    if (cJSON_IsFalse(node)) return "false";
    return "null";
}

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

/* JSON, but not xBRL-JSON: RC_EFORMAT. */
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
    return rc_ctx_fail_at(r->ctx, RC_ENOMEM, r->name, 0, 0, "out of memory reading xBRL-JSON");
}

/* ---- documentInfo ----------------------------------------------------------------- */

static bool skip(const char **s, const char *word)
{
    size_t n = strlen(word);
    if (strncmp(*s, word, n) != 0) return false;
    *s += n;
    return true;
}

static bool is_digits(const char *s, size_t n)
{
    for (size_t i = 0; i < n; i++)
        if (s[i] < '0' || s[i] > '9') return false;
    return true;
}

/*
 * The Recommendation's "https://xbrl.org/2021/xbrl-json", and the drafts'
 * "https://xbrl.org/CR/2021-07-07/xbrl-json" (CR, PR, PWD, WGWD, REC and a
 * date), with http and "www." allowed: the drafts' documents differ from the
 * Recommendation in nothing this reader uses.
 */
static bool known_document_type(const char *s)
{
    if (!skip(&s, "https://")) {
        if (!skip(&s, "http://")) return false;
    }
    skip(&s, "www.");
    if (!skip(&s, "xbrl.org/")) return false;
    if (strcmp(s, "2021/xbrl-json") == 0) return true;
    if (!skip(&s, "CR/") && !skip(&s, "PR/") && !skip(&s, "PWD/") && !skip(&s, "WGWD/") &&
        !skip(&s, "REC/"))
        return false;
    return strlen(s) == 20 && is_digits(s, 4) && s[4] == '-' && is_digits(s + 5, 2) &&
           s[7] == '-' && is_digits(s + 8, 2) && strcmp(s + 10, "/xbrl-json") == 0;
}

static int read_document_info(reader *r, const cJSON *root)
{
    char q[RC_XJSON_QUOTE_MAX + 4];
    const cJSON *info = cJSON_GetObjectItemCaseSensitive(root, "documentInfo");
    if (!info)
        return fail_form(r, root,
                         "an xBRL-JSON document needs 'documentInfo' with its 'documentType'");
    if (!cJSON_IsObject(info))
        return fail(r, info, false, "'documentInfo' must be an object, not %s",
                    rc_xjson_type_name(info));
    const cJSON *type = cJSON_GetObjectItemCaseSensitive(info, "documentType");
    if (!type) return fail_form(r, info, "'documentInfo' has no 'documentType'");
    if (!cJSON_IsString(type))
        return fail(r, type, false, "'documentType' must be a string, not %s",
                    rc_xjson_type_name(type));
    if (!known_document_type(type->valuestring))
        return fail_form(r, type,
                         "unknown documentType '%s': expected "
                         "\"https://xbrl.org/2021/xbrl-json\" (or a draft's, such as "
                         "\"https://xbrl.org/CR/2021-07-07/xbrl-json\")",
                         rc_xjson_quote(q, type->valuestring));

    const cJSON *nsobj = cJSON_GetObjectItemCaseSensitive(info, "namespaces");
    if (!nsobj) return RC_OK; /* then every QName fails on its undeclared prefix */
    if (!cJSON_IsObject(nsobj))
        return fail(r, nsobj, false, "'namespaces' must be an object, not %s",
                    rc_xjson_type_name(nsobj));
    size_t n = 0;
    for (const cJSON *f = nsobj->child; f; f = f->next)
        n++;
    if (!(r->ns = calloc(n ? n : 1, sizeof *r->ns))) return nomem(r);
    for (const cJSON *f = nsobj->child; f; f = f->next) {
        if (!cJSON_IsString(f))
            return fail(r, f, false, "the namespace of prefix '%s' must be a string, not %s",
                        rc_xjson_quote(q, f->string), rc_xjson_type_name(f));
        if (!f->string[0] || strchr(f->string, ':'))
            return fail(r, f, true, "bad prefix '%s' in 'namespaces'",
                        rc_xjson_quote(q, f->string));
        const char *canon = rc_xbrl_standard_prefix(f->valuestring);
        r->ns[r->nns++] = (nsmap){f->string, f->valuestring, canon ? canon : f->string};
    }
    return RC_OK;
}

static const nsmap *lookup(const reader *r, const char *prefix, size_t n)
{
    for (size_t i = 0; i < r->nns; i++)
        if (strncmp(r->ns[i].prefix, prefix, n) == 0 && r->ns[i].prefix[n] == '\0')
            return &r->ns[i];
    return NULL;
}

/* ---- QNames, entities, units ------------------------------------------------------ */

/* Where s[0..n) is "prefix:local" (no blanks, one colon), the length of prefix; else 0. */
static size_t qname_split(const char *s, size_t n)
{
    const char *colon = memchr(s, ':', n);
    if (!colon || colon == s || colon == s + n - 1) return 0;
    for (size_t i = 0; i < n; i++) {
        unsigned char c = (unsigned char)s[i];
        if (c <= ' ' || c == '/' || c == '*' || c == '(' || c == ')') return 0;
        if (c == ':' && s + i != colon) return 0;
    }
    return (size_t)(colon - s);
}

/*
 * The QName s[0..n) with the canonical prefix of its namespace, copied into the
 * list, into *out.  node is where s was read (for messages), what says what s is
 * ("concept", "axis").
 */
static int qname(reader *r, const cJSON *node, const char *s, size_t n, const char *what,
                 const char **out)
{
    char q[RC_XJSON_QUOTE_MAX + 4];
    size_t plen = qname_split(s, n);
    if (!plen) {
        char *text = rc_arena_strndup(r->list->arena, s, n);
        if (!text) return nomem(r);
        return fail(r, node, false, "bad %s '%s': expected a QName, prefix:name", what,
                    rc_xjson_quote(q, text));
    }
    const nsmap *m = lookup(r, s, plen);
    if (!m) {
        char *text = rc_arena_strndup(r->list->arena, s, n);
        if (!text) return nomem(r);
        return fail(r, node, false,
                    "undeclared prefix in %s '%s': documentInfo.namespaces does not name it", what,
                    rc_xjson_quote(q, text));
    }
    if (m->canon == m->prefix)
        *out = rc_xfacts_strndup(r->list, s, n);
    else
        *out =
            rc_arena_printf(r->list->arena, "%s:%.*s", m->canon, (int)(n - plen - 1), s + plen + 1);
    return *out ? RC_OK : nomem(r);
}

/* "cik:0000320193" -> "http://www.sec.gov/CIK 0000320193" */
static int read_entity(reader *r, const cJSON *node)
{
    char q[RC_XJSON_QUOTE_MAX + 4];
    if (!cJSON_IsString(node))
        return fail(r, node, false, "'entity' must be a string, not %s", rc_xjson_type_name(node));
    const char *s = node->valuestring;
    if (r->entity_in && strcmp(s, r->entity_in) == 0) return RC_OK;
    const char *colon = strchr(s, ':');
    if (!colon || colon == s || !colon[1])
        return fail(r, node, false,
                    "bad entity '%s': expected scheme-prefix:identifier, like "
                    "\"cik:0000320193\"",
                    rc_xjson_quote(q, s));
    const nsmap *m = lookup(r, s, (size_t)(colon - s));
    if (!m)
        return fail(r, node, false,
                    "undeclared prefix in entity '%s': documentInfo.namespaces does not name it",
                    rc_xjson_quote(q, s));
    if (!(r->entity = rc_arena_printf(r->list->arena, "%s %s", m->ns, colon + 1))) return nomem(r);
    r->entity_in = s;
    return RC_OK;
}

/* One side of a unit: "iso4217:USD", or "a*b" (in parentheses or not), measures joined by "*". */
static int read_measures(reader *r, const cJSON *node, const char *s, size_t n, const char **out)
{
    if (n >= 2 && s[0] == '(' && s[n - 1] == ')') {
        s++;
        n -= 2;
    }
    rc_buf b = RC_BUF_INIT;
    int rc = RC_OK;
    size_t i = 0;
    for (;;) {
        const char *star = memchr(s + i, '*', n - i);
        size_t end = star ? (size_t)(star - s) : n;
        const char *measure = NULL;
        if ((rc = qname(r, node, s + i, end - i, "unit measure", &measure)) < 0) goto done;
        if (b.len) rc_buf_putc(&b, '*');
        rc_buf_puts(&b, measure);
        if (!star) break;
        i = end + 1;
    }
    if (b.failed || !(*out = rc_xfacts_strndup(r->list, b.data, b.len))) rc = nomem(r);
done:
    rc_buf_free(&b);
    return rc;
}

/* "iso4217:USD", "xbrli:shares", "iso4217:USD/xbrli:shares" -> num / den. */
static int read_unit(reader *r, const cJSON *node)
{
    char q[RC_XJSON_QUOTE_MAX + 4];
    if (!cJSON_IsString(node))
        return fail(r, node, false, "'unit' must be a string, not %s", rc_xjson_type_name(node));
    const char *s = node->valuestring;
    if (r->unit_in && strcmp(s, r->unit_in) == 0) return RC_OK;
    const char *slash = strchr(s, '/');
    if (slash && strchr(slash + 1, '/'))
        return fail(r, node, false, "bad unit '%s': at most one '/'", rc_xjson_quote(q, s));
    size_t n = strlen(s), nnum = slash ? (size_t)(slash - s) : n;
    int rc;
    const char *num = NULL, *den = NULL;
    if ((rc = read_measures(r, node, s, nnum, &num)) < 0) return rc;
    if (slash && (rc = read_measures(r, node, slash + 1, n - nnum - 1, &den)) < 0) return rc;
    r->unit_in = s;
    r->unit_num = num;
    r->unit_den = den;
    return RC_OK;
}

/* ---- periods ------------------------------------------------------------------------ */

/* The time of day a date-time names. */
typedef enum daytime {
    CLOCK_NONE,     /* a date alone */
    CLOCK_MIDNIGHT, /* T00:00:00: the start of the day */
    CLOCK_DAY,      /* a time inside the day */
    CLOCK_24        /* T24:00:00: the end of the day */
} daytime;

static int two_digits(const char *s)
{
    if (s[0] < '0' || s[0] > '9' || s[1] < '0' || s[1] > '9') return -1;
    return (s[0] - '0') * 10 + (s[1] - '0');
}

/* "YYYY-MM-DD", optionally with "Thh:mm:ss", a fraction of a second and a time
 * zone ("Z", "+01:00", which a date of a period does not need and is left out). */
static bool parse_when(const char *s, size_t n, rc_day *day, daytime *when)
{
    if (n < 10 || rc_day_parse(day, s, 10) != RC_OK) return false;
    *when = CLOCK_NONE;
    if (n == 10) return true;
    if (n < 19 || s[10] != 'T' || s[13] != ':' || s[16] != ':') return false;
    int hh = two_digits(s + 11), mm = two_digits(s + 14), ss = two_digits(s + 17);
    if (hh < 0 || mm < 0 || ss < 0 || hh > 24 || mm > 59 || ss > 60) return false;
    size_t i = 19;
    bool fraction = false;
    if (i < n && s[i] == '.') {
        size_t start = ++i;
        while (i < n && s[i] >= '0' && s[i] <= '9')
            fraction |= s[i++] != '0';
        if (i == start) return false;
    }
    if (i < n && s[i] == 'Z') {
        i++;
    } else if (i < n && (s[i] == '+' || s[i] == '-')) {
        if (n - i != 6 || two_digits(s + i + 1) < 0 || s[i + 3] != ':' || two_digits(s + i + 4) < 0)
            return false;
        i = n;
    }
    if (i != n) return false;
    if (hh == 24 && (mm || ss || fraction)) return false;
    *when = hh == 24                                       ? CLOCK_24
            : (hh == 0 && mm == 0 && ss == 0 && !fraction) ? CLOCK_MIDNIGHT
                                                           : CLOCK_DAY;
    return true;
}

/*
 * "2023-01-01T00:00:00/2024-01-01T00:00:00" is the duration 2023-01-01 ..
 * 2023-12-31; "2023-01-01T00:00:00" the instant at the end of 2022-12-31.  A
 * start is the day it falls in (the next day for T24:00:00); an end or an
 * instant at midnight belongs to the day before, any later time to its own
 * day; dates without a time are days as XBRL 2.1 writes them (a start date
 * is the start of its day, an end date the end of it).
 */
static int read_period(reader *r, const cJSON *node, rc_xfact *f)
{
    char q[RC_XJSON_QUOTE_MAX + 4];
    if (!cJSON_IsString(node))
        return fail(r, node, false, "'period' must be a string, not %s", rc_xjson_type_name(node));
    const char *s = node->valuestring;
    const char *slash = strchr(s, '/');
    size_t n = strlen(s);
    rc_day start = RC_NO_DATE, end;
    daytime when;
    if (slash) {
        if (!parse_when(s, (size_t)(slash - s), &start, &when)) goto bad;
        if (when == CLOCK_24) start++;
        s = slash + 1;
        n = strlen(s);
    }
    if (!parse_when(s, n, &end, &when)) goto bad;
    if (when == CLOCK_MIDNIGHT) end--;
    if (start != RC_NO_DATE && end < start)
        return fail(r, node, false, "the period '%s' ends before it starts",
                    rc_xjson_quote(q, node->valuestring));
    f->start = start;
    f->end = end;
    return RC_OK;
bad:
    return fail(r, node, false,
                "bad period '%s': expected a date-time such as \"2024-01-01T00:00:00\", or "
                "two joined by '/'",
                rc_xjson_quote(q, node->valuestring));
}

/* ---- facts -------------------------------------------------------------------------- */

/* An xs:decimal or xs:double as written: [+-]digits[.digits][(e|E)[+-]digits]. */
static bool is_number(const char *s)
{
    size_t i = s[0] == '+' || s[0] == '-';
    size_t digits = 0;
    while (s[i] >= '0' && s[i] <= '9')
        i++, digits++;
    if (s[i] == '.') {
        i++;
        while (s[i] >= '0' && s[i] <= '9')
            i++, digits++;
    }
    if (!digits) return false;
    if (s[i] == 'e' || s[i] == 'E') {
        i++;
        i += s[i] == '+' || s[i] == '-';
        size_t start = i;
        while (s[i] >= '0' && s[i] <= '9')
            i++;
        if (i == start) return false;
    }
    return s[i] == '\0';
}

/*
 * An exact pure number has neither unit nor decimals in xBRL-JSON, like a text,
 * and only the taxonomy tells them apart.  Arelle writes numbers in XML Schema's
 * canonical decimal form, with a point ("0.0136", "2.0"), and gives strings a
 * language; texts that look like numbers are years, CIKs and postal codes,
 * written without a point.  So a value like "0.0136" of a fact with no language
 * is a pure number.
 */
static bool is_decimal_point(const char *s)
{
    size_t i = s[0] == '-';
    size_t start = i;
    while (s[i] >= '0' && s[i] <= '9')
        i++;
    if (i == start || s[i] != '.') return false;
    start = ++i;
    while (s[i] >= '0' && s[i] <= '9')
        i++;
    return i > start && s[i] == '\0';
}

static int read_decimals(reader *r, const cJSON *node, int *out)
{
    const char *text;
    size_t len;
    if (rc_jsondoc_number_text(&r->doc, node, &text, &len) != RC_OK)
        return fail(r, node, false,
                    "'decimals' must be a whole number, not %s (leave it out "
                    "for an exact value)",
                    rc_xjson_type_name(node));
    size_t i = len > 0 && text[0] == '-';
    if (len == i || !is_digits(text + i, len - i))
        return fail(r, node, false, "'decimals' must be a whole number, not %.*s", (int)len, text);
    long v = 0;
    for (size_t k = i; k < len && v <= DECIMALS_MAX; k++)
        v = v * 10 + (text[k] - '0');
    if (v > DECIMALS_MAX)
        return fail(r, node, false, "'decimals' %.*s is out of range (-%d to %d)", (int)len, text,
                    DECIMALS_MAX, DECIMALS_MAX);
    *out = (int)(i ? -v : v);
    return RC_OK;
}

/* Footnotes are facts of the OIM's own concept xbrl:note, with no entity or period. */
static bool is_oim_concept(const reader *r, const char *concept)
{
    size_t plen = qname_split(concept, strlen(concept));
    if (!plen) return false;
    const nsmap *m = lookup(r, concept, plen);
    if (!m) return plen == 4 && memcmp(concept, "xbrl", 4) == 0;
    return strncmp(m->ns, "https://xbrl.org/", 17) == 0 ||
           strncmp(m->ns, "http://xbrl.org/", 16) == 0;
}

static bool is_core(const char *key)
{
    return strcmp(key, "concept") == 0 || strcmp(key, "entity") == 0 ||
           strcmp(key, "period") == 0 || strcmp(key, "unit") == 0 || strcmp(key, "language") == 0 ||
           strcmp(key, "noteId") == 0;
}

/* An axis and its member: a QName of a declared prefix is an explicit member, any
 * other string a typed member's value (without the blanks around it), null a
 * typed member that is nil. */
static int read_dim(reader *r, const cJSON *node, rc_xdim *d)
{
    int rc;
    if ((rc = qname(r, node, node->string, strlen(node->string), "axis", &d->axis)) < 0) return rc;
    if (cJSON_IsNull(node)) {
        d->member = "";
        d->typed = true;
        return RC_OK;
    }
    if (!cJSON_IsString(node))
        return fail(r, node, false, "the member of axis '%s' must be a string, not %s", d->axis,
                    rc_xjson_type_name(node));
    const char *s = node->valuestring;
    size_t n = strlen(s), plen = qname_split(s, n);
    if (plen && lookup(r, s, plen)) return qname(r, node, s, n, "member", &d->member);
    /* a typed member is a value of a schema type, and its blanks around it are
     * none of it (Arelle copies a typed member's text with the instance's
     * indentation) */
    while (n > 0 && strchr(" \t\r\n", s[0])) {
        s++;
        n--;
    }
    while (n > 0 && strchr(" \t\r\n", s[n - 1]))
        n--;
    d->typed = true;
    d->member = rc_xfacts_strndup(r->list, s, n);
    return d->member ? RC_OK : nomem(r);
}

static int read_fact(reader *r, const cJSON *node)
{
    char q[RC_XJSON_QUOTE_MAX + 4];
    const char *id = node->string;
    if (!cJSON_IsObject(node))
        return fail(r, node, false, "fact '%s' must be an object, not %s", rc_xjson_quote(q, id),
                    rc_xjson_type_name(node));
    const cJSON *value = NULL, *decimals = NULL, *dims = NULL;
    for (const cJSON *p = node->child; p; p = p->next) {
        if (strcmp(p->string, "value") == 0)
            value = p;
        else if (strcmp(p->string, "decimals") == 0)
            decimals = p;
        else if (strcmp(p->string, "dimensions") == 0)
            dims = p;
        /* "links" (footnotes) and extension properties say nothing a roll-forward uses */
    }
    if (!dims) return fail(r, node, true, "fact '%s' has no 'dimensions'", rc_xjson_quote(q, id));
    if (!cJSON_IsObject(dims))
        return fail(r, dims, false, "'dimensions' must be an object, not %s",
                    rc_xjson_type_name(dims));
    const cJSON *concept = NULL, *entity = NULL, *period = NULL, *unit = NULL;
    bool language = false;
    size_t naxes = 0;
    for (const cJSON *p = dims->child; p; p = p->next) {
        const char *key = p->string;
        if (strcmp(key, "concept") == 0) {
            concept = p;
        } else if (strcmp(key, "entity") == 0) {
            entity = p;
        } else if (strcmp(key, "period") == 0) {
            period = p;
        } else if (strcmp(key, "unit") == 0) {
            unit = p;
        } else if (strcmp(key, "language") == 0) {
            language = true;
        } else if (!is_core(key)) {
            naxes++;
        }
    }
    if (!concept)
        return fail(r, dims, false, "fact '%s' has no 'concept' dimension", rc_xjson_quote(q, id));
    if (!cJSON_IsString(concept))
        return fail(r, concept, false, "'concept' must be a string, not %s",
                    rc_xjson_type_name(concept));
    if (is_oim_concept(r, concept->valuestring)) return RC_OK;
    if (!entity)
        return fail(r, dims, false, "fact '%s' has no 'entity' dimension", rc_xjson_quote(q, id));
    if (!value) return fail(r, node, true, "fact '%s' has no 'value'", rc_xjson_quote(q, id));
    if (!cJSON_IsString(value) && !cJSON_IsNull(value))
        return fail(r, value, false, "'value' must be a string or null, not %s",
                    rc_xjson_type_name(value));

    rc_xfact *f = rc_xfacts_add(r->list);
    if (!f) return nomem(r);
    int rc;
    if ((rc = qname(r, concept, concept->valuestring, strlen(concept->valuestring), "concept",
                    &f->concept)) < 0)
        return rc;
    if ((rc = read_entity(r, entity)) < 0) return rc;
    f->entity = r->entity;
    if (period && (rc = read_period(r, period, f)) < 0) return rc;
    if (unit) {
        if ((rc = read_unit(r, unit)) < 0) return rc;
        f->unit_num = r->unit_num;
        f->unit_den = r->unit_den;
    }
    if (decimals && (rc = read_decimals(r, decimals, &f->decimals)) < 0) return rc;
    f->numeric = unit || decimals ||
                 (!language && cJSON_IsString(value) && is_decimal_point(value->valuestring));
    /* OIM leaves the unit xbrli:pure out; an absent decimals is an exact value, but a
     * nil has no value and no decimals */
    if (f->numeric && !unit) f->unit_num = "xbrli:pure";
    if (f->numeric && !decimals && !cJSON_IsNull(value)) f->decimals = RC_DECIMALS_INF;
    if (cJSON_IsNull(value)) {
        f->nil = true;
        f->value = "";
    } else {
        if (f->numeric && !is_number(value->valuestring))
            return fail(r, value, false, "the value '%s' of numeric fact '%s' is not a number",
                        rc_xjson_quote(q, value->valuestring), id);
        if (!(f->value = rc_xfacts_strdup(r->list, value->valuestring))) return nomem(r);
    }
    if (!(f->id = rc_xfacts_strdup(r->list, id))) return nomem(r);
    size_t off = rc_jsondoc_offset(&r->doc, node);
    if (off != SIZE_MAX) rc_xjson_lines_at(&r->lines, off, &f->src.line, &f->src.col);
    f->src.id = f->id;

    if (naxes) {
        f->dims = rc_arena_alloc(r->list->arena, naxes * sizeof *f->dims);
        if (!f->dims) return nomem(r);
        for (const cJSON *p = dims->child; p; p = p->next) {
            if (is_core(p->string)) continue;
            if ((rc = read_dim(r, p, &f->dims[f->ndims])) < 0) return rc;
            f->ndims++;
        }
        rc_xfact_sort_dims(f);
    }
    return RC_OK;
}

int rc_xbrl_read_json(rc_xfacts *list, const char *name, const char *buf, size_t len, rc_ctx *ctx)
{
    assert(list && list->arena && name && (buf || len == 0));
    reader r = {.list = list, .ctx = ctx, .name = name};
    int rc = rc_jsondoc_parse(&r.doc, name, buf, len, ctx);
    if (rc < 0) return rc;
    rc_xjson_lines_init(&r.lines, buf, len);
    const cJSON *root = r.doc.root;
    if (!cJSON_IsObject(root)) {
        rc = fail_form(&r, root, "an xBRL-JSON document must be an object, not %s",
                       rc_xjson_type_name(root));
        goto cleanup;
    }
    if ((rc = read_document_info(&r, root)) < 0) goto cleanup;
    const cJSON *facts = cJSON_GetObjectItemCaseSensitive(root, "facts");
    if (!facts) {
        rc = fail_form(&r, root, "an xBRL-JSON document needs 'facts'");
        goto cleanup;
    }
    if (!cJSON_IsObject(facts)) {
        rc = fail(&r, facts, false, "'facts' must be an object, not %s", rc_xjson_type_name(facts));
        goto cleanup;
    }
    for (const cJSON *f = facts->child; f; f = f->next)
        if ((rc = read_fact(&r, f)) < 0) goto cleanup;
    rc = RC_OK;
cleanup:
    free(r.ns);
    rc_jsondoc_free(&r.doc);
    return rc;
}
