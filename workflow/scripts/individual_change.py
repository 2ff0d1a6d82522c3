"""Rule individual_change: scores + baseline items -> Reliable Change Index and its per-scale reference."""
import pandas as pd

from sweval.change import CHANGE_COLUMNS, change_summary, reliable_change_parts
from sweval.change_reference import change_reference
from sweval.clean import group_members, members_only
from sweval.codebook import load_codebook
from sweval.io import read_table, write_table, write_table_parts
from sweval.job import rule_config, step

with step(snakemake.log[0], "individual_change"):
    config = rule_config(snakemake.params)
    codebook = load_codebook(snakemake.input.codebook)
    scores = read_table(snakemake.input.scores, ["participant_id", "wave", "scale", "score"])
    source = (config.get("change") or {}).get("reliability_source", "baseline")
    responses = read_table(snakemake.input.responses, ["wave", *codebook.item_ids])
    reference = change_reference(scores, responses, codebook,
                                 baseline_wave=config["baseline_wave"], source=source)
    del responses
    norms = pd.DataFrame(codebook.norms).rename(columns={"source": "norms_source"}) if codebook.norms else None
    directions = {s: codebook.direction for s in codebook.scale_ids}
    group = group_members(read_table(snakemake.input.group))
    contrasts = [tuple(c) for c in config["contrasts"]]
    summaries = []

    def parts():  # one scale x contrast at a time: 100,000 children never sit in memory whole
        for part in reliable_change_parts(members_only(scores, group), contrasts, reference, directions, norms):
            summaries.append(change_summary(part))
            yield part

    write_table(reference, snakemake.output.reference)
    write_table_parts(parts(), snakemake.output.individual, CHANGE_COLUMNS)
    summary = pd.concat(summaries, ignore_index=True) if summaries else change_summary(pd.DataFrame(columns=CHANGE_COLUMNS))
    write_table(summary, snakemake.output.summary)
