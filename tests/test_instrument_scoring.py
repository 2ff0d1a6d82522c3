"""Scoring and reliability of the shipped codebooks rses, gses, chs and pssm against R's psych.

Data and reference values: tests/reference/instruments_scoring.R (R 4.2.2, psych 2.2.9) wrote
tests/data/instrument_scoring/<instrument>.csv (simulated item codes: four respondents with
known answers, the others from a one-factor model, some with missing items) and
<instrument>_psych.csv (``psych::scoreItems`` item means with the reverse keys, per respondent and
scale), and printed R_RELIABILITY below. The R script states each instrument's keys from the
literature, independently of the YAML codebooks, so these tests also check the codebooks.

Tolerances: scale scores 1e-8 (R wrote item means to 10 decimals, times at most 18 items);
alpha, standardized alpha and mean inter-item r 1e-6 (R printed 6 decimals).
"""
from __future__ import annotations

from pathlib import Path

import numpy as np
import pandas as pd
import pytest

from sweval.codebook import instrument_path, load_codebook, normalise_text
from sweval.reliability import reliability_table
from sweval.score import reverse_keyed, score_scales

DATA = Path(__file__).parent / "data" / "instrument_scoring"
TOL_SCORE = 1e-8
TOL_REL = 1e-6

# the keys as tests/reference/instruments_scoring.R states them (from the literature)
KEYS = {
    "rses": {"range": (1, 4), "reverse": [2, 5, 6, 8, 9], "method": "sum", "scales": {"total": list(range(1, 11))}},
    "gses": {"range": (1, 4), "reverse": [], "method": "sum", "scales": {"total": list(range(1, 11))}},
    "chs": {"range": (1, 6), "reverse": [], "method": "sum",
            "scales": {"total": list(range(1, 7)), "agency": [1, 3, 5], "pathways": [2, 4, 6]}},
    "pssm": {"range": (1, 5), "reverse": [3, 6, 9, 12, 16], "method": "mean", "scales": {"total": list(range(1, 19))}},
}

# tests/reference/instruments_scoring.R output: complete cases per scale; alpha = psych::alpha
# raw_alpha, scoreitems_alpha = scoreItems' alpha, std_alpha = psych::alpha std.alpha, average_r =
# psych::alpha average_r (scoreitems_av_r, scoreItems' av.r, is alpha turned back into an r and
# is not used)
R_RELIABILITY = {
    ("rses", "total"): {"n": 134, "alpha": 0.872434, "scoreitems_alpha": 0.872434, "std_alpha": 0.871041, "average_r": 0.403142, "scoreitems_av_r": 0.406144},
    ("gses", "total"): {"n": 134, "alpha": 0.914718, "scoreitems_alpha": 0.914718, "std_alpha": 0.914235, "average_r": 0.515969, "scoreitems_av_r": 0.517510},
    ("chs", "total"): {"n": 134, "alpha": 0.839425, "scoreitems_alpha": 0.839425, "std_alpha": 0.837664, "average_r": 0.462369, "scoreitems_av_r": 0.465604},
    ("chs", "agency"): {"n": 140, "alpha": 0.670447, "scoreitems_alpha": 0.670447, "std_alpha": 0.667386, "average_r": 0.400778, "scoreitems_av_r": 0.404101},
    ("chs", "pathways"): {"n": 141, "alpha": 0.790027, "scoreitems_alpha": 0.790027, "std_alpha": 0.789536, "average_r": 0.555649, "scoreitems_av_r": 0.556379},
    ("pssm", "total"): {"n": 134, "alpha": 0.936652, "scoreitems_alpha": 0.936652, "std_alpha": 0.936184, "average_r": 0.449036, "scoreitems_av_r": 0.450981},
}

# Known answers, by hand (see the R script for H1-H4):
# RSES  H1 all 1: 5 positive items x 1 + 5 reversed items x 4 = 25; H2 all 4: 20 + 5 = 25; H3 40;
#       H4 item 1 missing, others 2: reversed 5 x 3 + positive 4 x 2 = 23 over 9 items, x 10.
# GSES  10, 40, 40, H4 2 x 10 = 20.   CHS total 6, 36, 36, H4 mean 3 x 6 = 18;
#       agency (items 1 3 5) H4: 2 of 3 answered < 80% -> missing; pathways H4 9.
# PSSM  (item mean) H1 (13 x 1 + 5 x 5)/18; H2 (13 x 5 + 5 x 1)/18; H3 5; H4 all 3 -> 3.
KNOWN = {
    ("rses", "total"): [25, 25, 40, 230 / 9],
    ("gses", "total"): [10, 40, 40, 20],
    ("chs", "total"): [6, 36, 36, 18],
    ("chs", "agency"): [3, 18, 18, np.nan],
    ("chs", "pathways"): [3, 18, 18, 9],
    ("pssm", "total"): [38 / 18, 70 / 18, 5, 3],
}
NAMES = list(KEYS)


