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
from app.domain.records import (
    AssignmentFields, ExtensionRecord, ProgressRecord, TaskNotice, TaskRecord, TaskRow, lead_unit_ids,
    printed_by_role, task_progress,
)
from app.domain.status import TaskState, extension_note, judge
from app.domain.task_filter import ORDER_KEYS, TaskFilter
from app.errors import UserError
from app.ops.changes import Changes
from app.ops import units as unit_ops
from app.ops.deadlines import due_at
from app.ops.settings import yellow_days
from app.ops.unit_resolver import UnitResolver
from app.store import audit, feedback as feedback_sql, plans as plans_sql, progress as progress_sql, task_queries, tasks as tasks_sql
from app.store.connection import Store

__all__ = ["TaskRow", "TaskDetail", "AssignedUnit", "TaskEdit", "query_tasks", "count_tasks", "task_detail",
           "edit_task"]


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
    return task_queries.query(store.db, today=cast(date, filters.today), yellow_days=yellow_days(store),
                              order_by=order_by, descending=descending, limit=limit, offset=offset,
                              **_sql_filters(store, filters))


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
    due_effective: date | None    # judged against after all its extensions (the latest one late: not its date)
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
    progress: list[ProgressRecord] = field(default_factory=list)
    extensions: list[ExtensionRecord] = field(default_factory=list)
    notices: list[TaskNotice] = field(default_factory=list)
    feedback: list[FeedbackEntry] = field(default_factory=list)  # rows of the units' feedback forms (反馈表)

    @property
    def extension(self) -> str:
        """How every output says its extension (app/domain/status.py `extension_note`); "" when not extended."""
        return extension_note(self.original_due, self.deadline.text if self.deadline else None, self.current_due,
                              self.due_effective)




def task_detail(store: Store, task_id: int, *, today: date) -> TaskDetail:
    db = store.db
    task = tasks_sql.require(db, task_id)
    plan = plans_sql.require(db, task.plan_id)
    assigned, progress = tasks_sql.assignments(db, task_id), progress_sql.of_task(db, task_id)
    everyone, task_wide = task_progress(progress, lead_unit_ids(assigned), today)  # 进展 as known at that date
    extensions = progress_sql.extensions_of_task(db, task_id)
    state = TaskState(due=due_at(task.due, extensions, today), ongoing=task.ongoing, recurrence=task.recurrence,
                      start=task.start or plan.issued, started_on=everyone.started_on,
                      done_on=task_wide.done_on, percent=task.percent)
    verdict = judge(state, today, yellow_days(store))
    return TaskDetail(
        id=task.id, plan_id=task.plan_id, plan_title=plan.title, ref=task.ref, ref_label=task.ref_label,
        title=task.title, text=task.text, deadline=task.deadline, original_due=task.due, current_due=task.current_due,
        due_effective=task.due_effective,
        status=verdict.status, light=verdict.light, progress_state=verdict.progress_state, judged_due=verdict.due,
        days_left=verdict.days_left, pace_gap=verdict.pace_gap, pace_light=verdict.pace_light, percent=task.percent,
        removed_on=task.removed_on,
        units=[AssignedUnit(a.unit_id, a.unit_name, a.printed, a.role, a.standing, a.is_group)
               for a in assigned],
        progress=progress,
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


def _current_values(store: Store, task: TaskRecord, keys: Iterable[str]) -> dict[str, Any]:
    printed = tasks_sql.assignments_of_tasks(store.db, [task.id])[task.id]
    values: dict[str, Any] = {}
    for key in keys:
        if key in ROLES:
            values[key] = list(printed_by_role(printed, key))
        else:
            values[key] = getattr(task, key)
    return values


def _deadline(value: dict[str, Any] | Deadline | None) -> Deadline | None:
    """A deadline as an edit gives it: a Deadline, None (the plan sets none), or its JSON form
    ({"text", "due": "YYYY-MM-DD" or a date, "ongoing"}, as matrix JSON writes it)."""
    if isinstance(value, dict):
        data = {key: v.isoformat() if isinstance(v, date) else v for key, v in value.items()}
        try:
            value = Deadline.from_json(data)
        except ValueError:
            raise UserError(f"日期“{data.get('due')}”格式不对，应为 YYYY-MM-DD。") from None
        except KeyError:
            value = Deadline(text="")
    if value is not None and not value.text.strip():
        raise UserError("完成时限的文字不能为空（没有时限请清空整个时限）。")
    return value if value is None else Deadline(value.text.strip(), value.due, value.ongoing, value.start,
                                                 value.recurrence, value.milestones)


def edit_task(store: Store, task_id: int, changes: dict[str, Any]) -> TaskEdit:
    """Change a task's title, text, deadline (as printed and its meaning) and units per role (printed names).

    Returns the previous values of exactly the keys changed: `edit_task(store, id, result.before)` undoes it.
    """
    unknown = set(changes) - set(EDIT_KEYS)
    if unknown:
        raise UserError(f"不能修改任务的“{'、'.join(sorted(unknown))}”。")
    task = tasks_sql.require(store.db, task_id)
    before = _current_values(store, task, changes)
    title = text = None
    if "title" in changes:
        title = (changes["title"] or "").strip()
        if not title:
            raise UserError("任务标题不能为空。")
    if "text" in changes:
        text = (changes["text"] or "").strip()
    deadline = _deadline(changes["deadline"]) if "deadline" in changes else tasks_sql.UNSET
    with store.transaction() as db:
        tasks_sql.update(db, task_id, title=title, text=text, deadline=deadline)
        roles = [k for k in changes if k in ROLES]
        if roles:
            resolver = UnitResolver(store, plans_sql.require(db, task.plan_id).jurisdiction)
            rows: list[AssignmentFields] = [a for a in tasks_sql.assignments_of_tasks(db, [task_id])[task_id]
                                            if a.role not in roles]
            for role in roles:
                names = [n.strip() for n in changes[role] or [] if n and n.strip()]
                rows += [AssignmentFields(unit_id=resolver.resolve(n), role=role, position=i, printed=n)
                         for i, n in enumerate(names)]
            tasks_sql.replace_assignments(db, task_id, rows)
        after = _current_values(store, tasks_sql.require(db, task_id), changes)
        audit.record(db, "edit_task", "task", task_id, before, after)
    return TaskEdit(task_id, before, after)
