"""批量督办 from the menu: recipients with task counts (groups included), a preview that takes no number, one
action that numbers and saves every notice with progress, the merged PDF, cancel, and errors in the dialog."""
import re
from datetime import date
from pathlib import Path

import pdfplumber
import pytest
from pypdf import PdfReader
from PySide6.QtCore import Qt
from PySide6.QtGui import QDesktopServices
from PySide6.QtPdf import QPdfDocument

from app.ops.due import due_assignments
from app.ops.notices import list_register
from app.ops.plans import list_plans
from app.ops.units import declare_group_member, list_units
from app.ui import batch_source
from app.ui.batch_dialog import RECIPIENT_ROLE
from app.ui.menus import menu_named
from app.ui.print_dialog import FOLDER_KEY, SAVE_ONLY
from app.ui.ui_settings import ui_settings

TODAY = date(2026, 1, 15)  # some of the samples' work is overdue by then


@pytest.fixture
def window(samples_window):
    samples_window.today = TODAY
    return samples_window


def _open(qtbot, window, folder: Path):
    ui_settings().setValue(FOLDER_KEY, str(folder))
    menu = menu_named(window.menuBar(), "督办(&B)")
    [action] = [a for a in menu.actions() if a.text() == "批量督办…"]
    assert menu.actions().index(action) == 0
    action.trigger()
    dialog = window.batch_dialog
    qtbot.waitUntil(lambda: dialog.list.count() > 0, timeout=60_000)
    dialog.after.setCurrentIndex(dialog.after.findData(SAVE_ONLY))
    return dialog


def _choose_plan(qtbot, dialog, plan_id: int, scope_text: str = "全部未完成"):
    [button] = [b for b in dialog.scope_buttons.buttons() if b.text() == scope_text]
    button.setChecked(True)
    dialog.plan.setCurrentIndex(dialog.plan.findData(plan_id))
    qtbot.waitUntil(lambda: not dialog.runner.busy and bool(dialog.recipients), timeout=60_000)


def _hohhot(window) -> int:
    return next(p.id for p in list_plans(window.store) if "呼和浩特" in (p.title or ""))


def test_batch_lists_recipients_with_groups_previews_without_a_number_and_issues_all(qtbot, window, tmp_path,
                                                                                      monkeypatch):
    dialog = _open(qtbot, window, tmp_path / "通知")
    assert dialog.folder.edit.text() == str(tmp_path / "通知")  # the remembered folder
    plan_id = _hohhot(window)
    _choose_plan(qtbot, dialog, plan_id)
    expected: dict[str, set[int]] = {}
    for item in due_assignments(window.store, today=TODAY, include_done=False):
        if item.plan_id == plan_id and item.due is not None:  # 持续推进 work only when 含持续推进 is ticked
            expected.setdefault(item.unit, set()).add(item.task_id)
    shown = {r.name: r.task_count for r in dialog.recipients}
    assert shown == {unit: len(tasks) for unit, tasks in expected.items()}
    groups = {u.name for u in list_units(window.store) if u.is_group}
    assert {r.name for r in dialog.recipients if r.is_group} == groups & set(expected) != set()
    first_group = next(i for i in range(dialog.list.count()) if dialog.list.item(i).data(RECIPIENT_ROLE).is_group)
    assert "［群体］" in dialog.list.item(first_group).text()

    # the preview: the first notice as it will print, while the register takes no number
    qtbot.waitUntil(lambda: dialog.preview.document.status() == QPdfDocument.Status.Ready, timeout=60_000)
    assert list_register(window.store) == []
    with pdfplumber.open(dialog.preview.path) as pdf:
        text = "".join(page.extract_text() or "" for page in pdf.pages)
    assert dialog.recipients[0].name in text.replace("\n", "")
    assert re.search(r"〔2026〕\s*号", text) and not re.search(r"〔2026〕\d+号", text)  # the number left blank

    # a group and a few units; the others left out
    for row in range(5, dialog.list.count()):
        dialog.list.item(row).setCheckState(Qt.CheckState.Unchecked)
    chosen = dialog.checked()
    with qtbot.waitSignal(dialog.issued, timeout=60_000) as issued:
        dialog.issue_button.click()
        assert not dialog.issue_button.isEnabled() and dialog.cancel_button.isEnabled()
    outcome = issued.args[0]
    register = list_register(window.store)
    assert sorted(e.unit for e in register) == sorted(r.name for r in chosen)
    assert {e.unit: len(e.tasks) for e in register} == {r.name: r.task_count for r in chosen}
    assert len({e.number for e in register}) == len(chosen)
    assert all(Path(e.file_path).parent == tmp_path / "通知" and e.unit in Path(e.file_path).name for e in register)
    assert outcome.merged.parent == tmp_path / "通知"
    assert len(PdfReader(outcome.merged).pages) == sum(len(PdfReader(e.file_path).pages) for e in register)
    assert dialog.progress.value() == 100
    assert dialog.files.count() == len(chosen) + 1 and dialog.open_folder_button.isEnabled()
    opened = []
    monkeypatch.setattr(QDesktopServices, "openUrl", lambda url: opened.append(url.toLocalFile()) or True)
    assert dialog.open_folder()
    assert opened == [str(tmp_path / "通知")]
    dialog.reject()


