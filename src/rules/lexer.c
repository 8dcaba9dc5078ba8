/*
 * The lexer of rule expressions.  Tokens remember their byte offset so that
 * every error can point at the place in the rule file.  The Unicode forms of
 * the operators (× ÷ − ≤ ≥ ≠) are accepted because rules are written by
 * people who copy formulas from documents.
 */
#include <string.h>

#include "rules/expr.h"

static bool is_word_start(char c)
{
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '_';
}

static bool is_word(char c)
{
    return is_word_start(c) || (c >= '0' && c <= '9');
}

static bool is_digit(char c)
{
    return c >= '0' && c <= '9';
}

/* The Unicode operators, as UTF-8. */
static const struct {
    const char *utf8;
    rc_tok kind;
} unicode_ops[] = {
    {"\xc3\x97", RC_TOK_STAR},      /* × */
    {"\xc3\xb7", RC_TOK_SLASH},     /* ÷ */
    {"\xe2\x88\x92", RC_TOK_MINUS}, /* − */
    {"\xe2\x89\xa4", RC_TOK_LE},    /* ≤ */
    {"\xe2\x89\xa5", RC_TOK_GE},    /* ≥ */
    {"\xe2\x89\xa0", RC_TOK_NE},    /* ≠ */
};

/* Length of the UTF-8 sequence starting with byte c (1 for anything invalid). */
static size_t utf8_len(unsigned char c)
{
    if (c >= 0xf0 && c < 0xf8) return 4;
    if (c >= 0xe0) return c < 0xf0 ? 3 : 1;
    if (c >= 0xc0) return 2;
    return 1;
}

static void set(rc_token *t, rc_tok kind, size_t off, size_t len)
{
    t->kind = kind;
    t->off = off;
    t->len = len;
    t->error = NULL;
    t->hint = NULL;
}

static void set_error(rc_token *t, size_t off, size_t len, const char *error, const char *hint)
{
    set(t, RC_TOK_ERROR, off, len);
    t->error = error;
    t->hint = hint;
}

void rc_rules__lex(const char *s, size_t n, size_t *pos, rc_token *out)
{
    size_t i = *pos;
    while (i < n && (s[i] == ' ' || s[i] == '\t' || s[i] == '\n' || s[i] == '\r'))
        i++;
    if (i >= n || s[i] == '\0') {
        set(out, RC_TOK_END, i, 0);
        *pos = i;
        return;
    }
    size_t start = i;
    char c = s[i];
    if (is_digit(c) || (c == '.' && i + 1 < n && is_digit(s[i + 1]))) {
        /* take everything that could belong to the number, and let
         * rc_value_parse say what is wrong with "1.2.3" or "12abc" */
        while (i < n && (is_word(s[i]) || s[i] == '.'))
            i++;
        set(out, RC_TOK_NUMBER, start, i - start);
    } else if (is_word_start(c)) {
        for (;;) {
            while (i < n && is_word(s[i]))
                i++;
            if (i < n && s[i] == '.') {
                if (i + 1 < n && is_word_start(s[i + 1])) {
                    i++;
                    continue;
                }
                set_error(out, start, i + 1 - start, "incomplete name", NULL);
                *pos = i + 1;
                return;
            }
            break;
        }
        size_t len = i - start;
        rc_tok kind = RC_TOK_NAME;
        if (len == 3 && memcmp(s + start, "and", 3) == 0)
            kind = RC_TOK_AND;
        else if (len == 2 && memcmp(s + start, "or", 2) == 0)
            kind = RC_TOK_OR;
        else if (len == 3 && memcmp(s + start, "not", 3) == 0)
            kind = RC_TOK_NOT;
        set(out, kind, start, len);
    } else {
        char d = i + 1 < n ? s[i + 1] : '\0';
        switch (c) {
        case '(':
            set(out, RC_TOK_LPAREN, i, 1);
            break;
        case ')':
            set(out, RC_TOK_RPAREN, i, 1);
            break;
        case ',':
            set(out, RC_TOK_COMMA, i, 1);
            break;
        case '+':
            set(out, RC_TOK_PLUS, i, 1);
            break;
        case '-':
            set(out, RC_TOK_MINUS, i, 1);
            break;
        case '*':
            set(out, RC_TOK_STAR, i, 1);
            break;
        case '/':
            set(out, RC_TOK_SLASH, i, 1);
            break;
        case '=':
            if (d == '=')
                set(out, RC_TOK_EQ, i, 2);
            else
                set_error(out, i, 1, "unknown operator", "write '==' to compare");
            break;
        case '!':
            if (d == '=')
                set(out, RC_TOK_NE, i, 2);
            else
                set_error(out, i, 1, "unknown operator", "write 'not' or '!='");
            break;
        case '<':
            if (d == '=')
                set(out, RC_TOK_LE, i, 2);
            else
                set(out, RC_TOK_LT, i, 1);
            break;
        case '>':
            if (d == '=')
                set(out, RC_TOK_GE, i, 2);
            else
                set(out, RC_TOK_GT, i, 1);
            break;
        default: {
            for (size_t k = 0; k < sizeof unicode_ops / sizeof *unicode_ops; k++) {
                size_t len = strlen(unicode_ops[k].utf8);
                if (n - i >= len && memcmp(s + i, unicode_ops[k].utf8, len) == 0) {
                    set(out, unicode_ops[k].kind, i, len);
                    *pos = i + len;
                    return;
                }
            }
            size_t len = utf8_len((unsigned char)c);
            if (len > n - i) len = n - i;
            set_error(out, i, len, "unexpected character", NULL);
            break;
        }
        }
        i += out->len;
    }
    *pos = i;
}

const char *rc_rules__tok_name(rc_tok kind)
{
    switch (kind) {
    case RC_TOK_END:
        return "end of expression";
    case RC_TOK_NUMBER:
        return "number";
    case RC_TOK_NAME:
        return "name";
    case RC_TOK_LPAREN:
        return "'('";
    case RC_TOK_RPAREN:
        return "')'";
    case RC_TOK_COMMA:
        return "','";
    case RC_TOK_PLUS:
        return "'+'";
    case RC_TOK_MINUS:
        return "'-'";
    case RC_TOK_STAR:
        return "'*'";
    case RC_TOK_SLASH:
        return "'/'";
    case RC_TOK_EQ:
        return "'=='";
    case RC_TOK_NE:
        return "'!='";
    case RC_TOK_LT:
        return "'<'";
    case RC_TOK_LE:
        return "'<='";
    case RC_TOK_GT:
        return "'>'";
    case RC_TOK_GE:
        return "'>='";
    case RC_TOK_AND:
        return "'and'";
    case RC_TOK_OR:
        return "'or'";
    case RC_TOK_NOT:
        return "'not'";
    case RC_TOK_ERROR:
        return "error";
    }
    return "?";
}
