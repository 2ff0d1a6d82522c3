"""Scale scores from item codes, by the codebook: reverse keys, proration, levels.

Score of a scale for one response (``sum`` scoring):
    answered share = items answered / items in scale;
    if answered share >= min_answered_share: score = mean(answered items) x items in scale
    (the prorated sum; equals the plain sum when every item is answered); else missing.
``mean`` scoring reports the item mean instead. Reverse-keyed items are recoded as
min + max - code before anything else.
"""
from __future__ import annotations

import numpy as np
import pandas as pd

from .codebook import Codebook
from .errors import ConfigError

SCORE_COLUMNS = ["participant_id", "wave", "scale", "score", "item_mean", "n_answered", "n_items", "level"]


def reverse_keyed(responses: pd.DataFrame, codebook: Codebook) -> pd.DataFrame:
    """Item codes with reverse-keyed items recoded (min + max - code); other columns untouched."""
    out = responses.copy()
    for item in codebook.items:
        if item.reverse:
            out[item.id] = codebook.min + codebook.max - out[item.id]
    return out


def score_scales(responses: pd.DataFrame, codebook: Codebook, *, min_answered_share: float | None = None,
                 waves: list[str] | None = None) -> pd.DataFrame:
    """Long table: participant_id, wave, scale, score, item_mean, n_answered, n_items (level empty).

    Rows follow the responses' order within each scale; scales follow the codebook.
    """
    share = codebook.min_answered_share if min_answered_share is None else min_answered_share
    keyed = reverse_keyed(responses, codebook)
    frames = []
    for scale in codebook.scales:
        block = keyed[list(scale.items)].to_numpy(dtype=float)
        n_items = block.shape[1]
        n_ans = np.isfinite(block).sum(axis=1)
        with np.errstate(invalid="ignore", divide="ignore"):
            item_mean = np.where(n_ans > 0, np.nansum(block, axis=1) / np.maximum(n_ans, 1), np.nan)
        enough = n_ans >= share * n_items - 1e-9
        item_mean = np.where(enough, item_mean, np.nan)
        score = item_mean * n_items if codebook.scoring_method == "sum" else item_mean
        frames.append(pd.DataFrame({
            "participant_id": responses["participant_id"].to_numpy(),
            "wave": responses["wave"].to_numpy(), "scale": scale.id, "score": score,
            "item_mean": item_mean, "n_answered": n_ans, "n_items": n_items}))
    scores = pd.concat(frames, ignore_index=True)
    scores["level"] = pd.Series([None] * len(scores), dtype=object)
    if waves:  # scales in codebook order (as built), then waves in the config's order, rows stable
        order = {w: k for k, w in enumerate(waves)}
        codes, distinct = pd.factorize(responses["wave"])  # a missing wave: code -1, sorted last
        wave_rank = np.array([order.get(w, np.nan) for w in distinct], dtype=float)
        per_row = np.where(codes >= 0, wave_rank[codes] if len(wave_rank) else np.nan, np.nan)
        key = np.repeat(np.arange(len(frames)), len(responses)) * 1000 + np.tile(per_row, len(frames))
        scores = scores.iloc[np.argsort(key, kind="stable")].reset_index(drop=True)
    return scores[SCORE_COLUMNS]


def level_cutoffs(scores: pd.DataFrame, levels: dict, baseline_wave: str) -> pd.DataFrame:
    """Cut-offs per scale on the item mean: scale, level, lower, upper, rule (text for the report).

    Methods: ``fixed_item_mean`` (the config's bands), ``mean_sd`` (baseline mean -/+ sd_width SD:
    low below, high above), ``tertiles`` (baseline 1/3 and 2/3 quantiles).
    """
    rows = []
    method = levels["method"]
    base = scores[scores["wave"] == baseline_wave]
    for scale, group in base.groupby("scale", sort=False):
        values = group["item_mean"].dropna()
        if method == "fixed_item_mean":
            bands = levels.get("bands") or []
            if not bands or "below" in bands[-1]:
                raise ConfigError("levels.bands must end with a band without 'below' (the top band).")
            edges = [b.get("below") for b in bands[:-1]]
            names = [b["level"] for b in bands]
            rule = "fixed bands on the item mean: " + ", ".join(
                f"{n} < {e:g}" for n, e in zip(names, edges)) + f", {names[-1]} otherwise"
        elif method == "mean_sd":
            w = levels.get("sd_width", 1)
            m, sd = values.mean(), values.std(ddof=1)
            edges, names = [m - w * sd, m + w * sd], ["low", "medium", "high"]
            rule = f"baseline item mean {m:.2f} -/+ {w:g} SD ({sd:.2f}): low below {edges[0]:.2f}, high above {edges[1]:.2f}"
        elif method == "tertiles":
            edges = list(values.quantile([1 / 3, 2 / 3]))
            names = ["low", "medium", "high"]
            rule = f"baseline tertiles of the item mean: {edges[0]:.2f} and {edges[1]:.2f}"
        else:  # the schema prevents this
            raise ConfigError(f"levels.method '{method}' is unknown.")
        lowers = [-np.inf, *edges]
        uppers = [*edges, np.inf]
        for name, lo, hi in zip(names, lowers, uppers):
            rows.append({"scale": scale, "level": name, "lower": lo, "upper": hi, "rule": rule})
    return pd.DataFrame(rows, columns=["scale", "level", "lower", "upper", "rule"])


def assign_levels(scores: pd.DataFrame, cutoffs: pd.DataFrame) -> pd.DataFrame:
    """Fill ``level`` from the cut-offs (lower <= item mean < upper); missing scores stay empty."""
    out = scores.copy()
    level = pd.Series([None] * len(out), index=out.index, dtype=object)
    for _, c in cutoffs.iterrows():
        hit = (out["scale"] == c["scale"]) & (out["item_mean"] >= c["lower"]) & (out["item_mean"] < c["upper"])
        level[hit] = c["level"]
    out["level"] = level
    return out
