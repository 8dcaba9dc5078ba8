/*
 * XBRL 2.1 instances (xbrl.h: rc_xbrl_read_instance), and the contexts,
 * units and QNames that inline XBRL documents share with them (xbrlinst.h).
 *
 * An instance is read with libxml2's streaming reader, so that a large one
 * costs no more than its biggest context or fact: each context, unit and fact
 * element is expanded on its own, read, and let go.  Nothing outside the
 * input is ever read: no network, no DTD, entities never expanded (an entity
 * reference stops the file with a message), no XML_PARSE_HUGE (libxml2's
 * limits on depth and text stay on).
 *
 * Facts may come before the contexts and units they use; every fact waits
 * for them until the end.  A fact that cannot be read (a number that is not
 * one, a context that is not there) is left out with a note in the list,
 * never silently; only a document that is not well-formed XML, or not an
 * XBRL instance, fails as a whole.
 */
#include <assert.h>
#include <limits.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <libxml/xmlreader.h>

#include "read/xbrlinst.h"

struct rc_xbrl__context {
    const char *id;
    const char *entity;
    rc_day start, end;
    rc_xdim *dims;
    size_t ndims;
    const char *broken; /* why it cannot be used, or NULL */
    unsigned line;
};

struct rc_xbrl__unit {
    const char *id;
    const char *num, *den;
    const char *broken;
    unsigned line;
};

struct rc_xbrl__pending {
    const char *context_ref;
    const char *unit_ref;
};

struct rc_xbrl__prefix {
    const char *ns;
    const char *prefix;
};

/* ---- small helpers ------------------------------------------------------------ */

static bool is_blank(char c)
{
    return c == ' ' || c == '\t' || c == '\n' || c == '\r';
}

const char *rc_xbrl__trim(const char *s, size_t *n)
{
    size_t k = *n;
    while (k && is_blank(*s))
        s++, k--;
    while (k && is_blank(s[k - 1]))
        k--;
    *n = k;
    return s;
}

static bool named(const xmlNode *n, const char *ns, const char *local)
{
    return n && n->type == XML_ELEMENT_NODE && n->ns && n->ns->href &&
           strcmp((const char *)n->ns->href, ns) == 0 && strcmp((const char *)n->name, local) == 0;
}

unsigned rc_xbrl__line(const xmlNode *n, unsigned line0)
{
    long line = n ? xmlGetLineNo(n) : 0;
    return line > 0 && line < (long)(UINT_MAX - line0) ? line0 + (unsigned)line : 0;
}

/* An attribute without namespace, as a string in the arena (NULL when absent). */
static const char *attr(rc_xbrl__doc *d, xmlNode *el, const char *name, bool *nomem)
{
    xmlChar *v = xmlGetNoNsProp(el, (const xmlChar *)name);
    if (!v) return NULL;
    const char *s = rc_xfacts_strdup(d->list, (const char *)v);
    xmlFree(v);
    if (!s) *nomem = true;
    return s;
}

static void *grow(void *items, size_t *cap, size_t n, size_t size)
{
    if (n < *cap) return items;
    size_t c = *cap ? *cap * 2 : 64;
    void *p = realloc(items, c * size);
    if (p) *cap = c;
    return p;
}

bool rc_xbrl__parse_decimals(const char *text, int *out)
{
    size_t n = strlen(text);
    const char *s = rc_xbrl__trim(text, &n);
    if (n == 3 && memcmp(s, "INF", 3) == 0) {
        *out = RC_DECIMALS_INF;
        return true;
    }
    size_t i = 0;
    bool neg = false;
    if (i < n && (s[i] == '-' || s[i] == '+')) neg = s[i++] == '-';
    if (i == n) return false;
    long v = 0;
    for (; i < n; i++) {
        if (s[i] < '0' || s[i] > '9') return false;
        v = v * 10 + (s[i] - '0');
        if (v > 10000) return false; /* no document means 10^10000 */
    }
    *out = (int)(neg ? -v : v);
    return true;
}

bool rc_xbrl__is_number(const char *s, size_t n)
{
    size_t i = 0, digits = 0;
    if (i < n && (s[i] == '-' || s[i] == '+')) i++;
    for (; i < n && s[i] >= '0' && s[i] <= '9'; i++)
        digits++;
    if (i < n && s[i] == '.')
        for (i++; i < n && s[i] >= '0' && s[i] <= '9'; i++)
            digits++;
    if (digits == 0) return false;
    if (i < n && (s[i] == 'e' || s[i] == 'E')) {
        i++;
        if (i < n && (s[i] == '-' || s[i] == '+')) i++;
        size_t exp = 0;
        for (; i < n && s[i] >= '0' && s[i] <= '9'; i++)
            exp++;
        if (exp == 0) return false;
    }
    return i == n;
}

/* ---- the document --------------------------------------------------------------- */

