"""The labels Word draws in front of list paragraphs ("一、", "（一）", "1.", "（1）"), as text.

Chinese plans often number their headings with Word's automatic lists; python-docx gives a paragraph's
text without the number Word displays, and the outline reader (structure.py) finds headings by those
labels. `ListLabels(document).label(paragraph_element)` returns the label Word would show, counting the
paragraphs in the order they are asked for (the document's reading order).

What is honoured, per ECMA-376 §17.9: numbering on the paragraph (w:numPr) or inherited from its
paragraph style (through w:basedOn, and a level tied to a style by w:lvl/w:pStyle); w:num →
w:abstractNumId with w:lvlOverride (w:startOverride or a whole w:lvl); w:numStyleLink; w:start,
w:numFmt, w:lvlText, w:lvlRestart, w:isLgl, w:suff. numId 0 means "no numbering". Bullets and
unknown ids give no label: the text stays as python-docx reads it.

numbering.xml and the styles are read once, into plain dicts; each paragraph costs a few lookups.
"""
from __future__ import annotations

from dataclasses import dataclass, replace
from typing import TYPE_CHECKING, Callable, Iterator, Protocol, overload

if TYPE_CHECKING:
    from docx.document import Document

_W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
_VAL = _W + "val"
_MAX_LEVELS = 9  # Word lists have levels 0–8


class _XmlElement(Protocol):
    """What is used here of an lxml element (python-docx's oxml); lxml ships no type information."""

    def find(self, path: str) -> _XmlElement | None: ...

    def get(self, key: str, default: str | None = None) -> str | None: ...

    def iterfind(self, path: str) -> Iterator[_XmlElement]: ...


def _tag(name: str) -> str:
    return _W + name


@overload
def _int(element: _XmlElement | None, default: int) -> int: ...
@overload
def _int(element: _XmlElement | None, default: None = None) -> int | None: ...
def _int(element: _XmlElement | None, default: int | None = None) -> int | None:
    """The integer w:val of `element` (None or malformed → default)."""
    if element is None:
        return default
    value = element.get(_VAL)
    if value is None:
        return default
    try:
        return int(value)
    except ValueError:
        return default


def _int_attr(element: _XmlElement, name: str) -> int | None:
    """The integer attribute w:`name` of `element` (absent or malformed → None)."""
    value = element.get(_W + name)
    if value is None:
        return None
    try:
        return int(value)
    except ValueError:
        return None


# ------------------------------------------------------------------------------ number formats

_CN_DIGITS = "零一二三四五六七八九"
_CN_UNITS = ((1000, "千"), (100, "百"), (10, "十"))


def chinese_counting(n: int, *, omit_leading_one: bool = False) -> str:
    """1 → 一, 10 → 十, 11 → 十一, 20 → 二十, 21 → 二十一, 101 → 一百零一, 110 → 一百一十, up to 9999.

    `omit_leading_one` drops the 一 before 百 and 千 as well (Japanese counting: 百, 千百一).
    The 一 before 十 is dropped only when 十 leads (十一, but 一百一十). 0 and ≥ 10000 give digits.
    """
    if n <= 0 or n >= 10000:
        return str(n)
    parts: list[str] = []
    rest, gap = n, False
    for value, unit in _CN_UNITS:
        digit, rest = divmod(rest, value)
        if digit:
            if gap:
                parts.append("零")
            leads = not parts
            if not (digit == 1 and (unit == "十" and leads or omit_leading_one)):
                parts.append(_CN_DIGITS[digit])
            parts.append(unit)
            gap = False
        elif parts and rest:
            gap = True  # a zero between two written digits reads 零 (一百零一, 一千零一十)
    if rest:
        if gap:
            parts.append("零")
        parts.append(_CN_DIGITS[rest])
    return "".join(parts)


def _chinese_digits(n: int, zero: str = "〇") -> str:
    return "".join(zero if c == "0" else _CN_DIGITS[int(c)] for c in str(n))


def _chinese_counting_word(n: int) -> str:
    # Word's chineseCounting counts to 99 and writes larger numbers digit by digit (一〇〇);
    # chineseCountingThousand is the one that goes on with 百 and 千.
    return chinese_counting(n) if n < 100 else _chinese_digits(n)


_LEGAL_DIGITS = "零壹贰叁肆伍陆柒捌玖"
_LEGAL_UNITS = {"十": "拾", "百": "佰", "千": "仟"}


def _chinese_legal(n: int) -> str:
    # 大写 numerals: counted in full (壹拾壹, not 拾壹), the way amounts are written.
    text = chinese_counting(n)
    if text.startswith("十"):
        text = "一" + text
    return "".join(_LEGAL_UNITS.get(c) or (_LEGAL_DIGITS[_CN_DIGITS.index(c)] if c in _CN_DIGITS else c) for c in text)


