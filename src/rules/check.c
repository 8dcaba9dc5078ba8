/*
 * Running a rule set over a model: checks, outcomes and findings.
 *
 * A finding is built from the comparison that made the rule fail (the
 * witness), so that it can state the numbers a reviewer compares: the
 * reported value, the interval it should have been in, and the smallest
 * difference.  The rest of the expression only decides pass or fail.
 */
#include <assert.h>
#include <limits.h>
#include <stdio.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "rules/ratio.h"
#include "rules/rule.h"

typedef struct reason_count {
    const char *text;
    size_t count;
} reason_count;

struct rc_results {
    rc_arena *arena; /* findings, their strings, reasons made while evaluating */
    rc_finding **findings;
    size_t nfindings, capf;
    rc_outcome *outcomes;
    size_t noutcomes, capo;
    reason_count *reasons;
    size_t nreasons, capr;
    rc_summary summary;
    bool nomem;
};

/* What a check of an each-duplicate rule is about, beyond its env. */
typedef struct slot {
    const char *name;  /* "closing.count", "forfeited.price", "share_price" */
    const char *field; /* "count", "price", ... */
    const rc_movement *movement;
    int line;
} slot;

/* ---- numbers as text ---------------------------------------------------------------- */

static char *arena_take(rc_results *R, char *s)
{
    char *copy = s ? rc_arena_strdup(R->arena, s) : NULL;
    free(s);
    if (!copy) R->nomem = true;
    return copy;
}

static char *fmt_q(rc_results *R, const mpq_t q, int places, bool grouping)
{
    return arena_take(R, rc_q_format(q, places, RC_ROUND_NEAREST, grouping));
}

/* "lo–hi", or one number when both ends print the same. */
static char *fmt_interval(rc_results *R, const rc_interval *iv, int places, bool grouping)
{
    char *lo = rc_q_format(iv->lo, places, RC_ROUND_NEAREST, grouping);
    char *hi = rc_q_format(iv->hi, places, RC_ROUND_NEAREST, grouping);
    char *s = NULL;
    if (lo && hi)
        s = strcmp(lo, hi) == 0 ? rc_arena_strdup(R->arena, lo)
                                : rc_arena_printf(R->arena, "%s\xe2\x80\x93%s", lo, hi);
    free(lo);
    free(hi);
    if (!s) R->nomem = true;
    return s;
}

/* A fact as written, else its exact value.  A number written in thousands
 * is shown in units, so that it reads in the same units as the computed
 * interval next to it. */
static const char *fact_text(rc_results *R, const rc_fact *f)
{
    bool scaled = f->value.shown != RC_DECIMALS_INF && f->value.shown < 0;
    if (f->text && *f->text && !scaled) return f->text;
    if (scaled)
        return fmt_q(R, f->value.q, 0, f->kind == RC_KIND_COUNT || f->kind == RC_KIND_MONEY);
    return arena_take(R, rc_q_format_exact(f->value.q, 12, RC_ROUND_NEAREST));
}

static bool dim_is(const rc_dim *d, int shares, int money, int years)
{
    return d->e[0] == shares && d->e[1] == money && d->e[2] == years && d->e[3] == 0;
}

/* Decimal places to show a finding's numbers at: two more than the reported
 * value shows (a computed average needs them to be compared), none added for
 * counts, never below zero. */
static int places_for(const rc_fact *f, const rc_dim *dim)
{
    if (f) {
        int shown = f->value.shown;
        if (shown == RC_DECIMALS_INF) {
            shown = rc_q_places(f->value.q, 10);
            if (shown < 0) shown = 10;
        }
        int p = f->kind == RC_KIND_COUNT ? shown : shown + 2;
        return p < 0 ? 0 : (p > 12 ? 12 : p);
    }
    if (dim_is(dim, 1, 0, 0) || dim_is(dim, 0, 1, 0)) return 0;
    if (dim_is(dim, 0, 0, 1)) return 2;
    return 4;
}

static bool grouping_for(const rc_fact *f, const rc_dim *dim)
{
    if (f) return f->kind == RC_KIND_COUNT || f->kind == RC_KIND_MONEY;
    return dim_is(dim, 1, 0, 0) || dim_is(dim, 0, 1, 0);
}

/* ---- the witness ---------------------------------------------------------------------- */

/*
 * The comparison that decided a false (neg: a true) boolean: for `and`, the
 * false operand; for `or`, the last false one; `not` flips what is sought.
 * *cmp is NULL when the deciding part is no comparison (present(), a flag).
 */
static void witness(const rc_node *n, const rc_env *env, bool neg, const rc_node **cmp,
                    bool *cmp_neg)
{
    switch (n->op) {
    case RC_OP_CMP:
        *cmp = n;
        *cmp_neg = neg;
        return;
    case RC_OP_NOT:
        witness(n->a, env, !neg, cmp, cmp_neg);
        return;
    case RC_OP_AND:
    case RC_OP_OR: {
        bool decisive = n->op == RC_OP_OR; /* the value that decides alone */
        rc_val whole, a;
        rc_rules__val_init(&whole);
        rc_rules__val_init(&a);
        rc_rules__eval(n, env, &whole);
        rc_rules__eval(n->a, env, &a);
        bool pick_a = whole.tag == RC_V_BOOL && whole.truth == decisive && a.tag == RC_V_BOOL &&
                      a.truth == decisive;
        rc_rules__val_clear(&whole);
        rc_rules__val_clear(&a);
        witness(pick_a ? n->a : n->b, env, neg, cmp, cmp_neg);
        return;
    }
    default:
        *cmp = NULL;
        return;
    }
}

static const char *ref_quantity(const rc_node *n, const slot *item)
{
    switch (n->ref.kind) {
    case RC_REF_SHARE_PRICE:
        return "share_price";
    case RC_REF_CONTRACTUAL_TERM:
        return "contractual_term";
    case RC_REF_ISSUED_ON_EXERCISE:
        return "issued_on_exercise";
    case RC_REF_EXERCISE_PROCEEDS:
        return "exercise_proceeds";
    case RC_REF_DUPLICATE:
        return item ? item->field : "value";
    case RC_REF_STATEMENT: /* a stated count */
        return "count";
    default:
        break;
    }
    switch (n->ref.field) {
    case RC_FIELD_COUNT:
    case RC_FIELD_SIGNED_COUNT:
    case RC_FIELD_RAW:
        return "count";
    default:
        return rc_rules__field_name(n->ref.field);
    }
}

