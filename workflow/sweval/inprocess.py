"""Run a rule's thin script inside the running Snakemake process.

A ``script:`` rule starts a new Python interpreter that imports pandas, scipy and statsmodels
again (1-3 s a rule, more than most steps compute). The workflow's rules instead use ``run:``
blocks that execute the same script files here, with a ``snakemake`` object carrying the job's
input, output, params, log and wildcards, so the libraries are imported once per run. The
workflow profile (profiles/default) sets ``force-use-threads`` so Snakemake runs these jobs in
threads of its own process rather than in one new Snakemake process each.
"""
from __future__ import annotations

import functools
from pathlib import Path
from types import SimpleNamespace


@functools.cache
def _compiled(path: str):
    return compile(Path(path).read_text(encoding="utf-8"), path, "exec")


def run_script(path: str | Path, *, input, output, params, log, wildcards=None, threads: int = 1,
               resources=None) -> None:
    """Execute the script at ``path`` with a ``snakemake`` object, as Snakemake's ``script:`` would."""
    job = SimpleNamespace(input=input, output=output, params=params, log=log, wildcards=wildcards,
                          threads=threads, resources=resources)
    exec(_compiled(str(path)), {"__name__": "__sweval_rule__", "__file__": str(path), "snakemake": job})
