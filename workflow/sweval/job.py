"""A rule script's job: the config its rule passed, its log, and how it ends.

Light on purpose (no pandas): the notebook rule's process only runs papermill.
"""
from __future__ import annotations

import contextlib
import logging
import os
import sys
from glob import escape as glob_escape
from pathlib import Path

from .errors import ConfigError, InputError


def rule_config(params) -> dict:
    """The study config a rule passed to its script as params: one param per config key, each
    holding ``{key: value}`` (``config_params`` in workflow/rules/common.smk), joined again into a
    dict; other params (a rule's own, e.g. the report's ``sections``) are left out."""
    return {name: value[name] for name, value in params.items() if isinstance(value, dict) and list(value) == [name]}


def end_with_parent() -> None:
    """Linux: this process gets SIGTERM when the process that started it (Snakemake) dies, so a
    SIGKILL of Snakemake leaves no step running and writing results behind it. A notebook's
    Jupyter kernel follows on its own: it ends when its parent (papermill, in this process) is gone.
    Elsewhere nothing is done (Snakemake's own Ctrl-C handling still stops the jobs)."""
    if not sys.platform.startswith("linux"):
        return
    import ctypes
    import signal

    try:
        ctypes.CDLL(None, use_errno=True).prctl(1, signal.SIGTERM)  # 1: PR_SET_PDEATHSIG
    except (OSError, AttributeError):
        return
    if os.getppid() == 1:  # the parent was gone before the line above
        os._exit(1)
    # SIGTERM (from the line above, or from a scheduler) ends the step as an exception would, so
    # sweval.io's atomic writers remove their temporary files on the way out
    signal.signal(signal.SIGTERM, _terminated)


def _terminated(signum, frame) -> None:
    raise SystemExit(128 + signum)


def remove_stale_temporaries(outputs) -> list[Path]:
    """Temporary files a killed earlier run of this job left beside its outputs.

    sweval.io writes each table to ``.<name>.<random>.tmp`` beside it and renames it when done; a
    SIGKILL (power loss, the OOM killer, Snakemake killing a job after Ctrl-C) leaves that file.
    Snakemake lets one job at a time own an output, so the job about to write ``<name>`` owns
    those files and removes them before it starts."""
    removed = []
    for output in outputs:
        path = Path(output)
        if not path.parent.is_dir():
            continue
        for stale in path.parent.glob(f".{glob_escape(path.name)}.*.tmp"):
            with contextlib.suppress(FileNotFoundError):
                stale.unlink()
                removed.append(stale)
    return removed


@contextlib.contextmanager
def step(log_path: str | os.PathLike | None, name: str):
    """Run a pipeline step (a rule's script, in a process of its own): log to ``log_path``; a
    bad-input error ends it with one paragraph.

    InputError and ConfigError are the researcher's to fix: they are written to the log and to
    stderr as a sentence, and the process exits with status 1, without a traceback. Anything else
    is a bug and keeps its traceback.
    """
    job = getattr(sys.modules.get("__main__"), "snakemake", None)
    if job is not None:  # a rule's script: job
        end_with_parent()
        remove_stale_temporaries(job.output)
    logger = logging.getLogger(f"sweval.step.{name}")
    logger.setLevel(logging.INFO)
    logger.propagate = False
    handler = None
    if log_path:
        Path(log_path).parent.mkdir(parents=True, exist_ok=True)
        handler = logging.FileHandler(log_path, mode="w", encoding="utf-8")
        handler.setFormatter(logging.Formatter("%(levelname)s %(message)s"))
        logger.addHandler(handler)
    try:
        logger.info("step %s started", name)
        yield logger
        logger.info("step %s finished", name)
    except (InputError, ConfigError) as exc:
        # str() for the log file, format() for the terminal: an error that names a raw ID as the
        # worker wrote it (clean_process.IdentifiedInputError) withholds it from str() only
        logger.error("%s", str(exc))
        print(f"\nsweval step '{name}' stopped: {format(exc)}\n", file=sys.stderr)
        sys.exit(1)
    finally:
        if handler:
            logger.removeHandler(handler)
            handler.close()
