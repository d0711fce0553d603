"""Issuing notices: 督办 / 催办 for a unit, a batch for every unit with work due, a 情况通报 for a plan; voiding,
the register, and re-creating a PDF from it.

Each notice takes its number (per kind and year, never reused) in the same transaction that records it; the
numbers are also journaled beside the database before that commit, so that no restore brings one back
(app.ops.notice_numbers).
Its PDF is written under a temporary name inside that transaction and renamed to its final name only after
the commit (`_issuing`): a failure leaves no number used, no row and no file, and a kill leaves at most
temporary `.part` files, removed at the next start (app.ops.notice_files).
The register keeps each notice's full content (`params`), so its PDF can be re-created with every word, number
and date as issued (set by the program's current layout: a later version may break its lines differently).
"""
from __future__ import annotations

import contextlib
from collections import Counter
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Any, Callable, Iterable, Iterator, TypeVar

from app.domain.matrix import ROLE_LABELS, ROLE_LEAD
from app.domain.records import ChaseHistory, NoticeFields, NoticeRecord, iso_text
from app.domain.status import COMPLETED, OVERDUE, PROGRESS_STATES, STATUSES, original_deadline
from app.domain.task_filter import TaskFilter
from app.domain.workdays import reply_by as reply_by_date
from app.errors import UserError
from app.ops.changes import Changes
from app.notices.batch import Document, render, render_all
from app.notices.content import (
    KIND_BULLETIN, KIND_REMINDER, KIND_SUPERVISION, STYLE_FORM, STYLES, Bulletin, NoticeNumber, OfficeSettings,
    PreviousBulletin, ReminderNotice, SupervisionNotice, TaskLine, TaskSource, UnitProgress, nest_book_titles,
)
from app.notices.files import StagedFiles, check_target, safe_file_part
from app.notices.fonts import load_fonts
from app.notices.layout import write_pdf
from app.notices.merge import merge_pdfs
from app.notices.params import from_params, to_params
from app.notices.printable import printable
from app.ops import units as unit_ops
from app.ops.due import DueItem, due_assignments
from app.ops.holidays import office_holidays
from app.ops.notice_files import clean_stale_parts
from app.ops.notice_numbers import notice_number, numbering_transaction
from app.ops.notice_scope import (
    SCOPE_DUE, SCOPE_OPEN, SCOPE_OVERDUE, BatchScope, Recipient, concerned,
    due_until, recipients as gather_recipients,
)
from app.ops.profile import get_profile
from app.ops.settings import yellow_days
from app.ops.tasks import count_tasks, query_tasks
from app.store import audit, notices as notices_sql, plans as plans_sql
from app.store import tasks as tasks_sql, units as units_sql
from app.store.connection import Store

UNIT_KINDS = (KIND_SUPERVISION, KIND_REMINDER)


@dataclass(frozen=True)
class IssuedNotice:
    id: int
    number: str
    kind: str
    unit: str | None
    task_count: int
    issued_on: date
    reply_by: date | None
    path: Path

    def to_json(self) -> dict[str, Any]:
        return {"id": self.id, "number": self.number, "kind": self.kind, "unit": self.unit,
                "task_count": self.task_count, "issued_on": self.issued_on.isoformat(),
                "reply_by": self.reply_by.isoformat() if self.reply_by else None, "path": str(self.path)}


@dataclass(frozen=True)
class IssueResult:
    notices: list[IssuedNotice]
    merged: Path | None = None  # the batch's one file for printing
    warning: str | None = None  # e.g. a reply-by date counted on weekends only
    cancelled: bool = False  # a batch stopped by its caller: the notices listed were issued, the rest not

    @property
    def changes(self) -> Changes:
        """For a window: the register and the files written (the tasks' details list their notices)."""
        written = [n.path for n in self.notices] + ([self.merged] if self.merged else [])
        return Changes(notices=True, files=tuple(str(p) for p in written))


@dataclass(frozen=True)
class RegisterEntry:
    id: int
    number: str
    kind: str
    unit: str | None
    plan: str | None
    tasks: list[str]
    issued_on: str
    reply_by: str | None
    style: str | None
    file_path: str | None
    voided: bool
    voided_reason: str | None
    task_count: int = 0  # the tasks it lists (a bulletin: every task of its plan it counts)

    def to_json(self) -> dict[str, Any]:
        return dict(self.__dict__)


