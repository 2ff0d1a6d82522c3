"""Figures for the report, drawn from results tables (no statistics computed here)."""
from __future__ import annotations

import warnings

import matplotlib
import matplotlib.pyplot as plt
import numpy as np
import pandas as pd
from matplotlib.patches import Patch

from .fonts import CJK_FONTS, cjk_font  # noqa: F401 - CJK_FONTS is part of this module's interface
from .strings import t
from .tables import MIN_CELL

PALETTE = {"reliable improvement": "#1b9e77", "no reliable change": "#7f7f7f",
           "reliable deterioration": "#d95f02"}


def setup_fonts(language: str = "en") -> str | None:
    """Use a CJK font when one is installed (Chinese labels, category names).

    Returns the font family used for CJK text, or None. Without one, matplotlib's warning about
    each missing glyph is silenced (only that warning): the report says it once, in its provenance
    section (sweval.report.assemble), instead of a Python warning under every figure.
    """
    cjk = cjk_font()
    # matplotlib's copy of seaborn's whitegrid theme: importing seaborn for its theme alone cost
    # each section notebook's kernel about 1 s (it imports scipy.stats and statsmodels), 5 s of the
    # cold example run (README, Performance)
    plt.style.use("seaborn-v0_8-whitegrid")
    matplotlib.rcParams["font.sans-serif"] = ([cjk] if cjk else []) + ["DejaVu Sans"]
    matplotlib.rcParams["font.family"] = "sans-serif"
    matplotlib.rcParams["axes.unicode_minus"] = False
    matplotlib.rcParams["svg.hashsalt"] = "sweval"
    if cjk is None:
        warnings.filterwarnings("ignore", message="Glyph .* missing from font", category=UserWarning)
    return cjk


def _label(codebook_scales: dict | None, scale: str, language: str) -> str:
    if codebook_scales and scale in codebook_scales:
        return codebook_scales[scale][language]
    return scale


def level_bars(levels: pd.DataFrame, language: str = "en", labels: dict | None = None, title: str | None = None):
    """Counts of children at each level of the scale (levels.csv); ``labels``: level -> wording."""
    data = levels[levels["level"] != "missing"]
    fig, ax = plt.subplots(figsize=(5, 3.2))
    ax.bar([(labels or {}).get(x) or t(x, language) for x in data["level"]], data["n"],
           color=["#d95f02", "#7570b3", "#1b9e77"][:len(data)])
    for k, (n, share) in enumerate(zip(data["n"], data["share"])):
        ax.text(k, n, f"{int(n)} ({share:.0%})", ha="center", va="bottom")
    ax.set_ylim(0, float(data["n"].max()) * 1.18 if len(data) else 1)
    ax.set_xlabel(t("level", language))
    ax.set_ylabel(t("children", language))
    ax.set_title(title or t("levels", language))
    fig.tight_layout()
    return fig


def factor_points(categories: pd.DataFrame, variables: list[dict], language: str = "en", title: str | None = None):
    """Mean total score (+/- SD) by category of every background variable (factor_categories.csv)."""
    groups = [v for v in variables if v["id"] in set(categories["variable"])]
    n = len(groups)
    cols = 3
    rows = max(1, int(np.ceil(n / cols)))
    fig, axes = plt.subplots(rows, cols, figsize=(11, 2.6 * rows), squeeze=False)
    for ax, var in zip(axes.flat, groups):
        data = categories[categories["variable"] == var["id"]].reset_index(drop=True)
        small = data["n"] < MIN_CELL  # small-cell rule: no mean for fewer than 3 children
        shown = data[~small]
        ax.errorbar(shown["mean"], shown.index, xerr=shown["sd"].fillna(0), fmt="o", color="#386cb0", capsize=3)
        ax.set_yticks(range(len(data)), [f"{c} (n < {MIN_CELL})" if s else f"{c} (n={int(k)})"
                                         for c, k, s in zip(data["category"], data["n"], small)])
        label = var.get("label", {}).get(language, var["id"])
        ax.set_title(f"{label} [{t(var['level'], language)}]", fontsize=10)
        ax.invert_yaxis()
    for ax in list(axes.flat)[n:]:
        ax.axis("off")
    fig.suptitle(title or t("factor_plot", language))
    fig.tight_layout()
    return fig


