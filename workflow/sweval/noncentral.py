"""Confidence intervals for a noncentrality parameter (shared by the d-type effect sizes)."""
from __future__ import annotations

import math

import numpy as np
from scipy import optimize, stats


def t_ncp_interval(t: float, df: float, ci: float = 0.95) -> tuple[float, float]:
    """Noncentrality parameters whose noncentral t puts ``t`` at the (1+ci)/2 and (1-ci)/2 quantiles.

    Inverts P(T <= t | df, ncp) = 1 - alpha/2 and = alpha/2 for ncp (Steiger & Fouladi 1997;
    Cumming & Finch 2001; the method of R's effectsize). The interval is symmetric in the sign of
    t, so it is solved for |t| and reflected, which keeps away from scipy's far left tail, where
    ``nct.cdf`` returns NaN (a NaN there is read as 0 or 1 from the side of t it lies on).
    NaN for a non-finite t or df.
    """
    if not (np.isfinite(t) and np.isfinite(df)) or df <= 0:
        return math.nan, math.nan
    alpha = 1 - ci
    at = abs(t)

    def f(ncp: float, prob: float) -> float:
        value = stats.nct.cdf(at, df, ncp)  # decreasing in ncp
        if np.isnan(value):
            value = 0.0 if ncp > at else 1.0
        return value - prob

    def solve(prob: float) -> float:
        width = 2 + at / math.sqrt(df)
        lo, hi = at - width, at + width
        while f(lo, prob) < 0:
            lo -= width
        while f(hi, prob) > 0:
            hi += width
        return optimize.brentq(f, lo, hi, args=(prob,), xtol=1e-12, rtol=1e-12)

    low, high = solve(1 - alpha / 2), solve(alpha / 2)
    return (low, high) if t >= 0 else (-high, -low)
