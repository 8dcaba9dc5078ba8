/*
 * What the XBRL instance reader and the inline XBRL reader share: contexts and
 * units read from libxml2 nodes, QNames resolved by namespace URI and written
 * with the canonical prefix, and facts that wait for their context and unit
 * until the whole document was read (a fact may come before them).  Private to
 * the two readers.
 */
#ifndef RC_READ_XBRLINST_H
#define RC_READ_XBRLINST_H

#include <stdbool.h>
#include <stddef.h>

#include <libxml/tree.h>

#include "read/xbrl.h"

#define RC_NS_XBRLI "http://www.xbrl.org/2003/instance"
#define RC_NS_XBRLDI "http://xbrl.org/2006/xbrldi"
#define RC_NS_LINK "http://www.xbrl.org/2003/linkbase"
#define RC_NS_XSI "http://www.w3.org/2001/XMLSchema-instance"

typedef struct rc_xbrl__context rc_xbrl__context;
typedef struct rc_xbrl__unit rc_xbrl__unit;
typedef struct rc_xbrl__pending rc_xbrl__pending;
typedef struct rc_xbrl__prefix rc_xbrl__prefix;

/* One document being read into a list. */
typedef struct rc_xbrl__doc {
    rc_xfacts *list;
    const char *name; /* the input, for messages */
    rc_ctx *ctx;
    xmlDoc *xml;    /* the libxml2 document the nodes belong to */
    unsigned line0; /* what to add to libxml2's line numbers */
    size_t base;    /* list->n when the document began: its facts follow */
    rc_xbrl__context *contexts;
    size_t ncontexts, capcontexts;
    rc_xbrl__unit *units;
    size_t nunits, capunits;
    rc_xbrl__pending *pending; /* one per fact of the document, in list order */
    size_t npending, cappending;
    rc_xbrl__prefix *prefixes; /* the prefix chosen for each namespace met */
    size_t nprefixes, capprefixes;
    const char **interned; /* a hash set of the strings many facts share */
    size_t ninterned, capinterned;
} rc_xbrl__doc;

void rc_xbrl__doc_init(rc_xbrl__doc *d, rc_xfacts *list, const char *name, rc_ctx *ctx);
/* Free what the document used while it was read (the list keeps its facts). */
void rc_xbrl__doc_clear(rc_xbrl__doc *d);

/* s[0..n) as a string of the list's arena, the same pointer for the same text
 * (concepts, context and unit references repeat in every fact); NULL when out
 * of memory. */
const char *rc_xbrl__intern(rc_xbrl__doc *d, const char *s, size_t n);

/* Read an xbrli:context / xbrli:unit element.  A context or unit that cannot be
 * read is kept with the reason, and the facts that use it are left out with a
 * note.  RC_OK, RC_ENOMEM, or RC_EFORMAT (an entity reference; message in ctx). */
int rc_xbrl__read_context(rc_xbrl__doc *d, xmlNode *el, unsigned line);
int rc_xbrl__read_unit(rc_xbrl__doc *d, xmlNode *el, unsigned line);

/*
 * The QName of element el with the canonical prefix of its namespace
 * (rc_xbrl_standard_prefix), or for any other namespace the prefix the
 * document gives it (the first one met; a namespace used only as the default
 * gets a prefix declared for it on the root element, else "ext", "ext2"...).
 * Into the list's arena; NULL when out of memory or el has no namespace.
 */
const char *rc_xbrl__element_qname(rc_xbrl__doc *d, xmlNode *el);

/* The same for a QName written as text ("us-gaap:AwardTypeAxis", or unprefixed in
 * the default namespace) in the scope of element el.  RC_OK with *out set,
 * RC_ESYNTAX (*out NULL) when its prefix is not declared, or RC_ENOMEM. */
int rc_xbrl__text_qname(rc_xbrl__doc *d, xmlNode *el, const char *text, const char **out);

/*
 * The text of el's subtree (text and CDATA of every descendant, elements in the
 * given namespace named `skip` left out with their content) appended to out.
 * An entity reference fails with RC_EFORMAT and a message in ctx: entities are
 * never expanded.  line0 is added to lines of messages.
 */
int rc_xbrl__text(rc_xbrl__doc *d, xmlNode *el, const char *skip_ns, const char *skip,
                  unsigned line0, rc_buf *out);

/* A new fact of the document (rc_xfacts_add) that waits for the context and unit
 * named (copied; unit_ref may be NULL) until rc_xbrl__resolve.  NULL when out of memory. */
rc_xfact *rc_xbrl__add_fact(rc_xbrl__doc *d, const char *context_ref, const char *unit_ref);

/* Give every fact of the document its entity, period, dimensions and unit; a fact
 * whose context or unit is missing or unreadable is left out with a note.  RC_OK or
 * RC_ENOMEM. */
int rc_xbrl__resolve(rc_xbrl__doc *d);

/* Leave out the document's last fact (one that turned out unreadable). */
void rc_xbrl__drop_last(rc_xbrl__doc *d);

/* "INF" or an integer (in a sane range) into *out; false when it is neither. */
bool rc_xbrl__parse_decimals(const char *text, int *out);

/* Is s[0..n) a finite xs:decimal or xs:double lexical value ("-1500", "5.877", "1.2E3")? */
bool rc_xbrl__is_number(const char *s, size_t n);

/* Trim XML blanks from both ends of s[0..*n), returning the new start. */
const char *rc_xbrl__trim(const char *s, size_t *n);

/* The line of node n (the end of its start tag), with line0 added. */
unsigned rc_xbrl__line(const xmlNode *n, unsigned line0);

#endif
