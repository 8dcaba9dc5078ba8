/*
 * The HTML report: one self-contained page an auditor can open, keep or
 * attach (docs/html-report.md describes it section by section).
 *
 * One file: inline CSS, no script, no image, no font, no link to anything
 * outside the page, so that it renders the same offline, in a mail client or
 * years later.  No timestamp: the same inputs give the same bytes.  The page
 * is HTML5 written so that it is also well-formed XML (every element closed,
 * void elements self-closed), which lets the tests check it with any XML
 * parser.  Every text that came from an input, a rule file or a baseline is
 * escaped; bytes that are not UTF-8, and characters HTML does not allow in a
 * document (controls, noncharacters), become U+FFFD or a space.
 *
 * The page: the tool and its version; a summary (files, facts, roll-forwards,
 * checks passed, failed and skipped with the reasons, findings by severity,
 * the baseline's accepted and stale entries); every finding in one list,
 * linked to its place below; the inputs (form, counts, read errors, skip
 * reasons, notes).  Then per input file, each roll-forward in model order as
 * the table it came from: rows opening, movements, closing, exercisable,
 * vested and expected; columns count, WAEP, grant-date fair value, intrinsic
 * value, remaining term.  Figures are shown as written in the input; hovering
 * one shows where it was read.  A cell a finding is about is highlighted
 * (class hl-error, hl-warning, hl-info, or hl-accepted when the baseline
 * accepts every finding on it) and carries a marker character linked to the
 * finding, so that it reads without colour too.  A failing roll-forward
 * identity adds the closing as computed, and the difference, under the
 * reported closing.  The findings stand beside the table, each with its rule,
 * the numbers, the note and the rule's explanation.  Balances reported alone
 * (no movement, one date) are listed compactly after a file's roll-forwards.
 */
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "rollcheck/report.h"
#include "common/util.h"

/* ---- escaping ------------------------------------------------------------------- */

/* Length (1..4) of the valid UTF-8 sequence at s and its code point, or 0. */
static size_t utf8_decode(const unsigned char *s, unsigned *cp)
{
    if (s[0] < 0x80) {
        *cp = s[0];
        return 1;
    }
    size_t n;
    unsigned min, c;
    if ((s[0] & 0xe0) == 0xc0) {
        n = 2, min = 0x80, c = s[0] & 0x1fu;
    } else if ((s[0] & 0xf0) == 0xe0) {
        n = 3, min = 0x800, c = s[0] & 0x0fu;
    } else if ((s[0] & 0xf8) == 0xf0) {
        n = 4, min = 0x10000, c = s[0] & 0x07u;
    } else {
        return 0;
    }
    for (size_t i = 1; i < n; i++) {
        if ((s[i] & 0xc0) != 0x80) return 0;
        c = (c << 6) | (s[i] & 0x3fu);
    }
    if (c < min || c > 0x10ffff || (c >= 0xd800 && c <= 0xdfff)) return 0;
    *cp = c;
    return n;
}

/* Characters whose presence in a document is an HTML parse error: controls
 * other than blanks, and noncharacters. */
static bool forbidden(unsigned cp)
{
    if (cp == '\t' || cp == '\n') return false;
    if (cp < 0x20 || (cp >= 0x7f && cp <= 0x9f)) return true;
    if (cp >= 0xfdd0 && cp <= 0xfdef) return true;
    return (cp & 0xfffeu) == 0xfffeu;
}

/* Text from an input, escaped for element content and attribute values alike. */
static void put_esc(rc_buf *b, const char *s)
{
    const unsigned char *p = (const unsigned char *)(s ? s : "");
    while (*p) {
        unsigned cp = 0;
        size_t n = utf8_decode(p, &cp);
        if (n == 0) {
            rc_buf_puts(b, "\xef\xbf\xbd");
            p++;
            continue;
        }
        switch (cp) {
        case '&':
            rc_buf_puts(b, "&amp;");
            break;
        case '<':
            rc_buf_puts(b, "&lt;");
            break;
        case '>':
            rc_buf_puts(b, "&gt;");
            break;
        case '"':
            rc_buf_puts(b, "&quot;");
            break;
        case '\'':
            rc_buf_puts(b, "&#39;");
            break;
        default:
            if (cp == '\t' || (forbidden(cp) && cp < 0x80))
                rc_buf_putc(b, ' ');
            else if (forbidden(cp))
                rc_buf_puts(b, "\xef\xbf\xbd");
            else
                rc_buf_append(b, (const char *)p, n);
        }
        p += n;
    }
}

/* ---- numbers -------------------------------------------------------------------- */

/* A malloc'ed string from rc_q_format copied into the arena; "?" when out of
 * memory, so that the page still reads (the buffer's failure flag says the rest). */
static const char *keep(rc_arena *arena, char *s)
{
    const char *kept = s ? rc_arena_strdup(arena, s) : NULL;
    free(s);
    return kept ? kept : "?";
}

static const char *format_q(rc_arena *arena, const mpq_t q, int places)
{
    return keep(arena, rc_q_format(q, places < 0 ? 0 : places, RC_ROUND_NEAREST, true));
}

/* q exactly (grouped), or cut at 12 places. */
static const char *exact_q(rc_arena *arena, const mpq_t q)
{
    int places = rc_q_places(q, 12);
    return format_q(arena, q, places < 0 ? 12 : places);
}

/* The power of ten that turned what was written into the value (3 for "1,442"
 * in thousands), 0 when the text reads at face value, -1 when it cannot be told
 * (no text, a term, a text that is not a plain number). */
static int fact_scale(const rc_fact *fact)
{
    if (!fact->text || fact->kind == RC_KIND_TERM) return fact->text ? 0 : -1;
    int scale = -1;
    rc_value face;
    mpq_t written, value, ratio;
    rc_value_init(&face);
    mpq_inits(written, value, ratio, NULL);
    if (rc_value_parse(&face, fact->text, strlen(fact->text), 0, RC_PARSE_TABLE, NULL, NULL) ==
        RC_OK) {
        mpq_abs(written, face.q);
        mpq_abs(value, fact->value.q);
        if (mpq_equal(written, value)) {
            scale = 0;
        } else if (mpq_sgn(written) != 0) {
            mpq_div(ratio, value, written);
            mpz_t ten;
            mpz_init_set_ui(ten, 1);
            for (int k = 1; k <= 18 && scale < 0; k++) {
                mpz_mul_ui(ten, ten, 10);
                if (mpz_cmp_ui(mpq_denref(ratio), 1) == 0 && mpz_cmp(mpq_numref(ratio), ten) == 0)
                    scale = k;
            }
            mpz_clear(ten);
        }
    }
    mpq_clears(written, value, ratio, NULL);
    rc_value_clear(&face);
    return scale;
}

static const char *scale_words(int scale)
{
    switch (scale) {
    case 3:
        return "thousands";
    case 6:
        return "millions";
    case 9:
        return "billions";
    default:
        return NULL;
    }
}

/* "in thousands", or "×10^k" for an unusual power. */
static void put_scale(rc_buf *b, int scale)
{
    const char *words = scale_words(scale);
    if (words)
        rc_buf_printf(b, "in %s", words);
    else
        rc_buf_printf(b, "\u00d710<sup>%d</sup>", scale);
}

/* A fact as the page shows it: as written, else its exact value. */
static const char *fact_text(rc_arena *arena, const rc_fact *fact)
{
    if (fact->text && *fact->text) return fact->text;
    if (fact->kind == RC_KIND_TERM) {
        const char *years = exact_q(arena, fact->value.q);
        const char *s = rc_arena_printf(arena, "%s years", years);
        return s ? s : "?";
    }
    return exact_q(arena, fact->value.q);
}

/* Places at which computed values are shown: as the text report does, two
 * places finer than the reported value shows (counts and money: its places). */
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
    return whole ? shown : shown + 2;
}

/* q divided by 10^scale. */
static void unscale(mpq_t dst, const mpq_t q, int scale)
{
    mpq_set(dst, q);
    if (scale <= 0) return;
    mpz_t p;
    mpz_init(p);
    mpz_ui_pow_ui(p, 10, (unsigned long)scale);
    mpz_mul(mpq_denref(dst), mpq_denref(dst), p);
    mpq_canonicalize(dst);
    mpz_clear(p);
}

/* "lo–hi" (or one number when both ends print the same), in units of 10^scale. */
static const char *interval_text(rc_arena *arena, const rc_interval *iv, int places, int scale)
{
    mpq_t lo, hi;
    mpq_inits(lo, hi, NULL);
    unscale(lo, iv->lo, scale);
    unscale(hi, iv->hi, scale);
    const char *los = format_q(arena, lo, places + (scale > 0 ? scale : 0));
    const char *his = format_q(arena, hi, places + (scale > 0 ? scale : 0));
    mpq_clears(lo, hi, NULL);
    if (strcmp(los, his) == 0) return los;
    const char *s = rc_arena_printf(arena, "%s\u2013%s", los, his);
    return s ? s : "?";
}

static const char *scaled_text(rc_arena *arena, const mpq_t q, int places, int scale)
{
    mpq_t v;
    mpq_init(v);
    unscale(v, q, scale);
    const char *s = format_q(arena, v, places + (scale > 0 ? scale : 0));
    mpq_clear(v);
    return s;
}

