"""Same answer every time, and nothing half-written survives an interruption.

Two cold runs of the whole workflow on the example study, each in its own copy of one frozen
snapshot of the project:

- run A goes straight through;
- run B is interrupted twice: Ctrl-C (SIGINT to the process group, as a terminal sends it) once
  the clean step has written its tables, then SIGKILL (power loss, OOM killer) once the first
  section notebook has been written; each time it is resumed the way the README tells a
  researcher to (``--rerun-incomplete``, and ``--unlock`` first if Snakemake reports the
  killed run's stale lock).

Every job of run B ran cold and to its end at least once, so comparing B with A checks both
promises: CSV tables under results/ are byte-identical, the report differs at most in its
"Generated: <date>" lines, and the tables that existed at the moment of each kill were either
finished (identical to A's) or marked incomplete by Snakemake, never silently half-written.
"""
from __future__ import annotations

import base64
import json
import os
import re
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
from project import copy_project

pytestmark = pytest.mark.e2e
DATE = re.compile(r"(Generated: )\d{4}-\d{2}-\d{2}")
RUN_SECONDS = 900


def _snakemake_cmd(*args: str) -> list[str]:
    return [sys.executable, "-m", "snakemake", "--cores", "4", *args]


def _run(workdir: Path, *args: str) -> subprocess.CompletedProcess:
    return subprocess.run(_snakemake_cmd(*args), cwd=workdir, capture_output=True, text=True,
                          timeout=RUN_SECONDS)


def _incomplete(workdir: Path) -> set[str]:
    """Outputs Snakemake has marked as incomplete (the names are base64 of the path)."""
    folder = workdir / ".snakemake" / "incomplete"
    if not folder.is_dir():
        return set()
    return {base64.b64decode(p.name).decode() for p in folder.iterdir() if p.is_file()}


def _interrupt(workdir: Path, trigger: str, sig: signal.Signals, *args: str) -> dict:
    """Start the workflow, wait until ``trigger`` (a glob under workdir) matches, send ``sig``
    to the whole process group and wait for it to end; what the kill left behind."""
    with open(workdir / f"interrupted_{sig}.log", "w") as log:
        proc = subprocess.Popen(_snakemake_cmd(*args), cwd=workdir, stdout=log, stderr=subprocess.STDOUT,
                                start_new_session=True)
        deadline = time.monotonic() + RUN_SECONDS
        while not any(workdir.glob(trigger)) and proc.poll() is None and time.monotonic() < deadline:
            time.sleep(0.05)
        running = proc.poll() is None
        if running:
            os.killpg(proc.pid, sig)
        proc.wait(timeout=120)
    tables = {str(p.relative_to(workdir)): p.read_bytes() for p in (workdir / "results").rglob("*.csv")}
    return {"running_when_signalled": running, "returncode": proc.returncode, "tables": tables,
            "incomplete": _incomplete(workdir),
            "temp_files": sorted(str(p) for p in (workdir / "results").rglob(".*.tmp"))}


@pytest.fixture(scope="module")
def runs(tmp_path_factory, root):
    base = tmp_path_factory.mktemp("robustness")
    snapshot = copy_project(base / "snapshot")   # both runs start from the same bytes
    a = shutil.copytree(snapshot, base / "a")
    b = shutil.copytree(snapshot, base / "b")
    started = time.monotonic()
    full = _run(a)
    assert full.returncode == 0, full.stderr[-4000:]
    seconds_a = time.monotonic() - started

    started = time.monotonic()
    ctrl_c = _interrupt(b, "results/clean/responses.csv", signal.SIGINT)
    after_ctrl_c = _run(b, "--dry-run")           # a plain rerun: refuses, or finds nothing torn
    killed = _interrupt(b, "results/notebooks/*.ipynb", signal.SIGKILL, "--rerun-incomplete")
    resumed = _run(b, "--rerun-incomplete")
    locked = resumed.returncode != 0
    if locked:                        # the killed run's lock is still there: the README's remedy
        assert "--unlock" in resumed.stderr + resumed.stdout, resumed.stderr[-4000:]
        assert _run(b, "--unlock").returncode == 0
        resumed = _run(b, "--rerun-incomplete")
    assert resumed.returncode == 0, resumed.stderr[-4000:]
    seconds_b = time.monotonic() - started
    print(f"\nrun A {seconds_a:.0f} s; run B with two interruptions {seconds_b:.0f} s; "
          f"incomplete after Ctrl-C: {len(ctrl_c['incomplete'])}, after SIGKILL: {len(killed['incomplete'])}; "
          f"stale lock after SIGKILL: {locked}")
    return {"a": a, "b": b, "ctrl_c": ctrl_c, "after_ctrl_c": after_ctrl_c, "killed": killed}


def _files(results: Path, pattern: str) -> dict[str, bytes]:
    return {str(p.relative_to(results)): p.read_bytes() for p in sorted(results.rglob(pattern))
            if p.is_file()}


def test_tables_are_byte_identical(runs):
    a, b = _files(runs["a"] / "results", "*.csv"), _files(runs["b"] / "results", "*.csv")
    assert len(a) >= 30 and set(a) == set(b)
    differ = [name for name in a if a[name] != b[name]]
    assert not differ, differ


