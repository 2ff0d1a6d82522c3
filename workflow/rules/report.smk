rule report:
    """One self-contained HTML report from the executed section notebooks, with provenance; the same
    report as a Word file, and its tables alone as another (a thesis appendix); its figures and
    tables also as files, for Snakemake's own report (snakemake --report)."""
    input:
        notebooks=expand("results/notebooks/{section}.ipynb", section=report_sections()),
        raw=survey_paths() + roster_path() + process_paths(),
        codebook=codebook_path(),
    output:
        html=report("results/report/evaluation_report.html", caption="../report/evaluation_report.rst",
                    category="1. Evaluation report"),
        docx="results/report/evaluation_report.docx",
        tables_docx="results/report/tables.docx",
        figures=report(directory("results/report/figures"), patterns=["{section}.{name}.png"],
                       caption="../report/figures.rst", category="2. Figures", subcategory="{section}",
                       labels={"section": "{section}", "figure": "{name}"}),
        tables=report(directory("results/report/tables"), patterns=["{section}.{name}.html"],
                      caption="../report/tables.rst", category="3. Tables", subcategory="{section}",
                      labels={"section": "{section}", "table": "{name}"}),
    params:
        # The provenance section shows the whole effective config: the script reads it from
        # snakemake.config, and the params hold only its digest (a re-run when any key changes),
        # because Snakemake's own report (--report) embeds this rule's params as text inside a
        # <script> block, where a label a user typed could end it.
        config_digest=config_digest(),
        sections=report_sections(),
    log:
        "logs/report/report.log",
    benchmark:
        "logs/benchmarks/report/report.tsv"
    script:
        "../scripts/report.py"
