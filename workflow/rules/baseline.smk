rule baseline:
    """Needs assessment of the whole baseline survey: levels, profile, factors, selection check."""
    input:
        scores="results/scores/scores.csv",
        cutoffs="results/scores/level_cutoffs.csv",
        background="results/clean/background.csv",
        responses="results/clean/responses.csv",
    output:
        levels="results/baseline/levels.csv",
        descriptives="results/baseline/descriptives.csv",
        categories="results/baseline/factor_categories.csv",
        factors="results/baseline/factor_tests.csv",
        regression="results/baseline/regression.csv",
        model="results/baseline/regression_model.csv",
        selection="results/baseline/selection.csv",
    params:
        config=config_keys("baseline_wave", "seed", "levels", "background"),
    log:
        "logs/baseline/baseline.log",
    benchmark:
        "benchmarks/baseline/baseline.tsv"
    run:
        run_step("baseline", input, output, params, log, wildcards)
