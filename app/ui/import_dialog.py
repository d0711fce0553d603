"""Import a plan: read it off the interface thread (progress, cancel), then a preview — the source text with its
notes highlighted beside an editable matrix, the reader's warnings and units that look like ones already known.
Nothing is written until the user presses 确认导入; the caller then hands the (edited) matrix to app.ops."""
from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QTextDocument
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPlainTextEdit,
    QProgressDialog,
    QPushButton,
    QSpinBox,
    QSplitter,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from app.domain.matrix import Matrix
from app.ui.matrix_preview_model import MatrixPreviewModel
from app.ui.note_highlighter import NoteHighlighter
from app.ui.screen_fit import fit_to_screen
from app.ui.worker import Worker

_NO_YEAR = 1989  # the year field's "unknown"
PLAN_FILE_FILTER = "方案文件 (*.txt *.docx *.pdf *.xlsx *.json);;所有文件 (*)"


def read_plans_job(paths: list[Path]):
    """The command line's reading (app.ops.plans.read_plans) for the worker: yields progress, returns what it read
    (a document with no text is refused by the reader itself)."""

    def job():
        from app.ops.plans import read_plans

        return (yield from read_plans(paths))

    return job


class ReadProgress(QProgressDialog):
    """Runs `read_plans_job` on the worker; `done([ReadPlan])` or `failed(exc)`; cancel stops it."""

    done = Signal(object)
    failed = Signal(object)

    def __init__(self, worker: Worker, paths: list[Path], parent: QWidget | None = None) -> None:
        super().__init__("正在读取方案…", "取消", 0, 100, parent)
        self.setWindowTitle("导入方案")
        self.setWindowModality(Qt.WindowModality.WindowModal)
        self.setMinimumDuration(300)
        self.setAutoClose(False)
        self.setAutoReset(False)
        self._worker = worker
        self._connections = [
            worker.progress.connect(self._progress),
            worker.finished.connect(self._finished),
            worker.failed.connect(self._failed),
            worker.cancelled.connect(self._closed),
        ]
        self.canceled.connect(worker.cancel)
        worker.start(read_plans_job(paths))

    def _progress(self, percent: int, message: str) -> None:
        self.setValue(percent)
        self.setLabelText(message)

    def _disconnect(self) -> None:
        for c in self._connections:
            self._worker.disconnect(c)
        self._connections = []
        self.close()

    def _finished(self, results) -> None:
        self._disconnect()
        self.done.emit(results)

    def _failed(self, exc) -> None:
        self._disconnect()
        self.failed.emit(exc)

    def _closed(self) -> None:
        self._disconnect()


