"""The Word report: the items of the HTML report (outputs.py) as a thesis-ready .docx.

Same sections, text, tables and figures in the same order and with the same numbers as the HTML
report. Tables are three-line tables (三线表: a heavy rule above and below, a thin one under the
header, no vertical rules) with their numbered caption above and their notes below; figures are
shown at the size they were drawn for print (at most the text width), their numbered caption and
note below. Fonts follow the report's language: English, Times New Roman 12 pt; Chinese, 宋体
(SimSun) body with Times New Roman for Latin text, 黑体 (SimHei) headings and captions, in the sizes
Chinese theses use (小四 body, 五号 tables and captions, 小五 notes). A table too wide for a
portrait page gets a landscape page. Captions are Word SEQ fields, so Word can list and
cross-reference them; their stored values are the report's numbers.

``tables_docx`` writes every table alone, with the same captions and numbers (a thesis appendix).
"""
from __future__ import annotations

import datetime as _dt
import io
import re
import zipfile
from dataclasses import dataclass

import lxml.html
from docx import Document
from docx.enum.section import WD_ORIENT, WD_SECTION
from docx.enum.table import WD_TABLE_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Cm, Pt, RGBColor
from docx.text.paragraph import Paragraph

from .outputs import SUBSCRIPT, Item, Section, plain, print_width_inches
from .strings import t
from .tables import NUMERIC

PAGE_WIDTH_CM, PAGE_HEIGHT_CM = 21.0, 29.7      # A4
MARGIN_CM = 2.5                                 # all sides: a 16 cm wide text block
HEAVY_RULE, THIN_RULE = 12, 6                   # eighths of a point: 1.5 pt and 0.75 pt
CELL_PADDING_CM = 0.1                           # left and right inside each cell
LONG_WORD = 24                                  # a longer word (a SHA-256) may break anywhere
KEEP_TOGETHER_ROWS = 15                         # a longer table may break across pages


@dataclass(frozen=True)
class Fonts:
    latin: str
    east_asian: str
    heading_east_asian: str
    body: float
    table: float
    caption: float
    note: float
    headings: tuple[float, float, float]       # Heading 1, 2, 3
    caption_centred: bool


FONTS = {
    "en": Fonts("Times New Roman", "SimSun", "SimHei", 12, 10, 12, 10, (16, 14, 12), False),
    # 小四 12 pt body, 五号 10.5 pt tables and captions, 小五 9 pt notes; 三号 / 四号 / 小四 headings
    "zh": Fonts("Times New Roman", "宋体", "黑体", 12, 10.5, 10.5, 9, (16, 14, 12), True),
}
TABLE_STYLE, NOTE_STYLE = "Report Table Text", "Report Note"
STYLE_IDS = {TABLE_STYLE: "ReportTableText", NOTE_STYLE: "ReportNote", "Caption": "Caption", "Title": "Title",
             "List Bullet": "ListBullet", "List Number": "ListNumber",
             **{f"Heading {k}": f"Heading{k}" for k in range(1, 4)}}
LONE_NOTE = re.compile(r"\s*<p class='table-note'>.*</p>\s*", re.DOTALL)
CJK = re.compile(r"[\u2e80-\u9fff\uff00-\uffef]")


# ---------------------------------------------------------------------------------------------
# styles and fonts


def _set_run_fonts(rpr, fonts: Fonts, east_asian: str | None = None) -> None:
    """Latin and East Asian fonts of a style's or run's rPr, theme fonts removed."""
    rfonts = rpr.find(qn("w:rFonts"))
    if rfonts is None:
        rfonts = OxmlElement("w:rFonts")
        rpr.insert(0, rfonts)
    for attr in ("w:asciiTheme", "w:hAnsiTheme", "w:eastAsiaTheme", "w:cstheme"):
        rfonts.attrib.pop(qn(attr), None)
    for attr in ("w:ascii", "w:hAnsi", "w:cs"):
        rfonts.set(qn(attr), fonts.latin)
    rfonts.set(qn("w:eastAsia"), east_asian or fonts.east_asian)


