"""One pre-declared primary analysis, the others labelled, and the two analyses of a contrast reconciled.

The group's change is analysed twice: the paired t test of each contrast (``paired.py``: the
children with both waves) and the random-intercept mixed model of all waves (``longitudinal.py``:
every child with any wave). For the same contrast the two give the same or a similar estimate but
different standard errors and degrees of freedom, so different p values (in the example study
6.70 points, p = .052 on t(9) against p = .039 on t(17)). Left side by side, a reader can pick the
"significant" one. The config therefore names one primary analysis before the data are seen
(``outcomes.primary``: ``analysis`` paired_t or mixed_model, and a ``contrast``; default the
paired t test of the first contrast) and the confirmatory family of scales
(``outcomes.holm_family``, default every scale tested), and every row of both tables gets a
``role``:

* ``primary``: the primary analysis, primary contrast, a scale of the family. Its p is read
  Holm-adjusted across the family (``p_holm``; Holm 1979) and the raw p is kept.
* ``sensitivity``: the other analysis of the primary contrast, for a scale of the family: it
  checks the primary result under other assumptions and does not replace it.
* ``secondary``: either analysis of another contrast, for a scale of the family (Holm within
  each contrast, not across contrasts: descriptive, not confirmatory).
* ``exploratory``: scales outside the family (no Holm adjustment, as ``paired_table`` leaves them).

:func:`reconciliation_table` puts the two analyses of each scale and contrast on one row with the
reasons they differ, computed from the numbers (who is in each analysis, the df, the SE).

Nothing here computes a test: the p values come from ``paired_table`` and ``mixed_model_table``;
Holm is ``paired.holm`` (R ``p.adjust(p, "holm")``).
"""
from __future__ import annotations

import math
from collections.abc import Mapping, Sequence

import numpy as np
import pandas as pd

from sweval.errors import ConfigError
from sweval.paired import holm

__all__ = ["ANALYSES", "RECONCILIATION_COLUMNS", "ROLES", "label_longitudinal", "label_paired",
           "primary_spec", "reconciliation_table"]

ANALYSES = {"paired_t": "paired t test", "mixed_model": "random-intercept mixed model"}
ROLES = ("primary", "sensitivity", "secondary", "exploratory")
RECONCILIATION_COLUMNS = [
    "scale", "contrast", "role", "primary_analysis",
    "n_pairs", "n_participants", "n_observations", "n_without_pair",
    "estimate_paired", "se_paired", "df_paired", "p_paired", "p_holm_paired",
    "estimate_mixed", "se_mixed", "df_mixed", "p_mixed", "p_holm_mixed",
    "estimate_difference", "p_primary", "p_sensitivity", "conclusions_agree", "why_they_differ",
]


def primary_spec(outcomes: Mapping | None, contrasts: Sequence[Sequence[str]],
                 scales: Sequence[str]) -> dict:
    """The primary analysis of the config: {"analysis", "contrast" ("a->b"), "family" (scales)}.

    ``outcomes`` is the config's ``outcomes`` block (or None). Defaults: the paired t test, the
    first of ``contrasts``, and as family ``outcomes.holm_family`` or else every scale in
    ``scales`` (as ``paired_table``'s Holm). A contrast that is not one of ``contrasts`` or an
    unknown analysis is a ConfigError naming the key (the config check catches both first).
    """
    outcomes = outcomes or {}
    primary = outcomes.get("primary") or {}
    analysis = primary.get("analysis", "paired_t")
    if analysis not in ANALYSES:
        raise ConfigError(f"In the config, 'outcomes.primary.analysis' is '{analysis}'; it must be one of "
                          f"{', '.join(ANALYSES)}.")
    if not contrasts:
        raise ConfigError("In the config, 'contrasts' is empty, so there is no primary contrast.")
    pair = list(primary.get("contrast") or contrasts[0])
    if pair not in [list(c) for c in contrasts]:
        raise ConfigError(f"In the config, 'outcomes.primary.contrast' is {pair}, which is not one of "
                          f"'contrasts' {[list(c) for c in contrasts]}.")
    family = list(outcomes.get("holm_family") or scales)
    return {"analysis": analysis, "contrast": f"{pair[0]}->{pair[1]}", "family": family}