# -- the office's settings and holidays ------------------------------------------------------------------


def office_settings(store: Store) -> OfficeSettings:
    """The office as the notices print it: the profile's name, red header, contact and 抄送."""
    p = get_profile(store)
    return OfficeSettings(
        office_name=p.office or "督查室", header_title=p.header, red_header=bool(p.header), contact_name=p.contact,
        contact_phone=p.phone, copy_to=p.copy_to,
    )


def _reply_by(store: Store, today: date, workdays: int | None, explicit: date | None) -> tuple[date, str | None]:
    if explicit is None and workdays is None:
        workdays = get_profile(store).reply_days
    return reply_by_date(today, workdays=workdays, explicit=explicit, holidays=office_holidays(store))


# -- content from the store ------------------------------------------------------------------------------


def _number(store: Store, kind: str, year: int) -> NoticeNumber:
    """Take the next number; only inside the transaction that records the notice (see `_issuing`)."""
    return notice_number(store, kind, year, notices_sql.take_number(store.db, kind, year))


def _task_lines(store: Store, items: list[DueItem], unit_id: int | None, today: date) -> list[tuple[int, TaskLine]]:
    """The notice's lines for these assignments (one per task), with leads, sources and chasing history.

    Units are named as the directory names them (its full name), and the recipient is not named again as its
    own task's 牵头单位 (its role says so).
    """
    first: dict[int, DueItem] = {}
    for item in items:  # a unit reached twice (by name and through a group) gets each task once
        first.setdefault(item.task_id, item)
    items = list(first.values())
    ids = [i.task_id for i in items]
    assignments = tasks_sql.assignments_of_tasks(store.db, ids)
    history = notices_sql.chase_history(store.db, ids, unit_id)
    plans = {p: plans_sql.require(store.db, p) for p in {i.plan_id for i in items}}
    lines = []
    for item in items:
        plan = plans[item.plan_id]
        chased = history.get(item.task_id, ChaseHistory())
        leads = dict.fromkeys(a.unit_name for a in assignments[item.task_id]
                              if a.role == ROLE_LEAD and a.unit_id not in (unit_id, item.unit_id))
        lines.append((item.task_id, TaskLine(
            ref=item.ref, title=nest_book_titles(item.title), role=ROLE_LABELS.get(item.role, item.role),
            leads=tuple(leads), deadline_text=item.deadline_text or "", due=item.due, status=item.status,
            extended_from=original_deadline(item.original_due, item.deadline_text) if item.extension else "",
            extended_to=item.extended_to if item.extension else None, extension_late=item.extension_late,
            source=TaskSource(plan.title or "", plan.doc_number, item.ref),
            days_late=-item.days_left if item.days_left is not None else 0,
            times_chased=chased.count, previous_number=chased.last_number,
        )))
    return lines


def _unit_items(store: Store, unit_id: int, kind: str, today: date, *, include_ongoing: bool = False,
                task_ids: list[int] | None = None) -> list[DueItem]:
    """The assignments a notice to this unit lists (app.ops.notice_scope): a 催办 its overdue and soon-due
    work; a 督办 the tasks chosen (`task_ids`, those still open), else its open work with a deadline."""
    name = units_sql.require(store.db, unit_id).name
    items = due_assignments(store, unit=name, today=today, include_done=False, task_ids=task_ids)
    until = due_until(today, None, yellow_days(store))
    if task_ids is not None and kind == KIND_SUPERVISION:
        return items
    return [i for i in items if concerned(i, kind=kind, scope=SCOPE_OPEN, until=until,
                                          include_ongoing=include_ongoing)]


def _document(kind: str, style: str, number: NoticeNumber, unit: str, lines: tuple[TaskLine, ...], today: date,
              reply_by: date, office: OfficeSettings) -> SupervisionNotice | ReminderNotice:
    if kind == KIND_REMINDER:
        return ReminderNotice(number, unit, lines, today, reply_by, office)
    return SupervisionNotice(number, unit, lines, today, reply_by, office, style=style)


