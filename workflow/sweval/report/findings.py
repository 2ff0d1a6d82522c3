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
import re
from dataclasses import dataclass, field

import pandas as pd

from .notes import effect_symbol
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


def plural(n: int, word: str, language: str = "en") -> str:
    """'child' or 'children' (strings ``<word>_one`` / ``<word>_many``) for ``n``."""
    return t(f"{word}_one" if int(n) == 1 else f"{word}_many", language)


def with_article(text: str) -> str:
    """'80%' -> 'an 80%', '90%' -> 'a 90%' (the article as the number is read aloud)."""
    return ("an " if re.match(r"(8|11|18)(\D|$)|8\d(\D|$)", text) else "a ") + text


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
    if row.empty or is_missing(row.iloc[0]["n"]) or int(row.iloc[0]["n"]) == 0:
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
        stats += t("holm_paren", language).format(p=p_text(row["p_holm"]))
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
        detectable = power[(power["contrast"] == contrast) & power["min_detectable_d_z"].notna()]
        if len(detectable):
            d = detectable.iloc[0]
            block.sentences.append(t("sensitivity_sentence", language).format(
                n=int(d["n_pairs"]), d=fmt_num(d["min_detectable_d_z"]), power=_pct(d["power"]),
                a_power=with_article(_pct(d["power"])),
                alpha=fmt_bounded(d["alpha"])))
        blocks.append(block)
    return blocks


def level_label(level: str, language: str = "en", levels_config: dict | None = None) -> str:
    """How the report words a level: the config's ``levels.labels``, else low/medium/high in the
    report's language, else the level's own name."""
    label = ((levels_config or {}).get("labels") or {}).get(level)
    if label:
        return label.get(language) or label["en"]
    return t(level, language) if level in ("low", "medium", "high", "missing") else str(level)


def baseline_findings(levels: pd.DataFrame | None, selection: pd.DataFrame | None,
                      factor_tests: pd.DataFrame | None, variable_labels: dict, language: str = "en",
                      alpha: float = 0.05, *, scale_label: str = "", levels_config: dict | None = None) -> list[str]:
    """Levels at baseline, the factors that went with the scale, how the group compares with the
    other respondents: a sentence for each part the study has (None: the part is left out) and
    has data for."""
    out = []
    known = levels[levels["level"] != "missing"].set_index("level") if levels is not None else pd.DataFrame()
    if len(known) and known["n"].sum() > 0:
        parts = [t("level_count", language).format(n=int(r["n"]), pct=_pct(r["share"]),
                                                   level=level_label(level, language, levels_config))
                 for level, r in known.iterrows()]
        out.append(t("levels_sentence", language).format(n=int(known["n"].sum()), scale=scale_label,
                                                         parts="、".join(parts) if language == "zh" else ", ".join(parts)))
    if factor_tests is not None:
        sentence = _factor_sentence(factor_tests, variable_labels, language, alpha, scale_label)
        if sentence:
            out.append(sentence)
    if selection is not None:
        sentence = selection_sentence(selection, language)
        if sentence:
            out.append(sentence)
    return out


def selection_sentence(selection: pd.DataFrame, language: str = "en") -> str:
    """The group against the other baseline respondents, or '' when there is nothing to compare."""
    if selection.empty:
        return ""
    preferred = selection[selection["test"] == "welch_t"]
    s = (preferred if len(preferred) else selection).iloc[0]
    if int(s["n_others"]) == 0:
        return t("selection_everyone", language)
    if is_missing(s["mean_group"]) or is_missing(s["mean_others"]) or is_missing(s["effect_size"]):
        return ""
    ci = fmt_ci(s["ci_low"], s["ci_high"])
    fields = {"n": int(s["n_group"]), "m": int(s["n_others"]), "mg": fmt_num(s["mean_group"], 1),
              "mo": fmt_num(s["mean_others"], 1), "es_type": effect_symbol(s["effect_size_type"]), "es": fmt_num(s["effect_size"]),
              "ci": ci}
    if not is_missing(s["ci_low"]) and s["ci_low"] <= 0 <= s["ci_high"]:
        return t("selection_same", language).format(**fields)
    side = "scored_lower" if s["mean_group"] < s["mean_others"] else "scored_higher"
    return t("selection_sentence", language).format(side=t(side, language), **fields)


