/*
 * The rule expression language: lexer, parser (compiler to a typed tree
 * whose names are resolved to slots) and evaluator.  Private to src/rules/.
 *
 * Everything a compiled expression holds lives in an rc_pool: strings and
 * nodes in its arena, and every interval it made is registered so that the
 * pool can clear them (GMP memory is not arena memory).
 */
#ifndef RC_RULES_EXPR_H
#define RC_RULES_EXPR_H

#include <stdbool.h>
#include <stddef.h>

#include "common/util.h"
#include "rollcheck/check.h"
#include "rollcheck/model.h"
#include "rollcheck/number.h"
#include "rollcheck/rules.h"

/* Deepest nesting a parsed expression may have (parse recursion and tree
 * height): keeps the recursive parser and evaluator far from the stack's end. */
#define RC_EXPR_MAX_DEPTH 200

/* ---- pool --------------------------------------------------------------------- */

typedef struct rc_pool {
    rc_arena *arena;
    rc_interval **ivs; /* every interval made by rc_rules__pool_interval */
    size_t nivs, cap;
} rc_pool;

int rc_rules__pool_init(rc_pool *pool);   /* RC_OK or RC_ENOMEM */
void rc_rules__pool_clear(rc_pool *pool); /* clears the intervals, frees the arena */
/* A new initialised interval, cleared by rc_rules__pool_clear; NULL on ENOMEM. */
rc_interval *rc_rules__pool_interval(rc_pool *pool);

/* ---- lexer -------------------------------------------------------------------- */

typedef enum rc_tok {
    RC_TOK_END = 0,
    RC_TOK_NUMBER,
    RC_TOK_NAME,
    RC_TOK_LPAREN,
    RC_TOK_RPAREN,
    RC_TOK_COMMA,
    RC_TOK_PLUS,
    RC_TOK_MINUS, /* "-" or U+2212 */
    RC_TOK_STAR,  /* "*" or U+00D7 */
    RC_TOK_SLASH, /* "/" or U+00F7 */
    RC_TOK_EQ,
    RC_TOK_NE, /* "!=" or U+2260 */
    RC_TOK_LT,
    RC_TOK_LE, /* "<=" or U+2264 */
    RC_TOK_GT,
    RC_TOK_GE, /* ">=" or U+2265 */
    RC_TOK_AND,
    RC_TOK_OR,
    RC_TOK_NOT,
    RC_TOK_ERROR
} rc_tok;

typedef struct rc_token {
    rc_tok kind;
    size_t off, len;   /* its bytes in the expression */
    const char *error; /* RC_TOK_ERROR: what is wrong, said before the quoted token */
    const char *hint;  /* RC_TOK_ERROR: a hint said after it, or NULL */
} rc_token;

/* Scan the next token of s[0..n) from *pos and move *pos past it.  A number
 * token is only scanned, not converted (the parser uses rc_value_parse). */
void rc_rules__lex(const char *s, size_t n, size_t *pos, rc_token *out);

/* "number", "name", "'('", ... for messages and tests.  Static string. */
const char *rc_rules__tok_name(rc_tok kind);

/* ---- the tree ----------------------------------------------------------------- */

typedef enum rc_op {
    RC_OP_NUM,
    RC_OP_REF,
    RC_OP_NEG,
    RC_OP_ADD,
    RC_OP_SUB,
    RC_OP_MUL,
    RC_OP_DIV,
    RC_OP_CMP,
    RC_OP_AND,
    RC_OP_OR,
    RC_OP_NOT,
    RC_OP_SUM,
    RC_OP_ABS,
    RC_OP_MIN,
    RC_OP_MAX,
    RC_OP_PRESENT,
    RC_OP_COALESCE,   /* the first argument that is reported */
    RC_OP_ROUND,      /* round(x, unit): the multiple of unit nearest x */
    RC_OP_SPLIT_RATIO /* split_ratio(a, b): a / b when it is a stock split's ratio */
} rc_op;

typedef enum rc_rel { RC_REL_EQ, RC_REL_NE, RC_REL_LT, RC_REL_LE, RC_REL_GT, RC_REL_GE } rc_rel;

const char *rc_rules__rel_text(rc_rel rel); /* "==", "!=", ... */
rc_rel rc_rules__rel_negate(rc_rel rel);    /* the relation that holds when rel does not */
rc_rel rc_rules__rel_mirror(rc_rel rel);    /* a rel b  <=>  b mirror(rel) a */

typedef enum rc_refkind {
    /* issued_on_exercise: shares issued on exercise (the equity statement) */
    RC_REF_ISSUED_ON_EXERCISE,
    /* exercise_proceeds: cash received from exercises (the statement of cash flows) */
    RC_REF_EXERCISE_PROCEEDS,
    RC_REF_BALANCE,          /* opening.count ... */
    RC_REF_ROLE,             /* exercised.count ... */
    RC_REF_LIST,             /* additions.count ... (inside sum) */
    RC_REF_SHARE_PRICE,      /* share_price */
    RC_REF_CONTRACTUAL_TERM, /* contractual_term */
    RC_REF_MOVEMENT,         /* movement.* (each movement) */
    RC_REF_EACH_BALANCE,     /* balance.* (each balance) */
    RC_REF_DUPLICATE,        /* duplicate.first / duplicate.second / duplicate.same_filing */
    RC_REF_SAME_ROLE,        /* same_role.* (each movement): the role of the movement */
    RC_REF_COUNT_SCALE,      /* count_scale: the unit most of the roll-forward's counts are
                                shown to (1,000 for thousands) */
    RC_REF_STATEMENT,        /* statement.value / statement.table (each statement) */
    RC_REF_EACH_RANGE        /* range.* (each range of the exercise-price-range table) */
} rc_refkind;

