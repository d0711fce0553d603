"""Responsibility notes: where they sit in a task's text and what they say.

The genre writes them in many ways; all end up as fields, segments and roles:
- labelled fields: （牵头单位：X；责任单位：Y、Z；完成时限：2025年底）, 〔责任单位：X〕, or the same labels on lines
  of their own;
- role words closing a run of units: （X、Y负责）, （X牵头，Y、Z配合，2024年底前完成）,
  （责任单位：X、Y牵头，Z等有关部门和单位按照职责分工负责，W落实）;
- a lead marked inside a list: 责任单位：X（牵头）、Y;
- a standing rule: 以下均需W落实，不再列出 (W applies to every later task and is not repeated).
A bracketed aside that is not a note (（中亚能源计量）, （2021—2035年）) is told apart by what it holds:
a note has a label, or ends a run of organisations with a role word.
"""
from __future__ import annotations

import bisect
import re
from dataclasses import dataclass, field

from app.domain.matrix import ROLE_IMPLEMENTER, ROLE_LEAD, ROLE_RESPONSIBLE
from app.reading.labels import (
    ANY_LABEL,
    JOINING_WORDS,
    KIND_DEADLINE,
    KIND_LEAD,
    KIND_OTHER,
    LABELS,
    LEADING_ADVERBS,
    NOTE_LABELS,
    ROLE_ADVERBS,
    ROLE_WORDS,
    SUPPORT_LABELS,
    SUPPORT_WORDS,
    UNIT_LABEL_ENDS,
)
from app.reading.units import COLLECTIVE_HEADS, clean_unit, split_top_level, split_units

_FIELD = re.compile(r"(" + "|".join(NOTE_LABELS) + r")\s*[：:]\s*")
_LABEL_AFTER_COMMA = re.compile(r"[，,]\s*(?=(?:" + "|".join(NOTE_LABELS) + r")\s*[：:])")
# A label glued to the field before it (the space between them dropped by the clean-up):
# "牵头单位：市商务局　配合单位：…" → a new field; not inside 各责任单位 / 有关责任单位.
_LABEL_GLUED = re.compile(r"(?<=[^；;。，,、（(〔【\[各关\s])(?=(?:" + "|".join(NOTE_LABELS) + r")\s*[：:])")
_OPENERS = "（〔【["
# A labelled note without brackets opens a line, or follows the sentence it belongs to: "…推进改革。牵头单位：…"
_LABEL_START = re.compile(r"(?:^|(?<=[\n。；]))(?=(?:" + "|".join(NOTE_LABELS) + r")\s*[：:])")
_BRACKET = re.compile(r"[（〔【\[(）〕】\])]")
MAX_NOTE_LENGTH = 1500
MAX_NOTE_BRACKETS = 30  # brackets inside one note (各县（市、区）… needs a few)
# A bracket this long that was not read as a note is prose, not a puzzling note.
_PUZZLE_LENGTH = 200
_BRACKETED_LABEL = re.compile(r"[【〔\[（]\s*(" + "|".join(NOTE_LABELS) + r")\s*[】〕\]）]")
_ROLE_END = re.compile(
    "(?:" + "|".join(ROLE_ADVERBS) + ")?(" + "|".join(sorted(ROLE_WORDS, key=len, reverse=True)) + ")$"
)
_ROLE_ANYWHERE = re.compile("|".join(sorted(ROLE_WORDS, key=len, reverse=True)))
_ORG_IN_TEXT = re.compile(r"[\u4e00-\u9fff]{1,12}?(?:局|委|办|厅|政府|中心|公司|部门|单位)")
_DUE_WORD = re.compile(r"前|底|末|完成|持续|长期|常态|每|起|内")
_JOINING = re.compile("|".join(JOINING_WORDS))
_LEAD_MARK = re.compile(r"[（(]牵头(?:单位|部门)?[）)]$")
_STANDING = re.compile(
    r"^以下(?:各项)?(?:任务)?(?:均需|均由|均要|都需|都由|均)(?P<units>.+?)(?P<role>落实|负责)"
    r"(?:[，,]?(?:不再(?:一一)?列出|不再重复|不再列明|下同))?$"
)
_DEADLINE_HINT = re.compile(
    r"\d{4}\s*年|年底|年内|年末|月底|季度|上半年|下半年|持续|长期|常态|每年|每季|每月|每半年|立即|十[四五六]五"
)
# How an organisation's name ends: a note's units must all look like this.
_ORG_END = (
    "局", "厅", "委", "办", "院", "部", "署", "府", "会", "中心", "公司", "单位", "部门", "机构", "集团", "行",
    "台", "所", "站", "队", "处", "室", "校", "学", "馆", "组", "团", "社", "联", "总", "党委", "政府", "法院",
    "检察院", "海关", "监狱", "企业", "高校", "医院", "协会", "学会", "联盟", "基地", "园区", "管委会", "军区",
    "兵团", "支队", "总队", "大队", "办公室", "科", "股",
)


