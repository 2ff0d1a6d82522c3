"""Write the small hand-made export fixtures under tests/data/readers_<format>/.

The files are committed; run this only to change them: ``.venv/bin/python
tests/data/readers_make_fixtures.py``. They imitate each platform's export layout (as
documented by the platform) with invented answers to five CYRM-style items from four
invented children; no real person's data.
"""
from __future__ import annotations

import csv
import datetime as dt
import io
import json
from pathlib import Path

import openpyxl
import pandas as pd
import pyreadstat

HERE = Path(__file__).resolve().parent
ITEMS = ["我有可以学习的榜样", "我和别人合作得很好", "我会把事情做完", "父母很了解我", "我在学校有归属感"]
ANSWERS = [[5, 4, 4, 3, 5], [3, 3, 2, 4, 4], [4, 5, 5, 5, 3], [2, None, 3, 99, 2]]
CHILDREN = ["c01", "c02", "c03", "c04"]


def _write_csv(path: Path, rows, *, encoding="utf-8", delimiter=",") -> None:
    buffer = io.StringIO()
    csv.writer(buffer, delimiter=delimiter, lineterminator="\r\n").writerows(rows)
    path.write_bytes(buffer.getvalue().encode(encoding))


def qualtrics() -> None:
    folder = HERE / "readers_qualtrics"
    folder.mkdir(exist_ok=True)
    meta = [("StartDate", "Start Date", {"ImportId": "startDate", "timeZone": "Asia/Shanghai"}),
            ("EndDate", "End Date", {"ImportId": "endDate", "timeZone": "Asia/Shanghai"}),
            ("Status", "Response Type", {"ImportId": "status"}),
            ("IPAddress", "IP Address", {"ImportId": "ipAddress"}),
            ("Progress", "Progress", {"ImportId": "progress"}),
            ("Duration (in seconds)", "Duration (in seconds)", {"ImportId": "duration"}),
            ("Finished", "Finished", {"ImportId": "finished"}),
            ("RecordedDate", "Recorded Date", {"ImportId": "recordedDate",
                                               "timeZone": "Asia/Shanghai"}),
            ("ResponseId", "Response ID", {"ImportId": "_recordId"}),
            ("DistributionChannel", "Distribution Channel", {"ImportId": "distributionChannel"}),
            ("UserLanguage", "User Language", {"ImportId": "userLanguage"})]
    questions = [("Q1", "你的编号", {"ImportId": "QID1_TEXT"}),
                 ("Q2", "你读几年级？", {"ImportId": "QID2"})]
    questions += [(f"Q3_{i}", f"请选择最符合你的情况 - {item}", {"ImportId": f"QID3_{i}"})
                  for i, item in enumerate(ITEMS, 1)]
    questions += [("Q4", "你参加了哪些活动？ - Selected Choice", {"ImportId": "QID4"}),
                  ("Q4_4_TEXT", "你参加了哪些活动？ - 其他 - Text",
                   {"ImportId": "QID4_4_TEXT"}),
                  ("wave", "wave", {"ImportId": "wave"})]
    columns = meta + questions
    rows = [[c[0] for c in columns], [c[1] for c in columns],
            [json.dumps(c[2], separators=(",", ":")) for c in columns]]
    for n, (child, answers) in enumerate(zip(CHILDREN, ANSWERS)):
        start = dt.datetime(2024, 3, 1, 9, 0) + dt.timedelta(minutes=7 * n)
        rows.append([start.isoformat(sep=" "), (start + dt.timedelta(minutes=6)).isoformat(sep=" "),
                     "0", f"192.0.2.{10 + n}", "100", "360", "1",
                     (start + dt.timedelta(minutes=6)).isoformat(sep=" "), f"R_{child}xYz",
                     "anonymous", "ZH-S", child, "5"]
                    + ["" if a is None else str(a) for a in answers]
                    + ["1,3" if n % 2 else "2", "画画" if n == 3 else "", "pre"])
    # a multi-line open answer inside quotes: the record spans two lines of the file
    rows[4][-2] = "手工\n(老师帮填)"
    _write_csv(folder / "qualtrics_numeric.csv", rows, encoding="utf-8-sig")
    _write_csv(folder / "qualtrics_numeric_utf16.tsv", rows, encoding="utf-16", delimiter="\t")


