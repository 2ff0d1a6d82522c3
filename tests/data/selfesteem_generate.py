"""A study that is not the example: a school self-esteem group, written by a seeded generator.

``write_study(dest)`` writes into ``dest`` (a copied project, tests/project.py) what a researcher
would bring: the codebook (tests/data/instruments/selfesteem10.yaml, 10 items 1-4, five reverse
keyed), two plain CSV exports as a survey platform downloads them (pre.csv, post.csv: a row
number, the student number, the submission time and Q1..Q10 as answer codes), a pseudonymisation
key and a config.yaml written from scratch: two waves (pre, post), no roster, no background
survey, no levels, no process records, no follow-up, no comparison group. Keyword switches add
parts for the tests that check a part's section appears when it is configured (a roster of the
group with consent, a comparison roster of children who wait, two background questions in pre.csv,
levels by the baseline mean -/+ SD with the lowest level worded by the study, an attendance
register).

The data: 32 students answer the pre-test; their self-esteem is a normal latent score, each answer
the latent score plus noise cut at fixed thresholds (reverse-keyed items mirrored); the post-test
adds 0.4 SD. One student skips two items (prorated), one skips three (no score), two miss the
post-test. With ``roster=True`` the 12 lowest pre-test scorers form the group (one declines
consent) and only they answer the post-test; with ``comparison=True`` (needs ``roster``) the next
ten lowest scorers form a comparison group that answers the post-test without the group's gain.
Seeded: the same call writes the same bytes.
"""
from __future__ import annotations

import shutil
from pathlib import Path

import numpy as np
import pandas as pd
import yaml

HERE = Path(__file__).parent
CODEBOOK = HERE / "instruments" / "selfesteem10.yaml"
REVERSED = [2, 5, 6, 8, 9]
SEED = 20240917


def _answers(rng, latent: np.ndarray) -> np.ndarray:
    """Answer codes 1-4 of each student to the 10 items."""
    codes = np.empty((len(latent), 10))
    for k in range(10):
        x = latent + rng.normal(0, 1.1, len(latent))
        code = 1 + np.searchsorted([-1.0, 0.0, 1.0], x)
        codes[:, k] = 5 - code if k + 1 in REVERSED else code
    return codes


def _export(ids, codes, rng, day: str, extra: dict | None = None) -> pd.DataFrame:
    minutes = np.sort(rng.integers(0, 600, len(ids)))
    frame = pd.DataFrame({"序号": range(1, len(ids) + 1), "学号": ids,
                          "提交答卷时间": [f"{day} {8 + m // 60:02d}:{m % 60:02d}:00" for m in minutes]})
    for name, values in (extra or {}).items():
        frame[name] = values
    for k in range(10):
        frame[f"Q{k + 1}"] = pd.Series(codes[:, k]).astype("Int64")
    return frame


