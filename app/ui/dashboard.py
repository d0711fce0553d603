"""The dashboard: tasks by light, the next deadlines, completion per unit; each is a way into the filtered table.

It opens at once, showing 正在统计, and `set_data` fills it when the figures arrive from the database runner."""
from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from PySide6.QtCore import QSize, Qt, Signal
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
from app.ui.lights import LIGHT_ORDER, light_icon, light_label
from app.ui.screen_fit import fit_to_screen


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

    def __init__(self, data: DashboardData | None = None, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle("督办概览")
        fit_to_screen(self, 980, 680)  # fits a 1366×768 screen
        self.light_buttons: dict[str, QPushButton] = {}
        counts_box = QGroupBox("按状态")
        counts = QHBoxLayout(counts_box)
        for light in LIGHT_ORDER:
            button = QPushButton(f"{light_label(light)}\n…")
            button.setMinimumHeight(64)
            # The light's mark as the icon and a large font, no style sheet: style sheets cost about two thirds of
            # the dialog's first paint (measured 45 ms of 60), and the dialog opens while the figures are counted.
            button.setIcon(light_icon(light, 22))
            button.setIconSize(QSize(22, 22))
            font = button.font()
            font.setPointSize(14)
            button.setFont(font)
            button.clicked.connect(lambda _=False, l=light: self._light(l))
            self.light_buttons[light] = button
            counts.addWidget(button)
        upcoming_box = QGroupBox("近期完成时限")  # not 即将到期: 正常推进 tasks are listed too
        self.upcoming = QListWidget()
        QListWidgetItem("正在统计…", self.upcoming).setFlags(Qt.ItemFlag.NoItemFlags)
        self.upcoming.itemActivated.connect(self._task)
        self.upcoming.itemClicked.connect(self._task)
        QVBoxLayout(upcoming_box).addWidget(self.upcoming)
        chart_box = QGroupBox("各单位完成情况（已完成 / 承担任务）")
        self.chart = UnitCompletionChart()
        self.chart.unitClicked.connect(self._unit)
        scroll = QScrollArea(widgetResizable=True)
        scroll.setWidget(self.chart)
        QVBoxLayout(chart_box).addWidget(scroll)
        grid = QGridLayout(self)
        grid.addWidget(counts_box, 0, 0, 1, 2)
        grid.addWidget(upcoming_box, 1, 0)
        grid.addWidget(chart_box, 1, 1)
        grid.setColumnStretch(1, 2)
        self.filled = False
        if data is not None:
            self.set_data(data)

    def set_data(self, data: DashboardData) -> None:
        for light, button in self.light_buttons.items():
            button.setText(f"{light_label(light)}\n{data.light_counts.get(light, 0)}")
        self.upcoming.clear()
        for task in data.upcoming:
            due = task.due.isoformat() if task.due else ""
            item = QListWidgetItem(f"{due}  {task.label}", self.upcoming)
            item.setData(Qt.ItemDataRole.UserRole, task.task_id)
        self.chart.set_bars(data.units)
        self.filled = True

    def _light(self, light: str) -> None:
        self.lightClicked.emit(light)
        self.accept()

    def _task(self, item: QListWidgetItem) -> None:
        if item.data(Qt.ItemDataRole.UserRole) is None:  # the placeholder
            return
        self.taskClicked.emit(item.data(Qt.ItemDataRole.UserRole))
        self.accept()

    def _unit(self, unit: str) -> None:
        self.unitClicked.emit(unit)
        self.accept()
