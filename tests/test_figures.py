"""Figures readable at print size: every figure of the report, drawn from small hand-made tables
(long labels, Chinese labels, many rows), is at most 16 cm wide as the reports show it, every
text in it is at least 9 pt at that size, its colours are Okabe-Ito or neutral greys, its series
have a legend, and it carries a caption and a note instead of a title."""
from __future__ import annotations

import matplotlib

matplotlib.use("Agg")

import matplotlib.pyplot as plt
import numpy as np
import pandas as pd
import pytest
from matplotlib.colors import to_hex, to_rgba
from matplotlib.image import AxesImage
from matplotlib.text import Text
from sweval.report import figures as F
from sweval.report.outputs import png_size

TEXT_WIDTH_CM = 16.0  # the Word report's text width (A4, 2.5 cm margins); the HTML shows the same size
SCALES = ["total", "individual", "caregiver", "context", "personal", "peer", "social", "physical",
          "psychological", "spiritual", "education", "cultural"]
LABELS = {s: ("Relationship with primary caregiver" if s == "caregiver" else s.capitalize()) for s in SCALES}
WAVES = ["pre", "post", "followup"]
CHILDREN = [f"p{k:02d}" for k in range(12)]
rng = np.random.default_rng(7)


def _paired():
    rows = []
    for contrast, (a, b) in {"pre->post": ("pre", "post"), "pre->followup": ("pre", "followup"),
                             "post->followup": ("post", "followup")}.items():
        for s in SCALES:
            d = rng.normal(0.3, 0.4)
            rows.append({"contrast": contrast, "wave_from": a, "wave_to": b, "scale": s, "d_z": d,
                         "d_z_ci_low": d - 0.7, "d_z_ci_high": d + 0.7})
    return pd.DataFrame(rows)


def _scores():
    return pd.DataFrame([{"participant_id": p, "wave": w, "scale": s, "score": rng.normal(30, 5)}
                         for p in CHILDREN for w in WAVES for s in SCALES])


def _individual():
    rows = []
    for p in CHILDREN:
        for s in SCALES[:4]:
            a, b = rng.normal(90, 8), rng.normal(95, 8)
            cat = "reliable improvement" if b - a > 8 else "reliable deterioration" if b - a < -8 else "no reliable change"
            rows.append({"participant_id": p, "scale": s, "contrast": "pre->post", "wave_from": "pre", "wave_to": "post",
                         "score_from": a, "score_to": b, "change": b - a, "s_diff": 4.0, "rci_category": cat})
    return pd.DataFrame(rows)


def _figures(language: str, title: str | None = None) -> dict:
    variables = [{"id": f"v{k}", "level": lvl, "label": {"en": f"Takes part in community activities {k}", "zh": f"参加社区活动{k}"}}
                 for k, lvl in enumerate(["demographic", "family", "school", "community"] * 3)]
    categories = pd.DataFrame([{"variable": v["id"], "category": c, "n": n, "mean": rng.normal(100, 5), "sd": 10.0}
                               for v in variables for c, n in [("父母都外出务工", 12), ("祖父母", 2), ("其他亲属", 20)]])
    items = pd.DataFrame([{"scale": "total", "wave": "pre", "item": f"item_{k:02d}", "item_rest_r": rng.uniform(0.1, 0.7),
                           "alpha_if_deleted": rng.uniform(0.86, 0.9)} for k in range(28)])
    item_labels = {f"item_{k:02d}": "Takes part in organised spiritual activities" for k in range(28)}
    attendance = pd.DataFrame([{"participant_id": p, "session": s, "status": ["present", "absent", "excused", None][(i + s) % 4]}
                               for i, p in enumerate(CHILDREN) for s in range(1, 8)])
    feedback = pd.DataFrame([{"session": s, "item": i, "mean": 4.0, "ci_low": 3.5, "ci_high": 4.5}
                             for i in ["fb_enjoy", "fb_learned", "fb_belong"] for s in range(1, 8)])
    feedback_labels = {"fb_enjoy": "Enjoyed today's session", "fb_learned": "Learned something new",
                       "fb_belong": "Felt part of the group"}
    reliability = pd.DataFrame([{"scale": s, "wave": w, "alpha": 0.8, "alpha_ci_low_feldt": 0.6, "alpha_ci_high_feldt": 0.9}
                                for s in SCALES for w in WAVES])
    levels = pd.DataFrame({"level": ["low", "medium", "high", "missing"], "n": [22, 22, 5, 1],
                           "share": [0.449, 0.449, 0.102, None]})
    goals = pd.DataFrame({"session": range(1, 8), "mean_rating": [3, 4, 4.5, 5, 3.5, 4, 4.2]})
    scores, individual = _scores(), _individual()
    return {
        "level_bars": F.level_bars(levels, language, title=title),
        "factor_points": F.factor_points(categories, variables, language, title=title),
        "item_rest_bars": F.item_rest_bars(items, "total", "pre", item_labels, language, 0.89, title),
        "trajectories": F.trajectories(scores, CHILDREN, WAVES, "total", language, title),
        "trajectory_grid": F.trajectory_grid(scores, CHILDREN, WAVES, SCALES[1:4], LABELS, language),
        "forest": F.forest(_paired(), LABELS, language, SCALES[:4]),
        "qq_differences": F.qq_differences(individual, SCALES[:4], "pre->post", LABELS, language, title),
        "jacobson": F.jacobson(individual, "total", "pre->post", language),
        "attendance_heatmap": F.attendance_heatmap(attendance, language),
        "feedback_lines": F.feedback_lines(feedback, feedback_labels, language),
        "goal_bars": F.goal_bars(goals, language, 4, 5),
        "alpha_forest": F.alpha_forest(reliability, LABELS, WAVES, language),
    }


