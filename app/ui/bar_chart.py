"""Completion per unit as horizontal bars, painted with QPainter (no Qt Charts). Clicking a bar emits the unit."""
from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtCore import QRectF, QSize, Qt, Signal
from PySide6.QtGui import QColor, QPainter
from PySide6.QtWidgets import QWidget

BAR_HEIGHT = 18
ROW_GAP = 8
LABEL_WIDTH = 190
DONE_COLOUR = QColor("#2e9d57")
OPEN_COLOUR = QColor("#d9dde3")


@dataclass(frozen=True)
class UnitBar:
    unit: str
    done: int
    total: int

    @property
    def share(self) -> float:
        return self.done / self.total if self.total else 0.0


class UnitCompletionChart(QWidget):
    unitClicked = Signal(str)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._bars: list[UnitBar] = []
        self.setMouseTracking(True)
        self.setCursor(Qt.CursorShape.PointingHandCursor)

    def set_bars(self, bars: list[UnitBar]) -> None:
        self._bars = list(bars)
        self.updateGeometry()
        self.update()

    def bars(self) -> list[UnitBar]:
        return list(self._bars)

    def sizeHint(self) -> QSize:
        return QSize(520, max(60, len(self._bars) * (BAR_HEIGHT + ROW_GAP) + ROW_GAP))

    def bar_at(self, y: float) -> UnitBar | None:
        index = int((y - ROW_GAP / 2) // (BAR_HEIGHT + ROW_GAP))
        return self._bars[index] if 0 <= index < len(self._bars) else None

    def mouseReleaseEvent(self, event) -> None:
        bar = self.bar_at(event.position().y())
        if bar is not None and event.button() == Qt.MouseButton.LeftButton:
            self.unitClicked.emit(bar.unit)
        super().mouseReleaseEvent(event)

    def paintEvent(self, event) -> None:
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        metrics = painter.fontMetrics()
        width = max(40, self.width() - LABEL_WIDTH - 90)
        for i, bar in enumerate(self._bars):
            top = ROW_GAP + i * (BAR_HEIGHT + ROW_GAP)
            label = metrics.elidedText(bar.unit, Qt.TextElideMode.ElideMiddle, LABEL_WIDTH - 8)
            painter.setPen(self.palette().windowText().color())
            painter.drawText(QRectF(0, top, LABEL_WIDTH - 8, BAR_HEIGHT),
                             Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter, label)
            painter.setPen(Qt.PenStyle.NoPen)
            painter.setBrush(OPEN_COLOUR)
            painter.drawRoundedRect(QRectF(LABEL_WIDTH, top, width, BAR_HEIGHT), 3, 3)
            painter.setBrush(DONE_COLOUR)
            painter.drawRoundedRect(QRectF(LABEL_WIDTH, top, width * bar.share, BAR_HEIGHT), 3, 3)
            painter.setPen(self.palette().windowText().color())
            painter.drawText(QRectF(LABEL_WIDTH + width + 8, top, 90, BAR_HEIGHT),
                             Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter,
                             f"{bar.done}/{bar.total}")
        painter.end()
