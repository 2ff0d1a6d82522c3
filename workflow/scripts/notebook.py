"""Rule notebook: execute one section notebook with papermill (thin adapter).

The pipeline uses sweval's in-process papermill engine (no kernel start per notebook, no port
races); a reviewer re-executes the same notebook with plain papermill and a python3 kernel.
"""
from pathlib import Path

from sweval.io import step
from sweval.notebook_engine import execute_notebook

with step(snakemake.log[0], f"notebook {snakemake.wildcards.section}"):
    # paths relative to the working folder (the in-process engine never changes it), so that no
    # absolute home path is written into results/notebooks
    study = dict(snakemake.params.config, _root=".")
    Path(snakemake.output.notebook).parent.mkdir(parents=True, exist_ok=True)
    execute_notebook(snakemake.input.notebook, snakemake.output.notebook,
                     {"results_dir": "results", "study": study,
                      "language": study.get("language", "en")})
