"""The exact Wilcoxon signed-rank and sign-flip tests of sweval.paired against R's coin.

Data: tests/data/paired_exact.csv, written by tests/reference/paired_exact.R (R 4.2.2, coin
1.4.2), which printed R_EXACT below: per data set, coin's exact Wilcoxon p
(``wilcoxsign_test(distribution = "exact", zero.method = "Wilcoxon")``, zeros dropped as
docs/conventions.md documents), coin's exact symmetry test of the pairs (the sign-flip test of
sum(d)), and for up to 30 pairs the same two p values by brute-force enumeration of all 2^n sign
patterns in R. Data sets: sums of Likert items at 29, 88 and 540 pairs (ties and zero
differences), item means in tenths (88 pairs), prorated sums in multiples of 1/27 (40 pairs),
continuous differences on no grid (25 pairs), and the 300 differences of paired_asymptotic.R.

Tolerances: R printed 12 significant digits and both sides compute the exact distribution in
floating point, so p values are checked to 1e-9 relative (1e-12 absolute for tiny p); V is an
exact half-integer.
"""
from __future__ import annotations

import math
from fractions import Fraction
from pathlib import Path

import numpy as np
import pandas as pd
import pytest

from sweval import paired as pd_

DATA = Path(__file__).parent / "data" / "paired_exact.csv"
REL = 1e-9      # p values (exact against exact)
ABS = 1e-12
NA = None

# tests/reference/paired_exact.R output. wilcoxon_p_raw_floats: coin on the raw floats, where
# R splits ties such as 1.5 - 1.3 vs 0.2 (only mean88 differs); sweval judges ties at 9
# significant digits, which matches coin on the rounded differences (wilcoxon_p).
R_EXACT = {
    "likert29": {"n": 29, "n_zero": 3, "V": 245.5, "wilcoxon_p": 0.0748730897903, "perm_p": 0.0913655757904, "wilcoxon_p_brute": 0.0748730897903, "perm_p_brute": 0.0913655757904, "wilcoxon_p_raw_floats": 0.0748730897903},
    "likert88": {"n": 88, "n_zero": 5, "V": 1724.5, "wilcoxon_p": 0.934132670346, "perm_p": 0.976021970415, "wilcoxon_p_brute": NA, "perm_p_brute": NA, "wilcoxon_p_raw_floats": 0.934132670346},
    "mean88": {"n": 88, "n_zero": 2, "V": 2600, "wilcoxon_p": 0.00144919527786, "perm_p": 0.00184066448226, "wilcoxon_p_brute": NA, "perm_p_brute": NA, "wilcoxon_p_raw_floats": 0.00146386915298},
    "prorated40": {"n": 40, "n_zero": 3, "V": 523, "wilcoxon_p": 0.00859296639101, "perm_p": 0.00643763592234, "wilcoxon_p_brute": NA, "perm_p_brute": NA, "wilcoxon_p_raw_floats": 0.00859296639101},
    "real25": {"n": 25, "n_zero": 0, "V": 192, "wilcoxon_p": 0.441837370396, "perm_p": NA, "wilcoxon_p_brute": 0.441837370396, "perm_p_brute": 0.387401401997, "wilcoxon_p_raw_floats": 0.441837370396},
    "likert540": {"n": 540, "n_zero": 38, "V": 71410, "wilcoxon_p": 0.0105400433774, "perm_p": 0.0153828804994, "wilcoxon_p_brute": NA, "perm_p_brute": NA, "wilcoxon_p_raw_floats": 0.0105400433774},
    "sin300": {"n": 300, "n_zero": 8, "V": 27266.5, "wilcoxon_p": 4.02425832079e-05, "perm_p": 0.000251027577082, "wilcoxon_p_brute": NA, "perm_p_brute": NA, "wilcoxon_p_raw_floats": 4.02425832079e-05},
}
STEP = {"likert29": Fraction(1), "likert88": Fraction(1), "mean88": Fraction(1, 10),
        "prorated40": Fraction(1, 27), "likert540": Fraction(1), "sin300": Fraction(1)}


