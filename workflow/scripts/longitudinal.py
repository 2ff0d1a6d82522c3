"""Rule longitudinal: scores over all waves -> mixed model and Friedman test (thin adapter)."""
import pandas as pd

from sweval.clean import group_members
from sweval.io import read_table, step, write_table
from sweval.longitudinal import friedman_table, mixed_model_table

with step(snakemake.log[0], "longitudinal"):
    config = snakemake.params.config
    scores = read_table(snakemake.input.scores)
    waves = config["waves"]
    group = group_members(read_table(snakemake.input.group))
    scores = scores[scores["participant_id"].isin(group)]  # the group members (the roster)
    mixed = mixed_model_table(scores, waves)
    friedman = friedman_table(scores, waves)
    mixed.insert(0, "analysis", "mixed_model")
    friedman.insert(0, "analysis", "friedman")
    write_table(pd.concat([mixed, friedman], ignore_index=True), snakemake.output.longitudinal)
