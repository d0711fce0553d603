"""Text a notice cannot draw or lay out in bounded time: marked, drawn in another face, or cut, with warnings."""
import io
import time
from dataclasses import replace

import pdfplumber
from reportlab.pdfbase import pdfmetrics

from app.notices import fonts as font_roles
from app.notices.batch import render
from app.notices.content import Bulletin, NoticeNumber, ReminderNotice, UnitProgress
from app.notices.printable import MAX_NAME_CHARS, printable

from .samples import OFFICE, TODAY


def _reminder(unit: str, tasks, leads=None) -> ReminderNotice:
    lines = tuple(replace(t, leads=(leads or unit,)) for t in tasks[:2])
    return ReminderNotice(NoticeNumber("催办", 2026, 3), unit, lines, TODAY, TODAY, OFFICE)


def _chars(pdf: bytes) -> list[dict]:
    with pdfplumber.open(io.BytesIO(pdf)) as doc:
        return [c for page in doc.pages for c in page.chars]


def _text(pdf: bytes) -> str:
    return "".join(c["text"] for c in _chars(pdf))


def test_a_character_no_font_has_prints_as_a_mark_with_a_warning(fonts, sample):
    _, unit, tasks = sample
    document, warnings = printable(_reminder(f"{unit}\U0001F600", tasks), fonts)
    assert document.unit == f"{unit}□" and all(t.leads == (f"{unit}□",) for t in document.tasks)
    [warning] = warnings
    assert "U+1F600" in warning and "□" in warning
    text = _text(render(document))
    assert f"{unit}□：" in text and "\U0001F600" not in text
    assert printable(document, fonts) == (document, [])  # nothing more to change: no warning twice


def test_a_character_the_body_face_lacks_is_drawn_in_a_face_that_has_it(fonts, sample):
    _, unit, tasks = sample
    body = fonts[font_roles.FANGSONG]
    body_chars = font_roles.characters(body)
    other, rare = next((f, ch) for f in font_roles.registered_fonts() for ch in sorted(font_roles.characters(f))
                       if "\u4e00" <= ch <= "\u9fff" and ch not in body_chars)
    document, warnings = printable(_reminder(f"{unit}{rare}", tasks), fonts)
    assert warnings == [] and document.unit == f"{unit}{rare}"  # some face has it: nothing replaced
    drawn = [c for c in _chars(render(document)) if c["text"] == rare]
    ps_name = pdfmetrics.getFont(other).face.name.decode()
    assert drawn and all(c["fontname"].split("+")[-1].startswith(ps_name) for c in drawn)


def _layout_seconds(unit_chars: int, fonts, tasks) -> tuple[float, list[str]]:
    name = "某" * unit_chars
    start = time.perf_counter()
    document, warnings = printable(_reminder(name, tasks), fonts)
    render(document)
    return time.perf_counter() - start, warnings


def test_time_grows_at_most_linearly_with_a_unit_names_length(fonts, sample):
    """10 k, 20 k, 40 k characters: a quadratic step would take 16 times as long at 40 k as at 10 k."""
    _, _, tasks = sample
    _layout_seconds(10, fonts, tasks)  # warm-up: fonts' tables cached
    times = {}
    for n in (10_000, 20_000, 40_000):
        times[n], warnings = min(_layout_seconds(n, fonts, tasks) for _ in range(2))
        assert any(f"{n}字" in w and f"{MAX_NAME_CHARS - 1}字" in w for w in warnings)
    assert times[20_000] / times[10_000] < 2.6 and times[40_000] / times[10_000] < 5, times


def test_a_long_name_is_cut_in_the_notice(fonts, sample):
    _, _, tasks = sample
    document, _ = printable(_reminder("甲" * 5000, tasks), fonts)
    assert document.unit == "甲" * (MAX_NAME_CHARS - 1) + "…"
    assert f"{'甲' * (MAX_NAME_CHARS - 1)}…：" in _text(render(document)).replace("\n", "")


def test_a_bulletins_long_unit_names_are_cut_too(fonts, sample):
    _, _, tasks = sample
    long = "乙" * 3000
    bulletin = Bulletin(NoticeNumber("通报", 2026, 1), "某方案", None, TODAY, TODAY, (("逾期", 1),), (("红灯", 1),),
                        (UnitProgress(long, 1, 0, 1),), ((long, tasks[:1]),), OFFICE)
    document, [warning] = printable(bulletin, fonts)
    cut = "乙" * (MAX_NAME_CHARS - 1) + "…"
    assert document.units[0].unit == cut and document.overdue[0][0] == cut and "3000字" in warning
