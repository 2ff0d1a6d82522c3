"""Report formatting: APA numbers, the small-cell rule, plain-language findings (en, zh),
limitations, the strings table and the HTML assembly. Inputs are small hand-made tables; the
expected sentences are written out by hand."""
import base64
import io
from pathlib import Path

import nbformat
import pandas as pd
import pytest

from sweval.report import findings as W
from sweval.report import tables as T
from sweval.report.assemble import assemble_report, extract_assets, notebook_warnings
from sweval.report.strings import STRINGS, t

ROOT = Path(__file__).resolve().parents[1]


def test_apa_numbers():
    assert T.fmt_p(0.0004) == "< .001" and T.fmt_p(0.052) == ".052" and T.fmt_p(1.0) == "1.000"
    assert T.fmt_bounded(0.894) == ".89" and T.fmt_bounded(-0.53) == "-.53" and T.fmt_bounded(1.76) == "1.76"
    assert T.fmt_num(-0.001) == "0.00" and T.fmt_ci(0.1, 1.51) == "[0.10, 1.51]"
    assert T.fmt_mean_sd(87.3, 4.398) == "87.30 (4.40)" and T.fmt_est_ci(0.82, 0.1, 1.51) == "0.82 [0.10, 1.51]"
    assert W.p_text(0.0301) == "p = .030" and W.p_text(1e-9) == "p < .001"


def test_reliability_numbers_below_zero_are_shown_as_below_zero():
    # the example's peer-support alpha at follow-up: -1.76, Feldt CI [-11.26, .38]
    assert T.fmt_reliability(-1.764706) == "< 0" and T.fmt_reliability(0.8939, 3) == ".894"
    assert T.fmt_reliability_ci(-11.25666, 0.376372) == "[< 0, .38]"
    assert T.fmt_reliability_ci(0.8455, 0.933) == "[.85, .93]" and T.fmt_reliability(0.0) == ".00"
    assert T.fmt_reliability(float("nan")) == "" and T.fmt_reliability_ci(float("nan"), 0.5) == ""


def test_small_cells_are_suppressed():
    cats = pd.DataFrame({"category": ["a", "b", "c", "d"], "n": [25, 2, 1, 0], "mean": [1.0, 2.0, 3.0, None]})
    out = T.suppress_small(cats, "n", ["mean"])
    assert out["n"].tolist() == ["25", "< 3", "< 3", "0"]
    assert out["mean"].tolist()[:3] == [1.0, "", ""]
    assert T.fmt_count(3) == "3" and T.is_small(2) and not T.is_small(0)


def test_numeric_cells_are_right_aligned():
    html = T.html_table(pd.DataFrame({"Scale": ["Total"], "p": ["< .001"], "d": ["0.71 [-0.01, 1.39]"]}))
    assert "<td>Total</td>" in html and html.count("class='num'") == 2


def _paired(**over):
    row = dict(scale="individual", contrast="pre->post", wave_from="pre", wave_to="post", n_pairs=10, d_z=0.82,
               d_z_ci_low=0.10, d_z_ci_high=1.51, p=0.03, p_holm=0.09, change="improved")
    row.update(over)
    return row


SUMMARY = pd.DataFrame([{"scale": "individual", "contrast": "pre->post", "n": 10, "n_reliable_improvement": 6,
                         "n_no_reliable_change": 4, "n_reliable_deterioration": 0}])
POWER = pd.DataFrame([{"scale": "individual", "contrast": "pre->post", "n_pairs": 10, "alpha": 0.05, "power": 0.8,
                       "min_detectable_d_z": 0.996}])


@pytest.mark.parametrize("over, en", [
    ({}, "Individual: improved before correction for multiple tests, not after Holm, d_z = 0.82 [0.10, 1.51], "
         "p = .030 (Holm-adjusted p = .090); 6 of 10 children reliably improved, 0 reliably deteriorated."),
    ({"p_holm": 0.04}, "Individual: improved, d_z = 0.82 [0.10, 1.51], p = .030 (Holm-adjusted p = .040); 6 of 10 children "
                       "reliably improved, 0 reliably deteriorated."),
    ({"p": 0.2, "p_holm": 0.6, "d_z": 0.3}, "Individual: higher on average, but not clearly different from no change, "
                                            "d_z = 0.30 [0.10, 1.51], p = .200 (Holm-adjusted p = .600); 6 of 10 children reliably "
                                            "improved, 0 reliably deteriorated."),
])
def test_outcome_sentences(over, en):
    blocks = W.outcome_findings(pd.DataFrame([_paired(**over)]), SUMMARY, POWER, {"individual": "Individual"},
                                ["individual"], "en")
    assert blocks[0].heading == "pre-test → post-test (10 children with both waves)"
    assert blocks[0].sentences[0] == en
    assert blocks[0].sentences[1].startswith("With 10 pairs, only effects of d_z ≥ 1.00 had an 80% chance")


