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


def test_extras_have_locks_of_their_own(root):
    """Each optional extra is pinned in requirements-<extra>.lock, on top of requirements.lock and
    without repeating it, so a researcher who runs locally never installs the extras."""
    import tomllib

    main = _pins((root / "requirements.lock").read_text(encoding="utf-8").splitlines())
    extras = tomllib.loads((root / "pyproject.toml").read_text(encoding="utf-8"))["project"]["optional-dependencies"]
    for extra in ("notebook", "slurm"):
        lines = (root / f"requirements-{extra}.lock").read_text(encoding="utf-8").splitlines()
        assert "-r requirements.lock" in lines
        pins = _pins(line for line in lines if not line.startswith("-r "))
        assert not set(pins) & set(main), f"{extra}: pins repeated from requirements.lock"
        missing = [d for d in extras[extra] if d.lower().replace("_", "-") not in pins]
        assert not missing, f"extra {extra} without a pin: {missing}"
    assert not any("slurm" in name for name in main), "the SLURM plugin belongs to the slurm extra only"
