/*
 * Rule files: reading, validating and compiling them into a rule set.
 *
 * A rule file is checked completely before any of its rules is added, so a
 * file with one bad rule leaves the set as it was.  Every error names the
 * place in the file (the key or value at fault, or the character inside an
 * expression) and carries a caret line, like a compiler's.
 */
#define _XOPEN_SOURCE 700 /* realpath */
#include <errno.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "common/jsondoc.h"
#include "rules/rule.h"

#define MAX_RULE_FILE ((size_t)16 << 20)
#define MAX_ID_DIGITS 9

struct rc_ruleset {
    rc_pool pool;
    rc_rule **rules; /* in force, disabled ones too, sorted by id */
    size_t n, cap;
    rc_rule **enabled; /* the enabled ones, in the same order */
    size_t nenabled;
};

/* ---- small public helpers ------------------------------------------------------ */

const char *rc_severity_name(rc_severity s)
{
    switch (s) {
    case RC_SEVERITY_INFO:
        return "info";
    case RC_SEVERITY_WARNING:
        return "warning";
    case RC_SEVERITY_ERROR:
        return "error";
    }
    return "?";
}

int rc_severity_parse(rc_severity *out, const char *name)
{
    for (int s = RC_SEVERITY_INFO; s <= RC_SEVERITY_ERROR; s++) {
        if (name && strcmp(name, rc_severity_name((rc_severity)s)) == 0) {
            *out = (rc_severity)s;
            return RC_OK;
        }
    }
    return RC_EINVAL;
}

/* indexed by rc_rule_each */
static const char *const each_names[] = {"rollforward", "movement",  "balance",
                                         "duplicate",   "statement", "range"};
#define NEACH (sizeof each_names / sizeof *each_names)

/* ^RC[0-9]{1,9}$; the number into *number. */
static bool id_valid(const char *id, unsigned long *number)
{
    if (strncmp(id, "RC", 2) != 0) return false;
    size_t n = strlen(id + 2);
    if (n == 0 || n > MAX_ID_DIGITS || strspn(id + 2, "0123456789") != n) return false;
    if (number) *number = strtoul(id + 2, NULL, 10);
    return true;
}

int rc_rules__id_cmp(const char *a, const char *b)
{
    unsigned long x = 0, y = 0;
    bool vx = id_valid(a, &x), vy = id_valid(b, &y);
    if (vx && vy && x != y) return x < y ? -1 : 1;
    return strcmp(a, b);
}

/* ---- the set ---------------------------------------------------------------------- */

int rc_ruleset_new(rc_ruleset **out)
{
    rc_ruleset *rules = calloc(1, sizeof *rules);
    if (!rules) return RC_ENOMEM;
    if (rc_rules__pool_init(&rules->pool) != RC_OK) {
        free(rules);
        return RC_ENOMEM;
    }
    *out = rules;
    return RC_OK;
}

void rc_ruleset_free(rc_ruleset *rules)
{
    if (!rules) return;
    rc_rules__pool_clear(&rules->pool);
    free(rules->rules);
    free(rules->enabled);
    free(rules);
}

static int rule_ptr_cmp(const void *a, const void *b)
{
    const rc_rule *x = *(rc_rule *const *)a, *y = *(rc_rule *const *)b;
    return rc_rules__id_cmp(x->id, y->id);
}

static int rebuild_enabled(rc_ruleset *rules)
{
    rc_rule **en = realloc(rules->enabled, (rules->n ? rules->n : 1) * sizeof *en);
    if (!en) return RC_ENOMEM;
    rules->enabled = en;
    rules->nenabled = 0;
    for (size_t i = 0; i < rules->n; i++)
        if (!rules->rules[i]->disabled) en[rules->nenabled++] = rules->rules[i];
    return RC_OK;
}

static rc_rule *find_any(const rc_ruleset *rules, const char *id)
{
    for (size_t i = 0; i < rules->n; i++)
        if (strcmp(rules->rules[i]->id, id) == 0) return rules->rules[i];
    return NULL;
}

size_t rc_ruleset_count(const rc_ruleset *rules)
{
    return rules->nenabled;
}

const rc_rule *rc_ruleset_get(const rc_ruleset *rules, size_t i)
{
    return i < rules->nenabled ? rules->enabled[i] : NULL;
}

