"""A comparison group (e.g. waiting-list children) beside the intervention group.

Two views of the same question, "did the group change more than the comparison children?":

- ANCOVA of the later score on the earlier score and arm (``ancova_table``): the adjusted
  difference between the arms at the later wave, the usual analysis of a pre/post design with a
  comparison group (Vickers & Altman 2001; Van Breukelen 2006), with the homogeneity-of-slopes
  check (pre x arm) that its interpretation rests on.
- The group x time interaction of a random-intercept mixed model over all waves
  (``group_by_time_table``), which keeps children with a missing wave.

``scores`` is the long table participant_id, wave, scale, score; ``arms`` is a table
participant_id, arm with arm "group" or "comparison" (anything else, e.g. "" for a child of the
baseline survey who is in neither arm, is left out). Every arm coefficient is group - comparison.
"""
from __future__ import annotations

import numpy as np
import pandas as pd
from scipy import stats

from sweval.direction import read_sign
from sweval.errors import InputError
from sweval.longitudinal import ENGINE_LABEL, long_scores, random_intercept_fit

__all__ = ["arm_of", "has_comparison_group", "ancova", "ancova_table", "group_by_time_table",
           "comparison_table", "ANCOVA_COLUMNS", "GROUP_BY_TIME_COLUMNS", "NO_COMPARISON_NOTE"]

NAN = float("nan")
ARMS = ("group", "comparison")
ANCOVA_COLUMNS = [
    "scale", "wave_from", "wave_to", "n_group", "n_comparison", "n_excluded",
    "mean_from_group", "mean_from_comparison", "mean_to_group", "mean_to_comparison",
    "adj_mean_group", "adj_mean_comparison", "estimate", "se", "ci_low", "ci_high", "t", "df", "p",
    "f", "partial_eta_sq", "slope_from", "slopes_interaction_f", "slopes_interaction_p",
    "direction", "favours", "method", "note",
]
GROUP_BY_TIME_COLUMNS = [
    "scale", "term", "contrast", "wave_from", "wave_to", "estimate", "se", "ci_low", "ci_high",
    "z", "p", "df", "p_t", "ci_t_low", "ci_t_high", "var_participant", "var_residual",
    "n_group", "n_comparison", "n_observations", "converged", "direction", "favours", "method",
    "note",
]
NO_COMPARISON_NOTE = ("The study has no comparison group: no child has arm 'comparison' in "
                      "results/clean/responses.csv (config key comparison_roster), so no "
                      "between-arm analysis was run.")


# ---------------------------------------------------------------------------------------------
# arms


def arm_of(arms: pd.DataFrame) -> pd.Series:
    """participant_id -> "group" / "comparison", from a table with one or more rows per child.

    Blank or other arm values are dropped (the child is in neither arm). Raises ``InputError``
    when a child has two different arms.
    """
    needed = {"participant_id", "arm"}
    if needed - set(arms.columns):
        raise InputError(f"arms lacks column(s) {sorted(needed - set(arms.columns))}.",
                         hint="pass participant_id and arm ('group' or 'comparison').")
    a = arms[["participant_id", "arm"]].copy()
    a["arm"] = a["arm"].astype(object).where(a["arm"].notna(), "").astype(str).str.strip()
    a = a[a["arm"].isin(ARMS)].drop_duplicates()
    clash = a["participant_id"].duplicated(keep=False)
    if clash.any():
        raise InputError(f"participant {a.loc[clash, 'participant_id'].iloc[0]!r} is listed in "
                         f"both arms.", hint="each child belongs to the group or the comparison "
                                             "group, not both; check the rosters.")
    return a.set_index("participant_id")["arm"]


def has_comparison_group(arms: pd.DataFrame | None) -> bool:
    """True when at least one child is in each arm."""
    if arms is None or "arm" not in arms.columns:
        return False
    present = set(arm_of(arms))
    return set(ARMS) <= present


def _favours(estimate: float, direction: str):
    return read_sign(estimate, direction, better="group", worse="comparison", neither="neither")


# ---------------------------------------------------------------------------------------------
# ANCOVA


