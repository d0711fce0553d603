"""Search box and filters above the task table. Typing is throttled (one query per pause, not per key) and
every change becomes a new `TaskFilter` for the store to carry out.

What the side tree's view (本单位任务, 已逾期, 30日内到期, a plan…) or a click in the overview selects is shown in
these boxes (`set_base`), so the user sees why the table holds what it holds and can change any part of it. The
status box takes several statuses at once (逾期 + 临期): a button whose menu has one checkable entry per light."""
from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace
from datetime import date, timedelta

from PySide6.QtCore import Qt, QTimer, Signal
from PySide6.QtGui import QAction, QMouseEvent
from PySide6.QtWidgets import (
    QCheckBox, QComboBox, QHBoxLayout, QLabel, QLineEdit, QMenu, QToolButton, QVBoxLayout, QWidget,
)

from app.ui.fields import date_field, day_of, set_day
from app.ui.plan_choosers import PlanChoice, PlanChooser
from app.ui.lights import LIGHT_ORDER, light_icon, light_label
from app.domain.task_filter import TaskFilter

SEARCH_PAUSE_MS = 150  # long enough to skip the keys of a word, short enough to feel instant
# "No filter" items carry "" (or plan 0: app.ui.plan_choosers.EVERY_PLAN), never None: PySide6 6.12 hands an empty
# QVariant back to Python as a None it does not own (each read drops None's reference count by one; enough of
# them crash the program).
ALL = ""
OWN_UNIT = "〈本单位〉"  # the unit box's entry for 本单位 (no unit is called so: the brackets are not a name's)
DEFAULT_RANGE_DAYS = 90


class StickyMenu(QMenu):
    """A menu that stays open while checkable entries are ticked (choosing 逾期 then 临期 is one visit)."""

    def mouseReleaseEvent(self, event: QMouseEvent) -> None:  # noqa: N802 (Qt's name)
        action = self.activeAction()
        if action is not None and action.isCheckable() and action.isEnabled():
            action.trigger()
            return
        super().mouseReleaseEvent(event)


class StatusPicker(QToolButton):
    """状态: any number of lights at once; none ticked means every status."""

    changed = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setPopupMode(QToolButton.ToolButtonPopupMode.InstantPopup)
        self.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextBesideIcon)
        menu = StickyMenu(self)
        self.all_action = menu.addAction("全部状态", self.clear)
        menu.addSeparator()
        self.actions_by_light: dict[str, QAction] = {}
        for light in LIGHT_ORDER:
            action = menu.addAction(light_icon(light), light_label(light))
            action.setCheckable(True)
            action.toggled.connect(self._toggled)
            self.actions_by_light[light] = action
        self.setMenu(menu)
        self.setMinimumWidth(130)
        self._show_choice()

    def lights(self) -> tuple[str, ...]:
        """The ticked lights, most urgent first (the domain's order)."""
        return tuple(light for light, action in self.actions_by_light.items() if action.isChecked())

    def set_lights(self, lights: tuple[str, ...] | list[str], *, quiet: bool = False) -> None:
        for light, action in self.actions_by_light.items():
            action.blockSignals(True)
            action.setChecked(light in lights)
            action.blockSignals(False)
        self._show_choice()
        if not quiet:
            self.changed.emit()

    def clear(self) -> None:
        self.set_lights(())

    def _toggled(self, _on: bool) -> None:
        self._show_choice()
        self.changed.emit()

    def _show_choice(self) -> None:
        lights = self.lights()
        text = "、".join(light_label(light) for light in lights) or "全部状态"
        self.setText(text)
        self.setIcon(light_icon(lights[0]) if len(lights) == 1 else light_icon(None))
        self.setToolTip("状态（可多选）：" + text)


