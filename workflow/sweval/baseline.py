"""Baseline needs assessment: where the whole baseline sample stands, and what goes with it.

The baseline survey (in the example study, 50 children) answers three questions before the group starts:

1. How many children are at a low / medium / high level (:func:`level_distribution`), and what
   the score profile looks like (:func:`score_descriptives`).
2. Which family, school and community factors go with lower scores, one variable at a time
   (:func:`factor_tests`, :func:`factor_categories`) and jointly (:func:`factor_regression`: a
   model sized to the sample, at most one degree of freedom per 10 children, its predictors
   taken in a priority order the config fixes before the data are seen).
3. Whether the children chosen for the group really were the low scorers (:func:`selection_check`).

Every function takes DataFrames and returns DataFrames (or a dict of them); nothing is read or
written here. Input tables are the ``scores`` (long) table from the score step, the
``background`` table (one row per child, one column per background variable) and the ``group``
roster. Background variables are described by metadata dicts::

    {"id": "single_parent", "level": "family", "type": "categorical", "categories": ["否", "是"]}
    {"id": "years_since_relocation", "level": "community", "type": "numeric"}

For categorical variables the order of ``categories`` matters: the first category is the
reference in the regression and the "first group" in two-group effect sizes (a positive Hedges' g
or rank-biserial r means the first category scores higher). Without ``categories`` the values
found are sorted. Values must match the category strings exactly (a codebook that yields 1.0 for
"1" will not match): recoding belongs to the clean step.

With 50 children every cell is small: p-values are reported raw and Holm-adjusted, effect sizes
always with their confidence interval, and the rule that chose each test is written next to it.
"""
from __future__ import annotations

import itertools
import math
from collections.abc import Iterable, Mapping, Sequence

import numpy as np
import pandas as pd
from scipy import optimize, special, stats

from sweval.errors import ConfigError, InputError
from sweval.noncentral import t_ncp_interval
from sweval.paired import holm

SCORE_COLUMNS = ("participant_id", "wave", "scale", "score", "level")
MIN_N_PARAMETRIC = 15
ALPHA_NORMALITY = 0.05
# Exact permutation distributions are enumerated up to these sizes (see _spearman, _mann_whitney).
SPEARMAN_EXACT_MAX_ORDERINGS = 400_000  # 9! = 362,880: every untied n <= 9; more with ties
MANN_WHITNEY_EXACT_MAX_N = 200


# --------------------------------------------------------------------------------------------
# input helpers
# --------------------------------------------------------------------------------------------

def require_columns(table: pd.DataFrame, columns: Iterable[str], name: str) -> None:
    """InputError naming the missing columns of the ``name`` table and the ones it has."""
    missing = [c for c in columns if c not in table.columns]
    if missing:
        raise InputError(f"the {name} table lacks column(s) {', '.join(missing)}; "
                         f"it has {', '.join(map(str, table.columns))}.")


def _scale_scores(scores: pd.DataFrame, wave: str, scale: str) -> pd.DataFrame:
    """One row per child for ``wave`` x ``scale``: participant_id, score, level."""
    require_columns(scores, SCORE_COLUMNS, "scores")
    rows = scores.loc[(scores["wave"] == wave) & (scores["scale"] == scale),
                      ["participant_id", "score", "level"]]
    if rows.empty:
        raise InputError(f"no scores for wave '{wave}' and scale '{scale}'.",
                         hint="check the wave and scale names in the config against the scores table.")
    duplicated = rows["participant_id"].duplicated(keep=False)
    if duplicated.any():
        ids = ", ".join(map(str, rows.loc[duplicated, "participant_id"].unique()[:5]))
        raise InputError(f"more than one '{scale}' score at wave '{wave}' for participant(s) {ids}.",
                         hint="wave matching should leave one row per child, wave and scale.")
    return rows.reset_index(drop=True).astype({"score": float})


def _variable_meta(variable: Mapping) -> tuple[str, str, str, list[str] | None]:
    try:
        vid, vtype = variable["id"], variable["type"]
    except (KeyError, TypeError) as exc:
        raise ConfigError(f"background variable {variable!r} needs at least 'id' and 'type'.") from exc
    if vtype not in ("categorical", "numeric"):
        raise ConfigError(f"background variable '{vid}': type must be 'categorical' or 'numeric', "
                          f"not '{vtype}'.")
    categories = variable.get("categories")
    return vid, variable.get("level", ""), vtype, (list(categories) if categories else None)


def _merge_variable(scale_scores: pd.DataFrame, background: pd.DataFrame, vid: str) -> pd.DataFrame:
    """participant_id, score, level, value for children with both a score and a value."""
    require_columns(background, ("participant_id", vid), "background")
    merged = scale_scores.merge(background[["participant_id", vid]], on="participant_id", how="inner")
    merged = merged.rename(columns={vid: "value"})
    return merged.loc[merged["score"].notna() & merged["value"].notna()].reset_index(drop=True)


def _ordered_categories(values: pd.Series, vid: str, categories: list[str] | None) -> list[str]:
    """Categories in metadata order; values outside the metadata are an input error."""
    present = [str(v) for v in pd.unique(values.astype(str))]
    if categories is None:
        return sorted(present)
    unknown = sorted(set(present) - set(categories))
    if unknown:
        raise InputError(f"background variable '{vid}' has value(s) {', '.join(unknown)} that are not "
                         f"among its categories ({', '.join(categories)}).",
                         hint="recode the values in the codebook or add the category to the variable's metadata.")
    return list(categories)


# --------------------------------------------------------------------------------------------
# statistics used by several functions (each computed here and only here)
# --------------------------------------------------------------------------------------------

def hedges_g(x: np.ndarray, y: np.ndarray, ci: float = 0.95) -> tuple[float, float, float]:
    """Hedges' g of ``x`` minus ``y`` with a noncentral-t confidence interval.

    g = J * (mean_x - mean_y) / s_pooled, s_pooled^2 = ((n_x-1)s_x^2 + (n_y-1)s_y^2)/(n_x+n_y-2),
    J = Gamma(df/2) / (sqrt(df/2) Gamma((df-1)/2)) with df = n_x + n_y - 2 (exact small-sample
    correction, Hedges 1981). CI: invert the noncentral t of the Student t statistic
    (Steiger & Fouladi 1997), scale by sqrt(1/n_x + 1/n_y), multiply by J — the method and defaults
    of R effectsize::hedges_g(x, y). The pooled SD is used even next to a Welch t test, because it is
    the standardiser readers compare across studies.

    Edges: n_x or n_y < 2 or both SDs zero -> all NaN.
    """
    x, y = np.asarray(x, float), np.asarray(y, float)
    n1, n2 = len(x), len(y)
    if n1 < 2 or n2 < 2:
        return math.nan, math.nan, math.nan
    df = n1 + n2 - 2
    s = math.sqrt(((n1 - 1) * x.var(ddof=1) + (n2 - 1) * y.var(ddof=1)) / df)
    if s == 0:
        return math.nan, math.nan, math.nan
    d = (x.mean() - y.mean()) / s
    hn = math.sqrt(1 / n1 + 1 / n2)
    j = math.exp(special.gammaln(df / 2) - math.log(math.sqrt(df / 2)) - special.gammaln((df - 1) / 2))
    low, high = t_ncp_interval(d / hn, df, ci)
    return j * d, j * low * hn, j * high * hn


