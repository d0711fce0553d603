"""The office's settings, declared as data: the window renders its dialog from `SETTINGS`, the store keeps values.

Each `Setting` says its key, Python type, default and Chinese label; `coerce` turns what a user typed
into that type (or raises `UserError` with a message the dialog / command line can show).
"""
from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from app.errors import UserError


@dataclass(frozen=True)
class Setting:
    key: str
    type: type
    default: Any
    label: str
    help: str = ""


SETTINGS: tuple[Setting, ...] = (
    Setting("office_name", str, "", "发文机关", "通知单上的发文机关名称，如“××市人民政府督查室”"),
    Setting("own_unit", str, "", "本单位", "本单位的全称；本单位承担的任务会单独列出"),
    Setting("notice_prefix", str, "", "通知编号前缀", "发文字号的机关代字，如“呼督办”：督办编为 呼督办〔2026〕12号，催办、通报编为 呼催办、呼通报"),
    Setting("contact_person", str, "", "联系人"),
    Setting("contact_phone", str, "", "联系电话"),
    Setting("yellow_days", int, 30, "临近到期提醒天数", "距完成时限不超过这些天数的任务亮黄灯"),
    Setting("reply_workdays", int, 5, "反馈期限（工作日）", "通知发出后几个工作日内反馈（不含发文当日，遇节假日顺延）"),
    Setting("red_header_title", str, "", "红头（发文机关标志）", "填写后通知加印红头，如“××市人民政府督查室文件”；留空则不印"),
    Setting("notice_copy_to", str, "", "抄送单位", "印在版记中，多个单位用顿号分隔"),
)

BY_KEY: dict[str, Setting] = {s.key: s for s in SETTINGS}


def setting(key: str) -> Setting:
    try:
        return BY_KEY[key]
    except KeyError:
        raise UserError(f"没有名为“{key}”的设置项。可用：{'、'.join(BY_KEY)}") from None


def coerce(key: str, value: Any) -> Any:
    """The value in the setting's type; a clear Chinese error when it does not fit."""
    spec = setting(key)
    if value is None:
        return spec.default
    if spec.type is int:
        try:
            number = int(str(value).strip())
        except ValueError:
            raise UserError(f"“{spec.label}”应为整数，收到“{value}”。") from None
        if number < 0:
            raise UserError(f"“{spec.label}”不能为负数。")
        return number
    return str(value).strip()


def defaults() -> dict[str, Any]:
    return {s.key: s.default for s in SETTINGS}