def test_no_count_of_children_for_a_withheld_rci():
    withheld = SUMMARY.assign(n_reliable_improvement=0, n_no_reliable_change=0, rci_note="RCI withheld: r_xx = 0.430 ...")
    blocks = W.outcome_findings(pd.DataFrame([_paired(p_holm=0.04)]), withheld, POWER, {"individual": "Individual"},
                                ["individual"], "en")
    assert blocks[0].sentences[0] == "Individual: improved, d_z = 0.82 [0.10, 1.51], p = .030 (Holm-adjusted p = .040)."


def test_outcome_sentence_in_chinese():
    blocks = W.outcome_findings(pd.DataFrame([_paired(p_holm=0.04)]), SUMMARY, POWER, {"individual": "个人"},
                                ["individual"], "zh")
    assert blocks[0].heading == "前测 → 后测（两次均有数据的儿童10名）"
    assert blocks[0].sentences[0] == ("个人：显著提升，d_z = 0.82 [0.10, 1.51]，p = .030（Holm校正 p = .040）；"
                                      "10名儿童中6名可靠改善，0名可靠恶化。")


def test_baseline_and_process_findings():
    levels = pd.DataFrame({"level": ["low", "medium", "high", "missing"], "n": [22, 22, 5, 1],
                           "share": [0.449, 0.449, 0.102, None]})
    selection = pd.DataFrame([{"test": "welch_t", "n_group": 10, "n_others": 39, "mean_group": 87.3,
                               "mean_others": 104.65, "effect_size_type": "hedges_g", "effect_size": -1.61,
                               "ci_low": -2.36, "ci_high": -0.85}])
    tests = pd.DataFrame({"variable": ["left_behind", "gender"], "level": ["family", "demographic"],
                          "p": [0.0231, 0.3], "p_holm": [0.293, 1.0]})
    out = W.baseline_findings(levels, selection, tests, {"left_behind": "Parents working away"}, "en",
                              scale_label="the total score")
    assert out[0] == "At baseline, 49 children had a score on the total score: 22 (45%) low, 22 (45%) medium, 5 (10%) high."
    assert "Parents working away (family, p = .023; Holm-adjusted p = .293)" in out[1] and "Not one remains" in out[1]
    assert out[2] == ("The 10 group members scored lower at baseline than the other 39 respondents "
                      "(M = 87.3 vs 104.7; g = -1.61 [-2.36, -0.85]).")
    sessions = pd.DataFrame({"rate": [0.9, 0.7, 1.0]})
    children = pd.DataFrame({"sessions_attended": [5, 7], "n_sessions": [7, 7]})
    trend = pd.DataFrame([{"item": "fb_enjoy", "slope": 0.2, "ci_low": 0.12, "ci_high": 0.28}])
    goals = pd.DataFrame({"session": [1, 2, 3], "share_attained": [1, 0, 1]})
    out = W.process_findings(sessions, children, trend, goals, {"fb_enjoy": "Enjoyed"}, "zh", 4)
    assert out[0] == "各次活动出勤率为70%至100%；每名儿童出席7次活动中的5至7次。"
    assert out[1].startswith("“Enjoyed”随活动次数上升") and "第2次" in out[2]


def _design(**over):
    d = dict(simulated=True, has_control=False, n_pairs=10, min_detectable_d_z=0.996, n_tests=36, n_family=4,
             n_contrasts=3, selected_low=True, level_rule="low < 3.5", min_answered_share=0.8, n_items_total=28,
             missing_followup=1, low_reliability=["Peer support"], levels_note="the manual gives no cut-offs",
             scale_label="Total", waves=["pre", "post", "followup"])
    d.update(over)
    return W.Design(**d)


