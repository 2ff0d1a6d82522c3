"""Three or more waves (pre, post, follow-up): a random-intercept mixed model and Friedman's test.

The mixed model keeps every available observation (a child missing the follow-up still
contributes pre and post); Friedman's rank test needs complete cases and makes no normality
assumption. Both take ``scores`` as the long table participant_id, wave, scale, score.

Standard parts: the mixed model is statsmodels' ``MixedLM`` (REML) and Friedman's test is
``pingouin.friedman``. Each has a fast path for very large data, chosen by a documented size
(``FAST_PATH_MIN_OBS``, ``FRIEDMAN_FAST_MIN_N``), tested equal to the library and benchmarked in
benchmarks/bench_longitudinal.py. Standard errors of the fixed effects follow nlme on both paths.
"""
from __future__ import annotations

import warnings
from typing import NamedTuple

import numpy as np
import pandas as pd
from scipy import optimize, stats

from sweval.errors import InputError

__all__ = ["longitudinal_table", "mixed_model_table", "friedman_table", "friedman", "random_intercept_fit",
           "RandomInterceptFit", "FAST_PATH_MIN_OBS", "FRIEDMAN_FAST_MIN_N", "long_scores", "MIXED_COLUMNS", "FRIEDMAN_COLUMNS"]

NAN = float("nan")
MIXED_COLUMNS = [
    "scale", "contrast", "wave_from", "wave_to", "estimate", "se", "ci_low", "ci_high", "z", "p",
    "df_within", "p_t", "ci_t_low", "ci_t_high", "var_participant", "var_residual",
    "n_participants", "n_observations", "converged", "method",
]
FRIEDMAN_COLUMNS = ["scale", "waves", "k", "n", "n_excluded", "chi2", "df", "p", "kendall_w",
                    "method"]


def long_scores(scores: pd.DataFrame, waves: list[str]) -> pd.DataFrame:
    """participant_id, wave, scale, score (float) of the given waves, after checking the columns,
    the waves and that no participant has two scores for one scale and wave (``InputError``)."""
    needed = {"participant_id", "wave", "scale", "score"}
    if needed - set(scores.columns):
        raise InputError(f"scores lacks column(s) {sorted(needed - set(scores.columns))}.")
    if len(waves) < 2 or len(set(waves)) != len(waves):
        raise InputError(f"waves must name at least two distinct waves, got {waves}.")
    if scores.duplicated(["participant_id", "wave", "scale"]).any():
        raise InputError("a participant has more than one score for the same scale and wave.",
                         hint="resolve duplicate responses in the clean step first.")
    data = scores[["participant_id", "wave", "scale", "score"]]  # copy-on-write: no copy until changed
    data["score"] = pd.to_numeric(data["score"], errors="coerce").astype(float)
    return data[data["wave"].isin(waves)]



class _ScaleArrays(NamedTuple):
    """``long_scores`` as arrays: score, wave (position in ``waves``), child (participant code),
    and the row positions of each scale."""
    score: np.ndarray
    wave: np.ndarray
    child: np.ndarray
    rows_of: dict
    scales: list  # every scale of the scores table, in order of first appearance

    def rows(self, scale) -> np.ndarray:
        return self.rows_of.get(scale, np.array([], dtype=np.intp))


def _scale_arrays(scores: pd.DataFrame, waves: list[str]) -> _ScaleArrays:
    # one factorisation of the string columns for all scales: comparing strings scale by scale
    # costs seconds at 100,000 children
    data = long_scores(scores, waves)
    return _ScaleArrays(data["score"].to_numpy(float),
                        pd.Categorical(data["wave"], categories=waves).codes.astype(np.intp),
                        pd.factorize(data["participant_id"])[0],
                        data.groupby("scale", sort=False).indices,
                        list(pd.unique(scores["scale"])))


