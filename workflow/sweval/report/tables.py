"""APA-style number formatting and HTML tables for the report (formatting only, no statistics)."""
from __future__ import annotations

import html
import math

import pandas as pd


def _missing(x) -> bool:
    return x is None or (isinstance(x, float) and math.isnan(x)) or (x is pd.NA)


def fmt_num(x, digits: int = 2) -> str:
    """Fixed decimals; '' for missing; '-0.00' shown as '0.00'."""
    if _missing(x):
        return ""
    text = f"{float(x):.{digits}f}"
    return text[1:] if text.startswith("-") and float(text) == 0 else text


def fmt_bounded(x, digits: int = 2) -> str:
    """Numbers that cannot exceed 1 in size (r, alpha, shares): no leading zero (APA)."""
    text = fmt_num(x, digits)
    return text.replace("0.", ".", 1) if text.startswith(("0.", "-0.")) else text


def fmt_p(p) -> str:
    """APA p: '< .001' below .001, else three decimals without the leading zero."""
    if _missing(p):
        return ""
    return "< .001" if float(p) < 0.001 else fmt_bounded(p, 3)


def fmt_ci(low, high, digits: int = 2, bounded: bool = False) -> str:
    if _missing(low) or _missing(high):
        return ""
    f = fmt_bounded if bounded else fmt_num
    return f"[{f(low, digits)}, {f(high, digits)}]"


def fmt_int(x) -> str:
    return "" if _missing(x) else str(int(x))


def html_table(frame: pd.DataFrame, caption: str | None = None, note: str | None = None) -> str:
    """A plain HTML table (already formatted strings) with an optional caption and note."""
    head = "".join(f"<th>{html.escape(str(c))}</th>" for c in frame.columns)
    body = "".join("<tr>" + "".join(f"<td>{html.escape('' if _missing(v) else str(v))}</td>" for v in row)
                   + "</tr>" for row in frame.itertuples(index=False))
    cap = f"<caption>{html.escape(caption)}</caption>" if caption else ""
    foot = f"<p class='table-note'>{html.escape(note)}</p>" if note else ""
    return f"<table class='apa'>{cap}<thead><tr>{head}</tr></thead><tbody>{body}</tbody></table>{foot}"
