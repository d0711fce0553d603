"""What the batch dialog needs from the use cases, in one place: who gets a notice in a scope (recipients with
their task counts, groups marked, the members the unit directory knows), a preview that takes no number, and
issuing the chosen recipients one notice at a time with progress and cancel.

Built on what app.ops offers today (`due_assignments`, `issue_notice(task_ids=…)`, `merge_pdfs`). When
app.ops.notices gains `plan_batch(...)` / `issue_batch(..., progress=…, cancelled=…)`, `plan_recipients` and
`issue_recipients` become thin calls to them; the dialog only sees the types below. No Qt here."""
from __future__ import annotations

import tempfile
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import date, datetime
from pathlib import Path

from app.domain.status import OVERDUE
from app.errors import UserError, os_error_text
from app.notices.files import safe_file_part
from app.notices.merge import merge_pdfs
from app.ops import notices as notice_ops
from app.ops import units as unit_ops
from app.ops.backup import backup
from app.ops.changes import Changes
from app.ops.due import DueItem, due_assignments
from app.ops.notices import IssuedNotice, IssueResult
from app.ops.session import Store, open_store  # the store's type, as the use cases name it

SCOPE_OVERDUE, SCOPE_DUE, SCOPE_OPEN = "overdue", "due", "open"
SCOPE_LABELS = {SCOPE_OVERDUE: "已逾期", SCOPE_DUE: "逾期及近期到期", SCOPE_OPEN: "全部未完成"}
GROUPS_ADDRESS, GROUPS_EXPAND = "address", "expand"

Progress = Callable[[int, int, str], None]  # (notices done, notices in all, the unit being issued)


@dataclass(frozen=True)
class BatchScope:
    today: date
    scope: str = SCOPE_OVERDUE
    within: int = 30  # days, for SCOPE_DUE
    plan_id: int | None = None  # None: every plan
    unit_ids: tuple[int, ...] | None = None  # the units chosen in the unit directory; None: every unit


@dataclass(frozen=True)
class Recipient:
    unit_id: int
    name: str
    is_group: bool
    task_ids: tuple[int, ...]
    members: tuple[tuple[int, str], ...] = ()  # for a group: the members the unit directory knows

    @property
    def task_count(self) -> int:
        return len(self.task_ids)


@dataclass(frozen=True)
class BatchOutcome:
    notices: list[IssuedNotice]
    merged: Path | None
    folder: Path
    cancelled: bool = False
    refused: list[str] = field(default_factory=list)  # one line per recipient refused (nothing numbered for it)
    warnings: list[str] = field(default_factory=list)

    @property
    def changes(self) -> Changes:
        files = [str(n.path) for n in self.notices] + ([str(self.merged)] if self.merged else [])
        return Changes(notices=bool(self.notices), files=tuple(files))


def _in_scope(item: DueItem, scope: BatchScope) -> bool:
    if scope.plan_id is not None and item.plan_id != scope.plan_id:
        return False
    if scope.unit_ids is not None and item.unit_id not in scope.unit_ids:
        return False
    return scope.scope != SCOPE_OVERDUE or item.status == OVERDUE


def _group_members(store: Store, group_ids: set[int]) -> dict[int, list[tuple[int, str]]]:
    members: dict[int, list[tuple[int, str]]] = {g: [] for g in group_ids}
    if not group_ids:
        return members
    for unit in unit_ops.list_units(store):
        if unit.id in group_ids:
            continue
        for group in set(unit_ops.units_with_groups(store, [unit.id])) & group_ids:
            members[group].append((unit.id, unit.name))
    return members


def plan_recipients(store: Store, scope: BatchScope) -> list[Recipient]:
    """Every unit (groups included) with unfinished work in the scope, with its tasks; groups first by name."""
    if scope.scope == SCOPE_DUE:
        items = due_assignments(store, within=scope.within, today=scope.today)
    else:
        items = due_assignments(store, today=scope.today, include_done=False)
    tasks: dict[int, dict[int, None]] = {}
    names: dict[int, str] = {}
    for item in items:
        if _in_scope(item, scope):
            tasks.setdefault(item.unit_id, {})[item.task_id] = None
            names[item.unit_id] = item.unit
    groups = {u.id for u in unit_ops.list_units(store) if u.is_group and u.id in tasks}
    members = _group_members(store, groups)
    return sorted((Recipient(uid, names[uid], uid in groups, tuple(tasks[uid]), tuple(members.get(uid, ())))
                   for uid in tasks), key=lambda r: (not r.is_group, r.name))


def addressees(recipients: Sequence[Recipient], groups: str) -> list[tuple[int, str, tuple[int, ...]]]:
    """(unit id, name, task ids) of each notice to write: a group addressed as one, or one per known member
    (a group whose members the directory does not know is addressed as one)."""
    out: list[tuple[int, str, tuple[int, ...]]] = []
    for r in recipients:
        if r.is_group and groups == GROUPS_EXPAND and r.members:
            out += [(uid, name, r.task_ids) for uid, name in r.members]
        else:
            out.append((r.unit_id, r.name, r.task_ids))
    return out


