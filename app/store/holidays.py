"""The office's own holiday table (休 / 班 days), kept for years and local days chinese-calendar does not know."""
from __future__ import annotations

from typing import Any, Iterable

import sqlite_utils


def load(db: sqlite_utils.Database) -> list[dict[str, Any]]:
    return list(db.query("SELECT day, is_workday, name FROM holidays ORDER BY day"))


def put_all(db: sqlite_utils.Database, rows: Iterable[dict[str, Any]]) -> int:
    """Add or replace days (a newly published schedule overrides what was typed before); returns how many."""
    count = 0
    for row in rows:
        db.execute(
            "INSERT INTO holidays (day, is_workday, name) VALUES (:day, :is_workday, :name) "
            "ON CONFLICT(day) DO UPDATE SET is_workday = excluded.is_workday, name = excluded.name", row)
        count += 1
    return count