void rc_xbrl__doc_init(rc_xbrl__doc *d, rc_xfacts *list, const char *name, rc_ctx *ctx)
{
    memset(d, 0, sizeof *d);
    d->list = list;
    d->name = name;
    d->ctx = ctx;
    d->base = list->n;
}

void rc_xbrl__doc_clear(rc_xbrl__doc *d)
{
    free(d->contexts);
    free(d->units);
    free(d->pending);
    free(d->prefixes);
    free(d->interned);
    d->interned = NULL;
    d->contexts = NULL;
    d->units = NULL;
    d->pending = NULL;
    d->prefixes = NULL;
}

/* ---- shared strings ---------------------------------------------------------------- */

static size_t hash_of(const char *s, size_t n)
{
    size_t h = 2166136261u; /* FNV-1a */
    for (size_t i = 0; i < n; i++)
        h = (h ^ (unsigned char)s[i]) * 16777619u;
    return h;
}

const char *rc_xbrl__intern(rc_xbrl__doc *d, const char *s, size_t n)
{
    if (2 * (d->ninterned + 1) > d->capinterned) {
        size_t cap = d->capinterned ? d->capinterned * 2 : 1024;
        const char **table = calloc(cap, sizeof *table);
        if (!table) return NULL;
        for (size_t i = 0; i < d->capinterned; i++) {
            const char *old = d->interned[i];
            if (!old) continue;
            size_t h = hash_of(old, strlen(old)) & (cap - 1);
            while (table[h])
                h = (h + 1) & (cap - 1);
            table[h] = old;
        }
        free(d->interned);
        d->interned = table;
        d->capinterned = cap;
    }
    size_t mask = d->capinterned - 1, h = hash_of(s, n) & mask;
    for (; d->interned[h]; h = (h + 1) & mask) {
        const char *t = d->interned[h];
        if (strncmp(t, s, n) == 0 && t[n] == '\0') return t;
    }
    const char *copy = rc_xfacts_strndup(d->list, s, n);
    if (!copy) return NULL;
    d->interned[h] = copy;
    d->ninterned++;
    return copy;
}

/* ---- QNames ----------------------------------------------------------------------- */

/* The prefix this document's QNames in namespace ns are written with. */
static const char *prefix_for(rc_xbrl__doc *d, const char *ns, const char *written)
{
    const char *standard = rc_xbrl_standard_prefix(ns);
    if (standard) return standard;
    for (size_t i = 0; i < d->nprefixes; i++)
        if (strcmp(d->prefixes[i].ns, ns) == 0) return d->prefixes[i].prefix;
    const char *prefix = written && *written ? written : NULL;
    xmlNode *root = d->xml ? xmlDocGetRootElement(d->xml) : NULL;
    for (xmlNs *decl = root ? root->nsDef : NULL; !prefix && decl; decl = decl->next)
        if (decl->prefix && decl->href && strcmp((const char *)decl->href, ns) == 0)
            prefix = (const char *)decl->prefix;
    char made[32];
    if (!prefix) {
        size_t k = 1;
        for (size_t i = 0; i < d->nprefixes; i++)
            if (strncmp(d->prefixes[i].prefix, "ext", 3) == 0) k++;
        if (k == 1)
            strcpy(made, "ext");
        else
            snprintf(made, sizeof made, "ext%zu", k);
        prefix = made;
    }
    rc_xbrl__prefix *p = grow(d->prefixes, &d->capprefixes, d->nprefixes, sizeof *p);
    if (!p) return NULL;
    d->prefixes = p;
    const char *ns_copy = rc_xfacts_strdup(d->list, ns);
    const char *prefix_copy = rc_xfacts_strdup(d->list, prefix);
    if (!ns_copy || !prefix_copy) return NULL;
    d->prefixes[d->nprefixes].ns = ns_copy;
    d->prefixes[d->nprefixes].prefix = prefix_copy;
    d->nprefixes++;
    return prefix_copy;
}

static const char *qname(rc_xbrl__doc *d, const char *ns, const char *written_prefix,
                         const char *local, size_t nlocal)
{
    const char *prefix = prefix_for(d, ns, written_prefix);
    if (!prefix) return NULL;
    size_t np = strlen(prefix);
    char small[512];
    char *q = np + 1 + nlocal < sizeof small ? small : malloc(np + 1 + nlocal + 1);
    if (!q) return NULL;
    memcpy(q, prefix, np);
    q[np] = ':';
    memcpy(q + np + 1, local, nlocal);
    const char *interned = rc_xbrl__intern(d, q, np + 1 + nlocal);
    if (q != small) free(q);
    return interned;
}

const char *rc_xbrl__element_qname(rc_xbrl__doc *d, xmlNode *el)
{
    if (!el->ns || !el->ns->href) return NULL;
    return qname(d, (const char *)el->ns->href, (const char *)el->ns->prefix,
                 (const char *)el->name, strlen((const char *)el->name));
}

