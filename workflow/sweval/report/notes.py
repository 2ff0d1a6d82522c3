"""Words the statistics modules write into results tables, said in the report's language.

The results CSVs keep stable codes and English notes (``welch_t``, ``hedges_g``, a quality-log
reason, a reliability note): they are for the analyst and for checks against R. The reader meets
them through this module, at display time: a code becomes the name a reader knows (``welch_t`` ->
"Welch's t test", 韦尔奇t检验 in Chinese; ``hedges_g`` -> *g*), and a known English note is
matched by a pattern and written again from a string of ``strings.STRINGS`` (both languages) with
the numbers it held. Nothing is computed here; numbers are carried over as the table wrote them
(p values re-printed in APA style). A note no pattern knows is shown as the table wrote it: the
example's report is scanned for such leftovers (tests/test_report_words.py).
"""
from __future__ import annotations

import re

from .strings import STRINGS, t
from .tables import fmt_bounded, fmt_p

# test codes (baseline.factor_tests, baseline.selection) -> strings key
TESTS = {"welch_t": "test_welch_t", "mann_whitney": "test_mann_whitney", "kruskal_wallis": "test_kruskal_wallis",
         "welch_anova": "test_welch_anova", "spearman": "test_spearman", "none": "test_none"}
# effect-size codes -> the symbol a reader knows (the same in both languages)
EFFECTS = {"hedges_g": "g", "cohens_d": "d", "spearman_rho": "ρ", "epsilon_squared": "ε²", "omega_squared": "ω²",
           "eta_squared": "η²", "rank_biserial": "r_rb", "pearson_r": "r"}
# statistic codes -> symbol (S is the Spearman statistic; the table shows rho instead)
STATISTICS = {"t": "t", "U": "U", "H": "H", "F": "F", "S": "S", "W": "W", "V": "V", "chi2": "χ²"}
ACTIONS = {"read": "action_read", "dropped column": "action_dropped_column", "set missing": "action_set_missing",
           "excluded": "action_excluded", "repaired": "action_repaired", "flagged": "action_flagged"}


def test_name(code, language: str = "en") -> str:
    key = TESTS.get(str(code))
    return t(key, language) if key else str(code)


def effect_symbol(code) -> str:
    return EFFECTS.get(str(code), str(code))


def action(code, language: str = "en") -> str:
    key = ACTIONS.get(str(code))
    return t(key, language) if key else str(code)


def _p(text: str) -> str:
    """'0.052' -> '.052' (APA); other text unchanged."""
    try:
        return fmt_p(float(text))
    except ValueError:
        return text


def _alpha(text: str) -> str:
    try:
        return fmt_bounded(float(text), 2)
    except ValueError:
        return text


