"""Process records (attendance, feedback, goal attainment) that cannot go silently wrong.

Each case damages one small study's forms in one way a worker's spreadsheet does. The outcome is
either one InputError naming the file, the row, the column and the value, with "What to do" (a
child's raw ID only in the message the worker reads, never in its logged form), or the documented
repair in the quality log; either way every row of every form is accounted for
(rows in = rows kept + rows excluded). The forms are written here, from the base below, so each
case reads as the one thing it changes; all IDs and names are invented.
"""
from __future__ import annotations

import copy
from pathlib import Path

import numpy as np
import pytest

from sweval.clean import REDACTED
from sweval.codebook import instrument_path
from sweval.clean_process import IdentifiedInputError, clean_process_forms, session_number
from sweval.errors import InputError
from sweval.process import attendance_summary
from sweval.readers import read_export, tabular_format

KEY = b"process-records-test-key-0123456789"
ROSTER = [["编号", "姓名", "知情同意"], ["A01", "赵一", "是"], ["A02", "钱二", "是"], ["A03", "孙三", "是"],
          ["A04", "李四", "否"]]
ATTENDANCE = [["编号", "姓名", "第1次", "第2次", "第3次", "第4次"], ["A01", "赵一", "出席", "出席", "出席", "出席"],
              ["A02", "钱二", "出席", "缺席", "出席", "出席"], ["A03", "孙三", "缺席", "出席", "出席", "缺席"]]
FEEDBACK = [["编号", "活动次数", "喜欢", "学到"], ["A01", "1", "4", "3"], ["A02", "1", "5", "4"], ["A01", "2", "4", "4"],
            ["A03", "2", "3", "3"]]
GOALS = [["活动次数", "目标", "达成评分"], ["1", "认识彼此", "4"], ["2", "说出优点", "3"], ["3", "合作完成任务", "4"],
         ["4", "制定目标", "5"]]
BASE = {"roster": ROSTER, "attendance": ATTENDANCE, "feedback": FEEDBACK, "goal_attainment": GOALS}
CONFIG = {
    "sessions": 4,
    "attendance": {"path": "attendance.csv", "id_column": "编号", "session_columns": ["第1次", "第2次", "第3次", "第4次"]},
    "feedback": {"path": "feedback.csv", "id_column": "编号", "session_column": "活动次数",
                 "items": {"fb_enjoy": "喜欢", "fb_learned": "学到"}, "min": 1, "max": 5},
    "goal_attainment": {"path": "goal_attainment.csv", "session_column": "活动次数", "goal_column": "目标",
                        "rating_column": "达成评分", "min": 1, "max": 5, "attained_at": 4},
}
ROSTER_CONFIG = {"path": "roster.csv", "id_column": "编号", "consent_column": "知情同意", "consent_yes": ["是"]}


def cell(form: str, row: int, col: int, value):
    """A form edit: set the cell at the file's row (header = row 1) and column position."""
    def edit(forms, cfg):
        forms[form][row - 1][col] = value
    return edit


def add_row(form: str, row: list):
    def edit(forms, cfg):
        forms[form].append(row)
    return edit


def header_only(form: str):
    def edit(forms, cfg):
        del forms[form][1:]
    return edit


def set_config(path: str, value):
    def edit(forms, cfg):
        *parents, last = path.split(".")
        node = cfg
        for k in parents:
            node = node[k]
        node[last] = value
    return edit


def no_roster(forms, cfg):
    forms.pop("roster")


