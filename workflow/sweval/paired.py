"""Paired (before/after) comparisons for small groups.

Every statistic works on the differences ``d = to - from`` (post - pre), so a positive mean
difference, d_z, d_av, g_av, d_rm or rank-biserial r means the score went up. Whether up is good is
decided only at the end, through the scale's direction (``paired_table``).

Conventions follow docs/conventions.md: paired t with df = n - 1, effect sizes labelled by type (Lakens 2013),
the Wilcoxon signed-rank test from the exact conditional distribution of the signed mid-ranks, an
exact sign-flip permutation test (both by the shift algorithm of Streitberg & Roehmel 1986, exact
up to ``EXACT_MAX_N`` = 1000 non-zero differences), and Holm-adjusted p across a family of subscales.

Standard parts, and where the package computes for itself (tests/test_paired.py checks each
against R):

* pingouin: the paired t, df and p (``pg.ttest``) and the matched-pairs rank-biserial r
  (``pg.wilcoxon``'s RBC). scipy: the t interval of the mean difference (``ttest_1samp``'s
  ``confidence_interval``; pingouin's CI95 column is rounded to 2 decimals by its output options),
  Shapiro-Wilk.
* computed here: d_z with its noncentral-t interval, d_av, g_av and d_rm (pingouin's paired
  ``cohen_d`` is the absolute d_av, and its Hedges correction uses the independent-samples df
  2n - 2, where g_av needs J at n - 1); the Wilcoxon p from the exact conditional distribution of
  the signed mid-ranks (scipy's, and so pingouin's, p is that exact conditional one only up to
  13 pairs with ties or zeros, by a permutation test costing a quarter of a second per call; from
  14 to 50 such pairs it is a normal approximation); the exact sign-flip test (shift algorithm
  over differences on a grid, enumeration otherwise);
  the JZS Bayes factor (``pg.bayesfactor_ttest`` integrates the same Rouder et al. formula but
  is off by 5e-5 to 1.5e-4 relative of R's value, more than the 1e-4 the tests allow).

Edge cases never raise: a statistic that is undefined for the data (n < 2, zero standard deviation
of the differences, all differences zero) comes back as NaN.
"""
from __future__ import annotations

import math
import warnings
import zlib
from fractions import Fraction

import numpy as np
import pandas as pd
from scipy import integrate, optimize, stats

from sweval.direction import read_sign
from sweval.errors import InputError
from sweval.noncentral import t_ncp_interval

__all__ = [
    "mean_diff_ci", "paired_t", "d_z", "d_z_ci", "d_av", "g_av", "hedges_j_paired", "d_rm",
    "wilcoxon_exact", "sign_flip_p", "rank_biserial", "rank_biserial_ci", "bf10", "shapiro",
    "holm", "paired_summary", "paired_table", "PAIRED_COLUMNS",
]

NAN = float("nan")

PAIRED_COLUMNS = [
    "scale", "contrast", "wave_from", "wave_to", "n_pairs", "n_excluded",
    "mean_from", "sd_from", "mean_to", "sd_to",
    "mean_diff", "mean_diff_ci_low", "mean_diff_ci_high", "sd_diff", "r_from_to",
    "t", "df", "p", "shapiro_w", "shapiro_p",
    "wilcoxon_v", "wilcoxon_p", "wilcoxon_method", "perm_p", "perm_method",
    "d_z", "d_z_ci_low", "d_z_ci_high", "d_av", "g_av", "d_rm",
    "rank_biserial", "rank_biserial_ci_low", "rank_biserial_ci_high",
    "bf10", "p_holm", "direction", "change",
]

# Two statistics closer than this (relative to the data's scale) count as equal, so that
# floating-point noise in sums does not decide whether a permutation is "as extreme".
_REL_TOL = 1e-9
_MC_CHUNK = 20_000
# Limits of the exact tests (docs/conventions.md section 4; the method columns say which branch
# was taken). Up to EXACT_MAX_N non-zero differences the Wilcoxon p is exact (shift algorithm over
# the doubled mid-ranks: 0.02 s at 500 with ties, about 0.2 s at 1000; benchmarks/bench_exact.py);
# above, a normal approximation. The sign-flip p is exact by the same algorithm when the
# differences lie on a grid (e.g. sums or means of Likert items), up to EXACT_MAX_N pairs and
# EXACT_MAX_GRID grid steps in sum|d|; off a grid, by enumerating all 2^n flips up to
# ENUMERATE_MAX_N pairs, then Monte Carlo, and above ASYMPTOTIC_MIN_N pairs a normal approximation
# (Monte Carlo would cost n x n_mc operations for a survey of thousands).
EXACT_MAX_N = 1000
EXACT_MAX_GRID = 2_000_000
ENUMERATE_MAX_N = 30
ASYMPTOTIC_MIN_N = 200
# denominators up to this are recognised as a grid: means of up to 100 items, prorated sums
_GRID_MAX_DEN = 10_000


