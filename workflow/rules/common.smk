# Helpers shared by the rules. The config is checked here, before any job starts, so a wrong
# config stops the run with one sentence naming the key.
import os
import sys
from pathlib import Path

# sweval is imported from the environment snakemake runs in, never from this folder, so that
# Snakemake's process and every job it forks or submits run one and the same copy of the code
try:
    import sweval
except ModuleNotFoundError as exc:
    if exc.name != "sweval":
        raise
    print("The sweval package is not installed in the Python environment that runs snakemake: from the "
          "repository root run `.venv/bin/pip install -r requirements.lock -e .` (see README.md), then "
          "`.venv/bin/snakemake`.", file=sys.stderr)
    sys.exit(1)

from sweval.codebook import instrument_path
from sweval.config import check_config, unchecked_problem
from sweval.errors import ConfigError

try:
    check_config(config)
except ConfigError as exc:
    # not a WorkflowError: Snakemake would add the file and line of this block to the sentence
    print(f"Config problem: {exc}", file=sys.stderr)
    sys.exit(1)

# A codebook draft of `sweval init` with fields still marked TO CHECK: a dry run shows the plan
# with this note; a run stops before its first job (the Snakefile's onstart: stop_unless_reviewed).
if unchecked_problem(config):
    print(f"Note: the codebook {instrument_path(config['instrument'])} is a draft with fields marked TO CHECK; "
          "a dry run shows the plan, a run stops before its first job until they are checked.", file=sys.stderr)

# The pipeline's own files (the section notebooks) are found from this file's folder, never from the
# working folder: a study made by `sweval init` runs in its own folder and uses this pipeline as a
# module, from the repository or from the copy packaged with sweval (sweval/pipeline.py).
PIPELINE_ROOT = os.path.dirname(os.path.dirname(os.path.abspath(workflow.current_basedir)))


def pipeline_path(relative):
    """A file of the pipeline itself: relative to the working folder when it lies inside it (the
    example run from the repository root), else absolute (a study's folder)."""
    path = os.path.join(PIPELINE_ROOT, relative)
    here = os.path.abspath(os.getcwd())
    return os.path.relpath(path, here) if path.startswith(here + os.sep) else path


def config_params(*keys):
    """The part of the config a rule reads, as its params (``params: **config_params(...)``), one
    param per key holding ``{key: value}``; scripts join them again with ``sweval.job.rule_config``.

    Snakemake re-runs a job when its params change, so editing (say) the report's language re-runs
    the notebooks and the report, not the statistics; a rule that reads a key must list it here
    (tests/test_rerun.py checks the pairs). One param per key, each naming its key, because
    Snakemake logs a changed param by its value: a `language` edit then logs
    "before: {'language': 'en'} now: {'language': 'zh'}", not the whole config twice.
    """
    return {k: {k: config[k]} for k in keys if k in config}


def config_digest():
    """SHA-256 of the whole effective config (keys sorted): a param that changes with any key and
    holds no text a user typed."""
    import hashlib
    import json

    return hashlib.sha256(json.dumps(config, sort_keys=True, ensure_ascii=False, default=str).encode()).hexdigest()


def codebook_path():
    """The codebook file the config's 'instrument' names (a codebook shipped with sweval, or a
    path): a rule input, so that editing the codebook re-runs what it feeds."""
    return str(instrument_path(config["instrument"]))


SECTIONS = ["data_quality", "baseline", "reliability", "outcomes", "process", "limitations"]


def survey_paths():
    return [s["path"] for s in config["surveys"]]


def roster_path():
    """The group roster and, where the study has one, the comparison roster."""
    return [config[k]["path"] for k in ("roster", "comparison_roster") if config.get(k)]


def process_paths():
    process = config.get("process") or {}
    return [process[k]["path"] for k in ("attendance", "feedback", "goal_attainment") if k in process]


def has_process():
    return bool(process_paths())


def key_fingerprint():
    """The fingerprint of the key actually used (environment variable over file; never the key), a
    param of the rules that pseudonymise: a new key re-runs them and everything downstream. Also
    where a short key, or the demo key in a study not marked simulated, stops the run."""
    from sweval.privacy import study_key_fingerprint

    try:
        return study_key_fingerprint(config)
    except ConfigError as exc:
        print(f"Config problem: {exc}", file=sys.stderr)
        sys.exit(1)


def key_file():
    """The key file is an input only when it exists (the environment variable may be used instead)."""
    path = (config.get("privacy") or {}).get("key_file")
    return [path] if path and Path(path).expanduser().exists() else []


SECTION_TABLES = {
    "data_quality": ["results/clean/accounting.csv", "results/clean/quality_log.csv",
                     "results/clean/process_quality_log.csv", "results/clean/wave_matching.csv",
                     "results/clean/responses.csv"],
    "baseline": ["results/baseline/levels.csv", "results/baseline/descriptives.csv",
                 "results/baseline/factor_categories.csv", "results/baseline/factor_tests.csv",
                 "results/baseline/regression.csv", "results/baseline/regression_model.csv",
                 "results/baseline/regression_selection.csv",
                 "results/baseline/selection.csv", "results/scores/level_cutoffs.csv"],
    "reliability": ["results/reliability/reliability.csv", "results/reliability/items.csv"],
    "outcomes": ["results/effects/paired.csv", "results/effects/power.csv",
                 "results/effects/individual_change.csv", "results/effects/change_summary.csv",
                 "results/effects/change_reference.csv",
                 "results/effects/longitudinal.csv",
                 "results/effects/reconciliation.csv",
                 "results/scores/scores.csv",
                 "results/clean/wave_matching.csv"],
    "process": ["results/clean/attendance.csv", "results/process/attendance_sessions.csv",
                "results/process/attendance_children.csv", "results/process/feedback_sessions.csv",
                "results/process/feedback_trend.csv", "results/process/goal_attainment.csv",
                "results/process/attendance_change.csv"],
    "limitations": ["results/effects/paired.csv", "results/effects/power.csv", "results/baseline/selection.csv",
                    "results/scores/level_cutoffs.csv", "results/reliability/reliability.csv",
                    "results/clean/wave_matching.csv", "results/clean/responses.csv"],
}


def has_comparison():
    return bool(config.get("comparison_roster"))


def section_tables(wildcards):
    """The tables a section notebook reads; a study with a comparison arm also gets its analysis
    (results/effects/comparison.csv), a study without one does not run that step."""
    tables = SECTION_TABLES[wildcards.section]
    if wildcards.section == "outcomes" and has_comparison():
        tables = tables + ["results/effects/comparison.csv"]
    return tables


def report_sections():
    return [s for s in SECTIONS if s != "process" or has_process()]
