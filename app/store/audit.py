"""The audit log: every change, with when, what, and the row before and after (JSON)."""
from __future__ import annotations

import dataclasses
import json
from datetime import date, datetime
from typing import Any

import sqlite_utils

from app.domain.records import AuditEntry
from app.store.rows import inserted_id


def now() -> str:
    """A timestamp for records (the moment something was written, not the "today" of status logic)."""
    return datetime.now().isoformat(timespec="seconds")


def _plain(value: Any) -> Any:
    """A record (a frozen dataclass) as its fields, dates as ISO text: what the log's JSON holds."""
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        return {f.name: getattr(value, f.name) for f in dataclasses.fields(value)}
    if isinstance(value, date):
        return value.isoformat()
    return str(value)


def _dump(value: Any) -> str | None:
    return None if value is None else json.dumps(value, ensure_ascii=False, default=_plain)


def _entry(row: dict[str, Any]) -> AuditEntry:
    return AuditEntry(row["id"], row["at"], row["action"], row["entity"], row["entity_id"], row["before"],
                      row["after"])


def record(db: sqlite_utils.Database, action: str, entity: str, entity_id: int | None,
           before: Any = None, after: Any = None) -> int:
    cursor = db.execute(
        "INSERT INTO audit_log (at, action, entity, entity_id, before, after) VALUES (?, ?, ?, ?, ?, ?)",
        [now(), action, entity, entity_id, _dump(before), _dump(after)],
    )
    return inserted_id(cursor)


def get(db: sqlite_utils.Database, audit_id: int) -> AuditEntry | None:
    row = next(db.query("SELECT * FROM audit_log WHERE id = ?", [audit_id]), None)
    return None if row is None else _entry(row)


def entries(db: sqlite_utils.Database, *, entity: str | None = None, entity_id: int | None = None,
            action: str | None = None, limit: int = 100) -> list[AuditEntry]:
    where: list[str] = []
    params: list[Any] = []
    for column, value in (("entity", entity), ("entity_id", entity_id), ("action", action)):
        if value is not None:
            where.append(f"{column} = ?")
            params.append(value)
    sql = "SELECT * FROM audit_log" + (" WHERE " + " AND ".join(where) if where else "")
    return [_entry(r) for r in db.query(sql + " ORDER BY id DESC LIMIT ?", [*params, limit])]