static const char *relation_sign(const char *relation)
{
    if (strcmp(relation, "==") == 0) return "=";
    if (strcmp(relation, "<=") == 0) return "\u2264";
    if (strcmp(relation, ">=") == 0) return "\u2265";
    if (strcmp(relation, "!=") == 0) return "\u2260";
    return relation;
}

/* ---- the page's state ------------------------------------------------------------- */

typedef struct page {
    rc_buf b;
    rc_arena *arena;
    const rc_report *report;
} page;

/* A finding with its number on the page (its anchor is "f<number>") and whether
 * the baseline accepts it. */
typedef struct placed {
    const rc_finding *f;
    size_t number;
    bool accepted;
    const char *reason;
} placed;

static void placed_init(placed *p, const rc_report *report, size_t i)
{
    p->f = rc_results_finding(report->results, i);
    p->number = i + 1;
    p->reason = NULL;
    p->accepted = report->baseline && rc_baseline_accepts(report->baseline, p->f, &p->reason);
}

static const char *marker(rc_severity s)
{
    switch (s) {
    case RC_SEVERITY_ERROR:
        return "\u2716"; /* heavy multiplication x */
    case RC_SEVERITY_WARNING:
        return "\u25b2"; /* black up-pointing triangle */
    case RC_SEVERITY_INFO:
    default:
        return "\u2139"; /* information source */
    }
}

static const char *accepted_marker(void)
{
    return "\u2714"; /* heavy check mark */
}

/* "entity · award (type) · members · start to end · currency" */
static void put_rf_name(rc_buf *b, const rc_rollforward *rf, bool with_period)
{
    static const char sep[] = " \u00b7 ";
    if (rf->entity) {
        put_esc(b, rf->entity);
        rc_buf_puts(b, sep);
    }
    rc_buf_puts(b, rc_award_name(rf->award));
    if (rf->award_type) {
        rc_buf_puts(b, " (");
        put_esc(b, rf->award_type);
        rc_buf_putc(b, ')');
    }
    for (size_t i = 0; i < rf->nmembers; i++) {
        rc_buf_puts(b, i == 0 ? sep : ", ");
        put_esc(b, rf->members[i]);
    }
    if (with_period) {
        char start[11], end[11];
        rc_day_format(rf->start, start);
        rc_day_format(rf->end, end);
        rc_buf_printf(b, "%s%s to %s", sep, *start ? start : "?", *end ? end : "?");
    }
    if (rf->currency) {
        rc_buf_puts(b, sep);
        put_esc(b, rf->currency);
    }
}

static void put_source(rc_buf *b, const rc_source *src, const char *fallback_file)
{
    const char *file = src->file ? src->file : fallback_file;
    put_esc(b, file ? file : "-");
    if (src->line) {
        rc_buf_printf(b, ":%u", src->line);
        if (src->col) rc_buf_printf(b, ":%u", src->col);
    }
    if (src->id) {
        rc_buf_puts(b, " #");
        put_esc(b, src->id);
    }
}

/* ---- the roll-forward table --------------------------------------------------------- */

enum { COL_COUNT, COL_PRICE, COL_FAIR, COL_AIV, COL_TERM, NCOLS };

static const char *const col_quantity[NCOLS] = {"count", "price", "fair_value", "aiv", "term"};

static int quantity_col(const char *quantity)
{
    for (int c = 0; c < NCOLS; c++)
        if (strcmp(quantity, col_quantity[c]) == 0) return c;
    return -1;
}

typedef struct row {
    const char *label;
    const rc_movement *movement; /* or NULL */
    int line;                    /* rc_line, or -1 */
    const rc_rollforward *rf;
    const rc_fact *cell[NCOLS];
} row;

static void balance_row(row *r, const rc_rollforward *rf, rc_line line)
{
    const rc_balance *bal = &rf->lines[line];
    *r = (row){
        NULL, NULL, (int)line, rf, {bal->count, bal->price, bal->fair_value, bal->aiv, bal->term}};
    static const char *const names[RC_LINE__COUNT] = {"opening", "closing", "exercisable",
                                                      "vested and expected to vest"};
    r->label = names[line];
}

static bool row_empty(const row *r)
{
    for (int c = 0; c < NCOLS; c++)
        if (r->cell[c]) return false;
    return true;
}

/* The rows of a roll-forward's table: opening, the movements, closing, then
 * exercisable and vested-and-expected when reported.  rows holds nmovements + 4. */
static size_t build_rows(const rc_rollforward *rf, row *rows)
{
    size_t n = 0;
    balance_row(&rows[n++], rf, RC_LINE_OPENING);
    for (size_t i = 0; i < rf->nmovements; i++) {
        const rc_movement *m = &rf->movements[i];
        rows[n++] = (row){m->label ? m->label : rc_role_name(m->role),
                          m,
                          -1,
                          rf,
                          {m->count, m->price, m->fair_value, NULL, NULL}};
    }
    balance_row(&rows[n++], rf, RC_LINE_CLOSING);
    balance_row(&rows[n], rf, RC_LINE_EXERCISABLE);
    if (!row_empty(&rows[n])) n++;
    balance_row(&rows[n], rf, RC_LINE_VESTED_EXPECTED);
    if (!row_empty(&rows[n])) n++;
    return n;
}

/* Is fact head or one of its duplicates?  *dup says which. */
static bool in_chain_dup(const rc_fact *head, const rc_fact *fact, bool *dup)
{
    for (const rc_fact *p = head; p; p = p->dup)
        if (p == fact) {
            *dup = p != head;
            return true;
        }
    return false;
}

static bool in_chain(const rc_fact *head, const rc_fact *fact)
{
    bool dup;
    return in_chain_dup(head, fact, &dup);
}

/* The cell (row, column) a finding is about: the one holding its reported
 * fact (or a duplicate of it); else, for a rule over movements or balance rows,
 * its row's column of the finding's quantity. */
static bool finding_cell(const rc_finding *f, const row *rows, size_t nrows, size_t *r, int *c)
{
    if (f->reported_fact)
        for (size_t i = 0; i < nrows; i++)
            for (int k = 0; k < NCOLS; k++)
                if (rows[i].rf == f->rf && in_chain(rows[i].cell[k], f->reported_fact)) {
                    *r = i, *c = k;
                    return true;
                }
    int col = quantity_col(f->quantity);
    if (col < 0) return false;
    for (size_t i = 0; i < nrows; i++) {
        if (rows[i].rf != f->rf) continue;
        if ((f->movement && rows[i].movement == f->movement) ||
            (!f->movement && f->line >= 0 && rows[i].line == f->line)) {
            *r = i, *c = col;
            return true;
        }
    }
    return false;
}

/* Does a rule's expression name the parts of a total (parts.NAME) or the ranges of
 * exercise prices (ranges.NAME)?  Its closing is computed from them, not from the
 * movements the table shows. */
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

/* The column of a roll-forward identity finding (a failing "==" over the
 * roll-forward whose reported side is the closing count, price or fair value),
 * or -1 when the finding is not one. */
static int identity_col(const rc_finding *f)
{
    const rc_balance *closing = rc_closing(f->rf);
    if (!f->reported_fact || rc_rule_each_of(f->rule) != RC_EACH_ROLLFORWARD ||
        strcmp(f->relation, "==") != 0 || names_parts(rc_rule_expression(f->rule)))
        return -1;
    if (f->reported_fact == closing->count) return COL_COUNT;
    if (f->reported_fact == closing->price) return COL_PRICE;
    if (f->reported_fact == closing->fair_value) return COL_FAIR;
    return -1;
}

/* What one table shows: its rows, the findings on them, and per column whether
 * it is shown and the scale every figure in it was written at. */
typedef struct table {
    row *rows;
    size_t nrows;
    const placed *findings;
    size_t nfindings;
    bool shown[NCOLS];
    int scale[NCOLS]; /* a common power of ten of the column's figures, else 0 */
    bool mixed[NCOLS];
    /* a failing identity: the closing as computed, and the difference */
    const placed *identity[NCOLS];
    /* per finding, the cell it is about (finding_cell), or row SIZE_MAX */
    size_t *cell_row;
    int *cell_col;
} table;

/* Find each finding's cell once: a page with many balances has many of both. */
static bool locate_findings(page *pg, table *t)
{
    if (!t->nfindings) return true;
    t->cell_row = rc_arena_alloc(pg->arena, t->nfindings * sizeof *t->cell_row);
    t->cell_col = rc_arena_alloc(pg->arena, t->nfindings * sizeof *t->cell_col);
    if (!t->cell_row || !t->cell_col) {
        pg->b.failed = true;
        return false;
    }
    for (size_t i = 0; i < t->nfindings; i++)
        if (!finding_cell(t->findings[i].f, t->rows, t->nrows, &t->cell_row[i], &t->cell_col[i]))
            t->cell_row[i] = SIZE_MAX;
    return true;
}

static bool on_cell(const table *t, size_t i, size_t r, int c)
{
    return t->cell_row[i] == r && t->cell_col[i] == c;
}

