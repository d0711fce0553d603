"""Deadlines of every kind for the synthetic plans of the status tests."""
from datetime import date

from app.domain.matrix import Deadline

KINDS = ("date", "ongoing_date", "ongoing", "none", "recurring")


def deadline_of_kind(kind: str, due: date, *, ongoing_text: str = "持续推进",
                     recurrence: str = "quarterly") -> Deadline | None:
    """A dated deadline, a dated one that goes on, one that only goes on, none at all, or a recurring one."""
    return {
        "date": Deadline(f"{due.year}年{due.month}月{due.day}日前", due),
        "ongoing_date": Deadline(f"{due.year}年底并持续推进", due, ongoing=True),
        "ongoing": Deadline(ongoing_text, None, ongoing=True),
        "none": None,
        "recurring": Deadline("每季度末", None, ongoing=True, recurrence=recurrence),
    }[kind]
