/* JSON documents with positions: cJSON for the tree, one scan for where. */
#include <stdbool.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "common/jsondoc.h"
#include "common/util.h"

static size_t skip_ws(const char *s, size_t i, size_t n)
{
    while (i < n && (s[i] == ' ' || s[i] == '\t' || s[i] == '\n' || s[i] == '\r'))
        i++;
    return i;
}

/* End of the string token starting at s[i] == '"'. */
static size_t skip_string(const char *s, size_t i, size_t n)
{
    for (i++; i < n; i++) {
        if (s[i] == '\\')
            i++;
        else if (s[i] == '"')
            return i + 1;
    }
    return n;
}

static int pos_cmp(const void *a, const void *b)
{
    uintptr_t x = (uintptr_t)((const rc_jsonpos *)a)->node;
    uintptr_t y = (uintptr_t)((const rc_jsonpos *)b)->node;
    return x < y ? -1 : x > y;
}

int rc_jsondoc_parse(rc_jsondoc *doc, const char *name, const char *buf, size_t len, rc_ctx *ctx)
{
    memset(doc, 0, sizeof *doc);
    doc->name = name;
    doc->buf = buf;
    doc->len = len;
    const char *end = NULL;
    cJSON *root = cJSON_ParseWithLengthOpts(buf, len, &end, 0);
    if (!root) {
        size_t off = end && end >= buf && end <= buf + len ? (size_t)(end - buf) : 0;
        unsigned line, col;
        rc_line_col(buf, len, off, &line, &col);
        int rc = rc_ctx_fail_at(ctx, RC_ESYNTAX, name, line, col,
                                off >= len ? "invalid JSON: unexpected end of input"
                                           : "invalid JSON");
        rc_caret_detail(ctx, buf, len, off);
        return rc;
    }
    size_t i = end >= buf && end <= buf + len ? (size_t)(end - buf) : len;
    i = skip_ws(buf, i, len);
    if (i < len && buf[i] != '\0') {
        cJSON_Delete(root);
        unsigned line, col;
        rc_line_col(buf, len, i, &line, &col);
        int rc = rc_ctx_fail_at(ctx, RC_ESYNTAX, name, line, col,
                                "invalid JSON: unexpected text after the document");
        rc_caret_detail(ctx, buf, len, i);
        return rc;
    }

    /* scan the value starts in document order */
    size_t cap = 64, n = 0;
    size_t *offs = malloc(cap * sizeof *offs), *keys = malloc(cap * sizeof *keys);
    if (!offs || !keys)
        goto nomem;
    size_t pending_key = SIZE_MAX;
    i = 0;
    if (len >= 3 && memcmp(buf, "\xef\xbb\xbf", 3) == 0)
        i = 3;
    while ((i = skip_ws(buf, i, len)) < len && buf[i] != '\0') {
        char c = buf[i];
        size_t start = i;
        bool value = true;
        if (c == '}' || c == ']' || c == ',' || c == ':') {
            i++;
            continue;
        } else if (c == '"') {
            i = skip_string(buf, i, len);
            size_t j = skip_ws(buf, i, len);
            if (j < len && buf[j] == ':') {
                pending_key = start;
                value = false;
            }
        } else if (c == '{' || c == '[') {
            i++;
        } else {
            while (i < len && !strchr(" \t\r\n,]}:", buf[i]) && buf[i] != '\0')
                i++;
        }
        if (!value)
            continue;
        if (n == cap) {
            cap *= 2;
            size_t *o2 = realloc(offs, cap * sizeof *offs);
            if (!o2)
                goto nomem;
            offs = o2;
            size_t *k2 = realloc(keys, cap * sizeof *keys);
            if (!k2)
                goto nomem;
            keys = k2;
        }
        offs[n] = start;
        keys[n] = pending_key != SIZE_MAX ? pending_key : start;
        pending_key = SIZE_MAX;
        n++;
    }

    /* walk the tree in pre-order with an explicit stack */
    doc->pos = malloc((n ? n : 1) * sizeof *doc->pos);
    const cJSON **stack = malloc((n ? n : 1) * sizeof *stack);
    if (!doc->pos || !stack) {
        free(stack);
        goto nomem;
    }
    size_t sp = 0, k = 0;
    stack[sp++] = root;
    while (sp > 0) {
        const cJSON *node = stack[--sp];
        if (k < n) {
            doc->pos[k].node = node;
            doc->pos[k].off = offs[k];
            doc->pos[k].key_off = keys[k];
            k++;
        }
        /* push children in reverse so that the first is visited first */
        size_t nchild = 0;
        for (const cJSON *c = node->child; c; c = c->next)
            nchild++;
        if (sp + nchild > n)
            break; /* cannot happen for a document cJSON accepted */
        sp += nchild;
        size_t idx = sp;
        for (const cJSON *c = node->child; c; c = c->next)
            stack[--idx] = c;
    }
    free(stack);
    doc->npos = k;
    qsort(doc->pos, doc->npos, sizeof *doc->pos, pos_cmp);
    free(offs);
    free(keys);
    doc->root = root;
    return RC_OK;
nomem:
    free(offs);
    free(keys);
    free(doc->pos);
    doc->pos = NULL;
    cJSON_Delete(root);
    return rc_ctx_fail_at(ctx, RC_ENOMEM, name, 0, 0, "out of memory");
}

