"""SPSS data files (.sav, .zsav) via pyreadstat.

- Values become text like every other reader's (1.0 -> "1", dates ISO); system-missing and
  empty strings become None.
- Value labels go to ``value_labels`` as ``{variable: {"1": "label"}}``; the data keep the
  codes, so the clean step recodes them like wjx number-mode answers.
- User-defined missing values (SPSS "Missing" column: discrete codes such as 99 or a range
  such as 97 thru 99) are respected the way SPSS itself treats them: such cells become None.
  What each variable declared is kept in the column map's extra ``missing`` column (text such
  as "99" or "97-99; 999"), so the clean step can report it.
- ``columns``: kind 'question' for variables with a variable label or value labels (text =
  the variable label), 'other' for the rest (IDs, dates, computed variables); ``question``
  is None, because SPSS names carry no numbering convention.
- ``source_rows``: the case number, as in SPSS's Data View (there is no header row there).
"""
from __future__ import annotations

import math
from pathlib import Path

import pandas as pd

from ..errors import InputError
from .excel import cell_text
from .export import RawExport, column_map, entry

EXTENSIONS = (".sav", ".zsav")


def _text(value) -> str | None:
    if value is None or (isinstance(value, float) and math.isnan(value)):
        return None
    if value is pd.NaT:
        return None
    if isinstance(value, pd.Timestamp):
        value = value.to_pydatetime()
    return cell_text(value)


def _is_user_missing(value, ranges) -> bool:
    if value is None or (isinstance(value, float) and math.isnan(value)):
        return False
    for span in ranges:
        try:
            if span["lo"] <= value <= span["hi"]:
                return True
        except TypeError:        # a string variable compared with numeric bounds
            continue
    return False


def _describe(ranges) -> str:
    parts = []
    for span in ranges:
        lo, hi = _text(span["lo"]), _text(span["hi"])
        parts.append(lo if lo == hi else f"{lo}-{hi}")
    return "; ".join(parts)


def _open(path: Path, name: str, encoding: str | None):
    import pyreadstat

    if not path.exists():
        raise InputError("the file does not exist.", file=name,
                         hint="check the file name and folder given in the config.")
    if path.suffix.lower() not in EXTENSIONS:
        raise InputError(f"the file name ends in '{path.suffix or '(nothing)'}', not .sav.",
                         file=name, hint="give the SPSS data file (.sav), or choose the format "
                                         "matching this file.")
    if path.stat().st_size == 0:
        raise InputError("the file is empty (0 bytes).", file=name,
                         hint="save the data from SPSS again (File > Save As, .sav).")
    try:
        return pyreadstat.read_sav(str(path), user_missing=True, encoding=encoding)
    except Exception as err:     # pyreadstat raises ReadstatError/PyreadstatError and others
        raise InputError(f"the file cannot be read as SPSS data ({type(err).__name__}: {err}); "
                         "it is damaged, cut off, or another kind of file renamed.", file=name,
                         hint="save the data from SPSS again (File > Save As, SPSS Statistics "
                              ".sav), or export it as CSV and use format 'csv'.") from err


def read_spss(path, *, sheet=None, encoding=None) -> RawExport:
    name = str(path)
    frame, meta = _open(Path(path), name, encoding)
    ranges = meta.missing_ranges or {}
    labels = meta.variable_value_labels or {}
    columns, entries = {}, []
    for column in frame.columns:
        declared = ranges.get(column, [])
        columns[column] = [None if _is_user_missing(v, declared) else _text(v)
                           for v in frame[column].tolist()]
        label = meta.column_names_to_labels.get(column)
        kind = "question" if label or column in labels else "other"
        entries.append(entry(column, kind, None, label or None)
                       | {"missing": _describe(declared) or None})
    data = pd.DataFrame({c: pd.Series(v, dtype=object) for c, v in columns.items()})
    value_labels = {column: {_text(code): str(text) for code, text in mapping.items()}
                    for column, mapping in labels.items()}
    return RawExport(path=name, format="spss", data=data,
                     source_rows=list(range(1, len(data) + 1)), columns=column_map(entries),
                     encoding=None, value_labels=value_labels)
