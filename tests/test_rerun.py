"""Each rule's params hold exactly the config keys its script reads (workflow/rules/common.smk,
config_params): a key the script reads but the rule does not list would let an edit of that key
leave stale results behind; the end-to-end tests check the re-runs an edit causes and the log
line that says why."""
import json
import re
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
READ = re.compile(r"""(?:config|study)(?:\.get\(|\[)["'](\w+)["']""")


def _rules():
    for path in sorted((ROOT / "workflow/rules").glob("*.smk")):
        text = path.read_text(encoding="utf-8")
        for block in re.split(r"^(?=rule \w+:)", text, flags=re.M)[1:]:
            name = re.match(r"rule (\w+):", block).group(1)
            script = re.search(r"""scripts/(\w+)\.py""", block)
            keys = re.search(r"\*\*config_params\(([^)]*)\)", block)
            yield name, script and script.group(1), keys and keys.group(1), block


RULES = list(_rules())


def _read_by_notebooks() -> set[str]:
    """What the section notebooks read of the study: their cells and the context they load."""
    read = set(READ.findall((ROOT / "workflow/sweval/report/context.py").read_text(encoding="utf-8")))
    read.add("language")  # load_context(..., language, ...): the notebooks' own parameter
    for path in (ROOT / "notebooks").glob("*.ipynb"):
        cells = json.loads(path.read_text(encoding="utf-8"))["cells"]
        read |= set(READ.findall("\n".join("".join(c["source"]) for c in cells if c["cell_type"] == "code")))
    return read - {"_root"}  # set by the notebook script, not a config key


@pytest.mark.parametrize("name,script,keys,block", RULES, ids=[r[0] for r in RULES])
def test_rule_params_cover_the_config_keys_its_script_reads(name, script, keys, block):
    if script is None:
        return  # a rule without a script (e.g. all)
    if name == "report":  # the whole effective config (provenance), by its digest only
        assert keys is None and "config_digest=config_digest()" in block
        assert "snakemake.config" in (ROOT / "workflow/scripts/report.py").read_text(encoding="utf-8")
        return
    assert keys is not None, f"rule {name} passes no config_params"
    listed = set(re.findall(r'"(\w+)"', keys))
    read = set(READ.findall((ROOT / "workflow/scripts" / f"{script}.py").read_text(encoding="utf-8")))
    if script == "notebook":
        read = _read_by_notebooks()
    assert read <= listed, f"rule {name} reads {sorted(read - listed)} without listing them"
    assert listed <= read, f"rule {name} lists keys it does not read: {sorted(listed - read)}"


def test_the_check_sees_every_rule_with_a_script():
    assert {r[0] for r in RULES if r[1]} >= {"clean", "clean_process", "score", "reliability", "effects",
                                            "comparison", "baseline",
                                            "process", "notebook", "report"}


def test_the_notebook_check_sees_what_the_notebooks_read():
    assert {"language", "instrument", "waves", "baseline_wave", "contrasts", "process"} <= _read_by_notebooks()
