"""The busy mark: a small turning sign and what is being done, in the status bar, with a busy cursor."""
from __future__ import annotations

from PySide6 import QtCore
from PySide6.QtCore import QTimer
from PySide6.QtGui import QCursor, QGuiApplication
from PySide6.QtWidgets import QLabel, QWidget

FRAMES = "◐◓◑◒"
FRAME_MS = 120


class BusyMark(QLabel):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._label = ""
        self._frame = 0
        self._cursor_set = False
        self._timer = QTimer(self, interval=FRAME_MS)
        self._timer.timeout.connect(self._turn)
        self.hide()

    @property
    def active(self) -> bool:
        return self._timer.isActive()

    def set_busy(self, busy: bool, label: str = "", *, cursor: bool = True) -> None:
        """`cursor=False`: the mark without the busy cursor (before the window's first paint: the cursor needs Qt's
        `Qt` namespace, ~40 ms of PySide6 enum classes; the runner's busy signal sets it right after)."""
        if busy:
            self._label = label or "正在处理"
            self._frame = 0
            self._paint()
            self.show()
            self._timer.start()
            if cursor and not self._cursor_set:
                QGuiApplication.setOverrideCursor(QCursor(QtCore.Qt.CursorShape.BusyCursor))
                self._cursor_set = True
        else:
            self._timer.stop()
            self.hide()
            self.clear()
            if self._cursor_set:
                QGuiApplication.restoreOverrideCursor()
                self._cursor_set = False

    def _turn(self) -> None:
        self._frame = (self._frame + 1) % len(FRAMES)
        self._paint()

    def _paint(self) -> None:
        self.setText(f"{FRAMES[self._frame]} {self._label}…")
