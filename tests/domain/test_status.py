"""Status and lights at a date, extensions, recurrences, 序时进度."""
from datetime import date

import pytest

from app.domain.status import (
    BLUE, DONE, GREEN, GREY, IN_PROGRESS, LIGHT_WORDS, LIGHTS, NO_LIGHT, NOT_STARTED, ONGOING, OVERDUE, RED,
    STATUSES, UNDATED, YELLOW,
    Extension, ProgressEntry, TaskState, effective_due, judge, next_occurrence, pace_gap, pace_light,
    summarise_progress,
)

D = date


@pytest.mark.parametrize("state,today,light,progress", [
    (TaskState(due=D(2025, 12, 31), ongoing=True), D(2025, 12, 1), YELLOW, NOT_STARTED),   # 30 days: yellow
    (TaskState(due=D(2025, 12, 31), ongoing=True), D(2025, 11, 30), GREEN, NOT_STARTED),   # 31 days: green
    (TaskState(due=D(2025, 12, 31)), D(2025, 12, 31), YELLOW, NOT_STARTED),               # the day itself
    (TaskState(due=D(2025, 12, 31)), D(2026, 1, 1), RED, NOT_STARTED),
    (TaskState(due=D(2025, 12, 31), ongoing=True), D(2026, 1, 1), RED, NOT_STARTED),          # dated part late
    (TaskState(due=None, ongoing=True), D(2025, 12, 1), BLUE, NOT_STARTED),
    (TaskState(due=None), D(2025, 12, 1), NO_LIGHT, NOT_STARTED),            # no deadline: not 持续推进
    (TaskState(due=None, started_on=D(2025, 1, 1)), D(2025, 12, 1), NO_LIGHT, IN_PROGRESS),
    (TaskState(due=D(2026, 6, 30), started_on=D(2025, 1, 1)), D(2025, 12, 1), GREEN, IN_PROGRESS),
    (TaskState(due=D(2026, 6, 30), started_on=D(2026, 1, 1)), D(2025, 12, 1), GREEN, NOT_STARTED),  # later report
    (TaskState(due=D(2025, 6, 30), done_on=D(2025, 6, 1)), D(2025, 12, 1), GREY, DONE),
    (TaskState(due=D(2025, 6, 30), done_on=D(2025, 7, 1)), D(2025, 6, 15), YELLOW, NOT_STARTED),  # not done yet
    (TaskState(due=D(2025, 12, 31), ongoing=True, done_on=D(2025, 12, 1)), D(2026, 3, 1), BLUE, DONE),
    (TaskState(due=None, ongoing=True, recurrence="yearly:12-31"), D(2025, 12, 10), YELLOW, NOT_STARTED),
    (TaskState(due=None, ongoing=True, recurrence="yearly:12-31"), D(2025, 6, 10), GREEN, NOT_STARTED),
])
def test_judge(state, today, light, progress):
    verdict = judge(state, today, yellow_days=30)
    assert (verdict.light, verdict.progress_state) == (light, progress)
    assert verdict.status == LIGHT_WORDS[light].status  # one vocabulary: the status is the light's word


def test_one_word_per_light_and_status():
    assert [LIGHT_WORDS[light].status for light in LIGHTS] == list(STATUSES)
    assert len(set(STATUSES)) == len(LIGHTS)
    assert not set(STATUSES) & {NOT_STARTED, IN_PROGRESS}  # 进展 words are never statuses
    assert (OVERDUE, ONGOING, UNDATED) == ("逾期", "持续推进", "未定时限")


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


def test_a_late_extension_names_the_date_the_task_is_still_judged_by():
    from app.domain.status import Extension, effective_due, extension_note

    plan_due = date(2025, 12, 31)
    in_time = Extension(plan_due, new_due=date(2026, 3, 31), recorded_on=date(2025, 11, 1))
    too_late = Extension(date(2026, 3, 31), new_due=date(2026, 6, 30), recorded_on=date(2026, 4, 10))  # 03-31 passed
    judged = effective_due(plan_due, [in_time, too_late])
    assert judged == date(2026, 3, 31)  # the first extension counts, the second does not
    assert extension_note(plan_due, "2025年底前", date(2026, 6, 30), judged) == \
        "原定 2025年底前，已延期至 2026-06-30（逾期后延期，仍按 2026-03-31 判定）"
    only_late = effective_due(plan_due, [Extension(plan_due, new_due=date(2026, 6, 30), recorded_on=date(2026, 1, 10))])
    assert extension_note(plan_due, "2025年底前", date(2026, 6, 30), only_late) == \
        "原定 2025年底前，已延期至 2026-06-30（逾期后延期，仍按 2025-12-31 判定）"
    assert extension_note(plan_due, "2025年底前", date(2026, 3, 31), date(2026, 3, 31)) == \
        "原定 2025年底前，已延期至 2026-03-31"