static const char *dim_quantity(const rc_dim *d)
{
    if (dim_is(d, 1, 0, 0)) return "count";
    if (dim_is(d, -1, 1, 0)) return "price";
    if (dim_is(d, 0, 1, 0)) return "money";
    if (dim_is(d, 0, 0, 1)) return "term";
    return "value";
}

/* The name of the reported value in this check: "exercisable.aiv" for
 * balance.aiv on the exercisable row. */
static const char *slot_name(rc_results *R, const rc_node *rep, const rc_env *env, const slot *item,
                             const char *quantity)
{
    if (item) return item->name;
    if (!rep || rep->op != RC_OP_REF) return quantity;
    const char *field = rc_rules__field_name(rep->ref.field);
    if (rep->ref.kind == RC_REF_EACH_BALANCE && env->line >= 0)
        return rc_arena_printf(R->arena, "%s.%s", rc_line_name((rc_line)env->line), field);
    if ((rep->ref.kind == RC_REF_MOVEMENT || rep->ref.kind == RC_REF_SAME_ROLE) && env->movement)
        return rc_arena_printf(R->arena, "%s.%s", rc_role_name(env->movement->role), field);
    if (rep->ref.kind == RC_REF_STATEMENT && env->statement) /* what the sentence states */
        return rc_arena_printf(R->arena, "%s.count",
                               env->statement->kind == RC_STMT_BALANCE
                                   ? rc_line_name(env->statement->line)
                                   : rc_role_name(env->statement->role));
    return rep->text;
}

/* ---- findings --------------------------------------------------------------------------- */

/* Half a unit of the last place a side of a comparison is written to, when that is a
 * whole number: a number shown in thousands by mistake was rounded to a whole number
 * there.  One reported value written without decimals, or a computed count: one half;
 * else (a price in cents, a computed price) nothing. */
static void side_slack(mpq_t out, const rc_val *v, const rc_dim *dim)
{
    mpq_set_ui(out, 0, 1);
    if (v->fact) {
        int places = v->fact->value.shown;
        if (places == RC_DECIMALS_INF) places = rc_q_places(v->fact->value.q, 12);
        if (places < 0 || places > 0) return; /* rounded wider already, or has decimals */
    } else if (!dim_is(dim, 1, 0, 0)) {
        return;
    }
    mpq_set_ui(out, 1, 2);
}

/* The number with its thousands grouped: "1,000,000". */
static void put_grouped(rc_buf *b, unsigned long n)
{
    char digits[32];
    int len = snprintf(digits, sizeof digits, "%lu", n);
    for (int i = 0; i < len; i++) {
        if (i && (len - i) % 3 == 0) rc_buf_putc(b, ',');
        rc_buf_putc(b, digits[i]);
    }
}

/*
 * Name the ratio of the reported side to the expected side when it is a split's
 * ("the ratio 2:1 of reported to expected looks like a stock split") or a scale's
 * ("... 1,000:1 ... - a scale error (one side in thousands)"), within rounding; set
 * the finding's ratio and ratio_kind.  NULL when it is neither.
 */
static const char *ratio_note(rc_results *R, rc_finding *f, const rc_interval *reported,
                              const mpq_t reported_slack, const mpq_t expected_slack,
                              unsigned kinds)
{
    rc_ratio ratio;
    if (!kinds || !rc_rules__ratio_find(&ratio, reported, &f->expected, reported_slack,
                                        expected_slack, kinds))
        return NULL;
    f->ratio = rc_arena_printf(R->arena, "%lu:%lu", ratio.num, ratio.den);
    f->ratio_kind = ratio.kind == RC_RATIO_SCALE ? "scale" : "split";
    rc_buf b = RC_BUF_INIT;
    rc_buf_puts(&b, "the ratio ");
    put_grouped(&b, ratio.num);
    rc_buf_putc(&b, ':');
    put_grouped(&b, ratio.den);
    if (ratio.kind == RC_RATIO_SCALE)
        rc_buf_printf(&b, " of reported to expected \xe2\x80\x94 a scale error (one side in %s)",
                      ratio.num == 1000000 || ratio.den == 1000000 ? "millions" : "thousands");
    else
        rc_buf_puts(&b, " of reported to expected looks like a stock split");
    const char *note = arena_take(R, rc_buf_take(&b));
    rc_buf_free(&b);
    if (!f->ratio) R->nomem = true;
    return note;
}

/* The filing that reported a duplicate, else the input it was read from. */
static const char *filing_of(const rc_fact *f)
{
    if (!f) return "";
    if (f->filing && *f->filing) return f->filing;
    return f->src.file && *f->src.file ? f->src.file : "an input";
}

/* The one more member of a part (the text after "axis=" when it names its axis), or its
 * award type: what tells it apart from its total.  *axis, *axis_len: the breakdown it
 * belongs to ("" for members without an axis, "\x01" for award types). */
static const char *part_name(const rc_rollforward *total, const rc_rollforward *part,
                             const char **axis, size_t *axis_len)
{
    if (part->award_type && !total->award_type && part->nmembers == total->nmembers) {
        *axis = "\x01";
        *axis_len = 1;
        return part->award_type;
    }
    for (size_t i = 0; i < part->nmembers; i++) {
        const char *m = part->members[i];
        bool shared = false;
        for (size_t k = 0; k < total->nmembers && !shared; k++)
            shared = strcmp(total->members[k], m) == 0;
        if (shared) continue;
        const char *eq = strchr(m, '=');
        *axis = m;
        *axis_len = eq ? (size_t)(eq - m) : 0;
        return eq ? eq + 1 : m;
    }
    *axis = "";
    *axis_len = 0;
    return part->award_type ? part->award_type : "?";
}

/* A range as the table shows it: its label, else its bounds ("10.01-20.00", "30.00 and
 * over"). */
