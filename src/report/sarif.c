/*
 * The SARIF 2.1.0 report (docs/sarif.md): one run, the tool with every rule in
 * force, one result per finding, the inputs as artifacts, and the read errors
 * and notes as notifications of the one invocation.
 *
 * Like the JSON report it is written by hand, so that the layout is stable and
 * decimals are strings made from exact rationals (the same helpers write them:
 * a number reads the same in both).  Nothing in it depends on the time or the
 * machine: the same inputs give the same bytes.
 */
#include <assert.h>
#include <ctype.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "rollcheck/report.h"
#include "common/util.h"
#include "report/format.h"

#define SARIF_SCHEMA                                                                               \
    "https://docs.oasis-open.org/sarif/sarif/v2.1.0/errata01/os/schemas/sarif-schema-2.1.0.json"
#define FINGERPRINT_KEY "rollcheckFindingKey/v1"
#define URI_BASE "SRCROOT"
#define MAX_DEPTH 32

/* ---- a small pretty-printing JSON writer ----------------------------------------- */

typedef struct writer {
    rc_buf b;
    int depth;
    bool first[MAX_DEPTH]; /* nothing written yet in the container at this depth */
} writer;

/* Start a value: the comma, the line break and indent, the key when in an object. */
static void item(writer *w, const char *key)
{
    if (w->depth > 0) {
        rc_buf_puts(&w->b, w->first[w->depth] ? "\n" : ",\n");
        w->first[w->depth] = false;
        for (int i = 0; i < w->depth; i++)
            rc_buf_puts(&w->b, "  ");
    }
    if (key) {
        rc_report__json_string(&w->b, key);
        rc_buf_puts(&w->b, ": ");
    }
}

static void open_container(writer *w, const char *key, char bracket)
{
    item(w, key);
    rc_buf_putc(&w->b, bracket);
    assert(w->depth + 1 < MAX_DEPTH);
    w->first[++w->depth] = true;
}

static void close_container(writer *w, char bracket)
{
    assert(w->depth > 0);
    bool empty = w->first[w->depth--];
    if (!empty) {
        rc_buf_putc(&w->b, '\n');
        for (int i = 0; i < w->depth; i++)
            rc_buf_puts(&w->b, "  ");
    }
    rc_buf_putc(&w->b, bracket);
}

#define begin_object(w, key) open_container(w, key, '{')
#define end_object(w) close_container(w, '}')
#define begin_array(w, key) open_container(w, key, '[')
#define end_array(w) close_container(w, ']')

static void put_str(writer *w, const char *key, const char *s)
{
    item(w, key);
    rc_report__json_string(&w->b, s);
}

static void put_uint(writer *w, const char *key, size_t n)
{
    item(w, key);
    rc_buf_printf(&w->b, "%zu", n);
}

static void put_bool(writer *w, const char *key, bool v)
{
    item(w, key);
    rc_buf_puts(&w->b, v ? "true" : "false");
}

static void put_decimal(writer *w, const char *key, const mpq_t q, rc_round mode)
{
    item(w, key);
    rc_report__json_decimal(&w->b, q, mode);
}

/* {"text": s} */
static void put_message(writer *w, const char *key, const char *text)
{
    begin_object(w, key);
    put_str(w, "text", text ? text : "");
    end_object(w);
}

/* ---- artifacts: the inputs, then any other file a location names ------------------ */

typedef struct artifact {
    const char *path;
    const rc_input *in; /* the input of that path, or NULL */
} artifact;

typedef struct artifacts {
    artifact *items;
    size_t n, cap;
} artifacts;

static long artifact_index(const artifacts *a, const char *path)
{
    for (size_t i = 0; i < a->n; i++)
        if (strcmp(a->items[i].path, path) == 0) return (long)i;
    return -1;
}

/* A file given twice is one artifact. */
static int artifact_add(artifacts *a, const char *path, const rc_input *in)
{
    if (!path || artifact_index(a, path) >= 0) return RC_OK;
    if (a->n == a->cap) {
        size_t cap = a->cap ? 2 * a->cap : 16;
        artifact *items = realloc(a->items, cap * sizeof *items);
        if (!items) return RC_ENOMEM;
        a->items = items;
        a->cap = cap;
    }
    a->items[a->n++] = (artifact){path, in};
    return RC_OK;
}

