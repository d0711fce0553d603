"""The task table's model: ids and rows fetched on demand, sorted and filtered by the store (SQL), never by Qt.

The model knows only two callables, `count(filter)` and `fetch(filter, order_by, descending, offset, limit)`,
so it works (and is tested) without a database; the main window binds them to app.ops. Rows are cached a page at a time, at most
`MAX_PAGES` pages, so scrolling through 100,000 tasks touches only what is on screen.
"""
from __future__ import annotations

from collections import OrderedDict
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt

from app.domain.task_filter import TaskFilter
from app.ui.lights import light_icon, light_label

PAGE_SIZE = 200
MAX_PAGES = 40

ROW_ROLE = Qt.ItemDataRole.UserRole + 1  # the row object
ID_ROLE = Qt.ItemDataRole.UserRole + 2  # the task id
SORT_ROLE = Qt.ItemDataRole.UserRole + 3  # the raw value the column sorts by


@dataclass(frozen=True)
class Column:
    header: str
    value: Callable[[Any], Any]  # what the cell shows
    sort_key: str | None  # the store's name for ordering by this column (None: not sortable)
    width: int = 120


def _join(units: Sequence[str] | None) -> str:
    return "、".join(units or ())


def _due_text(row: Any) -> str:
    return row.deadline_text or (row.due.isoformat() if row.due else "")


COLUMNS: tuple[Column, ...] = (
    Column("编号", lambda r: r.ref_label, "ref", 90),
    Column("任务", lambda r: r.title, "title", 235),
    Column("牵头单位", lambda r: _join(r.lead), "lead", 140),
    Column("责任单位", lambda r: _join(r.responsible), None, 150),
    Column("完成时限", _due_text, "due", 110),
    Column("状态", lambda r: r.status, "light", 90),
    Column("最新进展", lambda r: r.latest_progress or "", "latest_progress", 240),
)
COL_REF, COL_TITLE, COL_LEAD, COL_RESPONSIBLE, COL_DUE, COL_STATUS, COL_LATEST = range(len(COLUMNS))


CountFn = Callable[[TaskFilter], int]
FetchFn = Callable[[TaskFilter, str, bool, int, int], list[Any]]  # filter, order_by, descending, offset, limit


class TaskTableModel(QAbstractTableModel):
    def __init__(self, count: CountFn, fetch: FetchFn, parent=None) -> None:
        super().__init__(parent)
        self._count_fn, self._fetch_fn = count, fetch
        self._filter = TaskFilter()
        self.order_by = "light"  # red first: what the office must see first thing in the morning
        self.descending = False
        self._rows = 0
        self._pages: OrderedDict[int, list[Any]] = OrderedDict()

    # --- the selection and its order ------------------------------------------------------------
    def task_filter(self) -> TaskFilter:
        return self._filter

    def set_filter(self, task_filter: TaskFilter) -> None:
        """Show another selection: one COUNT now, rows when the view asks for them."""
        self.beginResetModel()
        self._filter = task_filter
        self._pages.clear()
        self._rows = self._count_fn(task_filter)
        self.endResetModel()

    def reload(self) -> None:
        self.set_filter(self._filter)

    def sort(self, column: int, order: Qt.SortOrder = Qt.SortOrder.AscendingOrder) -> None:
        key = COLUMNS[column].sort_key if 0 <= column < len(COLUMNS) else None
        if key is None:
            return
        descending = order == Qt.SortOrder.DescendingOrder
        if key == self.order_by and descending == self.descending:
            return
        # Every row moves: a reset is honest and cheap here (the count is unchanged, pages refetch lazily).
        self.beginResetModel()
        self.order_by, self.descending = key, descending
        self._pages.clear()
        self.endResetModel()

    # --- rows on demand --------------------------------------------------------------------------
    def _page(self, number: int) -> list[Any]:
        page = self._pages.get(number)
        if page is None:
            page = self._fetch_fn(self._filter, self.order_by, self.descending, number * PAGE_SIZE, PAGE_SIZE)
            self._pages[number] = page
            while len(self._pages) > MAX_PAGES:
                self._pages.popitem(last=False)
        else:
            self._pages.move_to_end(number)
        return page

    def row_object(self, row: int) -> Any | None:
        if not 0 <= row < self._rows:
            return None
        page = self._page(row // PAGE_SIZE)
        offset = row % PAGE_SIZE
        return page[offset] if offset < len(page) else None

    def task_id(self, row: int) -> int | None:
        obj = self.row_object(row)
        return obj.id if obj is not None else None

    def row_of_task(self, task_id: int) -> int | None:
        """The row of a task among the pages already fetched (a task off screen needs no refresh)."""
        for number, page in self._pages.items():
            for offset, obj in enumerate(page):
                if obj.id == task_id:
                    return number * PAGE_SIZE + offset
        return None

    def refresh_task(self, task_id: int, fresh_row: Any | None) -> None:
        """Replace one cached row after an edit and repaint just that row (no reset, selection kept)."""
        row = self.row_of_task(task_id)
        if row is None or fresh_row is None:
            return
        self._pages[row // PAGE_SIZE][row % PAGE_SIZE] = fresh_row
        self.dataChanged.emit(self.index(row, 0), self.index(row, len(COLUMNS) - 1))

    # --- Qt's model interface --------------------------------------------------------------------
    def rowCount(self, parent: QModelIndex | QPersistentModelIndex = QModelIndex()) -> int:
        return 0 if parent.isValid() else self._rows

    def columnCount(self, parent: QModelIndex | QPersistentModelIndex = QModelIndex()) -> int:
        return 0 if parent.isValid() else len(COLUMNS)

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole):
        if role != Qt.ItemDataRole.DisplayRole:
            return None
        if orientation == Qt.Orientation.Horizontal:
            return COLUMNS[section].header if 0 <= section < len(COLUMNS) else None
        return str(section + 1)

    def data(self, index: QModelIndex | QPersistentModelIndex, role: int = Qt.ItemDataRole.DisplayRole):
        if not index.isValid():
            return None
        obj = self.row_object(index.row())
        if obj is None:
            return None
        column = index.column()
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole):
            if column == COL_STATUS:
                return obj.status or light_label(obj.light)
            return COLUMNS[column].value(obj)
        if role == Qt.ItemDataRole.DecorationRole and column == COL_STATUS:
            return light_icon(obj.light)
        if role == ROW_ROLE:
            return obj
        if role == ID_ROLE:
            return obj.id
        if role == SORT_ROLE:
            return COLUMNS[column].value(obj)
        return None

    def flags(self, index: QModelIndex | QPersistentModelIndex) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        return Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable
