"""Children's identities never leave the clean step, tested the hard way.

Every export format gets a small study (10 invented children x 2 waves, CYRM-28) in which each
identifying column (name, phone, IP, WeChat nickname, free-text contact, and the raw ID itself)
holds unique canary strings; the roster carries the names too. All eight formats are surveys of
ONE study config, so one full Snakemake run (clean -> report) covers them all; then no file under
results/ or logs/ (CSV, notebooks, HTML, logs) may contain any canary.
"""
from __future__ import annotations

import csv
import io
import json
import re
import subprocess
import sys
from pathlib import Path

import openpyxl
import pandas as pd
import pytest
from project import copy_project
import yaml

pytestmark = pytest.mark.e2e
BASE64_RUN = re.compile(r"[A-Za-z0-9+/=]{120,}")
ITEMS = [f"cyrm_{k:02d}" for k in range(1, 29)]
TEXT = {1: "完全不符合", 2: "比较不符合", 3: "一般", 4: "比较符合", 5: "完全符合"}
FORMATS = ["wjx_xlsx_text", "wjx_csv_number", "csv", "xlsx", "qualtrics", "spss", "kobo", "redcap"]
WAVES = ["pre", "post"]


def child(f: int, k: int) -> dict:
    """Canaries of child k of format f: unique, long enough not to occur by chance."""
    return {"id": f"KQZ{f}X{k:02d}", "name": f"金丝雀{f}号{k:02d}", "phone": f"1399{f}77{k:04d}",
            "ip": f"198.51.{100 + f}.{200 + k}", "wechat": f"canarywx{f}n{k:02d}",
            "contact": f"联系canary{f}c{k:02d}妈妈"}


def codes(f: int, k: int, wave: str) -> list[int]:
    base = 2 + (k % 3)
    return [min(5, max(1, base + ((f + k + j) % 3) - 1 + (wave == "post"))) for j in range(28)]


def _csv(path: Path, rows: list[list], encoding: str = "utf-8-sig") -> None:
    buf = io.StringIO()
    csv.writer(buf, lineterminator="\r\n").writerows(rows)
    path.write_bytes(buf.getvalue().encode(encoding))


def _xlsx(path: Path, rows: list[list]) -> None:
    book = openpyxl.Workbook()
    for row in rows:
        book.active.append(row)
    book.save(path)


def wjx(folder: Path, f: int, wave: str, text_mode: bool) -> dict:
    header = ["序号", "提交答卷时间", "所用时间", "来源", "来源详情", "来自IP", "1、你的编号（学号）", "2、你的姓名",
              "3、家长联系电话", "4、你的微信昵称", "5、其他联系方式", *[f"6(第{j}项)" for j in range(1, 29)]]
    rows = [header]
    for k in range(10):
        c = child(f, k)
        answers = [TEXT[v] if text_mode else str(v) for v in codes(f, k, wave)]
        rows.append([str(k + 1), f"2023/05/{k + 1:02d} 10:00:00", f"{300 + k}秒", "手机提交", "N/A",
                     f"{c['ip']}(贵州-贵阳)", c["id"], c["name"], c["phone"], c["wechat"], c["contact"], *answers])
    path = folder / f"wjx_{'text' if text_mode else 'number'}_{wave}.{'xlsx' if text_mode else 'csv'}"
    (_xlsx if text_mode else _csv)(path, rows)
    return {"format": "wjx", "path": path, "wave": wave, "id_column": {"question": 1}, "items": {"matrix_question": 6}}


def tidy_rows(f: int, wave: str | None, waves=WAVES) -> list[list]:
    rows = [["participant_id", "wave", "name", "phone", "ip_address", "wechat_nickname", "contact", *ITEMS]]
    for w in ([wave] if wave else waves):
        for k in range(10):
            c = child(f, k)
            rows.append([c["id"], w, c["name"], c["phone"], c["ip"], c["wechat"], c["contact"], *codes(f, k, w)])
    return rows


def qualtrics(folder: Path, f: int, wave: str) -> dict:
    cols = [("StartDate", "Start Date", "startDate"), ("IPAddress", "IP Address", "ipAddress"),
            ("ResponseId", "Response ID", "_recordId"), ("RecipientLastName", "Recipient Last Name", "recipientLastName"),
            ("RecipientEmail", "Recipient Email", "recipientEmail"), ("Q1", "你的编号", "QID1_TEXT"),
            ("Q2", "你的姓名", "QID2_TEXT"), ("Q4", "微信昵称", "QID4_TEXT"), ("Q5", "联系方式", "QID5_TEXT")]
    cols += [(f"Q3_{j}", f"请选择 - 第{j}项", f"QID3_{j}") for j in range(1, 29)]
    rows = [[c[0] for c in cols], [c[1] for c in cols], [json.dumps({"ImportId": c[2]}) for c in cols]]
    for k in range(10):
        c = child(f, k)
        rows.append(["2023-05-01 10:00:00", c["ip"], f"R_canary{f}{k:02d}", c["name"], f"{c['wechat']}@example.org",
                     c["id"], c["name"], c["wechat"], c["contact"], *codes(f, k, wave)])
    path = folder / f"qualtrics_{wave}.csv"
    _csv(path, rows, encoding="utf-8")
    return {"format": "qualtrics", "path": path, "wave": wave, "id_column": "Q1", "items": {"matrix_question": 3}}


