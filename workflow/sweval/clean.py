"""Clean raw survey exports into one tidy, pseudonymised table, accounting for every raw row.

Input: the readers' ``RawExport`` objects (faithful copies of the files) plus each survey's entry
from the config. Output (all pseudonymised; names, phones, IPs and raw IDs never leave here):

- responses: one row per participant and wave, item codes, flags, source file and row;
- background: the background answers of the baseline survey, one row per participant;
- quality_log: one row per event (file, row, column, original value, action, reason);
- accounting: per source file, rows in = rows kept + rows excluded;
- wave_matching: who is present at which wave.

Rules (stated in the report):
- IDs: NFKC (full-width to half-width), spaces removed, upper case; then HMAC pseudonym.
- Answers: option texts (English, Chinese, aliases) and codes min..max are kept; platform missing
  markers, empty cells and the codebook's missing codes become missing; codes outside the scale
  and unknown texts become missing with a log entry.
- Rows with no ID, or with no item answered, are excluded.
- Duplicate submissions (same participant and wave): the one with most items answered is kept,
  ties go to the latest submission time, then the later row; the others are excluded.
- Later waves: respondents absent from the group roster are excluded.
- Implausibly fast completion and straight-lining are flagged, not removed.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path

import numpy as np
import pandas as pd

from .codebook import Codebook, normalise_text
from .errors import InputError
from .privacy import describe_id_repair, is_identifying, normalise_id, pseudonym

MISSING_MARKERS = {"(空)", "(跳过)", "（空）", "（跳过）", "-2", "-3", "-1", "(skipped)", "n/a", "na"}
LOG_COLUMNS = ["source_file", "source_row", "participant_id", "wave", "column", "original_value",
               "action", "reason"]
REDACTED = "[identifier withheld]"


@dataclass
class SurveySpec:
    """One ``surveys:`` entry of the config."""
    name: str
    path: str
    format: str
    wave: str | None = None
    wave_column: str | None = None
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
    return np.nan, "set missing", "answer text is not an option of the response scale"


def _duration_seconds(series: pd.Series) -> pd.Series:
    """Wenjuanxing '312秒' (or plain seconds, or '5分12秒') -> seconds."""
    def parse(v):
        if v is None:
            return np.nan
        text = normalise_text(v)
        m = re.fullmatch(r"(?:(\d+)(?:分|分钟|min))?(?:(\d+(?:\.\d+)?)(?:秒|s|sec)?)?", text)
        if not m or (m.group(1) is None and m.group(2) is None):
            return np.nan
        return float(m.group(1) or 0) * 60 + float(m.group(2) or 0)
    return series.map(parse).astype(float)


# ---------------------------------------------------------------------------------------------
# one export

def _clean_export(export, spec: SurveySpec, codebook: Codebook, key: bytes, waves: list[str],
                  settings: dict, log: _Log) -> tuple[pd.DataFrame, dict]:
    """Rows of one export with item codes and flags, before cross-file rules."""
    file = str(spec.path)
    data = export.data
    rows = pd.Series(export.source_rows, index=data.index, dtype="int64")
    log.add(file, None, None, spec.wave, None, None, "read",
            f"{len(data)} data rows, format {export.format}"
            + (f", mode {export.mode}" if export.mode else "")
            + (f", encoding {export.encoding}" if export.encoding else ""))
    id_col = resolve_column(export, spec.id_column, "participant id column") if spec.id_column \
        else resolve_column(export, "participant_id", "participant id column")
    items = item_columns(export, spec, codebook)
    used = {id_col, *items.values()}
    for col in data.columns:
        if col not in used and is_identifying(col):
            log.add(file, None, None, spec.wave, col, None, "dropped column",
                    "identifying column (personal data never leaves the clean step)")

    # IDs
    raw_ids = data[id_col]
    norm = raw_ids.map(normalise_id)
    pids = norm.map(lambda s: pseudonym(key, s) if s else None)
    changed = (raw_ids.fillna("").astype(str) != norm) & (norm != "")
    for i in data.index[changed]:
        log.add(file, int(rows[i]), pids[i], spec.wave, id_col, REDACTED, "repaired",
                "participant ID " + describe_id_repair(raw_ids[i], norm[i]))

    # waves
    if spec.wave_column:
        wcol = resolve_column(export, spec.wave_column, "wave column")
        wave = data[wcol].map(lambda v: None if v is None else str(v).strip())
        bad = wave.notna() & ~wave.isin(waves) | wave.isna()
        if bad.any():
            i = data.index[bad][0]
            raise InputError(f"the wave '{wave[i]}' is not one of the config's waves {waves}.",
                             file=file, row=int(rows[i]), column=wcol,
                             hint="correct the value or add the wave to 'waves' in the config.")
    else:
        wave = pd.Series(spec.wave, index=data.index, dtype=object)

    # items: classify each distinct raw value once
    text_map = codebook.text_to_code()
    codes = {}
    for item, col in items.items():
        col_values = data[col]
        uniques = pd.unique(col_values.astype(object))
        table = {u: _classify(u, codebook, text_map) for u in uniques if u is not None}
        none_rule = _classify(None, codebook, text_map)
        mapped = col_values.map(lambda v: none_rule if v is None else table[v])
        codes[item] = mapped.map(lambda t: t[0]).astype(float)
        flagged = mapped.map(lambda t: t[1] is not None)
        for i in data.index[flagged]:
            _, action, reason = mapped[i]
            log.add(file, int(rows[i]), pids[i], wave[i], col, data.at[i, col], action, reason)
    out = pd.DataFrame(codes, index=data.index)
    out.insert(0, "participant_id", pids)
    out.insert(1, "wave", wave)
    out.insert(2, "source_file", file)
    out.insert(3, "source_row", rows)
    out["n_answered"] = out[codebook.item_ids].notna().sum(axis=1)
    duration = None
    if spec.duration_column or "所用时间" in data.columns:
        dcol = resolve_column(export, spec.duration_column or "所用时间", "duration column")
        duration = _duration_seconds(data[dcol])
    out["duration_seconds"] = duration if duration is not None else np.nan
    submitted = None
    if spec.submitted_column or "提交答卷时间" in data.columns:
        scol = resolve_column(export, spec.submitted_column or "提交答卷时间", "submission time column")
        submitted = pd.to_datetime(data[scol], errors="coerce", format="mixed")
    out["_submitted"] = submitted if submitted is not None else pd.NaT
    out["_order"] = np.arange(len(out))

    # row exclusions within the file
    out["_excluded"] = None
    no_id = out["participant_id"].isna()
    out.loc[no_id, "_excluded"] = "no participant ID"
    empty = (out["n_answered"] == 0) & ~no_id
    out.loc[empty, "_excluded"] = "no item answered (wholly empty response)"
    for i in out.index[no_id | empty]:
        log.add(file, int(rows[i]), out.at[i, "participant_id"], wave[i], id_col if no_id[i] else None,
                None, "excluded", out.at[i, "_excluded"])

    # flags (kept, reported)
    min_dur = settings.get("min_duration_seconds", 60)
    out["flag_fast"] = out["duration_seconds"] < min_dur
    answered = out[codebook.item_ids]
    straight = (answered.nunique(axis=1) == 1) & (out["n_answered"] >= settings.get("straightline_min_items", 10))
    out["flag_straightline"] = straight
    out["flag_incomplete"] = (out["n_answered"] < len(codebook.items)) & (out["n_answered"] > 0)
    for flag, reason in [("flag_fast", f"completed in under {min_dur} seconds"),
                         ("flag_straightline", "the same answer to every item")]:
        for i in out.index[out[flag] & out["_excluded"].isna()]:
            log.add(file, int(rows[i]), out.at[i, "participant_id"], wave[i], None, None, "flagged", reason)
    return out, {"source_file": file, "rows_in": len(data)}


# ---------------------------------------------------------------------------------------------
# the whole clean step

def roster_members(export, id_column: str, key: bytes, consent_column: str | None,
                   consent_yes: list[str] | None, log: _Log) -> tuple[set[str], dict]:
    """Pseudonyms of the group roster's consenting children."""
    file = export.path
    if id_column not in export.data.columns:
        raise InputError(f"the roster has no column '{id_column}'. Columns: {list(export.data.columns)}.",
                         file=file, hint="set roster.id_column to the roster's ID column.")
    members, kept, excluded = set(), 0, 0
    yes = {normalise_text(v) for v in (consent_yes or [])}
    for i, raw in export.data[id_column].items():
        row = export.source_rows[i]
        norm = normalise_id(raw)
        if not norm:
            log.add(file, row, None, None, id_column, None, "excluded", "roster row without an ID")
            excluded += 1
            continue
        pid = pseudonym(key, norm)
        if consent_column:
            consent = export.data.at[i, consent_column] if consent_column in export.data.columns else None
            if normalise_text(consent or "") not in yes:
                log.add(file, row, pid, None, consent_column, consent, "excluded",
                        "no recorded consent: not counted as a group member")
                excluded += 1
                continue
        members.add(pid)
        kept += 1
    return members, {"source_file": file, "rows_in": len(export.data), "rows_kept": kept,
                     "rows_excluded": excluded}


