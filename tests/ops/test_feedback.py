"""Feedback forms (issue 13): one form per unit out for the 呼和浩特 sample plan, filled the way units fill them
(reordered columns, an extra row, a merged cell, a re-save) and read back; the same file twice changes nothing;
a form of another database is refused with nothing changed; apply then undo restores the store exactly."""
from __future__ import annotations

import shutil
import subprocess
from dataclasses import replace
from datetime import date
from pathlib import Path

import pytest
from openpyxl import load_workbook

from app.domain.feedback import COL_KEY, COLUMNS, FORM_STATUSES, REQUEST_EXTENSION
from app.domain.status import DONE
from app.ops import feedback as fb
from app.ops.due import due_assignments
from app.ops.profile import set_profile
from app.ops.session import open_store
from tests.ops.feedback_forms import dump, fill, header, make_db, reorder_columns, task_rows

SENT, RECEIVED = date(2025, 6, 2), date(2025, 6, 6)


@pytest.fixture(scope="module")
def template(tmp_path_factory):
    """The sample plan's database with its forms exported once (the office named): (folder, plan id, forms)."""
    folder = tmp_path_factory.mktemp("feedback")
    with open_store(make_db(folder / "duban.sqlite3"), backup=False) as store:
        set_profile(store, office="呼和浩特市人民政府督查室")
        plan_id = next(store.db.query("SELECT id FROM plans"))["id"]
        forms = fb.export_forms(store, plan_id=plan_id, today=SENT, reply_by=date(2025, 6, 10),
                                out_dir=folder / "forms").forms
    return folder, plan_id, forms


@pytest.fixture
def db(template, tmp_path):
    """A copy of the template's database and forms in this test's folder."""
    shutil.copy(template[0] / "duban.sqlite3", tmp_path / "duban.sqlite3")
    shutil.copytree(template[0] / "forms", tmp_path / "forms")
    return tmp_path / "duban.sqlite3"


@pytest.fixture
def exported(template, db, tmp_path):
    """(store, plan id, {unit: its form in this test's folder})."""
    with open_store(db, backup=False) as store:
        yield store, template[1], {f.unit: replace(f, path=tmp_path / "forms" / f.path.name) for f in template[2]}


def _lead_and_other(store, forms):
    """The unit leading most tasks (its form has many rows) and a unit with fewer tasks."""
    ordered = sorted(forms.values(), key=lambda f: -f.task_count)
    return ordered[0], ordered[1]


def test_forms_out_one_per_unit_with_the_units_tasks(exported):
    store, plan_id, forms = exported
    expected: dict[str, set[str]] = {}
    for item in due_assignments(store, today=SENT):
        expected.setdefault(item.unit, set()).add(item.ref)
    assert set(forms) == set(expected)
    assert len(forms) == 21  # the sample plan's units, as the issue counts them
    for unit, form in forms.items():
        assert form.path.name == f"{unit}_反馈表_2025-06-02.xlsx"
        wb = load_workbook(form.path)
        ws = wb.worksheets[0]
        top, cols = header(ws)
        assert [ws.cell(top, c).value for c in range(1, len(COLUMNS) + 1)] == list(COLUMNS)
        assert set(task_rows(ws)) == expected[unit]
        assert "呼和浩特市人民政府督查室" in ws.cell(2, 1).value and "2025年6月10日" in ws.cell(2, 1).value
        assert unit in ws.cell(2, 1).value and "填报说明" in ws.cell(3, 1).value
        assert ws.protection.sheet
        [row] = list(task_rows(ws).values())[:1]
        assert ws.cell(row, cols["进展情况"]).protection.locked is False
        assert ws.cell(row, cols["任务"]).protection.locked is True
        key_letter = ws.cell(row, cols[COL_KEY]).column_letter
        assert ws.column_dimensions[key_letter].hidden
        [choices] = [dv for dv in ws.data_validations.dataValidation if dv.type == "list"]
        assert choices.formula1.strip('"').split(",") == list(FORM_STATUSES)
        assert wb["督办台"].sheet_state == "hidden"


