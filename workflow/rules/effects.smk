rule paired:
    """Paired tests and effect sizes per scale and contrast; sensitivity power."""
    input:
        scores="results/scores/scores.csv",
        group="results/clean/wave_matching.csv",
        codebook=codebook_path(),
    output:
        paired="results/effects/paired.csv",
        power="results/effects/power.csv",
    params:
        config=config_keys("contrasts", "seed", "outcomes", "power"),
    log:
        "logs/effects/paired.log",
    benchmark:
        "benchmarks/effects/paired.tsv"
    run:
        run_step("paired", input, output, params, log, wildcards)


rule individual_change:
    """Reliable Change Index per child, scale and contrast."""
    input:
        scores="results/scores/scores.csv",
        responses="results/clean/responses.csv",
        group="results/clean/wave_matching.csv",
        codebook=codebook_path(),
    output:
        individual="results/effects/individual_change.csv",
        summary="results/effects/change_summary.csv",
        reference="results/effects/change_reference.csv",
    params:
        config=config_keys("contrasts", "baseline_wave", "change"),
    log:
        "logs/effects/individual_change.log",
    benchmark:
        "benchmarks/effects/individual_change.tsv"
    run:
        run_step("individual_change", input, output, params, log, wildcards)


rule longitudinal:
    """Mixed model over all waves and Friedman test (group members)."""
    input:
        scores="results/scores/scores.csv",
        group="results/clean/wave_matching.csv",
    output:
        longitudinal="results/effects/longitudinal.csv",
    params:
        config=config_keys("waves"),
    log:
        "logs/effects/longitudinal.log",
    benchmark:
        "benchmarks/effects/longitudinal.tsv"
    run:
        run_step("longitudinal", input, output, params, log, wildcards)


rule comparison:
    """Comparison group (when the study has one): ANCOVA and the group x time mixed model."""
    input:
        scores="results/scores/scores.csv",
        responses="results/clean/responses.csv",
        codebook=codebook_path(),
    output:
        comparison="results/effects/comparison.csv",
    params:
        config=config_keys("waves", "outcomes"),
    log:
        "logs/effects/comparison.log",
    benchmark:
        "benchmarks/effects/comparison.tsv"
    run:
        run_step("comparison", input, output, params, log, wildcards)
