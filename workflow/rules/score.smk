rule score:
    """Scale scores (reverse keys, proration) and levels."""
    input:
        responses="results/clean/responses.csv",
        codebook=config["instrument"],
    output:
        scores="results/scores/scores.csv",
        cutoffs="results/scores/level_cutoffs.csv",
    params:
        config=config,
    log:
        "logs/score/score.log",
    benchmark:
        "benchmarks/score/score.tsv"
    run:
        run_step("score", input, output, params, log, wildcards)
