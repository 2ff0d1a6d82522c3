"""Report formatting: APA numbers, the small-cell rule, plain-language findings (en, zh),
limitations, the strings table and the HTML assembly. Inputs are small hand-made tables; the
expected sentences are written out by hand."""
import base64
import io

import nbformat
import pandas as pd
import pytest

from sweval.report import findings as W
from sweval.report import tables as T
from sweval.report.assemble import assemble_report, extract_assets
from sweval.report.strings import STRINGS, t


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
         "p = .030 (Holm .090); 6 of 10 children reliably improved, 0 reliably deteriorated."),
    ({"p_holm": 0.04}, "Individual: improved, d_z = 0.82 [0.10, 1.51], p = .030 (Holm .040); 6 of 10 children "
                       "reliably improved, 0 reliably deteriorated."),
    ({"p": 0.2, "p_holm": 0.6, "d_z": 0.3}, "Individual: higher on average, but not clearly different from no change, "
                                            "d_z = 0.30 [0.10, 1.51], p = .200 (Holm .600); 6 of 10 children reliably "
                                            "improved, 0 reliably deteriorated."),
])
def test_outcome_sentences(over, en):
    blocks = W.outcome_findings(pd.DataFrame([_paired(**over)]), SUMMARY, POWER, {"individual": "Individual"},
                                ["individual"], "en")
    assert blocks[0].heading == "pre-test → post-test (10 children with both waves)"
    assert blocks[0].sentences[0] == en
    assert blocks[0].sentences[1].startswith("With 10 pairs, only effects of d_z ≥ 1.00 had a 80% chance")


def test_no_count_of_children_for_a_withheld_rci():
    withheld = SUMMARY.assign(n_reliable_improvement=0, n_no_reliable_change=0, rci_note="RCI withheld: r_xx = 0.430 ...")
    blocks = W.outcome_findings(pd.DataFrame([_paired(p_holm=0.04)]), withheld, POWER, {"individual": "Individual"},
                                ["individual"], "en")
    assert blocks[0].sentences[0] == "Individual: improved, d_z = 0.82 [0.10, 1.51], p = .030 (Holm .040)."


def test_outcome_sentence_in_chinese():
    blocks = W.outcome_findings(pd.DataFrame([_paired(p_holm=0.04)]), SUMMARY, POWER, {"individual": "个人"},
                                ["individual"], "zh")
    assert blocks[0].heading == "前测 → 后测（两次均有数据的儿童10名）"
    assert blocks[0].sentences[0] == ("个人：显著提升，d_z = 0.82 [0.10, 1.51]，p = .030（Holm校正 .040）；"
                                      "10名儿童中6名可靠改善，0名可靠恶化。")


def test_baseline_and_process_findings():
    levels = pd.DataFrame({"level": ["low", "medium", "high", "missing"], "n": [22, 22, 5, 1],
                           "share": [0.449, 0.449, 0.102, None]})
    selection = pd.DataFrame([{"test": "welch_t", "n_group": 10, "n_others": 39, "mean_group": 87.3,
                               "mean_others": 104.65, "effect_size_type": "hedges_g", "effect_size": -1.61,
                               "ci_low": -2.36, "ci_high": -0.85}])
    tests = pd.DataFrame({"variable": ["left_behind", "gender"], "level": ["family", "demographic"],
                          "p": [0.0231, 0.3], "p_holm": [0.293, 1.0]})
    out = W.baseline_findings(levels, selection, tests, {"left_behind": "Parents working away"}, "en")
    assert out[0] == "Of 49 children with a total score at baseline: 22 (45%) low, 22 (45%) medium, 5 (10%) high."
    assert "Parents working away (family, p = .023; Holm .293)" in out[1] and "None remains" in out[1]
    assert "M = 87.3 vs 104.7; hedges_g = -1.61 [-2.36, -0.85]" in out[2]
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
             missing_followup=1, low_reliability=["Peer support"])
    d.update(over)
    return W.Design(**d)


def test_limitations_say_what_the_design_cannot_show():
    text = " ".join(W.limitations(_design(), "en"))
    for phrase in ["SIMULATED", "no control or comparison group", "n = 10", "d_z ≥ 1.00", "36 paired tests",
                   "regression to the mean", "1 child(ren) missed the follow-up", "Peer support", "low < 3.5",
                   "23 of 28", "fewer than 3 children"]:
        assert phrase in text, phrase
    real = " ".join(W.limitations(_design(simulated=False, has_control=True, selected_low=False), "en"))
    assert "SIMULATED" not in real and "control" not in real and "regression to the mean" not in real
    assert "没有对照组" in " ".join(W.limitations(_design(), "zh"))


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
    assert "data:image/png;base64," in html
    figures, tables = extract_assets([str(path)], ["outcomes"])
    assert list(figures) == ["outcomes.01-forest.png"] and figures["outcomes.01-forest.png"][:4] == b"\x89PNG"
    assert list(tables) == ["outcomes.02-forest.html"]
