"""Figures for the report, drawn from results tables (no statistics computed here).

Drawn for print: every figure is at most ``MAX_WIDTH_IN`` wide (a page of A4 with 2.5 cm margins
holds 16 cm), shown at that size in both reports, its text at least 9 pt (``PRINT_RC``); colours
from the colour-blind-safe Okabe-Ito palette, and series told apart by their markers too, so
they survive grey print. A figure carries no title: its caption (``Figure.get_label()``) and its
note (``NOTE_ATTRIBUTE``) go below it, where ``show`` displays them and the report numbers them.
"""
from __future__ import annotations

import html
import io
import textwrap
import warnings

import matplotlib
import matplotlib.pyplot as plt
import numpy as np
import pandas as pd
from cycler import cycler
from matplotlib.lines import Line2D
from matplotlib.patches import Patch, Rectangle
from matplotlib.ticker import MaxNLocator
from matplotlib.transforms import blended_transform_factory

from .fonts import CJK_FONTS, cjk_font  # noqa: F401 - CJK_FONTS is part of this module's interface
from .strings import t
from .tables import MIN_CELL

# Okabe & Ito (2008), "Color universal design": told apart with every common colour-vision deficiency
OKABE_ITO = {"black": "#000000", "orange": "#E69F00", "sky_blue": "#56B4E9", "bluish_green": "#009E73",
             "yellow": "#F0E442", "blue": "#0072B2", "vermillion": "#D55E00", "reddish_purple": "#CC79A7"}
SERIES = [OKABE_ITO[k] for k in ("blue", "orange", "bluish_green", "reddish_purple", "sky_blue", "vermillion",
                                 "black")]
MARKERS = ["o", "s", "D", "^", "v", "P", "X"]
GREY, LIGHT_GREY = "#999999", "#CCCCCC"  # neutral: individual children, reference lines and bands
PALETTE = {"reliable improvement": OKABE_ITO["bluish_green"], "no reliable change": GREY,
           "reliable deterioration": OKABE_ITO["vermillion"]}
RCI_MARKERS = {"reliable improvement": "^", "no reliable change": "o", "reliable deterioration": "v"}
# levels in their order (low to high, or a study's own worded levels): light to dark
LEVEL_COLOURS = [OKABE_ITO[k] for k in ("orange", "sky_blue", "blue", "bluish_green", "reddish_purple")]

MAX_WIDTH_IN = 6.0   # 15.2 cm: fits the 16 cm text width of A4 with 2.5 cm margins
MIN_FONT_PT = 9      # no text of a figure smaller than this at the size it is shown
DPI = 300            # print resolution of the PNG the reports embed
PRINT_RC = {"font.size": 10, "axes.titlesize": 10, "axes.labelsize": 10, "xtick.labelsize": 9.5,
            "ytick.labelsize": 9.5, "legend.fontsize": 9, "legend.title_fontsize": 9, "figure.titlesize": 10.5,
            "figure.labelsize": 10}
NOTE_ATTRIBUTE = "sweval_note"


def setup_fonts(language: str = "en") -> str | None:
    """Use a CJK font when one is installed (Chinese labels, category names); set the print sizes
    of text (``PRINT_RC``) and the Okabe-Ito colour cycle.

    Returns the font family used for CJK text, or None. Without one, matplotlib's warning about
    each missing glyph is silenced (only that warning): the report says it once, in its provenance
    section (sweval.report.assemble), instead of a Python warning under every figure.
    """
    cjk = cjk_font()
    # matplotlib's copy of seaborn's whitegrid theme: importing seaborn for its theme alone cost
    # each section notebook's kernel about 1 s (it imports scipy.stats and statsmodels), 5 s of the
    # cold example run (README, Performance)
    plt.style.use("seaborn-v0_8-whitegrid")
    matplotlib.rcParams.update(PRINT_RC)
    matplotlib.rcParams["axes.prop_cycle"] = cycler(color=SERIES)
    matplotlib.rcParams["font.sans-serif"] = ([cjk] if cjk else []) + ["DejaVu Sans"]
    matplotlib.rcParams["font.family"] = "sans-serif"
    matplotlib.rcParams["axes.unicode_minus"] = False
    matplotlib.rcParams["svg.hashsalt"] = "sweval"
    if cjk is None:
        warnings.filterwarnings("ignore", message="Glyph .* missing from font", category=UserWarning)
    return cjk


