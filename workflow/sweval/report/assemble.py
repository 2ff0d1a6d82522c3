"""Assemble executed section notebooks into one self-contained HTML report.

Only the outputs of code cells are taken (HTML tables, PNG figures as base64, text); no code,
no scripts, no external resources, so the file opens anywhere without a network.
"""
from __future__ import annotations

import datetime as _dt
import hashlib
import base64
import html
import importlib.metadata
import platform
import re
import subprocess
from pathlib import Path

import nbformat
import yaml

from ..codebook import source_label
from .outputs import Item, Section, item_html, notebook_items, number_items
from .strings import t

CSS = """
body{font-family:"Noto Sans CJK SC","Noto Sans SC","Microsoft YaHei",Arial,sans-serif;max-width:1100px;margin:2em auto;
padding:0 1em;color:#222;line-height:1.45}
h1{border-bottom:3px solid #1b4f9c}h2{border-bottom:1px solid #bbb;margin-top:2em}h3{margin-top:1.4em;color:#1b4f9c}
table.apa{border-collapse:collapse;margin:.6em 0;font-size:.88em}
table.apa caption{text-align:left;font-style:italic}
table.apa th{border-top:2px solid #222;border-bottom:1px solid #222;padding:.25em .6em;text-align:left}
table.apa td{padding:.2em .6em;border:none}table.apa td.num{text-align:right;font-variant-numeric:tabular-nums;white-space:nowrap}
table.apa tbody tr:last-child td{border-bottom:2px solid #222}
.table-note{font-size:.8em;color:#555;margin-top:0}
img{max-width:100%}.banner{background:#fff3cd;border:1px solid #e0c36b;padding:.6em 1em}
nav ol{columns:2}.findings{background:#eef4fb;border-left:4px solid #1b4f9c;padding:.2em 1em;margin:1em 0}
.findings h3{margin-top:.6em}figure.report-figure{margin:1em 0}figure.report-figure figcaption{font-size:.9em;margin-top:.3em}
.figure-note{font-size:.8em;color:#555;margin-top:.2em}.label{font-weight:bold;font-style:normal}ul.limitations li{margin:.35em 0}pre{background:#f6f6f6;padding:.5em;overflow-x:auto;font-size:.8em}
"""
PACKAGES = ["sweval", "numpy", "scipy", "pandas", "statsmodels", "matplotlib", "pingouin", "papermill",
            "snakemake", "openpyxl", "xlrd", "pyyaml", "jsonschema", "python-docx"]


