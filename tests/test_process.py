"""sweval.process against values computed in R (tests/reference/process_reference.R).

Data: tests/data/process_*.csv, written by tests/data/process_generate.py (seeded) and read by both
the R script and these tests. Reference numbers were printed by that script (R 4.2.2: stats,
lme4, nlme).

Tolerances: 1e-6 absolute for closed-form values (means, t intervals, OLS, rho, exact p, GAS T);
1e-7 for the mixed-model slope, SE, p and CI and 1e-6 for its variance components: the REML fit
(sweval.longitudinal.random_intercept_fit: statsmodels MixedLM, nlme's SEs) and lme4 agree within
these, the rest being where the two optimisers stop.
"""
from __future__ import annotations

import math
from pathlib import Path

import numpy as np
import pandas as pd
import pytest

from sweval import process as pr
from sweval.errors import ConfigError, InputError

DATA = Path(__file__).parent / "data"
TOL = 1e-6
TOL_MIXED = 1e-7
TOL_VAR = 1e-6


def close(actual, expected, tol):
    assert np.allclose(np.asarray(actual, float), np.asarray(expected, float), rtol=0, atol=tol, equal_nan=True), \
        f"{actual} != {expected} (atol {tol})"


@pytest.fixture(scope="module")
def attendance():
    return pd.read_csv(DATA / "process_attendance.csv")


@pytest.fixture(scope="module")
def feedback():
    return pd.read_csv(DATA / "process_feedback.csv")


# --- attendance -----------------------------------------------------------------------------------

def test_attendance_summary(attendance):
    by_session, by_child = pr.attendance_summary(attendance)
    # R: tapply(attended %in% 1, session, sum) and by participant (process_reference.R); exact counts
    assert list(by_session["n_present"]) == [10, 8, 9, 7, 7, 8, 8]
    assert list(by_child["sessions_attended"]) == [7, 7, 4, 6, 3, 5, 5, 6, 7, 7]
    assert (by_session["n_expected"] == 10).all()
    # session 4: G03 recorded as NaN; session 6: no record for G07
    assert list(by_session["n_unrecorded"]) == [0, 0, 0, 1, 0, 1, 0]
    close(by_session["rate"], np.array([10, 8, 9, 7, 7, 8, 8]) / 10, TOL)
    close(by_child.set_index("participant_id").loc["G05", "rate"], 3 / 7, TOL)


def test_attendance_planned_sessions_and_errors(attendance):
    out = pr.attendance_summary(attendance, sessions=range(1, 9)).by_session
    assert out.iloc[-1].to_dict() == {"session": 8, "n_expected": 10, "n_recorded": 0, "n_present": 0,
                                           "n_unrecorded": 10, "rate": 0.0, "n_absent": 0, "n_excused": 0}
    bad = attendance.copy()
    bad.loc[0, "attended"] = 2
    with pytest.raises(InputError, match="0 or 1"):
        pr.attendance_summary(bad)
    with pytest.raises(InputError, match="more than one row"):
        pr.attendance_summary(pd.concat([attendance, attendance.iloc[[0]]]))


def test_excused_absences_are_counted_apart_from_absences(attendance):
    status = np.where(attendance["attended"] == 1, "present", "absent").astype(object)
    status[attendance["attended"].isna().to_numpy()] = ""
    leave = attendance.index[attendance["attended"] == 0][:2]  # two absences were leave (请假)
    status[leave] = "excused"
    by_session, by_child = pr.attendance_summary(attendance.assign(status=status), sessions=range(1, 8))
    plain = pr.attendance_summary(attendance, sessions=range(1, 8))
    absent = int((attendance["attended"] == 0).sum())
    assert by_session["n_excused"].sum() == by_child["n_excused"].sum() == 2
    assert by_session["n_absent"].sum() == by_child["n_absent"].sum() == absent - 2
    assert plain.by_session["n_absent"].sum() == absent and plain.by_session["n_excused"].sum() == 0
    # the rate is unchanged: an excused absence is still a session the child missed
    assert by_session["rate"].tolist() == plain.by_session["rate"].tolist()
    assert (by_session[["n_present", "n_absent", "n_excused", "n_unrecorded"]].sum(axis=1)
            == by_session["n_expected"]).all()