def _describe(fig, caption_key: str, note_key: str, language: str, title: str | None = None):
    """Give ``fig`` its caption (``title``, or the string ``caption_key``) and note, shown below it
    by ``show``, instead of a title drawn in it."""
    fig.set_label(title or t(caption_key, language))
    setattr(fig, NOTE_ATTRIBUTE, t(note_key, language))
    return fig


def figure_text_html(caption: str, note: str = "") -> str:
    """The caption and note a notebook displays right below a figure (the report numbers it)."""
    note_html = f"<p class='figure-note'>{html.escape(note)}</p>" if note else ""
    return f"<div class='figure-text'><p class='figure-caption'>{html.escape(caption)}</p>{note_html}</div>"


def png(fig) -> bytes:
    """The figure as the reports embed it: PNG at ``DPI``, cropped to its content."""
    buffer = io.BytesIO()
    fig.savefig(buffer, format="png", dpi=DPI, bbox_inches="tight", pad_inches=0.03, facecolor="white")
    return buffer.getvalue()


def show(fig, note: str | None = None) -> None:
    """Display ``fig`` in a notebook at its print size, then its caption and note (the figure's
    own note, then ``note``, e.g. a study's rule), and close it."""
    from IPython.display import HTML, Image, display

    data = png(fig)
    plt.close(fig)
    display(Image(data=data, format="png", width=round(fig.get_figwidth() * 96)))
    notes = " ".join(n for n in (getattr(fig, NOTE_ATTRIBUTE, ""), note) if n)
    display(HTML(figure_text_html(fig.get_label(), notes)))


