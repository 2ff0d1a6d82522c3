"""Qualtrics "Data & Analysis > Export" CSV/TSV/Excel files, with their three header rows.

Row 1: column IDs (export tags, e.g. StartDate, Q1, Q2_3); row 2: question text (for matrix
rows "question - statement"); row 3: JSON such as ``{"ImportId":"QID2_3"}``. Data starts on
row 4, so ``source_rows`` starts at 4. Columns are named by row 1.

Column kinds come from the ImportId, which survives renamed export tags:
``QIDn`` and ``QIDn_TEXT`` (a text-entry question) -> 'question', ``QIDn_m`` ->
'matrix_sub' (text = the statement after the last " - " of row 2), ``QIDn_m_TEXT`` ("other,
please specify") and timing or other sub-fields -> 'other', every ImportId that
is not a question (startDate, _recordId, embedded data, ...) -> 'meta'. ``question`` is n, the
number in the QID (Qualtrics' own stable question number, not the position on the page).
Qualtrics' TSV export is UTF-16, which the text reader recognises by its byte-order mark.
"""
from __future__ import annotations

import json
import re

from ..errors import InputError
from .export import RawExport, entry, from_grid
from .grid import open_grid

_QUESTION = re.compile(r"^QID(\d+)(?:_TEXT)?$")
_SUB = re.compile(r"^QID(\d+)_(\d+)$")
_QID_OTHER = re.compile(r"^QID(\d+)")


def _import_id(cell: str | None) -> str | None:
    if cell is None or not cell.strip():
        return None
    try:
        parsed = json.loads(cell)
    except (ValueError, RecursionError):    # deeply nested brackets exhaust the JSON parser
        return None
    if isinstance(parsed, dict) and isinstance(parsed.get("ImportId"), str):
        return parsed["ImportId"]
    return None


def classify(column: str, text: str | None, import_id: str) -> dict:
    text = text.strip() if text and text.strip() else None
    found = _QUESTION.match(import_id)
    if found:
        return entry(column, "question", int(found.group(1)), text)
    found = _SUB.match(import_id)
    if found:
        statement = text.rsplit(" - ", 1)[-1].strip() if text else None
        return entry(column, "matrix_sub", int(found.group(1)), statement)
    found = _QID_OTHER.match(import_id)
    if found:
        return entry(column, "other", int(found.group(1)), text)
    return entry(column, "meta", None, text)


def read_qualtrics(path, *, sheet=None, encoding=None) -> RawExport:
    grid = open_grid(path, text=True, excel=True, sheet=sheet, encoding=encoding, header_rows=3)
    texts, ids = grid.header_rows[1], grid.header_rows[2]
    row3 = grid.header_numbers[2]
    entries = []
    for i, column in enumerate(grid.header):
        import_id = _import_id(ids[i])
        if import_id is None:
            raise InputError(f"row {row3} should hold Qualtrics' ImportId for each column "
                             "(like {\"ImportId\":\"QID1\"}) but this cell holds "
                             f"{ids[i]!r:.80}: the third header row is missing (an export made "
                             "with an older or edited template, or rows deleted by hand).",
                             file=str(path), row=row3, column=column,
                             hint="export the responses again from Qualtrics (Data & Analysis "
                                  "> Export & Import > Export data, CSV) without editing it; "
                                  "if the file really has one header row, use format 'csv'.")
        entries.append(classify(column, texts[i], import_id))
    return from_grid(path, "qualtrics", grid, entries)