def test_forms_round_trip(exported, tmp_path, db):
    store, plan_id, forms = exported
    lead, other = _lead_and_other(store, forms)
    lead_rows = list(task_rows(load_workbook(lead.path).worksheets[0]))
    a, b, c, d = lead_rows[:4]
    fill(lead.path, {a: {"进展情况": "已完成全市计量器具普查", "完成状态": DONE, "完成比例": 100, "填报人": "张三",
                         "联系电话": "0471-1234567"},
                     b: {"进展情况": "正在推进", "完成状态": "推进中", "完成比例": "60%", "存在问题": "经费不足"},
                     c: {"完成状态": REQUEST_EXTENSION, "存在问题": "设备未到货", "下步打算": "到货后安装"}})
    # a unit's own copy of its form: columns in another order, without the hidden sheet
    other_rows = list(task_rows(load_workbook(other.path).worksheets[0]))
    order = [COL_KEY, "进展情况", "任务编号", "完成状态", "任务", "完成比例", "存在问题", "下步打算"]
    fill(other.path, {other_rows[0]: {"进展情况": "已制定工作方案", "完成状态": "推进中"}})
    reordered = reorder_columns(other.path, tmp_path / "reordered.xlsx", order)

    with open_store(db, backup=False) as s:
        result = fb.import_feedback(s, [lead.path, reordered], received_on=RECEIVED)
        assert (result.applied, result.unchanged, result.rejected) == (4, 0, ())
        entries = list(s.db.query("SELECT p.*, u.name FROM progress p JOIN units u ON u.id = p.unit_id"))
        assert {(e["name"], e["on_date"]) for e in entries} == {(lead.unit, "2025-06-06"), (other.unit, "2025-06-06")}
        by_ref = {r["ref_label"]: r for r in s.db.query("SELECT * FROM tasks")}
        assert by_ref[a]["done_on"] == "2025-06-06"  # the lead unit reported it complete
        assert by_ref[b]["percent"] == 60
        history = fb.feedback_history(s, by_ref[c]["id"])
        assert [(h.status_word, h.extension_pending, h.problems) for h in history] == \
            [(REQUEST_EXTENSION, True, "设备未到货")]
        assert by_ref[c]["current_due"] == by_ref[c]["due"]  # a request, not an extension
        reply = next(s.db.query("SELECT * FROM feedback_replies WHERE file_name = ?", [lead.path.name]))
        assert (reply["filled_by"], reply["phone"]) == ("张三", "0471-1234567")

        before = dump(db)
        again = fb.import_feedback(s, [lead.path, reordered], received_on=date(2025, 6, 9))
        assert (again.applied, again.unchanged) == (0, 4)
        assert dump(db) == before


