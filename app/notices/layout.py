"""The GB/T 9704-2012 page and the pieces every notice is built from.

A4 with the text block 156 × 225 mm at 28 mm from the left and 37 mm from the top; 22 lines a page (line
pitch 225 mm / 22); title 2号 小标宋, body 3号 仿宋, 一、 headings 黑体, （一） headings 楷体; page numbers
"— 1 —" in 4号 7 mm under the block, odd pages right and even pages left with one character of space;
the red header (版头), the letter form's head (信函格式) and the 版记 at the foot of the last page.

Every piece of user text goes through `esc()` before it reaches reportlab's paragraph markup.
"""
from __future__ import annotations

import functools
import io
import itertools
import os
import re
import zlib
from collections import OrderedDict
from contextvars import ContextVar
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Callable, Sequence, Union

import app.notices.rl_import  # noqa: F401,I001 - first, before reportlab.platypus (see there)
from reportlab import rl_config
from reportlab.lib import colors
from reportlab.lib.enums import TA_CENTER, TA_JUSTIFY, TA_LEFT, TA_RIGHT
from reportlab.lib.pagesizes import A4
from reportlab.lib.rl_accel import fp_str
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.pdfbase import pdfdoc
from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.platypus.doctemplate import ActionFlowable
from reportlab.platypus import (
    BaseDocTemplate,
    Flowable,
    Frame,
    HRFlowable,
    KeepTogether,
    PageTemplate,
    Paragraph,
    Spacer,
    Table,
    TableStyle,
)

from app.notices import fonts as font_roles
from app.notices import linebreak
from app.notices.content import NoticeNumber, OfficeSettings
from app.notices.files import write_atomic
from app.notices.fonts import FontSet

PAGE_WIDTH, PAGE_HEIGHT = A4
LEFT = 28 * mm  # 订口
TOP = 37 * mm  # 天头
BLOCK_WIDTH = 156 * mm
BLOCK_HEIGHT = 225 * mm
BOTTOM = PAGE_HEIGHT - TOP - BLOCK_HEIGHT  # 35 mm
LINES_PER_PAGE = 22
LINE_PITCH = BLOCK_HEIGHT / LINES_PER_PAGE  # about 29 pt

SIZE_2 = 22  # 2号: titles
SIZE_3 = 16  # 3号: body
SIZE_4 = 14  # 4号: page numbers, 版记
SIZE_SMALL_4 = 12  # 小四: table cells
CHAR = SIZE_3  # "空二字" means two body characters

RED = colors.HexColor("#E60012")
PAGE_NUMBER_GAP = 7 * mm  # from the foot of the block to the top of the page number
LETTER_MARK_TOP = 30 * mm  # 信函格式: issuer mark's top edge from the top of the paper
LETTER_RULE_LENGTH = 170 * mm
LETTER_FOOT_RULE = 20 * mm  # the letter's lower double rule, from the foot of the paper

linebreak.install()  # 避头尾 without marks hanging outside the block
# Font programs are embedded Flate-compressed; the extra ASCII85 layer only costs time and 25 % in size.
rl_config.useA85 = 0
# … at zlib level 3, not 6: a CJK subset (200 KB) compresses in 60 % of the time and comes out 6 % larger.
FLATE_LEVEL = 3


# A font program met again (the same subset, see fonts._reused_subsets) is compressed once: kept by its bytes.
_COMPRESSED: OrderedDict[bytes, bytes] = OrderedDict()
COMPRESSED_KEPT = 32
_WORTH_KEEPING = 16384  # bytes: page contents are smaller and never repeat


def _flate(_filter: object, text: str | bytes) -> bytes:
    data = text.encode("utf8") if isinstance(text, str) else text
    if len(data) < _WORTH_KEEPING:
        return zlib.compress(data, FLATE_LEVEL)
    packed = _COMPRESSED.get(data)
    if packed is None:
        packed = _COMPRESSED[data] = zlib.compress(data, FLATE_LEVEL)
        if len(_COMPRESSED) > COMPRESSED_KEPT:
            _COMPRESSED.popitem(last=False)
    else:
        _COMPRESSED.move_to_end(data)
    return packed


pdfdoc.PDFStreamFilterZCompress.encode = _flate

_array_format = pdfdoc.PDFArray.format
_NUMBER = (int, float)


def _fast_array_format(self: pdfdoc.PDFArray, document: object, IND: bytes = b"\n ") -> bytes:  # noqa: N803
    """reportlab's PDFArray.format, byte for byte, with an array of plain numbers (a font subset's /Widths,
    a few hundred a notice) formatted by one `fp_str` call instead of an indirection per number: 6 % of a
    notice's time."""
    seq = self.sequence
    if len(seq) < 2 or any(type(e) not in _NUMBER for e in seq) \
            or (self.multiline and rl_config.pdfMultiLine) or self.multiline == "forced":
        return _array_format(self, document, IND)
    parts = fp_str(*seq).encode("ascii").split(b" ")
    for i in reversed(range(10, len(parts), 10)):  # as reportlab breaks a long array: every 10 elements
        parts.insert(i, b"\n ")
    return b"[ " + b" ".join(parts) + b" ]"


pdfdoc.PDFArray.format = _fast_array_format

