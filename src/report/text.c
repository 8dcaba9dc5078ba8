/*
 * The text report: what a reviewer reads.
 *
 * README-text: the format, line by line.
 *
 * Each finding, in the order of the results (by file, line, column, rule):
 *
 *   FILE:LINE:COL: SEVERITY: MESSAGE [RULE]
 *     CONTEXT
 *     DETAIL...
 *     note: NOTE
 *
 * With a baseline (--baseline), a finding it accepts ends "[RULE, accepted:
 * REASON]" instead of "[RULE]".
 *
 * The location is where the reported value was read; ":COL" is left out
 * when the column is unknown, and ":LINE:COL" when the line is.  CONTEXT
 * names the roll-forward, its parts joined by " · ": entity, award class
 * with the finer award type in parentheses, plan and award members, the
 * period "YYYY-MM-DD to YYYY-MM-DD", and the currency when known.
 *
 * DETAIL depends on the finding.  A roll-forward identity (a failing "=="
 * whose reported side is the closing balance's count, exercise price or
 * grant-date fair value, of a rule that does not add up parts of a total) is
 * laid out as a small table: the opening, every
 * movement (its label, else its role), the closing as computed from them
 * (an interval "lo–hi", or one number), the closing as reported and the
 * difference, with the count column and, for a price, the price column.
 * Every other finding gets two lines:
 *
 *     reported  0.24 (closing.price)
 *     expected  <= 7,320,830
 *
 * Reported numbers are shown as written in the input ("(45,227)"); a number
 * written with a scale ("1,442" in thousands) is shown after its scale, so
 * that every number in a block is in the same units (a "reported" line
 * then adds "shown as 1,442").  Computed numbers and
 * differences are rounded to nearest two places finer than the reported
 * value shows (counts and amounts of money: to the places it shows), so a
 * computed 0.274878... against a shown 0.24 reads 0.2749.
 *
 * In a price or fair-value table the computed closing shows in its own
 * column only: the count column of that row stays empty, since the check
 * divides by the reported closing count.  A control character in a label
 * or name (a tab, a newline) is shown as a space, so that each finding
 * keeps its lines.  (The CLI prints no text report when no input could be
 * read at all: the read errors on standard error say everything.)
 *
 * A blank line follows each finding.  With a baseline, each of its stale
 * entries (its file was checked, or no longer exists, and no finding matches
 * it) gets a line at the entry's place in the baseline file, then a blank line:
 *
 *   BASELINE:LINE: note: stale baseline entry: RULE in FILE matches no finding
 *   any more: MESSAGE
 *
 * (on one line).  Then every roll-forward (balances alone
 * are left out) with the rules it passed, failed and skipped, so that what
 * was checked shows as well as what failed:
 *
 *   roll-forwards:
 *     options · Global Share Plan · 2021-01-01 to 2021-12-31 · USD (FILE:LINE)
 *       passed RC101 RC120×4; failed RC102; skipped RC110
 *
 * The report ends with one line:
 *
 *   summary: 2 files (1 unreadable), 6 roll-forwards; 80 checks: 79 passed,
 *   1 failed; 40 skipped (12 no previous period; ...); 1 error, 0 warnings,
 *   0 infos
 *
 * (on one line): the skip reasons are the five most frequent, then "and N
 * more"; "(M unreadable)" only when some input could not be read.  With a
 * baseline the line ends "; N accepted", and ", M stale baseline entries" when
 * there are any.
 */
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "rollcheck/report.h"
#include "common/util.h"

#define MAX_SKIP_REASONS 5

/* Width of s on a terminal, in characters: every UTF-8 lead byte counts. */
static size_t display_width(const char *s)
{
    size_t w = 0;
    for (; *s; s++)
        if (((unsigned char)*s & 0xc0) != 0x80) w++;
    return w;
}

/* Append text that came from an input: a control character (a tab or a
 * newline inside a label) becomes a space, so that a finding keeps its
 * lines. */
static void put_text(rc_buf *b, const char *s)
{
    for (const char *p = s; *p; p++)
        rc_buf_putc(b, ((unsigned char)*p < 0x20 || *p == 0x7f) ? ' ' : *p);
}

