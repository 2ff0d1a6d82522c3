"""The Word report, built from a small hand-made executed notebook: the same tables and figures as
the HTML report with the same numbers, three-line tables with their captions above and notes
below, figures at their print size with caption and note, the fonts of each language, no code
words in the text, a landscape page for a table too wide, the same bytes on every build."""
from __future__ import annotations

import html as html_lib
import io
import re
import zipfile

import docx
import matplotlib

matplotlib.use("Agg")

import matplotlib.pyplot as plt
import nbformat
import pandas as pd
import pytest
from docx.oxml.ns import qn
from sweval.report import figures as F
from sweval.report import tables as T
from sweval.report.assemble import assemble_report, report_items
from sweval.report.docx import docx_texts, report_docx, tables_docx
from sweval.report.outputs import code_identifiers, png_size

PROV = {"inputs": {"data/raw/study/post_wjx.xlsx": "0" * 64}, "config": {"language": "en"}, "python": "3.11",
        "packages": {"numpy": "2.4.6"}, "git_commit": "abc", "date": "2026-01-02"}


def _html(text: str):
    return nbformat.v4.new_output("display_data", {"text/html": text})


def _figure_outputs(language: str) -> list:
    with matplotlib.rc_context():
        F.setup_fonts(language)
        return _drawn_figure(language)


def _drawn_figure(language: str) -> list:
    fig = F.level_bars(pd.DataFrame({"level": ["low", "medium", "high"], "n": [4, 5, 3], "share": [0.33, 0.42, 0.25]}),
                       language, title={"en": "Levels at baseline", "zh": "基线水平分布"}[language])
    png = F.png(fig)
    plt.close(fig)
    import base64

    return [nbformat.v4.new_output("display_data", {"image/png": base64.b64encode(png).decode()}),
            _html(F.figure_text_html(fig.get_label(), getattr(fig, F.NOTE_ATTRIBUTE)))]


def _notebook(tmp_path, language: str = "en", wide: bool = False) -> str:
    """One executed section: a heading, findings, a captioned table with a note, a figure with its
    caption and note, a table without a caption under another heading, a note under tables."""
    frame = pd.DataFrame({"Scale": ["Total", "Individual"], "n": [10, 10], "d_z [95% CI]": ["0.71 [-0.01, 1.39]", "0.64 [-0.06, 1.31]"],
                          "p": ["< .001", ".052"]})
    cell = nbformat.v4.new_code_cell("")
    cell.outputs = [_html("<div class='findings'><h3>Findings in plain words</h3><p><b>pre-test → post-test</b></p>"
                          "<ul><li>Total: improved, d_z = 0.71 [-0.01, 1.39].</li></ul></div>"),
                    _html("<h3 data-key='paired_table'>Paired comparisons</h3>"),
                    _html(T.html_table(frame, caption="pre-test → post-test", note="d_z: mean(d)/SD(d).")),
                    _html(T.html_table(frame, caption="pre-test → follow-up")),
                    _html("<p class='table-note'>SW: Shapiro-Wilk of the differences.</p>"),
                    _html("<h3 data-key='levels'>Levels at baseline</h3>"),
                    *_figure_outputs(language),
                    _html(T.html_table(frame))]
    if wide:
        columns = {f"Column {k}": ["0.71 [-0.01, 1.39]"] * 3 for k in range(12)}
        cell.outputs.append(_html(T.html_table(pd.DataFrame(columns), caption="Wide")))
    nb = nbformat.v4.new_notebook()
    nb.cells = [cell]
    path = tmp_path / f"outcomes_{language}{'_wide' if wide else ''}.ipynb"
    nbformat.write(nb, path)
    return str(path)


def _build(tmp_path, language: str = "en", wide: bool = False):
    path = _notebook(tmp_path, language, wide)
    config = {"language": language, "study": {"simulated": True}}
    items = report_items([path], ["outcomes"], config, PROV)
    html = assemble_report([path], ["outcomes"], config, PROV, items=items)
    data = report_docx(items, "Study", language, PROV["date"], "SIMULATED")
    return html, data, items


def _captions(document) -> list[str]:
    return [p.text for p in document.paragraphs if p.style.name == "Caption"]


def _html_captions(html: str) -> list[str]:
    found = re.findall(r"<caption>(.*?)</caption>|<figcaption>(.*?)</figcaption>", html, flags=re.DOTALL)
    return [" ".join(html_lib.unescape(re.sub(r"<[^>]+>", "", a or b)).split()) for a, b in found]


