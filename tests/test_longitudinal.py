"""sweval.longitudinal against R: nlme::lme (REML) and stats::friedman.test; fast paths against
statsmodels MixedLM and pingouin.friedman.

Reference script: tests/reference/longitudinal_reference.R, which also wrote the data file
tests/data/longitudinal_msqr_film2.csv (psychTools::msqR, FILM study, film 2; 31 participants x
pre/post/follow, two 5-item scales, five observations set missing).
Tolerances: 1e-4 absolute for estimates, SEs, t/z-based p, chi2, p and W; 1e-3 for confidence
intervals and for the variance components (REML optimum, relative). Both REML engines
(statsmodels MixedLM, the default, and the closed-form fast path for large data) agree with nlme
closer than that (the closed form about 1e-7 on estimates and SEs, 2e-6 relative on the
variances, nlme's own stopping point); the boundary fit agrees with lme4 to 1e-9.
"""
from __future__ import annotations

import math
from pathlib import Path

import numpy as np
import pandas as pd
import pytest

from sweval import longitudinal as lg
from sweval.errors import InputError

TOL, TOL_CI = 1e-4, 1e-3
WAVES = ["pre", "post", "follow"]
DATA = Path(__file__).parent / "data" / "longitudinal_msqr_film2.csv"

# nlme::lme(score ~ wave, random = ~1 | participant_id, method = "REML"): per scale,
# wave -> (Value, Std.Error, DF, p-value, lower, upper), then variance components
R_LME = {
    "anxiety": {
        "post": (3.4604963886, 0.5539386651, 56, 6.007108963e-08, 2.3508238990, 4.5701688783),
        "follow": (-0.1804657642, 0.5665769489, 56, 7.512758947e-01, -1.3154557786,
                   0.9545242502),
        "var": (2.888090716, 4.657014932), "n_obs": 89},
    "energy": {
        "post": (0.7679116625, 0.5498016221, 59, 1.677337726e-01, -0.3322388423, 1.8680621672),
        "follow": (-1.4901528537, 0.5498016221, 59, 8.787333411e-03, -2.5903033584,
                   -0.3900023489),
        "var": (5.195455451, 4.582492911), "n_obs": 92},
}
# friedman.test on complete cases; W = chi2 / (n (k - 1)) computed in the R script
R_FRIEDMAN = {"anxiety": (27, 29.51807229, 3.892530679e-07, 0.5466309683),
              "energy": (30, 7.773584906, 0.02051103074, 0.1295597484)}


@pytest.fixture(scope="module")
def scores():
    return pd.read_csv(DATA, dtype={"participant_id": str, "wave": str, "scale": str})


@pytest.fixture(scope="module")
def mixed(scores):
    return lg.mixed_model_table(scores, WAVES)


def test_mixed_model_matches_nlme(mixed):
    assert list(mixed.columns) == lg.MIXED_COLUMNS
    assert list(mixed["contrast"]) == ["pre->post", "pre->follow"] * 2
    for _, row in mixed.iterrows():
        ref = R_LME[row["scale"]]
        est, se, df, p_t, lo, hi = ref[row["wave_to"]]
        assert row["estimate"] == pytest.approx(est, abs=TOL)
        assert row["se"] == pytest.approx(se, abs=TOL)
        assert row["df_within"] == df
        assert row["p_t"] == pytest.approx(p_t, abs=TOL)
        assert (row["ci_t_low"], row["ci_t_high"]) == pytest.approx((lo, hi), abs=TOL_CI)
        assert row["var_participant"] == pytest.approx(ref["var"][0], rel=TOL_CI)
        assert row["var_residual"] == pytest.approx(ref["var"][1], rel=TOL_CI)
        assert (row["n_participants"], row["n_observations"]) == (31, ref["n_obs"])
        assert row["converged"]
        # Wald z: z = est/se, normal p and interval (R: 2*pnorm(-|t value|), est -/+ 1.959964 se)
        assert row["z"] == pytest.approx(est / se, abs=TOL)
        assert row["p"] == pytest.approx(2 * _norm_sf(abs(est / se)), abs=TOL)
        assert row["ci_low"] == pytest.approx(est - 1.959963985 * se, abs=TOL_CI)


def _norm_sf(z):
    return 0.5 * math.erfc(z / math.sqrt(2))


def test_friedman_matches_r(scores):
    out = lg.friedman_table(scores, WAVES)
    assert list(out.columns) == lg.FRIEDMAN_COLUMNS
    for _, row in out.iterrows():
        n, chi2, p, w = R_FRIEDMAN[row["scale"]]
        assert row["n"] == n and row["df"] == 2
        assert row["chi2"] == pytest.approx(chi2, abs=TOL)
        assert row["p"] == pytest.approx(p, abs=TOL)
        assert row["kendall_w"] == pytest.approx(w, abs=TOL)
    assert out.set_index("scale").loc["anxiety", "n_excluded"] == 4