@dataclass
class Note:
    """What one note says. Roles keep the printed order of units."""

    leads: list[str] = field(default_factory=list)
    responsible: list[str] = field(default_factory=list)
    implementers: list[str] = field(default_factory=list)
    deadline_texts: list[str] = field(default_factory=list)
    standing: list[tuple[str, str]] = field(default_factory=list)  # (unit, role)
    explicit_lead: bool = False
    start: int = 0  # where the note starts in the task's text (titles stop there)
    unknown_labels: list[str] = field(default_factory=list)  # labels the tables do not know, for the report

    @property
    def units(self) -> list[str]:
        return self.leads + self.responsible + self.implementers


@dataclass(frozen=True)
class Puzzle:
    """Something in a task's text that looks like a note but was not (fully) understood."""

    offset: int  # where it starts in the task's text
    kind: str  # "unknown_label" or "not_understood"
    text: str


def looks_like_org(name: str) -> bool:
    return len(name) >= 2 and (name.endswith(_ORG_END) or name.startswith(COLLECTIVE_HEADS))


def _closing_positions(text: str) -> dict[int, int]:
    """For every opening bracket, the index of the bracket closing it (any family counts), or len(text).

    One pass with a stack: a text full of unclosed brackets costs no more than any other.
    """
    closes: dict[int, int] = {}
    stack: list[int] = []
    for match in _BRACKET.finditer(text):
        i = match.start()
        if text[i] in "（〔【[(":
            stack.append(i)
        elif stack:
            closes[stack.pop()] = i
    for i in stack:
        closes[i] = len(text)
    return closes


def _is_deadline(segment: str) -> bool:
    return bool(_DEADLINE_HINT.search(segment)) and not looks_like_org(segment)


class _NoteReader:
    """Reads one note's content into a Note: fields (；/。), segments (，) and role words."""

    def __init__(self, places: tuple[str, ...]):
        self.places = places

    def read(self, content: str, start: int) -> Note | None:
        note = Note(start=start)
        content = _LABEL_AFTER_COMMA.sub("；", content)  # 责任单位：X，配合单位：Y — two fields
        if "：" in content or ":" in content:
            content = _LABEL_GLUED.sub("；", content)
        organisational = True
        saw_label = False
        duty: list[str] = []  # units a 负责 closed: the lead where others only support
        supported = False
        for field_text in split_top_level(content, "；;。"):
            standing = _STANDING.match(field_text)
            if standing:
                role = ROLE_IMPLEMENTER if standing.group("role") == "落实" else ROLE_RESPONSIBLE
                note.standing.extend((u, role) for u in split_units(standing.group("units"), self.places))
                continue
            label_match = _FIELD.match(field_text)
            field_role = ROLE_RESPONSIBLE
            if label_match:
                saw_label = True
                kind = LABELS[label_match.group(1)]
                body = field_text[label_match.end():]
                if kind == KIND_DEADLINE:
                    if body.strip():
                        note.deadline_texts.append(body.strip())
                    continue
                if kind == KIND_OTHER:
                    continue
                if kind == KIND_LEAD:
                    field_role = ROLE_LEAD
                    note.explicit_lead = bool(body.strip())
            else:
                unknown = ANY_LABEL.match(field_text)
                if unknown:
                    # 督办单位：…, 联系科室：…: set aside and reported; the note's other fields still count.
                    saw_label = True
                    note.unknown_labels.append(unknown.group(1))
                    continue
                body = field_text
            before = list(note.responsible)
            fits, field_duty, field_support = self._read_field(body, field_role, note)
            organisational &= fits
            duty += field_duty
            supported |= field_support
            if label_match and LABELS[label_match.group(1)] != KIND_LEAD:
                added = [u for u in note.responsible if u not in before]
                if label_match.group(1) in SUPPORT_LABELS:
                    supported = True
                else:
                    duty += added  # 负责部门 / 责任主体 … beside 配合部门: they lead
        if supported and duty and not note.explicit_lead:
            # "X负责，Y配合": X leads.
            note.leads.extend(u for u in duty if u not in note.leads)
            note.responsible[:] = [u for u in note.responsible if u not in duty]
            note.explicit_lead = True
        if not note.units and not note.deadline_texts and not note.standing:
            return None
        if not saw_label and not note.units and not any(_DUE_WORD.search(t) for t in note.deadline_texts):
            return None  # （2024—2025年）: a period named in passing, no deadline
        if not saw_label and not organisational:
            return None
        return note

    def _read_field(self, body: str, field_role: str, note: Note) -> tuple[bool, list[str], bool]:
        """Assign the units of one field to roles. Returns (every piece was an organisation, the units a
        负责 closed, whether a supporting role word was seen)."""
        pending: list[str] = []
        all_orgs = True
        ended_by_role = False
        duty: list[str] = []
        supported = False
        for segment in split_top_level(body, "，,"):
            if _is_deadline(segment):
                note.deadline_texts.append(segment)
                continue
            role_match = _ROLE_END.search(segment)
            role = None
            if role_match:
                word = role_match.group(1)
                role = ROLE_WORDS[word]
                if word == "负责" and role_match.group(0).startswith(LEADING_ADVERBS):
                    role = ROLE_LEAD  # "X、Y分别负责": each leads its part
                supported |= word in SUPPORT_WORDS
                segment = segment[: role_match.start()]
                ended_by_role = True
            if segment.startswith("由") and role:
                segment = segment[1:]  # "由X负责"
            joined = _JOINING.search(segment)
            if joined and role:
                # "A、B会同有关部门负责": A and B lead, the units after 会同 take the role.
                for unit in split_units(segment[: joined.start()], self.places):
                    all_orgs &= looks_like_org(unit)
                    self._add(note, ROLE_LEAD, unit)
                    note.explicit_lead = True
                segment = segment[joined.end():]
            added = []
            for unit in split_units(segment, self.places):
                if _LEAD_MARK.search(unit):
                    unit = clean_unit(_LEAD_MARK.sub("", unit))
                    self._add(note, ROLE_LEAD, unit)
                    note.explicit_lead = True
                    continue
                all_orgs &= looks_like_org(unit)
                added.append(unit)
            pending += added
            if role:
                for unit in pending:
                    self._add(note, role, unit)
                if role == ROLE_LEAD:
                    note.explicit_lead = True
                if role_match and role_match.group(1) == "负责" and not joined:
                    duty += pending
                pending = []
        for unit in pending:
            self._add(note, field_role, unit)
        return all_orgs and (ended_by_role or field_role != ROLE_RESPONSIBLE or not pending), duty, supported

    @staticmethod
    def _add(note: Note, role: str, unit: str) -> None:
        target = {ROLE_LEAD: note.leads, ROLE_RESPONSIBLE: note.responsible, ROLE_IMPLEMENTER: note.implementers}
        if unit not in note.units:
            target[role].append(unit)


