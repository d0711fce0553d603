"""Working days in China: reply-by dates counted the way the law and the State Council's schedule say.

Where a day's status comes from, in order:
1. the office's own holiday table (local extra days off or make-up working days, and every year the
   State Council has published after the installed chinese-calendar was released);
2. chinese-calendar, for the years it knows (it raises `NotImplementedError` for later years);
3. weekends only, as a last resort, with a visible warning that the year's schedule is unknown.

Counting follows 民法典: the starting day is not counted (§201), and a period that ends on a rest day runs
to the next working day (§203). chinese-calendar's own `find_workday` counts the starting day when it is
a rest day and so lands one working day late; this module does its own counting instead.
"""
from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta
from typing import Iterable

import chinese_calendar

from app.errors import UserError

REST_MARK = "休"
WORK_MARK = "班"

SOURCE_OFFICE = "office"
SOURCE_CALENDAR = "calendar"
SOURCE_WEEKEND = "weekend"


@dataclass(frozen=True)
class OfficeHoliday:
    """One day of the office's table: a day off (休) or a make-up working day (班)."""

    day: date
    is_workday: bool
    name: str = ""


class OfficeHolidays:
    """The office's own holiday table, as kept in the store's `holidays` table or a text file."""

    def __init__(self, entries: Iterable[OfficeHoliday] = ()):
        self._days = {e.day: e for e in entries}
        self.years = frozenset(d.year for d in self._days)

    def get(self, day: date) -> OfficeHoliday | None:
        return self._days.get(day)

    def entries(self) -> list[OfficeHoliday]:
        return [self._days[d] for d in sorted(self._days)]

    def __len__(self) -> int:
        return len(self._days)

    @classmethod
    def parse(cls, text: str) -> "OfficeHolidays":
        """Read `YYYY-MM-DD<TAB>休|班<TAB>name` lines; blank lines and `#` comments are skipped.

        Any whitespace separates the fields, so a table typed with spaces reads as well.
        """
        entries = []
        for number, line in enumerate(text.splitlines(), start=1):
            line = line.strip().lstrip("\ufeff")
            if not line or line.startswith("#"):
                continue
            fields = line.split(None, 2)
            if len(fields) < 2 or fields[1] not in (REST_MARK, WORK_MARK):
                raise UserError(f"节假日表第{number}行格式不对：应为“日期<Tab>休或班<Tab>名称”，实际是“{line}”")
            try:
                day = date.fromisoformat(fields[0])
            except ValueError:
                raise UserError(f"节假日表第{number}行的日期“{fields[0]}”无法识别，应写成 2027-01-01 的形式") from None
            entries.append(OfficeHoliday(day, fields[1] == WORK_MARK, fields[2].strip() if len(fields) > 2 else ""))
        return cls(entries)

    def to_text(self) -> str:
        return "".join(
            f"{e.day.isoformat()}\t{WORK_MARK if e.is_workday else REST_MARK}\t{e.name}\n" for e in self.entries()
        )


NO_OFFICE_HOLIDAYS = OfficeHolidays()


def day_status(day: date, holidays: OfficeHolidays = NO_OFFICE_HOLIDAYS) -> tuple[bool, str]:
    """Whether `day` is a working day, and which source said so (office / calendar / weekend)."""
    entry = holidays.get(day)
    if entry is not None:
        return entry.is_workday, SOURCE_OFFICE
    try:
        return chinese_calendar.is_workday(day), SOURCE_CALENDAR
    except NotImplementedError:
        pass
    # A year the office's table covers is fully described by it: unlisted days are ordinary days.
    source = SOURCE_OFFICE if day.year in holidays.years else SOURCE_WEEKEND
    return day.weekday() < 5, source


def is_workday(day: date, holidays: OfficeHolidays = NO_OFFICE_HOLIDAYS) -> bool:
    return day_status(day, holidays)[0]


def _weekend_warning(years: set[int]) -> str | None:
    if not years:
        return None
    listed = "、".join(f"{y}年" for y in sorted(years))
    return (
        f"{listed}的法定节假日安排尚未录入（内置日历与本单位节假日表都没有），已只按周末推算工作日，"
        "请在设置中导入国务院公布的放假安排后核对日期。"
    )


def roll_to_workday(day: date, holidays: OfficeHolidays = NO_OFFICE_HOLIDAYS) -> tuple[date, str | None]:
    """§203: a period that ends on a rest day runs to the next working day (a working day stays)."""
    guessed: set[int] = set()
    while True:
        working, source = day_status(day, holidays)
        if source == SOURCE_WEEKEND:
            guessed.add(day.year)
        if working:
            return day, _weekend_warning(guessed)
        day += timedelta(days=1)


def add_workdays(start: date, n: int, holidays: OfficeHolidays = NO_OFFICE_HOLIDAYS) -> tuple[date, str | None]:
    """The day `n` working days after `start` (§201: `start` itself is never counted, rest day or not).

    `n == 0` means "by the start day", moved to the next working day when that is a rest day (§203).
    The second value is a warning when some day on the way had to be guessed from weekends alone.
    """
    if n < 0:
        raise UserError(f"工作日数不能为负数：{n}")
    if n == 0:
        return roll_to_workday(start, holidays)
    guessed: set[int] = set()
    day, counted = start, 0
    while counted < n:
        day += timedelta(days=1)
        working, source = day_status(day, holidays)
        if source == SOURCE_WEEKEND:
            guessed.add(day.year)
        counted += working
    return day, _weekend_warning(guessed)


def add_days(start: date, n: int, holidays: OfficeHolidays = NO_OFFICE_HOLIDAYS) -> tuple[date, str | None]:
    """A period of `n` calendar days (e.g. "10日内") after `start`, ending on a working day (§201, §203)."""
    if n < 0:
        raise UserError(f"天数不能为负数：{n}")
    return roll_to_workday(start + timedelta(days=n), holidays)


def reply_by(
    issued_on: date,
    *,
    workdays: int | None = None,
    explicit: date | None = None,
    holidays: OfficeHolidays = NO_OFFICE_HOLIDAYS,
) -> tuple[date, str | None]:
    """The reply-by date of a notice: an explicit date as given, or `workdays` working days after issue."""
    if explicit is not None:
        if explicit < issued_on:
            raise UserError(f"反馈期限 {explicit.isoformat()} 早于发文日期 {issued_on.isoformat()}")
        return explicit, None
    if workdays is None:
        raise UserError("请给出反馈期限：工作日数或具体日期")
    return add_workdays(issued_on, workdays, holidays)


def calendar_covers(year: int) -> bool:
    """Whether the installed chinese-calendar knows `year`'s State Council schedule."""
    try:
        chinese_calendar.is_workday(date(year, 1, 1))
    except NotImplementedError:
        return False
    return True


# chinese-calendar's short names, said as the State Council's notices say them (清明 → 清明节)
_CHINESE_NAMES = {h.value: h.chinese + ("节" if h.chinese in ("清明", "端午", "中秋") else "")
                  for h in chinese_calendar.Holiday}


def calendar_days(year: int) -> list[OfficeHoliday]:
    """The installed calendar's days off (holidays, with their weekends) and make-up working days of `year`."""
    if not calendar_covers(year):
        return []
    days = [OfficeHoliday(d, False, _CHINESE_NAMES.get(n, n)) for d, n in chinese_calendar.holidays.items()
            if d.year == year]
    days += [OfficeHoliday(d, True, _CHINESE_NAMES.get(n, n)) for d, n in chinese_calendar.workdays.items()
             if d.year == year and d.weekday() >= 5]
    return sorted(days, key=lambda e: e.day)
