"""Progress entries (进展) and deadline changes (延期) of tasks."""
from __future__ import annotations

from typing import Any, Iterable

import sqlite_utils

from app.store.audit import now
from app.store.batches import rows_by_task
from app.store.rows import inserted_id


def add(db: sqlite_utils.Database, row: dict[str, Any]) -> int:
    return inserted_id(db.execute(
        "INSERT INTO progress (task_id, unit_id, on_date, content, status_change, percent, attachment, recorded_at) "
        "VALUES (:task_id, :unit_id, :on_date, :content, :status_change, :percent, :attachment, :recorded_at)",
        {**{k: None for k in ("unit_id", "status_change", "percent", "attachment")}, "content": "",
         **row, "recorded_at": now()},
    ))


def get(db: sqlite_utils.Database, progress_id: int) -> dict[str, Any] | None:
    return next(db.query("SELECT * FROM progress WHERE id = ?", [progress_id]), None)


def delete(db: sqlite_utils.Database, progress_id: int) -> None:
    db.execute("DELETE FROM progress WHERE id = ?", [progress_id])


def of_task(db: sqlite_utils.Database, task_id: int) -> list[dict[str, Any]]:
    return list(db.query(
        """SELECT p.*, u.name AS unit_name FROM progress p LEFT JOIN units u ON u.id = p.unit_id
           WHERE p.task_id = ? ORDER BY p.on_date, p.id""", [task_id]))


def tasks_with_status(db: sqlite_utils.Database, status: str) -> list[int]:
    """Tasks that have at least one progress entry with this status change (e.g. 已完成)."""
    return [r["task_id"] for r in db.query(
        "SELECT DISTINCT task_id FROM progress WHERE status_change = :status", {"status": status})]


def of_tasks(db: sqlite_utils.Database, task_ids: Iterable[int]) -> dict[int, list[dict[str, Any]]]:
    return rows_by_task(db, "SELECT * FROM progress WHERE task_id IN ({marks}) ORDER BY on_date, id", task_ids)


def add_extension(db: sqlite_utils.Database, task_id: int, original_due: str | None, new_due: str,
                  reason: str, recorded_on: str, basis: str = "") -> int:
    return inserted_id(db.execute(
        "INSERT INTO deadline_changes (task_id, original_due, new_due, reason, basis, recorded_on) "
        "VALUES (?, ?, ?, ?, ?, ?)",
        [task_id, original_due, new_due, reason, basis, recorded_on],
    ))


def get_extension(db: sqlite_utils.Database, extension_id: int) -> dict[str, Any] | None:
    return next(db.query("SELECT * FROM deadline_changes WHERE id = ?", [extension_id]), None)


def delete_extension(db: sqlite_utils.Database, extension_id: int) -> None:
    db.execute("DELETE FROM deadline_changes WHERE id = ?", [extension_id])


def extensions_of_tasks(db: sqlite_utils.Database, task_ids: Iterable[int]) -> dict[int, list[dict[str, Any]]]:
    return rows_by_task(db, "SELECT * FROM deadline_changes WHERE task_id IN ({marks}) ORDER BY recorded_on, id",
                        task_ids)


def notices_of_task(db: sqlite_utils.Database, task_id: int) -> list[dict[str, Any]]:
    return list(db.query(
        """SELECT n.id, n.number, n.kind, n.issued_on, n.reply_by, n.voided, n.unit_id, u.name AS unit_name
           FROM notice_tasks nt JOIN notices n ON n.id = nt.notice_id LEFT JOIN units u ON u.id = n.unit_id
           WHERE nt.task_id = ? ORDER BY n.issued_on, n.id""", [task_id]))
