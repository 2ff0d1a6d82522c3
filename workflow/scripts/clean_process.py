"""Rule clean_process: attendance, feedback and goal-attainment forms -> tidy tables (thin adapter)."""
from sweval.clean_process import clean_process_forms
from sweval.io import write_table
from sweval.job import rule_config, step
from sweval.privacy import load_key
from sweval.readers import read_export, tabular_format


def _read(path):
    return read_export(path, tabular_format(path))


with step(snakemake.log[0], "clean_process") as log:
    config = rule_config(snakemake.params)
    process = config.get("process") or {}
    forms = {k: _read(process[k]["path"]) for k in ("attendance", "feedback", "goal_attainment") if k in process}
    roster_cfg = config.get("roster")
    roster = _read(roster_cfg["path"]) if roster_cfg else None
    tables = clean_process_forms(forms, process, load_key(**config["privacy"]), roster=roster,
                                 roster_config=roster_cfg)
    for name in ("attendance", "feedback", "goal_attainment", "quality_log"):
        write_table(tables[name], snakemake.output[name])
