"""Application start: QApplication, Qt's Chinese translations, the CJK font, the crash hook, the main window.

`run_gui(db, screenshot)` is called by app/__main__.py. With `screenshot` it renders the main window to a PNG
and returns without leaving an event loop running (tests and the README's pictures use it).
"""
from __future__ import annotations

import sys
from datetime import date
from pathlib import Path

from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication

from app.ui.chinese_qt import chinese_locale_environment, install_qt_translations, use_qt_file_dialogs
from app.ui.collector import collect_on_interface_thread
from app.ui.crash import install_excepthook
from app.ui.fonts import install_cjk_font
from app.ui.ui_settings import remember_last_db, resolve_db_path

APP_DISPLAY_NAME = "督办台"


def make_application(argv: list[str] | None = None, *, dialogs_later: bool = False) -> QApplication:
    """The one QApplication, set up for Chinese: translator, font, names (reused when one exists: tests).
    `dialogs_later`: the caller chooses Qt's own file dialogs (`use_qt_file_dialogs`) after the window's first
    paint — it is the first use of Qt's `Qt` namespace, whose ~90 enum classes PySide6 makes at once (~40 ms)."""
    app = QApplication.instance()
    if app is None:
        chinese_locale_environment()  # read by Qt when the application starts (app/ui/chinese_qt.py)
        app = QApplication(argv if argv is not None else sys.argv[:1])
    collect_on_interface_thread(app)  # Python's garbage collector off the worker threads (app/ui/collector.py)
    if not dialogs_later:
        use_qt_file_dialogs()
    app.setApplicationName("DubanDesk")
    app.setOrganizationName("DubanDesk")
    app.setApplicationDisplayName(APP_DISPLAY_NAME)
    install_qt_translator(app)
    install_cjk_font(app)
    return app


def install_qt_translator(app: QApplication) -> bool:
    """Qt's own strings (standard buttons, file dialogs) in Chinese (app/ui/chinese_qt.py)."""
    return install_qt_translations(app)


def save_screenshot(window, out: str | Path) -> Path:
    """Render a shown window to a PNG once every pending paint and layout has run."""
    app = QApplication.instance()
    for _ in range(5):
        app.processEvents()
    out = Path(out)
    out.parent.mkdir(parents=True, exist_ok=True)
    if not window.grab().save(str(out), "PNG"):
        raise OSError(f"截图无法保存到 {out}")
    return out


def open_main_window(db: str | None, *, remember_layout: bool = True):
    """The application set up and the main window shown on the database asked for (or the last one)."""
    from app.ui.main_window import MainWindow  # after the application exists: widgets need it

    make_application(dialogs_later=True)
    install_excepthook()
    # Shown first (saved layout, empty table, busy mark); the database is opened and the first rows fetched on
    # the database runner, with the use cases loaded there (app/ui/startup.py).
    window = MainWindow(resolve_db_path(db), today=date.today(), remember_layout=remember_layout,  # the clock, once
                        background=True)
    window.show()
    window.select_first_task()
    window.filled.connect(lambda: QTimer.singleShot(WARM_UP_AFTER_MS, window.warm_up))
    return window


WARM_UP_AFTER_MS = 1000


def wait_until_filled(window, timeout_s: float = 60.0) -> None:
    """Process events until a window started in the background has its first rows (or could not open)."""
    import time

    app = QApplication.instance()
    end = time.monotonic() + timeout_s
    while window.loading and time.monotonic() < end:
        app.processEvents()
        time.sleep(0.005)


def _clean_stale_notices(window) -> None:
    """The notices a killed run left half-written (the store is loaded by then: no start-up cost), in the program's
    notices folder and in the one the user chose for them (where the notice dialogs write)."""
    from app.ops.notice_files import clean_stale_parts, window_notices_dir
    from app.ui.print_dialog import notices_folder

    for folder in dict.fromkeys((window_notices_dir(), notices_folder())):
        clean_stale_parts(folder, window.store)


def run_gui(db: str | None, screenshot: str | None = None) -> int:
    window = open_main_window(db, remember_layout=not screenshot)  # a picture must not change the user's layout
    if screenshot:
        wait_until_filled(window)
        _clean_stale_notices(window)
        save_screenshot(window, screenshot)
        window.close()
        return 0

    def filled() -> None:
        remember_last_db(window.db_path)  # only a database that opened: a bad one must not greet every later start
        _clean_stale_notices(window)

    window.filled.connect(filled)
    return QApplication.instance().exec()