static const char *finding_file(const rc_finding *f)
{
    return f->where.file ? f->where.file : f->rf->file;
}

static int collect_artifacts(artifacts *a, const rc_report *report)
{
    int err = RC_OK;
    for (size_t i = 0; i < report->ninputs && err == RC_OK; i++)
        err = artifact_add(a, report->inputs[i].path, &report->inputs[i]);
    size_t n = rc_results_finding_count(report->results);
    for (size_t i = 0; i < n && err == RC_OK; i++)
        err = artifact_add(a, finding_file(rc_results_finding(report->results, i)), NULL);
    for (size_t i = 0; i < rc_model_note_count(report->model) && err == RC_OK; i++)
        err = artifact_add(a, rc_model_note(report->model, i)->src.file, NULL);
    return err;
}

/* ---- locations -------------------------------------------------------------------- */

static bool is_uri_safe(unsigned char c)
{
    return isalnum(c) || strchr("-._~/!$&'()*+,;=@", c) != NULL;
}

/* A path as a URI reference: "file://" before an absolute one; every byte that may not
 * stand for itself in a path (a blank, '%', '#', '?', ':', non-ASCII) percent-encoded. */
static void put_uri(writer *w, const char *path)
{
    rc_buf uri = RC_BUF_INIT;
    if (path[0] == '/') rc_buf_puts(&uri, "file://");
    for (const unsigned char *p = (const unsigned char *)path; *p; p++) {
        if (*p < 0x80 && is_uri_safe(*p))
            rc_buf_putc(&uri, (char)*p);
        else
            rc_buf_printf(&uri, "%%%02X", (unsigned)*p);
    }
    if (uri.failed) w->b.failed = true;
    put_str(w, "uri", uri.data ? uri.data : "");
    rc_buf_free(&uri);
}

/* "artifactLocation": uri, uriBaseId when relative, index when it is an artifact. */
static void put_artifact_location(writer *w, const artifacts *a, const char *path)
{
    begin_object(w, "artifactLocation");
    put_uri(w, path);
    if (path[0] != '/') put_str(w, "uriBaseId", URI_BASE);
    long index = a ? artifact_index(a, path) : -1;
    if (index >= 0) put_uint(w, "index", (size_t)index);
    end_object(w);
}

/* "locations": [one physical location], left out when the file is unknown. */
static void put_locations(writer *w, const artifacts *a, const char *path, unsigned line,
                          unsigned col)
{
    if (!path) return;
    begin_array(w, "locations");
    begin_object(w, NULL);
    begin_object(w, "physicalLocation");
    put_artifact_location(w, a, path);
    if (line > 0) {
        begin_object(w, "region");
        put_uint(w, "startLine", line);
        if (col > 0) put_uint(w, "startColumn", col);
        end_object(w);
    }
    end_object(w);
    end_object(w);
    end_array(w);
}

/* ---- rules -------------------------------------------------------------------------- */

static const char *level_name(rc_severity s)
{
    switch (s) {
    case RC_SEVERITY_ERROR:
        return "error";
    case RC_SEVERITY_WARNING:
        return "warning";
    case RC_SEVERITY_INFO:
    default:
        return "note";
    }
}

static const char *each_name(rc_rule_each each)
{
    switch (each) {
    case RC_EACH_MOVEMENT:
        return "movement";
    case RC_EACH_BALANCE:
        return "balance";
    case RC_EACH_DUPLICATE:
        return "duplicate";
    case RC_EACH_STATEMENT:
        return "statement";
    case RC_EACH_ROLLFORWARD:
    default:
        return "rollforward";
    }
}

/* The title in CamelCase, the form SARIF viewers expect of a rule's name:
 * "share count roll-forward" -> "ShareCountRollForward". */
static char *camel_case(const char *title)
{
    rc_buf b = RC_BUF_INIT;
    bool start = true;
    for (const unsigned char *p = (const unsigned char *)title; *p; p++) {
        if (isalnum(*p)) {
            rc_buf_putc(&b, (char)(start ? toupper(*p) : *p));
            start = false;
        } else if (*p >= 0x80) {
            rc_buf_putc(&b, (char)*p); /* a non-ASCII letter stays as it is */
            start = false;
        } else {
            start = true;
        }
    }
    return rc_buf_take(&b);
}

