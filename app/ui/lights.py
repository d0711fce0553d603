"""The lights as coloured marks: red (overdue), yellow (due soon), green (on track), blue (ongoing), grey (done)."""
from __future__ import annotations

from functools import lru_cache

from PySide6.QtCore import Qt
from PySide6.QtGui import QColor, QIcon, QPainter, QPixmap

LIGHT_COLOURS = {
    "red": "#d93025",
    "yellow": "#f2b705",
    "green": "#2e9d57",
    "blue": "#1a73e8",
    "grey": "#9aa0a6",
}
LIGHT_LABELS = {"red": "逾期", "yellow": "临期", "green": "正常", "blue": "持续推进", "grey": "已完成"}
LIGHT_ORDER = ("red", "yellow", "green", "blue", "grey")


def light_label(light: str | None) -> str:
    return LIGHT_LABELS.get(light or "", "")


def light_colour(light: str | None) -> QColor:
    return QColor(LIGHT_COLOURS.get(light or "", "#ffffff"))


@lru_cache(maxsize=None)
def light_icon(light: str | None, size: int = 14) -> QIcon:
    """A filled circle of the light's colour (cached: the table asks for it on every repaint)."""
    pixmap = QPixmap(size, size)
    pixmap.fill(Qt.GlobalColor.transparent)
    if light in LIGHT_COLOURS:
        painter = QPainter(pixmap)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        painter.setPen(Qt.PenStyle.NoPen)
        painter.setBrush(light_colour(light))
        painter.drawEllipse(1, 1, size - 2, size - 2)
        painter.end()
    return QIcon(pixmap)
