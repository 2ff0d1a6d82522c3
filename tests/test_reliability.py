"""Tests for sweval.reliability against R (psych 2.2.9, lavaan 0.6-14) on psychTools::bfi.

Reference values were printed by tests/reference/reliability_bfi.R (R 4.2.2), which also wrote the
item data tests/data/reliability_bfi.csv (2800 respondents, 25 items, reverse keys applied,
"wave" = gender), so these tests need no R. R printed 6 decimals; the tolerances below allow for
that rounding (5e-7) and, for omega, for R's optimizer stopping earlier than ours. The brief asked
for agreement within 0.005; every check here is far tighter.
"""
from __future__ import annotations

import re
from math import nan
from pathlib import Path

import numpy as np
import pandas as pd
import pytest

from sweval.errors import ConfigError
from sweval.reliability import (
    RELIABILITY_COLUMNS, ITEM_COLUMNS, alpha_ci_bootstrap, alpha_ci_feldt, alpha_if_deleted,
    cronbach_alpha, item_rest_correlations, mean_inter_item_r, omega_ci_bootstrap, omega_total,
    one_factor_ml, reliability_table, spearman_brown,
)

DATA = Path(__file__).parent / "data" / "reliability_bfi.csv"
WAVES = ["male", "female"]
SCALES = [{"id": s, "items": [f"{s}{i}" for i in range(1, 6)], "parent": None} for s in "ACENO"]
SCALES += [{"id": "C3items", "items": ["C1", "C2", "C3"], "parent": "C"},
           {"id": "E2items", "items": ["E1", "E2"], "parent": "E"}]

# tests/reference/reliability_bfi.R, first block. alpha = psych::alpha raw_alpha; feldt =
# psych::alpha.ci; sb = std.alpha; r = average_r; omega = psych::fa(fm = "ml") loadings and
# uniquenesses rescaled to the raw metric; omega_std = the same on the correlation metric;
# omega_lavaan = lavaan::cfa one-factor ML; psych_omega_tot = psych::omega(nfactors = 1)$omega.tot
# (minres, observed-variance denominator; a different definition, kept for comparison only).
R_SCALES = {
    ("A", "male"): dict(n=896, alpha=0.710651, feldt=(0.679577, 0.739562), sb=0.717914, r=0.337312, omega=0.721590, omega_std=0.731260, omega_lavaan=0.721590, psych_omega_tot=0.731243),
    ("A", "female"): dict(n=1813, alpha=0.679167, feldt=(0.655210, 0.701940), sb=0.691358, r=0.309393, omega=0.688278, omega_std=0.702091, omega_lavaan=0.688278, psych_omega_tot=0.701710),
    ("C", "male"): dict(n=888, alpha=0.728367, feldt=(0.699060, 0.755626), sb=0.732106, r=0.353405, omega=0.731155, omega_std=0.732735, omega_lavaan=0.731155, psych_omega_tot=0.732729),
    ("C", "female"): dict(n=1819, alpha=0.727013, feldt=(0.706664, 0.746358), sb=0.730493, r=0.351532, omega=0.730914, omega_std=0.731856, omega_lavaan=0.730915, psych_omega_tot=0.731830),
    ("E", "male"): dict(n=890, alpha=0.788837, feldt=(0.766081, 0.810005), sb=0.789521, r=0.428642, omega=0.793421, omega_std=0.791284, omega_lavaan=0.793421, psych_omega_tot=0.791330),
    ("E", "female"): dict(n=1823, alpha=0.741775, feldt=(0.722547, 0.760054), sb=0.741153, r=0.364134, omega=0.749611, omega_std=0.743751, omega_lavaan=0.749610, psych_omega_tot=0.744460),
    ("N", "male"): dict(n=889, alpha=0.796088, feldt=(0.774101, 0.816540), sb=0.795569, r=0.437673, omega=0.795741, omega_std=0.794906, omega_lavaan=0.795740, psych_omega_tot=0.799601),
    ("N", "female"): dict(n=1805, alpha=0.820212, feldt=(0.806757, 0.833001), sb=0.821033, r=0.478494, omega=0.820380, omega_std=0.822500, omega_lavaan=0.820379, psych_omega_tot=0.825613),
    ("O", "male"): dict(n=901, alpha=0.600815, feldt=(0.558070, 0.640595), sb=0.611634, r=0.239531, omega=0.605707, omega_std=0.620789, omega_lavaan=0.605707, psych_omega_tot=0.620799),
    ("O", "female"): dict(n=1825, alpha=0.602259, feldt=(0.572660, 0.630400), sb=0.607152, r=0.236118, omega=0.611484, omega_std=0.616340, omega_lavaan=0.611485, psych_omega_tot=0.616047),
    ("C3items", "male"): dict(n=900, alpha=0.647406, feldt=(0.605542, 0.685509), sb=0.648134, r=0.380421, omega=0.653341, omega_std=0.653395, omega_lavaan=0.653341, psych_omega_tot=0.653395),
    ("C3items", "female"): dict(n=1842, alpha=0.622387, feldt=(0.591505, 0.651304), sb=0.622174, r=0.354384, omega=0.629241, omega_std=0.627814, omega_lavaan=0.629241, psych_omega_tot=0.627814),
    ("E2items", "male"): dict(n=907, alpha=0.666714, feldt=(0.620326, 0.707435), sb=0.666939, r=0.500307, omega=nan, omega_std=nan, omega_lavaan=nan, psych_omega_tot=nan),
    ("E2items", "female"): dict(n=1854, alpha=0.617649, feldt=(0.581185, 0.650939), sb=0.617652, r=0.446814, omega=nan, omega_std=nan, omega_lavaan=nan, psych_omega_tot=nan),
}

