/*
 * Inline XBRL documents (xbrl.h: rc_xbrl_read_inline): the facts tagged in an
 * XHTML filing, read into the same list of facts as an instance.
 *
 * The document is parsed as XML into a tree: Inline XBRL 1.1 requires a
 * well-formed XHTML document (EDGAR refuses any other), so one that is not
 * well-formed fails with the parser's message and place rather than being
 * guessed at by an HTML parser that would drop or reorder the tags the facts
 * live in.  The same guards as for instances hold: no network, no DTD, no
 * entity expanded, no XML_PARSE_HUGE.
 *
 * ix:header holds the contexts and units (ix:resources), read as an
 * instance's; ix:hidden holds facts like any other part of the page.  Every
 * ix:nonFraction and ix:nonNumeric of the page is a fact, nested ones
 * included: a nonFraction's value is its text through its format (resolved
 * by the namespace of the format's prefix), times 10^scale, negated by
 * sign="-"; a nonNumeric's value is its text without ix:exclude content,
 * followed by its ix:continuation chain, through its format.  escape="true"
 * text blocks are read as their text, not their markup.
 *
 * A fact that cannot be read (a format no registry has, text that does not
 * fit its format, a broken continuation chain) is left out with a note in the
 * list, never silently.  Each fact's place is the line and column of its
 * start tag: the parser records where each element's start tag ends, which
 * is what makes a column possible in documents that are a few very long
 * lines.
 */
#include <assert.h>
#include <limits.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include <libxml/SAX2.h>
#include <libxml/parser.h>
#include <libxml/tree.h>

#include "read/ixtransform.h"
#include "read/narrative.h"
#include "read/xbrlinst.h"

#define NS_IX11 "http://www.xbrl.org/2013/inlineXBRL"
#define NS_IX10 "http://www.xbrl.org/2008/inlineXBRL"
#define MAX_SCALE 1000 /* |scale| beyond this is no filing's */

typedef struct continuation {
    const char *id;
    xmlNode *node;
} continuation;

typedef struct inline_doc {
    rc_xbrl__doc d;
    const char *buf; /* the whole input */
    size_t len;
    size_t skip;    /* bytes before what the parser saw */
    unsigned line0; /* the caller's */
    unsigned skipped_lines;
    bool offsets;    /* nodes' _private hold where their start tags end */
    long delta;      /* what to add to those offsets (see offset_delta) */
    const char *ix;  /* the document's inline XBRL namespace */
    xmlNode **facts; /* ix:nonFraction and ix:nonNumeric, in document order */
    size_t nfacts, capfacts;
    continuation *conts;
    size_t nconts, capconts;
    /* a cursor over buf for lines and columns: facts come in document order */
    size_t loc_at, loc_line_start;
    unsigned loc_line;
} inline_doc;

/* ---- where elements start ----------------------------------------------------- */

static bool is_blank(char c)
{
    return c == ' ' || c == '\t' || c == '\n' || c == '\r';
}

/* The first error of a parse: the one that stopped it, with its place. */
typedef struct first_error {
    bool set;
    int line, col;
    char message[200];
} first_error;

/* What the parser's callbacks keep (the parser's _private). */
typedef struct parse_state {
    first_error first;
    bool root_seen;
    size_t root_mark; /* where the parser was at the end of the root's start tag */
} parse_state;

/* libxml2's own handler, then the offset (+1) of where the start tag ends, kept
 * in the element's _private (libxml2 leaves that field to applications). */
static void start_element(void *ctx, const xmlChar *localname, const xmlChar *prefix,
                          const xmlChar *uri, int nb_namespaces, const xmlChar **namespaces,
                          int nb_attributes, int nb_defaulted, const xmlChar **attributes)
{
    xmlParserCtxtPtr parser = ctx;
    xmlSAX2StartElementNs(ctx, localname, prefix, uri, nb_namespaces, namespaces, nb_attributes,
                          nb_defaulted, attributes);
    if (parser->node && parser->input && parser->input->cur >= parser->input->base) {
        size_t off =
            (size_t)parser->input->consumed + (size_t)(parser->input->cur - parser->input->base);
        parser->node->_private = (void *)(uintptr_t)(off + 1);
        parse_state *state = parser->_private;
        if (state && !state->root_seen) {
            state->root_seen = true;
            state->root_mark = off;
        }
    }
}

