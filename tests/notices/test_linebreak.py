"""Line breaking: no closing mark starts a line, no opening mark ends one, numbers stay whole, nothing overflows."""
import pytest
from reportlab.pdfbase.pdfmetrics import stringWidth

from app.notices.linebreak import NO_LINE_END, NO_LINE_START, split_lines

SIZE = 16


@pytest.fixture(scope="module")
def font(fonts):
    return fonts["fangsong"]


def _lines(text, width, font):
    return [t for _, t in split_lines(text, [width], font, SIZE)]


def test_a_closing_mark_goes_down_with_the_character_before_it(font):
    # Five characters fit; the sixth is a full stop, which may not start the next line.
    lines = _lines("一二三四五。六七", 5 * SIZE, font)
    assert lines == ["一二三四", "五。六七"]


def test_an_opening_mark_never_ends_a_line(font):
    assert _lines("一二三四《五六》", 5 * SIZE, font) == ["一二三四", "《五六》"]


def test_a_number_is_not_cut(font):
    lines = _lines("截至二〇二六年12345678", 8 * SIZE, font)
    assert lines[1].startswith("1234") and "".join(lines) == "截至二〇二六年12345678"


def test_every_line_fits_and_no_text_is_lost(font):
    text = "根据《方案》（某政发〔2026〕3号）分工，你单位牵头的任务：一、二、三。请于2026年11月30日前反馈！" * 7
    width = 27.6 * SIZE
    lines = split_lines(text, [width], font, SIZE)
    assert "".join(t for _, t in lines) == text
    for i, (_, line) in enumerate(lines):
        assert stringWidth(line, font, SIZE) <= width + 1e-6
        if i:
            assert line[0] not in NO_LINE_START
        assert line[-1] not in NO_LINE_END or i == len(lines) - 1


def test_an_unbreakable_run_longer_than_a_line_is_cut_anyway(font):
    lines = _lines("a" * 200, 10 * SIZE, font)
    assert "".join(lines) == "a" * 200 and len(lines) > 1
