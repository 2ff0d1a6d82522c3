"""`sweval init`: detection (format, encoding, ID, matrix, options, shipped codebooks), the codebook
draft's TO CHECK marks, the key outside the project, refusing a non-empty folder; end to end, a
study made from the simulated exports in tests/data/init_study/ runs through the pipeline and its
paired t equals scipy's on the same data.

The exports are SIMULATED (tests/data/init_study/make_exports.py): 30 invented children, a made-up
10-item scale answered 1-4, items 3, 6 and 8 worded negatively.
"""
from __future__ import annotations

import csv
import io
import os
import re
import stat
import subprocess
import sys
import time
from pathlib import Path

import numpy as np
import openpyxl
import pandas as pd
import pytest
import yaml
from scipy import stats

from sweval.cli import main as sweval_main
from sweval.codebook import load_codebook, unchecked_fields
from sweval.config import check_config, stop_unless_reviewed, unchecked_problem
from sweval.detect import (find_id, find_instrument, find_matrices, match_codebook, order_labels, read_any,
                           response_options)
from sweval.errors import InputError
from sweval.init import InitError, default_key_path, plan_study, study_slug, write_study
from sweval.pipeline import pipeline_dir, snakefile, source_checkout

ROOT = Path(__file__).resolve().parents[1]
DATA = ROOT / "tests/data/init_study"
CSV = [DATA / "csv/pre.csv", DATA / "csv/post.csv"]
XLSX = [DATA / "xlsx/pre.xlsx", DATA / "xlsx/post.xlsx"]
INSTRUMENT = DATA / "instrument.yaml"
LADDER = ["完全不符合", "不太符合", "比较符合", "完全符合"]
REVERSED = (3, 6, 8)


@pytest.fixture(autouse=True)
def key_home(tmp_path, monkeypatch) -> Path:
    """Keys go under a temporary XDG_CONFIG_HOME, never the tester's own ~/.config; no key in the
    environment (it would win over the key file)."""
    home = tmp_path / "xdg"
    monkeypatch.setenv("XDG_CONFIG_HOME", str(home))
    monkeypatch.delenv("SWEVAL_PSEUDONYM_KEY", raising=False)
    return home


def _write_csv(path: Path, rows: list[list], encoding: str = "utf-8") -> Path:
    buffer = io.StringIO()
    csv.writer(buffer, lineterminator="\n").writerows(rows)
    path.write_bytes(buffer.getvalue().encode(encoding))
    return path


def _plain_rows(n: int = 12, text: bool = False) -> list[list]:
    """A plain table: an ID, a name, gender, then five items q1..q5 (codes 1-5 or their texts)."""
    labels = ["从不", "很少", "有时", "经常", "总是"]
    header = ["participant_id", "姓名", "性别", *[f"q{k}" for k in range(1, 6)]]
    rows = [header]
    for i in range(n):
        codes = [1 + (i + 2 * k) % 5 for k in range(5)]
        rows.append([f"C{i:03d}", f"name{i}", "男" if i % 2 else "女",
                     *[labels[c - 1] if text else c for c in codes]])
    return rows


# ---------------------------------------------------------------------------------------------
# detection

@pytest.mark.parametrize("path, fmt, mode, encoding", [
    (CSV[0], "wjx", "text", "utf-8-sig"),
    (CSV[1], "wjx", "text", "gb18030"),        # GBK, as Excel saves CSV in a Chinese locale
    (XLSX[0], "wjx", "text", None),
    (XLSX[1], "wjx", "number", None),
    (ROOT / "tests/fixtures/wjx/wjx_800_by_number.xls", "wjx", "number", None),   # a real old .xls download
])
def test_format_mode_and_encoding_of_wenjuanxing_exports(path, fmt, mode, encoding):
    export = read_any(path)
    assert (export.format, export.mode, export.encoding) == (fmt, mode, encoding)