/* Skip from buf[i] past the end of the construct that starts there (a
 * comment, a processing instruction, a DOCTYPE with its internal subset). */
static size_t skip_markup(const char *buf, size_t len, size_t i)
{
    const char *end = NULL;
    if (len - i >= 4 && memcmp(buf + i, "<!--", 4) == 0) {
        for (size_t j = i + 4; j + 3 <= len && !end; j++)
            if (memcmp(buf + j, "-->", 3) == 0) end = buf + j + 3;
    } else if (len - i >= 2 && buf[i + 1] == '?') {
        for (size_t j = i + 2; j + 2 <= len && !end; j++)
            if (memcmp(buf + j, "?>", 2) == 0) end = buf + j + 2;
    } else {
        int depth = 0;
        for (size_t j = i + 2; j < len && !end; j++) {
            if (buf[j] == '[') depth++;
            if (buf[j] == ']') depth--;
            if (buf[j] == '>' && depth <= 0) end = buf + j + 1;
        }
    }
    return end ? (size_t)(end - buf) : len;
}

/*
 * Where the parser's offsets stand against the input: when a document
 * declares an encoding other than UTF-8 (even "ASCII"), libxml2 starts its
 * count again after the declaration.  The root's start tag, found in the
 * input, tells by how much.  Returns false when it cannot be found.
 */
static bool offset_delta(const char *buf, size_t len, size_t from, size_t root_mark, long *delta)
{
    size_t i = from;
    while (i < len) {
        if (is_blank(buf[i])) {
            i++;
        } else if (buf[i] == '<' && i + 1 < len && (buf[i + 1] == '?' || buf[i + 1] == '!')) {
            i = skip_markup(buf, len, i);
        } else {
            break;
        }
    }
    if (i >= len || buf[i] != '<') return false;
    char quote = 0;
    for (size_t j = i + 1; j < len; j++) {
        if (quote) {
            if (buf[j] == quote) quote = 0;
        } else if (buf[j] == '"' || buf[j] == '\'') {
            quote = buf[j];
        } else if (buf[j] == '>') {
            size_t at = buf[j - 1] == '/' ? j - 1 : j;
            *delta = (long)(at - from) - (long)root_mark;
            return true;
        }
    }
    return false;
}

/* Line and column of el's start tag ("<"), or its line alone. */
static void locate(inline_doc *x, const xmlNode *el, unsigned *line, unsigned *col)
{
    *line = rc_xbrl__line(el, x->line0 + x->skipped_lines);
    *col = 0;
    uintptr_t mark = (uintptr_t)el->_private;
    if (!x->offsets || mark == 0) return;
    long pos = (long)(mark - 1) + x->delta;
    if (pos < 0 || (size_t)pos >= x->len - x->skip) return;
    size_t end = x->skip + (size_t)pos, at = end;
    if (x->buf[end] != '>' && x->buf[end] != '/') return;
    while (at > x->skip && x->buf[at] != '<')
        at--;
    if (x->buf[at] != '<') return;
    /* the tag's name must be the element's: "<ix:nonFraction" */
    size_t name_end = at + 1;
    while (name_end < end && !is_blank(x->buf[name_end]) && x->buf[name_end] != '>' &&
           x->buf[name_end] != '/')
        name_end++;
    const char *tag = x->buf + at + 1;
    const char *colon = memchr(tag, ':', name_end - (at + 1));
    const char *local = colon ? colon + 1 : tag;
    size_t nname = strlen((const char *)el->name);
    if ((size_t)(x->buf + name_end - local) != nname || memcmp(local, el->name, nname) != 0) return;
    if (at < x->loc_at) {
        x->loc_at = 0;
        x->loc_line = 1;
        x->loc_line_start = 0;
    }
    for (size_t i = x->loc_at; i < at; i++) {
        if (x->buf[i] == '\n') {
            x->loc_line++;
            x->loc_line_start = i + 1;
        }
    }
    x->loc_at = at;
    *line = x->line0 + x->loc_line;
    *col = (unsigned)(at - x->loc_line_start + 1);
}

/* ---- small helpers -------------------------------------------------------------- */

static bool is_ix(const inline_doc *x, const xmlNode *n, const char *local)
{
    return n->type == XML_ELEMENT_NODE && n->ns && n->ns->href && x->ix &&
           strcmp((const char *)n->ns->href, x->ix) == 0 &&
           (!local || strcmp((const char *)n->name, local) == 0);
}

