/* Unit tests: the rule expression language (src/rules/lexer.c, parser.c, eval.c). */
#include <check.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "rules/expr.h"

/* ---- a small model to evaluate over --------------------------------------------- */

static rc_fact *num(rc_model *m, rc_kind kind, const char *text)
{
    rc_fact *f = rc_model_new_fact(m);
    ck_assert_ptr_nonnull(f);
    f->kind = kind;
    f->text = rc_model_strdup(m, text);
    int rc = kind == RC_KIND_TERM
                 ? rc_term_parse(&f->value, text, strlen(text), NULL)
                 : rc_value_parse(&f->value, text, strlen(text), 0, RC_PARSE_TABLE, NULL, NULL);
    ck_assert_msg(rc == 0, "fixture value '%s' does not parse", text);
    return f;
}

static rc_rollforward *rollforward(rc_model *m, int year)
{
    rc_rollforward *rf = rc_model_add_rollforward(m);
    ck_assert_ptr_nonnull(rf);
    rf->award = RC_AWARD_OPTIONS;
    rf->start = rc_day_from_ymd(year, 1, 1);
    rf->end = rc_day_from_ymd(year, 12, 31);
    rf->file = "test.json";
    return rf;
}

static void movement(rc_model *m, rc_rollforward *rf, rc_role role, const char *label,
                     const char *count, const char *price)
{
    rc_movement *mv = rc_model_add_movement(m, rf);
    ck_assert_ptr_nonnull(mv);
    mv->role = role;
    mv->direction = rc_role_direction(role);
    mv->label = label;
    mv->count = count ? num(m, RC_KIND_COUNT, count) : NULL;
    mv->price = price ? num(m, RC_KIND_PRICE, price) : NULL;
}

typedef struct fixture {
    rc_model *m;
    rc_rollforward *rf;      /* 2021: opening, movements, closing, exercisable */
    rc_rollforward *prev;    /* 2020: its previous, closing only */
    rc_rollforward *bare;    /* 2022: no movements */
    rc_rollforward *signed_; /* an unclassified movement without a direction */
    rc_arena *arena;
} fixture;

static void fixture_init(fixture *fx)
{
    ck_assert_int_eq(rc_model_new(&fx->m), 0);
    rc_model *m = fx->m;
    fx->arena = rc_arena_new();

    fx->prev = rollforward(m, 2020);
    rc_closing(fx->prev)->count = num(m, RC_KIND_COUNT, "1,000");
    rc_closing(fx->prev)->price = num(m, RC_KIND_PRICE, "10.00");

    rc_rollforward *rf = fx->rf = rollforward(m, 2021);
    rf->previous = fx->prev;
    rc_opening(rf)->count = num(m, RC_KIND_COUNT, "1,000");
    rc_opening(rf)->price = num(m, RC_KIND_PRICE, "10.00");
    movement(m, rf, RC_ROLE_GRANTED, "Granted", "200", "12.50");
    movement(m, rf, RC_ROLE_EXERCISED, "Exercised", "(100)", "8.00");
    movement(m, rf, RC_ROLE_FORFEITED, "Forfeited", "(50)", "9.00");
    movement(m, rf, RC_ROLE_EXPIRED, "Expired", "0", NULL);
    rc_closing(rf)->count = num(m, RC_KIND_COUNT, "1,050");
    rc_closing(rf)->price = num(m, RC_KIND_PRICE, "10.40");
    rc_closing(rf)->aiv = num(m, RC_KIND_MONEY, "1,200");
    rc_closing(rf)->term = num(m, RC_KIND_TERM, "4.5");
    rf->lines[RC_LINE_EXERCISABLE].count = num(m, RC_KIND_COUNT, "600");

    fx->bare = rollforward(m, 2022);
    fx->bare->previous = rf;
    rc_opening(fx->bare)->count = num(m, RC_KIND_COUNT, "1,050");

    fx->signed_ = rollforward(m, 2023);
    movement(m, fx->signed_, RC_ROLE_GRANTED, NULL, "10", NULL);
    movement(m, fx->signed_, RC_ROLE_OTHER, "Other changes", "5", NULL);
    fx->signed_->movements[1].direction = 0;
}

static void fixture_free(fixture *fx)
{
    rc_model_free(fx->m);
    rc_arena_free(fx->arena);
}

static rc_env env_of(const fixture *fx, const rc_rollforward *rf)
{
    rc_env env;
    memset(&env, 0, sizeof env);
    env.rf = rf;
    env.line = -1;
    env.arena = fx->arena;
    return env;
}

/* ---- helpers: compile, evaluate, describe ----------------------------------------- */

static char *describe(const rc_val *v)
{
    char *out = NULL;
    switch (v->tag) {
    case RC_V_BOOL:
        out = strdup(v->truth ? "true" : "false");
        break;
    case RC_V_ABSENT:
    case RC_V_NA: {
        size_t n = strlen(v->reason) + 16;
        out = malloc(n);
        snprintf(out, n, "%s: %s", v->tag == RC_V_ABSENT ? "absent" : "n/a", v->reason);
        break;
    }
    case RC_V_NUMBER: {
        char *lo = rc_q_format_exact(v->iv.lo, 12, RC_ROUND_NEAREST);
        char *hi = rc_q_format_exact(v->iv.hi, 12, RC_ROUND_NEAREST);
        size_t n = strlen(lo) + strlen(hi) + 16;
        out = malloc(n);
        if (strcmp(lo, hi) == 0)
            snprintf(out, n, "%s", lo);
        else
            snprintf(out, n, "%s..%s", lo, hi);
        free(lo);
        free(hi);
        break;
    }
    }
    return out;
}

/* Compile expr for `each`; RC_OK or the error (message in ctx). */
static int compile(rc_pool *pool, const char *expr, rc_rule_each each, rc_node **out, rc_ctx *ctx)
{
    rc_exprsrc src = {"expr", expr, strlen(expr), NULL, 0, 0};
    return rc_rules__compile(out, pool, &src, 0, strlen(expr), each, ctx);
}

/* One evaluation case: expr over env must describe as want. */
static void eval_case(int line, const char *expr, rc_rule_each each, const rc_env *env,
                      const char *want)
{
    rc_pool pool;
    rc_ctx *ctx;
    ck_assert_int_eq(rc_rules__pool_init(&pool), 0);
    ck_assert_int_eq(rc_ctx_new(&ctx), 0);
    rc_node *n = NULL;
    int rc = compile(&pool, expr, each, &n, ctx);
    ck_assert_msg(rc == 0, "line %d: '%s' does not compile: %s", line, expr, rc_ctx_error(ctx));
    rc_val v;
    rc_rules__val_init(&v);
    rc_rules__eval(n, env, &v);
    char *got = describe(&v);
    ck_assert_msg(strcmp(got, want) == 0, "line %d: '%s' gave '%s', want '%s'", line, expr, got,
                  want);
    free(got);
    rc_rules__val_clear(&v);
    rc_rules__pool_clear(&pool);
    rc_ctx_free(ctx);
}

