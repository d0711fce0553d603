"""督办 → 情况通报…: the plans and the as-of date chosen, a preview that takes no number, then one numbered
bulletin per plan saved into the notices folder; the menu's entries in the clerk's order."""
from datetime import date

import pdfplumber
from PySide6.QtCore import QDate, Qt
from PySide6.QtPdf import QPdfDocument

from app.ops.notices import list_register
from app.ops.plans import list_plans
from app.ui.menus import menu_named
from app.ui.print_dialog import FOLDER_KEY, SAVE_ONLY
from app.ui.ui_settings import ui_settings


def test_supervision_menu_lists_the_office_flows_in_order(window):
    menu = menu_named(window.menuBar(), "督办(&B)")
    texts = [a.text() for a in menu.actions() if not a.isSeparator()]
    assert [t for t in texts if t in ("批量督办…", "生成督办通知…", "情况通报…", "通知登记簿")] == \
        ["批量督办…", "生成督办通知…", "情况通报…", "通知登记簿"]


def test_bulletins_for_two_plans_at_an_as_of_date(qtbot, samples_window, tmp_path):
    window = samples_window
    ui_settings().setValue(FOLDER_KEY, str(tmp_path / "通报"))
    [action] = [a for a in menu_named(window.menuBar(), "督办(&B)").actions() if a.text() == "情况通报…"]
    action.trigger()
    dialog = window.bulletin_dialog
    plans = list_plans(window.store)
    assert dialog.plans.count() == len(plans)
    chosen = {plans[1].id, plans[3].id}
    for row in range(dialog.plans.count()):
        item = dialog.plans.item(row)
        item.setCheckState(Qt.CheckState.Checked if item.data(Qt.ItemDataRole.UserRole + 1)[0] in chosen
                           else Qt.CheckState.Unchecked)
    dialog.as_of.setDate(QDate(2026, 3, 31))
    dialog.after.setCurrentIndex(dialog.after.findData(SAVE_ONLY))
    assert dialog.issue_button.text() == "编号并保存"
    dialog.preview_first()
    qtbot.waitUntil(lambda: dialog.preview.document.status() == QPdfDocument.Status.Ready, timeout=60_000)
    assert list_register(window.store) == []  # the preview took no number
    with pdfplumber.open(dialog.preview.path) as pdf:
        assert "2026" in (pdf.pages[0].extract_text() or "")
    with qtbot.waitSignal(dialog.issued, timeout=30_000) as issued:
        dialog.issue()
    notices = issued.args[0].notices
    register = list_register(window.store)
    assert sorted(e.plan for e in register) == sorted(p.title for p in plans if p.id in chosen)
    assert {e.issued_on for e in register} == {"2026-03-31"} and {e.kind for e in register} == {"通报"}
    assert all(n.path.parent == tmp_path / "通报" and n.path.is_file() for n in notices)
    assert all(n.number in dialog.message.text() for n in notices)
    dialog.reject()


def test_no_plan_chosen_is_said_in_the_dialog(qtbot, samples_window):
    samples_window.bulletin_action.trigger()
    dialog = samples_window.bulletin_dialog
    for row in range(dialog.plans.count()):
        dialog.plans.item(row).setCheckState(Qt.CheckState.Unchecked)
    assert dialog.issue() is None and dialog.preview_first() is None
    assert "请至少勾选一个方案" in dialog.message.text() and list_register(samples_window.store) == []
    assert dialog.as_of_date() == samples_window.today == date(2025, 12, 1)
    dialog.reject()