def _style(doc, name: str, fonts: Fonts, size: float, *, east_asian: str | None = None, bold: bool | None = None,
           italic: bool | None = False, align=None, space_before: float = 0, space_after: float = 0,
           line_spacing: float = 1.0, keep_with_next: bool = False, base: str | None = None):
    styles = doc.styles
    try:
        style = styles[name]
    except KeyError:
        style = styles.add_style(name, 1)
        style.base_style = styles[base or "Normal"]
        style.quick_style = True
    font = style.font
    font.size = Pt(size)
    font.bold = bold
    font.italic = italic
    font.color.rgb = RGBColor(0, 0, 0)
    _set_run_fonts(style.element.get_or_add_rPr(), fonts, east_asian)
    fmt = style.paragraph_format
    fmt.space_before, fmt.space_after = Pt(space_before), Pt(space_after)
    fmt.line_spacing = line_spacing
    fmt.keep_with_next = keep_with_next
    if align is not None:
        fmt.alignment = align
    return style


def _new_document(language: str):
    fonts = FONTS.get(language, FONTS["en"])
    doc = Document()
    section = doc.sections[0]
    section.page_width, section.page_height = Cm(PAGE_WIDTH_CM), Cm(PAGE_HEIGHT_CM)
    for side in ("left_margin", "right_margin", "top_margin", "bottom_margin"):
        setattr(section, side, Cm(MARGIN_CM))
    # the document's default run properties: fonts and the languages of the text
    rpr_default = doc.styles.element.find(qn("w:docDefaults")).find(qn("w:rPrDefault")).find(qn("w:rPr"))
    _set_run_fonts(rpr_default, fonts)
    lang = rpr_default.find(qn("w:lang"))
    if lang is None:
        lang = OxmlElement("w:lang")
        rpr_default.append(lang)
    lang.set(qn("w:val"), "en-US")
    lang.set(qn("w:eastAsia"), "zh-CN")
    _style(doc, "Normal", fonts, fonts.body, space_after=6, line_spacing=1.5)
    for level, size in enumerate(fonts.headings, start=1):
        _style(doc, f"Heading {level}", fonts, size, east_asian=fonts.heading_east_asian, bold=True,
               space_before=18 if level == 1 else 12, space_after=6, line_spacing=1.15, keep_with_next=True)
    _style(doc, "Title", fonts, 18, east_asian=fonts.heading_east_asian, bold=True, align=WD_ALIGN_PARAGRAPH.CENTER,
           space_after=12, line_spacing=1.15)
    caption_align = WD_ALIGN_PARAGRAPH.CENTER if fonts.caption_centred else WD_ALIGN_PARAGRAPH.LEFT
    _style(doc, "Caption", fonts, fonts.caption, east_asian=fonts.heading_east_asian, bold=False,
           align=caption_align, space_before=6, space_after=3, line_spacing=1.15)
    _style(doc, TABLE_STYLE, fonts, fonts.table, line_spacing=1.0)
    _style(doc, NOTE_STYLE, fonts, fonts.note, space_after=9, line_spacing=1.15)
    _style(doc, "List Bullet", fonts, fonts.body, space_after=3, line_spacing=1.5)
    return doc, fonts


# ---------------------------------------------------------------------------------------------
# text


def _add_text(paragraph, text: str, bold: bool = False, italic: bool = False) -> None:
    """Runs of ``text``, statistical subscripts (d_z) set as a letter and its subscript."""
    pos = 0
    for found in SUBSCRIPT.finditer(text):
        if found.start() > pos:
            run = paragraph.add_run(text[pos:found.start()])
            run.bold, run.italic = bold or None, italic or None
        base = paragraph.add_run(found.group(1))
        base.bold, base.italic = bold or None, True
        sub = paragraph.add_run(found.group(2))
        sub.bold, sub.font.subscript = bold or None, True
        pos = found.end()
    if pos < len(text):
        run = paragraph.add_run(text[pos:])
        run.bold, run.italic = bold or None, italic or None


def _inline(paragraph, element, bold: bool = False, italic: bool = False, first: bool = True) -> None:
    """The text of an HTML element and its inline children as runs (b/strong bold, i/em italic)."""
    bold = bold or element.tag in ("b", "strong", "th")
    italic = italic or element.tag in ("i", "em")
    if element.text:
        _add_text(paragraph, _squash(element.text, first and not paragraph.runs), bold, italic)
    for child in element:
        if not isinstance(child.tag, str):  # comments
            pass
        elif child.tag == "br":
            paragraph.add_run().add_break()
        else:
            _inline(paragraph, child, bold, italic, first=False)
        if child.tail:
            _add_text(paragraph, _squash(child.tail, False), bold, italic)


def _squash(text: str, strip_start: bool) -> str:
    text = re.sub(r"\s+", " ", text)
    return text.lstrip() if strip_start else text


