"""The main window: plans and saved views on the left, the task table in the centre, the selected task on the
right; a welcome page instead while the database holds no plan."""
from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLabel, QMainWindow, QSplitter, QStackedWidget, QTreeView, QVBoxLayout, QWidget

from app.ui.ui_settings import ui_settings

GEOMETRY_KEY = "window/geometry"
STATE_KEY = "window/state"
SPLITTER_KEY = "window/splitter"


class MainWindow(QMainWindow):
    def __init__(self, db_path: Path, parent: QWidget | None = None):
        super().__init__(parent)
        self.db_path = Path(db_path)
        self.setWindowTitle(f"督办台 — {self.db_path.name}")
        self.resize(1400, 860)
        self.left = QTreeView()
        self.centre = QWidget()
        QVBoxLayout(self.centre).addWidget(QLabel("任务表"))
        self.right = QLabel("请选择一项任务")
        self.splitter = QSplitter(Qt.Orientation.Horizontal)
        for pane in (self.left, self.centre, self.right):
            self.splitter.addWidget(pane)
        self.splitter.setSizes([260, 800, 340])
        self.stack = QStackedWidget()
        self.stack.addWidget(self.splitter)
        self.setCentralWidget(self.stack)
        self.restore_layout()

    def restore_layout(self) -> None:
        s = ui_settings()
        if s.value(GEOMETRY_KEY) is not None:
            self.restoreGeometry(s.value(GEOMETRY_KEY))
        if s.value(STATE_KEY) is not None:
            self.restoreState(s.value(STATE_KEY))
        if s.value(SPLITTER_KEY) is not None:
            self.splitter.restoreState(s.value(SPLITTER_KEY))

    def save_layout(self) -> None:
        s = ui_settings()
        s.setValue(GEOMETRY_KEY, self.saveGeometry())
        s.setValue(STATE_KEY, self.saveState())
        s.setValue(SPLITTER_KEY, self.splitter.saveState())
        s.sync()

    def closeEvent(self, event) -> None:
        self.save_layout()
        super().closeEvent(event)
