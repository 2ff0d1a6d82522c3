"""Individual change: Jacobson & Truax (1991) reliable change and clinical significance.

For each participant, scale and contrast (from_wave, to_wave)::

    S_E    = SD_pre * sqrt(1 - r_xx)                 standard error of measurement
    S_diff = sqrt(2 S_E^2) = SD_pre * sqrt(2) * sqrt(1 - r_xx)
    RCI    = (score_to - score_from) / S_diff

|RCI| > 1.96 is reliable change (p < .05 two-sided under measurement error alone); its sign is
read through the scale's desirable direction ("higher" or "lower" is better). Where norms of a
dysfunctional and a functional population exist, the cut-off between them is criterion c::

    c = (SD_dys * M_fun + SD_fun * M_dys) / (SD_dys + SD_fun)

(Jacobson, Follette & Revenstorf 1984; Christensen & Mendoza 1986 added the sqrt(2); Jacobson &
Truax 1991.) r_xx and SD_pre must come from a stated source (the baseline survey, published
norms); the pipeline writes them with their sources once per scale, in change_reference.csv
beside the individual table, rather than on each of its rows.

A statement about one child's change needs a reliable scale: below a reliability floor
(``min_reliability``, config ``change.min_reliability``, default 0.70) the RCI of a scale is
withheld -- its rows keep the scores and the change, but no S_diff, RCI or category -- and
``rci_note`` says why (:func:`rci_withheld_reason`).
"""
from __future__ import annotations

import math
from collections.abc import Iterator

import numpy as np
import pandas as pd

from sweval.errors import InputError

__all__ = ["s_diff", "rci", "cutoff_c", "reliable_change", "reliable_change_parts", "change_summary",
           "rci_withheld_reason", "CHANGE_COLUMNS", "RCI_CATEGORIES", "DEFAULT_MIN_RELIABILITY"]

NAN = float("nan")
RCI_CATEGORIES = ["reliable improvement", "no reliable change", "reliable deterioration"]
CHANGE_COLUMNS = [
    "participant_id", "scale", "contrast", "wave_from", "wave_to", "score_from", "score_to",
    "change", "s_diff", "rci", "rci_category", "cutoff_c", "clinical_category", "rci_note",
]
# Nunnally (1978): .70 for research on groups; a decision about one child would ask for .90
# (Nunnally & Bernstein 1994). Config change.min_reliability.
DEFAULT_MIN_RELIABILITY = 0.70
_REFERENCE_COLUMNS = ["scale", "r_xx", "r_xx_source", "sd_pre", "sd_pre_source"]
_NORM_COLUMNS = ["scale", "mean_dys", "sd_dys", "mean_fun", "sd_fun", "norms_source"]


def s_diff(sd_pre: float, r_xx: float) -> float:
    """Standard error of the difference, S_diff = SD_pre * sqrt(2) * sqrt(1 - r_xx).

    (Jacobson & Truax 1991, p. 14.) NaN when SD_pre <= 0, or r_xx is missing or outside [0, 1):
    r_xx = 1 would make every change reliable, and a negative reliability means the scale does
    not measure one thing, so no reliable-change statement is made.
    """
    if not (np.isfinite(sd_pre) and np.isfinite(r_xx)) or sd_pre <= 0 or not 0 <= r_xx < 1:
        return NAN
    return float(sd_pre * math.sqrt(2) * math.sqrt(1 - r_xx))


def rci_withheld_reason(r_xx: float, sd_pre: float, min_reliability: float = DEFAULT_MIN_RELIABILITY) -> str:
    """Why a scale's RCI is not reported, or "" when it is.

    Withheld when r_xx is missing, below ``min_reliability`` (the scale is too unreliable for a
    statement about one child: its S_diff is so wide that only extreme changes count, and a
    reader would take "no reliable change" for evidence), or when S_diff is undefined
    (:func:`s_diff`: r_xx >= 1 or SD_pre <= 0).
    """
    if not np.isfinite(r_xx):
        return "RCI withheld: no reliability (r_xx) for this scale"
    if r_xx < min_reliability:
        return (f"RCI withheld: r_xx = {r_xx:.3f} is below the reliability floor {min_reliability:.2f} "
                "(change.min_reliability), too unreliable for a statement about one child")
    if not np.isfinite(s_diff(sd_pre, r_xx)):
        return f"RCI withheld: S_diff undefined (r_xx = {r_xx:.3f}, SD_pre = {sd_pre:.3f})"
    return ""


def rci(score_from, score_to, sdiff: float):
    """Reliable change index RCI = (score_to - score_from) / S_diff (Jacobson & Truax 1991, eq. 1).

    Positive when the score rises. NaN when a score or S_diff is missing. Scores may be arrays
    (one RCI per element); scalars give a float.
    """
    a, b = np.asarray(score_from, dtype=float), np.asarray(score_to, dtype=float)
    with np.errstate(invalid="ignore", divide="ignore"):
        value = (b - a) / sdiff if np.isfinite(sdiff) else np.full(np.broadcast(a, b).shape, NAN)
    return float(value) if value.ndim == 0 else value


