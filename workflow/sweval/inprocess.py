"""Run a rule's thin script inside the running Snakemake process, or in a pre-warmed child.

A ``script:`` rule starts a new Python interpreter that imports pandas, scipy and statsmodels
again (1-3 s a rule, more than most steps compute for a study of 50 children). The workflow's
rules instead use ``run:`` blocks that execute the same script files through :func:`run_script`,
with a ``snakemake`` object carrying the job's input, output, params, log and wildcards. The
workflow profile (profiles/default) sets ``force-use-threads`` so Snakemake runs these jobs in
threads of its own process rather than in one new Snakemake process each.

Threads share one interpreter lock, so a job that computes for long would hold up the others.
Such jobs (the rule says ``own_process=True``: the reliability bootstrap, the notebooks' figures;
and every job whose input files reach ``LARGE_INPUT_BYTES``, e.g. a survey of 100,000 children)
run in a child process forked from a *forkserver*: one process, started when the run starts
(``warm_up``, from the workflow's ``onstart``) or at the first such job, that has imported the
libraries once (``sweval.preload``); each job forks from it in a few
milliseconds, already warm, and the operating system spreads the jobs over the cores. Where
there is no forkserver (Windows), they run in Snakemake's process like the rest.

``SWEVAL_STEP_PROCESS=0`` keeps every job in Snakemake's process; ``=1`` sends every job to a child.
"""
from __future__ import annotations

import functools
import multiprocessing
import os
from multiprocessing import spawn
import signal
import threading
import traceback
from pathlib import Path
from types import SimpleNamespace

LARGE_INPUT_BYTES = 20_000_000  # ~ 10,000 children x 3 waves of CYRM-28 responses

_FORKSERVER = None
_FORKSERVER_LOCK = threading.Lock()


class _Named(list):
    """A list whose items also have names, like Snakemake's input/output/log/params objects."""

    def __init__(self, items: list, names: dict[str, object]):
        super().__init__(items)
        self.__dict__.update(names)

    def __getitem__(self, key):
        return self.__dict__[key] if isinstance(key, str) else list.__getitem__(self, key)

    def items(self):
        return self.__dict__.items()


def _plain(named, *, paths: bool = False) -> tuple[list, dict]:
    """Items and names of a Snakemake Namedlist (or of a plain list / None), as plain Python.

    ``paths``: the values are file names (Snakemake's str subclasses become str, so the child
    need not unpickle Snakemake's classes).
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


def _forkserver():
    """The forkserver context (started on first use with sweval.preload), or None where there is none."""
    global _FORKSERVER
    with _FORKSERVER_LOCK:
        if _FORKSERVER is None:
            if "forkserver" not in multiprocessing.get_all_start_methods():
                return None
            context = multiprocessing.get_context("forkserver")
            context.set_forkserver_preload(["sweval.preload"])
            _skip_main_module_in_jobs()
            _FORKSERVER = context
        return _FORKSERVER


def _skip_main_module_in_jobs() -> None:
    """Our jobs need nothing from Snakemake's main module; don't make each one import it.

    multiprocessing has every child re-run the parent's main script as ``__mp_main__`` (for
    ``snakemake`` started as a console script: an import of snakemake.cli, about a second per
    job). The wrapper leaves the instructions for that out of the preparation data of processes
    named "sweval ..." (ours) and changes nothing for any other process.
    """
    original = spawn.get_preparation_data
    if getattr(original, "_sweval", False):
        return

    @functools.wraps(original)
    def get_preparation_data(name):
        data = original(name)
        if str(name).startswith("sweval "):
            data.pop("init_main_from_path", None)
            data.pop("init_main_from_name", None)
        return data

    get_preparation_data._sweval = True
    spawn.get_preparation_data = get_preparation_data


def warm_up() -> None:
    """Start the forkserver now (it imports the libraries while the first, small jobs run)."""
    if os.environ.get("SWEVAL_STEP_PROCESS", "") != "0" and _forkserver() is not None:
        from multiprocessing import forkserver

        forkserver.ensure_running()


def run_script(path: str | Path, *, input, output, params, log, wildcards=None, threads: int = 1,
               resources=None, own_process: bool = False, nice: int = 0,
               large_inputs_apart: bool = True) -> None:
    """Execute the script at ``path`` with a ``snakemake`` object, as Snakemake's ``script:`` would.

    In this process, or in a warm child (see the module docstring) when ``own_process`` is set
    or the inputs reach ``LARGE_INPUT_BYTES`` (unless ``large_inputs_apart`` is False).
    ``nice``: the child's scheduling niceness (the report's notebooks yield the cores to the
    statistics that later notebooks wait for).
    """
    mode = os.environ.get("SWEVAL_STEP_PROCESS", "")
    large = large_inputs_apart and _input_bytes(input) >= LARGE_INPUT_BYTES
    child = mode == "1" or (mode != "0" and (own_process or large))
    context = _forkserver() if child else None
    if context is None:
        _execute(str(path), SimpleNamespace(input=input, output=output, params=params, log=log,
                                            wildcards=wildcards, threads=threads, resources=resources))
        return
    job = {name: _plain(value, paths=name in ("input", "output", "log", "wildcards")) for name, value in
           (("input", input), ("output", output), ("params", params), ("log", log), ("wildcards", wildcards))}
    _run_in_child(context, str(path), job, nice)


def _run_in_child(context, path: str, job: dict, nice: int = 0) -> None:
    from .io import StepFailed

    reader, writer = context.Pipe(duplex=False)
    process = context.Process(target=_child, args=(path, job, writer, nice), name=f"sweval {Path(path).stem}")
    process.start()
    writer.close()
    try:
        outcome = reader.recv()
    except EOFError:  # the child died without a word (killed, out of memory)
        outcome = None
    finally:
        process.join()
        reader.close()
    if outcome is None:
        outcome = ("error", f"the process ended with exit status {process.exitcode} "
                            "(a negative status is the signal that ended it: -9 is often the out-of-memory killer)")
    if outcome[0] == "stopped":
        raise StepFailed(outcome[1])
    if outcome[0] == "error":
        raise RuntimeError(f"the step {Path(path).stem} failed in its own process:\n{outcome[1]}")


def _child(path: str, job: dict, writer, nice: int = 0) -> None:
    """In the forked child: run the script, report how it ended through ``writer``."""
    from . import io

    _die_with_parent()
    if nice and hasattr(os, "nice"):
        os.nice(nice)
    io.RAISE_IN_MAIN_THREAD = True  # report a bad-input sentence to the parent, do not exit
    parts = {name: _Named(items, names) for name, (items, names) in job.items()}
    try:
        _execute(path, SimpleNamespace(**parts, threads=1, resources=None))
        outcome = ("ok",)
    except io.StepFailed as exc:
        outcome = ("stopped", str(exc))
    except SystemExit as exc:  # sys.exit() in a script: 0 or None is a success, as in a process of its own
        outcome = ("ok",) if exc.code in (0, None) else ("error", f"the script called sys.exit({exc.code!r})")
    except BaseException:  # noqa: BLE001 - a bug: its traceback goes to the parent
        outcome = ("error", traceback.format_exc())
    writer.send(outcome)
    writer.close()


def _die_with_parent() -> None:
    """Linux: the child gets SIGTERM when its parent (the forkserver, which ends with Snakemake)
    dies, so a killed run leaves no step running behind it."""
    try:
        import ctypes

        ctypes.CDLL("libc.so.6", use_errno=True).prctl(1, signal.SIGTERM)  # PR_SET_PDEATHSIG
    except (OSError, AttributeError):
        pass
