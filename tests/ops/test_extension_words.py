"""One way every output says an extension (延期): the table, the detail pane, `extend` and `due`, the ledger, the
feedback forms and the notices name the original deadline as the plan printed it, the new date, and — for an
extension recorded after the task was already late, which leaves it judged against the date then in force — that
it does not change the judgement. Each output is read back from what it wrote (xlsx through openpyxl, PDF
through pdfplumber)."""
import contextlib
import io
import json
from datetime import date

import openpyxl
import pytest

from app.__main__ import main
from app.domain.feedback import COL_DEADLINE
from app.domain.task_filter import TaskFilter
from app.ops import feedback as fb
from app.ops.due import due_assignments
from app.ops.ledger import export_ledger
from app.ops.notices import issue_bulletin, issue_notice
from app.ops.plans import import_plan
from app.ops.progress import record_extension
from app.ops.session import open_store
from app.ops.tasks import query_tasks, task_detail
from app.ops.workspace import task_row
from app.ui.task_columns import COL_DUE, COLUMNS

from tests.notices import pdfcheck
from tests.ops.feedback_forms import header, task_rows

D = date
TODAY = D(2026, 1, 15)
UNIT = "某县市场监管局"  # responsible for the task extended in time, lead of the one extended late
PLAN = """某县人民政府办公室关于印发某县优化营商环境工作方案的通知

各乡镇人民政府，县政府各部门：

现将《某县优化营商环境工作方案》印发给你们，请认真组织实施。

某县人民政府办公室
2025年3月1日

某县优化营商环境工作方案

一、重点任务

（一）建立涉企收费台账。全面梳理涉企收费项目。（牵头单位：县财政局；责任单位：县市场监管局；完成时限：2025年底前）

（二）开展营商环境专项检查。对重点领域开展检查。（牵头单位：县市场监管局；完成时限：2025年9月底前）
"""
# ref → (its deadline as printed, its extension, recorded on, reason); judged at TODAY
IN_TIME, LATE = "一（一）", "一（二）"
EXTENSIONS = {
    IN_TIME: ("2025年底前", D(2026, 6, 30), D(2025, 11, 15), "资金未到位"),   # before 2025-12-31: moves the date
    LATE: ("2025年9月底前", D(2026, 3, 31), D(2025, 10, 20), "审批延后"),     # after 2025-09-30: stays 逾期
}
SAID = {  # as every output on screen and in files says it
    IN_TIME: "原定 2025年底前，已延期至 2026-06-30",
    LATE: "原定 2025年9月底前，已延期至 2026-03-31（逾期后延期，仍按 2025-09-30 判定）",
}
IN_DOCUMENTS = {  # official documents: Chinese dates, set without spaces
    IN_TIME: "原定2025年底前，已延期至2026年6月30日",
    LATE: "原定2025年9月底前，已延期至2026年3月31日（逾期后延期，仍按2025年9月30日判定）",
}


@pytest.fixture(scope="module")
def plan(tmp_path_factory):
    folder = tmp_path_factory.mktemp("extension_words")
    (folder / "方案.txt").write_text(PLAN, encoding="utf-8")
    with open_store(folder / "duban.sqlite3", backup=False) as store:
        plan_id = import_plan(store, folder / "方案.txt", today=D(2025, 3, 1)).plan_id
        ids = {r.ref_label: r.id for r in query_tasks(store, TaskFilter(today=TODAY))}
        assert set(ids) == set(EXTENSIONS)
        extended = {}
        for ref, (_, new_due, recorded_on, reason) in EXTENSIONS.items():
            extended[ref] = record_extension(store, ids[ref], new_due=new_due, reason=reason,
                                             recorded_on=recorded_on)
        yield store, folder, plan_id, ids, extended


def test_the_plan_and_its_judgement(plan):
    store, _, _, ids, extended = plan
    statuses = {r.ref_label: (r.deadline_text, r.due, r.status) for r in query_tasks(store, TaskFilter(today=TODAY))}
    assert statuses == {IN_TIME: ("2025年底前", D(2026, 6, 30), "正常推进"),  # judged against its new date
                        LATE: ("2025年9月底前", D(2025, 9, 30), "逾期")}     # still against its original date
    # what `extend` printed when each was recorded
    assert {ref: r.extension for ref, r in extended.items()} == SAID