def test_extra_row_merged_cell_and_refused_rows(exported, db, tmp_path):
    store, _, forms = exported
    lead, _ = _lead_and_other(store, forms)
    wb = load_workbook(lead.path)
    ws = wb.worksheets[0]
    top, cols = header(ws)
    rows = task_rows(ws)
    refs = list(rows)
    first = rows[refs[0]]
    # one answer written once over two tasks' rows (a merged cell), a row added between, a bad word, an edited key
    ws.cell(first, cols["进展情况"], "两项工作一并推进")
    ws.merge_cells(start_row=first, start_column=cols["进展情况"], end_row=first + 1, end_column=cols["进展情况"])
    ws.cell(rows[refs[2]], cols["进展情况"], "已启动")
    ws.cell(rows[refs[2]], cols["完成状态"], "差不多了")
    key = ws.cell(rows[refs[3]], cols[COL_KEY]).value
    ws.cell(rows[refs[3]], cols[COL_KEY], key[:-13] + "-" + "0" * 12)
    ws.cell(rows[refs[3]], cols["进展情况"], "改了校验码")
    ws.insert_rows(rows[refs[4]])
    ws.cell(rows[refs[4]], cols["任务"], "补充说明")
    ws.cell(rows[refs[4]], cols["进展情况"], "另有一项工作")
    ws.cell(rows[refs[4]] + 1, cols["进展情况"], "第五项已推进")
    path = wb.save(tmp_path / "filled.xlsx") or tmp_path / "filled.xlsx"

    with open_store(db, backup=False) as s:
        [preview] = fb.preview_feedback(s, fb.run_steps(fb.read_forms([path])), received_on=RECEIVED).files
        assert preview.unit == lead.unit and preview.refused is None
        outcome = {r.ref: (r.outcome, r.reason) for r in preview.rows if r.outcome != fb.BLANK}
        assert outcome[refs[0]][0] == outcome[refs[1]][0] == fb.APPLY
        assert outcome[refs[2]] == (fb.REFUSED, "完成状态“差不多了”不认识（应为未启动、推进中、已完成、申请延期之一）")
        assert outcome[refs[4]] == (fb.APPLY, "")
        refused = {r.reason for r in preview.rows if r.outcome == fb.REFUSED}
        assert refused == {outcome[refs[2]][1], "该行校验码被改动", "该行没有校验码（不是导出时的任务行）"}
        result = fb.apply_feedback(s, preview_again := fb.preview_feedback(
            s, fb.run_steps(fb.read_forms([path])), received_on=RECEIVED))
        assert preview_again.count(fb.APPLY) == result.applied == 3
        texts = [r["content"] for r in s.db.query("SELECT content FROM progress ORDER BY id")]
        assert texts == ["两项工作一并推进", "两项工作一并推进", "第五项已推进"]


def test_another_databases_form_is_refused_and_nothing_changes(exported, db, tmp_path):
    store, _, forms = exported
    other_db = make_db(tmp_path / "other.sqlite3")  # the same plan in another database: another identity
    with open_store(other_db, backup=False) as other:
        plan_id = next(other.db.query("SELECT id FROM plans"))["id"]
        foreign = fb.export_forms(other, plan_id=plan_id, today=SENT, out_dir=tmp_path / "foreign").forms[0]
    refs = list(task_rows(load_workbook(foreign.path).worksheets[0]))
    fill(foreign.path, {refs[0]: {"进展情况": "别的数据库", "完成状态": "推进中"}})
    before = dump(db)
    with open_store(db, backup=False) as s:
        result = fb.import_feedback(s, [foreign.path], received_on=RECEIVED)
    assert result.applied == 0 and result.files_refused == 1
    assert [r.to_json() for r in result.rejected] == [
        {"file": foreign.path.name, "row": None, "reason": "这份反馈表来自另一个督办台数据库，不是本数据库导出的，未导入"}]
    assert dump(db) == before


def test_apply_then_undo_restores_the_store_exactly(exported, db):
    store, _, forms = exported
    lead, _ = _lead_and_other(store, forms)
    refs = list(task_rows(load_workbook(lead.path).worksheets[0]))
    fill(lead.path, {refs[0]: {"进展情况": "完成", "完成状态": DONE}, refs[1]: {"完成比例": 30}})
    before = dump(db)
    with open_store(db, backup=False) as s:
        preview = fb.preview_feedback(s, fb.run_steps(fb.read_forms([lead.path])), received_on=RECEIVED)
        applied = fb.apply_feedback(s, preview)
        assert applied.applied == 2 and dump(db) != before
        fb.undo_feedback(s, applied)
        assert dump(db) == before
        redone = fb.apply_feedback(s, preview)  # redo: the same preview applies again
        assert redone.applied == 2


