"""Wenjuanxing (问卷星) downloads: .xlsx, old .xls or CSV, one header row, Chinese headers.

Header conventions (checked against two real downloads, see tests/test_readers_wjx.py):

- metadata: 序号, 提交答卷时间, 所用时间, 来源, 来源详情, 来自IP, 总分 -> kind 'meta'
- ``N、题目`` -> 'question' (question N, text 题目); a full-width or ASCII dot also counts
- ``N(子题)`` -> 'matrix_sub' (one column per row statement of a matrix/Likert question)
- ``第N题(选项)`` -> 'multi_option' (number mode: one 0/1 column per option of a
  multi-select question); option text may itself hold brackets, e.g. ``第8题(ACG文化(动漫))``
- anything else -> 'other'

Cells are kept as written. In text mode a multi-select answer is one cell joined with ``┋``
(split it with :func:`split_multi`); an "other, please specify" answer looks like
``其他〖filled text〗``. Missing-answer markers are kept as text; see WJX_MISSING_MARKERS.
"""
from __future__ import annotations

import re

import pandas as pd

from ..errors import InputError
from .export import RawExport, entry, from_grid
from .grid import open_grid

WJX_META_COLUMNS = ("序号", "提交答卷时间", "所用时间", "来源", "来源详情", "来自IP", "总分")

#: Cell texts Wenjuanxing writes instead of an answer. The reader keeps them; the clean step
#: decides (normally: missing, and counted in the quality log). The meaning of the two negative
#: codes is not written in the download itself, so treat both simply as "no answer".
WJX_MISSING_MARKERS = {
    "(空)": "text mode: the question was shown but left unanswered",
    "(跳过)": "text mode: the question was skipped by the survey's jump/display logic",
    "（空）": "full-width variant of (空), seen after re-saving in some spreadsheet programs",
    "（跳过）": "full-width variant of (跳过)",
    "-2": "number mode: no answer (written where text mode writes (空) or (跳过))",
    "-3": "number mode: no answer (written where text mode writes (空) or (跳过))",
}

MULTI_SEPARATOR = "┋"

_MULTI_OPTION = re.compile(r"^第\s*(\d+)\s*题\s*[(（](.*)[)）]$", re.S)
_MATRIX_SUB = re.compile(r"^(\d+)\s*[(（](.*)[)）]$", re.S)
_QUESTION = re.compile(r"^(\d+)\s*[、.．]\s*(.*)$", re.S)
_INTEGER = re.compile(r"^\s*-?\d+\s*$")
_ANSWER_KINDS = ("question", "matrix_sub", "multi_option")


def split_multi(value: str | None) -> list[str]:
    """The options of a text-mode multi-select answer: '运动┋阅读' -> ['运动', '阅读'].

    None or an empty cell gives []; whitespace around each option is dropped, and so are
    empty pieces (a trailing ┋). Missing markers come back as a one-item list: the caller
    checks them against WJX_MISSING_MARKERS.
    """
    if value is None:
        return []
    return [part.strip() for part in str(value).split(MULTI_SEPARATOR) if part.strip()]


def classify(header: str) -> dict:
    """One column-map entry for a wjx header."""
    if header in WJX_META_COLUMNS:
        return entry(header, "meta")
    for kind, pattern in (("multi_option", _MULTI_OPTION), ("matrix_sub", _MATRIX_SUB),
                          ("question", _QUESTION)):
        found = pattern.match(header)
        if found:
            return entry(header, kind, int(found.group(1)), found.group(2).strip() or None)
    return entry(header, "other")


def detect_mode(data: pd.DataFrame, columns: pd.DataFrame) -> str | None:
    """'number' or 'text' (None when there is nothing to tell by).

    0/1 option columns only exist in number mode and ``┋`` only in text mode. Otherwise a
    column counts as numeric when all its answers (missing markers aside) are whole numbers,
    and the majority of question/matrix columns decides: a number-mode download still has
    free-text columns (fill-in questions), and a text-mode one may have a numeric fill-in
    (age), so "all columns integer" would misjudge both.
    """
    if (columns["kind"] == "multi_option").any():
        return "number"
    answer_columns = columns.loc[columns["kind"].isin(_ANSWER_KINDS), "column"]
    numeric = textual = 0
    for name in answer_columns:
        values = [v for v in data[name] if v is not None and v.strip()
                  and v.strip() not in WJX_MISSING_MARKERS]
        if not values:
            continue
        if any(MULTI_SEPARATOR in v for v in values):
            return "text"
        if all(_INTEGER.match(v) for v in values):
            numeric += 1
        else:
            textual += 1
    if numeric == textual == 0:
        return None
    return "number" if numeric > textual else "text"


def read_wjx(path, *, sheet=None, encoding=None) -> RawExport:
    grid = open_grid(path, text=True, excel=True, sheet=sheet, encoding=encoding)
    entries = [classify(h) for h in grid.header]
    if not any(e["kind"] in _ANSWER_KINDS for e in entries):
        shown = ", ".join(f"'{h}'" for h in grid.header[:6])
        raise InputError(f"none of the column names look like Wenjuanxing question columns "
                         f"('1、题目', '6(子题)', '第6题(选项)'); the first are {shown}.",
                         file=str(path), row=grid.header_numbers[0],
                         hint="download the answers from Wenjuanxing again (下载答卷数据, "
                              "按选项文本 or 按选项序号), or choose the format that matches "
                              "this file (csv, xlsx, qualtrics, ...).")
    export = from_grid(path, "wjx", grid, entries)
    export.mode = detect_mode(export.data, export.columns)
    return export