static void put_padded(rc_buf *b, const char *s, size_t width, bool right)
{
    size_t w = display_width(s);
    if (right)
        for (; w < width; w++)
            rc_buf_putc(b, ' ');
    put_text(b, s);
    if (!right)
        for (; w < width; w++)
            rc_buf_putc(b, ' ');
}

/* ---- numbers -------------------------------------------------------------------- */

/* A malloc'ed number from rc_q_format copied into the arena; "?" when out
 * of memory, so that the report still reads. */
static const char *keep(rc_arena *arena, char *s)
{
    const char *kept = s ? rc_arena_strdup(arena, s) : NULL;
    free(s);
    return kept ? kept : "?";
}

static const char *format_q(rc_arena *arena, const mpq_t q, int places)
{
    return keep(arena, rc_q_format(q, places, RC_ROUND_NEAREST, true));
}

/* Decimal places written in a fact's text ("0.24" -> 2, "(1,442)" -> 0). */
static int written_places(const char *text)
{
    const char *dot = strchr(text, '.');
    int n = 0;
    if (dot)
        for (dot++; *dot >= '0' && *dot <= '9'; dot++)
            n++;
    return n;
}

/* True when the fact's text, read at face value, is not its value: a scale
 * ("1,442" in thousands), an exponent or a percent sign was applied. */
static bool is_scaled(const rc_fact *fact)
{
    if (!fact->text || fact->kind == RC_KIND_TERM) return false;
    if (fact->value.shown == RC_DECIMALS_INF) return false;
    return written_places(fact->text) != fact->value.shown ||
           (fact->value.flags & RC_VALUE_PERCENT);
}

/* The exact value of a fact, grouped, with parentheses when it was written
 * in them. */
static const char *exact_text(rc_arena *arena, const rc_fact *fact)
{
    mpq_t mag;
    mpq_init(mag);
    mpq_abs(mag, fact->value.q);
    int places = rc_q_places(mag, 12);
    const char *digits =
        format_q(arena, (fact->value.flags & RC_VALUE_PARENS) ? mag : fact->value.q,
                 places < 0 ? 12 : places);
    mpq_clear(mag);
    if (fact->value.flags & RC_VALUE_PARENS) {
        const char *s = rc_arena_printf(arena, "(%s)", digits);
        return s ? s : "?";
    }
    return digits;
}

/* A reported number as the reader should see it: as written, unless a
 * scale was applied to what was written. */
static const char *fact_text(rc_arena *arena, const rc_fact *fact)
{
    if (!fact) return "";
    if (fact->text && !is_scaled(fact)) return fact->text;
    return exact_text(arena, fact);
}

/* Places at which computed values are shown, from the reported value. */
static int display_places(const rc_finding *f)
{
    const rc_fact *fact = f->reported_fact;
    bool whole = fact ? (fact->kind == RC_KIND_COUNT || fact->kind == RC_KIND_MONEY)
                      : (strcmp(f->quantity, "count") == 0 || strcmp(f->quantity, "aiv") == 0);
    int shown = fact ? fact->value.shown : RC_DECIMALS_INF;
    if (shown == RC_DECIMALS_INF) {
        int exact = rc_q_places(f->reported, 6);
        shown = exact < 0 ? 2 : exact;
    }
    int places = whole ? shown : shown + 2;
    return places < 0 ? 0 : places;
}

/* "lo–hi" at places, or one number when both ends print the same. */
static const char *interval_text(rc_arena *arena, const rc_interval *iv, int places)
{
    const char *lo = format_q(arena, iv->lo, places);
    const char *hi = format_q(arena, iv->hi, places);
    if (strcmp(lo, hi) == 0) return lo;
    const char *s = rc_arena_printf(arena, "%s\u2013%s", lo, hi);
    return s ? s : "?";
}

/* ---- naming what was reported --------------------------------------------------- */

static bool in_chain(const rc_fact *head, const rc_fact *fact, bool *dup)
{
    for (const rc_fact *p = head; p; p = p->dup)
        if (p == fact) {
            *dup = p != head;
            return true;
        }
    return false;
}

/* The name of the slot that holds fact in rf, in the rule language's terms
 * ("exercisable.count", "forfeited.price", "share_price"), or NULL. */
