"""A study that is not the example gets a report about itself, with a section for each part it has.

The study (tests/data/selfesteem_generate.py): a school self-esteem group, a 10-item scale on 1-4
with five reverse-keyed items (its own codebook, tests/data/instruments/selfesteem10.yaml),
pre-test and post-test as plain CSV exports, a config written from scratch with `roster: null` and
no background survey, levels, process records, follow-up or comparison group. It runs end to end
in English, then its notebooks and report again in Chinese; the rendered text of both reports is
scanned for the example's words, for values a reader should never see ("nan", "None", "0 of 0")
and for Python warnings, and each section is checked present or absent as configured, with one
limitations line per part left out. A second study adds a roster, a comparison group, levels
worded by the study and an attendance register (no background, feedback or goal ratings): the
sections and lines of those parts appear, the others do not.
"""
from __future__ import annotations

import html as htmllib
import re
import sys
from pathlib import Path

import nbformat
import pytest
from project import copy_project, rerun_in_language, run_snakemake

sys.path.insert(0, str(Path(__file__).parent / "data"))
from selfesteem_generate import write_study

pytestmark = pytest.mark.e2e

EXAMPLE_WORDS = re.compile(r"resilien|CYRM|example|simulated|抗逆力|示例|模拟|易地|搬迁", re.I)
# what a reader must never see: missing values printed as such, counts of nothing, Python warnings
BROKEN = re.compile(r"\bnan\b|\bNone\b|\b0 of 0\b|None of the 0|Warning|ipython-input|Traceback|\{\w+\}", re.I)
BARE = ["data_quality", "reliability", "outcomes", "limitations", "provenance"]


def _html(work: Path) -> str:
    return (work / "results/report/evaluation_report.html").read_text(encoding="utf-8")


def _text(page: str) -> str:
    """What a reader reads: the page's text, without markup, styles or embedded images."""
    page = re.sub(r"<(style|script)[^>]*>.*?</\1>", " ", page, flags=re.S)
    page = re.sub(r"<[^>]+>", " ", page)
    return re.sub(r"\s+", " ", htmllib.unescape(page))


def _sections(page: str) -> dict[str, str]:
    return dict(re.findall(r"<section id='(\w+)'>(.*?)</section>", page, flags=re.S))


def _headings(section: str) -> list[str]:
    return re.findall(r"<h3 data-key='([\w-]+)'>", section)


def _limitations(page: str) -> list[str]:
    return [_text(li).strip() for li in re.findall(r"<li>(.*?)</li>",
                                                 _sections(page)["limitations"], flags=re.S)]


@pytest.fixture(scope="module")
def bare(tmp_path_factory):
    """Two waves of one instrument and nothing else, in English."""
    work = copy_project(tmp_path_factory.mktemp("selfesteem") / "study", example=False)
    config = write_study(work)
    assert config["roster"] is None and "background" not in config and "process" not in config
    proc = run_snakemake(work)
    assert proc.returncode == 0, proc.stderr[-4000:]
    return work


@pytest.fixture(scope="module")
def bare_zh(bare, tmp_path_factory):
    """The same study in Chinese: only the notebooks and the report run again."""
    return rerun_in_language(bare, tmp_path_factory.mktemp("selfesteem_zh") / "study", "zh")


@pytest.fixture(scope="module")
def partial(tmp_path_factory):
    """A roster, a comparison group, worded levels and an attendance register; no background,
    feedback, goal ratings or follow-up."""
    work = copy_project(tmp_path_factory.mktemp("selfesteem_parts") / "study", example=False)
    write_study(work, roster=True, comparison=True, levels=True, attendance=True)
    proc = run_snakemake(work)
    assert proc.returncode == 0, proc.stderr[-4000:]
    return work


@pytest.fixture(params=["en", "zh"])
def bare_report(request, bare, bare_zh):
    return request.param, _html(bare if request.param == "en" else bare_zh)


def test_only_the_sections_of_the_parts_it_has(bare, bare_report):
    _, page = bare_report
    sections = _sections(page)
    assert list(sections) == BARE  # no baseline (needs-assessment) section, no process section
    assert "longitudinal" not in _headings(sections["outcomes"])   # two waves: no "all waves" analysis
    assert "comparison" not in _headings(sections["outcomes"])
    # no job ran for a part the study does not have
    assert not (bare / "results/baseline").exists() and not (bare / "results/process").exists()
    assert not (bare / "results/effects/comparison.csv").exists()
    figures = sorted(p.name for p in (bare / "results/report/figures").glob("*.png"))
    assert figures == ["outcomes.02-forest.png", "outcomes.03-qq.png", "outcomes.04-trajectories.png",
                       "outcomes.06-rci_summary.png", "reliability.02-reliability_table.png",
                       "reliability.03-item_reliability.png"]


