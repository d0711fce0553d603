"""Chinese line breaking that keeps every character inside the text block (GB/T 9704) and obeys 避头尾.

reportlab breaks CJK text between any two characters and lets a closing mark that would start a line hang
in the right margin, up to a whole character outside the block. Here a line instead ends one character
early, so that the mark goes down together with the character before it (推出); an opening mark never
ends a line, and a run of Latin letters or digits (a year, a phone number) is not cut in two; nor is a
task number such as 三（十一） or a document number's 〔2026〕12号 (`PROTECTED`). A short bracketed aside such as
（可另附页） goes down whole rather than be cut, when it fits on the next line and the line it leaves stays
mostly full (`ASIDE_CHARS`, `ASIDE_LEAVES`); and the last line of a paragraph never holds one character alone
(with at most its closing marks, such as 页）): one more character goes down with it.

Titles are set by `balance_title`: lines of about equal length, broken at a phrase boundary (before 《 or
关于 / 的, after 》) where one is near, and never a line of one or two characters.
"""
from __future__ import annotations

import functools
import re
from collections import OrderedDict
from typing import Any, Callable, Sequence

import app.notices.rl_import  # noqa: F401,I001 - first, before reportlab.platypus (see there)
from reportlab.lib import textsplit
from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.platypus import paragraph

NO_LINE_START = set("，。、；：？！）》」』】〕〉〗”’…%％‰,.;:?!)]}")
NO_LINE_END = set("（《「『【〔〈〖“‘([{")
_FUZZ = 1e-6
_CN_DIGITS = "一二三四五六七八九十百零〇"
# Runs never cut by a line break: a task number (三（十一）, （二）3, 二、(三)), a document number's year and
# number (〔2026〕12号, [2026]3号), a year range (2021—2035年), a count with its unit (42天, 3项).
PROTECTED = re.compile(
    rf"[{_CN_DIGITS}]*[（(][{_CN_DIGITS}\d]+[）)]\d*"
    r"|[〔［\[]\d{4}[〕］\]]\d+号?"
    r"|\d{4}[—\-–~～]\d{4}年?"
    r"|\d+(?:\.\d+)?[天次项个%％]"
)


def _latin(ch: str) -> bool:
    return ch.isascii() and ch.isalnum()


@functools.lru_cache(maxsize=4096)
def _protected(text: str) -> tuple[tuple[int, int], ...]:
    """The (start, end) of every protected run in `text`."""
    return tuple((m.start(), m.end()) for m in PROTECTED.finditer(text) if m.end() - m.start() > 1)


def breakable(text: str, k: int) -> bool:
    """Whether a line may end before `text[k]` (0 < k < len(text))."""
    if text[k] in NO_LINE_START or text[k - 1] in NO_LINE_END or (_latin(text[k]) and _latin(text[k - 1])):
        return False
    return not any(a < k < b for a, b in _protected(text))


OPENING_BRACKETS = {"（": "）", "(": ")", "《": "》", "〔": "〕", "【": "】", "［": "］", "[": "]", "〈": "〉"}
ASIDE_CHARS = 6  # an aside of at most this many characters (its brackets included) is kept on one line …
ASIDE_LEAVES = 0.75  # … when the line it leaves is still this share full, or the measure is narrow:
NARROW_CHARS = 12  # a table cell or a form label, where a short line costs nothing


@functools.lru_cache(maxsize=4096)
def asides(text: str) -> tuple[tuple[int, int], ...]:
    """The (start, end) of every bracketed aside in `text`, its brackets included (nested ones too)."""
    found, stack = [], []
    for i, ch in enumerate(text):
        if ch in OPENING_BRACKETS:
            stack.append(i)
        elif stack and ch == OPENING_BRACKETS[text[stack[-1]]]:
            found.append((stack.pop(), i + 1))
    return tuple(sorted(found))


def _keep_aside(text: str, widths: Sequence[float], start: int, end: int, max_width: float,
                next_width: float, font_size: float) -> int:
    """A break at `end` moved before the short aside it would cut, when the aside (with the closing marks after
    it) fits on the next line and the line left behind stays mostly full or is a narrow one; else `end`."""
    leaves = 0.0 if max_width < NARROW_CHARS * font_size else ASIDE_LEAVES * max_width
    for a, b in asides(text):
        if not start < a < end < b or b - a > ASIDE_CHARS:
            continue
        tail = b
        while tail < len(text) and text[tail] in NO_LINE_START:
            tail += 1
        if sum(widths[a:tail]) <= next_width + _FUZZ and sum(widths[start:a]) >= leaves \
                and breakable(text, a):
            return a
    return end


def _no_lone_last(text: str, lines: list[list[Any]], widths: Sequence[float], limits: Sequence[float]) -> None:
    """A last line of one character (and its closing marks, 页）) takes one more character from the line above,
    where a break may go there and that line keeps two characters or more."""
    if len(lines) < 2:
        return
    last, above = lines[-1][1], lines[-2][1]
    if sum(1 for ch in last if ch not in NO_LINE_START) > 1:
        return
    cut = len(text) - len(last)  # where the last line starts …
    top = cut - len(above)  # … and the line above it
    last_width = limits[min(len(lines) - 1, len(limits) - 1)]
    for k in range(cut - 1, top + 1, -1):
        if not breakable(text, k):
            continue
        if sum(widths[k:]) <= last_width + _FUZZ:
            lines[-2] = [limits[min(len(lines) - 2, len(limits) - 1)] - sum(widths[top:k]), text[top:k]]
            lines[-1] = [last_width - sum(widths[k:]), text[k:]]
        return


def _break_before(text: str, start: int, end: int) -> int:
    """Move a break at `end` back (never to `start`) until it breaks no rule; keep `end` if none does."""
    k = end
    while k - 1 > start and not breakable(text, k):
        k -= 1
    return k if k > start + 1 or end == start + 1 else end


@functools.lru_cache(maxsize=64)
def _width_table(font_name: str, font_size: float) -> dict[str, float]:
    return {}


def char_widths(text: str, font_name: str, font_size: float) -> list[float]:
    """Each character's width (what reportlab's getCharWidths gives), from a table kept per font and size:
    a notice measures the same few hundred characters thousands of times."""
    table = _width_table(font_name, font_size)
    try:
        return [table[ch] for ch in text]
    except KeyError:
        for ch in set(text) - table.keys():
            table[ch] = stringWidth(ch, font_name, font_size)
        return [table[ch] for ch in text]


def split_lines(word: str | bytes, max_widths: Sequence[float] | float, font_name: str, font_size: float,
                encoding: str = "utf8") -> list[list[Any]]:
    """Drop-in for reportlab's `wordSplit`: a list of [unused width, line text]."""
    if isinstance(word, bytes):
        word = word.decode(encoding)
    limits: Sequence[float] = [max_widths] if isinstance(max_widths, (int, float)) else max_widths
    widths = char_widths(word, font_name, font_size)
    lines: list[list[Any]] = []
    start, n = 0, len(word)
    while start < n:
        max_width = limits[min(len(lines), len(limits) - 1)]
        end, used = start, 0.0
        while end < n and used + widths[end] <= max_width + _FUZZ:
            used += widths[end]
            end += 1
        end = max(end, start + 1)  # a character wider than the line still goes somewhere
        if end < n:
            end = _break_before(word, start, end)
            end = _keep_aside(word, widths, start, end, max_width, limits[min(len(lines) + 1, len(limits) - 1)],
                              font_size)
        lines.append([max_width - sum(widths[start:end]), word[start:end]])
        start = end
    _no_lone_last(word, lines, widths, limits)
    return lines


# -------------------------------------------------------------------------------- titles

_GOOD_BEFORE = ("《", "关于", "的", "和", "及", "与", "暨", "有关", "落实", "情况")  # a phrase starts here
_GOOD_AFTER = ("》", "）", "、", "，")  # … or ended here
MIN_LINE_CHARS = 3


def _phrase_cost(text: str, k: int) -> float:
    """0 for a break at a phrase boundary, 1 elsewhere, 1.5 inside a book title 《…》."""
    if text.startswith(_GOOD_BEFORE, k) or text[k - 1] in _GOOD_AFTER:
        return 0.0
    depth = text[:k].count("《") - text[:k].count("》")
    return 1.5 if depth > 0 else 1.0


