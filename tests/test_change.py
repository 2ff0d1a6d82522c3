"""sweval.change against Jacobson & Truax (1991) formulas evaluated in R and by hand.

R values: tests/reference/change_reference.R (R 4.2.2, psych::alpha, psychTools::msqR).
Tolerance: 1e-4 absolute for S_diff, RCI and c; categories must match exactly.
"""
from __future__ import annotations

import math

import numpy as np
import pandas as pd
import pytest

from sweval import change
from sweval.errors import InputError

TOL = 1e-4

# psychTools::msqR, study FILM, film 2, 12 lowest ids; anxiety = afraid + scared + nervous +
# tense + jittery (same children as tests/test_paired.py)
IDS = [4, 5, 8, 9, 19, 20, 21, 26, 27, 28, 29, 37]
T1 = [1, 0, 0, 4, 0, 0, 0, 1, 1, 3, 1, 0]
T2 = [2, 3, 0, 10, 13, 5, 5, 4, 7, 9, 1, 5]
T3 = [0, 1, 0, 7, 0, 2, 0, 1, 0, 4, 1, 0]
# change_reference.R: all 94 complete FILM participants at time 1 as the "baseline survey"
R_XX = 0.7886786234   # psych::alpha raw_alpha
SD_PRE = 2.040793086  # sd of the anxiety sum
R_SDIFF = 1.326739587
R_RCI_12 = [0.7537274155, 2.2611822465, 0.0, 4.5223644931, 9.7984564017, 3.7686370776,
            3.7686370776, 2.2611822465, 4.5223644931, 4.5223644931, 0.0, 3.7686370776]
R_CAT_12_LOWER = ["none", "deteriorate", "none", "deteriorate", "deteriorate", "deteriorate",
                  "deteriorate", "deteriorate", "deteriorate", "deteriorate", "none",
                  "deteriorate"]
R_RCI_23 = [-1.507454831, -1.507454831, 0.0, -2.261182247, -9.798456402, -2.261182247,
            -3.768637078, -2.261182247, -5.276091909, -3.768637078, 0.0, -3.768637078]
R_CLIN_23 = ["unchanged", "unchanged", "unchanged", "improved", "recovered", "recovered",
             "recovered", "improved", "recovered", "recovered", "unchanged", "recovered"]
R_CUTOFF = 4.4  # made-up norms in change_reference.R: dys M 8 SD 3, fun M 2 SD 2
LABEL = {"none": "no reliable change", "improve": "reliable improvement",
         "deteriorate": "reliable deterioration"}


@pytest.fixture
def scores():
    rows = [{"participant_id": f"c{i:02d}", "wave": w, "scale": "anxiety", "score": float(v)}
            for w, values in (("pre", T1), ("post", T2), ("follow", T3))
            for i, v in zip(IDS, values)]
    rows.append({"participant_id": "c99", "wave": "pre", "scale": "anxiety", "score": 3.0})
    rows.append({"participant_id": "c99", "wave": "post", "scale": "anxiety", "score": np.nan})
    return pd.DataFrame(rows)


@pytest.fixture
def reference():
    return pd.DataFrame([{"scale": "anxiety", "r_xx": R_XX,
                          "r_xx_source": "baseline survey (n=94), wave pre, Cronbach alpha",
                          "sd_pre": SD_PRE, "sd_pre_source": "baseline survey (n=94), wave pre"}])


def test_hand_checked_formulas():
    # by hand: S_diff = 10 * sqrt(2) * sqrt(1 - 0.8) = 6.324555; RCI = (65 - 50)/6.324555 = 2.371708
    assert change.s_diff(10, 0.8) == pytest.approx(6.324555, abs=1e-6)
    assert change.rci(50, 65, change.s_diff(10, 0.8)) == pytest.approx(2.371708, abs=1e-6)
    # c = (3*2 + 2*8)/(3+2) = 4.4
    assert change.cutoff_c(8, 3, 2, 2) == pytest.approx(4.4, abs=1e-12)


@pytest.mark.parametrize("sd,r", [(0, 0.8), (2, 1.0), (2, -0.1), (2, np.nan), (np.nan, 0.8)])
def test_s_diff_undefined(sd, r):
    assert math.isnan(change.s_diff(sd, r))


def test_reliable_change_matches_r(scores, reference):
    out = change.reliable_change(scores, [("pre", "post")], reference, {"anxiety": "lower"})
    assert list(out.columns) == change.CHANGE_COLUMNS
    assert len(out) == 12  # c99 has a NaN post score: dropped for this contrast
    assert "c99" not in set(out["participant_id"])
    np.testing.assert_allclose(out["s_diff"], R_SDIFF, atol=TOL)
    np.testing.assert_allclose(out["rci"], R_RCI_12, atol=TOL)
    assert list(out["rci_category"]) == [LABEL[c] for c in R_CAT_12_LOWER]
    assert out["change"].tolist() == [b - a for a, b in zip(T1, T2)]
    assert out["cutoff_c"].isna().all() and out["clinical_category"].isna().all()
    assert "r_xx_source" not in out  # the sources are written once per scale (change_reference.csv)


