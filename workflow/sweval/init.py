"""``sweval init``: a study project from its survey exports.

The project is laid out the way the Snakemake workflow catalog deploys a workflow (what
``snakedeploy deploy-workflow`` writes), so that it is the study's own repository, kept private,
while the pipeline stays in the installed sweval package::

    DIR/
      config/config.yaml        the study's whole config (nothing inherited from the example)
      config/codebook.yaml      the codebook draft (unless a shipped codebook matched)
      workflow/Snakefile        sweval's pipeline as a Snakemake module, pinned to this sweval version
      workflow/profiles/default the pipeline's default profile (resume, greedy scheduler)
      data/raw/                 copies of the exports
      .gitignore                keys, results and logs stay out of git
      .github/workflows/report.yml  CI: the report rebuilt when new data is pushed
      README.md                 what is where, the one command, how the data stay private

The pseudonymisation key is written OUTSIDE the project (``~/.config/sweval/keys/<study>.key``
by default), mode 0600, and never overwritten. :func:`plan_study` reads and detects (no file is
written); :func:`write_study` writes the project.
"""
from __future__ import annotations

import hashlib
import json
import os
import re
import secrets
import shutil
from dataclasses import dataclass, field
from pathlib import Path

from . import __version__
from .codebook import SHIPPED, TO_CHECK, Codebook, instrument_path, load_codebook, normalise_text, shipped_instruments
from .detect import (Detected, InstrumentMatch, Matrix, Options, find_id, find_instrument, find_matrices,
                     has_cjk, match_codebook, read_any, response_options, same_matrix)
from .errors import ConfigError
from .pipeline import pipeline_dir, source_checkout
from .privacy import MIN_KEY_BYTES, key_bytes

DEFAULT_WAVES = ("pre", "post", "followup")
WAVE_NAME = re.compile(r"^[A-Za-z][A-Za-z0-9_]*$")
CODEBOOK = "config/codebook.yaml"
MATCHING_ROWS = 0.8     # later exports: the scale's matrix is the one whose rows read alike


class InitError(Exception):
    """What stops ``sweval init``, as one paragraph saying what to do."""


@dataclass
class Survey:
    source: Path
    detected: Detected
    matrix: Matrix
    wave: str
    name: str
    dest: str = ""                       # path inside the project, e.g. data/raw/pre.csv
    item_columns: list[str] = field(default_factory=list)   # per codebook item, the export's column


@dataclass
class Plan:
    slug: str
    title: str
    waves: list[str]
    surveys: list[Survey]
    instrument: str                      # the config's 'instrument'
    how: str                             # 'matched', 'given' or 'draft'
    codebook: Codebook | None = None     # matched or given
    codebook_source: Path | None = None  # a given codebook file, copied into config/
    options: Options | None = None       # draft only
    item_ids: list[str] = field(default_factory=list)
    language: str = "en"
    notes: list[str] = field(default_factory=list)


# ---------------------------------------------------------------------------------------------
# reading and detecting

def study_slug(name: str) -> str:
    """A study's short id (the key file's name, the draft codebook's instrument id): the folder
    name's letters and digits; a name with other characters (Chinese) also gets 8 hex digits of its
    hash, so that two studies never share a key file by accident."""
    slug = re.sub(r"[^a-z0-9]+", "_", name.lower()).strip("_")
    if not slug or not slug[0].isalpha():
        slug = f"study_{slug}".rstrip("_")
    if not re.fullmatch(r"[A-Za-z0-9_. -]*", name):
        slug += "_" + hashlib.sha256(name.encode("utf-8")).hexdigest()[:8]
    return slug


def default_waves(n: int) -> list[str]:
    return list(DEFAULT_WAVES[:n]) + [f"followup{k}" for k in range(2, n - len(DEFAULT_WAVES) + 2)]