def longitudinal_table(scores: pd.DataFrame, waves: list[str], ci: float = 0.95,
                       contrasts: list[tuple[str, str]] | None = None) -> pd.DataFrame:
    """``mixed_model_table`` and ``friedman_table`` stacked, with an ``analysis`` column first
    ("mixed_model" / "friedman"); the scores are checked and split by scale once for both."""
    arrays = _scale_arrays(scores, waves)
    mixed, friedman_ = _mixed_model(arrays, waves, ci, contrasts), _friedman(arrays, waves)
    mixed.insert(0, "analysis", "mixed_model")
    friedman_.insert(0, "analysis", "friedman")
    return pd.concat([mixed, friedman_], ignore_index=True)


# ---------------------------------------------------------------------------------------------
# mixed model

# Grid of log(tau2 / s2) that brackets the REML optimum before Brent's search: ratios from 1e-8
# (a child variance indistinguishable from 0) to 1e8 (a residual variance indistinguishable from 0),
# about 0.56 apart on the log scale: fine enough to bracket the minimum of the smooth profile.
_LOG_RATIO_GRID = np.linspace(np.log(1e-8), np.log(1e8), 67)


class RandomInterceptFit(NamedTuple):
    """Result of ``random_intercept_fit``."""
    estimates: np.ndarray
    se: np.ndarray
    var_participant: float
    var_residual: float
    converged: bool
    warnings: list[str]
    engine: str  # "statsmodels" or "closed_form"
    cov: np.ndarray | None = None  # covariance of the fixed effects, var_e (X'H^-1 X)^-1 (nlme's)


class _Moments(NamedTuple):
    """Sufficient statistics of z = [X, y] for every variance ratio: within-cluster cross products
    and, per distinct cluster size n, the sum over those clusters of n * mean(z) mean(z)'."""
    within: np.ndarray   # (k, k)
    sizes: np.ndarray    # (S,) distinct cluster sizes
    counts: np.ndarray   # (S,) clusters of each size
    between: np.ndarray  # (S, k, k)
    n_obs: int
    n_fixed: int


def _moments(y: np.ndarray, exog: np.ndarray, codes: np.ndarray) -> _Moments:
    z = np.column_stack([exog, y])
    n_i = np.bincount(codes)
    means = np.column_stack([np.bincount(codes, weights=col, minlength=len(n_i)) for col in z.T])
    means /= n_i[:, None]
    centred = z - means[codes]
    sizes, counts = np.unique(n_i, return_counts=True)
    between = np.stack([s * means[n_i == s].T @ means[n_i == s] for s in sizes])
    return _Moments(centred.T @ centred, sizes.astype(float), counts.astype(float), between,
                    len(y), exog.shape[1])


def _gls(m: _Moments, ratio: np.ndarray):
    """X'H^-1 X, GLS estimates and r'H^-1 r for each ratio (arrays over the ratios), where
    H_i^-1 = (I - J/n_i) + J/(n_i (1 + n_i ratio)) splits into the within and between parts."""
    shrink = 1.0 / (1.0 + np.multiply.outer(ratio, m.sizes))
    a = m.within + np.einsum("gs,sab->gab", shrink, m.between)
    p = m.n_fixed
    axx, axy = a[:, :p, :p], a[:, :p, p]
    est = np.linalg.solve(axx, axy[..., None])[..., 0]
    quad = a[:, p, p] - np.einsum("ga,ga->g", axy, est)
    return axx, est, quad


def _reml_deviance(m: _Moments, ratio) -> np.ndarray:
    """-2 REML log-likelihood with s2 profiled out, up to a constant (Harville 1977):
    sum_i log(1 + n_i ratio) + log det(X'H^-1 X) + (N - p) log(r'H^-1 r); inf where undefined."""
    ratio = np.atleast_1d(np.asarray(ratio, float))
    axx, _, quad = _gls(m, ratio)
    sign, logdet = np.linalg.slogdet(axx)
    with np.errstate(divide="ignore", invalid="ignore"):
        dev = (np.log1p(np.multiply.outer(ratio, m.sizes)) @ m.counts + logdet
               + (m.n_obs - m.n_fixed) * np.log(quad))
    return np.where((sign > 0) & (quad > 0) & np.isfinite(dev), dev, np.inf)


