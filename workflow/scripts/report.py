"""Rule report: executed notebooks -> one self-contained HTML file (thin adapter)."""
from sweval.io import step, write_text
from sweval.report.assemble import assemble_report, provenance

with step(snakemake.log[0], "report"):
    config = snakemake.params.config
    prov = provenance(raw_files=list(snakemake.input.raw), config=config, codebook=snakemake.input.codebook)
    html = assemble_report(list(snakemake.input.notebooks), list(snakemake.params.sections), config, prov)
    write_text(html, snakemake.output.html)