def test_report_differs_at_most_in_its_date(runs):
    html = [(run / "results/report/evaluation_report.html").read_text(encoding="utf-8") for run in (runs["a"], runs["b"])]
    assert len(DATE.findall(html[0])) >= 1
    same = [DATE.sub(r"\g<1>YYYY-MM-DD", text) for text in html]
    if same[0] != same[1]:
        where = next(k for k, (x, y) in enumerate(zip(*same)) if x != y)
        pytest.fail(f"reports differ beyond the date near: {same[0][max(0, where - 150):where + 150]!r}")
    assets = [{name: data for name, data in _files(run / "results/report", "*").items() if not name.endswith(".html")}
              for run in (runs["a"], runs["b"])]
    assert assets[0] == assets[1]          # figures (PNG bytes, metadata included) and tables


def _outputs(path: Path) -> list:
    """What a notebook shows: each code cell's outputs (execution metadata, ids and timestamps
    left out; those are the executor's, not the study's)."""
    cells = json.loads(path.read_text(encoding="utf-8"))["cells"]
    return [cell.get("outputs") for cell in cells if cell["cell_type"] == "code"]


def test_executed_notebooks_show_the_same(runs):
    names = sorted(p.name for p in (runs["a"] / "results/notebooks").glob("*.ipynb"))
    assert names
    for name in names:
        assert _outputs(runs["a"] / "results/notebooks" / name) == _outputs(runs["b"] / "results/notebooks" / name), name


def test_the_interruptions_really_interrupted(runs):
    for what in ("ctrl_c", "killed"):
        assert runs[what]["running_when_signalled"], f"{what}: the workflow had finished before the signal"
        assert runs[what]["returncode"] != 0
    assert runs["killed"]["incomplete"]        # a hard kill leaves the jobs it cut off marked


def test_a_plain_rerun_never_takes_half_finished_outputs(runs):
    """After Ctrl-C Snakemake either removed what the stopped jobs wrote, or marked it incomplete;
    a plain rerun then plans the work (re-running marked outputs when the workflow profile says
    rerun-incomplete) or refuses, naming --rerun-incomplete. Which one depends on how jobs run
    and on the profile; a torn table taken for a finished one is never an option (see below)."""
    plain = runs["after_ctrl_c"]
    out = plain.stderr + plain.stdout
    assert plain.returncode == 0 or (runs["ctrl_c"]["incomplete"] and "--rerun-incomplete" in out), out[-2000:]


def test_tables_present_at_a_kill_are_finished_or_marked_incomplete(runs):
    """The atomic writes of sweval.io: a table on disk at the moment of a kill is the finished
    table (identical to the uninterrupted run's) unless Snakemake marked it incomplete."""
    final = {f"results/{name}": data for name, data in _files(runs["a"] / "results", "*.csv").items()}
    for what in ("ctrl_c", "killed"):
        state = runs[what]
        torn = [name for name, data in state["tables"].items()
                if name not in state["incomplete"] and data != final.get(name)]
        assert not torn, (what, torn)


def test_no_temporary_files_left_in_results(runs):
    leftovers = sorted(str(p.relative_to(runs["b"])) for p in (runs["b"] / "results").rglob(".*.tmp"))
    assert not leftovers, leftovers


def _processes_of(workdir: Path) -> list[str]:
    """Processes working in ``workdir`` (a job's script, papermill, a Jupyter kernel)."""
    found = []
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit() or int(entry.name) == os.getpid():
            continue
        try:
            cwd = os.readlink(entry / "cwd")
            cmdline = (entry / "cmdline").read_bytes().replace(b"\0", b" ").decode(errors="replace")
        except OSError:
            continue
        if cwd == str(workdir) or str(workdir) in cmdline:
            found.append(f"{entry.name}: {cmdline[:120]}")
    return found


def _results_state(workdir: Path) -> dict[str, tuple[int, int]]:
    return {str(p): (p.stat().st_mtime_ns, p.stat().st_size) for p in (workdir / "results").rglob("*") if p.is_file()}


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="reads /proc")
def test_a_sigkill_of_snakemake_alone_leaves_no_job_running_or_writing(tmp_path):
    """SIGKILL to the Snakemake process only (not its group), while a section notebook's kernel and
    other jobs run: within a few seconds no process of the run is left, and results/ stays as it
    was from then on (each job's script ends with its parent: sweval.job.end_with_parent)."""
    work = copy_project(tmp_path / "project").resolve()
    with open(work / "killed.log", "w") as log:
        proc = subprocess.Popen(_snakemake_cmd(), cwd=work, stdout=log, stderr=subprocess.STDOUT,
                                start_new_session=True)
        deadline = time.monotonic() + RUN_SECONDS
        while proc.poll() is None and time.monotonic() < deadline \
                and not any("ipykernel" in p for p in _processes_of(work)):
            time.sleep(0.05)
        assert proc.poll() is None, "the run ended before a notebook's kernel started"
        os.kill(proc.pid, signal.SIGKILL)
        proc.wait(timeout=60)
    deadline = time.monotonic() + 15
    while _processes_of(work) and time.monotonic() < deadline:
        time.sleep(0.2)
    assert not _processes_of(work), _processes_of(work)
    before = _results_state(work)
    time.sleep(3)
    assert _results_state(work) == before
    assert not _processes_of(work)
