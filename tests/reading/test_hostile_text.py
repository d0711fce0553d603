"""Hostile text (issue 14): no item limit, lone surrogates, and linear time on runs that made rules quadratic.

Linear growth is checked by timing 10 k / 20 k / 40 k inputs, best of three each: linear work grows
4× from 10 k to 40 k, quadratic 16×. The bound (8× plus a fixed 50 ms for start-up noise) lets a
loaded machine pass a linear rule and fails a quadratic one.
"""
from __future__ import annotations

import time
from typing import Callable

from app.reading.extract import extract_text
from app.reading.notes import find_notes
from app.reading.structure import parse_outline


def _best_of_three(work: Callable[[], object]) -> float:
    best = float("inf")
    for _ in range(3):
        started = time.perf_counter()
        work()
        best = min(best, time.perf_counter() - started)
    return best


def assert_near_linear(make_input: Callable[[int], str], run: Callable[[str], object]) -> None:
    inputs = {n: make_input(n) for n in (10_000, 20_000, 40_000)}
    times = {n: _best_of_three(lambda text=text: run(text)) for n, text in inputs.items()}
    assert times[40_000] <= 8 * times[10_000] + 0.05, times
    assert times[20_000] <= 4 * times[10_000] + 0.05, times


def test_a_plan_of_1500_numbered_items_gives_1500_tasks():
    text = "一、重点任务\n" + "".join(f"{i}. 做好第{i}项工作。（责任单位：市财政局）\n" for i in range(1, 1501))
    tasks = extract_text(text, "long.txt").tasks
    assert len(tasks) == 1500
    assert [t.ref for t in tasks[998:1001]] == [("一", "999"), ("一", "1000"), ("一", "1001")]
    assert tasks[1499].title == "做好第1500项工作"
    assert (tasks[1499].lead, tasks[1499].responsible) == (["市财政局"], [])  # the first listed leads


def test_a_line_starting_with_a_year_is_not_an_item():
    outline = parse_outline("一、重点任务\n1. 做好工作，\n2025、2026年持续推进。\n（1）细化措施\n2024 年完成\n")
    assert [i.ref for i in outline.items] == [("一",), ("一", "1"), ("一", "1", "（1）")]
    assert outline.items[1].lines == ["做好工作，", "2025、2026年持续推进。"]


def test_four_digit_points_continue_their_numbering():
    text = "一、任务\n" + "".join(f"（{i}）第{i}点\n" for i in range(998, 1003))
    assert [i.label for i in parse_outline(text).items[1:]] == ["（998）", "（999）", "（1000）", "（1001）", "（1002）"]


def test_lone_surrogates_do_not_stop_the_reader():
    matrix = extract_text("一、重点任务\n（一）做好\ud800工作。（责任单位：市财政局\udc00、市教育局）\n", "s.txt")
    assert [t.title for t in matrix.tasks] == ["做好\ufffd工作"]
    assert (matrix.tasks[0].lead, matrix.tasks[0].responsible) == (["市财政局\ufffd"], ["市教育局"])


def test_a_long_run_of_spaces_between_latin_letters_reads_in_linear_time():
    started = time.perf_counter()
    matrix = extract_text("一、重点任务\n（一）推进a" + " " * 40_000 + "b工作。（责任单位：市财政局）\n", "s.txt")
    assert time.perf_counter() - started < 3
    assert matrix.tasks[0].lead == ["市财政局"]
    assert_near_linear(lambda n: "一、任务\n（一）a" + " " * n + "b\n", lambda text: extract_text(text))


def test_runs_of_unclosed_brackets_cost_linear_time_in_the_note_finder():
    started = time.perf_counter()
    assert find_notes("（" * 200_000) == []  # each bracket's rest was cut out and stripped: 40 GB copied
    assert time.perf_counter() - started < 5
    assert_near_linear(lambda n: "（" * n, find_notes)
    assert_near_linear(lambda n: "（市局、" * (n // 4), find_notes)
    assert_near_linear(lambda n: "一、任务\n（一）推进" + "〔（【" * (n // 3) + "\n", lambda text: extract_text(text))


def test_a_note_with_nested_brackets_is_still_read():
    notes = find_notes("推进工作（责任单位：各县（市、区）人民政府（管委会）、市财政局（牵头））")
    assert [n.units for n in notes] == [["市财政局", "各县（市、区）人民政府（管委会）"]]