#define EVAL(expr, env, want) eval_case(__LINE__, expr, RC_EACH_ROLLFORWARD, env, want)

/* One compile-error case: the one-line message and the caret detail. */
static void error_case(int line, const char *expr, rc_rule_each each, const char *want,
                       const char *want_detail)
{
    rc_pool pool;
    rc_ctx *ctx;
    ck_assert_int_eq(rc_rules__pool_init(&pool), 0);
    ck_assert_int_eq(rc_ctx_new(&ctx), 0);
    rc_node *n = NULL;
    int rc = compile(&pool, expr, each, &n, ctx);
    ck_assert_msg(rc == RC_ESYNTAX, "line %d: '%s' compiled (rc %d), want an error", line, expr,
                  rc);
    ck_assert_msg(strcmp(rc_ctx_error(ctx), want) == 0, "line %d: '%s' gave\n  %s\nwant\n  %s",
                  line, expr, rc_ctx_error(ctx), want);
    if (want_detail)
        ck_assert_msg(strcmp(rc_ctx_detail(ctx), want_detail) == 0, "line %d: detail\n%s\nwant\n%s",
                      line, rc_ctx_detail(ctx), want_detail);
    rc_rules__pool_clear(&pool);
    rc_ctx_free(ctx);
}

#define ERR(expr, want) error_case(__LINE__, expr, RC_EACH_ROLLFORWARD, want, NULL)

/* ---- lexer ------------------------------------------------------------------------ */

START_TEST(test_lexer_tokens)
{
    const char *s = "opening.count×2÷x − 1 ≤ ≥ ≠ == != < > <= >= and or not ( ) , + - * / 0.25 "
                    "andy";
    static const rc_tok want[] = {
        RC_TOK_NAME,   RC_TOK_STAR,   RC_TOK_NUMBER, RC_TOK_SLASH, RC_TOK_NAME, RC_TOK_MINUS,
        RC_TOK_NUMBER, RC_TOK_LE,     RC_TOK_GE,     RC_TOK_NE,    RC_TOK_EQ,   RC_TOK_NE,
        RC_TOK_LT,     RC_TOK_GT,     RC_TOK_LE,     RC_TOK_GE,    RC_TOK_AND,  RC_TOK_OR,
        RC_TOK_NOT,    RC_TOK_LPAREN, RC_TOK_RPAREN, RC_TOK_COMMA, RC_TOK_PLUS, RC_TOK_MINUS,
        RC_TOK_STAR,   RC_TOK_SLASH,  RC_TOK_NUMBER, RC_TOK_NAME,  RC_TOK_END};
    size_t pos = 0, n = strlen(s);
    for (size_t k = 0; k < sizeof want / sizeof *want; k++) {
        rc_token t;
        rc_rules__lex(s, n, &pos, &t);
        ck_assert_msg(t.kind == want[k], "token %zu: %s, want %s", k, rc_rules__tok_name(t.kind),
                      rc_rules__tok_name(want[k]));
    }
    /* offsets and lengths are in bytes */
    rc_token t;
    pos = 0;
    rc_rules__lex(s, n, &pos, &t);
    ck_assert_uint_eq(t.off, 0);
    ck_assert_uint_eq(t.len, 13);
    rc_rules__lex(s, n, &pos, &t); /* × is two bytes */
    ck_assert_uint_eq(t.off, 13);
    ck_assert_uint_eq(t.len, 2);
    rc_rules__lex(s, n, &pos, &t);
    ck_assert_uint_eq(t.off, 15);
    rc_rules__lex(s, n, &pos, &t);
    rc_rules__lex(s, n, &pos, &t);
    rc_rules__lex(s, n, &pos, &t); /* − is three bytes */
    ck_assert_uint_eq(t.off, 20);
    ck_assert_uint_eq(t.len, 3);
}
END_TEST

START_TEST(test_lexer_errors)
{
    struct {
        const char *text;
        const char *error;
        size_t off, len;
    } cases[] = {
        {"a @ b", "unexpected character", 2, 1},
        {"a = b", "unknown operator", 2, 1},
        {"!a", "unknown operator", 0, 1},
        {"closing. + 1", "incomplete name", 0, 8},
        {"x \xe2\x82\xac", "unexpected character", 2, 3}, /* a euro sign, whole */
    };
    for (size_t k = 0; k < sizeof cases / sizeof *cases; k++) {
        size_t pos = 0, n = strlen(cases[k].text);
        rc_token t;
        do
            rc_rules__lex(cases[k].text, n, &pos, &t);
        while (t.kind != RC_TOK_ERROR && t.kind != RC_TOK_END);
        ck_assert_msg(t.kind == RC_TOK_ERROR, "'%s': no error", cases[k].text);
        ck_assert_str_eq(t.error, cases[k].error);
        ck_assert_uint_eq(t.off, cases[k].off);
        ck_assert_uint_eq(t.len, cases[k].len);
    }
}
END_TEST

/* ---- parse errors ---------------------------------------------------------------------- */

START_TEST(test_parse_errors)
{
    ERR("opening.count +", "expr:1:16: error: unexpected end of expression after '+'");
    ERR("", "expr:1:1: error: empty expression ''");
    ERR("opening.count )", "expr:1:15: error: unexpected ')'");
    ERR("(opening.count > 0", "expr:1:19: error: missing ')' at the end of '(opening.count > 0'");
    ERR("opening.count = 1", "expr:1:15: error: unknown operator '=' (write '==' to compare)");
    ERR("opening.count @ 2", "expr:1:15: error: unexpected character '@'");
    ERR("1.2.3 > 0", "expr:1:4: error: bad number '1.2.3' (unexpected second '.')");
    ERR("12abc > 0", "expr:1:3: error: bad number '12abc' (unexpected character in a number)");
    ERR("1 < 2 < 3", "expr:1:7: error: comparisons do not chain (use 'and') '<'");
    ERR("closing.cont > 0", "expr:1:1: error: unknown name 'closing.cont' (closing has count, "
                            "price, fair_value, aiv, term)");
    ERR("closing > 0", "expr:1:1: error: incomplete name 'closing' (closing has count, price, "
                       "fair_value, aiv, term)");
    ERR("closing. > 0", "expr:1:1: error: incomplete name 'closing.'");
    ERR("previous > 0", "expr:1:1: error: incomplete name 'previous'");
    ERR("grant.count > 0", "expr:1:1: error: unknown name 'grant.count'");
    ERR("exercised.aiv > 0", "expr:1:1: error: unknown name 'exercised.aiv' (exercised has "
                             "count, price, fair_value)");
    ERR("closing.count ≥ x", "expr:1:19: error: unknown name 'x'");
    ERR("foo(1) > 0", "expr:1:1: error: unknown function 'foo'");
    ERR("abs(1, 2) > 0", "expr:1:1: error: abs() takes one argument 'abs(1, 2)'");
    ERR("min(1) > 0", "expr:1:1: error: min() takes two or more arguments 'min(1)'");
    ERR("max(1, 2 > 0", "expr:1:13: error: missing ')' at the end of 'max(1, 2 > 0'");
    ERR("sum > 0", "expr:1:1: error: unknown name 'sum'");
}
END_TEST

