"""Paged, sorted and filtered task lists, all in SQL (the window never sorts 100,000 rows itself).

Lights and statuses at a date are computed here as SQL expressions so that filtering and sorting by them
stays in the database. They follow app/domain/status.py rule for rule; tests/ops/test_task_queries.py
checks the two against each other on generated tasks.
"""
from __future__ import annotations

import json

from datetime import date, timedelta
from typing import Any, Sequence, cast

import sqlite_utils

from app.domain.matrix import ROLE_LEAD, ROLE_RESPONSIBLE
from app.domain.records import DueRow, TaskRow, iso_date, printed_by_role
from app.domain.status import (
    DONE, IN_PROGRESS, LIGHT_WORDS, LIGHTS, NOT_STARTED, Extension, effective_due, next_occurrence,
)
from app.store.batches import chunks
from app.store.rows import assignment_record, task_record
from app.store.tasks import assignments_of_tasks


def register_functions(db: sqlite_utils.Database) -> None:
    """SQL helpers: next_occurrence(recurrence, today) for recurring deadlines, due_at(due, extensions, today)
    for the date an extended task is judged against at a date."""

    def _next(recurrence: str | None, today: str) -> str | None:
        if not recurrence:
            return None
        found = next_occurrence(recurrence, date.fromisoformat(today))
        return found.isoformat() if found else None

    def _due_at(due: str | None, extensions: str, today: str) -> str | None:
        at = date.fromisoformat(today)
        known = [Extension(None, date.fromisoformat(new_due), date.fromisoformat(recorded_on))
                 for recorded_on, new_due in json.loads(extensions) if date.fromisoformat(recorded_on) <= at]
        judged = effective_due(date.fromisoformat(due) if due else None, known)
        return judged.isoformat() if judged else None

    db.register_function(_next, deterministic=True, name="next_occurrence", replace=True)
    db.register_function(_due_at, deterministic=True, name="due_at", replace=True)


# The date a dated task is judged against at :today: the plan's, moved by the extensions (延期) recorded by then
# (app/domain/status.py effective_due). Only an extended task (current_due differs from due) needs the function.
_DUE_AT = ("(CASE WHEN t.current_due IS t.due THEN t.due_effective ELSE due_at(t.due, "
           "(SELECT json_group_array(json_array(c.recorded_on, c.new_due)) FROM deadline_changes c "
           "WHERE c.task_id = t.id), :today) END)")
# The date judged against: the next occurrence for recurring work, else the effective due date.
JUDGED_DUE = "(CASE WHEN t.recurrence IS NOT NULL THEN COALESCE(next_occurrence(t.recurrence, :today), " \
             f"{_DUE_AT}) ELSE {_DUE_AT} END)"
# 进展 at :today, from the entries known then (app/domain/status.py summarise_progress, and the task-wide rule of
# app/ops/progress.py: any unit's report starts the work; a task-wide or lead unit's 已完成 completes it, a later
# 未启动 / 推进中 reopens it). The stored started_on / done_on say this only as of the latest entry: they cannot
# answer for another date, so they are not used here.
_LATEST_ENTRY = ("(SELECT p.status_change FROM progress p WHERE p.task_id = t.id AND p.on_date <= :today "
                 "ORDER BY p.on_date DESC, p.id DESC LIMIT 1)")
_DECIDING = ("(p.unit_id IS NULL OR NOT EXISTS (SELECT 1 FROM assignments l WHERE l.task_id = t.id AND l.role = 'lead') "
             "OR p.unit_id IN (SELECT l.unit_id FROM assignments l WHERE l.task_id = t.id AND l.role = 'lead'))")
_LATEST_DECIDING = (f"(SELECT p.status_change FROM progress p WHERE p.task_id = t.id AND p.on_date <= :today "
                    f"AND p.status_change IS NOT NULL AND {_DECIDING} ORDER BY p.on_date DESC, p.id DESC LIMIT 1)")
_KNOWN = "EXISTS (SELECT 1 FROM progress p WHERE p.task_id = t.id AND p.on_date <= :today)"
_DONE = f"({_KNOWN} AND {_LATEST_DECIDING} IS '{DONE}')"
_STARTED = f"({_KNOWN} AND {_LATEST_ENTRY} IS NOT '{NOT_STARTED}')"
LIGHT = f"""(CASE
    WHEN t.recurrence IS NOT NULL THEN
        CASE WHEN {JUDGED_DUE} IS NULL THEN 'blue' WHEN {JUDGED_DUE} <= :yellow_limit THEN 'yellow' ELSE 'green' END
    WHEN {_DONE} THEN CASE WHEN t.ongoing THEN 'blue' ELSE 'grey' END
    WHEN {_DUE_AT} IS NULL THEN CASE WHEN t.ongoing THEN 'blue' ELSE 'none' END
    WHEN {_DUE_AT} < :today THEN 'red'
    WHEN {_DUE_AT} <= :yellow_limit THEN 'yellow'
    ELSE 'green' END)"""
