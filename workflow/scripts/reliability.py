"""Rule reliability: item codes -> reliability per scale and wave (thin adapter)."""
from sweval.codebook import load_codebook
from sweval.io import read_table, write_table
from sweval.job import rule_config, step
from sweval.reliability import MAX_N_BOOTSTRAP, MIN_N_BOOTSTRAP, reliability_table
from sweval.score import reverse_keyed

with step(snakemake.log[0], "reliability"):
    config = rule_config(snakemake.params)
    codebook = load_codebook(snakemake.input.codebook)
    responses = reverse_keyed(read_table(snakemake.input.responses, ["participant_id", "wave", *codebook.item_ids]),
                              codebook)
    items = responses[["participant_id", "wave", *codebook.item_ids]]
    scales = [{"id": s.id, "items": list(s.items), "parent": s.parent} for s in codebook.scales]
    settings = config.get("reliability") or {}
    rel, item_stats = reliability_table(items, scales, waves=config["waves"], seed=config["seed"],
                                        n_boot=settings.get("n_boot", 1000),
                                        min_n_boot=settings.get("min_n_bootstrap", MIN_N_BOOTSTRAP),
                                        max_n_boot=settings.get("max_n_bootstrap", MAX_N_BOOTSTRAP))
    write_table(rel, snakemake.output.reliability)
    write_table(item_stats, snakemake.output.item_stats)