def _legend_below(fig, handles, labels, title: str | None = None, chars_per_row: int = 64):
    """A legend under the axes, in as many columns as fit the figure's width."""
    width = max((sum(2 if ord(c) > 0x2E80 else 1 for c in str(x)) for x in labels), default=1) + 5
    ncols = max(1, min(len(labels), chars_per_row // width))
    return fig.legend(handles, labels, loc="outside lower center", ncols=ncols, frameon=False, title=title)


def _wrap(text: str, width: int) -> str:
    return "\n".join(textwrap.wrap(str(text), width)) if len(str(text)) > width else str(text)


def _label(codebook_scales: dict | None, scale: str, language: str) -> str:
    if codebook_scales and scale in codebook_scales:
        return codebook_scales[scale][language]
    return scale


def level_bars(levels: pd.DataFrame, language: str = "en", labels: dict | None = None, title: str | None = None):
    """Counts of children at each level of the scale (levels.csv); ``labels``: level -> wording."""
    data = levels[levels["level"] != "missing"]
    fig, ax = plt.subplots(figsize=(4.6, 3.0), layout="constrained")
    ax.bar([(labels or {}).get(x) or t(x, language) for x in data["level"]], data["n"],
           color=[LEVEL_COLOURS[k % len(LEVEL_COLOURS)] for k in range(len(data))], edgecolor="black", linewidth=0.6)
    for k, (n, share) in enumerate(zip(data["n"], data["share"])):
        ax.text(k, n, f"{int(n)} ({share:.0%})", ha="center", va="bottom")
    ax.set_ylim(0, float(data["n"].max()) * 1.18 if len(data) else 1)
    ax.set_xlabel(t("level", language))
    ax.set_ylabel(t("children", language))
    return _describe(fig, "levels", "fig_note_levels", language, title)


def _split_columns(sizes: list[int], columns: int) -> list[list[int]]:
    """Indices of consecutive panels per column, the columns about equally tall."""
    total, target, out, height = sum(sizes), sum(sizes) / columns, [[]], 0
    for k, size in enumerate(sizes):
        if height >= target * len(out) and len(out) < columns and out[-1]:
            out.append([])
        out[-1].append(k)
        height += size
    return out if total else [list(range(len(sizes)))]


def factor_points(categories: pd.DataFrame, variables: list[dict], language: str = "en", title: str | None = None):
    """Mean score (+/- SD) by category of every background variable (factor_categories.csv):
    one small panel per variable, in two columns on a common x axis."""
    groups = [v for v in variables if v["id"] in set(categories["variable"])]
    frames = [categories[categories["variable"] == v["id"]].reset_index(drop=True) for v in groups]
    shown_all = categories[categories["n"] >= MIN_CELL]
    low = float(np.nanmin(shown_all["mean"] - shown_all["sd"].fillna(0))) if len(shown_all) else 0.0
    high = float(np.nanmax(shown_all["mean"] + shown_all["sd"].fillna(0))) if len(shown_all) else 1.0
    pad = (high - low) * 0.05 or 1.0
    sizes = [len(f) + 1.6 for f in frames]  # category rows plus the panel's title
    columns = _split_columns(sizes, 2 if len(groups) > 3 else 1)
    height = max(sum(sizes[k] for k in col) for col in columns) * 0.19 + 0.5
    fig = plt.figure(figsize=(MAX_WIDTH_IN, max(height, 1.6)), layout="constrained")
    subfigs = fig.subfigures(1, len(columns), squeeze=False)[0]
    for sub, col in zip(subfigs, columns):
        axes = sub.subplots(len(col), 1, sharex=True, squeeze=False,
                            height_ratios=[len(frames[k]) + 0.6 for k in col])[:, 0]
        for ax, k in zip(axes, col):
            var, data = groups[k], frames[k]
            small = data["n"] < MIN_CELL  # small-cell rule: no mean for fewer than 3 children
            shown = data[~small]
            ax.errorbar(shown["mean"], shown.index, xerr=shown["sd"].fillna(0), fmt="o", ms=4,
                        color=OKABE_ITO["blue"], capsize=2.5, lw=1.2)
            ax.set_yticks(range(len(data)), [f"{c} (n < {MIN_CELL})" if s else f"{c} (n = {int(n)})"
                                             for c, n, s in zip(data["category"], data["n"], small)])
            ax.set_ylim(len(data) - 0.5, -0.5)
            ax.set_xlim(low - pad, high + pad)
            label = var.get("label", {}).get(language, var["id"])
            # the title starts at the column's left edge, above the category names, not above the axes
            heading = ax.set_title(_wrap(f"{label} ({t(var['level'], language)})", 36), loc="left")
            heading.set_transform(blended_transform_factory(sub.transSubfigure, ax.transAxes) + ax.titleOffsetTrans)
            heading.set_x(0.01)
        axes[-1].set_xlabel(f"{t('score', language)} (M ± SD)")
    return _describe(fig, "factor_plot", "fig_note_factors", language, title)


def item_rest_bars(items: pd.DataFrame, scale: str, wave: str, labels: dict, language: str = "en",
                   scale_alpha: float | None = None, title: str | None = None):
    """Corrected item-total correlations (bars, .30 marked) and alpha if the item is deleted (dots,
    against the scale's alpha) of one scale and wave (items.csv)."""
    data = items[(items["scale"] == scale) & (items["wave"] == wave)]
    fig, (ax, ax2) = plt.subplots(1, 2, figsize=(MAX_WIDTH_IN, 0.2 * len(data) + 1.1), sharey=True,
                                  gridspec_kw={"width_ratios": [3, 2]}, layout="constrained")
    names = [_wrap(labels.get(i) or i, 44) for i in data["item"]]
    low = (data["item_rest_r"] < 0.3).to_numpy()
    colors = np.where(low, OKABE_ITO["orange"], OKABE_ITO["blue"])
    ax.barh(names, data["item_rest_r"], color=colors, edgecolor="black", linewidth=0.4)
    ax.axvline(0.3, color="black", ls="--", lw=1)
    ax.set_ylim(len(names) - 0.5, -0.5)
    ax.set_xlabel(t("item_rest_r", language))
    ax2.scatter(data["alpha_if_deleted"], names, color=OKABE_ITO["blue"], s=14, zorder=3)
    ax2.set_xlabel(t("alpha_if_deleted", language))
    ax2.xaxis.set_major_locator(MaxNLocator(nbins=3))
    handles = [Patch(facecolor=OKABE_ITO["orange"], edgecolor="black", linewidth=0.4),
               Line2D([], [], color="black", ls="--", lw=1)]
    legend = ["r < .30", "r = .30"]
    if scale_alpha is not None:
        ax2.axvline(scale_alpha, color="black", lw=1.2)
        handles.append(Line2D([], [], color="black", lw=1.2))
        legend.append(f"α = {scale_alpha:.2f}")
    _legend_below(fig, handles, legend)
    return _describe(fig, "item_rest", "fig_note_item_rest", language, title)


def _child_lines(ax, data: pd.DataFrame, waves: list[str], lw: float = 0.9) -> None:
    x = {w: k for k, w in enumerate(waves)}
    for _, d in data.groupby("participant_id", sort=True):
        d = d.assign(_x=d["wave"].map(x)).sort_values("_x")
        ax.plot(d["_x"], d["score"], color=GREY, lw=lw, marker="o", ms=2.5, alpha=0.9)
    means = data.groupby("wave")["score"].mean().reindex(waves)
    ax.plot(range(len(waves)), means.to_numpy(), color=OKABE_ITO["blue"], lw=2.6, marker="o", ms=5)
    ax.margins(x=0.1)


def _child_legend(language: str) -> tuple[list, list[str]]:
    return ([Line2D([], [], color=GREY, lw=0.9, marker="o", ms=2.5),
             Line2D([], [], color=OKABE_ITO["blue"], lw=2.6, marker="o", ms=5)],
            [t("each_child", language), t("group_mean", language)])


def trajectories(scores: pd.DataFrame, participants: list[str], waves: list[str], scale: str,
                 language: str = "en", title: str | None = None):
    """Each child's score across waves (thin lines) over the group mean (thick line)."""
    data = scores[(scores["scale"] == scale) & scores["participant_id"].isin(participants)]
    data = data[data["wave"].isin(waves)]
    fig, ax = plt.subplots(figsize=(5.0, 3.5), layout="constrained")
    _child_lines(ax, data, waves)
    ax.set_xticks(range(len(waves)), [t(w, language) for w in waves])
    ax.set_ylabel(t("score", language))
    _legend_below(fig, *_child_legend(language))
    return _describe(fig, "trajectories", "fig_note_trajectories", language, title)


def forest(paired: pd.DataFrame, scale_labels: dict, language: str = "en", family: list[str] | None = None):
    """d_z with its 95% CI per scale (one row), contrasts side by side (paired.csv).

    Scales of the Holm family are printed in bold; the others are exploratory sub-groups.
    """
    contrasts = list(dict.fromkeys(paired["contrast"]))
    firsts = [paired[paired["contrast"] == c].iloc[0] for c in contrasts]
    labels = [f"{t(f['wave_from'], language)} → {t(f['wave_to'], language)}" for f in firsts]
    fig, ax, scales = _dodged_intervals(paired, "contrast", contrasts, labels,
                                        ("d_z", "d_z_ci_low", "d_z_ci_high"), scale_labels, t("contrast", language))
    for tick, scale in zip(ax.get_yticklabels(), scales):
        if family and scale in family:
            tick.set_fontweight("bold")
    ax.axvline(0, color="black", lw=1)
    ax.set_xlabel("$d_z$ [95% CI]")
    return _describe(fig, "forest", "fig_note_forest", language)


def _dodged_intervals(table: pd.DataFrame, by: str, groups: list, labels: list[str],
                      columns: tuple[str, str, str], scale_labels: dict, legend_title: str):
    """One row per scale, an estimate with its interval for each group, side by side (each group
    its own colour and marker), the legend under the axes.

    ``columns``: (estimate, low, high). Returns (figure, axes, scales in row order).
    """
    estimate, low, high = columns
    scales = list(dict.fromkeys(table["scale"]))
    fig, ax = plt.subplots(figsize=(MAX_WIDTH_IN, 0.42 * len(scales) + 1.5), layout="constrained")
    handles = []
    for j, group in enumerate(groups):
        data = table[table[by] == group].set_index("scale").reindex(scales)
        y = np.arange(len(scales)) + (j - (len(groups) - 1) / 2) * 0.22
        xerr = [(data[estimate] - data[low]).clip(lower=0), (data[high] - data[estimate]).clip(lower=0)]
        handles.append(ax.errorbar(data[estimate], y, xerr=xerr, fmt=MARKERS[j % len(MARKERS)], ms=4.5, capsize=2,
                                   lw=1.2, color=SERIES[j % len(SERIES)]))
    ax.set_yticks(range(len(scales)), [_wrap(scale_labels.get(s, s), 30) for s in scales])
    ax.set_ylim(len(scales) - 0.5, -0.5)
    _legend_below(fig, handles, labels, legend_title)
    return fig, ax, scales


def jacobson(individual: pd.DataFrame, scale: str, contrast: str, language: str = "en"):
    """Scores before vs after with the no-change line and the RCI band (individual_change.csv)."""
    data = individual[(individual["scale"] == scale) & (individual["contrast"] == contrast)]
    fig, ax = plt.subplots(figsize=(5.0, 5.2), layout="constrained")
    _describe(fig, "jacobson", "fig_note_jacobson", language)
    if data.empty:
        ax.text(0.5, 0.5, "-", ha="center")
        return fig
    lo = float(np.nanmin(data[["score_from", "score_to"]].to_numpy())) - 5
    hi = float(np.nanmax(data[["score_from", "score_to"]].to_numpy())) + 5
    band = 1.96 * float(data["s_diff"].iloc[0])
    xs = np.array([lo, hi])
    ax.plot(xs, xs, color="black", lw=1, label=t("no_change_line", language))
    ax.fill_between(xs, xs - band, xs + band, color=LIGHT_GREY, alpha=0.6, label=t("rci_band", language))
    for cat in [c for c in PALETTE if c in set(data["rci_category"])]:
        d = data[data["rci_category"] == cat]
        ax.scatter(d["score_from"], d["score_to"], color=PALETTE[cat], marker=RCI_MARKERS[cat], s=42,
                   label=t(cat, language), zorder=3, edgecolor="black", linewidth=0.5)
    ax.set_xlim(lo, hi)
    ax.set_ylim(lo, hi)
    ax.set_aspect("equal")
    w_from, w_to = data["wave_from"].iloc[0], data["wave_to"].iloc[0]
    ax.set_xlabel(f"{t('score', language)}, {t(w_from, language)}")
    ax.set_ylabel(f"{t('score', language)}, {t(w_to, language)}")
    _legend_below(fig, *ax.get_legend_handles_labels())
    return fig


# present / excused / absent / not recorded: colour-blind-safe (Okabe & Ito 2008); absent and
# excused also hatched, so they stay visible in grey print
ATTENDANCE_COLOURS = {"present": OKABE_ITO["bluish_green"], "excused": OKABE_ITO["sky_blue"],
                      "absent": OKABE_ITO["vermillion"], "": "#FFFFFF"}
ATTENDANCE_HATCHES = {"present": "", "excused": "///", "absent": "xxx", "": ""}


def attendance_heatmap(attendance: pd.DataFrame, language: str = "en"):
    """Children x sessions: present, excused, absent or not recorded (clean/attendance.csv; a
    table without a status column reads attended 1/0 as present/absent)."""
    frame = attendance.copy()
    if "status" not in frame:
        frame["status"] = frame["attended"].map({1: "present", 0: "absent"})
    frame["status"] = frame["status"].fillna("")
    statuses = list(ATTENDANCE_COLOURS)
    table = frame.pivot(index="participant_id", columns="session", values="status").sort_index().fillna("")
    codes = table.apply(lambda column: column.map(statuses.index)).to_numpy(dtype=float)
    fig, ax = plt.subplots(figsize=(MAX_WIDTH_IN, 0.26 * len(table) + 1.0), layout="constrained")
    cmap = matplotlib.colors.ListedColormap([ATTENDANCE_COLOURS[k] for k in statuses])
    ax.imshow(codes, cmap=cmap, vmin=-0.5, vmax=len(statuses) - 0.5, aspect="auto")
    for (row, col), status in np.ndenumerate(table.to_numpy()):
        if ATTENDANCE_HATCHES[status]:
            ax.add_patch(Rectangle((col - 0.5, row - 0.5), 1, 1, fill=False, hatch=ATTENDANCE_HATCHES[status],
                                   edgecolor="black", linewidth=0))
    ax.set_xticks(np.arange(-0.5, table.shape[1]), minor=True)
    ax.set_yticks(np.arange(-0.5, len(table)), minor=True)
    ax.grid(which="major", visible=False)
    ax.grid(which="minor", color="#BBBBBB", lw=1)
    ax.tick_params(which="minor", length=0)
    ax.set_xticks(range(table.shape[1]), [str(int(s)) for s in table.columns])
    ax.set_yticks(range(len(table)), [f"{t('child', language)} {k + 1}" for k in range(len(table))])
    ax.set_xlabel(t("session", language))
    shown = [k for k in statuses if k and (table == k).to_numpy().any()]
    if (table == "").to_numpy().any():
        shown.append("")
    handles = [Patch(facecolor=ATTENDANCE_COLOURS[k], edgecolor="black", linewidth=0.5, hatch=ATTENDANCE_HATCHES[k])
               for k in shown]
    fig.legend(handles, [t(k or "not_recorded", language) for k in shown], loc="outside right upper",
               frameon=False, handleheight=1.4, handlelength=1.8)
    return _describe(fig, "attendance", "fig_note_attendance", language)


def feedback_lines(feedback: pd.DataFrame, item_labels: dict, language: str = "en"):
    """Per-session feedback means with 95% CI per item (process/feedback_sessions.csv)."""
    fig, ax = plt.subplots(figsize=(MAX_WIDTH_IN, 3.6), layout="constrained")
    groups = list(feedback.groupby("item", sort=False))
    for k, (item, d) in enumerate(groups):
        x = d["session"] + (k - (len(groups) - 1) / 2) * 0.1
        ax.errorbar(x, d["mean"], yerr=[d["mean"] - d["ci_low"], d["ci_high"] - d["mean"]],
                    marker=MARKERS[k % len(MARKERS)], ms=4.5, capsize=2, lw=1.2, color=SERIES[k % len(SERIES)],
                    label=item_labels.get(item, item))
    ax.set_xticks(sorted(feedback["session"].unique()))
    ax.set_xlabel(t("session", language))
    ax.set_ylabel(t("rating", language))
    _legend_below(fig, *ax.get_legend_handles_labels())
    return _describe(fig, "feedback", "fig_note_feedback", language)


def goal_bars(goals: pd.DataFrame, language: str = "en", attained_at: float | None = None,
              scale_max: float | None = None):
    """The worker's goal-attainment rating per session (process/goal_attainment.csv)."""
    fig, ax = plt.subplots(figsize=(5.0, 3.2), layout="constrained")
    ax.bar(goals["session"].astype(int).astype(str), goals["mean_rating"], color=OKABE_ITO["blue"],
           edgecolor="black", linewidth=0.5)
    if attained_at is not None:
        ax.axhline(attained_at, color="black", ls="--", lw=1.5, label=t("attained", language))
        _legend_below(fig, *ax.get_legend_handles_labels())
    if scale_max is not None:
        ax.set_ylim(0, scale_max)
    ax.set_xlabel(t("session", language))
    ax.set_ylabel(t("rating", language))
    return _describe(fig, "goals", "fig_note_goals", language)


def _grid(panels: int, panel_height: float):
    """A figure of ``panels`` small panels, two per row (one when there is one)."""
    cols = min(2, max(panels, 1))
    rows = int(np.ceil(max(panels, 1) / cols))
    width = MAX_WIDTH_IN if cols == 2 else MAX_WIDTH_IN * 0.6
    fig, axes = plt.subplots(rows, cols, figsize=(width, panel_height * rows + 0.6), squeeze=False,
                             layout="constrained")
    for ax in list(axes.flat)[panels:]:
        ax.axis("off")
    return fig, axes


def trajectory_grid(scores: pd.DataFrame, participants: list[str], waves: list[str], scales: list[str],
                    scale_labels: dict, language: str = "en"):
    """Small multiples of :func:`trajectories`, one panel per scale (own y axis)."""
    fig, axes = _grid(len(scales), 2.3)
    for ax, scale in zip(axes.flat, scales):
        data = scores[(scores["scale"] == scale) & scores["participant_id"].isin(participants) & scores["wave"].isin(waves)]
        _child_lines(ax, data, waves, lw=0.8)
        ax.set_xticks(range(len(waves)), [t(w, language) for w in waves])
        ax.set_title(scale_labels.get(scale, scale))
    fig.supylabel(t("score", language))
    _legend_below(fig, *_child_legend(language))
    return _describe(fig, "subscale_trajectories", "fig_note_trajectories", language)


def qq_differences(individual: pd.DataFrame, scales: list[str], contrast: str, scale_labels: dict,
                   language: str = "en", title: str | None = None):
    """Normal Q-Q plot of each child's change (individual_change.csv ``change``), one panel per scale.

    Drawing only: the points are the observed changes against normal plotting positions; the
    Shapiro-Wilk test itself is in paired.csv.
    """
    from scipy import stats

    fig, axes = _grid(len(scales), 2.3)
    for ax, scale in zip(axes.flat, scales):
        change = individual[(individual["scale"] == scale) & (individual["contrast"] == contrast)]["change"].dropna()
        ax.set_title(scale_labels.get(scale, scale))
        if len(change) < 3:
            ax.axis("off")
            continue
        (osm, osr), (slope, intercept, _) = stats.probplot(change.to_numpy(), dist="norm")
        ax.scatter(osm, osr, color=OKABE_ITO["blue"], s=20, zorder=3, edgecolor="black", linewidth=0.4)
        ax.plot(osm, slope * np.asarray(osm) + intercept, color="black", lw=1)
    fig.supxlabel(t("theoretical_quantiles", language))
    fig.supylabel(t("observed_differences", language))
    return _describe(fig, "qq", "fig_note_qq", language, title)


def alpha_forest(reliability: pd.DataFrame, scale_labels: dict, waves: list[str], language: str = "en"):
    """Cronbach's alpha with its Feldt 95% CI per scale and wave (reliability.csv), with .70 marked."""
    # Below 0 there is no reliability to read (the tables print "< 0"): estimates and bounds below 0
    # are drawn at the axis' left edge, 0, and such an estimate as an open "<" marker, so no point
    # leaves the plot and none is read as a value
    columns = ["alpha", "alpha_ci_low_feldt", "alpha_ci_high_feldt"]
    shown = reliability.copy()
    shown[columns] = shown[columns].clip(lower=0.0)
    fig, ax, scales = _dodged_intervals(shown, "wave", waves, [t(w, language) for w in waves],
                                        tuple(columns), scale_labels, t("wave", language))
    for j, wave in enumerate(waves):
        data = reliability[reliability["wave"] == wave].set_index("scale").reindex(scales)
        below = np.flatnonzero(data["alpha"].to_numpy() < 0)
        y = np.arange(len(scales)) + (j - (len(waves) - 1) / 2) * 0.22
        ax.scatter(np.zeros(len(below)), y[below], marker="<", s=42, facecolor="white",
                   edgecolor=SERIES[j % len(SERIES)], linewidth=1.2, zorder=4)
    ax.axvline(0.7, color="black", ls="--", lw=1)
    ax.set_xlim(-0.03, 1.0)
    ax.set_xlabel("α [95% CI, Feldt]")
    return _describe(fig, "alpha_ci", "fig_note_alpha", language)
