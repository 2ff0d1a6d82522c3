"""The clean step on the example study and on small hand-made exports."""
import numpy as np
import pandas as pd
import pytest

from sweval.clean import SurveySpec, clean_surveys
from sweval.errors import InputError
from sweval.readers import read_export


def test_every_raw_row_is_accounted_for(cleaned):
    acc = cleaned["accounting"]
    assert (acc["rows_in"] == acc["rows_kept"] + acc["rows_excluded"]).all()
    base = acc[acc["source_file"].str.contains("baseline")].iloc[0]
    assert (base["rows_in"], base["rows_kept"], base["rows_excluded"]) == (51, 50, 1)
    counts = cleaned["responses"].groupby("wave").size().to_dict()
    assert counts == {"pre": 50, "post": 10, "followup": 9}
    assert not cleaned["responses"].duplicated(["participant_id", "wave"]).any()


def test_duplicate_keeps_the_complete_later_submission(cleaned):
    log = cleaned["quality_log"]
    dup = log[log["reason"].str.contains("duplicate", na=False)]
    assert len(dup) == 1 and dup["source_row"].iloc[0] == 2  # the early, incomplete one (spreadsheet row 2)
    pid = dup["participant_id"].iloc[0]
    kept = cleaned["responses"].query("participant_id == @pid and wave == 'pre'")
    assert kept["n_answered"].iloc[0] == 28


def test_out_of_range_and_skips_become_missing_with_a_log_line(cleaned):
    log = cleaned["quality_log"]
    oor = log[log["reason"].str.contains("outside the scale", na=False)]
    assert len(oor) == 1 and oor["original_value"].iloc[0] == "6" and oor["wave"].iloc[0] == "followup"
    row = cleaned["responses"].query("participant_id == @oor.participant_id.iloc[0] and wave == 'followup'")
    assert np.isnan(row["cyrm_13"].iloc[0])
    skipped = log[log["reason"].str.contains("跳过", na=False)]
    assert len(skipped) > 0 and skipped["column"].notna().all() and skipped["source_row"].notna().all()


def test_ids_are_normalised_and_never_written(cleaned, root):
    log = cleaned["quality_log"]
    repairs = log[log["action"] == "repaired"]
    assert set(repairs["original_value"]) == {"[identifier withheld]"}
    assert any("full-width" in r for r in repairs["reason"]) and any("spaces" in r for r in repairs["reason"])
    # every post-test child matched a baseline child despite the full-width ID
    wm = cleaned["wave_matching"]
    assert len(wm) == 10 and wm["pre"].all() and wm["post"].all() and wm["followup"].sum() == 9
    raw = pd.read_excel(root / "data/raw/example/baseline_wjx.xlsx", dtype=str)
    secrets = set(raw["2、你的姓名"]) | set(raw["3、家长联系电话"]) | set(raw["来自IP"])
    secrets |= {v.strip().upper() for v in raw["1、你的编号（学号）"]}
    for name, table in cleaned.items():
        text = table.to_csv(index=False)
        leaked = [s for s in secrets if s in text]
        assert not leaked, f"{name} contains personal data: {leaked[:3]}"


def test_flags(cleaned):
    r = cleaned["responses"]
    assert r["flag_fast"].sum() == 1
    assert r["flag_incomplete"].sum() == 3  # two children skipped items, one follow-up code was out of range


def test_background_recoded(cleaned):
    bg = cleaned["background"]
    assert len(bg) == 50 and bg["participant_id"].is_unique
    assert set(bg["left_behind"].dropna()) <= {"父母都在家", "父亲外出务工", "母亲外出务工", "父母都外出务工"}
    assert bg["age"].between(8, 14).all()


def _tidy(tmp_path, rows, name="tidy.csv"):
    path = tmp_path / name
    pd.DataFrame(rows).to_csv(path, index=False)
    return str(path)