def test_friedman_two_conditions_with_tie():
    # R: friedman.test(cbind(sleep group 1, group 2)) -> chi2 = 9, p = 0.002699796063
    pre = [0.7, -1.6, -0.2, -1.2, -0.1, 3.4, 3.7, 0.8, 0.0, 2.0]
    post = [1.9, 0.8, 1.1, 0.1, -0.1, 4.4, 5.5, 1.6, 4.6, 3.4]
    res = lg.friedman(np.column_stack([pre, post]))
    assert res["chi2"] == pytest.approx(9, abs=TOL)
    assert res["p"] == pytest.approx(0.002699796063, abs=TOL)


def test_friedman_fast_path_equals_pingouin():
    # FRIEDMAN_FAST_MIN_N rows of 1-5 ratings at 4 waves (many ties): the vectorised formula
    # against pingouin.friedman itself, 1e-12
    import pingouin as pg

    x = np.random.default_rng(4).integers(1, 6, size=(lg.FRIEDMAN_FAST_MIN_N, 4)).astype(float)
    x[:, 1] += 0.3 * (x[:, 0] > 3)  # a small wave effect
    res = lg.friedman(x)
    ref = pg.friedman(pd.DataFrame(x)).iloc[0]
    assert res["kendall_w"] == pytest.approx(ref["W"], abs=1e-12)
    assert (res["chi2"], res["p"]) == pytest.approx((ref["Q"], ref["p_unc"]), abs=1e-12)
    small = lg.friedman(x[:200])  # pingouin's path
    assert small["chi2"] == pytest.approx(pg.friedman(pd.DataFrame(x[:200])).iloc[0]["Q"], abs=1e-12)


def test_friedman_edge_cases():
    assert math.isnan(lg.friedman(np.ones((5, 3)))["chi2"])   # every row tied
    assert math.isnan(lg.friedman(np.array([[1.0, 2.0, 3.0]]))["p"])  # n = 1


def test_mixed_model_edge_cases(scores):
    one = scores[scores["participant_id"] == scores["participant_id"].iloc[0]]
    out = lg.mixed_model_table(one, WAVES)
    assert out["estimate"].isna().all() and not out["converged"].any()
    assert out["method"].str.contains("not fitted").all()
    # a wave nobody answered: its row is NaN, the others are still estimated
    no_follow = scores[scores["wave"] != "follow"]
    out = lg.mixed_model_table(no_follow, WAVES)
    row = out.set_index(["scale", "wave_to"])
    assert math.isnan(row.loc[("anxiety", "follow"), "estimate"])
    assert np.isfinite(row.loc[("anxiety", "post"), "estimate"])


def test_bad_waves(scores):
    with pytest.raises(InputError):
        lg.friedman_table(scores, ["pre"])


# lme4::lmer(y ~ wave + (1 | child), REML) on the boundary data of longitudinal_reference.R: a
# singular fit (participant variance 0), fixed effects, SEs and residual variance of OLS
BOUNDARY_CHILD = [0, 0, 1, 1, 2, 2, 2, 3, 3, 3, 4, 4, 5, 5, 5, 6, 6, 6, 7, 7, 8, 8, 8, 9, 9, 9,
                  10, 10, 10, 11, 11, 11]
BOUNDARY_WAVE = [0, 1, 1, 2, 0, 1, 2, 0, 1, 2, 0, 2, 0, 1, 2, 0, 1, 2, 1, 2, 0, 1, 2, 0, 1, 2,
                 0, 1, 2, 0, 1, 2]
BOUNDARY_Y = [21.1, 22.1, 21.0, 20.6, 24.4, 20.4, 19.9, 19.1, 23.1, 19.7, 19.8, 22.0, 18.1, 24.6,
              21.1, 21.9, 21.7, 23.9, 19.8, 21.3, 22.8, 21.0, 22.3, 23.1, 18.2, 23.3, 22.3, 20.1,
              20.4, 19.1, 22.7, 19.3]
R_BOUNDARY = {"est": (21.17, 0.1663636364, 0.08454545455),
              "se": (0.5624874781, 0.7771881382, 0.7771881382), "var": (0.0, 3.16392163)}


def _wave_design(wave):
    wave = np.asarray(wave)
    return np.column_stack([np.ones(len(wave)), wave == 1, wave == 2]).astype(float)


@pytest.mark.parametrize("engine", ["statsmodels", "closed_form"])
def test_random_intercept_fit_boundary_matches_lme4(engine):
    fit = lg.random_intercept_fit(BOUNDARY_Y, _wave_design(BOUNDARY_WAVE), BOUNDARY_CHILD,
                                  engine=engine)
    assert fit.engine == engine
    assert fit.estimates == pytest.approx(R_BOUNDARY["est"], abs=1e-8)
    assert fit.se == pytest.approx(R_BOUNDARY["se"], abs=1e-8)
    assert fit.var_participant == 0.0
    assert fit.var_residual == pytest.approx(R_BOUNDARY["var"][1], abs=1e-7)
    # a found optimum on the boundary: converged, with the singular fit named
    assert fit.converged and "boundary" in fit.warnings[0]


