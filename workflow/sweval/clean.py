"""Clean raw survey exports into one tidy, pseudonymised table, accounting for every raw row.

Input: the readers' ``RawExport`` objects (faithful copies of the files) plus each survey's entry
from the config. Output (all pseudonymised; names, phones, IPs and raw IDs never leave here):

- responses: one row per participant and wave, arm, item codes, flags, source file and row;
- background: the background answers of the baseline survey, one row per participant;
- quality_log: one row per event (file, row, column, original value, action, reason);
- accounting: per source file, rows in = rows kept + rows excluded;
- wave_matching: who of the group (and of the comparison group) is present at which wave.

Two kinds of problems:
- Fatal ones the clean step cannot repair (a column the config names is not in the export, the
  items do not match the codebook, a wave value the config does not know, IDs Excel turned into
  scientific notation, a child on both rosters, a later-wave file whose IDs match nobody, a
  baseline export with a header and no rows) are
  collected over every file and raised together as one InputError: one line per problem with
  file, row, column, value and what was expected, at most 20 lines, then what to do.
- Repairable ones are done and logged, row by row (rules below, stated in the report).

Rules:
- Only mapped columns (ID, items, wave, duration, submission time, background) are read; every
  other column, and with it names, phones, IPs, WeChat nicknames and contact fields, never leaves.
  Identifying columns are named in the log as dropped; their values never are.
- IDs: NFKC (full-width to half-width), spaces removed, upper case; then HMAC pseudonym. The log
  writes '[identifier withheld]' for IDs, and '[answer withheld]' for background answers and any
  identifying column.
- Answers: option texts (English, Chinese, aliases) and codes min..max are kept; platform missing
  markers ((空), (跳过), -2, -3), empty cells and the codebook's missing codes become missing;
  codes outside the scale and unknown texts become missing with a log entry.
- Background answers that are not a configured category, or a number inside the variable's
  configured min..max (e.g. an age of 99), become missing with a log entry.
- Rows with no ID, or with no item answered, are excluded.
- Duplicate submissions (same participant and wave, within or across files): the one with most
  items answered is kept, ties go to the latest submission time, then the later survey of the
  config, then the later row; the others are excluded (an identical copy is said to be one).
- Arms: 'group' (on the group roster, consent recorded), 'comparison' (on the comparison roster)
  or '' (neither; baseline wave only). Later waves keep both arms and exclude everyone else.
  Without a roster every respondent counts as the group.
- Implausibly fast completion and straight-lining are flagged, not removed; a later-wave response
  without a baseline response is flagged.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field

import numpy as np
import pandas as pd

from .codebook import Codebook, normalise_text
from .errors import InputError
from .privacy import describe_id_repair, is_identifying, normalise_id, pseudonym

MISSING_MARKERS = {"(空)", "(跳过)", "（空）", "（跳过）", "-2", "-3", "-1", "(skipped)", "n/a", "na"}
LOG_COLUMNS = ["source_file", "source_row", "participant_id", "wave", "column", "original_value",
               "action", "reason"]
REDACTED = "[identifier withheld]"
WITHHELD = "[answer withheld]"
MAX_PROBLEM_LINES = 20
ARMS = ("group", "comparison")
_EXCEL_SCIENTIFIC = re.compile(r"\d\.\d+E\+\d+")
_UNKNOWN_TEXT = "answer text is not an option of the response scale"


@dataclass
class SurveySpec:
    """One ``surveys:`` entry of the config."""
    name: str
    path: str
    format: str
    wave: str | None = None
    wave_column: str | dict | None = None
    wave_values: dict | None = None
    id_column: str | dict | None = None
    items: dict = field(default_factory=lambda: {"by_item_id": True})
    duration_column: str | dict | None = None
    submitted_column: str | dict | None = None
    sheet: str | int | None = None

    @classmethod
    def from_config(cls, entry: dict) -> "SurveySpec":
        known = {k: entry[k] for k in cls.__dataclass_fields__ if k in entry}
        return cls(**known)


class _Log:
    def __init__(self):
        self.rows: list[dict] = []

    def add(self, file, row, pid, wave, column, value, action, reason):
        self.rows.append(dict(zip(LOG_COLUMNS, [file, row, pid, wave, column, value, action, reason])))

    def frame(self) -> pd.DataFrame:
        """Events ordered by file (first seen), then row (file-level events first)."""
        log = pd.DataFrame(self.rows, columns=LOG_COLUMNS)
        file_order = {f: k for k, f in enumerate(dict.fromkeys(log["source_file"]))}
        log["source_row"] = log["source_row"].astype("Int64")
        key = log["source_file"].map(file_order) * 10**9 + log["source_row"].fillna(0).astype("int64")
        return log.iloc[np.argsort(key.to_numpy(), kind="stable")].reset_index(drop=True)


class Problems:
    """Fatal input problems, collected over every file and raised together as one InputError.

    Hand-rolled rather than pandera: most checks are about the config-to-export mapping and
    across files (rosters, waves), not column dtypes; rows must be named by the file's own row
    numbers (``source_rows``), values from ID or identifying columns must be withheld, and the
    clean step stays free of a 0.5 s import and an extra pinned dependency.
    """

    def __init__(self):
        self.items: list[dict] = []

    def add(self, text: str, *, file=None, row=None, column=None, hint=None) -> None:
        self.items.append({"file": file, "row": row, "column": column, "text": text, "hint": hint})

    def attempt(self, fn, *args):
        """``fn(*args)``, or None with the InputError it raised recorded."""
        try:
            return fn(*args)
        except InputError as err:
            self.add(err.detail, file=err.file, row=err.row, column=err.column, hint=err.hint)
            return None

    def raise_if_any(self) -> None:
        if not self.items:
            return
        if len(self.items) == 1:
            err = InputError(self.items[0]["text"], file=self.items[0]["file"], row=self.items[0]["row"],
                             column=self.items[0]["column"], hint=self.items[0]["hint"])
        else:
            lines = [InputError(p["text"], file=p["file"], row=p["row"], column=p["column"]).args[0]
                     for p in self.items[:MAX_PROBLEM_LINES]]
            more = len(self.items) - MAX_PROBLEM_LINES
            if more > 0:
                lines.append(f"... and {more} more (fix these and run again to see them all)")
            hints = list(dict.fromkeys(p["hint"] for p in self.items if p["hint"]))
            err = InputError(f"{len(self.items)} problems in the input stop the clean step "
                             "(nothing was written):\n" + "\n".join(f"  - {line}" for line in lines) + "\n",
                             hint=" ".join(h[0].upper() + h[1:] for h in hints) or None)
        err.problems = list(self.items)
        raise err


def _shown(value, column: str, *, withhold: bool = False) -> str | None:
    """A raw value as the log and error messages may show it."""
    if value is None:
        return None
    return WITHHELD if withhold or is_identifying(column) else value


# ---------------------------------------------------------------------------------------------
# column mapping

def resolve_column(export, ref, what: str) -> str:
    """The header that ``ref`` names: a header string or {question: N} (Wenjuanxing)."""
    cols = export.columns
    if isinstance(ref, dict):
        q = ref["question"]
        hits = cols[(cols["question"] == q) & (cols["kind"] == "question")]["column"].tolist()
        if len(hits) == 1:
            return hits[0]
        candidates = cols[cols["question"] == q]["column"].tolist() or cols["column"].tolist()[:12]
        raise InputError(f"the {what} is configured as question {q}, but the export has "
                         f"{'no single' if not hits else 'several'} '{q}、...' column. "
                         f"Candidates: {candidates}.", file=export.path,
                         hint=f"set the {what} to one of the column headers in the config.")
    if ref in export.data.columns:
        return ref
    close = [c for c in export.data.columns if normalise_text(ref) in normalise_text(c)]
    raise InputError(f"the {what} '{ref}' is not a column of this export. "
                     f"Candidates: {close or list(export.data.columns)[:12]}.",
                     file=export.path, hint=f"correct the {what} in the config.")


def item_columns(export, spec: SurveySpec, codebook: Codebook) -> dict[str, str]:
    """Codebook item id -> export column, as the config says (never guessed)."""
    mapping = spec.items or {"by_item_id": True}
    if "matrix_question" in mapping:
        q = mapping["matrix_question"]
        cols = export.columns
        subs = cols[(cols["question"] == q) & (cols["kind"] == "matrix_sub")]["column"].tolist()
        if len(subs) != len(codebook.items):
            raise InputError(
                f"matrix question {q} has {len(subs)} sub-item columns but the codebook "
                f"{codebook.instrument} has {len(codebook.items)} items.", file=export.path,
                hint="check items.matrix_question in the config (the question number of the "
                     "scale's matrix) or map the items one by one with items.columns.")
        return dict(zip(codebook.item_ids, subs))
    if "columns" in mapping:
        unknown = [k for k in mapping["columns"] if k not in codebook.item_ids]
        if unknown:
            raise InputError(f"items.columns names {unknown}, which are not items of the "
                             f"codebook {codebook.instrument}.", file=export.path,
                             hint=f"use the codebook's item ids ({codebook.item_ids[0]} ...).")
        missing = [k for k in codebook.item_ids if k not in mapping["columns"]]
        if missing:
            raise InputError(f"items.columns does not map the items {missing}.", file=export.path,
                             hint="map every item of the codebook to a column.")
        return {k: resolve_column(export, v, f"column of item {k}") for k, v in mapping["columns"].items()}
    absent = [i for i in codebook.item_ids if i not in export.data.columns]
    if absent:
        raise InputError(f"the export has no columns named {absent[:5]}{'...' if len(absent) > 5 else ''} "
                         f"(items are expected in columns named by the codebook's item ids).",
                         file=export.path, column=absent[0],
                         hint="rename the columns, or map them with items.columns / "
                              "items.matrix_question in the config.")
    return {i: i for i in codebook.item_ids}


@dataclass
class _Mapping:
    id: str
    items: dict[str, str]
    wave: str | None
    duration: str | None
    submitted: str | None


def _map_export(export, spec: SurveySpec, codebook: Codebook, waves: list[str],
                problems: Problems) -> _Mapping | None:
    """The columns the config names, each one checked; None (problems recorded) if any is wrong."""
    before = len(problems.items)
    id_col = problems.attempt(resolve_column, export, spec.id_column or "participant_id",
                              "participant id column")
    items = problems.attempt(item_columns, export, spec, codebook)
    wave_col = problems.attempt(resolve_column, export, spec.wave_column, "wave column") \
        if spec.wave_column else None
    for raw, wave in (spec.wave_values or {}).items():
        if wave not in waves:
            problems.add(f"wave_values maps '{raw}' to '{wave}', which is not one of the config's waves "
                         f"{waves}.", file=export.path, hint="map each value to one of the config's waves.")
    optional = {}
    for key, default, what in (("duration", "所用时间", "duration column"),
                               ("submitted", "提交答卷时间", "submission time column")):
        ref = getattr(spec, f"{key}_column")
        optional[key] = problems.attempt(resolve_column, export, ref, what) if ref \
            else (default if default in export.data.columns else None)
    if len(problems.items) > before:
        return None
    return _Mapping(id_col, items, wave_col, optional["duration"], optional["submitted"])


# ---------------------------------------------------------------------------------------------
# values

def _classify(value, codebook: Codebook, text_map: dict[str, int]) -> tuple[float, str | None, str | None]:
    """(code or NaN, action, reason) for one distinct raw answer; action None = routine."""
    if value is None or (isinstance(value, float) and np.isnan(value)):
        return np.nan, "set missing", "empty cell (no answer)"
    text = str(value).strip()
    if text == "":
        return np.nan, "set missing", "empty cell (no answer)"
    if text in MISSING_MARKERS or text.lower() in MISSING_MARKERS:
        return np.nan, "set missing", f"platform missing marker {text}"
    norm = normalise_text(text)
    if re.fullmatch(r"[+-]?\d+(\.0+)?", norm):
        code = int(float(norm))
        if code in codebook.missing_codes:
            return np.nan, "set missing", f"missing code {code} of the codebook"
        if codebook.min <= code <= codebook.max:
            return float(code), None, None
        return np.nan, "set missing", f"code {code} outside the scale {codebook.min}-{codebook.max}"
    if norm in text_map:
        return float(text_map[norm]), None, None
    if re.fullmatch(r"[+-]?\d*\.\d+", norm):
        return np.nan, "set missing", f"{text} is not a whole-number code of {codebook.min}-{codebook.max}"
    return np.nan, "set missing", _UNKNOWN_TEXT


def duration_seconds(value) -> float:
    """Wenjuanxing '312秒', '5分12秒', plain seconds '312', or '05:12' / '0:05:12' -> seconds.

    NaN for an empty cell or anything else (the caller logs what it could not read).
    """
    if value is None:
        return np.nan
    text = normalise_text(value)
    clock = re.fullmatch(r"(?:(\d+):)?(\d+):(\d{2})", text)
    if clock:
        h, m, s = (float(g or 0) for g in clock.groups())
        return h * 3600 + m * 60 + s
    m = re.fullmatch(r"(?:(\d+)(?:小时|h))?(?:(\d+)(?:分钟|分|min))?(?:(\d+(?:\.\d+)?)(?:秒|s|sec)?)?", text)
    if not m or not any(m.groups()):
        return np.nan
    return float(m.group(1) or 0) * 3600 + float(m.group(2) or 0) * 60 + float(m.group(3) or 0)


def _wave_of(value, spec: SurveySpec, export_format: str, waves: list[str]) -> str | None:
    """The config wave a wave-column value names: wave_values, the wave itself, or REDCap's
    unique event name '<wave>_arm_<n>'; None if none applies."""
    if value is None:
        return None
    text = str(value).strip()
    if text in (spec.wave_values or {}):
        return spec.wave_values[text]
    if text in waves:
        return text
    arm = re.fullmatch(r"(.+)_arm_\d+", text) if export_format == "redcap" else None
    return arm.group(1) if arm and arm.group(1) in waves else None


# ---------------------------------------------------------------------------------------------
# one export

def _per_distinct(values: pd.Series, func) -> tuple[np.ndarray, list]:
    """``func`` once per distinct value: (row -> position in the results, results).

    A survey of 100,000 children repeats a few dozen answer texts millions of times; each is read
    once. Missing values (None, NaN, ...) are grouped by their type, each type read once.
    """
    raw = values.to_numpy(dtype=object)
    if pd.api.types.infer_dtype(raw, skipna=True).startswith("mixed"):
        # 1, 1.0 and True are equal (one distinct value) but read differently: value by value
        return np.arange(len(raw)), [func(v) for v in raw.tolist()]
    codes, uniques = pd.factorize(raw, use_na_sentinel=True)
    results = [func(u) for u in uniques]
    missing = {}
    for i in np.flatnonzero(codes == -1).tolist():
        kind = type(raw[i])
        if kind not in missing:
            missing[kind] = len(results)
            results.append(func(raw[i]))
        codes[i] = missing[kind]
    return codes, results


def _map_distinct(values: pd.Series, func) -> pd.Series:
    """``values.map(func)``, calling ``func`` once per distinct value."""
    codes, results = _per_distinct(values, func)
    table = np.empty(len(results), dtype=object)
    table[:] = results
    return pd.Series(table[codes], index=values.index, dtype=object).infer_objects()


def _clean_export(export, spec: SurveySpec, cols: _Mapping, codebook: Codebook, key: bytes,
                  waves: list[str], settings: dict, log: _Log, problems: Problems) -> pd.DataFrame:
    """Rows of one export with item codes and flags, before cross-file rules."""
    file = str(spec.path)
    data = export.data
    rows = pd.Series(export.source_rows, index=data.index, dtype="int64")
    log.add(file, None, None, spec.wave, None, None, "read",
            f"{len(data)} data rows, format {export.format}"
            + (f", mode {export.mode}" if export.mode else "")
            + (f", encoding {export.encoding}" if export.encoding else ""))
    used = {cols.id, cols.wave, cols.duration, cols.submitted, *cols.items.values()}
    texts = dict(zip(export.columns["column"], export.columns["text"])) if "text" in export.columns else {}
    for col in data.columns:
        if col not in used and (is_identifying(col) or is_identifying(texts.get(col) or "")):
            log.add(file, None, None, spec.wave, col, None, "dropped column",
                    "identifying column (personal data never leaves the clean step)")

    # IDs
    raw_ids = data[cols.id]
    norm = _map_distinct(raw_ids, normalise_id)
    for i in data.index[norm.str.fullmatch(_EXCEL_SCIENTIFIC)]:
        problems.add("the participant ID is a number in scientific notation (like 1.2E+17): Excel "
                     "shortened a long numeric ID, and the digits lost cannot be recovered.",
                     file=file, row=int(rows[i]), column=cols.id,
                     hint="export the file again with the ID column formatted as text (in Excel: "
                          "Data > From Text/CSV, column type Text), or use the platform's own download.")
    pids = _map_distinct(norm, lambda s: pseudonym(key, s) if s else None)
    changed = (raw_ids.fillna("").astype(str) != norm) & (norm != "")
    for i in data.index[changed]:
        log.add(file, int(rows[i]), pids[i], spec.wave, cols.id, REDACTED, "repaired",
                "participant ID " + describe_id_repair(raw_ids[i], norm[i]))

    # waves
    if cols.wave:
        raw_wave = data[cols.wave]
        wave = _map_distinct(raw_wave, lambda v: _wave_of(v, spec, export.format, waves))
        for i in data.index[wave.isna()]:
            value = _shown(raw_wave[i], cols.wave, withhold=cols.wave == cols.id)
            what = "the wave cell is empty" if value is None else f"the wave value {value!r}"
            problems.add(f"{what}: expected one of the config's waves {waves}.",
                         file=file, row=int(rows[i]), column=cols.wave,
                         hint="correct the value, add the wave to 'waves' in the config, or map the "
                              "export's values to waves with the survey's 'wave_values'.")
    else:
        wave = pd.Series(spec.wave, index=data.index, dtype=object)

    # items: classify each distinct raw value once
    text_map = codebook.text_to_code()
    none_rule = _classify(None, codebook, text_map)
    codes, unknown_cols = {}, []
    for item, col in cols.items.items():
        which, rules = _per_distinct(data[col], lambda v: none_rule if v is None else _classify(v, codebook, text_map))
        codes[item] = pd.Series(np.array([r[0] for r in rules], dtype=float)[which], index=data.index)
        if _mostly_unknown(which, rules):
            unknown_cols.append(col)
        for pos in np.flatnonzero(np.array([r[1] is not None for r in rules], dtype=bool)[which]).tolist():
            i = data.index[pos]
            _, action, reason = rules[which[pos]]
            log.add(file, int(rows[i]), pids[i], wave[i], col, _shown(data.at[i, col], col), action, reason)
    if unknown_cols:
        _unknown_answers_problem(unknown_cols, file, codebook, problems)
    out = pd.DataFrame(codes, index=data.index)
    out.insert(0, "participant_id", pids)
    out.insert(1, "wave", wave)
    out.insert(2, "source_file", file)
    out.insert(3, "source_row", rows)
    out["n_answered"] = out[codebook.item_ids].notna().sum(axis=1)
    out["duration_seconds"] = np.nan
    if cols.duration:
        out["duration_seconds"] = _map_distinct(data[cols.duration], duration_seconds).astype(float)
        unread = out["duration_seconds"].isna() & data[cols.duration].notna()
        for i in data.index[unread]:
            log.add(file, int(rows[i]), pids[i], wave[i], cols.duration, data.at[i, cols.duration],
                    "set missing", "completion time not understood (expected e.g. 312秒, 5分12秒 or 312)")
    out["_submitted"] = pd.to_datetime(data[cols.submitted], errors="coerce", format="mixed") \
        if cols.submitted else pd.NaT
    out["_order"] = np.arange(len(out))

    # row exclusions within the file
    out["_excluded"] = None
    no_id = out["participant_id"].isna()
    out.loc[no_id, "_excluded"] = "no participant ID"
    empty = (out["n_answered"] == 0) & ~no_id
    out.loc[empty, "_excluded"] = "no item answered (wholly empty response)"
    for i in out.index[no_id | empty]:
        log.add(file, int(rows[i]), out.at[i, "participant_id"], wave[i], cols.id if no_id[i] else None,
                None, "excluded", out.at[i, "_excluded"])

    # flags (kept, reported)
    min_dur = settings.get("min_duration_seconds", 60)
    min_straight = settings.get("straightline_min_items", 10)
    out["flag_fast"] = out["duration_seconds"] < min_dur
    answered = out[codebook.item_ids]
    grid = answered.to_numpy(dtype=float)
    lowest = np.where(np.isnan(grid), np.inf, grid).min(axis=1, initial=np.inf)
    highest = np.where(np.isnan(grid), -np.inf, grid).max(axis=1, initial=-np.inf)
    out["flag_straightline"] = (lowest == highest) & (out["n_answered"] >= min_straight)
    out["flag_incomplete"] = (out["n_answered"] < len(codebook.items)) & (out["n_answered"] > 0)
    for flag, reason in [("flag_fast", f"completed in under {min_dur} seconds"),
                         ("flag_straightline", f"the same answer to every item (at least {min_straight} answered)")]:
        for i in out.index[out[flag] & out["_excluded"].isna()]:
            log.add(file, int(rows[i]), out.at[i, "participant_id"], wave[i], None, None, "flagged", reason)
    return out


def _mostly_unknown(which: np.ndarray, rules: list) -> bool:
    """Are most filled answers of an item column (at least 3) texts the codebook does not know?

    ``which`` and ``rules`` as from :func:`_per_distinct` over the column with :func:`_classify`.
    """
    counts = np.bincount(which, minlength=len(rules))
    filled = sum(int(n) for n, r in zip(counts, rules)
                 if not (r[2] or "").startswith(("empty cell", "platform missing marker")))
    unknown = sum(int(n) for n, r in zip(counts, rules) if r[2] == _UNKNOWN_TEXT)
    return filled >= 3 and unknown * 2 > filled


def _unknown_answers_problem(columns: list[str], file, codebook: Codebook, problems: Problems) -> None:
    """Not a few stray texts (those are repaired as missing) but whole columns: the mapping points
    at the wrong columns, or the export words the options differently from the codebook."""
    options = " / ".join(o["zh"] for o in codebook.options)
    shown = ", ".join(f"'{c}'" for c in columns[:3]) + (f" and {len(columns) - 3} more" if len(columns) > 3 else "")
    problems.add(f"most answers in {len(columns)} item column(s) ({shown}) are not options of the "
                 f"codebook's response scale: expected codes {codebook.min}-{codebook.max} or "
                 f"{options} (answers withheld here; open the file to see them).",
                 file=file, column=columns[0],
                 hint="check the item mapping (items.matrix_question / items.columns): it may point at "
                      "the wrong columns; if the export words the options differently, add its wording "
                      "as aliases of the response options in the codebook.")


# ---------------------------------------------------------------------------------------------
# rosters

def roster_members(export, id_column: str, key: bytes, consent_column: str | None,
                   consent_yes: list[str] | None, log: _Log, what: str = "group roster",
                   key_name: str = "roster") -> tuple[set[str], dict]:
    """Pseudonyms of a roster's consenting children (and its accounting row)."""
    file = export.path
    for col, name in ((id_column, "id_column"), (consent_column, "consent_column")):
        if col and col not in export.data.columns:
            raise InputError(f"the {what} has no column '{col}'. Columns: {list(export.data.columns)}.",
                             file=file, column=col, hint=f"set {key_name}.{name} to a column of the {what}.")
    members, kept, excluded = set(), 0, 0
    yes = {normalise_text(v) for v in (consent_yes or [])}
    for i, raw in export.data[id_column].items():
        row = export.source_rows[i]
        norm = normalise_id(raw)
        if not norm:
            log.add(file, row, None, None, id_column, None, "excluded", f"{what} row without an ID")
            excluded += 1
            continue
        pid = pseudonym(key, norm)
        if consent_column:
            consent = export.data.at[i, consent_column]
            if normalise_text(consent or "") not in yes:
                log.add(file, row, pid, None, consent_column, consent, "excluded",
                        f"no recorded consent: not counted as a member of the {what}")
                excluded += 1
                continue
        members.add(pid)
        kept += 1
    leave_out = (f"or remove '{key_name}' from the config (or set it to null) to leave it out"
                 + (": every respondent then counts as a group member." if key_name == "roster" else "."))
    if len(export.data) == 0:
        raise InputError(f"the {what} (config '{key_name}') lists no children.", file=file,
                         hint=f"list the {what}'s children in it, {leave_out}")
    if not members:
        why = (f"none of its {len(export.data)} rows has consent recorded in column '{consent_column}' "
               f"(one of {', '.join(consent_yes or [])})" if consent_column and any(normalise_id(v) for v in
                                                                                    export.data[id_column])
               else f"none of its {len(export.data)} rows has an ID in column '{id_column}'")
        raise InputError(f"the {what} (config '{key_name}') lists no child who can take part: {why}.", file=file,
                         hint=f"check {key_name}.id_column, {key_name}.consent_column and {key_name}.consent_yes "
                              f"against the file, {leave_out}")
    return members, {"source_file": file, "rows_in": len(export.data), "rows_kept": kept,
                     "rows_excluded": excluded}