def sha256(path: str | Path) -> str:
    digest = hashlib.sha256()
    with open(path, "rb") as fh:
        for block in iter(lambda: fh.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


def _git_commit() -> str:
    try:
        out = subprocess.run(["git", "rev-parse", "HEAD"], capture_output=True, text=True, timeout=5, check=True)
        dirty = subprocess.run(["git", "status", "--porcelain", "--untracked-files=no"], capture_output=True,
                               text=True, timeout=5).stdout.strip()
        return out.stdout.strip() + (" (with uncommitted changes)" if dirty else "")
    except (OSError, subprocess.SubprocessError):
        return "not a git checkout"


def provenance(raw_files: list[str], config: dict, codebook: str) -> dict:
    """SHA-256 of every input, the config, package versions, git commit, date."""
    versions = {}
    for name in PACKAGES:
        try:
            versions[name] = importlib.metadata.version(name)
        except importlib.metadata.PackageNotFoundError:
            versions[name] = "not installed"
    return {"inputs": {**{p: sha256(p) for p in raw_files}, source_label(codebook): sha256(codebook)},
            "config": config, "python": platform.python_version(), "packages": versions,
            "git_commit": _git_commit(), "date": _dt.date.today().isoformat()}


HEADING = re.compile(r"<h3 data-key='([\w-]+)'>")


def extract_assets(notebooks: list[str], sections: list[str]) -> tuple[dict[str, bytes], dict[str, bytes]]:
    """The figures (PNG bytes) and formatted tables (standalone HTML) of executed section notebooks.

    Files are named ``<section>.<nn>-<heading key>``, the key of the heading they appear under, so
    Snakemake's own report (``snakemake --report``) can list them with their section.
    """
    figures, tables = {}, {}
    for section, path in zip(sections, notebooks):
        key, count = "top", 0
        for cell in nbformat.read(path, as_version=4).cells:
            for out in cell.get("outputs", []) if cell.cell_type == "code" else []:
                data = out.get("data", {})
                text = data.get("text/html", "")
                text = text if isinstance(text, str) else "".join(text)
                found = HEADING.search(text)
                key = found.group(1) if found else key
                if "image/png" in data:
                    count += 1
                    figures[f"{section}.{count:02d}-{key}.png"] = base64.b64decode(data["image/png"])
                elif "<table" in text:
                    count += 1
                    tables[f"{section}.{count:02d}-{key}.html"] = (
                        f"<!DOCTYPE html><html><head><meta charset='utf-8'><style>{CSS}</style></head>"
                        f"<body>{text}</body></html>\n").encode("utf-8")
    return figures, tables


def _provenance_items(prov: dict, language: str) -> list[Item]:
    rows = "".join(f"<tr><td>{html.escape(p)}</td><td><code>{h}</code></td></tr>" for p, h in prov["inputs"].items())
    pk = "".join(f"<tr><td>{html.escape(k)}</td><td>{html.escape(v)}</td></tr>" for k, v in prov["packages"].items())
    config = {k: v for k, v in prov["config"].items() if not k.startswith("_")}
    return [Item("table", caption=t("inputs_table", language),
                 html=f"<table class='apa'><thead><tr><th>input</th><th>SHA-256</th></tr></thead><tbody>{rows}</tbody></table>"),
            Item("html", html=f"<p>git commit: <code>{html.escape(prov['git_commit'])}</code>; Python {prov['python']}; "
                              f"{t('generated', language)}: {prov['date']}</p>"),
            Item("table", caption=t("packages_table", language),
                 html=f"<table class='apa'><thead><tr><th>package</th><th>version</th></tr></thead><tbody>{pk}</tbody></table>"),
            Item("html", html=f"<details><summary>config</summary><pre>"
                              f"{html.escape(yaml.safe_dump(config, allow_unicode=True, sort_keys=False))}</pre></details>")]


def report_items(notebooks: list[str], sections: list[str], config: dict, prov: dict) -> list[Section]:
    """Every section of the report with its items, tables and figures numbered (outputs.py):
    what both the HTML and the Word report show."""
    language = config.get("language", "en")
    out = [Section(key, t(key, language), notebook_items(path, t(key, language))) for key, path in zip(sections, notebooks)]
    out.append(Section("provenance", t("provenance", language), _provenance_items(prov, language)))
    number_items(out)
    return out


def report_title(config: dict) -> str:
    language = config.get("language", "en")
    return (config.get("study") or {}).get("title", {}).get(language) or t("report_title", language)


def assemble_report(notebooks: list[str], sections: list[str], config: dict, prov: dict,
                    items: list[Section] | None = None) -> str:
    """The whole HTML page: title, contents list, one section per notebook, provenance.

    ``items``: the sections as ``report_items`` gives them (built here when not given)."""
    language = config.get("language", "en")
    title = report_title(config)
    body, nav = [], []
    for section in items or report_items(notebooks, sections, config, prov):
        nav.append(f"<li><a href='#{section.key}'>{html.escape(section.title)}</a></li>")
        body.append(f"<section id='{section.key}'><h2>{html.escape(section.title)}</h2>\n"
                    + "\n".join(item_html(item, language) for item in section.items) + "</section>")
    banner = (f"<p class='banner'>{t('simulated_note', language)}</p>"
              if (config.get("study") or {}).get("simulated") else "")
    lang_attr = "zh-CN" if language == "zh" else "en"
    return (f"<!DOCTYPE html><html lang='{lang_attr}'><head><meta charset='utf-8'>"
            f"<title>{html.escape(title)}</title><style>{CSS}</style></head><body>"
            f"<h1>{html.escape(title)}</h1>{banner}<p>{t('generated', language)}: {prov['date']}</p>"
            f"<nav><h2>{t('contents', language)}</h2><ol>{''.join(nav)}</ol></nav>"
            + "\n".join(body) + "</body></html>\n")
