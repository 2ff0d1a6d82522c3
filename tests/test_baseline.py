"""sweval.baseline against values computed in R (tests/reference/baseline_reference.R).

Data: tests/data/baseline_*.csv, written by tests/data/baseline_generate.py (seeded) and read by
both the R script and these tests. Every reference number was printed by that script (R 4.2.2:
stats, effectsize 0.8.3, coin, psych, sandwich 3.0-2, lmtest, car).

Tolerances: 1e-6 absolute for statistics computed by closed formulas (t, F, H, U, p, rho, b, SE,
VIF, descriptives); 1e-4 for confidence intervals that R finds by optim() on noncentral
distributions (effectsize's .get_ncp_t / .get_ncp_F stop at abstol 1e-9 on a probability, so
their bounds agree to about 1e-5); 1e-9 for exact permutation p-values.
"""
from __future__ import annotations

import math
from pathlib import Path

import numpy as np
import pandas as pd
import pytest

from sweval import baseline as bl
from sweval.errors import ConfigError, InputError

DATA = Path(__file__).parent / "data"
TOL = 1e-6
TOL_NCP = 1e-4
TOL_EXACT = 1e-9

VARIABLES = [
    {"id": "gender", "level": "demographic", "type": "categorical", "categories": ["男", "女"]},
    {"id": "single_parent", "level": "family", "type": "categorical", "categories": ["否", "是"]},
    {"id": "ethnicity", "level": "demographic", "type": "categorical",
     "categories": ["汉族", "苗族", "布依族", "其他"]},
    {"id": "self_rated_grades", "level": "school", "type": "categorical", "categories": ["较差", "中等", "较好"]},
    {"id": "community_activities", "level": "community", "type": "categorical",
     "categories": ["从不", "偶尔", "经常"]},
    {"id": "age", "level": "demographic", "type": "numeric"},
    {"id": "years_since_relocation", "level": "community", "type": "numeric"},
]


@pytest.fixture(scope="module")
def scores() -> pd.DataFrame:
    return pd.read_csv(DATA / "baseline_scores.csv")


@pytest.fixture(scope="module")
def background() -> pd.DataFrame:
    return pd.read_csv(DATA / "baseline_background.csv")


@pytest.fixture(scope="module")
def group() -> pd.DataFrame:
    return pd.read_csv(DATA / "baseline_group.csv")


@pytest.fixture(scope="module")
def tests_table(scores, background) -> pd.DataFrame:
    return bl.factor_tests(scores, background, VARIABLES, wave="pre").set_index("variable")


def close(actual, expected, tol):
    assert np.allclose(np.asarray(actual, float), np.asarray(expected, float), rtol=0, atol=tol, equal_nan=True), \
        f"{actual} != {expected} (atol {tol})"


# --- level_distribution ---------------------------------------------------------------------------

def test_level_distribution_matches_prop_test(scores):
    out = bl.level_distribution(scores, "pre", "total").set_index("level")
    # R: prop.test(k, n, correct = FALSE)$conf.int (baseline_reference.R); tol 1e-6
    close(out.loc["low", ["n", "share", "ci_low", "ci_high"]], [28, 0.571428571429, 0.4327049309, 0.699766809211], TOL)
    close(out.loc["medium", ["n", "share", "ci_low", "ci_high"]], [11, 0.224489795918, 0.130249701497, 0.35878787236], TOL)
    close(out.loc["high", ["n", "share", "ci_low", "ci_high"]], [10, 0.204081632653, 0.114818496058, 0.336370009195], TOL)
    assert out.loc["missing", "n"] == 1 and math.isnan(out.loc["missing", "share"])
    assert list(out.index) == ["low", "medium", "high", "missing"]


def test_level_distribution_rejects_unknown_level(scores):
    with pytest.raises(InputError, match="outside the expected"):
        bl.level_distribution(scores, "pre", "total", level_order=("low", "high"))


def test_level_distribution_rejects_unknown_wave(scores):
    with pytest.raises(InputError, match="no scores"):
        bl.level_distribution(scores, "follow_up", "total")


def test_duplicate_rows_are_an_input_error(scores):
    doubled = pd.concat([scores, scores.iloc[[0]]])
    with pytest.raises(InputError, match="more than one"):
        bl.level_distribution(doubled, "pre", "total")


# --- score_descriptives ---------------------------------------------------------------------------

