"""Clean the process-evaluation forms: attendance, after-session feedback, goal attainment.

Children are identified by the same pseudonyms as in the surveys (same key, same ID rules).
Every value is known or the step stops; every raw row is counted (``accounting``).

Rules:
- Attendance marks map to present / absent / excused through ``process.attendance.values``,
  added to :data:`ATTENDANCE_VALUES` (a study's own list wins over the defaults). An empty cell is
  "not recorded" (logged). Any other mark stops the step with file, row, column, value and the
  list to extend: a mark read wrongly would silently change every child's attendance.
- Session numbers of feedback and goal-attainment rows: 3, 3.0, 第3次, 第三次, S3 or "session 3",
  and within 1..``process.sessions``; anything else (a date, an empty cell, session 9 of 7) stops.
- Rows without an ID, and children on the roster without recorded consent, are excluded (logged).
  An ID the roster does not list, and a child twice in the attendance register (or twice for one
  session of the feedback form), stop the step.
- Ratings outside the configured scale become missing (logged).

Errors that concern a child name the file, the row and the raw ID as written there, so a worker
can find the row; the step's log file gets the same sentence with the ID withheld (see
:class:`IdentifiedInputError`). Results and the quality log carry only pseudonyms.
"""
from __future__ import annotations

import re

import numpy as np
import pandas as pd

from .clean import LOG_COLUMNS, MAX_PROBLEM_LINES, REDACTED, Problems, _listed, _Log, roster_members
from .codebook import normalise_text
from .errors import InputError
from .privacy import describe_id_repair, normalise_id, pseudonym

FORMS = ("attendance", "feedback", "goal_attainment")
STATUSES = ("present", "absent", "excused")
# Marks Chinese and English registers use; process.attendance.values adds a study's own. A
# Latin x is left out on purpose: some registers tick with it, others cross out.
ATTENDANCE_VALUES = {
    "present": ["1", "是", "√", "✓", "✔", "出席", "到", "已到", "present", "yes"],
    "absent": ["0", "否", "×", "✗", "✘", "缺席", "未到", "缺勤", "absent", "no"],
    "excused": ["请假", "病假", "事假", "excused", "leave"],
}
_CHINESE_DIGITS = {c: k for k, c in enumerate("零一二三四五六七八九")}
_SESSION = re.compile(r"(?:第|session|s|#|no\.?)?(\d+|[零一二三四五六七八九十]+)(?:\.0+)?(?:次|节|课|场|期)?(?:活动)?")
_DATE = re.compile(r"\d{4}[-/.年]\d{1,2}[-/.月]\d{1,2}日?(?:\s.*)?|\d{1,2}[/.]\d{1,2}[/.]\d{2,4}|\d{1,2}月\d{1,2}日")


class IdentifiedInputError(InputError):
    """An InputError whose sentence names a child's raw ID, shown only where the worker reads it.

    ``str(error)`` withholds the IDs (``[identifier withheld]``): that is what the step's log file
    under logs/ receives (sweval.job.step logs ``"%s" % error``). ``format(error)`` shows them, as
    written in the file: that is what the terminal and Snakemake's error message get (``step``
    prints and raises ``f"... {error}"``), so a worker can find the row without the key.
    """

    def __init__(self, error: InputError, raw_ids: list[str]):
        super().__init__(error.detail, file=error.file, row=error.row, column=error.column, hint=error.hint)
        self.problems = getattr(error, "problems", None)
        self.raw_ids = raw_ids

    def __format__(self, spec: str) -> str:
        text = str(self)
        for raw in self.raw_ids:
            text = text.replace(REDACTED, repr(raw), 1)
        return format(text, spec)


class _RowProblems(Problems):
    """Problems whose sentences may name raw IDs: REDACTED in the text, the ID kept beside it."""

    def __init__(self):
        super().__init__()
        self.ids: list[list[str]] = []

    def add(self, text: str, *, raw_ids=(), **where) -> None:
        super().add(text, **where)
        self.ids.append([str(r) for r in raw_ids])

    def raise_if_any(self) -> None:
        try:
            super().raise_if_any()
        except InputError as err:
            shown = [r for ids in self.ids[:MAX_PROBLEM_LINES] for r in ids]
            raise IdentifiedInputError(err, shown) from None


