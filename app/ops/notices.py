"""Issuing notices: 督办 / 催办 for a unit, a batch for every unit with work due, a 情况通报 for a plan; voiding,
the register, and re-creating a PDF from it.

Each notice takes its number (per kind and year, never reused) in the same transaction that records it; the
numbers are also journaled beside the database before that commit, so that no restore brings one back
(app.ops.notice_numbers).
Its PDF is written under a temporary name inside that transaction and renamed to its final name only after
the commit (`_issuing`): a failure leaves no number used, no row and no file, and a kill leaves at most
temporary `.part` files, removed at the next start (app.ops.notice_files).
The register keeps each notice's full content (`params`), so its PDF can be re-created exactly as issued.
"""
from __future__ import annotations

import contextlib
from collections import Counter
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Any, Iterator, TypeVar, cast

from app.domain.matrix import ROLE_LABELS
from app.domain.status import DONE, OVERDUE, PROGRESS_STATES, STATUSES
from app.domain.task_filter import TaskFilter
from app.domain.workdays import OfficeHoliday, OfficeHolidays, reply_by as reply_by_date
from app.errors import UserError, os_error_text
from app.ops.changes import Changes
from app.notices.batch import Document, render, render_all
from app.notices.content import (
    KIND_BULLETIN, KIND_REMINDER, KIND_SUPERVISION, STYLE_FORM, STYLES, Bulletin, NoticeNumber, OfficeSettings,
    ReminderNotice, SupervisionNotice, TaskLine, TaskSource, UnitProgress,
)
from app.notices.files import StagedFiles, safe_file_part
from app.notices.fonts import load_fonts
from app.notices.layout import write_pdf
from app.notices.merge import merge_pdfs
from app.notices.params import from_params, to_params
from app.notices.printable import printable
from app.ops import units as unit_ops
from app.ops.due import DueItem, due_assignments
from app.ops.notice_files import clean_stale_parts
from app.ops.notice_numbers import notice_number, numbering_transaction
from app.ops.profile import get_profile
from app.ops.settings import get_settings
from app.ops.tasks import count_tasks, query_tasks
from app.store import audit, holidays as holidays_sql, notices as notices_sql, plans as plans_sql
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


def office_holidays(store: Store) -> OfficeHolidays:
    return OfficeHolidays(OfficeHoliday(date.fromisoformat(r["day"]), bool(r["is_workday"]), r["name"])
                          for r in holidays_sql.load(store.db))


def import_holidays(store: Store, path: Path | str) -> int:
    """Add the days of a holiday file (`YYYY-MM-DD<TAB>休|班<TAB>名称`) to the office's table; returns how many."""
    try:
        text = Path(path).read_text(encoding="utf-8-sig")
    except OSError as exc:
        raise UserError(f"无法读取节假日文件“{path}”：{os_error_text(exc)}") from None
    except UnicodeDecodeError:
        raise UserError(f"无法读取节假日文件“{path}”：不是 UTF-8 编码的文本") from None
    table = OfficeHolidays.parse(text)
    with store.transaction() as db:
        count = holidays_sql.put_all(db, ({"day": e.day.isoformat(), "is_workday": int(e.is_workday), "name": e.name}
                                          for e in table.entries()))
        audit.record(db, "import_holidays", "holidays", None, after={"file": str(path), "days": count})
    return count


def _reply_by(store: Store, today: date, workdays: int | None, explicit: date | None) -> tuple[date, str | None]:
    if explicit is None and workdays is None:
        workdays = get_profile(store).reply_days
    return reply_by_date(today, workdays=workdays, explicit=explicit, holidays=office_holidays(store))


# -- content from the store ------------------------------------------------------------------------------


def _number(store: Store, kind: str, year: int) -> NoticeNumber:
    """Take the next number; only inside the transaction that records the notice (see `_issuing`)."""
    return notice_number(store, kind, year, notices_sql.take_number(store.db, kind, year))


