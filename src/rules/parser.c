/*
 * The parser of rule expressions: hand-written recursive descent (each
 * function carries its production, as in Lua's lparser.c) that builds a
 * typed tree in a pool.  Names are resolved here, once, into slots of the
 * model, so that evaluation never compares strings; types (boolean or
 * number) and dimensions (shares, money, years) are checked here, so that a
 * rule adding a count to a price is refused when it is loaded, not when it
 * happens to run.
 */
#include <assert.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "common/jsondoc.h"
#include "rules/expr.h"

/* ---- pool --------------------------------------------------------------------- */

int rc_rules__pool_init(rc_pool *pool)
{
    memset(pool, 0, sizeof *pool);
    pool->arena = rc_arena_new();
    return pool->arena ? RC_OK : RC_ENOMEM;
}

void rc_rules__pool_clear(rc_pool *pool)
{
    for (size_t i = 0; i < pool->nivs; i++)
        rc_interval_clear(pool->ivs[i]);
    free(pool->ivs);
    rc_arena_free(pool->arena);
    memset(pool, 0, sizeof *pool);
}

rc_interval *rc_rules__pool_interval(rc_pool *pool)
{
    if (pool->nivs == pool->cap) {
        size_t cap = pool->cap ? 2 * pool->cap : 32;
        rc_interval **ivs = realloc(pool->ivs, cap * sizeof *ivs);
        if (!ivs) return NULL;
        pool->ivs = ivs;
        pool->cap = cap;
    }
    rc_interval *iv = rc_arena_alloc(pool->arena, sizeof *iv);
    if (!iv) return NULL;
    rc_interval_init(iv);
    pool->ivs[pool->nivs++] = iv;
    return iv;
}

/* ---- relations, dimensions, names ---------------------------------------------- */

const char *rc_rules__rel_text(rc_rel rel)
{
    static const char *const text[] = {"==", "!=", "<", "<=", ">", ">="};
    return text[rel];
}

rc_rel rc_rules__rel_negate(rc_rel rel)
{
    static const rc_rel neg[] = {RC_REL_NE, RC_REL_EQ, RC_REL_GE, RC_REL_GT, RC_REL_LE, RC_REL_LT};
    return neg[rel];
}

rc_rel rc_rules__rel_mirror(rc_rel rel)
{
    static const rc_rel mir[] = {RC_REL_EQ, RC_REL_NE, RC_REL_GT, RC_REL_GE, RC_REL_LT, RC_REL_LE};
    return mir[rel];
}

static const rc_dim DIM_NONE = {{0, 0, 0, 0}};
static const rc_dim DIM_SHARES = {{1, 0, 0, 0}};
static const rc_dim DIM_PRICE = {{-1, 1, 0, 0}};
static const rc_dim DIM_MONEY = {{0, 1, 0, 0}};
static const rc_dim DIM_YEARS = {{0, 0, 1, 0}};
static const rc_dim DIM_DUP = {{0, 0, 0, 1}};

static bool dim_eq(const rc_dim *a, const rc_dim *b)
{
    return memcmp(a->e, b->e, sizeof a->e) == 0;
}

const char *rc_rules__dim_name(const rc_dim *dim, char *buf, size_t size)
{
    static const struct {
        const rc_dim *dim;
        const char *name;
    } named[] = {{&DIM_SHARES, "shares"},
                 {&DIM_PRICE, "money per share"},
                 {&DIM_MONEY, "money"},
                 {&DIM_YEARS, "years"},
                 {&DIM_DUP, "the duplicated quantity"},
                 {&DIM_NONE, "a plain number"}};
    for (size_t i = 0; i < sizeof named / sizeof *named; i++)
        if (dim_eq(dim, named[i].dim)) return named[i].name;
    static const char *const base[RC_DIMS] = {"shares", "money", "years", "duplicated quantity"};
    size_t used = 0;
    buf[0] = '\0';
    for (int k = 0; k < RC_DIMS; k++) {
        if (dim->e[k] == 0) continue;
        int w = snprintf(buf + used, size - used, "%s%s^%d", used ? " x " : "", base[k], dim->e[k]);
        if (w < 0 || (size_t)w >= size - used) break;
        used += (size_t)w;
    }
    return buf;
}

const char *rc_rules__field_name(rc_field field)
{
    switch (field) {
    case RC_FIELD_COUNT:
        return "count";
    case RC_FIELD_PRICE:
        return "price";
    case RC_FIELD_FAIR_VALUE:
        return "fair_value";
    case RC_FIELD_AIV:
        return "aiv";
    case RC_FIELD_TERM:
        return "term";
    case RC_FIELD_SIGNED_COUNT:
        return "signed_count";
    case RC_FIELD_RAW:
        return "raw";
    case RC_FIELD_SIGNED:
        return "signed";
    case RC_FIELD_AT_END:
        return "at_end";
    case RC_FIELD_FIRST:
        return "first";
    case RC_FIELD_SECOND:
        return "second";
    case RC_FIELD_SAME_FILING:
        return "same_filing";
    case RC_FIELD_VALUE:
        return "value";
    case RC_FIELD_TABLE:
        return "table";
    case RC_FIELD_LOW:
        return "low";
    case RC_FIELD_HIGH:
        return "high";
    case RC_FIELD_EXERCISABLE_COUNT:
        return "exercisable_count";
    case RC_FIELD_EXERCISABLE_PRICE:
        return "exercisable_price";
    case RC_FIELD_EXERCISABLE_TERM:
        return "exercisable_term";
    }
    return "?";
}

/* ---- errors --------------------------------------------------------------------- */

static unsigned hex4(const char *s)
{
    unsigned v = 0;
    for (int k = 0; k < 4; k++) {
        char c = s[k];
        v <<= 4;
        if (c >= '0' && c <= '9')
            v |= (unsigned)(c - '0');
        else if (c >= 'a' && c <= 'f')
            v |= (unsigned)(c - 'a' + 10);
        else if (c >= 'A' && c <= 'F')
            v |= (unsigned)(c - 'A' + 10);
    }
    return v;
}

/* The offset in the JSON text of byte `off` of the decoded string that starts
 * after buf[quote]: walk the escapes as cJSON decodes them. */