START_TEST(test_parse_caret)
{
    error_case(__LINE__, "opening.count + closing.price > 0", RC_EACH_ROLLFORWARD,
               "expr:1:15: error: units do not match (shares vs money per share) 'opening.count "
               "+ closing.price'",
               "  opening.count + closing.price > 0\n"
               "                ^");
    /* the caret counts characters, not bytes */
    error_case(__LINE__, "closing.count × 2 ≥ x", RC_EACH_ROLLFORWARD,
               "expr:1:24: error: unknown name 'x'",
               "  closing.count × 2 ≥ x\n"
               "                      ^");
}
END_TEST

/* ---- types and dimensions ----------------------------------------------------------------- */

START_TEST(test_types)
{
    ERR("opening.count and closing.count",
        "expr:1:1: error: 'and' needs a boolean, not a number 'opening.count'");
    ERR("not closing.count",
        "expr:1:5: error: 'not' needs a boolean, not a number 'closing.count'");
    ERR("(1 < 2) + 1 > 0", "expr:1:1: error: '+' needs a number, not a boolean '(1 < 2)'");
    ERR("(1 < 2) == (2 < 3)", "expr:1:1: error: '==' needs a number, not a boolean '(1 < 2)'");
    ERR("-(1 < 2)", "expr:1:2: error: '-' needs a number, not a boolean '(1 < 2)'");
    ERR("abs(1 < 2) > 0", "expr:1:5: error: abs() needs a number, not a boolean '1 < 2'");
    ERR("closing.aiv == closing.price",
        "expr:1:13: error: units do not match (money vs money per share) 'closing.aiv == "
        "closing.price'");
    ERR("closing.term <= closing.count",
        "expr:1:14: error: units do not match (years vs shares) 'closing.term <= closing.count'");
    ERR("closing.count * closing.count > closing.count",
        "expr:1:31: error: units do not match (shares^2 vs shares) 'closing.count * "
        "closing.count > closing.count'");
    ERR("min(closing.count, closing.price) > 0",
        "expr:1:20: error: units do not match (shares vs money per share) 'min(closing.count, "
        "closing.price)'");
    ERR("closing.aiv / closing.count > closing.count",
        "expr:1:29: error: units do not match (money per share vs shares) 'closing.aiv / "
        "closing.count > closing.count'");
    ERR("closing.count > contractual_term",
        "expr:1:15: error: units do not match (shares vs years) 'closing.count > "
        "contractual_term'");

    /* literals adopt the unit they meet; products and quotients combine units */
    rc_pool pool;
    rc_ctx *ctx;
    ck_assert_int_eq(rc_rules__pool_init(&pool), 0);
    ck_assert_int_eq(rc_ctx_new(&ctx), 0);
    const char *ok[] = {
        "closing.aiv >= 0",
        "0 <= closing.aiv",
        "closing.count * 2 + 1 == closing.count",
        "(1 + 2) * 3 < closing.count",
        "closing.aiv / closing.count <= share_price",
        "closing.count * (share_price - closing.price) <= closing.aiv",
        "closing.count / opening.count == 2",
        "abs(closing.count - opening.count) < 10",
        "max(closing.term, 1) <= contractual_term",
        "present(closing.price) or not present(closing.fair_value)",
        "present(closing.price < 1)",
        "exercised.count × exercised.price ≤ closing.count × closing.price",
        "previous.previous.closing.count == opening.count",
        "sum(previous.additions.count) >= 0",
    };
    for (size_t k = 0; k < sizeof ok / sizeof *ok; k++) {
        rc_node *n = NULL;
        ck_assert_msg(compile(&pool, ok[k], RC_EACH_ROLLFORWARD, &n, ctx) == 0, "'%s': %s", ok[k],
                      rc_ctx_error(ctx));
        ck_assert(n->boolean);
    }
    rc_node *n = NULL;
    ck_assert_int_eq(compile(&pool, "closing.count * closing.price", RC_EACH_ROLLFORWARD, &n, ctx),
                     0);
    ck_assert(!n->boolean);
    char buf[64];
    ck_assert_str_eq(rc_rules__dim_name(&n->dim, buf, sizeof buf), "money");
    ck_assert(!rc_rules__uses_previous(n));
    ck_assert_int_eq(
        compile(&pool, "opening.count == previous.closing.count", RC_EACH_ROLLFORWARD, &n, ctx), 0);
    ck_assert(rc_rules__uses_previous(n));
    rc_rules__pool_clear(&pool);
    rc_ctx_free(ctx);
}
END_TEST

