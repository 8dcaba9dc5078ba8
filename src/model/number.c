/*
 * Exact decimals and rounding intervals.
 *
 * Numbers are parsed digit by digit into a GMP integer and a power of ten;
 * no double is ever involved, so "0.1" is exactly 1/10.
 */
#include <stdlib.h>
#include <string.h>

#include "rollcheck/number.h"
#include "common/util.h"

/* Bounds that keep a hostile number from asking for a huge power of ten. */
#define MAX_DIGITS 4096
#define MAX_EXPONENT 400

void rc_value_init(rc_value *v)
{
    mpq_init(v->q);
    v->decimals = RC_DECIMALS_INF;
    v->shown = RC_DECIMALS_INF;
    v->flags = 0;
}

void rc_value_clear(rc_value *v)
{
    mpq_clear(v->q);
}

void rc_value_set(rc_value *dst, const rc_value *src)
{
    mpq_set(dst->q, src->q);
    dst->decimals = src->decimals;
    dst->shown = src->shown;
    dst->flags = src->flags;
}

/* ---- parsing ------------------------------------------------------------------ */

typedef struct scanner {
    const char *s;
    size_t i, n;
    size_t errpos;
    const char *errmsg;
} scanner;

static int fail(scanner *sc, size_t pos, const char *msg)
{
    sc->errpos = pos;
    sc->errmsg = msg;
    return RC_ESYNTAX;
}

/* Length of a blank at s[i]: ASCII space or tab, or U+00A0 (no-break space). */
static size_t blank_len(const char *s, size_t i, size_t n)
{
    if (i < n && (s[i] == ' ' || s[i] == '\t' || s[i] == '\n' || s[i] == '\r'))
        return 1;
    if (i + 1 < n && (unsigned char)s[i] == 0xc2 && (unsigned char)s[i + 1] == 0xa0)
        return 2;
    return 0;
}

/* Length of a dash at s[i]: "-", en dash U+2013, em dash U+2014, minus U+2212. */
static size_t dash_len(const char *s, size_t i, size_t n)
{
    if (i < n && s[i] == '-')
        return 1;
    if (i + 2 < n && (unsigned char)s[i] == 0xe2 && (unsigned char)s[i + 1] == 0x80 &&
        ((unsigned char)s[i + 2] == 0x93 || (unsigned char)s[i + 2] == 0x94))
        return 3;
    if (i + 2 < n && (unsigned char)s[i] == 0xe2 && (unsigned char)s[i + 1] == 0x88 &&
        (unsigned char)s[i + 2] == 0x92)
        return 3;
    return 0;
}

static bool is_digit(char c)
{
    return c >= '0' && c <= '9';
}

/* Multiply q by 10^e (e may be negative). */
static void q_scale10(mpq_t q, long e)
{
    if (e == 0)
        return;
    mpz_t p;
    mpz_init(p);
    mpz_ui_pow_ui(p, 10, (unsigned long)(e < 0 ? -e : e));
    if (e > 0)
        mpz_mul(mpq_numref(q), mpq_numref(q), p);
    else
        mpz_mul(mpq_denref(q), mpq_denref(q), p);
    mpq_canonicalize(q);
    mpz_clear(p);
}