static void table_columns(table *t)
{
    for (int c = 0; c < NCOLS; c++) {
        t->shown[c] = t->identity[c] != NULL;
        t->scale[c] = 0;
        t->mixed[c] = false;
        bool first = true;
        for (size_t i = 0; i < t->nrows; i++) {
            const rc_fact *fact = t->rows[i].cell[c];
            if (!fact) continue;
            t->shown[c] = true;
            int s = fact_scale(fact);
            if (s < 0) s = 0;
            if (first)
                t->scale[c] = s;
            else if (s != t->scale[c])
                t->mixed[c] = true;
            first = false;
        }
        if (t->mixed[c]) t->scale[c] = 0;
    }
}

static void put_col_head(rc_buf *b, const table *t, int c, const char *currency)
{
    static const char *const heads[NCOLS] = {
        "count", "<abbr title=\"weighted-average exercise price\">WAEP</abbr>",
        "grant-date fair value", "<abbr title=\"aggregate intrinsic value\">AIV</abbr>",
        "remaining term"};
    rc_buf_printf(b, "<th scope=\"col\">%s", heads[c]);
    bool money = c == COL_PRICE || c == COL_FAIR || c == COL_AIV;
    if ((money && currency) || t->scale[c] > 0) {
        rc_buf_puts(b, "<span class=\"unit\">");
        if (money && currency) put_esc(b, currency);
        if (money && currency && t->scale[c] > 0) rc_buf_puts(b, ", ");
        if (t->scale[c] > 0) put_scale(b, t->scale[c]);
        rc_buf_puts(b, "</span>");
    }
    rc_buf_puts(b, "</th>");
}

/* Where a figure was read, and what else was reported for the same place. */
static void put_fact_title(page *pg, const rc_fact *fact)
{
    rc_buf *b = &pg->b;
    rc_buf_puts(b, " title=\"");
    put_source(b, &fact->src, NULL);
    if (fact->label) {
        rc_buf_puts(b, "\n");
        put_esc(b, fact->label);
    }
    if (fact->concept) {
        rc_buf_puts(b, "\n");
        put_esc(b, fact->concept);
    }
    if (fact->kind != RC_KIND_TERM) {
        rc_buf_puts(b, "\nvalue ");
        put_esc(b, exact_q(pg->arena, fact->value.q));
        if (fact->value.decimals != RC_DECIMALS_INF)
            rc_buf_printf(b, ", decimals %d", fact->value.decimals);
    }
    if (fact->filing) {
        rc_buf_puts(b, "\nfiling ");
        put_esc(b, fact->filing);
    }
    for (const rc_fact *d = fact->dup; d; d = d->dup) {
        rc_buf_puts(b, "\nalso reported at ");
        put_source(b, &d->src, NULL);
        rc_buf_puts(b, " as ");
        put_esc(b, fact_text(pg->arena, d));
    }
    rc_buf_puts(b, "\"");
}

static const char *hl_class(const rc_finding *worst, bool all_accepted)
{
    if (all_accepted) return "hl-accepted";
    switch (worst->severity) {
    case RC_SEVERITY_ERROR:
        return "hl-error";
    case RC_SEVERITY_WARNING:
        return "hl-warning";
    case RC_SEVERITY_INFO:
    default:
        return "hl-info";
    }
}

/* One figure: highlighted and marked when findings are about it. */
static void put_cell(page *pg, const table *t, size_t r, int c)
{
    rc_buf *b = &pg->b;
    const rc_fact *fact = t->rows[r].cell[c];
    /* the findings on this cell: the worst one not accepted decides the colour */
    const rc_finding *worst = NULL;
    bool any = false, all_accepted = true;
    for (size_t i = 0; i < t->nfindings; i++) {
        const placed *p = &t->findings[i];
        if (!on_cell(t, i, r, c)) continue;
        any = true;
        if (p->accepted) {
            if (!worst) worst = p->f;
            continue;
        }
        if (all_accepted || p->f->severity > worst->severity) worst = p->f;
        all_accepted = false;
    }
    rc_buf_puts(b, "<td");
    if (any) rc_buf_printf(b, " class=\"%s\" data-findings=\"", hl_class(worst, all_accepted));
    for (size_t i = 0, k = 0; any && i < t->nfindings; i++) {
        if (!on_cell(t, i, r, c)) continue;
        rc_buf_printf(b, "%sf%zu", k++ ? " " : "", t->findings[i].number);
    }
    if (any) rc_buf_putc(b, '"');
    if (fact) put_fact_title(pg, fact);
    rc_buf_putc(b, '>');
    for (size_t i = 0; any && i < t->nfindings; i++) {
        const placed *p = &t->findings[i];
        if (!on_cell(t, i, r, c)) continue;
        rc_buf_printf(b, "<a class=\"mark %s\" href=\"#f%zu\" title=\"",
                      p->accepted ? "accepted" : rc_severity_name(p->f->severity), p->number);
        rc_buf_printf(b, "%s %s: ", rc_rule_id(p->f->rule), rc_severity_name(p->f->severity));
        put_esc(b, p->f->message);
        rc_buf_printf(b, "\">%s</a>", p->accepted ? accepted_marker() : marker(p->f->severity));
    }
    if (fact) {
        put_esc(b, fact_text(pg->arena, fact));
        int s = fact_scale(fact);
        if (t->mixed[c] && s > 0) {
            rc_buf_puts(b, " <span class=\"unit\">");
            put_scale(b, s);
            rc_buf_puts(b, "</span>");
        }
    }
    rc_buf_puts(b, "</td>");
}

/* "closing, computed" and "difference" under the reported closing. */
static void put_identity_rows(page *pg, const table *t)
{
    rc_buf *b = &pg->b;
    static const char *const labels[2] = {"closing, computed", "difference"};
    for (int k = 0; k < 2; k++) {
        rc_buf_printf(b, "<tr class=\"computed\"><th scope=\"row\">%s</th>", labels[k]);
        for (int c = 0; c < NCOLS; c++) {
            if (!t->shown[c]) continue;
            const placed *p = t->identity[c];
            if (!p) {
                rc_buf_puts(b, "<td></td>");
                continue;
            }
            int places = display_places(p->f);
            const char *text = k == 0
                                   ? interval_text(pg->arena, &p->f->expected, places, t->scale[c])
                                   : scaled_text(pg->arena, p->f->difference, places, t->scale[c]);
            rc_buf_printf(b, "<td class=\"computed-%s\">", k == 0 ? "value" : "difference");
            put_esc(b, text);
            rc_buf_puts(b, "</td>");
        }
        rc_buf_puts(b, "</tr>\n");
    }
}

static void put_row_head(rc_buf *b, const row *r)
{
    rc_buf_puts(b, "<th scope=\"row\">");
    put_esc(b, r->label);
    if (r->movement) {
        const rc_movement *m = r->movement;
        rc_buf_puts(b, " <span class=\"role\">");
        if (m->label) {
            rc_buf_puts(b, rc_role_name(m->role));
            rc_buf_puts(b, ", ");
        }
        rc_buf_puts(b, m->direction > 0 ? "adds" : m->direction < 0 ? "deducts" : "sign unknown");
        rc_buf_puts(b, "</span>");
    }
    rc_buf_puts(b, "</th>");
}

static void put_table(page *pg, const table *t, const char *currency)
{
    rc_buf *b = &pg->b;
    rc_buf_puts(b, "<table class=\"rf\">\n<thead><tr><th scope=\"col\"></th>");
    for (int c = 0; c < NCOLS; c++)
        if (t->shown[c]) put_col_head(b, t, c, currency);
    rc_buf_puts(b, "</tr></thead>\n<tbody>\n");
    bool identity = false;
    for (int c = 0; c < NCOLS; c++)
        identity |= t->identity[c] != NULL;
    for (size_t r = 0; r < t->nrows; r++) {
        const row *rw = &t->rows[r];
        rc_buf_printf(b, "<tr class=\"%s\">", rw->movement ? "movement" : "balance");
        put_row_head(b, rw);
        for (int c = 0; c < NCOLS; c++)
            if (t->shown[c]) put_cell(pg, t, r, c);
        rc_buf_puts(b, "</tr>\n");
        if (identity && rw->line == RC_LINE_CLOSING) put_identity_rows(pg, t);
    }
    rc_buf_puts(b, "</tbody>\n</table>\n");
}

/* ---- findings ------------------------------------------------------------------- */

static void put_location(rc_buf *b, const rc_finding *f)
{
    put_source(b, &f->where, f->rf->file);
}

/* The name of the slot that holds fact in rf, in the rule language's terms
 * ("exercisable.count", "forfeited.price", "share_price"), or NULL. */
static const char *slot_name(rc_arena *arena, const rc_rollforward *rf, const rc_fact *fact)
{
    static const char *const fields[] = {"count", "price", "fair_value", "aiv", "term"};
    bool dup = false;
    const char *name = NULL;
    for (int l = 0; l < RC_LINE__COUNT && !name; l++) {
        const rc_balance *bal = &rf->lines[l];
        const rc_fact *slots[] = {bal->count, bal->price, bal->fair_value, bal->aiv, bal->term};
        for (size_t k = 0; k < 5 && !name; k++)
            if (in_chain_dup(slots[k], fact, &dup))
                name = rc_arena_printf(arena, "%s.%s", rc_line_name((rc_line)l), fields[k]);
    }
    for (size_t i = 0; i < rf->nmovements && !name; i++) {
        const rc_movement *m = &rf->movements[i];
        const rc_fact *slots[] = {m->count, m->price, m->fair_value};
        for (size_t k = 0; k < 3 && !name; k++)
            if (in_chain_dup(slots[k], fact, &dup))
                name = rc_arena_printf(arena, "%s.%s", rc_role_name(m->role), fields[k]);
    }
    if (!name && in_chain_dup(rf->share_price, fact, &dup)) name = "share_price";
    if (!name && in_chain_dup(rf->contractual_term, fact, &dup)) name = "contractual_term";
    if (name && dup) name = rc_arena_printf(arena, "%s, reported again", name);
    return name;
}

