"""Window tests run offscreen; a Qt warning fails any test (see [tool.pytest.ini_options] in pyproject.toml)."""

from datetime import date
from pathlib import Path

import pytest

from app.ops.plans import import_plan
from app.ui.collector import collect_on_interface_thread
from app.ui.main_window import MainWindow

WINDOW_TODAY = date(2025, 12, 1)
SAMPLES = sorted((Path(__file__).resolve().parents[2] / "resources" / "samples").glob("*.txt"))


@pytest.fixture(autouse=True)
def _collect_on_the_interface_thread(qapp):
    """As the program does (app/ui/collector.py): no automatic collection in a worker thread, and what a test
    left is collected on the interface thread when it ends."""
    collector = collect_on_interface_thread(qapp)
    yield
    collector.collect_due()


def _new_window(qtbot, tmp_path) -> MainWindow:
    w = MainWindow(tmp_path / "desk.sqlite3", today=WINDOW_TODAY, remember_layout=False)
    qtbot.addWidget(w)
    return w


@pytest.fixture
def window(qtbot, tmp_path):
    """A main window on an empty database in tmp_path, shown, with 2025-12-01 as today."""
    w = _new_window(qtbot, tmp_path)
    w.show()
    yield w
    w.close()


@pytest.fixture
def samples_window(qtbot, tmp_path):
    """A main window (not shown) over a new database holding the five sample plans, all tasks listed."""
    w = _new_window(qtbot, tmp_path)
    for path in SAMPLES:
        import_plan(w.store, path, today=WINDOW_TODAY)
    w.refresh_all()
    w.side.select_view("全部任务")
    yield w
    w.close()


def notice_dialog_for(window, unit: str):
    """督办 → 生成督办通知… for the table's first task of `unit` (the filter set to it), sent to that unit."""
    window.filters.select_unit(unit)
    window.table.selectRow(0)
    window.generate_notice(window.table.selected_task_ids())
    dialog = window.notice_dialog
    dialog.unit.setCurrentText(unit)
    return dialog
