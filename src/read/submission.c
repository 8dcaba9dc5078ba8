/* EDGAR full submission text files (submission.h). */
#include <assert.h>
#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "read/filingsummary.h"
#include "read/rhtml.h"
#include "read/submission.h"
#include "read/xbrl.h"

/* How far the detection of a part's form looks. */
#define SNIFF_BYTES 16384

void rc_submission_free(rc_submission *sub)
{
    if (!sub) return;
    free(sub->parts);
    rc_arena_free(sub->arena);
    free(sub);
}

/* A line of the buffer: [start, end) without its '\n' and a '\r' before it. */
typedef struct line_cursor {
    const char *buf;
    size_t len;
    size_t pos;    /* start of the next line */
    unsigned line; /* number of the line last returned */
} line_cursor;

static bool next_line(line_cursor *c, size_t *start, size_t *end)
{
    if (c->pos >= c->len) return false;
    *start = c->pos;
    const char *nl = memchr(c->buf + c->pos, '\n', c->len - c->pos);
    size_t stop = nl ? (size_t)(nl - c->buf) : c->len;
    c->pos = nl ? stop + 1 : c->len;
    c->line++;
    *end = stop > *start && c->buf[stop - 1] == '\r' ? stop - 1 : stop;
    return true;
}

/* Does the line [s, e) start with tag? Then *rest is what follows it. */
static bool tag_line(const char *buf, size_t s, size_t e, const char *tag, size_t *rest)
{
    size_t k = strlen(tag);
    if (e - s < k || memcmp(buf + s, tag, k) != 0) return false;
    if (rest) *rest = s + k;
    return true;
}

static bool blank_line(const char *buf, size_t s, size_t e)
{
    for (size_t i = s; i < e; i++)
        if (!isspace((unsigned char)buf[i])) return false;
    return true;
}

static const char *copy_value(rc_arena *arena, const char *buf, size_t s, size_t e)
{
    while (s < e && isspace((unsigned char)buf[s]))
        s++;
    while (e > s && isspace((unsigned char)buf[e - 1]))
        e--;
    return rc_arena_strndup(arena, buf + s, e - s);
}

/* The content of a part, [s, e), without an inner wrapper and leading blanks. */
static void trim_content(const char *buf, rc_sub_part *p, size_t s, size_t e, unsigned line0)
{
    static const char *const wrappers[] = {"XBRL", "XML", "JSON", "PDF"};
    size_t i = s;
    while (i < e && isspace((unsigned char)buf[i])) {
        line0 += buf[i] == '\n';
        i++;
    }
    for (size_t w = 0; w < sizeof wrappers / sizeof *wrappers; w++) {
        char open[16], close[16];
        snprintf(open, sizeof open, "<%s>", wrappers[w]);
        snprintf(close, sizeof close, "</%s>", wrappers[w]);
        size_t k = strlen(open);
        if (e - i < k || memcmp(buf + i, open, k) != 0) continue;
        i += k;
        while (i < e && isspace((unsigned char)buf[i])) {
            line0 += buf[i] == '\n';
            i++;
        }
        /* the closing wrapper ends the content */
        size_t j = e;
        while (j > i && isspace((unsigned char)buf[j - 1]))
            j--;
        size_t kc = strlen(close);
        if (j - i >= kc && memcmp(buf + j - kc, close, kc) == 0) e = j - kc;
        break;
    }
    p->off = i;
    p->len = e - i;
    p->line0 = line0;
    /* "begin 644 Financial_Report.xlsx" */
    if (p->len > 6 && memcmp(buf + i, "begin ", 6) == 0) {
        size_t j = i + 6;
        while (j < e && buf[j] >= '0' && buf[j] <= '7')
            j++;
        p->uuencoded = j > i + 6 && j < e && buf[j] == ' ';
    }
}

