"""Rule notebook: execute one section notebook with papermill and a python3 Jupyter kernel (thin
adapter), as a reviewer re-executes it (README, "Re-executing a notebook")."""
import papermill

from sweval.job import rule_config, step

with step(snakemake.log[0], f"notebook {snakemake.wildcards.section}"):
    # paths relative to the working folder (the kernel starts there), so that no absolute home
    # path is written into results/notebooks
    study = dict(rule_config(snakemake.params), _root=".")
    papermill.execute_notebook(snakemake.input.notebook, snakemake.output.notebook, kernel_name="python3",
                               parameters={"results_dir": "results", "study": study,
                                           "language": study.get("language", "en")},
                               progress_bar=False, log_output=False,
                               # the kernel's own log says only that a local kernel talks over TCP
                               # and that papermill interrupts it when it shuts it down; a failing
                               # cell still fails the job, with its traceback, through papermill
                               # and nothing of a run is written to the researcher's ~/.ipython
                               extra_arguments=["--IPKernelApp.log_level=CRITICAL",
                                                "--HistoryManager.enabled=False"])