# tests/reference/reliability_bfi.R, second block: psych::alpha item.stats mean and sd, r.drop
# (item-rest r) and alpha.drop raw_alpha (alpha if item deleted).
R_ITEMS = {
    ("A", "male"): dict(mean=[4.265625, 4.492188, 4.345982, 4.416295, 4.368304], sd=[1.424754, 1.269296, 1.324773, 1.485017, 1.324652], r_drop=[0.280842, 0.563448, 0.608106, 0.399597, 0.529470], alpha_drop=[0.738140, 0.626323, 0.605149, 0.693339, 0.637904]),
    ("A", "female"): dict(mean=[4.746828, 4.948152, 4.724214, 4.813569, 4.641478], sd=[1.367147, 1.097138, 1.276400, 1.469894, 1.219543], r_drop=[0.296187, 0.537867, 0.561916, 0.370026, 0.450162], alpha_drop=[0.690670, 0.591834, 0.570065, 0.662821, 0.621799]),
    ("C", "male"): dict(mean=[4.478604, 4.231982, 4.197072, 4.292793, 3.492117], sd=[1.242608, 1.352359, 1.317865, 1.410172, 1.650371], r_drop=[0.482156, 0.498061, 0.456789, 0.543412, 0.478806], alpha_drop=[0.685815, 0.678433, 0.693808, 0.660007, 0.691437]),
    ("C", "female"): dict(mean=[4.524464, 4.428257, 4.348543, 4.520066, 3.788895], sd=[1.236514, 1.301473, 1.271898, 1.350553, 1.608034], r_drop=[0.442764, 0.506759, 0.469553, 0.559892, 0.472385], alpha_drop=[0.696905, 0.673190, 0.687234, 0.651496, 0.692498]),
    ("E", "male"): dict(mean=[3.743820, 3.742697, 3.916854, 4.269663, 4.285393], sd=[1.663338, 1.613385, 1.396544, 1.507119, 1.370388], r_drop=[0.536322, 0.636710, 0.531381, 0.619717, 0.517608], alpha_drop=[0.761324, 0.724875, 0.760388, 0.731665, 0.764535]),
    ("E", "female"): dict(mean=[4.167307, 3.910587, 4.040592, 4.494789, 4.483269], sd=[1.599254, 1.601732, 1.328774, 1.433047, 1.315541], r_drop=[0.494547, 0.589287, 0.481977, 0.550426, 0.415030], alpha_drop=[0.702163, 0.662263, 0.705426, 0.679686, 0.727367]),
    ("N", "male"): dict(mean=[2.833521, 3.299213, 2.932508, 3.195726, 2.476940], sd=[1.563002, 1.519546, 1.542181, 1.589643, 1.487098], r_drop=[0.617471, 0.616697, 0.651683, 0.555243, 0.446944], alpha_drop=[0.744063, 0.744703, 0.732999, 0.764506, 0.796048]),
    ("N", "female"): dict(mean=[2.979501, 3.611634, 3.356787, 3.186704, 3.217729], sd=[1.576265, 1.519415, 1.610358, 1.565297, 1.630065], r_drop=[0.691085, 0.661303, 0.675501, 0.546866, 0.497482], alpha_drop=[0.761283, 0.771059, 0.765630, 0.803588, 0.818823]),
    ("O", "male"): dict(mean=[4.984462, 4.354051, 4.504994, 4.903441, 4.554939], sd=[1.078982, 1.559223, 1.220759, 1.237650, 1.364034], r_drop=[0.417157, 0.321003, 0.445733, 0.226084, 0.408610], alpha_drop=[0.523181, 0.574838, 0.500950, 0.609263, 0.516395]),
    ("O", "female"): dict(mean=[4.736986, 4.273425, 4.406027, 4.895342, 4.496986], sd=[1.142710, 1.562752, 1.219391, 1.206482, 1.305402], r_drop=[0.374438, 0.348602, 0.453406, 0.217216, 0.418925], alpha_drop=[0.541552, 0.560280, 0.498994, 0.614132, 0.513935]),
    ("E2items", "male"): dict(mean=[3.735391, 3.736494], sd=[1.662631, 1.610541], r_drop=[0.500307, 0.500307], alpha_drop=[nan, nan]),
    ("E2items", "female"): dict(mean=[4.170982, 3.916936], sd=[1.596475, 1.602617], r_drop=[0.446814, 0.446814], alpha_drop=[nan, nan]),
}