const rc_rule *rc_ruleset_find(const rc_ruleset *rules, const char *id)
{
    const rc_rule *r = find_any(rules, id);
    return r && !r->disabled ? r : NULL;
}

int rc_ruleset_disable(rc_ruleset *rules, const char *id, rc_ctx *ctx)
{
    rc_rule *r = find_any(rules, id);
    if (!r) return rc_ctx_fail(ctx, RC_ENOTFOUND, "no rule '%s' to disable", id);
    r->disabled = true;
    return rebuild_enabled(rules);
}

/* Parse a warn-below threshold ("1%", "0.01"); *out NULL for "0" (off). */
static int parse_fraction(rc_pool *pool, const char *text, size_t len, const rc_interval **out)
{
    rc_value v;
    rc_value_init(&v);
    int rc = rc_value_parse(&v, text, len, 0, RC_PARSE_PERCENT, NULL, NULL);
    if (rc == RC_OK && (mpq_sgn(v.q) < 0 || mpq_cmp_ui(v.q, 1, 1) > 0)) rc = RC_ESYNTAX;
    if (rc == RC_OK) {
        *out = NULL;
        if (mpq_sgn(v.q) != 0) {
            rc_interval *iv = rc_rules__pool_interval(pool);
            if (!iv)
                rc = RC_ENOMEM;
            else
                rc_interval_set_point(iv, v.q);
            *out = iv;
        }
    }
    rc_value_clear(&v);
    return rc;
}

int rc_ruleset_set_warn_below(rc_ruleset *rules, const char *id, const char *text, rc_ctx *ctx)
{
    rc_rule *r = find_any(rules, id);
    if (!r) return rc_ctx_fail(ctx, RC_ENOTFOUND, "no rule '%s' to set warn-below for", id);
    const rc_interval *q = NULL;
    int rc = parse_fraction(&rules->pool, text, strlen(text), &q);
    if (rc == RC_ENOMEM) return rc_ctx_fail(ctx, rc, "out of memory");
    if (rc != RC_OK)
        return rc_ctx_fail(ctx, RC_ESYNTAX,
                           "bad warn-below value '%s' for %s (write a share of the reported "
                           "value between 0 and 1: \"1%%\" or \"0.01\")",
                           text, id);
    const char *copy = q ? rc_arena_strdup(rules->pool.arena, text) : NULL;
    if (q && !copy) return rc_ctx_fail(ctx, RC_ENOMEM, "out of memory");
    r->warn_below = copy;
    r->warn_below_q = q;
    return RC_OK;
}

const char *rc_rule_id(const rc_rule *rule)
{
    return rule->id;
}
const char *rc_rule_title(const rc_rule *rule)
{
    return rule->title;
}
rc_severity rc_rule_severity(const rc_rule *rule)
{
    return rule->severity;
}
const char *rc_rule_expression(const rc_rule *rule)
{
    return rule->expression;
}
const char *rc_rule_message(const rc_rule *rule)
{
    return rule->message;
}
const char *rc_rule_explain(const rc_rule *rule)
{
    return rule->explain;
}
const char *rc_rule_file(const rc_rule *rule)
{
    return rule->file;
}
rc_rule_each rc_rule_each_of(const rc_rule *rule)
{
    return rule->each;
}
bool rc_rule_applies_to(const rc_rule *rule, rc_award award)
{
    return (rule->applies & (1u << award)) != 0;
}
const char *rc_rule_warn_below(const rc_rule *rule)
{
    return rule->warn_below;
}
const char *rc_rule_when(const rc_rule *rule)
{
    return rule->when;
}
const char *rc_rule_subject(const rc_rule *rule)
{
    return rule->subject_text;
}

/* ---- reading a rule file ------------------------------------------------------------ */

typedef struct loader {
    rc_ruleset *rules;
    rc_jsondoc doc;
    const char *file; /* in the pool: rules keep it */
    rc_ctx *ctx;
} loader;

#define FAIL_AT(L, node, at_key, ...)                                                              \
    rc_jsondoc_fail(&(L)->doc, (L)->ctx, RC_ESYNTAX, (node), (at_key), __VA_ARGS__)

static int nomem(loader *L)
{
    return rc_ctx_fail_at(L->ctx, RC_ENOMEM, L->file, 0, 0, "out of memory");
}