def rank_biserial(x: np.ndarray, y: np.ndarray, ci: float = 0.95) -> tuple[float, float, float]:
    """Rank-biserial correlation of two independent samples with a Fisher-z CI.

    r = U_x/(n_x n_y) - U_y/(n_x n_y) = 2 U_x/(n_x n_y) - 1, U from mid-ranks of the pooled sample
    (Glass 1965; Kerby 2014). Positive: ``x`` tends to be larger. CI: tanh(atanh(r) +- z * SE),
    SE = sqrt((n_x + n_y + 1) / (3 n_x n_y)) — as R effectsize::rank_biserial.

    Edges: an empty sample -> NaN; |r| = 1 gives the degenerate CI [r, r].
    """
    x, y = np.asarray(x, float), np.asarray(y, float)
    n1, n2 = len(x), len(y)
    if n1 == 0 or n2 == 0:
        return math.nan, math.nan, math.nan
    ranks = stats.rankdata(np.concatenate([x, y]))
    u1 = ranks[:n1].sum() - n1 * (n1 + 1) / 2
    r = 2 * u1 / (n1 * n2) - 1
    se = math.sqrt((n1 + n2 + 1) / (3 * n1 * n2))
    z = stats.norm.ppf((1 + ci) / 2)
    with np.errstate(divide="ignore"):
        zr = np.arctanh(r)
    return r, float(np.tanh(zr - z * se)), float(np.tanh(zr + z * se))


def _mann_whitney(x: np.ndarray, y: np.ndarray) -> tuple[float, float, str]:
    """U of ``x``, two-sided p, and how p was obtained.

    Up to MANN_WHITNEY_EXACT_MAX_N children in all: the exact conditional (permutation)
    distribution of the mid-rank sum of ``x`` given the observed ties, counted by dynamic
    programming over doubled mid-ranks (integers); p = P(|W - E W| >= |w - E W|), as
    R coin::wilcox_test(distribution = "exact"). Without ties this is R wilcox.test's exact p.
    Larger samples: normal approximation with tie-corrected variance and continuity correction,
    as R wilcox.test(exact = FALSE).
    """
    n1, n2 = len(x), len(y)
    ranks = stats.rankdata(np.concatenate([x, y]))
    w = ranks[:n1].sum()
    u = w - n1 * (n1 + 1) / 2
    n = n1 + n2
    if n <= MANN_WHITNEY_EXACT_MAX_N:
        doubled = np.rint(2 * ranks).astype(np.int64)
        k = min(n1, n2)  # count subsets of the smaller size: same distribution, less work
        top = int(np.sort(doubled)[-k:].sum())
        counts = np.zeros((k + 1, top + 1))
        counts[0, 0] = 1.0
        for i, a in enumerate(doubled):
            for j in range(min(i + 1, k), 0, -1):
                counts[j, a:] += counts[j - 1, : top + 1 - a]
        dist = counts[k] / counts[k].sum()
        sums = np.arange(top + 1)
        w_k = int(np.rint(2 * (w if k == n1 else ranks[n1:].sum())))
        expected = k * (n + 1)  # doubled
        tol = 1e-7
        p = dist[np.abs(sums - expected) >= abs(w_k - expected) - tol].sum()
        return float(u), float(min(1.0, p)), "exact conditional permutation (mid-ranks)"
    _, tie_counts = np.unique(ranks, return_counts=True)
    sigma = math.sqrt(n1 * n2 / 12 * ((n + 1) - (tie_counts ** 3 - tie_counts).sum() / (n * (n - 1))))
    z = u - n1 * n2 / 2
    z = (z - math.copysign(0.5, z)) / sigma if z != 0 else 0.0
    return float(u), float(2 * stats.norm.sf(abs(z))), "normal approximation, tie-corrected, continuity correction"


def _arrangements(values: np.ndarray) -> np.ndarray:
    """Every distinct ordering of ``values`` (a multiset), one per row: n! / prod(t_i!) rows.

    Built value by value: each distinct value takes every combination of the still-free positions.
    """
    distinct, counts = np.unique(values, return_counts=True)
    n = len(values)
    rows, free = np.zeros((1, n)), np.arange(n)[None, :]
    for value, count in zip(distinct, counts):
        m = free.shape[1]
        combos = np.array(list(itertools.combinations(range(m), count)), dtype=int).reshape(-1, count)
        rest = np.array([[j for j in range(m) if j not in set(c)] for c in combos], dtype=int).reshape(len(combos), m - count)
        r, k = len(rows), len(combos)
        rows, free = np.repeat(rows, k, axis=0), np.repeat(free, k, axis=0)
        np.put_along_axis(rows, np.take_along_axis(free, np.tile(combos, (r, 1)), axis=1), value, axis=1)
        free = np.take_along_axis(free, np.tile(rest, (r, 1)), axis=1)
    return rows


def _n_arrangements(values: np.ndarray) -> int:
    _, counts = np.unique(values, return_counts=True)
    return math.factorial(len(values)) // math.prod(math.factorial(int(c)) for c in counts)


def _spearman_exact_p(rx: np.ndarray, ry: np.ndarray, rho: float) -> float:
    """Two-sided permutation p of Spearman's rho: 2 x the smaller tail over all orderings.

    The mid-ranks of the variable with fewer distinct orderings (more ties) are permuted; each
    distinct ordering stands for prod(t_i!) equally likely permutations, so the distribution is the
    full n! one.
    """
    fixed, moved = (rx, ry) if _n_arrangements(ry) <= _n_arrangements(rx) else (ry, rx)
    perms = _arrangements(moved)
    fc, pc = fixed - fixed.mean(), perms - perms.mean(axis=1, keepdims=True)
    rhos = pc @ fc / (np.sqrt((pc ** 2).sum(axis=1)) * math.sqrt((fc ** 2).sum()))
    tol = 1e-9
    upper = np.mean(rhos >= rho - tol)
    lower = np.mean(rhos <= rho + tol)
    return float(min(1.0, 2 * min(upper, lower)))


