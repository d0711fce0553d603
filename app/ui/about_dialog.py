"""帮助 → 关于督办台: the version and the licences of the bundled fonts and libraries (`duban about`'s text)."""
from __future__ import annotations

from typing import Any

from PySide6.QtWidgets import QDialog, QDialogButtonBox, QPlainTextEdit, QVBoxLayout


def show_about(window: Any) -> QDialog:
    from app.about import about_text

    dialog = QDialog(window)
    dialog.setWindowTitle("关于督办台")
    dialog.resize(560, 480)  # fits a 1366×768 screen; the library list scrolls
    text = QPlainTextEdit(about_text(), readOnly=True)
    buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
    buttons.rejected.connect(dialog.reject)
    layout = QVBoxLayout(dialog)
    layout.addWidget(text)
    layout.addWidget(buttons)
    dialog.open()
    window.about_dialog = dialog
    return dialog
