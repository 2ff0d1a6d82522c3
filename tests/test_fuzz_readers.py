"""Fuzz the export readers: random bytes and mutated real exports.

Every attempt must end, within a time limit, in either a clean RawExport (text cells or None,
one source row per data row, a column map matching the columns) or an InputError that names the
file. Anything else (another exception type, a hang) is a *survivor* and fails the test.

Seeds: the two real Wenjuanxing .xls downloads in tests/fixtures/wjx/, the simulated example's
.xlsx and .csv exports, a CSV rendering of the real text-mode download (as Wenjuanxing's CSV
download would look), and the small Qualtrics/Kobo/REDCap/SPSS fixtures. Mutations: truncation,
flipped / inserted / deleted / repeated bytes, shuffled and dropped lines, stray quotes and
separators, re-encoding in a random codec, and, for .xlsx, the same mutations applied to one XML
member inside the zip (so the damage gets past the zip checksum into the XML parser).

The run is seeded (same cases on every run) and uses a pool of processes so that the ~400 cases
finish in well under a minute; each case has its own alarm so a hang is counted, not waited for.
"""
from __future__ import annotations

import io
import multiprocessing
import random
import signal
import zipfile
from pathlib import Path

import pandas as pd
import pytest

from sweval.errors import InputError
from sweval.readers import FORMATS, RawExport, read_export

ROOT = Path(__file__).resolve().parents[1]
WJX = ROOT / "tests" / "fixtures" / "wjx"
DATA = ROOT / "tests" / "data"
SEED = 20240901
CASE_SECONDS = 10          # one read of one mutated file
N_RANDOM = 60              # files of pure random bytes
N_TEXT = 200               # mutated CSV/TSV exports
N_XLSX = 90                # mutated .xlsx (half on the raw bytes, half inside the zip)
N_XLS = 40                 # mutated real .xls downloads (slow to parse: ~0.5 s each)
N_SAV = 20                 # mutated SPSS file

ENCODINGS = ["utf-8", "utf-8-sig", "gb18030", "gbk", "big5", "shift_jis", "utf-16", "utf-16-le",
             "utf-16-be", "utf-32", "latin-1", "cp1252", "koi8-r", "euc-kr"]
TEXT_FORMATS = [f for f in FORMATS if f != "spss"]


class CaseTimeout(Exception):
    pass


# ---------------------------------------------------------------------------------------------
# seeds and mutations


def _seeds() -> dict[str, list[tuple[str, str, bytes]]]:
    """(extension, the format the file is an export of, bytes) per kind of file."""
    text = [(p.suffix, "csv", p.read_bytes()) for p in sorted((ROOT / "data/raw/example").glob("*.csv"))]
    text += [(p.suffix, sub.split("_")[1], p.read_bytes())
             for sub in ("readers_qualtrics", "readers_kobo", "readers_redcap")
             for p in sorted((DATA / sub).glob("*")) if p.suffix in (".csv", ".tsv")]
    real = read_export(WJX / "wjx_800_by_text.xls", "wjx").data.head(120)
    rendered = real.to_csv(index=False)
    text += [(".csv", "wjx", rendered.encode("gb18030")), (".csv", "wjx", rendered.encode("utf-8-sig"))]
    xlsx = [(p.suffix, "wjx", p.read_bytes()) for p in sorted((ROOT / "data/raw/example").glob("*.xlsx"))]
    xlsx += [(".xlsx", "kobo", (DATA / "readers_kobo" / "kobo_dash_groups.xlsx").read_bytes())]
    xls = [(".xls", "wjx", p.read_bytes()) for p in sorted(WJX.glob("*.xls"))]
    sav = [(".sav", "spss", p.read_bytes()) for p in sorted((DATA / "readers_spss").glob("*.sav"))]
    return {"text": text, "xlsx": xlsx, "xls": xls, "sav": sav}


def _truncate(rng, b):
    return b[:rng.randrange(len(b) + 1)]


def _flip(rng, b):
    out = bytearray(b)
    for _ in range(rng.choice([1, 2, 8, 64])):
        if out:
            out[rng.randrange(len(out))] ^= rng.randrange(1, 256)
    return bytes(out)


