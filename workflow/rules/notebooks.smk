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
    log:
        "logs/notebooks/{section}.log",
    benchmark:
        "benchmarks/notebooks/{section}.tsv"
    run:
        run_step("notebook", input, output, params, log, wildcards)