void rc_jsondoc_free(rc_jsondoc *doc)
{
    cJSON_Delete(doc->root);
    free(doc->pos);
    memset(doc, 0, sizeof *doc);
}

static const rc_jsonpos *find(const rc_jsondoc *doc, const cJSON *node)
{
    rc_jsonpos key = {node, 0, 0};
    return doc->pos ? bsearch(&key, doc->pos, doc->npos, sizeof *doc->pos, pos_cmp) : NULL;
}

size_t rc_jsondoc_offset(const rc_jsondoc *doc, const cJSON *node)
{
    const rc_jsonpos *p = find(doc, node);
    return p ? p->off : SIZE_MAX;
}

void rc_jsondoc_where(const rc_jsondoc *doc, const cJSON *node, unsigned *line, unsigned *col)
{
    const rc_jsonpos *p = find(doc, node);
    if (!p) {
        *line = *col = 0;
        return;
    }
    rc_line_col(doc->buf, doc->len, p->off, line, col);
}

void rc_jsondoc_key_where(const rc_jsondoc *doc, const cJSON *node, unsigned *line,
                          unsigned *col)
{
    const rc_jsonpos *p = find(doc, node);
    if (!p) {
        *line = *col = 0;
        return;
    }
    rc_line_col(doc->buf, doc->len, p->key_off, line, col);
}

int rc_jsondoc_number_text(const rc_jsondoc *doc, const cJSON *node, const char **text,
                           size_t *len)
{
    const rc_jsonpos *p = find(doc, node);
    if (!p || !cJSON_IsNumber(node))
        return RC_ENOTFOUND;
    size_t i = p->off;
    while (i < doc->len && strchr("+-0123456789.eE", doc->buf[i]) && doc->buf[i] != '\0')
        i++;
    *text = doc->buf + p->off;
    *len = i - p->off;
    return RC_OK;
}

void rc_caret_detail(rc_ctx *ctx, const char *buf, size_t len, size_t off)
{
    if (!ctx || !buf)
        return;
    if (off > len)
        off = len;
    size_t a = off, b = off;
    while (a > 0 && buf[a - 1] != '\n')
        a--;
    while (b < len && buf[b] != '\n' && buf[b] != '\0')
        b++;
    /* keep long lines readable: a window of 100 bytes around the place */
    size_t from = a, to = b;
    if (off - from > 60)
        from = off - 60;
    if (to - off > 60)
        to = off + 60;
    rc_buf d = RC_BUF_INIT;
    rc_buf_puts(&d, "  ");
    for (size_t i = from; i < to; i++)
        rc_buf_putc(&d, buf[i] == '\t' ? ' ' : (buf[i] == '\r' ? ' ' : buf[i]));
    rc_buf_puts(&d, "\n  ");
    /* one space per character (UTF-8 continuation bytes take no column) */
    for (size_t i = from; i < off; i++)
        if (((unsigned char)buf[i] & 0xc0) != 0x80)
            rc_buf_putc(&d, ' ');
    rc_buf_putc(&d, '^');
    char *s = rc_buf_take(&d);
    rc_ctx_set_detail(ctx, s);
    free(s);
}

int rc_jsondoc_vfail(const rc_jsondoc *doc, rc_ctx *ctx, int code, const cJSON *node, int at_key,
                     const char *fmt, va_list ap)
{
    const rc_jsonpos *p = node ? find(doc, node) : NULL;
    size_t off = p ? (at_key ? p->key_off : p->off) : SIZE_MAX;
    unsigned line = 0, col = 0;
    if (off != SIZE_MAX)
        rc_line_col(doc->buf, doc->len, off, &line, &col);
    rc_ctx_vfail_at(ctx, code, doc->name, line, col, fmt, ap);
    if (off != SIZE_MAX)
        rc_caret_detail(ctx, doc->buf, doc->len, off);
    return code;
}

int rc_jsondoc_fail(const rc_jsondoc *doc, rc_ctx *ctx, int code, const cJSON *node, int at_key,
                    const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    rc_jsondoc_vfail(doc, ctx, code, node, at_key, fmt, ap);
    va_end(ap);
    return code;
}
