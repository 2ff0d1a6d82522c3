"""sweval.paired against values computed in R (tests/reference/paired_reference.R).

Every reference number below was printed by that script (R 4.2.2: stats, coin 1.4.2,
effectsize 0.8.3, BayesFactor, MASS, psychTools). Tolerances (issue requirement): 1e-4 absolute for
t, p, d-type effect sizes, r, BF10 (relative) and W; 1e-3 for confidence intervals.
"""
from __future__ import annotations

import math

import numpy as np
import pandas as pd
import pytest

from sweval import paired as pd_
from sweval.errors import InputError

TOL = 1e-4      # t, p, d, r, W, V
TOL_CI = 1e-3   # confidence-interval bounds

# --- data sets ---------------------------------------------------------------------------------
# datasets::sleep; pre = group 1, post = group 2 (also docs/conventions.md)
SLEEP_PRE = [0.7, -1.6, -0.2, -1.2, -0.1, 3.4, 3.7, 0.8, 0.0, 2.0]
SLEEP_POST = [1.9, 0.8, 1.1, 0.1, -0.1, 4.4, 5.5, 1.6, 4.6, 3.4]
# MASS::shoes (Box, Hunter & Hunter 1978); pre = A, post = B; tied |d|, no zero
SHOES_PRE = [13.2, 8.2, 10.9, 14.3, 10.7, 6.6, 9.5, 10.8, 8.8, 13.3]
SHOES_POST = [14.0, 8.8, 11.2, 14.2, 11.8, 6.4, 9.8, 11.3, 9.3, 13.6]
# psychTools::msqR, study FILM, film 2, ids 4 5 8 9 19 20 21 26 27 28 29 37; anxiety sum of five
# 0-3 items at time 1, 2, 3 (questionnaire-like integers: ties and zero differences)
MSQR_IDS = [4, 5, 8, 9, 19, 20, 21, 26, 27, 28, 29, 37]
MSQR_T1 = [1, 0, 0, 4, 0, 0, 0, 1, 1, 3, 1, 0]
MSQR_T2 = [2, 3, 0, 10, 13, 5, 5, 4, 7, 9, 1, 5]
MSQR_T3 = [0, 1, 0, 7, 0, 2, 0, 1, 0, 4, 1, 0]
# MASS::anorexia, Treat == "Cont" (n = 26); one zero difference, tied |d|
ANOREXIA_PRE = [80.7, 89.4, 91.8, 74, 78.1, 88.3, 87.3, 75.1, 80.6, 78.4, 77.6, 88.7, 81.3,
                78.1, 70.5, 77.3, 85.2, 86, 84.1, 79.7, 85.5, 84.4, 79.6, 77.5, 72.3, 89]
ANOREXIA_POST = [80.2, 80.1, 86.4, 86.3, 76.1, 78.1, 75.1, 86.7, 73.5, 84.6, 77.4, 79.5, 89.6,
                 81.4, 81.8, 77.3, 84.2, 75.4, 79.5, 73, 88.3, 84.7, 81.4, 81.2, 88.2, 78.8]

