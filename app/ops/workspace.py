"""Use cases only the window needs: the dashboard's figures and, before an import, the units of a freshly read
plan that look like units already in the directory (so the preview can offer to merge them)."""
from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, replace
from datetime import date
from typing import cast

from app.domain.matrix import ROLE_LEAD, ROLE_RESPONSIBLE, Matrix
from app.domain.status import DONE, GREY, LIGHTS
from app.domain.task_filter import TaskFilter
from app.domain.units import plan_jurisdiction, suggest_duplicates
from app.ops.due import due_assignments
from app.ops.tasks import TaskRow, count_tasks, query_tasks, task_detail
from app.ops.units import find_units, list_units
from app.store import progress as progress_sql, task_queries
from app.store.connection import Store


@dataclass(frozen=True)
class UnitCompletion:
    unit: str
    done: int
    total: int


@dataclass(frozen=True)
class DashboardFigures:
    light_counts: dict[str, int]
    upcoming: list[TaskRow]
    units: list[UnitCompletion]


def dashboard_figures(store: Store, *, today: date, upcoming: int = 12, units: int = 20) -> DashboardFigures:
    """Tasks per light, the next open deadlines, and completion per unit (units with most tasks first)."""
    base = TaskFilter(today=today)
    counts = {light: count_tasks(store, replace(base, lights=(light,))) for light in LIGHTS}
    soon = query_tasks(store, replace(base, due_from=today, lights=tuple(l for l in LIGHTS if l != GREY)),
                       order_by="due", limit=upcoming)
    total = task_queries.unit_task_totals(store.db)
    # Only work reported complete (已完成) can be grey: judge just those tasks' assignments, not every one.
    done: dict[str, set[int]] = defaultdict(set)
    finished = progress_sql.tasks_with_status(store.db, DONE)
    for item in due_assignments(store, today=today, include_done=True, task_ids=finished) if finished else ():
        if item.light == GREY:
            done[item.unit].add(item.task_id)
    ranked = sorted(total, key=lambda u: (-total[u], u))[:units]
    return DashboardFigures(counts, soon, [UnitCompletion(u, len(done[u]), total[u]) for u in ranked])


def similar_units(store: Store, matrix: Matrix, *, threshold: float = 85.0) -> list[tuple[str, str]]:
    """(name as the plan prints it, existing unit) for names the directory does not know but nearly does."""
    printed = list(dict.fromkeys(n for t in matrix.tasks for n in (*t.lead, *t.responsible)))
    unknown = [n for n in printed if not find_units(store, n)]
    if not unknown:
        return []
    existing = [(u.id, u.name, u.jurisdiction) for u in list_units(store) if not u.is_group]
    names = {uid: name for uid, name, _ in existing}
    place = plan_jurisdiction(matrix.plan.issuer, matrix.plan.title)
    candidates = [(-(i + 1), n, place) for i, n in enumerate(unknown)] + existing  # negative ids: the new names
    found: dict[str, str] = {}
    for a, b, _score in suggest_duplicates(candidates, threshold=threshold, limit=10_000):
        new_id, old_id = (a, b) if a < 0 <= b else (b, a) if b < 0 <= a else (None, None)
        if new_id is not None:
            found.setdefault(unknown[-new_id - 1], names[cast(int, old_id)])  # set whenever new_id is
    return list(found.items())


def task_row(store: Store, task_id: int, *, today: date) -> TaskRow:
    """One task as a table row, after an edit (the table repaints that row alone)."""
    d = task_detail(store, task_id, today=today)
    printed = [u for u in d.units if not u.standing]
    return TaskRow(
        id=d.id, plan_id=d.plan_id, plan_title=d.plan_title, ref_label=d.ref_label, title=d.title,
        lead=tuple(u.printed for u in printed if u.role == ROLE_LEAD),
        responsible=tuple(u.printed for u in printed if u.role == ROLE_RESPONSIBLE),
        deadline_text=d.deadline.text if d.deadline else None, due=d.judged_due, current_due=d.current_due,
        original_due=d.original_due, due_effective=d.due_effective,
        ongoing=bool(d.deadline and d.deadline.ongoing), status=d.status, light=d.light,
        progress_state=d.progress_state, percent=d.percent,
        latest_progress=d.progress[-1].content if d.progress else None, removed=d.removed_on is not None,
    )