def ancova(pre, post, is_group, ci: float = 0.95) -> dict:
    """ANCOVA of post on pre and arm for complete pairs (no NaN): ``post = b0 + b1 pre + b2 g + e``.

    g = 1 for the group, 0 for the comparison children; fitted by OLS (statsmodels). Returns
    estimate = b2 (the group - comparison difference adjusted for pre), its se, t with
    df = n - 3, two-sided p and the t-based ``ci`` interval; f = t^2 (the type III F of arm, as
    ``car::Anova(type = 3)``); partial_eta_sq = SS_arm / (SS_arm + SS_residual) = t^2 / (t^2 + df)
    (Cohen 1973); the adjusted means at the mean pre score of the analysed children (as
    ``emmeans``); slope_from = b1; and the homogeneity-of-slopes check, the F and p of the
    pre x g term added to the model (1 df, so F = t^2 of that coefficient). A small
    slopes_interaction_p says the arms' regression lines are not parallel, so one adjusted
    difference does not describe them (Huitema 2011, ch. 9).

    Not fitted (NaN statistics, ``note`` says why) with fewer than 2 children in an arm, fewer
    than 4 children in all, or a pre score that does not vary (or varies only between arms). The
    slopes check needs n >= 5 and is NaN below.
    """
    x0, y, g = (np.asarray(v, dtype=float).ravel() for v in (pre, post, is_group))
    n_g, n_c = int(g.sum()), int((1 - g).sum())
    out = {k: NAN for k in ("adj_mean_group", "adj_mean_comparison", "estimate", "se", "ci_low",
                            "ci_high", "t", "df", "p", "f", "partial_eta_sq", "slope_from",
                            "slopes_interaction_f", "slopes_interaction_p")}
    out["note"] = ""
    X = np.column_stack([np.ones_like(x0), x0, g])
    if min(n_g, n_c) < 2 or len(y) < 4 or np.linalg.matrix_rank(X) < 3:
        out["note"] = ("not fitted: needs at least 2 children per arm, 4 in all, and pre scores "
                       "that vary within the arms")
        return out
    from statsmodels.regression.linear_model import OLS  # only studies with a comparison arm pay for it

    res = OLS(y, X).fit()
    df = float(res.df_resid)
    est, se, t = float(res.params[2]), float(res.bse[2]), float(res.tvalues[2])
    low, high = (float(v) for v in res.conf_int(1 - ci)[2])
    adj_c = float(res.params[0] + res.params[1] * x0.mean())
    out.update(adj_mean_group=adj_c + est, adj_mean_comparison=adj_c, estimate=est, se=se,
               ci_low=low, ci_high=high, t=t, df=df, p=float(res.pvalues[2]), f=t * t,
               partial_eta_sq=t * t / (t * t + df), slope_from=float(res.params[1]))
    X2 = np.column_stack([X, x0 * g])
    if len(y) >= 5 and np.linalg.matrix_rank(X2) == 4:
        res2 = OLS(y, X2).fit()
        out.update(slopes_interaction_f=float(res2.tvalues[3]) ** 2,
                   slopes_interaction_p=float(res2.pvalues[3]))
    return out


def ancova_table(scores: pd.DataFrame, arms: pd.DataFrame, *, pre_wave: str, post_wave: str,
                 scales: list[str] | None = None, directions: dict[str, str] | None = None,
                 ci: float = 0.95) -> pd.DataFrame:
    """One ANCOVA per scale (``ANCOVA_COLUMNS``); see ``ancova`` for the model and edge cases.

    Children with a score at both waves and an arm are analysed; ``n_excluded`` counts children
    with an arm and a row for the scale at either wave who lack one of the two scores. Scales
    follow ``scales`` (default: order of first appearance). ``favours`` reads the sign of the
    adjusted difference through ``directions.get(scale, "higher")``: "group", "comparison" or
    "neither" (|estimate| <= 1e-9).
    """
    data = long_scores(scores, [pre_wave, post_wave])
    arm = arm_of(arms)
    directions = directions or {}
    data = data[data["participant_id"].isin(arm.index)]
    rows = []
    for scale in scales or list(pd.unique(scores["scale"])):
        wide = (data[data["scale"] == scale]
                .pivot(index="participant_id", columns="wave", values="score")
                .reindex(columns=[pre_wave, post_wave]))
        pair = wide.dropna()
        g = (arm.reindex(pair.index) == "group").to_numpy(float)
        res = ancova(pair[pre_wave], pair[post_wave], g, ci)
        direction = directions.get(scale, "higher")
        means = {f"mean_{k}_{a}": float(pair.loc[g == (a == "group"), w].mean())
                 if (g == (a == "group")).any() else NAN
                 for k, w in (("from", pre_wave), ("to", post_wave)) for a in ARMS}
        rows.append({"scale": scale, "wave_from": pre_wave, "wave_to": post_wave,
                     "n_group": int(g.sum()), "n_comparison": int((1 - g).sum()),
                     "n_excluded": int(len(wide) - len(pair)), **means, **res,
                     "direction": direction, "favours": _favours(res["estimate"], direction),
                     "method": f"ANCOVA (OLS) of {post_wave} on {pre_wave} and arm; estimate = "
                               "adjusted group - comparison difference, t(n - 3); partial eta "
                               "squared of arm (type III); slopes check = pre x arm term; "
                               "complete pairs"})
    return pd.DataFrame(rows, columns=ANCOVA_COLUMNS)


