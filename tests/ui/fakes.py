"""A stand-in for the store's task query, so the table model is tested without a database."""
from dataclasses import dataclass, field
from datetime import date

from app.domain.task_filter import TaskFilter


@dataclass
class Row:
    id: int
    ref_label: str
    title: str
    lead: list = field(default_factory=list)
    responsible: list = field(default_factory=list)
    deadline_text: str | None = None
    due: date | None = None
    status: str = "正常推进"
    light: str = "green"
    progress_state: str = "推进中"
    latest_progress: str | None = None


class FakeStore:
    def __init__(self, n):
        self.rows = [Row(i, str(i), f"任务{i:05d}", ["甲局" if i % 2 else "乙局"]) for i in range(1, n + 1)]
        self.fetches = []

    def _select(self, f: TaskFilter, order_by="ref", descending=False):
        rows = [r for r in self.rows if (f.text or "") in r.title and (f.unit is None or f.unit in r.lead)]
        return sorted(rows, key=lambda r: getattr(r, order_by if order_by != "ref" else "id"), reverse=descending)

    def count(self, f):
        return len(self._select(f))

    def fetch(self, f, order_by, descending, offset, limit):
        self.fetches.append((offset, limit))
        return self._select(f, order_by, descending)[offset:offset + limit]
