"""A task's paragraph as the plan printed it, with its responsibility note highlighted."""
from __future__ import annotations

from PySide6.QtWidgets import QDialog, QDialogButtonBox, QLabel, QPlainTextEdit, QVBoxLayout

from app.ui.note_highlighter import NoteHighlighter


class SourceDialog(QDialog):
    def __init__(self, detail, parent=None) -> None:
        super().__init__(parent)
        self.setWindowTitle(f"方案原文 — {detail.ref_label}")
        self.resize(640, 420)
        text = QPlainTextEdit(detail.text, readOnly=True)
        self.highlighter = NoteHighlighter(text.document())
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(QLabel(detail.plan_title or ""))
        layout.addWidget(text, 1)
        layout.addWidget(buttons)
