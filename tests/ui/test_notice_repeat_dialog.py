"""The notice dialog asks before a second 催办 about the same tasks on the same day (the ops check, earlier_notice)."""
from app.ops.notices import list_register


def test_a_second_reminder_the_same_day_is_asked_about_first(qtbot, samples_window, monkeypatch):
    window = samples_window
    window.filters.select_unit("呼和浩特市市场监督管理局")
    window.table.selectRow(0)
    window.generate_notice(window.table.selected_task_ids())
    dialog = window.notice_dialog
    dialog.unit.setCurrentText("呼和浩特市市场监督管理局")
    dialog.kind.setCurrentText("催办")
    asked = []
    monkeypatch.setattr(dialog, "confirm_again", lambda unit, earlier: asked.append(earlier) or answer)
    answer = False
    with qtbot.waitSignal(dialog.issued, timeout=20_000) as first:
        dialog.issue()
    number = first.args[0].notices[0].number
    assert asked == []  # nothing to repeat yet
    assert dialog.issue() is None and asked == [number]  # declined: nothing issued
    assert len(list_register(window.store)) == 1
    answer = True
    with qtbot.waitSignal(dialog.issued, timeout=20_000) as second:
        dialog.issue()
    assert second.args[0].notices[0].number != number and len(list_register(window.store)) == 2
    dialog.reject()