START_TEST(test_lists_and_each)
{
    ERR("additions.count > 0", "expr:1:1: error: a movement list outside sum() 'additions.count'");
    ERR("sum(additions.count * deductions.price) > 0",
        "expr:1:23: error: sum() over two different lists 'deductions.price'");
    ERR("sum(additions.count * previous.additions.price) > 0",
        "expr:1:23: error: sum() over two different lists 'previous.additions.price'");
    ERR("sum(1) > 0",
        "expr:1:1: error: sum() without a list (movements, additions, deductions, parts or "
        "ranges) 'sum(1)'");
    ERR("sum(sum(additions.count)) > 0", "expr:1:5: error: sum() inside sum() 'sum'");
    ERR("sum(additions.aiv) > 0", "expr:1:5: error: unknown name 'additions.aiv' (additions has "
                                  "count, signed_count, price, fair_value)");
    ERR("movement.count > 0",
        "expr:1:1: error: a name that needs \"each\": \"movement\" in the rule 'movement.count'");
    ERR("balance.aiv > 0",
        "expr:1:1: error: a name that needs \"each\": \"balance\" in the rule 'balance.aiv'");
    ERR("duplicate.first == duplicate.second",
        "expr:1:1: error: a name that needs \"each\": \"duplicate\" in the rule "
        "'duplicate.first'");
    error_case(__LINE__, "previous.movement.count > 0", RC_EACH_MOVEMENT,
               "expr:1:1: error: previous. of a name that is checked one by one "
               "'previous.movement.count'",
               NULL);
    error_case(__LINE__, "balance.count > 0", RC_EACH_MOVEMENT,
               "expr:1:1: error: a name that needs \"each\": \"balance\" in the rule "
               "'balance.count'",
               NULL);
    error_case(__LINE__, "duplicate.first == closing.count", RC_EACH_DUPLICATE,
               "expr:1:17: error: units do not match (the duplicated quantity vs shares) "
               "'duplicate.first == closing.count'",
               NULL);
    /* the same names compile where the rule says what a check is */
    rc_pool pool;
    rc_ctx *ctx;
    ck_assert_int_eq(rc_rules__pool_init(&pool), 0);
    ck_assert_int_eq(rc_ctx_new(&ctx), 0);
    rc_node *n = NULL;
    ck_assert_int_eq(
        compile(&pool, "movement.raw >= 0 or movement.signed", RC_EACH_MOVEMENT, &n, ctx), 0);
    ck_assert_int_eq(
        compile(&pool, "balance.aiv <= balance.count * share_price", RC_EACH_BALANCE, &n, ctx), 0);
    ck_assert_int_eq(
        compile(&pool, "duplicate.second == duplicate.first", RC_EACH_DUPLICATE, &n, ctx), 0);
    rc_rules__pool_clear(&pool);
    rc_ctx_free(ctx);
}
END_TEST

START_TEST(test_depth)
{
    /* 10,000 levels of anything give a clean error, not a stack overflow */
    size_t deep = 10000;
    const char *units[] = {"(", "not ", "-"};
    for (size_t u = 0; u < 3; u++) {
        size_t ul = strlen(units[u]);
        char *s = malloc(deep * (ul + 1) + 16);
        size_t n = 0;
        for (size_t k = 0; k < deep; k++) {
            memcpy(s + n, units[u], ul);
            n += ul;
        }
        memcpy(s + n, "1 > 0", 5);
        n += 5;
        if (u == 0)
            for (size_t k = 0; k < deep; k++)
                s[n++] = ')';
        s[n] = '\0';
        rc_pool pool;
        rc_ctx *ctx;
        ck_assert_int_eq(rc_rules__pool_init(&pool), 0);
        ck_assert_int_eq(rc_ctx_new(&ctx), 0);
        rc_node *node = NULL;
        ck_assert_int_eq(compile(&pool, s, RC_EACH_ROLLFORWARD, &node, ctx), RC_ESYNTAX);
        ck_assert_msg(strstr(rc_ctx_error(ctx), "expression nested too deeply (more than 200 "
                                                "levels)") != NULL,
                      "%s", rc_ctx_error(ctx));
        rc_rules__pool_clear(&pool);
        rc_ctx_free(ctx);
        free(s);
    }
    /* a long flat chain makes a deep tree too */
    char flat[4096] = "1";
    for (int k = 0; k < 300; k++)
        strcat(flat, " + 1");
    strcat(flat, " > 0");
    rc_pool pool;
    rc_ctx *ctx;
    ck_assert_int_eq(rc_rules__pool_init(&pool), 0);
    ck_assert_int_eq(rc_ctx_new(&ctx), 0);
    rc_node *node = NULL;
    ck_assert_int_eq(compile(&pool, flat, RC_EACH_ROLLFORWARD, &node, ctx), RC_ESYNTAX);
    ck_assert(strstr(rc_ctx_error(ctx), "nested too deeply") != NULL);
    /* 100 levels are fine */
    char ok[512] = "";
    for (int k = 0; k < 100; k++)
        strcat(ok, "(");
    strcat(ok, "1");
    for (int k = 0; k < 100; k++)
        strcat(ok, ")");
    strcat(ok, " > 0");
    ck_assert_msg(compile(&pool, ok, RC_EACH_ROLLFORWARD, &node, ctx) == 0, "%s",
                  rc_ctx_error(ctx));
    rc_rules__pool_clear(&pool);
    rc_ctx_free(ctx);
}
END_TEST

/* ---- evaluation ----------------------------------------------------------------------------- */

START_TEST(test_eval_values)
{
    fixture fx;
    fixture_init(&fx);
    rc_env e = env_of(&fx, fx.rf);
    EVAL("opening.count", &e, "1000");
    EVAL("opening.price", &e, "9.995..10.005"); /* a shown price is the interval it rounds */
    EVAL("closing.aiv", &e, "1199.5..1200.5");  /* only counts shown to the unit are exact */
    EVAL("closing.term", &e, "4.45..4.55");
    EVAL("1.5", &e, "1.5");
    EVAL("-opening.count", &e, "-1000");
    EVAL("closing.fair_value", &e, "absent: closing.fair_value is not reported");
    EVAL("vested_expected.count", &e, "absent: vested_expected.count is not reported");
    EVAL("share_price", &e, "absent: share_price is not reported");
    EVAL("contractual_term", &e, "absent: contractual_term is not reported");
    /* roles: magnitudes, zero when the table shows no such row */
    EVAL("granted.count", &e, "200");
    EVAL("exercised.count", &e, "100");
    EVAL("cancelled.count", &e, "0");
    EVAL("exercised.price", &e, "7.995..8.005");
    EVAL("cancelled.price", &e, "absent: cancelled.price is not reported");
    EVAL("expired.price", &e, "absent: expired.price is not reported");
    /* previous */
    EVAL("previous.closing.count", &e, "1000");
    EVAL("previous.previous.closing.count", &e, "absent: no previous period");
    EVAL("previous.granted.count", &e, "absent: no movements reported");
    /* functions */
    EVAL("abs(0 - opening.count)", &e, "1000");
    EVAL("abs(opening.price - 10)", &e, "0..0.005");
    EVAL("min(opening.count, closing.count)", &e, "1000");
    EVAL("max(opening.count, closing.count, 2000)", &e, "2000");
    EVAL("min(opening.price, 10)", &e, "9.995..10");
    EVAL("min(opening.price, closing.fair_value * 1)", &e,
         "absent: closing.fair_value is not reported");
    fixture_free(&fx);
}
END_TEST