def item_rest_bars(items: pd.DataFrame, scale: str, wave: str, labels: dict, language: str = "en",
                   scale_alpha: float | None = None, title: str | None = None):
    """Corrected item-total correlations (bars, .30 marked) and alpha if the item is deleted (dots,
    against the scale's alpha) of one scale and wave (items.csv)."""
    data = items[(items["scale"] == scale) & (items["wave"] == wave)]
    fig, (ax, ax2) = plt.subplots(1, 2, figsize=(10, 0.26 * len(data) + 1.4), sharey=True,
                                  gridspec_kw={"width_ratios": [3, 2]})
    names = [labels.get(i, str(i)) for i in data["item"]]  # the caller words each item (number and label)
    colors = np.where(data["item_rest_r"] < 0.3, "#d95f02", "#386cb0")
    ax.barh(names, data["item_rest_r"], color=colors)
    ax.axvline(0.3, color="grey", ls="--", lw=1)
    ax.invert_yaxis()
    ax.set_xlabel(t("item_rest_r", language))
    ax2.scatter(data["alpha_if_deleted"], names, color="#386cb0", s=16)
    if scale_alpha is not None:
        ax2.axvline(scale_alpha, color="#d95f02", lw=1, label=f"α = {scale_alpha:.2f}")
        ax2.legend(loc="lower right", fontsize=8)
    ax2.set_xlabel(t("alpha_if_deleted", language))
    fig.suptitle(title or t("item_rest", language))
    fig.tight_layout()
    return fig


def trajectories(scores: pd.DataFrame, participants: list[str], waves: list[str], scale: str,
                 language: str = "en", title: str | None = None):
    """Each child's score across waves (thin lines) over the group mean (thick line)."""
    data = scores[(scores["scale"] == scale) & scores["participant_id"].isin(participants)]
    data = data[data["wave"].isin(waves)]
    x = {w: k for k, w in enumerate(waves)}
    fig, ax = plt.subplots(figsize=(6, 4))
    for pid, d in data.groupby("participant_id", sort=True):
        d = d.assign(_x=d["wave"].map(x)).sort_values("_x")
        ax.plot(d["_x"], d["score"], color="#999999", lw=1, marker="o", ms=3, alpha=0.8)
    means = data.groupby("wave")["score"].mean().reindex(waves)
    ax.plot(range(len(waves)), means.to_numpy(), color="#1b4f9c", lw=3, marker="o", label=t("group_mean", language))
    ax.set_xticks(range(len(waves)), [t(w, language) for w in waves])
    ax.set_ylabel(t("score", language))
    ax.set_title(title or t("trajectories", language))
    ax.legend(loc="best")
    fig.tight_layout()
    return fig


def forest(paired: pd.DataFrame, scale_labels: dict, language: str = "en", family: list[str] | None = None):
    """d_z with its 95% CI per scale (one row), contrasts side by side (paired.csv).

    Scales of the Holm family are printed in bold; the others are exploratory sub-groups.
    """
    contrasts = list(dict.fromkeys(paired["contrast"]))
    firsts = [paired[paired["contrast"] == c].iloc[0] for c in contrasts]
    labels = [f"{t(f['wave_from'], language)} → {t(f['wave_to'], language)}" for f in firsts]
    fig, ax, scales = _dodged_intervals(paired, "contrast", contrasts, labels,
                                        ["#1b9e77", "#7570b3", "#d95f02", "#666666"],
                                        ("d_z", "d_z_ci_low", "d_z_ci_high"), scale_labels)
    for tick, scale in zip(ax.get_yticklabels(), scales):
        if family and scale in family:
            tick.set_fontweight("bold")
    ax.axvline(0, color="black", lw=1)
    ax.set_xlabel(f"d_z [95% CI]")
    ax.set_title(t("forest", language))
    ax.legend(loc="upper left", bbox_to_anchor=(1.02, 1), fontsize=8, frameon=False, title=t("contrast", language),
              title_fontsize=8)
    fig.tight_layout()
    return fig


def _dodged_intervals(table: pd.DataFrame, by: str, groups: list, labels: list[str], colors: list[str],
                      columns: tuple[str, str, str], scale_labels: dict):
    """One row per scale, an estimate with its interval for each group, side by side.

    ``columns``: (estimate, low, high). Returns (figure, axes, scales in row order).
    """
    estimate, low, high = columns
    scales = list(dict.fromkeys(table["scale"]))
    fig, ax = plt.subplots(figsize=(8, 0.45 * len(scales) + 1.6))
    for j, (group, label) in enumerate(zip(groups, labels)):
        data = table[table[by] == group].set_index("scale").reindex(scales)
        y = np.arange(len(scales)) + (j - (len(groups) - 1) / 2) * 0.22
        xerr = [(data[estimate] - data[low]).clip(lower=0), (data[high] - data[estimate]).clip(lower=0)]
        ax.errorbar(data[estimate], y, xerr=xerr, fmt="o", ms=4, capsize=2, color=colors[j], label=label)
    ax.set_yticks(range(len(scales)), [scale_labels.get(s, s) for s in scales], fontsize=9)
    ax.invert_yaxis()
    return fig, ax, scales