static const char *slot_name(rc_arena *arena, const rc_rollforward *rf, const rc_fact *fact)
{
    static const char *const fields[] = {"count", "price", "fair_value", "aiv", "term"};
    bool dup = false;
    const char *name = NULL;
    for (int l = 0; l < RC_LINE__COUNT && !name; l++) {
        const rc_balance *b = &rf->lines[l];
        const rc_fact *slots[] = {b->count, b->price, b->fair_value, b->aiv, b->term};
        for (size_t k = 0; k < 5 && !name; k++)
            if (in_chain(slots[k], fact, &dup))
                name = rc_arena_printf(arena, "%s.%s", rc_line_name((rc_line)l), fields[k]);
    }
    for (size_t i = 0; i < rf->nmovements && !name; i++) {
        const rc_movement *m = &rf->movements[i];
        const rc_fact *slots[] = {m->count, m->price, m->fair_value};
        for (size_t k = 0; k < 3 && !name; k++)
            if (in_chain(slots[k], fact, &dup))
                name = rc_arena_printf(arena, "%s.%s", rc_role_name(m->role), fields[k]);
    }
    static const char *const range_fields[] = {"low",
                                               "high",
                                               "count",
                                               "price",
                                               "term",
                                               "aiv",
                                               "exercisable_count",
                                               "exercisable_price",
                                               "exercisable_term"};
    for (size_t i = 0; i < rf->nranges && !name; i++) {
        const rc_range *r = &rf->ranges[i];
        const rc_fact *slots[] = {r->low,
                                  r->high,
                                  r->count,
                                  r->price,
                                  r->term,
                                  r->aiv,
                                  r->exercisable_count,
                                  r->exercisable_price,
                                  r->exercisable_term};
        for (size_t k = 0; k < 9 && !name; k++)
            if (in_chain(slots[k], fact, &dup))
                name = rc_arena_printf(arena, "range.%s", range_fields[k]);
    }
    if (!name && in_chain(rf->share_price, fact, &dup)) name = "share_price";
    if (!name && in_chain(rf->contractual_term, fact, &dup)) name = "contractual_term";
    if (name && dup) name = rc_arena_printf(arena, "%s, reported again", name);
    return name;
}

static const char *reported_name(rc_arena *arena, const rc_finding *f)
{
    const char *name = NULL;
    if (f->reported_fact) {
        name = slot_name(arena, f->rf, f->reported_fact);
        if (!name && f->rf->previous) {
            const char *prev = slot_name(arena, f->rf->previous, f->reported_fact);
            if (prev) name = rc_arena_printf(arena, "previous.%s", prev);
        }
    }
    return name ? name : f->quantity;
}

/* ---- one finding ---------------------------------------------------------------- */

static void put_location(rc_buf *b, const rc_finding *f)
{
    const char *file = f->where.file ? f->where.file : f->rf->file;
    put_text(b, file ? file : "-");
    if (f->where.line) {
        rc_buf_printf(b, ":%u", f->where.line);
        if (f->where.col) rc_buf_printf(b, ":%u", f->where.col);
    }
    rc_buf_puts(b, ": ");
}

/* "entity · award (type) · members · start to end · currency" */
static void put_rf_name(rc_buf *b, const rc_rollforward *rf)
{
    static const char sep[] = " \u00b7 ";
    if (rf->entity) {
        put_text(b, rf->entity);
        rc_buf_puts(b, sep);
    }
    rc_buf_puts(b, rc_award_name(rf->award));
    if (rf->award_type) {
        rc_buf_puts(b, " (");
        put_text(b, rf->award_type);
        rc_buf_putc(b, ')');
    }
    for (size_t i = 0; i < rf->nmembers; i++) {
        rc_buf_puts(b, i == 0 ? sep : ", ");
        put_text(b, rf->members[i]);
    }
    char start[11], end[11];
    rc_day_format(rf->start, start);
    rc_day_format(rf->end, end);
    rc_buf_printf(b, "%s%s to %s", sep, *start ? start : "?", *end ? end : "?");
    if (rf->currency) {
        rc_buf_puts(b, sep);
        put_text(b, rf->currency);
    }
}

static void put_context(rc_buf *b, const rc_rollforward *rf)
{
    rc_buf_puts(b, "  ");
    put_rf_name(b, rf);
    rc_buf_putc(b, '\n');
}

