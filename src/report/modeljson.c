/*
 * Writing a model as model JSON (docs/model-json.md), the form
 * rc_read_model_json reads back.
 *
 * The aim is a faithful round trip: a value is written as the text it was
 * read from, with the scale and accuracy that make that text read back to
 * the same exact number, and with the source it was read from, so that
 * checking the written model points at the original input.  Written by hand
 * rather than through cJSON so that each value stays on one line and
 * nothing passes through a double.
 */
#include <errno.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "rollcheck/report.h"
#include "common/util.h"

/* A scale beyond this is not written as a scale (the reader refuses it);
 * the value is then written as its exact decimal. */
#define MAX_SCALE 100

/* Places a value without an exact decimal expansion (a term of 7/365
 * years) is rounded to. */
#define INEXACT_PLACES 12

/* What a slot implies for the values in it. */
typedef struct slot {
    rc_day start, end;
    const char *label; /* a movement's label, or NULL */
} slot;

static bool has(const char *s)
{
    return s && *s;
}

static void put_str(rc_buf *b, const char *s)
{
    rc_buf_putc(b, '"');
    for (; *s; s++) {
        unsigned char c = (unsigned char)*s;
        switch (c) {
        case '"':
            rc_buf_puts(b, "\\\"");
            break;
        case '\\':
            rc_buf_puts(b, "\\\\");
            break;
        case '\n':
            rc_buf_puts(b, "\\n");
            break;
        case '\r':
            rc_buf_puts(b, "\\r");
            break;
        case '\t':
            rc_buf_puts(b, "\\t");
            break;
        case '\b':
            rc_buf_puts(b, "\\b");
            break;
        case '\f':
            rc_buf_puts(b, "\\f");
            break;
        default:
            if (c < 0x20)
                rc_buf_printf(b, "\\u%04x", c);
            else
                rc_buf_putc(b, (char)c);
        }
    }
    rc_buf_putc(b, '"');
}

static void put_key(rc_buf *b, const char *key)
{
    put_str(b, key);
    rc_buf_puts(b, ": ");
}

static void put_date(rc_buf *b, rc_day day)
{
    char s[11];
    rc_day_format(day, s);
    put_str(b, s);
}

static void put_source(rc_buf *b, const rc_source *src)
{
    rc_buf_puts(b, "{");
    put_key(b, "file");
    put_str(b, src->file);
    if (src->line) rc_buf_printf(b, ", \"line\": %u", src->line);
    if (src->col) rc_buf_printf(b, ", \"col\": %u", src->col);
    if (has(src->id)) {
        rc_buf_puts(b, ", ");
        put_key(b, "id");
        put_str(b, src->id);
    }
    rc_buf_puts(b, "}");
}

/* How a fact's number is written: the text and scale that read back to its
 * exact value, and the accuracy the reader would give that text. */
typedef struct written {
    char *text; /* malloc'ed */
    int scale;
    int decimals;
} written;

/* The reader's view of text at scale: RC_OK when it gives exactly q. */
static int reads_back(const rc_fact *f, const char *text, int scale, int *decimals)
{
    rc_value v;
    rc_value_init(&v);
    int rc;
    if (f->kind == RC_KIND_TERM)
        rc = rc_term_parse(&v, text, strlen(text), NULL);
    else
        rc = rc_value_parse(&v, text, strlen(text), scale, RC_PARSE_TABLE, NULL, NULL);
    if (rc == RC_OK && !mpq_equal(v.q, f->value.q)) rc = RC_EINVAL;
    if (rc == RC_OK) *decimals = v.decimals;
    rc_value_clear(&v);
    return rc;
}

static int write_number(const rc_fact *f, written *w)
{
    w->text = NULL;
    w->scale = 0;
    if (has(f->text) && f->kind != RC_KIND_TERM) {
        /* the scale is what separates the digits shown from the value's */
        rc_value v;
        rc_value_init(&v);
        int ok = rc_value_parse(&v, f->text, strlen(f->text), 0, RC_PARSE_TABLE, NULL, NULL);
        int scale = 0;
        if (ok == RC_OK && v.shown != RC_DECIMALS_INF && f->value.shown != RC_DECIMALS_INF)
            scale = v.shown - f->value.shown;
        rc_value_clear(&v);
        if (ok == RC_OK && scale >= -MAX_SCALE && scale <= MAX_SCALE &&
            reads_back(f, f->text, scale, &w->decimals) == RC_OK) {
            w->scale = scale;
            return (w->text = strdup(f->text)) ? RC_OK : RC_ENOMEM;
        }
    } else if (has(f->text) && reads_back(f, f->text, 0, &w->decimals) == RC_OK) {
        return (w->text = strdup(f->text)) ? RC_OK : RC_ENOMEM;
    }
    /* no text, or one that does not give the value: the exact decimal */
    int places = rc_q_places(f->value.q, 1000);
    w->text =
        rc_q_format(f->value.q, places >= 0 ? places : INEXACT_PLACES, RC_ROUND_NEAREST, false);
    if (!w->text) return RC_ENOMEM;
    if (reads_back(f, w->text, 0, &w->decimals) != RC_OK)
        w->decimals = places >= 0 ? places : INEXACT_PLACES;
    return RC_OK;
}

