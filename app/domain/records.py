"""What the store hands out and takes in: frozen records with real types (dates, tuples, booleans, the domain's
`Deadline`), never row dicts. No SQL and no Qt here, so app/ops, app/notices and app/ui may all import them
(app/ui never imports app.store). The store (app/store) builds them from rows and writes them back; the columns
it derives (a task's current and judged dates, its started / done / percent) are its own business: a record
says what they are, and no caller writes them.
"""
from __future__ import annotations

import json
from dataclasses import dataclass, field
from datetime import date
from typing import Any, Iterable

from app.domain.matrix import ROLE_LEAD, Deadline
from app.domain.status import Extension, ProgressEntry, ProgressSummary, summarise_progress


def iso_date(text: str | None) -> date | None:
    """An ISO date (YYYY-MM-DD) as a date; None for an empty value. ValueError when it is not one."""
    return date.fromisoformat(text) if text else None


def iso_text(day: date | None) -> str | None:
    return day.isoformat() if day else None


# -- plans ------------------------------------------------------------------------------------------------
@dataclass(frozen=True, kw_only=True)
class PlanFields:
    """A plan as its file describes it (what an import writes)."""

    title: str | None
    issuer: str | None
    doc_number: str | None
    issued: date | None
    parent_title: str | None
    first_listed_is_lead: bool
    jurisdiction: str
    source: str
    source_sha256: str | None


@dataclass(frozen=True, kw_only=True)
class PlanRecord(PlanFields):
    id: int
    parent_id: int | None

    def same_plan_as(self, fields: PlanFields) -> bool:
        """Whether `fields` describe this plan unchanged (the file's hash aside)."""
        return all(getattr(self, name) == getattr(fields, name)
                   for name in PlanFields.__dataclass_fields__ if name != "source_sha256")


@dataclass(frozen=True)
class PlanSummary:
    id: int
    title: str | None
    issuer: str | None
    doc_number: str | None
    issued: date | None
    jurisdiction: str
    source: str
    parent_id: int | None
    task_count: int

    def to_json(self) -> dict[str, Any]:
        return {**self.__dict__, "issued": iso_text(self.issued)}


@dataclass(frozen=True)
class StandingUnitRecord:
    """A unit the plan names once for all its tasks from `from_ref` on (各方案通用)."""

    unit_id: int
    printed: str
    role: str
    from_ref: tuple[str, ...]


# -- units ------------------------------------------------------------------------------------------------
@dataclass(frozen=True)
class UnitRecord:
    id: int
    name: str
    jurisdiction: str
    key: str
    is_group: bool
    is_own: bool
    merged_into: int | None


@dataclass(frozen=True)
class UnitSummary:
    """A canonical unit in the directory's listing, with its spellings and how many tasks it holds."""

    id: int
    name: str
    jurisdiction: str
    is_group: bool
    is_own: bool
    task_count: int
    spellings: tuple[str, ...] = field(default_factory=tuple)

    def to_json(self) -> dict[str, Any]:
        return {**self.__dict__, "spellings": list(self.spellings)}


@dataclass(frozen=True)
class UnitMerge:
    """What merging `source_id` into `target_id` moved: ids per table, the group links as they were, and whether
    the source was 本单位. Kept in the audit log (its JSON form below, which older logs share) to undo it."""

    source_id: int
    target_id: int
    moved: dict[str, list[int]]                 # table → ids of rows moved
    groups: tuple[tuple[int, int], ...]         # (group_id, member_id) links of the source, as they were
    was_own: bool

    @property
    def moved_assignments(self) -> int:
        return len(self.moved.get("assignments", []))

    def to_json(self) -> dict[str, Any]:
        return {"source_id": self.source_id, "target_id": self.target_id,
                "moved": {**self.moved, "unit_groups": [{"group_id": g, "member_id": m} for g, m in self.groups],
                          "was_own": self.was_own}}

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> UnitMerge:
        moved = dict(data["moved"])
        groups = tuple((link["group_id"], link["member_id"]) for link in moved.pop("unit_groups", None) or [])
        was_own = bool(moved.pop("was_own", False))
        return cls(data["source_id"], data["target_id"], {k: list(v or []) for k, v in moved.items()}, groups, was_own)


# -- tasks ------------------------------------------------------------------------------------------------
@dataclass(frozen=True, kw_only=True)
class TaskFields:
    """A task as the plan gives it (what an import or an edit writes)."""

    position: int
    ref: tuple[str, ...]
    ref_label: str
    title: str
    text: str
    deadline: Deadline | None


@dataclass(frozen=True, kw_only=True)
class TaskRecord(TaskFields):
    """A stored task. `current_due`, `due_effective`, `started_on`, `done_on` and `percent` are kept by the store
    from the task's deadline, extensions and progress entries."""

    id: int
    plan_id: int
    current_due: date | None      # the deadline now in force (after extensions, 延期)
    due_effective: date | None    # the date judged against as of the latest extension
    started_on: date | None
    done_on: date | None
    percent: int | None
    removed_on: date | None
    updated_at: str

    @property
    def due(self) -> date | None:
        """The plan's own date (原定时限)."""
        return self.deadline.due if self.deadline else None

    @property
    def ongoing(self) -> bool:
        return bool(self.deadline and self.deadline.ongoing)

    @property
    def recurrence(self) -> str | None:
        return self.deadline.recurrence if self.deadline else None

    @property
    def start(self) -> date | None:
        return self.deadline.start if self.deadline else None

    def fields(self) -> TaskFields:
        return TaskFields(position=self.position, ref=self.ref, ref_label=self.ref_label, title=self.title,
                          text=self.text, deadline=self.deadline)


