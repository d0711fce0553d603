"""Notices from the table or the detail pane: the dialog, and the rows to repaint once a notice is issued."""
from __future__ import annotations


def open_notice_dialog(window, task_ids: list[int]):
    from app.ui.notice_dialog import NoticeDialog

    dialog = NoticeDialog(window.store, task_ids, window.today, window)
    dialog.issued.connect(lambda _result: [window.task_changed(t) for t in task_ids])
    dialog.open()
    window.notice_dialog = dialog
    return dialog
