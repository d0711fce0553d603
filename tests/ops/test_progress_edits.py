"""Progress, extensions (延期) and task edits, each undoable from what it returns."""
from datetime import date

import pytest

from app.domain.matrix import Deadline, Matrix, PlanInfo, Task
from app.errors import UserError
from app.ops.due import due_assignments
from app.ops.plans import import_plan
from app.ops.progress import add_progress, delete_progress, record_extension, remove_extension
from app.ops.session import open_store
from app.ops.tasks import edit_task, task_detail
from app.store import audit

D = date


@pytest.fixture
def store(tmp_path):
    matrix = Matrix(source="p.json", plan=PlanInfo(title="某县某某工作方案", issuer="某某县人民政府", issued=D(2025, 1, 1)),
                    tasks=[Task(("一", "1"), "建立工作台账", ["县财政局"], ["县教育局"],
                                Deadline("2025年6月底前", D(2025, 6, 30))),
                           Task(("一", "2"), "开展专项检查", ["县教育局"], [], Deadline("持续推进", None, True))])
    with open_store(tmp_path / "duban.sqlite3", backup=False) as s:
        import_plan(s, matrix, today=D(2025, 1, 1))
        yield s


def _task(store, title):
    return next(store.db.query("SELECT id FROM tasks WHERE title = ?", [title]))["id"]


def test_progress_changes_status_and_is_undoable(store):
    task = _task(store, "建立工作台账")
    assert task_detail(store, task, today=D(2025, 3, 1)).progress_state == "未启动"
    first = add_progress(store, task, on_date=D(2025, 2, 1), content="已印发通知", percent=10)
    detail = task_detail(store, task, today=D(2025, 3, 1))
    assert detail.progress_state == "推进中" and detail.percent == 10 and detail.progress[0].content == "已印发通知"
    assert detail.pace_light == "yellow"           # 59/180 days gone, 10 % done: about 23 points behind
    done = add_progress(store, task, on_date=D(2025, 6, 1), content="已完成", status_change="已完成", percent=100)
    assert task_detail(store, task, today=D(2025, 7, 1)).light == "grey"
    assert task_detail(store, task, today=D(2025, 5, 1)).progress_state == "推进中"   # not yet done at that date
    delete_progress(store, done.progress_id)
    assert task_detail(store, task, today=D(2025, 7, 1)).light == "red"
    delete_progress(store, first.progress_id)
    assert task_detail(store, task, today=D(2025, 3, 1)).progress_state == "未启动"
    assert [e.action for e in audit.entries(store.db, entity="task", entity_id=task)][:2] == \
        ["progress_deleted", "progress_deleted"]


def test_progress_by_one_unit_counts_for_that_assignment(store):
    task = _task(store, "建立工作台账")
    add_progress(store, task, on_date=D(2025, 6, 1), content="已完成", unit="县教育局", status_change="已完成")
    items = {i.printed: i for i in due_assignments(store, today=D(2025, 7, 1)) if i.task_id == task}
    assert items["县教育局"].light == "grey" and items["县财政局"].light == "red"
    assert task_detail(store, task, today=D(2025, 7, 1)).status == "逾期"   # the lead has not finished
    add_progress(store, task, on_date=D(2025, 6, 20), content="牵头单位完成", unit="县财政局", status_change="已完成")
    assert task_detail(store, task, today=D(2025, 7, 1)).light == "grey"


def test_progress_validation(store):
    task = _task(store, "建立工作台账")
    with pytest.raises(UserError, match="0 到 100"):
        add_progress(store, task, on_date=D(2025, 2, 1), content="x", percent=120)
    with pytest.raises(UserError, match="状态只能是"):
        add_progress(store, task, on_date=D(2025, 2, 1), content="x", status_change="差不多")
    with pytest.raises(UserError, match="没有编号"):
        add_progress(store, 9999, on_date=D(2025, 2, 1), content="x")
    assert store.db["progress"].count == 0


def test_extension_in_time_and_too_late(store):
    task = _task(store, "建立工作台账")
    ext = record_extension(store, task, new_due=D(2025, 12, 31), reason="资金未到位", recorded_on=D(2025, 6, 20))
    assert (ext.previous_due, ext.judged_due) == (D(2025, 6, 30), D(2025, 12, 31))
    detail = task_detail(store, task, today=D(2025, 8, 1))
    assert (detail.original_due, detail.current_due, detail.light) == (D(2025, 6, 30), D(2025, 12, 31), "green")
    assert detail.extensions[0].reason == "资金未到位"
    remove_extension(store, ext.extension_id)
    late = record_extension(store, task, new_due=D(2025, 12, 31), reason="补报", recorded_on=D(2025, 7, 15))
    assert late.judged_due == D(2025, 6, 30)
    detail = task_detail(store, task, today=D(2025, 8, 1))
    assert detail.current_due == D(2025, 12, 31) and detail.status == "逾期"
    with pytest.raises(UserError, match="原因"):
        record_extension(store, task, new_due=D(2026, 1, 1), reason=" ", recorded_on=D(2025, 7, 1))


def test_edits_return_their_inverse(store):
    task = _task(store, "开展专项检查")
    edit = edit_task(store, task, {"title": "开展专项督查", "lead": ["县市场监管局"], "responsible": ["县公安局"],
                                   "deadline": {"text": "2025年9月底前", "due": "2025-09-30", "ongoing": False}})
    detail = task_detail(store, task, today=D(2025, 9, 1))
    assert detail.title == "开展专项督查" and detail.light == "yellow"
    assert [(u.role, u.name) for u in detail.units] == [("lead", "某某县市场监管局"), ("responsible", "某某县公安局")]
    assert edit.before["lead"] == ["县教育局"] and edit.before["responsible"] == []
    undo = edit_task(store, task, edit.before)
    assert undo.before == edit.after and undo.after == edit.before
    detail = task_detail(store, task, today=D(2025, 9, 1))
    assert detail.title == "开展专项检查" and detail.light == "blue"
    assert [(u.role, u.printed) for u in detail.units] == [("lead", "县教育局")]
    with pytest.raises(UserError, match="不能为空"):
        edit_task(store, task, {"title": "  "})
    with pytest.raises(UserError, match="不能修改"):
        edit_task(store, task, {"plan_id": 3})


def test_a_recurring_task_is_not_extended(tmp_path):
    """Work due every year is judged by its next occurrence: an extension would be said everywhere and change
    nothing, so it is refused (in Chinese) and nothing is written."""
    matrix = Matrix(source="p.json", plan=PlanInfo(title="某县某某工作方案", issuer="某某县人民政府", issued=D(2025, 1, 1)),
                    tasks=[Task(("一", "1"), "报送年度工作总结", ["县财政局"], [],
                                Deadline("每年12月底前", None, recurrence="yearly:12-31"))])
    with open_store(tmp_path / "duban.sqlite3", backup=False) as s:
        import_plan(s, matrix, today=D(2025, 1, 1))
        task = _task(s, "报送年度工作总结")
        with pytest.raises(UserError, match="周期性任务（每年12月底前）"):
            record_extension(s, task, new_due=D(2026, 3, 31), reason="年底事务多", recorded_on=D(2025, 12, 1))
        detail = task_detail(s, task, today=D(2025, 12, 1))
        assert detail.extensions == [] and detail.extension == ""
        assert due_assignments(s, today=D(2025, 12, 1))[0].extension == ""
