"""Rule longitudinal: scores over all waves -> mixed model and Friedman test (thin adapter)."""
from sweval.clean import group_members, members_only
from sweval.io import read_table, write_table
from sweval.job import rule_config, step
from sweval.longitudinal import longitudinal_table

with step(snakemake.log[0], "longitudinal"):
    config = rule_config(snakemake.params)
    scores = read_table(snakemake.input.scores, ["participant_id", "wave", "scale", "score"])
    group = group_members(read_table(snakemake.input.group))
    scores = members_only(scores, group)  # the group members (the roster)
    write_table(longitudinal_table(scores, config["waves"]), snakemake.output.longitudinal)