# tests/reference/reliability_bfi.R, third block: small samples, rows first..last of the csv
# (1-based, listwise). psych::alpha raw_alpha, psych::fa(fm = "ml") omega on the raw metric, and the
# smallest uniqueness (about 0.005 = a Heywood case, the usual outcome at n = 10-15).
R_SMALL = {
    ("A", 1, 10): dict(n=10, alpha=0.410389, omega=0.631949, min_uniqueness=0.004995),
    ("C", 1, 10): dict(n=10, alpha=0.804101, omega=0.821047, min_uniqueness=0.004952),
    ("C", 1, 12): dict(n=12, alpha=0.755081, omega=0.754328, min_uniqueness=0.004999),
    ("E", 101, 110): dict(n=10, alpha=0.702399, omega=0.795152, min_uniqueness=0.004983),
    ("N", 1, 10): dict(n=10, alpha=0.586163, omega=0.657012, min_uniqueness=0.004996),
    ("O", 101, 115): dict(n=15, alpha=0.770576, omega=0.802619, min_uniqueness=0.004990),
    ("O", 201, 230): dict(n=28, alpha=0.479663, omega=0.509446, min_uniqueness=0.147055),
    ("N", 101, 130): dict(n=28, alpha=0.761578, omega=0.776830, min_uniqueness=0.004997),
}

# tests/reference/reliability_bfi.R, fourth block: an independent percentile bootstrap in R
# (boot::boot, case resampling, quantile type 7) of raw alpha and fa-ml omega, scale N, wave male.
R_BOOT = dict(alpha=(0.771312, 0.817776), alpha_sd=0.011913, n_alpha=20000, omega=(0.768470, 0.819352), omega_sd=0.012887, n_omega=5000)


@pytest.fixture(scope="module")
def bfi() -> pd.DataFrame:
    return pd.read_csv(DATA)


@pytest.fixture(scope="module")
def bfi_tables(bfi):
    return reliability_table(bfi, SCALES, waves=WAVES, seed=20240611, n_boot=150)


def _row(table: pd.DataFrame, scale: str, wave: str) -> pd.Series:
    hit = table[(table["scale"] == scale) & (table["wave"] == wave)]
    assert len(hit) == 1
    return hit.iloc[0]


# --- against R ---------------------------------------------------------------------------------

def test_columns_and_order(bfi_tables):
    rel, items = bfi_tables
    assert list(rel.columns) == RELIABILITY_COLUMNS
    assert list(items.columns) == ITEM_COLUMNS
    assert list(zip(rel["scale"], rel["wave"])) == [(s["id"], w) for s in SCALES for w in WAVES]
    assert set(rel["missing_policy"]) == {"listwise within scale"}


@pytest.mark.parametrize("key", list(R_SCALES))
def test_scale_statistics_match_psych(bfi_tables, key):
    ref, row = R_SCALES[key], _row(bfi_tables[0], *key)
    assert row["n"] == ref["n"]  # listwise n, exact
    tol = 2e-6  # R printed 6 decimals
    assert row["alpha"] == pytest.approx(ref["alpha"], abs=tol)
    assert row["alpha_ci_low_feldt"] == pytest.approx(ref["feldt"][0], abs=tol)
    assert row["alpha_ci_high_feldt"] == pytest.approx(ref["feldt"][1], abs=tol)
    assert row["spearman_brown"] == pytest.approx(ref["sb"], abs=tol)
    assert row["mean_inter_item_r"] == pytest.approx(ref["r"], abs=tol)
    # omega: observed differences are below 7e-7 (R's rounding); 1e-5 leaves room for R's
    # L-BFGS-B stopping rule (factr 1e7). lavaan's CFA and psych's fa agree to 1e-6.
    assert row["omega_total"] == pytest.approx(ref["omega"], abs=1e-5, nan_ok=True)
    assert row["omega_total"] == pytest.approx(ref["omega_lavaan"], abs=1e-5, nan_ok=True)


@pytest.mark.parametrize("key", [k for k, v in R_SCALES.items() if not np.isnan(v["omega_std"])])
def test_standardized_omega_matches_psych_fa(bfi, key):
    scale = next(s for s in SCALES if s["id"] == key[0])
    x = bfi.loc[bfi["wave"] == key[1], scale["items"]]
    # 1e-5 as for the raw omega
    assert omega_total(x, standardized=True) == pytest.approx(R_SCALES[key]["omega_std"], abs=1e-5)


@pytest.mark.parametrize("key", list(R_ITEMS))
def test_item_statistics_match_psych(bfi_tables, key):
    ref, items = R_ITEMS[key], bfi_tables[1]
    got = items[(items["scale"] == key[0]) & (items["wave"] == key[1])]
    tol = 2e-6  # R printed 6 decimals
    np.testing.assert_allclose(got["mean"], ref["mean"], atol=tol)
    np.testing.assert_allclose(got["sd"], ref["sd"], atol=tol)
    np.testing.assert_allclose(got["item_rest_r"], ref["r_drop"], atol=tol)
    np.testing.assert_allclose(got["alpha_if_deleted"], ref["alpha_drop"], atol=tol)


@pytest.mark.parametrize("key", list(R_SMALL))
def test_small_samples_match_psych_including_heywood_cases(bfi, key):
    scale, first, last = key
    ref = R_SMALL[key]
    frame = bfi.iloc[first - 1:last].assign(wave="all")  # one wave: the rows as R saw them
    rel, _ = reliability_table(frame, [s for s in SCALES if s["id"] == scale], seed=1, n_boot=0)
    row = rel.iloc[0]
    assert row["n"] == ref["n"]
    assert row["alpha"] == pytest.approx(ref["alpha"], abs=2e-6)  # 6 printed decimals
    # 1e-5 as for the large samples; at a Heywood bound both fits sit on 0.005
    assert row["omega_total"] == pytest.approx(ref["omega"], abs=1e-5)
    assert ("Heywood" in row["note"]) == (ref["min_uniqueness"] < 0.0051)


