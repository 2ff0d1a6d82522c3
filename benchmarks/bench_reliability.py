"""Benchmark: reliability of one 28-item scale for 20,000 simulated respondents on one core.

Not a test. Run from the repository root:

    .venv/bin/python benchmarks/bench_reliability.py [--n 20000] [--items 28] [--n-boot 1000]

Simulates 1-5 Likert answers from a one-factor model (loadings 0.4-0.8, seeded), then times
alpha, the Feldt interval, omega total, the bootstrap intervals for alpha and for omega, and the
whole ``reliability_table`` call. 20,000 is the largest survey that gets bootstrap intervals by
default (``reliability.max_n_bootstrap``). Prints wall time per step and peak memory:
tracemalloc's peak of the step's Python/numpy allocations and the process's peak resident set
size. CPU time is printed beside wall time because other work on a shared machine stretches wall
time but not the CPU time of a one-thread run. Target: under 10 s for the table with 1000
bootstrap replicates.

Then the comparison the README quotes: the same bootstrap intervals from
``pingouin.compute_bootci`` with a per-resample statistic (pingouin calls ``pg.cronbach_alpha``,
or the package's ``omega_total``, once per resample, the usual way to use it), against the
package's way, where pingouin draws the same resamples and hands them all at once to a
statistic that evaluates them from count weights. Same seed, so both give the same interval.
"""
from __future__ import annotations

import os

# One core: pin the BLAS/OpenMP pools before numpy loads them.
for _var in ("OPENBLAS_NUM_THREADS", "OMP_NUM_THREADS", "MKL_NUM_THREADS"):
    os.environ[_var] = "1"

import argparse  # noqa: E402
import resource  # noqa: E402
import time  # noqa: E402
import tracemalloc  # noqa: E402

import numpy as np  # noqa: E402
import pandas as pd  # noqa: E402
import pingouin as pg  # noqa: E402

from sweval import reliability as rel  # noqa: E402


def simulate(n: int, k: int, seed: int) -> pd.DataFrame:
    """Wide item table: one common factor, loadings 0.4-0.8, cut into 5 ordered categories."""
    rng = np.random.default_rng(seed)
    loading = np.linspace(0.4, 0.8, k)
    latent = rng.standard_normal((n, 1)) * loading + rng.standard_normal((n, k)) * np.sqrt(1 - loading**2)
    answers = np.digitize(latent, [-1.5, -0.5, 0.5, 1.5]) + 1.0
    frame = pd.DataFrame(answers, columns=[f"q{j + 1}" for j in range(k)])
    frame.insert(0, "wave", "baseline")
    frame.insert(0, "participant_id", np.arange(n))
    return frame


def timed(label: str, func, *args, **kwargs):
    tracemalloc.start()
    start, cpu = time.perf_counter(), time.process_time()
    result = func(*args, **kwargs)
    wall, cpu = time.perf_counter() - start, time.process_time() - cpu
    peak = tracemalloc.get_traced_memory()[1]
    tracemalloc.stop()
    print(f"{label:<38} wall {wall:6.2f} s  cpu {cpu:6.2f} s  peak {peak / 2**20:6.1f} MiB")
    return result


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--n", type=int, default=20_000)
    parser.add_argument("--items", type=int, default=28)
    parser.add_argument("--n-boot", type=int, default=1000)
    parser.add_argument("--seed", type=int, default=2024)
    args = parser.parse_args()

    frame = simulate(args.n, args.items, args.seed)
    names = [c for c in frame.columns if c.startswith("q")]
    x = frame[names].to_numpy()
    print(f"{args.n} respondents x {args.items} items, {args.n_boot} bootstrap replicates, "
          f"numpy {np.__version__}, 1 thread; load average {os.getloadavg()[0]:.1f} "
          f"on {os.cpu_count()} CPUs (other work on the machine inflates wall times)")
    alpha = timed("cronbach_alpha", rel.cronbach_alpha, x)
    timed("alpha_ci_feldt", rel.alpha_ci_feldt, alpha, args.n, args.items)
    timed("omega_total", rel.omega_total, x)
    a_ci = timed("alpha_ci_bootstrap", rel.alpha_ci_bootstrap, x, seed=1, n_boot=args.n_boot)
    o_ci = timed("omega_ci_bootstrap", rel.omega_ci_bootstrap, x, seed=1, n_boot=args.n_boot)
    scales = [{"id": "total", "items": names, "parent": None}]
    table, _ = timed("reliability_table (all of the above)", rel.reliability_table, frame, scales,
                     seed=1, n_boot=args.n_boot, max_n_boot=len(frame))  # force the bootstrap
    row = table.iloc[0]
    print(f"alpha {row['alpha']:.4f} Feldt [{row['alpha_ci_low_feldt']:.4f}, "
          f"{row['alpha_ci_high_feldt']:.4f}] boot [{a_ci[0]:.4f}, {a_ci[1]:.4f}]; "
          f"omega {row['omega_total']:.4f} boot [{o_ci[0]:.4f}, {o_ci[1]:.4f}]")
    print(f"process peak RSS {resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024:.0f} MiB")

    print("pingouin.compute_bootci with a per-resample statistic (same seed, same resamples):")
    rows = np.arange(len(x))
    items = pd.DataFrame(x)

    def per_resample(label, statistic):
        return timed(label, lambda: pg.compute_bootci(rows, func=statistic, method="per",
                                                      n_boot=args.n_boot, seed=1, decimals=15))

    pa = per_resample("alpha: pg.cronbach_alpha per resample",
                      lambda i: pg.cronbach_alpha(items.iloc[i])[0])
    po = per_resample("omega: omega_total per resample", lambda i: rel.omega_total(x[i]))
    print(f"per-resample intervals: alpha [{pa[0]:.6f}, {pa[1]:.6f}] (vectorised "
          f"[{a_ci[0]:.6f}, {a_ci[1]:.6f}]); omega [{po[0]:.6f}, {po[1]:.6f}] (vectorised "
          f"[{o_ci[0]:.6f}, {o_ci[1]:.6f}])")


if __name__ == "__main__":
    main()
