"""The SLURM profile: every rule has its memory and run time, and the README's cluster command (which
gives the partition and account with --default-resources) keeps them (dry run through the plugin)."""
import re
import subprocess
import sys

import pytest
import yaml
from project import copy_project


def _rules(root):
    text = "".join(p.read_text(encoding="utf-8") for p in (root / "workflow/rules").glob("*.smk"))
    return set(re.findall(r"^rule (\w+):", text, flags=re.M))


def _profile(root):
    return yaml.safe_load((root / "profiles/slurm/config.yaml").read_text(encoding="utf-8"))


def test_every_rule_has_its_memory_and_run_time(root):
    profile = _profile(root)
    assert profile["executor"] == "slurm"
    declared = profile["set-resources"]
    assert set(declared) == _rules(root), "every rule (and only rules) in set-resources"
    for rule, resources in declared.items():
        assert {"mem_mb", "runtime"} <= set(resources), rule
    # --default-resources on the command line replaces the profile's: nothing may depend on it
    assert "default-resources" not in profile
    # a job's CPUs are its rule's threads (the plugin's cpus_per_task would override them)
    assert not any("cpus_per_task" in r for r in declared.values())


def test_readme_cluster_command_keeps_the_profile_resources(root):
    readme = (root / "README.md").read_text(encoding="utf-8")
    run = [line for line in readme.splitlines() if line.startswith(".venv/bin/snakemake --profile profiles/slurm ")]
    assert len(run) == 1
    assert "--default-resources slurm_partition=<partition> slurm_account=<account>" in run[0]
    assert "--slurm-status-command squeue" in readme  # for a site without accounting
    assert 'pip install -r requirements-slurm.lock -e ".[slurm]"' in readme


@pytest.mark.e2e
def test_dry_run_through_the_slurm_executor(tmp_path, root):
    pytest.importorskip("snakemake_executor_plugin_slurm", reason="the 'slurm' extra is not installed")
    copy_project(tmp_path)
    # the README's command, as .ci/slurm runs it (the example study, a partition, no account)
    proc = subprocess.run([sys.executable, "-m", "snakemake", "--profile", "profiles/slurm", "--dry-run",
                           "--default-resources", "slurm_partition=p"],
                          cwd=tmp_path, capture_output=True, text=True, timeout=300)
    out = proc.stdout + proc.stderr
    assert proc.returncode == 0, out[-3000:]
    assert "This was a dry-run" in out
    jobs = [(rule, resources) for rule, resources
            in re.findall(r"^rule (\w+):\n(?:    .*\n)*?    resources: (.*)$", out, flags=re.M)
            if rule != "all"]  # the target rule runs nothing
    # every rule but comparison, which runs only for a study with a comparison arm (the example has none)
    assert {rule for rule, _ in jobs} == _rules(root) - {"comparison"}
    expected = _profile(root)["set-resources"]
    for rule, resources in jobs:
        got = dict(item.split("=", 1) for item in resources.split(", "))
        assert got["slurm_partition"] == "p", rule
        assert int(got["mem_mb"]) == expected[rule]["mem_mb"], rule
        assert int(got["runtime"]) == expected[rule]["runtime"], rule