START_TEST(test_eval_sums)
{
    fixture fx;
    fixture_init(&fx);
    rc_env e = env_of(&fx, fx.rf);
    EVAL("sum(additions.count)", &e, "200");
    EVAL("sum(deductions.count)", &e, "150");
    EVAL("sum(movements.count)", &e, "350");
    EVAL("sum(movements.signed_count)", &e, "50");
    EVAL("sum(deductions.signed_count)", &e, "-150");
    /* the expired row (0, no price) contributes an exact zero */
    EVAL("sum(deductions.count * deductions.price)", &e, "1249.25..1250.75");
    EVAL("opening.count + sum(additions.count) - sum(deductions.count) == closing.count", &e,
         "true");
    EVAL("(opening.count * opening.price + sum(additions.count * additions.price) - "
         "sum(deductions.count * deductions.price)) / closing.count",
         &e, "10.707857142857..10.720714285714");
    /* an empty list sums to an exact zero */
    rc_env b = env_of(&fx, fx.signed_);
    fx.signed_->movements[1].direction = +1;
    EVAL("sum(deductions.count)", &b, "0");
    /* a list needs movements; a movement without a direction makes it n/a */
    fx.signed_->movements[1].direction = 0;
    EVAL("sum(additions.count)", &b, "n/a: movement 'Other changes' has no direction");
    EVAL("sum(movements.count)", &b, "n/a: movement 'Other changes' has no direction");
    EVAL("other.count", &b, "5"); /* a role does not need the direction */
    fx.signed_->movements[1].label = NULL;
    EVAL("sum(movements.count)", &b, "n/a: movement 'other' has no direction");
    rc_env bare = env_of(&fx, fx.bare);
    EVAL("sum(additions.count)", &bare, "absent: no movements reported");
    EVAL("granted.count", &bare, "absent: no movements reported");
    EVAL("opening.count + sum(additions.count) == closing.count", &bare,
         "absent: no movements reported");
    EVAL("sum(previous.deductions.count)", &bare, "150");
    fixture_free(&fx);
}
END_TEST

START_TEST(test_eval_roles_several)
{
    fixture fx;
    fixture_init(&fx);
    movement(fx.m, fx.rf, RC_ROLE_GRANTED, "Granted to directors", "50", "11.00");
    rc_env e = env_of(&fx, fx.rf);
    EVAL("granted.count", &e, "250");
    EVAL("granted.price", &e, "absent: granted.price: more than one granted movement");
    /* a role row without a count */
    movement(fx.m, fx.rf, RC_ROLE_CANCELLED, "Cancelled", NULL, "3.00");
    e = env_of(&fx, fx.rf);
    EVAL("cancelled.count", &e, "absent: cancelled.count is not reported");
    EVAL("cancelled.price", &e, "2.995..3.005");
    fixture_free(&fx);
}
END_TEST

START_TEST(test_eval_zero_times_anything)
{
    fixture fx;
    fixture_init(&fx);
    rc_env e = env_of(&fx, fx.rf);
    EVAL("0 * closing.fair_value", &e, "0");
    EVAL("closing.fair_value * 0", &e, "0");
    EVAL("expired.count * expired.price", &e, "0");
    EVAL("cancelled.count * cancelled.price", &e, "0");
    EVAL("0 * (closing.count / (opening.count - 1000))", &e, "0");
    /* only an exact zero: a rounded 0.00 holds more than zero */
    EVAL("(opening.price - 10.00) * closing.fair_value", &e,
         "absent: closing.fair_value is not reported");
    EVAL("1 * closing.fair_value", &e, "absent: closing.fair_value is not reported");
    fixture_free(&fx);
}
END_TEST

START_TEST(test_eval_compare_and_logic)
{
    fixture fx;
    fixture_init(&fx);
    rc_env e = env_of(&fx, fx.rf);
    /* == holds when the intervals meet; != is not that */
    EVAL("opening.price == 10", &e, "true");
    EVAL("opening.price == 10.005", &e, "true");
    EVAL("opening.price == 10.006", &e, "false");
    EVAL("opening.price != 10.006", &e, "true");
    EVAL("opening.price != 10", &e, "false");
    EVAL("opening.price <= 9.995", &e, "true");
    EVAL("opening.price < 9.995", &e, "false");
    EVAL("opening.price >= 10.005", &e, "true");
    EVAL("opening.price > 10.005", &e, "false");
    EVAL("opening.count ≥ closing.count", &e, "false");
    EVAL("opening.count ≠ closing.count", &e, "true");
    /* Kleene: false dominates and, true dominates or */
    EVAL("closing.fair_value > 0 and 1 > 2", &e, "false");
    EVAL("1 > 2 and closing.fair_value > 0", &e, "false");
    EVAL("closing.fair_value > 0 and 1 < 2", &e, "absent: closing.fair_value is not reported");
    EVAL("closing.fair_value > 0 or 1 < 2", &e, "true");
    EVAL("closing.fair_value > 0 or 1 > 2", &e, "absent: closing.fair_value is not reported");
    EVAL("not closing.fair_value > 0", &e, "absent: closing.fair_value is not reported");
    EVAL("not 1 > 2", &e, "true");
    EVAL("not not 1 > 2", &e, "false");
    EVAL("1 < 2 and 2 < 3 or 3 < 1", &e, "true");
    /* present() is never unknown */
    EVAL("present(closing.fair_value)", &e, "false");
    EVAL("present(closing.count)", &e, "true");
    EVAL("present(closing.count / (opening.count - 1000))", &e, "false");
    EVAL("present(closing.fair_value > 0)", &e, "false");
    EVAL("present(1 > 2)", &e, "true");
    fixture_free(&fx);
}
END_TEST

START_TEST(test_eval_division_and_units)
{
    fixture fx;
    fixture_init(&fx);
    rc_env e = env_of(&fx, fx.rf);
    EVAL("closing.count / (opening.count - 1000)", &e,
         "n/a: division by zero: (opening.count - 1000) may be zero");
    EVAL("closing.count / cancelled.count", &e,
         "n/a: division by zero: cancelled.count may be zero");
    EVAL("closing.aiv / closing.count", &e, "1.142380952381..1.143333333333");
    /* an interval that straddles zero is a possible zero too */
    EVAL("1 / (opening.price - 10)", &e, "n/a: division by zero: (opening.price - 10) may be zero");
    /* currencies: a price in USD and money in CNY never meet */
    fx.rf->currency = "USD";
    ((rc_fact *)rc_closing(fx.rf)->aiv)->currency = "CNY";
    EVAL("closing.aiv - closing.count * closing.price", &e, "n/a: units differ: CNY vs USD");
    EVAL("closing.aiv / closing.count <= closing.price", &e, "n/a: units differ: CNY vs USD");
    EVAL("closing.aiv >= 0", &e, "true");
    EVAL("closing.count * closing.price", &e, "10914.75..10925.25");
    EVAL("max(closing.aiv, closing.count * closing.price)", &e, "n/a: units differ: CNY vs USD");
    /* a count has no currency: combining it with either is fine */
    EVAL("closing.aiv / closing.count > 0", &e, "true");
    fixture_free(&fx);
}
END_TEST