def spearman(x: Sequence[float], y: Sequence[float], ci: float = 0.95) -> dict:
    """Spearman's rho with p-value and Fisher-z confidence interval.

    rho = Pearson correlation of mid-ranks; S = (n^3 - n)(1 - rho)/6 as R cor.test reports it.
    p (two-sided): exact whenever one variable has at most 400,000 distinct orderings
    n!/prod(t_i!) (every n <= 9; with ties, larger n — e.g. sessions attended by 10 children):
    2 x the smaller tail of the permutation distribution, mid-ranks kept for ties (without ties
    this equals R cor.test(method = "spearman")'s exact p). Otherwise the t approximation
    t = rho sqrt((n-2)/(1-rho^2)), df = n-2, as R cor.test(exact = FALSE). CI: tanh(atanh(rho) +- z SE) with the Bonett & Wright (2000) standard error
    SE = sqrt((1 + rho^2/2)/(n - 3)), better than 1/sqrt(n-3) for rank correlations.

    Edges: pairs with a NaN are dropped; n < 3 or zero variance in either variable -> rho NaN;
    n <= 3 -> CI NaN (SE undefined); |rho| = 1 -> CI [rho, rho].

    Returns dict: n, rho, statistic (S), p, p_method, ci_low, ci_high.
    """
    x, y = np.asarray(x, float), np.asarray(y, float)
    ok = ~(np.isnan(x) | np.isnan(y))
    x, y = x[ok], y[ok]
    n = len(x)
    out = {"n": n, "rho": math.nan, "statistic": math.nan, "p": math.nan, "p_method": "",
           "ci_low": math.nan, "ci_high": math.nan}
    if n < 3 or np.ptp(x) == 0 or np.ptp(y) == 0:
        out["p_method"] = "not computed: fewer than 3 pairs or a variable without variance"
        return out
    rx, ry = stats.rankdata(x), stats.rankdata(y)
    rho = float(np.corrcoef(rx, ry)[0, 1])
    out.update(rho=rho, statistic=(n ** 3 - n) * (1 - rho) / 6)
    orderings = min(_n_arrangements(rx), _n_arrangements(ry))
    if orderings <= SPEARMAN_EXACT_MAX_ORDERINGS:
        out.update(p=_spearman_exact_p(rx, ry, rho), p_method=f"exact permutation ({orderings} distinct orderings)")
    else:
        t = rho * math.sqrt((n - 2) / (1 - rho ** 2)) if abs(rho) < 1 else math.copysign(math.inf, rho)
        out.update(p=float(2 * stats.t.sf(abs(t), n - 2)), p_method="t approximation, df = n - 2")
    if n > 3:
        z = stats.norm.ppf((1 + ci) / 2)
        se = math.sqrt((1 + rho ** 2 / 2) / (n - 3))
        with np.errstate(divide="ignore"):
            zr = np.arctanh(rho)
        out.update(ci_low=float(np.tanh(zr - z * se)), ci_high=float(np.tanh(zr + z * se)))
    return out


def _welch_anova(groups: list[np.ndarray]) -> tuple[float, float, float, float]:
    """Welch (1951) one-way ANOVA: F, df1, df2, p (R oneway.test(var.equal = FALSE))."""
    k = len(groups)
    n = np.array([len(g) for g in groups], float)
    m = np.array([g.mean() for g in groups])
    v = np.array([g.var(ddof=1) for g in groups])
    if np.any(v == 0):
        return math.nan, k - 1.0, math.nan, math.nan
    w = n / v
    mw = (w * m).sum() / w.sum()
    lam = ((1 - w / w.sum()) ** 2 / (n - 1)).sum()
    f = ((w * (m - mw) ** 2).sum() / (k - 1)) / (1 + 2 * (k - 2) * lam / (k ** 2 - 1))
    df2 = (k ** 2 - 1) / (3 * lam)
    return float(f), k - 1.0, float(df2), float(stats.f.sf(f, k - 1, df2))


def _ncp_f_interval(f: float, df1: float, df2: float, ci: float) -> tuple[float, float]:
    """Noncentrality interval of an observed F (lower bound 0 where F is too small)."""
    alpha = 1 - ci

    def cdf(ncp: float) -> float:
        return stats.f.cdf(f, df1, df2) if ncp == 0 else stats.ncf.cdf(f, df1, df2, ncp)

    def solve(prob: float) -> float:
        if cdf(0.0) <= prob:
            return 0.0
        hi = max(10.0, 2 * f * df1)
        while cdf(hi) > prob:
            hi *= 2
        return optimize.brentq(lambda ncp: cdf(ncp) - prob, 0.0, hi, xtol=1e-12)

    return solve(1 - alpha / 2), solve(alpha / 2)


def omega_squared_welch(f: float, df1: float, df2: float, ci: float = 0.95) -> tuple[float, float, float]:
    """Omega-squared from a (Welch) F with a two-sided noncentral-F confidence interval.

    omega^2 = max(0, (F - 1) df1 / (F df1 + df2 + 1)) (R effectsize::F_to_omega2). With Welch's F the
    value is an approximation (variances are not pooled), as effectsize warns for
    effectsize(oneway.test(var.equal = FALSE), type = "omega"). CI, following effectsize 0.8.3:
    take the F whose eta-squared equals omega^2, F* = (omega^2/df1) / ((1 - omega^2)/df2), find its
    noncentrality interval [l, u] (Steiger 2004) and map it to l/(l + df2), u/(u + df2). Unlike
    effectsize's default (one-sided, upper end 1) the interval here is two-sided.

    Edges: non-finite F (a category with zero variance) -> NaN; omega^2 = 0 -> CI [0, upper].
    """
    if not (np.isfinite(f) and np.isfinite(df2)):
        return math.nan, math.nan, math.nan
    est = max(0.0, (f - 1) * df1 / (f * df1 + df2 + 1))
    f_star = (est / df1) / ((1 - est) / df2)
    low, high = _ncp_f_interval(f_star, df1, df2, ci)
    return est, low / (low + df2), high / (high + df2)


def epsilon_squared(h: float, n: int) -> float:
    """Rank epsilon-squared of a Kruskal-Wallis H: H / ((n^2 - 1)/(n + 1)) = H/(n - 1).

    Tomczak & Tomczak (2014); R effectsize::rank_epsilon_squared. NaN when H is NaN or n < 2.
    """
    return h / (n - 1) if n >= 2 and np.isfinite(h) else math.nan


def _epsilon_squared_bootstrap(groups: list[np.ndarray], n_boot: int, seed: int, ci: float) -> tuple[float, float]:
    """Percentile CI of epsilon-squared, resampling children within each category (seeded)."""
    rng = np.random.default_rng(seed)
    n = sum(len(g) for g in groups)
    draws = np.empty(n_boot)
    for b in range(n_boot):
        resampled = [rng.choice(g, size=len(g), replace=True) for g in groups]
        if np.ptp(np.concatenate(resampled)) == 0:
            draws[b] = 0.0
            continue
        draws[b] = epsilon_squared(stats.kruskal(*resampled).statistic, n)
    draws = draws[np.isfinite(draws)]
    alpha = 1 - ci
    return float(np.quantile(draws, alpha / 2)), float(np.quantile(draws, 1 - alpha / 2))