def _record(store: Store, document: Document, kind: str, path: Path, task_ids: list[int], *, unit_id: int | None = None,
            plan_id: int | None = None, style: str | None = None) -> int:
    number = document.number
    reply_by: date | None = getattr(document, "reply_by", None)  # a Bulletin has none
    return notices_sql.insert(store.db, NoticeFields(
        number=number.text, kind=kind, year=number.year, seq=number.seq, unit_id=unit_id, plan_id=plan_id,
        issued_on=document.issued_on, reply_by=reply_by, style=style, file_path=str(path),
        params=to_params(document)), task_ids)


def _check_kind_style(kind: str, style: str) -> None:
    if kind not in UNIT_KINDS:
        raise UserError(f"通知种类应为{'或'.join(UNIT_KINDS)}，收到“{kind}”。")
    if style not in STYLES:
        raise UserError(f"通知样式应为 form（表格式通知单）或 letter（公文式督办函），收到“{style}”。")


def _file_name(number: NoticeNumber, unit: str) -> str:
    """A batch's file for one notice: its unit's name and its number (never reused, so never overwritten)."""
    return f"{safe_file_part(unit)}_{safe_file_part(number.text)}.pdf"


@contextlib.contextmanager
def _issuing(store: Store, folder: Path) -> Iterator[StagedFiles]:
    """The transaction that numbers and records notices, with the files written in it.

    The files are staged under temporary names and get their final names only once the transaction has
    committed; if it does not (an error, a full disk at the commit), every staged file is removed. The
    temporary files a killed run left in `folder` are removed first.
    """
    if store.db.conn.in_transaction:
        raise RuntimeError("notices are issued in a transaction of their own: the files follow its commit")
    clean_stale_parts(folder, store)
    staged = StagedFiles()
    try:
        with numbering_transaction(store):  # numbers journaled beside the database before the commit
            yield staged
    except BaseException:
        staged.discard()
        raise
    staged.publish()


_Doc = TypeVar("_Doc")


def _printable(documents: list[_Doc]) -> tuple[list[_Doc], list[str]]:
    """The documents with text every font can draw and of bounded length; the changes made, as warnings."""
    fonts = load_fonts()
    fixed: list[_Doc] = []
    warnings: list[str] = []
    for document in documents:
        document, notes = printable(document, fonts)
        fixed.append(document)
        warnings += [n for n in notes if n not in warnings]
    return fixed, warnings


def _warning(*parts: str | list[str] | None) -> str | None:
    flat = [p for part in parts for p in ([part] if isinstance(part, str) else part or [])]
    return "；".join(flat) or None


# -- use cases -------------------------------------------------------------------------------------------


class RepeatNotice(UserError):
    """The same notice (kind, unit, tasks) was already issued today: issuing it again needs `again=True`.

    `fact` says what was sent (the window asks with it); `earlier` is the (first) earlier number."""

    def __init__(self, fact: str, earlier: str) -> None:
        super().__init__(f"{fact}确需再次发出，请确认后重发（命令行加 --again）。")
        self.fact, self.earlier = fact, earlier


def _earlier(store: Store, kind: str, unit_id: int, today: date, task_ids: Iterable[int]) -> str | None:
    wanted = frozenset(task_ids)
    return next((number for number, tasks in notices_sql.same_day(store.db, kind, unit_id, today)
                 if tasks == wanted), None)


def earlier_notice(store: Store, *, unit: str, kind: str, today: date, include_ongoing: bool = False,
                   task_ids: list[int] | None = None) -> str | None:
    """The number of a notice of this kind already issued today to this unit about the same tasks (not voided),
    or None. A window asks before issuing again; `issue_notice` refuses a repeat 催办 without `again=True`."""
    unit_id = unit_ops.resolve_unit(store, unit)
    items = _unit_items(store, unit_id, kind, today, include_ongoing=include_ongoing, task_ids=task_ids)
    return _earlier(store, kind, unit_id, today, (i.task_id for i in items)) if items else None


