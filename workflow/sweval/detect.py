"""What a survey export holds, for ``sweval init``: format and encoding, the participant-ID
column, the matrix (Likert) questions with their response options, and which shipped codebook,
if any, has the matrix's rows as its items.

Everything is read with sweval's own readers (``sweval.readers``), so what ``init`` finds is what
the clean step will read. Nothing here writes files; :mod:`sweval.init` turns a detection into a
study project. Detection proposes, the researcher checks: where a guess cannot be verified from
the file (the order of answer texts that no known ladder covers, the response range, reverse keys,
the desirable direction) the codebook draft marks it ``TO CHECK``.
"""
from __future__ import annotations

import difflib
import re
import unicodedata
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

from .codebook import Codebook, load_codebook, normalise_text
from .errors import ConfigError, InputError
from .privacy import is_identifying
from .readers import WJX_MISSING_MARKERS, RawExport, read_export
from .readers.grid import EXCEL_EXTENSIONS, TEXT_EXTENSIONS
from .readers.wjx import classify as wjx_classify

SPSS_EXTENSIONS = (".sav", ".zsav")
EXTENSIONS = TEXT_EXTENSIONS + EXCEL_EXTENSIONS + SPSS_EXTENSIONS
FORMAT_WORDS = {"wjx": "Wenjuanxing download", "qualtrics": "Qualtrics export", "csv": "plain CSV table",
                "xlsx": "plain Excel table", "spss": "SPSS data file"}
MODE_WORDS = {"text": "by option text (按选项文本)", "number": "by option number (按选项序号)"}
# answers that mean "no answer" on the platforms (the clean step's list, sweval.clean.MISSING_MARKERS)
MISSING = {*WJX_MISSING_MARKERS, "(空)", "(跳过)", "-1", "(skipped)", "n/a", "na"}
ID_WORDS = re.compile(r"编号|学号|代码|代号|号码牌|受试|被试|\bids?\b|participant|respondent|subject|identifier|"
                      r"\bcode\b|record_?id|pid", re.IGNORECASE)
_INTEGER = re.compile(r"^[+-]?\d+(\.0+)?$")
_CJK = re.compile(r"[\u3400-\u9fff]")
MIN_MATRIX_ITEMS = 3
MAX_OPTIONS = 11
ITEM_MATCH = 0.8       # similarity above which a matrix row is taken to be a codebook item


@dataclass
class Matrix:
    """One matrix (Likert) question: a row statement per column."""
    question: int | None          # the platform's question number (Wenjuanxing, Qualtrics), else None
    columns: list[str]            # the export's columns, one per row statement, in file order
    texts: list[str]              # the row statements as the export words them
    answers: Counter = field(default_factory=Counter)   # answers as written, missing markers left out

    @property
    def codes(self) -> set[int]:
        return {int(float(a)) for a in self.answers if _INTEGER.match(a)}

    @property
    def labels(self) -> list[str]:
        return [a for a in self.answers if not _INTEGER.match(a)]


@dataclass
class Detected:
    """One export as ``init`` reads it."""
    path: str
    format: str
    mode: str | None
    encoding: str | None
    rows: int
    id_column: str
    id_ref: str | dict            # as the config names it: a header, or {question: N} (Wenjuanxing)
    matrices: list[Matrix]
    value_labels: dict | None = None

    def describe(self) -> str:
        what = FORMAT_WORDS.get(self.format, self.format)
        parts = [what]
        if self.mode:
            parts.append(MODE_WORDS[self.mode])
        if self.encoding:
            parts.append(f"encoding {self.encoding}")
        parts.append(f"{self.rows} rows")
        return ", ".join(parts)


@dataclass
class Options:
    """The response scale as far as the exports tell it."""
    min: int
    max: int
    options: list[tuple[int, str]]   # (code, label)
    order_known: bool                # labels ordered by a known ladder (or labelled codes)
    labelled: bool                   # the labels come from the exports, not placeholders
    note: str = ""


@dataclass
class InstrumentMatch:
    name: str                 # as the config's 'instrument' names it
    path: Path
    codebook: Codebook
    columns: list[int]        # per codebook item, the position of its column in the matrix
    score: float

    @property
    def in_order(self) -> bool:
        return self.columns == list(range(len(self.columns)))


# ---------------------------------------------------------------------------------------------
# format

