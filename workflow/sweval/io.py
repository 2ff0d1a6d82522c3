"""File I/O for the rule scripts: deterministic, atomic table writes and readable failures.

The statistics modules never touch files; the thin scripts under workflow/scripts use these.
"""
from __future__ import annotations

import contextlib
import logging
import os
import sys
import tempfile
import threading
from collections.abc import Iterable
from pathlib import Path

import numpy as np
import pandas as pd

from .errors import ConfigError, InputError

FLOAT_FORMAT = "%.10g"  # stable text for floats: same bytes on every run and platform
_CHUNK_ROWS = 50_000
_LARGE_TABLE_BYTES = 50_000_000


def _umask_mode() -> int:
    """The mode a plainly created file gets (mkstemp would give 0600)."""
    mask = os.umask(0)
    os.umask(mask)
    return 0o666 & ~mask


def _atomic_open(path: Path):
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
    os.chmod(tmp, _umask_mode())
    return fd, tmp


def _texts_of_distinct(values: np.ndarray, *, floats: bool) -> list[str]:
    """The text of each value, made once per distinct value (survey tables repeat a few hundred
    scores millions of times). Floats: '%.10g', NaN empty, told apart by their bits (-0.0 keeps
    its sign); other values: str()."""
    keys = values.view(np.int64) if floats else values
    codes, distinct = pd.factorize(keys)
    table = np.empty(len(distinct), dtype=object)
    if floats:
        distinct = np.asarray(distinct).view(np.float64)
        table[:] = [FLOAT_FORMAT % x for x in distinct.tolist()]
        table[np.isnan(distinct)] = ""
    else:
        table[:] = [str(v) for v in distinct.tolist()]
    return table[codes].tolist()


# A field holding one of these is quoted, as csv.QUOTE_MINIMAL does; and one holding a lone
# carriage return, which the csv module (so pandas) leaves bare with '\n' line ends, where a
# reader (pandas' included) then sees a line break: the one deliberate difference from pandas.
_SPECIAL = (",", '"', "\n", "\r")


def _quoted(texts: list[str]) -> list[str]:
    """Quote the fields that need it, as the csv module does (doubling inner quotes)."""
    joined = "\x00".join(texts)
    if not any(c in joined for c in _SPECIAL):
        return texts
    return ['"' + t.replace('"', '""') + '"' if any(c in t for c in _SPECIAL) else t for t in texts]


def _column_kind(column: pd.Series) -> str | None:
    """How a column's values become text: 'float', 'plain' (str()), 'text', or None (pandas' path)."""
    dtype = column.dtype
    if isinstance(dtype, pd.CategoricalDtype):
        categories = pd.api.types.infer_dtype(dtype.categories, skipna=True)
        return "text" if categories in ("string", "empty") else None
    if isinstance(dtype, np.dtype) and dtype.kind == "f":
        return "float"
    if isinstance(dtype, np.dtype) and dtype.kind in "iub":
        return "plain"
    if isinstance(dtype, pd.StringDtype):
        return "text"
    if dtype == object and pd.api.types.infer_dtype(column, skipna=True) in ("string", "empty"):
        return "text"
    return None  # dates, nullable numbers, numbers among text: pandas' own path


def _column_texts(kind: str, column: pd.Series) -> list[str]:
    """The CSV text of each value, as pandas' to_csv writes it."""
    if kind == "float":
        return _texts_of_distinct(column.to_numpy().astype(np.float64, copy=False), floats=True)
    if kind == "plain":
        return _texts_of_distinct(column.to_numpy(), floats=False)
    values = column.to_numpy(dtype=object)  # 'text' columns hold only str and missing values
    return _quoted(np.where(pd.isna(values), "", values).tolist())


def _write_csv(frame: pd.DataFrame, fh, *, header: bool = True) -> None:
    """Write ``frame`` as pandas' ``to_csv(index=False, float_format=FLOAT_FORMAT)`` would, same bytes.

    pandas formats every float through a Python call per value (about 12 s per million rows of
    a results table here); this formats each distinct value of a column once, quotes as the csv
    module would (QUOTE_MINIMAL, the module pandas writes with) and joins the rows, in chunks so
    the text never all sits in memory. tests/test_io.py compares the bytes with pandas'.
    """
    kinds = [_column_kind(frame.iloc[:, i]) for i in range(frame.shape[1])]
    plain_names = not isinstance(frame.columns, pd.MultiIndex) and all(isinstance(c, str) for c in frame.columns)
    if frame.shape[1] < 2 or not frame.columns.is_unique or not plain_names or None in kinds:
        # one column: csv writes a lone empty field as "" (a blank line would be no row)
        frame.to_csv(fh, index=False, header=header, float_format=FLOAT_FORMAT, lineterminator="\n")
        return
    if header:
        fh.write(",".join(_quoted([str(c) for c in frame.columns])) + "\n")
    for start in range(0, len(frame), _CHUNK_ROWS):
        chunk = frame.iloc[start:start + _CHUNK_ROWS]
        columns = [_column_texts(kind, chunk.iloc[:, i]) for i, kind in enumerate(kinds)]
        fh.write("\n".join(map(",".join, zip(*columns))) + "\n")


