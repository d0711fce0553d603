"""工具 → 工作日历… and 反馈 → 导出台账… driven through their widgets: days added, removed, pasted from the State
Council's notice and imported from a file land in the store and undo restores the table exactly; the notice
dialog warns about a reply-by date in a year with no holiday data; the ledger is written on the runner."""
from datetime import date
from pathlib import Path

import openpyxl
from PySide6.QtCore import QDate, Qt
from PySide6.QtWidgets import QMessageBox

from app.ops.due import due_assignments
from app.ops.holidays import office_holidays, year_days
from app.ui import ledger_dialog as ledger_ui
from app.ui.menus import menu_named
from app.ui.notice_dialog import NoticeDialog

NOTICES = Path(__file__).resolve().parents[1] / "fixtures" / "holidays"


def _action(window, menu: str, text: str):
    return next(a for a in menu_named(window.menuBar(), menu).actions() if a.text() == text)


def test_calendar_add_remove_paste_import_and_undo(window, qtbot, monkeypatch, tmp_path):
    _action(window, "工具(&T)", "工作日历…").trigger()
    dialog = window.calendar_dialog
    assert dialog.width() <= 1366 and dialog.height() <= 768
    dialog.year.setValue(2026)
    assert dialog.table.rowCount() == 39 and dialog.table.item(0, 4).text() == "内置日历"
    assert not dialog.remove_button.isEnabled()

    dialog.year.setValue(2027)
    assert dialog.table.rowCount() == 0 and "尚无放假安排" in dialog.coverage.text()
    dialog.day.setDate(QDate(2027, 1, 1))
    dialog.kind.setCurrentText("放假")
    dialog.name.setText("元旦")  # (QTest.keyClicks types Latin-1 only)
    qtbot.mouseClick(dialog.add_button, Qt.MouseButton.LeftButton)
    assert [(e.day, e.is_workday, e.name) for e in office_holidays(window.store).entries()] == [
        (date(2027, 1, 1), False, "元旦")]
    assert dialog.table.rowCount() == 1 and "尚无" not in dialog.coverage.text()

    dialog.table.selectRow(0)
    assert dialog.remove_button.isEnabled()
    qtbot.mouseClick(dialog.remove_button, Qt.MouseButton.LeftButton)
    assert len(office_holidays(window.store)) == 0
    qtbot.mouseClick(dialog.undo_button, Qt.MouseButton.LeftButton)   # the removal undone
    assert len(office_holidays(window.store)) == 1 and dialog.table.rowCount() == 1
    qtbot.mouseClick(dialog.undo_button, Qt.MouseButton.LeftButton)   # the addition undone
    assert len(office_holidays(window.store)) == 0 and dialog.table.rowCount() == 0

    # 粘贴放假安排…: a wrong paste is explained and changes nothing; the real notice previews, then applies.
    paste = dialog.open_paste()
    paste.text.setPlainText("一、元旦：1月1日（周四）放假1天。")
    paste.year.setValue(2027)
    assert not paste.preview() and "周五" in paste.info.text() and not paste.apply_button.isEnabled()
    paste.text.setPlainText((NOTICES / "2026.txt").read_text(encoding="utf-8"))
    qtbot.mouseClick(paste.preview_button, Qt.MouseButton.LeftButton)
    assert paste.year.value() == 2026 and paste.table.rowCount() == 39 and paste.apply_button.isEnabled()
    assert len(office_holidays(window.store)) == 0  # a preview writes nothing
    qtbot.mouseClick(paste.apply_button, Qt.MouseButton.LeftButton)
    assert len(office_holidays(window.store)) == 39 and dialog.year.value() == 2026
    assert {d.source for d in year_days(window.store, 2026)} == {"本单位节假日表"}
    window.undo_stack.undo()
    assert len(office_holidays(window.store)) == 0 and dialog.table.item(0, 4).text() == "内置日历"

    # 导入文件…: confirmed, then undoable.
    table = tmp_path / "2027.txt"
    table.write_text("2027-01-01\t休\t元旦\n2027-02-06\t班\t春节\n", encoding="utf-8")
    monkeypatch.setattr(QMessageBox, "question", lambda *a, **k: QMessageBox.StandardButton.No)
    assert not dialog.import_path(str(table)) and len(office_holidays(window.store)) == 0
    monkeypatch.setattr(QMessageBox, "question", lambda *a, **k: QMessageBox.StandardButton.Yes)
    assert dialog.import_path(str(table)) and len(office_holidays(window.store)) == 2
    assert dialog.year.value() == 2027 and dialog.table.rowCount() == 2
    window.undo_stack.undo()
    assert len(office_holidays(window.store)) == 0
    dialog.close()
    window.undo_stack.redo()  # with the dialog closed: reopened, it shows the redone import
    _action(window, "工具(&T)", "工作日历…").trigger()
    assert window.calendar_dialog is dialog and dialog.table.rowCount() == 2
    dialog.close()


def test_notice_dialog_warns_of_a_year_without_holidays(samples_window):
    store = samples_window.store
    task_id = due_assignments(store, today=date(2026, 12, 21))[0].task_id
    late = NoticeDialog(store, [task_id], date(2026, 12, 21), runner=samples_window.runner)
    late.reply_days.setValue(3)       # 2026-12-24: the installed calendar knows 2026
    assert late.reply_warning.isHidden()
    late.reply_days.setValue(10)      # into 2027, which nobody has entered
    assert not late.reply_warning.isHidden() and "2027年尚无节假日安排" in late.reply_warning.text()
    late.close()


def test_export_ledger_through_the_runner(samples_window, qtbot, tmp_path, monkeypatch):
    shown = []
    monkeypatch.setattr(ledger_ui, "show_user_error", lambda parent, exc, *a: shown.append(exc.message))
    _action(samples_window, "反馈(&K)", "导出台账…").trigger()
    dialog = samples_window.ledger_dialog
    assert dialog.plan.count() == 5 and dialog.path.text().endswith(".xlsx")
    dialog.path.setText(str(tmp_path / "台账.pdf"))
    assert not dialog.export() and shown and "xlsx" in shown[0]
    out = tmp_path / "台账.xlsx"
    dialog.path.setText(str(out))
    dialog.as_of.setDate(QDate(2026, 3, 1))
    qtbot.mouseClick(dialog.export_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: dialog.written is not None, timeout=20000)
    assert str(out) in dialog.info.text() and samples_window.ledger_folder == str(tmp_path)  # next time starts here
    plan_id = dialog.plan.currentData()
    expected = [i for i in due_assignments(samples_window.store, today=date(2026, 3, 1)) if i.plan_id == plan_id]
    ws = openpyxl.load_workbook(out).active
    assert ws.max_row - 3 == len(expected) and "截至2026年3月1日" in ws["A2"].value
    dialog.close()


def test_the_ledger_opens_on_the_plan_the_table_shows_named_place_first(samples_window):
    from app.ops.plans import list_plans

    hohhot = next(p.id for p in list_plans(samples_window.store) if "呼和浩特" in p.title)
    assert samples_window.filters.plan.choose(hohhot)
    assert samples_window.filters.current_filter().plan_id == hohhot
    _action(samples_window, "反馈(&K)", "导出台账…").trigger()
    dialog = samples_window.ledger_dialog
    assert dialog.plan.plan_id() == hohhot
    assert Path(dialog.path.text()).name.startswith("呼和浩特 · ")  # as the tree names it: two cities' titles collide
    dialog.close()