/* Does a rule's expression name the parts of a total (parts.NAME) or the ranges of
 * exercise prices (ranges.NAME)?  Its closing is computed from them, not from the movements
 * the identity table shows. */
static bool names_parts(const char *expr)
{
    static const char *const lists[] = {"parts.", "ranges."};
    for (size_t k = 0; k < 2; k++) {
        for (const char *p = strstr(expr, lists[k]); p; p = strstr(p + 1, lists[k])) {
            char c = p == expr ? ' ' : p[-1];
            bool word = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') ||
                        (c >= '0' && c <= '9') || c == '_' || c == '.';
            if (!word) return true;
        }
    }
    return false;
}

/* Which closing field a roll-forward identity finding is about, or NULL
 * when the finding is not one. */
static const char *identity_column(const rc_finding *f)
{
    const rc_balance *closing = rc_closing(f->rf);
    if (!f->reported_fact || rc_rule_each_of(f->rule) != RC_EACH_ROLLFORWARD ||
        strcmp(f->relation, "==") != 0 || names_parts(rc_rule_expression(f->rule)))
        return NULL;
    if (f->reported_fact == closing->count) return "count";
    if (f->reported_fact == closing->price) return "price";
    if (f->reported_fact == closing->fair_value) return "fair value";
    return NULL;
}

enum { TABLE_COLS = 3 };

typedef struct table_row {
    const char *cell[TABLE_COLS]; /* label, count, price or fair value */
} table_row;

static const rc_fact *second_field(const rc_fact *price, const rc_fact *fair_value, bool fair)
{
    return fair ? fair_value : price;
}

static void put_identity_table(rc_buf *b, rc_arena *arena, const rc_finding *f, const char *column)
{
    const rc_rollforward *rf = f->rf;
    bool count_only = strcmp(column, "count") == 0;
    bool fair = strcmp(column, "fair value") == 0;
    size_t ncols = count_only ? 2 : 3;
    size_t nrows = rf->nmovements + 5;
    table_row *rows = rc_arena_alloc(arena, nrows * sizeof *rows);
    if (!rows) {
        b->failed = true;
        return;
    }
    int places = display_places(f);
    const char *computed = interval_text(arena, &f->expected, places);
    const char *difference = format_q(arena, f->difference, places);
    size_t r = 0;
    rows[r++] = (table_row){{"", "count", column}};
    const rc_balance *opening = rc_opening(rf), *closing = rc_closing(rf);
    rows[r++] =
        (table_row){{"opening", fact_text(arena, opening->count),
                     fact_text(arena, second_field(opening->price, opening->fair_value, fair))}};
    for (size_t i = 0; i < rf->nmovements; i++) {
        const rc_movement *m = &rf->movements[i];
        rows[r++] =
            (table_row){{m->label ? m->label : rc_role_name(m->role), fact_text(arena, m->count),
                         fact_text(arena, second_field(m->price, m->fair_value, fair))}};
    }
    rows[r++] =
        (table_row){{"closing, computed", count_only ? computed : "", count_only ? "" : computed}};
    rows[r++] =
        (table_row){{"closing, reported", fact_text(arena, closing->count),
                     fact_text(arena, second_field(closing->price, closing->fair_value, fair))}};
    rows[r++] =
        (table_row){{"difference", count_only ? difference : "", count_only ? "" : difference}};

    size_t width[TABLE_COLS] = {0, 0, 0};
    for (size_t i = 0; i < r; i++)
        for (size_t c = 0; c < ncols; c++) {
            size_t w = display_width(rows[i].cell[c]);
            if (w > width[c]) width[c] = w;
        }
    for (size_t i = 0; i < r; i++) {
        rc_buf_puts(b, "    ");
        put_padded(b, rows[i].cell[0], width[0], false);
        for (size_t c = 1; c < ncols; c++) {
            rc_buf_puts(b, "   ");
            put_padded(b, rows[i].cell[c], width[c], true);
        }
        /* no trailing blanks: the label column is padded only when more follows */
        while (b->len > 0 && b->data[b->len - 1] == ' ')
            b->data[--b->len] = '\0';
        rc_buf_putc(b, '\n');
    }
}