def test_groups_sent_per_member_when_the_directory_knows_them(qtbot, window, tmp_path):
    plan_id = _hohhot(window)
    scope = batch_source.BatchScope(scope="open", plan_id=plan_id, kind="督办")
    group = next(r for r in batch_source.plan_recipients(window.store, scope, TODAY) if r.is_group)
    members = [u for u in list_units(window.store) if not u.is_group and u.name.startswith("呼和浩特")][:2]
    for member in members:
        declare_group_member(window.store, group.unit_id, member.id)
    dialog = _open(qtbot, window, tmp_path / "out")
    _choose_plan(qtbot, dialog, plan_id)
    row = next(i for i in range(dialog.list.count()) if dialog.list.item(i).text().startswith(f"［群体］{group.name}"))
    assert all(m.name in dialog.list.item(row).text() for m in members)
    [button] = [b for b in dialog.group_buttons.buttons() if b.text() == "按成员分发"]
    button.setChecked(True)  # the list reloads: the group's members in its place
    qtbot.waitUntil(lambda: not dialog.runner.busy and group.name not in {r.name for r in dialog.recipients},
                    timeout=60_000)
    dialog.check_all(False)
    for i in range(dialog.list.count()):
        if dialog.list.item(i).data(RECIPIENT_ROLE).name in {m.name for m in members}:
            dialog.list.item(i).setCheckState(Qt.CheckState.Checked)
            assert group.name in dialog.list.item(i).text()  # 含各……的任务
    assert dialog.count_label.text().endswith(f"将发 {len(members)} 份")
    with qtbot.waitSignal(dialog.issued, timeout=60_000):
        dialog.issue()
    register = list_register(window.store)
    assert sorted(e.unit for e in register) == sorted(m.name for m in members)
    assert all(len(e.tasks) >= group.task_count for e in register)
    dialog.reject()


def test_cancel_stops_after_the_notice_in_hand_and_keeps_what_was_issued(qtbot, window, tmp_path, monkeypatch):
    dialog = _open(qtbot, window, tmp_path / "out")
    _choose_plan(qtbot, dialog, _hohhot(window))
    total = len(dialog.checked())
    monkeypatch.setattr(batch_source.notice_ops, "_CHUNK", 2)  # notices issued two at a time
    assert total > 2
    real = batch_source.notice_ops.issue_batch

    def issue_then_cancel(*args, progress, **kwargs):
        def cancel_after_the_first_few(done, all_):
            progress(done, all_)
            dialog._cancel.set()  # as the 取消 button does, while the first few notices are being written
        return real(*args, progress=cancel_after_the_first_few, **kwargs)

    monkeypatch.setattr(batch_source.notice_ops, "issue_batch", issue_then_cancel)
    with qtbot.waitSignal(dialog.issued, timeout=60_000) as issued:
        dialog.issue()
    outcome = issued.args[0]
    issued_count = len(outcome.notices)
    assert outcome.cancelled and 0 < issued_count < total and issued_count == len(list_register(window.store))
    assert "已取消" in dialog.message.text()
    assert sorted(p.name for p in (tmp_path / "out").iterdir() if "合并" not in p.name) == \
        sorted(Path(e.file_path).name for e in list_register(window.store))
    dialog.reject()


