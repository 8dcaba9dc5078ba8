/*
 * The note's narrative (narrative.h): sentences of a share-based payment note that
 * state a count of an award class moving in a period or standing at a date, or the
 * share price used for intrinsic values, become statements of the model.
 *
 * The reading is deliberately narrow.  A sentence is split into clauses at ';', a
 * clause into tokens (words, numbers, currency signs, dates), and only these shapes
 * make a statement:
 *   VERB [a total of] COUNT AWARD {, COUNT AWARD} [and COUNT AWARD]
 *   COUNT AWARD {...} [were | have been | ...] VERB
 *   COUNT AWARD [were | are | remained] outstanding | exercisable | vested and expected...
 *   COUNT (are | were) [now | currently] exercisable | outstanding    (the sentence's award)
 *   options to purchase COUNT shares ...
 *   ... (market value | closing price | ...) of the Company's stock ... $X ... at DATE
 * where VERB is a word the vocabulary (rules/labels.json) classifies as a movement with
 * a fixed direction, AWARD a phrase its member patterns classify as an award class, and
 * the period a whole period ("during the year ended December 31, 2023", "in 2023",
 * "for the years ended ... 2022 and 2023, respectively") or a balance date ("as of
 * December 31, 2023", "at the end of 2018").  Anything that makes a count a part of a
 * period's total (an event date, "to certain executives", "in connection with", a named
 * plan) or not a fact (will, may, approximately, up to) leaves the clause unread: a
 * statement that is wrong about what it states would be a false finding, and a missed
 * one only a check not made.
 */
#include <assert.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include <libxml/HTMLparser.h>

#include "read/classify.h"
#include "read/narrative.h"

/* A longer sentence is no statement's (a run-on list, a table read as text); the bounds
 * also keep the work per sentence small whatever the input. */
#define MAX_TOKENS 400
#define MAX_SENTENCE 4000
/* Items and periods one clause may hold. */
#define MAX_ITEMS 24
#define MAX_WHENS 12
/* The longest award phrase ("shares of performance-based restricted stock units"). */
#define MAX_AWARD_WORDS 8
#define WORD_MAX 32

/* ---- tokens ------------------------------------------------------------------------ */

typedef enum tkind { TK_WORD, TK_NUM, TK_CUR, TK_PUNCT, TK_DATE } tkind;

typedef struct token {
    tkind kind;
    size_t off, len;  /* in the sentence */
    char w[WORD_MAX]; /* TK_WORD: lower-case ASCII ("" when too long); TK_PUNCT: the char */
    bool upper;       /* TK_WORD: starts with a capital letter */
    rc_day date;      /* TK_DATE */
    int year;         /* TK_NUM: four plain digits 1900..2200, else 0 */
    bool money;       /* TK_NUM: an amount of money or a price */
    bool percent;     /* TK_NUM: a percentage */
    int scale;        /* TK_NUM: followed by thousand (3), million (6), billion (9) */
    const char *code; /* TK_CUR: its ISO 4217 code */
} token;

typedef struct sentence {
    const char *s; /* normalised text, NUL-terminated */
    size_t n;
    token *t;
    size_t nt;
    unsigned line; /* lines after the text's first line */
} sentence;

static bool is_digit(char c)
{
    return c >= '0' && c <= '9';
}

static bool is_upper(char c)
{
    return c >= 'A' && c <= 'Z';
}

static bool is_letter(unsigned char c)
{
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c >= 0x80;
}

static bool is_alnum(unsigned char c)
{
    return is_letter(c) || is_digit((char)c);
}

static bool word_is(const token *t, const char *w)
{
    return t->kind == TK_WORD && strcmp(t->w, w) == 0;
}

static bool word_in(const token *t, const char *const *list)
{
    if (t->kind != TK_WORD) return false;
    for (size_t i = 0; list[i]; i++)
        if (strcmp(t->w, list[i]) == 0) return true;
    return false;
}

static bool punct_is(const token *t, char c)
{
    return t->kind == TK_PUNCT && t->w[0] == c;
}

/* Multi-byte currency signs (the ASCII ones are '$' and words such as "RMB"). */
static const char *const currency_signs[] = {
    "\xe2\x82\xac", "\xc2\xa3", "\xc2\xa5", "\xe2\x82\xa9", "\xe2\x82\xb9", "\xe2\x82\xaa", NULL};

static size_t currency_sign_at(const char *s)
{
    for (size_t i = 0; currency_signs[i]; i++) {
        size_t n = strlen(currency_signs[i]);
        if (strncmp(s, currency_signs[i], n) == 0) return n;
    }
    return 0;
}

static bool month_word(const char *w)
{
    static const char *const months[] = {
        "january", "february", "march",    "april", "may", "june", "july", "august", "september",
        "october", "november", "december", "jan",   "feb", "mar",  "apr",  "jun",    "jul",
        "aug",     "sep",      "sept",     "oct",   "nov", "dec",  NULL};
    for (size_t i = 0; months[i]; i++)
        if (strcmp(w, months[i]) == 0) return true;
    return false;
}

static token *push_token(token **v, size_t *n, size_t *cap)
{
    if (*n == *cap) {
        size_t c = *cap ? 2 * *cap : 64;
        token *p = realloc(*v, c * sizeof *p);
        if (!p) return NULL;
        *v = p;
        *cap = c;
    }
    token *t = &(*v)[(*n)++];
    memset(t, 0, sizeof *t);
    return t;
}

/* Split s into tokens; dates ("December 31, 2023") become one token. */
static int tokenize(sentence *S)
{
    const char *s = S->s;
    size_t n = S->n, cap = 0;
    S->t = NULL;
    S->nt = 0;
    for (size_t i = 0; i < n && S->nt <= MAX_TOKENS;) {
        unsigned char c = (unsigned char)s[i];
        if (c == ' ') {
            i++;
            continue;
        }
        token *t = push_token(&S->t, &S->nt, &cap);
        if (!t) return RC_ENOMEM;
        t->off = i;
        size_t sign = currency_sign_at(s + i);
        if (c == '$' || sign) {
            size_t k = sign ? sign : 1;
            t->kind = TK_CUR;
            t->code = sign ? rc_currency_code(s + i, k) : "USD";
            t->len = k;
            /* "US$", "HK$": the letters just before belong to the sign */
            if (c == '$' && S->nt >= 2) {
                token *p = t - 1;
                if (p->kind == TK_WORD && p->off + p->len == i) {
                    const char *code = rc_currency_code(s + p->off, p->len + 1);
                    if (code) {
                        p->kind = TK_CUR;
                        p->code = code;
                        p->len++;
                        S->nt--;
                    }
                }
            }
            i += k;
            continue;
        }
        if (is_digit((char)c)) {
            size_t k = i;
            while (k < n) {
                if (is_digit(s[k])) {
                    k++;
                } else if (s[k] == ',' && k + 3 < n + 1 && is_digit(s[k + 1]) &&
                           is_digit(s[k + 2]) && is_digit(s[k + 3]) &&
                           (k + 4 >= n || !is_digit(s[k + 4]))) {
                    k += 4;
                } else if (s[k] == '.' && k + 1 < n && is_digit(s[k + 1])) {
                    k++;
                } else {
                    break;
                }
            }
            if (k < n && is_letter((unsigned char)s[k])) {
                /* "10b5", "3rd", "401k": a word */
                while (k < n && is_alnum((unsigned char)s[k]))
                    k++;
                t->kind = TK_WORD;
            } else {
                t->kind = TK_NUM;
                size_t len = k - i;
                if (len == 4 && is_digit(s[i + 1]) && is_digit(s[i + 2]) && is_digit(s[i + 3])) {
                    int y = atoi(s + i);
                    if (y >= 1900 && y <= 2200) t->year = y;
                }
            }
            t->len = k - i;
            i = k;
            continue;
        }
        if (is_letter(c)) {
            size_t k = i;
            while (k < n) {
                unsigned char d = (unsigned char)s[k];
                if (is_digit((char)d) && rc_currency_code(s + i, k - i)) break; /* "RMB63,207" */
                if (is_alnum(d) && !currency_sign_at(s + k))
                    k++;
                else if ((d == '-' || d == '\'') && k + 1 < n && is_letter((unsigned char)s[k + 1]))
                    k++;
                else
                    break;
            }
            t->kind = TK_WORD;
            t->len = k - i;
            t->upper = is_upper((char)c);
            i = k;
            continue;
        }
        t->kind = TK_PUNCT;
        t->len = 1;
        t->w[0] = (char)c;
        i++;
    }
    if (S->nt > MAX_TOKENS) return RC_OK; /* the caller leaves it unread */
    for (size_t k = 0; k < S->nt; k++) {
        token *t = &S->t[k];
        if (t->kind != TK_WORD) continue;
        if (t->len < WORD_MAX) {
            for (size_t j = 0; j < t->len; j++) {
                char ch = s[t->off + j];
                t->w[j] = is_upper(ch) ? (char)(ch + 32) : ch;
            }
            t->w[t->len] = '\0';
        }
        /* "RMB63,207", "RMB 5.6 million": a currency code before a number */
        if (k + 1 < S->nt && S->t[k + 1].kind == TK_NUM && t->len <= 4 &&
            S->t[k + 1].off <= t->off + t->len + 1) {
            const char *code = rc_currency_code(s + t->off, t->len);
            if (code && (is_upper(s[t->off + t->len - 1]) || strcmp(t->w, "rmb") == 0)) {
                t->kind = TK_CUR;
                t->code = code;
            }
        }
    }
    /* dates: "December 31, 2023", "Dec. 31, 2023", "31 December 2023", "2023-12-31" */
    size_t out = 0;
    for (size_t k = 0; k < S->nt; k++) {
        token t = S->t[k];
        bool try = (t.kind == TK_WORD && month_word(t.w)) ||
                   (t.kind == TK_NUM && (t.len <= 2 || t.year) && k + 1 < S->nt);
        rc_day d;
        size_t at, len;
        if (try && rc_parse_date(s + t.off, true, &d, &at, &len) == RC_OK && at == 0) {
            size_t end = t.off + len, j = k;
            while (j + 1 < S->nt && S->t[j + 1].off < end)
                j++;
            if (S->t[j].off + S->t[j].len == end) {
                t.kind = TK_DATE;
                t.date = d;
                t.len = len;
                t.year = 0;
                k = j;
            }
        }
        S->t[out++] = t;
    }
    S->nt = out;
    /* what numbers are: money, percentages, scaled counts */
    static const char *const scales[] = {"thousand", "million", "billion", NULL};
    static const char *const money_words[] = {"dollars", "cents", "yuan", "euros", "pounds", NULL};
    for (size_t k = 0; k < S->nt; k++) {
        token *t = &S->t[k];
        if (t->kind != TK_NUM) continue;
        const token *prev = k > 0 ? &S->t[k - 1] : NULL, *next = k + 1 < S->nt ? t + 1 : NULL;
        if (prev && prev->kind == TK_CUR) t->money = true;
        if (prev && punct_is(prev, '(') && k >= 2 && S->t[k - 2].kind == TK_CUR) t->money = true;
        if (next && word_in(next, scales)) {
            t->scale = next->w[0] == 't' ? 3 : next->w[0] == 'm' ? 6 : 9;
            next = k + 2 < S->nt ? t + 2 : NULL;
        }
        if (next && (punct_is(next, '%') || word_is(next, "percent"))) t->percent = true;
        if (next && word_in(next, money_words)) t->money = true;
        if (next && word_is(next, "per") && k + 2 < S->nt &&
            word_in(&S->t[k + 2 + (t->scale ? 1 : 0)],
                    (const char *const[]){"share", "unit", "option", "rsu", "psu", NULL}))
            t->money = true;
    }
    return RC_OK;
}

