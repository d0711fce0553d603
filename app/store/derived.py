"""The task columns the store derives and keeps itself, so that no write path can forget them:

- `current_due` (the deadline in force after extensions) and `due_effective` (the date judged against, by
  app/domain/status.py `effective_due`), from the plan's date and the task's extensions (延期);
- `started_on`, `done_on` and `percent`, as of the task's latest progress entry (app/domain/records.py
  `task_progress`: any unit's report starts the work; a task-wide or lead unit's 已完成 completes it).

The writers that change what they depend on (tasks.insert_many / update / replace_assignments, progress.add /
delete, add_extension / delete_extension) call these in the same transaction. Each refresh stamps `updated_at`;
`restore_updated_at` puts an earlier stamp back (an undo after which these columns came out as they were).
"""
from __future__ import annotations

from datetime import date
import sqlite_utils

from app.domain.matrix import ROLE_LEAD
from app.domain.records import ExtensionRecord, iso_date, iso_text, task_progress
from app.domain.status import effective_due
from app.store.audit import now
from app.store.rows import extension_record, progress_record


def due_columns(due: date | None, extensions: list[ExtensionRecord]) -> dict[str, str | None]:
    """current_due / due_effective for a plan date and the task's ExtensionRecords."""
    exts = sorted((e.extension for e in extensions), key=lambda e: e.recorded_on)
    current = exts[-1].new_due if exts else due
    return {"current_due": iso_text(current), "due_effective": iso_text(effective_due(due, exts))}


def refresh_dates(db: sqlite_utils.Database, task_id: int) -> None:
    row = next(db.query("SELECT due FROM tasks WHERE id = ?", [task_id]), None)
    if row is None:
        return
    extensions = [extension_record(r) for r in db.query(
        "SELECT * FROM deadline_changes WHERE task_id = ? ORDER BY recorded_on, id", [task_id])]
    columns = due_columns(iso_date(row["due"]), extensions)
    db.execute("UPDATE tasks SET current_due = :current_due, due_effective = :due_effective, updated_at = :now "
               "WHERE id = :id", {**columns, "id": task_id, "now": now()})


def refresh_progress(db: sqlite_utils.Database, task_id: int) -> None:
    entries = [progress_record(r) for r in db.query(
        "SELECT * FROM progress WHERE task_id = ? ORDER BY on_date, id", [task_id])]
    leads = [r["unit_id"] for r in db.query(
        "SELECT unit_id FROM assignments WHERE task_id = ? AND role = ?", [task_id, ROLE_LEAD])]
    everyone, task_wide = task_progress(entries, leads, None)
    db.execute("UPDATE tasks SET started_on = ?, done_on = ?, percent = ?, updated_at = ? WHERE id = ?",
               [iso_text(everyone.started_on), iso_text(task_wide.done_on),
                task_wide.percent if task_wide.percent is not None else everyone.percent, now(), task_id])


def restore_updated_at(db: sqlite_utils.Database, task_id: int, updated_at: str) -> None:
    """Put back a task's `updated_at` stamp (an undo after which the columns derived here came out as they were:
    the caller compares them)."""
    db.execute("UPDATE tasks SET updated_at = ? WHERE id = ?", [updated_at, task_id])
