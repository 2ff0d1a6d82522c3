"""Rule comparison: scores + arms -> ANCOVA and group x time model (thin adapter)."""
from sweval.codebook import load_codebook
from sweval.comparison import comparison_table
from sweval.io import read_table, write_table
from sweval.job import rule_config, step

with step(snakemake.log[0], "comparison") as log:
    config = rule_config(snakemake.params)
    codebook = load_codebook(snakemake.input.codebook)
    scores = read_table(snakemake.input.scores)
    responses = read_table(snakemake.input.responses)
    arms = responses[["participant_id", "arm"]] if "arm" in responses.columns else None
    outcomes = config.get("outcomes") or {}
    table = comparison_table(scores, arms, waves=config["waves"], scales=outcomes.get("scales"),
                             directions={s: codebook.direction for s in codebook.scale_ids})
    log.info("comparison: %s", ", ".join(table["analysis"].unique()))
    write_table(table, snakemake.output.comparison)
