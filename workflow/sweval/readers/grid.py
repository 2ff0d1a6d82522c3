"""Open any supported file as a grid of text cells, checked the same way for every format.

A *grid* is what a person sees when opening the file: a header row (or several), then data
rows, each cell text or None, each row carrying the row number shown in Excel or the line
number in a text editor. The format readers (wjx, qualtrics, ...) only interpret the header;
everything that can be wrong with the file itself is caught here, as an InputError.
"""
from __future__ import annotations

import os
import re
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

from ..errors import InputError

_NUMBER = re.compile(r"^-?\d+(\.\d+)?$")
TEXT_EXTENSIONS = (".csv", ".tsv", ".txt")
EXCEL_EXTENSIONS = (".xlsx", ".xlsm", ".xls")


@dataclass
class RawSheet:
    """Cells as stored, before any header logic: ``rows`` pairs a row number with its cells."""

    rows: list[tuple[int, list[str | None]]]
    merged: list[str] = field(default_factory=list)   # merged ranges, e.g. "A1:C1"
    encoding: str | None = None
    excel: bool = False


@dataclass
class Grid:
    header: list[str]                      # the first header row, stripped: column names
    header_rows: list[list[str | None]]    # all header rows as read (several for Qualtrics)
    header_numbers: list[int]              # their row numbers
    rows: list[list[str | None]]
    source_rows: list[int]
    encoding: str | None
    excel: bool


def column_label(index: int, excel: bool) -> str:
    """How a person finds column ``index`` (0-based): a letter in Excel, a position in a CSV."""
    if not excel:
        return f"{index + 1}"
    letters = ""
    index += 1
    while index:
        index, rest = divmod(index - 1, 26)
        letters = chr(65 + rest) + letters
    return letters


def open_grid(path: str | os.PathLike, *, text: bool, excel: bool, sheet=None,
              encoding: str | None = None, header_rows: int = 1,
              default_sheet: str = "only", duplicate_hint: str | None = None) -> Grid:
    """Read ``path`` as a grid. ``text``/``excel`` say which kinds of file the format allows.

    ``default_sheet`` is what to do without ``sheet`` when several sheets hold data:
    "only" (refuse: ambiguous) or "first" (formats whose first sheet is the main table).
    """
    name = str(path)
    raw = read_raw(Path(path), name, text=text, excel=excel, sheet=sheet, encoding=encoding,
                   default_sheet=default_sheet)
    return build_grid(raw, name, header_rows=header_rows, duplicate_hint=duplicate_hint)


def read_raw(path: Path, name: str, *, text: bool, excel: bool, sheet, encoding,
             default_sheet: str) -> RawSheet:
    # imported here because both modules build the RawSheet defined above
    from . import excel as excel_files
    from . import text as text_files

    if not path.exists():
        raise InputError("the file does not exist.", file=name,
                         hint="check the file name and folder given in the config.")
    if path.is_dir():
        raise InputError("this is a folder, not a file.", file=name,
                         hint="give the path of the export file inside it.")
    ext = path.suffix.lower()
    allowed = (TEXT_EXTENSIONS if text else ()) + (EXCEL_EXTENSIONS if excel else ())
    if ext not in allowed:
        raise InputError(f"the file name ends in '{ext or '(nothing)'}', which this format does "
                         f"not read (expected one of {', '.join(allowed)}).", file=name,
                         hint="save or download the export as "
                              + " or ".join(allowed) + ", or choose the matching format.")
    head = _head(path, name)
    kind = sniff_content(head)
    if kind == "empty":
        raise InputError("the file is empty (0 bytes).", file=name,
                         hint="download the export again; the download probably failed.")
    if ext in EXCEL_EXTENSIONS:
        if kind == "zip":
            return excel_files.read_xlsx(path, name, sheet=sheet, default_sheet=default_sheet)
        if kind == "ole2":
            return excel_files.read_xls(path, name, sheet=sheet, default_sheet=default_sheet)
        if kind == "html":
            raise InputError("the file is named like an Excel workbook but is a web page "
                             "(HTML), as some platforms produce.", file=name,
                             hint="open it in Excel and 'Save As' .xlsx, or download the "
                                  "export as CSV instead.")
        if kind == "text" and text:
            raise InputError(f"the file is named '{ext}' but contains plain text, probably CSV.",
                             file=name, hint="rename it to .csv (the content is not changed).")
        if kind == "text":
            raise InputError(f"the file is named '{ext}' but contains plain text, not an Excel "
                             "workbook.", file=name,
                             hint="open it and save it as .xlsx, or download the export again.")
        raise InputError(f"the file is named '{ext}' but is not a spreadsheet "
                         f"(its content looks like {_kind_words(kind)}).", file=name,
                         hint="download the export again as Excel (.xlsx) or CSV.")
    # text extensions
    if kind in ("zip", "ole2"):
        right = ".xlsx" if kind == "zip" else ".xls"
        if excel:
            raise InputError(f"the file is named '{ext}' but is an Excel workbook ({right}).",
                             file=name, hint=f"rename it to {right} (the content is not changed).")
        raise InputError(f"the file is named '{ext}' but is an Excel workbook ({right}); this "
                         "format reads text exports only.", file=name,
                         hint="export the data again as CSV, or open the workbook and "
                              "'Save As' CSV UTF-8.")
    if kind == "html":
        raise InputError("the file is a web page (HTML), not a CSV export.", file=name,
                         hint="download the export again as CSV; do not save the browser page.")
    if kind != "text":
        raise InputError(f"the file is not a text (CSV) file: its content looks like "
                         f"{_kind_words(kind)}.", file=name,
                         hint="check that the right file is named in the config and download "
                              "the export again as CSV.")
    return text_files.read_delimited(path, name, encoding=encoding)


