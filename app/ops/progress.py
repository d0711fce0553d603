"""Progress reports (进展), extensions (延期) and 办结 / 重新打开 of a task; each returns what it made so it can be
undone, and each is recorded in the audit log.

办结 and 重新打开 are progress entries, so that a task's state at any date keeps following one rule
(app/domain/status.py `summarise_progress`, app/store/task_queries.py in SQL):
- `mark_done` records a task-wide 已完成 entry on its date, its note (the evidence) as the entry's text;
- `reopen_task` records a task-wide 推进中 entry on its date: the completion stays in the record, and the task
  is 已完成 from the 办结 date until the reopening and open again from then on (a reopening on the day of the
  办结 is recorded after it, so it wins that day). Removing the completion instead would rewrite the past.
Undo of either is `delete_progress` of the entry it made.
"""
from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from app.domain.records import ExtensionRecord, ProgressRecord, lead_unit_ids, task_progress
from app.domain.status import DONE, IN_PROGRESS, NOT_STARTED, ProgressSummary, extension_note
from app.errors import UserError
from app.ops.changes import Changes
from app.ops import units as unit_ops
from app.store import audit, progress as progress_sql, tasks as tasks_sql
from app.store.connection import Store

STATUS_CHANGES = (NOT_STARTED, IN_PROGRESS, DONE)


def task_progress_at(store: Store, task_id: int, today: date | None) -> tuple[ProgressSummary, ProgressSummary]:
    """(everyone's, the task's) progress known at `today` (None: as of the latest entry); see
    app/domain/records.py `task_progress`."""
    leads = lead_unit_ids(tasks_sql.assignments(store.db, task_id))
    return task_progress(progress_sql.of_task(store.db, task_id), leads, today)


@dataclass(frozen=True)
class ProgressResult:
    progress_id: int
    task_id: int

    @property
    def changes(self) -> Changes:
        return Changes.of_tasks([self.task_id])


def add_progress(store: Store, task_id: int, *, on_date: date, content: str = "", unit: str | int | None = None,
                 status_change: str | None = None, percent: int | None = None,
                 attachment: str | None = None, audit_action: str = "progress") -> ProgressResult:
    """Record a progress report (optionally by one unit, with a status change and a completion share).

    `audit_action` names it in the audit log (办结 and 重新打开 are logged as "done" and "reopen")."""
    tasks_sql.require(store.db, task_id)
    if status_change is not None and status_change not in STATUS_CHANGES:
        raise UserError(f"状态只能是：{'、'.join(STATUS_CHANGES)}（收到“{status_change}”）。")
    if percent is not None and not 0 <= int(percent) <= 100:
        raise UserError("完成比例应在 0 到 100 之间。")
    if not (content or "").strip() and status_change is None and percent is None:
        raise UserError("进展内容不能为空。")
    unit_id = unit if isinstance(unit, int) or unit is None else unit_ops.resolve_unit(store, unit)
    with store.transaction() as db:
        progress_id = progress_sql.add(db, task_id, on_date=on_date, content=(content or "").strip(), unit_id=unit_id,
                                       status_change=status_change, percent=None if percent is None else int(percent),
                                       attachment=attachment)
        audit.record(db, audit_action, "task", task_id, None, progress_sql.require(db, progress_id))
    return ProgressResult(progress_id, task_id)


def mark_done(store: Store, task_id: int, *, on_date: date, note: str = "") -> ProgressResult:
    """办结: the task as a whole is complete on `on_date`; `note` is the evidence (文件、验收、报告…)."""
    if task_progress_at(store, task_id, on_date)[1].done_on is not None:
        raise UserError(f"该任务在 {on_date.isoformat()} 已是办结状态。")
    return add_progress(store, task_id, on_date=on_date, content=(note or "").strip() or "办结",
                        status_change=DONE, audit_action="done")


def reopen_task(store: Store, task_id: int, *, on_date: date, reason: str = "") -> ProgressResult:
    """重新打开: work on a 办结 task resumes from `on_date` (see the module's docstring)."""
    if task_progress_at(store, task_id, on_date)[1].done_on is None:
        raise UserError(f"该任务在 {on_date.isoformat()} 尚未办结，无需重新打开。")
    return add_progress(store, task_id, on_date=on_date, content=(reason or "").strip() or "重新打开",
                        status_change=IN_PROGRESS, audit_action="reopen")


def delete_progress(store: Store, progress_id: int) -> ProgressRecord:
    """Remove a progress entry (the undo of add_progress); returns the entry removed. The store brings the task's
    started / done / percent up to date."""
    entry = progress_sql.require(store.db, progress_id)
    with store.transaction() as db:
        progress_sql.delete(db, entry)
        audit.record(db, "progress_deleted", "task", entry.task_id, entry, None)
    return entry


@dataclass(frozen=True)
class ExtensionResult:
    extension_id: int
    task_id: int
    original_due: date | None    # the plan's own date (原定时限)
    previous_due: date | None    # the deadline in force before
    new_due: date
    judged_due: date | None      # the date the task is now judged against
    deadline_text: str | None = None  # the plan's deadline as printed

    @property
    def extension(self) -> str:
        """How every output says the extension (app/domain/status.py `extension_note`)."""
        return extension_note(self.original_due, self.deadline_text, self.new_due, self.judged_due)


def record_extension(store: Store, task_id: int, *, new_due: date, reason: str, recorded_on: date,
                     basis: str = "") -> ExtensionResult:
    """延期: a new deadline, kept as an entry of its own beside the original (原定时限), with its reason and its
    approval basis (批复文号). The plan's date stays in `due`; lights, `due` and notices judge by the new one."""
    task = tasks_sql.require(store.db, task_id)
    if not (reason or "").strip():
        raise UserError("延期须写明原因。")
    if task.deadline is not None and task.deadline.recurrence:  # judged by its next occurrence (status.judge)
        raise UserError(f"周期性任务（{task.deadline.text}）按每一期的时限判断，不能延期；"
                        "如本期确需推迟，请在进展中说明。")
    previous = task.current_due
    if previous is not None and new_due <= previous:
        raise UserError(f"延期后的时限（{new_due.isoformat()}）应晚于现行时限 {previous.isoformat()}。")
    basis = (basis or "").strip()
    with store.transaction() as db:
        ext_id = progress_sql.add_extension(db, task_id, original_due=previous, new_due=new_due,
                                            reason=reason.strip(), recorded_on=recorded_on, basis=basis)
        judged = tasks_sql.require(db, task_id).due_effective  # kept by the store with the new entry
        audit.record(db, "extension", "task", task_id, {"current_due": previous},
                     {"current_due": new_due, "reason": reason.strip(), "basis": basis, "recorded_on": recorded_on})
    return ExtensionResult(ext_id, task_id, task.due, previous, new_due, judged,
                           task.deadline.text if task.deadline else None)


def remove_extension(store: Store, extension_id: int) -> ExtensionRecord:
    """Withdraw an extension (the undo of record_extension); returns the entry removed."""
    extension = progress_sql.require_extension(store.db, extension_id)
    with store.transaction() as db:
        progress_sql.delete_extension(db, extension)
        audit.record(db, "extension_removed", "task", extension.task_id, extension, None)
    return extension
