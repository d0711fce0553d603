"""Feedback forms (反馈表): one form per unit out, filled forms back in, who has replied, 催办 for the late ones.

- `export_steps` writes one .xlsx per unit of a plan (or of every plan) and records each as a round (plan, unit,
  date sent, reply-by), all in one transaction; the files get their final names only after it commits.
- `read_forms` → `preview_feedback` → `apply_feedback`: nothing is written until the preview is applied; applying
  writes one progress entry per changed row, attributed to the unit and dated the day the form was received,
  in one transaction, audited; `undo_feedback` takes it back exactly. A row the unit left as it was in a form
  already read (the same file again) changes nothing.
- `feedback_status`: per unit of a plan, its latest round and whether and when it replied; `chase_late` issues a
  催办 notice (app.ops.notices.issue_notice) to each unit past its reply-by date.
"""
from __future__ import annotations

from collections import Counter
from collections.abc import Generator, Iterable, Sequence
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import Any, cast

from app.domain.feedback import (
    COL_FILLED_BY, COL_KEY, COL_NEXT, COL_PERCENT, COL_PHONE, COL_PROBLEMS, COL_PROGRESS, COL_REF, COL_STATUS,
    COL_TITLE, LATE, BadKey, FeedbackEntry, FeedbackRound, FilledRow, RoundReply, RowKey, RowRefused, RowReport,
    interpret, parse_key, row_key,
)
from app.domain.matrix import ROLE_LABELS, ROLE_LEAD
from app.domain.records import PlanRecord, TaskRecord
from app.domain.status import NOT_STARTED, original_deadline
from app.domain.workdays import reply_by as reply_by_date
from app.errors import UserError
from app.forms.form_in import ReadForm, read_form
from app.forms.form_out import FormLine, FormSheet, form_bytes
from app.notices.files import StagedFiles, safe_file_part
from app.ops import units as unit_ops
from app.ops.changes import Changes
from app.ops.due import DueItem, due_assignments
from app.ops.profile import get_profile
from app.store import audit, feedback as feedback_sql, numbering, plans as plans_sql, progress as progress_sql
from app.store import derived, tasks as tasks_sql, units as units_sql
from app.ops.steps import run_steps
from app.store.connection import Store

# -- forms out ---------------------------------------------------------------------------------------------
@dataclass(frozen=True)
class ExportedForm:
    round_id: int
    plan_id: int
    unit_id: int
    unit: str
    path: Path
    task_count: int

    def to_json(self) -> dict[str, Any]:
        return {**self.__dict__, "path": str(self.path)}


@dataclass(frozen=True)
class ExportResult:
    forms: tuple[ExportedForm, ...]
    sent_on: date
    reply_by: date
    warning: str | None = None

    @property
    def changes(self) -> Changes:
        return Changes()


def _deadline_cell(item: DueItem) -> str:
    """The deadline as printed, or its extension as every output says it."""
    return item.extension or original_deadline(item.original_due, item.deadline_text)


def _plan_items(store: Store, plan_id: int, today: date) -> dict[int, list[DueItem]]:
    """The plan's assignments judged at `today`, by unit (each task once per unit, in the plan's order)."""
    task_ids = [t.id for t in tasks_sql.of_plan(store.db, plan_id)]
    by_unit: dict[int, dict[int, DueItem]] = {}
    for item in due_assignments(store, today=today, task_ids=task_ids):
        by_unit.setdefault(item.unit_id, {}).setdefault(item.task_id, item)
    return {unit_id: list(items.values()) for unit_id, items in by_unit.items()}


def _free_path(folder: Path, stem: str, taken: set[Path]) -> Path:
    path = folder / f"{stem}.xlsx"
    n = 2
    while path in taken or path.exists():
        path = folder / f"{stem}（{n}）.xlsx"
        n += 1
    taken.add(path)
    return path