/* ---- sentences --------------------------------------------------------------------- */

static const char *const abbreviations[] = {
    "inc", "corp", "co",  "ltd", "llc", "plc", "no",  "nos", "approx", "etc",    "vs",
    "mr",  "mrs",  "ms",  "dr",  "jan", "feb", "mar", "apr", "jun",    "jul",    "aug",
    "sep", "sept", "oct", "nov", "dec", "st",  "jr",  "sr",  "fig",    "sec",    "dept",
    "est", "pp",   "cf",  "viz", "ave", "ref", "art", "vol", "incl",   "nasdaq", NULL};

/* Does the '.' at buf[dot] end a sentence, given what follows it in the input? */
static bool sentence_end(const char *buf, size_t dot, const char *next, size_t nnext)
{
    if (nnext == 0) return true;
    unsigned char c = (unsigned char)next[0];
    if (!(is_upper((char)c) || c == '"' || c == '(' || c == '\'' || c >= 0x80)) return false;
    if (buf[dot] != '.') return true;
    /* the word before the point */
    size_t w = dot;
    while (w > 0 && is_letter((unsigned char)buf[w - 1]) && (unsigned char)buf[w - 1] < 0x80)
        w--;
    size_t len = dot - w;
    if (len == 1) return false; /* an initial: "U.S.", "J. Smith" */
    if (len == 0 || len > 8) return true;
    char low[10];
    for (size_t i = 0; i < len; i++)
        low[i] = is_upper(buf[w + i]) ? (char)(buf[w + i] + 32) : buf[w + i];
    low[len] = '\0';
    for (size_t i = 0; abbreviations[i]; i++)
        if (strcmp(low, abbreviations[i]) == 0) return false;
    return true;
}

/* Blanks of the input: space, tab, CR, no-break space; a line break too when lines. */
static size_t blank_at(const char *s, size_t n, size_t i, bool newline)
{
    if (s[i] == ' ' || s[i] == '\t' || s[i] == '\r' || (newline && s[i] == '\n')) return 1;
    if (i + 1 < n && (unsigned char)s[i] == 0xc2 && (unsigned char)s[i + 1] == 0xa0) return 2;
    if (i + 2 < n && (unsigned char)s[i] == 0xe2 && (unsigned char)s[i + 1] == 0x80 &&
        ((unsigned char)s[i + 2] >= 0x80 && (unsigned char)s[i + 2] <= 0x8b))
        return 3; /* en space ... zero-width space */
    return 0;
}

/* Typographic quotes and dashes, made plain; 0 when s[i] starts none. */
static size_t plain_at(const char *s, size_t n, size_t i, char *out)
{
    if (i + 2 >= n || (unsigned char)s[i] != 0xe2) return 0;
    unsigned char b = (unsigned char)s[i + 1], c = (unsigned char)s[i + 2];
    if (b == 0x80 && (c == 0x98 || c == 0x99))
        *out = '\'';
    else if (b == 0x80 && (c == 0x9c || c == 0x9d))
        *out = '"';
    else if (b == 0x80 && (c >= 0x90 && c <= 0x95))
        *out = '-';
    else if (b == 0x88 && c == 0x92)
        *out = '-';
    else
        return 0;
    return 3;
}

typedef struct splitter {
    sentence *v;
    size_t n, cap;
} splitter;

static int add_sentence(splitter *sp, rc_buf *b, unsigned line)
{
    while (b->len && b->data[b->len - 1] == ' ')
        b->len--;
    if (b->failed) return RC_ENOMEM;
    if (b->len == 0) return RC_OK;
    if (sp->n == sp->cap) {
        size_t c = sp->cap ? 2 * sp->cap : 16;
        sentence *p = realloc(sp->v, c * sizeof *p);
        if (!p) return RC_ENOMEM;
        sp->v = p;
        sp->cap = c;
    }
    char *s = malloc(b->len + 1);
    if (!s) return RC_ENOMEM;
    memcpy(s, b->data, b->len);
    s[b->len] = '\0';
    sentence *S = &sp->v[sp->n++];
    memset(S, 0, sizeof *S);
    S->s = s;
    S->n = b->len;
    S->line = line;
    b->len = 0;
    return RC_OK;
}

static void free_sentences(splitter *sp)
{
    for (size_t i = 0; i < sp->n; i++) {
        free((char *)sp->v[i].s);
        free(sp->v[i].t);
    }
    free(sp->v);
}

/* Split text into normalised sentences: blanks collapsed, no blank before , ; : . ) %,
 * none after (; quotes and dashes plain. */
static int split_sentences(const char *text, size_t len, bool lines, splitter *sp)
{
    rc_buf b = RC_BUF_INIT;
    unsigned line = 0, start_line = 0;
    bool pending = false;
    int rc = RC_OK;
    for (size_t i = 0; i < len && rc == RC_OK;) {
        char c = text[i];
        if (c == '\n') line++;
        if (c == '\n' && !lines) {
            rc = add_sentence(sp, &b, start_line);
            pending = false;
            i++;
            continue;
        }
        size_t k = blank_at(text, len, i, true);
        if (k) {
            pending = b.len > 0;
            i += k;
            continue;
        }
        char plain;
        size_t step = plain_at(text, len, i, &plain);
        if (step)
            c = plain;
        else
            step = 1;
        if (b.len == 0) start_line = line;
        if (pending && !strchr(",;:.)%", c) && !(b.len && b.data[b.len - 1] == '('))
            rc_buf_putc(&b, ' ');
        pending = false;
        rc_buf_putc(&b, c);
        i += step;
        if (c == '.' || c == '!' || c == '?') {
            /* a number's point or an ellipsis goes on */
            if (i < len && (is_digit(text[i]) || text[i] == '.')) continue;
            size_t j = i;
            while (j < len && (blank_at(text, len, j, lines) || (lines && text[j] == '\n')))
                j += blank_at(text, len, j, true) ? blank_at(text, len, j, true) : 1;
            if (j == i && j < len && text[j] != '\n') continue; /* "U.S." inside a word */
            const char *next = text + j;
            size_t nnext = j < len && !(text[j] == '\n' && !lines) ? len - j : 0;
            if (sentence_end(b.data, b.len - 1, next, nnext)) rc = add_sentence(sp, &b, start_line);
        }
    }
    if (rc == RC_OK) rc = add_sentence(sp, &b, start_line);
    rc_buf_free(&b);
    return rc;
}

