"""Backups on demand and restoring one (the automatic rotating backup happens when the store opens)."""
from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from app.ops import notice_numbers
from app.ops.notice_numbers import KeptNumbers, NumberState
from app.store import audit, connection
from app.store.connection import Store


def backup(store: Store, out: Path | str | None = None) -> Path:
    """A consistent copy of the open database: to `out`, or a new rotating backup beside it."""
    return store.backup_to(out) if out else store.backup_rotating()


def list_backups(db_path: Path | str) -> list[Path]:
    """This database's automatic backups, newest first."""
    return connection.list_backups(db_path)


@dataclass(frozen=True)
class Restored:
    saved: Path  # the backup taken of the replaced database (the database's path when there was none)
    numbers: KeptNumbers  # where notice numbering continues; the numbers the restored register no longer lists


def restore(db_path: Path | str, backup_file: Path | str) -> Restored:
    """Replace the database with a checked backup; the replaced one is backed up first (`saved`).

    The restored database records the restore in its audit log (and is migrated if the backup is older), and
    keeps the replaced one's high-water mark of notice numbers (app.ops.notice_numbers): no number it issued
    or voided is issued again."""
    replaced: list[NumberState] = []
    saved = connection.restore_backup(backup_file, db_path,
                                      before=lambda current: replaced.append(notice_numbers.number_state(current)))
    with Store.open(db_path, backup=False) as store:
        with store.transaction() as db:
            audit.record(db, "restore", "database", None, {"saved_as": str(saved)}, {"from": str(backup_file)})
        kept = notice_numbers.keep_after_restore(store, replaced[0] if replaced else None)
    return Restored(saved, kept)
