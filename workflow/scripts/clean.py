"""Rule clean: raw survey exports -> pseudonymised tidy tables (thin adapter)."""
from sweval.clean import SurveySpec, clean_surveys
from sweval.codebook import load_codebook
from sweval.io import write_table
from sweval.job import rule_config, step
from sweval.privacy import load_key
from sweval.readers import read_export, tabular_format


def _roster(cfg):
    return read_export(cfg["path"], tabular_format(cfg["path"])) if cfg else None


with step(snakemake.log[0], "clean") as log:
    config = rule_config(snakemake.params)
    codebook = load_codebook(snakemake.input.codebook)
    specs = [SurveySpec.from_config(s) for s in config["surveys"]]
    exports = [read_export(s.path, s.format, sheet=s.sheet) for s in specs]
    roster_cfg, comparison_cfg = config.get("roster"), config.get("comparison_roster")
    key = load_key(**config["privacy"])
    tables = clean_surveys(exports, specs, codebook, key, waves=config["waves"],
                           baseline_wave=config["baseline_wave"], settings=config.get("cleaning", {}),
                           roster=_roster(roster_cfg), roster_config=roster_cfg,
                           comparison_roster=_roster(comparison_cfg), comparison_config=comparison_cfg,
                           background=config.get("background"))
    for name in ("responses", "quality_log", "accounting", "wave_matching"):
        write_table(tables[name], snakemake.output[name])
    write_table(tables.get("background", tables["responses"][["participant_id"]].drop_duplicates()),
                snakemake.output.background)
    acc = tables["accounting"]
    log.info("rows in %d, kept %d, excluded %d", acc.rows_in.sum(), acc.rows_kept.sum(), acc.rows_excluded.sum())
