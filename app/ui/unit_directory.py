"""The unit directory: canonical units with their spellings, merge (undo splits them again), 本单位, and which
collective entries (各市人民政府…) include 本单位. Every change goes through app.ops and the window's undo stack."""
from __future__ import annotations

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt, Signal
from PySide6.QtGui import QUndoStack
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHBoxLayout,
    QHeaderView,
    QInputDialog,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from app.errors import UserError
from app.ops import units as unit_ops
from app.ui.crash import show_user_error
from app.ui.screen_fit import fit_to_screen
from app.ui.undo import CreateCommand, ReplaceCommand

HEADERS = ("单位", "地区", "其他写法", "任务数", "本单位", "类别")
UNIT_ROLE = Qt.ItemDataRole.UserRole + 1


class UnitTableModel(QAbstractTableModel):
    def __init__(self, units: list, parent=None) -> None:
        super().__init__(parent)
        self.units = list(units)

    def set_units(self, units: list) -> None:
        self.beginResetModel()
        self.units = list(units)
        self.endResetModel()

    def rowCount(self, parent: QModelIndex | QPersistentModelIndex = QModelIndex()) -> int:
        return 0 if parent.isValid() else len(self.units)

    def columnCount(self, parent: QModelIndex | QPersistentModelIndex = QModelIndex()) -> int:
        return 0 if parent.isValid() else len(HEADERS)

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole):
        if role == Qt.ItemDataRole.DisplayRole and orientation == Qt.Orientation.Horizontal and 0 <= section < len(HEADERS):
            return HEADERS[section]
        return None

    def data(self, index: QModelIndex | QPersistentModelIndex, role: int = Qt.ItemDataRole.DisplayRole):
        if not index.isValid():
            return None
        u = self.units[index.row()]
        if role == UNIT_ROLE:
            return u
        if role not in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole):
            return None
        others = [s for s in u.spellings if s != u.name]
        return (u.name, u.jurisdiction or "全国", "、".join(others), u.task_count, "★" if u.is_own else "",
                "群组" if u.is_group else "单位")[index.column()]

    def flags(self, index: QModelIndex | QPersistentModelIndex) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        return Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable


class UnitDirectory(QWidget):
    changed = Signal()

    def __init__(self, store, undo_stack: QUndoStack, parent: QWidget | None = None) -> None:
        super().__init__(parent, Qt.WindowType.Window)
        self.setWindowTitle("单位目录")
        fit_to_screen(self, 1000, 640)
        self.store, self.undo_stack = store, undo_stack
        self.model = UnitTableModel(unit_ops.list_units(store), self)
        self.table = QTableView()
        self.table.setModel(self.model)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.ExtendedSelection)  # several: 批量督办's scope
        self.table.horizontalHeader().setSectionResizeMode(0, QHeaderView.ResizeMode.ResizeToContents)
        self.table.horizontalHeader().setStretchLastSection(True)
        self.table.setColumnWidth(2, 260)
        buttons = QHBoxLayout()
        for text, slot in (("设为本单位", self.mark_own), ("合并到…", self.choose_merge_target),
                           ("本单位属于此群组", self.include_own_in_group)):
            button = QPushButton(text)
            button.clicked.connect(slot)
            buttons.addWidget(button)
        buttons.addStretch()
        self.suggestions = QListWidget()
        self.suggestions.itemDoubleClicked.connect(self._merge_suggestion)
        layout = QVBoxLayout(self)
        layout.addWidget(self.table, 3)
        layout.addLayout(buttons)
        layout.addWidget(QLabel("可能是同一单位（双击合并，左边并入右边；合并后可用“撤销”拆开）："))
        layout.addWidget(self.suggestions, 1)
        self.reload()

    def reload(self) -> None:
        self.model.set_units(unit_ops.list_units(self.store))
        self.suggestions.clear()
        for a, b, score in unit_ops.suggest_merges(self.store):
            item = QListWidgetItem(f"{a.name}  →  {b.name}（相似度 {score:.0f}）", self.suggestions)
            item.setData(Qt.ItemDataRole.UserRole, (a.id, b.id))

    def selected_unit(self):
        index = self.table.currentIndex()
        return index.data(UNIT_ROLE) if index.isValid() else None

    def selected_unit_ids(self) -> tuple[int, ...]:
        """The units whose rows are selected (批量督办 can be limited to them)."""
        return tuple(index.data(UNIT_ROLE).id for index in self.table.selectionModel().selectedRows())

    def _after(self) -> None:
        self.reload()
        self.changed.emit()

    def merge(self, source_id: int, target_id: int) -> bool:
        try:
            result = unit_ops.merge_units(self.store, source_id, target_id)
        except UserError as exc:
            show_user_error(self, exc)
            return False
        self.undo_stack.push(CreateCommand(
            "合并单位", lambda: unit_ops.merge_units(self.store, source_id, target_id),
            lambda r: unit_ops.unmerge(self.store, r), result, after=self._after))
        return True

    def choose_merge_target(self) -> None:
        unit = self.selected_unit()
        if unit is None:
            return
        others = [u for u in self.model.units if u.id != unit.id]
        name, ok = QInputDialog.getItem(self, "合并单位", f"把“{unit.name}”并入：", [u.name for u in others], 0, False)
        if ok:
            target = next(u for u in others if u.name == name)
            self.merge(unit.id, target.id)

    def _merge_suggestion(self, item: QListWidgetItem) -> None:
        self.merge(*item.data(Qt.ItemDataRole.UserRole))

    def mark_own(self) -> bool:
        unit = self.selected_unit()
        if unit is None:
            return False
        previous = unit_ops.set_own_unit_id(self.store, unit.id)
        self.undo_stack.push(ReplaceCommand(
            "设为本单位", lambda uid: unit_ops.set_own_unit_id(self.store, uid), unit.id, previous, after=self._after))
        return True

    def include_own_in_group(self) -> bool:
        unit = self.selected_unit()
        own = unit_ops.own_unit_id(self.store)
        if unit is None or not unit.is_group or own is None:
            show_user_error(self, UserError("请先设定本单位，再选择一个群组（如“各市人民政府”）。"))
            return False

        def declare(included: bool) -> bool:
            unit_ops.declare_group_member(self.store, unit.id, own, included=included)
            return not included

        declare(True)
        self.undo_stack.push(ReplaceCommand("本单位属于群组", declare, True, False, after=self._after))
        return True
