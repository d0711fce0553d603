"""Chinese line breaking that keeps every character inside the text block (GB/T 9704) and obeys 避头尾.

reportlab breaks CJK text between any two characters and lets a closing mark that would start a line hang
in the right margin, up to a whole character outside the block. Here a line instead ends one character
early, so that the mark goes down together with the character before it (推出); an opening mark never
ends a line, and a run of Latin letters or digits (a year, a phone number) is not cut in two.
"""
from __future__ import annotations

from reportlab.lib import textsplit
from reportlab.platypus import paragraph

NO_LINE_START = set("，。、；：？！）》」』】〕〉〗”’…%％‰,.;:?!)]}")
NO_LINE_END = set("（《「『【〔〈〖“‘([{")
_FUZZ = 1e-6


def _latin(ch: str) -> bool:
    return ch.isascii() and ch.isalnum()


def _break_before(text: str, start: int, end: int) -> int:
    """Move a break at `end` back (never to `start`) until it breaks no rule; keep `end` if none does."""
    k = end
    while k - 1 > start and (text[k] in NO_LINE_START or text[k - 1] in NO_LINE_END
                             or (_latin(text[k]) and _latin(text[k - 1]))):
        k -= 1
    return k if k > start + 1 or end == start + 1 else end


def split_lines(word: str, max_widths, font_name: str, font_size: float, encoding: str = "utf8"):
    """Drop-in for reportlab's `wordSplit`: a list of [unused width, line text]."""
    if isinstance(word, bytes):
        word = word.decode(encoding)
    if not isinstance(max_widths, (list, tuple)):
        max_widths = [max_widths]
    widths = textsplit.getCharWidths(word, font_name, font_size)
    lines, start, n = [], 0, len(word)
    while start < n:
        max_width = max_widths[min(len(lines), len(max_widths) - 1)]
        end, used = start, 0.0
        while end < n and used + widths[end] <= max_width + _FUZZ:
            used += widths[end]
            end += 1
        end = max(end, start + 1)  # a character wider than the line still goes somewhere
        if end < n:
            end = _break_before(word, start, end)
        lines.append([max_width - sum(widths[start:end]), word[start:end]])
        start = end
    return lines


def install() -> None:
    """Use this breaking in reportlab's paragraphs (ours are the only ones in the program)."""
    paragraph.wordSplit = split_lines
    # Paragraphs of several fragments go through reportlab's own splitter: at least stop it hanging marks.
    paragraph.ALL_CANNOT_START = textsplit.ALL_CANNOT_START = ""
