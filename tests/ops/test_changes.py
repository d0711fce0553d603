"""The change records the use cases return (a window refreshes only what they name; the command line ignores them)."""
from datetime import date

from app.domain.matrix import Deadline, Matrix, PlanInfo, Task
from app.domain.task_filter import TaskFilter
from app.ops.changes import NOTHING, Changes, merged
from app.ops.plans import import_plan
from app.ops.progress import add_progress
from app.ops.session import open_companion, open_store
from app.ops.tasks import edit_task, query_tasks

D = date
MATRIX = Matrix(source="p.json", plan=PlanInfo(title="某县某某工作方案", issuer="某某县人民政府", issued=D(2025, 1, 1)),
                tasks=[Task(("一", "1"), "建立工作台账", ["县财政局"], ["县教育局"], Deadline("2025年6月底前", D(2025, 6, 30)))])


def test_records_name_what_changed_and_merge(tmp_path):
    with open_store(tmp_path / "d.sqlite3", backup=False) as store:
        created = import_plan(store, MATRIX, today=D(2025, 1, 1))
        assert created.changes == Changes(all_tasks=True, plans=True, units=True)
        assert import_plan(store, MATRIX, today=D(2025, 1, 1)).changes == NOTHING  # the same file again
        task_id = query_tasks(store, TaskFilter(today=D(2025, 1, 2)))[0].id
        progress = add_progress(store, task_id, on_date=D(2025, 2, 1), content="已印发通知")
        edit = edit_task(store, task_id, {"title": "建立工作台账（修订）"})
        assert progress.changes == edit.changes == Changes.of_tasks([task_id])
        assert progress.changes.task_changed(task_id) and not progress.changes.task_changed(task_id + 1)
        both = merged([progress.changes, Changes(notices=True, files=("a.pdf",)), Changes(files=("a.pdf", "b.pdf"))])
        assert both == Changes(tasks=frozenset({task_id}), notices=True, files=("a.pdf", "b.pdf"))
        assert merged([]).empty and not both.empty


def test_a_companion_connection_sees_the_same_database_without_a_second_check(tmp_path):
    with open_store(tmp_path / "d.sqlite3", backup=False) as store:
        other = open_companion(store)
        try:
            import_plan(other, MATRIX, today=D(2025, 1, 1))
            assert [r.title for r in query_tasks(store, TaskFilter(today=D(2025, 1, 2)))] == ["建立工作台账"]
            assert other.path == store.path and not other.readonly
        finally:
            other.close()