/* The reported value's name: its slot in the roll-forward (or the previous
 * period's), else the finding's quantity. */
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

/* The reported value as written (and its value, when written at a scale). */
static void put_reported(page *pg, const rc_finding *f)
{
    rc_buf *b = &pg->b;
    const rc_fact *fact = f->reported_fact;
    if (!fact) {
        put_esc(b, keep(pg->arena, rc_q_format_exact(f->reported, 12, RC_ROUND_NEAREST)));
        rc_buf_puts(b, " <span class=\"slot\">");
        put_esc(b, f->quantity);
        rc_buf_puts(b, "</span>");
        return;
    }
    put_esc(b, fact_text(pg->arena, fact));
    int s = fact_scale(fact);
    if (s > 0) {
        rc_buf_puts(b, " <span class=\"unit\">(");
        put_scale(b, s);
        rc_buf_puts(b, ": ");
        put_esc(b, exact_q(pg->arena, fact->value.q));
        rc_buf_puts(b, ")</span>");
    }
    rc_buf_puts(b, " <span class=\"slot\">");
    put_esc(b, reported_name(pg->arena, f));
    if (f->movement && f->movement->label) {
        rc_buf_puts(b, " (");
        put_esc(b, f->movement->label);
        rc_buf_puts(b, ")");
    }
    /* where it was read, when that is not the finding's own location */
    const rc_source *w = &f->where;
    if (fact->src.line != w->line || fact->src.col != w->col ||
        (fact->src.file && w->file && strcmp(fact->src.file, w->file) != 0)) {
        rc_buf_puts(b, ", read at ");
        put_source(b, &fact->src, f->rf->file);
    }
    rc_buf_puts(b, "</span>");
}

static void put_finding(page *pg, const placed *p)
{
    rc_buf *b = &pg->b;
    const rc_finding *f = p->f;
    const char *sev = rc_severity_name(f->severity);
    rc_buf_printf(b, "<article class=\"finding %s%s\" id=\"f%zu\">\n", sev,
                  p->accepted ? " accepted" : "", p->number);
    rc_buf_printf(
        b,
        "<p class=\"head\"><span class=\"mark %s\">%s</span> <span class=\"sev\">%s</span>"
        " <span class=\"rule\">",
        sev, marker(f->severity), sev);
    put_esc(b, rc_rule_id(f->rule));
    rc_buf_puts(b, "</span> <span class=\"title\">");
    put_esc(b, rc_rule_title(f->rule));
    rc_buf_puts(b, "</span></p>\n<p class=\"msg\">");
    put_esc(b, f->message);
    rc_buf_puts(b, "</p>\n<p class=\"loc\">");
    put_location(b, f);
    rc_buf_puts(b, "</p>\n<table class=\"numbers\">\n<tr><th scope=\"row\">reported</th><td>");
    put_reported(pg, f);
    int places = display_places(f);
    rc_buf_printf(b, "</td></tr>\n<tr><th scope=\"row\">expected</th><td>%s ",
                  relation_sign(f->relation));
    put_esc(b, interval_text(pg->arena, &f->expected, places, 0));
    rc_buf_puts(b, "</td></tr>\n<tr><th scope=\"row\">difference</th><td>");
    put_esc(b, scaled_text(pg->arena, f->difference, places, 0));
    rc_buf_puts(b, "</td></tr>\n</table>\n");
    if (f->widened)
        rc_buf_puts(b, "<p class=\"note\">the reported value was taken as rounded at its last "
                       "written decimal place, coarser than its declared accuracy</p>\n");
    if (f->tagging_defect)
        rc_buf_puts(b, "<p class=\"note\">a tagging defect: it fails at the declared accuracy "
                       "but holds at the accuracy the document shows</p>\n");
    if (f->note && *f->note) {
        rc_buf_puts(b, "<p class=\"note\">note: ");
        put_esc(b, f->note);
        rc_buf_puts(b, "</p>\n");
    }
    if (p->accepted) {
        rc_buf_printf(b,
                      "<p class=\"accepted\"><span class=\"mark accepted\">%s</span> accepted "
                      "by the baseline: ",
                      accepted_marker());
        put_esc(b, p->reason ? p->reason : "");
        rc_buf_puts(b, "</p>\n");
    }
    const char *explain = rc_rule_explain(f->rule);
    rc_buf_puts(b, "<details><summary>about ");
    put_esc(b, rc_rule_id(f->rule));
    rc_buf_puts(b, ": ");
    put_esc(b, rc_rule_title(f->rule));
    rc_buf_puts(b, "</summary>\n<p class=\"explain\">");
    put_esc(b, explain && *explain ? explain : "(this rule has no explanation)");
    rc_buf_puts(b, "</p>\n<p class=\"expr\"><code>");
    put_esc(b, rc_rule_expression(f->rule));
    rc_buf_puts(b, "</code></p>\n</details>\n</article>\n");
}

/* ---- one roll-forward -------------------------------------------------------------- */

/* The findings on rf, in results order, into the arena; *n receives how many. */
static const placed *findings_of(page *pg, const rc_rollforward *rf, size_t *n)
{
    const rc_results *results = pg->report->results;
    size_t total = rc_results_finding_count(results), count = 0;
    for (size_t i = 0; i < total; i++)
        count += rc_results_finding(results, i)->rf == rf;
    *n = count;
    if (!count) return NULL;
    placed *out = rc_arena_alloc(pg->arena, count * sizeof *out);
    if (!out) {
        pg->b.failed = true;
        *n = 0;
        return NULL;
    }
    for (size_t i = 0, k = 0; i < total; i++)
        if (rc_results_finding(results, i)->rf == rf) placed_init(&out[k++], pg->report, i);
    return out;
}

static void put_outcomes(page *pg, const rc_rollforward *rf)
{
    rc_buf *b = &pg->b;
    const rc_results *results = pg->report->results;
    size_t n = rc_results_outcome_count(results);
    size_t counts[3] = {0, 0, 0};
    for (size_t i = 0; i < n; i++) {
        const rc_outcome *o = rc_results_outcome(results, i);
        if (o->rf == rf) counts[o->status]++;
    }
    if (counts[0] + counts[1] + counts[2] == 0) {
        rc_buf_puts(b, "<p class=\"checks muted\">no check applies</p>\n");
        return;
    }
    rc_buf_printf(
        b,
        "<details class=\"checks\"><summary>checks: %zu passed, %zu failed, %zu "
        "skipped</summary>\n<table class=\"outcomes\">\n<thead><tr><th scope=\"col\">rule</th>"
        "<th scope=\"col\">title</th><th scope=\"col\">row</th>"
        "<th scope=\"col\">outcome</th></tr></thead>\n<tbody>\n",
        counts[RC_PASSED], counts[RC_FAILED], counts[RC_SKIPPED]);
    static const char *const status_names[3] = {"passed", "failed", "skipped"};
    for (size_t i = 0; i < n; i++) {
        const rc_outcome *o = rc_results_outcome(results, i);
        if (o->rf != rf) continue;
        rc_buf_printf(b, "<tr class=\"%s\"><td>", status_names[o->status]);
        put_esc(b, rc_rule_id(o->rule));
        rc_buf_puts(b, "</td><td>");
        put_esc(b, rc_rule_title(o->rule));
        rc_buf_puts(b, "</td><td>");
        if (o->movement)
            put_esc(b, o->movement->label ? o->movement->label : rc_role_name(o->movement->role));
        else if (o->line >= 0 && o->line < RC_LINE__COUNT)
            put_esc(b, rc_line_name((rc_line)o->line));
        rc_buf_printf(b, "</td><td>%s", status_names[o->status]);
        if (o->status == RC_SKIPPED && o->reason) {
            rc_buf_puts(b, ": ");
            put_esc(b, o->reason);
        }
        if (o->status == RC_FAILED && o->finding) {
            size_t total = rc_results_finding_count(results);
            for (size_t k = 0; k < total; k++)
                if (rc_results_finding(results, k) == o->finding)
                    rc_buf_printf(b, " (<a href=\"#f%zu\">finding %zu</a>)", k + 1, k + 1);
        }
        rc_buf_puts(b, "</td></tr>\n");
    }
    rc_buf_puts(b, "</tbody>\n</table>\n</details>\n");
}

