"""Hand-off files are safe to open: the example study with markup in every config label a user
types and spreadsheet formulas in every free-text field of the process records, run end to end,
then `snakemake --report report.zip`. No element or script of the payload reaches any HTML (the
pipeline's report, its tables, Snakemake's report), and no text cell of any results CSV starts
as a spreadsheet formula (OWASP CSV injection)."""
from __future__ import annotations

import csv
import io
import re
import subprocess
import sys
import zipfile
from html.parser import HTMLParser
from pathlib import Path

import pytest
import yaml

from project import copy_project, run_snakemake

pytestmark = pytest.mark.e2e

MARKUP = "</script><img src=x onerror=alert(1)>"
FORMULAS = ['=HYPERLINK("http://example.invalid","open")', "+cmd|' /C calc'!A0", "@SUM(1+1)*cmd|' /C calc'!A0",
            "-2+3+cmd|' /C calc'!A0"]
PLAIN_NUMBER = re.compile(r"[+-]?((\d+\.?\d*|\.\d+)([eE][+-]?\d+)?|inf)")  # numbers, as pandas writes them


class _Elements(HTMLParser):
    """Every start tag with its attributes, and the text inside each <script>."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.tags, self.scripts, self._in_script = [], [], False

    def handle_starttag(self, tag, attrs):
        self.tags.append((tag, dict(attrs)))
        self._in_script = tag == "script"
        if self._in_script:
            self.scripts.append("")

    def handle_endtag(self, tag):
        if tag == "script":
            self._in_script = False

    def handle_data(self, data):
        if self._in_script:
            self.scripts[-1] += data


def _assert_no_payload_markup(name: str, html: str) -> None:
    parser = _Elements()
    parser.feed(html)
    for tag, attrs in parser.tags:
        assert not (tag == "img" and attrs.get("src") == "x"), f"{name}: an <img> of the payload"
        assert "onerror" not in attrs, f"{name}: an onerror attribute on <{tag}>"
    # inside a script the payload may stand only as escaped text (&lt;img ...), which a page that
    # inserts it as HTML shows as text; markup there would become an element
    for script in parser.scripts:
        lowered = script.lower()
        assert "<img src=x" not in lowered and "\\u003cimg src=x" not in lowered \
            and "\\x3cimg src=x" not in lowered, f"{name}: the payload's markup inside a <script>"


@pytest.fixture(scope="module")
def hostile_run(tmp_path_factory):
    work = copy_project(tmp_path_factory.mktemp("injection"))
    config_path = work / "config.yaml"
    config = yaml.safe_load(config_path.read_text(encoding="utf-8"))
    config["study"]["title"] = {"en": f"Study {MARKUP}", "zh": f"研究 {MARKUP}"}
    for label in config["process"]["feedback"]["labels"].values():
        label["en"] = f"{label['en']} {MARKUP}"
        label["zh"] = f"{label['zh']} {MARKUP}"
    config_path.write_text(yaml.safe_dump(config, allow_unicode=True, sort_keys=False), encoding="utf-8")
    goals = work / "data/raw/example/goal_attainment.csv"
    rows = list(csv.reader(io.StringIO(goals.read_text(encoding="utf-8-sig"))))
    header = rows[0]
    topic, goal = header.index(config["process"]["goal_attainment"]["topic_column"]), \
        header.index(config["process"]["goal_attainment"]["goal_column"])
    for k, row in enumerate(rows[1:]):
        row[topic] = FORMULAS[k % len(FORMULAS)]
        row[goal] = f"{FORMULAS[(k + 1) % len(FORMULAS)]} {MARKUP}"
    with goals.open("w", encoding="utf-8-sig", newline="") as fh:
        csv.writer(fh).writerows(rows)
    proc = run_snakemake(work)
    assert proc.returncode == 0, proc.stderr[-4000:]
    report = subprocess.run([sys.executable, "-m", "snakemake", "--report", "report.zip"], cwd=work,
                            capture_output=True, text=True, timeout=600)
    assert report.returncode == 0, report.stderr[-4000:]
    return work


def test_snakemake_report_holds_no_element_or_script_of_the_payload(hostile_run):
    with zipfile.ZipFile(hostile_run / "report.zip") as archive:
        pages = [n for n in archive.namelist() if n.endswith((".html", ".htm", ".js"))]
        assert pages
        for name in pages:
            _assert_no_payload_markup(name, archive.read(name).decode("utf-8", errors="replace"))


def test_the_pipelines_html_holds_the_labels_as_text_only(hostile_run):
    pages = [hostile_run / "results/report/evaluation_report.html",
             *sorted((hostile_run / "results/report/tables").glob("*.html"))]
    for page in pages:
        html = page.read_text(encoding="utf-8")
        _assert_no_payload_markup(page.name, html)
    assert "&lt;/script&gt;&lt;img src=x onerror=alert(1)&gt;" in pages[0].read_text(encoding="utf-8")


def test_no_results_csv_cell_starts_as_a_formula(hostile_run):
    tables = sorted((hostile_run / "results").rglob("*.csv"))
    assert tables
    seen_goal_text = False
    for table in tables:
        for r, row in enumerate(csv.reader(io.StringIO(table.read_text(encoding="utf-8")))):
            for cell in row:
                if cell.startswith(("=", "+", "-", "@", "\t", "\r")) and not PLAIN_NUMBER.fullmatch(cell):
                    pytest.fail(f"{table.relative_to(hostile_run)} row {r + 1}: {cell!r} starts as a formula")
                seen_goal_text |= cell.startswith("'=HYPERLINK(")
    assert seen_goal_text, "the goal texts were expected in a results table, neutralised"