def issue_notice(store: Store, *, unit: str, kind: str, today: date, out: Path | str, style: str = STYLE_FORM,
                 reply_workdays: int | None = None, reply_by: date | None = None,
                 one_task_per_notice: bool = False, include_ongoing: bool = False,
                 task_ids: list[int] | None = None, again: bool = False) -> IssueResult:
    """A 督办 or 催办 notice for one unit (or one per task: 一事一单), numbered, recorded and written to `out`.

    The tasks (app.ops.notice_scope): a 催办 lists the unit's overdue and soon-due work; a 督办 the tasks chosen
    (`task_ids`), else the unit's open work with a deadline, 持续推进 tasks only with `include_ongoing`.
    A 催办 to the same unit about the same tasks on the same day is refused (`RepeatNotice`, with the earlier
    number) unless `again`. With one notice per task the files are `out`'s name followed by _1, _2, ….
    """
    _check_kind_style(kind, style)
    unit_id = unit_ops.resolve_unit(store, unit)
    name = units_sql.require(store.db, unit_id).name
    lines = _task_lines(store, _unit_items(store, unit_id, kind, today, include_ongoing=include_ongoing,
                                           task_ids=task_ids), unit_id, today)
    if not lines:
        what = "逾期或即将到期的任务" if kind == KIND_REMINDER else "设有完成时限、尚未完成的任务"
        hint = "" if kind == KIND_REMINDER or include_ongoing else "（持续推进的任务需选择“含持续推进”，命令行加 --include-ongoing）"
        raise UserError(f"“{name}”目前没有{what}，无需{kind}{hint}。")
    groups = [[line] for line in lines] if one_task_per_notice else [lines]
    if kind == KIND_REMINDER and not again:
        for group in groups:
            earlier = _earlier(store, kind, unit_id, today, (t for t, _ in group))
            if earlier:
                raise RepeatNotice(f"今天已向“{name}”发出内容相同的{kind}（{earlier}）。", earlier)
    due, warning = _reply_by(store, today, reply_workdays, reply_by)
    out = Path(out)
    paths = [out] if len(groups) == 1 else [out.with_name(f"{out.stem}_{i}{out.suffix or '.pdf'}")
                                            for i in range(1, len(groups) + 1)]
    for path in paths:
        check_target(path)  # a bad --out fails before anything is drawn
    office = office_settings(store)
    issued = []
    with _issuing(store, out.parent) as files:
        documents, printing = _printable([_document(kind, style, _number(store, kind, today.year), name,
                                                    tuple(line for _, line in group), today, due, office)
                                          for group in groups])
        for path, document in zip(paths, documents):
            files.write(path, render(document))
        for path, document, group in zip(paths, documents, groups):
            notice_id = _record(store, document, kind, path, [t for t, _ in group], unit_id=unit_id, style=style)
            issued.append(IssuedNotice(notice_id, document.number.text, kind, document.unit, len(group), today, due,
                                       path))
    return IssueResult(issued, warning=_warning(warning, printing))


# -- batches: every unit concerned, groups addressed or expanded ------------------------------------------


@dataclass(frozen=True)
class BatchRecipient:
    """One notice a batch would make (`plan_batch`): its recipient and how many tasks it lists."""

    unit_id: int
    name: str  # the unit directory's full name: the notice's 主送
    is_group: bool  # a group (各旗县区政府) addressed as such
    task_count: int
    task_ids: tuple[int, ...]
    members: tuple[str, ...] = ()  # a group's members the directory knows (`expand` writes to these)
    via_groups: tuple[str, ...] = ()  # `expand`: groups whose tasks this unit's notice lists too
    unexpanded: bool = False  # a group to expand with no member known: addressed itself
    earlier: str | None = None  # a 催办 about the same tasks went to this unit today: its number (repeat)

    def to_json(self) -> dict[str, Any]:
        return {**self.__dict__, "task_ids": list(self.task_ids), "members": list(self.members),
                "via_groups": list(self.via_groups)}


def _batch_recipients(store: Store, batch: BatchScope, today: date) -> list[Recipient]:
    batch.check()
    if batch.plan_id is not None and plans_sql.get(store.db, batch.plan_id) is None:
        raise UserError(f"没有编号为 {batch.plan_id} 的方案。可用 plans 命令查看。")
    until = due_until(today, batch.within, yellow_days(store))
    items = [i for i in due_assignments(store, today=today, include_done=False)
             if (batch.plan_id is None or i.plan_id == batch.plan_id)
             and concerned(i, kind=batch.kind, scope=batch.scope, until=until, include_ongoing=batch.include_ongoing)]
    return gather_recipients(store, items, groups=batch.groups, unit_ids=batch.unit_ids)