# --------------------------------------------------------------------------------------------
# 1. level and profile
# --------------------------------------------------------------------------------------------

def level_distribution(scores: pd.DataFrame, wave: str, scale: str,
                       level_order: Sequence[str] = ("low", "medium", "high"),
                       ci: float = 0.95) -> pd.DataFrame:
    """How many children are at each level of ``scale`` at ``wave``.

    Output columns: level, n, share, ci_low, ci_high. One row per level in ``level_order``
    (n = 0 rows kept), then a row with level "missing" counting children with a score row but no
    level (no score, or a scale without bands); its share and CI are NaN. ``share`` = n / number of
    children with a level; CI: Wilson score interval (Wilson 1927; R prop.test(correct = FALSE)).

    Edges: a level not in ``level_order`` raises InputError (the banding config and the scores
    disagree); no child with a level -> shares NaN.
    """
    rows = _scale_scores(scores, wave, scale)
    levels = rows["level"].dropna().astype(str)
    unknown = sorted(set(levels) - set(level_order))
    if unknown:
        raise InputError(f"scale '{scale}' at wave '{wave}' has level(s) {', '.join(unknown)} "
                         f"outside the expected {', '.join(level_order)}.",
                         hint="pass level_order matching the bands in the config.")
    total = len(levels)
    z = stats.norm.ppf((1 + ci) / 2)
    out = []
    for level in level_order:
        k = int((levels == level).sum())
        share = low = high = math.nan
        if total:
            share = k / total
            centre = (k + z ** 2 / 2) / (total + z ** 2)
            half = z * math.sqrt(total) / (total + z ** 2) * math.sqrt(share * (1 - share) + z ** 2 / (4 * total))
            low, high = max(0.0, centre - half), min(1.0, centre + half)
        out.append({"level": level, "n": k, "share": share, "ci_low": low, "ci_high": high})
    out.append({"level": "missing", "n": int(rows["level"].isna().sum()),
                "share": math.nan, "ci_low": math.nan, "ci_high": math.nan})
    return pd.DataFrame(out).astype({"level": "str", "n": "int64"})


def score_descriptives(scores: pd.DataFrame, wave: str) -> pd.DataFrame:
    """Distribution of every scale at ``wave`` (total, subscales, sub-groups), in table order.

    Output columns: scale, n, n_missing, mean, sd, min, q1, median, q3, max, skew, item_mean_mean.
    sd: n-1 denominator. q1/q3: linear interpolation between order statistics (Hyndman & Fan
    type 7, R quantile() default). skew: adjusted Fisher-Pearson G1 = g1 sqrt(n(n-1))/(n-2)
    (SPSS/Excel; R psych::skew(type = 2)). item_mean_mean: mean of the children's item means,
    so scales of different length can be compared on the 1-5 answer metric.

    Edges: NaN scores are counted in n_missing and left out; n < 2 -> sd NaN; n < 3 or zero
    variance -> skew NaN; a scale with no score -> everything but the counts NaN.
    """
    require_columns(scores, SCORE_COLUMNS + ("item_mean",), "scores")
    rows = scores.loc[scores["wave"] == wave]
    if rows.empty:
        raise InputError(f"no scores for wave '{wave}'.")
    out = []
    for scale, sub in rows.groupby("scale", sort=False):
        x = sub["score"].dropna().to_numpy(float)
        n = len(x)
        rec = {"scale": scale, "n": n, "n_missing": int(sub["score"].isna().sum())}
        q = np.quantile(x, [0, .25, .5, .75, 1]) if n else [math.nan] * 5
        rec.update(mean=x.mean() if n else math.nan, sd=x.std(ddof=1) if n >= 2 else math.nan,
                   min=q[0], q1=q[1], median=q[2], q3=q[3], max=q[4],
                   skew=float(stats.skew(x, bias=False)) if n >= 3 and np.ptp(x) > 0 else math.nan,
                   item_mean_mean=sub["item_mean"].astype(float).mean())
        out.append(rec)
    return pd.DataFrame(out).astype({"scale": "str"})


# --------------------------------------------------------------------------------------------
# 2. factors
# --------------------------------------------------------------------------------------------

def _choose_test(groups: Mapping[str, np.ndarray], min_n: int, alpha: float) -> tuple[bool, str]:
    """(parametric?, rule text) for the categories in ``groups``."""
    small = [f"'{c}' n = {len(g)}" for c, g in groups.items() if len(g) < min_n]
    if small:
        return False, f"rank test: category n < {min_n} ({'; '.join(small)})"
    flat = [f"'{c}'" for c, g in groups.items() if np.ptp(g) == 0]
    if flat:
        return False, f"rank test: no variance in {', '.join(flat)}"
    sw = {c: stats.shapiro(g).pvalue for c, g in groups.items()}
    bad = {c: p for c, p in sw.items() if p < alpha}
    if bad:
        shown = "; ".join(f"'{c}' p = {p:.3f}" for c, p in bad.items())
        return False, f"rank test: Shapiro-Wilk p < {alpha:g} ({shown})"
    return True, (f"parametric test: every category n >= {min_n} and Shapiro-Wilk p >= {alpha:g} "
                  f"(smallest p = {min(sw.values()):.3f})")


def _empty_result(**fields) -> dict:
    base = {"test": "none", "statistic_type": "", "statistic": math.nan, "df": math.nan,
            "df_error": math.nan, "p": math.nan, "p_method": "", "effect_size_type": "",
            "effect_size": math.nan, "ci_low": math.nan, "ci_high": math.nan, "ci_method": ""}
    base.update(fields)
    return base


def _numeric(values: pd.Series, vid: str) -> pd.Series:
    """Values of a numeric background variable as float; text that is not a number is an input error."""
    parsed = pd.to_numeric(values, errors="coerce")
    bad = values.notna() & parsed.isna()
    if bad.any():
        raise InputError(f"background variable '{vid}' is numeric but holds {values[bad].iloc[0]!r}.",
                         column=vid, hint="recode it in the codebook or declare the variable categorical.")
    return parsed.astype(float)


def _test_numeric(data: pd.DataFrame, vid: str, ci: float) -> dict:
    res = spearman(_numeric(data["value"], vid), data["score"], ci=ci)
    if not np.isfinite(res["rho"]):
        return _empty_result(test="spearman", rule=f"numeric variable: Spearman rank correlation; {res['p_method']}")
    return _empty_result(
        test="spearman", rule="numeric variable: Spearman rank correlation (no normality assumption)",
        statistic_type="S", statistic=res["statistic"], p=res["p"], p_method=res["p_method"],
        effect_size_type="spearman_rho", effect_size=res["rho"], ci_low=res["ci_low"], ci_high=res["ci_high"],
        ci_method="Fisher z, Bonett-Wright SE")