def _add_paragraph(doc, style: str | None = None, text: str = ""):
    """``doc.add_paragraph`` with the style set by its id (python-docx looks a style name up
    among all of them each time, which made a report of a few hundred table cells take a minute)."""
    paragraph = doc.add_paragraph(text)
    if style:
        paragraph._p.style = STYLE_IDS.get(style, style.replace(" ", ""))
    return paragraph


def _paragraph(doc, element, style: str | None = None):
    paragraph = _add_paragraph(doc, style)
    _inline(paragraph, element)
    if paragraph.runs and paragraph.runs[-1].text.endswith(" "):
        paragraph.runs[-1].text = paragraph.runs[-1].text.rstrip()
    return paragraph


# ---------------------------------------------------------------------------------------------
# captions, tables and figures


def _field(paragraph, instruction: str, result: str) -> None:
    """A Word field (here SEQ, a caption's number) with its stored result."""
    def run_with(child):
        run = paragraph.add_run()
        run._r.append(child)
        return run

    begin = OxmlElement("w:fldChar")
    begin.set(qn("w:fldCharType"), "begin")
    run_with(begin)
    instr = OxmlElement("w:instrText")
    instr.set(qn("xml:space"), "preserve")
    instr.text = f" {instruction} "
    run_with(instr)
    separate = OxmlElement("w:fldChar")
    separate.set(qn("w:fldCharType"), "separate")
    run_with(separate)
    paragraph.add_run(result)
    end = OxmlElement("w:fldChar")
    end.set(qn("w:fldCharType"), "end")
    run_with(end)


def _caption(doc, item: Item, language: str, keep_with_next: bool):
    """'Table 3. Caption' / '表3 标题': the label from the strings, its number a SEQ field."""
    template = t(f"{item.kind}_label", language)
    before, _, after = template.partition("{n}")
    paragraph = _add_paragraph(doc, "Caption")
    paragraph.paragraph_format.keep_with_next = keep_with_next
    label = paragraph.add_run(before)
    label.bold = True
    _field(paragraph, f"SEQ {before.strip() or item.kind} \\* ARABIC", str(item.number))
    for run in paragraph.runs[1:]:
        run.bold = True
    tail = paragraph.add_run(after)
    tail.bold = True
    paragraph.add_run(" ")
    _add_text(paragraph, item.caption, italic=language == "en")
    return paragraph


def _border(parent, edge: str, size: int | None) -> None:
    element = OxmlElement(f"w:{edge}")
    if size:
        element.set(qn("w:val"), "single")
        element.set(qn("w:sz"), str(size))
        element.set(qn("w:space"), "0")
        element.set(qn("w:color"), "000000")
    else:
        element.set(qn("w:val"), "nil")
    parent.append(element)


def _three_line(table) -> None:
    """Heavy rules above and below the table, a thin one under the header, nothing else."""
    tbl_pr = table._tbl.tblPr
    borders = OxmlElement("w:tblBorders")
    for edge, size in (("top", HEAVY_RULE), ("left", None), ("bottom", HEAVY_RULE), ("right", None),
                       ("insideH", None), ("insideV", None)):
        _border(borders, edge, size)
    tbl_pr.append(borders)
    margins = OxmlElement("w:tblCellMar")
    for edge in ("left", "right"):
        margin = OxmlElement(f"w:{edge}")
        margin.set(qn("w:w"), str(round(CELL_PADDING_CM / 2.54 * 1440)))
        margin.set(qn("w:type"), "dxa")
        margins.append(margin)
    tbl_pr.append(margins)
    rows = table._tbl.tr_lst
    for tc in rows[0].tc_lst:
        tc_borders = OxmlElement("w:tcBorders")
        _border(tc_borders, "top", HEAVY_RULE)
        _border(tc_borders, "bottom", THIN_RULE)
        tc.get_or_add_tcPr().append(tc_borders)
    for tc in rows[-1].tc_lst if len(rows) > 1 else []:
        tc_borders = OxmlElement("w:tcBorders")
        _border(tc_borders, "bottom", HEAVY_RULE)
        tc.get_or_add_tcPr().append(tc_borders)


def _text_width_pt(text: str, size: float, bold: bool = False) -> float:
    """An estimate of the printed width in a serif face: CJK characters one em, capitals about
    two thirds of one, digits half, lower case a little less, spaces and punctuation under a third."""
    ems = 0.0
    for char in text:
        if CJK.match(char):
            ems += 1.0
        elif char.isupper():
            ems += 0.68
        elif char.isdigit():
            ems += 0.5
        elif char in " .,;:()[]'-|":
            ems += 0.3
        elif char in "%→↑↓·":
            ems += 0.9
        else:
            ems += 0.46
    return size * ems * (1.08 if bold else 1.0) * 1.05  # a little room for the estimate's error


