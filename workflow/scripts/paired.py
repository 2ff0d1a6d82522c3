"""Rule paired: scale scores -> paired tests, effect sizes, sensitivity power (thin adapter)."""
from sweval.clean import group_members, members_only
from sweval.codebook import load_codebook
from sweval.io import read_table, write_table
from sweval.job import rule_config, step
from sweval.paired import paired_table
from sweval.power import power_table

with step(snakemake.log[0], "paired"):
    config = rule_config(snakemake.params)
    codebook = load_codebook(snakemake.input.codebook)
    scores = read_table(snakemake.input.scores, ["participant_id", "wave", "scale", "score"])
    group = group_members(read_table(snakemake.input.group))
    scores = members_only(scores, group)  # the group members (the roster)
    outcomes = config.get("outcomes") or {}
    if outcomes.get("scales"):
        scores = scores[scores["scale"].isin(outcomes["scales"])]
    directions = {s: codebook.direction for s in codebook.scale_ids}
    paired = paired_table(scores,
                          [tuple(c) for c in config["contrasts"]], directions, seed=config["seed"],
                          holm_family=outcomes.get("holm_family"))
    power_cfg = config.get("power") or {}
    write_table(paired, snakemake.output.paired)
    write_table(power_table(paired, alpha=power_cfg.get("alpha", 0.05), power=power_cfg.get("power", 0.8)),
                snakemake.output.power)
