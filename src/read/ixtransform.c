/*
 * Inline XBRL transformation registries (ixtransform.h).  One table names
 * every transform with the registries it belongs to and the rule that reads
 * it; the rules are few: numbers with their separators, a number with a
 * unit word, fixed values, dates with numeric or English month names, English
 * number words, English durations, and the SEC's numeric durations, code
 * lists and ballot boxes.  No floating point anywhere: durations are computed
 * with GMP rationals.
 */
#include <assert.h>
#include <gmp.h>
#include <stdbool.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "rollcheck/number.h"
#include "read/ixtransform.h"

#define NS_TR1 "http://www.xbrl.org/inlineXBRL/transformation/2010-04-20"
#define NS_TR2 "http://www.xbrl.org/inlineXBRL/transformation/2011-07-31"
#define NS_TR3 "http://www.xbrl.org/inlineXBRL/transformation/2015-02-26"
#define NS_TR4 "http://www.xbrl.org/inlineXBRL/transformation/2020-02-12"
#define NS_SEC "http://www.sec.gov/inlineXBRL/transformation/2015-08-31"

rc_ixt_registry rc_ixt_registry_of(const char *ns)
{
    if (!ns) return RC_IXT_NONE;
    if (strcmp(ns, NS_TR4) == 0) return RC_IXT_TR4;
    if (strcmp(ns, NS_TR3) == 0) return RC_IXT_TR3;
    if (strcmp(ns, NS_SEC) == 0) return RC_IXT_SEC;
    if (strcmp(ns, NS_TR2) == 0) return RC_IXT_TR2;
    if (strcmp(ns, NS_TR1) == 0) return RC_IXT_TR1;
    return RC_IXT_NONE;
}

/* ---- characters ------------------------------------------------------------- */

static bool is_blank(unsigned char c)
{
    return c == ' ' || c == '\t' || c == '\n' || c == '\r';
}

static bool is_digit(unsigned char c)
{
    return c >= '0' && c <= '9';
}

static bool is_alpha(unsigned char c)
{
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
}

static char lower(unsigned char c)
{
    return (char)(c >= 'A' && c <= 'Z' ? c + 32 : c);
}

/* Bytes of a no-break space (U+00A0) at s[i], or 0. */
static size_t nbsp_at(const char *s, size_t n, size_t i)
{
    return i + 1 < n && (unsigned char)s[i] == 0xc2 && (unsigned char)s[i + 1] == 0xa0 ? 2 : 0;
}

/* Bytes of a dash at s[i]: "-" or one of the Unicode dashes the registries
 * accept (U+058A, U+05BE, U+2010-2015, U+FE58, U+FE63, U+FF0D), or 0. */
static size_t dash_at(const char *s, size_t n, size_t i)
{
    const unsigned char *u = (const unsigned char *)s + i;
    size_t left = n - i;
    if (left >= 1 && u[0] == '-') return 1;
    if (left >= 2 && u[0] == 0xd6 && (u[1] == 0x8a || u[1] == 0xbe)) return 2;
    if (left >= 3 && u[0] == 0xe2 && u[1] == 0x80 && u[2] >= 0x90 && u[2] <= 0x95) return 3;
    if (left >= 3 && u[0] == 0xef && u[1] == 0xb9 && (u[2] == 0x98 || u[2] == 0xa3)) return 3;
    if (left >= 3 && u[0] == 0xef && u[1] == 0xbc && u[2] == 0x8d) return 3;
    return 0;
}

/* Strip blanks and no-break spaces at both ends. */
static void trim(const char **s, size_t *n)
{
    const char *p = *s;
    size_t k = *n;
    for (;;) {
        if (k && is_blank((unsigned char)p[0])) {
            p++, k--;
        } else if (nbsp_at(p, k, 0)) {
            p += 2, k -= 2;
        } else {
            break;
        }
    }
    for (;;) {
        if (k && is_blank((unsigned char)p[k - 1])) {
            k--;
        } else if (k >= 2 && (unsigned char)p[k - 2] == 0xc2 && (unsigned char)p[k - 1] == 0xa0) {
            k -= 2;
        } else {
            break;
        }
    }
    *s = p;
    *n = k;
}

static bool word_is(const char *w, size_t n, const char *name)
{
    return strlen(name) == n && strncasecmp(w, name, n) == 0;
}

/* ---- numbers ---------------------------------------------------------------- */

typedef struct numfmt {
    char dec;           /* the decimal separator */
    const char *groups; /* ASCII digit group separators */
    bool nbsp;          /* no-break spaces separate groups too */
    bool strict;        /* TR1-3: groups of three, digits before the separator */
} numfmt;

static const numfmt NUM_DOT_TR3 = {'.', ", ", true, true};
static const numfmt NUM_COMMA_TR3 = {',', ". ", true, true};
static const numfmt NUM_DOT_TR4 = {'.', ", ", true, false};
static const numfmt NUM_COMMA_TR4 = {',', ". ", true, false};
static const numfmt NUM_COMMADOT = {'.', ",", false, true};  /* TR1 numcommadot */
static const numfmt NUM_DOTCOMMA = {',', ".", false, true};  /* TR1 numdotcomma */
static const numfmt NUM_SPACEDOT = {'.', " ", true, true};   /* TR1 numspacedot */
static const numfmt NUM_SPACECOMMA = {',', " ", true, true}; /* TR1 numspacecomma */
static const numfmt NUM_COMMA = {',', "", false, true};      /* TR1 numcomma */

/* Bytes of a group separator of f at s[i], or 0. */
static size_t group_at(const numfmt *f, const char *s, size_t n, size_t i)
{
    if (s[i] != '\0' && strchr(f->groups, s[i])) return 1;
    return f->nbsp ? nbsp_at(s, n, i) : 0;
}

