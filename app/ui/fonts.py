"""The CJK font the window draws with, so Chinese never shows as boxes on a machine without Chinese fonts.

The bundled fonts under resources/fonts/ come first; a system WenQuanYi Micro Hei is the fallback while
the bundle is being assembled (and on developer machines). One function finds the file, one registers it.
"""
from __future__ import annotations

import logging
from pathlib import Path

from PySide6.QtGui import QFont, QFontDatabase
from PySide6.QtWidgets import QApplication

from app.paths import resource_path

log = logging.getLogger(__name__)

# Files tried in order: a 黑体-like face reads best on screen at small sizes.
_BUNDLED = ("wqy-microhei.ttc", "LXGWWenKai-Regular.ttf", "uming.ttc")
_SYSTEM = (
    Path("/usr/share/fonts/truetype/wqy/wqy-microhei.ttc"),
    Path("/usr/share/fonts/truetype/lxgw-wenkai/LXGWWenKai-Regular.ttf"),
    Path("/usr/share/fonts/truetype/arphic/uming.ttc"),
    Path("C:/Windows/Fonts/msyh.ttc"),
    Path("C:/Windows/Fonts/simhei.ttf"),
)
# In a .ttc the first face is not always the Simplified one: prefer these family names.
_PREFERRED_FAMILIES = ("WenQuanYi Micro Hei", "LXGW WenKai", "AR PL UMing CN", "Microsoft YaHei", "SimHei")


def cjk_font_file() -> Path | None:
    """The first CJK font file present: bundled ones, then the system's."""
    for name in _BUNDLED:
        path = resource_path("fonts", name)
        if path.is_file():
            return path
    return next((p for p in _SYSTEM if p.is_file()), None)


def install_cjk_font(app: QApplication, point_size: int = 10) -> str | None:
    """Register the CJK font with Qt and make it the application font; returns the family used."""
    path = cjk_font_file()
    if path is None:
        log.warning("未找到中文字体，界面文字可能显示为方框")
        return None
    font_id = QFontDatabase.addApplicationFont(str(path))
    families = QFontDatabase.applicationFontFamilies(font_id) if font_id >= 0 else []
    if not families:
        log.warning("中文字体无法载入：%s", path)
        return None
    family = next((f for f in _PREFERRED_FAMILIES if f in families), families[0])
    font = QFont(family, point_size)
    app.setFont(font)
    return family
