"""A stand-in for the store's task query, so the table model is tested without a database."""
from dataclasses import dataclass, field
from datetime import date

from app.ui.task_model import TaskQuery


@dataclass
class Row:
    id: int
    ref_label: str
    title: str
    lead: list = field(default_factory=list)
    responsible: list = field(default_factory=list)
    deadline_text: str | None = None
    due: date | None = None
    status: str = "推进中"
    light: str = "green"
    latest_progress: str | None = None


class FakeStore:
    def __init__(self, n):
        self.rows = [Row(i, str(i), f"任务{i:05d}", ["甲局" if i % 2 else "乙局"]) for i in range(1, n + 1)]
        self.fetches = []

    def _select(self, q: TaskQuery):
        rows = [r for r in self.rows if q.text in r.title and (q.unit is None or q.unit in r.lead)]
        return sorted(rows, key=lambda r: getattr(r, q.order_by if q.order_by != "ref" else "id"), reverse=q.descending)

    def count(self, q):
        return len(self._select(q))

    def fetch(self, q, offset, limit):
        self.fetches.append((offset, limit))
        return self._select(q)[offset:offset + limit]
