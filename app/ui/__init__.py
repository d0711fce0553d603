"""The PySide6 workspace: application set-up, main window, models, dialogs. The only package that imports Qt."""
from app.ui.pyside_refcount import protect_singletons

protect_singletons()  # before any Qt object exists: see pyside_refcount for the PySide6 bug it guards against