START_TEST(test_eval_each)
{
    fixture fx;
    fixture_init(&fx);
    rc_env e = env_of(&fx, fx.rf);
    e.movement = &fx.rf->movements[1]; /* exercised (100) */
    eval_case(__LINE__, "movement.count", RC_EACH_MOVEMENT, &e, "100");
    eval_case(__LINE__, "movement.signed_count", RC_EACH_MOVEMENT, &e, "-100");
    eval_case(__LINE__, "movement.raw", RC_EACH_MOVEMENT, &e, "100"); /* displayed: magnitude */
    eval_case(__LINE__, "movement.signed", RC_EACH_MOVEMENT, &e, "false");
    eval_case(__LINE__, "movement.price", RC_EACH_MOVEMENT, &e, "7.995..8.005");
    fx.rf->signs = RC_SIGNS_STORED;
    eval_case(__LINE__, "movement.raw", RC_EACH_MOVEMENT, &e, "-100"); /* stored: as stored */
    eval_case(__LINE__, "movement.raw >= 0", RC_EACH_MOVEMENT, &e, "false");
    eval_case(__LINE__, "movement.count", RC_EACH_MOVEMENT, &e, "100");
    e.movement = &fx.rf->movements[3]; /* expired 0, no price */
    eval_case(__LINE__, "movement.price", RC_EACH_MOVEMENT, &e,
              "absent: movement.price is not reported");

    rc_env s = env_of(&fx, fx.signed_);
    s.movement = &fx.signed_->movements[1];
    eval_case(__LINE__, "movement.signed", RC_EACH_MOVEMENT, &s, "true");
    eval_case(__LINE__, "movement.signed_count", RC_EACH_MOVEMENT, &s,
              "n/a: movement 'Other changes' has no direction");

    rc_env b = env_of(&fx, fx.rf);
    b.line = RC_LINE_CLOSING;
    eval_case(__LINE__, "balance.count", RC_EACH_BALANCE, &b, "1050");
    eval_case(__LINE__, "balance.at_end", RC_EACH_BALANCE, &b, "true");
    eval_case(__LINE__, "balance.term <= 10", RC_EACH_BALANCE, &b, "true");
    b.line = RC_LINE_OPENING;
    eval_case(__LINE__, "balance.at_end", RC_EACH_BALANCE, &b, "false");
    eval_case(__LINE__, "balance.aiv", RC_EACH_BALANCE, &b, "absent: opening.aiv is not reported");
    b.line = RC_LINE_EXERCISABLE;
    eval_case(__LINE__, "balance.count <= closing.count", RC_EACH_BALANCE, &b, "true");

    rc_env d = env_of(&fx, fx.rf);
    d.first = rc_opening(fx.rf)->count;
    d.second = num(fx.m, RC_KIND_COUNT, "1,100");
    eval_case(__LINE__, "duplicate.first == duplicate.second", RC_EACH_DUPLICATE, &d, "false");
    eval_case(__LINE__, "duplicate.second - duplicate.first", RC_EACH_DUPLICATE, &d, "100");
    d.second = num(fx.m, RC_KIND_COUNT, "1,000");
    eval_case(__LINE__, "duplicate.first == duplicate.second", RC_EACH_DUPLICATE, &d, "true");
    fixture_free(&fx);
}
END_TEST

START_TEST(test_eval_fact_tracking)
{
    /* a value remembers the one fact it is, and whether its accuracy was widened */
    fixture fx;
    fixture_init(&fx);
    rc_fact *p = num(fx.m, RC_KIND_PRICE, "5.877");
    p->value.decimals = RC_DECIMALS_INF; /* a rounded value tagged as exact */
    fx.rf->share_price = p;
    rc_pool pool;
    rc_ctx *ctx;
    ck_assert_int_eq(rc_rules__pool_init(&pool), 0);
    ck_assert_int_eq(rc_ctx_new(&ctx), 0);
    rc_env e = env_of(&fx, fx.rf);
    rc_val v;
    rc_rules__val_init(&v);
    rc_node *n = NULL;
    ck_assert_int_eq(compile(&pool, "share_price", RC_EACH_ROLLFORWARD, &n, ctx), 0);
    rc_rules__eval(n, &e, &v);
    ck_assert(v.fact == p);
    ck_assert(v.widened);
    char *got = describe(&v);
    ck_assert_str_eq(got, "5.8765..5.8775");
    free(got);
    ck_assert_int_eq(compile(&pool, "share_price * closing.count", RC_EACH_ROLLFORWARD, &n, ctx),
                     0);
    rc_rules__eval(n, &e, &v);
    ck_assert(v.fact == NULL);
    ck_assert(v.widened);
    ck_assert_int_eq(compile(&pool, "exercised.count", RC_EACH_ROLLFORWARD, &n, ctx), 0);
    rc_rules__eval(n, &e, &v);
    ck_assert(v.fact == fx.rf->movements[1].count);
    ck_assert(v.magnitude);
    ck_assert(!v.widened);
    rc_rules__val_clear(&v);
    rc_rules__pool_clear(&pool);
    rc_ctx_free(ctx);
    fixture_free(&fx);
}
END_TEST

/* ---- totals and their parts, restatements, the accuracy documents show ------------------ */

