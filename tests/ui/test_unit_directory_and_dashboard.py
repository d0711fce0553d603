"""The unit directory (merge, undo splits again, 本单位) and the dashboard (clicks filter the table), on the store."""
from datetime import date

import pytest

from app.domain.task_filter import TaskFilter
from app.ops import tasks as task_ops
from app.ops import units as unit_ops
from app.ui.unit_directory import UnitTableModel
from tests.ui.conftest import notice_dialog_for

TODAY = date(2025, 12, 1)  # the samples_window fixture's date (tests/ui/conftest.py WINDOW_TODAY)


@pytest.fixture
def window(samples_window):
    return samples_window


def _unit(store, name):
    return next(u for u in unit_ops.list_units(store) if u.name == name)


def test_unit_model_passes_qtmodeltester(qtmodeltester, window):
    qtmodeltester.check(UnitTableModel(unit_ops.list_units(window.store)))


def test_merge_two_units_then_undo_splits_them(qtbot, window):
    window.show_units()
    directory = window.units_window
    a, b = _unit(window.store, "沧州市市场监管局"), _unit(window.store, "沧州市科技局")
    total = a.task_count + b.task_count
    assert directory.merge(a.id, b.id)
    names = {u.name for u in unit_ops.list_units(window.store)}
    assert "沧州市市场监管局" not in names
    assert _unit(window.store, "沧州市科技局").task_count <= total
    assert directory.model.rowCount() == len(unit_ops.list_units(window.store))
    window.undo_action.trigger()
    assert _unit(window.store, "沧州市市场监管局").task_count == a.task_count
    assert _unit(window.store, "沧州市科技局").task_count == b.task_count


def test_mark_own_unit_from_the_directory(qtbot, window):
    window.show_units()
    directory = window.units_window
    row = next(r for r, u in enumerate(directory.model.units) if u.name == "呼和浩特市市场监督管理局")
    directory.table.selectRow(row)
    assert directory.mark_own()
    assert unit_ops.own_unit_id(window.store) == directory.model.units[row].id
    window.side.select_view("本单位任务")
    assert window.model.rowCount() == 17
    window.undo_action.trigger()
    assert unit_ops.own_unit_id(window.store) is None


def test_dashboard_light_click_filters_the_table(qtbot, window):
    window.show_dashboard()
    qtbot.waitUntil(lambda: window.dashboard is not None, timeout=10_000)  # counted on the database runner
    dashboard = window.dashboard
    assert dashboard.light_buttons["yellow"].text().endswith("\n4")
    dashboard.light_buttons["yellow"].click()
    assert window.model.rowCount() == 4
    assert all(window.model.row_object(r).light == "yellow" for r in range(4))
    window.side.select_view("全部任务")  # back to every task: the view chosen before the click counts again
    assert window.model.rowCount() == 100 and window.model.canFetchMore()


def test_dashboard_unit_bar_click_filters_by_unit(qtbot, window):
    window.show_dashboard()
    qtbot.waitUntil(lambda: window.dashboard is not None, timeout=10_000)
    unit = window.dashboard.chart.bars()[0].unit
    window.dashboard.chart.unitClicked.emit(unit)
    assert window.model.rowCount() == task_ops.count_tasks(window.store, TaskFilter(unit=unit, today=TODAY)) > 0


def _reminder_dialog(window):
    """The notice dialog for the table's first task of 呼和浩特市市场监督管理局, set to 催办 that unit."""
    dialog = notice_dialog_for(window, "呼和浩特市市场监督管理局")
    dialog.kind.setCurrentText("催办")
    return dialog


def test_a_second_reminder_the_same_day_is_asked_about_first(qtbot, window, monkeypatch):
    """The dialog asks before a second 催办 about the same tasks on the same day (ops earlier_notice)."""
    from app.ops.notices import list_register

    dialog = _reminder_dialog(window)
    asked = []
    from app.ui import notice_dialog

    monkeypatch.setattr(notice_dialog, "ask_again", lambda parent, unit, earlier: asked.append(earlier) or answer)
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


def test_issue_a_notice_from_the_table_preview_and_print(qtbot, window, tmp_path):
    from PySide6.QtPdf import QPdfDocument
    from PySide6.QtPrintSupport import QPrinter

    from app.ops.notices import list_register
    from app.ui.print_dialog import print_pdf

    dialog = _reminder_dialog(window)
    with qtbot.waitSignal(dialog.issued, timeout=20_000) as issued:  # issued on the database runner
        assert dialog.issue() is None
    result = issued.args[0]
    register = list_register(window.store)
    assert [(e.number, e.unit, e.kind) for e in register] == [(result.notices[0].number, "呼和浩特市市场监督管理局", "催办")]
    qtbot.waitUntil(lambda: dialog.document.status() == QPdfDocument.Status.Ready, timeout=5000)
    assert dialog.document.pageCount() >= 1
    assert window.notice_dialog.print_button.isEnabled()
    printer = QPrinter()
    printer.setOutputFormat(QPrinter.OutputFormat.PdfFormat)
    printer.setOutputFileName(str(tmp_path / "printed.pdf"))
    assert print_pdf(dialog.document, printer) == dialog.document.pageCount()
    assert (tmp_path / "printed.pdf").stat().st_size > 1000
    assert result.notices[0].number in window.detail.browser.toPlainText()