def spss() -> None:
    folder = HERE / "readers_spss"
    folder.mkdir(exist_ok=True)
    frame = pd.DataFrame({
        "child_id": CHILDREN,
        "sex": [1.0, 2.0, 2.0, 1.0],
        "date": [dt.date(2024, 3, 1), dt.date(2024, 3, 1), None, dt.date(2024, 3, 2)],
        **{f"cyrm{i}": [float("nan") if a[i - 1] is None else float(a[i - 1]) for a in ANSWERS]
           for i in range(1, 6)},
        "remark": ["", "很投入", "", "缺席一次"],
    })
    scale = {1.0: "完全不像我", 2.0: "有点不像我", 3.0: "一般", 4.0: "有点像我", 5.0: "完全像我",
             99.0: "拒答"}
    pyreadstat.write_sav(
        frame, folder / "cyrm_pre.sav",
        column_labels={"sex": "性别", "date": "填写日期", "remark": "社工备注",
                       **{f"cyrm{i}": item for i, item in enumerate(ITEMS, 1)}},
        variable_value_labels={"sex": {1.0: "男", 2.0: "女"},
                               **{f"cyrm{i}": scale for i in range(1, 6)}},
        missing_ranges={f"cyrm{i}": [99.0] for i in range(1, 6)} | {"sex": [{"lo": 7, "hi": 9}]},
    )


def kobo() -> None:
    folder = HERE / "readers_kobo"
    folder.mkdir(exist_ok=True)
    header = (["start", "end", "today", "deviceid", "child_id"]
              + [f"cyrm/cyrm_{i:02d}" for i in range(1, 6)]
              + ["activities/attended", "activities/attended/drawing",
                 "activities/attended/sports", "activities/attended/music",
                 "location/gps", "location/_gps_latitude", "location/_gps_longitude",
                 "meta/instanceID", "_id", "_uuid", "_submission_time", "_validation_status",
                 "_index"])
    rows = [header]
    for n, (child, answers) in enumerate(zip(CHILDREN, ANSWERS)):
        chosen = ["drawing", "sports"] if n % 2 else ["music"]
        uuid = f"0000000{n}-aaaa-4bbb-8ccc-00000000000{n}"
        rows.append(["2024-03-01T09:00:00.000+08:00", "2024-03-01T09:06:00.000+08:00",
                     "2024-03-01", f"enketo.org:{n}", child]
                    + ["" if a is None else str(a) for a in answers]
                    + [" ".join(chosen)] + [str(int(c in chosen)) for c in
                                             ("drawing", "sports", "music")]
                    + ["31.23 121.47 0 0", "31.23", "121.47", f"uuid:{uuid}",
                       str(1000 + n), uuid, "2024-03-01T01:06:10", "", str(n + 1)])
    _write_csv(folder / "kobo_xml_names.csv", rows, delimiter=";")
    book = openpyxl.Workbook()
    main = book.active
    main.title = "CYRM pre"
    for row in rows:
        main.append([cell.replace("/", "-") if i < len(header) and row is rows[0] else cell
                     for i, cell in enumerate(row)])
    repeat = book.create_sheet("sessions")
    repeat.append(["session_no", "attended", "_index", "_parent_table_name", "_parent_index"])
    repeat.append(["1", "yes", "1", "CYRM pre", "1"])
    book.save(folder / "kobo_dash_groups.xlsx")


def redcap() -> None:
    folder = HERE / "readers_redcap"
    folder.mkdir(exist_ok=True)
    raw = (["record_id", "redcap_event_name", "child_age"]
           + [f"cyrm_{i}" for i in range(1, 6)]
           + ["activities___1", "activities___2", "activities___3",
              "cyrm_survey_timestamp", "cyrm_survey_complete"])
    labels = (["Record ID", "Event Name", "年龄"] + ITEMS
              + ["参加的活动 (choice=画画)", "参加的活动 (choice=运动)", "参加的活动 (choice=音乐)",
                 "Survey Timestamp", "Complete?"])
    raw_rows, label_rows = [raw], [labels]
    for n, (child, answers) in enumerate(zip(CHILDREN, ANSWERS)):
        ticks = [int(n % 2 == 1), int(n % 2 == 1), int(n % 2 == 0)]
        cells = [str(n + 1), "", str(10 + n)] + ["" if a is None else str(a) for a in answers]
        raw_rows.append(cells[:1] + ["pre_arm_1"] + cells[2:] + [str(t) for t in ticks]
                        + ["2024-03-01 09:06:00", "2"])
        label_rows.append(cells[:1] + ["Pre (Arm 1: Group)"] + cells[2:]
                          + ["Checked" if t else "Unchecked" for t in ticks]
                          + ["2024-03-01 09:06:00", "Complete"])
    _write_csv(folder / "redcap_raw.csv", raw_rows, encoding="utf-8-sig")
    _write_csv(folder / "redcap_labels.csv", label_rows, encoding="utf-8-sig")


if __name__ == "__main__":
    qualtrics()
    spss()
    kobo()
    redcap()
