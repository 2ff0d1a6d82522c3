"""Process evaluation of the group: attendance, after-session feedback, goal attainment.

Inputs are the long tables the clean step writes:

* ``attendance``: participant_id, session (int 1..7), attended (0/1; NaN = not recorded), and
  optionally status (present / absent / excused / '' not recorded; an excused absence is attended 0);
* ``feedback``: participant_id, session, item (e.g. fb_enjoy), value (1-5; NaN = missing);
* ``goal_attainment``: session, goal, rating (the worker's rating on a stated scale);
* ``change`` (from :mod:`sweval.change`): participant_id, scale, contrast, change, rci, rci_category.

With ten children and seven sessions these are descriptions with honest intervals, not
hypothesis tests of the intervention; the few tests here (a trend across sessions, a
dose-response correlation) carry their small-sample caveats in the output.
Every function is pure: DataFrames in, DataFrames (or a dict of them) out.
"""
from __future__ import annotations

import math
from collections.abc import Sequence
from typing import NamedTuple

import numpy as np
import pandas as pd
from scipy import stats

from sweval.baseline import require_columns, spearman
from sweval.errors import ConfigError, InputError
from sweval.longitudinal import random_intercept_fit

GAS_RHO = 0.3  # Kiresuk & Sherman (1968): assumed inter-goal correlation in the GAS T-score


def _no_duplicates(table: pd.DataFrame, keys: list[str], name: str) -> None:
    dup = table.duplicated(keys, keep=False)
    if dup.any():
        first = table.loc[dup, keys].iloc[0].to_dict()
        raise InputError(f"the {name} table has more than one row for {first}.",
                         hint="keep one row per " + " x ".join(keys) + ".")


# --------------------------------------------------------------------------------------------
# attendance
# --------------------------------------------------------------------------------------------

class AttendanceSummary(NamedTuple):
    """The two attendance tables; unpacks as ``by_session, by_child``."""
    by_session: pd.DataFrame
    by_child: pd.DataFrame


def attendance_summary(attendance: pd.DataFrame,
                       sessions: Sequence[int] | None = None) -> AttendanceSummary:
    """Attendance per session and per child.

    The roster is every participant_id in ``attendance``; the sessions are ``sessions`` (pass the
    planned sessions, e.g. range(1, 8), so a session nobody recorded still shows) or those in the
    table. A child x session without a record, or with attended NaN, counts as not present and is
    counted in ``n_unrecorded`` (rates are therefore lower bounds).

    Returns AttendanceSummary(by_session, by_child), a named tuple:
    by_session: session, n_expected, n_recorded, n_present, n_unrecorded, rate, n_absent, n_excused;
    by_child: participant_id, n_sessions, sessions_attended, n_unrecorded, rate, n_absent, n_excused;
    with rate = n_present / n_expected and sessions_attended / n_sessions. Excused absences (leave,
    请假) count as not present in the rate and are reported apart in n_excused; without a status
    column every recorded absence is n_absent and n_excused is 0.

    Edges: attended values other than 0, 1 or NaN -> InputError; duplicate child x session rows ->
    InputError; an empty table -> empty outputs.
    """
    require_columns(attendance, ("participant_id", "session", "attended"), "attendance")
    _no_duplicates(attendance, ["participant_id", "session"], "attendance")
    attended = pd.to_numeric(attendance["attended"], errors="coerce")
    bad = attendance["attended"].notna() & ~attended.isin([0, 1])
    if bad.any():
        row = attendance.loc[bad].iloc[0]
        raise InputError(f"attended must be 0 or 1, got {row['attended']!r} for participant "
                         f"{row['participant_id']} in session {row['session']}.")
    excused = attendance["status"].eq("excused") if "status" in attendance.columns else False
    table = attendance.assign(attended=attended, _absent=attended.eq(0) & ~excused, _excused=excused)
    roster = list(pd.unique(table["participant_id"]))
    planned = sorted(pd.unique(table["session"])) if sessions is None else list(sessions)
    grid = pd.MultiIndex.from_product([roster, planned], names=["participant_id", "session"])
    full = table.set_index(["participant_id", "session"])[["attended", "_absent", "_excused"]].reindex(grid)
    full = full.fillna({"_absent": False, "_excused": False}).reset_index()
    by_session = (full.groupby("session", sort=True)["attended"]
                  .agg(n_expected="size", n_recorded="count", n_present="sum").reset_index())
    by_session["n_unrecorded"] = by_session["n_expected"] - by_session["n_recorded"]
    by_session["n_present"] = by_session["n_present"].astype("int64")
    by_session["rate"] = by_session["n_present"] / by_session["n_expected"]
    by_session[["n_absent", "n_excused"]] = _absences(full, "session", by_session["session"])
    by_child = (full.groupby("participant_id", sort=False)["attended"]
                .agg(n_sessions="size", sessions_attended="sum", n_recorded="count").reset_index())
    by_child["sessions_attended"] = by_child["sessions_attended"].astype("int64")
    by_child["n_unrecorded"] = by_child["n_sessions"] - by_child.pop("n_recorded")
    by_child["rate"] = by_child["sessions_attended"] / by_child["n_sessions"]
    by_child[["n_absent", "n_excused"]] = _absences(full, "participant_id", by_child["participant_id"])
    return AttendanceSummary(by_session, by_child)


