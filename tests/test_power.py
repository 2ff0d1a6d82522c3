"""sweval.power against R's power.t.test (tests/reference/power_reference.R, stats only).

Tolerance: 1e-4 absolute on d_z (R solved with tol = 1e-10).
"""
from __future__ import annotations

import math

import pandas as pd
import pytest

from sweval import power
from sweval.errors import InputError

TOL = 1e-4

# n: (two.sided strict=FALSE, two.sided strict=TRUE, one.sided, alpha .01 & power .9)
R_DELTA = {
    5: (1.6819972822, 1.6819969660, 1.3594179589, 3.0270740892),
    10: (0.9960022543, 0.9960013715, 0.8528375122, 1.5097344856),
    12: (0.8886551454, 0.8886542653, 0.7664045742, 1.3199452584),
    30: (0.5292362448, 0.5292356151, 0.4649454676, 0.7477403443),
}


@pytest.mark.parametrize("n", list(R_DELTA))
def test_sensitivity_matches_power_t_test(n):
    loose, strict, one, p90 = R_DELTA[n]
    assert power.sensitivity_d_z(n, strict=False) == pytest.approx(loose, abs=TOL)
    assert power.sensitivity_d_z(n) == pytest.approx(strict, abs=TOL)
    assert power.sensitivity_d_z(n, alternative="one-sided") == pytest.approx(one, abs=TOL)
    assert power.sensitivity_d_z(n, alpha=0.01, power=0.9) == pytest.approx(p90, abs=TOL)


def test_power_at_solution_is_target():
    d = power.sensitivity_d_z(10)
    assert power.power_paired_t(d, 10) == pytest.approx(0.8, abs=1e-9)


@pytest.mark.parametrize("n", [0, 1])
def test_too_few_pairs(n):
    assert math.isnan(power.sensitivity_d_z(n))


def test_bad_alternative():
    with pytest.raises(InputError):
        power.power_paired_t(0.5, 10, alternative="less")


def test_power_table():
    paired = pd.DataFrame({"scale": ["total", "individual"], "contrast": ["pre->post"] * 2,
                           "n_pairs": [10, 1], "t": [1.0, float("nan")]})
    out = power.power_table(paired, alpha=0.05, power=0.8)
    assert list(out.columns) == power.POWER_COLUMNS
    assert out.loc[0, "min_detectable_d_z"] == pytest.approx(R_DELTA[10][1], abs=TOL)
    assert math.isnan(out.loc[1, "min_detectable_d_z"])
    assert (out["alpha"] == 0.05).all() and (out["power"] == 0.8).all()
