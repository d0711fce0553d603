"""The responsibility matrix: one plan read from one document (shape: shared spec `matrix-json.md`).

These dataclasses are what reading produces, what the store imports and exports, and what the
command line prints as JSON. `to_json()` gives exactly the spec's shape and key order.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from typing import Any

from app.domain.matrix_json import check_matrix_json

ROLE_LEAD = "lead"
ROLE_RESPONSIBLE = "responsible"
ROLE_IMPLEMENTER = "implementer"
ROLES = (ROLE_LEAD, ROLE_RESPONSIBLE, ROLE_IMPLEMENTER)
# How a role reads in Chinese: 牵头 (单位), 责任 (单位), 落实 (单位).
ROLE_LABELS = {ROLE_LEAD: "牵头", ROLE_RESPONSIBLE: "责任", ROLE_IMPLEMENTER: "落实"}
UNIT_ROLE_LABELS = {role: f"{label}单位" for role, label in ROLE_LABELS.items()}  # 牵头单位 …


def _iso(d: date | None) -> str | None:
    return d.isoformat() if d else None


def _from_iso(s: str | None) -> date | None:
    return date.fromisoformat(s) if s else None


@dataclass(frozen=True)
class Deadline:
    """A deadline phrase as printed and what it means.

    `due` is the last day it allows (None for open-ended work), `ongoing` is true where the work goes on
    after or without a date. `start`, `recurrence` ("yearly:MM-DD", "quarterly", "semiannual", "monthly")
    and `milestones` carry the rest of what a phrase can say; only text/due/ongoing are in the JSON.
    """

    text: str
    due: date | None = None
    ongoing: bool = False
    start: date | None = None
    recurrence: str | None = None
    milestones: tuple[date, ...] = ()

    def to_json(self) -> dict[str, Any]:
        return {"text": self.text, "due": _iso(self.due), "ongoing": self.ongoing}

    @classmethod
    def from_json(cls, data: dict[str, Any] | None) -> "Deadline | None":
        if data is None:
            return None
        return cls(text=data["text"], due=_from_iso(data.get("due")), ongoing=bool(data.get("ongoing")))


@dataclass
class Task:
    ref: tuple[str, ...]
    title: str
    lead: list[str] = field(default_factory=list)
    responsible: list[str] = field(default_factory=list)
    deadline: Deadline | None = None
    text: str = ""  # the task's full paragraph(s), cleaned, note included

    @property
    def ref_label(self) -> str:
        """The reference as people write it: 三（一）1."""
        return "".join(p if not p.isdigit() else p + "." for p in self.ref).rstrip(".")

    def to_json(self) -> dict[str, Any]:
        return {
            "ref": list(self.ref),
            "title": self.title,
            "lead": list(self.lead),
            "responsible": list(self.responsible),
            "deadline": self.deadline.to_json() if self.deadline else None,
        }

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> "Task":
        return cls(
            ref=tuple(data["ref"]),
            title=data["title"],
            lead=list(data.get("lead") or []),
            responsible=list(data.get("responsible") or []),
            deadline=Deadline.from_json(data.get("deadline")),
            text=data.get("text", ""),
        )


@dataclass
class PlanInfo:
    title: str | None = None
    issuer: str | None = None
    doc_number: str | None = None
    issued: date | None = None
    parent: str | None = None
    first_listed_is_lead: bool = False

    def to_json(self) -> dict[str, Any]:
        return {
            "title": self.title,
            "issuer": self.issuer,
            "doc_number": self.doc_number,
            "issued": _iso(self.issued),
            "parent": self.parent,
            "first_listed_is_lead": self.first_listed_is_lead,
        }

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> "PlanInfo":
        return cls(
            title=data.get("title"),
            issuer=data.get("issuer"),
            doc_number=data.get("doc_number"),
            issued=_from_iso(data.get("issued")),
            parent=data.get("parent"),
            first_listed_is_lead=bool(data.get("first_listed_is_lead")),
        )


@dataclass(frozen=True)
class StandingUnit:
    """A unit the plan says applies to every later task without repeating it ("以下均需…落实，不再列出")."""

    unit: str
    role: str
    from_ref: tuple[str, ...]

    def to_json(self) -> dict[str, Any]:
        return {"unit": self.unit, "role": self.role, "from_ref": list(self.from_ref)}

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> "StandingUnit":
        return cls(unit=data["unit"], role=data["role"], from_ref=tuple(data["from_ref"]))


# What the reading report (Matrix.findings) says, by kind.
FINDING_NO_NOTE = "no_note"  # a numbered item read as a task, with no responsibility note found
FINDING_NOT_UNDERSTOOD = "not_understood"  # a bracket that looks like a note but was not read as one
FINDING_UNKNOWN_LABEL = "unknown_label"  # a label (督办单位：…) the reader does not know: its text set aside
FINDING_NO_YEAR = "no_year"  # a relative deadline (年底前) in a plan whose year is not known


@dataclass(frozen=True)
class Finding:
    """One thing the reader did not (fully) understand, with where it is: nothing is dropped silently."""

    line: int  # in the document's text, from 1
    kind: str
    message: str  # Chinese, for the user
    ref: tuple[str, ...] = ()  # the task it concerns, if any

    def describe(self) -> str:
        where = " ".join(p for p in (f"第{self.line}行" if self.line else "", "".join(self.ref)) if p)
        return f"{where}：{self.message}" if where else self.message


@dataclass
class Matrix:
    source: str
    plan: PlanInfo
    standing_units: list[StandingUnit] = field(default_factory=list)
    tasks: list[Task] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)  # not part of the JSON: they go to stderr
    findings: list[Finding] = field(default_factory=list)  # the reading report; not part of the JSON either

    def other_warnings(self) -> list[str]:
        """The warnings the findings do not already say (a missing year is a finding, with its line)."""
        no_year = {"".join(f.ref) for f in self.findings if f.kind == FINDING_NO_YEAR}
        return [w for w in self.warnings if not (w.split("：", 1)[0] in no_year and "没有写年份" in w)]

    @property
    def needs_year(self) -> bool:
        """Relative deadlines wait for the plan's year (the preview asks for it)."""
        return any(f.kind == FINDING_NO_YEAR for f in self.findings)

    def to_json(self) -> dict[str, Any]:
        return {
            "source": self.source,
            "plan": self.plan.to_json(),
            "standing_units": [s.to_json() for s in self.standing_units],
            "tasks": [t.to_json() for t in self.tasks],
        }

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> "Matrix":
        """The matrix of a JSON document; MatrixJsonError (a ValueError, Chinese message) if its shape is wrong."""
        check_matrix_json(data)
        return cls(
            source=data["source"],
            plan=PlanInfo.from_json(data["plan"]),
            standing_units=[StandingUnit.from_json(s) for s in data.get("standing_units", [])],
            tasks=[Task.from_json(t) for t in data.get("tasks", [])],
        )