static bool is_ix_ns(const char *href)
{
    return strcmp(href, NS_IX11) == 0 || strcmp(href, NS_IX10) == 0;
}

static bool in_ns(const xmlNode *n, const char *ns)
{
    return n->type == XML_ELEMENT_NODE && n->ns && n->ns->href &&
           strcmp((const char *)n->ns->href, ns) == 0;
}

/* An attribute without namespace copied into the list's arena; NULL when
 * absent; *nomem set when out of memory. */
static const char *attr(inline_doc *x, xmlNode *el, const char *name, bool *nomem)
{
    xmlChar *v = xmlGetNoNsProp(el, (const xmlChar *)name);
    if (!v) return NULL;
    const char *s = rc_xfacts_strdup(x->d.list, (const char *)v);
    xmlFree(v);
    if (!s) *nomem = true;
    return s;
}

static void *grow(void *items, size_t *cap, size_t n, size_t size)
{
    if (n < *cap) return items;
    size_t c = *cap ? *cap * 2 : 256;
    void *p = realloc(items, c * size);
    if (p) *cap = c;
    return p;
}

static int cont_cmp(const void *a, const void *b)
{
    return strcmp(((const continuation *)a)->id, ((const continuation *)b)->id);
}

/* ---- the walk over the page ------------------------------------------------------- */

/* Find the inline XBRL namespace the document uses (declared on any element). */
static const char *find_ix(xmlNode *root)
{
    xmlNode *n = root;
    while (n) {
        if (n->type == XML_ELEMENT_NODE) {
            if (n->ns && n->ns->href && is_ix_ns((const char *)n->ns->href))
                return (const char *)n->ns->href;
            if (n->children) {
                n = n->children;
                continue;
            }
        }
        while (n && n != root && !n->next)
            n = n->parent;
        if (!n || n == root) break;
        n = n->next;
    }
    return NULL;
}

/* Collect the facts and continuations, read the contexts and units, refuse
 * entity references. */
static int walk(inline_doc *x, xmlNode *root)
{
    rc_xbrl__doc *d = &x->d;
    xmlNode *n = root;
    int rc = RC_OK;
    while (n) {
        bool descend = n->type == XML_ELEMENT_NODE;
        if (n->type == XML_ENTITY_REF_NODE) {
            return rc_ctx_fail_at(d->ctx, RC_EFORMAT, d->name,
                                  rc_xbrl__line(n, x->line0 + x->skipped_lines), 0,
                                  "entity reference &%s; in an inline XBRL document: entities "
                                  "are never expanded",
                                  n->name ? (const char *)n->name : "");
        } else if (is_ix(x, n, NULL)) {
            const char *name = (const char *)n->name;
            if (strcmp(name, "nonFraction") == 0 || strcmp(name, "nonNumeric") == 0) {
                xmlNode **p = grow(x->facts, &x->capfacts, x->nfacts, sizeof *p);
                if (!p) return RC_ENOMEM;
                x->facts = p;
                x->facts[x->nfacts++] = n;
            } else if (strcmp(name, "continuation") == 0) {
                bool nomem = false;
                const char *id = attr(x, n, "id", &nomem);
                if (nomem) return RC_ENOMEM;
                if (id) {
                    continuation *p = grow(x->conts, &x->capconts, x->nconts, sizeof *p);
                    if (!p) return RC_ENOMEM;
                    x->conts = p;
                    x->conts[x->nconts].id = id;
                    x->conts[x->nconts].node = n;
                    x->nconts++;
                }
            } else if (strcmp(name, "fraction") == 0) {
                unsigned line, col;
                locate(x, n, &line, &col);
                bool nomem = false;
                const char *id = attr(x, n, "id", &nomem);
                rc = nomem ? RC_ENOMEM
                           : rc_xfacts_note(d->list, line, col, id,
                                            "an ix:fraction fact left out: fractions are not "
                                            "read");
                descend = false;
            } else if (strcmp(name, "references") == 0 || strcmp(name, "relationship") == 0) {
                descend = false; /* footnotes are walked: continuations may sit in them */
            }
        } else if (in_ns(n, RC_NS_XBRLI) && strcmp((const char *)n->name, "context") == 0) {
            rc = rc_xbrl__read_context(d, n, rc_xbrl__line(n, x->line0 + x->skipped_lines));
            descend = false;
        } else if (in_ns(n, RC_NS_XBRLI) && strcmp((const char *)n->name, "unit") == 0) {
            rc = rc_xbrl__read_unit(d, n, rc_xbrl__line(n, x->line0 + x->skipped_lines));
            descend = false;
        }
        if (rc < 0) return rc;
        if (descend && n->children) {
            n = n->children;
            continue;
        }
        while (n && n != root && !n->next)
            n = n->parent;
        if (!n || n == root) break;
        n = n->next;
    }
    if (x->nconts > 1) qsort(x->conts, x->nconts, sizeof *x->conts, cont_cmp);
    return RC_OK;
}