# --- R output (tests/reference/paired_reference.R) -----------------------------------------------
# keys: R name -> paired_summary key. wilcoxon_p = coin::wilcoxsign_test(exact, zero.method =
# "Wilcoxon"); perm_p = full enumeration of 2^n sign flips in R; d_z (CI) = effectsize::cohens_d
# (paired); rank_biserial (CI) = effectsize::rank_biserial on the differences; d_av, g_av, d_rm by
# formula in R (effectsize 0.8.3 has no repeated_measures_d); bf10 = BayesFactor::ttestBF
# (rscale "medium" = sqrt(2)/2), which the script also cross-checks by integrate() of Rouder (2009).
R_KEYS = {
    "n_pairs": "n", "t": "t", "df": "df", "p": "p", "mean_diff": "mean_diff",
    "shapiro_w": "shapiro_w", "shapiro_p": "shapiro_p", "wilcoxon_v": "V",
    "wilcoxon_p": "wilcoxon_p_exact", "perm_p": "perm_p", "d_z": "d_z", "d_av": "d_av",
    "g_av": "g_av", "d_rm": "d_rm", "r_from_to": "r", "rank_biserial": "rank_biserial",
}
R_CI_KEYS = {
    "mean_diff_ci_low": "ci_low", "mean_diff_ci_high": "ci_high",
    "d_z_ci_low": "d_z_ci_low", "d_z_ci_high": "d_z_ci_high",
    "rank_biserial_ci_low": "rb_ci_low", "rank_biserial_ci_high": "rb_ci_high",
}
R_REF = {
    "sleep": {
        "n": 10, "t": 4.062127683382, "df": 9, "p": 0.002832890197, "mean_diff": 1.58,
        "ci_low": 0.700114236723, "ci_high": 2.459885763277, "shapiro_w": 0.829871331929,
        "shapiro_p": 0.033341608630, "V": 45, "wilcoxon_p_exact": 0.003906250000,
        "perm_p": 0.003906250000, "d_z": 1.284557562591, "d_z_ci_low": 0.414627667667,
        "d_z_ci_high": 2.118016508773, "d_av": 0.832181081350, "g_av": 0.760851274377,
        "d_rm": 0.822176638386, "r": 0.795170205834, "rank_biserial": 1.0, "rb_ci_low": 1.0,
        "rb_ci_high": 1.0, "bf10": 17.258880267773},
    "shoes": {
        "n": 10, "t": 3.348876536222, "df": 9, "p": 0.008538780718, "mean_diff": 0.41,
        "ci_low": 0.133046094200, "ci_high": 0.686953905800, "shapiro_w": 0.961324027632,
        "shapiro_p": 0.800859094326, "V": 52, "wilcoxon_p_exact": 0.007812500000,
        "perm_p": 0.013671875000, "d_z": 1.059007745716, "d_z_ci_low": 0.256165784416,
        "d_z_ci_high": 1.826190373619, "d_av": 0.164981813500, "g_av": 0.150840515200,
        "d_rm": 0.162511765880, "r": 0.988225530474, "rank_biserial": 0.890909090909,
        "rb_ci_low": 0.621283420007, "rb_ci_high": 0.971902614651, "bf10": 7.036991605425},
    "msqr_t1_t2": {
        "n": 12, "t": 4.336640590700, "df": 11, "p": 0.001181399196,
        "mean_diff": 4.416666666667, "ci_low": 2.175065688423, "ci_high": 6.658267644911,
        "shapiro_w": 0.875128695989, "shapiro_p": 0.075939782693, "V": 55,
        "wilcoxon_p_exact": 0.001953125000, "perm_p": 0.001953125000, "d_z": 1.251880306210,
        "d_z_ci_low": 0.470557063263, "d_z_ci_high": 2.002763010244, "d_av": 1.537333078330,
        "g_av": 1.430077282168, "d_rm": 1.368382953167, "r": 0.402607590716,
        "rank_biserial": 1.0, "rb_ci_low": 1.0, "rb_ci_high": 1.0, "bf10": 34.800875096594},
    "msqr_t2_t3": {
        "n": 12, "t": -3.940737464575, "df": 11, "p": 0.002309107195, "mean_diff": -4.0,
        "ci_low": -6.234084538620, "ci_high": -1.765915461380, "shapiro_w": 0.859189899474,
        "shapiro_p": 0.047758418531, "V": 0, "wilcoxon_p_exact": 0.001953125000,
        "perm_p": 0.001953125000, "d_z": -1.137592917989, "d_z_ci_low": -1.857730298726,
        "d_z_ci_high": -0.387367650795, "d_av": -1.284523257867, "g_av": -1.194905356155,
        "d_rm": -1.218957980632, "r": 0.425918284198, "rank_biserial": -1.0, "rb_ci_low": -1.0,
        "rb_ci_high": -1.0, "bf10": 19.817267965695},
    "anorexia": {
        "n": 26, "t": -0.28722539102, "df": 25, "p": 0.77630706222, "mean_diff": -0.45,
        "ci_low": -3.67670758829, "ci_high": 2.77670758829, "shapiro_w": 0.95188964669,
        "shapiro_p": 0.25666470980, "V": 150, "wilcoxon_p_exact": 0.74567693472,
        "perm_p": 0.77628707886, "d_z": -0.05632953360, "d_z_ci_low": -0.44046434751,
        "d_z_ci_high": 0.32892426242, "d_av": -0.08575047817, "g_av": -0.08315197883,
        "d_rm": -0.08585094556, "r": -0.16141614603, "rank_biserial": -0.07692307692,
        "rb_ci_low": -0.48180803559, "rb_ci_high": 0.35502828561, "bf10": 0.21519155774},
}
DATA = {
    "sleep": (SLEEP_PRE, SLEEP_POST),
    "shoes": (SHOES_PRE, SHOES_POST),
    "msqr_t1_t2": (MSQR_T1, MSQR_T2),
    "msqr_t2_t3": (MSQR_T2, MSQR_T3),
    "anorexia": (ANOREXIA_PRE, ANOREXIA_POST),
}


