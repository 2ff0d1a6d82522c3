"""Simulated example study: realistic raw exports of the CYRM-28 group-work design (CLI).

Everything written here is SIMULATED: names, IDs, phone numbers and IP addresses are invented.
The generator is seeded, so the same seed writes the same data.

    python -m sweval.simulate example --out data/raw/example --seed 11
    python -m sweval.simulate cohort --n 100000 --out /tmp/cohort --seed 1

``example`` writes the study as a researcher would download it (Wenjuanxing Excel exports with
Chinese headers, a roster, process forms) including a few realistic faults for the clean step.
``cohort`` writes a large tidy CSV (participant_id, wave, cyrm_01..cyrm_28) for benchmarks.
"""
from __future__ import annotations

import argparse
import datetime as dt
import io
import re
import zipfile
from pathlib import Path

import numpy as np
import pandas as pd

N_ITEMS = 28
OPTIONS_ZH = ["完全不符合", "比较不符合", "一般", "比较符合", "完全符合"]
SUBSCALE_OF_ITEM = {  # CYRM-28 item number -> 0 individual, 1 caregiver, 2 context
    **{n: 0 for n in (2, 4, 8, 11, 13, 14, 15, 18, 20, 21, 25)},
    **{n: 1 for n in (5, 6, 7, 12, 17, 24, 26)},
    **{n: 2 for n in (1, 3, 9, 10, 16, 19, 22, 23, 27, 28)},
}
ITEM_LABELS_ZH = [
    "有可以学习的榜样", "能与周围的人合作", "重视接受教育", "懂得在不同场合如何表现", "照顾者关注我",
    "照顾者很了解我", "饿了有足够的食物", "做事有始有终", "信念给我力量", "为自己的民族感到自豪",
    "别人喜欢和我相处", "会和家人谈自己的感受", "能不伤害自己和他人地解决问题", "感到朋友支持我",
    "知道在社区哪里可以求助", "在学校有归属感", "困难时家人支持我", "困难时朋友支持我",
    "在社区里受到公平对待", "有机会展示自己正在长大", "了解自己的长处", "参加有组织的精神信仰活动",
    "认为服务社区很重要", "和家人在一起感到安全", "有机会发展各种技能", "喜欢家庭的文化传统",
    "喜欢社区的传统", "为自己的国籍感到自豪",
]
SURNAMES = list("王李张刘陈杨黄赵吴周徐孙马朱胡郭何罗高林龙吴杨石潘韦罗")
GIVEN = list("小明华丽芳军伟强磊敏静婷杰涛超勇艳娟霞波鑫宇浩然欣怡梓涵子轩雨萱")
FIXED_TIME = dt.datetime(2023, 1, 1)

BACKGROUND = {  # question number -> (header, categories, probabilities)
    4: ("你的性别", ["男", "女"], [0.5, 0.5]),
    6: ("你的民族", ["汉族", "苗族", "布依族", "其他"], [0.38, 0.32, 0.22, 0.08]),
    7: ("你现在读几年级", ["三年级", "四年级", "五年级", "六年级", "初一", "初二"], None),
    8: ("你的父母外出务工情况", ["父母都在家", "父亲外出务工", "母亲外出务工", "父母都外出务工"],
        [0.35, 0.3, 0.1, 0.25]),
    9: ("现在主要是谁照顾你", ["父母", "祖父母", "其他亲属"], [0.6, 0.33, 0.07]),
    10: ("你是否生活在单亲家庭", ["是", "否"], [0.16, 0.84]),
    11: ("你有几个兄弟姐妹", ["没有", "1个", "2个", "3个及以上"], [0.12, 0.38, 0.3, 0.2]),
    12: ("搬迁后你是否转学", ["是", "否"], [0.7, 0.3]),
    13: ("你觉得自己的学习成绩", ["较差", "中等", "较好"], [0.3, 0.45, 0.25]),
    14: ("你家搬到这个社区几年了", ["不到1年", "1-2年", "3年及以上"], [0.3, 0.45, 0.25]),
    15: ("你参加社区活动吗", ["从不", "偶尔", "经常"], [0.35, 0.45, 0.2]),
    16: ("你认识周围的邻居吗", ["大部分不认识", "认识一些", "大部分认识"], [0.3, 0.45, 0.25]),
}
MATRIX_Q = 17  # the CYRM-28 matrix question in the baseline export
FEEDBACK_ITEMS = {"喜欢今天的活动": 0.0, "学到了新东西": -0.2, "感到自己是小组的一员": -0.3}
SESSIONS = [
    ("优势与资源", "发现自己的优势和身边的资源"), ("自我价值", "说出自己的三个优点"),
    ("沟通与合作", "在小组任务中与同伴合作完成"), ("情绪控制", "学会两种平复情绪的方法"),
    ("目标设定", "为自己定一个近期目标"), ("问题解决", "用步骤法解决一个生活难题"),
    ("回顾与告别", "回顾成长并互相祝福"),
]


