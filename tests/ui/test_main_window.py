"""The workspace driven through its widgets, each test asserting on what the store holds (read back via app.ops)."""
import json
from datetime import date
from pathlib import Path

import pytest
from PySide6.QtCore import Qt

from app.domain.task_filter import TaskFilter
from app.ops import settings as settings_ops
from app.ops import tasks as task_ops
from app.ops.plans import import_plan, list_plans
from app.ui.main_window import PAGE_ERROR, PAGE_WELCOME, PAGE_WORK, MainWindow
from app.ui.matrix_preview_model import COL_TITLE
from app.ui.task_columns import COL_LEAD
from app.ui.task_model import TaskTableModel

TODAY = date(2025, 12, 1)
ROOT = Path(__file__).resolve().parents[2]
SAMPLES = sorted((ROOT / "resources" / "samples").glob("*.txt"))
HOHHOT = "001_4cc03577722d74ad"


@pytest.fixture
def loaded(window):
    for path in SAMPLES:
        import_plan(window.store, path, today=TODAY)
    window.refresh_all()
    window.side.select_view("全部任务")
    return window


def test_import_a_seed_through_the_wizard(qtbot, window, seeds, gold_dir):
    seed = next(s for s in seeds if s.stem == HOHHOT)
    gold = json.loads((gold_dir / f"{HOHHOT}.json").read_text(encoding="utf-8"))
    assert window.stack.currentIndex() == PAGE_WELCOME
    window.read_files([seed])
    qtbot.waitUntil(lambda: window.preview is not None and window.preview.isVisible(), timeout=10_000)
    preview = window.preview
    assert preview.model.rowCount() == len(gold["tasks"])
    assert list_plans(window.store) == []  # nothing written before confirming
    assert "牵头单位" in preview.source.toPlainText()
    preview.model.setData(preview.model.index(0, COL_TITLE), "服务制造业高质量发展（已核对）")
    qtbot.mouseClick(preview.confirm_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: not window.runner.busy, timeout=10_000)  # written on the database runner
    plans = list_plans(window.store)
    assert [(p.title, p.task_count) for p in plans] == [(gold["plan"]["title"], len(gold["tasks"]))]
    rows = task_ops.query_tasks(window.store, TaskFilter(today=TODAY), limit=1)
    assert rows[0].title == "服务制造业高质量发展（已核对）"
    assert window.stack.currentIndex() == PAGE_WORK
    assert window.model.rowCount() == len(gold["tasks"])


def test_welcome_page_loads_the_samples(qtbot, window):
    assert window.stack.currentIndex() == PAGE_WELCOME
    qtbot.mouseClick(window.welcome.samples_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: len(list_plans(window.store)) == len(SAMPLES) and not window.runner.busy, timeout=20_000)
    assert window.stack.currentIndex() == PAGE_WORK
    assert window.model.total_count() == sum(p.task_count for p in list_plans(window.store))


def test_filter_by_unit(qtbot, loaded):
    unit = "呼和浩特市市场监督管理局"
    loaded.filters.select_unit(unit)
    expected = task_ops.count_tasks(loaded.store, TaskFilter(unit=unit, today=TODAY))
    assert loaded.model.rowCount() == expected == 17
    leads = {loaded.model.index(r, COL_LEAD).data() for r in range(loaded.model.rowCount())}
    assert leads == {"市市场监督管理局"}  # printed as the 呼和浩特 plan prints it; none of 沧州's 市市场监管局


def test_search_box_filters_in_the_store(qtbot, loaded):
    with qtbot.waitSignal(loaded.filters.filterChanged, timeout=2000):
        loaded.filters.search.setText("碳达峰")
    titles = [loaded.model.row_object(r).title for r in range(loaded.model.rowCount())]
    assert titles and len(titles) < 126
    assert len(titles) == task_ops.count_tasks(loaded.store, TaskFilter(text="碳达峰", today=TODAY))
    qtbot.waitUntil(lambda: loaded.statusBar().currentMessage() == f"共 {len(titles)} 项任务", timeout=3000)


def test_edit_a_tasks_units_and_undo(qtbot, loaded):
    loaded.table.selectRow(0)
    task_id = loaded.detail.task_id
    before = task_ops.task_detail(loaded.store, task_id, today=TODAY)
    qtbot.mouseClick(loaded.detail.edit_button, Qt.MouseButton.LeftButton)
    dialog = loaded.edit_dialog
    dialog.roles["lead"].setText("自治区财政厅")
    dialog.roles["responsible"].setText("自治区教育厅、自治区科技厅")
    dialog.accept()
    after = task_ops.task_detail(loaded.store, task_id, today=TODAY)
    assert [(u.printed, u.role) for u in after.units if not u.standing] == [
        ("自治区财政厅", "lead"), ("自治区教育厅", "responsible"), ("自治区科技厅", "responsible")]
    assert loaded.model.index(0, COL_LEAD).data() == "自治区财政厅"  # the row repainted
    loaded.undo_action.trigger()
    undone = task_ops.task_detail(loaded.store, task_id, today=TODAY)
    assert [(u.printed, u.role) for u in undone.units] == [(u.printed, u.role) for u in before.units]
    assert loaded.model.index(0, COL_LEAD).data() == "、".join(u.printed for u in before.units if u.role == "lead")
    loaded.redo_action.trigger()
    assert task_ops.task_detail(loaded.store, task_id, today=TODAY).units[0].printed == "自治区财政厅"


