"""Only the tasks concerned, said right (issue 11 items 4 and 5) and batches by plan, scope and group (issue 10
item 4): every rule checked on the PDF read back."""
from datetime import date, timedelta

import pytest

from app.domain.matrix import Deadline, Matrix, PlanInfo, Task
from app.errors import UserError
from app.notices.content import book_title, nest_book_titles
from app.ops import notices as notice_ops
from app.ops.notice_scope import GROUPS_ADDRESS, GROUPS_EXPAND, SCOPE_DUE, SCOPE_OPEN, SCOPE_OVERDUE, BatchScope
from app.ops.notices import (
    RepeatNotice, earlier_notice, issue_batch, issue_bulletin, issue_notice, list_register, plan_batch, void_notice,
)
from app.ops.plans import import_plan
from app.ops.progress import add_progress, record_extension
from app.ops.session import open_store
from app.ops.units import declare_group_member, resolve_unit

from tests.notices import pdfcheck

D = date
TODAY = D(2026, 11, 23)
PLAN_TITLE = "某县贯彻落实《优化营商环境条例》实施方案"
GROUP = "各乡镇人民政府"


@pytest.fixture
def store(tmp_path):
    def task(ref, title, lead, resp=(), deadline=None):
        return Task(("一", str(ref)), title, list(lead), list(resp), deadline)

    matrix = Matrix(source="p.json", plan=PlanInfo(title=PLAN_TITLE, issuer="某某县人民政府", issued=D(2026, 1, 5)),
                    tasks=[task(1, "建立涉企收费台账", ["县财政局"], ["县市场监管局"],
                                Deadline("2026年9月底前", D(2026, 9, 30))),
                           task(2, "开展营商环境专项检查", ["县市场监管局"], [], Deadline("2026年11月底前", D(2026, 11, 30))),
                           task(3, "完善信用修复机制", ["县发展改革局"], ["县市场监管局"],
                                Deadline("2027年6月底前", D(2027, 6, 30))),
                           task(4, "持续优化审批流程", ["县市场监管局"], [], Deadline("长期坚持", None, ongoing=True)),
                           task(5, "研究制定配套政策", ["县市场监管局"]),
                           task(6, "推进乡镇便民服务", [GROUP], [], Deadline("2026年10月底前", D(2026, 10, 31))),
                           task(7, "整治涉企乱收费", ["县财政局"], [], Deadline("2026年6月底前", D(2026, 6, 30)))])
    with open_store(tmp_path / "duban.sqlite3", backup=False) as s:
        import_plan(s, matrix, today=D(2026, 1, 5))
        record_extension(s, _task_id(s, "整治涉企乱收费"), new_due=D(2026, 12, 10), reason="资金未到位",
                         recorded_on=D(2026, 6, 1))
        yield s


def _task_id(store, title):
    return next(store.db.query("SELECT id FROM tasks WHERE title = ?", [title]))["id"]


def _text(notice):
    return pdfcheck.text(notice.path.read_bytes())


# -- which tasks -----------------------------------------------------------------------------------------


def test_a_supervision_lists_open_work_with_a_deadline_and_ongoing_work_only_when_asked(store, tmp_path):
    [notice] = issue_notice(store, unit="县市场监管局", kind="督办", today=TODAY, out=tmp_path / "a.pdf").notices
    text = _text(notice)
    assert notice.task_count == 3
    for title in ("建立涉企收费台账", "开展营商环境专项检查", "完善信用修复机制"):
        assert title in text
    assert "持续优化审批流程" not in text and "研究制定配套政策" not in text  # 持续推进, 未定时限
    [wider] = issue_notice(store, unit="县市场监管局", kind="督办", today=TODAY, out=tmp_path / "b.pdf",
                           include_ongoing=True).notices
    assert wider.task_count == 4 and "持续优化审批流程" in _text(wider) and "研究制定配套政策" not in _text(wider)
    chosen = [_task_id(store, "持续优化审批流程")]
    [one] = issue_notice(store, unit="县市场监管局", kind="督办", today=TODAY, out=tmp_path / "c.pdf",
                         task_ids=chosen).notices
    assert one.task_count == 1 and "持续优化审批流程" in _text(one)
    done = _task_id(store, "开展营商环境专项检查")
    add_progress(store, done, on_date=D(2026, 11, 20), status_change="已完成")
    [after] = issue_notice(store, unit="县市场监管局", kind="督办", today=TODAY, out=tmp_path / "d.pdf").notices
    assert after.task_count == 2 and "开展营商环境专项检查" not in _text(after)