def test_the_report_speaks_of_this_study_only(bare_report):
    language, page = bare_report
    text = _text(page)
    assert not EXAMPLE_WORDS.findall(text), sorted(set(EXAMPLE_WORDS.findall(text)))
    assert not BROKEN.findall(text), [text[max(0, m.start() - 80):m.end() + 80] for m in BROKEN.finditer(text)]
    about = {"en": ["This report evaluates an eight-session self-esteem group for Year 7 students",
                    "Outcome: self-esteem, measured with the Self-esteem scale (10 items); higher scores are better.",
                    "Rosenberg, M. (1965)", "Each child's Self-esteem score across waves"],
             "zh": ["本报告评估由学校社工带领、面向初一学生的八节自尊提升小组。", "成效指标：自尊，测量工具为自尊量表（10题）",
                    "Rosenberg, M. (1965)", "每名儿童各时点的自尊得分"]}[language]
    for phrase in about:
        assert phrase in text, phrase


def _code_words(page: str) -> list[str]:
    """Code identifiers (sweval.report.outputs.code_identifiers) in the report before its provenance."""
    from sweval.report.outputs import code_identifiers

    return code_identifiers(_text(page.split("<section id='provenance'>")[0]))


def test_no_code_word_reaches_the_reader(bare_report, partial):
    """tests/test_report_words.py scans the example; these studies take other paths (two waves, a
    comparison group, a mean-SD level rule, parts left out)."""
    _, page = bare_report
    assert not _code_words(page) and not _code_words(_html(partial)), (_code_words(page), _code_words(_html(partial)))


def test_limitations_name_each_part_left_out(bare_report):
    language, page = bare_report
    lines = _limitations(page)
    expected = {"en": ["No group roster was given", "No background questions were collected", "No level rule was set",
                       "No process records were kept", "Only pre-test and post-test were measured",
                       "There is no control or comparison group"],
                "zh": ["未提供小组名单", "未收集背景信息", "未设定水平划分规则", "未收集过程记录", "仅测量了前测和后测",
                       "本研究没有对照组"]}[language]
    for start in expected:
        assert sum(line.startswith(start) for line in lines) == 1, (start, lines)
    assert not any(line.startswith(("Level rule", "水平划分规则")) for line in lines)


def test_no_notebook_wrote_a_warning(bare, bare_zh):
    for work in (bare, bare_zh):
        for path in sorted((work / "results/notebooks").glob("*.ipynb")):
            streams = [o for c in nbformat.read(path, as_version=4).cells for o in c.get("outputs", [])
                       if o.get("output_type") == "stream"]
            assert not streams, (path.name, streams)
        assert "WARNING" not in (work / "logs/report/report.log").read_text(encoding="utf-8")


def test_a_part_added_brings_its_section_and_its_sentences(partial):
    page = _html(partial)
    text = _text(page)
    sections = _sections(page)
    assert list(sections) == ["data_quality", "baseline", "reliability", "outcomes", "process", "limitations",
                              "provenance"]
    assert _headings(sections["baseline"]) == ["levels", "profile", "selection"]   # no background factors
    assert _headings(sections["process"]) == ["attendance", "attendance_rate", "link"]  # attendance only
    outcomes = sections["outcomes"]
    assert "comparison" in _headings(outcomes) and "longitudinal" not in _headings(outcomes)
    assert re.search(r"Adjusted for pre-test, the group (scored [\d.]+ points (higher|lower) than|and) the "
                     r"comparison group", _text(outcomes))
    assert "low self-esteem" in _text(sections["baseline"])  # the study's wording of its level
    lines = _limitations(page)
    for start in ["No background questions were collected",
                  "Some process records were not kept (after-session feedback, goal-attainment ratings)",
                  "Only pre-test and post-test were measured", "The group was chosen for its low baseline scores",
                  "Level rule (a study choice): Self-esteem score, baseline mean ± SD: low self-esteem < "]:
        assert sum(line.startswith(start) for line in lines) == 1, (start, lines)
    for absent in ["No group roster", "No level rule", "There is no control", "No process records"]:
        assert not any(line.startswith(absent) for line in lines), absent
    assert not EXAMPLE_WORDS.findall(text) and not BROKEN.findall(text), \
        [text[max(0, m.start() - 80):m.end() + 80] for m in BROKEN.finditer(text)]
