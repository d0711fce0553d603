"""延期 with its approval basis, 办结 and 重新打开: what each stores, how a task is judged at dates around them, and
the audit rows they leave; each undone by the op the window's undo calls."""
from datetime import date

import pytest

from app.domain.matrix import Deadline, Matrix, PlanInfo, Task
from app.domain.task_filter import TaskFilter
from app.errors import UserError
from app.ops.due import due_assignments
from app.ops.notices import _task_lines
from app.ops.plans import import_plan
from app.ops.progress import delete_progress, mark_done, record_extension, remove_extension, reopen_task
from app.ops.session import open_store
from app.ops.tasks import query_tasks, task_detail
from app.ops.workspace import task_row
from app.store import audit

D = date


@pytest.fixture
def store(tmp_path):
    matrix = Matrix(source="p.json", plan=PlanInfo(title="某县某某工作方案", issuer="某某县人民政府", issued=D(2025, 1, 1)),
                    tasks=[Task(("一", "1"), "建立工作台账", ["县财政局"], ["县教育局"],
                                Deadline("2025年底前", D(2025, 12, 31)))])
    with open_store(tmp_path / "duban.sqlite3", backup=False) as s:
        import_plan(s, matrix, today=D(2025, 1, 1))
        s.task = next(s.db.query("SELECT id FROM tasks"))["id"]
        yield s


def _said(store, today):
    """(status, light, progress) from the table query, the repainted row, the detail and every `due` item."""
    [row] = query_tasks(store, TaskFilter(today=today))
    said = {(row.status, row.light, row.progress_state)}
    for r in (task_row(store, store.task, today=today), task_detail(store, store.task, today=today)):
        said.add((r.status, r.light, r.progress_state))
    said |= {(i.status, i.light) + (row.progress_state,) for i in due_assignments(store, today=today)}
    assert len(said) == 1, said
    return said.pop()


def test_extension_keeps_the_original_and_is_judged_with_the_new_date(store):
    assert _said(store, D(2026, 1, 15))[0] == "逾期"
    ext = record_extension(store, store.task, new_due=D(2026, 6, 30), reason="资金未到位", basis="某政办函〔2025〕9号",
                           recorded_on=D(2025, 12, 1))
    assert (ext.original_due, ext.previous_due, ext.judged_due) == (D(2025, 12, 31), D(2025, 12, 31), D(2026, 6, 30))
    assert _said(store, D(2026, 1, 15))[:2] == ("正常推进", "green")
    assert _said(store, D(2026, 7, 1))[0] == "逾期"
    [row] = query_tasks(store, TaskFilter(today=D(2026, 1, 15)))
    assert (row.original_due, row.current_due, row.due) == (D(2025, 12, 31), D(2026, 6, 30), D(2026, 6, 30))
    detail = task_detail(store, store.task, today=D(2026, 1, 15))
    assert (detail.extensions[0].reason, detail.extensions[0].basis) == ("资金未到位", "某政办函〔2025〕9号")
    [item] = [i for i in due_assignments(store, today=D(2026, 1, 15)) if i.role == "lead"]
    assert (item.due, item.original_due, item.extended) == (D(2026, 6, 30), D(2025, 12, 31), True)
    [(_, line)] = _task_lines(store, [item], item.unit_id, D(2026, 1, 15))
    assert (line.extended_from, line.due) == ("2025年底前", D(2026, 6, 30))
    # Judged before the extension was granted, the plan's date still holds there.
    [before] = [i for i in due_assignments(store, today=D(2025, 11, 1)) if i.role == "lead"]
    assert (before.due, before.extended) == (D(2025, 12, 31), False)
    [entry] = audit.entries(store.db, entity="task", entity_id=store.task, action="extension")
    assert '"basis": "某政办函〔2025〕9号"' in entry.after and '"2026-06-30"' in entry.after
    remove_extension(store, ext.extension_id)
    [row] = query_tasks(store, TaskFilter(today=D(2026, 1, 15)))
    assert (row.current_due, row.status) == (D(2025, 12, 31), "逾期")
    assert audit.entries(store.db, entity="task", entity_id=store.task, limit=1)[0].action == "extension_removed"