/* ---- periods ----------------------------------------------------------------------- */

static bool month_end(rc_day d)
{
    int y, m, day, ny, nm, nd;
    rc_day_to_ymd(d, &y, &m, &day);
    rc_day_to_ymd(d + 1, &ny, &nm, &nd);
    return nd == 1;
}

/* The first day of a period of `months` months ending on the month end `end`;
 * RC_NO_DATE when end is not a month's last day (52/53-week years). */
static rc_day start_of(rc_day end, int months)
{
    if (end == RC_NO_DATE || months <= 0 || !month_end(end)) return RC_NO_DATE;
    int y, m, d;
    rc_day_to_ymd(end + 1, &y, &m, &d);
    int total = y * 12 + (m - 1) - months;
    return rc_day_from_ymd(total / 12, total % 12 + 1, 1);
}

/* The same month end (or day) in another year: "December 31, 2022 and 2023". */
static rc_day same_day_in(rc_day d, int year)
{
    int y, m, day;
    rc_day_to_ymd(d, &y, &m, &day);
    if (month_end(d)) return rc_day_from_ymd(m == 12 ? year + 1 : year, m == 12 ? 1 : m + 1, 1) - 1;
    if (m == 2 && day == 29) return RC_NO_DATE;
    return rc_day_from_ymd(year, m, day);
}

static int doc_months(const rc_narrative_period *doc)
{
    if (!doc || doc->start == RC_NO_DATE || doc->end == RC_NO_DATE) return 0;
    long days = (long)doc->end - (long)doc->start + 1;
    if (days >= 360 && days <= 372) return 12;
    if (days >= 84 && days <= 98) return 3;
    if (days >= 175 && days <= 190) return 6;
    if (days >= 266 && days <= 280) return 9;
    return 0;
}

/* A period or a date the clause names. */
typedef struct when {
    rc_day start, end; /* a duration (start may be RC_NO_DATE), or an instant */
    bool instant;
} when;

typedef struct whens {
    when v[MAX_WHENS];
    size_t n;
    bool event;   /* a date that is no period's end: a grant on a day, "in March 2023" */
    bool unclear; /* a period this reader cannot place ("in 2023" of a June year end) */
    bool respectively;
} whens;

static void add_when(whens *W, rc_day start, rc_day end, bool instant)
{
    if (end == RC_NO_DATE) {
        W->unclear = true;
        return;
    }
    if (W->n == MAX_WHENS) {
        W->unclear = true;
        return;
    }
    W->v[W->n++] = (when){start, end, instant};
}

/* Fiscal year `year` as the document's year end places it; calendar when the document
 * says nothing.  False when it cannot be placed (a 52/53-week year of another year). */
static bool fiscal_year(const rc_narrative_period *doc, int year, bool fiscal, rc_day *start,
                        rc_day *end)
{
    if (!doc || doc->end == RC_NO_DATE) {
        *end = rc_day_from_ymd(year, 12, 31);
        *start = rc_day_from_ymd(year, 1, 1);
        return true;
    }
    int y, m, d;
    rc_day_to_ymd(doc->end, &y, &m, &d);
    if (!fiscal && !(m == 12 && d == 31)) return false; /* calendar or fiscal year? */
    if (month_end(doc->end)) {
        *end = same_day_in(doc->end, year);
        *start = start_of(*end, 12);
        return true;
    }
    if (y != year) return false;
    *end = doc->end;
    *start = doc_months(doc) == 12 ? doc->start : RC_NO_DATE;
    return true;
}

/* The number of months a period's words name, looking back from the word before
 * "ended" ("the three months", "the fiscal years", "the quarter"); 0 when unknown. */
static int months_before(const sentence *S, size_t k, size_t from)
{
    static const struct {
        const char *w;
        int n;
    } numbers[] = {{"one", 1}, {"three", 3}, {"six", 6},         {"nine", 9}, {"twelve", 12},
                   {"3", 3},   {"6", 6},     {"9", 9},           {"12", 12},  {"fifty-two", 12},
                   {"52", 12}, {"53", 12},   {"fifty-three", 12}};
    for (size_t back = 1; back <= 3 && k >= from + back; back++) {
        const token *t = &S->t[k - back];
        if (word_is(t, "then")) continue;
        if (word_is(t, "year") || word_is(t, "years")) return 12;
        if (word_is(t, "quarter") || word_is(t, "quarters")) return 3;
        if (word_is(t, "months") || word_is(t, "month") || word_is(t, "weeks") ||
            word_is(t, "month-period") || word_is(t, "week")) {
            if (k - back == from) return 0;
            const token *u = &S->t[k - back - 1];
            char w[WORD_MAX];
            if (u->kind == TK_NUM && u->len < sizeof w) {
                memcpy(w, S->s + u->off, u->len);
                w[u->len] = '\0';
            } else {
                snprintf(w, sizeof w, "%s", u->w);
            }
            for (size_t i = 0; i < sizeof numbers / sizeof *numbers; i++)
                if (strcmp(w, numbers[i].w) == 0) return numbers[i].n;
            return 0;
        }
        if (t->kind == TK_WORD && strstr(t->w, "-month")) {
            /* "twelve-month", "three-month" */
            char w[WORD_MAX];
            snprintf(w, sizeof w, "%.*s", (int)(strstr(t->w, "-month") - t->w), t->w);
            for (size_t i = 0; i < sizeof numbers / sizeof *numbers; i++)
                if (strcmp(w, numbers[i].w) == 0) return numbers[i].n;
            return 0;
        }
    }
    return 0;
}

/* More ends after the first: "[,] [and] (DATE | YEAR)" repeated. */
static size_t more_ends(const sentence *S, size_t k, size_t to, rc_day first, int months,
                        bool instant, whens *W)
{
    while (k < to) {
        size_t j = k;
        if (punct_is(&S->t[j], ',')) j++;
        if (j < to && (word_is(&S->t[j], "and") || word_is(&S->t[j], "or"))) j++;
        if (j == k || j >= to) break;
        const token *t = &S->t[j];
        rc_day end;
        if (t->kind == TK_DATE)
            end = t->date;
        else if (t->kind == TK_NUM && t->year)
            end = same_day_in(first, t->year);
        else
            break;
        add_when(W, instant ? RC_NO_DATE : start_of(end, months), end, instant);
        k = j + 1;
    }
    return k;
}

static bool preposition(const token *t)
{
    static const char *const p[] = {"during", "in", "for", "throughout", "over", "within", NULL};
    return word_in(t, p);
}