static void put_range(rc_buf *out, const rc_range *r)
{
    if (!r) return;
    if (r->label && *r->label) {
        rc_buf_puts(out, r->label);
        return;
    }
    const char *lo = r->low && r->low->text ? r->low->text : NULL;
    const char *hi = r->high && r->high->text ? r->high->text : NULL;
    if (lo && hi)
        rc_buf_printf(out, "%s\xe2\x80\x93%s", lo, hi);
    else if (lo)
        rc_buf_printf(out, "%s and over", lo);
    else if (hi)
        rc_buf_printf(out, "up to %s", hi);
    else
        rc_buf_puts(out, "a range");
}

static void put_parts(rc_buf *out, const rc_env *env)
{
    for (size_t i = 0; i < env->nparts; i++) {
        const char *axis;
        size_t len;
        if (i) rc_buf_puts(out, ", ");
        rc_buf_puts(out, part_name(env->rf, env->parts[i], &axis, &len));
    }
}

/* Fill in the message template. */
static char *fill_message(rc_results *R, const rc_rule *rule, const rc_env *env, const slot *item,
                          const rc_finding *f, const char *slot_text, int places, bool grouping)
{
    rc_buf out = RC_BUF_INIT;
    const rc_movement *m = env->movement ? env->movement : (item ? item->movement : NULL);
    int line = env->line >= 0 ? env->line : (item ? item->line : -1);
    const rc_statement *st = env->statement;
    if (st && st->kind == RC_STMT_BALANCE) line = (int)st->line;
    const char *st_role =
        st && st->kind == RC_STMT_MOVEMENT ? rc_role_name(st->role) : NULL; /* no movement */
    rc_val v;
    rc_rules__val_init(&v);
    for (size_t i = 0; i < rule->nparts; i++) {
        const rc_part *p = &rule->parts[i];
        const char *s = NULL;
        switch (p->kind) {
        case RC_PART_TEXT:
            rc_buf_append(&out, p->text, p->len);
            break;
        case RC_PART_REPORTED:
            s = f->reported_fact ? fact_text(R, f->reported_fact)
                                 : fmt_q(R, f->reported, places, grouping);
            break;
        case RC_PART_EXPECTED:
            s = fmt_interval(R, &f->expected, places, grouping);
            break;
        case RC_PART_DIFFERENCE:
            s = fmt_q(R, f->difference, places, grouping);
            break;
        case RC_PART_RELATION:
            s = f->relation;
            break;
        case RC_PART_LABEL:
            s = m ? (m->label && *m->label ? m->label : rc_role_name(m->role))
                  : (st_role ? st_role : "");
            break;
        case RC_PART_ROLE:
            s = m ? rc_role_name(m->role) : (st_role ? st_role : "");
            break;
        case RC_PART_SENTENCE:
            s = st && st->text ? st->text : "";
            break;
        case RC_PART_RANGE:
            put_range(&out, env->range);
            break;
        case RC_PART_LINE:
            s = line >= 0 ? rc_line_name((rc_line)line) : "";
            break;
        case RC_PART_PERIOD: {
            char a[11], b[11];
            rc_day_format(env->rf->start, a);
            rc_day_format(env->rf->end, b);
            rc_buf_printf(&out, "%s to %s", a, b);
            break;
        }
        case RC_PART_QUANTITY:
            s = f->quantity;
            break;
        case RC_PART_SLOT:
            s = slot_text;
            break;
        case RC_PART_FIRST_FILING:
            s = filing_of(env->first);
            break;
        case RC_PART_SECOND_FILING:
            s = filing_of(env->second);
            break;
        case RC_PART_PARTS:
            put_parts(&out, env);
            break;
        case RC_PART_NAME:
            rc_rules__eval(p->name, env, &v);
            if (v.tag == RC_V_NUMBER && v.fact)
                s = fact_text(R, v.fact);
            else if (v.tag == RC_V_NUMBER)
                s = fmt_interval(R, &v.iv, places_for(NULL, &p->name->dim),
                                 grouping_for(NULL, &p->name->dim));
            else if (v.tag == RC_V_BOOL)
                s = v.truth ? "true" : "false";
            else
                s = v.tag == RC_V_ABSENT ? "not reported" : "not applicable";
            break;
        }
        if (s) rc_buf_puts(&out, s);
    }
    rc_rules__val_clear(&v);
    char *text = rc_buf_take(&out);
    return arena_take(R, text);
}

static rc_finding *new_finding(rc_results *R)
{
    if (R->nfindings == R->capf) {
        size_t cap = R->capf ? 2 * R->capf : 16;
        rc_finding **fs = realloc(R->findings, cap * sizeof *fs);
        if (!fs) return NULL;
        R->findings = fs;
        R->capf = cap;
    }
    rc_finding *f = rc_arena_alloc(R->arena, sizeof *f);
    if (!f) return NULL;
    mpq_init(f->reported);
    rc_interval_init(&f->expected);
    mpq_init(f->difference);
    f->line = -1;
    R->findings[R->nfindings++] = f;
    return f;
}

/* "thousands" for -3: the accuracy a document shows, in words. */
static const char *accuracy_words(rc_results *R, int shown)
{
    switch (shown) {
    case -9:
        return "billions";
    case -6:
        return "millions";
    case -3:
        return "thousands";
    case -2:
        return "hundreds";
    case -1:
        return "tens";
    case 0:
        return "units";
    case 1:
        return "one decimal place";
    default:
        break;
    }
    const char *s = shown > 0 ? rc_arena_printf(R->arena, "%d decimal places", shown)
                              : rc_arena_printf(R->arena, "multiples of 10^%d", -shown);
    if (!s) R->nomem = true;
    return s ? s : "";
}

