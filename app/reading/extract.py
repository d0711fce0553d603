"""A plan document → its responsibility matrix (shared spec `matrix-json.md`).

The one entry point of reading: `extract_file(path)` for a file of any supported format,
`extract_text(text, source)` for text already read. Steps: clean-up → outline → plan fields →
notes of every numbered item → which items are tasks → units, roles and deadlines per task;
task tables (xlsx, docx tables, tab-separated text) are read alongside.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path

from app.domain.matrix import (
    FINDING_NO_NOTE,
    FINDING_NO_YEAR,
    FINDING_NOT_UNDERSTOOD,
    FINDING_UNKNOWN_LABEL,
    Deadline,
    Finding,
    Matrix,
    PlanInfo,
    StandingUnit,
    Task,
)
from app.reading.cleanup import clean_text
from app.reading.deadlines import parse_deadline
from app.reading.metadata import document_year, read_plan_info, read_web_block, signature_start, title_year
from app.reading.notes import Note, Puzzle, find_notes
from app.reading.structure import Item, Outline, parse_outline
from app.reading.tables import TableRow, table_lines

# Sections whose numbered items set the frame rather than assign work.
_FRAME_SECTIONS = (
    "总体要求", "指导思想", "基本原则", "发展目标", "主要目标", "工作目标", "总体目标", "目标任务要求",
    "编制背景", "发展基础", "发展环境", "现状", "重要意义", "适用范围", "工作原则",
)
_TASK_SECTIONS = ("任务", "重点工作", "主要工作", "工作措施", "主要措施")
_CONVENTION = re.compile(r"(?:列|排|位)(?:在|于)?(?:首位|第一位|第一个)[^。；]{0,8}牵头|牵头[^。；]{0,8}(?:列|排)(?:在|于)?(?:首位|第一位)")
_SENTENCE_END = "。"
_SECTION_NAME = 14  # characters: a longer heading is an item's own text
_AFTER_FRAME_WORD = "和与及、：:，,（(；。 "
_TITLE_TRIM = "，、；：,;: \n"


def extract_file(path: str | Path) -> Matrix:
    """Read a plan document of any supported format (UnreadableDocument if it cannot be read)."""
    from app.reading.documents import read_document  # the format libraries load only when a file is read

    document = read_document(path)
    matrix = extract_text(document.text, document.name)
    matrix.warnings[:0] = document.warnings
    return matrix


def _places(info: PlanInfo) -> tuple[str, ...]:
    """The plan's own place names (呼和浩特市人民政府 → 呼和浩特): units starting so name their level."""
    places = []
    for name in (info.issuer or "", info.title or ""):
        m = re.match(r"^(.{2,8}?)(?:维吾尔|壮族|回族)?(?:自治区|省|市|自治州|州|县|盟|旗|区)", name)
        if m:
            places.append(m.group(1))
    return tuple(places)


def _section_name(item: Item) -> str:
    """A section's name: its heading up to the first full stop, when that is short enough to be a name
    (一、发展基础; not 二、支持发展基础较好的镇创建产业强镇。… — a whole item with a frame word in it)."""
    name = item.heading.split(_SENTENCE_END, 1)[0]
    return name if len(name) <= _SECTION_NAME else ""


def _is_frame(item: Item) -> bool:
    """Items of 总体要求 / 指导思想 / 发展目标 … set the frame; a section that also names tasks does not."""
    heading = _section_name(item.section())
    if _names_frame(heading) and not any(w in heading for w in _TASK_SECTIONS):
        return True
    return _names_frame(_section_name(item), at_start=True)


def _names_frame(name: str, at_start: bool = False) -> bool:
    """Whether a name is a frame word as a word: 指导思想和基本原则, 总体目标：… — not 发展基础设施共建共享."""
    for word in _FRAME_SECTIONS:
        at = name.find(word)
        if at < 0 or (at_start and at > 0):
            continue
        after = name[at + len(word): at + len(word) + 1]
        if not after or after in _AFTER_FRAME_WORD:
            return True
    return False


def _title_of(text: str, notes: list[Note]) -> str:
    end = text.find(_SENTENCE_END)
    if notes and (end < 0 or notes[0].start < end):
        end = notes[0].start
    title = text if end < 0 else text[:end]
    return title.replace("\n", "").strip(_TITLE_TRIM)


_ANY_YEAR = 2000  # a stand-in year: a phrase that reads with it lacked only the plan's year


def _merge_deadline(texts: list[str], plan_year: int | None, report: "_Report", c: "_Candidate") -> Deadline | None:
    parsed = []
    for text in texts:
        deadline, warning = parse_deadline(text, plan_year)
        if warning:
            report.warnings.append(f"{''.join(c.ref)}：{warning}")
            if plan_year is None and parse_deadline(text, _ANY_YEAR)[1] is None:
                report.add(c.line, FINDING_NO_YEAR, f"完成时限“{text}”没有写年份，请填写方案年份", c.ref)
        parsed.append(deadline)
    if not parsed:
        return None
    if len(parsed) == 1:
        return parsed[0]
    dues = [d.due for d in parsed if d.due]
    return Deadline(
        text="；".join(d.text for d in parsed),
        due=max(dues) if dues else None,
        ongoing=any(d.ongoing for d in parsed),
        milestones=tuple(sorted(dues)),
    )


