"""The study config: schema validation plus the cross-checks a schema cannot express.

Every problem is one sentence that starts "In the config," (or names the codebook file) and
names the key, so a researcher can find the line to fix; all problems are reported at once.
"""
from __future__ import annotations

from .codebook import TO_CHECK, Codebook, instrument_path, load_codebook, normalise_text, unchecked_fields
from .errors import ConfigError
from .validation import validate

ITEM_MAPPINGS = ("matrix_question", "columns", "by_item_id")


# The parts of a study beyond two waves of one instrument: each may be left out (the key absent or
# null), and the report then leaves out its section and names it in its limitations. A part that
# is there but empty is a mistake, not a way to leave it out.
OPTIONAL_PARTS = ("roster", "comparison_roster", "levels", "background", "process")
PROCESS_FORMS = ("attendance", "feedback", "goal_attainment")


def study_parts(config: dict) -> dict[str, bool]:
    """Which optional parts a (checked) config has: roster, comparison, background, levels, each
    process record, and a third wave (a follow-up). The report's sections and sentences, and the
    jobs the workflow runs, follow these."""
    process = config.get("process") or {}
    return {"roster": bool(config.get("roster")), "comparison": bool(config.get("comparison_roster")),
            "background": bool(config.get("background")), "levels": bool(config.get("levels")),
            **{form: bool(process.get(form)) for form in PROCESS_FORMS},
            "followup": len(config.get("waves") or []) > 2}


def check_config(config: dict) -> dict:
    """Validate a study config; raise ConfigError with one sentence per problem naming its key."""
    empty = _empty_part_problems(config)
    if empty:  # said once, plainly; the schema's complaints about the same key would only add noise
        checked = {k: v for k, v in config.items() if k not in empty}
        try:
            validate(checked, "config.schema.yaml", "config")
        except ConfigError as exc:
            raise ConfigError(" ".join([*empty.values(), str(exc)])) from None
        raise ConfigError(" ".join(empty.values()))
    validate(config, "config.schema.yaml", "config")
    problems = [*_wave_problems(config), *_survey_problems(config), *_process_problems(config)]
    if config.get("comparison_roster") and not config.get("roster"):
        problems.append("In the config, 'comparison_roster' is given but 'roster' is not: the comparison arm "
                        "needs the group's roster to tell the two arms apart.")
    codebook = None
    try:
        path = instrument_path(config["instrument"])
        if not path.is_file():
            raise ConfigError(f"In the config, 'instrument' is '{config['instrument']}', but there is no such "
                              f"codebook file (a path relative to the folder snakemake runs in).")
        codebook = load_codebook(path)
    except ConfigError as exc:      # names the config key, or the codebook file and its key
        problems.append(str(exc))
    if codebook is not None:
        problems += _scale_problems(config, codebook)
    if problems:
        raise ConfigError(" ".join(problems))
    return config


def unchecked_problem(config: dict) -> str | None:
    """One sentence listing the fields of the study's codebook still marked TO CHECK (a draft
    written by ``sweval init``), or None. Runs stop on it; dry runs show it."""
    try:
        path = instrument_path(config["instrument"])
    except ConfigError:
        return None
    if not path.is_file():
        return None
    fields = unchecked_fields(path)
    if not fields:
        return None
    listed = ", ".join(f"{name} (line {line})" for name, line in fields)
    return (f"The codebook {path} is a draft: {listed} still {'holds' if len(fields) == 1 else 'hold'} a "
            f"'{TO_CHECK}' mark; check each against the instrument's manual, correct it, and delete the mark "
            f"(nothing runs until none is left).")


def stop_unless_reviewed(config: dict) -> None:
    """For a Snakefile's ``onstart:``: end the run, before any job, while the codebook holds
    TO CHECK marks (a dry run never reaches ``onstart``, so it still shows the plan)."""
    import sys

    problem = unchecked_problem(config)
    if problem:
        print(f"Config problem: {problem}", file=sys.stderr)
        sys.exit(1)


def _leave_out(key: str) -> str:
    return f"remove '{key}' from the config (or set it to null) to leave it out of the study and the report"