static void string_src(const loader *L, const cJSON *node, rc_exprsrc *src)
{
    size_t off = rc_jsondoc_offset(&L->doc, node);
    src->file = L->file;
    src->str = node->valuestring;
    src->strlen = strlen(node->valuestring);
    src->buf = off == SIZE_MAX ? NULL : L->doc.buf;
    src->len = L->doc.len;
    src->quote = off;
}

/* "subject": a name or an array of names; a check exists only where every one of them
 * is reported. */
static int compile_subjects(loader *L, rc_rule *rule, const cJSON *node)
{
    size_t n = cJSON_IsArray(node) ? (size_t)cJSON_GetArraySize(node) : 1;
    if (n == 0) return FAIL_AT(L, node, 0, "\"subject\" is an empty array");
    rule->subjects = rc_arena_alloc(L->rules->pool.arena, n * sizeof *rule->subjects);
    if (!rule->subjects) return nomem(L);
    const cJSON *item = cJSON_IsArray(node) ? node->child : node;
    rc_buf text = RC_BUF_INIT;
    for (size_t k = 0; k < n; k++, item = item->next) {
        if (!cJSON_IsString(item) || !*item->valuestring) {
            rc_buf_free(&text);
            return FAIL_AT(L, item, 0, "\"subject\" must be a name or an array of names");
        }
        if (k) rc_buf_puts(&text, ", ");
        rc_buf_puts(&text, item->valuestring);
        rc_exprsrc src;
        string_src(L, item, &src);
        rc_node *name = NULL;
        int rc =
            rc_rules__compile_name(&name, &L->rules->pool, &src, 0, src.strlen, rule->each, L->ctx);
        if (rc != RC_OK) {
            rc_buf_free(&text);
            return rc;
        }
        rule->subjects[k] = name;
    }
    rule->nsubjects = n;
    rule->subject_text =
        text.failed ? NULL : rc_arena_strndup(L->rules->pool.arena, text.data, text.len);
    rc_buf_free(&text);
    return rule->subject_text ? RC_OK : nomem(L);
}

static const struct {
    const char *name;
    rc_part_kind kind;
} placeholders[] = {
    {"reported", RC_PART_REPORTED},
    {"expected", RC_PART_EXPECTED},
    {"difference", RC_PART_DIFFERENCE},
    {"relation", RC_PART_RELATION},
    {"label", RC_PART_LABEL},
    {"role", RC_PART_ROLE},
    {"line", RC_PART_LINE},
    {"period", RC_PART_PERIOD},
    {"quantity", RC_PART_QUANTITY},
    {"slot", RC_PART_SLOT},
    {"first_filing", RC_PART_FIRST_FILING},
    {"second_filing", RC_PART_SECOND_FILING},
    {"parts", RC_PART_PARTS},
    {"statement.text", RC_PART_SENTENCE},
    {"range", RC_PART_RANGE},
};

static bool push_part(rc_part **parts, size_t *n, size_t *cap, rc_part part)
{
    if (*n == *cap) {
        size_t c = *cap ? 2 * *cap : 8;
        rc_part *p = realloc(*parts, c * sizeof *p);
        if (!p) return false;
        *parts = p;
        *cap = c;
    }
    (*parts)[(*n)++] = part;
    return true;
}