def test_status_before_and_after_a_reply(exported, db):
    store, plan_id, forms = exported
    lead, _ = _lead_and_other(store, forms)
    refs = list(task_rows(load_workbook(lead.path).worksheets[0]))
    with open_store(db, backup=False) as s:
        states = {u.unit: u.state for u in fb.feedback_status(s, plan_id, today=date(2025, 6, 10))}
        assert set(states.values()) == {"未反馈"} and len(states) == len(forms)
        late = {u.unit: u.state for u in fb.feedback_status(s, plan_id, today=date(2025, 6, 11))}
        assert set(late.values()) == {"逾期未反馈"}
        fb.import_feedback(s, [fill(lead.path, {refs[0]: {"进展情况": "推进中"}})], received_on=date(2025, 6, 12))
        after = {u.unit: u for u in fb.feedback_status(s, plan_id, today=date(2025, 6, 12))}
        assert (after[lead.unit].state, after[lead.unit].replied_on) == ("已反馈", date(2025, 6, 12))
        assert [u.unit for u in fb.late_units(s, plan_id, today=date(2025, 6, 12))] == \
            sorted(set(forms) - {lead.unit}, key=list(forms).index)


def test_xls_resave_is_read(exported, db, tmp_path):
    xlwt = pytest.importorskip("xlwt")
    pytest.importorskip("xlrd")
    store, _, forms = exported
    lead, _ = _lead_and_other(store, forms)
    src = load_workbook(lead.path).worksheets[0]
    top, cols = header(src)
    book = xlwt.Workbook()
    sheet = book.add_sheet("反馈表")
    for r in range(1, src.max_row + 1):
        for c in range(1, src.max_column + 1):
            value = src.cell(r, c).value
            if value is not None:
                sheet.write(r - 1, c - 1, value)
    first = min(task_rows(src).values())
    sheet.write(first - 1, cols["进展情况"] - 1, "另存为 xls 后填报")
    sheet.write(first - 1, cols["完成状态"] - 1, "推进中")
    path = tmp_path / "resaved.xls"
    book.save(str(path))
    with open_store(db, backup=False) as s:
        result = fb.import_feedback(s, [path], received_on=RECEIVED)
        assert (result.applied, result.rejected) == (1, ())
        assert next(s.db.query("SELECT content FROM progress"))["content"] == "另存为 xls 后填报"


@pytest.mark.skipif(shutil.which("soffice") is None and shutil.which("libreoffice") is None,
                    reason="LibreOffice is not installed")
def test_libreoffice_resave_is_read(exported, db, tmp_path):
    store, _, forms = exported
    lead, _ = _lead_and_other(store, forms)
    refs = list(task_rows(load_workbook(lead.path).worksheets[0]))
    fill(lead.path, {refs[0]: {"进展情况": "经 LibreOffice 另存", "完成状态": "推进中"}})
    out = tmp_path / "lo"
    office = shutil.which("soffice") or shutil.which("libreoffice")
    subprocess.run([office, "--headless", "--convert-to", "xlsx", "--outdir", str(out), str(lead.path)],
                   check=True, capture_output=True, timeout=120)
    with open_store(db, backup=False) as s:
        result = fb.import_feedback(s, [out / lead.path.name], received_on=RECEIVED)
        assert (result.applied, result.rejected) == (1, ())


def test_export_refuses_a_unit_without_tasks_and_writes_nothing(db, tmp_path):
    from app.errors import UserError

    before = dump(db)
    with open_store(db, backup=False) as s:
        plan_id = next(s.db.query("SELECT id FROM plans"))["id"]
        with pytest.raises(UserError, match="不存在的单位"):
            fb.export_forms(s, plan_id=plan_id, units=["不存在的单位"], today=SENT, out_dir=tmp_path / "none")
    assert dump(db) == before and not (tmp_path / "none").exists()


def test_form_file_names_stay_apart_on_a_second_export(exported, db, tmp_path):
    store, plan_id, forms = exported
    again = fb.export_forms(store, plan_id=plan_id, today=SENT, out_dir=next(iter(forms.values())).path.parent)
    assert all(f.path.name.endswith("（2）.xlsx") for f in again.forms)
    assert all(Path(f.path).exists() for f in forms.values())


