"""Issue a 督办 / 催办 notice to one of the selected tasks' units, then preview it
(QPdfView) and print it.

Issuing goes through app.ops.notices (numbered, recorded in the register, PDF written in one transaction);
the dialog only chooses the unit, kind, layout and reply time, and shows the file that was written. The issuing
(1–3 s of PDF rendering) runs on the window's database runner and `issued` follows when it is done. The notice
goes into the notices folder every dialog saves to: the one chosen last (app.ui.print_dialog.notices_folder)."""
from __future__ import annotations

from datetime import date, datetime

from PySide6.QtCore import Signal
from PySide6.QtPdf import QPdfDocument
from PySide6.QtPdfWidgets import QPdfView
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from app.notices import fonts
from app.notices.content import KIND_REMINDER, KIND_SUPERVISION, STYLE_LABELS
from app.ops import holidays as holiday_ops, notices as notice_ops
from app.ops import tasks as task_ops
from app.ops.profile import get_profile
from app.ui.crash import show_refusal
from app.ui.print_dialog import FolderField, notices_folder
from app.ui.runner import DbRunner
from app.ui.screen_fit import fit_to_screen


class IssueDialog(QDialog):
    """A form, a button that numbers and writes the document, its preview and printing."""

    issued = Signal(object)  # IssueResult

    def __init__(self, store, today: date, parent=None, *, runner: DbRunner) -> None:
        super().__init__(parent)
        fit_to_screen(self, 900, 680)  # fits a 1366×768 screen; the PDF preview scrolls
        self.store, self.today, self.runner = store, today, runner
        self.issue_button = QPushButton("编号并生成")
        self.issue_button.clicked.connect(self.issue)
        self.print_button = QPushButton("打印…", enabled=False)
        self.print_button.clicked.connect(self.print_notice)
        self.info = QLabel(wordWrap=True)  # a long file path must not widen the dialog past the screen
        self.fonts_note = QLabel(fonts.substitution_note(), wordWrap=True)  # 本机未安装仿宋，正文以 … 代替
        self.fonts_note.setVisible(bool(self.fonts_note.text()))
        self.document = QPdfDocument(self)
        self.view = QPdfView()
        self.view.setDocument(self.document)
        self.view.setPageMode(QPdfView.PageMode.MultiPage)
        self.view.setZoomMode(QPdfView.ZoomMode.FitToWidth)
        self.form = QFormLayout()
        buttons = QHBoxLayout()
        buttons.addWidget(self.issue_button)
        buttons.addWidget(self.print_button)
        buttons.addStretch()
        layout = QVBoxLayout(self)
        layout.addLayout(self.form)
        layout.addLayout(buttons)
        layout.addWidget(self.info)
        layout.addWidget(self.fonts_note)
        layout.addWidget(self.view, 1)
        self.result = None

    def _issue_op(self):
        """The use case to run, as `op(store) -> IssueResult`, or None when the form is not complete."""
        raise NotImplementedError

    def issue(self) -> None:
        """Number and write the document on the window's runner; `issued` follows when it is written."""
        op = self._issue_op()
        if op is None:
            return
        self.issue_button.setEnabled(False)
        self.info.setText("正在编号并生成…")
        self.runner.run(op, label="正在生成文书", done=self._show_issued, failed=self._refused)

    def _refused(self, exc: BaseException) -> None:
        self.issue_button.setEnabled(True)
        self.info.clear()
        show_refusal(self, exc, "无法生成通知")

    def _show_issued(self, result) -> None:
        self.issue_button.setEnabled(True)
        self.result = result
        first = result.notices[0]
        self.info.setText(f"已登记 {first.number}，文件：{first.path}" + (f"\n{result.warning}" if result.warning else ""))
        self.document.load(str(first.path))
        self.print_button.setEnabled(True)
        self.issued.emit(result)

    def print_notice(self) -> None:
        """打印…: the PDF itself to a printer or a PDF file, off the interface thread (app.ui.print_dialog)."""
        from app.ui.print_dialog import open_print_dialog

        if self.result is not None:
            self.print_dialog = open_print_dialog(self, [self.result.notices[0].path], self.runner, notices_folder())


class NoticeDialog(IssueDialog):
    def __init__(self, store, task_ids: list[int], today: date, parent=None, *, runner: DbRunner) -> None:
        super().__init__(store, today, parent, runner=runner)
        self.setWindowTitle("生成督办通知")
        self.task_ids = list(task_ids)  # a 督办 lists the chosen tasks (those of the unit still open)
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
        self.reply_days = QSpinBox(minimum=1, maximum=60, suffix=" 个工作日内反馈")
        self.reply_days.setValue(get_profile(store).reply_days)  # the office's default (机关信息)
        self.form.addRow("发往单位", self.unit)
        self.form.addRow("类别", self.kind)
        self.form.addRow("格式", self.style)
        self.form.addRow("反馈时限", self.reply_days)
        self.folder = FolderField()  # the notices folder chosen last, as in 批量督办 and 情况通报
        self.form.addRow("保存到", self.folder)
        self.reply_warning = QLabel(wordWrap=True, styleSheet="color: #b00020")  # a year with no holiday data
        self.form.addRow(self.reply_warning)
        self.reply_days.valueChanged.connect(self._check_reply_year)
        self._check_reply_year()

    def _check_reply_year(self) -> None:
        warning = holiday_ops.reply_by_check(self.store, self.today, self.reply_days.value())[1]
        self.reply_warning.setText(warning or "")
        self.reply_warning.setVisible(bool(warning))

    def _issue_op(self):
        unit, kind, today = self.unit.currentText(), self.kind.currentText(), self.today
        if not unit:
            return None
        folder = self.folder.folder()
        if folder is None:
            self.info.setText("请选择通知保存到哪个文件夹。")
            return None
        out = folder / f"{kind}_{notice_ops.safe_file_part(unit)}_{datetime.now():%Y%m%d%H%M%S}.pdf"
        style, days = self.style.currentData(), self.reply_days.value()
        earlier = notice_ops.earlier_notice(self.store, unit=unit, kind=kind, today=today) \
            if kind == KIND_REMINDER else None
        if earlier and not self.confirm_again(unit, earlier):
            return None
        chosen = self.task_ids if kind == KIND_SUPERVISION else None
        return lambda store: notice_ops.issue_notice(store, unit=unit, kind=kind, today=today, out=out, style=style,
                                                     reply_workdays=days, task_ids=chosen, again=bool(earlier))

    def confirm_again(self, unit: str, earlier: str) -> bool:
        """Ask before a second 催办 about the same tasks on the same day (through `ask_again`: a test answers it
        by replacing that one function, with no modal box on screen)."""
        return ask_again(self, unit, earlier)


def ask_again(parent: QWidget, unit: str, earlier: str) -> bool:
    """再次催办? — the one question the single-notice dialog asks in a box of its own."""
    from PySide6.QtWidgets import QMessageBox

    answer = QMessageBox.question(parent, "再次催办", f"今天已向“{unit}”发出内容相同的催办（{earlier}）。\n确定再发一份吗？")
    return answer == QMessageBox.StandardButton.Yes