def _test_two(a: np.ndarray, b: np.ndarray, parametric: bool, ci: float) -> dict:
    if parametric:
        t = stats.ttest_ind(a, b, equal_var=False)
        g, low, high = hedges_g(a, b, ci)
        return _empty_result(test="welch_t", statistic_type="t", statistic=float(t.statistic),
                             df=float(t.df), p=float(t.pvalue), p_method="Welch t distribution",
                             effect_size_type="hedges_g", effect_size=g, ci_low=low, ci_high=high,
                             ci_method="noncentral t, pooled SD")
    u, p, how = _mann_whitney(a, b)
    r, low, high = rank_biserial(a, b, ci)
    return _empty_result(test="mann_whitney", statistic_type="U", statistic=u, p=p, p_method=how,
                         effect_size_type="rank_biserial", effect_size=r, ci_low=low, ci_high=high,
                         ci_method="Fisher z")


def _test_many(groups: list[np.ndarray], parametric: bool, ci: float, n_boot: int, seed: int | None) -> dict:
    if parametric:
        f, df1, df2, p = _welch_anova(groups)
        w, low, high = omega_squared_welch(f, df1, df2, ci)
        return _empty_result(test="welch_anova", statistic_type="F", statistic=f, df=df1, df_error=df2,
                             p=p, p_method="Welch F distribution", effect_size_type="omega_squared",
                             effect_size=w, ci_low=low, ci_high=high,
                             ci_method="noncentral F (approximate with Welch F)")
    n = sum(len(g) for g in groups)
    if np.ptp(np.concatenate(groups)) == 0:
        return _empty_result(test="kruskal_wallis", p_method="not computed: all scores equal")
    h = stats.kruskal(*groups)
    eps = epsilon_squared(float(h.statistic), n)
    low = high = math.nan
    ci_method = "none: no bootstrap requested (n_boot = 0)"
    if n_boot:
        low, high = _epsilon_squared_bootstrap(groups, n_boot, seed, ci)
        ci_method = f"percentile bootstrap within categories, {n_boot} draws, seed {seed}"
    return _empty_result(test="kruskal_wallis", statistic_type="H", statistic=float(h.statistic),
                         df=len(groups) - 1.0, p=float(h.pvalue), p_method="chi-square approximation, tie-corrected",
                         effect_size_type="epsilon_squared", effect_size=eps, ci_low=low, ci_high=high,
                         ci_method=ci_method)


def factor_tests(scores: pd.DataFrame, background: pd.DataFrame, variables: Sequence[Mapping], *,
                 wave: str, scale: str = "total", holm_levels: bool = True, ci: float = 0.95,
                 min_n_parametric: int = MIN_N_PARAMETRIC, alpha_normality: float = ALPHA_NORMALITY,
                 min_category_n: int = 2, n_boot: int = 0, seed: int | None = None) -> pd.DataFrame:
    """Does ``scale`` at ``wave`` differ by each background variable? One test per variable.

    Rule that picks the test (also written, with the numbers, in the ``rule`` column):

    * numeric variable -> ``spearman`` (rho, see :func:`spearman`);
    * categorical: categories with fewer than ``min_category_n`` (2) children are left out
      (listed in ``excluded``); with 2 categories left -> ``welch_t`` or ``mann_whitney``,
      with 3+ -> ``welch_anova`` or ``kruskal_wallis``. The rank test is chosen when any category
      has n < ``min_n_parametric`` (15), or no variance, or a Shapiro-Wilk p < ``alpha_normality``
      (.05) within any category; otherwise the Welch test (no equal-variance assumption).
      Fewer than 2 categories left -> test "none", NaN statistics.

    Effect sizes (``effect_size_type``), first category vs the others in metadata order:
    welch_t -> hedges_g (pooled SD, noncentral-t CI, :func:`hedges_g`);
    mann_whitney -> rank_biserial (Fisher-z CI, :func:`rank_biserial`), p exact conditional;
    welch_anova -> omega_squared from Welch's F with a two-sided noncentral-F CI
    (:func:`omega_squared_welch`);
    kruskal_wallis -> epsilon_squared (:func:`epsilon_squared`); its CI is NaN unless ``n_boot`` > 0,
    then a percentile bootstrap resampling within categories with the required ``seed`` (a
    bootstrap of a statistic bounded at 0 with categories of 5-10 children is rough: read it as
    such); spearman -> spearman_rho with a Fisher-z CI.

    Multiplicity: ``p_holm`` = Holm (1979) across all variables with a p; with ``holm_levels``
    also ``p_holm_level`` = Holm within each level (family / school / community / demographic),
    for a reader who treats each level as its own question. Raw ``p`` is kept.

    Output columns: variable, level, type, test, rule, n, n_categories, excluded,
    statistic_type, statistic, df, df_error, p, p_method, effect_size_type, effect_size, ci_low,
    ci_high, ci_method, p_holm, [p_holm_level].
    ``df`` is the Welch t df, or the numerator df (k - 1) of F and H; ``df_error`` the Welch F
    denominator df. Children with NaN score or NaN value are left out of that variable's test.
    """
    if n_boot and seed is None:
        raise ConfigError("factor_tests: a bootstrap (n_boot > 0) needs an explicit seed.")
    base = _scale_scores(scores, wave, scale)
    out = []
    for variable in variables:
        vid, level, vtype, categories = _variable_meta(variable)
        data = _merge_variable(base, background, vid)
        rec = {"variable": vid, "level": level, "type": vtype}
        if vtype == "numeric":
            res = _test_numeric(data, vid, ci)
            rec.update(n=len(data), n_categories=math.nan, excluded="", **res)
            out.append(rec)
            continue
        data["value"] = data["value"].astype(str)
        order = _ordered_categories(data["value"], vid, categories)
        groups = {c: data.loc[data["value"] == c, "score"].to_numpy(float) for c in order}
        excluded = [f"{c} (n = {len(g)})" for c, g in groups.items() if 0 < len(g) < min_category_n]
        groups = {c: g for c, g in groups.items() if len(g) >= min_category_n}
        rec.update(n=sum(len(g) for g in groups.values()), n_categories=len(groups), excluded="; ".join(excluded))
        if len(groups) < 2:
            rec.update(_empty_result(rule=f"not tested: fewer than 2 categories with n >= {min_category_n}"))
            out.append(rec)
            continue
        parametric, rule = _choose_test(groups, min_n_parametric, alpha_normality)
        values = list(groups.values())
        res = (_test_two(values[0], values[1], parametric, ci) if len(values) == 2
               else _test_many(values, parametric, ci, n_boot, seed))
        rec.update(rule=rule, **res)
        out.append(rec)
    columns = ["variable", "level", "type", "test", "rule", "n", "n_categories", "excluded",
               "statistic_type", "statistic", "df", "df_error", "p", "p_method", "effect_size_type",
               "effect_size", "ci_low", "ci_high", "ci_method"]
    table = pd.DataFrame(out, columns=columns)
    table["p_holm"] = holm(table["p"].to_numpy(float))
    if holm_levels:
        table["p_holm_level"] = np.nan
        for _, idx in table.groupby("level", sort=False).groups.items():
            table.loc[idx, "p_holm_level"] = holm(table.loc[idx, "p"].to_numpy(float))
    return table