# R: psych::describe(type = 2) for n, mean, sd, skew; quantile(type = 7) (baseline_reference.R)
DESCRIPTIVES = {
    "total": [49, 94.5714285714, 17.656443583, 58, 80, 96, 108, 133, -0.0895237025964, 3.37755102041],
    "individual": [50, 37.88, 6.80827827437, 25, 32.25, 38, 43, 53, 0.0377061960903, 3.44363636364],
    "caregiver": [50, 23.56, 4.45457801662, 14, 21, 24, 26.75, 32, -0.284336578841, 3.36571428571],
    "context": [50, 33.46, 7.26807388234, 18, 27.25, 34.5, 38, 50, -0.180499977801, 3.346],
    "personal_skills": [50, 17.32, 3.6390175844, 8, 14.25, 17, 20, 25, -0.178470565682, 3.464],
    "peer_support": [50, 6.78, 1.76461824512, 3, 5.25, 7, 8, 10, 0.000909950375484, 3.39],
}


def test_score_descriptives_match_psych_describe(scores):
    out = bl.score_descriptives(scores, "pre").set_index("scale")
    assert list(out.index) == list(DESCRIPTIVES)
    cols = ["n", "mean", "sd", "min", "q1", "median", "q3", "max", "skew", "item_mean_mean"]
    for scale, expected in DESCRIPTIVES.items():
        close(out.loc[scale, cols], expected, TOL)  # tol 1e-6 (values printed to 12 digits)
    assert out.loc["total", "n_missing"] == 1


def test_score_descriptives_edges():
    tiny = pd.DataFrame({"participant_id": ["a", "b", "c"], "wave": "pre", "scale": ["s", "s", "flat"],
                         "score": [1.0, np.nan, 3.0], "level": np.nan, "item_mean": [1.0, np.nan, 3.0]})
    out = bl.score_descriptives(tiny, "pre").set_index("scale")
    assert out.loc["s", "n"] == 1 and out.loc["s", "n_missing"] == 1
    assert math.isnan(out.loc["s", "sd"]) and math.isnan(out.loc["s", "skew"])


# --- factor_tests ---------------------------------------------------------------------------------

def test_rule_picks_each_test(tests_table):
    assert dict(tests_table["test"]) == {
        "gender": "welch_t", "single_parent": "mann_whitney", "ethnicity": "kruskal_wallis",
        "self_rated_grades": "welch_anova", "community_activities": "kruskal_wallis",
        "age": "spearman", "years_since_relocation": "spearman"}
    # R shapiro.test p: gender 男 .264, 女 .993; grades .572 .867 .703 -> parametric
    assert "smallest p = 0.264" in tests_table.loc["gender", "rule"]
    assert "smallest p = 0.572" in tests_table.loc["self_rated_grades", "rule"]
    assert "'是' n = 10" in tests_table.loc["single_parent", "rule"]
    assert tests_table.loc["ethnicity", "excluded"] == "其他 (n = 1)"


def test_welch_t_and_hedges_g(tests_table):
    row = tests_table.loc["gender"]
    # R: t.test(var.equal = FALSE); effectsize::hedges_g(x, y) pooled SD
    close([row.statistic, row.df, row.p], [-1.35864557465, 37.8733672935, 0.182296400077], TOL)
    close(row.effect_size, -0.388287077972, TOL)
    close([row.ci_low, row.ci_high], [-0.963077804743, 0.190550261867], TOL_NCP)
    assert row.effect_size_type == "hedges_g" and row.n == 49


def test_mann_whitney_exact_conditional_and_rank_biserial(tests_table):
    row = tests_table.loc["single_parent"]
    # R: wilcox.test W = 231.5; coin::wilcox_test(distribution = "exact") p; effectsize::rank_biserial
    close(row.statistic, 231.5, TOL)
    close(row.p, 0.374003067423, TOL_EXACT * 1e3)  # coin prints 12 digits
    close([row.effect_size, row.ci_low, row.ci_high], [0.187179487179, -0.212473189308, 0.533185407672], TOL)


def test_kruskal_wallis_and_epsilon_squared(tests_table):
    row = tests_table.loc["ethnicity"]
    # R: kruskal.test without the single '其他' child; effectsize::rank_epsilon_squared
    close([row.statistic, row.df, row.p, row.effect_size], [3.86646179793, 2, 0.144679996084, 0.0822651446368], TOL)
    row = tests_table.loc["community_activities"]
    close([row.statistic, row.df, row.p, row.effect_size], [8.57253504989, 2, 0.0137561741723, 0.182394362764], TOL)
    assert math.isnan(row.ci_low) and row.ci_method.startswith("none")


