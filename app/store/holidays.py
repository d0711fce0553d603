"""The office's own holiday table (休 / 班 days), kept for years and local days chinese-calendar does not know."""
from __future__ import annotations

import json
from dataclasses import dataclass
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


@dataclass(frozen=True)
class HolidayRow:
    """One day of the office's table: `is_workday` true for a make-up working day (班), false for a day off (休)."""

    day: str
    is_workday: bool
    name: str


def _rows(db: sqlite_utils.Database, sql: str, params: dict[str, Any]) -> list[HolidayRow]:
    return [HolidayRow(r["day"], bool(r["is_workday"]), r["name"]) for r in db.query(sql, params)]


def of_year(db: sqlite_utils.Database, year: int) -> list[HolidayRow]:
    return _rows(db, "SELECT day, is_workday, name FROM holidays WHERE day >= :first AND day <= :last ORDER BY day",
                 {"first": f"{year:04d}-01-01", "last": f"{year:04d}-12-31"})


def of_days(db: sqlite_utils.Database, days: Iterable[str]) -> list[HolidayRow]:
    return _rows(db, "SELECT day, is_workday, name FROM holidays WHERE day IN (SELECT value FROM json_each(:days)) "
                 "ORDER BY day", {"days": json.dumps(list(days))})


def delete(db: sqlite_utils.Database, days: Iterable[str]) -> None:
    db.execute("DELETE FROM holidays WHERE day IN (SELECT value FROM json_each(:days))", {"days": json.dumps(list(days))})


def has_rest_day_in(db: sqlite_utils.Database, year: int) -> bool:
    """Whether the table lists a day off in `year` (make-up working days alone do not describe a year)."""
    return bool(db.execute(
        "SELECT EXISTS (SELECT 1 FROM holidays WHERE is_workday = 0 AND day >= ? AND day <= ?)",
        [f"{year:04d}-01-01", f"{year:04d}-12-31"]).fetchone()[0])
