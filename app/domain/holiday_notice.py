"""The State Council's yearly 放假安排 (国务院办公厅关于YYYY年部分节假日安排的通知), read from its pasted text.

The notice lists one holiday per item, e.g.

    一、元旦：1月1日（周四）至3日（周六）放假调休，共3天。1月4日（周日）上班。
    二、春节：2月15日（农历腊月二十八、周日）至23日（农历正月初七、周一）放假调休，共9天。2月14日（周六）、2月28日（周六）上班。

Each item gives its days off (one day, or a range "至", the month carried over when the end omits it) and the
make-up working days ("…上班"). Dates carry no year unless the notice writes one (2019's "2018年12月30日至2019年
1月1日"); the year is given by the caller, or read from the notice's own title or first sentence (`notice_year`).

Pasted text is checked against itself, so a wrong year or a garbled paste is refused instead of stored: the
weekday in brackets (周四 / 星期四) must be the date's weekday, and "共N天" must be the length of the range.
Advice is not schedule: 2024's "鼓励各单位……安排职工在除夕（2月9日）休息" leaves 2月9日 a working day.
Full-width and half-width punctuation both read (web pages often convert one to the other).
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date, timedelta

from app.domain.workdays import OfficeHoliday
from app.errors import UserError

_NUMERALS = "一二三四五六七八九十"
# An item starts at the beginning of a line or after a full stop: "（农历腊月二十八、周日）" is not an item.
_ITEM = re.compile(rf"(?:^|(?<=[。\s]))[{_NUMERALS}]{{1,3}}[、.．]\s*([^：:\n。]{{1,20}}?)[：:]", re.MULTILINE)
_DATE = re.compile(r"(?:(\d{4})\s*年\s*)?(?:(\d{1,2})\s*月\s*)?(\d{1,2})\s*日\s*(?:[（(]([^）)]*)[）)])?")
_WEEKDAYS = "一二三四五六日"
_WEEKDAY = re.compile(r"(?:周|星期)([一二三四五六日天])")
_TOTAL = re.compile(r"共\s*(\d{1,2})\s*天")
_YEAR_IN_TITLE = re.compile(r"(?:关于|现将)\s*(\d{4})\s*年")


@dataclass(frozen=True)
class HolidayItem:
    """One item of the notice: a holiday's name, its days off and its make-up working days."""

    name: str
    rest_days: tuple[date, ...]
    work_days: tuple[date, ...]

    def entries(self) -> list[OfficeHoliday]:
        return ([OfficeHoliday(d, False, self.name) for d in self.rest_days]
                + [OfficeHoliday(d, True, self.name) for d in self.work_days])


@dataclass(frozen=True)
class HolidayNotice:
    year: int
    items: tuple[HolidayItem, ...]

    def entries(self) -> list[OfficeHoliday]:
        """Every day of the schedule, in date order."""
        return sorted((e for item in self.items for e in item.entries()), key=lambda e: e.day)


def notice_year(text: str) -> int | None:
    """The year a notice is about, from "关于2026年部分节假日安排" or "现将2026年元旦…"; None if not found."""
    match = _YEAR_IN_TITLE.search(text)
    return int(match.group(1)) if match else None


def _dates(clause: str, year: int, where: str) -> list[tuple[date, int, int]]:
    """The dates of a clause with their text positions; a day without month or year takes the previous one's."""
    found: list[tuple[date, int, int]] = []
    current_year, month = year, None
    for m in _DATE.finditer(clause):
        if m.group(1):
            current_year = int(m.group(1))
        if m.group(2):
            month = int(m.group(2))
        if month is None:
            raise UserError(f"放假安排“{where}”中的“{m.group(0)}”没有月份")
        try:
            day = date(current_year, month, int(m.group(3)))
        except ValueError:
            raise UserError(f"放假安排“{where}”中的日期“{m.group(0)}”不存在（{current_year}年）") from None
        weekday = _WEEKDAY.search(m.group(4) or "")
        if weekday is not None:
            said = _WEEKDAYS.index(weekday.group(1).replace("天", "日"))
            if said != day.weekday():
                raise UserError(
                    f"放假安排“{where}”中的“{m.group(0).strip()}”：{day.isoformat()}是周{_WEEKDAYS[day.weekday()]}，"
                    f"与通知所写的周{_WEEKDAYS[said]}不符，请核对年份（当前按{year}年）")
        found.append((day, m.start(), m.end()))
    return found


def _rest_days(clause: str, year: int, where: str) -> list[date]:
    dates = _dates(clause, year, where)
    days: list[date] = []
    i = 0
    while i < len(dates):
        start, _, end_pos = dates[i]
        if i + 1 < len(dates) and clause[end_pos:dates[i + 1][1]].strip() in ("至", "-", "—", "～", "~"):
            last = dates[i + 1][0]
            if last < start or (last - start).days > 31:
                raise UserError(f"放假安排“{where}”的起止日期不对：{start.isoformat()}至{last.isoformat()}")
            days += [start + timedelta(days=k) for k in range((last - start).days + 1)]
            i += 2
        else:
            days.append(start)
            i += 1
    total = _TOTAL.search(clause)
    if total is not None and int(total.group(1)) != len(days):
        raise UserError(f"放假安排“{where}”写明共{total.group(1)}天，按日期数是{len(days)}天，请核对")
    return days


def _item(name: str, body: str, year: int) -> HolidayItem:
    where = f"{name}：{body.strip().splitlines()[0] if body.strip() else ''}"[:60]
    rest: list[date] = []
    work: list[date] = []
    for clause in re.split(r"[。；;]", body):
        if not _DATE.search(clause) or "鼓励" in clause:
            continue  # advice ("鼓励各单位……安排职工在除夕（2月9日）休息") sets no day off
        if "上班" in clause:
            work += [d for d, _, _ in _dates(clause, year, where)]
        elif "放假" in clause or "休" in clause:
            rest += _rest_days(clause, year, where)
    if not rest:
        raise UserError(f"放假安排“{where}”中没有找到放假日期")
    both = set(rest) & set(work)
    if both:
        raise UserError(f"放假安排“{where}”中{min(both).isoformat()}既放假又上班")
    return HolidayItem(name, tuple(rest), tuple(work))


def parse_holiday_notice(text: str, year: int | None = None) -> HolidayNotice:
    """The schedule in a pasted notice; `year` None: read from the notice (refused when it does not say)."""
    text = text.replace("\u3000", " ").replace("\r", "\n")
    if year is None:
        year = notice_year(text)
        if year is None:
            raise UserError("放假安排中没有写明年份（如“关于2027年部分节假日安排”），请选择年份后再粘贴")
    if not 2000 <= year <= 2100:
        raise UserError(f"年份 {year} 不对")
    heads = list(_ITEM.finditer(text))
    items: list[HolidayItem] = []
    for k, head in enumerate(heads):
        end = heads[k + 1].start() if k + 1 < len(heads) else len(text)
        body = text[head.end():end]  # the closing paragraph, after the last item, has no dated 放假/上班 clause
        name = head.group(1).strip()
        if not _DATE.search(body):
            continue  # a numbered line of another kind
        items.append(_item(name, body, year))
    if not items:
        raise UserError("没有找到放假安排：应为国务院办公厅通知中的“一、元旦：1月1日（周四）放假1天。”这样的条目")
    seen: dict[date, str] = {}
    for item in items:
        for day in (*item.rest_days, *item.work_days):
            if day in seen:
                raise UserError(f"放假安排中{day.isoformat()}出现了两次（{seen[day]}、{item.name}）")
            seen[day] = item.name
    return HolidayNotice(year, tuple(items))