def _as_float(x) -> np.ndarray:
    return np.asarray(x, dtype=float).ravel()


def _sd(x: np.ndarray) -> float:
    return float(np.std(x, ddof=1)) if x.size >= 2 else NAN


# ---------------------------------------------------------------------------------------------
# mean difference and paired t


def mean_diff_ci(diff, ci: float = 0.95) -> tuple[float, float, float]:
    """Mean of the differences with its t-based confidence interval.

    ``mean(d) -/+ t_{1-(1-ci)/2, n-1} * sd(d)/sqrt(n)`` (Student 1908; R's ``t.test`` conf.int),
    from ``scipy.stats.ttest_1samp(d, 0).confidence_interval(ci)`` (pingouin's ``ttest`` gives the
    same interval, rounded to 2 decimals). Returns ``(mean, low, high)``. n < 2 gives NaN bounds
    (the mean itself for n = 1); zero sd gives a zero-width interval at the mean. NaNs in ``diff``
    are not removed here.
    """
    d = _as_float(diff)
    n = d.size
    if n == 0:
        return NAN, NAN, NAN
    m = float(np.mean(d))
    if n < 2:
        return m, NAN, NAN
    if not _sd(d) > 0:
        return m, m, m
    low, high = stats.ttest_1samp(d, 0.0).confidence_interval(ci)
    return m, float(low), float(high)


def paired_t(diff) -> tuple[float, int, float]:
    """Paired t test on the differences: ``t = mean(d) / (sd(d)/sqrt(n))``, df = n - 1, two-sided p.

    ``pingouin.ttest(d, 0)``: the one-sample test of the differences, which is the paired test
    (``pg.ttest(post, pre, paired=True)`` gives the same T, dof and p_val; R's
    ``t.test(post, pre, paired = TRUE)``). Returns ``(t, df, p)``. n < 2 or zero sd of the
    differences (t undefined or infinite) gives ``(NaN, n - 1, NaN)``.
    """
    d = _as_float(diff)
    n = d.size
    sd = _sd(d)
    if n < 2 or not sd > 0:
        return NAN, max(n - 1, 0), NAN
    import pingouin as pg  # here, not at the top: baseline imports holm from this module only

    with warnings.catch_warnings():  # its Bayes factor's integration warns for huge t; not used
        warnings.simplefilter("ignore")
        res = pg.ttest(d, 0.0).iloc[0]
    return float(res["T"]), int(res["dof"]), float(res["p_val"])


# ---------------------------------------------------------------------------------------------
# standardized mean differences (Lakens 2013)


def d_z(diff) -> float:
    """Cohen's d_z = mean(d) / sd(d) = t / sqrt(n) (Cohen 1988; Lakens 2013, eq. 6).

    NaN for n < 2 or zero sd of the differences.
    """
    d = _as_float(diff)
    sd = _sd(d)
    return float(np.mean(d) / sd) if d.size >= 2 and sd > 0 else NAN


def d_z_ci(dz: float, n: int, ci: float = 0.95) -> tuple[float, float]:
    """Confidence interval for d_z by inverting the noncentral t distribution.

    With t = d_z*sqrt(n) and df = n - 1, find the noncentrality parameters ncp_low and ncp_high
    with ``P(T <= t | ncp_low) = 1 - alpha/2`` and ``P(T <= t | ncp_high) = alpha/2``; the
    interval is ``ncp / sqrt(n)`` (Steiger & Fouladi 1997; Cumming & Finch 2001; the method of
    R's effectsize). NaN for n < 2 or non-finite d_z.
    """
    if n < 2 or not np.isfinite(dz):
        return NAN, NAN
    low, high = t_ncp_interval(dz * math.sqrt(n), n - 1, ci)
    return low / math.sqrt(n), high / math.sqrt(n)


def d_av(pre, post) -> float:
    """Cohen's d_av = mean(post - pre) / sqrt((sd_pre^2 + sd_post^2) / 2) (Lakens 2013, eq. 10).

    Signed (positive when scores rise). NaN for n < 2 or when both sds are zero. This is what
    ``pingouin.compute_effsize(post, pre, paired=True)`` and ``pg.ttest``'s ``cohen_d`` return
    (the latter as an absolute value); it is computed here so that its sign and its name stay
    explicit.
    """
    a, b = _as_float(pre), _as_float(post)
    if a.size < 2:
        return NAN
    s_av = math.sqrt((_sd(a) ** 2 + _sd(b) ** 2) / 2)
    return float(np.mean(b - a) / s_av) if s_av > 0 else NAN