def plan_study(directory: str | Path, exports: list[str | Path], *, waves: list[str] | None = None,
               instrument: str | None = None, id_column: str | None = None, title: str | None = None,
               candidates: dict[str, Path] | None = None) -> Plan:
    """Read every export and decide the project (nothing is written). ``candidates``: codebooks a
    matrix may match (default: every codebook shipped with sweval, by name)."""
    directory = Path(directory)
    if not exports:
        raise InitError("Give at least one export: sweval init DIR --export pre.xlsx --export post.xlsx.")
    waves = list(waves) if waves else default_waves(len(exports))
    if len(waves) != len(exports):
        raise InitError(f"{len(exports)} exports but {len(waves)} --wave names: give one --wave per --export, "
                        "in the same order (or none: the exports are then pre, post, followup in that order).")
    for wave in waves:
        if not WAVE_NAME.match(wave):
            raise InitError(f"The wave name '{wave}' is not allowed: use letters, digits and _, starting with a "
                            "letter (e.g. pre, post, followup).")
    slug = study_slug(directory.resolve().name)
    detected = []
    for path in exports:
        path = Path(path)
        if not path.is_file():
            raise InitError(f"The export {path} does not exist (or is a folder): give the path of the downloaded file.")
        export = read_any(path)
        matrices = find_matrices(export)
        ref_header, ref = find_id(export, matrices, id_column)
        detected.append(Detected(path=str(path), format=export.format, mode=export.mode, encoding=export.encoding,
                                 rows=len(export.data), id_column=ref_header, id_ref=ref, matrices=matrices,
                                 value_labels=export.value_labels))
    first = detected[0]
    if not first.matrices:
        raise InitError(f"No matrix question (a scale's items answered from one set of options) was found in "
                        f"{first.path}: sweval init drafts the codebook from one. Write the codebook yourself "
                        "(README, 'Your own study') and give it with --instrument my_scale.yaml.")
    plan = Plan(slug=slug, title=title or directory.resolve().name, waves=list(dict.fromkeys(waves)),
                surveys=[], instrument="", how="draft")
    matrix, _ = _choose_instrument(plan, first, instrument, candidates)
    names: dict[str, int] = {}
    for k, (path, det, wave) in enumerate(zip(exports, detected, waves)):
        names[wave] = names.get(wave, 0) + 1
        name = wave if waves.count(wave) == 1 else f"{wave}_{names[wave]}"
        m = matrix if k == 0 else _same_scale(det, matrix, plan.codebook)
        plan.surveys.append(Survey(source=Path(path), detected=det, matrix=m, wave=wave, name=name))
    for survey in plan.surveys:
        order = list(range(len(survey.matrix.columns)))
        if plan.codebook is not None:
            found = match_codebook(survey.matrix.texts, plan.codebook)
            order = found[0] if found else order
        survey.item_columns = [survey.matrix.columns[j] for j in order]
    plan.language = "zh" if has_cjk(matrix.texts) else "en"
    if plan.how == "draft":
        plan.options = response_options([s.matrix for s in plan.surveys],
                                        [s.detected.value_labels for s in plan.surveys if s.detected.value_labels])
        plan.item_ids = [f"item_{k + 1:02d}" for k in range(len(matrix.columns))]
        plan.instrument = CODEBOOK
    else:
        plan.item_ids = plan.codebook.item_ids
        plan.notes += _unknown_answers(plan)
    _destinations(plan)
    return plan


def _choose_instrument(plan: Plan, first: Detected, instrument: str | None,
                       candidates: dict[str, Path] | None) -> tuple[Matrix, InstrumentMatch | None]:
    """The scale's matrix in the first export and the codebook: the one given (--instrument), a
    candidate whose items are the matrix's rows, or none (a draft from the largest matrix)."""
    if instrument:
        try:
            path = instrument_path(instrument)
            codebook = load_codebook(path)
        except ConfigError as exc:
            raise InitError(f"--instrument {instrument}: {exc}") from None
        found = [(m, match_codebook(m.texts, codebook)) for m in first.matrices]
        hits = [(m, f) for m, f in found if f]
        if hits:
            m, (columns, score) = max(hits, key=lambda h: h[1][1])
        else:
            sized = [m for m in first.matrices if len(m.columns) == len(codebook.items)]
            if not sized:
                sizes = ", ".join(str(len(m.columns)) for m in first.matrices)
                raise InitError(f"The codebook {path} has {len(codebook.items)} items, but no matrix question of "
                                f"{first.path} has that many rows (they have {sizes}).")
            m, columns, score = sized[0], list(range(len(codebook.items))), 0.0
            plan.notes.append(f"the rows of {_question(m)} do not read like the items of {codebook.instrument}; "
                              "they are taken in the codebook's order: check that the order is the same")
        given = Path(instrument).suffix.lower() in (".yaml", ".yml") or "/" in instrument or "\\" in instrument
        plan.how, plan.codebook = ("given", codebook)
        if given:
            plan.codebook_source = path
            plan.instrument = f"config/{path.name}" if path.name != "config.yaml" else CODEBOOK
        else:
            plan.instrument = instrument
        return m, InstrumentMatch(name=plan.instrument, path=path, codebook=codebook, columns=columns, score=score)
    if candidates is None:
        candidates = {name: instrument_path(name) for name in shipped_instruments()}
    best = None
    for m in first.matrices:
        match = find_instrument(m.texts, candidates)
        if match and (best is None or match.score > best[1].score):
            best = (m, match)
    if best:
        plan.how, plan.codebook, plan.instrument = "matched", best[1].codebook, best[1].name
        if best[1].path.resolve().parent != SHIPPED.resolve():
            plan.codebook_source = best[1].path         # a candidate outside the package: copied
            plan.instrument = f"config/{best[1].path.name}" if best[1].path.name != "config.yaml" else CODEBOOK
        return best
    largest = max(first.matrices, key=lambda m: len(m.columns))
    others = [m for m in first.matrices if m is not largest]
    if others:
        plan.notes.append(f"{first.path} has {len(first.matrices)} matrix questions; the codebook is drafted from "
                          f"the largest, {_question(largest)} ({len(largest.columns)} rows); the others "
                          f"({', '.join(_question(m) for m in others)}) are not scored")
    return largest, None