def _optimal_ratio(m: _Moments) -> tuple[float, bool, list[str]]:
    """Closed-form REML estimate of tau2 / s2 >= 0 (the fast path of ``random_intercept_fit``).

    Direct numpy REML (Patterson & Thompson 1971; Harville 1977) with the closed-form inverse of a
    cluster's covariance V_i = s2 (I + g J), g = tau2 / s2:
    V_i^-1 = (I - g / (1 + n_i g) J) / s2, det V_i = s2^n_i (1 + n_i g). Every quadratic form is
    then a sum of within-cluster cross products and cluster means weighted by 1 / (1 + n_i g), so
    the data are summarised once (``_moments``: np.bincount over cluster codes, clusters grouped
    by size) and s2 is profiled out (``_reml_deviance``), leaving a one-dimensional search over
    log g: a grid, then bounded Brent between the grid neighbours of the best point; 0 when the
    deviance at 0 is no worse (the boundary)."""
    grid = _reml_deviance(m, np.exp(_LOG_RATIO_GRID))
    k = int(np.argmin(grid))
    bounds = _LOG_RATIO_GRID[max(k - 1, 0)], _LOG_RATIO_GRID[min(k + 1, len(grid) - 1)]
    opt = optimize.minimize_scalar(lambda t: _reml_deviance(m, np.exp(t))[0], bounds=bounds,
                                   method="bounded", options={"xatol": 1e-10, "maxiter": 500})
    if _reml_deviance(m, 0.0)[0] <= opt.fun:
        return 0.0, True, ["participant variance estimated at the boundary 0 (singular fit, as "
                           "lme4 reports it): estimates equal ordinary least squares"]
    if opt.x >= _LOG_RATIO_GRID[-1] - 1e-6:
        return float(np.exp(opt.x)), False, ["residual variance about 0: scores do not vary within "
                                             "participants; the fit is not reliable"]
    return float(np.exp(opt.x)), bool(opt.success), ([] if opt.success else [str(opt.message)])


# At or above this many observations a random-intercept fit takes the closed-form REML path
# (``_optimal_ratio``) instead of statsmodels' MixedLM. benchmarks/bench_longitudinal.py, CPU time
# per scale: 1,000 children x 3 waves (2,712 observations) 3.8 s in statsmodels against 0.01 s,
# 10,000 children 38 s against 0.01 s, and 12 scales of 100,000 children 2.1 s in all by the
# closed form; the two agree to 1e-9 there and to 1e-6 in tests/test_longitudinal.py. Below the
# threshold -- any group study up to about 330 children x 3 waves, the example has 10 --
# statsmodels fits.
FAST_PATH_MIN_OBS = 1_000
# statsmodels parameterises the participant variance through a Cholesky factor, so it cannot reach
# 0 exactly; its restricted likelihood at tau2/s2 = this ratio stands for the boundary value.
_BOUNDARY_RATIO = 1e-8
ENGINE_LABEL = {"statsmodels": "statsmodels MixedLM",
                "closed_form": f"closed-form REML, the fast path for >= {FAST_PATH_MIN_OBS:,} observations"}


def _engine_for(n_obs: int) -> str:
    return "closed_form" if n_obs >= FAST_PATH_MIN_OBS else "statsmodels"