def _factor_sentence(tests: pd.DataFrame, labels: dict, language: str, alpha: float, scale: str = "") -> str:
    tests = tests[tests["p"].notna()]
    if tests.empty:
        return ""
    nominal = tests[tests["p"] < alpha].sort_values("p")
    if len(tests) == 1:
        r = tests.iloc[0]
        name = labels.get(r["variable"], r["variable"])
        if nominal.empty:
            return t("no_factor_one", language).format(factor=name, scale=scale)
        detail = (f"（{t(r['level'], language)}，{p_text(r['p'])}）" if language == "zh"
                  else f" ({t(r['level'], language)}, {p_text(r['p'])})")
        return t("factor_one", language).format(factors=f"{name}{detail}", scale=scale)
    if nominal.empty:
        return t("no_factor_sentence", language).format(k=len(tests), scale=scale)
    if language == "zh":
        parts = [f"{labels.get(r['variable'], r['variable'])}（{t(r['level'], language)}，{p_text(r['p'])}；"
                 f"Holm校正 {p_text(r['p_holm'])}）" for _, r in nominal.iterrows()]
    else:
        parts = [f"{labels.get(r['variable'], r['variable'])} ({t(r['level'], language)}, {p_text(r['p'])}; "
                 f"Holm-adjusted {p_text(r['p_holm'])})" for _, r in nominal.iterrows()]
    key = "factor_holm_sentence" if (nominal["p_holm"] < alpha).any() else "factor_raw_sentence"
    sep = "；" if language == "zh" else "; "
    return t(key, language).format(factors=sep.join(parts), k=len(tests), scale=scale)


def comparison_findings(comparison: pd.DataFrame, scale_labels: dict, scales: list[str], language: str = "en",
                        alpha: float = 0.05) -> list[str]:
    """One sentence per ANCOVA row of ``scales`` (the group against the comparison group at each
    later wave, adjusted for the first): which way, by how much, and whether it is clear."""
    if not {"analysis", "scale", "estimate"} <= set(comparison.columns):  # no comparison arm analysed
        return []
    rows = comparison[(comparison["analysis"] == "ancova") & comparison["scale"].isin(scales)
                      & comparison["estimate"].notna()]
    out = []
    for scale in scales:
        for _, r in rows[rows["scale"] == scale].iterrows():
            fields = {"wave_from": t(r["wave_from"], language), "wave_to": t(r["wave_to"], language),
                      "scale": scale_labels.get(scale, scale), "ci": fmt_ci(r["ci_low"], r["ci_high"]),
                      "p": p_text(r["p"]), "eta": fmt_bounded(r["partial_eta_sq"])}
            if r["p"] >= alpha or r["favours"] not in ("group", "comparison"):
                out.append(t("comparison_unclear", language).format(diff=fmt_num(r["estimate"]), **fields))
                continue
            key = "comparison_better" if r["favours"] == "group" else "comparison_worse"
            side = t("higher" if r["estimate"] > 0 else "lower", language)
            out.append(t(key, language).format(diff=fmt_num(abs(r["estimate"])), side=side, **fields))
    return out


def process_findings(sessions: pd.DataFrame, children: pd.DataFrame, trend: pd.DataFrame,
                     goals: pd.DataFrame, feedback_labels: dict, language: str = "en",
                     attained_at: float | None = None) -> list[str]:
    """Attendance range, the direction of each feedback item across sessions, goals not attained."""
    out = []
    if sessions is not None and len(sessions) and len(children) and sessions["rate"].notna().any():
        out.append(t("attendance_sentence", language).format(
            lo=_pct(sessions["rate"].min()), hi=_pct(sessions["rate"].max()),
            cmin=int(children["sessions_attended"].min()), cmax=int(children["sessions_attended"].max()),
            k=int(children["n_sessions"].max())))
    for _, r in (trend if trend is not None else pd.DataFrame()).iterrows():
        if is_missing(r["slope"]):
            continue
        rising = r["ci_low"] > 0
        falling = r["ci_high"] < 0
        key = "trend_up" if rising else "trend_down" if falling else "trend_flat"
        out.append(t(key, language).format(item=feedback_labels.get(r["item"], r["item"]),
                                           slope=fmt_num(r["slope"]), ci=fmt_ci(r["ci_low"], r["ci_high"])))
    if goals is not None and len(goals) and "share_attained" in goals and goals["share_attained"].notna().any():
        missed = goals.loc[goals["share_attained"] < 1, "session"].astype(int).tolist()
        if missed:
            out.append(t("goals_missed", language).format(sessions=("、" if language == "zh" else ", ").join(map(str, missed)),
                                                         session_word=t("session_one" if len(missed) == 1
                                                                        else "session_many", language),
                                                         at=fmt_num(attained_at, 0) if attained_at else ""))
        else:
            out.append(t("goals_all", language))
    return out