/* The first sentence of text: up to the first '.', '?' or '!' followed by a blank and
 * a capital letter, or all of it. */
static char *first_sentence(const char *text)
{
    size_t n = strlen(text);
    for (size_t i = 0; i + 2 < n; i++)
        if (strchr(".?!", text[i]) && text[i + 1] == ' ' && isupper((unsigned char)text[i + 2])) {
            n = i + 1;
            break;
        }
    char *s = malloc(n + 1);
    if (!s) return NULL;
    memcpy(s, text, n);
    s[n] = '\0';
    return s;
}

static void put_rule(writer *w, const rc_rule *rule)
{
    const char *title = rc_rule_title(rule);
    const char *explain = rc_rule_explain(rule);
    bool has_explain = explain && *explain;
    char *name = camel_case(title);
    char *sentence = has_explain ? first_sentence(explain) : NULL;
    if (!name || (has_explain && !sentence)) w->b.failed = true;

    begin_object(w, NULL);
    put_str(w, "id", rc_rule_id(rule));
    put_str(w, "name", name ? name : title);
    put_message(w, "shortDescription", title);
    put_message(w, "fullDescription", sentence ? sentence : title);
    begin_object(w, "defaultConfiguration");
    put_str(w, "level", level_name(rc_rule_severity(rule)));
    end_object(w);
    put_message(w, "help", has_explain ? explain : title);
    begin_object(w, "properties");
    begin_array(w, "applies_to");
    if (rc_rule_applies_to(rule, RC_AWARD_OPTIONS))
        put_str(w, NULL, rc_award_name(RC_AWARD_OPTIONS));
    if (rc_rule_applies_to(rule, RC_AWARD_OTHER)) put_str(w, NULL, rc_award_name(RC_AWARD_OTHER));
    end_array(w);
    put_str(w, "each", each_name(rc_rule_each_of(rule)));
    put_str(w, "expression", rc_rule_expression(rule));
    if (rc_rule_when(rule)) put_str(w, "when", rc_rule_when(rule));
    if (rc_rule_subject(rule)) put_str(w, "subject", rc_rule_subject(rule));
    put_str(w, "warn_below", rc_rule_warn_below(rule)); /* null when it has none */
    end_object(w);
    end_object(w);
    free(name);
    free(sentence);
}

static long rule_index(const rc_ruleset *rules, const rc_rule *rule)
{
    for (size_t i = 0; i < rc_ruleset_count(rules); i++)
        if (rc_ruleset_get(rules, i) == rule) return (long)i;
    return -1;
}

/* ---- results ------------------------------------------------------------------------ */

/* The numbers and the roll-forward of a finding, named as in the JSON report. */
static void put_finding_properties(writer *w, const rc_finding *f)
{
    const rc_rollforward *rf = f->rf;
    char start[11], end[11];
    rc_day_format(rf->start, start);
    rc_day_format(rf->end, end);
    begin_object(w, "properties");
    put_str(w, "entity", rf->entity);
    put_str(w, "award", rc_award_name(rf->award));
    put_str(w, "award_type", rf->award_type);
    begin_array(w, "members");
    for (size_t i = 0; i < rf->nmembers; i++)
        put_str(w, NULL, rf->members[i]);
    end_array(w);
    begin_object(w, "period");
    put_str(w, "start", *start ? start : NULL);
    put_str(w, "end", *end ? end : NULL);
    end_object(w);
    put_str(w, "quantity", f->quantity);
    if (f->movement) {
        put_str(w, "movement", rc_role_name(f->movement->role));
        if (f->movement->label) put_str(w, "label", f->movement->label);
    }
    if (f->line >= 0 && f->line < RC_LINE__COUNT)
        put_str(w, "balance", rc_line_name((rc_line)f->line));
    put_decimal(w, "reported", f->reported, RC_ROUND_NEAREST);
    begin_object(w, "expected");
    put_decimal(w, "low", f->expected.lo, RC_ROUND_FLOOR);
    put_decimal(w, "high", f->expected.hi, RC_ROUND_CEIL);
    end_object(w);
    put_str(w, "relation", f->relation);
    put_decimal(w, "difference", f->difference, RC_ROUND_NEAREST);
    put_bool(w, "accuracy_widened", f->widened);
    put_bool(w, "tagging_defect", f->tagging_defect);
    put_str(w, "note", f->note);
    if (f->ratio) {
        begin_object(w, "ratio");
        put_str(w, "value", f->ratio);
        put_str(w, "kind", f->ratio_kind);
        end_object(w);
    }
    end_object(w);
}