def _absences(full: pd.DataFrame, by: str, order: pd.Series) -> np.ndarray:
    """n_absent and n_excused per value of ``by``, in the order of ``order``."""
    counts = full.groupby(by, sort=False)[["_absent", "_excused"]].sum().astype("int64")
    return counts.reindex(order.to_numpy()).to_numpy()


# --------------------------------------------------------------------------------------------
# feedback
# --------------------------------------------------------------------------------------------

def _feedback(feedback: pd.DataFrame) -> pd.DataFrame:
    require_columns(feedback, ("participant_id", "session", "item", "value"), "feedback")
    _no_duplicates(feedback, ["participant_id", "session", "item"], "feedback")
    return feedback.astype({"value": float})


def feedback_summary(feedback: pd.DataFrame, ci: float = 0.95) -> pd.DataFrame:
    """Mean feedback per session x item with a t confidence interval.

    mean +- t_{(1+ci)/2, n-1} sd / sqrt(n) (R t.test(x)$conf.int), sd with n - 1.
    Output columns: session, item, n, n_missing, mean, sd, ci_low, ci_high.

    Edges: NaN values are left out (n_missing); n = 1 -> sd and CI NaN; sd = 0 -> CI of width 0
    (every child gave the same answer; the interval says nothing about other children).
    """
    table = _feedback(feedback)
    out = []
    for (session, item), sub in table.groupby(["session", "item"], sort=True):
        x = sub["value"].dropna().to_numpy()
        n = len(x)
        rec = {"session": session, "item": item, "n": n, "n_missing": int(sub["value"].isna().sum()),
               "mean": x.mean() if n else math.nan, "sd": x.std(ddof=1) if n > 1 else math.nan,
               "ci_low": math.nan, "ci_high": math.nan}
        if n > 1:
            half = stats.t.ppf((1 + ci) / 2, n - 1) * rec["sd"] / math.sqrt(n)
            rec.update(ci_low=rec["mean"] - half, ci_high=rec["mean"] + half)
        out.append(rec)
    columns = ["session", "item", "n", "n_missing", "mean", "sd", "ci_low", "ci_high"]
    return pd.DataFrame(out, columns=columns)


def _ols_slope(x: np.ndarray, y: np.ndarray, ci: float) -> dict:
    """Slope of y on x with its classical SE, t(n-2) p and CI."""
    n = len(x)
    xc = x - x.mean()
    slope = (xc * (y - y.mean())).sum() / (xc ** 2).sum()
    resid = y - y.mean() - slope * xc
    if n <= 2:
        return {"slope": slope, "se": math.nan, "p": math.nan, "ci_low": math.nan, "ci_high": math.nan}
    se = math.sqrt((resid ** 2).sum() / (n - 2) / (xc ** 2).sum())
    if se == 0:  # means exactly on a line
        p = 0.0 if slope else math.nan
    else:
        p = float(2 * stats.t.sf(abs(slope / se), n - 2))
    q = stats.t.ppf((1 + ci) / 2, n - 2)
    return {"slope": slope, "se": se, "p": p, "ci_low": slope - q * se, "ci_high": slope + q * se}


def _mixed_slope(data: pd.DataFrame, ci: float) -> tuple[dict, str]:
    """Random-intercept model value ~ session + (1 | child), REML; returns (result, note)."""
    exog = np.column_stack([np.ones(len(data)), data["session"].to_numpy(float)])
    fit = random_intercept_fit(data["value"].to_numpy(float), exog,
                               data["participant_id"].astype(str).to_numpy())
    if not fit.converged:
        raise RuntimeError("; ".join(fit.warnings) or "REML fit did not converge")
    z = stats.norm.ppf((1 + ci) / 2)
    slope, se = float(fit.estimates[1]), float(fit.se[1])
    if fit.var_participant == 0:
        note = ("child intercept variance at the boundary (0, a singular fit): "
                "the slope is that of OLS on all answers")
    else:
        note = "; ".join(fit.warnings)
    result = {"slope": slope, "se": se, "p": float(2 * stats.norm.sf(abs(slope / se))),
              "ci_low": slope - z * se, "ci_high": slope + z * se,
              "var_child": fit.var_participant, "var_residual": fit.var_residual}
    return result, note


