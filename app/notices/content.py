"""What a notice says, as plain data: the layouts draw these and know nothing of the store.

The use cases in `app/ops/notices.py` fill them from the database; tests fill them by hand.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

KIND_SUPERVISION = "督办"
KIND_REMINDER = "催办"
KIND_BULLETIN = "通报"
KINDS = (KIND_SUPERVISION, KIND_REMINDER, KIND_BULLETIN)

STYLE_FORM = "form"  # 表格式通知单
STYLE_LETTER = "letter"  # 公文式督办函（信函格式）
STYLES = (STYLE_FORM, STYLE_LETTER)
STYLE_LABELS = {STYLE_FORM: "表格式通知单", STYLE_LETTER: "督办函（信函格式）"}  # as the window names them


@dataclass(frozen=True)
class NoticeNumber:
    """A 发文字号 such as 市督办〔2026〕12号: full year in 六角括号, number not padded, no 第."""

    prefix: str
    year: int
    seq: int

    @property
    def text(self) -> str:
        """The number as printed; seq 0 (never issued) leaves the number blank, for a preview: 督办〔2026〕　号."""
        return f"{self.prefix}〔{self.year}〕{self.seq or '　'}号"

    def __str__(self) -> str:
        return self.text


@dataclass(frozen=True)
class OfficeSettings:
    """The issuing office as the notices print it (from the store's settings)."""

    office_name: str = "督查室"  # 发文机关署名
    header_title: str = ""  # 发文机关标志 of the red header, e.g. "××市人民政府督查室文件"; office name if empty
    red_header: bool = False  # print the red issuer header (红头)
    contact_name: str = ""
    contact_phone: str = ""
    copy_to: tuple[str, ...] = ()  # 抄送
    printed_by: str = ""  # 印发机关 of the 版记; office name if empty
    yellow_from_days: int = 15  # escalation: this many days late or more is 黄色督办
    red_from_days: int = 30  # … and this many is 红色督办

    @property
    def issuer_mark(self) -> str:
        return self.header_title or self.office_name

    @property
    def printer(self) -> str:
        return self.printed_by or self.office_name


_OPEN_MARKS, _CLOSE_MARKS = "《〈", "》〉"


def nest_book_titles(text: str) -> str:
    """Book-title marks as GB/T 9704 (GB/T 15834) nests them: 《…〈…〉…》, alternating by depth.

    《计划《规划》方案》 → 《计划〈规划〉方案》; a 〈 outside any 《》 is a bracket, not a title, and is kept.
    Text whose marks do not pair up is returned unchanged (nothing is guessed).
    """
    if not any(ch in text for ch in "《》"):
        return text
    out: list[str] = []
    stack: list[bool] = []  # each open mark: whether it is a book-title mark (False: a bare 〈 used as a bracket)
    for ch in text:
        if ch in _OPEN_MARKS:
            titled = ch == "《" or bool(stack and any(stack))
            stack.append(titled)
            depth = sum(stack)
            out.append(("《" if depth % 2 else "〈") if titled else ch)
        elif ch in _CLOSE_MARKS:
            if not stack:
                return text
            titled = stack[-1]
            depth = sum(stack)
            stack.pop()
            out.append(("》" if depth % 2 else "〉") if titled else ch)
        else:
            out.append(ch)
    return "".join(out) if not stack else text


def book_title(name: str) -> str:
    """A title between book-title marks, its own marks nested inside: 《…〈…〉…》."""
    return nest_book_titles(f"《{name}》")


@dataclass(frozen=True)
class TaskSource:
    """Where a task comes from: the plan's title, its 文号, and the clause (三（一）)."""

    plan_title: str
    doc_number: str | None = None
    clause: str = ""

    @property
    def plan_label(self) -> str:
        label = book_title(self.plan_title)
        return f"{label}（{self.doc_number}）" if self.doc_number else label


@dataclass(frozen=True)
class TaskLine:
    """One task as a notice lists it for one unit."""

    ref: str  # 编号 as the plan prints it, e.g. 三（一）
    title: str
    role: str  # this unit's role: 牵头 / 责任 / 配合
    leads: tuple[str, ...] = ()
    deadline_text: str = ""
    due: date | None = None
    extended_from: str = ""  # extended (延期): the original deadline (app/domain/status.py original_deadline)
    extended_to: date | None = None  # the extension's date (notices issued before it was kept: `due`)
    extension_late: bool = False  # recorded after the task was already late: it is still judged against `due`
    status: str = ""
    source: TaskSource | None = None
    days_late: int = 0  # > 0 overdue by that many days; <= 0 due in -days_late days
    times_chased: int = 0  # notices already issued about it
    previous_number: str | None = None  # the last notice's number


@dataclass(frozen=True)
class UnitNotice:
    """What a notice to one unit carries: its number, the unit, its task lines, the dates, the office."""

    number: NoticeNumber
    unit: str
    tasks: tuple[TaskLine, ...]
    issued_on: date
    reply_by: date
    office: OfficeSettings = field(default_factory=OfficeSettings)
    requirements: tuple[str, ...] = ()  # 督办要求 / 催办要求; sensible defaults when empty


@dataclass(frozen=True)
class SupervisionNotice(UnitNotice):
    """督办通知单 / 督办函 for one unit."""

    style: str = STYLE_FORM


@dataclass(frozen=True)
class ReminderNotice(UnitNotice):
    """催办通知 for one unit: its overdue and soon-due tasks."""


@dataclass(frozen=True)
class UnitProgress:
    """One unit's line in a bulletin: its tasks, and how many of them are at each status (the light's word)."""

    unit: str
    total: int
    done: int
    overdue: int
    statuses: tuple[tuple[str, int], ...] = ()  # (状态, 项数) in the status model's order

    @property
    def in_progress(self) -> int:
        return self.total - self.done - self.overdue

    def count(self, status: str) -> int:
        return dict(self.statuses).get(status, 0)


@dataclass(frozen=True)
class PreviousBulletin:
    """The last 情况通报 on the same plan, for the trend since then."""

    number: str
    as_of: date
    status_counts: tuple[tuple[str, int], ...]


@dataclass(frozen=True)
class Bulletin:
    """情况通报 on one plan at a date."""

    number: NoticeNumber
    plan_title: str
    plan_doc_number: str | None
    as_of: date
    issued_on: date
    status_counts: tuple[tuple[str, int], ...]  # (状态, 项数) in the status model's order: one light each
    progress_counts: tuple[tuple[str, int], ...]  # (进展, 项数): 未启动 / 推进中 / 已完成 as units reported
    units: tuple[UnitProgress, ...]  # ranked: most overdue work first
    overdue: tuple[tuple[str, tuple[TaskLine, ...]], ...]  # unit → its overdue tasks, in the same order
    office: OfficeSettings = field(default_factory=OfficeSettings)
    addressee: str = "各有关单位"
    requirements: tuple[str, ...] = ()
    previous: PreviousBulletin | None = None

    @property
    def total_tasks(self) -> int:
        return sum(n for _, n in self.status_counts)


@dataclass(frozen=True)
class Escalation:
    """A reminder's level: 蓝色 / 黄色 / 红色督办, and the colour it prints in."""

    name: str
    color: str  # hex; a dark amber for 黄 so it stays readable on white paper


BLUE = Escalation("蓝色督办", "#1F5FBF")
YELLOW = Escalation("黄色督办", "#B7791F")
RED = Escalation("红色督办", "#C8102E")


def escalation_for(tasks: tuple[TaskLine, ...], office: OfficeSettings) -> Escalation:
    """The level chosen by the latest task: the office's day thresholds decide 黄 and 红."""
    worst = max((t.days_late for t in tasks), default=0)
    if worst >= office.red_from_days:
        return RED
    if worst >= office.yellow_from_days:
        return YELLOW
    return BLUE