def random_intercept_fit(y, exog, groups, *, engine: str = "auto") -> RandomInterceptFit:
    """REML fit of y_ij = x_ij' b + u_i + e_ij, u_i ~ N(0, tau2), e_ij ~ N(0, s2), any design.

    ``engine``: "statsmodels" fits ``statsmodels.regression.mixed_linear_model.MixedLM``
    (``reml=True``, L-BFGS); "closed_form" maximises the same restricted likelihood directly (see
    ``_optimal_ratio``); "auto" (default) uses statsmodels below ``FAST_PATH_MIN_OBS``
    observations and the closed form at or above it, where statsmodels becomes too slow (the
    README names the figure). Clusters may differ in size (missing waves) on both paths.

    Whatever the engine, at the REML variances the estimates are the GLS
    b = (X'V^-1 X)^-1 X'V^-1 y and the standard errors SE = sqrt(diag((X'V^-1 X)^-1)), as
    nlme::lme and lme4 report them. statsmodels' own ``bse_fe`` inverts its joint observed
    Hessian of fixed effects and variance parameters instead and differs from nlme in the 4th
    decimal on unbalanced data, so the SEs are computed here from statsmodels' variance estimates
    (with the closed-form per-cluster inverse V_i^-1 = (I - g/(1 + n_i g) J) / s2, g = tau2/s2).

    Edges: when the restricted likelihood at tau2 = 0 is no worse than at the optimum found,
    tau2 = 0 and the estimates equal ordinary least squares (lme4's "boundary (singular) fit";
    nlme returns a tiny positive variance, statsmodels a small one because its parameterisation
    cannot reach 0) -- converged stays True, with a warning. Not converged, with a warning, when
    no group has two observations (tau2 and s2 are then not identified; the estimates are those
    of OLS), when ``exog`` lacks full column rank or N <= p (NaN estimates), or when the residual
    variance goes to 0. Returns ``RandomInterceptFit`` (estimates, se, var_participant,
    var_residual, converged, warnings, engine).
    """
    if engine not in ("auto", "statsmodels", "closed_form"):
        raise ValueError(f"engine must be 'auto', 'statsmodels' or 'closed_form', not {engine!r}")
    y = np.asarray(y, float)
    exog = np.asarray(exog, float)
    codes = pd.factorize(np.asarray(groups))[0]
    p = exog.shape[1]
    if engine == "auto":
        engine = _engine_for(len(y))
    if len(y) <= p or np.linalg.matrix_rank(exog) < p:
        nan = np.full(p, NAN)
        return RandomInterceptFit(nan, nan, NAN, NAN, False,
                                  ["not fitted: the fixed-effects design lacks full column rank "
                                   "or has no residual degrees of freedom"], engine, np.full((p, p), NAN))
    m = _moments(y, exog, codes)
    if m.sizes.max() < 2:
        ratio, converged, fit_warnings = 0.0, False, [
            "no participant has two observations: the participant and residual variances are "
            "not identified"]
    elif engine == "statsmodels":
        try:
            ratio, converged, fit_warnings = _statsmodels_ratio(y, exog, codes)
        except np.linalg.LinAlgError:
            # statsmodels inverts X'V^-1 X, singular when the scores do not vary within
            # participants (residual variance 0); the closed form reaches that edge without it
            ratio, _, fit_warnings = _optimal_ratio(m)
            converged, engine = False, "closed_form"
            fit_warnings = ["statsmodels MixedLM could not fit (singular matrix)", *fit_warnings]
    else:
        ratio, converged, fit_warnings = _optimal_ratio(m)
    axx, est, quad = (v[0] for v in _gls(m, np.array([ratio])))
    var_e = float(quad / (m.n_obs - p))
    cov = var_e * np.linalg.inv(axx)
    return RandomInterceptFit(est, np.sqrt(np.diag(cov)), ratio * var_e, var_e, converged,
                              fit_warnings, engine, cov)


def _statsmodels_ratio(y: np.ndarray, exog: np.ndarray, codes: np.ndarray) -> tuple[float, bool, list[str]]:
    """tau2 / s2 at the REML optimum found by statsmodels' MixedLM, 0 on the boundary.

    statsmodels' optimiser warnings (it retries other optimisers and warns about the Hessian near
    the boundary) are not passed on: the boundary is judged here, by comparing its restricted
    log-likelihood at the optimum with that at tau2/s2 = 1e-8.
    """
    from statsmodels.regression.mixed_linear_model import MixedLM, MixedLMParams

    model = MixedLM(y, exog, groups=codes)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        res = model.fit(reml=True, gtol=1e-9)
        at_zero = model.loglike(MixedLMParams.from_components(
            fe_params=np.zeros(exog.shape[1]), cov_re=np.full((1, 1), _BOUNDARY_RATIO)), profile_fe=True)
    ratio = float(np.asarray(res.cov_re)[0, 0] / res.scale)
    if not np.isfinite(res.llf) or at_zero >= res.llf:
        return 0.0, True, ["participant variance estimated at the boundary 0 (singular fit, as "
                           "lme4 reports it): estimates equal ordinary least squares"]
    if not res.converged:
        return ratio, False, ["statsmodels MixedLM did not converge"]
    if ratio >= np.exp(_LOG_RATIO_GRID[-1]):
        return ratio, False, ["residual variance about 0: scores do not vary within "
                              "participants; the fit is not reliable"]
    return ratio, True, []


