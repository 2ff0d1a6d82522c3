"""Broken configs and codebooks fail at start with one readable sentence naming the key.

Each case breaks the example config (or the CYRM-28 codebook it points at) in one way a
researcher might. ``check_config`` must raise a ConfigError whose message is one line, names
the key, and reads as a sentence (no Python repr of a schema, no traceback). Two cases also go
through ``snakemake --dry-run`` to check that the sentence is what the researcher sees, without
a traceback, and that the run stops with a non-zero status.
"""
from __future__ import annotations

import copy
import os
import re
import subprocess
import sys
from pathlib import Path

import pytest
from project import copy_project
import yaml

from sweval.config import check_config
from sweval.errors import ConfigError

ROOT = Path(__file__).resolve().parents[1]
CONFIG = yaml.safe_load((ROOT / "config.yaml").read_text(encoding="utf-8"))
CODEBOOK = yaml.safe_load((ROOT / "workflow/sweval/instruments/cyrm28.yaml").read_text(encoding="utf-8"))


def _set(path: str, value):
    """A config edit: set the dotted ``path`` (list positions as numbers) to ``value``."""
    def edit(cfg):
        *parents, last = path.split(".")
        node = cfg
        for key in parents:
            node = node[int(key)] if isinstance(node, list) else node[key]
        if isinstance(node, list):
            node[int(last)] = value
        else:
            node[last] = value
    return edit


def _drop(path: str):
    def edit(cfg):
        *parents, last = path.split(".")
        node = cfg
        for key in parents:
            node = node[int(key)] if isinstance(node, list) else node[key]
        del node[last]
    return edit


def _codebook(edit):
    """A config edit that points the config at a copy of the codebook changed by ``edit``."""
    def config_edit(cfg, folder: Path):
        book = copy.deepcopy(CODEBOOK)
        edit(book)
        path = folder / "broken_codebook.yaml"
        path.write_text(yaml.safe_dump(book, allow_unicode=True), encoding="utf-8")
        cfg["instrument"] = str(path)
    config_edit.codebook = True
    return config_edit


def _codebook_text(text: str):
    def config_edit(cfg, folder: Path):
        path = folder / "broken_codebook.yaml"
        path.write_text(text, encoding="utf-8")
        cfg["instrument"] = str(path)
    config_edit.codebook = True
    return config_edit


def _scale(k: int, **changes):
    def edit(book):
        book["scales"][k].update(changes)
    return edit