def feedback_trend(feedback: pd.DataFrame, *, method: str = "mixedlm", ci: float = 0.95) -> pd.DataFrame:
    """Does feedback change across sessions? One row per item.

    ``method = "mixedlm"`` (default): linear mixed model value_ij = b0 + b1 session_j + u_i + e_ij
    with a random intercept u_i per child, fitted by REML (Laird & Ware 1982) with
    :func:`sweval.longitudinal.random_intercept_fit` (statsmodels MixedLM at any size a group's
    feedback reaches); SEs from (X' V^-1 X)^-1 as lme4 and nlme.
    It uses every answer while respecting that the same children answer every session, and copes
    with unbalanced data (missed sessions). p and CI are Wald z (lme4 gives
    no df and nlme's df = n_obs - n_children - 1 would be slightly wider). If the model cannot be
    fitted (fewer than 2 children or 3 sessions with answers, or no convergence) the row falls back
    to ``method = "ols_session_means"``: OLS of the session means on session number, t(k-2) —
    which can also be requested directly; it ignores how many children answered each session.

    Also per item: Spearman's rho between session number and session mean (exact permutation p,
    see :func:`sweval.baseline.spearman`), a description of a monotone trend free of any model.

    Output columns: item, method, slope, se, ci_low, ci_high, p, p_method, var_child, var_residual,
    rho_session_means, p_rho, n_obs, n_children, n_sessions, note.

    Edges: NaN values are dropped; an item with answers in fewer than 2 sessions -> NaN slope.
    """
    if method not in ("mixedlm", "ols_session_means"):
        raise ConfigError(f"feedback_trend: method must be 'mixedlm' or 'ols_session_means', not '{method}'.")
    table = _feedback(feedback).dropna(subset=["value"])
    out = []
    for item, data in table.groupby("item", sort=True):
        means = data.groupby("session", sort=True)["value"].mean()
        rho = spearman(means.index.to_numpy(float), means.to_numpy(), ci=ci)
        rec = {"item": item, "method": method, "slope": math.nan, "se": math.nan, "ci_low": math.nan,
               "ci_high": math.nan, "p": math.nan, "p_method": "", "var_child": math.nan, "var_residual": math.nan,
               "rho_session_means": rho["rho"], "p_rho": rho["p"], "n_obs": len(data),
               "n_children": data["participant_id"].nunique(), "n_sessions": len(means), "note": ""}
        if len(means) < 2:
            rec["note"] = "answers in fewer than 2 sessions: no trend"
            out.append(rec)
            continue
        fallback = ""
        if method == "mixedlm":
            if rec["n_children"] >= 2 and len(means) >= 3:
                try:
                    res, note = _mixed_slope(data, ci)
                    rec.update(res, p_method="Wald z, REML", note=note)
                    out.append(rec)
                    continue
                except (RuntimeError, np.linalg.LinAlgError, ValueError) as exc:
                    fallback = f"mixed model not fitted ({exc}): OLS on session means instead"
            else:
                fallback = "fewer than 2 children or 3 sessions: OLS on session means instead"
        rec.update(_ols_slope(means.index.to_numpy(float), means.to_numpy(), ci), method="ols_session_means",
                   p_method="t, df = sessions - 2", note=fallback)
        out.append(rec)
    columns = ["item", "method", "slope", "se", "ci_low", "ci_high", "p", "p_method", "var_child",
               "var_residual", "rho_session_means", "p_rho", "n_obs", "n_children", "n_sessions", "note"]
    return pd.DataFrame(out, columns=columns)


# --------------------------------------------------------------------------------------------
# goal attainment
# --------------------------------------------------------------------------------------------

