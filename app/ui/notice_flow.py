"""Notices from the table: until the notices use cases are installed, say so plainly."""
from __future__ import annotations

import importlib.util

from PySide6.QtWidgets import QMessageBox


def open_notice_dialog(window, task_ids: list[int]) -> None:
    if importlib.util.find_spec("app.ops.notices") is None:
        QMessageBox.information(window, "督办通知", "本版本尚未包含通知单生成功能。")
        return
    from app.ui.notice_dialog import NoticeDialog

    dialog = NoticeDialog(window.store, task_ids, window.today, window)
    dialog.issued.connect(lambda: [window.task_changed(t) for t in task_ids])
    dialog.open()
    window.notice_dialog = dialog