def test_welch_anova_and_omega_squared(tests_table):
    row = tests_table.loc["self_rated_grades"]
    # R: oneway.test(var.equal = FALSE); F_to_omega2(F, df1, df2, alternative = "two.sided")
    close([row.statistic, row.df, row.df_error, row.p], [9.01035263931, 2, 29.5463886085, 0.000880786640266], TOL)
    close(row.effect_size, 0.329867488383, TOL)
    close([row.ci_low, row.ci_high], [0.0593977720075, 0.538587258436], TOL_NCP)


def test_spearman_numeric(tests_table):
    # R: cor.test(method = "spearman", exact = FALSE); CI from the Bonett-Wright formula in R
    row = tests_table.loc["age"]
    close([row.n, row.effect_size, row.statistic, row.p, row.ci_low, row.ci_high],
          [49, 0.146740940435, 16723.8775675, 0.314353467044, -0.141763115923, 0.412267877585], TOL)
    row = tests_table.loc["years_since_relocation"]
    close([row.n, row.effect_size, row.statistic, row.p, row.ci_low, row.ci_high],
          [48, 0.325435660792, 12428.1733856, 0.0240029600809, 0.0378862547951, 0.563212017339], TOL)


def test_holm_across_variables(tests_table):
    # R: p.adjust(p, "holm") over the seven raw p
    close(tests_table["p_holm"], [0.578719984336, 0.628706934089, 0.578719984336, 0.00616550648186,
                                  0.0825370450336, 0.628706934089, 0.120014800405], TOL)
    # R: p.adjust(p[c(5, 7)], "holm") within the 'community' level
    close(tests_table.loc[["community_activities", "years_since_relocation"], "p_holm_level"],
          [0.0275123483446, 0.0275123483446], TOL)


def test_small_exact_p_values():
    # R: cor.test(method = "spearman") exact (n = 8, no ties): rho .428571, S = 48, p = .299206349206
    res = bl.spearman([3.1, 1.2, 5.5, 4.0, 2.2, 7.1, 6.3, 0.4], [2, 1, 7, 3, 5, 8, 4, 6])
    close([res["rho"], res["statistic"], res["p"]], [0.428571428571, 48, 0.299206349206], TOL)
    # R: brute force over 7! orderings with ties (baseline_reference.R)
    res = bl.spearman([1, 2, 2, 3, 5, 5, 6], [2.5, 2.0, 3.1, 3.1, 4.2, 3.9, 4.8])
    close([res["rho"], res["p"]], [0.908295106229, 0.00952380952381], TOL)
    # R: wilcox.test(exact = TRUE), no ties: W = 26, p = .0519480519481
    u, p, _ = bl._mann_whitney(np.array([12.1, 15.3, 9.8, 20.4, 17.2, 11.0]), np.array([8.1, 10.2, 7.7, 13.9, 6.5]))
    close([u, p], [26, 0.0519480519481], TOL)


def test_mann_whitney_exact_up_to_200_then_normal():
    y = np.arange(100) % 13 + 2.0
    # R: coin::wilcox_test(distribution = "exact"), n = 200 with ties; tol 1e-9
    u, p, how = bl._mann_whitney(np.arange(100) % 17.0, y)
    close(p, 0.984893842449, TOL_EXACT * 1e3)  # 12 printed digits
    assert how.startswith("exact")
    # R: wilcox.test(exact = FALSE) (tie-corrected normal, continuity correction), n = 220
    u, p, how = bl._mann_whitney(np.arange(120) % 17.0, y)
    close([u, p], [6076, 0.872152680778], TOL)
    assert how.startswith("normal")


def test_factor_tests_edges(scores, background):
    bg = background.copy()
    bg["one"] = "是"
    bg["flat"] = 3.0
    variables = [{"id": "one", "level": "family", "type": "categorical", "categories": ["是", "否"]},
                 {"id": "flat", "level": "family", "type": "numeric"}]
    out = bl.factor_tests(scores, bg, variables, wave="pre").set_index("variable")
    assert out.loc["one", "test"] == "none" and "fewer than 2 categories" in out.loc["one", "rule"]
    assert math.isnan(out.loc["flat", "p"]) and "without variance" in out.loc["flat", "rule"]
    assert out["p_holm"].isna().all()
    bg["bad"] = "maybe"
    with pytest.raises(InputError, match="not among its categories"):
        bl.factor_tests(scores, bg, [{"id": "bad", "type": "categorical", "categories": ["是", "否"]}], wave="pre")
    with pytest.raises(ConfigError, match="seed"):
        bl.factor_tests(scores, background, VARIABLES, wave="pre", n_boot=10)
    bg["age_text"] = bg["age"].astype(str).where(bg.index != 4, "十二")
    with pytest.raises(InputError, match="numeric but holds '十二'"):
        bl.factor_tests(scores, bg, [{"id": "age_text", "type": "numeric"}], wave="pre")