/* Drop leading zeros of the integer digits out->data[from..] (keeping one). */
static void drop_leading_zeros(rc_buf *out, size_t from)
{
    size_t i = from;
    while (i + 1 < out->len && out->data[i] == '0' && is_digit((unsigned char)out->data[i + 1]))
        i++;
    if (i > from) {
        memmove(out->data + from, out->data + i, out->len - i + 1);
        out->len -= i - from;
    }
}

static int read_number(rc_buf *out, const char *s, size_t n, const numfmt *f, int *places,
                       const char **msg)
{
    trim(&s, &n);
    size_t i = 0, segment = 0, segments = 0, digits = 0;
    rc_buf_append(out, "", 0);
    while (i < n) {
        size_t g;
        if (is_digit((unsigned char)s[i])) {
            rc_buf_putc(out, s[i]);
            segment++, digits++, i++;
        } else if ((g = group_at(f, s, n, i)) > 0) {
            if (f->strict) {
                /* "1,234,567": 1-3 digits, then groups of three (separators optional) */
                if (segment == 0 || (segments > 0 && segment % 3 != 0)) {
                    *msg = "digits are not grouped in threes";
                    return RC_ESYNTAX;
                }
            }
            segments++;
            segment = 0;
            i += g;
        } else {
            break;
        }
    }
    if (f->strict && segments > 0 && (segment == 0 || segment % 3 != 0)) {
        *msg = "digits are not grouped in threes";
        return RC_ESYNTAX;
    }
    if (f->strict && digits == 0) {
        *msg = "no digits before the decimal separator";
        return RC_ESYNTAX;
    }
    if (digits == 0) rc_buf_putc(out, '0');
    int frac = 0;
    if (i < n && s[i] == f->dec) {
        i++;
        rc_buf_putc(out, '.');
        while (i < n) {
            size_t b = s[i] == ' ' ? 1 : nbsp_at(s, n, i);
            if (is_digit((unsigned char)s[i])) {
                rc_buf_putc(out, s[i]);
                frac++, i++;
            } else if (!f->strict && b > 0) {
                i += b; /* TR4 allows spaces among the decimals */
            } else {
                break;
            }
        }
        if (frac == 0) {
            *msg = "no digits after the decimal separator";
            return RC_ESYNTAX;
        }
        digits += (size_t)frac;
    }
    if (i < n || digits == 0) {
        *msg = digits == 0 ? "no digits" : "text that is no part of a number of this format";
        return RC_ESYNTAX;
    }
    if (out->failed) return RC_ENOMEM;
    drop_leading_zeros(out, 0);
    *places = frac;
    return RC_OK;
}

/* "5 dollars 25 cents" -> 5.25: the integer, a unit word, one or two digits of
 * the minor unit, anything but digits after it. */
static int read_number_unit(rc_buf *out, const char *s, size_t n, int *places, const char **msg)
{
    trim(&s, &n);
    size_t i = 0, digits = 0;
    rc_buf_append(out, "", 0);
    while (i < n && (is_digit((unsigned char)s[i]) || s[i] == ',' || s[i] == '.')) {
        if (is_digit((unsigned char)s[i])) rc_buf_putc(out, s[i]), digits++;
        i++;
    }
    size_t unit = i;
    while (i < n && !is_digit((unsigned char)s[i]))
        i++;
    size_t minor = i;
    while (i < n && is_digit((unsigned char)s[i]))
        i++;
    size_t nminor = i - minor;
    size_t rest = i;
    while (rest < n && !is_digit((unsigned char)s[rest]))
        rest++;
    if (digits == 0 || unit == minor || nminor < 1 || nminor > 2 || rest < n) {
        *msg = "not a number, a unit and one or two digits of its minor unit";
        return RC_ESYNTAX;
    }
    rc_buf_putc(out, '.');
    if (nminor == 1) rc_buf_putc(out, '0');
    rc_buf_append(out, s + minor, nminor);
    if (out->failed) return RC_ENOMEM;
    drop_leading_zeros(out, 0);
    *places = 2;
    return RC_OK;
}

/* ---- English number words (the SEC's numwordsen, durwordsen) ------------------ */

static const char *const small_words[] = {
    "zero",     "one",     "two",     "three",     "four",     "five",    "six",
    "seven",    "eight",   "nine",    "ten",       "eleven",   "twelve",  "thirteen",
    "fourteen", "fifteen", "sixteen", "seventeen", "eighteen", "nineteen"};
static const char *const tens_words[] = {"twenty", "thirty",  "forty",  "fifty",
                                         "sixty",  "seventy", "eighty", "ninety"};
static const char *const magnitude_words[] = {"thousand", "million",     "billion",
                                              "trillion", "quadrillion", "quintillion"};

/* A word of a written number: its start and length. */
typedef struct word {
    const char *s;
    size_t n;
} word;

#define MAX_WORDS 64

/* Split s into ASCII letter-or-digit words at blanks, no-break spaces, dashes
 * and commas.  Returns the number of words, or -1 for any other character or
 * too many words. */
static int split_words(const char *s, size_t n, word *w, int max)
{
    int k = 0;
    size_t i = 0;
    while (i < n) {
        size_t b;
        if (is_blank((unsigned char)s[i]) || s[i] == ',') {
            i++;
        } else if ((b = nbsp_at(s, n, i)) > 0 || (b = dash_at(s, n, i)) > 0) {
            i += b;
        } else if (is_alpha((unsigned char)s[i]) || is_digit((unsigned char)s[i])) {
            if (k == max) return -1;
            size_t j = i;
            while (j < n && (is_alpha((unsigned char)s[j]) || is_digit((unsigned char)s[j])))
                j++;
            w[k].s = s + i;
            w[k].n = j - i;
            k++;
            i = j;
        } else {
            return -1;
        }
    }
    return k;
}

