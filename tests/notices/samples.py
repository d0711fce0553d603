"""Notice content built from a sample plan's gold matrix (a real unit, its real tasks)."""
import json
from datetime import date
from pathlib import Path

from app.domain.matrix import Matrix
from app.notices.content import OfficeSettings, TaskLine, TaskSource

GOLD = Path(__file__).resolve().parents[1] / "fixtures" / "gold"
TODAY = date(2026, 11, 23)


def gold_matrix(name: str = "001_4cc03577722d74ad.json") -> Matrix:
    return Matrix.from_json(json.loads((GOLD / name).read_text(encoding="utf-8")))


def busiest_unit(matrix: Matrix) -> str:
    """The unit named on the most tasks (whatever the plan calls it)."""
    counts: dict[str, int] = {}
    for task in matrix.tasks:
        for unit in task.lead + task.responsible:
            counts[unit] = counts.get(unit, 0) + 1
    return max(counts, key=counts.get)


def task_lines(matrix: Matrix, unit: str) -> tuple[TaskLine, ...]:
    source = TaskSource(matrix.plan.title or "", matrix.plan.doc_number)
    lines = []
    for task in matrix.tasks:
        if unit not in task.lead + task.responsible:
            continue
        due = task.deadline.due if task.deadline else None
        lines.append(TaskLine(
            ref=task.ref_label, title=task.title, role="牵头" if unit in task.lead else "责任",
            leads=tuple(u for u in task.lead if u != unit),  # as the use case: never the recipient itself
            deadline_text=task.deadline.text if task.deadline else "",
            due=due, status="推进中", source=source,
            days_late=(TODAY - due).days if due else 0,
        ))
    return tuple(lines)


OFFICE = OfficeSettings(office_name="某市人民政府督查室", contact_name="王敏", contact_phone="0471-1234567",
                        copy_to=("市政府办公室", "市委督查室"))


