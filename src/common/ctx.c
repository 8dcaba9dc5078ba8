/* The error context: one message, kept on the side (libgit2's way). */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "rollcheck/common.h"

#define RC_CTX_MSG_MAX 1024
#define RC_CTX_DETAIL_MAX 4096

struct rc_ctx {
    int code;
    char msg[RC_CTX_MSG_MAX];
    char detail[RC_CTX_DETAIL_MAX];
};

int rc_ctx_new(rc_ctx **out)
{
    rc_ctx *ctx = calloc(1, sizeof *ctx);
    if (!ctx)
        return RC_ENOMEM;
    *out = ctx;
    return RC_OK;
}

void rc_ctx_free(rc_ctx *ctx)
{
    free(ctx);
}

const char *rc_ctx_error(const rc_ctx *ctx)
{
    return ctx ? ctx->msg : "";
}

int rc_ctx_code(const rc_ctx *ctx)
{
    return ctx ? ctx->code : RC_OK;
}

void rc_ctx_clear(rc_ctx *ctx)
{
    if (!ctx)
        return;
    ctx->code = RC_OK;
    ctx->msg[0] = '\0';
    ctx->detail[0] = '\0';
}

void rc_ctx_set_detail(rc_ctx *ctx, const char *text)
{
    if (!ctx)
        return;
    snprintf(ctx->detail, sizeof ctx->detail, "%s", text ? text : "");
}

const char *rc_ctx_detail(const rc_ctx *ctx)
{
    return ctx ? ctx->detail : "";
}

/* Messages are one line: control characters (a newline inside a quoted
 * input token, say) become spaces. */
static void one_line(char *s)
{
    for (; *s; s++)
        if ((unsigned char)*s < 0x20)
            *s = ' ';
}

int rc_ctx_vfail_at(rc_ctx *ctx, int code, const char *file, unsigned line, unsigned col,
                    const char *fmt, va_list ap)
{
    if (!ctx)
        return code;
    size_t n = 0;
    int w = 0;
    if (file && *file) {
        if (line && col)
            w = snprintf(ctx->msg, sizeof ctx->msg, "%s:%u:%u: error: ", file, line, col);
        else if (line)
            w = snprintf(ctx->msg, sizeof ctx->msg, "%s:%u: error: ", file, line);
        else
            w = snprintf(ctx->msg, sizeof ctx->msg, "%s: error: ", file);
    } else {
        w = snprintf(ctx->msg, sizeof ctx->msg, "error: ");
    }
    n = w < 0 ? 0 : (size_t)w;
    if (n >= sizeof ctx->msg)
        n = sizeof ctx->msg - 1;
    vsnprintf(ctx->msg + n, sizeof ctx->msg - n, fmt, ap);
    one_line(ctx->msg);
    ctx->detail[0] = '\0';
    ctx->code = code;
    return code;
}

int rc_ctx_fail_at(rc_ctx *ctx, int code, const char *file, unsigned line, unsigned col,
                   const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    rc_ctx_vfail_at(ctx, code, file, line, col, fmt, ap);
    va_end(ap);
    return code;
}

int rc_ctx_fail(rc_ctx *ctx, int code, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    rc_ctx_vfail_at(ctx, code, NULL, 0, 0, fmt, ap);
    va_end(ap);
    return code;
}

const char *rc_strerror(int code)
{
    switch (code) {
    case RC_OK: return "success";
    case RC_ENOMEM: return "out of memory";
    case RC_EIO: return "input/output error";
    case RC_ESYNTAX: return "syntax error";
    case RC_EINVAL: return "invalid argument";
    case RC_ENA: return "not applicable";
    case RC_ENOTFOUND: return "not found";
    case RC_EFORMAT: return "unknown input format";
    case RC_ELIMIT: return "input beyond a limit";
    default: return "unknown error";
    }
}
