"""A papermill engine that executes notebooks inside the current Python process.

papermill's default engine starts one Jupyter kernel per notebook (a new interpreter that imports
pandas, matplotlib and seaborn again, over ZeroMQ, with the known port races when several start
at once). The report's notebooks only read tables and draw, so the pipeline runs them in the
process that already has those libraries loaded: an IPython shell with the inline matplotlib
backend, outputs captured into the notebook exactly as a kernel would report them (stream,
display_data with text/html and image/png, error). One notebook at a time (a lock), each in a
fresh namespace. The working directory is never changed (other pipeline steps may be running in
threads of the same process), so notebooks get absolute paths as parameters. Reviewers still
re-execute the notebooks with plain papermill and a kernel.
"""
from __future__ import annotations

import base64
import functools
import threading

import nbformat
from papermill.engines import Engine, papermill_engines

ENGINE_NAME = "sweval-inprocess"
_LOCK = threading.Lock()


@functools.cache
def _shell():
    from IPython.core.interactiveshell import InteractiveShell

    class NotebookShell(InteractiveShell):
        def enable_gui(self, gui=None):  # no event loop: figures are rendered inline
            return None

    from traitlets.config import Config

    config = Config()
    # no history database: notebooks run in parallel processes (sweval.inprocess), and a pipeline
    # run has no business writing into the researcher's ~/.ipython
    config.HistoryManager.enabled = False
    shell = NotebookShell.instance(config=config)
    shell.colors = "NoColor"
    return shell


def _rich_output(output) -> dict:
    data = {}
    for mime, value in output.data.items():
        if isinstance(value, bytes):
            value = base64.b64encode(value).decode("ascii")
        data[mime] = value
    return nbformat.v4.new_output("display_data", data=data, metadata=output.metadata or {})


def _outputs(captured) -> list:
    outputs = []
    if captured.stdout:
        outputs.append(nbformat.v4.new_output("stream", name="stdout", text=captured.stdout))
    if captured.stderr:
        outputs.append(nbformat.v4.new_output("stream", name="stderr", text=captured.stderr))
    outputs.extend(_rich_output(o) for o in captured.outputs)
    return outputs


class InProcessEngine(Engine):
    """Run each code cell with IPython's ``run_cell`` in this process (see the module docstring)."""

    @classmethod
    def execute_managed_notebook(cls, nb_man, kernel_name, **kwargs):
        from IPython.utils.capture import capture_output

        with _LOCK:
            shell = _shell()
            shell.reset(new_session=True, aggressive=False)
            shell.run_line_magic("matplotlib", "inline")
            count = 0
            for index, cell in enumerate(nb_man.nb.cells):
                if cell.cell_type != "code":
                    continue
                nb_man.cell_start(cell, index)
                count += 1
                with capture_output(stdout=True, stderr=True, display=True) as captured:
                    result = shell.run_cell(cell.source, store_history=False)
                cell.execution_count = count
                cell.outputs = _outputs(captured)
                error = result.error_before_exec or result.error_in_exec
                if error is not None:
                    cell.outputs.append(nbformat.v4.new_output(
                        "error", ename=type(error).__name__, evalue=str(error),
                        traceback=[f"{type(error).__name__}: {error}"]))
                    nb_man.cell_exception(cell, index)
                    nb_man.cell_complete(cell, index)
                    return  # papermill raises PapermillExecutionError from the error output
                nb_man.cell_complete(cell, index)
            import matplotlib.pyplot as plt

            plt.close("all")


papermill_engines.register(ENGINE_NAME, InProcessEngine)


def execute_notebook(source: str, output: str, parameters: dict) -> None:
    """papermill.execute_notebook with the in-process engine; no working-directory change."""
    import papermill

    papermill.execute_notebook(source, output, parameters=parameters, engine_name=ENGINE_NAME,
                               kernel_name="python3", progress_bar=False, log_output=False)
