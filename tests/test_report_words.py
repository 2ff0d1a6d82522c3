"""The words a reader meets: every label in both languages, the notes of the results tables said
in the report's language, and the example's rendered report (English and Chinese) scanned for code
identifiers and, in Chinese, for English words outside a short allow-list."""
from __future__ import annotations

import html as _html
import re

import pytest
from sweval.report import notes as N
from sweval.report.findings import plural, with_article
from sweval.report.outputs import code_identifiers
from sweval.report.strings import STRINGS, t

PLACEHOLDER = re.compile(r"\{(\w+)\}")


def test_every_string_has_both_languages():
    missing = [key for key, entry in STRINGS.items()
               if not all(isinstance(entry.get(lang), str) and entry[lang].strip() for lang in ("en", "zh"))]
    assert not missing, f"strings without an English and a Chinese text: {missing}"


# notes as the statistics modules write them (copied from results/ of the example), each must be
# known to sweval.report.notes: in Chinese it comes out without an English word
KNOWN_NOTES = [
    "51 data rows, format wjx, mode text",
    "10 rows (attendance form): 10 kept, 0 excluded",
    "7 rows (goal_attainment form): 7 kept, 0 excluded",
    "identifying column (personal data never leaves the clean step)",
    "platform missing marker (跳过)",
    "duplicate submission for this participant and wave; kept row 8 of data/raw/example/baseline_wjx.xlsx "
    "(rule: most items answered, then latest submission, then later file and row)",
    "participant ID spaces removed; letters upper-cased",
    "participant ID full-width characters made half-width",
    "completed in under 90 seconds",
    "code 6 outside the scale 1-5",
    "parametric test: every category n >= 15 and Shapiro-Wilk p >= 0.05 (smallest p = 0.164)",
    "numeric variable: Spearman rank correlation (no normality assumption)",
    "rank test: Shapiro-Wilk p < 0.05 ('汉族' p = 0.030)",
    "rank test: category n < 15 ('母亲外出务工' n = 4; '父母都外出务工' n = 11)",
    "Welch t distribution",
    "exact conditional permutation (mid-ranks)",
    "Predictors taken in the config's order of priority, fixed before the data were seen; each entered while the "
    "model keeps at most 1 degree of freedom per 10 children with complete data, otherwise skipped and the next "
    "tried; the scores play no part in the choice. Variables not entered are reported as bivariate tests only.",
    "2 of 50 rows dropped for a missing item (listwise).",
    "Only 10 complete responses for 28 items (need n > items and n >= 3): bootstrap intervals skipped and omega "
    "not fitted.",
    "Bootstrap intervals not computed for n = 10 < 30: percentile intervals from so few cases are unreliable; read "
    "the Feldt interval.",
    "Omega: Heywood case (an item's uniqueness is at its 0.005 bound); read omega with caution.",
    "Two-item scale: read spearman_brown (with mean_inter_item_r), not alpha (Eisinga, te Grotenhuis & Pelzer "
    "2013); omega needs at least 3 items.",
    "Negative alpha: the items' average covariance is negative; check for an item that should have been "
    "reverse-keyed (or was keyed twice).",
    "listwise within scale",
    "RCI withheld: r_xx = 0.430 is below the reliability floor 0.70 (change.min_reliability), too unreliable for a "
    "statement about one child",
    "Cronbach's alpha, baseline survey (wave pre, n = 48)",
    "SD of the baseline survey (wave pre, n = 49)",
    "REML random-intercept model (statsmodels MixedLM); nlme-consistent SE and df; contrasts vs pre and the "
    "study's other contrasts from the same fit; Wald z and t(df_within) tests; all available observations",
    "Friedman rank test, tie-corrected (pingouin.friedman), complete cases; Kendall's W = chi2 / (n (k - 1))",
    "mixedlm",
    "child intercept variance at the boundary (0, a singular fit): the slope is that of OLS on all answers",
    "n = 10 children: the interval is wide and one child can move rho a lot; sessions attended range only 5-7, "
    "which limits any correlation; a correlation, not a dose-response effect: children who attend more may differ "
    "in motivation or support.",
]
# what a Chinese reader may meet in Latin letters: statistical symbols and abbreviations, and the
# names of methods and their authors as Chinese theses print them (Welch t检验, Holm校正)
ALLOWED_LATIN = {
    # symbols and abbreviations of statistics (APA; Chinese theses print them in Latin letters)
    "t", "W", "U", "H", "F", "S", "V", "d", "d_z", "g", "g_av", "r", "r_rb", "S_diff", "n", "k", "b", "M", "SD", "SE", "CI",
    "p", "df", "R", "ICC", "RCI", "VIF", "HC3", "BF10", "REML", "OLS", "POMP", "Q-Q", "Mdn", "JZS", "M1", "M2",
    # methods named after their authors
    "Holm", "Wilcoxon", "Shapiro-Wilk", "Bonferroni", "Welch", "Hedges", "Cohen", "Cronbach", "McDonald",
    "Spearman", "Spearman-Brown", "Brown", "Kruskal-Wallis", "Mann-Whitney", "Friedman", "Kendall", "Feldt",
    "Jacobson", "Heywood", "Pinheiro", "Bates",
    # citations in notes: (Eisinga et al., 2013)
    "Eisinga", "et", "al", "APA",
    # table-note markers (APA specific notes: a, b, c ...)
    *"abcdefgh",
}


