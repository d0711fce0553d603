"""What is due: the assignments of a unit (any spelling, plus the groups declared to include it) or of all
units, each judged at a date with its light."""
from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta
from typing import Any

from app.domain.records import ProgressRecord, iso_text
from app.domain.status import (
    GREY, ProgressEntry, TaskState, extension_note, judge, recorded_late, summarise_progress,
)
from app.errors import UserError
from app.ops import units as unit_ops
from app.ops.deadlines import due_at
from app.ops.settings import yellow_days as yellow_days_setting
from app.store import progress as progress_sql, task_queries
from app.store.connection import Store


@dataclass(frozen=True)
class DueItem:
    plan_id: int
    plan: str | None
    task_id: int
    ref: str
    title: str
    unit_id: int
    unit: str                # canonical name
    printed: str             # as the plan printed it
    role: str                # lead / responsible / implementer
    via_group: bool          # assigned to a group declared to include the unit asked about
    deadline_text: str | None
    due: date | None         # the date judged against (next occurrence for recurring work)
    original_due: date | None
    extended: bool           # judged against an extension's date (延期) rather than the plan's
    extended_to: date | None  # the latest extension's date recorded by then, even one recorded too late to count
    extension_late: bool     # that extension was recorded after the task was already late: it does not count
    extension: str           # how every output says the extension (app/domain/status.py extension_note), or ""
    ongoing: bool
    status: str              # the light's word (app/domain/status.py)
    light: str
    progress_state: str      # 进展 this unit reported: 未启动 / 推进中 / 已完成
    days_left: int | None
    pace_gap: float | None
    pace_light: str | None

    def to_json(self) -> dict[str, Any]:
        return {**self.__dict__, "due": iso_text(self.due), "original_due": iso_text(self.original_due),
                "extended_to": iso_text(self.extended_to)}



def _entries(rows: list[ProgressRecord], unit_id: int, today: date) -> list[ProgressEntry]:
    """Progress that speaks for this assignment: the unit's own entries and task-wide ones."""
    return [r.entry for r in rows if r.unit_id in (None, unit_id) and r.on_date <= today]


def unit_scope(store: Store, unit: str | None, *, own: bool = False) -> tuple[list[int] | None, set[int]]:
    """Unit ids to look at (None: all) and which of them are groups reached through a declaration."""
    if own:
        own_id = unit_ops.own_unit_id(store)
        if own_id is None:
            raise UserError("尚未设置本单位：请在设置中填写“本单位”。")
        base = [own_id]
    elif unit:
        base = [unit_ops.resolve_unit(store, unit)]  # one unit: a name two places share is refused, not merged
    else:
        return None, set()
    scope = unit_ops.units_with_groups(store, base)
    return scope, set(scope) - set(base)


def due_assignments(store: Store, *, unit: str | None = None, within: int | None = None, today: date,
                    own: bool = False, include_done: bool | None = None,
                    task_ids: list[int] | None = None) -> list[DueItem]:
    """Assignments with status and light at `today`.

    `within`: keep the overdue ones and those due within that many days (done work left out).
    `include_done` defaults to True without `within`.
    """
    if within is not None and within < 0:
        raise UserError("--within 的天数不能为负数。")
    unit_ids, via_groups = unit_scope(store, unit, own=own)
    until = today + timedelta(days=within) if within is not None else None
    rows = task_queries.due_rows(store.db, unit_ids=unit_ids, until=until, task_ids=task_ids)
    task_ids = list({r.task.id for r in rows})
    progress = progress_sql.of_tasks(store.db, task_ids)
    extensions = progress_sql.extensions_of_tasks(store.db, task_ids)
    yellow = yellow_days_setting(store)
    keep_done = include_done if include_done is not None else within is None
    items = []
    for row in rows:
        task, assignment = row.task, row.assignment
        summary = summarise_progress(_entries(progress.get(task.id, []), assignment.unit_id, today), today)
        known = [e for e in extensions.get(task.id, []) if e.recorded_on <= today]  # (recorded_on, id order)
        judged_due = due_at(task.due, known, today)
        extended_to = known[-1].new_due if known else None
        deadline_text = task.deadline.text if task.deadline else None
        state = TaskState(
            due=judged_due, ongoing=task.ongoing, recurrence=task.recurrence, start=task.start or row.plan_issued,
            started_on=summary.started_on, done_on=summary.done_on, percent=summary.percent,
        )
        verdict = judge(state, today, yellow)
        if until is not None and (verdict.due is None or verdict.due > until or summary.done_on is not None):
            continue  # --within: overdue or due by then, and not reported complete
        if not keep_done and verdict.light == GREY:
            continue
        items.append(DueItem(
            plan_id=task.plan_id, plan=row.plan_title, task_id=task.id, ref=task.ref_label, title=task.title,
            unit_id=assignment.unit_id, unit=assignment.unit_name, printed=assignment.printed, role=assignment.role,
            via_group=assignment.unit_id in via_groups, deadline_text=deadline_text,
            due=verdict.due, original_due=task.due, extended=not task.recurrence and judged_due != task.due,
            extended_to=extended_to, extension_late=recorded_late(extended_to, judged_due),
            extension=extension_note(task.due, deadline_text, extended_to, judged_due),
            ongoing=task.ongoing, status=verdict.status, light=verdict.light, progress_state=verdict.progress_state,
            days_left=verdict.days_left, pace_gap=verdict.pace_gap, pace_light=verdict.pace_light,
        ))
    return items