/* Split a message into text and placeholders; "{{" and "}}" are braces. */
static int compile_message(loader *L, rc_rule *rule, const cJSON *node)
{
    rc_exprsrc src;
    string_src(L, node, &src);
    const char *s = src.str;
    size_t n = src.strlen;
    rc_part *parts = NULL;
    size_t nparts = 0, cap = 0;
    rc_buf text = RC_BUF_INIT;
    int rc = RC_OK;
    for (size_t i = 0; i <= n && rc == RC_OK; i++) {
        bool brace = i < n && (s[i] == '{' || s[i] == '}');
        if (i < n && !brace) {
            rc_buf_putc(&text, s[i]);
            continue;
        }
        if (brace && i + 1 < n && s[i + 1] == s[i]) {
            rc_buf_putc(&text, s[i]);
            i++;
            continue;
        }
        if (brace && s[i] == '}') {
            rc = rc_rules__fail_at(&src, i, L->ctx, RC_ESYNTAX,
                                   "unmatched '}' in the message (write '}}' for a brace) '}'");
            break;
        }
        /* the end of the text, or a placeholder: first flush the text */
        if (text.len > 0) {
            char *t = rc_arena_strndup(L->rules->pool.arena, text.data, text.len);
            if (!t ||
                !push_part(&parts, &nparts, &cap, (rc_part){RC_PART_TEXT, t, text.len, NULL})) {
                rc = nomem(L);
                break;
            }
            text.len = 0;
        }
        if (i == n) break;
        const char *close = memchr(s + i, '}', n - i);
        if (!close) {
            rc = rc_rules__fail_at(&src, i, L->ctx, RC_ESYNTAX,
                                   "unclosed '{' in the message (write '{{' for a brace) '%s'",
                                   s + i);
            break;
        }
        size_t a = i + 1, b = (size_t)(close - s);
        while (a < b && s[a] == ' ')
            a++;
        while (b > a && s[b - 1] == ' ')
            b--;
        rc_part part = {RC_PART_NAME, NULL, 0, NULL};
        bool keyword = false;
        for (size_t k = 0; k < sizeof placeholders / sizeof *placeholders; k++) {
            if (strlen(placeholders[k].name) == b - a &&
                memcmp(placeholders[k].name, s + a, b - a) == 0) {
                part.kind = placeholders[k].kind;
                keyword = true;
            }
        }
        if (part.kind == RC_PART_SENTENCE && rule->each != RC_EACH_STATEMENT) {
            rc = rc_rules__fail_at(&src, i, L->ctx, RC_ESYNTAX,
                                   "a placeholder that needs \"each\": \"statement\" in the rule "
                                   "'%.*s'",
                                   (int)(close - s - i + 1), s + i);
            break;
        }
        if (part.kind == RC_PART_RANGE && rule->each != RC_EACH_RANGE) {
            rc = rc_rules__fail_at(&src, i, L->ctx, RC_ESYNTAX,
                                   "a placeholder that needs \"each\": \"range\" in the rule "
                                   "'%.*s'",
                                   (int)(close - s - i + 1), s + i);
            break;
        }
        if (!keyword) {
            if (b == a || strspn(s + a, "abcdefghijklmnopqrstuvwxyz"
                                        "ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789_.") < b - a) {
                rc = rc_rules__fail_at(&src, i, L->ctx, RC_ESYNTAX,
                                       "unknown placeholder '%.*s' in the message",
                                       (int)(close - s - i + 1), s + i);
                break;
            }
            rc_node *name = NULL;
            rc = rc_rules__compile_name(&name, &L->rules->pool, &src, a, b - a, rule->each, L->ctx);
            if (rc != RC_OK) break;
            part.name = name;
        }
        if (!push_part(&parts, &nparts, &cap, part)) {
            rc = nomem(L);
            break;
        }
        i = (size_t)(close - s);
    }
    if (text.failed && rc == RC_OK) rc = nomem(L);
    rc_buf_free(&text);
    if (rc == RC_OK && nparts > 0) {
        rc_part *copy = rc_arena_alloc(L->rules->pool.arena, nparts * sizeof *copy);
        if (!copy) {
            rc = nomem(L);
        } else {
            memcpy(copy, parts, nparts * sizeof *copy);
            rule->parts = copy;
            rule->nparts = nparts;
        }
    }
    free(parts);
    return rc;
}

static int compile_bool(loader *L, const rc_rule *rule, const cJSON *node, const char *field,
                        const rc_node **out)
{
    rc_exprsrc src;
    string_src(L, node, &src);
    rc_node *n = NULL;
    int rc = rc_rules__compile(&n, &L->rules->pool, &src, 0, src.strlen, rule->each, L->ctx);
    if (rc != RC_OK) return rc;
    if (!n->boolean)
        return rc_rules__fail_at(&src, 0, L->ctx, RC_ESYNTAX,
                                 "\"%s\" must be a comparison or another boolean, not a number "
                                 "'%s'",
                                 field, src.str);
    *out = n;
    return RC_OK;
}

static const char *const rule_fields[] = {"id",         "title",   "severity", "applies_to",
                                          "expression", "message", "each",     "quantity",
                                          "warn_below", "when",    "explain",  "subject"};
enum {
    F_ID,
    F_TITLE,
    F_SEVERITY,
    F_APPLIES,
    F_EXPRESSION,
    F_MESSAGE,
    F_EACH,
    F_QUANTITY,
    F_WARN_BELOW,
    F_WHEN,
    F_EXPLAIN,
    F_SUBJECT,
    F__COUNT
};

