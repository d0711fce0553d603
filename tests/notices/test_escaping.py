"""User text reaches reportlab's markup escaped: it prints literally and never breaks generation."""
import dataclasses

import pytest

from app.notices import layout
from app.notices.bulletin import bulletin_pdf
from app.notices.content import Bulletin, NoticeNumber, ReminderNotice, UnitProgress
from app.notices.reminder import reminder_pdf
from app.notices.supervision import supervision_pdf
from . import pdfcheck
from .samples import TODAY

NASTY_UNIT = '市<b>局</b>&amp;"某某"\'办\''
NASTY_TITLE = "落实a<b和c>d&e&nbsp;<font size=40>大字</font>要求"
LONG_TITLE = "推进计量测试工作要求" + "计量数字化转型与产业计量测试中心建设" * 555  # 10,000 characters


def test_escape_keeps_every_character():
    assert layout.esc('a<b>&"\'') == "a&lt;b&gt;&amp;&quot;&#39;"
    assert layout.esc("一\n二\x00") == "一<br/>二"


@pytest.mark.parametrize("style", ["form", "letter"])
def test_markup_in_unit_and_task_prints_literally(supervision, fonts, style):
    task = dataclasses.replace(supervision.tasks[0], title=NASTY_TITLE, leads=(NASTY_UNIT,))
    notice = dataclasses.replace(supervision, unit=NASTY_UNIT, tasks=(task,), style=style)
    text = pdfcheck.text(supervision_pdf(notice, fonts))
    assert NASTY_UNIT in text
    assert NASTY_TITLE.replace(" ", "") in text


def test_ten_thousand_character_title_prints_whole_inside_the_block(supervision, fonts):
    assert len(LONG_TITLE) == 10_000
    task = dataclasses.replace(supervision.tasks[0], title=LONG_TITLE)
    for style in ("form", "letter"):
        data = supervision_pdf(dataclasses.replace(supervision, tasks=(task,), style=style), fonts)
        pages = len(pdfcheck.page_sizes(data))
        assert pages > 3
        allowed = (supervision.office.issuer_mark,)
        assert pdfcheck.outside_block(data, allowed) == []
        # A repeat cut by a page break reads with the page number inside it: allow one a page.
        assert pdfcheck.text(data).count("产业计量测试中心") >= 555 - pages


def test_reminder_and_bulletin_escape_too(supervision, fonts):
    task = dataclasses.replace(supervision.tasks[0], title=NASTY_TITLE, days_late=3)
    reminder = ReminderNotice(NoticeNumber("催<&>", 2026, 1), NASTY_UNIT, (task,), TODAY, TODAY, supervision.office)
    assert NASTY_UNIT in pdfcheck.text(reminder_pdf(reminder, fonts))
    bulletin = Bulletin(NoticeNumber("通", 2026, 1), NASTY_TITLE, "<x>", TODAY, TODAY, (("逾期", 1),), (("红灯", 1),),
                        (UnitProgress(NASTY_UNIT, 1, 0, 1),), ((NASTY_UNIT, (task,)),), supervision.office)
    text = pdfcheck.text(bulletin_pdf(bulletin, fonts))
    assert NASTY_UNIT in text and NASTY_TITLE.replace(" ", "") in text