/* The periods and dates of tokens [from, to). */
static void find_whens(const sentence *S, size_t from, size_t to, const rc_narrative_period *doc,
                       whens *W)
{
    memset(W, 0, sizeof *W);
    for (size_t k = from; k < to; k++) {
        const token *t = &S->t[k];
        if (word_is(t, "respectively")) W->respectively = true;
        /* "... ended December 31, 2023 [and 2022]" */
        if ((word_is(t, "ended") || word_is(t, "ending")) && k + 1 < to &&
            S->t[k + 1].kind == TK_DATE) {
            int months = months_before(S, k, from);
            rc_day end = S->t[k + 1].date;
            add_when(W, start_of(end, months), end, false);
            k = more_ends(S, k + 2, to, end, months, false, W) - 1;
            continue;
        }
        /* "as of December 31, 2023", "at December 31, 2023 and 2022", "as at ..." */
        if ((word_is(t, "as") && k + 2 < to &&
             (word_is(&S->t[k + 1], "of") || word_is(&S->t[k + 1], "at")) &&
             S->t[k + 2].kind == TK_DATE) ||
            (word_is(t, "at") && k + 1 < to && S->t[k + 1].kind == TK_DATE)) {
            size_t d = word_is(t, "as") ? k + 2 : k + 1;
            rc_day end = S->t[d].date;
            add_when(W, RC_NO_DATE, end, true);
            k = more_ends(S, d + 1, to, end, 0, true, W) - 1;
            continue;
        }
        /* "at (or as of) the end of [the] [fiscal] [year] 2018" */
        if ((word_is(t, "at") || (word_is(t, "as") && k + 1 < to && word_is(&S->t[k + 1], "of"))) &&
            k + 3 < to) {
            size_t j = k + (word_is(t, "as") ? 2 : 1);
            if (j + 2 < to && word_is(&S->t[j], "the") && word_is(&S->t[j + 1], "end") &&
                word_is(&S->t[j + 2], "of")) {
                j += 3;
                if (j < to && word_is(&S->t[j], "the")) j++;
                if (j < to && word_is(&S->t[j], "fiscal")) j++;
                bool year_word =
                    j < to && (word_is(&S->t[j], "year") || word_is(&S->t[j], "years"));
                if (year_word) j++;
                rc_day st, end;
                if (j < to && S->t[j].kind == TK_NUM && S->t[j].year) {
                    if (fiscal_year(doc, S->t[j].year, true, &st, &end))
                        add_when(W, RC_NO_DATE, end, true);
                    else
                        W->unclear = true;
                    k = j;
                    continue;
                }
                if (year_word || (j < to && word_is(&S->t[j], "period"))) {
                    if (doc && doc->end != RC_NO_DATE)
                        add_when(W, RC_NO_DATE, doc->end, true);
                    else
                        W->unclear = true;
                    k = j;
                    continue;
                }
            }
        }
        /* "at year-end", "at fiscal year end" */
        if (word_is(t, "at") && k + 1 < to) {
            size_t j = k + 1;
            if (word_is(&S->t[j], "fiscal") && j + 1 < to) j++;
            if (word_is(&S->t[j], "year-end") ||
                (word_is(&S->t[j], "year") && j + 1 < to && word_is(&S->t[j + 1], "end"))) {
                if (doc_months(doc) == 12)
                    add_when(W, RC_NO_DATE, doc->end, true);
                else
                    W->unclear = true;
                k = j;
                continue;
            }
        }
        /* "during 2023", "in fiscal 2023 and 2022", "for the fiscal years 2023, 2022" */
        if (preposition(t) && k + 1 < to) {
            size_t j = k + 1;
            bool fiscal = false;
            if (word_is(&S->t[j], "the") && j + 1 < to) j++;
            if ((word_is(&S->t[j], "fiscal") || word_is(&S->t[j], "calendar")) && j + 1 < to) {
                fiscal = word_is(&S->t[j], "fiscal");
                j++;
            }
            bool year_word = word_is(&S->t[j], "year") || word_is(&S->t[j], "years");
            if (year_word && j + 1 < to) j++;
            if (S->t[j].kind == TK_NUM && S->t[j].year &&
                !(j + 1 < to && S->t[j + 1].kind == TK_WORD && month_word(S->t[j + 1].w))) {
                for (;;) {
                    rc_day st, end;
                    if (fiscal_year(doc, S->t[j].year, fiscal, &st, &end))
                        add_when(W, st, end, false);
                    else
                        W->unclear = true;
                    size_t m = j + 1;
                    if (m < to && punct_is(&S->t[m], ',')) m++;
                    if (m < to && word_is(&S->t[m], "and")) m++;
                    if (m == j + 1 || m >= to || S->t[m].kind != TK_NUM || !S->t[m].year) break;
                    j = m;
                }
                k = j;
                continue;
            }
            /* "during the year", "for the current fiscal year": the document's period */
            j = k + 1;
            if (word_is(&S->t[j], "the") && j + 1 < to) {
                j++;
                if (word_is(&S->t[j], "current") && j + 1 < to) j++;
                if (word_is(&S->t[j], "fiscal") && j + 1 < to) j++;
                bool y = word_is(&S->t[j], "year"), q = word_is(&S->t[j], "quarter"),
                     p = word_is(&S->t[j], "period");
                bool named =
                    j + 1 < to && (word_is(&S->t[j + 1], "ended") ||
                                   word_is(&S->t[j + 1], "ending") || S->t[j + 1].kind == TK_NUM);
                if ((y || q || p) && !named) {
                    int months = doc_months(doc);
                    if (months && ((y && months == 12) || (q && months == 3) || p))
                        add_when(W, doc->start, doc->end, false);
                    else
                        W->unclear = true;
                    k = j;
                    continue;
                }
            }
        }
        /* anything else dated is an event, not a period: "on June 1, 2023", "in March
         * 2023", "in the first quarter of 2023" */
        if (t->kind == TK_DATE) W->event = true;
        if (t->kind == TK_WORD && month_word(t->w) && k + 1 < to && S->t[k + 1].kind == TK_NUM &&
            S->t[k + 1].year && strlen(t->w) >= 3 && (strcmp(t->w, "may") != 0 || S->t[k].upper))
            W->event = true;
        if (word_is(t, "quarter") && k + 1 < to && word_is(&S->t[k + 1], "of")) W->event = true;
    }
}

/* ---- awards and items ---------------------------------------------------------------- */

static const char *const award_adjectives[] = {"stock",
                                               "share",
                                               "restricted",
                                               "performance",
                                               "performance-based",
                                               "time-based",
                                               "time-vested",
                                               "service-based",
                                               "market-based",
                                               "nonvested",
                                               "non-vested",
                                               "unvested",
                                               "new",
                                               "additional",
                                               "employee",
                                               "incentive",
                                               "nonqualified",
                                               "non-qualified",
                                               "qualified",
                                               "ordinary",
                                               "common",
                                               "equity",
                                               "deferred",
                                               "phantom",
                                               "premium",
                                               "non-premium",
                                               "cash-settled",
                                               "stock-settled",
                                               "equity-settled",
                                               "service",
                                               "retention",
                                               "class",
                                               "a",
                                               "b",
                                               "the",
                                               "company's",
                                               "group's",
                                               "our",
                                               "its",
                                               "of",
                                               "time-based-vesting",
                                               "long-term",
                                               "appreciation",
                                               "rights",
                                               "right",
                                               NULL};

static const char *const award_heads[] = {"option", "options", "rsu",   "rsus",   "psu",   "psus",
                                          "sar",    "sars",    "dsu",   "dsus",   "msu",   "msus",
                                          "unit",   "units",   "award", "awards", "share", "shares",
                                          "stock",  "rights",  "right", NULL};

/* The award phrase that starts at token j: up to MAX_AWARD_WORDS adjectives and heads,
 * ending in a head, classified by the vocabulary's member patterns.  Returns the index
 * of its last token, or SIZE_MAX when there is none or it names no award class. */
static size_t award_at(const rc_vocab *vocab, const sentence *S, size_t j, size_t to, int *award,
                       const char **type)
{
    size_t last = SIZE_MAX;
    for (size_t k = j; k < to && k < j + MAX_AWARD_WORDS; k++) {
        const token *t = &S->t[k];
        if (word_in(t, award_heads)) {
            last = k;
            /* "shares of restricted stock": go on only through "of" */
            continue;
        }
        if (!word_in(t, award_adjectives)) break;
    }
    if (last == SIZE_MAX) return SIZE_MAX;
    const token *a = &S->t[j], *z = &S->t[last];
    char phrase[160];
    size_t n = z->off + z->len - a->off;
    if (n >= sizeof phrase) return SIZE_MAX;
    memcpy(phrase, S->s + a->off, n);
    phrase[n] = '\0';
    int aw = -1;
    const char *ty = NULL;
    if (!rc_classify_member(vocab, phrase, &aw, &ty) || aw < 0) return SIZE_MAX;
    *award = aw;
    *type = ty;
    return last;
}

/* A word the vocabulary classifies as a movement of fixed direction ("granted",
 * "forfeited"), with "or"/"and" and a second one ("forfeited or expired"): its role,
 * and the index of its last token in *last. */
static bool verb_at(const rc_vocab *vocab, const sentence *S, size_t k, size_t to, rc_role *role,
                    size_t *last)
{
    const token *t = &S->t[k];
    if (t->kind != TK_WORD || t->len < 4 || !t->w[0]) return false;
    size_t n = strlen(t->w);
    if (n < 4 || strcmp(t->w + n - 2, "ed") != 0) return false;
    char text[96];
    snprintf(text, sizeof text, "%s", t->w);
    *last = k;
    if (k + 2 < to && (word_is(&S->t[k + 1], "or") || word_is(&S->t[k + 1], "and") ||
                       word_is(&S->t[k + 1], "and/or") || punct_is(&S->t[k + 1], '/'))) {
        const token *u = &S->t[k + 2];
        size_t m = u->kind == TK_WORD ? strlen(u->w) : 0;
        if (m >= 4 && strcmp(u->w + m - 2, "ed") == 0) {
            rc_class c2;
            rc_classify_label(vocab, u->w, &c2);
            if (c2.what == RC_WHAT_MOVEMENT && rc_role_direction(c2.role) != 0) {
                snprintf(text, sizeof text, "%s or %s", t->w, u->w);
                *last = k + 2;
            }
        }
    }
    rc_class c;
    rc_classify_label(vocab, text, &c);
    if (c.what != RC_WHAT_MOVEMENT || rc_role_direction(c.role) == 0) return false;
    *role = c.role;
    return true;
}