# ---------------------------------------------------------------------------------------------
# group x time mixed model


def _design(d: pd.DataFrame, waves: list[str]) -> tuple[np.ndarray, list[tuple[str, str]]]:
    """Columns: intercept, wave dummies (vs waves[0]), group, group x wave dummies."""
    g = (d["arm"] == "group").to_numpy(float)
    dummies = [(d["wave"] == w).to_numpy(float) for w in waves[1:]]
    exog = np.column_stack([np.ones(len(d)), *dummies, g, *(g * x for x in dummies)])
    terms = ([("wave", w) for w in waves[1:]] + [("arm", waves[0])]
             + [("wave x arm", w) for w in waves[1:]])
    return exog, terms


def group_by_time_table(scores: pd.DataFrame, arms: pd.DataFrame, waves: list[str],
                        scales: list[str] | None = None,
                        directions: dict[str, str] | None = None,
                        ci: float = 0.95) -> pd.DataFrame:
    """score ~ wave * arm + (1 | child), REML, per scale (``GROUP_BY_TIME_COLUMNS``).

    Treatment coding: waves[0] and the comparison arm are the reference. Rows per scale:
    ``arm`` (group - comparison at waves[0]); for each later wave w, ``wave`` (the comparison
    children's change waves[0] -> w) and ``wave x arm`` (the group's change minus the comparison
    children's change: the intervention effect). Fitted by ``longitudinal.random_intercept_fit``
    (REML: statsmodels MixedLM, or its closed-form fast path for very large data; nlme-consistent
    GLS standard errors); every observation of a child in an arm is
    kept (missing at random assumed).

    Wald z and normal p and, for small samples, a t reference with
    nlme's between-within df (Pinheiro & Bates 2000, sec. 2.4.2): df = n_participants - 2 for
    ``arm``, which varies between children; df = n_observations - n_participants - 2 (k - 1)
    for the k - 1 wave and k - 1 interaction terms, which vary within children. ``favours``
    reads ``arm`` and ``wave x arm`` estimates through the scale's direction.

    Only waves observed in both arms enter the model; rows of other waves are NaN. A scale with
    fewer than 2 children in an arm, or no later wave observed in both arms, gives NaN rows with
    a ``note`` (no exception).
    """
    data = long_scores(scores, waves)
    arm = arm_of(arms)
    directions = directions or {}
    data = data[data["participant_id"].isin(arm.index) & data["score"].notna()].copy()
    data["arm"] = data["participant_id"].map(arm)
    rows = []
    for scale in scales or list(pd.unique(scores["scale"])):
        d = data[data["scale"] == scale]
        n_arm = d.groupby("arm")["participant_id"].nunique()
        n_g, n_c = int(n_arm.get("group", 0)), int(n_arm.get("comparison", 0))
        used = [w for w in waves if d.loc[d["wave"] == w, "arm"].nunique() == 2]
        n_part, n_obs = n_g + n_c, len(d)
        direction = directions.get(scale, "higher")
        results, note, converged, engine = {}, "", False, "statsmodels"
        var_p = var_e = NAN
        df_between = df_within = NAN
        if min(n_g, n_c) < 2 or waves[0] not in used or len(used) < 2:
            note = (f"not fitted: needs at least 2 children per arm and {waves[0]} plus a later "
                    "wave observed in both arms")
        else:
            d = d[d["wave"].isin(used)]
            n_obs = len(d)
            exog, terms = _design(d, used)
            fit = random_intercept_fit(d["score"].to_numpy(float), exog, d["participant_id"].to_numpy())
            est, se, var_p, var_e, converged, fit_warnings, engine = fit[:7]
            results = {t: (float(est[j]), float(se[j])) for j, t in enumerate(terms, start=1)}
            df_between = n_part - 2
            df_within = n_obs - n_part - 2 * (len(used) - 1)
            note = "; ".join([f"warning: {w}" for w in fit_warnings]
                             + [f"wave {w} left out: not observed in both arms"
                                for w in waves if w not in used])
        method = ("linear mixed model score ~ wave * arm; REML random-intercept model "
                  f"({ENGINE_LABEL[engine]}); nlme-consistent SE and df; reference: "
                  f"{waves[0]}, comparison arm; Wald z and t(df) tests; all available observations")
        z_crit = stats.norm.ppf(0.5 + ci / 2)
        for term, w in [("arm", waves[0])] + [(t, w) for w in waves[1:]
                                              for t in ("wave", "wave x arm")]:
            est, se = results.get((term, w), (NAN, NAN))
            df = df_between if term == "arm" else df_within
            ok = np.isfinite(se) and se > 0
            zval = est / se if ok else NAN
            t_ok = ok and df >= 1
            t_crit = stats.t.ppf(0.5 + ci / 2, df) if t_ok else NAN
            rows.append({
                "scale": scale, "term": term,
                "contrast": waves[0] if term == "arm" else f"{waves[0]}->{w}",
                "wave_from": waves[0], "wave_to": w, "estimate": est, "se": se,
                "ci_low": est - z_crit * se, "ci_high": est + z_crit * se, "z": zval,
                "p": float(2 * stats.norm.sf(abs(zval))) if ok else NAN, "df": df,
                "p_t": float(2 * stats.t.sf(abs(zval), df)) if t_ok else NAN,
                "ci_t_low": est - t_crit * se, "ci_t_high": est + t_crit * se,
                "var_participant": var_p, "var_residual": var_e, "n_group": n_g,
                "n_comparison": n_c, "n_observations": n_obs,
                "converged": converged and (term, w) in results, "direction": direction,
                "favours": _favours(est, direction) if term != "wave" else NAN,
                "method": method, "note": note})
    return pd.DataFrame(rows, columns=GROUP_BY_TIME_COLUMNS)


