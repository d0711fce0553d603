"""The PySide6 workspace: application set-up, main window, models, dialogs. The only package that imports Qt."""
