"""Reading the sign of a change through a scale's desirable direction ("higher" or "lower")."""
from __future__ import annotations

import numpy as np

# |value| at or below this reads as no change: questionnaire scores are O(1)-O(100), and prorated
# (non-integer) scores leave ~1e-15 of float noise where the true mean difference is 0
ZERO_TOL = 1e-9


def read_sign(value: float, direction: str, *, better: str, worse: str, neither: str):
    """``better`` when ``value`` moves the desirable way for ``direction`` ("higher" or "lower"),
    ``worse`` the other way, ``neither`` within ``ZERO_TOL`` of 0; NaN for a missing value."""
    if not np.isfinite(value):
        return float("nan")
    if abs(value) <= ZERO_TOL:
        return neither
    good = value > 0 if direction == "higher" else value < 0
    return better if good else worse