def _responses(name: str) -> pd.DataFrame:
    return pd.read_csv(DATA / f"{name}.csv")


@pytest.mark.parametrize("name", NAMES)
def test_codebook_keys_match_the_literature(name):
    cb = load_codebook(instrument_path(name))
    keys = KEYS[name]
    assert (cb.min, cb.max) == keys["range"] and cb.direction == "higher"
    assert [i.number for i in cb.items if i.reverse] == keys["reverse"]
    assert cb.scoring_method == keys["method"]
    number = {i.id: i.number for i in cb.items}
    assert {s.id: [number[i] for i in s.items] for s in cb.scales} == keys["scales"]
    assert [i.id for i in cb.items] == [f"{name}_{k:02d}" for k in range(1, len(cb.items) + 1)]


@pytest.mark.parametrize("name", NAMES)
def test_scale_scores_match_psych_score_items(name):
    cb = load_codebook(instrument_path(name))
    got = score_scales(_responses(name), cb).set_index(["participant_id", "scale"])
    ref = pd.read_csv(DATA / f"{name}_psych.csv").set_index(["participant_id", "scale"])
    assert set(got.index) == set(ref.index)
    got = got.loc[ref.index]
    enough = ref["n_answered"] >= cb.min_answered_share * ref["n_items"] - 1e-9
    per_item = ref["psych_item_mean"] * (ref["n_items"] if cb.scoring_method == "sum" else 1)
    expected = per_item.where(enough)
    np.testing.assert_allclose(got["score"].to_numpy(float), expected.to_numpy(float),
                               rtol=0, atol=TOL_SCORE)
    assert (got["n_answered"] == ref["n_answered"]).all()
    # the rule is exercised: some scores prorated, and (except for the 18-item PSSM, where 15 of
    # 18 answered is enough) some missing
    assert (enough & (ref["n_answered"] < ref["n_items"])).any()
    assert (~enough).any() == (name != "pssm")


@pytest.mark.parametrize("name", NAMES)
def test_known_answers(name):
    cb = load_codebook(instrument_path(name))
    got = score_scales(_responses(name), cb).set_index(["participant_id", "scale"])["score"]
    for (inst, scale), values in KNOWN.items():
        if inst == name:
            np.testing.assert_allclose([got[(p, scale)] for p in ("H1", "H2", "H3", "H4")], values,
                                       rtol=0, atol=1e-12)


@pytest.mark.parametrize("name", NAMES)
def test_reliability_matches_psych(name):
    cb = load_codebook(instrument_path(name))
    keyed = reverse_keyed(_responses(name), cb)
    scales = [{"id": s.id, "items": list(s.items), "parent": s.parent} for s in cb.scales]
    rel, _ = reliability_table(keyed[["participant_id", "wave", *cb.item_ids]], scales, seed=1, n_boot=0)
    rel = rel.set_index("scale")
    for (inst, scale), ref in R_RELIABILITY.items():
        if inst != name:
            continue
        row = rel.loc[scale]
        assert row["n"] == ref["n"], scale
        assert row["alpha"] == pytest.approx(ref["alpha"], abs=TOL_REL)
        assert row["alpha"] == pytest.approx(ref["scoreitems_alpha"], abs=TOL_REL)
        assert row["spearman_brown"] == pytest.approx(ref["std_alpha"], abs=TOL_REL)
        assert row["mean_inter_item_r"] == pytest.approx(ref["average_r"], abs=TOL_REL)


def test_reverse_keys_matter_for_reliability():
    # without its reverse keys the RSES's negatively worded items pull against the others
    from sweval.reliability import cronbach_alpha

    cb = load_codebook(instrument_path("rses"))
    raw = _responses("rses")[cb.item_ids].dropna().to_numpy(float)
    assert cronbach_alpha(raw) < 0.3 < R_RELIABILITY[("rses", "total")]["alpha"]


@pytest.mark.parametrize("name", ["rses", "gses", "chs", "pssm", "cyrm28", "cyrm12", "cyrm_r"])
def test_option_texts_and_aliases_name_one_code(name):
    cb = load_codebook(instrument_path(name))
    seen: dict[str, int] = {}
    for opt in cb.options:
        for text in [opt["en"], opt["zh"], *opt.get("aliases", [])]:
            key = normalise_text(text)
            assert seen.setdefault(key, opt["code"]) == opt["code"], (name, text)
    assert sorted({o["code"] for o in cb.options}) == list(range(cb.min, cb.max + 1))


def test_rses_reads_the_chinese_manual_options_by_text():
    # the Chinese manual prints 非常符合 / 符合 / 不符合 / 很不符合 (numbered 1-4 the other way round):
    # read by text they land on agreement codes 4..1
    table = load_codebook(instrument_path("rses")).text_to_code()
    assert [table[normalise_text(t)] for t in ("非常符合", "符合", "不符合", "很不符合")] == [4, 3, 2, 1]