def export_steps(store: Store, *, plan_id: int | None, units: Sequence[str] = (), today: date,
                 reply_by: date | None = None, out_dir: Path | str
                 ) -> Generator[tuple[int, str], None, ExportResult]:
    """Forms for a plan (None: every plan), for the units named (none named: every unit with tasks there)."""
    from app.ops.holidays import office_holidays

    out = Path(out_dir)
    if out.exists() and not out.is_dir():
        raise UserError(f"“{out}”不是文件夹。")
    plan_ids = [plan_id] if plan_id is not None else [p.id for p in plans_sql.listing(store.db)]
    plans = [plans_sql.require(store.db, pid) for pid in plan_ids]  # a missing plan: the store's one message
    wanted = {unit_ops.resolve_unit(store, name): name for name in units}
    profile = get_profile(store)
    due, warning = reply_by_date(today, workdays=profile.reply_days, explicit=reply_by,
                                 holidays=office_holidays(store))
    jobs: list[tuple[PlanRecord, int, list[DueItem]]] = []
    for plan in plans:
        for unit_id, items in _plan_items(store, plan.id, today).items():
            if not wanted or unit_id in wanted:
                jobs.append((plan, unit_id, items))
    missing = [name for unit_id, name in wanted.items() if not any(j[1] == unit_id for j in jobs)]
    if missing:
        raise UserError(f"“{missing[0]}”在所选方案中没有分工任务，无法生成反馈表。")
    if not jobs:
        raise UserError("所选方案中没有分工到单位的任务，无法生成反馈表。")
    identity = numbering.identity(store.db)
    many_plans = len({j[0].id for j in jobs}) > 1
    taken: set[Path] = set()
    staged = StagedFiles()
    forms: list[ExportedForm] = []
    try:
        with store.transaction() as db:
            for done, (plan, unit_id, items) in enumerate(jobs):
                name = items[0].unit
                stem = f"{safe_file_part(name)}_反馈表_{today.isoformat()}"
                if many_plans:
                    stem = f"{safe_file_part(name)}_方案{plan.id}_反馈表_{today.isoformat()}"
                path = _free_path(out, stem, taken)
                round_id = feedback_sql.insert_round(db, plan_id=plan.id, unit_id=unit_id, sent_on=today,
                                                     reply_by=due, file_name=path.name, task_count=len(items))
                leads = tasks_sql.assignments_of_tasks(db, [i.task_id for i in items])
                lines = tuple(FormLine(
                    ref=i.ref, title=i.title, role=ROLE_LABELS.get(i.role, i.role),
                    leads="、".join(a.printed for a in leads.get(i.task_id, []) if a.role == ROLE_LEAD),
                    deadline=_deadline_cell(i), state=i.status, key=row_key(identity, round_id, i.task_id, unit_id),
                ) for i in items)
                sheet = FormSheet(office=profile.office, plan_title=plan.title or plan.source, unit=name,
                                  sent_on=today, reply_by=due, lines=lines,
                                  form_key=row_key(identity, round_id, 0, unit_id))
                staged.write(path, form_bytes(sheet))
                forms.append(ExportedForm(round_id, plan.id, unit_id, name, path, len(items)))
                yield (done + 1) * 100 // len(jobs), f"已生成 {done + 1}/{len(jobs)}：{name}"
            audit.record(db, "feedback_export", "feedback_round", None, None,
                         {"rounds": [f.round_id for f in forms], "sent_on": today.isoformat(),
                          "reply_by": due.isoformat(), "folder": str(out)})
    except BaseException:
        staged.discard()
        raise
    staged.publish("反馈表已登记，但文件“{target}”无法写入（{error}）。")
    return ExportResult(tuple(forms), today, due, warning)


def export_forms(store: Store, **kwargs: Any) -> ExportResult:
    return run_steps(export_steps(store, **kwargs))


# -- forms in: preview -------------------------------------------------------------------------------------
APPLY, UNCHANGED, REFUSED, BLANK = "apply", "unchanged", "refused", "blank"


@dataclass(frozen=True)
class RowChange:
    row: int                       # the row's number in the sheet
    ref: str
    title: str
    outcome: str                   # APPLY / UNCHANGED / REFUSED / BLANK
    reason: str = ""               # why a row was refused (Chinese)
    task_id: int | None = None
    report: RowReport | None = None
    before: str | None = None      # the unit's 进展 state before (未启动 / 推进中 / 已完成)

    def describe(self) -> str:
        """The change in a line of Chinese, for the preview."""
        if self.outcome == REFUSED:
            return f"未导入：{self.reason}"
        if self.outcome == BLANK:
            return "未填写，跳过"
        if self.outcome == UNCHANGED:
            return "与已导入的内容相同，不变"
        report = cast(RowReport, self.report)
        parts = []
        if report.extension_requested:
            parts.append("申请延期（待审批，批准后请用“延期”记录）")
        elif report.status_change and report.status_change != self.before:
            parts.append(f"状态：{self.before or NOT_STARTED} → {report.status_change}")
        if report.percent is not None:
            parts.append(f"完成 {report.percent}%")
        if report.progress_text:
            parts.append(f"新进展：{report.progress_text}")
        return "；".join(parts) or "新进展"


