"""write_table: pandas' to_csv with a fixed float format, written atomically; read_table reads it back."""
from __future__ import annotations

import io

import numpy as np
import pandas as pd
import pytest

from sweval.io import FLOAT_FORMAT, read_table, write_table


def _pandas_bytes(frame: pd.DataFrame) -> str:
    buf = io.StringIO()
    frame.to_csv(buf, index=False, float_format=FLOAT_FORMAT, lineterminator="\n")
    return buf.getvalue()


def test_the_bytes_are_pandas_to_csv_with_ten_significant_digits(tmp_path):
    frame = pd.DataFrame({"x": [np.nan, np.inf, -0.0, 12345678901.0, 1e-5, 2 / 3],
                          "n": [1, 2, 3, 4, 5, 10**15], "flag": [True, False] * 3,
                          "label": ["a,b", 'say "hi"', "two\nlines", None, "中文", " lead"],
                          "cat": pd.Categorical(["x", "y", None, "x", "y", "x"])})
    write_table(frame, tmp_path / "t.csv")
    text = (tmp_path / "t.csv").read_bytes().decode("utf-8")
    assert text == _pandas_bytes(frame)
    assert text == ('x,n,flag,label,cat\n,1,True,"a,b",x\ninf,2,False,"say ""hi""",y\n-0,3,True,"two\nlines",\n'
                    '1.23456789e+10,4,False,,x\n1e-05,5,True,中文,y\n0.6666666667,1000000000000000,False, lead,x\n')


def test_a_carriage_return_in_text_becomes_a_newline(tmp_path):
    """pandas (the csv module) leaves 'a\rb' unquoted with '\n' line ends, which reads as two rows."""
    frame = pd.DataFrame({"x": [1.0, 2.0, 3.0], "note": ["a\rb", "c\r\nd", "e"],
                          "cat": pd.Categorical(["f\rg", "h", "h"])})
    assert _pandas_bytes(frame).startswith("x,note,cat\n1,a\rb,f\rg\n")
    write_table(frame, tmp_path / "t.csv")
    back = read_table(tmp_path / "t.csv")
    assert back["note"].tolist() == ["a\nb", "c\nd", "e"] and back["cat"].tolist() == ["f\ng", "h", "h"]
    assert frame["note"][0] == "a\rb"  # the caller's frame is left as it was


def test_a_failed_write_leaves_the_old_table(tmp_path):
    path = tmp_path / "t.csv"
    write_table(pd.DataFrame({"x": [1.0]}), path)

    class Broken:
        def __str__(self):
            raise RuntimeError("cannot be written")

    with pytest.raises(RuntimeError):
        write_table(pd.DataFrame({"x": pd.Series([Broken()], dtype=object)}), path)
    assert path.read_text() == "x\n1\n"
    assert [p.name for p in tmp_path.iterdir()] == ["t.csv"]  # no temporary file left behind


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
    monkeypatch.setattr("sweval.io._READ_CHUNK_ROWS", 5)
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


def test_text_cells_that_a_spreadsheet_would_run_are_neutralised(tmp_path):
    """OWASP CSV injection: a text cell starting with = + - @, a tab or a carriage return gets a
    leading apostrophe; numbers (numeric columns, and plain numbers kept as text) stay numbers."""
    payloads = ["=HYPERLINK(\"http://x\",\"y\")", "+cmd|' /C calc'!A0", "@SUM(1+1)*cmd|' /C calc'!A0",
                "-2+3+cmd|' /C calc'!A0", "\t=1+1", "\r=1+1"]
    frame = pd.DataFrame({"note": payloads + ["-3", "+1.5", "fine", None],
                          "cat": pd.Categorical(["=1+1"] * 5 + ["ok"] * 5),
                          "value": [-1.5, -2.0, 3.0, 4.0, 5.0, 6.0, -7.0, 8.0, 9.0, 10.0]})
    write_table(frame, tmp_path / "t.csv")
    back = read_table(tmp_path / "t.csv")
    for cell in [*back["note"].dropna(), *back["cat"]]:
        assert cell in ("-3", "+1.5") or not cell.startswith(("=", "+", "-", "@", "\t", "\r")), cell
    assert back["note"].tolist()[:6] == ["'" + p.replace("\r", "\n") for p in payloads]
    assert back["note"].tolist()[6:9] == ["-3", "+1.5", "fine"]
    assert back["value"].tolist() == frame["value"].tolist()  # numbers stay numbers
    assert frame["note"][0].startswith("=")  # the caller's frame is left as it was


def test_a_killed_runs_temporary_files_are_removed_by_the_next_job(tmp_path):
    from sweval.job import remove_stale_temporaries

    out = tmp_path / "quality_log.csv"
    stale = tmp_path / ".quality_log.csv.4b3wx6x6.tmp"
    other = tmp_path / ".responses.csv.abc.tmp"          # another job's output: not ours to touch
    stale.write_text("half", encoding="utf-8")
    other.write_text("half", encoding="utf-8")
    assert remove_stale_temporaries([str(out)]) == [stale]
    assert not stale.exists() and other.exists()


@pytest.mark.skipif(not __import__("sys").platform.startswith("linux"), reason="the SIGTERM handler is set with the parent-death signal, Linux only")
def test_sigterm_during_a_write_leaves_no_temporary_file(tmp_path):
    """A job that gets SIGTERM (its Snakemake died, or a scheduler ended it) removes the
    temporary file of the table it was writing."""
    import signal
    import subprocess
    import sys
    import time

    code = (
        "import sys, time\n"
        "from sweval import job, io\n"
        "job.end_with_parent()\n"
        f"with io._atomic_text({str(tmp_path / 'table.csv')!r}) as fh:\n"
        "    fh.write('a,b\\n'); fh.flush(); print('writing', flush=True); time.sleep(60)\n"
    )
    proc = subprocess.Popen([sys.executable, "-c", code], stdout=subprocess.PIPE, text=True)
    assert proc.stdout.readline().strip() == "writing"
    assert list(tmp_path.glob(".table.csv.*.tmp"))
    proc.send_signal(signal.SIGTERM)
    assert proc.wait(timeout=30) == 128 + signal.SIGTERM
    time.sleep(0.1)
    assert not list(tmp_path.glob("*.tmp")) and not (tmp_path / "table.csv").exists()