typedef struct item {
    size_t num;         /* the count's token */
    size_t first, last; /* the tokens it covers */
    int award;          /* -1: the sentence's award */
    const char *type;
    int list; /* its list (items joined by "," and "and") */
} item;

typedef struct clause_items {
    item v[MAX_ITEMS];
    size_t n;
    size_t nlists;
    bool blocked; /* an item the reader may not use (approximately, up to ...) */
} clause_items;

/* A count: a number that is no money, percentage or year. */
static bool count_token(const token *t)
{
    return t->kind == TK_NUM && !t->money && !t->percent && !t->year;
}

/* The token after a count and its scale word. */
static size_t after_count(const sentence *S, size_t k)
{
    return k + 1 + (S->t[k].scale ? 1 : 0);
}

static const char *const qualifiers[] = {"approximately", "about", "over",    "nearly",  "almost",
                                         "roughly",       "than",  "least",   "to",      "upto",
                                         "around",        "some",  "maximum", "minimum", NULL};

/* The items of tokens [from, to). */
static void find_items(const rc_vocab *vocab, const sentence *S, size_t from, size_t to,
                       clause_items *I)
{
    memset(I, 0, sizeof *I);
    for (size_t k = from; k < to && I->n < MAX_ITEMS; k++) {
        const token *t = &S->t[k];
        if (!count_token(t)) continue;
        item it = {k, k, k, -1, NULL, -1};
        size_t a = after_count(S, k);
        /* "approximately 1,200 options": a rounded or bounding number, unless its scale
         * ("1.2 million") says how it is rounded */
        bool approx = k >= from + 2 && punct_is(&S->t[k - 1], '.') &&
                      word_is(&S->t[k - 2], "approx"); /* "approx. 1,000" */
        if (k > from && (approx || word_in(&S->t[k - 1], qualifiers)) && !t->scale &&
            !(word_is(&S->t[k - 1], "to") && k >= from + 2 &&
              (word_is(&S->t[k - 2], "purchase") || word_is(&S->t[k - 2], "acquire")))) {
            I->blocked = true;
            continue;
        }
        /* "options to purchase [an aggregate of] 1,200 shares" */
        size_t b = k;
        while (b > from + 1 &&
               (word_is(&S->t[b - 1], "of") || word_is(&S->t[b - 1], "aggregate") ||
                word_is(&S->t[b - 1], "an") || word_is(&S->t[b - 1], "total") ||
                word_is(&S->t[b - 1], "a")) &&
               b > k - 3)
            b--;
        if (b >= from + 3 &&
            (word_is(&S->t[b - 1], "purchase") || word_is(&S->t[b - 1], "acquire")) &&
            word_is(&S->t[b - 2], "to") &&
            (word_is(&S->t[b - 3], "options") || word_is(&S->t[b - 3], "option"))) {
            it.award = RC_AWARD_OPTIONS;
            it.first = b - 3;
            while (it.first > from && word_in(&S->t[it.first - 1], award_adjectives) &&
                   !word_is(&S->t[it.first - 1], "of"))
                it.first--;
            it.last = a - 1;
            /* the shares purchased: "1,200 shares [of common stock]" */
            size_t z = a;
            while (z < to && z < a + 6 && word_in(&S->t[z], award_adjectives) &&
                   !word_is(&S->t[z], "restricted"))
                z++;
            if (z < to && (word_is(&S->t[z], "shares") || word_is(&S->t[z], "share"))) {
                it.last = z;
                size_t y = z + 1;
                while (y < to && y < z + 6 && word_in(&S->t[y], award_adjectives) &&
                       !word_is(&S->t[y], "restricted"))
                    y++;
                if (y > z + 1 &&
                    (word_is(&S->t[y - 1], "stock") || word_is(&S->t[y - 1], "shares")))
                    it.last = y - 1;
            }
            I->v[I->n++] = it;
            continue;
        }
        int award;
        const char *type;
        size_t last = a < to ? award_at(vocab, S, a, to, &award, &type) : SIZE_MAX;
        if (last != SIZE_MAX) {
            it.award = award;
            it.type = type;
            it.last = last;
        } else {
            it.last = a - 1;
        }
        I->v[I->n++] = it;
        k = it.last;
    }
    /* lists: items joined by ",", "and", "or", ", and"; a count without an award takes
     * the award of the list's last item ("100, 200 and 300 options") */
    for (size_t i = 0; i < I->n; i++) {
        if (i > 0) {
            size_t g = I->v[i - 1].last + 1, e = I->v[i].first;
            bool joined = g < e;
            for (size_t k = g; k < e; k++)
                if (!punct_is(&S->t[k], ',') && !word_is(&S->t[k], "and") &&
                    !word_is(&S->t[k], "or"))
                    joined = false;
            if (joined) {
                I->v[i].list = I->v[i - 1].list;
                continue;
            }
        }
        I->v[i].list = (int)I->nlists++;
    }
    for (size_t i = I->n; i-- > 0;) {
        if (I->v[i].award >= 0 || i + 1 >= I->n || I->v[i + 1].list != I->v[i].list) continue;
        I->v[i].award = I->v[i + 1].award;
        I->v[i].type = I->v[i + 1].type;
    }
}

/* ---- one clause -------------------------------------------------------------------- */

/* What one list of items states. */
typedef struct binding {
    rc_stmt_kind kind;
    rc_role role;
    rc_line line;
} binding;

static const char *const auxiliaries[] = {
    "were", "was",   "are",      "is",     "have",    "has",          "had",  "been",
    "be",   "being", "remained", "remain", "remains", "subsequently", "also", NULL};

/* The words after a list (past an auxiliary): a movement verb or a balance word. */
static bool bind_after(const rc_vocab *vocab, const sentence *S, size_t k, size_t to,
                       bool counts_only, binding *out)
{
    if (k < to && punct_is(&S->t[k], ',') && k + 2 < to && word_is(&S->t[k + 1], "respectively") &&
        punct_is(&S->t[k + 2], ','))
        k += 3;
    size_t aux = 0;
    while (k < to && word_in(&S->t[k], auxiliaries)) {
        k++;
        aux++;
    }
    if (k < to &&
        (word_is(&S->t[k], "now") || word_is(&S->t[k], "currently") || word_is(&S->t[k], "fully")))
        k++;
    if (k >= to || S->t[k].kind != TK_WORD) return false;
    /* a balance: "outstanding", "exercisable", "vested and expected to vest" */
    char text[128] = "";
    size_t used = 0;
    for (size_t j = k; j < to && j < k + 6 && S->t[j].kind == TK_WORD; j++) {
        int w = snprintf(text + used, sizeof text - used, "%s%s", used ? " " : "", S->t[j].w);
        if (w < 0 || (size_t)w >= sizeof text - used) break;
        used += (size_t)w;
    }
    rc_class c;
    rc_classify_label(vocab, text, &c);
    if ((word_is(&S->t[k], "outstanding") || word_is(&S->t[k], "exercisable") ||
         word_is(&S->t[k], "vested")) &&
        c.what == RC_WHAT_BALANCE && !(counts_only && aux == 0)) {
        out->kind = RC_STMT_BALANCE;
        out->line = c.line == RC_LINE_OPENING ? RC_LINE_CLOSING : c.line;
        return true;
    }
    if (counts_only) return false;
    size_t last;
    rc_role role;
    if (verb_at(vocab, S, k, to, &role, &last)) {
        out->kind = RC_STMT_MOVEMENT;
        out->role = role;
        return true;
    }
    return false;
}

/* The verb before a list: "granted [a total of] ...", "cancelled ...". */
static bool bind_before(const rc_vocab *vocab, const sentence *S, size_t first, size_t from,
                        binding *out)
{
    static const char *const fillers[] = {"a", "an", "total", "aggregate", "of", "additional",
                                          "further",
                                          /* find_items refused them unless scaled */
                                          "approximately", "about", NULL};
    size_t k = first;
    while (k > from && word_in(&S->t[k - 1], fillers))
        k--;
    if (k == from) return false;
    /* "forfeited or expired": the first verb of a pair */
    size_t v = k - 1, last;
    rc_role role;
    if (v >= from + 2 &&
        (word_is(&S->t[v - 1], "or") || word_is(&S->t[v - 1], "and") ||
         punct_is(&S->t[v - 1], '/')) &&
        verb_at(vocab, S, v - 2, k, &role, &last) && last == v) {
        out->kind = RC_STMT_MOVEMENT;
        out->role = role;
        return true;
    }
    if (!verb_at(vocab, S, v, k, &role, &last) || last != v) return false;
    out->kind = RC_STMT_MOVEMENT;
    out->role = role;
    return true;
}

