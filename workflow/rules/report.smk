rule report:
    """One self-contained HTML report from the executed section notebooks, with provenance."""
    input:
        notebooks=expand("results/notebooks/{section}.ipynb", section=report_sections()),
        raw=survey_paths() + roster_path() + process_paths(),
        codebook=config["instrument"],
    output:
        html="results/report/evaluation_report.html",
    params:
        config=config,
        sections=report_sections(),
    log:
        "logs/report/report.log",
    benchmark:
        "benchmarks/report/report.tsv"
    script:
        "../scripts/report.py"