def test_small_functions_agree_with_psych(bfi):
    x = bfi.loc[bfi["wave"] == "male", SCALES[0]["items"]]  # listwise inside each function
    ref = R_SCALES[("A", "male")]
    assert cronbach_alpha(x) == pytest.approx(ref["alpha"], abs=2e-6)
    assert alpha_ci_feldt(cronbach_alpha(x), ref["n"], 5) == pytest.approx(ref["feldt"], abs=2e-6)
    assert mean_inter_item_r(x) == pytest.approx(ref["r"], abs=2e-6)
    assert spearman_brown(mean_inter_item_r(x), 5) == pytest.approx(ref["sb"], abs=2e-6)
    assert omega_total(x) == pytest.approx(ref["omega"], abs=1e-5)
    items_ref = R_ITEMS[("A", "male")]
    np.testing.assert_allclose(item_rest_correlations(x), items_ref["r_drop"], atol=2e-6)
    np.testing.assert_allclose(alpha_if_deleted(x), items_ref["alpha_drop"], atol=2e-6)


def test_feldt_interval_small_sample():
    # R: qf(0.975, 9, 36) = 2.4922445, qf(0.025, 9, 36) = 0.2837750;
    # psych::alpha.ci(0.8, 10, 5) = [0.5015511, 0.9432450]
    low, high = alpha_ci_feldt(0.8, 10, 5)
    assert low == pytest.approx(1 - 0.2 * 2.4922445, abs=1e-6)
    assert high == pytest.approx(1 - 0.2 * 0.2837750, abs=1e-6)
    assert (low, high) == pytest.approx((0.5015511, 0.9432450), abs=1e-6)


# --- bootstrap ---------------------------------------------------------------------------------

def test_bootstrap_equals_pingouin_with_a_per_resample_statistic(bfi):
    """The weighted-moment bootstrap equals pingouin.compute_bootci calling the plain statistic
    on each resample (same seed, so the same resamples; a function without ``axis`` is called
    once per resample)."""
    import pingouin as pg

    x = bfi.loc[bfi["wave"] == "male", SCALES[3]["items"]].dropna().to_numpy()
    n, n_boot = len(x), 60

    def per_resample(statistic):
        return pg.compute_bootci(np.arange(n), func=lambda rows: statistic(x[rows]), method="per",
                                 n_boot=n_boot, seed=7, decimals=15)

    assert alpha_ci_bootstrap(x, seed=7, n_boot=n_boot) == pytest.approx(
        per_resample(cronbach_alpha), abs=1e-10)  # same resamples; only summation order differs
    # omega refits from two starts per replicate; the plain refit reaches the same optimum here
    assert omega_ci_bootstrap(x, seed=7, n_boot=n_boot) == pytest.approx(
        per_resample(omega_total), abs=1e-6)  # 1e-6: optimizer stopping (tol 1e-10 on psi)


def test_pingouin_feldt_interval_is_rounded(bfi):
    """pingouin.cronbach_alpha gives psych's alpha (2e-6) and the Feldt interval rounded to 3
    decimals; alpha_ci_feldt gives it at full precision (psych::alpha.ci, 2e-6)."""
    import pingouin as pg

    x = bfi.loc[bfi["wave"] == "male", SCALES[0]["items"]].dropna()
    ref = R_SCALES[("A", "male")]
    alpha, interval = pg.cronbach_alpha(x, nan_policy="listwise")
    assert alpha == pytest.approx(ref["alpha"], abs=2e-6)
    assert list(interval) == list(np.round(ref["feldt"], 3))
    assert alpha_ci_feldt(alpha, ref["n"], 5) == pytest.approx(ref["feldt"], abs=2e-6)


def test_bootstrap_quantiles_agree_with_an_independent_r_bootstrap(bfi):
    """Different random numbers, same bootstrap distribution: only Monte Carlo error may differ.

    The SE of a 2.5% or 97.5% quantile from B replicates is about
    sqrt(.025 * .975) / dnorm(1.96) * sd / sqrt(B) = 2.67 * sd / sqrt(B), sd as printed by R.
    Each tolerance is about 4.5 SE of the difference between the two estimates (B each side).
    """
    x = bfi.loc[bfi["wave"] == "male", SCALES[3]["items"]]
    # SE of the difference: 2.67 * 0.0119 * sqrt(2 / 20000) = 3.2e-4
    assert alpha_ci_bootstrap(x, seed=5, n_boot=20000) == pytest.approx(R_BOOT["alpha"], abs=0.0015)
    # SE of the difference: 2.67 * 0.0129 * sqrt(2 / 5000) = 6.9e-4
    assert omega_ci_bootstrap(x, seed=5, n_boot=5000) == pytest.approx(R_BOOT["omega"], abs=0.003)