def _listed(export, id_column: str, key: bytes) -> dict[str, int]:
    """Pseudonym -> roster row of every child a roster lists (consent or not)."""
    if id_column not in export.data.columns:
        return {}
    out = {}
    for i, raw in export.data[id_column].items():
        norm = normalise_id(raw)
        if norm:
            out.setdefault(pseudonym(key, norm), export.source_rows[i])
    return out


def _both_rosters(roster, roster_config, comparison, comparison_config, key, problems: Problems) -> None:
    group = _listed(roster, roster_config["id_column"], key)
    other = _listed(comparison, comparison_config["id_column"], key)
    for pid in sorted(set(group) & set(other), key=lambda p: group[p]):
        problems.add(f"this child is also listed in row {other[pid]} of the comparison roster "
                     f"{comparison.path}: a child belongs to one arm only (ID withheld).",
                     file=roster.path, row=group[pid], column=roster_config["id_column"],
                     hint=f"remove the child from one of {roster.path} and {comparison.path}.")


# ---------------------------------------------------------------------------------------------
# the whole clean step

def clean_surveys(exports: list, specs: list[SurveySpec], codebook: Codebook, key: bytes, *,
                  waves: list[str], baseline_wave: str, settings: dict | None = None,
                  roster=None, roster_config: dict | None = None,
                  comparison_roster=None, comparison_config: dict | None = None,
                  background: dict | None = None) -> dict[str, pd.DataFrame]:
    """Clean every export; see the module docstring for the rules. Returns a dict of tables.

    Raises one InputError listing every fatal problem of every file (see :class:`Problems`).
    """
    settings = settings or {}
    log = _Log()
    problems = Problems()
    if comparison_roster is not None and roster is None:
        problems.add("a comparison roster is given but no group roster: the arms cannot be told apart.",
                     file=comparison_roster.path, hint="add 'roster' (the group) to the config.")
    mappings = [_map_export(e, s, codebook, waves, problems) for e, s in zip(exports, specs)]
    for export, spec in zip(exports, specs):
        if len(export.data) == 0 and (spec.wave or baseline_wave) == baseline_wave:
            # a later wave may not have been answered yet; the baseline must have been
            problems.add(f"the export has a header and no rows, but it holds the {baseline_wave} wave "
                         f"(baseline_wave), which every later step needs.", file=str(spec.path),
                         hint="export the file again once the answers are in, or point the survey's path "
                              "at the filled-in export.")
    if background:
        _check_background(exports, specs, background, problems)
    problems.raise_if_any()

    members, comparison = None, None
    accounting = []
    frames = []
    for k, (export, spec, cols) in enumerate(zip(exports, specs, mappings)):
        frame = _clean_export(export, spec, cols, codebook, key, waves, settings, log, problems)
        frame["_survey"] = spec.name
        frame["_file_order"] = k
        frames.append(frame)
        accounting.append({"source_file": str(spec.path), "rows_in": len(export.data)})
    if roster is not None:
        members, acc = problems.attempt(roster_members, roster, roster_config["id_column"], key,
                                        roster_config.get("consent_column"),
                                        roster_config.get("consent_yes"), log) or (None, None)
        accounting.append(acc)
    if comparison_roster is not None:
        comparison, acc = problems.attempt(
            roster_members, comparison_roster, comparison_config["id_column"], key,
            comparison_config.get("consent_column"), comparison_config.get("consent_yes"), log,
            "comparison roster", "comparison_roster") or (None, None)
        accounting.append(acc)
        if roster is not None:
            _both_rosters(roster, roster_config, comparison_roster, comparison_config, key, problems)
    problems.raise_if_any()
    rows = pd.concat(frames, ignore_index=True)
    _unmatched_files(rows, specs, baseline_wave, members, comparison, problems)
    problems.raise_if_any()

    _dedupe(rows, codebook, log)
    rows["arm"] = _arms(rows["participant_id"], members, comparison)
    outside = rows["_excluded"].isna() & (rows["wave"] != baseline_wave) & (rows["arm"] == "")
    reason = ("in neither the group roster nor the comparison roster" if comparison is not None
              else "not in the group roster")
    for i in rows.index[outside]:
        why = f"{reason}: wave {rows.at[i, 'wave']} is for " + \
              ("the two arms only" if comparison is not None else "group members only")
        rows.at[i, "_excluded"] = why
        log.add(rows.at[i, "source_file"], int(rows.at[i, "source_row"]), rows.at[i, "participant_id"],
                rows.at[i, "wave"], None, None, "excluded", why)

    kept = rows[rows["_excluded"].isna()].copy()
    kept["in_group"] = kept["arm"] == "group"
    for entry in accounting:
        if "rows_kept" in entry:
            continue
        sel = rows["source_file"] == entry["source_file"]
        entry["rows_kept"] = int((sel & rows["_excluded"].isna()).sum())
        entry["rows_excluded"] = int((sel & rows["_excluded"].notna()).sum())
    acc = pd.DataFrame(accounting, columns=["source_file", "rows_in", "rows_kept", "rows_excluded"])
    acc["balanced"] = acc["rows_in"] == acc["rows_kept"] + acc["rows_excluded"]

    wave_order = {w: k for k, w in enumerate(waves)}
    kept["_w"] = kept["wave"].map(wave_order)
    kept = kept.sort_values(["_w", "participant_id"], kind="stable")
    matching = _wave_matching(kept, waves, baseline_wave, members, comparison, log)
    bg = _background(kept, exports, specs, background, log) if background else None
    responses = kept[["participant_id", "wave", "arm", "in_group", "source_file", "source_row", "n_answered",
                      "duration_seconds", "flag_fast", "flag_straightline", "flag_incomplete",
                      *codebook.item_ids]].reset_index(drop=True)
    result = {"responses": responses, "quality_log": log.frame(), "accounting": acc,
              "wave_matching": matching}
    if bg is not None:
        result["background"] = bg
    return result