def test_direction_flip(scores, reference):
    lower = change.reliable_change(scores, [("pre", "post")], reference, {"anxiety": "lower"})
    higher = change.reliable_change(scores, [("pre", "post")], reference, {})  # default higher
    swap = {"reliable improvement": "reliable deterioration",
            "reliable deterioration": "reliable improvement",
            "no reliable change": "no reliable change"}
    assert list(higher["rci_category"]) == [swap[c] for c in lower["rci_category"]]
    np.testing.assert_array_equal(higher["rci"], lower["rci"])  # RCI sign is always to - from


def test_clinical_categories_with_norms(scores, reference):
    norms = pd.DataFrame([{"scale": "anxiety", "mean_dys": 8, "sd_dys": 3, "mean_fun": 2,
                           "sd_fun": 2, "norms_source": "test values"}])
    out = change.reliable_change(scores, [("post", "follow")], reference, {"anxiety": "lower"},
                                 norms=norms)
    np.testing.assert_allclose(out["cutoff_c"], R_CUTOFF, atol=TOL)
    np.testing.assert_allclose(out["rci"], R_RCI_23, atol=TOL)
    assert list(out["clinical_category"]) == R_CLIN_23


def test_change_summary(scores, reference):
    out = change.reliable_change(scores, [("pre", "post"), ("post", "follow")], reference,
                                 {"anxiety": "lower"})
    summ = change.change_summary(out).set_index("contrast")
    # counts from change_reference.R's printed categories
    assert summ.loc["pre->post", ["n", "n_reliable_improvement", "n_no_reliable_change",
                                  "n_reliable_deterioration"]].tolist() == [12, 0, 3, 9]
    assert summ.loc["post->follow", ["n", "n_reliable_improvement", "n_no_reliable_change",
                                     "n_reliable_deterioration"]].tolist() == [12, 8, 4, 0]


def test_missing_reference_gives_nan(scores):
    empty = pd.DataFrame(columns=["scale", "r_xx", "r_xx_source", "sd_pre", "sd_pre_source"])
    out = change.reliable_change(scores, [("pre", "post")], empty, {})
    assert len(out) == 12 and out["rci"].isna().all() and out["rci_category"].isna().all()
    summ = change.change_summary(out)
    assert summ.loc[0, "n"] == 12 and summ.loc[0, "n_no_reliable_change"] == 0


def test_bad_inputs(scores, reference):
    with pytest.raises(InputError, match="higher"):
        change.reliable_change(scores, [("pre", "post")], reference, {"anxiety": "up"})
    with pytest.raises(InputError, match="r_xx_source"):
        change.reliable_change(scores, [("pre", "post")], reference.drop(columns="r_xx_source"),
                               {})
    with pytest.raises(InputError, match="more than once"):
        change.reliable_change(scores, [("pre", "post")], pd.concat([reference, reference]), {})


def test_rci_withheld_below_the_reliability_floor(scores, reference):
    # R_XX = .789: reported at the default floor .70, withheld at .80
    shown = change.reliable_change(scores, [("pre", "post")], reference, {"anxiety": "lower"})
    assert (shown["rci_note"] == "").all() and shown["rci"].notna().all()
    out = change.reliable_change(scores, [("pre", "post")], reference, {"anxiety": "lower"},
                                 min_reliability=0.80)
    assert len(out) == 12 and out["change"].notna().all()  # scores and change stay
    assert out["s_diff"].isna().all() and out["rci"].isna().all() and out["rci_category"].isna().all()
    assert set(out["rci_note"]) == {("RCI withheld: r_xx = 0.789 is below the reliability floor 0.80 "
                                     "(change.min_reliability), too unreliable for a statement about one child")}
    summ = change.change_summary(out)
    assert summ.loc[0, ["n_reliable_improvement", "n_no_reliable_change", "n_reliable_deterioration"]].sum() == 0
    assert summ.loc[0, "rci_note"].startswith("RCI withheld: r_xx = 0.789")
    assert change.change_summary(shown).loc[0, "rci_note"] == ""


@pytest.mark.parametrize("r_xx,sd,floor,expected", [
    (0.75, 2.0, 0.70, ""),
    (0.70, 2.0, 0.70, ""),                       # at the floor: reported
    (0.43, 1.4, 0.70, "RCI withheld: r_xx = 0.430 is below the reliability floor 0.70"),
    (np.nan, 1.4, 0.70, "RCI withheld: no reliability"),
    (0.90, 0.0, 0.70, "RCI withheld: S_diff undefined"),
    (1.00, 2.0, 0.70, "RCI withheld: S_diff undefined"),
    (0.43, 1.4, 0.0, ""),                        # a floor of 0 keeps every usable scale
])
def test_rci_withheld_reason(r_xx, sd, floor, expected):
    reason = change.rci_withheld_reason(r_xx, sd, floor)
    assert reason.startswith(expected) and (reason == "") == (expected == "")
