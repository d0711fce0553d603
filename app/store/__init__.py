"""The only package that speaks SQL. `Store` (connection.py) opens the database; the other modules hold the
SQL of one subject each (plans, tasks, units, progress, settings, audit, task queries) and return plain
dicts or domain objects. Use cases combine them in app/ops/; nothing else imports this package's SQL."""
from app.store.connection import Store, list_backups, latest_good_backup, restore_backup

__all__ = ["Store", "list_backups", "latest_good_backup", "restore_backup"]