int rc_xbrl__text_qname(rc_xbrl__doc *d, xmlNode *el, const char *text, const char **out)
{
    *out = NULL;
    size_t n = strlen(text);
    const char *s = rc_xbrl__trim(text, &n);
    const char *colon = memchr(s, ':', n);
    char prefix[128];
    size_t np = colon ? (size_t)(colon - s) : 0;
    if (np >= sizeof prefix || n == 0 || (colon && np + 1 == n)) return RC_ESYNTAX;
    memcpy(prefix, s, np);
    prefix[np] = '\0';
    xmlNs *ns = xmlSearchNs(d->xml, el, colon ? (const xmlChar *)prefix : NULL);
    const char *local = colon ? colon + 1 : s;
    size_t nlocal = n - (size_t)(local - s);
    if (!ns || !ns->href) {
        if (colon) return RC_ESYNTAX;
        /* no default namespace: a name in no namespace */
        *out = rc_xfacts_strndup(d->list, local, nlocal);
        return *out ? RC_OK : RC_ENOMEM;
    }
    *out = qname(d, (const char *)ns->href, colon ? prefix : NULL, local, nlocal);
    return *out ? RC_OK : RC_ENOMEM;
}

/* ---- text ------------------------------------------------------------------------- */

int rc_xbrl__text(rc_xbrl__doc *d, xmlNode *el, const char *skip_ns, const char *skip,
                  unsigned line0, rc_buf *out)
{
    rc_buf_append(out, "", 0);
    /* iterative: a document may nest elements as deep as libxml2 lets it */
    xmlNode *n = el->children;
    while (n && n != el) {
        bool descend = false;
        if (n->type == XML_TEXT_NODE || n->type == XML_CDATA_SECTION_NODE) {
            if (n->content) rc_buf_puts(out, (const char *)n->content);
        } else if (n->type == XML_ENTITY_REF_NODE) {
            return rc_ctx_fail_at(d->ctx, RC_EFORMAT, d->name, rc_xbrl__line(n, line0), 0,
                                  "entity reference &%s; in a value: entities are never "
                                  "expanded",
                                  n->name ? (const char *)n->name : "");
        } else if (n->type == XML_ELEMENT_NODE) {
            descend = !(skip && named(n, skip_ns, skip));
        }
        if (descend && n->children) {
            n = n->children;
            continue;
        }
        while (n && n != el && !n->next)
            n = n->parent;
        if (n && n != el) n = n->next;
    }
    return out->failed ? RC_ENOMEM : RC_OK;
}

/* ---- contexts and units ------------------------------------------------------------ */

static xmlNode *child(xmlNode *el, const char *ns, const char *local)
{
    for (xmlNode *c = el ? el->children : NULL; c; c = c->next)
        if (named(c, ns, local)) return c;
    return NULL;
}

/* The trimmed text of el (no entity references: the caller's walk refused them). */
static const char *text_of(rc_xbrl__doc *d, xmlNode *el, int *rc)
{
    rc_buf b = RC_BUF_INIT;
    *rc = rc_xbrl__text(d, el, NULL, NULL, d->line0, &b);
    const char *s = NULL;
    if (*rc == RC_OK) {
        size_t n = b.len;
        const char *t = rc_xbrl__trim(b.data, &n);
        s = rc_xfacts_strndup(d->list, t, n);
        if (!s) *rc = RC_ENOMEM;
    }
    rc_buf_free(&b);
    return s;
}

/*
 * An xs:date or xs:dateTime of a period.  A date alone is the whole day: an
 * instant or end date is the end of that day, a start date its beginning.  A
 * dateTime at midnight (T00:00:00) is the beginning of its day, so as an
 * instant or end date it is the end of the day before; "T24:00:00" is the end
 * of its day.  Other times fall within their day.  The zone is ignored.
 */
static bool period_day(const char *s, bool is_end, rc_day *out)
{
    size_t n = strlen(s);
    if (n < 10 || rc_day_parse(out, s, 10) != RC_OK) return false;
    const char *t = s + 10;
    if (*t != 'T') return *t == '\0' || *t == 'Z' || *t == '+' || *t == '-';
    int hh, mm, ss;
    if (strlen(t) < 9 || sscanf(t + 1, "%2d:%2d:%2d", &hh, &mm, &ss) != 3) return false;
    bool midnight = hh == 0 && mm == 0 && ss == 0;
    const char *frac = t + 9;
    if (*frac == '.')
        for (frac++; *frac >= '0' && *frac <= '9'; frac++)
            if (*frac != '0') midnight = false;
    if (midnight && is_end) *out -= 1;
    if (hh == 24 && !is_end) *out += 1;
    return true;
}

static int dim_cmp(const void *a, const void *b)
{
    return strcmp(((const rc_xdim *)a)->axis, ((const rc_xdim *)b)->axis);
}