def test_add_a_progress_entry(qtbot, loaded):
    loaded.table.selectRow(2)
    task_id = loaded.detail.task_id
    form = loaded.detail.form
    form.content.setPlainText("已召开专题推进会，完成方案起草。")
    form.status.setCurrentText("推进中")
    form.percent.setValue(40)
    qtbot.mouseClick(form.save, Qt.MouseButton.LeftButton)
    detail = task_ops.task_detail(loaded.store, task_id, today=TODAY)
    assert [(p.content, p.status_change, p.percent) for p in detail.progress] == [
        ("已召开专题推进会，完成方案起草。", "推进中", 40)]
    assert detail.progress[0].unit_name == form.unit.itemText(0)
    assert loaded.model.row_object(2).latest_progress == "已召开专题推进会，完成方案起草。"
    assert "已召开专题推进会" in loaded.detail.browser.toPlainText()
    loaded.undo_action.trigger()
    assert task_ops.task_detail(loaded.store, task_id, today=TODAY).progress == []


def test_change_settings_and_undo(qtbot, loaded):
    loaded.show_settings()
    dialog = loaded.settings_dialog
    dialog.editors["office_name"].setText("某市人民政府督查室")
    dialog.editors["yellow_days"].setValue(45)
    dialog.accept()
    values = settings_ops.get_settings(loaded.store)
    assert (values["office_name"], values["yellow_days"]) == ("某市人民政府督查室", 45)
    loaded.undo_action.trigger()
    values = settings_ops.get_settings(loaded.store)
    assert (values["office_name"], values["yellow_days"]) == ("", 30)


def test_own_unit_setting_drives_the_saved_view(qtbot, loaded):
    loaded.apply_settings({"own_unit": "沧州市市场监管局"})
    loaded.side.select_view("本单位任务")
    assert loaded.model.rowCount() == task_ops.count_tasks(loaded.store, TaskFilter(own_unit=True, today=TODAY)) > 0


def test_table_model_over_the_store_passes_qtmodeltester(qtmodeltester, loaded):
    model = TaskTableModel(loaded._count, loaded._fetch)
    model.set_filter(TaskFilter(today=TODAY))
    qtmodeltester.check(model)


def test_a_database_that_is_not_one_is_refused_and_left_alone(qtbot, tmp_path):
    bad = tmp_path / "bad.sqlite3"
    bad.write_bytes(b"this is not a database" * 100)
    w = MainWindow(bad, today=TODAY, remember_layout=False)
    qtbot.addWidget(w)
    assert w.stack.currentIndex() == PAGE_ERROR
    assert "无法打开数据库" in w.error_label.text()
    assert bad.read_bytes() == b"this is not a database" * 100


def test_an_unreadable_plan_file_gives_a_message_and_writes_nothing(qtbot, window, tmp_path, monkeypatch):
    shown = []
    monkeypatch.setattr("app.ui.main_window.show_user_error", lambda parent, exc, *a: shown.append(exc.message))
    broken = tmp_path / "方案.docx"
    broken.write_bytes(b"not a zip")
    window.read_files([broken])
    qtbot.waitUntil(lambda: bool(shown), timeout=10_000)
    assert list_plans(window.store) == []


def test_a_database_from_a_newer_version_is_refused_and_left_alone(qtbot, tmp_path):
    import sqlite3

    from app.ops.session import open_store

    db = tmp_path / "newer.sqlite3"
    open_store(db).close()
    with sqlite3.connect(db) as conn:
        conn.execute("PRAGMA user_version = 999")
    conn.close()
    before = db.read_bytes()
    w = MainWindow(db, today=TODAY, remember_layout=False)
    qtbot.addWidget(w)
    assert w.stack.currentIndex() == PAGE_ERROR
    assert db.read_bytes() == before


def test_layout_is_remembered_between_windows(qtbot, tmp_path):
    first = MainWindow(tmp_path / "a.sqlite3", today=TODAY)
    qtbot.addWidget(first)
    first.show()
    first.splitter.setSizes([400, 700, 300])
    first.table.horizontalHeader().moveSection(1, 0)
    sizes = first.splitter.sizes()
    first.close()
    second = MainWindow(tmp_path / "a.sqlite3", today=TODAY)
    qtbot.addWidget(second)
    second.show()
    assert second.splitter.sizes() == sizes
    assert second.table.horizontalHeader().logicalIndex(0) == 1
    second.close()


