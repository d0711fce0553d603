"""Notices from the table or the detail pane, and the 情况通报 on a plan: the dialogs, issuing on the window's
database runner (whose change record refreshes the detail pane's list of notices)."""
from __future__ import annotations


def open_notice_dialog(window, task_ids: list[int]):
    from app.ui.notice_dialog import NoticeDialog

    dialog = NoticeDialog(window.store, task_ids, window.today, window, runner=window.runner)
    dialog.open()
    window.notice_dialog = dialog
    return dialog


def open_bulletin_dialog(window):
    """The plan chosen in the filter bar (or the shown task's plan) is offered first."""
    from app.ops.plans import list_plans
    from app.ui.notice_dialog import BulletinDialog

    plans = [(p.title or p.source, p.id) for p in list_plans(window.store)]
    chosen = window.filters.current_filter().plan_id
    if chosen is None and window.detail.task_id is not None:
        chosen = window.model.row_object(window.table.currentIndex().row()).plan_id \
            if window.table.currentIndex().isValid() else None
    dialog = BulletinDialog(window.store, plans, window.today, window, runner=window.runner, plan_id=chosen)
    dialog.open()
    window.bulletin_dialog = dialog
    return dialog
