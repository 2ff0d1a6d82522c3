"""Rule score: item codes -> scale scores and levels (thin adapter)."""
from sweval.codebook import load_codebook
from sweval.io import read_table, write_table
from sweval.job import rule_config, step
from sweval.score import assign_levels, level_cutoffs, score_scales

with step(snakemake.log[0], "score"):
    config = rule_config(snakemake.params)
    codebook = load_codebook(snakemake.input.codebook)
    responses = read_table(snakemake.input.responses)
    scores = score_scales(responses, codebook, waves=config["waves"],
                          min_answered_share=(config.get("scoring") or {}).get("min_answered_share"))
    cutoffs = level_cutoffs(scores, config["levels"], config["baseline_wave"]) if config.get("levels") else None
    if cutoffs is not None:
        scores = assign_levels(scores, cutoffs)
        write_table(cutoffs, snakemake.output.cutoffs)
    else:
        write_table(scores.iloc[0:0][["scale"]], snakemake.output.cutoffs)
    write_table(scores, snakemake.output.scores)
