"""Queries of the plan's ledger (台账) beyond what `due` reads: the notices each assignment has had."""
from __future__ import annotations

from dataclasses import dataclass
from typing import Iterable

import sqlite_utils

from app.store.batches import chunks


@dataclass(frozen=True)
class AssignmentNotice:
    """A notice (督办 / 催办, not voided) sent to a unit about a task."""

    task_id: int
    unit_id: int
    number: str
    kind: str
    issued_on: str


def unit_notices_of_tasks(db: sqlite_utils.Database, task_ids: Iterable[int]) -> list[AssignmentNotice]:
    """The notices to units about these tasks, oldest first (voided ones and plan-wide bulletins left out)."""
    out: list[AssignmentNotice] = []
    for chunk in chunks(dict.fromkeys(task_ids)):
        marks = ",".join("?" * len(chunk))
        out += [AssignmentNotice(r["task_id"], r["unit_id"], r["number"], r["kind"], r["issued_on"]) for r in db.query(
            f"""SELECT nt.task_id, n.unit_id, n.number, n.kind, n.issued_on
                FROM notice_tasks nt JOIN notices n ON n.id = nt.notice_id
                WHERE nt.task_id IN ({marks}) AND n.voided = 0 AND n.unit_id IS NOT NULL
                ORDER BY n.issued_on, n.id""", chunk)]
    return out