def _role(analysis: str, scale: str, contrast: str, spec: Mapping) -> str:
    if scale not in spec["family"]:
        return "exploratory"
    if contrast != spec["contrast"]:
        return "secondary"
    return "primary" if analysis == spec["analysis"] else "sensitivity"


def label_paired(paired: pd.DataFrame, spec: Mapping) -> pd.DataFrame:
    """``paired`` (``paired_table``'s output, Holm already within each contrast across the family)
    with a ``role`` column after ``p_holm``."""
    out = paired.copy()
    roles = [_role("paired_t", s, c, spec) for s, c in zip(out["scale"], out["contrast"])]
    out.insert(out.columns.get_loc("p_holm") + 1, "role", roles)
    return out


def label_longitudinal(longitudinal: pd.DataFrame, spec: Mapping) -> pd.DataFrame:
    """``longitudinal`` (``longitudinal_table``'s output) with ``p_holm`` and ``role`` after ``p_t``.

    Mixed-model rows: ``p_holm`` = Holm across the family's scales within each contrast, on the
    t-based p (``p_t``, the p the report reads); scales outside the family get NaN. Friedman rows
    (an omnibus test over all waves, no contrast): no ``p_holm``; role ``secondary`` for a scale of
    the family, else ``exploratory``.
    """
    out = longitudinal.copy()
    mixed = out["analysis"] == "mixed_model"
    p_holm = pd.Series(np.nan, index=out.index)
    for idx in out[mixed].groupby("contrast", sort=False).groups.values():
        members = [i for i in idx if out.at[i, "scale"] in spec["family"]]
        if members:
            p_holm.loc[members] = holm(out.loc[members, "p_t"].to_numpy(float))
    roles = [_role("mixed_model", s, c, spec) if m else
             ("secondary" if s in spec["family"] else "exploratory")
             for s, c, m in zip(out["scale"], out["contrast"], mixed)]
    at = out.columns.get_loc("p_t") + 1
    out.insert(at, "p_holm", p_holm)
    out.insert(at + 1, "role", roles)
    return out


def _fmt(x: float, digits: int = 3) -> str:
    return "NaN" if not np.isfinite(x) else f"{x:.{digits}f}"


def _why(row: Mapping, waves: Sequence[str]) -> str:
    """Why the paired t and the mixed model give different results for one scale and contrast."""
    a, b = row["contrast"].split("->")
    parts = []
    if not (np.isfinite(row["estimate_paired"]) and np.isfinite(row["estimate_mixed"])):
        return "one of the two analyses has no estimate for this contrast (see its table)"
    if row["n_without_pair"] > 0:
        parts.append(f"the mixed model uses all {int(row['n_participants'])} children with a score at any of "
                     f"{len(waves)} waves ({int(row['n_observations'])} observations), {int(row['n_without_pair'])} "
                     f"of them without both {a} and {b}, whose other waves inform the estimate through the "
                     f"child's random intercept (missing at random assumed); the paired t uses the "
                     f"{int(row['n_pairs'])} children with both")
    else:
        parts.append(f"both use the same {int(row['n_pairs'])} children, every one of them with both {a} and {b}; "
                     f"the mixed model adds their other waves ({int(row['n_observations'])} observations in all)")
    if abs(row["estimate_difference"]) <= 1e-9 * max(1.0, abs(row["estimate_paired"])):
        parts.append(f"so the estimates are equal ({_fmt(row['estimate_paired'], 2)})")
    else:
        parts.append(f"so the estimates differ ({_fmt(row['estimate_paired'], 2)} against "
                     f"{_fmt(row['estimate_mixed'], 2)})")
    parts.append(f"the paired t estimates the variance of this one change from its own pairs "
                 f"(SE {_fmt(row['se_paired'])}, t({_fmt(row['df_paired'], 0)})); the mixed model pools "
                 f"the residual variance over all waves, assuming equal variances and correlations "
                 f"between waves (compound symmetry), and tests on nlme's within-child df = "
                 f"observations - children - wave contrasts (SE {_fmt(row['se_mixed'])}, "
                 f"t({_fmt(row['df_mixed'], 0)}))")
    parts.append(f"hence p = {_fmt(row['p_paired'])} against {_fmt(row['p_mixed'])}")
    return "; ".join(parts)