static int put_value(rc_buf *b, const rc_fact *f, const slot *s, bool first)
{
    written w;
    if (write_number(f, &w) < 0) return RC_ENOMEM;
    bool decimals = f->value.decimals != w.decimals;
    bool label = has(f->label) && !(s->label && strcmp(f->label, s->label) == 0);
    bool period = f->end != RC_NO_DATE && (f->start != s->start || f->end != s->end);
    bool dups = first && f->dup;
    if (!w.scale && !decimals && !has(f->currency) && !has(f->concept) && !label && !period &&
        !has(f->src.file) && !dups) {
        put_str(b, w.text);
        free(w.text);
        return RC_OK;
    }
    rc_buf_puts(b, "{");
    put_key(b, "value");
    put_str(b, w.text);
    free(w.text);
    if (w.scale) rc_buf_printf(b, ", \"scale\": %d", w.scale);
    if (decimals) {
        if (f->value.decimals == RC_DECIMALS_INF)
            rc_buf_puts(b, ", \"decimals\": \"INF\"");
        else
            rc_buf_printf(b, ", \"decimals\": %d", f->value.decimals);
    }
    const char *names[] = {"currency", "concept", "label"};
    const char *values[] = {f->currency, f->concept, label ? f->label : NULL};
    for (int i = 0; i < 3; i++) {
        if (has(values[i])) {
            rc_buf_puts(b, ", ");
            put_key(b, names[i]);
            put_str(b, values[i]);
        }
    }
    if (period) {
        rc_buf_puts(b, ", \"period\": {");
        if (f->start == RC_NO_DATE) {
            put_key(b, "instant");
            put_date(b, f->end);
        } else {
            put_key(b, "start");
            put_date(b, f->start);
            rc_buf_puts(b, ", ");
            put_key(b, "end");
            put_date(b, f->end);
        }
        rc_buf_puts(b, "}");
    }
    if (has(f->src.file)) {
        rc_buf_puts(b, ", \"source\": ");
        put_source(b, &f->src);
    }
    if (dups) {
        rc_buf_puts(b, ", \"duplicates\": [");
        for (const rc_fact *d = f->dup; d; d = d->dup) {
            if (put_value(b, d, s, false) < 0) return RC_ENOMEM;
            if (d->dup) rc_buf_puts(b, ", ");
        }
        rc_buf_puts(b, "]");
    }
    rc_buf_puts(b, "}");
    return RC_OK;
}

/* Fields of an object, one per line at `indent`, comma-separated. */
typedef struct fields {
    rc_buf *b;
    int indent;
    bool any;
} fields;

static void next_field(fields *o, const char *key)
{
    rc_buf_puts(o->b, o->any ? ",\n" : "\n");
    rc_buf_printf(o->b, "%*s", o->indent, "");
    put_key(o->b, key);
    o->any = true;
}

static int put_value_field(fields *o, const char *key, const rc_fact *f, const slot *s)
{
    if (!f) return RC_OK;
    next_field(o, key);
    return put_value(o->b, f, s, true);
}

static int put_row(fields *o, const char *key, const rc_balance *row, const slot *s)
{
    const rc_fact *facts[] = {row->count, row->price, row->fair_value, row->aiv, row->term};
    const char *names[] = {"count", "price", "fair_value", "aiv", "term"};
    if (!row->count && !row->price && !row->fair_value && !row->aiv && !row->term) return RC_OK;
    next_field(o, key);
    rc_buf_puts(o->b, "{");
    fields in = {o->b, o->indent + 2, false};
    for (int i = 0; i < 5; i++)
        if (put_value_field(&in, names[i], facts[i], s) < 0) return RC_ENOMEM;
    rc_buf_printf(o->b, "\n%*s}", o->indent, "");
    return RC_OK;
}