def test_plain_tables_and_a_gbk_csv(tmp_path):
    rows = _plain_rows(text=True)
    gbk = read_any(_write_csv(tmp_path / "gbk.csv", rows, "gbk"))
    assert (gbk.format, gbk.encoding) == ("csv", "gb18030")
    assert list(gbk.data["q1"][:2]) == ["从不", "很少"]          # decoded, not mojibake
    book = openpyxl.Workbook()
    for row in _plain_rows():
        book.active.append(row)
    book.save(tmp_path / "plain.xlsx")
    plain = read_any(tmp_path / "plain.xlsx")
    assert (plain.format, plain.mode) == ("xlsx", None)
    with pytest.raises(InputError, match="ending in"):
        read_any(_write_csv(tmp_path / "answers.json", rows))


def test_id_question_matrix_and_options_of_a_wenjuanxing_export():
    export = read_any(CSV[0])
    (matrix,) = find_matrices(export)
    assert matrix.question == 4 and len(matrix.columns) == 10
    assert matrix.texts[0] == "我能按时完成作业" and matrix.columns[0] == "4(我能按时完成作业)"
    assert find_id(export, [matrix]) == ("1、你的编号", {"question": 1})   # never 序号 (a row number) or the name
    assert set(matrix.labels) == set(LADDER)                             # (跳过) is not an answer
    options = response_options([matrix])
    assert options.options == list(enumerate(LADDER, start=1)) and options.order_known
    assert (options.min, options.max) == (1, 4)


def test_id_column_and_matrix_of_a_plain_table(tmp_path):
    export = read_any(_write_csv(tmp_path / "plain.csv", _plain_rows()))
    matrices = find_matrices(export)
    assert [m.columns for m in matrices] == [[f"q{k}" for k in range(1, 6)]]   # not the gender column
    assert find_id(export, matrices) == ("participant_id", "participant_id")
    assert find_id(export, matrices, "participant_id")[0] == "participant_id"
    with pytest.raises(InputError, match="--id-column"):
        find_id(export, matrices, "学号")


def test_no_id_column_is_an_error_never_the_name(tmp_path):
    rows = _plain_rows()
    rows[0][0] = "备注"          # the ID header gone: the unique name column must not be taken instead
    export = read_any(_write_csv(tmp_path / "no_id.csv", rows))
    with pytest.raises(InputError, match="no column looks like the participant ID") as err:
        find_id(export, find_matrices(export))
    assert "--id-column" in str(err.value) and "no_id.csv" in str(err.value)


def test_a_wenjuanxing_id_can_be_given_by_question_number():
    export = read_any(XLSX[1])
    assert find_id(export, find_matrices(export), "1") == ("1、你的编号", {"question": 1})


def test_answer_order_from_a_known_ladder_or_left_to_check():
    assert order_labels(["经常", "从不", "总是", "有时", "很少"]) == (["从不", "很少", "有时", "经常", "总是"], True)
    assert order_labels(["Agree", "strongly disagree", "Disagree", "Strongly agree"]) == (
        ["strongly disagree", "Disagree", "Agree", "Strongly agree"], True)
    assert order_labels(["蓝", "红", "绿"]) == (["蓝", "红", "绿"], False)        # first seen, to check
    # two answers on one step of the ladder: the order is not known
    assert order_labels(["不太符合", "比较不符合", "完全符合"])[1] is False


def test_options_of_text_and_number_mode_exports_together():
    text, number = find_matrices(read_any(XLSX[0]))[0], find_matrices(read_any(XLSX[1]))[0]
    assert number.codes == {1, 2, 3, 4} and not number.labels
    both = response_options([text, number])
    assert both.options == list(enumerate(LADDER, start=1)) and both.labelled and not both.note
    alone = response_options([number])
    assert alone.options == [(c, str(c)) for c in range(1, 5)] and not alone.labelled