def test_limitations_say_what_the_design_cannot_show():
    text = " ".join(W.limitations(_design(), "en"))
    for phrase in ["SIMULATED", "no control or comparison group", "n = 10", "d_z ≥ 1.00", "36 paired tests",
                   "regression to the mean", "1 child missed the last wave (follow-up)", "Peer support",
                   "low < 3.5", "(a study choice; the manual gives no cut-offs)", "23 of the 28 items of Total",
                   "fewer than 3 children"]:
        assert phrase in text, phrase
    real = " ".join(W.limitations(_design(simulated=False, has_control=True, selected_low=False), "en"))
    assert "SIMULATED" not in real and "control" not in real and "regression to the mean" not in real
    assert "没有对照组" in " ".join(W.limitations(_design(), "zh"))
    # every part of the example is there: nothing is said to be missing
    assert not any(s.startswith(("No ", "Some process", "Only ")) for s in W.limitations(_design(), "en"))


PARTS = ["roster", "background", "levels", "attendance", "feedback", "goal_attainment", "followup"]


@pytest.mark.parametrize("language, lines", [
    ("en", ["No group roster was given", "No background questions were collected", "No level rule was set",
            "No process records were kept (attendance, after-session feedback, goal-attainment ratings)",
            "Only pre-test and post-test were measured, with no later follow-up"]),
    ("zh", ["未提供小组名单", "未收集背景信息", "未设定水平划分规则", "未收集过程记录（出勤记录、活动后反馈、目标达成评分）",
            "仅测量了前测和后测，没有追踪测"])])
def test_limitations_name_each_part_the_study_did_not_collect(language, lines):
    """Two waves of one instrument and nothing else: one line per part left out, in both languages,
    no level rule, no multiple-testing line for a single scale, no regression-to-the-mean line."""
    design = _design(simulated=False, n_tests=1, n_family=1, n_contrasts=1, selected_low=False, level_rule="",
                     missing_followup=0, low_reliability=[], levels_note="", waves=["pre", "post"],
                     n_items_total=10, not_collected=PARTS)
    out = W.limitations(design, language)
    for line in lines:
        assert sum(s.startswith(line) for s in out) == 1, line
    text = " ".join(out)
    assert "Level rule" not in text and "水平划分规则（" not in text
    assert "paired tests" not in text and "次配对检验" not in text and "regression to the mean" not in text
    some = W.limitations(_design(not_collected=["feedback", "goal_attainment"]), language)
    assert sum(("after-session feedback, goal-attainment ratings" in s) or ("活动后反馈、目标达成评分" in s)
               for s in some) == 1
    assert not any("attendance" in s or "出勤记录" in s for s in some)


def test_regression_to_the_mean_follows_the_desirable_direction():
    low = " ".join(W.limitations(_design(), "en"))
    high = " ".join(W.limitations(_design(direction="lower"), "en"))
    assert "chosen for its low baseline scores" in low and "chosen for its high baseline scores" in high


def test_baseline_findings_say_only_what_the_study_has():
    assert W.baseline_findings(None, None, None, {}, "en") == []
    everyone = pd.DataFrame([{"test": "welch_t", "n_group": 30, "n_others": 0, "mean_group": 25.0,
                              "mean_others": float("nan"), "effect_size_type": "hedges_g",
                              "effect_size": float("nan"), "ci_low": float("nan"), "ci_high": float("nan")}])
    assert W.baseline_findings(None, everyone, None, {}, "en") == [
        "Every child measured at baseline is a group member: there are no other respondents to compare the group with."]
    empty_levels = pd.DataFrame({"level": ["low", "high", "missing"], "n": [0, 0, 4],
                                 "share": [float("nan")] * 3})
    one = pd.DataFrame({"variable": ["age"], "level": ["demographic"], "p": [0.4], "p_holm": [0.4]})
    out = W.baseline_findings(empty_levels, None, one, {"age": "Age"}, "en", scale_label="Self-esteem")
    assert out == ["The background factor Age did not go with Self-esteem at p < .05."]
    worded = pd.DataFrame({"level": ["needs_support", "ok", "missing"], "n": [3, 7, 0], "share": [0.3, 0.7, None]})
    labels = {"labels": {"needs_support": {"en": "needs support", "zh": "需要支持"}}}
    out = W.baseline_findings(worded, None, None, {}, "zh", scale_label="自尊得分", levels_config=labels)
    assert out == ["基线时10名儿童有自尊得分数据，其中需要支持水平3名（30%）、ok水平7名（70%）。"]
    text = " ".join(out)
    assert "nan" not in text and "0 of 0" not in text