/* The note of a tagging defect: which facts' decimals claim more than their document shows. */
static const char *tagging_note(rc_results *R, const rc_coarse *c)
{
    int coarsest = INT_MAX;
    for (size_t i = 0; i < c->n; i++)
        if (c->facts[i]->value.shown < coarsest) coarsest = c->facts[i]->value.shown;
    /* each fact by its concept (else its label, else its value) and decimals; the opening
     * and closing balances of one concept are named once */
    const char *names[RC_COARSE_MAX];
    size_t n = 0;
    for (size_t i = 0; i < c->n; i++) {
        const rc_fact *f = c->facts[i];
        char decimals[16];
        if (f->value.decimals == RC_DECIMALS_INF)
            snprintf(decimals, sizeof decimals, "INF");
        else
            snprintf(decimals, sizeof decimals, "%d", f->value.decimals);
        const char *name;
        if (f->concept && *f->concept)
            name = rc_arena_printf(R->arena, "%s (%s)", f->concept, decimals);
        else if (f->label && *f->label)
            name = rc_arena_printf(R->arena, "'%s' (%s)", f->label, decimals);
        else
            name = rc_arena_printf(R->arena, "the value %s (%s)", fact_text(R, f), decimals);
        if (!name) {
            R->nomem = true;
            return NULL;
        }
        bool seen = false;
        for (size_t k = 0; k < n && !seen; k++)
            seen = strcmp(names[k], name) == 0;
        if (!seen) names[n++] = name;
    }
    rc_buf b = RC_BUF_INIT;
    rc_buf_printf(&b, "ties at the accuracy the document shows (%s): the decimals attribute%s of ",
                  accuracy_words(R, coarsest), n + c->more > 1 ? "s" : "");
    for (size_t i = 0; i < n; i++) {
        if (i) rc_buf_puts(&b, i + 1 == n && !c->more ? " and " : ", ");
        rc_buf_puts(&b, names[i]);
    }
    if (c->more) rc_buf_printf(&b, " and %zu more", c->more);
    rc_buf_printf(&b, " %s wrong \xe2\x80\x94 a tagging defect, not an arithmetic one",
                  n + c->more > 1 ? "are" : "is");
    return arena_take(R, rc_buf_take(&b));
}

static const rc_finding *make_finding(rc_results *R, const rc_rule *rule, const rc_env *env,
                                      const slot *item, const rc_coarse *defect)
{
    rc_finding *f = new_finding(R);
    if (!f) {
        R->nomem = true;
        return NULL;
    }
    f->rule = rule;
    f->rf = env->rf;
    f->movement = rule->each == RC_EACH_MOVEMENT ? env->movement : NULL;
    f->line = rule->each == RC_EACH_BALANCE ? env->line : -1;
    f->statement = rule->each == RC_EACH_STATEMENT ? env->statement : NULL;
    f->range = rule->each == RC_EACH_RANGE ? env->range : NULL;
    f->relation = "==";

    const rc_node *cmp = NULL, *rep_node = NULL;
    bool neg = false;
    witness(rule->expr, env, false, &cmp, &neg);
    rc_dim dim = {{0, 0, 0, 0}};
    /* the reported side as an interval, and each side's last written place: for the ratio
     * of the two (a split, a scale) */
    rc_interval reported_iv;
    rc_interval_init(&reported_iv);
    mpq_t reported_slack, expected_slack;
    mpq_init(reported_slack);
    mpq_init(expected_slack);
    if (cmp) {
        rc_val a, b;
        rc_rules__val_init(&a);
        rc_rules__val_init(&b);
        rc_rules__eval(cmp->a, env, &a);
        rc_rules__eval(cmp->b, env, &b);
        assert(a.tag == RC_V_NUMBER && b.tag == RC_V_NUMBER);
        rc_rel rel = neg ? rc_rules__rel_negate(cmp->rel) : cmp->rel;
        bool a_plain = cmp->a->op == RC_OP_REF && a.fact;
        bool b_plain = cmp->b->op == RC_OP_REF && b.fact;
        const rc_val *rep = &a, *exp = &b;
        rep_node = cmp->a;
        if (b_plain && !a_plain) {
            rep = &b;
            exp = &a;
            rep_node = cmp->b;
            rel = rc_rules__rel_mirror(rel);
        }
        dim = cmp->a->free_dim ? cmp->b->dim : cmp->a->dim;
        if (rep_node->op == RC_OP_REF && rep->fact) {
            f->reported_fact = rep->fact;
            mpq_set(f->reported, rep->fact->value.q);
            if (rep->magnitude) mpq_abs(f->reported, f->reported);
        } else {
            mpq_add(f->reported, rep->iv.lo, rep->iv.hi);
            mpq_div_2exp(f->reported, f->reported, 1);
        }
        rc_interval_set(&f->expected, &exp->iv);
        /* the nearest value the relation allows */
        switch (rel) {
        case RC_REL_EQ:
            if (mpq_cmp(f->reported, exp->iv.lo) < 0)
                mpq_sub(f->difference, f->reported, exp->iv.lo);
            else if (mpq_cmp(f->reported, exp->iv.hi) > 0)
                mpq_sub(f->difference, f->reported, exp->iv.hi);
            break;
        case RC_REL_LT:
        case RC_REL_LE:
            mpq_sub(f->difference, f->reported, exp->iv.hi);
            break;
        case RC_REL_GT:
        case RC_REL_GE:
            mpq_sub(f->difference, f->reported, exp->iv.lo);
            break;
        case RC_REL_NE:
            break;
        }
        f->relation = rc_rules__rel_text(rel);
        f->widened = a.widened || b.widened;
        rc_interval_set(&reported_iv, &rep->iv);
        side_slack(reported_slack, rep, &dim);
        side_slack(expected_slack, exp, &dim);
        rc_rules__val_clear(&a);
        rc_rules__val_clear(&b);
    }

    if (rule->quantity)
        f->quantity = rule->quantity;
    else if (rep_node && rep_node->op == RC_OP_REF)
        f->quantity = ref_quantity(rep_node, item);
    else
        f->quantity = dim_quantity(&dim);

    f->severity = rule->severity;
    if (rule->warn_below_q && mpq_sgn(f->reported) != 0 && f->severity > RC_SEVERITY_WARNING) {
        mpq_t share;
        mpq_init(share);
        mpq_div(share, f->difference, f->reported);
        mpq_abs(share, share);
        if (mpq_cmp(share, rule->warn_below_q->lo) < 0) f->severity = RC_SEVERITY_WARNING;
        mpq_clear(share);
    }
    if (defect) {
        /* the arithmetic holds as the document shows it: the tags are what is wrong */
        f->tagging_defect = true;
        if (f->severity > RC_SEVERITY_WARNING) f->severity = RC_SEVERITY_WARNING;
    }

    if (f->reported_fact && f->reported_fact->src.file && *f->reported_fact->src.file) {
        f->where = f->reported_fact->src;
    } else {
        f->where = env->rf->src;
        if (!f->where.file || !*f->where.file) f->where.file = env->rf->file;
    }

    int places = places_for(f->reported_fact, &dim);
    bool grouping = grouping_for(f->reported_fact, &dim);
    const char *slot_text = slot_name(R, rep_node, env, item, f->quantity);
    f->message = fill_message(R, rule, env, item, f, slot_text, places, grouping);

    /* a scale error can make any comparison fail; a split only one that looks back or
     * across filings, on a count or a per-share value */
    unsigned kinds = 0;
    if (cmp && strcmp(f->relation, "!=") != 0 && strcmp(f->quantity, "term") != 0 &&
        strcmp(f->quantity, "contractual_term") != 0 && strcmp(f->quantity, "value") != 0)
        kinds |= RC_RATIO_SCALE;
    if (cmp && strcmp(f->relation, "==") == 0 &&
        (rule->uses_previous || rule->each == RC_EACH_DUPLICATE) &&
        (strcmp(f->quantity, "count") == 0 || strcmp(f->quantity, "price") == 0 ||
         strcmp(f->quantity, "fair_value") == 0))
        kinds |= RC_RATIO_SPLIT;
    const char *ratio = ratio_note(R, f, &reported_iv, reported_slack, expected_slack, kinds);
    rc_interval_clear(&reported_iv);
    mpq_clear(reported_slack);
    mpq_clear(expected_slack);
    const char *notes[] = {
        ratio,
        f->widened ? "a per-share value was taken as rounded at its last written decimal place"
                   : NULL,
        defect ? tagging_note(R, defect) : NULL,
        /* a roll-forward that may not balance for a known reason says so on every finding */
        env->rf->caveat && *env->rf->caveat ? env->rf->caveat : NULL,
    };
    rc_buf note = RC_BUF_INIT;
    for (size_t k = 0; k < sizeof notes / sizeof *notes; k++) {
        if (!notes[k]) continue;
        if (note.len) rc_buf_puts(&note, "; ");
        rc_buf_puts(&note, notes[k]);
    }
    if (note.len || note.failed) f->note = arena_take(R, rc_buf_take(&note));
    rc_buf_free(&note);
    return f;
}

