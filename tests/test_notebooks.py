"""The section notebooks as stored: no outputs, a parameters cell that works from a fresh clone,
the kernel named, and no statistics computed inside them."""
import re
from pathlib import Path

import nbformat
import pytest


KERNEL = "python3"  # named in every notebook, for reviewers who re-execute with papermill
NOTEBOOKS = sorted((Path(__file__).resolve().parents[1] / "notebooks").glob("*.ipynb"))
# Estimating anything belongs to the package; notebooks may count rows and pick values only.
STATISTICS = re.compile(r"\b(import scipy|from scipy|statsmodels|pingouin|sweval\.(paired|change|reliability|"
                        r"baseline|process|longitudinal|power|score))\b|\.(mean|std|var|median|corr|quantile)\(")


def _read(path):
    return nbformat.read(path, as_version=4)


def test_every_report_section_has_a_notebook(root):
    common = (root / "workflow/rules/common.smk").read_text(encoding="utf-8")
    sections = re.search(r"^SECTIONS = \[(.*)\]", common, flags=re.M).group(1)
    assert {s.strip().strip('"') for s in sections.split(",")} == {p.stem for p in NOTEBOOKS}


@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: p.stem)
def test_stored_without_outputs(path):
    dirty = [k for k, c in enumerate(_read(path).cells)
             if c.cell_type == "code" and (c.get("outputs") or c.get("execution_count") is not None)]
    assert not dirty, f"{path.name}: cells {dirty} hold outputs; clear them before committing"


@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: p.stem)
def test_parameters_cell_defaults_work_from_a_fresh_clone(path):
    nb = _read(path)
    assert nb.metadata["kernelspec"]["name"] == KERNEL
    code = [c for c in nb.cells if c.cell_type == "code"]
    assert "parameters" in code[0].metadata.get("tags", []), "the first code cell must be tagged 'parameters'"
    defaults = {}
    exec(code[0].source, {}, defaults)  # noqa: S102 - our own notebook's constants
    assert defaults == {"results_dir": "../results", "study": None, "config_file": "../config.yaml", "language": None}


@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: p.stem)
def test_notebooks_compute_no_statistics(path):
    source = "\n".join(c.source for c in _read(path).cells if c.cell_type == "code")
    assert not STATISTICS.findall(source), f"{path.name} computes statistics: {STATISTICS.findall(source)}"