def _name(rng) -> str:
    return rng.choice(SURNAMES) + "".join(rng.choice(GIVEN, size=rng.integers(1, 3)))


def _phone(rng) -> str:
    return "1" + str(rng.choice([3, 5, 8])) + "".join(map(str, rng.integers(0, 10, size=9)))


def _ip(rng) -> str:
    return f"117.187.{rng.integers(1, 255)}.{rng.integers(1, 255)}(贵州-贵阳)"


def _items_from_latent(rng, general, sub, offsets, noise=0.75):
    """Graded responses 1..5 from a general and three subscale factors."""
    n = general.shape[0]
    cols = []
    for k in range(N_ITEMS):
        s = SUBSCALE_OF_ITEM[k + 1]
        latent = offsets[k] + 0.5 * general + 0.3 * sub[:, s] + rng.normal(0, noise, n)
        cols.append(np.clip(np.rint(latent), 1, 5).astype(int))
    return np.column_stack(cols)


def _background(rng, n):
    bg = {}
    for q, (_, cats, p) in BACKGROUND.items():
        bg[q] = rng.choice(cats, size=n, p=p)
    ages = rng.integers(8, 15, size=n)
    grade_by_age = {8: "三年级", 9: "三年级", 10: "四年级", 11: "五年级", 12: "六年级", 13: "初一", 14: "初二"}
    bg[7] = np.array([grade_by_age[a] for a in ages])
    return bg, ages


def _background_effect(bg) -> np.ndarray:
    """Plausible protective and risk factors on the latent resilience (family/school/community)."""
    eff = np.zeros(len(bg[4]))
    eff += np.where(bg[8] == "父母都外出务工", -0.55, 0) + np.where(bg[8] == "父母都在家", 0.25, 0)
    eff += np.where(bg[10] == "是", -0.35, 0)
    eff += np.where(bg[12] == "是", -0.2, 0)
    eff += np.select([bg[13] == "较差", bg[13] == "较好"], [-0.35, 0.3], 0)
    eff += np.select([bg[15] == "从不", bg[15] == "经常"], [-0.3, 0.35], 0)
    eff += np.select([bg[16] == "大部分不认识", bg[16] == "大部分认识"], [-0.25, 0.25], 0)
    return eff


def _meta(rng, n, start: dt.datetime):
    times = [start + dt.timedelta(minutes=int(m)) for m in np.sort(rng.integers(0, 60 * 48, n))]
    return {
        "序号": list(range(1, n + 1)),
        "提交答卷时间": [t.strftime("%Y/%m/%d %H:%M:%S") for t in times],
        "所用时间": [f"{int(s)}秒" for s in rng.integers(240, 900, n)],
        "来源": rng.choice(["微信", "手机提交", "链接"], size=n).tolist(),
        "来源详情": ["N/A"] * n,
        "来自IP": [_ip(rng) for _ in range(n)],
    }


def _write_xlsx(df: pd.DataFrame, path: Path) -> None:
    from openpyxl import Workbook

    wb = Workbook()
    ws = wb.active
    ws.title = "Sheet1"
    ws.append(list(df.columns))
    for row in df.itertuples(index=False):
        ws.append([None if (isinstance(v, float) and np.isnan(v)) else v for v in row])
    wb.properties.created = FIXED_TIME
    buffer = io.BytesIO()
    wb.save(buffer)
    # zip entries carry the wall-clock time: rewrite them with a fixed one (same seed, same bytes)
    with zipfile.ZipFile(buffer) as src, zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as dst:
        for info in src.infolist():
            fixed = zipfile.ZipInfo(info.filename, date_time=FIXED_TIME.timetuple()[:6])
            fixed.compress_type = zipfile.ZIP_DEFLATED
            payload = src.read(info.filename)
            if info.filename == "docProps/core.xml":  # openpyxl stamps 'modified' on save
                payload = re.sub(rb"(<dcterms:modified[^>]*>)[^<]*", rb"\g<1>2023-01-01T00:00:00Z", payload)
            dst.writestr(fixed, payload)


