"""Rule notebook: execute one section notebook with papermill (thin adapter).

The pipeline uses sweval's in-process papermill engine (no kernel start per notebook, no port
races); a reviewer re-executes the same notebook with plain papermill and a python3 kernel.
"""
import os
from pathlib import Path

from sweval.io import step
from sweval.notebook_engine import execute_notebook

with step(snakemake.log[0], f"notebook {snakemake.wildcards.section}"):
    study = dict(snakemake.params.config, _root=os.getcwd())
    Path(snakemake.output.notebook).parent.mkdir(parents=True, exist_ok=True)
    execute_notebook(snakemake.input.notebook, snakemake.output.notebook,
                     {"results_dir": str(Path("results").resolve()), "study": study,
                      "language": study.get("language", "en")})
