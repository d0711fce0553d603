"""The 反馈 menu: 导出反馈表… (one form per unit), 导入反馈表… (preview, then write; undoable) and 反馈情况 (who has
replied, 催办 for the late ones). Long work (writing and reading the forms, issuing notices) runs on the window's
database runner with a progress dialog; an applied import is pushed on the window's undo stack (undo takes back
its progress entries and replies exactly, redo writes them again).
"""
from __future__ import annotations

from collections.abc import Callable
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING, Any

from PySide6 import QtCore, QtWidgets  # QtWidgets.QFileDialog, .QMessageBox at the call: made on first use
from PySide6.QtCore import QObject
from PySide6.QtGui import QAction
from PySide6.QtWidgets import QMenu, QMenuBar, QProgressDialog

from app.ui.crash import show_refusal
from app.ui.menus import menu_named, new_action
from app.ui.runner import LazyModule
from app.ui.undo import CreateCommand

if TYPE_CHECKING:  # the dialogs load when first opened, not before the window's first paint
    from app.ui.feedback_dialogs import FeedbackStatusDialog
    from app.ui.plan_choosers import PlanChoice

feedback_dialogs = LazyModule("app.ui.feedback_dialogs")
feedback_ops = LazyModule("app.ops.feedback")
paths = LazyModule("app.paths")

MENU = "反馈(&K)"
FORM_FILTER = "Excel 反馈表 (*.xlsx *.xls);;所有文件 (*)"