_STEMS = "甲乙丙丁戊己庚辛壬癸"
_BRANCHES = "子丑寅卯辰巳午未申酉戌亥"
_ROMAN = ((1000, "M"), (900, "CM"), (500, "D"), (400, "CD"), (100, "C"), (90, "XC"),
          (50, "L"), (40, "XL"), (10, "X"), (9, "IX"), (5, "V"), (4, "IV"), (1, "I"))


def _roman(n: int) -> str:
    if n <= 0 or n >= 4000:
        return str(n)
    out = []
    for value, letters in _ROMAN:
        count, n = divmod(n, value)
        out.append(letters * count)
    return "".join(out)


def _letter(n: int) -> str:
    # Word's letters repeat rather than carry: … Z, AA, BB, … ZZ, AAA.
    if n <= 0:
        return str(n)
    return chr(ord("A") + (n - 1) % 26) * ((n - 1) // 26 + 1)


def _enclosed(first: int, last_number: int) -> Callable[[int], str]:
    """A format drawing 1…last_number as consecutive code points from `first`, decimal beyond."""
    return lambda n: chr(first + n - 1) if 1 <= n <= last_number else str(n)


def _cycle(symbols: str) -> Callable[[int], str]:
    return lambda n: symbols[(n - 1) % len(symbols)] if n > 0 else str(n)


_FORMATS: dict[str, Callable[[int], str]] = {
    "decimal": str,
    "decimalZero": lambda n: f"{n:02d}",
    "decimalFullWidth": lambda n: "".join(chr(ord(c) + 0xFEE0) for c in str(n)),
    "decimalHalfWidth": str,
    "decimalEnclosedCircle": _enclosed(0x2460, 20),  # ①–⑳
    "decimalEnclosedCircleChinese": _enclosed(0x2460, 20),
    "decimalEnclosedParen": _enclosed(0x2474, 20),  # ⑴–⒇
    "decimalEnclosedFullstop": _enclosed(0x2488, 20),  # ⒈–⒛
    "chineseCounting": _chinese_counting_word,
    "chineseCountingThousand": chinese_counting,
    "taiwaneseCounting": _chinese_counting_word,
    "taiwaneseCountingThousand": chinese_counting,
    "japaneseCounting": lambda n: chinese_counting(n, omit_leading_one=True),
    "chineseLegalSimplified": _chinese_legal,
    "ideographDigital": _chinese_digits,
    "taiwaneseDigital": _chinese_digits,
    "ideographTraditional": _cycle(_STEMS),
    "ideographZodiac": _cycle(_BRANCHES),
    "upperLetter": _letter,
    "lowerLetter": lambda n: _letter(n).lower(),
    "upperRoman": _roman,
    "lowerRoman": lambda n: _roman(n).lower(),
    "none": lambda n: "",
}


def format_number(n: int, num_fmt: str) -> str:
    """`n` written in Word's number format `num_fmt` (an unknown format falls back to decimal)."""
    return _FORMATS.get(num_fmt, str)(n)


# ------------------------------------------------------------------------------ definitions


@dataclass(frozen=True)
class _Level:
    start: int
    fmt: str
    text: str | None  # w:lvlText; None when the level draws nothing
    restart: int | None  # w:lvlRestart (1-based level that restarts this one; 0 never); None: any shallower
    legal: bool  # w:isLgl: every level in the label drawn in decimal
    suffix: str  # w:suff: "tab" (Word's default), "space" or "nothing"
    style: str | None  # w:pStyle: the paragraph style this level belongs to


def _val(parent: _XmlElement, name: str, default: str | None = None) -> str | None:
    """The w:val of `parent`'s child w:`name` (absent → default)."""
    child = parent.find(_tag(name))
    return default if child is None else child.get(_VAL, default)


def _read_level(lvl: _XmlElement) -> _Level:
    return _Level(
        start=_int(lvl.find(_tag("start")), 0),  # the schema's default start is 0
        fmt=_val(lvl, "numFmt") or "decimal",
        text=_val(lvl, "lvlText"),
        restart=_int(lvl.find(_tag("lvlRestart"))),
        legal=lvl.find(_tag("isLgl")) is not None and _val(lvl, "isLgl", "1") not in ("0", "false", "off"),
        suffix=_val(lvl, "suff") or "tab",
        style=_val(lvl, "pStyle"),
    )


def _read_levels(parent: _XmlElement) -> dict[int, _Level]:
    levels: dict[int, _Level] = {}
    for lvl in parent.iterfind(_tag("lvl")):
        ilvl = _int_attr(lvl, "ilvl")
        if ilvl is not None and 0 <= ilvl < _MAX_LEVELS:
            levels[ilvl] = _read_level(lvl)
    return levels


@dataclass(frozen=True)
class _List:
    """One w:num resolved: its levels (overrides applied) and the key its counters live under."""

    levels: dict[int, _Level]
    counter_key: tuple[str, int]


def _num_pr(ppr: _XmlElement | None) -> tuple[int | None, int | None]:
    """(numId, ilvl) of a w:pPr's w:numPr, each None when absent."""
    if ppr is None:
        return None, None
    num_pr = ppr.find(_tag("numPr"))
    if num_pr is None:
        return None, None
    return _int(num_pr.find(_tag("numId"))), _int(num_pr.find(_tag("ilvl")))


@dataclass(frozen=True)
class _StyleNumbering:
    num_id: int | None
    ilvl: int | None
    lineage: tuple[str, ...]  # the style, then the styles it is based on


def _read_styles(styles_element: _XmlElement | None) -> tuple[dict[str | None, _StyleNumbering], str | None]:
    """{paragraph styleId: its numbering, w:basedOn followed}, and the default paragraph style's id."""
    own: dict[str, tuple[int | None, int | None]] = {}
    based_on: dict[str, str] = {}
    default = None
    if styles_element is None:
        return {}, None
    for style in styles_element.iterfind(_tag("style")):
        style_id = style.get(_W + "styleId")
        if style.get(_W + "type") != "paragraph" or not style_id:
            continue
        if style.get(_W + "default") in ("1", "true", "on"):
            default = style_id
        own[style_id] = _num_pr(style.find(_tag("pPr")))
        parent = _val(style, "basedOn")
        if parent:
            based_on[style_id] = parent

    resolved: dict[str | None, _StyleNumbering] = {}  # looked up by a style id that may be absent
    for style_id in own:
        lineage: list[str] = []
        current: str | None = style_id
        while current is not None and current in own and current not in lineage:  # a basedOn cycle in a damaged file must not loop
            lineage.append(current)
            current = based_on.get(current)
        num_id = next((own[s][0] for s in lineage if own[s][0] is not None), None)
        ilvl = next((own[s][1] for s in lineage if own[s][1] is not None), None)
        if num_id is not None or ilvl is not None:
            resolved[style_id] = _StyleNumbering(num_id, ilvl, tuple(lineage))
    return resolved, default


class ListLabels:
    """Word's list labels for one document's paragraphs, counted in the order they are asked for."""

    def __init__(self, numbering_element: _XmlElement | None, styles_element: _XmlElement | None = None) -> None:
        self._style_numbering, self._default_style = _read_styles(styles_element)
        self._lists: dict[int, _List] = {}
        if numbering_element is not None:
            self._read_numbering(numbering_element)
        self._counters: dict[tuple[str, int], list[int | None]] = {}
        self._labels: dict[object, str] = {}  # paragraph element → its label, counted once

    @classmethod
    def of(cls, document: Document) -> "ListLabels":
        """The labels of a python-docx Document (no numbering part: every label is empty)."""
        try:
            numbering = document.part.numbering_part.element
        except (NotImplementedError, KeyError):  # python-docx cannot create one for a file without it
            numbering = None
        return cls(numbering, document.styles.element)

    def _read_numbering(self, numbering: _XmlElement) -> None:
        # Keyed by id; looked up (in _follow_style_link) with an id that may be absent.
        abstracts: dict[int | None, _XmlElement] = {}
        for abstract in numbering.iterfind(_tag("abstractNum")):
            abstract_id = _int_attr(abstract, "abstractNumId")
            if abstract_id is not None:
                abstracts[abstract_id] = abstract
        nums: dict[int, _XmlElement] = {}
        for num in numbering.iterfind(_tag("num")):
            num_id = _int_attr(num, "numId")
            if num_id is not None:
                nums[num_id] = num
        for num_id, num in nums.items():
            abstract_id = _int(num.find(_tag("abstractNumId")))
            abstract_id = self._follow_style_link(abstract_id, abstracts, nums)
            if abstract_id is None:
                continue
            levels = _read_levels(abstracts[abstract_id])
            overridden = False
            for override in num.iterfind(_tag("lvlOverride")):
                ilvl = _int_attr(override, "ilvl")
                if ilvl is None or not 0 <= ilvl < _MAX_LEVELS:
                    continue
                lvl = override.find(_tag("lvl"))
                if lvl is not None:
                    levels[ilvl] = _read_level(lvl)
                    overridden = True
                start = _int(override.find(_tag("startOverride")))
                if start is not None and ilvl in levels:
                    levels[ilvl] = replace(levels[ilvl], start=start)
                    overridden = True
            # Lists that share an abstract definition continue one another's numbering, unless one
            # restarts it (Word's "restart numbering" is a new w:num with a w:startOverride): that
            # one is a list of its own.
            key = ("num", num_id) if overridden else ("abstract", abstract_id)
            self._lists[num_id] = _List(levels=levels, counter_key=key)

    def _follow_style_link(
        self, abstract_id: int | None, abstracts: dict[int | None, _XmlElement], nums: dict[int, _XmlElement]
    ) -> int | None:
        """An abstractNum that only says w:numStyleLink takes its levels from the style's list."""
        for _ in range(3):  # a link to a link is legal; a loop in a damaged file is not followed
            abstract = abstracts.get(abstract_id)
            if abstract is None:
                return None
            link = abstract.find(_tag("numStyleLink"))
            if link is None or abstract.find(_tag("lvl")) is not None:
                return abstract_id
            linked = self._style_numbering.get(link.get(_VAL))
            num_id = linked.num_id if linked else None
            num = nums.get(num_id) if num_id is not None else None  # no None key: the same as get(None)
            abstract_id = _int(num.find(_tag("abstractNumId"))) if num is not None else None
        return None

    # -------------------------------------------------------------------------------- counting

    def label(self, paragraph: _XmlElement) -> str:
        """The label before a w:p element's text ("一、", "（一）", "1. "), or "" when it has none.

        The first call for a paragraph counts it; later calls (a vertically merged table cell is
        listed on each row it covers) return the same label without counting again.
        """
        if paragraph in self._labels:
            return self._labels[paragraph]
        label = self._count(paragraph)
        self._labels[paragraph] = label
        return label

    def _numbering_of(self, paragraph: _XmlElement) -> tuple[int | None, int | None, tuple[str, ...]]:
        """(numId, ilvl, the paragraph style's lineage): the paragraph's own w:numPr over its style's."""
        ppr = paragraph.find(_tag("pPr"))
        num_id, ilvl = _num_pr(ppr)
        style_id = (_val(ppr, "pStyle") if ppr is not None else None) or self._default_style
        style = self._style_numbering.get(style_id)
        if style is None:
            return num_id, ilvl, ()
        return (style.num_id if num_id is None else num_id), (style.ilvl if ilvl is None else ilvl), style.lineage

    def _count(self, paragraph: _XmlElement) -> str:
        if not self._lists:
            return ""
        num_id, ilvl, lineage = self._numbering_of(paragraph)
        listing = self._lists.get(num_id) if num_id else None  # numId 0 means "no list"; unknown ids draw nothing
        if listing is None:
            return ""
        if ilvl is None:
            # A style's list that names no level: the level tied to the style (or to a style it is
            # based on) by w:pStyle, as Word writes heading lists; else the first level.
            tied = {lvl.style: i for i, lvl in sorted(listing.levels.items(), reverse=True) if lvl.style}
            ilvl = next((tied[s] for s in lineage if s in tied), 0)
        level = listing.levels.get(ilvl)
        if level is None:
            return ""
        counters = self._counters.setdefault(listing.counter_key, [None] * _MAX_LEVELS)
        current = counters[ilvl]
        counters[ilvl] = level.start if current is None else current + 1
        for deeper in range(ilvl + 1, _MAX_LEVELS):
            restart = listing.levels[deeper].restart if deeper in listing.levels else None
            # w:lvlRestart is 1-based: the deeper level restarts when level (restart - 1) or a
            # shallower one is used; 0 means it never restarts.
            if restart is None or (restart > 0 and ilvl <= restart - 1):
                counters[deeper] = None
        return self._draw(listing, level, counters)

    @staticmethod
    def _draw(listing: _List, level: _Level, counters: list[int | None]) -> str:
        if level.text is None or level.fmt == "bullet":
            return ""  # a bullet is a glyph in a symbol font, not a label the outline reads
        out: list[str] = []
        text, i = level.text, 0
        while i < len(text):
            char = text[i]
            if char == "%" and i + 1 < len(text) and text[i + 1] in "123456789":
                ref = int(text[i + 1]) - 1
                ref_level = listing.levels.get(ref)
                if ref_level is not None:
                    counted = counters[ref]
                    value = counted if counted is not None else ref_level.start
                    out.append(format_number(value, "decimal" if level.legal else ref_level.fmt))
                i += 2
                continue
            out.append(char)
            i += 1
        label = "".join(out)
        # Word puts a tab or a space after the label; a tab would split the line into table cells
        # here, so a space stands for both, and only where the label does not end in punctuation.
        if label and level.suffix != "nothing" and label[-1].isalnum():
            label += " "
        return label
