"""Which CJK font the figures draw Chinese text with: light (matplotlib's font manager only), so
the report step can say whether one was installed without importing pyplot."""
from __future__ import annotations

from matplotlib import font_manager

CJK_FONTS = ["Noto Sans CJK SC", "Noto Sans CJK JP", "Noto Sans SC", "WenQuanYi Zen Hei",
             "WenQuanYi Micro Hei", "Source Han Sans SC", "SimHei", "Microsoft YaHei"]


def cjk_font() -> str | None:
    """The CJK font family matplotlib will use for Chinese text, or None when none is installed."""
    installed = {f.name for f in font_manager.fontManager.ttflist}
    if not installed & set(CJK_FONTS):  # a font installed after matplotlib built its cache
        font_manager.fontManager = font_manager._load_fontmanager(try_read_cache=False)
        installed = {f.name for f in font_manager.fontManager.ttflist}
    return next((f for f in CJK_FONTS if f in installed), None)
