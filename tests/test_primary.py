"""sweval.primary: roles of the primary analysis, Holm on both analyses, and the reconciliation of
the paired t with the mixed model, against R on the same data as tests/test_longitudinal.py.

Reference script: tests/reference/longitudinal_reference.R (block "contrasts and primary analysis";
R 4.2.2, nlme 3.1-162, stats::t.test, stats::p.adjust). Data: tests/data/longitudinal_msqr_film2.csv
(psychTools::msqR, FILM study, film 2: 31 participants, pre/post/follow, two scales, five
observations missing). Tolerances: 1e-4 absolute for estimates, SEs and p (as the longitudinal
tests), 1e-9 for the paired t and Holm values (closed formulas; R printed 10 significant digits).
"""
from __future__ import annotations

from pathlib import Path

import numpy as np
import pandas as pd
import pytest

from sweval import longitudinal as lg
from sweval import primary as pr
from sweval.errors import ConfigError
from sweval.paired import paired_table

DATA = Path(__file__).parent / "data" / "longitudinal_msqr_film2.csv"
WAVES = ["pre", "post", "follow"]
CONTRASTS = [("pre", "post"), ("pre", "follow"), ("post", "follow")]
TOL, TOL_EXACT = 1e-4, 1e-9

# nlme::lme, contrast L = (0, -1, 1): estimate, SE, df, p
R_LME_POST_FOLLOW = {"anxiety": (-3.640962153, 0.5725244746, 56, 3.930655378e-08),
                     "energy": (-2.258064516, 0.5437321988, 59, 0.0001072421833)}
# nlme p of the contrasts against pre (tests/test_longitudinal.py R_LME)
R_LME_P = {("anxiety", "pre->post"): 6.007108963e-08, ("energy", "pre->post"): 1.677337726e-01,
           ("anxiety", "pre->follow"): 7.512758947e-01, ("energy", "pre->follow"): 8.787333411e-03}
# t.test(later, earlier, paired = TRUE) on complete pairs: n, mean_diff, t, df, p
R_PAIRED = {
    ("anxiety", "pre->post"): (30, 3.466666667, 5.235322186, 29, 1.318853558e-05),
    ("anxiety", "pre->follow"): (28, -0.1785714286, -0.7078937673, 27, 0.4850777589),
    ("anxiety", "post->follow"): (27, -4.0, -5.834069218, 26, 3.780951494e-06),
    ("energy", "pre->post"): (30, 0.7, 1.072953276, 29, 0.2921397009),
    ("energy", "pre->follow"): (30, -1.466666667, -2.989052804, 29, 0.005651371031),
    ("energy", "post->follow"): (31, -2.258064516, -4.561123701, 30, 8.019863818e-05),
}
# p.adjust(c(p_anxiety, p_energy), "holm") within each contrast
R_HOLM = {"pre->post": {"paired": (2.637707117e-05, 0.2921397009), "lme": (1.201421793e-07, 0.1677337726)},
          "pre->follow": {"paired": (0.4850777589, 0.01130274206), "lme": (0.7512758947, 0.01757466682)},
          "post->follow": {"paired": (7.561902988e-06, 8.019863818e-05), "lme": (7.861310756e-08, 0.0001072421833)}}


@pytest.fixture(scope="module")
def scores():
    return pd.read_csv(DATA, dtype={"participant_id": str, "wave": str, "scale": str})


@pytest.fixture(scope="module")
def tables(scores):
    spec = pr.primary_spec({"primary": {"contrast": ["pre", "post"]}}, CONTRASTS, ["anxiety", "energy"])
    paired = pr.label_paired(paired_table(scores, CONTRASTS, {}, seed=1), spec)
    longitudinal = pr.label_longitudinal(lg.longitudinal_table(scores, WAVES, contrasts=CONTRASTS), spec)
    return spec, paired, longitudinal, pr.reconciliation_table(paired, longitudinal, spec, WAVES)


def test_spec_defaults_and_errors():
    spec = pr.primary_spec(None, [["pre", "post"], ["post", "follow"]], ["a", "b"])
    assert spec == {"analysis": "paired_t", "contrast": "pre->post", "family": ["a", "b"]}
    spec = pr.primary_spec({"holm_family": ["a"], "primary": {"analysis": "mixed_model",
                                                              "contrast": ["post", "follow"]}},
                           [["pre", "post"], ["post", "follow"]], ["a", "b"])
    assert spec == {"analysis": "mixed_model", "contrast": "post->follow", "family": ["a"]}
    with pytest.raises(ConfigError, match="'outcomes.primary.contrast'"):
        pr.primary_spec({"primary": {"contrast": ["follow", "pre"]}}, [["pre", "post"]], ["a"])
    with pytest.raises(ConfigError, match="'outcomes.primary.analysis'"):
        pr.primary_spec({"primary": {"analysis": "anova"}}, [["pre", "post"]], ["a"])


def test_mixed_model_later_contrast_matches_nlme(tables):
    _, _, longitudinal, _ = tables
    mixed = longitudinal[longitudinal["analysis"] == "mixed_model"]
    assert list(mixed["contrast"]) == ["pre->post", "pre->follow", "post->follow"] * 2
    rows = mixed[mixed["contrast"] == "post->follow"].set_index("scale")
    for scale, (est, se, df, p) in R_LME_POST_FOLLOW.items():
        row = rows.loc[scale]
        assert (row["wave_from"], row["wave_to"]) == ("post", "follow")
        assert row["estimate"] == pytest.approx(est, abs=TOL)
        assert row["se"] == pytest.approx(se, abs=TOL)
        assert row["df_within"] == df
        assert row["p_t"] == pytest.approx(p, abs=TOL)
        assert row["converged"]