START_TEST(test_parts_names)
{
    ERR("parts.closing.count > 0",
        "expr:1:1: error: a name of the parts outside sum() 'parts.closing.count'");
    ERR("sum(parts) > 0",
        "expr:1:5: error: incomplete name 'parts' (parts.NAME is NAME in each part, inside sum())");
    ERR("sum(parts.additions.count) > 0",
        "expr:1:5: error: a movement list cannot follow parts. (sums do not nest) "
        "'parts.additions.count'");
    ERR("sum(previous.parts.closing.count) > 0",
        "expr:1:5: error: the parts of a previous period cannot be named "
        "'previous.parts.closing.count'");
    ERR("sum(parts.previous.closing.count) > 0",
        "expr:1:5: error: previous. cannot follow parts. 'parts.previous.closing.count'");
    ERR("sum(parts.closing.count + additions.count) > 0",
        "expr:1:27: error: sum() over two different lists 'additions.count'");
    ERR("sum(parts.closing.count) == closing.price",
        "expr:1:26: error: units do not match (shares vs money per share) "
        "'sum(parts.closing.count) == closing.price'");
    ERR("sum(parts.closing.bogus) > 0",
        "expr:1:5: error: unknown name 'parts.closing.bogus' (closing has count, price, "
        "fair_value, aiv, term)");
    ERR("same_role.count > 0",
        "expr:1:1: error: a name that needs \"each\": \"movement\" in the rule 'same_role.count'");
    ERR("duplicate.same_filing",
        "expr:1:1: error: a name that needs \"each\": \"duplicate\" in the rule "
        "'duplicate.same_filing'");
    error_case(__LINE__, "sum(parts.movement.count) > 0", RC_EACH_MOVEMENT,
               "expr:1:5: error: parts.movement is not a name: the movements of the same role in "
               "each part are parts.same_role 'parts.movement.count'",
               NULL);
    error_case(__LINE__, "sum(parts.duplicate.first) > 0", RC_EACH_DUPLICATE,
               "expr:1:5: error: a duplicate cannot follow parts. 'parts.duplicate.first'", NULL);
    error_case(__LINE__, "duplicate.same_filing > 0", RC_EACH_DUPLICATE,
               "expr:1:1: error: '>' needs a number, not a boolean 'duplicate.same_filing'", NULL);
    /* what compiles, and what a rule is about */
    rc_pool pool;
    rc_ctx *ctx;
    ck_assert_int_eq(rc_rules__pool_init(&pool), 0);
    ck_assert_int_eq(rc_ctx_new(&ctx), 0);
    rc_node *n = NULL;
    ck_assert_int_eq(compile(&pool,
                             "sum(parts.closing.count * parts.closing.price) / "
                             "sum(parts.closing.count) == closing.price",
                             RC_EACH_ROLLFORWARD, &n, ctx),
                     0);
    ck_assert(rc_rules__uses_parts(n));
    ck_assert(!rc_rules__uses_same_role(n));
    ck_assert_str_eq(rc_rules__subject_ref(n)->text, "closing.price");
    ck_assert_int_eq(
        compile(&pool, "sum(parts.same_role.count) == same_role.count", RC_EACH_MOVEMENT, &n, ctx),
        0);
    ck_assert(rc_rules__uses_parts(n));
    ck_assert(rc_rules__uses_same_role(n));
    ck_assert_int_eq(rc_rules__subject(n, RC_REF_MOVEMENT), RC_FIELD_COUNT);
    ck_assert_int_eq(
        compile(&pool, "sum(parts.balance.aiv) == balance.aiv", RC_EACH_BALANCE, &n, ctx), 0);
    ck_assert_int_eq(rc_rules__subject(n, RC_REF_EACH_BALANCE), RC_FIELD_AIV);
    ck_assert_int_eq(compile(&pool, "sum(additions.count) > 0", RC_EACH_ROLLFORWARD, &n, ctx), 0);
    ck_assert(!rc_rules__uses_parts(n));
    ck_assert_int_eq(compile(&pool, "not duplicate.same_filing", RC_EACH_DUPLICATE, &n, ctx), 0);
    ck_assert(n->boolean);
    rc_rules__pool_clear(&pool);
    rc_ctx_free(ctx);
}
END_TEST

/* A part of fx.rf: the same period with one more member. */
static rc_rollforward *part_of(fixture *fx, const char *member, const char *open,
                               const char *granted, const char *exercised, const char *close,
                               const char *aiv)
{
    rc_model *m = fx->m;
    rc_rollforward *p = rollforward(m, 2021);
    const char *members[] = {member};
    ck_assert_int_eq(rc_model_set_members(m, p, members, 1), 0);
    rc_opening(p)->count = num(m, RC_KIND_COUNT, open);
    if (granted) movement(m, p, RC_ROLE_GRANTED, "Granted", granted, "12.50");
    if (exercised) movement(m, p, RC_ROLE_EXERCISED, "Exercised", exercised, "8.00");
    rc_closing(p)->count = num(m, RC_KIND_COUNT, close);
    if (aiv) rc_closing(p)->aiv = num(m, RC_KIND_MONEY, aiv);
    return p;
}

START_TEST(test_eval_parts)
{
    fixture fx;
    fixture_init(&fx);
    const rc_rollforward *parts[3];
    parts[0] = part_of(&fx, "Plan A", "600", "150", "(100)", "650", "700");
    parts[1] = part_of(&fx, "Plan B", "400", "50", NULL, "400", "500");
    rc_env e = env_of(&fx, fx.rf);
    e.parts = parts;
    e.nparts = 2;
    EVAL("sum(parts.closing.count)", &e, "1050");
    EVAL("sum(parts.opening.count) == opening.count", &e, "true");
    EVAL("sum(parts.closing.aiv)", &e, "1199..1201");
    EVAL("sum(parts.granted.count)", &e, "200");
    EVAL("sum(parts.exercised.count)", &e, "100"); /* Plan B shows no exercised row: zero */
    EVAL("sum(parts.closing.price)", &e, "absent: parts.closing.price is not reported");
    EVAL("sum(parts.closing.count * closing.price)", &e, "10914.75..10925.25");
    /* the movement of the same role in each part, and in the total */
    rc_env mv = e;
    mv.movement = &fx.rf->movements[1]; /* exercised (100) */
    eval_case(__LINE__, "sum(parts.same_role.count) == same_role.count", RC_EACH_MOVEMENT, &mv,
              "true");
    eval_case(__LINE__, "same_role.price", RC_EACH_MOVEMENT, &mv, "7.995..8.005");
    eval_case(__LINE__, "sum(parts.same_role.price)", RC_EACH_MOVEMENT, &mv,
              "absent: parts.exercised.price is not reported"); /* Plan B has none */
    mv.movement = &fx.rf->movements[3];                         /* expired 0: no part shows one */
    eval_case(__LINE__, "sum(parts.same_role.count)", RC_EACH_MOVEMENT, &mv, "0");
    eval_case(__LINE__, "same_role.price", RC_EACH_MOVEMENT, &mv,
              "absent: expired.price is not reported");
    movement(fx.m, fx.rf, RC_ROLE_EXERCISED, "Exercised (net)", "(20)", "9.00");
    mv.movement = &fx.rf->movements[1];
    eval_case(__LINE__, "same_role.count", RC_EACH_MOVEMENT, &mv, "120");
    eval_case(__LINE__, "same_role.price", RC_EACH_MOVEMENT, &mv,
              "absent: exercised.price: more than one exercised movement");
    /* the same row of each part */
    rc_env row = e;
    row.line = RC_LINE_CLOSING;
    eval_case(__LINE__, "sum(parts.balance.aiv) == balance.aiv", RC_EACH_BALANCE, &row, "true");
    row.line = RC_LINE_EXERCISABLE;
    eval_case(__LINE__, "sum(parts.balance.count)", RC_EACH_BALANCE, &row,
              "absent: parts.exercisable.count is not reported");
    /* a part without movements, an ambiguous part, no parts */
    parts[2] = part_of(&fx, "Plan C", "0", NULL, NULL, "0", NULL);
    e.nparts = 3;
    EVAL("sum(parts.closing.count)", &e, "1050");
    EVAL("sum(parts.granted.count)", &e, "absent: a part reports no movements");
    ((rc_rollforward *)parts[2])->flags |= RC_RF_AMBIGUOUS;
    EVAL("sum(parts.closing.count)", &e, "n/a: the table's layout is ambiguous");
    e.nparts = 0;
    EVAL("sum(parts.closing.count)", &e, "absent: no parts reported");
    fixture_free(&fx);
}
END_TEST