def test_zero_variance_category_goes_to_rank_test():
    pids = [f"c{i}" for i in range(40)]
    sc = pd.DataFrame({"participant_id": pids, "wave": "pre", "scale": "total",
                       "score": [50.0] * 20 + list(np.linspace(40, 60, 20)), "level": np.nan})
    bg = pd.DataFrame({"participant_id": pids, "v": ["a"] * 20 + ["b"] * 20})
    out = bl.factor_tests(sc, bg, [{"id": "v", "type": "categorical", "categories": ["a", "b"]}], wave="pre")
    assert out.loc[0, "test"] == "mann_whitney" and "no variance" in out.loc[0, "rule"]


def test_epsilon_squared_bootstrap_is_seeded(scores, background):
    run = lambda: bl.factor_tests(scores, background, VARIABLES[2:3], wave="pre", n_boot=200, seed=7)  # noqa: E731
    a, b = run(), run()
    assert a.loc[0, "ci_low"] == b.loc[0, "ci_low"] and a.loc[0, "ci_low"] <= a.loc[0, "effect_size"] <= a.loc[0, "ci_high"]


def test_factor_categories(scores, background):
    out = bl.factor_categories(scores, background, VARIABLES, wave="pre")
    eth = out.loc[out["variable"] == "ethnicity"].set_index("category")
    assert list(eth.index) == ["汉族", "苗族", "布依族", "其他"]
    assert eth.loc["其他", "n"] == 1 and math.isnan(eth.loc["其他", "sd"])
    assert set(out["variable"]) == {v["id"] for v in VARIABLES if v["type"] == "categorical"}
    grades = out.loc[out["variable"] == "self_rated_grades"].set_index("category")
    close(grades["n"], [16, 16, 17], 0)
    # R: tapply(score, grades, mean) and tapply(score, grades, sd) (baseline_reference.R); tol 1e-6
    close(grades["mean"], [87.8125, 88.5625, 106.588235294], TOL)
    close(grades["sd"], [16.9596334473, 16.997916539, 12.6296220427], TOL)
    assert grades["share_low"].between(0, 1).all()


# --- factor_regression ----------------------------------------------------------------------------

# R: lm + sandwich::vcovHC(type = "HC3") + lmtest::coeftest / coefci (baseline_reference.R)
REGRESSION = {  # term: b, se, t, p, ci_low, ci_high
    "const": [70.0780994382, 21.7868489637, 3.21653211784, 0.00279238977679, 25.8484446255, 114.307754251],
    "gender[T.女]": [4.60420807379, 5.99984321037, 0.76738806538, 0.44799697072, -7.57612119584, 16.7845373434],
    "single_parent[T.是]": [-10.4208899362, 7.65785750398, -1.36081011312, 0.182272512707, -25.9671671685, 5.12538729603],
    "ethnicity[T.苗族]": [-4.33248366263, 6.11462385408, -0.708544591789, 0.483299909183, -16.7458300271, 8.08086270181],
    "ethnicity[T.布依族]": [0.279435283377, 9.21498122573, 0.0303240209103, 0.975980901049, -18.4279711617, 18.9868417284],
    "self_rated_grades[T.中等]": [0.631612973403, 7.74474288017, 0.0815537692053, 0.935466161183, -15.0910509499, 16.3542768967],
    "self_rated_grades[T.较好]": [12.8266655411, 7.90392341102, 1.62282260013, 0.113601771177, -3.21915203992, 28.8724831221],
    "community_activities[T.偶尔]": [5.67611562558, 5.9204542702, 0.958729747166, 0.34427128559, -6.3430455272, 17.6952767784],
    "community_activities[T.经常]": [23.1332257849, 11.2851015029, 2.04989080329, 0.0479256349265, 0.223251752868, 46.043199817],
    "age": [0.4823308534, 1.5795643683, 0.305356883884, 0.761903061194, -2.72435529387, 3.68901700067],
    "years_since_relocation": [4.24236944117, 3.00817748737, 1.41027896757, 0.167283152678, -1.86455552554, 10.3492944079],
}
VIF = [1.28545336729, 1.44549037021, 1.28529782932, 1.48095312614, 1.76131801602, 2.0809355956, 1.35288167577,
       1.63886698233, 1.34443972446, 1.264997689]