def test_paired_t_matches_r(tables):
    _, paired, _, _ = tables
    for (scale, contrast), (n, diff, t, df, p) in R_PAIRED.items():
        row = paired[(paired["scale"] == scale) & (paired["contrast"] == contrast)].iloc[0]
        assert (row["n_pairs"], row["df"]) == (n, df)
        assert (row["mean_diff"], row["t"], row["p"]) == pytest.approx((diff, t, p), abs=TOL_EXACT)


def test_holm_on_both_analyses_matches_p_adjust(tables):
    _, paired, longitudinal, _ = tables
    mixed = longitudinal[longitudinal["analysis"] == "mixed_model"]
    for contrast, ref in R_HOLM.items():
        got_paired = paired.loc[paired["contrast"] == contrast, "p_holm"].to_numpy()
        got_mixed = mixed.loc[mixed["contrast"] == contrast, "p_holm"].to_numpy()
        np.testing.assert_allclose(got_paired, ref["paired"], atol=TOL_EXACT)
        # the lme p themselves agree with nlme to 1e-4 (REML optimum), so their Holm values too
        np.testing.assert_allclose(got_mixed, ref["lme"], atol=TOL)
    assert longitudinal.loc[longitudinal["analysis"] == "friedman", "p_holm"].isna().all()


def test_roles(tables):
    _, paired, longitudinal, recon = tables
    roles = paired.set_index(["scale", "contrast"])["role"]
    assert roles[("anxiety", "pre->post")] == "primary" and roles[("energy", "pre->post")] == "primary"
    assert roles[("anxiety", "post->follow")] == "secondary"
    assert list(paired.columns).index("role") == list(paired.columns).index("p_holm") + 1
    mixed = longitudinal[longitudinal["analysis"] == "mixed_model"].set_index(["scale", "contrast"])["role"]
    assert mixed[("anxiety", "pre->post")] == "sensitivity" and mixed[("energy", "pre->follow")] == "secondary"
    assert set(longitudinal.loc[longitudinal["analysis"] == "friedman", "role"]) == {"secondary"}
    # scales outside the family: exploratory, no Holm
    spec = pr.primary_spec({"holm_family": ["anxiety"]}, CONTRASTS, ["anxiety", "energy"])
    relabelled = pr.label_paired(paired.drop(columns="role"), spec).set_index(["scale", "contrast"])
    assert relabelled.loc[("energy", "pre->post"), "role"] == "exploratory"
    # the mixed model as primary: the paired t becomes its sensitivity analysis
    spec = pr.primary_spec({"primary": {"analysis": "mixed_model"}}, CONTRASTS, ["anxiety", "energy"])
    assert pr.label_paired(paired.drop(columns="role"), spec)["role"].iloc[0] == "sensitivity"
    assert recon.set_index(["scale", "contrast"]).loc[("anxiety", "pre->post"), "role"] == "primary"


def test_reconciliation(tables):
    _, _, _, recon = tables
    assert list(recon.columns) == pr.RECONCILIATION_COLUMNS
    assert len(recon) == 6
    row = recon.set_index(["scale", "contrast"]).loc[("anxiety", "pre->post")]
    # 31 children in the mixed model, 30 with both pre and post (one lacks post)
    assert (row["n_pairs"], row["n_participants"], row["n_without_pair"]) == (30, 31, 1)
    assert (row["df_paired"], row["df_mixed"]) == (29, 56)
    assert row["estimate_paired"] == pytest.approx(3.466666667, abs=TOL_EXACT)
    assert row["estimate_mixed"] == pytest.approx(3.4604963886, abs=TOL)   # nlme
    assert row["estimate_difference"] == pytest.approx(3.4604963886 - 3.466666667, abs=TOL)
    assert row["se_paired"] == pytest.approx(3.466666667 / 5.235322186, abs=1e-8)
    assert row["p_primary"] == pytest.approx(R_HOLM["pre->post"]["paired"][0], abs=TOL_EXACT)
    assert row["p_sensitivity"] == pytest.approx(R_HOLM["pre->post"]["lme"][0], abs=TOL)
    assert row["conclusions_agree"]
    why = row["why_they_differ"]
    assert "31 children" in why and "1 of them without both pre and post" in why
    assert "t(29)" in why and "t(56)" in why and "compound symmetry" in why
    # energy post->follow: all 31 have both waves, the estimates are equal
    row = recon.set_index(["scale", "contrast"]).loc[("energy", "post->follow")]
    assert row["n_without_pair"] == 0 and abs(row["estimate_difference"]) < 1e-6
    assert "so the estimates are equal" in row["why_they_differ"]
    # conclusions disagree where the two sides of alpha differ
    flipped = pr.reconciliation_table(*_tables_for(recon, tables), WAVES, alpha=0.0115)
    energy = flipped.set_index(["scale", "contrast"]).loc[("energy", "pre->follow")]
    assert energy["p_primary"] < 0.0115 < energy["p_sensitivity"] and not energy["conclusions_agree"]


def _tables_for(recon, tables):
    spec, paired, longitudinal, _ = tables
    return paired, longitudinal, spec
