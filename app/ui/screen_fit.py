"""Windows and dialogs sized for the screen they open on: every one fits a 1366×768 office screen (1366×728 once
the taskbar has its 40 pixels), and uses more room on a larger screen only up to the size it asks for."""
from __future__ import annotations

from PySide6.QtCore import QSize
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QWidget

SMALL_SCREEN = QSize(1366, 728)  # the smallest free screen area the program is laid out for
FRAME = QSize(16, 40)  # what a window manager adds around a window: borders and the title bar


def available_size(widget: QWidget | None = None) -> QSize:
    """The free area (without taskbars) of the screen the widget is on, else of the primary screen. Qt's offscreen
    platform (tests, `--screenshot` without a display) has no real screen, only an 800×800 stand-in: windows
    drawn there are sized as on the office screen."""
    if QGuiApplication.platformName() == "offscreen":
        return QSize(SMALL_SCREEN)
    screen = widget.screen() if widget is not None else None
    screen = screen or QGuiApplication.primaryScreen()
    return screen.availableGeometry().size() if screen is not None else SMALL_SCREEN


def fit_to_screen(widget: QWidget, width: int, height: int) -> QSize:
    """Resize a window to width×height, or smaller so that it fits, with its frame, on its screen's free area."""
    room = available_size(widget) - FRAME
    size = QSize(min(width, room.width()), min(height, room.height()))
    widget.resize(size)
    return size
