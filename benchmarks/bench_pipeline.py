"""Benchmark: cold and no-op runs of the whole workflow on the example study.

Prints, from one run of this script on this machine (medians, with every value), beside the targets:
- the wall time of `python -c "import pandas, scipy.stats, statsmodels.api, seaborn"` (the yardstick
  of the cold run) and of `snakemake --version` (the yardstick of the no-op run);
- a cold `snakemake --cores 4` from an empty results/ (report included): at most 10x the first;
- a no-op re-run: at most 1.5x the second; beside it, the floor: the no-op of a one-rule workflow
  with one param (Snakemake imports pandas to compare params when pandas is installed).
Both yardsticks are timed in the same run, between the workflow runs, so that a busy machine slows
yardstick and workflow alike.

    .venv/bin/python benchmarks/bench_pipeline.py
"""
from __future__ import annotations

import subprocess
import sys
import tempfile
import time
from pathlib import Path
from statistics import median

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "tests"))
from project import copy_project  # noqa: E402


def timed(cmd: list[str], cwd: Path) -> float:
    start = time.perf_counter()
    proc = subprocess.run(cmd, cwd=cwd, capture_output=True, text=True)
    elapsed = time.perf_counter() - start
    if proc.returncode != 0:
        sys.exit(f"command failed: {' '.join(cmd)}\n{proc.stderr[-3000:]}")
    return elapsed


def _values(times: list[float]) -> str:
    return f"median {median(times):.2f} s of {', '.join(f'{t:.2f}' for t in times)}"


# The floor of a no-op: Snakemake's own for a one-rule workflow with a param, in this environment.
# With pandas installed, Snakemake imports it to compare a job's params with the last run's.
MINIMAL = """rule all:
    input: "b.txt"

rule b:
    output: "b.txt"
    params: setting={"language": "en"}
    shell: "echo {params.setting} > {output}"
"""


def main() -> None:
    # medians, and every value printed: times on a shared 2-core machine vary by a third from run to run
    snakemake = [str(Path(sys.executable).parent / "snakemake"), "--cores", "4"]  # as README runs it
    imports, versions, colds, noops, floors = [], [], [], [], []
    for _ in range(3):
        imports += [timed([sys.executable, "-c", "import pandas, scipy.stats, statsmodels.api, seaborn"], ROOT)
                    for _ in range(2)]
        versions += [timed([snakemake[0], "--version"], ROOT) for _ in range(2)]
        with tempfile.TemporaryDirectory() as tmp:
            work = copy_project(Path(tmp))
            colds.append(timed(snakemake, work))
            noops += [timed(snakemake, work) for _ in range(2)]
        with tempfile.TemporaryDirectory() as tmp:
            (Path(tmp) / "Snakefile").write_text(MINIMAL, encoding="utf-8")
            timed(snakemake, Path(tmp))
            floors += [timed(snakemake, Path(tmp)) for _ in range(2)]
    cold, noop = median(colds) / median(imports), median(noops) / median(versions)
    print(f"yardstick, import of pandas, scipy.stats, statsmodels.api, seaborn: {_values(imports)}")
    print(f"yardstick, snakemake --version: {_values(versions)}")
    print(f"cold run, report included: {_values(colds)} = {cold:.1f}x the import "
          f"(target <= 10x: {'met' if cold <= 10 else 'MISSED'})")
    print(f"no-op re-run: {_values(noops)} = {noop:.2f}x snakemake --version "
          f"(target <= 1.5x: {'met' if noop <= 1.5 else 'MISSED'})")
    print(f"floor, no-op of a one-rule workflow with a param: {_values(floors)} = "
          f"{median(floors) / median(versions):.2f}x snakemake --version")


if __name__ == "__main__":
    main()
