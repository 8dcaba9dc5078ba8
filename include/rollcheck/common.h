/*
 * rollcheck/common.h - error codes, the error context and source locations.
 *
 * Every function of the library that can fail returns an int: 0 (RC_OK) on
 * success, a negative RC_E* code on failure.  The one-line message that goes
 * with a failure is kept in an rc_ctx that the caller passes in, never in a
 * global, so that separate contexts can be used from separate threads.
 */
#ifndef ROLLCHECK_COMMON_H
#define ROLLCHECK_COMMON_H

#include <stdarg.h>
#include <stddef.h>

#define RC_VERSION "0.1.0"

/* Error codes: 0 is success, every failure is negative. */
enum {
    RC_OK = 0,
    RC_ENOMEM = -1,  /* out of memory */
    RC_EIO = -2,     /* a file could not be opened or read */
    RC_ESYNTAX = -3, /* malformed input (a number, a rule, a document) */
    RC_EINVAL = -4,  /* a bad argument or a value out of its domain */
    RC_ENA = -5,     /* not applicable: a value is absent or a divisor holds zero */
    RC_ENOTFOUND = -6,
    RC_EFORMAT = -7, /* input of an unknown or unsupported form */
    RC_ELIMIT = -8   /* input beyond a fixed limit (size, depth) */
};

/* A place in an input: file name, 1-based line and column (0 = unknown),
 * and, for XBRL facts, the fact's id.  Strings are borrowed from whoever
 * made the location (usually a model's arena). */
typedef struct rc_source {
    const char *file;
    unsigned line;
    unsigned col;
    const char *id;
} rc_source;

/* The error context: holds the message of the last failure. */
typedef struct rc_ctx rc_ctx;

/* Make a context.  Returns RC_OK or RC_ENOMEM; free it with rc_ctx_free. */
int rc_ctx_new(rc_ctx **out);
void rc_ctx_free(rc_ctx *ctx);

/* The last error message, one line without a trailing newline, formatted
 * as "file:line:col: error: message" when a location was given; "" when
 * there is none.  The string is owned by ctx and valid until the next
 * rc_ctx_* call on it. */
const char *rc_ctx_error(const rc_ctx *ctx);

/* The code of the last error, or RC_OK. */
int rc_ctx_code(const rc_ctx *ctx);

/* Record an error and return its code, so that callers can write
 *   return rc_ctx_fail(ctx, RC_ESYNTAX, "bad number '%s'", text);
 * ctx may be NULL (the message is then dropped). */
int rc_ctx_fail(rc_ctx *ctx, int code, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));

/* The same with a location; a NULL or empty file leaves the prefix out,
 * line 0 leaves out line and column, col 0 leaves out the column. */
int rc_ctx_fail_at(rc_ctx *ctx, int code, const char *file, unsigned line, unsigned col,
                   const char *fmt, ...) __attribute__((format(printf, 6, 7)));

int rc_ctx_vfail_at(rc_ctx *ctx, int code, const char *file, unsigned line, unsigned col,
                    const char *fmt, va_list ap);

void rc_ctx_clear(rc_ctx *ctx);

/* Optional further lines that show where an error is: the offending source
 * line and a caret line under the place ("  a + * b\n      ^").  Set after
 * rc_ctx_fail*, cleared by every rc_ctx_fail* and rc_ctx_clear.  The text is
 * copied (truncated at 4 KiB); rc_ctx_detail returns "" when there is none. */
void rc_ctx_set_detail(rc_ctx *ctx, const char *text);
const char *rc_ctx_detail(const rc_ctx *ctx);

/* A short English name of an error code ("out of memory"). Static string. */
const char *rc_strerror(int code);

#endif
