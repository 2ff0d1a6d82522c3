"""Rule notebook: execute one section notebook with papermill (thin adapter)."""
import os
from pathlib import Path

from sweval.io import step
from sweval.report.execute import execute_section

with step(snakemake.log[0], f"notebook {snakemake.wildcards.section}"):
    study = dict(snakemake.params.config, _root=os.getcwd())
    execute_section(snakemake.input.notebook, snakemake.output.notebook,
                    parameters={"results_dir": str(Path("results").resolve()), "study": study,
                                "language": study.get("language", "en")},
                    cwd=Path(snakemake.input.notebook).parent)