static char *copy(loader *L, const char *s)
{
    return rc_arena_strdup(L->rules->pool.arena, s);
}

/* Validate and compile one rule object. */
static int load_rule(loader *L, const cJSON *obj, rc_rule **out)
{
    if (!cJSON_IsObject(obj)) return FAIL_AT(L, obj, 0, "a rule must be a JSON object");
    const cJSON *f[F__COUNT] = {0};
    for (const cJSON *c = obj->child; c; c = c->next) {
        if (c->string[0] == '_') continue;
        int k = 0;
        while (k < F__COUNT && strcmp(c->string, rule_fields[k]) != 0)
            k++;
        if (k == F__COUNT)
            return FAIL_AT(L, c, 1,
                           "unknown field '%s' in a rule (fields: id, title, severity, "
                           "applies_to, expression, message, each, quantity, warn_below, when, "
                           "explain, subject; names starting with '_' are comments)",
                           c->string);
        if (f[k]) return FAIL_AT(L, c, 1, "field '%s' given twice", c->string);
        f[k] = c;
    }
    const char *id = f[F_ID] && cJSON_IsString(f[F_ID]) ? f[F_ID]->valuestring : NULL;
    for (int k = 0; k <= F_MESSAGE; k++) {
        if (!f[k]) {
            if (id) return FAIL_AT(L, obj, 0, "rule %s has no \"%s\"", id, rule_fields[k]);
            return FAIL_AT(L, obj, 0, "a rule without \"%s\"", rule_fields[k]);
        }
    }
    for (int k = 0; k < F__COUNT; k++) {
        if (!f[k] || k == F_APPLIES || (k == F_WARN_BELOW && cJSON_IsNumber(f[k])) ||
            (k == F_SUBJECT && cJSON_IsArray(f[k])))
            continue;
        if (!cJSON_IsString(f[k]))
            return FAIL_AT(L, f[k], 0, "\"%s\" must be a string", rule_fields[k]);
    }

    rc_rule *rule = rc_arena_alloc(L->rules->pool.arena, sizeof *rule);
    if (!rule) return nomem(L);
    if (!id_valid(id, &rule->number))
        return FAIL_AT(L, f[F_ID], 0,
                       "bad rule id '%s' (write RC and up to %d digits: RC101; ids from RC1000 "
                       "are yours)",
                       id, MAX_ID_DIGITS);
    if (!*f[F_TITLE]->valuestring) return FAIL_AT(L, f[F_TITLE], 0, "\"title\" is empty");
    if (rc_severity_parse(&rule->severity, f[F_SEVERITY]->valuestring) != RC_OK)
        return FAIL_AT(L, f[F_SEVERITY], 0, "unknown severity '%s' (error, warning or info)",
                       f[F_SEVERITY]->valuestring);

    const cJSON *applies = f[F_APPLIES];
    if (!cJSON_IsArray(applies))
        return FAIL_AT(L, applies, 0,
                       "\"applies_to\" must be an array of award classes: [\"options\", "
                       "\"other\"]");
    if (!applies->child)
        return FAIL_AT(L, applies, 0,
                       "\"applies_to\" is empty: name \"options\", \"other\" or both");
    for (const cJSON *c = applies->child; c; c = c->next) {
        rc_award award;
        if (!cJSON_IsString(c))
            return FAIL_AT(L, c, 0, "an award class must be a string: \"options\" or \"other\"");
        if (rc_award_parse(&award, c->valuestring) != RC_OK)
            return FAIL_AT(L, c, 0, "unknown award class '%s' (options or other)", c->valuestring);
        rule->applies |= 1u << award;
    }

    rule->each = RC_EACH_ROLLFORWARD;
    if (f[F_EACH]) {
        int k = 0;
        while (k < (int)NEACH && strcmp(f[F_EACH]->valuestring, each_names[k]) != 0)
            k++;
        if (k == (int)NEACH)
            return FAIL_AT(L, f[F_EACH], 0,
                           "unknown \"each\" '%s' (rollforward, movement, balance, duplicate, "
                           "statement or range)",
                           f[F_EACH]->valuestring);
        rule->each = (rc_rule_each)k;
    }
    if (f[F_QUANTITY]) {
        const char *q = f[F_QUANTITY]->valuestring;
        if (!*q || strspn(q, "abcdefghijklmnopqrstuvwxyz_") != strlen(q))
            return FAIL_AT(L, f[F_QUANTITY], 0,
                           "bad quantity '%s' (a lower-case name: count, price, fair_value, "
                           "aiv, term)",
                           q);
        if (!(rule->quantity = copy(L, q))) return nomem(L);
    }
    if (f[F_WARN_BELOW]) {
        const char *text = NULL;
        size_t len = 0;
        if (cJSON_IsNumber(f[F_WARN_BELOW])) {
            if (rc_jsondoc_number_text(&L->doc, f[F_WARN_BELOW], &text, &len) != RC_OK)
                return FAIL_AT(L, f[F_WARN_BELOW], 0, "bad warn_below");
        } else {
            text = f[F_WARN_BELOW]->valuestring;
            len = strlen(text);
        }
        int rc = parse_fraction(&L->rules->pool, text, len, &rule->warn_below_q);
        if (rc == RC_ENOMEM) return nomem(L);
        if (rc != RC_OK)
            return FAIL_AT(L, f[F_WARN_BELOW], 0,
                           "bad warn_below '%.*s' (a share of the reported value between 0 and "
                           "1: \"1%%\" or \"0.01\")",
                           (int)len, text);
        if (rule->warn_below_q &&
            !(rule->warn_below = rc_arena_strndup(L->rules->pool.arena, text, len)))
            return nomem(L);
    }

    int rc = compile_bool(L, rule, f[F_EXPRESSION], "expression", &rule->expr);
    if (rc != RC_OK) return rc;
    if (f[F_WHEN]) {
        if ((rc = compile_bool(L, rule, f[F_WHEN], "when", &rule->when_expr)) != RC_OK) return rc;
        rule->when = copy(L, f[F_WHEN]->valuestring);
        if (!rule->when) return nomem(L);
    }
    if ((rc = compile_message(L, rule, f[F_MESSAGE])) != RC_OK) return rc;

    rule->id = copy(L, id);
    rule->title = copy(L, f[F_TITLE]->valuestring);
    rule->expression = copy(L, f[F_EXPRESSION]->valuestring);
    rule->message = copy(L, f[F_MESSAGE]->valuestring);
    rule->explain = copy(L, f[F_EXPLAIN] ? f[F_EXPLAIN]->valuestring : "");
    rule->file = L->file;
    rule->uses_previous = rc_rules__uses_previous(rule->expr);
    rule->uses_parts = rc_rules__uses_parts(rule->expr) || rc_rules__uses_parts(rule->when_expr);
    rule->uses_same_role =
        rc_rules__uses_same_role(rule->expr) || rc_rules__uses_same_role(rule->when_expr);
    rule->range_fields =
        rc_rules__range_fields(rule->expr) | rc_rules__range_fields(rule->when_expr);
    rule->subject =
        rule->each == RC_EACH_BALANCE    ? rc_rules__subject(rule->expr, RC_REF_EACH_BALANCE)
        : rule->each == RC_EACH_MOVEMENT ? rc_rules__subject(rule->expr, RC_REF_MOVEMENT)
        : rule->each == RC_EACH_RANGE    ? rc_rules__subject(rule->expr, RC_REF_EACH_RANGE)
                                         : -1;
    if (f[F_SUBJECT]) {
        if ((rc = compile_subjects(L, rule, f[F_SUBJECT])) != RC_OK) return rc;
    } else if (rule->each == RC_EACH_ROLLFORWARD &&
               (rule->subjects = rc_arena_alloc(L->rules->pool.arena, sizeof *rule->subjects))) {
        rule->subjects[0] = rc_rules__subject_ref(rule->expr);
        rule->nsubjects = rule->subjects[0] ? 1 : 0;
    }
    if (!rule->id || !rule->title || !rule->expression || !rule->message || !rule->explain)
        return nomem(L);
    *out = rule;
    return RC_OK;
}

