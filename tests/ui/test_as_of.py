"""截至日期 (as-of date): the table's lights and statuses, the filters, the detail pane, the overview and the
notices' date follow it; 逾期 + 临期 together show the union; a new window starts at today again."""
from datetime import date, timedelta

import pytest
from PySide6.QtCore import QDate

from app.domain.status import TaskState, judge
from app.domain.task_filter import TaskFilter
from app.ops import settings as settings_ops
from app.ops import tasks as task_ops
from app.ui.as_of import not_today_text
from app.ui.fields import day_of, set_day
from app.ui.main_window import MainWindow
from app.ui.menus import menu_named
from tests.ui.conftest import WINDOW_TODAY


def _all_rows(window) -> list:
    while window.model.canFetchMore():
        window.model.fetchMore()
    return [window.model.row_object(r) for r in range(window.model.rowCount())]


def _dated_task(window):
    """A task judged against a plain date (no recurrence, no extension, no progress)."""
    for row in _all_rows(window):
        if row.due is None or row.progress_state != "未启动":
            continue
        detail = task_ops.task_detail(window.store, row.id, today=WINDOW_TODAY)
        if detail.deadline is not None and not detail.deadline.recurrence and not detail.extensions:
            return row
    raise AssertionError("the samples hold a task with a plain date")


def _give_deadlines(window, dues: list[date]) -> None:
    """Date some undated tasks (the samples date only a few), through the use case the edit dialog calls."""
    undated = [r for r in _all_rows(window) if r.due is None and not r.ongoing][:len(dues)]
    for row, due in zip(undated, dues):
        task_ops.edit_task(window.store, row.id, {"deadline": {"text": f"{due.year}年{due.month}月{due.day}日前", "due": due}})
    window.refresh_all()


