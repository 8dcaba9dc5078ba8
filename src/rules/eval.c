/*
 * The evaluator of compiled rule expressions.
 *
 * A value is an interval with a currency, a boolean, or one of two kinds of
 * "unknown": absent (a value the rule needs is not reported) and not
 * applicable (a divisor holds zero, two currencies meet, a movement has no
 * direction).  Both carry the reason a skipped check reports.  and / or / not
 * follow Kleene's three-valued logic, so that a rule made of two parts still
 * fails when the part that can be evaluated fails.
 */
#include <assert.h>
#include <string.h>

#include "rules/expr.h"
#include "rules/ratio.h"

void rc_rules__val_init(rc_val *v)
{
    memset(v, 0, sizeof *v);
    rc_interval_init(&v->iv);
    v->tag = RC_V_ABSENT;
}

void rc_rules__val_clear(rc_val *v)
{
    rc_interval_clear(&v->iv);
}

static void reset(rc_val *v, rc_vtag tag)
{
    v->tag = tag;
    v->truth = false;
    v->currency = NULL;
    v->reason = NULL;
    v->fact = NULL;
    v->magnitude = false;
    v->widened = false;
}

static void set_unknown(rc_val *v, rc_vtag tag, const char *reason)
{
    reset(v, tag);
    v->reason = reason;
}

static void set_bool(rc_val *v, bool truth)
{
    reset(v, RC_V_BOOL);
    v->truth = truth;
}

static void copy_unknown(rc_val *dst, const rc_val *src)
{
    set_unknown(dst, src->tag, src->reason);
}

static bool has_value(const rc_val *v)
{
    return v->tag == RC_V_NUMBER || v->tag == RC_V_BOOL;
}

static bool is_exact_zero(const rc_val *v)
{
    return v->tag == RC_V_NUMBER && mpq_sgn(v->iv.lo) == 0 && mpq_sgn(v->iv.hi) == 0;
}

/* A reason made while evaluating; falls back to a static text when memory
 * runs out, so that a check is still skipped rather than lost. */
static const char *reason2(const rc_env *env, const char *fmt, const char *a, const char *b)
{
    const char *r = env->arena ? rc_arena_printf(env->arena, fmt, a, b) : NULL;
    return r ? r : "out of memory";
}

static const char *movement_name(const rc_movement *m)
{
    return m->label && *m->label ? m->label : rc_role_name(m->role);
}

static void no_direction(const rc_env *env, const rc_movement *m, rc_val *out)
{
    set_unknown(out, RC_V_NA,
                reason2(env, "movement '%s' has no direction%s", movement_name(m), ""));
}

/* Only money and prices have a currency; a count is the same in any column. */
static const char *currency_of(const rc_fact *f, const rc_rollforward *rf)
{
    if (f->kind != RC_KIND_PRICE && f->kind != RC_KIND_MONEY) return NULL;
    return f->currency ? f->currency : rf->currency;
}

/* A count shown to the unit is whole whatever its decimals say; one shown in thousands
 * may be anything the rounding allows. */
static bool shown_coarser(const rc_fact *f)
{
    int shown = f->value.shown;
    if (shown == RC_DECIMALS_INF || shown >= f->value.decimals) return false;
    return !(f->kind == RC_KIND_COUNT && shown >= 0);
}

static void note_coarse(rc_coarse *c, const rc_fact *f)
{
    for (size_t i = 0; i < c->n; i++)
        if (c->facts[i] == f) return;
    if (c->n < RC_COARSE_MAX)
        c->facts[c->n++] = f;
    else
        c->more++; /* may count a fact twice: only says "and more" */
}

/* The years, months and days of a duration as written ("P2Y1M6D", "2 years 1 month 6
 * days"); false when the text is none. */
static bool term_ymd(const char *s, long *ymd)
{
    ymd[0] = ymd[1] = ymd[2] = 0;
    if (!s) return false;
    bool iso = *s == 'P', any = false;
    if (iso) s++;
    while (*s) {
        if (*s == ' ') {
            s++;
            continue;
        }
        if (*s < '0' || *s > '9') return false; /* also an ISO time part: "PT5H" */
        long n = 0;
        while (*s >= '0' && *s <= '9') {
            if (n > 100000) return false;
            n = n * 10 + (*s++ - '0');
        }
        while (*s == ' ')
            s++;
        char u = *s >= 'A' && *s <= 'Z' ? (char)(*s + 32) : *s;
        int k = u == 'y' ? 0 : u == 'm' ? 1 : u == 'd' ? 2 : -1;
        if (k < 0) return false;
        ymd[k] += n;
        any = true;
        if (iso)
            s++;
        else
            while ((*s >= 'a' && *s <= 'z') || (*s >= 'A' && *s <= 'Z'))
                s++;
    }
    return any;
}

