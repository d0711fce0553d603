"""The left pane: saved views (本单位任务, 已逾期, 30日内到期, 持续推进, 全部任务) and the plans as a tree,
a plan under the plan it implements. Choosing an item emits the base filter for the table (the filter bar
shows it in its boxes).

Plans are named place first (呼和浩特 · 关于贯彻落实《…》的实施方案): several cities' plans often share a title.
A name too long for the pane is elided in the middle, so the place and the end of the title both stay; the
full title is the tooltip."""
from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date, timedelta
from typing import Any

from PySide6.QtCore import QModelIndex, Qt, Signal
from PySide6.QtGui import QStandardItem, QStandardItemModel
from PySide6.QtWidgets import QAbstractItemView, QTreeView

from app.domain.task_filter import TaskFilter
from app.domain.units import level_of
from app.ui.lights import light_icon

FILTER_ROLE = Qt.ItemDataRole.UserRole + 10
DUE_SOON_DAYS = 30


# What follows a place's name in an issuing body's name (国务院办公厅 → 国务院; 沧州市人民政府 → 沧州市).
_ISSUER_BODY = re.compile(r"(?:人民政府办公厅|人民政府办公室|人民政府|政府办公厅|政府办公室|政府|办公厅|办公室)$")
# An autonomous region's people, between its short name and 自治区 (新疆维吾尔自治区 → 新疆).
_PEOPLE = re.compile(r"(?:维吾尔|壮族|回族)$")
PLACE_MARK = " · "


@dataclass(frozen=True)
class PlanNode:
    id: int
    title: str
    parent_id: int | None
    task_count: int = 0
    issuer: str | None = None
    jurisdiction: str = ""

    @property
    def label(self) -> str:
        return plan_label(self.title, self.jurisdiction, self.issuer)


def plan_node(plan: Any) -> PlanNode:
    """The tree's node for a plan as app.ops.plans.list_plans gives it (a plan with no title: its file's name)."""
    return PlanNode(plan.id, plan.title or plan.source, plan.parent_id, plan.task_count, plan.issuer,
                    plan.jurisdiction)


def short_place(jurisdiction: str, issuer: str | None = None) -> str:
    """The place a plan speaks for, as people say it: 呼和浩特市 → 呼和浩特, 新疆维吾尔自治区 → 新疆; a national
    plan (no jurisdiction) by its issuer: 国务院办公厅 → 国务院. '' when neither says."""
    if jurisdiction:
        level = level_of(jurisdiction)
        short = _PEOPLE.sub("", jurisdiction[:-len(level)]) if level else jurisdiction
        return short if len(short) >= 2 else jurisdiction
    if issuer:
        return _ISSUER_BODY.sub("", issuer.strip()) or issuer.strip()
    return ""


def plan_label(title: str, jurisdiction: str = "", issuer: str | None = None) -> str:
    """A plan's name with its place first: "呼和浩特 · 关于贯彻落实《…》的实施方案". A title that starts with
    the place already (内蒙古自治区贯彻落实…) loses that start, so every plan reads the same way."""
    place = short_place(jurisdiction, issuer)
    if not place:
        return title
    rest = title
    for prefix in (jurisdiction, place):
        if prefix and rest.startswith(prefix) and len(rest) > len(prefix):
            rest = rest[len(prefix):]
            break
    return f"{place}{PLACE_MARK}{rest}"


THIRTY_DAYS = "30日内到期"


def saved_views(today: date) -> list[tuple[str, str | None, TaskFilter]]:
    """(label, light for the icon, filter): the views an office opens every morning."""
    return [
        ("本单位任务", None, TaskFilter(own_unit=True)),
        ("已逾期", "red", TaskFilter(lights=("red",))),
        (THIRTY_DAYS, "yellow", TaskFilter(due_from=today, due_to=today + timedelta(days=DUE_SOON_DAYS))),
        ("持续推进", "blue", TaskFilter(lights=("blue",))),
        ("全部任务", None, TaskFilter()),
    ]


def plan_items(plans: list[PlanNode]) -> list[QStandardItem]:
    """Top-level items for the plans, each child plan placed under its parent (an unknown parent: top level)."""
    items = {}
    for p in plans:
        item = QStandardItem(f"{p.label}（{p.task_count}）" if p.task_count else p.label)
        item.setToolTip("\n".join(part for part in (
            p.title, p.issuer and f"发文机关：{p.issuer}", p.task_count and f"{p.task_count} 项任务") if part))
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
        self.setTextElideMode(Qt.TextElideMode.ElideMiddle)  # the place (start) and the title's end both stay
        self.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.setIndentation(14)  # three levels deep (方案 → national plan → local plan): room for the names
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
        self.clicked.connect(self._clicked_again)
        self._chose_on_press = False
        self.expandAll()

    def set_today(self, today: date) -> None:
        """The as-of date moved: views that count from it (30日内到期) count from the new date; the one chosen,
        if it is such a view, is chosen again."""
        self.today = today
        filters = {label: query for label, _light, query in saved_views(today)}
        for row in range(self.views_root.rowCount()):
            item = self.views_root.child(row)
            if item.data(FILTER_ROLE) != filters[item.text()]:
                item.setData(filters[item.text()], FILTER_ROLE)
                if self.currentIndex() == item.index():
                    self.viewChosen.emit(filters[item.text()])

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
        self._chose_on_press = True
        chosen = current.data(FILTER_ROLE) if current.isValid() else False
        if chosen:
            self.viewChosen.emit(chosen)

    def mousePressEvent(self, event) -> None:  # noqa: N802 (Qt's name)
        self._chose_on_press = False
        super().mousePressEvent(event)

    def _clicked_again(self, index: QModelIndex) -> None:
        """A click on the view already chosen (after the filter boxes were changed) shows that view again."""
        if not self._chose_on_press:
            self._chosen(index, None)
