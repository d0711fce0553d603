"""Clean-up of a plan's text before its structure is read.

What it does, in order, and why:
- Traditional → Simplified (OpenCC) and uniform widths: the rules below are written once, for Simplified.
- Pinyin reading aids such as `區(qū)` or `得(de)` are removed: web copies of plans carry them after
  almost every rare character, and they split unit names (`市场监(jiān)管局`).
- Markdown left by converters (`**`, `#` headings, `---` rules) is removed.
- Half-width brackets, colons, semicolons and commas become full-width (`(一)` → `（一）`): the plans
  mix both, and the output spells names and titles with full-width brackets.
- Spaces next to Chinese characters are dropped (`2035 年` → `2035年`, `(十二) 强化` → `（十二）强化`);
  a year range written with a hyphen becomes an em dash (`2021-2035` → `2021—2035`), as official titles
  print it.
Lines are kept: the structure reader works line by line.
"""
from __future__ import annotations

import re

from app.reading.chinese import normalize_width, to_simplified
from app.reading.tables import CELL_BREAK

# A pinyin gloss: lower-case Latin letters (with tone marks or ü) in brackets right after a Chinese
# character. At most 7 letters (the longest syllable, "zhuang", has 6). A PDF may wrap the line
# anywhere in or before the gloss ("发\n(fā)展", "监(jiān\n)管"): the breaks go with the gloss. Each
# repetition must take a letter, so the optional breaks cannot make the pattern backtrack badly.
_PINYIN_GLOSS = re.compile(
    r"(?<=[\u3400-\u9fff])\n?[(（](?:\n?[a-zāáǎàēéěèīíǐìōóǒòūúǔùüǖǘǚǜńňǹḿ]){1,7}\n?[)）]"
)
_MARKDOWN_HEADING = re.compile(r"^[ \t]*#{1,6}[ \t]*", re.MULTILINE)
_MARKDOWN_RULE = re.compile(r"^[ \t]*(?:-{3,}|\*{3,}|_{3,})[ \t]*$", re.MULTILINE)
# Spaces with a non-ASCII character (Chinese, full-width punctuation) on either side. A run is tried
# once, from its first space and without backtracking (`(?<! ) ++`): tried from each of its spaces, a
# run of n spaces between two ASCII letters cost n² steps (40,000 spaces: 48 s).
_SPACE_NEAR_CJK = re.compile(r"(?<=[^\x00-\x7f]) +|(?<! ) ++(?=[^\x00-\x7f])")
_YEAR_RANGE = re.compile(r"(?<!\d)(\d{4})[-－–~～](\d{4})(?!\d)")
# Half-width punctuation that is full-width in Chinese text; not between two digits ("1,000", "10:30").
_HALF_PUNCT = re.compile(r"(?<!\d)[,:;]|[,:;](?!\d)")
_HALF_TO_FULL = {",": "，", ":": "：", ";": "；"}


def _full_width_punctuation(line: str) -> str:
    line = line.replace("(", "（").replace(")", "）")
    return _HALF_PUNCT.sub(lambda m: _HALF_TO_FULL[m.group(0)], line)


def clean_text(raw: str) -> str:
    """The document's text, cleaned as described in the module docstring; lines kept."""
    text = raw.replace("\r\n", "\n").replace("\r", "\n")
    text = normalize_width(to_simplified(text))
    text = _PINYIN_GLOSS.sub("", text)
    text = _MARKDOWN_RULE.sub("", text)
    text = _MARKDOWN_HEADING.sub("", text)
    text = text.replace("*", "")
    text = _YEAR_RANGE.sub(r"\1—\2", text)
    lines = []
    for line in text.split("\n"):
        if "\t" in line:  # a table row: keep its cells apart
            cells = [_SPACE_NEAR_CJK.sub("", _full_width_punctuation(c)).strip() for c in line.split("\t")]
            lines.append("\t".join(cells).rstrip("\t"))
            continue
        line = _full_width_punctuation(line.strip().replace(CELL_BREAK, ""))
        lines.append(_SPACE_NEAR_CJK.sub("", line))
    return "\n".join(lines)

