"""Clean the process-evaluation forms: attendance, after-session feedback, goal attainment.

Children are identified by the same pseudonyms as in the surveys (same key, same ID rules).
Rows of children absent from the roster are excluded with a log entry; every raw row is counted.
"""
from __future__ import annotations

import re

import numpy as np
import pandas as pd

from .clean import LOG_COLUMNS, REDACTED, _Log
from .codebook import normalise_text
from .errors import InputError
from .privacy import describe_id_repair, normalise_id, pseudonym


def _column(export, name: str, what: str) -> str:
    if name in export.data.columns:
        return name
    raise InputError(f"the {what} '{name}' is not a column of this form. Columns: {list(export.data.columns)}.",
                     file=export.path, hint=f"correct process.{what} in the config.")


def _pids(export, id_col: str, key: bytes, members: set | None, log: _Log, what: str) -> pd.Series:
    """Pseudonyms per row; None for rows excluded (no ID, not in roster), logged."""
    out = []
    for i, raw in export.data[id_col].items():
        row = export.source_rows[i]
        norm = normalise_id(raw)
        if not norm:
            log.add(export.path, row, None, None, id_col, None, "excluded", f"{what} row without an ID")
            out.append(None)
            continue
        pid = pseudonym(key, norm)
        if str(raw) != norm:
            log.add(export.path, row, pid, None, id_col, REDACTED, "repaired",
                    "participant ID " + describe_id_repair(raw, norm))
        if members is not None and pid not in members:
            log.add(export.path, row, pid, None, id_col, REDACTED, "excluded", "child not in the group roster")
            out.append(None)
            continue
        out.append(pid)
    return pd.Series(out, index=export.data.index, dtype=object)


def _session(value) -> float:
    """'3', '第3次', '3.0' -> 3; anything else NaN."""
    m = re.search(r"\d+", normalise_text(value)) if value is not None else None
    return float(m.group()) if m else np.nan


def clean_attendance(export, cfg: dict, key: bytes, members, log: _Log) -> pd.DataFrame:
    id_col = _column(export, cfg["id_column"], "attendance.id_column")
    cols = [_column(export, c, "attendance.session_columns") for c in cfg["session_columns"]]
    present = {normalise_text(v) for v in cfg["present_values"]}
    pids = _pids(export, id_col, key, members, log, "attendance")
    rows = []
    for i in export.data.index[pids.notna()]:
        for s, col in enumerate(cols, start=1):
            value = export.data.at[i, col]
            if value is None:
                log.add(export.path, export.source_rows[i], pids[i], None, col, None, "set missing",
                        "attendance not recorded")
                attended = np.nan
            else:
                attended = 1.0 if normalise_text(value) in present else 0.0
            rows.append({"participant_id": pids[i], "session": s, "attended": attended})
    return pd.DataFrame(rows, columns=["participant_id", "session", "attended"])


def clean_feedback(export, cfg: dict, key: bytes, members, log: _Log) -> pd.DataFrame:
    id_col = _column(export, cfg["id_column"], "feedback.id_column")
    s_col = _column(export, cfg["session_column"], "feedback.session_column")
    items = {k: _column(export, v, "feedback.items") for k, v in cfg["items"].items()}
    pids = _pids(export, id_col, key, members, log, "feedback")
    rows = []
    for i in export.data.index[pids.notna()]:
        session = _session(export.data.at[i, s_col])
        for item, col in items.items():
            raw = export.data.at[i, col]
            value = pd.to_numeric(normalise_text(raw), errors="coerce") if raw is not None else np.nan
            if raw is not None and not (cfg["min"] <= value <= cfg["max"]):
                log.add(export.path, export.source_rows[i], pids[i], None, col, raw, "set missing",
                        f"not a rating {cfg['min']}-{cfg['max']}")
                value = np.nan
            rows.append({"participant_id": pids[i], "session": session, "item": item, "value": value})
    return pd.DataFrame(rows, columns=["participant_id", "session", "item", "value"])


def clean_goals(export, cfg: dict, log: _Log) -> pd.DataFrame:
    s_col = _column(export, cfg["session_column"], "goal_attainment.session_column")
    g_col = _column(export, cfg["goal_column"], "goal_attainment.goal_column")
    r_col = _column(export, cfg["rating_column"], "goal_attainment.rating_column")
    t_col = cfg.get("topic_column")
    rows = []
    for i in export.data.index:
        raw = export.data.at[i, r_col]
        rating = pd.to_numeric(normalise_text(raw), errors="coerce") if raw is not None else np.nan
        if not (cfg["min"] <= rating <= cfg["max"]):
            log.add(export.path, export.source_rows[i], None, None, r_col, raw, "set missing",
                    f"not a rating {cfg['min']}-{cfg['max']}")
            rating = np.nan
        rows.append({"session": _session(export.data.at[i, s_col]),
                     "topic": export.data.at[i, t_col] if t_col else None,
                     "goal": export.data.at[i, g_col], "rating": rating})
    return pd.DataFrame(rows, columns=["session", "topic", "goal", "rating"])


def clean_process_forms(forms: dict, process_cfg: dict, key: bytes, *, roster=None,
                        roster_config: dict | None = None) -> dict[str, pd.DataFrame]:
    """attendance, feedback, goal_attainment (long tables) and their quality_log."""
    from .clean import roster_members

    log = _Log()
    members = None
    if roster is not None:
        members, _ = roster_members(roster, roster_config["id_column"], key, roster_config.get("consent_column"),
                                    roster_config.get("consent_yes"), _Log())
    empty = {"attendance": pd.DataFrame(columns=["participant_id", "session", "attended"]),
             "feedback": pd.DataFrame(columns=["participant_id", "session", "item", "value"]),
             "goal_attainment": pd.DataFrame(columns=["session", "topic", "goal", "rating"])}
    out = dict(empty)
    if "attendance" in forms:
        out["attendance"] = clean_attendance(forms["attendance"], process_cfg["attendance"], key, members, log)
    if "feedback" in forms:
        out["feedback"] = clean_feedback(forms["feedback"], process_cfg["feedback"], key, members, log)
    if "goal_attainment" in forms:
        out["goal_attainment"] = clean_goals(forms["goal_attainment"], process_cfg["goal_attainment"], log)
    for name, export in forms.items():
        log.add(export.path, None, None, None, None, None, "read", f"{len(export.data)} rows ({name} form)")
    out["quality_log"] = log.frame() if log.rows else pd.DataFrame(columns=LOG_COLUMNS)
    return out
