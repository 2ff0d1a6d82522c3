"""Schema validation that answers with a sentence naming the key, not a jsonschema dump."""
from __future__ import annotations

import difflib
import re
from importlib.resources import files
from pathlib import Path

import jsonschema
import jsonschema.exceptions
import yaml

from .errors import ConfigError

# package data, so that the schemas travel with sweval however it is installed (editable, wheel, conda)
SCHEMAS = files("sweval") / "schemas"
TYPE_WORDS = {"array": "a list", "object": "a mapping (key: value)", "string": "text", "integer": "a whole number",
              "number": "a number", "boolean": "true or false", "null": "empty"}


# libyaml's safe loader where PyYAML was built with it (the wheels are): the pure-Python one
# needs ~50 ms per schema, a noticeable share of a no-op run
SAFE_LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


def load_yaml(path: str | Path, what: str) -> dict:
    """Read a YAML mapping; a missing or unparsable file is a ConfigError naming it."""
    path = Path(path)
    if not path.is_file():
        raise ConfigError(f"The {what} file {path} does not exist. Check the path in your config.")
    try:
        data = yaml.load(path.read_text(encoding="utf-8"), Loader=SAFE_LOADER)
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        where = f" at line {mark.line + 1}, column {mark.column + 1}" if mark else ""
        raise ConfigError(f"The {what} file {path} is not valid YAML{where}: "
                          f"{getattr(exc, 'problem', exc)}.") from None
    if not isinstance(data, dict):
        raise ConfigError(f"The {what} file {path} must hold a mapping of keys (key: value), "
                          f"not a {type(data).__name__}.")
    return data


def _key_path(error: jsonschema.ValidationError) -> str:
    parts = [str(p) if not isinstance(p, int) else f"[{p}]" for p in error.absolute_path]
    return ".".join(parts).replace(".[", "[")


def _unexpected(error: jsonschema.ValidationError) -> list[str]:
    allowed = (error.schema or {}).get("properties", {}) if isinstance(error.schema, dict) else {}
    return [str(k) for k in error.instance if k not in allowed]


def _suggestion(name: str, error: jsonschema.ValidationError) -> str | None:
    allowed = list((error.schema or {}).get("properties", {}))
    close = difflib.get_close_matches(name, allowed, n=1, cutoff=0.6)
    return close[0] if close else None


def _where(key: str, what: str) -> str:
    return f"In the {what}, '{key}'" if key else f"The {what}"


def _sentence(error: jsonschema.ValidationError, what: str) -> str:
    key = _key_path(error)
    v = error.validator
    if v in ("oneOf", "anyOf") and error.context:
        # an alternative that failed on more than type says what is wrong (e.g. an empty list)
        same_type = [e for e in error.context if e.validator != "type" and e.validator != "const"]
        if same_type:
            return _sentence(jsonschema.exceptions.best_match(same_type), what)
    if v == "required":
        missing = error.message.split("'")[1] if "'" in error.message else error.message
        return f"{_where(key, what)} is missing the required key '{missing}'."
    if v == "additionalProperties":
        sentences = []
        for name in _unexpected(error):
            close = _suggestion(name, error)
            hint = f" (did you mean '{close}'?)" if close else ""
            holder = f"In the {what}, '{key}' has" if key else f"The {what} has"
            sentences.append(f"{holder} the key '{name}', which the {what} does not know{hint}.")
        return " ".join(sentences)
    if v == "dependentRequired":
        found = re.match(r"'(.+)' is a dependency of '(.+)'", error.message)
        if found:
            holder = f"In the {what}, '{key}' has" if key else f"The {what} has"
            return f"{holder} '{found.group(2)}', which needs '{found.group(1)}' as well."
    if v == "enum":
        return f"{_where(key, what)} is {error.instance!r}; allowed values are {error.validator_value}."
    if v == "type":
        types = error.validator_value if isinstance(error.validator_value, list) else [error.validator_value]
        wanted = " or ".join(TYPE_WORDS.get(t, t) for t in types)
        return f"{_where(key, what)} should be {wanted} but is {error.instance!r}."
    desc = error.schema.get("description") if isinstance(error.schema, dict) else None
    hint = f" ({desc})" if desc else ""
    return f"{_where(key, what)} is not valid{hint}: {error.message}."


def _typo_explained(errors: list[jsonschema.ValidationError]) -> set[int]:
    """Positions of 'missing required key' errors that an unknown near-miss key explains: a
    misspelt key is one mistake, told once ('wave' instead of 'waves')."""
    meant = {(tuple(e.absolute_path), _suggestion(name, e)) for e in errors
             if e.validator == "additionalProperties" for name in _unexpected(e)}
    return {k for k, e in enumerate(errors) if e.validator == "required"
            and (tuple(e.absolute_path), e.message.split("'")[1] if "'" in e.message else None) in meant}


def validate(data: dict, schema_name: str, what: str) -> dict:
    """Validate ``data`` against the package's ``schemas/<schema_name>``.

    Raises ConfigError with one sentence per problem (all problems at once, sorted by key).
    """
    validator = jsonschema.Draft202012Validator(
        yaml.load((SCHEMAS / schema_name).read_text(encoding="utf-8"), Loader=SAFE_LOADER))
    errors = sorted(validator.iter_errors(data), key=lambda e: (_key_path(e), e.validator))
    skip = _typo_explained(errors)
    errors = [e for k, e in enumerate(errors) if k not in skip]
    if errors:
        raise ConfigError(" ".join(_sentence(e, what) for e in errors))
    return data