def _task_lines(store: Store, items: list[DueItem], unit_id: int | None, today: date) -> list[tuple[int, TaskLine]]:
    """The notice's lines for these assignments (one per task), with leads, sources and chasing history."""
    first: dict[int, DueItem] = {}
    for item in items:  # a unit reached twice (by name and through a group) gets each task once
        first.setdefault(item.task_id, item)
    items = list(first.values())
    ids = [i.task_id for i in items]
    assignments = tasks_sql.assignments_of_tasks(store.db, ids)
    history = notices_sql.chase_history(store.db, ids, unit_id)
    # tasks.plan_id is a NOT NULL foreign key: every plan exists
    plans = {p: cast("dict[str, Any]", plans_sql.get(store.db, p)) for p in {i.plan_id for i in items}}
    lines = []
    for item in items:
        plan = plans[item.plan_id]
        chased = history.get(item.task_id, {})
        lines.append((item.task_id, TaskLine(
            ref=item.ref, title=item.title, role=ROLE_LABELS.get(item.role, item.role),
            leads=tuple(a["printed"] for a in assignments[item.task_id] if a["role"] == "lead"),
            deadline_text=item.deadline_text or "", due=item.due, status=item.status,
            extended_from=(item.deadline_text or (item.original_due and item.original_due.isoformat()) or "未定时限"
                           if item.extended else ""),
            source=TaskSource(plan["title"] or "", plan["doc_number"], item.ref),
            days_late=-item.days_left if item.days_left is not None else 0,
            times_chased=chased.get("count", 0), previous_number=chased.get("last_number"),
        )))
    return lines


def _unit_items(store: Store, unit_id: int, kind: str, today: date) -> list[DueItem]:
    name = cast("dict[str, Any]", units_sql.get(store.db, unit_id))["name"]  # a resolved unit: it exists
    if kind == KIND_REMINDER:  # overdue and soon-due work only
        within = get_settings(store)["yellow_days"]
        return due_assignments(store, unit=name, within=within, today=today)
    return due_assignments(store, unit=name, today=today, include_done=False)


def _document(kind: str, style: str, number: NoticeNumber, unit: str, lines: tuple[TaskLine, ...], today: date,
              reply_by: date, office: OfficeSettings) -> SupervisionNotice | ReminderNotice:
    if kind == KIND_REMINDER:
        return ReminderNotice(number, unit, lines, today, reply_by, office)
    return SupervisionNotice(number, unit, lines, today, reply_by, office, style=style)


def _record(store: Store, document: Document, kind: str, path: Path, task_ids: list[int], *, unit_id: int | None = None,
            plan_id: int | None = None, style: str | None = None) -> int:
    number = document.number
    reply_by: date | None = getattr(document, "reply_by", None)  # a Bulletin has none
    return notices_sql.insert(store.db, {
        "number": number.text, "kind": kind, "year": number.year, "seq": number.seq, "unit_id": unit_id,
        "plan_id": plan_id, "issued_on": document.issued_on.isoformat(),
        "reply_by": reply_by and reply_by.isoformat(), "style": style,
        "file_path": str(path), "params": to_params(document),
    }, task_ids)


def _check_kind_style(kind: str, style: str) -> None:
    if kind not in UNIT_KINDS:
        raise UserError(f"通知种类应为{'或'.join(UNIT_KINDS)}，收到“{kind}”。")
    if style not in STYLES:
        raise UserError(f"通知样式应为 form（表格式通知单）或 letter（公文式督办函），收到“{style}”。")


def _file_name(number: NoticeNumber, unit: str) -> str:
    return f"{number.seq:03d}_{safe_file_part(unit)}.pdf"


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


