"""Tasks and their assignments (task × unit × role), as records (app/domain/records.py).

Writers take what the plan gives (TaskFields, AssignmentFields, a Deadline); the derived columns (current and
judged dates, started / done / percent) are kept by app/store/derived.py in the same transaction.
"""
from __future__ import annotations

import enum
from datetime import date
from typing import Any, Iterable

import sqlite_utils

from app.domain.matrix import Deadline
from app.domain.records import AssignmentFields, AssignmentRecord, TaskFields, TaskRecord, iso_text
from app.store import derived
from app.store.audit import now
from app.store.batches import rows_by_task
from app.store.rows import assignment_record, deadline_columns, dump_ref, first_record, get_or_raise, task_record


class _Unset(enum.Enum):
    UNSET = 0


UNSET = _Unset.UNSET  # "leave as it is", where None means something (no deadline, not removed)


def get(db: sqlite_utils.Database, task_id: int) -> TaskRecord | None:
    return first_record(db, "SELECT * FROM tasks WHERE id = ?", [task_id], task_record)


def require(db: sqlite_utils.Database, task_id: int) -> TaskRecord:
    """The task, or the store's error for a missing row (没有编号为 N 的任务)."""
    return get_or_raise(get(db, task_id), "任务", task_id)


def of_plan(db: sqlite_utils.Database, plan_id: int, *, include_removed: bool = False) -> list[TaskRecord]:
    sql = "SELECT * FROM tasks WHERE plan_id = ?" + ("" if include_removed else " AND removed_on IS NULL")
    return [task_record(r) for r in db.query(sql + " ORDER BY position", [plan_id])]


def _columns(task: TaskFields) -> dict[str, Any]:
    return {"position": task.position, "ref": dump_ref(task.ref), "ref_label": task.ref_label, "title": task.title,
            "text": task.text, **deadline_columns(task.deadline)}


def insert_many(db: sqlite_utils.Database, plan_id: int, tasks: list[TaskFields]) -> list[int]:
    """Insert tasks of one plan; returns their ids in order. Ids are given here (inside the caller's
    transaction nobody else can take them) so that one executemany does the whole batch. A new task has no
    extensions and no progress: its dates in force are the plan's."""
    if not tasks:
        return []
    stamp = now()
    first = next(db.query("SELECT COALESCE(MAX(id), 0) + 1 AS n FROM tasks"))["n"]
    ids = list(range(first, first + len(tasks)))
    rows = [_columns(t) for t in tasks]
    names = ["id", "plan_id", *rows[0], "current_due", "due_effective", "created_at", "updated_at"]
    db.conn.executemany(
        f"INSERT INTO tasks ({', '.join(names)}) VALUES ({', '.join('?' * len(names))})",
        [(task_id, plan_id, *row.values(), row["due"], row["due"], stamp, stamp) for task_id, row in zip(ids, rows)],
    )
    return ids


def update(db: sqlite_utils.Database, task_id: int, *, fields: TaskFields | None = None, title: str | None = None,
           text: str | None = None, deadline: Deadline | None | _Unset = UNSET,
           removed_on: date | None | _Unset = UNSET) -> None:
    """Change what the plan gives of a task (all of it: `fields`, or single values); a new deadline brings the
    dates in force up to date with the task's extensions."""
    row: dict[str, Any] = _columns(fields) if fields else {}
    if title is not None:
        row["title"] = title
    if text is not None:
        row["text"] = text
    if deadline is not UNSET:
        row.update(deadline_columns(deadline))
    if removed_on is not UNSET:
        row["removed_on"] = iso_text(removed_on)
    if not row:
        return
    sets = ", ".join(f"{k} = ?" for k in row)
    db.execute(f"UPDATE tasks SET {sets}, updated_at = ? WHERE id = ?", [*row.values(), now(), task_id])
    if "due" in row:
        derived.refresh_dates(db, task_id)


_ASSIGNMENTS = """SELECT a.*, u.name AS unit_name, u.is_group FROM assignments a JOIN units u ON u.id = a.unit_id"""


def assignments(db: sqlite_utils.Database, task_id: int, *, include_standing: bool = True) -> list[AssignmentRecord]:
    sql = f"{_ASSIGNMENTS} WHERE a.task_id = ?"
    if not include_standing:
        sql += " AND a.standing = 0"
    return [assignment_record(r) for r in db.query(sql + " ORDER BY a.standing, a.role, a.position", [task_id])]


def assignments_of_tasks(db: sqlite_utils.Database, task_ids: Iterable[int]) -> dict[int, list[AssignmentRecord]]:
    """Printed assignments (standing units left out) of many tasks at once, by task id (every id present)."""
    ids = list(task_ids)
    found = rows_by_task(db, f"{_ASSIGNMENTS} WHERE a.standing = 0 AND a.task_id IN ({{marks}}) "
                             "ORDER BY a.task_id, a.role, a.position", ids, assignment_record)
    return {i: found.get(i, []) for i in ids}


def replace_assignments(db: sqlite_utils.Database, task_id: int, rows: Iterable[AssignmentFields], *,
                        standing: bool = False) -> None:
    """Set a task's printed (or standing) assignments. Who leads decides who can complete the task: its
    started / done / percent follow."""
    db.execute("DELETE FROM assignments WHERE task_id = ? AND standing = ?", [task_id, int(standing)])
    insert_assignments(db, [(task_id, standing, r) for r in rows])
    if next(db.query("SELECT 1 AS x FROM progress WHERE task_id = ? LIMIT 1", [task_id]), None):
        derived.refresh_progress(db, task_id)


def insert_assignments(db: sqlite_utils.Database, rows: Iterable[tuple[int, bool, AssignmentFields]]) -> None:
    """(task id, standing, assignment) for tasks without progress yet (a new task's)."""
    db.conn.executemany(
        "INSERT INTO assignments (task_id, unit_id, role, position, printed, standing) VALUES (?, ?, ?, ?, ?, ?)",
        [(task_id, a.unit_id, a.role, a.position, a.printed, int(standing)) for task_id, standing, a in rows],
    )
