"""Three or more waves (pre, post, follow-up): a random-intercept mixed model and Friedman's test.

The mixed model keeps every available observation (a child missing the follow-up still
contributes pre and post); Friedman's rank test needs complete cases and makes no normality
assumption. Both take ``scores`` as the long table participant_id, wave, scale, score.
"""
from __future__ import annotations

import warnings

import numpy as np
import pandas as pd
from scipy import stats
from statsmodels.regression.mixed_linear_model import MixedLM

from sweval.errors import InputError

__all__ = ["mixed_model_table", "friedman_table", "friedman", "random_intercept_fit",
           "long_scores", "MIXED_COLUMNS", "FRIEDMAN_COLUMNS"]

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
    data = scores[["participant_id", "wave", "scale", "score"]].copy()
    data["score"] = pd.to_numeric(data["score"], errors="coerce").astype(float)
    return data[data["wave"].isin(waves)]


# ---------------------------------------------------------------------------------------------
# mixed model


def random_intercept_fit(y: np.ndarray, exog: np.ndarray, groups: np.ndarray):
    """REML fit of y = exog b + u_group + e (random intercept per group), any fixed-effects design.

    Returns (estimates, standard errors, var_participant, var_residual, converged, warnings). The
    SEs are the generalized-least-squares ones, sqrt(diag((X' V^-1 X)^-1)) at the REML variance
    components, as nlme::lme and lme4 report them; statsmodels' own ``bse_fe`` inverts the joint
    Hessian and differs in the 4th decimal on unbalanced data. ``exog`` must have full column rank.
    """
    model = MixedLM(y, exog, groups=groups)
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        # tight gradient tolerance: the default stops ~1e-5 short of the REML optimum
        res = model.fit(reml=True, method=["bfgs", "lbfgs", "cg"], maxiter=2000, gtol=1e-10)
    fit_warnings = sorted({str(w.message).strip() for w in caught
                           if issubclass(w.category, (UserWarning, RuntimeWarning))})
    var_p, var_e = float(np.asarray(res.cov_re)[0, 0]), float(res.scale)
    info = np.zeros((exog.shape[1], exog.shape[1]))
    for idx in pd.Series(np.arange(len(y))).groupby(groups).indices.values():
        xi = exog[idx]
        vi = var_e * np.eye(len(idx)) + var_p
        info += xi.T @ np.linalg.solve(vi, xi)
    se = np.sqrt(np.diag(np.linalg.inv(info)))
    converged = bool(res.converged) and not fit_warnings
    return np.asarray(res.fe_params, float), se, var_p, var_e, converged, fit_warnings


def _fit_random_intercept(d: pd.DataFrame, waves: list[str]):
    """score ~ wave (treatment coding, first wave = reference) + (1 | participant).

    Returns (estimates, standard errors, waves estimated, var_participant, var_residual,
    converged, warnings); see ``random_intercept_fit``.
    """
    present = [w for w in waves[1:] if (d["wave"] == w).any()]
    exog = np.column_stack([np.ones(len(d))] + [(d["wave"] == w).to_numpy(float)
                                                 for w in present])
    est, se, var_p, var_e, converged, fit_warnings = random_intercept_fit(
        d["score"].to_numpy(float), exog, d["participant_id"].to_numpy())
    return est, se, present, var_p, var_e, converged, fit_warnings


