"""The plan choosers every dialog shares. A plan is chosen by the name the plans tree gives it, place first
(呼和浩特 · 关于贯彻落实《…》的实施方案: several cities' plans often share a title), with the full title as the
tooltip — in a drop-down (`PlanChooser`) or, where several plans may be chosen, a list of check boxes
(`PlanChecklist`). Loaded after the window's first paint (its dialogs and the filter bar come later), so Qt's
namespace is used as usual here."""
from __future__ import annotations

from collections.abc import Collection, Iterable, Sequence
from dataclasses import dataclass
from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QComboBox, QListWidget, QListWidgetItem, QWidget

EVERY_PLAN = 0  # a chooser's data for its "every plan" entry: never None (see app/ui/filter_bar.py's ALL)


@dataclass(frozen=True)
class PlanChoice:
    """A plan as a chooser offers it: its id, the tree's label (place first) and its full title."""

    id: int
    label: str
    title: str


def plan_choices(plans: Iterable[Any]) -> list[PlanChoice]:
    """The choices for plans as app.ops.plans.list_plans gives them, named as in the plans tree."""
    from app.ui.side_tree import plan_node  # after the first paint: the tree module uses Qt's namespace

    nodes = [plan_node(p) for p in plans]
    return [PlanChoice(node.id, node.label, node.title) for node in nodes]


def store_plan_choices(store: Any) -> list[PlanChoice]:
    """Every plan of the database open in the window, as a chooser offers it ([] while none is open)."""
    from app.ops.plans import list_plans

    return plan_choices(list_plans(store)) if store is not None else []


class PlanChooser(QComboBox):
    """One plan (or, with `every`, all of them), by the tree's label; the full title in the tooltip."""

    def __init__(self, plans: Sequence[PlanChoice] = (), plan_id: int | None = None, *, every: str | None = None,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.every = every
        self._titles: dict[int, str] = {}
        self.set_plans(plans)
        self.choose(plan_id)

    def set_plans(self, plans: Sequence[PlanChoice]) -> None:
        """Replace the plans, keeping the one chosen when it is still there (quietly: no signal)."""
        tooltip = Qt.ItemDataRole.ToolTipRole
        current = self.plan_id()
        self.blockSignals(True)
        self.clear()
        if self.every is not None:
            self.addItem(self.every, EVERY_PLAN)
            self.setItemData(0, self.every, tooltip)
        for plan in plans:
            self.addItem(plan.label, plan.id)
            self.setItemData(self.count() - 1, plan.title, tooltip)
        self._titles = {plan.id: plan.title for plan in plans}
        if self.count():
            self.setCurrentIndex(max(self.findData(current), 0) if current is not None else 0)
        self.blockSignals(False)

    def choose(self, plan_id: int | None) -> bool:
        """Choose the plan `plan_id` (None: the first entry); False when it is not listed (nothing changes)."""
        row = self.findData(plan_id) if plan_id is not None else 0
        if row < 0:
            return False
        if self.count():
            self.setCurrentIndex(row)
        return True

    def plan_id(self) -> int | None:
        """The plan chosen; None for "every plan" or when there is no plan."""
        return (int(self.currentData()) or None) if self.count() else None

    def plan_title(self) -> str:
        """The chosen plan's full title ('' for every plan or none)."""
        plan_id = self.plan_id()
        return self._titles.get(plan_id, "") if plan_id is not None else ""


PLAN_ROLE = Qt.ItemDataRole.UserRole + 1  # a checklist item's (id, full title)


class PlanChecklist(QListWidget):
    """Several plans, each a check box named as in the tree (full title in the tooltip); `checked()` gives the
    ticked ones as (id, full title)."""

    def __init__(self, plans: Sequence[PlanChoice], checked: Collection[int], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        for plan in plans:
            item = QListWidgetItem(plan.label, self)
            item.setFlags(item.flags() | Qt.ItemFlag.ItemIsUserCheckable)
            item.setCheckState(Qt.CheckState.Checked if plan.id in checked else Qt.CheckState.Unchecked)
            item.setData(PLAN_ROLE, (plan.id, plan.title))
            item.setToolTip(plan.title)

    def checked(self) -> list[tuple[int, str]]:
        return [self.item(i).data(PLAN_ROLE) for i in range(self.count())
                if self.item(i).checkState() == Qt.CheckState.Checked]
