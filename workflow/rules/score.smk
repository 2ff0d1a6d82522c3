rule score:
    """Scale scores (reverse keys, proration) and levels."""
    input:
        responses="results/clean/responses.csv",
        codebook=codebook_path(),
    output:
        scores="results/scores/scores.csv",
        cutoffs="results/scores/level_cutoffs.csv",
    params:
        **config_params("waves", "baseline_wave", "scoring", "levels"),
    log:
        "logs/score/score.log",
    benchmark:
        "logs/benchmarks/score/score.tsv"
    script:
        "../scripts/score.py"
