rule baseline:
    """Needs assessment of the whole baseline survey: the profile of every scale, and for the parts
    the study has, levels (levels), background factors (background) and the selection check
    (roster). A study with none of them has no baseline section and does not run this step."""
    input:
        scores="results/scores/scores.csv",
        cutoffs="results/scores/level_cutoffs.csv",
        background="results/clean/background.csv",
        responses="results/clean/responses.csv",
        codebook=codebook_path(),
    output:
        **baseline_outputs(),
    params:
        **config_params("baseline_wave", "seed", "levels", "background", "outcomes"),
    log:
        "logs/baseline/baseline.log",
    benchmark:
        "logs/benchmarks/baseline/baseline.tsv"
    script:
        "../scripts/baseline.py"