def jacobson(individual: pd.DataFrame, scale: str, contrast: str, language: str = "en"):
    """Scores before vs after with the no-change line and the RCI band (individual_change.csv)."""
    data = individual[(individual["scale"] == scale) & (individual["contrast"] == contrast)]
    fig, ax = plt.subplots(figsize=(7.5, 5))
    if data.empty:
        ax.text(0.5, 0.5, "-", ha="center")
        return fig
    lo = float(np.nanmin(data[["score_from", "score_to"]].to_numpy())) - 5
    hi = float(np.nanmax(data[["score_from", "score_to"]].to_numpy())) + 5
    band = 1.96 * float(data["s_diff"].iloc[0])
    xs = np.array([lo, hi])
    ax.plot(xs, xs, color="black", lw=1, label=t("no_change_line", language))
    ax.fill_between(xs, xs - band, xs + band, color="#cccccc", alpha=0.5, label=t("rci_band", language))
    for cat, d in data.groupby("rci_category"):
        ax.scatter(d["score_from"], d["score_to"], color=PALETTE.get(cat, "#386cb0"), label=t(cat, language),
                   zorder=3, edgecolor="white")
    ax.set_xlim(lo, hi)
    ax.set_ylim(lo, hi)
    w_from, w_to = data["wave_from"].iloc[0], data["wave_to"].iloc[0]
    ax.set_xlabel(f"{t('score', language)}, {t(w_from, language)}")
    ax.set_ylabel(f"{t('score', language)}, {t(w_to, language)}")
    ax.set_title(t("jacobson", language))
    ax.legend(loc="upper left", bbox_to_anchor=(1.02, 1), fontsize=8, frameon=False)
    fig.tight_layout()
    return fig


# present / excused / absent / not recorded: colour-blind-safe (Okabe & Ito 2008), each visible
# on white and told apart in grey print by its lightness
ATTENDANCE_COLOURS = {"present": "#009E73", "excused": "#56B4E9", "absent": "#D55E00", "": "#FFFFFF"}


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
    fig, ax = plt.subplots(figsize=(6, 0.35 * len(table) + 1.2))
    cmap = matplotlib.colors.ListedColormap([ATTENDANCE_COLOURS[k] for k in statuses])
    ax.imshow(codes, cmap=cmap, vmin=-0.5, vmax=len(statuses) - 0.5, aspect="auto")
    ax.set_xticks(np.arange(-0.5, table.shape[1]), minor=True)
    ax.set_yticks(np.arange(-0.5, len(table)), minor=True)
    ax.grid(which="major", visible=False)
    ax.grid(which="minor", color="#BBBBBB", lw=1)
    ax.tick_params(which="minor", length=0)
    ax.set_xticks(range(table.shape[1]), [str(int(s)) for s in table.columns])
    ax.set_yticks(range(len(table)), [f"{t('child', language)} {k + 1}" for k in range(len(table))])
    ax.set_xlabel(t("session", language))
    ax.set_title(t("attendance", language))
    shown = [k for k in statuses if k and (table == k).to_numpy().any()]
    if (table == "").to_numpy().any():
        shown.append("")
    handles = [Patch(facecolor=ATTENDANCE_COLOURS[k], edgecolor="#BBBBBB", label=t(k or "not_recorded", language))
               for k in shown]
    ax.legend(handles=handles, loc="upper left", bbox_to_anchor=(1.02, 1), frameon=False, fontsize=9)
    fig.tight_layout()
    return fig


def feedback_lines(feedback: pd.DataFrame, item_labels: dict, language: str = "en"):
    """Per-session feedback means with 95% CI per item (process/feedback_sessions.csv)."""
    fig, ax = plt.subplots(figsize=(7, 4))
    for k, (item, d) in enumerate(feedback.groupby("item", sort=False)):
        x = d["session"] + (k - 1) * 0.08
        ax.errorbar(x, d["mean"], yerr=[d["mean"] - d["ci_low"], d["ci_high"] - d["mean"]], marker="o",
                    capsize=2, label=item_labels.get(item, item))
    ax.set_xlabel(t("session", language))
    ax.set_ylabel(t("rating", language))
    ax.set_title(t("feedback", language))
    ax.legend(fontsize=8)
    fig.tight_layout()
    return fig