# (case, edits, outcome) with outcome either
#   ("error", [fragments the message contains], [raw IDs the worker's message shows]) or
#   ("ok", [(action, reason fragment, count)], check(tables) or None)
CASES = [
    # attendance marks
    ("ticks and crosses", [cell("attendance", 2, 3, "√"), cell("attendance", 2, 4, "✓"), cell("attendance", 3, 3, "×"),
                           cell("attendance", 3, 4, "✔")],
     ("ok", [("set missing", "", 0)], lambda t: _statuses(t, "A01") == ["present"] * 4
      and _statuses(t, "A02")[:3] == ["present", "absent", "present"])),
    ("是 and 否", [cell("attendance", 2, c, "是") for c in range(2, 6)] + [cell("attendance", 3, 2, "否")],
     ("ok", [], lambda t: _statuses(t, "A01") == ["present"] * 4 and _statuses(t, "A02")[0] == "absent")),
    ("1 and 0", [cell("attendance", r, c, v) for r in (2, 3, 4) for c, v in zip(range(2, 6), "1010")],
     ("ok", [], lambda t: t["attendance"]["attended"].tolist() == [1.0, 0.0, 1.0, 0.0] * 3)),
    ("excused leave", [cell("attendance", 3, 3, "请假"), cell("attendance", 4, 2, "病假")],
     ("ok", [], lambda t: _summary(t, "n_excused") == 2 and _summary(t, "n_absent") == 1)),
    ("unknown mark", [cell("attendance", 3, 3, "迟到")],
     ("error", ["attendance.csv", "row 3", "column '第2次'", "'迟到'", "process.attendance.values", "请假"], [])),
    ("a Latin x (tick or cross?)", [cell("attendance", 4, 5, "x")],
     ("error", ["attendance.csv", "row 4", "column '第4次'", "'x'", ".present, .absent or .excused"], [])),
    ("several unknown marks", [cell("attendance", 2, 2, "到了"), cell("attendance", 3, 5, "?"), cell("attendance", 4, 3, "-")],
     ("error", ["3 problems", "row 2, column '第1次'", "'到了'", "row 3, column '第4次'", "'?'", "row 4", "'-'"], [])),
    ("the study's own mark", [cell("attendance", 3, 3, "迟到"), set_config("attendance.values", {"present": ["迟到"]})],
     ("ok", [], lambda t: _statuses(t, "A02")[1] == "present")),
    ("a Latin x mapped by the study", [cell("attendance", 4, 5, "x"), set_config("attendance.values", {"absent": ["X"]})],
     ("ok", [], lambda t: _statuses(t, "A03")[3] == "absent")),
    ("the study's list wins over a default", [cell("attendance", 2, 2, "0"),
                                              set_config("attendance.values", {"excused": ["0"]})],
     ("ok", [], lambda t: _statuses(t, "A01")[0] == "excused")),
    ("empty cells", [cell("attendance", 2, 3, ""), cell("attendance", 3, 5, " ")],
     ("ok", [("set missing", "attendance not recorded", 2)],
      lambda t: _summary(t, "n_unrecorded") == 2 and t["attendance"]["attended"].isna().sum() == 2)),
    ("full-width marks and spaces", [cell("attendance", 2, 2, " 出 席 "), cell("attendance", 3, 2, "１")],
     ("ok", [], lambda t: _statuses(t, "A01")[0] == _statuses(t, "A02")[0] == "present")),
    # attendance rows and IDs
    ("a child twice in the register", [add_row("attendance", ["A02", "钱二", "出席", "出席", "出席", "出席"])],
     ("error", ["attendance.csv", "row 5", "column '编号'", "second row in the attendance register", "one row per child", "row 3"],
      ["A02", "A02"])),
    ("a child twice, written differently", [add_row("attendance", ["ａ02 ", "钱二", "出席", "出席", "出席", "出席"])],
     ("error", ["row 5", "row 3 has the first"], ["ａ02 ", "A02"])),
    ("an ID the roster does not list", [cell("attendance", 4, 0, "A30")],
     ("error", ["attendance.csv", "row 4", "column '编号'", "not on the group roster", "roster.csv"], ["A30"])),
    ("a child without consent", [add_row("attendance", ["A04", "李四", "出席", "出席", "缺席", "出席"])],
     ("ok", [("excluded", "no recorded consent", 1)], lambda t: _acc(t, "attendance") == (4, 3, 1))),
    ("a row without an ID", [add_row("attendance", ["", "无名", "出席", "出席", "出席", "出席"])],
     ("ok", [("excluded", "attendance row without an ID", 1)], lambda t: _acc(t, "attendance") == (4, 3, 1))),
    ("a full-width ID", [cell("attendance", 2, 0, "Ａ０１")],
     ("ok", [("repaired", "full-width characters made half-width", 1)], lambda t: _acc(t, "attendance") == (3, 3, 0))),
    ("no roster: every ID counts", [no_roster, cell("attendance", 4, 0, "A30")],
     ("ok", [], lambda t: t["attendance"]["participant_id"].nunique() == 3)),
    ("attendance: header and no rows", [header_only("attendance")],
     ("error", ["attendance.csv", "attendance form has a header and no rows", "process.attendance"], [])),
    ("a session column the form lacks", [set_config("attendance.session_columns", ["第1次", "第2次", "第3次", "第5次"])],
     ("error", ["attendance.csv", "'第5次' is not a column", "process.attendance.session_columns"], [])),
    # feedback sessions
    ("a date as the session", [cell("feedback", 3, 1, "2023-05-06")],
     ("error", ["feedback.csv", "row 3", "column '活动次数'", "'2023-05-06'", "looks like a date", "1-4"], [])),
    ("a session beyond process.sessions", [cell("feedback", 4, 1, "9")],
     ("error", ["feedback.csv", "row 4", "session 9 is outside the 4 sessions", "process.sessions"], [])),
    ("session 0", [cell("feedback", 2, 1, "0")],
     ("error", ["row 2", "'0' is not a session number"], [])),
    ("an empty session cell", [cell("feedback", 5, 1, "")],
     ("error", ["feedback.csv", "row 5", "session cell is empty"], [])),
    ("sessions written as words", [cell("feedback", 2, 1, "第1次"), cell("feedback", 3, 1, "第一次"),
                                   cell("feedback", 4, 1, "S2"), cell("feedback", 5, 1, "2.0")],
     ("ok", [], lambda t: t["feedback"]["session"].tolist() == [1, 1, 1, 1, 2, 2, 2, 2])),
    ("a child twice in one session", [cell("feedback", 4, 1, "1")],
     ("error", ["feedback.csv", "row 4", "second row for the same session", "per child and session", "row 2"], ["A01", "A01"])),
    ("a feedback ID the roster does not list", [cell("feedback", 5, 0, "B03")],
     ("error", ["feedback.csv", "row 5", "not on the group roster"], ["B03"])),
    ("ratings off the scale", [cell("feedback", 2, 2, "7"), cell("feedback", 3, 3, "很好")],
     ("ok", [("set missing", "not a rating 1-5", 2)], lambda t: t["feedback"]["value"].isna().sum() == 2)),
    ("a feedback row without an ID", [cell("feedback", 5, 0, "")],
     ("ok", [("excluded", "feedback row without an ID", 1)], lambda t: _acc(t, "feedback") == (4, 3, 1))),
    ("feedback: header and no rows", [header_only("feedback")],
     ("error", ["feedback.csv", "feedback form has a header and no rows"], [])),
    # goal attainment
    ("a date as the goal's session", [cell("goal_attainment", 3, 0, "5月6日")],
     ("error", ["goal_attainment.csv", "row 3", "column '活动次数'", "'5月6日'", "looks like a date"], [])),
    ("a goal session beyond process.sessions", [cell("goal_attainment", 5, 0, "第8次")],
     ("error", ["goal_attainment.csv", "row 5", "session 8 is outside the 4 sessions"], [])),
    ("the same goal twice in a session", [add_row("goal_attainment", ["2", "说出优点", "4"])],
     ("error", ["goal_attainment.csv", "row 6", "this goal has a second row for the same session", "row 3 has the first"], [])),
    ("a goal not rated", [cell("goal_attainment", 2, 2, "")],
     ("ok", [("set missing", "goal not rated", 1)], lambda t: t["goal_attainment"]["rating"].isna().sum() == 1)),
    ("a goal rated off the scale", [cell("goal_attainment", 3, 2, "9")],
     ("ok", [("set missing", "not a rating 1-5", 1)], lambda t: _acc(t, "goal_attainment") == (4, 4, 0))),
    ("goals: header and no rows", [header_only("goal_attainment")],
     ("error", ["goal_attainment.csv", "goal-attainment form has a header and no rows"], [])),
    # several forms at once: one message
    ("problems in three forms", [cell("attendance", 2, 2, "迟到"), cell("feedback", 2, 1, "2023-05-06"),
                                 cell("goal_attainment", 2, 0, "")],
     ("error", ["3 problems", "attendance.csv, row 2", "feedback.csv, row 2", "goal_attainment.csv, row 2"], [])),
    ("nothing wrong", [],
     ("ok", [("excluded", "", 0), ("set missing", "", 0)], lambda t: _acc(t, "feedback") == (4, 4, 0))),
]


