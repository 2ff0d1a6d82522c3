"""Where the Snakemake pipeline's own files are: the repository in a source checkout, the copy
packaged with sweval otherwise.

The pipeline is the Snakefile, ``workflow/rules``, ``workflow/scripts``, ``workflow/report``,
``notebooks`` and ``profiles`` at the repository root. A wheel (or any non-editable install)
carries a copy of them as package data under ``sweval/_pipeline/``, in the same layout, made at
build time by ``setup.py`` (nothing is duplicated in git). A study made by ``sweval init`` uses
the pipeline as a Snakemake ``module`` whose ``snakefile:`` is :func:`snakefile`.

    python -m sweval.pipeline        # prints the Snakefile's path
"""
from __future__ import annotations

from importlib.resources import files
from pathlib import Path

#: The pipeline's files and folders, relative to the repository root (and to the packaged copy).
PIPELINE_FILES = ("Snakefile", "workflow/rules", "workflow/scripts", "workflow/report", "notebooks",
                  "profiles", "requirements.lock")
PACKAGED = "_pipeline"


def _is_pipeline(root: Path) -> bool:
    return (root / "Snakefile").is_file() and (root / "workflow" / "rules" / "common.smk").is_file() \
        and (root / "notebooks").is_dir()


def source_checkout() -> Path | None:
    """The repository root when sweval is imported from a source checkout (an editable install,
    the tests), else None."""
    root = Path(__file__).resolve().parents[2]   # <root>/workflow/sweval/pipeline.py
    return root if _is_pipeline(root) else None


def pipeline_dir() -> Path:
    """The folder holding the pipeline's Snakefile, rules, scripts, notebooks and profiles."""
    root = source_checkout()
    if root is not None:
        return root
    packaged = Path(str(files("sweval") / PACKAGED))
    if _is_pipeline(packaged):
        return packaged
    raise FileNotFoundError(
        f"sweval is installed without its pipeline files (no {packaged / 'Snakefile'}): it was built "
        "without setup.py's build step. Install it again from the repository or a wheel built with "
        "`pip wheel .` (README, 'Two commands').")


def snakefile() -> Path:
    """The pipeline's Snakefile, for a study's ``module ...: snakefile:``."""
    return pipeline_dir() / "Snakefile"


if __name__ == "__main__":
    print(snakefile())