def plan_batch(store: Store, batch: BatchScope, *, today: date) -> list[BatchRecipient]:
    """The notices `issue_batch` would make for `batch` at `today`, by recipient: nothing is numbered or written.

    Each recipient with its task count; groups are marked (and, to expand, their known members listed);
    `earlier` names a 催办 about the same tasks already sent to that unit today. Raises UserError for a scope
    that makes no sense (an unknown plan, negative days).
    """
    out = []
    for r in _batch_recipients(store, batch, today):
        earlier = _earlier(store, batch.kind, r.unit_id, today, r.task_ids) if batch.kind == KIND_REMINDER else None
        out.append(BatchRecipient(r.unit_id, r.name, r.is_group, len(r.task_ids), r.task_ids, r.members,
                                  r.via_groups, r.unexpanded, earlier))
    return out


def preview_batch(store: Store, batch: BatchScope, *, today: date, unit_id: int | None = None,
                  style: str = STYLE_FORM, reply_workdays: int | None = None, reply_by: date | None = None) -> bytes:
    """The batch's first notice (or the one to `unit_id`) as PDF bytes, as `issue_batch` would write it but with
    its number left blank (督办〔2026〕　号): nothing is numbered, recorded or written."""
    _check_kind_style(batch.kind, style)
    chosen = [r for r in _batch_recipients(store, batch, today) if unit_id is None or r.unit_id == unit_id]
    if not chosen:
        raise UserError(_nothing_to_issue(store, batch, today))
    first = chosen[0]
    due, _ = _reply_by(store, today, reply_workdays, reply_by)
    lines = _task_lines(store, list(first.items), first.unit_id, today)
    [document], _ = _printable([_document(batch.kind, style, notice_number(store, batch.kind, today.year, 0),
                                          first.name, tuple(line for _, line in lines), today, due,
                                          office_settings(store))])
    return render(document)


ProgressCallback = Callable[[int, int], None]  # (notices issued so far, notices in all)

_CHUNK = 8  # notices per transaction when the caller follows progress or may cancel


def issue_batch(store: Store, batch: BatchScope | None = None, *, today: date, out_dir: Path | str,
                style: str = STYLE_FORM, recipients: Iterable[int] | None = None, again: bool = False,
                reply_workdays: int | None = None, reply_by: date | None = None, workers: int | None = None,
                progress: ProgressCallback | None = None, cancelled: Callable[[], bool] | None = None,
                within: int | None = None, kind: str | None = None, two_sided: bool = False) -> IssueResult:
    """One notice per recipient of `batch` (see `plan_batch`), each PDF named with its unit's name, plus one
    merged PDF for printing.

    `recipients`: the unit ids to write to (those the user kept checked), None for all. A notice is
    all-or-nothing: numbered, registered and written together. With `progress` or `cancelled`, notices are
    issued a few at a time: `progress(done, total)` after each few, and `cancelled()` asked before each few —
    when it says yes, the notices already issued stay (numbered, registered, written) and the rest are not
    made (`IssueResult.cancelled`). A 催办 that repeats one sent today needs `again`.
    `within` / `kind` alone (without `batch`) mean BatchScope(scope="due", within=…, kind=…), as before.
    `two_sided`: each notice of the merged PDF starts on an odd page (printing on both sides).
    """
    if batch is None:
        batch = BatchScope(scope=SCOPE_DUE, within=within, kind=kind or KIND_REMINDER)
    _check_kind_style(batch.kind, style)
    chosen = _batch_recipients(store, batch, today)
    if recipients is not None:
        wanted = set(recipients)
        chosen = [r for r in chosen if r.unit_id in wanted]
    if not chosen:
        raise UserError(_nothing_to_issue(store, batch, today))
    if batch.kind == KIND_REMINDER and not again:
        repeats = [(r.name, e) for r in chosen if (e := _earlier(store, batch.kind, r.unit_id, today, r.task_ids))]
        if repeats:
            shown = "、".join(f"{n}（{e}）" for n, e in repeats[:5]) + ("等" if len(repeats) > 5 else "")
            raise RepeatNotice(f"今天已向{shown}发出内容相同的催办。", repeats[0][1])
    due, warning = _reply_by(store, today, reply_workdays, reply_by)
    office = office_settings(store)
    out_dir = Path(out_dir)
    check_target(out_dir / f"合并打印_{batch.kind}.pdf")  # a bad folder fails before anything is drawn
    size = _CHUNK if (progress or cancelled) else len(chosen)
    issued: list[IssuedNotice] = []
    pdfs: list[bytes] = []
    printing: list[str] = []
    numbers: list[NoticeNumber] = []
    stopped = False
    for start in range(0, len(chosen), size):
        if cancelled and cancelled():
            stopped = True
            break
        part = chosen[start:start + size]
        with _issuing(store, out_dir) as files:
            lines = [_task_lines(store, list(r.items), r.unit_id, today) for r in part]
            documents, notes = _printable([_document(batch.kind, style, _number(store, batch.kind, today.year),
                                                     r.name, tuple(line for _, line in ls), today, due, office)
                                           for r, ls in zip(part, lines)])
            rendered = render_all(documents, workers=workers)
            paths = [out_dir / _file_name(d.number, d.unit) for d in documents]
            for path, pdf in zip(paths, rendered):
                files.write(path, pdf)
            for r, ls, document, path in zip(part, lines, documents, paths):
                notice_id = _record(store, document, batch.kind, path, [t for t, _ in ls], unit_id=r.unit_id,
                                    style=style)
                issued.append(IssuedNotice(notice_id, document.number.text, batch.kind, document.unit, len(ls),
                                           today, due, path))
        pdfs += rendered
        numbers += [d.number for d in documents]
        printing += [n for n in notes if n not in printing]
        if progress:
            progress(len(issued), len(chosen))
    merged = None
    if numbers:
        first, last = numbers[0], numbers[-1]
        merged = merge_pdfs(pdfs, out_dir / f"合并打印_{batch.kind}_{first.year}_{first.seq}-{last.seq}.pdf",
                            two_sided=two_sided)
    unexpanded = [r.name for r in chosen if r.unexpanded]
    note = f"单位目录未登记{'、'.join(unexpanded)}的成员单位，已直接发给该集合单位" if unexpanded else None
    return IssueResult(issued, merged=merged, warning=_warning(warning, note, printing), cancelled=stopped)


