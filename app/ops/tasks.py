"""Tasks for the window and the command line: the paged table query, one task's detail, and edits.

Every edit returns what it replaced, so the caller can undo by applying that back:
`edit_task(store, id, changes).before` is itself a valid `changes`.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from typing import Any, Iterable, cast

from app.domain.feedback import FeedbackEntry
from app.domain.matrix import ROLES, Deadline
from app.domain.status import TaskState, judge
from app.domain.task_filter import ORDER_KEYS, TaskFilter
from app.errors import UserError
from app.ops.changes import Changes
from app.ops import units as unit_ops
from app.ops.deadlines import deadline_columns, deadline_of, due_at, iso_date, require_task
from app.ops.settings import yellow_days
from app.ops.progress import task_progress_at
from app.ops.unit_resolver import UnitResolver
from app.store import audit, feedback as feedback_sql, plans as plans_sql, progress as progress_sql, task_queries, tasks as tasks_sql
from app.store.connection import Store


@dataclass(frozen=True)
class TaskRow:
    """One row of the task table at a date."""

    id: int
    plan_id: int
    plan_title: str | None
    ref_label: str
    title: str
    lead: tuple[str, ...]
    responsible: tuple[str, ...]
    deadline_text: str | None
    due: date | None            # the date judged against
    current_due: date | None    # after extensions
    original_due: date | None   # the plan's own date (原定时限)
    ongoing: bool
    status: str                 # the light's word (app/domain/status.py)
    light: str
    progress_state: str         # 进展: 未启动 / 推进中 / 已完成
    percent: int | None
    latest_progress: str | None
    removed: bool



def _unit_scope(store: Store, filters: TaskFilter) -> list[int] | None:
    """Unit ids a filter asks for, groups included; [] (nothing matches) for an unknown unit."""
    if filters.own_unit:
        own = unit_ops.own_unit_id(store)
        base = [own] if own else []
    elif filters.unit:
        base = unit_ops.find_units(store, filters.unit)
    else:
        return None
    return unit_ops.units_with_groups(store, base) if base else []


def _sql_filters(store: Store, filters: TaskFilter) -> dict[str, Any]:
    if filters.today is None:
        raise ValueError("TaskFilter.today must be given: status and lights depend on the date")
    return dict(
        text=filters.text, unit_ids=_unit_scope(store, filters), lights=tuple(filters.lights),
        statuses=tuple(filters.statuses), due_from=filters.due_from, due_to=filters.due_to,
        plan_id=filters.plan_id, include_removed=filters.include_removed,
    )


def query_tasks(store: Store, filters: TaskFilter, order_by: str = "ref", descending: bool = False,
                limit: int = 200, offset: int = 0) -> list[TaskRow]:
    """One page of tasks, filtered and sorted in SQL. `order_by` is one of ORDER_KEYS (+ latest_progress)."""
    if order_by not in task_queries.ORDER_SQL:
        raise UserError(f"不能按“{order_by}”排序。可用：{'、'.join(ORDER_KEYS)}")
    # cast: _sql_filters (evaluated before the call) raises when today is None
    rows = task_queries.query(store.db, today=cast(date, filters.today), yellow_days=yellow_days(store),
                              order_by=order_by, descending=descending, limit=limit, offset=offset,
                              **_sql_filters(store, filters))
    printed = tasks_sql.assignments_of_tasks(store.db, [r["id"] for r in rows])
    out = []
    for r in rows:
        lists = {role: tuple(a["printed"] for a in printed[r["id"]] if a["role"] == role) for role in ROLES}
        out.append(TaskRow(
            id=r["id"], plan_id=r["plan_id"], plan_title=r["plan_title"], ref_label=r["ref_label"], title=r["title"],
            lead=lists["lead"], responsible=lists["responsible"], deadline_text=r["deadline_text"],
            due=iso_date(r["judged_due"]), current_due=iso_date(r["current_due"]), original_due=iso_date(r["due"]),
            ongoing=bool(r["ongoing"]),
            status=r["status"], light=r["light"], progress_state=r["progress_state"], percent=r["percent"],
            latest_progress=r["latest_progress"],
            removed=bool(r["removed_on"]),
        ))
    return out


def count_tasks(store: Store, filters: TaskFilter) -> int:
    # cast: _sql_filters (evaluated before the call) raises when today is None
    return task_queries.count(store.db, today=cast(date, filters.today), yellow_days=yellow_days(store),
                              **_sql_filters(store, filters))


# -- detail ---------------------------------------------------------------------------------------------
@dataclass(frozen=True)
class AssignedUnit:
    unit_id: int
    name: str           # canonical
    printed: str        # as the plan printed it
    role: str
    standing: bool      # from the plan's standing units
    is_group: bool


@dataclass(frozen=True)
class TaskDetail:
    id: int
    plan_id: int
    plan_title: str | None
    ref: tuple[str, ...]
    ref_label: str
    title: str
    text: str
    deadline: Deadline | None     # as the plan printed it, and what it means
    original_due: date | None     # 原定时限
    current_due: date | None      # after extensions
    status: str                   # the light's word (app/domain/status.py)
    light: str
    progress_state: str           # 进展: 未启动 / 推进中 / 已完成
    judged_due: date | None
    days_left: int | None
    pace_gap: float | None
    pace_light: str | None
    percent: int | None
    removed_on: date | None
    units: list[AssignedUnit] = field(default_factory=list)
    progress: list[dict[str, Any]] = field(default_factory=list)
    extensions: list[dict[str, Any]] = field(default_factory=list)
    notices: list[dict[str, Any]] = field(default_factory=list)
    feedback: list[FeedbackEntry] = field(default_factory=list)  # rows of the units' feedback forms (反馈表)




def task_detail(store: Store, task_id: int, *, today: date) -> TaskDetail:
    db = store.db
    row = require_task(store, task_id)
    plan = cast("dict[str, Any]", plans_sql.get(db, row["plan_id"]))  # tasks.plan_id is a NOT NULL foreign key
    everyone, task_wide = task_progress_at(store, task_id, today)  # 进展 as known at the date asked about
    extensions = progress_sql.extensions_of_tasks(db, [task_id]).get(task_id, [])
    state = TaskState(due=due_at(iso_date(row["due"]), extensions, today), ongoing=bool(row["ongoing"]), recurrence=row["recurrence"],
                      start=iso_date(row["start"]) or iso_date(plan["issued"]), started_on=everyone.started_on,
                      done_on=task_wide.done_on, percent=row["percent"])
    verdict = judge(state, today, yellow_days(store))
    return TaskDetail(
        id=row["id"], plan_id=row["plan_id"], plan_title=plan["title"], ref=tasks_sql.load_ref(row["ref"]),
        ref_label=row["ref_label"], title=row["title"], text=row["text"] or "", deadline=deadline_of(row),
        original_due=iso_date(row["due"]), current_due=iso_date(row["current_due"]), status=verdict.status,
        light=verdict.light, progress_state=verdict.progress_state, judged_due=verdict.due, days_left=verdict.days_left,
        pace_gap=verdict.pace_gap,
        pace_light=verdict.pace_light, percent=row["percent"], removed_on=iso_date(row["removed_on"]),
        units=[AssignedUnit(a["unit_id"], a["unit_name"], a["printed"], a["role"], bool(a["standing"]),
                            bool(a["is_group"])) for a in tasks_sql.assignments(db, task_id)],
        progress=progress_sql.of_task(db, task_id),
        extensions=extensions,
        notices=progress_sql.notices_of_task(db, task_id),
        feedback=feedback_sql.history_of_tasks(db, [task_id]).get(task_id, []),
    )


# -- edits ----------------------------------------------------------------------------------------------
EDIT_KEYS = ("title", "text", "deadline", *ROLES)


@dataclass(frozen=True)
class TaskEdit:
    task_id: int
    before: dict[str, Any]   # apply this with edit_task to undo
    after: dict[str, Any]

    @property
    def changes(self) -> Changes:
        return Changes.of_tasks([self.task_id])


def _deadline_value(row: dict[str, Any]) -> dict[str, Any] | None:
    if row["deadline_text"] is None:
        return None
    return {"text": row["deadline_text"], "due": row["due"], "ongoing": bool(row["ongoing"]),
            "start": row["start"], "recurrence": row["recurrence"]}


def _current_values(store: Store, row: dict[str, Any], keys: Iterable[str]) -> dict[str, Any]:
    printed = tasks_sql.assignments_of_tasks(store.db, [row["id"]])[row["id"]]
    values: dict[str, Any] = {}
    for key in keys:
        if key in ROLES:
            values[key] = [a["printed"] for a in printed if a["role"] == key]
        elif key == "deadline":
            values[key] = _deadline_value(row)
        else:
            values[key] = row[key]
    return values


def _deadline_update(store: Store, task_id: int, value: dict[str, Any] | Deadline | None) -> dict[str, Any]:
    if isinstance(value, Deadline):
        value = {"text": value.text, "due": value.due.isoformat() if value.due else None, "ongoing": value.ongoing,
                 "start": value.start.isoformat() if value.start else None, "recurrence": value.recurrence}
    if value is None:
        return {"deadline_text": None, "ongoing": 0, "start": None, "recurrence": None, "milestones": None,
                **deadline_columns(None, [])}
    if not str(value.get("text") or "").strip():
        raise UserError("完成时限的文字不能为空（没有时限请清空整个时限）。")
    try:
        due = iso_date(value.get("due")) if not isinstance(value.get("due"), date) else value["due"]
    except ValueError:
        raise UserError(f"日期“{value.get('due')}”格式不对，应为 YYYY-MM-DD。") from None
    exts = progress_sql.extensions_of_tasks(store.db, [task_id]).get(task_id, [])
    return {"deadline_text": value["text"].strip(), "ongoing": int(bool(value.get("ongoing"))),
            "start": value.get("start"), "recurrence": value.get("recurrence"), **deadline_columns(due, exts)}


def edit_task(store: Store, task_id: int, changes: dict[str, Any]) -> TaskEdit:
    """Change a task's title, text, deadline (as printed and its meaning) and units per role (printed names).

    Returns the previous values of exactly the keys changed: `edit_task(store, id, result.before)` undoes it.
    """
    unknown = set(changes) - set(EDIT_KEYS)
    if unknown:
        raise UserError(f"不能修改任务的“{'、'.join(sorted(unknown))}”。")
    row = require_task(store, task_id)
    before = _current_values(store, row, changes)
    with store.transaction() as db:
        columns: dict[str, Any] = {}
        for key, value in changes.items():
            if key in ("title", "text"):
                text = (value or "").strip()
                if key == "title" and not text:
                    raise UserError("任务标题不能为空。")
                columns[key] = text
            elif key == "deadline":
                columns.update(_deadline_update(store, task_id, value))
        tasks_sql.update(db, task_id, columns)
        roles = [k for k in changes if k in ROLES]
        if roles:
            plan = cast("dict[str, Any]", plans_sql.get(db, row["plan_id"]))  # a NOT NULL foreign key
            resolver = UnitResolver(store, plan["jurisdiction"])
            kept = [a for a in tasks_sql.assignments_of_tasks(db, [task_id])[task_id] if a["role"] not in roles]
            rows = [{k: a[k] for k in ("unit_id", "role", "position", "printed")} for a in kept]
            for role in roles:
                names = [n.strip() for n in changes[role] or [] if n and n.strip()]
                rows += [{"unit_id": resolver.resolve(n), "role": role, "position": i, "printed": n}
                         for i, n in enumerate(names)]
            tasks_sql.replace_assignments(db, task_id, rows)
        # the task was found above (require_task) and edits never delete it
        after = _current_values(store, cast("dict[str, Any]", tasks_sql.get(db, task_id)), changes)
        audit.record(db, "edit_task", "task", task_id, before, after)
    return TaskEdit(task_id, before, after)
