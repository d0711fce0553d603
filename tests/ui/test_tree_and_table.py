"""The side tree names plans place first (elided in the middle, full title in the tooltip); the chosen view
shows in the filter boxes; an empty table says why; the table's columns fit and carry their full text."""
from PySide6.QtCore import Qt

from app.domain.task_filter import TaskFilter
from app.ops import tasks as task_ops
from app.ops.plans import list_plans
from app.ui.main_window import NOTHING_MATCHES, OWN_UNIT_NOT_SET
from app.ui.side_tree import FILTER_ROLE, PLACE_MARK, plan_label, short_place
from app.ui.task_columns import COL_RESPONSIBLE, COLUMNS
from tests.ui.conftest import WINDOW_TODAY


def test_plan_names_put_the_place_first():
    title = "关于贯彻落实《某某规划》的实施方案"
    a, b = plan_label(title, "甲乙市", "甲乙市人民政府"), plan_label(title, "丙丁戊县", None)
    assert (a, b) == (f"甲乙{PLACE_MARK}{title}", f"丙丁戊{PLACE_MARK}{title}")
    assert plan_label("庚辛自治区贯彻落实《某某规划》实施方案", "庚辛自治区") == f"庚辛{PLACE_MARK}贯彻落实《某某规划》实施方案"
    assert short_place("壬癸维吾尔自治区") == "壬癸"
    assert plan_label("某某规划", "", "国务院办公厅") == f"国务院{PLACE_MARK}某某规划"  # national: its issuer
    assert plan_label("某某规划", "", None) == "某某规划"


def test_the_tree_tells_same_titled_plans_apart_and_filters_show_the_view(qtbot, samples_window):
    w = samples_window
    plans = list_plans(w.store)
    items = []
    stack = [w.side.plans_root.child(r) for r in range(w.side.plans_root.rowCount())]
    while stack:
        item = stack.pop()
        items.append(item)
        stack += [item.child(r) for r in range(item.rowCount())]
    assert len(items) == len(plans)
    labels = [i.text() for i in items]
    assert len(set(labels)) == len(labels)
    for plan in plans:
        item = next(i for i in items if i.data(FILTER_ROLE) == TaskFilter(plan_id=plan.id))
        assert plan.title in item.toolTip()  # the full title, however the pane elides it
        place = short_place(plan.jurisdiction, plan.issuer)
        assert item.text().startswith(place + PLACE_MARK)
    assert w.side.textElideMode() == Qt.TextElideMode.ElideMiddle
    # Choosing a plan shows it in the 方案 box (named as in the tree), and the table holds its tasks.
    chosen = next(i for i in items if i.rowCount() == 0)
    w.side.setCurrentIndex(chosen.index())
    plan_id = chosen.data(FILTER_ROLE).plan_id
    assert w.filters.plan.currentData() == plan_id and chosen.text().startswith(w.filters.plan.currentText())
    assert w.model.total_count() == next(p.task_count for p in plans if p.id == plan_id)
    w.side.select_view("已逾期")
    assert w.filters.status.lights() == ("red",) and w.filters.plan.currentIndex() == 0
    w.side.select_view("30日内到期")
    assert w.filters.use_range.isChecked() and w.filters.status.lights() == ()
    w.side.select_view("全部任务")
    assert not w.filters.use_range.isChecked() and w.model.total_count() == sum(p.task_count for p in plans)


def test_an_empty_table_says_why(qtbot, samples_window):
    w = samples_window
    w.show()
    qtbot.waitExposed(w)
    assert w.table.empty_text_shown() == ""
    w.side.select_view("本单位任务")
    assert w.model.rowCount() == 0 and w.table.empty_text_shown() == OWN_UNIT_NOT_SET
    assert w.filters.unit.currentText() == "本单位"
    w.apply_settings({"own_unit": "沧州市市场监管局"})
    assert w.model.rowCount() > 0 and w.table.empty_text_shown() == ""
    w.filters.search.setText("没有这样的任务内容")
    w.filters.flush()
    assert w.model.rowCount() == 0 and w.table.empty_text_shown() == NOTHING_MATCHES
    w.filters.search.clear()
    w.filters.flush()
    assert w.table.empty_text_shown() == ""


def test_columns_fit_a_1366_screen_and_cells_carry_their_full_text(qtbot, samples_window):
    w = samples_window
    w.resize(1366, 768)
    w.show()
    qtbot.waitExposed(w)
    table, model = w.table, w.model
    viewport = table.viewport().width()
    for column in range(len(COLUMNS)):
        right = table.columnViewportPosition(column) + table.columnWidth(column)
        assert right <= viewport, COLUMNS[column].header  # every column on screen, the last included
        header_needs = table.horizontalHeader().sectionSizeFromContents(column).width()
        assert table.columnWidth(column) >= header_needs  # no header is cut
    assert table.columnWidth(COL_RESPONSIBLE) >= COLUMNS[COL_RESPONSIBLE].width
    rows = task_ops.query_tasks(w.store, TaskFilter(today=WINDOW_TODAY), limit=model.rowCount())
    longest = max(range(len(rows)), key=lambda r: len("、".join(rows[r].responsible)))
    full = "、".join(rows[longest].responsible)
    assert len(full) > 40
    tip = model.index(longest, COL_RESPONSIBLE).data(Qt.ItemDataRole.ToolTipRole)
    assert full in tip
    for column in range(len(COLUMNS)):
        shown = model.index(0, column).data()
        assert str(shown) in model.index(0, column).data(Qt.ItemDataRole.ToolTipRole)


def test_a_column_the_user_widened_keeps_its_width(qtbot, samples_window):
    w = samples_window
    w.table.horizontalHeader().resizeSection(COL_RESPONSIBLE, 333)
    w.side.select_view("已逾期")
    w.side.select_view("全部任务")
    assert w.table.columnWidth(COL_RESPONSIBLE) == 333


def test_clicking_the_chosen_view_again_restores_it_in_the_boxes(qtbot, samples_window):
    w = samples_window
    w.show()
    qtbot.waitExposed(w)
    seen = []
    w.side.viewChosen.connect(seen.append)
    item = next(w.side.views_root.child(r) for r in range(w.side.views_root.rowCount())
                if w.side.views_root.child(r).text() == "已逾期")
    centre = w.side.visualRect(item.index()).center()
    qtbot.mouseClick(w.side.viewport(), Qt.MouseButton.LeftButton, pos=centre)
    assert len(seen) == 1 and w.filters.status.lights() == ("red",)  # one query for a new choice, not two
    w.filters.status.clear()
    assert w.filters.current_filter().lights == ()
    qtbot.mouseClick(w.side.viewport(), Qt.MouseButton.LeftButton, pos=centre)
    assert len(seen) == 2 and w.filters.status.lights() == ("red",)
