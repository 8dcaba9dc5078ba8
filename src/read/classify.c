/*
 * Classifying row labels, concepts and members with the vocabulary, and the
 * small parsers every rendered-table reader needs: units as R pages write them,
 * currency symbols, and dates as filings write them.
 *
 * The vocabulary is data (rules/labels.json, rules/concepts.json); the rule of
 * combination is code: entries are tried in order and the first entry that
 * sets an attribute decides it, so that "vested and expected to vest" (a
 * balance) can come before "vested" (a movement).
 */
#include <assert.h>
#include <stdlib.h>
#include <string.h>

#include "read/classify.h"
#include "read/vocab.h"

/* ---- classifying ------------------------------------------------------------------ */

static void class_init(rc_class *out)
{
    memset(out, 0, sizeof *out);
    out->what = RC_WHAT_UNKNOWN;
    out->line = RC_LINE_CLOSING;
    out->position = RC_POS_NONE;
    out->role = RC_ROLE_OTHER;
    out->measure = RC_MEASURE_NONE;
    out->award = -1;
    out->award_type = NULL;
    out->date = RC_NO_DATE;
}

static bool matches(const rc_vocab_pattern *p, const char *text)
{
    if (regexec(&p->match, text, 0, NULL, 0) != 0) return false;
    return !p->has_unless || regexec(&p->unless, text, 0, NULL, 0) != 0;
}

static unsigned apply_list(const rc_vocab_list *list, const char *text, rc_class *out,
                           unsigned done)
{
    for (size_t i = 0; i < list->n && done != 0x7f; i++)
        if (matches(list->items[i], text)) rc_vocab__apply(&list->items[i]->attrs, out, &done);
    return done;
}

void rc_classify_label(const rc_vocab *vocab, const char *label, rc_class *out)
{
    assert(vocab && label && out);
    class_init(out);
    rc_unit unit;
    size_t n = rc_label_split_unit(label, &unit);
    char *norm = rc_vocab__normalise(label);
    unsigned done = 0;
    if (norm) {
        done = apply_list(&vocab->labels, norm, out, done);
        free(norm);
    }
    /* the row's unit says the measure only where no words did */
    if (!(done & RC_VA_MEASURE)) {
        if (unit.kind == RC_UNIT_SHARES)
            out->measure = RC_MEASURE_COUNT;
        else if (unit.kind == RC_UNIT_PER_SHARE)
            out->measure = RC_MEASURE_PER_SHARE;
    }
    char *bare = malloc(n + 1);
    if (bare) {
        memcpy(bare, label, n);
        bare[n] = '\0';
        rc_day day;
        if (rc_parse_date(bare, true, &day, NULL, NULL) == RC_OK) out->date = day;
        free(bare);
    }
}

static bool standard_prefix(const char *qname, size_t n)
{
    static const char *const std[] = {"us-gaap", "ifrs-full", "srt", "dei", "ifrs"};
    for (size_t i = 0; i < sizeof std / sizeof *std; i++)
        if (strlen(std[i]) == n && memcmp(std[i], qname, n) == 0) return true;
    return false;
}

bool rc_classify_concept(const rc_vocab *vocab, const char *qname, rc_class *out)
{
    assert(vocab && qname && out);
    class_init(out);
    unsigned done = 0;
    /* later entries win: search from the newest */
    for (size_t i = vocab->nconcepts; i-- > 0;) {
        if (strcmp(vocab->concepts[i].qname, qname) == 0) {
            rc_vocab__apply(&vocab->concepts[i].attrs, out, &done);
            return done != 0;
        }
    }
    const char *colon = strchr(qname, ':');
    if (!colon || standard_prefix(qname, (size_t)(colon - qname))) return false;
    char *norm = rc_vocab__normalise(colon + 1);
    if (!norm) return false;
    done = apply_list(&vocab->extensions, norm, out, 0);
    free(norm);
    out->by_name = done != 0;
    if (!done) class_init(out);
    return done != 0;
}

bool rc_classify_member(const rc_vocab *vocab, const char *member, int *award,
                        const char **award_type)
{
    assert(vocab && member);
    rc_class c;
    class_init(&c);
    char *norm = rc_vocab__normalise(member);
    if (!norm) return false;
    unsigned done = apply_list(&vocab->members, norm, &c, 0);
    free(norm);
    bool names = (done & RC_VA_AWARD) && c.award >= 0;
    if (award) *award = names ? c.award : -1;
    if (award_type) *award_type = names ? c.award_type : NULL;
    return names;
}

