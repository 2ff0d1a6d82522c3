"""The report as a reader and a reviewer meet it: the pipeline in a temporary copy of the project,
then Snakemake's own report, the Chinese report, the Word reports, a headless-Chromium look at the
HTML, and a reviewer's re-execution of one notebook."""
import base64
import html as html_lib
import re
import shutil
import struct
import subprocess
import sys
from pathlib import Path

import nbformat
import pytest
from project import run_snakemake as _snakemake
from sweval.report.docx import SUBSCRIPT

pytestmark = pytest.mark.e2e
SECTIONS = ["data_quality", "baseline", "reliability", "outcomes", "process", "limitations", "provenance"]
CHROMIUM = next((shutil.which(n) for n in ("chromium", "chromium-browser", "google-chrome") if shutil.which(n)), None)


@pytest.fixture(scope="module")
def project(example_run):
    return example_run


@pytest.fixture(scope="module")
def project_zh(example_run_zh):
    """The same study in Chinese: only the notebooks and the report run again (tests/conftest.py)."""
    return example_run_zh


def _html(work: Path) -> str:
    return (work / "results/report/evaluation_report.html").read_text(encoding="utf-8")


def _sections(html: str) -> dict[str, str]:
    return dict(re.findall(r"<section id='(\w+)'>(.*?)</section>", html, flags=re.S))


def test_english_report_has_findings_limitations_and_formatted_tables(project):
    html = _html(project)
    sections = _sections(html)
    assert list(sections) == SECTIONS
    assert "Findings in plain words" in sections["outcomes"] and "children reliably improved" in sections["outcomes"]
    assert "Baseline in plain words" in sections["baseline"] and "Process in plain words" in sections["process"]
    lim = sections["limitations"]
    for phrase in ["SIMULATED", "no control", "regression to the mean", "Holm", "Level rule", "prorated", "fewer than 3 children"]:
        assert phrase in lim, phrase
    assert re.search(r">\.0\d\d<", sections["outcomes"]) and ">< .001<" not in sections["outcomes"]  # APA p


EVERY_PART = {"data_quality": ["rows_accounting", "quality_events", "flags", "wave_matching"],
              "baseline": ["levels", "profile", "factors", "regression", "selection"],
              "reliability": ["reliability_table", "item_reliability"],
              "outcomes": ["paired_table", "forest", "qq", "trajectories", "rci_summary", "power", "longitudinal"],
              "process": ["attendance", "attendance_rate", "feedback", "feedback_trend", "goals", "link"],
              "limitations": [], "provenance": []}


@pytest.mark.parametrize("language", ["en", "zh"])
def test_the_example_renders_every_part(language, project, project_zh):
    """The example has every part but a comparison group: every section and subsection is there,
    and the reader meets no printed missing value, placeholder or Python warning."""
    page = _html(project if language == "en" else project_zh)
    sections = _sections(page)
    assert {s: re.findall(r"<h3 data-key='([\w-]+)'>", body) for s, body in sections.items()} == EVERY_PART
    text = re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", re.sub(r"<(style|script)[^>]*>.*?</\1>", " ", page, flags=re.S)))
    broken = re.compile(r"\bnan\b|NaN|\b0 of 0\b|None of the 0|Warning|ipython-input|Traceback|\{\w+\}")
    assert not broken.findall(text), [text[max(0, m.start() - 80):m.end() + 80] for m in broken.finditer(text)]
    lines = re.findall(r"<li>(.*?)</li>", sections["limitations"], flags=re.S)
    # every part was collected: no line says one was not (a comparison group is the one part missing)
    assert not any(line.startswith(("No group roster", "No background", "No level rule", "No process records",
                                    "Some process records", "Only ", "未提供", "未收集", "未设定", "部分过程记录", "仅测量了"))
                   for line in lines), lines
    words = {"en": ["Outcome: resilience, measured with the Child and Youth Resilience Measure (CYRM-28)",
                    "This report evaluates a seven-session resilience growth group",
                    "Level rule (a study choice; the CYRM manual gives no cut-offs)"],
             "zh": ["成效指标：抗逆力，测量工具为儿童青少年抗逆力量表（CYRM-28）", "水平划分规则（研究自定，CYRM手册未提供划界分）"]}
    for phrase in words[language]:
        assert phrase in text, phrase


def test_chinese_report(project_zh):
    html = _html(project_zh)
    assert "lang='zh-CN'" in html
    for text in ["目录", "数据质量", "基线需求评估", "成效与个体变化", "研究局限", "主要发现", "名儿童中", "没有对照组",
                 "向均值回归", "水平划分规则", "模拟数据"]:
        assert text in html, text
    assert len(re.findall(r"data:image/png;base64,", html)) >= 12


def test_snakemake_report_holds_the_figures_and_tables(project, tmp_path):
    out = tmp_path / "snakemake_report.zip"
    proc = _snakemake(project, "--report", str(out))
    assert proc.returncode == 0, proc.stderr[-3000:]
    import zipfile

    names = zipfile.ZipFile(out).namelist()
    assert any(n.endswith("evaluation_report.html") for n in names)
    assert sum(n.endswith(".png") for n in names) >= 10
    assert any(n.endswith("outcomes.01-paired_table.html") for n in names)


def _html_captions(html: str) -> list[str]:
    found = re.findall(r"<caption>(.*?)</caption>|<figcaption>(.*?)</figcaption>", html, flags=re.DOTALL)
    return [" ".join(html_lib.unescape(re.sub(r"<[^>]+>", "", a or b)).split()) for a, b in found]