static size_t raw_offset(const char *buf, size_t len, size_t quote, size_t off)
{
    size_t i = quote + 1, d = 0;
    while (i < len && buf[i] != '"' && d < off) {
        if (buf[i] == '\\' && i + 1 < len) {
            if (buf[i + 1] == 'u' && i + 6 <= len) {
                unsigned cp = hex4(buf + i + 2);
                if (cp >= 0xd800 && cp < 0xdc00 && i + 12 <= len && buf[i + 6] == '\\' &&
                    buf[i + 7] == 'u') {
                    d += 4;
                    i += 12;
                } else {
                    d += cp < 0x80 ? 1 : (cp < 0x800 ? 2 : 3);
                    i += 6;
                }
            } else {
                d++;
                i += 2;
            }
        } else {
            d++;
            i++;
        }
    }
    return i < len ? i : len;
}

int rc_rules__fail_at(const rc_exprsrc *src, size_t off, rc_ctx *ctx, int code, const char *fmt,
                      ...)
{
    const char *buf = src->buf ? src->buf : src->str;
    size_t len = src->buf ? src->len : src->strlen;
    size_t raw = src->buf ? raw_offset(src->buf, src->len, src->quote, off) : off;
    unsigned line, col;
    rc_line_col(buf, len, raw, &line, &col);
    va_list ap;
    va_start(ap, fmt);
    rc_ctx_vfail_at(ctx, code, src->file, line, col, fmt, ap);
    va_end(ap);
    rc_caret_detail(ctx, buf, len, raw);
    return code;
}

/* ---- the parser ------------------------------------------------------------------ */

typedef struct parser {
    rc_pool *pool;
    const rc_exprsrc *src;
    const char *s; /* src->str */
    size_t end;    /* where the text to parse ends in s */
    rc_rule_each each;
    rc_ctx *ctx;
    size_t pos;
    rc_token tok;  /* the current token */
    rc_token prev; /* the one before, for "... after '+'" */
    int depth;
    int err;
    /* inside sum(): the list it runs over */
    bool in_sum;
    bool have_list;
    rc_list list;
    int list_previous;
} parser;

static rc_node *fail(parser *p, size_t off, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));

static rc_node *fail(parser *p, size_t off, const char *fmt, ...)
{
    if (p->err) return NULL;
    char msg[512];
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(msg, sizeof msg, fmt, ap);
    va_end(ap);
    p->err = rc_rules__fail_at(p->src, off, p->ctx, RC_ESYNTAX, "%s", msg);
    return NULL;
}

static rc_node *nomem(parser *p)
{
    if (!p->err) p->err = rc_ctx_fail_at(p->ctx, RC_ENOMEM, p->src->file, 0, 0, "out of memory");
    return NULL;
}

static void next(parser *p)
{
    p->prev = p->tok;
    rc_rules__lex(p->s, p->end, &p->pos, &p->tok);
    if (p->tok.kind == RC_TOK_ERROR) {
        const rc_token *t = &p->tok;
        if (t->hint)
            fail(p, t->off, "%s '%.*s' (%s)", t->error, (int)t->len, p->s + t->off, t->hint);
        else
            fail(p, t->off, "%s '%.*s'", t->error, (int)t->len, p->s + t->off);
    }
}

static rc_node *new_node(parser *p, rc_op op, size_t off, size_t len)
{
    rc_node *n = rc_arena_alloc(p->pool->arena, sizeof *n);
    if (!n) return nomem(p);
    n->op = op;
    n->off = off;
    n->len = len;
    n->height = 1;
    n->text = rc_arena_strndup(p->pool->arena, p->s + off, len);
    if (!n->text) return nomem(p);
    return n;
}

/* Set n's span to [off, end) and its text; check the tree's height. */
static rc_node *span(parser *p, rc_node *n, size_t off, size_t end)
{
    n->off = off;
    n->len = end - off;
    n->text = rc_arena_strndup(p->pool->arena, p->s + off, n->len);
    if (!n->text) return nomem(p);
    int h = 0;
    if (n->a && n->a->height > h) h = n->a->height;
    if (n->b && n->b->height > h) h = n->b->height;
    for (size_t k = 0; k < n->nargs; k++)
        if (n->args[k]->height > h) h = n->args[k]->height;
    n->height = h + 1;
    if (n->height > RC_EXPR_MAX_DEPTH)
        return fail(p, off, "expression nested too deeply (more than %d levels) '%.*s'",
                    RC_EXPR_MAX_DEPTH, (int)(n->len > 40 ? 40 : n->len), n->text);
    return n;
}

static const char *dim_text(const rc_node *n, char *buf, size_t size)
{
    return rc_rules__dim_name(&n->dim, buf, size);
}

/* The dimension of a + b (or a comparison): literals adopt the other side's. */
static bool unify(parser *p, rc_node *n, const rc_node *a, const rc_node *b, const rc_token *op)
{
    if (a->free_dim) {
        n->dim = b->dim;
        n->free_dim = b->free_dim;
    } else if (b->free_dim || dim_eq(&a->dim, &b->dim)) {
        n->dim = a->dim;
        n->free_dim = false;
    } else {
        char b1[96], b2[96];
        size_t end = b->off + b->len;
        fail(p, op->off, "units do not match (%s vs %s) '%.*s'", dim_text(a, b1, sizeof b1),
             dim_text(b, b2, sizeof b2), (int)(end - a->off), p->s + a->off);
        return false;
    }
    return true;
}

static bool need_number(parser *p, const rc_node *operand, const char *what)
{
    if (!operand->boolean) return true;
    fail(p, operand->off, "%s needs a number, not a boolean '%s'", what, operand->text);
    return false;
}

static bool need_boolean(parser *p, const rc_node *operand, const char *what)
{
    if (operand->boolean) return true;
    fail(p, operand->off, "%s needs a boolean, not a number '%s'", what, operand->text);
    return false;
}