class ImportPreviewDialog(QDialog):
    """The matrix beside its source; `accepted` means: import `self.matrix` (as edited)."""

    def __init__(self, text: str, matrix: Matrix, similar_units: list[tuple[str, str]] | None = None,
                 parent: QWidget | None = None, *, remaining: int = 0) -> None:
        super().__init__(parent)
        self.import_all = False  # 全部导入: this plan and the `remaining` files read with it, without their previews
        self.setWindowTitle(f"导入预览 — {matrix.source}")
        fit_to_screen(self, 1300, 680)  # fits a 1366×768 screen
        self.matrix = matrix
        self.merge_choices: list[tuple[str, str]] = []
        self._merge_items: list[tuple[QListWidgetItem, tuple[str, str]]] = []
        self.title_edit = QLineEdit(matrix.plan.title or "")
        self.title_edit.setPlaceholderText("方案标题")
        self.source = QPlainTextEdit(text, readOnly=True)
        self.highlighter = NoteHighlighter(self.source.document())
        self.model = MatrixPreviewModel(matrix, self)
        self.table = QTableView()
        self.table.setModel(self.model)
        self.table.setSelectionBehavior(QTableView.SelectionBehavior.SelectRows)
        self.table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        self.table.horizontalHeader().setStretchLastSection(True)
        self.table.setColumnWidth(1, 260)
        self.table.setColumnWidth(2, 160)
        self.table.setColumnWidth(3, 220)
        self.table.selectionModel().currentRowChanged.connect(lambda cur, _prev: self.show_source_of(cur.row()))
        self.warnings = QListWidget()
        for warning in matrix.other_warnings():
            QListWidgetItem(f"⚠ {warning}", self.warnings)
        # The reading report: each thing the reader did not understand, with its line; a click shows it.
        self._finding_items: list[tuple[QListWidgetItem, tuple[str, ...]]] = []
        for finding in matrix.findings:
            item = QListWidgetItem(f"？ {finding.describe()}", self.warnings)
            self._finding_items.append((item, finding.ref))
        self.warnings.itemClicked.connect(self._show_finding)
        for new, existing in similar_units or []:
            item = QListWidgetItem(f"“{new}”与已有单位“{existing}”相似：勾选则导入时合并为同一单位", self.warnings)
            item.setFlags(item.flags() | Qt.ItemFlag.ItemIsUserCheckable)
            item.setCheckState(Qt.CheckState.Unchecked)
            self._merge_items.append((item, (new, existing)))
        self.warnings.setVisible(self.warnings.count() > 0)
        splitter = QSplitter(Qt.Orientation.Horizontal)
        splitter.addWidget(self.source)
        splitter.addWidget(self.table)
        splitter.setSizes([520, 780])
        marked = len(self.model.marked_rows())
        summary = QLabel(f"识别出 {len(matrix.tasks)} 项任务。可直接在右侧表格中修改；确认后才写入数据库。"
                         + (f"其中 {marked} 项标有 ⚠，请核对。" if marked else ""))
        # Relative deadlines (年底前) in a plan whose year is unknown: ask for it rather than leave them empty.
        self.year_row = QWidget()
        self.year_edit = QSpinBox()
        self.year_edit.setRange(_NO_YEAR, 2100)
        self.year_edit.setSpecialValueText("未知")  # shown for _NO_YEAR
        self.year_edit.setValue(_NO_YEAR)
        year_button = QPushButton("按此年份计算完成时限")
        year_button.clicked.connect(self.apply_year)
        year_layout = QHBoxLayout(self.year_row)
        year_layout.setContentsMargins(0, 0, 0, 0)
        year_layout.addWidget(QLabel("方案年份（部分完成时限只写了“年底前”等，没有年份）："))
        year_layout.addWidget(self.year_edit)
        year_layout.addWidget(year_button)
        year_layout.addStretch(1)
        self.year_row.setVisible(matrix.needs_year)
        buttons = QDialogButtonBox()
        self.confirm_button = buttons.addButton("确认导入", QDialogButtonBox.ButtonRole.AcceptRole)
        if remaining:
            self.all_button = buttons.addButton(f"全部导入（共 {remaining + 1} 个文件）",
                                                QDialogButtonBox.ButtonRole.ActionRole)
            self.all_button.setToolTip("确认本方案，其余文件按识别结果直接导入，不再逐个预览")
            self.all_button.clicked.connect(self.accept_all)
        buttons.addButton("取消", QDialogButtonBox.ButtonRole.RejectRole)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.title_edit)
        layout.addWidget(summary)
        layout.addWidget(self.year_row)
        body = QSplitter(Qt.Orientation.Vertical)  # the reading report below takes what room the user gives it
        body.addWidget(splitter)
        body.addWidget(self.warnings)
        body.setStretchFactor(0, 1)
        body.setSizes([480, 110])
        layout.addWidget(body, 1)
        layout.addWidget(buttons)

    def apply_year(self) -> int:
        """Use the year typed in the year field for the deadlines that waited for it; how many got a date."""
        year = self.year_edit.value()
        if year == _NO_YEAR:
            return 0
        return self.model.apply_plan_year(year)

    def _show_finding(self, item: QListWidgetItem) -> None:
        ref = next((r for i, r in self._finding_items if i is item), None)
        row = next((n for n, t in enumerate(self.matrix.tasks) if ref and t.ref == ref), None)
        if row is not None:
            self.table.selectRow(row)

    def show_source_of(self, row: int) -> bool:
        """Scroll the source text to the task's title and select it."""
        if not 0 <= row < len(self.matrix.tasks):
            return False
        title = self.matrix.tasks[row].title
        found = self.source.document().find(title[:30], 0, QTextDocument.FindFlag(0))
        if found.isNull():
            return False
        self.source.setTextCursor(found)
        self.source.centerCursor()
        return True

    def accept(self) -> None:
        title = self.title_edit.text().strip()
        if title:
            self.matrix.plan.title = title
        if self.year_row.isVisibleTo(self):
            self.apply_year()  # a year typed but not yet applied counts too
        self.merge_choices = [pair for item, pair in self._merge_items if item.checkState() == Qt.CheckState.Checked]
        super().accept()

    def accept_all(self) -> None:
        self.import_all = True
        self.accept()