GVIF_ADJ = {"gender": 1.13377835898, "single_parent": 1.20228547783, "ethnicity": 1.12706251787,
            "self_rated_grades": 1.15122268331, "community_activities": 1.09507234646, "age": 1.15949977337,
            "years_since_relocation": 1.12472116055}
BETA = [0.123743382526, -0.230181548463, -0.110999116565, 0.00617229877839, 0.0167500166142, 0.344731375112,
        0.157425277298, 0.43379585616, 0.0515528158984, 0.203636526114]


@pytest.fixture(scope="module")
def regression(scores, background):
    # every variable entered (no limit): the HC3 and VIF arithmetic on a 10-df model
    return bl.factor_regression(scores, background, VARIABLES, wave="pre", min_n_per_df=None)


def test_regression_hc3_matches_sandwich(regression):
    coef = regression["coefficients"].set_index("term")
    assert list(coef.index) == list(REGRESSION)
    for term, expected in REGRESSION.items():
        close(coef.loc[term, ["b", "se_hc3", "t", "p", "ci_low", "ci_high"]], expected, TOL)  # tol 1e-6


def test_regression_vif_gvif_beta(regression):
    coef = regression["coefficients"].set_index("term").drop("const")
    close(coef["vif"], VIF, TOL)  # R: 1/(1 - R^2_j) from lm of each model-matrix column
    close(coef["gvif_adj"], [GVIF_ADJ[v] for v in coef["variable"]], TOL)  # R: car::vif(m)[, 3]
    close(coef["beta"], BETA, TOL)  # R: coef * sd(x) / sd(y)


def test_regression_model_row(regression):
    model = regression["model"].iloc[0]
    # R: summary(lm) r2, adj r2; lmtest::waldtest(m, . ~ 1, vcov = HC3, test = "F")
    close([model.n, model.k, model.r2, model.adj_r2, model.f_robust, model.p_f_robust],
          [46, 10, 0.503271441175, 0.361348995796, 3.52219661715, 0.00267751270363], TOL)
    assert "'其他' left out" in model.note and "n/k = 4.6 < 10" in model.note
    assert "ethnicity: 汉族" in model.references


# R: the model the sized rule admits (baseline_reference.R, "factor_regression sized to the data"):
# lm(score ~ single_parent + community_activities + gender) with HC3
PRIORITY = ["single_parent", "community_activities", "ethnicity", "gender", "age", "self_rated_grades",
            "years_since_relocation"]
SIZED = {  # term: b, se, t, p, ci_low, ci_high
    "const": [87.5528651892, 4.49866302738, 19.4619745147, 6.10127936551e-23, 78.4804465549, 96.6252838234],
    "single_parent[T.是]": [-9.66793192115, 7.89385347536, -1.22474175019, 0.227339778484, -25.5874046468, 6.25154080446],
    "community_activities[T.偶尔]": [7.18703318232, 5.38115149804, 1.33559391237, 0.188708888874, -3.66509306664, 18.0391594313],
    "community_activities[T.经常]": [27.428023346, 9.71216591538, 2.82408924898, 0.00715814048487, 7.84157410683, 47.0144725851],
    "gender[T.女]": [4.03948818416, 4.90837604866, 0.822978546083, 0.415061069296, -5.85919550405, 13.9381718724],
}


