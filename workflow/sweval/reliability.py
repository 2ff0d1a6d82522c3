"""Reliability of summed rating scales, per scale and per wave.

Cronbach's alpha with Feldt and bootstrap confidence intervals, McDonald's omega total from a
one-factor maximum-likelihood model with a bootstrap interval, the mean inter-item correlation with
its Spearman-Brown reliability, and item analysis (item-rest correlation, alpha if item deleted).

Conventions shared by every function here:

* ``x`` is an (n respondents x k items) array-like of item scores, already reverse-keyed, each
  row one respondent. Rows with any missing item are dropped first (listwise deletion within the
  scale), so every statistic of one scale rests on the same respondents.
* Variances and covariances use the n - 1 denominator (as R's ``var``/``cov``).
* Alpha is the *raw* (covariance-based) alpha of the unit-weighted sum, as ``raw_alpha`` in
  R psych::alpha.
* Nothing raises on awkward data: a statistic that is undefined comes back as NaN, and
  :func:`reliability_table` says why in its ``note`` column.
* Bootstrap intervals are percentile intervals over ``n_boot`` case resamples from
  ``pingouin.compute_bootci`` (``method="per"``, ``seed``; scipy.stats.bootstrap underneath); the
  same seed and data give the same resamples and interval. pingouin resamples the row indices and
  hands all resamples to the statistic at once; the statistic turns them into multinomial count
  weights, so a replicate's moments are one matrix product instead of a copy of the data
  (benchmarks/bench_reliability.py compares this with pingouin calling a per-resample statistic).

Standard parts: the point alpha is ``pingouin.cronbach_alpha``. Computed here: Feldt's interval
(pingouin's has the same formula but rounds the bounds to 3 decimals), omega (pingouin has none;
a one-factor ML fit as R psych::fa), item analysis and the inter-item correlation.
"""
from __future__ import annotations

import warnings
from collections.abc import Callable, Iterator, Sequence

import numpy as np
import pandas as pd
import pingouin as pg
from scipy import stats

from sweval.errors import ConfigError

__all__ = [
    "MAX_N_BOOTSTRAP",
    "MIN_N_BOOTSTRAP",
    "MISSING_POLICY",
    "alpha_ci_bootstrap",
    "alpha_ci_feldt",
    "alpha_flags",
    "alpha_if_deleted",
    "cor_smooth",
    "cronbach_alpha",
    "item_rest_correlations",
    "mean_inter_item_r",
    "omega_ci_bootstrap",
    "omega_total",
    "one_factor_ml",
    "reliability_table",
    "spearman_brown",
]

# Below this many complete cases a scale and wave gets no bootstrap interval (Feldt's only): a
# percentile bootstrap of alpha or omega from a handful of children is unreliable, and at n = 10
# most omega resamples are singular. Studies may lower it (config reliability.min_n_bootstrap).
MIN_N_BOOTSTRAP = 30
# Above this many, neither: the Feldt interval is then accurate to the third decimal and a
# bootstrap over every scale and wave of a provincial survey only costs minutes (config
# reliability.max_n_bootstrap raises it, at a cost in memory: pingouin.compute_bootci, through
# scipy.stats.bootstrap, holds the n_boot x n matrix of resampled row indices twice as int64,
# 320 MB at 20,000 respondents and 1000 resamples, 1.6 GB at 100,000).
MAX_N_BOOTSTRAP = 20_000
MISSING_POLICY = "listwise within scale"

# psych::fa (fm = "ml") keeps every uniqueness inside [0.005, 1] of the correlation metric; a
# uniqueness on the lower bound is a Heywood case.
_PSI_LOWER = 0.005
# psych::cor.smooth's eig.tol: eigenvalues below it are raised to 100 times it.
_EIG_TOL = 1e-12
# Bootstrap resampling counts are held as uint8 (a case drawn 256 times out of n draws with
# probability 1/n each has probability below 1/256!), at most this many bytes at once.
_COUNT_BYTES = 1 << 27
# Bootstrap intervals are not reported when more than this share of the replicates gave no value.
_MAX_FAILED_SHARE = 0.10
# Cells (rows x columns) of derived data -- moment columns, item cross-products, float weights --
# formed at once; bounds the working memory of the bootstrap independently of n.
_BLOCK_CELLS = 1 << 22

RELIABILITY_COLUMNS = [
    "scale", "wave", "n", "n_items", "alpha",
    "alpha_ci_low_feldt", "alpha_ci_high_feldt", "alpha_ci_low_boot", "alpha_ci_high_boot",
    "alpha_flag", "alpha_ci_flag",
    "omega_total", "omega_ci_low_boot", "omega_ci_high_boot", "omega_ci_method",
    "mean_inter_item_r", "spearman_brown", "missing_policy", "note",
]
ITEM_COLUMNS = ["scale", "wave", "item", "n", "mean", "sd", "item_rest_r", "alpha_if_deleted",
                "alpha_if_deleted_change"]
# alpha_flag / alpha_ci_flag codes (docs/conventions.md, section 7): the CSV keeps every value as
# computed; these say what a reader may not read into it, and the report prints "< 0" for them.
ALPHA_NEGATIVE = "negative"
ALPHA_UNDEFINED = "undefined"
CI_BOUND_BELOW_ZERO = "bound_below_zero"


def alpha_flags(alpha: float, bounds: Sequence[float]) -> tuple[str, str]:
    """(alpha_flag, alpha_ci_flag) of one scale and wave.

    alpha_flag: "undefined" when alpha is NaN; "negative" when alpha < 0 (the items' average
    covariance is negative: the value is not a reliability and is not interpretable as one, so
    the report shows "< 0" and the note); "" otherwise. alpha_ci_flag: "bound_below_zero" when a
    finite bound of an interval in ``bounds`` is below 0 (the interval reaches values that are no
    reliability at all; the report shows such a bound as "< 0", so no bound below 0 -- and none
    below -1, as Feldt's interval for a small sample can reach -11 -- is ever printed); ""
    otherwise.
    """
    flag = ALPHA_UNDEFINED if not np.isfinite(alpha) else ALPHA_NEGATIVE if alpha < 0 else ""
    below = any(np.isfinite(b) and b < 0 for b in bounds)
    return flag, CI_BOUND_BELOW_ZERO if below else ""


# --------------------------------------------------------------------------------------------
# helpers
# --------------------------------------------------------------------------------------------

def _complete_cases(x) -> np.ndarray:
    """Float (n x k) array of the rows with no missing value (listwise deletion)."""
    if isinstance(x, (pd.DataFrame, pd.Series)):  # nullable Int64/Float64 columns hold pd.NA
        x = x.to_numpy(dtype=float, na_value=np.nan)
    a = np.asarray(x, dtype=float)
    if a.ndim == 1:
        a = a[:, None]
    return a[~np.isnan(a).any(axis=1)]