/* ---- checks ------------------------------------------------------------------------------ */

static void count_reason(rc_results *R, const char *reason)
{
    for (size_t i = 0; i < R->nreasons; i++) {
        if (strcmp(R->reasons[i].text, reason) == 0) {
            R->reasons[i].count++;
            return;
        }
    }
    if (R->nreasons == R->capr) {
        size_t cap = R->capr ? 2 * R->capr : 16;
        reason_count *rs = realloc(R->reasons, cap * sizeof *rs);
        if (!rs) {
            R->nomem = true;
            return;
        }
        R->reasons = rs;
        R->capr = cap;
    }
    R->reasons[R->nreasons++] = (reason_count){reason, 1};
}

static void add_outcome(rc_results *R, const rc_outcome *o)
{
    if (R->noutcomes == R->capo) {
        size_t cap = R->capo ? 2 * R->capo : 64;
        rc_outcome *os = realloc(R->outcomes, cap * sizeof *os);
        if (!os) {
            R->nomem = true;
            return;
        }
        R->outcomes = os;
        R->capo = cap;
    }
    R->outcomes[R->noutcomes++] = *o;
}

/* Does a failed check hold with every fact at the accuracy its document shows (inline
 * XBRL's scale, a table's "in thousands") where that is coarser than its decimals?  Then
 * the decimals are what is wrong; *coarse gets the facts that were taken coarser. */
static bool holds_as_shown(const rc_rule *rule, const rc_env *env, rc_coarse *coarse)
{
    memset(coarse, 0, sizeof *coarse);
    rc_env shown = *env;
    shown.shown_accuracy = true;
    shown.coarse = coarse;
    rc_val v;
    rc_rules__val_init(&v);
    rc_rules__eval(rule->expr, &shown, &v);
    bool holds = v.tag == RC_V_BOOL && v.truth && coarse->n > 0;
    rc_rules__val_clear(&v);
    return holds;
}

static void run_check(rc_results *R, const rc_rule *rule, const rc_env *env, const slot *item)
{
    rc_outcome o = {.rule = rule,
                    .rf = env->rf,
                    .movement = env->movement,
                    .line = env->line,
                    .status = RC_SKIPPED};
    o.statement = rule->each == RC_EACH_STATEMENT ? env->statement : NULL;
    o.range = rule->each == RC_EACH_RANGE ? env->range : NULL;
    rc_val v;
    rc_rules__val_init(&v);
    for (size_t k = 0; k < rule->nsubjects; k++) {
        /* a rule about a value that is not reported has nothing to check here */
        rc_rules__eval(rule->subjects[k], env, &v);
        bool absent = v.tag == RC_V_ABSENT;
        rc_rules__val_clear(&v);
        rc_rules__val_init(&v);
        if (absent) {
            rc_rules__val_clear(&v);
            return;
        }
    }
    if (env->rf->flags & RC_RF_AMBIGUOUS) {
        /* the column of some value is not known for sure: no check on it is sound */
        o.reason =
            env->rf->why_ambiguous ? env->rf->why_ambiguous : "the table's layout is ambiguous";
    } else if (rule->when_expr) {
        rc_rules__eval(rule->when_expr, env, &v);
        if (v.tag != RC_V_BOOL) {
            o.reason = v.reason;
        } else if (!v.truth) {
            /* the rule does not apply here: no check at all */
            rc_rules__val_clear(&v);
            return;
        }
    }
    if (!o.reason) {
        rc_rules__eval(rule->expr, env, &v);
        if (v.tag == RC_V_BOOL) {
            o.status = v.truth ? RC_PASSED : RC_FAILED;
            if (!v.truth) {
                rc_coarse coarse;
                bool defect = holds_as_shown(rule, env, &coarse);
                o.finding = make_finding(R, rule, env, item, defect ? &coarse : NULL);
            }
        } else {
            o.reason = v.reason ? v.reason : "not applicable";
        }
    }
    rc_rules__val_clear(&v);
    switch (o.status) {
    case RC_PASSED:
        R->summary.passed++;
        break;
    case RC_FAILED:
        R->summary.failed++;
        if (o.finding) {
            switch (o.finding->severity) {
            case RC_SEVERITY_ERROR:
                R->summary.errors++;
                break;
            case RC_SEVERITY_WARNING:
                R->summary.warnings++;
                break;
            case RC_SEVERITY_INFO:
                R->summary.infos++;
                break;
            }
        }
        break;
    case RC_SKIPPED:
        R->summary.skipped++;
        count_reason(R, o.reason);
        break;
    }
    add_outcome(R, &o);
}