def read_any(path: str | Path) -> RawExport:
    """Read an export of unknown platform: SPSS by extension; a text or Excel table is a
    Wenjuanxing download when its headers follow Wenjuanxing's numbering ('1、题目', '4(子题)'), a
    Qualtrics export when its third row holds ImportIds, else a plain table."""
    path = Path(path)
    ext = path.suffix.lower()
    if ext in SPSS_EXTENSIONS:
        return read_export(path, "spss")
    if ext not in TEXT_EXTENSIONS + EXCEL_EXTENSIONS:
        raise InputError(f"sweval init reads exports ending in {', '.join(EXTENSIONS)}, not '{ext or '(nothing)'}'.",
                         file=str(path), hint="download the survey's answers as Excel (.xlsx) or CSV.")
    plain = read_export(path, "csv" if ext in TEXT_EXTENSIONS else "xlsx")
    kinds = [wjx_classify(h)["kind"] for h in plain.data.columns]
    answer = sum(k in ("question", "matrix_sub", "multi_option") for k in kinds)
    if answer and answer * 2 >= len(kinds) - kinds.count("meta"):
        return read_export(path, "wjx")
    second = plain.data.iloc[1].tolist() if len(plain.data) >= 2 else []
    if any(isinstance(v, str) and v.lstrip().startswith('{"ImportId"') for v in second):
        return read_export(path, "qualtrics")
    return plain


# ---------------------------------------------------------------------------------------------
# participant ID

def _answers(values) -> list[str]:
    return [v.strip() for v in values if isinstance(v, str) and v.strip() and v.strip() not in MISSING]


def find_id(export: RawExport, matrices: list[Matrix], forced: str | None = None) -> tuple[str, str | dict]:
    """(header, config reference) of the participant-ID column.

    A column whose header (or question text) names an ID (编号, 学号, ID, code, ...), filled in
    most rows and unique in most; never a metadata column (Wenjuanxing's 序号 is a row number),
    a matrix row or an identifying column (name, phone). ``forced``: a header, or a Wenjuanxing
    question number.
    """
    columns = export.columns
    texts = dict(zip(columns["column"], columns["text"]))
    questions = dict(zip(columns["column"], columns["question"]))
    kinds = dict(zip(columns["column"], columns["kind"]))
    if forced is not None:
        header = forced if forced in export.data.columns else None
        if header is None and forced.isdigit():
            hits = [c for c in export.data.columns if questions.get(c) == int(forced) and kinds[c] == "question"]
            header = hits[0] if len(hits) == 1 else None
        if header is None:
            raise InputError(f"the participant-ID column '{forced}' (--id-column) is not a column of this export.",
                             file=export.path, hint="give the ID column's header as written in the first row "
                             f"(e.g. '{export.data.columns[0]}'), or a Wenjuanxing question number.")
        return header, _reference(export, header, questions, kinds)
    in_matrix = {c for m in matrices for c in m.columns}
    best, best_score = None, 0.0
    for col in export.data.columns:
        text = texts.get(col) or col
        if kinds[col] == "meta" or col in in_matrix or is_identifying(col) or is_identifying(text):
            continue
        if not ID_WORDS.search(text) and not ID_WORDS.search(col):
            continue
        values = _answers(export.data[col])
        if not values or len(values) * 2 < len(export.data):
            continue
        unique = len({normalise_text(v) for v in values}) / len(values)
        score = unique + len(values) / len(export.data)
        if unique >= 0.5 and score > best_score:
            best, best_score = col, score
    if best is None:
        shown = ", ".join(f"'{c}'" for c in list(export.data.columns)[:10])
        raise InputError("no column looks like the participant ID (a header naming 编号, 学号, ID or code, filled "
                         f"in and different in most rows); the columns begin {shown}.", file=export.path,
                         hint="give it with --id-column HEADER (or the Wenjuanxing question number); the "
                              "children's IDs must be the same in every wave.")
    return best, _reference(export, best, questions, kinds)


def _reference(export: RawExport, header: str, questions: dict, kinds: dict) -> str | dict:
    q = questions.get(header)
    if export.format == "wjx" and kinds.get(header) == "question" and q is not None:
        return {"question": int(q)}
    return header


# ---------------------------------------------------------------------------------------------
# matrices