@pytest.mark.parametrize("name", list(DATA))
def test_paired_summary_matches_r(name):
    pre, post = DATA[name]
    ref = R_REF[name]
    # default limits: all five (anorexia has 26 pairs) get the exact tests, as R's here
    got = pd_.paired_summary(pre, post, seed=1)
    for ours, theirs in R_KEYS.items():
        assert got[ours] == pytest.approx(ref[theirs], abs=TOL), ours
    for ours, theirs in R_CI_KEYS.items():
        assert got[ours] == pytest.approx(ref[theirs], abs=TOL_CI), ours
    assert got["bf10"] == pytest.approx(ref["bf10"], rel=TOL)
    assert got["n_excluded"] == 0
    assert got["wilcoxon_method"].startswith("exact") and "Wilcoxon zero method" in \
        got["wilcoxon_method"]
    assert got["perm_method"].startswith("exact")


def test_sleep_matches_study_md():
    # docs/conventions.md "Reference values the tests check against"; printed to 4-5 significant digits there
    got = pd_.paired_summary(SLEEP_PRE, SLEEP_POST, seed=0)
    assert got["t"] == pytest.approx(4.0621, abs=1e-4)
    assert got["p"] == pytest.approx(0.002833, abs=1e-6)
    assert (got["mean_diff_ci_low"], got["mean_diff_ci_high"]) == \
        pytest.approx((0.7001, 2.4599), abs=1e-4)
    assert got["wilcoxon_v"] == 45 and got["wilcoxon_p"] == pytest.approx(0.003906, abs=1e-6)
    assert got["d_z"] == pytest.approx(1.2846, abs=1e-4)
    assert (got["d_z_ci_low"], got["d_z_ci_high"]) == pytest.approx((0.4146, 2.1180), abs=1e-4)
    assert got["rank_biserial"] == 1


def test_branches_of_the_sign_flip_test_agree_on_anorexia():
    # 26 weights in tenths: the shift algorithm (default), and with the grid branch switched off
    # the enumeration of all 2^26 flips, both R's full enumeration (1e-4; 1e-12 between them).
    # The Monte Carlo branch: 100,000 draws, 4 binomial SEs (SE = sqrt(p(1-p)/n_mc) ~ 0.0013).
    d = np.subtract(ANOREXIA_POST, ANOREXIA_PRE)
    ref = R_REF["anorexia"]["perm_p"]
    shift, m_shift = pd_.sign_flip_p(d)
    enum, m_enum = pd_.sign_flip_p(d, exact_max_n=0)
    mc, m_mc = pd_.sign_flip_p(d, seed=20240601, exact_max_n=0, enumerate_max_n=0)
    assert "shift algorithm" in m_shift and m_enum.endswith("enumerated") and m_mc.startswith("Monte Carlo")
    assert shift == pytest.approx(ref, abs=TOL) and enum == pytest.approx(shift, rel=1e-12)
    assert mc == pytest.approx(ref, abs=4 * math.sqrt(ref * (1 - ref) / 100_000))


def test_holm_matches_p_adjust():
    # R: p.adjust(c(0.01, 0.04, NA, 0.03, 0.2), "holm") -> 0.04 0.09 NA 0.09 0.20
    got = pd_.holm([0.01, 0.04, np.nan, 0.03, 0.2])
    np.testing.assert_allclose(got, [0.04, 0.09, np.nan, 0.09, 0.20], atol=1e-12)


def test_bf10_published_value():
    # BayesFactor::ttestBF(sleep, paired = TRUE) documented value 17.25876 (BayesFactor manual);
    # the same number comes out of integrate() of Rouder et al. (2009) eq. 1 in the R script.
    assert pd_.bf10(4.062127683382, 10) == pytest.approx(17.25876, rel=1e-5)


@pytest.mark.parametrize("n,t,ref", [(2, 10, 2.20029986111), (3, 50, 34.0502900003),
                                     (10, 50, 1350219933.92), (100, 50, 2.0328173654e+68),
                                     (10, 0, 0.308793556708)])
def test_bf10_extreme_t(n, t, ref):
    # integrate() of Rouder (2009) eq. 1 in paired_reference.R (BayesFactor approximates here)
    assert pd_.bf10(t, n) == pytest.approx(ref, rel=TOL)


