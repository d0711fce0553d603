"""A guard against a reference-counting bug of PySide6 6.12 on Python 3.11 and older.

Measured here (PySide6 6.12.0, CPython 3.11): each time Qt hands Python an empty QVariant — `QModelIndex.data()`
of a role with no value, `QComboBox.itemData()` of an item without data — and each time a view's current item
changes (`QAbstractItemView.setCurrentIndex`, even with no slot connected), PySide returns or drops a `None` it
does not own, so None's reference count falls by one. The program's own code avoids those reads where it can,
but Qt's views do it on every click; within a working day the count would reach zero and CPython aborts
("deallocating None"). From Python 3.12 on, None, True and False are immortal and such a bug is harmless; here we
give them the same protection by raising their counts far out of reach, once, before any window exists.

When this can go: once the program requires Python 3.12 or newer (`requires-python` in pyproject.toml and the
Python bundled by installers/), or a PySide6 release fixes the drop (check: with the guard disabled, `sys.getrefcount(None)` must
stay level while tests/ui/test_pyside_refcount.py changes a view's current item many times).
"""
from __future__ import annotations

import ctypes
import sys

_HEADROOM = 1 << 40  # a trillion drops: more than any session can make


def needs_guard() -> bool:
    # CPython before 3.12 only; a debug build (sys.gettotalrefcount) lays its objects out differently.
    return (sys.implementation.name == "cpython" and sys.version_info < (3, 12)
            and not hasattr(sys, "gettotalrefcount"))


def protect_singletons() -> bool:
    """Make None, True and False as good as immortal (the reference count is the first field of the object)."""
    if not needs_guard() or sys.getrefcount(None) > _HEADROOM:
        return False
    for obj in (None, True, False):
        ctypes.c_ssize_t.from_address(id(obj)).value += _HEADROOM
    return True
