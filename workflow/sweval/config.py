"""The study config: schema validation plus the cross-checks a schema cannot express."""
from __future__ import annotations

from .codebook import load_codebook
from .errors import ConfigError
from .validation import validate


def check_config(config: dict) -> dict:
    """Validate a study config; raise ConfigError with sentences naming the keys."""
    validate(config, "config.schema.yaml", "config")
    waves = config["waves"]
    problems = []
    if config["baseline_wave"] not in waves:
        problems.append(f"'baseline_wave' is '{config['baseline_wave']}', which is not in 'waves' {waves}.")
    for k, (a, b) in enumerate(config["contrasts"]):
        for w in (a, b):
            if w not in waves:
                problems.append(f"'contrasts[{k}]' names the wave '{w}', which is not in 'waves' {waves}.")
        if a == b:
            problems.append(f"'contrasts[{k}]' compares the wave '{a}' with itself.")
    names = [s["name"] for s in config["surveys"]]
    for k, s in enumerate(config["surveys"]):
        if names.count(s["name"]) > 1:
            problems.append(f"'surveys[{k}].name' '{s['name']}' is used by more than one survey.")
        if ("wave" in s) == ("wave_column" in s):
            problems.append(f"'surveys[{k}]' ({s['name']}) needs exactly one of 'wave' or 'wave_column'.")
        elif s.get("wave") is not None and s["wave"] not in waves:
            problems.append(f"'surveys[{k}].wave' is '{s['wave']}', which is not in 'waves' {waves}.")
    if config.get("background") and config["background"]["survey"] not in names:
        problems.append(f"'background.survey' is '{config['background']['survey']}', which is not the "
                        f"name of a survey ({names}).")
    try:
        codebook = load_codebook(config["instrument"])
    except ConfigError as exc:
        problems.append(f"'instrument': {exc}")
        codebook = None
    if codebook is not None:
        scales = codebook.scale_ids
        for key in ("scales", "holm_family"):
            for s in (config.get("outcomes") or {}).get(key, []):
                if s not in scales:
                    problems.append(f"'outcomes.{key}' names the scale '{s}', which the codebook "
                                    f"{codebook.instrument} does not have ({', '.join(scales)}).")
        lv = config.get("levels")
        if lv and lv["scale"] not in scales:
            problems.append(f"'levels.scale' is '{lv['scale']}', which the codebook does not have.")
    if problems:
        raise ConfigError(" ".join(problems))
    return config
