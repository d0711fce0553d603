"""Search box and filters above the task table. Typing is throttled (one query per pause, not per key) and
every change becomes a new `TaskFilter` for the store to carry out."""
from __future__ import annotations

from dataclasses import replace
from datetime import date

from PySide6.QtCore import QDate, QTimer, Signal
from PySide6.QtWidgets import QCheckBox, QComboBox, QDateEdit, QHBoxLayout, QLabel, QLineEdit, QVBoxLayout, QWidget

from app.ui.lights import LIGHT_ORDER, light_icon, light_label
from app.domain.task_filter import TaskFilter

SEARCH_PAUSE_MS = 150  # long enough to skip the keys of a word, short enough to feel instant
# "No filter" items carry "" (or plan 0), never None: PySide6 6.12 hands an empty QVariant back to Python as
# a None it does not own (each read drops None's reference count by one; enough of them crash the program).
ALL = ""
ALL_PLANS = 0


class FilterBar(QWidget):
    filterChanged = Signal(object)  # TaskFilter

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._base = TaskFilter()
        self.search = QLineEdit(placeholderText="搜索任务内容、编号或单位…", clearButtonEnabled=True)
        self.unit = QComboBox(minimumContentsLength=12, editable=True)
        self.unit.setInsertPolicy(QComboBox.InsertPolicy.NoInsert)
        self.light = QComboBox()
        self.light.addItem("全部状态", ALL)
        for light in LIGHT_ORDER:
            self.light.addItem(light_icon(light), light_label(light), light)
        self.plan = QComboBox(minimumContentsLength=14)
        self.use_range = QCheckBox("时限")
        self.due_from = QDateEdit(calendarPopup=True, displayFormat="yyyy-MM-dd", enabled=False)
        self.due_to = QDateEdit(calendarPopup=True, displayFormat="yyyy-MM-dd", enabled=False)
        self.due_from.setDate(QDate.currentDate())
        self.due_to.setDate(QDate.currentDate().addMonths(3))
        self.search.setMinimumWidth(240)
        # Two rows: the search box and unit on top (used most), the narrower filters below.
        top, bottom = QHBoxLayout(), QHBoxLayout()
        top.addWidget(self.search, 3)
        top.addWidget(QLabel("单位"))
        top.addWidget(self.unit, 2)
        for label, widget in (("状态", self.light), ("方案", self.plan)):
            bottom.addWidget(QLabel(label))
            bottom.addWidget(widget, 1)
        for widget in (self.use_range, self.due_from, QLabel("至"), self.due_to):
            bottom.addWidget(widget)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(4)
        layout.addLayout(top)
        layout.addLayout(bottom)
        self._timer = QTimer(self, singleShot=True, interval=SEARCH_PAUSE_MS)
        self._timer.timeout.connect(self._emit)
        self.search.textChanged.connect(self._timer.start)
        self.unit.currentIndexChanged.connect(self._emit)
        self.unit.lineEdit().editingFinished.connect(self._emit)
        for combo in (self.light, self.plan):
            combo.currentIndexChanged.connect(self._emit)
        self.use_range.toggled.connect(self._range_toggled)
        self.due_from.dateChanged.connect(self._emit)
        self.due_to.dateChanged.connect(self._emit)
        self.set_units([])
        self.set_plans([])

    def set_units(self, units: list[str]) -> None:
        self._refill(self.unit, [("全部单位", ALL)] + [(u, u) for u in units])

    def set_plans(self, plans: list[tuple[str, int]]) -> None:
        self._refill(self.plan, [("全部方案", ALL_PLANS)] + plans)

    def _refill(self, combo: QComboBox, items: list[tuple[str, object]]) -> None:
        current = combo.currentData()
        combo.blockSignals(True)
        combo.clear()
        for text, data in items:
            combo.addItem(text, data)
        found = combo.findData(current)
        combo.setCurrentIndex(max(found, 0))
        combo.blockSignals(False)

    def set_base(self, base: TaskFilter) -> None:
        """A saved view (本单位, 已逾期 …) sets the base; the bar's own filters narrow it further."""
        self._base = base
        self._emit()

    def select_unit(self, unit: str) -> None:
        index = self.unit.findData(unit)
        if index < 0:
            self.unit.addItem(unit, unit)
            index = self.unit.count() - 1
        self.unit.setCurrentIndex(index)

    def _range_toggled(self, on: bool) -> None:
        self.due_from.setEnabled(on)
        self.due_to.setEnabled(on)
        self._emit()

    def _unit_value(self) -> str | None:
        """The unit chosen from the list, or typed in any spelling (the store resolves spellings)."""
        text = self.unit.currentText().strip()
        if text == self.unit.itemText(self.unit.currentIndex()):
            return self.unit.currentData() or None
        return text or None

    def current_filter(self) -> TaskFilter:
        """The saved view's filter narrowed by what the bar says (the bar wins where both speak)."""
        base, light, ranged = self._base, self.light.currentData(), self.use_range.isChecked()
        return replace(base, text=self.search.text().strip() or None, unit=self._unit_value() or base.unit,
                       lights=(light,) if light else base.lights, plan_id=self.plan.currentData() or base.plan_id,
                       due_from=_py_date(self.due_from.date()) if ranged else base.due_from,
                       due_to=_py_date(self.due_to.date()) if ranged else base.due_to)

    def flush(self) -> None:
        """Apply a pending search at once (tests, Enter key)."""
        if self._timer.isActive():
            self._timer.stop()
        self._emit()

    def _emit(self, *_args) -> None:
        self.filterChanged.emit(self.current_filter())


def _py_date(d: QDate) -> date:
    return date(d.year(), d.month(), d.day())
