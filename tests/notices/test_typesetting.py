"""Line and page breaks as a typesetter would make them, read back from the PDFs."""
import dataclasses
import io
import json
import random
import re

import pdfplumber
import pytest
from pypdf import PdfReader

from app.notices import layout as L
from app.notices.bulletin import bulletin_pdf
from app.notices.content import (
    STYLE_LETTER, Bulletin, NoticeNumber, ReminderNotice, SupervisionNotice, UnitProgress,
)
from app.notices.linebreak import balance_title, split_lines
from app.notices.merge import merge_pdfs
from app.notices.reminder import reminder_pdf
from app.notices.supervision import supervision_pdf

from . import pdfcheck
from .samples import GOLD, OFFICE, TODAY

HEADING = re.compile(r"^(（[一二三四五六七八九十]+）|[一二三四五六七八九十]+、)")
TASK_NUMBER = re.compile(r"^[一二三四五六七八九十]+（[一二三四五六七八九十]+）$")


def _pages(data: bytes) -> int:
    return len(PdfReader(io.BytesIO(data)).pages)


def _late(tasks, n):
    return tuple(dataclasses.replace(t, days_late=40 - 7 * i, times_chased=i % 3,
                                     previous_number=f"市督办〔2026〕{10 + i}号" if i % 3 else None)
                 for i, t in enumerate(tasks[:n]))


def plan_titles() -> list[str]:
    return [json.loads(p.read_text(encoding="utf-8"))["plan"]["title"] for p in sorted(GOLD.glob("*.json"))]


