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


def test_paragraphs_of_the_same_text_share_lines_only_at_the_same_width(fonts):
    from app.notices.layout import make_styles, para

    cell = make_styles(fonts).cell
    text = "市发展和改革委员会牵头，市财政局配合完成专项资金的拨付工作"
    first, same, narrower, other = (para(text, cell), para(text, cell), para(text, cell),
                                    para(text + "并报送", cell))
    for p, width in ((first, 120), (same, 120), (narrower, 80), (other, 120)):
        p.wrap(width, 1000)
    assert same.blPara.lines == first.blPara.lines and same.height == first.height
    assert len(narrower.blPara.lines) > len(first.blPara.lines)
    assert "".join(t[0] for _, t in other.blPara.lines) == text + "并报送"
    # a split paragraph keeps lines of its own: its two parts hold the whole text, once
    head, tail = first.split(120, cell.leading * 2 + 1) or (None, None)
    assert head is not None and tail is not None
    head.wrap(120, 1000)
    tail.wrap(120, 1000)
    parts = [t[0] for p in (head, tail) for _, t in p.blPara.lines]
    assert "".join(parts) == text
