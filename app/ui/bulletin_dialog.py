"""情况通报 from the window: choose the plan(s) and the as-of date (截至日期), look at the first before any number is
taken, then number, write and print (or only save) them into the notices folder, on the window's runner."""
from __future__ import annotations

import shutil
import tempfile
from datetime import date
from pathlib import Path

from PySide6.QtCore import QDate, Qt, Signal
from PySide6.QtWidgets import (
    QDateEdit,
    QDialog,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QSplitter,
    QVBoxLayout,
    QWidget,
)

from app.ops.notices import IssueResult
from app.ui import batch_source as source
from app.ui.pdf_preview import PdfPreview
from app.ui.print_dialog import AfterIssuing, FolderField, MessageLine, error_text, print_after
from app.ui.runner import DbRunner

PLAN_ROLE = Qt.ItemDataRole.UserRole + 1


class BulletinDialog(QDialog):
    issued = Signal(object)  # IssueResult: one IssuedNotice per plan

    def __init__(self, runner: DbRunner, plans: list[tuple[str, int]], today: date, parent: QWidget | None = None,
                 *, plan_id: int | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle("情况通报")
        self.resize(1100, 680)
        self.runner = runner
        self.plans = QListWidget()
        for title, pid in plans:
            item = QListWidgetItem(title, self.plans)
            item.setFlags(item.flags() | Qt.ItemFlag.ItemIsUserCheckable)
            chosen = pid == plan_id if plan_id is not None else not self.plans.count() > 1
            item.setCheckState(Qt.CheckState.Checked if chosen else Qt.CheckState.Unchecked)
            item.setData(PLAN_ROLE, (pid, title))
            item.setToolTip(title)
        self.as_of = QDateEdit(QDate(today.year, today.month, today.day), calendarPopup=True)
        self.as_of.setDisplayFormat("yyyy-MM-dd")
        self.folder = FolderField()
        self.after = AfterIssuing()
        form = QFormLayout()
        form.addRow("截至日期", self.as_of)
        form.addRow("保存到", self.folder)
        form.addRow("完成后", self.after)
        left = QWidget()
        left_layout = QVBoxLayout(left)
        left_layout.setContentsMargins(0, 0, 0, 0)
        left_layout.addWidget(QLabel("通报的方案（可选多个，每个方案一份通报）："))
        left_layout.addWidget(self.plans, 1)
        left_layout.addLayout(form)
        self.preview = PdfPreview(runner, buttons=False)
        splitter = QSplitter(Qt.Orientation.Horizontal)
        splitter.addWidget(left)
        splitter.addWidget(self.preview)
        splitter.setSizes([420, 680])
        self.message = MessageLine()
        self.preview_button = QPushButton("预览")
        self.preview_button.clicked.connect(self.preview_first)
        self.issue_button = QPushButton()
        self.issue_button.setDefault(True)
        self.issue_button.clicked.connect(self.issue)
        close = QPushButton("关闭")
        close.clicked.connect(self.reject)
        buttons = QHBoxLayout()
        buttons.addStretch()
        for button in (self.preview_button, self.issue_button, close):
            buttons.addWidget(button)
        layout = QVBoxLayout(self)
        layout.addWidget(splitter, 1)
        layout.addWidget(self.message)
        layout.addLayout(buttons)
        self.after.currentIndexChanged.connect(self._label)
        self._label()
        self._preview_dir = Path(tempfile.mkdtemp(prefix="duban-bulletin-"))
        self.finished.connect(lambda _r: shutil.rmtree(self._preview_dir, ignore_errors=True))
        self.result: IssueResult | None = None

    def _label(self) -> None:
        self.issue_button.setText("编号并打印" if self.after.printer() else "编号并保存")

    def checked(self) -> list[tuple[int, str]]:
        return [self.plans.item(i).data(PLAN_ROLE) for i in range(self.plans.count())
                if self.plans.item(i).checkState() == Qt.CheckState.Checked]

    def as_of_date(self) -> date:
        return self.as_of.date().toPython()

    def preview_first(self) -> int | None:
        chosen, as_of = self.checked(), self.as_of_date()
        if not chosen:
            self.message.error("请至少勾选一个方案。")
            return None
        plan_id, title = chosen[0]
        into = self._preview_dir / f"预览_{source.stamp()}.pdf"
        self.preview.clear("正在生成预览…")
        return self.runner.run(lambda store: source.preview_bulletin(store, plan_id, as_of, into),
                               label="正在生成预览", failed=self._failed,
                               done=lambda path: self.preview.show_file(
                                   path, f"预览：《{title}》截至 {as_of.isoformat()}，尚未编号，不占用编号。"))

    def issue(self) -> int | None:
        chosen, as_of, folder = self.checked(), self.as_of_date(), self.folder.folder()
        if not chosen or folder is None:
            self.message.error("请至少勾选一个方案。" if not chosen else "请选择通报保存到哪个文件夹。")
            return None
        self.issue_button.setEnabled(False)
        self.message.note("正在编号并生成…")
        return self.runner.run(lambda store: source.issue_bulletins(store, chosen, today=as_of, folder=folder),
                               label="正在生成情况通报", done=self._issued, failed=self._failed)

    def _issued(self, result: IssueResult) -> None:
        self.issue_button.setEnabled(True)
        self.result, notices = result, result.notices
        self.preview.show_file(notices[0].path, "　".join(f"{n.number}：{n.path}" for n in notices))
        self.message.note(f"已编号登记 {len(notices)} 份情况通报：" + "、".join(n.number for n in notices))
        self.issued.emit(result)
        printer = self.after.printer()
        if printer is not None:
            print_after(self.runner, [n.path for n in notices], printer, self.message)

    def _failed(self, exc: BaseException) -> None:
        self.issue_button.setEnabled(True)
        self.message.error(error_text(exc))
