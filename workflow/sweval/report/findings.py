"""Plain-language findings and limitations, written from the results tables (formatting only).

Every number in a sentence is read from a results table (paired.csv, change_summary.csv,
power.csv, the baseline and process tables); nothing is estimated here. The wording decides only
how to *say* a result: a change is called "improved" when its Holm-adjusted p (raw p for scales
outside the Holm family) is below alpha, "improved before correction" when only the raw p is, and
otherwise "not clearly different from no change". Sentences exist in English and Chinese; the
language of the report picks one.
"""
from __future__ import annotations

import html
import math
from dataclasses import dataclass, field

import pandas as pd

from .strings import t
from .tables import fmt_bounded, fmt_ci, fmt_num, fmt_p, is_missing


@dataclass
class Block:
    """A heading (may be empty) and its sentences."""
    heading: str
    sentences: list[str] = field(default_factory=list)


def p_text(p) -> str:
    """'p = .052' or 'p < .001' (APA)."""
    text = fmt_p(p)
    return f"p {text}" if text.startswith("<") else f"p = {text}"


def _pct(share) -> str:
    return f"{100 * float(share):.0f}%"


def _sep(language: str) -> tuple[str, str]:
    """Clause separator and sentence end for the language."""
    return ("，", "。") if language == "zh" else (", ", ".")


def _contrast_label(row, language: str) -> str:
    return f"{t(row['wave_from'], language)} → {t(row['wave_to'], language)}"


def _verdict(row, in_family: bool, alpha: float, language: str) -> str:
    adjusted = row["p_holm"] if in_family and not is_missing(row.get("p_holm")) else row["p"]
    good = row["change"] == "improved"
    if not is_missing(adjusted) and adjusted < alpha:
        return t("verdict_improved" if good else "verdict_declined", language)
    if in_family and not is_missing(row["p"]) and row["p"] < alpha:
        return t("verdict_raw_only_up" if good else "verdict_raw_only_down", language)
    if row["change"] == "no change":
        return t("verdict_none", language)
    return t("verdict_unclear_up" if good else "verdict_unclear_down", language)


def _children_sentence(summary: pd.DataFrame, scale: str, contrast: str, language: str) -> str:
    row = summary[(summary["scale"] == scale) & (summary["contrast"] == contrast)]
    if row.empty:
        return ""
    r = row.iloc[0]
    if isinstance(r.get("rci_note"), str) and r["rci_note"]:
        return ""  # the RCI of this scale is withheld (below change.min_reliability): no count to state
    return t("children_changed", language).format(up=int(r["n_reliable_improvement"]), n=int(r["n"]),
                                                   down=int(r["n_reliable_deterioration"]))


def outcome_sentence(row, summary: pd.DataFrame, scale_label: str, in_family: bool, alpha: float,
                     language: str) -> str:
    """'Individual: improved, d_z = 0.82 [0.10, 1.51], p = .030 (Holm .090); 6 of 10 children ...'"""
    comma, stop = _sep(language)
    stats = (f"d_z = {fmt_num(row['d_z'])} {fmt_ci(row['d_z_ci_low'], row['d_z_ci_high'])}{comma}"
             f"{p_text(row['p'])}")
    if in_family and not is_missing(row.get("p_holm")):
        stats += t("holm_paren", language).format(p=fmt_p(row["p_holm"]))
    children = _children_sentence(summary, row["scale"], row["contrast"], language)
    colon = "：" if language == "zh" else ": "
    semi = "；" if language == "zh" else "; "
    text = f"{scale_label}{colon}{_verdict(row, in_family, alpha, language)}{comma}{stats}"
    return text + (f"{semi}{children}" if children else "") + stop


