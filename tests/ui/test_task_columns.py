"""The table's columns without Qt: what a cell shows and its tooltip."""
from __future__ import annotations

from datetime import date
from types import SimpleNamespace

from app.ui.task_columns import COL_DUE, COL_LEAD, COLUMNS, TOOLTIP_WRAP, tooltip_text


def _row(**fields):
    defaults = dict(deadline_text="", due=None, original_due=None, current_due=None, due_effective=None, lead=(),
                    responsible=())
    return SimpleNamespace(**(defaults | fields))


def test_the_deadline_cell_shows_the_printed_deadline_or_the_extension():
    due = COLUMNS[COL_DUE].value
    assert due(_row(deadline_text="2025年底前", due=date(2025, 12, 31), original_due=date(2025, 12, 31),
                    current_due=date(2025, 12, 31))) == "2025年底前"
    assert due(_row(due=date(2026, 3, 31))) == "2026-03-31"  # no printed text: the date
    extended = dict(deadline_text="2025年底前", original_due=date(2025, 12, 31), current_due=date(2026, 6, 30))
    # the original as the plan printed it; judged against the new date (recorded in time), or still the old one
    assert due(_row(**extended, due_effective=date(2026, 6, 30))) == "原定 2025年底前，已延期至 2026-06-30"
    assert due(_row(**extended, due_effective=date(2025, 12, 31))) == \
        "原定 2025年底前，已延期至 2026-06-30（逾期后延期，仍按 2025-12-31 判定）"
    # no printed deadline: the plan's date
    assert due(_row(original_due=date(2025, 12, 31), current_due=date(2026, 6, 30), due_effective=date(2026, 6, 30))) \
        == "原定 2025-12-31，已延期至 2026-06-30"
    # an extension of a task the plan gave no date: the printed deadline stands for the original
    assert due(_row(deadline_text="持续推进", current_due=date(2026, 6, 30), due_effective=date(2026, 6, 30))) == \
        "原定 持续推进，已延期至 2026-06-30"


def test_unit_cells_join_the_units():
    assert COLUMNS[COL_LEAD].value(_row(lead=("市发展改革委", "市财政局"))) == "市发展改革委、市财政局"
    assert COLUMNS[COL_LEAD].value(_row(lead=None)) == ""


def test_a_long_tooltip_wraps_as_escaped_rich_text():
    assert tooltip_text("短文本") == "短文本"
    assert tooltip_text(None) == ""
    long = "<落实>" + "甲" * TOOLTIP_WRAP
    wrapped = tooltip_text(long)
    assert wrapped.startswith("<p style='white-space:pre-wrap'>") and "&lt;落实&gt;" in wrapped
    assert "<落实>" not in wrapped
