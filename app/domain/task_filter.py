"""What the task table asks for: filters, sort key and page. Plain data shared by the window and the store."""
from __future__ import annotations

from dataclasses import dataclass
from datetime import date

# Sort keys the task query understands (the window's columns name these, not SQL).
ORDER_KEYS = ("plan", "ref", "title", "due", "light", "status", "progress", "lead", "updated", "latest_progress")


@dataclass(frozen=True)
class TaskFilter:
    text: str | None = None            # full text over titles and text (any length)
    unit: str | None = None            # a unit in any spelling (its groups included)
    own_unit: bool = False             # only 本单位's tasks (and its groups')
    lights: tuple[str, ...] = ()       # app/domain/status.py LIGHTS, at `today`
    statuses: tuple[str, ...] = ()     # status words at `today` (app/domain/status.py STATUSES)
    due_from: date | None = None
    due_to: date | None = None
    plan_id: int | None = None
    include_removed: bool = False      # tasks a revised plan dropped
    today: date | None = None          # None: the caller's today is filled in by app.ops