def _arms(pids: pd.Series, members: set | None, comparison: set | None) -> pd.Series:
    """'group', 'comparison' or '' per row; without a roster everyone is the group."""
    if members is None:
        return pd.Series("group", index=pids.index, dtype=object)
    arm = pd.Series("", index=pids.index, dtype=object)
    arm[pids.isin(members)] = "group"
    if comparison is not None:
        arm[pids.isin(comparison)] = "comparison"
    return arm


def _unmatched_files(rows, specs, baseline_wave, members, comparison, problems: Problems) -> None:
    """A later-wave file whose IDs match nobody (no roster member, or no baseline respondent
    without a roster) almost always has the wrong ID column or ID scheme: stop, not exclude all."""
    if members is not None:
        known, against = members | (comparison or set()), "the roster" + (
            "s" if comparison is not None else "")
    else:
        known = set(rows.loc[rows["wave"] == baseline_wave, "participant_id"].dropna())
        against = f"the {baseline_wave} wave"
    for k, spec in enumerate(specs):
        mine = rows[(rows["_file_order"] == k) & rows["participant_id"].notna() & (rows["wave"] != baseline_wave)]
        if len(mine) >= 2 and not mine["participant_id"].isin(known).any():
            id_col = spec.id_column if isinstance(spec.id_column, str) else None
            problems.add(f"none of the {len(mine)} participant IDs of this later-wave export matches "
                         f"{against}.", file=str(spec.path), column=id_col,
                         hint="check the survey's id_column (is it the same ID the children gave at "
                              "baseline and that the roster lists?) and that the same pseudonym key "
                              "is used for every wave.")