def test_a_codebook_with_item_texts_is_recognised(tmp_path):
    texts = find_matrices(read_any(CSV[0]))[0].texts
    codebook = load_codebook(INSTRUMENT)
    assert match_codebook(texts, codebook) == (list(range(10)), 1.0)
    # rows in another order: each item still finds its row
    shuffled = texts[5:] + texts[:5]
    columns, score = match_codebook(shuffled, codebook)
    assert [shuffled[j] for j in columns] == texts and score == 1.0
    # by the English labels, with numbering and punctuation around them
    english = [f"{k + 1}. {item.en.upper()}!" for k, item in enumerate(codebook.items)]
    assert match_codebook(english, codebook)[0] == list(range(10))
    # another scale's items, or one item fewer, do not match
    assert match_codebook(texts[:9], codebook) is None
    assert find_instrument(texts, {"cyrm12": ROOT / "workflow/sweval/instruments/cyrm12.yaml"}) is None
    found = find_instrument(texts, {"cyrm12": ROOT / "workflow/sweval/instruments/cyrm12.yaml", "mine": INSTRUMENT})
    assert found.name == "mine" and found.in_order


def test_the_example_exports_are_recognised_as_a_shipped_codebook(tmp_path):
    """Generic matching over every shipped codebook with item texts: the example's matrix rows are
    CYRM-28's Chinese item labels."""
    plan = plan_study(tmp_path / "example", [ROOT / "data/raw/example/baseline_wjx.xlsx",
                                             ROOT / "data/raw/example/post_wjx.xlsx"])
    assert (plan.how, plan.instrument) == ("matched", "cyrm28")
    assert [s.matrix.question for s in plan.surveys] == [17, 3]


# ---------------------------------------------------------------------------------------------
# the project

def test_plan_and_project_of_a_draft(tmp_path, key_home, monkeypatch):
    study = tmp_path / "habits_2024"
    plan = plan_study(study, CSV)
    assert plan.how == "draft" and plan.waves == ["pre", "post"] and plan.language == "zh"
    written = write_study(plan, study)
    config = yaml.safe_load((study / "config/config.yaml").read_text(encoding="utf-8"))
    assert config["instrument"] == "config/codebook.yaml" and config["roster"] is None
    assert config["contrasts"] == [["pre", "post"]] and config["baseline_wave"] == "pre"
    assert [s["path"] for s in config["surveys"]] == ["data/raw/pre.csv", "data/raw/post.csv"]
    assert config["surveys"][0]["items"] == {"matrix_question": 4}
    assert config["surveys"][0]["id_column"] == {"question": 1}
    for source, survey in zip(CSV, config["surveys"]):
        assert (study / survey["path"]).read_bytes() == source.read_bytes()
    # the draft is a valid codebook, the config passes every check, the marks are listed
    monkeypatch.chdir(study)
    codebook = load_codebook("config/codebook.yaml")
    assert len(codebook.items) == 10 and (codebook.min, codebook.max) == (1, 4)
    assert not any(item.reverse for item in codebook.items)
    check_config(config)
    assert [f for f, _ in unchecked_fields("config/codebook.yaml")] == ["direction", "response_scale", "items"]
    # key: outside the project, mode 0600, named by the config
    key = written["key"]
    assert key == key_home / "sweval/keys/habits_2024.key" and not key.resolve().is_relative_to(study.resolve())
    assert stat.S_IMODE(key.stat().st_mode) == 0o600 and len(key.read_text().strip()) == 64
    assert Path(config["privacy"]["key_file"]).expanduser() == key
    ignored = (study / ".gitignore").read_text(encoding="utf-8").split()
    assert {"*.key", "results/", "logs/"} <= set(ignored) and "data/raw/" not in ignored
    ci = yaml.safe_load((study / ".github/workflows/report.yml").read_text(encoding="utf-8"))
    on = ci.get("on", ci.get(True))
    assert "data/raw/**" in on["push"]["paths"]
    assert "secrets.SWEVAL_PSEUDONYM_KEY" in ci["jobs"]["report"]["env"]["SWEVAL_PSEUDONYM_KEY"]
    snake = (study / "workflow/Snakefile").read_text(encoding="utf-8")
    assert 'SWEVAL_VERSION = "0.1.0"' in snake and "sweval.pipeline.snakefile()" in snake