static rc_node *binary(parser *p, rc_op op, const rc_token *optok, rc_node *a, rc_node *b)
{
    if (!a || !b) return NULL;
    rc_node *n = new_node(p, op, a->off, 0);
    if (!n) return NULL;
    n->a = a;
    n->b = b;
    char what[24];
    snprintf(what, sizeof what, "'%.*s'", (int)optok->len, p->s + optok->off);
    switch (op) {
    case RC_OP_AND:
    case RC_OP_OR:
        if (!need_boolean(p, a, what) || !need_boolean(p, b, what)) return NULL;
        n->boolean = true;
        break;
    case RC_OP_CMP:
        if (!need_number(p, a, what) || !need_number(p, b, what) || !unify(p, n, a, b, optok))
            return NULL;
        n->boolean = true;
        break;
    case RC_OP_ADD:
    case RC_OP_SUB:
        if (!need_number(p, a, what) || !need_number(p, b, what) || !unify(p, n, a, b, optok))
            return NULL;
        break;
    case RC_OP_MUL:
    case RC_OP_DIV:
        if (!need_number(p, a, what) || !need_number(p, b, what)) return NULL;
        for (int k = 0; k < RC_DIMS; k++) {
            int e = a->dim.e[k] + (op == RC_OP_MUL ? b->dim.e[k] : -b->dim.e[k]);
            if (e > 8 || e < -8) {
                size_t end = b->off + b->len;
                return fail(p, optok->off, "units too complex '%.*s'", (int)(end - a->off),
                            p->s + a->off);
            }
            n->dim.e[k] = (signed char)e;
        }
        n->free_dim = a->free_dim && b->free_dim;
        break;
    default:
        assert(0 && "binary() called with a unary operator");
        return NULL;
    }
    if (!span(p, n, a->off, b->off + b->len)) return NULL;
    if (op == RC_OP_DIV) {
        n->reason = rc_arena_printf(p->pool->arena, "division by zero: %s may be zero", b->text);
        if (!n->reason) return nomem(p);
    }
    return n;
}

static rc_node *parse_expr(parser *p);

/* ---- names ---- */

static const char *const balance_fields = "count, price, fair_value, aiv, term";
static const char *const role_fields = "count, price, fair_value";
static const char *const list_fields = "count, signed_count, price, fair_value";
static const char *const movement_fields = "count, raw, signed_count, price, fair_value, signed";
static const char *const each_balance_fields = "count, price, fair_value, aiv, term, at_end";
static const char *const duplicate_fields = "first, second, same_filing";
static const char *const statement_fields = "value, table";
static const char *const range_fields = "count, price, term, aiv, low, high, exercisable_count, "
                                        "exercisable_price, exercisable_term";

static bool word_eq(const char *w, size_t n, const char *s)
{
    return strlen(s) == n && memcmp(w, s, n) == 0;
}

/* Look up field w[0..n) among the names in list ("count, price"). */
static bool field_in(const char *w, size_t n, const char *list)
{
    const char *s = list;
    while (*s) {
        const char *e = strchr(s, ',');
        size_t k = e ? (size_t)(e - s) : strlen(s);
        if (k == n && memcmp(s, w, n) == 0) return true;
        if (!e) break;
        s = e + 1;
        while (*s == ' ')
            s++;
    }
    return false;
}

static rc_field field_of(const char *w, size_t n)
{
    static const rc_field all[] = {RC_FIELD_COUNT,
                                   RC_FIELD_PRICE,
                                   RC_FIELD_FAIR_VALUE,
                                   RC_FIELD_AIV,
                                   RC_FIELD_TERM,
                                   RC_FIELD_SIGNED_COUNT,
                                   RC_FIELD_RAW,
                                   RC_FIELD_SIGNED,
                                   RC_FIELD_AT_END,
                                   RC_FIELD_FIRST,
                                   RC_FIELD_SECOND,
                                   RC_FIELD_SAME_FILING,
                                   RC_FIELD_TABLE,
                                   RC_FIELD_LOW,
                                   RC_FIELD_HIGH,
                                   RC_FIELD_EXERCISABLE_COUNT,
                                   RC_FIELD_EXERCISABLE_PRICE,
                                   RC_FIELD_EXERCISABLE_TERM};
    for (size_t i = 0; i < sizeof all / sizeof *all; i++)
        if (word_eq(w, n, rc_rules__field_name(all[i]))) return all[i];
    return RC_FIELD_VALUE;
}

static rc_dim field_dim(rc_field f)
{
    switch (f) {
    case RC_FIELD_COUNT:
    case RC_FIELD_SIGNED_COUNT:
    case RC_FIELD_RAW:
    case RC_FIELD_EXERCISABLE_COUNT:
        return DIM_SHARES;
    case RC_FIELD_PRICE:
    case RC_FIELD_FAIR_VALUE:
    case RC_FIELD_LOW:
    case RC_FIELD_HIGH:
    case RC_FIELD_EXERCISABLE_PRICE:
        return DIM_PRICE;
    case RC_FIELD_AIV:
        return DIM_MONEY;
    case RC_FIELD_TERM:
    case RC_FIELD_EXERCISABLE_TERM:
        return DIM_YEARS;
    case RC_FIELD_FIRST:
    case RC_FIELD_SECOND:
        return DIM_DUP;
    default:
        return DIM_NONE;
    }
}