/* The dimensions of a segment or scenario, appended to dims. */
static int read_dims(rc_xbrl__doc *d, xmlNode *holder, rc_xdim **dims, size_t *n, size_t *cap,
                     const char **broken)
{
    for (xmlNode *m = holder ? holder->children : NULL; m; m = m->next) {
        bool explicit_member = named(m, RC_NS_XBRLDI, "explicitMember");
        if (!explicit_member && !named(m, RC_NS_XBRLDI, "typedMember")) continue;
        xmlChar *dim = xmlGetNoNsProp(m, (const xmlChar *)"dimension");
        const char *axis = NULL;
        int rc = dim ? rc_xbrl__text_qname(d, m, (const char *)dim, &axis) : RC_ESYNTAX;
        xmlFree(dim);
        if (rc == RC_ENOMEM) return rc;
        if (rc != RC_OK) {
            *broken = "a dimension whose QName does not resolve";
            continue;
        }
        const char *member = NULL;
        if (explicit_member) {
            const char *text = text_of(d, m, &rc);
            if (rc == RC_OK) rc = rc_xbrl__text_qname(d, m, text, &member);
            if (rc == RC_ENOMEM || rc == RC_EFORMAT) return rc;
            if (rc != RC_OK) {
                *broken = "a member whose QName does not resolve";
                continue;
            }
        } else {
            xmlNode *value = m->children;
            while (value && value->type != XML_ELEMENT_NODE)
                value = value->next;
            member = value ? text_of(d, value, &rc) : rc_xfacts_strdup(d->list, "");
            if (!member) return rc == RC_OK ? RC_ENOMEM : rc;
        }
        rc_xdim *p = grow(*dims, cap, *n, sizeof *p);
        if (!p) return RC_ENOMEM;
        *dims = p;
        p[*n].axis = axis;
        p[*n].member = member;
        p[*n].typed = !explicit_member;
        (*n)++;
    }
    return RC_OK;
}

int rc_xbrl__read_context(rc_xbrl__doc *d, xmlNode *el, unsigned line)
{
    bool nomem = false;
    rc_xbrl__context c = {NULL, NULL, RC_NO_DATE, RC_NO_DATE, NULL, 0, NULL, line};
    c.id = attr(d, el, "id", &nomem);
    if (nomem) return RC_ENOMEM;
    if (!c.id) return RC_OK; /* nothing can refer to it */
    int rc = RC_OK;
    xmlNode *entity = child(el, RC_NS_XBRLI, "entity");
    xmlNode *ident = child(entity, RC_NS_XBRLI, "identifier");
    if (ident) {
        const char *scheme = attr(d, ident, "scheme", &nomem);
        const char *value = text_of(d, ident, &rc);
        if (nomem || (rc == RC_OK && !value)) return RC_ENOMEM;
        if (rc < 0) return rc;
        c.entity = rc_arena_printf(d->list->arena, "%s %s", scheme ? scheme : "", value);
        if (!c.entity) return RC_ENOMEM;
    } else {
        c.broken = "no entity identifier";
    }
    xmlNode *period = child(el, RC_NS_XBRLI, "period");
    xmlNode *instant = child(period, RC_NS_XBRLI, "instant");
    xmlNode *start = child(period, RC_NS_XBRLI, "startDate");
    xmlNode *end = child(period, RC_NS_XBRLI, "endDate");
    if (instant) {
        const char *t = text_of(d, instant, &rc);
        if (rc < 0) return rc;
        if (!period_day(t, true, &c.end)) c.broken = "an instant that is not a date";
    } else if (start && end) {
        const char *ts = text_of(d, start, &rc);
        if (rc < 0) return rc;
        const char *te = text_of(d, end, &rc);
        if (rc < 0) return rc;
        if (!period_day(ts, false, &c.start) || !period_day(te, true, &c.end))
            c.broken = "a start or end date that is not a date";
    } else if (!child(period, RC_NS_XBRLI, "forever")) {
        c.broken = "no period";
    }
    size_t cap = 0;
    rc = read_dims(d, child(entity, RC_NS_XBRLI, "segment"), &c.dims, &c.ndims, &cap, &c.broken);
    if (rc == RC_OK)
        rc = read_dims(d, child(el, RC_NS_XBRLI, "scenario"), &c.dims, &c.ndims, &cap, &c.broken);
    if (rc == RC_OK && c.ndims) {
        /* into the arena, sorted by axis, shared by every fact of the context */
        rc_xdim *dims = rc_arena_alloc(d->list->arena, c.ndims * sizeof *dims);
        if (dims) {
            memcpy(dims, c.dims, c.ndims * sizeof *dims);
            qsort(dims, c.ndims, sizeof *dims, dim_cmp);
        } else {
            rc = RC_ENOMEM;
        }
        free(c.dims);
        c.dims = dims;
    } else {
        free(c.dims);
        c.dims = NULL;
    }
    if (rc < 0) return rc;
    rc_xbrl__context *p = grow(d->contexts, &d->capcontexts, d->ncontexts, sizeof *p);
    if (!p) return RC_ENOMEM;
    d->contexts = p;
    d->contexts[d->ncontexts++] = c;
    return RC_OK;
}