@dataclass(frozen=True)
class FilePreview:
    path: Path
    sha256: str
    refused: str | None            # the whole file refused, and why
    unit: str = ""
    unit_id: int | None = None
    round_id: int | None = None
    plan_id: int | None = None
    filled_by: str = ""
    phone: str = ""
    rows: tuple[RowChange, ...] = ()

    def count(self, outcome: str) -> int:
        return sum(1 for r in self.rows if r.outcome == outcome)


@dataclass(frozen=True)
class FeedbackPreview:
    files: tuple[FilePreview, ...]
    received_on: date

    def count(self, outcome: str) -> int:
        return sum(f.count(outcome) for f in self.files)

    @property
    def refused_files(self) -> list[FilePreview]:
        return [f for f in self.files if f.refused]


def read_forms(paths: Iterable[Path | str]) -> Generator[tuple[int, str], None, list[ReadForm | tuple[Path, str]]]:
    """Each file's rows, or (path, why it could not be read)."""
    files = [Path(p) for p in paths]
    out: list[ReadForm | tuple[Path, str]] = []
    for n, path in enumerate(files, start=1):
        try:
            out.append(read_form(path))
        except UserError as exc:
            out.append((path, exc.message))
        yield n * 100 // len(files), f"已读取 {n}/{len(files)}：{path.name}"
    return out


def _filled(cells: dict[str, str]) -> FilledRow:
    return FilledRow(progress=cells.get(COL_PROGRESS, ""), status=cells.get(COL_STATUS, ""),
                     percent=cells.get(COL_PERCENT, ""), problems=cells.get(COL_PROBLEMS, ""),
                     next_steps=cells.get(COL_NEXT, ""), filled_by=cells.get(COL_FILLED_BY, ""),
                     phone=cells.get(COL_PHONE, ""))


class _Lookup:
    """What the preview asks the store, each asked once."""

    def __init__(self, store: Store) -> None:
        self.store = store
        self.identity = numbering.identity(store.db)
        self._tasks: dict[int, TaskRecord | None] = {}
        self._units: dict[int, set[int]] = {}
        self._states: dict[tuple[int, int], str] = {}
        self._canonical: dict[int, int] = {}
        self.rounds: dict[int, FeedbackRound] = {}

    def round(self, round_id: int) -> FeedbackRound | None:
        if round_id not in self.rounds:
            found = feedback_sql.rounds(self.store.db, [round_id]).get(round_id)
            if found is None:
                return None
            self.rounds[round_id] = found
        return self.rounds[round_id]

    def canonical(self, unit_id: int) -> int:
        """The unit that now stands for `unit_id` (a form's key keeps the id a later merge moved away)."""
        if unit_id not in self._canonical:
            self._canonical[unit_id] = units_sql.canonical_id(self.store.db, unit_id)
        return self._canonical[unit_id]

    def unit_name(self, unit_id: int) -> str:
        return units_sql.require(self.store.db, unit_id).name  # a round's unit exists

    def task(self, task_id: int) -> TaskRecord | None:
        if task_id not in self._tasks:
            self._tasks[task_id] = tasks_sql.get(self.store.db, task_id)
        return self._tasks[task_id]

    def assigned(self, task_id: int) -> set[int]:
        if task_id not in self._units:
            self._units[task_id] = {a.unit_id for a in tasks_sql.assignments(self.store.db, task_id)}
        return self._units[task_id]

    def state(self, task_id: int, unit_id: int) -> str:
        """The latest 进展 state this unit (or a task-wide entry) recorded."""
        if (task_id, unit_id) not in self._states:
            words = [r.status_change for r in progress_sql.of_task(self.store.db, task_id)
                     if r.unit_id in (None, unit_id) and r.status_change]
            self._states[(task_id, unit_id)] = words[-1] if words else NOT_STARTED
        return self._states[(task_id, unit_id)]


