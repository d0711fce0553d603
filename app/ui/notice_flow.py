"""Notices from the table or the detail pane: the dialog, issuing on the window's database runner (whose change
record refreshes the detail pane's list of notices). 情况通报 and the batch: app/ui/supervision_menu.py."""
from __future__ import annotations


def open_notice_dialog(window, task_ids: list[int]):
    from app.ui.notice_dialog import NoticeDialog

    dialog = NoticeDialog(window.store, task_ids, window.today, window, runner=window.runner)
    dialog.open()
    window.notice_dialog = dialog
    return dialog

