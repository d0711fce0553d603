"""Status and light of a task or an assignment at a given date. Pure functions: "today" is always a parameter.

Statuses: 未启动 / 推进中 / 已完成 / 逾期 / 持续推进. Lights: red (overdue), yellow (due within N days),
green (on track), blue (ongoing or no date), grey (done).

Rules, in order:
1. A recurring deadline (每年12月底前, 每季度末…) is judged against its next occurrence: 持续推进, yellow when that
   is within N days, else green.
2. Reported complete (已完成) on or before the date: grey 已完成; for work that also goes on after its date
   ("2025年底并持续推进") the dated part is done and the rest continues: blue 持续推进.
3. No date: blue; 持续推进 when the plan says the work goes on, else 未启动 / 推进中.
4. Past its date and not complete: red 逾期 (also for work that goes on afterwards: its dated part is late).
5. Otherwise 未启动 (no progress yet) or 推进中, yellow within N days of the date, else green.

Extensions (延期): the date a task is judged against moves to the new date only when the extension was
recorded on or before the date then in force; one recorded after the task was already late leaves it judged
against its original date (原定时限), so it stays overdue.

序时进度: with a start and a due date, the expected share is the time elapsed; the gap is that share minus the
reported percentage, in points; yellow from 10 to 30 points behind, red beyond 30.
"""
from __future__ import annotations

import calendar
from dataclasses import dataclass
from datetime import date
from typing import Iterable

NOT_STARTED = "未启动"
IN_PROGRESS = "推进中"
DONE = "已完成"
OVERDUE = "逾期"
ONGOING = "持续推进"
STATUSES = (NOT_STARTED, IN_PROGRESS, DONE, OVERDUE, ONGOING)

RED, YELLOW, GREEN, BLUE, GREY = "red", "yellow", "green", "blue", "grey"
LIGHTS = (RED, YELLOW, GREEN, BLUE, GREY)
LIGHT_LABELS = {RED: "红灯（逾期）", YELLOW: "黄灯（临近到期）", GREEN: "绿灯（正常推进）", BLUE: "蓝灯（持续推进）", GREY: "灰灯（已完成）"}

DEFAULT_YELLOW_DAYS = 30
PACE_YELLOW, PACE_RED = 10.0, 30.0


@dataclass(frozen=True)
class Extension:
    """One 延期 entry: the date it replaced, the new date, when it was recorded and why."""

    original_due: date | None
    new_due: date
    recorded_on: date
    reason: str = ""


@dataclass(frozen=True)
class ProgressEntry:
    on_date: date
    status_change: str | None = None  # 未启动 / 推进中 / 已完成, or None for a plain report
    percent: int | None = None


@dataclass(frozen=True)
class ProgressSummary:
    started_on: date | None
    done_on: date | None
    percent: int | None


@dataclass(frozen=True)
class TaskState:
    """What status depends on: the date judged against, and the progress known at the date asked about."""

    due: date | None
    ongoing: bool = False
    recurrence: str | None = None
    start: date | None = None
    started_on: date | None = None
    done_on: date | None = None
    percent: int | None = None


@dataclass(frozen=True)
class Judgement:
    status: str
    light: str
    due: date | None          # the date judged against (next occurrence for recurring work)
    days_left: int | None     # negative when late
    pace_gap: float | None    # 序时进度 gap in points (positive: behind)
    pace_light: str | None


def effective_due(original: date | None, extensions: Iterable[Extension]) -> date | None:
    """The date a task is judged against after its extensions (see the module's rules)."""
    current = original
    for ext in sorted(extensions, key=lambda e: e.recorded_on):
        if current is not None and ext.recorded_on > current:
            break  # recorded once already late: the task stays judged against the date then in force
        current = ext.new_due
    return current


def _month_end(year: int, month: int) -> date:
    return date(year, month, calendar.monthrange(year, month)[1])


def next_occurrence(recurrence: str, today: date) -> date | None:
    """The next date (today or later) of a recurring deadline: yearly:MM-DD, quarterly, semiannual, monthly."""
    if recurrence.startswith("yearly:"):
        month, day = (int(x) for x in recurrence.split(":", 1)[1].split("-"))
        for year in (today.year, today.year + 1):
            candidate = date(year, month, min(day, calendar.monthrange(year, month)[1]))
            if candidate >= today:
                return candidate
    if recurrence == "monthly":
        return _month_end(today.year, today.month)
    if recurrence == "quarterly":
        return _month_end(today.year, (today.month - 1) // 3 * 3 + 3)
    if recurrence == "semiannual":
        return _month_end(today.year, 6 if today.month <= 6 else 12)
    return None


def summarise_progress(entries: Iterable[ProgressEntry], today: date) -> ProgressSummary:
    """Started, completed and the latest percentage as known at `today` (later entries do not count yet)."""
    known = sorted((e for e in entries if e.on_date <= today), key=lambda e: e.on_date)
    started = known[0].on_date if known else None
    done = None
    percent = None
    for entry in known:
        if entry.status_change == DONE:
            done = entry.on_date
        elif entry.status_change in (NOT_STARTED, IN_PROGRESS):
            done = None  # reopened
        if entry.percent is not None:
            percent = entry.percent
    if known and known[-1].status_change == NOT_STARTED:
        started = None
    return ProgressSummary(started, done, percent)


def pace_gap(start: date | None, due: date | None, today: date, percent: int | None) -> float | None:
    """Expected share of time elapsed between start and due, minus the reported share (points)."""
    if percent is None or start is None or due is None or due <= start:
        return None
    elapsed = (min(max(today, start), due) - start).days / (due - start).days
    return round(elapsed * 100 - percent, 1)


def pace_light(gap: float | None) -> str | None:
    if gap is None:
        return None
    if gap > PACE_RED:
        return RED
    if gap >= PACE_YELLOW:
        return YELLOW
    return GREEN


def _near(due: date, today: date, yellow_days: int) -> str:
    return YELLOW if (due - today).days <= yellow_days else GREEN


def judge(state: TaskState, today: date, yellow_days: int = DEFAULT_YELLOW_DAYS) -> Judgement:
    """Status and light of a task (or one unit's assignment) at `today`."""
    done = state.done_on is not None and state.done_on <= today
    started = state.started_on is not None and state.started_on <= today
    due = state.due
    if state.recurrence:
        due = next_occurrence(state.recurrence, today) or due
        status, light = ONGOING, (_near(due, today, yellow_days) if due else BLUE)
    elif done:
        status, light = (ONGOING, BLUE) if state.ongoing else (DONE, GREY)
    elif due is None:
        status, light = (ONGOING if state.ongoing else (IN_PROGRESS if started else NOT_STARTED)), BLUE
    elif today > due:
        status, light = OVERDUE, RED
    else:
        status, light = (IN_PROGRESS if started else NOT_STARTED), _near(due, today, yellow_days)
    gap = None if done else pace_gap(state.start, due, today, state.percent)
    return Judgement(
        status=status,
        light=light,
        due=due,
        days_left=(due - today).days if due else None,
        pace_gap=gap,
        pace_light=pace_light(gap),
    )
