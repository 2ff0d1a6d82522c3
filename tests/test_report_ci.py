"""The GitHub Actions workflow that rebuilds the report: it parses, triggers on new data or
config, runs exactly the README's two commands and uploads the report."""
import re

import yaml


def _workflow(root) -> dict:
    return yaml.safe_load((root / ".github/workflows/pipeline.yml").read_text(encoding="utf-8"))


def _readme_commands(root) -> list[str]:
    readme = (root / "README.md").read_text(encoding="utf-8")
    return re.findall(r"^python3 -m venv .*&& \.venv/bin/(?:pytest|snakemake --cores 4)$", readme, flags=re.M)


def test_triggers_on_data_and_config(root):
    wf = _workflow(root)
    on = wf.get("on", wf.get(True))  # YAML 1.1 reads a bare `on` as True
    for event in ("push", "pull_request"):
        assert set(on[event]["paths"]) == {"data/raw/**", "config.yaml"}
    assert "workflow_dispatch" in on


def test_runs_the_readme_commands_and_uploads_the_report(root):
    steps = _workflow(root)["jobs"]["pipeline"]["steps"]
    runs = [s["run"].strip() for s in steps if "run" in s and ".venv" in s["run"]]
    readme = _readme_commands(root)
    assert len(readme) == 2 and sorted(runs) == sorted(readme), (runs, readme)
    upload = next(s for s in steps if s.get("uses", "").startswith("actions/upload-artifact"))
    assert "results/report/" in upload["with"]["path"]
    assert any(s.get("uses", "").startswith("actions/setup-python") and s["with"]["python-version"] == "3.11"
               for s in steps)