# The status is the light's word, generated from the domain's one table of words.
STATUS = "(CASE " + LIGHT + "".join(f" WHEN '{light}' THEN '{LIGHT_WORDS[light].status}'" for light in LIGHTS) + " END)"
PROGRESS = f"(CASE WHEN {_DONE} THEN '{DONE}' WHEN {_STARTED} THEN '{IN_PROGRESS}' ELSE '{NOT_STARTED}' END)"
# Most urgent first when sorting by light (the domain's order of lights).
_LIGHT_RANK = "(CASE " + LIGHT + "".join(f" WHEN '{light}' THEN {rank}" for rank, light in enumerate(LIGHTS)) + " END)"
_LEAD = "(SELECT group_concat(a.printed, '、') FROM assignments a WHERE a.task_id = t.id AND a.role = 'lead')"
_LATEST = "(SELECT content FROM progress WHERE task_id = t.id ORDER BY on_date DESC, id DESC LIMIT 1)"
ORDER_SQL: dict[str, tuple[str, ...]] = {
    "plan": ("t.plan_id",), "ref": ("t.plan_id", "t.position"), "title": ("t.title",), "due": (JUDGED_DUE,),
    "light": (_LIGHT_RANK, JUDGED_DUE), "status": (_LIGHT_RANK, JUDGED_DUE), "progress": (PROGRESS,),
    "lead": (_LEAD,), "updated": ("t.updated_at",),
    "latest_progress": (_LATEST,),
}


def escape_like(text: str) -> str:
    return text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")


def fts_phrase(text: str) -> str:
    """A user's text as one FTS5 phrase (quotes doubled), so operators in it mean nothing."""
    return '"' + text.replace('"', '""') + '"'


def _where(*, text: str | None, unit_ids: list[int] | None, lights: Sequence[str], statuses: Sequence[str],
           due_from: date | None, due_to: date | None, plan_id: int | None,
           include_removed: bool) -> tuple[list[str], dict[str, Any]]:
    clauses: list[str] = []
    params: dict[str, Any] = {}
    if not include_removed:
        clauses.append("t.removed_on IS NULL")
    if plan_id is not None:
        clauses.append("t.plan_id = :plan_id")
        params["plan_id"] = plan_id
    text = (text or "").strip()
    if len(text) >= 3:
        clauses.append("t.id IN (SELECT rowid FROM tasks_fts WHERE tasks_fts MATCH :fts)")
        params["fts"] = fts_phrase(text)
    elif text:
        clauses.append("(t.title LIKE :like ESCAPE '\\' OR t.text LIKE :like ESCAPE '\\')")
        params["like"] = f"%{escape_like(text)}%"
    if unit_ids is not None:
        marks = ",".join(f":u{i}" for i in range(len(unit_ids))) or "NULL"
        clauses.append(f"t.id IN (SELECT task_id FROM assignments WHERE unit_id IN ({marks}))")
        params.update({f"u{i}": uid for i, uid in enumerate(unit_ids)})
    if lights:
        clauses.append(f"{LIGHT} IN ({','.join(f':l{i}' for i in range(len(lights)))})")
        params.update({f"l{i}": v for i, v in enumerate(lights)})
    if statuses:
        clauses.append(f"{STATUS} IN ({','.join(f':s{i}' for i in range(len(statuses)))})")
        params.update({f"s{i}": v for i, v in enumerate(statuses)})
    if due_from:
        clauses.append(f"{JUDGED_DUE} >= :due_from")
        params["due_from"] = due_from.isoformat()
    if due_to:
        clauses.append(f"{JUDGED_DUE} <= :due_to")
        params["due_to"] = due_to.isoformat()
    return clauses, params


def _date_params(today: date, yellow_days: int) -> dict[str, str]:
    return {"today": today.isoformat(), "yellow_limit": (today + timedelta(days=yellow_days)).isoformat()}


