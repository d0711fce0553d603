"""The guard against PySide6's dropped references to None (see app/ui/pyside_refcount.py)."""
import sys

import pytest
from PySide6.QtGui import QStandardItem, QStandardItemModel
from PySide6.QtWidgets import QTreeView

from app.ui import pyside_refcount


def test_none_is_protected_once_app_ui_is_imported():
    if not pyside_refcount.needs_guard():
        pytest.skip("None is immortal on this Python")
    assert sys.getrefcount(None) > 1 << 39
    assert not pyside_refcount.protect_singletons()  # idempotent: a second call adds nothing


def test_changing_a_views_current_item_many_times_is_survivable(qtbot):
    view = QTreeView()
    qtbot.addWidget(view)
    model = QStandardItemModel()
    view.setModel(model)
    a, b = QStandardItem("甲"), QStandardItem("乙")
    model.appendRow(a)
    model.appendRow(b)
    for _ in range(20_000):  # about 40,000 dropped references on PySide6 6.12 / CPython 3.11
        view.setCurrentIndex(a.index())
        view.setCurrentIndex(b.index())
    assert sys.getrefcount(None) > 0