def test_chase_late_issues_a_reminder_to_each_late_unit_with_due_work(exported, db, tmp_path):
    store, plan_id, forms = exported
    today = date(2026, 1, 5)  # past the reply-by date, and past the plan's 2025年底 deadlines
    late = {u.unit for u in fb.late_units(store, plan_id, today=today)}
    assert late == set(forms)
    lead, other = _lead_and_other(store, forms)
    busy = {lead.unit, other.unit}
    result = fb.chase_late(store, plan_id, today=today, out_dir=tmp_path / "notices", only=busy | {"某个未逾期单位"})
    assert {n.unit for n in result.issued} == busy and result.skipped == ()
    assert all(n.path.exists() and n.kind == "催办" for n in result.issued)
    register = {r["name"] for r in store.db.query(
        "SELECT u.name FROM notices n JOIN units u ON u.id = n.unit_id WHERE n.kind = '催办'")}
    assert register == busy
    fb.import_feedback(store, [fill(lead.path, {list(task_rows(load_workbook(lead.path).worksheets[0]))[0]:
                                                {"进展情况": "已报"}})], received_on=today)
    assert lead.unit not in {u.unit for u in fb.late_units(store, plan_id, today=today)}


def test_a_row_copied_from_another_units_form_is_refused_with_that_units_name(exported, db, tmp_path):
    store, _, forms = exported
    lead, other = _lead_and_other(store, forms)
    theirs = load_workbook(other.path).worksheets[0]
    _, their_cols = header(theirs)
    their_row = min(task_rows(theirs).values())
    wb = load_workbook(lead.path)
    ws = wb.worksheets[0]
    _, cols = header(ws)
    below = max(task_rows(ws).values()) + 1
    for name, col in their_cols.items():
        ws.cell(below, cols[name], theirs.cell(their_row, col).value)
    ws.cell(below, cols["进展情况"], "抄来的一行")
    wb.save(tmp_path / "mixed.xlsx")
    with open_store(db, backup=False) as s:
        result = fb.import_feedback(s, [tmp_path / "mixed.xlsx"], received_on=RECEIVED)
    assert result.applied == 0 and [r.to_json() for r in result.rejected] == [
        {"file": "mixed.xlsx", "row": below, "reason": f"该行是“{other.unit}”反馈表中的行，不属于本表的填报单位"}]


def test_a_form_of_a_unit_merged_since_counts_for_the_unit_it_became(exported, db):
    from app.ops.units import merge_units

    store, plan_id, forms = exported
    lead, other = _lead_and_other(store, forms)
    refs = list(task_rows(load_workbook(other.path).worksheets[0]))
    fill(other.path, {refs[0]: {"进展情况": "合并前发出的表", "完成状态": "推进中"}})
    with open_store(db, backup=False) as s:
        merge_units(s, other.unit, lead.unit)
        result = fb.import_feedback(s, [other.path], received_on=RECEIVED)
        assert (result.applied, result.rejected) == (1, ())
        [entry] = s.db.query("SELECT u.name FROM progress p JOIN units u ON u.id = p.unit_id")
        assert entry["name"] == lead.unit
        states = {u.unit: u.state for u in fb.feedback_status(s, plan_id, today=RECEIVED)}
        assert other.unit not in states and lead.unit in states  # one entry for the unit it became


def _status_the_long_way(store, plan_id):
    """What `feedback_status` should list, worked out task by task: each unit once, in the order the plan's tasks
    and each task's assignments first name it, with its latest round (by date sent) and that round's replies."""
    from app.store import tasks as tasks_sql

    units: dict[int, str] = {}
    for task in tasks_sql.of_plan(store.db, plan_id):
        for a in tasks_sql.assignments(store.db, task.id):
            units.setdefault(a.unit_id, a.unit_name)
    latest = {r["unit_id"]: r for r in store.db.query(
        "SELECT * FROM feedback_rounds WHERE plan_id = ? ORDER BY sent_on, id", [plan_id])}
    replies: dict[int, list[str]] = {}
    for r in store.db.query("SELECT round_id, received_on FROM feedback_replies"):
        replies.setdefault(r["round_id"], []).append(r["received_on"])
    out = []
    for unit_id, name in units.items():
        r = latest.get(unit_id)
        got = replies.get(r["id"], []) if r else []
        out.append((unit_id, name, r and r["id"], r and r["sent_on"], r and r["reply_by"], min(got, default=None),
                    len(got)))
    return out


