"""Settings rows: key → JSON value. The declarations (types, defaults, labels) are app/domain/settings.py."""
from __future__ import annotations

import json
from typing import Any

import sqlite_utils


def load(db: sqlite_utils.Database) -> dict[str, Any]:
    return {r["key"]: json.loads(r["value"]) for r in db.query("SELECT key, value FROM settings")}


def get(db: sqlite_utils.Database, key: str, default: Any = None) -> Any:
    row = next(db.query("SELECT value FROM settings WHERE key = ?", [key]), None)
    return json.loads(row["value"]) if row else default


def put(db: sqlite_utils.Database, key: str, value: Any) -> None:
    db.execute(
        "INSERT INTO settings (key, value) VALUES (?, ?) ON CONFLICT(key) DO UPDATE SET value = excluded.value",
        [key, json.dumps(value, ensure_ascii=False)],
    )