/* Resolve the name s[off..off+len) into a reference node. */
static rc_node *resolve(parser *p, size_t off, size_t len)
{
    const char *name = p->s + off;
    int nlen = (int)len;
    /* split into words */
    const char *w[8];
    size_t wl[8];
    size_t nw = 0;
    for (size_t i = 0; i < len;) {
        size_t j = i;
        while (j < len && name[j] != '.')
            j++;
        if (nw == 8) return fail(p, off, "unknown name '%.*s'", nlen, name);
        w[nw] = name + i;
        wl[nw++] = j - i;
        i = j + 1;
    }
    size_t k = 0;
    int previous = 0;
    while (k < nw && word_eq(w[k], wl[k], "previous")) {
        previous++;
        k++;
    }
    if (k == nw) return fail(p, off, "incomplete name '%.*s'", nlen, name);
    bool parts = false;
    if (word_eq(w[k], wl[k], "parts")) {
        if (previous)
            return fail(p, off, "the parts of a previous period cannot be named '%.*s'", nlen,
                        name);
        parts = true;
        if (++k == nw)
            return fail(p, off,
                        "incomplete name '%.*s' (parts.NAME is NAME in each part, inside sum())",
                        nlen, name);
        if (word_eq(w[k], wl[k], "previous"))
            return fail(p, off, "previous. cannot follow parts. '%.*s'", nlen, name);
    }

    rc_ref ref;
    memset(&ref, 0, sizeof ref);
    ref.previous = previous;
    ref.parts = parts;
    const char *fields = NULL; /* the fields allowed after w[k] */
    rc_role role;
    const char *head = w[k];
    size_t hl = wl[k];
    bool each_name = false;
    rc_rule_each need = RC_EACH_ROLLFORWARD;

    if (word_eq(head, hl, "share_price") || word_eq(head, hl, "contractual_term")) {
        if (nw - k != 1) return fail(p, off, "unknown name '%.*s'", nlen, name);
        ref.kind = word_eq(head, hl, "share_price") ? RC_REF_SHARE_PRICE : RC_REF_CONTRACTUAL_TERM;
        ref.field = RC_FIELD_VALUE;
    } else if (word_eq(head, hl, "count_scale")) {
        /* the unit the roll-forward's counts are shown to: 1,000 shares for thousands */
        if (nw - k != 1) return fail(p, off, "unknown name '%.*s'", nlen, name);
        ref.kind = RC_REF_COUNT_SCALE;
        ref.field = RC_FIELD_VALUE;
    } else if (word_eq(head, hl, "issued_on_exercise") || word_eq(head, hl, "exercise_proceeds")) {
        /* the other statements' facts about the period's exercises */
        if (nw - k != 1) return fail(p, off, "unknown name '%.*s'", nlen, name);
        ref.kind = head[0] == 'i' ? RC_REF_ISSUED_ON_EXERCISE : RC_REF_EXERCISE_PROCEEDS;
        ref.field = RC_FIELD_VALUE;
    } else {
        char hbuf[32];
        snprintf(hbuf, sizeof hbuf, "%.*s", (int)(hl < 31 ? hl : 31), head);
        bool found = true;
        ref.kind = RC_REF_BALANCE;
        for (int l = 0; l < RC_LINE__COUNT; l++) {
            if (strcmp(hbuf, rc_line_name((rc_line)l)) == 0 && hl < 31) {
                ref.kind = RC_REF_BALANCE;
                ref.line = (rc_line)l;
                fields = balance_fields;
                break;
            }
        }
        if (!fields) {
            if (hl < 31 && rc_role_parse(&role, hbuf) == RC_OK) {
                ref.kind = RC_REF_ROLE;
                ref.role = role;
                fields = role_fields;
            } else if (word_eq(head, hl, "movements") || word_eq(head, hl, "additions") ||
                       word_eq(head, hl, "deductions")) {
                ref.kind = RC_REF_LIST;
                ref.list = head[0] == 'm'
                               ? RC_LIST_MOVEMENTS
                               : (head[0] == 'a' ? RC_LIST_ADDITIONS : RC_LIST_DEDUCTIONS);
                fields = list_fields;
            } else if (word_eq(head, hl, "movement")) {
                ref.kind = RC_REF_MOVEMENT;
                fields = movement_fields;
                each_name = true;
                need = RC_EACH_MOVEMENT;
            } else if (word_eq(head, hl, "balance")) {
                ref.kind = RC_REF_EACH_BALANCE;
                fields = each_balance_fields;
                each_name = true;
                need = RC_EACH_BALANCE;
            } else if (word_eq(head, hl, "duplicate")) {
                ref.kind = RC_REF_DUPLICATE;
                fields = duplicate_fields;
                each_name = true;
                need = RC_EACH_DUPLICATE;
            } else if (word_eq(head, hl, "same_role")) {
                ref.kind = RC_REF_SAME_ROLE;
                fields = role_fields;
                each_name = true;
                need = RC_EACH_MOVEMENT;
            } else if (word_eq(head, hl, "statement")) {
                ref.kind = RC_REF_STATEMENT;
                fields = statement_fields;
                each_name = true;
                need = RC_EACH_STATEMENT;
            } else if (word_eq(head, hl, "ranges")) {
                ref.kind = RC_REF_LIST;
                ref.list = RC_LIST_RANGES;
                fields = range_fields;
            } else if (word_eq(head, hl, "range")) {
                ref.kind = RC_REF_EACH_RANGE;
                fields = range_fields;
                each_name = true;
                need = RC_EACH_RANGE;
            } else {
                found = false;
            }
        }
        if (!found) return fail(p, off, "unknown name '%.*s'", nlen, name);
        if (nw - k == 1)
            return fail(p, off, "incomplete name '%.*s' (%.*s has %s)", nlen, name, (int)hl, head,
                        fields);
        if (nw - k > 2 || !field_in(w[k + 1], wl[k + 1], fields))
            return fail(p, off, "unknown name '%.*s' (%.*s has %s)", nlen, name, (int)hl, head,
                        fields);
        ref.field = field_of(w[k + 1], wl[k + 1]);
    }
    if (parts) {
        /* a part is a roll-forward: what names a roll-forward's value names the part's */
        if (ref.kind == RC_REF_LIST)
            return fail(p, off, "%s cannot follow parts. (sums do not nest) '%.*s'",
                        ref.list == RC_LIST_RANGES ? "the ranges" : "a movement list", nlen, name);
        if (ref.kind == RC_REF_MOVEMENT)
            return fail(p, off,
                        "parts.movement is not a name: the movements of the same role in each "
                        "part are parts.same_role '%.*s'",
                        nlen, name);
        if (ref.kind == RC_REF_DUPLICATE)
            return fail(p, off, "a duplicate cannot follow parts. '%.*s'", nlen, name);
        if (ref.kind == RC_REF_STATEMENT)
            return fail(p, off, "a statement cannot follow parts. '%.*s'", nlen, name);
        if (ref.kind == RC_REF_EACH_RANGE)
            return fail(p, off, "a range cannot follow parts. '%.*s'", nlen, name);
    }
    if (each_name) {
        static const char *const each_names[] = {"rollforward", "movement",  "balance",
                                                 "duplicate",   "statement", "range"};
        if (p->each != need)
            return fail(p, off, "a name that needs \"each\": \"%s\" in the rule '%.*s'",
                        each_names[need], nlen, name);
        if (previous)
            return fail(p, off, "previous. of a name that is checked one by one '%.*s'", nlen,
                        name);
    }

    rc_node *n = new_node(p, RC_OP_REF, off, len);
    if (!n) return NULL;
    n->ref = ref;
    n->boolean = ref.field == RC_FIELD_SIGNED || ref.field == RC_FIELD_AT_END ||
                 ref.field == RC_FIELD_SAME_FILING;
    switch (ref.kind) {
    case RC_REF_SHARE_PRICE:
        n->dim = DIM_PRICE;
        break;
    case RC_REF_CONTRACTUAL_TERM:
        n->dim = DIM_YEARS;
        break;
    case RC_REF_COUNT_SCALE:
        n->dim = DIM_SHARES;
        break;
    case RC_REF_STATEMENT: /* a stated count, and the table's count for it */
        n->dim = DIM_SHARES;
        break;
    case RC_REF_ISSUED_ON_EXERCISE:
        n->dim = DIM_SHARES;
        break;
    case RC_REF_EXERCISE_PROCEEDS:
        n->dim = DIM_MONEY;
        break;
    default:
        n->dim = field_dim(ref.field);
        break;
    }
    rc_arena *a = p->pool->arena;
    n->reason = rc_arena_printf(a, "%s is not reported", n->text);
    if (!n->reason) return nomem(p);
    if (ref.kind == RC_REF_ROLE) {
        n->reason_many =
            rc_arena_printf(a, "%s: more than one %s movement", n->text, rc_role_name(ref.role));
        if (!n->reason_many) return nomem(p);
    }
    const char *in = parts ? "parts." : "";
    if (ref.kind == RC_REF_EACH_BALANCE) {
        for (int l = 0; l < RC_LINE__COUNT; l++) {
            n->line_reason[l] =
                rc_arena_printf(a, "%s%s.%s is not reported", in, rc_line_name((rc_line)l),
                                rc_rules__field_name(ref.field));
            if (!n->line_reason[l]) return nomem(p);
        }
    }
    if (ref.kind == RC_REF_STATEMENT) {
        /* the reasons statement.table is absent, for each role and row it may state */
        for (int r = 0; r < RC_ROLE__COUNT; r++) {
            const char *role_name = rc_role_name((rc_role)r);
            n->role_reason[r] = rc_arena_printf(a, "the table shows no %s movement", role_name);
            n->role_reason_many[r] =
                rc_arena_printf(a, "a %s movement of the table has no count", role_name);
            if (!n->role_reason[r] || !n->role_reason_many[r]) return nomem(p);
        }
        for (int l = 0; l < RC_LINE__COUNT; l++) {
            n->line_reason[l] =
                rc_arena_printf(a, "%s.count is not reported", rc_line_name((rc_line)l));
            if (!n->line_reason[l]) return nomem(p);
        }
    }
    if (ref.kind == RC_REF_SAME_ROLE) {
        for (int r = 0; r < RC_ROLE__COUNT; r++) {
            const char *role_name = rc_role_name((rc_role)r);
            const char *field = rc_rules__field_name(ref.field);
            n->role_reason[r] = rc_arena_printf(a, "%s%s.%s is not reported", in, role_name, field);
            n->role_reason_many[r] = rc_arena_printf(a, "%s%s.%s: more than one %s movement", in,
                                                     role_name, field, role_name);
            if (!n->role_reason[r] || !n->role_reason_many[r]) return nomem(p);
        }
    }
    if (ref.kind == RC_REF_LIST || parts) {
        rc_list list = parts ? RC_LIST_PARTS : ref.list;
        if (!p->in_sum)
            return fail(p, off, "%s outside sum() '%.*s'",
                        parts                    ? "a name of the parts"
                        : list == RC_LIST_RANGES ? "a name of the ranges"
                                                 : "a movement list",
                        nlen, name);
        if (p->have_list && (p->list != list || p->list_previous != previous))
            return fail(p, off, "sum() over two different lists '%.*s'", nlen, name);
        p->have_list = true;
        p->list = list;
        p->list_previous = previous;
    }
    return n;
}