def _insert(rng, b):
    at = rng.randrange(len(b) + 1)
    return b[:at] + rng.randbytes(rng.randrange(1, 200)) + b[at:]


def _delete(rng, b):
    if not b:
        return b
    at = rng.randrange(len(b))
    return b[:at] + b[at + rng.randrange(1, 500):]


def _repeat(rng, b):
    if not b:
        return b
    at = rng.randrange(len(b))
    chunk = b[at:at + rng.randrange(1, 2000)]
    return b[:at] + chunk * rng.randrange(2, 5) + b[at:]


BYTE_MUTATIONS = [_truncate, _flip, _insert, _delete, _repeat]


def _decode(b: bytes) -> str:
    for enc in ("utf-8-sig", "utf-16", "gb18030"):
        try:
            return b.decode(enc)
        except UnicodeDecodeError:
            continue
    return b.decode("latin-1")


def _shuffle_lines(rng, b):
    lines = _decode(b).splitlines(keepends=True)
    rng.shuffle(lines)
    return "".join(lines).encode("utf-8")


def _drop_lines(rng, b):
    lines = _decode(b).splitlines(keepends=True)
    keep = [line for line in lines if rng.random() > 0.3]
    return "".join(keep).encode("utf-8")


def _stray_characters(rng, b):
    text = list(_decode(b))
    for _ in range(rng.randrange(1, 6)):
        text.insert(rng.randrange(len(text) + 1), rng.choice(['"', ",", "\t", ";", "\r", "\n", "\x00",
                                                               "┋", "\u3000", "\ufeff", "'"]))
    return "".join(text).encode("utf-8")


def _reencode(rng, b):
    return _decode(b).encode(rng.choice(ENCODINGS), errors="replace")


TEXT_MUTATIONS = [_shuffle_lines, _drop_lines, _stray_characters, _reencode]


def _rezip(b: bytes, victim: str, change) -> bytes:
    """The zip ``b`` with member ``victim`` replaced by ``change(old bytes)``. Fixed member dates:
    the same bytes on every run (zipfile would stamp the current time)."""
    src = zipfile.ZipFile(io.BytesIO(b))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as dst:
        for name in src.namelist():
            data = src.read(name)
            dst.writestr(zipfile.ZipInfo(name, date_time=(1980, 1, 1, 0, 0, 0)),
                         change(data) if name == victim else data)
    return out.getvalue()


def _mutate_zip_member(rng, b):
    """Damage one member of an .xlsx (sheet XML, shared strings, styles...) and zip it again."""
    victim = rng.choice(zipfile.ZipFile(io.BytesIO(b)).namelist())
    mutation = rng.choice(BYTE_MUTATIONS + [_stray_characters])
    return _rezip(b, victim, lambda data: mutation(rng, data))


def build_cases(seed: int = SEED) -> list[dict]:
    rng = random.Random(seed)
    seeds = _seeds()
    cases = []

    def add(kind, ext, data, how, fmt=None):
        # mostly the format the seed is an export of (deeper into that reader), sometimes any
        if fmt is None or rng.random() < 0.2:
            fmt = rng.choice(["spss"] if ext == ".sav" else TEXT_FORMATS)
        cases.append({"id": len(cases), "kind": kind, "ext": ext, "data": data, "format": fmt,
                      "how": how})

    for _ in range(N_RANDOM):
        ext = rng.choice([".csv", ".tsv", ".txt", ".xlsx", ".xls", ".sav"])
        prefix = rng.choice([b"", b"PK\x03\x04", b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1", b"\xef\xbb\xbf",
                             b"\xff\xfe", b"$FL2", b"<html>"])
        add("random", ext, prefix + rng.randbytes(rng.randrange(0, 5000)), "random bytes")
    for _ in range(N_TEXT):
        ext, fmt, data = rng.choice(seeds["text"])
        mutations = rng.sample(BYTE_MUTATIONS + TEXT_MUTATIONS, rng.randrange(1, 3))
        for m in mutations:
            data = m(rng, data)
        add("text", ext, data, "+".join(m.__name__ for m in mutations), fmt)
    for k in range(N_XLSX):
        ext, fmt, data = rng.choice(seeds["xlsx"])
        m = _mutate_zip_member if k % 2 else rng.choice(BYTE_MUTATIONS)
        add("xlsx", ext, m(rng, data), m.__name__, fmt)
    for _ in range(N_XLS):
        ext, fmt, data = rng.choice(seeds["xls"])
        m = rng.choice(BYTE_MUTATIONS)
        add("xls", ext, m(rng, data), m.__name__, fmt)
    for _ in range(N_SAV):
        ext, fmt, data = rng.choice(seeds["sav"])
        m = rng.choice(BYTE_MUTATIONS)
        add("sav", ext, m(rng, data), m.__name__, fmt)
    for name, ext, fmt, data in targeted_cases():
        cases.append({"id": len(cases), "kind": "targeted", "ext": ext, "data": data, "format": fmt,
                      "how": name})
    return cases