def outcome_findings(paired: pd.DataFrame, change_summary: pd.DataFrame, power: pd.DataFrame,
                     scale_labels: dict, family: list[str], language: str = "en",
                     alpha: float = 0.05) -> list[Block]:
    """One block per contrast: a sentence per scale of the Holm family, then what n can detect."""
    blocks = []
    for contrast, rows in paired.groupby("contrast", sort=False):
        rows = rows[rows["scale"].isin(family)] if family else rows
        rows = rows.assign(_o=rows["scale"].map({s: k for k, s in enumerate(family)})).sort_values("_o")
        if rows.empty:
            continue
        first = rows.iloc[0]
        heading = t("contrast_heading", language).format(contrast=_contrast_label(first, language),
                                                          n=int(first["n_pairs"]))
        block = Block(heading, [outcome_sentence(r, change_summary, scale_labels.get(r["scale"], r["scale"]),
                                                 r["scale"] in family, alpha, language)
                                for _, r in rows.iterrows()])
        detectable = power[power["contrast"] == contrast]
        if len(detectable):
            d = detectable.iloc[0]
            block.sentences.append(t("sensitivity_sentence", language).format(
                n=int(d["n_pairs"]), d=fmt_num(d["min_detectable_d_z"]), power=_pct(d["power"]),
                alpha=fmt_bounded(d["alpha"])))
        blocks.append(block)
    return blocks


def baseline_findings(levels: pd.DataFrame, selection: pd.DataFrame, factor_tests: pd.DataFrame,
                      variable_labels: dict, language: str = "en", alpha: float = 0.05) -> list[str]:
    """Levels at baseline, the factors that went with the total score, how the group was chosen."""
    out = []
    known = levels[levels["level"].isin(["low", "medium", "high"])].set_index("level")
    if len(known):
        parts = [t("level_count", language).format(n=int(r["n"]), pct=_pct(r["share"]), level=t(level, language))
                 for level, r in known.iterrows()]
        out.append(t("levels_sentence", language).format(n=int(known["n"].sum()), parts="、".join(parts)
                                                         if language == "zh" else ", ".join(parts)))
    out.append(_factor_sentence(factor_tests, variable_labels, language, alpha))
    if len(selection):
        preferred = selection[selection["test"] == "welch_t"]
        s = (preferred if len(preferred) else selection).iloc[0]
        out.append(t("selection_sentence", language).format(
            n=int(s["n_group"]), m=int(s["n_others"]), mg=fmt_num(s["mean_group"], 1),
            mo=fmt_num(s["mean_others"], 1), es_type=s["effect_size_type"], es=fmt_num(s["effect_size"]),
            ci=fmt_ci(s["ci_low"], s["ci_high"])))
    return out


def _factor_sentence(tests: pd.DataFrame, labels: dict, language: str, alpha: float) -> str:
    nominal = tests[tests["p"] < alpha].sort_values("p")
    if nominal.empty:
        return t("no_factor_sentence", language).format(k=len(tests))
    parts = [f"{labels.get(r['variable'], r['variable'])} ({t(r['level'], language)}, {p_text(r['p'])}; "
             f"Holm {fmt_p(r['p_holm'])})" for _, r in nominal.iterrows()]
    key = "factor_holm_sentence" if (nominal["p_holm"] < alpha).any() else "factor_raw_sentence"
    sep = "；" if language == "zh" else "; "
    return t(key, language).format(factors=sep.join(parts), k=len(tests))


def process_findings(sessions: pd.DataFrame, children: pd.DataFrame, trend: pd.DataFrame,
                     goals: pd.DataFrame, feedback_labels: dict, language: str = "en",
                     attained_at: float | None = None) -> list[str]:
    """Attendance range, the direction of each feedback item across sessions, goals not attained."""
    out = []
    if len(sessions):
        out.append(t("attendance_sentence", language).format(
            lo=_pct(sessions["rate"].min()), hi=_pct(sessions["rate"].max()),
            cmin=int(children["sessions_attended"].min()), cmax=int(children["sessions_attended"].max()),
            k=int(children["n_sessions"].max())))
    for _, r in trend.iterrows():
        rising = r["ci_low"] > 0
        falling = r["ci_high"] < 0
        key = "trend_up" if rising else "trend_down" if falling else "trend_flat"
        out.append(t(key, language).format(item=feedback_labels.get(r["item"], r["item"]),
                                           slope=fmt_num(r["slope"]), ci=fmt_ci(r["ci_low"], r["ci_high"])))
    if len(goals) and "share_attained" in goals:
        missed = goals.loc[goals["share_attained"] < 1, "session"].astype(int).tolist()
        if missed:
            out.append(t("goals_missed", language).format(sessions=", ".join(map(str, missed)),
                                                         at=fmt_num(attained_at, 0) if attained_at else ""))
        else:
            out.append(t("goals_all", language))
    return out