int rc_submission_split(const char *name, const char *buf, size_t len, rc_submission **out,
                        rc_ctx *ctx)
{
    assert(name && out && (buf || len == 0));
    *out = NULL;
    int rc = RC_OK;
    size_t cap = 0;
    rc_submission *sub = calloc(1, sizeof *sub);
    if (!sub || !(sub->arena = rc_arena_new())) {
        free(sub);
        return rc_ctx_fail(ctx, RC_ENOMEM, "out of memory");
    }
    line_cursor c = {buf, len, 0, 0};
    size_t s, e;
    while (next_line(&c, &s, &e)) {
        if (!tag_line(buf, s, e, "<DOCUMENT>", NULL)) continue;
        if (sub->nparts == cap) {
            size_t nc = cap ? cap * 2 : 32;
            rc_sub_part *p = realloc(sub->parts, nc * sizeof *p);
            if (!p) {
                rc = rc_ctx_fail(ctx, RC_ENOMEM, "out of memory");
                goto done;
            }
            sub->parts = p;
            cap = nc;
        }
        rc_sub_part *part = &sub->parts[sub->nparts];
        memset(part, 0, sizeof *part);
        part->type = part->filename = part->description = "";
        part->line = c.line;
        /* the header lines up to <TEXT> */
        bool text = false;
        unsigned text_line = 0;
        while (!text && next_line(&c, &s, &e)) {
            size_t rest;
            const char **field = NULL;
            if (tag_line(buf, s, e, "<TYPE>", &rest))
                field = &part->type;
            else if (tag_line(buf, s, e, "<FILENAME>", &rest))
                field = &part->filename;
            else if (tag_line(buf, s, e, "<DESCRIPTION>", &rest))
                field = &part->description;
            else if (tag_line(buf, s, e, "<SEQUENCE>", &rest))
                part->sequence = strtol(buf + rest, NULL, 10);
            else if (tag_line(buf, s, e, "<TEXT>", NULL)) {
                text = true;
                text_line = c.line;
            } else if (tag_line(buf, s, e, "</DOCUMENT>", NULL) ||
                       tag_line(buf, s, e, "<DOCUMENT>", NULL))
                break;
            if (field && !(*field = copy_value(sub->arena, buf, rest, e))) {
                rc = rc_ctx_fail(ctx, RC_ENOMEM, "out of memory");
                goto done;
            }
        }
        if (!text) {
            rc = rc_ctx_fail_at(ctx, RC_ESYNTAX, name, part->line, 1,
                                "malformed submission: <DOCUMENT>%s%s%s has no <TEXT>",
                                part->filename[0] ? " '" : "", part->filename,
                                part->filename[0] ? "'" : "");
            goto done;
        }
        /* the content, up to the line that starts with </TEXT> */
        size_t content = c.pos;
        unsigned content_line0 = c.line;
        bool closed = false;
        while (next_line(&c, &s, &e)) {
            if (tag_line(buf, s, e, "</TEXT>", NULL)) {
                closed = true;
                break;
            }
        }
        if (!closed) {
            char what[300];
            if (part->filename[0])
                snprintf(what, sizeof what, "'%s'", part->filename);
            else
                snprintf(what, sizeof what, "the document at line %u", part->line);
            rc = rc_ctx_fail_at(ctx, RC_ESYNTAX, name, text_line, 1,
                                "malformed submission: the <TEXT> of %s is not closed by "
                                "</TEXT> (is the file cut short?)",
                                what);
            goto done;
        }
        trim_content(buf, part, content, s, content_line0);
        /* </DOCUMENT> follows, after blank lines */
        bool ended = false;
        while (next_line(&c, &s, &e)) {
            if (tag_line(buf, s, e, "</DOCUMENT>", NULL)) {
                ended = true;
                break;
            }
            if (!blank_line(buf, s, e)) break;
        }
        if (!ended) {
            rc = rc_ctx_fail_at(ctx, RC_ESYNTAX, name, c.line, 1,
                                "malformed submission: </DOCUMENT> expected after the </TEXT> of "
                                "the document at line %u",
                                part->line);
            goto done;
        }
        sub->nparts++;
    }
    if (sub->nparts == 0) {
        rc = rc_ctx_fail_at(ctx, RC_ESYNTAX, name, 1, 1,
                            "malformed submission: no <DOCUMENT> part in %u lines", c.line);
        goto done;
    }
done:
    if (rc < 0) {
        rc_submission_free(sub);
        return rc;
    }
    *out = sub;
    return RC_OK;
}