def test_an_extension_must_move_the_deadline_later_and_give_a_reason(store):
    with pytest.raises(UserError, match="应晚于现行时限"):
        record_extension(store, store.task, new_due=D(2025, 12, 31), reason="x", recorded_on=D(2025, 12, 1))
    with pytest.raises(UserError, match="原因"):
        record_extension(store, store.task, new_due=D(2026, 6, 30), reason="  ", recorded_on=D(2025, 12, 1))
    assert store.db["deadline_changes"].count == 0


def test_done_then_reopen_at_dates(store):
    done = mark_done(store, store.task, on_date=D(2025, 12, 20), note="已通过验收，见验收意见")
    assert _said(store, D(2025, 12, 19)) == ("临期", "yellow", "未启动")
    assert _said(store, D(2025, 12, 20)) == ("已完成", "grey", "已完成")
    assert _said(store, D(2026, 3, 1)) == ("已完成", "grey", "已完成")
    with pytest.raises(UserError, match="已是办结状态"):
        mark_done(store, store.task, on_date=D(2025, 12, 25))
    with pytest.raises(UserError, match="尚未办结"):
        reopen_task(store, store.task, on_date=D(2025, 12, 1))
    reopened = reopen_task(store, store.task, on_date=D(2026, 1, 10), reason="验收发现问题")
    assert _said(store, D(2026, 1, 9)) == ("已完成", "grey", "已完成")    # done until it was reopened
    assert _said(store, D(2026, 1, 10)) == ("逾期", "red", "推进中")
    detail = task_detail(store, store.task, today=D(2026, 1, 10))
    assert [(p.status_change, p.content) for p in detail.progress] == [
        ("已完成", "已通过验收，见验收意见"), ("推进中", "验收发现问题")]
    actions = [e.action for e in audit.entries(store.db, entity="task", entity_id=store.task)]
    assert actions[:2] == ["reopen", "done"]
    delete_progress(store, reopened.progress_id)                          # undo of 重新打开
    assert _said(store, D(2026, 1, 10)) == ("已完成", "grey", "已完成")
    delete_progress(store, done.progress_id)                              # undo of 办结
    assert _said(store, D(2026, 1, 10)) == ("逾期", "red", "未启动")
    assert task_detail(store, store.task, today=D(2026, 1, 10)).progress == []


def test_reopened_on_the_day_it_was_done_is_open_that_day(store):
    mark_done(store, store.task, on_date=D(2025, 12, 20))
    reopen_task(store, store.task, on_date=D(2025, 12, 20))
    assert _said(store, D(2025, 12, 20)) == ("临期", "yellow", "推进中")


def test_a_notice_and_a_bulletin_say_the_task_was_extended(store, tmp_path):
    from app.ops.notices import issue_bulletin, issue_notice
    from tests.notices import pdfcheck

    record_extension(store, store.task, new_due=D(2026, 6, 30), reason="资金未到位", recorded_on=D(2025, 12, 1))
    [notice] = issue_notice(store, unit="县财政局", kind="督办", today=D(2026, 1, 15), out=tmp_path / "a.pdf").notices
    assert "原定2025年底前，已延期至2026年6月30日" in pdfcheck.text(notice.path.read_bytes())
    plan_id = next(store.db.query("SELECT plan_id FROM tasks"))["plan_id"]
    [bulletin] = issue_bulletin(store, plan_id=plan_id, today=D(2026, 7, 15), out=tmp_path / "b.pdf").notices
    assert "原定2025年底前，已延期至2026年6月30日" in pdfcheck.text(bulletin.path.read_bytes())  # overdue again
