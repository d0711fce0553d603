"""The three dates a task keeps: the plan's own (原定时限), the one now in force, and the one it is judged by."""
from __future__ import annotations

import json
from datetime import date
from typing import Any, Iterable, cast

from app.domain.matrix import Deadline
from app.domain.status import Extension, effective_due
from app.errors import UserError
from app.store import tasks as tasks_sql
from app.store.connection import Store


def iso_date(text: str | None) -> date | None:
    """A stored ISO date, or None for an empty column."""
    return date.fromisoformat(text) if text else None


def deadline_of(row: dict[str, Any]) -> Deadline | None:
    """A task row's deadline as the plan printed it and as it was read (None where it gave none)."""
    if row["deadline_text"] is None:
        return None
    return Deadline(
        text=row["deadline_text"], due=iso_date(row["due"]), ongoing=bool(row["ongoing"]),
        start=iso_date(row["start"]), recurrence=row["recurrence"],
        # milestones is a JSON list of ISO dates, never an empty string
        milestones=tuple(cast(date, iso_date(m)) for m in json.loads(row["milestones"] or "[]")),
    )


def require_task(store: Store, task_id: int) -> dict[str, Any]:
    row = tasks_sql.get(store.db, task_id)
    if not row:
        raise UserError(f"没有编号为 {task_id} 的任务。")
    return row


def as_extension(row: dict[str, Any]) -> Extension:
    return Extension(
        original_due=iso_date(row["original_due"]),
        new_due=date.fromisoformat(row["new_due"]),
        recorded_on=date.fromisoformat(row["recorded_on"]),
        reason=row.get("reason") or "",
    )


def due_at(plan_due: date | None, extension_rows: Iterable[dict[str, Any]], today: date) -> date | None:
    """The date a task is judged against at `today`: the plan's, moved by the extensions recorded by then
    (app/store/task_queries.py `_DUE_AT` says the same in SQL)."""
    # recorded_on is NOT NULL, so iso_date gives a date
    return effective_due(plan_due, [as_extension(r) for r in extension_rows
                                    if cast(date, iso_date(r["recorded_on"])) <= today])


def deadline_columns(due: date | None, extension_rows: Iterable[dict[str, Any]]) -> dict[str, Any]:
    """Columns due / current_due / due_effective for a plan date and the task's extension rows."""
    exts = sorted((as_extension(r) for r in extension_rows), key=lambda e: e.recorded_on)
    current = exts[-1].new_due if exts else due
    judged = effective_due(due, exts)
    return {
        "due": due.isoformat() if due else None,
        "current_due": current.isoformat() if current else None,
        "due_effective": judged.isoformat() if judged else None,
    }