static int parse(scanner *sc, rc_value *out, int scale, unsigned opts)
{
    const char *s = sc->s;
    size_t n = sc->n, i = 0, b;

    /* trim blanks at both ends */
    while ((b = blank_len(s, i, n)) > 0)
        i += b;
    for (;;) {
        if (n > i && (s[n - 1] == ' ' || s[n - 1] == '\t' || s[n - 1] == '\n' || s[n - 1] == '\r'))
            n--;
        else if (n >= i + 2 && (unsigned char)s[n - 2] == 0xc2 && (unsigned char)s[n - 1] == 0xa0)
            n -= 2;
        else
            break;
    }
    if (i == n)
        return fail(sc, i, "empty number");

    /* a lone dash (or two) means nil: zero */
    if (opts & RC_PARSE_DASH) {
        size_t j = i, d1 = dash_len(s, j, n);
        if (d1) {
            j += d1;
            size_t d2 = dash_len(s, j, n);
            if (d2 && d2 == 1 && d1 == 1)
                j += d2;
            if (j == n) {
                mpq_set_ui(out->q, 0, 1);
                out->decimals = RC_DECIMALS_INF;
                out->shown = RC_DECIMALS_INF;
                out->flags = RC_VALUE_DASH;
                return RC_OK;
            }
        }
    }

    unsigned flags = 0;
    bool negative = false;
    if (s[i] == '(') {
        if (!(opts & RC_PARSE_PARENS))
            return fail(sc, i, "unexpected '('");
        if (s[n - 1] != ')')
            return fail(sc, n - 1, "'(' without a closing ')'");
        flags |= RC_VALUE_PARENS;
        negative = true;
        i++;
        n--;
        while ((b = blank_len(s, i, n)) > 0)
            i += b;
        while (n > i && (s[n - 1] == ' ' || s[n - 1] == '\t'))
            n--;
    }
    if (i < n && s[i] == '+') {
        i++;
    } else if ((b = dash_len(s, i, n)) > 0) {
        if (negative)
            return fail(sc, i, "a minus sign inside parentheses");
        flags |= RC_VALUE_MINUS;
        negative = true;
        i += b;
    }

    /* digits, with "," grouping */
    char stackbuf[128];
    char *digits = stackbuf;
    size_t ndigits = 0, frac = 0;
    size_t avail = n - i;
    if (avail + 1 > sizeof stackbuf) {
        if (avail > MAX_DIGITS + MAX_DIGITS / 3 + 16)
            return fail(sc, i, "number has too many digits");
        digits = malloc(avail + 1);
        if (!digits)
            return RC_ENOMEM;
    }
    int rc = RC_OK;
    size_t group = 0; /* digits in the current group */
    bool grouped = false, seen_digit = false;
    size_t start = i;
    for (; i < n && (is_digit(s[i]) || s[i] == ','); i++) {
        if (s[i] == ',') {
            if (!(opts & RC_PARSE_GROUPING)) {
                rc = fail(sc, i, "unexpected ','");
                goto done;
            }
            if (!seen_digit) {
                rc = fail(sc, i, "a ',' before any digit");
                goto done;
            }
            if ((grouped && group != 3) || (!grouped && group > 3)) {
                rc = fail(sc, i, "digit grouping must be in groups of three");
                goto done;
            }
            grouped = true;
            group = 0;
            continue;
        }
        digits[ndigits++] = s[i];
        seen_digit = true;
        group++;
    }
    if (grouped && group != 3) {
        rc = fail(sc, i > start ? i - 1 : i, "digit grouping must be in groups of three");
        goto done;
    }
    if (i < n && s[i] == '.') {
        size_t dot = i++;
        for (; i < n && is_digit(s[i]); i++) {
            digits[ndigits++] = s[i];
            frac++;
        }
        if (frac == 0 && !seen_digit) {
            rc = fail(sc, dot, "a '.' without digits");
            goto done;
        }
        if (i < n && s[i] == '.') {
            rc = fail(sc, i, "unexpected second '.'");
            goto done;
        }
        if (i < n && s[i] == ',') {
            rc = fail(sc, i, "unexpected ',' after the decimal point");
            goto done;
        }
        seen_digit = true;
    }
    if (!seen_digit) {
        rc = fail(sc, i, i < n ? "expected a digit" : "a sign without digits");
        goto done;
    }
    if (ndigits > MAX_DIGITS) {
        rc = fail(sc, start, "number has too many digits");
        goto done;
    }
    long exponent = 0;
    if (i < n && (s[i] == 'e' || s[i] == 'E') && (opts & RC_PARSE_EXPONENT)) {
        size_t epos = i++;
        bool eneg = false;
        if (i < n && (s[i] == '+' || s[i] == '-'))
            eneg = s[i++] == '-';
        if (i >= n || !is_digit(s[i])) {
            rc = fail(sc, epos, "an exponent without digits");
            goto done;
        }
        for (; i < n && is_digit(s[i]); i++) {
            exponent = exponent * 10 + (s[i] - '0');
            if (exponent > MAX_EXPONENT) {
                rc = fail(sc, epos, "exponent out of range");
                goto done;
            }
        }
        if (eneg)
            exponent = -exponent;
    }
    bool percent = false;
    if (opts & RC_PARSE_PERCENT) {
        size_t j = i;
        while ((b = blank_len(s, j, n)) > 0)
            j += b;
        if (j < n && s[j] == '%') {
            percent = true;
            i = j + 1;
        }
    }
    if (i != n) {
        if (s[i] == '.')
            rc = fail(sc, i, "unexpected second '.'");
        else
            rc = fail(sc, i, "unexpected character in a number");
        goto done;
    }
    if (scale > MAX_EXPONENT || scale < -MAX_EXPONENT) {
        rc = fail(sc, start, "scale out of range");
        goto done;
    }

    digits[ndigits] = '\0';
    mpz_set_str(mpq_numref(out->q), digits, 10);
    mpz_set_ui(mpq_denref(out->q), 1);
    long e10 = exponent + scale - (long)frac - (percent ? 2 : 0);
    q_scale10(out->q, e10);
    if (negative)
        mpq_neg(out->q, out->q);
    out->shown = (int)((long)frac - exponent - scale + (percent ? 2 : 0));
    out->decimals = out->shown;
    out->flags = flags | (percent ? RC_VALUE_PERCENT : 0);
done:
    if (digits != stackbuf)
        free(digits);
    return rc;
}