def factor_categories(scores: pd.DataFrame, background: pd.DataFrame, variables: Sequence[Mapping], *,
                      wave: str, scale: str = "total", low_level: str = "low") -> pd.DataFrame:
    """Scores of ``scale`` at ``wave`` by category of each categorical background variable.

    Output columns: variable, level, category, n, mean, sd, median, n_low, share_low — one row per
    metadata category in order (n = 0 rows kept, so tables line up with the questionnaire).
    share_low = children at ``low_level`` / children in the category with a level (``low_level``: the
    level of concern, the lowest scores' level when higher scores are desirable; the pipeline passes
    the highest level for a scale where lower scores are desirable).
    Numeric variables are skipped (see :func:`factor_tests` for their correlation).

    Edges: n = 0 -> NaN statistics; n = 1 -> sd NaN.
    """
    base = _scale_scores(scores, wave, scale)
    out = []
    for variable in variables:
        vid, level, vtype, categories = _variable_meta(variable)
        if vtype != "categorical":
            continue
        data = _merge_variable(base, background, vid)
        data["value"] = data["value"].astype(str)
        for category in _ordered_categories(data["value"], vid, categories):
            sub = data.loc[data["value"] == category]
            x = sub["score"].to_numpy(float)
            with_level = sub["level"].dropna()
            n_low = int((with_level == low_level).sum())
            out.append({"variable": vid, "level": level, "category": category, "n": len(x),
                        "mean": x.mean() if len(x) else math.nan,
                        "sd": x.std(ddof=1) if len(x) > 1 else math.nan,
                        "median": float(np.median(x)) if len(x) else math.nan,
                        "n_low": n_low, "share_low": n_low / len(with_level) if len(with_level) else math.nan})
    columns = ["variable", "level", "category", "n", "mean", "sd", "median", "n_low", "share_low"]
    return pd.DataFrame(out, columns=columns)


def _design(data: pd.DataFrame, variables: Sequence[Mapping]) -> tuple[pd.DataFrame, dict[str, str], list[str]]:
    """Design matrix (const + predictors), term -> variable, notes on references and drops."""
    columns, term_variable, notes = {"const": np.ones(len(data))}, {"const": ""}, []
    for variable in variables:
        vid, _, vtype, categories = _variable_meta(variable)
        if vtype == "numeric":
            x = _numeric(data[vid], vid).to_numpy()
            if np.ptp(x) == 0:
                notes.append(f"{vid} dropped: no variance")
                continue
            columns[vid], term_variable[vid] = x, vid
            continue
        values = data[vid].astype(str)
        order = _ordered_categories(values, vid, categories)
        present = [c for c in order if (values == c).any()]
        if len(present) < 2:
            notes.append(f"{vid} dropped: fewer than 2 categories present")
            continue
        if present[0] != order[0]:
            notes.append(f"{vid}: reference '{present[0]}' because '{order[0]}' has no complete case")
        for category in present[1:]:
            term = f"{vid}[T.{category}]"
            columns[term], term_variable[term] = (values == category).to_numpy(float), vid
    return pd.DataFrame(columns, index=data.index), term_variable, notes


def _vif(X: pd.DataFrame) -> pd.Series:
    """VIF_j = 1/(1 - R^2_j), R^2_j from regressing column j on all other columns incl. the constant."""
    values = X.to_numpy(float)
    out = {}
    for j, term in enumerate(X.columns):
        if term == "const":
            out[term] = math.nan
            continue
        others = np.delete(values, j, axis=1)
        coef, *_ = np.linalg.lstsq(others, values[:, j], rcond=None)
        resid = values[:, j] - others @ coef
        r2 = 1 - resid @ resid / ((values[:, j] - values[:, j].mean()) ** 2).sum()
        out[term] = 1 / (1 - r2) if r2 < 1 else math.inf
    return pd.Series(out)


def _gvif(X: pd.DataFrame, term_variable: Mapping[str, str]) -> dict[str, tuple[float, float]]:
    """Generalised VIF per variable (Fox & Monette 1992): det(R_11) det(R_22) / det(R), and
    GVIF^(1/(2 df)) which is comparable to sqrt(VIF) across variables with different df."""
    terms = [t for t in X.columns if t != "const"]
    corr = np.corrcoef(X[terms].to_numpy(float), rowvar=False).reshape(len(terms), len(terms))
    det_all = np.linalg.det(corr)
    out = {}
    for vid in dict.fromkeys(term_variable[t] for t in terms):
        idx = [i for i, t in enumerate(terms) if term_variable[t] == vid]
        rest = [i for i in range(len(terms)) if i not in idx]
        det_rest = np.linalg.det(corr[np.ix_(rest, rest)]) if rest else 1.0
        gvif = np.linalg.det(corr[np.ix_(idx, idx)]) * det_rest / det_all if det_all > 0 else math.inf
        out[vid] = (gvif, gvif ** (1 / (2 * len(idx))))
    return out


def _drop_rare_categories(data: pd.DataFrame, variables: Sequence[Mapping], min_n: int) -> tuple[pd.DataFrame, list[str]]:
    """Leave out children in categories with fewer than ``min_n`` complete cases (repeat until none)."""
    notes = []
    while True:
        rare = pd.Series(False, index=data.index)
        for vid, _, vtype, _ in map(_variable_meta, variables):
            if vtype != "categorical":
                continue
            counts = data[vid].astype(str).value_counts()
            small = counts[counts < min_n]
            for category, count in small.items():
                notes.append(f"{vid} = '{category}' left out (n = {count} < {min_n})")
            rare |= data[vid].astype(str).isin(small.index)
        if not rare.any():
            return data, notes
        data = data.loc[~rare].reset_index(drop=True)


MIN_N_PER_DF = 10
SELECTION_COLUMNS = ["variable", "level", "priority", "df", "entered", "reason"]


def _model_data(base: pd.DataFrame, background: pd.DataFrame, variables: Sequence[Mapping],
                min_category_n: int) -> tuple[pd.DataFrame, list[str]]:
    """Children with a score and a value for every one of ``variables``, rare categories left out."""
    ids = [_variable_meta(v)[0] for v in variables]
    data = base.merge(background[["participant_id", *ids]], on="participant_id", how="inner")
    data = data.loc[data[["score", *ids]].notna().all(axis=1)].reset_index(drop=True)
    return _drop_rare_categories(data, variables, min_category_n)