def test_bootstrap_is_seeded(bfi):
    x = bfi.loc[bfi["wave"] == "female", SCALES[1]["items"]]
    first = alpha_ci_bootstrap(x, seed=1, n_boot=200)
    assert alpha_ci_bootstrap(x, seed=1, n_boot=200) == first
    assert alpha_ci_bootstrap(x, seed=2, n_boot=200) != first
    om = omega_ci_bootstrap(x, seed=1, n_boot=100)
    assert omega_ci_bootstrap(x, seed=1, n_boot=100) == om
    assert omega_ci_bootstrap(x, seed=2, n_boot=100) != om


def test_table_bootstrap_is_the_function_bootstrap_and_independent_of_other_scales(bfi, bfi_tables):
    rel = bfi_tables[0]
    row = _row(rel, "N", "female")
    x = bfi.loc[bfi["wave"] == "female", SCALES[3]["items"]]
    assert (row["alpha_ci_low_boot"], row["alpha_ci_high_boot"]) == pytest.approx(
        alpha_ci_bootstrap(x, seed=20240611, n_boot=150), abs=1e-12)
    assert (row["omega_ci_low_boot"], row["omega_ci_high_boot"]) == pytest.approx(
        omega_ci_bootstrap(x, seed=20240611, n_boot=150), abs=1e-12)
    alone, _ = reliability_table(bfi, [SCALES[3]], waves=["female"], seed=20240611, n_boot=150)
    pd.testing.assert_series_equal(alone.iloc[0], row, check_names=False)


def test_bootstrap_intervals_are_sensible(bfi_tables):
    rel = bfi_tables[0]
    assert (rel["alpha_ci_low_boot"] < rel["alpha"]).all()
    assert (rel["alpha"] < rel["alpha_ci_high_boot"]).all()
    fitted = rel.dropna(subset=["omega_total"])
    assert (fitted["omega_ci_low_boot"] < fitted["omega_total"]).all()
    assert (fitted["omega_total"] < fitted["omega_ci_high_boot"]).all()
    # with n near 900-1800 the percentile and Feldt intervals nearly coincide
    assert np.allclose(rel["alpha_ci_low_boot"], rel["alpha_ci_low_feldt"], atol=0.02)
    assert np.allclose(rel["alpha_ci_high_boot"], rel["alpha_ci_high_feldt"], atol=0.02)


# --- edge cases --------------------------------------------------------------------------------

def _wide(values, wave="pre") -> pd.DataFrame:
    values = np.asarray(values, dtype=float)
    frame = pd.DataFrame(values, columns=[f"i{j + 1}" for j in range(values.shape[1])])
    frame.insert(0, "wave", wave)
    frame.insert(0, "participant_id", [f"p{i}" for i in range(len(frame))])
    return frame


def _scale(k: int, name: str = "s") -> list[dict]:
    return [{"id": name, "items": [f"i{j + 1}" for j in range(k)], "parent": None}]


@pytest.fixture(scope="module")
def likert():
    rng = np.random.default_rng(11)
    trait = rng.standard_normal((40, 1))
    return np.clip(np.round(3 + trait + 0.8 * rng.standard_normal((40, 5))), 1, 5)


def test_two_item_scale_points_to_spearman_brown(bfi_tables):
    row = _row(bfi_tables[0], "E2items", "male")
    assert "spearman_brown" in row["note"] and "Eisinga" in row["note"]
    assert np.isnan(row["omega_total"]) and np.isnan(row["omega_ci_low_boot"])
    # for two items Spearman-Brown of r equals standardized alpha (R: std.alpha)
    r = R_SCALES[("E2items", "male")]["r"]
    assert row["spearman_brown"] == pytest.approx(2 * r / (1 + r), abs=2e-6)


def test_zero_variance_item_is_named(likert):
    x = likert.copy()
    x[:, 2] = 4
    rel, items = reliability_table(_wide(x), _scale(5), seed=1, n_boot=50)
    row = rel.iloc[0]
    assert "i3" in row["note"] and "Zero-variance" in row["note"]
    assert np.isfinite(row["alpha"])
    assert np.isnan(row["omega_total"]) and np.isnan(row["mean_inter_item_r"])
    assert np.isnan(items.loc[items["item"] == "i3", "item_rest_r"]).all()
    assert items.loc[items["item"] == "i3", "sd"].iloc[0] == 0


def test_negative_alpha_is_explained():
    # two items that move in opposite directions (one miskeyed) and a noise item
    x = np.array([[1, 5, 3], [2, 4, 2], [3, 3, 4], [4, 2, 3], [5, 1, 2], [2, 5, 3], [4, 1, 4]])
    rel, _ = reliability_table(_wide(x), _scale(3), seed=1, n_boot=50)
    row = rel.iloc[0]
    assert row["alpha"] < 0
    assert "Negative alpha" in row["note"] and "reverse-keyed" in row["note"]
    # flagged, not truncated: the value stays in the table, the flags tell the report to print "< 0"
    assert row["alpha_flag"] == "negative" and row["alpha_ci_flag"] == "bound_below_zero"
    assert row["alpha_ci_low_feldt"] < -1  # Feldt's interval for 7 children reaches far below -1