int rc_value_parse(rc_value *out, const char *text, size_t len, int scale, unsigned opts,
                   size_t *errpos, const char **errmsg)
{
    scanner sc = {text, 0, len, 0, NULL};
    rc_value tmp;
    rc_value_init(&tmp);
    int rc = parse(&sc, &tmp, scale, opts);
    if (rc == RC_OK) {
        rc_value_set(out, &tmp);
    } else {
        if (errpos)
            *errpos = sc.errpos;
        if (errmsg)
            *errmsg = sc.errmsg ? sc.errmsg : rc_strerror(rc);
    }
    rc_value_clear(&tmp);
    return rc;
}

/* ---- intervals ---------------------------------------------------------------- */

void rc_interval_init(rc_interval *iv)
{
    mpq_init(iv->lo);
    mpq_init(iv->hi);
}

void rc_interval_clear(rc_interval *iv)
{
    mpq_clear(iv->lo);
    mpq_clear(iv->hi);
}

void rc_interval_set(rc_interval *dst, const rc_interval *src)
{
    if (dst == src)
        return;
    mpq_set(dst->lo, src->lo);
    mpq_set(dst->hi, src->hi);
}

void rc_interval_set_point(rc_interval *dst, const mpq_t q)
{
    mpq_set(dst->lo, q);
    mpq_set(dst->hi, q);
}

void rc_interval_set_si(rc_interval *dst, long n)
{
    mpq_set_si(dst->lo, n, 1);
    mpq_set_si(dst->hi, n, 1);
}

void rc_interval_set_rounded(rc_interval *dst, const mpq_t q, int decimals)
{
    if (decimals == RC_DECIMALS_INF || decimals > 10 * MAX_EXPONENT ||
        decimals < -10 * MAX_EXPONENT) {
        rc_interval_set_point(dst, q);
        return;
    }
    mpq_t half;
    mpq_init(half);
    mpq_set_ui(half, 1, 2);
    q_scale10(half, -(long)decimals);
    mpq_sub(dst->lo, q, half);
    mpq_add(dst->hi, q, half);
    mpq_clear(half);
}

bool rc_interval_is_point(const rc_interval *iv)
{
    return mpq_equal(iv->lo, iv->hi) != 0;
}

bool rc_interval_contains_zero(const rc_interval *iv)
{
    return mpq_sgn(iv->lo) <= 0 && mpq_sgn(iv->hi) >= 0;
}

void rc_interval_add(rc_interval *dst, const rc_interval *a, const rc_interval *b)
{
    mpq_add(dst->lo, a->lo, b->lo);
    mpq_add(dst->hi, a->hi, b->hi);
}