# A notice a few lines too long for its pages is set again with the line pitch tightened (as a typesetter
# would, rather than carry two lines onto a page of their own), down to this share of the standard pitch.
MIN_PITCH_SCALE = 0.82  # 29 pt → 24 pt, the "固定值 24 磅" offices use to fit a page
MAX_OVERFLOW = 0.45  # … when what runs over onto a second page is at most this share of a page
_PITCH_SCALE: ContextVar[float] = ContextVar("line_pitch_scale", default=1.0)

MISSING_MARK = "□"  # drawn for a character no registered face has
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")
_SPACES = re.compile(r"[ \t\r\n]+")


_ENTITIES = (("&", "&amp;"), ("<", "&lt;"), (">", "&gt;"), ('"', "&quot;"), ("'", "&#39;"))


def esc(text: object) -> str:
    """User text made safe for reportlab markup: `<`, `>`, `&` and quotes print literally, newlines break."""
    plain = _CONTROL.sub("", str(text))
    # (xml.sax.saxutils.escape would do the same, but importing it costs a command 60 ms: it imports urllib)
    for mark, entity in _ENTITIES:
        plain = plain.replace(mark, entity)
    return plain.replace("\r\n", "\n").replace("\n", "<br/>")


def cn_date(day: date) -> str:
    """A date in figures as the standard writes it: 2026年3月9日 (not padded)."""
    return f"{day.year}年{day.month}月{day.day}日"


@dataclass(frozen=True)
class Styles:
    title: ParagraphStyle
    body: ParagraphStyle
    flush: ParagraphStyle  # 主送, 发文字号: no indent
    heading1: ParagraphStyle
    heading2: ParagraphStyle
    centered: ParagraphStyle
    right: ParagraphStyle
    cell: ParagraphStyle
    cell_head: ParagraphStyle
    small: ParagraphStyle


def pitch() -> float:
    """The line pitch of the notice being set (the standard's, unless it is being tightened to fit)."""
    return LINE_PITCH * _PITCH_SCALE.get()


@functools.lru_cache(maxsize=16)
def _styles(title_font: str, body_font: str, song_font: str, hei_font: str, kai_font: str, scale: float = 1.0
            ) -> Styles:
    body = ParagraphStyle(
        "body", fontName=body_font, fontSize=SIZE_3, leading=LINE_PITCH * scale, firstLineIndent=2 * CHAR,
        alignment=TA_JUSTIFY, wordWrap="CJK", allowWidows=0, allowOrphans=0,
    )
    cell = ParagraphStyle("cell", fontName=body_font, fontSize=SIZE_SMALL_4, leading=16, wordWrap="CJK")
    return Styles(
        title=ParagraphStyle("title", parent=body, fontName=title_font, fontSize=SIZE_2, leading=LINE_PITCH * 1.2 * scale,
                             firstLineIndent=0, alignment=TA_CENTER),
        body=body,
        flush=ParagraphStyle("flush", parent=body, firstLineIndent=0, alignment=TA_LEFT),
        heading1=ParagraphStyle("h1", parent=body, fontName=hei_font, alignment=TA_LEFT),
        heading2=ParagraphStyle("h2", parent=body, fontName=kai_font, alignment=TA_LEFT),
        centered=ParagraphStyle("centered", parent=body, firstLineIndent=0, alignment=TA_CENTER),
        right=ParagraphStyle("right", parent=body, firstLineIndent=0, alignment=TA_RIGHT),
        cell=cell,
        cell_head=ParagraphStyle("cell_head", parent=cell, fontName=hei_font, alignment=TA_CENTER),
        small=ParagraphStyle("small", parent=cell, fontName=song_font, fontSize=SIZE_4, leading=20),
    )


def make_styles(fonts: FontSet) -> Styles:
    """The paragraph styles for a font set (built once per set: styles are read-only once made)."""
    return _styles(*(fonts[r] for r in (font_roles.TITLE, font_roles.FANGSONG, font_roles.SONG,
                                        font_roles.HEI, font_roles.KAI)), _PITCH_SCALE.get())


# ---------------------------------------------------------------- pieces of text


@functools.lru_cache(maxsize=64)
def _plain_frag(style: ParagraphStyle):
    """The fragment reportlab's parser makes of plain text in `style` (its text replaced per paragraph)."""
    return Paragraph("x", style).frags[0]


def para(text: str, style: ParagraphStyle, **overrides) -> Paragraph:
    """A paragraph of plain user text, never read as markup.

    Text without line breaks skips reportlab's markup parser altogether: the paragraph is given the one
    fragment the parser would have made of it (whitespace collapsed the same way), so nothing in it can act
    as markup, and a notice is built about a fifth faster. Text with line breaks is escaped and parsed, and
    so is text with characters the style's face lacks: those are drawn in another registered face that has
    them (a rare character in 仿宋's stand-in but not in 黑体's), or as □ when none has.
    """
    if overrides:
        style = _derived_style(style, tuple(sorted(overrides.items())))
    plain = _CONTROL.sub("", str(text))
    lacking = _lacking(plain, style.fontName)
    if lacking or "\n" in plain or "\r" in plain:
        return Paragraph(_with_fallbacks(plain, style.fontName, lacking), style)
    frag = _plain_frag(style).clone()
    frag.text = _SPACES.sub(" ", plain).strip()  # as the parser would; 全角空格 (U+3000) are kept
    paragraph = Paragraph(frag.text, style, frags=[frag])
    setattr(paragraph, linebreak.PLAIN, True)  # its lines may be shared with another's of the same text
    return paragraph