def _blank(value) -> bool:
    return value is None or normalise_text(value) == ""


def _column(export, name: str, what: str) -> str:
    if name in export.data.columns:
        return name
    raise InputError(f"the {what} '{name}' is not a column of this form. Columns: {list(export.data.columns)}.",
                     file=export.path, hint=f"correct process.{what} in the config.")


def attendance_marks(cfg: dict) -> dict[str, str]:
    """Normalised mark -> status: the defaults, then the study's ``values`` (which win)."""
    marks = {}
    for source in (ATTENDANCE_VALUES, cfg.get("values") or {}):
        for status in STATUSES:
            marks.update({normalise_text(v): status for v in source.get(status, [])})
    return marks


def session_number(value) -> int | None:
    """'3', '3.0', '第3次', '第三次', 'S3', 'Session 3' -> 3; None for anything else."""
    m = _SESSION.fullmatch(normalise_text(value))
    if not m:
        return None
    digits = m.group(1)
    if digits.isdigit():
        return int(digits)
    if "十" not in digits:
        return _CHINESE_DIGITS[digits] if len(digits) == 1 else None
    tens, _, ones = digits.partition("十")
    if len(tens) > 1 or len(ones) > 1:  # 一百, 三十三十: not a session of a group
        return None
    return _CHINESE_DIGITS.get(tens, 1) * 10 + _CHINESE_DIGITS.get(ones, 0)


class _Form:
    """One process form being cleaned: its rows, their fate, and the problems found."""

    def __init__(self, export, name: str, log: _Log, problems: _RowProblems):
        self.export, self.name, self.log, self.problems = export, name, log, problems
        self.file = str(export.path)
        self.excluded = 0
        if len(export.data) == 0:
            problems.add(f"the {name.replace('_', '-')} form has a header and no rows.", file=self.file,
                         hint=f"fill in the form (or point process.{name}.path at the filled-in file), or "
                              f"remove process.{name} from the config if the study has no such records.")

    def row(self, i) -> int:
        return int(self.export.source_rows[i])

    def session(self, i, column: str, sessions: int | None) -> int | None:
        """The row's session number, checked; None (problem recorded) if it is not one."""
        raw = self.export.data.at[i, column]
        expected = f"1-{sessions}" if sessions else "1, 2, 3 ..."
        if _blank(raw):
            self.problems.add(f"the session cell is empty: expected a session number {expected}.",
                              file=self.file, row=self.row(i), column=column,
                              hint="write the session number into every row.")
            return None
        number = session_number(raw)
        if number is None or number < 1:
            date = " (it looks like a date)" if _DATE.fullmatch(str(raw).strip()) else ""
            self.problems.add(f"the session {str(raw)!r} is not a session number{date}: expected {expected}, "
                              f"e.g. 3 or 第3次.", file=self.file, row=self.row(i), column=column,
                              hint="write the session's number in this column (for a date, the number of "
                                   "the session held that day).")
            return None
        if sessions and number > sessions:
            self.problems.add(f"session {number} is outside the {sessions} sessions of the group "
                              f"(process.sessions: {sessions}).", file=self.file, row=self.row(i), column=column,
                              hint="correct the session number, or process.sessions in the config if the "
                                   "group met more often.")
            return None
        return number

    def pseudonyms(self, id_col: str, key: bytes, members: set | None, listed: dict | None,
                   roster_file: str | None) -> pd.Series:
        """Pseudonym per row; None for rows excluded (no ID, no consent), logged. An ID the
        roster does not list at all is a problem (most likely mistyped), not an exclusion."""
        out = []
        for i, raw in self.export.data[id_col].items():
            row, norm = self.row(i), normalise_id(raw)
            pid = pseudonym(key, norm) if norm else None
            if pid is None:
                self.log.add(self.file, row, None, None, id_col, None, "excluded", f"{self.name} row without an ID")
            elif listed is not None and pid not in listed:
                self.problems.add(f"the child {REDACTED} is not on the group roster {roster_file}.",
                                  raw_ids=[raw], file=self.file, row=row, column=id_col,
                                  hint=f"correct the ID to the one the roster writes, or add the child to the "
                                       f"roster {roster_file} (with consent recorded).")
            else:
                if str(raw) != norm:
                    self.log.add(self.file, row, pid, None, id_col, REDACTED, "repaired",
                                 "participant ID " + describe_id_repair(raw, norm))
                if members is not None and pid not in members:
                    self.log.add(self.file, row, pid, None, id_col, REDACTED, "excluded",
                                 f"no recorded consent on the roster {roster_file}")
                    pid = None
            out.append(pid)
        pids = pd.Series(out, index=self.export.data.index, dtype=object)
        self.excluded = int(pids.isna().sum())
        return pids

    def duplicates(self, keys: pd.DataFrame, id_col: str | None, what: str, per: str) -> None:
        """A problem for every row that repeats an earlier row's keys (naming that row)."""
        seen: dict[tuple, object] = {}
        for i, key in zip(keys.index, map(tuple, keys.to_numpy().tolist())):
            if any(k is None or k != k for k in key):
                continue
            if key not in seen:
                seen[key] = i
                continue
            first = seen[key]
            raw = [self.export.data.at[j, id_col] for j in (i, first)] if id_col else []
            who = "the child " + REDACTED if id_col else "this goal"
            written = f", the ID written {REDACTED} there" if id_col else ""
            self.problems.add(f"{who} has a second row {what} (row {self.row(first)} has the first{written}).",
                              raw_ids=raw, file=self.file, row=self.row(i), column=id_col,
                              hint=f"keep one row per {per}: delete or correct the repeated row.")

    def accounting(self, kept: int) -> dict:
        self.log.add(self.file, None, None, None, None, None, "read",
                     f"{len(self.export.data)} rows ({self.name} form): {kept} kept, {self.excluded} excluded")
        return {"source_file": self.file, "form": self.name, "rows_in": len(self.export.data),
                "rows_kept": kept, "rows_excluded": self.excluded}


