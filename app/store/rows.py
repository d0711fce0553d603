"""What sqlite3 hands back, typed: the id an INSERT made, a row that must exist, the row helpers every module
uses to build its records (app/domain/records.py)."""
from __future__ import annotations

import json
import sqlite3
from datetime import date
from typing import Any, Callable, Iterable, TypeVar

import sqlite_utils

from app.domain.matrix import Deadline
from app.domain.records import (
    AssignmentRecord, ExtensionRecord, ProgressRecord, TaskRecord, iso_date, iso_text,
)
from app.errors import StoreError

_Record = TypeVar("_Record")


class MissingRow(StoreError):
    """A row asked for by its id (a task, a plan, a progress entry…) that the database does not hold."""


def get_or_raise(record: _Record | None, noun: str, key: int | str) -> _Record:
    """`record`, or the one store error for a missing row: 没有编号为 N 的任务 (`noun`: 任务, 方案, 进展记录…)."""
    if record is None:
        raise MissingRow(f"没有编号为 {key} 的{noun}。")
    return record


def first_record(db: sqlite_utils.Database, sql: str, params: list[Any],
                 record: Callable[[dict[str, Any]], _Record]) -> _Record | None:
    """The first row `sql` finds, as a record; None when there is none."""
    row = next(db.query(sql, params), None)
    return None if row is None else record(row)


def inserted_id(cursor: sqlite3.Cursor) -> int:
    """The rowid of the row the INSERT on `cursor` just made.

    sqlite3 types `lastrowid` as optional: it is None only on a cursor that has run no INSERT yet.
    """
    rowid = cursor.lastrowid
    if rowid is None:
        raise RuntimeError("no INSERT ran on this cursor")  # a bug in the store, never the user's input
    return rowid


# -- rows as records ------------------------------------------------------------------------------------
Row = dict[str, Any]


def load_ref(text: str) -> tuple[str, ...]:
    return tuple(json.loads(text))


def dump_ref(ref: Iterable[str]) -> str:
    return json.dumps(list(ref), ensure_ascii=False)


def deadline_of(row: Row) -> Deadline | None:
    """A task row's deadline as the plan printed it and as it was read (None where it gave none)."""
    if row["deadline_text"] is None:
        return None
    return Deadline(
        text=row["deadline_text"], due=iso_date(row["due"]), ongoing=bool(row["ongoing"]),
        start=iso_date(row["start"]), recurrence=row["recurrence"],
        milestones=tuple(date.fromisoformat(m) for m in json.loads(row["milestones"])) if row["milestones"] else (),
    )


def deadline_columns(deadline: Deadline | None) -> Row:
    """The columns a deadline is kept in (the dates derived from it are the store's: app/store/derived.py)."""
    d = deadline
    return {
        "deadline_text": d.text if d else None,
        "due": iso_text(d.due) if d else None,
        "ongoing": int(bool(d and d.ongoing)),
        "start": iso_text(d.start) if d else None,
        "recurrence": d.recurrence if d else None,
        "milestones": json.dumps([m.isoformat() for m in d.milestones]) if d and d.milestones else None,
    }


def task_record(row: Row) -> TaskRecord:
    return TaskRecord(
        id=row["id"], plan_id=row["plan_id"], position=row["position"], ref=load_ref(row["ref"]),
        ref_label=row["ref_label"], title=row["title"], text=row["text"] or "", deadline=deadline_of(row),
        current_due=iso_date(row["current_due"]), due_effective=iso_date(row["due_effective"]),
        started_on=iso_date(row["started_on"]), done_on=iso_date(row["done_on"]), percent=row["percent"],
        removed_on=iso_date(row["removed_on"]), updated_at=row["updated_at"],
    )


def assignment_record(row: Row) -> AssignmentRecord:
    return AssignmentRecord(id=row["id"], task_id=row["task_id"], unit_id=row["unit_id"], role=row["role"],
                            position=row["position"], printed=row["printed"], standing=bool(row["standing"]),
                            unit_name=row["unit_name"], is_group=bool(row["is_group"]))


def progress_record(row: Row) -> ProgressRecord:
    return ProgressRecord(row["id"], row["task_id"], row["unit_id"], row.get("unit_name"),
                          date.fromisoformat(row["on_date"]), row["content"], row["status_change"], row["percent"],
                          row["attachment"], row["recorded_at"])


def extension_record(row: Row) -> ExtensionRecord:
    return ExtensionRecord(row["id"], row["task_id"], iso_date(row["original_due"]),
                           date.fromisoformat(row["new_due"]), row["reason"], row["basis"],
                           date.fromisoformat(row["recorded_on"]))
