"""The working calendar (工作日历): the office's holiday table by year, beside the installed calendar's days,
edited day by day, from the State Council's pasted 放假安排 or from a tab-separated file.

Every change goes through `set_days`, which returns what it replaced, so a window can undo any of them with the
same call (app/ui/undo.py's ReplaceCommand); each is recorded in the audit log.
"""
from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Mapping

from app.domain.holiday_notice import HolidayNotice, notice_year, parse_holiday_notice
from app.domain.workdays import OfficeHoliday, OfficeHolidays, add_workdays, calendar_covers, calendar_days
from app.errors import UserError, os_error_text
from app.store import audit, holidays as holidays_sql
from app.store.connection import Store

SOURCE_OFFICE = "本单位节假日表"
SOURCE_CALENDAR = "内置日历"

DayChanges = Mapping[date, "OfficeHoliday | None"]  # a day's new entry, or None to remove it from the table


@dataclass(frozen=True)
class CalendarDay:
    """One day off or make-up working day of a year as the program counts it, and where that comes from."""

    day: date
    is_workday: bool
    name: str
    source: str           # SOURCE_OFFICE or SOURCE_CALENDAR
    in_table: bool        # listed in the office's own table (can be removed)


@dataclass(frozen=True)
class DayChange:
    """What applying an entry would do to the office's table: `before` None for a new day."""

    entry: OfficeHoliday
    before: OfficeHoliday | None

    @property
    def unchanged(self) -> bool:
        return self.before == self.entry


def _entry(row: holidays_sql.HolidayRow) -> OfficeHoliday:
    return OfficeHoliday(date.fromisoformat(row.day), row.is_workday, row.name)


def office_holidays(store: Store) -> OfficeHolidays:
    """The office's whole table, as the working-day counting reads it."""
    return OfficeHolidays(OfficeHoliday(date.fromisoformat(r["day"]), bool(r["is_workday"]), r["name"])
                          for r in holidays_sql.load(store.db))


def holiday_data_covers(store: Store, year: int) -> bool:
    """Whether days off of `year` are known (installed calendar or the office's table), so that working days
    there are not guessed from weekends alone."""
    return calendar_covers(year) or holidays_sql.has_rest_day_in(store.db, year)


def year_days(store: Store, year: int) -> list[CalendarDay]:
    """The year's days off and make-up working days: the office's table wins over the installed calendar."""
    table = {e.day: e for e in map(_entry, holidays_sql.of_year(store.db, year))}
    days = {e.day: CalendarDay(e.day, e.is_workday, e.name, SOURCE_CALENDAR, False) for e in calendar_days(year)}
    days.update({d: CalendarDay(d, e.is_workday, e.name, SOURCE_OFFICE, True) for d, e in table.items()})
    return [days[d] for d in sorted(days)]


def set_days(store: Store, changes: DayChanges) -> dict[date, OfficeHoliday | None]:
    """Put these entries into the table (None: remove the day); returns what they replaced, for undo."""
    keys = sorted(changes)
    with store.transaction() as db:
        before = {e.day: e for e in map(_entry, holidays_sql.of_days(db, [d.isoformat() for d in keys]))}
        removed = [d.isoformat() for d in keys if changes[d] is None]
        if removed:
            holidays_sql.delete(db, removed)
        holidays_sql.put_all(db, ({"day": e.day.isoformat(), "is_workday": int(e.is_workday), "name": e.name}
                                  for e in (changes[d] for d in keys) if e is not None))
        audit.record(db, "set_holidays", "holidays", None,
                     before={d.isoformat(): _text(before.get(d)) for d in keys},
                     after={d.isoformat(): _text(changes[d]) for d in keys})
    return {d: before.get(d) for d in keys}


def _text(entry: OfficeHoliday | None) -> str | None:
    return None if entry is None else f"{'班' if entry.is_workday else '休'} {entry.name}"


def preview(store: Store, entries: list[OfficeHoliday]) -> list[DayChange]:
    """What putting these entries into the table would change, day by day."""
    before = {e.day: e for e in map(_entry, holidays_sql.of_days(store.db, [e.day.isoformat() for e in entries]))}
    return [DayChange(e, before.get(e.day)) for e in sorted(entries, key=lambda e: e.day)]


def read_notice(text: str, year: int | None = None) -> HolidayNotice:
    """A pasted 放假安排 (app/domain/holiday_notice.py)."""
    return parse_holiday_notice(text, year)


def notice_year_of(text: str) -> int | None:
    """The year a pasted notice says it is about (None: the user chooses)."""
    return notice_year(text)


def read_text_file(path: Path | str, what: str) -> str:
    try:
        return Path(path).read_text(encoding="utf-8-sig")
    except OSError as exc:
        raise UserError(f"无法读取{what}“{path}”：{os_error_text(exc)}") from None
    except UnicodeDecodeError:
        raise UserError(f"无法读取{what}“{path}”：不是 UTF-8 编码的文本") from None


def read_table_file(path: Path | str) -> list[OfficeHoliday]:
    """The days of a holiday file (`YYYY-MM-DD<TAB>休|班<TAB>名称` lines)."""
    entries = OfficeHolidays.parse(read_text_file(path, "节假日文件")).entries()
    if not entries:
        raise UserError(f"节假日文件“{path}”中没有日期")
    return entries


def put_entries(store: Store, entries: list[OfficeHoliday]) -> int:
    """Add or replace these days in the table (a newly published schedule overrides what was typed before)."""
    set_days(store, {e.day: e for e in entries})
    return len(entries)


def import_file(store: Store, path: Path | str) -> int:
    return put_entries(store, read_table_file(path))


def paste_file(store: Store, path: Path | str, year: int | None = None) -> HolidayNotice:
    """The command line's `holidays --paste FILE`: a notice's text saved in a file, read and put in the table."""
    notice = read_notice(read_text_file(path, "放假安排文件"), year)
    put_entries(store, notice.entries())
    return notice


def reply_by_check(store: Store, issued_on: date, workdays: int) -> tuple[date, str | None]:
    """The reply-by date `workdays` working days after `issued_on`, and a warning when its year has no days off
    entered (a form can show it before anything is issued)."""
    reply_by, _ = add_workdays(issued_on, workdays, office_holidays(store))
    return reply_by, reply_by_warning(store, reply_by)


def reply_by_warning(store: Store, reply_by: date) -> str | None:
    """A warning for a reply-by date in a year whose days off nobody has entered."""
    if holiday_data_covers(store, reply_by.year):
        return None
    return (f"反馈期限 {reply_by.isoformat()} 所在的{reply_by.year}年尚无节假日安排，工作日只按周末推算；"
            "请在“工具 → 工作日历…”中粘贴国务院公布的放假安排。")