void rc_interval_sub(rc_interval *dst, const rc_interval *a, const rc_interval *b)
{
    mpq_t lo;
    mpq_init(lo);
    mpq_sub(lo, a->lo, b->hi);
    mpq_sub(dst->hi, a->hi, b->lo);
    mpq_set(dst->lo, lo);
    mpq_clear(lo);
}

void rc_interval_mul(rc_interval *dst, const rc_interval *a, const rc_interval *b)
{
    mpq_t p[4];
    for (int k = 0; k < 4; k++)
        mpq_init(p[k]);
    mpq_mul(p[0], a->lo, b->lo);
    mpq_mul(p[1], a->lo, b->hi);
    mpq_mul(p[2], a->hi, b->lo);
    mpq_mul(p[3], a->hi, b->hi);
    int lo = 0, hi = 0;
    for (int k = 1; k < 4; k++) {
        if (mpq_cmp(p[k], p[lo]) < 0)
            lo = k;
        if (mpq_cmp(p[k], p[hi]) > 0)
            hi = k;
    }
    mpq_set(dst->lo, p[lo]);
    mpq_set(dst->hi, p[hi]);
    for (int k = 0; k < 4; k++)
        mpq_clear(p[k]);
}

int rc_interval_div(rc_interval *dst, const rc_interval *a, const rc_interval *b)
{
    if (rc_interval_contains_zero(b))
        return RC_ENA;
    rc_interval inv;
    rc_interval_init(&inv);
    mpq_inv(inv.lo, b->hi);
    mpq_inv(inv.hi, b->lo);
    rc_interval_mul(dst, a, &inv);
    rc_interval_clear(&inv);
    return RC_OK;
}

void rc_interval_neg(rc_interval *dst, const rc_interval *a)
{
    mpq_t lo;
    mpq_init(lo);
    mpq_neg(lo, a->hi);
    mpq_neg(dst->hi, a->lo);
    mpq_set(dst->lo, lo);
    mpq_clear(lo);
}

void rc_interval_abs(rc_interval *dst, const rc_interval *a)
{
    if (mpq_sgn(a->lo) >= 0) {
        rc_interval_set(dst, a);
    } else if (mpq_sgn(a->hi) <= 0) {
        rc_interval_neg(dst, a);
    } else {
        mpq_t m;
        mpq_init(m);
        mpq_neg(m, a->lo);
        if (mpq_cmp(m, a->hi) < 0)
            mpq_set(m, a->hi);
        mpq_set_ui(dst->lo, 0, 1);
        mpq_set(dst->hi, m);
        mpq_clear(m);
    }
}

void rc_interval_min(rc_interval *dst, const rc_interval *a, const rc_interval *b)
{
    mpq_set(dst->lo, mpq_cmp(a->lo, b->lo) <= 0 ? a->lo : b->lo);
    mpq_set(dst->hi, mpq_cmp(a->hi, b->hi) <= 0 ? a->hi : b->hi);
}

void rc_interval_max(rc_interval *dst, const rc_interval *a, const rc_interval *b)
{
    mpq_set(dst->lo, mpq_cmp(a->lo, b->lo) >= 0 ? a->lo : b->lo);
    mpq_set(dst->hi, mpq_cmp(a->hi, b->hi) >= 0 ? a->hi : b->hi);
}

bool rc_interval_eq(const rc_interval *a, const rc_interval *b)
{
    return mpq_cmp(a->lo, b->hi) <= 0 && mpq_cmp(b->lo, a->hi) <= 0;
}

bool rc_interval_le(const rc_interval *a, const rc_interval *b)
{
    return mpq_cmp(a->lo, b->hi) <= 0;
}

bool rc_interval_lt(const rc_interval *a, const rc_interval *b)
{
    return mpq_cmp(a->lo, b->hi) < 0;
}