def _lacking(text: str, font: str) -> set[str]:
    """The characters of `text` the face `font` has no glyph for (spaces aside)."""
    have = font_roles.characters(font)
    if have is None:
        return set()
    return {ch for ch in set(text) if ch not in have and not ch.isspace()}


def _face_for(ch: str, font: str, lacking: set[str]) -> str | None:
    """The face to draw `ch` in: `font` itself, else the first registered face that has it ("" if none)."""
    if ch not in lacking:
        return None
    return next((f for f in font_roles.registered_fonts() if ch in (font_roles.characters(f) or ())), "")


def _with_fallbacks(plain: str, font: str, lacking: set[str]) -> str:
    """`plain` as escaped markup, with each run of characters `font` lacks in a face that has them."""
    out = []
    for face, run in itertools.groupby(plain, key=lambda ch: _face_for(ch, font, lacking)):
        text = "".join(run)
        if face is None:
            out.append(esc(text))
        elif face:
            out.append(f'<font face="{face}">{esc(text)}</font>')
        else:
            out.append(MISSING_MARK * len(text))
    return "".join(out)


@functools.lru_cache(maxsize=256)
def _derived_style(style: ParagraphStyle, overrides: tuple, name: str | None = None) -> ParagraphStyle:
    return ParagraphStyle(name or style.name + "+", parent=style, **dict(overrides))


def sub_style(name: str, parent: ParagraphStyle, **overrides: object) -> ParagraphStyle:
    """A style derived from `parent`, made once: a style made anew for each table would miss the caches keyed
    by style (`_plain_frag`, its paragraphs' fragment), costing a notice a tenth of its building time."""
    return _derived_style(parent, tuple(sorted(overrides.items())), name)


def blank_lines(n: float = 1) -> Spacer:
    return Spacer(1, n * pitch())


def title_lines(text: str, style: ParagraphStyle) -> list[str]:
    """A title's lines as a typesetter would break them (balanced, at phrase boundaries, none of 1–2 characters)."""
    plain = _SPACES.sub(" ", _CONTROL.sub("", str(text))).strip()
    return linebreak.balance_title(plain, style.fontName, style.fontSize, BLOCK_WIDTH)


def title(text: str, st: Styles) -> Paragraph:
    """The title (2号 小标宋, centred) over balanced lines."""
    return para("\n".join(title_lines(text, st.title)), st.title)


def title_block(text: str, st: Styles) -> list[Flowable]:
    return [title(text, st), blank_lines(1)]


def addressee(unit: str, st: Styles) -> Paragraph:
    """主送机关: flush left, ending with a full-width colon."""
    return para(f"{unit}：", st.flush)


def numbered_heading(text: str, st: Styles) -> Paragraph:
    return para(text, st.heading1)


def red_header(office: OfficeSettings, number: NoticeNumber, st: Styles) -> list[Flowable]:
    """版头: the issuer mark in red, two lines, the 发文字号 centred, a red rule 4 mm under it."""
    mark = office.issuer_mark
    size = min(36.0, BLOCK_WIDTH / max(1, len(mark)) / 1.05)
    return [
        para(mark, st.title, fontSize=size, leading=size * 1.25, textColor=RED),
        blank_lines(2),
        para(number.text, st.centered),
        HRFlowable(width="100%", thickness=1.2, color=RED, spaceBefore=4 * mm - 5, spaceAfter=pitch() * 1.5),
    ]


def number_line(number: NoticeNumber, st: Styles, label: str = "") -> Paragraph:
    """发文字号 without a red header: at the right, one character in."""
    return para(f"{label}{number.text}", st.right, rightIndent=CHAR)


def side_by_side(left: Paragraph, right: Paragraph) -> Table:
    """Two pieces on one line across the block: one flush left, the other flush right."""
    table = Table([[left, right]], colWidths=[BLOCK_WIDTH / 2, BLOCK_WIDTH / 2], hAlign="LEFT")
    table.setStyle(TableStyle([("LEFTPADDING", (0, 0), (-1, -1), 0), ("RIGHTPADDING", (0, 0), (-1, -1), 0),
                               ("TOPPADDING", (0, 0), (-1, -1), 0), ("BOTTOMPADDING", (0, 0), (-1, -1), 0),
                               ("VALIGN", (0, 0), (-1, -1), "BOTTOM"),
                               ("FONTNAME", (0, 0), (-1, -1), left.style.fontName)]))  # not an unembedded Helvetica
    return table


def signature(office: OfficeSettings, day: date, st: Styles) -> list[Flowable]:
    """发文机关署名 centred over the 成文日期, the date 右空四字 (the sealed layout)."""
    font = st.body.fontName
    date_text = cn_date(day)
    date_w = stringWidth(date_text, font, SIZE_3)
    name_w = stringWidth(office.office_name, font, SIZE_3)
    centre = BLOCK_WIDTH - 4 * CHAR - date_w / 2
    name_left = max(0.0, min(centre - name_w / 2, BLOCK_WIDTH - name_w))
    return [_mark_tail(f) for f in (
        blank_lines(2),
        para(office.office_name, st.flush, leftIndent=name_left),
        para(date_text, st.right, rightIndent=4 * CHAR),
    )]


