rule reliability:
    """Cronbach's alpha (Feldt and bootstrap CIs), omega total, item statistics, per scale and wave."""
    input:
        responses="results/clean/responses.csv",
        codebook=codebook_path(),
    output:
        reliability="results/reliability/reliability.csv",
        item_stats="results/reliability/items.csv",
    params:
        config=config_keys("waves", "seed", "reliability"),
    log:
        "logs/reliability/reliability.log",
    benchmark:
        "benchmarks/reliability/reliability.tsv"
    threads: 1
    # The one heavy step (bootstrap, omega fits): a process of its own, so it runs on a second core
    # beside the rest of the workflow, which runs in Snakemake's process (see sweval/inprocess.py).
    run:
        run_step("reliability", input, output, params, log, wildcards, own_process=True)
