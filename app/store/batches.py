"""Queries over many ids at once, in chunks that stay below SQLite's limit on bound parameters."""
from __future__ import annotations

from typing import Any, Callable, Iterable, Iterator, TypeVar

import sqlite_utils

CHUNK = 500
_Record = TypeVar("_Record")


def chunks(ids: Iterable[int], size: int = CHUNK) -> Iterator[list[int]]:
    ids = list(ids)
    for start in range(0, len(ids), size):
        yield ids[start:start + size]


def rows_by_task(db: sqlite_utils.Database, sql: str, task_ids: Iterable[int],
                 record: Callable[[dict[str, Any]], _Record]) -> dict[int, list[_Record]]:
    """Run `sql` (with a `{marks}` placeholder for the ids) chunk by chunk; rows as records, by their task_id."""
    out: dict[int, list[_Record]] = {}
    for chunk in chunks(task_ids):
        for row in db.query(sql.format(marks=",".join("?" * len(chunk))), chunk):
            out.setdefault(row["task_id"], []).append(record(row))
    return out