def _dedupe(rows: pd.DataFrame, codebook: Codebook, log: _Log) -> None:
    """Mark duplicate submissions (same participant and wave) excluded, in place."""
    live = rows["_excluded"].isna()
    ranked = rows[live].sort_values(
        ["participant_id", "wave", "n_answered", "_submitted", "_file_order", "_order"],
        ascending=[True, True, False, False, False, False], na_position="last", kind="stable")
    dup = ranked.duplicated(["participant_id", "wave"], keep="first")
    keep_of = ranked[~dup].set_index(["participant_id", "wave"])
    items = codebook.item_ids
    for i in ranked.index[dup]:
        r = rows.loc[i]
        k = keep_of.loc[(r["participant_id"], r["wave"])]
        same = r[items].astype(float).fillna(-999).to_numpy().tolist() == \
            k[items].astype(float).fillna(-999).to_numpy().tolist()
        where = f"row {int(k['source_row'])} of {k['source_file']}"
        reason = (f"the same answers as {where} (the same submission exported twice, e.g. in text "
                  f"and in number mode): kept that one" if same else
                  f"duplicate submission for this participant and wave; kept {where} "
                  f"(rule: most items answered, then latest submission, then later file and row)")
        rows.at[i, "_excluded"] = reason
        log.add(r["source_file"], int(r["source_row"]), r["participant_id"], r["wave"], None, None,
                "excluded", reason)


