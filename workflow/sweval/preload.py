"""Imported once by the forkserver that the heavy jobs fork from (see sweval.inprocess).

Everything a rule script or a report notebook imports, so that a forked job starts warm; and the
fonts the figures use, loaded into matplotlib's font cache, which the children inherit. Nothing
here changes matplotlib's settings or starts a thread (threads do not survive a fork).
"""
import IPython.core.interactiveshell  # noqa: F401
import matplotlib
import matplotlib.pyplot  # noqa: F401
import nbformat  # noqa: F401
import numpy  # noqa: F401
import pandas  # noqa: F401
import papermill  # noqa: F401
import scipy.stats  # noqa: F401
import seaborn  # noqa: F401
import statsmodels.api  # noqa: F401
from matplotlib import font_manager

from . import (baseline, change, change_reference, clean, clean_process, comparison,  # noqa: F401
               longitudinal, notebook_engine, paired, power, process, reliability, score)
from .report import context, figures, findings, tables  # noqa: F401


def _warm_fonts() -> None:
    installed = {f.name for f in font_manager.fontManager.ttflist}
    for family in ["DejaVu Sans", *[f for f in figures.CJK_FONTS if f in installed][:1]]:
        prop = font_manager.FontProperties(family=family)
        font_manager.get_font(font_manager.findfont(prop, fallback_to_default=True))


_warm_fonts()