def query(db: sqlite_utils.Database, *, today: date, yellow_days: int, order_by: str = "ref",
          descending: bool = False, limit: int = 200, offset: int = 0, **filters: Any) -> list[TaskRow]:
    """One page of tasks with plan title, lead and responsible units as printed, the judged date, light and
    status at `today`."""
    clauses, params = _where(**filters)
    params.update(_date_params(today, yellow_days), limit=int(limit), offset=int(offset))
    direction = "DESC" if descending else "ASC"
    order = ", ".join(f"{part} {direction}" for part in ORDER_SQL[order_by])
    where = " WHERE " + " AND ".join(clauses) if clauses else ""
    sql = f"""
        SELECT t.id, t.plan_id, p.title AS plan_title, t.ref, t.ref_label, t.title, t.deadline_text, t.due,
               t.current_due, t.due_effective, t.ongoing, t.recurrence, t.percent, t.removed_on,
               {JUDGED_DUE} AS judged_due, {LIGHT} AS light, {STATUS} AS status, {PROGRESS} AS progress_state, {_LATEST} AS latest_progress
        FROM tasks t JOIN plans p ON p.id = t.plan_id
        {where}
        ORDER BY {order}, t.id {direction}
        LIMIT :limit OFFSET :offset"""
    rows = list(db.query(sql, params))
    printed = assignments_of_tasks(db, [r["id"] for r in rows])
    return [TaskRow(
        id=r["id"], plan_id=r["plan_id"], plan_title=r["plan_title"], ref_label=r["ref_label"], title=r["title"],
        lead=printed_by_role(printed[r["id"]], ROLE_LEAD), responsible=printed_by_role(printed[r["id"]], ROLE_RESPONSIBLE),
        deadline_text=r["deadline_text"], due=iso_date(r["judged_due"]), current_due=iso_date(r["current_due"]),
        original_due=iso_date(r["due"]), due_effective=iso_date(r["due_effective"]), ongoing=bool(r["ongoing"]),
        status=r["status"], light=r["light"],
        progress_state=r["progress_state"], percent=r["percent"], latest_progress=r["latest_progress"],
        removed=bool(r["removed_on"]),
    ) for r in rows]


def count(db: sqlite_utils.Database, *, today: date, yellow_days: int, **filters: Any) -> int:
    clauses, params = _where(**filters)
    params.update(_date_params(today, yellow_days))
    where = " WHERE " + " AND ".join(clauses) if clauses else ""
    return cast(int, next(db.query(f"SELECT COUNT(*) AS n FROM tasks t{where}", params))["n"])


def unit_task_totals(db: sqlite_utils.Database) -> dict[str, int]:
    """Per unit name: how many tasks (not removed) it holds an assignment in."""
    return {r["unit_name"]: r["total"] for r in db.query("""
        SELECT u.name AS unit_name, COUNT(DISTINCT a.task_id) AS total
        FROM assignments a JOIN tasks t ON t.id = a.task_id JOIN units u ON u.id = a.unit_id
        WHERE t.removed_on IS NULL GROUP BY u.name""")}


def due_rows(db: sqlite_utils.Database, *, unit_ids: list[int] | None, until: date | None,
             include_removed: bool = False, task_ids: list[int] | None = None) -> list[DueRow]:
    """Assignments (task × unit × role) of these units (all units: None), with their task and plan.

    `until`: only recurring work and tasks judged against a date on or before it (overdue included);
    the caller judges each row at its date. `task_ids`: only these tasks' assignments.
    """
    clauses: list[str] = []
    params: dict[str, Any] = {}
    if not include_removed:
        clauses.append("t.removed_on IS NULL")
    if task_ids is not None:
        clauses.append("t.id IN (SELECT value FROM json_each(:task_ids))")
        params["task_ids"] = json.dumps(list(task_ids))
    if unit_ids is not None:
        marks = ",".join(f":u{i}" for i in range(len(unit_ids))) or "NULL"
        clauses.append(f"a.unit_id IN ({marks})")
        params.update({f"u{i}": uid for i, uid in enumerate(unit_ids)})
    if until is not None:
        # Loose on purpose: an extension recorded after the date asked about does not count yet there.
        clauses.append("(t.recurrence IS NOT NULL OR t.due <= :until OR t.due_effective <= :until)")
        params["until"] = until.isoformat()
    where = " WHERE " + " AND ".join(clauses) if clauses else ""
    # For one unit, start from its assignments (CROSS JOIN fixes the order): the planner would otherwise
    # walk every task of every plan and probe the unit's index for each.
    join = "CROSS JOIN" if unit_ids is not None else "JOIN"
    rows = list(db.query(f"""
        SELECT a.*, u.name AS unit_name, u.is_group, p.title AS plan_title, p.issued AS plan_issued
        FROM assignments a {join} tasks t ON t.id = a.task_id JOIN plans p ON p.id = t.plan_id
        JOIN units u ON u.id = a.unit_id
        {where}
        ORDER BY t.plan_id, t.position, a.standing, CASE a.role WHEN 'lead' THEN 0 WHEN 'responsible' THEN 1
                 ELSE 2 END, a.position""", params))
    # Each task once (it has several assignments), read by id after the narrow query above.
    tasks = {task.id: task for chunk in chunks(dict.fromkeys(r["task_id"] for r in rows))
             for task in map(task_record, db.query(
                 f"SELECT * FROM tasks WHERE id IN ({','.join('?' * len(chunk))})", chunk))}
    out = []
    for r in rows:
        assignment = assignment_record(r)
        out.append(DueRow(assignment, tasks[assignment.task_id], r["plan_title"], iso_date(r["plan_issued"])))
    return out