def test_marks_move_with_the_fields_and_the_run_stops_on_them(tmp_path, capsys, monkeypatch):
    study = tmp_path / "s"
    write_study(plan_study(study, XLSX), study)
    draft = study / "config/codebook.yaml"
    config = yaml.safe_load((study / "config/config.yaml").read_text(encoding="utf-8"))
    monkeypatch.chdir(study)
    text = draft.read_text(encoding="utf-8")
    # the number-mode post export adds nothing the text-mode pre export does not say
    assert "完全不符合" in text and re.search(r"^direction: higher +# TO CHECK", text, flags=re.M)
    problem = unchecked_problem(config)
    assert "direction (line" in problem and "response_scale (line" in problem and "items (line" in problem
    with pytest.raises(SystemExit) as stop:
        stop_unless_reviewed(config)
    assert stop.value.code == 1 and "still hold a 'TO CHECK' mark" in capsys.readouterr().err
    # a mark on its own comment line belongs to the next field; deleting marks clears them
    text = re.sub(r"^direction: higher +# TO CHECK.*$", "# TO CHECK: which way is better?\ndirection: higher",
                  text, flags=re.M)
    draft.write_text(text, encoding="utf-8")
    assert [f for f, _ in unchecked_fields(draft)] == ["direction", "response_scale", "items"]
    draft.write_text(re.sub(r".*TO CHECK.*\n?", lambda m: "" if m.group().startswith("#")
                            else m.group().split("#")[0].rstrip() + "\n", text), encoding="utf-8")
    assert unchecked_fields(draft) == [] and unchecked_problem(config) is None
    stop_unless_reviewed(config)          # returns: nothing left to check


def test_given_and_matched_codebooks_need_no_draft(tmp_path):
    given = plan_study(tmp_path / "a", XLSX, instrument=str(INSTRUMENT))
    assert (given.how, given.instrument) == ("given", "config/instrument.yaml")
    write_study(given, tmp_path / "a")
    assert (tmp_path / "a/config/instrument.yaml").read_bytes() == INSTRUMENT.read_bytes()
    assert not (tmp_path / "a/config/codebook.yaml").exists()
    matched = plan_study(tmp_path / "b", CSV, candidates={"mine": INSTRUMENT})
    assert (matched.how, matched.instrument) == ("matched", "config/instrument.yaml")
    assert matched.item_ids[0] == "habit_01" and not matched.notes
    # a codebook with another number of items cannot be the scale
    with pytest.raises(InitError, match="12 items"):
        plan_study(tmp_path / "c", CSV, instrument="cyrm12")


def test_an_existing_key_is_kept_and_a_key_inside_the_project_refused(tmp_path, key_home):
    key = default_key_path("kept")
    key.parent.mkdir(parents=True)
    key.write_text("ab" * 32 + "\n", encoding="utf-8")
    written = write_study(plan_study(tmp_path / "kept", CSV), tmp_path / "kept")
    assert written["key"] == key and not written["key_created"] and key.read_text() == "ab" * 32 + "\n"
    with pytest.raises(InitError, match="inside the study folder"):
        write_study(plan_study(tmp_path / "in", CSV), tmp_path / "in", key_file=tmp_path / "in/secret.key")
    short = tmp_path / "short.key"
    short.write_text("tooshort", encoding="utf-8")
    with pytest.raises(InitError, match="never overwrites"):
        write_study(plan_study(tmp_path / "short", CSV), tmp_path / "short", key_file=short)
    assert short.read_text() == "tooshort"


def test_a_non_empty_folder_is_refused_unless_forced(tmp_path, capsys):
    study = tmp_path / "busy"
    study.mkdir()
    (study / "notes.txt").write_text("mine", encoding="utf-8")
    args = ["init", str(study), "--export", str(CSV[0]), "--export", str(CSV[1]), "--no-dry-run"]
    assert sweval_main(args) == 1
    err = capsys.readouterr().err
    assert "is not empty (notes.txt)" in err and "--force" in err and "Traceback" not in err
    assert not (study / "config").exists()
    assert sweval_main(args + ["--force"]) == 0
    assert (study / "notes.txt").read_text() == "mine" and (study / "config/config.yaml").is_file()
    # a fresh clone of the study's (empty) private repository holds only .git
    clone = tmp_path / "clone"
    (clone / ".git").mkdir(parents=True)
    assert sweval_main(["init", str(clone), "--export", str(CSV[0]), "--no-dry-run"]) == 0


