"""督办 → 通知登记簿: every notice with filters and search; 作废 with a reason, 重新生成, 打开 PDF; 重新打印 to a
PDF file keeps the vector PDF and never blocks the interface thread; no modal box on any path."""
import gc
from datetime import date
from pathlib import Path

import pdfplumber
import pytest
from PySide6.QtGui import QDesktopServices
from PySide6.QtWidgets import QInputDialog

from app.ops import notices as notice_ops
from app.ops.due import due_assignments
from app.ops.notices import list_register
from app.ui.menus import menu_named
from app.ui.notice_register import COLUMNS
from app.ui.print_dialog import FOLDER_KEY, TO_FILE
from app.ui.ui_settings import ui_settings
from app.ui.watchdog import EventLoopWatchdog

TODAY = date(2026, 1, 15)


@pytest.fixture
def issued(samples_window, tmp_path):
    """The samples with three notices: two 督办 (one of four pages) and one 催办."""
    store = samples_window.store
    folder = tmp_path / "通知"
    folder.mkdir()
    ui_settings().setValue(FOLDER_KEY, str(folder))
    open_work: dict[str, list[int]] = {}
    for item in due_assignments(store, today=TODAY, include_done=False):
        open_work.setdefault(item.unit, []).append(item.task_id)
    made = [notice_ops.issue_notice(store, unit=unit, kind=kind, today=TODAY, out=folder / f"{kind}_{unit}.pdf",
                                    task_ids=open_work[unit] if kind == "督办" else None)
            .notices[0] for unit, kind in (("各市人民政府", "督办"), ("呼和浩特市市场监督管理局", "督办"),
                                           ("呼和浩特市市场监督管理局", "催办"))]
    return samples_window, made


def _open_register(window):
    [action] = [a for a in menu_named(window.menuBar(), "督办(&B)").actions() if a.text() == "通知登记簿"]
    action.trigger()
    return window.register_window


def test_register_lists_filters_and_searches(qtbot, qtmodeltester, issued):
    window, made = issued
    register = _open_register(window)
    assert register.model.rowCount() == 3 and register.proxy.rowCount() == 3
    qtmodeltester.check(register.model)
    row = next(r for r in range(3) if register.proxy.index(r, 0).data() == made[0].number)
    assert [register.proxy.index(row, c).data() for c in range(len(COLUMNS))] == [
        made[0].number, "督办", "各市人民政府", str(made[0].task_count), "2026-01-15", made[0].reply_by.isoformat(), "有效"]
    register.kind.setCurrentText("催办")
    assert [register.proxy.index(r, 0).data() for r in range(register.proxy.rowCount())] == [made[2].number]
    register.kind.setCurrentText("全部")
    register.search.setText("市场监督")
    assert sorted(register.proxy.index(r, 0).data() for r in range(register.proxy.rowCount())) == \
        sorted([made[1].number, made[2].number])
    register.search.setText("没有这个单位")
    assert register.proxy.rowCount() == 0 and "没有符合条件的通知" in register.count.text()


def test_void_with_a_reason_then_refused_twice_without_a_modal_box(qtbot, issued, monkeypatch):
    window, made = issued
    register = _open_register(window)
    monkeypatch.setattr(QInputDialog, "getText", lambda *a, **k: ("单位名称写错，重新下发", True))
    assert register.select_number(made[1].number)
    assert register.void_selected()
    entries = {e.number: e for e in list_register(window.store)}
    assert entries[made[1].number].voided and entries[made[1].number].voided_reason == "单位名称写错，重新下发"
    assert sum(e.voided for e in entries.values()) == 1
    row = next(r for r in range(3) if register.proxy.index(r, 0).data() == made[1].number)
    assert register.proxy.index(row, COLUMNS.index("状态")).data() == "作废"
    register.state.setCurrentText("作废")
    assert register.proxy.rowCount() == 1
    register.state.setCurrentText("全部")
    assert register.select_number(made[1].number)
    assert not register.void_selected("再作废一次")
    assert "已于此前作废" in register.message.text()
    register.table.clearSelection()
    assert not register.void_selected("没有选中") and "请先在登记簿中选中" in register.message.text()