def cutoff_c(mean_dys: float, sd_dys: float, mean_fun: float, sd_fun: float) -> float:
    """Criterion c = (SD_dys * M_fun + SD_fun * M_dys) / (SD_dys + SD_fun).

    The point equally likely under the dysfunctional and functional distributions, weighting by
    their SDs (Jacobson & Truax 1991, p. 13). NaN when any input is missing or an SD is <= 0.
    """
    vals = (mean_dys, sd_dys, mean_fun, sd_fun)
    if not all(np.isfinite(v) for v in vals) or sd_dys <= 0 or sd_fun <= 0:
        return NAN
    return float((sd_dys * mean_fun + sd_fun * mean_dys) / (sd_dys + sd_fun))


def _rci_categories(value: np.ndarray, direction: str, z_crit: float) -> np.ndarray:
    """Per RCI: reliable improvement / no reliable change / reliable deterioration (NaN if missing)."""
    better = value > 0 if direction == "higher" else value < 0
    out = np.where(better, "reliable improvement", "reliable deterioration").astype(object)
    out[np.abs(value) <= z_crit] = "no reliable change"
    out[~np.isfinite(value)] = NAN
    return out


def _clinical_categories(rci_cat: np.ndarray, score_from: np.ndarray, score_to: np.ndarray, c: float,
                         direction: str) -> np.ndarray:
    """Jacobson & Truax's categories where norms give c; NaN without them."""
    out = np.full(rci_cat.size, NAN, dtype=object)
    if not np.isfinite(c):
        return out
    functional_to = score_to > c if direction == "higher" else score_to < c
    functional_from = score_from > c if direction == "higher" else score_from < c
    improved = rci_cat == "reliable improvement"
    out[improved] = np.where(functional_to & ~functional_from, "recovered", "improved")[improved]
    out[rci_cat == "no reliable change"] = "unchanged"
    out[rci_cat == "reliable deterioration"] = "deteriorated"
    return out


def _lookup(table: pd.DataFrame | None, columns: list[str], what: str) -> dict:
    """scale -> row dict; checks the columns and that each scale appears once."""
    if table is None:
        return {}
    missing = set(columns) - set(table.columns)
    if missing:
        raise InputError(f"{what} lacks column(s) {sorted(missing)}.",
                         hint=f"{what} needs the columns {columns}.")
    dup = table["scale"][table["scale"].duplicated()]
    if len(dup):
        raise InputError(f"{what} lists scale {dup.iloc[0]!r} more than once.")
    return {row["scale"]: row for row in table[columns].to_dict("records")}


def reliable_change(scores: pd.DataFrame, contrasts: list[tuple[str, str]],
                    reference: pd.DataFrame, directions: dict[str, str],
                    norms: pd.DataFrame | None = None, *, z_crit: float = 1.96,
                    min_reliability: float = DEFAULT_MIN_RELIABILITY) -> pd.DataFrame:
    """The table of :func:`reliable_change_parts`, whole."""
    parts = list(reliable_change_parts(scores, contrasts, reference, directions, norms, z_crit=z_crit,
                                       min_reliability=min_reliability))
    if not parts:
        return pd.DataFrame(columns=CHANGE_COLUMNS)
    return pd.concat(parts, ignore_index=True)[CHANGE_COLUMNS]


