"""Issue a 督办 / 催办 notice to one of the selected tasks' units, then preview it (QPdfView) and print it.

Issuing goes through app.ops.notices (numbered, recorded in the register, PDF written in one transaction);
the dialog only chooses the unit, kind, layout and reply time, and shows the file that was written."""
from __future__ import annotations

from datetime import date, datetime
from pathlib import Path

from PySide6.QtCore import Signal
from PySide6.QtGui import QPainter
from PySide6.QtPdf import QPdfDocument
from PySide6.QtPdfWidgets import QPdfView
from PySide6.QtPrintSupport import QPrintDialog, QPrinter
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QSpinBox,
    QVBoxLayout,
)

from app.errors import UserError
from app.notices.content import KIND_REMINDER, KIND_SUPERVISION, STYLE_FORM, STYLE_LETTER
from app.ops import notices as notice_ops
from app.ops import tasks as task_ops
from app.ops.notice_files import window_notices_dir
from app.ui.crash import show_user_error

STYLE_LABELS = {STYLE_FORM: "表格式通知单", STYLE_LETTER: "督办函（信函格式）"}


def notices_dir() -> Path:
    path = window_notices_dir()
    path.mkdir(parents=True, exist_ok=True)
    return path


class NoticeDialog(QDialog):
    issued = Signal(object)  # IssueResult

    def __init__(self, store, task_ids: list[int], today: date, parent=None) -> None:
        super().__init__(parent)
        self.setWindowTitle("生成督办通知")
        self.resize(900, 900)
        self.store, self.today = store, today
        units = []
        for task_id in task_ids:
            units += [u.name for u in task_ops.task_detail(store, task_id, today=today).units if not u.is_group]
        self.unit = QComboBox()
        self.unit.addItems(list(dict.fromkeys(units)))
        self.kind = QComboBox()
        self.kind.addItems([KIND_SUPERVISION, KIND_REMINDER])
        self.style = QComboBox()
        for style, label in STYLE_LABELS.items():
            self.style.addItem(label, style)
        self.reply_days = QSpinBox(minimum=1, maximum=60, value=5, suffix=" 个工作日内反馈")
        self.issue_button = QPushButton("编号并生成")
        self.issue_button.clicked.connect(self.issue)
        self.print_button = QPushButton("打印…", enabled=False)
        self.print_button.clicked.connect(self.print_notice)
        self.info = QLabel()
        self.document = QPdfDocument(self)
        self.view = QPdfView()
        self.view.setDocument(self.document)
        self.view.setPageMode(QPdfView.PageMode.MultiPage)
        self.view.setZoomMode(QPdfView.ZoomMode.FitToWidth)
        form = QFormLayout()
        form.addRow("发往单位", self.unit)
        form.addRow("类别", self.kind)
        form.addRow("格式", self.style)
        form.addRow("反馈时限", self.reply_days)
        buttons = QHBoxLayout()
        buttons.addWidget(self.issue_button)
        buttons.addWidget(self.print_button)
        buttons.addStretch()
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addLayout(buttons)
        layout.addWidget(self.info)
        layout.addWidget(self.view, 1)
        self.result = None

    def issue(self):
        unit = self.unit.currentText()
        if not unit:
            return None
        name = f"{self.kind.currentText()}_{notice_ops.safe_file_part(unit)}_{datetime.now():%Y%m%d%H%M%S}.pdf"
        out = notices_dir() / name
        try:
            result = notice_ops.issue_notice(
                self.store, unit=unit, kind=self.kind.currentText(), today=self.today, out=out,
                style=self.style.currentData(), reply_workdays=self.reply_days.value())
        except UserError as exc:
            show_user_error(self, exc, "无法生成通知")
            return None
        self.result = result
        first = result.notices[0]
        self.info.setText(f"已登记 {first.number}，文件：{first.path}" + (f"\n{result.warning}" if result.warning else ""))
        self.document.load(str(first.path))
        self.print_button.setEnabled(True)
        self.issued.emit(result)
        return result

    def print_notice(self) -> None:
        printer = QPrinter(QPrinter.PrinterMode.HighResolution)
        if QPrintDialog(printer, self).exec() == QDialog.DialogCode.Accepted:
            print_pdf(self.document, printer)


def print_pdf(document: QPdfDocument, printer: QPrinter) -> int:
    """Each page rendered at the printer's resolution; returns the number of pages sent."""
    painter = QPainter()
    if not painter.begin(printer):
        return 0
    try:
        for page in range(document.pageCount()):
            if page:
                printer.newPage()
            target = painter.viewport()
            image = document.render(page, target.size())
            painter.drawImage(target, image)
    finally:
        painter.end()
    return document.pageCount()