def _form_round(form: ReadForm, look: _Lookup) -> tuple[int | None, str | None]:
    """The form's round, from its hidden key or else its rows' keys; or why the file is refused."""
    keys: list[RowKey] = []
    if form.form_key:
        try:
            keys = [parse_key(form.form_key)]
        except BadKey:
            return None, "反馈表的隐藏标识被改动，无法确认是本数据库导出的反馈表"
    if not keys:
        for row in form.rows:
            try:
                keys.append(parse_key(row.cells.get(COL_KEY)))
            except BadKey:
                continue
    if not keys:
        return None, "没有可识别的校验码，不是督办台导出的反馈表（或校验列被删除）"
    ours = [k for k in keys if k.identity == look.identity]
    if not ours:
        return None, "这份反馈表来自另一个督办台数据库，不是本数据库导出的，未导入"
    round_id = Counter(k.round_id for k in ours).most_common(1)[0][0]
    found = look.round(round_id)
    if found is None:
        return None, f"本数据库没有这份反馈表的发放记录（批次 {round_id}），可能来自恢复前的数据库"
    if any(k.round_id == round_id and look.canonical(k.unit_id) != look.canonical(found.unit_id) for k in ours):
        return None, "反馈表的填报单位与发放记录不符"
    return round_id, None


def _row_change(row_number: int, cells: dict[str, str], form_round: FeedbackRound, look: _Lookup,
                seen: set[int], latest: dict[tuple[int, int], str]) -> RowChange:
    ref, title = cells.get(COL_REF, ""), cells.get(COL_TITLE, "")
    filled = _filled(cells)

    def refuse(reason: str, task_id: int | None = None) -> RowChange:
        return RowChange(row_number, ref, title, REFUSED, reason, task_id)

    try:
        key = parse_key(cells.get(COL_KEY))
    except BadKey as exc:
        return refuse(str(exc)) if not filled.blank else RowChange(row_number, ref, title, BLANK)
    if key.identity != look.identity:
        return refuse("该行来自另一个督办台数据库的反馈表")
    if key.round_id != form_round.id:
        other = look.round(key.round_id)
        if other is not None and other.unit_id != form_round.unit_id:
            return refuse(f"该行是“{look.unit_name(other.unit_id)}”反馈表中的行，不属于本表的填报单位")
        return refuse(f"该行来自另一批次的反馈表（批次 {key.round_id}）")
    if look.canonical(key.unit_id) != look.canonical(form_round.unit_id):
        return refuse("该行属于另一单位的反馈表")
    task = look.task(key.task_id)
    if task is None:
        return refuse("任务不存在（可能已随方案修订删除）", key.task_id)
    ref, title = task.ref_label, task.title
    if task.plan_id != form_round.plan_id:
        return RowChange(row_number, ref, title, REFUSED, "任务不属于该反馈表的方案", key.task_id)
    if task.removed_on:
        return RowChange(row_number, ref, title, REFUSED, "任务已随方案修订删除", key.task_id)
    if look.canonical(form_round.unit_id) not in look.assigned(key.task_id):
        return RowChange(row_number, ref, title, REFUSED, "该单位已不承担此任务", key.task_id)
    if key.task_id in seen:
        return RowChange(row_number, ref, title, REFUSED, "同一任务在表中出现两次，只取第一行", key.task_id)
    seen.add(key.task_id)
    if filled.blank:
        return RowChange(row_number, ref, title, BLANK, task_id=key.task_id)
    try:
        report = interpret(filled)
    except RowRefused as exc:
        return RowChange(row_number, ref, title, REFUSED, str(exc), key.task_id)
    if latest.get((form_round.id, key.task_id)) == report.fingerprint:
        return RowChange(row_number, ref, title, UNCHANGED, task_id=key.task_id, report=report)
    latest[(form_round.id, key.task_id)] = report.fingerprint  # a second copy in this batch is unchanged
    return RowChange(row_number, ref, title, APPLY, task_id=key.task_id, report=report,
                     before=look.state(key.task_id, form_round.unit_id))