def test_the_statistics_notes_are_known_and_said_in_chinese():
    for note in KNOWN_NOTES:
        said = N.say(note, "zh")
        assert said != note, f"no pattern knows: {note}"
        latin = {w for w in re.findall(r"[A-Za-z][A-Za-z0-9_'\-]*", PATHS.sub("", said))}
        assert latin <= ALLOWED_LATIN, (note, said, latin - ALLOWED_LATIN)
        english = N.say(note, "en")
        assert not re.search(r"\b[a-z]+_[a-z_]+\b", re.sub(r"\br_rb\b", "", PATHS.sub("", english))), english


def test_numbers_survive_the_wording():
    """Numbers are carried over, p values re-printed APA style."""
    assert N.say("parametric test: every category n >= 15 and Shapiro-Wilk p >= 0.05 (smallest p = 0.164)") \
        == "parametric test, as every category n ≥ 15 and Shapiro–Wilk p ≥ .05 (smallest p = .164)"
    assert "（汉族：p = .030）" in N.say("rank test: Shapiro-Wilk p < 0.05 ('汉族' p = 0.030)", "zh")
    assert N.say("rank test: Shapiro-Wilk p < 0.05 ('汉族' p = 0.030)", "en", categories={"汉族": "Han"}) \
        == "rank test, as Shapiro–Wilk p < .05 (Han, p = .030)"
    assert N.say("code 6 outside the scale 1-5", "zh") == "编码6超出作答范围1–5"


def test_an_unknown_note_is_shown_as_written():
    assert N.say("something the statistics modules say one day", "zh") == "something the statistics modules say one day"
    assert N.say(float("nan")) == "" and N.say(None) == ""


def test_tests_and_effect_sizes_named_as_readers_name_them():
    assert N.test_name("welch_t") == "Welch's t test" and N.test_name("kruskal_wallis") == "Kruskal–Wallis test"
    assert N.test_name("mann_whitney", "zh") == "Mann-Whitney U检验"
    assert [N.effect_symbol(c) for c in ("hedges_g", "epsilon_squared", "rank_biserial", "spearman_rho")] == \
        ["g", "ε²", "r_rb", "ρ"]
    assert N.effect_note(["hedges_g", "hedges_g", "epsilon_squared"]) == \
        "Effect sizes: g = Hedges' g; ε² = epsilon squared of the Kruskal–Wallis test."


def test_plurals_and_articles():
    assert plural(1, "child") == "child" and plural(2, "child") == "children" and plural(0, "child") == "children"
    assert [with_article(x) for x in ("80%", "90%", "8%", "11%", "18%", "50%")] == \
        ["an 80%", "a 90%", "an 8%", "an 11%", "an 18%", "a 50%"]
    assert t("lim_followup", "en", m=1, children=plural(1, "child"), wave="follow-up").startswith("1 child missed")


