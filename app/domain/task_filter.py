"""What the task table asks for: filters, sort key and page. Plain data shared by the window and the store."""
from __future__ import annotations

from dataclasses import dataclass
from datetime import date

# Sort keys the task query understands (the window's columns name these, not SQL).
ORDER_KEYS = ("plan", "ref", "title", "due", "light", "status", "lead", "updated", "latest_progress")


@dataclass(frozen=True)
class TaskFilter:
    text: str | None = None            # full text over titles and text (any length)
    unit: str | None = None            # a unit in any spelling (its groups included)
    own_unit: bool = False             # only 本单位's tasks (and its groups')
    lights: tuple[str, ...] = ()       # red / yellow / green / blue / grey, at `today`
    statuses: tuple[str, ...] = ()     # 未启动 / 推进中 / 已完成 / 逾期 / 持续推进, at `today`
    due_from: date | None = None
    due_to: date | None = None
    plan_id: int | None = None
    include_removed: bool = False      # tasks a revised plan dropped
    today: date | None = None          # None: the caller's today is filled in by app.ops