def _unbreakable(text: str) -> bool:
    """A cell kept on one line: a number, an estimate with its interval, a short statistic."""
    return len(text) <= 12 or (len(text) <= LONG_WORD and bool(NUMERIC.match(text)))


def _column_widths(rows: list[list[str]], size: float, available_cm: float) -> tuple[list[float], bool]:
    """Column widths (cm) that fit ``available_cm``, and whether the columns fit there at all
    (no number or short label broken, no word broken). Where there is room each column is as wide
    as its longest line; where not, each gets its least width and a share of the rest."""
    pad = 2 * CELL_PADDING_CM + 0.12
    columns = list(zip(*rows)) if rows else []

    def cm(points: float) -> float:
        return points / 72 * 2.54 + pad

    def least_cm(text: str, header: bool) -> float:
        if _unbreakable(text):
            return cm(_text_width_pt(text, size, header))
        return max((cm(_text_width_pt(w[:LONG_WORD], size, header)) for w in text.split()), default=pad)

    # a long header may take two lines rather than widen its column
    need = [max([least_cm(col[0], True)] + [cm(_text_width_pt(c, size)) for c in col[1:]]) for col in columns]
    least = [max([least_cm(col[0], True)] + [least_cm(c, False) for c in col[1:]]) for col in columns]
    if sum(need) <= available_cm:
        return need, True
    if sum(least) > available_cm:
        return [available_cm * w / sum(least) for w in least], False
    spare, extra = available_cm - sum(least), [n - m for n, m in zip(need, least)]
    return [m + spare * e / sum(extra) for m, e in zip(least, extra)], True


def _table_rows(table) -> tuple[list[str], list[list[tuple[str, bool]]]]:
    head = [plain(lxml.html.tostring(th, encoding="unicode")) for th in table.xpath(".//thead//th")]
    if not head:
        first = table.xpath(".//tr[1]")
        head = [plain(lxml.html.tostring(c, encoding="unicode")) for c in first[0].xpath("./th|./td")] if first else []
        body_rows = table.xpath(".//tr")[1:]
    else:
        body_rows = table.xpath(".//tbody/tr") or [tr for tr in table.xpath(".//tr") if not tr.xpath("./th")]
    body = [[(plain(lxml.html.tostring(td, encoding="unicode")), "num" in (td.get("class") or "").split())
             for td in tr.xpath("./td|./th")] for tr in body_rows]
    return head, body


def _is_heading(element) -> bool:
    style = element.find(f"{qn('w:pPr')}/{qn('w:pStyle')}") if element.tag == qn("w:p") else None
    return style is not None and style.get(qn("w:val"), "").startswith(("Heading", "Title"))


