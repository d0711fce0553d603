"""The three dates a task keeps: the plan's own (原定时限), the one now in force, and the one it is judged by."""
from __future__ import annotations

from datetime import date
from typing import Iterable

from app.domain.status import Extension, effective_due


def as_extension(row: dict) -> Extension:
    return Extension(
        original_due=date.fromisoformat(row["original_due"]) if row["original_due"] else None,
        new_due=date.fromisoformat(row["new_due"]),
        recorded_on=date.fromisoformat(row["recorded_on"]),
        reason=row.get("reason") or "",
    )


def deadline_columns(due: date | None, extension_rows: Iterable[dict]) -> dict:
    """Columns due / current_due / due_effective for a plan date and the task's extension rows."""
    exts = sorted((as_extension(r) for r in extension_rows), key=lambda e: e.recorded_on)
    current = exts[-1].new_due if exts else due
    judged = effective_due(due, exts)
    return {
        "due": due.isoformat() if due else None,
        "current_due": current.isoformat() if current else None,
        "due_effective": judged.isoformat() if judged else None,
    }
