"""Shipped codebooks (CYRM-12, CYRM-R) and a new instrument that is only a YAML file.

The new instrument is tests/data/instruments/anxiety20.yaml: a fictional 20-item anxiety-style
scale on 1-4, the 10 even-numbered items reverse-keyed, lower scores desirable. It goes through
scoring, paired tests, reliable change and reliability with no code change, and once through the
pipeline (clean -> score -> paired) in a temporary copy of the workflow. Expectations are computed
by hand in the tests.
"""
from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

import numpy as np
import pandas as pd
import pytest
from project import copy_project
import yaml

from sweval.change import reliable_change
from sweval.codebook import instrument_path, load_codebook
from sweval.paired import paired_table
from sweval.reliability import cronbach_alpha, reliability_table
from sweval.score import assign_levels, level_cutoffs, reverse_keyed, score_scales

ROOT = Path(__file__).resolve().parents[1]
ANXIETY = ROOT / "tests/data/instruments/anxiety20.yaml"
CYRM12_FROM_28 = [3, 5, 6, 8, 9, 15, 17, 21, 22, 24, 25, 27]
CYRMR_FROM_28 = [2, 3, 4, 5, 6, 7, 11, 12, 14, 16, 17, 18, 19, 20, 24, 25, 26]


# ---------------------------------------------------------------------------------------------
# shipped short forms


def _labels_by_number(cb) -> dict[int, tuple[str, str]]:
    return {i.number: (i.en, i.zh) for i in cb.items}


def test_cyrm12_is_twelve_cyrm28_items_and_one_total(codebook):
    cb = load_codebook(instrument_path("cyrm12"))
    assert [i.number for i in cb.items] == list(range(1, 13))
    assert cb.scale_ids == ["total"] and len(cb.scale("total").items) == 12
    assert (cb.min, cb.max, cb.direction) == (1, 5, "higher")
    full = _labels_by_number(codebook)
    assert [_labels_by_number(cb)[k] for k in range(1, 13)] == [full[n] for n in CYRM12_FROM_28]


def test_cyrm_r_personal_and_caregiver_partition_seventeen_items(codebook):
    cb = load_codebook(instrument_path("cyrm_r"))
    number = {i.id: i.number for i in cb.items}
    personal = sorted(number[i] for i in cb.scale("personal").items)
    caregiver = sorted(number[i] for i in cb.scale("caregiver").items)
    assert len(personal) == 10 and len(caregiver) == 7
    assert sorted(personal + caregiver) == list(range(1, 18))
    # the caregiver items are the CYRM-28 caregiver subscale (docs/conventions.md), by label
    full = _labels_by_number(codebook)
    cyrm28_caregiver = {full[n] for n in (5, 6, 7, 12, 17, 24, 26)}
    labels = _labels_by_number(cb)
    assert {labels[k] for k in caregiver} == cyrm28_caregiver
    assert [labels[k] for k in range(1, 18)] == [full[n] for n in CYRMR_FROM_28]


# ---------------------------------------------------------------------------------------------
# a new instrument: reverse keys and lower-is-better


@pytest.fixture(scope="module")
def anxiety():
    return load_codebook(ANXIETY)


def _simulate(cb, n: int = 60, seed: int = 7) -> pd.DataFrame:
    """One-factor data: anxious children answer worry items high and calm items low."""
    rng = np.random.default_rng(seed)
    theta = rng.normal(size=n)
    sign = np.array([-1.0 if i.reverse else 1.0 for i in cb.items])
    latent = theta[:, None] * sign[None, :] + rng.normal(scale=0.8, size=(n, len(cb.items)))
    codes = np.clip(np.round(2.5 + latent), 1, 4)
    frame = pd.DataFrame(codes, columns=cb.item_ids)
    frame.insert(0, "participant_id", [f"C{k:02d}" for k in range(n)])
    frame.insert(1, "wave", "pre")
    return frame


def test_codebook_loads_with_reverse_keys_and_direction(anxiety):
    assert len(anxiety.items) == 20 and anxiety.direction == "lower"
    assert [i.number for i in anxiety.items if i.reverse] == list(range(2, 21, 2))
    assert (anxiety.min, anxiety.max) == (1, 4)


