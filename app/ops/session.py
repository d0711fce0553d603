"""Opening and closing the database for a use case (the window and the command line both start here)."""
from __future__ import annotations

from pathlib import Path

from app import paths
from app.store.connection import Store


def open_store(path: Path | str | None = None, *, readonly: bool = False, backup: bool = True) -> Store:
    """The database at `path` (default: the user's data folder), checked, backed up and migrated."""
    return Store.open(Path(path) if path else paths.default_db_path(), readonly=readonly, backup=backup)