def test_a_reminder_lists_only_late_and_soon_work_with_lateness_at_its_date(store, tmp_path):
    [notice] = issue_notice(store, unit="县财政局", kind="催办", today=TODAY, out=tmp_path / "a.pdf").notices
    text = _text(notice)
    assert notice.task_count == 2
    assert f"|逾期{(TODAY - D(2026, 9, 30)).days}天|" in text  # 54
    # extended: judged against the new date, which it shows with the original
    assert f"|{(D(2026, 12, 10) - TODAY).days}天后到期|" in text and "原定2026年6月底前，已延期至2026年12月10日" in text
    later = D(2026, 12, 10)
    [due_today] = issue_notice(store, unit="县财政局", kind="催办", today=later, out=tmp_path / "b.pdf").notices
    text = _text(due_today)
    assert "|今日到期|" in text and f"|逾期{(later - D(2026, 9, 30)).days}天|" in text
    with pytest.raises(UserError, match="县发展改革局"):  # its only task is due in 2027
        issue_notice(store, unit="县发展改革局", kind="催办", today=TODAY, out=tmp_path / "c.pdf")


def test_units_by_the_directory_name_and_the_recipient_never_its_own_lead(store, tmp_path):
    for style in ("form", "letter"):
        [notice] = issue_notice(store, unit="县市场监管局", kind="督办", style=style, today=TODAY,
                                out=tmp_path / f"{style}.pdf").notices
        text = _text(notice)
        assert "某某县财政局" in text and "某某县发展改革局" in text  # the directory's full names
        assert "|县财政局|" not in text and "：县财政局" not in text
        if style == "letter":  # one line per task; the recipient named once, as the addressee
            assert text.count("某某县市场监管局") == 1
            assert "1.一1建立涉企收费台账（本单位责任，牵头单位：某某县财政局；完成时限：2026年9月底前；状态：逾期）" in text
            assert "2.一2开展营商环境专项检查（本单位牵头；完成时限：2026年11月底前；状态：临期）" in text
            assert "任务编号" not in text and "本单位角色" not in text
        else:
            assert "|一2|开展营商环境专项检查|牵头|本单位|" in text


def test_nested_book_title_marks_follow_the_standard(store, tmp_path):
    assert nest_book_titles("《甲《乙《丙》乙》甲》") == "《甲〈乙《丙》乙〉甲》"
    assert nest_book_titles("各地〈州、市〉") == "各地〈州、市〉"  # a bracket, not a title
    assert nest_book_titles("《未闭合《乙》") == "《未闭合《乙》"  # unpaired: left as it is
    assert book_title(PLAN_TITLE) == "《某县贯彻落实〈优化营商环境条例〉实施方案》"
    [notice] = issue_notice(store, unit="县财政局", kind="督办", today=TODAY, out=tmp_path / "a.pdf").notices
    [bulletin] = issue_bulletin(store, plan_id=1, today=TODAY, out=tmp_path / "b.pdf").notices
    for text in (_text(notice), _text(bulletin)):
        assert "《某县贯彻落实〈优化营商环境条例〉实施方案》" in text and "《某县贯彻落实《" not in text


# -- a repeat 催办 ----------------------------------------------------------------------------------------


