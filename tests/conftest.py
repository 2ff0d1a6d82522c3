"""Shared fixtures: the repository root, the example study, a cleaned example."""
from __future__ import annotations

from pathlib import Path

import pytest
import yaml

ROOT = Path(__file__).resolve().parents[1]


@pytest.fixture(scope="session")
def root() -> Path:
    return ROOT


@pytest.fixture(scope="session")
def example_config() -> dict:
    return yaml.safe_load((ROOT / "config.yaml").read_text(encoding="utf-8"))


@pytest.fixture(scope="session")
def codebook():
    from sweval.codebook import instrument_path, load_codebook
    return load_codebook(instrument_path("cyrm28"))


@pytest.fixture(scope="session")
def cleaned(example_config, codebook):
    """The example study through the clean step (in memory)."""
    import os

    from sweval.clean import SurveySpec, clean_surveys
    from sweval.privacy import load_key
    from sweval.readers import read_export

    cwd = os.getcwd()
    os.chdir(ROOT)
    try:
        cfg = example_config
        specs = [SurveySpec.from_config(s) for s in cfg["surveys"]]
        exports = [read_export(s.path, s.format) for s in specs]
        roster = read_export(cfg["roster"]["path"], "csv")
        key = load_key(key_env="SWEVAL_TEST_UNSET_KEY", key_file=cfg["privacy"]["key_file"])
        return clean_surveys(exports, specs, codebook, key, waves=cfg["waves"],
                             baseline_wave=cfg["baseline_wave"], settings=cfg["cleaning"], roster=roster,
                             roster_config=cfg["roster"], background=cfg["background"])
    finally:
        os.chdir(cwd)


@pytest.fixture(scope="session")
def example_run(tmp_path_factory):
    """The example study, run once cold in a temporary copy of the project. Read it only; a test
    that edits the study takes its own copy (shutil.copytree keeps the timestamps)."""
    from project import copy_project, run_snakemake

    work = copy_project(tmp_path_factory.mktemp("example_run"))
    proc = run_snakemake(work)
    assert proc.returncode == 0, proc.stderr[-4000:]
    return work


@pytest.fixture(scope="session")
def example_run_zh(example_run, tmp_path_factory):
    """The example study's report in Chinese: a copy of ``example_run`` with only the notebooks and
    the report run again (``--config language=zh``). Read it only."""
    from project import rerun_in_language

    return rerun_in_language(example_run, tmp_path_factory.mktemp("example_run_zh") / "study", "zh")
