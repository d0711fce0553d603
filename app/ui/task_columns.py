"""The task table's columns: what each shows, how the store orders by it, and its widths.

No Qt here, and nothing the titles and widths do not need is imported at the top: the table view paints its empty
frame from these before the first paint; the row model (app/ui/task_model.py) asks for the cells right after."""
from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any


@dataclass(frozen=True)
class Column:
    header: str
    value: Callable[[Any], Any]  # what the cell shows
    sort_key: str | None  # the store's name for ordering by this column (None: not sortable)
    width: int = 120  # before any row is in
    max_width: int = 300  # sized to content up to this
    give_way: int = 0  # when the columns do not fit, these shrink in this order (1 first; 0: never)…
    min_width: int = 0  # …down to this (or their header's width)


def _join(units: Sequence[str] | None) -> str:
    return "、".join(units or ())


def _due_text(row: Any) -> str:
    """The deadline as printed; once extended (延期), as every output says it (app/domain/status.py
    `extension_note`: the original as printed, the new date, and whether it was recorded too late to count)."""
    from app.domain.status import extension_note  # (loaded with the rows, after the first paint)

    extension = extension_note(getattr(row, "original_due", None), row.deadline_text,
                               getattr(row, "current_due", None), getattr(row, "due_effective", None))
    return extension or row.deadline_text or (row.due.isoformat() if row.due else "")


COLUMNS: tuple[Column, ...] = (
    Column("编号", lambda r: r.ref_label, "ref", 90, 120),
    Column("任务", lambda r: r.title, "title", 235, 380, give_way=1, min_width=130),  # in full in the detail pane
    Column("牵头单位", lambda r: _join(r.lead), "lead", 140, 240, give_way=3, min_width=90),
    Column("责任单位", lambda r: _join(r.responsible), None, 150, 280, give_way=4, min_width=150),
    Column("完成时限", _due_text, "due", 110, 240),
    Column("状态", lambda r: r.status, "light", 90, 120),
    Column("进展", lambda r: r.progress_state, "progress", 70, 90),
    Column("最新进展", lambda r: r.latest_progress or "", "latest_progress", 240, 320, give_way=2),
)
COL_REF, COL_TITLE, COL_LEAD, COL_RESPONSIBLE, COL_DUE, COL_STATUS, COL_PROGRESS, COL_LATEST = range(len(COLUMNS))


TOOLTIP_WRAP = 40  # characters: a longer cell's tooltip wraps (rich text) instead of one line across the screen


def tooltip_text(value: Any) -> str:
    """A cell's full text as its tooltip; long text as a paragraph Qt wraps (plain text would not wrap)."""
    text = "" if value is None else str(value)
    if len(text) <= TOOLTIP_WRAP:
        return text
    from html import escape

    return f"<p style='white-space:pre-wrap'>{escape(text)}</p>"