/* ---- the grammar ---- */

static bool is_function(const rc_token *t, const char *s, const char *name)
{
    return word_eq(s + t->off, t->len, name);
}

/* call := FUNCTION "(" [ expr { "," expr } ] ")" */
static rc_node *parse_call(parser *p, rc_token name)
{
    const char *fs = p->s + name.off;
    int fl = (int)name.len;
    rc_op op;
    if (is_function(&name, p->s, "sum"))
        op = RC_OP_SUM;
    else if (is_function(&name, p->s, "abs"))
        op = RC_OP_ABS;
    else if (is_function(&name, p->s, "min"))
        op = RC_OP_MIN;
    else if (is_function(&name, p->s, "max"))
        op = RC_OP_MAX;
    else if (is_function(&name, p->s, "present"))
        op = RC_OP_PRESENT;
    else if (is_function(&name, p->s, "coalesce"))
        op = RC_OP_COALESCE;
    else if (is_function(&name, p->s, "round"))
        op = RC_OP_ROUND;
    else if (is_function(&name, p->s, "split_ratio"))
        op = RC_OP_SPLIT_RATIO;
    else
        return fail(p, name.off, "unknown function '%.*s'", fl, fs);

    bool saved_in = p->in_sum, saved_have = p->have_list;
    rc_list saved_list = p->list;
    int saved_prev = p->list_previous;
    if (op == RC_OP_SUM) {
        if (p->in_sum) return fail(p, name.off, "sum() inside sum() '%.*s'", fl, fs);
        p->in_sum = true;
        p->have_list = false;
    }

    rc_node *n = new_node(p, op, name.off, name.len);
    if (!n) return NULL;
    rc_node *args[64];
    size_t nargs = 0;
    next(p); /* '(' */
    if (p->err) return NULL;
    if (p->tok.kind != RC_TOK_RPAREN) {
        for (;;) {
            if (nargs == sizeof args / sizeof *args)
                return fail(p, p->tok.off, "too many arguments '%.*s'", fl, fs);
            rc_node *arg = parse_expr(p);
            if (!arg) return NULL;
            args[nargs++] = arg;
            if (p->tok.kind != RC_TOK_COMMA) break;
            next(p);
            if (p->err) return NULL;
        }
    }
    if (p->tok.kind != RC_TOK_RPAREN) {
        if (p->tok.kind == RC_TOK_END)
            return fail(p, p->tok.off, "missing ')' at the end of '%.*s'",
                        (int)(p->tok.off - name.off), fs);
        return fail(p, p->tok.off, "expected ',' or ')' instead of '%.*s'", (int)p->tok.len,
                    p->s + p->tok.off);
    }
    size_t end = p->tok.off + p->tok.len;
    int callen = (int)(end - name.off);
    next(p); /* ')' */
    if (p->err) return NULL;

    switch (op) {
    case RC_OP_SUM:
    case RC_OP_ABS:
    case RC_OP_PRESENT:
        if (nargs != 1)
            return fail(p, name.off, "%.*s() takes one argument '%.*s'", fl, fs, callen, fs);
        n->a = args[0];
        if (op == RC_OP_PRESENT) {
            n->boolean = true;
        } else {
            char what[16];
            snprintf(what, sizeof what, "%.*s()", fl, fs);
            if (!need_number(p, n->a, what)) return NULL;
            n->dim = n->a->dim;
            n->free_dim = n->a->free_dim;
        }
        if (op == RC_OP_SUM) {
            if (!p->have_list)
                return fail(p, name.off,
                            "sum() without a list (movements, additions, deductions, parts "
                            "or ranges) '%.*s'",
                            callen, fs);
            n->list = p->list;
            n->list_previous = p->list_previous;
        }
        break;
    case RC_OP_ROUND:
    case RC_OP_SPLIT_RATIO: {
        /* round(x, unit), split_ratio(a, b): two numbers of one unit */
        if (nargs != 2)
            return fail(p, name.off, "%.*s() takes two arguments '%.*s'", fl, fs, callen, fs);
        char what[16];
        snprintf(what, sizeof what, "%.*s()", fl, fs);
        if (!need_number(p, args[0], what) || !need_number(p, args[1], what)) return NULL;
        n->a = args[0];
        n->b = args[1];
        rc_token second = {RC_TOK_COMMA, args[1]->off, 0, NULL, NULL};
        if (!unify(p, n, args[0], args[1], &second)) return NULL;
        if (op == RC_OP_SPLIT_RATIO) {
            n->dim = DIM_NONE; /* a ratio of two like quantities is a plain number */
            n->free_dim = false;
        }
        break;
    }
    default: /* min, max, coalesce */
        if (nargs < 2)
            return fail(p, name.off, "%.*s() takes two or more arguments '%.*s'", fl, fs, callen,
                        fs);
        n->args = rc_arena_alloc(p->pool->arena, nargs * sizeof *n->args);
        if (!n->args) return nomem(p);
        n->nargs = nargs;
        n->free_dim = true;
        for (size_t k = 0; k < nargs; k++) {
            char what[16];
            snprintf(what, sizeof what, "%.*s()", fl, fs);
            if (!need_number(p, args[k], what)) return NULL;
            n->args[k] = args[k];
            if (n->free_dim) {
                n->dim = args[k]->dim;
                n->free_dim = args[k]->free_dim;
            } else if (!args[k]->free_dim && !dim_eq(&n->dim, &args[k]->dim)) {
                char b1[96], b2[96];
                return fail(p, args[k]->off, "units do not match (%s vs %s) '%.*s'",
                            rc_rules__dim_name(&n->dim, b1, sizeof b1),
                            dim_text(args[k], b2, sizeof b2), callen, fs);
            }
        }
        break;
    }
    if (op == RC_OP_SUM) {
        p->in_sum = saved_in;
        p->have_list = saved_have;
        p->list = saved_list;
        p->list_previous = saved_prev;
    }
    if (!span(p, n, name.off, end)) return NULL;
    if (op == RC_OP_SPLIT_RATIO)
        n->reason = rc_arena_printf(p->pool->arena, "%s / %s is no stock split's ratio",
                                    n->a->text, n->b->text);
    else if (op == RC_OP_ROUND)
        n->reason = rc_arena_printf(p->pool->arena, "round() needs an exact positive unit: %s",
                                    n->b->text);
    if ((op == RC_OP_SPLIT_RATIO || op == RC_OP_ROUND) && !n->reason) return nomem(p);
    return n;
}