def test_a_repeat_reminder_on_the_same_day_needs_again(store, tmp_path):
    assert earlier_notice(store, unit="县财政局", kind="催办", today=TODAY) is None
    [first] = issue_notice(store, unit="县财政局", kind="催办", today=TODAY, out=tmp_path / "a.pdf").notices
    assert earlier_notice(store, unit="县财政局", kind="催办", today=TODAY) == first.number
    with pytest.raises(RepeatNotice) as refused:
        issue_notice(store, unit="县财政局", kind="催办", today=TODAY, out=tmp_path / "b.pdf")
    assert refused.value.earlier == first.number and first.number in refused.value.message
    assert not (tmp_path / "b.pdf").exists() and len(list_register(store)) == 1
    [second] = issue_notice(store, unit="县财政局", kind="催办", today=TODAY, out=tmp_path / "b.pdf",
                            again=True).notices
    assert second.number != first.number
    assert earlier_notice(store, unit="县财政局", kind="催办", today=TODAY + timedelta(days=1)) is None
    for n in (first, second):
        void_notice(store, n.number, "重发")
    assert earlier_notice(store, unit="县财政局", kind="催办", today=TODAY) is None  # voided ones do not count
    # other tasks: not a repeat
    issue_notice(store, unit="县市场监管局", kind="催办", today=TODAY, out=tmp_path / "c.pdf")
    batch = BatchScope(scope=SCOPE_DUE, within=10, kind="催办")
    planned = {r.name: r for r in plan_batch(store, batch, today=TODAY)}
    assert planned["某某县市场监管局"].earlier == "催办〔2026〕3号" and planned["某某县财政局"].earlier is None
    with pytest.raises(RepeatNotice, match="某某县市场监管局（催办〔2026〕3号）") as batch_refused:
        issue_batch(store, batch, today=TODAY, out_dir=tmp_path / "batch")
    assert batch_refused.value.earlier == "催办〔2026〕3号"  # the same refusal as one notice's, for the window to ask
    assert not (tmp_path / "batch").exists() or not list((tmp_path / "batch").iterdir())
    assert len(issue_batch(store, batch, today=TODAY, out_dir=tmp_path / "batch", again=True).notices) == 3


# -- batches ---------------------------------------------------------------------------------------------


def test_plan_batch_lists_recipients_with_counts_and_groups_addressed_or_expanded(store, tmp_path):
    addressed = plan_batch(store, BatchScope(scope=SCOPE_OPEN, plan_id=1, kind="督办"), today=TODAY)
    counts = {r.name: (r.task_count, r.is_group) for r in addressed}
    assert counts == {"某某县财政局": (2, False), "某某县市场监管局": (3, False), "某某县发展改革局": (1, False),
                      GROUP: (1, True)}
    assert {r.name for r in plan_batch(store, BatchScope(scope=SCOPE_OVERDUE, plan_id=1, kind="督办"), today=TODAY)} \
        == {"某某县财政局", "某某县市场监管局", GROUP}
    ongoing = plan_batch(store, BatchScope(scope=SCOPE_OPEN, plan_id=1, kind="督办", include_ongoing=True), today=TODAY)
    assert {r.name: r.task_count for r in ongoing}["某某县市场监管局"] == 4
    # expand: the group's task goes to each member the directory knows (here one, with its own tasks)
    expand = BatchScope(scope=SCOPE_OPEN, plan_id=1, kind="督办", groups=GROUPS_EXPAND)
    unknown = {r.name: r for r in plan_batch(store, expand, today=TODAY)}
    assert unknown[GROUP].unexpanded and unknown[GROUP].task_count == 1
    declare_group_member(store, GROUP, "县财政局")
    expanded = {r.name: r for r in plan_batch(store, expand, today=TODAY)}
    assert GROUP not in expanded
    assert expanded["某某县财政局"].task_count == 3 and expanded["某某县财政局"].via_groups == (GROUP,)
    assert {r.name: r.members for r in plan_batch(store, BatchScope(scope=SCOPE_OPEN, plan_id=1, kind="督办"),
                                                  today=TODAY) if r.is_group} == {GROUP: ("某某县财政局",)}
    result = issue_batch(store, expand, today=TODAY, out_dir=tmp_path / "out", workers=1)
    notice = next(n for n in result.notices if n.unit == "某某县财政局")
    assert notice.task_count == 3 and "推进乡镇便民服务" in _text(notice)
    preview = pdfcheck.text(notice_ops.preview_batch(store, expand, today=TODAY,
                                                     unit_id=resolve_unit(store, "县财政局")))
    assert "督办〔2026〕号" in preview and "推进乡镇便民服务" in preview  # the number left blank
    assert len(list_register(store)) == len(result.notices)  # a preview takes no number
    only = resolve_unit(store, "县发展改革局")
    assert [r.name for r in plan_batch(store, BatchScope(scope=SCOPE_OPEN, kind="督办", unit_ids=(only,)),
                                       today=TODAY)] == ["某某县发展改革局"]
    with pytest.raises(UserError, match="方案"):
        plan_batch(store, BatchScope(plan_id=99), today=TODAY)