def write_study(dest: Path, *, language: str = "en", roster: bool = False, background: bool = False,
                levels: bool = False, attendance: bool = False, comparison: bool = False) -> dict:
    """Write the study into ``dest``; returns its config (also written to dest/config.yaml)."""
    rng = np.random.default_rng(SEED)
    dest = Path(dest)
    data = dest / "data" / "selfesteem"
    data.mkdir(parents=True, exist_ok=True)
    shutil.copy2(CODEBOOK, dest / "selfesteem10.yaml")
    (data / "key.txt").write_text(rng.bytes(32).hex() + "\n", encoding="utf-8")

    n = 32
    ids = [f"2023{k:03d}" for k in range(1, n + 1)]
    latent = rng.normal(0, 1, n)
    pre = _answers(rng, latent)
    pre[3, [1, 6]] = np.nan            # two items skipped: prorated
    pre[8, [0, 4, 9]] = np.nan         # three skipped: below 80%, no score
    extra = {}
    if background:
        extra = {"性别": rng.choice(["男", "女"], n), "年龄": rng.integers(11, 14, n)}
    export_pre = _export(ids, pre, rng, "2024-09-02", extra)

    if roster:
        order = np.argsort(latent)[:12]
        group = [ids[k] for k in sorted(order)]
        consent = ["是"] * len(group)
        consent[5] = "否"
        pd.DataFrame({"学号": group, "知情同意": consent}).to_csv(data / "roster.csv", index=False)
        later = [k for k in sorted(order) if consent[group.index(ids[k])] == "是"]
    else:
        later = list(range(n))
    later = [k for k in later if k not in (later[2], later[7])]  # two miss the post-test
    post = _answers(rng, latent[later] + 0.4)
    if comparison:  # the next ten lowest scorers wait: same questionnaires, no group
        waiting = sorted(np.argsort(latent)[12:22])
        pd.DataFrame({"学号": [ids[k] for k in waiting], "知情同意": "是"}).to_csv(data / "comparison.csv", index=False)
        post = np.vstack([post, _answers(rng, latent[waiting])])
        later = later + waiting
    export_post = _export([ids[k] for k in later], post, rng, "2024-11-25")
    export_pre.to_csv(data / "pre.csv", index=False)
    export_post.to_csv(data / "post.csv", index=False)

    def survey(name: str) -> dict:
        return {"name": name, "path": f"data/selfesteem/{name}.csv", "format": "csv", "wave": name,
                "id_column": "学号", "submitted_column": "提交答卷时间",
                "items": {"columns": {f"se_{k:02d}": f"Q{k}" for k in range(1, 11)}}}

    config = {
        "study": {"title": {"en": "Self-esteem group of a middle school, autumn term",
                            "zh": "初中自尊提升小组（秋季学期）"},
                  "group": {"en": "an eight-session self-esteem group for Year 7 students, led by the school's "
                                  "social worker",
                            "zh": "由学校社工带领、面向初一学生的八节自尊提升小组"}},
        "language": language,
        "instrument": "selfesteem10.yaml",
        "waves": ["pre", "post"],
        "baseline_wave": "pre",
        "contrasts": [["pre", "post"]],
        "seed": 5,
        "privacy": {"key_env": "SWEVAL_TEST_UNSET_KEY", "key_file": "data/selfesteem/key.txt"},
        "surveys": [survey("pre"), survey("post")],
        "roster": None,
        "reliability": {"n_boot": 200},
    }
    if roster:
        config["roster"] = {"path": "data/selfesteem/roster.csv", "id_column": "学号",
                            "consent_column": "知情同意", "consent_yes": ["是"]}
    if comparison:
        config["comparison_roster"] = {"path": "data/selfesteem/comparison.csv", "id_column": "学号",
                                       "consent_column": "知情同意", "consent_yes": ["是"]}
    if background:
        config["background"] = {"survey": "pre", "variables": [
            {"id": "gender", "column": "性别", "level": "demographic", "type": "categorical",
             "categories": ["男", "女"], "label": {"en": "Gender", "zh": "性别"}},
            {"id": "age", "column": "年龄", "level": "demographic", "type": "numeric", "min": 10, "max": 16,
             "label": {"en": "Age", "zh": "年龄"}}]}
    if levels:
        config["levels"] = {"scale": "ses", "method": "mean_sd",
                            "labels": {"low": {"en": "low self-esteem", "zh": "自尊偏低"}}}
    if attendance:
        members = pd.read_csv(data / "roster.csv", dtype=str) if roster else pd.DataFrame({"学号": ids})
        sessions = [f"S{k}" for k in range(1, 9)]
        marks = rng.choice(["1", "1", "1", "1", "0", "请假"], (len(members), len(sessions)))
        register = pd.DataFrame(marks, columns=sessions)
        register.insert(0, "学号", members["学号"].to_numpy())
        register.to_csv(data / "attendance.csv", index=False)
        config["process"] = {"sessions": 8, "attendance": {"path": "data/selfesteem/attendance.csv",
                                                           "id_column": "学号", "session_columns": sessions}}
    (dest / "config.yaml").write_text(yaml.safe_dump(config, allow_unicode=True, sort_keys=False),
                                      encoding="utf-8")
    return config