def _nothing_to_issue(store: Store, batch: BatchScope, today: date) -> str:
    plan = f"方案 {batch.plan_id} 中" if batch.plan_id is not None else ""
    days = batch.within if batch.within is not None else yellow_days(store)
    if batch.scope == SCOPE_OVERDUE:
        what = "逾期任务"
    elif batch.scope == SCOPE_DUE or batch.kind == KIND_REMINDER:
        what = f"逾期或{days}天内到期的任务"
    else:
        what = "设有完成时限、尚未完成的任务" + ("" if batch.include_ongoing else "（持续推进的任务需加 --include-ongoing）")
    return f"截至{today.isoformat()}，{plan}没有{what}。"


def _bulletin_counts(store: Store, plan_id: int, today: date
                     ) -> tuple[list[int], tuple[tuple[str, int], ...], tuple[tuple[str, int], ...]]:
    """The plan's tasks (ids), counted by status (one light each) and by the 进展 units reported."""
    filters = TaskFilter(plan_id=plan_id, today=today)
    rows = query_tasks(store, filters, limit=max(1, count_tasks(store, filters)))
    statuses = Counter(r.status for r in rows)
    reported = Counter(r.progress_state for r in rows)
    return ([r.id for r in rows], tuple((s, statuses[s]) for s in STATUSES if statuses[s]),
            tuple((p, reported[p]) for p in PROGRESS_STATES if reported[p]))


def _previous_bulletin(store: Store, plan_id: int, today: date) -> PreviousBulletin | None:
    notice = notices_sql.latest_of_plan(store.db, KIND_BULLETIN, plan_id, today)
    if notice is None:
        return None
    try:
        document = from_params(notice.params)
    except (KeyError, TypeError, ValueError):  # a bulletin from before the counts were kept: no trend
        return None
    if not isinstance(document, Bulletin):
        return None
    return PreviousBulletin(notice.number, document.as_of, document.status_counts)