def hedges_j_paired(n: int) -> float:
    """Hedges' small-sample correction for a paired design, df = n - 1: J = 1 - 3/(4 df - 1).

    (Hedges 1981; Borenstein et al. 2009, eq. 4.22 with df = n - 1; Lakens 2013.) NaN for n < 2.
    """
    df = n - 1
    return 1 - 3 / (4 * df - 1) if df >= 1 else NAN


def g_av(pre, post) -> float:
    """Hedges' g_av = J * d_av with J = 1 - 3/(4(n-1)-1) (see ``hedges_j_paired``).

    Note the paired df: the independent-samples df (2n - 2) that pingouin's paired "hedges" uses
    under-corrects (sleep data: 0.7970 there, 0.7609 here; tests/reference/paired_pingouin.R).
    """
    a = _as_float(pre)
    return hedges_j_paired(a.size) * d_av(pre, post)


def d_rm(diff, r: float) -> float:
    """Cohen's d_rm = d_z * sqrt(2 (1 - r)), r = correlation of pre and post (Lakens 2013, eq. 9).

    Equivalent to mean(d) / sqrt(sd_pre^2 + sd_post^2 - 2 r sd_pre sd_post) * sqrt(2(1 - r)).
    NaN when d_z or r is undefined.
    """
    dz = d_z(diff)
    if not (np.isfinite(dz) and np.isfinite(r)):
        return NAN
    return float(dz * math.sqrt(2 * (1 - r)))


# ---------------------------------------------------------------------------------------------
# signed-rank statistics and the sign-flip test: exact distributions by the shift algorithm


def _round_noise(d: np.ndarray) -> np.ndarray:
    """d rounded to 9 significant digits of max|d|.

    Differences of decimal scores carry binary noise (11.2 - 10.9 != 9.8 - 9.5 in floating
    point), which would split true ties and turn true zeros into tiny signed values. R's
    wilcox.test and coin compare the raw floats; for MASS::shoes they rank the three 0.3
    differences 3.5, 3.5, 5 where this gives 4, 4, 4 (same p there).
    """
    top = float(np.max(np.abs(d))) if d.size else 0.0
    if top == 0 or not np.isfinite(top):
        return d
    return np.round(d, 9 - math.ceil(math.log10(top)))


def _signed_midranks(diff) -> tuple[np.ndarray, np.ndarray]:
    """Mid-ranks of |d| among the non-zero differences, and their signs (zeros dropped).

    Ties and zeros are judged after ``_round_noise``.
    """
    d = _round_noise(_as_float(diff))
    d = d[d != 0]
    return stats.rankdata(np.abs(d)), np.sign(d)


def _shift_p(weights, pos_sum: int) -> float:
    """Exact two-sided p for a sum of randomly signed non-negative integer weights.

    Under H0 each weight w_i belongs to the positive part P = sum(w_i with sign +) with
    probability 1/2, independently of the others. Returns ``P(|2P - K| >= |2 pos_sum - K|)``,
    K = sum(w), from the exact distribution of P built by the shift algorithm (Streitberg &
    Roehmel 1986; the algorithm of R's coin): start from the point mass at 0 and, weight by
    weight, average the distribution with itself shifted by w. P is symmetric about K/2, so only
    the lower tail up to ``c = (K - |2 pos_sum - K|) / 2`` is built and p = 2 P(P <= c): memory
    c + 1 doubles, time about len(weights) x c. The probabilities are halved at every step; with
    more than about 1000 weights the far tail's cells (each below 2^-1000 = 9e-302) underflow to
    zero, which changes p only where p itself is below about 1e-300. Zero weights change nothing
    and are skipped.
    """
    w = np.sort(np.asarray(weights, dtype=np.int64))
    w = w[w > 0]
    total = int(w.sum())
    obs = abs(2 * int(pos_sum) - total)
    if obs == 0:
        return 1.0
    c = (total - obs) // 2        # 2P - K = -obs <=> P = c (K - obs is even: it is 2P or 2(K - P))
    prob = np.zeros(c + 1)
    prob[0] = 1.0
    reach = 0                     # prob[j] = 0 for j > reach (the sum of the weights so far)
    for wi in w.tolist():
        top = min(reach + wi, c)
        if wi <= top:
            prob[wi:top + 1] += prob[:top + 1 - wi].copy()
        prob[:top + 1] *= 0.5
        reach = top
    return min(1.0, 2.0 * float(prob.sum()))


