"""Write the clean-step corpus under tests/data/clean_corpus/<case>/ (files + config.yaml).

The files are committed; run this only to change them:
``.venv/bin/python tests/data/clean_corpus/make_corpus.py``. Every answer, ID, name and phone
number is invented. README.md in this folder is the specification the test reads.
"""
from __future__ import annotations

import csv
import io
import shutil
from pathlib import Path

import openpyxl
import yaml

HERE = Path(__file__).resolve().parent
N_ITEMS = 28
ITEMS = [f"cyrm_{k:02d}" for k in range(1, N_ITEMS + 1)]
TEXT = {1: "完全不符合", 2: "比较不符合", 3: "一般", 4: "比较符合", 5: "完全符合"}
WJX_META = ["序号", "提交答卷时间", "所用时间", "来源", "来源详情", "来自IP"]


def answers(seed: int, n: int = N_ITEMS) -> list:
    """28 plausible codes 1-5, varied (never straight-lined), from a small seed."""
    return [1 + (seed * 7 + k * 3 + (k * k) % 5) % 5 for k in range(n)]


def write_csv(path: Path, header: list, rows: list, encoding: str = "utf-8-sig") -> None:
    buffer = io.StringIO()
    csv.writer(buffer, lineterminator="\r\n").writerows([header, *rows])
    path.write_bytes(buffer.getvalue().encode(encoding))


def write_xlsx(path: Path, header: list, rows: list) -> None:
    book = openpyxl.Workbook()
    sheet = book.active
    sheet.append(header)
    for row in rows:
        sheet.append(["" if v is None else v for v in row])
    book.save(path)


def tidy(path: Path, rows: list[dict], extra: list[str] = ()) -> None:
    """Generic CSV: participant_id, extra columns, cyrm_01..cyrm_28."""
    header = ["participant_id", *extra, *ITEMS]
    write_csv(path, header, [[r.get(c) for c in header] for r in rows])


def tidy_row(pid, seed, **over) -> dict:
    return {"participant_id": pid, **dict(zip(ITEMS, answers(seed))), **over}


def wjx(path: Path, children: list[dict], *, mode: str = "number", id_q: int = 1, matrix_q: int = 3,
        n_items: int = N_ITEMS, extra: list[tuple[str, str]] = ()) -> None:
    """A Wenjuanxing download: meta columns, 1、编号, 2、姓名, extra questions, matrix question 3.

    children: dicts with id, name, codes (list, None = (空)), and optional duration, time, ip.
    """
    header = WJX_META + [f"{id_q}、你的编号（学号）", "2、你的姓名", *[h for h, _ in extra],
                         *[f"{matrix_q}(第{k}项)" for k in range(1, n_items + 1)]]
    rows = []
    for k, c in enumerate(children, start=1):
        codes = c["codes"][:n_items]
        cells = [(("(空)" if mode == "text" else "-2") if v is None else
                  (TEXT.get(v, str(v)) if mode == "text" and isinstance(v, int) else str(v))) for v in codes]
        rows.append([str(k), c.get("time", f"2023/05/{10 + k:02d} 10:00:00"), c.get("duration", "400秒"),
                     "手机提交", "N/A", c.get("ip", f"10.0.0.{k}(贵州-贵阳)"), c["id"], c.get("name", f"学生{k}"),
                     *[c.get(key, v) for key, v in extra], *cells])
    (write_xlsx if path.suffix == ".xlsx" else write_csv)(path, header, rows)


def roster(path: Path, ids: list[str], consent: list[str] | None = None) -> None:
    consent = consent or ["是"] * len(ids)
    write_csv(path, ["编号", "姓名", "知情同意"], [[i, f"儿童{k}", c] for k, (i, c) in enumerate(zip(ids, consent))])


ROSTER = {"path": "roster.csv", "id_column": "编号", "consent_column": "知情同意", "consent_yes": ["是"]}


def case(name: str, config: dict) -> Path:
    folder = HERE / name
    folder.mkdir()
    base = {"waves": ["pre", "post"], "baseline_wave": "pre",
            "cleaning": {"min_duration_seconds": 90, "straightline_min_items": 10}}
    (folder / "config.yaml").write_text(yaml.safe_dump({**base, **config}, allow_unicode=True, sort_keys=False),
                                        encoding="utf-8")
    return folder


