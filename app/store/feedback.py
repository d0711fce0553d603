"""Feedback forms (反馈表): rounds sent, replies read back and each reply's rows (db/0005). Returns the frozen
records of app/domain/feedback.py."""
from __future__ import annotations

from datetime import date
from typing import Any, Iterable

import sqlite_utils

from app.domain.feedback import FeedbackEntry, FeedbackRound, RoundReply, RowReport
from app.domain.records import iso_date
from app.store.audit import now
from app.store.batches import chunks
from app.store.rows import inserted_id


def _round(row: dict[str, Any]) -> FeedbackRound:
    return FeedbackRound(id=row["id"], plan_id=row["plan_id"], unit_id=row["unit_id"],
                         sent_on=date.fromisoformat(row["sent_on"]), reply_by=date.fromisoformat(row["reply_by"]),
                         file_name=row["file_name"], task_count=row["task_count"])


def insert_round(db: sqlite_utils.Database, *, plan_id: int, unit_id: int, sent_on: date, reply_by: date,
                 file_name: str, task_count: int) -> int:
    return inserted_id(db.execute(
        "INSERT INTO feedback_rounds (plan_id, unit_id, sent_on, reply_by, file_name, task_count, created_at) "
        "VALUES (?, ?, ?, ?, ?, ?, ?)",
        [plan_id, unit_id, sent_on.isoformat(), reply_by.isoformat(), file_name, task_count, now()]))


def rounds(db: sqlite_utils.Database, round_ids: Iterable[int]) -> dict[int, FeedbackRound]:
    out: dict[int, FeedbackRound] = {}
    for chunk in chunks(round_ids):
        for row in db.query(f"SELECT * FROM feedback_rounds WHERE id IN ({','.join('?' * len(chunk))})", chunk):
            out[row["id"]] = _round(row)
    return out


def latest_fingerprints(db: sqlite_utils.Database, round_ids: Iterable[int]) -> dict[tuple[int, int], str]:
    """(round, task) → the fingerprint of the latest row recorded for it."""
    out: dict[tuple[int, int], str] = {}
    for chunk in chunks(round_ids):
        for row in db.query(
                f"""SELECT r.round_id, fr.task_id, fr.fingerprint FROM feedback_rows fr
                    JOIN feedback_replies r ON r.id = fr.reply_id
                    WHERE r.round_id IN ({','.join('?' * len(chunk))}) ORDER BY fr.id""", chunk):
            out[(row["round_id"], row["task_id"])] = row["fingerprint"]
    return out


def insert_reply(db: sqlite_utils.Database, *, round_id: int, received_on: date, file_name: str, file_sha256: str,
                 filled_by: str, phone: str) -> int:
    return inserted_id(db.execute(
        "INSERT INTO feedback_replies (round_id, received_on, file_name, file_sha256, filled_by, phone, recorded_at) "
        "VALUES (?, ?, ?, ?, ?, ?, ?)",
        [round_id, received_on.isoformat(), file_name, file_sha256, filled_by, phone, now()]))


def insert_row(db: sqlite_utils.Database, reply_id: int, *, task_id: int, progress_id: int, report: RowReport) -> int:
    """One row of a reply: the unit's report on a task and the progress entry it made."""
    return inserted_id(db.execute(
        "INSERT INTO feedback_rows (reply_id, task_id, progress_id, fingerprint, status_word, percent, progress_text, "
        "problems, next_steps, extension_requested) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
        [reply_id, task_id, progress_id, report.fingerprint, report.status_word, report.percent,
         report.progress_text, report.problems, report.next_steps, int(report.extension_requested)]))


def reply(db: sqlite_utils.Database, reply_id: int) -> dict[str, Any] | None:
    """A reply with its rows, as the audit log keeps it (JSON, read by nobody but a person)."""
    found = next(db.query("SELECT * FROM feedback_replies WHERE id = ?", [reply_id]), None)
    if found is not None:
        found["rows"] = list(db.query("SELECT * FROM feedback_rows WHERE reply_id = ? ORDER BY id", [reply_id]))
    return found