def _on_grid(diff: np.ndarray, max_total: int) -> tuple[np.ndarray, Fraction] | None:
    """|d| as integer multiples of one step: ``(k, step)`` with |d_i| = k_i x step, or None.

    Each distinct |d| is replaced by the nearest fraction with a denominator of at most
    ``_GRID_MAX_DEN`` (``Fraction.limit_denominator``) and accepted if it lies within 1e-9 x
    max|d| of it, so the binary noise of 3.7 - 3.1 = 0.6000000000000001 does not matter; the
    step is the greatest common divisor of these fractions. Sums of Likert items (integers), their
    means (multiples of 1/items), prorated sums (multiples of items/answered) and measurements in
    tenths are on a grid. None when some |d| is not, or when sum(k), the length of the exact
    distribution, exceeds ``max_total``.
    """
    a = np.abs(diff)
    top = float(a.max()) if a.size else 0.0
    if not (top > 0 and np.isfinite(top)):
        return None
    fracs = {}
    for v in np.unique(a).tolist():
        f = Fraction(v).limit_denominator(_GRID_MAX_DEN)
        if abs(float(f) - v) > _REL_TOL * top:
            return None
        fracs[v] = f
    den = math.lcm(*(f.denominator for f in fracs.values()))
    num = {v: f.numerator * (den // f.denominator) for v, f in fracs.items()}
    g = math.gcd(*num.values())   # > 0: top is on the grid and not zero
    k = [num[v] // g for v in a.tolist()]
    if sum(k) > max_total:
        return None
    return np.array(k, dtype=np.int64), Fraction(g, den)


def wilcoxon_exact(diff, *, exact_max_n: int = EXACT_MAX_N) -> dict:
    """Wilcoxon signed-rank test from the conditional null distribution of the signed mid-ranks.

    Zero differences are dropped before ranking (Wilcoxon's 1945 zero method, R's
    ``wilcox.test`` and ``coin::wilcoxsign_test(zero.method = "Wilcoxon")``); tied |d| get
    mid-ranks. Zeros and ties are judged at 9 significant digits so that floating-point noise in
    differences of decimal scores does not split them (R compares raw floats). V = sum of the
    ranks of the positive differences (R's ``V``). Under H0 each of the m non-zero differences is
    positive or negative with probability 1/2, independently, so the null distribution of V is
    over the 2^m sign patterns of the observed mid-ranks; this stays exact with ties and zeros,
    where the tabled distribution does not. Two-sided
    ``p = P(|V - E V| >= |v - E V|)``, E V = sum(ranks)/2.

    If m <= ``exact_max_n`` (default ``EXACT_MAX_N`` = 1000) the distribution over all 2^m
    patterns is computed exactly by the shift algorithm (``_shift_p``) over the doubled mid-ranks,
    which are integers (divided by their common divisor); as coin's
    ``wilcoxsign_test(distribution = "exact")``. Time and memory grow as m^3 and m^2: 500
    non-zero differences with ties take 0.02 s and 1.9 MiB (benchmarks/bench_exact.py). Above, the
    conditional distribution is replaced by its normal approximation: mean sum(r)/2, variance
    sum(r^2)/4 over the observed mid-ranks (the tie-corrected variance), no continuity
    correction, as R's ``wilcox.test(exact = FALSE, correct = FALSE)`` and coin's asymptotic test.

    Why not ``pingouin.wilcoxon``: it passes scipy's p through, which is this exact conditional p
    only up to 13 pairs with ties or zeros (by a 2^n permutation test, about 0.3 s per call) and a
    continuity-corrected normal approximation from 14 to 50 such pairs (MASS::anorexia, 26 pairs:
    0.7468 against coin's exact 0.7457; tests/test_paired.py); its W_val is the smaller rank sum,
    not R's V. pingouin's RBC is used (``rank_biserial``).

    Returns ``{"v", "p", "n_nonzero", "n_zero", "method"}``. All differences zero (m = 0): v = 0,
    p = NaN.
    """
    d = _as_float(diff)
    ranks, signs = _signed_midranks(d)
    m = ranks.size
    n_zero = int(d.size - m)
    zero_note = f"{n_zero} zero difference(s) dropped (Wilcoxon zero method), mid-ranks for ties"
    if m == 0:
        return {"v": 0.0, "p": NAN, "n_nonzero": 0, "n_zero": n_zero,
                "method": "undefined: no pairs" if d.size == 0 else "undefined: all differences are zero"}
    r2 = np.rint(2 * ranks).astype(np.int64)  # mid-ranks are multiples of 1/2
    total = int(r2.sum())
    v2 = int(r2[signs > 0].sum())
    if m <= exact_max_n:
        g = int(np.gcd.reduce(r2))  # 2 without ties: the plain ranks
        p = _shift_p(r2 // g, v2 // g)
        method = (f"exact conditional distribution over all 2^{m} sign patterns of the mid-ranks "
                  f"(shift algorithm); {zero_note}")
    else:
        obs = abs(2 * v2 - total)
        z = obs / 2 / math.sqrt(float((r2.astype(float) ** 2).sum()) / 4)  # in doubled-rank units
        p = float(2 * stats.norm.sf(z))
        method = (f"normal approximation to the conditional distribution ({m} non-zero differences "
                  f"> {exact_max_n}), tie-corrected variance, no continuity correction; {zero_note}")
    return {"v": v2 / 2, "p": min(p, 1.0), "n_nonzero": m, "n_zero": n_zero, "method": method}


def _chunks(total: int):
    while total > 0:
        size = min(total, _MC_CHUNK)
        yield size
        total -= size


def _flip_sums(absd: np.ndarray) -> np.ndarray:
    """sum(s_i |d_i|) for all 2^k sign vectors s (k = len(absd)), built by doubling."""
    sums = np.zeros(1)
    for a in absd.tolist():
        sums = np.concatenate([sums - a, sums + a])
    return sums


def sign_flip_p(diff, *, seed: int | None = None, n_mc: int = 100_000,
                exact_max_n: int = EXACT_MAX_N, exact_max_grid: int = EXACT_MAX_GRID,
                enumerate_max_n: int = ENUMERATE_MAX_N,
                asymptotic_min_n: int = ASYMPTOTIC_MIN_N) -> tuple[float, str]:
    """Two-sided sign-flip permutation test of the mean difference (Fisher 1935, ch. 21).

    Statistic: T = sum(d). Under H0 (differences symmetric about 0) every sign pattern of |d| is
    equally likely; ``p = P(|T*| >= |T|)``, ties counted as extreme. Zero differences stay in
    (they flip to themselves). The p is computed, in this order:

    1. exact, by the shift algorithm (``_shift_p``), when at most ``exact_max_n`` (default
       ``EXACT_MAX_N`` = 1000) differences are non-zero (as for the Wilcoxon test; zeros are
       judged at 9 significant digits) and the |d| lie on a grid (``_on_grid``: integer
       multiples of one step, as sums or means of Likert items are) with sum(|d|)/step <=
       ``exact_max_grid`` (default ``EXACT_MAX_GRID`` = 2,000,000): the sums are of integers,
       so ties are exact;
    2. exact, by enumerating all 2^n patterns, when n <= ``enumerate_max_n`` (default
       ``ENUMERATE_MAX_N`` = 30; meet-in-the-middle: the 2^(n/2) sums of each half, one sorted and
       searched), ties judged with a relative tolerance of 1e-9 of sum|d|;
    3. Monte Carlo, ``n_mc`` random patterns from ``numpy.random.default_rng(seed)``,
       ``p = (1 + #extreme)/(1 + n_mc)`` (Phipson & Smyth 2010), up to ``asymptotic_min_n``
       (default ``ASYMPTOTIC_MIN_N`` = 200) pairs;
    4. beyond, the normal approximation of the permutation distribution (mean 0, variance
       sum(d^2); Fisher's randomisation distribution is asymptotically normal).

    Returns ``(p, method)``; the method names the branch taken. n = 0 or all differences zero
    gives NaN.
    """
    d = _as_float(diff)
    n = d.size
    absd = np.abs(d)
    if n == 0:
        return NAN, "undefined: no pairs"
    if not absd.any():
        return NAN, "undefined: no non-zero differences"
    if np.count_nonzero(_round_noise(d)) <= exact_max_n:
        grid = _on_grid(d, exact_max_grid)
        if grid is not None:
            k, step = grid
            p = _shift_p(k, int(k[d > 0].sum()))
            return p, (f"exact over all 2^{n} sign flips (shift algorithm; differences are "
                       f"multiples of {step})")
    t_obs = abs(float(d.sum()))
    thresh = t_obs - _REL_TOL * float(absd.sum())
    if n <= enumerate_max_n:
        method = f"exact, all 2^{n} sign flips enumerated"
        if thresh <= 0:
            return 1.0, method
        half = n // 2
        a = _flip_sums(absd[:half])
        b = np.sort(_flip_sums(absd[half:]))
        # |a + b| >= thresh  <=>  b >= thresh - a  or  b <= -thresh - a (disjoint for thresh > 0)
        upper = b.size - np.searchsorted(b, thresh - a, side="left")
        lower = np.searchsorted(b, -thresh - a, side="right")
        p = float((upper + lower).sum()) / 2.0 ** n
        return min(p, 1.0), method
    if n > asymptotic_min_n:
        p = float(2 * stats.norm.sf(t_obs / math.sqrt(float((d ** 2).sum()))))
        return p, f"normal approximation to the sign-flip distribution (n = {n} > {asymptotic_min_n})"
    rng = np.random.default_rng(seed)
    extreme = 0
    for size in _chunks(n_mc):
        s = rng.integers(0, 2, size=(size, n), dtype=np.int8) * 2 - 1
        extreme += int(np.count_nonzero(np.abs(s @ absd) >= thresh))
    return (1 + extreme) / (1 + n_mc), f"Monte Carlo, {n_mc} random sign flips (seed {seed})"


def rank_biserial(diff) -> float:
    """Matched-pairs rank-biserial correlation r = (R+ - R-) / (R+ + R-).

    R+ and R- are the sums of the mid-ranks of |d| for positive and negative differences, zeros
    dropped before ranking (Kerby 2014; King, Rosopa & Minium 2011; as R's
    ``effectsize::rank_biserial(paired = TRUE)``): the ``RBC`` of ``pingouin.wilcoxon``, given
    the differences after ``_round_noise`` so that floating-point noise neither splits ties nor
    hides zeros. pingouin's W_val (the smaller rank sum, not R's V) and p_val (scipy's, not the
    exact conditional p from 14 pairs with ties or zeros) are not used: see ``wilcoxon_exact``.
    Ranges -1..1; NaN when all differences are zero.
    """
    import pingouin as pg  # see paired_t

    d = _round_noise(_as_float(diff))
    if not np.any(d != 0):
        return NAN
    # the p is not used, so scipy is asked for its cheapest (asymptotic) one: its default with
    # ties or zeros for n <= 50 is a permutation test costing most of a second per call
    return float(pg.wilcoxon(d, method="asymptotic").iloc[0]["RBC"])


def rank_biserial_ci(r: float, n_nonzero: int, ci: float = 0.95) -> tuple[float, float]:
    """Fisher-z confidence interval for the matched-pairs rank-biserial r.

    ``tanh(atanh(r) -/+ z * SE)``, SE = sqrt((2m^3 + 3m^2 + m)/6) / (m(m+1)/2), m = number of
    non-zero differences: the standard deviation of the signed-rank sum divided by its maximum
    (as R's ``effectsize::rank_biserial``). r = +/-1 gives the degenerate interval (r, r);
    NaN when r is undefined or m < 1.
    """
    if not np.isfinite(r) or n_nonzero < 1:
        return NAN, NAN
    if abs(r) >= 1:
        return float(r), float(r)
    m = n_nonzero
    se = math.sqrt((2 * m ** 3 + 3 * m ** 2 + m) / 6) / (m * (m + 1) / 2)
    z = stats.norm.ppf(0.5 + ci / 2)
    zr = math.atanh(r)
    return math.tanh(zr - z * se), math.tanh(zr + z * se)


# ---------------------------------------------------------------------------------------------
# Bayes factor, normality, multiplicity


def bf10(t: float, n: int, r_scale: float = math.sqrt(2) / 2) -> float:
    """JZS Bayes factor BF10 for a one-sample (paired) t test (Rouder et al. 2009, eq. 1).

    Prior: effect size delta ~ Cauchy(0, r_scale), written as delta | g ~ N(0, g) with
    g ~ Inverse-Gamma(1/2, r_scale^2/2). With nu = n - 1::

        BF10 = int_0^inf (1 + n g)^(-1/2) (1 + t^2 / ((1 + n g) nu))^(-(nu+1)/2)
                  * r/sqrt(2 pi) g^(-3/2) exp(-r^2/(2g)) dg  /  (1 + t^2/nu)^(-(nu+1)/2)

    integrated numerically over log g (scipy ``quad``). r_scale = sqrt(2)/2 is "medium" in R's
    BayesFactor::ttestBF. NaN for n < 2 or non-finite t; +inf when BF10 exceeds the largest
    double (a huge survey with a clear effect).
    """
    if n < 2 or not np.isfinite(t):
        return NAN
    nu = n - 1
    log_null = -(nu + 1) / 2 * math.log1p(t * t / nu)
    log_prior_const = math.log(r_scale) - 0.5 * math.log(2 * math.pi)

    def log_integrand(u: float) -> float:  # u = log g; dg = g du
        g = math.exp(u)
        a = 1 + n * g
        return (-0.5 * math.log(a) - (nu + 1) / 2 * math.log1p(t * t / (a * nu))
                + log_prior_const - 0.5 * u - r_scale ** 2 / (2 * g) - log_null)

    # centre the integrand on its mode so quad sees a well-scaled bump; beyond +/-60 log-units of
    # g the tails are below exp(-60) of the peak (exp(-r^2/2g) on the left, 1/g on the right)
    res = optimize.minimize_scalar(lambda u: -log_integrand(u), bounds=(-30, 30), method="bounded")
    u0, shift = res.x, log_integrand(res.x)
    val, _ = integrate.quad(lambda u: math.exp(log_integrand(u) - shift), u0 - 60, u0 + 60,
                            points=[u0], limit=200, epsabs=0, epsrel=1e-10)
    log_bf = math.log(val) + shift if val > 0 else -math.inf
    return math.inf if log_bf > 709 else float(math.exp(log_bf))  # beyond a double: overwhelming


def shapiro(x) -> tuple[float, float]:
    """Shapiro-Wilk W and p (Royston 1995 algorithm via ``scipy.stats.shapiro``, as R's
    ``shapiro.test``). NaN for n < 3, n > 5000 (outside the algorithm's range; R refuses too) or
    when all values are identical (R stops there)."""
    v = _as_float(x)
    if v.size < 3 or v.size > 5000 or np.ptp(v) == 0:
        return NAN, NAN
    res = stats.shapiro(v)
    return float(res.statistic), float(res.pvalue)


def holm(p) -> np.ndarray:
    """Holm (1979) step-down adjusted p values, as R's ``p.adjust(p, "holm")``.

    ``p_(i) adj = max_{j<=i} min(1, (m - j + 1) p_(j))`` over the sorted p; NaN entries are left
    NaN and do not count towards m.
    """
    p = _as_float(p)
    out = np.full(p.shape, NAN)
    ok = np.flatnonzero(np.isfinite(p))
    m = ok.size
    if m == 0:
        return out
    order = ok[np.argsort(p[ok], kind="stable")]
    adj = np.minimum(1.0, np.maximum.accumulate((m - np.arange(m)) * p[order]))
    out[order] = adj
    return out


# ---------------------------------------------------------------------------------------------
# one pair of arrays, and the long-table front end


def paired_summary(pre, post, *, seed: int, n_mc: int = 100_000, exact_max_n: int = EXACT_MAX_N,
                   ci: float = 0.95) -> dict:
    """All paired statistics for one pre/post pair of arrays (differences = post - pre).

    Pairs where either value is NaN are dropped and counted (``n_excluded``). Keys are the
    statistic columns of ``paired_table`` (from ``n_pairs`` to ``bf10``). Undefined statistics are
    NaN: n < 2 for t/CI/d; n < 3 for Shapiro-Wilk; zero sd of the differences for t, p, d_z, its CI,
    d_rm, BF10 and Shapiro-Wilk; all differences zero additionally for the Wilcoxon test, the
    sign-flip test and rank-biserial r. ``exact_max_n`` is the limit of the exact Wilcoxon and
    (differences on a grid) sign-flip tests (``wilcoxon_exact``, ``sign_flip_p``); ``seed`` drives
    the sign-flip test's Monte Carlo branch, used only for 31-200 differences that are not on a grid.
    """
    a, b = _as_float(pre), _as_float(post)
    if a.size != b.size:
        raise InputError(f"pre has {a.size} values but post has {b.size}; pairs need equal length.")
    keep = np.isfinite(a) & np.isfinite(b)
    a, b = a[keep], b[keep]
    d = b - a
    n = int(d.size)
    mean_diff, lo, hi = mean_diff_ci(d, ci)
    t, df, p = paired_t(d)
    sd_a, sd_b = _sd(a), _sd(b)
    r = float(np.corrcoef(a, b)[0, 1]) if n >= 2 and sd_a > 0 and sd_b > 0 else NAN
    dz = d_z(d)
    dz_lo, dz_hi = d_z_ci(dz, n, ci)
    w = wilcoxon_exact(d, exact_max_n=exact_max_n)
    perm_p, perm_method = sign_flip_p(d, seed=seed, n_mc=n_mc, exact_max_n=exact_max_n)
    rrb = rank_biserial(d)
    rrb_lo, rrb_hi = rank_biserial_ci(rrb, w["n_nonzero"], ci)
    sw, sp = shapiro(d)
    return {
        "n_pairs": n, "n_excluded": int((~keep).sum()),
        "mean_from": float(np.mean(a)) if n else NAN, "sd_from": sd_a,
        "mean_to": float(np.mean(b)) if n else NAN, "sd_to": sd_b,
        "mean_diff": mean_diff, "mean_diff_ci_low": lo, "mean_diff_ci_high": hi,
        "sd_diff": _sd(d), "r_from_to": r,
        "t": t, "df": df, "p": p, "shapiro_w": sw, "shapiro_p": sp,
        "wilcoxon_v": w["v"] if w["n_nonzero"] else NAN, "wilcoxon_p": w["p"],
        "wilcoxon_method": w["method"], "perm_p": perm_p, "perm_method": perm_method,
        "d_z": dz, "d_z_ci_low": dz_lo, "d_z_ci_high": dz_hi,
        "d_av": d_av(a, b), "g_av": g_av(a, b), "d_rm": d_rm(d, r),
        "rank_biserial": rrb, "rank_biserial_ci_low": rrb_lo, "rank_biserial_ci_high": rrb_hi,
        "bf10": bf10(t, n),
    }


def _row_seed(seed: int, scale: str, contrast: str) -> int:
    """A per-row seed that does not depend on row order (so adding a scale changes no other row)."""
    key = zlib.crc32(f"{scale}\x1f{contrast}".encode())
    return int(np.random.SeedSequence([seed, key]).generate_state(1)[0])


def _change_label(mean_diff: float, direction: str):
    return read_sign(mean_diff, direction, better="improved", worse="worsened", neither="no change")


def paired_table(scores: pd.DataFrame, contrasts: list[tuple[str, str]],
                 directions: dict[str, str], *, seed: int, holm_family: list[str] | None = None,
                 ci: float = 0.95, n_mc: int = 100_000,
                 exact_max_n: int = EXACT_MAX_N) -> pd.DataFrame:
    """One row of paired statistics per scale x contrast (columns: ``PAIRED_COLUMNS``).

    ``scores`` is long: participant_id, wave, scale, score (NaN = missing). Scales keep their
    order of first appearance; contrasts keep the given order within each scale. For a contrast
    (from_wave, to_wave) participants are paired on participant_id and differences are
    to - from. ``n_excluded`` counts participants who have a row for this scale at from_wave or
    to_wave but lack a score at one of them (missing row or NaN); participants seen at neither
    wave are not counted.

    ``direction`` is ``directions.get(scale, "higher")`` ("higher" or "lower" is better) and
    ``change`` reads the sign of mean_diff through it ("improved" / "worsened" / "no change" for
    |mean_diff| <= 1e-9, i.e. zero up to floating-point noise; NaN without pairs). ``p_holm`` is
    Holm-adjusted across the scales in ``holm_family`` (default: all scales) within each
    contrast; scales outside the family get NaN.

    The Wilcoxon and sign-flip p are exact up to ``exact_max_n`` pairs (default ``EXACT_MAX_N``;
    the sign-flip test when the differences lie on a grid, as sums or means of item codes do; see
    ``sign_flip_p``), and the ``wilcoxon_method`` and ``perm_method`` columns name the method used.
    Randomness: the sign-flip test's Monte Carlo branch (31-200 differences not on a grid) uses a
    seed derived from ``seed`` and the row's scale and contrast names, so a row's result does not
    change when scales are added or reordered.

    Raises ``InputError`` for missing columns, an unknown direction, or a participant with two
    rows for the same scale and wave.
    """
    needed = {"participant_id", "wave", "scale", "score"}
    missing = needed - set(scores.columns)
    if missing:
        raise InputError(f"scores lacks column(s) {sorted(missing)}.",
                         hint="pass the long scores table (participant_id, wave, scale, score).")
    bad_dir = {s: v for s, v in directions.items() if v not in ("higher", "lower")}
    if bad_dir:
        raise InputError(f"direction must be 'higher' or 'lower', got {bad_dir}.")
    dup = scores.duplicated(["participant_id", "wave", "scale"], keep=False)
    if dup.any():
        first = scores.loc[dup, ["participant_id", "wave", "scale"]].iloc[0]
        raise InputError(
            f"participant {first['participant_id']!r} has more than one score for scale "
            f"{first['scale']!r} at wave {first['wave']!r}.",
            hint="resolve duplicate responses in the clean step before comparing waves.")

    data = scores[["participant_id", "wave", "scale", "score"]]  # copy-on-write: no copy until changed
    data["score"] = pd.to_numeric(data["score"], errors="coerce").astype(float)
    scales = list(pd.unique(data["scale"]))
    by_scale = data.groupby("scale", sort=False).indices  # one pass over the strings, not one per scale
    rows = []
    for scale in scales:
        long = data.iloc[by_scale.get(scale, [])]
        wide = long.pivot(index="participant_id", columns="wave", values="score")
        direction = directions.get(scale, "higher")
        for w_from, w_to in contrasts:
            contrast = f"{w_from}->{w_to}"
            # participants with a row (even a NaN score) at from or to; the pivot alone cannot
            # tell an absent row from a NaN score
            seen = wide.index.isin(long.loc[long["wave"].isin([w_from, w_to]), "participant_id"])
            pre = wide[w_from] if w_from in wide.columns else pd.Series(NAN, index=wide.index)
            post = wide[w_to] if w_to in wide.columns else pd.Series(NAN, index=wide.index)
            stats_ = paired_summary(pre[seen].to_numpy(float), post[seen].to_numpy(float),
                                    seed=_row_seed(seed, str(scale), contrast), n_mc=n_mc,
                                    exact_max_n=exact_max_n, ci=ci)
            rows.append({"scale": scale, "contrast": contrast, "wave_from": w_from,
                         "wave_to": w_to, **stats_, "direction": direction,
                         "change": _change_label(stats_["mean_diff"], direction)})
    out = pd.DataFrame(rows, columns=[c for c in PAIRED_COLUMNS if c != "p_holm"])
    family = scales if holm_family is None else list(holm_family)
    out["p_holm"] = NAN
    for contrast, idx in out.groupby("contrast", sort=False).groups.items():
        members = [i for i in idx if out.at[i, "scale"] in family]
        if members:
            out.loc[members, "p_holm"] = holm(out.loc[members, "p"].to_numpy(float))
    return out[PAIRED_COLUMNS]