def test_category_labels_must_match_the_categories(example_config):
    from sweval.config import _category_label_problems

    var = dict(example_config["background"]["variables"][0])
    assert _category_label_problems(var, 0) == []
    var["labels"] = {"en": ["boy"]}
    problems = _category_label_problems(var, 0)
    assert problems and "background.variables[0]" in problems[0] and "one label per category" in problems[0]


# ---------------------------------------------------------------------------------------------
# the example's rendered report, both languages

def _reader_text(work) -> tuple[str, str]:
    """(the report's text before the provenance section, the provenance section's text): HTML
    stripped to text, figures and styles left out."""
    page = (work / "results/report/evaluation_report.html").read_text(encoding="utf-8")
    body, _, provenance = page.partition("<section id='provenance'>")

    def text(fragment):
        fragment = re.sub(r"<(style|script)[^>]*>.*?</\1>", " ", fragment, flags=re.S)
        # notation set as <i>d</i><sub>z</sub> (sweval.report.outputs.set_notation) reads as d_z
        fragment = re.sub(r"<sub>([^<]*)</sub>", r"_\1", re.sub(r"</?i>", "", fragment))
        return _html.unescape(re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", fragment)))
    return text(body), text(re.sub(r"<details>.*?</details>", " ", provenance, flags=re.S))


PATHS = re.compile(r"[\w/.-]+\.(?:xlsx|xls|csv|sav|md|txt|yaml)(?![A-Za-z0-9])")  # input files are named as they are
# beyond the snake_case names, patsy terms and contrast keys of sweval.report.outputs.code_identifiers
# (the Word report's scan): names of the program's tools and printed missing values
CODE = re.compile(r"\bmixedlm\b|\bnumpy\b|\bnan\b|\bNaN\b|\bNone\b|\bnlme\b|\bpingouin\b|\bstatsmodels\b|psych::")


@pytest.mark.e2e
@pytest.mark.parametrize("language", ["en", "zh"])
def test_no_code_identifier_reaches_a_reader(language, example_run, example_run_zh):
    body, provenance = _reader_text(example_run if language == "en" else example_run_zh)
    provenance = re.sub(r"(?:Package|软件包) (?:Version|版本) .*", " ", provenance)  # the package list is exempt
    for where, text in (("report", body), ("provenance", provenance)):
        text = PATHS.sub(" ", text)
        found = sorted(set(code_identifiers(text)) | {m.group(0) for m in CODE.finditer(text)})
        assert not found, (where, found, [text[max(0, text.find(w) - 60):text.find(w) + 60] for w in found][:5])


@pytest.mark.e2e
def test_the_chinese_report_has_no_english_outside_the_allow_list(example_run_zh):
    body, provenance = _reader_text(example_run_zh)
    # the instrument's citation (the codebook's reference) stays as published
    from sweval.codebook import instrument_path, load_codebook

    reference = load_codebook(instrument_path("cyrm28")).reference
    body = PATHS.sub(" ", body.replace(reference, " "))
    words = set(re.findall(r"[A-Za-z][A-Za-z0-9_'\-]*", body))
    allowed = ALLOWED_LATIN | {"CYRM-28", "CYRM", "Python", "git", "commit", "SHA-256", "docs", "sweval"}
    assert words <= allowed, sorted(words - allowed)
    assert "Python" in provenance and "SHA-256" in provenance


@pytest.mark.e2e
def test_the_english_report_reads_as_apa(example_run):
    body, _ = _reader_text(example_run)
    for phrase in ["Welch's t test", "Kruskal–Wallis test", "g = -1.61 [-2.36, -0.85]", "an 80% chance",
                   "1 child missed the last wave", "Reference categories: Parents working away: both parents at home",
                   "Parents working away: father away", "Gender: girl"]:
        assert phrase in body, phrase
    for wrong in ["hedges_g", "a 80%", "child(ren)", "session(s)", " NO ", "sub-groups", "Type Effect size"]:
        assert wrong not in body, wrong
    assert re.search(r"p = \.052\b", body) and not re.search(r"\bp [=<>] 0\.\d", body)  # APA p: no leading zero
