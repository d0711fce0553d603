"""The three dates a task keeps: the plan's own (原定时限), the one now in force, and the one it is judged by.
The store keeps the last two as of the latest extension (app/store/derived.py); a date asked about in the past
is judged here from the extensions recorded by then."""
from __future__ import annotations

from datetime import date
from typing import Iterable

from app.domain.records import ExtensionRecord
from app.domain.status import effective_due


def due_at(plan_due: date | None, extensions: Iterable[ExtensionRecord], today: date) -> date | None:
    """The date a task is judged against at `today`: the plan's, moved by the extensions recorded by then
    (app/store/task_queries.py `_DUE_AT` says the same in SQL)."""
    return effective_due(plan_due, [e.extension for e in extensions if e.recorded_on <= today])