/* ---- facts ------------------------------------------------------------------------- */

/* A fact's text: its own (ix:exclude left out), then its continuations'.
 * Returns RC_OK, RC_ENOTFOUND with *why set (a broken chain), or an error. */
static int fact_text(inline_doc *x, xmlNode *el, bool follow, rc_buf *out, const char **why)
{
    unsigned line0 = x->line0 + x->skipped_lines;
    int rc = rc_xbrl__text(&x->d, el, x->ix, "exclude", line0, out);
    xmlChar *next = follow ? xmlGetNoNsProp(el, (const xmlChar *)"continuedAt") : NULL;
    size_t steps = 0;
    while (rc == RC_OK && next) {
        continuation key = {(const char *)next, NULL};
        const continuation *c =
            x->nconts ? bsearch(&key, x->conts, x->nconts, sizeof *x->conts, cont_cmp) : NULL;
        if (!c || ++steps > x->nconts) {
            *why = c ? "its continuations form a loop" : "a continuation it names is not there";
            rc = RC_ENOTFOUND;
            break;
        }
        rc = rc_xbrl__text(&x->d, c->node, x->ix, "exclude", line0, out);
        xmlFree(next);
        next = xmlGetNoNsProp(c->node, (const xmlChar *)"continuedAt");
    }
    xmlFree(next);
    return rc;
}

/* A note's text block as prose (narrative.h): its paragraphs and its continuations',
 * tables left out.  A broken chain was already refused by fact_text. */
static int fact_prose(inline_doc *x, xmlNode *el, rc_buf *out)
{
    rc_narrative_prose_of_node(el, out);
    xmlChar *next = xmlGetNoNsProp(el, (const xmlChar *)"continuedAt");
    size_t steps = 0;
    while (next) {
        continuation key = {(const char *)next, NULL};
        const continuation *c =
            x->nconts ? bsearch(&key, x->conts, x->nconts, sizeof *x->conts, cont_cmp) : NULL;
        xmlFree(next);
        if (!c || ++steps > x->nconts) break;
        rc_narrative_prose_of_node(c->node, out);
        next = xmlGetNoNsProp(c->node, (const xmlChar *)"continuedAt");
    }
    return out->failed ? RC_ENOMEM : RC_OK;
}

/* The unsigned decimal v ("1500", "1.5") times 10^scale, negated when negative
 * (a zero keeps no sign), into out. */
static void put_scaled(rc_buf *out, const char *v, int scale, bool negative)
{
    const char *dot = strchr(v, '.');
    size_t ni = dot ? (size_t)(dot - v) : strlen(v);
    const char *frac = dot ? dot + 1 : "";
    size_t nf = strlen(frac), nd = ni + nf;
    long point = (long)ni + scale; /* where the point falls among the digits */
    rc_buf digits = RC_BUF_INIT;
    if (point < 0)
        for (long k = point; k < 0; k++)
            rc_buf_putc(&digits, '0');
    rc_buf_append(&digits, v, ni);
    rc_buf_append(&digits, frac, nf);
    if (point > (long)nd)
        for (long k = (long)nd; k < point; k++)
            rc_buf_putc(&digits, '0');
    if (digits.failed) {
        out->failed = true;
        rc_buf_free(&digits);
        return;
    }
    size_t at = point < 0 ? 0 : (size_t)point; /* integer digits */
    size_t lead = 0;
    while (lead + 1 < at && digits.data[lead] == '0')
        lead++;
    bool zero = true;
    for (size_t i = 0; i < digits.len; i++)
        if (digits.data[i] != '0') zero = false;
    if (negative && !zero) rc_buf_putc(out, '-');
    if (at == 0)
        rc_buf_putc(out, '0');
    else
        rc_buf_append(out, digits.data + lead, at - lead);
    if (at < digits.len) {
        rc_buf_putc(out, '.');
        rc_buf_append(out, digits.data + at, digits.len - at);
    }
    rc_buf_free(&digits);
}

