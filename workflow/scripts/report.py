"""Rule report: executed notebooks -> one self-contained HTML file, plus its figures and tables (thin adapter)."""
from pathlib import Path

from sweval.codebook import load_codebook
from sweval.io import write_text
from sweval.job import step
from sweval.report.assemble import assemble_report, extract_assets, notebook_warnings, provenance

with step(snakemake.log[0], "report") as log:
    config = dict(snakemake.config)  # the params hold only its digest (rules/report.smk)
    notebooks, sections = list(snakemake.input.notebooks), list(snakemake.params.sections)
    for warning in notebook_warnings(notebooks, sections):  # for the researcher, not the reader
        log.warning("a section notebook wrote to stderr: %s", warning)
    prov = provenance(raw_files=list(snakemake.input.raw), config=config, codebook=snakemake.input.codebook)
    write_text(assemble_report(notebooks, sections, config, prov, load_codebook(snakemake.input.codebook)),
               snakemake.output.html)
    figures, tables = extract_assets(notebooks, sections)
    for folder, files in ((snakemake.output.figures, figures), (snakemake.output.tables, tables)):
        Path(folder).mkdir(parents=True, exist_ok=True)
        for name, content in files.items():
            (Path(folder) / name).write_bytes(content)