def _empty_part_problems(config: dict) -> dict[str, str]:
    """Optional parts that are there but hold nothing (``process: {}``, ``background: {variables:
    []}``, ``roster: {}``): one sentence per part, by its key."""
    problems = {}
    for key in ("roster", "comparison_roster", "levels"):
        if isinstance(config.get(key), dict) and not config[key]:
            problems[key] = f"In the config, '{key}' is there but empty: fill it in, or {_leave_out(key)}."
    background = config.get("background")
    if isinstance(background, dict) and not background.get("variables"):
        problems["background"] = ("In the config, 'background' lists no variables ('background.variables' is "
                                  "missing or empty): list the background questions of the baseline survey, or "
                                  f"{_leave_out('background')}.")
    process = config.get("process")
    if isinstance(process, dict):
        forms = [f for f in PROCESS_FORMS if f in process]
        empty = [f for f in forms if not process[f]]
        if not forms:
            problems["process"] = ("In the config, 'process' names none of the process records (attendance, "
                                   "feedback, goal_attainment): add the records the group kept, or "
                                   f"{_leave_out('process')}.")
        elif empty:
            problems["process"] = " ".join(
                f"In the config, 'process.{f}' is there but empty: fill it in, or remove 'process.{f}' to leave "
                f"that record out." for f in empty)
        elif isinstance(process.get("feedback"), dict) and process["feedback"].get("items") == {}:
            problems["process"] = ("In the config, 'process.feedback.items' is empty: map each feedback item to its "
                                   "column, or remove 'process.feedback' to leave the feedback forms out.")
    return problems


def _wave_problems(config: dict) -> list[str]:
    waves = config["waves"]
    problems = []
    if config["baseline_wave"] not in waves:
        problems.append(f"In the config, 'baseline_wave' is '{config['baseline_wave']}', which is not "
                        f"in 'waves' {waves}.")
    for k, (a, b) in enumerate(config["contrasts"]):
        for w in dict.fromkeys((a, b)):
            if w not in waves:
                problems.append(f"In the config, 'contrasts[{k}]' names the wave '{w}', which is not "
                                f"in 'waves' {waves}.")
        if a == b:
            problems.append(f"In the config, 'contrasts[{k}]' compares the wave '{a}' with itself.")
    primary = (config.get("outcomes") or {}).get("primary") or {}
    if "contrast" in primary and list(primary["contrast"]) not in [list(c) for c in config["contrasts"]]:
        problems.append(f"In the config, 'outcomes.primary.contrast' is {list(primary['contrast'])}, which is "
                        f"not one of 'contrasts' {[list(c) for c in config['contrasts']]}.")
    return problems


def _survey_problems(config: dict) -> list[str]:
    waves = config["waves"]
    problems, first = [], {}
    for k, s in enumerate(config["surveys"]):
        where = f"In the config, 'surveys[{k}]"
        if s["name"] in first:
            problems.append(f"{where}.name' is '{s['name']}', already the name of surveys[{first[s['name']]}]; "
                            f"each survey needs its own name.")
        first.setdefault(s["name"], k)
        if ("wave" in s) == ("wave_column" in s):
            problems.append(f"{where}' ({s['name']}) needs exactly one of 'wave' (one wave for the whole "
                            f"file) or 'wave_column'.")
        elif "wave" in s and s["wave"] not in waves:
            problems.append(f"{where}.wave' is '{s['wave']}', which is not in 'waves' {waves}.")
        for value, wave in (s.get("wave_values") or {}).items():
            if wave not in waves:
                problems.append(f"{where}.wave_values' maps '{value}' to '{wave}', which is not in "
                                f"'waves' {waves}.")
        given = [m for m in ITEM_MAPPINGS if m in (s.get("items") or {})]
        if len(given) > 1:
            problems.append(f"{where}.items' maps the items in {len(given)} ways ({', '.join(given)}); "
                            f"keep one of them.")
    names = list(first)
    background = config.get("background")
    if background:
        if background["survey"] not in names:
            problems.append(f"In the config, 'background.survey' is '{background['survey']}', which is "
                            f"not the name of a survey ({', '.join(names)}).")
        seen = set()
        for k, var in enumerate(background["variables"]):
            if var["id"] in seen:
                problems.append(f"In the config, 'background.variables[{k}].id' is '{var['id']}', which "
                                f"an earlier variable already uses.")
            seen.add(var["id"])
            problems += _range_problems(var, k)
        listed = (background.get("regression") or {}).get("predictors") or []
        unknown = [v for v in listed if v not in seen]
        if unknown:
            problems.append(f"In the config, 'background.regression.predictors' names {', '.join(unknown)}, "
                            f"which {'is' if len(unknown) == 1 else 'are'} not the id of a background variable.")
        if len(set(listed)) != len(listed):
            problems.append("In the config, 'background.regression.predictors' lists a variable twice.")
    return problems


def _range_problems(var: dict, k: int) -> list[str]:
    """A background variable's plausible range: numeric variables only, min below max."""
    where = f"In the config, 'background.variables[{k}]' ({var['id']})"
    given = [b for b in ("min", "max") if b in var]
    if given and var["type"] != "numeric":
        return [f"{where} is categorical but has '{given[0]}': a range is for numeric variables; a "
                f"categorical one lists its 'categories'."]
    if len(given) == 2 and var["min"] >= var["max"]:
        return [f"{where} has 'min' {var['min']:g} not below 'max' {var['max']:g}."]
    return []