/* The value of number words ("one hundred and five", "two million three
 * thousand") into v, the way Arelle's text2num reads them: units and tens
 * add up, "hundred" multiplies what came before, a magnitude closes a group.
 * Returns false for a word that is none of these. */
static bool words_value(mpz_t v, const word *w, int k)
{
    mpz_t group, scaled;
    mpz_init(group);
    mpz_init(scaled);
    mpz_set_ui(v, 0);
    bool ok = k > 0;
    for (int i = 0; ok && i < k; i++) {
        bool found = false;
        for (unsigned j = 0; j < sizeof small_words / sizeof *small_words && !found; j++)
            if (word_is(w[i].s, w[i].n, small_words[j])) mpz_add_ui(group, group, j), found = true;
        for (unsigned j = 0; j < sizeof tens_words / sizeof *tens_words && !found; j++)
            if (word_is(w[i].s, w[i].n, tens_words[j]))
                mpz_add_ui(group, group, 20 + 10 * j), found = true;
        if (!found && word_is(w[i].s, w[i].n, "and")) found = true;
        if (!found && word_is(w[i].s, w[i].n, "hundred") && mpz_sgn(group) != 0)
            mpz_mul_ui(group, group, 100), found = true;
        for (unsigned j = 0; j < sizeof magnitude_words / sizeof *magnitude_words && !found; j++)
            if (word_is(w[i].s, w[i].n, magnitude_words[j])) {
                mpz_ui_pow_ui(scaled, 1000, j + 1);
                mpz_addmul(v, group, scaled);
                mpz_set_ui(group, 0);
                found = true;
            }
        ok = found;
    }
    mpz_add(v, v, group);
    mpz_clear(group);
    mpz_clear(scaled);
    return ok;
}

static int put_mpz(rc_buf *out, const mpz_t v)
{
    size_t cap = mpz_sizeinbase(v, 10) + 2;
    char *text = malloc(cap);
    if (!text) return RC_ENOMEM;
    mpz_get_str(text, 10, v);
    rc_buf_puts(out, text);
    free(text);
    return out->failed ? RC_ENOMEM : RC_OK;
}

static int read_number_words(rc_buf *out, const char *s, size_t n, int *places, const char **msg)
{
    trim(&s, &n);
    word w[MAX_WORDS];
    int k = split_words(s, n, w, MAX_WORDS);
    *places = RC_DECIMALS_INF;
    if (k == 1 && (word_is(w[0].s, w[0].n, "no") || word_is(w[0].s, w[0].n, "none") ||
                   word_is(w[0].s, w[0].n, "nil"))) {
        rc_buf_puts(out, "0");
        return out->failed ? RC_ENOMEM : RC_OK;
    }
    mpz_t v;
    mpz_init(v);
    int rc = RC_OK;
    if (k <= 0 || !words_value(v, w, k)) {
        *msg = "not a number written in English words";
        rc = RC_ESYNTAX;
    } else {
        rc = put_mpz(out, v);
    }
    mpz_clear(v);
    return rc;
}

/* "three years and six months", "5-year", "90 days" -> P3Y6M, P5Y, P90D. */
static int read_duration_words(rc_buf *out, const char *s, size_t n, int *places, const char **msg)
{
    static const char designator[] = {'Y', 'M', 'D'};
    trim(&s, &n);
    word w[MAX_WORDS];
    int k = split_words(s, n, w, MAX_WORDS);
    *places = RC_DECIMALS_INF;
    if (k <= 0) {
        *msg = "not a duration written in English words";
        return RC_ESYNTAX;
    }
    mpz_t v;
    mpz_init(v);
    int rc = RC_OK, next = 0, first = 0;
    rc_buf_putc(out, 'P');
    for (int i = 0; i < k && rc == RC_OK; i++) {
        int unit = -1;
        if (word_is(w[i].s, w[i].n, "year") || word_is(w[i].s, w[i].n, "years")) unit = 0;
        if (word_is(w[i].s, w[i].n, "month") || word_is(w[i].s, w[i].n, "months")) unit = 1;
        if (word_is(w[i].s, w[i].n, "day") || word_is(w[i].s, w[i].n, "days")) unit = 2;
        if (unit < 0) continue;
        /* the number before the unit word, "and" between parts left out */
        int from = first;
        if (from < i && word_is(w[from].s, w[from].n, "and")) from++;
        first = i + 1;
        if (from == i || unit < next) {
            *msg = from == i ? "a unit without its number" : "years, months and days out of order";
            rc = RC_ESYNTAX;
            break;
        }
        next = unit + 1;
        bool all_digits = i - from == 1 && w[from].n <= 4;
        for (size_t j = 0; all_digits && j < w[from].n; j++)
            all_digits = is_digit((unsigned char)w[from].s[j]);
        if (all_digits) {
            rc_buf_append(out, w[from].s, w[from].n);
            rc_buf_putc(out, designator[unit]);
        } else if (i - from == 1 &&
                   (word_is(w[from].s, w[from].n, "zero") || word_is(w[from].s, w[from].n, "no") ||
                    word_is(w[from].s, w[from].n, "none"))) {
            /* a zero part is left out, as Arelle does */
        } else if (words_value(v, w + from, i - from)) {
            if ((rc = put_mpz(out, v)) == RC_OK) rc_buf_putc(out, designator[unit]);
        } else {
            *msg = "not a duration written in English words";
            rc = RC_ESYNTAX;
        }
    }
    if (rc == RC_OK && (first < k || next == 0)) {
        *msg = "not a duration written in English words";
        rc = RC_ESYNTAX;
    }
    mpz_clear(v);
    if (rc == RC_OK && out->len == 1) rc_buf_puts(out, "0D");
    if (rc == RC_OK && out->failed) rc = RC_ENOMEM;
    return rc;
}