/*
 * Filers round a remaining term to a tenth of a year and then write it as a duration of
 * months of 30 days: 2.1 years is "P2Y1M6D", 4.4 years "4 years 4 months 24 days".  Such a
 * duration stands for the tenth +- 0.05 years, not the day it names.  A whole number of
 * years (a plan's "10 years") is taken as written.
 */
static void tenth_of_a_year(rc_interval *dst, const rc_fact *f)
{
    long ymd[3];
    if (f->kind != RC_KIND_TERM || !term_ymd(f->text, ymd)) return;
    long days30 = 30 * ymd[1] + ymd[2];
    if (days30 == 0 || days30 % 36 != 0) return;
    rc_interval tenth;
    rc_interval_init(&tenth);
    mpq_t v;
    mpq_init(v);
    mpq_set_si(v, ymd[0] * 10 + days30 / 36, 10); /* in tenths of a year */
    mpq_canonicalize(v);
    rc_interval_set_rounded(&tenth, v, 1);
    if (mpq_cmp(tenth.lo, dst->lo) < 0) mpq_set(dst->lo, tenth.lo);
    if (mpq_cmp(tenth.hi, dst->hi) > 0) mpq_set(dst->hi, tenth.hi);
    mpq_clear(v);
    rc_interval_clear(&tenth);
}

void rc_rules__fact_interval(const rc_env *env, rc_interval *dst, const rc_fact *f, bool *widened)
{
    rc_fact_interval(dst, f, widened);
    tenth_of_a_year(dst, f);
    if (!env->shown_accuracy || !shown_coarser(f)) return;
    rc_interval shown;
    rc_interval_init(&shown);
    rc_interval_set_rounded(&shown, f->value.q, f->value.shown);
    mpq_t a, b;
    mpq_init(a);
    mpq_init(b);
    mpq_sub(a, dst->hi, dst->lo);
    mpq_sub(b, shown.hi, shown.lo);
    if (mpq_cmp(b, a) > 0) {
        rc_interval_set(dst, &shown);
        if (env->coarse) note_coarse(env->coarse, f);
    }
    mpq_clear(a);
    mpq_clear(b);
    rc_interval_clear(&shown);
}

static void from_fact(rc_val *v, const rc_env *env, const rc_fact *f, const rc_rollforward *rf,
                      bool magnitude)
{
    reset(v, RC_V_NUMBER);
    bool widened = false;
    rc_rules__fact_interval(env, &v->iv, f, &widened);
    if (magnitude) rc_interval_abs(&v->iv, &v->iv);
    v->fact = f;
    v->magnitude = magnitude;
    v->widened = widened;
    v->currency = currency_of(f, rf);
}

static void set_zero(rc_val *v)
{
    reset(v, RC_V_NUMBER);
    rc_interval_set_si(&v->iv, 0);
}