class FilterBar(QWidget):
    filterChanged = Signal(object)  # TaskFilter

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._base = TaskFilter()
        self.search = QLineEdit(placeholderText="搜索任务内容、编号或单位…", clearButtonEnabled=True)
        self.unit = QComboBox(minimumContentsLength=12, editable=True)
        self.unit.setInsertPolicy(QComboBox.InsertPolicy.NoInsert)
        self.status = StatusPicker()
        self.plan = PlanChooser(every="全部方案")  # named as in the plans tree, the full title in the tooltip
        self.plan.setMinimumContentsLength(14)
        self.use_range = QCheckBox("时限")
        self._as_of = date.today()
        self.due_from = date_field(self._as_of)
        self.due_to = date_field(self._as_of + timedelta(days=DEFAULT_RANGE_DAYS))
        self._range_toggled_quietly(False)
        self.search.setMinimumWidth(240)
        # Two rows: the search box and unit on top (used most), the narrower filters below.
        top, bottom = QHBoxLayout(), QHBoxLayout()
        top.addWidget(self.search, 3)
        top.addWidget(QLabel("单位"))
        top.addWidget(self.unit, 2)
        bottom.addWidget(QLabel("状态"))
        bottom.addWidget(self.status)
        bottom.addWidget(QLabel("方案"))
        bottom.addWidget(self.plan, 1)
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
        self.status.changed.connect(self._emit)
        self.plan.currentIndexChanged.connect(self._emit)
        self.use_range.toggled.connect(self._range_toggled)
        self.due_from.dateChanged.connect(self._emit)
        self.due_to.dateChanged.connect(self._emit)
        self.set_units([])

    def set_units(self, units: list[str]) -> None:
        current = self.unit.currentData()
        self.unit.blockSignals(True)
        self.unit.clear()
        for text, data in [("全部单位", ALL), ("本单位", OWN_UNIT)] + [(u, u) for u in units]:
            self.unit.addItem(text, data)
            self.unit.setItemData(self.unit.count() - 1, text, Qt.ItemDataRole.ToolTipRole)  # a long name in full
        self.unit.setCurrentIndex(max(self.unit.findData(current), 0))
        self.unit.blockSignals(False)

    def set_plans(self, plans: Sequence[PlanChoice]) -> None:
        """The plans, as the tree names them; the plan chosen stays chosen while it is listed."""
        self.plan.set_plans(plans)

    def set_base(self, base: TaskFilter) -> None:
        """Show a view (本单位, 已逾期, a plan, a light clicked in the overview…) in the boxes, replacing what they
        said before (the search text stays: it narrows any view). What no box can show stays as the base."""
        for widget in (self.unit, self.plan, self.use_range, self.due_from, self.due_to):
            widget.blockSignals(True)
        self.unit.setCurrentIndex(self.unit.findData(OWN_UNIT) if base.own_unit else 0)
        if base.unit and not base.own_unit:
            self.select_unit(base.unit)
        plan_row = self.plan.findData(base.plan_id) if base.plan_id else 0
        self.plan.setCurrentIndex(max(plan_row, 0))
        self.status.set_lights(base.lights, quiet=True)
        ranged = base.due_from is not None or base.due_to is not None
        self.use_range.setChecked(ranged)
        self._range_toggled_quietly(ranged)
        if ranged:
            start = base.due_from or base.due_to or self._as_of
            self._set_range(start, base.due_to or start + timedelta(days=DEFAULT_RANGE_DAYS))
        for widget in (self.unit, self.plan, self.use_range, self.due_from, self.due_to):
            widget.blockSignals(False)
        # A plan not listed yet (the window still opening) stays in the base.
        self._base = replace(base, own_unit=False, unit=None, lights=(), due_from=None, due_to=None,
                             plan_id=base.plan_id if plan_row < 0 else None)
        self._emit()

    def set_as_of(self, as_of: date) -> None:
        """The window's as-of date (截至日期): where an unused date range starts."""
        self._as_of = as_of
        if not self.use_range.isChecked():
            self._set_range(as_of, as_of + timedelta(days=DEFAULT_RANGE_DAYS))

    def _set_range(self, start: date, end: date) -> None:
        set_day(self.due_from, start)
        set_day(self.due_to, end)

    def _range_toggled_quietly(self, on: bool) -> None:
        self.due_from.setEnabled(on)
        self.due_to.setEnabled(on)

    def select_unit(self, unit: str) -> None:
        index = self.unit.findData(unit)
        if index < 0:
            self.unit.addItem(unit, unit)
            index = self.unit.count() - 1
        self.unit.setCurrentIndex(index)

    def _range_toggled(self, on: bool) -> None:
        self._range_toggled_quietly(on)
        self._emit()

    def _unit_value(self) -> str | None:
        """The unit chosen from the list, or typed in any spelling (the store resolves spellings)."""
        text = self.unit.currentText().strip()
        if text == self.unit.itemText(self.unit.currentIndex()):
            return self.unit.currentData() or None
        return text or None

    def current_filter(self) -> TaskFilter:
        """The saved view's filter narrowed by what the bar says (the bar wins where both speak)."""
        base, unit, lights, ranged = self._base, self._unit_value(), self.status.lights(), self.use_range.isChecked()
        own = unit == OWN_UNIT
        return replace(base, text=self.search.text().strip() or None, own_unit=own or base.own_unit,
                       unit=unit if unit and not own else base.unit, lights=lights or base.lights,
                       plan_id=self.plan.currentData() or base.plan_id,
                       due_from=day_of(self.due_from) if ranged else base.due_from,
                       due_to=day_of(self.due_to) if ranged else base.due_to)

    def flush(self) -> None:
        """Apply a pending search at once (tests, Enter key)."""
        if self._timer.isActive():
            self._timer.stop()
        self._emit()

    def _emit(self, *_args) -> None:
        self.filterChanged.emit(self.current_filter())