static bool balance_reported(const rc_balance *b)
{
    return b->count || b->price || b->fair_value || b->aiv || b->term;
}

/* One check per further report of a slot's quantity. */
static void check_slot(rc_results *R, const rc_rule *rule, rc_env *env, const rc_fact *first,
                       const slot *item)
{
    if (!first) return;
    for (const rc_fact *d = first->dup; d; d = d->dup) {
        env->first = first;
        env->second = d;
        run_check(R, rule, env, item);
    }
}

static void check_duplicates(rc_results *R, const rc_rule *rule, rc_env *env)
{
    static const rc_field fields[] = {RC_FIELD_COUNT, RC_FIELD_PRICE, RC_FIELD_FAIR_VALUE,
                                      RC_FIELD_AIV, RC_FIELD_TERM};
    const rc_rollforward *rf = env->rf;
    char name[160];
    for (int l = 0; l < RC_LINE__COUNT; l++) {
        const rc_balance *b = &rf->lines[l];
        const rc_fact *facts[] = {b->count, b->price, b->fair_value, b->aiv, b->term};
        for (size_t k = 0; k < 5; k++) {
            if (!facts[k] || !facts[k]->dup) continue;
            const char *field = rc_rules__field_name(fields[k]);
            snprintf(name, sizeof name, "%s.%s", rc_line_name((rc_line)l), field);
            slot item = {rc_arena_strdup(R->arena, name), field, NULL, l};
            if (!item.name) {
                R->nomem = true;
                return;
            }
            check_slot(R, rule, env, facts[k], &item);
        }
    }
    for (size_t i = 0; i < rf->nmovements; i++) {
        const rc_movement *m = &rf->movements[i];
        const rc_fact *facts[] = {m->count, m->price, m->fair_value};
        for (size_t k = 0; k < 3; k++) {
            if (!facts[k] || !facts[k]->dup) continue;
            const char *field = rc_rules__field_name(fields[k]);
            snprintf(name, sizeof name, "%s.%s", rc_role_name(m->role), field);
            slot item = {rc_arena_strdup(R->arena, name), field, m, -1};
            if (!item.name) {
                R->nomem = true;
                return;
            }
            /* a stored "-628,000" and a later "628,000" forfeited are one quantity: the
             * sign of a movement with a fixed direction is the negative-value rule's */
            env->dup_magnitudes = k == 0 && rc_role_direction(m->role) != 0;
            check_slot(R, rule, env, facts[k], &item);
            env->dup_magnitudes = false;
        }
    }
    slot sp = {"share_price", "share_price", NULL, -1};
    check_slot(R, rule, env, rf->share_price, &sp);
    slot ct = {"contractual_term", "contractual_term", NULL, -1};
    check_slot(R, rule, env, rf->contractual_term, &ct);
    slot ie = {"issued_on_exercise", "issued_on_exercise", NULL, -1};
    env->dup_magnitudes = true; /* shares issued are a movement's count: its sign is the filer's */
    check_slot(R, rule, env, rf->issued_on_exercise, &ie);
    env->dup_magnitudes = false;
    slot ep = {"exercise_proceeds", "exercise_proceeds", NULL, -1};
    check_slot(R, rule, env, rf->exercise_proceeds, &ep);
    env->first = env->second = NULL;
}

static const rc_fact *balance_field(const rc_balance *b, rc_field field)
{
    switch (field) {
    case RC_FIELD_COUNT:
        return b->count;
    case RC_FIELD_PRICE:
        return b->price;
    case RC_FIELD_FAIR_VALUE:
        return b->fair_value;
    case RC_FIELD_AIV:
        return b->aiv;
    case RC_FIELD_TERM:
        return b->term;
    default:
        return NULL;
    }
}

static const rc_fact *range_field(const rc_range *r, rc_field field)
{
    switch (field) {
    case RC_FIELD_COUNT:
        return r->count;
    case RC_FIELD_PRICE:
        return r->price;
    case RC_FIELD_TERM:
        return r->term;
    case RC_FIELD_AIV:
        return r->aiv;
    case RC_FIELD_LOW:
        return r->low;
    case RC_FIELD_HIGH:
        return r->high;
    case RC_FIELD_EXERCISABLE_COUNT:
        return r->exercisable_count;
    case RC_FIELD_EXERCISABLE_PRICE:
        return r->exercisable_price;
    case RC_FIELD_EXERCISABLE_TERM:
        return r->exercisable_term;
    default:
        return NULL;
    }
}

/* Does some range of rf report each field of `fields` (bits 1u << rc_field)?  A table
 * without exercisable columns has no exercisable checks. */
static bool ranges_report(const rc_rollforward *rf, unsigned fields)
{
    for (unsigned f = 0; fields >> f; f++) {
        if (!(fields & (1u << f))) continue;
        bool some = false;
        for (size_t i = 0; i < rf->nranges && !some; i++)
            some = range_field(&rf->ranges[i], (rc_field)f) != NULL;
        if (!some) return false;
    }
    return true;
}

static const rc_fact *movement_field(const rc_movement *m, rc_field field)
{
    switch (field) {
    case RC_FIELD_COUNT:
        return m->count;
    case RC_FIELD_PRICE:
        return m->price;
    case RC_FIELD_FAIR_VALUE:
        return m->fair_value;
    default:
        return NULL;
    }
}

