"""Rule notebook: execute one section notebook with papermill (thin adapter)."""
import os
from pathlib import Path

import papermill

from sweval.io import step

with step(snakemake.log[0], f"notebook {snakemake.wildcards.section}"):
    study = dict(snakemake.params.config, _root=os.getcwd())
    Path(snakemake.output.notebook).parent.mkdir(parents=True, exist_ok=True)
    papermill.execute_notebook(
        snakemake.input.notebook, snakemake.output.notebook,
        parameters={"results_dir": str(Path("results").resolve()), "study": study,
                    "language": study.get("language", "en")},
        kernel_name="python3", cwd=str(Path(snakemake.input.notebook).parent),
        progress_bar=False, log_output=False, request_save_on_cell_execute=False)
