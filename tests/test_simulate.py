"""The example-study generator: seeded, and shaped like the study design."""
import hashlib

import pandas as pd

from sweval.simulate import make_cohort, make_example


def _digest(folder):
    return {p.name: hashlib.sha256(p.read_bytes()).hexdigest() for p in sorted(folder.iterdir())}


def test_same_seed_same_bytes_and_committed_example_matches(tmp_path, root):
    a, b = tmp_path / "a", tmp_path / "b"
    make_example(a, seed=11)
    make_example(b, seed=11)
    assert _digest(a) == _digest(b)
    # the committed example study is exactly what the documented command writes
    assert _digest(a) == _digest(root / "data/raw/example")


def test_design(tmp_path):
    info = make_example(tmp_path, seed=11)
    base = pd.read_excel(tmp_path / "baseline_wjx.xlsx", dtype=str)
    assert len(base) == 51 and base["1、你的编号（学号）"].str.strip().str.upper().nunique() == 50
    assert {"序号", "提交答卷时间", "所用时间", "来源", "来源详情", "来自IP", "2、你的姓名"} <= set(base.columns)
    assert sum(c.startswith("17(") for c in base.columns) == 28
    assert len(info["group"]) == 10
    assert len(pd.read_excel(tmp_path / "followup_wjx.xlsx")) == 9
    att = pd.read_csv(tmp_path / "attendance.csv")
    assert att.shape == (10, 9)


def test_cohort(tmp_path):
    path = make_cohort(tmp_path, 200, seed=3)
    df = pd.read_csv(path)
    assert len(df) == 600 and df.filter(like="cyrm_").shape[1] == 28
    assert df.filter(like="cyrm_").isin(range(1, 6)).all().all()
