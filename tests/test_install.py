"""sweval installed as a wheel runs the example study, and every process imports that one copy.

A wheel is built from the repository, installed without dependencies into a fresh venv, and the
example is run in a copy of the project that has no ``workflow/sweval``. To stay within a few
minutes the fresh venv gets the already-installed dependencies of this test's environment through
a ``.pth`` line (which adds a folder to ``sys.path`` but runs none of its ``.pth`` files, so this
environment's editable sweval is not reachable). A second ``.pth`` file records, in every Python
process the run starts, the file that ``import sweval`` loads: all of them must be the wheel's.
"""
from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
import sysconfig
import zipfile
from pathlib import Path

import pytest
from project import copy_project

from sweval.pipeline import PACKAGED, PIPELINE_FILES

ROOT = Path(__file__).resolve().parents[1]
BUILD_FILES = ("pyproject.toml", "README.md", "setup.py", "MANIFEST.in", "workflow/sweval")

# In the fresh venv: log where each process finds sweval (a meta path finder placed first, which
# asks the standard path finder and writes down its answer).
IMPORT_LOG_MODULE = '''\
import os, sys
from importlib.machinery import PathFinder


class _WhereSwevalIs:
    @staticmethod
    def find_spec(name, path=None, target=None):
        if name != "sweval":
            return None
        spec = PathFinder.find_spec(name, path, target)
        with open(os.environ["SWEVAL_IMPORT_LOG"], "a", encoding="utf-8") as log:
            log.write(f"{os.getpid()}\\t{spec.origin if spec else None}\\n")
        return spec


if os.environ.get("SWEVAL_IMPORT_LOG"):
    sys.meta_path.insert(0, _WhereSwevalIs)
'''


@pytest.fixture(scope="module")
def wheel(tmp_path_factory) -> Path:
    """A wheel built from a copy of the package's sources and the pipeline's files, which setup.py
    copies into the package (setuptools writes build/ and *.egg-info next to the sources it builds)."""
    src = tmp_path_factory.mktemp("src")
    for name in BUILD_FILES + PIPELINE_FILES:
        if (ROOT / name).is_dir():
            shutil.copytree(ROOT / name, src / name, ignore=shutil.ignore_patterns("__pycache__", "*.egg-info"))
        else:
            (src / name).parent.mkdir(parents=True, exist_ok=True)
            shutil.copy2(ROOT / name, src / name)
    dist = tmp_path_factory.mktemp("dist")
    proc = subprocess.run([sys.executable, "-m", "pip", "wheel", "--no-deps", "-q", "-w", str(dist), str(src)],
                          capture_output=True, text=True, timeout=600)
    assert proc.returncode == 0, proc.stderr[-3000:]
    (found,) = dist.glob("sweval-*.whl")
    return found


def test_wheel_ships_the_schemas_and_codebooks(wheel):
    names = set(zipfile.ZipFile(wheel).namelist())
    for folder in ("schemas", "instruments"):
        shipped = {p.name for p in (ROOT / "workflow/sweval" / folder).glob("*.yaml")}
        assert shipped and {f"sweval/{folder}/{n}" for n in shipped} <= names, folder


def test_wheel_ships_the_pipeline(wheel):
    """Every file of the pipeline (Snakefile, rules, scripts, report captions, notebooks, profiles,
    the lock) is in the wheel under sweval/_pipeline, in the repository's layout; no caches."""
    names = set(zipfile.ZipFile(wheel).namelist())
    expected = set()
    for item in PIPELINE_FILES:
        path = ROOT / item
        files = [path] if path.is_file() else [p for p in path.rglob("*") if p.is_file()
                                               and "__pycache__" not in p.parts and p.suffix != ".html"]
        expected |= {f"sweval/{PACKAGED}/{p.relative_to(ROOT).as_posix()}" for p in files}
    assert f"sweval/{PACKAGED}/Snakefile" in expected and f"sweval/{PACKAGED}/notebooks/outcomes.ipynb" in expected
    assert expected <= names, sorted(expected - names)[:5]
    assert not [n for n in names if "__pycache__" in n or n.endswith(".pyc")]


def _fresh_venv(venv: Path) -> Path:
    """A new venv whose dependencies are this environment's, without sweval; its python."""
    subprocess.run([sys.executable, "-m", "venv", "--without-pip", str(venv)], check=True, timeout=120)
    python = venv / "bin" / "python"
    site = Path(subprocess.run([str(python), "-c", "import sysconfig; print(sysconfig.get_paths()['purelib'])"],
                               capture_output=True, text=True, check=True).stdout.strip())
    ours = {sysconfig.get_paths()[k] for k in ("purelib", "platlib")}
    (site / "test_dependencies.pth").write_text("".join(f"{p}\n" for p in sorted(ours)), encoding="utf-8")
    (site / "_where_sweval_is.py").write_text(IMPORT_LOG_MODULE, encoding="utf-8")
    (site / "where_sweval_is.pth").write_text("import _where_sweval_is\n", encoding="utf-8")
    return python