def contact_note(office: OfficeSettings, st: Styles) -> list[Flowable]:
    """附注 under the date, two characters in and in brackets."""
    if not (office.contact_name or office.contact_phone):
        return []
    parts = []
    if office.contact_name:
        parts.append(f"联系人：{office.contact_name}")
    if office.contact_phone:
        parts.append(f"电话：{office.contact_phone}")
    return [_mark_tail(para(f"（{'，'.join(parts)}）", st.flush, leftIndent=2 * CHAR))]


CELL_PADDING = 3  # points, left and right of a cell's text


@functools.lru_cache(maxsize=4096)
def _widest_run(text: str, font: str, size: float) -> float:
    """The width of the widest piece of `text` a line break may not cut (a task number, 〔2026〕12号, a word)."""
    widths = linebreak.char_widths(text, font, size)
    widest, run = 0.0, 0.0
    for k in range(1, len(text) + 1):
        run += widths[k - 1]
        if k == len(text) or linebreak.breakable(text, k):
            widest = max(widest, run)
            run = 0.0
    return widest


def header_lines(header: Sequence[str], cells: Sequence[float], st: Styles) -> list[str]:
    """The header texts, each on one line, or on two even lines (a line break in the middle) for the longest
    ones when the table has too many columns for one-line headers (`cells`: each column's `_column_need`)."""
    texts = list(header)

    def total() -> float:
        return sum(max(_header_width(t, st), c) + 2 * CELL_PADDING for t, c in zip(texts, cells))

    room = BLOCK_WIDTH - 25 * mm  # what the text columns (任务) need beyond their header, at the least
    for i in sorted(range(len(texts)), key=lambda j: len(texts[j]), reverse=True):
        if total() <= room or len(texts[i]) < 4:
            break
        half = (len(texts[i]) + 1) // 2
        texts[i] = texts[i][:half] + "\n" + texts[i][half:]
    return texts


def _column_need(rows: Sequence[Sequence[str]], i: int, st: Styles) -> float:
    return max((_widest_run(str(r[i]), st.cell.fontName, st.cell.fontSize) for r in rows), default=0.0)


def _header_width(text: str, st: Styles) -> float:
    """A header's width: its longest line."""
    return max(stringWidth(line, st.cell_head.fontName, st.cell_head.fontSize) for line in text.split("\n"))


def fitted_widths(header: Sequence[str], cells: Sequence[float], widths_mm: Sequence[float], st: Styles
                  ) -> list[float]:
    """Column widths (points) from the proposed ones, each widened as far as its header needs (its lines as
    `header_lines` gives them) and its widest unbreakable run needs (`cells`), the width taken from the columns
    with the most to spare."""
    widths = [w * mm for w in widths_mm]
    need = [max(_header_width(h, st), c) + 2 * CELL_PADDING + 0.5 for h, c in zip(header, cells)]
    for i in sorted(range(len(widths)), key=lambda j: need[j] - widths[j], reverse=True):
        short = need[i] - widths[i]
        if short <= 0:
            break
        for j in sorted(range(len(widths)), key=lambda j: widths[j] - need[j], reverse=True):
            spare = widths[j] - need[j]
            if j == i or spare <= 0:
                continue
            take = min(short, spare)
            widths[j] -= take
            widths[i] += take
            short -= take
            if short <= 0:
                break
    return widths


MIN_ROWS = 2  # data rows a table that breaks leaves under its header at a page foot, and carries over


class DataTable(Table):
    """A table with a header row that breaks between rows only, leaving at least `MIN_ROWS` data rows under its
    header at the page foot (else it goes to the next page whole) and carrying at least as many over; the header
    row repeats on the next page. A row is cut in two only where it does not fit on a page of its own."""

    def split(self, availWidth: float, availHeight: float) -> list[Flowable]:  # noqa: N803 - reportlab's names
        self._calc(availWidth, availHeight)
        heights = self._rowHeights
        fit, used = 0, 0.0
        while fit < len(heights) and used + heights[fit] <= availHeight + 1e-6:
            used += heights[fit]
            fit += 1
        if fit == len(heights):
            return [self]
        rows = len(heights) - 1  # data rows
        above = fit - 1  # data rows that fit under the header
        if rows - above < MIN_ROWS:  # give the rows carried over company
            above = rows - MIN_ROWS
        parts: list[Flowable] = []
        if above >= MIN_ROWS:
            parts = self._splitRows(sum(heights[:above + 1]) + 1e-3)
        elif _at_top(self, availHeight):  # too tall a row for any page: reportlab's own split, inside a row
            parts = super().split(availWidth, availHeight)
        return parts


