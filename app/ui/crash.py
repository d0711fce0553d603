"""Uncaught exceptions: a `UserError` is shown as a plain message; anything else is a bug, written with its
traceback to a log file under the user's log folder and reported in a Chinese dialog (never a raw traceback)."""
from __future__ import annotations

import logging
import sys
import traceback
from datetime import datetime
from pathlib import Path
from types import TracebackType

from PySide6 import QtWidgets  # QtWidgets.QMessageBox when needed: made on first use, not at start
from PySide6.QtWidgets import QApplication

from app.errors import UserError, os_user_error
from app.paths import log_dir

log = logging.getLogger(__name__)


def write_crash_log(exc_type: type[BaseException], exc: BaseException, tb: TracebackType | None) -> Path:
    """Append the traceback to today's crash log and return its path."""
    path = log_dir() / f"crash-{datetime.now():%Y%m%d}.log"
    with path.open("a", encoding="utf-8") as fh:
        fh.write(f"==== {datetime.now().isoformat(timespec='seconds')} ====\n")
        fh.writelines(traceback.format_exception(exc_type, exc, tb))
    return path


def show_user_error(parent, exc: UserError, title: str = "无法完成操作") -> None:
    """A `UserError` in a message box: its Chinese message, and its detail behind "显示详细信息"."""
    QMessageBox = QtWidgets.QMessageBox  # noqa: N806 (Qt's name)
    box = QMessageBox(QMessageBox.Icon.Warning, title, exc.message, QMessageBox.StandardButton.Ok, parent)
    if exc.detail:
        box.setDetailedText(exc.detail)
    box.exec()


def show_refusal(parent, exc: BaseException, title: str = "无法完成操作") -> None:
    """A failed job's end: a use case's refusal (UserError) in a message box; anything else is a bug and goes on
    to the crash dialog and the log."""
    if not isinstance(exc, UserError):
        raise exc
    show_user_error(parent, exc, title)


def _excepthook(exc_type, exc, tb) -> None:
    if issubclass(exc_type, KeyboardInterrupt):
        QApplication.quit()
        return
    parent = QApplication.activeWindow()
    if isinstance(exc, OSError) and not isinstance(exc, BrokenPipeError):
        exc = os_user_error(exc)  # the machine's, not a bug: a Chinese message, not the crash dialog
    if isinstance(exc, UserError):
        show_user_error(parent, exc)
        return
    path = write_crash_log(exc_type, exc, tb)
    log.error("未处理的异常，已写入 %s", path, exc_info=(exc_type, exc, tb))
    if QApplication.instance() is None:
        return
    QtWidgets.QMessageBox.critical(
        parent,
        "程序出错",
        "程序遇到了一个内部错误，刚才的操作可能没有完成。\n"
        f"错误详情已记录在：\n{path}\n请把这个文件发给维护人员。数据库中已保存的内容不受影响。",
    )


def install_excepthook() -> None:
    """Route every uncaught exception (including those raised inside Qt slots) through the crash dialog."""
    sys.excepthook = _excepthook
