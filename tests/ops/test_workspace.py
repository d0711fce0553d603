"""The window's own use cases: dashboard figures, near-duplicate units before an import, one task as a row."""
from dataclasses import replace
from datetime import date
from pathlib import Path

import pytest

from app.domain.matrix import Matrix, PlanInfo, Task
from app.domain.task_filter import TaskFilter
from app.ops.plans import import_plan
from app.ops.progress import add_progress
from app.ops.session import open_store
from app.ops.tasks import query_tasks
from app.ops.workspace import dashboard_figures, similar_units, task_row

TODAY = date(2025, 12, 1)
SAMPLES = sorted((Path(__file__).resolve().parents[2] / "resources" / "samples").glob("*.txt"))


@pytest.fixture
def store(tmp_path):
    s = open_store(tmp_path / "w.sqlite3")
    for path in SAMPLES:
        import_plan(s, path, today=TODAY)
    yield s
    s.close()


def test_dashboard_counts_match_the_table_query(store):
    figures = dashboard_figures(store, today=TODAY)
    assert sum(figures.light_counts.values()) == len(query_tasks(store, TaskFilter(today=TODAY), limit=10_000))
    assert figures.light_counts["yellow"] == 4  # 呼和浩特's four tasks due 2025-12-31
    dues = [r.due for r in figures.upcoming]
    assert dues == sorted(dues) and all(d >= TODAY for d in dues)
    assert figures.units[0].total >= figures.units[-1].total


def test_completion_counts_a_task_reported_done(store):
    unit = "内蒙古自治区市场监管局"
    before = next(u for u in dashboard_figures(store, today=TODAY, units=500).units if u.unit == unit)
    row = next(r for r in query_tasks(store, TaskFilter(unit=unit, today=TODAY), limit=100) if r.due is None)
    add_progress(store, row.id, on_date=TODAY, content="已完成", unit=unit, status_change="已完成")
    after = next(u for u in dashboard_figures(store, today=TODAY, units=500).units if u.unit == unit)
    assert (after.done, after.total) == (before.done + 1, before.total)


def test_near_duplicate_unit_of_the_same_place_is_offered(store):
    matrix = Matrix("x.txt", PlanInfo(title="呼和浩特市某实施方案", issuer="呼和浩特市人民政府"),
                    tasks=[Task(("一",), "甲", ["呼和浩特市市场监督管里局"], ["市市场监督管理局"])])
    assert similar_units(store, matrix) == [("呼和浩特市市场监督管里局", "呼和浩特市市场监督管理局")]


def test_task_row_equals_the_querys_row(store):
    rows = query_tasks(store, TaskFilter(today=TODAY), limit=40)
    for row in rows[::7]:
        assert task_row(store, row.id, today=TODAY) == replace(row)


def test_completion_per_unit_equals_judging_every_assignment(store):
    """The overview judges only tasks with a 已完成 report; that must agree with judging every assignment."""
    from collections import defaultdict

    from app.domain.status import GREY
    from app.ops.due import due_assignments

    rows = query_tasks(store, TaskFilter(today=TODAY), limit=10_000)
    lead_done, reopened, unit_done, future_done = rows[0], rows[5], rows[40], rows[60]
    add_progress(store, lead_done.id, on_date=date(2025, 11, 1), status_change="已完成")
    add_progress(store, reopened.id, on_date=date(2025, 11, 1), status_change="已完成")
    add_progress(store, reopened.id, on_date=date(2025, 11, 20), status_change="推进中")
    add_progress(store, unit_done.id, on_date=date(2025, 11, 2), status_change="已完成", unit=unit_done.responsible[0])
    add_progress(store, future_done.id, on_date=date(2026, 1, 5), status_change="已完成")  # after "today"

    total: dict[str, set[int]] = defaultdict(set)
    done: dict[str, set[int]] = defaultdict(set)
    for item in due_assignments(store, today=TODAY, include_done=True):
        total[item.unit].add(item.task_id)
        if item.light == GREY:
            done[item.unit].add(item.task_id)
    figures = dashboard_figures(store, today=TODAY, units=10_000)
    assert {u.unit: (u.done, u.total) for u in figures.units} == {
        u: (len(done[u]), len(total[u])) for u in total
    }
    assert sum(u.done for u in figures.units) >= 2  # the lead's report and the unit's own report count
