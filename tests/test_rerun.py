"""Each rule's params hold exactly the config keys its script reads (workflow/rules/common.smk,
config_keys): a key the script reads but the rule does not list would let an edit of that key
leave stale results behind; the end-to-end tests check the re-runs an edit causes."""
import re
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
READ = re.compile(r"""config(?:\.get\(|\[)["'](\w+)["']""")


def _rules():
    for path in sorted((ROOT / "workflow/rules").glob("*.smk")):
        text = path.read_text(encoding="utf-8")
        for block in re.split(r"^(?=rule \w+:)", text, flags=re.M)[1:]:
            name = re.match(r"rule (\w+):", block).group(1)
            script = re.search(r"""run_step\("(\w+)"|scripts/(\w+)\.py""", block)
            keys = re.search(r"config=config_keys\(([^)]*)\)", block)
            yield name, script and (script.group(1) or script.group(2)), keys and re.findall(r'"(\w+)"', keys.group(1)), block


RULES = list(_rules())


@pytest.mark.parametrize("name,script,keys,block", RULES, ids=[r[0] for r in RULES])
def test_rule_params_cover_the_config_keys_its_script_reads(name, script, keys, block):
    if script is None:
        return  # a rule without a script (e.g. all)
    read = set(READ.findall((ROOT / "workflow/scripts" / f"{script}.py").read_text(encoding="utf-8")))
    if keys is None:  # the notebooks and the report show the whole study
        assert "config=config," in block, name
        return
    assert read <= set(keys), f"rule {name} reads {sorted(read - set(keys))} without listing them"
    assert set(keys) <= read, f"rule {name} lists keys it does not read: {sorted(set(keys) - read)}"


def test_the_check_sees_every_rule_with_a_script():
    assert {r[0] for r in RULES if r[1]} >= {"clean", "clean_process", "score", "reliability", "paired",
                                            "individual_change", "longitudinal", "comparison", "baseline",
                                            "process", "notebook", "report"}
