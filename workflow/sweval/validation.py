"""Schema validation that answers with a sentence naming the key, not a jsonschema dump."""
from __future__ import annotations

from pathlib import Path

import jsonschema
import yaml

from .errors import ConfigError

SCHEMA_DIR = Path(__file__).resolve().parents[1] / "schemas"


def load_yaml(path: str | Path, what: str) -> dict:
    """Read a YAML mapping; a missing or unparsable file is a ConfigError naming it."""
    path = Path(path)
    if not path.is_file():
        raise ConfigError(f"The {what} file {path} does not exist. Check the path in your config.")
    try:
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
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
    return ".".join(parts).replace(".[", "[") or "(top level)"


def _sentence(error: jsonschema.ValidationError, what: str) -> str:
    key = _key_path(error)
    v = error.validator
    if v == "required":
        missing = error.message.split("'")[1] if "'" in error.message else error.message
        return f"In the {what}, '{key}' is missing the required key '{missing}'."
    if v == "additionalProperties":
        return f"In the {what}, '{key}' has a key the {what} does not know: {error.message}."
    if v == "enum":
        return f"In the {what}, '{key}' is {error.instance!r}; allowed values are {error.validator_value}."
    if v == "type":
        return (f"In the {what}, '{key}' should be of type {error.validator_value} "
                f"but is {error.instance!r}.")
    desc = error.schema.get("description") if isinstance(error.schema, dict) else None
    hint = f" ({desc})" if desc else ""
    return f"In the {what}, '{key}' is not valid{hint}: {error.message}."


def validate(data: dict, schema_name: str, what: str) -> dict:
    """Validate ``data`` against ``workflow/schemas/<schema_name>`` and fill schema defaults.

    Raises ConfigError with one sentence per problem (all problems at once, sorted by key).
    """
    schema = yaml.safe_load((SCHEMA_DIR / schema_name).read_text(encoding="utf-8"))
    validator = jsonschema.Draft202012Validator(schema)
    errors = sorted(validator.iter_errors(data), key=lambda e: (_key_path(e), e.validator))
    if errors:
        raise ConfigError(" ".join(_sentence(e, what) for e in errors))
    return data