def test_g_av_uses_paired_df():
    # J = 1 - 3/(4 df - 1) with df = n - 1 = 9: 1 - 3/35
    assert pd_.hedges_j_paired(10) == pytest.approx(1 - 3 / 35, abs=1e-15)


# --- what pingouin computes, and where the package computes for itself ------------------------
# tests/reference/paired_pingouin.R (effectsize 0.8.3), sleep data
R_PINGOUIN = {"d_av_effectsize_pooled": 0.832181081350, "d_z_effectsize_paired": 1.284557562591,
              "g_J_df_2n_minus_2": 0.797018500447, "g_av_J_df_n_minus_1": 0.760851274377}


def test_paired_t_is_pingouins_paired_ttest():
    # pg.ttest(post, pre, paired=True) against R's t.test (paired_reference.R; 1e-4 on t and p)
    import pingouin as pg

    res = pg.ttest(SLEEP_POST, SLEEP_PRE, paired=True).iloc[0]
    t, df, p = pd_.paired_t(np.subtract(SLEEP_POST, SLEEP_PRE))
    assert (t, df, p) == pytest.approx((res["T"], res["dof"], res["p_val"]), abs=1e-12)
    assert (t, df, p) == pytest.approx((R_REF["sleep"]["t"], 9, R_REF["sleep"]["p"]), abs=TOL)
    # its CI95 column is R's interval rounded to 2 decimals, which is why the interval comes
    # from scipy (full precision, 1e-9 here)
    assert list(res["CI95"]) == [0.70, 2.46]
    _, low, high = pd_.mean_diff_ci(np.subtract(SLEEP_POST, SLEEP_PRE))
    assert (low, high) == pytest.approx((R_REF["sleep"]["ci_low"], R_REF["sleep"]["ci_high"]), abs=1e-9)


def test_pingouin_paired_cohen_d_is_d_av_and_its_hedges_uses_2n_minus_2():
    # pingouin's paired "cohen" equals effectsize's pooled-SD d (= d_av with equal n), not the
    # paired d_z; its "hedges" is d_av * J(2n - 2), where g_av needs J(n - 1). 1e-9 absolute.
    import pingouin as pg

    cohen = pg.compute_effsize(SLEEP_POST, SLEEP_PRE, paired=True, eftype="cohen")
    hedges = pg.compute_effsize(SLEEP_POST, SLEEP_PRE, paired=True, eftype="hedges")
    assert cohen == pytest.approx(R_PINGOUIN["d_av_effectsize_pooled"], abs=1e-9)
    assert abs(cohen - R_PINGOUIN["d_z_effectsize_paired"]) > 0.4
    assert hedges == pytest.approx(R_PINGOUIN["g_J_df_2n_minus_2"], abs=1e-9)
    assert pd_.d_av(SLEEP_PRE, SLEEP_POST) == pytest.approx(cohen, abs=1e-12)
    assert pd_.g_av(SLEEP_PRE, SLEEP_POST) == pytest.approx(R_PINGOUIN["g_av_J_df_n_minus_1"], abs=1e-9)
    assert pd_.d_z(np.subtract(SLEEP_POST, SLEEP_PRE)) == pytest.approx(
        R_PINGOUIN["d_z_effectsize_paired"], abs=1e-9)


def test_rank_biserial_is_pingouins_rbc_on_noise_free_differences():
    import pingouin as pg

    d = np.subtract(ANOREXIA_POST, ANOREXIA_PRE)  # a zero difference and tied |d|
    assert pd_.rank_biserial(d) == pytest.approx(
        float(pg.wilcoxon(np.round(d, 6), method="asymptotic").iloc[0]["RBC"]), abs=1e-12)


def test_why_the_wilcoxon_p_and_bf10_are_not_pingouins():
    import pingouin as pg

    # anorexia: 26 pairs, a zero difference and tied |d|. scipy (and so pingouin) computes the
    # exact conditional p only up to 13 pairs (a permutation test); from 14 to 50 pairs with ties
    # or zeros it falls back to a continuity-corrected normal approximation: 0.7468 here against
    # coin's exact 0.7457
    res = pg.wilcoxon(ANOREXIA_POST, ANOREXIA_PRE).iloc[0]
    assert abs(res["p_val"] - R_REF["anorexia"]["wilcoxon_p_exact"]) > 5 * TOL
    assert pd_.wilcoxon_exact(np.subtract(ANOREXIA_POST, ANOREXIA_PRE))["p"] == \
        pytest.approx(R_REF["anorexia"]["wilcoxon_p_exact"], abs=TOL)
    # pg.bayesfactor_ttest is off R's integrate() by more than the 1e-4 relative allowed
    # (1.4e-4 at n = 3, t = 50; pd_.bf10 meets it: test_bf10_extreme_t)
    assert abs(pg.bayesfactor_ttest(50, 3, paired=True) / 34.0502900003 - 1) > TOL


