"""Rule report: executed notebooks -> one self-contained HTML file and the same report as Word
files (the whole report, and its tables alone), plus its figures and tables (thin adapter)."""
from pathlib import Path

from sweval.codebook import load_codebook
from sweval.io import write_bytes, write_text
from sweval.job import step
from sweval.report.assemble import (
    about_text,
    assemble_report,
    extract_assets,
    notebook_warnings,
    provenance,
    report_items,
    report_title,
)
from sweval.report.docx import report_docx, tables_docx
from sweval.report.strings import t

with step(snakemake.log[0], "report") as log:
    config = dict(snakemake.config)  # the params hold only its digest (rules/report.smk)
    notebooks, sections = list(snakemake.input.notebooks), list(snakemake.params.sections)
    for warning in notebook_warnings(notebooks, sections):  # for the researcher, not the reader
        log.warning("a section notebook wrote to stderr: %s", warning)
    prov = provenance(raw_files=list(snakemake.input.raw), config=config, codebook=snakemake.input.codebook)
    codebook = load_codebook(snakemake.input.codebook)
    items = report_items(notebooks, sections, config, prov)
    write_text(assemble_report(notebooks, sections, config, prov, codebook, items), snakemake.output.html)
    language, title = config.get("language", "en"), report_title(config)
    banner = t("simulated_note", language) if (config.get("study") or {}).get("simulated") else ""
    about = about_text(config, codebook, language)
    write_bytes(report_docx(items, title, language, prov["date"], banner, about), snakemake.output.docx)
    write_bytes(tables_docx(items, title, language, prov["date"]), snakemake.output.tables_docx)
    figures, tables = extract_assets(notebooks, sections)
    for folder, files in ((snakemake.output.figures, figures), (snakemake.output.tables, tables)):
        Path(folder).mkdir(parents=True, exist_ok=True)
        for name, content in files.items():
            (Path(folder) / name).write_bytes(content)