def _statuses(tables, raw_id: str) -> list[str]:
    from sweval.privacy import normalise_id, pseudonym

    att = tables["attendance"]
    return att.loc[att["participant_id"] == pseudonym(KEY, normalise_id(raw_id)), "status"].tolist()


def _summary(tables, column: str) -> int:
    by_session, by_child = attendance_summary(tables["attendance"], sessions=range(1, 5))
    assert by_session[column].sum() == by_child[column].sum()
    return int(by_session[column].sum())


def _acc(tables, form: str) -> tuple[int, int, int]:
    row = tables["accounting"].set_index("form").loc[form]
    return int(row["rows_in"]), int(row["rows_kept"]), int(row["rows_excluded"])


def _write(path: Path, rows: list[list]) -> None:
    path.write_text("\n".join(",".join(r) for r in rows) + "\n", encoding="utf-8-sig")


def run_case(edits, folder: Path) -> dict:
    forms, cfg = copy.deepcopy(BASE), copy.deepcopy(CONFIG)
    for edit in edits:
        edit(forms, cfg)
    for name, rows in forms.items():
        _write(folder / f"{name}.csv", rows)
    read = {name: read_export(str(folder / f"{name}.csv"), tabular_format(f"{name}.csv"))
            for name in ("attendance", "feedback", "goal_attainment")}
    roster = read_export(str(folder / "roster.csv"), "csv") if "roster" in forms else None
    out = clean_process_forms(read, cfg, KEY, roster=roster, roster_config=ROSTER_CONFIG if roster else None)
    out["_rows"] = {name: len(forms[name]) - 1 for name in read}
    return out


