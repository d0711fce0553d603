"""The dashboard: tasks by light, the next deadlines, completion per unit; each is a way into the filtered table."""
from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QDialog,
    QGridLayout,
    QGroupBox,
    QHBoxLayout,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

from app.ui.bar_chart import UnitBar, UnitCompletionChart
from app.ui.lights import LIGHT_ORDER, light_colour, light_label


@dataclass(frozen=True)
class UpcomingTask:
    task_id: int
    label: str
    due: date | None


@dataclass(frozen=True)
class DashboardData:
    light_counts: dict[str, int]
    upcoming: list[UpcomingTask]
    units: list[UnitBar]


class Dashboard(QDialog):
    lightClicked = Signal(str)
    taskClicked = Signal(int)
    unitClicked = Signal(str)

    def __init__(self, data: DashboardData, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle("督办概览")
        self.resize(980, 700)
        self.light_buttons: dict[str, QPushButton] = {}
        counts_box = QGroupBox("按状态")
        counts = QHBoxLayout(counts_box)
        for light in LIGHT_ORDER:
            n = data.light_counts.get(light, 0)
            button = QPushButton(f"{light_label(light)}\n{n}")
            button.setMinimumHeight(64)
            colour = light_colour(light).name()
            button.setStyleSheet(
                f"QPushButton {{ border: 2px solid {colour}; border-radius: 6px; font-size: 14pt; }}"
                f"QPushButton:hover {{ background: {colour}; color: white; }}"
            )
            button.clicked.connect(lambda _=False, l=light: self._light(l))
            self.light_buttons[light] = button
            counts.addWidget(button)
        upcoming_box = QGroupBox("即将到期")
        self.upcoming = QListWidget()
        for task in data.upcoming:
            due = task.due.isoformat() if task.due else ""
            item = QListWidgetItem(f"{due}  {task.label}", self.upcoming)
            item.setData(Qt.ItemDataRole.UserRole, task.task_id)
        self.upcoming.itemActivated.connect(self._task)
        self.upcoming.itemClicked.connect(self._task)
        QVBoxLayout(upcoming_box).addWidget(self.upcoming)
        chart_box = QGroupBox("各单位完成情况（已完成 / 承担任务）")
        self.chart = UnitCompletionChart()
        self.chart.set_bars(data.units)
        self.chart.unitClicked.connect(self._unit)
        scroll = QScrollArea(widgetResizable=True)
        scroll.setWidget(self.chart)
        QVBoxLayout(chart_box).addWidget(scroll)
        grid = QGridLayout(self)
        grid.addWidget(counts_box, 0, 0, 1, 2)
        grid.addWidget(upcoming_box, 1, 0)
        grid.addWidget(chart_box, 1, 1)
        grid.setColumnStretch(1, 2)

    def _light(self, light: str) -> None:
        self.lightClicked.emit(light)
        self.accept()

    def _task(self, item: QListWidgetItem) -> None:
        self.taskClicked.emit(item.data(Qt.ItemDataRole.UserRole))
        self.accept()

    def _unit(self, unit: str) -> None:
        self.unitClicked.emit(unit)
        self.accept()