def _question(m: Matrix) -> str:
    if m.question is not None:
        return f"matrix question {m.question}"
    return f"the columns '{m.columns[0]}' ... '{m.columns[-1]}'"


def _same_scale(det: Detected, chosen: Matrix, codebook: Codebook | None) -> Matrix:
    """The matrix of a later export that is the same scale as ``chosen`` in the first."""
    if codebook is not None:
        hits = [m for m in det.matrices if match_codebook(m.texts, codebook)]
        if hits:
            return hits[0]
    alike = sorted(((same_matrix(m, chosen), k) for k, m in enumerate(det.matrices)), reverse=True)
    if alike and alike[0][0] >= MATCHING_ROWS:
        return det.matrices[alike[0][1]]
    sized = [m for m in det.matrices if len(m.columns) == len(chosen.columns)]
    if len(sized) == 1:
        return sized[0]
    raise InitError(f"The export {det.path} has no matrix question with the {len(chosen.columns)} rows of "
                    f"{_question(chosen)} of the first export ({', '.join(chosen.texts[:2])}, ...): every export "
                    "must hold the same scale. Check that the exports are of the same survey.")


def _unknown_answers(plan: Plan) -> list[str]:
    known = plan.codebook.text_to_code()
    unknown = sorted({a for s in plan.surveys for a in s.matrix.labels if normalise_text(a) not in known})
    if not unknown:
        return []
    return [f"the answers {', '.join(repr(a) for a in unknown[:6])} are not options of the codebook "
            f"{plan.codebook.instrument}: the clean step will stop on them. Add them as 'aliases' of their "
            f"options in a copy of the codebook (config/{plan.codebook.instrument}.yaml) and set instrument to it"]


def _destinations(plan: Plan) -> None:
    used: set[str] = set()
    for survey in plan.surveys:
        name = survey.source.name
        if name in used:
            name = f"{survey.name}-{name}"
        used.add(name)
        survey.dest = f"data/raw/{name}"


# ---------------------------------------------------------------------------------------------
# the key

def default_key_path(slug: str) -> Path:
    """``$XDG_CONFIG_HOME/sweval/keys/<slug>.key`` (``~/.config`` without the variable)."""
    base = os.environ.get("XDG_CONFIG_HOME") or str(Path.home() / ".config")
    return Path(base).expanduser() / "sweval" / "keys" / f"{slug}.key"


def make_key(path: Path) -> bool:
    """Write a fresh key (secrets.token_hex(32)) to ``path`` with mode 0600, its folder 0700 when
    made here; an existing key is never overwritten (False: it was kept, after checking it is long
    enough)."""
    if path.exists():
        text = path.read_text(encoding="utf-8").strip()
        if key_bytes(text) < MIN_KEY_BYTES:
            raise InitError(f"The key file {path} exists but holds {key_bytes(text)} bytes, fewer than "
                            f"{MIN_KEY_BYTES}; sweval init never overwrites a key: move it away, or give another "
                            "path with --key-file.")
        return False
    path.parent.mkdir(parents=True, exist_ok=True, mode=0o700)
    fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    with os.fdopen(fd, "w", encoding="utf-8") as handle:
        handle.write(secrets.token_hex(32) + "\n")
    os.chmod(path, 0o600)      # whatever the umask
    return True


