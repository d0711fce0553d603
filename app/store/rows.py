"""What sqlite3 hands back, typed: the id an INSERT made. (Rows are still plain dicts; issue 9 makes records.)"""
from __future__ import annotations

import sqlite3


def inserted_id(cursor: sqlite3.Cursor) -> int:
    """The rowid of the row the INSERT on `cursor` just made.

    sqlite3 types `lastrowid` as optional: it is None only on a cursor that has run no INSERT yet.
    """
    rowid = cursor.lastrowid
    if rowid is None:
        raise RuntimeError("no INSERT ran on this cursor")  # a bug in the store, never the user's input
    return rowid