# --- feedback -------------------------------------------------------------------------------------

# R: t.test(x)$conf.int per session x item (process_reference.R): n, mean, sd, ci_low, ci_high
FEEDBACK = {
    (1, "fb_belong"): [10, 3, 0.471404520791, 2.66277752055, 3.33722247945],
    (1, "fb_enjoy"): [10, 3.2, 1.03279555899, 2.46118256442, 3.93881743558],
    (2, "fb_enjoy"): [7, 3.42857142857, 0.786795792469, 2.70090668511, 4.15623617203],
    (3, "fb_belong"): [8, 3.25, 0.886405260428, 2.50894665724, 3.99105334276],
    (4, "fb_belong"): [7, 3, 1, 2.07515425168, 3.92484574832],
    (5, "fb_belong"): [7, 3.14285714286, 1.34518541827, 1.89876812807, 4.38694615764],
    (7, "fb_learned"): [7, 3.85714285714, 0.899735410842, 3.02502638781, 4.68925932647],
}


def test_feedback_summary(feedback):
    out = pr.feedback_summary(feedback).set_index(["session", "item"])
    assert len(out) == 21
    for key, expected in FEEDBACK.items():
        close(out.loc[key, ["n", "mean", "sd", "ci_low", "ci_high"]], expected, TOL)
    assert out.loc[(2, "fb_enjoy"), "n_missing"] == 1


def test_feedback_summary_edges():
    tiny = pd.DataFrame({"participant_id": ["a", "b", "c", "d"], "session": [1, 1, 2, 2], "item": "x",
                         "value": [4.0, np.nan, 3.0, 3.0]})
    out = pr.feedback_summary(tiny).set_index("session")
    assert out.loc[1, "n"] == 1 and math.isnan(out.loc[1, "sd"]) and math.isnan(out.loc[1, "ci_low"])
    assert out.loc[2, "ci_low"] == out.loc[2, "ci_high"] == 3.0


# R: lmer(value ~ session + (1 | participant_id), REML = TRUE): slope, SE, Wald p, CI, var_child, var_res
MIXED = {
    "fb_belong": [0.0229535816683, 0.0555901749219, 0.679674629537, -0.086001159073, 0.13190832241,
                  0.181196252382, 0.735237972184],
    "fb_enjoy": [0.104710074153, 0.0450103323803, 0.0199995462995, 0.0164914437553, 0.19292870455,
                 0.248245711016, 0.472360154064],
    "fb_learned": [0.0714535781313, 0.047370844995, 0.131455446886, -0.0213915719761, 0.164298728239,
                   0.32806813037, 0.509056647126],
}
# R: lm(session_mean ~ session): slope, SE, p, CI; exact Spearman rho of session vs mean (all 7! orderings)
OLS_MEANS = {
    "fb_belong": [0.0184948979592, 0.0426552811037, 0.682655693956, -0.0911539928401, 0.128143788758],
    "fb_enjoy": [0.0960600907029, 0.0518940770681, 0.123377296068, -0.0373378811855, 0.229458062591],
    "fb_learned": [0.0819444444444, 0.0322481274355, 0.0518268341697, -0.000952006174643, 0.164840895064],
}
RHO_MEANS = {"fb_belong": [0.0370624658331, 0.97380952381], "fb_enjoy": [0.612637474633, 0.153174603175],
             "fb_learned": [0.642857142857, 0.138888888889]}


def test_feedback_trend_mixed_model_matches_lmer(feedback):
    out = pr.feedback_trend(feedback).set_index("item")
    for item, expected in MIXED.items():
        row = out.loc[item]
        assert row.method == "mixedlm" and row.n_children == 10 and row.n_sessions == 7
        close([row.slope, row.se, row.p, row.ci_low, row.ci_high], expected[:5], TOL_MIXED)
        close([row.var_child, row.var_residual], expected[5:], TOL_VAR)
        close([row.rho_session_means, row.p_rho], RHO_MEANS[item], TOL)


