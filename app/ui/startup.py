"""Loading the core (app.ops and the store under it) quickly. The window calls `load_core` on its database
runner's thread while it is already shown (app.ui.main_window, `background=True`), not before Qt any more: the
window appears first, and the core's loading overlaps the first paint's aftermath.

Two measured costs are avoided here:
- sqlite-utils imports numpy when it is installed (about 0.15–0.2 s) only to map numpy's number types to column
  types; the program never stores numpy values, so numpy is kept out while the store loads. It stays importable
  afterwards (the PDF reader may want it later).
- once PySide6 is imported, its import hook reads the source of every module imported after it (loading the
  core before Qt avoided that, but kept the window from showing until the core was in).
"""
from __future__ import annotations

import importlib
import sys
from collections.abc import Iterator
from contextlib import contextmanager

CORE_MODULES = (
    "app.ops.session", "app.ops.plans", "app.ops.tasks", "app.ops.progress", "app.ops.settings",
    "app.ops.units", "app.ops.workspace",
)


@contextmanager
def _absent(module: str) -> Iterator[None]:
    """`import module` raises ImportError inside the block (a None in sys.modules means "not installed")."""
    if module in sys.modules:
        yield
        return
    sys.modules[module] = None  # type: ignore[assignment]
    try:
        yield
    finally:
        if sys.modules.get(module) is None:
            del sys.modules[module]


def load_core() -> None:
    with _absent("numpy"):
        for name in CORE_MODULES:
            importlib.import_module(name)