def find_matrices(export: RawExport) -> list[Matrix]:
    """The matrix questions, in file order.

    Platforms that number their matrix rows (Wenjuanxing '4(子题)', Qualtrics QID4_1) give them
    directly. Otherwise (a plain table, or a scale asked as one single-choice question per item)
    a matrix is a run of at least three neighbouring question columns answered from one small set
    of options: the same few texts, or whole numbers spanning at most ``MAX_OPTIONS`` values.
    Metadata and multi-select option columns end a run.
    """
    cols = export.columns
    matrices: list[Matrix] = []
    by_question: dict[int, Matrix] = {}
    run: list[tuple[str, str, set]] = []

    def flush():
        if len(run) >= MIN_MATRIX_ITEMS:
            matrices.append(Matrix(question=None, columns=[c for c, _, _ in run],
                                   texts=[texts.get(c) or c for c, _, _ in run]))
        run.clear()

    texts = dict(zip(cols["column"], cols["text"]))
    for col, kind, q in zip(cols["column"], cols["kind"], cols["question"]):
        if kind == "matrix_sub":
            flush()
            m = by_question.get(int(q))
            if m is None:
                m = by_question[int(q)] = Matrix(question=int(q), columns=[], texts=[])
                matrices.append(m)
            m.columns.append(col)
            m.texts.append(texts.get(col) or col)
            continue
        sig = _signature(export.data[col]) if kind in ("question", "other") else None
        if run and sig and _joins(run, sig):
            run.append((col, *sig))
            continue
        flush()
        if sig:
            run.append((col, *sig))
    flush()
    matrices = [m for m in matrices if len(m.columns) >= 2]
    for m in matrices:
        for col in m.columns:
            m.answers.update(_answers(export.data[col]))
    return matrices


def _signature(values) -> tuple[str, set] | None:
    answers = _answers(values)
    if not answers:
        return None
    distinct = set(answers)
    if all(_INTEGER.match(a) for a in distinct):
        codes = {int(float(a)) for a in distinct}
        if max(codes) - min(codes) < MAX_OPTIONS:
            return "number", codes
        return None
    if len(distinct) <= 7 and all(len(a) <= 30 for a in distinct):
        return "text", distinct
    return None


def _joins(run, sig) -> bool:
    kind, values = sig
    if kind != run[0][1]:
        return False
    union = set().union(*(v for _, _, v in run))
    shared = len(values & union) * 2 >= len(values)
    if kind == "number":
        both = union | values
        return shared and max(both) - min(both) < MAX_OPTIONS
    return shared and len(union | values) <= 7


def same_matrix(a: Matrix, b: Matrix) -> float:
    """How alike two matrices' row statements are (0-1), for finding a scale in every wave."""
    if len(a.texts) != len(b.texts):
        return 0.0
    return sum(similarity(x, y) for x, y in zip(a.texts, b.texts)) / len(a.texts)


# ---------------------------------------------------------------------------------------------
# response options

# Common answer ladders, lowest first; each level lists wordings of one step. A set of answer
# texts whose every text sits on a different step of one ladder is ordered by it.
LADDERS = [
    [["完全不符合", "非常不符合", "很不符合"], ["不太符合", "比较不符合", "不符合", "有点不符合"],
     ["一般", "不确定", "说不清", "有些符合", "有点符合", "中立"], ["比较符合", "符合", "基本符合"],
     ["完全符合", "非常符合"]],
    [["非常不同意", "完全不同意", "强烈反对", "很不同意"], ["不同意", "比较不同意", "不太同意"],
     ["一般", "不确定", "中立", "说不清"], ["同意", "比较同意"], ["非常同意", "完全同意", "强烈同意"]],
    [["从不", "从来没有", "从来不", "没有"], ["很少", "偶尔"], ["有时", "有时候"], ["经常", "常常"],
     ["总是", "一直", "每次都"]],
    [["完全不正确", "完全不对"], ["有点正确", "不太正确", "尚算正确"], ["多数正确", "比较正确"], ["完全正确"]],
    [["没有时候", "从来没有"], ["很少时候", "很少的时候"], ["有些时候", "有时候"], ["很多时候"],
     ["大部分时候", "大多数时候"], ["所有时候", "一直"]],
    [["strongly disagree"], ["disagree", "somewhat disagree"],
     ["neutral", "neither agree nor disagree", "undecided", "not sure"], ["agree", "somewhat agree"],
     ["strongly agree"]],
    [["never"], ["rarely", "seldom", "almost never"], ["sometimes", "occasionally"],
     ["often", "usually", "fairly often"], ["always", "very often", "almost always"]],
    [["not at all true", "not true at all"], ["hardly true", "barely true", "a little true"],
     ["moderately true", "somewhat true"], ["exactly true", "very true", "completely true"]],
    [["none of the time"], ["a little of the time"], ["some of the time"], ["a lot of the time"],
     ["most of the time"], ["all of the time"]],
    [["not at all"], ["a little"], ["somewhat", "moderately"], ["quite a bit"], ["a lot", "very much", "extremely"]],
]


def order_labels(labels: list[str]) -> tuple[list[str], bool]:
    """Answer texts from lowest to highest, and whether a known ladder gave that order (else the
    texts stay in the order first seen, and the draft marks the order TO CHECK)."""
    for ladder in LADDERS:
        step = {normalise_text(w): k for k, words in enumerate(ladder) for w in words}
        levels = [step.get(normalise_text(label)) for label in labels]
        if None not in levels and len(set(levels)) == len(levels):
            return [label for _, label in sorted(zip(levels, labels))], True
    return list(labels), False