def balance_title(text: str, font_name: str, font_size: float, width: float) -> list[str]:
    """A title's lines: as few as fit, about equal in length, broken at phrase boundaries when one is near,
    none shorter than three characters (a short title stays on one line)."""
    widths = char_widths(text, font_name, font_size)
    if sum(widths) <= width + _FUZZ or len(text) < 2 * MIN_LINE_CHARS:
        return [text]
    prefix = [0.0]
    for w in widths:
        prefix.append(prefix[-1] + w)
    n = len(text)
    cuts = [k for k in range(MIN_LINE_CHARS, n - MIN_LINE_CHARS + 1) if breakable(text, k)]
    char = font_size
    for lines in range(max(2, int(prefix[-1] // width) + 1), n // MIN_LINE_CHARS + 1):
        target = prefix[-1] / lines
        best: dict[int, tuple[float, list[int]]] = {0: (0.0, [])}  # end of the lines so far → cost, breaks
        for _ in range(lines - 1):
            step: dict[int, tuple[float, list[int]]] = {}
            for start, (cost, breaks) in best.items():
                for k in cuts:
                    w = prefix[k] - prefix[start]
                    if k - start < MIN_LINE_CHARS or w > width + _FUZZ:
                        continue
                    c = cost + ((w - target) / char) ** 2 + 6 * _phrase_cost(text, k)
                    if k not in step or c < step[k][0]:
                        step[k] = (c, breaks + [k])
            best = step
        finals = [(cost + ((prefix[n] - prefix[k]) - target) ** 2 / char ** 2, breaks)
                  for k, (cost, breaks) in best.items()
                  if n - k >= MIN_LINE_CHARS and prefix[n] - prefix[k] <= width + _FUZZ]
        if finals:
            _, breaks = min(finals, key=lambda f: f[0])
            bounds = [0, *breaks, n]
            return [text[a:b] for a, b in zip(bounds, bounds[1:])]
    return [text]


# The lines of a plain paragraph (one fragment, made by layout.para) by its text, style and widths, shared
# by every paragraph of a batch that says the same in the same place: the table headers, a unit's name, a
# deadline, a requirement, met in notice after notice. (reportlab reads a paragraph's lines, never changes
# them: a split paragraph gets lines of its own.)
_SHARED: OrderedDict[tuple[Any, ...], Any] = OrderedDict()
SHARED_KEPT = 8192
PLAIN = "_duban_plain"  # set on a paragraph whose only fragment was made from its style alone


def _shared_key(para: paragraph.Paragraph, widths: tuple[Any, ...]) -> tuple[Any, ...] | None:
    """The key its lines are shared under, or None for a paragraph whose lines are its own."""
    if not para.__dict__.get(PLAIN) or getattr(para, "_splitpara", 0) or len(para.frags) != 1:
        return None
    return (para.frags[0].text, para.style, widths)


def _remembering(break_lines: Callable[[Any, Any], Any]) -> Callable[[Any, Any], Any]:
    """A paragraph's `breakLinesCJK` that gives its last result again for the same widths: a paragraph is
    wrapped two or three times at one width (a table measures its cells, then draws them; a kept-together
    block wraps what it keeps), and breaking its lines was a seventh of a notice's time."""

    def breakLinesCJK(self: paragraph.Paragraph, maxWidths: Any) -> Any:  # noqa: N802,N803 - reportlab's names
        key = (tuple(maxWidths) if isinstance(maxWidths, (list, tuple)) else (maxWidths,), self.bulletText)
        last = self.__dict__.get("_duban_broken")
        if last is not None and last[0] == key and last[1] is self.frags and last[2] is self.style:
            self.height = 0  # as the original does
            return last[3]
        shared = _shared_key(self, key)
        lines = _SHARED.get(shared) if shared is not None else None
        if lines is None:
            lines = break_lines(self, maxWidths)
            if shared is not None:
                _SHARED[shared] = lines
                if len(_SHARED) > SHARED_KEPT:
                    _SHARED.popitem(last=False)
        else:
            self.height = 0  # as the original does
        self._duban_broken = (key, self.frags, self.style, lines)
        return lines

    return breakLinesCJK


def install() -> None:
    """Use this breaking in reportlab's paragraphs (ours are the only ones in the program)."""
    paragraph.wordSplit = split_lines
    if not getattr(paragraph.Paragraph.breakLinesCJK, "_duban", False):
        paragraph.Paragraph.breakLinesCJK = _remembering(paragraph.Paragraph.breakLinesCJK)
        paragraph.Paragraph.breakLinesCJK._duban = True
    # Paragraphs of several fragments go through reportlab's own splitter: at least stop it hanging marks.
    paragraph.ALL_CANNOT_START = textsplit.ALL_CANNOT_START = ""