static size_t skip_blanks(const char *buf, size_t len)
{
    size_t i = len >= 3 && memcmp(buf, "\xef\xbb\xbf", 3) == 0 ? 3 : 0;
    while (i < len && isspace((unsigned char)buf[i]))
        i++;
    return i;
}

static bool starts_with(const char *buf, size_t len, size_t at, const char *s)
{
    size_t k = strlen(s);
    return len - at >= k && memcmp(buf + at, s, k) == 0;
}

bool rc_submission_detect(const char *buf, size_t len)
{
    if (!buf) return false;
    size_t i = skip_blanks(buf, len);
    if (starts_with(buf, len, i, "<SEC-DOCUMENT>") || starts_with(buf, len, i, "<SEC-HEADER>") ||
        starts_with(buf, len, i, "<IMS-DOCUMENT>"))
        return true;
    if (!starts_with(buf, len, i, "<DOCUMENT>")) return false;
    i += 10;
    while (i < len && (buf[i] == '\r' || buf[i] == '\n' || buf[i] == ' ' || buf[i] == '\t'))
        i++;
    return starts_with(buf, len, i, "<TYPE>");
}

bool rc_submission_single_document(const char *buf, size_t len)
{
    size_t i = skip_blanks(buf, len);
    if (!starts_with(buf, len, i, "<DOCUMENT>")) return false;
    for (const char *p = buf + i + 10; p < buf + len;) {
        p = memchr(p, '\n', (size_t)(buf + len - p));
        if (!p) break;
        p++;
        if (buf + len - p >= 10 && memcmp(p, "<DOCUMENT>", 10) == 0) return false;
    }
    return true;
}

static bool ends_with_ci(const char *s, const char *suffix)
{
    size_t n = strlen(s), k = strlen(suffix);
    return n >= k && strcasecmp(s + n - k, suffix) == 0;
}

static const char *part_name(const rc_sub_part *p)
{
    return p->filename[0] ? p->filename : p->type[0] ? p->type : "a document";
}

/* What an XBRL part is: RC_FORMAT_XBRL_INSTANCE, RC_FORMAT_INLINE_XBRL,
 * RC_FORMAT_XBRL_JSON, or RC_FORMAT_UNKNOWN when it is none. */
static rc_format xbrl_format(const rc_sub_part *p, const char *content)
{
    size_t sniff = p->len < SNIFF_BYTES ? p->len : SNIFF_BYTES;
    rc_format f = rc_detect_format(content, sniff);
    if (f == RC_FORMAT_XBRL_INSTANCE || f == RC_FORMAT_INLINE_XBRL || f == RC_FORMAT_XBRL_JSON)
        return f;
    if (strcasecmp(p->type, "EX-101.INS") == 0 || ends_with_ci(p->filename, "_htm.xml"))
        return RC_FORMAT_XBRL_INSTANCE;
    return RC_FORMAT_UNKNOWN;
}

static const char *xbrl_kind(rc_format f)
{
    return f == RC_FORMAT_XBRL_INSTANCE ? "XBRL instance"
           : f == RC_FORMAT_INLINE_XBRL ? "inline XBRL document"
                                        : "xBRL-JSON document";
}