def response_options(matrices: list[Matrix], value_labels: list[dict] | None = None) -> Options:
    """The response scale over one scale's matrices in every export: the answer texts of
    text-mode exports (ordered by a known ladder where one fits, numbered from 1), checked against
    the codes of number-mode exports; codes only (number mode, no labels) give placeholders."""
    labels = list(dict.fromkeys(label for m in matrices for label in m.labels))
    codes = sorted(set().union(*(m.codes for m in matrices))) if matrices else []
    if labels:
        ordered, known = order_labels(labels)
        options = [(k + 1, label) for k, label in enumerate(ordered)]
        note = ""
        if codes and not (codes[0] >= 1 and codes[-1] <= len(ordered)):
            note = (f"the exports by option number hold the codes {codes[0]}-{codes[-1]}, but the exports by option "
                    f"text have {len(ordered)} answers numbered 1-{len(ordered)} here: match each code to its answer")
        return Options(min=1, max=len(ordered), options=options, order_known=known, labelled=True, note=note)
    if not codes:
        raise InputError("the matrix question has no answers to tell its response options by (every cell is "
                         "empty).", hint="run sweval init on exports that hold answers.")
    named = {}
    for mapping in value_labels or []:
        for code, text in (mapping or {}).items():
            if _INTEGER.match(str(code)):
                named.setdefault(int(float(code)), str(text))
    if named:
        low, high = min(min(named), codes[0]), max(max(named), codes[-1])
        options = [(c, named.get(c, str(c))) for c in range(low, high + 1)]
        return Options(min=low, max=high, options=options, order_known=True, labelled=all(c in named for c in
                       range(low, high + 1)))
    low, high = codes[0], codes[-1]
    return Options(min=low, max=high, options=[(c, str(c)) for c in range(low, high + 1)], order_known=True,
                   labelled=False, note=f"the exports hold only the codes {low}-{high}, not the answers' wording")


# ---------------------------------------------------------------------------------------------
# shipped (or given) codebooks

_NUMBERING = re.compile(r"^\s*[\(（]?\d+[\)）.、．:：]?\s*")


def _plain(text: str) -> str:
    """Normalised for comparison: numbering, punctuation and spaces dropped, width and case folded."""
    text = _NUMBERING.sub("", unicodedata.normalize("NFKC", str(text)))
    return "".join(ch for ch in normalise_text(text) if not unicodedata.category(ch).startswith(("P", "S")))


def similarity(a: str, b: str) -> float:
    """1 for the same text (numbering, punctuation, spaces, width and case aside); 0.9 when one
    holds the other (at least 4 characters); else difflib's ratio."""
    x, y = _plain(a), _plain(b)
    if not x or not y:
        return 0.0
    if x == y:
        return 1.0
    if min(len(x), len(y)) >= 4 and (x in y or y in x):
        return 0.9
    return difflib.SequenceMatcher(None, x, y).ratio()


def match_codebook(texts: list[str], codebook: Codebook) -> tuple[list[int], float] | None:
    """Per codebook item, the matrix row it is (by its Chinese or English text); None unless
    every item has its own row at similarity >= ITEM_MATCH and the counts agree."""
    if len(texts) != len(codebook.items):
        return None
    scores = [[max(similarity(t, item.zh), similarity(t, item.en)) for t in texts] for item in codebook.items]
    in_order = [scores[k][k] for k in range(len(texts))]
    if min(in_order) >= ITEM_MATCH:
        return list(range(len(texts))), sum(in_order) / len(texts)
    taken: set[int] = set()
    chosen = []
    for row in scores:
        best = max((s, j) for j, s in enumerate(row) if j not in taken) if len(taken) < len(texts) else (0, -1)
        if best[0] < ITEM_MATCH:
            return None
        taken.add(best[1])
        chosen.append(best[1])
    return chosen, sum(scores[k][j] for k, j in enumerate(chosen)) / len(texts)


def find_instrument(texts: list[str], candidates: dict[str, Path]) -> InstrumentMatch | None:
    """The candidate codebook whose items are these matrix rows (best match), or None.
    ``candidates``: config name -> codebook file (shipped codebooks by name)."""
    best = None
    for name, path in sorted(candidates.items()):
        try:
            codebook = load_codebook(path)
        except ConfigError:
            continue
        found = match_codebook(texts, codebook)
        if found and (best is None or found[1] > best.score):
            best = InstrumentMatch(name=name, path=Path(path), codebook=codebook, columns=found[0], score=found[1])
    return best


def has_cjk(texts) -> bool:
    return any(_CJK.search(str(t)) for t in texts)
