"""Benchmark: the random-intercept mixed model for 12 scales of 100,000 simulated children.

Not a test. Run from the repository root:

    .venv/bin/python benchmarks/bench_longitudinal.py [--n 1000 10000 100000] [--scales 12]

Simulates a long score table (participant_id, wave, scale, score) of n children x 3 waves
(pre, post, followup) x 12 scales: score = scale mean + wave effect + child effect + noise,
with about 10% of the child x wave x scale scores missing (so clusters are unbalanced), seeded.
Times ``sweval.longitudinal.mixed_model_table`` (REML fit of every scale, all table rows) and
prints wall and CPU time and peak memory (tracemalloc) per n. Target (issue 8): a few seconds
at 100,000 children on a 2-core machine.
"""
from __future__ import annotations

import argparse
import sys
import time
import tracemalloc
from pathlib import Path

import numpy as np
import pandas as pd

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "workflow"))
from sweval.longitudinal import mixed_model_table  # noqa: E402

WAVES = ["pre", "post", "followup"]


def simulate(n: int, n_scales: int, seed: int = 1, missing: float = 0.1) -> pd.DataFrame:
    """Long score table; the child effect has variance 4, the residual 9, the waves add 0, 1, 0.5."""
    rng = np.random.default_rng(seed)
    k = len(WAVES)
    child = np.repeat(np.arange(n), k * n_scales)
    wave = np.tile(np.repeat(np.arange(k), n_scales), n)
    scale = np.tile(np.arange(n_scales), n * k)
    u = rng.normal(0.0, 2.0, (n, n_scales))[child, scale]
    score = 30.0 + 2.0 * scale + np.array([0.0, 1.0, 0.5])[wave] + u + rng.normal(0.0, 3.0, len(child))
    score[rng.random(len(child)) < missing] = np.nan
    return pd.DataFrame({"participant_id": pd.Series([f"c{i:06d}" for i in range(n)]).to_numpy()[child],
                         "wave": np.asarray(WAVES)[wave],
                         "scale": np.asarray([f"scale_{j + 1:02d}" for j in range(n_scales)])[scale],
                         "score": score})


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--n", type=int, nargs="+", default=[1_000, 10_000, 100_000])
    parser.add_argument("--scales", type=int, default=12)
    args = parser.parse_args()
    for n in args.n:
        scores = simulate(n, args.scales)
        tracemalloc.start()
        start, cpu = time.perf_counter(), time.process_time()
        table = mixed_model_table(scores, WAVES)
        wall, cpu = time.perf_counter() - start, time.process_time() - cpu
        peak = tracemalloc.get_traced_memory()[1]
        tracemalloc.stop()
        print(f"mixed_model_table  n = {n:>7,} children x {len(WAVES)} waves x {args.scales} scales "
              f"({len(scores):>9,} rows): wall {wall:6.2f} s  cpu {cpu:6.2f} s  "
              f"peak {peak / 2**20:7.1f} MiB  all converged: {bool(table['converged'].all())}")


if __name__ == "__main__":
    main()
