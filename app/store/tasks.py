"""Tasks and their assignments (task × unit × role)."""
from __future__ import annotations

import json
from typing import Any, Iterable

import sqlite_utils

from app.store.audit import now
from app.store.batches import rows_by_task

# Columns a use case may write through `update`; the rest are kept by the store itself.
EDITABLE = ("position", "ref", "ref_label", "title", "text", "deadline_text", "due", "current_due", "due_effective",
            "ongoing", "start", "recurrence", "milestones", "started_on", "done_on", "percent", "removed_on")


def get(db: sqlite_utils.Database, task_id: int) -> dict[str, Any] | None:
    return next(db.query("SELECT * FROM tasks WHERE id = ?", [task_id]), None)


def of_plan(db: sqlite_utils.Database, plan_id: int, *, include_removed: bool = False) -> list[dict[str, Any]]:
    sql = "SELECT * FROM tasks WHERE plan_id = ?" + ("" if include_removed else " AND removed_on IS NULL")
    return list(db.query(sql + " ORDER BY position", [plan_id]))


def insert_many(db: sqlite_utils.Database, plan_id: int, rows: list[dict[str, Any]]) -> list[int]:
    """Insert tasks of one plan; returns their ids in order. Ids are given here (inside the caller's
    transaction nobody else can take them) so that one executemany does the whole batch."""
    if not rows:
        return []
    stamp = now()
    first = next(db.query("SELECT COALESCE(MAX(id), 0) + 1 AS n FROM tasks"))["n"]
    ids = list(range(first, first + len(rows)))
    columns = [k for k in EDITABLE if k in rows[0]]
    names = ["id", "plan_id", *columns, "created_at", "updated_at"]
    db.conn.executemany(
        f"INSERT INTO tasks ({', '.join(names)}) VALUES ({', '.join('?' * len(names))})",
        [(task_id, plan_id, *(row.get(k) for k in columns), stamp, stamp) for task_id, row in zip(ids, rows)],
    )
    return ids


def update(db: sqlite_utils.Database, task_id: int, fields: dict[str, Any]) -> None:
    row = {k: v for k, v in fields.items() if k in EDITABLE}
    if not row:
        return
    sets = ", ".join(f"{k} = ?" for k in row)
    db.execute(f"UPDATE tasks SET {sets}, updated_at = ? WHERE id = ?", [*row.values(), now(), task_id])


def assignments(db: sqlite_utils.Database, task_id: int, *, include_standing: bool = True) -> list[dict[str, Any]]:
    sql = """SELECT a.*, u.name AS unit_name, u.is_group FROM assignments a JOIN units u ON u.id = a.unit_id
             WHERE a.task_id = ?"""
    if not include_standing:
        sql += " AND a.standing = 0"
    return list(db.query(sql + " ORDER BY a.standing, a.role, a.position", [task_id]))


def assignments_of_tasks(db: sqlite_utils.Database, task_ids: Iterable[int]) -> dict[int, list[dict[str, Any]]]:
    """Printed assignments (standing units left out) of many tasks at once, by task id (every id present)."""
    ids = list(task_ids)
    found = rows_by_task(db, "SELECT * FROM assignments WHERE standing = 0 AND task_id IN ({marks}) "
                             "ORDER BY task_id, role, position", ids)
    return {i: found.get(i, []) for i in ids}


def replace_assignments(db: sqlite_utils.Database, task_id: int, rows: list[dict[str, Any]], *,
                        standing: bool = False) -> None:
    """Set a task's printed (or standing) assignments: rows of unit_id, role, position, printed."""
    db.execute("DELETE FROM assignments WHERE task_id = ? AND standing = ?", [task_id, int(standing)])
    insert_assignments(db, [dict(r, task_id=task_id, standing=int(standing)) for r in rows])


def insert_assignments(db: sqlite_utils.Database, rows: list[dict[str, Any]]) -> None:
    db.conn.executemany(
        "INSERT INTO assignments (task_id, unit_id, role, position, printed, standing) "
        "VALUES (:task_id, :unit_id, :role, :position, :printed, :standing)",
        rows,
    )


def dump_ref(ref: Iterable[str]) -> str:
    return json.dumps(list(ref), ensure_ascii=False)


def load_ref(text: str) -> tuple[str, ...]:
    return tuple(json.loads(text))