static void put_reported_expected(rc_buf *b, rc_arena *arena, const rc_finding *f)
{
    const rc_fact *fact = f->reported_fact;
    rc_buf_puts(b, "    reported  ");
    if (fact && !is_scaled(fact)) {
        put_text(b, fact_text(arena, fact));
    } else if (fact && fact->text) {
        rc_buf_puts(b, exact_text(arena, fact));
    } else {
        rc_buf_puts(b, keep(arena, rc_q_format_exact(f->reported, 12, RC_ROUND_NEAREST)));
    }
    rc_buf_puts(b, " (");
    put_text(b, reported_name(arena, f));
    if (fact && fact->text && is_scaled(fact)) {
        rc_buf_puts(b, ", shown as ");
        put_text(b, fact->text);
    }
    rc_buf_puts(b, ")\n");
    rc_buf_printf(b, "    expected  %s %s\n", f->relation,
                  interval_text(arena, &f->expected, display_places(f)));
}

static void put_finding(rc_buf *b, rc_arena *arena, const rc_finding *f,
                        const rc_baseline *baseline)
{
    put_location(b, f);
    rc_buf_printf(b, "%s: ", rc_severity_name(f->severity));
    put_text(b, f->message);
    const char *reason = NULL;
    if (baseline && rc_baseline_accepts(baseline, f, &reason)) {
        rc_buf_printf(b, " [%s, accepted: ", rc_rule_id(f->rule));
        put_text(b, reason);
        rc_buf_puts(b, "]\n");
    } else {
        rc_buf_printf(b, " [%s]\n", rc_rule_id(f->rule));
    }
    put_context(b, f->rf);
    const char *column = identity_column(f);
    if (column)
        put_identity_table(b, arena, f, column);
    else
        put_reported_expected(b, arena, f);
    if (f->note && *f->note) {
        rc_buf_puts(b, "    note: ");
        put_text(b, f->note);
        rc_buf_putc(b, '\n');
    }
    rc_buf_putc(b, '\n');
}

/* ---- notes ---------------------------------------------------------------------- */

typedef struct note_order {
    const rc_note **items;
    size_t n;
} note_order;

static int place_cmp(const char *fa, unsigned la, const char *fb, unsigned lb)
{
    int c = (fa && fb) ? strcmp(fa, fb) : (fa ? 1 : (fb ? -1 : 0));
    if (c) return c;
    return la < lb ? -1 : la > lb;
}

static int note_cmp(const void *pa, const void *pb)
{
    const rc_note *a = *(const rc_note *const *)pa, *b = *(const rc_note *const *)pb;
    int c = place_cmp(a->src.file, a->src.line, b->src.file, b->src.line);
    if (c) return c;
    return a < b ? -1 : a > b; /* notes are allocated in order: keep it */
}

static int sort_notes(const rc_model *model, note_order *out)
{
    out->n = rc_model_note_count(model);
    out->items = NULL;
    if (!out->n) return RC_OK;
    out->items = malloc(out->n * sizeof *out->items);
    if (!out->items) return RC_ENOMEM;
    for (size_t i = 0; i < out->n; i++)
        out->items[i] = rc_model_note(model, i);
    qsort(out->items, out->n, sizeof *out->items, note_cmp);
    return RC_OK;
}

/* A note goes before a finding at a later place (or in a later file); notes without a
 * line go first in their file. */
static bool note_before(const rc_note *note, const rc_source *where)
{
    return place_cmp(note->src.file, note->src.line, where->file, where->line) <= 0;
}

/* "FILE:LINE: note: TEXT" */
static void put_note(rc_buf *b, const rc_note *note)
{
    if (note->src.file) {
        put_text(b, note->src.file);
        if (note->src.line) rc_buf_printf(b, ":%u", note->src.line);
        rc_buf_puts(b, ": ");
    }
    rc_buf_puts(b, "note: ");
    put_text(b, note->text);
    rc_buf_puts(b, "\n");
}

/* ---- stale baseline entries ------------------------------------------------------- */

/* "BASELINE:LINE: note: stale baseline entry: RULE in FILE matches no finding any more:
 * MESSAGE", then a blank line; nothing without a baseline or stale entries. */
