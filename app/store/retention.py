"""Which automatic backups to keep: by age, not by count (pure: timestamps in, timestamps out).

A count ("the newest ten") is used up within minutes of busy command-line use, and then an hour-old state is
already gone. Kept instead: every backup of the last hour; the newest of each day for the last 30 days; the newest
of each month before that. A backup stamped in the future (the clock was set back) counts as recent.
"""
from __future__ import annotations

from collections.abc import Iterable
from datetime import datetime, timedelta

KEEP_ALL_WITHIN = timedelta(hours=1)
KEEP_DAILY_WITHIN = timedelta(days=30)


def backups_to_keep(stamps: Iterable[datetime], now: datetime, *, keep_all: timedelta = KEEP_ALL_WITHIN,
                    daily: timedelta = KEEP_DAILY_WITHIN) -> set[datetime]:
    """The stamps to keep among `stamps` (backup times) at `now`; every other backup may be deleted."""
    keep: set[datetime] = set()
    newest_of_day: dict[object, datetime] = {}
    newest_of_month: dict[object, datetime] = {}
    for stamp in sorted(set(stamps), reverse=True):  # newest first: the first seen in a bucket is its newest
        age = now - stamp
        if age <= keep_all:
            keep.add(stamp)
        elif age <= daily:
            newest_of_day.setdefault(stamp.date(), stamp)
        else:
            newest_of_month.setdefault((stamp.year, stamp.month), stamp)
    return keep | set(newest_of_day.values()) | set(newest_of_month.values())