class _Writer:
    """Adds report items to a document, switching to a landscape page for a table too wide."""

    def __init__(self, doc, fonts: Fonts, language: str):
        self.doc, self.fonts, self.language = doc, fonts, language
        self.landscape = False
        self.after_table = False  # the item just written was a table (or the note under tables)

    @property
    def available_cm(self) -> float:
        return (PAGE_HEIGHT_CM if self.landscape else PAGE_WIDTH_CM) - 2 * MARGIN_CM

    def orientation(self, landscape: bool) -> None:
        """Go on on a new page of that orientation; headings just written go with it."""
        if landscape == self.landscape:
            return
        body = self.doc.element.body
        carried = []
        for element in reversed([c for c in body.iterchildren() if c.tag != qn("w:sectPr")]):
            if not _is_heading(element):
                break
            carried.insert(0, element)
        for element in carried:
            body.remove(element)
        if self._section_empty():  # nothing on the page yet: turn it instead of leaving it blank
            section = self.doc.sections[-1]
        else:
            section = self.doc.add_section(WD_SECTION.NEW_PAGE)
        section.orientation = WD_ORIENT.LANDSCAPE if landscape else WD_ORIENT.PORTRAIT
        long, short = Cm(PAGE_HEIGHT_CM), Cm(PAGE_WIDTH_CM)
        section.page_width, section.page_height = (long, short) if landscape else (short, long)
        for element in carried:
            body.insert(len(body) - 1, element)  # before the new section's properties
        self.landscape = landscape

    def _section_empty(self) -> bool:
        """No content since the last section break (or the start of the document)?"""
        for element in reversed(list(self.doc.element.body.iterchildren())):
            if element.tag == qn("w:sectPr"):
                continue
            return element.find(f"{qn('w:pPr')}/{qn('w:sectPr')}") is not None
        return True

    # -- html ----------------------------------------------------------------------------------
    def html(self, fragment: str, heading_level: int = 2) -> None:
        for element in lxml.html.fragments_fromstring(fragment) if fragment.strip() else []:
            if isinstance(element, str):
                if element.strip():
                    self.doc.add_paragraph(element.strip())
                continue
            self.block(element, heading_level)

    def block(self, element, heading_level: int) -> None:
        tag, cls = element.tag, (element.get("class") or "").split()
        if tag in ("h1", "h2", "h3", "h4", "h5"):
            level = heading_level if element.get("data-key") else heading_level + 1
            heading = _add_paragraph(self.doc, f"Heading {min(level, 3)}")
            _inline(heading, element)
        elif tag == "p":
            _paragraph(self.doc, element, NOTE_STYLE if {"table-note", "figure-note"} & set(cls) else None)
        elif tag in ("ul", "ol"):
            for li in element.iterchildren("li"):
                _paragraph(self.doc, li, "List Bullet" if tag == "ul" else "List Number")
        elif tag in ("details", "script", "style", "summary", "img", "table"):
            pass  # a config dump, nothing to print; tables come as table items
        elif tag == "pre":
            paragraph = _add_paragraph(self.doc, NOTE_STYLE)
            paragraph.add_run(element.text_content().rstrip())
        elif tag in ("div", "section", "nav", "figure", "span") or len(element):
            if element.text and element.text.strip():
                self.doc.add_paragraph(element.text.strip())
            for child in element:
                if isinstance(child.tag, str):
                    self.block(child, heading_level)
                if child.tail and child.tail.strip():
                    self.doc.add_paragraph(child.tail.strip())
        elif element.text_content().strip():
            _paragraph(self.doc, element)

    # -- tables --------------------------------------------------------------------------------
    def table(self, item: Item) -> None:
        tree = lxml.html.fragment_fromstring(item.html, create_parent="div")
        found = tree.xpath(".//table")
        if not found:
            return
        element = found[0]
        head, body = _table_rows(element)
        ncols = max([len(head)] + [len(r) for r in body]) or 1
        head = head + [""] * (ncols - len(head))
        body = [r + [("", False)] * (ncols - len(r)) for r in body]
        texts = [head] + [[c for c, _ in r] for r in body]
        size = self.fonts.table
        portrait = PAGE_WIDTH_CM - 2 * MARGIN_CM
        widths, fits = _column_widths(texts, size, portrait)
        # a short table right after a wide one shares its landscape page
        if not fits or (self.landscape and self.after_table and len(body) <= KEEP_TOGETHER_ROWS):
            self.orientation(True)
            widths, _ = _column_widths(texts, size, self.available_cm)
        elif self.landscape:
            self.orientation(False)
        _caption(self.doc, item, self.language, keep_with_next=True)
        table = self.doc.add_table(rows=1 + len(body), cols=ncols)
        table.alignment = WD_TABLE_ALIGNMENT.CENTER
        table.autofit = False
        for k, width in enumerate(widths):
            table.columns[k].width = Cm(width)
        table_style = STYLE_IDS[TABLE_STYLE]
        for r, (tr, row) in enumerate(zip(table._tbl.tr_lst, [[(h, False) for h in head]] + body)):
            tr_pr = tr.get_or_add_trPr()
            if r == 0:  # the header repeats on every page; a row never breaks across pages
                tr_pr.append(OxmlElement("w:tblHeader"))
            tr_pr.append(OxmlElement("w:cantSplit"))
            for k, (tc, (text, numeric)) in enumerate(zip(tr.tc_lst, row)):
                tc.width = Cm(widths[k])
                paragraph = Paragraph(tc.p_lst[0], table)
                paragraph._p.style = table_style
                if r == 0:
                    paragraph.alignment = WD_ALIGN_PARAGRAPH.CENTER
                elif numeric:
                    paragraph.alignment = WD_ALIGN_PARAGRAPH.CENTER if self.language == "zh" else WD_ALIGN_PARAGRAPH.RIGHT
                if r < len(body) and (len(body) <= KEEP_TOGETHER_ROWS or r < 2):
                    paragraph.paragraph_format.keep_with_next = True  # the caption stays with the table
                _add_text(paragraph, text)
        _three_line(table)
        notes = [p for p in tree.xpath(".//p") if "table-note" in (p.get("class") or "").split()]
        for note in notes:
            _paragraph(self.doc, note, NOTE_STYLE)
        if not notes:  # space between the table and what follows
            _add_paragraph(self.doc, NOTE_STYLE)

    # -- figures -------------------------------------------------------------------------------
    def figure(self, item: Item) -> None:
        self.orientation(False)
        width = min(print_width_inches(item.png) * 2.54, self.available_cm)
        paragraph = self.doc.add_paragraph()
        paragraph.alignment = WD_ALIGN_PARAGRAPH.CENTER
        paragraph.paragraph_format.keep_with_next = True
        paragraph.paragraph_format.line_spacing = 1.0
        paragraph.add_run().add_picture(io.BytesIO(item.png), width=Cm(width))
        _caption(self.doc, item, self.language, keep_with_next=bool(item.note))
        if item.note:
            note = _add_paragraph(self.doc, NOTE_STYLE)
            _add_text(note, item.note)

    def item(self, item: Item) -> None:
        self._item(item)
        self.after_table = item.kind == "table" or (item.kind == "html" and bool(LONE_NOTE.fullmatch(item.html)))

    def _item(self, item: Item) -> None:
        if item.kind == "table":
            self.table(item)
            return
        if item.kind == "figure":
            self.figure(item)
            return
        if item.kind == "error":
            self.orientation(False)
            self.doc.add_paragraph(item.text)
            return
        if item.kind == "html":
            if not LONE_NOTE.fullmatch(item.html):  # a note under wide tables stays on their page
                self.orientation(False)
            elif self.after_table:  # right under the table, instead of the space left after it
                last = [c for c in self.doc.element.body.iterchildren() if c.tag != qn("w:sectPr")][-1]
                if last.tag == qn("w:p") and not "".join(last.itertext()).strip():
                    last.getparent().remove(last)
            self.html(item.html)


