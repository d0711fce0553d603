"""The only package that speaks SQL. `Store` (connection.py) opens the database; the other modules hold the
SQL of one subject each (plans, tasks, units, progress, settings, audit, task queries) and return frozen records
(app/domain/records.py), never row dicts; their writers take records or typed values. A row asked for by id that is
missing raises one error, `rows.MissingRow` (a StoreError: 没有编号为 N 的任务). A task's derived columns (dates in
force, started / done / percent) are kept by the writers themselves (derived.py). Use cases combine them in
app/ops/; nothing else imports this package's SQL."""
from app.store.connection import Store, list_backups, latest_good_backup, restore_backup

__all__ = ["Store", "list_backups", "latest_good_backup", "restore_backup"]