static const rc_rollforward *back(const rc_rollforward *rf, int n)
{
    while (rf && n-- > 0)
        rf = rf->previous;
    return rf;
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

static const rc_fact *movement_price(const rc_movement *m, rc_field field)
{
    return field == RC_FIELD_FAIR_VALUE ? m->fair_value : m->price;
}

/* count, signed_count, price or fair_value of one movement. */
static void movement_field(const rc_node *n, const rc_env *env, const rc_movement *m,
                           const rc_rollforward *rf, rc_val *out)
{
    switch (n->ref.field) {
    case RC_FIELD_COUNT:
    case RC_FIELD_SIGNED_COUNT:
    case RC_FIELD_RAW:
        if (n->ref.field == RC_FIELD_SIGNED_COUNT && m->direction == 0) {
            no_direction(env, m, out);
            return;
        }
        if (!m->count) {
            set_unknown(out, RC_V_ABSENT, n->reason);
            return;
        }
        if (n->ref.field == RC_FIELD_RAW) {
            /* stored signs are the filer's: a negative one is worth a finding */
            from_fact(out, env, m->count, rf, rf->signs != RC_SIGNS_STORED);
            return;
        }
        from_fact(out, env, m->count, rf, true);
        if (n->ref.field == RC_FIELD_SIGNED_COUNT && m->direction < 0) {
            rc_interval_neg(&out->iv, &out->iv);
            out->fact = NULL; /* no longer the reported number */
        }
        return;
    case RC_FIELD_PRICE:
    case RC_FIELD_FAIR_VALUE: {
        const rc_fact *f = movement_price(m, n->ref.field);
        if (!f)
            set_unknown(out, RC_V_ABSENT, n->reason);
        else
            from_fact(out, env, f, rf, false);
        return;
    }
    default:
        assert(0 && "bad movement field");
        set_unknown(out, RC_V_NA, "internal error");
    }
}

/* exercised.count: all movements of the role together; .price: the one. */
static void eval_role(const rc_node *n, const rc_env *env, const rc_rollforward *rf, rc_role role,
                      rc_val *out)
{
    const rc_ref *r = &n->ref;
    const char *reason = n->reason, *reason_many = n->reason_many;
    if (r->kind == RC_REF_SAME_ROLE) {
        reason = n->role_reason[role];
        reason_many = n->role_reason_many[role];
    }
    if (!rc_rollforward_has_movements(rf)) {
        set_unknown(out, RC_V_ABSENT,
                    r->parts ? "a part reports no movements" : "no movements reported");
        return;
    }
    size_t found = 0;
    const rc_movement *one = NULL;
    for (size_t i = 0; i < rf->nmovements; i++) {
        const rc_movement *m = &rf->movements[i];
        if (m->role != role) continue;
        found++;
        one = m;
        if (r->field == RC_FIELD_COUNT && !m->count) {
            set_unknown(out, RC_V_ABSENT, reason);
            return;
        }
    }
    if (r->field != RC_FIELD_COUNT) {
        if (found > 1)
            set_unknown(out, RC_V_ABSENT, reason_many);
        else if (found == 0)
            set_unknown(out, RC_V_ABSENT, reason);
        else {
            movement_field(n, env, one, rf, out);
            /* same_role: the reason names the role, not "same_role" */
            if (out->tag == RC_V_ABSENT) out->reason = reason;
        }
        return;
    }
    if (found == 0) {
        set_zero(out); /* a role the table does not show moved nothing */
        return;
    }
    if (found == 1) {
        from_fact(out, env, one->count, rf, true);
        return;
    }
    set_zero(out);
    rc_interval part;
    rc_interval_init(&part);
    for (size_t i = 0; i < rf->nmovements; i++) {
        const rc_movement *m = &rf->movements[i];
        if (m->role != role) continue;
        bool widened = false;
        rc_rules__fact_interval(env, &part, m->count, &widened);
        rc_interval_abs(&part, &part);
        rc_interval_add(&out->iv, &out->iv, &part);
        out->widened |= widened;
    }
    rc_interval_clear(&part);
}

/* statement.value: the number the note's text states; statement.table: what the matched
 * roll-forward's table shows for it, the count of the statement's movement role (all the
 * movements of that role together) or of its balance row.  A role the table does not
 * show is absent, not zero: the sentence then matches no row (a combined "forfeited or
 * cancelled" row is no "cancelled" row). */
static void eval_statement(const rc_node *n, const rc_env *env, const rc_rollforward *rf,
                           rc_val *out)
{
    const rc_statement *st = env->statement;
    assert(st && st->value);
    if (n->ref.field == RC_FIELD_VALUE) {
        from_fact(out, env, st->value, rf, true);
        return;
    }
    if (st->kind == RC_STMT_BALANCE) {
        const rc_fact *f = rf->lines[st->line].count;
        if (!f)
            set_unknown(out, RC_V_ABSENT, n->line_reason[st->line]);
        else
            from_fact(out, env, f, rf, true);
        return;
    }
    if (st->kind != RC_STMT_MOVEMENT) {
        set_unknown(out, RC_V_NA, "the statement states no count");
        return;
    }
    if (!rc_rollforward_has_movements(rf)) {
        set_unknown(out, RC_V_ABSENT, "no movements reported");
        return;
    }
    size_t found = 0;
    const rc_movement *one = NULL;
    for (size_t i = 0; i < rf->nmovements; i++) {
        const rc_movement *m = &rf->movements[i];
        if (m->role != st->role) continue;
        if (!m->count) {
            set_unknown(out, RC_V_ABSENT, n->role_reason_many[st->role]);
            return;
        }
        found++;
        one = m;
    }
    if (found == 0) {
        set_unknown(out, RC_V_ABSENT, n->role_reason[st->role]);
        return;
    }
    if (found == 1) {
        from_fact(out, env, one->count, rf, true);
        return;
    }
    set_zero(out);
    rc_interval part;
    rc_interval_init(&part);
    for (size_t i = 0; i < rf->nmovements; i++) {
        const rc_movement *m = &rf->movements[i];
        if (m->role != st->role) continue;
        bool widened = false;
        rc_rules__fact_interval(env, &part, m->count, &widened);
        rc_interval_abs(&part, &part);
        rc_interval_add(&out->iv, &out->iv, &part);
        out->widened |= widened;
    }
    rc_interval_clear(&part);
}

/* A field of a row of the exercise-price-range table. */
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

static bool same_text(const char *a, const char *b)
{
    return a == b || (a && b && strcmp(a, b) == 0);
}

/* Is f the report of an exercised row of rf: an option table whose exercised row is
 * tagged with the equity statement's concept reports the shares issued only through
 * that row, which a comparison with the row would compare with itself. */
static bool exercised_row(const rc_rollforward *rf, const rc_fact *f)
{
    if (!f->src.file) return false; /* a fact with no source is no row of any table */
    for (size_t i = 0; i < rf->nmovements; i++) {
        const rc_movement *m = &rf->movements[i];
        if (m->role != RC_ROLE_EXERCISED) continue;
        for (const rc_fact *c = m->count; c; c = c->dup)
            if (same_text(c->src.file, f->src.file) && c->src.line == f->src.line &&
                c->src.col == f->src.col && same_text(c->src.id, f->src.id))
                return true;
    }
    return false;
}

static void eval_count_scale(const rc_node *n, const rc_rollforward *rf, rc_val *out);

static void eval_ref(const rc_node *n, const rc_env *env, rc_val *out)
{
    const rc_ref *r = &n->ref;
    assert(!r->parts || env->part);
    const rc_rollforward *rf = r->parts ? env->part : back(env->rf, r->previous);
    if (!rf) {
        set_unknown(out, RC_V_ABSENT, "no previous period");
        return;
    }
    const rc_fact *f = NULL;
    switch (r->kind) {
    case RC_REF_BALANCE:
        f = balance_field(&rf->lines[r->line], r->field);
        break;
    case RC_REF_SHARE_PRICE:
        f = rf->share_price;
        break;
    case RC_REF_CONTRACTUAL_TERM:
        f = rf->contractual_term;
        break;
    case RC_REF_COUNT_SCALE:
        eval_count_scale(n, rf, out);
        return;
    case RC_REF_ISSUED_ON_EXERCISE:
        /* shares issued count as a movement does: a stored sign is the filer's */
        if (!rf->issued_on_exercise)
            set_unknown(out, RC_V_ABSENT, n->reason);
        else if (exercised_row(rf, rf->issued_on_exercise))
            set_unknown(out, RC_V_ABSENT, "issued_on_exercise is the exercised row itself");
        else
            from_fact(out, env, rf->issued_on_exercise, rf, true);
        return;
    case RC_REF_EXERCISE_PROCEEDS:
        f = rf->exercise_proceeds;
        break;
    case RC_REF_ROLE:
        eval_role(n, env, rf, r->role, out);
        return;
    case RC_REF_SAME_ROLE:
        assert(env->movement);
        eval_role(n, env, rf, env->movement->role, out);
        return;
    case RC_REF_STATEMENT:
        eval_statement(n, env, rf, out);
        return;
    case RC_REF_LIST:
        if (r->list == RC_LIST_RANGES) {
            assert(env->elem_range && "a name of the ranges outside sum() passed the parser");
            if (!env->elem_range) {
                set_unknown(out, RC_V_NA, "internal error: a list outside sum()");
                return;
            }
            f = range_field(env->elem_range, r->field);
            rf = env->elem_rf;
            break;
        }
        assert(env->elem && "a list name outside sum() passed the parser");
        if (!env->elem) {
            set_unknown(out, RC_V_NA, "internal error: a list outside sum()");
            return;
        }
        movement_field(n, env, env->elem, env->elem_rf, out);
        return;
    case RC_REF_EACH_RANGE:
        assert(env->range);
        f = range_field(env->range, r->field);
        break;
    case RC_REF_MOVEMENT:
        assert(env->movement);
        if (r->field == RC_FIELD_SIGNED) {
            set_bool(out, rc_role_direction(env->movement->role) == 0);
            return;
        }
        movement_field(n, env, env->movement, rf, out);
        return;
    case RC_REF_EACH_BALANCE:
        assert(env->line >= 0 && env->line < RC_LINE__COUNT);
        if (r->field == RC_FIELD_AT_END) {
            set_bool(out, env->line != RC_LINE_OPENING);
            return;
        }
        f = balance_field(&rf->lines[env->line], r->field);
        if (!f) {
            set_unknown(out, RC_V_ABSENT, n->line_reason[env->line]);
            return;
        }
        break;
    case RC_REF_DUPLICATE:
        assert(env->first && env->second);
        if (r->field == RC_FIELD_SAME_FILING) {
            const char *a = env->first->filing, *b = env->second->filing;
            set_bool(out, a == b || (a && b && strcmp(a, b) == 0));
            return;
        }
        from_fact(out, env, r->field == RC_FIELD_FIRST ? env->first : env->second, rf,
                  env->dup_magnitudes);
        return;
    }
    if (!f)
        set_unknown(out, RC_V_ABSENT, n->reason);
    else
        from_fact(out, env, f, rf, false);
}

/* Two currencies meeting make a check not applicable; else the result has
 * the one that is known. */
static bool merge_currency(const rc_env *env, const char *a, const char *b, rc_val *out)
{
    if (a && b && strcmp(a, b) != 0) {
        set_unknown(out, RC_V_NA, reason2(env, "units differ: %s vs %s", a, b));
        return false;
    }
    out->currency = a ? a : b;
    return true;
}

static bool compare(rc_rel rel, const rc_interval *a, const rc_interval *b)
{
    switch (rel) {
    case RC_REL_EQ:
        return rc_interval_eq(a, b);
    case RC_REL_NE:
        return !rc_interval_eq(a, b);
    case RC_REL_LT:
        return rc_interval_lt(a, b);
    case RC_REL_LE:
        return rc_interval_le(a, b);
    case RC_REL_GT:
        return rc_interval_lt(b, a);
    case RC_REL_GE:
        return rc_interval_le(b, a);
    }
    return false;
}

static void eval_binary(const rc_node *n, const rc_env *env, rc_val *out)
{
    rc_val a, b;
    rc_rules__val_init(&a);
    rc_rules__val_init(&b);
    rc_rules__eval(n->a, env, &a);
    rc_rules__eval(n->b, env, &b);
    if (n->op == RC_OP_MUL && (is_exact_zero(&a) || is_exact_zero(&b))) {
        /* zero times anything, absent or not, is zero: a movement of 0
         * options needs no price */
        bool widened = is_exact_zero(&a) ? a.widened : b.widened;
        set_zero(out);
        out->widened = widened;
        goto done;
    }
    if (!has_value(&a)) {
        copy_unknown(out, &a);
        goto done;
    }
    if (!has_value(&b)) {
        copy_unknown(out, &b);
        goto done;
    }
    reset(out, RC_V_NUMBER);
    if (!merge_currency(env, a.currency, b.currency, out)) goto done;
    switch (n->op) {
    case RC_OP_ADD:
        rc_interval_add(&out->iv, &a.iv, &b.iv);
        break;
    case RC_OP_SUB:
        rc_interval_sub(&out->iv, &a.iv, &b.iv);
        break;
    case RC_OP_MUL:
        rc_interval_mul(&out->iv, &a.iv, &b.iv);
        break;
    case RC_OP_DIV:
        if (rc_interval_div(&out->iv, &a.iv, &b.iv) != RC_OK) {
            set_unknown(out, RC_V_NA, n->reason);
            goto done;
        }
        break;
    case RC_OP_CMP:
        set_bool(out, compare(n->rel, &a.iv, &b.iv));
        break;
    default:
        assert(0 && "not a binary operator");
        break;
    }
    out->widened = a.widened || b.widened;
done:
    rc_rules__val_clear(&a);
    rc_rules__val_clear(&b);
}

/* Kleene: false dominates and, true dominates or, otherwise unknown. */
static void eval_logic(const rc_node *n, const rc_env *env, rc_val *out)
{
    rc_val a, b;
    rc_rules__val_init(&a);
    rc_rules__val_init(&b);
    rc_rules__eval(n->a, env, &a);
    rc_rules__eval(n->b, env, &b);
    bool dominant = n->op == RC_OP_OR; /* the value that decides alone */
    if ((a.tag == RC_V_BOOL && a.truth == dominant) || (b.tag == RC_V_BOOL && b.truth == dominant))
        set_bool(out, dominant);
    else if (a.tag != RC_V_BOOL)
        copy_unknown(out, &a);
    else if (b.tag != RC_V_BOOL)
        copy_unknown(out, &b);
    else
        set_bool(out, !dominant);
    rc_rules__val_clear(&a);
    rc_rules__val_clear(&b);
}

static void eval_minmax(const rc_node *n, const rc_env *env, rc_val *out)
{
    rc_val v;
    rc_rules__val_init(&v);
    rc_rules__eval(n->args[0], env, out);
    for (size_t k = 1; k < n->nargs && has_value(out); k++) {
        rc_rules__eval(n->args[k], env, &v);
        if (!has_value(&v)) {
            copy_unknown(out, &v);
            break;
        }
        bool widened = out->widened || v.widened;
        if (!merge_currency(env, out->currency, v.currency, out)) break;
        if (n->op == RC_OP_MIN)
            rc_interval_min(&out->iv, &out->iv, &v.iv);
        else
            rc_interval_max(&out->iv, &out->iv, &v.iv);
        out->fact = NULL;
        out->magnitude = false;
        out->widened = widened;
    }
    if (n->nargs > 1 && out->tag == RC_V_NUMBER) out->fact = NULL;
    rc_rules__val_clear(&v);
}

static bool in_list(rc_list list, const rc_movement *m)
{
    switch (list) {
    case RC_LIST_ADDITIONS:
        return m->direction > 0;
    case RC_LIST_DEDUCTIONS:
        return m->direction < 0;
    default:
        return true;
    }
}

/* sum(parts.NAME): NAME on each part of the breakdown being checked. */
static void eval_sum_parts(const rc_node *n, const rc_env *env, rc_val *out)
{
    if (env->nparts == 0) {
        set_unknown(out, RC_V_ABSENT, "no parts reported");
        return;
    }
    for (size_t i = 0; i < env->nparts; i++) {
        const rc_rollforward *part = env->parts[i];
        if (part->flags & RC_RF_AMBIGUOUS) {
            /* the column of some value of a part is not known for sure */
            set_unknown(out, RC_V_NA,
                        part->why_ambiguous ? part->why_ambiguous
                                            : "the table's layout is ambiguous");
            return;
        }
    }
    set_zero(out);
    rc_val v;
    rc_rules__val_init(&v);
    rc_env inner = *env;
    for (size_t i = 0; i < env->nparts; i++) {
        inner.part = env->parts[i];
        rc_rules__eval(n->a, &inner, &v);
        if (!has_value(&v)) {
            copy_unknown(out, &v);
            break;
        }
        bool widened = out->widened || v.widened;
        if (!merge_currency(env, out->currency, v.currency, out)) break;
        rc_interval_add(&out->iv, &out->iv, &v.iv);
        out->widened = widened;
    }
    rc_rules__val_clear(&v);
}

/* sum(ranges.NAME): NAME on each row of the roll-forward's exercise-price-range table. */
static void eval_sum_ranges(const rc_node *n, const rc_env *env, const rc_rollforward *rf,
                            rc_val *out)
{
    if (rf->nranges == 0) {
        set_unknown(out, RC_V_ABSENT, "no exercise-price ranges reported");
        return;
    }
    set_zero(out);
    rc_val v;
    rc_rules__val_init(&v);
    rc_env inner = *env;
    inner.elem_rf = rf;
    for (size_t i = 0; i < rf->nranges; i++) {
        inner.elem_range = &rf->ranges[i];
        rc_rules__eval(n->a, &inner, &v);
        if (!has_value(&v)) {
            copy_unknown(out, &v);
            break;
        }
        bool widened = out->widened || v.widened;
        if (!merge_currency(env, out->currency, v.currency, out)) break;
        rc_interval_add(&out->iv, &out->iv, &v.iv);
        out->widened = widened;
    }
    rc_rules__val_clear(&v);
}

static void eval_sum(const rc_node *n, const rc_env *env, rc_val *out)
{
    if (n->list == RC_LIST_PARTS) {
        eval_sum_parts(n, env, out);
        return;
    }
    const rc_rollforward *rf = back(env->rf, n->list_previous);
    if (!rf) {
        set_unknown(out, RC_V_ABSENT, "no previous period");
        return;
    }
    if (n->list == RC_LIST_RANGES) {
        eval_sum_ranges(n, env, rf, out);
        return;
    }
    if (!rc_rollforward_has_movements(rf)) {
        set_unknown(out, RC_V_ABSENT, "no movements reported");
        return;
    }
    for (size_t i = 0; i < rf->nmovements; i++) {
        if (rf->movements[i].direction == 0) {
            no_direction(env, &rf->movements[i], out);
            return;
        }
    }
    set_zero(out);
    rc_val v;
    rc_rules__val_init(&v);
    rc_env inner = *env;
    inner.elem_rf = rf;
    for (size_t i = 0; i < rf->nmovements; i++) {
        const rc_movement *m = &rf->movements[i];
        if (!in_list(n->list, m)) continue;
        inner.elem = m;
        rc_rules__eval(n->a, &inner, &v);
        if (!has_value(&v)) {
            copy_unknown(out, &v);
            break;
        }
        bool widened = out->widened || v.widened;
        if (!merge_currency(env, out->currency, v.currency, out)) break;
        rc_interval_add(&out->iv, &out->iv, &v.iv);
        out->widened = widened;
    }
    rc_rules__val_clear(&v);
}

/* coalesce(a, b, ...): the first argument that is reported.  An absent one is passed
 * over; one that is not applicable (units differ, a divisor holds zero) decides: its
 * problem is no reason to take another value. */
static void eval_coalesce(const rc_node *n, const rc_env *env, rc_val *out)
{
    const char *first_reason = NULL;
    for (size_t k = 0; k < n->nargs; k++) {
        rc_rules__eval(n->args[k], env, out);
        if (out->tag != RC_V_ABSENT) return;
        if (!first_reason) first_reason = out->reason;
    }
    set_unknown(out, RC_V_ABSENT, first_reason);
}

/* ---- scales and splits ---------------------------------------------------------- */

#define MAX_SCALE_EXP 18 /* 10^18 shares: far beyond any table's "in ..." */

/* The power of ten of the last place a count is given to: the coarser of what its
 * document shows and what its decimals declare (3 for "1,442" in thousands, 0 for a
 * count to the unit, never below 0: shares are whole); -1 when neither is known. */
static int count_exponent(const rc_fact *f)
{
    int places = f->value.shown < f->value.decimals ? f->value.shown : f->value.decimals;
    if (places == RC_DECIMALS_INF) return -1;
    return places >= 0 ? 0 : -places;
}

static void tally_count(size_t *tally, const rc_fact *f)
{
    if (!f || mpq_sgn(f->value.q) == 0) return; /* a zero has no size to show */
    int e = count_exponent(f);
    if (e >= 0 && e <= MAX_SCALE_EXP) tally[e]++;
}

/* count_scale: the unit most of rf's non-zero counts (balances and movements, first
 * reports) are given to; a tie goes to the finer, so that no count is taken as out of
 * scale where none prevails. */
static void eval_count_scale(const rc_node *n, const rc_rollforward *rf, rc_val *out)
{
    size_t tally[MAX_SCALE_EXP + 1] = {0};
    for (int l = 0; l < RC_LINE__COUNT; l++)
        tally_count(tally, rf->lines[l].count);
    for (size_t i = 0; i < rf->nmovements; i++)
        tally_count(tally, rf->movements[i].count);
    int best = -1;
    for (int e = 0; e <= MAX_SCALE_EXP; e++)
        if (tally[e] > 0 && (best < 0 || tally[e] > tally[best])) best = e;
    if (best < 0) {
        set_unknown(out, RC_V_ABSENT, n->reason);
        return;
    }
    reset(out, RC_V_NUMBER);
    mpz_ui_pow_ui(mpq_numref(out->iv.lo), 10, (unsigned long)best);
    mpz_set_ui(mpq_denref(out->iv.lo), 1);
    mpq_set(out->iv.hi, out->iv.lo);
}

/* q = the multiple of unit (> 0) nearest q, halves away from zero. */
static void round_to(mpq_t q, const mpq_t unit)
{
    mpq_t t, half;
    mpz_t z;
    mpq_init(t);
    mpq_init(half);
    mpz_init(z);
    mpq_div(t, q, unit);
    int sign = mpq_sgn(t);
    mpq_abs(t, t);
    mpq_set_ui(half, 1, 2);
    mpq_add(t, t, half);
    mpz_fdiv_q(z, mpq_numref(t), mpq_denref(t));
    if (sign < 0) mpz_neg(z, z);
    mpq_set_z(q, z);
    mpq_mul(q, q, unit);
    mpq_clear(t);
    mpq_clear(half);
    mpz_clear(z);
}

/* round(x, unit): each end of x to the nearest multiple of unit, an exact positive
 * number (else not applicable). */
static void eval_round(const rc_node *n, const rc_env *env, rc_val *out)
{
    rc_val unit;
    rc_rules__val_init(&unit);
    rc_rules__eval(n->a, env, out);
    if (!has_value(out)) goto done;
    rc_rules__eval(n->b, env, &unit);
    if (!has_value(&unit)) {
        copy_unknown(out, &unit);
        goto done;
    }
    if (!rc_interval_is_point(&unit.iv) || mpq_sgn(unit.iv.lo) <= 0) {
        set_unknown(out, RC_V_NA, n->reason);
        goto done;
    }
    bool widened = out->widened || unit.widened;
    if (!merge_currency(env, out->currency, unit.currency, out)) goto done;
    round_to(out->iv.lo, unit.iv.lo);
    round_to(out->iv.hi, unit.iv.lo);
    out->fact = NULL; /* no longer the reported number */
    out->magnitude = false;
    out->widened = widened;
done:
    rc_rules__val_clear(&unit);
}

/* split_ratio(a, b): a / b as the exact ratio of a stock split or reverse split (2, 7,
 * 3/2, 1/10 ...) when a is that multiple of b within rounding; absent when it is none
 * (equal sides are none). */
static void eval_split_ratio(const rc_node *n, const rc_env *env, rc_val *out)
{
    rc_val a, b;
    rc_rules__val_init(&a);
    rc_rules__val_init(&b);
    mpq_t none;
    mpq_init(none);
    rc_rules__eval(n->a, env, &a);
    rc_rules__eval(n->b, env, &b);
    rc_ratio ratio;
    if (!has_value(&a)) {
        copy_unknown(out, &a);
    } else if (!has_value(&b)) {
        copy_unknown(out, &b);
    } else if (!merge_currency(env, a.currency, b.currency, out)) {
        /* out says why: two currencies */
    } else if (!rc_rules__ratio_find(&ratio, &a.iv, &b.iv, none, none, RC_RATIO_SPLIT)) {
        set_unknown(out, RC_V_ABSENT, n->reason);
    } else {
        reset(out, RC_V_NUMBER);
        mpq_set_ui(out->iv.lo, ratio.num, ratio.den);
        mpq_canonicalize(out->iv.lo);
        mpq_set(out->iv.hi, out->iv.lo);
        out->widened = a.widened || b.widened;
    }
    mpq_clear(none);
    rc_rules__val_clear(&a);
    rc_rules__val_clear(&b);
}

void rc_rules__eval(const rc_node *n, const rc_env *env, rc_val *out)
{
    switch (n->op) {
    case RC_OP_NUM:
        reset(out, RC_V_NUMBER);
        rc_interval_set(&out->iv, n->lit);
        return;
    case RC_OP_REF:
        eval_ref(n, env, out);
        return;
    case RC_OP_NEG:
    case RC_OP_ABS:
        rc_rules__eval(n->a, env, out);
        if (out->tag == RC_V_NUMBER) {
            if (n->op == RC_OP_NEG)
                rc_interval_neg(&out->iv, &out->iv);
            else
                rc_interval_abs(&out->iv, &out->iv);
            out->fact = NULL;
            out->magnitude = false;
        }
        return;
    case RC_OP_ADD:
    case RC_OP_SUB:
    case RC_OP_MUL:
    case RC_OP_DIV:
    case RC_OP_CMP:
        eval_binary(n, env, out);
        return;
    case RC_OP_AND:
    case RC_OP_OR:
        eval_logic(n, env, out);
        return;
    case RC_OP_NOT:
        rc_rules__eval(n->a, env, out);
        if (out->tag == RC_V_BOOL) out->truth = !out->truth;
        return;
    case RC_OP_SUM:
        eval_sum(n, env, out);
        return;
    case RC_OP_MIN:
    case RC_OP_MAX:
        eval_minmax(n, env, out);
        return;
    case RC_OP_PRESENT: {
        rc_rules__eval(n->a, env, out);
        set_bool(out, has_value(out));
        return;
    }
    case RC_OP_COALESCE:
        eval_coalesce(n, env, out);
        return;
    case RC_OP_ROUND:
        eval_round(n, env, out);
        return;
    case RC_OP_SPLIT_RATIO:
        eval_split_ratio(n, env, out);
        return;
    }
}