static int str_cmp(const void *a, const void *b)
{
    return strcmp(*(const char *const *)a, *(const char *const *)b);
}

/* The measures of holder, sorted and joined by "*", or NULL when there are none. */
static int read_measures(rc_xbrl__doc *d, xmlNode *holder, const char **out, const char **broken)
{
    *out = NULL;
    const char *list[16];
    size_t n = 0;
    int rc = RC_OK;
    for (xmlNode *m = holder ? holder->children : NULL; m; m = m->next) {
        if (!named(m, RC_NS_XBRLI, "measure")) continue;
        if (n == sizeof list / sizeof *list) {
            *broken = "more measures than a unit of a share-based payment can have";
            return RC_OK;
        }
        const char *text = text_of(d, m, &rc);
        if (rc < 0) return rc;
        if ((rc = rc_xbrl__text_qname(d, m, text, &list[n])) == RC_ENOMEM) return rc;
        if (rc != RC_OK) {
            *broken = "a measure whose QName does not resolve";
            return RC_OK;
        }
        n++;
    }
    if (n == 0) return RC_OK;
    qsort(list, n, sizeof *list, str_cmp);
    rc_buf b = RC_BUF_INIT;
    for (size_t i = 0; i < n; i++) {
        if (i) rc_buf_putc(&b, '*');
        rc_buf_puts(&b, list[i]);
    }
    *out = b.failed ? NULL : rc_xfacts_strndup(d->list, b.data, b.len);
    rc_buf_free(&b);
    return *out ? RC_OK : RC_ENOMEM;
}

int rc_xbrl__read_unit(rc_xbrl__doc *d, xmlNode *el, unsigned line)
{
    bool nomem = false;
    rc_xbrl__unit u = {NULL, NULL, NULL, NULL, line};
    u.id = attr(d, el, "id", &nomem);
    if (nomem) return RC_ENOMEM;
    if (!u.id) return RC_OK;
    xmlNode *divide = child(el, RC_NS_XBRLI, "divide");
    int rc;
    if (divide) {
        rc = read_measures(d, child(divide, RC_NS_XBRLI, "unitNumerator"), &u.num, &u.broken);
        if (rc == RC_OK)
            rc = read_measures(d, child(divide, RC_NS_XBRLI, "unitDenominator"), &u.den, &u.broken);
        if (rc == RC_OK && (!u.num || !u.den) && !u.broken)
            u.broken = "a divide without numerator or denominator";
    } else {
        rc = read_measures(d, el, &u.num, &u.broken);
        if (rc == RC_OK && !u.num && !u.broken) u.broken = "no measure";
    }
    if (rc < 0) return rc;
    rc_xbrl__unit *p = grow(d->units, &d->capunits, d->nunits, sizeof *p);
    if (!p) return RC_ENOMEM;
    d->units = p;
    d->units[d->nunits++] = u;
    return RC_OK;
}

/* ---- facts ------------------------------------------------------------------------- */

rc_xfact *rc_xbrl__add_fact(rc_xbrl__doc *d, const char *context_ref, const char *unit_ref)
{
    assert(d->list->n - d->base == d->npending);
    rc_xbrl__pending *p = grow(d->pending, &d->cappending, d->npending, sizeof *p);
    if (!p) return NULL;
    d->pending = p;
    const char *c = context_ref ? rc_xbrl__intern(d, context_ref, strlen(context_ref)) : NULL;
    const char *u = unit_ref ? rc_xbrl__intern(d, unit_ref, strlen(unit_ref)) : NULL;
    if ((context_ref && !c) || (unit_ref && !u)) return NULL;
    rc_xfact *f = rc_xfacts_add(d->list);
    if (!f) return NULL;
    d->pending[d->npending].context_ref = c;
    d->pending[d->npending].unit_ref = u;
    d->npending++;
    return f;
}

void rc_xbrl__drop_last(rc_xbrl__doc *d)
{
    assert(d->npending > 0 && d->list->n > d->base);
    d->npending--;
    d->list->n--;
}

static int context_cmp(const void *a, const void *b)
{
    return strcmp(((const rc_xbrl__context *)a)->id, ((const rc_xbrl__context *)b)->id);
}

static int unit_cmp(const void *a, const void *b)
{
    return strcmp(((const rc_xbrl__unit *)a)->id, ((const rc_xbrl__unit *)b)->id);
}