@pytest.fixture(scope="module")
def pairs() -> dict[str, tuple[np.ndarray, np.ndarray]]:
    table = pd.read_csv(DATA)
    return {k: (g["pre"].to_numpy(float), g["post"].to_numpy(float))
            for k, g in table.groupby("dataset", sort=False)}


def _diff(pairs, name):
    pre, post = pairs[name]
    return post - pre


def test_data_sets_have_ties_and_zeros(pairs):
    assert list(pairs) == list(R_EXACT)
    for name, ref in R_EXACT.items():
        d = _diff(pairs, name)
        assert d.size == ref["n"], name
        if name != "real25":
            assert np.unique(np.round(np.abs(d), 9)).size < d.size, name  # tied |d|
    assert (_diff(pairs, "likert540") != 0).sum() >= 500


@pytest.mark.parametrize("name", list(R_EXACT))
def test_wilcoxon_is_coins_exact_test(pairs, name):
    ref = R_EXACT[name]
    got = pd_.wilcoxon_exact(_diff(pairs, name))
    assert got["v"] == ref["V"] and got["n_zero"] == ref["n_zero"]
    assert got["p"] == pytest.approx(ref["wilcoxon_p"], rel=REL, abs=ABS)
    if ref["wilcoxon_p_brute"] is not None:  # R's enumeration of all 2^m patterns, not coin
        assert got["p"] == pytest.approx(ref["wilcoxon_p_brute"], rel=REL, abs=ABS)
    assert got["method"].startswith("exact conditional distribution over all 2^")
    assert "shift algorithm" in got["method"] and "Wilcoxon zero method" in got["method"]


@pytest.mark.parametrize("name", list(R_EXACT))
def test_sign_flip_is_coins_exact_symmetry_test(pairs, name):
    ref = R_EXACT[name]
    p, method = pd_.sign_flip_p(_diff(pairs, name), seed=1)
    expected = ref["perm_p"] if ref["perm_p"] is not None else ref["perm_p_brute"]
    assert p == pytest.approx(expected, rel=REL, abs=ABS)
    if ref["perm_p_brute"] is not None:
        assert p == pytest.approx(ref["perm_p_brute"], rel=REL, abs=ABS)
    if name in STEP:  # on a grid: the shift algorithm, and the method names the step
        assert method == (f"exact over all 2^{ref['n']} sign flips (shift algorithm; "
                          f"differences are multiples of {STEP[name]})")
    else:             # continuous differences: every pattern enumerated
        assert method == f"exact, all 2^{ref['n']} sign flips enumerated"


def test_grid_is_found_despite_float_noise(pairs):
    for name, step in STEP.items():
        d = _diff(pairs, name)
        k, found = pd_._on_grid(d, pd_.EXACT_MAX_GRID)
        assert found == step, name
        np.testing.assert_allclose(k * float(step), np.abs(d), rtol=0, atol=1e-9 * np.abs(d).max())
    assert pd_._on_grid(_diff(pairs, "real25"), pd_.EXACT_MAX_GRID) is None
    # 3.7 - 3.1 and 0.3 - 0.1 carry binary noise; the grid is still tenths
    k, step = pd_._on_grid(np.array([3.7 - 3.1, 0.3 - 0.1, -0.5, 0.0]), 100)
    assert step == Fraction(1, 10) and list(k) == [6, 2, 5, 0]


def test_enumeration_and_shift_algorithm_agree(pairs):
    # 29 pairs on a grid: forced off the shift branch, the 2^29 enumeration gives the same p
    d = _diff(pairs, "likert29")
    p_shift, _ = pd_.sign_flip_p(d)
    p_enum, method = pd_.sign_flip_p(d, exact_max_n=0)
    assert method.endswith("enumerated") and p_enum == pytest.approx(p_shift, rel=1e-12)
    # a grid too fine for the length limit falls back to enumeration as well
    p_fine, method = pd_.sign_flip_p(d, exact_max_grid=10)
    assert method.endswith("enumerated") and p_fine == pytest.approx(p_shift, rel=1e-12)


