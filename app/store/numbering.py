"""What the database knows of its notice numbers: its identity, the highest number of each kind and year
(its sequences and its register), raising its sequences to marks kept elsewhere, the numbers recorded lately.

The policy that uses these (a journal beside the database, restores) is app.ops.notice_numbers.
"""
from __future__ import annotations

from typing import Mapping, cast

import sqlite_utils

from app.domain.records import IssuedNumber

Marks = dict[tuple[str, int], int]  # (kind, year) → the highest sequence number used


def identity(db: sqlite_utils.Database) -> str:
    """The random identity db/0003 gave this database (its backups carry the same)."""
    return cast(str, next(db.query("SELECT identity FROM database_identity WHERE id = 1"))["identity"])


def high_marks(db: sqlite_utils.Database) -> Marks:
    """The highest number of each kind and year that the sequences or the register (voided notices included) hold."""
    rows = db.query("SELECT kind, year, max(seq) AS seq FROM ("
                    "SELECT kind, year, last_seq AS seq FROM notice_sequences "
                    "UNION ALL SELECT kind, year, seq FROM notices) GROUP BY kind, year")
    return {(r["kind"], int(r["year"])): int(r["seq"]) for r in rows if r["seq"]}


def raise_sequences(db: sqlite_utils.Database, marks: Mapping[tuple[str, int], int]) -> None:
    """Make the next number of each kind and year follow its mark (a sequence never goes down)."""
    for (kind, year), seq in marks.items():
        db.execute("INSERT INTO notice_sequences (kind, year, last_seq) VALUES (?, ?, ?) ON CONFLICT(kind, year) "
                   "DO UPDATE SET last_seq = max(last_seq, excluded.last_seq)", [kind, year, seq])


def last_notice_id(db: sqlite_utils.Database) -> int:
    return int(next(db.query("SELECT coalesce(max(id), 0) AS n FROM notices"))["n"])


def recorded_since(db: sqlite_utils.Database, notice_id: int) -> list[IssuedNumber]:
    """kind, year, seq and number of the notices recorded after `notice_id` (in this transaction), in order."""
    return [IssuedNumber(r["kind"], int(r["year"]), int(r["seq"]), r["number"])
            for r in db.query("SELECT kind, year, seq, number FROM notices WHERE id > ? ORDER BY id", [notice_id])]


def numbers(db: sqlite_utils.Database) -> list[str]:
    """Every number in the register (voided ones included), oldest first."""
    return [r["number"] for r in db.query("SELECT number FROM notices ORDER BY id")]
