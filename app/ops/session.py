"""Opening the database for a use case (the window and the command line both start here)."""
from __future__ import annotations

from pathlib import Path

from app import paths
from app.store.connection import Store, latest_version


def resolve_db_path(path: Path | str | None) -> Path:
    """`--db` or the default database in the user's data folder."""
    return Path(path) if path else paths.default_db_path()


def open_store(path: Path | str | None = None, *, readonly: bool = False, backup: bool = True,
               create: bool = True) -> Store:
    """The database at `path` (default: the user's data folder), checked, backed up and migrated.

    `create=False`: a missing or empty file is refused instead of becoming a new database (commands that only
    change an existing database: notices, bulletins, the register, backups)."""
    return Store.open(resolve_db_path(path), readonly=readonly, backup=backup, create=create)


def open_for_reading(path: Path | str | None = None) -> Store:
    """A database for queries only: read-only (no backup, no WAL switch, nothing left beside the file), unless it
    first needs upgrading. A missing, empty or foreign file is refused untouched."""
    store = Store.open(resolve_db_path(path), readonly=True)
    if store.user_version < latest_version():
        store.close()
        with Store.open(resolve_db_path(path)):
            pass  # migrates, after a backup
        store = Store.open(resolve_db_path(path), readonly=True)
    return store


def open_companion(store: Store) -> Store:
    """Another connection to an open database, for a worker thread: no second check, backup or migration."""
    return store.open_another()
