"""RawExport: what every reader returns, whatever the platform."""
from __future__ import annotations

from dataclasses import dataclass

import pandas as pd

from .grid import Grid

KINDS = ("meta", "question", "matrix_sub", "multi_option", "other")
COLUMN_MAP_COLUMNS = ["column", "kind", "question", "text"]


@dataclass
class RawExport:
    """One export file, read faithfully; interpreting it is the clean step's job.

    - ``data``: one row per data row; columns are the header texts as in the file (surrounding
      whitespace stripped); object dtype, every value ``str`` or ``None`` (None = empty cell;
      a cell holding only spaces is kept as spaces). Rows with no filled cell at all are not
      data rows and are left out (``source_rows`` still tells where each kept row came from).
    - ``source_rows``: per data row, the row number a person sees when opening the file
      (spreadsheet row or CSV line where the record starts, header rows counted).
    - ``columns``: the column map, one row per ``data`` column, in the same order: ``column``,
      ``kind`` (meta / question / matrix_sub / multi_option / other, where 'other' means the
      reader cannot tell), ``question`` (int or None), ``text`` (question, sub-item or option
      text, or None). Some formats add columns (spss: ``missing``).
    - ``mode``: wjx only, 'text' (按选项文本) or 'number' (按选项序号/分数); None when a
      wjx file has no answers to tell by, and for other formats.
    - ``encoding``: the encoding a text file was read with; None for binary formats.
    - ``value_labels``: spss only, ``{column: {code: label}}`` with codes as text ("1").
    """

    path: str
    format: str
    data: pd.DataFrame
    source_rows: list[int]
    columns: pd.DataFrame
    mode: str | None = None
    encoding: str | None = None
    value_labels: dict[str, dict[str, str]] | None = None


def column_map(entries: list[dict]) -> pd.DataFrame:
    """The ``columns`` table from dicts with keys column, kind, question, text (and extras)."""
    frame = pd.DataFrame(entries, dtype=object)
    if frame.empty:
        frame = pd.DataFrame(columns=COLUMN_MAP_COLUMNS, dtype=object)
    return frame.reset_index(drop=True)


def entry(column: str, kind: str, question: int | None = None, text: str | None = None) -> dict:
    return {"column": column, "kind": kind, "question": question, "text": text}


def from_grid(path, fmt: str, grid: Grid, entries: list[dict], *, mode: str | None = None,
              value_labels=None) -> RawExport:
    data = pd.DataFrame(grid.rows, columns=grid.header, dtype=object)
    return RawExport(path=str(path), format=fmt, data=data, source_rows=list(grid.source_rows),
                     columns=column_map(entries), mode=mode, encoding=grid.encoding,
                     value_labels=value_labels)