def test_tables_and_figures_are_those_of_the_html_report_numbered_alike(tmp_path):
    html, data, _ = _build(tmp_path)
    document = docx.Document(io.BytesIO(data))
    assert len(document.tables) == html.count("<table") == 5
    assert len(document.inline_shapes) == html.count("<img") == 1
    captions = _captions(document)
    assert captions == _html_captions(html)
    tables = [c for c in captions if c.startswith("Table")]
    assert [int(re.match(r"Table (\d+)\. ", c).group(1)) for c in tables] == [1, 2, 3, 4, 5]
    assert tables[:3] == ["Table 1. Paired comparisons: pre-test → post-test",
                          "Table 2. Paired comparisons: pre-test → follow-up",
                          "Table 3. Levels at baseline"]  # the heading captions a table without its own
    assert tables[3:] == ["Table 4. Input files and their SHA-256", "Table 5. Software versions"]
    assert [c for c in captions if c.startswith("Figure")] == ["Figure 1. Levels at baseline"]


def test_caption_above_each_table_note_below_figure_caption_below_the_picture(tmp_path):
    _, data, _ = _build(tmp_path)
    document = docx.Document(io.BytesIO(data))
    body = list(document.element.body.iterchildren())
    for table in document.tables:
        k = body.index(table._tbl)
        before = docx.text.paragraph.Paragraph(body[k - 1], document)
        assert before.style.name == "Caption" and before.text.startswith("Table")
    first = body.index(document.tables[0]._tbl)
    assert docx.text.paragraph.Paragraph(body[first + 1], document).text == "dz: mean(d)/SD(d)."  # subscript z
    second = body.index(document.tables[1]._tbl)
    assert docx.text.paragraph.Paragraph(body[second + 1], document).text == "SW: Shapiro-Wilk of the differences."
    picture = next(k for k, e in enumerate(body) if e.findall(f".//{qn('w:drawing')}"))
    caption, note = (docx.text.paragraph.Paragraph(body[picture + j], document) for j in (1, 2))
    assert caption.text == "Figure 1. Levels at baseline" and caption.style.name == "Caption"
    assert note.text.startswith("Bars: number of children at each level")
    # numbers are SEQ fields, so Word can list and cross-reference the captions
    assert document.element.body.xml.count("SEQ Table") == 5 and document.element.body.xml.count("SEQ Figure") == 1


def _border(parent, edge):
    element = parent.find(qn(f"w:{edge}")) if parent is not None else None
    if element is None:
        return None
    return None if element.get(qn("w:val")) in ("nil", "none") else int(element.get(qn("w:sz")))


def test_every_table_is_a_three_line_table(tmp_path):
    _, data, _ = _build(tmp_path)
    document = docx.Document(io.BytesIO(data))
    for table in document.tables:
        borders = table._tbl.tblPr.find(qn("w:tblBorders"))
        assert _border(borders, "top") == 12 and _border(borders, "bottom") == 12  # 1.5 pt
        assert all(_border(borders, e) is None for e in ("left", "right", "insideH", "insideV"))
        for cell in table.rows[0].cells:
            cell_borders = cell._tc.tcPr.find(qn("w:tcBorders"))
            assert _border(cell_borders, "top") == 12 and _border(cell_borders, "bottom") == 6  # 0.75 pt
        for row in table.rows[1:-1]:
            for cell in row.cells:
                tc = cell._tc.tcPr.find(qn("w:tcBorders")) if cell._tc.tcPr is not None else None
                assert tc is None, "no rule between body rows"
        for cell in table.rows[-1].cells:
            assert _border(cell._tc.tcPr.find(qn("w:tcBorders")), "bottom") == 12
        assert table.rows[0]._tr.trPr.find(qn("w:tblHeader")) is not None  # the header repeats on a new page


def test_figure_is_shown_at_the_size_it_was_drawn_for(tmp_path):
    _, data, items = _build(tmp_path)
    document = docx.Document(io.BytesIO(data))
    shape = document.inline_shapes[0]
    figure = next(i for s in items for i in s.items if i.kind == "figure")
    width, height, dpi = png_size(figure.png)
    assert abs(shape.width.cm - width / dpi * 2.54) < 0.01 and shape.width.cm <= 16.0
    assert abs(shape.height.cm - height / dpi * 2.54) < 0.01


def test_no_code_words_in_the_text(tmp_path):
    _, data, _ = _build(tmp_path)
    texts = docx_texts(docx.Document(io.BytesIO(data)))
    assert "Total: improved, dz = 0.71 [-0.01, 1.39]." in texts
    assert not [w for text in texts for w in code_identifiers(text)]