bool rc_classify_member_excluded(const rc_vocab *vocab, const char *member)
{
    assert(vocab && member);
    rc_class c;
    class_init(&c);
    char *norm = rc_vocab__normalise(member);
    if (!norm) return false;
    unsigned done = apply_list(&vocab->members, norm, &c, 0);
    free(norm);
    return (done & RC_VA_AWARD) && c.award < 0;
}

/* ---- currencies and units ---------------------------------------------------------- */

static const struct {
    const char *symbol;
    const char *code;
} currencies[] = {
    {"$", "USD"},   {"US$", "USD"}, {"U.S.$", "USD"}, {"USD", "USD"}, {"¥", "CNY"},
    {"RMB", "CNY"}, {"CNY", "CNY"}, {"Rmb", "CNY"},   {"€", "EUR"},   {"EUR", "EUR"},
    {"£", "GBP"},   {"GBP", "GBP"}, {"C$", "CAD"},    {"$C", "CAD"},  {"CA$", "CAD"},
    {"CAD", "CAD"}, {"HK$", "HKD"}, {"HKD", "HKD"},   {"A$", "AUD"},  {"AUD", "AUD"},
    {"NT$", "TWD"}, {"TWD", "TWD"}, {"R$", "BRL"},    {"BRL", "BRL"}, {"₩", "KRW"},
    {"KRW", "KRW"}, {"₹", "INR"},   {"INR", "INR"},   {"JPY", "JPY"}, {"CHF", "CHF"},
    {"SEK", "SEK"}, {"NOK", "NOK"}, {"DKK", "DKK"},   {"ILS", "ILS"}, {"₪", "ILS"},
    {"MXN", "MXN"}, {"SGD", "SGD"}, {"S$", "SGD"},    {"ZAR", "ZAR"}, {"NZD", "NZD"},
    {"NZ$", "NZD"}, {"RUB", "RUB"}, {"PHP", "PHP"},   {"THB", "THB"}, {"IDR", "IDR"},
    {"MYR", "MYR"}, {"PLN", "PLN"}, {"TRY", "TRY"},   {"ARS", "ARS"}, {"CLP", "CLP"},
    {"COP", "COP"}, {"PEN", "PEN"}, {"HUF", "HUF"},   {"CZK", "CZK"}, {"AED", "AED"},
    {"SAR", "SAR"}, {"KZT", "KZT"}, {"VND", "VND"},   {"NGN", "NGN"}, {"EGP", "EGP"},
};

const char *rc_currency_code(const char *symbol, size_t len)
{
    for (size_t i = 0; i < sizeof currencies / sizeof *currencies; i++)
        if (strlen(currencies[i].symbol) == len && memcmp(currencies[i].symbol, symbol, len) == 0)
            return currencies[i].code;
    return NULL;
}

static bool is_blank(char c)
{
    return c == ' ' || c == '\t' || c == '\n' || c == '\r';
}

static bool ieq(const char *s, size_t n, const char *w)
{
    size_t m = strlen(w);
    if (m != n) return false;
    for (size_t i = 0; i < n; i++) {
        char a = s[i], b = w[i];
        if (a >= 'A' && a <= 'Z') a = (char)(a + 32);
        if (b >= 'A' && b <= 'Z') b = (char)(b + 32);
        if (a != b) return false;
    }
    return true;
}

static void trim(const char **s, size_t *n)
{
    while (*n && is_blank(**s)) {
        (*s)++;
        (*n)--;
    }
    while (*n && is_blank((*s)[*n - 1]))
        (*n)--;
}