def _wave_matching(kept: pd.DataFrame, waves, baseline_wave, members, comparison, log: _Log) -> pd.DataFrame:
    """Who is present at which wave: every roster member of both arms (everyone without a roster)."""
    if members is not None:
        people = [(p, "group") for p in sorted(members)] + \
                 [(p, "comparison") for p in sorted(comparison or set())]
    else:
        people = [(p, "group") for p in sorted(set(kept["participant_id"]))]
    table = pd.DataFrame(people, columns=["participant_id", "arm"])
    table.insert(1, "in_group", table["arm"] == "group")
    for w in waves:
        table[w] = table["participant_id"].isin(set(kept.loc[kept["wave"] == w, "participant_id"])).astype(bool)
    table["n_waves"] = table[waves].sum(axis=1)
    table["missing_waves"] = [" ".join(w for w, here in zip(waves, row) if not here)
                              for row in zip(*(table[w].tolist() for w in waves))]
    later = kept[(kept["wave"] != baseline_wave)]
    no_base = later[~later["participant_id"].isin(kept.loc[kept["wave"] == baseline_wave, "participant_id"])]
    for _, r in no_base.iterrows():
        log.add(r["source_file"], int(r["source_row"]), r["participant_id"], r["wave"], None, None,
                "flagged", f"no {baseline_wave} response matches this participant")
    return table