def reliable_change_parts(scores: pd.DataFrame, contrasts: list[tuple[str, str]],
                          reference: pd.DataFrame, directions: dict[str, str],
                          norms: pd.DataFrame | None = None, *, z_crit: float = 1.96,
                          min_reliability: float = DEFAULT_MIN_RELIABILITY) -> Iterator[pd.DataFrame]:
    """Jacobson-Truax reliable change per participant x scale x contrast (``CHANGE_COLUMNS``).

    ``scores``: long table participant_id, wave, scale, score (NaN = missing). ``reference``:
    one row per scale with r_xx, r_xx_source, sd_pre, sd_pre_source (the rows carry s_diff, the
    sources stay in the reference table). ``norms`` (optional): one row
    per scale with mean_dys, sd_dys, mean_fun, sd_fun, norms_source.

    Rows: scales in order of first appearance, then contrasts in the given order, then
    participants sorted by id. A participant without a score at from_wave or at to_wave (absent
    row or NaN) has no row for that contrast: it is dropped, not reported as "no change";
    ``paired.paired_table`` counts these as ``n_excluded``.

    change = score_to - score_from. rci_category: "reliable improvement" /
    "no reliable change" / "reliable deterioration", |RCI| > ``z_crit`` with the sign read through
    ``directions.get(scale, "higher")``. clinical_category (Jacobson & Truax 1991, p. 16), only
    where norms give c: "recovered" = reliable improvement that moves the score from the
    dysfunctional side of c to the functional side (beyond c, strictly); "improved" = reliable
    improvement otherwise (incl. already functional at from_wave); "unchanged" = no reliable
    change; "deteriorated" = reliable deterioration. Without norms cutoff_c and clinical_category
    are NaN. A scale without a usable reference row (missing, r_xx outside [0, 1), SD_pre <= 0)
    or whose r_xx is below ``min_reliability`` gets NaN s_diff, rci and categories, and
    ``rci_note`` says why (:func:`rci_withheld_reason`; "" on the rows of a reported scale).

    Yields one frame per scale x contrast (in the row order above), so that a survey of 100,000
    children can be written part by part (``io.write_table_parts``); ``reliable_change`` joins them.
    """
    needed = {"participant_id", "wave", "scale", "score"}
    if needed - set(scores.columns):
        raise InputError(f"scores lacks column(s) {sorted(needed - set(scores.columns))}.")
    bad_dir = {s: v for s, v in directions.items() if v not in ("higher", "lower")}
    if bad_dir:
        raise InputError(f"direction must be 'higher' or 'lower', got {bad_dir}.")
    if scores.duplicated(["participant_id", "wave", "scale"]).any():
        raise InputError("a participant has more than one score for the same scale and wave.",
                         hint="resolve duplicate responses in the clean step first.")
    ref = _lookup(reference, _REFERENCE_COLUMNS, "reference")
    nrm = _lookup(norms, _NORM_COLUMNS, "norms")

    data = scores[["participant_id", "wave", "scale", "score"]]  # copy-on-write: no copy until changed
    data["score"] = pd.to_numeric(data["score"], errors="coerce").astype(float)
    by_scale = data.groupby("scale", sort=False).indices  # one pass over the strings, not one per scale
    for scale in pd.unique(data["scale"]):
        wide = (data.iloc[by_scale.get(scale, [])]
                .pivot(index="participant_id", columns="wave", values="score").sort_index())
        direction = directions.get(scale, "higher")
        r = ref.get(scale, {})
        r_xx, sd_pre = float(r.get("r_xx", NAN)), float(r.get("sd_pre", NAN))
        withheld = rci_withheld_reason(r_xx, sd_pre, min_reliability)
        sdiff = NAN if withheld else s_diff(sd_pre, r_xx)
        n = nrm.get(scale)
        c = cutoff_c(*(float(n[k]) for k in ("mean_dys", "sd_dys", "mean_fun", "sd_fun"))) \
            if n is not None else NAN
        for w_from, w_to in contrasts:
            if w_from not in wide.columns or w_to not in wide.columns:
                continue
            pair = wide[[w_from, w_to]].dropna()
            x0, x1 = pair[w_from].to_numpy(float), pair[w_to].to_numpy(float)
            value = rci(x0, x1, sdiff)
            cat = _rci_categories(value, direction, z_crit)
            yield pd.DataFrame({
                "participant_id": pair.index.to_numpy(), "scale": scale,
                "contrast": f"{w_from}->{w_to}", "wave_from": w_from, "wave_to": w_to,
                "score_from": x0, "score_to": x1, "change": x1 - x0, "s_diff": sdiff, "rci": value,
                "rci_category": cat, "cutoff_c": c,
                "clinical_category": _clinical_categories(cat, x0, x1, c, direction),
                "rci_note": withheld})


def change_summary(individual: pd.DataFrame) -> pd.DataFrame:
    """Counts per scale x contrast from ``reliable_change`` output.

    Columns: scale, contrast, n, n_reliable_improvement, n_no_reliable_change,
    n_reliable_deterioration, rci_note. n counts every participant with both waves; the three
    counts sum to n unless the scale's RCI was withheld (no usable reliability, or below the
    floor: its categories are NaN, the counts 0 and ``rci_note`` says why).
    """
    cols = ["scale", "contrast", "n", "n_reliable_improvement", "n_no_reliable_change",
            "n_reliable_deterioration", "rci_note"]
    rows = []
    for (scale, contrast), grp in individual.groupby(["scale", "contrast"], sort=False):
        counts = grp["rci_category"].value_counts()
        notes = grp["rci_note"].dropna() if "rci_note" in grp else pd.Series([], dtype=object)
        rows.append({"scale": scale, "contrast": contrast, "n": len(grp),
                     **{f"n_{c.replace(' ', '_')}": int(counts.get(c, 0))
                        for c in RCI_CATEGORIES},
                     "rci_note": notes.iloc[0] if len(notes) else ""})
    return pd.DataFrame(rows, columns=cols)
