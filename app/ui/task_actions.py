"""进展, 延期, 办结 and 重新打开 of one task, reachable from the 任务 menu, the table's right-click menu and the detail
pane. Each writes through app.ops.progress, is pushed on the window's undo stack (undo removes the entry it made,
redo makes it again) and repaints just that task (`MainWindow.task_changed`); the ops record each in the audit log.
"""
from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QObject
from PySide6.QtGui import QAction
from PySide6.QtWidgets import QMenu, QMenuBar

from app.ui.menus import menu_named, new_action
from app.ui.runner import LazyModule

if TYPE_CHECKING:  # the dialogs load when first opened, not before the window's first paint
    from app.ui.task_action_dialogs import DoneDialog, DoneEntry, ExtendDialog, ExtensionEntry

progress_ops = LazyModule("app.ops.progress")
task_ops = LazyModule("app.ops.tasks")


class TaskActions(QObject):
    def __init__(self, window: Any) -> None:
        super().__init__(window)
        self.window = window
        self.dialog: ExtendDialog | DoneDialog | None = None  # the one on screen (tests reach it here)
        self.progress_action = self._action("进展…", lambda: self._on_current(window._focus_progress))
        self.extend_action = self._action("延期…", lambda: self._on_current(self.extend))
        self.done_action = self._action("办结…", lambda: self._on_current(self.mark_done))
        self.reopen_action = self._action("重新打开", lambda: self._on_current(self.reopen))
        self._enable(None)

    def watch_table(self, table: Any) -> None:
        """The window's table, once made (after the window's first paint); the detail pane is watched too."""
        self.watch(table)
        table.currentTaskChanged.connect(self._enable)

    def watch(self, source: Any) -> None:
        """The table's or the detail pane's 延期 / 办结 / 重新打开 requests go to this task's actions."""
        source.extendRequested.connect(self.extend)
        source.doneRequested.connect(self.mark_done)
        source.reopenRequested.connect(self.reopen)

    def _action(self, text: str, slot: Callable[[], None]) -> QAction:
        return new_action(self.window, text, slot)

    def actions(self) -> tuple[QAction, ...]:
        return (self.progress_action, self.extend_action, self.done_action, self.reopen_action)

    def add_menu(self, bar: QMenuBar) -> QMenu:
        menu = menu_named(bar, "任务(&W)")
        for action in self.actions():
            menu.addAction(action)
        return menu

    def _enable(self, task_id: int | None) -> None:
        for action in self.actions():
            action.setEnabled(task_id is not None)

    def _on_current(self, slot: Callable[[int], Any]) -> None:
        if self.window.detail.task_id is not None:
            slot(self.window.detail.task_id)

    # --- the four actions ---------------------------------------------------------------------------
    def _detail(self, task_id: int) -> Any:
        return task_ops.task_detail(self.window.store, task_id, today=self.window.today)

    def extend(self, task_id: int) -> None:
        from app.ui.task_action_dialogs import ExtendDialog

        self.dialog = ExtendDialog(self._detail(task_id), self.window.clock_today,
                                   lambda entry: self.apply_extension(task_id, entry), self.window)
        self.dialog.open()

    def mark_done(self, task_id: int) -> None:
        from app.ui.task_action_dialogs import DoneDialog

        self.dialog = DoneDialog(self._detail(task_id), self.window.clock_today,
                                 lambda entry: self.apply_done(task_id, entry), self.window)
        self.dialog.open()

    def reopen(self, task_id: int) -> bool:
        """重新打开 as of the window's date (no dialog: undo takes it back)."""
        store, today = self.window.store, self.window.clock_today
        return self._push(task_id, "重新打开", lambda: progress_ops.reopen_task(store, task_id, on_date=today).progress_id,
                          lambda pid: progress_ops.delete_progress(store, pid))

    def apply_extension(self, task_id: int, entry: ExtensionEntry) -> bool:
        store = self.window.store
        return self._push(task_id, "延期", lambda: progress_ops.record_extension(
            store, task_id, new_due=entry.new_due, reason=entry.reason, basis=entry.basis,
            recorded_on=entry.recorded_on).extension_id, lambda eid: progress_ops.remove_extension(store, eid))

    def apply_done(self, task_id: int, entry: DoneEntry) -> bool:
        store = self.window.store
        return self._push(task_id, "办结", lambda: progress_ops.mark_done(
            store, task_id, on_date=entry.on, note=entry.note).progress_id,
            lambda pid: progress_ops.delete_progress(store, pid))

    def _push(self, task_id: int, text: str, create: Callable[[], int], delete: Callable[[int], Any]) -> bool:
        return bool(self.window.push_create(task_id, text, create, delete))