/* Links to the roll-forwards rf is tied to: the previous period, the total, the parts. */
static void put_links(page *pg, const rc_rollforward *rf)
{
    rc_buf *b = &pg->b;
    const rc_model *model = pg->report->model;
    size_t n = rc_model_count(model);
    const rc_rollforward *links[2] = {rf->previous, rf->total};
    static const char *const words[2] = {"previous period", "part of"};
    bool any = false;
    for (int k = 0; k < 2; k++) {
        if (!links[k]) continue;
        for (size_t i = 0; i < n; i++)
            if (rc_model_get(model, i) == links[k]) {
                rc_buf_printf(b, "%s%s: <a href=\"#rf%zu\">", any ? "; " : "<p class=\"links\">",
                              words[k], i + 1);
                put_rf_name(b, links[k], true);
                rc_buf_puts(b, "</a>");
                any = true;
            }
    }
    for (size_t p = 0; p < rf->nparts; p++)
        for (size_t i = 0; i < n; i++)
            if (rc_model_get(model, i) == rf->parts[p]) {
                rc_buf_printf(b, "%s<a href=\"#rf%zu\">",
                              p ? ", " : (any ? "; parts: " : "<p class=\"links\">parts: "), i + 1);
                put_rf_name(b, rf->parts[p], false);
                rc_buf_puts(b, "</a>");
                any = true;
            }
    if (any) rc_buf_puts(b, "</p>\n");
}

/* Values that belong to the roll-forward but to no row: the share price, the
 * contractual term. */
static void put_extras(page *pg, const rc_rollforward *rf)
{
    rc_buf *b = &pg->b;
    const rc_fact *facts[2] = {rf->share_price, rf->contractual_term};
    static const char *const names[2] = {"share price", "contractual term"};
    bool any = false;
    for (int k = 0; k < 2; k++) {
        if (!facts[k]) continue;
        rc_buf_printf(b, "%s%s <span class=\"figure\"", any ? "; " : "<p class=\"extras\">",
                      names[k]);
        put_fact_title(pg, facts[k]);
        rc_buf_putc(b, '>');
        put_esc(b, fact_text(pg->arena, facts[k]));
        rc_buf_puts(b, "</span>");
        any = true;
    }
    if (any) rc_buf_puts(b, "</p>\n");
}

/* The table of options by range of exercise prices at the roll-forward's end, under its
 * table: a row per range, its figures marked where a finding is about them (a range's
 * own finding marks its row's label). */
static void put_ranges(page *pg, const rc_rollforward *rf, const placed *findings, size_t n)
{
    if (!rf->nranges) return;
    rc_buf *b = &pg->b;
    static const char *const heads[] = {"low",  "high",        "outstanding",    "exercise price",
                                        "life", "exercisable", "exercise price", "life"};
    bool shown[8] = {false};
    for (size_t i = 0; i < rf->nranges; i++) {
        const rc_range *r = &rf->ranges[i];
        const rc_fact *fs[8] = {r->low,
                                r->high,
                                r->count,
                                r->price,
                                r->term,
                                r->exercisable_count,
                                r->exercisable_price,
                                r->exercisable_term};
        for (int k = 0; k < 8; k++)
            shown[k] |= fs[k] != NULL;
    }
    char end[11];
    rc_day_format(rf->end, end);
    rc_buf_puts(b, "<table class=\"rf ranges\">\n<caption>options by range of exercise prices");
    if (*end) rc_buf_printf(b, " at %s", end);
    rc_buf_puts(b, "</caption>\n<thead><tr><th scope=\"col\">range</th>");
    for (int k = 0; k < 8; k++)
        if (shown[k]) rc_buf_printf(b, "<th scope=\"col\">%s</th>", heads[k]);
    rc_buf_puts(b, "</tr></thead>\n<tbody>\n");
    for (size_t i = 0; i < rf->nranges; i++) {
        const rc_range *r = &rf->ranges[i];
        const rc_fact *fs[8] = {r->low,
                                r->high,
                                r->count,
                                r->price,
                                r->term,
                                r->exercisable_count,
                                r->exercisable_price,
                                r->exercisable_term};
        /* the worst finding about this range (not accepted) */
        const placed *worst = NULL;
        for (size_t j = 0; j < n; j++)
            if (findings[j].f->range == r && !findings[j].accepted &&
                (!worst || findings[j].f->severity > worst->f->severity))
                worst = &findings[j];
        rc_buf_puts(b, "<tr class=\"range\"><th scope=\"row\"");
        if (worst) rc_buf_printf(b, " class=\"%s\"", hl_class(worst->f, false));
        rc_buf_putc(b, '>');
        for (size_t j = 0; j < n; j++) {
            const placed *p = &findings[j];
            if (p->f->range != r) continue;
            rc_buf_printf(b, "<a class=\"mark %s\" href=\"#f%zu\" title=\"%s %s: ",
                          p->accepted ? "accepted" : rc_severity_name(p->f->severity), p->number,
                          rc_rule_id(p->f->rule), rc_severity_name(p->f->severity));
            put_esc(b, p->f->message);
            rc_buf_printf(b, "\">%s</a> ",
                          p->accepted ? accepted_marker() : marker(p->f->severity));
        }
        put_esc(b, r->label ? r->label : "");
        rc_buf_puts(b, "</th>");
        for (int k = 0; k < 8; k++) {
            if (!shown[k]) continue;
            rc_buf_puts(b, "<td");
            if (fs[k]) {
                bool on = false;
                for (size_t j = 0; j < n && !on; j++)
                    on = findings[j].f->range == r && findings[j].f->reported_fact == fs[k];
                if (on && worst) rc_buf_printf(b, " class=\"%s\"", hl_class(worst->f, false));
                put_fact_title(pg, fs[k]);
            }
            rc_buf_putc(b, '>');
            if (fs[k]) put_esc(b, fact_text(pg->arena, fs[k]));
            rc_buf_puts(b, "</td>");
        }
        rc_buf_puts(b, "</tr>\n");
    }
    rc_buf_puts(b, "</tbody>\n</table>\n");
}

/* The sentences of the note's text matched to the roll-forward, under its table: what
 * each states and the number it states, marked where a finding is about it. */
static void put_statements(page *pg, const rc_rollforward *rf, const placed *findings, size_t n)
{
    if (!rf->nstatements) return;
    rc_buf *b = &pg->b;
    rc_buf_puts(b, "<table class=\"rf statements\">\n<caption>the note's text</caption>\n"
                   "<thead><tr><th scope=\"col\">states</th><th scope=\"col\">count</th>"
                   "<th scope=\"col\">sentence</th></tr></thead>\n<tbody>\n");
    for (size_t i = 0; i < rf->nstatements; i++) {
        const rc_statement *st = rf->statements[i];
        const placed *worst = NULL;
        for (size_t j = 0; j < n; j++)
            if (findings[j].f->statement == st && !findings[j].accepted &&
                (!worst || findings[j].f->severity > worst->f->severity))
                worst = &findings[j];
        rc_buf_puts(b, "<tr class=\"statement\"><th scope=\"row\">");
        for (size_t j = 0; j < n; j++) {
            const placed *p = &findings[j];
            if (p->f->statement != st) continue;
            rc_buf_printf(b, "<a class=\"mark %s\" href=\"#f%zu\" title=\"%s %s: ",
                          p->accepted ? "accepted" : rc_severity_name(p->f->severity), p->number,
                          rc_rule_id(p->f->rule), rc_severity_name(p->f->severity));
            put_esc(b, p->f->message);
            rc_buf_printf(b, "\">%s</a> ",
                          p->accepted ? accepted_marker() : marker(p->f->severity));
        }
        put_esc(b, st->kind == RC_STMT_BALANCE ? rc_line_name(st->line) : rc_role_name(st->role));
        rc_buf_puts(b, "</th><td");
        if (worst) rc_buf_printf(b, " class=\"%s\"", hl_class(worst->f, false));
        put_fact_title(pg, st->value);
        rc_buf_putc(b, '>');
        put_esc(b, fact_text(pg->arena, st->value));
        rc_buf_puts(b, "</td><td class=\"sentence\">");
        put_esc(b, st->text ? st->text : "");
        rc_buf_puts(b, "</td></tr>\n");
    }
    rc_buf_puts(b, "</tbody>\n</table>\n");
}

static void put_findings_aside(page *pg, const placed *findings, size_t n)
{
    if (!n) return;
    rc_buf_puts(&pg->b, "<div class=\"findings\">\n");
    for (size_t i = 0; i < n; i++)
        put_finding(pg, &findings[i]);
    rc_buf_puts(&pg->b, "</div>\n");
}