def _simulated(balanced: bool, n: int = 40, seed: int = 3):
    rng = np.random.default_rng(seed)
    child = np.repeat(np.arange(n), 3)
    wave = np.tile([0, 1, 2], n)
    y = 10 + 0.5 * (wave == 1) + rng.normal(0, 1.5, n)[child] + rng.normal(0, 2, 3 * n)
    keep = np.ones(3 * n, bool) if balanced else rng.random(3 * n) > 0.2
    return y[keep], _wave_design(wave[keep]), child[keep]


@pytest.mark.parametrize("balanced", [True, False])
def test_closed_form_fast_path_equals_statsmodels(balanced):
    """The closed-form fast path against the default statsmodels MixedLM path on 40 simulated
    children x 3 waves (balanced, and with 20% of the observations missing). Tolerances: 1e-6 on
    estimates and SEs, 1e-5 relative on the variances (statsmodels' optimizer stopping point)."""
    y, exog, child = _simulated(balanced)
    fast = lg.random_intercept_fit(y, exog, child, engine="closed_form")
    ref = lg.random_intercept_fit(y, exog, child, engine="statsmodels")
    assert (fast.engine, ref.engine) == ("closed_form", "statsmodels")
    assert fast.converged and ref.converged and not fast.warnings and not ref.warnings
    assert fast.estimates == pytest.approx(ref.estimates, abs=1e-6)
    assert fast.se == pytest.approx(ref.se, abs=1e-6)
    assert (fast.var_participant, fast.var_residual) == pytest.approx(
        (ref.var_participant, ref.var_residual), rel=1e-5)


def test_statsmodels_path_uses_mixedlm_and_nlme_standard_errors():
    """The statsmodels path reports MixedLM's REML estimates and variances (1e-6, 1e-5 relative),
    with SE = sqrt(diag((X'V^-1 X)^-1)) (nlme's; checked against nlme in
    test_mixed_model_matches_nlme), computed here by brute force from the variances."""
    from statsmodels.regression.mixed_linear_model import MixedLM

    y, exog, child = _simulated(balanced=False)
    fit = lg.random_intercept_fit(y, exog, child)
    assert fit.engine == "statsmodels"  # 96 observations: below FAST_PATH_MIN_OBS
    ref = MixedLM(y, exog, groups=child).fit(reml=True, method=["bfgs"], maxiter=2000, gtol=1e-10)
    var_p, var_e = float(np.asarray(ref.cov_re)[0, 0]), float(ref.scale)
    assert fit.estimates == pytest.approx(np.asarray(ref.fe_params), abs=1e-6)
    assert (fit.var_participant, fit.var_residual) == pytest.approx((var_p, var_e), rel=1e-5)
    info = sum(exog[child == c].T @ np.linalg.inv(var_e * np.eye(int((child == c).sum())) + var_p)
               @ exog[child == c] for c in np.unique(child))
    assert fit.se == pytest.approx(np.sqrt(np.diag(np.linalg.inv(info))), abs=1e-6)


def test_auto_engine_follows_the_size_threshold():
    y, exog, child = _simulated(balanced=True, n=-(-lg.FAST_PATH_MIN_OBS // 3), seed=5)
    at, below = lg.FAST_PATH_MIN_OBS, lg.FAST_PATH_MIN_OBS - 1
    assert lg.random_intercept_fit(y[:at], exog[:at], child[:at]).engine == "closed_form"
    assert lg.random_intercept_fit(y[:below], exog[:below], child[:below]).engine == "statsmodels"


def test_random_intercept_fit_edges():
    # one observation per participant: the two variances are not identified
    fit = lg.random_intercept_fit([1.0, 2.0, 4.0, 3.0, 5.0], _wave_design([0, 1, 2, 0, 1]),
                                  [1, 2, 3, 4, 5])
    assert not fit.converged and "not identified" in fit.warnings[-1]
    assert fit.var_participant == 0.0 and fit.estimates == pytest.approx([2.0, 1.5, 2.0])  # OLS
    # a design without full column rank: NaN, not converged, no exception
    fit = lg.random_intercept_fit([1.0, 2.0, 4.0, 3.0], np.ones((4, 2)), [1, 1, 2, 2])
    assert np.isnan(fit.estimates).all() and not fit.converged


def test_scores_that_do_not_vary_within_participants_give_a_flagged_fit_not_an_error():
    """Every child the same at both waves: statsmodels' MixedLM cannot invert X'V^-1 X; the row
    is still written, not converged, with the reason, and the change estimate is 0 (as the data say)."""
    from sweval.longitudinal import random_intercept_fit

    baseline = np.array([40.0, 23, 22, 25, 18, 24, 12, 20, 25, 10, 22, 40])
    y = np.concatenate([baseline, baseline])
    exog = np.column_stack([np.ones(24), np.repeat([0.0, 1.0], 12)])
    fit = random_intercept_fit(y, exog, np.tile(np.arange(12), 2), engine="statsmodels")
    assert not fit.converged
    assert any("singular" in w for w in fit.warnings)
    assert abs(fit.estimates[1]) < 1e-9
