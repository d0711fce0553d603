"""The task model over a fake store: paging, SQL-side sorting (the store is asked, Qt never sorts), refresh."""
from PySide6.QtCore import QModelIndex, Qt

from fakes import FakeStore, Row

from app.ui.task_columns import COL_DUE, COL_STATUS, COL_TITLE
from app.ui.task_model import ID_ROLE, PAGE_SIZE, ROW_ROLE, TaskTableModel
from app.domain.task_filter import TaskFilter


def test_model_passes_qtmodeltester(qtmodeltester):
    store = FakeStore(450)
    model = TaskTableModel(store.count, store.fetch)
    model.set_filter(TaskFilter())
    qtmodeltester.check(model)


def test_loads_a_page_then_more_as_the_view_scrolls(qapp):
    store = FakeStore(10_000)
    model = TaskTableModel(store.count, store.fetch)
    model.set_filter(TaskFilter())
    assert model.rowCount() == PAGE_SIZE and model.canFetchMore(QModelIndex())
    assert store.fetches == [(0, PAGE_SIZE)]
    model.fetchMore(QModelIndex())
    assert model.rowCount() == 2 * PAGE_SIZE
    assert model.data(model.index(PAGE_SIZE + 5, COL_TITLE)) == f"任务{PAGE_SIZE + 6:05d}"
    assert store.fetches == [(0, PAGE_SIZE), (PAGE_SIZE, PAGE_SIZE)]
    assert model.total_count() == 10_000


def test_counts_only_when_the_total_is_asked_for(qapp):
    store = FakeStore(30)
    calls = []
    model = TaskTableModel(lambda f: calls.append(f) or store.count(f), store.fetch)
    model.set_filter(TaskFilter(unit="甲局"))
    assert calls == []  # one page of 15 rows: the total is known without counting
    assert model.total_count() == 15 and not model.canFetchMore(QModelIndex())
    big = FakeStore(1000)
    model = TaskTableModel(lambda f: calls.append(f) or big.count(f), big.fetch)
    model.set_filter(TaskFilter())
    assert calls == []
    assert model.total_count() == model.total_count() == 1000
    assert len(calls) == 1


def test_sort_goes_to_the_store_and_filter_counts_there(qapp):
    store = FakeStore(30)
    model = TaskTableModel(store.count, store.fetch)
    model.set_filter(TaskFilter())
    model.sort(COL_TITLE, Qt.SortOrder.DescendingOrder)
    assert model.order_by == "title" and model.descending
    assert model.data(model.index(0, COL_TITLE)) == "任务00030"
    model.set_filter(TaskFilter(unit="甲局"))
    assert model.rowCount() == 15
    assert all("甲局" in model.data(model.index(r, 0), ROW_ROLE).lead for r in range(15))


def test_status_cell_shows_label_and_light_mark(qapp):
    store = FakeStore(3)
    store.rows[0].light, store.rows[0].status = "red", "逾期"
    model = TaskTableModel(store.count, store.fetch)
    model.set_filter(TaskFilter())
    idx = model.index(0, COL_STATUS)
    assert model.data(idx) == "逾期"
    assert not model.data(idx, Qt.ItemDataRole.DecorationRole).isNull()
    assert model.data(model.index(0, COL_DUE)) == ""


def test_refresh_task_replaces_one_row_and_signals_only_it(qtbot):
    store = FakeStore(50)
    model = TaskTableModel(store.count, store.fetch)
    model.set_filter(TaskFilter())
    model.data(model.index(0, 0))
    fresh = Row(7, "7", "改过的任务")
    with qtbot.waitSignal(model.dataChanged) as blocker:
        model.refresh_task(7, fresh)
    assert blocker.args[0].row() == 6 and blocker.args[1].row() == 6
    assert model.data(model.index(6, COL_TITLE)) == "改过的任务"
    assert model.data(model.index(6, 0), ID_ROLE) == 7