/* ---- the SEC's numeric durations -------------------------------------------- */

enum { DUR_YEAR, DUR_MONTH, DUR_WEEK, DUR_DAY, DUR_HOUR };

/* An unsigned or signed decimal "[+-]?(d+(.d*)?|.d+)" into q. */
static bool read_decimal_q(mpq_t q, const char *s, size_t n)
{
    trim(&s, &n);
    size_t i = 0;
    bool neg = false;
    if (i < n && (s[i] == '+' || s[i] == '-')) neg = s[i++] == '-';
    mpz_t num, den;
    mpz_init(num);
    mpz_init_set_ui(den, 1);
    size_t digits = 0;
    for (; i < n && is_digit((unsigned char)s[i]); i++, digits++)
        mpz_mul_ui(num, num, 10), mpz_add_ui(num, num, (unsigned long)(s[i] - '0'));
    if (i < n && s[i] == '.') {
        for (i++; i < n && is_digit((unsigned char)s[i]); i++, digits++) {
            mpz_mul_ui(num, num, 10), mpz_add_ui(num, num, (unsigned long)(s[i] - '0'));
            mpz_mul_ui(den, den, 10);
        }
    }
    bool ok = digits > 0 && i == n;
    if (ok) {
        mpq_set_num(q, num);
        mpq_set_den(q, den);
        mpq_canonicalize(q);
        if (neg) mpq_neg(q, q);
    }
    mpz_clear(num);
    mpz_clear(den);
    return ok;
}

/* Split x >= 0 into its integer part (into whole) and x - whole (into x). */
static void split_whole(mpz_t whole, mpq_t x)
{
    mpz_fdiv_q(whole, mpq_numref(x), mpq_denref(x));
    mpq_t w;
    mpq_init(w);
    mpq_set_z(w, whole);
    mpq_sub(x, x, w);
    mpq_clear(w);
}

/* Arelle's durationValue: years, months, days, hours, each present or not;
 * a zero part is printed only where the form needs one ("P0Y", "P2Y6M"). */
static int put_duration(rc_buf *out, bool neg, mpz_t part[4], bool have[4])
{
    bool all_zero = true;
    for (int i = 0; i < 4; i++)
        if (have[i] && mpz_sgn(part[i]) != 0) all_zero = false;
    if (all_zero) {
        neg = false;
        bool kept = false;
        for (int i = 0; i < 4; i++) {
            if (!have[i]) continue;
            if (kept) have[i] = false;
            kept = true;
        }
    }
    if (neg) rc_buf_putc(out, '-');
    rc_buf_putc(out, 'P');
    int rc = RC_OK;
    if (have[0]) {
        rc = put_mpz(out, part[0]);
        rc_buf_putc(out, 'Y');
    }
    if (rc == RC_OK && have[1] && (mpz_sgn(part[1]) != 0 || !have[0])) {
        rc = put_mpz(out, part[1]);
        rc_buf_putc(out, 'M');
    }
    if (rc == RC_OK && have[2] && (mpz_sgn(part[2]) != 0 || (!have[0] && !have[1]))) {
        rc = put_mpz(out, part[2]);
        rc_buf_putc(out, 'D');
    }
    if (rc == RC_OK && have[3] && (mpz_sgn(part[3]) != 0 || (!have[0] && !have[1] && !have[2]))) {
        rc_buf_putc(out, 'T');
        rc = put_mpz(out, part[3]);
        rc_buf_putc(out, 'H');
    }
    if (rc == RC_OK && out->failed) rc = RC_ENOMEM;
    return rc;
}

static int read_duration_number(rc_buf *out, const char *s, size_t n, int which, int *places,
                                const char **msg)
{
    *places = RC_DECIMALS_INF;
    mpq_t x, days_per_month;
    mpq_init(x);
    mpq_init(days_per_month);
    mpq_set_ui(days_per_month, 487, 16); /* 30.4375, Arelle's month */
    mpz_t part[4];
    for (int i = 0; i < 4; i++)
        mpz_init(part[i]);
    bool have[4] = {false, false, false, false};
    int rc = RC_OK;
    if (!read_decimal_q(x, s, n)) {
        *msg = "not a decimal number";
        rc = RC_ESYNTAX;
        goto done;
    }
    bool neg = mpq_sgn(x) < 0;
    mpq_abs(x, x);
    mpq_t factor;
    mpq_init(factor);
    switch (which) {
    case DUR_YEAR: /* years, the rest in months, the rest of that in days */
        split_whole(part[0], x);
        mpq_set_ui(factor, 12, 1);
        mpq_mul(x, x, factor);
        split_whole(part[1], x);
        mpq_mul(x, x, days_per_month);
        split_whole(part[2], x);
        have[0] = have[1] = have[2] = true;
        break;
    case DUR_MONTH:
        split_whole(part[1], x);
        mpq_mul(x, x, days_per_month);
        split_whole(part[2], x);
        have[1] = have[2] = true;
        break;
    case DUR_WEEK:
        mpq_set_ui(factor, 7, 1);
        mpq_mul(x, x, factor);
        split_whole(part[2], x);
        have[2] = true;
        break;
    case DUR_DAY:
        split_whole(part[2], x);
        mpq_set_ui(factor, 24, 1);
        mpq_mul(x, x, factor);
        split_whole(part[3], x);
        have[2] = have[3] = true;
        break;
    default:
        split_whole(part[3], x);
        have[3] = true;
        break;
    }
    mpq_clear(factor);
    rc = put_duration(out, neg, part, have);
done:
    for (int i = 0; i < 4; i++)
        mpz_clear(part[i]);
    mpq_clear(x);
    mpq_clear(days_per_month);
    return rc;
}