def test_changing_the_as_of_date_rejudges_the_table_and_the_detail(qtbot, samples_window):
    w = samples_window
    yellow_days = settings_ops.get_settings(w.store)["yellow_days"]
    task = _dated_task(w)
    state = TaskState(due=task.due, ongoing=task.ongoing)
    w.select_task(task.id)
    assert w.as_of.value() == WINDOW_TODAY and not w.as_of.notice.isVisible()
    before = w.model.row_object(w.model.row_of_task(task.id)).light
    seen = set()
    for as_of in (task.due + timedelta(days=1), task.due - timedelta(days=yellow_days // 2),
                  task.due - timedelta(days=yellow_days + 10)):
        set_day(w.as_of.edit, as_of)
        expected = judge(state, as_of, yellow_days)
        row = w.model.row_object(w.model.row_of_task(task.id))
        assert (row.light, row.status) == (expected.light, expected.status)
        seen.add(row.status)
        assert w.today == as_of
        assert w.detail.task_id == task.id and expected.status in w.detail.browser.toHtml()
        assert w.as_of.notice.text() == not_today_text(as_of) == f"按 {as_of.isoformat()} 查看，非今日"
        assert not w.as_of.notice.isHidden() and "background" in w.as_of.edit.styleSheet()
    assert seen == {"逾期", "临期", "正常推进"}  # the dates above did move the task between three lights
    view_menu = menu_named(w.menuBar(), "查看(&V)")
    back = next(a for a in view_menu.actions() if a.text() == "回到今天")
    back.trigger()
    row = w.model.row_object(w.model.row_of_task(task.id))
    assert (w.today, row.light) == (WINDOW_TODAY, before)
    assert w.as_of.notice.isHidden() and w.as_of.edit.styleSheet() == ""


def test_overdue_plus_due_soon_is_the_union_at_the_as_of_date(qtbot, samples_window):
    w = samples_window
    as_of = date(2026, 6, 30)
    _give_deadlines(w, [date(2026, 6, 15), date(2026, 7, 10), date(2026, 7, 20), date(2026, 12, 31)])
    w.as_of.set_value(as_of)
    counts = {light: task_ops.count_tasks(w.store, TaskFilter(lights=(light,), today=as_of)) for light in ("red", "yellow")}
    assert counts["red"] > 0 and counts["yellow"] > 0
    picker = w.filters.status
    picker.actions_by_light["red"].trigger()
    assert {r.light for r in _all_rows(w)} == {"red"} and w.model.rowCount() == counts["red"]
    picker.actions_by_light["yellow"].trigger()
    rows = _all_rows(w)
    assert {r.light for r in rows} == {"red", "yellow"}
    assert len(rows) == counts["red"] + counts["yellow"]
    assert picker.text() == "逾期、临期"
    # Judged at the as-of date, not at the window's first day: the same boxes give other tasks today.
    today_ids = {r.id for r in task_ops.query_tasks(w.store, TaskFilter(lights=("red", "yellow"), today=WINDOW_TODAY),
                                                    limit=10_000)}
    assert {r.id for r in rows} != today_ids


def test_views_overview_and_notices_take_the_as_of_date(qtbot, samples_window):
    w = samples_window
    as_of = date(2026, 3, 31)
    _give_deadlines(w, [date(2026, 3, 15), date(2026, 4, 10)])
    w.side.select_view("30日内到期")
    filtered = []
    w.model.set_filter = lambda f, _set=w.model.set_filter, **kw: (filtered.append(f), _set(f, **kw))[1]
    w.as_of.set_value(as_of)
    assert len(filtered) == 1  # the boxes and the view follow the date; the table is queried once
    shown = w.filters.current_filter()
    assert (shown.due_from, shown.due_to) == (as_of, as_of + timedelta(days=30))  # the view counts from the new date
    assert day_of(w.filters.due_from) == as_of
    w.show_dashboard()
    qtbot.waitUntil(lambda: w.dashboard is not None, timeout=10_000)
    expected = {light: task_ops.count_tasks(w.store, TaskFilter(lights=(light,), today=as_of)) for light in ("red", "yellow")}
    assert {light: w.dashboard.light_buttons[light].text().rsplit("\n", 1)[1] for light in expected} \
        == {light: str(n) for light, n in expected.items()}
    from app.ui.notice_flow import open_notice_dialog
    from app.ui.supervision_menu import open_bulletin as open_bulletin_dialog

    for dialog in (open_notice_dialog(w, [w.model.task_id(0)]), open_bulletin_dialog(w)):
        assert dialog.today == as_of  # the date the notice / bulletin is made at
        dialog.reject()


@pytest.mark.qt_log_ignore("This plugin does not support (raise|grabbing)")  # the calendar popup, offscreen
def test_the_menu_opens_the_date_box_and_a_new_window_starts_at_today(qtbot, tmp_path):
    w = MainWindow(tmp_path / "desk.sqlite3", today=WINDOW_TODAY, remember_layout=True)
    qtbot.addWidget(w)
    w.show()
    qtbot.waitExposed(w)
    labels = [a.text() for a in menu_named(w.menuBar(), "查看(&V)").actions()]
    assert "截至日期…" in labels and "回到今天" in labels
    w.as_of.choose_action.trigger()
    qtbot.waitUntil(lambda: w.as_of.edit.calendarWidget().isVisible(), timeout=2000)
    calendar = w.as_of.edit.calendarWidget()
    calendar.setSelectedDate(QDate(2027, 1, 15))
    calendar.activated.emit(QDate(2027, 1, 15))  # a date chosen in the calendar (as a double-click or Enter does)
    assert w.as_of.value() == w.today == date(2027, 1, 15)
    w.today = date(2027, 2, 1)  # code that sets the window's date moves the control too
    assert day_of(w.as_of.edit) == date(2027, 2, 1) and w.clock_today == WINDOW_TODAY
    w.close()
    again = MainWindow(tmp_path / "desk.sqlite3", today=WINDOW_TODAY, remember_layout=True)
    qtbot.addWidget(again)
    assert again.as_of.value() == again.today == WINDOW_TODAY
    assert again.as_of.notice.isHidden()
    again.close()


@pytest.mark.qt_log_ignore("This plugin does not support (raise|grabbing)")  # a popup menu, offscreen
def test_the_status_menu_stays_open_while_statuses_are_ticked(qtbot):
    from PySide6.QtCore import QPoint, Qt
    from PySide6.QtTest import QTest

    from app.ui.filter_bar import FilterBar

    bar = FilterBar()
    qtbot.addWidget(bar)
    bar.show()
    seen = []
    bar.filterChanged.connect(seen.append)
    menu = bar.status.menu()
    menu.popup(bar.mapToGlobal(QPoint(0, 0)))
    qtbot.waitUntil(menu.isVisible, timeout=2000)
    for light in ("red", "yellow"):
        action = bar.status.actions_by_light[light]
        menu.setActiveAction(action)
        QTest.mouseRelease(menu, Qt.MouseButton.LeftButton, pos=menu.actionGeometry(action).center())
        assert menu.isVisible()  # still open for the next tick
    assert [f.lights for f in seen] == [("red",), ("red", "yellow")]
    menu.close()