/* Put the new rules in force: a rule with an id already there replaces it. */
static int add_rules(rc_ruleset *rules, rc_rule **fresh, size_t n)
{
    if (rules->n + n > rules->cap) {
        size_t cap = rules->cap ? rules->cap : 16;
        while (cap < rules->n + n)
            cap *= 2;
        rc_rule **r = realloc(rules->rules, cap * sizeof *r);
        if (!r) return RC_ENOMEM;
        rules->rules = r;
        rules->cap = cap;
    }
    for (size_t k = 0; k < n; k++) {
        size_t i = 0;
        while (i < rules->n && strcmp(rules->rules[i]->id, fresh[k]->id) != 0)
            i++;
        rules->rules[i] = fresh[k];
        if (i == rules->n) rules->n++;
    }
    if (rules->n > 1) qsort(rules->rules, rules->n, sizeof *rules->rules, rule_ptr_cmp);
    return rebuild_enabled(rules);
}

/* Load a rule file's text; with concepts_ok, a vocabulary file (the concept map
 * or the label patterns, which share the directory) is skipped. */
static int load(rc_ruleset *rules, const char *name, const char *text, size_t len, bool concepts_ok,
                rc_ctx *ctx)
{
    loader L;
    memset(&L, 0, sizeof L);
    L.rules = rules;
    L.ctx = ctx;
    L.file = rc_arena_strdup(rules->pool.arena, name);
    if (!L.file) return rc_ctx_fail_at(ctx, RC_ENOMEM, name, 0, 0, "out of memory");
    int rc = rc_jsondoc_parse(&L.doc, L.file, text, len, ctx);
    if (rc != RC_OK) return rc;
    rc_rule **fresh = NULL;
    size_t nfresh = 0;
    const cJSON *root = L.doc.root, *list = NULL;
    bool concepts = false;
    const cJSON *vocab_key = NULL;
    if (!cJSON_IsObject(root)) {
        rc = FAIL_AT(&L, root, 0, "a rule file is a JSON object: {\"rules\": [...]}");
        goto done;
    }
    /* the vocabulary (rules/concepts.json, rules/labels.json) shares the directory: a
     * file holding "concepts" or "labels" and no "rules" is one of its files */
    for (const cJSON *c = root->child; c; c = c->next) {
        if (strcmp(c->string, "concepts") == 0 || strcmp(c->string, "labels") == 0) {
            if (!concepts) vocab_key = c;
            concepts = true;
        }
    }
    if (concepts && !cJSON_GetObjectItemCaseSensitive(root, "rules")) {
        if (!concepts_ok) {
            const cJSON *c = vocab_key;
            if (strcmp(c->string, "concepts") == 0)
                rc = FAIL_AT(&L, c, 1, "a concept map, not a rule file: no \"rules\" (field '%s')",
                             c->string);
            else
                rc = FAIL_AT(&L, c, 1,
                             "a label vocabulary, not a rule file: no \"rules\" (field '%s')",
                             c->string);
        }
        goto done;
    }
    for (const cJSON *c = root->child; c; c = c->next) {
        if (strcmp(c->string, "rules") == 0 && !list) {
            list = c;
        } else if (strcmp(c->string, "concepts") == 0 || strcmp(c->string, "labels") == 0) {
            continue;
        } else if (c->string[0] != '_') {
            if (strcmp(c->string, "rules") == 0)
                rc = FAIL_AT(&L, c, 1, "field 'rules' given twice");
            else
                rc = FAIL_AT(&L, c, 1,
                             "unknown field '%s' in a rule file (it holds \"rules\"; names "
                             "starting with '_' are comments)",
                             c->string);
            goto done;
        }
    }
    if (concepts) {
        rc = FAIL_AT(&L, vocab_key, 1, "unknown field '%s' in a rule file (it holds \"rules\")",
                     vocab_key->string);
        goto done;
    }
    if (!list) {
        rc = FAIL_AT(&L, root, 0, "not a rule file: no \"rules\" array");
        goto done;
    }
    if (!cJSON_IsArray(list)) {
        rc = FAIL_AT(&L, list, 0, "\"rules\" must be an array of rules");
        goto done;
    }
    size_t count = (size_t)cJSON_GetArraySize(list);
    fresh = calloc(count ? count : 1, sizeof *fresh);
    if (!fresh) {
        rc = nomem(&L);
        goto done;
    }
    const cJSON **where = calloc(count ? count : 1, sizeof *where);
    if (!where) {
        rc = nomem(&L);
        goto done;
    }
    for (const cJSON *c = list->child; c; c = c->next) {
        if ((rc = load_rule(&L, c, &fresh[nfresh])) != RC_OK) break;
        const cJSON *idnode = cJSON_GetObjectItemCaseSensitive(c, "id");
        for (size_t k = 0; k < nfresh; k++) {
            if (strcmp(fresh[k]->id, fresh[nfresh]->id) == 0) {
                unsigned line, col;
                rc_jsondoc_where(&L.doc, where[k], &line, &col);
                rc =
                    FAIL_AT(&L, idnode, 0, "rule id '%s' used twice in the file (first at line %u)",
                            fresh[nfresh]->id, line);
                break;
            }
        }
        if (rc != RC_OK) break;
        where[nfresh++] = idnode;
    }
    free(where);
    if (rc == RC_OK && add_rules(rules, fresh, nfresh) != RC_OK) rc = nomem(&L);
done:
    free(fresh);
    rc_jsondoc_free(&L.doc);
    return rc;
}