static void put_rollforward(page *pg, const rc_rollforward *rf, size_t index)
{
    rc_buf *b = &pg->b;
    table t;
    memset(&t, 0, sizeof t);
    t.rows = rc_arena_alloc(pg->arena, (rf->nmovements + 4) * sizeof *t.rows);
    if (!t.rows) {
        b->failed = true;
        return;
    }
    t.nrows = build_rows(rf, t.rows);
    t.findings = findings_of(pg, rf, &t.nfindings);
    for (size_t i = 0; i < t.nfindings; i++) {
        int c = identity_col(t.findings[i].f);
        if (c >= 0 && !t.identity[c]) t.identity[c] = &t.findings[i];
    }
    table_columns(&t);
    if (!locate_findings(pg, &t)) return;

    size_t errors = 0, warnings = 0, infos = 0;
    for (size_t i = 0; i < t.nfindings; i++) {
        if (t.findings[i].accepted) continue;
        rc_severity s = t.findings[i].f->severity;
        errors += s == RC_SEVERITY_ERROR, warnings += s == RC_SEVERITY_WARNING,
            infos += s == RC_SEVERITY_INFO;
    }
    const char *state = errors ? "error" : warnings ? "warning" : infos ? "info" : "ok";
    rc_buf_printf(b, "<section class=\"rollforward %s\" id=\"rf%zu\">\n<h3>", state, index + 1);
    if (errors || warnings || infos)
        rc_buf_printf(b, "<span class=\"mark %s\">%s</span> ", state,
                      marker(errors     ? RC_SEVERITY_ERROR
                             : warnings ? RC_SEVERITY_WARNING
                                        : RC_SEVERITY_INFO));
    put_rf_name(b, rf, true);
    rc_buf_puts(b, "</h3>\n<p class=\"where\">read from ");
    put_source(b, &rf->src, rf->file);
    rc_buf_printf(b, "; %s</p>\n",
                  rf->signs == RC_SIGNS_STORED ? "movements stored positive (XBRL)"
                                               : "signs as the table displays them");
    if ((rf->flags & RC_RF_AMBIGUOUS)) {
        rc_buf_puts(b, "<p class=\"note\">the table's layout is ambiguous; its checks are "
                       "skipped");
        if (rf->why_ambiguous) {
            rc_buf_puts(b, ": ");
            put_esc(b, rf->why_ambiguous);
        }
        rc_buf_puts(b, "</p>\n");
    }
    if (rf->caveat) {
        rc_buf_puts(b, "<p class=\"note\">");
        put_esc(b, rf->caveat);
        rc_buf_puts(b, "</p>\n");
    }
    put_links(pg, rf);
    rc_buf_puts(b, "<div class=\"rf-body\">\n<div class=\"rf-table\">\n");
    put_table(pg, &t, rf->currency);
    put_extras(pg, rf);
    put_ranges(pg, rf, t.findings, t.nfindings);
    put_statements(pg, rf, t.findings, t.nfindings);
    rc_buf_puts(b, "</div>\n");
    put_findings_aside(pg, t.findings, t.nfindings);
    rc_buf_puts(b, "</div>\n");
    put_outcomes(pg, rf);
    rc_buf_puts(b, "</section>\n");
}

/* ---- balances reported alone ---------------------------------------------------------- */

/* Every balance row of the roll-forwards of file that are balances only, as one
 * table (a row per date and line), the findings on them after it. */
static void put_balances(page *pg, const char *file)
{
    rc_buf *b = &pg->b;
    const rc_model *model = pg->report->model;
    size_t n = rc_model_count(model), nrows = 0, nfindings = 0;
    for (size_t i = 0; i < n; i++) {
        const rc_rollforward *rf = rc_model_get(model, i);
        if (rc_rollforward_is_rollforward(rf) || !rf->file || strcmp(rf->file, file) != 0) continue;
        nrows += RC_LINE__COUNT;
        size_t k = 0;
        findings_of(pg, rf, &k);
        nfindings += k;
    }
    if (!nrows) return;
    table t;
    memset(&t, 0, sizeof t);
    t.rows = rc_arena_alloc(pg->arena, nrows * sizeof *t.rows);
    placed *findings = nfindings ? rc_arena_alloc(pg->arena, nfindings * sizeof *findings) : NULL;
    if (!t.rows || (nfindings && !findings)) {
        b->failed = true;
        return;
    }
    for (size_t i = 0; i < n; i++) {
        const rc_rollforward *rf = rc_model_get(model, i);
        if (rc_rollforward_is_rollforward(rf) || !rf->file || strcmp(rf->file, file) != 0) continue;
        for (int l = 0; l < RC_LINE__COUNT; l++) {
            balance_row(&t.rows[t.nrows], rf, (rc_line)l);
            if (!row_empty(&t.rows[t.nrows])) t.nrows++;
        }
        size_t k = 0;
        const placed *fs = findings_of(pg, rf, &k);
        for (size_t j = 0; j < k; j++)
            findings[t.nfindings++] = fs[j];
    }
    t.findings = findings;
    table_columns(&t);
    if (!locate_findings(pg, &t)) return;

    rc_buf_puts(b, "<section class=\"balances\">\n<h3>Balances reported alone</h3>\n"
                   "<p class=\"muted\">A balance with no movement beside it is checked by "
                   "chaining, totals and duplicates, not as a roll-forward.</p>\n"
                   "<div class=\"rf-body\">\n<div class=\"rf-table\">\n");
    rc_buf_puts(b, "<table class=\"rf balances\">\n<thead><tr><th scope=\"col\">balance</th>"
                   "<th scope=\"col\">date</th>");
    for (int c = 0; c < NCOLS; c++)
        if (t.shown[c]) put_col_head(b, &t, c, NULL);
    rc_buf_puts(b, "</tr></thead>\n<tbody>\n");
    for (size_t r = 0; r < t.nrows; r++) {
        const row *rw = &t.rows[r];
        const rc_rollforward *rf = rw->rf;
        size_t index = 0;
        for (size_t i = 0; i < n; i++)
            if (rc_model_get(model, i) == rf) index = i;
        rc_buf_printf(b, "<tr class=\"balance\" id=\"rf%zu-%s\"><th scope=\"row\">", index + 1,
                      rc_line_name((rc_line)rw->line));
        put_rf_name(b, rf, false);
        rc_buf_puts(b, " \u00b7 ");
        put_esc(b, rw->label);
        char date[11];
        rc_day day =
            rw->line == RC_LINE_OPENING && rf->start != RC_NO_DATE ? rf->start - 1 : rf->end;
        if (rw->line == RC_LINE_OPENING && rf->start == RC_NO_DATE) day = RC_NO_DATE;
        rc_day_format(day, date);
        rc_buf_printf(b, "</th><td class=\"date\">%s</td>", *date ? date : "?");
        for (int c = 0; c < NCOLS; c++)
            if (t.shown[c]) put_cell(pg, &t, r, c);
        rc_buf_puts(b, "</tr>\n");
    }
    rc_buf_puts(b, "</tbody>\n</table>\n");
    for (size_t i = 0; i < n; i++) {
        const rc_rollforward *rf = rc_model_get(model, i);
        if (rc_rollforward_is_rollforward(rf) || !rf->file || strcmp(rf->file, file) != 0 ||
            !rf->nranges)
            continue;
        size_t k = 0;
        const placed *fs = findings_of(pg, rf, &k);
        put_ranges(pg, rf, fs, k);
    }
    rc_buf_puts(b, "</div>\n");
    put_findings_aside(pg, t.findings, t.nfindings);
    rc_buf_puts(b, "</div>\n</section>\n");
}

/* ---- the top of the page ------------------------------------------------------------ */

static void put_count(rc_buf *b, size_t n, const char *one, const char *many)
{
    rc_buf_printf(b, "%zu %s", n, n == 1 ? one : many);
}

