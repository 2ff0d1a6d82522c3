"""Excel workbooks (.xlsx via openpyxl, old binary .xls via xlrd) as text cells.

Cells become the text a person would type to reproduce them: whole numbers without '.0'
(5.0 -> "5"), other numbers in Python's shortest round-trip form, dates as ISO 8601 text
("2024-03-01", or "2024-03-01T09:30:00" when the cell has a time), times "09:30:00",
booleans "TRUE"/"FALSE", error cells as shown ("#N/A"). Formulas give their cached value.
The file's content decides between the two readers, whatever the extension says (.xlsx
files named .xls are common in platform downloads).
"""
from __future__ import annotations

import datetime as dt
import warnings
from pathlib import Path

from ..errors import InputError
from .grid import RawSheet, column_label


def cell_text(value) -> str | None:
    if value is None:
        return None
    if isinstance(value, bool):
        return "TRUE" if value else "FALSE"
    if isinstance(value, float):
        if value.is_integer() and abs(value) < 1e16:
            return str(int(value))
        return repr(value)
    if isinstance(value, dt.datetime):
        if value.time() == dt.time(0):
            return value.date().isoformat()
        return value.isoformat()
    if isinstance(value, (dt.date, dt.time)):
        return value.isoformat()
    if isinstance(value, dt.timedelta):
        seconds = int(value.total_seconds())
        return f"{seconds // 3600:02d}:{seconds % 3600 // 60:02d}:{seconds % 60:02d}"
    text = str(value)
    return text if text != "" else None


def _damaged(name: str, err: Exception, what: str) -> InputError:
    return InputError(f"the file cannot be opened as {what} ({type(err).__name__}: {err}); it "
                      "is damaged, cut off during download, or another kind of file renamed.",
                      file=name, hint="download the export again, or open it in Excel and "
                                      "'Save As' a new .xlsx.")


def read_xlsx(path: Path, name: str, *, sheet, default_sheet: str) -> RawSheet:
    import openpyxl

    try:
        # a file object, not the name: openpyxl refuses names ending in .xls even when the
        # content is .xlsx, as in some platform downloads
        with warnings.catch_warnings(), open(path, "rb") as handle:
            warnings.simplefilter("ignore")      # "no default style" etc. say nothing useful
            book = openpyxl.load_workbook(handle, data_only=True)
    except Exception as err:   # openpyxl raises zip, XML, key and value errors alike
        raise _damaged(name, err, "an Excel workbook (.xlsx)") from err
    try:
        sheets = {ws.title: ws for ws in book.worksheets}
        chosen, rows = choose_sheet(name, list(sheets), sheet, default_sheet,
                                    lambda title: _xlsx_rows(sheets[title]))
        merged = [str(r) for r in sheets[chosen].merged_cells.ranges]
        return RawSheet(rows=rows, merged=merged, excel=True)
    finally:
        book.close()


def _xlsx_rows(ws) -> list[tuple[int, list[str | None]]]:
    """Rows holding a value, each as long as its last filled cell.

    Built from the cells the file stores, not ``ws.iter_rows()``: that walks the whole rectangle
    up to the farthest cell, so one stray (or merely formatted) cell at XFD1048576 would mean
    17 billion cells and a read that never ends.
    """
    filled: dict[int, dict[int, str]] = {}
    for (row, col), cell in ws._cells.items():   # openpyxl's sparse store; no public equivalent
        text = cell_text(cell.value)
        if text is not None:
            filled.setdefault(row, {})[col] = text
    return [(row, [cols.get(c) for c in range(1, max(cols) + 1)])
            for row, cols in sorted(filled.items())]


def read_xls(path: Path, name: str, *, sheet, default_sheet: str) -> RawSheet:
    import xlrd

    try:
        try:
            book = xlrd.open_workbook(path, formatting_info=True, on_demand=True)
        except NotImplementedError:
            book = xlrd.open_workbook(path, on_demand=True)
    except Exception as err:   # xlrd raises XLRDError, CompDocError, struct and index errors
        raise _damaged(name, err, "an old-style Excel workbook (.xls)") from err
    try:
        names = book.sheet_names()
        chosen, rows = choose_sheet(name, names, sheet, default_sheet,
                                    lambda title: _xls_rows(book, book.sheet_by_name(title)))
        merged = [f"{_a1(r0, c0)}:{_a1(r1 - 1, c1 - 1)}"
                  for r0, r1, c0, c1 in book.sheet_by_name(chosen).merged_cells]
        return RawSheet(rows=rows, merged=merged, excel=True)
    except InputError:
        raise
    except Exception as err:
        raise _damaged(name, err, "an old-style Excel workbook (.xls)") from err
    finally:
        book.release_resources()


def _a1(row: int, col: int) -> str:
    return f"{column_label(col, True)}{row + 1}"


def _xls_rows(book, ws) -> list[tuple[int, list[str | None]]]:
    import xlrd

    def one(cell):
        if cell.ctype in (xlrd.XL_CELL_EMPTY, xlrd.XL_CELL_BLANK):
            return None
        if cell.ctype == xlrd.XL_CELL_DATE:
            try:
                return cell_text(xlrd.xldate_as_datetime(cell.value, book.datemode))
            except (ValueError, OverflowError, xlrd.xldate.XLDateError):
                return cell_text(cell.value)
        if cell.ctype == xlrd.XL_CELL_BOOLEAN:
            return cell_text(bool(cell.value))
        if cell.ctype == xlrd.XL_CELL_ERROR:
            return xlrd.error_text_from_code.get(cell.value, "#ERROR")
        return cell_text(cell.value)

    return [(r + 1, [one(c) for c in ws.row(r)]) for r in range(ws.nrows)]


def choose_sheet(name: str, titles: list[str], sheet, default_sheet: str, rows_of):
    """(title, rows) of the sheet asked for, or of the only one holding data (or the first
    one holding data, if the format says so)."""
    if sheet is not None:
        if isinstance(sheet, int) and not isinstance(sheet, bool):
            if 0 <= sheet < len(titles):
                return titles[sheet], rows_of(titles[sheet])
        elif str(sheet) in titles:
            return str(sheet), rows_of(str(sheet))
        raise InputError(f"there is no sheet {sheet!r}; the workbook has "
                         f"{_listing(titles)}.", file=name,
                         hint="set 'sheet' to one of these names (or a 0-based position).")
    if len(titles) == 1:
        return titles[0], rows_of(titles[0])
    with_data = {}
    for title in titles:
        rows = rows_of(title)
        if any(any(c is not None and c.strip() for c in cells) for _, cells in rows):
            with_data[title] = rows
    if len(with_data) == 1 or (with_data and default_sheet == "first"):
        return next(iter(with_data.items()))
    if not with_data:
        raise InputError(f"no sheet holds any data ({_listing(titles)}).", file=name,
                         hint="download the export again; the download probably failed.")
    raise InputError(f"several sheets hold data ({_listing(with_data)}), so it is not clear "
                     "which one is the export.", file=name,
                     hint="set 'sheet' in the config to the name of the sheet with the "
                          "responses, or delete the other sheets.")


def _listing(titles: list[str]) -> str:
    return "sheets " + ", ".join(f"'{t}'" for t in titles)