int rc_ruleset_load_string(rc_ruleset *rules, const char *name, const char *text, size_t len,
                           rc_ctx *ctx)
{
    return load(rules, name, text, len, false, ctx);
}

static int load_file(rc_ruleset *rules, const char *path, bool concepts_ok, rc_ctx *ctx)
{
    char *text = NULL;
    size_t len = 0;
    int rc = rc_read_whole_file(path, MAX_RULE_FILE, &text, &len, ctx);
    if (rc != RC_OK) return rc;
    rc = load(rules, path, text, len, concepts_ok, ctx);
    free(text);
    return rc;
}

int rc_ruleset_load_file(rc_ruleset *rules, const char *path, rc_ctx *ctx)
{
    return load_file(rules, path, false, ctx);
}

int rc_ruleset_load_dir(rc_ruleset *rules, const char *dir, rc_ctx *ctx)
{
    char **paths;
    size_t n;
    int rc = rc_dir_list(dir, ".json", &paths, &n);
    if (rc == RC_EIO)
        return rc_ctx_fail_at(ctx, RC_EIO, dir, 0, 0, "cannot open the rules directory: %s",
                              strerror(errno));
    if (rc < 0) return rc_ctx_fail_at(ctx, rc, dir, 0, 0, "out of memory");
    for (size_t i = 0; i < n && rc == RC_OK; i++)
        rc = load_file(rules, paths[i], true, ctx);
    rc_dir_list_free(paths, n);
    return rc;
}

