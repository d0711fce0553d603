"""Where things live: the resource root (fonts, samples, migrations) and the user's data folders.

The same code works from a source tree and from a PyInstaller bundle (`sys._MEIPASS`). A marker file
`portable.txt` beside the program switches to portable mode: the data then lives beside the program.
"""
from __future__ import annotations

import os
import sys
from pathlib import Path

APP_NAME = "DubanDesk"
APP_AUTHOR = "DubanDesk"
PORTABLE_MARKER = "portable.txt"


def program_root() -> Path:
    """The folder the program runs from: the bundle folder when frozen, else the source tree."""
    if getattr(sys, "frozen", False):
        return Path(getattr(sys, "_MEIPASS", Path(sys.executable).parent))
    return Path(__file__).resolve().parent.parent


def executable_dir() -> Path:
    """The folder of the program file itself (where a portable marker would be)."""
    if getattr(sys, "frozen", False):
        return Path(sys.executable).resolve().parent
    return program_root()


def resource_path(*parts: str) -> Path:
    """A file under `resources/` (fonts, samples, unit data, icons)."""
    return program_root().joinpath("resources", *parts)


def migrations_dir() -> Path:
    return program_root() / "db"


def is_portable() -> bool:
    return (executable_dir() / PORTABLE_MARKER).exists()


def data_dir() -> Path:
    """The user's data folder: beside the program in portable mode, else platformdirs' user data dir.

    `DUBAN_DATA_DIR` overrides both (tests and smoke tests use it to stay away from the real one).
    """
    override = os.environ.get("DUBAN_DATA_DIR")
    if override:
        path = Path(override)
    elif is_portable():
        path = executable_dir() / "data"
    else:
        from platformdirs import user_data_dir

        path = Path(user_data_dir(APP_NAME, APP_AUTHOR))
    path.mkdir(parents=True, exist_ok=True)
    return path


def default_db_path() -> Path:
    return data_dir() / "duban.sqlite3"


def backup_dir(db_path: Path | None = None, *, create: bool = True) -> Path:
    """Backups sit in a `backups` folder next to the database they protect.

    `create=False` only names the folder: looking for backups (a read-only command, a refused file) must not
    leave an empty `backups` folder beside a file."""
    base = Path(db_path).resolve().parent if db_path else data_dir()
    path = base / "backups"
    if create:
        path.mkdir(parents=True, exist_ok=True)
    return path


def log_dir() -> Path:
    path = data_dir() / "logs"
    path.mkdir(parents=True, exist_ok=True)
    return path