def preview_feedback(store: Store, forms: Sequence[ReadForm | tuple[Path, str]], *,
                     received_on: date) -> FeedbackPreview:
    """What applying these forms would change, file by file and row by row (nothing is written)."""
    look = _Lookup(store)
    files: list[FilePreview] = []
    pending: list[tuple[ReadForm, int]] = []
    for form in forms:
        if isinstance(form, tuple):
            files.append(FilePreview(form[0], "", form[1]))
            continue
        round_id, refused = _form_round(form, look)
        if refused is not None or round_id is None:
            files.append(FilePreview(form.path, form.sha256, refused))
            continue
        pending.append((form, round_id))
        files.append(FilePreview(form.path, form.sha256, None, round_id=round_id))
    latest = feedback_sql.latest_fingerprints(store.db, {r for _, r in pending})
    out: list[FilePreview] = []
    queue = iter(pending)
    for preview in files:
        if preview.refused is not None:
            out.append(preview)
            continue
        form, round_id = next(queue)
        form_round = look.rounds[round_id]
        unit = look.unit_name(form_round.unit_id)
        seen: set[int] = set()
        rows = tuple(_row_change(r.number, r.cells, form_round, look, seen, latest) for r in form.rows)
        first = [_filled(r.cells) for r in form.rows]
        out.append(FilePreview(
            form.path, form.sha256, None, unit=unit, unit_id=form_round.unit_id, round_id=round_id,
            plan_id=form_round.plan_id, filled_by=next((f.filled_by for f in first if f.filled_by), ""),
            phone=next((f.phone for f in first if f.phone), ""), rows=rows))
    return FeedbackPreview(tuple(out), received_on)


# -- forms in: apply and undo ------------------------------------------------------------------------------
@dataclass(frozen=True)
class TaskStamp:
    """A task's derived columns before a feedback import, so that its undo can tell they came out the same."""

    task_id: int
    started_on: date | None
    done_on: date | None
    percent: int | None
    updated_at: str


@dataclass(frozen=True)
class Rejection:
    file: str
    row: int | None                # None: the whole file
    reason: str

    def to_json(self) -> dict[str, Any]:
        return {"file": self.file, "row": self.row, "reason": self.reason}


@dataclass(frozen=True)
class FeedbackApplied:
    applied: int
    unchanged: int
    rejected: tuple[Rejection, ...]
    reply_ids: tuple[int, ...] = ()
    progress_ids: tuple[int, ...] = ()
    stamps: tuple[TaskStamp, ...] = ()
    files_refused: int = 0

    @property
    def changes(self) -> Changes:
        return Changes.of_tasks(s.task_id for s in self.stamps)

    def to_json(self) -> dict[str, Any]:
        return {"applied": self.applied, "unchanged": self.unchanged,
                "rejected": [r.to_json() for r in self.rejected]}


def _stamp(task: TaskRecord) -> TaskStamp:
    return TaskStamp(task.id, task.started_on, task.done_on, task.percent, task.updated_at)


def apply_feedback(store: Store, preview: FeedbackPreview) -> FeedbackApplied:
    """Write the preview's changes in one transaction (rows already recorded since the preview are skipped)."""
    rejected = [Rejection(f.path.name, None, f.refused) for f in preview.files if f.refused]
    rejected += [Rejection(f.path.name, r.row, r.reason) for f in preview.files for r in f.rows
                 if r.outcome == REFUSED]
    unchanged = preview.count(UNCHANGED)
    reply_ids: list[int] = []
    progress_ids: list[int] = []
    stamps: dict[int, TaskStamp] = {}
    with store.transaction() as db:
        latest = feedback_sql.latest_fingerprints(db, {f.round_id for f in preview.files if f.round_id})
        for f in preview.files:
            rows = [r for r in f.rows if r.outcome == APPLY and r.report is not None and r.task_id is not None]
            fresh = [r for r in rows if latest.get((cast(int, f.round_id), cast(int, r.task_id)))
                     != cast(RowReport, r.report).fingerprint]
            unchanged += len(rows) - len(fresh)
            if not fresh:
                continue
            reply_id = feedback_sql.insert_reply(db, round_id=cast(int, f.round_id), received_on=preview.received_on,
                                                 file_name=f.path.name, file_sha256=f.sha256, filled_by=f.filled_by,
                                                 phone=f.phone)
            for r in fresh:
                task_id, report = cast(int, r.task_id), cast(RowReport, r.report)
                if task_id not in stamps:
                    stamps[task_id] = _stamp(tasks_sql.require(db, task_id))
                progress_id = progress_sql.add(  # the store brings the task's derived columns up to date
                    db, task_id, unit_id=f.unit_id, on_date=preview.received_on, content=report.content,
                    status_change=report.status_change, percent=report.percent)
                feedback_sql.insert_row(db, reply_id, task_id=task_id, progress_id=progress_id, report=report)
                latest[(cast(int, f.round_id), task_id)] = report.fingerprint
                progress_ids.append(progress_id)
            reply_ids.append(reply_id)
            audit.record(db, "feedback_import", "feedback_reply", reply_id, None, feedback_sql.reply(db, reply_id))
    return FeedbackApplied(len(progress_ids), unchanged, tuple(rejected), tuple(reply_ids), tuple(progress_ids),
                           tuple(stamps.values()), len(preview.refused_files))


