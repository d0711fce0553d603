"""The office profile (机关信息): who issues the notices, how they are headed and numbered, who is 本单位.

Its fields are settings already declared in app/domain/settings.py; `PROFILE_KEYS` names each field's setting,
so the profile is a typed view of those rows (the settings dialog and the profile dialog edit the same values).

The number prefix is the office's 机关代字 for its 发文字号. A prefix may be written with the kind's word
("呼督办") or without it ("呼"); either way a 督办 notice is numbered 呼督办〔2026〕12号, a 催办 notice 呼催办〔2026〕3号
and a 情况通报 呼通报〔2026〕1号, so each kind keeps its own sequence under its own number text.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, fields
from typing import Any

# profile field → setting key
PROFILE_KEYS: dict[str, str] = {
    "office": "office_name",
    "header": "red_header_title",
    "prefix": "notice_prefix",
    "contact": "contact_person",
    "phone": "contact_phone",
    "cc": "notice_copy_to",
    "reply_days": "reply_workdays",
    "own_unit": "own_unit",
}
FIELD_OF_KEY: dict[str, str] = {key: name for name, key in PROFILE_KEYS.items()}

# The kinds a number text carries (app/notices/content.py KINDS); a prefix ending with one has it dropped.
NUMBER_KINDS = ("督办", "催办", "通报")
_LIST_SEPARATORS = re.compile(r"[、，,；;\s]+")


@dataclass(frozen=True)
class OfficeProfile:
    office: str = ""  # 发文机关 (full name), e.g. 呼和浩特市人民政府督查室
    header: str = ""  # 发文机关标志 of the red header; no red header when empty
    prefix: str = ""  # 发文字号的机关代字, e.g. 呼督办
    contact: str = ""
    phone: str = ""
    cc: str = ""  # 抄送, units separated by 、
    reply_days: int = 5  # 反馈期限（工作日）
    own_unit: str = ""  # 本单位: a unit of the directory, by its name

    @property
    def agency_code(self) -> str:
        """The prefix without a trailing kind word: 呼督办 → 呼, 呼 → 呼."""
        for kind in NUMBER_KINDS:
            if self.prefix.endswith(kind):
                return self.prefix[: -len(kind)]
        return self.prefix

    def number_prefix(self, kind: str) -> str:
        """What precedes 〔year〕 in a number of this kind: 呼督办, 呼催办; 督办 when no prefix is set."""
        return f"{self.agency_code}{kind}"

    @property
    def copy_to(self) -> tuple[str, ...]:
        return tuple(unit for unit in _LIST_SEPARATORS.split(self.cc) if unit)

    def to_json(self) -> dict[str, Any]:
        return {f.name: getattr(self, f.name) for f in fields(self)}

    @classmethod
    def from_settings(cls, values: dict[str, Any]) -> OfficeProfile:
        return cls(**{name: values[key] for name, key in PROFILE_KEYS.items()})
