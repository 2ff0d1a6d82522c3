"""The whole workflow on the example study, in a temporary copy of the project."""
import re
import shutil

import numpy as np
import pandas as pd
import pytest
from project import run_snakemake as _snakemake

pytestmark = pytest.mark.e2e
BASE64_RUN = re.compile(r"[A-Za-z0-9+/=]{120,}")


def _jobs(dry_run_output: str) -> set[str]:
    return set(re.findall(r"^(?:local)?rule (\w+):", dry_run_output, flags=re.M))


@pytest.fixture(scope="module")
def run(example_run):
    return example_run


@pytest.fixture
def study(example_run, tmp_path):
    """A copy of the finished example run that a test may edit."""
    return shutil.copytree(example_run, tmp_path / "study", symlinks=True)


def test_main_tables_hold_real_numbers(run):
    paired = pd.read_csv(run / "results/effects/paired.csv")
    total = paired.query("scale == 'total' and contrast == 'pre->post'").iloc[0]
    assert total["n_pairs"] == 10 and total["df"] == 9
    assert total["t"] == pytest.approx(total["d_z"] * 10 ** 0.5, rel=1e-9)
    rel = pd.read_csv(run / "results/reliability/reliability.csv")
    alpha = rel.query("scale == 'total' and wave == 'pre'")["alpha"].iloc[0]
    assert 0.5 < alpha < 1 and rel.query("scale == 'total' and wave == 'pre'")["n"].iloc[0] >= 45
    levels = pd.read_csv(run / "results/baseline/levels.csv")
    assert levels.query("level != 'missing'")["n"].sum() + levels.query("level == 'missing'")["n"].sum() == 50
    change = pd.read_csv(run / "results/effects/individual_change.csv", keep_default_na=False, na_values=[""])
    reference = pd.read_csv(run / "results/effects/change_reference.csv").set_index("scale")
    # a scale below change.min_reliability (0.70) has no RCI, and every row says why
    withheld = change["rci_note"].notna()
    assert set(change.loc[withheld, "scale"]) == set(reference.index[~reference["rci_reported"]])
    assert (reference.loc[~reference["rci_reported"], "r_xx"] < 0.70).all()
    assert change.loc[withheld, ["s_diff", "rci", "rci_category"]].isna().all().all()
    assert change.loc[withheld, "rci_note"].str.startswith("RCI withheld: r_xx = ").all()
    change = change[~withheld]
    assert "total" in set(change["scale"])
    assert set(change["rci_category"]) <= {"reliable improvement", "no reliable change", "reliable deterioration"}
    per_scale = change.groupby("scale")["s_diff"].agg(["min", "max"])
    assert (per_scale["min"] == per_scale["max"]).all()  # one S_diff per scale, from the reference table
    assert np.allclose(per_scale["min"], reference.loc[per_scale.index, "s_diff"], rtol=1e-9)
    assert reference.loc["total", "r_xx"] == pytest.approx(alpha, abs=1e-9)  # baseline alpha, reliability table
    acc = pd.read_csv(run / "results/clean/accounting.csv")
    assert (acc["rows_in"] == acc["rows_kept"] + acc["rows_excluded"]).all()


def test_report_is_self_contained_with_every_section(run):
    html = (run / "results/report/evaluation_report.html").read_text(encoding="utf-8")
    for section in ["data_quality", "baseline", "reliability", "outcomes", "process", "provenance"]:
        assert f"id='{section}'" in html
    assert html.count("data:image/png;base64,") >= 8
    assert "<script" not in html and "http://" not in html and "https://" not in html.replace("https://json-schema", "")
    assert "Traceback" not in html and "Error" not in html.split("id='provenance'")[0]


