"""催办通知 (escalation by lateness) and 情况通报 (counts, units, overdue list), read back from the PDF."""
import dataclasses
from datetime import date

import pytest

from app.notices.bulletin import bulletin_pdf
from app.notices.content import (
    BLUE, RED, YELLOW, Bulletin, NoticeNumber, OfficeSettings, ReminderNotice, UnitProgress, escalation_for,
)
from app.notices.reminder import reminder_pdf
from . import pdfcheck
from .samples import OFFICE, TODAY


def _with_lateness(tasks, days):
    return tuple(dataclasses.replace(t, days_late=d, times_chased=i, previous_number=f"市督办〔2026〕{i + 3}号")
                 for i, (t, d) in enumerate(zip(tasks, days)))


@pytest.mark.parametrize("days,level", [((-3,), BLUE), ((0, 14), BLUE), ((15,), YELLOW), ((29, 2), YELLOW),
                                        ((30,), RED), ((-5, 400), RED)])
def test_escalation_follows_the_latest_task(sample, days, level):
    assert escalation_for(_with_lateness(sample[2], days), OFFICE) == level


def test_escalation_thresholds_are_the_offices(sample):
    strict = dataclasses.replace(OFFICE, yellow_from_days=3, red_from_days=7)
    assert escalation_for(_with_lateness(sample[2], (5,)), strict) == YELLOW


def test_reminder_lists_lateness_chasing_and_previous_number(sample, fonts):
    _, unit, tasks = sample
    late = _with_lateness(tasks, (42, 3, -6))
    notice = ReminderNotice(NoticeNumber("市催办", 2026, 7), unit, late, TODAY, date(2026, 11, 26), OFFICE)
    data = reminder_pdf(notice, fonts)
    assert pdfcheck.outside_block(data) == []
    text = pdfcheck.text(data)
    assert "红色督办" in text and "市催办〔2026〕7号" in text and unit in text
    for task in late:
        assert task.title in text and task.deadline_text in text
    assert "|逾期42天|" in text and "|6天后到期|" in text
    assert "|2次|" in text and "|市督办〔2026〕4号|" in text
    assert "已逾期2项（最长逾期42天），即将到期1项" in text
    assert "抄送：市政府办公室，市委督查室。" in text and "2026年11月23日印发" in text
    assert all(pdfcheck.fonts(data).values())


def test_bulletin_counts_units_and_overdue(sample, fonts):
    matrix, unit, tasks = sample
    overdue = _with_lateness(tasks[:2], (20, 50))
    bulletin = Bulletin(
        number=NoticeNumber("市督通", 2026, 3), plan_title=matrix.plan.title, plan_doc_number="呼政发〔2023〕5号",
        as_of=TODAY, issued_on=TODAY,
        status_counts=(("逾期", 2), ("临期", 3), ("正常推进", 6), ("已完成", 5)),
        progress_counts=(("未启动", 4), ("推进中", 7), ("已完成", 5)),
        units=(UnitProgress(unit, 12, 4, 2, (("逾期", 2), ("正常推进", 6), ("已完成", 4))),
               UnitProgress("市科技局", 4, 1, 0, (("正常推进", 3), ("已完成", 1)))),
        overdue=((unit, overdue),), office=dataclasses.replace(OFFICE, red_header=True),
    )
    data = bulletin_pdf(bulletin, fonts)
    assert pdfcheck.outside_block(data) == []
    text = pdfcheck.text(data)
    assert matrix.plan.title in text and "市督通〔2026〕3号" in text
    assert ("方案共分解任务16项。按状态统计，红灯（逾期）2项，黄灯（临期）3项，绿灯（正常推进）6项，"
            "灰灯（已完成）5项。各单位报送的进展：未启动4项，推进中7项，已完成5项。") in text
    assert "|排名|单位|承担任务|逾期|正常推进|已完成|完成率|" in text
    assert f"|1|{unit}|12|2|6|4|33.3%|" in text
    assert "|—|市科技局|4|0|3|1|25.0%|" in text
    assert "较上期" not in text  # no previous bulletin
    assert f"（一）{unit}（2项）" in text
    for task in overdue:
        assert task.title in text and f"已逾期{task.days_late}天" in text


def test_bulletin_without_overdue_work_says_so(fonts):
    bulletin = Bulletin(NoticeNumber("市督通", 2026, 4), "某方案", None, TODAY, TODAY, (("已完成", 1),), (("已完成", 1),),
                        (UnitProgress("某局", 1, 1, 0),), (), OfficeSettings())
    assert "无逾期未完成任务" in pdfcheck.text(bulletin_pdf(bulletin, fonts))