/* Is v an unsigned decimal "d+(.d+)?", as the numeric transforms give? */
static bool is_plain_decimal(const char *v)
{
    size_t i = 0, n = strlen(v);
    while (i < n && v[i] >= '0' && v[i] <= '9')
        i++;
    if (i == 0) return false;
    if (i < n && v[i] == '.') {
        size_t j = ++i;
        while (i < n && v[i] >= '0' && v[i] <= '9')
            i++;
        if (i == j) return false;
    }
    return i == n;
}

/* One ix:nonFraction or ix:nonNumeric. */
static int read_fact(inline_doc *x, xmlNode *el)
{
    rc_xbrl__doc *d = &x->d;
    rc_xfacts *list = d->list;
    bool numeric = strcmp((const char *)el->name, "nonFraction") == 0;
    unsigned line, col;
    locate(x, el, &line, &col);
    bool nomem = false;
    const char *name = attr(x, el, "name", &nomem);
    const char *context_ref = attr(x, el, "contextRef", &nomem);
    const char *unit_ref = numeric ? attr(x, el, "unitRef", &nomem) : NULL;
    const char *id = attr(x, el, "id", &nomem);
    const char *decimals = numeric ? attr(x, el, "decimals", &nomem) : NULL;
    const char *precision = numeric ? attr(x, el, "precision", &nomem) : NULL;
    const char *scale = numeric ? attr(x, el, "scale", &nomem) : NULL;
    const char *sign = numeric ? attr(x, el, "sign", &nomem) : NULL;
    const char *format = attr(x, el, "format", &nomem);
    xmlChar *nil = xmlGetNsProp(el, (const xmlChar *)"nil", (const xmlChar *)RC_NS_XSI);
    bool is_nil =
        nil && (strcmp((const char *)nil, "true") == 0 || strcmp((const char *)nil, "1") == 0);
    xmlFree(nil);
    if (nomem) return RC_ENOMEM;
    const char *what = numeric ? "ix:nonFraction" : "ix:nonNumeric";

    const char *concept = NULL;
    int rc = name ? rc_xbrl__text_qname(d, el, name, &concept) : RC_ESYNTAX;
    if (rc == RC_ENOMEM) return rc;
    if (rc != RC_OK || !strchr(name, ':'))
        return rc_xfacts_note(list, line, col, id, "an %s left out: its name \"%s\" is no QName",
                              what, name ? name : "");
    if (!context_ref || (numeric && !unit_ref))
        return rc_xfacts_note(list, line, col, id, "fact %s left out: it has no %s", concept,
                              context_ref ? "unitRef" : "contextRef");
    int dec = RC_XDECIMALS_UNSET, scale_by = 0;
    if (decimals && !rc_xbrl__parse_decimals(decimals, &dec))
        return rc_xfacts_note(list, line, col, id,
                              "fact %s left out: decimals \"%s\" is neither INF nor an integer",
                              concept, decimals);
    if (!decimals && precision) {
        size_t n = strlen(precision);
        const char *p = rc_xbrl__trim(precision, &n);
        if (n == 3 && memcmp(p, "INF", 3) == 0) dec = RC_DECIMALS_INF;
    }
    if (scale && (!rc_xbrl__parse_decimals(scale, &scale_by) || scale_by == RC_DECIMALS_INF ||
                  scale_by > MAX_SCALE || scale_by < -MAX_SCALE))
        return rc_xfacts_note(list, line, col, id, "fact %s left out: scale \"%s\" is no integer",
                              concept, scale);

    rc_buf text = RC_BUF_INIT, value = RC_BUF_INIT, shown_value = RC_BUF_INIT;
    int places = RC_DECIMALS_INF;
    const char *why = NULL;
    if (!is_nil) {
        rc = fact_text(x, el, !numeric, &text, &why);
        if (rc == RC_ENOTFOUND) {
            rc = rc_xfacts_note(list, line, col, id, "fact %s left out: %s", concept, why);
            goto done;
        }
        if (rc < 0) goto done;
        size_t n = text.len;
        const char *t = rc_xbrl__trim(text.data, &n);
        if (format) {
            const char *colon = strchr(format, ':');
            char prefix[128] = "";
            size_t np = colon ? (size_t)(colon - format) : 0;
            if (np < sizeof prefix) memcpy(prefix, format, np), prefix[np] = '\0';
            xmlNs *ns = np < sizeof prefix
                            ? xmlSearchNs(d->xml, el, colon ? (const xmlChar *)prefix : NULL)
                            : NULL;
            const char *local = colon ? colon + 1 : format;
            rc = rc_ixt_apply(&value, ns ? (const char *)ns->href : NULL, local, t, n, &places,
                              &why);
            if (rc == RC_ENOTFOUND || rc == RC_ESYNTAX) {
                if (rc == RC_ENOTFOUND)
                    rc = rc_xfacts_note(list, line, col, id,
                                        "fact %s left out: format %s (namespace %s) is %s", concept,
                                        format, ns ? (const char *)ns->href : "not declared",
                                        "not one this reader knows");
                else
                    rc = rc_xfacts_note(list, line, col, id,
                                        "fact %s left out: \"%.*s\" does not fit format %s: %s",
                                        concept, (int)(n > 60 ? 60 : n), t, format, why);
                goto done;
            }
            if (rc < 0) goto done;
        } else {
            rc_buf_append(&value, t, n);
            if (numeric) {
                const char *dot = memchr(t, '.', n);
                places = dot ? (int)(n - (size_t)(dot - t) - 1) : 0;
            }
        }
        if (value.failed) {
            rc = RC_ENOMEM;
            goto done;
        }
        if (numeric) {
            if (!is_plain_decimal(value.data)) {
                rc = rc_xfacts_note(list, line, col, id,
                                    "fact %s left out: \"%.*s\" is not a number%s", concept,
                                    (int)(n > 60 ? 60 : n), t,
                                    format ? " after its format" : " (and it has no format)");
                goto done;
            }
            bool negative = sign && strcmp(sign, "-") == 0;
            put_scaled(&shown_value, value.data, scale_by, negative);
            if (shown_value.failed) {
                rc = RC_ENOMEM;
                goto done;
            }
        }
    }
    rc_xfact *f = rc_xbrl__add_fact(d, context_ref, unit_ref);
    if (!f) {
        rc = RC_ENOMEM;
        goto done;
    }
    f->concept = concept;
    f->numeric = numeric;
    f->nil = is_nil;
    f->decimals = numeric ? dec : RC_XDECIMALS_UNSET;
    if (!is_nil) {
        const rc_buf *v = numeric ? &shown_value : &value;
        size_t vn = v->len;
        const char *vs = numeric ? v->data : rc_xbrl__trim(v->data ? v->data : "", &vn);
        f->value = rc_xfacts_strndup(list, vs ? vs : "", vn);
        if (!f->value) {
            rc = RC_ENOMEM;
            goto done;
        }
        if (numeric && places != RC_DECIMALS_INF) f->shown = places - scale_by;
        if (!numeric && rc_narrative_text_block(concept)) {
            rc_buf prose = RC_BUF_INIT;
            rc = fact_prose(x, el, &prose);
            if (rc == RC_OK)
                f->prose = rc_xfacts_strndup(list, prose.data ? prose.data : "", prose.len);
            rc_buf_free(&prose);
            if (rc == RC_OK && !f->prose) rc = RC_ENOMEM;
            if (rc < 0) goto done;
        }
    }
    f->id = id;
    f->src.line = line;
    f->src.col = col;
    f->src.id = id;
    rc = RC_OK;
done:
    rc_buf_free(&text);
    rc_buf_free(&value);
    rc_buf_free(&shown_value);
    return rc;
}