static void put_summary(page *pg, size_t new_errors, size_t new_warnings, size_t new_infos)
{
    rc_buf *b = &pg->b;
    const rc_report *report = pg->report;
    rc_summary s;
    rc_results_summary(report->results, &s);
    size_t unreadable = 0, skipped = 0, facts = 0;
    for (size_t i = 0; i < report->ninputs; i++) {
        unreadable += report->inputs[i].error != NULL;
        skipped += report->inputs[i].skipped != NULL;
        facts += report->inputs[i].facts;
    }
    /* an unreadable input fails the run (exit status 2) like an error */
    const char *state = new_errors || unreadable ? "error"
                        : new_warnings           ? "warning"
                        : new_infos              ? "info"
                                                 : "ok";
    rc_buf_printf(b, "<section id=\"summary\">\n<h2>Summary</h2>\n<p class=\"verdict %s\">", state);
    if (new_errors || unreadable || new_warnings || new_infos)
        rc_buf_printf(b, "<span class=\"mark %s\">%s</span> ", state,
                      marker(new_errors || unreadable ? RC_SEVERITY_ERROR
                             : new_warnings           ? RC_SEVERITY_WARNING
                                                      : RC_SEVERITY_INFO));
    put_count(b, s.errors, "error", "errors");
    rc_buf_puts(b, ", ");
    put_count(b, s.warnings, "warning", "warnings");
    rc_buf_puts(b, ", ");
    put_count(b, s.infos, "info", "infos");
    if (report->baseline) {
        size_t accepted = rc_baseline_accepted_count(report->baseline);
        rc_buf_printf(b, "; %zu accepted by the baseline, %zu new", accepted,
                      new_errors + new_warnings + new_infos);
    }
    if (unreadable)
        rc_buf_printf(b, "; %zu input%s could not be read", unreadable, unreadable == 1 ? "" : "s");
    rc_buf_puts(b, "</p>\n<table class=\"counts\">\n");
    rc_buf_printf(b, "<tr><th scope=\"row\">files</th><td>%zu", report->ninputs);
    if (unreadable || skipped)
        rc_buf_printf(b, " (%zu unreadable, %zu skipped)", unreadable, skipped);
    rc_buf_printf(b, "</td></tr>\n<tr><th scope=\"row\">facts read</th><td>%zu</td></tr>\n", facts);
    rc_buf_printf(b, "<tr><th scope=\"row\">roll-forwards checked</th><td>%zu</td></tr>\n",
                  s.rollforwards);
    rc_buf_printf(
        b, "<tr><th scope=\"row\">checks run</th><td>%zu: %zu passed, %zu failed</td></tr>\n",
        s.checks, s.passed, s.failed);
    rc_buf_printf(b, "<tr><th scope=\"row\">checks skipped</th><td>%zu", s.skipped);
    size_t nreasons = rc_results_skip_reason_count(report->results);
    if (nreasons) rc_buf_puts(b, "<ul class=\"reasons\">");
    for (size_t i = 0; i < nreasons; i++) {
        size_t count = 0;
        const char *reason = rc_results_skip_reason(report->results, i, &count);
        rc_buf_printf(b, "<li>%zu: ", count);
        put_esc(b, reason);
        rc_buf_puts(b, "</li>");
    }
    if (nreasons) rc_buf_puts(b, "</ul>");
    rc_buf_puts(b, "</td></tr>\n<tr><th scope=\"row\">findings</th><td>");
    put_count(b, s.errors, "error", "errors");
    rc_buf_puts(b, ", ");
    put_count(b, s.warnings, "warning", "warnings");
    rc_buf_puts(b, ", ");
    put_count(b, s.infos, "info", "infos");
    rc_buf_puts(b, "</td></tr>\n");
    if (report->baseline) {
        size_t stale = rc_baseline_stale_count(report->baseline);
        rc_buf_puts(b, "<tr><th scope=\"row\">baseline</th><td>");
        put_esc(b, rc_baseline_path(report->baseline));
        rc_buf_printf(b, ": %zu accepted, %zu stale", rc_baseline_accepted_count(report->baseline),
                      stale);
        if (stale) rc_buf_puts(b, "<ul class=\"stale\">");
        for (size_t i = 0; i < stale; i++) {
            const rc_baseline_entry *e = rc_baseline_stale(report->baseline, i);
            rc_buf_puts(b, "<li>");
            put_esc(b, rc_baseline_path(report->baseline));
            rc_buf_printf(b, ":%u: stale: ", e->line);
            put_esc(b, e->rule);
            rc_buf_puts(b, " on ");
            put_esc(b, e->file);
            rc_buf_puts(b, e->file_missing ? ": the file no longer exists"
                                           : " matches no finding any more");
            if (e->message) {
                rc_buf_puts(b, " (");
                put_esc(b, e->message);
                rc_buf_puts(b, ")");
            }
            rc_buf_puts(b, "</li>");
        }
        if (stale) rc_buf_puts(b, "</ul>");
        rc_buf_puts(b, "</td></tr>\n");
    }
    rc_buf_puts(b, "</table>\n");
    rc_buf_printf(b,
                  "<p class=\"legend\">A figure a finding is about is highlighted and marked "
                  "%s error, %s warning, %s info or %s accepted by the baseline; the marker "
                  "links to the finding. Hover over a figure to see where it was read.</p>\n",
                  marker(RC_SEVERITY_ERROR), marker(RC_SEVERITY_WARNING), marker(RC_SEVERITY_INFO),
                  accepted_marker());
    rc_buf_puts(b, "</section>\n");
}

/* Every finding in one list, each linked to its place beside its table. */
static void put_finding_index(page *pg)
{
    rc_buf *b = &pg->b;
    size_t n = rc_results_finding_count(pg->report->results);
    rc_buf_puts(b, "<section id=\"findings\">\n<h2>Findings</h2>\n");
    if (!n) {
        rc_buf_puts(b, "<p>No finding: every check that could run passed.</p>\n</section>\n");
        return;
    }
    rc_buf_puts(b, "<ol class=\"index\">\n");
    for (size_t i = 0; i < n; i++) {
        placed p;
        placed_init(&p, pg->report, i);
        const char *sev = rc_severity_name(p.f->severity);
        rc_buf_printf(
            b, "<li class=\"%s%s\"><span class=\"mark %s\">%s</span><a href=\"#f%zu\">%s ", sev,
            p.accepted ? " accepted" : "", sev, marker(p.f->severity), p.number, sev);
        put_esc(b, rc_rule_id(p.f->rule));
        rc_buf_puts(b, "</a> <span class=\"loc\">");
        put_location(b, p.f);
        rc_buf_puts(b, "</span> ");
        put_esc(b, p.f->message);
        if (p.accepted)
            rc_buf_printf(b, " <span class=\"accepted\">%s accepted</span>", accepted_marker());
        rc_buf_puts(b, "</li>\n");
    }
    rc_buf_puts(b, "</ol>\n</section>\n");
}

static void put_inputs(page *pg)
{
    rc_buf *b = &pg->b;
    const rc_report *report = pg->report;
    const rc_model *model = report->model;
    rc_buf_puts(b, "<section id=\"inputs\">\n<h2>Inputs</h2>\n<table class=\"inputs\">\n"
                   "<thead><tr><th scope=\"col\">file</th><th scope=\"col\">form</th>"
                   "<th scope=\"col\">roll-forwards</th><th scope=\"col\">facts</th>"
                   "<th scope=\"col\">status</th></tr></thead>\n<tbody>\n");
    for (size_t i = 0; i < report->ninputs; i++) {
        const rc_input *in = &report->inputs[i];
        const char *state = in->error ? "unreadable" : in->skipped ? "skipped" : "read";
        rc_buf_printf(b, "<tr class=\"%s\"><td class=\"path\">", state);
        put_esc(b, in->path);
        rc_buf_printf(b, "</td><td>%s</td><td>%zu</td><td>%zu</td><td>", rc_format_name(in->format),
                      in->rollforwards, in->facts);
        if (in->error) {
            rc_buf_puts(b, "<span class=\"mark error\">\u2716</span> ");
            put_esc(b, in->error);
        } else if (in->skipped) {
            rc_buf_puts(b, "skipped: ");
            put_esc(b, in->skipped);
        } else {
            rc_buf_puts(b, "read");
        }
        rc_buf_puts(b, "</td></tr>\n");
        size_t nnotes = 0;
        for (size_t k = 0; k < rc_model_note_count(model); k++) {
            const rc_note *note = rc_model_note(model, k);
            if (!note->src.file || strcmp(note->src.file, in->path) != 0) continue;
            rc_buf_puts(b, nnotes++ ? "<li>" : "<tr class=\"notes\"><td colspan=\"5\"><ul>\n<li>");
            rc_buf_puts(b, "<span class=\"loc\">");
            put_esc(b, note->src.file);
            if (note->src.line) rc_buf_printf(b, ":%u", note->src.line);
            rc_buf_puts(b, "</span> note: ");
            put_esc(b, note->text);
            rc_buf_puts(b, "</li>\n");
        }
        if (nnotes) rc_buf_puts(b, "</ul></td></tr>\n");
    }
    rc_buf_puts(b, "</tbody>\n</table>\n");
    /* notes about no input of the run (or an input given under another name) */
    size_t other = 0;
    for (size_t k = 0; k < rc_model_note_count(model); k++) {
        const rc_note *note = rc_model_note(model, k);
        bool known = false;
        for (size_t i = 0; i < report->ninputs && !known; i++)
            known = note->src.file && strcmp(note->src.file, report->inputs[i].path) == 0;
        if (known) continue;
        rc_buf_puts(b, other++ ? "<li>" : "<ul class=\"notes\">\n<li>");
        if (note->src.file) {
            rc_buf_puts(b, "<span class=\"loc\">");
            put_esc(b, note->src.file);
            if (note->src.line) rc_buf_printf(b, ":%u", note->src.line);
            rc_buf_puts(b, "</span> ");
        }
        rc_buf_puts(b, "note: ");
        put_esc(b, note->text);
        rc_buf_puts(b, "</li>\n");
    }
    if (other) rc_buf_puts(b, "</ul>\n");
    rc_buf_puts(b, "</section>\n");
}

/* ---- per file ---------------------------------------------------------------------- */

static bool is_input(const rc_report *report, const char *file)
{
    for (size_t i = 0; i < report->ninputs; i++)
        if (file && strcmp(report->inputs[i].path, file) == 0) return true;
    return false;
}

/* The roll-forwards of file (every file the inputs do not name, when file is
 * NULL), in model order, then its balances. */
static void put_file(page *pg, const char *file, size_t number)
{
    rc_buf *b = &pg->b;
    const rc_model *model = pg->report->model;
    size_t n = rc_model_count(model), shown = 0;
    bool balances = false;
    for (size_t i = 0; i < n; i++) {
        const rc_rollforward *rf = rc_model_get(model, i);
        bool mine =
            file ? (rf->file && strcmp(rf->file, file) == 0) : !is_input(pg->report, rf->file);
        if (!mine) continue;
        if (!rc_rollforward_is_rollforward(rf)) {
            balances = true;
            continue;
        }
        if (shown++ == 0) {
            rc_buf_printf(b, "<section class=\"file\" id=\"file%zu\">\n<h2>", number);
            if (file) {
                rc_buf_puts(b, "<span class=\"muted\">file</span> ");
                put_esc(b, file);
            } else {
                rc_buf_puts(b, "Other roll-forwards");
            }
            rc_buf_puts(b, "</h2>\n");
        }
        put_rollforward(pg, rf, i);
    }
    if (balances && file) {
        if (shown++ == 0) {
            rc_buf_printf(b, "<section class=\"file\" id=\"file%zu\">\n<h2>", number);
            rc_buf_puts(b, "<span class=\"muted\">file</span> ");
            put_esc(b, file);
            rc_buf_puts(b, "</h2>\n");
        }
        put_balances(pg, file);
    }
    if (shown) rc_buf_puts(b, "</section>\n");
}

