"""Codebooks: CYRM-28 structure as published (docs/conventions.md), and errors that name the key."""
from pathlib import Path

import pytest
import yaml

from sweval.codebook import load_codebook, normalise_text
from sweval.errors import ConfigError

# Liebenberg, Ungar & Van de Vijver (2012), as tabulated in docs/conventions.md
CYRM28_SUBSCALES = {
    "individual": [2, 4, 8, 11, 13, 14, 15, 18, 20, 21, 25],
    "caregiver": [5, 6, 7, 12, 17, 24, 26],
    "context": [1, 3, 9, 10, 16, 19, 22, 23, 27, 28],
    "personal_skills": [2, 8, 11, 13, 21], "peer_support": [14, 18], "social_skills": [4, 15, 20, 25],
    "physical_caregiving": [5, 7], "psychological_caregiving": [6, 12, 17, 24, 26],
    "spiritual": [9, 22, 23], "education": [3, 16], "cultural": [1, 10, 19, 27, 28],
}


def test_cyrm28_structure(codebook):
    assert len(codebook.items) == 28
    assert codebook.min == 1 and codebook.max == 5 and codebook.direction == "higher"
    assert not any(i.reverse for i in codebook.items)  # CYRM-28 has no reverse-keyed items
    number = {i.id: i.number for i in codebook.items}
    for scale, items in CYRM28_SUBSCALES.items():
        assert sorted(number[i] for i in codebook.scale(scale).items) == items, scale
    assert len(codebook.scale("total").items) == 28
    # the three subscales partition the 28 items
    parts = sorted(n for s in ("individual", "caregiver", "context") for n in CYRM28_SUBSCALES[s])
    assert parts == list(range(1, 29))


def test_option_texts_map_in_both_languages(codebook):
    table = codebook.text_to_code()
    assert table[normalise_text("完全不符合")] == 1
    assert table[normalise_text("A lot")] == 5
    assert table[normalise_text("比较符合")] == 4


def _write(tmp_path: Path, data: dict) -> Path:
    path = tmp_path / "cb.yaml"
    path.write_text(yaml.safe_dump(data, allow_unicode=True), encoding="utf-8")
    return path


@pytest.fixture
def minimal():
    return {"instrument": "mini", "name": {"en": "Mini", "zh": "迷你"}, "direction": "lower",
            "response_scale": {"min": 1, "max": 4, "options": [{"code": c, "en": str(c), "zh": str(c)} for c in range(1, 5)]},
            "scoring": {"method": "sum", "min_answered_share": 0.8},
            "items": [{"id": f"a{k}", "number": k, "en": "x", "zh": "x", "reverse": k % 2 == 0} for k in range(1, 5)],
            "scales": [{"id": "total", "en": "T", "zh": "T", "items": "all"}]}


def test_new_instrument_is_only_a_yaml_file(tmp_path, minimal):
    cb = load_codebook(_write(tmp_path, minimal))
    assert cb.direction == "lower" and [i.reverse for i in cb.items] == [False, True, False, True]


@pytest.mark.parametrize("mutate, words", [
    (lambda d: d["scales"].append({"id": "sub", "en": "S", "zh": "S", "items": [9]}), "item numbers [9]"),
    (lambda d: d["scales"].append({"id": "total", "en": "S", "zh": "S", "items": [1]}), "scale id"),
    (lambda d: d["scales"][0].update(parent="nowhere"), "parent 'nowhere'"),
    (lambda d: d.update(direction="up"), "'direction'"),
    (lambda d: d["items"][0].pop("id"), "'id'"),
    (lambda d: d["scales"][0].update(items=[]), "items"),
    (lambda d: d["response_scale"].update(min=5), "below"),
])
def test_bad_codebooks_name_the_key(tmp_path, minimal, mutate, words):
    mutate(minimal)
    with pytest.raises(ConfigError) as err:
        load_codebook(_write(tmp_path, minimal))
    assert words in str(err.value)
