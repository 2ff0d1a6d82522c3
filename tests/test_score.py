"""Scoring: sums, reverse keys, proration, levels (hand-computed expectations)."""
import numpy as np
import pandas as pd
import pytest
import yaml

from sweval.codebook import load_codebook
from sweval.score import assign_levels, level_cutoffs, score_scales


@pytest.fixture
def mini(tmp_path):
    data = {"instrument": "mini", "name": {"en": "Mini", "zh": "迷你"}, "direction": "higher",
            "response_scale": {"min": 1, "max": 4, "options": [{"code": c, "en": str(c), "zh": str(c)} for c in range(1, 5)]},
            "scoring": {"method": "sum", "min_answered_share": 0.75},
            "items": [{"id": f"a{k}", "number": k, "en": "x", "zh": "x", "reverse": k == 2} for k in range(1, 5)],
            "scales": [{"id": "total", "en": "T", "zh": "T", "items": "all"},
                       {"id": "pair", "en": "P", "zh": "P", "items": [1, 2], "parent": "total"}]}
    path = tmp_path / "mini.yaml"
    path.write_text(yaml.safe_dump(data), encoding="utf-8")
    return load_codebook(path)


def test_sum_reverse_and_proration(mini):
    responses = pd.DataFrame({"participant_id": ["A", "B", "C"], "wave": ["pre"] * 3,
                              "a1": [4, 4, np.nan], "a2": [1, np.nan, np.nan], "a3": [3, 2, 1], "a4": [2, 2, 1]})
    s = score_scales(responses, mini).set_index(["participant_id", "scale"])
    # A: a2 reversed 1 -> 4: 4 + 4 + 3 + 2 = 13
    assert s.loc[("A", "total"), "score"] == 13
    # B: 3 of 4 answered (75% >= 75%): mean(4, 2, 2) * 4 = 32/3
    assert s.loc[("B", "total"), "score"] == pytest.approx(32 / 3, abs=1e-12)
    assert s.loc[("B", "total"), "n_answered"] == 3
    # C: 2 of 4 answered: below the rule, missing
    assert np.isnan(s.loc[("C", "total"), "score"])
    # B pair: 1 of 2 answered (50%) -> missing
    assert np.isnan(s.loc[("B", "pair"), "score"])


def test_score_is_invariant_to_column_order(mini):
    responses = pd.DataFrame({"participant_id": ["A"], "wave": ["pre"], "a1": [4], "a2": [1], "a3": [3], "a4": [2]})
    shuffled = responses[["a4", "wave", "a2", "participant_id", "a3", "a1"]]
    pd.testing.assert_frame_equal(score_scales(responses, mini), score_scales(shuffled, mini))


def test_fixed_bands_and_levels(mini):
    scores = pd.DataFrame({"participant_id": list("ABC"), "wave": "pre", "scale": "total",
                           "score": [8, 12, 16], "item_mean": [2.0, 3.0, 4.0], "n_answered": 4, "n_items": 4,
                           "level": None})
    cut = level_cutoffs(scores, {"scale": "total", "method": "fixed_item_mean",
                                 "bands": [{"level": "low", "below": 2.5}, {"level": "medium", "below": 3.5},
                                           {"level": "high"}]}, "pre")
    assert "low < 2.5" in cut["rule"].iloc[0]
    assert assign_levels(scores, cut)["level"].tolist() == ["low", "medium", "high"]


def test_tertiles_and_mean_sd(mini):
    values = np.arange(1.0, 4.01, 0.25)
    scores = pd.DataFrame({"participant_id": [f"P{k}" for k in range(len(values))], "wave": "pre", "scale": "total",
                           "score": values * 4, "item_mean": values, "n_answered": 4, "n_items": 4, "level": None})
    tert = level_cutoffs(scores, {"scale": "total", "method": "tertiles"}, "pre")
    assert tert["upper"].iloc[0] == pytest.approx(np.quantile(values, 1 / 3))
    msd = level_cutoffs(scores, {"scale": "total", "method": "mean_sd", "sd_width": 1}, "pre")
    assert msd["upper"].iloc[0] == pytest.approx(values.mean() - values.std(ddof=1))
