"""write_table writes the bytes pandas' to_csv(float_format='%.10g') writes, only faster.

The reference is pandas itself (the writer every results table used before), over generated
frames holding the awkward values: NaN, infinities, -0.0, whole floats beyond 1e10, tiny floats,
text with commas, quotes and line breaks, missing text, booleans, categories.
"""
from __future__ import annotations

import io

import numpy as np
import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from sweval.io import FLOAT_FORMAT, _column_kind, _write_csv, read_table, write_table

floats = st.one_of(st.floats(allow_nan=True, allow_infinity=True), st.integers(-10**12, 10**12).map(float),
                   st.sampled_from([0.0, -0.0, 1e10, -1e10, 9999999999.0, 1e-5, 0.1, 2 / 3]))
# no lone carriage return here: see test_a_lone_carriage_return_is_quoted
texts = st.one_of(st.none(), st.text(alphabet=st.sampled_from(list('ab ,"\n;中文0.5')), max_size=6)
                  .filter(lambda t: "\r" not in t) | st.sampled_from(["a\r\nb", " lead", "trail "]))


def _pandas_bytes(frame: pd.DataFrame) -> str:
    buf = io.StringIO()
    frame.to_csv(buf, index=False, float_format=FLOAT_FORMAT, lineterminator="\n")
    return buf.getvalue()


def _ours(frame: pd.DataFrame) -> str:
    buf = io.StringIO()
    _write_csv(frame, buf)
    return buf.getvalue()


@settings(max_examples=300, deadline=None)
@given(rows=st.lists(st.tuples(floats, st.integers(-10**15, 10**15), st.booleans(), texts, texts), max_size=12),
       whole=st.lists(st.integers(-10**9, 10**9) | st.none(), max_size=12), categorical=st.booleans(),
       float32=st.booleans())
def test_same_bytes_as_pandas(rows, whole, categorical, float32):
    frame = pd.DataFrame(rows, columns=["x", "n", "flag", "label", "note"])
    frame["label"] = frame["label"].astype("str")
    if categorical:
        frame["cat"] = pd.Categorical(frame["note"])
    if float32:
        with np.errstate(over="ignore"):  # large doubles become inf, as they would in the data
            frame["x"] = frame["x"].astype(np.float32)
    frame["whole"] = pd.Series([np.nan if w is None else float(w) for w in whole][: len(frame)]
                               + [np.nan] * max(0, len(frame) - len(whole)), dtype=float)
    assert None not in [_column_kind(frame[c]) for c in frame]  # the fast path, not pandas', is compared
    assert _ours(frame) == _pandas_bytes(frame)


def test_a_lone_carriage_return_is_quoted(tmp_path):
    """The one deliberate difference from pandas: it leaves 'a\rb' bare, which reads as two lines."""
    frame = pd.DataFrame({"x": [1.0, 2.0], "note": ["a\rb", "c"]})
    assert _pandas_bytes(frame) == "x,note\n1,a\rb\n2,c\n"
    assert _ours(frame) == 'x,note\n1,"a\rb"\n2,c\n'
    write_table(frame, tmp_path / "t.csv")
    assert read_table(tmp_path / "t.csv")["note"].tolist() == ["a\rb", "c"]


def test_unusual_columns_fall_back_to_pandas():
    frame = pd.DataFrame({"when": pd.to_datetime(["2023-01-01", None]), "n": pd.array([1, None], dtype="Int64"),
                          "mixed": pd.Series([0.1 + 0.2, "a"], dtype=object)})
    assert _ours(frame) == _pandas_bytes(frame)
    odd_names = pd.DataFrame([[1.5, "a"]], columns=[None, 7])
    assert _ours(odd_names) == _pandas_bytes(odd_names)
    two_rows = pd.DataFrame([[1.5, "a"]], columns=pd.MultiIndex.from_tuples([("a", "x"), ("a", "y")]))
    assert _ours(two_rows) == _pandas_bytes(two_rows)