@pytest.mark.parametrize("text, words", [
    ("M = 87.3 vs 104.7; hedges_g = -1.61", ["hedges_g"]),
    ("test: welch_t; method: fixed_item_mean.", ["welch_t", "fixed_item_mean"]),
    ("C(gender)[T.女]", ["C(", "[T."]),
    ("pre->post", ["pre->post"]),
    ("d_z, g_av and S_diff; data/raw/study/post_wjx.xlsx", []),
])
def test_code_word_scan(text, words):
    assert code_identifiers(text) == words


def test_the_scan_finds_a_code_word_in_a_table_cell(tmp_path):
    path = tmp_path / "quality.ipynb"
    nb = nbformat.v4.new_notebook()
    cell = nbformat.v4.new_code_cell("")
    cell.outputs = [_html(T.html_table(pd.DataFrame({"Test": ["welch_t"], "p": [".300"]}), caption="Selection"))]
    nb.cells = [cell]
    nbformat.write(nb, path)
    config = {"language": "en"}
    data = report_docx(report_items([str(path)], ["baseline"], config, PROV), "Study", "en", "2026-01-02")
    words = [w for text in docx_texts(docx.Document(io.BytesIO(data))) for w in code_identifiers(text)]
    assert words == ["welch_t"]


def _fonts(style) -> dict:
    rfonts = style.element.rPr.find(qn("w:rFonts"))
    return {k: rfonts.get(qn(f"w:{k}")) for k in ("ascii", "hAnsi", "eastAsia")}


def test_chinese_report_has_chinese_captions_and_fonts(tmp_path):
    html, data, _ = _build(tmp_path, "zh")
    document = docx.Document(io.BytesIO(data))
    captions = _captions(document)
    assert captions == _html_captions(html)
    assert captions[0] == "表1 Paired comparisons: pre-test → post-test"  # the heading is the notebook's text
    assert [c for c in captions if c.startswith("图")] == ["图1 基线水平分布"]
    assert [re.match(r"表(\d+) ", c).group(1) for c in captions if c.startswith("表")] == ["1", "2", "3", "4", "5"]
    assert captions[-1] == "表5 软件版本"
    styles = document.styles
    assert _fonts(styles["Normal"]) == {"ascii": "Times New Roman", "hAnsi": "Times New Roman", "eastAsia": "宋体"}
    assert styles["Normal"].font.size.pt == 12                      # 小四
    assert styles["Report Table Text"].font.size.pt == 10.5         # 五号
    assert _fonts(styles["Caption"])["eastAsia"] == "黑体" and styles["Caption"].font.size.pt == 10.5
    assert _fonts(styles["Heading 1"])["eastAsia"] == "黑体"
    english = docx.Document(io.BytesIO(_build(tmp_path, "en")[1]))
    assert _fonts(english.styles["Normal"])["ascii"] == "Times New Roman" and english.styles["Normal"].font.size.pt == 12


def test_a_table_too_wide_for_a_portrait_page_gets_a_landscape_one(tmp_path):
    _, data, _ = _build(tmp_path, wide=True)
    document = docx.Document(io.BytesIO(data))
    orientations = [s.page_width > s.page_height for s in document.sections]
    assert orientations == [False, True, False]  # back to portrait for the provenance
    wide = document.tables[3]
    assert sum(c.width.cm for c in wide.columns) <= 29.7 - 5 + 0.01


def test_tables_docx_holds_every_table_alone_with_its_caption(tmp_path):
    html, _, items = _build(tmp_path)
    alone = docx.Document(io.BytesIO(tables_docx(items, "Study", "en", "2026-01-02")))
    assert len(alone.tables) == html.count("<table")
    assert _captions(alone) == [c for c in _html_captions(html) if c.startswith("Table")]
    assert not alone.inline_shapes


def test_same_bytes_on_every_build(tmp_path):
    first = _build(tmp_path)[1]
    second = _build(tmp_path)[1]
    assert first == second
    with zipfile.ZipFile(io.BytesIO(first)) as z:
        assert {i.date_time for i in z.infolist()} == {(1980, 1, 1, 0, 0, 0)}


def test_notation_is_set_as_a_subscript_in_the_html_text_only():
    from sweval.report.outputs import set_notation

    fragment = ("<p>d_z = 0.71, g_av = 0.73; see data/raw/post_wjx.xlsx</p>"
                "<img alt='d_z' src='x'><pre>hedges_g d_z</pre><td>S_diff</td>")
    assert set_notation(fragment) == (
        "<p><i>d</i><sub>z</sub> = 0.71, <i>g</i><sub>av</sub> = 0.73; see data/raw/post_wjx.xlsx</p>"
        "<img alt='d_z' src='x'><pre>hedges_g d_z</pre><td><i>S</i><sub>diff</sub></td>")
