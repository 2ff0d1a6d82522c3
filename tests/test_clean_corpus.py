"""The clean-step corpus: every row of tests/data/clean_corpus/README.md is one case."""
from __future__ import annotations

import re
from pathlib import Path

import pytest
import yaml

from sweval.clean import SurveySpec, clean_surveys
from sweval.errors import InputError
from sweval.readers import read_export, tabular_format

CORPUS = Path(__file__).resolve().parent / "data" / "clean_corpus"


def _cases() -> list[dict]:
    rows = []
    for line in (CORPUS / "README.md").read_text(encoding="utf-8").splitlines():
        cells = [c.strip() for c in line.strip().strip("|").split(" | ")]
        if len(cells) == 5 and cells[0] not in ("case", "---") and not cells[0].startswith("-"):
            rows.append(dict(zip(["case", "files", "config", "wrong", "outcome"], cells)))
    return rows


CASES = _cases()


def run_case(name: str, key: bytes = b"corpus-key") -> dict:
    folder = CORPUS / name
    cfg = yaml.safe_load((folder / "config.yaml").read_text(encoding="utf-8"))
    specs = [SurveySpec.from_config({**s, "path": str(folder / s["path"])}) for s in cfg["surveys"]]
    exports = [read_export(s.path, s.format, sheet=s.sheet) for s in specs]
    rosters = {}
    for part in ("roster", "comparison_roster"):
        if cfg.get(part):
            c = {**cfg[part], "path": str(folder / cfg[part]["path"])}
            rosters[part] = (read_export(c["path"], tabular_format(c["path"])), c)
    group, comparison = rosters.get("roster", (None, None)), rosters.get("comparison_roster", (None, None))
    out = clean_surveys(exports, specs, _codebook(), key, waves=cfg["waves"], baseline_wave=cfg["baseline_wave"],
                        settings=cfg.get("cleaning"), roster=group[0], roster_config=group[1],
                        comparison_roster=comparison[0], comparison_config=comparison[1],
                        background=cfg.get("background"))
    out["_specs"] = specs
    return out


_CB = []


def _codebook():
    if not _CB:
        from sweval.codebook import instrument_path, load_codebook
        _CB.append(load_codebook(instrument_path("cyrm28")))
    return _CB[0]


def test_corpus_table_matches_folders():
    folders = {p.name for p in CORPUS.iterdir() if p.is_dir()}
    assert {c["case"] for c in CASES} == folders
    assert len(CASES) >= 15


@pytest.mark.parametrize("case", CASES, ids=[c["case"] for c in CASES])
def test_corpus_case(case):
    outcome = case["outcome"]
    if outcome.startswith("error:"):
        with pytest.raises(InputError) as err:
            run_case(case["case"])
        text = str(err.value)
        assert "What to do" in text and "Traceback" not in text
        for fragment in outcome[len("error:"):].split("; "):
            assert fragment.strip() in text, (fragment, text)
        return
    out = run_case(case["case"])
    acc = out["accounting"]
    assert (acc["rows_in"] == acc["rows_kept"] + acc["rows_excluded"]).all(), acc
    surveys = acc[acc["source_file"].isin([s.path for s in out["_specs"]])]
    assert len(surveys) == len(out["_specs"])  # every survey file has its accounting row
    parts = outcome.split("; ")
    kept, excluded = map(int, re.fullmatch(r"kept (\d+), excluded (\d+)", parts[0]).groups())
    assert (surveys["rows_kept"].sum(), surveys["rows_excluded"].sum()) == (kept, excluded)
    assert len(out["responses"]) == kept
    log = out["quality_log"]
    for part in parts[1:]:
        action, rest = part.split(": ", 1)
        reason, n = re.fullmatch(r"(.*) ×(\d+)", rest).groups()
        hits = log[(log["action"] == action) & log["reason"].str.contains(reason, regex=False, na=False)]
        assert len(hits) == int(n), (part, log[["action", "reason"]].value_counts())
    # every excluded row is a log line naming its file and row
    excl = log[(log["action"] == "excluded") & log["source_file"].isin(surveys["source_file"])]
    assert len(excl) == excluded and excl["source_row"].notna().all()