START_TEST(test_eval_same_filing)
{
    fixture fx;
    fixture_init(&fx);
    rc_env d = env_of(&fx, fx.rf);
    rc_fact *a = num(fx.m, RC_KIND_COUNT, "1,000"), *b = num(fx.m, RC_KIND_COUNT, "1,100");
    d.first = a;
    d.second = b;
    eval_case(__LINE__, "duplicate.same_filing", RC_EACH_DUPLICATE, &d, "true"); /* no filings */
    a->filing = "0000320193-22-000108";
    eval_case(__LINE__, "duplicate.same_filing", RC_EACH_DUPLICATE, &d, "false");
    b->filing = "0000320193-23-000106";
    eval_case(__LINE__, "duplicate.same_filing", RC_EACH_DUPLICATE, &d, "false");
    eval_case(__LINE__, "not duplicate.same_filing", RC_EACH_DUPLICATE, &d, "true");
    b->filing = rc_model_strdup(fx.m, "0000320193-22-000108"); /* equal text, other pointer */
    eval_case(__LINE__, "duplicate.same_filing", RC_EACH_DUPLICATE, &d, "true");
    fixture_free(&fx);
}
END_TEST

START_TEST(test_eval_shown_accuracy)
{
    fixture fx;
    fixture_init(&fx);
    rc_model *m = fx.m;
    /* "1,500" in thousands tagged INF; "1,500" shown to the unit tagged INF; a price
     * "10.71" tagged 4 (already taken as rounded where its text ends) */
    rc_fact *k = rc_model_new_fact(m);
    k->kind = RC_KIND_COUNT;
    ck_assert_int_eq(rc_value_parse(&k->value, "1,500", 5, 3, RC_PARSE_TABLE, NULL, NULL), 0);
    k->value.decimals = RC_DECIMALS_INF;
    rc_fact *units = num(m, RC_KIND_COUNT, "1,500");
    units->value.decimals = RC_DECIMALS_INF;
    rc_fact *price = num(m, RC_KIND_PRICE, "10.71");
    price->value.decimals = 4;
    rc_closing(fx.rf)->count = k;
    rc_opening(fx.rf)->count = units;
    rc_closing(fx.rf)->price = price;
    rc_env e = env_of(&fx, fx.rf);
    EVAL("closing.count", &e, "1500000");
    EVAL("closing.price", &e, "10.705..10.715");
    rc_coarse coarse;
    memset(&coarse, 0, sizeof coarse);
    e.shown_accuracy = true;
    e.coarse = &coarse;
    EVAL("closing.count", &e, "1499500..1500500");
    EVAL("opening.count", &e, "1500"); /* a count shown to the unit is whole */
    EVAL("closing.price", &e, "10.705..10.715");
    EVAL("closing.count + closing.count", &e, "2999000..3001000");
    ck_assert_uint_eq(coarse.n, 1); /* only the count in thousands, once */
    ck_assert_ptr_eq(coarse.facts[0], k);
    ck_assert_uint_eq(coarse.more, 0);
    /* movement counts too, through a role of several movements */
    rc_fact *g = rc_model_new_fact(m);
    g->kind = RC_KIND_COUNT;
    ck_assert_int_eq(rc_value_parse(&g->value, "2", 1, 3, RC_PARSE_TABLE, NULL, NULL), 0);
    g->value.decimals = 0;
    movement(m, fx.rf, RC_ROLE_GRANTED, "Granted to directors", NULL, NULL);
    fx.rf->movements[fx.rf->nmovements - 1].count = g;
    EVAL("granted.count", &e, "1700..2700");
    ck_assert_uint_eq(coarse.n, 2);
    ck_assert_ptr_eq(coarse.facts[1], g);
    fixture_free(&fx);
}
END_TEST

int main(void)
{
    Suite *s = suite_create("expr");
    struct {
        const char *name;
        const TTest *test;
    } cases[] = {
        {"lexer tokens", test_lexer_tokens},
        {"lexer errors", test_lexer_errors},
        {"parse errors", test_parse_errors},
        {"parse caret", test_parse_caret},
        {"types and dimensions", test_types},
        {"lists and each", test_lists_and_each},
        {"nesting depth", test_depth},
        {"values", test_eval_values},
        {"sums", test_eval_sums},
        {"several movements of a role", test_eval_roles_several},
        {"zero times anything", test_eval_zero_times_anything},
        {"comparisons and logic", test_eval_compare_and_logic},
        {"division and units", test_eval_division_and_units},
        {"each movement, balance, duplicate", test_eval_each},
        {"facts and widening", test_eval_fact_tracking},
        {"parts and same_role names", test_parts_names},
        {"parts", test_eval_parts},
        {"same filing", test_eval_same_filing},
        {"the accuracy documents show", test_eval_shown_accuracy},
    };
    for (size_t k = 0; k < sizeof cases / sizeof *cases; k++) {
        TCase *tc = tcase_create(cases[k].name);
        tcase_add_test(tc, cases[k].test);
        suite_add_tcase(s, tc);
    }
    SRunner *sr = srunner_create(s);
    srunner_run_all(sr, CK_NORMAL);
    int failed = srunner_ntests_failed(sr);
    srunner_free(sr);
    return failed ? EXIT_FAILURE : EXIT_SUCCESS;
}