def test_generic_csv_with_wave_column(tmp_path, codebook):
    items = {f"cyrm_{k:02d}": 3 for k in range(1, 29)}
    path = _tidy(tmp_path, [{"participant_id": "A1", "wave": "pre", **items},
                            {"participant_id": "a1 ", "wave": "post", **items},
                            {"participant_id": "B2", "wave": "pre", **{**items, "cyrm_05": "x"}}])
    spec = SurveySpec(name="t", path=path, format="csv", wave_column="wave")
    out = clean_surveys([read_export(path, "csv")], [spec], codebook, b"k", waves=["pre", "post"], baseline_wave="pre")
    assert len(out["responses"]) == 3
    assert out["responses"]["participant_id"].nunique() == 2  # 'a1 ' matched 'A1'
    bad = out["quality_log"].query("column == 'cyrm_05'")
    assert bad["reason"].iloc[0].startswith("answer text is not an option")


def test_unknown_wave_is_an_error_naming_file_row_column(tmp_path, codebook):
    items = {f"cyrm_{k:02d}": 3 for k in range(1, 29)}
    path = _tidy(tmp_path, [{"participant_id": "A1", "wave": "pre", **items},
                            {"participant_id": "A1", "wave": "middle", **items}])
    spec = SurveySpec(name="t", path=path, format="csv", wave_column="wave")
    with pytest.raises(InputError) as err:
        clean_surveys([read_export(path, "csv")], [spec], codebook, b"k", waves=["pre", "post"], baseline_wave="pre")
    text = str(err.value)
    assert "tidy.csv" in text and "row 3" in text and "column 'wave'" in text and "What to do" in text


def test_unmapped_items_list_the_candidates(tmp_path, codebook):
    path = _tidy(tmp_path, [{"participant_id": "A1", "q1": 3}])
    spec = SurveySpec(name="t", path=path, format="csv", wave="pre")
    with pytest.raises(InputError, match="cyrm_01"):
        clean_surveys([read_export(path, "csv")], [spec], codebook, b"k", waves=["pre"], baseline_wave="pre")


def test_wrong_matrix_question_is_explained(root, codebook):
    path = str(root / "data/raw/example/post_wjx.xlsx")
    spec = SurveySpec(name="t", path=path, format="wjx", wave="post", id_column={"question": 1},
                      items={"matrix_question": 2})
    with pytest.raises(InputError, match="matrix question 2 has 0 sub-item columns"):
        clean_surveys([read_export(path, "wjx")], [spec], codebook, b"k", waves=["post"], baseline_wave="post")


def test_empty_response_and_missing_id_are_excluded_and_counted(tmp_path, codebook):
    items = {f"cyrm_{k:02d}": 4 for k in range(1, 29)}
    empty = {f"cyrm_{k:02d}": None for k in range(1, 29)}
    path = _tidy(tmp_path, [{"participant_id": "A1", **items}, {"participant_id": None, **items},
                            {"participant_id": "C3", **empty}])
    spec = SurveySpec(name="t", path=path, format="csv", wave="pre")
    out = clean_surveys([read_export(path, "csv")], [spec], codebook, b"k", waves=["pre"], baseline_wave="pre")
    acc = out["accounting"].iloc[0]
    assert (acc["rows_in"], acc["rows_kept"], acc["rows_excluded"]) == (3, 1, 2)
    reasons = set(out["quality_log"].query("action == 'excluded'")["reason"])
    assert reasons == {"no participant ID", "no item answered (wholly empty response)"}


@pytest.mark.parametrize("rows, expected", [
    ("", "lists no children"),
    ("A1,否\nB2,否\n", "none of its 2 rows has consent recorded in column '知情同意' (one of 是)"),
    (",是\n", "none of its 1 rows has an ID in column '编号'"),
])
def test_a_roster_without_a_child_who_can_take_part_stops_naming_the_config_key(tmp_path, rows, expected):
    """An empty roster file is a mistake, not a way to leave the roster out (that is roster: null)."""
    from sweval.clean import _Log, roster_members

    path = tmp_path / "roster.csv"
    path.write_text("编号,知情同意\n" + rows, encoding="utf-8")
    with pytest.raises(InputError) as err:
        roster_members(read_export(str(path), "csv"), "编号", b"k" * 16, "知情同意", ["是"], _Log())
    message = str(err.value)
    assert expected in message and "(config 'roster')" in message and str(path) in message
    assert "remove 'roster' from the config (or set it to null)" in message