def key_config_path(path: Path) -> str:
    """How the config names the key file: under the home folder as ``~/...`` (the same config
    works for the same user on another machine), else absolute."""
    home = Path.home().resolve()
    resolved = path.resolve()
    return f"~/{resolved.relative_to(home).as_posix()}" if resolved.is_relative_to(home) else str(resolved)


# ---------------------------------------------------------------------------------------------
# writing the project

def enclosing_repository(directory: Path) -> Path | None:
    """The git working tree a new study folder would sit inside (not the folder's own), if any."""
    for parent in directory.resolve().parents:
        if (parent / ".git").exists():
            return parent
    return None


def check_directory(directory: Path, force: bool) -> None:
    """Refuse a folder inside the sweval repository (public: real data must never be under it) and
    a non-empty folder (only a git repository's .git may be there) unless ``force``."""
    root = source_checkout()
    if root is not None and directory.resolve().is_relative_to(root.resolve()):
        raise InitError(f"{directory} is inside the sweval repository ({root}), which is public: a study's real "
                        "data must never be under it. Make the study folder elsewhere, e.g. "
                        f"sweval init {Path.home() / 'studies' / directory.name} ...")
    if directory.exists() and not directory.is_dir():
        raise InitError(f"{directory} exists and is not a folder.")
    if directory.is_dir() and not force:
        inside = sorted(p.name for p in directory.iterdir() if p.name != ".git")
        if inside:
            raise InitError(f"{directory} is not empty ({', '.join(inside[:5])}{', ...' if len(inside) > 5 else ''}): "
                            "sweval init makes a new study project. Give a new or empty folder, or --force to write "
                            "the project's files over what is there (other files are left alone; an existing key is "
                            "never overwritten).")


def write_study(plan: Plan, directory: str | Path, *, key_file: str | Path | None = None,
                force: bool = False) -> dict:
    """Write the project; return what was written: ``key`` (path), ``key_created``, ``files``."""
    directory = Path(directory)
    check_directory(directory, force)
    key = Path(key_file).expanduser() if key_file else default_key_path(plan.slug)
    key = key if key.is_absolute() else Path.cwd() / key
    if key.resolve().is_relative_to(directory.resolve()):
        raise InitError(f"The key file {key} would be inside the study folder {directory}; a key is kept outside "
                        "it (and outside git): give --key-file a path elsewhere, e.g. ~/.config/sweval/keys/.")
    directory.mkdir(parents=True, exist_ok=True)
    files: list[str] = []

    def put(relative: str, text: str) -> None:
        path = directory / relative
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
        files.append(relative)

    for survey in plan.surveys:
        target = directory / survey.dest
        target.parent.mkdir(parents=True, exist_ok=True)
        shutil.copy2(survey.source, target)
        files.append(survey.dest)
    if plan.how == "draft":
        put(CODEBOOK, render_codebook(plan))
    elif plan.codebook_source is not None:
        target = directory / plan.instrument
        target.parent.mkdir(parents=True, exist_ok=True)
        shutil.copy2(plan.codebook_source, target)
        files.append(plan.instrument)
    created = make_key(key)
    put("config/config.yaml", render_config(plan, key_config_path(key)))
    put("workflow/Snakefile", render_snakefile(plan))
    profile = pipeline_dir() / "profiles" / "default" / "config.yaml"
    put("workflow/profiles/default/config.yaml", profile.read_text(encoding="utf-8"))
    put("workflow/requirements.lock", (pipeline_dir() / "requirements.lock").read_text(encoding="utf-8"))
    put(".gitignore", GITIGNORE)
    put(".github/workflows/report.yml", render_ci(plan))
    put("README.md", render_readme(plan))
    outer = enclosing_repository(directory)
    notes = [f"{directory} is inside the git repository {outer}: the exports in data/raw would be committed "
             "there. Unless that repository is the study's own private one, move the study folder out of it."
             ] if outer is not None else []
    return {"key": key, "key_created": created, "files": files, "notes": notes}


