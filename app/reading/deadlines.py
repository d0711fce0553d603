"""Deadline phrases (完成时限) → `Deadline`: due date, ongoing, start, recurrence, milestones.

The phrase is cleaned (Traditional → Simplified, full-width digits, Chinese-numeral dates), then one
scan finds its date tokens ("2024年6月底", "第三季度", "“十四五”期间", "春节前", "每年12月底" …), each
read as a period of days. How the tokens sit decides the meaning:
- two tokens joined by "—"/"至"/"到" make a range: it starts with the first and is due at the end of
  the second ("2022—2025年", "2024年3月至6月");
- a token followed by 起/开始/以来 is a start ("2023年起"): open-ended work, so ongoing;
- every other token is a due date; with several ("2022年底前…，2025年底前…") the latest is `due` and
  all of them are `milestones`;
- "每年…", "每季度", "每半年", "每月" are recurrences (ongoing, no single due date);
- words such as 持续 / 长期 / 常态化 mark the work as ongoing.
Tokens without a year (年底前, 6月底, 上半年 …) take the last year named earlier in the phrase, else
the plan's year. A phrase with nothing readable keeps its text, gets `due=None` and a warning.

Every pattern here is linear: single quantifiers over character classes, no nested repetition, so
no input can make a scan backtrack badly.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date, timedelta
from typing import Any, Callable

from dateutil.relativedelta import relativedelta

from app.domain.matrix import Deadline
from app.reading.chinese import normalize_width, to_simplified

# Years a plan can sensibly name; anything else is a misprint or not a year at all.
_MIN_YEAR, _MAX_YEAR = 1949, 2100

# ---------------------------------------------------------------------------------------------
# Clean-up before scanning
# ---------------------------------------------------------------------------------------------

# Dashes and tildes people use for ranges ("2022—2025年", "2022－2025年", "2022~2025年").
_DASHES = str.maketrans({c: "-" for c in "—–―‐‑‒−－~～〜"})

_CN_DIGITS = {"〇": 0, "○": 0, "零": 0, "一": 1, "二": 2, "三": 3, "四": 4, "五": 5, "六": 6, "七": 7, "八": 8, "九": 9}
# 二〇二五年 → 2025年; 十二月 → 12月; 三十一日 → 31日 (dates spelled in Chinese numerals).
_CN_YEAR = re.compile(r"(?<![〇○零一二三四五六七八九])[〇○零一二三四五六七八九]{4}(?=年)")
_CN_MONTH = re.compile(r"(?<![一二三四五六七八九十])(?:十[一二]|[一二三四五六七八九十])(?=月)")
_CN_DAY = re.compile(r"(?<=月)(?:[二三]?十[一二三四五六七八九]?|[一二三四五六七八九])(?=[日号])")
# A bare year that opens a range gets its 年, so that both ends read alike: "2022-2025年".
_BARE_RANGE_YEAR = re.compile(r"(?<!\d)(\d{4})(?=\s*(?:-+|至|到)\s*\d{4}年)")


def _cn_small_number(text: str) -> int:
    """一 … 九, 十, 十二, 二十, 三十一 → 1 … 31 (the numbers a month or a day can take)."""
    if "十" not in text:
        return _CN_DIGITS[text]
    tens, _, ones = text.partition("十")
    return (_CN_DIGITS[tens] if tens else 1) * 10 + (_CN_DIGITS[ones] if ones else 0)


def _prepare(text: str) -> str:
    s = normalize_width(to_simplified(text)).translate(_DASHES)
    s = _CN_YEAR.sub(lambda m: "".join(str(_CN_DIGITS[c]) for c in m.group()), s)
    s = _CN_MONTH.sub(lambda m: str(_cn_small_number(m.group())), s)
    s = _CN_DAY.sub(lambda m: str(_cn_small_number(m.group())), s)
    return _BARE_RANGE_YEAR.sub(r"\1年", s)


# ---------------------------------------------------------------------------------------------
# Periods
# ---------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class _Period:
    first: date
    last: date


class _BadDate(Exception):
    """A token that names no real day: 13月, 2月30日, the year 0990."""


class _NoYear(Exception):
    """A token with no year of its own ("年底前") in a phrase and plan that give none."""


def _checked_year(year: int) -> int:
    if not _MIN_YEAR <= year <= _MAX_YEAR:
        raise _BadDate(year)
    return year


def _day(year: int, month: int, day: int) -> date:
    try:
        return date(_checked_year(year), month, day)
    except ValueError as exc:
        raise _BadDate(f"{year}-{month}-{day}") from exc


def _month(year: int, month: int) -> _Period:
    first = _day(year, month, 1)
    return _Period(first, first + relativedelta(day=31))


def _year(year: int) -> _Period:
    return _Period(_day(year, 1, 1), _day(year, 12, 31))


def _ten_days(year: int, month: int, part: str) -> _Period:
    """上旬 1–10, 中旬 11–20, 下旬 21 to the month's end."""
    whole = _month(year, month)
    if part == "上":
        return _Period(whole.first, whole.first.replace(day=10))
    if part == "中":
        return _Period(whole.first.replace(day=11), whole.first.replace(day=20))
    return _Period(whole.first.replace(day=21), whole.last)