@dataclass
class Design:
    """What the limitations section needs to know about the study, all read from results/config."""
    simulated: bool
    has_control: bool
    n_pairs: int
    min_detectable_d_z: float
    n_tests: int
    n_family: int
    n_contrasts: int
    selected_low: bool
    level_rule: str
    min_answered_share: float
    n_items_total: int
    missing_followup: int = 0
    low_reliability: list[str] = field(default_factory=list)


def limitations(design: Design, language: str = "en") -> list[str]:
    """What the design can and cannot show, and the study's scoring conventions."""
    d, lang = design, language
    out = []
    if d.simulated:
        out.append(t("lim_simulated", lang))
    if not d.has_control:
        out.append(t("lim_no_control", lang))
    out.append(t("lim_small_n", lang).format(n=d.n_pairs, d=fmt_num(d.min_detectable_d_z)))
    out.append(t("lim_multiple", lang).format(n=d.n_tests, k=d.n_family, c=d.n_contrasts))
    if d.selected_low:
        out.append(t("lim_regression", lang))
    if d.missing_followup:
        out.append(t("lim_followup", lang).format(m=d.missing_followup))
    if d.low_reliability:
        out.append(t("lim_reliability", lang).format(scales=("、" if lang == "zh" else ", ").join(d.low_reliability)))
    out.append(t("lim_self_report", lang))
    out.append(t("rule_levels", lang).format(rule=d.level_rule))
    k = d.n_items_total
    out.append(t("rule_proration", lang).format(pct=_pct(d.min_answered_share),
                                                 items=math.ceil(round(d.min_answered_share * k, 9)), k=k))
    out.append(t("rule_small_cells", lang))
    return out


def level_rule_text(cutoffs: pd.DataFrame, levels_config: dict, scale_label: str, language: str = "en") -> str:
    """The level rule in the report's language; English is the rule written by the score step."""
    if cutoffs.empty:
        return ""
    if language == "en":
        return str(cutoffs["rule"].iloc[0])
    scale = levels_config.get("scale", cutoffs["scale"].iloc[0])
    rows = cutoffs[cutoffs["scale"] == scale]
    parts = []
    for _, r in rows.iterrows():
        lower, upper = float(r["lower"]), float(r["upper"])
        name = t(r["level"], language)
        if lower == float("-inf"):
            parts.append(f"{name} < {fmt_num(upper)}")
        elif upper == float("inf"):
            parts.append(f"{name} ≥ {fmt_num(lower)}")
        else:
            parts.append(f"{name} {fmt_num(lower)}–{fmt_num(upper)}")
    method = t(f"level_method_{levels_config.get('method', 'fixed_item_mean')}", language)
    return f"{scale_label}，{method}：" + "；".join(parts)


def findings_html(blocks: list[Block] | list[str], title_key: str = "findings", language: str = "en") -> str:
    """A boxed list of findings (blocks with headings, or plain sentences)."""
    parts = [f"<div class='findings'><h3>{html.escape(t(title_key, language))}</h3>"]
    for block in blocks:
        if isinstance(block, str):
            parts.append(f"<p>{html.escape(block)}</p>")
            continue
        parts.append(f"<p><b>{html.escape(block.heading)}</b></p><ul>"
                     + "".join(f"<li>{html.escape(s)}</li>" for s in block.sentences) + "</ul>")
    return "".join(parts) + "</div>"


def bullet_html(sentences: list[str]) -> str:
    return "<ul class='limitations'>" + "".join(f"<li>{html.escape(s)}</li>" for s in sentences) + "</ul>"