def test_float_noise_does_not_split_ties_or_zeros():
    # 11.2-10.9, 9.8-9.5, 13.6-13.3 are all 0.3 but differ in the last bits; 0.1+0.2-0.3 is a
    # zero. By hand: zero dropped, three tied |d| -> mid-rank 2 each, V = 6, r_rb = 1.
    d = [11.2 - 10.9, 9.8 - 9.5, 13.6 - 13.3, 0.1 + 0.2 - 0.3]
    res = pd_.wilcoxon_exact(d)
    assert (res["v"], res["n_zero"]) == (6, 1)
    assert res["p"] == 0.25  # 2 of 2^3 sign patterns as extreme


# --- edge cases: NaN, never an exception ---------------------------------------------------------

def test_nan_pairs_are_dropped_and_counted():
    pre = SLEEP_PRE + [np.nan, 1.0]
    post = SLEEP_POST + [2.0, np.nan]
    got = pd_.paired_summary(pre, post, seed=0)
    assert got["n_pairs"] == 10 and got["n_excluded"] == 2
    assert got["t"] == pytest.approx(R_REF["sleep"]["t"], abs=TOL)


@pytest.mark.parametrize("pre,post", [([], []), ([1.0], [2.0])])
def test_fewer_than_two_pairs(pre, post):
    got = pd_.paired_summary(pre, post, seed=0)
    for key in ("t", "p", "d_z", "d_z_ci_low", "d_av", "g_av", "d_rm", "bf10", "shapiro_w",
                "mean_diff_ci_low", "sd_diff", "r_from_to"):
        assert math.isnan(got[key]), key


def test_all_differences_zero():
    x = [3.0, 4.0, 5.0, 5.0]
    got = pd_.paired_summary(x, x, seed=0)
    assert got["mean_diff"] == 0
    for key in ("t", "p", "d_z", "d_rm", "bf10", "wilcoxon_v", "wilcoxon_p", "perm_p",
                "rank_biserial", "shapiro_w"):
        assert math.isnan(got[key]), key
    assert got["d_av"] == 0  # defined: the pooled sd is not zero


def test_constant_nonzero_differences():
    # sd(d) = 0: t and d_z undefined; the rank tests are still exact: all 4 signs +, p = 2/2^4
    pre = [1.0, 2.0, 3.0, 4.0]
    got = pd_.paired_summary(pre, [v + 1 for v in pre], seed=0)
    assert math.isnan(got["t"]) and math.isnan(got["d_z"]) and math.isnan(got["d_z_ci_low"])
    assert got["wilcoxon_p"] == 0.125 and got["perm_p"] == 0.125
    assert got["rank_biserial"] == 1


# --- paired_table --------------------------------------------------------------------------------

def _long(ids, waves: dict, scale):
    rows = []
    for wave, values in waves.items():
        rows += [{"participant_id": f"p{i}", "wave": wave, "scale": scale, "score": v}
                 for i, v in zip(ids, values)]
    return rows


@pytest.fixture
def scores():
    rows = _long(MSQR_IDS, {"pre": MSQR_T1, "post": MSQR_T2, "follow": MSQR_T3}, "anxiety")
    rows += _long(range(100, 110), {"pre": SLEEP_PRE, "post": SLEEP_POST}, "sleep")
    rows += _long(range(100, 110), {"pre": SHOES_PRE, "post": SHOES_POST}, "shoes")
    # two more anxiety children who cannot be paired pre->post: a NaN post, and no post row
    rows += [{"participant_id": "x1", "wave": "pre", "scale": "anxiety", "score": 2.0},
             {"participant_id": "x1", "wave": "post", "scale": "anxiety", "score": np.nan},
             {"participant_id": "x2", "wave": "pre", "scale": "anxiety", "score": 1.0}]
    return pd.DataFrame(rows)


