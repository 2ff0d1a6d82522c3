"""Errors a researcher can act on: each names the file, the row and the column."""
from __future__ import annotations


class InputError(Exception):
    """Bad input, told as one readable paragraph.

    ``row`` is the row number a person sees when opening the file (header = row 1 for a
    one-header-row export), ``column`` the header as written in the file.
    """

    def __init__(self, message: str, *, file: str | None = None, row: int | None = None,
                 column: str | None = None, hint: str | None = None):
        self.file, self.row, self.column, self.hint = file, row, column, hint
        self.detail = message
        super().__init__(self._compose())

    def _compose(self) -> str:
        where = []
        if self.file is not None:
            where.append(f"file {self.file}")
        if self.row is not None:
            where.append(f"row {self.row}")
        if self.column is not None:
            where.append(f"column '{self.column}'")
        text = (", ".join(where) + ": " if where else "") + self.detail
        if self.hint:
            text += f" What to do: {self.hint}"
        return text


class ConfigError(Exception):
    """A config or codebook problem, named by its key."""
