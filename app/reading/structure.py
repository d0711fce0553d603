"""The heading hierarchy of a plan: front matter, numbered items, boxes (专栏) and the closing 版记.

Official plans number their parts in four levels: `一、` sections, `（一）` items, `1.` sub-items and
`（1）` points. Each numbered line opens an item; the lines after it, up to the next numbered line,
belong to it (a line broken by a page break is joined back without a gap). A `专栏` box holds examples
and indicators, not work: its lines (numbered or not) are kept out of the items. The 版记 (抄送, 印发)
and the "此件公开发布" marks end the body.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field

from app.errors import UnreadableDocument
from app.reading.labels import NOTE_LINE_LABELS

CN_NUMERALS = "一二三四五六七八九十百零〇"
MAX_ITEMS = 100_000  # numbered items (or task-table rows) in one document
_LEVEL_PATTERNS = (
    (1, re.compile(rf"^([{CN_NUMERALS}]{{1,4}})[、．.]\s*")),
    (2, re.compile(rf"^（([{CN_NUMERALS}]{{1,4}})）\s*")),
    (3, re.compile(r"^(\d{1,6})(?:[.．、](?!\d)|\s+(?=[\u4e00-\u9fff]))\s*")),
    (4, re.compile(r"^（(\d{1,6})）\s*")),
)
_NUMBER_DOT_DIGIT = re.compile(r"^(\d{1,3})[.．](?=\d)")
_BOX = re.compile(r"^专栏\s*\d*")
_END_OF_BODY = re.compile(r"^(?:抄送|抄报|主送|（此件[^）]{0,10}）|.{0,30}\d{4}年\d{1,2}月\d{1,2}日印发$)")
# A line that holds nothing but a responsibility note: it belongs to the item even after a box.
_NOTE_LINE = re.compile(r"^[（〔\[【]?\s*(?:" + "|".join(NOTE_LINE_LABELS) + r")\s*[：:]")
# Text that ends a sentence or a clause: a line ending otherwise was broken by the layout.
_CLOSED = tuple("。；！？：”’）】》〕")
# A sentence about the document itself (本方案自印发之日起施行…) or its attachments starts anew after a
# note's line; any other line after one may be the note wrapped by a PDF's layout.
# A note line that ends like a deadline (完成时限：2024年底前) ended with its line: the next one is not its.
_DEADLINE_END = re.compile(r"(?:前|底|末|推进|坚持|常态化|长期)$")
_DOCUMENT_SENTENCE = re.compile(r"^(?:本(?:实施|行动|工作)?(?:方案|意见|通知|办法|细则|规划|计划|要点|清单)|附件)")


def check_item_count(count: int) -> None:
    """The longest plans number a few thousand items; far more is no plan, and would cost gigabytes."""
    if count > MAX_ITEMS:
        raise UnreadableDocument(f"文档的编号条目超过 {MAX_ITEMS // 10_000} 万条，不像一份实施方案；请拆分后分别导入")


def label_of(level: int, number: str) -> str:
    """The label as a reference spells it: 三, （一）, 1, （1）."""
    return f"（{number}）" if level in (2, 4) else number


@dataclass
class Item:
    level: int
    label: str
    lines: list[str]
    parent: "Item | None" = None
    children: list["Item"] = field(default_factory=list)
    line: int = 0  # the line number (from 1) of its first line in the cleaned text

    @property
    def ref(self) -> tuple[str, ...]:
        chain = []
        node: Item | None = self
        while node is not None:
            chain.append(node.label)
            node = node.parent
        return tuple(reversed(chain))

    @property
    def text(self) -> str:
        return join_lines(self.lines)

    @property
    def heading(self) -> str:
        """The first line, without its label: the section's name for a `一、` heading."""
        return self.lines[0] if self.lines else ""

    def section(self) -> "Item":
        node = self
        while node.parent is not None:
            node = node.parent
        return node