def test_the_count_of_process_record_cases():
    errors = sum(c[2][0] == "error" for c in CASES)
    print(f"\nprocess records: {len(CASES)} damaged forms, {errors} ending in one error")
    assert len(CASES) >= 30 and len({c[0] for c in CASES}) == len(CASES)


@pytest.mark.parametrize("name, edits, outcome", CASES, ids=[c[0] for c in CASES])
def test_process_record_case(name, edits, outcome, tmp_path):
    if outcome[0] == "error":
        with pytest.raises(InputError) as err:
            run_case(edits, tmp_path)
        logged, shown = str(err.value), format(err.value)
        assert "What to do" in logged and "Traceback" not in logged
        for fragment in outcome[1]:
            assert fragment in logged, (fragment, logged)
        for raw in outcome[2]:  # the worker sees the ID as written; the log line never does
            assert repr(raw) in shown and raw.strip() not in logged, (shown, logged)
        assert logged.count(REDACTED) >= len(outcome[2])
        if not outcome[2]:
            assert shown == logged
        return
    tables = run_case(edits, tmp_path)
    acc = tables["accounting"]
    assert (acc["rows_in"] == acc["rows_kept"] + acc["rows_excluded"]).all(), acc
    assert acc.set_index("form")["rows_in"].to_dict() == tables["_rows"]  # every row of every form counted
    att = tables["attendance"]
    kept_children = acc.set_index("form").loc["attendance", "rows_kept"]
    assert len(att) == kept_children * 4 and set(att["status"]) <= {"present", "absent", "excused", ""}
    assert ((att["status"] == "present") == (att["attended"] == 1)).all()
    log = tables["quality_log"]
    for action, fragment, count in outcome[1]:
        hits = log[(log["action"] == action) & log["reason"].str.contains(fragment, regex=False)]
        assert len(hits) == count, (action, fragment, log.to_string())
    assert not log["participant_id"].dropna().str.fullmatch(r"[AB]\d\d").any()
    assert outcome[2] is None or outcome[2](tables), tables["attendance"].to_string()


@pytest.mark.parametrize("text, number", [("3", 3), ("3.0", 3), ("第3次", 3), ("第三次", 3), ("第十二次", 12),
                                          ("二十", 20), ("S3", 3), ("Session 3", 3), ("No.4", 4), ("#5", 5),
                                          ("２", 2), ("2023-05-06", None), ("3a", None), ("", None),
                                          ("三十三十", None), ("1.5", None)])
