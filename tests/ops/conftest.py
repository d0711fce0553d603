"""Shared by the use-case tests."""
from datetime import date

import pytest

from app.domain.task_filter import TaskFilter
from app.ops.tasks import query_tasks, task_detail


@pytest.fixture
def rows_with_details():
    """Every task's table row at `today` beside its detail at the same date (the two ways a task is judged:
    SQL over the whole table, Python for one task)."""

    def judged(store, today: date, expected: int) -> list:
        rows = query_tasks(store, TaskFilter(today=today), limit=1000)
        assert len(rows) == expected
        return [(row, task_detail(store, row.id, today=today)) for row in rows]

    return judged