def _rating(raw, cfg: dict) -> tuple[float, bool]:
    """(value, ok): a rating on cfg's min..max scale, NaN for an empty cell; ok False if off the scale."""
    if _blank(raw):
        return np.nan, True
    value = pd.to_numeric(normalise_text(raw), errors="coerce")
    return (float(value), True) if cfg["min"] <= value <= cfg["max"] else (np.nan, False)


def clean_attendance(form: _Form, cfg: dict, key: bytes, roster: dict) -> pd.DataFrame:
    """One row per child x session: attended (1, 0, NaN = not recorded) and status
    (present, absent, excused, or '' when not recorded). Excused absences count as not attended."""
    export = form.export
    id_col = _column(export, cfg["id_column"], "attendance.id_column")
    cols = [_column(export, c, "attendance.session_columns") for c in cfg["session_columns"]]
    marks = attendance_marks(cfg)
    pids = form.pseudonyms(id_col, key, **roster)
    form.duplicates(pids.to_frame(), id_col, "in the attendance register", "child")
    rows = []
    for i in export.data.index[pids.notna()]:
        for s, col in enumerate(cols, start=1):
            value = export.data.at[i, col]
            status = "" if _blank(value) else marks.get(normalise_text(value))
            if status == "":
                form.log.add(form.file, form.row(i), pids[i], None, col, None, "set missing",
                             "attendance not recorded")
            elif status is None:
                known = "; ".join(f"{s}: {' '.join(dict.fromkeys(k for k, v in marks.items() if v == s))}"
                                  for s in STATUSES)
                form.problems.add(f"the attendance mark {str(value)!r} is not a known value ({known}).",
                                  file=form.file, row=form.row(i), column=col,
                                  hint="add the mark to process.attendance.values.present, .absent or "
                                       ".excused in the config (or correct the cell).")
            rows.append({"participant_id": pids[i], "session": s,
                         "attended": {"present": 1.0, "absent": 0.0, "excused": 0.0}.get(status, np.nan),
                         "status": status or ""})
    return pd.DataFrame(rows, columns=["participant_id", "session", "attended", "status"])