def _matrix_columns(q: int) -> list[str]:
    return [f"{q}({label})" for label in ITEM_LABELS_ZH]


def make_example(out: Path, seed: int = 11, n: int = 50) -> dict:
    """Write the simulated example study into ``out``; return a small summary."""
    rng = np.random.default_rng(seed)
    out.mkdir(parents=True, exist_ok=True)
    ids = [f"L{i:03d}" for i in range(1, n + 1)]
    names = [_name(rng) for _ in range(n)]
    bg, ages = _background(rng, n)
    general = rng.normal(0, 1, n) + _background_effect(bg)
    sub = rng.normal(0, 0.8, (n, 3))
    offsets = rng.normal(3.75, 0.3, N_ITEMS)
    pre = _items_from_latent(rng, general, sub, offsets)

    # selection: the 10 lowest totals among the children whose families consented
    consent = rng.random(n) < 0.88
    totals = pre.sum(axis=1)
    order = [i for i in np.argsort(totals, kind="stable") if consent[i]]
    group = sorted(order[:10])

    # post and one-month follow-up: a moderate gain that partly holds
    g_idx = np.array(group)
    gain = 0.5 + rng.normal(0, 0.6, len(group))
    post_general = general[g_idx] + gain
    post = _items_from_latent(rng, post_general, sub[g_idx] + rng.normal(0, 0.4, (len(group), 3)), offsets)
    fu_general = post_general - 0.15 + rng.normal(0, 0.35, len(group))
    fu = _items_from_latent(rng, fu_general, sub[g_idx], offsets)

    # --- baseline export (wave pre), 按选项文本 -----------------------------------------
    base = pd.DataFrame(_meta(rng, n, dt.datetime(2023, 3, 6, 8)))
    base["1、你的编号（学号）"] = ids
    base["2、你的姓名"] = names
    base["3、家长联系电话"] = [_phone(rng) for _ in range(n)]
    base["4、你的性别"] = bg[4]
    base["5、你的年龄"] = [str(a) for a in ages]
    for q in range(6, 17):
        base[f"{q}、{BACKGROUND[q][0]}"] = bg[q]
    text = np.array(OPTIONS_ZH, dtype=object)[pre - 1]
    # dirt: skipped items, an ID with stray spaces and lower case, a fast completion
    text[3, [6, 17]] = "(跳过)"
    text[11, [2, 9, 15, 20, 21, 26]] = "(跳过)"
    for j, col in enumerate(_matrix_columns(MATRIX_Q)):
        base[col] = text[:, j]
    base.loc[22, "1、你的编号（学号）"] = " l023 "
    base.loc[30, "所用时间"] = "38秒"
    # dirt: child 6 first submitted an incomplete form, then the full one later
    dup = base.iloc[[5]].copy()
    dup["提交答卷时间"] = "2023/03/06 07:40:12"
    for col in _matrix_columns(MATRIX_Q)[14:]:
        dup[col] = "(跳过)"
    base = pd.concat([dup, base], ignore_index=True)
    base["序号"] = range(1, len(base) + 1)
    _write_xlsx(base, out / "baseline_wjx.xlsx")

    # --- post (按选项文本) and follow-up (按选项序号) ------------------------------------
    gids = [ids[i] for i in group]
    gnames = [names[i] for i in group]
    post_df = pd.DataFrame(_meta(rng, len(group), dt.datetime(2023, 5, 20, 9)))
    post_df["1、你的编号（学号）"] = gids
    post_df["2、你的姓名"] = gnames
    for j, col in enumerate(_matrix_columns(3)):
        post_df[col] = np.array(OPTIONS_ZH, dtype=object)[post[:, j] - 1]
    fullwidth = str.maketrans("0123456789L", "０１２３４５６７８９Ｌ")
    post_df.loc[1, "1、你的编号（学号）"] = gids[1].translate(fullwidth)
    _write_xlsx(post_df, out / "post_wjx.xlsx")

    keep = [k for k in range(len(group)) if k != 4]  # one child missed the follow-up
    fu_df = pd.DataFrame(_meta(rng, len(keep), dt.datetime(2023, 6, 24, 9)))
    fu_df["1、你的编号（学号）"] = [gids[k] for k in keep]
    fu_df["2、你的姓名"] = [gnames[k] for k in keep]
    codes = fu[keep].astype(object)
    codes[2, 12] = 6  # an out-of-range code typed in by hand
    for j, col in enumerate(_matrix_columns(3)):
        fu_df[col] = codes[:, j]
    _write_xlsx(fu_df, out / "followup_wjx.xlsx")

    # --- roster and process forms ------------------------------------------------------
    pd.DataFrame({"编号": gids, "姓名": gnames, "知情同意": "是", "入组日期": "2023-04-01"}).to_csv(
        out / "group_roster.csv", index=False, encoding="utf-8-sig")
    attend = rng.random((len(group), 7)) < 0.88
    att = pd.DataFrame({"编号": gids, "姓名": gnames})
    for s in range(7):
        att[f"第{s + 1}次"] = np.where(attend[:, s], "出席", "缺席")
    att.to_csv(out / "attendance.csv", index=False, encoding="utf-8-sig")
    rows = []
    for k in range(len(group)):
        for s in range(7):
            if not attend[k, s]:
                continue
            row = {"编号": gids[k], "活动次数": s + 1}
            for item, shift in FEEDBACK_ITEMS.items():
                v = 3.4 + shift + 0.17 * s + 0.4 * gain[k] + rng.normal(0, 0.6)
                row[item] = int(np.clip(np.rint(v), 1, 5))
            rows.append(row)
    pd.DataFrame(rows).to_csv(out / "feedback.csv", index=False, encoding="utf-8-sig")
    goals = [{"活动次数": s + 1, "主题": topic, "目标": goal,
              "达成评分": int(np.clip(np.rint(3.0 + 0.2 * s + rng.normal(0, 0.6)), 1, 5))}
             for s, (topic, goal) in enumerate(SESSIONS)]
    pd.DataFrame(goals).to_csv(out / "goal_attainment.csv", index=False, encoding="utf-8-sig")
    (out / "demo_pseudonym_key.txt").write_text(
        "DEMO-KEY-NOT-SECRET: for the simulated example study only; never use for real data\n",
        encoding="utf-8")
    return {"baseline_rows": len(base), "group": gids, "followup_missing": gids[4]}