/* "USD ($)", "USD", "$", "¥", "C$": a currency; fills symbol and code. */
static bool parse_money(const char *s, size_t n, rc_unit *u)
{
    trim(&s, &n);
    if (n == 0) return false;
    const char *open = memchr(s, '(', n);
    if (open && s[n - 1] == ')') {
        size_t cn = (size_t)(open - s), sn = n - cn - 2;
        const char *code = s, *sym = open + 1;
        trim(&code, &cn);
        trim(&sym, &sn);
        if (cn != 3 || sn == 0 || sn >= sizeof u->symbol) return false;
        for (size_t i = 0; i < 3; i++)
            if (code[i] < 'A' || code[i] > 'Z') return false;
        memcpy(u->code, code, 3);
        u->code[3] = '\0';
        memcpy(u->symbol, sym, sn);
        u->symbol[sn] = '\0';
        return true;
    }
    const char *code = rc_currency_code(s, n);
    if (!code || n >= sizeof u->symbol) return false;
    bool letters = n == 3 && s[0] >= 'A' && s[0] <= 'Z' && s[1] >= 'A' && s[1] <= 'Z' &&
                   s[2] >= 'A' && s[2] <= 'Z';
    if (letters) {
        memcpy(u->code, code, 4); /* "USD", "RMB" */
    } else {
        memcpy(u->symbol, s, n); /* "$", "C$": the page may say which currency it is */
        u->symbol[n] = '\0';
    }
    return true;
}

static bool shares_word(const char *s, size_t n)
{
    return ieq(s, n, "shares") || ieq(s, n, "share") || ieq(s, n, "equityinstruments") ||
           ieq(s, n, "item") || ieq(s, n, "items") || ieq(s, n, "options") || ieq(s, n, "units") ||
           ieq(s, n, "integer");
}

bool rc_unit_parse(const char *text, size_t len, rc_unit *out)
{
    rc_unit u;
    memset(&u, 0, sizeof u);
    const char *s = text;
    size_t n = len;
    trim(&s, &n);
    bool ok = false;
    if (n == 0) {
        ok = false;
    } else if (shares_word(s, n)) {
        u.kind = RC_UNIT_SHARES;
        ok = true;
    } else if (ieq(s, n, "pure") || ieq(s, n, "%") || ieq(s, n, "percent")) {
        u.kind = RC_UNIT_PURE;
        ok = true;
    } else {
        /* "<money> / shares", "<money>/share", "<money> per share" */
        const char *slash = NULL;
        size_t tail = 0;
        for (size_t i = n; i-- > 0;) {
            if (s[i] == '/') {
                slash = s + i;
                tail = n - i - 1;
                break;
            }
        }
        const char *t = slash ? slash + 1 : NULL;
        if (slash) {
            trim(&t, &tail);
            if (shares_word(t, tail) && parse_money(s, (size_t)(slash - s), &u)) {
                u.kind = RC_UNIT_PER_SHARE;
                ok = true;
            }
        } else if (n > 10 && ieq(s + n - 10, 10, " per share")) {
            if (parse_money(s, n - 10, &u)) {
                u.kind = RC_UNIT_PER_SHARE;
                ok = true;
            }
        } else if (parse_money(s, n, &u)) {
            u.kind = RC_UNIT_MONEY;
            ok = true;
        }
    }
    if (!ok) memset(&u, 0, sizeof u);
    if (out) *out = u;
    return ok;
}

size_t rc_label_split_unit(const char *label, rc_unit *unit)
{
    size_t n = strlen(label);
    rc_unit u;
    memset(&u, 0, sizeof u);
    const char *bar = NULL;
    for (const char *p = label; (p = strstr(p, " | ")) != NULL; p++)
        bar = p;
    if (bar && rc_unit_parse(bar + 3, strlen(bar + 3), &u)) {
        n = (size_t)(bar - label);
    } else {
        memset(&u, 0, sizeof u);
    }
    if (unit) *unit = u;
    return n;
}

/* ---- dates ------------------------------------------------------------------------- */

static const struct {
    const char *name;
    int month;
} month_names[] = {
    {"january", 1},   {"february", 2},  {"march", 3},  {"april", 4},     {"may", 5},
    {"june", 6},      {"july", 7},      {"august", 8}, {"september", 9}, {"october", 10},
    {"november", 11}, {"december", 12}, {"sept", 9},   {"jan", 1},       {"feb", 2},
    {"mar", 3},       {"apr", 4},       {"jun", 6},    {"jul", 7},       {"aug", 8},
    {"sep", 9},       {"oct", 10},      {"nov", 11},   {"dec", 12},
};

static bool is_alpha(char c)
{
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
}

static bool is_digit(char c)
{
    return c >= '0' && c <= '9';
}

/* A month name at s (a full name, or an abbreviation with an optional dot); the
 * length taken into *n. */
