rule notebook:
    """Execute one parameterized section notebook (papermill) against the results tables."""
    input:
        notebook="notebooks/{section}.ipynb",
        tables=section_tables,
    output:
        notebook="results/notebooks/{section}.ipynb",
    params:
        config=config,
    wildcard_constraints:
        section="|".join(SECTIONS),
    retries: 1  # a kernel that lost a port race to a parallel notebook is started again
    log:
        "logs/notebooks/{section}.log",
    benchmark:
        "benchmarks/notebooks/{section}.tsv"
    script:
        "../scripts/notebook.py"
