"""Progress entries (进展) and deadline changes (延期) of tasks, as records. Each writer brings the task's derived
columns up to date in the same transaction (app/store/derived.py)."""
from __future__ import annotations

from datetime import date
from typing import Iterable

import sqlite_utils

from app.domain.records import ExtensionRecord, ProgressRecord, TaskNotice, iso_date, iso_text
from app.store import derived
from app.store.audit import now
from app.store.batches import rows_by_task
from app.store.rows import extension_record, first_record, get_or_raise, inserted_id, progress_record


def add(db: sqlite_utils.Database, task_id: int, *, on_date: date, content: str = "", unit_id: int | None = None,
        status_change: str | None = None, percent: int | None = None, attachment: str | None = None) -> int:
    progress_id = inserted_id(db.execute(
        "INSERT INTO progress (task_id, unit_id, on_date, content, status_change, percent, attachment, recorded_at) "
        "VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
        [task_id, unit_id, on_date.isoformat(), content, status_change, percent, attachment, now()],
    ))
    derived.refresh_progress(db, task_id)
    return progress_id


_PROGRESS = "SELECT p.*, u.name AS unit_name FROM progress p LEFT JOIN units u ON u.id = p.unit_id"


def require(db: sqlite_utils.Database, progress_id: int) -> ProgressRecord:
    """The entry, or the store's error for a missing row (没有编号为 N 的进展记录)."""
    found = first_record(db, f"{_PROGRESS} WHERE p.id = ?", [progress_id], progress_record)
    return get_or_raise(found, "进展记录", progress_id)


def delete(db: sqlite_utils.Database, entry: ProgressRecord) -> None:
    db.execute("DELETE FROM progress WHERE id = ?", [entry.id])
    derived.refresh_progress(db, entry.task_id)


def of_task(db: sqlite_utils.Database, task_id: int) -> list[ProgressRecord]:
    return [progress_record(r) for r in db.query(f"{_PROGRESS} WHERE p.task_id = ? ORDER BY p.on_date, p.id",
                                                 [task_id])]


def tasks_with_status(db: sqlite_utils.Database, status: str) -> list[int]:
    """Tasks that have at least one progress entry with this status change (e.g. 已完成)."""
    return [r["task_id"] for r in db.query(
        "SELECT DISTINCT task_id FROM progress WHERE status_change = :status", {"status": status})]


def of_tasks(db: sqlite_utils.Database, task_ids: Iterable[int]) -> dict[int, list[ProgressRecord]]:
    return rows_by_task(db, f"{_PROGRESS} WHERE p.task_id IN ({{marks}}) ORDER BY p.on_date, p.id", task_ids,
                        progress_record)


def add_extension(db: sqlite_utils.Database, task_id: int, *, original_due: date | None, new_due: date,
                  reason: str, recorded_on: date, basis: str = "") -> int:
    extension_id = inserted_id(db.execute(
        "INSERT INTO deadline_changes (task_id, original_due, new_due, reason, basis, recorded_on) "
        "VALUES (?, ?, ?, ?, ?, ?)",
        [task_id, iso_text(original_due), new_due.isoformat(), reason, basis, recorded_on.isoformat()],
    ))
    derived.refresh_dates(db, task_id)
    return extension_id


def require_extension(db: sqlite_utils.Database, extension_id: int) -> ExtensionRecord:
    """The extension, or the store's error for a missing row (没有编号为 N 的延期记录)."""
    found = first_record(db, "SELECT * FROM deadline_changes WHERE id = ?", [extension_id], extension_record)
    return get_or_raise(found, "延期记录", extension_id)


def delete_extension(db: sqlite_utils.Database, extension: ExtensionRecord) -> None:
    db.execute("DELETE FROM deadline_changes WHERE id = ?", [extension.id])
    derived.refresh_dates(db, extension.task_id)


def extensions_of_task(db: sqlite_utils.Database, task_id: int) -> list[ExtensionRecord]:
    return extensions_of_tasks(db, [task_id]).get(task_id, [])


def extensions_of_tasks(db: sqlite_utils.Database, task_ids: Iterable[int]) -> dict[int, list[ExtensionRecord]]:
    return rows_by_task(db, "SELECT * FROM deadline_changes WHERE task_id IN ({marks}) ORDER BY recorded_on, id",
                        task_ids, extension_record)


def notices_of_task(db: sqlite_utils.Database, task_id: int) -> list[TaskNotice]:
    return [TaskNotice(r["id"], r["number"], r["kind"], date.fromisoformat(r["issued_on"]), iso_date(r["reply_by"]),
                       bool(r["voided"]), r["unit_id"], r["unit_name"]) for r in db.query(
        """SELECT n.id, n.number, n.kind, n.issued_on, n.reply_by, n.voided, n.unit_id, u.name AS unit_name
           FROM notice_tasks nt JOIN notices n ON n.id = nt.notice_id LEFT JOIN units u ON u.id = n.unit_id
           WHERE nt.task_id = ? ORDER BY n.issued_on, n.id""", [task_id])]
