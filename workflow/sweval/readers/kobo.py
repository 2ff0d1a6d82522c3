"""KoboToolbox exports (CSV or .xlsx) of an XLSForm survey.

Headers are question paths: ``group_a/q1`` (the default group separator), ``group_a-q1`` when
the export chose '-' (used only when no header holds '/'), or bare names when groups were left
out of the headers. Label exports work the same way with labels in place of names.

- kind 'meta': submission metadata: top-level names starting with '_' (_id, _uuid,
  _submission_time, _validation_status, _index, ...), the form's metadata questions
  (start, end, today, deviceid, username, ...), and anything under ``meta/`` or ``formhub/``.
- kind 'multi_option': a select_multiple's one-column-per-choice 0/1 columns, recognised as
  ``<question path><sep><choice>`` where the question path is itself a column; text = choice.
  The question's own column (space-separated choices) stays 'question'.
- kind 'question': everything else, text = the last path part; ``question`` is None, since
  XLSForm names carry no numbering.

An .xlsx export puts each repeat group on its own sheet after the main one, so without
``sheet`` the first sheet is read (the main submissions table).
"""
from __future__ import annotations

from .export import RawExport, entry, from_grid
from .grid import open_grid

KOBO_META_NAMES = ("start", "end", "today", "deviceid", "username", "simserial",
                   "subscriberid", "phonenumber", "audit", "__version__", "instanceID")
_META_GROUPS = ("meta", "formhub")


def separator(headers: list[str]) -> str | None:
    if any("/" in h for h in headers):
        return "/"
    if any("-" in h for h in headers):
        return "-"
    return None


def classify(header: str, headers: set[str], sep: str | None) -> dict:
    parts = header.split(sep) if sep else [header]
    last = parts[-1].strip()
    if (len(parts) == 1 and header.startswith("_")) or last in KOBO_META_NAMES \
            or (len(parts) > 1 and parts[0] in _META_GROUPS):
        return entry(header, "meta", None, last or None)
    if len(parts) > 1 and sep.join(parts[:-1]) in headers:
        return entry(header, "multi_option", None, last or None)
    if last.startswith("_"):        # geopoint parts such as _gps_latitude
        return entry(header, "other", None, last)
    return entry(header, "question", None, last or None)


def read_kobo(path, *, sheet=None, encoding=None) -> RawExport:
    grid = open_grid(path, text=True, excel=True, sheet=sheet, encoding=encoding,
                     default_sheet="first")
    sep = separator(grid.header)
    present = set(grid.header)
    return from_grid(path, "kobo", grid, [classify(h, present, sep) for h in grid.header])