# (case id, edit, text the message must contain: the key, and what is wrong where useful)
CASES = [
    # wrong types
    ("waves not a list", _set("waves", "pre post followup"), "'waves'"),
    ("a wave that is a number", _set("waves", ["pre", 2, "followup"]), "'waves[1]'"),
    ("seed as text", _set("seed", "twenty"), "'seed'"),
    ("min_duration_seconds as text", _set("cleaning.min_duration_seconds", "ninety"),
     "'cleaning.min_duration_seconds'"),
    ("contrast of three waves", _set("contrasts", [["pre", "post", "followup"]]), "'contrasts[0]'"),
    ("n_boot negative", _set("reliability.n_boot", -5), "'reliability.n_boot'"),
    ("power alpha above 1", _set("power.alpha", 1.5), "'power.alpha'"),
    ("language unknown", _set("language", "fr"), "'language'"),
    ("survey format unknown", _set("surveys.0.format", "excel"), "'surveys[0].format'"),
    ("matrix question as text", _set("surveys.1.items", {"matrix_question": "three"}),
     "'surveys[1].items.matrix_question'"),
    # unknown and missing keys
    ("unknown top-level key (typo)", lambda c: c.update(wave=c.pop("waves")), "'wave'"),
    ("unknown key in privacy", _set("privacy.keyfile", "x.txt"), "'keyfile'"),
    ("missing seed", _drop("seed"), "'seed'"),
    ("roster without id_column", _drop("roster.id_column"), "'id_column'"),
    ("comparison roster without a group roster",
     lambda c: c.update(comparison_roster=c.pop("roster")), "'roster'"),
    # waves, contrasts, surveys
    ("contrast names an absent wave", _set("contrasts.1", ["pre", "middle"]), "'contrasts[1]'"),
    ("contrast of a wave with itself", _set("contrasts.0", ["post", "post"]), "'contrasts[0]'"),
    ("baseline_wave not in waves", _set("baseline_wave", "baseline"), "'baseline_wave'"),
    ("survey without wave", _drop("surveys.2.wave"), "'surveys[2]'"),
    ("survey with both wave and wave_column", _set("surveys.0.wave_column", "wave"), "'surveys[0]'"),
    ("survey wave not in waves", _set("surveys.1.wave", "posttest"), "'surveys[1].wave'"),
    ("two surveys with one name", _set("surveys.2.name", "post"), "'surveys[2].name'"),
    ("survey items mapped two ways", _set("surveys.1.items", {"matrix_question": 3, "by_item_id": True}),
     "'surveys[1].items'"),
    ("background survey unknown", _set("background.survey", "pretest"), "'background.survey'"),
    ("background variable id twice", lambda c: c["background"]["variables"].append(
        dict(c["background"]["variables"][0])), "'background.variables[13].id'"),
    # scales named in the config
    ("holm_family scale unknown", _set("outcomes.holm_family", ["total", "resilience"]), "'outcomes.holm_family'"),
    ("outcome scale unknown", _set("outcomes.scales", ["totl"]), "'outcomes.scales'"),
    ("primary contrast not among the contrasts", _set("outcomes.primary", {"contrast": ["post", "pre"]}),
     "'outcomes.primary.contrast'"),
    ("primary analysis unknown", _set("outcomes.primary", {"analysis": "anova"}), "'outcomes.primary.analysis'"),
    ("reliability floor of 1", _set("change.min_reliability", 1), "'change.min_reliability'"),
    ("regression predictor unknown", _set("background.regression", {"predictors": ["gender", "wealth"]}),
     "'background.regression.predictors'"),
    ("regression limit of 0 children per df", _set("background.regression", {"min_n_per_df": 0}),
     "'background.regression.min_n_per_df'"),
    ("levels scale unknown", _set("levels.scale", "resilience"), "'levels.scale'"),
    # levels bands
    ("levels method unknown", _set("levels.method", "quartiles"), "'levels.method'"),
    ("bands without a top band", _set("levels.bands", [{"level": "low", "below": 3.5},
                                                       {"level": "high", "below": 4.2}]), "'levels.bands'"),
    ("bands not increasing", _set("levels.bands", [{"level": "low", "below": 4.2}, {"level": "medium", "below": 3.5},
                                                   {"level": "high"}]), "'levels.bands'"),
    ("fixed bands missing", _drop("levels.bands"), "'levels.bands'"),
    ("a middle band without 'below'", _set("levels.bands", [{"level": "low"}, {"level": "medium", "below": 4.2},
                                                           {"level": "high"}]), "'levels.bands[0]'"),
    ("two bands with one name", _set("levels.bands", [{"level": "low", "below": 3.5}, {"level": "low", "below": 4.2},
                                                     {"level": "high"}]), "'levels.bands'"),
    ("band edge outside the response scale", _set("levels.bands", [{"level": "low", "below": 35},
                                                                  {"level": "high"}]), "'levels.bands[0].below'"),
    # process forms
    ("feedback min above max", _set("process.feedback.min", 7), "'process.feedback'"),
    ("attained_at outside the rating scale", _set("process.goal_attainment.attained_at", 9),
     "'process.goal_attainment.attained_at'"),
    ("attendance present_values (the old key)", lambda c: c["process"]["attendance"].update(
        present_values=["出席"]), "'present_values'"),
    ("attendance mark under two statuses", _set("process.attendance.values", {"present": ["到"], "excused": ["到 "]}),
     "'process.attendance.values'"),
    ("attendance status unknown", _set("process.attendance.values", {"late": ["迟到"]}), "'late'"),
    ("attendance values as a list", _set("process.attendance.values", ["出席", "缺席"]),
     "'process.attendance.values'"),
    ("more attendance columns than sessions", _set("process.sessions", 6),
     "'process.attendance.session_columns'"),
    ("no attendance columns", _set("process.attendance.session_columns", []),
     "'process.attendance.session_columns'"),
    ("sessions zero", _set("process.sessions", 0), "'process.sessions'"),
    # optional parts: there but empty is a mistake (leaving a part out is: no key, or null)
    ("process with no record", _set("process", {}), "'process' names none of the process records"),
    ("process with sessions only", _set("process", {"sessions": 7}), "'process' names none"),
    ("an empty attendance record", _set("process.attendance", {}), "'process.attendance' is there but empty"),
    ("feedback without items", _set("process.feedback.items", {}), "'process.feedback.items' is empty"),
    ("background without variables", _set("background.variables", []), "'background' lists no variables"),
    ("background with nothing in it", _set("background", {}), "'background' lists no variables"),
    ("an empty roster", _set("roster", {}), "'roster' is there but empty"),
    ("an empty level rule", _set("levels", {}), "'levels' is there but empty"),
    ("comparison roster with a null roster", lambda c: c.update(comparison_roster=c["roster"], roster=None),
     "'comparison_roster' is given but 'roster' is not"),
    ("a level wording for no level", _set("levels.labels", {"lowest": {"en": "x", "zh": "y"}}),
     "'levels.labels' words the level 'lowest'"),
    ("a band named missing", _set("levels.bands", [{"level": "missing", "below": 3.5}, {"level": "high"}]),
     "'levels.bands' names a level 'missing'"),
    ("codebook construct in one language", _codebook(lambda b: b.update(construct={"en": "resilience"})),
     "'construct'"),
    # background ranges
    ("age range upside down", lambda c: c["background"]["variables"][1].update(min=18, max=6),
     "'background.variables[1]' (age)"),
    ("a range on a categorical variable", lambda c: c["background"]["variables"][0].update(min=1),
     "'background.variables[0]' (gender)"),
    ("age max as text", lambda c: c["background"]["variables"][1].update(max="eighteen"),
     "'background.variables[1].max'"),
    # the codebook
    ("instrument file missing", _set("instrument", "config/cyrm99.yaml"), "'instrument' is 'config/cyrm99.yaml'"),
    ("instrument names no shipped codebook", _set("instrument", "cyrm99"),
     "'instrument' is 'cyrm99', which is neither a codebook shipped with sweval (chs, cyrm12, cyrm28, cyrm_r, gses, pssm, rses)"),
    ("codebook YAML syntax error", _codebook_text("instrument: cyrm28\nitems: [1, 2\n"), "not valid YAML"),
    ("codebook is a list", _codebook_text("- a\n- b\n"), "mapping"),
    ("scale with no items", _codebook(_scale(3, items=[])), "'scales[3].items'"),
    ("scale with an unknown item", _codebook(_scale(1, items=[2, 4, 99])), "'individual'"),
    ("scale listing an item twice", _codebook(_scale(3, items=[14, 14])), "'peer_support'"),
    ("two scales with one id", _codebook(_scale(2, id="individual")), "'individual'"),
    ("scale with an unknown parent", _codebook(_scale(2, parent="personal")), "'personal'"),
    ("direction unknown", _codebook(lambda b: b.update(direction="up")), "'direction'"),
    ("option code outside min-max", _codebook(lambda b: b["response_scale"]["options"][0].update(code=0)),
     "'response_scale.options'"),
    ("min_answered_share of zero", _codebook(lambda b: b["scoring"].update(min_answered_share=0)),
     "'scoring.min_answered_share'"),
    ("reverse as text", _codebook(lambda b: b["items"][0].update(reverse="yes")), "'items[0].reverse'"),
    ("item number twice", _codebook(lambda b: b["items"][1].update(number=1)), "item number"),
    ("codebook without scoring", _codebook(lambda b: b.pop("scoring")), "'scoring'"),
]


