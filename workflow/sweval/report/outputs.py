"""The outputs of executed section notebooks as report items, with every table and figure numbered.

One list of items feeds both the HTML report (assemble.py) and the Word report (docx.py), so
"Table 3" and "Figure 2" are the same table and figure in both. Numbering runs across the whole
report in reading order, tables and figures separately.

A table item is one ``<table>`` that a notebook displayed (``tables.html_table``: its own
caption, if any, and its note). Its caption is the heading it appears under, followed by its own
caption when it has one ("Paired comparisons: pre-test → post-test"). A figure item is a PNG that
a notebook displayed; ``figures.show`` displays its caption and note right after it
(``<div class='figure-text'>``), and a PNG without them takes the heading as its caption.
"""
from __future__ import annotations

import base64
import html
import re
import struct
from dataclasses import dataclass, field

import nbformat

from .strings import t

HEADING = re.compile(r"<h3 data-key='([\w-]+)'>(.*?)</h3>", re.DOTALL)
CAPTION = re.compile(r"<caption>(.*?)</caption>", re.DOTALL)
TABLE_OPEN = re.compile(r"<table\b[^>]*>")
FIGURE_TEXT = re.compile(r"^\s*<div class='figure-text'>", re.DOTALL)
FIGURE_CAPTION = re.compile(r"<p class='figure-caption'>(.*?)</p>", re.DOTALL)
FIGURE_NOTE = re.compile(r"<p class='figure-note'>(.*?)</p>", re.DOTALL)
TAG = re.compile(r"<[^>]+>")
CJK_CHAR = re.compile(r"[\u3400-\u9fff]")
CSS_PX_PER_INCH = 96


def plain(fragment: str) -> str:
    """The text of an HTML fragment: tags dropped, entities decoded, spaces collapsed."""
    return " ".join(html.unescape(TAG.sub("", fragment)).split())


@dataclass
class Item:
    """One output of a section: ``kind`` is html, table, figure or error."""

    kind: str
    html: str = ""            # html and table items: the fragment as the notebook displayed it
    png: bytes = b""          # figure items
    caption: str = ""         # table and figure items: plain text, without the number
    note: str = ""            # figure items: plain text (a table's note is in its html)
    number: int = 0           # table and figure items, from 1, set by number_items
    heading: str = ""         # plain text of the heading the item appears under
    text: str = ""            # error items


@dataclass
class Section:
    key: str
    title: str
    items: list[Item] = field(default_factory=list)


def _joined(value) -> str:
    return value if isinstance(value, str) else "".join(value)


def _table_caption(fragment: str, heading: str) -> str:
    found = CAPTION.search(fragment)
    own = plain(found.group(1)) if found else ""
    if own and heading and own != heading:  # a Chinese heading takes the full-width colon
        colon = "：" if CJK_CHAR.search(heading) else ": "
        return f"{heading}{colon}{own}"
    return own or heading


def notebook_items(path: str, fallback_heading: str = "") -> list[Item]:
    """The displayed outputs of one executed notebook, in order, as items (not yet numbered).

    ``fallback_heading`` (the section's title) captions a table or figure shown before any
    heading."""
    items: list[Item] = []
    heading = fallback_heading
    for cell in nbformat.read(path, as_version=4).cells:
        if cell.cell_type != "code":
            continue
        for out in cell.get("outputs", []):
            data = out.get("data", {})
            if out.get("output_type") == "stream":  # stderr goes to the report step's log (assemble.notebook_warnings)
                continue
            if out.get("output_type") == "error":
                items.append(Item("error", text=f"{out.get('ename', '')}: {out.get('evalue', '')}"))
                continue
            if "image/png" in data:
                png = base64.b64decode(_joined(data["image/png"]).replace("\n", ""))
                items.append(Item("figure", png=png, caption=heading, heading=heading))
                continue
            if "text/html" not in data:
                continue
            fragment = _joined(data["text/html"])
            if FIGURE_TEXT.match(fragment) and items and items[-1].kind == "figure":
                caption, note = FIGURE_CAPTION.search(fragment), FIGURE_NOTE.search(fragment)
                items[-1].caption = plain(caption.group(1)) if caption else items[-1].caption
                items[-1].note = plain(note.group(1)) if note else ""
                continue
            found = HEADING.search(fragment)
            heading = plain(found.group(2)) if found else heading
            if TABLE_OPEN.search(fragment):
                items.append(Item("table", html=fragment, caption=_table_caption(fragment, heading), heading=heading))
            else:
                items.append(Item("html", html=fragment, heading=heading))
    return items


def number_items(sections: list[Section]) -> None:
    """Number the tables and the figures of the whole report in reading order (from 1)."""
    counts = {"table": 0, "figure": 0}
    for section in sections:
        for item in section.items:
            if item.kind in counts:
                counts[item.kind] += 1
                item.number = counts[item.kind]