def test_a_batch_addresses_a_group_by_its_name_and_names_each_file_by_its_unit(store, tmp_path):
    result = issue_batch(store, BatchScope(scope=SCOPE_OPEN, plan_id=1, kind="督办", groups=GROUPS_ADDRESS),
                         today=TODAY, out_dir=tmp_path / "out", workers=1)
    assert sorted(n.unit for n in result.notices) == sorted([GROUP, "某某县发展改革局", "某某县市场监管局", "某某县财政局"])
    for notice in result.notices:
        assert notice.path.name.startswith(notice.unit + "_") and notice.number in notice.path.name
    group = next(n for n in result.notices if n.unit == GROUP)
    text = _text(group)
    assert f"|被督办单位|{GROUP}|" in text and "推进乡镇便民服务" in text and "建立涉企收费台账" not in text
    register = {e.number: e for e in list_register(store)}
    assert {e.unit for e in register.values()} == {n.unit for n in result.notices}
    assert sum(e.task_count for e in register.values()) == sum(n.task_count for n in result.notices) == 7


def test_a_batch_reports_progress_and_stops_when_cancelled_keeping_whole_notices(store, tmp_path, monkeypatch):
    monkeypatch.setattr(notice_ops, "_CHUNK", 1)
    seen = []
    result = issue_batch(store, BatchScope(scope=SCOPE_OPEN, plan_id=1, kind="督办"), today=TODAY,
                         out_dir=tmp_path / "out", workers=1, progress=lambda done, total: seen.append((done, total)),
                         cancelled=lambda: len(seen) >= 2)
    assert result.cancelled and seen == [(1, 4), (2, 4)] and len(result.notices) == 2
    files = sorted(p.name for p in (tmp_path / "out").iterdir())
    assert files == sorted([n.path.name for n in result.notices] + [result.merged.name])
    assert len(pdfcheck.page_sizes(result.merged.read_bytes())) == sum(
        len(pdfcheck.page_sizes(n.path.read_bytes())) for n in result.notices)
    assert [e.number for e in list_register(store)][::-1] == [n.number for n in result.notices]

    calls = []
    real = notice_ops.render_all

    def failing(documents, **kw):  # the third notice cannot be drawn
        calls.append(len(documents))
        if len(calls) == 3:
            raise OSError("磁盘已满")
        return real(documents, **kw)

    monkeypatch.setattr(notice_ops, "render_all", failing)
    with pytest.raises(OSError):
        issue_batch(store, BatchScope(scope=SCOPE_OPEN, plan_id=1, kind="督办"), today=TODAY,
                    out_dir=tmp_path / "out2", workers=1, progress=lambda done, total: None)
    written = sorted(p.name for p in (tmp_path / "out2").iterdir())
    registered = [e for e in list_register(store) if e.file_path and "out2" in e.file_path]
    assert len(written) == len(registered) == 2  # the first two whole, nothing of the third: no number used
    assert sorted(e.file_path.rsplit("/", 1)[1] for e in registered) == written
    again = issue_batch(store, BatchScope(scope=SCOPE_OVERDUE, plan_id=1, kind="督办"), today=TODAY,
                        out_dir=tmp_path / "out3", workers=1, again=True)
    assert again.notices[0].number == "督办〔2026〕5号"  # numbering continues after the two kept


# -- bulletins -------------------------------------------------------------------------------------------


def test_a_bulletin_counts_every_task_and_gives_the_trend_since_the_last_one(store, tmp_path):
    first_day = D(2026, 10, 31)
    [first] = issue_bulletin(store, plan_id=1, today=first_day, out=tmp_path / "a.pdf").notices
    assert first.task_count == 7 and "较上期" not in _text(first)
    add_progress(store, _task_id(store, "建立涉企收费台账"), on_date=D(2026, 11, 10), status_change="已完成")
    [second] = issue_bulletin(store, plan_id=1, today=TODAY, out=tmp_path / "b.pdf").notices
    text = _text(second)
    # at 10-31: 一1 late; at 11-23: 一1 done, 一6 late (due 10-31) → 逾期 unchanged, 已完成 +1
    assert f"较上期（{first.number}，2026-10-31）逾期持平，已完成增加1项。" in text
    assert "灰灯（已完成）1项" in text and "红灯（逾期）1项" in text
    assert [e.task_count for e in list_register(store)] == [7, 7]
    void_notice(store, second.number, "数据有误")
    [third] = issue_bulletin(store, plan_id=1, today=TODAY, out=tmp_path / "c.pdf").notices
    assert f"较上期（{first.number}，2026-10-31）" in _text(third)  # a voided bulletin is no 上期