/* primary := NUMBER | NAME | call | "(" expr ")" */
static rc_node *parse_primary(parser *p)
{
    rc_token t = p->tok;
    switch (t.kind) {
    case RC_TOK_NUMBER: {
        rc_value v;
        rc_value_init(&v);
        size_t errpos = 0;
        const char *errmsg = NULL;
        int rc = rc_value_parse(&v, p->s + t.off, t.len, 0, 0, &errpos, &errmsg);
        if (rc != RC_OK) {
            rc_value_clear(&v);
            if (rc == RC_ENOMEM) return nomem(p);
            return fail(p, t.off + errpos, "bad number '%.*s' (%s)", (int)t.len, p->s + t.off,
                        errmsg);
        }
        rc_node *n = new_node(p, RC_OP_NUM, t.off, t.len);
        rc_interval *iv = n ? rc_rules__pool_interval(p->pool) : NULL;
        if (n && iv) rc_interval_set_point(iv, v.q);
        rc_value_clear(&v);
        if (!iv) return nomem(p);
        n->lit = iv;
        n->free_dim = true;
        next(p);
        return p->err ? NULL : n;
    }
    case RC_TOK_NAME:
        next(p);
        if (p->err) return NULL;
        if (p->tok.kind == RC_TOK_LPAREN) return parse_call(p, t);
        return resolve(p, t.off, t.len);
    case RC_TOK_LPAREN: {
        next(p);
        if (p->err) return NULL;
        rc_node *n = parse_expr(p);
        if (!n) return NULL;
        if (p->tok.kind != RC_TOK_RPAREN) {
            if (p->tok.kind == RC_TOK_END)
                return fail(p, p->tok.off, "missing ')' at the end of '%.*s'",
                            (int)(p->tok.off - t.off), p->s + t.off);
            return fail(p, p->tok.off, "expected ')' instead of '%.*s'", (int)p->tok.len,
                        p->s + p->tok.off);
        }
        /* the node's text keeps its parentheses: messages quote it as written */
        size_t end = p->tok.off + p->tok.len;
        next(p);
        if (p->err) return NULL;
        n->off = t.off;
        n->len = end - t.off;
        n->text = rc_arena_strndup(p->pool->arena, p->s + t.off, n->len);
        return n->text ? n : nomem(p);
    }
    case RC_TOK_END:
        if (p->prev.len > 0)
            return fail(p, t.off, "unexpected end of expression after '%.*s'", (int)p->prev.len,
                        p->s + p->prev.off);
        return fail(p, t.off, "empty expression '%.*s'", 0, "");
    default:
        return fail(p, t.off, "unexpected '%.*s'", (int)t.len, p->s + t.off);
    }
}