def label(kind: str, number: int, language: str) -> str:
    """'Table 3.' / '表3', 'Figure 2.' / '图2'."""
    return t(f"{kind}_label", language).format(n=number)


def numbered_caption(item: Item, language: str) -> str:
    return f"{label(item.kind, item.number, language)} {item.caption}".strip()


def png_size(png: bytes) -> tuple[int, int, float | None]:
    """Width and height in pixels and the resolution in dots per inch (None when the PNG does
    not say), read from the IHDR and pHYs chunks."""
    if png[:8] != b"\x89PNG\r\n\x1a\n":
        raise ValueError("not a PNG image")
    width, height = struct.unpack(">II", png[16:24])
    pos, dpi = 8, None
    while pos + 8 <= len(png):
        length, kind = struct.unpack(">I4s", png[pos:pos + 8])
        if kind == b"pHYs":
            x, _, unit = struct.unpack(">IIB", png[pos + 8:pos + 17])
            dpi = x * 0.0254 if unit == 1 else None
            break
        if kind in (b"IDAT", b"IEND"):
            break
        pos += 12 + length
    return width, height, dpi


def print_width_inches(png: bytes, default_dpi: float = 100.0) -> float:
    """The width a figure was drawn at (pixels / its resolution): the size it is shown at."""
    width, _, dpi = png_size(png)
    return width / (dpi or default_dpi)


def item_html(item: Item, language: str) -> str:
    """The HTML of one item, tables and figures with their numbered captions."""
    if item.kind == "table":
        caption = (f"<caption><span class='label'>{html.escape(label('table', item.number, language))}</span> "
                   f"{html.escape(item.caption)}</caption>")
        if CAPTION.search(item.html):
            return CAPTION.sub(lambda _: caption, item.html, count=1)
        return TABLE_OPEN.sub(lambda m: m.group(0) + caption, item.html, count=1)
    if item.kind == "figure":
        width = round(print_width_inches(item.png) * CSS_PX_PER_INCH)
        src = base64.b64encode(item.png).decode("ascii")
        note = f"<p class='figure-note'>{html.escape(item.note)}</p>" if item.note else ""
        return (f"<figure class='report-figure'><img alt='{html.escape(item.caption, quote=True)}' "
                f"style='width:{width}px' src='data:image/png;base64,{src}'>"
                f"<figcaption><span class='label'>{html.escape(label('figure', item.number, language))}</span> "
                f"{html.escape(item.caption)}</figcaption>{note}</figure>")
    if item.kind == "error":
        return f"<pre>{html.escape(item.text)}</pre>"
    return item.html


# Statistical notation written with an underscore (d_z, g_av, r_rb, S_diff): in the HTML a letter in
# italics and its subscript, as APA sets it (the Word report does the same, sweval.report.docx)
SUBSCRIPT = re.compile(r"(?<![\w.])([A-Za-z])_([A-Za-z0-9]{1,4})(?![\w])")
_TEXT_OR_TAG = re.compile(r"(<(pre|code|script|style)\b.*?</\2>|<[^>]*>)|([^<]+)", re.DOTALL | re.IGNORECASE)


def set_notation(fragment: str) -> str:
    """``fragment`` (HTML) with d_z, g_av ... in its text set as <i>d</i><sub>z</sub>; tags, their
    attributes and pre/code blocks are left as they are."""
    def one(match: re.Match) -> str:
        if match.group(3) is None:
            return match.group(0)
        return SUBSCRIPT.sub(r"<i>\1</i><sub>\2</sub>", match.group(3))
    return _TEXT_OR_TAG.sub(one, fragment)


# Words of the program, not of the reader: snake_case names (hedges_g, welch_t, fixed_item_mean),
# patsy terms (C(gender)[T.女]) and contrast keys (pre->post). A letter with a subscript written
# with an underscore (d_z, g_av, S_diff) is statistical notation, and a file's name or path
# (data/raw/post_wjx.xlsx, in the provenance) names a file: neither is a code word.
IDENTIFIER = re.compile(r"(?<![\w./\\])[A-Za-z][A-Za-z0-9]*(?:_[A-Za-z0-9]+)+(?![\w/\\]|\.\w)")
NOTATION = re.compile(r"[A-Za-z]_[A-Za-z0-9]{1,4}")
CODE_MARKS = re.compile(r"\[T\.|\bC\(|\b\w+->\w+")


def code_identifiers(text: str) -> list[str]:
    """The code identifiers in ``text`` that a reader of the report should never see."""
    found = [m.group(0) for m in IDENTIFIER.finditer(text) if not NOTATION.fullmatch(m.group(0))]
    return found + [m.group(0) for m in CODE_MARKS.finditer(text)]
