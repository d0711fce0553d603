"""The store hands out records and keeps a task's derived columns itself.

Every write here goes through app/store alone (no use case in app/ops runs): the task's current and judged dates
and its started / done / percent must still be right after each progress entry, extension, 办结 and removal,
because the store's own writers bring them up to date in the same transaction.
"""
import inspect
from datetime import date

import pytest

from app.domain.matrix import Deadline
from app.domain.records import AssignmentFields, PlanFields, TaskFields, TaskRecord
from app.domain.units import identify
from app.errors import StoreError
from app.ops.progress import add_progress
from app.store import plans, progress, tasks, units
from app.store.connection import Store
from app.store.rows import MissingRow

D = date
DERIVED = ("current_due", "due_effective", "started_on", "done_on", "percent")


@pytest.fixture
def db(tmp_path):
    store = Store.open(tmp_path / "duban.sqlite3", backup=False)
    with store.transaction() as db:
        plan_id = plans.insert(db, PlanFields(
            title="某县某某工作方案", issuer="某某县人民政府", doc_number=None, issued=D(2025, 1, 1), parent_title=None,
            first_listed_is_lead=False, jurisdiction="某某县", source="p.json", source_sha256=None))
        [task_id] = tasks.insert_many(db, plan_id, [TaskFields(
            position=0, ref=("一", "1"), ref_label="一1", title="建立工作台账", text="",
            deadline=Deadline("2025年6月底前", D(2025, 6, 30)))])
        lead, other = (units.ensure(db, identify(name, "某某县", []), name, "某某县") for name in ("县财政局", "县教育局"))
        tasks.replace_assignments(db, task_id, [
            AssignmentFields(unit_id=lead, role="lead", position=0, printed="县财政局"),
            AssignmentFields(unit_id=other, role="responsible", position=0, printed="县教育局")])
    yield store.db, task_id, lead, other
    store.close()


def _derived(record: TaskRecord) -> tuple:
    return tuple(getattr(record, name) for name in DERIVED)


def test_a_new_task_is_a_typed_record_with_the_plans_dates_in_force(db):
    conn, task_id, _, _ = db
    task = tasks.require(conn, task_id)
    assert task.ref == ("一", "1") and task.deadline == Deadline("2025年6月底前", D(2025, 6, 30))
    assert (task.due, task.ongoing, task.removed_on) == (D(2025, 6, 30), False, None)
    assert _derived(task) == (D(2025, 6, 30), D(2025, 6, 30), None, None, None)
    [lead, responsible] = tasks.assignments(conn, task_id)
    assert (lead.role, lead.printed, lead.standing, responsible.role) == ("lead", "县财政局", False, "responsible")


def test_progress_written_through_the_store_keeps_started_done_and_percent(db):
    conn, task_id, lead, other = db
    first = progress.add(conn, task_id, on_date=D(2025, 2, 1), content="已印发通知", unit_id=other, percent=10)
    assert _derived(tasks.require(conn, task_id))[2:] == (D(2025, 2, 1), None, 10)
    # a responsible unit finishing its share does not complete the task …
    progress.add(conn, task_id, on_date=D(2025, 3, 1), content="本单位部分完成", unit_id=other, status_change="已完成")
    assert tasks.require(conn, task_id).done_on is None
    # … the lead's 已完成 does, with its percentage
    done = progress.add(conn, task_id, on_date=D(2025, 5, 1), content="已验收", unit_id=lead, status_change="已完成",
                        percent=100)
    assert _derived(tasks.require(conn, task_id))[2:] == (D(2025, 2, 1), D(2025, 5, 1), 100)
    entry = progress.require(conn, done)
    assert (entry.on_date, entry.unit_name, entry.status_change) == (D(2025, 5, 1), "某某县财政局", "已完成")
    progress.delete(conn, entry)
    assert _derived(tasks.require(conn, task_id))[2:] == (D(2025, 2, 1), None, 10)
    # who leads decides who completes: making the responsible unit lead completes the task on its date
    tasks.replace_assignments(conn, task_id, [AssignmentFields(unit_id=other, role="lead", position=0, printed="县教育局")])
    assert tasks.require(conn, task_id).done_on == D(2025, 3, 1)
    progress.delete(conn, progress.require(conn, first))
    assert tasks.require(conn, task_id).started_on == D(2025, 3, 1)


def test_extensions_and_deadline_edits_written_through_the_store_keep_the_dates_in_force(db):
    conn, task_id, _, _ = db
    in_time = progress.add_extension(conn, task_id, original_due=D(2025, 6, 30), new_due=D(2025, 9, 30),
                                     reason="资金未到位", recorded_on=D(2025, 6, 1), basis="某政办函〔2025〕9号")
    assert _derived(tasks.require(conn, task_id))[:2] == (D(2025, 9, 30), D(2025, 9, 30))
    # recorded once the task was already late: in force, but the task stays judged against the date then in force
    progress.add_extension(conn, task_id, original_due=D(2025, 9, 30), new_due=D(2025, 12, 31), reason="补报",
                           recorded_on=D(2025, 10, 15))
    assert _derived(tasks.require(conn, task_id))[:2] == (D(2025, 12, 31), D(2025, 9, 30))
    extension = progress.require_extension(conn, in_time)
    assert (extension.new_due, extension.basis, extension.extension.recorded_on) == (
        D(2025, 9, 30), "某政办函〔2025〕9号", D(2025, 6, 1))
    progress.delete_extension(conn, extension)
    assert _derived(tasks.require(conn, task_id))[:2] == (D(2025, 12, 31), D(2025, 6, 30))
    # a new deadline moves the dates in force with the extensions that remain
    tasks.update(conn, task_id, deadline=Deadline("2025年12月底前", D(2025, 12, 31)))
    assert _derived(tasks.require(conn, task_id))[:2] == (D(2025, 12, 31), D(2025, 12, 31))
    # with no plan date left, the extension's date is the one in force and judged (as app/domain/status.py says)
    tasks.update(conn, task_id, deadline=None)
    assert _derived(tasks.require(conn, task_id))[:2] == (D(2025, 12, 31), D(2025, 12, 31))


def test_no_writer_takes_a_derived_column():
    """The derived columns cannot be written by a caller: no task writer of the store has a parameter for them."""
    for writer in (tasks.update, tasks.insert_many, tasks.replace_assignments):
        assert not set(DERIVED) & set(inspect.signature(writer).parameters), writer.__name__


def test_a_missing_row_is_one_store_error_in_chinese(db):
    conn, task_id, _, _ = db
    with pytest.raises(MissingRow, match="没有编号为 999 的任务"):
        tasks.require(conn, 999)
    with pytest.raises(MissingRow, match="没有编号为 5 的方案"):
        plans.require(conn, 5)
    with pytest.raises(MissingRow, match="没有编号为 7 的延期记录"):
        progress.require_extension(conn, 7)
    assert tasks.get(conn, 999) is None and issubclass(MissingRow, StoreError)


def test_a_use_case_on_a_missing_task_raises_the_store_error_and_writes_nothing(tmp_path):
    with Store.open(tmp_path / "duban.sqlite3", backup=False) as store:
        with pytest.raises(StoreError, match="没有编号为 42 的任务"):
            add_progress(store, 42, on_date=D(2025, 1, 1), content="x")
        assert next(store.db.query("SELECT COUNT(*) AS n FROM progress"))["n"] == 0
