"""Instrument codebooks: items, response options, nested scales, scoring rule.

A codebook is a YAML file validated against the package's ``schemas/codebook.schema.yaml``.
Adding an instrument means adding a YAML file; nothing here is specific to one instrument. The
codebooks shipped with sweval are package data (``sweval/instruments/<name>.yaml``): a config
names one by ``<name>``, or gives the path of its own codebook file.
"""
from __future__ import annotations

import unicodedata
from dataclasses import dataclass, field
from importlib.resources import files
from pathlib import Path

from .errors import ConfigError
from .validation import load_yaml, validate


@dataclass(frozen=True)
class Item:
    id: str
    number: int
    en: str
    zh: str
    reverse: bool = False


@dataclass(frozen=True)
class Scale:
    id: str
    en: str
    zh: str
    items: tuple[str, ...]          # item ids
    parent: str | None = None


@dataclass
class Codebook:
    instrument: str
    name: dict
    direction: str
    min: int
    max: int
    options: list[dict]
    scoring_method: str
    min_answered_share: float
    items: list[Item]
    scales: list[Scale]
    missing_codes: tuple[int, ...] = ()
    published_reliability: list[dict] = field(default_factory=list)
    norms: list[dict] = field(default_factory=list)
    path: str = ""
    # what the report says of the instrument (codebook keys construct, reference, levels_note)
    construct: dict | None = None       # {en, zh}: what it measures, in running text
    reference: str = ""                 # its citation
    levels_note: dict | None = None     # {en, zh}: what its sources say about cut-offs

    @property
    def item_ids(self) -> list[str]:
        return [i.id for i in self.items]

    @property
    def scale_ids(self) -> list[str]:
        return [s.id for s in self.scales]

    def scale(self, scale_id: str) -> Scale:
        for s in self.scales:
            if s.id == scale_id:
                return s
        raise KeyError(scale_id)

    def primary_scale(self, outcomes: dict | None = None) -> str:
        """The scale a study's report leads with: the first of the config's ``outcomes.holm_family``
        (or ``outcomes.scales``), else the codebook's first scale (its total, where it has one)."""
        outcomes = outcomes or {}
        for key in ("holm_family", "scales"):
            for scale in outcomes.get(key) or []:
                if scale in self.scale_ids:
                    return scale
        return self.scales[0].id

    def text_to_code(self) -> dict[str, int]:
        """Option text (English, Chinese and aliases, width- and case-normalised) -> code."""
        table: dict[str, int] = {}
        for opt in self.options:
            for text in [opt["en"], opt["zh"], *opt.get("aliases", [])]:
                table[normalise_text(text)] = int(opt["code"])
        return table

    def option_label(self, code: int, language: str) -> str:
        for opt in self.options:
            if int(opt["code"]) == int(code):
                return opt[language]
        raise KeyError(code)


# A wheel installs its package data as files (pip never installs a package zipped), so a shipped
# codebook has a real path: Snakemake can take it as a rule input and hash it for provenance.
SHIPPED = Path(files("sweval") / "instruments")


def shipped_instruments() -> list[str]:
    """Names of the codebooks shipped with sweval, for a config's ``instrument``."""
    return sorted(p.stem for p in SHIPPED.glob("*.yaml"))


def instrument_path(instrument: str, base: str | Path = ".") -> Path:
    """The codebook file named by a config's ``instrument``.

    A bare name (no folder, no ``.yaml``/``.yml``) is a codebook shipped with sweval; anything else
    is a path to a YAML file, relative to ``base`` (the folder snakemake runs in). Whether the
    file exists is the caller's check; an unknown bare name is a ConfigError listing the names.
    """
    text = str(instrument)
    if "/" in text or "\\" in text or Path(text).suffix.lower() in (".yaml", ".yml"):
        path = Path(text).expanduser()
        return path if path.is_absolute() else Path(base) / path
    shipped = SHIPPED / f"{text}.yaml"
    if not shipped.is_file():
        raise ConfigError(f"In the config, 'instrument' is '{text}', which is neither a codebook shipped "
                          f"with sweval ({', '.join(shipped_instruments())}) nor a path to a codebook "
                          f"YAML file (e.g. config/my_instrument.yaml).")
    return shipped


def source_label(path: str | Path) -> str:
    """How provenance names a codebook file: a shipped one by its place in the package (not the
    absolute path of someone's environment), the study's own as its path."""
    path = Path(path)
    if path.parent.resolve() == SHIPPED.resolve():
        return f"sweval/instruments/{path.name}"
    return str(path)


def normalise_text(text: str) -> str:
    """NFKC (full-width to half-width), trimmed, inner whitespace removed, lower case."""
    return "".join(unicodedata.normalize("NFKC", str(text)).split()).lower()