def test_comparison_findings():
    comparison = pd.DataFrame([
        {"analysis": "ancova", "scale": "ses", "wave_from": "pre", "wave_to": "post", "estimate": 3.214,
         "ci_low": 1.1, "ci_high": 5.3, "p": 0.004, "partial_eta_sq": 0.21, "favours": "group"},
        {"analysis": "ancova", "scale": "sub", "wave_from": "pre", "wave_to": "post", "estimate": -0.5,
         "ci_low": -2.0, "ci_high": 1.0, "p": 0.5, "partial_eta_sq": 0.01, "favours": "comparison"},
        {"analysis": "group_by_time", "scale": "ses", "wave_from": "pre", "wave_to": "post", "estimate": 3.0,
         "ci_low": 1.0, "ci_high": 5.0, "p": 0.01, "partial_eta_sq": None, "favours": "group"}])
    out = W.comparison_findings(comparison, {"ses": "Self-esteem", "sub": "Sub"}, ["ses", "sub"], "en")
    assert out == ["Adjusted for pre-test, the group scored 3.21 points higher than the comparison group on Self-esteem "
                   "at post-test ([1.10, 5.30], p = .004, partial η² = .21): a difference in the desirable direction.",
                   "Adjusted for pre-test, the group and the comparison group did not clearly differ on Sub at "
                   "post-test (difference -0.50 points, [-2.00, 1.00], p = .500)."]
    zh = W.comparison_findings(comparison, {"ses": "自尊"}, ["ses"], "zh")
    assert zh == ["控制前测得分后，小组在后测的自尊比对照组高3.21分（[1.10, 5.30]，p = .004，偏η² = .21），差异方向对小组有利。"]
    assert W.comparison_findings(pd.DataFrame({"analysis": ["none"], "note": ["no arm"]}), {}, ["ses"]) == []


def test_level_rule_in_chinese():
    cut = pd.DataFrame({"scale": ["total"] * 3, "level": ["low", "medium", "high"], "lower": [-float("inf"), 3.5, 4.2],
                        "upper": [3.5, 4.2, float("inf")], "rule": ["fixed bands"] * 3})
    assert W.level_rule_text(cut, {"scale": "total"}, "Total", "en") == "fixed bands"
    assert W.level_rule_text(cut, {"scale": "total", "method": "fixed_item_mean"}, "抗逆力总分", "zh") == \
        "抗逆力总分，按题目均值固定分段：低 < 3.50；中 3.50–4.20；高 ≥ 4.20"


def test_every_label_has_both_languages():
    missing = [k for k, v in STRINGS.items() if not (v.get("en") and v.get("zh"))]
    assert not missing, missing
    assert t("no such key", "zh") == "no such key"
    assert t("levels", "en", scale="Self-esteem") == "Levels of Self-esteem at baseline"


def test_no_label_names_an_instrument_a_construct_or_the_example():
    """Words about the study come from its codebook and config; 'simulated' only in the two labels
    shown when config study.simulated is true."""
    import re

    example = re.compile(r"resilien|cyrm|example|抗逆力|示例|易地|搬迁|relocat", re.I)
    found = {k: v for k, v in STRINGS.items() for text in v.values() if example.search(text)}
    assert not found, found
    simulated = {k for k, v in STRINGS.items() for text in v.values() if re.search(r"simulated|模拟", text, re.I)}
    assert simulated == {"simulated_note", "lim_simulated"}


def _png() -> str:
    from PIL import Image

    buf = io.BytesIO()
    Image.new("RGB", (4, 3), "white").save(buf, format="PNG")
    return base64.b64encode(buf.getvalue()).decode()


def test_assembly_is_self_contained_and_assets_are_named_by_heading(tmp_path):
    nb = nbformat.v4.new_notebook()
    cell = nbformat.v4.new_code_cell("")
    cell.outputs = [nbformat.v4.new_output("display_data", {"text/html": "<h3 data-key='forest'>Forest</h3>"}),
                    nbformat.v4.new_output("display_data", {"image/png": _png()}),
                    nbformat.v4.new_output("display_data", {"text/html": "<table class='apa'></table>"})]
    nb.cells = [cell]
    path = tmp_path / "outcomes.ipynb"
    nbformat.write(nb, path)
    prov = {"inputs": {"a.csv": "0" * 64}, "config": {"language": "zh"}, "python": "3.11", "packages": {},
            "git_commit": "abc", "date": "2026-01-01"}
    html = assemble_report([str(path)], ["outcomes"], {"language": "zh", "study": {"simulated": True}}, prov)
    assert "<script" not in html and "lang='zh-CN'" in html and "成效与个体变化" in html and "模拟数据" in html
    real = assemble_report([str(path)], ["outcomes"], {"language": "en"}, prov)
    assert "SIMULATED" not in real and "class='banner'" not in real
    assert "data:image/png;base64," in html
    figures, tables = extract_assets([str(path)], ["outcomes"])
    assert list(figures) == ["outcomes.01-forest.png"] and figures["outcomes.01-forest.png"][:4] == b"\x89PNG"
    assert list(tables) == ["outcomes.02-forest.html"]


