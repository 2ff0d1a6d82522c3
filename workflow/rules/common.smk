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
from sweval.config import PROCESS_FORMS, check_config, study_parts, unchecked_problem
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

# The optional parts of the study (roster, comparison roster, background, levels, each process
# record, a follow-up wave): which jobs run and which report sections exist follow them.
PARTS = study_parts(config)

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
    return [process[k]["path"] for k in PROCESS_FORMS if PARTS[k]]


def has_process():
    """A process section and its jobs: the study kept at least one process record."""
    return any(PARTS[k] for k in PROCESS_FORMS)


def has_baseline_section():
    """A baseline (needs-assessment) section: levels, background factors, or a roster whose group
    can be compared with the other respondents. Without any of them the baseline wave is only the
    group's first measurement, which the outcomes section reports."""
    return PARTS["levels"] or PARTS["background"] or PARTS["roster"]


def baseline_outputs():
    """The baseline step's tables: the profile, and a table per part the study has."""
    out = {"descriptives": "results/baseline/descriptives.csv"}
    if PARTS["levels"]:
        out["levels"] = "results/baseline/levels.csv"
    if PARTS["background"]:
        out.update(categories="results/baseline/factor_categories.csv", factors="results/baseline/factor_tests.csv",
                   regression="results/baseline/regression.csv", model="results/baseline/regression_model.csv",
                   regression_selection="results/baseline/regression_selection.csv")
    if PARTS["roster"]:
        out["selection"] = "results/baseline/selection.csv"
    return out


def process_outputs():
    """The process step's tables, for the records the study kept."""
    out = {}
    if PARTS["attendance"]:
        out.update(sessions="results/process/attendance_sessions.csv",
                   children="results/process/attendance_children.csv",
                   link="results/process/attendance_change.csv")
    if PARTS["feedback"]:
        out.update(feedback="results/process/feedback_sessions.csv", trend="results/process/feedback_trend.csv")
    if PARTS["goal_attainment"]:
        out["goals"] = "results/process/goal_attainment.csv"
    return out


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


def has_comparison():
    return PARTS["comparison"]


def section_tables(wildcards):
    """The tables a section notebook reads: those of the parts the study has (a study without a
    comparison arm, process records or a needs assessment does not run those steps)."""
    section = wildcards.section
    if section == "data_quality":
        return (["results/clean/accounting.csv", "results/clean/quality_log.csv",
                 "results/clean/wave_matching.csv", "results/clean/responses.csv"]
                + (["results/clean/process_quality_log.csv"] if has_process() else []))
    if section == "baseline":
        return list(baseline_outputs().values()) + (["results/scores/level_cutoffs.csv"] if PARTS["levels"] else [])
    if section == "reliability":
        return ["results/reliability/reliability.csv", "results/reliability/items.csv"]
    if section == "outcomes":
        return (["results/effects/paired.csv", "results/effects/power.csv",
                 "results/effects/individual_change.csv", "results/effects/change_summary.csv",
                 "results/effects/change_reference.csv", "results/effects/longitudinal.csv",
                 "results/effects/reconciliation.csv", "results/scores/scores.csv", "results/clean/wave_matching.csv"]
                + (["results/effects/comparison.csv"] if has_comparison() else []))
    if section == "process":
        return (["results/clean/attendance.csv"] if PARTS["attendance"] else []) + list(process_outputs().values())
    # limitations
    return (["results/effects/paired.csv", "results/effects/power.csv", "results/reliability/reliability.csv",
             "results/clean/wave_matching.csv", "results/clean/responses.csv"]
            + (["results/baseline/selection.csv"] if PARTS["roster"] else [])
            + (["results/scores/level_cutoffs.csv"] if PARTS["levels"] else []))


def report_sections():
    """The report's sections, in order: those of the parts the study has."""
    present = {"baseline": has_baseline_section(), "process": has_process()}
    return [s for s in SECTIONS if present.get(s, True)]
