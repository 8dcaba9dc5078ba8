/* Lists of XBRL facts (xbrl.h): the common output of the XBRL readers. */
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>

#include "read/xbrl.h"

int rc_xfacts_init(rc_xfacts *list, const char *file)
{
    memset(list, 0, sizeof *list);
    list->arena = rc_arena_new();
    if (!list->arena)
        return RC_ENOMEM;
    list->file = file ? rc_arena_strdup(list->arena, file) : NULL;
    if (file && !list->file) {
        rc_arena_free(list->arena);
        list->arena = NULL;
        return RC_ENOMEM;
    }
    return RC_OK;
}

void rc_xfacts_clear(rc_xfacts *list)
{
    free(list->items);
    rc_arena_free(list->arena);
    memset(list, 0, sizeof *list);
}

rc_xfact *rc_xfacts_add(rc_xfacts *list)
{
    if (list->n == list->cap) {
        size_t cap = list->cap ? list->cap * 2 : 256;
        rc_xfact *p = realloc(list->items, cap * sizeof *p);
        if (!p)
            return NULL;
        list->items = p;
        list->cap = cap;
    }
    rc_xfact *f = &list->items[list->n++];
    memset(f, 0, sizeof *f);
    f->start = f->end = RC_NO_DATE;
    f->decimals = RC_XDECIMALS_UNSET;
    f->shown = RC_DECIMALS_INF;
    f->src.file = list->file;
    return f;
}

const char *rc_xfacts_strndup(rc_xfacts *list, const char *s, size_t n)
{
    return rc_arena_strndup(list->arena, s, n);
}

const char *rc_xfacts_strdup(rc_xfacts *list, const char *s)
{
    return s ? rc_arena_strdup(list->arena, s) : NULL;
}

int rc_xfacts_note(rc_xfacts *list, unsigned line, unsigned col, const char *id, const char *fmt,
                   ...)
{
    rc_xnote *note = rc_arena_alloc(list->arena, sizeof *note);
    if (!note) return RC_ENOMEM;
    va_list ap;
    va_start(ap, fmt);
    rc_buf text = RC_BUF_INIT;
    rc_buf_vprintf(&text, fmt, ap);
    va_end(ap);
    note->text = text.failed ? NULL : rc_arena_strndup(list->arena, text.data ? text.data : "",
                                                         text.len);
    rc_buf_free(&text);
    if (!note->text) return RC_ENOMEM;
    note->src.file = list->file;
    note->src.line = line;
    note->src.col = col;
    note->src.id = id ? rc_arena_strdup(list->arena, id) : NULL;
    if (id && !note->src.id) return RC_ENOMEM;
    if (list->notes_last)
        list->notes_last->next = note;
    else
        list->notes = note;
    list->notes_last = note;
    list->nnotes++;
    return RC_OK;
}

static int dim_cmp(const void *a, const void *b)
{
    return strcmp(((const rc_xdim *)a)->axis, ((const rc_xdim *)b)->axis);
}

void rc_xfact_sort_dims(rc_xfact *fact)
{
    if (fact->ndims > 1)
        qsort(fact->dims, fact->ndims, sizeof *fact->dims, dim_cmp);
}

/* Does ns start with base, followed by nothing, "/" or a version ("/2023")? */
static bool ns_is(const char *ns, const char *base)
{
    size_t n = strlen(base);
    return strncmp(ns, base, n) == 0 && (ns[n] == '\0' || ns[n] == '/');
}

const char *rc_xbrl_standard_prefix(const char *ns)
{
    if (!ns)
        return NULL;
    if (ns_is(ns, "http://fasb.org/us-gaap"))
        return "us-gaap";
    if (ns_is(ns, "http://fasb.org/srt"))
        return "srt";
    if (ns_is(ns, "http://xbrl.sec.gov/dei"))
        return "dei";
    if (strcmp(ns, "http://www.xbrl.org/2003/instance") == 0)
        return "xbrli";
    if (strcmp(ns, "http://www.xbrl.org/2003/iso4217") == 0)
        return "iso4217";
    if (strcmp(ns, "http://www.xbrl.org/2009/utr") == 0)
        return "utr"; /* the units registry: "utreg:Rate" is "utr:Rate" */
    /* IFRS: http://xbrl.ifrs.org/taxonomy/2023-03-23/ifrs-full */
    if (strncmp(ns, "http://xbrl.ifrs.org/taxonomy/", 30) == 0) {
        const char *last = strrchr(ns, '/');
        if (last && strcmp(last, "/ifrs-full") == 0)
            return "ifrs-full";
    }
    return NULL;
}
