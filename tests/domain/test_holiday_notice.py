"""The State Council's 放假安排 read from its pasted text: the real 2025 and 2026 notices give exactly the days
off and make-up working days the installed calendar (chinese-calendar, built from the same notices) knows."""
from datetime import date, timedelta
from pathlib import Path

import chinese_calendar
import pytest

from app.domain.holiday_notice import notice_year, parse_holiday_notice
from app.domain.workdays import calendar_days
from app.errors import UserError

NOTICES = Path(__file__).resolve().parents[1] / "fixtures" / "holidays"


@pytest.mark.parametrize("year", [2025, 2026])
def test_real_notice_gives_the_calendars_days(year):
    text = (NOTICES / f"{year}.txt").read_text(encoding="utf-8")
    notice = parse_holiday_notice(text)
    assert notice.year == year == notice_year(text)
    parsed = {(e.day, e.is_workday) for e in notice.entries()}
    known = {(e.day, e.is_workday) for e in calendar_days(year)}
    assert parsed == known
    names = {e.day: e.name for e in notice.entries()}
    assert names[date(year, 10, 1)].startswith("国庆节")
    assert all(chinese_calendar.is_workday(d) == w for d, w in parsed)


@pytest.mark.parametrize("year", [2024, 2025, 2026])
def test_real_notice_moves_the_same_days_as_the_calendar(year):
    """Half-width punctuation (2024, as web pages print it), "与周末连休" and advice about 除夕: the days whose
    status differs from an ordinary week (weekday off, weekend worked) are exactly the calendar's."""
    notice = parse_holiday_notice((NOTICES / f"{year}.txt").read_text(encoding="utf-8"))
    moved = {e.day: e.is_workday for e in notice.entries() if e.is_workday != (e.day.weekday() < 5)}
    days = [date(year, 1, 1) + timedelta(days=k) for k in range(366) if (date(year, 1, 1) + timedelta(days=k)).year == year]
    assert moved == {d: chinese_calendar.is_workday(d) for d in days
                     if chinese_calendar.is_workday(d) != (d.weekday() < 5)}
    assert all(d.year == year for d in moved)


def test_2026_items():
    notice = parse_holiday_notice((NOTICES / "2026.txt").read_text(encoding="utf-8"), 2026)
    spring = next(i for i in notice.items if i.name == "春节")
    assert spring.rest_days[0] == date(2026, 2, 15) and spring.rest_days[-1] == date(2026, 2, 23)
    assert spring.work_days == (date(2026, 2, 14), date(2026, 2, 28))
    assert [i.name for i in notice.items] == ["元旦", "春节", "清明节", "劳动节", "端午节", "中秋节", "国庆节"]


def test_half_width_punctuation_and_a_range_across_months():
    text = ("一、元旦:1月1日(周三)放假1天,不调休。\n"
            "五、端午节:5月31日(周六)至6月2日(周一)放假,共3天。\n")
    notice = parse_holiday_notice(text, 2025)
    assert [e.day for e in notice.entries()] == [date(2025, 1, 1), date(2025, 5, 31), date(2025, 6, 1),
                                                 date(2025, 6, 2)]


def test_explicit_years_in_a_notice_spanning_new_year():
    text = "一、元旦：2018年12月30日至2019年1月1日放假调休，共3天。2018年12月29日（星期六）上班。"
    notice = parse_holiday_notice(text, 2019)
    assert [(e.day, e.is_workday) for e in notice.entries()] == [
        (date(2018, 12, 29), True), (date(2018, 12, 30), False), (date(2018, 12, 31), False), (date(2019, 1, 1), False)]


@pytest.mark.parametrize("text,year,words", [
    ("一、元旦：1月1日（周四）至3日（周六）放假调休，共3天。", 2027, "周五"),   # wrong year: weekdays disagree
    ("一、元旦：1月1日至3日放假调休，共4天。", 2026, "共4天"),              # total disagrees with the range
    ("一、元旦：2月30日放假1天。", 2026, "不存在"),
    ("随便一段文字，没有放假安排。", 2026, "没有找到放假安排"),
    ("一、元旦：1月1日放假。二、春节：1月1日放假。", 2026, "两次"),
    ("一、元旦：1月1日放假1天。", None, "年份"),
])
def test_bad_text_is_refused_in_chinese(text, year, words):
    with pytest.raises(UserError, match=words):
        parse_holiday_notice(text, year)
