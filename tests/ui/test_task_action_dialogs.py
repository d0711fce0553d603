"""进展 / 延期 / 办结 / 重新打开 through the window: the 任务 menu, the table's menu and the detail pane open the same
dialogs; each entry is undoable, and undo leaves the store and the row exactly as before."""
import sqlite3
from datetime import date, timedelta

import pytest
from PySide6.QtCore import Qt

from app.ops import tasks as task_ops
from app.ui.task_action_dialogs import DoneDialog, ExtendDialog
from app.ui.task_columns import COL_DUE, COL_STATUS

TODAY = date(2025, 12, 1)  # the samples_window fixture's date (tests/ui/conftest.py WINDOW_TODAY)


@pytest.fixture
def window(samples_window):
    samples_window.show()
    return samples_window


def _snapshot(window):
    """Every row of the tables an extension or a 办结 touches, straight from the file (a task's updated_at says
    when it last changed, and an undo is a change)."""
    with sqlite3.connect(window.db_path) as conn:
        conn.row_factory = sqlite3.Row
        return {t: [{k: r[k] for k in r.keys() if k != "updated_at"} for r in conn.execute(f"SELECT * FROM {t} ORDER BY 1")]
                for t in ("tasks", "progress", "deadline_changes")}


def _select_dated_task(window):
    """The first row of a task with a plan date that is not reported complete."""
    model = window.model
    for row in range(model.rowCount()):
        obj = model.row_object(row)
        if obj.original_due and obj.current_due == obj.original_due and obj.progress_state != "已完成":
            window.table.selectRow(row)
            return row, obj
    raise AssertionError("no dated task in the samples")


def test_task_menu_table_menu_and_detail_pane_offer_the_actions(window):
    menu = next(a.menu() for a in window.menuBar().actions() if a.text().startswith("任务"))
    assert [a.text() for a in menu.actions()] == ["进展…", "延期…", "办结…", "重新打开"]
    accelerators = [a.text().split("(&")[1][0] for a in window.menuBar().actions() if "(&" in a.text()]
    assert len(accelerators) == len(set(accelerators))  # the 任务 menu's key is free
    row, obj = _select_dated_task(window)
    texts = [a.text() for a in window.table.context_menu(obj.id).actions() if a.text()]
    assert {"添加进展…", "延期…", "办结…"} <= set(texts)
    assert window.detail.extend_button.isVisible() and window.detail.done_button.isVisible()
    assert not window.detail.reopen_button.isVisible()


def test_extend_through_the_dialog_then_undo_restores_exactly(qtbot, window):
    row, obj = _select_dated_task(window)
    before, cell_before = _snapshot(window), window.model.index(row, COL_DUE).data()
    window.task_actions.extend_action.trigger()
    dialog = window.task_actions.dialog
    assert isinstance(dialog, ExtendDialog) and dialog.width() <= 1366 and dialog.height() <= 768
    new_due = obj.original_due + timedelta(days=181)
    dialog.new_due.setDate(dialog.new_due.date().fromString(new_due.isoformat(), "yyyy-MM-dd"))
    dialog.accept()                               # no reason: refused in the dialog, nothing written
    assert dialog.isVisible() and dialog.hint.text() == "请写明延期原因。" and _snapshot(window) == before
    dialog.reason.setPlainText("项目审批未完成")  # (QTest cannot type Chinese: it aborts on such keys)
    dialog.basis.setText("呼政办函〔2025〕12号")
    dialog.accept()
    assert not dialog.isVisible()
    detail = task_ops.task_detail(window.store, obj.id, today=TODAY)
    assert (detail.original_due, detail.current_due, detail.judged_due) == (obj.original_due, new_due, new_due)
    assert (detail.extensions[0].reason, detail.extensions[0].basis) == ("项目审批未完成", "呼政办函〔2025〕12号")
    expected = f"原定 {obj.deadline_text or obj.original_due.isoformat()}，已延期至 {new_due.isoformat()}"
    assert window.model.index(row, COL_DUE).data() == expected     # the row repainted
    assert expected in window.detail.browser.toPlainText() and "呼政办函〔2025〕12号" in window.detail.browser.toPlainText()
    window.undo_action.trigger()
    assert _snapshot(window) == before
    assert window.model.index(row, COL_DUE).data() == cell_before
    window.redo_action.trigger()
    assert task_ops.task_detail(window.store, obj.id, today=TODAY).current_due == new_due


def test_done_from_the_detail_pane_then_reopen_and_undo_both(qtbot, window):
    row, obj = _select_dated_task(window)
    before = _snapshot(window)
    qtbot.mouseClick(window.detail.done_button, Qt.MouseButton.LeftButton)
    dialog = window.task_actions.dialog
    assert isinstance(dialog, DoneDialog)
    dialog.note.setPlainText("已通过验收")
    dialog.accept()
    detail = task_ops.task_detail(window.store, obj.id, today=TODAY)
    assert detail.progress_state == "已完成" and detail.progress[-1].content == "已通过验收"
    assert window.model.row_object(row).progress_state == "已完成"
    assert window.model.index(row, COL_STATUS).data() in ("已完成", "持续推进")
    assert window.detail.reopen_button.isVisible() and not window.detail.done_button.isVisible()
    assert "重新打开" in [a.text() for a in window.table.context_menu(obj.id).actions()]
    qtbot.mouseClick(window.detail.reopen_button, Qt.MouseButton.LeftButton)
    assert task_ops.task_detail(window.store, obj.id, today=TODAY).progress_state == "推进中"
    assert window.model.row_object(row).status == obj.status
    window.undo_action.trigger()                  # undo 重新打开: done again
    assert task_ops.task_detail(window.store, obj.id, today=TODAY).progress_state == "已完成"
    window.undo_action.trigger()                  # undo 办结: as before
    assert _snapshot(window) == before
    assert window.model.row_object(row).progress_state == obj.progress_state