static void put_result(writer *w, const rc_report *report, const artifacts *a, const rc_finding *f)
{
    char fingerprint[17];
    rc_finding_fingerprint(f, fingerprint);
    begin_object(w, NULL);
    put_str(w, "ruleId", rc_rule_id(f->rule));
    long index = rule_index(report->rules, f->rule);
    if (index >= 0) put_uint(w, "ruleIndex", (size_t)index);
    put_str(w, "level", level_name(f->severity));
    put_message(w, "message", f->message);
    put_locations(w, a, finding_file(f), f->where.line, f->where.col);
    begin_object(w, "partialFingerprints");
    put_str(w, FINGERPRINT_KEY, fingerprint);
    end_object(w);
    const char *reason = NULL;
    if (report->baseline && rc_baseline_accepts(report->baseline, f, &reason)) {
        begin_array(w, "suppressions");
        begin_object(w, NULL);
        put_str(w, "kind", "external");
        put_str(w, "status", "accepted");
        if (reason) put_str(w, "justification", reason);
        end_object(w);
        end_array(w);
    }
    put_finding_properties(w, f);
    end_object(w);
}

/* ---- the invocation: read errors and notes --------------------------------------- */

/* The line and column of a read error "PATH:LINE:COL: error: ...", 0 when it has none. */
static void error_place(const char *error, const char *path, unsigned *line, unsigned *col)
{
    *line = *col = 0;
    size_t n = strlen(path);
    if (strncmp(error, path, n) != 0 || error[n] != ':') return;
    const char *p = error + n + 1;
    char *end;
    unsigned long l = strtoul(p, &end, 10);
    if (end == p || *end != ':' || l > 0xffffffffUL) return;
    *line = (unsigned)l;
    p = end + 1;
    unsigned long c = strtoul(p, &end, 10);
    if (end != p && *end == ':' && c <= 0xffffffffUL) *col = (unsigned)c;
}

static void put_notification(writer *w, const artifacts *a, const char *level, const char *text,
                             const char *path, unsigned line, unsigned col)
{
    begin_object(w, NULL);
    put_str(w, "level", level);
    put_message(w, "message", text);
    put_locations(w, a, path, line, col);
    end_object(w);
}

static void put_notes_of(writer *w, const rc_report *report, const artifacts *a, const char *path)
{
    for (size_t i = 0; i < rc_model_note_count(report->model); i++) {
        const rc_note *note = rc_model_note(report->model, i);
        if (!note->src.file || strcmp(note->src.file, path) != 0) continue;
        put_notification(w, a, "note", note->text, path, note->src.line, note->src.col);
    }
}

