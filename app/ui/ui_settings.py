"""What the window remembers between runs (layout, last database) in a QSettings file inside the user's data
folder, so a test's private data folder keeps it away from the real one."""
from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QSettings

from app.paths import data_dir, default_db_path

LAST_DB_KEY = "database/last"


def ui_settings() -> QSettings:
    return QSettings(str(data_dir() / "window.ini"), QSettings.Format.IniFormat)


def resolve_db_path(db: str | None) -> Path:
    """The database to open: the one asked for, else the last one used (if it still exists), else the default."""
    if db:
        return Path(db)
    last = ui_settings().value(LAST_DB_KEY)
    if last and Path(str(last)).exists():
        return Path(str(last))
    return default_db_path()


def remember_last_db(path: Path) -> None:
    s = ui_settings()
    s.setValue(LAST_DB_KEY, str(Path(path).resolve()))
    s.sync()
