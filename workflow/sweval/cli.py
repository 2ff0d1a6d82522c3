"""The ``sweval`` command (also ``python -m sweval``).

    sweval init DIR --export pre.xlsx --export post.xlsx [--wave pre --wave post]
                    [--instrument NAME|PATH] [--id-column HEADER] [--key-file PATH] [--title TEXT] [--force]

``init`` makes DIR a study project from the exports (sweval/init.py), checks it with a Snakemake
dry run and prints the one command that builds the report.
"""
from __future__ import annotations

import argparse
import os
import re
import shlex
import shutil
import subprocess
import sys
from pathlib import Path

from . import __version__
from .codebook import unchecked_fields
from .errors import ConfigError, InputError


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="sweval", description="Reproducible evaluation of social-work group "
                                     "interventions.")
    parser.add_argument("--version", action="version", version=f"sweval {__version__}")
    sub = parser.add_subparsers(dest="command", required=True)
    init = sub.add_parser("init", help="make a study project from survey exports",
                          description="Make DIR a study project from the survey exports (one per wave, in time "
                                      "order): config, codebook draft, the pipeline as a Snakemake module, copies "
                                      "of the exports, a pseudonymisation key outside DIR, a CI workflow.")
    init.add_argument("directory", metavar="DIR", type=Path, help="the study folder to make (new or empty)")
    init.add_argument("--export", dest="exports", metavar="FILE", action="append", type=Path, required=True,
                      help="a survey export (Wenjuanxing .xls/.xlsx/.csv by option text or number, Qualtrics CSV, "
                           "a plain CSV/Excel table, SPSS .sav); repeat, one per wave, in time order")
    init.add_argument("--wave", dest="waves", metavar="NAME", action="append",
                      help="the wave of each export, in the order of --export (default: pre, post, followup)")
    init.add_argument("--instrument", metavar="NAME|PATH",
                      help="the codebook: a shipped one by name or a YAML file (default: a shipped codebook whose "
                           "items are the matrix's rows, else a draft)")
    init.add_argument("--id-column", metavar="HEADER",
                      help="the participant-ID column (default: detected; a Wenjuanxing question number also works)")
    init.add_argument("--key-file", metavar="PATH", type=Path,
                      help="the pseudonymisation key file, outside DIR (default ~/.config/sweval/keys/<study>.key); "
                           "an existing key is kept, never overwritten")
    init.add_argument("--title", help="the study's title in the report (default: the folder's name)")
    init.add_argument("--force", action="store_true", help="write into a folder that is not empty")
    init.add_argument("--no-dry-run", dest="dry_run", action="store_false",
                      help="skip the closing Snakemake dry run")
    return parser


def main(argv: list[str] | None = None) -> int:
    args = _parser().parse_args(argv)
    if args.command == "init":
        return _init(args)
    return 2  # pragma: no cover (argparse requires a command)


def _snakemake_command() -> str:
    """How the user starts this environment's snakemake: by name when that is the one on PATH."""
    ours = Path(sys.executable).parent / "snakemake"
    found = shutil.which("snakemake")
    if ours.exists() and not (found and Path(found).resolve() == ours.resolve()):
        return shlex.quote(str(ours))
    return "snakemake"


def _init(args) -> int:
    from .init import InitError, plan_study, write_study

    try:
        plan = plan_study(args.directory, args.exports, waves=args.waves, instrument=args.instrument,
                          id_column=args.id_column, title=args.title)
        written = write_study(plan, args.directory, key_file=args.key_file, force=args.force)
    except (InitError, InputError, ConfigError) as exc:
        print(f"sweval init stopped: {exc}", file=sys.stderr)
        return 1
    directory = args.directory
    print(f"Study project {directory} (sweval {__version__}):")
    for survey in plan.surveys:
        det, m = survey.detected, survey.matrix
        where = (f"matrix question {m.question}" if m.question is not None
                 else f"columns {m.columns[0]} ... {m.columns[-1]}")
        ident = f"question {det.id_ref['question']}" if isinstance(det.id_ref, dict) else "column"
        print(f"  {survey.dest} ({survey.wave}): {det.describe()}; ID {ident} '{det.id_column}'; "
              f"scale: {where}, {len(m.columns)} items")
    if plan.how == "draft":
        opts = plan.options
        answers = " / ".join(label for _, label in opts.options)
        print(f"  codebook: draft config/codebook.yaml, {len(plan.item_ids)} items, "
              f"answers {opts.min}-{opts.max}: {answers}")
    else:
        print(f"  codebook: {plan.instrument} ({'recognised from the items' if plan.how == 'matched' else 'given'})")
    for note in plan.notes + written["notes"]:
        print(f"  note: {note}")
    key = written["key"]
    print(f"  key: {key} ({'new, mode 0600' if written['key_created'] else 'existing key kept'}; outside the "
          "project: back it up, never commit it)")
    if args.dry_run:
        ok, summary = dry_run(directory)
        if not ok:
            print(f"The Snakemake dry run of the new project failed:\n{summary}", file=sys.stderr)
            return 1
        print(f"  dry run: {summary}")
    fields = unchecked_fields(directory / plan.instrument) if plan.how == "draft" else []
    if fields:
        print(f"Check the codebook draft {directory / plan.instrument} first: {', '.join(f for f, _ in fields)} "
              "(marked TO CHECK; a run stops until no mark is left).")
    print("Build the report:")
    print(f"  cd {shlex.quote(str(directory))} && {_snakemake_command()} --cores 4")
    return 0


def dry_run(directory: Path) -> tuple[bool, str]:
    """A Snakemake dry run of the project with this interpreter: (ok, the job counts or the error)."""
    env = {k: v for k, v in os.environ.items() if k not in ("PYTHONPATH", "PYTHONHOME")}
    proc = subprocess.run([sys.executable, "-m", "snakemake", "--dry-run", "--cores", "1"], cwd=directory,
                          capture_output=True, text=True, env=env, timeout=600)
    output = proc.stdout + proc.stderr
    if proc.returncode != 0:
        return False, output[-4000:]
    counts = re.findall(r"^(\w+)\s+(\d+)$", output.split("Job stats:")[-1], flags=re.M)
    jobs = dict(counts)
    total = jobs.pop("total", None)
    return True, f"{total} jobs ({', '.join(f'{k} {v}' for k, v in jobs.items())})" if total else "nothing to do"


if __name__ == "__main__":
    raise SystemExit(main())
