"""The task table's model: rows fetched on demand, sorted and filtered by the store (SQL), never by Qt.

The model knows only two callables, `count(filter)` and `fetch(filter, order_by, descending, offset, limit)`,
so it works (and is tested) without a database; the main window binds them to app.ops. A new filter or order
loads one page; Qt's fetchMore loads the next as the user scrolls (so typing in the search box over 100,000
tasks costs one page query, not a count and a sort of everything). The total is counted only when asked for
(the status bar), once per filter.
"""
from __future__ import annotations

from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt

from app.domain.task_filter import TaskFilter
from app.ui.lights import light_icon
from app.ui.task_columns import COL_STATUS, COLUMNS, tooltip_text

PAGE_SIZE = 100  # three screens of rows: the first paint needs no more

ROW_ROLE = Qt.ItemDataRole.UserRole + 1  # the row object
ID_ROLE = Qt.ItemDataRole.UserRole + 2  # the task id
SORT_ROLE = Qt.ItemDataRole.UserRole + 3  # the raw value the column sorts by


CountFn = Callable[[TaskFilter], int]
FetchFn = Callable[[TaskFilter, str, bool, int, int], list[Any]]  # filter, order_by, descending, offset, limit


class TaskTableModel(QAbstractTableModel):
    def __init__(self, count: CountFn, fetch: FetchFn, parent=None) -> None:
        super().__init__(parent)
        self._count_fn, self._fetch_fn = count, fetch
        self._filter = TaskFilter()
        # Plan order: the store serves its first page from an index. Red-first (a click on 状态) has to judge
        # every match before the first row: ~100 ms over 100,000 tasks, too slow to redo on every keystroke.
        self.order_by = "ref"
        self.descending = False
        self._loaded: list[Any] = []
        self._exhausted = True
        self._total: int | None = None

    # --- the selection and its order ------------------------------------------------------------
    def task_filter(self) -> TaskFilter:
        return self._filter

    def set_filter(self, task_filter: TaskFilter, *, first_page: list[Any] | None = None) -> None:
        """Show another selection: its first page now (or the one fetched already, in plan order), the rest as
        the view scrolls."""
        self.beginResetModel()
        self._filter = task_filter
        self._total = None
        if first_page is not None and self.order_by == "ref" and not self.descending:
            self._loaded = list(first_page)
            self._exhausted = len(self._loaded) < PAGE_SIZE
        else:
            self._load_first_page()
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
        # Every row moves: a reset is honest here (the view asks again for what it shows).
        self.beginResetModel()
        self.order_by, self.descending = key, descending
        self._load_first_page()
        self.endResetModel()

    def total_count(self) -> int:
        """All tasks the filter selects (one COUNT in the store, remembered until the filter changes)."""
        if self._total is None:
            self._total = len(self._loaded) if self._exhausted else self._count_fn(self._filter)
        return self._total

    def known_total(self) -> int | None:
        """The total if it needs no query (counted already, or every match is loaded), else None."""
        if self._total is None and self._exhausted:
            self._total = len(self._loaded)
        return self._total

    def set_total(self, task_filter: TaskFilter, total: int) -> bool:
        """A total counted elsewhere (off the interface thread); ignored if the selection changed meanwhile."""
        if task_filter != self._filter:
            return False
        self._total = total
        return True

    # --- rows on demand --------------------------------------------------------------------------
    def _page(self, offset: int) -> list[Any]:
        return self._fetch_fn(self._filter, self.order_by, self.descending, offset, PAGE_SIZE)

    def _load_first_page(self) -> None:
        self._loaded = list(self._page(0))
        self._exhausted = len(self._loaded) < PAGE_SIZE

    def canFetchMore(self, parent: QModelIndex | QPersistentModelIndex = QModelIndex()) -> bool:
        return not parent.isValid() and not self._exhausted

    def fetchMore(self, parent: QModelIndex | QPersistentModelIndex = QModelIndex()) -> None:
        if parent.isValid() or self._exhausted:
            return
        page = self._page(len(self._loaded))
        self._exhausted = len(page) < PAGE_SIZE
        if page:
            first = len(self._loaded)
            self.beginInsertRows(QModelIndex(), first, first + len(page) - 1)
            self._loaded.extend(page)
            self.endInsertRows()

    def row_object(self, row: int) -> Any | None:
        return self._loaded[row] if 0 <= row < len(self._loaded) else None

    def task_id(self, row: int) -> int | None:
        obj = self.row_object(row)
        return obj.id if obj is not None else None

    def row_of_task(self, task_id: int) -> int | None:
        """The row of a task among those loaded (a task not loaded yet needs no repaint)."""
        return next((i for i, obj in enumerate(self._loaded) if obj.id == task_id), None)

    def find_task(self, task_id: int) -> int | None:
        """The row of a task, loading further pages until it is found or the rows run out."""
        row = self.row_of_task(task_id)
        while row is None and self.canFetchMore():
            loaded = len(self._loaded)
            self.fetchMore()
            row = next((i for i in range(loaded, len(self._loaded)) if self._loaded[i].id == task_id), None)
        return row

    def refresh_task(self, task_id: int, fresh_row: Any | None) -> None:
        """Replace one row after an edit and repaint just that row (no reset, selection kept)."""
        row = self.row_of_task(task_id)
        if row is None or fresh_row is None:
            return
        self._loaded[row] = fresh_row
        self.dataChanged.emit(self.index(row, 0), self.index(row, len(COLUMNS) - 1))

    # --- Qt's model interface --------------------------------------------------------------------
    def rowCount(self, parent: QModelIndex | QPersistentModelIndex = QModelIndex()) -> int:
        return 0 if parent.isValid() else len(self._loaded)

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
        if role == Qt.ItemDataRole.DisplayRole:
            return obj.status if column == COL_STATUS else COLUMNS[column].value(obj)
        if role == Qt.ItemDataRole.ToolTipRole:
            return tooltip_text(obj.status if column == COL_STATUS else COLUMNS[column].value(obj))
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
