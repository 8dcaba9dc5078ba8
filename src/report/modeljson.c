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
#include <assert.h>
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
    int shown;
} written;

/* The reader's view of text at scale: RC_OK when it gives exactly q. */
static int reads_back(const rc_fact *f, const char *text, int scale, written *w)
{
    rc_value v;
    rc_value_init(&v);
    int rc;
    if (f->kind == RC_KIND_TERM)
        rc = rc_term_parse(&v, text, strlen(text), NULL);
    else
        rc = rc_value_parse(&v, text, strlen(text), scale, RC_PARSE_TABLE, NULL, NULL);
    if (rc == RC_OK && !mpq_equal(v.q, f->value.q)) rc = RC_EINVAL;
    if (rc == RC_OK) {
        w->decimals = v.decimals;
        w->shown = v.shown;
    }
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
            reads_back(f, f->text, scale, w) == RC_OK) {
            w->scale = scale;
            return (w->text = strdup(f->text)) ? RC_OK : RC_ENOMEM;
        }
    } else if (has(f->text) && reads_back(f, f->text, 0, w) == RC_OK) {
        return (w->text = strdup(f->text)) ? RC_OK : RC_ENOMEM;
    }
    /* no text, or one that does not give the value: the exact decimal */
    int places = rc_q_places(f->value.q, 1000);
    w->text =
        rc_q_format(f->value.q, places >= 0 ? places : INEXACT_PLACES, RC_ROUND_NEAREST, false);
    if (!w->text) return RC_ENOMEM;
    if (reads_back(f, w->text, 0, w) != RC_OK)
        w->decimals = w->shown = places >= 0 ? places : INEXACT_PLACES;
    return RC_OK;
}

/* Write f, with dups[0..ndups) as its "duplicates". */
static int put_value_dups(rc_buf *b, const rc_fact *f, const slot *s, const rc_fact *const *more,
                          size_t nmore)
{
    written w;
    if (write_number(f, &w) < 0) return RC_ENOMEM;
    bool decimals = f->value.decimals != w.decimals;
    bool shown = f->value.shown != w.shown;
    bool label = has(f->label) && !(s->label && strcmp(f->label, s->label) == 0);
    bool period = f->end != RC_NO_DATE && (f->start != s->start || f->end != s->end);
    bool dups = nmore > 0;
    if (!w.scale && !decimals && !shown && !has(f->currency) && !has(f->concept) && !label &&
        !period && !has(f->src.file) && !has(f->filing) && !dups) {
        put_str(b, w.text);
        free(w.text);
        return RC_OK;
    }
    rc_buf_puts(b, "{");
    put_key(b, "value");
    put_str(b, w.text);
    free(w.text);
    if (w.scale) rc_buf_printf(b, ", \"scale\": %d", w.scale);
    const char *accuracy[2] = {"decimals", "shown"};
    const int places[2] = {f->value.decimals, f->value.shown};
    for (int k = 0; k < 2; k++) {
        if (!(k ? shown : decimals)) continue;
        if (places[k] == RC_DECIMALS_INF)
            rc_buf_printf(b, ", \"%s\": \"INF\"", accuracy[k]);
        else
            rc_buf_printf(b, ", \"%s\": %d", accuracy[k], places[k]);
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
    if (has(f->filing)) {
        rc_buf_puts(b, ", ");
        put_key(b, "filing");
        put_str(b, f->filing);
    }
    if (dups) {
        rc_buf_puts(b, ", \"duplicates\": [");
        for (size_t i = 0; i < nmore; i++) {
            if (put_value_dups(b, more[i], s, NULL, 0) < 0) return RC_ENOMEM;
            if (i + 1 < nmore) rc_buf_puts(b, ", ");
        }
        rc_buf_puts(b, "]");
    }
    rc_buf_puts(b, "}");
    return RC_OK;
}

/* Write facts[0] with facts[1..n) as its duplicates. */
static int put_value_list(rc_buf *b, const rc_fact *const *facts, size_t n, const slot *s)
{
    return put_value_dups(b, facts[0], s, facts + 1, n - 1);
}

/* Write f, and with first its chain of duplicates. */
static int put_value(rc_buf *b, const rc_fact *f, const slot *s, bool first)
{
    size_t n = 0;
    for (const rc_fact *d = f; d && (first || d == f); d = d->dup)
        n++;
    const rc_fact **facts = malloc(n * sizeof *facts);
    if (!facts) return RC_ENOMEM;
    n = 0;
    for (const rc_fact *d = f; d && (first || d == f); d = d->dup)
        facts[n++] = d;
    int rc = put_value_list(b, facts, n, s);
    free(facts);
    return rc;
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

/* Does f report what a statement of the narrative states: a share price that
 * rc_model_finish copied into the roll-forwards from a statement, which reading the
 * statement back copies again? */
static bool same_fact(const rc_fact *a, const rc_fact *b)
{
    return a->kind == b->kind && mpq_equal(a->value.q, b->value.q) &&
           a->value.decimals == b->value.decimals && a->src.line == b->src.line &&
           a->src.col == b->src.col && has(a->src.file) == has(b->src.file) &&
           (!has(a->src.file) || strcmp(a->src.file, b->src.file) == 0) &&
           has(a->src.id) == has(b->src.id) &&
           (!has(a->src.id) || strcmp(a->src.id, b->src.id) == 0);
}

static bool from_statement(const rc_model *model, const rc_fact *f)
{
    for (size_t i = 0; i < rc_model_statement_count(model); i++) {
        const rc_statement *st = rc_model_statement(model, i);
        if (st->kind != RC_STMT_SHARE_PRICE) continue;
        for (const rc_fact *d = st->value; d; d = d->dup)
            if (same_fact(d, f)) return true;
    }
    return false;
}

/* The share price, without the reports that come from statements (written with them). */
static int put_share_price(fields *o, const rc_model *model, const rc_rollforward *rf,
                           const slot *s)
{
    size_t n = 0;
    for (const rc_fact *d = rf->share_price; d; d = d->dup)
        n++;
    if (!n) return RC_OK;
    const rc_fact **kept = malloc(n * sizeof *kept);
    if (!kept) return RC_ENOMEM;
    n = 0;
    for (const rc_fact *d = rf->share_price; d; d = d->dup)
        if (!from_statement(model, d)) kept[n++] = d;
    int rc = RC_OK;
    if (n) {
        next_field(o, "share_price");
        rc = put_value_list(o->b, kept, n, s);
    }
    free(kept);
    return rc;
}

static int put_range(rc_buf *b, int indent, const rc_range *r, const slot *at_end)
{
    rc_buf_printf(b, "%*s{", indent, "");
    fields o = {b, indent + 2, false};
    if (has(r->label)) {
        next_field(&o, "label");
        put_str(b, r->label);
    }
    const rc_fact *facts[] = {r->low,
                              r->high,
                              r->count,
                              r->price,
                              r->term,
                              r->aiv,
                              r->exercisable_count,
                              r->exercisable_price,
                              r->exercisable_term};
    const char *names[] = {"low",
                           "high",
                           "count",
                           "price",
                           "term",
                           "aiv",
                           "exercisable_count",
                           "exercisable_price",
                           "exercisable_term"};
    for (size_t i = 0; i < sizeof facts / sizeof *facts; i++)
        if (put_value_field(&o, names[i], facts[i], at_end) < 0) return RC_ENOMEM;
    if (!o.any)
        rc_buf_puts(b, "}");
    else
        rc_buf_printf(b, "\n%*s}", indent, "");
    return RC_OK;
}

static int put_rollforward(rc_buf *b, const rc_model *model, const rc_rollforward *rf)
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
    if (has(rf->caveat)) {
        next_field(&o, "caveat");
        put_str(b, rf->caveat);
    }
    if (rf->flags & RC_RF_AMBIGUOUS) {
        next_field(&o, "ambiguous");
        put_str(b, has(rf->why_ambiguous) ? rf->why_ambiguous : "the table's layout is ambiguous");
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
    if (rf->nranges) {
        next_field(&o, "ranges");
        rc_buf_puts(b, "[\n");
        for (size_t i = 0; i < rf->nranges; i++) {
            if (put_range(b, 8, &rf->ranges[i], &at_end) < 0) return RC_ENOMEM;
            rc_buf_puts(b, i + 1 < rf->nranges ? ",\n" : "\n");
        }
        rc_buf_puts(b, "      ]");
    }
    if (put_share_price(&o, model, rf, &at_end) < 0 ||
        put_value_field(&o, "contractual_term", rf->contractual_term, &during) < 0 ||
        put_value_field(&o, "issued_on_exercise", rf->issued_on_exercise, &during) < 0 ||
        put_value_field(&o, "exercise_proceeds", rf->exercise_proceeds, &during) < 0)
        return RC_ENOMEM;
    rc_buf_puts(b, "\n    }");
    return RC_OK;
}

static void put_period(rc_buf *b, rc_day start, rc_day end)
{
    rc_buf_puts(b, "{");
    if (start == RC_NO_DATE) {
        put_key(b, "instant");
        put_date(b, end);
    } else {
        put_key(b, "start");
        put_date(b, start);
        rc_buf_puts(b, ", ");
        put_key(b, "end");
        put_date(b, end);
    }
    rc_buf_puts(b, "}");
}

/* A statement of the narrative; the roll-forward it is about is matched again on reading. */
static const char *stmt_kind_name(rc_stmt_kind kind)
{
    switch (kind) {
    case RC_STMT_MOVEMENT:
        return "movement";
    case RC_STMT_BALANCE:
        return "balance";
    case RC_STMT_SHARE_PRICE:
        return "share_price";
    }
    assert(0 && "a statement kind model JSON does not know");
    return "movement";
}

static int put_statement(rc_buf *b, const rc_statement *st)
{
    rc_buf_puts(b, "    {");
    fields o = {b, 6, false};
    next_field(&o, "kind");
    put_str(b, stmt_kind_name(st->kind));
    if (st->kind == RC_STMT_MOVEMENT) {
        next_field(&o, "role");
        put_str(b, rc_role_name(st->role));
    } else if (st->kind == RC_STMT_BALANCE) {
        next_field(&o, "line");
        put_str(b, rc_line_name(st->line));
    }
    if (st->award == RC_AWARD_OPTIONS || st->award == RC_AWARD_OTHER) {
        next_field(&o, "award");
        put_str(b, rc_award_name((rc_award)st->award));
    }
    if (has(st->award_type)) {
        next_field(&o, "award_type");
        put_str(b, st->award_type);
    }
    if (st->end != RC_NO_DATE) {
        next_field(&o, "period");
        put_period(b, st->start, st->end);
    }
    /* a count, or the share price; any other kind is said */
    rc_kind usual = st->kind == RC_STMT_SHARE_PRICE ? RC_KIND_PRICE : RC_KIND_COUNT;
    if (st->value->kind != usual) {
        next_field(&o, "quantity");
        put_str(b, rc_kind_name(st->value->kind));
    }
    slot s = {st->start, st->end, NULL};
    if (put_value_field(&o, "value", st->value, &s) < 0) return RC_ENOMEM;
    if (has(st->text)) {
        next_field(&o, "text");
        put_str(b, st->text);
    }
    if (has(st->src.file)) {
        next_field(&o, "source");
        put_source(b, &st->src);
    }
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
        if ((rc = put_rollforward(&b, model, rc_model_get(model, i))) < 0) break;
    }
    rc_buf_puts(&b, n ? "\n  ]" : "]");
    /* a statement states a number: one without (none a reader makes) says nothing */
    size_t nwritten = 0;
    for (size_t i = 0; i < rc_model_statement_count(model) && rc >= 0; i++) {
        const rc_statement *st = rc_model_statement(model, i);
        if (!st->value) continue;
        rc_buf_puts(&b, nwritten++ ? ",\n" : ",\n  \"statements\": [\n");
        rc = put_statement(&b, st);
    }
    if (nwritten) rc_buf_puts(&b, "\n  ]");
    rc_buf_puts(&b, "\n}\n");
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
