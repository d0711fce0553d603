"""Which tasks a notice concerns, and who receives a batch of notices.

- A 催办 lists only overdue work and work due soon (within the batch's days, else the yellow-light days).
- A 督办 lists the tasks chosen: by scope, overdue (`overdue`), overdue or due within N days (`due`), or all
  open work with a deadline (`open`); 持续推进 tasks (no date of their own) only when asked (`include_ongoing`).
  Done work and tasks the plan gave no deadline (未定时限) are never listed.
- A group recipient (各旗县区政府, a unit the directory marks as a group) either gets one notice addressed to it
  (`address`: 主送 the group's name) or its tasks go to each member the directory knows (`expand`: each
  member's notice lists its own tasks and the group's); a group whose members the directory does not know is
  addressed as a group, and said so.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, timedelta
from typing import TYPE_CHECKING, Iterable

from app.domain.status import BLUE, GREEN, RED, YELLOW
from app.errors import UserError
from app.notices.content import KIND_REMINDER, KIND_SUPERVISION

if TYPE_CHECKING:  # the command line reads the choices above without loading the store
    from app.ops.due import DueItem
    from app.store.connection import Store

SCOPE_OVERDUE = "overdue"  # 逾期
SCOPE_DUE = "due"  # 逾期和 N 天内到期
SCOPE_OPEN = "open"  # 全部未完成（有完成时限的）
SCOPES = (SCOPE_OVERDUE, SCOPE_DUE, SCOPE_OPEN)
SCOPE_LABELS = {SCOPE_OVERDUE: "逾期任务", SCOPE_DUE: "逾期和即将到期的任务", SCOPE_OPEN: "全部未完成的任务"}

GROUPS_ADDRESS = "address"  # one notice to the group itself
GROUPS_EXPAND = "expand"  # one notice per member the directory knows
GROUP_MODES = (GROUPS_ADDRESS, GROUPS_EXPAND)

_DATED = (RED, YELLOW, GREEN)


@dataclass(frozen=True)
class BatchScope:
    """What a batch of notices covers: which tasks, of which plan and units, and how groups are treated."""

    scope: str = SCOPE_DUE
    within: int | None = None  # days ahead for `due` (and for a 催办's "due soon"); None: the yellow-light days
    plan_id: int | None = None  # one plan; None: every plan
    unit_ids: tuple[int, ...] | None = None  # only these recipients (the units chosen in the directory); None: all
    groups: str = GROUPS_ADDRESS
    kind: str = KIND_REMINDER
    include_ongoing: bool = False  # 持续推进 tasks too (a 督办 with scope `open`)

    def check(self) -> None:
        if self.scope not in SCOPES:
            raise UserError(f"任务范围应为 overdue（逾期）、due（逾期和即将到期）或 open（全部未完成），收到“{self.scope}”。")
        if self.groups not in GROUP_MODES:
            raise UserError(f"集合单位的处理应为 address（发给集合单位本身）或 expand（发给其各成员单位），收到“{self.groups}”。")
        if self.kind not in (KIND_SUPERVISION, KIND_REMINDER):
            raise UserError(f"通知种类应为{KIND_SUPERVISION}或{KIND_REMINDER}，收到“{self.kind}”。")
        if self.within is not None and self.within < 0:
            raise UserError("到期天数不能为负数。")


def concerned(item: DueItem, *, kind: str, scope: str, until: date, include_ongoing: bool = False) -> bool:
    """Whether a notice of `kind` lists this assignment (`until`: the last day that counts as due soon)."""
    late_or_soon = item.light == RED or (item.light in _DATED and item.due is not None and item.due <= until)
    if kind == KIND_REMINDER and not late_or_soon:
        return False
    if scope == SCOPE_OVERDUE:
        return item.light == RED
    if scope == SCOPE_DUE:
        return late_or_soon
    return item.light in _DATED or (include_ongoing and item.light == BLUE)


def due_until(today: date, within: int | None, yellow_days: int) -> date:
    return today + timedelta(days=within if within is not None else yellow_days)


@dataclass(frozen=True)
class Recipient:
    """One notice of a batch: who it is addressed to and the assignments it lists (in the plans' order)."""

    unit_id: int
    name: str  # the directory's full name (主送)
    is_group: bool
    items: tuple[DueItem, ...]
    members: tuple[str, ...] = ()  # a group's members the directory knows
    via_groups: tuple[str, ...] = ()  # `expand`: the groups whose tasks this member receives too
    unexpanded: bool = False  # a group to expand whose members the directory does not know: addressed itself

    @property
    def task_ids(self) -> tuple[int, ...]:
        return tuple(dict.fromkeys(i.task_id for i in self.items))


@dataclass
class _Gathering:
    items: dict[int, DueItem] = field(default_factory=dict)  # task → the assignment that speaks for it
    via: dict[str, None] = field(default_factory=dict)


def recipients(store: Store, items: Iterable[DueItem], *, groups: str,
               unit_ids: Iterable[int] | None = None) -> list[Recipient]:
    """The notices a batch makes of these assignments, by recipient name; a task once per recipient (its own
    assignment rather than its group's when it has both)."""
    from app.store import units as units_sql

    items = list(items)
    info = units_sql.names_and_groups(store.db, {i.unit_id for i in items})
    group_ids = [u for u, (_, is_group) in info.items() if is_group]
    members = units_sql.group_members(store.db, group_ids)
    info.update(units_sql.names_and_groups(store.db, {m for ms in members.values() for m in ms}))
    gathered: dict[int, _Gathering] = {}
    for item in items:
        expand = groups == GROUPS_EXPAND and bool(members.get(item.unit_id))
        for target in (members[item.unit_id] if expand else [item.unit_id]):
            entry = gathered.setdefault(target, _Gathering())
            present = entry.items.get(item.task_id)
            if present is None or (present.unit_id != target and item.unit_id == target):
                entry.items[item.task_id] = item
            if expand:
                entry.via[info[item.unit_id][0]] = None
    wanted = set(unit_ids) if unit_ids is not None else None
    out = []
    for unit_id, entry in gathered.items():
        if wanted is not None and unit_id not in wanted:
            continue
        name, is_group = info[unit_id]
        kept = tuple(entry.items.values())
        out.append(Recipient(
            unit_id, name, is_group, kept, tuple(info[m][0] for m in members.get(unit_id, [])),
            tuple(entry.via), unexpanded=is_group and groups == GROUPS_EXPAND and not members.get(unit_id)))
    return sorted(out, key=lambda r: (r.name, r.unit_id))
