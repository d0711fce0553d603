"""One status model: every light × 进展 × date says the same thing in the table, the detail pane, the overview,
`due`, the rows a notice lists and the bulletin's counts — extensions (延期) granted in time, too late, or only
after the date asked about included, and said the same way wherever they are said."""
import random
from collections import Counter
from datetime import date, timedelta

import pytest

from app.domain.matrix import Matrix, PlanInfo, Task
from app.domain.status import LATE_EXTENSION, LIGHT_WORDS, LIGHTS, PROGRESS_STATES
from app.domain.task_filter import TaskFilter
from app.ops.due import due_assignments
from app.ops.notices import _bulletin_counts
from app.ops.plans import import_plan
from app.ops.progress import add_progress, record_extension
from app.ops.session import open_store
from app.ops.tasks import query_tasks, task_detail
from app.ops.workspace import dashboard_figures, task_row
from app.ui.task_columns import COL_DUE, COLUMNS

from tests.ops.synthetic import KINDS, deadline_of_kind

LATE_SAID = LATE_EXTENSION.split("{")[0]  # "（逾期后延期，仍按", then the date the task is still judged by

BASE = date(2025, 1, 1)


def _plan(n: int) -> Matrix:
    rnd = random.Random(11)
    tasks = []
    for i in range(n):
        kind = KINDS[i % len(KINDS)]
        due = BASE + timedelta(days=rnd.randint(20, 500))
        deadline = deadline_of_kind(kind, due, ongoing_text="长期坚持")
        tasks.append(Task(ref=("一", str(i + 1)), title=f"第{i + 1}项任务", lead=["甲县财政局"],
                          responsible=["甲县教育局"], deadline=deadline))
    return Matrix(source="sweep.json", plan=PlanInfo(title="甲县某某工作实施方案", issuer="甲县人民政府"), tasks=tasks)


@pytest.fixture(scope="module")
def store(tmp_path_factory):
    with open_store(tmp_path_factory.mktemp("sweep") / "duban.sqlite3", backup=False) as s:
        plan_id = import_plan(s, _plan(60), today=BASE).plan_id
        rnd = random.Random(5)
        ids = [r.id for r in query_tasks(s, TaskFilter(today=BASE, plan_id=plan_id), limit=100)]
        for task_id in ids:
            for _ in range(rnd.randint(0, 2)):  # task-wide reports: none, started, done, reopened
                add_progress(s, task_id, on_date=BASE + timedelta(days=rnd.randint(0, 400)), content="报送",
                             status_change=rnd.choice([None, "推进中", "已完成", "已完成"]))
        for task_id in ids[::3]:  # 延期, recorded at any date: before, after or long after the deadline in force
            deadline = task_detail(s, task_id, today=BASE).deadline
            if deadline is not None and deadline.recurrence:  # judged by each occurrence: never extended
                continue
            for _ in range(rnd.randint(1, 2)):
                current = s.db["tasks"].get(task_id)["current_due"]
                start = date.fromisoformat(current) if current else BASE
                record_extension(s, task_id, new_due=start + timedelta(days=rnd.randint(10, 200)), reason="申请延期",
                                 recorded_on=BASE + timedelta(days=rnd.randint(0, 500)))
        s.sweep_plan_id = plan_id
        yield s


@pytest.mark.parametrize("offset", [0, 30, 120, 260, 420, 700])
def test_every_output_says_the_same_for_the_same_task(store, offset, rows_with_details):
    today = BASE + timedelta(days=offset)
    judged = rows_with_details(store, today, 60)
    rows = [row for row, _ in judged]
    for row, detail in judged:
        assert row.status == LIGHT_WORDS[row.light].status and row.progress_state in PROGRESS_STATES
        repainted = task_row(store, row.id, today=today)
        said = {(row.status, row.light, row.progress_state), (detail.status, detail.light, detail.progress_state),
                (repainted.status, repainted.light, repainted.progress_state)}
        assert len(said) == 1, (row.title, said)
    by_task = {r.id: (r.status, r.light) for r in rows}
    for item in due_assignments(store, today=today, include_done=True):
        assert (item.status, item.light) == by_task[item.task_id], item.title
    # 延期, said the same way by the table, the repainted row, the detail pane and `due` once every extension of
    # the task is recorded by the date (the table says the latest one even before); a late one says so
    last = {r["task_id"]: date.fromisoformat(r["last"]) for r in store.db.query(
        "SELECT task_id, MAX(recorded_on) AS last FROM deadline_changes GROUP BY task_id")}
    extension = {}
    for row, detail in judged:
        cell = COLUMNS[COL_DUE].value(row)
        assert cell == COLUMNS[COL_DUE].value(task_row(store, row.id, today=today))
        assert cell == (detail.extension or row.deadline_text or (row.due.isoformat() if row.due else ""))
        assert bool(detail.extension) == (row.id in last), row.title
        if last.get(row.id, today) <= today:
            extension[row.id] = detail.extension
    for item in due_assignments(store, today=today, include_done=True):
        if item.task_id in extension:
            assert item.extension == extension[item.task_id], item.title
            assert item.extension_late == (LATE_SAID in item.extension), item.title
    lights = Counter(r.light for r in rows)
    assert dashboard_figures(store, today=today).light_counts == {light: lights[light] for light in LIGHTS}
    _, statuses, progress = _bulletin_counts(store, store.sweep_plan_id, today)
    assert dict(statuses) == {s: n for s, n in Counter(r.status for r in rows).items()}
    assert dict(progress) == {p: n for p, n in Counter(r.progress_state for r in rows).items()}


def test_the_sweep_meets_every_light_and_every_progress_state(store):
    seen = set()
    for offset in (0, 30, 120, 260, 420, 700):
        today = BASE + timedelta(days=offset)
        seen |= {(r.light, r.progress_state) for r in query_tasks(store, TaskFilter(today=today), limit=1000)}
    assert {light for light, _ in seen} == set(LIGHTS)
    assert {p for _, p in seen} == set(PROGRESS_STATES)
    # extensions recorded in time and too late to count, both said (all recorded by then)
    cells = [COLUMNS[COL_DUE].value(r) for r in query_tasks(store, TaskFilter(today=BASE + timedelta(days=700)),
                                                            limit=1000)]
    assert {LATE_SAID in c for c in cells if c.startswith("原定")} == {True, False}