class FeedbackActions(QObject):
    def __init__(self, window: Any) -> None:
        super().__init__(window)
        self.window = window
        self.dialog: Any = None          # the dialog on screen (tests reach it here)
        self.progress: QProgressDialog | None = None
        self.last_result: Any = None     # what the last job returned (export, import or 催办)
        self.status_dialog: FeedbackStatusDialog | None = None
        self.export_action = self._action("导出反馈表…", self.export_forms)
        self.import_action = self._action("导入反馈表…", lambda: self.import_forms())
        self.status_action = self._action("反馈情况", self.show_status)

    def _action(self, text: str, slot: Callable[[], None]) -> QAction:
        return new_action(self.window, text, slot)

    def actions(self) -> tuple[QAction, ...]:
        return (self.export_action, self.import_action, self.status_action)

    def add_menu(self, bar: QMenuBar) -> QMenu:
        menu = menu_named(bar, MENU)
        for action in self.actions():
            menu.addAction(action)
        return menu

    # --- helpers --------------------------------------------------------------------------------------
    def _plans(self) -> list[PlanChoice]:
        """The plans named as in the tree ([] while the database is still opening, or could not be opened)."""
        from app.ui.plan_choosers import store_plan_choices

        return store_plan_choices(self.window.store)

    def _current_plan(self) -> int | None:
        return self.window.filters.current_filter().plan_id

    def _run(self, label: str, op: Callable[[Any], Any], done: Callable[[Any], None]) -> None:
        """`op` on the runner with a progress dialog (cancel stops a generator at its next step)."""
        progress = QProgressDialog(label, "取消", 0, 100, self.window)
        progress.setWindowTitle("督办台")
        progress.setWindowModality(QtCore.Qt.WindowModality.WindowModal)
        progress.setMinimumDuration(300)
        self.progress = progress

        def finish() -> None:
            progress.close()
            if self.progress is progress:
                self.progress = None

        def succeeded(result: Any) -> None:
            finish()
            self.last_result = result
            done(result)

        def failed(exc: BaseException) -> None:
            finish()
            show_refusal(self.window, exc)

        def moved(percent: int, message: str) -> None:
            progress.setValue(percent)
            progress.setLabelText(message)

        job = self.window.runner.run(op, label=label, done=succeeded, failed=failed, progress=moved)
        progress.canceled.connect(lambda: (self.window.runner.cancel(job), finish()))

    # --- 导出反馈表 -------------------------------------------------------------------------------------
    def export_forms(self) -> None:
        plans = self._plans()
        if not plans:
            self.window.statusBar().showMessage("数据库中还没有方案。", 10000)
            return
        folder = paths.data_dir() / "feedback" / self.window.today.isoformat()
        dialog = feedback_dialogs.ExportFormsDialog(plans, self.window.today, folder, self.window, plan_id=self._current_plan())
        dialog.planChosen.connect(lambda pid: dialog.set_units(self._units(pid)))
        dialog.set_units(self._units(dialog.plan_id()))
        dialog.accepted.connect(lambda: self.run_export(dialog.plan_id(), dialog.chosen_units(),
                                                        dialog.chosen_reply_by(), Path(dialog.folder.text())))
        self.dialog = dialog
        dialog.open()

    def _units(self, plan_id: int) -> list[Any]:
        return list(feedback_ops.feedback_status(self.window.store, plan_id, today=self.window.today))

    def run_export(self, plan_id: int, units: list[str], reply_by: date | None, folder: Path) -> None:
        today = self.window.today
        self._run("正在生成反馈表", lambda store: feedback_ops.export_steps(
            store, plan_id=plan_id, units=units, today=today, reply_by=reply_by, out_dir=folder), self._exported)

    def _exported(self, result: Any) -> None:
        lines = [f"已生成 {len(result.forms)} 份反馈表，反馈期限 {result.reply_by.isoformat()}。"]
        if result.forms:
            lines.append(f"保存在：{result.forms[0].path.parent}")
        if result.warning:
            lines.append(f"注意：{result.warning}")
        self._inform("导出反馈表", "\n".join(lines))

    def _inform(self, title: str, text: str) -> None:
        QMessageBox = QtWidgets.QMessageBox  # noqa: N806 (Qt's name)
        box = QMessageBox(QMessageBox.Icon.Information, title, text, QMessageBox.StandardButton.Ok, self.window)
        self.dialog = box
        box.open()

    # --- 导入反馈表 -------------------------------------------------------------------------------------
    def import_forms(self, files: list[Path] | None = None) -> None:
        if files is None:
            chosen, _ = QtWidgets.QFileDialog.getOpenFileNames(self.window, "选择填好的反馈表（可多选）", "", FORM_FILTER)
            files = [Path(p) for p in chosen]
        if not files or self.window.store is None:
            return
        today = self.window.today

        def read_and_preview(store: Any) -> Any:
            forms = yield from feedback_ops.read_forms(files)
            return feedback_ops.preview_feedback(store, forms, received_on=today)

        self._run("正在读取反馈表", read_and_preview, self._preview)

    def _preview(self, preview: Any) -> None:
        dialog = feedback_dialogs.FeedbackPreviewDialog(preview, self.window)
        dialog.accepted.connect(lambda: self.apply(preview))
        self.dialog = dialog
        dialog.open()

    def apply(self, preview: Any) -> None:
        self.window.runner.run(lambda store: feedback_ops.apply_feedback(store, preview), label="正在写入反馈",
                               done=lambda applied: self._applied(preview, applied))

    def _applied(self, preview: Any, applied: Any) -> None:
        self.last_result = applied
        window = self.window
        if applied.applied:
            changed = applied.changes
            window.undo_stack.push(CreateCommand(
                "导入反馈表", lambda: feedback_ops.apply_feedback(window.store, preview),
                lambda made: feedback_ops.undo_feedback(window.store, made), applied,
                after=lambda: window.apply_changes(changed)))
        window.statusBar().showMessage(
            f"反馈表：写入 {applied.applied} 条进展，{applied.unchanged} 条不变，{len(applied.rejected)} 处未导入。", 15000)

    # --- 反馈情况 ---------------------------------------------------------------------------------------
    def show_status(self) -> None:
        plans = self._plans()
        if not plans:
            self.window.statusBar().showMessage("数据库中还没有方案。", 10000)
            return
        dialog = feedback_dialogs.FeedbackStatusDialog(plans, self.window, plan_id=self._current_plan())
        dialog.planChosen.connect(lambda pid: dialog.set_rows(self._units(pid)))
        dialog.chaseRequested.connect(self.chase_late)
        dialog.set_rows(self._units(dialog.plan_id()))
        self.status_dialog = dialog
        dialog.open()

    def chase_late(self, plan_id: int) -> None:
        """催办 to every unit past its reply-by date (app.ops.feedback.chase_late → the notice of each unit)."""
        from app.ui.print_dialog import notices_folder

        today, folder = self.window.today, notices_folder()  # where every notice goes: the folder chosen last
        late = feedback_ops.late_units(self.window.store, plan_id, today=today)
        answer = QtWidgets.QMessageBox.question(
            self.window, "催办", f"向 {len(late)} 个逾期未反馈的单位各发一份催办通知（编号登记，不能收回，只能作废）？\n"
                               f"通知保存在：{folder}")
        if answer != QtWidgets.QMessageBox.StandardButton.Yes:
            return
        self._run("正在生成催办通知", lambda store: feedback_ops.chase_late(store, plan_id, today=today,
                                                                          out_dir=folder), self._chased)

    def _chased(self, result: Any) -> None:
        lines = [f"已生成 {len(result.issued)} 份催办通知。"] + [f"{n.number} → {n.unit}" for n in result.issued]
        lines += [f"{unit}：未生成（{why}）" for unit, why in result.skipped]
        if self.status_dialog is not None:
            self.status_dialog.set_rows(self._units(self.status_dialog.plan_id()))
        self._inform("催办", "\n".join(lines))


def install(window: Any) -> FeedbackActions:
    """The 反馈 menu's entries on `window` (the ledger's 导出台账… is added to the same menu by its own module)."""
    actions = FeedbackActions(window)
    actions.add_menu(window.menuBar())
    return actions