# (strings key, pattern): fullmatch on the note; the named groups fill the string's placeholders.
# Group names ending in _p are printed as APA p values, in _a as bounded numbers (.05).
_NUM = r"-?\d+(?:\.\d+)?"
PATTERNS: list[tuple[str, re.Pattern]] = [(key, re.compile(rx)) for key, rx in [
    # quality log (sweval.clean, sweval.clean_process)
    ("why_read", r"(?P<n>\d+) data rows, format (?P<fmt>\w+)(?:, mode (?P<mode>\w+))?(?:, encoding (?P<enc>[\w-]+))?"),
    ("why_read_form", r"(?P<n>\d+) rows \((?P<form>\w+) form\): (?P<kept>\d+) kept, (?P<excl>\d+) excluded"),
    ("why_identifying", r"identifying column \(personal data never leaves the clean step\)"),
    ("why_marker", r"platform missing marker \(?(?P<marker>.+?)\)?"),
    ("why_missing_code", rf"missing code (?P<code>{_NUM}) of the codebook"),
    ("why_out_of_scale", rf"code (?P<code>{_NUM}) outside the scale (?P<lo>{_NUM})-(?P<hi>{_NUM})"),
    ("why_not_whole", rf"(?P<value>.+) is not a whole-number code of (?P<lo>{_NUM})-(?P<hi>{_NUM})"),
    ("why_empty", r"empty cell \(no answer\)"),
    ("why_unknown_text", r"answer text is not an option of the response scale"),
    ("why_duration", r"completion time not understood \(expected e\.g\. 312秒, 5分12秒 or 312\)"),
    ("why_fast", rf"completed in under (?P<s>{_NUM}) seconds"),
    ("why_straightline", r"the same answer to every item \(at least (?P<k>\d+) answered\)"),
    ("why_duplicate", r"duplicate submission for this participant and wave; kept row (?P<row>\d+) of (?P<file>.+) "
                      r"\(rule: most items answered, then latest submission, then later file and row\)"),
    ("why_same_twice", r"the same answers as row (?P<row>\d+) of (?P<file>.+) \(the same submission exported twice, "
                       r"e\.g\. in text and in number mode\): kept that one"),
    ("why_no_baseline", r"no (?P<wave>\w+) response matches this participant"),
    ("why_not_in_roster", r"not in the group roster: wave (?P<wave>\w+) is for group members only"),
    ("why_not_in_rosters", r"in neither the group roster nor the comparison roster: wave (?P<wave>\w+) is for the two "
                           r"arms only"),
    ("why_no_id", r"(?P<what>.+) row without an ID"),
    ("why_no_consent", r"no recorded consent(?:: not counted as a member of the (?P<what>.+)| on the roster (?P<file>.+))"),
    ("why_id_repaired", r"participant ID (?P<how>.+)"),
    ("why_attendance_missing", r"attendance not recorded"),
    ("why_not_rating", rf"not a rating (?P<lo>{_NUM})-(?P<hi>{_NUM})"),
    ("why_goal_not_rated", r"goal not rated"),
    # the rule that chose a background test (sweval.baseline._choose_test)
    ("rule_parametric", rf"parametric test: every category n >= (?P<n>\d+) and Shapiro-Wilk p >= (?P<alpha_a>{_NUM}) "
                        rf"\(smallest p = (?P<min_p>{_NUM})\)"),
    ("rule_numeric", r"numeric variable: Spearman rank correlation \(no normality assumption\)"),
    ("rule_rank_normality", rf"rank test: Shapiro-Wilk p < (?P<alpha_a>{_NUM}) \((?P<cats>.+)\)"),
    ("rule_rank_small", r"rank test: category n < (?P<n>\d+) \((?P<cats>.+)\)"),
    ("rule_rank_flat", r"rank test: no variance in (?P<cats>.+)"),
    # how a p value was found
    ("pm_welch", r"Welch t distribution"),
    ("pm_exact_perm", r"exact conditional permutation \(mid-ranks\)"),
    ("pm_normal", r"normal approximation.*"),
    # the regression (sweval.baseline)
    ("sel_rule_limit", r"Predictors taken in the config's order of priority, fixed before the data were seen; each "
                       r"entered while the model keeps at most 1 degree of freedom per (?P<k>\d+) children with complete "
                       r"data, otherwise skipped and the next tried; the scores play no part in the choice\. Variables "
                       r"not entered are reported as bivariate tests only\."),
    ("sel_rule_all", r"Every variable entered \(no limit on predictors per child\)\."),
    ("reg_not_fitted", r"not fitted: n = (?P<n>\d+) complete cases for k = (?P<k>\d+) predictors"),
    ("reg_unstable", rf"n/k = (?P<nk>{_NUM}) < 10 children per predictor: estimates unstable, read as description"),
    # reliability notes (sweval.reliability), one sentence each
    ("rel_dropped", r"(?P<k>\d+) of (?P<n>\d+) rows dropped for a missing item \(listwise\)\."),
    ("rel_no_complete", r"No complete responses for this scale in this wave\."),
    ("rel_single_item", r"Single item: internal-consistency reliability is undefined\."),
    ("rel_one_response", r"Only 1 complete response: variances are undefined\."),
    ("rel_two_items", r"Two-item scale: read spearman_brown \(with mean_inter_item_r\), not alpha \(Eisinga, te "
                      r"Grotenhuis & Pelzer 2013\); omega needs at least 3 items\."),
    ("rel_zero_variance", r"Zero-variance item\(s\) (?P<items>.+?): every respondent gave the .*"),
    ("rel_negative", r"Negative alpha: the items' average covariance is negative; check for an item that should have "
                     r"been reverse-keyed \(or was keyed twice\)\."),
    ("rel_few", r"Only (?P<n>\d+) complete responses for (?P<k>\d+) items \(need n > items and n >= 3\): bootstrap "
                r"intervals skipped and omega not fitted\."),
    ("rel_heywood", rf"Omega: Heywood case \(an item's uniqueness is at its (?P<b>{_NUM}) bound\); read omega with "
                    r"caution\."),
    ("rel_singular", r"Omega not fitted: the item correlation matrix is singular.*"),
    ("rel_no_converge", r"Omega not reported: the one-factor ML fit did not converge\."),
    ("rel_boot_small", r"Bootstrap intervals not computed for n = (?P<n>\d+) < (?P<m>\d+): percentile intervals from "
                       r"so few cases are unreliable; read the Feldt interval\."),
    ("rel_boot_large", r"Bootstrap intervals not computed for n = (?P<n>\d+) > (?P<m>\d+):.*"),
    ("rel_missing_listwise", r"listwise within scale"),
    # reliable change (sweval.change)
    ("rci_withheld_low", rf"RCI withheld: r_xx = (?P<r_a>{_NUM}) is below the reliability floor (?P<floor_a>{_NUM}) "
                         r"\(change\.min_reliability\), too unreliable for a statement about one child"),
    ("rci_withheld_none", r"RCI withheld: no reliability \(r_xx\) for this scale"),
    ("rci_withheld_sdiff", r"RCI withheld: S_diff undefined.*"),
    ("rxx_alpha", r"Cronbach's alpha, baseline survey \(wave (?P<wave>\w+), n = (?P<n>\d+)\)"),
    ("sd_baseline", r"SD of the baseline survey \(wave (?P<wave>\w+), n = (?P<n>\d+)\)"),
    # the longitudinal analyses (sweval.longitudinal)
    ("method_mixed", r"REML random-intercept model \(statsmodels MixedLM\);.*"),
    ("method_friedman", r"Friedman rank test, tie-corrected \(pingouin\.friedman\), complete cases;.*"),
    # process (sweval.process)
    ("trend_mixedlm", r"mixedlm"),
    ("trend_ols", r"ols.*"),
    ("trend_boundary", r"child intercept variance at the boundary \(0, a singular fit\): the slope is that of OLS on "
                       r"all answers"),
    ("trend_too_few", r"answers in fewer than 2 sessions: no trend"),
    ("link_caution", r"n = (?P<n>\d+) children: the interval is wide and one child can move rho a lot; sessions "
                     r"attended range only (?P<lo>\d+)-(?P<hi>\d+), which limits any correlation; a correlation, not a "
                     r"dose-response effect: children who attend more may differ in motivation or support\."),
    ("link_caution_wide", r"n = (?P<n>\d+) children: the interval is wide and one child can move rho a lot; a "
                          r"correlation, not a dose-response effect: children who attend more may differ in motivation "
                          r"or support\."),
]]


