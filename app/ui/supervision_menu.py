"""The 督办 menu's window flows: 批量督办…, 情况通报… and 通知登记簿 (the single notice, 生成督办通知…, stays
in the main window). `install(window)` adds the actions; the register follows every change the runner
reports on notices."""
from __future__ import annotations

from collections.abc import Callable
from typing import Any

from PySide6.QtGui import QAction
from PySide6.QtWidgets import QMenu

from app.ops.changes import Changes
from app.ui.menus import new_action


def install(window: Any, menu: QMenu) -> tuple[QAction, ...]:
    """批量督办… before the menu's first entry, 通知登记簿 after the last; returns them (they need a database)."""
    window.batch_action = new_action(window, "批量督办…", lambda: open_batch(window))
    first = menu.actions()[0] if menu.actions() else None
    menu.insertAction(first, window.batch_action)
    window.register_action = new_action(window, "通知登记簿", lambda: open_register(window))
    menu.addAction(window.register_action)
    window.runner.changed.connect(lambda changes: _notices_changed(window, changes))
    return window.batch_action, window.register_action


def _chosen_plan(window: Any) -> int | None:
    """The plan chosen in the filter bar, else the plan of the task shown in the detail pane."""
    chosen: int | None = window.filters.current_filter().plan_id
    if chosen is None and window.table.currentIndex().isValid():
        chosen = window.model.row_object(window.table.currentIndex().row()).plan_id
    return chosen


def _directory_units(window: Any) -> tuple[int, ...]:
    directory = getattr(window, "units_window", None)
    return directory.selected_unit_ids() if directory is not None and directory.isVisible() else ()


def _show(window: Any, attribute: str, make: Callable[[], Any]) -> Any:
    """Make the dialog (only with a database open), show it without blocking and keep it on the window."""
    if window.store is None:
        return None
    dialog = make()
    dialog.open()
    setattr(window, attribute, dialog)
    return dialog


def open_batch(window: Any) -> Any:
    from app.ops.profile import get_profile
    from app.ui.batch_dialog import BatchDialog
    from app.ui.plan_choosers import store_plan_choices

    return _show(window, "batch_dialog", lambda: BatchDialog(
        window.runner, store_plan_choices(window.store), window.today, window, plan_id=_chosen_plan(window),
        directory_units=lambda: _directory_units(window), reply_days=get_profile(window.store).reply_days))


def open_bulletin(window: Any) -> Any:
    from app.ui.bulletin_dialog import BulletinDialog
    from app.ui.plan_choosers import store_plan_choices

    return _show(window, "bulletin_dialog", lambda: BulletinDialog(
        window.runner, store_plan_choices(window.store), window.today, window, plan_id=_chosen_plan(window)))


def open_register(window: Any) -> Any:
    from app.ui.notice_register import NoticeRegisterWindow

    if window.store is None:
        return None
    register = getattr(window, "register_window", None)
    if register is None or register.store is not window.store:  # first time, or another database opened since
        register = NoticeRegisterWindow(window.store, window.runner, window)
        register.changed.connect(lambda: window.apply_changes(Changes(notices=True)))
        window.register_window = register
    else:
        register.refresh()
    register.show()
    register.activateWindow()
    return register


def _notices_changed(window: Any, changes: Changes) -> None:
    register = getattr(window, "register_window", None)
    if changes.notices and register is not None and register.store is window.store:
        register.refresh()
