"""The lights as coloured marks; their words come from the domain (app/domain/status.py: LIGHT_WORDS)."""
from __future__ import annotations

from functools import lru_cache

from PySide6.QtCore import Qt
from PySide6.QtGui import QColor, QIcon, QPainter, QPen, QPixmap

from app.domain.status import LIGHT_WORDS, LIGHTS, NO_LIGHT

LIGHT_COLOURS = {
    "red": "#d93025",
    "yellow": "#f2b705",
    "green": "#2e9d57",
    "blue": "#1a73e8",
    "grey": "#9aa0a6",
    NO_LIGHT: "#ffffff",  # drawn as an empty ring: the plan set no deadline
}
LIGHT_ORDER = LIGHTS


def light_label(light: str | None) -> str:
    words = LIGHT_WORDS.get(light or "")
    return words.status if words else ""


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
        if light == NO_LIGHT:
            painter.setPen(QPen(QColor("#9aa0a6"), 1.5))
        else:
            painter.setPen(Qt.PenStyle.NoPen)
        painter.setBrush(light_colour(light))
        painter.drawEllipse(1, 1, size - 2, size - 2)
        painter.end()
    return QIcon(pixmap)