def select_predictors(base: pd.DataFrame, background: pd.DataFrame, variables: Sequence[Mapping],
                      order: Sequence[str], *, min_n_per_df: int | None = MIN_N_PER_DF,
                      min_category_n: int = 2) -> tuple[list[str], pd.DataFrame, str]:
    """Which background variables enter the regression: (entered ids, selection table, rule text).

    The rule is fixed before the data are seen and never looks at the scores' values: variables
    are taken in ``order`` (the config's priority list), and each is entered if the model's
    degrees of freedom (dummy columns after dummy coding, 1 for a numeric variable), counting it,
    stay within floor(n / ``min_n_per_df``), n the children with complete data on the variables
    entered so far and this one; otherwise it is skipped (reported as a bivariate test only) and
    the next is tried. A variable with no variance, or fewer than 2 categories with
    ``min_category_n`` children, has no df and is not entered. ``min_n_per_df`` None or 0: no
    limit (every variable with df enters).

    Selection table (``SELECTION_COLUMNS``): variable, level, priority (1 = first in ``order``), df
    (its columns when tried), entered, reason.
    """
    meta = {_variable_meta(v)[0]: v for v in variables}
    unknown = [v for v in order if v not in meta]
    if unknown:
        raise ConfigError(f"In the config, 'background.regression.predictors' names {', '.join(unknown)}, "
                          f"which {'is' if len(unknown) == 1 else 'are'} not among 'background.variables' "
                          f"({', '.join(meta)}).")
    if len(set(order)) != len(order):
        raise ConfigError("In the config, 'background.regression.predictors' lists a variable twice.")
    limit = bool(min_n_per_df)
    entered: list[str] = []
    rows = []
    for priority, vid in enumerate(order, start=1):
        trial = [meta[v] for v in [*entered, vid]]
        data, _ = _model_data(base, background, trial, min_category_n)
        X, term_variable, _ = _design(data, trial)
        df = sum(1 for t in X.columns if term_variable[t] == vid)
        used = X.shape[1] - 1 - df
        n = len(data)
        budget = n // min_n_per_df if limit else None
        level = meta[vid].get("level", "")
        if df == 0:
            reason = "not entered: no variance, or fewer than 2 categories with enough children"
        elif limit and used + df > budget:
            reason = (f"not entered: needs {df} df, {max(budget - used, 0)} of the {budget} allowed "
                      f"(n = {n}, 1 per {min_n_per_df} children) left; bivariate test only")
        else:
            entered.append(vid)
            reason = (f"entered: {df} df, {used + df} of {budget} allowed (n = {n})" if limit
                      else f"entered: {df} df (no limit)")
        rows.append({"variable": vid, "level": level, "priority": priority, "df": df,
                     "entered": vid in entered, "reason": reason})
    rule = (f"Predictors taken in the config's order of priority, fixed before the data were seen; each "
            f"entered while the model keeps at most 1 degree of freedom per {min_n_per_df} children with "
            f"complete data, otherwise skipped and the next tried; the scores play no part in the choice. "
            f"Variables not entered are reported as bivariate tests only." if limit else
            "Every variable entered (no limit on predictors per child).")
    return entered, pd.DataFrame(rows, columns=SELECTION_COLUMNS), rule


