"""Benchmark: a large simulated cohort through clean -> score -> reliability -> effects (no notebooks).

For 1,000, 10,000 and 100,000 children x 3 waves x 28 CYRM items (a tidy CSV from
`python -m sweval.simulate cohort`), runs the workflow's targets in a temporary copy of the
project and prints the wall time and the peak memory: the largest sum over Snakemake and every
process it started of their proportional set size (PSS: a page shared by n processes counts 1/n
in each), sampled every 100 ms. Each job is a Python process of its own (Snakemake's `script:`),
and independent jobs run at the same time, so one process's peak would understate the run's memory.
Targets: at most 90 s and 2 GB at 100,000; cost about linear in the number of children.

    .venv/bin/python benchmarks/bench_cohort.py            # 1k, 10k, 100k
    .venv/bin/python benchmarks/bench_cohort.py 1000 10000
"""
from __future__ import annotations

import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

import psutil
import yaml

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "workflow"))
sys.path.insert(0, str(ROOT / "tests"))
from project import copy_project  # noqa: E402
from sweval.simulate import make_cohort  # noqa: E402

TARGETS = ["results/scores/scores.csv", "results/reliability/reliability.csv", "results/effects/paired.csv",
           "results/effects/individual_change.csv", "results/effects/longitudinal.csv"]


def _config(csv: Path) -> dict:
    return {"instrument": "cyrm28", "waves": ["pre", "post", "followup"],
            "baseline_wave": "pre", "contrasts": [["pre", "post"], ["pre", "followup"], ["post", "followup"]],
            "seed": 1, "privacy": {"key_file": "key.txt"},
            "surveys": [{"name": "cohort", "path": str(csv), "format": "csv", "wave_column": "wave",
                         "id_column": "participant_id"}],
            "outcomes": {"holm_family": ["total", "individual", "caregiver", "context"]}}


def _tree_pss(proc: psutil.Process) -> int:
    total = 0
    for p in [proc, *proc.children(recursive=True)]:
        try:
            total += p.memory_full_info().pss
        except psutil.Error:  # a process that just ended
            pass
    return total


def run(n: int) -> tuple[float, float]:
    with tempfile.TemporaryDirectory() as tmp:
        work = copy_project(Path(tmp), example=False)
        csv = make_cohort(work / "data", n, seed=1)
        (work / "key.txt").write_text("benchmark-key-of-the-simulated-cohort\n")
        (work / "config.yaml").write_text(yaml.safe_dump(_config(csv)))
        start = time.perf_counter()
        proc = subprocess.Popen([sys.executable, "-m", "snakemake", "--cores", "4", *TARGETS], cwd=work,
                                stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
        peak, done = [0], threading.Event()

        def sample():
            watched = psutil.Process(proc.pid)
            while not done.wait(0.1):
                try:
                    peak[0] = max(peak[0], _tree_pss(watched))
                except psutil.Error:
                    return

        sampler = threading.Thread(target=sample)
        sampler.start()
        _, stderr = proc.communicate()
        elapsed = time.perf_counter() - start
        done.set()
        sampler.join()
        if proc.returncode:
            sys.exit(stderr[-3000:])
    return elapsed, peak[0] / 1024**3


def main() -> None:
    sizes = [int(a) for a in sys.argv[1:]] or [1000, 10000, 100000]
    previous = None
    for n in sizes:
        elapsed, peak = run(n)
        growth = f", x{elapsed / previous[1]:.1f} time for x{n / previous[0]:.0f} children" if previous else ""
        print(f"{n:>7} children x 3 waves: {elapsed:6.1f} s, peak memory {peak:.2f} GB{growth}")
        previous = (n, elapsed)
    print("targets at 100,000: at most 90 s and 2 GB")


if __name__ == "__main__":
    main()
