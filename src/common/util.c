/* Arena, string buffer and file helpers shared by the library's modules. */
#include <errno.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <dirent.h>
#include <sys/stat.h>

#include "common/util.h"

/* ---- arena ---------------------------------------------------------------- */

typedef struct arena_block {
    struct arena_block *next;
    size_t used, cap;
    max_align_t data[]; /* aligned for any type */
} arena_block;

struct rc_arena {
    arena_block *head;
};

#define ARENA_BLOCK (64 * 1024)

rc_arena *rc_arena_new(void)
{
    return calloc(1, sizeof(rc_arena));
}

void rc_arena_free(rc_arena *a)
{
    if (!a)
        return;
    arena_block *b = a->head;
    while (b) {
        arena_block *next = b->next;
        free(b);
        b = next;
    }
    free(a);
}

void *rc_arena_alloc(rc_arena *a, size_t size)
{
    const size_t align = sizeof(max_align_t);
    size = (size + align - 1) / align * align;
    if (size == 0)
        size = align;
    arena_block *b = a->head;
    if (!b || b->cap - b->used < size) {
        size_t cap = size > ARENA_BLOCK ? size : ARENA_BLOCK;
        if (cap > SIZE_MAX - sizeof(arena_block))
            return NULL;
        arena_block *nb = malloc(sizeof(arena_block) + cap);
        if (!nb)
            return NULL;
        nb->used = 0;
        nb->cap = cap;
        /* A block made for one big allocation goes behind the current one, so
         * that the current block's free space is not wasted. */
        if (b && size > ARENA_BLOCK) {
            nb->next = b->next;
            b->next = nb;
        } else {
            nb->next = b;
            a->head = nb;
        }
        b = nb;
    }
    void *p = (char *)b->data + b->used;
    b->used += size;
    memset(p, 0, size);
    return p;
}

char *rc_arena_strndup(rc_arena *a, const char *s, size_t n)
{
    char *p = rc_arena_alloc(a, n + 1);
    if (!p)
        return NULL;
    memcpy(p, s, n);
    p[n] = '\0';
    return p;
}

char *rc_arena_strdup(rc_arena *a, const char *s)
{
    return s ? rc_arena_strndup(a, s, strlen(s)) : NULL;
}

char *rc_arena_printf(rc_arena *a, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    int n = vsnprintf(NULL, 0, fmt, ap);
    va_end(ap);
    if (n < 0)
        return NULL;
    char *p = rc_arena_alloc(a, (size_t)n + 1);
    if (!p)
        return NULL;
    va_start(ap, fmt);
    vsnprintf(p, (size_t)n + 1, fmt, ap);
    va_end(ap);
    return p;
}

/* ---- string buffer ---------------------------------------------------------- */

static bool buf_reserve(rc_buf *b, size_t extra)
{
    if (b->failed)
        return false;
    if (b->len + extra + 1 <= b->cap)
        return true;
    size_t cap = b->cap ? b->cap : 64;
    while (cap < b->len + extra + 1) {
        if (cap > SIZE_MAX / 2) {
            b->failed = true;
            return false;
        }
        cap *= 2;
    }
    char *p = realloc(b->data, cap);
    if (!p) {
        b->failed = true;
        return false;
    }
    b->data = p;
    b->cap = cap;
    return true;
}

void rc_buf_append(rc_buf *b, const char *s, size_t n)
{
    if (!buf_reserve(b, n))
        return;
    if (n)
        memcpy(b->data + b->len, s, n);
    b->len += n;
    b->data[b->len] = '\0';
}

void rc_buf_puts(rc_buf *b, const char *s)
{
    rc_buf_append(b, s, strlen(s));
}

void rc_buf_putc(rc_buf *b, char c)
{
    rc_buf_append(b, &c, 1);
}

void rc_buf_vprintf(rc_buf *b, const char *fmt, va_list ap)
{
    va_list ap2;
    va_copy(ap2, ap);
    int n = vsnprintf(NULL, 0, fmt, ap2);
    va_end(ap2);
    if (n < 0 || !buf_reserve(b, (size_t)n))
        return;
    vsnprintf(b->data + b->len, (size_t)n + 1, fmt, ap);
    b->len += (size_t)n;
}

void rc_buf_printf(rc_buf *b, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    rc_buf_vprintf(b, fmt, ap);
    va_end(ap);
}

char *rc_buf_take(rc_buf *b)
{
    if (b->failed) {
        rc_buf_free(b);
        return NULL;
    }
    if (!b->data) {
        char *p = malloc(1);
        if (p)
            p[0] = '\0';
        return p;
    }
    char *p = b->data;
    b->data = NULL;
    b->len = b->cap = 0;
    return p;
}

