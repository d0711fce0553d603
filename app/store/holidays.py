"""The office's own holiday table (休 / 班 days), kept for years and local days chinese-calendar does not know."""
from __future__ import annotations

from datetime import date
from typing import Iterable

import sqlite_utils

from app.domain.workdays import OfficeHoliday


def load(db: sqlite_utils.Database) -> list[OfficeHoliday]:
    return [OfficeHoliday(date.fromisoformat(r["day"]), bool(r["is_workday"]), r["name"])
            for r in db.query("SELECT day, is_workday, name FROM holidays ORDER BY day")]


def put_all(db: sqlite_utils.Database, rows: Iterable[OfficeHoliday]) -> int:
    """Add or replace days (a newly published schedule overrides what was typed before); returns how many."""
    count = 0
    for row in rows:
        db.execute(
            "INSERT INTO holidays (day, is_workday, name) VALUES (:day, :is_workday, :name) "
            "ON CONFLICT(day) DO UPDATE SET is_workday = excluded.is_workday, name = excluded.name",
            {"day": row.day.isoformat(), "is_workday": int(row.is_workday), "name": row.name})
        count += 1
    return count
