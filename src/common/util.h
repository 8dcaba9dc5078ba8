/*
 * Private helpers shared by the library's modules: an arena, a growable
 * string buffer, and reading a whole file.  Not part of the public API.
 */
#ifndef RC_COMMON_UTIL_H
#define RC_COMMON_UTIL_H

#include <stdarg.h>
#include <stdbool.h>
#include <stddef.h>

#include "rollcheck/common.h"

/* ---- arena: many small allocations, one free ---- */
typedef struct rc_arena rc_arena;

rc_arena *rc_arena_new(void);
void rc_arena_free(rc_arena *a);
/* Zeroed memory, aligned for any type; NULL when out of memory. */
void *rc_arena_alloc(rc_arena *a, size_t size);
char *rc_arena_strndup(rc_arena *a, const char *s, size_t n);
char *rc_arena_strdup(rc_arena *a, const char *s);
char *rc_arena_printf(rc_arena *a, const char *fmt, ...) __attribute__((format(printf, 2, 3)));

/* ---- growable string ---- */
typedef struct rc_buf {
    char *data;   /* NUL-terminated when len > 0 or after any append */
    size_t len;
    size_t cap;
    bool failed;  /* an allocation failed: appends became no-ops */
} rc_buf;

#define RC_BUF_INIT {NULL, 0, 0, false}

void rc_buf_append(rc_buf *b, const char *s, size_t n);
void rc_buf_puts(rc_buf *b, const char *s);
void rc_buf_putc(rc_buf *b, char c);
void rc_buf_printf(rc_buf *b, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
void rc_buf_vprintf(rc_buf *b, const char *fmt, va_list ap);
/* Hand the string over (caller frees); "" becomes a malloc'ed "". NULL on failure. */
char *rc_buf_take(rc_buf *b);
void rc_buf_free(rc_buf *b);

/* ---- files ---- */
/* Read the whole regular file at path into a malloc'ed buffer (NUL-terminated,
 * *len bytes before the NUL).  Errors (missing, a directory, unreadable, larger
 * than max bytes) are put into ctx as "path: error: ...". */
int rc_read_whole_file(const char *path, size_t max, char **out, size_t *len, rc_ctx *ctx);

/* The entries of directory dir whose names end in suffix (any, when NULL), dotfiles
 * left out, as paths "dir/name" in name order.  Returns RC_OK, RC_EIO (errno says why)
 * or RC_ENOMEM; free the list with rc_dir_list_free. */
int rc_dir_list(const char *dir, const char *suffix, char ***paths, size_t *n);
void rc_dir_list_free(char **paths, size_t n);

/* Line and column (1-based, column in bytes) of offset off in buf. */
void rc_line_col(const char *buf, size_t len, size_t off, unsigned *line, unsigned *col);

#endif
