"""Window tests run offscreen; a Qt warning fails any test (see [tool.pytest.ini_options] in pyproject.toml)."""

from datetime import date

import pytest

from app.ui.main_window import MainWindow

WINDOW_TODAY = date(2025, 12, 1)


@pytest.fixture
def window(qtbot, tmp_path):
    """A main window on an empty database in tmp_path, shown, with 2025-12-01 as today."""
    w = MainWindow(tmp_path / "desk.sqlite3", today=WINDOW_TODAY, remember_layout=False)
    qtbot.addWidget(w)
    w.show()
    yield w
    w.close()
