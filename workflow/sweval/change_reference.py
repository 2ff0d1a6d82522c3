"""Where the Reliable Change Index takes r_xx and SD_pre from, written beside each value."""
from __future__ import annotations

import pandas as pd

from .codebook import Codebook
from .errors import ConfigError


def change_reference(scores: pd.DataFrame, reliability: pd.DataFrame, codebook: Codebook, *,
                     baseline_wave: str, source: str = "baseline") -> pd.DataFrame:
    """scale, r_xx, r_xx_source, sd_pre, sd_pre_source.

    ``baseline``: r_xx = Cronbach's alpha and SD_pre = SD of the scale score, both in the baseline
    wave of this study's own survey (all baseline respondents, not only the group, because the
    group was selected for low scores and its SD is restricted).
    ``published``: the codebook's ``published_reliability`` (alpha and sd with their source).
    """
    rows = []
    base = scores[scores["wave"] == baseline_wave]
    for scale in codebook.scale_ids:
        if source == "published":
            pub = [p for p in codebook.published_reliability if p["scale"] == scale]
            if not pub or "sd" not in pub[0]:
                continue
            p = pub[0]
            rows.append({"scale": scale, "r_xx": p["alpha"], "r_xx_source": p["source"],
                         "sd_pre": p["sd"], "sd_pre_source": p["source"]})
            continue
        rel = reliability[(reliability["scale"] == scale) & (reliability["wave"] == baseline_wave)]
        values = base.loc[base["scale"] == scale, "score"].dropna()
        if rel.empty or values.size < 3:
            continue
        n = int(rel["n"].iloc[0])
        rows.append({"scale": scale, "r_xx": float(rel["alpha"].iloc[0]),
                     "r_xx_source": f"Cronbach's alpha, baseline survey (wave {baseline_wave}, n = {n})",
                     "sd_pre": float(values.std(ddof=1)),
                     "sd_pre_source": f"SD of the baseline survey (wave {baseline_wave}, n = {values.size})"})
    if not rows:
        raise ConfigError(f"change.reliability_source is '{source}', but no scale has the values it needs "
                          f"(published_reliability with alpha and sd in the codebook, or a baseline wave).")
    return pd.DataFrame(rows, columns=["scale", "r_xx", "r_xx_source", "sd_pre", "sd_pre_source"])