#: What ``sweval init`` writes beside each field of a codebook draft it could not verify from the
#: exports (the response range, the reverse keys, the desirable direction, ...). A run stops while
#: any is left (``unchecked_fields``); the researcher checks the field and deletes the mark.
TO_CHECK = "TO CHECK"


def unchecked_fields(path: str | Path) -> list[tuple[str, int]]:
    """(field, line) of every line of a codebook file that holds a ``TO CHECK`` mark, the field
    named by its key path (``direction``, ``response_scale``, ``items[2].reverse``); a mark on a
    comment line of its own belongs to the field on the next line that has one."""
    text = Path(path).read_text(encoding="utf-8")
    marked = [k for k, line in enumerate(text.splitlines()) if TO_CHECK in line]
    if not marked:
        return []
    import yaml

    keys: dict[int, str] = {}

    def walk(node, where: str) -> None:
        if isinstance(node, yaml.MappingNode):
            for key, value in node.value:
                name = f"{where}.{key.value}" if where else str(key.value)
                keys.setdefault(key.start_mark.line, name)
                walk(value, name)
        elif isinstance(node, yaml.SequenceNode):
            for k, item in enumerate(node.value):
                keys.setdefault(item.start_mark.line, f"{where}[{k}]")
                walk(item, f"{where}[{k}]")

    try:
        walk(yaml.compose(text, Loader=yaml.SafeLoader), "")
    except yaml.YAMLError:
        pass     # load_codebook names the syntax error; here every mark still counts, by its line
    last = max(keys, default=-1)
    found = []
    for line in marked:
        below = next((k for k in range(line, last + 1) if k in keys), None)
        found.append((keys[below] if below is not None else f"line {line + 1}", line + 1))
    return found


def load_codebook(path: str | Path) -> Codebook:
    """Read, validate and resolve a codebook; errors name the key and say what is wrong."""
    raw = validate(load_yaml(path, "codebook"), "codebook.schema.yaml", f"codebook {path}")
    items = [Item(id=i["id"], number=i["number"], en=i["en"], zh=i["zh"],
                  reverse=bool(i.get("reverse", False))) for i in raw["items"]]
    _unique([i.id for i in items], "item id", path)
    _unique([i.number for i in items], "item number", path)
    by_number = {i.number: i.id for i in items}
    scales = []
    for s in raw["scales"]:
        numbers = [i.number for i in items] if s["items"] == "all" else s["items"]
        twice = sorted({n for n in numbers if numbers.count(n) > 1})
        if twice:
            raise ConfigError(f"In codebook {path}, scale '{s['id']}' lists the item number(s) {twice} "
                              f"more than once; a sum would count them twice.")
        unknown = [n for n in numbers if n not in by_number]
        if unknown:
            raise ConfigError(f"In codebook {path}, scale '{s['id']}' lists item numbers "
                              f"{unknown} that are not among the codebook's items.")
        scales.append(Scale(id=s["id"], en=s["en"], zh=s["zh"],
                            items=tuple(by_number[n] for n in numbers), parent=s.get("parent")))
    _unique([s.id for s in scales], "scale id", path)
    ids = {s.id for s in scales}
    for s in scales:
        if s.parent is not None and s.parent not in ids:
            raise ConfigError(f"In codebook {path}, scale '{s.id}' names parent '{s.parent}', "
                              f"which is not a scale of this codebook.")
    rs = raw["response_scale"]
    if rs["min"] >= rs["max"]:
        raise ConfigError(f"In codebook {path}, 'response_scale.min' ({rs['min']}) must be "
                          f"below 'response_scale.max' ({rs['max']}).")
    bad = [o["code"] for o in rs["options"] if not rs["min"] <= o["code"] <= rs["max"]]
    if bad:
        raise ConfigError(f"In codebook {path}, 'response_scale.options' has codes {bad} "
                          f"outside {rs['min']}-{rs['max']}.")
    return Codebook(
        instrument=raw["instrument"], name=raw["name"], direction=raw["direction"],
        min=rs["min"], max=rs["max"], options=rs["options"],
        missing_codes=tuple(rs.get("missing_codes", ())),
        scoring_method=raw["scoring"]["method"],
        min_answered_share=float(raw["scoring"]["min_answered_share"]),
        items=items, scales=scales,
        published_reliability=raw.get("published_reliability", []),
        norms=raw.get("norms", []), path=str(path), construct=raw.get("construct"),
        reference=raw.get("reference", ""), levels_note=raw.get("levels_note"))


def _unique(values: list, what: str, path) -> None:
    seen, dup = set(), []
    for v in values:
        if v in seen:
            dup.append(v)
        seen.add(v)
    if dup:
        raise ConfigError(f"In codebook {path}, the {what} {dup} appears more than once; "
                          f"each {what} must be unique.")
