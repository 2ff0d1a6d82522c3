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
        regression_selection="results/baseline/regression_selection.csv",
        selection="results/baseline/selection.csv",
    params:
        **config_params("baseline_wave", "seed", "levels", "background"),
    log:
        "logs/baseline/baseline.log",
    benchmark:
        "logs/benchmarks/baseline/baseline.tsv"
    script:
        "../scripts/baseline.py"