def test_regenerate_and_open_a_notice_whose_file_has_gone(qtbot, issued, monkeypatch):
    window, made = issued
    register = _open_register(window)
    original = made[2].path.read_bytes()
    made[2].path.unlink()
    opened = []
    monkeypatch.setattr(QDesktopServices, "openUrl", lambda url: opened.append(Path(url.toLocalFile())) or True)
    register.select_number(made[2].number)
    register.open_pdf()  # re-created from the register on the runner, then opened
    qtbot.waitUntil(lambda: opened == [made[2].path], timeout=60_000)
    with pdfplumber.open(made[2].path) as pdf:
        assert made[2].number in (pdf.pages[0].extract_text() or "")
    made[2].path.unlink()
    with qtbot.waitSignal(register.changed, timeout=60_000):
        register.regenerate()
    assert made[2].path.stat().st_size == len(original)
    assert "已重新生成" in register.message.text()


def test_reprint_to_a_pdf_file_is_the_vector_pdf_and_the_window_keeps_ticking(qtbot, issued):
    window, made = issued
    four_pages = made[0]
    with pdfplumber.open(four_pages.path) as pdf:
        assert len(pdf.pages) == 4
    register = _open_register(window)
    register.select_number(four_pages.number)
    register.reprint()
    dialog = register.print_dialog
    dialog.destination.setCurrentIndex(dialog.destination.findData(TO_FILE))
    folder = Path(ui_settings().value(FOLDER_KEY))
    assert Path(dialog.target.text()) == folder / four_pages.path.name  # the notices folder, not the home folder
    target = folder / "打印件" / "督办_四页.pdf"
    dialog.target.setText(str(target))
    with qtbot.waitCallback(timeout=60_000) as warmed:  # the runner's own connection opened, as in a window in use
        window.runner.run(lambda _store: None, label="", done=warmed)
    gc.collect()  # earlier tests' windows collected now, not during the measurement
    watchdog = EventLoopWatchdog()
    watchdog.start()
    with qtbot.waitSignal(dialog.printed, timeout=60_000):
        dialog.start()
    longest = watchdog.stop()
    assert longest < 0.2, watchdog.long_gaps
    assert target.read_bytes() == four_pages.path.read_bytes()  # the PDF itself: text stays text
    with pdfplumber.open(target) as pdf:
        assert len(pdf.pages) == 4
        text = "".join(page.extract_text() or "" for page in pdf.pages)
        assert not any(page.images for page in pdf.pages)
    assert four_pages.number in text and "各市人民政府" in text
    assert dialog.progress.value() == 100 and str(target) in dialog.message.text()

    blocker = target.parent / "占位"
    blocker.write_text("x")
    dialog.target.setText(str(blocker / "下面.pdf"))
    dialog.start()
    qtbot.waitUntil(lambda: "无法打印到文件" in dialog.message.text(), timeout=60_000)  # said in the dialog
    assert dialog.print_button.isEnabled()


def test_the_single_notice_dialog_prints_its_pdf_through_the_print_dialog(qtbot, issued):
    window, _made = issued
    window.filters.select_unit("呼和浩特市市场监督管理局")
    window.table.selectRow(0)
    window.generate_notice(window.table.selected_task_ids())
    dialog = window.notice_dialog
    dialog.unit.setCurrentText("呼和浩特市市场监督管理局")
    with qtbot.waitSignal(dialog.issued, timeout=60_000) as issued_signal:
        dialog.issue()
    dialog.print_notice()
    assert dialog.print_dialog.paths == [issued_signal.args[0].notices[0].path]
    assert dialog.print_dialog.destination.itemData(dialog.print_dialog.destination.count() - 1) == TO_FILE
