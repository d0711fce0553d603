"""通知登记簿: every notice ever numbered (voided ones too: a number is never given again), filtered by kind and
state and searched by number, unit, plan or task; 打开 PDF, 预览, 重新打印, 作废 (with a reason) and 重新生成
(the PDF written again from the register, its content as issued). Rendering and printing run on the window's
database runner; refusals show in the window's message line (no modal box)."""
from __future__ import annotations

from pathlib import Path
from typing import Any

from PySide6.QtCore import (
    QAbstractTableModel,
    QModelIndex,
    QPersistentModelIndex,
    QSortFilterProxyModel,
    Qt,
    QUrl,
    Signal,
)
from PySide6.QtGui import QDesktopServices
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QDialog,
    QHBoxLayout,
    QHeaderView,
    QInputDialog,
    QLabel,
    QLineEdit,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from app.errors import UserError
from app.ops import notices as notice_ops
from app.ops.notices import RegisterEntry
from app.ui.pdf_preview import PdfPreviewDialog
from app.ui.print_dialog import MessageLine, PrintDialog, error_text, notices_folder, open_print_dialog
from app.ui.runner import DbRunner
from app.ui.screen_fit import fit_to_screen

COLUMNS = ("编号", "种类", "发往单位 / 方案", "任务数", "发文日期", "反馈期限", "状态")
ALL = "全部"
VALID, VOIDED = "有效", "作废"
ENTRY_ROLE = Qt.ItemDataRole.UserRole + 1
SORT_ROLE = Qt.ItemDataRole.UserRole + 2  # 编号 in the order issued, 任务数 as a number
Index = QModelIndex | QPersistentModelIndex


def _cell(entry: RegisterEntry, column: int) -> str:
    target = entry.unit or (f"《{entry.plan}》" if entry.plan else "")
    return (entry.number, entry.kind, target, str(len(entry.tasks)), entry.issued_on, entry.reply_by or "—",
            VOIDED if entry.voided else VALID)[column]