/* Words that make a count a part of a period's total, or not a fact at all. */
static const char *const part_words[] = {
    "certain",   "chief",      "ceo",         "cfo",        "coo",         "officer",
    "officers",  "executive",  "executives",  "director",   "directors",   "president",
    "founder",   "founders",   "chairman",    "consultant", "consultants", "which",
    "including", "included",   "exchange",    "exchanged",  "replacement", "modification",
    "modified",  "tender",     "merger",      "result",     "connection",  "pursuant",
    "upon",      "related",    "relating",    "associated", "except",      "excluding",
    "each",      "individual", "individuals", "employee",   "cumulative",  "since",
    "inception", "date",       "remaining",   "subject",    "vesting",     "if",
    "unless",    NULL};
static const char *const not_fact_words[] = {
    "will",     "would",      "may",         "might",  "could",      "should",   "shall",
    "can",      "anticipate", "anticipates", "expect", "expects",    "intend",   "intends",
    "estimate", "estimated",  "estimates",   "up",     "authorized", "reserved", "available",
    "not",      "no",         "nor",         NULL};

/* A plan named by its name ("the 2019 Equity Incentive Plan"): the count may be that
 * plan's alone.  "the Plan" (a defined term) names none. */
static bool named_plan(const sentence *S, size_t from, size_t to)
{
    for (size_t k = from + 1; k < to; k++) {
        if (!word_is(&S->t[k], "plan") && !word_is(&S->t[k], "plans")) continue;
        const token *p = &S->t[k - 1];
        if ((p->kind == TK_WORD && p->upper && !word_is(p, "the")) ||
            (p->kind == TK_NUM && p->year))
            return true;
    }
    return false;
}

static bool has_word(const sentence *S, size_t from, size_t to, const char *const *list,
                     size_t skip_from, size_t skip_to)
{
    for (size_t k = from; k < to; k++) {
        if (k >= skip_from && k < skip_to) continue;
        if (!word_in(&S->t[k], list)) continue;
        /* "expected to vest" is a balance, "no." a number sign */
        if (word_is(&S->t[k], "no") && k + 1 < to && punct_is(&S->t[k + 1], '.')) continue;
        return true;
    }
    return false;
}

/* ---- making statements ------------------------------------------------------------- */

typedef struct reader {
    rc_model *model;
    const rc_vocab *vocab;
    const rc_source *src;
    bool lines;
    const rc_narrative_period *doc;
    rc_narrative_stats *stats;
    const char *file; /* src->file and src->id, in the model */
    const char *id;
} reader;

static bool same_statement(const rc_statement *a, const rc_statement *b)
{
    if (a->kind != b->kind || a->award != b->award || a->start != b->start || a->end != b->end)
        return false;
    if (a->kind == RC_STMT_MOVEMENT && a->role != b->role) return false;
    if (a->kind == RC_STMT_BALANCE && a->line != b->line) return false;
    if (!a->src.file || !b->src.file || strcmp(a->src.file, b->src.file) != 0) return false;
    if (!a->text || !b->text || strcmp(a->text, b->text) != 0) return false;
    return mpq_equal(a->value->value.q, b->value->value.q) != 0;
}

/* Add a statement (and its value's fact) unless the model has the same one. */
static int add_statement(reader *rd, const sentence *S, const rc_statement *proto, const token *num,
                         rc_kind kind, const char *currency, int scale)
{
    rc_value v;
    rc_value_init(&v);
    size_t errpos;
    const char *errmsg;
    int rc =
        rc_value_parse(&v, S->s + num->off, num->len, scale, RC_PARSE_GROUPING, &errpos, &errmsg);
    if (rc != RC_OK || mpq_sgn(v.q) <= 0) {
        rc_value_clear(&v);
        return rc == RC_ENOMEM ? RC_ENOMEM : RC_OK;
    }
    rc_statement probe = *proto;
    rc_fact probe_fact;
    memset(&probe_fact, 0, sizeof probe_fact);
    probe_fact.value = v;
    probe.value = &probe_fact;
    probe.text = S->s;
    probe.src.file = rd->file;
    for (size_t i = 0; i < rc_model_statement_count(rd->model); i++) {
        if (same_statement(rc_model_statement(rd->model, i), &probe)) {
            rc_value_clear(&v);
            return RC_OK;
        }
    }
    rc = RC_ENOMEM;
    rc_fact *f = rc_model_new_fact(rd->model);
    rc_statement *st = f ? rc_model_add_statement(rd->model) : NULL;
    if (!st) goto done;
    rc_value_set(&f->value, &v);
    f->kind = kind;
    f->currency = currency;
    size_t tlen = num->len;
    if (scale) {
        /* "1.2 million" as written */
        const token *w = num + 1;
        tlen = w->off + w->len - num->off;
    }
    f->text = rc_model_strndup(rd->model, S->s + num->off, tlen);
    f->label = NULL;
    rc_source where = *rd->src;
    where.file = rd->file;
    where.id = rd->id;
    if (rd->lines && S->line > 0) {
        where.line += S->line;
        where.col = 0;
    }
    f->src = where;
    f->start = proto->start;
    f->end = proto->end;
    const char *award_type =
        proto->award_type ? rc_model_strdup(rd->model, proto->award_type) : NULL;
    const char *text = rc_model_strndup(rd->model, S->s, S->n);
    if (!f->text || !text || (proto->award_type && !award_type)) goto done;
    *st = *proto;
    st->award_type = award_type;
    st->value = f;
    st->text = text;
    st->src = where;
    st->rf = NULL;
    if (rd->stats) rd->stats->statements++;
    rc = RC_OK;
done:
    rc_value_clear(&v);
    return rc;
}

/* The award class the sentence speaks of, when it names exactly one. */
static int sentence_award(const rc_vocab *vocab, const sentence *S, const char **type)
{
    int found = -1;
    *type = NULL;
    for (size_t k = 0; k < S->nt; k++) {
        if (S->t[k].kind != TK_WORD) continue;
        if (k > 0 && word_in(&S->t[k - 1], award_adjectives) && !word_is(&S->t[k - 1], "of") &&
            !word_is(&S->t[k - 1], "the"))
            continue; /* inside a phrase started earlier */
        int award;
        const char *ty;
        size_t last = award_at(vocab, S, k, S->nt, &award, &ty);
        if (last == SIZE_MAX) continue;
        if (found >= 0 && found != award) return -1;
        if (found >= 0 && ty != *type && (!ty || !*type || strcmp(ty, *type) != 0))
            *type = NULL;
        else
            *type = ty;
        found = award;
        k = last;
    }
    return found;
}

/* The share price: "(market value | closing price | ...) of the Company's stock was $X at
 * DATE".  *made is set when the clause states one (then it states nothing else).  RC_OK
 * or RC_ENOMEM. */