int rc_xbrl__resolve(rc_xbrl__doc *d)
{
    if (d->ncontexts > 1) qsort(d->contexts, d->ncontexts, sizeof *d->contexts, context_cmp);
    if (d->nunits > 1) qsort(d->units, d->nunits, sizeof *d->units, unit_cmp);
    size_t kept = d->base;
    for (size_t i = 0; i < d->npending; i++) {
        rc_xfact f = d->list->items[d->base + i];
        const rc_xbrl__pending *p = &d->pending[i];
        rc_xbrl__context ckey = {.id = p->context_ref ? p->context_ref : ""};
        const rc_xbrl__context *c = d->ncontexts ? bsearch(&ckey, d->contexts, d->ncontexts,
                                                           sizeof *d->contexts, context_cmp)
                                                 : NULL;
        const rc_xbrl__unit *u = NULL;
        if (p->unit_ref && d->nunits) {
            rc_xbrl__unit ukey = {.id = p->unit_ref};
            u = bsearch(&ukey, d->units, d->nunits, sizeof *d->units, unit_cmp);
        }
        int rc = RC_OK;
        if (!c || c->broken) {
            rc = rc_xfacts_note(d->list, f.src.line, f.src.col, f.id,
                                "fact %s left out: its context '%s' %s%s", f.concept, ckey.id,
                                c ? "has " : "is not in the document", c ? c->broken : "");
        } else if (p->unit_ref && (!u || u->broken)) {
            rc = rc_xfacts_note(d->list, f.src.line, f.src.col, f.id,
                                "fact %s left out: its unit '%s' %s%s", f.concept, p->unit_ref,
                                u ? "has " : "is not in the document", u ? u->broken : "");
        } else {
            f.entity = c->entity;
            f.start = c->start;
            f.end = c->end;
            f.dims = c->dims;
            f.ndims = c->ndims;
            if (u) {
                f.unit_num = u->num;
                f.unit_den = u->den;
            }
            d->list->items[kept++] = f;
        }
        if (rc < 0) return rc;
    }
    d->list->n = kept;
    d->npending = 0;
    return RC_OK;
}

/* ---- the instance ------------------------------------------------------------------ */

/* The first error of a parse: the one that stopped it, with its place. */
typedef struct first_error {
    bool set;
    int line, col;
    char message[200];
} first_error;

static void keep_first_error(void *data, xmlErrorPtr err)
{
    first_error *first = data;
    if (!first || first->set || !err || err->level < XML_ERR_ERROR) return;
    first->set = true;
    first->line = err->line;
    first->col = err->int2;
    const char *m = err->message ? err->message : "XML that does not parse";
    size_t k = strcspn(m, "\n");
    if (k >= sizeof first->message) k = sizeof first->message - 1;
    memcpy(first->message, m, k);
    first->message[k] = '\0';
}

/* Skip a byte order mark and blank lines before the XML declaration (which
 * must otherwise come first), counting the lines skipped. */
static size_t skip_leading(const char *buf, size_t len, unsigned *lines)
{
    size_t i = len >= 3 && memcmp(buf, "\xef\xbb\xbf", 3) == 0 ? 3 : 0;
    *lines = 0;
    while (i < len && is_blank(buf[i]))
        *lines += buf[i++] == '\n';
    return i;
}

/*
 * A cursor over the input that finds the start tags of facts: libxml2 gives
 * an element the line its start tag ends on, and the reader no offsets, so
 * the tag ("<us-gaap:Foo", as written) is looked for from where the last one
 * was, and taken when it ends on that line.  Facts come in document order.
 */
typedef struct tag_cursor {
    const char *buf;
    size_t len;
    size_t at;         /* where the next search starts */
    size_t line_start; /* offset of the start of the line of `at` */
    unsigned line;     /* line of `at`, 1-based from buf */
} tag_cursor;

/* Line and column (1-based, from buf) of el's start tag, which ends on line
 * end_line; false when it cannot be found (another encoding than UTF-8). */
static bool find_tag(tag_cursor *c, const xmlNode *el, unsigned end_line, unsigned *line,
                     unsigned *col)
{
    const char *prefix = el->ns && el->ns->prefix ? (const char *)el->ns->prefix : NULL;
    size_t np = prefix ? strlen(prefix) : 0, nl = strlen((const char *)el->name);
    size_t at = c->at, line_start = c->line_start;
    unsigned ln = c->line;
    for (size_t i = at; i < c->len; i++) {
        if (c->buf[i] == '\n') {
            if (++ln > end_line) return false;
            line_start = i + 1;
            continue;
        }
        if (c->buf[i] != '<') continue;
        size_t k = i + 1;
        if (prefix) {
            if (c->len - k < np + 1 || memcmp(c->buf + k, prefix, np) != 0 || c->buf[k + np] != ':')
                continue;
            k += np + 1;
        }
        if (c->len - k < nl + 1 || memcmp(c->buf + k, el->name, nl) != 0) continue;
        k += nl;
        if (!is_blank(c->buf[k]) && c->buf[k] != '>' && c->buf[k] != '/') continue;
        /* the end of this tag must be on end_line */
        unsigned tag_line = ln;
        char quote = 0;
        size_t j = k;
        for (; j < c->len; j++) {
            char ch = c->buf[j];
            if (ch == '\n') tag_line++;
            if (quote) {
                if (ch == quote) quote = 0;
            } else if (ch == '"' || ch == '\'') {
                quote = ch;
            } else if (ch == '>') {
                break;
            }
        }
        if (tag_line != end_line) continue;
        *line = ln;
        *col = (unsigned)(i - line_start + 1);
        /* on from the tag's end, counting its lines */
        for (size_t m = i; m < j && m < c->len; m++)
            if (c->buf[m] == '\n') line_start = m + 1;
        c->at = j;
        c->line = tag_line;
        c->line_start = line_start;
        return true;
    }
    return false;
}

