"""The audit log: every change, with when, what, and the row before and after (JSON)."""
from __future__ import annotations

import json
from datetime import datetime
from typing import Any

import sqlite_utils

from app.store.rows import inserted_id


def now() -> str:
    """A timestamp for records (the moment something was written, not the "today" of status logic)."""
    return datetime.now().isoformat(timespec="seconds")


def _dump(value: Any) -> str | None:
    return None if value is None else json.dumps(value, ensure_ascii=False, default=str)


def record(db: sqlite_utils.Database, action: str, entity: str, entity_id: int | None,
           before: Any = None, after: Any = None) -> int:
    cursor = db.execute(
        "INSERT INTO audit_log (at, action, entity, entity_id, before, after) VALUES (?, ?, ?, ?, ?, ?)",
        [now(), action, entity, entity_id, _dump(before), _dump(after)],
    )
    return inserted_id(cursor)


def get(db: sqlite_utils.Database, audit_id: int) -> dict[str, Any] | None:
    row = next(db.query("SELECT * FROM audit_log WHERE id = ?", [audit_id]), None)
    if row:
        row["before"] = json.loads(row["before"]) if row["before"] else None
        row["after"] = json.loads(row["after"]) if row["after"] else None
    return row


def entries(db: sqlite_utils.Database, *, entity: str | None = None, entity_id: int | None = None,
            action: str | None = None, limit: int = 100) -> list[dict[str, Any]]:
    where: list[str] = []
    params: list[Any] = []
    for column, value in (("entity", entity), ("entity_id", entity_id), ("action", action)):
        if value is not None:
            where.append(f"{column} = ?")
            params.append(value)
    sql = "SELECT * FROM audit_log" + (" WHERE " + " AND ".join(where) if where else "")
    return list(db.query(sql + " ORDER BY id DESC LIMIT ?", [*params, limit]))