def _wave_fit(y: np.ndarray, wave: np.ndarray, child: np.ndarray, waves: list[str]):
    """score ~ wave (treatment coding, first wave = reference) + (1 | participant), with ``wave``
    the position of each observation's wave in ``waves``. Returns (waves estimated, fit)."""
    present = [j for j in range(1, len(waves)) if (wave == j).any()]
    exog = np.column_stack([np.ones(len(y))] + [wave == j for j in present])
    return [waves[j] for j in present], random_intercept_fit(y, exog, child)


def mixed_model_table(scores: pd.DataFrame, waves: list[str], ci: float = 0.95,
                      contrasts: list[tuple[str, str]] | None = None) -> pd.DataFrame:
    """Random-intercept linear mixed model per scale; one row per wave contrasted with waves[0],
    then one per pair of ``contrasts`` (the study's, from -> to) that does not start at waves[0].

    Model: score_ij = b0 + sum_w b_w [wave_ij = w] + u_i + e_ij, u_i ~ N(0, var_participant),
    e_ij ~ N(0, var_residual), fitted by REML (Laird & Ware 1982; Pinheiro & Bates 2000) with
    ``random_intercept_fit`` (statsmodels MixedLM; the closed-form fast path from
    ``FAST_PATH_MIN_OBS`` observations; ``method`` names the one used). Rows with a NaN score are dropped; every other observation is kept,
    so participants with a missing wave still count (missing at random assumed).

    A contrast between two later waves (a -> b) is b_b - b_a from the same fit, with
    SE = sqrt(v_a + v_b - 2 c_ab) from the fixed effects' covariance (nlme's
    var_residual (X'V^-1 X)^-1), as R's ``L %*% fixef`` with ``L %*% vcov %*% t(L)``; the same
    df_within.

    Per contrast (waves[0] -> w): estimate b_w (mean change from the first wave), its SE, a Wald
    ``ci`` interval, z and normal p, and, because with ~10 participants the normal reference is
    too liberal, a t reference with nlme's between-within df for a within-participant factor:
    df_within = n_observations - n_participants - (number of wave contrasts) (Pinheiro & Bates
    2000, sec. 2.4.2): ``p_t``, ``ci_t_low``, ``ci_t_high``. ``converged`` is False when the REML
    optimum was not found or the variances are not identified (see ``random_intercept_fit``); a
    participant variance at the boundary 0 is a found optimum (converged, as lme4 treats a
    singular fit), and ``method`` then says so among its warnings.

    Scales keep order of first appearance. A scale with fewer than 2 participants, or a wave
    nobody answered, gives NaN estimates for the affected rows (no exception).
    """
    return _mixed_model(_scale_arrays(scores, waves), waves, ci, contrasts)


def _mixed_contrasts(waves: list[str], contrasts: list[tuple[str, str]] | None) -> list[tuple[str, str]]:
    """Each later wave against waves[0], then the study's contrasts not yet listed, as given."""
    pairs = [(waves[0], w) for w in waves[1:]]
    for a, b in contrasts or []:
        if (a, b) not in pairs and a in waves and b in waves and a != b:
            pairs.append((a, b))
    return pairs