def make_cohort(out: Path, n: int, seed: int = 1, waves=("pre", "post", "followup")) -> Path:
    """Write a large tidy CSV (participant_id, wave, item columns) for benchmarks."""
    rng = np.random.default_rng(seed)
    out.mkdir(parents=True, exist_ok=True)
    general = rng.normal(0, 1, n)
    offsets = rng.normal(3.75, 0.3, N_ITEMS)
    frames = []
    for w, wave in enumerate(waves):
        g = general + (0.5 if w else 0) + rng.normal(0, 0.5 if w else 0, n)
        sub = rng.normal(0, 0.8, (n, 3))
        items = _items_from_latent(rng, g, sub, offsets)
        df = pd.DataFrame(items, columns=[f"cyrm_{k + 1:02d}" for k in range(N_ITEMS)])
        df.insert(0, "wave", wave)
        df.insert(0, "participant_id", [f"C{i:07d}" for i in range(n)])
        frames.append(df)
    path = out / f"cohort_{n}.csv"
    pd.concat(frames, ignore_index=True).to_csv(path, index=False)
    return path


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="sweval-simulate", description=__doc__.split("\n\n")[0])
    sub = parser.add_subparsers(dest="what", required=True)
    ex = sub.add_parser("example", help="the simulated example study (Wenjuanxing-style exports)")
    ex.add_argument("--out", type=Path, default=Path("data/raw/example"))
    ex.add_argument("--seed", type=int, default=11)
    co = sub.add_parser("cohort", help="a large tidy cohort for benchmarks")
    co.add_argument("--n", type=int, required=True)
    co.add_argument("--out", type=Path, required=True)
    co.add_argument("--seed", type=int, default=1)
    args = parser.parse_args(argv)
    if args.what == "example":
        print(make_example(args.out, args.seed))
    else:
        print(make_cohort(args.out, args.n, args.seed))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
