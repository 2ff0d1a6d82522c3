# Helpers shared by the rules. The config is checked here, before any job starts, so a wrong
# config stops the run with one sentence naming the key.
import sys
from pathlib import Path

sys.path.insert(0, str(Path(workflow.basedir) / "workflow"))  # the sweval package, also uninstalled

from snakemake.exceptions import WorkflowError
from sweval.config import check_config
from sweval.errors import ConfigError

try:
    check_config(config)
except ConfigError as exc:
    raise WorkflowError(f"Config problem: {exc}")

SECTIONS = ["data_quality", "baseline", "reliability", "outcomes", "process"]


def survey_paths():
    return [s["path"] for s in config["surveys"]]


def roster_path():
    return [config["roster"]["path"]] if config.get("roster") else []


def process_paths():
    process = config.get("process") or {}
    return [process[k]["path"] for k in ("attendance", "feedback", "goal_attainment") if k in process]


def has_process():
    return bool(process_paths())


def key_file():
    """The key file is an input only when it exists (the environment variable may be used instead)."""
    path = (config.get("privacy") or {}).get("key_file")
    return [path] if path and Path(path).expanduser().exists() else []