def _cov(x: np.ndarray) -> np.ndarray:
    return np.atleast_2d(np.cov(x, rowvar=False, ddof=1))


def _alpha_from_variances(item_var: np.ndarray, total_var: np.ndarray, k: int) -> np.ndarray:
    """k/(k-1) (1 - sum of item variances / total variance); NaN where the total is constant.

    "Constant" means a total variance below 1e-12 of the summed item variances: rounding leaves
    that much where items that vary add up to a constant, or where nothing varies at all.
    """
    with np.errstate(divide="ignore", invalid="ignore"):
        alpha = k / (k - 1) * (1.0 - item_var / total_var)
    return np.where(total_var > 1e-12 * item_var, alpha, np.nan)


def _alpha_from_cov(cov: np.ndarray) -> np.ndarray:
    """Alpha for one (k x k) or a stack (..., k, k) of covariance matrices."""
    return _alpha_from_variances(np.trace(cov, axis1=-2, axis2=-1), cov.sum(axis=(-2, -1)),
                                 cov.shape[-1])


def _snap_to_zero(variance: np.ndarray, reference: np.ndarray) -> np.ndarray:
    """Variances of bootstrap replicates below 1e-10 of the full-sample variance are rounding
    residue of a constant column (sum of squares minus squared sum); make them exactly 0."""
    return np.where(variance < 1e-10 * reference, 0.0, variance)


def _percentile_interval(values: np.ndarray, ci: float) -> tuple[float, float]:
    """(1 - ci)/2 and (1 + ci)/2 quantiles (type 7) of the finite replicate values.

    NaN when more than ``_MAX_FAILED_SHARE`` of the replicates gave no value: the rest are then a
    selected sample (typically the resamples with the most distinct respondents), not the
    bootstrap distribution.
    """
    ok = values[np.isfinite(values)]
    if ok.size == 0 or ok.size < (1 - _MAX_FAILED_SHARE) * values.size:
        return (np.nan, np.nan)
    low, high = np.quantile(ok, [(1 - ci) / 2, (1 + ci) / 2])
    return (float(low), float(high))


def _failed_note(values: np.ndarray, statistic: str, reason: str) -> str | None:
    """Note on bootstrap replicates that gave no value, or None when all did."""
    failed = int(np.sum(~np.isfinite(values)))
    if failed == 0:
        return None
    if failed > _MAX_FAILED_SHARE * values.size:
        return (f"{failed} of {values.size} bootstrap resamples gave no {statistic} ({reason}); "
                f"with more than {_MAX_FAILED_SHARE:.0%} failing, the rest are not a fair sample, "
                "so no bootstrap interval is reported.")
    return (f"{failed} of {values.size} bootstrap resamples gave no {statistic} ({reason}) and "
            "were left out of its interval.")