typedef enum rc_field {
    RC_FIELD_COUNT,
    RC_FIELD_PRICE,
    RC_FIELD_FAIR_VALUE,
    RC_FIELD_AIV,
    RC_FIELD_TERM,
    RC_FIELD_SIGNED_COUNT,
    RC_FIELD_RAW,
    RC_FIELD_SIGNED, /* boolean */
    RC_FIELD_AT_END, /* boolean */
    RC_FIELD_FIRST,
    RC_FIELD_SECOND,
    RC_FIELD_SAME_FILING, /* boolean */
    RC_FIELD_VALUE,       /* share_price, contractual_term, issued_on_exercise ...;
                             statement.value: the number the note's text states */
    RC_FIELD_TABLE,       /* statement.table: the table's value for what it states */
    /* a range of the exercise-price-range table (ranges.*, range.*); count, price, term
     * and aiv above are its outstanding options' */
    RC_FIELD_LOW,  /* its lowest exercise price */
    RC_FIELD_HIGH, /* its highest exercise price */
    RC_FIELD_EXERCISABLE_COUNT,
    RC_FIELD_EXERCISABLE_PRICE,
    RC_FIELD_EXERCISABLE_TERM
} rc_field;

typedef enum rc_list {
    RC_LIST_MOVEMENTS,
    RC_LIST_ADDITIONS,
    RC_LIST_DEDUCTIONS,
    RC_LIST_PARTS, /* the parts of a total (one breakdown of it): parts.NAME */
    RC_LIST_RANGES /* the rows of the exercise-price-range table: ranges.NAME */
} rc_list;

typedef struct rc_ref {
    rc_refkind kind;
    bool parts;   /* parts.NAME: NAME evaluated on the list element, a part of the total */
    int previous; /* periods back: previous.previous.x is 2 */
    rc_line line; /* RC_REF_BALANCE */
    rc_role role; /* RC_REF_ROLE */
    rc_list list; /* RC_REF_LIST */
    rc_field field;
} rc_ref;

/* A static dimension: shares^e[0] x money^e[1] x years^e[2] x dup^e[3], the
 * last standing for "whatever quantity a duplicate is". */
#define RC_DIMS 4
typedef struct rc_dim {
    signed char e[RC_DIMS];
} rc_dim;

typedef struct rc_node rc_node;
struct rc_node {
    rc_op op;
    rc_rel rel;       /* RC_OP_CMP */
    bool boolean;     /* its type: boolean, else a number */
    rc_dim dim;       /* numbers: the dimension */
    bool free_dim;    /* numbers made only of literals: the dimension adapts */
    int height;       /* 1 for leaves */
    size_t off, len;  /* its text in the expression */
    const char *text; /* that text, NUL-terminated */
    rc_node *a, *b;   /* operands (unary: a) */
    rc_node **args;   /* RC_OP_MIN / RC_OP_MAX */
    size_t nargs;
    rc_interval *lit; /* RC_OP_NUM: the exact value */
    rc_ref ref;       /* RC_OP_REF */
    rc_list list;     /* RC_OP_SUM: the list it runs over */
    int list_previous;
    /* precomputed reasons: RC_OP_REF "<name> is not reported" (and per row for
     * balance.*), "... more than one ..." for role prices; RC_OP_DIV the
     * division-by-zero reason */
    const char *reason;
    const char *reason_many;
    const char *line_reason[RC_LINE__COUNT];
    /* RC_REF_SAME_ROLE: the same two reasons for each role the movement may have */
    const char *role_reason[RC_ROLE__COUNT];
    const char *role_reason_many[RC_ROLE__COUNT];
};

/* A string of a rule (an expression or a message) and where it was written,
 * for error messages.  With buf NULL the string itself is the document. */
typedef struct rc_exprsrc {
    const char *file; /* name used in messages */
    const char *str;  /* the string, decoded */
    size_t strlen;
    const char *buf; /* the JSON document holding the string, or NULL */
    size_t len;
    size_t quote; /* offset in buf of the string's opening '"' */
} rc_exprsrc;

/*
 * Compile src->str[base..base+len) (a boolean or numeric expression) into
 * *out, allocated in pool.  Names resolve for rules evaluated per `each`.
 * Errors are RC_ESYNTAX (or RC_ENOMEM) with "FILE:LINE:COL: error: ..." and
 * a caret detail in ctx.
 */
int rc_rules__compile(rc_node **out, rc_pool *pool, const rc_exprsrc *src, size_t base, size_t len,
                      rc_rule_each each, rc_ctx *ctx);

