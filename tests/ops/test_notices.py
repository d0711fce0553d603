"""Issuing notices through the store: numbers per kind and year never reused, voiding, the register, re-creation."""
import json
from datetime import date

import pytest

from app.domain.matrix import Deadline, Matrix, PlanInfo, Task
from app.errors import UserError
from app.ops import holidays as holiday_ops
from app.ops.notices import (
    issue_batch, issue_bulletin, issue_notice, list_register, recreate_notice, void_notice,
)
from app.ops.plans import import_plan
from app.ops.progress import add_progress
from app.ops.session import open_store
from app.ops.settings import set_setting
from app.ops.tasks import task_detail

from tests.notices import pdfcheck  # run from the repository root (python3 -m pytest)

D = date
TODAY = D(2026, 11, 23)  # a Monday


@pytest.fixture
def store(tmp_path):
    matrix = Matrix(source="p.json", plan=PlanInfo(title="某县优化营商环境工作方案", issuer="某某县人民政府",
                                                   doc_number="某政发〔2026〕3号", issued=D(2026, 1, 5)),
                    tasks=[Task(("一", "1"), "建立涉企收费台账", ["县财政局"], ["县市场监管局"],
                                Deadline("2026年9月底前", D(2026, 9, 30))),
                           Task(("一", "2"), "开展政务服务<专项>检查&整改", ["县市场监管局"], [],
                                Deadline("2026年11月底前", D(2026, 11, 30))),
                           Task(("二", "1"), "完善信用修复机制", ["县发展改革局"], ["县市场监管局"],
                                Deadline("2027年6月底前", D(2027, 6, 30))),
                           Task(("二", "2"), "编制年度报告", ["县财政局"], [], Deadline("2026年3月底前", D(2026, 3, 31)))])
    with open_store(tmp_path / "duban.sqlite3", backup=False) as s:
        import_plan(s, matrix, today=D(2026, 1, 5))
        set_setting(s, "office_name", "某县人民政府督查室")
        set_setting(s, "notice_prefix", "县")
        yield s


def _task_id(store, title):
    return next(store.db.query("SELECT id FROM tasks WHERE title = ?", [title]))["id"]


def test_supervision_notice_is_numbered_recorded_and_written(store, tmp_path):
    result = issue_notice(store, unit="县市场监管局", kind="督办", today=TODAY, out=tmp_path / "a.pdf")
    [notice] = result.notices
    assert notice.number == "县督办〔2026〕1号" and notice.task_count == 3
    assert notice.reply_by == D(2026, 11, 30)  # five working days, issue day not counted
    text = pdfcheck.text(notice.path.read_bytes())
    for title in ("建立涉企收费台账", "开展政务服务<专项>检查&整改", "完善信用修复机制", "县市场监管局", "2026年9月底前"):
        assert title in text
    assert "《某县优化营商环境工作方案》（某政发〔2026〕3号）" in text
    detail = task_detail(store, _task_id(store, "完善信用修复机制"), today=TODAY)
    assert [n.number for n in detail.notices] == ["县督办〔2026〕1号"]


def test_reminder_lists_only_late_and_soon_work_and_counts_chasing(store, tmp_path):
    issue_notice(store, unit="县市场监管局", kind="督办", today=TODAY, out=tmp_path / "a.pdf")
    [notice] = issue_notice(store, unit="县市场监管局", kind="催办", today=TODAY, out=tmp_path / "b.pdf").notices
    assert notice.number == "县催办〔2026〕1号"  # its own sequence
    assert notice.task_count == 2  # the 2027 task is neither late nor soon due
    text = pdfcheck.text(notice.path.read_bytes())
    assert "红色督办" in text and "|逾期54天|" in text and "|7天后到期|" in text
    assert "|1次|" in text and "|县督办〔2026〕1号|" in text
    assert "完善信用修复机制" not in text


def test_numbers_are_never_reused_even_after_voiding(store, tmp_path):
    first = issue_notice(store, unit="县财政局", kind="督办", today=TODAY, out=tmp_path / "1.pdf").notices[0]
    void_notice(store, first.number, "单位名称有误")
    second = issue_notice(store, unit="县财政局", kind="督办", today=TODAY, out=tmp_path / "2.pdf").notices[0]
    assert (first.number, second.number) == ("县督办〔2026〕1号", "县督办〔2026〕2号")
    register = {e.number: e for e in list_register(store)}
    assert register[first.number].voided and register[first.number].voided_reason == "单位名称有误"
    assert not register[second.number].voided
    with pytest.raises(UserError, match="已于此前作废"):
        void_notice(store, first.number, "再次")
    next_year = issue_notice(store, unit="县财政局", kind="督办", today=D(2027, 1, 4), out=tmp_path / "3.pdf")
    assert next_year.notices[0].number == "县督办〔2027〕1号"