/* ---- the document --------------------------------------------------------------------- */

static void keep_first_error(void *data, xmlErrorPtr err)
{
    xmlParserCtxtPtr parser = data;
    parse_state *state = parser ? parser->_private : NULL;
    first_error *first = state ? &state->first : NULL;
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

static bool utf8_encoding(const xmlChar *enc)
{
    return !enc || strcasecmp((const char *)enc, "UTF-8") == 0 ||
           strcasecmp((const char *)enc, "UTF8") == 0 ||
           strcasecmp((const char *)enc, "US-ASCII") == 0 ||
           strcasecmp((const char *)enc, "ASCII") == 0;
}

int rc_xbrl_read_inline(rc_xfacts *list, const char *name, const char *buf, size_t len,
                        unsigned line0, rc_ctx *ctx)
{
    assert(list && list->arena && name && (buf || len == 0));
    if (len > INT_MAX)
        return rc_ctx_fail_at(ctx, RC_ELIMIT, name, 0, 0,
                              "an inline XBRL document larger than %d bytes is not read", INT_MAX);
    inline_doc x;
    memset(&x, 0, sizeof x);
    rc_xbrl__doc_init(&x.d, list, name, ctx);
    x.buf = buf ? buf : "";
    x.len = len;
    x.line0 = line0;
    x.loc_line = 1;
    /* a byte order mark and blank lines may come before the XML declaration */
    size_t i = len >= 3 && memcmp(buf, "\xef\xbb\xbf", 3) == 0 ? 3 : 0;
    while (i < len && is_blank(buf[i]))
        x.skipped_lines += buf[i++] == '\n';
    x.skip = i;
    x.d.line0 = line0 + x.skipped_lines;
    if (i == len)
        return rc_ctx_fail_at(ctx, RC_ESYNTAX, name, 0, 0,
                              "not well-formed XML: the document is empty");
    x.loc_at = 0;

    int rc = RC_OK;
    xmlDocPtr doc = NULL;
    parse_state state;
    memset(&state, 0, sizeof state);
    first_error *first = &state.first;
    xmlParserCtxtPtr parser = xmlNewParserCtxt();
    if (!parser || !parser->sax) {
        rc = rc_ctx_fail(ctx, RC_ENOMEM, "out of memory");
        goto done;
    }
    parser->_private = &state;
    parser->sax->serror = keep_first_error;
    parser->sax->startElementNs = start_element;
    /* no network, no DTD loading, entities left unexpanded (no XML_PARSE_NOENT) */
    doc = xmlCtxtReadMemory(parser, x.buf + x.skip, (int)(len - x.skip), NULL, NULL,
                            XML_PARSE_NONET | XML_PARSE_NOERROR | XML_PARSE_NOWARNING |
                                XML_PARSE_BIG_LINES);
    if (!doc || !parser->wellFormed) {
        if (!first->set) keep_first_error(parser, xmlCtxtGetLastError(parser));
        unsigned line = first->line > 0 ? line0 + x.skipped_lines + (unsigned)first->line : 0;
        unsigned col = first->col > 0 && line ? (unsigned)first->col : 0;
        rc = rc_ctx_fail_at(ctx, RC_ESYNTAX, name, line, col,
                            "not well-formed XML: %s (an inline XBRL document must be "
                            "well-formed XHTML)",
                            first->set ? first->message : "XML that does not parse");
        goto done;
    }
    x.d.xml = doc;
    x.offsets = utf8_encoding(doc->encoding) && state.root_seen &&
                offset_delta(x.buf, len, x.skip, state.root_mark, &x.delta);
    if (doc->intSubset && doc->intSubset->entities) {
        rc = rc_ctx_fail_at(ctx, RC_EFORMAT, name,
                            rc_xbrl__line((xmlNode *)doc->intSubset, line0 + x.skipped_lines), 0,
                            "a document type that declares entities: entities are never "
                            "expanded");
        goto done;
    }
    xmlNode *root = xmlDocGetRootElement(doc);
    x.ix = root ? find_ix(root) : NULL;
    if (!x.ix) {
        rc = rc_ctx_fail_at(ctx, RC_EFORMAT, name, 0, 0,
                            "not an inline XBRL document (no element of the inline XBRL "
                            "namespace)");
        goto done;
    }
    if ((rc = walk(&x, root)) < 0) goto fail;
    for (size_t k = 0; k < x.nfacts; k++)
        if ((rc = read_fact(&x, x.facts[k])) < 0) goto fail;
    rc = rc_xbrl__resolve(&x.d);
fail:
    if (rc == RC_ENOMEM) rc_ctx_fail(ctx, rc, "out of memory");
done:
    if (doc) xmlFreeDoc(doc);
    if (parser) xmlFreeParserCtxt(parser);
    if (rc < 0) list->n = x.d.base;
    free(x.facts);
    free(x.conts);
    rc_xbrl__doc_clear(&x.d);
    return rc;
}
