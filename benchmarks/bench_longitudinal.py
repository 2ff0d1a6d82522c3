"""Benchmark: the random-intercept mixed model and Friedman's test for 12 scales of up to 100,000
simulated children, and the library paths against the fast paths.

Not a test. Run from the repository root:

    .venv/bin/python benchmarks/bench_longitudinal.py [--n 1000 10000 100000] [--scales 12]
                                                      [--statsmodels-max 10000]

Simulates a long score table (participant_id, wave, scale, score) of n children x 3 waves
(pre, post, followup) x 12 scales: score = scale mean + wave effect + child effect + noise,
with about 10% of the child x wave x scale scores missing (so clusters are unbalanced), seeded.
Per n it prints:

* ``mixed_model_table`` on all scales as the pipeline runs it (statsmodels MixedLM below
  ``FAST_PATH_MIN_OBS`` observations per scale, the closed-form fast path from there), wall and
  CPU time and peak memory (tracemalloc). Target: a few seconds at 100,000 children.
* one scale fitted by each engine of ``random_intercept_fit``: statsmodels (skipped above
  ``--statsmodels-max`` children: at 10,000 it already takes minutes) and the closed form, with
  the largest difference between their estimates;
* Friedman's test of one scale by ``pingouin.friedman`` and by the vectorised formula used from
  ``FRIEDMAN_FAST_MIN_N`` complete cases.
"""
from __future__ import annotations

import argparse
import os
import sys
import time
import tracemalloc
from pathlib import Path

import numpy as np
import pandas as pd

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "workflow"))
import pingouin as pg  # noqa: E402

from sweval import longitudinal as lg  # noqa: E402

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


def timed(func, *args, **kwargs):
    tracemalloc.start()
    start, cpu = time.perf_counter(), time.process_time()
    result = func(*args, **kwargs)
    wall, cpu = time.perf_counter() - start, time.process_time() - cpu
    peak = tracemalloc.get_traced_memory()[1]
    tracemalloc.stop()
    return result, f"wall {wall:7.2f} s  cpu {cpu:7.2f} s  peak {peak / 2**20:7.1f} MiB"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--n", type=int, nargs="+", default=[1_000, 10_000, 100_000])
    parser.add_argument("--scales", type=int, default=12)
    parser.add_argument("--statsmodels-max", type=int, default=10_000)
    args = parser.parse_args()
    print(f"FAST_PATH_MIN_OBS = {lg.FAST_PATH_MIN_OBS:,}, FRIEDMAN_FAST_MIN_N = "
          f"{lg.FRIEDMAN_FAST_MIN_N:,}; load average {os.getloadavg()[0]:.1f} on {os.cpu_count()} CPUs "
          "(other work on the machine inflates wall times)")
    for n in args.n:
        scores = simulate(n, args.scales)
        table, cost = timed(lg.mixed_model_table, scores, WAVES)
        engines = ", ".join(sorted({m.split("(")[1].split(")")[0] for m in table["method"]}))
        print(f"n = {n:>7,} children x {len(WAVES)} waves x {args.scales} scales ({len(scores):>9,} rows)")
        print(f"  mixed_model_table, all scales ({engines}): {cost}  all converged: "
              f"{bool(table['converged'].all())}")
        one = scores[(scores["scale"] == "scale_01") & scores["score"].notna()]
        y = one["score"].to_numpy(float)
        wave = pd.Categorical(one["wave"], categories=WAVES).codes
        exog = np.column_stack([np.ones(len(y)), wave == 1, wave == 2]).astype(float)
        child = one["participant_id"].to_numpy()
        fast, cost = timed(lg.random_intercept_fit, y, exog, child, engine="closed_form")
        print(f"  one scale ({len(y):,} observations), closed form:  {cost}")
        if n <= args.statsmodels_max:
            ref, cost = timed(lg.random_intercept_fit, y, exog, child, engine="statsmodels")
            diff = float(np.max(np.abs(ref.estimates - fast.estimates)))
            print(f"  one scale, statsmodels MixedLM:          {cost}  converged {ref.converged}; "
                  f"max |estimate difference| {diff:.1e}")
        else:
            print(f"  one scale, statsmodels MixedLM: not run above {args.statsmodels_max:,} children "
                  "(--statsmodels-max)")
        wide = one.pivot(index="participant_id", columns="wave", values="score")[WAVES].dropna()
        _, cost = timed(pg.friedman, wide)
        print(f"  Friedman, one scale ({len(wide):,} complete), pingouin.friedman: {cost}")
        _, cost = timed(lg._friedman_formula, wide.to_numpy())
        print(f"  Friedman, one scale, vectorised formula:           {cost}")


if __name__ == "__main__":
    main()