@dataclass
class Design:
    """What the limitations section needs to know about the study, all read from results/config.

    ``level_rule`` is empty for a study without levels; ``not_collected`` names the optional parts
    the study left out (roster, background, levels, attendance, feedback, goal_attainment,
    followup; a comparison group is ``has_control``), each a line of the limitations."""
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
    direction: str = "higher"
    levels_note: str = ""
    scale_label: str = ""
    scoring_method: str = "sum"
    waves: list[str] = field(default_factory=list)
    not_collected: list[str] = field(default_factory=list)


PROCESS_RECORDS = ("attendance", "feedback", "goal_attainment")


def limitations(design: Design, language: str = "en") -> list[str]:
    """What the design can and cannot show, what the study did not collect, and its scoring
    conventions."""
    d, lang = design, language
    comma = "、" if lang == "zh" else ", "
    out = []
    if d.simulated:
        out.append(t("lim_simulated", lang))
    if not d.has_control:
        out.append(t("lim_no_control", lang))
    if d.n_pairs and not is_missing(d.min_detectable_d_z):
        out.append(t("lim_small_n", lang).format(n=d.n_pairs, d=fmt_num(d.min_detectable_d_z)))
    if d.n_tests > d.n_contrasts:  # several scales per contrast: a family of tests
        out.append(t("lim_multiple", lang).format(n=d.n_tests, k=d.n_family, c=d.n_contrasts))
    if d.selected_low:
        out.append(t("lim_regression", lang).format(side=t("side_low" if d.direction == "higher" else "side_high", lang)))
    if d.missing_followup and d.waves:
        out.append(t("lim_followup", lang).format(m=d.missing_followup, wave=t(d.waves[-1], lang),
                                                  children=plural(d.missing_followup, "child", lang)))
    if d.low_reliability:
        out.append(t("lim_reliability", lang).format(scales=comma.join(d.low_reliability)))
    out.append(t("lim_self_report", lang))
    missing = set(d.not_collected)
    for part in ("roster", "background", "levels"):
        if part in missing:
            out.append(t(f"lim_no_{part}", lang))
    records = [t(f"record_{r}", lang) for r in PROCESS_RECORDS if r in missing]
    if len(records) == len(PROCESS_RECORDS):
        out.append(t("lim_no_process", lang).format(records=comma.join(records)))
    elif records:
        out.append(t("lim_some_process", lang).format(records=comma.join(records)))
    if "followup" in missing and len(d.waves) == 2:
        out.append(t("lim_no_followup", lang).format(first=t(d.waves[0], lang), last=t(d.waves[1], lang)))
    if d.level_rule:
        note = (("，" if lang == "zh" else "; ") + d.levels_note) if d.levels_note else ""
        out.append(t("rule_levels", lang).format(rule=d.level_rule, note=note))
    k = d.n_items_total
    key = "rule_proration_mean" if d.scoring_method == "mean" else "rule_proration"
    out.append(t(key, lang).format(pct=_pct(d.min_answered_share), scale=d.scale_label,
                                   items=math.ceil(round(d.min_answered_share * k, 9)), k=k))
    out.append(t("rule_small_cells", lang))
    return out


def level_rule_text(cutoffs: pd.DataFrame, levels_config: dict, scale_label: str, language: str = "en") -> str:
    """The level rule in the report's language: in English the rule written by the score step,
    unless the config words the levels (``levels.labels``); otherwise each level's range."""
    if cutoffs.empty:
        return ""
    if language == "en" and not levels_config.get("labels"):
        return str(cutoffs["rule"].iloc[0])
    scale = levels_config.get("scale", cutoffs["scale"].iloc[0])
    rows = cutoffs[cutoffs["scale"] == scale]
    parts = []
    for _, r in rows.iterrows():
        lower, upper = float(r["lower"]), float(r["upper"])
        name = level_label(r["level"], language, levels_config)
        if lower == float("-inf"):
            parts.append(f"{name} < {fmt_num(upper)}")
        elif upper == float("inf"):
            parts.append(f"{name} ≥ {fmt_num(lower)}")
        else:
            parts.append(f"{name} {fmt_num(lower)}–{fmt_num(upper)}")
    method = t(f"level_method_{levels_config.get('method', 'fixed_item_mean')}", language)
    if language == "zh":
        return f"{scale_label}，{method}：" + "；".join(parts)
    return f"{scale_label}, {method}: " + "; ".join(parts)


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
