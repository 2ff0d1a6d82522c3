"""Run a rule's thin script inside the running Snakemake process, or beside it for large inputs.

A ``script:`` rule starts a new Python interpreter that imports pandas, scipy and statsmodels
again (1-3 s a rule, more than most steps compute for a study of 50 children). The workflow's
rules instead use ``run:`` blocks that execute the same script files here, with a ``snakemake``
object carrying the job's input, output, params, log and wildcards, so the libraries are imported
once per run. The workflow profile (profiles/default) sets ``force-use-threads`` so Snakemake runs
these jobs in threads of its own process rather than in one new Snakemake process each.

Threads share one interpreter lock, though: for a survey of many thousands of children the steps
that could run side by side (paired tests, individual change, mixed model) would take turns on
one core. A job whose input files reach ``LARGE_INPUT_BYTES`` therefore runs the same script in a
child interpreter (``python -m sweval.inprocess JOBFILE``), where the import cost is small beside
the work and the operating system spreads the steps over the cores.
"""
from __future__ import annotations

import functools
import os
import pickle
import signal
import subprocess
import sys
import tempfile
from pathlib import Path
from types import SimpleNamespace

LARGE_INPUT_BYTES = 20_000_000  # ~ 10,000 children x 3 waves of CYRM-28 responses


class _Named(list):
    """A list whose items also have names, like Snakemake's input/output/log/params objects."""

    def __init__(self, items: list, names: dict[str, object]):
        super().__init__(items)
        self.__dict__.update(names)

    def __getitem__(self, key):
        return self.__dict__[key] if isinstance(key, str) else list.__getitem__(self, key)


def _plain(named, *, paths: bool = False) -> tuple[list, dict]:
    """Items and names of a Snakemake Namedlist (or of a plain list / None), as plain Python.

    ``paths``: the values are file names (Snakemake's str subclasses become str, so the child
    interpreter need not import Snakemake to read them).
    """
    if named is None:
        return [], {}

    def plain(value):
        if not paths:
            return value
        return [str(v) for v in value] if isinstance(value, list) else str(value)

    names = {k: plain(v) for k, v in named.items()} if callable(getattr(named, "items", None)) else {}
    return [plain(v) for v in named], names


@functools.cache
def _compiled(path: str):
    return compile(Path(path).read_text(encoding="utf-8"), path, "exec")


def _execute(path: str, job: SimpleNamespace) -> None:
    exec(_compiled(str(path)), {"__name__": "__sweval_rule__", "__file__": str(path), "snakemake": job})


def _input_bytes(input) -> int:
    total = 0
    for value in _plain(input)[0]:
        for item in value if isinstance(value, list) else [value]:
            try:
                total += os.path.getsize(item)
            except (OSError, TypeError):
                pass
    return total


def run_script(path: str | Path, *, input, output, params, log, wildcards=None, threads: int = 1,
               resources=None) -> None:
    """Execute the script at ``path`` with a ``snakemake`` object, as Snakemake's ``script:`` would.

    In this process for small inputs; in a child interpreter once the inputs reach
    ``LARGE_INPUT_BYTES`` (or always, when the environment sets ``SWEVAL_STEP_PROCESS=1``;
    ``=0`` keeps every step in this process).
    """
    mode = os.environ.get("SWEVAL_STEP_PROCESS", "")
    if mode == "1" or (mode != "0" and _input_bytes(input) >= LARGE_INPUT_BYTES):
        _run_in_child(path, input=input, output=output, params=params, log=log, wildcards=wildcards)
        return
    job = SimpleNamespace(input=input, output=output, params=params, log=log, wildcards=wildcards,
                          threads=threads, resources=resources)
    _execute(str(path), job)


def _run_in_child(path, *, input, output, params, log, wildcards) -> None:
    from .io import StepFailed

    job = {name: _plain(value, paths=name in ("input", "output", "log", "wildcards")) for name, value in
           (("input", input), ("output", output), ("params", params), ("log", log), ("wildcards", wildcards))}
    fd, jobfile = tempfile.mkstemp(prefix="sweval-job-", suffix=".pickle")
    try:
        with os.fdopen(fd, "wb") as fh:
            pickle.dump({"path": str(path), "job": job}, fh)
        env = dict(os.environ, PYTHONPATH=os.pathsep.join(
            [str(Path(__file__).resolve().parents[1]), os.environ.get("PYTHONPATH", "")]).rstrip(os.pathsep))
        proc = subprocess.run([sys.executable, "-m", "sweval.inprocess", jobfile], env=env,
                              stderr=subprocess.PIPE, text=True, preexec_fn=_die_with_parent)
    finally:
        os.unlink(jobfile)
    if proc.stderr:
        sys.stderr.write(proc.stderr)
    marker = proc.stderr.rfind("sweval step '")
    if proc.returncode == 1 and marker >= 0:  # io.step's sentence for the researcher
        raise StepFailed(proc.stderr[marker + len("sweval "):].strip())
    if proc.returncode:
        raise RuntimeError(f"the step {Path(path).stem} failed in its own process (exit status "
                           f"{proc.returncode}); its output is above.")


def _die_with_parent() -> None:
    """Linux: the child gets SIGTERM when Snakemake dies (so a killed run leaves no step running)."""
    try:
        import ctypes

        ctypes.CDLL("libc.so.6", use_errno=True).prctl(1, signal.SIGTERM)  # PR_SET_PDEATHSIG
    except (OSError, AttributeError):
        pass


def _main(jobfile: str) -> None:
    with open(jobfile, "rb") as fh:
        spec = pickle.load(fh)
    parts = {name: _Named(items, names) for name, (items, names) in spec["job"].items()}
    _execute(spec["path"], SimpleNamespace(**parts, threads=1, resources=None))


if __name__ == "__main__":
    _main(sys.argv[1])