/* Read one embedded R page; a page that fails leaves nothing and a note. */
static int read_page(rc_model *model, const rc_vocab *vocab, const char *name, const char *buf,
                     const rc_sub_part *p, rc_ctx *ctx)
{
    rc_model_mark mark;
    rc_model_mark_state(model, &mark);
    int rc = rc_read_r_html(model, vocab, name, buf + p->off, p->len, p->line0, ctx);
    if (rc == RC_ENOMEM) return rc;
    if (rc < 0) {
        rc_model_rollback(model, &mark);
        rc = rc_model_add_note(model, name, p->line, 1, "%s: not read: %s", part_name(p),
                               rc_ctx_error(ctx));
        rc_ctx_clear(ctx);
        if (rc < 0) return rc_ctx_fail(ctx, rc, "out of memory");
    }
    return RC_OK;
}

/* Read the filing's XBRL part (locations are lines of the .txt); a part that fails
 * leaves nothing and a note.  *read tells whether it was read. */
static int read_xbrl_part(rc_model *model, const rc_vocab *vocab, const char *name, const char *buf,
                          const rc_sub_part *p, rc_format format, bool *read, rc_ctx *ctx)
{
    *read = false;
    rc_model_mark mark;
    rc_model_mark_state(model, &mark);
    rc_xfacts list;
    if (rc_xfacts_init(&list, name) < 0) return rc_ctx_fail(ctx, RC_ENOMEM, "out of memory");
    int rc = format == RC_FORMAT_INLINE_XBRL
                 ? rc_xbrl_read_inline(&list, name, buf + p->off, p->len, p->line0, ctx)
                 : rc_xbrl_read_instance(&list, name, buf + p->off, p->len, p->line0, ctx);
    if (rc >= 0) rc = rc_xbrl_assemble(model, vocab, &list, NULL, ctx);
    rc_xfacts_clear(&list);
    if (rc == RC_ENOMEM) return rc;
    if (rc < 0) {
        rc_model_rollback(model, &mark);
        rc = rc_model_add_note(model, name, p->line, 1, "%s: %s not read: %s", part_name(p),
                               xbrl_kind(format), rc_ctx_error(ctx));
        rc_ctx_clear(ctx);
        return rc < 0 ? rc_ctx_fail(ctx, rc, "out of memory") : RC_OK;
    }
    *read = true;
    return RC_OK;
}

