"""Rule baseline: the needs assessment of the baseline survey (thin adapter)."""
from sweval.baseline import (MIN_N_PER_DF, factor_categories, factor_regression, factor_tests,
                             level_distribution, score_descriptives, selection_check)
from sweval.io import read_table, write_table
from sweval.job import rule_config, step

with step(snakemake.log[0], "baseline"):
    config = rule_config(snakemake.params)
    wave = config["baseline_wave"]
    scale = (config.get("levels") or {}).get("scale", "total")
    scores = read_table(snakemake.input.scores)
    background = read_table(snakemake.input.background)
    responses = read_table(snakemake.input.responses)
    variables = (config.get("background") or {}).get("variables", [])
    group = responses.loc[responses["wave"] == wave, ["participant_id", "in_group"]]
    write_table(level_distribution(scores, wave, scale), snakemake.output.levels)
    write_table(score_descriptives(scores, wave), snakemake.output.descriptives)
    write_table(factor_categories(scores, background, variables, wave=wave, scale=scale),
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
    write_table(selection_check(scores, group, wave=wave, scale=scale), snakemake.output.selection)