def test_number_and_text_mode_give_the_same_codes():
    out = run_case("number_and_text_mode_same_wave")
    r = out["responses"]
    assert r["source_file"].str.endswith("post_text.xlsx").sum() == 3  # ties go to the later survey
    folder = CORPUS / "number_and_text_mode_same_wave"
    codes = []
    for name, path in (("number", "post_number.csv"), ("text", "post_text.xlsx")):
        spec = SurveySpec(name=name, path=str(folder / path), format="wjx", wave="post",
                          id_column={"question": 1}, items={"matrix_question": 3})
        export = read_export(spec.path, "wjx")
        assert export.mode == name
        res = clean_surveys([export], [spec], _codebook(), b"k", waves=["post"], baseline_wave="post")
        codes.append(res["responses"].filter(regex="^(participant_id|cyrm_)").reset_index(drop=True))
    assert codes[0].equals(codes[1])


def test_arms_in_responses_and_wave_matching():
    out = run_case("comparison_arm")
    r = out["responses"]
    assert r.groupby(["wave", "arm"]).size().to_dict() == {
        ("post", "comparison"): 2, ("post", "group"): 2, ("pre", ""): 1, ("pre", "comparison"): 2, ("pre", "group"): 2}
    assert (r["in_group"] == (r["arm"] == "group")).all()
    wm = out["wave_matching"]
    assert list(wm.columns[:3]) == ["participant_id", "in_group", "arm"]
    assert wm["arm"].value_counts().to_dict() == {"group": 2, "comparison": 2}
    assert wm["pre"].all() and wm["post"].all()


def test_durations_in_every_wjx_form():
    from sweval.clean import duration_seconds
    assert [duration_seconds(v) for v in ["312秒", "5分12秒", "312", "05:12", "1:00:05", "1分5秒", " 45 秒"]] == \
        [312, 312, 312, 312, 3605, 65, 45]
    r = run_case("fast_completion")["responses"].sort_values("source_row")
    assert r["duration_seconds"].tolist()[:5] == [312, 312, 45, 30, 65]
    assert r["flag_fast"].tolist() == [False, False, True, True, True, False, False]


def test_log_withholds_identifiers_background_answers_and_dropped_columns():
    out = run_case("background_free_text")
    log = out["quality_log"]
    assert set(log.loc[log["column"].isin(["4、年龄", "5、性别"]), "original_value"]) == {"[answer withheld]"}
    text = out["quality_log"].to_csv() + out["responses"].to_csv() + out["background"].to_csv()
    assert "十岁" not in text and "男孩子" not in text
    out = run_case("identifying_columns")
    text = "".join(t.to_csv() for k, t in out.items() if not k.startswith("_"))
    for secret in ["13800000000", "小星星", "13900000000", "某某小区", "我叫小明", "学生1", "10.0.0.1", "A1", "B2"]:
        assert secret not in text, secret
    dropped = set(out["quality_log"].query("action == 'dropped column'")["column"])
    assert dropped == {"2、你的姓名", "来自IP", "4、手机号码", "5、微信昵称", "6、家长联系方式", "7、家庭住址"}


def test_an_item_mapped_to_an_identifying_column_never_logs_its_values(tmp_path):
    import pandas as pd
    items = {f"cyrm_{k:02d}": 3 for k in range(1, 28)}
    path = tmp_path / "t.csv"
    pd.DataFrame([{"participant_id": "A1", **items, "微信昵称": "星星"}]).to_csv(path, index=False)
    spec = SurveySpec(name="t", path=str(path), format="csv", wave="pre",
                      items={"columns": {**{k: k for k in items}, "cyrm_28": "微信昵称"}})
    out = clean_surveys([read_export(path, "csv")], [spec], _codebook(), b"k", waves=["pre"], baseline_wave="pre")
    assert "星星" not in out["quality_log"].to_csv()


def test_many_problems_are_one_message_capped_at_20_lines(tmp_path):
    import pandas as pd
    items = {f"cyrm_{k:02d}": 3 for k in range(1, 29)}
    path = tmp_path / "waves.csv"
    pd.DataFrame([{"participant_id": f"A{k}", "wave": "middle", **items} for k in range(25)]).to_csv(path, index=False)
    spec = SurveySpec(name="t", path=str(path), format="csv", wave_column="wave")
    with pytest.raises(InputError) as err:
        clean_surveys([read_export(path, "csv")], [spec], _codebook(), b"k", waves=["pre"], baseline_wave="pre")
    text = str(err.value)
    assert text.startswith("25 problems") and text.count("\n  - ") == 21 and "... and 5 more" in text
    assert "row 2, column 'wave'" in text and "row 21," in text and "row 22," not in text
    assert text.count("What to do") == 1 and len(err.value.problems) == 25