/* One item of the instance: an element with a contextRef. */
static int read_item(rc_xbrl__doc *d, xmlNode *el, unsigned line0, unsigned skipped,
                     tag_cursor *cursor)
{
    bool nomem = false;
    unsigned line = rc_xbrl__line(el, line0 + skipped), col = 0;
    long end_line = xmlGetLineNo(el);
    unsigned tag_line, tag_col;
    if (end_line > 0 && end_line < (long)(UINT_MAX - skipped) &&
        find_tag(cursor, el, (unsigned)end_line + skipped, &tag_line, &tag_col)) {
        line = line0 + tag_line;
        col = tag_col;
    }
    const char *concept = rc_xbrl__element_qname(d, el);
    const char *context_ref = attr(d, el, "contextRef", &nomem);
    const char *unit_ref = attr(d, el, "unitRef", &nomem);
    const char *id = attr(d, el, "id", &nomem);
    const char *decimals = attr(d, el, "decimals", &nomem);
    const char *precision = attr(d, el, "precision", &nomem);
    xmlChar *nil = xmlGetNsProp(el, (const xmlChar *)"nil", (const xmlChar *)RC_NS_XSI);
    bool is_nil =
        nil && (strcmp((const char *)nil, "true") == 0 || strcmp((const char *)nil, "1") == 0);
    xmlFree(nil);
    if (nomem || (el->ns && !concept)) return RC_ENOMEM;
    if (!concept)
        return rc_xfacts_note(d->list, line, col, id, "an item <%s> in no namespace left out",
                              (const char *)el->name);
    int dec = RC_XDECIMALS_UNSET;
    if (decimals && !rc_xbrl__parse_decimals(decimals, &dec))
        return rc_xfacts_note(d->list, line, col, id,
                              "fact %s left out: decimals \"%s\" is neither INF nor an integer",
                              concept, decimals);
    if (!decimals && precision) {
        size_t n = strlen(precision);
        const char *p = rc_xbrl__trim(precision, &n);
        if (n == 3 && memcmp(p, "INF", 3) == 0) dec = RC_DECIMALS_INF;
    }
    const char *value = NULL;
    if (!is_nil) {
        for (xmlNode *c = el->children; unit_ref && c; c = c->next)
            if (c->type == XML_ELEMENT_NODE)
                return rc_xfacts_note(d->list, line, col, id,
                                      "fact %s left out: a fraction or a number with markup "
                                      "in it is not read",
                                      concept);
        rc_buf text = RC_BUF_INIT;
        int rc = rc_xbrl__text(d, el, NULL, NULL, line0 + skipped, &text);
        if (rc == RC_OK) {
            size_t n = text.len;
            const char *t = rc_xbrl__trim(text.data, &n);
            if (unit_ref && !rc_xbrl__is_number(t, n)) {
                rc = rc_xfacts_note(d->list, line, col, id,
                                    "fact %s left out: \"%.*s\" is not a number", concept,
                                    (int)(n > 60 ? 60 : n), t);
                rc_buf_free(&text);
                return rc;
            }
            value = rc_xfacts_strndup(d->list, t, n);
            if (!value) rc = RC_ENOMEM;
        }
        rc_buf_free(&text);
        if (rc < 0) return rc;
    }
    rc_xfact *f = rc_xbrl__add_fact(d, context_ref, unit_ref);
    if (!f) return RC_ENOMEM;
    f->concept = concept;
    f->value = value;
    f->numeric = unit_ref != NULL;
    f->nil = is_nil;
    f->decimals = f->numeric ? dec : RC_XDECIMALS_UNSET;
    f->id = id;
    f->src.line = line;
    f->src.col = col;
    f->src.id = id;
    return RC_OK;
}

