/*
 * A parsed JSON document that remembers where each value was written.
 *
 * cJSON keeps no positions, so after it has parsed a document we scan the
 * text once more and record the offset of every value (and of its key) in
 * document order; a pre-order walk of the cJSON tree meets the values in the
 * same order.  Private to the library.
 */
#ifndef RC_COMMON_JSONDOC_H
#define RC_COMMON_JSONDOC_H

#include <stdarg.h>
#include <stddef.h>
#include <cjson/cJSON.h>

#include "rollcheck/common.h"

typedef struct rc_jsonpos {
    const cJSON *node;
    size_t off;     /* where the value starts */
    size_t key_off; /* where its key starts (members of objects), else off */
} rc_jsonpos;

typedef struct rc_jsondoc {
    cJSON *root;
    const char *name; /* file name for messages (borrowed) */
    const char *buf;  /* the text (borrowed) */
    size_t len;
    rc_jsonpos *pos;  /* sorted by node pointer */
    size_t npos;
} rc_jsondoc;

/* Parse buf[0..len).  Invalid JSON fails with RC_ESYNTAX and the message
 * "name:line:col: error: invalid JSON: ..." (with a caret detail); nesting
 * deeper than cJSON's limit likewise.  buf and name must outlive doc. */
int rc_jsondoc_parse(rc_jsondoc *doc, const char *name, const char *buf, size_t len, rc_ctx *ctx);
void rc_jsondoc_free(rc_jsondoc *doc);

/* Line and column (1-based) of a node's value, or of its key; 0, 0 when the
 * node is not of this document. */
void rc_jsondoc_where(const rc_jsondoc *doc, const cJSON *node, unsigned *line, unsigned *col);
void rc_jsondoc_key_where(const rc_jsondoc *doc, const cJSON *node, unsigned *line, unsigned *col);
size_t rc_jsondoc_offset(const rc_jsondoc *doc, const cJSON *node); /* SIZE_MAX if unknown */

/* The text of a number value exactly as written ("0.24", "1e3"): no float. */
int rc_jsondoc_number_text(const rc_jsondoc *doc, const cJSON *node, const char **text,
                           size_t *len);

/* Record an error at a node (its key when at_key), with the source line and
 * a caret as the ctx detail.  Returns code. */
int rc_jsondoc_fail(const rc_jsondoc *doc, rc_ctx *ctx, int code, const cJSON *node, int at_key,
                    const char *fmt, ...) __attribute__((format(printf, 6, 7)));
int rc_jsondoc_vfail(const rc_jsondoc *doc, rc_ctx *ctx, int code, const cJSON *node, int at_key,
                     const char *fmt, va_list ap);

/* Set ctx's detail to the line of buf holding off, and a caret under it. */
void rc_caret_detail(rc_ctx *ctx, const char *buf, size_t len, size_t off);

#endif