def test_the_table_and_the_detail_pane(plan):
    store, _, _, ids, _ = plan
    cell = COLUMNS[COL_DUE].value
    assert {r.ref_label: cell(r) for r in query_tasks(store, TaskFilter(today=TODAY))} == SAID
    assert {ref: cell(task_row(store, task_id, today=TODAY)) for ref, task_id in ids.items()} == SAID  # repainted
    assert {ref: task_detail(store, task_id, today=TODAY).extension for ref, task_id in ids.items()} == SAID


def _cli(*argv):
    out = io.StringIO()
    with contextlib.redirect_stdout(out):
        assert main([str(a) for a in argv]) == 0
    return out.getvalue()


def test_due_as_text_and_json(plan):
    store, folder, _, ids, _ = plan
    assert {(i.ref, i.extension) for i in due_assignments(store, today=TODAY)} == set(SAID.items())
    db = folder / "duban.sqlite3"
    lines = [line.split("\t") for line in _cli("due", "--db", db, "--today", TODAY.isoformat()).splitlines()]
    assert {(cells[6], cells[3]) for cells in lines} == set(SAID.items())  # (编号, 完成时限)
    items = json.loads(_cli("due", "--db", db, "--today", TODAY.isoformat(), "--json"))
    assert {(i["ref"], i["extension"], i["extended_to"]) for i in items} == {
        (ref, SAID[ref], new_due.isoformat()) for ref, (_, new_due, _, _) in EXTENSIONS.items()}


def test_the_ledger(plan, tmp_path):
    store, _, plan_id, _, _ = plan
    ws = openpyxl.load_workbook(export_ledger(store, plan_id, today=TODAY, out=tmp_path / "台账.xlsx")).active
    head = [c.value for c in ws[3]]
    rows = [dict(zip(head, r)) for r in ws.iter_rows(min_row=4, values_only=True)]
    assert len(rows) == 3  # 2 tasks: 2 units, 1 unit
    for row in rows:
        reason = EXTENSIONS[row["任务编号"]][3]
        assert row["延期情况"] == f"{SAID[row['任务编号']]}（{reason}）", row


def test_the_feedback_forms(plan, tmp_path):
    store, _, plan_id, _, _ = plan
    forms = fb.export_forms(store, plan_id=plan_id, today=TODAY, reply_by=D(2026, 1, 25), out_dir=tmp_path).forms
    [form] = [f for f in forms if f.unit == UNIT]
    ws = openpyxl.load_workbook(form.path).worksheets[0]
    _, cols = header(ws)
    assert {ref: ws.cell(row, cols[COL_DEADLINE]).value for ref, row in task_rows(ws).items()} == SAID


@pytest.mark.parametrize("style", ["form", "letter"])
def test_the_supervision_notice(plan, tmp_path, style):
    store, _, _, _, _ = plan
    [notice] = issue_notice(store, unit=UNIT, kind="督办", style=style, today=TODAY, out=tmp_path / "n.pdf").notices
    text = pdfcheck.text(notice.path.read_bytes())
    for said in IN_DOCUMENTS.values():  # the whole cell (form) or the whole clause (letter): nothing added, nothing cut
        assert (f"|{said}|" if style == "form" else f"完成时限：{said}；") in text, text


def test_the_reminder_and_the_bulletin_list_the_late_extension_as_overdue(plan, tmp_path):
    store, _, plan_id, _, _ = plan
    [reminder] = issue_notice(store, unit=UNIT, kind="催办", today=TODAY, out=tmp_path / "r.pdf").notices
    text = pdfcheck.text(reminder.path.read_bytes())
    late_by = (TODAY - D(2025, 9, 30)).days
    assert reminder.task_count == 1 and f"|{IN_DOCUMENTS[LATE]}|" in text and f"|逾期{late_by}天|" in text
    bulletin = issue_bulletin(store, plan_id=plan_id, today=TODAY, out=tmp_path / "b.pdf").notices[0]
    assert f"完成时限：{IN_DOCUMENTS[LATE]}，已逾期{late_by}天" in pdfcheck.text(bulletin.path.read_bytes())