/* An earlier movement of rf has m's role. */
static bool role_seen(const rc_rollforward *rf, const rc_movement *m)
{
    for (const rc_movement *e = rf->movements; e < m; e++)
        if (e->role == m->role) return true;
    return false;
}

static void check_each(rc_results *R, const rc_rule *rule, rc_env *env)
{
    const rc_rollforward *rf = env->rf;
    switch (rule->each) {
    case RC_EACH_ROLLFORWARD:
        run_check(R, rule, env, NULL);
        break;
    case RC_EACH_MOVEMENT:
        for (size_t i = 0; i < rf->nmovements; i++) {
            const rc_movement *m = &rf->movements[i];
            /* a movement that does not report what the rule is about is no check */
            if (rule->subject >= 0 && !movement_field(m, (rc_field)rule->subject)) continue;
            /* same_role.* is all movements of the role: one check per role */
            if (rule->uses_same_role && role_seen(rf, m)) continue;
            env->movement = m;
            run_check(R, rule, env, NULL);
        }
        env->movement = NULL;
        break;
    case RC_EACH_BALANCE:
        for (int l = 0; l < RC_LINE__COUNT; l++) {
            if (!balance_reported(&rf->lines[l])) continue;
            /* a row that does not report what the rule is about is no check */
            if (rule->subject >= 0 && !balance_field(&rf->lines[l], (rc_field)rule->subject))
                continue;
            env->line = l;
            run_check(R, rule, env, NULL);
        }
        env->line = -1;
        break;
    case RC_EACH_DUPLICATE:
        check_duplicates(R, rule, env);
        break;
    case RC_EACH_RANGE:
        for (size_t i = 0; i < rf->nranges; i++) {
            const rc_range *r = &rf->ranges[i];
            /* a range that does not report what the rule is about is no check */
            if (rule->subject >= 0 && !range_field(r, (rc_field)rule->subject)) continue;
            env->range = r;
            run_check(R, rule, env, NULL);
        }
        env->range = NULL;
        break;
    case RC_EACH_STATEMENT:
        /* the sentences of the note's text that rc_model_finish matched to rf */
        for (size_t i = 0; i < rf->nstatements; i++) {
            env->statement = rf->statements[i];
            run_check(R, rule, env, NULL);
        }
        env->statement = NULL;
        break;
    }
}

/*
 * A total's parts, grouped into breakdowns: the award types of a class are one
 * breakdown, the members of one axis ("axis=member") another, members without an axis
 * a third.  Summing two breakdowns would count every award twice.  A breakdown of one
 * part is none: one member alone does not say it is the whole.
 */
typedef struct breakdowns {
    const rc_rollforward **parts; /* the parts, breakdown by breakdown */
    size_t *start;                /* breakdown g is parts[start[g] .. start[g + 1]) */
    size_t n;
} breakdowns;

static void breakdowns_free(breakdowns *b)
{
    free(b->parts);
    free(b->start);
    memset(b, 0, sizeof *b);
}

static int breakdowns_make(breakdowns *b, const rc_rollforward *rf)
{
    memset(b, 0, sizeof *b);
    size_t n = rf->nparts;
    if (n < 2) return RC_OK;
    size_t *group = malloc(n * sizeof *group);
    size_t *first = malloc(n * sizeof *first); /* the first part of each group */
    b->parts = malloc(n * sizeof *b->parts);
    b->start = malloc((n + 1) * sizeof *b->start);
    size_t ngroups = 0;
    int rc = group && first && b->parts && b->start ? RC_OK : RC_ENOMEM;
    for (size_t i = 0; i < n && rc == RC_OK; i++) {
        const char *axis, *other;
        size_t len, olen;
        part_name(rf, rf->parts[i], &axis, &len);
        size_t g = 0;
        for (; g < ngroups; g++) {
            part_name(rf, rf->parts[first[g]], &other, &olen);
            if (olen == len && memcmp(axis, other, len) == 0) break;
        }
        if (g == ngroups) first[ngroups++] = i;
        group[i] = g;
    }
    size_t used = 0;
    for (size_t g = 0; g < ngroups && rc == RC_OK; g++) {
        size_t from = used;
        for (size_t i = 0; i < n; i++)
            if (group[i] == g) b->parts[used++] = rf->parts[i];
        if (used - from < 2) {
            used = from; /* one part alone: no breakdown */
            continue;
        }
        b->start[b->n++] = from;
    }
    if (rc == RC_OK) b->start[b->n] = used;
    free(group);
    free(first);
    if (rc != RC_OK) breakdowns_free(b);
    return rc;
}

static void check_rule(rc_results *R, const rc_rule *rule, const rc_rollforward *rf,
                       const breakdowns *parts)
{
    rc_env env;
    memset(&env, 0, sizeof env);
    env.rf = rf;
    env.line = -1;
    env.arena = R->arena;
    /* a rule about the exercise-price ranges has no check where there is no range table,
     * or where no range reports a value it names */
    if ((rule->range_fields || rule->each == RC_EACH_RANGE) &&
        (rf->nranges == 0 || !ranges_report(rf, rule->range_fields)))
        return;
    if (!rule->uses_parts) {
        check_each(R, rule, &env);
        return;
    }
    /* a rule about a total and its parts has no check where there are no parts */
    for (size_t g = 0; g < parts->n; g++) {
        env.parts = parts->parts + parts->start[g];
        env.nparts = parts->start[g + 1] - parts->start[g];
        check_each(R, rule, &env);
    }
}

static int str_cmp_null(const char *a, const char *b)
{
    if (!a || !b) return a ? 1 : (b ? -1 : 0);
    return strcmp(a, b);
}

static int finding_cmp(const void *pa, const void *pb)
{
    const rc_finding *a = *(rc_finding *const *)pa, *b = *(rc_finding *const *)pb;
    int c = str_cmp_null(a->where.file, b->where.file);
    if (c) return c;
    if (a->where.line != b->where.line) return a->where.line < b->where.line ? -1 : 1;
    if (a->where.col != b->where.col) return a->where.col < b->where.col ? -1 : 1;
    if ((c = rc_rules__id_cmp(a->rule->id, b->rule->id)) != 0) return c;
    return str_cmp_null(a->message, b->message);
}