def undo_feedback(store: Store, applied: FeedbackApplied) -> FeedbackApplied:
    """Take back what `apply_feedback` wrote: its replies and progress entries; each task's columns as before."""
    with store.transaction() as db:
        for reply_id in applied.reply_ids:
            audit.record(db, "feedback_import_undone", "feedback_reply", reply_id, feedback_sql.reply(db, reply_id))
            feedback_sql.delete_reply(db, reply_id)
        wanted = set(applied.progress_ids)  # an entry deleted by hand since is gone already
        entries = progress_sql.of_tasks(db, [s.task_id for s in applied.stamps])
        for entry in (e for task_entries in entries.values() for e in task_entries if e.id in wanted):
            progress_sql.delete(db, entry)  # the store refreshes the task's derived columns
        for stamp in applied.stamps:
            now = _stamp(tasks_sql.require(db, stamp.task_id))
            if (now.started_on, now.done_on, now.percent) == (stamp.started_on, stamp.done_on, stamp.percent):
                derived.restore_updated_at(db, stamp.task_id, stamp.updated_at)
    return applied


def import_feedback(store: Store, paths: Iterable[Path | str], *, received_on: date) -> FeedbackApplied:
    """Read, check and apply filled forms in one go (the command line)."""
    forms = run_steps(read_forms(paths))
    return apply_feedback(store, preview_feedback(store, forms, received_on=received_on))


# -- who has replied -----------------------------------------------------------------------------------------
def feedback_status(store: Store, plan_id: int, *, today: date) -> list[RoundReply]:
    """Every unit with tasks in the plan: its latest round, whether and when it replied, late or not."""
    plans_sql.require(store.db, plan_id)
    return [unit.with_state(today) for unit in feedback_sql.latest_rounds(store.db, plan_id)]


@dataclass(frozen=True)
class ChaseResult:
    issued: tuple[Any, ...]        # app.ops.notices.IssuedNotice
    skipped: tuple[tuple[str, str], ...]  # (unit, why no notice)
    changes: Changes = field(default_factory=lambda: Changes(notices=True))


def late_units(store: Store, plan_id: int, *, today: date) -> list[RoundReply]:
    return [u for u in feedback_status(store, plan_id, today=today) if u.state == LATE]


def chase_late(store: Store, plan_id: int, *, today: date, out_dir: Path | str,
               only: Iterable[str] | None = None) -> ChaseResult:
    """A 催办 notice (numbered, registered) to each unit past its reply-by date (`only`: those of these names); a
    unit with no overdue or soon-due work gets none (the notice lists that work) and is named with the reason."""
    from app.notices.content import KIND_REMINDER
    from app.ops.notices import issue_notice

    issued: list[Any] = []
    skipped: list[tuple[str, str]] = []
    chosen = None if only is None else set(only)
    for unit in late_units(store, plan_id, today=today):
        if chosen is not None and unit.unit not in chosen:
            continue
        out = Path(out_dir) / f"{safe_file_part(unit.unit)}_催办_{today.isoformat()}.pdf"
        try:
            issued += issue_notice(store, unit=unit.unit, kind=KIND_REMINDER, today=today, out=out).notices
        except UserError as exc:
            skipped.append((unit.unit, exc.message))
    return ChaseResult(tuple(issued), tuple(skipped))


def feedback_history(store: Store, task_id: int) -> list[FeedbackEntry]:
    """The task's feedback rows, oldest first (the detail pane's 反馈记录)."""
    return feedback_sql.history_of_tasks(store.db, [task_id]).get(task_id, [])
