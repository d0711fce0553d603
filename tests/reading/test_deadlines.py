"""Deadline phrases: every row of tests/fixtures/deadlines.tsv, the genre's other phrases, and random text."""
import csv
from datetime import date
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from app.reading.deadlines import parse_deadline

TABLE = Path(__file__).resolve().parents[1] / "fixtures" / "deadlines.tsv"
PLAN_YEAR = 2023  # for the table's relative rows ({year})


def _rows():
    with TABLE.open(encoding="utf-8", newline="") as f:
        return list(csv.DictReader(f, delimiter="\t"))


ROWS = _rows()


def _expected_date(cell: str) -> date | None:
    return date.fromisoformat(cell.replace("{year}", str(PLAN_YEAR))) if cell else None


def test_table_is_read():
    assert len(ROWS) >= 39
    assert {"text", "due", "ongoing", "start", "recurrence", "milestones"} <= set(ROWS[0])


@pytest.mark.parametrize("row", ROWS, ids=[r["text"] for r in ROWS])
def test_table_row(row):
    deadline, warning = parse_deadline(row["text"], plan_year=PLAN_YEAR)
    assert warning is None
    assert deadline.text == row["text"]
    assert deadline.due == _expected_date(row["due"])
    assert deadline.ongoing is (row["ongoing"] == "true")
    assert deadline.start == _expected_date(row["start"])
    assert deadline.recurrence == (row["recurrence"] or None)
    milestones = row["milestones"].split(";") if row["milestones"] else []
    assert deadline.milestones == tuple(_expected_date(d) for d in milestones)


@pytest.mark.parametrize(
    "text,due,ongoing",
    [
        ("2024年底前", "2024-12-31", False),
        ("2024年年底", "2024-12-31", False),
        ("2025年6月30日前", "2025-06-30", False),
        ("2024年9月", "2024-09-30", False),
        ("（2024年底前）", "2024-12-31", False),
        ("长期", None, True),
        ("常态化推进", None, True),
        ("立即启动，2024年3月底前完成", "2024-03-31", False),
        ("２０２４年６月底前", "2024-06-30", False),  # full-width digits
        ("二〇二四年十二月三十一日前", "2024-12-31", False),  # a date in Chinese numerals
        ("2024年度内", "2024-12-31", False),
        ("2024.6.30前", "2024-06-30", False),
        ("2024年第3季度", "2024-09-30", False),
        ("2024年年中", "2024-06-30", False),
        ("2025年元旦前", "2024-12-31", False),
        ("2024年中秋节前", "2024-09-16", False),  # 中秋 2024 fell on 17 September
        ("“十三五”末", "2020-12-31", False),
        ("2025年底前完成并持续巩固", "2025-12-31", True),
        ("完成时限：2026年6月底前", "2026-06-30", False),
    ],
)
def test_phrases_of_the_genre(text, due, ongoing):
    deadline, warning = parse_deadline(text, plan_year=2023)
    assert warning is None
    assert (deadline.due, deadline.ongoing) == (date.fromisoformat(due) if due else None, ongoing)


def test_start_then_ongoing_keeps_start():
    deadline, _ = parse_deadline("2023年起持续推进")
    assert (deadline.start, deadline.due, deadline.ongoing) == (date(2023, 1, 1), None, True)


def test_month_range_takes_the_year_named_before_it():
    deadline, warning = parse_deadline("2024年3月至6月")
    assert warning is None
    assert (deadline.start, deadline.due) == (date(2024, 3, 1), date(2024, 6, 30))


def test_start_to_end_range():
    deadline, _ = parse_deadline("2023年起至2025年底")
    assert (deadline.start, deadline.due, deadline.ongoing) == (date(2023, 1, 1), date(2025, 12, 31), False)


def test_relative_parts_take_the_year_named_earlier_not_the_plan_year():
    deadline, _ = parse_deadline("2024年3月底前启动，年底前完成", plan_year=2020)
    assert deadline.due == date(2024, 12, 31)
    assert deadline.milestones == (date(2024, 3, 31), date(2024, 12, 31))


def test_relative_phrase_resolves_against_the_plan_year():
    assert parse_deadline("6月底前", plan_year=2022)[0].due == date(2022, 6, 30)
    assert parse_deadline("下半年", plan_year=2022)[0].due == date(2022, 12, 31)
    assert parse_deadline("次年6月底前", plan_year=2022)[0].due == date(2023, 6, 30)


def test_a_count_of_years_is_not_this_year():
    deadline, warning = parse_deadline("3年内", plan_year=2022)
    assert deadline.due is None and warning


def test_relative_phrase_without_a_plan_year_warns():
    deadline, warning = parse_deadline("年底前")
    assert deadline.due is None and deadline.text == "年底前"
    assert warning and "年份" in warning


def test_recurrences():
    assert parse_deadline("每年1月10日前")[0].recurrence == "yearly:01-10"
    assert parse_deadline("每年年底")[0].recurrence == "yearly:12-31"
    monthly, _ = parse_deadline("每月")
    assert (monthly.recurrence, monthly.ongoing, monthly.due) == ("monthly", True, None)


@pytest.mark.parametrize("text", ["立即", "尽快", "", "见附件", "2024年13月底前", "2023年2月30日", "0990年底前"])
def test_unreadable_phrase_is_kept_with_a_warning(text):
    deadline, warning = parse_deadline(text, plan_year=2023)
    assert deadline.text == text
    assert deadline.due is None and deadline.ongoing is False
    assert warning and "完成时限" in warning


@settings(max_examples=300, deadline=None)
@given(st.text(alphabet=st.sampled_from("0123456789年月日底前末起至到—-每季度半上下旬第一二三四五十〇春节国庆中秋端午今明次旬持续起“”（）,，、 \n"), max_size=60))
def test_random_deadline_text_never_raises(text):
    deadline, warning = parse_deadline(text, plan_year=2024)
    assert deadline.text == text
    assert warning is None or isinstance(warning, str)


@settings(max_examples=200, deadline=None)
@given(st.text(max_size=80))
def test_any_unicode_never_raises(text):
    assert parse_deadline(text)[0].text == text


def test_long_noise_is_fast():
    import time

    noise = "2024年" * 20000 + "每" * 20000 + "十四五" * 10000 + "1" * 50000
    t0 = time.process_time()  # CPU time: a machine busy with other work does not make it fail
    parse_deadline(noise, plan_year=2024)
    assert time.process_time() - t0 < 2.0