static void put_stale(rc_buf *b, const rc_baseline *baseline)
{
    size_t n = baseline ? rc_baseline_stale_count(baseline) : 0;
    for (size_t i = 0; i < n; i++) {
        const rc_baseline_entry *e = rc_baseline_stale(baseline, i);
        put_text(b, rc_baseline_path(baseline));
        rc_buf_printf(b, ":%u: note: stale baseline entry: ", e->line);
        put_text(b, e->rule);
        rc_buf_puts(b, " in ");
        put_text(b, *e->file ? e->file : "-");
        rc_buf_puts(b, " matches no finding any more");
        if (e->file_missing) rc_buf_puts(b, " (the file does not exist)");
        if (e->message && *e->message) {
            rc_buf_puts(b, ": ");
            put_text(b, e->message);
        }
        rc_buf_putc(b, '\n');
    }
    if (n) rc_buf_putc(b, '\n');
}

/* ---- the roll-forwards, one by one ----------------------------------------------------- */

/* One status's rule ids, "RC101 RC120×2": each rule once, with how many of its
 * checks had that status. */
static void put_ids(rc_buf *b, const rc_results *results, size_t first, size_t end,
                    rc_status status, const char *word, bool *any)
{
    bool started = false;
    for (size_t i = first; i < end; i++) {
        const rc_outcome *o = rc_results_outcome(results, i);
        if (o->status != status) continue;
        bool seen = false;
        for (size_t k = first; k < i && !seen; k++) {
            const rc_outcome *p = rc_results_outcome(results, k);
            seen = p->rule == o->rule && p->status == status;
        }
        if (seen) continue; /* counted with the first of its rule */
        size_t same = 0;
        for (size_t k = i; k < end; k++) {
            const rc_outcome *p = rc_results_outcome(results, k);
            same += p->rule == o->rule && p->status == status;
        }
        if (!started) {
            rc_buf_printf(b, "%s%s", *any ? "; " : "", word);
            started = *any = true;
        }
        rc_buf_printf(b, " %s", rc_rule_id(o->rule));
        if (same > 1) rc_buf_printf(b, "\u00d7%zu", same);
    }
}

/*
 * After the findings, each roll-forward with the rules it passed, failed and
 * skipped, so that a reviewer sees what was checked, not only what failed:
 *
 *   options · Global Share Plan · 2021-01-01 to 2021-12-31 · USD (FILE:LINE)
 *     passed RC101 RC110 RC120×2; failed RC102; skipped RC141
 */
static void put_rollforwards(rc_buf *b, const rc_report *report)
{
    const rc_results *results = report->results;
    size_t n = rc_results_outcome_count(results), shown = 0;
    for (size_t r = 0; r < rc_model_count(report->model); r++) {
        const rc_rollforward *rf = rc_model_get(report->model, r);
        if (!rc_rollforward_is_rollforward(rf)) continue;
        if (shown++ == 0) rc_buf_puts(b, "roll-forwards:\n");
        rc_buf_puts(b, "  ");
        put_rf_name(b, rf);
        if (rf->src.file) {
            rc_buf_puts(b, " (");
            put_text(b, rf->src.file);
            if (rf->src.line) rc_buf_printf(b, ":%u", rf->src.line);
            rc_buf_putc(b, ')');
        }
        rc_buf_puts(b, "\n    ");
        /* outcomes come in model order: this roll-forward's are one run */
        size_t first = 0;
        while (first < n && rc_results_outcome(results, first)->rf != rf)
            first++;
        size_t end = first;
        while (end < n && rc_results_outcome(results, end)->rf == rf)
            end++;
        bool any = false;
        put_ids(b, results, first, end, RC_PASSED, "passed", &any);
        put_ids(b, results, first, end, RC_FAILED, "failed", &any);
        put_ids(b, results, first, end, RC_SKIPPED, "skipped", &any);
        rc_buf_puts(b, any ? "\n" : "no check applies\n");
    }
    if (shown) rc_buf_putc(b, '\n');
}

/* ---- the summary ---------------------------------------------------------------- */

static void put_count(rc_buf *b, size_t n, const char *one, const char *many)
{
    rc_buf_printf(b, "%zu %s", n, n == 1 ? one : many);
}

