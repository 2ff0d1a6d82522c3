"""The shared file layer under every reader: cells as text, encodings, separators, sheets."""
from __future__ import annotations

import datetime as dt

import openpyxl
import pytest

from sweval.errors import InputError
from sweval.readers import read_export
from sweval.readers.excel import cell_text
from sweval.readers.grid import column_label, sniff_content


@pytest.mark.parametrize("value, text", [
    (5.0, "5"), (5, "5"), (-3.0, "-3"), (2.5, "2.5"), (0.1, "0.1"), (13800138000.0, "13800138000"),
    (True, "TRUE"), (None, None), ("", None), ("  ", "  "), ("五", "五"),
    (dt.datetime(2024, 3, 1), "2024-03-01"), (dt.datetime(2024, 3, 1, 9, 5, 10),
                                               "2024-03-01T09:05:10"),
    (dt.date(2024, 3, 1), "2024-03-01"), (dt.time(0, 5, 12), "00:05:12"),
    (dt.timedelta(minutes=5, seconds=12), "00:05:12"),
])
def test_cell_text(value, text):
    assert cell_text(value) == text


def test_xlsx_cells_become_text(tmp_path):
    path = tmp_path / "plain.xlsx"
    book = openpyxl.Workbook()
    sheet = book.active
    sheet.append(["  id ", "score", "date", "note"])
    sheet.append(["c01", 5.0, dt.datetime(2024, 3, 1, 9, 5), " 有空格 "])
    sheet.append(["c02", 4.5, dt.date(2024, 3, 2), None])
    book.save(path)
    export = read_export(path, "xlsx")
    assert list(export.data.columns) == ["id", "score", "date", "note"]
    assert export.data.iloc[0].tolist() == ["c01", "5", "2024-03-01T09:05:00", " 有空格 "]
    assert export.data.iloc[1].tolist() == ["c02", "4.5", "2024-03-02", None]
    assert export.encoding is None and set(export.columns["kind"]) == {"other"}


def test_csv_keeps_text_exactly(tmp_path):
    path = tmp_path / "plain.csv"
    path.write_text("id,score,flag\n05,NA,\n06, 3 ,null\n", encoding="utf-8")
    export = read_export(path, "csv")
    assert export.data.to_numpy().tolist() == [["05", "NA", None], ["06", " 3 ", "null"]]
    assert export.source_rows == [2, 3]


def test_declared_encoding_is_used(tmp_path):
    path = tmp_path / "gbk.csv"
    path.write_bytes("序号,1、性别\n1,男\n".encode("gbk"))
    export = read_export(path, "wjx", encoding="gb18030")
    assert export.encoding == "gb18030" and export.data.iloc[0]["1、性别"] == "男"


def test_leading_blank_lines_shift_source_rows(tmp_path):
    path = tmp_path / "blank.csv"
    path.write_text("\n\n序号,1、性别\n1,男\n", encoding="utf-8")
    assert read_export(path, "wjx").source_rows == [4]


def test_sheet_position_out_of_range_lists_sheets(tmp_path):
    path = tmp_path / "two.xlsx"
    book = openpyxl.Workbook()
    book.active.title = "前测"
    book.active.append(["序号", "1、性别"])
    book.save(path)
    with pytest.raises(InputError, match="'前测'") as err:
        read_export(path, "wjx", sheet=3)
    assert "What to do" in str(err.value)


def test_missing_file_and_folder(tmp_path):
    with pytest.raises(InputError, match="does not exist"):
        read_export(tmp_path / "nope.csv", "csv")
    with pytest.raises(InputError, match="folder"):
        read_export(tmp_path, "csv")


def test_sniff_and_labels():
    assert sniff_content(b"PK\x03\x04rest") == "zip"
    assert sniff_content(b"\xef\xbb\xbf<!DOCTYPE html>") == "html"
    assert sniff_content("序号,1、性别\r\n".encode("gb18030")) == "text"
    assert [column_label(i, True) for i in (0, 25, 26, 701)] == ["A", "Z", "AA", "ZZ"]
    assert column_label(3, False) == "4"