def test_alpha_flags():
    from sweval.reliability import alpha_flags
    assert alpha_flags(0.8, [0.7, 0.9, 0.65, 0.92]) == ("", "")
    assert alpha_flags(0.2, [-0.3, 0.6]) == ("", "bound_below_zero")
    assert alpha_flags(0.2, [0.1, 0.6, -0.01, 0.5]) == ("", "bound_below_zero")  # the bootstrap's
    assert alpha_flags(-0.5, [-5.2, 0.6, nan, nan]) == ("negative", "bound_below_zero")
    assert alpha_flags(nan, [nan, nan]) == ("undefined", "")
    assert alpha_flags(0.0, [0.0, 0.5]) == ("", "")  # 0 is a reliability of 0, not below it


def test_too_few_respondents_skip_bootstrap_and_omega(likert):
    rel, items = reliability_table(_wide(likert[:5]), _scale(5), seed=1, n_boot=50)
    row = rel.iloc[0]
    assert row["n"] == 5 and "bootstrap intervals skipped" in row["note"]
    assert np.isnan(row["alpha_ci_low_boot"]) and np.isnan(row["omega_total"])
    assert np.isfinite(row["alpha"]) and np.isfinite(row["alpha_ci_low_feldt"])
    rel, _ = reliability_table(_wide(likert[:2, :3]), _scale(3), seed=1, n_boot=50)
    assert rel.iloc[0]["n"] == 2 and "skipped" in rel.iloc[0]["note"]


def test_listwise_deletion_is_counted(likert):
    x = likert.copy()
    x[[0, 3], [1, 4]] = np.nan
    rel, items = reliability_table(_wide(x), _scale(5), seed=1, n_boot=50)
    assert rel.iloc[0]["n"] == 38 and "2 of 40 rows dropped" in rel.iloc[0]["note"]
    complete = np.delete(likert, [0, 3], axis=0)
    assert rel.iloc[0]["alpha"] == pytest.approx(cronbach_alpha(complete), abs=1e-12)
    assert (items["n"] == 38).all()


def test_single_item_empty_wave_and_wave_order(likert):
    frame = pd.concat([_wide(likert[:20], "post"), _wide(likert[20:], "pre")])
    scales = _scale(1, "one") + _scale(5, "five")
    rel, items = reliability_table(frame, scales, seed=1, n_boot=20)
    assert list(rel["wave"]) == ["post", "pre", "post", "pre"]  # first appearance
    assert "Single item" in rel.iloc[0]["note"] and np.isnan(rel.iloc[0]["alpha"])
    rel, _ = reliability_table(frame, scales, waves=["pre", "post", "follow_up"], seed=1, n_boot=20)
    assert list(rel["wave"])[:3] == ["pre", "post", "follow_up"]
    empty = _row(rel, "five", "follow_up")
    assert empty["n"] == 0 and "No complete responses" in empty["note"]


def test_categorical_wave_uses_category_order(likert):
    frame = _wide(likert)
    frame["wave"] = pd.Categorical(["post"] * 20 + ["pre"] * 20, categories=["pre", "post"])
    rel, _ = reliability_table(frame, _scale(5), seed=1, n_boot=20)
    assert list(rel["wave"]) == ["pre", "post"]


def test_unknown_item_column_is_a_config_error(likert):
    with pytest.raises(ConfigError, match="i9"):
        reliability_table(_wide(likert), [{"id": "s", "items": ["i1", "i9"], "parent": None}],
                          seed=1)


def test_small_function_edges():
    assert np.isnan(cronbach_alpha(np.ones((5, 1))))
    assert np.isnan(cronbach_alpha(np.ones((1, 3))))
    assert alpha_ci_feldt(nan, 10, 3) == (nan, nan) or all(np.isnan(alpha_ci_feldt(nan, 10, 3)))
    assert all(np.isnan(alpha_ci_bootstrap(np.ones((2, 3)), seed=1)))
    assert np.isnan(omega_total(np.random.default_rng(0).normal(size=(30, 2))))
    assert np.isnan(spearman_brown(-1.0, 2))
    assert np.isnan(alpha_if_deleted(np.random.default_rng(0).normal(size=(30, 2)))).all()


def test_one_factor_ml_recovers_a_known_model():
    # population correlation matrix of a one-factor model: ML reproduces it exactly
    lam = np.array([0.8, 0.7, 0.6, 0.5, 0.4])
    corr = np.outer(lam, lam)
    np.fill_diagonal(corr, 1.0)
    loading, uniq, converged = one_factor_ml(corr)
    assert converged
    np.testing.assert_allclose(loading, lam, atol=1e-7)
    np.testing.assert_allclose(uniq, 1 - lam**2, atol=1e-7)