def _q(text: str) -> str:
    """A YAML double-quoted scalar (JSON's quoting is valid YAML)."""
    return json.dumps(str(text), ensure_ascii=False)


def render_codebook(plan: Plan) -> str:
    first = plan.surveys[0]
    m, opts = first.matrix, plan.options
    where = _question(m)
    if not opts.labelled:
        scale_check = (f"{TO_CHECK}: the exports give only the codes {opts.min}-{opts.max}; write each answer's "
                       "wording (en and zh), and the range (an answer nobody chose is not seen here)")
    elif not opts.order_known:
        scale_check = (f"{TO_CHECK}: the ORDER of the answers is not known (listed as first seen); put them lowest "
                       f"first, code {opts.min} the lowest, and check the range {opts.min}-{opts.max}")
    else:
        scale_check = (f"{TO_CHECK}: the range {opts.min}-{opts.max} and each answer's code (ordered lowest first "
                       "by a common answer ladder)")
    if opts.note:
        scale_check += f"; {opts.note}"
    lines = [
        f"# Codebook DRAFT written by `sweval init` (sweval {__version__}) from {where} of {first.dest}:",
        f"# {len(m.columns)} items, worded as the export words them, and the answers the exports hold.",
        "# The fields whose comment asks for a check could not be read from the exports: check each against",
        "# the instrument's manual, correct it, and delete its mark. A run stops before its first job while",
        "# a mark is left (a dry run still shows the plan). English labels are copies of the export's text",
        "# until you translate them; add subscales under 'scales'. The format is described in",
        "# sweval/schemas/codebook.schema.yaml; the codebooks shipped in sweval/instruments/ are examples.",
        f"instrument: {plan.slug}",
        f"name: {{en: {_q(plan.title)}, zh: {_q(plan.title)}}}",
        f"direction: higher   # {TO_CHECK}: is a higher total the better outcome? 'lower' for a scale of problems "
        "(e.g. anxiety, stress)",
        f"response_scale:   # {scale_check}",
        f"  min: {opts.min}",
        f"  max: {opts.max}",
        "  options:",
        *[f"    - {{code: {code}, en: {_q(label)}, zh: {_q(label)}}}" for code, label in opts.options],
        "scoring:",
        "  method: sum                 # a scale's score is the sum of its item codes",
        "  min_answered_share: 0.8     # a study choice: with >= 80% of a scale's items answered the score is "
        "prorated (item mean x items); below, missing",
        f"items:   # {TO_CHECK}: reverse keys; set reverse: true on every item worded the other way round (its code "
        "becomes min + max - code before summing)",
        *[f"  - {{id: {item}, number: {k + 1}, en: {_q(text)}, zh: {_q(text)}, reverse: false}}"
          for k, (item, text) in enumerate(zip(plan.item_ids, m.texts))],
        "scales:",
        "  - {id: total, en: \"Total\", zh: \"总分\", items: all}",
        "  # subscales, by item number, e.g.: - {id: part_a, parent: total, en: \"Part A\", zh: \"分量表A\", "
        "items: [1, 4, 7]}",
    ]
    return "\n".join(lines) + "\n"


def _items_config(survey: Survey) -> str | None:
    m = survey.matrix
    if m.question is not None and survey.item_columns == m.columns and survey.detected.format in ("wjx", "qualtrics"):
        return f"{{matrix_question: {m.question}}}"
    return None


