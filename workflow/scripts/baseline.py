"""Rule baseline: the needs assessment of the baseline survey (thin adapter). Writes the tables
of the parts the study has (workflow/rules/common.smk, baseline_outputs)."""
from sweval.baseline import (MIN_N_PER_DF, factor_categories, factor_regression, factor_tests,
                             level_distribution, score_descriptives, selection_check)
from sweval.codebook import load_codebook
from sweval.io import read_table, write_table
from sweval.job import rule_config, step

with step(snakemake.log[0], "baseline"):
    config = rule_config(snakemake.params)
    codebook = load_codebook(snakemake.input.codebook)
    outputs = set(snakemake.output.keys())
    wave = config["baseline_wave"]
    levels = config.get("levels") or {}
    scale = levels.get("scale") or codebook.primary_scale(config.get("outcomes"))
    scores = read_table(snakemake.input.scores)
    # the level of concern: the lowest scores' level when higher scores are better, else the highest
    cutoffs = read_table(snakemake.input.cutoffs)
    order = list(cutoffs.loc[cutoffs["scale"] == scale, "level"]) if "level" in cutoffs else []
    concern = (order[0] if codebook.direction == "higher" else order[-1]) if order else None
    write_table(score_descriptives(scores, wave), snakemake.output.descriptives)
    if "levels" in outputs:
        write_table(level_distribution(scores, wave, scale, level_order=order), snakemake.output.levels)
    if "factors" in outputs:
        background = read_table(snakemake.input.background)
        variables = (config.get("background") or {}).get("variables", [])
        write_table(factor_categories(scores, background, variables, wave=wave, scale=scale, low_level=concern),
                    snakemake.output.categories)
        write_table(factor_tests(scores, background, variables, wave=wave, scale=scale, seed=config["seed"]),
                    snakemake.output.factors)
        sizing = (config.get("background") or {}).get("regression") or {}
        regression = factor_regression(scores, background, variables, wave=wave, scale=scale,
                                       predictors=sizing.get("predictors"),
                                       min_n_per_df=sizing.get("min_n_per_df", MIN_N_PER_DF))
        write_table(regression["coefficients"], snakemake.output.regression)
        write_table(regression["model"], snakemake.output.model)
        write_table(regression["selection"], snakemake.output.regression_selection)
    if "selection" in outputs:
        responses = read_table(snakemake.input.responses)
        group = responses.loc[responses["wave"] == wave, ["participant_id", "in_group"]]
        write_table(selection_check(scores, group, wave=wave, scale=scale, low_level=concern),
                    snakemake.output.selection)
