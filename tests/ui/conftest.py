"""Window tests: offscreen, strict about Qt warnings, each with its own application set-up and database."""
from pathlib import Path

import pytest

UI_DIR = Path(__file__).parent


def pytest_collection_modifyitems(config, items):
    # Any Qt warning fails the test (qutebrowser's habit); offscreen's size-hint notice is harmless.
    for item in items:
        if UI_DIR in Path(str(item.fspath)).parents:
            item.add_marker(pytest.mark.qt_log_level_fail("WARNING"))
            item.add_marker(pytest.mark.qt_log_ignore(r"This plugin does not support propagateSizeHints"))