def render_config(plan: Plan, key_path: str) -> str:
    contrasts = [[a, b] for i, a in enumerate(plan.waves) for b in plan.waves[i + 1:]]
    lines = [
        f"# Config of the study '{plan.title}', written by `sweval init` (sweval {__version__}). It is the whole",
        "# config: nothing is inherited from sweval's example study. Keys: README 'Your own study'; every key:",
        "# sweval/schemas/config.schema.yaml. Build the report from the study folder: snakemake --cores 4",
        "study:",
        f"  title: {{en: {_q(plan.title)}, zh: {_q(plan.title)}}}",
        f"language: {plan.language}                 # en or zh: the language of the report",
        f"instrument: {plan.instrument}" + {
            "draft": "   # the codebook draft beside this file: check it before the first run",
            "matched": "   # the exports' matrix rows are this codebook's items",
            "given": "   # the codebook given to sweval init"}[plan.how],
        f"waves: [{', '.join(plan.waves)}]          # in time order",
        f"baseline_wave: {plan.waves[0]}",
        f"contrasts: [{', '.join(f'[{a}, {b}]' for a, b in contrasts)}]" if contrasts else "contrasts: []",
        "seed: 1                          # every bootstrap and permutation uses it: keep it for the study",
        "",
        "privacy:",
        "  # Pseudonyms are HMAC-SHA256 of each child's normalised ID under this key, made by sweval init",
        "  # OUTSIDE the study folder. Keep it for the whole study and back it up with the raw data; never",
        "  # commit it. The environment variable wins over the file (CI sets it from a repository secret).",
        "  key_env: SWEVAL_PSEUDONYM_KEY",
        f"  key_file: {key_path}",
        "",
        "surveys:",
    ]
    for survey in plan.surveys:
        det = survey.detected
        ref = det.id_ref
        id_text = f"{{question: {ref['question']}}}" if isinstance(ref, dict) else _q(ref)
        items = _items_config(survey)
        lines += [
            f"  - name: {survey.name}",
            f"    path: {survey.dest}",
            f"    format: {det.format}              # {det.describe()}",
            f"    wave: {survey.wave}",
            f"    id_column: {id_text}" + (f"         # {det.id_column}" if isinstance(ref, dict) else ""),
        ]
        if items:
            lines.append(f"    items: {items}")
        else:
            lines.append("    items:")
            lines.append("      columns:")
            lines += [f"        {item}: {_q(col)}" for item, col in zip(plan.item_ids, survey.item_columns)]
    lines += [
        "",
        "# No group roster: every respondent counts as the group. With one (consenting children are the",
        "# group; the others count at baseline only): {path: data/raw/roster.csv, id_column: 编号,",
        "# consent_column: 知情同意, consent_yes: [是]}",
        "roster: null",
        "",
        "cleaning:",
        "  duplicates: keep_latest_complete   # per child and wave keep the most complete, then the latest",
        "  min_duration_seconds: 60           # faster completions are flagged (not removed)",
        f"  straightline_min_items: {max(2, min(10, len(plan.item_ids)))}          # identical answers to this many "
        "items are flagged",
    ]
    return "\n".join(lines) + "\n"


def render_snakefile(plan: Plan) -> str:
    return f'''# Study "{plan.title}": sweval's pipeline used as a Snakemake module from the installed sweval
# package, pinned to the version this project was made with. Build the report from the study folder:
#   snakemake --cores 4
# Written by `sweval init`; the config is config/config.yaml (a --configfile replaces it whole).
import sys

from snakemake.utils import min_version

min_version("9.0")

SWEVAL_VERSION = "{__version__}"

try:
    import sweval
    import sweval.pipeline
except ModuleNotFoundError as exc:
    if exc.name not in ("sweval", "sweval.pipeline"):
        raise
    sys.exit(f"The sweval package is not installed in the Python environment that runs snakemake: install "
             f"sweval {{SWEVAL_VERSION}} into it (pip install -r workflow/requirements.lock "
             f"sweval=={{SWEVAL_VERSION}}), or run the snakemake of the environment where sweval is installed.")
if sweval.__version__ != SWEVAL_VERSION:
    sys.exit(f"This study was made with sweval {{SWEVAL_VERSION}}, but the environment running snakemake has "
             f"sweval {{sweval.__version__}}. Install sweval {{SWEVAL_VERSION}} (pip install "
             f"sweval=={{SWEVAL_VERSION}}, or check out v{{SWEVAL_VERSION}} of the sweval repository and pip install "
             f"it), or move the study to "
             f"sweval {{sweval.__version__}}: read its release notes, then set SWEVAL_VERSION in workflow/Snakefile "
             f"to it.")

if not workflow.overwrite_configfiles:

    configfile: "config/config.yaml"


module sweval_pipeline:
    snakefile:
        sweval.pipeline.snakefile()
    config:
        config


use rule * from sweval_pipeline


# A codebook draft still marked TO CHECK stops a run before any job (a module's own onstart does
# not run, so the study's Snakefile says it).
onstart:
    from sweval.config import stop_unless_reviewed

    stop_unless_reviewed(config)
'''