def _mixed_model(arrays: _ScaleArrays, waves: list[str], ci: float,
                 contrasts: list[tuple[str, str]] | None = None) -> pd.DataFrame:
    y, wave, child = arrays.score, arrays.wave, arrays.child
    z_crit = stats.norm.ppf(0.5 + ci / 2)
    rows = []
    for scale in arrays.scales:
        idx = arrays.rows(scale)
        idx = idx[~np.isnan(y[idx])]
        n_part, n_obs = np.count_nonzero(np.bincount(child[idx])), len(idx)
        base = {"scale": scale, "wave_from": waves[0], "n_participants": n_part,
                "n_observations": n_obs}
        results: dict = {}
        cov, position = None, {}
        note, converged, engine = "", False, _engine_for(n_obs)
        var_p = var_e = df_within = NAN
        if n_part < 2 or not (wave[idx] == 0).any():
            note = "not fitted: fewer than 2 participants or no observation at the first wave"
        else:
            present, fit = _wave_fit(y[idx], wave[idx], child[idx], waves)
            var_p, var_e, converged, engine = (fit.var_participant, fit.var_residual, fit.converged,
                                               fit.engine)
            df_within = n_obs - n_part - len(present)
            results = {w: (float(fit.estimates[j]), float(fit.se[j]))
                       for j, w in enumerate(present, start=1)}
            cov, position = fit.cov, {w: j for j, w in enumerate(present, start=1)}
            note = "; ".join(fit.warnings)
        method = (f"REML random-intercept model ({ENGINE_LABEL[engine]}); "
                  f"nlme-consistent SE and df; contrasts vs {waves[0]} and the study's other contrasts from "
                  "the same fit; Wald z and t(df_within) "
                  "tests; all available observations" + (f"; warnings: {note}" if note else ""))
        for a, w in _mixed_contrasts(waves, contrasts):
            if a == waves[0]:
                est, se = results.get(w, (NAN, NAN))
                fitted = w in results
            else:
                est, se, fitted = NAN, NAN, a in results and w in results
                if fitted:
                    ia, ib = position[a], position[w]
                    est = results[w][0] - results[a][0]
                    se = float(np.sqrt(max(cov[ia, ia] + cov[ib, ib] - 2 * cov[ia, ib], 0.0)))
            ok = np.isfinite(se) and se > 0
            zval = est / se if ok else NAN
            t_ok = ok and df_within >= 1
            t_crit = stats.t.ppf(0.5 + ci / 2, df_within) if t_ok else NAN
            rows.append({**base, "contrast": f"{a}->{w}", "wave_from": a, "wave_to": w,
                         "estimate": est, "se": se,
                         "ci_low": est - z_crit * se, "ci_high": est + z_crit * se,
                         "z": zval, "p": float(2 * stats.norm.sf(abs(zval))) if ok else NAN,
                         "df_within": df_within,
                         "p_t": float(2 * stats.t.sf(abs(zval), df_within)) if t_ok else NAN,
                         "ci_t_low": est - t_crit * se, "ci_t_high": est + t_crit * se,
                         "var_participant": var_p, "var_residual": var_e,
                         "converged": converged and fitted, "method": method})
    return pd.DataFrame(rows, columns=MIXED_COLUMNS)


# ---------------------------------------------------------------------------------------------
# Friedman


# From this many complete cases on, Friedman's statistic is computed by the vectorised formula of
# ``_friedman_formula`` instead of ``pingouin.friedman``, which reshapes the data through pandas
# and counts ties row by row in Python: about 3 s per scale at 100,000 children, 35 s for a
# 12-scale instrument (benchmarks/bench_longitudinal.py), against milliseconds here. The two agree
# to 1e-12 (tests/test_longitudinal.py).
FRIEDMAN_FAST_MIN_N = 5_000