void rc_interval_gap(mpq_t out, const rc_interval *a, const rc_interval *b)
{
    if (mpq_cmp(a->hi, b->lo) < 0)
        mpq_sub(out, b->lo, a->hi);
    else if (mpq_cmp(b->hi, a->lo) < 0)
        mpq_sub(out, a->lo, b->hi);
    else
        mpq_set_ui(out, 0, 1);
}

/* ---- formatting --------------------------------------------------------------- */

int rc_q_places(const mpq_t q, int max_places)
{
    /* count factors of 2 and 5 of the denominator; anything else never ends */
    mpz_t den, f;
    mpz_init_set(den, mpq_denref(q));
    mpz_init_set_ui(f, 2);
    unsigned long a = mpz_remove(den, den, f);
    mpz_set_ui(f, 5);
    unsigned long b = mpz_remove(den, den, f);
    int ok = mpz_cmp_ui(den, 1) == 0;
    mpz_clear(den);
    mpz_clear(f);
    unsigned long places = a > b ? a : b;
    if (!ok || places > (unsigned long)(max_places < 0 ? 0 : max_places))
        return -1;
    return (int)places;
}

char *rc_q_format(const mpq_t q, int places, rc_round mode, bool grouping)
{
    if (places > 10 * MAX_EXPONENT)
        places = 10 * MAX_EXPONENT;
    if (places < -10 * MAX_EXPONENT)
        places = -10 * MAX_EXPONENT;
    mpq_t x;
    mpz_t n, p;
    mpq_init(x);
    mpz_init(n);
    mpz_init(p);
    mpq_set(x, q);
    q_scale10(x, places);
    /* round x to an integer n */
    switch (mode) {
    case RC_ROUND_FLOOR:
        mpz_fdiv_q(n, mpq_numref(x), mpq_denref(x));
        break;
    case RC_ROUND_CEIL:
        mpz_cdiv_q(n, mpq_numref(x), mpq_denref(x));
        break;
    case RC_ROUND_NEAREST:
    default: {
        /* half away from zero: floor((2|num| + den) / (2 den)) with the sign */
        mpz_abs(p, mpq_numref(x));
        mpz_mul_2exp(p, p, 1);
        mpz_add(p, p, mpq_denref(x));
        mpz_mul_2exp(n, mpq_denref(x), 1);
        mpz_fdiv_q(n, p, n);
        if (mpq_sgn(x) < 0)
            mpz_neg(n, n);
        break;
    }
    }
    if (places < 0) {
        mpz_ui_pow_ui(p, 10, (unsigned long)-places);
        mpz_mul(n, n, p);
        places = 0;
    }
    bool neg = mpz_sgn(n) < 0;
    mpz_abs(n, n);
    char *digits = mpz_get_str(NULL, 10, n);
    rc_buf out = RC_BUF_INIT;
    if (digits) {
        size_t nd = strlen(digits);
        /* pad so that there is at least one digit before the point */
        size_t need = (size_t)places + 1;
        size_t pad = nd < need ? need - nd : 0;
        size_t intlen = nd + pad - (size_t)places;
        if (neg)
            rc_buf_putc(&out, '-');
        for (size_t k = 0; k < intlen; k++) {
            char c = k < pad ? '0' : digits[k - pad];
            if (grouping && k > 0 && (intlen - k) % 3 == 0)
                rc_buf_putc(&out, ',');
            rc_buf_putc(&out, c);
        }
        if (places > 0) {
            rc_buf_putc(&out, '.');
            for (size_t k = intlen; k < nd + pad; k++)
                rc_buf_putc(&out, k < pad ? '0' : digits[k - pad]);
        }
        void (*freefn)(void *, size_t);
        mp_get_memory_functions(NULL, NULL, &freefn);
        freefn(digits, nd + 1);
    } else {
        out.failed = true;
    }
    mpq_clear(x);
    mpz_clear(n);
    mpz_clear(p);
    return rc_buf_take(&out);
}

char *rc_q_format_exact(const mpq_t q, int max_places, rc_round mode)
{
    int places = rc_q_places(q, max_places);
    if (places < 0)
        return rc_q_format(q, max_places, mode, false);
    return rc_q_format(q, places, mode, false);
}
