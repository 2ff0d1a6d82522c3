"""Build step of the sweval package (everything else is in pyproject.toml).

The Snakemake pipeline (Snakefile, workflow/rules, workflow/scripts, workflow/report, notebooks,
profiles, requirements.lock) lives at the repository root, outside the package. A wheel, or any
non-editable install, gets a copy of it as package data under ``sweval/_pipeline/``, made here at
build time, so that a study made by ``sweval init`` can use the installed pipeline as a Snakemake
module (``sweval.pipeline.snakefile()``). Nothing is duplicated in git; an editable install uses
the repository's own files.
"""
import runpy
import shutil
from pathlib import Path

from setuptools import setup
from setuptools.command.build_py import build_py

ROOT = Path(__file__).resolve().parent
# the one list of the pipeline's files, read without importing sweval (its dependencies need not
# be installed at build time)
_PIPELINE = runpy.run_path(str(ROOT / "workflow" / "sweval" / "pipeline.py"), run_name="sweval_pipeline_build")
IGNORE = shutil.ignore_patterns("__pycache__", "*.pyc", ".ipynb_checkpoints", "*.html")


class BuildPyWithPipeline(build_py):
    """build_py, then the pipeline's files into <build>/sweval/_pipeline (same layout)."""

    def run(self):
        super().run()
        if getattr(self, "editable_mode", False):
            return
        target = Path(self.build_lib) / "sweval" / _PIPELINE["PACKAGED"]
        if target.exists():
            shutil.rmtree(target)
        for name in _PIPELINE["PIPELINE_FILES"]:
            src, dst = ROOT / name, target / name
            if not src.exists():
                raise FileNotFoundError(f"the pipeline file {src} is missing: build from a full checkout "
                                        "of the repository (or its sdist)")
            dst.parent.mkdir(parents=True, exist_ok=True)
            if src.is_dir():
                shutil.copytree(src, dst, ignore=IGNORE)
            else:
                shutil.copy2(src, dst)


setup(cmdclass={"build_py": BuildPyWithPipeline})
