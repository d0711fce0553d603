"""What runs before the window's first paint (issue 9, item 4): the window is built and shown from Qt and the
window's own modules only; the store, the use cases and the document, PDF and spreadsheet libraries load later
(on the database runner, or when a dialog first needs them). Not timed: benchmarks/ui_bench.py measures."""
from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]

# In a fresh process: what main.py imports to open the window, then the window built and shown on a database
# (the background start) and its first paint; what was loaded is read as that paint ends, before the runner's
# first job (which loads the core) and before the panes made right after the paint.
SHOW_WINDOW = """
import json, sys
from datetime import date
from pathlib import Path
import app.__main__
from app.ui import main_window
from app.ui.application import make_application
from PySide6 import QtCore, QtWidgets
seen = []
paint = main_window.MainWindow.paintEvent
def paintEvent(self, event):
    paint(self, event)
    if not seen:
        seen.append({"Qt": "Qt" in vars(QtCore), "QTabWidget": "QTabWidget" in vars(QtWidgets),
                     "QStyle": "QStyle" in vars(QtWidgets), "modules": sorted(sys.modules)})
main_window.MainWindow.paintEvent = paintEvent
make_application(dialogs_later=True)  # as open_main_window does
window = main_window.MainWindow(Path(sys.argv[1]), today=date(2026, 3, 1), remember_layout=False, background=True)
window.show()
while not seen:
    QtWidgets.QApplication.processEvents()
print(json.dumps(seen[0]))
window.close()
"""

# Libraries and modules of the program that the first paint must not wait for.
LATER = ("reportlab", "openpyxl", "pdfplumber", "pdfminer", "pypdf", "sqlite_utils", "opencc", "dateutil", "numpy",
         "docx", "chinese_calendar", "app.store", "app.ops.plans", "app.ops.tasks", "app.ops.notice_files",
         "app.notices", "app.reading", "app.ui.import_dialog", "app.ui.dashboard", "app.ui.notice_dialog",
         "app.ui.task_action_dialogs", "app.ui.settings_dialog", "app.ui.unit_directory", "app.ui.detail_pane",
         "app.ui.progress_form",
         # the table's rows, the plans tree and the filter bar come right after the first paint (the empty table,
         # app.ui.task_view with the titles of app.ui.task_columns, is in it)
         "app.ui.task_model", "app.ui.lights", "app.domain.status", "app.ui.side_tree", "app.ui.filter_bar",
         "app.ui.plan_choosers", "app.ui.feedback_dialogs")


def _loaded(name: str, modules: list[str]) -> bool:
    return any(m == name or m.startswith(name + ".") for m in modules)


def test_the_window_shows_before_the_store_and_the_heavy_libraries_load(tmp_path: Path) -> None:
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen", DUBAN_DATA_DIR=str(tmp_path / "data"),
               QT_LOGGING_RULES="default.warning=false")
    proc = subprocess.run([sys.executable, "-c", SHOW_WINDOW, str(tmp_path / "db.sqlite3")], cwd=ROOT, env=env,
                          capture_output=True, text=True, timeout=120)
    assert proc.returncode == 0, proc.stderr
    first_paint = json.loads(proc.stdout.strip().splitlines()[-1])
    modules = first_paint["modules"]
    assert "app.ui.main_window" in modules and "app.ui.task_view" in modules  # the check itself ran
    early = [name for name in LATER if _loaded(name, modules)]
    assert early == [], f"loaded before the first paint: {early}"
    assert not (tmp_path / "db.sqlite3").exists()  # the database is opened on the runner, after the paint
    # PySide makes a class's enum classes when the class is first used: Qt's `Qt` namespace (~95 of them, ~25 ms),
    # QStyle's, and ~70 widget classes when it resolves an unknown widget's type (the table's viewport()).
    assert first_paint["Qt"] is False, "Qt's `Qt` namespace was made before the first paint"
    assert first_paint["QStyle"] is False, "QStyle was made before the first paint"
    assert first_paint["QTabWidget"] is False, "PySide resolved a widget's type (viewport()?) before the first paint"
