"""Benchmark: time and memory of the exact Wilcoxon signed-rank and sign-flip tests.

Not a test. Run from the repository root:

    .venv/bin/python benchmarks/bench_exact.py [--sizes 100 200 500 1000] [--repeat 5]

For each size m: m non-zero paired differences of Likert sums (integers -7..7 without 0, so
many ties) plus 10 zero differences, drawn symmetric about 0 (seeded) so that p is large: the
shift algorithm builds the lower tail of the distribution up to the observed statistic, and a
large p is its slowest case. Also the sign-flip test of the same differences divided by 28 (item
means of a 28-item scale: a grid of step 1/28) and of differences without ties (worst case for
the Wilcoxon test: the plain ranks 1..m). Prints the best of ``--repeat`` wall times, the CPU
time, and tracemalloc's peak of the call's allocations.
"""
from __future__ import annotations

import os

for _var in ("OPENBLAS_NUM_THREADS", "OMP_NUM_THREADS", "MKL_NUM_THREADS"):
    os.environ[_var] = "1"

import argparse  # noqa: E402
import time  # noqa: E402
import tracemalloc  # noqa: E402

import numpy as np  # noqa: E402

from sweval.paired import sign_flip_p, wilcoxon_exact  # noqa: E402


def measure(fn, repeat: int):
    walls, cpus = [], []
    for _ in range(repeat):
        w0, c0 = time.perf_counter(), time.process_time()
        out = fn()
        walls.append(time.perf_counter() - w0)
        cpus.append(time.process_time() - c0)
    tracemalloc.start()
    fn()
    peak = tracemalloc.get_traced_memory()[1]
    tracemalloc.stop()
    return out, min(walls), min(cpus), peak / 2 ** 20


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[100, 200, 500, 1000])
    parser.add_argument("--repeat", type=int, default=5)
    args = parser.parse_args()
    rng = np.random.default_rng(20240617)
    values = np.r_[-7:0, 1:8]
    print(f"{'test':<34}{'m':>6}{'p':>10}{'wall s':>9}{'cpu s':>9}{'peak MiB':>10}  method")
    for m in args.sizes:
        d = np.r_[rng.choice(values, size=m), np.zeros(10)]
        no_ties = np.r_[np.arange(1, m + 1) * rng.choice([-1, 1], size=m), np.zeros(10)]
        cases = [
            ("wilcoxon, ties", lambda d=d: wilcoxon_exact(d)),
            ("wilcoxon, no ties", lambda d=no_ties: wilcoxon_exact(d)),
            ("sign-flip, integers", lambda d=d: sign_flip_p(d)),
            ("sign-flip, item means (1/28)", lambda d=d: sign_flip_p(d / 28)),
        ]
        for name, fn in cases:
            out, wall, cpu, peak = measure(fn, args.repeat)
            p, method = (out["p"], out["method"]) if isinstance(out, dict) else out
            print(f"{name:<34}{m:>6}{p:>10.4f}{wall:>9.3f}{cpu:>9.3f}{peak:>10.2f}  {method[:60]}")


if __name__ == "__main__":
    main()