def clean_surveys(exports: list, specs: list[SurveySpec], codebook: Codebook, key: bytes, *,
                  waves: list[str], baseline_wave: str, settings: dict | None = None,
                  roster=None, roster_config: dict | None = None,
                  background: dict | None = None) -> dict[str, pd.DataFrame]:
    """Clean every export; see the module docstring for the rules. Returns a dict of tables."""
    settings = settings or {}
    log = _Log()
    frames, accounting = [], []
    for export, spec in zip(exports, specs):
        frame, acc = _clean_export(export, spec, codebook, key, waves, settings, log)
        frame["_survey"] = spec.name
        frames.append(frame)
        accounting.append(acc)
    rows = pd.concat(frames, ignore_index=True)

    members = None
    if roster is not None:
        members, acc = roster_members(roster, roster_config["id_column"], key,
                                      roster_config.get("consent_column"),
                                      roster_config.get("consent_yes"), log)
        accounting.append(acc)

    live = rows["_excluded"].isna()
    # duplicates: most complete, then latest, then later row
    ranked = rows[live].sort_values(["participant_id", "wave", "n_answered", "_submitted", "_order"],
                                    ascending=[True, True, False, False, False], na_position="last",
                                    kind="stable")
    dup = ranked.duplicated(["participant_id", "wave"], keep="first")
    keep_of = ranked[~dup].set_index(["participant_id", "wave"])
    for i in ranked.index[dup]:
        r = rows.loc[i]
        k = keep_of.loc[(r["participant_id"], r["wave"])]
        reason = (f"duplicate submission for this participant and wave; kept row {int(k['source_row'])} "
                  f"of {k['source_file']} (rule: most items answered, then latest submission)")
        rows.at[i, "_excluded"] = reason
        log.add(r["source_file"], int(r["source_row"]), r["participant_id"], r["wave"], None, None,
                "excluded", reason)

    if members is not None:
        outside = rows["_excluded"].isna() & (rows["wave"] != baseline_wave) & ~rows["participant_id"].isin(members)
        for i in rows.index[outside]:
            reason = f"not in the group roster: wave {rows.at[i, 'wave']} is for group members only"
            rows.at[i, "_excluded"] = reason
            log.add(rows.at[i, "source_file"], int(rows.at[i, "source_row"]), rows.at[i, "participant_id"],
                    rows.at[i, "wave"], None, None, "excluded", reason)

    kept = rows[rows["_excluded"].isna()].copy()
    kept["in_group"] = kept["participant_id"].isin(members) if members is not None else True
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
    matching = _wave_matching(kept, waves, baseline_wave, members, log)
    bg = _background(kept, exports, specs, background, log) if background else None
    responses = kept[["participant_id", "wave", "in_group", "source_file", "source_row", "n_answered",
                      "duration_seconds", "flag_fast", "flag_straightline", "flag_incomplete",
                      *codebook.item_ids]].reset_index(drop=True)
    result = {"responses": responses, "quality_log": log.frame(), "accounting": acc,
              "wave_matching": matching}
    if bg is not None:
        result["background"] = bg
    return result


