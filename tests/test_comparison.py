"""sweval.comparison against R: lm + car::Anova (type III), effectsize, emmeans, nlme::lme.

Reference script: tests/reference/comparison_reference.R, which also wrote the data files
tests/data/comparison_anorexia.csv (MASS::anorexia: CBT = group, Cont = comparison, FT = no arm;
two post weights set missing) and tests/data/comparison_orthodont.csv (nlme::Orthodont: Female =
group, Male = comparison, ages 8-14 as four waves; three observations set missing).
Tolerances: 1e-4 absolute for estimates, SEs, t, F, p, partial eta squared, adjusted means and
variance components; 1e-3 for confidence intervals.
"""
from __future__ import annotations

from pathlib import Path

import numpy as np
import pandas as pd
import pytest

from sweval import comparison as cm
from sweval.errors import InputError

TOL, TOL_CI = 1e-4, 1e-3
DATA = Path(__file__).parent / "data"
ORTHO_WAVES = ["age08", "age10", "age12", "age14"]

# lm(post ~ pre + arm): arm coefficient (estimate, SE, t, p, CI low, CI high), df, slope of pre;
# car::Anova(type = 3) F of arm; effectsize partial eta^2 of arm; emmeans (comparison, group);
# anova(lm(post ~ pre * arm)) pre:arm F and p
R_ANCOVA = {
    "anorexia": dict(n=(28, 25), est=(4.3815614907, 1.9154412510, 2.287494586, 0.0264333787059,
                                      0.53428451227, 8.2288384692),
                     df=50, slope=0.2888045283, f=5.23263, eta=0.09473804414,
                     emm=(81.11917506, 85.50073655), slopes=(10.00494186, 0.002680279349)),
    "orthodont": dict(n=(9, 16), est=(-2.6074784350, 0.8828858304, -2.953358572, 0.0073456667205,
                                      -4.4384715807, -0.7764852893),
                      df=22, slope=0.5041589649, f=8.72233, eta=0.2839084062,
                      emm=(27.15869224, 24.55121380), slopes=(4.367848383, 0.04897184056)),
}
# lme(score ~ wave * arm, random = ~1 | participant_id, REML): term -> (Value, Std.Error, DF,
# p-value, lower, upper); variance components (participant, residual); n_obs
R_LME = {
    "anorexia": {
        ("arm", "pre"): (1.1319628647, 1.666575681, 53, 4.999573742e-01, -2.2107646330, 4.474690362),
        ("wave", "post"): (-0.5773277228, 1.543349964, 51, 7.098997183e-01, -3.6757320623, 2.521076617),
        ("wave x arm", "post"): (3.6039282013, 2.124161783, 51, 9.586180249e-02, -0.6605045204,
                                 7.868360923),
        "var": (7.840813088, 30.23583733), "n_obs": 108},
    "orthodont": {
        ("arm", "age08"): (-1.6931818182, 0.9002560350, 25, 7.170019900e-02, -3.54729382969,
                           0.1609301933),
        ("wave", "age10"): (0.9375, 0.5008664215, 72, 6.530231846e-02, -0.06095896297, 1.9359589630),
        ("wave", "age12"): (2.9369960106, 0.5114138737, 72, 2.066310088e-07, 1.91751108597,
                            3.9564809352),
        ("wave", "age14"): (4.59375, 0.5008664215, 72, 1.001803926e-13, 3.59529103703, 5.5922089630),
        ("wave x arm", "age10"): (0.1079545455, 0.7847068734, 72, 8.909618329e-01, -1.45633001712,
                                  1.6722391080),
        ("wave x arm", "age12"): (-1.0279051015, 0.7914807990, 72, 1.981870795e-01, -2.60569323797,
                                  0.5498830349),
        ("wave x arm", "age14"): (-1.7601899312, 0.8170263418, 72, 3.455666554e-02, -3.38890217667,
                                  -0.1314776857),
        "var": (3.276067194, 2.006937377), "n_obs": 105},
}


def _read(name: str) -> pd.DataFrame:
    return pd.read_csv(DATA / f"comparison_{name}.csv", dtype={"participant_id": str, "arm": str},
                       keep_default_na=False, na_values=[""])


@pytest.fixture(scope="module")
def anorexia():
    return _read("anorexia")


@pytest.fixture(scope="module")
def orthodont():
    return _read("orthodont")


@pytest.mark.parametrize("name, waves", [("anorexia", ("pre", "post")),
                                         ("orthodont", ("age08", "age14"))])