def test_paired_table(scores):
    out = pd_.paired_table(scores, [("pre", "post"), ("post", "follow")],
                           {"anxiety": "lower", "sleep": "higher"}, seed=7,
                           holm_family=["anxiety", "sleep"])
    assert list(out.columns) == pd_.PAIRED_COLUMNS
    assert list(out["scale"]) == ["anxiety", "anxiety", "sleep", "sleep", "shoes", "shoes"]
    row = out.set_index(["scale", "contrast"])
    anx = row.loc[("anxiety", "pre->post")]
    assert (anx["n_pairs"], anx["n_excluded"]) == (12, 2)
    assert anx["t"] == pytest.approx(R_REF["msqr_t1_t2"]["t"], abs=TOL)
    assert anx["d_z"] == pytest.approx(R_REF["msqr_t1_t2"]["d_z"], abs=TOL)
    # anxiety went up and lower is better
    assert (anx["direction"], anx["change"]) == ("lower", "worsened")
    fu = row.loc[("anxiety", "post->follow")]
    assert (fu["n_pairs"], fu["n_excluded"]) == (12, 1)  # x1 has a (NaN) post row
    assert fu["change"] == "improved"
    assert fu["t"] == pytest.approx(R_REF["msqr_t2_t3"]["t"], abs=TOL)
    sl = row.loc[("sleep", "pre->post")]
    assert (sl["direction"], sl["change"]) == ("higher", "improved")
    # R: p.adjust(c(p_anx, p_sleep), "holm") = 0.002362798392 0.002832890197 (paired_reference.R)
    assert anx["p_holm"] == pytest.approx(0.002362798392, abs=TOL)
    assert sl["p_holm"] == pytest.approx(0.002832890197, abs=TOL)
    assert math.isnan(row.loc[("shoes", "pre->post"), "p_holm"])  # outside the family
    assert row.loc[("shoes", "pre->post"), "direction"] == "higher"  # default
    # sleep and shoes have no follow-up wave: no pairs, NaN statistics, no exception
    nofu = row.loc[("sleep", "post->follow")]
    assert nofu["n_pairs"] == 0 and math.isnan(nofu["t"]) and pd.isna(nofu["change"])
    # Holm is per contrast: in post->follow only anxiety has a p, so p_holm = p
    assert fu["p_holm"] == pytest.approx(fu["p"], abs=1e-15)


def test_paired_table_default_family_and_determinism(scores):
    args = (scores, [("pre", "post")], {"anxiety": "lower"})
    a = pd_.paired_table(*args, seed=3)
    b = pd_.paired_table(*args, seed=3)
    pd.testing.assert_frame_equal(a, b)
    expected = pd_.holm(a["p"].to_numpy())
    np.testing.assert_allclose(a["p_holm"], expected)


def test_paired_table_rejects_duplicates(scores):
    dup = pd.concat([scores, scores.iloc[[0]]], ignore_index=True)
    with pytest.raises(InputError, match="more than one score"):
        pd_.paired_table(dup, [("pre", "post")], {}, seed=0)


def test_paired_table_rejects_bad_direction(scores):
    with pytest.raises(InputError, match="higher"):
        pd_.paired_table(scores, [("pre", "post")], {"anxiety": "down"}, seed=0)


def test_large_n_uses_normal_approximations_matching_r():
    """Beyond the exact limits: values from tests/reference/paired_asymptotic.R (tolerance 1e-8).

    300 integer differences: exact by default (tests/test_paired_exact.py); limits of 200 force
    the normal approximations (and off a grid, 300 > ASYMPTOTIC_MIN_N pairs would too)."""
    from sweval.paired import ASYMPTOTIC_MIN_N, sign_flip_p, wilcoxon_exact

    d = np.round(np.sin(np.arange(1, 301)) * 10 + 1.5)
    assert d.size > ASYMPTOTIC_MIN_N
    w = wilcoxon_exact(d, exact_max_n=200)
    assert w["v"] == 27266.5
    assert w["p"] == pytest.approx(4.560327493e-05, rel=1e-8)
    assert "normal approximation" in w["method"]
    p, method = sign_flip_p(d, seed=1, exact_max_n=200)
    assert p == pytest.approx(0.000260046701, rel=1e-8) and "normal approximation" in method


def test_huge_samples_give_inf_bf10_and_no_shapiro():
    from sweval.paired import bf10, shapiro

    assert bf10(60.0, 10000) == math.inf
    assert all(math.isnan(v) for v in shapiro(np.arange(6000.0)))
