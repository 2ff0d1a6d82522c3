"""The in-process papermill engine: outputs captured as a kernel would, notebooks isolated."""
import threading

import nbformat
import pytest
from papermill.exceptions import PapermillExecutionError

from sweval.notebook_engine import execute_notebook


def _notebook(path, cells):
    nb = nbformat.v4.new_notebook()
    nb.metadata["kernelspec"] = {"name": "python3", "display_name": "Python 3", "language": "python"}
    params = nbformat.v4.new_code_cell("value = 0")
    params.metadata["tags"] = ["parameters"]
    nb.cells = [params] + [nbformat.v4.new_code_cell(c) for c in cells]
    nbformat.write(nb, path)
    return str(path)


def _outputs(path):
    nb = nbformat.read(path, as_version=4)
    return [o for c in nb.cells if c.cell_type == "code" for o in c.get("outputs", [])]


def test_parallel_notebooks_keep_their_own_outputs(tmp_path):
    source = _notebook(tmp_path / "n.ipynb", [
        "from IPython.display import HTML, display\nimport matplotlib.pyplot as plt",
        "display(HTML(f'<b>{value}</b>'))\nprint('stdout', value)",
        "fig, ax = plt.subplots()\nax.plot([0, value])",
        "assert 'leak' not in globals()\nleak = 1",
    ])
    errors = []

    def run(k):
        try:
            execute_notebook(source, str(tmp_path / f"out{k}.ipynb"), {"value": k})
        except Exception as exc:  # noqa: BLE001 - reported below
            errors.append(exc)

    threads = [threading.Thread(target=run, args=(k,)) for k in range(1, 5)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert not errors
    for k in range(1, 5):
        outs = _outputs(tmp_path / f"out{k}.ipynb")
        html = [o["data"]["text/html"] for o in outs if "text/html" in o.get("data", {})]
        assert html == [f"<b>{k}</b>"]
        assert any(o.get("name") == "stdout" and f"stdout {k}" in o["text"] for o in outs)
        assert sum("image/png" in o.get("data", {}) for o in outs) == 1


def test_a_failing_cell_stops_the_notebook_with_papermills_error(tmp_path):
    source = _notebook(tmp_path / "bad.ipynb", ["raise ValueError('no table results/x.csv')", "print('never')"])
    with pytest.raises(PapermillExecutionError, match="no table results/x.csv"):
        execute_notebook(source, str(tmp_path / "out.ipynb"), {})
    assert not any("never" in o.get("text", "") for o in _outputs(tmp_path / "out.ipynb"))