def test_feedback_trend_ols_on_means(feedback):
    out = pr.feedback_trend(feedback, method="ols_session_means").set_index("item")
    for item, expected in OLS_MEANS.items():
        close(out.loc[item, ["slope", "se", "p", "ci_low", "ci_high"]], expected, TOL)


def test_feedback_trend_fallback_and_errors(feedback):
    two_sessions = feedback.loc[feedback["session"] <= 2]
    out = pr.feedback_trend(two_sessions)
    assert (out["method"] == "ols_session_means").all() and out["note"].str.contains("3 sessions").all()
    assert out["se"].isna().all()  # a line through 2 points has no residual df
    with pytest.raises(ConfigError):
        pr.feedback_trend(feedback, method="gee")


# --- goal attainment ------------------------------------------------------------------------------

# R (process_reference.R): per session n, mean, sd, POMP, share >= 4 on 1-5; GAS mean, share >= 0, T
GOALS = [[3, 2.33333333333, 0.57735026919, 33.3333333333, 0], [2, 4.5, 0.707106781187, 87.5, 1],
         [3, 3.33333333333, 1.15470053838, 58.3333333333, 0.666666666667], [3, 3, 1, 50, 0.333333333333],
         [3, 3.66666666667, 0.57735026919, 66.6666666667, 0.666666666667],
         [3, 3.33333333333, 1.52752523165, 58.3333333333, 0.333333333333], [3, 2.33333333333, 0.57735026919, 33.3333333333, 0]]
GAS = [[-1.66666666667, 0, 27.1782267706], [0.5, 1, 56.2017367295], [0.333333333333, 0.666666666667, 54.5643546459],
       [0, 0.666666666667, 50], [0.666666666667, 1, 59.1287092918], [0.333333333333, 0.666666666667, 54.5643546459],
       [-0.666666666667, 0.333333333333, 40.8712907082]]


def test_goal_attainment_summary():
    goals = pd.read_csv(DATA / "process_goals.csv")
    out = pr.goal_attainment_summary(goals, 1, 5, threshold=4)
    close(out[["n_rated", "mean_rating", "sd_rating", "pomp", "share_attained"]], GOALS, TOL)
    assert (out["n_goals"] == 3).all() and out["gas_t"].isna().all()
    gas = pr.goal_attainment_summary(pd.read_csv(DATA / "process_goals_gas.csv"), -2, 2, threshold=0)
    close(gas[["mean_rating", "share_attained", "gas_t"]], GAS, TOL)


def test_goal_attainment_errors():
    goals = pd.read_csv(DATA / "process_goals.csv")
    with pytest.raises(InputError, match="outside the scale"):
        pr.goal_attainment_summary(goals, -2, 2, threshold=0)
    with pytest.raises(ConfigError, match="threshold"):
        pr.goal_attainment_summary(goals, 1, 5, threshold=6)
    with pytest.raises(ConfigError, match="attained_at"):
        pr.goal_attainment_summary(goals, 1, 5)


# --- attendance and change ------------------------------------------------------------------------

def test_attendance_change_link(attendance):
    change = pd.read_csv(DATA / "process_change.csv")
    row = pr.attendance_change_link(attendance, change).iloc[0]
    # R: cor.test rho; exact p over the 37800 distinct orderings of attendance counts; CI by formula
    assert row.n == 10 and (row.sessions_min, row.sessions_max) == (3, 7)
    close([row.rho, row.p, row.ci_low, row.ci_high],
          [-0.524023454602, 0.123544973545, -0.879121677009, 0.205192297177], TOL)
    assert "37800" in row.p_method and "n = 10" in row.caution and "not a dose-response" in row.caution


def test_attendance_change_link_no_variance(attendance):
    full = pd.DataFrame([{"participant_id": f"G{i:02d}", "session": s, "attended": 1.0}
                         for i in range(1, 11) for s in range(1, 8)])
    change = pd.read_csv(DATA / "process_change.csv")
    row = pr.attendance_change_link(full, change).iloc[0]
    assert math.isnan(row.rho) and "without variance" in row.p_method
    assert "range only 7-7" in row.caution
