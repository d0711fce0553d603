"""A matrix JSON checked against the types of the shared spec `matrix-json.md` before anything uses it.

A file exported by another office, or edited by hand, may hold a string where a list of units is
expected (each character would become a unit), an object where text is expected, numbers as refs or
lone UTF-16 surrogates (which SQLite cannot store). `check_matrix_json` walks only the spec's shape,
so a deeply nested value costs nothing, and names the first fault in Chinese with the field's Chinese
name and the task's position, for a one-line message.
"""
from __future__ import annotations

import re
from datetime import date
from typing import Any

ROLE_NAMES = ("lead", "responsible", "implementer")  # the spec's roles (app.domain.matrix.ROLES)

_FIELD_NAMES = {
    "source": "来源文件名",
    "plan": "方案信息",
    "standing_units": "常设落实单位",
    "tasks": "任务列表",
    "title": "标题",
    "issuer": "发文机关",
    "doc_number": "发文字号",
    "issued": "成文日期",
    "parent": "上级文件",
    "first_listed_is_lead": "首位牵头标记",
    "unit": "单位",
    "role": "角色",
    "from_ref": "起始编号",
    "ref": "编号",
    "lead": "牵头单位",
    "responsible": "责任单位",
    "deadline": "完成时限",
    "text": "文字",
    "due": "到期日",
    "ongoing": "持续推进标记",
}
_SURROGATE = re.compile("[\ud800-\udfff]")


class MatrixJsonError(ValueError):
    """The document does not have the spec's shape; the message is Chinese and names the field."""


def _kind(value: object) -> str:
    if value is None:
        return "空值"
    if isinstance(value, bool):
        return "真假值"
    if isinstance(value, (int, float)):
        return "数字"
    if isinstance(value, str):
        return "文字"
    if isinstance(value, list):
        return "列表"
    return "对象"


class _Checker:
    def __init__(self, where: str):
        self.where = where  # "第 3 项任务的" …, prefixed to field names

    def fail(self, key: str, expected: str, value: object) -> MatrixJsonError:
        return MatrixJsonError(f"{self.where}{_FIELD_NAMES.get(key, key)}应为{expected}，实为{_kind(value)}")

    def text(self, data: dict[str, Any], key: str, *, nullable: bool = False, required: bool = True) -> None:
        if key not in data:
            if required:
                raise MatrixJsonError(f"{self.where}缺少{_FIELD_NAMES.get(key, key)}")
            return
        value = data[key]
        if value is None and nullable:
            return
        if not isinstance(value, str):
            raise self.fail(key, "文字" + ("或空值" if nullable else ""), value)
        self._no_surrogate(key, value)

    def _no_surrogate(self, key: str, value: str) -> None:
        if _SURROGATE.search(value):
            raise MatrixJsonError(f"{self.where}{_FIELD_NAMES.get(key, key)}含有无效字符（不成对的代理码位）")

    def names(self, data: dict[str, Any], key: str, *, required: bool, non_empty: bool = False) -> None:
        """A list of non-empty texts (units, or the labels of a ref)."""
        if key not in data:
            if required:
                raise MatrixJsonError(f"{self.where}缺少{_FIELD_NAMES.get(key, key)}")
            return
        value = data[key]
        if value is None and not required:
            return
        if not isinstance(value, list):
            raise self.fail(key, "文字列表", value)
        if non_empty and not value:
            raise MatrixJsonError(f"{self.where}{_FIELD_NAMES.get(key, key)}为空")
        for item in value:
            if not isinstance(item, str) or not item.strip():
                raise MatrixJsonError(
                    f"{self.where}{_FIELD_NAMES.get(key, key)}的每一项应为非空文字，有一项为{_kind(item) if item else '空文字'}"
                )
            self._no_surrogate(key, item)

    def flag(self, data: dict[str, Any], key: str) -> None:
        if key in data and not isinstance(data[key], bool):
            raise self.fail(key, "真假值", data[key])

    def iso_date(self, data: dict[str, Any], key: str) -> None:
        self.text(data, key, nullable=True, required=False)
        value = data.get(key)
        if value:
            try:
                date.fromisoformat(value)
            except ValueError:
                raise MatrixJsonError(
                    f"{self.where}{_FIELD_NAMES.get(key, key)}应为“2025-12-31”格式的日期，实为“{value[:20]}”"
                ) from None


def _object(value: object, what: str) -> dict[str, Any]:
    if not isinstance(value, dict):
        raise MatrixJsonError(f"{what}应为对象，实为{_kind(value)}")
    return value


def _list(data: dict[str, Any], key: str) -> list[Any]:
    if key not in data and key == "tasks":
        raise MatrixJsonError("缺少任务列表")
    value = data.get(key, [])
    if not isinstance(value, list):
        raise MatrixJsonError(f"{_FIELD_NAMES[key]}应为列表，实为{_kind(value)}")
    return value


def check_matrix_json(data: object) -> None:
    """Raise MatrixJsonError (Chinese message) unless `data` has the matrix JSON's shape and types."""
    top = _object(data, "整个文件")
    checker = _Checker("")
    checker.text(top, "source")
    plan = _object(top.get("plan"), "方案信息")
    plan_checker = _Checker("方案信息的")
    for key in ("title", "issuer", "doc_number", "parent"):
        plan_checker.text(plan, key, nullable=True, required=False)
    plan_checker.iso_date(plan, "issued")
    plan_checker.flag(plan, "first_listed_is_lead")
    for position, item in enumerate(_list(top, "standing_units"), start=1):
        where = f"第 {position} 项常设落实单位"
        standing = _object(item, where)
        unit_checker = _Checker(where + "的")
        unit_checker.text(standing, "unit")
        if not standing["unit"].strip():
            raise MatrixJsonError(f"{where}的单位为空")
        if standing.get("role") not in ROLE_NAMES:
            raise MatrixJsonError(f"{where}的角色不是规定的牵头、责任、落实三种之一")
        unit_checker.names(standing, "from_ref", required=True, non_empty=True)
    for position, item in enumerate(_list(top, "tasks"), start=1):
        where = f"第 {position} 项任务"
        task = _object(item, where)
        task_checker = _Checker(where + "的")
        task_checker.names(task, "ref", required=True, non_empty=True)
        task_checker.text(task, "title")
        task_checker.text(task, "text", required=False)
        task_checker.names(task, "lead", required=False)
        task_checker.names(task, "responsible", required=False)
        deadline = task.get("deadline")
        if deadline is not None:
            deadline_checker = _Checker(where + "完成时限的")
            deadline = _object(deadline, where + "的完成时限")
            deadline_checker.text(deadline, "text")
            deadline_checker.iso_date(deadline, "due")
            deadline_checker.flag(deadline, "ongoing")