def _xlsx_with_far_cell(cell: str) -> bytes:
    """The example post-test export with one more cell at the sheet's last row and column."""
    post = (ROOT / "data/raw/example/post_wjx.xlsx").read_bytes()
    far = f'<row r="1048576">{cell}</row></sheetData>'.encode()
    return _rezip(post, "xl/worksheets/sheet1.xml", lambda xml: xml.replace(b"</sheetData>", far))


STRAY_VALUE = '<c r="XFD1048576" t="inlineStr"><is><t>x</t></is></c>'
FORMATTED_EMPTY = '<c r="XFD1048576" s="0"/>'


def targeted_cases() -> list[tuple[str, str, str, bytes]]:
    """Inputs the random mutations are unlikely to hit; the first two once broke a reader.

    (name, extension, format, bytes).
    """
    header = "1、编号,2(题)\n"
    return [
        # RecursionError from json.loads (fixed in readers/qualtrics.py)
        ("qualtrics ImportId row of 100000 nested brackets", ".csv", "qualtrics",
         ('StartDate,Q1\nStart,How\n{"ImportId":"startDate"},"' + "[" * 100_000 + '"\n1,2\n').encode()),
        # ws.iter_rows() walked 17 billion cells: a hang (fixed in readers/excel.py)
        ("xlsx with a stray value at XFD1048576", ".xlsx", "wjx", _xlsx_with_far_cell(STRAY_VALUE)),
        ("xlsx with a formatted empty cell at XFD1048576", ".xlsx", "wjx", _xlsx_with_far_cell(FORMATTED_EMPTY)),
        ("a cell of 200000 characters (over csv's field limit)", ".csv", "wjx",
         (header + "L001," + "5" * 200_000 + "\n").encode()),
        ("a quoted cell of 200000 characters", ".csv", "csv", ('a,b\n1,"' + "x" * 200_000 + '"\n').encode()),
        ("only a UTF-8 byte-order mark", ".csv", "csv", b"\xef\xbb\xbf"),
        ("only a UTF-16 byte-order mark", ".txt", "csv", b"\xff\xfe"),
        ("UTF-16 with an odd number of bytes", ".txt", "qualtrics", "a\tb\n1\t2\n".encode("utf-16") + b"\x00"),
        ("old Mac line ends (CR only)", ".csv", "wjx", (header + "L001,4\rL002,5\r").replace("\n", "\r").encode()),
        ("5000 columns", ".csv", "csv", (",".join(f"c{k}" for k in range(5000)) + "\n" + ",".join("1" * 5000) + "\n").encode()),
        ("question number of 30 digits", ".csv", "wjx", ("9" * 30 + "、题,2(题)\nL001,4\n").encode()),
        ("header of NBSPs and ideographic spaces", ".csv", "wjx", "\u00a0,\u3000\n1,2\n".encode()),
        ("100000 empty lines then a header", ".csv", "wjx", b"\n" * 100_000 + header.encode() + b"L001,4\n"),
        ("a lone surrogate escape in GB18030", ".csv", "wjx", header.encode() + b"L001,\x81\x30\n"),
        ("xlsx content named .csv", ".csv", "wjx", _xlsx_with_far_cell(FORMATTED_EMPTY)),
        ("kobo header that is only separators", ".csv", "kobo", b"/,//,-\n1,2,3\n"),
        ("redcap checkbox with empty code", ".csv", "redcap", b"record_id,q___\n1,0\n"),
    ]