def test_nothing_in_scope_and_a_bad_folder_are_said_in_the_dialog(qtbot, window, tmp_path):
    blocker = tmp_path / "a file"
    blocker.write_text("x")
    dialog = _open(qtbot, window, tmp_path / "out")
    dialog.folder.edit.setText(str(blocker / "sub"))
    dialog.issue()
    qtbot.waitUntil(lambda: "无法使用文件夹" in dialog.message.text(), timeout=60_000)
    assert list_register(window.store) == []
    assert dialog.issue_button.isEnabled()
    dialog.check_all(False)
    assert dialog.issue() is None and "请至少勾选" in dialog.message.text()
    dialog.within.setValue(0)
    [due] = [b for b in dialog.scope_buttons.buttons() if b.text() == "逾期及"]
    dialog.plan.setCurrentIndex(dialog.plan.findData(_hohhot(window)))
    window.today = dialog.today = date(2025, 1, 1)  # before any deadline: nothing overdue
    due.setChecked(True)
    qtbot.waitUntil(lambda: dialog.list.count() == 0 and not dialog.runner.busy, timeout=60_000)
    assert "没有符合条件的任务" in dialog.preview.info.text()
    dialog.reject()


def test_scope_limited_to_the_units_selected_in_the_directory(qtbot, window, tmp_path):
    from PySide6.QtCore import QItemSelectionModel

    window.show_units()
    directory = window.units_window
    with_open_work = {r.name for r in batch_source.plan_recipients(
        window.store, batch_source.BatchScope(scope="open", kind="督办"), TODAY)}
    wanted = [r for r in range(directory.model.rowCount()) if directory.model.units[r].name in with_open_work][:2]
    assert len(wanted) == 2
    for row in wanted:
        directory.table.selectionModel().select(
            directory.model.index(row, 0),
            QItemSelectionModel.SelectionFlag.Select | QItemSelectionModel.SelectionFlag.Rows)
    names = {directory.model.units[r].name for r in wanted}
    dialog = _open(qtbot, window, tmp_path / "out")
    [open_work] = [b for b in dialog.scope_buttons.buttons() if b.text() == "全部未完成"]
    open_work.setChecked(True)
    dialog.only_selected.setChecked(True)
    qtbot.waitUntil(lambda: not dialog.runner.busy and {r.name for r in dialog.recipients} == names, timeout=60_000)
    directory.close()
    dialog.only_selected.setChecked(False)
    dialog.only_selected.setChecked(True)  # the directory closed: nothing selected there, said in the dialog
    assert "单位目录中没有选中的单位" in dialog.message.text()
    dialog.reject()


def test_a_second_reminder_the_same_day_is_asked_in_the_message_line(qtbot, window, tmp_path, monkeypatch):
    """A repeat 催办 is not a modal box: the message line says so and 仍要发出 issues it again."""
    from PySide6.QtWidgets import QMessageBox

    monkeypatch.setattr(QMessageBox, "question", lambda *a, **k: pytest.fail("a modal box was opened"))
    dialog = _open(qtbot, window, tmp_path / "out")
    _choose_plan(qtbot, dialog, _hohhot(window), "已逾期")
    dialog.kind.setCurrentText("催办")
    qtbot.waitUntil(lambda: not dialog.runner.busy and bool(dialog.recipients), timeout=60_000)
    with qtbot.waitSignal(dialog.issued, timeout=60_000) as first:
        dialog.issue()
    numbers = {n.number for n in first.args[0].notices}
    assert numbers and not dialog.again_button.isVisible()
    dialog.kind.setCurrentText("督办")
    dialog.kind.setCurrentText("催办")  # the list again: each recipient now says what it got today
    qtbot.waitUntil(lambda: not dialog.runner.busy and all(r.earlier for r in dialog.recipients), timeout=60_000)
    assert {r.earlier for r in dialog.recipients} == numbers
    assert "今天已发" in dialog.list.item(0).text()
    dialog.issue()
    qtbot.waitUntil(lambda: "仍要发出" in dialog.message.text(), timeout=60_000)
    assert dialog.again_button.isVisibleTo(dialog) and len(list_register(window.store)) == len(numbers)
    with qtbot.waitSignal(dialog.issued, timeout=60_000) as second:
        dialog.again_button.click()
    assert len(second.args[0].notices) == len(numbers) and len(list_register(window.store)) == 2 * len(numbers)
    assert not dialog.again_button.isVisibleTo(dialog)
    dialog.reject()
