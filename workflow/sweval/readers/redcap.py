"""REDCap "Export data" files: CSV raw data (headers = variable names) or CSV labels
(headers = field labels), also accepted after re-saving as .xlsx.

- kind 'meta': the record ID (always the first column, usually ``record_id``),
  redcap_event_name, redcap_repeat_instrument, redcap_repeat_instance,
  redcap_data_access_group, redcap_survey_identifier, ``<instrument>_timestamp`` and
  ``<instrument>_complete`` (in label exports: Record ID, Event Name, Repeat Instrument,
  Repeat Instance, Data Access Group, Survey Identifier, Survey Timestamp, Complete?).
- kind 'multi_option': checkbox columns, raw ``field___code`` (text = the code) or label
  ``Field label (choice=Choice text)`` (text = the choice text).
- kind 'question': every other field; text = the label in label exports, None in raw ones;
  ``question`` is None.

A label export repeats "Complete?" once per instrument, which the shared duplicate-header
check refuses; the raw export has unique names and is the one to use.
"""
from __future__ import annotations

import re

from .export import RawExport, entry, from_grid
from .grid import open_grid

REDCAP_META_FIELDS = ("redcap_event_name", "redcap_repeat_instrument", "redcap_repeat_instance",
                      "redcap_data_access_group", "redcap_survey_identifier")
REDCAP_META_LABELS = ("Record ID", "Event Name", "Repeat Instrument", "Repeat Instance",
                      "Data Access Group", "Survey Identifier", "Survey Timestamp", "Complete?")
_RAW_NAME = re.compile(r"^[a-z][a-z0-9_]*$")
_RAW_CHECKBOX = re.compile(r"^([a-z][a-z0-9_]*?)___(.+)$")
_LABEL_CHECKBOX = re.compile(r"^(.*)\(choice=(.*)\)$", re.S)


_DUPLICATE_HINT = ("export the data again as 'CSV / Microsoft Excel (raw data)': its headers are "
                   "the unique variable names, whereas a label export repeats labels such as "
                   "'Complete?'.")


def is_raw(headers: list[str]) -> bool:
    return all(_RAW_NAME.match(h) for h in headers)


def classify(header: str, position: int, raw: bool) -> dict:
    if position == 0:
        return entry(header, "meta")
    if raw:
        if header in REDCAP_META_FIELDS or header.endswith(("_timestamp", "_complete")):
            return entry(header, "meta")
        found = _RAW_CHECKBOX.match(header)
        if found:
            return entry(header, "multi_option", None, found.group(2))
        return entry(header, "question")
    if header in REDCAP_META_LABELS:
        return entry(header, "meta")
    found = _LABEL_CHECKBOX.match(header)
    if found:
        return entry(header, "multi_option", None, found.group(2).strip() or None)
    return entry(header, "question", None, header)


def read_redcap(path, *, sheet=None, encoding=None) -> RawExport:
    grid = open_grid(path, text=True, excel=True, sheet=sheet, encoding=encoding,
                     duplicate_hint=_DUPLICATE_HINT)
    raw = is_raw(grid.header)
    return from_grid(path, "redcap", grid,
                     [classify(h, i, raw) for i, h in enumerate(grid.header)])