def goal_attainment_summary(goal_attainment: pd.DataFrame, scale_min: float, scale_max: float, *,
                            threshold: float | None = None) -> pd.DataFrame:
    """The worker's goal ratings per session.

    Output columns: session, n_goals, n_rated, mean_rating, sd_rating, pomp, n_attained,
    share_attained, gas_t.
    pomp = (mean_rating - scale_min) / (scale_max - scale_min) x 100, the percent of the maximum
    possible (Cohen, Cohen, Aiken & West 1999), so 1-5 and -2..+2 ratings read alike.
    share_attained = share of rated goals with rating >= ``threshold`` (e.g. 4 on 1-5, or 0 =
    "expected outcome" on Goal Attainment Scaling).
    gas_t: only when the scale is GAS (-2..+2): Kiresuk & Sherman (1968) T = 50 + 10 sum(x) /
    sqrt((1 - rho) k + rho k^2) over the k rated goals, equal weights, rho = 0.3; NaN otherwise.

    Edges: a rating outside [scale_min, scale_max] -> InputError; ``threshold`` outside the scale
    or missing (a study choice with no safe default) -> ConfigError; a session whose goals are all
    unrated -> NaN statistics (n_goals still counted).
    """
    require_columns(goal_attainment, ("session", "goal", "rating"), "goal attainment")
    if not scale_min < scale_max:
        raise ConfigError(f"goal attainment: scale_min ({scale_min}) must be below scale_max ({scale_max}).")
    if threshold is None:
        raise ConfigError("goal attainment: no threshold for 'attained' was given "
                          "(process.goal_attainment.attained_at in the config, e.g. 4 on a 1-5 scale).")
    if not scale_min <= threshold <= scale_max:
        raise ConfigError(f"goal attainment: threshold {threshold} lies outside the scale {scale_min}..{scale_max}.")
    table = goal_attainment.astype({"rating": float})
    outside = table["rating"].notna() & ~table["rating"].between(scale_min, scale_max)
    if outside.any():
        row = table.loc[outside].iloc[0]
        raise InputError(f"goal '{row['goal']}' in session {row['session']} has rating {row['rating']:g}, "
                         f"outside the scale {scale_min:g}..{scale_max:g}.",
                         hint="check the rating scale given in the config.")
    is_gas = (scale_min, scale_max) == (-2, 2)
    out = []
    for session, sub in table.groupby("session", sort=True):
        x = sub["rating"].dropna().to_numpy()
        k = len(x)
        mean = x.mean() if k else math.nan
        n_attained = int((x >= threshold).sum())
        out.append({"session": session, "n_goals": len(sub), "n_rated": k, "mean_rating": mean,
                    "sd_rating": x.std(ddof=1) if k > 1 else math.nan,
                    "pomp": (mean - scale_min) / (scale_max - scale_min) * 100,
                    "n_attained": n_attained, "share_attained": n_attained / k if k else math.nan,
                    "gas_t": (50 + 10 * x.sum() / math.sqrt((1 - GAS_RHO) * k + GAS_RHO * k ** 2))
                    if is_gas and k else math.nan})
    columns = ["session", "n_goals", "n_rated", "mean_rating", "sd_rating", "pomp", "n_attained",
               "share_attained", "gas_t"]
    return pd.DataFrame(out, columns=columns)


# --------------------------------------------------------------------------------------------
# dose and response
# --------------------------------------------------------------------------------------------

def attendance_change_link(attendance: pd.DataFrame, change: pd.DataFrame, scale: str = "total",
                           contrast: str = "pre->post", ci: float = 0.95,
                           sessions: Sequence[int] | None = None) -> pd.DataFrame:
    """Did children who came more often change more? Spearman's rho, sessions attended vs change.

    One row: scale, contrast, n, sessions_min, sessions_max, rho, ci_low, ci_high, p, p_method,
    caution. rho, its exact permutation p (with tied attendance counts the number of distinct
    orderings is small, so p is exact for n = 10) and its Fisher-z CI (Bonett-Wright SE) come from
    :func:`sweval.baseline.spearman`. ``sessions`` as in :func:`attendance_summary`.

    ``caution`` always says: with n children the CI is wide (the text gives n); attendance usually
    varies little in a small group, which caps any correlation; and it is not a dose-response
    effect, since children who come more often differ in other ways (motivation, family support).

    Edges: children with attendance but no change row (or NaN change) are left out; no variance in
    sessions attended or in change -> rho NaN, with the reason in p_method.
    """
    require_columns(change, ("participant_id", "scale", "contrast", "change"), "change")
    by_child = attendance_summary(attendance, sessions).by_child
    rows = change.loc[(change["scale"] == scale) & (change["contrast"] == contrast), ["participant_id", "change"]]
    _no_duplicates(rows, ["participant_id"], f"change ({scale}, {contrast})")
    data = by_child.merge(rows, on="participant_id", how="inner").dropna(subset=["change"])
    res = spearman(data["sessions_attended"].astype(float), data["change"].astype(float), ci=ci)
    n = res["n"]
    lo, hi = (int(data["sessions_attended"].min()), int(data["sessions_attended"].max())) if n else (0, 0)
    caution = (f"n = {n} children: the interval is wide and one child can move rho a lot; "
               f"sessions attended range only {lo}-{hi}, which limits any correlation; "
               "a correlation, not a dose-response effect: children who attend more may differ in "
               "motivation or support.")
    return pd.DataFrame([{"scale": scale, "contrast": contrast, "n": n, "sessions_min": lo, "sessions_max": hi,
                          "rho": res["rho"], "ci_low": res["ci_low"], "ci_high": res["ci_high"], "p": res["p"],
                          "p_method": res["p_method"], "caution": caution}])
