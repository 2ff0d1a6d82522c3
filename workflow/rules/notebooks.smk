rule notebook:
    """Execute one parameterized section notebook with papermill and a Jupyter kernel."""
    input:
        notebook=pipeline_path("notebooks/{section}.ipynb"),
        tables=section_tables,
        codebook=codebook_path(),  # the notebooks label items and scales from it
    output:
        notebook="results/notebooks/{section}.ipynb",
    params:
        # what the notebooks read of the study (sweval/report/context.py and the notebooks' cells)
        **config_params("instrument", "language", "waves", "baseline_wave", "contrasts", "levels",
                        "outcomes", "background", "process", "study", "roster", "comparison_roster", "scoring"),
    wildcard_constraints:
        section="|".join(SECTIONS),
    log:
        "logs/notebooks/{section}.log",
    benchmark:
        "logs/benchmarks/notebooks/{section}.tsv"
    script:
        "../scripts/notebook.py"
