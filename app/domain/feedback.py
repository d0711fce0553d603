"""Feedback forms (反馈表): the form's columns, the checksummed key of each row, what a unit's filled row means,
and whether a unit has replied. Pure functions and frozen records; the store returns these records.

A row's key is `DBFK1-<database identity>-<round>-<task>-<unit>-<checksum>`: the identity tells a form of another
database (db/0003), the checksum (a hash of the rest) tells a key someone edited.
"""
from __future__ import annotations

import hashlib
import re
from dataclasses import dataclass, replace
from datetime import date
from typing import Any

from app.domain.status import DONE, IN_PROGRESS, NOT_STARTED

REQUEST_EXTENSION = "申请延期"
FORM_STATUSES = (NOT_STARTED, IN_PROGRESS, DONE, REQUEST_EXTENSION)

# The form's columns, left to right: what the office fills, then what the unit fills, then the hidden key.
COL_REF, COL_TITLE, COL_ROLE, COL_LEADS, COL_DEADLINE, COL_STATE = "任务编号", "任务", "本单位角色", "牵头单位", "完成时限", "当前状态"
COL_PROGRESS, COL_STATUS, COL_PERCENT, COL_PROBLEMS, COL_NEXT = "进展情况", "完成状态", "完成比例", "存在问题", "下步打算"
COL_FILLED_BY, COL_PHONE, COL_KEY = "填报人", "联系电话", "校验码"
OFFICE_COLUMNS = (COL_REF, COL_TITLE, COL_ROLE, COL_LEADS, COL_DEADLINE, COL_STATE)
FILL_COLUMNS = (COL_PROGRESS, COL_STATUS, COL_PERCENT, COL_PROBLEMS, COL_NEXT, COL_FILLED_BY, COL_PHONE)
COLUMNS = (*OFFICE_COLUMNS, *FILL_COLUMNS, COL_KEY)

KEY_PREFIX = "DBFK1"
_KEY = re.compile(r"^DBFK1-([0-9a-f]{32})-(\d+)-(\d+)-(\d+)-([0-9a-f]{12})$")

# Replied or not, for one unit's latest round of a plan.
REPLIED, WAITING, LATE, NOT_SENT = "已反馈", "未反馈", "逾期未反馈", "未发反馈表"


def _checksum(identity: str, round_id: int, task_id: int, unit_id: int) -> str:
    return hashlib.sha256(f"{KEY_PREFIX}|{identity}|{round_id}|{task_id}|{unit_id}".encode()).hexdigest()[:12]


def row_key(identity: str, round_id: int, task_id: int, unit_id: int) -> str:
    return f"{KEY_PREFIX}-{identity}-{round_id}-{task_id}-{unit_id}-{_checksum(identity, round_id, task_id, unit_id)}"


@dataclass(frozen=True)
class RowKey:
    identity: str
    round_id: int
    task_id: int
    unit_id: int


class BadKey(ValueError):
    """A key that cannot be trusted; the message says why (Chinese)."""


def parse_key(text: object) -> RowKey:
    """The key of a row, checked; BadKey (with a Chinese reason) when it is missing or was edited."""
    value = str(text or "").strip()
    if not value:
        raise BadKey("该行没有校验码（不是导出时的任务行）")
    match = _KEY.match(value)
    if not match:
        raise BadKey("该行校验码不完整或被改动")
    identity, round_id, task_id, unit_id, checksum = match.groups()
    key = RowKey(identity, int(round_id), int(task_id), int(unit_id))
    if checksum != _checksum(identity, key.round_id, key.task_id, key.unit_id):
        raise BadKey("该行校验码被改动")
    return key


@dataclass(frozen=True)
class FilledRow:
    """What a unit wrote on one task's row (text cleaned; percent and status checked by `interpret`)."""

    progress: str = ""
    status: str = ""
    percent: str = ""
    problems: str = ""
    next_steps: str = ""
    filled_by: str = ""
    phone: str = ""

    @property
    def blank(self) -> bool:
        return not any((self.progress, self.status, self.percent, self.problems, self.next_steps))


@dataclass(frozen=True)
class RowReport:
    """A filled row read as a report: the progress entry it makes and the request it carries."""

    status_word: str | None          # as filled (one of FORM_STATUSES)
    status_change: str | None        # what the progress entry records (申请延期 records none)
    percent: int | None
    extension_requested: bool
    progress_text: str
    problems: str
    next_steps: str
    content: str                     # the progress entry's text
    fingerprint: str


