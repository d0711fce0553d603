"""The 反馈 menu in the window: forms exported on the runner, filled, imported through the preview (per-row changes
and refusals shown), applied, then undone (the store exactly as before) and redone; the detail pane lists the
task's feedback."""
from __future__ import annotations

from openpyxl import load_workbook

from app.ops import feedback as fb
from app.ops.plans import import_plan
from app.ops.session import open_store
from app.ui.feedback_dialogs import ExportFormsDialog, FeedbackPreviewDialog, FeedbackStatusDialog
from app.ui.menus import menu_named
from tests.ops.feedback_forms import HOHHOT_SEED, dump, fill, make_db, task_rows
from tests.ui.conftest import WINDOW_TODAY


def _hohhot(window):
    import_plan(window.store, HOHHOT_SEED, today=WINDOW_TODAY)
    window.refresh_all()
    return next(window.store.db.query("SELECT id FROM plans"))["id"]


def _wait_result(qtbot, actions, kind):
    qtbot.waitUntil(lambda: isinstance(actions.last_result, kind), timeout=20000)
    result, actions.last_result = actions.last_result, None
    return result


def test_feedback_menu_holds_the_three_entries(window):
    menu = menu_named(window.menuBar(), "反馈(&K)")
    assert [a.text() for a in menu.actions()][:3] == ["导出反馈表…", "导入反馈表…", "反馈情况"]


def test_export_preview_apply_undo_redo(qtbot, window, tmp_path):
    plan_id = _hohhot(window)
    actions = window.feedback_actions
    actions.export_forms()
    assert isinstance(actions.dialog, ExportFormsDialog) and actions.dialog.units.count() == 21
    actions.dialog.folder.setText(str(tmp_path / "forms"))
    actions.dialog.accept()
    exported = _wait_result(qtbot, actions, fb.ExportResult)
    actions.dialog.close()  # the message saying where the forms are
    assert len(exported.forms) == 21
    lead = max(exported.forms, key=lambda f: f.task_count)
    refs = list(task_rows(load_workbook(lead.path).worksheets[0]))
    fill(lead.path, {refs[0]: {"进展情况": "全部完成", "完成状态": "已完成"},
                     refs[1]: {"完成状态": "申请延期", "存在问题": "设备未到货"},
                     refs[2]: {"进展情况": "推进", "完成状态": "快好了"}})
    other_db = make_db(tmp_path / "other.sqlite3")
    with open_store(other_db, backup=False) as other:
        foreign = fb.export_forms(other, plan_id=1, today=WINDOW_TODAY, out_dir=tmp_path / "foreign").forms[0]
    fill(foreign.path, {list(task_rows(load_workbook(foreign.path).worksheets[0]))[0]: {"进展情况": "别处的"}})

    before = dump(window.db_path)
    actions.import_forms([lead.path, foreign.path])
    qtbot.waitUntil(lambda: isinstance(actions.dialog, FeedbackPreviewDialog), timeout=20000)
    preview = actions.dialog
    lines = preview.lines()
    assert (lead.path.name, "", lead.unit, "2 行有变化，0 行不变，1 行未导入") in lines
    changes = {line[1]: line[3] for line in lines if line[0].startswith("第")}
    assert changes[refs[0]] == "状态：未启动 → 已完成；新进展：全部完成"
    assert changes[refs[1]].startswith("申请延期（待审批")
    assert changes[refs[2]] == "未导入：完成状态“快好了”不认识（应为未启动、推进中、已完成、申请延期之一）"
    assert (foreign.path.name, "", "", "整份未导入：这份反馈表来自另一个督办台数据库，不是本数据库导出的，未导入") in lines
    assert dump(window.db_path) == before  # a preview writes nothing

    preview.accept()
    qtbot.waitUntil(lambda: window.undo_stack.count() == 1, timeout=20000)
    applied = dump(window.db_path)
    assert len(applied["progress"]) == 2 and applied != before
    task_id = next(r["id"] for r in window.store.db.query("SELECT id FROM tasks WHERE ref_label = ?", [refs[1]]))
    window.select_task(task_id)
    html = window.detail.browser.toHtml()
    assert "申请延期（待审批）" in html and "设备未到货" in html and lead.unit in html

    window.undo_stack.undo()
    assert dump(window.db_path) == before
    window.undo_stack.redo()
    assert len(dump(window.db_path)["progress"]) == 2

    actions.show_status()
    status = actions.status_dialog
    assert isinstance(status, FeedbackStatusDialog) and status.plan_id() == plan_id
    states = {status.table.item(r, 0).text(): status.table.item(r, 1).text() for r in range(status.table.rowCount())}
    assert states[lead.unit] == "已反馈" and list(states.values()).count("未反馈") == 20
    status.close()


def test_chasing_late_units_writes_into_the_notices_folder_chosen_last(qtbot, window, tmp_path, monkeypatch):
    from datetime import timedelta

    from PySide6.QtWidgets import QMessageBox

    from app.ui.print_dialog import FOLDER_KEY
    from app.ui.ui_settings import ui_settings

    plan_id = _hohhot(window)
    fb.export_forms(window.store, plan_id=plan_id, today=WINDOW_TODAY, reply_by=WINDOW_TODAY + timedelta(days=5),
                    out_dir=tmp_path / "forms")
    window.today = WINDOW_TODAY + timedelta(days=20)  # every unit past its reply-by date, none replied
    chosen = tmp_path / "催办通知"
    ui_settings().setValue(FOLDER_KEY, str(chosen))  # as 批量督办 / 情况通报 / 生成督办通知 remember it
    asked = []
    monkeypatch.setattr(QMessageBox, "question", lambda *a, **k: asked.append(a[2]) or QMessageBox.StandardButton.Yes)
    actions = window.feedback_actions
    actions.chase_late(plan_id)
    chased = _wait_result(qtbot, actions, fb.ChaseResult)
    assert chased.issued and all(n.path.parent == chosen and n.path.is_file() for n in chased.issued)
    assert str(chosen) in asked[0]  # the question says where they go