def _save(doc, date: str) -> bytes:
    """The document's bytes, the same on every run: the zip entries carry a fixed time."""
    when = _dt.datetime.fromisoformat(date) if date else _dt.datetime(2000, 1, 1)
    props = doc.core_properties
    props.author = props.last_modified_by = ""
    props.created = props.modified = when
    props.revision = 1
    raw = io.BytesIO()
    doc.save(raw)
    out = io.BytesIO()
    with zipfile.ZipFile(raw) as source, zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target:
        for info in source.infolist():
            fixed = zipfile.ZipInfo(info.filename, date_time=(1980, 1, 1, 0, 0, 0))
            fixed.compress_type = zipfile.ZIP_DEFLATED
            fixed.external_attr = 0o644 << 16
            target.writestr(fixed, source.read(info.filename))
    return out.getvalue()


def report_docx(sections: list[Section], title: str, language: str, date: str, banner: str = "",
                about: str = "") -> bytes:
    """The whole report as a .docx (bytes): title, the banner of a simulated study, the study in a
    paragraph (``about``), one Heading 1 per section, its items."""
    doc, fonts = _new_document(language)
    doc.core_properties.title = title
    _add_paragraph(doc, "Title", title)
    if banner:
        paragraph = doc.add_paragraph()
        paragraph.alignment = WD_ALIGN_PARAGRAPH.CENTER
        paragraph.add_run(banner).bold = True
    if about:
        _add_text(doc.add_paragraph(), about)
    if date:
        paragraph = doc.add_paragraph(f"{t('generated', language)}: {date}")
        paragraph.alignment = WD_ALIGN_PARAGRAPH.CENTER
    writer = _Writer(doc, fonts, language)
    for section in sections:
        writer.orientation(False)
        _add_paragraph(doc, "Heading 1").add_run(section.title)
        for item in section.items:
            writer.item(item)
    return _save(doc, date)


def tables_docx(sections: list[Section], title: str, language: str, date: str) -> bytes:
    """Every table of the report alone, with its numbered caption and notes (for an appendix)."""
    doc, fonts = _new_document(language)
    doc.core_properties.title = title
    writer = _Writer(doc, fonts, language)
    for section in sections:
        for item in section.items:
            if item.kind == "table":
                writer.table(item)
    return _save(doc, date)


def docx_texts(document) -> list[str]:
    """Every paragraph's and table cell's text of a python-docx Document (for checks)."""
    texts = [p.text for p in document.paragraphs]
    for table in document.tables:
        texts += [cell.text for row in table.rows for cell in row.cells]
    return texts