static int reason_cmp(const void *pa, const void *pb)
{
    const reason_count *a = pa, *b = pb;
    if (a->count != b->count) return a->count > b->count ? -1 : 1;
    return strcmp(a->text, b->text);
}

int rc_check(const rc_ruleset *rules, const rc_model *model, rc_results **out, rc_ctx *ctx)
{
    rc_results *R = calloc(1, sizeof *R);
    if (!R || !(R->arena = rc_arena_new())) {
        free(R);
        return rc_ctx_fail(ctx, RC_ENOMEM, "out of memory running the checks");
    }
    size_t nrf = rc_model_count(model), nrules = rc_ruleset_count(rules);
    for (size_t i = 0; i < nrf && !R->nomem; i++) {
        const rc_rollforward *rf = rc_model_get(model, i);
        if (rc_rollforward_is_rollforward(rf)) R->summary.rollforwards++;
        breakdowns parts;
        if (breakdowns_make(&parts, rf) != RC_OK) {
            R->nomem = true;
            break;
        }
        for (size_t k = 0; k < nrules && !R->nomem; k++) {
            const rc_rule *rule = rc_ruleset_get(rules, k);
            if (rc_rule_applies_to(rule, rf->award)) check_rule(R, rule, rf, &parts);
        }
        breakdowns_free(&parts);
    }
    if (R->nomem) {
        rc_results_free(R);
        return rc_ctx_fail(ctx, RC_ENOMEM, "out of memory running the checks");
    }
    R->summary.checks = R->summary.passed + R->summary.failed;
    /* outcomes point at findings, which live in the arena: sorting the
     * pointer array moves nothing they point at */
    if (R->nfindings > 1) qsort(R->findings, R->nfindings, sizeof *R->findings, finding_cmp);
    if (R->nreasons > 1) qsort(R->reasons, R->nreasons, sizeof *R->reasons, reason_cmp);
    *out = R;
    return RC_OK;
}

void rc_results_free(rc_results *R)
{
    if (!R) return;
    for (size_t i = 0; i < R->nfindings; i++) {
        mpq_clear(R->findings[i]->reported);
        rc_interval_clear(&R->findings[i]->expected);
        mpq_clear(R->findings[i]->difference);
    }
    free(R->findings);
    free(R->outcomes);
    free(R->reasons);
    rc_arena_free(R->arena);
    free(R);
}

size_t rc_results_finding_count(const rc_results *results)
{
    return results->nfindings;
}

const rc_finding *rc_results_finding(const rc_results *results, size_t i)
{
    return i < results->nfindings ? results->findings[i] : NULL;
}

size_t rc_results_outcome_count(const rc_results *results)
{
    return results->noutcomes;
}

const rc_outcome *rc_results_outcome(const rc_results *results, size_t i)
{
    return i < results->noutcomes ? &results->outcomes[i] : NULL;
}

void rc_results_summary(const rc_results *results, rc_summary *out)
{
    *out = results->summary;
}

size_t rc_results_skip_reason_count(const rc_results *results)
{
    return results->nreasons;
}

const char *rc_results_skip_reason(const rc_results *results, size_t i, size_t *count)
{
    if (i >= results->nreasons) {
        if (count) *count = 0;
        return NULL;
    }
    if (count) *count = results->reasons[i].count;
    return results->reasons[i].text;
}

int rc_results_max_severity(const rc_results *results)
{
    int max = -1;
    for (size_t i = 0; i < results->nfindings; i++)
        if ((int)results->findings[i]->severity > max) max = (int)results->findings[i]->severity;
    return max;
}

/* ---- finding identity ------------------------------------------------------------ */

char *rc_finding_key(const rc_finding *f)
{
    const rc_rollforward *rf = f->rf;
    rc_buf b = RC_BUF_INIT;
    char start[11], end[11];
    rc_day_format(rf->start, start);
    rc_day_format(rf->end, end);
    /* fields separated by a control character no name holds */
    rc_buf_printf(&b, "%s\x1f%s\x1f%s\x1f%s\x1f%s", rc_rule_id(f->rule),
                  f->where.file ? f->where.file : "", rf->entity ? rf->entity : "",
                  rc_award_name(rf->award), rf->award_type ? rf->award_type : "");
    for (size_t i = 0; i < rf->nmembers; i++)
        rc_buf_printf(&b, "%s%s", i ? "\x1e" : "\x1f", rf->members[i]);
    rc_buf_printf(&b, "\x1f%s\x1f%s\x1f%s\x1f%s", start, end, rf->currency ? rf->currency : "",
                  f->quantity ? f->quantity : "");
    if (f->movement)
        rc_buf_printf(&b, "\x1f%s\x1f%s", rc_role_name(f->movement->role),
                      f->movement->label ? f->movement->label : "");
    else if (f->line >= 0)
        rc_buf_printf(&b, "\x1f%s", rc_line_name((rc_line)f->line));
    if (f->range) {
        /* a range by what the table shows of it: its label, else its bounds */
        rc_buf_puts(&b, "\x1frange\x1f");
        put_range(&b, f->range);
    }
    if (f->statement) {
        /* a sentence by what it states, never by its line */
        const rc_statement *st = f->statement;
        rc_buf_printf(&b, "\x1fstatement\x1f%s\x1f%s",
                      st->kind == RC_STMT_BALANCE ? rc_line_name(st->line) : rc_role_name(st->role),
                      st->value && st->value->text ? st->value->text : "");
    }
    return rc_buf_take(&b);
}

void rc_finding_fingerprint(const rc_finding *f, char buf[static 17])
{
    char *key = rc_finding_key(f);
    uint64_t h = 0xcbf29ce484222325u;
    for (const unsigned char *p = (const unsigned char *)(key ? key : ""); *p; p++) {
        h ^= *p;
        h *= 0x100000001b3u;
    }
    free(key);
    snprintf(buf, 17, "%016llx", (unsigned long long)h);
}
