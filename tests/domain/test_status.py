"""Status and lights at a date, extensions, recurrences, 序时进度."""
from datetime import date

import pytest

from app.domain.status import (
    BLUE, DONE, GREEN, GREY, IN_PROGRESS, NOT_STARTED, ONGOING, OVERDUE, RED, YELLOW,
    Extension, ProgressEntry, TaskState, effective_due, judge, next_occurrence, pace_gap, pace_light,
    summarise_progress,
)

D = date


@pytest.mark.parametrize("state,today,status,light", [
    (TaskState(due=D(2025, 12, 31), ongoing=True), D(2025, 12, 1), NOT_STARTED, YELLOW),   # 30 days: yellow
    (TaskState(due=D(2025, 12, 31), ongoing=True), D(2025, 11, 30), NOT_STARTED, GREEN),   # 31 days: green
    (TaskState(due=D(2025, 12, 31)), D(2025, 12, 31), NOT_STARTED, YELLOW),               # the day itself
    (TaskState(due=D(2025, 12, 31)), D(2026, 1, 1), OVERDUE, RED),
    (TaskState(due=D(2025, 12, 31), ongoing=True), D(2026, 1, 1), OVERDUE, RED),          # dated part late
    (TaskState(due=None, ongoing=True), D(2025, 12, 1), ONGOING, BLUE),
    (TaskState(due=None), D(2025, 12, 1), NOT_STARTED, BLUE),
    (TaskState(due=None, started_on=D(2025, 1, 1)), D(2025, 12, 1), IN_PROGRESS, BLUE),
    (TaskState(due=D(2026, 6, 30), started_on=D(2025, 1, 1)), D(2025, 12, 1), IN_PROGRESS, GREEN),
    (TaskState(due=D(2026, 6, 30), started_on=D(2026, 1, 1)), D(2025, 12, 1), NOT_STARTED, GREEN),  # later report
    (TaskState(due=D(2025, 6, 30), done_on=D(2025, 6, 1)), D(2025, 12, 1), DONE, GREY),
    (TaskState(due=D(2025, 6, 30), done_on=D(2025, 7, 1)), D(2025, 6, 15), NOT_STARTED, YELLOW),  # not done yet
    (TaskState(due=D(2025, 12, 31), ongoing=True, done_on=D(2025, 12, 1)), D(2026, 3, 1), ONGOING, BLUE),
    (TaskState(due=None, ongoing=True, recurrence="yearly:12-31"), D(2025, 12, 10), ONGOING, YELLOW),
    (TaskState(due=None, ongoing=True, recurrence="yearly:12-31"), D(2025, 6, 10), ONGOING, GREEN),
])
def test_judge(state, today, status, light):
    verdict = judge(state, today, yellow_days=30)
    assert (verdict.status, verdict.light) == (status, light)


def test_yellow_days_is_a_parameter():
    state = TaskState(due=D(2026, 1, 31))
    assert judge(state, D(2025, 12, 1), yellow_days=30).light == GREEN
    assert judge(state, D(2025, 12, 1), yellow_days=61).light == YELLOW


@pytest.mark.parametrize("recurrence,today,expected", [
    ("yearly:12-31", D(2025, 12, 31), D(2025, 12, 31)),
    ("yearly:12-31", D(2026, 1, 1), D(2026, 12, 31)),
    ("yearly:02-29", D(2025, 1, 1), D(2025, 2, 28)),
    ("quarterly", D(2025, 11, 5), D(2025, 12, 31)),
    ("quarterly", D(2025, 4, 1), D(2025, 6, 30)),
    ("semiannual", D(2025, 7, 1), D(2025, 12, 31)),
    ("monthly", D(2024, 2, 3), D(2024, 2, 29)),
])
def test_next_occurrence(recurrence, today, expected):
    assert next_occurrence(recurrence, today) == expected


def test_extension_recorded_in_time_moves_the_date():
    ext = Extension(D(2025, 6, 30), D(2025, 12, 31), recorded_on=D(2025, 6, 20), reason="资金未到位")
    assert effective_due(D(2025, 6, 30), [ext]) == D(2025, 12, 31)
    assert judge(TaskState(due=effective_due(D(2025, 6, 30), [ext])), D(2025, 8, 1)).light == GREEN


def test_extension_recorded_after_the_date_leaves_the_task_overdue():
    late = Extension(D(2025, 6, 30), D(2025, 12, 31), recorded_on=D(2025, 7, 10))
    assert effective_due(D(2025, 6, 30), [late]) == D(2025, 6, 30)
    assert judge(TaskState(due=effective_due(D(2025, 6, 30), [late])), D(2025, 8, 1)).status == OVERDUE


def test_chained_extensions_stop_at_the_first_late_one():
    first = Extension(D(2025, 6, 30), D(2025, 9, 30), recorded_on=D(2025, 6, 1))
    second = Extension(D(2025, 9, 30), D(2025, 12, 31), recorded_on=D(2025, 10, 5))  # after 9-30: too late
    assert effective_due(D(2025, 6, 30), [second, first]) == D(2025, 9, 30)


def test_progress_summary_at_a_date():
    entries = [ProgressEntry(D(2025, 3, 1), None, 20), ProgressEntry(D(2025, 6, 1), DONE, 100),
               ProgressEntry(D(2025, 7, 1), IN_PROGRESS, 90)]
    assert summarise_progress(entries, D(2025, 2, 1)) == summarise_progress([], D(2025, 2, 1))
    assert summarise_progress(entries, D(2025, 6, 15)).done_on == D(2025, 6, 1)
    reopened = summarise_progress(entries, D(2025, 8, 1))
    assert (reopened.done_on, reopened.percent, reopened.started_on) == (None, 90, D(2025, 3, 1))


def test_pace_gap_and_light():
    # a year-long task, half the time gone, 20 % reported: 30 points behind (yellow, 30 is still yellow)
    gap = pace_gap(D(2025, 1, 1), D(2025, 12, 31), D(2025, 7, 2), 20)
    assert gap == pytest.approx(30.0, abs=0.5)
    assert pace_light(9.9) == GREEN and pace_light(10) == YELLOW and pace_light(30) == YELLOW
    assert pace_light(30.1) == RED and pace_light(None) is None
    assert pace_gap(D(2025, 1, 1), D(2025, 12, 31), D(2025, 7, 2), None) is None
    assert pace_gap(None, D(2025, 12, 31), D(2025, 7, 2), 50) is None
    verdict = judge(TaskState(due=D(2025, 12, 31), start=D(2025, 1, 1), percent=5), D(2025, 10, 1))
    assert verdict.pace_light == RED and verdict.light == GREEN  # on time by date, behind by pace