/* ---- the default directory ----------------------------------------------------------- */

static bool is_dir(const char *path)
{
    struct stat st;
    return stat(path, &st) == 0 && S_ISDIR(st.st_mode);
}

static int put(char *buf, size_t size, const char *path, rc_ctx *ctx)
{
    if (strlen(path) >= size)
        return rc_ctx_fail(ctx, RC_ELIMIT, "the rules directory name is too long: %s", path);
    strcpy(buf, path);
    return RC_OK;
}

int rc_ruleset_default_dir(char *buf, size_t size, rc_ctx *ctx)
{
    const char *env = getenv("ROLLCHECK_RULES");
    if (env && *env) {
        if (!is_dir(env))
            return rc_ctx_fail(ctx, RC_ENOTFOUND,
                               "ROLLCHECK_RULES is '%s', which is not a directory", env);
        return put(buf, size, env, ctx);
    }
    char exe[4096];
    ssize_t n = readlink("/proc/self/exe", exe, sizeof exe - 1);
    if (n <= 0)
        return rc_ctx_fail(ctx, RC_ENOTFOUND,
                           "cannot find the default rules (the program's own path is unknown); "
                           "set ROLLCHECK_RULES");
    exe[n] = '\0';
    char *slash = strrchr(exe, '/');
    if (slash) *slash = '\0';
    static const char *const tails[] = {"/../share/rollcheck/rules", "/rules", "/../rules"};
    char tried[3 * 4200] = "";
    for (size_t k = 0; k < sizeof tails / sizeof *tails; k++) {
        char cand[4200];
        snprintf(cand, sizeof cand, "%s%s", exe, tails[k]);
        if (is_dir(cand)) {
            char *real = realpath(cand, NULL);
            int rc = put(buf, size, real ? real : cand, ctx);
            free(real);
            return rc;
        }
        size_t used = strlen(tried);
        snprintf(tried + used, sizeof tried - used, "%s%s", k ? ", " : "", cand);
    }
    return rc_ctx_fail(ctx, RC_ENOTFOUND,
                       "cannot find the default rules (looked in %s); set ROLLCHECK_RULES", tried);
}
