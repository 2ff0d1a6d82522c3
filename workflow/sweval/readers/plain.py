"""Plain tables ('csv', 'xlsx'): one header row, no platform conventions, so every column is
kind 'other' and the clean step's column mapping says what each one is."""
from __future__ import annotations

from .export import RawExport, entry, from_grid
from .grid import open_grid


def read_csv(path, *, sheet=None, encoding=None) -> RawExport:
    grid = open_grid(path, text=True, excel=False, encoding=encoding)
    return from_grid(path, "csv", grid, [entry(c, "other") for c in grid.header])


def read_xlsx(path, *, sheet=None, encoding=None) -> RawExport:
    grid = open_grid(path, text=False, excel=True, sheet=sheet)
    return from_grid(path, "xlsx", grid, [entry(c, "other") for c in grid.header])