class RowRefused(ValueError):
    """A filled row that cannot be recorded; the message says why (Chinese)."""


_SPACES = re.compile(r"\s+")


def clean_text(value: object) -> str:
    """A cell's text: numbers as written, runs of spaces and line breaks folded, ends trimmed."""
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    return _SPACES.sub(" ", str(value)).strip()


def parse_percent(text: str) -> int | None:
    """完成比例 as written: 60, 60%, ６０％, 0.6 (a cell formatted as a percentage) → 60."""
    value = text.strip().replace("％", "%").translate(str.maketrans("０１２３４５６７８９．", "0123456789."))
    if not value:
        return None
    share = value.endswith("%")
    try:
        number = float(value.rstrip("%").strip())
    except ValueError:
        raise RowRefused(f"完成比例“{text}”不是数字（应为 0 到 100）") from None
    if not share and 0 < number < 1 and "." in value:
        number *= 100  # 0.6 from a cell formatted as a percentage
    if not 0 <= number <= 100:
        raise RowRefused(f"完成比例“{text}”应在 0 到 100 之间")
    return round(number)


def interpret(filled: FilledRow) -> RowReport:
    """The report a filled row makes; RowRefused for a status word or a share it cannot take."""
    status = filled.status.replace(" ", "")
    if status and status not in FORM_STATUSES:
        raise RowRefused(f"完成状态“{filled.status}”不认识（应为{'、'.join(FORM_STATUSES)}之一）")
    percent = parse_percent(filled.percent)
    requested = status == REQUEST_EXTENSION
    parts = [filled.progress] if filled.progress else []
    if requested:
        parts.insert(0, REQUEST_EXTENSION)
    if filled.problems:
        parts.append(f"存在问题：{filled.problems}")
    if filled.next_steps:
        parts.append(f"下步打算：{filled.next_steps}")
    content = "；".join(parts)
    signature = "\x1f".join((filled.progress, status, "" if percent is None else str(percent), filled.problems,
                          filled.next_steps))
    return RowReport(
        status_word=status or None, status_change=None if requested or not status else status, percent=percent,
        extension_requested=requested, progress_text=filled.progress, problems=filled.problems,
        next_steps=filled.next_steps, content=content, fingerprint=hashlib.sha256(signature.encode()).hexdigest(),
    )


# -- records the store returns ---------------------------------------------------------------------------
@dataclass(frozen=True)
class FeedbackRound:
    id: int
    plan_id: int
    unit_id: int
    sent_on: date
    reply_by: date
    file_name: str
    task_count: int


@dataclass(frozen=True)
class RoundReply:
    """A unit's latest round of a plan with its first reply (None: no round or no reply yet), and whether it has
    replied at a date (`state`: 已反馈 / 未反馈 / 逾期未反馈 / 未发反馈表; set by `with_state`)."""

    unit_id: int
    unit: str
    round_id: int | None = None
    sent_on: date | None = None
    reply_by: date | None = None
    replied_on: date | None = None
    replies: int = 0
    state: str = NOT_SENT

    def with_state(self, today: date) -> RoundReply:
        return replace(self, state=reply_state(self.sent_on, self.reply_by, self.replied_on, today))

    def to_json(self) -> dict[str, Any]:
        data = dict(self.__dict__)
        for key in ("sent_on", "reply_by", "replied_on"):
            data[key] = data[key].isoformat() if data[key] else None
        data["replied"] = self.replied_on is not None
        return data


@dataclass(frozen=True)
class FeedbackEntry:
    """One task's row of a reply, for the task's feedback history."""

    task_id: int
    unit: str
    received_on: date
    status_word: str | None
    percent: int | None
    progress_text: str
    problems: str
    next_steps: str
    extension_requested: bool
    extension_pending: bool       # requested and no 延期 recorded on or after it
    file_name: str


def reply_state(sent_on: date | None, reply_by: date | None, replied_on: date | None, today: date) -> str:
    if sent_on is None:
        return NOT_SENT
    if replied_on is not None:
        return REPLIED
    return LATE if reply_by is not None and today > reply_by else WAITING
