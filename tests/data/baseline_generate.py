"""Write the synthetic baseline test tables (tests/data/baseline_*.csv).

Run once from the repository root: `.venv/bin/python tests/data/baseline_generate.py`.
The CSVs are committed; tests/reference/baseline_*.R reads them to produce the reference values
pasted into tests/test_baseline.py. Seeded, so rerunning rewrites identical files.
Not a model of the real study: 50 children, CYRM-28 item answers driven by a latent score that
depends on a few background variables, plus edge cases (a category of one child, missing values,
a group child who was not among the 10 lowest).
"""
from pathlib import Path

import numpy as np
import pandas as pd

SEED = 20240612
HERE = Path(__file__).parent
SUBSCALES = {
    "individual": [2, 4, 8, 11, 13, 14, 15, 18, 20, 21, 25],
    "caregiver": [5, 6, 7, 12, 17, 24, 26],
    "context": [1, 3, 9, 10, 16, 19, 22, 23, 27, 28],
    "personal_skills": [2, 8, 11, 13, 21],
    "peer_support": [14, 18],
}


def main() -> None:
    rng = np.random.default_rng(SEED)
    n = 50
    ids = [f"P{i:03d}" for i in range(1, n + 1)]
    bg = pd.DataFrame({
        "participant_id": ids,
        "gender": rng.choice(["男", "女"], n),
        "single_parent": rng.choice(["否", "是"], n, p=[0.75, 0.25]),
        "ethnicity": np.r_[["其他"], rng.choice(["汉族", "苗族", "布依族"], n - 1, p=[0.5, 0.3, 0.2])],
        "self_rated_grades": np.repeat(["较差", "中等", "较好"], [16, 17, 17]),
        "community_activities": rng.choice(["从不", "偶尔", "经常"], n, p=[0.3, 0.5, 0.2]),
        "age": rng.integers(8, 15, n).astype(float),
        "siblings": rng.choice([0, 1, 1, 2, 2, 3], n).astype(float),
        "years_since_relocation": np.round(rng.uniform(0.5, 4.0, n), 1),
    })
    bg.loc[7, "years_since_relocation"] = np.nan
    bg.loc[12, "community_activities"] = np.nan
    latent = (rng.normal(0, 1, n) + 0.6 * (bg["self_rated_grades"] == "较好") - 0.4 * (bg["self_rated_grades"] == "较差")
              - 0.5 * (bg["single_parent"] == "是") + 0.5 * (bg["community_activities"] == "经常")
              + 0.15 * (bg["years_since_relocation"].fillna(2) - 2))
    items = np.clip(np.rint(3.3 + 0.7 * latent.to_numpy()[:, None] + rng.normal(0, 0.9, (n, 28))), 1, 5)
    items = pd.DataFrame(items, columns=range(1, 29))
    rows = []
    for scale, numbers in {"total": list(range(1, 29)), **SUBSCALES}.items():
        block = items[numbers]
        for pid, values in zip(ids, block.to_numpy()):
            rows.append({"participant_id": pid, "wave": "pre", "scale": scale, "score": values.sum(),
                         "item_mean": values.mean(), "n_answered": len(numbers), "n_items": len(numbers)})
    scores = pd.DataFrame(rows)
    bands = {"total": (98, 112)}  # low < 98 <= medium < 112 <= high (study choice for the test)
    scores["level"] = pd.Series(pd.NA, index=scores.index, dtype="str")
    cut = bands["total"]
    is_total = scores["scale"] == "total"
    scores.loc[is_total, "level"] = np.select(
        [scores.loc[is_total, "score"] < cut[0], scores.loc[is_total, "score"] < cut[1]], ["low", "medium"], "high")
    # a child who skipped too many items: no total score, no level
    miss = (scores["participant_id"] == "P020") & is_total
    scores.loc[miss, ["score", "item_mean", "level"]] = np.nan
    scores.loc[miss, "n_answered"] = 10
    # the group: 9 of the lowest 11 totals plus one child from further up (consent of others refused)
    total = scores.loc[is_total & scores["score"].notna()].sort_values(["score", "participant_id"])
    group_ids = list(total["participant_id"].iloc[:11].drop(total.index[[3, 7]])) + [total["participant_id"].iloc[16]]
    group = pd.DataFrame({"participant_id": ids, "in_group": [i in group_ids for i in ids]})
    # post rows for the group children, which baseline functions must ignore
    post = scores.loc[scores["participant_id"].isin(group_ids)].assign(wave="post")
    post["score"] = post["score"] + 5
    scores = pd.concat([scores, post], ignore_index=True)
    scores.to_csv(HERE / "baseline_scores.csv", index=False)
    bg.to_csv(HERE / "baseline_background.csv", index=False)
    group.to_csv(HERE / "baseline_group.csv", index=False)


if __name__ == "__main__":
    main()
