"""Qualtrics, SPSS, KoboToolbox and REDCap readers on the hand-made fixtures in
tests/data/readers_<format>/ (written by tests/data/readers_make_fixtures.py)."""
from __future__ import annotations

from pathlib import Path

import pytest

from sweval.errors import InputError
from sweval.readers import read_export

DATA = Path(__file__).resolve().parent / "data"


def kinds(export) -> dict[str, str]:
    return dict(zip(export.columns["column"], export.columns["kind"]))


@pytest.mark.parametrize("name, encoding", [("qualtrics_numeric.csv", "utf-8-sig"),
                                            ("qualtrics_numeric_utf16.tsv", "utf-16")])
def test_qualtrics(name, encoding):
    export = read_export(DATA / "readers_qualtrics" / name, "qualtrics")
    assert export.encoding == encoding and export.mode is None
    # three header rows; the second record's open answer spans two lines (5 and 6)
    assert export.source_rows == [4, 5, 7, 8]
    assert export.data.iloc[1]["Q4_4_TEXT"] == "手工\n(老师帮填)"
    assert export.data.iloc[1]["Q4"] == "1,3"
    k = kinds(export)
    assert k["StartDate"] == k["ResponseId"] == k["wave"] == "meta"
    assert k["Q1"] == k["Q2"] == "question" and k["Q4_4_TEXT"] == "other"
    subs = export.columns[export.columns["kind"] == "matrix_sub"]
    assert list(subs["question"]) == [3] * 5
    assert subs["text"].iloc[0] == "我有可以学习的榜样"      # statement after " - "
    assert export.data.iloc[3]["Q3_4"] == "99"


def test_qualtrics_missing_third_header_row(tmp_path):
    lines = (DATA / "readers_qualtrics" / "qualtrics_numeric.csv").read_text("utf-8-sig")
    first, second, _, *rest = lines.split("\n")
    path = tmp_path / "two_rows.csv"
    path.write_text("\n".join([first, second, *rest]), encoding="utf-8")
    with pytest.raises(InputError, match="third header row") as err:
        read_export(path, "qualtrics")
    assert "row 3" in str(err.value) and "What to do" in str(err.value)


def test_spss_values_labels_and_user_missing():
    export = read_export(DATA / "readers_spss" / "cyrm_pre.sav", "spss")
    assert export.format == "spss" and export.source_rows == [1, 2, 3, 4]
    data = export.data
    assert data["cyrm1"].tolist() == ["5", "3", "4", "2"]
    # 99 is declared user-missing for cyrm4: SPSS treats it as missing, and so do we
    assert data["cyrm4"].tolist() == ["3", "4", "5", None]
    assert data["cyrm2"].iloc[3] is None                      # system-missing
    assert data["date"].tolist() == ["2024-03-01", "2024-03-01", None, "2024-03-02"]
    assert data["remark"].tolist() == [None, "很投入", None, "缺席一次"]
    assert export.value_labels["sex"] == {"1": "男", "2": "女"}
    assert export.value_labels["cyrm4"]["99"] == "拒答"
    cmap = export.columns.set_index("column")
    assert cmap.loc["cyrm4", "missing"] == "99" and cmap.loc["sex", "missing"] == "7-9"
    assert cmap.loc["cyrm1", "text"] == "我有可以学习的榜样"
    assert cmap.loc["cyrm1", "kind"] == "question" and cmap.loc["child_id", "kind"] == "other"


def test_kobo_csv_with_slash_groups():
    export = read_export(DATA / "readers_kobo" / "kobo_xml_names.csv", "kobo")
    assert export.encoding == "utf-8" and export.source_rows == [2, 3, 4, 5]
    k = kinds(export)
    assert k["start"] == k["_uuid"] == k["meta/instanceID"] == k["_submission_time"] == "meta"
    assert k["cyrm/cyrm_01"] == "question" and k["activities/attended"] == "question"
    assert k["activities/attended/sports"] == "multi_option"
    assert k["location/_gps_latitude"] == "other"
    cmap = export.columns.set_index("column")
    assert cmap.loc["cyrm/cyrm_01", "text"] == "cyrm_01"
    assert cmap.loc["activities/attended/sports", "text"] == "sports"
    assert export.data["activities/attended"].iloc[1] == "drawing sports"


def test_kobo_xlsx_with_dash_groups_reads_the_main_sheet():
    export = read_export(DATA / "readers_kobo" / "kobo_dash_groups.xlsx", "kobo")
    assert len(export.data) == 4                      # the repeat sheet is not read
    k = kinds(export)
    assert k["cyrm-cyrm_03"] == "question" and k["activities-attended-music"] == "multi_option"
    assert k["meta-instanceID"] == "meta"
    repeat = read_export(DATA / "readers_kobo" / "kobo_dash_groups.xlsx", "kobo",
                         sheet="sessions")
    assert kinds(repeat)["_parent_index"] == "meta" and len(repeat.data) == 1


def test_redcap_raw():
    export = read_export(DATA / "readers_redcap" / "redcap_raw.csv", "redcap")
    k = kinds(export)
    assert k["record_id"] == k["redcap_event_name"] == "meta"
    assert k["cyrm_survey_timestamp"] == k["cyrm_survey_complete"] == "meta"
    assert k["cyrm_1"] == "question" and k["activities___2"] == "multi_option"
    assert export.columns.set_index("column").loc["activities___2", "text"] == "2"
    assert export.data["record_id"].tolist() == ["1", "2", "3", "4"]


def test_redcap_labels():
    export = read_export(DATA / "readers_redcap" / "redcap_labels.csv", "redcap")
    cmap = export.columns.set_index("column")
    assert cmap.loc["Record ID", "kind"] == cmap.loc["Complete?", "kind"] == "meta"
    assert cmap.loc["参加的活动 (choice=运动)", "kind"] == "multi_option"
    assert cmap.loc["参加的活动 (choice=运动)", "text"] == "运动"
    assert cmap.loc["父母很了解我", "text"] == "父母很了解我"
    assert export.data["参加的活动 (choice=运动)"].iloc[1] == "Checked"


def test_redcap_label_export_with_two_instruments_says_use_raw(tmp_path):
    path = tmp_path / "labels.csv"
    path.write_text("Record ID,Q1,Complete?,Q2,Complete?\n1,3,Complete,4,Incomplete\n",
                    encoding="utf-8")
    with pytest.raises(InputError, match="raw data") as err:
        read_export(path, "redcap")
    assert "Complete?" in str(err.value)


def test_unknown_format():
    with pytest.raises(InputError, match="What to do"):
        read_export(DATA / "readers_redcap" / "redcap_raw.csv", "limesurvey")