@dataclass
class _Report:
    """The reading report as it is gathered: the warnings (stderr) and the findings with their lines."""

    warnings: list[str] = field(default_factory=list)
    findings: list[Finding] = field(default_factory=list)

    def add(self, line: int, kind: str, message: str, ref: tuple[str, ...] = ()) -> None:
        self.findings.append(Finding(line=line, kind=kind, message=message, ref=ref))

    def puzzles(self, puzzles: list[Puzzle], text: str, line: int, ref: tuple[str, ...]) -> None:
        for p in puzzles:
            at = line + text.count("\n", 0, p.offset)
            if p.kind == "unknown_label":
                self.add(at, FINDING_UNKNOWN_LABEL, f"不认识的标注“{p.text}”，其内容未计入责任单位", ref)
            else:
                self.add(at, FINDING_NOT_UNDERSTOOD, f"括号“{_shorten(p.text)}”像是责任说明，但未能识别", ref)


_SHORT = 40  # characters of a bracket quoted in a finding


def _shorten(text: str) -> str:
    return text if len(text) <= _SHORT else text[:_SHORT] + "…"


@dataclass
class _Candidate:
    """A numbered item or a table row that may be a task, with the notes it carries."""

    ref: tuple[str, ...]
    title: str
    text: str
    notes: list[Note]
    line: int = 0
    from_table: bool = False


def _candidates(outline: Outline, places: tuple[str, ...], table_rows: list[TableRow], report: _Report) -> list[_Candidate]:
    notes_of = {}
    for item in outline.items:
        puzzles: list[Puzzle] = []
        notes_of[id(item)] = find_notes(item.text, places, puzzles)
        report.puzzles(puzzles, item.text, item.line, item.ref)
    any_notes = any(notes_of.values()) or bool(table_rows)
    # A notice whose tasks are in its attached table: its own numbered items (知识产权保护方面3项：…) sum the
    # table up and are no tasks when none of them carries a note.
    summary_only = bool(table_rows) and not any(notes_of.values())
    found = []
    for item in outline.items:
        notes = notes_of[id(item)]
        if not summary_only and _is_task(item, notes, any_notes):
            found.append(_Candidate(item.ref, _title_of(item.text, notes), item.text, notes, item.line))
    for row in table_rows:
        puzzles = []
        notes = find_notes(row.note, places, puzzles)
        report.puzzles(puzzles, "", row.line, row.ref)
        found.append(_Candidate(row.ref, row.title, row.text, notes, row.line, from_table=True))
    return found


def _detach_signature(outline: Outline) -> None:
    """A signature after the body (issuer, date) sits at the end of the last item: it belongs to the back."""
    if not outline.items:
        return
    last = outline.items[-1]
    start = signature_start(last.lines, outline.back[0] if outline.back else "")
    if start:  # not the item's first line: that is the item itself
        outline.back[:0] = last.lines[start:]
        del last.lines[start:]


def extract_text(raw_text: str, source: str = "") -> Matrix:
    """The matrix of a plan given as text (tables as tab-separated lines)."""
    text = clean_text(raw_text)
    table_rows, table_only = table_lines(text)
    if table_only:  # a table copied one cell per line is no body text: blank it, keeping line numbers
        text = "\n".join("" if i in table_only else line for i, line in enumerate(text.split("\n")))
    outline = parse_outline(text)
    _detach_signature(outline)
    opening = outline.items[0].text if outline.items else ""
    web = read_web_block(text.split("\n"))
    info = read_plan_info(outline.front, outline.back, opening, web)
    places = _places(info)
    # Relative deadlines (年内, 年底前) need the plan's year: its 成文日期, the year in its title, else the
    # document's own dates (a printing date, a web page's 发布日期).
    plan_year = info.issued.year if info.issued else title_year(info.title) or document_year(outline.back, web)
    report = _Report()

    candidates = _candidates(outline, places, table_rows, report)
    has_units = any(n.units for c in candidates for n in c.notes)
    explicit_leads = any(n.explicit_lead for c in candidates for n in c.notes)
    # The genre's convention: where no lead is named anywhere, or the plan says so, the first unit leads.
    first_is_lead = bool(_CONVENTION.search(text)) or (has_units and not explicit_leads)
    info.first_listed_is_lead = first_is_lead and has_units

    tasks: list[Task] = []
    standing: list[StandingUnit] = []
    for c in candidates:
        for note in c.notes:
            standing.extend(StandingUnit(unit=u, role=r, from_ref=c.ref) for u, r in note.standing)
        standing_names = {s.unit for s in standing}
        leads, others = _roles(c.notes, first_is_lead)
        tasks.append(
            Task(
                ref=c.ref,
                title=c.title,
                lead=[u for u in leads if u not in standing_names],
                responsible=[u for u in others if u not in standing_names],
                deadline=_merge_deadline([t for n in c.notes for t in n.deadline_texts], plan_year, report, c),
                text=c.text,
            )
        )
        if not any(n.units or n.standing for n in c.notes) and not standing:
            what = "表格行没有填写责任单位" if c.from_table else "编号事项没有识别出责任单位说明"
            report.add(c.line, FINDING_NO_NOTE, what, c.ref)
    report.findings.sort(key=lambda f: f.line)
    return Matrix(source=source, plan=info, standing_units=standing, tasks=tasks, warnings=report.warnings,
                  findings=report.findings)


def _is_task(item: Item, notes: list[Note], any_notes: bool) -> bool:
    if _is_frame(item):
        return False
    if any(n.units or n.deadline_texts for n in notes):
        return True
    if item.children or item.level == 1:
        return False
    if any_notes:
        return any(word in item.section().heading for word in _TASK_SECTIONS)
    return True


def _roles(notes: list[Note], first_is_lead: bool) -> tuple[list[str], list[str]]:
    """(leads, the other units) of a task's notes, in printed order, each unit once."""
    leads: list[str] = []
    others: list[str] = []
    for note in notes:
        leads.extend(u for u in note.leads if u not in leads)
        others.extend(u for u in note.responsible + note.implementers if u not in others)
    if first_is_lead and not any(n.explicit_lead for n in notes) and others:
        leads, others = [others[0]], others[1:]
    return leads, [u for u in others if u not in leads]
