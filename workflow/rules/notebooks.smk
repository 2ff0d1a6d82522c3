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
    # drawing figures is the costly part of a notebook: each in a process of its own (forked warm),
    # at a lower priority than the statistics that the last notebooks wait for
    run:
        run_step("notebook", input, output, params, log, wildcards, own_process=True, nice=10)