def _half(year: int, part: str) -> _Period:
    if part == "上":
        return _Period(_day(year, 1, 1), _day(year, 6, 30))
    return _Period(_day(year, 7, 1), _day(year, 12, 31))


_QUARTERS = {"一": 1, "二": 2, "三": 3, "四": 4, "1": 1, "2": 2, "3": 3, "4": 4}


def _quarter(year: int, label: str) -> _Period:
    first_month = 3 * _QUARTERS[label] - 2
    return _Period(_month(year, first_month).first, _month(year, first_month + 2).last)


def _lunar_day(year: int, month: int, day: int) -> date:
    from lunar_python import Lunar  # imported on first use: it costs ~15 ms and few phrases need it

    solar = Lunar.fromYmd(_checked_year(year), month, day).getSolar()
    return date(solar.getYear(), solar.getMonth(), solar.getDay())


# Festivals a deadline is pinned to, by the (Gregorian) year they fall in.
_FESTIVALS: dict[str, Callable[[int], date]] = {
    "春节": lambda y: _lunar_day(y, 1, 1),
    "元旦": lambda y: _day(y, 1, 1),
    "五一": lambda y: _day(y, 5, 1),
    "五一劳动节": lambda y: _day(y, 5, 1),
    "劳动节": lambda y: _day(y, 5, 1),
    "端午": lambda y: _lunar_day(y, 5, 5),
    "中秋": lambda y: _lunar_day(y, 8, 15),
    "国庆": lambda y: _day(y, 10, 1),
}


def _festival(year: int, name: str, before: str | None) -> _Period:
    """"春节前" is due the day before the festival; "春节" alone, the festival day itself."""
    day = _FESTIVALS[name](year)
    if before:
        day -= timedelta(days=1)
    return _Period(day, day)


# "十四五" is the 14th five-year plan, 2021–2025; the sequence has run without gaps since the 6th (1981).
def _five_year_plan(ordinal: str) -> _Period:
    number = _cn_small_number(ordinal)
    first_year = 1981 + 5 * (number - 6)
    return _Period(_day(first_year, 1, 1), _day(first_year + 4, 12, 31))


# ---------------------------------------------------------------------------------------------
# Tokens
# ---------------------------------------------------------------------------------------------

_YEAR = r"(?<!\d)(\d{4})年"
_FESTIVAL = r"(春节|元旦|国庆|五一劳动节|五一|劳动节|中秋|端午)节?(前|之前|以前)?"
_QUOTE_OPEN = "[“\"‘']"
_QUOTE_CLOSE = "[”\"’']"
# Before a relative "年内 / 年底": not a count of years ("3年内", "两年内").
_NOT_A_COUNT = r"(?<![\d一二三四五六七八九十两几多每])"
# Words that name the year relative to the plan's: this year, the next one.
_REL_WORDS = r"(今年|当年|本年度?|明年|次年|下一?年度?)"
_REL = _REL_WORDS + "?"
_NEXT_YEAR_WORDS = ("明年", "次年", "下年", "下一年", "下年度", "下一年度")


# A token's regex groups, as `re.Match.groups()` gives them: typeshed types each one `str | Any`
# (a group that did not take part is None).
_Groups = tuple[Any, ...]


@dataclass(frozen=True)
class _Token:
    """One kind of date expression: its pattern, and how it reads given the year in context.

    `read(groups, year)` returns a `_Period` (the days it names) or a recurrence string; `year` is
    the year in context (None where there is none) and `names_year(groups)` says whether the token
    named a year itself (that year then becomes the context for the tokens after it).
    """

    name: str
    pattern: str
    read: Callable[[_Groups, int | None], "_Period | str"]
    names_year: Callable[[_Groups], bool] = lambda groups: False
    start_too: Callable[[_Groups], bool] = lambda groups: False  # a period that also says when work starts