def _resample_counts(idx: np.ndarray, n: int) -> Iterator[np.ndarray]:
    """How often each of the n cases was drawn, for blocks of the resamples in ``idx``.

    ``idx`` is the (replicates x n) matrix of drawn row indices that pingouin.compute_bootci
    passes to a vectorised statistic. Yields uint8 arrays of shape (replicates in block, n); the
    int64 counting array of a block stays within ``_COUNT_BYTES``.
    """
    per_block = max(1, _COUNT_BYTES // (8 * max(n, 1)))
    for first in range(0, idx.shape[0], per_block):
        block = idx[first:first + per_block]
        offset = np.arange(block.shape[0])[:, None] * n
        counts = np.bincount((block + offset).ravel(), minlength=block.size)
        yield counts.reshape(block.shape).astype(np.uint8)


def _bootstrap_sums(x: np.ndarray, columns, width: int, idx: np.ndarray) -> np.ndarray:
    """sum_i count_bi * columns(x)_i for every resample b of ``idx``, shape (replicates, width).

    ``columns`` maps a block of rows of x to its (rows x width) derived columns (moments,
    cross-products); blocks keep memory bounded and each replicate block is one matrix product.
    """
    n = x.shape[0]
    out = []
    for counts in _resample_counts(idx, n):
        step = max(1, _BLOCK_CELLS // max(width, counts.shape[0]))
        acc = np.zeros((counts.shape[0], width))
        for start in range(0, n, step):
            acc += counts[:, start:start + step].astype(float) @ columns(x[start:start + step])
        out.append(acc)
    return np.concatenate(out)


def _bootstrap(n: int, statistic: Callable[[np.ndarray], np.ndarray], *, n_boot: int, seed: int,
               ci: float) -> tuple[tuple[float, float], np.ndarray]:
    """Percentile interval and replicate values of ``statistic`` from ``pingouin.compute_bootci``.

    pingouin resamples the row indices 0..n-1 (``method="per"``, ``seed``) and, as the statistic
    takes an ``axis`` argument, passes all resamples at once as a (n_boot x n) index matrix.
    Its interval is used when every replicate gave a value; otherwise (pingouin's quantiles are
    then NaN) the interval follows ``_percentile_interval``: the finite replicates, unless more
    than 10% failed.
    """
    def vectorised(idx: np.ndarray, axis: int = -1) -> np.ndarray:
        return statistic(np.atleast_2d(idx))

    with warnings.catch_warnings():  # NaN replicates: handled below
        warnings.simplefilter("ignore")
        interval, values = pg.compute_bootci(np.arange(n), func=vectorised, method="per",
                                             confidence=float(ci), n_boot=n_boot, seed=seed,
                                             decimals=15, return_dist=True)
    if np.all(np.isfinite(values)):
        return (float(interval[0]), float(interval[1])), values
    return _percentile_interval(values, ci), values


def _bootstrap_covariances(x: np.ndarray, idx: np.ndarray) -> np.ndarray:
    """Covariance matrix of each bootstrap resample in ``idx``, shape (replicates, k, k).

    From count-weighted first and second moments of the centred data (centring first keeps the
    subtraction of the squared mean from losing digits); only the k(k + 1)/2 distinct
    cross-products are summed.
    """
    n, k = x.shape
    xc = x - x.mean(axis=0)
    rows, cols = np.triu_indices(k)
    sums = _bootstrap_sums(xc, lambda b: np.hstack([b, b[:, rows] * b[:, cols]]), k + rows.size,
                           idx) / n
    mean = sums[:, :k]
    second = np.empty((sums.shape[0], k, k))
    second[:, rows, cols] = sums[:, k:]
    second[:, cols, rows] = sums[:, k:]
    covs = (second - mean[:, :, None] * mean[:, None, :]) * (n / (n - 1))
    variance = np.diagonal(covs, axis1=1, axis2=2)
    constant = _snap_to_zero(variance, np.var(x, axis=0, ddof=1)) == 0
    covs[constant[:, :, None] | constant[:, None, :]] = 0.0  # a constant item covaries with nothing
    return covs


# --------------------------------------------------------------------------------------------
# alpha and its intervals
# --------------------------------------------------------------------------------------------

def cronbach_alpha(x) -> float:
    """Cronbach's alpha (raw, covariance-based) of the unit-weighted sum of the items.

    alpha = k / (k - 1) * (1 - sum_j s_j^2 / s_T^2), with s_j^2 the item variances and s_T^2 the
    variance of the total (Cronbach, 1951): ``pingouin.cronbach_alpha`` on the complete cases.
    Equals ``raw_alpha`` of R psych::alpha.

    Edges: NaN for fewer than 2 items, fewer than 2 complete rows, or a constant total (checked
    here: pingouin would divide by the rounding residue of the total's variance). Alpha can be
    negative (the average inter-item covariance is negative, often a miskeyed item); it is returned
    as computed, not truncated at 0.
    """
    a = _complete_cases(x)
    n, k = a.shape
    if k < 2 or n < 2 or not np.isfinite(_alpha_from_cov(_cov(a))):
        return np.nan
    return float(pg.cronbach_alpha(pd.DataFrame(a), nan_policy="listwise")[0])


def alpha_ci_feldt(alpha: float, n: int, k: int, ci: float = 0.95) -> tuple[float, float]:
    """Feldt's exact-under-normality confidence interval for alpha.

    (1 - alpha_hat) / (1 - alpha) follows F(n - 1, (n - 1)(k - 1)) when items are essentially
    tau-equivalent and normal (Feldt, 1965; Feldt, Woodruff & Salih, 1987), so
    low  = 1 - (1 - alpha_hat) * F_{(1+ci)/2}(n - 1, (n - 1)(k - 1)),
    high = 1 - (1 - alpha_hat) * F_{(1-ci)/2}(n - 1, (n - 1)(k - 1)).
    Same as R psych::alpha.ci. ``pingouin.cronbach_alpha`` returns this interval too, but with its
    bounds rounded to 3 decimals, so it is computed here at full precision.

    Edges: (NaN, NaN) when alpha is NaN, n < 2 or k < 2.
    """
    if not np.isfinite(alpha) or n < 2 or k < 2:
        return (np.nan, np.nan)
    df1, df2 = n - 1, (n - 1) * (k - 1)
    low = 1 - (1 - alpha) * stats.f.ppf((1 + ci) / 2, df1, df2)
    high = 1 - (1 - alpha) * stats.f.ppf((1 - ci) / 2, df1, df2)
    return (float(low), float(high))


def _bootstrap_alphas(x: np.ndarray, idx: np.ndarray) -> np.ndarray:
    """Alpha of each bootstrap resample in ``idx``, from count-weighted item and total moments."""
    n, k = x.shape
    xc = x - x.mean(axis=0)

    def moments(b: np.ndarray) -> np.ndarray:
        total = b.sum(axis=1, keepdims=True)
        return np.hstack([b, b**2, total, total**2])

    s = _bootstrap_sums(xc, moments, 2 * k + 2, idx)
    item_var = _snap_to_zero(s[:, k:2 * k] - s[:, :k] ** 2 / n, n * np.var(x, axis=0))
    total_var = _snap_to_zero(s[:, 2 * k + 1] - s[:, 2 * k] ** 2 / n, n * np.var(x.sum(axis=1)))
    return _alpha_from_variances(item_var.sum(axis=1), total_var, k)


def alpha_ci_bootstrap(x, *, seed: int, n_boot: int = 1000,
                       ci: float = 0.95) -> tuple[float, float]:
    """Percentile bootstrap confidence interval for Cronbach's alpha.

    ``pingouin.compute_bootci`` resamples respondents (rows) with replacement, ``n_boot`` times
    (``seed``), and takes the (1 - ci)/2 and (1 + ci)/2 quantiles (linear interpolation, R's
    type 7) of the replicate alphas (Efron & Tibshirani, 1993). Alpha needs only the item
    variances and the variance of the total, so each replicate is a weighted sum of 2k + 2 moment
    columns with its multinomial resampling counts as weights: one matrix product for a block of
    replicates, no per-replicate copy of the data.

    Edges: (NaN, NaN) for fewer than 2 items or fewer than 3 complete rows. Replicates whose total
    is constant give no alpha and are left out of the quantiles; if more than 10% are, the
    interval is NaN. Percentile intervals are known to undercover for small n (e.g. 10 children,
    where they can reach far below 0); the Feldt interval is the one to read there.
    """
    a = _complete_cases(x)
    n, k = a.shape
    if k < 2 or n < 3 or n_boot < 1:
        return (np.nan, np.nan)
    return _bootstrap(n, lambda idx: _bootstrap_alphas(a, idx), n_boot=n_boot, seed=seed, ci=ci)[0]


# --------------------------------------------------------------------------------------------
# omega
# --------------------------------------------------------------------------------------------

def _top_eigenvector(m: np.ndarray, top: np.ndarray) -> np.ndarray:
    """Unit eigenvector of the largest eigenvalue ``top`` of each symmetric matrix in a stack.

    Inverse iteration with the shift just above ``top`` (3 solves; each shrinks the other
    directions by (shift - top) / (shift - e_2) <= 1e-8 / relative gap). Used instead of
    ``np.linalg.eigh`` because eigenvectors from a threaded LAPACK cost up to ten times more CPU
    for stacks of small matrices, while eigenvalues and solves do not.
    """
    k = m.shape[-1]
    shifted = m - (top * (1 + 1e-8) + 1e-12)[:, None, None] * np.eye(k)
    # start from a vector with no special relation to any correlation structure
    vector = np.broadcast_to(1.0 + np.arange(k) / k, m.shape[:2])[:, :, None]
    for _ in range(3):
        vector = np.linalg.solve(shifted, vector)
        vector /= np.linalg.norm(vector, axis=1, keepdims=True)
    return vector[:, :, 0]


def _ml_at(corr: np.ndarray, psi: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Concentrated one-factor ML discrepancy and conditional loadings at uniquenesses ``psi``.

    For a stack of correlation matrices (B, k, k) and uniquenesses (B, k): with (e, v) the
    eigenpairs of psi^-1/2 R psi^-1/2 (largest last), the discrepancy is
    sum over all but the largest e of (e - log e - 1) (Joreskog, 1967; psych's internal FAfn),
    evaluated here up to its constant -log|R| as
    tr(psi^-1 R) - e_max + sum(log psi) + log e_max - (k - 1), which needs no small eigenvalue:
    for a nearly singular R (a smoothed bootstrap resample, eigenvalues of 1e-10) the small
    eigenvalues carry rounding errors of about 1e-6 relative, enough to stall the line search.
    The loadings that minimise the full ML discrepancy for this psi are
    sqrt(psi) * v_max * sqrt(max(e_max - 1, 0)). Returns (discrepancy (B,), loadings (B, k)).
    """
    scale = 1.0 / np.sqrt(psi)
    scaled = corr * scale[:, :, None] * scale[:, None, :]
    top = np.linalg.eigvalsh(scaled)[:, -1]
    k = corr.shape[-1]
    value = (np.trace(scaled, axis1=1, axis2=2) - top + np.sum(np.log(psi), axis=1)
             + np.log(top) - (k - 1))
    vector = _top_eigenvector(scaled, top)
    loading = vector * np.sqrt(np.maximum(top - 1.0, 0.0))[:, None] * np.sqrt(psi)
    return value, loading


def _held_at_bound(psi: np.ndarray, grad: np.ndarray) -> np.ndarray:
    """Uniquenesses on a bound whose gradient pushes them further out (the active set)."""
    return ((psi <= _PSI_LOWER * (1 + 1e-9)) & (grad > 0)) | ((psi >= 1.0) & (grad < 0))


def _profile_out_loadings(h_pp: np.ndarray, h_pl: np.ndarray, h_ll: np.ndarray) -> np.ndarray:
    """Curvature in psi with lambda at its conditional optimum: the Schur complement
    h_pp - h_pl h_ll^-1 h_lp. A 1e-12 ridge keeps the solve defined when all loadings are 0."""
    h_ll = h_ll + 1e-12 * np.eye(h_ll.shape[-1])
    return h_pp - h_pl @ np.linalg.solve(h_ll, np.swapaxes(h_pl, 1, 2))


def _newton_step(corr: np.ndarray, psi: np.ndarray, loading: np.ndarray) -> np.ndarray:
    """Newton direction for the uniquenesses, with those held at a bound left out.

    Gradient of the concentrated discrepancy: (lambda_i^2 + psi_i - r_ii) / psi_i^2 (psych's
    FAgr). Curvature: the Hessian of the full discrepancy F = log|S| + tr(R S^-1) in
    (psi, lambda), S = lambda lambda' + diag(psi), with lambda profiled out; as lambda sits at its
    conditional optimum this is the exact Hessian of the concentrated discrepancy. With A = S^-1,
    M = A R A and S_a = dS/da:
    H_ab = tr(A S_a M S_b) + tr(M S_a A S_b) - tr(A S_a A S_b) + tr((A - M) d2S/dadb).
    Where that is not positive definite (far from a minimum) the expected information (the same
    with M = A: Fisher scoring) is used instead. Fisher scoring alone converges only linearly when
    one factor does not fit exactly, i.e. always with real data.
    """
    k = psi.shape[1]
    grad = (loading**2 + psi - np.diagonal(corr, axis1=1, axis2=2)) / psi**2
    ratio = loading / psi
    # A by Woodbury: psi^-1 - (psi^-1 lambda)(psi^-1 lambda)' / (1 + lambda' psi^-1 lambda)
    a = (np.eye(k) / psi[:, :, None] - ratio[:, :, None] * ratio[:, None, :]
         / (1 + np.sum(loading * ratio, axis=1))[:, None, None])
    m = a @ corr @ a
    a_l, m_l = np.einsum("bij,bj->bi", a, loading), np.einsum("bij,bj->bi", m, loading)
    l_a_l = np.sum(loading * a_l, axis=1)[:, None, None]
    l_m_l = np.sum(loading * m_l, axis=1)[:, None, None]
    fisher_pl = 2 * a * a_l[:, :, None]
    fisher_ll = 2 * (a_l[:, :, None] * a_l[:, None, :] + l_a_l * a)
    hess = _profile_out_loadings(
        2 * a * m - a**2,
        2 * (a * m_l[:, :, None] + m * a_l[:, :, None]) - fisher_pl,
        2 * (m_l[:, :, None] * a_l[:, None, :] + a_l[:, :, None] * m_l[:, None, :]
             + l_a_l * m + l_m_l * a + a - m) - fisher_ll)
    active = _held_at_bound(psi, grad)
    grad = np.where(active, 0.0, grad)
    held = active[:, :, None] | active[:, None, :]
    diagonal = np.arange(k)

    def hold(h: np.ndarray, rows: np.ndarray) -> np.ndarray:
        h[held[rows]] = 0.0
        h[:, diagonal, diagonal] += active[rows]
        return h

    hess = hold(hess, slice(None))
    indefinite = np.flatnonzero(np.linalg.eigvalsh(hess)[:, 0] <= 0)
    if indefinite.size:
        hess[indefinite] = hold(_profile_out_loadings(
            a[indefinite] ** 2, fisher_pl[indefinite], fisher_ll[indefinite]), indefinite)
    return np.linalg.solve(hess, grad[:, :, None])[:, :, 0]


def _one_factor_ml_batch(corr: np.ndarray, start: np.ndarray, *, tol: float = 1e-10,
                         max_iter: int = 200) -> tuple[np.ndarray, ...]:
    """ML one-factor fits of a stack of correlation matrices (B, k, k), all at once.

    Projected Newton steps (:func:`_newton_step`) on the uniquenesses within [0.005, 1], halved
    until the discrepancy does not increase; a fit has converged when no uniqueness moves by more
    than ``tol`` and the gradient of every uniqueness not held at a bound is (numerically) zero.
    Returns (loadings (B, k), uniquenesses 1 - loading^2 (B, k), converged (B,), heywood (B,):
    a uniqueness ended on its lower bound, discrepancy (B,)).
    """
    psi = np.clip(np.asarray(start, dtype=float), _PSI_LOWER, 1.0)
    value, loading = _ml_at(corr, psi)
    converged = np.zeros(psi.shape[0], dtype=bool)
    for _ in range(max_iter):
        todo = np.flatnonzero(~converged)
        if todo.size == 0:
            break
        step = _newton_step(corr[todo], psi[todo], loading[todo])
        shrink = np.ones(todo.size)
        pending = np.ones(todo.size, dtype=bool)
        old = psi[todo]
        for _ in range(40):
            idx = todo[pending]
            trial = np.clip(old[pending] - shrink[pending, None] * step[pending], _PSI_LOWER, 1.0)
            trial_value, trial_loading = _ml_at(corr[idx], trial)
            ok = trial_value <= value[idx] + 1e-13 * np.abs(value[idx])
            accepted = idx[ok]
            psi[accepted], value[accepted] = trial[ok], trial_value[ok]
            loading[accepted] = trial_loading[ok]
            pending[np.flatnonzero(pending)[ok]] = False
            if not pending.any():
                break
            shrink[pending] /= 2
        converged[todo] = np.max(np.abs(psi[todo] - old), axis=1) < tol
    residual = loading**2 + psi - np.diagonal(corr, axis1=1, axis2=2)  # gradient * psi^2
    free = ~_held_at_bound(psi, residual)
    converged &= np.max(np.abs(np.where(free, residual, 0.0)), axis=1) < 1e-5
    loading = loading * np.where(loading.sum(axis=1) < 0, -1.0, 1.0)[:, None]
    heywood = np.any(psi <= _PSI_LOWER * (1 + 1e-6), axis=1)
    return loading, 1.0 - loading**2, converged, heywood, value


def one_factor_ml(corr, *, start=None) -> tuple[np.ndarray, np.ndarray, bool]:
    """Maximum-likelihood one-factor model of a correlation matrix.

    Minimises the ML discrepancy log|S| + tr(R S^-1) - log|R| - k, S = lambda lambda' + diag(psi),
    concentrated on the uniquenesses psi in [0.005, 1] (Joreskog, 1967) -- the model and bounds of
    R ``psych::fa(r, nfactors = 1, fm = "ml")``, which minimises the same function with L-BFGS-B;
    here a projected Newton method is used because it vectorises over bootstrap replicates. The
    loadings are signed so that their sum is positive; the uniquenesses returned are
    1 - loading^2, as psych reports them.

    Fitted from psych's start (1 - 0.5/k) / diag(R^-1), from all uniquenesses = 0.5 and from
    ``start`` if given, keeping the lowest-discrepancy converged fit (see :func:`_omegas` for why).
    Returns (loadings, uniquenesses, converged). The caller checks that ``corr`` is positive
    definite.
    """
    r = np.asarray(corr, dtype=float)[None]
    extra = None if start is None else np.asarray(start, dtype=float)[None]
    loading, psi, converged, _, _ = _best_one_factor_fit(r, _starts(r, extra))
    return loading[0], psi[0], bool(converged[0])


def _starts(corr: np.ndarray, extra: np.ndarray | None) -> list[np.ndarray]:
    """Starting uniquenesses for a stack of correlation matrices: psych::fa's, all 0.5, extra."""
    b, k = corr.shape[:2]
    starts = [(1 - 0.5 / k) / np.diagonal(np.linalg.inv(corr), axis1=1, axis2=2),
              np.full((b, k), 0.5)]
    if extra is not None:
        starts.append(np.broadcast_to(extra, (b, k)))
    return starts


def _best_one_factor_fit(corr: np.ndarray, starts: list[np.ndarray]) -> tuple[np.ndarray, ...]:
    """The converged fit with the lowest ML discrepancy across several starting points.

    Every start is fitted to every matrix, bootstrap replicates included: fitting the others only
    where the full-sample start failed or ended in a Heywood case would save two thirds of the
    work, but on the example's 4- to 11-item scales it kept a worse local minimum in up to 17 of
    1000 resamples.
    """
    best = _one_factor_ml_batch(corr, starts[0])
    for start in starts[1:]:
        other = _one_factor_ml_batch(corr, start)
        better = other[2] & (~best[2] | (other[4] < best[4]))
        best = tuple(np.where(better.reshape((-1,) + (1,) * (a.ndim - 1)), a, b)
                     for a, b in zip(other, best))
    return best


def _omegas(covs: np.ndarray, *, standardized: bool, extra_start: np.ndarray | None = None,
            smooth: bool = False) -> tuple[np.ndarray, ...]:
    """Omega of each covariance matrix in a stack (B, k, k), fitted all at once.

    The one-factor model is fitted from psych::fa's start, (1 - 0.5/k) / diag(R^-1), from all
    uniquenesses = 0.5 and from ``extra_start`` if given (the full-sample uniquenesses, for
    bootstrap replicates); the converged fit with the lowest ML discrepancy is kept. Small samples
    often have several local minima (mostly Heywood solutions), and any single start, psych's
    included, sometimes stops in a worse one.

    With ``smooth`` (bootstrap replicates), a correlation matrix that is singular is first
    smoothed by :func:`cor_smooth`, as R psych does (``psych::cor.smooth``); without it (the
    full sample) such a matrix gets no omega.

    Returns (omega (B,), uniquenesses (B, k), converged (B,), heywood (B,), smoothed (B,)). A
    matrix with a constant item, or (without ``smooth``) a correlation matrix that is not
    positive definite, gets omega NaN and converged False; so does a fit that did not converge.
    """
    b, k = covs.shape[0], covs.shape[-1]
    omega, uniq = np.full(b, np.nan), np.full((b, k), np.nan)
    converged, heywood = np.zeros(b, dtype=bool), np.zeros(b, dtype=bool)
    smoothed = np.zeros(b, dtype=bool)
    fit, corr, sd, smoothed_fit = _fittable_correlations(covs, smooth)
    smoothed[fit] = smoothed_fit
    if fit.size == 0:
        return omega, uniq, converged, heywood, smoothed
    loading, uniq[fit], converged[fit], heywood[fit], _ = _best_one_factor_fit(
        corr, _starts(corr, extra_start))
    weight = np.ones((fit.size, k)) if standardized else sd[fit]
    common = np.sum(loading * weight, axis=1) ** 2
    omega[fit] = np.where(converged[fit],
                          common / (common + np.sum(uniq[fit] * weight**2, axis=1)), np.nan)
    return omega, uniq, converged, heywood, smoothed


def omega_total(x, *, standardized: bool = False) -> float:
    """McDonald's omega total of the unit-weighted sum, from a one-factor ML model.

    omega = (sum_j lambda_j)^2 / ((sum_j lambda_j)^2 + sum_j psi_j)  (McDonald, 1999),
    with lambda_j and psi_j the loadings and uniquenesses of a maximum-likelihood one-factor model
    (:func:`one_factor_ml`, i.e. R ``psych::fa(x, nfactors = 1, fm = "ml")``). The model is fitted
    to the correlation matrix; ML is scale-invariant, so the covariance-metric loadings are
    lambda_j = s_j * loading_j and psi_j = s_j^2 * uniqueness_j, and by default omega is that of the
    raw item sum (the metric of raw alpha and of the sum scores). ``standardized=True`` gives omega
    of the sum of z-scored items (loadings of the correlation matrix used as they are).

    The denominator is the model-implied variance of the sum, not its observed variance (which
    ``psych::omega``'s omega.tot uses, from a minres fit); the two agree when one factor fits.
    Small samples can have several local minima; the lowest-discrepancy fit over three starts is
    used (see :func:`one_factor_ml`), where psych reports whatever its single start reaches. On 75
    small bfi subsets (n = 9-30) the two agreed to 1e-6 throughout.

    Edges: NaN for fewer than 3 items (one factor is not identified from one correlation), n <= k
    or a correlation matrix that is not positive definite (singular, e.g. a constant or duplicated
    item). A Heywood case (a uniqueness on its 0.005 bound) still returns omega;
    :func:`reliability_table` notes it.
    """
    a = _complete_cases(x)
    n, k = a.shape
    if k < 3 or n <= k:
        return np.nan
    return float(_omegas(_cov(a)[None], standardized=standardized)[0][0])


def omega_ci_bootstrap(x, *, seed: int, n_boot: int = 1000, ci: float = 0.95,
                       standardized: bool = False) -> tuple[float, float]:
    """Percentile bootstrap confidence interval for :func:`omega_total`.

    Resamples respondents with replacement (``pingouin.compute_bootci``, ``seed``; the same
    resamples as :func:`alpha_ci_bootstrap` with the same seed). Each replicate's covariance matrix
    comes from weighted moments (multinomial count weights, a matrix product per block of
    replicates); the one-factor model is refitted to all replicates at once from three starts
    (psych's, all 0.5, the full-sample uniquenesses), keeping the lowest-discrepancy fit.
    Kelley & Pornprasertmanit (2016) recommend bootstrap intervals for omega.

    A resample of n rows holds only about 0.63 n distinct respondents, so with few respondents
    per item (48 children and 28 items: about one resample in six) its correlation matrix is
    singular although the full sample's is not. Such a replicate's correlation matrix is smoothed
    as R psych does (:func:`cor_smooth`, ``psych::cor.smooth``) before the fit, so the bootstrap
    distribution is not restricted to the resamples with the most distinct respondents.

    Edges: (NaN, NaN) when omega itself is NaN (see :func:`omega_total`). Replicates with a
    constant item or whose fit does not converge are left out of the quantiles; if more than 10%
    are, the interval is NaN.
    """
    a = _complete_cases(x)
    n, k = a.shape
    if k < 3 or n <= k or n_boot < 1:
        return (np.nan, np.nan)
    omega, uniq = _omegas(_cov(a)[None], standardized=standardized)[:2]
    if not np.isfinite(omega[0]):
        return (np.nan, np.nan)

    def omegas(idx: np.ndarray) -> np.ndarray:
        return _omegas(_bootstrap_covariances(a, idx), standardized=standardized,
                       extra_start=uniq[0], smooth=True)[0]

    return _bootstrap(n, omegas, n_boot=n_boot, seed=seed, ci=ci)[0]


# --------------------------------------------------------------------------------------------
# item analysis and inter-item correlation
# --------------------------------------------------------------------------------------------

def item_rest_correlations(x) -> np.ndarray:
    """Corrected item-total correlation: each item with the sum of the *other* items.

    r_j = cov(x_j, T - x_j) / sqrt(var(x_j) var(T - x_j)); ``r.drop`` of R psych::alpha.

    Edges: NaN for a constant item, a constant rest score, fewer than 2 items or rows.
    """
    a = _complete_cases(x)
    n, k = a.shape
    if k < 2 or n < 2:
        return np.full(k, np.nan)
    c = _cov(a)
    row = c.sum(axis=1)
    item_var = np.diag(c)
    rest_var = c.sum() - 2 * row + item_var
    with np.errstate(divide="ignore", invalid="ignore"):
        r = (row - item_var) / np.sqrt(item_var * rest_var)
    r[(item_var <= 0) | (rest_var <= 0)] = np.nan
    return r


def alpha_if_deleted(x) -> np.ndarray:
    """Raw alpha of the remaining k - 1 items when each item in turn is left out.

    ``raw_alpha`` of ``alpha.drop`` in R psych::alpha. Edges: all NaN for fewer than 3 items
    (one item left has no alpha) or fewer than 2 rows.
    """
    a = _complete_cases(x)
    n, k = a.shape
    if k < 3 or n < 2:
        return np.full(k, np.nan)
    c = _cov(a)
    item_var = np.diag(c)
    trace_left = item_var.sum() - item_var
    total_left = c.sum() - 2 * c.sum(axis=1) + item_var
    with np.errstate(divide="ignore", invalid="ignore"):
        return (k - 1) / (k - 2) * (1 - trace_left / total_left)


def mean_inter_item_r(x) -> float:
    """Mean of the k(k - 1)/2 Pearson correlations between distinct items.

    Edges: NaN for fewer than 2 items or 2 rows, or when an item is constant (its correlations are
    undefined, and averaging only the others would hide that).
    """
    a = _complete_cases(x)
    n, k = a.shape
    if k < 2 or n < 2 or np.any(a.std(axis=0) == 0):
        return np.nan
    r = np.corrcoef(a, rowvar=False)
    return float(r[np.triu_indices(k, 1)].mean())


def spearman_brown(r: float, k: int) -> float:
    """Spearman-Brown reliability of a k-item sum from the mean inter-item correlation r.

    rho = k r / (1 + (k - 1) r)  (Spearman, 1910; Brown, 1910). For two items this is the
    reliability coefficient to report (Eisinga, te Grotenhuis & Pelzer, 2013); for k items it is
    the standardized alpha (``std.alpha`` in R psych::alpha).

    Edges: NaN when r is NaN, k < 2, or the denominator is 0 (r = -1/(k - 1)).
    """
    if not np.isfinite(r) or k < 2:
        return np.nan
    denom = 1 + (k - 1) * r
    return float(k * r / denom) if denom != 0 else np.nan


# --------------------------------------------------------------------------------------------
# the table
# --------------------------------------------------------------------------------------------

def cor_smooth(corr: np.ndarray, eig_tol: float = _EIG_TOL) -> tuple[np.ndarray, np.ndarray]:
    """R ``psych::cor.smooth`` for a stack of correlation matrices (B, k, k); (smoothed, which).

    A matrix whose smallest eigenvalue is below ``eig_tol`` gets every eigenvalue below
    ``eig_tol`` replaced by 100 * ``eig_tol``, the eigenvalues rescaled to sum to k, the matrix
    rebuilt from its eigenvectors and rescaled to unit diagonal (``cov2cor``). psych smooths when
    the smallest eigenvalue is below machine epsilon; here the threshold is ``eig_tol`` itself,
    because the computed smallest eigenvalue of an exactly singular matrix is rounding noise of
    either sign around 1e-16, and which side of epsilon it falls on should not decide whether a
    resample is smoothed (the two rules differ only for such matrices, by about 1e-10).
    Other matrices are returned unchanged.
    """
    corr = np.array(corr, dtype=float)
    k = corr.shape[-1]
    which = np.linalg.eigvalsh(corr)[:, 0] < eig_tol
    if which.any():
        values, vectors = np.linalg.eigh(corr[which])
        values = np.where(values < eig_tol, 100 * eig_tol, values)
        values *= k / values.sum(axis=1, keepdims=True)
        rebuilt = (vectors * values[:, None, :]) @ np.swapaxes(vectors, 1, 2)
        d = np.sqrt(np.diagonal(rebuilt, axis1=1, axis2=2))
        corr[which] = rebuilt / (d[:, :, None] * d[:, None, :])
    return corr, which


def _fittable_correlations(covs: np.ndarray, smooth: bool = False
                           ) -> tuple[np.ndarray, np.ndarray, np.ndarray, np.ndarray]:
    """(indices, correlation matrices, SDs of all, smoothed) of the covariance matrices in a stack
    that a one-factor model can be fitted to: finite, no constant item, and positive definite --
    or, with ``smooth``, made positive definite by :func:`cor_smooth` (``smoothed`` marks those
    among the returned matrices)."""
    sd = np.sqrt(np.diagonal(covs, axis1=1, axis2=2))
    fine = np.all(np.isfinite(covs), axis=(1, 2)) & np.all(sd > 0, axis=1)
    corr = covs[fine] / (sd[fine][:, :, None] * sd[fine][:, None, :])
    if corr.shape[0] == 0:
        return np.zeros(0, dtype=int), corr, sd, np.zeros(0, dtype=bool)
    if smooth:
        corr, smoothed = cor_smooth(corr)
        return np.flatnonzero(fine), corr, sd, smoothed
    positive = np.linalg.eigvalsh(corr)[:, 0] > 1e-10
    return np.flatnonzero(fine)[positive], corr[positive], sd, np.zeros(int(positive.sum()), dtype=bool)


def _singular_count(covs: np.ndarray) -> int:
    """How many matrices of a bootstrap stack give no omega whatever the fit: non-finite, or a
    constant item (singular ones are smoothed, see _fittable_correlations)."""
    return int(covs.shape[0] - _fittable_correlations(covs, smooth=True)[0].size)


def _bootstrap_omegas(covs: np.ndarray, start: np.ndarray, block: int = 250
                      ) -> tuple[np.ndarray, int, int]:
    """Omega of each bootstrap covariance matrix, fitted a block at a time; (omegas, number
    fitted, number smoothed).

    Singular correlation matrices (fewer distinct respondents than items) are smoothed before
    the fit (``psych::cor.smooth``, see :func:`cor_smooth`). Once more than ``_MAX_FAILED_SHARE``
    of all the replicates have failed, no interval can be reported whatever the remaining ones
    give (see _percentile_interval), so fitting stops and the rest count as failed: the same
    result, without fitting hundreds of hopeless resamples. Resamples with a constant item always
    fail; they are counted first, before any fit.
    """
    omegas = np.full(covs.shape[0], np.nan)
    if _singular_count(covs) > _MAX_FAILED_SHARE * covs.shape[0]:
        return omegas, 0, 0
    smoothed = 0
    for first in range(0, covs.shape[0], block):
        part = slice(first, first + block)
        fit = _omegas(covs[part], standardized=False, extra_start=start, smooth=True)
        omegas[part], smoothed = fit[0], smoothed + int(fit[4].sum())
        done = min(first + block, covs.shape[0])
        if np.sum(~np.isfinite(omegas[:done])) > _MAX_FAILED_SHARE * covs.shape[0]:
            return omegas, done, smoothed
    return omegas, covs.shape[0], smoothed


def _scale_wave(x_all: np.ndarray, item_names: Sequence[str], *, seed: int, n_boot: int,
                ci: float, min_n_boot: int = MIN_N_BOOTSTRAP,
                max_n_boot: int = MAX_N_BOOTSTRAP) -> tuple[dict, dict]:
    """Reliability row values and per-item columns for one scale in one wave."""
    k = len(item_names)
    x = _complete_cases(x_all)
    n = x.shape[0]
    notes: list[str] = []
    dropped = x_all.shape[0] - n
    if dropped:
        notes.append(f"{dropped} of {x_all.shape[0]} rows dropped for a missing item (listwise).")
    nan2 = (np.nan, np.nan)
    row = dict(n=n, n_items=k, alpha=np.nan, feldt=nan2, alpha_boot=nan2, omega=np.nan,
               omega_boot=nan2, omega_ci_method="", mean_r=np.nan, sb=np.nan)
    item = dict(mean=np.full(k, np.nan), sd=np.full(k, np.nan), item_rest_r=np.full(k, np.nan),
                alpha_if_deleted=np.full(k, np.nan), alpha_if_deleted_change=np.full(k, np.nan))
    if n == 0:
        notes.append("No complete responses for this scale in this wave.")
        return row | {"note": " ".join(notes)}, item
    item["mean"] = x.mean(axis=0)
    item["sd"] = x.std(axis=0, ddof=1) if n > 1 else np.full(k, np.nan)
    if k < 2:
        notes.append("Single item: internal-consistency reliability is undefined.")
        return row | {"note": " ".join(notes)}, item
    if n < 2:
        notes.append("Only 1 complete response: variances are undefined.")
        return row | {"note": " ".join(notes)}, item

    cov = _cov(x)
    constant = [name for name, v in zip(item_names, np.diag(cov)) if v <= 0]
    row["alpha"] = cronbach_alpha(x)
    row["feldt"] = alpha_ci_feldt(row["alpha"], n, k, ci)
    row["mean_r"] = mean_inter_item_r(x)
    row["sb"] = spearman_brown(row["mean_r"], k)
    item["item_rest_r"] = item_rest_correlations(x)
    item["alpha_if_deleted"] = alpha_if_deleted(x)
    item["alpha_if_deleted_change"] = item["alpha_if_deleted"] - row["alpha"]

    if k == 2:
        notes.append("Two-item scale: read spearman_brown (with mean_inter_item_r), not alpha "
                     "(Eisinga, te Grotenhuis & Pelzer 2013); omega needs at least 3 items.")
    if constant:
        notes.append(f"Zero-variance item(s) {', '.join(constant)}: every respondent gave the "
                     "same answer, so correlations with them, omega and their item-rest r are "
                     "undefined.")
    if np.isfinite(row["alpha"]) and row["alpha"] < 0:
        notes.append("Negative alpha: the items' average covariance is negative; check for an item "
                     "that should have been reverse-keyed (or was keyed twice).")
    too_few = n < 3 or n <= k
    if too_few:
        notes.append(f"Only {n} complete responses for {k} items (need n > items and n >= 3): "
                     "bootstrap intervals skipped and omega not fitted.")
        return row | {"note": " ".join(notes)}, item

    if k >= 3 and not constant:
        omega, uniq, converged, heywood, _ = _omegas(cov[None], standardized=False)
        row["omega"] = float(omega[0])
        if converged[0] and heywood[0]:
            notes.append("Omega: Heywood case (an item's uniqueness is at its 0.005 bound); "
                         "read omega with caution.")
        elif not np.isfinite(uniq[0, 0]):
            notes.append("Omega not fitted: the item correlation matrix is singular "
                         "(an item is a linear combination of the others).")
        elif not converged[0]:
            notes.append("Omega not reported: the one-factor ML fit did not converge.")
    if n_boot < 1:
        return row | {"note": " ".join(notes)}, item
    if n < min_n_boot:
        notes.append(f"Bootstrap intervals not computed for n = {n} < {min_n_boot}: percentile "
                     "intervals from so few cases are unreliable; read the Feldt interval.")
        return row | {"note": " ".join(notes)}, item
    if n > max_n_boot:
        notes.append(f"Bootstrap intervals not computed for n = {n} > {max_n_boot}: the Feldt interval "
                     "is accurate at this size (reliability.max_n_bootstrap raises the limit).")
        return row | {"note": " ".join(notes)}, item
    if np.isfinite(row["omega"]):
        fitted, smoothed = [], []

        def bootstrap_omegas(idx: np.ndarray) -> np.ndarray:
            omegas_, fitted_, smoothed_ = _bootstrap_omegas(_bootstrap_covariances(x, idx), uniq[0])
            fitted.append(fitted_)
            smoothed.append(smoothed_)
            return omegas_

        row["omega_boot"], omegas = _bootstrap(n, bootstrap_omegas, n_boot=n_boot, seed=seed, ci=ci)
        fitted, smoothed = sum(fitted), sum(smoothed)
        reason = "a constant item in the resample, or no convergence"
        if fitted == 0:
            reason = (f"a constant item in more than {_MAX_FAILED_SHARE:.0%} of the resamples, so "
                      "none was fitted")
        elif fitted < n_boot:
            reason += f"; fitting stopped after {fitted} resamples, when the interval was already lost"
        notes.append(_failed_note(omegas, "omega", reason))
        row["omega_ci_method"] = (f"percentile bootstrap, {n_boot} resamples of respondents (seed {seed}); "
                                  f"{smoothed} of {fitted} fitted resamples had a singular correlation "
                                  "matrix (fewer distinct respondents than items) and were smoothed as "
                                  "psych::cor.smooth does")
    row["alpha_boot"], alphas = _bootstrap(n, lambda idx: _bootstrap_alphas(x, idx), n_boot=n_boot,
                                           seed=seed, ci=ci)
    notes.append(_failed_note(alphas, "alpha", "constant total"))
    notes = [note for note in notes if note]
    return row | {"note": " ".join(notes)}, item


def _wave_order(wave: pd.Series, waves: list[str] | None) -> list:
    if waves is not None:
        return list(waves)
    if isinstance(wave.dtype, pd.CategoricalDtype):
        return list(wave.cat.categories)
    return list(pd.unique(wave.dropna()))


def reliability_table(items: pd.DataFrame, scales: list[dict], *, waves: list[str] | None = None,
                      seed: int, n_boot: int = 1000, ci: float = 0.95,
                      min_n_boot: int = MIN_N_BOOTSTRAP,
                      max_n_boot: int = MAX_N_BOOTSTRAP) -> tuple[pd.DataFrame, pd.DataFrame]:
    """Reliability of each scale in each wave, and item analysis.

    ``items``: wide table with columns ``participant_id``, ``wave`` and one numeric column per item,
    already reverse-keyed, NaN for missing. ``scales``: dicts ``{"id", "items", "parent"}`` in the
    order to report (``parent`` is carried by the caller's codebook and not used here). ``waves``:
    the waves to report, in order; default: the categories of a categorical ``wave`` column, else
    the order of first appearance. A listed wave with no rows gets a row with n = 0.

    Missing data: listwise within each scale and wave — a respondent missing any item of a scale
    is left out of that scale's statistics in that wave (and counted in ``note``); other scales
    keep them. Every cell's bootstrap uses ``seed``, so adding or reordering scales
    never changes another scale's interval, and alpha and omega intervals share resamples.

    Returns ``(reliability, item_stats)``:

    * reliability, one row per scale x wave: scale, wave, n (complete responses), n_items, alpha,
      alpha_ci_low_feldt, alpha_ci_high_feldt, alpha_ci_low_boot, alpha_ci_high_boot,
      alpha_flag, alpha_ci_flag (:func:`alpha_flags`), omega_total, omega_ci_low_boot,
      omega_ci_high_boot, omega_ci_method (resamples, seed, how many were smoothed),
      mean_inter_item_r, spearman_brown, missing_policy, note. Every value is written as
      computed, at full precision (negative alphas and bounds included); the flags say which
      are not interpretable.
      Formulas: :func:`cronbach_alpha`, :func:`alpha_ci_feldt`, :func:`alpha_ci_bootstrap`,
      :func:`omega_total` (raw metric), :func:`omega_ci_bootstrap`, :func:`mean_inter_item_r`,
      :func:`spearman_brown`.
    * item_stats, one row per scale x wave x item: scale, wave, item, n, mean, sd (n - 1),
      item_rest_r (:func:`item_rest_correlations`), alpha_if_deleted (full precision; the
      28 values of a long scale typically differ only in the third decimal) and
      alpha_if_deleted_change = alpha_if_deleted - alpha of the whole scale (positive: the scale
      is more consistent without the item).

    Edge cases give NaN and a plain-English ``note`` (empty string when there is nothing to say):
    two-item scales (read spearman_brown), fewer than 3 items (no omega), zero-variance items
    (named), n <= items or n < 3 (no bootstrap, no omega), negative alpha, Heywood cases,
    degenerate bootstrap resamples. A scale naming a column that ``items`` lacks is a
    configuration error and raises :class:`sweval.errors.ConfigError`.
    """
    for scale in scales:
        missing = [c for c in scale["items"] if c not in items.columns]
        if missing:
            raise ConfigError(f"scale '{scale['id']}' lists item column(s) {missing} that the item "
                              "table does not have; check the codebook's item names.")
    wave_list = _wave_order(items["wave"], waves)
    rel_rows, item_frames = [], []
    for scale in scales:
        names = list(scale["items"])
        for wave in wave_list:
            sub = items.loc[items["wave"] == wave, names]
            x_all = sub.to_numpy(dtype=float, na_value=np.nan)
            row, item = _scale_wave(x_all, names, seed=seed, n_boot=n_boot, ci=ci, min_n_boot=min_n_boot,
                                    max_n_boot=max_n_boot)
            flag, ci_flag = alpha_flags(row["alpha"], [*row["feldt"], *row["alpha_boot"]])
            rel_rows.append({
                "scale": scale["id"], "wave": wave, "n": row["n"], "n_items": row["n_items"],
                "alpha": row["alpha"],
                "alpha_ci_low_feldt": row["feldt"][0], "alpha_ci_high_feldt": row["feldt"][1],
                "alpha_ci_low_boot": row["alpha_boot"][0],
                "alpha_ci_high_boot": row["alpha_boot"][1],
                "alpha_flag": flag, "alpha_ci_flag": ci_flag,
                "omega_total": row["omega"],
                "omega_ci_low_boot": row["omega_boot"][0],
                "omega_ci_high_boot": row["omega_boot"][1],
                "omega_ci_method": row["omega_ci_method"],
                "mean_inter_item_r": row["mean_r"], "spearman_brown": row["sb"],
                "missing_policy": MISSING_POLICY, "note": row["note"],
            })
            item_frames.append(pd.DataFrame({
                "scale": scale["id"], "wave": wave, "item": names, "n": row["n"], **item,
            }))
    reliability = pd.DataFrame(rel_rows, columns=RELIABILITY_COLUMNS)
    item_stats = (pd.concat(item_frames, ignore_index=True) if item_frames
                  else pd.DataFrame(columns=ITEM_COLUMNS))[ITEM_COLUMNS]
    return reliability, item_stats