@pytest.fixture(scope="module", params=["en", "zh"])
def drawn(request):
    """Every figure with the report's fonts and sizes (rcParams restored afterwards)."""
    plt.close("all")
    with matplotlib.rc_context():
        F.setup_fonts(request.param)
        figures = _figures(request.param)
        out = {name: (fig, _drawn_cm(fig)) for name, fig in figures.items()}
        yield out
        for fig, _ in out.values():
            plt.close(fig)


def _drawn_cm(fig) -> float:
    """The width of the PNG ``figures.png`` makes (its content, cropped, plus the padding)."""
    fig.canvas.draw()
    return (fig.get_tightbbox(fig.canvas.get_renderer()).width + 2 * 0.03) * 2.54


def _shown_scale(drawn_cm: float) -> tuple[float, float]:
    """(width in cm the figure was drawn at, factor the reports scale it by to fit 16 cm)."""
    return drawn_cm, min(1.0, TEXT_WIDTH_CM / drawn_cm)


def test_the_png_is_the_drawn_size_at_print_resolution():
    fig = F.goal_bars(pd.DataFrame({"session": [1, 2], "mean_rating": [3.0, 4.0]}), "en", 4, 5)
    drawn_cm = _drawn_cm(fig)
    width, _, dpi = png_size(F.png(fig))
    plt.close(fig)
    assert dpi and abs(dpi - F.DPI) < 0.01, dpi
    assert abs(width / dpi * 2.54 - drawn_cm) < 0.05, (width / dpi * 2.54, drawn_cm)  # within a pixel or two


def test_every_figure_fits_the_page_and_its_text_is_at_least_9_pt(drawn):
    for name, (fig, width_cm) in drawn.items():
        drawn_cm, scale = _shown_scale(width_cm)
        assert drawn_cm <= TEXT_WIDTH_CM, f"{name}: {drawn_cm:.1f} cm wide"
        texts = [t for t in fig.findobj(Text) if t.get_text().strip() and t.get_visible()]
        assert texts, name
        small = {t.get_text(): t.get_fontsize() * scale for t in texts if t.get_fontsize() * scale < F.MIN_FONT_PT}
        assert not small, f"{name}: text below {F.MIN_FONT_PT} pt at the size shown: {small}"


def test_a_figure_too_wide_would_fail_the_check():
    """The check above can fail: a 25 cm figure with 10 pt text is shown at 16 cm, its text at 6.4 pt."""
    fig, ax = plt.subplots(figsize=(25 / 2.54, 3))
    ax.set_xlabel("label", fontsize=10)
    drawn_cm, scale = _shown_scale(_drawn_cm(fig))
    plt.close(fig)
    assert drawn_cm > TEXT_WIDTH_CM and 10 * scale < F.MIN_FONT_PT


def _colours(fig) -> set[str]:
    found = set()
    for artist in fig.findobj():
        if isinstance(artist, AxesImage):
            found |= {to_hex(c) for c in artist.get_cmap().colors}
            continue
        for getter in ("get_color", "get_facecolor", "get_edgecolor", "get_markerfacecolor"):
            value = getattr(artist, getter, None)
            if value is None or isinstance(artist, Text):
                continue
            try:
                colours = value()
            except (TypeError, AttributeError):
                continue
            array = np.atleast_2d(np.asarray(to_rgba(colours) if isinstance(colours, str) else colours, dtype=object))
            for row in array:
                try:
                    rgba = to_rgba(tuple(row) if len(row) in (3, 4) else row[0])
                except (ValueError, TypeError):
                    continue
                if rgba[3] > 0:
                    found.add(to_hex(rgba))
    return found


