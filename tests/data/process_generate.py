"""Write the synthetic process-evaluation test tables (tests/data/process_*.csv).

Run once from the repository root: `.venv/bin/python tests/data/process_generate.py`.
The CSVs are committed; tests/reference/process_reference.R reads them to produce the reference
values pasted into tests/test_process.py. Seeded: rerunning rewrites identical files.
10 children x 7 sessions; feedback 1-5 rising slowly with a child effect; goal ratings on 1-5 and
on GAS -2..+2; an individual-change table like sweval.change writes. Edge cases: an attendance
record with attended NaN, a missing attendance record, missing feedback answers, an unrated goal.
"""
from pathlib import Path

import numpy as np
import pandas as pd

SEED = 7_2024
HERE = Path(__file__).parent


def main() -> None:
    rng = np.random.default_rng(SEED)
    ids = [f"G{i:02d}" for i in range(1, 11)]
    sessions = range(1, 8)
    p_attend = rng.uniform(0.6, 0.98, len(ids))
    att = pd.DataFrame([{"participant_id": pid, "session": s, "attended": float(rng.random() < p)}
                        for pid, p in zip(ids, p_attend) for s in sessions])
    att.loc[(att["participant_id"] == "G03") & (att["session"] == 4), "attended"] = np.nan
    att = att.drop(att.index[(att["participant_id"] == "G07") & (att["session"] == 6)])
    child = dict(zip(ids, rng.normal(0, 0.6, len(ids))))
    items = {"fb_enjoy": 0.15, "fb_learned": 0.10, "fb_belong": 0.0}
    fb = []
    for row in att.itertuples():
        if row.attended != 1:
            continue
        for item, slope in items.items():
            value = np.clip(np.rint(3.2 + slope * row.session + child[row.participant_id] + rng.normal(0, 0.7)), 1, 5)
            fb.append({"participant_id": row.participant_id, "session": row.session, "item": item, "value": value})
    fb = pd.DataFrame(fb)
    fb.loc[[3, 40, 77], "value"] = np.nan
    goals = pd.DataFrame([{"session": s, "goal": f"s{s}_g{g}", "rating": float(rng.integers(2, 6))}
                          for s in sessions for g in range(1, 4)])
    goals.loc[5, "rating"] = np.nan
    gas = goals.assign(rating=np.clip(goals["rating"] - 3 - (goals["session"] < 3), -2, 2))
    change = pd.DataFrame({"participant_id": ids, "scale": "total", "contrast": "pre->post",
                           "change": np.rint(rng.normal(8, 9, len(ids))), "rci": np.nan, "rci_category": ""})
    change = pd.concat([change, change.assign(scale="individual", change=change["change"] / 2)], ignore_index=True)
    att.to_csv(HERE / "process_attendance.csv", index=False)
    fb.to_csv(HERE / "process_feedback.csv", index=False)
    goals.to_csv(HERE / "process_goals.csv", index=False)
    gas.to_csv(HERE / "process_goals_gas.csv", index=False)
    change.to_csv(HERE / "process_change.csv", index=False)


if __name__ == "__main__":
    main()
