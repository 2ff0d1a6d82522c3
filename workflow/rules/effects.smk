rule effects:
    """The group's change: paired tests and effect sizes per scale and contrast, sensitivity
    power; Reliable Change Index per child, scale and contrast; mixed model and Friedman test over
    all waves (group members); the primary analysis reconciled with its sensitivity analysis. One job: the three share their inputs, and a process each cost the
    cold example run two more start-ups of the statistics libraries (README, Performance)."""
    input:
        scores="results/scores/scores.csv",
        responses="results/clean/responses.csv",
        group="results/clean/wave_matching.csv",
        codebook=codebook_path(),
    output:
        paired="results/effects/paired.csv",
        power="results/effects/power.csv",
        individual="results/effects/individual_change.csv",
        summary="results/effects/change_summary.csv",
        reference="results/effects/change_reference.csv",
        longitudinal="results/effects/longitudinal.csv",
        reconciliation="results/effects/reconciliation.csv",
    params:
        **config_params("contrasts", "seed", "outcomes", "power", "baseline_wave", "change", "waves"),
    log:
        "logs/effects/effects.log",
    benchmark:
        "logs/benchmarks/effects/effects.tsv"
    script:
        "../scripts/effects.py"


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