def _fields(match: re.Match, language: str, context: dict) -> dict:
    out = {}
    for name, value in match.groupdict().items():
        value = "" if value is None else value
        if name.endswith("_p") or name == "min_p":
            value = _p(value)
        elif name.endswith("_a"):
            value = _alpha(value)
        out[name] = value
    if "wave" in out and out["wave"]:
        out["wave"] = t(out["wave"], language)
    if "cats" in out:
        out["cats"] = _categories(out["cats"], language, context.get("categories"))
    if "form" in out:
        out["form"] = t(f"record_{out['form']}", language)
    if "how" in out:
        out["how"] = id_repair(out["how"], language)
    for key in ("what", "file", "mode", "enc"):
        out.setdefault(key, "")
    return out


_CATEGORY = re.compile(rf"'(?P<cat>[^']*)' (?P<stat>[np]) = (?P<v>{_NUM})")


def _categories(text: str, language: str, labels: dict | None) -> str:
    """"'汉族' p = 0.030; '苗族' n = 4" in the report's language, categories by their labels."""
    parts = []
    for m in _CATEGORY.finditer(text):
        cat = (labels or {}).get(m["cat"], m["cat"])
        value = _p(m["v"]) if m["stat"] == "p" else m["v"]
        parts.append(f"{cat}, {m['stat']} = {value}" if language == "en" else f"{cat}：{m['stat']} = {value}")
    if not parts:  # "'a', 'b'" (no variance)
        parts = [(labels or {}).get(c, c) for c in re.findall(r"'([^']*)'", text)] or [text]
    return ("; " if language == "en" else "；").join(parts)