def test_status_lists_each_unit_once_in_plan_order_with_its_latest_round(exported, db):
    from app.domain.matrix import ROLE_IMPLEMENTER
    from app.domain.records import AssignmentFields
    from app.store import tasks as tasks_sql

    store, plan_id, forms = exported
    lead, other = _lead_and_other(store, forms)
    refs = list(task_rows(load_workbook(other.path).worksheets[0]))
    fb.import_feedback(store, [fill(other.path, {refs[0]: {"进展情况": "第一轮已报"}})], received_on=RECEIVED)
    again = fb.export_forms(store, plan_id=plan_id, units=[other.unit, lead.unit], today=date(2025, 6, 9),
                            out_dir=other.path.parent / "again").forms
    first, *rest = tasks_sql.of_plan(store.db, plan_id)
    last_named = fb.feedback_status(store, plan_id, today=RECEIVED)[-1]
    with store.transaction() as tx:  # the last unit named also stands on the first task; the last task is removed
        tasks_sql.replace_assignments(tx, first.id, [AssignmentFields(
            unit_id=last_named.unit_id, role=ROLE_IMPLEMENTER, position=0, printed=last_named.unit)], standing=True)
        tx.execute("UPDATE tasks SET removed_on = '2025-06-03' WHERE id = ?", [rest[-1].id])

    status = fb.feedback_status(store, plan_id, today=date(2025, 6, 20))
    expected = _status_the_long_way(store, plan_id)
    assert [(u.unit_id, u.unit, u.round_id, u.sent_on and u.sent_on.isoformat(),
             u.reply_by and u.reply_by.isoformat(), u.replied_on and u.replied_on.isoformat(), u.replies)
            for u in status] == expected
    first_units = {a.unit_id for a in tasks_sql.assignments(store.db, first.id, include_standing=False)}
    assert status[len(first_units)].unit == last_named.unit  # right after the first task's printed units
    by_unit = {u.unit: u for u in status}
    assert by_unit[other.unit].round_id == next(f.round_id for f in again if f.unit == other.unit)
    assert (by_unit[other.unit].replied_on, by_unit[other.unit].state) == (None, "逾期未反馈")  # replied to the first


def test_status_asks_the_store_a_fixed_number_of_queries(exported):
    from app.store.connection import queries_run

    store, plan_id, forms = exported
    with queries_run(store.db) as queries:
        status = fb.feedback_status(store, plan_id, today=RECEIVED)
    assert len(status) == len(forms) == 21
    assert any("feedback_rounds" in q for q in queries), queries  # the queries were seen
    assert len(queries) <= 2, queries  # the plan, then every unit with its latest round (not one per task)


def test_a_missing_plan_is_the_stores_one_error(exported, db, tmp_path):
    from app.store import plans as plans_sql
    from app.store.rows import MissingRow

    store, plan_id, _ = exported
    missing = plan_id + 99
    with pytest.raises(MissingRow) as expected:
        plans_sql.require(store.db, missing)
    before = dump(db)
    for call in (lambda: fb.export_forms(store, plan_id=missing, today=SENT, out_dir=tmp_path / "none"),
                 lambda: fb.feedback_status(store, missing, today=SENT),
                 lambda: fb.chase_late(store, missing, today=SENT, out_dir=tmp_path / "none")):
        with pytest.raises(MissingRow) as raised:
            call()
        assert raised.value.message == expected.value.message == f"没有编号为 {missing} 的方案。"
    assert dump(db) == before and not (tmp_path / "none").exists()