static int put_movement(rc_buf *b, int indent, const rc_movement *mv, const slot *period)
{
    rc_buf_printf(b, "%*s{", indent, "");
    fields o = {b, indent + 2, false};
    next_field(&o, "role");
    put_str(b, rc_role_name(mv->role));
    /* a fixed role says its direction; only a signed one needs it written */
    if (rc_role_direction(mv->role) == 0 && mv->direction) {
        next_field(&o, "direction");
        put_str(b, mv->direction > 0 ? "+" : "-");
    }
    if (has(mv->label)) {
        next_field(&o, "label");
        put_str(b, mv->label);
    }
    slot s = {period->start, period->end, has(mv->label) ? mv->label : NULL};
    if (put_value_field(&o, "count", mv->count, &s) < 0 ||
        put_value_field(&o, "price", mv->price, &s) < 0 ||
        put_value_field(&o, "fair_value", mv->fair_value, &s) < 0)
        return RC_ENOMEM;
    rc_buf_printf(b, "\n%*s}", indent, "");
    return RC_OK;
}

static int put_rollforward(rc_buf *b, const rc_rollforward *rf)
{
    rc_buf_puts(b, "    {");
    fields o = {b, 6, false};
    if (has(rf->entity)) {
        next_field(&o, "entity");
        put_str(b, rf->entity);
    }
    next_field(&o, "award");
    put_str(b, rc_award_name(rf->award));
    if (has(rf->award_type)) {
        next_field(&o, "award_type");
        put_str(b, rf->award_type);
    }
    if (rf->nmembers) {
        next_field(&o, "members");
        rc_buf_puts(b, "[");
        for (size_t i = 0; i < rf->nmembers; i++) {
            if (i) rc_buf_puts(b, ", ");
            put_str(b, rf->members[i]);
        }
        rc_buf_puts(b, "]");
    }
    if (has(rf->currency)) {
        next_field(&o, "currency");
        put_str(b, rf->currency);
    }
    if (rf->start != RC_NO_DATE && rf->end != RC_NO_DATE) {
        next_field(&o, "period");
        rc_buf_puts(b, "{");
        put_key(b, "start");
        put_date(b, rf->start);
        rc_buf_puts(b, ", ");
        put_key(b, "end");
        put_date(b, rf->end);
        rc_buf_puts(b, "}");
    }
    next_field(&o, "signs");
    put_str(b, rf->signs == RC_SIGNS_STORED ? "stored" : "displayed");
    if (has(rf->src.file)) {
        next_field(&o, "source");
        put_source(b, &rf->src);
    }

    /* the dates each slot implies, as the reader assigns them */
    rc_day before = rf->start != RC_NO_DATE ? rf->start - 1 : RC_NO_DATE;
    const slot opening = {RC_NO_DATE, before, NULL};
    const slot at_end = {RC_NO_DATE, rf->end, NULL};
    const slot during = {rf->start, rf->end, NULL};
    if (put_row(&o, "opening", &rf->lines[RC_LINE_OPENING], &opening) < 0) return RC_ENOMEM;
    if (rf->nmovements) {
        next_field(&o, "movements");
        rc_buf_puts(b, "[\n");
        for (size_t i = 0; i < rf->nmovements; i++) {
            if (put_movement(b, 8, &rf->movements[i], &during) < 0) return RC_ENOMEM;
            rc_buf_puts(b, i + 1 < rf->nmovements ? ",\n" : "\n");
        }
        rc_buf_puts(b, "      ]");
    }
    const char *rows[] = {"closing", "exercisable", "vested_expected"};
    for (int l = RC_LINE_CLOSING; l < RC_LINE__COUNT; l++)
        if (put_row(&o, rows[l - RC_LINE_CLOSING], &rf->lines[l], &at_end) < 0) return RC_ENOMEM;
    if (put_value_field(&o, "share_price", rf->share_price, &at_end) < 0 ||
        put_value_field(&o, "contractual_term", rf->contractual_term, &during) < 0)
        return RC_ENOMEM;
    rc_buf_puts(b, "\n    }");
    return RC_OK;
}

int rc_model_write_json(FILE *out, const rc_model *model, rc_ctx *ctx)
{
    rc_buf b = RC_BUF_INIT;
    int rc = RC_OK;
    size_t n = rc_model_count(model);
    rc_buf_puts(&b, "{\n  \"rollcheck\": \"model\",\n  \"version\": 1,\n  \"rollforwards\": [");
    for (size_t i = 0; i < n; i++) {
        rc_buf_puts(&b, i ? ",\n" : "\n");
        if ((rc = put_rollforward(&b, rc_model_get(model, i))) < 0) break;
    }
    rc_buf_puts(&b, n ? "\n  ]\n}\n" : "]\n}\n");
    if (rc < 0 || b.failed) {
        rc = rc_ctx_fail(ctx, RC_ENOMEM, "out of memory writing the model");
        goto done;
    }
    if (fwrite(b.data, 1, b.len, out) != b.len || fflush(out) != 0 || ferror(out))
        rc = rc_ctx_fail(ctx, RC_EIO, "cannot write the model JSON: %s", strerror(errno));
done:
    rc_buf_free(&b);
    return rc;
}