void rc_buf_free(rc_buf *b)
{
    free(b->data);
    b->data = NULL;
    b->len = b->cap = 0;
    b->failed = false;
}

/* ---- files ------------------------------------------------------------------ */

int rc_read_whole_file(const char *path, size_t max, char **out, size_t *len, rc_ctx *ctx)
{
    struct stat st;
    FILE *f = fopen(path, "rb");
    if (!f)
        return rc_ctx_fail_at(ctx, RC_EIO, path, 0, 0, "cannot open: %s", strerror(errno));
    if (fstat(fileno(f), &st) != 0) {
        int e = errno;
        fclose(f);
        return rc_ctx_fail_at(ctx, RC_EIO, path, 0, 0, "cannot read: %s", strerror(e));
    }
    if (S_ISDIR(st.st_mode)) {
        fclose(f);
        return rc_ctx_fail_at(ctx, RC_EIO, path, 0, 0, "is a directory, not a file");
    }
    /* Read in chunks: pipes and /proc files have no useful size. */
    size_t cap = S_ISREG(st.st_mode) && st.st_size > 0 ? (size_t)st.st_size + 1 : 4096;
    if (cap > max + 1)
        cap = max + 1;
    char *data = malloc(cap);
    size_t n = 0;
    if (!data) {
        fclose(f);
        return rc_ctx_fail_at(ctx, RC_ENOMEM, path, 0, 0, "out of memory reading the file");
    }
    for (;;) {
        if (n + 1 >= cap) {
            if (cap > max) {
                free(data);
                fclose(f);
                return rc_ctx_fail_at(ctx, RC_ELIMIT, path, 0, 0,
                                      "file is larger than the limit of %zu bytes", max);
            }
            size_t ncap = cap * 2 > max + 1 ? max + 1 : cap * 2;
            char *p = realloc(data, ncap);
            if (!p) {
                free(data);
                fclose(f);
                return rc_ctx_fail_at(ctx, RC_ENOMEM, path, 0, 0, "out of memory reading the file");
            }
            data = p;
            cap = ncap;
        }
        size_t got = fread(data + n, 1, cap - 1 - n, f);
        n += got;
        if (got == 0) {
            if (ferror(f)) {
                int e = errno;
                free(data);
                fclose(f);
                return rc_ctx_fail_at(ctx, RC_EIO, path, 0, 0, "cannot read: %s", strerror(e));
            }
            break;
        }
    }
    fclose(f);
    data[n] = '\0';
    *out = data;
    *len = n;
    return RC_OK;
}

void rc_line_col(const char *buf, size_t len, size_t off, unsigned *line, unsigned *col)
{
    unsigned l = 1, c = 1;
    if (off > len)
        off = len;
    for (size_t i = 0; i < off; i++) {
        if (buf[i] == '\n') {
            l++;
            c = 1;
        } else {
            c++;
        }
    }
    *line = l;
    *col = c;
}

/* ---- directories -------------------------------------------------------------- */

static int path_cmp(const void *a, const void *b)
{
    return strcmp(*(char *const *)a, *(char *const *)b);
}

void rc_dir_list_free(char **paths, size_t n)
{
    for (size_t i = 0; paths && i < n; i++)
        free(paths[i]);
    free(paths);
}

int rc_dir_list(const char *dir, const char *suffix, char ***paths, size_t *n)
{
    *paths = NULL;
    *n = 0;
    DIR *d = opendir(dir);
    if (!d)
        return RC_EIO;
    size_t dl = strlen(dir), sl = suffix ? strlen(suffix) : 0, count = 0, cap = 0;
    bool slash = dl > 0 && dir[dl - 1] == '/';
    char **list = NULL;
    int rc = RC_OK;
    struct dirent *e;
    while ((e = readdir(d)) != NULL) {
        size_t len = strlen(e->d_name);
        if (e->d_name[0] == '.' || len <= sl || (sl && strcmp(e->d_name + len - sl, suffix) != 0))
            continue;
        if (count == cap) {
            size_t c = cap ? cap * 2 : 16;
            char **p = realloc(list, c * sizeof *p);
            if (!p) {
                rc = RC_ENOMEM;
                break;
            }
            list = p;
            cap = c;
        }
        char *path = malloc(dl + len + 2);
        if (!path) {
            rc = RC_ENOMEM;
            break;
        }
        sprintf(path, "%s%s%s", dir, slash ? "" : "/", e->d_name);
        list[count++] = path;
    }
    closedir(d);
    if (rc != RC_OK) {
        rc_dir_list_free(list, count);
        return rc;
    }
    /* "dir/" is common to all: ordering the paths orders the names */
    if (count > 1)
        qsort(list, count, sizeof *list, path_cmp);
    *paths = list;
    *n = count;
    return RC_OK;
}