def _wave_matching(kept: pd.DataFrame, waves, baseline_wave, members, log: _Log) -> pd.DataFrame:
    """Who is present at which wave: every group member (or everyone without a roster)."""
    present = kept.groupby("participant_id")["wave"].agg(set)
    people = sorted(members) if members is not None else sorted(present.index)
    table = pd.DataFrame({"participant_id": people})
    table["in_group"] = True if members is not None else table["participant_id"].isin(present.index)
    for w in waves:
        table[w] = table["participant_id"].map(lambda p: w in present.get(p, set()))
    table["n_waves"] = table[waves].sum(axis=1)
    table["missing_waves"] = table.apply(lambda r: " ".join(w for w in waves if not r[w]), axis=1)
    later = kept[(kept["wave"] != baseline_wave)]
    no_base = later[~later["participant_id"].isin(kept.loc[kept["wave"] == baseline_wave, "participant_id"])]
    for _, r in no_base.iterrows():
        log.add(r["source_file"], int(r["source_row"]), r["participant_id"], r["wave"], None, None,
                "flagged", f"no {baseline_wave} response matches this participant")
    return table


def _background(kept, exports, specs, background: dict, log: _Log) -> pd.DataFrame:
    """Background answers from the baseline survey, recoded to the configured categories."""
    by_name = {s.name: (e, s) for e, s in zip(exports, specs)}
    if background["survey"] not in by_name:
        raise InputError(f"background.survey is '{background['survey']}', which is not the name of a "
                         f"survey in the config ({list(by_name)}).", hint="use one of those names.")
    export, spec = by_name[background["survey"]]
    rows = kept[kept["_survey"] == spec.name]
    table = pd.DataFrame({"participant_id": rows["participant_id"].to_numpy()})
    src_index = rows.index.map(lambda i: i)  # positions in the concatenated frame
    # map kept rows back to the export's own row positions by source_row
    pos = {r: k for k, r in enumerate(export.source_rows)}
    idx = [pos[int(r)] for r in rows["source_row"]]
    del src_index
    for var in background["variables"]:
        col = resolve_column(export, var["column"], f"column of background variable {var['id']}")
        raw = export.data[col].iloc[idx].reset_index(drop=True)
        if var["type"] == "numeric":
            values = raw.map(lambda v: normalise_text(v).rstrip("岁") if v is not None else None)
            num = pd.to_numeric(values, errors="coerce")
            bad = num.isna() & raw.notna()
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
                    raw[k], "set missing", f"not a value of background variable {var['id']}")
        table[var["id"]] = num.to_numpy()
    return table
