"""Widgets that need no database: filter bar, side tree, settings dialog, table copy and menu."""
from datetime import date

from PySide6.QtCore import Qt
from PySide6.QtGui import QGuiApplication

from app.ui.plan_choosers import PlanChoice
from app.ui.filter_bar import FilterBar
from app.ui.settings_dialog import SettingsDialog
from app.ui.side_tree import FILTER_ROLE, PlanNode, SideTree, plan_items
from app.domain.task_filter import TaskFilter
from app.ui.task_model import TaskTableModel
from app.ui.task_view import TaskTableView
from fakes import FakeStore


def test_search_is_throttled_to_one_query_per_pause(qtbot):
    bar = FilterBar()
    qtbot.addWidget(bar)
    seen = []
    bar.filterChanged.connect(seen.append)
    with qtbot.waitSignal(bar.filterChanged, timeout=2000):
        for ch in "营商环境":  # typed one key at a time (QTest cannot type CJK keys)
            bar.search.insert(ch)
    assert len(seen) == 1 and seen[0].text == "营商环境"


def test_a_saved_view_shows_in_the_boxes_and_the_boxes_change_it(qtbot):
    bar = FilterBar()
    qtbot.addWidget(bar)
    bar.set_units(["市财政局", "市教育局"])
    bar.set_plans([PlanChoice(3, "甲市 · 方案甲", "甲市方案甲")])
    bar.set_base(TaskFilter(own_unit=True, lights=("red",), plan_id=3))
    assert (bar.unit.currentText(), bar.plan.currentText(), bar.status.text()) == ("本单位", "甲市 · 方案甲", "逾期")
    q = bar.current_filter()
    assert (q.own_unit, q.unit, q.plan_id, q.lights) == (True, None, 3, ("red",))
    bar.select_unit("市教育局")  # the box replaces 本单位
    bar.status.actions_by_light["yellow"].trigger()  # 逾期 + 临期
    q = bar.current_filter()
    assert (q.own_unit, q.unit, q.plan_id, q.lights) == (False, "市教育局", 3, ("red", "yellow"))
    assert bar.status.text() == "逾期、临期"
    bar.use_range.setChecked(True)
    assert bar.current_filter().due_from is not None
    bar.set_base(TaskFilter(due_from=date(2026, 6, 30), due_to=date(2026, 7, 30)))  # 30日内到期 at an as-of date
    q = bar.current_filter()
    assert (q.unit, q.plan_id, q.lights, q.due_from, q.due_to) == (None, None, (), date(2026, 6, 30), date(2026, 7, 30))
    assert bar.use_range.isChecked() and bar.due_from.date().toString("yyyy-MM-dd") == "2026-06-30"
    bar.status.all_action.trigger()
    assert bar.status.text() == "全部状态" and bar.current_filter().lights == ()


def test_plan_tree_puts_a_plan_under_the_one_it_implements(qtbot):
    roots = plan_items([PlanNode(1, "国家规划", None), PlanNode(2, "市实施方案", 1), PlanNode(3, "别的", 99)])
    assert [r.text() for r in roots] == ["国家规划", "别的"]
    assert roots[0].child(0).text() == "市实施方案"
    assert roots[0].child(0).data(FILTER_ROLE) == TaskFilter(plan_id=2)


def test_side_tree_emits_saved_view_query(qtbot):
    tree = SideTree(date(2025, 12, 1))
    qtbot.addWidget(tree)
    with qtbot.waitSignal(tree.viewChosen) as blocker:
        tree.select_view("30日内到期")
    assert blocker.args[0].due_to == date(2025, 12, 31)


def test_settings_dialog_rendered_from_declarations(qtbot):
    dialog = SettingsDialog({"office_name": "某市督查室", "yellow_days": 30})
    qtbot.addWidget(dialog)
    assert set(dialog.editors) >= {"office_name", "own_unit", "notice_prefix", "yellow_days"}
    dialog.editors["yellow_days"].setValue(15)
    dialog.editors["notice_prefix"].setText(" 市督 ")
    assert dialog.changed_values() == {"yellow_days": 15, "notice_prefix": "市督"}


def _table_over_fake_store(qtbot, rows: int) -> tuple[TaskTableView, TaskTableModel]:
    store = FakeStore(rows)
    model = TaskTableModel(store.count, store.fetch)
    model.set_filter(TaskFilter())
    view = TaskTableView()
    qtbot.addWidget(view)
    view.setModel(model)
    return view, model


def test_ctrl_c_copies_selected_rows_as_tsv_in_the_users_column_order(qtbot):
    view, model = _table_over_fake_store(qtbot, 5)
    view.horizontalHeader().moveSection(1, 0)  # 任务 before 编号
    view.selectRow(1)
    view.selectionModel().select(model.index(3, 0), view.selectionModel().SelectionFlag.Select
                                 | view.selectionModel().SelectionFlag.Rows)
    view.setFocus()
    qtbot.keyClick(view, Qt.Key.Key_C, Qt.KeyboardModifier.ControlModifier)
    lines = QGuiApplication.clipboard().text().split("\r\n")
    assert lines[0].startswith("任务\t编号\t牵头单位")
    assert lines[1].startswith("任务00002\t2\t") and lines[2].startswith("任务00004\t4\t")
    menu = view.context_menu(2)
    assert [a.text() for a in menu.actions() if a.text()][:5] == ["添加进展…", "延期…", "办结…", "生成督办通知…", "查看方案原文"]


def test_reading_widgets_does_not_drain_nones_refcount(qtbot):
    """PySide6 6.12 returns an empty QVariant to Python as a None it does not own; our reads must avoid that."""
    import sys

    bar = FilterBar()
    qtbot.addWidget(bar)
    tree = SideTree(date(2025, 12, 1))
    qtbot.addWidget(tree)
    view, _model = _table_over_fake_store(qtbot, 20)
    view.selectRow(3)
    before = sys.getrefcount(None)
    for _ in range(500):
        bar.current_filter()
        view.selected_task_ids()
        view.selection_as_tsv()
    assert sys.getrefcount(None) - before > -100  # the reads we control leave None alone