def csv_survey(name, path, wave=None, **more):
    return {"name": name, "path": path, "format": "csv", **({"wave": wave} if wave else {}), **more}


def wjx_survey(name, path, wave, **more):
    return {"name": name, "path": path, "format": "wjx", "wave": wave, "id_column": {"question": 1},
            "items": {"matrix_question": 3}, **more}


def pre_post(folder: Path, pre_ids, post_ids, roster_ids=None, consent=None):
    tidy(folder / "pre.csv", [tidy_row(p, k) for k, p in enumerate(pre_ids)])
    tidy(folder / "post.csv", [tidy_row(p, k + 10) for k, p in enumerate(post_ids)])
    if roster_ids is not None:
        roster(folder / "roster.csv", roster_ids, consent)


TWO = [csv_survey("pre", "pre.csv", "pre"), csv_survey("post", "post.csv", "post")]


def build() -> None:
    for old in HERE.iterdir():
        if old.is_dir():
            shutil.rmtree(old)

    f = case("dup_ids_across_waves", {"surveys": TWO, "roster": ROSTER})
    pre_post(f, ["A1", "B2", "C3"], ["A1", "B2", "C3"], ["A1", "B2", "C3"])

    f = case("dup_within_wave", {"surveys": [csv_survey("pre", "pre.csv", "pre", submitted_column="submitted")]})
    rows = [tidy_row("A1", 1, **{i: None for i in ITEMS[20:]}, submitted="2023-05-02 09:00"),  # incomplete
            tidy_row("A1", 2, submitted="2023-05-01 09:00"),                                   # complete: kept
            tidy_row("B2", 3, submitted="2023-05-01 09:00"),
            tidy_row("B2", 4, submitted="2023-05-03 09:00"),                                   # latest: kept
            tidy_row("C3", 5, submitted="2023-05-01 09:00"),
            tidy_row("c3 ", 5, submitted="2023-05-01 09:00")]                                  # identical copy
    tidy(f / "pre.csv", rows, extra=["submitted"])

    f = case("post_without_pre", {"surveys": TWO, "roster": ROSTER})
    pre_post(f, ["A1", "B2"], ["A1", "B2", "C3"], ["A1", "B2", "C3"])

    f = case("not_in_roster", {"surveys": TWO, "roster": ROSTER})
    pre_post(f, ["A1", "B2", "X9"], ["A1", "B2", "X9"], ["A1", "B2"])

    f = case("roster_without_consent", {"surveys": TWO, "roster": ROSTER})
    pre_post(f, ["A1", "B2", "C3"], ["A1", "B2", "C3"], ["A1", "B2", "C3"], ["是", "是", "否"])

    f = case("roster_consent_column_missing", {"surveys": TWO, "roster": {**ROSTER, "consent_column": "同意"}})
    pre_post(f, ["A1", "B2"], ["A1", "B2"], ["A1", "B2"])

    f = case("wholly_empty_responses", {"surveys": [wjx_survey("pre", "pre.csv", "pre")]})
    wjx(f / "pre.csv", [{"id": "A1", "codes": answers(1)}, {"id": "B2", "codes": [None] * N_ITEMS},
                        {"id": "C3", "codes": ["-3"] * N_ITEMS}, {"id": "D4", "codes": answers(2)}])

    f = case("fast_completion", {"surveys": [wjx_survey("pre", "pre.csv", "pre")]})
    durations = ["312秒", "5分12秒", "45秒", "30", "1分5秒", "约五分钟", None]
    wjx(f / "pre.csv", [{"id": f"A{k}", "codes": answers(k), "duration": d} for k, d in enumerate(durations)])

    f = case("straight_lining", {"surveys": [csv_survey("pre", "pre.csv", "pre")]})
    tidy(f / "pre.csv", [tidy_row("A1", 1, **{i: 3 for i in ITEMS}),
                         tidy_row("B2", 2, **{i: (None if i == "cyrm_07" else 5) for i in ITEMS}),
                         tidy_row("C3", 3, **{i: (2 if k < 9 else None) for k, i in enumerate(ITEMS)}),
                         tidy_row("D4", 4)])

    f = case("text_in_numeric_items", {"surveys": [wjx_survey("pre", "pre.csv", "pre")]})
    wjx(f / "pre.csv", [{"id": "A1", "codes": ["五", *answers(1)[1:]]},
                        {"id": "B2", "codes": [*answers(2)[:5], "4.5", *answers(2)[6:]]},
                        {"id": "C3", "codes": [*answers(3)[:9], "x", *answers(3)[10:]]}])

    f = case("codes_outside_scale", {"surveys": [wjx_survey("pre", "pre.csv", "pre")]})
    wjx(f / "pre.csv", [{"id": "A1", "codes": [0, 6, *answers(1)[2:]]},
                        {"id": "B2", "codes": [*answers(2)[:27], 9]},
                        {"id": "C3", "codes": [99, *answers(3)[1:]]}])

    f = case("wjx_negative_codes", {"surveys": [wjx_survey("pre", "pre.csv", "pre")]})
    wjx(f / "pre.csv", [{"id": "A1", "codes": [-2, -2, *answers(1)[2:]]},
                        {"id": "B2", "codes": [*answers(2)[:27], -3]}, {"id": "C3", "codes": answers(3)}])

    f = case("number_and_text_mode_same_wave", {"surveys": [
        wjx_survey("pre", "pre.csv", "pre"), wjx_survey("post_number", "post_number.csv", "post"),
        wjx_survey("post_text", "post_text.xlsx", "post")]})
    kids = [{"id": i, "codes": answers(k + 5), "time": f"2023/06/0{k + 1} 10:00:00"} for k, i in enumerate(["A1", "B2", "C3"])]
    kids[1]["codes"] = [None, *kids[1]["codes"][1:]]
    wjx(f / "pre.csv", [{"id": i, "codes": answers(k)} for k, i in enumerate(["A1", "B2", "C3"])])
    wjx(f / "post_number.csv", kids, mode="number")
    wjx(f / "post_text.xlsx", kids, mode="text")

    f = case("missing_id_column", {"surveys": [csv_survey("pre", "pre.csv", "pre")]})
    tidy(f / "pre.csv", [tidy_row("A1", 1), tidy_row("B2", 2)])
    text = (f / "pre.csv").read_text(encoding="utf-8-sig").replace("participant_id", "编号", 1)
    (f / "pre.csv").write_text(text, encoding="utf-8-sig")

    f = case("id_question_missing", {"surveys": [wjx_survey("pre", "pre.csv", "pre", id_column={"question": 9})]})
    wjx(f / "pre.csv", [{"id": "A1", "codes": answers(1)}])

    f = case("items_not_in_codebook", {"surveys": [csv_survey(
        "pre", "pre.csv", "pre", items={"columns": {**{i: i for i in ITEMS[:27]}, "cyrm_29": "cyrm_28"}})]})
    tidy(f / "pre.csv", [tidy_row("A1", 1)])

    f = case("matrix_question_wrong_count", {"surveys": [wjx_survey("pre", "pre.csv", "pre")]})
    wjx(f / "pre.csv", [{"id": "A1", "codes": answers(1)}], n_items=27)

    f = case("answers_not_in_codebook_wording", {"surveys": [wjx_survey("pre", "pre.xlsx", "pre")]})
    other = {1: "从不", 2: "很少", 3: "有时", 4: "经常", 5: "总是"}
    wjx(f / "pre.xlsx", [{"id": i, "codes": [other[v] for v in answers(k)]} for k, i in enumerate(["A1", "B2", "C3"])],
        mode="text")

    f = case("wave_not_in_config", {"surveys": [csv_survey("all", "all.csv", wave_column="wave")]})
    tidy(f / "all.csv", [tidy_row("A1", 1, wave="pre"), tidy_row("A1", 2, wave="post"),
                         tidy_row("B2", 3, wave="middle"), tidy_row("C3", 4, wave="Post-test"),
                         tidy_row("D4", 5, wave=None)], extra=["wave"])

    f = case("wave_values_and_redcap_events", {"surveys": [
        csv_survey("all", "all.csv", wave_column="测量", wave_values={"前测": "pre", "后测": "post"}),
        {"name": "redcap", "path": "redcap.csv", "format": "redcap", "wave_column": "redcap_event_name",
         "id_column": "record_id"}]})
    tidy(f / "all.csv", [tidy_row("A1", 1, 测量="前测"), tidy_row("A1", 2, 测量="后测")], extra=["测量"])
    header = ["record_id", "redcap_event_name", *ITEMS, "cyrm_complete"]
    write_csv(f / "redcap.csv", header, [["R1", "pre_arm_1", *answers(3), "2"], ["R1", "post_arm_1", *answers(4), "2"]],
              encoding="utf-8")

    f = case("several_mapping_errors", {"surveys": [
        wjx_survey("pre", "pre.csv", "pre", id_column={"question": 7}),
        wjx_survey("post", "post.csv", "post", items={"matrix_question": 4}),
        csv_survey("followup", "followup.csv", "post", id_column="学号", duration_column="用时")]})
    wjx(f / "pre.csv", [{"id": "A1", "codes": answers(1)}])
    wjx(f / "post.csv", [{"id": "A1", "codes": answers(2)}])
    tidy(f / "followup.csv", [tidy_row("A1", 3)])

    f = case("excel_scientific_ids", {"surveys": [csv_survey("pre", "pre.csv", "pre")]})
    tidy(f / "pre.csv", [tidy_row("5.20103E+17", 1), tidy_row("520103201101011234", 2), tidy_row("5.20103E+17", 3)])

    f = case("later_wave_ids_match_nobody", {"surveys": [
        wjx_survey("pre", "pre.csv", "pre"), wjx_survey("post", "post.csv", "post", id_column={"question": 2})],
        "roster": ROSTER})
    kids = [{"id": i, "codes": answers(k)} for k, i in enumerate(["A1", "B2", "C3"])]
    wjx(f / "pre.csv", kids)
    wjx(f / "post.csv", kids)
    roster(f / "roster.csv", ["A1", "B2", "C3"])

    f = case("comparison_arm", {"surveys": TWO, "roster": ROSTER,
                                "comparison_roster": {**ROSTER, "path": "comparison.csv"}})
    pre_post(f, ["A1", "B2", "C3", "D4", "X9"], ["A1", "B2", "C3", "D4", "X9"], ["A1", "B2"])
    roster(f / "comparison.csv", ["C3", "D4"])

    f = case("child_on_both_rosters", {"surveys": TWO, "roster": ROSTER,
                                       "comparison_roster": {**ROSTER, "path": "comparison.csv"}})
    pre_post(f, ["A1", "B2", "C3"], ["A1", "B2", "C3"], ["A1", "B2"])
    roster(f / "comparison.csv", ["C3", "ｂ2"])

    f = case("identifying_columns", {"surveys": [wjx_survey("pre", "pre.csv", "pre")]})
    extra = [("4、手机号码", "13800000000"), ("5、微信昵称", "小星星"), ("6、家长联系方式", "妈妈 13900000000"),
             ("7、家庭住址", "某某小区3栋"), ("8、你还有什么想说的", "我叫小明")]
    wjx(f / "pre.csv", [{"id": "A1", "codes": answers(1)}, {"id": "B2", "codes": answers(2)}], extra=extra)

    f = case("background_free_text", {"surveys": [wjx_survey("pre", "pre.csv", "pre")], "background": {
        "survey": "pre", "variables": [
            {"id": "age", "column": {"question": 4}, "level": "demographic", "type": "numeric"},
            {"id": "gender", "column": {"question": 5}, "level": "demographic", "type": "categorical",
             "categories": ["男", "女"]}]}})
    wjx(f / "pre.csv", [{"id": "A1", "codes": answers(1), "4、年龄": "十岁", "5、性别": "男孩子"},
                        {"id": "B2", "codes": answers(2), "4、年龄": "11岁", "5、性别": "女"}],
        extra=[("4、年龄", "10"), ("5、性别", "男")])

    f = case("header_only_later_wave", {"surveys": TWO})
    pre_post(f, ["A1", "B2"], [])


if __name__ == "__main__":
    build()