def issue_bulletin(store: Store, *, plan_id: int, today: date, out: Path | str) -> IssueResult:
    """情况通报 on one plan at `today`: counts by status (one light each) and by reported 进展, each unit's tasks
    by status ranked by overdue work, the units' overdue tasks, and the trend since the last bulletin on the plan.

    The register links the bulletin to every task of the plan it counts (通报 N项任务).
    """
    plan = plans_sql.require(store.db, plan_id)
    items = [i for i in due_assignments(store, today=today, include_done=True) if i.plan_id == plan_id]
    task_ids, status_counts, progress_counts = _bulletin_counts(store, plan_id, today)
    per_unit: dict[int, dict[int, DueItem]] = {}
    for item in items:  # each task once per unit
        per_unit.setdefault(item.unit_id, {}).setdefault(item.task_id, item)
    units: list[tuple[UnitProgress, int, list[DueItem]]] = []
    for unit_id, tasks in per_unit.items():
        counted = Counter(i.status for i in tasks.values())
        name = next(iter(tasks.values())).unit
        units.append((UnitProgress(name, len(tasks), counted[COMPLETED], counted[OVERDUE],
                                   tuple((s, counted[s]) for s in STATUSES if counted[s])),
                      unit_id, [i for i in tasks.values() if i.status == OVERDUE]))
    units.sort(key=lambda u: (-u[0].overdue, u[0].done / u[0].total, u[0].unit))  # ranked by overdue work
    overdue = []
    for progress, unit_id, late in units:
        if late:
            overdue.append((progress.unit, tuple(line for _, line in _task_lines(store, late, unit_id, today))))
    previous = _previous_bulletin(store, plan_id, today)
    out = Path(out)
    check_target(out)
    with _issuing(store, out.parent) as files:
        [bulletin], printing = _printable([Bulletin(
            _number(store, KIND_BULLETIN, today.year), plan.title or "", plan.doc_number, today, today,
            status_counts, progress_counts, tuple(u for u, _, _ in units), tuple(overdue), office_settings(store),
            previous=previous)])
        files.write(out, render(bulletin))
        notice_id = _record(store, bulletin, KIND_BULLETIN, out, task_ids, plan_id=plan_id)
    return IssueResult([IssuedNotice(notice_id, bulletin.number.text, KIND_BULLETIN, None, len(task_ids), today,
                                     None, out)], warning=_warning(None, printing))


def _find(store: Store, number: str) -> NoticeRecord:
    row = notices_sql.by_number(store.db, number.strip())
    if row is None:
        raise UserError(f"登记簿中没有编号为“{number}”的通知。")
    return row


def void_notice(store: Store, number: str, reason: str) -> RegisterEntry:
    """Mark a notice voided (作废): it stays in the register with its number, which is never given again."""
    notice = _find(store, number)
    if notice.voided:
        raise UserError(f"通知“{notice.number}”已于此前作废。")
    if not reason.strip():
        raise UserError("请写明作废原因。")
    with store.transaction() as db:
        notices_sql.void(db, notice.id, reason.strip())
        audit.record(db, "void_notice", "notices", notice.id, before={"voided": False},
                     after={"voided": True, "reason": reason.strip()})
    return _entry(notices_sql.require(store.db, notice.id))  # voiding keeps the row


def _entry(notice: NoticeRecord) -> RegisterEntry:
    return RegisterEntry(
        id=notice.id, number=notice.number, kind=notice.kind, unit=notice.unit_name, plan=notice.plan_title,
        tasks=list(notice.task_titles), issued_on=notice.issued_on.isoformat(), reply_by=iso_text(notice.reply_by),
        style=notice.style, file_path=notice.file_path, voided=notice.voided, voided_reason=notice.voided_reason,
        task_count=notice.task_count,
    )


def list_register(store: Store, *, kind: str | None = None, unit: str | None = None) -> list[RegisterEntry]:
    unit_id = unit_ops.resolve_unit(store, unit) if unit else None
    return [_entry(r) for r in notices_sql.listing(store.db, kind=kind, unit_id=unit_id)]


def recreate_notice(store: Store, number: str, out: Path | str | None = None) -> Path:
    """Write a registered notice's PDF again, its content as issued (to `out`, else where it was first written).

    A voided notice is re-created too (it is part of the record), with 作废 in its register entry only.
    """
    notice = _find(store, number)
    target = Path(out) if out else Path(notice.file_path or f"{notice.number}.pdf")
    check_target(target)
    document = from_params(notice.params)
    write_pdf(target, render(document))
    if out is not None and not notice.file_path:
        with store.transaction() as db:
            notices_sql.set_file(db, notice.id, str(target))
    return target
