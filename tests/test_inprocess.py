"""Jobs that run in a child forked from the warm forkserver (sweval.inprocess) behave as jobs in
Snakemake's own process: same outputs, a bad input ends with the researcher's sentence, a bug with
its traceback."""
import os
import subprocess
import sys
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import pytest
from project import copy_project

from sweval.inprocess import _Named, run_script
from sweval.io import StepFailed

SCRIPT = '''
from pathlib import Path
from sweval.errors import InputError
from sweval.io import step

with step(snakemake.log[0], "toy"):
    what = snakemake.params.what
    if what == "bad input":
        raise InputError("row 3 of survey.csv has no ID.", file="survey.csv", row=3, column="id")
    if what == "bug":
        1 / 0
    Path(snakemake.output.out).write_text(f"{os.getpid()} {snakemake.wildcards.section}")
'''.replace("from pathlib import Path", "import os\nfrom pathlib import Path", 1)


def _run(tmp_path, what, **kw):
    """run_script from a worker thread, as Snakemake (force-use-threads) calls it."""
    script = tmp_path / "toy.py"
    script.write_text(SCRIPT)
    out = tmp_path / "out.txt"
    with ThreadPoolExecutor(1) as pool:
        pool.submit(run_script, script, input=_Named([], {}), output=_Named([str(out)], {"out": str(out)}),
                    params=_Named([what], {"what": what}), log=[str(tmp_path / "toy.log")],
                    wildcards=_Named(["a"], {"section": "a"}), **kw).result()
    return out


@pytest.mark.parametrize("own_process", [False, True])
def test_the_script_runs_where_asked(tmp_path, own_process):
    pid, section = _run(tmp_path, "fine", own_process=own_process).read_text().split()
    assert section == "a"
    assert (int(pid) != os.getpid()) == own_process


@pytest.mark.parametrize("own_process", [False, True])
def test_a_bad_input_ends_with_the_sentence(tmp_path, own_process):
    with pytest.raises(StepFailed, match=r"step 'toy' stopped: file survey.csv, row 3, column 'id': row 3 of survey.csv has no ID"):
        _run(tmp_path, "bad input", own_process=own_process)
    assert "row 3 of survey.csv has no ID" in (tmp_path / "toy.log").read_text()


def test_a_bug_in_a_child_brings_its_traceback(tmp_path):
    with pytest.raises(RuntimeError, match=r"(?s)failed in its own process.*ZeroDivisionError"):
        _run(tmp_path, "bug", own_process=True)


def test_a_step_stopped_in_a_child_shows_the_sentence_through_snakemake(tmp_path):
    """Every job in a child (SWEVAL_STEP_PROCESS=1): a survey ID column that does not exist."""
    work = copy_project(tmp_path)
    text = (work / "config.yaml").read_text(encoding="utf-8")
    (work / "config.yaml").write_text(text.replace("id_column: {question: 1}", "id_column: {question: 99}", 1),
                                      encoding="utf-8")
    proc = subprocess.run([sys.executable, "-m", "snakemake", "--cores", "2", "results/clean/responses.csv"],
                          cwd=work, capture_output=True, text=True, timeout=300,
                          env=dict(os.environ, SWEVAL_STEP_PROCESS="1"))
    out = proc.stdout + proc.stderr
    assert proc.returncode != 0
    assert "step 'clean' stopped:" in out and "99" in out, out[-3000:]
    assert "Traceback" not in out.split("step 'clean' stopped:")[0], out[-3000:]
    assert not (Path(work) / "results/clean/responses.csv").exists()
