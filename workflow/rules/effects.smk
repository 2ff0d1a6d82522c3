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
        **config_params("contrasts", "seed", "outcomes", "power"),
    log:
        "logs/effects/paired.log",
    benchmark:
        "logs/benchmarks/effects/paired.tsv"
    script:
        "../scripts/paired.py"


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
        **config_params("contrasts", "baseline_wave", "change"),
    log:
        "logs/effects/individual_change.log",
    benchmark:
        "logs/benchmarks/effects/individual_change.tsv"
    script:
        "../scripts/individual_change.py"


rule longitudinal:
    """Mixed model over all waves and Friedman test (group members)."""
    input:
        scores="results/scores/scores.csv",
        group="results/clean/wave_matching.csv",
    output:
        longitudinal="results/effects/longitudinal.csv",
    params:
        **config_params("waves"),
    log:
        "logs/effects/longitudinal.log",
    benchmark:
        "logs/benchmarks/effects/longitudinal.tsv"
    script:
        "../scripts/longitudinal.py"


rule comparison:
    """Comparison group (when the study has one): ANCOVA and the group x time mixed model."""
    input:
        scores="results/scores/scores.csv",
        responses="results/clean/responses.csv",
        codebook=codebook_path(),
    output:
        comparison="results/effects/comparison.csv",
    params:
        **config_params("waves", "outcomes"),
    log:
        "logs/effects/comparison.log",
    benchmark:
        "logs/benchmarks/effects/comparison.tsv"
    script:
        "../scripts/comparison.py"
