"""The register of notices: numbers allocated per kind and year (never reused), the notice rows, their tasks.

A number is taken inside the caller's transaction together with the row that records the notice, so a
failure leaves neither; a voided notice keeps its row and its number.
"""
from __future__ import annotations

import json
from typing import Any, Iterable, cast

import sqlite_utils

from app.store.audit import now
from app.store.rows import inserted_id


def take_number(db: sqlite_utils.Database, kind: str, year: int) -> int:
    """The next sequence number of a kind in a year (1, 2, …); call inside the transaction that records it."""
    row = next(db.query(
        "INSERT INTO notice_sequences (kind, year, last_seq) VALUES (?, ?, 1) "
        "ON CONFLICT(kind, year) DO UPDATE SET last_seq = last_seq + 1 RETURNING last_seq",
        [kind, year],
    ))
    return cast(int, row["last_seq"])


def insert(db: sqlite_utils.Database, row: dict[str, Any], task_ids: Iterable[int]) -> int:
    """Record an issued notice and link its tasks; `row["params"]` (a dict) is stored as JSON."""
    values = {"unit_id": None, "plan_id": None, "reply_by": None, "style": None, "file_path": None, **row,
              "params": json.dumps(row.get("params") or {}, ensure_ascii=False), "created_at": now()}
    notice_id = inserted_id(db.execute(
        "INSERT INTO notices (number, kind, year, seq, unit_id, plan_id, issued_on, reply_by, style, file_path, "
        "params, created_at) VALUES (:number, :kind, :year, :seq, :unit_id, :plan_id, :issued_on, :reply_by, "
        ":style, :file_path, :params, :created_at)", values,
    ))
    for task_id in dict.fromkeys(task_ids):
        db.execute("INSERT INTO notice_tasks (notice_id, task_id) VALUES (?, ?)", [notice_id, task_id])
    return notice_id


def _decoded(row: dict[str, Any]) -> dict[str, Any]:
    row["params"] = json.loads(row["params"] or "{}")
    row["voided"] = bool(row["voided"])
    return row


_SELECT = """SELECT n.*, u.name AS unit_name, p.title AS plan_title,
                    (SELECT COUNT(*) FROM notice_tasks nt WHERE nt.notice_id = n.id) AS task_count,
                    (SELECT GROUP_CONCAT(t.title, '；') FROM notice_tasks nt JOIN tasks t ON t.id = nt.task_id
                      WHERE nt.notice_id = n.id) AS task_titles
             FROM notices n LEFT JOIN units u ON u.id = n.unit_id LEFT JOIN plans p ON p.id = n.plan_id"""


def _one(db: sqlite_utils.Database, column: str, value: int | str) -> dict[str, Any] | None:
    row = next(db.query(f"{_SELECT} WHERE {column} = ?", [value]), None)
    return None if row is None else _decoded(row)


def get(db: sqlite_utils.Database, notice_id: int) -> dict[str, Any] | None:
    return _one(db, "n.id", notice_id)


def by_number(db: sqlite_utils.Database, number: str) -> dict[str, Any] | None:
    return _one(db, "n.number", number)


def listing(db: sqlite_utils.Database, *, kind: str | None = None, unit_id: int | None = None) -> list[dict[str, Any]]:
    """Every notice, newest first (voided ones included: the register keeps them)."""
    where: list[str] = []
    params: list[Any] = []
    if kind:
        where.append("n.kind = ?")
        params.append(kind)
    if unit_id is not None:
        where.append("n.unit_id = ?")
        params.append(unit_id)
    clause = f" WHERE {' AND '.join(where)}" if where else ""
    return [_decoded(r) for r in db.query(f"{_SELECT}{clause} ORDER BY n.issued_on DESC, n.id DESC", params)]


def registered_files(db: sqlite_utils.Database, paths: Iterable[str]) -> set[str]:
    """Which of these file paths a notice in the register was written to."""
    found: set[str] = set()
    wanted = list(dict.fromkeys(paths))
    for start in range(0, len(wanted), 500):
        chunk = wanted[start:start + 500]
        marks = ",".join("?" * len(chunk))
        found.update(r["file_path"] for r in db.query(f"SELECT file_path FROM notices WHERE file_path IN ({marks})",
                                                      chunk))
    return found


def set_file(db: sqlite_utils.Database, notice_id: int, path: str) -> None:
    db.execute("UPDATE notices SET file_path = ? WHERE id = ?", [path, notice_id])


def void(db: sqlite_utils.Database, notice_id: int, reason: str) -> None:
    db.execute("UPDATE notices SET voided = 1, voided_reason = ? WHERE id = ?", [reason, notice_id])


def chase_history(db: sqlite_utils.Database, task_ids: Iterable[int], unit_id: int | None) -> dict[int, dict[str, Any]]:
    """For each task: how many notices (not voided) already went to this unit about it, and the last number."""
    ids = list(dict.fromkeys(task_ids))
    out: dict[int, dict[str, Any]] = {}
    for start in range(0, len(ids), 500):
        chunk = ids[start:start + 500]
        marks = ",".join("?" * len(chunk))
        rows = db.query(
            f"""SELECT nt.task_id, n.number FROM notice_tasks nt JOIN notices n ON n.id = nt.notice_id
                WHERE nt.task_id IN ({marks}) AND n.voided = 0 AND n.unit_id IS ?
                ORDER BY n.issued_on, n.id""", [*chunk, unit_id])
        for row in rows:
            entry = out.setdefault(row["task_id"], {"count": 0, "last_number": None})
            entry["count"] += 1
            entry["last_number"] = row["number"]
    return out


def same_day(db: sqlite_utils.Database, kind: str, unit_id: int, issued_on: str) -> list[tuple[str, frozenset[int]]]:
    """The notices (not voided) of a kind to a unit on a day: each one's number and its tasks, oldest first."""
    found: dict[str, set[int]] = {}
    for row in db.query(
            "SELECT n.number, nt.task_id FROM notices n LEFT JOIN notice_tasks nt ON nt.notice_id = n.id "
            "WHERE n.kind = ? AND n.unit_id = ? AND n.issued_on = ? AND n.voided = 0 ORDER BY n.id",
            [kind, unit_id, issued_on]):
        tasks = found.setdefault(row["number"], set())
        if row["task_id"] is not None:
            tasks.add(row["task_id"])
    return [(number, frozenset(tasks)) for number, tasks in found.items()]


def latest_of_plan(db: sqlite_utils.Database, kind: str, plan_id: int, on_or_before: str) -> dict[str, Any] | None:
    """The latest notice (not voided) of a kind on a plan issued on or before a day (the previous 情况通报)."""
    row = next(db.query(f"{_SELECT} WHERE n.kind = ? AND n.plan_id = ? AND n.voided = 0 AND n.issued_on <= ? "
                        "ORDER BY n.issued_on DESC, n.id DESC LIMIT 1", [kind, plan_id, on_or_before]), None)
    return None if row is None else _decoded(row)
