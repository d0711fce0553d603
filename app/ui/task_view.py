"""The task table as a spreadsheet user expects it: resizable, movable columns, multi-select, keyboard
navigation, Ctrl+C as tab-separated rows, and a right-click menu (进展, 延期, 办结 / 重新打开, notice, source text)."""
from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QGuiApplication, QKeySequence
from PySide6.QtWidgets import QAbstractItemView, QHeaderView, QMenu, QTableView

from app.domain.status import DONE
from app.ui.task_model import COL_REF, COLUMNS, TaskTableModel
from app.ui.tsv import rows_to_tsv


class TaskTableView(QTableView):
    addProgressRequested = Signal(int)
    extendRequested = Signal(int)
    doneRequested = Signal(int)
    reopenRequested = Signal(int)
    noticeRequested = Signal(list)  # task ids
    sourceRequested = Signal(int)
    currentTaskChanged = Signal(object)  # task id or None

    def __init__(self, parent=None) -> None:
        super().__init__(parent)
        self.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.setSelectionMode(QAbstractItemView.SelectionMode.ExtendedSelection)
        self.setSortingEnabled(True)
        self.setAlternatingRowColors(True)
        self.setWordWrap(False)
        self.setContextMenuPolicy(Qt.ContextMenuPolicy.DefaultContextMenu)
        self.verticalHeader().setDefaultSectionSize(26)
        self.verticalHeader().setVisible(False)
        header = self.horizontalHeader()
        header.setSectionsMovable(True)
        header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        header.setStretchLastSection(True)
        header.setSortIndicatorShown(True)

    def setModel(self, model: TaskTableModel) -> None:  # noqa: N802 (Qt's name)
        super().setModel(model)
        for i, column in enumerate(COLUMNS):
            self.setColumnWidth(i, column.width)
        # Sorting is the store's job: the header only tells the model which column and which way.
        self.horizontalHeader().setSortIndicator(COL_REF, Qt.SortOrder.AscendingOrder)
        self.selectionModel().currentRowChanged.connect(self._on_current_row)

    def _on_current_row(self, current, _previous) -> None:
        # The model is asked directly (not through QModelIndex.data): see filter_bar.ALL on PySide6's empty QVariant.
        self.currentTaskChanged.emit(self.model().task_id(current.row()) if current.isValid() else None)

    def selected_rows(self) -> list[int]:
        return sorted({i.row() for i in self.selectionModel().selectedRows()})

    def selected_task_ids(self) -> list[int]:
        model = self.model()
        return [model.task_id(r) for r in self.selected_rows()]

    def selection_as_tsv(self) -> str:
        """The selected rows, columns in the order the user arranged them, with a header row."""
        header = self.horizontalHeader()
        model = self.model()
        order = [header.logicalIndex(v) for v in range(header.count()) if not header.isSectionHidden(header.logicalIndex(v))]
        rows = [[model.headerData(c, Qt.Orientation.Horizontal) for c in order]]
        rows += [[model.data(model.index(r, c)) for c in order] for r in self.selected_rows()]
        return rows_to_tsv(rows)

    def copy_selection(self) -> None:
        if self.selected_rows():
            QGuiApplication.clipboard().setText(self.selection_as_tsv())

    def keyPressEvent(self, event) -> None:
        # QTableView's own Ctrl+C copies one cell; the users expect whole rows they can paste into Excel.
        if event.matches(QKeySequence.StandardKey.Copy):
            self.copy_selection()
            event.accept()
            return
        super().keyPressEvent(event)

    def contextMenuEvent(self, event) -> None:
        index = self.indexAt(event.pos())
        if not index.isValid():
            return
        if index.row() not in self.selected_rows():
            self.selectRow(index.row())
        self.context_menu(self.model().task_id(index.row())).popup(event.globalPos())

    def context_menu(self, task_id: int) -> QMenu:
        menu = QMenu(self)
        menu.addAction("添加进展…", lambda: self.addProgressRequested.emit(task_id))
        menu.addAction("延期…", lambda: self.extendRequested.emit(task_id))
        row = self.model().row_of_task(task_id)
        if row is not None and self.model().row_object(row).progress_state == DONE:
            menu.addAction("重新打开", lambda: self.reopenRequested.emit(task_id))
        else:
            menu.addAction("办结…", lambda: self.doneRequested.emit(task_id))
        menu.addAction("生成督办通知…", lambda: self.noticeRequested.emit(self.selected_task_ids()))
        menu.addAction("查看方案原文", lambda: self.sourceRequested.emit(task_id))
        menu.addSeparator()
        menu.addAction("复制选中行", self.copy_selection)
        return menu
