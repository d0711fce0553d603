"""The fields the dialogs share (app/ui/fields.py): every date field reads yyyy-MM-dd with a calendar in Chinese
and gives the date typed; every plan chooser names the plans as the plans tree does (place first), the full
title in the tooltip."""
from datetime import date

from PySide6.QtCore import QLocale, Qt
from PySide6.QtWidgets import QDateEdit, QDateTimeEdit

from app.ops.plans import list_plans
from app.ui.fields import date_field, day_of
from app.ui.menus import menu_named
from app.ui.side_tree import plan_label
from tests.ui.conftest import WINDOW_TODAY


def _action(window, menu: str, text: str):
    [action] = [a for a in menu_named(window.menuBar(), menu).actions() if a.text() == text]
    return action


def test_the_date_field_gives_the_date_typed(qtbot):
    edit = date_field(date(2026, 1, 5))
    qtbot.addWidget(edit)
    assert day_of(edit) == date(2026, 1, 5)
    edit.setFocus()
    edit.setSelectedSection(QDateTimeEdit.Section.YearSection)
    qtbot.keyClicks(edit, "20271130")  # year, month, day: each section passes to the next when full
    assert edit.text() == "2027-11-30" and day_of(edit) == date(2027, 11, 30)
    assert edit.calendarPopup() and edit.calendarWidget().locale().language() == QLocale.Language.Chinese


def _date_fields_are_alike(dialog) -> list[str]:
    """What differs from the shared date field, per date field of `dialog` ([] when all are alike)."""
    odd = []
    fields = dialog.findChildren(QDateEdit)
    assert fields, f"{type(dialog).__name__} has no date field"
    for edit in fields:
        calendar = edit.calendarWidget().locale()
        if (edit.displayFormat(), edit.calendarPopup(), calendar.language(), calendar.territory()) != \
                ("yyyy-MM-dd", True, QLocale.Language.Chinese, QLocale.Country.China):
            odd.append(f"{type(dialog).__name__}.{edit.objectName() or 'date'}: {edit.displayFormat()} "
                       f"{calendar.name()}")
    return odd


def test_every_dialogs_date_field_is_the_shared_one(qtbot, samples_window):
    window = samples_window
    window.table.selectRow(0)
    actions = window.feedback_actions
    _action(window, "督办(&B)", "情况通报…").trigger()
    actions.export_forms()
    _action(window, "反馈(&K)", "导出台账…").trigger()
    _action(window, "工具(&T)", "工作日历…").trigger()
    dialogs = [window.bulletin_dialog, actions.dialog, window.ledger_dialog, window.calendar_dialog,
               window.filters]
    assert [odd for dialog in dialogs for odd in _date_fields_are_alike(dialog)] == []
    # the date each starts from is the window's day
    assert window.bulletin_dialog.as_of_date() == window.ledger_dialog._today() == WINDOW_TODAY
    for dialog in dialogs[:4]:
        dialog.close()


def _choices(combo) -> list[tuple[str, str]]:
    return [(combo.itemText(i), combo.itemData(i, Qt.ItemDataRole.ToolTipRole)) for i in range(combo.count())]


def test_every_plan_chooser_names_the_plans_as_the_tree_does(qtbot, samples_window):
    window = samples_window
    plans = list_plans(window.store)
    named = [(plan_label(p.title or p.source, p.jurisdiction, p.issuer), p.title or p.source) for p in plans]
    assert any(label != title for label, title in named)  # the samples have plans whose title lacks the place

    window.bulletin_action.trigger()
    checklist = window.bulletin_dialog.plans
    assert [(checklist.item(i).text(), checklist.item(i).toolTip()) for i in range(checklist.count())] == named

    window.batch_action.trigger()
    batch = window.batch_dialog
    assert _choices(batch.plan) == [("全部方案", "全部方案")] + named
    batch.plan.setCurrentIndex(2)
    assert batch.scope().plan_id == plans[1].id
    batch.plan.setCurrentIndex(0)
    assert batch.scope().plan_id is None  # every plan

    actions = window.feedback_actions
    actions.show_status()
    actions.export_forms()
    _action(window, "反馈(&K)", "导出台账…").trigger()
    for combo in (actions.status_dialog.plan, actions.dialog.plan, window.ledger_dialog.plan):
        assert _choices(combo) == named
    assert _choices(window.filters.plan) == [("全部方案", "全部方案")] + named

    qtbot.waitUntil(lambda: not window.runner.busy, timeout=60_000)  # the batch dialog's first look-ups
    for dialog in (window.bulletin_dialog, batch, actions.status_dialog, actions.dialog, window.ledger_dialog):
        dialog.close()
