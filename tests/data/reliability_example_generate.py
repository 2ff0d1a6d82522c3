"""Writes tests/data/reliability_example_pre.csv and reliability_example_boot_idx.csv.

Run from the repository root after the example study has run (`snakemake --cores 2`):

    .venv/bin/python tests/data/reliability_example_generate.py

reliability_example_pre.csv: the 28 CYRM-28 items of the simulated example's baseline wave,
complete cases, rows in pseudonym order, without the pseudonyms. reliability_example_boot_idx.csv:
the 1000 resamples sweval's reliability bootstrap draws for the config's seed 20231015
(pingouin.compute_bootci, as captured from the statistic it is handed), one per line, 1-based row
numbers for R. tests/reference/reliability_example.R reads both.
"""
from pathlib import Path

import numpy as np
import pandas as pd

from sweval import reliability

HERE = Path(__file__).parent
responses = pd.read_csv("results/clean/responses.csv")
items = [f"cyrm_{i:02d}" for i in range(1, 29)]
x = responses[responses["wave"] == "pre"].sort_values("participant_id")[items].dropna().astype(int)
x.to_csv(HERE / "reliability_example_pre.csv", index=False)
drawn = []
reliability._bootstrap(len(x), lambda idx: (drawn.append(np.array(idx)), np.zeros(len(idx)))[1],
                       n_boot=1000, seed=20231015, ci=0.95)
pd.DataFrame(np.concatenate(drawn) + 1).to_csv(HERE / "reliability_example_boot_idx.csv", index=False, header=False)