def test_a_sort_chosen_in_the_header_comes_back_at_the_next_start(qtbot, tmp_path):
    """The header's saved order is restored before the first paint, the rows' model joins after it: the rows still
    come in the saved order, and a fresh layout starts in plan order (编号 ascending)."""
    from app.ops.session import open_store
    from app.ui.application import wait_until_filled
    from app.ui.task_columns import COL_REF, COL_STATUS

    db = tmp_path / "a.sqlite3"
    with open_store(db) as store:
        import_plan(store, SAMPLES[0], today=TODAY)

    def started() -> tuple[MainWindow, tuple]:
        """A window started as the program starts it, and its header's sort indicator once filled."""
        window = MainWindow(db, today=TODAY, background=True)
        qtbot.addWidget(window)
        window.show()
        wait_until_filled(window)
        header = window.table.horizontalHeader()
        return window, (header.sortIndicatorSection(), header.sortIndicatorOrder())

    first, indicator = started()
    assert indicator == (COL_REF, Qt.SortOrder.AscendingOrder)
    assert (first.model.order_by, first.model.descending) == ("ref", False)
    first.table.horizontalHeader().setSortIndicator(COL_STATUS, Qt.SortOrder.DescendingOrder)  # 状态, clicked twice
    assert (first.model.order_by, first.model.descending) == ("light", True)
    first.close()
    second, indicator = started()
    assert indicator == (COL_STATUS, Qt.SortOrder.DescendingOrder)
    assert (second.model.order_by, second.model.descending) == ("light", True)
    assert second.model.rowCount() > 0
    second.close()


def test_selecting_a_task_beyond_the_loaded_page_finds_it(qtbot, loaded):
    # 126 sample tasks load 100 at first: the overview's "next deadlines" may point past them.
    rows = task_ops.query_tasks(loaded.store, TaskFilter(today=TODAY), limit=1000)
    assert len(rows) > 100 and loaded.model.rowCount() == 100
    target = next(r.id for r in rows if r.id not in {loaded.model.task_id(i) for i in range(100)})
    loaded.select_task(target)
    assert loaded.detail.task_id == target
    selected = loaded.table.selectionModel().selectedRows()
    assert [loaded.model.task_id(i.row()) for i in selected] == [target]


def test_the_window_and_the_command_line_read_a_file_the_same_way(qtbot, window, seeds):
    """One reading path: the window keeps the file's SHA-256, so the command line sees "the same file again"."""
    import hashlib

    from app.ops.plans import import_plan

    seed = next(s for s in seeds if s.stem == HOHHOT)
    window.read_files([seed])
    qtbot.waitUntil(lambda: window.preview is not None and window.preview.isVisible(), timeout=10_000)
    qtbot.mouseClick(window.preview.confirm_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: not window.runner.busy and bool(list_plans(window.store)), timeout=10_000)
    stored = window.store.db.execute("SELECT source_sha256 FROM plans").fetchone()[0]
    assert stored == hashlib.sha256(seed.read_bytes()).hexdigest()
    assert import_plan(window.store, seed, today=TODAY).action == "unchanged"


def test_the_samples_are_written_all_or_none(qtbot, window, monkeypatch):
    """The sample plans go in as the command line imports several files: one transaction."""
    from app.errors import UserError
    from app.ops import plans as plan_ops

    real, calls = plan_ops.import_plan, []

    def failing_third(store, matrix, **kwargs):
        calls.append(matrix.plan.title)
        if len(calls) == 3:
            raise UserError("第三个方案写入失败（测试）")
        return real(store, matrix, **kwargs)

    monkeypatch.setattr(plan_ops, "import_plan", failing_third)
    shown = []
    monkeypatch.setattr("app.ui.main_window.show_user_error", lambda _parent, exc, *args: shown.append(str(exc)))
    window.load_samples()
    qtbot.waitUntil(lambda: bool(shown) and not window.runner.busy, timeout=20_000)
    assert shown == ["第三个方案写入失败（测试）"] and len(calls) == 3
    assert list_plans(window.store) == []


def test_restore_a_backup_from_the_file_menu(qtbot, loaded, tmp_path, monkeypatch):
    from PySide6.QtWidgets import QFileDialog, QMessageBox

    from app.ops.backup import backup

    saved = backup(loaded.store, tmp_path / "before.sqlite3")
    task_id = task_ops.query_tasks(loaded.store, TaskFilter(today=TODAY), limit=1)[0].id
    from app.ops.progress import add_progress

    add_progress(loaded.store, task_id, on_date=TODAY, content="备份之后的进展")
    told = []
    monkeypatch.setattr(QFileDialog, "getOpenFileName", lambda *args, **kwargs: (str(saved), ""))
    monkeypatch.setattr(QMessageBox, "question", lambda *args, **kwargs: QMessageBox.StandardButton.Yes)
    monkeypatch.setattr(QMessageBox, "information", lambda _parent, _title, text: told.append(text))
    assert loaded.restore_action in loaded.menuBar().actions()[0].menu().actions()
    loaded.restore_action.trigger()
    assert loaded.store is not None and told and told[0].startswith("已恢复。")
    assert task_ops.task_detail(loaded.store, task_id, today=TODAY).progress == []


def test_notice_from_the_tools_menu_for_the_selected_task(qtbot, loaded):
    loaded.table.selectRow(0)
    loaded.notice_action.trigger()
    assert loaded.notice_dialog.isVisible()
    loaded.notice_dialog.reject()