def _need(year: int | None) -> int:
    if year is None:
        raise _NoYear()
    return year


def _always(groups: _Groups) -> bool:
    return True


def _says_year(groups: _Groups) -> bool:
    """A relative token that opens with 今年 / 明年 / 次年 … names its year."""
    return groups[0] is not None


def _rel(groups: _Groups, year: int | None) -> int:
    """The year of a relative token: the year in context, or the one after for 明年 / 次年."""
    return _need(year) + (1 if groups[0] in _NEXT_YEAR_WORDS else 0)


def _yearly(month: str | None, day: str | None) -> str:
    if not month:
        return "yearly:12-31"
    # Any non-leap year gives the month's last day for "每年2月底".
    due = _day(2023, int(month), int(day)) if day else _month(2023, int(month)).last
    return f"yearly:{due:%m-%d}"


def _one_day(day: date) -> _Period:
    return _Period(day, day)


# What can follow a year ("2024年…") or stand without one ("6月底前", "上半年"): pattern, and how it
# reads given the year. Order matters: at one position the first pattern that matches wins.
_IN_A_YEAR = (
    ("md", r"(\d{1,2})月(\d{1,2})[日号]", lambda year, g: _one_day(_day(year, int(g[0]), int(g[1])))),
    ("ten_days", r"(\d{1,2})月([上中下])旬", lambda year, g: _ten_days(year, int(g[0]), g[1])),
    ("month", r"(\d{1,2})月", lambda year, g: _month(year, int(g[0]))),
    ("half", r"([上下])半年", lambda year, g: _half(year, g[0])),
    ("quarter", r"第?([一二三四1-4])季度", lambda year, g: _quarter(year, g[0])),
    ("festival", _FESTIVAL, lambda year, g: _festival(year, g[0], g[1])),
)
# What only follows a printed year: "2024年中", "2024年年底", "2024年", "2024年度内".
_AFTER_A_YEAR = (
    ("mid", r"年?中(?![央国共秋])", lambda year, g: _one_day(_day(year, 6, 30))),
    ("end", r"年?[底末]", lambda year, g: _one_day(_day(year, 12, 31))),
    ("whole", r"(?:年?内|度内?)?", lambda year, g: _year(year)),
)


def _with_year(name: str, body: str, read: Callable[[int, _Groups], _Period]) -> _Token:
    return _Token("y_" + name, _YEAR + body, lambda g, y: read(int(g[0]), g[1:]), names_year=_always)


def _in_context(name: str, body: str, read: Callable[[int, _Groups], _Period]) -> _Token:
    return _Token(name, _REL + r"(?<!\d)" + body, lambda g, y: read(_rel(g, y), g[1:]), names_year=_says_year)


# At one position the first token that matches wins: recurrences before the months inside them,
# printed years before the relative forms, longer forms before shorter ones.
_TOKENS = (
    # Recurrences: "每年12月底前", "每年1月10日前", "每年年底", "每年", "每季度", "每半年", "每月".
    _Token("every_year", r"每年度?(?:年?[底末]|(\d{1,2})月(?:(\d{1,2})[日号])?)?", lambda g, y: _yearly(g[0], g[1])),
    _Token("every_quarter", r"每个?季度", lambda g, y: "quarterly"),
    _Token("every_half_year", r"每半年", lambda g, y: "semiannual"),
    _Token("every_month", r"每个?月", lambda g, y: "monthly"),
    # Five-year plans: "“十四五”期间", "十五五时期", "“十四五”末", "“十四五”" (quoted, alone).
    _Token(
        "five_year_plan",
        _QUOTE_OPEN + r"?(十[一二三四五六七八九]?|[六七八九])五(?:" + _QUOTE_CLOSE
        + r"?(期间|时期内?|规划期内?|期末|末)|" + _QUOTE_CLOSE + ")",
        lambda g, y: _five_year_plan(g[0]),
        names_year=_always,
        start_too=lambda g: g[1] not in ("期末", "末"),
    ),
    _Token(
        "ymd_numeric",
        r"(?<!\d)(\d{4})[./-](\d{1,2})[./-](\d{1,2})(?!\d)",
        lambda g, y: _one_day(_day(int(g[0]), int(g[1]), int(g[2]))),
        names_year=_always,
    ),
    *(_with_year(*part) for part in _IN_A_YEAR + _AFTER_A_YEAR),
    *(_in_context(*part) for part in _IN_A_YEAR),
    _Token(
        "mid_year",
        _NOT_A_COUNT + _REL + r"年中(?![央国共秋])",
        lambda g, y: _one_day(_day(_rel(g, y), 6, 30)),
        names_year=_says_year,
    ),
    # "年内", "年底前", "今年底", "明年", "次年年底": a whole year.
    _Token(
        "year_word",
        _NOT_A_COUNT + r"(?:" + _REL_WORDS + r"(?:年?[内底末]|度内)?|年内|年底|年末|年度内)",
        lambda g, y: _year(_rel(g, y)),
        names_year=_says_year,
    ),
)
_BY_NAME = {t.name: (t, re.compile(t.pattern)) for t in _TOKENS}
_SCAN = re.compile("|".join(f"(?P<{t.name}>{t.pattern})" for t in _TOKENS))