def data_table(header: Sequence[str], rows: Sequence[Sequence[str]], widths_mm: Sequence[float], st: Styles,
               *, centre_columns: Sequence[int] = ()) -> Table:
    """A table whose cells wrap Chinese text and whose header row repeats on every page it runs over.

    The proposed widths are adjusted so that no header stands in more than two lines and no cell cuts a
    task number or a 〔2026〕12号 (`fitted_widths`).
    """
    assert abs(sum(widths_mm) - BLOCK_WIDTH / mm) < 0.01, "tables are as wide as the text block"
    centred = sub_style("cell_c", st.cell, alignment=TA_CENTER)
    cells = [_column_need(rows, i, st) for i in range(len(header))]  # measured once for both uses below
    header = header_lines(header, cells, st)
    data = [[para(h, st.cell_head) for h in header]]
    for row in rows:
        data.append([para(v, centred if i in centre_columns else st.cell) for i, v in enumerate(row)])
    table = DataTable(data, colWidths=fitted_widths(header, cells, widths_mm, st), repeatRows=1, splitInRow=1,
                      hAlign="LEFT")
    table.setStyle(TableStyle([
        ("GRID", (0, 0), (-1, -1), 0.5, colors.black),
        ("VALIGN", (0, 0), (-1, -1), "MIDDLE"),
        ("FONTNAME", (0, 0), (-1, -1), st.cell.fontName),  # else the table sets an unembedded Helvetica
        ("BACKGROUND", (0, 0), (-1, 0), colors.HexColor("#F2F2F2")),
        ("TOPPADDING", (0, 0), (-1, -1), 3),
        ("BOTTOMPADDING", (0, 0), (-1, -1), 4),
        ("LEFTPADDING", (0, 0), (-1, -1), CELL_PADDING),
        ("RIGHTPADDING", (0, 0), (-1, -1), CELL_PADDING),
    ]))
    return table


FORM_PADDING = 6  # points, left and right of a form cell's text (reportlab's default)


def _widest_aside(text: str, font: str, size: float) -> float:
    """The width of the widest bracketed aside in `text` (0 if it has none)."""
    widths = linebreak.char_widths(text, font, size)
    return max((sum(widths[a:b]) for a, b in linebreak.asides(text)), default=0.0)


def form_table(rows: Sequence[tuple[str, str]], st: Styles, label_mm: float = 32, min_heights: dict | None = None
               ) -> Table:
    """Label | value rows (a form): labels in 黑体, values wrap; some rows may be tall blanks to write in."""
    label = sub_style("form_label", st.cell, fontName=st.cell_head.fontName, fontSize=SIZE_4, leading=20,
                      alignment=TA_CENTER)
    value = sub_style("form_value", st.cell, fontSize=SIZE_4, leading=20)
    data = [[para(k, label), para(v, value)] for k, v in rows]
    heights = [(min_heights or {}).get(i, 0) for i in range(len(rows))]
    # A label's bracketed aside (（可另附页）) stands on a line of its own, never cut into （可另附 / 页）.
    label_width = max([label_mm * mm] + [_widest_aside(k, label.fontName, label.fontSize) + 2 * FORM_PADDING + 0.5
                                         for k, _ in rows])
    table = Table(data, colWidths=[label_width, BLOCK_WIDTH - label_width], splitInRow=1,
                  minRowHeights=heights, hAlign="LEFT")
    table.setStyle(TableStyle([
        ("GRID", (0, 0), (-1, -1), 0.5, colors.black),
        ("VALIGN", (0, 0), (-1, -1), "MIDDLE"),
        ("FONTNAME", (0, 0), (-1, -1), st.cell.fontName),
        ("TOPPADDING", (0, 0), (-1, -1), 4),
        ("BOTTOMPADDING", (0, 0), (-1, -1), 5),
        ("LEFTPADDING", (0, 0), (-1, -1), FORM_PADDING),
        ("RIGHTPADDING", (0, 0), (-1, -1), FORM_PADDING),
    ]))
    return table


class CutLine(Flowable):
    """A dashed line across the block with a label in the middle: where the receipt is cut off."""

    def __init__(self, label: str, font: str):
        super().__init__()
        self.label, self.font = label, font
        self.height = pitch()

    def wrap(self, avail_width, avail_height):
        self.width = avail_width
        return avail_width, self.height

    def draw(self):
        c = self.canv
        mid = self.height / 2
        text_w = stringWidth(self.label, self.font, SIZE_SMALL_4)
        c.saveState()
        c.setDash(4, 3)
        c.setLineWidth(0.6)
        gap = text_w / 2 + 6
        c.line(0, mid, self.width / 2 - gap, mid)
        c.line(self.width / 2 + gap, mid, self.width, mid)
        c.setFont(self.font, SIZE_SMALL_4)
        c.drawCentredString(self.width / 2, mid - SIZE_SMALL_4 * 0.35, self.label)
        c.restoreState()


class AtFootOfLastPage(Flowable):
    """Puts its content at the foot of the frame (the 版记 sits on the last page's bottom lines)."""

    def __init__(self, content: Flowable):
        super().__init__()
        self.content = content

    @property
    def content_height(self) -> float:
        return self._content_height

    def wrap(self, avail_width, avail_height):
        _, self._content_height = self.content.wrap(avail_width, avail_height)
        self.width = avail_width
        self.height = max(avail_height, self._content_height) if self._content_height <= avail_height \
            else self._content_height
        return self.width, self.height

    def draw(self):
        self.content.drawOn(self.canv, 0, 0)


