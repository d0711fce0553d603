"""What the batch dialog needs from the use cases, in one place: who gets a notice in a scope (app.ops.notices
`plan_batch`: recipients with their task counts, groups marked or already expanded to their members), a preview
of the first notice with its number left blank (`preview_batch`: nothing numbered, no scratch copy), and issuing
the checked recipients with progress and cancel (`issue_batch`). The 情况通报 dialog's preview and issuing are
here too. No Qt here."""
from __future__ import annotations

import tempfile
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import date, datetime
from pathlib import Path

from app.errors import UserError, os_error_text
from app.notices.files import safe_file_part
from app.ops import notices as notice_ops
from app.ops.backup import backup
from app.ops.changes import Changes
from app.ops.notice_scope import GROUPS_ADDRESS, GROUPS_EXPAND, SCOPE_DUE, SCOPE_OPEN, SCOPE_OVERDUE, BatchScope
from app.ops.notices import BatchRecipient as Recipient
from app.ops.notices import IssuedNotice, IssueResult, RepeatNotice
from app.ops.session import Store, open_store  # the store's type, as the use cases name it

__all__ = ["GROUPS_ADDRESS", "GROUPS_EXPAND", "SCOPE_DUE", "SCOPE_OPEN", "SCOPE_OVERDUE", "BatchScope", "Recipient",
           "RepeatNotice"]

Progress = Callable[[int, int], None]  # (notices done, notices in all)
NamedProgress = Callable[[int, int, str], None]  # (done, in all, the one in hand)


@dataclass(frozen=True)
class BatchOutcome:
    notices: list[IssuedNotice]
    merged: Path | None
    folder: Path
    cancelled: bool = False
    warnings: list[str] = field(default_factory=list)

    @property
    def changes(self) -> Changes:
        files = [str(n.path) for n in self.notices] + ([str(self.merged)] if self.merged else [])
        return Changes(notices=bool(self.notices), files=tuple(files))


def plan_recipients(store: Store, scope: BatchScope, today: date) -> list[Recipient]:
    """Every notice the scope makes, by recipient (groups addressed or expanded as the scope says)."""
    return notice_ops.plan_batch(store, scope, today=today)


def preview_first(store: Store, scope: BatchScope, *, unit_id: int, style: str, today: date,
                  reply_workdays: int | None = None, into: Path | str) -> Path:
    """The notice to `unit_id` as it will be printed, its number left blank: nothing numbered or recorded."""
    into = Path(into)
    into.write_bytes(notice_ops.preview_batch(store, scope, today=today, unit_id=unit_id, style=style,
                                              reply_workdays=reply_workdays))
    return into


def issue_recipients(store: Store, scope: BatchScope, unit_ids: Sequence[int], *, style: str, today: date,
                     folder: Path | str, reply_workdays: int | None = None, again: bool = False,
                     progress: Progress | None = None, cancelled: Callable[[], bool] | None = None) -> BatchOutcome:
    """One notice per checked recipient, each numbered, registered and written together (all or nothing), and
    the merged PDF; cancelling stops before the next few, those issued stay issued. A repeat 催办 of today's
    raises UserError unless `again`."""
    folder = ensure_folder(folder)
    if not unit_ids:
        raise UserError("请至少勾选一个发送对象。")
    result = notice_ops.issue_batch(store, scope, today=today, out_dir=folder, style=style, recipients=list(unit_ids),
                                    reply_workdays=reply_workdays, again=again, progress=progress,
                                    cancelled=cancelled)
    return BatchOutcome(result.notices, result.merged, folder, result.cancelled,
                        [result.warning] if result.warning else [])


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


def preview_bulletin(store: Store, plan_id: int, today: date, into: Path | str) -> Path:
    """A plan's 情况通报 as it will be printed, without taking a number."""
    return preview_pdf(store, lambda scratch, folder: notice_ops.issue_bulletin(
        scratch, plan_id=plan_id, today=today, out=folder / "预览.pdf").notices[0].path, into)


def issue_bulletins(store: Store, plans: Sequence[tuple[int, str]], *, today: date, folder: Path | str,
                    progress: NamedProgress | None = None) -> IssueResult:
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