_REPAIRS = {"spaces removed": "repair_spaces", "letters upper-cased": "repair_upper",
            "full-width characters made half-width": "repair_fullwidth"}


def id_repair(text: str, language: str = "en") -> str:
    parts = [p.strip() for p in text.split(";")]
    said = [t(_REPAIRS[p], language) if p in _REPAIRS else p for p in parts]
    return ("; " if language == "en" else "；").join(said)


def say(text, language: str = "en", **context) -> str:
    """A note of a results table in the report's language (see the module docstring); '' for none.

    ``context``: ``categories`` maps a background category to its label."""
    if text is None or (isinstance(text, float) and text != text):
        return ""
    text = str(text).strip()
    if not text:
        return ""
    for key, pattern in PATTERNS:
        match = pattern.fullmatch(text)
        if match:
            return t(key, language, **_fields(match, language, context))
    return text


def sentences(text) -> list[str]:
    """A note of several sentences ('... (listwise). Only 10 ...') as its sentences."""
    if not isinstance(text, str) or not text.strip():
        return []
    return [s.strip().rstrip(".") + "." for s in re.split(r"(?<=\.) (?=[A-Z])", text.strip()) if s.strip()]


def note_kind(sentence: str) -> str:
    """The strings key of a reliability note's sentence, or the sentence itself when no pattern knows it."""
    for key, pattern in PATTERNS:
        if key.startswith("rel_") and pattern.fullmatch(sentence):
            return key
    return sentence


def rci_withheld(scales: list[tuple[str, str]], language: str = "en") -> str:
    """Why the RCI of these scales is not reported, (scale label, rci_note) each: the scales below the
    reliability floor in one clause with their reliability, any other reason after it."""
    pattern = dict(PATTERNS)["rci_withheld_low"]
    low, floor, other = [], "", []
    for label, note in scales:
        found = pattern.fullmatch(str(note))
        if found:
            low.append(f"{label} {_alpha(found['r_a'])}" if language == "zh" else f"{label}, {_alpha(found['r_a'])}")
            floor = _alpha(found["floor_a"])
        else:
            other.append(f"{label}{'：' if language == 'zh' else ': '}{say(note, language)}")
    parts = [t("rci_withheld_list", language, floor=floor, scales=("；" if language == "zh" else "; ").join(low))] if low else []
    return ("；" if language == "zh" else "; ").join(parts + other)


def effect_note(codes, language: str = "en") -> str:
    """'Effect sizes: g = Hedges' g; ε² = epsilon squared.' for the effect-size codes a table shows."""
    shown = [t(f"es_{c}", language) for c in dict.fromkeys(codes) if isinstance(c, str) and c and f"es_{c}" in STRINGS]
    return t("effect_note", language, effects=("；" if language == "zh" else "; ").join(shown)) if shown else ""
