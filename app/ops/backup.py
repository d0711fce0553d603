"""Backups on demand and restoring one (the automatic rotating backup happens when the store opens)."""
from __future__ import annotations

from pathlib import Path

from app.store import audit, connection
from app.store.connection import Store


def backup(store: Store, out: Path | str | None = None) -> Path:
    """A consistent copy of the open database: to `out`, or a new rotating backup beside it."""
    return store.backup_to(out) if out else store.backup_rotating()


def list_backups(db_path: Path | str) -> list[Path]:
    """This database's automatic backups, newest first."""
    return connection.list_backups(db_path)


def restore(db_path: Path | str, backup_file: Path | str) -> Path:
    """Replace the database with a checked backup; the replaced one is backed up first (returned).

    The restored database records the restore in its audit log (and is migrated if the backup is older)."""
    saved = connection.restore_backup(backup_file, db_path)
    with Store.open(db_path, backup=False) as store:
        audit.record(store.db, "restore", "database", None, {"saved_as": str(saved)}, {"from": str(backup_file)})
    return saved