@contextlib.contextmanager
def _atomic_text(path: str | os.PathLike):
    """A text file handle whose content replaces ``path`` only when the block succeeds."""
    fd, tmp = _atomic_open(Path(path))
    try:
        with os.fdopen(fd, "w", encoding="utf-8", newline="") as fh:
            yield fh
        os.replace(tmp, path)
    except BaseException:
        with contextlib.suppress(FileNotFoundError):
            os.unlink(tmp)
        raise


def write_table(frame: pd.DataFrame, path: str | os.PathLike) -> None:
    """Write a CSV atomically (temp file + rename), UTF-8, '\\n' line ends, 10 significant digits."""
    with _atomic_text(path) as fh:
        _write_csv(frame, fh)


def write_table_parts(parts: Iterable[pd.DataFrame], path: str | os.PathLike, columns: list[str]) -> None:
    """Write the frames one after another as one table: the bytes ``write_table`` would write for
    their concatenation, without the whole table (millions of rows) in memory at once. Every part
    must give each column the same kind of numbers: integers in one part and floats in another
    would print differently than their concatenation (12345678901 vs 1.23456789e+10), a ValueError."""
    with _atomic_text(path) as fh:
        first = None
        for part in parts:
            part = part[columns]
            kinds = [_column_kind(part.iloc[:, i]) for i in range(part.shape[1])]
            if first is not None and any({a, b} == {"plain", "float"} for a, b in zip(first, kinds)):
                raise ValueError(f"write_table_parts: the parts of {path} differ in their columns' kinds "
                                 f"({first} then {kinds}).")
            _write_csv(part, fh, header=first is None)
            first = kinds
        if first is None:
            _write_csv(pd.DataFrame(columns=columns), fh)


def write_text(text: str, path: str | os.PathLike) -> None:
    """Write a text file atomically."""
    with _atomic_text(path) as fh:
        fh.write(text)


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
    for chunk in pd.read_csv(path, encoding="utf-8", usecols=columns, chunksize=_CHUNK_ROWS * 5):
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


RAISE_IN_MAIN_THREAD = False  # set in a forked job's process: its parent reports the sentence


class StepFailed(Exception):
    """A step stopped on bad input; the message is the sentence for the researcher."""


@contextlib.contextmanager
def step(log_path: str | os.PathLike | None, name: str):
    """Run a pipeline step: log to ``log_path``; a bad-input error ends it with one paragraph.

    InputError and ConfigError are the researcher's to fix: they are written to the log and to
    stderr as a sentence. In a process of its own the step then exits with status 1 (no
    traceback); inside the Snakemake process (a worker thread) or a job forked from it
    (``RAISE_IN_MAIN_THREAD``) it raises StepFailed carrying the sentence, which Snakemake reports
    for the rule. Anything else is a bug and keeps its
    traceback. Each step logs through its own logger, so steps running in parallel threads
    never write into each other's log files.
    """
    logger = logging.getLogger(f"sweval.step.{name}.{threading.get_ident()}")
    logger.setLevel(logging.INFO)
    logger.propagate = False
    handler = None
    if log_path:
        Path(log_path).parent.mkdir(parents=True, exist_ok=True)
        handler = logging.FileHandler(log_path, mode="w", encoding="utf-8")
        handler.setFormatter(logging.Formatter("%(levelname)s %(message)s"))
        logger.addHandler(handler)
    try:
        logger.info("step %s started", name)
        yield logger
        logger.info("step %s finished", name)
    except (InputError, ConfigError) as exc:
        logger.error("%s", exc)
        print(f"\nsweval step '{name}' stopped: {exc}\n", file=sys.stderr)
        if threading.current_thread() is threading.main_thread() and not RAISE_IN_MAIN_THREAD:
            sys.exit(1)
        raise StepFailed(f"step '{name}' stopped: {exc}") from None
    finally:
        if handler:
            logger.removeHandler(handler)
            handler.close()
