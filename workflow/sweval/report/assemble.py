"""Assemble executed section notebooks into one self-contained HTML report.

Only the outputs of code cells are taken (HTML tables, PNG figures as base64, text); no code,
no scripts, no external resources, so the file opens anywhere without a network. What a kernel
wrote to stderr (a Python warning) is not for the reader: ``notebook_warnings`` hands it to the
report step's log. The opening paragraph speaks of the study from its config (``study.group``)
and its codebook (construct, instrument, citation, desirable direction).
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

from ..codebook import Codebook, source_label
from .outputs import Item, Section, item_html, notebook_items, number_items, set_notation
from .strings import t

CSS = """
body{font-family:"Noto Sans CJK SC","Noto Sans SC","Microsoft YaHei",Arial,sans-serif;max-width:1100px;margin:2em auto;
padding:0 1em;color:#222;line-height:1.45}
h1{border-bottom:3px solid #1b4f9c}h2{border-bottom:1px solid #bbb;margin-top:2em}h3{margin-top:1.4em;color:#1b4f9c}
table.apa{border-collapse:collapse;margin:.6em 0;font-size:.88em}
table.apa caption{text-align:left;font-style:italic}
table.apa th{border-top:2px solid #222;border-bottom:1px solid #222;padding:.25em .6em;text-align:left}
table.apa td{padding:.2em .6em;border:none}table.apa td:not(:first-child){word-break:keep-all}table.apa td.num{text-align:right;font-variant-numeric:tabular-nums;white-space:nowrap}
table.apa tbody tr:last-child td{border-bottom:2px solid #222}
.table-note{font-size:.8em;color:#555;margin-top:0}
img{max-width:100%}.banner{background:#fff3cd;border:1px solid #e0c36b;padding:.6em 1em}
nav ol{columns:2}.findings{background:#eef4fb;border-left:4px solid #1b4f9c;padding:.2em 1em;margin:1em 0}
.about{margin:1em 0}.findings h3{margin-top:.6em}figure.report-figure{margin:1em 0}
figure.report-figure figcaption{font-size:.9em;margin-top:.3em}.figure-note{font-size:.8em;color:#555;margin-top:.2em}
.label{font-weight:bold;font-style:normal}ul.limitations li{margin:.35em 0}pre{background:#f6f6f6;padding:.5em;overflow-x:auto;font-size:.8em}
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
    """SHA-256 of every input, the config, package versions, git commit, date, and the CJK font the
    figures were drawn with (None: none installed)."""
    from .fonts import cjk_font

    versions = {}
    for name in PACKAGES:
        try:
            versions[name] = importlib.metadata.version(name)
        except importlib.metadata.PackageNotFoundError:
            versions[name] = "not installed"
    return {"inputs": {**{p: sha256(p) for p in raw_files}, source_label(codebook): sha256(codebook)},
            "config": config, "python": platform.python_version(), "packages": versions,
            "git_commit": _git_commit(), "date": _dt.date.today().isoformat(), "cjk_font": cjk_font()}


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


def notebook_warnings(notebooks: list[str], sections: list[str]) -> list[str]:
    """What the section notebooks' kernels wrote to stderr (Python warnings), '<section>: <text>'
    each: for the report step's log, not for the reader."""
    found = []
    for section, path in zip(sections, notebooks):
        for cell in nbformat.read(path, as_version=4).cells:
            for out in cell.get("outputs", []) if cell.cell_type == "code" else []:
                if out.get("output_type") == "stream" and out.get("name") == "stderr" and out.get("text", "").strip():
                    found.append(f"{section}: {out['text'].strip()}")
    return found


CJK = re.compile(r"[\u3400-\u9fff\uf900-\ufaff]")


def _figures_hold_cjk(config: dict, language: str) -> bool:
    """Whether the figures draw Chinese characters: every label in a Chinese report, and the
    category names of background questions (as the survey wrote them) in any report."""
    if language == "zh":
        return True
    variables = (config.get("background") or {}).get("variables") or []
    return any(CJK.search(str(c)) for v in variables for c in v.get("categories") or [])


def about_text(config: dict, codebook: Codebook | None, language: str) -> str:
    """The opening paragraph: the group (config study.group), the outcome and its instrument with
    the citation (codebook construct, name, reference, direction), the waves."""
    sentences = []
    group = ((config.get("study") or {}).get("group") or {}).get(language)
    if group:
        sentences.append(t("study_group", language, group=group))
    if codebook is not None:
        direction = t(f"direction_{codebook.direction}", language)
        instrument = codebook.name.get(language) or codebook.name["en"]
        construct = (codebook.construct or {}).get(language)
        sentences.append(t("outcome_construct", language, construct=construct, instrument=instrument,
                           direction=direction) if construct
                         else t("outcome_instrument", language, instrument=instrument, direction=direction))
        if codebook.reference:
            sentences.append(t("instrument_source", language, reference=codebook.reference))
    waves = config.get("waves") or []
    if waves:
        sentences.append(t("waves_measured", language,
                           waves=("、" if language == "zh" else ", ").join(t(w, language) for w in waves)))
    if not sentences:
        return ""
    text = sentences[0]
    for sentence in sentences[1:]:  # Chinese sentences run on, except after a citation in Latin script
        text += sentence if language == "zh" and not text[-1].isascii() else " " + sentence
    return text


def _about_html(config: dict, codebook: Codebook | None, language: str) -> str:
    text = about_text(config, codebook, language)
    return f"<p class='about'>{html.escape(text)}</p>" if text else ""


def _provenance_items(prov: dict, language: str, config: dict | None = None) -> list[Item]:
    items = []
    if "cjk_font" in prov and prov["cjk_font"] is None and _figures_hold_cjk(config or {}, language):
        items.append(Item("html", html=f"<p class='font-note'>{html.escape(t('no_cjk_font', language))}</p>"))

    def said(text: str) -> str:  # provenance() writes these in English; the reader meets them in the report's language
        return (text.replace("(with uncommitted changes)", f"({t('prov_uncommitted', language)})")
                .replace("not a git checkout", t("prov_not_git", language))
                .replace("not installed", t("prov_not_installed", language)))

    rows = "".join(f"<tr><td>{html.escape(p)}</td><td><code>{h}</code></td></tr>" for p, h in prov["inputs"].items())
    pk = "".join(f"<tr><td>{html.escape(k)}</td><td>{html.escape(said(v))}</td></tr>" for k, v in prov["packages"].items())
    config = {k: v for k, v in prov["config"].items() if not k.startswith("_")}
    semi = "；" if language == "zh" else "; "
    colon = "：" if language == "zh" else ": "
    return items + [
        Item("table", caption=t("inputs_table", language),
             html=f"<table class='apa'><thead><tr><th>{t('prov_input', language)}</th><th>SHA-256</th></tr></thead>"
                  f"<tbody>{rows}</tbody></table>"),
        Item("html", html=f"<p>{t('prov_commit', language)}{colon}<code>{html.escape(said(prov['git_commit']))}</code>"
                          f"{semi}Python {prov['python']}{semi}{t('generated', language)}{colon}{prov['date']}</p>"),
        Item("table", caption=t("packages_table", language),
             html=f"<table class='apa'><thead><tr><th>{t('prov_package', language)}</th>"
                  f"<th>{t('prov_version', language)}</th></tr></thead><tbody>{pk}</tbody></table>"),
        Item("html", html=f"<details><summary>{t('prov_config', language)}</summary><pre>"
                          f"{html.escape(yaml.safe_dump(config, allow_unicode=True, sort_keys=False))}</pre></details>")]


def report_items(notebooks: list[str], sections: list[str], config: dict, prov: dict) -> list[Section]:
    """Every section of the report with its items, tables and figures numbered (outputs.py):
    what both the HTML and the Word report show."""
    language = config.get("language", "en")
    out = [Section(key, t(key, language), notebook_items(path, t(key, language))) for key, path in zip(sections, notebooks)]
    out.append(Section("provenance", t("provenance", language), _provenance_items(prov, language, config)))
    number_items(out)
    return out


def report_title(config: dict) -> str:
    language = config.get("language", "en")
    return (config.get("study") or {}).get("title", {}).get(language) or t("report_title", language)


def assemble_report(notebooks: list[str], sections: list[str], config: dict, prov: dict,
                    codebook: Codebook | None = None, items: list[Section] | None = None) -> str:
    """The whole HTML page: title, the study in a paragraph, contents list, one section per
    notebook, provenance.

    ``items``: the sections as ``report_items`` gives them (built here when not given)."""
    language = config.get("language", "en")
    title = report_title(config)
    body, nav = [], []
    for section in items or report_items(notebooks, sections, config, prov):
        nav.append(f"<li><a href='#{section.key}'>{html.escape(section.title)}</a></li>")
        body.append(f"<section id='{section.key}'><h2>{html.escape(section.title)}</h2>\n"
                    + "\n".join(set_notation(item_html(item, language)) for item in section.items)
                    + "</section>")
    banner = (f"<p class='banner'>{t('simulated_note', language)}</p>"
              if (config.get("study") or {}).get("simulated") else "")
    lang_attr = "zh-CN" if language == "zh" else "en"
    return (f"<!DOCTYPE html><html lang='{lang_attr}'><head><meta charset='utf-8'>"
            f"<title>{html.escape(title)}</title><style>{CSS}</style></head><body>"
            f"<h1>{html.escape(title)}</h1>{banner}{_about_html(config, codebook, language)}"
            f"<p>{t('generated', language)}{'：' if language == 'zh' else ': '}{prov['date']}</p>"
            f"<nav><h2>{t('contents', language)}</h2><ol>{''.join(nav)}</ol></nav>"
            + "\n".join(body) + "</body></html>\n")