/* unary := "-" unary | primary */
static rc_node *parse_unary(parser *p)
{
    if (p->tok.kind != RC_TOK_MINUS) return parse_primary(p);
    rc_token minus = p->tok;
    if (++p->depth > RC_EXPR_MAX_DEPTH)
        return fail(p, minus.off, "expression nested too deeply (more than %d levels) '%.*s'",
                    RC_EXPR_MAX_DEPTH, (int)minus.len, p->s + minus.off);
    next(p);
    if (p->err) return NULL;
    rc_node *a = parse_unary(p);
    p->depth--;
    if (!a || !need_number(p, a, "'-'")) return NULL;
    rc_node *n = new_node(p, RC_OP_NEG, minus.off, 0);
    if (!n) return NULL;
    n->a = a;
    n->dim = a->dim;
    n->free_dim = a->free_dim;
    return span(p, n, minus.off, a->off + a->len);
}

/* product := unary { ("*" | "/") unary } */
static rc_node *parse_product(parser *p)
{
    rc_node *n = parse_unary(p);
    while (n && (p->tok.kind == RC_TOK_STAR || p->tok.kind == RC_TOK_SLASH)) {
        rc_token op = p->tok;
        next(p);
        if (p->err) return NULL;
        n = binary(p, op.kind == RC_TOK_STAR ? RC_OP_MUL : RC_OP_DIV, &op, n, parse_unary(p));
    }
    return n;
}

/* sum := product { ("+" | "-") product } */
static rc_node *parse_sum(parser *p)
{
    rc_node *n = parse_product(p);
    while (n && (p->tok.kind == RC_TOK_PLUS || p->tok.kind == RC_TOK_MINUS)) {
        rc_token op = p->tok;
        next(p);
        if (p->err) return NULL;
        n = binary(p, op.kind == RC_TOK_PLUS ? RC_OP_ADD : RC_OP_SUB, &op, n, parse_product(p));
    }
    return n;
}

static bool relation_of(rc_tok kind, rc_rel *rel)
{
    switch (kind) {
    case RC_TOK_EQ:
        *rel = RC_REL_EQ;
        return true;
    case RC_TOK_NE:
        *rel = RC_REL_NE;
        return true;
    case RC_TOK_LT:
        *rel = RC_REL_LT;
        return true;
    case RC_TOK_LE:
        *rel = RC_REL_LE;
        return true;
    case RC_TOK_GT:
        *rel = RC_REL_GT;
        return true;
    case RC_TOK_GE:
        *rel = RC_REL_GE;
        return true;
    default:
        return false;
    }
}

/* compare := sum [ ("==" | "!=" | "<=" | "<" | ">=" | ">") sum ] */
static rc_node *parse_compare(parser *p)
{
    rc_node *n = parse_sum(p);
    rc_rel rel;
    if (!n || !relation_of(p->tok.kind, &rel)) return n;
    rc_token op = p->tok;
    next(p);
    if (p->err) return NULL;
    n = binary(p, RC_OP_CMP, &op, n, parse_sum(p));
    if (!n) return NULL;
    n->rel = rel;
    if (relation_of(p->tok.kind, &rel))
        return fail(p, p->tok.off, "comparisons do not chain (use 'and') '%.*s'", (int)p->tok.len,
                    p->s + p->tok.off);
    return n;
}

/* not := "not" not | compare */
static rc_node *parse_not(parser *p)
{
    if (p->tok.kind != RC_TOK_NOT) return parse_compare(p);
    rc_token t = p->tok;
    if (++p->depth > RC_EXPR_MAX_DEPTH)
        return fail(p, t.off, "expression nested too deeply (more than %d levels) '%.*s'",
                    RC_EXPR_MAX_DEPTH, (int)t.len, p->s + t.off);
    next(p);
    if (p->err) return NULL;
    rc_node *a = parse_not(p);
    p->depth--;
    if (!a || !need_boolean(p, a, "'not'")) return NULL;
    rc_node *n = new_node(p, RC_OP_NOT, t.off, 0);
    if (!n) return NULL;
    n->a = a;
    n->boolean = true;
    return span(p, n, t.off, a->off + a->len);
}

/* and := not { "and" not } */
static rc_node *parse_and(parser *p)
{
    rc_node *n = parse_not(p);
    while (n && p->tok.kind == RC_TOK_AND) {
        rc_token op = p->tok;
        next(p);
        if (p->err) return NULL;
        n = binary(p, RC_OP_AND, &op, n, parse_not(p));
    }
    return n;
}

/* or := and { "or" and } */
static rc_node *parse_or(parser *p)
{
    rc_node *n = parse_and(p);
    while (n && p->tok.kind == RC_TOK_OR) {
        rc_token op = p->tok;
        next(p);
        if (p->err) return NULL;
        n = binary(p, RC_OP_OR, &op, n, parse_and(p));
    }
    return n;
}

/* expr := or */
static rc_node *parse_expr(parser *p)
{
    if (++p->depth > RC_EXPR_MAX_DEPTH)
        return fail(p, p->tok.off, "expression nested too deeply (more than %d levels) '%.*s'",
                    RC_EXPR_MAX_DEPTH, (int)p->tok.len, p->s + p->tok.off);
    rc_node *n = parse_or(p);
    p->depth--;
    return n;
}