static int month_at(const char *s, size_t *n)
{
    for (size_t i = 0; i < sizeof month_names / sizeof *month_names; i++) {
        size_t m = strlen(month_names[i].name);
        size_t k = 0;
        while (k < m && s[k] && (s[k] | 0x20) == month_names[i].name[k])
            k++;
        if (k < m || is_alpha(s[m])) continue;
        *n = m + (s[m] == '.');
        return month_names[i].month;
    }
    return 0;
}

/* Digits at s (at most max of them); their value, count into *n. */
static int digits_at(const char *s, size_t max, size_t *n)
{
    int v = 0;
    size_t k = 0;
    while (k < max && is_digit(s[k])) {
        v = v * 10 + (s[k] - '0');
        k++;
    }
    *n = k;
    return v;
}

static size_t skip_blanks(const char *s, size_t i)
{
    while (s[i] == ' ' || s[i] == '\t' || s[i] == '\n' || s[i] == '\r' ||
           ((unsigned char)s[i] == 0xc2 && (unsigned char)s[i + 1] == 0xa0))
        i += (unsigned char)s[i] == 0xc2 ? 2 : 1;
    return i;
}

static bool valid_ymd(int y, int m, int d)
{
    static const int dim[] = {31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
    if (y < 1900 || y > 2200 || m < 1 || m > 12 || d < 1 || d > dim[m - 1]) return false;
    if (m == 2 && d == 29 && !((y % 4 == 0 && y % 100 != 0) || y % 400 == 0)) return false;
    return true;
}

/* A date starting exactly at s; its length into *n. */
static bool date_at(const char *s, rc_day *out, size_t *n)
{
    size_t k, i;
    int m, d, y;
    /* YYYY-MM-DD */
    if (is_digit(s[0])) {
        y = digits_at(s, 5, &k);
        if (k == 4 && s[4] == '-') {
            m = digits_at(s + 5, 3, &k);
            if (k == 2 && s[7] == '-') {
                d = digits_at(s + 8, 3, &k);
                if (k == 2 && !is_digit(s[10]) && valid_ymd(y, m, d)) {
                    *out = rc_day_from_ymd(y, m, d);
                    *n = 10;
                    return true;
                }
            }
            return false;
        }
        /* 31 December 2023 */
        d = digits_at(s, 3, &k);
        if (k == 0 || k > 2) return false;
        i = skip_blanks(s, k);
        if (i == k) return false;
        size_t mn;
        if (!(m = month_at(s + i, &mn))) return false;
        i = skip_blanks(s, i + mn);
        if (s[i] == ',') i = skip_blanks(s, i + 1);
        y = digits_at(s + i, 5, &k);
        if (k != 4 || !valid_ymd(y, m, d)) return false;
        *out = rc_day_from_ymd(y, m, d);
        *n = i + 4;
        return true;
    }
    /* Dec. 31, 2023 / December 31 2023 / March 29,2025 */
    size_t mn;
    if (!(m = month_at(s, &mn))) return false;
    i = skip_blanks(s, mn);
    d = digits_at(s + i, 3, &k);
    if (k == 0 || k > 2) return false;
    i += k;
    size_t j = i;
    if (s[j] == ',') j++;
    j = skip_blanks(s, j);
    if (j == i) return false;
    y = digits_at(s + j, 5, &k);
    if (k != 4 || !valid_ymd(y, m, d)) return false;
    *out = rc_day_from_ymd(y, m, d);
    *n = j + 4;
    return true;
}

int rc_parse_date(const char *text, bool search, rc_day *out, size_t *at, size_t *len)
{
    assert(text && out);
    size_t start = skip_blanks(text, 0);
    for (size_t i = start; text[i]; i++) {
        if (i > 0 && (is_alpha(text[i - 1]) || is_digit(text[i - 1]))) continue;
        size_t n;
        rc_day d;
        if ((is_alpha(text[i]) || is_digit(text[i])) && date_at(text + i, &d, &n)) {
            if (!search) {
                size_t e = skip_blanks(text, i + n);
                if (i != start || text[e] != '\0') return RC_ESYNTAX;
            }
            *out = d;
            if (at) *at = i;
            if (len) *len = n;
            return RC_OK;
        }
        if (!search) return RC_ESYNTAX;
    }
    return RC_ESYNTAX;
}