def test_a_study_inside_another_git_repository_is_pointed_out(tmp_path):
    (tmp_path / "lab/.git").mkdir(parents=True)
    written = write_study(plan_study(tmp_path / "lab/study", CSV), tmp_path / "lab/study")
    assert len(written["notes"]) == 1 and "inside the git repository" in written["notes"][0]
    assert write_study(plan_study(tmp_path / "own", CSV), tmp_path / "own")["notes"] == []


def test_never_inside_the_public_sweval_repository(tmp_path):
    assert source_checkout() == ROOT
    with pytest.raises(InitError, match="inside the sweval repository"):
        write_study(plan_study(ROOT / "data/raw/my_study", CSV), ROOT / "data/raw/my_study")
    assert not (ROOT / "data/raw/my_study").exists()


def test_study_ids_for_key_files():
    assert study_slug("habits_2024") == "habits_2024" and study_slug("2024 Group-B") == "study_2024_group_b"
    chinese = [study_slug("抗逆力小组"), study_slug("自尊小组")]
    assert all(re.fullmatch(r"study_[0-9a-f]{8}", s) for s in chinese) and chinese[0] != chinese[1]
    assert re.fullmatch(r"g2024_[0-9a-f]{8}", study_slug("G2024小组"))


def test_wave_names(tmp_path):
    assert plan_study(tmp_path / "w", CSV, waves=["t1", "t2"]).waves == ["t1", "t2"]
    with pytest.raises(InitError, match="one --wave per --export"):
        plan_study(tmp_path / "w", CSV, waves=["pre"])
    with pytest.raises(InitError, match="not allowed"):
        plan_study(tmp_path / "w", CSV, waves=["pre", "post-test"])


def test_the_pipeline_is_found_in_the_source_checkout():
    assert pipeline_dir() == ROOT and snakefile() == ROOT / "Snakefile"


# ---------------------------------------------------------------------------------------------
# end to end: init, the pipeline as a module, the numbers

def _independent_paired(pre_path: Path, post_path: Path) -> dict:
    """The pre->post paired t of the total, computed from the exports with pandas and scipy alone:
    answers to codes 1-4, items 3, 6, 8 reversed (5 - code), total = sum, or item mean x 10 with
    at least 8 of 10 items answered (the draft's min_answered_share 0.8), IDs trimmed and upper-cased."""
    def totals(path: Path) -> pd.Series:
        if path.suffix == ".csv":
            raw = path.read_bytes()
            text = raw.decode("utf-8-sig") if raw.startswith(b"\xef\xbb\xbf") else raw.decode("gb18030")
            frame = pd.read_csv(io.StringIO(text), dtype=str)
        else:
            frame = pd.read_excel(path, dtype=str)
        items = [c for c in frame.columns if c.startswith("4(")]
        codes = frame[items].apply(lambda col: col.map(lambda v: LADDER.index(v) + 1 if v in LADDER
                                                       else float(v) if str(v).isdigit() else np.nan)).astype(float)
        for k in REVERSED:
            codes.iloc[:, k - 1] = 5 - codes.iloc[:, k - 1]
        answered = codes.notna().sum(axis=1)
        total = (codes.mean(axis=1) * 10).where(answered >= 8)
        return pd.Series(total.to_numpy(), index=frame["1、你的编号"].str.strip().str.upper())

    pre, post = totals(pre_path), totals(post_path)
    both = pd.concat([pre.rename("pre"), post.rename("post")], axis=1, join="inner").dropna()
    t = stats.ttest_rel(both["post"], both["pre"])
    diff = both["post"] - both["pre"]
    ci = t.confidence_interval(0.95)
    return {"n_pairs": len(both), "t": t.statistic, "df": t.df, "p": t.pvalue, "mean_diff": diff.mean(),
            "mean_diff_ci_low": ci.low, "mean_diff_ci_high": ci.high, "sd_diff": diff.std(ddof=1)}


