"""Write the SIMULATED exports of a small two-wave study for the `sweval init` tests.

Every ID, name, phone number and answer is invented (seeded: the same bytes on every run). The
files are committed; run this only to change them:
``.venv/bin/python tests/data/init_study/make_exports.py``.

The study: 30 children answer a 10-item questionnaire (a made-up study-habits scale, answered
1-4: 完全不符合 / 不太符合 / 比较符合 / 完全符合; items 3, 6 and 8 are worded negatively) before
and after a group; 28 of them answer again afterwards. Wenjuanxing-style downloads (metadata
columns, question 1 the child's number, question 2 the name, question 3 a phone number, the scale
as matrix question 4):

- ``csv/pre.csv``: CSV "by option text" (按选项文本), UTF-8 with a byte-order mark;
- ``csv/post.csv``: CSV "by option text", GBK (GB18030), as Excel in a Chinese locale saves it;
- ``xlsx/pre.xlsx``: the same answers as an Excel download "by option text";
- ``xlsx/post.xlsx``: the same answers "by option number" (按选项序号).

Planted for the clean step: one skipped item ``(跳过)`` at pre (the child's total is prorated);
one ID typed with a lower-case letter and a space at post. ``instrument.yaml`` (next to this
script) is a codebook whose Chinese item texts are the matrix's row headers, for the matching test.
"""
from __future__ import annotations

import csv
import datetime as dt
import io
import re
import zipfile
from pathlib import Path

import numpy as np
import openpyxl

HERE = Path(__file__).resolve().parent
SEED = 20240517
N = 30
ITEMS = [  # invented statements; 3, 6 and 8 are worded negatively
    "我能按时完成作业", "上课时我能集中注意力", "我经常忘记老师布置的任务", "遇到难题我会主动请教别人",
    "我会提前安排好学习时间", "我做作业时容易分心", "我会检查自己的作业", "我常常拖到最后才开始学习",
    "我能把学习用品整理好", "我对自己的学习有信心",
]
REVERSED = (3, 6, 8)
OPTIONS = ["完全不符合", "不太符合", "比较符合", "完全符合"]
META = ["序号", "提交答卷时间", "所用时间", "来源", "来源详情", "来自IP"]
MATRIX_Q = 4
FIXED_TIME = dt.datetime(2024, 1, 1)


def simulate(rng) -> tuple[list[str], list[str], np.ndarray, np.ndarray, list[int]]:
    """IDs, names, pre and post codes (children x items), and who answered the post-test."""
    ids = [f"S{k:02d}" for k in range(1, N + 1)]
    surnames, given = "王李张刘陈杨黄赵吴周", "明华丽芳军伟强敏静婷杰涛"
    names = [rng.choice(list(surnames)) + "".join(rng.choice(list(given), size=2)) for _ in ids]
    trait = rng.normal(0, 1, N)
    gain = 0.45 + rng.normal(0, 0.5, N)

    def answers(level):
        latent = 2.5 + 0.6 * level[:, None] + rng.normal(0, 0.7, (N, len(ITEMS)))
        codes = np.clip(np.rint(latent), 1, 4).astype(int)
        for item in REVERSED:          # negatively worded: a child high on the trait disagrees
            codes[:, item - 1] = 5 - codes[:, item - 1]
        return codes

    pre, post = answers(trait), answers(trait + gain)
    answered_post = [k for k in range(N) if k not in (7, 19)]   # two children missed the post-test
    return ids, names, pre, post, answered_post


def header() -> list[str]:
    return META + ["1、你的编号", "2、你的姓名", "3、家长电话"] + [f"{MATRIX_Q}({t})" for t in ITEMS]


def rows(rng, ids, names, codes, who, start: dt.datetime, *, text: bool) -> list[list]:
    out = []
    times = sorted(int(m) for m in rng.integers(0, 60 * 24, len(who)))
    for n, (k, minutes) in enumerate(zip(who, times), start=1):
        answers = [OPTIONS[c - 1] if text else int(c) for c in codes[k]]
        out.append([n, (start + dt.timedelta(minutes=minutes)).strftime("%Y/%m/%d %H:%M:%S"),
                    f"{int(rng.integers(150, 600))}秒", "微信", "N/A",
                    f"10.{rng.integers(1, 255)}.{rng.integers(1, 255)}.{rng.integers(1, 255)}(贵州-贵阳)",
                    ids[k], names[k], "1" + "".join(str(d) for d in rng.integers(0, 10, 10)), *answers])
    return out


def write_csv(path: Path, table: list[list], encoding: str) -> None:
    buffer = io.StringIO()
    csv.writer(buffer, lineterminator="\r\n").writerows(table)
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(buffer.getvalue().encode(encoding))


def write_xlsx(path: Path, table: list[list]) -> None:
    """An .xlsx with fixed timestamps inside (same seed, same bytes)."""
    book = openpyxl.Workbook()
    sheet = book.active
    sheet.title = "Sheet1"
    for row in table:
        sheet.append(row)
    book.properties.created = FIXED_TIME
    buffer = io.BytesIO()
    book.save(buffer)
    path.parent.mkdir(parents=True, exist_ok=True)
    with zipfile.ZipFile(buffer) as src, zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as dst:
        for info in src.infolist():
            payload = src.read(info.filename)
            if info.filename == "docProps/core.xml":
                payload = re.sub(rb"(<dcterms:modified[^>]*>)[^<]*", rb"\g<1>2024-01-01T00:00:00Z", payload)
            dst.writestr(zipfile.ZipInfo(info.filename, date_time=FIXED_TIME.timetuple()[:6]), payload,
                         compress_type=zipfile.ZIP_DEFLATED)


def main() -> None:
    rng = np.random.default_rng(SEED)
    ids, names, pre, post, answered_post = simulate(rng)
    pre_text = rows(rng, ids, names, pre, range(N), dt.datetime(2024, 3, 4, 8), text=True)
    post_text = rows(rng, ids, names, post, answered_post, dt.datetime(2024, 5, 13, 8), text=True)
    post_codes = [r[:9] + [int(OPTIONS.index(a)) + 1 for a in r[9:]] for r in post_text]
    first_item = len(META) + 3
    pre_text[4][first_item + 5] = "(跳过)"           # a skipped item
    post_text[2][len(META)] = post_codes[2][len(META)] = " " + post_text[2][len(META)].lower()
    write_csv(HERE / "csv/pre.csv", [header(), *pre_text], "utf-8-sig")
    write_csv(HERE / "csv/post.csv", [header(), *post_text], "gb18030")
    write_xlsx(HERE / "xlsx/pre.xlsx", [header(), *pre_text])
    write_xlsx(HERE / "xlsx/post.xlsx", [header(), *post_codes])


if __name__ == "__main__":
    main()