/* ---- dates -------------------------------------------------------------------- */

static const char *const month_names[] = {"january",   "february", "march",    "april",
                                          "may",       "june",     "july",     "august",
                                          "september", "october",  "november", "december"};

/* The month (1-12) an English month name or its abbreviation names, or 0. */
static int month_of(const char *w, size_t n)
{
    for (int m = 0; m < 12; m++) {
        if (word_is(w, n, month_names[m])) return m + 1;
        if (n == 3 && strncasecmp(w, month_names[m], 3) == 0) return m + 1;
    }
    return word_is(w, n, "sept") ? 9 : 0;
}

static int days_in(int y, int m)
{
    static const int dim[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
    if (m == 2 && (y == 0 || (y % 4 == 0 && y % 100 != 0) || y % 400 == 0)) return 29;
    return dim[m - 1];
}

/*
 * A date whose parts come in the order `order` ("DMY", "MD", "YM" ...): the
 * day, month and year are runs of digits with anything but digits between
 * them, except that with `named` the month is an English month name (the
 * other words, "31st", are let be).  Two-digit years are 20YY.  Writes
 * "YYYY-MM-DD", "--MM-DD" or "YYYY-MM".
 */
static int read_date(rc_buf *out, const char *s, size_t n, const char *order, bool named,
                     int *places, const char **msg)
{
    *places = RC_DECIMALS_INF;
    trim(&s, &n);
    size_t nparts = strlen(order);
    int val[3] = {0, 0, 0}, len[3] = {0, 0, 0};
    size_t runs = 0, month_at = (size_t)-1;
    size_t want_runs = named ? nparts - 1 : nparts;
    size_t month_slot = (size_t)(strchr(order, 'M') - order);
    for (size_t i = 0; i < n;) {
        if (is_digit((unsigned char)s[i])) {
            size_t j = i;
            while (j < n && is_digit((unsigned char)s[j]))
                j++;
            if (runs == want_runs || j - i > 4) {
                *msg = "not a date of this format";
                return RC_ESYNTAX;
            }
            /* which part this run is: the parts of order without the named month */
            size_t slot = runs + (named && month_at != (size_t)-1 ? 1 : 0);
            for (size_t k = i; k < j; k++)
                val[slot] = val[slot] * 10 + (s[k] - '0');
            len[slot] = (int)(j - i);
            runs++;
            i = j;
        } else if (named && is_alpha((unsigned char)s[i])) {
            size_t j = i;
            while (j < n && is_alpha((unsigned char)s[j]))
                j++;
            int m = month_at == (size_t)-1 ? month_of(s + i, j - i) : 0;
            if (m) {
                if (runs != month_slot) {
                    *msg = "the month name is not where this format has it";
                    return RC_ESYNTAX;
                }
                month_at = runs;
                val[month_slot] = m;
                len[month_slot] = 2;
            }
            i = j;
        } else {
            i++;
        }
    }
    if (runs != want_runs || (named && month_at == (size_t)-1)) {
        *msg = "not a date of this format";
        return RC_ESYNTAX;
    }
    int y = 0, m = 0, d = 0;
    for (size_t k = 0; k < nparts; k++) {
        if (order[k] == 'Y') {
            if (len[k] != 4 && len[k] > 2) {
                *msg = "a year of three digits";
                return RC_ESYNTAX;
            }
            y = len[k] == 4 ? val[k] : 2000 + val[k];
        } else if (order[k] == 'M') {
            if (len[k] > 2) {
                *msg = "not a month";
                return RC_ESYNTAX;
            }
            m = val[k];
        } else {
            if (len[k] > 2) {
                *msg = "not a day";
                return RC_ESYNTAX;
            }
            d = val[k];
        }
    }
    bool has_day = strchr(order, 'D') != NULL, has_year = strchr(order, 'Y') != NULL;
    if (m < 1 || m > 12 || (has_day && (d < 1 || d > days_in(has_year ? y : 0, m)))) {
        *msg = "no such date";
        return RC_ESYNTAX;
    }
    if (has_year && has_day)
        rc_buf_printf(out, "%04d-%02d-%02d", y, m, d);
    else if (has_day)
        rc_buf_printf(out, "--%02d-%02d", m, d);
    else
        rc_buf_printf(out, "%04d-%02d", y, m);
    return out->failed ? RC_ENOMEM : RC_OK;
}

/* ---- code lists ----------------------------------------------------------------- */

typedef struct code {
    const char *name; /* lower case, single spaces */
    const char *code;
} code;

static const code exchanges[] = {
    {"box exchange", "BOX"},
    {"cboe byx exchange", "CboeBYX"},
    {"cboe bzx exchange", "CboeBZX"},
    {"cboe c2 exchange", "C2"},
    {"cboe edga exchange", "CboeEDGA"},
    {"cboe edgx exchange", "CboeEDGX"},
    {"cboe exchange", "CBOE"},
    {"chicago stock exchange", "CHX"},
    {"investors exchange", "IEX"},
    {"miami international securities exchange", "MIAX"},
    {"miax pearl", "PEARL"},
    {"nasdaq bx", "BX"},
    {"nasdaq gemx", "GEMX"},
    {"nasdaq ise", "ISE"},
    {"nasdaq mrx", "MRX"},
    {"nasdaq phlx", "Phlx"},
    {"nyse", "NYSE"},
    {"new york stock exchange", "NYSE"},
    {"nyse american", "NYSEAMER"},
    {"nyse arca", "NYSEArca"},
    {"nyse national", "NYSENAT"},
    {"nasdaq", "NASDAQ"},
    {"nasdaq stock market", "NASDAQ"},
    {"nasdaq global market", "NASDAQ"},
    {"nasdaq global select market", "NASDAQ"},
};

static const code states[] = {
    {"alabama", "AL"},
    {"alaska", "AK"},
    {"arizona", "AZ"},
    {"arkansas", "AR"},
    {"california", "CA"},
    {"colorado", "CO"},
    {"connecticut", "CT"},
    {"delaware", "DE"},
    {"florida", "FL"},
    {"georgia", "GA"},
    {"hawaii", "HI"},
    {"idaho", "ID"},
    {"illinois", "IL"},
    {"indiana", "IN"},
    {"iowa", "IA"},
    {"kansas", "KS"},
    {"kentucky", "KY"},
    {"louisiana", "LA"},
    {"maine", "ME"},
    {"maryland", "MD"},
    {"massachusetts", "MA"},
    {"michigan", "MI"},
    {"minnesota", "MN"},
    {"mississippi", "MS"},
    {"missouri", "MO"},
    {"montana", "MT"},
    {"nebraska", "NE"},
    {"nevada", "NV"},
    {"new hampshire", "NH"},
    {"new jersey", "NJ"},
    {"new mexico", "NM"},
    {"new york", "NY"},
    {"north carolina", "NC"},
    {"north dakota", "ND"},
    {"ohio", "OH"},
    {"oklahoma", "OK"},
    {"oregon", "OR"},
    {"pennsylvania", "PA"},
    {"rhode island", "RI"},
    {"south carolina", "SC"},
    {"south dakota", "SD"},
    {"tennessee", "TN"},
    {"texas", "TX"},
    {"utah", "UT"},
    {"vermont", "VT"},
    {"virginia", "VA"},
    {"washington", "WA"},
    {"west virginia", "WV"},
    {"wisconsin", "WI"},
    {"wyoming", "WY"},
    {"district of columbia", "DC"},
    {"american samoa", "AS"},
    {"samoa", "AS"},
    {"guam", "GU"},
    {"northern mariana islands", "MP"},
    {"puerto rico", "PR"},
    {"united states minor outlying islands", "UM"},
    {"virgin islands, u.s.", "VI"},
    {"alberta", "AB"},
    {"british columbia", "BC"},
    {"manitoba", "MB"},
    {"new brunswick", "NB"},
    {"newfoundland", "NL"},
    {"newfoundland and labrador", "NL"},
    {"nova scotia", "NS"},
    {"northwest territories", "NT"},
    {"nunavut", "NU"},
    {"ontario", "ON"},
    {"prince edward island", "PE"},
    {"quebec", "QC"},
    {"qu\xc3\xa9"
     "bec",
     "QC"},
    {"saskatchewan", "SK"},
    {"yukon", "YT"},
};

static const code filer_categories[] = {
    {"large accelerated filer", "Large Accelerated Filer"},
    {"accelerated filer", "Accelerated Filer"},
    {"non accelerated filer", "Non-accelerated Filer"},
};

enum { CODES_EXCHANGE, CODES_STATE, CODES_FILER };

/* Lower case, blanks, no-break spaces and (for filer categories) dashes as
 * single spaces.  Returns false when the text is too long to be a name. */
static bool normalise(char *dst, size_t cap, const char *s, size_t n, bool dashes)
{
    size_t k = 0;
    bool space = false;
    for (size_t i = 0; i < n;) {
        size_t b = 0;
        if (is_blank((unsigned char)s[i]) || (b = nbsp_at(s, n, i)) > 0 ||
            (dashes && (b = dash_at(s, n, i)) > 0)) {
            space = k > 0;
            i += b ? b : 1;
            continue;
        }
        if (k + 2 >= cap) return false;
        if (space) dst[k++] = ' ';
        space = false;
        dst[k++] = lower((unsigned char)s[i++]);
    }
    dst[k] = '\0';
    return true;
}

static bool strip_suffix(char *s, const char *suffix)
{
    size_t n = strlen(s), k = strlen(suffix);
    if (n <= k || strcmp(s + n - k, suffix) != 0) return false;
    s[n - k] = '\0';
    return true;
}

static int read_code(rc_buf *out, const char *s, size_t n, int which, int *places, const char **msg)
{
    *places = RC_DECIMALS_INF;
    trim(&s, &n);
    char name[128];
    const code *list = which == CODES_EXCHANGE ? exchanges
                       : which == CODES_STATE  ? states
                                               : filer_categories;
    size_t count = which == CODES_EXCHANGE ? sizeof exchanges / sizeof *exchanges
                   : which == CODES_STATE  ? sizeof states / sizeof *states
                                           : sizeof filer_categories / sizeof *filer_categories;
    if (normalise(name, sizeof name, s, n, which == CODES_FILER)) {
        const char *key = name;
        if (which == CODES_EXCHANGE) {
            /* "The Nasdaq Stock Market LLC", "Cboe BZX Exchange, Inc." */
            if (strncmp(key, "the ", 4) == 0) key += 4;
            if (!strip_suffix(name, ", llc") && !strip_suffix(name, " llc") &&
                !strip_suffix(name, ", inc.") && !strip_suffix(name, ", inc") &&
                !strip_suffix(name, " inc.")) {
                strip_suffix(name, " inc");
            }
        }
        for (size_t i = 0; i < count; i++) {
            if (strcmp(key, list[i].name) == 0) {
                rc_buf_puts(out, list[i].code);
                return out->failed ? RC_ENOMEM : RC_OK;
            }
        }
    }
    *msg = which == CODES_EXCHANGE ? "not an exchange name this registry knows"
           : which == CODES_STATE  ? "not a state or province name this registry knows"
                                   : "not a filer category";
    return RC_ESYNTAX;
}

/* ☐ false, ☑ and ☒ true (U+2610-2612). */
static int read_ballot_box(rc_buf *out, const char *s, size_t n, bool yes_no, int *places,
                           const char **msg)
{
    *places = RC_DECIMALS_INF;
    trim(&s, &n);
    const unsigned char *u = (const unsigned char *)s;
    if (n != 3 || u[0] != 0xe2 || u[1] != 0x98 || u[2] < 0x90 || u[2] > 0x92) {
        *msg = "not a ballot box";
        return RC_ESYNTAX;
    }
    bool checked = u[2] != 0x90;
    rc_buf_puts(out, yes_no ? (checked ? "Yes" : "No") : (checked ? "true" : "false"));
    return out->failed ? RC_ENOMEM : RC_OK;
}

/* ---- the table ------------------------------------------------------------------ */

typedef enum kind {
    K_NUMBER,         /* num */
    K_NUMBER_UNIT,    /* number with unit words */
    K_FIXED,          /* the fixed value arg, whatever the text */
    K_DASH,           /* "0" for a lone dash */
    K_DATE,           /* arg: order of the parts; iarg: the month is named */
    K_WORDS,          /* English number words */
    K_DURATION_WORDS, /* English duration words */
    K_DURATION,       /* iarg: DUR_* */
    K_BALLOT,         /* iarg: yes/no rather than true/false */
    K_CODE            /* iarg: CODES_* */
} kind;

#define R1 (1u << RC_IXT_TR1)
#define R2 (1u << RC_IXT_TR2)
#define R3 (1u << RC_IXT_TR3)
#define R4 (1u << RC_IXT_TR4)
#define RS (1u << RC_IXT_SEC)

typedef struct transform {
    unsigned registries;
    const char *name;
    kind kind;
    const numfmt *num;
    const char *arg;
    int iarg;
} transform;

static const transform transforms[] = {
    /* numbers */
    {R2 | R3, "numdotdecimal", K_NUMBER, &NUM_DOT_TR3, NULL, 0},
    {R2 | R3, "numcommadecimal", K_NUMBER, &NUM_COMMA_TR3, NULL, 0},
    {R4, "num-dot-decimal", K_NUMBER, &NUM_DOT_TR4, NULL, 0},
    {R4, "num-comma-decimal", K_NUMBER, &NUM_COMMA_TR4, NULL, 0},
    {R1, "numcommadot", K_NUMBER, &NUM_COMMADOT, NULL, 0},
    {R1, "numdotcomma", K_NUMBER, &NUM_DOTCOMMA, NULL, 0},
    {R1, "numspacedot", K_NUMBER, &NUM_SPACEDOT, NULL, 0},
    {R1, "numspacecomma", K_NUMBER, &NUM_SPACECOMMA, NULL, 0},
    {R1, "numcomma", K_NUMBER, &NUM_COMMA, NULL, 0},
    {R2 | R3, "numunitdecimal", K_NUMBER_UNIT, NULL, NULL, 0},
    {R4, "num-unit-decimal", K_NUMBER_UNIT, NULL, NULL, 0},
    {R2 | R3, "zerodash", K_DASH, NULL, NULL, 0},
    {R1, "numdash", K_DASH, NULL, NULL, 0},
    /* fixed values */
    {R4, "fixed-zero", K_FIXED, NULL, "0", 0},
    {R4, "fixed-empty", K_FIXED, NULL, "", 0},
    {R4, "fixed-true", K_FIXED, NULL, "true", 0},
    {R4, "fixed-false", K_FIXED, NULL, "false", 0},
    {R2 | R3, "nocontent", K_FIXED, NULL, "", 0},
    {R2 | R3, "booleantrue", K_FIXED, NULL, "true", 0},
    {R2 | R3, "booleanfalse", K_FIXED, NULL, "false", 0},
    /* dates, TR2 and TR3 */
    {R2 | R3, "datedaymonth", K_DATE, NULL, "DM", 0},
    {R2 | R3, "datedaymonthen", K_DATE, NULL, "DM", 1},
    {R2 | R3, "datedaymonthyear", K_DATE, NULL, "DMY", 0},
    {R2 | R3, "datedaymonthyearen", K_DATE, NULL, "DMY", 1},
    {R2 | R3, "datemonthday", K_DATE, NULL, "MD", 0},
    {R2 | R3, "datemonthdayen", K_DATE, NULL, "MD", 1},
    {R2 | R3, "datemonthdayyear", K_DATE, NULL, "MDY", 0},
    {R2 | R3, "datemonthdayyearen", K_DATE, NULL, "MDY", 1},
    {R3, "datemonthyear", K_DATE, NULL, "MY", 0},
    {R2 | R3, "datemonthyearen", K_DATE, NULL, "MY", 1},
    {R3, "dateyearmonthday", K_DATE, NULL, "YMD", 0},
    {R2 | R3, "dateyearmonthen", K_DATE, NULL, "YM", 1},
    /* dates, TR4 */
    {R4, "date-day-month", K_DATE, NULL, "DM", 0},
    {R4, "date-day-month-year", K_DATE, NULL, "DMY", 0},
    {R4, "date-day-monthname-en", K_DATE, NULL, "DM", 1},
    {R4, "date-day-monthname-year-en", K_DATE, NULL, "DMY", 1},
    {R4, "date-month-day", K_DATE, NULL, "MD", 0},
    {R4, "date-month-day-year", K_DATE, NULL, "MDY", 0},
    {R4, "date-month-year", K_DATE, NULL, "MY", 0},
    {R4, "date-monthname-day-en", K_DATE, NULL, "MD", 1},
    {R4, "date-monthname-day-year-en", K_DATE, NULL, "MDY", 1},
    {R4, "date-monthname-year-en", K_DATE, NULL, "MY", 1},
    {R4, "date-year-month", K_DATE, NULL, "YM", 0},
    {R4, "date-year-month-day", K_DATE, NULL, "YMD", 0},
    {R4, "date-year-monthname-en", K_DATE, NULL, "YM", 1},
    /* dates, TR1 */
    {R1, "datedoteu", K_DATE, NULL, "DMY", 0},
    {R1, "datedotus", K_DATE, NULL, "MDY", 0},
    {R1, "dateslasheu", K_DATE, NULL, "DMY", 0},
    {R1, "dateslashus", K_DATE, NULL, "MDY", 0},
    {R1, "datelonguk", K_DATE, NULL, "DMY", 1},
    {R1, "datelongus", K_DATE, NULL, "MDY", 1},
    {R1, "dateshortuk", K_DATE, NULL, "DMY", 1},
    {R1, "dateshortus", K_DATE, NULL, "MDY", 1},
    {R1, "datelongdaymonthuk", K_DATE, NULL, "DM", 1},
    {R1, "datelongmonthdayus", K_DATE, NULL, "MD", 1},
    {R1, "dateshortdaymonthuk", K_DATE, NULL, "DM", 1},
    {R1, "dateshortmonthdayus", K_DATE, NULL, "MD", 1},
    {R1, "dateslashdaymontheu", K_DATE, NULL, "DM", 0},
    {R1, "dateslashmonthdayus", K_DATE, NULL, "MD", 0},
    {R1, "datelongyearmonth", K_DATE, NULL, "YM", 1},
    {R1, "dateshortyearmonth", K_DATE, NULL, "YM", 1},
    {R1, "datelongmonthyear", K_DATE, NULL, "MY", 1},
    {R1, "dateshortmonthyear", K_DATE, NULL, "MY", 1},
    /* the SEC's */
    {RS, "numwordsen", K_WORDS, NULL, NULL, 0},
    {RS, "durwordsen", K_DURATION_WORDS, NULL, NULL, 0},
    {RS, "duryear", K_DURATION, NULL, NULL, DUR_YEAR},
    {RS, "durmonth", K_DURATION, NULL, NULL, DUR_MONTH},
    {RS, "durweek", K_DURATION, NULL, NULL, DUR_WEEK},
    {RS, "durday", K_DURATION, NULL, NULL, DUR_DAY},
    {RS, "durhour", K_DURATION, NULL, NULL, DUR_HOUR},
    {RS, "boolballotbox", K_BALLOT, NULL, NULL, 0},
    {RS, "yesnoballotbox", K_BALLOT, NULL, NULL, 1},
    {RS, "exchnameen", K_CODE, NULL, NULL, CODES_EXCHANGE},
    {RS, "stateprovnameen", K_CODE, NULL, NULL, CODES_STATE},
    {RS, "entityfilercategoryen", K_CODE, NULL, NULL, CODES_FILER},
};

int rc_ixt_apply(rc_buf *out, const char *ns, const char *name, const char *text, size_t len,
                 int *places, const char **errmsg)
{
    assert(out && name && (text || len == 0));
    const char *msg_ignored = NULL;
    const char **msg = errmsg ? errmsg : &msg_ignored;
    int places_ignored = 0;
    int *shown = places ? places : &places_ignored;
    if (!text) text = "";
    out->len = 0;
    rc_ixt_registry reg = rc_ixt_registry_of(ns);
    if (reg == RC_IXT_NONE) {
        *msg = "not a transformation registry's namespace";
        return RC_ENOTFOUND;
    }
    const transform *t = NULL;
    for (size_t i = 0; i < sizeof transforms / sizeof *transforms && !t; i++)
        if ((transforms[i].registries & (1u << reg)) && strcmp(transforms[i].name, name) == 0)
            t = &transforms[i];
    if (!t) {
        *msg = "a transform this registry does not have, or one not implemented";
        return RC_ENOTFOUND;
    }
    *shown = RC_DECIMALS_INF;
    int rc;
    switch (t->kind) {
    case K_NUMBER:
        rc = read_number(out, text, len, t->num, shown, msg);
        break;
    case K_NUMBER_UNIT:
        rc = read_number_unit(out, text, len, shown, msg);
        break;
    case K_FIXED:
        rc_buf_puts(out, t->arg);
        rc = out->failed ? RC_ENOMEM : RC_OK;
        break;
    case K_DASH: {
        const char *s = text;
        size_t n = len;
        trim(&s, &n);
        size_t b = n ? dash_at(s, n, 0) : 0;
        if (b == 0 || b != n) {
            *msg = "not a dash";
            rc = RC_ESYNTAX;
            break;
        }
        rc_buf_puts(out, "0");
        rc = out->failed ? RC_ENOMEM : RC_OK;
        break;
    }
    case K_DATE:
        rc = read_date(out, text, len, t->arg, t->iarg != 0, shown, msg);
        break;
    case K_WORDS:
        rc = read_number_words(out, text, len, shown, msg);
        break;
    case K_DURATION_WORDS:
        rc = read_duration_words(out, text, len, shown, msg);
        break;
    case K_DURATION:
        rc = read_duration_number(out, text, len, t->iarg, shown, msg);
        break;
    case K_BALLOT:
        rc = read_ballot_box(out, text, len, t->iarg != 0, shown, msg);
        break;
    default:
        rc = read_code(out, text, len, t->iarg, shown, msg);
        break;
    }
    if (rc == RC_ENOMEM) *msg = "out of memory";
    if (rc != RC_OK) {
        out->len = 0;
        if (out->data) out->data[0] = '\0';
    } else if (!out->data) {
        rc_buf_append(out, "", 0);
        if (out->failed) rc = RC_ENOMEM;
    }
    return rc;
}
