"""Rule effects: scale scores -> the group's change (thin adapter). One process for the three
analyses of the group members' scores, each one package function: paired tests with effect sizes
and sensitivity power; each child's Reliable Change Index with its per-scale reference; the mixed
model and Friedman test over all waves. The config's primary analysis labels the rows of the
paired and mixed-model tables, and the two are reconciled contrast by contrast."""
import pandas as pd

from sweval.change import CHANGE_COLUMNS, DEFAULT_MIN_RELIABILITY, change_summary, reliable_change_parts
from sweval.change_reference import change_reference
from sweval.clean import group_members, members_only
from sweval.codebook import load_codebook
from sweval.io import read_table, write_table, write_table_parts
from sweval.job import rule_config, step
from sweval.longitudinal import longitudinal_table
from sweval.paired import paired_table
from sweval.power import power_table
from sweval.primary import label_longitudinal, label_paired, primary_spec, reconciliation_table

with step(snakemake.log[0], "effects"):
    config = rule_config(snakemake.params)
    codebook = load_codebook(snakemake.input.codebook)
    scores = read_table(snakemake.input.scores, ["participant_id", "wave", "scale", "score"])
    group = group_members(read_table(snakemake.input.group))
    members = members_only(scores, group)  # the group members (the roster)
    contrasts = [tuple(c) for c in config["contrasts"]]
    directions = {s: codebook.direction for s in codebook.scale_ids}

    # paired tests and effect sizes, sensitivity power
    outcomes = config.get("outcomes") or {}
    tested = members[members["scale"].isin(outcomes["scales"])] if outcomes.get("scales") else members
    paired = paired_table(tested, contrasts, directions, seed=config["seed"],
                          holm_family=outcomes.get("holm_family"))
    spec = primary_spec(outcomes, contrasts, list(pd.unique(tested["scale"])))
    paired = label_paired(paired, spec)
    power_cfg = config.get("power") or {}
    write_table(paired, snakemake.output.paired)
    write_table(power_table(paired, alpha=power_cfg.get("alpha", 0.05), power=power_cfg.get("power", 0.8)),
                snakemake.output.power)
    del tested

    # individual change: the reference (r_xx, SD) comes from the whole baseline survey
    source = (config.get("change") or {}).get("reliability_source", "baseline")
    responses = read_table(snakemake.input.responses, ["wave", *codebook.item_ids])
    min_reliability = (config.get("change") or {}).get("min_reliability", DEFAULT_MIN_RELIABILITY)
    reference = change_reference(scores, responses, codebook, baseline_wave=config["baseline_wave"],
                                 source=source, min_reliability=min_reliability)
    del responses
    norms = pd.DataFrame(codebook.norms).rename(columns={"source": "norms_source"}) if codebook.norms else None
    summaries = []

    def parts():  # one scale x contrast at a time: 100,000 children never sit in memory whole
        for part in reliable_change_parts(members, contrasts, reference, directions, norms,
                                          min_reliability=min_reliability):
            summaries.append(change_summary(part))
            yield part

    write_table(reference, snakemake.output.reference)
    write_table_parts(parts(), snakemake.output.individual, CHANGE_COLUMNS)
    summary = pd.concat(summaries, ignore_index=True) if summaries else change_summary(pd.DataFrame(columns=CHANGE_COLUMNS))
    write_table(summary, snakemake.output.summary)

    # all waves: mixed model (also for the study's contrasts between later waves) and Friedman test
    longitudinal = label_longitudinal(longitudinal_table(members, config["waves"], contrasts=contrasts), spec)
    write_table(longitudinal, snakemake.output.longitudinal)
    # the primary analysis and its sensitivity analysis, side by side
    write_table(reconciliation_table(paired, longitudinal, spec, config["waves"],
                                     alpha=power_cfg.get("alpha", 0.05)), snakemake.output.reconciliation)