def record_block(office: OfficeSettings, issued_on: date, st: Styles, *, with_printer: bool = True) -> list[Flowable]:
    """版记: 抄送 and 印发机关 / 印发日期 between rules as wide as the block (0.35 mm outside, 0.25 mm inside)."""
    style = sub_style("record", st.flush, fontSize=SIZE_4, leading=SIZE_4 * 1.6)
    rows = []
    if office.copy_to:
        rows.append([para(f"抄送：{'，'.join(office.copy_to)}。", style, leftIndent=SIZE_4, rightIndent=SIZE_4,
                          firstLineIndent=0)])
    if with_printer:
        printed = Table([[para(office.printer, style, leftIndent=SIZE_4),
                          para(f"{cn_date(issued_on)}印发", style, alignment=TA_RIGHT, rightIndent=SIZE_4)]],
                        colWidths=[BLOCK_WIDTH * 0.6, BLOCK_WIDTH * 0.4])
        printed.setStyle(TableStyle([("LEFTPADDING", (0, 0), (-1, -1), 0), ("RIGHTPADDING", (0, 0), (-1, -1), 0),
                                     ("FONTNAME", (0, 0), (-1, -1), st.cell.fontName)]))
        rows.append([printed])
    if not rows:
        return []
    table = Table(rows, colWidths=[BLOCK_WIDTH])
    style_cmds = [
        ("LEFTPADDING", (0, 0), (-1, -1), 0),
        ("RIGHTPADDING", (0, 0), (-1, -1), 0),
        ("FONTNAME", (0, 0), (-1, -1), st.cell.fontName),
        ("LINEABOVE", (0, 0), (-1, 0), 0.35 * mm, colors.black),
        ("LINEBELOW", (0, -1), (-1, -1), 0.35 * mm, colors.black),
    ]
    if len(rows) > 1:
        style_cmds.append(("LINEBELOW", (0, 0), (-1, -2), 0.25 * mm, colors.black))
    table.setStyle(TableStyle(style_cmds))
    return [AtFootOfLastPage(table)]


def keep(flowables: list[Flowable]) -> KeepTogether:
    return KeepTogether(flowables)


# ---------------------------------------------------------------- keeping pieces together across pages

HEADING_STYLES = ("h1", "h2")
_TAIL = "_duban_signature"  # marks the pieces of the signature block (署名, 日期, 附注)


def _mark_tail(flowable: Flowable) -> Flowable:
    setattr(flowable, _TAIL, True)
    return flowable


def is_heading(flowable: Flowable) -> bool:
    """A heading (一、 or （一）) or a cut line: never the last thing on a page."""
    style = getattr(flowable, "style", None)
    return (isinstance(flowable, Paragraph) and getattr(style, "name", "") in HEADING_STYLES
            or isinstance(flowable, CutLine))


def _at_top(flowable: Flowable, avail_height: float) -> bool:
    """Whether `flowable` is being placed at the top of a page (moving it to the next would not help)."""
    frame = getattr(flowable, "_frame", None)
    return bool(getattr(frame, "_atTop", False)) or avail_height >= BLOCK_HEIGHT * 0.9


class _Pair(Flowable):
    """Two flowables drawn one under the other; what may be split between pages is decided by subclasses."""

    def __init__(self, first: Flowable, second: Flowable) -> None:
        super().__init__()
        self.first, self.second = first, second
        self._heights = (0.0, 0.0)

    def wrap(self, avail_width: float, avail_height: float) -> tuple[float, float]:
        _, h1 = self.first.wrapOn(self.canv, avail_width, avail_height)
        _, h2 = self.second.wrapOn(self.canv, avail_width, max(0.0, avail_height - h1))
        self._heights = (h1, h2)
        self.width, self.height = avail_width, h1 + h2
        return self.width, self.height

    def getSpaceBefore(self) -> float:
        return self.first.getSpaceBefore()

    def getSpaceAfter(self) -> float:
        return self.second.getSpaceAfter()

    def draw(self) -> None:
        h1, h2 = self._heights
        self.first.drawOn(self.canv, 0, h2)
        self.second.drawOn(self.canv, 0, 0)


class KeepWithNext(_Pair):
    """A heading and what follows it: the heading never ends a page; at least the first lines (two, as a
    paragraph splits) or the first table rows (two, see `DataTable`) of what follows stand under it, else both
    go to the next page. A long section splits: its first lines stay on the page."""

    def split(self, avail_width: float, avail_height: float) -> list[Flowable]:
        _, h1 = self.first.wrapOn(self.canv, avail_width, avail_height)
        rest = self.second.splitOn(self.canv, avail_width, avail_height - h1) if h1 < avail_height else []
        if rest and isinstance(rest[0], ActionFlowable):  # a KeepTogether that would move to the next page
            rest = []
        if rest:
            return [self.first, *rest]
        if _at_top(self, avail_height):  # a heading too long for a page of its own: no keeping it with anything
            return [self.first, self.second]
        return []


