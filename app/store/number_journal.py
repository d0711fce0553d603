"""The journal of notice numbers: a small append-only text file beside the database, one line per number.

`notice-numbers.journal` sits in the database's folder; the databases of one folder share it and are told
apart by their identity (db/0003), so each keeps its own sequence while a database and its backups share one.
UTF-8 text; lines starting with `#` are comments; every other line is

    identity <TAB> kind <TAB> year <TAB> seq <TAB> number as printed <TAB> written at <TAB> reason

with reason `issued` (a notice was numbered), `released` (the transaction that took the number did not commit:
the number is free again) or `restore` (the mark a restore carried over from the database it replaced). Lines
are only ever added, in one write each time, and flushed to the disk (fsync) before the caller goes on. A line
a crash tore is not counted (it lacks its last field), and the next write starts on a new line, so a torn line
never spoils the next. The mark of a kind and year is its highest number issued and not released.

Why the policy (app.ops.notice_numbers) can trust it: a line is written before the transaction that records
its number commits, so every number that exists on paper has its line; a number whose transaction was killed
before its commit leaves a line too, and is then skipped (a gap, never a repeat).
"""
from __future__ import annotations

import os
from collections import Counter
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import Iterable

from app.errors import StoreError, os_error_text
from app.store.numbering import Marks

JOURNAL_NAME = "notice-numbers.journal"
ISSUED, RELEASED, RESTORE = "issued", "released", "restore"
REASONS = (ISSUED, RELEASED, RESTORE)
HEADER = ("# 督办台通知编号记录：每行一个已发出（含已作废）的通知编号。恢复备份后，督办台据此不再发出用过的编号。"
          "请勿删除或修改本文件。\n"
          "# 数据库标识\t种类\t年份\t序号\t编号\t记录时间\t原因（issued 发出 / released 未发出、退回 / restore 恢复时保留）\n")


@dataclass(frozen=True)
class JournalLine:
    kind: str
    year: int
    seq: int
    number: str
    reason: str = ISSUED


def journal_path(db_path: Path | str) -> Path:
    """The journal of the database at `db_path` (in its folder)."""
    return Path(db_path).resolve().parent / JOURNAL_NAME


def _clean(text: str) -> str:
    return " ".join(text.split())  # no tab or line break inside a field


def read_marks(path: Path, identity: str) -> Marks:
    """The highest number issued (and not released) of each kind and year, for the database `identity`."""
    try:
        text = path.read_bytes().decode("utf-8", errors="replace")
    except FileNotFoundError:
        return {}
    except OSError as exc:
        raise StoreError(f"无法读取通知编号记录“{path}”：{os_error_text(exc)}。", detail=str(exc)) from exc
    held: dict[tuple[str, int], Counter[int]] = {}
    for line in text.splitlines():
        fields = line.split("\t")
        if len(fields) != 7 or fields[0] != identity or fields[6] not in REASONS:
            continue
        try:
            key, seq = (fields[1], int(fields[2])), int(fields[3])
        except ValueError:
            continue
        held.setdefault(key, Counter())[seq] += -1 if fields[6] == RELEASED else 1
    marks = {key: max((seq for seq, count in seqs.items() if count > 0), default=0) for key, seqs in held.items()}
    return {key: seq for key, seq in marks.items() if seq}


def append(path: Path, identity: str, lines: Iterable[JournalLine]) -> None:
    """Add `lines` to the journal in one write and flush them to the disk before returning.

    Raises StoreError when the journal cannot be written (the caller's transaction should then not commit)."""
    at = datetime.now().isoformat(timespec="seconds")
    payload = "".join(f"{identity}\t{_clean(e.kind)}\t{e.year}\t{e.seq}\t{_clean(e.number)}\t{at}\t{e.reason}\n"
                      for e in lines)
    if not payload:
        return
    try:
        created = not path.exists()
        fd = os.open(path, os.O_RDWR | os.O_APPEND | os.O_CREAT | getattr(os, "O_BINARY", 0), 0o644)
        try:
            size = os.fstat(fd).st_size
            if size == 0:
                payload = HEADER + payload
            else:
                os.lseek(fd, size - 1, os.SEEK_SET)
                if os.read(fd, 1) != b"\n":  # the end of a line a crash tore: start on a line of our own
                    payload = "\n" + payload
            data = memoryview(payload.encode("utf-8"))
            while data:
                data = data[os.write(fd, data):]
            os.fsync(fd)
        finally:
            os.close(fd)
        if created:
            _sync_folder(path.parent)
    except OSError as exc:
        raise StoreError(f"无法写入通知编号记录“{path}”：{os_error_text(exc)}。", detail=str(exc)) from exc


def _sync_folder(folder: Path) -> None:
    """Make a new file's name durable too (POSIX; Windows has no folder handles to flush)."""
    if os.name == "nt":
        return
    fd = os.open(folder, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)