def ensure_folder(folder: Path | str) -> Path:
    folder = Path(folder)
    try:
        folder.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise UserError(f"无法使用文件夹“{folder}”：{os_error_text(exc)}") from None
    return folder


def free_path(folder: Path, stem: str) -> Path:
    path = folder / f"{stem}.pdf"
    n = 2
    while path.exists():
        path = folder / f"{stem}_{n}.pdf"
        n += 1
    return path


def issue_recipients(store: Store, recipients: Sequence[Recipient], *, kind: str, style: str, today: date,
                     folder: Path | str, groups: str = GROUPS_ADDRESS, reply_workdays: int | None = None,
                     progress: Progress | None = None, cancelled: Callable[[], bool] | None = None) -> BatchOutcome:
    """One notice per addressee, each numbered, registered and written together (all or nothing), then one
    merged PDF of those issued. Cancelling stops before the next notice; those issued stay issued."""
    folder = ensure_folder(folder)
    targets = addressees(recipients, groups)
    if not targets:
        raise UserError("请至少勾选一个发送对象。")
    issued: list[IssuedNotice] = []
    refused: list[str] = []
    warnings: list[str] = []
    stopped = False
    for index, (unit_id, name, task_ids) in enumerate(targets):
        if cancelled is not None and cancelled():
            stopped = True
            break
        if progress is not None:
            progress(index, len(targets), name)
        out = free_path(folder, f"{kind}_{safe_file_part(name)}_{today:%Y%m%d}")
        try:
            result = notice_ops.issue_notice(store, unit=str(unit_id), kind=kind, today=today, out=out, style=style,
                                             reply_workdays=reply_workdays, task_ids=list(task_ids))
        except UserError as exc:
            refused.append(f"{name}：{exc.message}")
            continue
        issued += result.notices
        if result.warning and result.warning not in warnings:
            warnings.append(result.warning)
    merged = None
    if issued:
        span = safe_file_part(f"{issued[0].number}至{issued[-1].number}" if len(issued) > 1 else issued[0].number)
        merged = merge_pdfs([n.path for n in issued], free_path(folder, f"合并打印_{span}"))
    if progress is not None:
        progress(len(issued) + len(refused), len(targets), "")
    return BatchOutcome(issued, merged, folder, stopped, refused, warnings)


@contextmanager
def _scratch_copy(store: Store) -> Iterator[tuple[Store, Path]]:
    """A copy of the database in a temporary folder: issuing there takes no number of the real one (its
    sequences, register and journal stay as they are) and leaves nothing behind."""
    with tempfile.TemporaryDirectory(prefix="duban-preview-") as tmp:
        copy = backup(store, Path(tmp) / "preview.sqlite3")
        scratch = open_store(copy, backup=False, create=False)
        try:
            yield scratch, Path(tmp)
        finally:
            scratch.close()


def preview_pdf(store: Store, issue: Callable[[Store, Path], Path], into: Path | str) -> Path:
    """The PDF `issue(store, folder)` would write, made on a scratch copy of the database and copied to `into`:
    what will be printed, page for page, while the real register takes no number."""
    into = Path(into)
    with _scratch_copy(store) as (scratch, folder):
        made = issue(scratch, folder)
        into.write_bytes(made.read_bytes())
    return into


def preview_first(store: Store, recipients: Sequence[Recipient], *, kind: str, style: str, today: date,
                  groups: str = GROUPS_ADDRESS, reply_workdays: int | None = None, into: Path | str) -> Path:
    """The first notice of the batch, as it will be printed, without taking a number."""
    targets = addressees(recipients, groups)
    if not targets:
        raise UserError("请至少勾选一个发送对象。")
    unit_id, _, task_ids = targets[0]

    def issue(scratch: Store, folder: Path) -> Path:
        result = notice_ops.issue_notice(scratch, unit=str(unit_id), kind=kind, today=today, out=folder / "预览.pdf",
                                         style=style, reply_workdays=reply_workdays, task_ids=list(task_ids))
        return result.notices[0].path

    return preview_pdf(store, issue, into)


def preview_bulletin(store: Store, plan_id: int, today: date, into: Path | str) -> Path:
    """A plan's 情况通报 as it will be printed, without taking a number."""
    return preview_pdf(store, lambda scratch, folder: notice_ops.issue_bulletin(
        scratch, plan_id=plan_id, today=today, out=folder / "预览.pdf").notices[0].path, into)


def issue_bulletins(store: Store, plans: Sequence[tuple[int, str]], *, today: date, folder: Path | str,
                    progress: Progress | None = None) -> IssueResult:
    """A 情况通报 for each plan (id, title) at `today`, each numbered and written on its own."""
    folder = ensure_folder(folder)
    issued: list[IssuedNotice] = []
    for index, (plan_id, title) in enumerate(plans):
        if progress is not None:
            progress(index, len(plans), title)
        out = free_path(folder, f"情况通报_{safe_file_part(title)}_{today:%Y%m%d}")
        issued += notice_ops.issue_bulletin(store, plan_id=plan_id, today=today, out=out).notices
    return IssueResult(issued)


def stamp() -> str:
    return f"{datetime.now():%Y%m%d_%H%M%S}"