def _head(path: Path, name: str) -> bytes:
    try:
        with open(path, "rb") as handle:
            return handle.read(4096)
    except OSError as err:
        raise InputError(f"the file cannot be opened ({err.strerror or err}).", file=name,
                         hint="check that the file is readable and not open in another "
                              "program that locks it.") from err


def sniff_content(head: bytes) -> str:
    """Guess what a file is from its first bytes: the extension is only a claim."""
    if not head:
        return "empty"
    if head.startswith(b"PK\x03\x04") or head.startswith(b"PK\x05\x06"):
        return "zip"
    if head.startswith(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"):
        return "ole2"
    if head.startswith(b"%PDF"):
        return "pdf"
    if head.startswith((b"\xff\xfe", b"\xfe\xff")):
        return "text"          # UTF-16 with BOM (Excel 'Unicode text', Qualtrics TSV)
    stripped = head.lstrip(b"\xef\xbb\xbf \t\r\n").lower()
    if stripped.startswith((b"<!doctype html", b"<html", b"<table", b"<?xml")):
        return "html"
    # a stray NUL in a text file is reported at its row by the text reader; many control
    # bytes mean the file is not text at all
    controls = sum(1 for b in head if b < 32 and b not in (9, 10, 13))
    if controls > max(2, len(head) // 100):
        return "binary"
    return "text"


def _kind_words(kind: str) -> str:
    return {"pdf": "a PDF document", "binary": "binary data (not text)", "html": "a web page",
            "zip": "a zip archive", "ole2": "an old Office document"}.get(kind, kind)


def build_grid(raw: RawSheet, name: str, *, header_rows: int = 1,
               duplicate_hint: str | None = None) -> Grid:
    """Split header from data and check the header: no blanks over data, no duplicates."""
    if raw.merged:
        raise InputError(f"the sheet has merged cells ({', '.join(raw.merged[:5])}). Platform "
                         "exports never merge cells, so this sheet was reformatted by hand "
                         "(often a header spread over two rows).",
                         file=name, hint="use the export as downloaded, or unmerge the cells "
                                         "and keep exactly one header row with one name per "
                                         "column.")
    rows = [(number, cells) for number, cells in raw.rows
            if any(cell is not None and cell.strip() for cell in cells)]
    if not rows:
        raise InputError("the file holds no cells at all, not even a header row.", file=name,
                         hint="download the export again; the download probably failed or "
                              "the wrong sheet was saved.")
    if len(rows) < header_rows:
        raise InputError(f"this format has {header_rows} header rows but the file has only "
                         f"{len(rows)} non-empty row(s).", file=name, row=rows[-1][0],
                         hint="download the complete export again.")
    width = max(len(cells) for _, cells in rows)
    padded = [(number, cells + [None] * (width - len(cells))) for number, cells in rows]
    head = padded[:header_rows]
    body = padded[header_rows:]
    header_number, header_cells = head[0]
    header = [(cell or "").strip() for cell in header_cells]
    keep = _check_blank_headers(header, header_number, body, name, raw.excel)
    header = [header[i] for i in keep]
    _check_duplicates(header, keep, header_number, name, raw.excel, duplicate_hint)
    return Grid(header=header,
                header_rows=[[cells[i] for i in keep] for _, cells in head],
                header_numbers=[number for number, _ in head],
                rows=[[cells[i] for i in keep] for _, cells in body],
                source_rows=[number for number, _ in body],
                encoding=raw.encoding, excel=raw.excel)


def _check_blank_headers(header, header_number, body, name, excel) -> list[int]:
    """Columns to keep; a blank header is fine only over an empty column (Excel's trailing
    formatted columns)."""
    keep = []
    for i, text in enumerate(header):
        if text:
            keep.append(i)
            continue
        if not any(cells[i] is not None and cells[i].strip() for _, cells in body):
            continue
        filled = [t for t in header if t]
        if len(filled) == 1 and len(header) > 1:
            raise InputError(f"row {header_number} has a single filled cell ('{filled[0]}'), "
                             "like a title above the table, not a header row.", file=name,
                             row=header_number, column=column_label(i, excel),
                             hint="delete the title row(s) so that the column names are in "
                                  "the first row.")
        two_rows = " It looks like the header continues on the next row (a two-row header)."
        raise InputError(f"column {column_label(i, excel)} has data but no name in header "
                         f"row {header_number}." + (two_rows if _subheader(body, i) else ""),
                         file=name, row=header_number, column=column_label(i, excel),
                         hint="give every column one name in a single header row, or use the "
                              "export as downloaded from the platform.")
    return keep


def _subheader(body, i) -> bool:
    """Does the first data row look like the second row of a header: text in column ``i``
    and fewer filled cells than the row after it (sub-item names under a merged title)?"""
    if len(body) < 2:
        return False
    first, second = body[0][1], body[1][1]
    cell = (first[i] or "").strip()
    filled = [sum(c is not None and bool(c.strip()) for c in cells) for cells in (first, second)]
    return bool(cell) and not _NUMBER.match(cell) and filled[0] < filled[1]


def _check_duplicates(header, keep, header_number, name, excel, hint=None) -> None:
    counts = Counter(header)
    for text, n in counts.items():
        if n > 1:
            where = [column_label(keep[i], excel) for i, t in enumerate(header) if t == text]
            raise InputError(f"the column name '{text}' appears {n} times (columns "
                             f"{', '.join(where)}), so its answers cannot be told apart.",
                             file=name, row=header_number, column=text,
                             hint=hint or "rename or delete the repeated column so that every "
                                          "column name is unique, or use the export as "
                                          "downloaded.")
