rule reliability:
    """Cronbach's alpha (Feldt and bootstrap CIs), omega total, item statistics, per scale and wave."""
    input:
        responses="results/clean/responses.csv",
        codebook=codebook_path(),
    output:
        reliability="results/reliability/reliability.csv",
        item_stats="results/reliability/items.csv",
    params:
        **config_params("waves", "seed", "reliability"),
    log:
        "logs/reliability/reliability.log",
    benchmark:
        "logs/benchmarks/reliability/reliability.tsv"
    threads: 1
    # the longest job, and two section notebooks wait for it: started before the other statistics
    priority: 10
    script:
        "../scripts/reliability.py"