def _sweval(*args: str, cwd: Path, env: dict) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "sweval", *args], cwd=cwd, capture_output=True, text=True,
                          env=env, timeout=300)


def _snakemake(study: Path, env: dict) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "snakemake", "--cores", "4"], cwd=study, capture_output=True,
                          text=True, env=env, timeout=600)


def _check_the_draft(study: Path) -> None:
    """What the researcher does with the draft: reverse keys for items 3, 6, 8, marks deleted."""
    draft = study / "config/codebook.yaml"
    text = draft.read_text(encoding="utf-8")
    for k in REVERSED:
        text = re.sub(rf"(id: item_{k:02d},.*)reverse: false", r"\1reverse: true", text)
    draft.write_text(re.sub(r" *# TO CHECK.*", "", text), encoding="utf-8")


@pytest.mark.e2e
@pytest.mark.parametrize("exports", [CSV, XLSX], ids=["csv", "xlsx"])
def test_init_then_the_pipeline_end_to_end(exports, tmp_path, key_home):
    env = {k: v for k, v in os.environ.items() if k not in ("PYTHONPATH", "SWEVAL_PSEUDONYM_KEY")}
    env["XDG_CONFIG_HOME"] = str(key_home)
    study = tmp_path / "study"
    started = time.monotonic()
    made = _sweval("init", str(study), "--export", str(exports[0]), "--export", str(exports[1]), cwd=tmp_path, env=env)
    assert made.returncode == 0, made.stderr[-3000:]
    assert re.search(r"dry run: \d+ jobs \(clean 1, ", made.stdout), made.stdout
    assert f"cd {study} && " in made.stdout and "--cores 4" in made.stdout
    assert "Note: the codebook" in made.stderr or "TO CHECK" in made.stdout

    # the draft stops the run before any job, with one sentence
    stopped = _snakemake(study, env)
    assert stopped.returncode == 1 and "still hold a 'TO CHECK' mark" in stopped.stderr
    assert not (study / "results").exists() and "Traceback" not in stopped.stderr

    _check_the_draft(study)
    run = _snakemake(study, env)
    elapsed = time.monotonic() - started
    assert run.returncode == 0, run.stderr[-4000:]
    print(f"init + run of the {exports[0].suffix} study: {elapsed:.1f} s")
    assert (study / "results/report/evaluation_report.html").stat().st_size > 10_000
    html = (study / "results/report/evaluation_report.html").read_text(encoding="utf-8")
    assert "王" not in html.split("id='provenance'")[0]      # no child's name (all invented) in the body

    paired = pd.read_csv(study / "results/effects/paired.csv").query("scale == 'total' and contrast == 'pre->post'")
    ours = paired.iloc[0]
    expected = _independent_paired(*exports)
    assert ours["n_pairs"] == expected["n_pairs"] == 28 and ours["n_excluded"] == 2
    for name in ("t", "df", "p", "mean_diff", "mean_diff_ci_low", "mean_diff_ci_high", "sd_diff"):
        # the table holds 10 significant digits (sweval.io.FLOAT_FORMAT)
        assert ours[name] == pytest.approx(expected[name], rel=1e-9), name


def test_a_study_pinned_to_another_sweval_version_says_what_to_do(tmp_path, key_home):
    study = tmp_path / "pinned"
    write_study(plan_study(study, CSV, instrument=str(INSTRUMENT)), study)
    snake = study / "workflow/Snakefile"
    snake.write_text(snake.read_text(encoding="utf-8").replace('SWEVAL_VERSION = "0.1.0"', 'SWEVAL_VERSION = "0.0.9"'),
                     encoding="utf-8")
    env = {k: v for k, v in os.environ.items() if k != "PYTHONPATH"}
    proc = subprocess.run([sys.executable, "-m", "snakemake", "--dry-run", "--cores", "1"], cwd=study,
                          capture_output=True, text=True, env=env, timeout=300)
    assert proc.returncode != 0
    assert "made with sweval 0.0.9" in proc.stderr and "SWEVAL_VERSION" in proc.stderr, proc.stderr[-2000:]