def test_no_personal_data_in_results_or_logs(run, root):
    raw = pd.read_excel(root / "data/raw/example/baseline_wjx.xlsx", dtype=str)
    secrets = set(raw["2、你的姓名"]) | set(raw["3、家长联系电话"]) | {ip.split("(")[0] for ip in raw["来自IP"]}
    secrets |= {v.strip().upper() for v in raw["1、你的编号（学号）"]}
    found = []
    for folder in ("results", "logs"):
        for path in (run / folder).rglob("*"):
            if path.is_file() and path.suffix not in {".png", ".zip"}:  # compressed image bytes
                if path.suffix == ".docx":  # a zip: its compressed bytes hold short IDs by chance; read its XML
                    import zipfile

                    with zipfile.ZipFile(path) as word:
                        text = "".join(word.read(n).decode("utf-8", errors="ignore") for n in word.namelist()
                                       if n.endswith((".xml", ".rels")))
                else:
                    text = path.read_bytes().decode("utf-8", errors="ignore")
                text = BASE64_RUN.sub("", text)  # embedded PNGs: short IDs occur in base64 by chance
                found += [(str(path.relative_to(run)), s) for s in secrets if s in text]
    assert not found, found[:5]


def test_second_run_does_nothing_and_changes_rerun_only_dependants(study):
    proc = _snakemake(study, "--dry-run")
    assert proc.returncode == 0 and "Nothing to be done" in proc.stdout + proc.stderr
    feedback = study / "data/raw/example/feedback.csv"
    text = feedback.read_text(encoding="utf-8-sig").splitlines()
    text[1] = text[1][:-1] + ("5" if text[1][-1] != "5" else "4")  # one rating changed
    feedback.write_text("\n".join(text) + "\n", encoding="utf-8-sig")
    proc = _snakemake(study, "--dry-run")
    jobs = _jobs(proc.stdout + proc.stderr)
    assert jobs - {"all"} == {"clean_process", "process", "notebook", "report"}, jobs


def test_editing_one_notebook_reruns_only_that_notebook_and_the_report(study):
    import nbformat

    path = study / "notebooks/process.ipynb"
    nb = nbformat.read(path, as_version=4)
    nb.cells.append(nbformat.v4.new_markdown_cell("A note added by the researcher."))
    nbformat.write(nb, path)
    proc = _snakemake(study, "--dry-run")
    out = proc.stdout + proc.stderr
    assert _jobs(out) - {"all"} == {"notebook", "report"}, out[-2000:]
    assert len(re.findall(r"^(?:local)?rule notebook:", out, flags=re.M)) == 1
    assert "output: results/notebooks/process.ipynb" in out


@pytest.mark.parametrize("edit,expected,reason", [
    (("language: en", "language: zh"), {"notebook", "report"}, "before: {'language': 'en'} now: {'language': 'zh'}"),
    (("  n_boot: 1000", "  n_boot: 999"), {"reliability", "notebook", "report"}, "'n_boot': 999"),
])
def test_a_config_edit_reruns_only_the_rules_that_read_the_key(study, edit, expected, reason):
    config = study / "config.yaml"
    text = config.read_text(encoding="utf-8")
    assert edit[0] in text
    config.write_text(text.replace(edit[0], edit[1], 1), encoding="utf-8")
    proc = _snakemake(study, "--dry-run")
    out = proc.stdout + proc.stderr
    assert _jobs(out) - {"all"} == expected, out[-2000:]
    # the log names the changed key, not the whole config (one param per config key, common.smk)
    changed = [line for line in out.splitlines() if "Params have changed" in line]
    assert changed and all(reason in line and len(line) < 600 for line in changed), changed[:1]
    assert "'surveys'" not in out


@pytest.mark.parametrize("change", ["environment variable", "key file"])
def test_a_new_key_reruns_every_step_that_pseudonymises_and_all_downstream(study, change, monkeypatch):
    """The key is an input by its fingerprint: the variable wins over the file, and either change
    re-runs clean and clean_process (with everything after them), not 'Nothing to be done'."""
    if change == "environment variable":
        monkeypatch.setenv("SWEVAL_PSEUDONYM_KEY", "a-new-key-for-the-example-0123456789")
    else:
        monkeypatch.delenv("SWEVAL_PSEUDONYM_KEY", raising=False)
        key = study / "data/raw/example/demo_pseudonym_key.txt"
        key.write_text("another simulated-study key, long enough\n", encoding="utf-8")
    proc = _snakemake(study, "--dry-run")
    jobs = _jobs(proc.stdout + proc.stderr)
    assert {"clean", "clean_process", "score", "process", "report"} <= jobs, (proc.stdout + proc.stderr)[-2000:]