def goal_bars(goals: pd.DataFrame, language: str = "en", attained_at: float | None = None,
              scale_max: float | None = None):
    """The worker's goal-attainment rating per session (process/goal_attainment.csv)."""
    fig, ax = plt.subplots(figsize=(6, 3.2))
    ax.bar(goals["session"].astype(int).astype(str), goals["mean_rating"], color="#7570b3")
    if attained_at is not None:
        ax.axhline(attained_at, color="#1b9e77", ls="--", lw=1.5, label=t("attained", language))
        ax.legend(loc="lower right", fontsize=8)
    if scale_max is not None:
        ax.set_ylim(0, scale_max)
    ax.set_xlabel(t("session", language))
    ax.set_ylabel(t("rating", language))
    ax.set_title(t("goals", language))
    fig.tight_layout()
    return fig


def trajectory_grid(scores: pd.DataFrame, participants: list[str], waves: list[str], scales: list[str],
                    scale_labels: dict, language: str = "en"):
    """Small multiples of :func:`trajectories`, one panel per scale (own y axis)."""
    cols = min(3, len(scales))
    rows = int(np.ceil(len(scales) / cols))
    fig, axes = plt.subplots(rows, cols, figsize=(3.6 * cols, 3 * rows), squeeze=False)
    x = {w: k for k, w in enumerate(waves)}
    for ax, scale in zip(axes.flat, scales):
        data = scores[(scores["scale"] == scale) & scores["participant_id"].isin(participants) & scores["wave"].isin(waves)]
        for _, d in data.groupby("participant_id", sort=True):
            d = d.assign(_x=d["wave"].map(x)).sort_values("_x")
            ax.plot(d["_x"], d["score"], color="#999999", lw=0.8, marker="o", ms=2, alpha=0.8)
        means = data.groupby("wave")["score"].mean().reindex(waves)
        ax.plot(range(len(waves)), means.to_numpy(), color="#1b4f9c", lw=2.5, marker="o")
        ax.set_xticks(range(len(waves)), [t(w, language) for w in waves], fontsize=8)
        ax.set_title(scale_labels.get(scale, scale), fontsize=10)
    for ax in list(axes.flat)[len(scales):]:
        ax.axis("off")
    fig.suptitle(t("subscale_trajectories", language))
    fig.tight_layout()
    return fig


def qq_differences(individual: pd.DataFrame, scales: list[str], contrast: str, scale_labels: dict,
                   language: str = "en", title: str | None = None):
    """Normal Q-Q plot of each child's change (individual_change.csv ``change``), one panel per scale.

    Drawing only: the points are the observed changes against normal plotting positions; the
    Shapiro-Wilk test itself is in paired.csv.
    """
    from scipy import stats

    fig, axes = plt.subplots(1, len(scales), figsize=(3 * len(scales), 3), squeeze=False)
    for ax, scale in zip(axes.flat, scales):
        change = individual[(individual["scale"] == scale) & (individual["contrast"] == contrast)]["change"].dropna()
        if len(change) < 3:
            ax.axis("off")
            continue
        (osm, osr), (slope, intercept, _) = stats.probplot(change.to_numpy(), dist="norm")
        ax.scatter(osm, osr, color="#386cb0", s=18, zorder=3)
        ax.plot(osm, slope * np.asarray(osm) + intercept, color="grey", lw=1)
        ax.set_title(scale_labels.get(scale, scale), fontsize=10)
        ax.set_xlabel(t("theoretical_quantiles", language), fontsize=8)
    axes.flat[0].set_ylabel(t("observed_differences", language), fontsize=8)
    fig.suptitle(title or t("qq", language))
    fig.tight_layout()
    return fig


def alpha_forest(reliability: pd.DataFrame, scale_labels: dict, waves: list[str], language: str = "en"):
    """Cronbach's alpha with its Feldt 95% CI per scale and wave (reliability.csv), with .70 marked."""
    fig, ax, _ = _dodged_intervals(reliability, "wave", waves, [t(w, language) for w in waves],
                                   ["#1b4f9c", "#1b9e77", "#d95f02", "#666666"],
                                   ("alpha", "alpha_ci_low_feldt", "alpha_ci_high_feldt"), scale_labels)
    ax.axvline(0.7, color="grey", ls="--", lw=1)
    ax.set_xlim(max(-1.0, float(np.nanmin(reliability["alpha_ci_low_feldt"])) - 0.05), 1.0)
    ax.set_xlabel("α [95% CI]")
    ax.set_title(t("alpha_ci", language))
    ax.legend(loc="lower left", fontsize=8)
    fig.tight_layout()
    return fig