static int share_price(reader *rd, const sentence *S, size_t from, size_t to, const whens *W,
                       bool *made)
{
    *made = false;
    char low[512];
    size_t used = 0;
    size_t phrase_end = SIZE_MAX;
    for (size_t k = from; k < to; k++) {
        const token *t = &S->t[k];
        if (t->kind != TK_WORD) continue;
        int w = snprintf(low + used, sizeof low - used, "%s%s", used ? " " : "", t->w);
        if (w < 0 || (size_t)w >= sizeof low - used) return RC_OK;
        used += (size_t)w;
        static const char *const phrases[] = {"market value of the company's stock",
                                              "market value of the company's common stock",
                                              "market value of our common stock",
                                              "market value of our stock",
                                              "market value of the underlying stock",
                                              "closing stock price",
                                              "closing share price",
                                              "closing price of the company's common stock",
                                              "closing price of our common stock",
                                              "closing price of the company's stock",
                                              "closing price of our stock",
                                              "closing price of the common stock",
                                              "closing market price",
                                              "fair value of the company's common stock",
                                              "fair value of our common stock",
                                              "fair value of the company's ordinary shares",
                                              "fair value of our ordinary shares",
                                              "market price of the company's common stock",
                                              "market price of our common stock",
                                              NULL};
        for (size_t i = 0; phrases[i] && phrase_end == SIZE_MAX; i++) {
            size_t pl = strlen(phrases[i]);
            if (used >= pl && strcmp(low + used - pl, phrases[i]) == 0) phrase_end = k;
        }
    }
    if (phrase_end == SIZE_MAX) return RC_OK;
    if (strstr(low, "weighted") || strstr(low, "average") || strstr(low, "will ") ||
        strstr(low, "would ") || strstr(low, "grant"))
        return RC_OK;
    size_t price = SIZE_MAX, nmoney = 0;
    for (size_t k = from; k < to; k++) {
        const token *t = &S->t[k];
        if (t->kind != TK_NUM || !t->money) continue;
        nmoney++;
        if (k > phrase_end && k <= phrase_end + 8 && !t->scale && k > 0 &&
            S->t[k - 1].kind == TK_CUR)
            price = k;
    }
    if (price == SIZE_MAX || nmoney != 1) return RC_OK;
    rc_day end = RC_NO_DATE;
    size_t ninstants = 0;
    for (size_t i = 0; i < W->n; i++) {
        if (!W->v[i].instant) continue;
        if (end != RC_NO_DATE && W->v[i].end != end) return RC_OK;
        end = W->v[i].end;
        ninstants++;
    }
    if (ninstants == 0) {
        /* "on December 31, 2023": the only date of the clause */
        size_t ndates = 0;
        for (size_t k = from; k < to; k++)
            if (S->t[k].kind == TK_DATE) {
                ndates++;
                end = S->t[k].date;
            }
        if (ndates != 1) return RC_OK;
    }
    const token *cur = &S->t[price - 1];
    rc_statement proto;
    memset(&proto, 0, sizeof proto);
    proto.kind = RC_STMT_SHARE_PRICE;
    proto.award = -1;
    proto.start = RC_NO_DATE;
    proto.end = end;
    *made = true;
    return add_statement(rd, S, &proto, &S->t[price], RC_KIND_PRICE, cur->code, 0);
}

/* The statements of one clause [from, to) of sentence S; *made counts them. */
static int read_clause(reader *rd, const sentence *S, size_t from, size_t to,
                       const whens *sentence_whens, size_t *made)
{
    whens W;
    find_whens(S, from, to, rd->doc, &W);
    bool price_made = false;
    int rc = share_price(rd, S, from, to, &W, &price_made);
    if (rc < 0) return rc;
    if (price_made) {
        (*made)++;
        return RC_OK;
    }
    clause_items I;
    find_items(rd->vocab, S, from, to, &I);
    if (I.n == 0 || I.blocked) return RC_OK;
    /* future, conditional, bounded: no fact */
    for (size_t k = from; k < to; k++) {
        if (!word_in(&S->t[k], not_fact_words)) continue;
        if (word_is(&S->t[k], "no") && k + 1 < to && punct_is(&S->t[k + 1], '.')) continue;
        return RC_OK;
    }
    for (size_t k = from; k + 1 < to; k++)
        if (word_is(&S->t[k], "expected") &&
            !(word_is(&S->t[k + 1], "to") && k + 2 < to && word_is(&S->t[k + 2], "vest")))
            return RC_OK;
    int sent_award = -2;
    const char *sent_type = NULL;
    /* each list: its binding */
    for (size_t l = 0; l < I.nlists; l++) {
        size_t a = SIZE_MAX, z = 0, count = 0;
        for (size_t i = 0; i < I.n; i++) {
            if (I.v[i].list != (int)l) continue;
            if (a == SIZE_MAX) a = i;
            z = i;
            count++;
        }
        bool counts_only = I.v[a].award < 0;
        binding b = {RC_STMT_MOVEMENT, RC_ROLE_GRANTED, RC_LINE_CLOSING};
        bool bound = bind_after(rd->vocab, S, I.v[z].last + 1, to, counts_only, &b);
        binding b2 = b;
        bool bound2 = !counts_only && bind_before(rd->vocab, S, I.v[a].first, from, &b2);
        if (bound && bound2 && (b.kind != b2.kind || b.role != b2.role || b.line != b2.line))
            continue; /* two verbs claim the list */
        if (!bound && bound2) b = b2, bound = true;
        if (!bound) continue;
        /* a part of the whole: a plan's, certain holders', a cause's */
        if (has_word(S, from, to, part_words, I.v[a].first, I.v[z].last + 1)) continue;
        if (named_plan(S, from, to)) continue;
        if (b.kind == RC_STMT_MOVEMENT) {
            if (counts_only) continue;
            if (W.event) continue;
            if (b.role == RC_ROLE_VESTED) {
                bool options = false;
                for (size_t i = a; i <= z; i++)
                    options |= I.v[i].list == (int)l && I.v[i].award == RC_AWARD_OPTIONS;
                if (options) continue; /* options vesting is no movement of their table */
            }
        } else if (W.event && W.n == 0) {
            continue;
        }
        /* a second verb in the clause for the same items: "granted in 2022 were forfeited" */
        size_t verbs = 0;
        for (size_t k = from; k < to; k++) {
            rc_role r;
            size_t last;
            bool inside = false;
            for (size_t i = 0; i < I.n && !inside; i++)
                inside = k >= I.v[i].first && k <= I.v[i].last;
            if (!inside && verb_at(rd->vocab, S, k, to, &r, &last)) {
                verbs++;
                k = last;
            }
        }
        if (b.kind == RC_STMT_MOVEMENT && verbs > I.nlists) continue;
        /* the periods (balance dates) of the clause, else of the sentence */
        const whens *P = &W;
        size_t nmatch = 0;
        for (size_t i = 0; i < W.n; i++)
            nmatch += W.v[i].instant == (b.kind == RC_STMT_BALANCE);
        if (nmatch == 0 && !W.unclear && !W.event) {
            P = sentence_whens;
            for (size_t i = 0; i < P->n; i++)
                nmatch += P->v[i].instant == (b.kind == RC_STMT_BALANCE);
        }
        if (P->unclear || nmatch == 0) continue;
        when chosen[MAX_WHENS];
        size_t nchosen = 0;
        for (size_t i = 0; i < P->n; i++)
            if (P->v[i].instant == (b.kind == RC_STMT_BALANCE)) chosen[nchosen++] = P->v[i];
        bool distribute = nchosen > 1;
        if (distribute && !(P->respectively && nchosen == count && I.nlists == 1)) continue;
        size_t idx = 0;
        for (size_t i = 0; i < I.n; i++) {
            if (I.v[i].list != (int)l) continue;
            const item *it = &I.v[i];
            when w = chosen[distribute ? idx : 0];
            idx++;
            rc_statement proto;
            memset(&proto, 0, sizeof proto);
            proto.kind = b.kind;
            proto.role = b.role;
            proto.line = b.line;
            proto.award = it->award;
            proto.award_type = it->type;
            if (it->award < 0) {
                if (sent_award == -2) sent_award = sentence_award(rd->vocab, S, &sent_type);
                if (sent_award < 0) continue;
                proto.award = sent_award;
                proto.award_type = sent_type;
            }
            proto.start = b.kind == RC_STMT_MOVEMENT ? w.start : RC_NO_DATE;
            proto.end = w.end;
            if (b.kind == RC_STMT_BALANCE && b.line == RC_LINE_CLOSING) {
                /* "outstanding at January 1, 2023": the balance the period opens with */
                int y, m, d;
                rc_day_to_ymd(w.end, &y, &m, &d);
                if (d == 1) {
                    proto.line = RC_LINE_OPENING;
                    proto.end = w.end - 1;
                }
            }
            rc = add_statement(rd, S, &proto, &S->t[it->num], RC_KIND_COUNT, NULL,
                               S->t[it->num].scale);
            if (rc < 0) return rc;
            (*made)++;
        }
    }
    return RC_OK;
}

/* Does a sentence state a count of an award class ("530,700 options")? */
static bool states_counts(const rc_vocab *vocab, const sentence *S)
{
    clause_items I;
    find_items(vocab, S, 0, S->nt, &I);
    for (size_t i = 0; i < I.n; i++)
        if (I.v[i].award >= 0) return true;
    return false;
}

static int read_sentence(reader *rd, sentence *S)
{
    if (S->n > MAX_SENTENCE) {
        if (rd->stats) rd->stats->sentences++;
        return RC_OK;
    }
    int rc = tokenize(S);
    if (rc < 0) return rc;
    if (rd->stats) rd->stats->sentences++;
    if (S->nt > MAX_TOKENS) {
        if (rd->stats) rd->stats->unread++;
        return RC_OK;
    }
    whens all;
    find_whens(S, 0, S->nt, rd->doc, &all);
    size_t made = 0;
    for (size_t from = 0; from < S->nt;) {
        size_t to = from;
        while (to < S->nt && !punct_is(&S->t[to], ';'))
            to++;
        if ((rc = read_clause(rd, S, from, to, &all, &made)) < 0) return rc;
        from = to + 1;
    }
    if (made == 0 && rd->stats && states_counts(rd->vocab, S)) rd->stats->unread++;
    return RC_OK;
}