def mixed_model_table(scores: pd.DataFrame, waves: list[str], ci: float = 0.95) -> pd.DataFrame:
    """Random-intercept linear mixed model per scale; one row per wave contrasted with waves[0].

    Model: score_ij = b0 + sum_w b_w [wave_ij = w] + u_i + e_ij, u_i ~ N(0, var_participant),
    e_ij ~ N(0, var_residual), fitted by REML with statsmodels ``MixedLM`` (Laird & Ware 1982;
    Pinheiro & Bates 2000). Rows with a NaN score are dropped; every other observation is kept,
    so participants with a missing wave still count (missing at random assumed).

    Per contrast (waves[0] -> w): estimate b_w (mean change from the first wave), its SE, a Wald
    ``ci`` interval, z and normal p (what statsmodels reports), and, because with ~10
    participants the normal reference is too liberal, a t reference with nlme's between-within
    df for a within-participant factor: df_within = n_observations - n_participants -
    (number of wave contrasts) (Pinheiro & Bates 2000, sec. 2.4.2): ``p_t``, ``ci_t_low``,
    ``ci_t_high``. ``converged`` is False when the optimizer did not converge or warned (e.g. a
    random-intercept variance on the boundary at 0); ``method`` gives the warnings.

    Scales keep order of first appearance. A scale with fewer than 2 participants, or a wave
    nobody answered, gives NaN estimates for the affected rows (no exception).
    """
    data = long_scores(scores, waves)
    z_crit = stats.norm.ppf(0.5 + ci / 2)
    rows = []
    for scale in pd.unique(scores["scale"]):
        d = data[(data["scale"] == scale) & data["score"].notna()]
        n_part, n_obs = int(d["participant_id"].nunique()), int(len(d))
        base = {"scale": scale, "wave_from": waves[0], "n_participants": n_part,
                "n_observations": n_obs}
        results: dict = {}
        note, converged = "", False
        if n_part < 2 or not (d["wave"] == waves[0]).any():
            note = "not fitted: fewer than 2 participants or no observation at the first wave"
            var_p = var_e = NAN
            df_within = NAN
        else:
            est, se, present, var_p, var_e, converged, fit_warnings = \
                _fit_random_intercept(d, waves)
            df_within = n_obs - n_part - len(present)
            results = {w: (float(est[j]), float(se[j])) for j, w in enumerate(present, start=1)}
            note = "; ".join(fit_warnings)
        method = ("linear mixed model, REML, random intercept per participant (statsmodels "
                  f"MixedLM); contrasts vs {waves[0]}; Wald z and t(df_within) tests; all "
                  "available observations" + (f"; warnings: {note}" if note else ""))
        for w in waves[1:]:
            est, se = results.get(w, (NAN, NAN))
            ok = np.isfinite(se) and se > 0
            zval = est / se if ok else NAN
            t_ok = ok and df_within >= 1
            t_crit = stats.t.ppf(0.5 + ci / 2, df_within) if t_ok else NAN
            rows.append({**base, "contrast": f"{waves[0]}->{w}", "wave_to": w,
                         "estimate": est, "se": se,
                         "ci_low": est - z_crit * se, "ci_high": est + z_crit * se,
                         "z": zval, "p": float(2 * stats.norm.sf(abs(zval))) if ok else NAN,
                         "df_within": df_within,
                         "p_t": float(2 * stats.t.sf(abs(zval), df_within)) if t_ok else NAN,
                         "ci_t_low": est - t_crit * se, "ci_t_high": est + t_crit * se,
                         "var_participant": var_p, "var_residual": var_e,
                         "converged": converged and w in results, "method": method})
    return pd.DataFrame(rows, columns=MIXED_COLUMNS)


# ---------------------------------------------------------------------------------------------
# Friedman


def friedman(matrix) -> dict:
    """Friedman's rank test for n blocks (participants, rows) x k conditions (waves, columns).

    Scores are ranked within each row (mid-ranks for ties), R_j = column rank sums::

        chi2 = [12 / (n k (k+1)) sum_j R_j^2 - 3 n (k+1)] / C,
        C = 1 - sum over rows and tie groups (t^3 - t) / (n k (k^2 - 1))

    with df = k - 1, p from chi-square (Friedman 1937; tie correction as R's ``friedman.test``
    and ``scipy.stats.friedmanchisquare``). Kendall's W = chi2 / (n (k - 1)), the tie-corrected
    coefficient of concordance (Kendall & Babington Smith 1939). Returns
    ``{"n", "k", "chi2", "df", "p", "kendall_w"}``; NaN statistics for n < 2, k < 2 or when every
    row is all ties (C = 0). NaN entries are not allowed (pass complete cases).
    """
    x = np.asarray(matrix, dtype=float)
    n, k = x.shape
    out = {"n": n, "k": k, "df": k - 1, "chi2": NAN, "p": NAN, "kendall_w": NAN}
    if n < 2 or k < 2:
        return out
    ranks = stats.rankdata(x, axis=1)
    ties = 0.0
    for row in x:
        _, counts = np.unique(row, return_counts=True)
        ties += float((counts ** 3 - counts).sum())
    c = 1 - ties / (n * k * (k * k - 1))
    if c <= 0:
        return out
    rsum = ranks.sum(axis=0)
    chi2 = (12 / (n * k * (k + 1)) * float((rsum ** 2).sum()) - 3 * n * (k + 1)) / c
    out.update(chi2=chi2, p=float(stats.chi2.sf(chi2, k - 1)), kendall_w=chi2 / (n * (k - 1)))
    return out


def friedman_table(scores: pd.DataFrame, waves: list[str]) -> pd.DataFrame:
    """Friedman test across ``waves`` per scale, on complete cases (columns ``FRIEDMAN_COLUMNS``).

    n = participants with a score at every wave; n_excluded = participants with a row for the
    scale at any of the waves but a missing score at one or more. ``waves`` is written as
    "pre, post, follow". See ``friedman`` for formulas and edge cases.
    """
    data = long_scores(scores, waves)
    rows = []
    for scale in pd.unique(scores["scale"]):
        wide = (data[data["scale"] == scale]
                .pivot(index="participant_id", columns="wave", values="score")
                .reindex(columns=waves))
        complete = wide.dropna()
        res = friedman(complete.to_numpy(float))
        rows.append({"scale": scale, "waves": ", ".join(waves), "k": len(waves),
                     "n": res["n"], "n_excluded": int(len(wide) - len(complete)),
                     "chi2": res["chi2"], "df": res["df"], "p": res["p"],
                     "kendall_w": res["kendall_w"],
                     "method": "Friedman rank test, tie-corrected, complete cases; "
                               "Kendall's W = chi2 / (n (k - 1))"})
    return pd.DataFrame(rows, columns=FRIEDMAN_COLUMNS)