def test_regression_sized_to_the_data_matches_r(scores, background):
    out = bl.factor_regression(scores, background, VARIABLES, wave="pre", predictors=PRIORITY)
    sel = out["selection"].set_index("variable")
    assert list(out["selection"].columns) == bl.SELECTION_COLUMNS
    assert list(sel.index) == PRIORITY and list(sel["priority"]) == list(range(1, 8))
    assert list(sel["df"]) == [1, 2, 2, 1, 1, 2, 1]
    assert list(sel["entered"]) == [True, True, False, True, False, False, False]
    assert sel.loc["ethnicity", "reason"].startswith("not entered: needs 2 df, 1 of the 4 allowed")
    model = out["model"].iloc[0]
    # R: nrow of the complete cases and floor(n / 10)
    assert (model.n, model.k, model.max_df, model.min_n_per_df) == (48, 4, 4, 10)
    assert model.entered == "single_parent; community_activities; gender"
    assert model.not_entered == "ethnicity; age; self_rated_grades; years_since_relocation"
    assert "1 degree of freedom per 10 children" in model.selection_rule
    assert "n/k" not in model.note
    coef = out["coefficients"].set_index("term")
    assert list(coef.index) == list(SIZED)
    for term, expected in SIZED.items():
        close(coef.loc[term, ["b", "se_hc3", "t", "p", "ci_low", "ci_high"]], expected, TOL)  # tol 1e-6
    # R: summary(lm) r2, adj r2; lmtest::waldtest(HC3, test = "F"); car::vif(m)[, 3]
    close([model.r2, model.adj_r2, model.f_robust, model.p_f_robust],
          [0.253705666823, 0.184282938155, 3.59240497177, 0.0129742969854], TOL)
    close(coef.drop("const").drop_duplicates("variable")["gvif_adj"], [1.04566952627, 1.03033514411, 1.02418859945], TOL)


def test_regression_default_order_and_limit(scores, background):
    out = bl.factor_regression(scores, background, VARIABLES, wave="pre")  # the variables' order
    model = out["model"].iloc[0]
    assert model.k <= model.max_df == model.n // 10
    assert out["selection"]["variable"].tolist() == [v["id"] for v in VARIABLES]
    # a stricter limit enters fewer; the order is never decided by the scores
    strict = bl.factor_regression(scores, background, VARIABLES, wave="pre", min_n_per_df=20)
    assert strict["model"].iloc[0].k <= strict["model"].iloc[0].n // 20
    shuffled = scores.assign(score=scores.groupby(["wave", "scale"])["score"].transform(
        lambda x: x.sample(frac=1, random_state=1).to_numpy()))
    again = bl.factor_regression(shuffled, background, VARIABLES, wave="pre")
    assert again["model"].iloc[0].entered == model.entered


def test_regression_predictor_errors(scores, background):
    with pytest.raises(ConfigError, match="'background.regression.predictors' names wealth"):
        bl.factor_regression(scores, background, VARIABLES, wave="pre", predictors=["gender", "wealth"])
    with pytest.raises(ConfigError, match="twice"):
        bl.factor_regression(scores, background, VARIABLES, wave="pre", predictors=["gender", "gender"])
    # nothing fits: one child per 10 is not enough for a 2-df variable at n < 20
    few = scores.loc[scores["participant_id"].isin([f"P{i:03d}" for i in range(1, 16)])]
    out = bl.factor_regression(few, background, VARIABLES, wave="pre", predictors=["self_rated_grades"])
    assert out["coefficients"].empty and "not fitted" in out["model"].loc[0, "note"]
    assert out["model"].loc[0, "entered"] == ""


def test_regression_too_few_cases(scores, background):
    few = scores.loc[scores["participant_id"].isin(["P001", "P002", "P003"])]
    out = bl.factor_regression(few, background, VARIABLES[5:], wave="pre")
    assert out["coefficients"].empty and "not fitted" in out["model"].loc[0, "note"]


# --- selection_check ------------------------------------------------------------------------------

def test_selection_check_reads_text_flags(scores, group):
    as_text = group.assign(in_group=group["in_group"].map({True: "TRUE", False: "FALSE"}))
    pd.testing.assert_frame_equal(bl.selection_check(scores, as_text, wave="pre"),
                                  bl.selection_check(scores, group, wave="pre"))


def test_selection_check(scores, group):
    out = bl.selection_check(scores, group, wave="pre").set_index("test")
    t, mw = out.loc["welch_t"], out.loc["mann_whitney"]
    assert t.n_group == 10 and t.n_others == 39 and t.overlap and t.share_low_group == 1.0
    assert t.max_group == 89 and t.min_others == 69
    # R: t.test(var.equal = FALSE), effectsize::hedges_g
    close([t.statistic, t.df, t.p], [-8.11106647144, 23.5365699104, 2.85344832583e-08], TOL)
    close(t.effect_size, -2.11601558006, TOL)
    close([t.ci_low, t.ci_high], [-2.91357045905, -1.30205615631], TOL_NCP)
    # R: wilcox.test W, coin exact p, effectsize::rank_biserial
    close([mw.statistic, mw.p], [16.5, 2.20252991844e-07], TOL)
    close([mw.effect_size, mw.ci_low, mw.ci_high], [-0.915384615385, -0.961465869079, -0.819274250044], TOL)