def _looks_like_a_note(content: str) -> bool:
    """A bracket that was not read as a note but would puzzle a reader: it opens with a label before
    something naming an organisation, or names an organisation before a role word."""
    if len(content) > _PUZZLE_LENGTH:
        return False
    label = ANY_LABEL.match(content)
    if label:
        return label.group(1).endswith(UNIT_LABEL_ENDS) or bool(_ORG_IN_TEXT.search(content, label.end()))
    role = _ROLE_ANYWHERE.search(content)
    return role is not None and bool(_ORG_IN_TEXT.search(content, 0, role.start()))


def find_notes(text: str, places: tuple[str, ...] = (), puzzles: list[Puzzle] | None = None) -> list[Note]:
    """Every responsibility note in a task's own text, in order.

    Bracketed notes (closed, or cut off by the end of the text) and notes on lines of their own. What
    looks like a note but was not (fully) understood is added to `puzzles`, when given.
    """
    reader = _NoteReader(places)
    closes = _closing_positions(text)
    openers = sorted(closes)
    notes: list[Note] = []
    # Only brackets and labelled lines can start a note: visit those, in order.
    starts = sorted([o for o in openers if text[o] in _OPENERS] + [m.start() for m in _LABEL_START.finditer(text)])
    i = 0
    n = len(text)
    for i_start in starts:
        if i_start < i:
            continue  # inside a note already read
        i = i_start
        if text[i] in _OPENERS:
            close = closes[i]
            # A note is a few hundred characters at most, with a few brackets inside; a longer bracket,
            # or one full of brackets, is prose (or noise). Both are judged before the content is cut
            # out, so a run of unclosed brackets costs linear time.
            fits = close - i - 1 <= MAX_NOTE_LENGTH and (
                bisect.bisect_left(openers, close) - bisect.bisect_right(openers, i) <= MAX_NOTE_BRACKETS
            )
            content = text[i + 1 : close].strip() if fits else ""
            if content in LABELS:
                # 【牵头单位】X【责任单位】Y: labels in brackets, their values after them, to the line's end.
                end = text.find("\n", i)
                end = n if end < 0 else end
                note = reader.read(_BRACKETED_LABEL.sub(r"；\1：", text[i:end]), i)
                if note:
                    _report_unknown(note, puzzles)
                    notes.append(note)
                    i = end
                    continue
            note = reader.read(content, i) if content else None
            if note:
                _report_unknown(note, puzzles)
                notes.append(note)
                i = close + 1
                continue
            if puzzles is not None and content and _looks_like_a_note(content):
                puzzles.append(Puzzle(i, "not_understood", text[i : close + 1]))
            i += 1
            continue
        end = text.find("\n", i)
        end = n if end < 0 else end
        note = reader.read(text[i:end], i)
        if note:
            _report_unknown(note, puzzles)
            notes.append(note)
        i = end + 1
    return notes


def _report_unknown(note: Note, puzzles: list[Puzzle] | None) -> None:
    if puzzles is not None:
        puzzles.extend(Puzzle(note.start, "unknown_label", label) for label in note.unknown_labels)