int rc_read_submission(rc_model *model, const rc_vocab *vocab, const char *name, const char *buf,
                       size_t len, rc_ctx *ctx)
{
    assert(model && name);
    rc_submission *sub = NULL;
    rc_filing_summary *fs = NULL;
    rc_buf read = RC_BUF_INIT;
    int rc = rc_submission_split(name, buf, len, &sub, ctx);
    if (rc < 0) return rc;
    const rc_sub_part *summary = NULL;
    for (size_t i = 0; i < sub->nparts && !summary; i++)
        if (strcasecmp(sub->parts[i].filename, "FilingSummary.xml") == 0) summary = &sub->parts[i];
    if (summary) {
        rc = rc_filingsummary_parse(name, buf + summary->off, summary->len, summary->line0, &fs,
                                    ctx);
        if (rc == RC_ENOMEM) goto done;
        if (rc < 0) {
            /* without it, every R page is read */
            rc = rc_model_add_note(model, name, summary->line, 1,
                                   "FilingSummary.xml not read (%s): reading every R page",
                                   rc_ctx_error(ctx));
            rc_ctx_clear(ctx);
            if (rc < 0) goto oom;
        }
    }
    /* The filing's XBRL: the instance when there is one (EDGAR extracts it from the inline
     * document, which then holds the same facts), else the inline document.  When it reads,
     * the R pages, rendered from the same facts, are not read: the same roll-forwards
     * under the R pages' member names would double every check. */
    const rc_sub_part *xpart = NULL;
    rc_format xfmt = RC_FORMAT_UNKNOWN;
    for (size_t i = 0; i < sub->nparts; i++) {
        const rc_sub_part *p = &sub->parts[i];
        if (p == summary || p->uuencoded) continue;
        rc_format f = xbrl_format(p, buf + p->off);
        if ((f == RC_FORMAT_XBRL_INSTANCE && xfmt != RC_FORMAT_XBRL_INSTANCE) ||
            (f == RC_FORMAT_INLINE_XBRL && xfmt == RC_FORMAT_UNKNOWN)) {
            xpart = p;
            xfmt = f;
        }
    }
    bool xbrl_read = false;
    size_t facts_before = rc_model_fact_count(model);
    if (xpart && (rc = read_xbrl_part(model, vocab, name, buf, xpart, xfmt, &xbrl_read, ctx)) < 0)
        goto done;
    if (xbrl_read && rc_model_fact_count(model) == facts_before) {
        /* an instance without a share-based payment fact is not the filing's account of
         * them: the R pages are read after all */
        xbrl_read = false;
        if ((rc = rc_model_add_note(model, name, xpart->line, 1,
                                    "%s: %s read: it holds no share-based payment facts; "
                                    "reading the R pages",
                                    part_name(xpart), xbrl_kind(xfmt))) < 0)
            goto oom;
    }
    size_t pages = 0, nread = 0;
    for (size_t i = 0; i < sub->nparts; i++) {
        const rc_sub_part *p = &sub->parts[i];
        const char *content = buf + p->off;
        if (p == summary || p == xpart) continue;
        if (p->uuencoded) {
            if ((rc = rc_model_add_note(model, name, p->line, 1, "%s: a uuencoded %s part, skipped",
                                        part_name(p), p->type[0] ? p->type : "binary")) < 0)
                goto oom;
            continue;
        }
        if (rc_rhtml_detect(content, p->len)) {
            pages++;
            if (xbrl_read) continue;
            if (fs) {
                const rc_fs_report *r = rc_filingsummary_find(fs, p->filename);
                if (!r || !r->share_based) continue;
            }
            if ((rc = read_page(model, vocab, name, buf, p, ctx)) < 0) goto done;
            rc_buf_printf(&read, "%s%s", nread ? ", " : "", part_name(p));
            nread++;
            continue;
        }
        rc_format f = xbrl_format(p, content);
        if (f != RC_FORMAT_UNKNOWN &&
            (rc = rc_model_add_note(model, name, p->line, 1,
                                    "%s: %s not read: %s holds the same facts", part_name(p),
                                    xbrl_kind(f), xpart ? part_name(xpart) : "another part")) < 0)
            goto oom;
    }
    if (read.failed) goto oom;
    unsigned at = summary ? summary->line : 1;
    if (xbrl_read && pages)
        rc = rc_model_add_note(model, name, at, 1,
                               "R pages not read: the XBRL %s holds the same facts",
                               xfmt == RC_FORMAT_INLINE_XBRL ? "inline document" : "instance");
    else if (xbrl_read)
        rc = RC_OK;
    else if (pages == 0)
        rc = rc_model_add_note(model, name, 1, 1,
                               "no R pages in this submission (a filing without XBRL, or from "
                               "before EDGAR rendered them)");
    else if (fs)
        rc = rc_model_add_note(model, name, at, 1,
                               "read the %zu R page%s that FilingSummary.xml names as share-based "
                               "payment pages%s%s%s; %zu other R page%s skipped",
                               nread, nread == 1 ? "" : "s", nread ? " (" : "",
                               nread ? read.data : "", nread ? ")" : "", pages - nread,
                               pages - nread == 1 ? "" : "s");
    else
        rc = rc_model_add_note(model, name, at, 1,
                               "no FilingSummary.xml to say which R pages are share-based "
                               "payment pages: read all %zu",
                               pages);
    if (rc < 0) goto oom;
    rc = RC_OK;
    goto done;
oom:
    rc = rc_ctx_fail(ctx, RC_ENOMEM, "out of memory");
done:
    rc_buf_free(&read);
    rc_filingsummary_free(fs);
    rc_submission_free(sub);
    return rc;
}