def test_ancova_matches_r(name, waves):
    d = _read(name)
    row = cm.ancova_table(d, d[["participant_id", "arm"]], pre_wave=waves[0],
                          post_wave=waves[1]).iloc[0]
    ref = R_ANCOVA[name]
    assert (row["n_group"], row["n_comparison"]) == ref["n"]
    assert row["n_excluded"] == 2
    est, se, t, p, lo, hi = ref["est"]
    assert row["estimate"] == pytest.approx(est, abs=TOL)
    assert row["se"] == pytest.approx(se, abs=TOL)
    assert row["t"] == pytest.approx(t, abs=TOL)
    assert row["p"] == pytest.approx(p, abs=TOL)
    assert row["ci_low"] == pytest.approx(lo, abs=TOL_CI)
    assert row["ci_high"] == pytest.approx(hi, abs=TOL_CI)
    assert row["df"] == ref["df"]
    assert row["slope_from"] == pytest.approx(ref["slope"], abs=TOL)
    assert row["f"] == pytest.approx(ref["f"], abs=TOL)
    assert row["partial_eta_sq"] == pytest.approx(ref["eta"], abs=TOL)
    assert row["adj_mean_comparison"] == pytest.approx(ref["emm"][0], abs=TOL)
    assert row["adj_mean_group"] == pytest.approx(ref["emm"][1], abs=TOL)
    assert row["slopes_interaction_f"] == pytest.approx(ref["slopes"][0], abs=TOL)
    assert row["slopes_interaction_p"] == pytest.approx(ref["slopes"][1], abs=TOL)
    assert row["favours"] == ("group" if est > 0 else "comparison")


@pytest.mark.parametrize("name, waves", [("anorexia", ["pre", "post"]),
                                         ("orthodont", ORTHO_WAVES)])
def test_group_by_time_matches_nlme(name, waves):
    d = _read(name)
    table = cm.group_by_time_table(d, d[["participant_id", "arm"]], waves)
    assert list(table.columns) == cm.GROUP_BY_TIME_COLUMNS
    ref = R_LME[name]
    assert len(table) == 1 + 2 * (len(waves) - 1)
    for _, row in table.iterrows():
        est, se, df, p_t, lo, hi = ref[(row["term"], row["wave_to"])]
        assert row["estimate"] == pytest.approx(est, abs=TOL)
        assert row["se"] == pytest.approx(se, abs=TOL)
        assert row["df"] == df
        assert row["p_t"] == pytest.approx(p_t, abs=TOL)
        assert row["ci_t_low"] == pytest.approx(lo, abs=TOL_CI)
        assert row["ci_t_high"] == pytest.approx(hi, abs=TOL_CI)
        assert row["var_participant"] == pytest.approx(ref["var"][0], rel=TOL_CI)
        assert row["var_residual"] == pytest.approx(ref["var"][1], rel=TOL_CI)
        assert row["n_observations"] == ref["n_obs"]
        assert row["converged"]
    assert table.loc[table["term"] == "wave", "favours"].isna().all()


def test_direction_lower_flips_favours(orthodont):
    arms = orthodont[["participant_id", "arm"]]
    up = cm.ancova_table(orthodont, arms, pre_wave="age08", post_wave="age14")
    down = cm.ancova_table(orthodont, arms, pre_wave="age08", post_wave="age14",
                           directions={"distance": "lower"})
    assert up["favours"].iloc[0] == "comparison" and down["favours"].iloc[0] == "group"


def test_children_without_an_arm_are_left_out(anorexia):
    arms = anorexia[["participant_id", "arm"]]
    assert cm.arm_of(arms).size == 55  # the 17 FT girls have arm ""
    blanked = anorexia.assign(arm=anorexia["arm"].replace("comparison", "other"))
    assert not cm.has_comparison_group(blanked[["participant_id", "arm"]])


def test_no_comparison_group_gives_a_note_row(anorexia):
    group_only = anorexia[anorexia["arm"] == "group"]
    for arms in (None, group_only[["participant_id"]], group_only[["participant_id", "arm"]]):
        out = cm.comparison_table(group_only, arms, waves=["pre", "post"])
        assert list(out.columns) == ["analysis", "note"] and len(out) == 1
        assert "no comparison group" in out["note"].iloc[0]


def test_comparison_table_has_both_analyses(orthodont):
    out = cm.comparison_table(orthodont, orthodont[["participant_id", "arm"]], waves=ORTHO_WAVES)
    assert list(out["analysis"].unique()) == ["ancova", "group_by_time"]
    assert list(out.loc[out["analysis"] == "ancova", "wave_to"]) == ORTHO_WAVES[1:]


def test_too_few_children_give_nan_not_an_error(anorexia):
    few = anorexia[anorexia["participant_id"].isin(["a01", "a30", "a31", "a32"])]
    arms = few[["participant_id", "arm"]]
    row = cm.ancova_table(few, arms, pre_wave="pre", post_wave="post").iloc[0]
    assert np.isnan(row["estimate"]) and row["note"].startswith("not fitted")
    mixed = cm.group_by_time_table(few, arms, ["pre", "post"])
    assert mixed["estimate"].isna().all() and mixed["note"].str.startswith("not fitted").all()


def test_a_child_in_both_arms_is_an_error(anorexia):
    arms = pd.concat([anorexia[["participant_id", "arm"]],
                      pd.DataFrame({"participant_id": ["a01"], "arm": ["group"]})])
    with pytest.raises(InputError, match="both arms"):
        cm.ancova_table(anorexia, arms, pre_wave="pre", post_wave="post")


def test_one_wave_gives_a_note_row(orthodont):
    out = cm.comparison_table(orthodont, orthodont[["participant_id", "arm"]], waves=["age08"])
    assert list(out["analysis"]) == ["none"] and "one wave" in out["note"].iloc[0]