GITIGNORE = """\
# Never in git: the pseudonymisation key (kept outside this folder; these catch a copy), run
# products (results, logs, Snakemake's state and report) and environments. The raw exports under
# data/raw ARE committed: this repository is the study's own and must stay private.
*.key
keys/
secrets/
results/
logs/
.snakemake/
report.html
report.zip
.venv/
__pycache__/
*.pyc
.ipynb_checkpoints/
"""


def render_ci(plan: Plan) -> str:
    return f"""\
# Rebuild the evaluation report when new data (or a config or codebook change) is pushed to this
# study's repository, which must be PRIVATE: its data/raw holds the real exports. Set the study's
# pseudonymisation key as the repository secret SWEVAL_PSEUDONYM_KEY (Settings > Secrets and
# variables > Actions, or: gh secret set SWEVAL_PSEUDONYM_KEY < <the key file>). The report is
# kept as an artifact of the run (visible to the repository's members only).
name: Rebuild the evaluation report

on:
  push:
    paths: ["data/raw/**", "config/**", "workflow/**"]
  workflow_dispatch:

permissions:
  contents: read

jobs:
  report:
    runs-on: ubuntu-latest
    timeout-minutes: 60
    env:
      SWEVAL_PSEUDONYM_KEY: ${{{{ secrets.SWEVAL_PSEUDONYM_KEY }}}}
      # Where pip finds the sweval this study was made with: a package index (sweval=={__version__}) or
      # the repository, e.g. "sweval @ git+https://github.com/<owner>/sweval@v{__version__}".
      SWEVAL: "sweval=={__version__}"
    steps:
      - uses: actions/checkout@v4
      - name: The key must be set (the same key as on the researcher's machine)
        run: |
          test -n "$SWEVAL_PSEUDONYM_KEY" || {{ echo "Set the repository secret SWEVAL_PSEUDONYM_KEY."; exit 1; }}
      - uses: actions/setup-python@v5
        with:
          python-version: "3.11"
      - name: CJK font for the Chinese labels in figures
        run: sudo apt-get update -qq && sudo apt-get install -y -qq fontconfig fonts-noto-cjk
      - name: Install sweval {__version__} with its pinned dependencies
        run: python3 -m venv .venv && .venv/bin/pip install -r workflow/requirements.lock "$SWEVAL"
      - name: Build the report
        run: .venv/bin/snakemake --cores 4
      - name: Upload the report
        if: always()
        uses: actions/upload-artifact@v4
        with:
          name: evaluation-report
          path: results/report/
          if-no-files-found: warn
          retention-days: 90
"""


def render_readme(plan: Plan) -> str:
    check = {
        "draft": "1. Check `config/codebook.yaml`, the codebook draft: every field marked TO CHECK (the response "
                 "range and the answers' codes, the reverse-keyed items, the desirable direction); correct it and "
                 "delete the mark. A run stops until no mark is left.\n",
        "matched": f"1. The codebook is `{plan.instrument}`: its items were recognised in the exports' matrix "
                   "question.\n",
        "given": f"1. The codebook is `{plan.instrument}`, as given to `sweval init`.\n"}[plan.how]
    where = f"`{plan.instrument}`" if "/" in plan.instrument else \
        f"`instrument: {plan.instrument}` in `config/config.yaml` (shipped with sweval)"
    return f"""\
# {plan.title}

A study project made by `sweval init` (sweval {__version__}): sweval's pipeline, used as a Snakemake
module from the installed sweval package, on this study's own data and config.

| path | what |
|---|---|
| `config/config.yaml` | the study's config (the whole config; sweval's README, "Your own study") |
| {where} | the codebook |
| `data/raw/` | the raw exports (real data: this repository must stay private) |
| `workflow/Snakefile` | the pipeline as a module, pinned to sweval {__version__} |
| `.github/workflows/report.yml` | CI: rebuilds the report when new data is pushed |
| `results/report/evaluation_report.html` | the report (made by the run, never committed) |

{check}2. Build the report: `snakemake --cores 4` (in this folder, with the environment where sweval is
   installed).

**Privacy.** The exports hold the children's personal data: keep this project in a PRIVATE
repository of its own (never in sweval's public one) and push only to it. The pseudonymisation key
is not in this folder: `config/config.yaml` names its file (privacy.key_file). Keep the same key
for the whole study and back it up with the raw data; for CI, store it as the repository secret
`SWEVAL_PSEUDONYM_KEY`. `.gitignore` keeps keys, results and logs out of git.
"""