static void put_summary(rc_buf *b, const rc_report *report)
{
    rc_summary s;
    rc_results_summary(report->results, &s);
    size_t unreadable = 0, skipped = 0, facts = 0;
    for (size_t i = 0; i < report->ninputs; i++) {
        if (report->inputs[i].error) unreadable++;
        if (report->inputs[i].skipped) skipped++;
        facts += report->inputs[i].facts;
    }
    rc_buf_puts(b, "summary: ");
    put_count(b, report->ninputs, "file", "files");
    if (skipped && unreadable)
        rc_buf_printf(b, " (%zu skipped, %zu unreadable)", skipped, unreadable);
    else if (skipped)
        rc_buf_printf(b, " (%zu skipped)", skipped);
    else if (unreadable)
        rc_buf_printf(b, " (%zu unreadable)", unreadable);
    rc_buf_puts(b, ", ");
    put_count(b, facts, "fact", "facts");
    rc_buf_puts(b, ", ");
    put_count(b, s.rollforwards, "roll-forward", "roll-forwards");
    rc_buf_puts(b, "; ");
    put_count(b, s.checks, "check", "checks");
    rc_buf_printf(b, ": %zu passed, %zu failed; %zu skipped", s.passed, s.failed, s.skipped);
    size_t nreasons = rc_results_skip_reason_count(report->results);
    for (size_t i = 0; i < nreasons && i < MAX_SKIP_REASONS; i++) {
        size_t count = 0;
        const char *reason = rc_results_skip_reason(report->results, i, &count);
        rc_buf_printf(b, "%s%zu ", i == 0 ? " (" : "; ", count);
        put_text(b, reason);
    }
    if (nreasons > MAX_SKIP_REASONS)
        rc_buf_printf(b, "; and %zu more", nreasons - MAX_SKIP_REASONS);
    if (nreasons) rc_buf_putc(b, ')');
    rc_buf_puts(b, "; ");
    put_count(b, s.errors, "error", "errors");
    rc_buf_puts(b, ", ");
    put_count(b, s.warnings, "warning", "warnings");
    rc_buf_puts(b, ", ");
    put_count(b, s.infos, "info", "infos");
    if (report->baseline) {
        rc_buf_printf(b, "; %zu accepted", rc_baseline_accepted_count(report->baseline));
        size_t stale = rc_baseline_stale_count(report->baseline);
        if (stale)
            rc_buf_printf(b, ", %zu stale baseline %s", stale, stale == 1 ? "entry" : "entries");
    }
    rc_buf_putc(b, '\n');
}

int rc_report_text(FILE *out, const rc_report *report, rc_ctx *ctx)
{
    int err = RC_OK;
    note_order notes = {NULL, 0};
    rc_buf b = RC_BUF_INIT;
    rc_arena *arena = rc_arena_new();
    if (!arena) {
        err = rc_ctx_fail(ctx, RC_ENOMEM, "out of memory writing the report");
        goto done;
    }
    size_t n = rc_results_finding_count(report->results);
    if (sort_notes(report->model, &notes) < 0) {
        err = rc_ctx_fail(ctx, RC_ENOMEM, "out of memory writing the report");
        goto done;
    }
    size_t k = 0;
    for (size_t i = 0; i <= n; i++) {
        const rc_finding *f = i < n ? rc_results_finding(report->results, i) : NULL;
        /* notes go in with the findings, in the order of their places */
        while (k < notes.n && (!f || note_before(notes.items[k], &f->where)))
            put_note(&b, notes.items[k++]);
        if (!f) break;
        put_finding(&b, arena, f, report->baseline);
        if (b.failed) break;
        /* write as we go: a large report need not be held in memory */
        if (b.len && fwrite(b.data, 1, b.len, out) != b.len) break;
        b.len = 0;
    }
    if (!b.failed) put_stale(&b, report->baseline);
    if (!b.failed) put_rollforwards(&b, report);
    if (!b.failed) put_summary(&b, report);
    if (b.failed) {
        err = rc_ctx_fail(ctx, RC_ENOMEM, "out of memory writing the report");
        goto done;
    }
    if ((b.len && fwrite(b.data, 1, b.len, out) != b.len) || fflush(out) != 0 || ferror(out)) {
        err = rc_ctx_fail(ctx, RC_EIO, "cannot write the report");
        goto done;
    }
done:
    free(notes.items);
    rc_buf_free(&b);
    rc_arena_free(arena);
    return err;
}