def _project_without_the_package(dest: Path) -> Path:
    work = copy_project(dest)
    shutil.rmtree(work / "workflow" / "sweval")
    shutil.rmtree(work / "workflow" / "sweval.egg-info", ignore_errors=True)
    return work


@pytest.mark.e2e
def test_without_sweval_installed_snakemake_says_how_to_install(tmp_path):
    python = _fresh_venv(tmp_path / "venv")
    work = _project_without_the_package(tmp_path / "project")
    proc = subprocess.run([str(python), "-m", "snakemake", "--cores", "1", "--dry-run"], cwd=work,
                          capture_output=True, text=True, timeout=300, env=_env(tmp_path / "imports.log"))
    output = proc.stdout + proc.stderr
    assert proc.returncode != 0
    assert "The sweval package is not installed" in output and "pip install" in output, output[-2000:]
    assert "Traceback" not in output, output[-3000:]


@pytest.mark.e2e
def test_wheel_runs_the_example_in_a_fresh_venv(wheel, tmp_path, example_run):
    python = _fresh_venv(tmp_path / "venv")
    pip = subprocess.run([sys.executable, "-m", "pip", "--python", str(python), "install", "--no-deps",
                          "-q", str(wheel)], capture_output=True, text=True, timeout=300)
    assert pip.returncode == 0, pip.stderr[-3000:]
    work = _project_without_the_package(tmp_path / "project")
    log = tmp_path / "imports.log"
    proc = subprocess.run([str(python), "-m", "snakemake", "--cores", "4"], cwd=work, capture_output=True,
                          text=True, timeout=900, env=_env(log))
    assert proc.returncode == 0, proc.stderr[-4000:]
    # provenance names the shipped codebook by its place in the package, not by the venv's path
    html = (work / "results/report/evaluation_report.html").read_text(encoding="utf-8")
    assert "sweval/instruments/cyrm28.yaml" in html and str(tmp_path) not in html

    # every process that imported sweval (Snakemake's, and each job's script: process and kernel)
    # found the wheel's copy, inside the fresh venv
    installed = (tmp_path / "venv").resolve()
    imports = [line.split("\t") for line in log.read_text(encoding="utf-8").splitlines()]
    assert len({pid for pid, _ in imports}) >= 2, imports
    for pid, origin in imports:
        assert origin != "None" and Path(origin).resolve().is_relative_to(installed), (pid, origin)

    # the same code gives the same results as the editable install of the test run
    for table in ("scores/scores.csv", "effects/paired.csv", "reliability/reliability.csv"):
        assert (work / "results" / table).read_bytes() == (example_run / "results" / table).read_bytes(), table


@pytest.mark.e2e
def test_wheel_inits_and_runs_a_study(wheel, tmp_path):
    """`sweval init` from the wheel's console script, then the study's pipeline: the module's
    Snakefile, rules and notebooks are the copies packaged in the wheel, the code the wheel's."""
    python = _fresh_venv(tmp_path / "venv")
    pip = subprocess.run([sys.executable, "-m", "pip", "--python", str(python), "install", "--no-deps",
                          "-q", str(wheel)], capture_output=True, text=True, timeout=300)
    assert pip.returncode == 0, pip.stderr[-3000:]
    log = tmp_path / "imports.log"
    env = _env(log) | {"XDG_CONFIG_HOME": str(tmp_path / "xdg")}
    env.pop("SWEVAL_PSEUDONYM_KEY", None)
    data = ROOT / "tests/data/init_study"
    init = subprocess.run([str(tmp_path / "venv/bin/sweval"), "init", "study", "--export", str(data / "csv/pre.csv"),
                           "--export", str(data / "csv/post.csv"), "--instrument", str(data / "instrument.yaml")],
                          cwd=tmp_path, capture_output=True, text=True, timeout=300, env=env)
    assert init.returncode == 0, init.stdout[-2000:] + init.stderr[-3000:]
    assert re.search(r"dry run: \d+ jobs \(clean 1, ", init.stdout) and "cd study && " in init.stdout
    proc = subprocess.run([str(python), "-m", "snakemake", "--cores", "4"], cwd=tmp_path / "study",
                          capture_output=True, text=True, timeout=900, env=env)
    assert proc.returncode == 0, proc.stderr[-4000:]
    assert (tmp_path / "study/results/report/evaluation_report.html").is_file()
    installed = (tmp_path / "venv").resolve()
    # the notebooks the jobs ran are the wheel's copies
    notebooks = [n for n in re.findall(r"input: (\S+/notebooks/\w+\.ipynb)", proc.stdout + proc.stderr)
                 if not n.startswith("results/")]
    assert notebooks and all(Path(n).resolve().is_relative_to(installed) for n in notebooks), notebooks[:3]
    imports = [line.split("\t") for line in log.read_text(encoding="utf-8").splitlines()]
    for pid, origin in imports:
        assert origin != "None" and Path(origin).resolve().is_relative_to(installed), (pid, origin)


def _env(log: Path) -> dict:
    env = {k: v for k, v in os.environ.items() if k not in ("PYTHONPATH", "PYTHONHOME")}
    env["SWEVAL_IMPORT_LOG"] = str(log)
    return env
