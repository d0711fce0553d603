"""Status and light of a task or an assignment at a given date. Pure functions: "today" is always a parameter.

One vocabulary, defined here and nowhere else (`LIGHT_WORDS`): every task at a date has one light, and its
status is that light's word, so the table, the detail pane, the overview, `due`, notices and bulletins can never
say two things about the same task:

    red 逾期 · yellow 临期 · green 正常推进 · blue 持续推进 · grey 已完成 · none 未定时限

What units have reported (未启动 / 推进中 / 已完成) is a second, separate fact: the task's 进展 (`progress_state`),, shown under that name and never as its status.

Rules, in order:
1. A recurring deadline (每年12月底前, 每季度末…) is judged against its next occurrence: yellow when that is within
   N days, else green.
2. Reported complete (已完成) on or before the date: grey 已完成; for work that also goes on after its date
   ("2025年底并持续推进") the dated part is done and the rest continues: blue 持续推进.
3. No date: blue 持续推进 when the plan says the work goes on ("长期坚持", "持续推进"); otherwise the plan set no
   deadline at all and the task has no light: 未定时限 (it is not "持续推进" unless the plan says so).
4. Past its date and not complete: red 逾期 (also for work that goes on afterwards: its dated part is late).
5. Otherwise yellow 临期 within N days of the date, else green 正常推进.

Extensions (延期): the date a task is judged against moves to the new date only when the extension was
recorded on or before the date then in force; one recorded after the task was already late leaves it judged
against its original date (原定时限), so it stays overdue. Every output says an extension the same way
(`extension_note`): the original deadline as the plan printed it (`original_deadline`), the new date, and for
one recorded late, the date it is still judged by (`LATE_EXTENSION`):
原定 2025年底前，已延期至 2026-06-30（逾期后延期，仍按 2025-12-31 判定）.

序时进度: with a start and a due date, the expected share is the time elapsed; the gap is that share minus the
reported percentage, in points; yellow from 10 to 30 points behind, red beyond 30.
"""
from __future__ import annotations

import calendar
from dataclasses import dataclass
from datetime import date
from typing import Callable, Iterable

# 进展: what units report.
NOT_STARTED = "未启动"
IN_PROGRESS = "推进中"
DONE = "已完成"
PROGRESS_STATES = (NOT_STARTED, IN_PROGRESS, DONE)

RED, YELLOW, GREEN, BLUE, GREY, NO_LIGHT = "red", "yellow", "green", "blue", "grey", "none"
LIGHTS = (RED, YELLOW, GREEN, BLUE, GREY, NO_LIGHT)  # most urgent first: the order of every listing and sort


@dataclass(frozen=True)
class LightWords:
    """How one light is said: the status word (tables, `due`, filters), the full label (legends, PDFs) and the
    one-character mark of the command line's light column."""

    status: str
    full: str
    mark: str


LIGHT_WORDS = {
    RED: LightWords("逾期", "红灯（逾期）", "红"),
    YELLOW: LightWords("临期", "黄灯（临期）", "黄"),
    GREEN: LightWords("正常推进", "绿灯（正常推进）", "绿"),
    BLUE: LightWords("持续推进", "蓝灯（持续推进）", "蓝"),
    GREY: LightWords("已完成", "灰灯（已完成）", "灰"),
    NO_LIGHT: LightWords("未定时限", "无灯（未定时限）", "无"),
}
OVERDUE, DUE_SOON, ON_TRACK, ONGOING, COMPLETED, UNDATED = (LIGHT_WORDS[light].status for light in LIGHTS)
STATUSES = tuple(LIGHT_WORDS[light].status for light in LIGHTS)
LIGHT_OF_STATUS = {LIGHT_WORDS[light].status: light for light in LIGHTS}


def status_of(light: str) -> str:
    """The status word of a light (逾期 for red …)."""
    return LIGHT_WORDS[light].status

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
    status: str               # the light's word (LIGHT_WORDS)
    light: str
    progress_state: str       # 进展 reported by the date: 未启动 / 推进中 / 已完成
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


LATE_EXTENSION = "（逾期后延期，仍按{}判定）"  # an extension recorded after the task was already late: the date
# it is still judged by (the plan's, or an earlier extension's that counted)


def original_deadline(original_due: date | None, deadline_text: str | None) -> str:
    """The original deadline (原定时限) as every output names it: the plan's own printed deadline when it has one
    (what the units read in the plan: 2025年底前), else the plan's date (2025-12-31), else 未定时限."""
    return deadline_text or (original_due.isoformat() if original_due else UNDATED)


def recorded_late(extended_to: date | None, judged_due: date | None) -> bool:
    """Whether a task's latest extension (to `extended_to`) was recorded after the task was already late: it is
    then still judged against another date (`judged_due`, `effective_due`'s) than the extension's."""
    return extended_to is not None and judged_due != extended_to


def extension_text(original: str, extended_to: date, *, judged_by: date | None = None,
                   document_date: Callable[[date], str] | None = None) -> str:
    """How every output says a task was extended: 原定 2025年底前，已延期至 2026-06-30; when the extension was
    recorded after the task was already late (`recorded_late`), `judged_by` is the date it is still judged by and
    `LATE_EXTENSION` names it: …（逾期后延期，仍按 2025-12-31 判定）.

    `original`: `original_deadline`'s label. `document_date`: in an official document, its date format
    (2026年6月30日), set without the spaces: 原定2025年底前，已延期至2026年6月30日（逾期后延期，仍按2025年12月31日判定）."""
    if document_date is None:
        text = f"原定 {original}，已延期至 {extended_to.isoformat()}"
        late = LATE_EXTENSION.format(f" {judged_by.isoformat()} ") if judged_by else ""
    else:
        text = f"原定{original}，已延期至{document_date(extended_to)}"
        late = LATE_EXTENSION.format(document_date(judged_by)) if judged_by else ""
    return text + late


def extension_note(original_due: date | None, deadline_text: str | None, extended_to: date | None,
                   judged_due: date | None) -> str:
    """`extension_text` for a task with the plan's date and printed deadline, the date of its latest extension
    (None, or the plan's own date: not extended) and the date its extensions have it judged against
    (`effective_due`); "" when not extended."""
    if extended_to is None or extended_to == original_due:
        return ""
    return extension_text(original_deadline(original_due, deadline_text), extended_to,
                          judged_by=judged_due if recorded_late(extended_to, judged_due) else None)


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


def progress_at(state: TaskState, today: date) -> str:
    """进展 as reported by `today`: 已完成, 推进中 (any report) or 未启动."""
    if state.done_on is not None and state.done_on <= today:
        return DONE
    if state.started_on is not None and state.started_on <= today:
        return IN_PROGRESS
    return NOT_STARTED


def judge(state: TaskState, today: date, yellow_days: int = DEFAULT_YELLOW_DAYS) -> Judgement:
    """Status, light and 进展 of a task (or one unit's assignment) at `today`."""
    progress = progress_at(state, today)
    done = progress == DONE
    due = state.due
    if state.recurrence:
        due = next_occurrence(state.recurrence, today) or due
        light = _near(due, today, yellow_days) if due else BLUE
    elif done:
        light = BLUE if state.ongoing else GREY
    elif due is None:
        light = BLUE if state.ongoing else NO_LIGHT
    elif today > due:
        light = RED
    else:
        light = _near(due, today, yellow_days)
    gap = None if done else pace_gap(state.start, due, today, state.percent)
    return Judgement(
        status=status_of(light),
        light=light,
        progress_state=progress,
        due=due,
        days_left=(due - today).days if due else None,
        pace_gap=gap,
        pace_light=pace_light(gap),
    )