def test_the_opening_paragraph_speaks_of_the_study(tmp_path):
    from sweval.codebook import load_codebook

    codebook = load_codebook(ROOT / "tests/data/instruments/selfesteem10.yaml")
    nb = nbformat.v4.new_notebook()
    path = tmp_path / "outcomes.ipynb"
    nbformat.write(nb, path)
    prov = {"inputs": {}, "config": {}, "python": "3.11", "packages": {}, "git_commit": "abc", "date": "2026-01-01"}
    config = {"language": "en", "waves": ["pre", "post"],
              "study": {"group": {"en": "a school self-esteem group", "zh": "学校自尊小组"}}}
    html = assemble_report([str(path)], ["outcomes"], config, prov, codebook)
    assert ("This report evaluates a school self-esteem group. Outcome: self-esteem, measured with the Self-esteem "
            "scale (10 items); higher scores are better. Source of the instrument: Rosenberg, M. (1965).") in html
    assert "Measured at: pre-test, post-test." in html
    zh = assemble_report([str(path)], ["outcomes"], {**config, "language": "zh"}, prov, codebook)
    assert "本报告评估学校自尊小组。成效指标：自尊，测量工具为自尊量表（10题）；得分越高越好。" in zh


def test_warnings_and_a_missing_cjk_font_reach_the_log_and_one_sentence_not_the_reader(tmp_path):
    nb = nbformat.v4.new_notebook()
    cell = nbformat.v4.new_code_cell("")
    warning = "<ipython-input-1-abc>:3: UserWarning: Glyph 20013 missing from font(s) DejaVu Sans."
    cell.outputs = [nbformat.v4.new_output("stream", name="stderr", text=warning),
                    nbformat.v4.new_output("display_data", {"text/html": "<p>a table</p>"})]
    nb.cells = [cell]
    path = tmp_path / "baseline.ipynb"
    nbformat.write(nb, path)
    prov = {"inputs": {}, "config": {}, "python": "3.11", "packages": {}, "git_commit": "abc", "date": "2026-01-01",
            "cjk_font": None}
    html = assemble_report([str(path)], ["baseline"], {"language": "zh"}, prov)
    assert "Warning" not in html and "ipython-input" not in html and "<p>a table</p>" in html
    assert html.count("绘图时未安装中文字体") == 1 and html.index("绘图时未安装中文字体") > html.index("id='provenance'")
    assert notebook_warnings([str(path)], ["baseline"]) == [f"baseline: {warning}"]
    # an English report whose figures hold no Chinese characters does not mention the font
    assert "No CJK font" not in assemble_report([str(path)], ["baseline"], {"language": "en"}, prov)
    chinese_categories = {"language": "en", "background": {"variables": [{"id": "g", "categories": ["男", "女"]}]}}
    assert "No CJK font" in assemble_report([str(path)], ["baseline"], chinese_categories, prov)
    assert "No CJK font" not in assemble_report([str(path)], ["baseline"], chinese_categories,
                                                {**prov, "cjk_font": "Noto Sans CJK SC"})


def test_figures_without_a_cjk_font_warn_nobody(monkeypatch):
    """Without a CJK font, matplotlib warns once per missing glyph; the figure code silences only
    that warning (the report says it once), and other warnings still show."""
    import warnings

    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    from sweval.report import figures as F

    def draw():
        fig, ax = plt.subplots()
        ax.set_title("中文标题")
        fig.savefig(io.BytesIO(), format="png")
        plt.close(fig)

    monkeypatch.setattr(F, "cjk_font", lambda: None)
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        matplotlib.rcParams["font.sans-serif"] = ["DejaVu Sans"]
        draw()
    assert any("missing from font" in str(w.message) for w in caught)  # what the reader used to see
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        assert F.setup_fonts("zh") is None
        draw()
        warnings.warn("another warning", UserWarning)
    assert [str(w.message) for w in caught] == ["another warning"]
