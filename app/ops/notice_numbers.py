"""Notice numbers that never repeat, whatever is restored or re-opened.

A number on paper must never be given to a second notice. The register alone cannot promise that: restoring
a backup brings back an older register, and the numbers issued since would be issued again. So the numbers
live in three places, and the next number of a kind and year is one above the highest of them:

1. the database's sequences (`notice_sequences`, taken with the row that records the notice);
2. its register (`notices`, voided notices included);
3. a journal beside the database (app/store/number_journal.py): one line per number issued, filed under the
   database's identity (db/0003). It is read inside the transaction that numbers notices (which holds the
   database's write lock), the sequences are first raised to its marks, and the lines of the numbers taken are
   appended and flushed to the disk (fsync) *before* that transaction commits (`numbering_transaction`), so
   before any PDF gets its final name. When the transaction then fails to commit (a full disk) the numbers
   are released by another line, and can be used again. A process killed after the journal and before the
   commit leaves a line whose number nobody holds: the next notice skips it (a gap, never a repeat); killed
   after the commit, the register and the journal both have it.

A restore (app.ops.backup.restore) keeps the high-water mark of the database it replaces: before the copy it
reads that database's marks (sequences, register, journal) and numbers; after it, the restored database's
sequences are raised to them and the marks the journal lacks for the restored identity are journaled too
(reason `restore`: a backup older than db/0003 gets a new identity when it is upgraded, and a backup of
another database has its own). The restore then says where numbering continues and which numbers the
restored register no longer lists (they stay in the saved copy of the replaced database and are never given
again).

The journal is keyed on the identity, not on the folder: two databases in one folder keep separate sequences,
while a database and its own backups (same identity) share one. Copies of one database in two folders each
have a journal of their own: they are two registers from then on, as a copy made by hand always was.
"""
from __future__ import annotations

import contextlib
import logging
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Iterator

from app.errors import StoreError
from app.notices.content import NoticeNumber
from app.ops.profile import get_profile
from app.store import number_journal, numbering
from app.store.connection import Store
from app.store.numbering import Marks
from app.store.number_journal import JournalLine

log = logging.getLogger(__name__)


def notice_number(store: Store, kind: str, year: int, seq: int) -> NoticeNumber:
    """Number `seq` of a kind and year as this office prints it (the profile's prefix: 呼督办〔2026〕12号)."""
    return NoticeNumber(get_profile(store).number_prefix(kind), year, seq)


def _highest(*sources: Marks) -> Marks:
    out: Marks = {}
    for marks in sources:
        for key, seq in marks.items():
            out[key] = max(seq, out.get(key, 0))
    return out


def _above(marks: Marks, floor: Marks) -> Marks:
    """The marks that are higher than `floor`'s."""
    return {key: seq for key, seq in marks.items() if seq > floor.get(key, 0)}


@contextlib.contextmanager
def numbering_transaction(store: Store) -> Iterator[None]:
    """The transaction in which notices take their numbers, journaled beside the database before it commits.

    First the sequences are raised to the journal's marks for this database; after the work, the numbers it
    recorded are journaled and flushed to the disk, then the transaction commits. When it does not commit
    (the work failed, or the commit itself: a full disk), the journaled numbers the register does not hold
    are released again, so a failure uses up no number."""
    db = store.db
    path = number_journal.journal_path(store.path)
    journaled: list[JournalLine] = []
    try:
        with store.transaction():
            identity = numbering.identity(db)
            numbering.raise_sequences(db, _above(number_journal.read_marks(path, identity), numbering.high_marks(db)))
            since = numbering.last_notice_id(db)
            yield
            issued = [JournalLine(n.kind, n.year, n.seq, n.number) for n in numbering.recorded_since(db, since)]
            try:
                number_journal.append(path, identity, issued)
            except StoreError as exc:
                raise StoreError(f"{exc.message}本次没有发出通知，也没有占用编号。", detail=exc.detail) from exc
            journaled = issued
    except BaseException:
        if journaled:
            _release(store, path, identity, journaled)
        raise


def _release(store: Store, path: Path, identity: str, lines: list[JournalLine]) -> None:
    """Give back journaled numbers whose transaction did not commit (those the register does not hold)."""
    try:
        recorded = set(numbering.numbers(store.db))
        number_journal.append(path, identity, [replace(line, reason=number_journal.RELEASED)
                                               for line in lines if line.number not in recorded])
    except Exception:  # cannot tell or cannot write (the disk that failed the commit): the numbers stay used
        log.warning("未能退回未发出的通知编号 %s", "、".join(line.number for line in lines), exc_info=True)


@dataclass(frozen=True)
class NumberState:
    """What a database had numbered: the highest number of each kind and year, and its register's numbers."""
    marks: Marks
    numbers: tuple[str, ...]


def number_state(store: Store) -> NumberState:
    db = store.db
    journal = number_journal.read_marks(number_journal.journal_path(store.path), numbering.identity(db))
    return NumberState(_highest(numbering.high_marks(db), journal), tuple(numbering.numbers(db)))


@dataclass(frozen=True)
class KeptNumbers:
    """After a restore: where each kind's numbering continues, and the numbers no longer in the register."""
    continues: tuple[str, ...]  # the next number of each kind, in its latest year: 催办〔2025〕11号
    dropped: tuple[str, ...]  # issued (or voided) by the replaced database, not in the restored register
    warning: str | None = None

    def lines(self) -> list[str]:
        out = []
        if self.continues:
            out.append(f"恢复后，通知编号从 {'、'.join(self.continues)} 继续，已发出的编号不会重复。")
        if self.dropped:
            shown = "、".join(self.dropped[:5]) + ("等" if len(self.dropped) > 5 else "")
            out.append(f"备份之后发出（或作废）的 {len(self.dropped)} 个编号（{shown}）不在恢复后的登记簿中"
                       "（恢复前数据库的副本里仍有记录），今后也不会再使用。")
        return out


def keep_after_restore(store: Store, replaced: NumberState | None) -> KeptNumbers:
    """Raise the restored database's sequences to what the database it replaced had numbered (`replaced`, None
    when there was none or it was unreadable) and journal those marks under the restored database's identity."""
    db = store.db
    path = number_journal.journal_path(store.path)
    identity = numbering.identity(db)
    journal = number_journal.read_marks(path, identity)
    own = number_state(store)
    marks = _highest(own.marks, replaced.marks if replaced else {})
    with store.transaction():
        numbering.raise_sequences(db, _above(marks, numbering.high_marks(db)))
    warning = None
    carried = [JournalLine(kind, year, seq, notice_number(store, kind, year, seq).text, "restore")
               for (kind, year), seq in sorted(_above(marks, journal).items())]
    try:
        number_journal.append(path, identity, carried)
    except StoreError as exc:  # the database itself holds the marks now: only a later restore would miss them
        warning = exc.message
    latest: dict[str, int] = {}
    for kind, year in marks:
        latest[kind] = max(year, latest.get(kind, year))
    continues = tuple(notice_number(store, kind, year, marks[kind, year] + 1).text
                      for kind, year in sorted(latest.items()))
    restored = set(own.numbers)
    dropped = tuple(n for n in (replaced.numbers if replaced else ()) if n not in restored)
    return KeptNumbers(continues, dropped, warning)