def test_nullable_dtypes_and_degenerate_resamples_are_handled():
    # Int64 items with pd.NA and a string wave, as readers produce them; three distinct answer
    # patterns among 7 complete rows, so some resamples have a constant total
    x = pd.DataFrame([[1, 1, 2], [1, 1, 2], [1, 1, 2], [2, 3, 3], [5, 4, 5], [1, 1, 2], [2, 3, 3],
                      [5, 4, 5]], columns=["i1", "i2", "i3"]).astype("Int64")
    x.loc[1, "i2"] = pd.NA
    x.insert(0, "wave", pd.array(["pre"] * 8, dtype="string"))
    x.insert(0, "participant_id", range(8))
    rel, _ = reliability_table(x, _scale(3), seed=3, n_boot=500, min_n_boot=2)
    row = rel.iloc[0]
    assert row["n"] == 7 and "1 of 8 rows dropped" in row["note"]
    assert "bootstrap resamples gave no alpha" in row["note"]
    assert row["alpha_ci_low_boot"] <= row["alpha"] <= row["alpha_ci_high_boot"]
    # 3 distinct patterns in 3 items: the centred data have rank 2, so no one-factor fit
    assert np.isnan(row["omega_total"]) and "singular" in row["note"]
    assert cronbach_alpha(x[["i1", "i2", "i3"]]) == pytest.approx(row["alpha"], abs=1e-12)


def test_omega_interval_smooths_singular_resamples():
    # 10 children, 7 items: a resample holds about 6.5 distinct children, so its 7 x 7
    # correlation matrix is usually singular; such resamples are smoothed (psych::cor.smooth)
    # before the fit instead of being left out, so the interval exists and says how many
    rng = np.random.default_rng(4)
    x = np.clip(np.round(3 + rng.standard_normal((10, 1)) + 0.7 * rng.standard_normal((10, 7))), 1, 5)
    rel, _ = reliability_table(_wide(x), _scale(7), seed=1, n_boot=200, min_n_boot=2)
    row = rel.iloc[0]
    assert np.isfinite(row["omega_total"])
    assert row["omega_ci_low_boot"] < row["omega_ci_high_boot"]
    smoothed = int(re.search(r"(\d+) of 200 fitted resamples", row["omega_ci_method"]).group(1))
    assert smoothed > 100  # most of the 200
    assert "seed 1" in row["omega_ci_method"] and "psych::cor.smooth" in row["omega_ci_method"]
    assert (row["omega_ci_low_boot"], row["omega_ci_high_boot"]) == pytest.approx(
        omega_ci_bootstrap(x, seed=1, n_boot=200), abs=1e-12)
    assert np.isfinite(row["alpha_ci_low_boot"])


# --- the example study's size: 48 respondents, 28 items (tests/reference/reliability_example.R) --

EXAMPLE = Path(__file__).parent / "data" / "reliability_example_pre.csv"
EXAMPLE_IDX = Path(__file__).parent / "data" / "reliability_example_boot_idx.csv"
EXAMPLE_BOOT_R = Path(__file__).parent / "data" / "reliability_example_boot_r.csv"
# R 4.2.2, psych 2.2.9: psych::alpha raw_alpha and alpha.drop; omega of the raw sum from
# psych::fa(fm = "ml") (printed to 6 decimals, alpha.drop to 8)
R_EXAMPLE = dict(n=48, alpha=0.893855, omega=0.895613,
                 alpha_drop=[0.89226750, 0.88995037, 0.88803670, 0.88876082, 0.88853538, 0.89089638,
                             0.89168529, 0.89176359, 0.89364498, 0.88997297, 0.88956910, 0.88672046,
                             0.88684452, 0.89001075, 0.89263151, 0.88869481, 0.89108430, 0.89210526,
                             0.89275910, 0.89224707, 0.88799838, 0.89225585, 0.88975564, 0.88960318,
                             0.88923375, 0.89100979, 0.89024739, 0.89092521])
# The same 1000 resamples in R: cor.smooth where the smallest eigenvalue < machine epsilon, then
# psych::fa(fm = "ml"); R fitted 993 (7 resamples with 28 distinct respondents came out just above
# epsilon, were not smoothed, and psych::fa failed on them: "L-BFGS-B needs finite values of 'fn'")
R_EXAMPLE_BOOT = dict(n_boot=1000, n_singular=150, n_failed=7, omega_ci=(0.831666, 0.926736))
# psych::cor.smooth(cor(z)), z = rbind(c(1,2,3,4), c(2,1,4,3), c(3,3,1,2)), row by row, and its eigenvalues
R_COR_SMOOTH = [1.000000000000, 0.499999999982, -0.654653670667, -0.999999999900, 0.499999999982,
                1.000000000000, -0.981980505965, -0.499999999982, -0.654653670667, -0.981980505965,
                1.000000000000, 0.654653670667, -0.999999999900, -0.499999999982, 0.654653670667,
                1.000000000000]
R_COR_SMOOTH_EIGEN = [3.14953406694368e+00, 8.50465932856318e-01, 1.00001340541667e-10, 9.99995641848272e-11]


@pytest.fixture(scope="module")
def example():
    return pd.read_csv(EXAMPLE).to_numpy(float)


def test_cor_smooth_matches_psych():
    from sweval.reliability import cor_smooth
    z = np.array([[1, 2, 3, 4], [2, 1, 4, 3], [3, 3, 1, 2]], float)
    smoothed, which = cor_smooth(np.corrcoef(z, rowvar=False)[None])
    assert which.tolist() == [True]
    # R printed 12 decimals: 1e-11 covers that rounding
    np.testing.assert_allclose(smoothed[0].ravel(), R_COR_SMOOTH, atol=1e-11)
    # the two raised eigenvalues are about 1e-10; eigenvalues that small are known to 1e-15
    np.testing.assert_allclose(np.sort(np.linalg.eigvalsh(smoothed[0]))[::-1], R_COR_SMOOTH_EIGEN,
                               rtol=1e-9, atol=1e-15)
    positive = np.eye(3) * 0.5 + 0.5
    assert cor_smooth(positive[None])[1].tolist() == [False]
    assert np.array_equal(cor_smooth(positive[None])[0][0], positive)