/* Compile a single name (a message placeholder) the same way; lists are
 * refused since they only mean something inside sum(). */
int rc_rules__compile_name(rc_node **out, rc_pool *pool, const rc_exprsrc *src, size_t base,
                           size_t len, rc_rule_each each, rc_ctx *ctx);

/* Record an error at offset `off` of src->str: the place in the file, the
 * line and a caret as the detail.  Returns code. */
int rc_rules__fail_at(const rc_exprsrc *src, size_t off, rc_ctx *ctx, int code, const char *fmt,
                      ...) __attribute__((format(printf, 5, 6)));

/* True when the tree names previous.* anywhere. */
bool rc_rules__uses_previous(const rc_node *node);
/* True when the tree sums over parts (sum(parts.NAME)). */
bool rc_rules__uses_parts(const rc_node *node);
/* True when the tree names same_role.* (also as parts.same_role.*). */
bool rc_rules__uses_same_role(const rc_node *node);
/* The fields the tree names of the exercise-price ranges (ranges.F inside sum()), as bits
 * 1u << rc_field; 0 when it sums over no ranges. */
unsigned rc_rules__range_fields(const rc_node *node);
/* The field of the first balance.* (kind RC_REF_EACH_BALANCE) or movement.*
 * (RC_REF_MOVEMENT; same_role.* counts as one) name in node, left to right, not
 * counting parts.*: the value a per-row rule is about (movement.raw and
 * .signed_count count as count); -1 when none. */
int rc_rules__subject(const rc_node *node, rc_refkind kind);
/* The reported value a per-roll-forward rule is about: the reported side (as findings
 * choose it) of the first comparison whose side is a plain name; NULL when none. */
const rc_node *rc_rules__subject_ref(const rc_node *node);

/* "shares", "money per share", ... Static string or written into buf. */
const char *rc_rules__dim_name(const rc_dim *dim, char *buf, size_t size);

/* The field name a reference reports: "count", "price", "aiv", ... */
const char *rc_rules__field_name(rc_field field);

/* ---- evaluation --------------------------------------------------------------- */

typedef enum rc_vtag {
    RC_V_NUMBER,
    RC_V_BOOL,
    RC_V_ABSENT, /* a value is not reported */
    RC_V_NA      /* not applicable: a divisor holds zero, units differ ... */
} rc_vtag;

typedef struct rc_val {
    rc_vtag tag;
    bool truth;           /* RC_V_BOOL */
    rc_interval iv;       /* RC_V_NUMBER (always initialised) */
    const char *currency; /* money and prices: ISO code, or NULL when not stated */
    const char *reason;   /* RC_V_ABSENT / RC_V_NA */
    const rc_fact *fact;  /* set when the value is one reported fact, unchanged */
    bool magnitude;       /* ... used as its magnitude (movement counts) */
    bool widened;         /* a fact's accuracy was widened (rc_fact_interval) */
} rc_val;

void rc_rules__val_init(rc_val *v);
void rc_rules__val_clear(rc_val *v);

/* The facts an evaluation at the accuracy the documents show took as coarser than
 * their decimals declare (the suspects of a tagging defect). */
#define RC_COARSE_MAX 8
typedef struct rc_coarse {
    const rc_fact *facts[RC_COARSE_MAX]; /* the first ones, distinct */
    size_t n;                            /* how many are kept */
    size_t more;                         /* further ones not kept */
} rc_coarse;

/* What one check is evaluated over. */
typedef struct rc_env {
    const rc_rollforward *rf;
    const rc_movement *movement;        /* each movement */
    int line;                           /* each balance: the rc_line, else -1 */
    const rc_fact *first, *second;      /* each duplicate */
    const rc_statement *statement;      /* each statement */
    const rc_range *range;              /* each range */
    bool dup_magnitudes;                /* ... of a movement count whose direction is its
                                           role's: compared as magnitudes */
    const rc_movement *elem;            /* inside sum(): the list element */
    const rc_rollforward *elem_rf;      /* ... and its roll-forward */
    const rc_range *elem_range;         /* inside sum(ranges...): the range */
    const rc_rollforward *const *parts; /* rules naming parts: the breakdown of rf checked */
    size_t nparts;
    const rc_rollforward *part; /* inside sum(parts...): the part */
    bool shown_accuracy;        /* take each fact at the accuracy its document shows
                                   (value.shown) where that is coarser than its decimals */
    rc_coarse *coarse;          /* with shown_accuracy: the facts so taken, or NULL */
    rc_arena *arena;            /* for reasons made while evaluating */
} rc_env;

/* The interval of fact f as this evaluation takes it: rc_fact_interval, or with
 * env->shown_accuracy at the accuracy its document shows (recorded in env->coarse
 * when that is wider).  *widened as rc_fact_interval's (may be NULL). */
void rc_rules__fact_interval(const rc_env *env, rc_interval *dst, const rc_fact *f, bool *widened);

/* Evaluate node in env into out (initialised). */
void rc_rules__eval(const rc_node *node, const rc_env *env, rc_val *out);

#endif