def factor_regression(scores: pd.DataFrame, background: pd.DataFrame, variables: Sequence[Mapping], *,
                      wave: str, scale: str = "total", predictors: Sequence[str] | None = None,
                      min_n_per_df: int | None = MIN_N_PER_DF, min_category_n: int = 2,
                      ci: float = 0.95) -> dict[str, pd.DataFrame]:
    """OLS of ``scale`` at ``wave`` on the background variables a pre-declared rule admits, with HC3 errors.

    Size: at most one degree of freedom per ``min_n_per_df`` (10) children (Harrell 2015, sec. 4.4:
    a continuous outcome supports about n/10 to n/20 parameters before the model fits noise).
    Which variables enter: :func:`select_predictors`, in the order of ``predictors`` (the config's
    ``background.regression.predictors``, priority first; default the order of ``variables``);
    the others are reported only as bivariate tests (:func:`factor_tests`).

    Model: score = b0 + sum b_j x_j + e on complete cases of the entered variables (listwise
    deletion). Categorical variables are dummy-coded with the first metadata category as reference
    (term ``var[T.category]``); numeric variables enter as they are. Inference uses the HC3
    covariance (X'X)^-1 X' diag(e_i^2/(1-h_ii)^2) X (X'X)^-1 (MacKinnon & White 1985; Long & Ervin
    2000 recommend it for n < 250) with t(n - p) reference distributions, as R
    lmtest::coeftest(lm(...), vcov = sandwich::vcovHC(m, type = "HC3")).

    Returns {"coefficients", "model" (one row), "selection"} DataFrames.

    coefficients: term, variable, b, se_hc3, t, p, ci_low, ci_high, beta, vif, gvif, gvif_adj.
    beta = b sd(x)/sd(y) (for dummies this is a standardised 0/1 contrast, read with care);
    vif = 1/(1 - R^2_j) per column; gvif and gvif_adj = GVIF^(1/(2 df)) per variable
    (Fox & Monette 1992; R car::vif), repeated on each dummy of the variable.

    model: n, k (predictor columns, excluding the intercept), r2, adj_r2, f_robust, df1, df2,
    p_f_robust (Wald F of all slopes with the HC3 covariance: b' V^-1 b / k), n_per_predictor
    (n / k), max_vif, min_n_per_df, max_df (floor(n / min_n_per_df): the df allowed), entered
    and not_entered (variable ids, "; "-separated, in priority order), selection_rule (the rule in
    words), references, note. ``note`` flags n/k < 10 (only possible without the limit), any
    VIF > 5, observations with leverage 1 (HC3 is then undefined for them) and dropped
    categories.

    selection: :func:`select_predictors`'s table (variable, level, priority, df, entered, reason).

    Children in a category with fewer than ``min_category_n`` (2) complete cases are left out
    (noted), as in :func:`factor_tests`: a dummy that picks out a single child has leverage 1, its
    residual is 0 and HC3 divides 0 by 0.

    Edges: no variable entered, or n <= k + 1 -> no fit, an empty coefficient table and a note.
    """
    base = _scale_scores(scores, wave, scale)
    meta = {_variable_meta(v)[0]: v for v in variables}
    require_columns(background, ["participant_id", *meta], "background")
    order = list(predictors) if predictors is not None else list(meta)
    entered, selection, rule = select_predictors(base, background, variables, order,
                                                 min_n_per_df=min_n_per_df, min_category_n=min_category_n)
    chosen = [meta[v] for v in entered]
    data, notes = _model_data(base, background, chosen, min_category_n)
    X, term_variable, design_notes = _design(data, chosen)
    notes += design_notes
    n, k = len(X), X.shape[1] - 1
    references = "; ".join(f"{vid}: {_ordered_categories(data[vid].astype(str), vid, cats)[0]}"
                           for vid, _, vtype, cats in map(_variable_meta, chosen) if vtype == "categorical")
    model = {"n": n, "k": k, "r2": math.nan, "adj_r2": math.nan, "f_robust": math.nan, "df1": float(k),
             "df2": float(n - k - 1), "p_f_robust": math.nan, "n_per_predictor": n / k if k else math.nan,
             "max_vif": math.nan, "min_n_per_df": min_n_per_df or math.nan,
             "max_df": n // min_n_per_df if min_n_per_df else math.nan,
             "entered": "; ".join(entered), "not_entered": "; ".join(v for v in order if v not in entered),
             "selection_rule": rule, "references": references}
    coef_columns = ["term", "variable", "b", "se_hc3", "t", "p", "ci_low", "ci_high", "beta", "vif",
                    "gvif", "gvif_adj"]
    if k == 0 or n <= k + 1:
        notes.append(f"not fitted: n = {n} complete cases for k = {k} predictors")
        model["note"] = "; ".join(notes)
        return {"coefficients": pd.DataFrame(columns=coef_columns), "model": pd.DataFrame([model]),
                "selection": selection}

    import statsmodels.api as sm  # imported here: statsmodels is slow to import and only needed here

    y = data["score"].to_numpy(float)
    fit = sm.OLS(y, X).fit(cov_type="HC3", use_t=True)
    slopes = [t for t in X.columns if t != "const"]
    V = fit.cov_params().loc[slopes, slopes].to_numpy()
    b = fit.params[slopes].to_numpy()
    with np.errstate(all="ignore"):
        try:
            f_robust = float(b @ np.linalg.solve(V, b) / k)
        except np.linalg.LinAlgError:
            f_robust = math.nan
    vif = _vif(X)
    gvif = _gvif(X, term_variable)
    ci_bounds = fit.conf_int(alpha=1 - ci)
    sd_y = y.std(ddof=1)
    coefficients = pd.DataFrame({
        "term": list(X.columns), "variable": [term_variable[t] for t in X.columns],
        "b": fit.params.to_numpy(), "se_hc3": fit.bse.to_numpy(), "t": fit.tvalues.to_numpy(),
        "p": fit.pvalues.to_numpy(), "ci_low": ci_bounds.iloc[:, 0].to_numpy(),
        "ci_high": ci_bounds.iloc[:, 1].to_numpy(),
        "beta": [math.nan if t == "const" else fit.params[t] * X[t].std(ddof=1) / sd_y for t in X.columns],
        "vif": vif.reindex(X.columns).to_numpy(),
        "gvif": [gvif[term_variable[t]][0] if t != "const" else math.nan for t in X.columns],
        "gvif_adj": [gvif[term_variable[t]][1] if t != "const" else math.nan for t in X.columns],
    })
    leverage = fit.get_influence().hat_matrix_diag
    if n / k < 10:
        notes.append(f"n/k = {n / k:.1f} < 10 children per predictor: estimates unstable, read as description")
    if (vif.dropna() > 5).any():
        notes.append("VIF > 5 for " + ", ".join(vif.index[vif > 5]))
    if (leverage > 1 - 1e-8).any():
        notes.append(f"{int((leverage > 1 - 1e-8).sum())} observation(s) with leverage 1: HC3 undefined "
                     "(a category with a single child?)")
    model.update(r2=float(fit.rsquared), adj_r2=float(fit.rsquared_adj), f_robust=f_robust,
                 p_f_robust=float(stats.f.sf(f_robust, k, n - k - 1)) if np.isfinite(f_robust) else math.nan,
                 max_vif=float(vif.max()), note="; ".join(notes))
    return {"coefficients": coefficients, "model": pd.DataFrame([model]), "selection": selection}


# --------------------------------------------------------------------------------------------
# 3. selection
# --------------------------------------------------------------------------------------------

def selection_check(scores: pd.DataFrame, group: pd.DataFrame, *, wave: str, scale: str = "total",
                    low_level: str = "low", ci: float = 0.95) -> pd.DataFrame:
    """Were the group children the low scorers? Group vs the other baseline respondents.

    Output: two rows, test = welch_t (effect hedges_g, noncentral-t CI) and mann_whitney (effect
    rank_biserial, Fisher-z CI, exact conditional p), both group minus others (negative = group
    lower). Columns: test, n_group, n_group_no_score, mean_group, sd_group, max_group, n_others,
    mean_others, sd_others, min_others, overlap (max of the group >= min of the others: selection
    was not a strict cut-off), share_low_group (share of group children with a level who are at
    ``low_level``), statistic_type, statistic, df, p, p_method, effect_size_type, effect_size,
    ci_low, ci_high.

    Both tests are shown because the selected group is a truncated sample by design (normality of
    its scores is not expected); the rank test is the one to read when they disagree.

    ``group.in_group`` may be bool, 0/1 or text ("TRUE"/"False", "yes").

    Edges: group children without a score at ``wave`` are counted in n_group_no_score and left out;
    fewer than 2 children on a side -> NaN tests.
    """
    require_columns(group, ("participant_id", "in_group"), "group")
    base = _scale_scores(scores, wave, scale)
    flags = group["in_group"].map(lambda v: str(v).strip().lower() in ("true", "1", "1.0", "yes"))
    members = set(group.loc[flags, "participant_id"])
    scored = base.loc[base["score"].notna()]
    in_group = scored["participant_id"].isin(members)
    a = scored.loc[in_group, "score"].to_numpy(float)
    b = scored.loc[~in_group, "score"].to_numpy(float)
    levels = scored.loc[in_group, "level"].dropna()
    desc = {"n_group": len(a), "n_group_no_score": len(members) - len(a),
            "mean_group": a.mean() if len(a) else math.nan, "sd_group": a.std(ddof=1) if len(a) > 1 else math.nan,
            "max_group": a.max() if len(a) else math.nan, "n_others": len(b),
            "mean_others": b.mean() if len(b) else math.nan, "sd_others": b.std(ddof=1) if len(b) > 1 else math.nan,
            "min_others": b.min() if len(b) else math.nan,
            "overlap": bool(len(a) and len(b) and a.max() >= b.min()),
            "share_low_group": (levels == low_level).mean() if len(levels) else math.nan}
    rows = []
    for parametric in (True, False):
        res = (_test_two(a, b, parametric, ci) if len(a) >= 2 and len(b) >= 2
               else _empty_result(test="welch_t" if parametric else "mann_whitney",
                                  p_method="not computed: fewer than 2 children on a side"))
        res.pop("df_error")
        rows.append({"test": res.pop("test"), **desc, **res})
    return pd.DataFrame(rows)
