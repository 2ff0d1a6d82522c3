"""APA-style number formatting and HTML tables for the report (formatting only, no statistics)."""
from __future__ import annotations

import html
import math
import re

import pandas as pd


NUMERIC = re.compile(r"^[<>=≥≤ ]*[-−]?(\d+|\d*\.\d+)(%| \(.*\)| \[.*\])?$")
MIN_CELL = 3  # a cell describing fewer children than this is suppressed (small-cell rule)


def is_missing(x) -> bool:
    return x is None or (isinstance(x, float) and math.isnan(x)) or (x is pd.NA)


def fmt_num(x, digits: int = 2) -> str:
    """Fixed decimals; '' for missing; '-0.00' shown as '0.00'."""
    if is_missing(x):
        return ""
    text = f"{float(x):.{digits}f}"
    return text[1:] if text.startswith("-") and float(text) == 0 else text


def fmt_bounded(x, digits: int = 2) -> str:
    """Numbers that cannot exceed 1 in size (r, alpha, shares): no leading zero (APA)."""
    text = fmt_num(x, digits)
    return text.replace("0.", ".", 1) if text.startswith(("0.", "-0.")) else text


def fmt_reliability(x, digits: int = 2) -> str:
    """A reliability coefficient (alpha, Spearman-Brown, a bound of its interval): "< 0" below 0,
    which is no reliability at all and not interpretable as one (docs/conventions.md, section 7);
    otherwise as :func:`fmt_bounded`."""
    if is_missing(x):
        return ""
    return "< 0" if float(x) < 0 else fmt_bounded(x, digits)


def fmt_reliability_ci(low, high, digits: int = 2) -> str:
    """'[.85, .93]'; a bound below 0 as '< 0': '[< 0, .62]'."""
    if is_missing(low) or is_missing(high):
        return ""
    return f"[{fmt_reliability(low, digits)}, {fmt_reliability(high, digits)}]"


def fmt_p(p) -> str:
    """APA p: '< .001' below .001, else three decimals without the leading zero."""
    if is_missing(p):
        return ""
    return "< .001" if float(p) < 0.001 else fmt_bounded(p, 3)


def fmt_ci(low, high, digits: int = 2, bounded: bool = False) -> str:
    if is_missing(low) or is_missing(high):
        return ""
    f = fmt_bounded if bounded else fmt_num
    return f"[{f(low, digits)}, {f(high, digits)}]"


def fmt_int(x) -> str:
    return "" if is_missing(x) else str(int(x))


def fmt_pct(share, digits: int = 1) -> str:
    """A share 0-1 as a percentage: 0.449 -> '44.9%'."""
    return "" if is_missing(share) else f"{100 * float(share):.{digits}f}%"


def fmt_mean_sd(mean, sd, digits: int = 2) -> str:
    """'87.30 (4.40)', the SPSS/APA 'M (SD)' cell."""
    if is_missing(mean):
        return ""
    return f"{fmt_num(mean, digits)} ({fmt_num(sd, digits)})" if not is_missing(sd) else fmt_num(mean, digits)


def fmt_est_ci(est, low, high, digits: int = 2) -> str:
    """'0.71 [-0.01, 1.39]'."""
    return "" if is_missing(est) else f"{fmt_num(est, digits)} {fmt_ci(low, high, digits)}".strip()


def is_small(n, min_cell: int = MIN_CELL) -> bool:
    """True for 1 .. min_cell-1 children: too few to show without risking identifying a child."""
    return not is_missing(n) and 0 < int(n) < min_cell


def fmt_count(n, min_cell: int = MIN_CELL) -> str:
    """A count of children, '< 3' when it is small (issue 9's small-cell rule); 0 is shown."""
    if is_missing(n):
        return ""
    return f"< {min_cell}" if is_small(n, min_cell) else str(int(n))


def suppress_small(frame: pd.DataFrame, n_column: str, columns: list[str], min_cell: int = MIN_CELL) -> pd.DataFrame:
    """Blank ``columns`` and mask ``n_column`` in rows describing fewer than ``min_cell`` children."""
    small = frame[n_column].map(lambda n: is_small(n, min_cell))
    out = frame.copy()
    out[columns] = out[columns].astype(object).where(~small, "")
    out[n_column] = frame[n_column].map(lambda n: fmt_count(n, min_cell))
    return out


def _cell(value) -> str:
    text = "" if is_missing(value) else str(value)
    cls = " class='num'" if NUMERIC.match(text) else ""
    return f"<td{cls}>{html.escape(text)}</td>"


def html_table(frame: pd.DataFrame, caption: str | None = None, note: str | None = None) -> str:
    """A plain HTML table (already formatted strings) with an optional caption and note."""
    head = "".join(f"<th>{html.escape(str(c))}</th>" for c in frame.columns)
    body = "".join("<tr>" + "".join(_cell(v) for v in row) + "</tr>" for row in frame.itertuples(index=False))
    cap = f"<caption>{html.escape(caption)}</caption>" if caption else ""
    foot = f"<p class='table-note'>{html.escape(note)}</p>" if note else ""
    return f"<table class='apa'>{cap}<thead><tr>{head}</tr></thead><tbody>{body}</tbody></table>{foot}"