def test_a_failed_write_uses_no_number_and_leaves_nothing(store, tmp_path):
    blocker = tmp_path / "file"
    blocker.write_text("x")
    with pytest.raises(UserError, match="无法写入"):  # one line for the user, not a traceback
        issue_notice(store, unit="县财政局", kind="督办", today=TODAY, out=blocker / "sub" / "a.pdf")
    assert list_register(store) == []
    again = issue_notice(store, unit="县财政局", kind="督办", today=TODAY, out=tmp_path / "a.pdf")
    assert again.notices[0].number == "县督办〔2026〕1号"


def test_one_task_per_notice(store, tmp_path):
    result = issue_notice(store, unit="县市场监管局", kind="督办", today=TODAY, out=tmp_path / "n.pdf",
                          one_task_per_notice=True, reply_by=D(2026, 12, 4))
    assert [n.path.name for n in result.notices] == ["n_1.pdf", "n_2.pdf", "n_3.pdf"]
    assert [n.task_count for n in result.notices] == [1, 1, 1]
    assert all(n.reply_by == D(2026, 12, 4) for n in result.notices)


def test_batch_one_pdf_per_unit_and_a_merged_one(store, tmp_path):
    result = issue_batch(store, within=10, today=TODAY, out_dir=tmp_path / "batch")
    assert sorted(n.unit for n in result.notices) == ["某某县市场监管局", "某某县财政局"]  # canonical names
    assert all(n.path.is_file() for n in result.notices)
    pages = sum(len(pdfcheck.page_sizes(n.path.read_bytes())) for n in result.notices)
    assert len(pdfcheck.page_sizes(result.merged.read_bytes())) == pages
    assert len({n.number for n in result.notices}) == 2


def test_bulletin_counts_the_plan(store, tmp_path):
    add_progress(store, _task_id(store, "编制年度报告"), on_date=D(2026, 3, 20), status_change="已完成", percent=100)
    [notice] = issue_bulletin(store, plan_id=1, today=TODAY, out=tmp_path / "b.pdf").notices
    assert notice.number == "县通报〔2026〕1号" and notice.task_count == 4  # every task it counts
    assert [e.task_count for e in list_register(store)] == [4]
    text = pdfcheck.text(notice.path.read_bytes())
    assert "方案共分解任务4项。按状态统计，红灯（逾期）1项，黄灯（临期）1项，绿灯（正常推进）1项，灰灯（已完成）1项。" in text
    # ranked by overdue work (ties share a place, the lower completion first); one column per status
    assert "|排名|单位|承担任务|逾期|临期|正常推进|已完成|完成率|" in text
    assert ("|1|某某县市场监管局|3|1|1|1|0|0.0%|1|某某县财政局|2|1|0|0|1|50.0%|—|某某县发展改革局|1|0|0|1|0|0.0%|"
            in text)
    assert "（一）某某县市场监管局（1项）" in text and "（二）某某县财政局（1项）" in text
    assert "开展政务服务<专项>检查&整改" not in text.split("三、逾期未完成任务")[1]  # due in 7 days: not late
    assert "编制年度报告" not in text.split("三、逾期未完成任务")[1]  # late but done
    with pytest.raises(UserError, match="没有编号为 99 的方案"):
        issue_bulletin(store, plan_id=99, today=TODAY, out=tmp_path / "x.pdf")


def test_recreate_gives_the_same_pdf(store, tmp_path):
    notice = issue_notice(store, unit="县财政局", kind="催办", today=TODAY, out=tmp_path / "a.pdf").notices[0]
    again = recreate_notice(store, notice.number, tmp_path / "again.pdf")
    assert again.read_bytes() == notice.path.read_bytes()
    with pytest.raises(UserError):
        recreate_notice(store, "县督办〔2026〕99号")


def test_reply_by_uses_the_office_holiday_table(store, tmp_path):
    table = tmp_path / "2027.txt"
    table.write_text("2027-01-01\t休\t元旦\n", encoding="utf-8")
    assert holiday_ops.import_file(store, table) == 1
    result = issue_notice(store, unit="县财政局", kind="督办", today=D(2026, 12, 31), out=tmp_path / "a.pdf",
                          reply_workdays=1)
    assert result.notices[0].reply_by == D(2027, 1, 4) and result.warning is None


def test_unknown_unit_and_nothing_to_chase_are_user_errors(store, tmp_path):
    with pytest.raises(UserError):
        issue_notice(store, unit="县不存在局", kind="督办", today=TODAY, out=tmp_path / "a.pdf")
    with pytest.raises(UserError, match="县发展改革局"):
        issue_notice(store, unit="县发展改革局", kind="催办", today=TODAY, out=tmp_path / "a.pdf")
    with pytest.raises(UserError, match="通知种类"):
        issue_notice(store, unit="县财政局", kind="通报", today=TODAY, out=tmp_path / "a.pdf")
    assert json.dumps([e.to_json() for e in list_register(store)]) == "[]"
