"""Delimited text files (CSV, TSV): find the encoding and the separator, keep every cell as text.

Encodings tried, in order: a byte-order mark (UTF-8 -> 'utf-8-sig', UTF-16), then strict UTF-8,
then GB18030 (a superset of GBK and GB2312, what Chinese Excel and Wenjuanxing write). Nothing
is guessed beyond that: a file none of these can decode is refused, and a file whose first lines
are UTF-8 Chinese but later lines are not is refused as a mix of encodings.
"""
from __future__ import annotations

import codecs
import csv
import io
from pathlib import Path

from ..errors import InputError
from .grid import RawSheet

DELIMITERS = (",", "\t", ";")
_NAMES = {",": "comma", "\t": "tab", ";": "semicolon", "|": "vertical bar '|'"}


def read_delimited(path: Path, name: str, *, encoding: str | None = None) -> RawSheet:
    data = path.read_bytes()
    text, used = decode(data, name, encoding)
    nul = text.find("\x00")
    if nul >= 0:
        raise InputError("this row contains a NUL character (byte 0), which a text export "
                         "never holds: the file is damaged or partly binary.", file=name,
                         row=text.count("\n", 0, nul) + 1,
                         hint="download or export the file again; if this row matters, "
                              "retype it in a spreadsheet program and save as CSV.")
    delimiter = sniff_delimiter(text, name)
    rows = parse(text, delimiter, name)
    return RawSheet(rows=rows, encoding=used)


def _line_of(data: bytes, position: int) -> int:
    return data.count(b"\n", 0, position) + 1


def decode(data: bytes, name: str, declared: str | None) -> tuple[str, str]:
    """Text and the encoding used. ``declared`` (from the config) is honoured but checked."""
    if declared:
        return _decode_declared(data, name, declared)
    if data.startswith(codecs.BOM_UTF8):
        try:
            return data.decode("utf-8-sig"), "utf-8-sig"
        except UnicodeDecodeError as err:
            guess = " (it looks like GBK/GB18030)" if _is_gb(data[3:]) else ""
            raise InputError("the file starts with a UTF-8 byte-order mark, but this line is "
                             f"not UTF-8{guess}: the file mixes two encodings, often because "
                             "rows were pasted in from another file.", file=name,
                             row=_line_of(err.object, err.start),
                             hint="open the original export again, or re-save the file as "
                                  "'CSV UTF-8' in Excel after checking that this row's "
                                  "Chinese text reads correctly.") from err
    if data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        try:
            return data.decode("utf-16"), "utf-16"
        except UnicodeDecodeError as err:
            raise InputError("the file starts with a UTF-16 byte-order mark but is not valid "
                             "UTF-16 (damaged or cut off).", file=name,
                             hint="download or export the file again.") from err
    try:
        return data.decode("utf-8"), "utf-8"
    except UnicodeDecodeError as err:
        utf8_error = err
    before = data[:data.rfind(b"\n", 0, utf8_error.start) + 1].decode("utf-8")
    if any("\u4e00" <= ch <= "\u9fff" for ch in before):
        raise InputError("the file mixes encodings: the lines before this one are UTF-8 but "
                         "this line is not (probably GBK), often because rows were pasted in "
                         "from another file.", file=name, row=_line_of(data, utf8_error.start),
                         hint="re-create the file from the original exports, or open it in "
                              "Excel, fix the garbled rows and 'Save As' CSV UTF-8.")
    try:
        return data.decode("gb18030"), "gb18030"
    except UnicodeDecodeError as err:
        raise InputError("the file is neither UTF-8 nor GBK/GB18030 text (first undecodable "
                         "byte on this line), so its Chinese text cannot be read reliably.",
                         file=name, row=_line_of(data, err.start),
                         hint="save it again as 'CSV UTF-8' in Excel, or give the right "
                              "encoding in the config (e.g. encoding: big5).") from err


def _is_gb(data: bytes) -> bool:
    try:
        data.decode("gb18030")
    except UnicodeDecodeError:
        return False
    return True


