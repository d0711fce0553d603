"""The task table as a spreadsheet user expects it: resizable, movable columns, multi-select, keyboard
navigation, Ctrl+C as tab-separated rows, and a right-click menu (进展, 延期, 办结 / 重新打开, notice, source text).

Columns size to their content (up to each column's maximum) and, when they do not all fit, the wide ones give
way in a set order (任务 first, 责任单位 last) so every column stays on screen; a cell's full text is its
tooltip. Once the user drags a column's edge, the widths are theirs. An empty table says why, over the table."""
from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import Signal
from PySide6.QtGui import QGuiApplication, QKeySequence, QStandardItemModel
from PySide6.QtWidgets import QAbstractItemView, QLabel, QMenu, QTableView

from app.ui.task_columns import COL_REF, COL_STATUS, COLUMNS
from app.ui.tsv import rows_to_tsv

if TYPE_CHECKING:
    from app.ui.task_model import TaskTableModel

# Before the first paint this module stays clear of PySide's `Qt` namespace (its first use builds ~95 enum classes,
# ~25 ms) and of `viewport()` (PySide resolving the viewport's type loads ~70 widget classes, ~15 ms): the frame
# with the empty table is what the user waits for. Both are used only once the rows' model is in (`setModel`).


FIT_ROWS = 200  # the rows measured when fitting the columns (the first pages: what the user sees first)


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
        self.setAlternatingRowColors(True)
        self.setWordWrap(False)
        self.verticalHeader().setDefaultSectionSize(26)
        self.verticalHeader().setVisible(False)
        header = self.horizontalHeader()
        header.setSectionsMovable(True)  # (sections resize interactively: the header's default)
        header.setStretchLastSection(True)
        header.sectionResized.connect(self._section_resized)
        self.user_sized = False  # the user dragged a column: no more automatic widths
        self._fitting = False
        self.empty_label: QLabel | None = None  # made when there is first something to say (`set_empty_text`)
        self._empty_text = ""
        self._rows: TaskTableModel | None = None  # the rows' model, once given (`setModel`)
        # Until then the header's titles come from a plain Qt model (no Python on the way to the first paint);
        # the header keeps its sections, widths and saved order when the rows' model, as wide, replaces it.
        titles = QStandardItemModel(0, len(COLUMNS), self)
        titles.setHorizontalHeaderLabels([column.header for column in COLUMNS])
        super().setModel(titles)
        self._fitting = True  # the widths before any row: not the user's
        for i, column in enumerate(COLUMNS):
            self.setColumnWidth(i, column.width)
        self._fitting = False

    def setModel(self, model: TaskTableModel) -> None:  # noqa: N802 (Qt's name)
        from PySide6.QtCore import Qt

        super().setModel(model)
        self._rows = model
        # Sorting is the store's job: the header only tells the model which column and which way. A saved
        # layout (restored into the header before) brings its own order; otherwise plan order.
        header = self.horizontalHeader()
        if not header.isSortIndicatorShown():
            header.setSortIndicator(COL_REF, Qt.SortOrder.AscendingOrder)
            header.setSortIndicatorShown(True)
        self.setSortingEnabled(True)  # sorts the model by the header's indicator
        self.selectionModel().currentRowChanged.connect(self._on_current_row)
        model.modelReset.connect(self._after_reset)
        model.rowsInserted.connect(self._place_empty_label)

    # --- widths -----------------------------------------------------------------------------------
    def _section_resized(self, index: int, _old: int, _new: int) -> None:
        # The last column stretches with the table (Qt resizes it): only another column's change is the user's.
        if not self._fitting and index != self._last_visual_column():
            self.user_sized = True

    def _last_visual_column(self) -> int:
        header = self.horizontalHeader()
        return header.logicalIndex(header.count() - 1)

    def _after_reset(self) -> None:
        self._place_empty_label()
        if not self.user_sized:
            self.fit_columns()

    def fit_columns(self) -> None:
        """Each column as wide as its header and loaded cells need, up to its maximum; if that is wider than
        the table, the columns that give way shrink (in their order) down to their minimum or header's width."""
        header = self.horizontalHeader()
        count = len(COLUMNS)
        floors = [max(header.sectionSizeFromContents(i).width(), 48) for i in range(count)]
        needs = self.content_widths()
        wanted = [max(floors[i], min(needs[i], COLUMNS[i].max_width)) for i in range(count)]
        excess = sum(wanted) - max(self.viewport().width(), 1)
        for i in sorted((i for i in range(count) if COLUMNS[i].give_way), key=lambda i: COLUMNS[i].give_way):
            if excess <= 0:
                break
            cut = min(excess, wanted[i] - max(floors[i], COLUMNS[i].min_width))
            if cut > 0:
                wanted[i] -= cut
                excess -= cut
        self._fitting = True
        try:
            for i, width in enumerate(wanted):
                self.setColumnWidth(i, width)
        finally:
            self._fitting = False

    def content_widths(self) -> list[int]:
        """Per column, the width its loaded cells' text needs. Measured on the text itself (about 2 ms for a page):
        Qt's sizeHintForColumn asks the delegate for every cell, about 180 ms a page, too slow for every search."""
        model = self.model()
        metrics = self.fontMetrics()
        from PySide6.QtWidgets import QStyle

        padding = 2 * self.style().pixelMetric(QStyle.PixelMetric.PM_FocusFrameHMargin, None, self) + 10
        rows = [model.row_object(r) for r in range(min(model.rowCount(), FIT_ROWS))]
        widths = []
        for i, column in enumerate(COLUMNS):
            texts = {str(column.value(row) or "") for row in rows}
            widest = max((metrics.horizontalAdvance(text) for text in texts), default=0)
            widths.append(widest + padding + (self.iconSize().width() + 14 if i == COL_STATUS else 0))
        return widths

    def resizeEvent(self, event) -> None:  # noqa: N802 (Qt's name)
        super().resizeEvent(event)
        self._place_empty_label()
        if not self.user_sized and self._rows is not None and event.oldSize().width() != event.size().width():
            self.fit_columns()

    # --- empty results ----------------------------------------------------------------------------
    def set_empty_text(self, text: str) -> None:
        """What to say over the table while it has no row ('' for nothing)."""
        self._empty_text = text
        self._place_empty_label()

    def empty_text_shown(self) -> str:
        return self.empty_label.text() if self.empty_label is not None and self.empty_label.isVisible() else ""

    def _place_empty_label(self, *_args) -> None:
        if self.empty_label is None:
            if not self._empty_text:
                return
            self.empty_label = self._make_empty_label()
        show = bool(self._empty_text) and self.model().rowCount() == 0
        self.empty_label.setText(self._empty_text if show else "")
        self.empty_label.setGeometry(self.viewport().rect().adjusted(24, 24, -24, -24))
        self.empty_label.setVisible(show)

    def _make_empty_label(self) -> QLabel:
        from PySide6.QtCore import Qt

        label = QLabel(self.viewport())
        label.setAlignment(Qt.AlignmentFlag.AlignCenter)
        label.setWordWrap(True)
        label.setAttribute(Qt.WidgetAttribute.WA_TransparentForMouseEvents)
        label.setStyleSheet("color: #5f6368; font-size: 12pt; background: transparent;")
        return label

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
        rows = [[COLUMNS[c].header for c in order]]
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
        from app.domain.status import DONE

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