class KeepWithPrevious(_Pair):
    """The last paragraph and the signature block (署名, 日期, 附注): the block never stands alone on a page;
    when it does not fit, the paragraph's last lines go over with it."""

    def split(self, avail_width: float, avail_height: float) -> list[Flowable]:
        _, h2 = self.second.wrapOn(self.canv, avail_width, avail_height)
        _, h1 = self.first.wrapOn(self.canv, avail_width, avail_height)
        # The paragraph's head that leaves room for at least two lines to go over with the block.
        leading = getattr(getattr(self.first, "style", None), "leading", LINE_PITCH)
        limit = min(avail_height, h1 - 2 * leading + 1)
        head = self.first.splitOn(self.canv, avail_width, limit) if limit > 0 else []
        if len(head) != 2:
            return [self.first, self.second] if _at_top(self, avail_height) else []
        return [head[0], KeepWithPrevious(head[1], self.second)]


class _Block(Flowable):
    """Flowables drawn as one (the signature block), never split."""

    def __init__(self, parts: list[Flowable]) -> None:
        super().__init__()
        self.parts = parts
        self._heights: list[float] = []

    def wrap(self, avail_width: float, avail_height: float) -> tuple[float, float]:
        self._heights = []
        for part in self.parts:
            _, h = part.wrapOn(self.canv, avail_width, avail_height)
            self._heights.append(h + (part.getSpaceBefore() if self._heights else 0))
        self.width, self.height = avail_width, sum(self._heights)
        return self.width, self.height

    def draw(self) -> None:
        y = self.height
        for part, h in zip(self.parts, self._heights):
            y -= h
            part.drawOn(self.canv, 0, y)


def kept_together(story: list[Flowable]) -> list[Flowable]:
    """The story with headings bound to what follows them and the signature block to the paragraph before it."""
    out: list[Flowable] = []
    i = 0
    while i < len(story):
        f = story[i]
        if getattr(f, _TAIL, False):
            block = []
            while i < len(story) and getattr(story[i], _TAIL, False):
                block.append(story[i])
                i += 1
            tail: Flowable = _Block(block)
            if out and isinstance(out[-1], Paragraph) and not is_heading(out[-1]):
                tail = KeepWithPrevious(out.pop(), tail)
            out.append(tail)
            continue
        out.append(f)
        i += 1
    # headings, from the last: a heading followed by a heading keeps with both; one followed by a paragraph of a
    # single line (按逾期任务多少排序。) keeps with what comes after it too: two lines of its section at the least
    bound: list[Flowable] = []
    for f in reversed(out):
        if is_heading(f) and bound:
            follower = bound.pop()
            if _one_line(follower) and bound and isinstance(bound[-1], (Paragraph, Table)) \
                    and not is_heading(bound[-1]):
                follower = KeepWithNext(follower, bound.pop())
            bound.append(KeepWithNext(f, follower))
        else:
            bound.append(f)
    return list(reversed(bound))


def _one_line(flowable: Flowable) -> bool:
    """Whether `flowable` is a paragraph of the body that takes a single line of the block."""
    if not isinstance(flowable, Paragraph) or is_heading(flowable):
        return False
    _, height = flowable.wrap(BLOCK_WIDTH, BLOCK_HEIGHT)
    return bool(height < 1.5 * flowable.style.leading)


# ---------------------------------------------------------------- the page


@dataclass(frozen=True)
class LetterHead:
    """信函格式: the issuer mark 30 mm from the top, a red double rule 170 mm long, no page number on page 1."""

    mark: str


def _draw_page_number(canvas, fonts: FontSet) -> None:
    number = canvas.getPageNumber()
    text = f"— {number} —"
    font = fonts[font_roles.SONG]
    width = stringWidth(text, font, SIZE_4)
    baseline = BOTTOM - PAGE_NUMBER_GAP - SIZE_4 * 0.8
    x = LEFT + BLOCK_WIDTH - SIZE_4 - width if number % 2 else LEFT + SIZE_4
    canvas.setFont(font, SIZE_4)
    canvas.drawString(x, baseline, text)


def _letter_rule_y(mark_size: float) -> float:
    return PAGE_HEIGHT - LETTER_MARK_TOP - mark_size - 4 * mm


def _letter_mark_size(mark: str) -> float:
    return min(30.0, LETTER_RULE_LENGTH / max(1, len(mark)) / 1.05)


def _draw_double_rule(canvas, y: float, thick_on_top: bool) -> None:
    x0 = (PAGE_WIDTH - LETTER_RULE_LENGTH) / 2
    thick, thin = 1.5, 0.5
    upper, lower = (thick, thin) if thick_on_top else (thin, thick)
    canvas.setStrokeColor(RED)
    canvas.setLineWidth(upper)
    canvas.line(x0, y + 1.5, x0 + LETTER_RULE_LENGTH, y + 1.5)
    canvas.setLineWidth(lower)
    canvas.line(x0, y - 1.5, x0 + LETTER_RULE_LENGTH, y - 1.5)


def _draw_letter_head(canvas, head: LetterHead, fonts: FontSet) -> None:
    size = _letter_mark_size(head.mark)
    canvas.saveState()
    canvas.setFillColor(RED)
    canvas.setFont(fonts[font_roles.TITLE], size)
    # The top of the glyphs (about 0.88 of the size above the baseline) sits 30 mm from the top.
    canvas.drawCentredString(PAGE_WIDTH / 2, PAGE_HEIGHT - LETTER_MARK_TOP - size * 0.88, head.mark)
    _draw_double_rule(canvas, _letter_rule_y(size), thick_on_top=True)
    _draw_double_rule(canvas, LETTER_FOOT_RULE, thick_on_top=False)
    canvas.restoreState()


