"""The left pane: saved views (本单位任务, 已逾期, 30日内到期, 持续推进, 全部任务) and the plans as a tree,
a plan under the plan it implements. Choosing an item emits the base filter for the table."""
from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta

from PySide6.QtCore import QModelIndex, Qt, Signal
from PySide6.QtGui import QStandardItem, QStandardItemModel
from PySide6.QtWidgets import QAbstractItemView, QTreeView

from app.ui.lights import light_icon
from app.domain.task_filter import TaskFilter

FILTER_ROLE = Qt.ItemDataRole.UserRole + 10
DUE_SOON_DAYS = 30


@dataclass(frozen=True)
class PlanNode:
    id: int
    title: str
    parent_id: int | None
    task_count: int = 0


def saved_views(today: date) -> list[tuple[str, str | None, TaskFilter]]:
    """(label, light for the icon, filter): the views an office opens every morning."""
    return [
        ("本单位任务", None, TaskFilter(own_unit=True)),
        ("已逾期", "red", TaskFilter(lights=("red",))),
        ("30日内到期", "yellow", TaskFilter(due_from=today, due_to=today + timedelta(days=DUE_SOON_DAYS))),
        ("持续推进", "blue", TaskFilter(lights=("blue",))),
        ("全部任务", None, TaskFilter()),
    ]


def plan_items(plans: list[PlanNode]) -> list[QStandardItem]:
    """Top-level items for the plans, each child plan placed under its parent (an unknown parent: top level)."""
    items = {}
    for p in plans:
        item = QStandardItem(f"{p.title}（{p.task_count}）" if p.task_count else p.title)
        item.setToolTip(p.title)
        item.setEditable(False)
        item.setData(TaskFilter(plan_id=p.id), FILTER_ROLE)
        items[p.id] = item
    roots = []
    for p in plans:
        parent = items.get(p.parent_id) if p.parent_id != p.id else None
        (parent.appendRow(items[p.id]) if parent is not None else roots.append(items[p.id]))
    return roots


class SideTree(QTreeView):
    viewChosen = Signal(object)  # TaskFilter

    def __init__(self, today: date, parent=None) -> None:
        super().__init__(parent)
        self.today = today
        self.setHeaderHidden(True)
        self.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.setModel(QStandardItemModel(self))
        self.views_root = QStandardItem("常用视图")
        self.plans_root = QStandardItem("方案")
        for root in (self.views_root, self.plans_root):
            root.setEditable(False)
            root.setSelectable(False)
            root.setData(False, FILTER_ROLE)  # never an empty QVariant: see filter_bar.ALL
            self.model().appendRow(root)
        for label, light, query in saved_views(today):
            item = QStandardItem(light_icon(light), label) if light else QStandardItem(label)
            item.setEditable(False)
            item.setData(query, FILTER_ROLE)
            self.views_root.appendRow(item)
        self.selectionModel().currentChanged.connect(self._chosen)
        self.expandAll()

    def set_plans(self, plans: list[PlanNode]) -> None:
        self.plans_root.removeRows(0, self.plans_root.rowCount())
        for item in plan_items(plans):
            self.plans_root.appendRow(item)
        self.expandAll()

    def select_view(self, label: str) -> None:
        for row in range(self.views_root.rowCount()):
            item = self.views_root.child(row)
            if item.text() == label:
                self.setCurrentIndex(item.index())
                return

    def forget_view(self) -> None:
        """No saved view is current (the table shows another selection): choosing any view again takes effect."""
        self.setCurrentIndex(QModelIndex())
        self.clearSelection()

    def _chosen(self, current, _previous) -> None:
        chosen = current.data(FILTER_ROLE) if current.isValid() else False
        if chosen:
            self.viewChosen.emit(chosen)
