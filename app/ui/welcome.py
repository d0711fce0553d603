"""The first page on an empty database: import a plan file, or load the five sample plans to look around."""
from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QBoxLayout, QHBoxLayout, QLabel, QPushButton, QVBoxLayout, QWidget

# Centred by stretches and a style sheet rather than Qt.AlignmentFlag: the page is made before the window's first
# paint, which does without Qt's `Qt` namespace (~40 ms of PySide6 enum classes, app/ui/application.py).
CENTRED_TEXT = "qproperty-alignment: AlignCenter;"


def add_centred(layout: QBoxLayout, widget: QWidget) -> None:
    """`widget` at its own width in the middle of a row of `layout`."""
    row = QHBoxLayout()
    row.addStretch()
    row.addWidget(widget)
    row.addStretch()
    layout.addLayout(row)


class WelcomePage(QWidget):
    importRequested = Signal()
    samplesRequested = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        title = QLabel("欢迎使用督办台")
        title.setStyleSheet("font-size: 24pt; font-weight: bold;")
        text = QLabel(
            "数据库中还没有任何方案。\n"
            "导入一份实施方案（txt、docx、pdf、xlsx），程序会分解出任务、牵头单位、责任单位和完成时限；\n"
            "也可以先载入示例数据看看效果。"
        )
        text.setStyleSheet(CENTRED_TEXT)
        self.import_button = QPushButton("导入方案文件…")
        self.samples_button = QPushButton("载入示例数据")
        for button in (self.import_button, self.samples_button):
            button.setMinimumSize(220, 44)
        self.import_button.clicked.connect(self.importRequested)
        self.samples_button.clicked.connect(self.samplesRequested)
        layout = QVBoxLayout(self)
        layout.addStretch(2)
        for widget in (title, text, self.import_button, self.samples_button):
            add_centred(layout, widget)
            layout.addSpacing(12)
        layout.addStretch(3)
