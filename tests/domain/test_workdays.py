"""Reply-by dates in working days: 民法典 §201/§203, chinese-calendar's known years, the office's table after that."""
from datetime import date, timedelta

import chinese_calendar
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from app.domain.workdays import (
    OfficeHoliday,
    OfficeHolidays,
    add_days,
    add_workdays,
    day_status,
    reply_by,
    roll_to_workday,
)
from app.errors import UserError


def test_from_a_saturday_the_saturday_is_not_counted():
    saturday = date(2025, 3, 8)
    assert add_workdays(saturday, 1) == (date(2025, 3, 10), None)
    assert add_workdays(saturday, 5) == (date(2025, 3, 14), None)
    # The package's own helper is one working day late here: that is why we count ourselves.
    assert chinese_calendar.find_workday(5, saturday) == date(2025, 3, 17)


def test_from_a_working_day_matches_plain_counting():
    assert add_workdays(date(2025, 3, 10), 5) == (date(2025, 3, 17), None)


def test_from_inside_the_spring_festival_holiday():
    inside = date(2025, 1, 30)  # Thursday, a day off
    assert add_workdays(inside, 1)[0] == date(2025, 2, 5)
    assert add_workdays(inside, 3)[0] == date(2025, 2, 7)
    # Saturday 8 February 2025 was a make-up working day (调休), so it counts.
    assert add_workdays(inside, 4)[0] == date(2025, 2, 8)


def test_across_a_make_up_sunday():
    friday = date(2025, 1, 24)
    assert add_workdays(friday, 1)[0] == date(2025, 1, 26)  # Sunday worked in lieu
    assert add_workdays(friday, 2)[0] == date(2025, 1, 27)
    assert add_workdays(friday, 3)[0] == date(2025, 2, 5)  # 28 Jan – 4 Feb off


def test_zero_days_on_a_rest_day_runs_to_the_next_working_day():
    assert add_workdays(date(2025, 10, 1), 0)[0] == date(2025, 10, 9)
    assert add_workdays(date(2025, 10, 9), 0)[0] == date(2025, 10, 9)


def test_calendar_day_period_ending_on_a_holiday_runs_on():
    assert add_days(date(2025, 9, 25), 7) == (date(2025, 10, 9), None)
    assert add_days(date(2025, 9, 22), 7) == (date(2025, 9, 29), None)


def test_year_unknown_everywhere_falls_back_to_weekends_with_a_warning():
    end, warning = add_workdays(date(2026, 12, 31), 1)
    assert end == date(2027, 1, 1)  # a Friday, though surely New Year's Day
    assert warning and "2027年" in warning
    assert day_status(date(2027, 1, 1))[1] == "weekend"


def test_office_table_covers_later_years_without_warning():
    table = OfficeHolidays.parse("2027-01-01\t休\t元旦\n# comment\n\n2027-02-20\t班\t春节调休\n")
    assert add_workdays(date(2026, 12, 31), 1, table) == (date(2027, 1, 4), None)
    assert add_workdays(date(2027, 2, 19), 1, table) == (date(2027, 2, 20), None)  # a Saturday worked
    # Unlisted days of a year the table covers are ordinary days, without warning.
    assert add_workdays(date(2027, 3, 5), 1, table) == (date(2027, 3, 8), None)


def test_office_table_overrides_the_package_for_local_days():
    local = OfficeHolidays([OfficeHoliday(date(2025, 3, 10), False, "本地休假")])
    assert add_workdays(date(2025, 3, 8), 1, local)[0] == date(2025, 3, 11)


def test_roll_keeps_a_working_day():
    assert roll_to_workday(date(2025, 3, 12)) == (date(2025, 3, 12), None)


def test_table_round_trips_through_text():
    table = OfficeHolidays.parse("2027-10-01 休 国庆节\n2027-09-26\t班\n")
    again = OfficeHolidays.parse(table.to_text())
    assert again.entries() == table.entries()
    assert [e.day for e in again.entries()] == [date(2027, 9, 26), date(2027, 10, 1)]
    assert again.get(date(2027, 9, 26)).is_workday


@pytest.mark.parametrize("line", ["2027-01-01\t放\t元旦", "2027/01/01\t休\t元旦", "2027-13-01\t休", "仅一列"])
def test_bad_table_lines_are_user_errors(line):
    with pytest.raises(UserError, match="第1行"):
        OfficeHolidays.parse(line)


def test_reply_by_explicit_or_counted():
    issued = date(2025, 9, 30)
    assert reply_by(issued, explicit=date(2025, 10, 3)) == (date(2025, 10, 3), None)
    assert reply_by(issued, workdays=1)[0] == date(2025, 10, 9)
    with pytest.raises(UserError, match="早于发文日期"):
        reply_by(issued, explicit=date(2025, 9, 1))
    with pytest.raises(UserError):
        reply_by(issued)
    with pytest.raises(UserError):
        add_workdays(issued, -1)


@settings(max_examples=150, deadline=None)
@given(st.dates(date(2004, 1, 1), date(2026, 6, 30)), st.integers(1, 40))
def test_exactly_n_working_days_after_the_start(start, n):
    end, warning = add_workdays(start, n)
    assert warning is None
    assert chinese_calendar.is_workday(end)
    counted = chinese_calendar.get_workdays(start + timedelta(days=1), end)
    assert len(counted) == n