def _check_background(exports, specs, background: dict, problems: Problems) -> None:
    by_name = {s.name: e for e, s in zip(exports, specs)}
    if background["survey"] not in by_name:
        problems.add(f"background.survey is '{background['survey']}', which is not the name of a "
                     f"survey in the config ({list(by_name)}).", hint="use one of those names.")
        return
    export = by_name[background["survey"]]
    for var in background["variables"]:
        problems.attempt(resolve_column, export, var["column"], f"column of background variable {var['id']}")


def _background(kept, exports, specs, background: dict, log: _Log) -> pd.DataFrame:
    """Background answers from the baseline survey, recoded to the configured categories.

    Answers that are not a category (or not a number) become missing; the log names the row and
    column but withholds the answer, which may be free text about the child.
    """
    by_name = {s.name: (e, s) for e, s in zip(exports, specs)}
    export, spec = by_name[background["survey"]]
    rows = kept[kept["_survey"] == spec.name]
    table = pd.DataFrame({"participant_id": rows["participant_id"].to_numpy()})
    pos = {r: k for k, r in enumerate(export.source_rows)}  # source row -> the export's own row position
    idx = [pos[int(r)] for r in rows["source_row"]]
    for var in background["variables"]:
        col = resolve_column(export, var["column"], f"column of background variable {var['id']}")
        raw = export.data[col].iloc[idx].reset_index(drop=True)
        why = f"not a value of background variable {var['id']}"
        if var["type"] == "numeric":
            values = raw.map(lambda v: normalise_text(v).rstrip("岁") if v is not None else None)
            num = pd.to_numeric(values, errors="coerce")
            bad = num.isna() & raw.notna()
            lo, hi = var.get("min", -np.inf), var.get("max", np.inf)
            outside = num.notna() & ~num.between(lo, hi)
            if outside.any():
                why = np.where(outside, f"outside the range {lo:g}-{hi:g} of background variable {var['id']} "
                                        f"(background.variables min/max in the config)", why)
                bad |= outside
                num = num.where(~outside)
        else:
            cats = {normalise_text(c): c for c in var.get("categories", [])}
            if cats:
                num = raw.map(lambda v: cats.get(normalise_text(v)) if v is not None else None)
                bad = num.isna() & raw.notna()
            else:
                num, bad = raw, pd.Series(False, index=raw.index)
        for k in raw.index[bad]:
            r = rows.iloc[k]
            log.add(r["source_file"], int(r["source_row"]), r["participant_id"], r["wave"], col,
                    _shown(raw[k], col, withhold=True), "set missing", why if isinstance(why, str) else why[k])
        table[var["id"]] = num.to_numpy()
    return table


def group_members(wave_matching: pd.DataFrame) -> pd.Series:
    """Participant ids of the intervention group (not the comparison arm) from wave_matching.csv."""
    if "arm" in wave_matching.columns:
        return wave_matching.loc[wave_matching["arm"] == "group", "participant_id"]
    return wave_matching.loc[wave_matching["in_group"].astype(bool), "participant_id"]


def members_only(frame: pd.DataFrame, members: pd.Series) -> pd.DataFrame:
    """The rows of ``frame`` whose participant_id is among ``members`` (the frame itself when all
    are: a survey without a roster, where a copy of millions of rows would only cost memory)."""
    keep = frame["participant_id"].isin(members)
    return frame if keep.all() else frame[keep]