@dataclass(frozen=True, kw_only=True)
class AssignmentFields:
    """A unit's place in a task: its role, its position in the role's list, its name as printed."""

    unit_id: int
    role: str
    position: int
    printed: str


@dataclass(frozen=True, kw_only=True)
class AssignmentRecord(AssignmentFields):
    id: int
    task_id: int
    standing: bool        # from the plan's standing units, not printed in the task
    unit_name: str        # the unit's canonical name
    is_group: bool


def printed_by_role(assignments: Iterable[AssignmentFields], role: str) -> tuple[str, ...]:
    """The names of one role, as printed, in their order."""
    return tuple(a.printed for a in sorted((a for a in assignments if a.role == role), key=lambda a: a.position))


@dataclass(frozen=True)
class TaskRow:
    """One row of the task table at a date (the store's paged query, app/store/task_queries.py)."""

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
    due_effective: date | None  # judged against after all its extensions (the latest one late: not its date)
    ongoing: bool
    status: str                 # the light's word (app/domain/status.py)
    light: str
    progress_state: str         # 进展: 未启动 / 推进中 / 已完成
    percent: int | None
    latest_progress: str | None
    removed: bool


@dataclass(frozen=True)
class DueRow:
    """An assignment with its task and plan (what `due` judges, one unit at a time)."""

    assignment: AssignmentRecord
    task: TaskRecord
    plan_title: str | None
    plan_issued: date | None


# -- progress and extensions ----------------------------------------------------------------------------
@dataclass(frozen=True)
class ProgressRecord:
    id: int
    task_id: int
    unit_id: int | None          # None: the task as a whole
    unit_name: str | None
    on_date: date
    content: str
    status_change: str | None    # 未启动 / 推进中 / 已完成
    percent: int | None
    attachment: str | None
    recorded_at: str

    @property
    def entry(self) -> ProgressEntry:
        return ProgressEntry(self.on_date, self.status_change, self.percent)


@dataclass(frozen=True)
class ExtensionRecord:
    """One 延期 entry of a task, with its approval basis (批复文号)."""

    id: int
    task_id: int
    original_due: date | None
    new_due: date
    reason: str
    basis: str
    recorded_on: date

    @property
    def extension(self) -> Extension:
        return Extension(self.original_due, self.new_due, self.recorded_on, self.reason)


def task_progress(entries: Iterable[ProgressRecord], leads: Iterable[int], at: date | None
                  ) -> tuple[ProgressSummary, ProgressSummary]:
    """(everyone's, the task's) progress known at `at` (None: as of the latest entry).

    Any unit's report means the work has started; the task as a whole is complete when a task-wide report or one
    by a lead unit says so (a responsible unit finishing its share does not close the task). app/store's SQL
    (task_queries.py) says the same for the table's filters.
    """
    rows = list(entries)
    lead_ids = set(leads)
    deciding = [r for r in rows if r.unit_id is None or not lead_ids or r.unit_id in lead_ids]
    when = at or max((r.on_date for r in rows), default=date.min)
    return (summarise_progress((r.entry for r in rows), when),
            summarise_progress((r.entry for r in deciding), when))


def lead_unit_ids(assignments: Iterable[AssignmentRecord]) -> set[int]:
    return {a.unit_id for a in assignments if a.role == ROLE_LEAD}


# -- notices --------------------------------------------------------------------------------------------
@dataclass(frozen=True)
class TaskNotice:
    """A notice that named a task (the task's detail lists them)."""

    id: int
    number: str
    kind: str
    issued_on: date
    reply_by: date | None
    voided: bool
    unit_id: int | None
    unit_name: str | None


@dataclass(frozen=True, kw_only=True)
class NoticeFields:
    """An issued notice as the register records it; `params` is all that is needed to re-create its PDF."""

    number: str              # 市监督〔2026〕12号
    kind: str                # 督办, 催办, 通报
    year: int
    seq: int
    unit_id: int | None
    plan_id: int | None
    issued_on: date
    reply_by: date | None
    style: str | None        # form / letter
    file_path: str | None
    params: dict[str, Any]


@dataclass(frozen=True, kw_only=True)
class NoticeRecord(NoticeFields):
    """A notice in the register (voided ones included: the register keeps them)."""

    id: int
    voided: bool
    voided_reason: str | None
    unit_name: str | None
    plan_title: str | None
    task_count: int
    task_titles: tuple[str, ...]


@dataclass(frozen=True)
class ChaseHistory:
    """How many notices (not voided) already went to a unit about a task, and the last one's number."""

    count: int = 0
    last_number: str | None = None


@dataclass(frozen=True)
class AssignmentNotice:
    """A notice (督办 / 催办, not voided) sent to a unit about a task (the ledger's 督办通知 column)."""

    task_id: int
    unit_id: int
    number: str
    kind: str
    issued_on: date


@dataclass(frozen=True)
class IssuedNumber:
    kind: str
    year: int
    seq: int
    number: str


# -- audit ----------------------------------------------------------------------------------------------
@dataclass(frozen=True)
class AuditEntry:
    """One change in the audit log; `before` and `after` are the JSON text as logged (`*_data`: decoded)."""

    id: int
    at: str
    action: str
    entity: str
    entity_id: int | None
    before: str | None
    after: str | None

    @property
    def before_data(self) -> Any:
        return json.loads(self.before) if self.before else None