def test_parts_of_integers_and_floats_are_refused(tmp_path):
    from sweval.io import write_table_parts

    parts = [pd.DataFrame({"id": ["a"], "n": [12345678901]}), pd.DataFrame({"id": ["b"], "n": [np.nan]})]
    with pytest.raises(ValueError, match="kinds"):
        write_table_parts(iter(parts), tmp_path / "t.csv", ["id", "n"])


def test_round_trip(tmp_path):
    frame = pd.DataFrame({"participant_id": ["P1", "P2", "P3"], "score": [1.0, np.nan, 2.5],
                          "rci": [1 / 3, -2.0, np.nan]})
    write_table(frame, tmp_path / "t.csv")
    assert (tmp_path / "t.csv").read_text() == "participant_id,score,rci\nP1,1,0.3333333333\nP2,,-2\nP3,2.5,\n"
    back = read_table(tmp_path / "t.csv")
    assert back["score"].tolist()[0] == 1.0 and np.isnan(back["score"][1])


def test_chunks_join_seamlessly(monkeypatch):
    monkeypatch.setattr("sweval.io._CHUNK_ROWS", 3)
    frame = pd.DataFrame({"x": [1.0, 2.0, 3.0, 0.5, np.nan, 7.0, 8.0], "label": ["a", None, "b,c", "d", "e", "f", "g"],
                          "mixed": pd.Series(["a", "b", "c", "d", "e", "f", 1.5], dtype=object),
                          "odd, \"name\"": [-0.0, 0.0, np.inf, -np.inf, 1e-7, 12345678901.0, 2 / 3]})
    assert _ours(frame) == _pandas_bytes(frame)
    assert _ours(frame.drop(columns="mixed")) == _pandas_bytes(frame.drop(columns="mixed"))


def test_parts_write_the_bytes_of_their_concatenation(tmp_path):
    from sweval.io import write_table_parts

    parts = [pd.DataFrame({"id": ["a", "b"], "x": [1.0, 2.0], "cat": [np.nan, np.nan]}),
             pd.DataFrame({"id": ["c"], "x": [0.5], "cat": ["recovered"]}),
             pd.DataFrame({"id": pd.Series([], dtype=object), "x": pd.Series([], dtype=float), "cat": []})]
    write_table_parts(iter(parts), tmp_path / "parts.csv", ["id", "x", "cat"])
    write_table(pd.concat(parts, ignore_index=True), tmp_path / "whole.csv")
    assert (tmp_path / "parts.csv").read_bytes() == (tmp_path / "whole.csv").read_bytes()
    write_table_parts(iter([]), tmp_path / "none.csv", ["id", "x"])
    assert (tmp_path / "none.csv").read_text() == "id,x\n"


def test_a_large_table_reads_as_a_plain_read_would(tmp_path, monkeypatch):
    monkeypatch.setattr("sweval.io._LARGE_TABLE_BYTES", 0)
    monkeypatch.setattr("sweval.io._CHUNK_ROWS", 1)  # chunks of 5 rows
    ids = [f"P{k % 4}" for k in range(13)]
    frame = pd.DataFrame({"participant_id": ids, "wave": ["pre", "post", None] * 4 + ["pre"],
                          "score": [1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, np.nan],
                          "late": [np.nan] * 10 + ["a", "b", "c"]})  # text only in the last chunk
    write_table(frame, tmp_path / "t.csv")
    plain = pd.read_csv(tmp_path / "t.csv")
    pd.testing.assert_frame_equal(read_table(tmp_path / "t.csv"), plain)
    pd.testing.assert_frame_equal(read_table(tmp_path / "t.csv", ["participant_id", "wave", "score"]),
                                  plain[["participant_id", "wave", "score"]])
    shared = read_table(tmp_path / "t.csv", ["participant_id", "score"])["participant_id"].tolist()
    assert shared[0] is shared[4]  # one object per distinct ID