def _word(work: Path, name: str = "evaluation_report.docx"):
    import docx

    return docx.Document(work / "results/report" / name)


def _rule(borders, edge: str):
    from docx.oxml.ns import qn

    element = borders.find(qn(f"w:{edge}")) if borders is not None else None
    return None if element is None or element.get(qn("w:val")) in ("nil", "none") else int(element.get(qn("w:sz")))


def _check_word_report(work: Path, table: str, figure: str) -> list[str]:
    """The Word report holds the HTML report's tables and figures, numbered 1..n in the same order
    with the same captions, every table a three-line table; its tables alone are in tables.docx."""
    from docx.oxml.ns import qn

    html, document = _html(work), _word(work)
    assert len(document.tables) == html.count("<table") > 20
    assert len(document.inline_shapes) == html.count("<img") >= 12
    captions = [p.text for p in document.paragraphs if p.style.name == "Caption"]
    # the same captions; Word sets d_z as d with a subscript z (the text reads "dz")
    assert captions == [SUBSCRIPT.sub(r"\1\2", c) for c in _html_captions(html)]
    for kind, count in ((table, len(document.tables)), (figure, len(document.inline_shapes))):
        numbers = [int(re.match(rf"{kind} ?(\d+)", c).group(1)) for c in captions if c.startswith(kind)]
        assert numbers == list(range(1, count + 1)), (kind, numbers)
    for tbl in document.tables:
        borders = tbl._tbl.tblPr.find(qn("w:tblBorders"))
        assert _rule(borders, "top") == 12 and _rule(borders, "bottom") == 12
        assert not any(_rule(borders, e) for e in ("left", "right", "insideH", "insideV"))
        assert all(_rule(c._tc.tcPr.find(qn("w:tcBorders")), "bottom") == 6 for c in tbl.rows[0].cells)
    assert all(shape.width.cm <= 16.0 for shape in document.inline_shapes)
    alone = _word(work, "tables.docx")
    assert len(alone.tables) == len(document.tables)
    assert [p.text for p in alone.paragraphs if p.style.name == "Caption"] == [c for c in captions if c.startswith(table)]
    return captions


def test_word_report_has_the_html_reports_tables_and_figures(project):
    captions = _check_word_report(project, "Table", "Figure")
    assert captions[0].startswith("Table 1. ") and "Figure 1. " in " ".join(captions)
    assert _word(project).styles["Normal"].font.name == "Times New Roman"


def test_chinese_word_report(project_zh):
    captions = _check_word_report(project_zh, "表", "图")
    assert captions[0].startswith("表1 ") and any(c.startswith("图1 ") for c in captions)
    document = _word(project_zh)
    headings = [p.text for p in document.paragraphs if p.style.name == "Heading 1"]
    assert headings[:2] == ["数据质量", "基线需求评估"]
    assert any("没有对照组" in p.text for p in document.paragraphs)


def _png_size(data: bytes) -> tuple[int, int]:
    assert data[:8] == b"\x89PNG\r\n\x1a\n" and data[12:16] == b"IHDR", "not a PNG"
    return struct.unpack(">II", data[16:24])


@pytest.mark.skipif(CHROMIUM is None, reason="no Chromium here (Debian: apt-get install chromium; .ci/run installs it)")
def test_report_renders_in_chromium(project, tmp_path):
    from PIL import Image

    page = (project / "results/report/evaluation_report.html").as_uri()
    flags = [CHROMIUM, "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
             "--disable-background-networking", "--disable-component-update", "--disable-sync",
             f"--user-data-dir={tmp_path / 'profile'}", "--window-size=1200,3000"]
    shot = tmp_path / "report.png"
    subprocess.run([*flags, f"--screenshot={shot}", page], capture_output=True, timeout=120, check=False)
    image = Image.open(shot).convert("L")
    assert image.size == (1200, 3000)
    colours = image.getcolors(maxcolors=1 << 16) or []
    assert len(colours) > 50, "the screenshot is (nearly) blank"
    dom = subprocess.run([*flags, "--dump-dom", page], capture_output=True, text=True, timeout=120).stdout
    assert "<h1>" in dom and "Contents" in dom
    sources = re.findall(r"<img[^>]*src=\"([^\"]+)\"", dom)
    assert len(sources) >= 12
    for src in sources:
        assert src.startswith("data:image/png;base64,")
        width, height = _png_size(base64.b64decode(src.split(",", 1)[1]))
        assert width > 100 and height > 100
    for section, body in re.findall(r"<section id=\"(\w+)\">(.*?)</section>", dom, flags=re.S):
        text = re.sub(r"<[^>]+>", " ", body)
        assert len(text.split()) > 20 or "<img" in body, f"section {section} is empty"


def test_reviewer_reexecution_matches_the_pipeline(project, tmp_path):
    """README: `cd notebooks && ../.venv/bin/papermill outcomes.ipynb /tmp/outcomes.ipynb -k python3`."""
    out = tmp_path / "outcomes.ipynb"
    proc = subprocess.run([sys.executable, "-m", "papermill", "outcomes.ipynb", str(out), "-k", "python3"],
                          cwd=project / "notebooks", capture_output=True, text=True, timeout=300)
    assert proc.returncode == 0, proc.stderr[-3000:]

    def outputs(path):
        cells = nbformat.read(path, as_version=4).cells
        return [[{k: v for k, v in o.items() if k != "metadata"} for o in c.get("outputs", [])]
                for c in cells if c.cell_type == "code" and "injected-parameters" not in c.metadata.get("tags", [])]

    assert outputs(out) == outputs(project / "results/notebooks/outcomes.ipynb")