# ---------------------------------------------------------------------------------------------
# one attempt


def clean_export_problems(export: RawExport) -> list[str]:
    """What is wrong with a RawExport that a reader returned (empty list: it is clean)."""
    problems = []
    if not isinstance(export, RawExport):
        return [f"returned {type(export).__name__}, not a RawExport"]
    data = export.data
    if not isinstance(data, pd.DataFrame):
        return ["data is not a DataFrame"]
    if len(export.source_rows) != len(data):
        problems.append(f"{len(export.source_rows)} source rows for {len(data)} data rows")
    if list(export.columns["column"]) != list(data.columns):
        problems.append("column map does not match the data columns")
    if not data.columns.is_unique:
        problems.append("duplicate column names")
    bad = [v for col in data.columns for v in data[col] if v is not None and not isinstance(v, str)]
    if bad:
        problems.append(f"non-text cells such as {bad[0]!r}")
    return problems


def _alarm(signum, frame):
    raise CaseTimeout()


def attempt(case: dict, folder: str) -> dict:
    """Read one mutated file; outcome 'read', 'input_error' or a survivor ('crash', 'hang',
    'unclean read', 'error without file name')."""
    path = Path(folder) / f"case{case['id']:04d}{case['ext']}"
    path.write_bytes(case["data"])
    signal.signal(signal.SIGALRM, _alarm)
    signal.alarm(CASE_SECONDS)
    try:
        export = read_export(path, case["format"])
    except CaseTimeout:
        return {"outcome": "hang", "detail": f"no answer within {CASE_SECONDS} s"}
    except InputError as err:
        signal.alarm(0)
        if str(path) not in str(err):
            return {"outcome": "error without file name", "detail": str(err)[:300]}
        return {"outcome": "input_error", "detail": ""}
    except BaseException as err:  # noqa: BLE001 - any other exception is what this test hunts
        signal.alarm(0)
        return {"outcome": "crash", "detail": f"{type(err).__name__}: {str(err)[:300]}"}
    finally:
        signal.alarm(0)
        path.unlink(missing_ok=True)
    problems = clean_export_problems(export)
    if problems:
        return {"outcome": "unclean read", "detail": "; ".join(problems)}
    return {"outcome": "read", "detail": ""}


def _attempt_star(args):
    case, folder = args
    result = attempt(case, folder)
    return {"id": case["id"], "kind": case["kind"], "format": case["format"], "how": case["how"],
            **result}


def run_cases(cases: list[dict], folder: str, processes: int = 4) -> list[dict]:
    ctx = multiprocessing.get_context("fork")
    with ctx.Pool(processes) as pool:
        pending = pool.map_async(_attempt_star, [(c, folder) for c in cases], chunksize=4)
        return pending.get(timeout=CASE_SECONDS * len(cases))


SURVIVORS = {"crash", "hang", "unclean read", "error without file name"}


@pytest.fixture(scope="module")
def fuzz_results(tmp_path_factory):
    cases = build_cases()
    return run_cases(cases, str(tmp_path_factory.mktemp("fuzz")))


def test_fuzz_readers_end_cleanly(fuzz_results):
    survivors = [r for r in fuzz_results if r["outcome"] in SURVIVORS]
    tally = pd.Series([r["outcome"] for r in fuzz_results]).value_counts().to_dict()
    print(f"\nreader fuzz: {len(fuzz_results)} bad inputs tried, {len(survivors)} survived; {tally}")
    assert len(fuzz_results) == N_RANDOM + N_TEXT + N_XLSX + N_XLS + N_SAV + len(targeted_cases())
    assert not survivors, "\n".join(f"case {r['id']} ({r['kind']}, {r['format']}, {r['how']}): "
                                    f"{r['outcome']}: {r['detail']}" for r in survivors[:20])


def test_fuzz_exercises_both_outcomes(fuzz_results):
    """A fuzz run where everything errors (or everything reads) tests little."""
    outcomes = {r["outcome"] for r in fuzz_results}
    assert {"read", "input_error"} <= outcomes


def test_cases_are_the_same_every_run():
    a, b = build_cases(), build_cases()
    assert [(c["format"], c["data"]) for c in a] == [(c["format"], c["data"]) for c in b]
