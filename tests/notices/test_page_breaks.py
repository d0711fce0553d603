"""Page breaks read back from the PDFs: a heading keeps its first lines, a long section splits to fill the page,
a table that breaks leaves rows under its header and repeats it, and no label wraps into a lone 页）."""
import dataclasses
import io
import re
from datetime import date

import pdfplumber
import pytest

from app.notices import layout as L
from app.notices.bulletin import DEFAULT_REQUIREMENTS as BULLETIN_REQUIREMENTS
from app.notices.bulletin import bulletin_pdf
from app.notices.content import STYLE_LETTER, Bulletin, NoticeNumber, SupervisionNotice, UnitProgress
from app.notices.linebreak import NO_LINE_START
from app.notices.reminder import DEFAULT_REQUIREMENTS as REMINDER_REQUIREMENTS
from app.notices.supervision import DEFAULT_REQUIREMENTS, supervision_pdf

from . import pdfcheck
from .samples import GOLD, OFFICE, TODAY, gold_matrix, task_lines

HEADING = re.compile(r"^(（[一二三四五六七八九十]+）|[一二三四五六七八九十]+、)")
BODY_FONT = "UMing"  # the bundled 仿宋 stand-in: headings are set in other faces
SIGNATURE_START = ("特此函告",)


@dataclasses.dataclass
class Line:
    text: str
    top: float
    bottom: float
    heading: bool


def _pages(data: bytes) -> list[list[Line]]:
    """Each page's text lines (page numbers left out), top to bottom."""
    pages = []
    with pdfplumber.open(io.BytesIO(data)) as pdf:
        for page in pdf.pages:
            rows = []
            for text, chars in pdfcheck.lines(page):
                if pdfcheck.PAGE_NUMBER.match(text.strip()):
                    continue
                text = text.replace(" ", "")
                heading = bool(HEADING.match(text)) and round(chars[0]["size"]) == L.SIZE_3 \
                    and BODY_FONT not in chars[0]["fontname"]
                rows.append(Line(text, min(c["top"] for c in chars), max(c["bottom"] for c in chars), heading))
            pages.append(rows)
    return pages


def _plans():
    """Every sample plan with its two busiest units' tasks."""
    for path in sorted(GOLD.glob("*.json")):
        matrix = gold_matrix(path.name)
        counts: dict[str, int] = {}
        for task in matrix.tasks:
            for unit in task.lead + task.responsible:
                counts[unit] = counts.get(unit, 0) + 1
        for unit in sorted(counts, key=lambda u: (-counts[u], u))[:2]:
            yield matrix, unit, task_lines(matrix, unit)


def _letters():
    """督办函 of every sample unit, from one task to eight, with the standard requirements and with longer ones."""
    longer = tuple(a + b for a, b in zip(DEFAULT_REQUIREMENTS + BULLETIN_REQUIREMENTS, REMINDER_REQUIREMENTS * 3))
    for _, unit, tasks in _plans():
        for requirements in ((), longer):
            for n in range(1, min(len(tasks), 8) + 1, 2):
                yield SupervisionNotice(NoticeNumber("市督办", 2026, 12), unit, tasks[:n], TODAY, date(2026, 11, 30),
                                        OFFICE, requirements, style=STYLE_LETTER)


