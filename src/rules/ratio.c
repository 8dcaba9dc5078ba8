/*
 * Ratios that explain a disagreement between two numbers that should be equal (or
 * ordered): a stock split applied to one side only, or one side in thousands.  The
 * test is "within rounding": the interval each side stands for, times the ratio, or
 * the quotient of their midpoints within 1% of it, as the split notes always did.
 */
#include "rules/ratio.h"

static const rc_ratio ratios[] = {
    /* forward splits, the common ones first (7:1 Apple 2014, 10:1 NVIDIA 2024, 20:1
     * Alphabet and Amazon 2022, 50:1 Chipotle 2024) */
    {2, 1, RC_RATIO_SPLIT},
    {3, 1, RC_RATIO_SPLIT},
    {4, 1, RC_RATIO_SPLIT},
    {5, 1, RC_RATIO_SPLIT},
    {7, 1, RC_RATIO_SPLIT},
    {8, 1, RC_RATIO_SPLIT},
    {10, 1, RC_RATIO_SPLIT},
    {15, 1, RC_RATIO_SPLIT},
    {20, 1, RC_RATIO_SPLIT},
    {25, 1, RC_RATIO_SPLIT},
    {50, 1, RC_RATIO_SPLIT},
    {100, 1, RC_RATIO_SPLIT},
    {3, 2, RC_RATIO_SPLIT},
    {4, 3, RC_RATIO_SPLIT},
    {5, 4, RC_RATIO_SPLIT},
    /* reverse splits */
    {1, 2, RC_RATIO_SPLIT},
    {1, 3, RC_RATIO_SPLIT},
    {1, 4, RC_RATIO_SPLIT},
    {1, 5, RC_RATIO_SPLIT},
    {1, 7, RC_RATIO_SPLIT},
    {1, 8, RC_RATIO_SPLIT},
    {1, 10, RC_RATIO_SPLIT},
    {1, 15, RC_RATIO_SPLIT},
    {1, 20, RC_RATIO_SPLIT},
    {1, 25, RC_RATIO_SPLIT},
    {1, 50, RC_RATIO_SPLIT},
    {1, 100, RC_RATIO_SPLIT},
    {2, 3, RC_RATIO_SPLIT},
    {3, 4, RC_RATIO_SPLIT},
    {4, 5, RC_RATIO_SPLIT},
    /* scales: "in thousands", "in millions" on one side only */
    {1000, 1, RC_RATIO_SCALE},
    {1000000, 1, RC_RATIO_SCALE},
    {1, 1000, RC_RATIO_SCALE},
    {1, 1000000, RC_RATIO_SCALE},
};

/* |iv| into out when iv lies on one side of zero; false when it holds zero. */
static bool magnitude(rc_interval *out, const rc_interval *iv, int *sign)
{
    if (rc_interval_contains_zero(iv)) return false;
    *sign = mpq_sgn(iv->lo) > 0 ? 1 : -1;
    rc_interval_abs(out, iv);
    return true;
}

/* [iv.lo - slack, iv.hi + slack] (iv >= 0), when the slack is at most 5% of iv: half a
 * unit of "7" is no evidence that 7 stands for 7,489 in thousands. */
static void widen(rc_interval *out, const rc_interval *iv, const mpq_t slack)
{
    rc_interval_set(out, iv);
    mpq_t limit;
    mpq_init(limit);
    mpq_set_ui(limit, 1, 20);
    mpq_mul(limit, limit, iv->lo);
    if (mpq_cmp(slack, limit) <= 0) {
        mpq_sub(out->lo, iv->lo, slack);
        mpq_add(out->hi, iv->hi, slack);
    }
    mpq_clear(limit);
}

/* Is iv (>= 0) known to within 10%: hi - lo at most a tenth of lo?  A "0.01" that may be
 * anything from 0.005 to 0.015 fits any ratio within half of it: no evidence of one. */
static bool tight(const rc_interval *iv)
{
    mpq_t width, limit;
    mpq_init(width);
    mpq_init(limit);
    mpq_sub(width, iv->hi, iv->lo);
    mpq_set_ui(limit, 1, 10);
    mpq_mul(limit, limit, iv->lo);
    bool ok = mpq_cmp(width, limit) <= 0;
    mpq_clear(width);
    mpq_clear(limit);
    return ok;
}

/* Does t x b meet a (both known within 10%), or is the midpoints' quotient r within 1% of
 * t?  *distance gets |r - t| / t. */
static bool fits(const mpq_t t, const rc_interval *a, const rc_interval *b, const mpq_t r,
                 mpq_t distance)
{
    rc_interval scaled, point;
    rc_interval_init(&scaled);
    rc_interval_init(&point);
    rc_interval_set_point(&point, t);
    rc_interval_mul(&scaled, b, &point);
    bool meet = tight(a) && tight(b) && rc_interval_eq(&scaled, a);
    rc_interval_clear(&scaled);
    rc_interval_clear(&point);
    mpq_sub(distance, r, t);
    mpq_abs(distance, distance);
    mpq_div(distance, distance, t);
    mpq_t one_percent;
    mpq_init(one_percent);
    mpq_set_ui(one_percent, 1, 100);
    bool close = mpq_cmp(distance, one_percent) <= 0;
    mpq_clear(one_percent);
    return meet || close;
}

bool rc_rules__ratio_find(rc_ratio *out, const rc_interval *a, const rc_interval *b,
                          const mpq_t a_slack, const mpq_t b_slack, unsigned kinds)
{
    rc_interval A, B, As, Bs;
    rc_interval_init(&A);
    rc_interval_init(&B);
    rc_interval_init(&As);
    rc_interval_init(&Bs);
    mpq_t r, t, d, best, one;
    mpq_init(r);
    mpq_init(t);
    mpq_init(d);
    mpq_init(best);
    mpq_init(one);
    mpq_set_ui(one, 1, 1);
    bool found = false;
    int sa = 0, sb = 0;
    if (!magnitude(&A, a, &sa) || !magnitude(&B, b, &sb) || sa != sb) goto done;
    /* the quotient of the midpoints */
    mpq_add(r, A.lo, A.hi);
    mpq_add(t, B.lo, B.hi);
    mpq_div(r, r, t);
    /* sides that are equal within rounding are neither split nor scaled */
    if (fits(one, &A, &B, r, d)) goto done;
    widen(&As, &A, a_slack);
    widen(&Bs, &B, b_slack);
    for (size_t k = 0; k < sizeof ratios / sizeof *ratios; k++) {
        if (!(kinds & ratios[k].kind)) continue;
        mpq_set_ui(t, ratios[k].num, ratios[k].den);
        mpq_canonicalize(t);
        bool scale = ratios[k].kind == RC_RATIO_SCALE;
        if (!fits(t, scale ? &As : &A, scale ? &Bs : &B, r, d)) continue;
        if (!found || mpq_cmp(d, best) < 0) {
            *out = ratios[k];
            mpq_set(best, d);
            found = true;
        }
    }
done:
    rc_interval_clear(&A);
    rc_interval_clear(&B);
    rc_interval_clear(&As);
    rc_interval_clear(&Bs);
    mpq_clear(r);
    mpq_clear(t);
    mpq_clear(d);
    mpq_clear(best);
    mpq_clear(one);
    return found;
}
