"""Every file of the malformed-export corpus either reads or fails with an InputError that
names the file (and the row/column where it applies) and says what to do. The expectations
are the table in tests/data/malformed/README.md."""
from __future__ import annotations

import re
from pathlib import Path

import pytest

from sweval.errors import InputError
from sweval.readers import RawExport, read_export

CORPUS = Path(__file__).resolve().parent / "data" / "malformed"
NOT_CASES = {"README.md", "make_corpus.py"}


def cases() -> list[dict]:
    rows = []
    for line in (CORPUS / "README.md").read_text(encoding="utf-8").splitlines():
        cells = [c.strip() for c in re.split(r"(?<!\\)\|", line)[1:-1]]
        if len(cells) != 5 or cells[0] in ("file", "---"):
            continue
        name, fmt, options, _, outcome = cells
        rows.append({"name": name, "format": fmt, "options": _options(options),
                     "outcome": outcome})
    return rows


def _options(text: str) -> dict:
    if text == "-":
        return {}
    key, value = text.split("=", 1)
    return {key: int(value) if value.isdigit() else value}


CASES = cases()


def test_every_corpus_file_is_in_the_table():
    listed = {case["name"] for case in CASES}
    present = {p.name for p in CORPUS.iterdir() if p.is_file()} - NOT_CASES
    assert present == listed
    assert len(present) >= 30


@pytest.mark.parametrize("case", CASES,
                         ids=[f"{c['name']}-{c['format']}-{c['options']}" for c in CASES])
def test_corpus_file(case):
    path = CORPUS / case["name"]
    outcome = case["outcome"]
    try:
        export = read_export(path, case["format"], **case["options"])
    except InputError as err:
        assert outcome.startswith("InputError"), f"expected to read, got: {err}"
        message = str(err)
        assert str(path) in message and "What to do" in message
        row = re.search(r"row (\d+)", outcome)
        if row:
            assert err.row == int(row.group(1)) and f"row {row.group(1)}" in message
        column = re.search(r"column (.+)$", outcome)
        if column:
            assert err.column == column.group(1) and f"column '{column.group(1)}'" in message
        return
    assert outcome.startswith("reads"), f"expected InputError, read {len(export.data)} rows"
    assert isinstance(export, RawExport)
    n = re.search(r"(\d+) rows", outcome)
    if n:
        assert len(export.data) == int(n.group(1)) == len(export.source_rows)
    source = re.search(r"source rows ([\d ]+)", outcome)
    if source:
        assert export.source_rows == [int(x) for x in source.group(1).split()]
    assert list(export.columns["column"]) == list(export.data.columns)
    assert all(v is None or isinstance(v, str) for v in export.data.to_numpy().ravel())
