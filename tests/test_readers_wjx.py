"""Wenjuanxing reader on two real downloads (tests/fixtures/wjx, 800 rows) and their
CSV/xlsx re-encodings, plus the wjx-specific header and mode rules."""
from __future__ import annotations

import csv
from pathlib import Path

import openpyxl
import pytest

from sweval.errors import InputError
from sweval.readers import WJX_MISSING_MARKERS, read_export, split_multi
from sweval.readers.wjx import classify

FIXTURES = Path(__file__).resolve().parent / "fixtures" / "wjx"  # source and licence: README.md there
BY_TEXT = FIXTURES / "wjx_800_by_text.xls"
BY_NUMBER = FIXTURES / "wjx_800_by_number.xls"
META = ["序号", "提交答卷时间", "所用时间", "来源", "来源详情", "来自IP"]


@pytest.fixture(scope="module")
def by_text():
    return read_export(BY_TEXT, "wjx")


@pytest.fixture(scope="module")
def by_number():
    return read_export(BY_NUMBER, "wjx")


def test_text_mode_download(by_text):
    assert by_text.format == "wjx" and by_text.mode == "text"
    assert by_text.encoding is None and by_text.value_labels is None
    assert len(by_text.data) == 800
    assert by_text.source_rows[:2] == [2, 3] and by_text.source_rows[-1] == 801
    assert list(by_text.data.columns[:6]) == META
    # header whitespace stripped ('3、性别 ' in the file)
    assert "3、性别" in by_text.data.columns
    cmap = by_text.columns.set_index("column")
    assert (cmap.loc[META, "kind"] == "meta").all()
    assert cmap.loc["6、兴趣爱好", "kind"] == "question"
    assert cmap.loc["6、兴趣爱好", "question"] == 6
    assert cmap.loc["6、兴趣爱好", "text"] == "兴趣爱好"
    assert sorted(cmap["question"].dropna()) == list(range(1, 9))


def test_text_mode_values(by_text):
    row = by_text.data.iloc[0]
    assert row["序号"] == "1"                      # Excel 1.0 -> "1"
    assert row["提交答卷时间"] is None              # blank in this download
    assert row["6、兴趣爱好"] == "运动┋影视┋购物"
    assert split_multi(row["6、兴趣爱好"]) == ["运动", "影视", "购物"]
    assert split_multi(by_text.data.iloc[1]["8、关注资讯"])[-1] == "ACG文化(动漫、游戏等)"
    assert by_text.data["序号"].tolist() == [str(i) for i in range(1, 801)]
    assert all(isinstance(v, str) or v is None for v in by_text.data.to_numpy().ravel())


def test_number_mode_download(by_number):
    assert by_number.mode == "number" and len(by_number.data) == 800
    assert by_number.source_rows[0] == 2
    cmap = by_number.columns.set_index("column")
    options = cmap[cmap["kind"] == "multi_option"]
    assert len(options) == 14 + 10
    assert set(options["question"]) == {6, 8}
    # option text holding its own brackets survives the header pattern
    assert cmap.loc["第8题(ACG文化(动漫、游戏等))", "text"] == "ACG文化(动漫、游戏等)"
    values = set(by_number.data[options.index].to_numpy().ravel())
    assert values <= {"0", "1"}
    assert by_number.data.iloc[0]["2、手机价格"] == "7"


def test_modes_agree_on_the_same_answers(by_text, by_number):
    """Row i of both downloads is the same respondent: the 0/1 columns spell the ┋ list."""
    options = by_number.columns[by_number.columns["question"] == 6]
    for i in (0, 1, 2, 799):
        chosen = [t for c, t in zip(options["column"], options["text"])
                  if by_number.data.iloc[i][c] == "1"]
        assert chosen == split_multi(by_text.data.iloc[i]["6、兴趣爱好"])


def _rows(export):
    header = list(export.data.columns)
    return [header] + [[v if v is not None else "" for v in r]
                       for r in export.data.itertuples(index=False)]


@pytest.mark.parametrize("encoding", ["gb18030", "utf-8-sig", "utf-8"])
def test_csv_download_same_as_excel(tmp_path, by_text, encoding):
    path = tmp_path / "wjx.csv"
    with open(path, "w", encoding=encoding, newline="") as handle:
        csv.writer(handle).writerows(_rows(by_text))
    export = read_export(path, "wjx")
    assert export.encoding == encoding and export.mode == "text"
    assert export.source_rows[:2] == [2, 3]
    assert export.data.equals(by_text.data)
    assert export.columns.equals(by_text.columns)


def test_xlsx_download_same_as_xls(tmp_path, by_number):
    path = tmp_path / "wjx.xlsx"
    book = openpyxl.Workbook()
    sheet = book.active
    for row in _rows(by_number):
        sheet.append([int(v) if v.isdigit() else (v or None) for v in row])
    book.save(path)
    export = read_export(path, "wjx")
    assert export.mode == "number"
    assert export.data.equals(by_number.data)


@pytest.mark.parametrize("header, expected", [
    ("1、我有可以学习的榜样", ("question", 1, "我有可以学习的榜样")),
    ("12.我很快乐", ("question", 12, "我很快乐")),
    ("7(我和家人在一起时感到安全)", ("matrix_sub", 7, "我和家人在一起时感到安全")),
    ("7（全角括号）", ("matrix_sub", 7, "全角括号")),
    ("第3题(其他【请注明】)", ("multi_option", 3, "其他【请注明】")),
    ("总分", ("meta", None, None)),
    ("姓名", ("other", None, None)),
])
def test_header_patterns(header, expected):
    e = classify(header)
    assert (e["kind"], e["question"], e["text"]) == expected


def _csv(tmp_path, text, name="wjx.csv"):
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


def test_matrix_number_mode_with_skip_codes(tmp_path):
    path = _csv(tmp_path, "序号,1、性别,2(我有榜样),2(我会合作),3、年级\n"
                          "1,1,5,4,五年级\n2,2,-3,-3,(空)\n3,1,3,(跳过),六年级\n")
    export = read_export(path, "wjx")
    assert export.mode == "number"          # the fill-in 年级 is text, the choices are codes
    assert export.data.iloc[1]["2(我有榜样)"] == "-3"
    assert export.data.iloc[2]["2(我会合作)"] == "(跳过)"
    assert {"(空)", "(跳过)", "-2", "-3"} <= set(WJX_MISSING_MARKERS)


def test_text_mode_with_markers(tmp_path):
    path = _csv(tmp_path, "序号,1、性别,2(我有榜样)\n1,男,非常符合\n2,(空),(跳过)\n")
    assert read_export(path, "wjx").mode == "text"


def test_header_only_is_zero_rows(tmp_path):
    export = read_export(_csv(tmp_path, "序号,1、性别,第2题(A)\n"), "wjx")
    assert len(export.data) == 0 and export.source_rows == []
    assert list(export.data.columns) == ["序号", "1、性别", "第2题(A)"]
    assert export.mode == "number"


def test_not_a_wjx_export(tmp_path):
    with pytest.raises(InputError, match="What to do") as err:
        read_export(_csv(tmp_path, "StartDate,EndDate,Q1\n1,2,3\n"), "wjx")
    assert "wjx.csv" in str(err.value)


def test_split_multi_edges():
    assert split_multi(None) == [] and split_multi("") == []
    assert split_multi("运动┋") == ["运动"]
    assert split_multi("其他〖画画〗") == ["其他〖画画〗"]