class RegisterTableModel(QAbstractTableModel):
    def __init__(self, entries: list[RegisterEntry], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.entries = list(entries)

    def set_entries(self, entries: list[RegisterEntry]) -> None:
        self.beginResetModel()
        self.entries = list(entries)
        self.endResetModel()

    def rowCount(self, parent: Index = QModelIndex()) -> int:
        return 0 if parent.isValid() else len(self.entries)

    def columnCount(self, parent: Index = QModelIndex()) -> int:
        return 0 if parent.isValid() else len(COLUMNS)

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid():
            return None
        entry = self.entries[index.row()]
        if role == Qt.ItemDataRole.DisplayRole:
            return _cell(entry, index.column())
        if role == ENTRY_ROLE:
            return entry
        if role == SORT_ROLE:
            return {0: entry.id, 3: len(entry.tasks)}.get(index.column(), _cell(entry, index.column()))
        if role == Qt.ItemDataRole.ToolTipRole:
            lines = [_cell(entry, index.column())]
            if entry.voided:
                lines.append(f"作废原因：{entry.voided_reason or '（未写明）'}")
            lines += entry.tasks[:12] + ([f"等 {len(entry.tasks)} 项"] if len(entry.tasks) > 12 else [])
            if entry.file_path:
                lines.append(f"文件：{entry.file_path}")
            return "\n".join(lines)
        if role == Qt.ItemDataRole.ForegroundRole and entry.voided:
            return Qt.GlobalColor.gray
        return None

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if role == Qt.ItemDataRole.DisplayRole and orientation == Qt.Orientation.Horizontal:
            return COLUMNS[section]
        return None


class RegisterFilter(QSortFilterProxyModel):
    """Kind, state and a search text over number, unit, plan and the tasks' titles."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.kind, self.state, self.text = ALL, ALL, ""

    def set_filter(self, kind: str, state: str, text: str) -> None:
        self.beginFilterChange()
        self.kind, self.state, self.text = kind, state, text.strip()
        self.endFilterChange(QSortFilterProxyModel.Direction.Rows)

    def filterAcceptsRow(self, row: int, parent: Index) -> bool:
        entry: RegisterEntry = self.sourceModel().index(row, 0, parent).data(ENTRY_ROLE)
        if self.kind != ALL and entry.kind != self.kind:
            return False
        if self.state != ALL and (VOIDED if entry.voided else VALID) != self.state:
            return False
        if not self.text:
            return True
        haystack = " ".join([entry.number, entry.unit or "", entry.plan or "", *entry.tasks])
        return all(word in haystack for word in self.text.split())


class NoticeRegisterWindow(QDialog):
    changed = Signal()  # a notice voided or re-created

    def __init__(self, store: Any, runner: DbRunner, parent: QWidget | None = None) -> None:
        super().__init__(parent, Qt.WindowType.Window)
        self.setWindowTitle("通知登记簿")
        fit_to_screen(self, 1180, 640)
        self.store, self.runner = store, runner
        self.model = RegisterTableModel([], self)
        self.proxy = RegisterFilter(self)
        self.proxy.setSourceModel(self.model)
        self.proxy.setSortRole(SORT_ROLE)
        self.table = QTableView()
        self.table.setModel(self.proxy)
        self.table.setSortingEnabled(True)
        self.table.sortByColumn(0, Qt.SortOrder.DescendingOrder)  # the newest first
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.verticalHeader().setVisible(False)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(COLUMNS.index("发往单位 / 方案"), QHeaderView.ResizeMode.Stretch)
        self.table.doubleClicked.connect(lambda _index: self.open_preview())
        self.kind = QComboBox()
        self.kind.addItems([ALL, "督办", "催办", "通报"])
        self.state = QComboBox()
        self.state.addItems([ALL, VALID, VOIDED])
        self.search = QLineEdit(placeholderText="搜索编号、单位、方案或任务")
        self.search.setClearButtonEnabled(True)
        for signal in (self.kind.currentIndexChanged, self.state.currentIndexChanged, self.search.textChanged):
            signal.connect(self._filter)
        filters = QHBoxLayout()
        filters.addWidget(QLabel("种类"))
        filters.addWidget(self.kind)
        filters.addWidget(QLabel("状态"))
        filters.addWidget(self.state)
        filters.addWidget(self.search, 1)
        buttons = QHBoxLayout()
        for text, slot in (("预览", self.open_preview), ("打开 PDF", self.open_pdf), ("重新打印…", self.reprint),
                           ("作废…", self.void_selected), ("重新生成", self.regenerate), ("刷新", self.refresh)):
            button = QPushButton(text)
            button.clicked.connect(lambda _checked=False, s=slot: s())
            buttons.addWidget(button)
        buttons.addStretch()
        self.count = QLabel()
        buttons.addWidget(self.count)
        self.message = MessageLine()
        layout = QVBoxLayout(self)
        layout.addLayout(filters)
        layout.addWidget(self.table, 1)
        layout.addWidget(self.message)
        layout.addLayout(buttons)
        self.preview_dialog: PdfPreviewDialog | None = None
        self.print_dialog: PrintDialog | None = None
        self.refresh()

    # --- listing ----------------------------------------------------------------------------------
    def refresh(self) -> None:
        chosen = self.selected_entry()
        self.model.set_entries(notice_ops.list_register(self.store))
        self._filter()
        if chosen is not None:
            self.select_number(chosen.number)

    def _filter(self) -> None:
        self.proxy.set_filter(self.kind.currentText(), self.state.currentText(), self.search.text())
        shown, total = self.proxy.rowCount(), self.model.rowCount()
        self.count.setText(f"显示 {shown} / 共 {total} 份" if total else "登记簿是空的：还没有生成过通知。")
        if total and not shown:
            self.count.setText(f"没有符合条件的通知（共 {total} 份）")

    def select_number(self, number: str) -> bool:
        for row in range(self.proxy.rowCount()):
            if self.proxy.index(row, 0).data() == number:
                self.table.selectRow(row)
                return True
        return False

    def selected_entry(self) -> RegisterEntry | None:
        rows = self.table.selectionModel().selectedRows() if self.table.selectionModel() else []
        return rows[0].data(ENTRY_ROLE) if rows else None

    def _chosen(self) -> RegisterEntry | None:
        entry = self.selected_entry()
        if entry is None:
            self.message.error("请先在登记簿中选中一份通知。")
        return entry

    # --- files ------------------------------------------------------------------------------------
    def _file_of(self, entry: RegisterEntry) -> Path:
        return Path(entry.file_path) if entry.file_path else notices_folder() / f"{entry.number}.pdf"

    def _with_file(self, entry: RegisterEntry, then: Any) -> None:
        """Call `then(path)` with the notice's PDF, re-created from the register first if it has gone."""
        path = self._file_of(entry)
        if path.is_file():
            then(path)
            return
        self.message.note(f"文件已不在，正在按登记内容重新生成：{path}")
        self.runner.run(lambda store: notice_ops.recreate_notice(store, entry.number, path),
                        label="正在重新生成通知", done=then, failed=self._failed)

    def open_preview(self) -> None:
        entry = self._chosen()
        if entry is not None:
            self._with_file(entry, lambda path: self._show_preview(entry, path))

    def _show_preview(self, entry: RegisterEntry, path: Path) -> None:
        state = f"（已作废：{entry.voided_reason}）" if entry.voided else ""
        self.preview_dialog = PdfPreviewDialog(path, f"通知 {entry.number}", f"{entry.number}{state}　{path}",
                                               self.runner, self)
        self.preview_dialog.show()

    def open_pdf(self) -> None:
        entry = self._chosen()
        if entry is not None:
            self._with_file(entry, lambda path: QDesktopServices.openUrl(QUrl.fromLocalFile(str(path))))

    def reprint(self) -> None:
        entry = self._chosen()
        if entry is not None:
            self._with_file(entry, self._print)

    def _print(self, path: Path) -> None:
        self.print_dialog = open_print_dialog(self, [path], self.runner, notices_folder())

    def regenerate(self) -> int | None:
        """重新生成: the PDF written again from the register, its content as issued, where it was written."""
        entry = self._chosen()
        if entry is None:
            return None
        path = self._file_of(entry)
        self.message.note(f"正在重新生成 {entry.number}…")
        return self.runner.run(lambda store: notice_ops.recreate_notice(store, entry.number, path),
                               label="正在重新生成通知", done=lambda p: self._regenerated(entry, p),
                               failed=self._failed)

    def _regenerated(self, entry: RegisterEntry, path: Path) -> None:
        self.message.note(f"已重新生成 {entry.number}：{path}")
        self.refresh()
        self.changed.emit()

    # --- voiding ----------------------------------------------------------------------------------
    def void_selected(self, reason: str | None = None) -> bool:
        """作废 the selected notice; the reason is asked for unless given."""
        entry = self._chosen()
        if entry is None:
            return False
        if reason is None:
            reason, ok = QInputDialog.getText(self, "作废通知", f"作废 {entry.number} 的原因：")
            if not ok:
                return False
        try:
            voided = notice_ops.void_notice(self.store, entry.number, reason)
        except UserError as exc:
            self.message.error(exc.message)
            return False
        self.message.note(f"已作废 {voided.number}（{voided.voided_reason}）：编号保留，不再使用。")
        self.refresh()
        self.select_number(voided.number)
        self.changed.emit()
        return True

    def _failed(self, exc: BaseException) -> None:
        self.message.error(error_text(exc))