def friedman(matrix) -> dict:
    """Friedman's rank test for n blocks (participants, rows) x k conditions (waves, columns).

    ``pingouin.friedman`` (method "chisq"): scores are ranked within each row (mid-ranks for
    ties), R_j = column rank sums, and Kendall's W is corrected for ties::

        W = (12 sum_j R_j^2 - 3 n^2 k (k+1)^2) / (n^2 k (k^2 - 1) - n T),
        T = sum over rows and tie groups of t^3 - t,   chi2 = n (k - 1) W,

    df = k - 1, p from chi-square: the tie-corrected chi2 of R's ``friedman.test`` (Friedman 1937)
    and the coefficient of concordance of Kendall & Babington Smith (1939). From
    ``FRIEDMAN_FAST_MIN_N`` rows the same formula is evaluated here, vectorised (see there).
    Returns ``{"n", "k", "chi2", "df", "p", "kendall_w"}``; NaN statistics for n < 2, k < 2 or
    when every row is all ties. NaN entries are not allowed (pass complete cases).
    """
    x = np.asarray(matrix, dtype=float)
    n, k = x.shape
    out = {"n": n, "k": k, "df": k - 1, "chi2": NAN, "p": NAN, "kendall_w": NAN}
    if n < 2 or k < 2:
        return out
    if n >= FRIEDMAN_FAST_MIN_N:
        w = _friedman_formula(x)
    else:
        import pingouin as pg  # here: the steps that fit only mixed models need not import it

        long = pd.DataFrame({"child": np.repeat(np.arange(n), k), "wave": np.tile(np.arange(k), n),
                             "score": x.ravel()})
        with np.errstate(divide="ignore", invalid="ignore"):  # all rows tied: W = 0/0
            w = float(pg.friedman(long, dv="score", within="wave", subject="child").iloc[0]["W"])
    if not np.isfinite(w):
        return out
    chi2 = n * (k - 1) * w
    out.update(chi2=chi2, p=float(stats.chi2.sf(chi2, k - 1)), kendall_w=w)
    return out


def _friedman_formula(x: np.ndarray) -> float:
    """Tie-corrected Kendall's W of ``pingouin.friedman``, for all rows at once; NaN when every
    row is all ties."""
    n, k = x.shape
    rsum = stats.rankdata(x, axis=1).sum(axis=0)
    # each of a tie group's t members has t equal values in its row, and t (t^2 - 1) = t^3 - t
    equal = (x[:, :, None] == x[:, None, :]).sum(axis=2)
    ties = float((equal ** 2 - 1).sum())
    denominator = n * n * k * (k * k - 1) - n * ties
    if denominator <= 0:
        return NAN
    return (12 * float((rsum ** 2).sum()) - 3 * n * n * k * (k + 1) ** 2) / denominator


def friedman_table(scores: pd.DataFrame, waves: list[str]) -> pd.DataFrame:
    """Friedman test across ``waves`` per scale, on complete cases (columns ``FRIEDMAN_COLUMNS``).

    n = participants with a score at every wave; n_excluded = participants with a row for the
    scale at any of the waves but a missing score at one or more. ``waves`` is written as
    "pre, post, follow". See ``friedman`` for formulas and edge cases.
    """
    return _friedman(_scale_arrays(scores, waves), waves)


def _friedman(arrays: _ScaleArrays, waves: list[str]) -> pd.DataFrame:
    rows = []
    for scale in arrays.scales:
        idx = arrays.rows(scale)
        _, child = np.unique(arrays.child[idx], return_inverse=True)
        wide = np.full((child.max(initial=-1) + 1, len(waves)), NAN)
        wide[child, arrays.wave[idx]] = arrays.score[idx]
        complete = wide[~np.isnan(wide).any(axis=1)]
        res = friedman(complete)
        rows.append({"scale": scale, "waves": ", ".join(waves), "k": len(waves),
                     "n": res["n"], "n_excluded": int(len(wide) - len(complete)),
                     "chi2": res["chi2"], "df": res["df"], "p": res["p"],
                     "kendall_w": res["kendall_w"],
                     "method": "Friedman rank test, tie-corrected (pingouin.friedman"
                               + (", vectorised" if res["n"] >= FRIEDMAN_FAST_MIN_N else "")
                               + "), complete cases; Kendall's W = chi2 / (n (k - 1))"})
    return pd.DataFrame(rows, columns=FRIEDMAN_COLUMNS)