_ONGOING = re.compile(r"持续|长期|常态|长效|坚持|不断|久久为功|动态|定期|逐年|常抓不懈")
_START_AFTER = re.compile(r"\s*(?:起|开始|以来)")
# "2022—2025年", "2024年3月至6月", "2023年起至2025年底".
_RANGE_GAP = re.compile(r"\s*(?:起|开始)?\s*(?:-+|至|到)\s*")


@dataclass
class _Found:
    """A token read in its place: the days it names, and whether they open the work."""

    period: _Period
    begin: int
    end: int
    is_start: bool = False  # "2023年起": when work begins, not when it is due
    start_too: bool = False  # "“十四五”期间", a range: it has both a start and a due date


def _scan(s: str, plan_year: int | None) -> tuple[list[_Found], str | None]:
    """Every date token of the cleaned phrase in order, and the first recurrence."""
    found: list[_Found] = []
    recurrence = None
    year = plan_year
    for m in _SCAN.finditer(s):
        # _SCAN is an alternation of named groups, one per token: one of them matched, and its own
        # pattern matches the same text.
        assert m.lastgroup is not None
        token, pattern = _BY_NAME[m.lastgroup]
        whole = pattern.fullmatch(m.group())
        assert whole is not None
        groups = whole.groups()
        value = token.read(groups, year)
        if isinstance(value, str):
            recurrence = recurrence or value
            continue
        if token.names_year(groups):
            year = value.last.year
        found.append(_Found(value, m.start(), m.end(), start_too=token.start_too(groups)))
        if _START_AFTER.match(s, m.end()):
            found[-1].is_start = True
    return _join_ranges(s, found), recurrence


def _join_ranges(s: str, found: list[_Found]) -> list[_Found]:
    """Two tokens joined by a dash, 至 or 到 become one period that starts and is due."""
    joined: list[_Found] = []
    for item in found:
        prev = joined[-1] if joined else None
        if prev and _RANGE_GAP.fullmatch(s, prev.end, item.begin):
            span = _Period(prev.period.first, item.period.last)
            joined[-1] = _Found(span, prev.begin, item.end, start_too=True)
        else:
            joined.append(item)
    return joined


def parse_deadline(text: str, plan_year: int | None = None) -> tuple[Deadline, str | None]:
    """Read a deadline phrase. Returns the Deadline (text kept exactly as given) and a Chinese warning
    when the phrase could not be read (then due is None and ongoing False). Never raises for any text.

    `plan_year` is the year relative phrases ("年内", "年底前", "6月底前") resolve against: the year the
    plan was issued.
    """
    s = _prepare(text)
    try:
        found, recurrence = _scan(s, plan_year)
    except _NoYear:
        ongoing = bool(_ONGOING.search(s))
        return Deadline(text, ongoing=ongoing), f"完成时限“{text}”没有写年份，也不知道方案的年份，无法确定日期"
    except _BadDate:
        return Deadline(text), f"完成时限“{text}”中的日期不存在，已按原文保留"
    ongoing = bool(_ONGOING.search(s)) or recurrence is not None
    if not found and not ongoing:
        return Deadline(text), f"无法识别完成时限“{text}”，已按原文保留"
    starts = [f.period.first for f in found if f.is_start or f.start_too]
    dues = [f.period.last for f in found if not f.is_start]
    if starts and not dues:
        ongoing = True  # "2023年起": begins and goes on
    distinct = sorted(set(dues))
    return (
        Deadline(
            text=text,
            due=distinct[-1] if distinct else None,
            ongoing=ongoing,
            start=min(starts) if starts else None,
            recurrence=recurrence,
            milestones=tuple(distinct) if len(distinct) > 1 else (),
        ),
        None,
    )