static void start(parser *p, rc_pool *pool, const rc_exprsrc *src, size_t base, size_t len,
                  rc_rule_each each, rc_ctx *ctx)
{
    memset(p, 0, sizeof *p);
    p->pool = pool;
    p->src = src;
    p->s = src->str;
    p->end = base + len;
    p->each = each;
    p->ctx = ctx;
    p->pos = base;
    p->prev.off = base;
    next(p);
}

int rc_rules__compile(rc_node **out, rc_pool *pool, const rc_exprsrc *src, size_t base, size_t len,
                      rc_rule_each each, rc_ctx *ctx)
{
    parser p;
    start(&p, pool, src, base, len, each, ctx);
    rc_node *n = p.err ? NULL : parse_expr(&p);
    if (n && p.tok.kind != RC_TOK_END)
        n = fail(&p, p.tok.off, "unexpected '%.*s'", (int)p.tok.len, p.s + p.tok.off);
    if (!n) return p.err ? p.err : RC_ESYNTAX;
    *out = n;
    return RC_OK;
}

int rc_rules__compile_name(rc_node **out, rc_pool *pool, const rc_exprsrc *src, size_t base,
                           size_t len, rc_rule_each each, rc_ctx *ctx)
{
    parser p;
    start(&p, pool, src, base, len, each, ctx);
    if (p.err) return p.err;
    rc_token t = p.tok;
    if (t.kind != RC_TOK_NAME) {
        fail(&p, t.off, "not a name '%.*s'", (int)len, src->str + base);
        return p.err;
    }
    next(&p);
    if (p.err) return p.err;
    if (p.tok.kind != RC_TOK_END) {
        fail(&p, t.off, "not a name '%.*s'", (int)len, src->str + base);
        return p.err;
    }
    p.in_sum = true; /* a list is refused below, with a clearer message */
    rc_node *n = resolve(&p, t.off, t.len);
    if (!n) return p.err;
    if (n->ref.kind == RC_REF_LIST || n->ref.parts) {
        bool several = n->ref.parts || n->ref.list == RC_LIST_RANGES;
        fail(&p, t.off, "%s cannot be shown, only %s sum() '%.*s'",
             n->ref.parts                    ? "the parts"
             : n->ref.list == RC_LIST_RANGES ? "the ranges"
                                             : "a movement list",
             several ? "their" : "its", (int)t.len, src->str + t.off);
        return p.err;
    }
    *out = n;
    return RC_OK;
}

int rc_rules__subject(const rc_node *node, rc_refkind kind)
{
    if (!node) return -1;
    if (node->op == RC_OP_REF && !node->ref.parts && node->ref.previous == 0 &&
        (node->ref.kind == kind ||
         (kind == RC_REF_MOVEMENT && node->ref.kind == RC_REF_SAME_ROLE))) {
        switch (node->ref.field) {
        case RC_FIELD_COUNT:
        case RC_FIELD_PRICE:
        case RC_FIELD_FAIR_VALUE:
        case RC_FIELD_AIV:
        case RC_FIELD_TERM:
        case RC_FIELD_LOW:
        case RC_FIELD_HIGH:
        case RC_FIELD_EXERCISABLE_COUNT:
        case RC_FIELD_EXERCISABLE_PRICE:
        case RC_FIELD_EXERCISABLE_TERM:
            return (int)node->ref.field;
        case RC_FIELD_RAW:
        case RC_FIELD_SIGNED_COUNT:
            return RC_FIELD_COUNT;
        default:
            break;
        }
    }
    int f = rc_rules__subject(node->a, kind);
    if (f < 0) f = rc_rules__subject(node->b, kind);
    for (size_t k = 0; f < 0 && k < node->nargs; k++)
        f = rc_rules__subject(node->args[k], kind);
    return f;
}

const rc_node *rc_rules__subject_ref(const rc_node *node)
{
    if (!node) return NULL;
    if (node->op == RC_OP_CMP) {
        bool a = node->a && node->a->op == RC_OP_REF && !node->a->ref.parts,
             b = node->b && node->b->op == RC_OP_REF && !node->b->ref.parts;
        if (b && !a) return node->b;
        if (a) return node->a;
    }
    const rc_node *found = rc_rules__subject_ref(node->a);
    if (!found) found = rc_rules__subject_ref(node->b);
    for (size_t k = 0; !found && k < node->nargs; k++)
        found = rc_rules__subject_ref(node->args[k]);
    return found;
}

bool rc_rules__uses_parts(const rc_node *node)
{
    if (!node) return false;
    if (node->op == RC_OP_SUM && node->list == RC_LIST_PARTS) return true;
    if (rc_rules__uses_parts(node->a) || rc_rules__uses_parts(node->b)) return true;
    for (size_t k = 0; k < node->nargs; k++)
        if (rc_rules__uses_parts(node->args[k])) return true;
    return false;
}

bool rc_rules__uses_same_role(const rc_node *node)
{
    if (!node) return false;
    if (node->op == RC_OP_REF && node->ref.kind == RC_REF_SAME_ROLE) return true;
    if (rc_rules__uses_same_role(node->a) || rc_rules__uses_same_role(node->b)) return true;
    for (size_t k = 0; k < node->nargs; k++)
        if (rc_rules__uses_same_role(node->args[k])) return true;
    return false;
}

unsigned rc_rules__range_fields(const rc_node *node)
{
    if (!node) return 0;
    unsigned bits = 0;
    if (node->op == RC_OP_REF && node->ref.kind == RC_REF_LIST && node->ref.list == RC_LIST_RANGES)
        bits |= 1u << node->ref.field;
    bits |= rc_rules__range_fields(node->a) | rc_rules__range_fields(node->b);
    for (size_t k = 0; k < node->nargs; k++)
        bits |= rc_rules__range_fields(node->args[k]);
    return bits;
}

bool rc_rules__uses_previous(const rc_node *node)
{
    if (!node) return false;
    if (node->op == RC_OP_REF && node->ref.previous > 0) return true;
    if (node->op == RC_OP_SUM && node->list_previous > 0) return true;
    if (rc_rules__uses_previous(node->a) || rc_rules__uses_previous(node->b)) return true;
    for (size_t k = 0; k < node->nargs; k++)
        if (rc_rules__uses_previous(node->args[k])) return true;
    return false;
}
