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
# (the background start: no events processed, so the runner's first job, which loads the core, has not begun).
SHOW_WINDOW = """
import json, sys
from datetime import date
from pathlib import Path
import app.__main__
from app.ui.application import make_application
from app.ui.main_window import MainWindow
make_application(dialogs_later=True)  # as open_main_window does
window = MainWindow(Path(sys.argv[1]), today=date(2026, 3, 1), remember_layout=False, background=True)
window.show()
from PySide6 import QtCore
print("Qt" in vars(QtCore))
print(json.dumps(sorted(sys.modules)))
window.close()
"""

# Libraries and modules of the program that the first paint must not wait for.
LATER = ("reportlab", "openpyxl", "pdfplumber", "pdfminer", "pypdf", "sqlite_utils", "opencc", "dateutil", "numpy",
         "docx", "chinese_calendar", "app.store", "app.ops.plans", "app.ops.tasks", "app.ops.notice_files",
         "app.notices", "app.reading", "app.ui.import_dialog", "app.ui.dashboard", "app.ui.notice_dialog",
         "app.ui.task_action_dialogs", "app.ui.settings_dialog", "app.ui.unit_directory", "app.ui.detail_pane",
         "app.ui.progress_form",
         # the plans tree and filter bar are made right after the first paint (the empty table is in it: its
         # modules, app.ui.task_model / task_view / lights and app.domain.status, load before)
         "app.ui.side_tree", "app.ui.filter_bar", "app.ui.feedback_dialogs")


def _loaded(name: str, modules: list[str]) -> bool:
    return any(m == name or m.startswith(name + ".") for m in modules)


def test_the_window_shows_before_the_store_and_the_heavy_libraries_load(tmp_path: Path) -> None:
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen", DUBAN_DATA_DIR=str(tmp_path / "data"),
               QT_LOGGING_RULES="default.warning=false")
    proc = subprocess.run([sys.executable, "-c", SHOW_WINDOW, str(tmp_path / "db.sqlite3")], cwd=ROOT, env=env,
                          capture_output=True, text=True, timeout=120)
    assert proc.returncode == 0, proc.stderr
    lines = proc.stdout.strip().splitlines()
    # (lines[-2]: whether Qt's `Qt` namespace, ~90 enum classes, ~40 ms, was made: it is now, by the empty
    # table's view and model, which need its enums before the first paint; no longer asserted)
    modules = json.loads(lines[-1])
    assert "app.ui.main_window" in modules and "PySide6.QtWidgets" in modules  # the check itself ran
    early = [name for name in LATER if _loaded(name, modules)]
    assert early == [], f"loaded before the first paint: {early}"
    assert not (tmp_path / "db.sqlite3").exists()  # the database is opened on the runner, after the paint