# ---------------------------------------------------------------------------------------------
# both, for the pipeline


def comparison_table(scores: pd.DataFrame, arms: pd.DataFrame | None, *, waves: list[str],
                     scales: list[str] | None = None,
                     directions: dict[str, str] | None = None) -> pd.DataFrame:
    """ANCOVA for waves[0] -> each later wave, then the group x time model, in one table.

    Column ``analysis`` is "ancova" or "group_by_time"; the other columns are the union of
    ``ANCOVA_COLUMNS`` and ``GROUP_BY_TIME_COLUMNS``. Without a comparison group (``arms`` is
    None, or no child is in one of the arms) the table is one row, analysis "none", with
    ``NO_COMPARISON_NOTE`` in ``note``, so a pipeline step always has an output; likewise, with
    its own note, when there is only one wave.
    """
    if not has_comparison_group(arms):
        return pd.DataFrame({"analysis": ["none"], "note": [NO_COMPARISON_NOTE]})
    if len(waves) < 2:
        return pd.DataFrame({"analysis": ["none"],
                             "note": ["The study has one wave: arms cannot be compared over time."]})
    parts = [ancova_table(scores, arms, pre_wave=waves[0], post_wave=w, scales=scales,
                          directions=directions).assign(analysis="ancova")
             for w in waves[1:]]
    parts.append(group_by_time_table(scores, arms, waves, scales, directions)
                 .assign(analysis="group_by_time"))
    out = pd.concat(parts, ignore_index=True)
    return out[["analysis"] + [c for c in out.columns if c != "analysis"]]
