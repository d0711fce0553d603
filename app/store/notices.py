"""The register of notices: numbers allocated per kind and year (never reused), the notice rows, their tasks.

A number is taken inside the caller's transaction together with the row that records the notice, so a
failure leaves neither; a voided notice keeps its row and its number.
"""
from __future__ import annotations

import json
from datetime import date
from typing import Any, Iterable, cast

import sqlite_utils

from app.domain.records import ChaseHistory, NoticeFields, NoticeRecord, iso_date, iso_text
from app.store.audit import now
from app.store.rows import first_record, get_or_raise, inserted_id


def take_number(db: sqlite_utils.Database, kind: str, year: int) -> int:
    """The next sequence number of a kind in a year (1, 2, …); call inside the transaction that records it."""
    row = next(db.query(
        "INSERT INTO notice_sequences (kind, year, last_seq) VALUES (?, ?, 1) "
        "ON CONFLICT(kind, year) DO UPDATE SET last_seq = last_seq + 1 RETURNING last_seq",
        [kind, year],
    ))
    return cast(int, row["last_seq"])


def insert(db: sqlite_utils.Database, notice: NoticeFields, task_ids: Iterable[int]) -> int:
    """Record an issued notice and link its tasks; its params are stored as JSON."""
    notice_id = inserted_id(db.execute(
        "INSERT INTO notices (number, kind, year, seq, unit_id, plan_id, issued_on, reply_by, style, file_path, "
        "params, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
        [notice.number, notice.kind, notice.year, notice.seq, notice.unit_id, notice.plan_id,
         notice.issued_on.isoformat(), iso_text(notice.reply_by), notice.style, notice.file_path,
         json.dumps(notice.params, ensure_ascii=False), now()],
    ))
    for task_id in dict.fromkeys(task_ids):
        db.execute("INSERT INTO notice_tasks (notice_id, task_id) VALUES (?, ?)", [notice_id, task_id])
    return notice_id


def _record(row: dict[str, Any]) -> NoticeRecord:
    return NoticeRecord(
        id=row["id"], number=row["number"], kind=row["kind"], year=row["year"], seq=row["seq"], unit_id=row["unit_id"],
        plan_id=row["plan_id"], issued_on=cast(date, iso_date(row["issued_on"])), reply_by=iso_date(row["reply_by"]),
        style=row["style"], file_path=row["file_path"], params=json.loads(row["params"] or "{}"),
        voided=bool(row["voided"]), voided_reason=row["voided_reason"], unit_name=row["unit_name"],
        plan_title=row["plan_title"], task_count=row["task_count"], task_titles=tuple(row["task_titles"].split("；")) if row["task_titles"] else (),
    )


_SELECT = """SELECT n.*, u.name AS unit_name, p.title AS plan_title,
                    (SELECT COUNT(*) FROM notice_tasks nt WHERE nt.notice_id = n.id) AS task_count,
                    (SELECT GROUP_CONCAT(t.title, '；') FROM notice_tasks nt JOIN tasks t ON t.id = nt.task_id
                      WHERE nt.notice_id = n.id) AS task_titles
             FROM notices n LEFT JOIN units u ON u.id = n.unit_id LEFT JOIN plans p ON p.id = n.plan_id"""


def _one(db: sqlite_utils.Database, column: str, value: int | str) -> NoticeRecord | None:
    return first_record(db, f"{_SELECT} WHERE {column} = ?", [value], _record)


def get(db: sqlite_utils.Database, notice_id: int) -> NoticeRecord | None:
    return _one(db, "n.id", notice_id)


def require(db: sqlite_utils.Database, notice_id: int) -> NoticeRecord:
    return get_or_raise(get(db, notice_id), "通知", notice_id)


def by_number(db: sqlite_utils.Database, number: str) -> NoticeRecord | None:
    return _one(db, "n.number", number)


def listing(db: sqlite_utils.Database, *, kind: str | None = None, unit_id: int | None = None) -> list[NoticeRecord]:
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
    return [_record(r) for r in db.query(f"{_SELECT}{clause} ORDER BY n.issued_on DESC, n.id DESC", params)]


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


def chase_history(db: sqlite_utils.Database, task_ids: Iterable[int], unit_id: int | None) -> dict[int, ChaseHistory]:
    """For each task: how many notices (not voided) already went to this unit about it, and the last number."""
    ids = list(dict.fromkeys(task_ids))
    numbers: dict[int, list[str]] = {}
    for start in range(0, len(ids), 500):
        chunk = ids[start:start + 500]
        marks = ",".join("?" * len(chunk))
        rows = db.query(
            f"""SELECT nt.task_id, n.number FROM notice_tasks nt JOIN notices n ON n.id = nt.notice_id
                WHERE nt.task_id IN ({marks}) AND n.voided = 0 AND n.unit_id IS ?
                ORDER BY n.issued_on, n.id""", [*chunk, unit_id])
        for row in rows:
            numbers.setdefault(row["task_id"], []).append(row["number"])
    return {task_id: ChaseHistory(len(issued), issued[-1]) for task_id, issued in numbers.items()}


def same_day(db: sqlite_utils.Database, kind: str, unit_id: int, issued_on: date) -> list[tuple[str, frozenset[int]]]:
    """The notices (not voided) of a kind to a unit on a day: each one's number and its tasks, oldest first."""
    found: dict[str, set[int]] = {}
    for row in db.query(
            "SELECT n.number, nt.task_id FROM notices n LEFT JOIN notice_tasks nt ON nt.notice_id = n.id "
            "WHERE n.kind = ? AND n.unit_id = ? AND n.issued_on = ? AND n.voided = 0 ORDER BY n.id",
            [kind, unit_id, issued_on.isoformat()]):
        tasks = found.setdefault(row["number"], set())
        if row["task_id"] is not None:
            tasks.add(row["task_id"])
    return [(number, frozenset(tasks)) for number, tasks in found.items()]


def latest_of_plan(db: sqlite_utils.Database, kind: str, plan_id: int, on_or_before: date) -> NoticeRecord | None:
    """The latest notice (not voided) of a kind on a plan issued on or before a day (the previous 情况通报)."""
    return first_record(db, f"{_SELECT} WHERE n.kind = ? AND n.plan_id = ? AND n.voided = 0 AND n.issued_on <= ? "
                            "ORDER BY n.issued_on DESC, n.id DESC LIMIT 1",
                        [kind, plan_id, on_or_before.isoformat()], _record)