int rc_narrative_read(rc_model *model, const rc_vocab *vocab, const char *text, size_t len,
                      const rc_source *src, bool lines, const rc_narrative_period *period,
                      rc_narrative_stats *stats, rc_ctx *ctx)
{
    assert(model && vocab && src && src->file && (text || len == 0));
    splitter sp = {NULL, 0, 0};
    reader rd = {model, vocab, src, lines, period, stats, NULL, NULL};
    int rc = RC_ENOMEM;
    /* the source's strings may be the caller's, gone before the model is */
    rd.file = rc_model_strdup(model, src->file);
    rd.id = src->id ? rc_model_strdup(model, src->id) : NULL;
    if (rd.file && (rd.id || !src->id)) rc = split_sentences(text ? text : "", len, lines, &sp);
    for (size_t i = 0; i < sp.n && rc == RC_OK; i++)
        rc = read_sentence(&rd, &sp.v[i]);
    free_sentences(&sp);
    if (rc == RC_ENOMEM) return rc_ctx_fail(ctx, RC_ENOMEM, "out of memory reading a note's text");
    return rc;
}

int rc_narrative_note(rc_model *model, const char *file, unsigned line,
                      const rc_narrative_stats *stats)
{
    if (!stats || stats->unread == 0) return RC_OK;
    return rc_model_add_note(model, file, line, 0,
                             "%zu sentence%s of the note's text state%s share counts that could "
                             "not be tied to one award, movement or balance, and period: not "
                             "checked",
                             stats->unread, stats->unread == 1 ? "" : "s",
                             stats->unread == 1 ? "s" : "");
}

bool rc_narrative_period_of_heading(const char *heading, rc_narrative_period *out)
{
    out->start = out->end = RC_NO_DATE;
    if (!heading) return false;
    rc_day d;
    size_t at, len;
    if (rc_parse_date(heading, true, &d, &at, &len) != RC_OK) return false;
    out->end = d;
    /* "12 Months Ended", "3 Months Ended", "52 Weeks Ended" before the date */
    const char *s = heading;
    while (*s == ' ' || *s == '\n')
        s++;
    if (!is_digit(*s)) return true;
    int n = atoi(s);
    while (is_digit(*s))
        s++;
    while (*s == ' ')
        s++;
    int months = 0;
    if (strncasecmp(s, "month", 5) == 0)
        months = n;
    else if (strncasecmp(s, "week", 4) == 0)
        months = n >= 52                ? 12
                 : (n == 13 || n == 14) ? 3
                 : (n == 26 || n == 27) ? 6
                 : (n == 39 || n == 40) ? 9
                                        : 0;
    if (months > 0) {
        out->start = start_of(d, months);
        if (out->start == RC_NO_DATE) {
            /* a 52/53-week year: as many days back as its weeks */
            long days = strncasecmp(s, "week", 4) == 0 ? 7L * n : (long)months * 365 / 12;
            out->start = (rc_day)(d - days + 1);
        }
    }
    return true;
}

/* ---- prose of HTML ------------------------------------------------------------------ */

static bool is_block_name(const char *name)
{
    static const char *const blocks[] = {
        "div", "p",          "tr",      "li",     "ul",      "ol",   "table", "h1",
        "h2",  "h3",         "h4",      "h5",     "h6",      "dt",   "dd",    "hr",
        "pre", "blockquote", "section", "center", "caption", "body", NULL};
    for (size_t i = 0; blocks[i]; i++)
        if (strcasecmp(name, blocks[i]) == 0) return true;
    return false;
}

static bool skipped_element(const xmlNode *n)
{
    const char *name = (const char *)n->name;
    if (strcasecmp(name, "table") == 0 || strcasecmp(name, "script") == 0 ||
        strcasecmp(name, "style") == 0 || strcasecmp(name, "head") == 0)
        return true;
    /* inline XBRL: ix:exclude is no part of a fact's text, ix:header holds no prose */
    return n->ns && n->ns->href && strstr((const char *)n->ns->href, "inlineXBRL") &&
           (strcmp(name, "exclude") == 0 || strcmp(name, "header") == 0);
}

void rc_narrative_prose_of_node(const xmlNode *node, rc_buf *out)
{
    /* iterative: documents nest elements deeply */
    const xmlNode *n = node->children;
    while (n && n != node) {
        bool descend = false;
        if (n->type == XML_TEXT_NODE || n->type == XML_CDATA_SECTION_NODE) {
            /* a line break of the source is a blank: only blocks break lines */
            for (const char *c = (const char *)n->content; c && *c; c++)
                rc_buf_putc(out, *c == '\n' || *c == '\r' || *c == '\t' ? ' ' : *c);
        } else if (n->type == XML_ELEMENT_NODE) {
            const char *name = (const char *)n->name;
            if (skipped_element(n)) {
                rc_buf_putc(out, '\n');
            } else {
                if (strcasecmp(name, "br") == 0 || is_block_name(name))
                    rc_buf_putc(out, '\n');
                else if (strcasecmp(name, "td") == 0 || strcasecmp(name, "th") == 0)
                    rc_buf_putc(out, ' ');
                descend = true;
            }
        }
        if (descend && n->children) {
            n = n->children;
            continue;
        }
        while (n && n != node && !n->next) {
            n = n->parent;
            if (n && n != node && n->type == XML_ELEMENT_NODE &&
                is_block_name((const char *)n->name))
                rc_buf_putc(out, '\n');
        }
        if (n && n != node) {
            if (n->type == XML_ELEMENT_NODE && is_block_name((const char *)n->name))
                rc_buf_putc(out, '\n');
            n = n->next;
        }
    }
    rc_buf_putc(out, '\n');
}

int rc_narrative_prose_of_html(const char *html, size_t len, rc_buf *out)
{
    if (!memchr(html, '<', len)) {
        rc_buf_append(out, html, len);
        return out->failed ? RC_ENOMEM : RC_OK;
    }
    if (len > (size_t)1 << 30) return RC_OK; /* no note's text is that long */
    htmlDocPtr doc = htmlReadMemory(html, (int)len, NULL, "UTF-8",
                                    HTML_PARSE_NONET | HTML_PARSE_NOERROR | HTML_PARSE_NOWARNING |
                                        HTML_PARSE_RECOVER | HTML_PARSE_NOIMPLIED);
    if (!doc) return RC_OK;
    /* a fragment parsed without implied elements may have several roots */
    for (xmlNode *n = doc->children; n; n = n->next) {
        if (n->type == XML_ELEMENT_NODE && !skipped_element(n)) {
            rc_buf_putc(out, '\n');
            rc_narrative_prose_of_node(n, out);
        } else if (n->type == XML_TEXT_NODE && n->content) {
            for (const char *c = (const char *)n->content; *c; c++)
                rc_buf_putc(out, *c == '\n' || *c == '\r' || *c == '\t' ? ' ' : *c);
        }
    }
    xmlFreeDoc(doc);
    return out->failed ? RC_ENOMEM : RC_OK;
}

bool rc_narrative_text_block(const char *qname)
{
    if (!qname) return false;
    const char *local = strchr(qname, ':');
    local = local ? local + 1 : qname;
    size_t n = strlen(local);
    bool block = (n > 9 && strcmp(local + n - 9, "TextBlock") == 0) ||
                 (n > 11 && strcmp(local + n - 11, "Explanatory") == 0);
    /* a table's or a policy's text block lies inside its note's: the note's is read */
    if (!block || strstr(local, "TableTextBlock") || strstr(local, "PolicyTextBlock") ||
        strstr(local, "PoliciesTextBlock") || strncmp(local, "ScheduleOf", 10) == 0)
        return false;
    static const char *const topics[] = {"ShareBased",
                                         "Sharebased",
                                         "StockOption",
                                         "ShareOption",
                                         "StockCompensation",
                                         "StockBased",
                                         "EquityCompensation",
                                         "StockIncentive",
                                         "EquityIncentive",
                                         "IncentivePlan",
                                         "StockPlan",
                                         "StockAward",
                                         "RestrictedStock",
                                         "StockholdersEquity",
                                         "ShareholdersEquity",
                                         "EquityNote",
                                         "SharePlan",
                                         "EquityAward",
                                         NULL};
    for (size_t i = 0; topics[i]; i++)
        if (strstr(local, topics[i])) return true;
    return false;
}