static void put_invocation(writer *w, const rc_report *report, const artifacts *a)
{
    bool ok = true;
    for (size_t i = 0; i < report->ninputs; i++)
        ok = ok && !report->inputs[i].error;
    begin_array(w, "invocations");
    begin_object(w, NULL);
    put_bool(w, "executionSuccessful", ok);
    begin_array(w, "toolExecutionNotifications");
    /* per artifact, inputs first, in order: its read error or why it was skipped, its notes */
    for (size_t k = 0; k < a->n; k++) {
        const char *path = a->items[k].path;
        const rc_input *in = a->items[k].in;
        if (in && in->error) {
            unsigned line, col;
            error_place(in->error, path, &line, &col);
            put_notification(w, a, "error", in->error, path, line, col);
        } else if (in && in->skipped) {
            rc_buf text = RC_BUF_INIT;
            rc_buf_printf(&text, "not read: %s", in->skipped);
            if (text.failed) w->b.failed = true;
            put_notification(w, a, "note", text.data ? text.data : "", path, 0, 0);
            rc_buf_free(&text);
        }
        put_notes_of(w, report, a, path);
    }
    if (report->baseline) {
        const char *bpath = rc_baseline_path(report->baseline);
        for (size_t i = 0; i < rc_baseline_stale_count(report->baseline); i++) {
            const rc_baseline_entry *e = rc_baseline_stale(report->baseline, i);
            rc_buf text = RC_BUF_INIT;
            rc_buf_printf(&text, "stale baseline entry: %s in %s %s", e->rule ? e->rule : "?",
                          e->file ? e->file : "?",
                          e->file_missing ? "(the file no longer exists)"
                                          : "matches no finding any more");
            if (e->message) rc_buf_printf(&text, " (%s)", e->message);
            if (text.failed) w->b.failed = true;
            put_notification(w, NULL, "warning", text.data ? text.data : "", bpath, e->line, 0);
            rc_buf_free(&text);
        }
    }
    end_array(w);
    end_object(w);
    end_array(w);
}

/* ---- the log ------------------------------------------------------------------------ */

static void put_artifacts(writer *w, const artifacts *a)
{
    begin_array(w, "artifacts");
    for (size_t k = 0; k < a->n; k++) {
        const char *path = a->items[k].path;
        const rc_input *in = a->items[k].in;
        begin_object(w, NULL);
        begin_object(w, "location");
        put_uri(w, path);
        if (path[0] != '/') put_str(w, "uriBaseId", URI_BASE);
        end_object(w);
        if (in) {
            begin_object(w, "properties");
            put_str(w, "format", rc_format_name(in->format));
            put_uint(w, "rollforwards", in->rollforwards);
            put_uint(w, "facts", in->facts);
            end_object(w);
        }
        end_object(w);
    }
    end_array(w);
}

static void put_log(writer *w, const rc_report *report, const artifacts *a)
{
    begin_object(w, NULL);
    put_str(w, "$schema", SARIF_SCHEMA);
    put_str(w, "version", "2.1.0");
    begin_array(w, "runs");
    begin_object(w, NULL);

    begin_object(w, "tool");
    begin_object(w, "driver");
    put_str(w, "name", "rollcheck");
    put_str(w, "version", RC_VERSION);
    put_str(w, "semanticVersion", RC_VERSION);
    begin_array(w, "rules");
    for (size_t i = 0; i < rc_ruleset_count(report->rules); i++)
        put_rule(w, rc_ruleset_get(report->rules, i));
    end_array(w);
    end_object(w);
    end_object(w);

    /* SRCROOT is where rollcheck ran: relative paths are relative to it */
    begin_object(w, "originalUriBaseIds");
    begin_object(w, URI_BASE);
    put_message(w, "description", "the directory rollcheck was run in");
    end_object(w);
    end_object(w);

    put_artifacts(w, a);
    put_invocation(w, report, a);

    begin_array(w, "results");
    size_t n = rc_results_finding_count(report->results);
    for (size_t i = 0; i < n; i++)
        put_result(w, report, a, rc_results_finding(report->results, i));
    end_array(w);

    end_object(w);
    end_array(w);
    end_object(w);
    rc_buf_putc(&w->b, '\n');
}

int rc_report_sarif(FILE *out, const rc_report *report, rc_ctx *ctx)
{
    int err = RC_OK;
    writer w = {RC_BUF_INIT, 0, {false}};
    artifacts a = {NULL, 0, 0};
    if (collect_artifacts(&a, report) < 0) {
        err = rc_ctx_fail(ctx, RC_ENOMEM, "out of memory writing the report");
        goto done;
    }
    put_log(&w, report, &a);
    if (w.b.failed) {
        err = rc_ctx_fail(ctx, RC_ENOMEM, "out of memory writing the report");
        goto done;
    }
    if (fwrite(w.b.data, 1, w.b.len, out) != w.b.len || fflush(out) != 0 || ferror(out)) {
        err = rc_ctx_fail(ctx, RC_EIO, "cannot write the report");
        goto done;
    }
done:
    free(a.items);
    rc_buf_free(&w.b);
    return err;
}
