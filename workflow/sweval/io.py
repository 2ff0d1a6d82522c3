"""File I/O for the rule scripts: deterministic, atomic, spreadsheet-safe table writes.

The statistics modules never touch files; the thin scripts under workflow/scripts use these.
"""
from __future__ import annotations

import contextlib
import os
import re
import tempfile
from collections.abc import Iterable
from pathlib import Path

import numpy as np
import pandas as pd


FLOAT_FORMAT = "%.10g"  # stable text for floats: same bytes on every run and platform
_READ_CHUNK_ROWS = 250_000  # rows per chunk of a large table read
_LARGE_TABLE_BYTES = 50_000_000


def _umask_mode() -> int:
    """The mode a plainly created file gets (mkstemp would give 0600)."""
    mask = os.umask(0)
    os.umask(mask)
    return 0o666 & ~mask


@contextlib.contextmanager
def _atomic_text(path: str | os.PathLike, binary: bool = False):
    """A text (or ``binary``) file handle whose content replaces ``path`` only when the block succeeds."""
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
    os.chmod(tmp, _umask_mode())
    try:
        with (os.fdopen(fd, "wb") if binary else os.fdopen(fd, "w", encoding="utf-8", newline="")) as fh:
            yield fh
        os.replace(tmp, path)
    except BaseException:
        with contextlib.suppress(FileNotFoundError):
            os.unlink(tmp)
        raise


# A text cell starting with one of these runs as a formula when a spreadsheet opens the CSV
# (OWASP, "CSV Injection"): such a cell is written with a leading apostrophe. A cell that is a
# plain number (e.g. "-3", a skip code kept as text) is left as it is.
FORMULA_TRIGGERS = ("=", "+", "-", "@", "\t", "\r")
_PLAIN_NUMBER = re.compile(r"[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?")


def _neutralised(value: str) -> str:
    return "'" + value


def safe_text_cells(frame: pd.DataFrame) -> pd.DataFrame:
    """The frame as it is safe to write and read back: in text cells, '\\r\\n' and a lone '\\r'
    become '\\n' (the csv module that pandas writes with quotes a field holding '\\n' but leaves
    a lone '\\r' bare when lines end in '\\n', and every CSV reader then splits the row in
    two), and a cell that a spreadsheet would run as a formula gets a leading apostrophe
    (``FORMULA_TRIGGERS``). Numbers stay numbers; each distinct text is looked at once."""
    copy = None
    for i in range(frame.shape[1]):
        column = frame.iloc[:, i]
        values = column.cat.categories if isinstance(column.dtype, pd.CategoricalDtype) else column
        if not (values.dtype == object or isinstance(values.dtype, pd.StringDtype)):
            continue
        repaired = {}
        for value in pd.unique(values):
            if not isinstance(value, str) or not value:
                continue
            text = value.replace("\r\n", "\n").replace("\r", "\n") if "\r" in value else value
            if value.startswith(FORMULA_TRIGGERS) and not _PLAIN_NUMBER.fullmatch(value):
                text = _neutralised(text)
            if text != value:
                repaired[value] = text
        if repaired:
            copy = frame.copy() if copy is None else copy
            copy.isetitem(i, column.astype(object).map(lambda v: repaired.get(v, v) if isinstance(v, str) else v))
    return frame if copy is None else copy


def _to_csv(frame: pd.DataFrame, fh, *, header: bool = True) -> None:
    safe_text_cells(frame).to_csv(fh, index=False, header=header, float_format=FLOAT_FORMAT,
                                  lineterminator="\n")


def write_table(frame: pd.DataFrame, path: str | os.PathLike) -> None:
    """Write a CSV with pandas' ``to_csv``: atomically (temp file + rename), UTF-8, '\\n' line
    ends, floats with 10 significant digits (the same bytes on every run and platform)."""
    with _atomic_text(path) as fh:
        _to_csv(frame, fh)


def write_table_parts(parts: Iterable[pd.DataFrame], path: str | os.PathLike, columns: list[str]) -> None:
    """Write the frames one after another as one table: the bytes ``write_table`` would write for
    their concatenation, without the whole table (millions of rows) in memory at once. Every part
    must give each column the same kind of numbers: integers in one part and floats in another
    would print differently than their concatenation (12345678901 vs 1.23456789e+10), a ValueError."""
    with _atomic_text(path) as fh:
        first = None
        for part in parts:
            part = part[columns]
            kinds = [_number_kind(part[c]) for c in columns]
            if first is not None and any({a, b} == {"integer", "float"} for a, b in zip(first, kinds)):
                raise ValueError(f"write_table_parts: the parts of {path} differ in their columns' kinds "
                                 f"({first} then {kinds}).")
            _to_csv(part, fh, header=first is None)
            first = kinds
        if first is None:
            _to_csv(pd.DataFrame(columns=columns), fh)


def _number_kind(column: pd.Series) -> str | None:
    kind = getattr(column.dtype, "kind", None)
    return {"i": "integer", "u": "integer", "f": "float"}.get(kind)


def write_text(text: str, path: str | os.PathLike) -> None:
    """Write a text file atomically."""
    with _atomic_text(path) as fh:
        fh.write(text)


def write_bytes(data: bytes, path: str | os.PathLike) -> None:
    """Write a binary file (a .docx) atomically."""
    with _atomic_text(path, binary=True) as fh:
        fh.write(data)


def read_table(path: str | os.PathLike, columns: list[str] | None = None) -> pd.DataFrame:
    """Read a results table written by write_table (only ``columns``, when given: a 3.6-million-row
    scores table parses in a third of the time without the columns a step does not use).

    A table above ``_LARGE_TABLE_BYTES`` is read in chunks whose text values are shared: each
    child's ID appears 36 times in the scores of 12 scales x 3 waves, and one string object per
    distinct value instead of per cell saves about 200 MB of a 100,000-child scores table. The
    frame is the one a plain read gives (same values and dtypes; where chunks disagree on a
    column's type, the plain read is used).
    """
    if os.path.getsize(path) < _LARGE_TABLE_BYTES:
        return pd.read_csv(path, encoding="utf-8", usecols=columns)
    shared: dict[str, str] = {}
    parts = []
    for chunk in pd.read_csv(path, encoding="utf-8", usecols=columns, chunksize=_READ_CHUNK_ROWS):
        for name in chunk.columns:
            if isinstance(chunk[name].dtype, pd.StringDtype):
                codes, distinct = pd.factorize(chunk[name])
                table = np.empty(len(distinct) + 1, dtype=object)
                table[:-1] = [shared.setdefault(v, v) for v in distinct.tolist()]
                table[-1] = np.nan  # code -1: a missing value
                chunk[name] = pd.Series(table[codes], index=chunk.index, dtype=chunk[name].dtype)
        parts.append(chunk)
    frame = pd.concat(parts, ignore_index=True)
    if any(dtype == object for dtype in frame.dtypes):  # a column typed differently in two chunks
        return pd.read_csv(path, encoding="utf-8", usecols=columns)
    return frame