@dataclass
class Outline:
    front: list[str]
    items: list[Item]
    back: list[str]


def join_lines(lines: list[str]) -> str:
    """Lines of one item as one text: a line that ends mid-sentence continues on the next."""
    out = ""
    after_note = False  # a note's line: "完成时限：年底前" takes nothing of a 本方案… sentence after it
    for line in lines:
        if (out and not out.endswith(_CLOSED) and not line.startswith(("（", "〔")) and not _NOTE_LINE.match(line)
                and not (after_note and (_DOCUMENT_SENTENCE.match(line) or _DEADLINE_END.search(out)))):
            out += line
        elif out:
            out += "\n" + line
        else:
            out = line
        after_note = bool(_NOTE_LINE.match(line))
    return out


def match_label(line: str) -> tuple[int, str, str] | None:
    """(level, label, rest of the line) for a numbered line, else None."""
    for level, pattern in _LEVEL_PATTERNS:
        m = pattern.match(line)
        if m and len(line) > m.end():
            return level, label_of(level, m.group(1)), line[m.end():]
    return None


def _continues_numbering(found: tuple[int, str, str], stack: list[Item]) -> bool:
    """Items number 1–999 freely; a number of four digits or more (which could be a year) opens an item
    only where it follows its sibling's number (999 → 1000), so plans of any length keep every item."""
    level, label, _ = found
    number = label.strip("（）")
    if level < 3 or len(number) < 4:
        return True
    previous = next((item for item in reversed(stack) if item.level == level), None)
    return previous is not None and previous.label.strip("（）") == str(int(number) - 1)


def _number_before_number(line: str, stack: list[Item], last: "Item | None") -> tuple[int, str, str] | None:
    """"11.121人才梯队项目", "3.5G+工业互联网": a sub-item number before a title that opens with digits. Read
    so only where the number is the next one expected (the one after the last sub-item, or 1 under a new
    item), as a decimal "3.5" cannot tell."""
    m = _NUMBER_DOT_DIGIT.match(line)
    if not m or len(line) <= m.end():
        return None
    parent_level = stack[-1].level if stack else 0
    expected = {1} if last is None or parent_level < 3 else set()
    if last is not None and last.label.isdigit():
        expected.add(int(last.label) + 1)
    number = int(m.group(1))
    return (3, str(number), line[m.end():]) if number in expected else None


def parse_outline(text: str) -> Outline:
    front: list[str] = []
    back: list[str] = []
    items: list[Item] = []
    stack: list[Item] = []
    in_box = False
    ended = False
    last_sub: Item | None = None  # the last sub-item (1., 2. …) read, wherever it stands
    for number, raw in enumerate(text.split("\n"), start=1):
        line = raw.strip()
        if not line:
            continue
        if ended:
            back.append(line)
            continue
        if items and _END_OF_BODY.match(line):
            ended = True
            back.append(line)
            continue
        if "\t" in line:  # a table row: tables are read on their own (app/reading/tables.py)
            continue
        found = match_label(line) or _number_before_number(line, stack, last_sub)
        if found and not _continues_numbering(found, stack):
            found = None  # "2025、2026年…": a year, not item 2025
        if found and in_box and found[0] > 2:
            found = None  # numbered lines inside a box are the box's, not tasks
        if found:
            level, label, rest = found
            in_box = False
            while stack and stack[-1].level >= level:
                stack.pop()
            item = Item(level=level, label=label, lines=[rest], parent=stack[-1] if stack else None, line=number)
            if item.parent:
                item.parent.children.append(item)
            stack.append(item)
            items.append(item)
            check_item_count(len(items))
            if level == 3:
                last_sub = item
            continue
        if not items:
            front.append(line)
            continue
        if _BOX.match(line):
            in_box = True
            continue
        if in_box and not _NOTE_LINE.match(line):
            continue
        in_box = False
        stack[-1].lines.append(line)
    return Outline(front=front, items=items, back=back)