def _bulletins():
    """情况通报 of every sample plan: its units ranked by overdue work, a count row per status and per progress
    reported (a few numbers of each, with and without the red header, to move the page breaks), two units'
    overdue tasks."""
    statuses = ("逾期", "临期", "正常推进", "未定时限", "已完成")
    for path in sorted(GOLD.glob("*.json")):
        matrix = gold_matrix(path.name)
        units: dict[str, list] = {}
        for task in matrix.tasks:
            for unit in task.lead + task.responsible:
                units.setdefault(unit, []).append(task)
        ranked = sorted(units, key=lambda u: (-len(units[u]), u))
        overdue = tuple((u, tuple(dataclasses.replace(t, days_late=30 - 7 * i)
                                  for i, t in enumerate(task_lines(matrix, u)[:2]))) for u in ranked[:2])
        for kinds, reported, shown, red in ((2, 3, 6, False), (3, 2, 16, False), (4, 1, 6, False), (5, 3, 10, True),
                                            (5, 2, 40, False)):
            counts = tuple((s, 1 + i) for i, s in enumerate(statuses[:kinds]))
            total = sum(n for _, n in counts)
            progress = [total // reported] * reported
            progress[-1] += total - sum(progress)
            rows = tuple(UnitProgress(u, len(units[u]), len(units[u]) // 3, len(units[u]) // 4)
                         for u in ranked[:shown])
            yield Bulletin(NoticeNumber("市督通", 2026, 3), matrix.plan.title or "", "某政发〔2023〕5号", TODAY,
                           TODAY, counts, tuple(zip(("未启动", "推进中", "已完成"), progress)), rows, overdue,
                           dataclasses.replace(OFFICE, red_header=red))


@pytest.fixture(scope="module")
def bulletins(fonts):
    """The sample bulletins with their PDFs (made once for the tests of this module)."""
    return [(b, bulletin_pdf(b, fonts)) for b in _bulletins()]


@pytest.fixture(scope="module")
def letters(fonts):
    return [(n, supervision_pdf(n, fonts)) for n in _letters()]


# -- 1. headings keep their first lines; a long section splits and fills the page -------------------------------


def _heading_faults(pages: list[list[Line]]) -> list[str]:
    """Every heading standing at a page foot with fewer than two lines of its section under it, the section
    going on on the next page."""
    faults = []
    for number, lines in enumerate(pages[:-1], start=1):
        heads = [i for i, line in enumerate(lines) if line.heading]
        if heads and len(lines) - heads[-1] - 1 < 2 and not pages[number][0].heading:
            faults.append(f"p{number}: {' / '.join(x.text for x in lines[heads[-1]:])}")
    return faults


def test_a_heading_keeps_two_lines_of_its_section_at_a_page_foot(bulletins, letters):
    faults = []
    for bulletin, data in bulletins:
        faults += [f"{bulletin.plan_title[:12]} {len(bulletin.units)}: {f}" for f in _heading_faults(_pages(data))]
    for letter, data in letters:
        faults += [f"{letter.unit} {len(letter.tasks)}: {f}" for f in _heading_faults(_pages(data))]
    assert faults == []


def test_a_letter_fills_its_pages_and_splits_long_sections(letters):
    """Text that goes on to the next page leaves less than the room of a heading and two lines at a page foot
    (else something that could have split did not), unless what goes over is the signature block. (Measured
    from the last line's glyphs, which sit about a third of a line above the foot of that line.)"""
    split = 0
    for letter, data in letters:
        pages = _pages(data)
        for number, (lines, following) in enumerate(zip(pages, pages[1:]), start=1):
            if following[0].text.startswith(SIGNATURE_START):
                continue
            room = (pdfcheck.BLOCK[3] - lines[-1].bottom) / L.LINE_PITCH
            assert room < 3 + 0.4, f"{letter.unit} {len(letter.tasks)} p{number}: {room:.1f} lines empty"
            if "工作要求" in "".join(x.text for x in lines) and not any(x.text.startswith("特此函告")
                                                                    for x in lines):
                split += 1
    assert split  # some letter's 二、工作要求 does run over a page


# -- 2. tables that break ---------------------------------------------------------------------------------------


def _tables(data: bytes) -> list[list[tuple[float, float, list[list[str]]]]]:
    """Each page's tables: (top, bottom, rows of cell texts)."""
    out = []
    with pdfplumber.open(io.BytesIO(data)) as pdf:
        for page in pdf.pages:
            out.append([(t.bbox[1], t.bbox[3], [[(c or "").replace("\n", "") for c in row] for row in t.extract()])
                        for t in page.find_tables()])
    return out


def test_a_table_that_breaks_leaves_two_rows_at_the_foot_and_repeats_its_header(bulletins):
    breaks = 0
    for _, data in bulletins:
        pages, tables = _pages(data), _tables(data)
        for number in range(len(pages) - 1):
            if not tables[number] or not tables[number + 1]:
                continue
            _, bottom, rows = tables[number][-1]
            following = tables[number + 1][0]
            if any(line.top > bottom for line in pages[number]) or following[2][0] != rows[0]:
                continue  # the table ends on this page: text follows it, or another table starts the next
            # … else it goes on: at the top of the next page, under its header row again
            assert not any(line.bottom < following[0] for line in pages[number + 1]), "text before the header"
            breaks += 1
            data_rows = [r for r in rows[1:] if any(r)]
            assert len(data_rows) >= 2 and len(data_rows) == len(rows) - 1, \
                f"p{number + 1} ends with {rows[0]} over {rows[1:]}"  # whole rows, two at the least
            carried = [r for r in following[2][1:] if any(r)]
            assert len(carried) >= 2 and len(carried) == len(following[2]) - 1, following[2]
    assert breaks  # some bulletin's table does break


# -- 3. labels and lines without a lone 页） --------------------------------------------------------------------


def _lone(text: str) -> bool:
    """A line of closing marks alone, or of one character and its closing marks (页）)."""
    return sum(1 for ch in text if ch not in NO_LINE_START) <= 1


def test_no_line_is_a_closing_mark_or_a_lone_character(supervision, fonts, sample):
    _, _, tasks = sample
    documents = [supervision_pdf(supervision, fonts),
                 supervision_pdf(dataclasses.replace(supervision, tasks=tasks[:1]), fonts)]
    for data in documents:
        lines = [line.text for page in _pages(data) for line in page]
        assert "页）" not in lines
        assert [t for t in lines if _lone(t)] == []
        assert any("（可另附页）" == t or t.endswith("（可另附页）") for t in lines), lines  # the aside kept whole


@pytest.mark.parametrize("size", [12, 14, 16])
def test_a_label_wraps_without_a_lone_closing_mark_at_any_width(fonts, size):
    from app.notices.linebreak import split_lines

    font = fonts["hei"]
    for label in ("落实情况（可另附页）", "签收时间（年月日）", "备注（如有）", "存在问题（可另附页）"):
        for chars in range(4, len(label) + 1):  # a form's label column holds five characters or more
            lines = [t for _, t in split_lines(label, [chars * size + 0.5], font, size)]
            assert "".join(lines) == label
            assert not any(_lone(t) for t in lines[1:]), (label, chars, lines)
            aside = label[label.index("（"):]
            if len(aside) <= chars:  # the aside fits on a line: it is not cut
                assert any(aside in t for t in lines), (label, chars, lines)