def issue_notice(store: Store, *, unit: str, kind: str, today: date, out: Path | str, style: str = STYLE_FORM,
                 reply_workdays: int | None = None, reply_by: date | None = None,
                 one_task_per_notice: bool = False, task_ids: list[int] | None = None) -> IssueResult:
    """A 督办 or 催办 notice for one unit (or one per task: 一事一单), numbered, recorded and written to `out`.

    With one notice per task the files are `out`'s name followed by _1, _2, ….
    `task_ids`: only these of the unit's unfinished tasks (a batch chosen by plan and scope), else the kind's.
    """
    _check_kind_style(kind, style)
    unit_id = unit_ops.resolve_unit(store, unit)
    name = cast("dict[str, Any]", units_sql.get(store.db, unit_id))["name"]  # a resolved unit: it exists
    items = (_unit_items(store, unit_id, kind, today) if task_ids is None else
             due_assignments(store, unit=str(unit_id), today=today, include_done=False, task_ids=task_ids))
    lines = _task_lines(store, items, unit_id, today)
    if not lines:
        what = "逾期或即将到期的任务" if kind == KIND_REMINDER else "未完成的任务"
        raise UserError(f"“{name}”目前没有{what}，无需{kind}。")
    due, warning = _reply_by(store, today, reply_workdays, reply_by)
    groups = [[line] for line in lines] if one_task_per_notice else [lines]
    out = Path(out)
    paths = [out] if len(groups) == 1 else [out.with_name(f"{out.stem}_{i}{out.suffix or '.pdf'}")
                                            for i in range(1, len(groups) + 1)]
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


def issue_batch(store: Store, *, within: int, today: date, out_dir: Path | str, kind: str = KIND_REMINDER,
                style: str = STYLE_FORM, reply_workdays: int | None = None, reply_by: date | None = None,
                workers: int | None = None) -> IssueResult:
    """One notice for every unit with work overdue or due within `within` days, plus one merged PDF."""
    _check_kind_style(kind, style)
    by_unit: dict[int, list[DueItem]] = {}
    for item in due_assignments(store, within=within, today=today):
        by_unit.setdefault(item.unit_id, []).append(item)
    if not by_unit:
        raise UserError(f"截至{today.isoformat()}，没有逾期或{within}天内到期的任务。")
    due, warning = _reply_by(store, today, reply_workdays, reply_by)
    office = office_settings(store)
    out_dir = Path(out_dir)
    units = sorted(by_unit, key=lambda u: by_unit[u][0].unit)
    with _issuing(store, out_dir) as files:
        plans = [(u, by_unit[u][0].unit, _task_lines(store, by_unit[u], u, today)) for u in units]
        documents, printing = _printable([_document(kind, style, _number(store, kind, today.year), name,
                                                    tuple(l for _, l in lines), today, due, office)
                                          for _, name, lines in plans])
        pdfs = render_all(documents, workers=workers)
        paths = [out_dir / _file_name(d.number, d.unit) for d in documents]
        for path, pdf in zip(paths, pdfs):
            files.write(path, pdf)
        issued = []
        for (unit_id, name, lines), document, path in zip(plans, documents, paths):
            notice_id = _record(store, document, kind, path, [t for t, _ in lines], unit_id=unit_id, style=style)
            issued.append(IssuedNotice(notice_id, document.number.text, kind, document.unit, len(lines), today, due,
                                       path))
    first, last = documents[0].number, documents[-1].number
    merged = merge_pdfs(pdfs, out_dir / f"合并打印_{kind}_{first.year}_{first.seq}-{last.seq}.pdf")
    return IssueResult(issued, merged=merged, warning=_warning(warning, printing))


def _bulletin_counts(store: Store, plan_id: int, today: date
                     ) -> tuple[tuple[tuple[str, int], ...], tuple[tuple[str, int], ...]]:
    filters = TaskFilter(plan_id=plan_id, today=today)
    rows = query_tasks(store, filters, limit=max(1, count_tasks(store, filters)))
    statuses = Counter(r.status for r in rows)
    reported = Counter(r.progress_state for r in rows)
    return (tuple((s, statuses[s]) for s in STATUSES if statuses[s]),
            tuple((p, reported[p]) for p in PROGRESS_STATES if reported[p]))