def test_scores_apply_reverse_keys(anxiety):
    ids = anxiety.item_ids
    responses = pd.DataFrame([{"participant_id": "A", "wave": "pre", **{i: 4 for i in ids}},
                              {"participant_id": "B", "wave": "pre",
                               **{i: (4 if k % 2 == 0 else 1) for k, i in enumerate(ids)}}])
    s = score_scales(responses, anxiety).set_index(["participant_id", "scale"])["score"]
    # A: 10 worry items at 4, 10 calm items 4 -> 1 + 4 - 4 = 1
    assert s[("A", "total")] == 50 and s[("A", "worry")] == 40 and s[("A", "calm")] == 10
    # B: worry items (odd numbers, even positions) 4; calm items answered 1 -> 4: the maximum
    assert s[("B", "total")] == 80
    # one calm item missing: 19 of 20 answered (95% >= 80%): prorated total
    responses.loc[0, "anx_02"] = np.nan
    s = score_scales(responses, anxiety).set_index(["participant_id", "scale"])["score"]
    assert s[("A", "total")] == pytest.approx(49 / 19 * 20, abs=1e-12)


def _pre_post_items(anxiety, *, one_worse: bool = True) -> pd.DataFrame:
    """Item codes of 12 children at pre and post; anxiety falls by construction (each calm item
    up by 1, worry items unchanged). With ``one_worse`` one child's calm items all drop to 1, so
    the change is not identical for everyone."""
    pre = _simulate(anxiety, n=12, seed=3)
    calm = [i.id for i in anxiety.items if i.reverse]
    post = pre.assign(wave="post")
    post[calm] = np.minimum(post[calm] + 1, 4)
    if one_worse:
        post.loc[post.index[0], calm] = 1
    return pd.concat([pre, post], ignore_index=True)


def _pre_post(anxiety) -> pd.DataFrame:
    scores = score_scales(_pre_post_items(anxiety), anxiety, waves=["pre", "post"])
    return scores[["participant_id", "wave", "scale", "score"]]


def test_paired_table_reads_a_fall_as_improved(anxiety):
    scores = _pre_post(anxiety)
    directions = {s: anxiety.direction for s in anxiety.scale_ids}
    table = paired_table(scores, [("pre", "post")], directions, seed=1).set_index("scale")
    assert table.loc["total", "mean_diff"] < 0 and table.loc["total", "change"] == "improved"
    assert table.loc["total", "direction"] == "lower"
    # only the calm items were changed, so the worry subscale stays where it was
    assert table.loc["worry", "change"] == "no change"
    flipped = paired_table(scores, [("pre", "post")], {"total": "higher"}, seed=1)
    assert flipped.set_index("scale").loc["total", "change"] == "worsened"


def test_reliable_change_categories_flip_with_direction(anxiety):
    scores = pd.DataFrame({"participant_id": ["A", "A", "B", "B", "C", "C"],
                           "wave": ["pre", "post"] * 3, "scale": "total",
                           "score": [60, 50, 40, 50, 55, 54]})
    # S_diff = 5 sqrt(2) sqrt(1 - 0.9) = sqrt(5) = 2.236: A -4.47, B +4.47, C -0.45
    reference = pd.DataFrame({"scale": ["total"], "r_xx": [0.9], "r_xx_source": ["test"],
                              "sd_pre": [5.0], "sd_pre_source": ["test"]})
    lower = reliable_change(scores, [("pre", "post")], reference, {"total": anxiety.direction})
    higher = reliable_change(scores, [("pre", "post")], reference, {"total": "higher"})
    assert lower["s_diff"].iloc[0] == pytest.approx(5 ** 0.5, abs=1e-12)
    assert list(lower["rci_category"]) == ["reliable improvement", "reliable deterioration",
                                           "no reliable change"]
    assert list(higher["rci_category"]) == ["reliable deterioration", "reliable improvement",
                                            "no reliable change"]


