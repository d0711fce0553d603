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
from app.reading.structure import NOTE_LABELS
from app.reading.units import COLLECTIVE_HEADS, clean_unit, split_top_level, split_units

_LEAD_LABELS = ("牵头单位", "牵头部门")
_DEADLINE_LABELS = ("完成时限", "完成时间", "时间节点", "时限要求", "进度安排")
_FIELD = re.compile(r"(" + "|".join(NOTE_LABELS) + r")\s*[：:]\s*")
_LABEL_AFTER_COMMA = re.compile(r"[，,]\s*(?=(?:" + "|".join(NOTE_LABELS) + r")\s*[：:])")
_OPENERS = "（〔【["
_LABEL_LINE = re.compile(r"^(?=(?:" + "|".join(NOTE_LABELS) + r")\s*[：:])", re.MULTILINE)
_BRACKET = re.compile(r"[（〔【\[(）〕】\])]")
MAX_NOTE_LENGTH = 1500
MAX_NOTE_BRACKETS = 30  # brackets inside one note (各县（市、区）… needs a few)
_ROLE_END = re.compile(
    r"(?:按照?职责分工|按照?职能分工|按照?职责|按分工|分别|共同|协同)?(负责|牵头|落实|配合|参与|协助|协办)$"
)
_ROLE_OF_WORD = {"牵头": ROLE_LEAD, "落实": ROLE_IMPLEMENTER}
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

    @property
    def units(self) -> list[str]:
        return self.leads + self.responsible + self.implementers


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
        organisational = True
        saw_label = False
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
                label = label_match.group(1)
                body = field_text[label_match.end():]
                if label in _DEADLINE_LABELS:
                    if body.strip():
                        note.deadline_texts.append(body.strip())
                    continue
                if label in _LEAD_LABELS:
                    field_role = ROLE_LEAD
                    note.explicit_lead = True
            else:
                body = field_text
            organisational &= self._read_field(body, field_role, note)
        if not note.units and not note.deadline_texts and not note.standing:
            return None
        if not saw_label and not organisational:
            return None
        return note

    def _read_field(self, body: str, field_role: str, note: Note) -> bool:
        """Assign the units of one field to roles; False when something in it is no organisation."""
        pending: list[str] = []
        all_orgs = True
        ended_by_role = False
        for segment in split_top_level(body, "，,"):
            if _is_deadline(segment):
                note.deadline_texts.append(segment)
                continue
            role_match = _ROLE_END.search(segment)
            role = None
            if role_match:
                role = _ROLE_OF_WORD.get(role_match.group(1), ROLE_RESPONSIBLE)
                segment = segment[: role_match.start()]
                ended_by_role = True
            for unit in split_units(segment, self.places):
                if _LEAD_MARK.search(unit):
                    unit = clean_unit(_LEAD_MARK.sub("", unit))
                    self._add(note, ROLE_LEAD, unit)
                    note.explicit_lead = True
                    continue
                all_orgs &= looks_like_org(unit)
                pending.append(unit)
            if role:
                for unit in pending:
                    self._add(note, role, unit)
                if role == ROLE_LEAD:
                    note.explicit_lead = True
                pending = []
        for unit in pending:
            self._add(note, field_role, unit)
        return all_orgs and (ended_by_role or field_role != ROLE_RESPONSIBLE or not pending)

    @staticmethod
    def _add(note: Note, role: str, unit: str) -> None:
        target = {ROLE_LEAD: note.leads, ROLE_RESPONSIBLE: note.responsible, ROLE_IMPLEMENTER: note.implementers}
        if unit not in note.units:
            target[role].append(unit)


def find_notes(text: str, places: tuple[str, ...] = ()) -> list[Note]:
    """Every responsibility note in a task's own text, in order.

    Bracketed notes (closed, or cut off by the end of the text) and notes on lines of their own.
    """
    reader = _NoteReader(places)
    closes = _closing_positions(text)
    openers = sorted(closes)
    notes: list[Note] = []
    # Only brackets and labelled lines can start a note: visit those, in order.
    starts = sorted([o for o in openers if text[o] in _OPENERS] + [m.start() for m in _LABEL_LINE.finditer(text)])
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
            note = reader.read(content, i) if content else None
            if note:
                notes.append(note)
                i = close + 1
                continue
            i += 1
            continue
        end = text.find("\n", i)
        end = n if end < 0 else end
        note = reader.read(text[i:end], i)
        if note:
            notes.append(note)
        i = end + 1
    return notes
