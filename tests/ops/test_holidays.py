"""The working calendar through the store: a year's days (the office's table over the installed calendar),
changes that return what they replaced (so undo restores the table exactly), pasted notices, coverage."""
from datetime import date
from pathlib import Path

import pytest

from app.__main__ import main
from app.domain.workdays import OfficeHoliday
from app.errors import UserError
from app.ops import holidays as holiday_ops
from app.ops.notices import office_holidays
from app.ops.session import open_store

NOTICES = Path(__file__).resolve().parents[1] / "fixtures" / "holidays"


@pytest.fixture
def store(tmp_path):
    with open_store(tmp_path / "h.sqlite3") as s:
        yield s


def test_coverage_follows_the_calendar_and_the_table(store):
    assert holiday_ops.holiday_data_covers(store, 2026)
    assert not holiday_ops.holiday_data_covers(store, 2027)
    holiday_ops.set_days(store, {date(2027, 2, 6): OfficeHoliday(date(2027, 2, 6), True, "春节")})
    assert not holiday_ops.holiday_data_covers(store, 2027)  # a make-up working day alone says nothing of days off
    assert holiday_ops.reply_by_warning(store, date(2027, 1, 8)) is not None
    holiday_ops.set_days(store, {date(2027, 1, 1): OfficeHoliday(date(2027, 1, 1), False, "元旦")})
    assert holiday_ops.holiday_data_covers(store, 2027)
    assert holiday_ops.reply_by_warning(store, date(2027, 1, 8)) is None


def test_set_days_returns_what_undo_needs(store, tmp_path):
    table = tmp_path / "table.txt"
    table.write_text("2026-05-06\t休\t本地节日\n", encoding="utf-8")
    assert holiday_ops.import_file(store, table) == 1
    before = office_holidays(store).entries()
    change = {date(2026, 5, 6): None, date(2026, 5, 7): OfficeHoliday(date(2026, 5, 7), False, "另一节日")}
    previous = holiday_ops.set_days(store, change)
    assert previous == {date(2026, 5, 6): before[0], date(2026, 5, 7): None}
    assert [e.day for e in office_holidays(store).entries()] == [date(2026, 5, 7)]
    holiday_ops.set_days(store, previous)
    assert office_holidays(store).entries() == before


def test_year_days_office_table_wins(store):
    days = {d.day: d for d in holiday_ops.year_days(store, 2026)}
    assert len(days) == 39 and days[date(2026, 2, 14)].is_workday and not days[date(2026, 2, 15)].is_workday
    assert days[date(2026, 2, 15)].source == holiday_ops.SOURCE_CALENDAR and not days[date(2026, 2, 15)].in_table
    holiday_ops.set_days(store, {date(2026, 2, 14): OfficeHoliday(date(2026, 2, 14), False, "本地调整")})
    local = {d.day: d for d in holiday_ops.year_days(store, 2026)}[date(2026, 2, 14)]
    assert (local.is_workday, local.name, local.in_table) == (False, "本地调整", True)
    assert holiday_ops.year_days(store, 2027) == []


def test_preview_tells_new_changed_and_same(store):
    notice = holiday_ops.read_notice((NOTICES / "2026.txt").read_text(encoding="utf-8"))
    holiday_ops.set_days(store, {date(2026, 1, 1): OfficeHoliday(date(2026, 1, 1), False, "元旦"),
                                 date(2026, 1, 4): OfficeHoliday(date(2026, 1, 4), False, "旧的")})
    changes = {c.entry.day: c for c in holiday_ops.preview(store, notice.entries())}
    assert changes[date(2026, 1, 1)].unchanged
    assert changes[date(2026, 1, 4)].before is not None and not changes[date(2026, 1, 4)].unchanged
    assert changes[date(2026, 1, 2)].before is None and len(changes) == 39


def test_holidays_command_paste_and_list(tmp_path, capsys):
    db = str(tmp_path / "c.sqlite3")
    with open_store(db):
        pass
    assert main(["holidays", "--db", db, "--paste", str(NOTICES / "2025.txt")]) == 0
    out = capsys.readouterr().out
    assert "已导入2025年放假安排：33 天" in out and "国庆节、中秋节\t放假8天\t上班2天" in out
    assert main(["holidays", "--db", db, "--list", "2025"]) == 0
    lines = capsys.readouterr().out.splitlines()
    assert "2025-01-26\t班\t春节\t本单位节假日表" in lines and len(lines) == 33

    wrong = tmp_path / "wrong.txt"
    wrong.write_text((NOTICES / "2026.txt").read_text(encoding="utf-8").replace("2026年", "2027年"), encoding="utf-8")
    assert main(["holidays", "--db", db, "--paste", str(wrong)]) == 2
    err = capsys.readouterr().err
    assert err.startswith("错误：") and err.count("\n") == 1 and "周五" in err
    assert main(["holidays", "--db", db, "--list", "2027"]) == 0
    assert capsys.readouterr().out == ""  # nothing written by the refused paste
    with pytest.raises(UserError):
        holiday_ops.read_table_file(tmp_path / "missing.txt")
