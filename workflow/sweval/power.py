"""Sensitivity of a paired t test: the smallest d_z a study of this size could detect.

With n = 10 pairs a non-significant result says little; the report states the smallest
standardized effect (d_z = mean(d)/sd(d)) the test had the stated power to detect (a sensitivity
analysis, Faul et al. 2007; Lakens 2022, "Sample size justification").
"""
from __future__ import annotations

import math

import numpy as np
import pandas as pd
from scipy import optimize, stats

from sweval.errors import InputError

__all__ = ["power_paired_t", "sensitivity_d_z", "power_table", "POWER_COLUMNS"]

NAN = float("nan")
POWER_COLUMNS = ["scale", "contrast", "n_pairs", "alpha", "power", "min_detectable_d_z"]
_ALTERNATIVES = ("two-sided", "one-sided")


def power_paired_t(d_z: float, n: int, alpha: float = 0.05, alternative: str = "two-sided",
                   strict: bool = True) -> float:
    """Power of the paired t test at effect d_z: noncentral t with df = n - 1, ncp = d_z sqrt(n).

    Two-sided: ``P(T > t_crit) + P(T < -t_crit)``, t_crit = t_{1-alpha/2, n-1}; ``strict=False``
    drops the second tail, as R's ``power.t.test`` does by default (the difference is < 1e-5 in
    d_z at power .8). One-sided (effect in the tested direction): ``P(T > t_{1-alpha, n-1})``.
    NaN for n < 2.
    """
    if alternative not in _ALTERNATIVES:
        raise InputError(f"alternative must be one of {_ALTERNATIVES}, got {alternative!r}.")
    if n < 2:
        return NAN
    df, ncp = n - 1, d_z * math.sqrt(n)
    if alternative == "one-sided":
        return float(stats.nct.sf(stats.t.ppf(1 - alpha, df), df, ncp))
    crit = stats.t.ppf(1 - alpha / 2, df)
    upper = stats.nct.sf(crit, df, ncp)
    # P(T < -crit | ncp) = P(T > crit | -ncp); scipy's nct.cdf is NaN far in that tail
    return float(upper + stats.nct.sf(crit, df, -ncp)) if strict else float(upper)


def sensitivity_d_z(n: int, alpha: float = 0.05, power: float = 0.8,
                    alternative: str = "two-sided", strict: bool = True) -> float:
    """Smallest d_z > 0 that a paired t test with n pairs detects with the given power.

    Solves ``power_paired_t(d_z, n, alpha) = power`` for d_z (Brent's method, tolerance 1e-12);
    the same quantity as R's ``power.t.test(n, type = "paired", sd = 1, power = .8)$delta``
    (Cohen 1988, ch. 2). NaN for n < 2 or a power not above alpha (no d_z needed).
    """
    if n < 2 or not (0 < alpha < 1 and 0 < power < 1):
        return NAN
    floor = power_paired_t(0.0, n, alpha, alternative, strict)
    if power <= floor:
        return NAN

    def gap(d):
        return power_paired_t(d, n, alpha, alternative, strict) - power

    hi = 1.0
    while gap(hi) < 0:
        hi *= 2
    return float(optimize.brentq(gap, 0.0, hi, xtol=1e-12, rtol=1e-12))


def power_table(paired: pd.DataFrame, alpha: float = 0.05, power: float = 0.8,
                alternative: str = "two-sided") -> pd.DataFrame:
    """Minimal detectable d_z for each row of ``paired.paired_table`` output.

    Uses its scale, contrast and n_pairs; columns ``POWER_COLUMNS``. Rows with n_pairs < 2 get
    NaN.
    """
    missing = {"scale", "contrast", "n_pairs"} - set(paired.columns)
    if missing:
        raise InputError(f"paired table lacks column(s) {sorted(missing)}.")
    out = paired[["scale", "contrast", "n_pairs"]].copy()
    out["alpha"] = float(alpha)
    out["power"] = float(power)
    out["min_detectable_d_z"] = [sensitivity_d_z(int(n), alpha, power, alternative)
                                 if np.isfinite(n) else NAN for n in out["n_pairs"]]
    return out.reset_index(drop=True)[POWER_COLUMNS]