def test_a_one_task_reminder_is_one_page(sample, fonts):
    _, unit, tasks = sample
    by_length = sorted(tasks, key=lambda t: len(t.title) + len(t.deadline_text))
    for task in (by_length[0], by_length[len(by_length) // 2], by_length[-1]):  # short to long title and deadline
        notice = ReminderNotice(NoticeNumber("市催办", 2026, 7), unit, _late((task,), 1), TODAY, TODAY, OFFICE)
        data = reminder_pdf(notice, fonts)
        assert _pages(data) == 1, task.title
        text = PdfReader(io.BytesIO(data)).pages[0].extract_text().replace(" ", "").replace("\n", "")
        assert task.title[:8] in text and "抄送：" in text and "2026年11月23日印发" in text  # the 版记 too
        assert pdfcheck.outside_block(data) == []


def test_a_longer_reminder_keeps_the_standard_line_pitch(sample, fonts):
    """Tightening is for a few lines too many, not for every notice: eight tasks keep 22 lines a page."""
    _, unit, tasks = sample
    data = reminder_pdf(ReminderNotice(NoticeNumber("市催办", 2026, 8), unit, _late(tasks, 8), TODAY, TODAY, OFFICE),
                        fonts)
    with pdfplumber.open(io.BytesIO(data)) as pdf:
        tops = sorted({round(c["top"], 1) for c in pdf.pages[-1].chars if round(c["size"]) == 16})
    gaps = [b - a for a, b in zip(tops, tops[1:]) if 20 < b - a < 35]
    assert gaps and max(gaps) == pytest.approx(L.LINE_PITCH, abs=0.6)


def _generated_titles(n: int) -> list[str]:
    rng = random.Random(11)
    words = [w for t in plan_titles() for w in re.split(r"[《》（）]", t) if len(w) >= 2]
    titles = []
    for i in range(n):
        inner = "".join(rng.choice(words) for _ in range(rng.randint(2, 5)))
        shape = i % 3
        if shape == 0:
            titles.append(f"关于印发《{inner}》的通知")
        elif shape == 1:
            titles.append(f"关于《{inner}》（某政发〔2026〕{i + 1}号）落实情况的通报")
        else:
            titles.append(f"关于督促落实《{rng.choice(words)}《{inner}》》有关任务的函")
    return titles


def _title_lines(data: bytes) -> list[list[str]]:
    """The lines of each 2号 title, read back: consecutive 22 pt lines form one title."""
    titles: list[list[str]] = []
    with pdfplumber.open(io.BytesIO(data)) as pdf:
        for page in pdf.pages:
            previous_bottom = None
            for text, chars in pdfcheck.lines(page):
                if round(chars[0]["size"]) != L.SIZE_2:
                    previous_bottom = None
                    continue
                if previous_bottom is None or chars[0]["top"] - previous_bottom > L.SIZE_2:
                    titles.append([])
                titles[-1].append(text.replace(" ", ""))
                previous_bottom = max(c["bottom"] for c in chars)
    return titles


def test_titles_have_no_line_of_one_or_two_characters(fonts):
    titles = [f"关于督促落实《{t}》有关任务的函" for t in plan_titles()]
    titles += [f"关于《{t}》（某政发〔2023〕5号）落实情况的通报" for t in plan_titles()]
    titles += _generated_titles(30)
    st = L.make_styles(fonts)
    story = []
    for title in titles:
        story += [L.title(title, st), L.blank_lines(1)]
    read = _title_lines(L.render(story, fonts, title="titles"))
    assert ["".join(lines) for lines in read] == [t.replace(" ", "") for t in titles]
    for lines in read:
        assert all(len(line) >= 3 for line in lines), lines
        if len(lines) > 1:  # balanced: no line much shorter than the others, save the last
            assert min(len(x) for x in lines) >= max(len(x) for x in lines) / 3, lines


def test_a_short_title_breaks_at_a_phrase_boundary(fonts):
    lines = balance_title("关于督促落实《计量发展规划（2021—2035年）》有关任务的函", fonts["title"], L.SIZE_2,
                          L.BLOCK_WIDTH)
    assert lines == ["关于督促落实《计量发展规划", "（2021—2035年）》有关任务的函"] or lines[0].endswith("》") \
        or lines[1].startswith(("《", "的", "有关"))
    assert all(len(x) >= 3 for x in lines)


def test_task_and_document_numbers_are_not_cut(fonts):
    font = fonts["fangsong"]
    text = "根据任务分工三（十一）由你单位牵头，依据某政发〔2026〕112号文件，规划期2021—2035年，已逾期142天"
    for width in range(8, 30):  # 〔2026〕112号 is 6.5 characters wide
        lines = [t for _, t in split_lines(text, [width * 16], font, 16)]
        assert "".join(lines) == text
        for run in ("三（十一）", "〔2026〕112号", "2021—2035年", "142天"):
            assert any(run in line for line in lines), (width, lines)


def _last_lines(data: bytes) -> list[tuple[str, list[dict]]]:
    """Each page's last line of the text block (its page number and 版记 rules aside)."""
    last = []
    with pdfplumber.open(io.BytesIO(data)) as pdf:
        for page in pdf.pages:
            rows = [(t, cs) for t, cs in pdfcheck.lines(page) if not pdfcheck.PAGE_NUMBER.match(t.strip())]
            if rows:
                last.append(rows[-1])
    return last


def _is_heading(text: str, chars: list[dict], body_font: str) -> bool:
    return bool(HEADING.match(text.strip())) and round(chars[0]["size"]) == L.SIZE_3 \
        and body_font not in chars[0]["fontname"]


@pytest.mark.parametrize("count", [3, 6, 9, 12])
def test_no_page_ends_with_a_heading(sample, fonts, count):
    _, unit, tasks = sample
    many = tuple(tasks[i % len(tasks)] for i in range(count))
    letter = SupervisionNotice(NoticeNumber("市督办", 2026, 12), unit, many, TODAY, TODAY, OFFICE, style=STYLE_LETTER)
    bulletin = Bulletin(NoticeNumber("市督通", 2026, 3), "某方案", None, TODAY, TODAY, (("逾期", count),),
                        (("推进中", count),), (UnitProgress(unit, count, 0, count),),
                        tuple((f"某单位{i}", _late(tasks, 1 + i % 3)) for i in range(count)), OFFICE)
    body_font = "UMing"
    for data in (supervision_pdf(letter, fonts), bulletin_pdf(bulletin, fonts)):
        for text, chars in _last_lines(data):
            assert not _is_heading(text, chars, body_font), text


def test_no_table_cell_splits_a_task_or_notice_number(sample, fonts):
    _, unit, tasks = sample
    refs = ["三（十一）", "十二（十四）", "二（一）", "（十一）"]
    numbered = tuple(dataclasses.replace(t, ref=refs[i % len(refs)]) for i, t in enumerate(tasks[:8]))
    late = tuple(dataclasses.replace(t, previous_number=f"市督查办〔2026〕{100 + i}号") for i, t in
                 enumerate(_late(numbered, 8)))
    reminder = reminder_pdf(ReminderNotice(NoticeNumber("市催办", 2026, 9), unit, late, TODAY, TODAY, OFFICE), fonts)
    form = supervision_pdf(SupervisionNotice(NoticeNumber("市督办", 2026, 9), unit, numbered, TODAY, TODAY, OFFICE),
                           fonts)
    for data in (reminder, form):
        with pdfplumber.open(io.BytesIO(data)) as pdf:
            rows = [row for page in pdf.pages for table in page.extract_tables() for row in table]
        task_rows = [r for r in rows if r[0] and r[0].replace("\n", "") in refs]
        assert len(task_rows) == len(numbered)
        for row in task_rows:
            assert "\n" not in row[0], row  # the number on one line
        headers = [cell or "" for r in rows if r[0] == "编号" for cell in r]
        assert headers and all(len(line) >= 2 for h in headers for line in h.split("\n")), headers
        assert all(len(h.split("\n")) <= 2 for h in headers), headers  # one line, or two even ones
        if data is reminder:
            numbers = [r[-1] for r in task_rows if r[-1] and "〔" in r[-1]]
            assert numbers and all(re.search(r"〔2026〕\d+号", n.split("\n")[-1]) for n in numbers), numbers


def test_a_merged_batch_restarts_page_numbers_and_can_start_each_notice_on_an_odd_page(supervision, fonts,
                                                                                         tmp_path):
    notices = [dataclasses.replace(supervision, number=NoticeNumber("市督办", 2026, i), tasks=supervision.tasks[:k])
               for i, k in ((1, 1), (2, 4), (3, 2))]
    parts = [supervision_pdf(n, fonts) for n in notices]
    counts = [_pages(p) for p in parts]
    assert any(c % 2 for c in counts)
    one_sided = pdfcheck.page_texts(merge_pdfs(parts, tmp_path / "a.pdf").read_bytes())
    numbers = [next((t for t in page if pdfcheck.PAGE_NUMBER.match(t.strip())), None) for page in one_sided]
    expected = [f"— {k} —" for c in counts for k in range(1, c + 1)]
    assert numbers == expected
    two = PdfReader(str(merge_pdfs(parts, tmp_path / "b.pdf", two_sided=True)))
    starts, page = [], 0
    for c in counts:
        starts.append(page + 1)
        page += c + c % 2
    assert len(two.pages) == sum(c + c % 2 for c in counts[:-1]) + counts[-1]  # no blank after the last
    for start, notice in zip(starts, notices):
        assert start % 2 == 1
        assert notice.number.text in two.pages[start - 1].extract_text().replace(" ", "")
