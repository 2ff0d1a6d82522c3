"""Where the Reliable Change Index takes r_xx and SD_pre from, written beside each value."""
from __future__ import annotations

import numpy as np
import pandas as pd

from .change import DEFAULT_MIN_RELIABILITY, rci_withheld_reason, s_diff
from .codebook import Codebook
from .errors import ConfigError
from .reliability import cronbach_alpha
from .score import reverse_keyed


def change_reference(scores: pd.DataFrame, responses: pd.DataFrame, codebook: Codebook, *,
                     baseline_wave: str, source: str = "baseline",
                     min_reliability: float = DEFAULT_MIN_RELIABILITY) -> pd.DataFrame:
    """scale, r_xx, r_xx_source, sd_pre, sd_pre_source, s_diff (S_diff = SD_pre sqrt(2) sqrt(1 - r_xx)),
    min_reliability, rci_reported, rci_note.

    ``rci_reported`` is False where the RCI of the scale is withheld (r_xx below
    ``min_reliability``, config ``change.min_reliability``, or S_diff undefined) and ``rci_note``
    says why (:func:`sweval.change.rci_withheld_reason`); s_diff is still written, so a reader
    sees how wide the no-change band would have been.

    ``baseline``: r_xx = Cronbach's alpha of the scale's items (reverse-keyed, listwise, as in
    the reliability table, by the same function) and SD_pre = SD of the scale score, both in the
    baseline wave of this study's own survey: all baseline respondents, not only the group,
    because the group was selected for low scores and its SD is restricted.
    ``published``: the codebook's ``published_reliability`` (alpha and sd with their source).
    """
    rows = []
    base = scores[scores["wave"] == baseline_wave]
    base_of = {scale: base["score"].iloc[rows] for scale, rows in base.groupby("scale", sort=False).indices.items()}
    items = reverse_keyed(responses[responses["wave"] == baseline_wave], codebook)
    for scale in codebook.scales:
        if source == "published":
            pub = [p for p in codebook.published_reliability if p["scale"] == scale.id and "sd" in p]
            if pub:
                rows.append({"scale": scale.id, "r_xx": pub[0]["alpha"], "r_xx_source": pub[0]["source"],
                             "sd_pre": pub[0]["sd"], "sd_pre_source": pub[0]["source"]})
            continue
        values = base_of.get(scale.id, base["score"].iloc[:0]).dropna()
        block = items[list(scale.items)].to_numpy(dtype=float)
        complete = int((~np.isnan(block).any(axis=1)).sum())
        if values.size < 3 or complete < 3:
            continue
        rows.append({"scale": scale.id, "r_xx": cronbach_alpha(block),
                     "r_xx_source": f"Cronbach's alpha, baseline survey (wave {baseline_wave}, n = {complete})",
                     "sd_pre": float(values.std(ddof=1)),
                     "sd_pre_source": f"SD of the baseline survey (wave {baseline_wave}, n = {values.size})"})
    if not rows:
        raise ConfigError(f"change.reliability_source is '{source}', but no scale has the values it needs "
                          f"(published_reliability with alpha and sd in the codebook, or a baseline wave).")
    table = pd.DataFrame(rows, columns=["scale", "r_xx", "r_xx_source", "sd_pre", "sd_pre_source"])
    table["s_diff"] = [s_diff(float(sd), float(r)) for sd, r in zip(table["sd_pre"], table["r_xx"])]
    table["min_reliability"] = float(min_reliability)
    table["rci_note"] = [rci_withheld_reason(float(r), float(sd), min_reliability)
                         for sd, r in zip(table["sd_pre"], table["r_xx"])]
    table.insert(len(table.columns) - 1, "rci_reported", table["rci_note"] == "")
    return table
