"""反馈 → 导出台账…: a plan's ledger (台账) as .xlsx — choose the plan, the as-of date and where to save; the
workbook is written on the window's database runner (app/ui/runner.py) and the dialog says where it went."""
from __future__ import annotations

from collections.abc import Sequence
from datetime import date
from pathlib import Path
from typing import Any

from PySide6.QtCore import QStandardPaths, Signal
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from app.errors import UserError
from app.ui.crash import show_refusal, show_user_error
from app.ui.fields import date_field, day_of
from app.ui.plan_choosers import PlanChoice, PlanChooser, store_plan_choices
from app.ui.runner import LazyModule

ledger_ops = LazyModule("app.ops.ledger")


def _default_name(plan: str, today: date) -> str:
    from app.notices.files import safe_file_part

    return f"{safe_file_part(plan)}_台账_{today:%Y%m%d}.xlsx"


class LedgerDialog(QDialog):
    saved_to = Signal(str)  # the folder written to: the next export starts there

    def __init__(self, plans: Sequence[PlanChoice], today: date, runner: Any, parent: QWidget | None = None,
                 *, folder: Path | None = None, plan_id: int | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle("导出台账")
        self.resize(620, 0)
        self.runner = runner
        self.folder = folder or Path.home()
        self.written: Path | None = None
        self._suggested = ""
        self.plan = PlanChooser(plans, plan_id)
        self.as_of = date_field(today)
        self.path = QLineEdit()
        browse = QPushButton("浏览…")
        browse.clicked.connect(self.browse)
        where = QHBoxLayout()
        where.addWidget(self.path, 1)
        where.addWidget(browse)
        self.info = QLabel(wordWrap=True)
        form = QFormLayout()
        form.addRow("方案", self.plan)
        form.addRow("截至日期", self.as_of)
        form.addRow("保存到", where)
        self.buttons = QDialogButtonBox()
        self.export_button = self.buttons.addButton("导出", QDialogButtonBox.ButtonRole.ActionRole)
        self.export_button.clicked.connect(self.export)
        self.buttons.addButton("关闭", QDialogButtonBox.ButtonRole.RejectRole)
        self.buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.info)
        layout.addWidget(self.buttons)
        self.plan.currentIndexChanged.connect(self._suggest)
        self.as_of.dateChanged.connect(self._suggest)
        self._suggest()

    def _today(self) -> date:
        return day_of(self.as_of)

    def _suggest(self) -> None:
        """A file name from the plan (named place first, as in the tree) and the date, unless the user typed or
        chose one."""
        label, typed = self.plan.currentText() if self.plan.plan_id() else "", self.path.text()
        if label and typed in ("", self._suggested):
            folder = Path(typed).parent if typed else self.folder
            self._suggested = str(folder / _default_name(label, self._today()))
            self.path.setText(self._suggested)

    def browse(self) -> None:
        chosen, _ = QFileDialog.getSaveFileName(self, "台账保存到", self.path.text(), "Excel 工作簿 (*.xlsx)")
        if chosen:
            self.path.setText(chosen if chosen.lower().endswith(".xlsx") else chosen + ".xlsx")

    def export(self) -> bool:
        plan_id, today, out = self.plan.plan_id(), self._today(), self.path.text().strip()
        if plan_id is None:
            show_user_error(self, UserError("还没有方案：请先导入方案"), "无法导出台账")
            return False
        try:
            ledger_ops.check_ledger_path(out)
        except UserError as exc:
            show_user_error(self, exc, "无法导出台账")
            return False
        self.export_button.setEnabled(False)
        self.info.setText("正在导出台账…")
        self.runner.run(lambda store: ledger_ops.export_ledger(store, plan_id, today=today, out=out),
                        label="正在导出台账", done=self._done, failed=self._failed)
        return True

    def _done(self, path: Path) -> None:
        self.written = path
        self.saved_to.emit(str(path.parent))
        self.export_button.setEnabled(True)
        self.info.setText(f"已导出台账：{path}")

    def _failed(self, exc: BaseException) -> None:
        self.export_button.setEnabled(True)
        self.info.clear()
        show_refusal(self, exc, "无法导出台账")


def open_ledger_dialog(window: Any) -> LedgerDialog | None:
    if window.store is None:
        return None
    plans = store_plan_choices(window.store)
    folder = getattr(window, "ledger_folder", None) or QStandardPaths.writableLocation(
        QStandardPaths.StandardLocation.DocumentsLocation)
    dialog = LedgerDialog(plans, window.today, window.runner, window, folder=Path(folder),
                          plan_id=window.filters.current_filter().plan_id)  # the plan the table shows, if one
    dialog.saved_to.connect(lambda path: setattr(window, "ledger_folder", path))
    dialog.open()
    window.ledger_dialog = dialog
    return dialog