def clean_feedback(form: _Form, cfg: dict, key: bytes, roster: dict, sessions: int | None) -> pd.DataFrame:
    export = form.export
    id_col = _column(export, cfg["id_column"], "feedback.id_column")
    s_col = _column(export, cfg["session_column"], "feedback.session_column")
    items = {k: _column(export, v, "feedback.items") for k, v in cfg["items"].items()}
    pids = form.pseudonyms(id_col, key, **roster)
    session = pd.Series({i: form.session(i, s_col, sessions) for i in export.data.index[pids.notna()]},
                        dtype=object).reindex(export.data.index)
    form.duplicates(pd.DataFrame({"pid": pids, "session": session}), id_col, "for the same session", "child and session")
    rows = []
    for i in export.data.index[pids.notna()]:
        for item, col in items.items():
            raw = export.data.at[i, col]
            value, ok = _rating(raw, cfg)
            if not ok:
                form.log.add(form.file, form.row(i), pids[i], None, col, raw, "set missing",
                             f"not a rating {cfg['min']}-{cfg['max']}")
            rows.append({"participant_id": pids[i], "session": session[i], "item": item, "value": value})
    return pd.DataFrame(rows, columns=["participant_id", "session", "item", "value"])


def clean_goals(form: _Form, cfg: dict, sessions: int | None) -> pd.DataFrame:
    export = form.export
    s_col = _column(export, cfg["session_column"], "goal_attainment.session_column")
    g_col = _column(export, cfg["goal_column"], "goal_attainment.goal_column")
    r_col = _column(export, cfg["rating_column"], "goal_attainment.rating_column")
    t_col = cfg.get("topic_column") and _column(export, cfg["topic_column"], "goal_attainment.topic_column")
    session = pd.Series({i: form.session(i, s_col, sessions) for i in export.data.index}, dtype=object)
    form.duplicates(pd.DataFrame({"session": session, "goal": export.data[g_col]}), None,
                    "for the same session", "session and goal")
    rows = []
    for i in export.data.index:
        raw = export.data.at[i, r_col]
        rating, ok = _rating(raw, cfg)
        if not ok or _blank(raw):
            form.log.add(form.file, form.row(i), None, None, r_col, raw, "set missing",
                         "goal not rated" if ok else f"not a rating {cfg['min']}-{cfg['max']}")
        rows.append({"session": session[i], "topic": export.data.at[i, t_col] if t_col else None,
                     "goal": export.data.at[i, g_col], "rating": rating})
    return pd.DataFrame(rows, columns=["session", "topic", "goal", "rating"])


def clean_process_forms(forms: dict, process_cfg: dict, key: bytes, *, roster=None,
                        roster_config: dict | None = None) -> dict[str, pd.DataFrame]:
    """attendance, feedback, goal_attainment (long tables), their quality_log and accounting
    (per form: rows in = rows kept + rows excluded). Raises one InputError (an
    IdentifiedInputError where it names children) listing every problem of every form."""
    log, problems = _Log(), _RowProblems()
    known = {"members": None, "listed": None, "roster_file": None}
    if roster is not None:
        members, _ = roster_members(roster, roster_config["id_column"], key, roster_config.get("consent_column"),
                                    roster_config.get("consent_yes"), _Log())
        known = {"members": members, "listed": _listed(roster, roster_config["id_column"], key),
                 "roster_file": str(roster.path)}
    sessions = process_cfg.get("sessions")
    out = {"attendance": pd.DataFrame(columns=["participant_id", "session", "attended", "status"]),
           "feedback": pd.DataFrame(columns=["participant_id", "session", "item", "value"]),
           "goal_attainment": pd.DataFrame(columns=["session", "topic", "goal", "rating"])}
    accounting = []
    for name in FORMS:
        if name not in forms:
            continue
        form = _Form(forms[name], name, log, problems)
        if name == "attendance":
            table = problems.attempt(clean_attendance, form, process_cfg[name], key, known)
        elif name == "feedback":
            table = problems.attempt(clean_feedback, form, process_cfg[name], key, known, sessions)
        else:
            table = problems.attempt(clean_goals, form, process_cfg[name], sessions)
        if table is not None:
            out[name] = table
            accounting.append(form.accounting(len(form.export.data) - form.excluded))
    problems.raise_if_any()
    for name in ("feedback", "goal_attainment"):
        out[name]["session"] = out[name]["session"].astype("Int64")
    out["quality_log"] = log.frame() if log.rows else pd.DataFrame(columns=LOG_COLUMNS)
    out["accounting"] = pd.DataFrame(accounting, columns=["source_file", "form", "rows_in", "rows_kept",
                                                          "rows_excluded"])
    return out
