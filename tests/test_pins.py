"""requirements.lock and environment.yml pin the same packages at the same versions."""
import re

import yaml


def _pins(lines):
    pins = {}
    for line in lines:
        line = line.strip()
        if not line or line.startswith("#"):
            continue
        m = re.fullmatch(r"([A-Za-z0-9_.\-]+)==([^\s;]+)", line)
        assert m, f"not an exact pin: {line!r}"
        pins[m.group(1).lower().replace("_", "-")] = m.group(2)
    return pins


def test_lock_and_environment_agree(root):
    lock = _pins((root / "requirements.lock").read_text(encoding="utf-8").splitlines())
    env = yaml.safe_load((root / "environment.yml").read_text(encoding="utf-8"))
    pip = next(d["pip"] for d in env["dependencies"] if isinstance(d, dict) and "pip" in d)
    assert _pins(pip) == lock
    assert "python=3.11" in env["dependencies"]


def test_direct_dependencies_are_pinned(root):
    lock = _pins((root / "requirements.lock").read_text(encoding="utf-8").splitlines())
    text = (root / "pyproject.toml").read_text(encoding="utf-8")
    block = text.split("dependencies = [", 1)[1].split("]", 1)[0]
    direct = re.findall(r'"([A-Za-z0-9_.\-]+)"', block) + ["snakemake", "pytest", "hypothesis"]
    missing = [d for d in direct if d.lower().replace("_", "-") not in lock]
    assert not missing, f"pyproject dependencies without a pin: {missing}"