def spss(folder: Path, f: int, wave: str) -> dict:
    import pyreadstat

    frame = pd.DataFrame(tidy_rows(f, wave)[1:], columns=tidy_rows(f, wave)[0]).drop(columns="wave")
    frame[ITEMS] = frame[ITEMS].astype(float)
    path = folder / f"spss_{wave}.sav"
    pyreadstat.write_sav(frame, str(path), column_labels={"name": "姓名", "phone": "手机"},
                         variable_value_labels={i: {float(c): TEXT[c] for c in TEXT} for i in ITEMS})
    return {"format": "spss", "path": path, "wave": wave}


def kobo(folder: Path, f: int, wave: str) -> dict:
    header = ["start", "deviceid", "phonenumber", "child/id", "child/name", "child/phone", "child/wechat",
              "child/contact", *[f"cyrm/{i}" for i in ITEMS], "_id", "_uuid", "_submission_time"]
    rows = [header]
    for k in range(10):
        c = child(f, k)
        rows.append(["2023-05-01T10:00:00", f"imei:canary{f}{k:02d}", c["phone"], c["id"], c["name"], c["phone"],
                     c["wechat"], c["contact"], *codes(f, k, wave), str(k), f"uuid-{f}-{k}", "2023-05-01T10:09:00"])
    path = folder / f"kobo_{wave}.csv"
    _csv(path, rows, encoding="utf-8")
    return {"format": "kobo", "path": path, "wave": wave, "id_column": "child/id",
            "items": {"columns": {i: f"cyrm/{i}" for i in ITEMS}}}


def redcap(folder: Path, f: int) -> dict:
    header = ["record_id", "redcap_event_name", "name", "phone", "wechat", "contact", *ITEMS, "cyrm_complete"]
    rows = [header]
    for w in WAVES:
        for k in range(10):
            c = child(f, k)
            rows.append([c["id"], f"{w}_arm_1", c["name"], c["phone"], c["wechat"], c["contact"], *codes(f, k, w), "2"])
    path = folder / "redcap.csv"
    _csv(path, rows, encoding="utf-8")
    return {"format": "redcap", "path": path, "wave_column": "redcap_event_name", "id_column": "record_id"}


def build_study(work: Path) -> tuple[dict, set[str]]:
    data = work / "data" / "raw" / "canary"
    data.mkdir(parents=True)
    surveys = []
    for f, fmt in enumerate(FORMATS):
        if fmt.startswith("wjx"):
            surveys += [wjx(data, f, w, fmt == "wjx_xlsx_text") for w in WAVES]
        elif fmt == "csv":
            path = data / "tidy.csv"
            _csv(path, tidy_rows(f, None))
            surveys.append({"format": "csv", "path": path, "wave_column": "wave"})
        elif fmt == "xlsx":
            for w in WAVES:
                path = data / f"tidy_{w}.xlsx"
                _xlsx(path, tidy_rows(f, w))
                surveys.append({"format": "xlsx", "path": path, "wave": w})
        elif fmt == "qualtrics":
            surveys += [qualtrics(data, f, w) for w in WAVES]
        elif fmt == "spss":
            surveys += [spss(data, f, w) for w in WAVES]
        elif fmt == "kobo":
            surveys += [kobo(data, f, w) for w in WAVES]
        else:
            surveys.append(redcap(data, f))
    for k, s in enumerate(surveys):
        s["name"] = f"s{k:02d}_{Path(s['path']).stem}"
        s["path"] = str(Path(s["path"]).relative_to(work))
    everyone = [child(f, k) for f in range(len(FORMATS)) for k in range(10)]
    _csv(data / "roster.csv", [["编号", "姓名", "家长电话", "知情同意"]] +
         [[c["id"], c["name"], c["phone"], "是"] for c in everyone])
    (data / "key.txt").write_text("canary-test-key-not-secret\n", encoding="utf-8")
    example = yaml.safe_load((Path(__file__).resolve().parents[1] / "config.yaml").read_text(encoding="utf-8"))
    config = {
        "study": {"title": {"en": "Canary study", "zh": "金丝雀测试"}, "simulated": True},
        "language": "en", "instrument": "cyrm28", "waves": WAVES,
        "baseline_wave": "pre", "contrasts": [WAVES], "seed": 1,
        "privacy": {"key_env": "SWEVAL_CANARY_UNSET_KEY", "key_file": "data/raw/canary/key.txt"},
        "surveys": surveys,
        "roster": {"path": "data/raw/canary/roster.csv", "id_column": "编号", "consent_column": "知情同意",
                   "consent_yes": ["是"]},
        "cleaning": example["cleaning"], "levels": example["levels"], "outcomes": example["outcomes"],
        "change": example["change"], "reliability": {"n_boot": 50}, "power": example["power"],
    }
    (work / "canary.yaml").write_text(yaml.safe_dump(config, allow_unicode=True, sort_keys=False), encoding="utf-8")
    canaries = {v for c in everyone for v in c.values()}
    return config, canaries