def test_limit_counts_non_zero_differences(pairs):
    # likert29: 26 non-zero differences, as for the Wilcoxon test (wilcoxon_exact's limit)
    d = _diff(pairs, "likert29")
    assert "shift algorithm" in pd_.sign_flip_p(d, exact_max_n=26)[1]
    assert pd_.sign_flip_p(d, exact_max_n=25)[1].endswith("enumerated")
    assert pd_.wilcoxon_exact(d, exact_max_n=26)["method"].startswith("exact")
    assert pd_.wilcoxon_exact(d, exact_max_n=25)["method"].startswith("normal approximation")


def test_monte_carlo_branch_agrees_with_r_exact(pairs):
    # forced into Monte Carlo (no grid, no enumeration): 100,000 draws. Tolerance 4 binomial SEs
    # of p around coin's exact value.
    d = _diff(pairs, "prorated40")
    ref = R_EXACT["prorated40"]["perm_p"]
    p, method = pd_.sign_flip_p(d, seed=20240617, exact_max_n=0, enumerate_max_n=0)
    assert method == "Monte Carlo, 100000 random sign flips (seed 20240617)"
    assert p == pytest.approx(ref, abs=4 * math.sqrt(ref * (1 - ref) / 100_000))
    assert pd_.sign_flip_p(d, seed=20240617, exact_max_n=0, enumerate_max_n=0)[0] == p


def test_normal_approximations_only_beyond_the_limits(pairs):
    # tests/reference/paired_asymptotic.R (wilcox.test(exact = FALSE, correct = FALSE) and the
    # normal approximation of the sign-flip distribution), 1e-8 relative; forced by the limits
    d = _diff(pairs, "sin300")
    w = pd_.wilcoxon_exact(d, exact_max_n=200)
    assert w["p"] == pytest.approx(4.560327493e-05, rel=1e-8)
    assert w["method"].startswith("normal approximation") and "292 non-zero differences > 200" in w["method"]
    p, method = pd_.sign_flip_p(d, exact_max_n=200)
    assert p == pytest.approx(0.000260046701, rel=1e-8) and method.startswith("normal approximation")
    # by default the same 300 pairs get the exact p (R_EXACT["sin300"]), 12% below the normal one
    assert pd_.wilcoxon_exact(d)["p"] == pytest.approx(R_EXACT["sin300"]["wilcoxon_p"], rel=REL)


def test_paired_table_is_exact_at_29_and_88_pairs(pairs):
    rows = []
    for name in ("likert29", "likert88"):
        pre, post = pairs[name]
        for i, (a, b) in enumerate(zip(pre, post)):
            rows += [{"participant_id": f"{name}-{i}", "wave": "pre", "scale": name, "score": a},
                     {"participant_id": f"{name}-{i}", "wave": "post", "scale": name, "score": b}]
    table = pd_.paired_table(pd.DataFrame(rows), [("pre", "post")], {}, seed=3).set_index("scale")
    for name in ("likert29", "likert88"):
        row = table.loc[name]
        assert row["wilcoxon_p"] == pytest.approx(R_EXACT[name]["wilcoxon_p"], rel=REL)
        assert row["perm_p"] == pytest.approx(R_EXACT[name]["perm_p"], rel=REL)
        assert row["wilcoxon_method"].startswith("exact") and row["perm_method"].startswith("exact")


def test_shift_p_by_hand():
    # weights 1, 2, 3: the 8 positive parts 0 1 2 3 3 4 5 6; observed positive part 6 (all +):
    # |2P - 6| >= 6 for P in {0, 6}: p = 2/8. Observed 3: every pattern is as extreme: p = 1.
    assert pd_._shift_p([1, 2, 3], 6) == 0.25
    assert pd_._shift_p([3, 1, 2], 0) == 0.25
    assert pd_._shift_p([1, 2, 3], 3) == 1.0
    # P = 4 or 2: |2P - 6| = 2: P in {0, 1, 2, 4, 5, 6}: 6 of 8 (a zero weight changes nothing)
    assert pd_._shift_p([1, 2, 0, 3], 4) == 0.75
