"""Write the malformed-export corpus described in README.md (beside this script).

The files are committed; run this only to change them:
``.venv/bin/python tests/data/malformed/make_corpus.py``. Each file imitates one thing that goes
wrong with real downloads (a wrong encoding, a hand-edited header, a truncated workbook, ...);
the answers are invented.
"""
from __future__ import annotations

import codecs
import csv
import io
from pathlib import Path

import openpyxl
import pandas as pd
import pyreadstat

HERE = Path(__file__).resolve().parent
HEADER = ["序号", "提交答卷时间", "所用时间", "来源", "来源详情", "来自IP", "1、性别",
          "2(我有可以学习的榜样)", "2(我和别人合作得很好)", "第3题(画画)", "第3题(运动)"]
ROWS = [["1", "2024/3/1 9:05:10", "312秒", "微信", "N/A", "", "1", "5", "4", "1", "0"],
        ["2", "2024/3/1 9:06:41", "290秒", "微信", "N/A", "", "2", "3", "3", "0", "1"],
        ["3", "2024/3/1 9:07:02", "401秒", "手机提交", "直接访问", "", "1", "4", "5", "1", "1"]]


def csv_text(rows, delimiter=",") -> str:
    buffer = io.StringIO()
    csv.writer(buffer, delimiter=delimiter, lineterminator="\r\n").writerows(rows)
    return buffer.getvalue()


def put(name: str, content: bytes | str, encoding: str = "utf-8") -> None:
    (HERE / name).write_bytes(content if isinstance(content, bytes) else content.encode(encoding))


def workbook(name: str, sheets: dict[str, list[list]], merge: str | None = None) -> None:
    book = openpyxl.Workbook()
    book.remove(book.active)
    for title, rows in sheets.items():
        sheet = book.create_sheet(title)
        for row in rows:
            sheet.append(row)
        if merge:
            sheet.merge_cells(merge)
    book.save(HERE / name)


def as_numbers(rows):
    return [[int(c) if c.isdigit() else (c or None) for c in row] for row in rows]


