"""What a section notebook needs to read results and label them: paths, language, labels.

Reading the study config and codebook is not computing: notebooks use this to find tables and
labels, and draw.
"""
from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import pandas as pd
import yaml

from ..codebook import Codebook, instrument_path, load_codebook
from ..config import study_parts
from ..validation import SAFE_LOADER
from .findings import level_label
from .strings import t


@dataclass
class Context:
    results: Path
    study: dict
    language: str
    codebook: Codebook

    def t(self, key: str, **fields) -> str:
        return t(key, self.language, **fields)

    @property
    def parts(self) -> dict[str, bool]:
        """The optional parts of the study (sweval.config.study_parts): a section or a sentence
        about a part exists only when the study has it."""
        study = self.study
        return study_parts({"roster": study.get("roster"), "comparison_roster": study.get("comparison_roster"),
                            "background": study.get("background"), "levels": study.get("levels"),
                            "process": study.get("process"), "waves": study.get("waves")})

    @property
    def primary_scale(self) -> str:
        """The scale the report leads with (the first of the Holm family, else the codebook's first)."""
        return self.codebook.primary_scale(self.study.get("outcomes"))

    @property
    def levels_scale(self) -> str:
        """The scale of the baseline section: the levels' scale, else the primary scale."""
        return (self.study.get("levels") or {}).get("scale") or self.primary_scale

    def level_label(self, level: str) -> str:
        return level_label(level, self.language, self.study.get("levels"))

    def concern_level(self) -> str | None:
        """The level whose share the baseline tables report (factor_categories.csv share_low): the
        lowest scores' level when higher scores are desirable, else the highest; None without levels."""
        if not self.parts["levels"]:
            return None
        cut = self.table("scores/level_cutoffs")
        order = list(cut.loc[cut["scale"] == self.levels_scale, "level"])
        return (order[0] if self.codebook.direction == "higher" else order[-1]) if order else None

    @property
    def construct(self) -> str:
        """What the instrument measures (codebook 'construct'), '' when the codebook does not say."""
        return (self.codebook.construct or {}).get(self.language, "")

    def table(self, name: str) -> pd.DataFrame:
        """results/<name>.csv, e.g. table('effects/paired')."""
        return pd.read_csv(self.results / f"{name}.csv", encoding="utf-8")

    @property
    def waves(self) -> list[str]:
        return self.study["waves"]

    @property
    def scale_labels(self) -> dict[str, str]:
        return {s.id: getattr(s, self.language) for s in self.codebook.scales}

    @property
    def item_labels(self) -> dict[str, str]:
        return {i.id: getattr(i, self.language) for i in self.codebook.items}

    def scale_label(self, scale: str) -> str:
        return self.scale_labels.get(scale, scale)

    def wave_label(self, wave: str) -> str:
        return self.t(wave)

    def contrast_label(self, contrast: str) -> str:
        """'pre->post' as 'pre-test → post-test' in the report's language."""
        return " → ".join(self.wave_label(w) for w in str(contrast).split("->"))


def load_context(results_dir: str, study: dict | None = None, language: str | None = None,
                 config_file: str = "../config.yaml") -> Context:
    """The pipeline passes ``study`` (the effective config); by hand, the config file is read."""
    if study is None:
        study = yaml.load(Path(config_file).read_text(encoding="utf-8"), Loader=SAFE_LOADER)
        base = Path(config_file).resolve().parent
    else:
        base = Path(study.get("_root", "."))
    codebook = load_codebook(instrument_path(study["instrument"], base))
    return Context(results=Path(results_dir), study=study, language=language or study.get("language", "en"),
                   codebook=codebook)