@pytest.fixture(scope="module")
def run(tmp_path_factory, root):
    work = tmp_path_factory.mktemp("canary")
    copy_project(work, example=False)
    config, canaries = build_study(work)
    proc = subprocess.run([sys.executable, "-m", "snakemake", "--cores", "2", "--configfile", "canary.yaml"],
                          cwd=work, capture_output=True, text=True, timeout=900)
    assert proc.returncode == 0, proc.stderr[-4000:]
    return work, config, canaries


def test_every_format_was_read_and_every_row_counted(run):
    work, config, _ = run
    acc = pd.read_csv(work / "results/clean/accounting.csv")
    assert acc["balanced"].all()
    responses = pd.read_csv(work / "results/clean/responses.csv", keep_default_na=False)
    assert len(responses) == 2 * 10 * len(FORMATS) and (responses["arm"] == "group").all()
    by_file = responses.groupby("source_file").size()
    assert set(by_file.index) == {s["path"] for s in config["surveys"]}
    assert responses[ITEMS].notna().all().all()
    assert (work / "results/report/evaluation_report.html").stat().st_size > 0


def test_no_canary_in_results_or_logs(run):
    work, _, canaries = run
    raw = "".join(p.read_bytes().decode("utf-8", errors="ignore") for p in (work / "data/raw/canary").glob("*.csv"))
    assert sum(s in raw for s in canaries) > 300  # the scan does find canaries where they are
    found = []
    for folder in ("results", "logs"):
        for path in (work / folder).rglob("*"):
            if path.is_file():
                text = BASE64_RUN.sub("", path.read_bytes().decode("utf-8", errors="ignore"))
                found += [(str(path.relative_to(work)), s) for s in canaries if s in text]
    assert not found, found[:10]


def test_raw_ids_of_a_stopped_process_step_reach_the_terminal_only(run):
    """A duplicated and an unknown child in the attendance register stop clean_process with the
    raw IDs as written, so the worker can find the rows; logs/ and results/ still hold none."""
    work, config, canaries = run
    a, b = child(0, 1), child(0, 2)
    stranger = "KQZSTRANGER01"
    _csv(work / "data/raw/canary/attendance.csv",
         [["编号", "姓名", "第1次", "第2次"], [a["id"], a["name"], "出席", "√"], [b["id"], b["name"], "请假", "出席"],
          [a["id"].lower() + " ", a["name"], "出席", "出席"], [stranger, "陌生人", "出席", "出席"]])
    process = {"sessions": 2, "attendance": {"path": "data/raw/canary/attendance.csv", "id_column": "编号",
                                             "session_columns": ["第1次", "第2次"]}}
    (work / "canary_process.yaml").write_text(yaml.safe_dump({**config, "process": process}, allow_unicode=True,
                                                             sort_keys=False), encoding="utf-8")
    proc = subprocess.run([sys.executable, "-m", "snakemake", "results/clean/attendance.csv", "--cores", "1",
                           "--configfile", "canary_process.yaml"], cwd=work, capture_output=True, text=True, timeout=600)
    assert proc.returncode != 0
    terminal = proc.stdout + proc.stderr
    assert f"{a['id'].lower() + ' '!r}" in terminal and f"'{stranger}'" in terminal, terminal[-3000:]
    assert "row 4" in terminal and "row 5" in terminal and "Traceback" not in terminal
    logged = (work / "logs/clean/clean_process.log").read_text(encoding="utf-8")
    assert "row 4" in logged and "[identifier withheld]" in logged
    found = []
    for folder in ("results", "logs"):
        for path in (work / folder).rglob("*"):
            if path.is_file():
                text = BASE64_RUN.sub("", path.read_bytes().decode("utf-8", errors="ignore"))
                found += [(str(path.relative_to(work)), s) for s in canaries | {stranger, a["id"].lower()}
                          if s in text]
    assert not found, found[:10]