def _decode_declared(data: bytes, name: str, declared: str) -> tuple[str, str]:
    try:
        codec = codecs.lookup(declared).name
    except LookupError as err:
        raise InputError(f"'{declared}' is not an encoding Python knows.", file=name,
                         hint="use utf-8, utf-8-sig or gb18030, or leave the encoding out to "
                              "let the reader detect it.") from err
    if codec == "utf-8" and data.startswith(codecs.BOM_UTF8):
        codec = "utf-8-sig"
    # valid UTF-8 with non-ASCII text is UTF-8: any other declared encoding would garble it
    if not codec.startswith("utf") and not data.isascii():
        try:
            data.decode("utf-8")
        except UnicodeDecodeError:
            pass
        else:
            raise InputError(f"the config says the encoding is '{declared}', but the file is "
                             "valid UTF-8; reading it as declared would garble its "
                             "non-ASCII (Chinese) text.", file=name,
                             hint="remove the encoding setting (it is detected) or set it to "
                                  "utf-8.")
    try:
        return data.decode(codec), codec
    except UnicodeDecodeError as err:
        detected = None
        try:
            detected = decode(data, name, None)[1]
        except InputError:
            pass
        better = f" It decodes as {detected}." if detected else ""
        raise InputError(f"the config says the encoding is '{declared}', but this line is "
                         f"not valid {declared}.{better}", file=name,
                         row=_line_of(data, err.start),
                         hint="remove the encoding setting so that it is detected"
                              + (f", or set it to {detected}." if detected else ".")) from err


def _first_record(text: str, delimiter: str) -> list[str]:
    for record in csv.reader(io.StringIO(text[:65536], newline=""), delimiter=delimiter):
        if any(cell.strip() for cell in record):
            return record
    return []


def sniff_delimiter(text: str, name: str) -> str:
    """The candidate that splits the header into the most cells (comma wins ties)."""
    best, best_width = ",", 0
    for delimiter in DELIMITERS:
        width = len(_first_record(text, delimiter))
        if width > best_width:
            best, best_width = delimiter, width
    if best_width == 1:
        header = _first_record(text, ",")[0]
        for inside in (",", "\t", ";", "|"):
            if inside in header:
                how = ("each line is wrapped in one pair of quotes" if inside in DELIMITERS
                       else f"the columns are separated by a {_NAMES[inside]}")
                raise InputError(f"the file reads as a single column whose header contains a "
                                 f"{_NAMES[inside]}: {how}, so the columns cannot be split.",
                                 file=name, row=1,
                                 hint="export the data again as comma-separated CSV, or open "
                                      "it in Excel with Data > Text to Columns and save as "
                                      "CSV.")
    return best


def parse(text: str, delimiter: str, name: str) -> list[tuple[int, list[str | None]]]:
    """Records with the line number where each starts (quoted cells may span lines).

    Strict quoting: a stray or unclosed quote is an error at its row, never a silent merge
    of the following rows into one cell.
    """
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter, strict=True)
    rows: list[tuple[int, list[str | None]]] = []
    width = None
    line = 1
    try:
        for record in reader:
            start, line = line, reader.line_num + 1
            if not record:
                continue
            cells = [cell if cell != "" else None for cell in record]
            if width is None:
                width = len(cells) if any(cells) else None
            elif len(cells) > width:
                extra = [c for c in cells[width:] if c is not None and c.strip()]
                if extra:
                    raise InputError(f"this row has {len(cells)} cells but the header has "
                                     f"{width}: probably an answer containing a "
                                     f"{_NAMES[delimiter]} without quotes, which shifts the "
                                     "answers after it.", file=name, row=start,
                                     hint="fix the row in a spreadsheet program so each "
                                          "answer sits under its header, and save again as "
                                          "CSV (it then quotes such answers).")
                cells = cells[:width]
            rows.append((start, cells))
    except csv.Error as err:
        if "end of data" in str(err):
            what = ("a quote mark opened in this row is never closed, so the rest of the file "
                    "would run into one cell")
        else:
            what = f"the text cannot be split into cells here ({err})"
        raise InputError(what + ".", file=name, row=line,
                         hint="check this row for a stray quote mark (\") and fix it in a text "
                              "editor, or export the file again.") from err
    return rows