int rc_xbrl_read_instance(rc_xfacts *list, const char *name, const char *buf, size_t len,
                          unsigned line0, rc_ctx *ctx)
{
    assert(list && list->arena && name && (buf || len == 0));
    if (len > INT_MAX)
        return rc_ctx_fail_at(ctx, RC_ELIMIT, name, 0, 0,
                              "an XBRL instance larger than %d bytes is not read", INT_MAX);
    unsigned skipped = 0;
    size_t skip = len ? skip_leading(buf, len, &skipped) : 0;
    tag_cursor cursor = {buf ? buf : "", len, skip, 0, 1};
    for (size_t i = 0; i < skip; i++)
        if (buf[i] == '\n') cursor.line++, cursor.line_start = i + 1;
    rc_xbrl__doc d;
    rc_xbrl__doc_init(&d, list, name, ctx);
    d.line0 = line0 + skipped;
    if (skip == len)
        return rc_ctx_fail_at(ctx, RC_ESYNTAX, name, 0, 0,
                              "not well-formed XML: the document is empty");
    first_error first = {false, 0, 0, ""};
    int rc = RC_OK;
    /* no network, no DTD loading, entities left unexpanded (no XML_PARSE_NOENT) */
    xmlTextReaderPtr reader = xmlReaderForMemory(len ? buf + skip : "", (int)(len - skip), NULL,
                                                 NULL, XML_PARSE_NONET | XML_PARSE_BIG_LINES);
    if (!reader) {
        rc = rc_ctx_fail(ctx, RC_ENOMEM, "out of memory");
        goto done;
    }
    xmlTextReaderSetStructuredErrorHandler(reader, keep_first_error, &first);
    bool root_seen = false;
    int more = xmlTextReaderRead(reader);
    while (more == 1) {
        int type = xmlTextReaderNodeType(reader);
        if (type == XML_READER_TYPE_ENTITY_REFERENCE) {
            xmlNode *n = xmlTextReaderCurrentNode(reader);
            rc = rc_ctx_fail_at(ctx, RC_EFORMAT, name, rc_xbrl__line(n, line0 + skipped), 0,
                                "entity reference &%s; in an XBRL instance: entities are "
                                "never expanded",
                                (const char *)xmlTextReaderConstName(reader));
            goto done;
        }
        if (type == XML_READER_TYPE_DOCUMENT_TYPE) {
            /* not xmlTextReaderCurrentDoc: it would make the reader keep every node */
            xmlNode *dtd = xmlTextReaderCurrentNode(reader);
            xmlDoc *doc = dtd ? dtd->doc : NULL;
            if (doc && doc->intSubset && doc->intSubset->entities) {
                rc = rc_ctx_fail_at(
                    ctx, RC_EFORMAT, name,
                    rc_xbrl__line(xmlTextReaderCurrentNode(reader), line0 + skipped), 0,
                    "a document type that declares entities: entities are "
                    "never expanded");
                goto done;
            }
        }
        if (type != XML_READER_TYPE_ELEMENT) {
            more = xmlTextReaderRead(reader);
            continue;
        }
        xmlNode *el = xmlTextReaderCurrentNode(reader);
        d.xml = el ? el->doc : NULL;
        if (!root_seen) {
            root_seen = true;
            if (!named(el, RC_NS_XBRLI, "xbrl")) {
                rc = rc_ctx_fail_at(ctx, RC_EFORMAT, name, rc_xbrl__line(el, line0 + skipped), 0,
                                    "not an XBRL instance (its root element is <%s>)",
                                    el ? (const char *)el->name : "?");
                goto done;
            }
            more = xmlTextReaderRead(reader);
            continue;
        }
        bool item = xmlHasNsProp(el, (const xmlChar *)"contextRef", NULL) != NULL;
        bool context = named(el, RC_NS_XBRLI, "context"), unit = named(el, RC_NS_XBRLI, "unit");
        bool linkbase =
            el->ns && el->ns->href && strcmp((const char *)el->ns->href, RC_NS_LINK) == 0;
        if (!context && !unit && !linkbase && !item) {
            more = xmlTextReaderRead(reader); /* a tuple: its items are read one by one */
            continue;
        }
        if (!linkbase) {
            /* the element with its content, as a small tree the reader frees on Next */
            xmlNode *whole = xmlTextReaderExpand(reader);
            if (!whole) { /* the parse failed inside it: the error says where */
                more = -1;
                break;
            }
            unsigned line = rc_xbrl__line(whole, line0 + skipped);
            rc = context ? rc_xbrl__read_context(&d, whole, line)
                 : unit  ? rc_xbrl__read_unit(&d, whole, line)
                         : read_item(&d, whole, line0, skipped, &cursor);
            if (rc < 0) {
                if (rc == RC_ENOMEM) rc_ctx_fail(ctx, rc, "out of memory");
                goto done;
            }
        }
        more = xmlTextReaderNext(reader); /* past the element and its content */
    }
    if (more < 0 || first.set) {
        unsigned line = first.line > 0 ? line0 + skipped + (unsigned)first.line : 0;
        unsigned col = first.col > 0 ? (unsigned)first.col : 0;
        rc = rc_ctx_fail_at(ctx, RC_ESYNTAX, name, line, line ? col : 0, "not well-formed XML: %s",
                            first.set ? first.message : "XML that does not parse");
        goto done;
    }
    if (!root_seen) {
        rc = rc_ctx_fail_at(ctx, RC_EFORMAT, name, 0, 0, "not an XBRL instance (no elements)");
        goto done;
    }
    if ((rc = rc_xbrl__resolve(&d)) < 0) rc_ctx_fail(ctx, rc, "out of memory");
done:
    if (reader) xmlFreeTextReader(reader);
    if (rc < 0) list->n = d.base;
    rc_xbrl__doc_clear(&d);
    return rc;
}
