"""督办通知单 and 督办函 read back from the PDF: A4, inside the text block, content, number, fonts embedded."""
import dataclasses
import re

import pytest

from app.notices.content import STYLE_LETTER
from app.notices.supervision import supervision_pdf
from . import pdfcheck

NUMBER = re.compile(r"市督办〔2026〕12号")


@pytest.mark.parametrize("style", ["form", "letter"])
def test_notice_layout_and_content(supervision, fonts, style):
    notice = dataclasses.replace(supervision, style=style)
    data = supervision_pdf(notice, fonts)
    assert all(abs(w - pdfcheck.A4[0]) < 0.5 and abs(h - pdfcheck.A4[1]) < 0.5 for w, h in pdfcheck.page_sizes(data))
    # The letter form puts its issuer mark 30 mm from the top, above the block, as the standard says.
    allowed = (notice.office.issuer_mark,) if style == STYLE_LETTER else ()
    assert pdfcheck.outside_block(data, allowed) == []
    text = pdfcheck.text(data)
    assert notice.unit in text
    for task in notice.tasks:
        assert task.title in text
        assert task.deadline_text in text
    assert NUMBER.search(text)
    assert "2026年11月23日" in text and "2026年11月30日" in text  # dates in figures, not padded
    assert "（联系人：王敏，电话：0471-1234567）" in text
    embedded = pdfcheck.fonts(data)
    assert embedded and all(embedded.values()), embedded


def test_form_has_receipt_and_counterfoil(supervision, fonts):
    text = pdfcheck.text(supervision_pdf(supervision, fonts))
    assert "回执" in text and "签收人" in text and "签收时间" in text
    assert "存根" in text and "经办人" in text
    assert text.count("市督办〔2026〕12号") >= 3  # notice, receipt, counterfoil


def test_letter_has_no_page_number_on_page_one_and_alternating_sides(supervision, fonts):
    pages = pdfcheck.page_texts(supervision_pdf(dataclasses.replace(supervision, style=STYLE_LETTER), fonts))
    assert len(pages) >= 2
    assert not any(pdfcheck.PAGE_NUMBER.match(t) for t in pages[0])
    assert "— 2 —" in pages[1]


def test_page_numbers_odd_right_even_left(supervision, fonts):
    import io

    import pdfplumber

    data = supervision_pdf(supervision, fonts)
    with pdfplumber.open(io.BytesIO(data)) as pdf:
        assert len(pdf.pages) >= 2
        for number, page in enumerate(pdf.pages, start=1):
            line = [cs for t, cs in pdfcheck.lines(page) if t == f"— {number} —"]
            assert line, f"page {number} has no number"
            x0, x1 = min(c["x0"] for c in line[0]), max(c["x1"] for c in line[0])
            top = min(c["top"] for c in line[0])
            assert top > pdfcheck.BLOCK[3] + 6 * pdfcheck.MM  # 7 mm under the block
            if number % 2:
                assert abs(pdfcheck.BLOCK[2] - 14 - x1) < 2  # one 4号 character in from the right
            else:
                assert abs(x0 - pdfcheck.BLOCK[0] - 14) < 2


def test_long_table_repeats_its_header_row(supervision, fonts, sample):
    _, _, tasks = sample
    many = tuple(dataclasses.replace(tasks[i % len(tasks)], ref=f"{i + 1}") for i in range(40))
    pages = pdfcheck.page_texts(supervision_pdf(dataclasses.replace(supervision, tasks=many), fonts))
    with_header = [p for p in pages if any(t.startswith("编号任务") for t in p)]
    assert len(with_header) >= 2


def test_red_header_prints_issuer_mark_and_number(supervision, fonts):
    office = dataclasses.replace(supervision.office, red_header=True, header_title="某市人民政府督查室文件")
    data = supervision_pdf(dataclasses.replace(supervision, office=office), fonts)
    pages = pdfcheck.page_texts(data)
    assert pages[0][0] == "某市人民政府督查室文件"
    assert "市督办〔2026〕12号" in pages[0][1]
    assert pdfcheck.outside_block(data) == []


def test_same_input_gives_the_same_bytes(supervision, fonts):
    assert supervision_pdf(supervision, fonts) == supervision_pdf(supervision, fonts)