static const char style[] =
    "body{font:14px/1.45 \"DejaVu Sans\",\"Liberation Sans\",Arial,sans-serif;color:#1b1b1b;"
    "background:#fff;margin:0;padding:1em 2em 3em}\n"
    "h1{font-size:1.5em;margin:.2em 0}\n"
    "h2{font-size:1.25em;border-bottom:2px solid #c8c8c8;padding-bottom:.15em;margin:1.6em 0 "
    ".6em}\n"
    "h3{font-size:1.05em;margin:1.6em 0 .2em}\n"
    "p{margin:.3em 0}\n"
    "a{color:#0b4fa8}\n"
    ".muted,.tool,.where,.links,.extras,.role,.unit,.slot,.loc{color:#5a5a5a}\n"
    ".role,.unit,.slot{font-size:.85em}\n"
    ".unit{display:block;font-weight:normal}\n"
    "td .unit{display:inline}\n"
    "table{border-collapse:collapse;margin:.3em 0}\n"
    "th,td{border:1px solid #cfcfcf;padding:.25em .6em;vertical-align:top}\n"
    "thead th{background:#f0f0f0;text-align:left;font-weight:600}\n"
    "table.rf thead th{text-align:right}\n"
    "table.rf thead th:first-child{text-align:left}\n"
    "table.rf td{text-align:right;white-space:nowrap;font-variant-numeric:tabular-nums}\n"
    "table.rf th[scope=row]{text-align:left;font-weight:normal;max-width:24em;"
    "overflow-wrap:anywhere}\n"
    "table.rf tr.balance th[scope=row]{font-weight:600}\n"
    "table.rf td.date{text-align:left}\n"
    "table.ranges{margin-top:.8em}table.ranges caption{text-align:left;color:#5a5a5a}\n"
    "table.statements{margin-top:.8em}table.statements caption{text-align:left;color:#5a5a5a}\n"
    "table.statements td.sentence{text-align:left;font-style:italic;max-width:40em}\n"
    "tr.computed th,tr.computed td{font-style:italic;background:#f4f7fb;color:#333}\n"
    "td.hl-error{background:#ffd7d7;box-shadow:inset 0 0 0 2px #c62828;font-weight:600}\n"
    "td.hl-warning{background:#fff1c2;box-shadow:inset 0 0 0 2px #b8860b;font-weight:600}\n"
    "td.hl-info{background:#dbe9ff;box-shadow:inset 0 0 0 2px #1e5bb8}\n"
    "td.hl-accepted{background:#e2ecd9;box-shadow:inset 0 0 0 2px #8a8a8a}\n"
    ".mark{text-decoration:none;font-weight:bold;margin-right:.25em}\n"
    ".mark.error{color:#b71c1c}.mark.warning{color:#8a6500}.mark.info{color:#1e5bb8}"
    ".mark.accepted{color:#555}\n"
    ".rf-body{display:flex;flex-wrap:wrap;gap:.8em 2em;align-items:flex-start}\n"
    ".findings{flex:1 1 24em;min-width:20em;max-width:52em}\n"
    ".loc,.slot,.note{overflow-wrap:anywhere}\n"
    ".finding{border:1px solid #d8d8d8;border-left:6px solid #c62828;background:#fffafa;"
    "padding:.45em .8em;margin:.3em 0 .8em}\n"
    ".finding.warning{border-left-color:#d9a400;background:#fffdf4}\n"
    ".finding.info{border-left-color:#1e5bb8;background:#f6f9ff}\n"
    ".finding.accepted{border-left-color:#8a8a8a;background:#fafafa}\n"
    ".finding .head{font-weight:600}\n"
    ".finding .rule{font-family:\"DejaVu Sans Mono\",monospace}\n"
    ".finding .msg{margin:.35em 0}\n"
    "table.numbers th{text-align:left;font-weight:600;background:#f6f6f6;white-space:nowrap}\n"
    "table.numbers td{font-variant-numeric:tabular-nums}\n"
    ".note{font-style:italic}\n"
    ".accepted{color:#444}\n"
    "details{margin:.3em 0}\n"
    "summary{cursor:pointer;color:#333}\n"
    ".explain{white-space:pre-line;max-width:50em}\n"
    ".expr code{font-size:.9em;white-space:pre-wrap}\n"
    "table.outcomes td{font-size:.9em}\n"
    "table.outcomes tr.failed td{font-weight:600}\n"
    "table.counts th{text-align:left;font-weight:600;background:#f6f6f6}\n"
    ".verdict{font-size:1.15em;font-weight:600}\n"
    ".verdict.error{color:#b71c1c}.verdict.warning{color:#8a6500}.verdict.ok{color:#1b6e20}\n"
    "ol.index li,ul li{margin:.15em 0}\n"
    "ul.reasons,ul.stale{margin:.2em 0;padding-left:1.2em}\n"
    "td.path{font-family:\"DejaVu Sans Mono\",monospace;font-size:.9em}\n"
    "section.rollforward{border-top:1px solid #e2e2e2;margin-top:1.2em}\n"
    "h2+section.rollforward{border-top:none}\n";

/* The <title>: the verdict and what was checked. */
static void put_title(page *pg)
{
    rc_buf *b = &pg->b;
    const rc_report *report = pg->report;
    rc_summary s;
    rc_results_summary(report->results, &s);
    rc_buf_puts(b, "<title>rollcheck: ");
    put_count(b, s.errors, "error", "errors");
    rc_buf_puts(b, ", ");
    put_count(b, s.warnings, "warning", "warnings");
    rc_buf_puts(b, " \u2014 ");
    if (report->ninputs == 1) {
        const char *path = report->inputs[0].path;
        const char *slash = strrchr(path, '/');
        put_esc(b, slash && slash[1] ? slash + 1 : path);
    } else {
        put_count(b, report->ninputs, "file", "files");
    }
    rc_buf_puts(b, "</title>\n");
}

int rc_report_html(FILE *out, const rc_report *report, rc_ctx *ctx)
{
    int err = RC_OK;
    page pg = {RC_BUF_INIT, rc_arena_new(), report};
    if (!pg.arena) {
        err = rc_ctx_fail(ctx, RC_ENOMEM, "out of memory writing the report");
        goto done;
    }
    size_t nf = rc_results_finding_count(report->results);
    size_t new_by[3] = {0, 0, 0};
    for (size_t i = 0; i < nf; i++) {
        placed p;
        placed_init(&p, report, i);
        if (!p.accepted) new_by[p.f->severity]++;
    }
    rc_buf *b = &pg.b;
    rc_buf_puts(b, "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\"/>\n"
                   "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\"/>\n"
                   "<meta name=\"generator\" content=\"rollcheck " RC_VERSION "\"/>\n");
    put_title(&pg);
    rc_buf_printf(b, "<style>\n%s</style>\n</head>\n<body>\n", style);
    rc_buf_puts(b, "<header>\n<h1>rollcheck report</h1>\n<p class=\"tool\">rollcheck " RC_VERSION
                   ": share-based payment roll-forwards checked in exact arithmetic, every "
                   "figure taken as the interval it may have been rounded from</p>\n"
                   "</header>\n<main>\n");
    put_summary(&pg, new_by[RC_SEVERITY_ERROR], new_by[RC_SEVERITY_WARNING],
                new_by[RC_SEVERITY_INFO]);
    put_finding_index(&pg);
    put_inputs(&pg);
    for (size_t i = 0; i < report->ninputs && !b->failed; i++) {
        bool seen = false; /* a path given twice is shown once */
        for (size_t k = 0; k < i && !seen; k++)
            seen = strcmp(report->inputs[k].path, report->inputs[i].path) == 0;
        if (!seen) put_file(&pg, report->inputs[i].path, i + 1);
        /* write as we go: a large report need not be held in memory */
        if (!b->failed && b->len && fwrite(b->data, 1, b->len, out) != b->len) {
            err = rc_ctx_fail(ctx, RC_EIO, "cannot write the report");
            goto done;
        }
        b->len = 0;
    }
    put_file(&pg, NULL, report->ninputs + 1);
    rc_buf_puts(b, "</main>\n<footer><p class=\"muted\">rollcheck " RC_VERSION
                   "</p></footer>\n</body>\n</html>\n");
    if (b->failed) {
        err = rc_ctx_fail(ctx, RC_ENOMEM, "out of memory writing the report");
        goto done;
    }
    if ((b->len && fwrite(b->data, 1, b->len, out) != b->len) || fflush(out) != 0 || ferror(out)) {
        err = rc_ctx_fail(ctx, RC_EIO, "cannot write the report");
        goto done;
    }
done:
    rc_buf_free(&pg.b);
    rc_arena_free(pg.arena);
    return err;
}