def broken_config(edit, folder: Path) -> dict:
    cfg = copy.deepcopy(CONFIG)
    if getattr(edit, "codebook", False):
        edit(cfg, folder)
    else:
        edit(cfg)
    return cfg


def is_one_readable_sentence(message: str) -> bool:
    return ("\n" not in message and "Traceback" not in message and len(message) < 600
            and message[0].isupper() and message.rstrip().endswith((".", ")")))


@pytest.mark.parametrize("name, edit, key", CASES, ids=[c[0] for c in CASES])
def test_broken_config_fails_with_one_sentence_naming_the_key(name, edit, key, tmp_path):
    cfg = broken_config(edit, tmp_path)
    with pytest.raises(ConfigError) as err:
        check_config(cfg)
    message = str(err.value)
    assert key in message, message
    assert is_one_readable_sentence(message), message
    assert len(re.findall(r"[.!?](?:\s|$)", message.replace("e.g.", "eg"))) <= 2, message


def test_the_example_config_is_valid():
    check_config(copy.deepcopy(CONFIG))


def test_every_part_beyond_two_waves_of_one_instrument_may_be_left_out():
    """No roster (null), no comparison roster, background, levels or process: a valid study."""
    cfg = copy.deepcopy(CONFIG)
    for key in ("background", "levels", "process"):
        del cfg[key]
    cfg.update(roster=None, waves=["pre", "post"], contrasts=[["pre", "post"]], surveys=cfg["surveys"][:2])
    check_config(cfg)
    from sweval.config import study_parts

    assert not any(study_parts(cfg).values())
    assert all(study_parts(CONFIG)[k] for k in ("roster", "background", "levels", "attendance", "feedback",
                                                "goal_attainment", "followup"))
    for key in ("background", "levels", "process", "comparison_roster"):  # null reads as left out
        check_config({**cfg, key: None})


def test_the_count_of_broken_inputs():
    print(f"\nconfig/codebook errors: {len(CASES)} broken inputs tried")
    assert len(CASES) >= 20


# ---------------------------------------------------------------------------------------------
# through Snakemake


@pytest.fixture(scope="module")
def project(tmp_path_factory):
    return copy_project(tmp_path_factory.mktemp("configs"))