def test_session_numbers(text, number):
    assert session_number(text) == number


def test_the_raw_id_reaches_the_terminal_but_not_the_step_log(tmp_path, capsys):
    """sweval.job.step writes the error to logs/ and prints it for the worker: the ID only there."""
    from sweval import job

    with pytest.raises(IdentifiedInputError) as err:
        run_case([cell("attendance", 4, 0, "Z-CANARY-77")], tmp_path)
    log_path = tmp_path / "logs" / "clean_process.log"
    with pytest.raises(SystemExit):
        with job.step(str(log_path), "clean_process"):
            raise err.value
    assert "Z-CANARY-77" not in log_path.read_text(encoding="utf-8")
    assert REDACTED in log_path.read_text(encoding="utf-8")
    terminal = capsys.readouterr().err
    assert "'Z-CANARY-77'" in terminal and "row 4" in terminal


# ---------------------------------------------------------------------------------------------
# surveys: a baseline with a header only; background answers outside the configured range


def _survey(folder: Path, rows: list[list], name: str = "pre") -> Path:
    path = folder / f"{name}.csv"
    _write(path, rows)
    return path


def _clean(folder, files: dict, background=None):
    from sweval.clean import SurveySpec, clean_surveys
    from sweval.codebook import load_codebook

    codebook = load_codebook(instrument_path("cyrm28"))
    specs = [SurveySpec.from_config({"name": w, "path": str(p), "format": "csv", "wave": w}) for w, p in files.items()]
    exports = [read_export(s.path, s.format) for s in specs]
    return clean_surveys(exports, specs, codebook, KEY, waves=["pre", "post"], baseline_wave="pre",
                         background=background)


ITEMS = [f"cyrm_{k:02d}" for k in range(1, 29)]


@pytest.mark.parametrize("waves_empty, fails", [(("pre",), True), (("post",), False), (("pre", "post"), True)])
def test_a_baseline_export_with_a_header_only_says_so(tmp_path, waves_empty, fails):
    files = {}
    for wave in ("pre", "post"):
        rows = [["participant_id", "age", *ITEMS]]
        if wave not in waves_empty:
            rows += [[f"A0{k}", "10", *["3"] * 28] for k in range(1, 4)]
        files[wave] = _survey(tmp_path, rows, wave)
    if not fails:
        assert len(_clean(tmp_path, files)["responses"]) == 3
        return
    with pytest.raises(InputError) as err:
        _clean(tmp_path, files)
    text = str(err.value)
    assert "pre.csv" in text and "has a header and no rows" in text and "What to do" in text
    assert "post.csv" not in text


def test_background_answers_outside_the_configured_range_are_set_missing(tmp_path):
    ages = ["10", "99", "5", "11岁", "18"]
    rows = [["participant_id", "age", *ITEMS]] + [[f"A0{k}", a, *["3"] * 28] for k, a in enumerate(ages, 1)]
    background = {"survey": "pre", "variables": [{"id": "age", "column": "age", "level": "demographic",
                                                  "type": "numeric", "min": 6, "max": 18}]}
    out = _clean(tmp_path, {"pre": _survey(tmp_path, rows)}, background)
    from sweval.privacy import pseudonym

    age = out["background"].set_index("participant_id")["age"]
    got = [age[pseudonym(KEY, f"A0{k}")] for k in range(1, 6)]
    assert np.allclose(got, [10, np.nan, np.nan, 11, 18], equal_nan=True)
    log = out["quality_log"]
    hits = log[log["reason"].str.contains("outside the range 6-18 of background variable age", regex=False)]
    assert hits["source_row"].tolist() == [3, 4] and set(hits["original_value"]) == {"[answer withheld]"}
    assert (out["accounting"]["rows_in"] == out["accounting"]["rows_kept"]).all()
    unbounded = {"survey": "pre", "variables": [{**background["variables"][0]}]}
    del unbounded["variables"][0]["min"], unbounded["variables"][0]["max"]
    assert _clean(tmp_path, {"pre": _survey(tmp_path, rows)}, unbounded)["background"]["age"].notna().all()
