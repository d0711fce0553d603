"""A notice's content as JSON (the register's `params`): its PDF can be re-created with its content as issued."""
from __future__ import annotations

import dataclasses
from datetime import date
from typing import Any

from app.notices.content import (
    Bulletin, NoticeNumber, OfficeSettings, PreviousBulletin, ReminderNotice, SupervisionNotice, TaskLine, TaskSource, UnitProgress,
)

_TYPES = {"supervision": SupervisionNotice, "reminder": ReminderNotice, "bulletin": Bulletin}
_NAMES = {cls: name for name, cls in _TYPES.items()}


def _plain(value: Any) -> Any:
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, (list, tuple)):
        return [_plain(v) for v in value]
    if isinstance(value, dict):
        return {k: _plain(v) for k, v in value.items()}
    return value


def to_params(document) -> dict[str, Any]:
    return {"type": _NAMES[type(document)], "content": _plain(dataclasses.asdict(document))}


def _day(text: str | None) -> date | None:
    return date.fromisoformat(text) if text else None


def _task(data: dict) -> TaskLine:
    source = data.get("source")
    return TaskLine(**{**data, "leads": tuple(data.get("leads") or ()), "due": _day(data.get("due")),
                       "extended_to": _day(data.get("extended_to")),
                       "source": TaskSource(**source) if source else None})


def _common(data: dict) -> dict:
    office = data["office"]
    return {**data, "number": NoticeNumber(**data["number"]), "issued_on": _day(data["issued_on"]),
            "office": OfficeSettings(**{**office, "copy_to": tuple(office.get("copy_to") or ())}),
            "requirements": tuple(data.get("requirements") or ())}


def _pairs(rows: Any) -> tuple[tuple[str, int], ...]:
    return tuple((label, n) for label, n in rows)


def from_params(params: dict[str, Any]):
    """The content dataclass back from `to_params`' output."""
    kind, data = params["type"], _common(params["content"])
    if kind == "bulletin":
        progress = data.pop("light_counts", None) or data.get("progress_counts") or ()  # its name until 2026-12
        previous = data.get("previous")
        return Bulletin(**{
            **data, "as_of": _day(data["as_of"]),
            "status_counts": _pairs(data["status_counts"]), "progress_counts": _pairs(progress),
            "previous": previous and PreviousBulletin(previous["number"], _day(previous["as_of"]),
                                                      _pairs(previous["status_counts"])),
            "units": tuple(UnitProgress(**{**u, "statuses": _pairs(u.get("statuses") or ())}) for u in data["units"]),
            "overdue": tuple((unit, tuple(_task(t) for t in tasks)) for unit, tasks in data["overdue"]),
        })
    return _TYPES[kind](**{**data, "reply_by": _day(data["reply_by"]), "tasks": tuple(_task(t) for t in data["tasks"])})