def text_files() -> None:
    table = [HEADER] + ROWS
    put("empty.csv", b"")
    put("blank_lines_only.csv", "\r\n \r\n\t\r\n")
    put("header_only.csv", csv_text([HEADER]), "utf-8-sig")
    put("gb18030_plain.csv", csv_text(table), "gb18030")
    put("gbk_declared_utf8.csv", csv_text(table), "gbk")
    put("utf8_declared_gbk.csv", csv_text(table), "utf-8")
    put("unknown_encoding_declared.csv", csv_text(table), "utf-8")
    put("bom_then_gbk.csv", codecs.BOM_UTF8 + csv_text(table).encode("gbk"))
    head, *rest = csv_text(table).split("\r\n", 2)
    put("utf8_then_gbk_rows.csv", (head + "\r\n" + rest[0] + "\r\n").encode("utf-8")
        + rest[1].encode("gbk"))
    put("utf16_unicode_text.txt", csv_text(table, "\t"), "utf-16")
    put("semicolon.csv", csv_text(table, ";"), "utf-8-sig")
    put("tab_separated.csv", csv_text(table, "\t"), "utf-8")
    put("pipe_separated.csv", csv_text(table, "|"), "utf-8")
    put("each_line_quoted.csv", "".join(f'"{",".join(r)}"\r\n' for r in table), "utf-8")
    shifted = [r[:] for r in table]
    shifted[2] = shifted[2][:4] + ["朋友圈", "转发"] + shifted[2][5:]
    put("unquoted_separator_in_answer.csv",
        csv_text(table[:2]) + ",".join(shifted[2]) + "\r\n" + csv_text(table[3:]), "utf-8")
    put("short_rows.csv", csv_text([HEADER] + [r[:7] for r in ROWS]), "utf-8")
    put("duplicated_columns.csv", csv_text([HEADER + ["1、性别"]] + [r + ["1"] for r in ROWS]))
    blank = HEADER[:]
    blank[8] = ""
    put("blank_header_over_data.csv", csv_text([blank] + ROWS))
    two = ["序号", "1、性别", "2、你觉得下面的说法像你吗", "", ""]
    sub = ["", "", "我有可以学习的榜样", "我和别人合作得很好", "我会把事情做完"]
    put("two_row_header.csv", csv_text([two, sub, ["1", "1", "5", "4", "3"]]))
    put("blank_rows_inside.csv", csv_text([HEADER, ROWS[0], [], ROWS[1], [""] * 11, ROWS[2]]))
    text_items = [r[:] for r in ROWS]
    text_items[1][7] = "五"
    text_items[2][8] = "4.5"
    put("text_in_numeric_items.csv", csv_text([HEADER] + text_items))
    put("multiline_answer.csv", csv_text([["序号", "1、性别", "2、你最喜欢的活动"],
                                          ["1", "男", "画画\n和唱歌"], ["2", "女", "跳绳"]]))
    put("unclosed_quote.csv", csv_text(table[:2]) + '3,"2024/3/1 9:07:02,401秒\r\n'
        + csv_text(table[3:]))
    put("nul_byte_inside.csv", csv_text(table).replace("微信", "微\x00信", 2)
        .encode("utf-8"))
    put("binary_garbage.csv", bytes((i * 37 + 11) % 256 for i in range(3000)))
    put("not_wjx_headers.csv", csv_text([["StartDate", "EndDate", "Q1", "Q2"],
                                         ["2024-03-01", "2024-03-01", "1", "2"]]))
    put("wjx_without_meta_columns.csv", csv_text([h[6:] for h in table]), "utf-8")
    put("redcap_label_duplicates.csv",
        csv_text([["Record ID", "我有榜样", "Complete?", "我会合作", "Complete?"],
                  ["1", "5", "Complete", "4", "Incomplete"]]), "utf-8-sig")
    put("wrong_extension.json", '{"序号": 1, "1、性别": "男"}\n')
    put("html_page_named.xls", "<html><body><table><tr><td>序号</td></tr></table></body>"
                               "</html>")
    put("csv_named.xlsx", csv_text(table), "utf-8")
    put("pdf_named.xlsx", b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n1 0 obj\n<<>>\nendobj\n")


def qualtrics_files() -> None:
    ids = ["StartDate", "Finished", "ResponseId", "Q1", "Q2_1", "Q2_2"]
    texts = ["Start Date", "Finished", "Response ID", "性别", "请选择 - 我有榜样",
             "请选择 - 我会合作"]
    imports = ['{"ImportId":"startDate","timeZone":"Asia/Shanghai"}', '{"ImportId":"finished"}',
               '{"ImportId":"_recordId"}', '{"ImportId":"QID1"}', '{"ImportId":"QID2_1"}',
               '{"ImportId":"QID2_2"}']
    data = [["2024-03-01 09:00:00", "1", "R_1", "1", "5", "4"],
            ["2024-03-01 09:10:00", "1", "R_2", "2", "3", "3"]]
    put("qualtrics_missing_importid_row.csv", csv_text([ids, texts] + data), "utf-8-sig")
    legacy = [["V1", "V2", "V3", "Q1", "Q2_1", "Q2_2"],
              ["ResponseID", "ResponseSet", "Name", "性别", "我有榜样", "我会合作"]]
    put("qualtrics_legacy_two_rows.csv", csv_text(legacy + data), "utf-8-sig")
    put("qualtrics_header_rows_only.csv", csv_text([ids, texts, imports]), "utf-8-sig")
    put("qualtrics_only_two_lines.csv", csv_text([ids, texts]), "utf-8-sig")


def excel_files() -> None:
    table = [HEADER] + ROWS
    put("empty.xlsx", b"")
    workbook("header_only.xlsx", {"Sheet1": [HEADER]})
    workbook("several_sheets.xlsx", {"前测": as_numbers(table), "后测": as_numbers(table)})
    workbook("one_sheet_with_data.xlsx", {"说明": [], "答卷": as_numbers(table), "Sheet3": []})
    workbook("merged_header_cells.xlsx",
             {"Sheet1": [["序号", "1、性别", "2、你觉得下面的说法像你吗", None],
                         [None, None, "我有可以学习的榜样", "我和别人合作得很好"],
                         [1, 1, 5, 4]]}, merge="C1:D1")
    workbook("title_row_above_header.xlsx",
             {"Sheet1": [["儿童抗逆力小组前测（2024年3月）"]] + as_numbers(table)})
    workbook("duplicated_columns.xlsx",
             {"Sheet1": as_numbers([HEADER + ["2(我有可以学习的榜样)"]]
                                   + [r + ["5"] for r in ROWS])})
    workbook("trailing_blank_columns.xlsx",
             {"Sheet1": as_numbers([HEADER + ["", " "]] + [r + ["", " "] for r in ROWS])})
    workbook("_full.xlsx", {"Sheet1": as_numbers(table)})
    whole = (HERE / "_full.xlsx").read_bytes()
    (HERE / "_full.xlsx").unlink()
    put("truncated.xlsx", whole[: len(whole) // 2])
    put("xlsx_named.xls", whole)
    put("xlsx_named.csv", whole)
    put("damaged.xls", b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + bytes(504) + b"garbage" * 60)


def spss_files() -> None:
    frame = pd.DataFrame({"child_id": ["c01", "c02"], "cyrm1": [5.0, 3.0]})
    pyreadstat.write_sav(frame, HERE / "_ok.sav")
    whole = (HERE / "_ok.sav").read_bytes()
    (HERE / "_ok.sav").unlink()
    put("truncated.sav", whole[:200])
    put("csv_named.sav", csv_text([["child_id", "cyrm1"], ["c01", "5"]]))
    put("empty.sav", b"")


if __name__ == "__main__":
    text_files()
    qualtrics_files()
    excel_files()
    spss_files()
