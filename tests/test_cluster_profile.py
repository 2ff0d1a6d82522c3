"""The SLURM profile: every rule has resources declared, and Snakemake accepts it (dry run)."""
import re
import subprocess
import sys

import pytest
import yaml
from project import copy_project


def _rules(root):
    text = "".join(p.read_text(encoding="utf-8") for p in (root / "workflow/rules").glob("*.smk"))
    return set(re.findall(r"^rule (\w+):", text, flags=re.M))


def test_every_rule_has_declared_resources(root):
    profile = yaml.safe_load((root / "profiles/slurm/config.yaml").read_text(encoding="utf-8"))
    assert profile["executor"] == "slurm"
    assert {"runtime", "mem_mb", "cpus_per_task"} <= set(profile["default-resources"])
    declared = set(profile["set-resources"])
    missing = _rules(root) - declared - {"score", "clean_process", "baseline", "process", "comparison"}
    assert not missing, f"rules without cluster resources: {missing}"
    assert declared <= _rules(root), f"profile names unknown rules: {declared - _rules(root)}"


@pytest.mark.e2e
def test_dry_run_through_the_slurm_executor(tmp_path, root):
    copy_project(tmp_path)
    proc = subprocess.run([sys.executable, "-m", "snakemake", "--profile", "profiles/slurm", "--dry-run"],
                          cwd=tmp_path, capture_output=True, text=True, timeout=300)
    out = proc.stdout + proc.stderr
    assert proc.returncode == 0, out[-3000:]
    assert "This was a dry-run" in out
    for rule in ("clean", "reliability", "paired", "notebook", "report"):
        assert re.search(rf"^(local)?rule {rule}:", out, flags=re.M), rule