def issue_bulletin(store: Store, *, plan_id: int, today: date, out: Path | str) -> IssueResult:
    """情况通报 on one plan at `today`: counts by status and light, each unit's progress, units with overdue work."""
    plan = plans_sql.get(store.db, plan_id)
    if plan is None:
        raise UserError(f"没有编号为 {plan_id} 的方案。可用 plans 命令查看。")
    items = [i for i in due_assignments(store, today=today, include_done=True) if i.plan_id == plan_id]
    status_counts, light_counts = _bulletin_counts(store, plan_id, today)
    per_unit: dict[int, list[DueItem]] = {}
    for item in items:
        per_unit.setdefault(item.unit_id, []).append(item)
    units, overdue, overdue_ids = [], [], []
    for unit_id, unit_items in sorted(per_unit.items(), key=lambda kv: kv[1][0].unit):
        tasks = {i.task_id: i for i in unit_items}.values()
        late = [i for i in tasks if i.status == OVERDUE]
        units.append(UnitProgress(unit_items[0].unit, len(tasks), sum(i.status == DONE for i in tasks), len(late)))
        if late:
            lines = _task_lines(store, late, unit_id, today)
            overdue.append((unit_items[0].unit, tuple(l for _, l in lines)))
            overdue_ids += [t for t, _ in lines]
    out = Path(out)
    with _issuing(store, out.parent) as files:
        [bulletin], printing = _printable([Bulletin(
            _number(store, KIND_BULLETIN, today.year), plan["title"] or "", plan["doc_number"], today, today,
            status_counts, light_counts, tuple(units), tuple(overdue), office_settings(store))])
        files.write(out, render(bulletin))
        notice_id = _record(store, bulletin, KIND_BULLETIN, out, overdue_ids, plan_id=plan_id)
    return IssueResult([IssuedNotice(notice_id, bulletin.number.text, KIND_BULLETIN, None, len(overdue_ids), today,
                                     None, out)], warning=_warning(None, printing))


def _find(store: Store, number: str) -> dict[str, Any]:
    row = notices_sql.by_number(store.db, number.strip())
    if row is None:
        raise UserError(f"登记簿中没有编号为“{number}”的通知。")
    return row


def void_notice(store: Store, number: str, reason: str) -> RegisterEntry:
    """Mark a notice voided (作废): it stays in the register with its number, which is never given again."""
    row = _find(store, number)
    if row["voided"]:
        raise UserError(f"通知“{row['number']}”已于此前作废。")
    if not reason.strip():
        raise UserError("请写明作废原因。")
    with store.transaction() as db:
        notices_sql.void(db, row["id"], reason.strip())
        audit.record(db, "void_notice", "notices", row["id"], before={"voided": False},
                     after={"voided": True, "reason": reason.strip()})
    return _entry(cast("dict[str, Any]", notices_sql.get(store.db, row["id"])))  # voiding keeps the row


def _entry(row: dict[str, Any]) -> RegisterEntry:
    return RegisterEntry(
        id=row["id"], number=row["number"], kind=row["kind"], unit=row["unit_name"], plan=row["plan_title"],
        tasks=row["task_titles"].split("；") if row["task_titles"] else [], issued_on=row["issued_on"],
        reply_by=row["reply_by"], style=row["style"], file_path=row["file_path"], voided=row["voided"],
        voided_reason=row["voided_reason"],
    )


def list_register(store: Store, *, kind: str | None = None, unit: str | None = None) -> list[RegisterEntry]:
    unit_id = unit_ops.resolve_unit(store, unit) if unit else None
    return [_entry(r) for r in notices_sql.listing(store.db, kind=kind, unit_id=unit_id)]


def recreate_notice(store: Store, number: str, out: Path | str | None = None) -> Path:
    """Write a registered notice's PDF again, exactly as issued (to `out`, else where it was first written).

    A voided notice is re-created too (it is part of the record), with 作废 in its register entry only.
    """
    row = _find(store, number)
    target = Path(out) if out else Path(row["file_path"] or f"{row['number']}.pdf")
    document = from_params(row["params"])
    write_pdf(target, render(document))
    if out is not None and not row["file_path"]:
        with store.transaction() as db:
            notices_sql.set_file(db, row["id"], str(target))
    return target