def test_colours_are_okabe_ito_or_neutral(drawn):
    allowed = {c.lower() for c in F.OKABE_ITO.values()}
    for name, (fig, _) in drawn.items():
        hues = {c for c in _colours(fig) if len({c[1:3], c[3:5], c[5:7]}) > 1}  # not a grey
        assert hues, name
        assert hues <= allowed, f"{name}: colours outside Okabe-Ito: {hues - allowed}"


def test_series_have_a_legend_and_every_figure_a_caption_and_a_note(drawn):
    for name, (fig, _) in drawn.items():
        assert fig.get_label() and getattr(fig, F.NOTE_ATTRIBUTE), name
        assert not fig._suptitle and not any(ax.get_title(loc="center") and len(fig.axes) == 1 for ax in fig.axes), \
            f"{name}: the title belongs in the caption"
    for name in ["trajectories", "trajectory_grid", "forest", "jacobson", "attendance_heatmap", "feedback_lines",
                 "goal_bars", "alpha_forest", "item_rest_bars"]:
        fig = drawn[name][0]
        legends = fig.legends + [ax.get_legend() for ax in fig.axes if ax.get_legend()]
        assert legends and all(lg.get_visible() for lg in legends), name
        for text in [t for lg in legends for t in lg.get_texts()]:
            assert text.get_fontsize() >= F.MIN_FONT_PT, (name, text.get_text())


def test_a_title_given_is_the_caption():
    """The notebooks word each caption from the codebook and config (``title``): it becomes the
    caption, not text drawn in the figure."""
    plt.close("all")
    with matplotlib.rc_context():
        F.setup_fonts("en")
        figures = _figures("en", title="A caption from the config")
    for name in ["level_bars", "factor_points", "item_rest_bars", "trajectories", "qq_differences"]:
        fig = figures[name]
        fig.canvas.draw()
        assert fig.get_label() == "A caption from the config", name
        assert "A caption from the config" not in [t.get_text() for t in fig.findobj(Text)], name
    for fig in figures.values():
        plt.close(fig)


def test_whiskers_are_named_and_absent_is_marked_apart_from_its_colour(drawn):
    from sweval.report.strings import STRINGS

    for key in ["fig_note_forest", "fig_note_alpha", "fig_note_feedback"]:
        assert "95%" in STRINGS[key]["en"] and "95%" in STRINGS[key]["zh"]
    assert "SD" in STRINGS["fig_note_factors"]["en"] and "标准差" in STRINGS["fig_note_factors"]["zh"]
    fig = drawn["attendance_heatmap"][0]
    hatches = {p.get_hatch() for p in fig.axes[0].patches}
    assert F.ATTENDANCE_HATCHES["absent"] in hatches and F.ATTENDANCE_HATCHES["excused"] in hatches


def test_show_displays_the_png_then_its_caption_and_note(monkeypatch):
    shown = []
    import IPython.display

    monkeypatch.setattr(IPython.display, "display", lambda obj, **_: shown.append(obj))
    fig = F.level_bars(pd.DataFrame({"level": ["low", "high"], "n": [3, 4], "share": [0.4, 0.6]}), "zh",
                       title="基线水平分布")
    F.show(fig, note="Levels: a study rule.")
    image, text = shown
    assert image.data[:4] == b"\x89PNG" and image.width == round(fig.get_figwidth() * 96)
    assert text.data.startswith("<div class='figure-text'><p class='figure-caption'>基线")
    assert "柱形为各水平的儿童人数" in text.data and text.data.endswith("Levels: a study rule.</p></div>")
    assert not plt.fignum_exists(fig.number)


def test_alpha_below_zero_stays_in_the_plot_as_an_open_marker():
    """The reviewer's case: a Feldt bound of -11.26 and an alpha of -0.4 (a two-item scale): the
    axis still starts at 0 (no reliability below it), the negative estimate is an open '<' at 0."""
    reliability = pd.DataFrame([
        {"scale": "a", "wave": "pre", "alpha": 0.85, "alpha_ci_low_feldt": 0.7, "alpha_ci_high_feldt": 0.92},
        {"scale": "b", "wave": "pre", "alpha": -0.4, "alpha_ci_low_feldt": -11.26, "alpha_ci_high_feldt": 0.38},
    ])
    fig = F.alpha_forest(reliability, {"a": "A", "b": "B"}, ["pre"], "en")
    ax = fig.axes[0]
    assert ax.get_xlim()[0] > -0.1
    from matplotlib.collections import PathCollection

    opens = [c for c in ax.collections if isinstance(c, PathCollection) and len(c.get_offsets())
             and c.get_offsets()[0][0] == 0.0]
    assert len(opens) == 1 and len(opens[0].get_offsets()) == 1
    plt.close(fig)