def _process_problems(config: dict) -> list[str]:
    problems = []
    process = config.get("process") or {}
    attendance = process.get("attendance")
    if attendance:
        problems += _attendance_problems(attendance, process.get("sessions"))
    for form in ("feedback", "goal_attainment"):
        spec = process.get(form)
        if not spec:
            continue
        if spec["min"] >= spec["max"]:
            problems.append(f"In the config, 'process.{form}' has 'min' {spec['min']} not below "
                            f"'max' {spec['max']}.")
        elif "attained_at" in spec and not spec["min"] <= spec["attained_at"] <= spec["max"]:
            problems.append(f"In the config, 'process.{form}.attained_at' is {spec['attained_at']}, "
                            f"outside the rating scale {spec['min']}-{spec['max']}.")
    return problems


def _attendance_problems(attendance: dict, sessions: int | None) -> list[str]:
    problems = []
    columns = attendance["session_columns"]
    if sessions and len(columns) > sessions:
        problems.append(f"In the config, 'process.attendance.session_columns' lists {len(columns)} columns "
                        f"but 'process.sessions' is {sessions}: one column per session.")
    status_of = {}
    for status, marks in (attendance.get("values") or {}).items():
        for mark in marks:
            other = status_of.setdefault(normalise_text(mark), status)
            if other != status:
                problems.append(f"In the config, 'process.attendance.values' lists the mark '{mark}' under both "
                                f"'{other}' and '{status}'; keep it under one.")
    return problems


def _scale_problems(config: dict, codebook: Codebook) -> list[str]:
    scales = codebook.scale_ids
    known = f"the codebook {codebook.instrument} has {', '.join(scales)}"
    problems = []
    for key in ("scales", "holm_family"):
        for s in (config.get("outcomes") or {}).get(key, []):
            if s not in scales:
                problems.append(f"In the config, 'outcomes.{key}' names the scale '{s}', which is not a "
                                f"scale of the codebook ({known}).")
    levels = config.get("levels")
    if levels:
        if levels["scale"] not in scales:
            problems.append(f"In the config, 'levels.scale' is '{levels['scale']}', which is not a scale "
                            f"of the codebook ({known}).")
        if levels["method"] == "fixed_item_mean":
            problems += _band_problems(levels.get("bands"), codebook)
        names = level_names(levels)
        for name in levels.get("labels") or {}:
            if name not in names:
                problems.append(f"In the config, 'levels.labels' words the level '{name}', which is not one of the "
                                f"levels ({', '.join(names)}).")
    return problems


def level_names(levels: dict) -> list[str]:
    """The levels a config's level rule gives, lowest scores first: its bands' names for fixed
    bands, low/medium/high for the baseline mean -/+ SD and the tertiles."""
    if levels.get("method") == "fixed_item_mean":
        return [b["level"] for b in levels.get("bands") or []]
    return ["low", "medium", "high"]


def _band_problems(bands: list[dict] | None, codebook: Codebook) -> list[str]:
    """Fixed bands on the item mean: each but the last has 'below', increasing, inside the scale."""
    if not bands:
        return ["In the config, 'levels.bands' is needed when 'levels.method' is fixed_item_mean "
                "(e.g. [{level: low, below: 3.5}, {level: high}])."]
    problems = []
    if "below" in bands[-1]:
        problems.append(f"In the config, 'levels.bands' must end with a top band without 'below' "
                        f"(e.g. {{level: high}}); the last band '{bands[-1]['level']}' has one.")
    for k, band in enumerate(bands[:-1]):
        if "below" not in band:
            problems.append(f"In the config, 'levels.bands[{k}]' ('{band['level']}') needs 'below': only "
                            f"the last band may leave it out.")
        elif not codebook.min < band["below"] <= codebook.max:
            problems.append(f"In the config, 'levels.bands[{k}].below' is {band['below']:g}, outside the "
                            f"item-mean range {codebook.min}-{codebook.max} of the codebook's response scale.")
    edges = [b["below"] for b in bands if "below" in b]
    if any(b <= a for a, b in zip(edges, edges[1:])):
        problems.append(f"In the config, 'levels.bands' must have increasing 'below' edges, not "
                        f"{', '.join(f'{e:g}' for e in edges)}.")
    names = [b["level"] for b in bands]
    if "missing" in names:
        problems.append("In the config, 'levels.bands' names a level 'missing', which the report keeps for "
                        "children without a score; call it something else.")
    twice = sorted({n for n in names if names.count(n) > 1})
    if twice:
        problems.append(f"In the config, 'levels.bands' uses the level name(s) {', '.join(twice)} more "
                        f"than once.")
    return problems