def test_reliability_uses_reverse_keyed_items(anxiety):
    raw = _simulate(anxiety)
    keyed = reverse_keyed(raw, anxiety)
    scales = [{"id": s.id, "items": list(s.items), "parent": s.parent} for s in anxiety.scales]
    rel, items = reliability_table(keyed[["participant_id", "wave", *anxiety.item_ids]], scales,
                                   seed=1, n_boot=0)
    total = rel.set_index("scale").loc["total"]
    x = keyed[anxiety.item_ids].to_numpy(float)
    # alpha by hand: k/(k-1) (1 - sum of item variances / variance of the sum)
    k = x.shape[1]
    by_hand = k / (k - 1) * (1 - x.var(axis=0, ddof=1).sum() / x.sum(axis=1).var(ddof=1))
    assert total["alpha"] == pytest.approx(by_hand, abs=1e-12) and total["alpha"] > 0.8
    assert (items.query("scale == 'total'")["item_rest_r"] > 0).all()
    # without the reverse keys the calm items pull against the worry items
    assert cronbach_alpha(raw[anxiety.item_ids].to_numpy(float)) < 0.2


@pytest.mark.parametrize("method, extra", [("mean_sd", {"sd_width": 1}), ("tertiles", {})])
def test_sample_based_levels_from_scores(anxiety, method, extra):
    scores = score_scales(_simulate(anxiety), anxiety)
    cut = level_cutoffs(scores, {"scale": "total", "method": method, **extra}, "pre")
    leveled = assign_levels(scores, cut)
    total = leveled[leveled["scale"] == "total"]
    values = total["item_mean"]
    if method == "mean_sd":
        low_edge, high_edge = values.mean() - values.std(ddof=1), values.mean() + values.std(ddof=1)
        assert "-/+ 1 SD" in cut["rule"].iloc[0]
    else:
        low_edge, high_edge = values.quantile(1 / 3), values.quantile(2 / 3)
        assert cut["rule"].iloc[0].startswith("baseline tertiles")
    expected = np.where(values < low_edge, "low", np.where(values < high_edge, "medium", "high"))
    assert list(total["level"]) == list(expected)
    assert set(total["level"]) == {"low", "medium", "high"}


# ---------------------------------------------------------------------------------------------
# the pipeline, with nothing but a YAML codebook and a config


@pytest.mark.e2e
def test_pipeline_runs_a_new_instrument(tmp_path, anxiety):
    copy_project(tmp_path, example=False)
    shutil.copy2(ANXIETY, tmp_path / "anxiety20.yaml")     # the study's own codebook, beside its config
    export = _pre_post_items(anxiety, one_worse=False).rename(columns={"participant_id": "child"})
    (tmp_path / "data").mkdir()
    export.astype({i: int for i in anxiety.item_ids}).to_csv(tmp_path / "data/export.csv",
                                                             index=False)
    (tmp_path / "data/key.txt").write_text("0" * 64)
    config = {"instrument": "anxiety20.yaml", "waves": ["pre", "post"],
              "baseline_wave": "pre", "contrasts": [["pre", "post"]], "seed": 5,
              "privacy": {"key_env": "SWEVAL_TEST_UNSET_KEY", "key_file": "data/key.txt"},
              "surveys": [{"name": "both", "path": "data/export.csv", "format": "csv",
                           "wave_column": "wave", "id_column": "child",
                           "items": {"by_item_id": True}}]}
    (tmp_path / "config.yaml").write_text(yaml.safe_dump(config))
    proc = subprocess.run([sys.executable, "-m", "snakemake", "--cores", "2",
                           "results/effects/paired.csv"], cwd=tmp_path, capture_output=True,
                          text=True, timeout=600)
    assert proc.returncode == 0, proc.stderr[-3000:]
    paired = pd.read_csv(tmp_path / "results/effects/paired.csv").set_index("scale")
    assert list(paired.index) == ["total", "worry", "calm"]
    assert paired.loc["total", "n_pairs"] == 12 and paired.loc["total", "direction"] == "lower"
    assert paired.loc["total", "mean_diff"] < 0 and paired.loc["total", "change"] == "improved"