def test_example_point_estimates_match_psych(example):
    assert example.shape == (R_EXAMPLE["n"], 28)
    assert cronbach_alpha(example) == pytest.approx(R_EXAMPLE["alpha"], abs=5e-7)   # R's 6 decimals
    assert omega_total(example) == pytest.approx(R_EXAMPLE["omega"], abs=5e-6)      # psych's optimiser
    np.testing.assert_allclose(alpha_if_deleted(example), R_EXAMPLE["alpha_drop"], atol=5e-9)  # 8 decimals


def test_example_omega_bootstrap_matches_psych_resample_by_resample(example):
    from sweval import reliability as rel_module
    idx = pd.read_csv(EXAMPLE_IDX, header=None).to_numpy() - 1
    # the resamples are still the ones sweval draws for the seed (pingouin.compute_bootci)
    drawn = []
    rel_module._bootstrap(len(example), lambda i: (drawn.append(np.array(i)), np.zeros(len(i)))[1],
                          n_boot=1000, seed=20231015, ci=0.95)
    assert np.array_equal(np.concatenate(drawn), idx)
    r = pd.read_csv(EXAMPLE_BOOT_R)
    r_omega, r_singular = r["omega"].to_numpy(float), r["singular"].to_numpy(bool)
    assert (r_singular.sum(), np.isnan(r_omega).sum()) == (R_EXAMPLE_BOOT["n_singular"], R_EXAMPLE_BOOT["n_failed"])
    covs = rel_module._bootstrap_covariances(example, idx)
    start = rel_module._omegas(rel_module._cov(example)[None], standardized=False)[1][0]
    omegas, fitted, smoothed = rel_module._bootstrap_omegas(covs, start)
    assert fitted == 1000 and np.isfinite(omegas).all()  # every resample gives an omega
    # every resample R smoothed is smoothed here too; here also the 8 whose smallest eigenvalue
    # came out just above epsilon in R (R then failed on 7 of them)
    singular_here = rel_module._omegas(covs, standardized=False, extra_start=start, smooth=True)[4]
    assert smoothed == singular_here.sum() == 158 and singular_here[r_singular].all()
    both = np.isfinite(r_omega)
    # psych's L-BFGS-B stops earlier than the Newton fit here: 1.5e-5 at most over 993 resamples
    np.testing.assert_allclose(omegas[both], r_omega[both], atol=5e-5)
    # the percentile interval over the resamples both fitted: R's quantile(type = 7)
    assert tuple(np.quantile(omegas[both], [0.025, 0.975])) == pytest.approx(R_EXAMPLE_BOOT["omega_ci"], abs=5e-5)


def test_example_table_has_an_omega_interval(example):
    items = pd.DataFrame(example, columns=[f"i{k}" for k in range(28)])
    items.insert(0, "wave", "pre")
    items.insert(0, "participant_id", [f"p{k}" for k in range(48)])
    rel, item_stats = reliability_table(items, _scale_named(28), seed=20231015, n_boot=1000)
    row = rel.iloc[0]
    # before smoothing, every resample was dropped and this interval was empty
    assert 0.80 < row["omega_ci_low_boot"] < row["omega_total"] < row["omega_ci_high_boot"] < 0.95
    assert "158 of 1000 fitted resamples" in row["omega_ci_method"]
    assert "gave no omega" not in str(row["note"])
    # alpha if deleted at full precision, and its change against the scale's alpha
    np.testing.assert_allclose(item_stats["alpha_if_deleted"], R_EXAMPLE["alpha_drop"], atol=5e-9)
    np.testing.assert_allclose(item_stats["alpha_if_deleted_change"],
                               np.array(R_EXAMPLE["alpha_drop"]) - row["alpha"], atol=5e-9)
    # at two decimals all 28 read .89; at three they are told apart (.887 to .894)
    assert {f"{v:.2f}" for v in item_stats["alpha_if_deleted"]} == {"0.89"}
    assert len({f"{v:.3f}" for v in item_stats["alpha_if_deleted"]}) == 8


def _scale_named(k: int) -> list[dict]:
    return [{"id": "s", "items": [f"i{j}" for j in range(k)], "parent": None}]


def test_no_bootstrap_below_the_minimum_n():
    rng = np.random.default_rng(5)
    x = pd.DataFrame(rng.integers(1, 6, size=(12, 4)), columns=[f"i{k}" for k in range(4)]).astype(float)
    x.insert(0, "wave", "post")
    x.insert(0, "participant_id", [f"p{k}" for k in range(12)])
    rel, _ = reliability_table(x, [{"id": "s", "items": [f"i{k}" for k in range(4)], "parent": None}],
                               seed=1, n_boot=200, min_n_boot=30)
    row = rel.iloc[0]
    assert np.isnan(row["alpha_ci_low_boot"]) and np.isfinite(row["alpha_ci_low_feldt"])
    assert "read the Feldt interval" in row["note"]
