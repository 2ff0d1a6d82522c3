rule clean:
    """Read every survey export, validate, recode, pseudonymise, dedupe, match waves."""
    input:
        surveys=survey_paths(),
        roster=roster_path(),
        codebook=codebook_path(),
        key=key_file(),
    output:
        responses="results/clean/responses.csv",
        background="results/clean/background.csv",
        quality_log="results/clean/quality_log.csv",
        accounting="results/clean/accounting.csv",
        wave_matching="results/clean/wave_matching.csv",
    params:
        **config_params("surveys", "roster", "comparison_roster", "privacy", "waves", "baseline_wave", "cleaning", "background"),
        key_fingerprint=key_fingerprint(),
    log:
        "logs/clean/clean.log",
    benchmark:
        "logs/benchmarks/clean/clean.tsv"
    script:
        "../scripts/clean.py"


rule clean_process:
    """Attendance, after-session feedback and goal-attainment forms, pseudonymised."""
    input:
        forms=process_paths(),
        roster=roster_path(),
        key=key_file(),
    output:
        attendance="results/clean/attendance.csv",
        feedback="results/clean/feedback.csv",
        goal_attainment="results/clean/goal_attainment.csv",
        quality_log="results/clean/process_quality_log.csv",
    params:
        **config_params("process", "roster", "privacy"),
        key_fingerprint=key_fingerprint(),
    log:
        "logs/clean/clean_process.log",
    benchmark:
        "logs/benchmarks/clean/clean_process.tsv"
    script:
        "../scripts/clean_process.py"
