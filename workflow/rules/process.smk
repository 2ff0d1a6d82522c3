rule process:
    """Process evaluation of the records the study kept: attendance (and its link to change),
    after-session feedback, goal attainment."""
    input:
        attendance="results/clean/attendance.csv",
        feedback="results/clean/feedback.csv",
        goal_attainment="results/clean/goal_attainment.csv",
        individual="results/effects/individual_change.csv",
        codebook=codebook_path(),
    output:
        **process_outputs(),
    params:
        **config_params("process", "contrasts", "outcomes"),
    log:
        "logs/process/process.log",
    benchmark:
        "logs/benchmarks/process/process.tsv"
    script:
        "../scripts/process.py"