def delete_reply(db: sqlite_utils.Database, reply_id: int) -> None:
    db.execute("DELETE FROM feedback_rows WHERE reply_id = ?", [reply_id])
    db.execute("DELETE FROM feedback_replies WHERE id = ?", [reply_id])


def latest_rounds(db: sqlite_utils.Database, plan_id: int) -> list[RoundReply]:
    """Every unit with tasks in the plan (standing ones too), in the order they first appear (the plan's tasks in
    order, each task's units as `tasks.assignments` lists them), each with its latest round of the plan (by date
    sent) and the date of that round's first reply; one query."""
    rows = db.query(
        """WITH seen AS (
               SELECT a.unit_id, u.name AS unit_name,
                      row_number() OVER (ORDER BY t.position, t.id, a.standing, a.role, a.position) AS seq
               FROM tasks t JOIN assignments a ON a.task_id = t.id JOIN units u ON u.id = a.unit_id
               WHERE t.plan_id = :plan AND t.removed_on IS NULL),
           plan_units AS (SELECT unit_id, unit_name, min(seq) AS seq FROM seen GROUP BY unit_id, unit_name),
           latest AS (
               SELECT fr.id, fr.unit_id, fr.sent_on, fr.reply_by,
                      row_number() OVER (PARTITION BY fr.unit_id ORDER BY fr.sent_on DESC, fr.id DESC) AS recency
               FROM feedback_rounds fr WHERE fr.plan_id = :plan)
           SELECT p.unit_id, p.unit_name, l.id AS round_id, l.sent_on, l.reply_by,
                  (SELECT min(received_on) FROM feedback_replies r WHERE r.round_id = l.id) AS replied_on,
                  (SELECT count(*) FROM feedback_replies r WHERE r.round_id = l.id) AS replies
           FROM plan_units p LEFT JOIN latest l ON l.unit_id = p.unit_id AND l.recency = 1
           ORDER BY p.seq""", {"plan": plan_id})
    return [RoundReply(unit_id=row["unit_id"], unit=row["unit_name"], round_id=row["round_id"],
                       sent_on=iso_date(row["sent_on"]), reply_by=iso_date(row["reply_by"]),
                       replied_on=iso_date(row["replied_on"]), replies=row["replies"]) for row in rows]


def history_of_tasks(db: sqlite_utils.Database, task_ids: Iterable[int]) -> dict[int, list[FeedbackEntry]]:
    """Every reply row of these tasks, oldest first; a 申请延期 is pending until a 延期 is recorded on or after the
    day the form was received."""
    out: dict[int, list[FeedbackEntry]] = {}
    for chunk in chunks(task_ids):
        for row in db.query(
                f"""SELECT fr.*, r.received_on, r.file_name, u.name AS unit_name,
                           EXISTS (SELECT 1 FROM deadline_changes d WHERE d.task_id = fr.task_id
                                   AND d.recorded_on >= r.received_on) AS extended_since
                    FROM feedback_rows fr JOIN feedback_replies r ON r.id = fr.reply_id
                    JOIN feedback_rounds fo ON fo.id = r.round_id JOIN units u ON u.id = fo.unit_id
                    WHERE fr.task_id IN ({','.join('?' * len(chunk))}) ORDER BY r.received_on, fr.id""", chunk):
            out.setdefault(row["task_id"], []).append(FeedbackEntry(
                task_id=row["task_id"], unit=row["unit_name"], received_on=date.fromisoformat(row["received_on"]),
                status_word=row["status_word"], percent=row["percent"], progress_text=row["progress_text"],
                problems=row["problems"], next_steps=row["next_steps"],
                extension_requested=bool(row["extension_requested"]),
                extension_pending=bool(row["extension_requested"]) and not row["extended_since"],
                file_name=row["file_name"]))
    return out