Story = Union[list[Flowable], Callable[[], list[Flowable]]]


class _Doc(BaseDocTemplate):
    """The page layout, noting how much of each page its content uses (the 版记 counted at its own height)."""

    used: list[float]

    def handle_pageBegin(self) -> None:
        self.used = [*getattr(self, "used", []), 0.0]
        super().handle_pageBegin()

    def afterFlowable(self, flowable: Flowable) -> None:
        frame = getattr(self, "frame", None)
        if frame is None or not getattr(self, "used", None):
            return
        if isinstance(flowable, AtFootOfLastPage):
            self.used[-1] += flowable.content_height
        else:
            self.used[-1] = max(self.used[-1], frame._y2 - frame._y)


@dataclass
class _Layout:
    """A story laid out on pages, not yet written as PDF (a trial that is not kept never is: writing the PDF
    is a third of the work)."""

    doc: _Doc
    buffer: io.BytesIO
    pages: int
    used: float  # the height the content uses in all …
    last: float  # … and on the last page

    def pdf(self) -> bytes:
        self.doc.canv.save()
        return self.buffer.getvalue()


def _build(story: list[Flowable], fonts: FontSet, title: str, letter_head: LetterHead | None) -> _Layout:
    """The story on pages: the PDF written by `.pdf()`."""
    buffer = io.BytesIO()
    doc = _Doc(
        buffer, pagesize=A4, leftMargin=LEFT, rightMargin=PAGE_WIDTH - LEFT - BLOCK_WIDTH, topMargin=TOP,
        bottomMargin=BOTTOM, title=title, author="督办台", creator="督办台", invariant=True,
        initialFontName=fonts[font_roles.FANGSONG],  # else an unembedded Helvetica sits in every page's resources
    )
    block = Frame(LEFT, BOTTOM, BLOCK_WIDTH, BLOCK_HEIGHT, 0, 0, 0, 0, id="block")

    def numbered(canvas, _doc):
        canvas.saveState()
        _draw_page_number(canvas, fonts)
        canvas.restoreState()

    later = PageTemplate("later", [block], onPage=numbered)
    if letter_head is None:
        first = PageTemplate("first", [block], onPage=numbered, autoNextPageTemplate="later")
    else:
        frame_top = _letter_rule_y(_letter_mark_size(letter_head.mark)) - 3 * mm
        first_frame = Frame(LEFT, BOTTOM, BLOCK_WIDTH, frame_top - BOTTOM, 0, 0, 0, 0, id="letter")
        first = PageTemplate("first", [first_frame], onPage=lambda c, d: _draw_letter_head(c, letter_head, fonts),
                             autoNextPageTemplate="later")
    doc.addPageTemplates([first, later])
    doc._doSave = 0  # reportlab's build would write the PDF at its end
    doc.build(kept_together(story))
    used = getattr(doc, "used", [0.0])
    return _Layout(doc, buffer, doc.page, sum(used), used[-1])


def render(story: Story, fonts: FontSet, *, title: str, letter_head: LetterHead | None = None) -> bytes:
    """Lay the story out on GB/T 9704 pages and return the PDF (deterministic: same input, same bytes).

    Given as a function making the story, a notice that runs a few lines onto a second page (the signature,
    the 版记) is set again with the line pitch tightened, down to `MIN_PITCH_SCALE`, when that saves the
    page: a one-task 催办 stays on one page. Longer notices are set once, at the standard's pitch.
    """
    make = story if callable(story) else None
    first = _build(make() if make else story, fonts, title, letter_head)  # type: ignore[arg-type]
    # Only a one-page notice with a short overflow (the signature, the 版记) is worth setting again.
    if make is None or first.pages != 2 or first.last > MAX_OVERFLOW * BLOCK_HEIGHT:
        return first.pdf()
    scale = BLOCK_HEIGHT / first.used
    if not MIN_PITCH_SCALE <= scale < 1:
        return first.pdf()
    for attempt in (scale * 0.99, max(MIN_PITCH_SCALE, scale * 0.95)):
        token = _PITCH_SCALE.set(attempt)
        try:
            tight = _build(make(), fonts, title, letter_head)
        finally:
            _PITCH_SCALE.reset(token)
        if tight.pages < first.pages:
            return tight.pdf()
    return first.pdf()


def write_pdf(path: str | os.PathLike, data: bytes) -> Path:
    """Write a finished PDF atomically: a reader never sees half a file, a failure leaves none behind."""
    return write_atomic(Path(path), data)


_DIGITS = "零一二三四五六七八九"


def cn_numeral(n: int) -> str:
    """1 → 一, 12 → 十二, 25 → 二十五 (for 一、 and （一） headings)."""
    if n < 10:
        return _DIGITS[n]
    if n < 100:
        tens, ones = divmod(n, 10)
        return ("" if tens == 1 else _DIGITS[tens]) + "十" + (_DIGITS[ones] if ones else "")
    return str(n)
