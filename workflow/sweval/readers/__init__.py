"""Readers: one module per export format, all returning a RawExport.

Readers only read: cells stay text as written, nothing is recoded, renamed or dropped (the
clean step does that). Every problem with a file is an InputError naming the file (and the row
and column where one applies) with a sentence saying what to do. Usage::

    export = read_export("data/raw/pre.xlsx", "wjx")
    export.data, export.source_rows, export.columns, export.mode
"""
from __future__ import annotations

import os

from ..errors import InputError
from . import kobo, plain, qualtrics, redcap, spss, wjx
from .export import KINDS, RawExport
from .wjx import WJX_META_COLUMNS, WJX_MISSING_MARKERS, split_multi

READERS = {"wjx": wjx.read_wjx, "csv": plain.read_csv, "xlsx": plain.read_xlsx,
           "qualtrics": qualtrics.read_qualtrics, "spss": spss.read_spss,
           "kobo": kobo.read_kobo, "redcap": redcap.read_redcap}
FORMATS = tuple(READERS)


def read_export(path: str | os.PathLike, format: str, *, sheet: str | int | None = None,
                encoding: str | None = None) -> RawExport:
    """Read one export file of the given platform ``format`` (one of FORMATS).

    ``sheet``: Excel sheet name or 0-based position (default: the only sheet with data; kobo:
    the first). ``encoding``: for text files, overrides detection (BOM, then utf-8, then
    gb18030); ignored for Excel, passed to pyreadstat for old .sav files without one.
    """
    if format not in READERS:
        raise InputError(f"'{format}' is not a known export format.", file=str(path),
                         hint=f"use one of: {', '.join(FORMATS)}.")
    return READERS[format](path, sheet=sheet, encoding=encoding)


def tabular_format(path: str | os.PathLike) -> str:
    """'xlsx' for spreadsheet files (.xlsx, .xlsm, .xls), else 'csv': for rosters and process forms."""
    return "xlsx" if str(path).lower().endswith((".xlsx", ".xlsm", ".xls")) else "csv"


__all__ = ["FORMATS", "KINDS", "RawExport", "WJX_META_COLUMNS", "WJX_MISSING_MARKERS",
           "read_export", "split_multi", "tabular_format"]
