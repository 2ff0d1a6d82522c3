"""Rule individual_change: scores + baseline items -> Reliable Change Index and its per-scale reference."""
import pandas as pd

from sweval.change import change_summary, reliable_change
from sweval.change_reference import change_reference
from sweval.clean import group_members
from sweval.codebook import load_codebook
from sweval.io import read_table, step, write_table

with step(snakemake.log[0], "individual_change"):
    config = snakemake.params.config
    codebook = load_codebook(snakemake.input.codebook)
    scores = read_table(snakemake.input.scores, ["participant_id", "wave", "scale", "score"])
    source = (config.get("change") or {}).get("reliability_source", "baseline")
    responses = read_table(snakemake.input.responses, ["wave", *codebook.item_ids])
    reference = change_reference(scores, responses, codebook,
                                 baseline_wave=config["baseline_wave"], source=source)
    norms = pd.DataFrame(codebook.norms).rename(columns={"source": "norms_source"}) if codebook.norms else None
    directions = {s: codebook.direction for s in codebook.scale_ids}
    group = group_members(read_table(snakemake.input.group))
    contrasts = [tuple(c) for c in config["contrasts"]]
    individual = reliable_change(scores[scores["participant_id"].isin(group)], contrasts, reference,
                                 directions, norms)
    write_table(reference, snakemake.output.reference)
    write_table(individual, snakemake.output.individual)
    write_table(change_summary(individual), snakemake.output.summary)