SNAKEMAKE_CASES = [
    ("contrast names an absent wave", lambda text: text.replace("[pre, followup]", "[pre, middle]"),
     "'contrasts[1]' names the wave 'middle'"),
    ("codebook scale with no items", None, "'scales[3].items'"),
    # a copied config.yaml keeps the example's public key: a real study may not run on it
    ("demo key in a study not marked simulated", lambda text: text.replace("simulated: true", "simulated: false"),
     "is the example study's public demo key"),
    ("key shorter than 128 bits", lambda text: text.replace("key_env: SWEVAL_PSEUDONYM_KEY",
                                                            "key_env: SWEVAL_SHORT_TEST_KEY"),
     "holds 5 bytes, fewer than the 16 (128 bits)"),
    # Snakemake parses the config file itself, before any of our code runs: its own sentence
    # (which names neither file nor line) is what the researcher gets, at least without a traceback
    ("config YAML syntax error", lambda text: text.replace("waves: [pre, post, followup]", "waves: [pre, post"),
     "Config file is not valid JSON or YAML"),
]


@pytest.mark.parametrize("name, edit, expected", SNAKEMAKE_CASES, ids=[c[0] for c in SNAKEMAKE_CASES])
def test_snakemake_stops_with_the_sentence_and_no_traceback(name, edit, expected, project):
    text = (project / "config.yaml").read_text(encoding="utf-8")
    if edit is None:       # the codebook case: a broken copy of the codebook
        book = copy.deepcopy(CODEBOOK)
        book["scales"][3]["items"] = []
        (project / "broken.yaml").write_text(yaml.safe_dump(book, allow_unicode=True), encoding="utf-8")
        text = re.sub(r"^instrument: .*$", "instrument: broken.yaml", text, flags=re.M)
    else:
        text = edit(text)
    (project / "broken_config.yaml").write_text(text, encoding="utf-8")
    env = {**os.environ, "SWEVAL_SHORT_TEST_KEY": "short"}
    env.pop("SWEVAL_PSEUDONYM_KEY", None)
    proc = subprocess.run([sys.executable, "-m", "snakemake", "--cores", "1", "--dry-run",
                           "--configfile", "broken_config.yaml"], cwd=project, capture_output=True,
                          text=True, timeout=120, env=env)
    output = proc.stdout + proc.stderr
    assert proc.returncode != 0
    assert expected in output, output[-2000:]
    assert "Traceback" not in output and 'File "' not in output, output[-3000:]


def test_a_configfile_is_the_whole_config_never_merged_onto_the_example(project, tmp_path):
    """At the repository root `--configfile mine.yaml` replaces config.yaml: a two-wave study with
    no roster, background, levels or process forms keeps none of the example's (whose background
    names a survey and whose levels and Holm family name scales this study does not have)."""
    data = ROOT / "tests/data/init_study"
    key = tmp_path / "study.key"
    key.write_text("cd" * 32 + "\n", encoding="utf-8")
    mine = {"instrument": str(data / "instrument.yaml"), "waves": ["pre", "post"], "baseline_wave": "pre",
            "contrasts": [["pre", "post"]], "seed": 1, "privacy": {"key_file": str(key)}, "roster": None,
            "surveys": [{"name": w, "path": str(data / f"csv/{w}.csv"), "format": "wjx", "wave": w,
                         "id_column": {"question": 1}, "items": {"matrix_question": 4}} for w in ("pre", "post")]}
    check_config(mine)      # roster: null is "no roster"
    (project / "mine.yaml").write_text(yaml.safe_dump(mine, allow_unicode=True), encoding="utf-8")
    env = {k: v for k, v in os.environ.items() if k != "SWEVAL_PSEUDONYM_KEY"}
    proc = subprocess.run([sys.executable, "-m", "snakemake", "--cores", "1", "--dry-run", "--configfile", "mine.yaml"],
                          cwd=project, capture_output=True, text=True, timeout=120, env=env)
    output = proc.stdout + proc.stderr
    assert proc.returncode == 0, output[-3000:]
    (files,) = re.findall(r"Config file\(s\): (.*)", output)
    assert "mine.yaml" in files and "config.yaml" not in files and "is extended by" not in output, files
    assert "rule process:" not in output and "rule comparison:" not in output
    # without --configfile the example's config.yaml is read as before
    proc = subprocess.run([sys.executable, "-m", "snakemake", "--cores", "1", "--dry-run"], cwd=project,
                          capture_output=True, text=True, timeout=120, env=env)
    (files,) = re.findall(r"Config file\(s\): (.*)", proc.stdout + proc.stderr)
    assert proc.returncode == 0 and "config.yaml" in files and "mine.yaml" not in files, files
