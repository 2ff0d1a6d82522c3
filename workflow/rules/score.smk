rule score:
    """Scale scores (reverse keys, proration) and levels."""
    input:
        responses="results/clean/responses.csv",
        codebook=codebook_path(),
    output:
        scores="results/scores/scores.csv",
        cutoffs="results/scores/level_cutoffs.csv",
    params:
        config=config_keys("waves", "baseline_wave", "scoring", "levels"),
    log:
        "logs/score/score.log",
    benchmark:
        "benchmarks/score/score.tsv"
    run:
        run_step("score", input, output, params, log, wildcards)
