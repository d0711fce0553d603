"""情况通报 from the window: choose the plan(s) and the as-of date (截至日期), look at the first before any number is
taken, then number, write and print (or only save) them into the notices folder, on the window's runner."""
from __future__ import annotations

from collections.abc import Sequence
from datetime import date

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QFormLayout, QLabel, QVBoxLayout, QWidget

from app.ops.notices import IssueResult
from app.ui import batch_source as source
from app.ui.fields import date_field, day_of
from app.ui.plan_choosers import PlanChecklist, PlanChoice
from app.ui.issue_window import PreviewedIssueDialog
from app.ui.print_dialog import error_text, print_after
from app.ui.runner import DbRunner


class BulletinDialog(PreviewedIssueDialog):
    issued = Signal(object)  # IssueResult: one IssuedNotice per plan

    def __init__(self, runner: DbRunner, plans: Sequence[PlanChoice], today: date, parent: QWidget | None = None,
                 *, plan_id: int | None = None) -> None:
        super().__init__("情况通报", runner, (1100, 680), parent)
        self.today = today
        chosen = [plan_id] if plan_id is not None else [p.id for p in plans[:1]]  # the window's plan, or the first
        self.plans = PlanChecklist(plans, chosen)
        self.as_of = date_field(today)
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
        self.lay_out(left, self.preview, (420, 680))
        self.outcome: IssueResult | None = None

    def checked(self) -> list[tuple[int, str]]:
        """The plans ticked, as (id, full title)."""
        return self.plans.checked()

    def as_of_date(self) -> date:
        return day_of(self.as_of)

    def preview_first(self) -> int | None:
        chosen, as_of = self.checked(), self.as_of_date()
        if not chosen:
            self.message.error("请至少勾选一个方案。")
            return None
        plan_id, title = chosen[0]
        into = self.preview_path()
        self.preview.clear("正在生成预览…")
        return self.runner.run(lambda store: source.preview_bulletin(store, plan_id, as_of, into),
                               label="正在生成预览", failed=self._failed,
                               done=lambda path: self.preview.show_file(
                                   path, f"预览：《{title}》截至 {as_of.isoformat()}，尚未编号，不占用编号（文中编号为示意）。"))

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
        self.outcome, notices = result, result.notices
        self.preview.show_file(notices[0].path, "　".join(f"{n.number}：{n.path}" for n in notices))
        self.message.note(f"已编号登记 {len(notices)} 份情况通报：" + "、".join(n.number for n in notices))
        self.issued.emit(result)
        printer = self.after.printer()
        if printer is not None:
            print_after(self.runner, [n.path for n in notices], printer, self.message)

    def _failed(self, exc: BaseException) -> None:
        self.issue_button.setEnabled(True)
        self.message.error(error_text(exc))
