"""Copy the workflow into a temporary folder, as a researcher's clone would hold it."""
from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
# What a run needs: the workflow, its default profile, the notebooks.
WORKFLOW = ("Snakefile", "workflow", "notebooks", "profiles")
EXAMPLE = ("config.yaml", "data/raw/example")


def copy_project(dest: Path, *, example: bool = True) -> Path:
    """Copy the workflow (and, by default, the example study's config and data) into ``dest``."""
    for item in WORKFLOW + (EXAMPLE if example else ()):
        src, dst = ROOT / item, dest / item
        if src.is_dir():
            shutil.copytree(src, dst, ignore=shutil.ignore_patterns("__pycache__"))
        else:
            dst.parent.mkdir(parents=True, exist_ok=True)
            shutil.copy2(src, dst)
    return dest


def run_snakemake(workdir: Path, *args: str, timeout: int = 900) -> subprocess.CompletedProcess:
    """`snakemake --cores 4 ARGS` in ``workdir`` with this interpreter, output captured."""
    return subprocess.run([sys.executable, "-m", "snakemake", "--cores", "4", *args], cwd=workdir,
                          capture_output=True, text=True, timeout=timeout)


def rerun_in_language(done: Path, work: Path, language: str) -> Path:
    """A copy of the finished run ``done`` at ``work`` with only the notebooks and the report run
    again in ``language`` (the statistics are the same in every language)."""
    shutil.copytree(done, work, symlinks=True)
    proc = run_snakemake(work, "--config", f"language={language}", "--forcerun", "notebook", "report",
                         "--rerun-triggers", "mtime")
    assert proc.returncode == 0, proc.stderr[-4000:]
    return work
