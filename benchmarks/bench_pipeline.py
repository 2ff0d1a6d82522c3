"""Benchmark: cold and no-op runs of the whole workflow on the example study.

Prints, from one run of this script on this machine (medians, with every value):
- the wall time of `python -c "import pandas, scipy.stats, statsmodels.api, seaborn"` (the yardstick);
- a cold `snakemake --cores 4` from an empty results/ (report included) and its ratio to the
  yardstick (target: at most 6x);
- a no-op re-run (target: under 1.5 s).

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


def main() -> None:
    # medians, and every value printed: times on a shared 2-core machine vary by a third from run to run
    yardsticks = [timed([sys.executable, "-c", "import pandas, scipy.stats, statsmodels.api, seaborn"], ROOT)
                  for _ in range(5)]
    snakemake = [str(Path(sys.executable).parent / "snakemake"), "--cores", "4"]  # as README runs it
    colds, noops = [], []
    for _ in range(3):
        with tempfile.TemporaryDirectory() as tmp:
            work = copy_project(Path(tmp))
            colds.append(timed(snakemake, work))
            noops += [timed(snakemake, work) for _ in range(2)]
    import_time, cold, noop = median(yardsticks), median(colds), median(noops)
    print(f"import yardstick (pandas, scipy.stats, statsmodels.api, seaborn): median {import_time:.2f} s "
          f"of {', '.join(f'{t:.2f}' for t in yardsticks)}")
    print(f"cold run, report included: median {cold:.1f} s of {', '.join(f'{t:.1f}' for t in colds)} "
          f"= {cold / import_time:.1f}x the yardstick (target <= 6x)")
    print(f"no-op re-run: median {noop:.2f} s of {', '.join(f'{t:.2f}' for t in noops)} (target < 1.5 s)")


if __name__ == "__main__":
    main()