def reconciliation_table(paired: pd.DataFrame, longitudinal: pd.DataFrame, spec: Mapping,
                         waves: Sequence[str], *, alpha: float = 0.05) -> pd.DataFrame:
    """The paired t and the mixed model of each scale and contrast, side by side
    (``RECONCILIATION_COLUMNS``), for the contrasts both tables have.

    ``paired`` and ``longitudinal`` are the labelled tables (:func:`label_paired`,
    :func:`label_longitudinal`). Per row: ``role`` of the scale and contrast for the primary
    analysis (primary / secondary / exploratory; the other analysis is then its sensitivity
    analysis), ``primary_analysis``; n_pairs (paired t), n_participants and n_observations (mixed
    model), n_without_pair = children in the mixed model without both waves of the contrast;
    estimate, SE, df, p and Holm p of each (the paired SE is mean_diff / t, i.e. sd_diff /
    sqrt(n)); estimate_difference = mixed - paired; p_primary (the primary analysis's p:
    Holm-adjusted for a scale of the family, raw otherwise) and p_sensitivity (the other
    analysis's, the same way); conclusions_agree: both below ``alpha`` or both not (NaN when either
    is missing); why_they_differ: the reasons, in words, with the numbers of the row.
    """
    mixed = longitudinal[longitudinal["analysis"] == "mixed_model"].set_index(["scale", "contrast"])
    rows = []
    for _, p in paired.iterrows():
        key = (p["scale"], p["contrast"])
        if key not in mixed.index:
            continue
        m = mixed.loc[key]
        in_family = p["scale"] in spec["family"]
        t = float(p["t"])
        row = {
            "scale": p["scale"], "contrast": p["contrast"],
            "role": _role(spec["analysis"], p["scale"], p["contrast"], spec),
            "primary_analysis": spec["analysis"],
            "n_pairs": int(p["n_pairs"]), "n_participants": m["n_participants"],
            "n_observations": m["n_observations"],
            "n_without_pair": (m["n_participants"] - p["n_pairs"]) if np.isfinite(m["n_participants"]) else math.nan,
            "estimate_paired": float(p["mean_diff"]),
            "se_paired": float(p["mean_diff"]) / t if np.isfinite(t) and t != 0 else
            float(p["sd_diff"]) / math.sqrt(p["n_pairs"]) if p["n_pairs"] > 0 else math.nan,
            "df_paired": float(p["df"]), "p_paired": float(p["p"]), "p_holm_paired": float(p["p_holm"]),
            "estimate_mixed": float(m["estimate"]), "se_mixed": float(m["se"]),
            "df_mixed": float(m["df_within"]), "p_mixed": float(m["p_t"]), "p_holm_mixed": float(m["p_holm"]),
        }
        row["estimate_difference"] = row["estimate_mixed"] - row["estimate_paired"]
        read = {"paired_t": row["p_holm_paired"] if in_family else row["p_paired"],
                "mixed_model": row["p_holm_mixed"] if in_family else row["p_mixed"]}
        other = "mixed_model" if spec["analysis"] == "paired_t" else "paired_t"
        row["p_primary"], row["p_sensitivity"] = read[spec["analysis"]], read[other]
        if np.isfinite(row["p_primary"]) and np.isfinite(row["p_sensitivity"]):
            row["conclusions_agree"] = bool((row["p_primary"] < alpha) == (row["p_sensitivity"] < alpha))
        else:
            row["conclusions_agree"] = math.nan
        row["why_they_differ"] = _why(row, waves)
        rows.append(row)
    return pd.DataFrame(rows, columns=RECONCILIATION_COLUMNS)
