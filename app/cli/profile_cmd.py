"""`profile`: print the office profile (机关信息), or change some of its fields."""
from __future__ import annotations

import argparse
from app.cli.parser import add_command, integer
from app.cli.store_cmds import _db, _print_json

# option → profile field (app/domain/profile.py)
OPTIONS = (("--office", "office", "发文机关（全称）"), ("--header", "header", "红头的发文机关标志，留空则不印红头"),
           ("--prefix", "prefix", "发文字号的机关代字，如“呼督办”→ 呼督办〔2026〕12号"),
           ("--contact", "contact", "联系人"), ("--phone", "phone", "联系电话"),
           ("--cc", "cc", "抄送单位，多个用顿号分隔"), ("--own-unit", "own_unit", "本单位（单位目录中的名称、写法或编号；空值清除）"))


def profile_lines(profile) -> list[str]:
    """The profile with its Chinese labels, one field a line."""
    from app.domain.profile import PROFILE_KEYS
    from app.domain.settings import setting

    values = profile.to_json()
    lines = [f"{setting(key).label}：{values[name] if values[name] != '' else '（未设置）'}"
             for name, key in PROFILE_KEYS.items()]
    return lines + [f"发文字号示例：{profile.number_prefix('督办')}〔年份〕序号号"]


def cmd_profile(args: argparse.Namespace) -> int:
    from app.ops.profile import get_profile, set_profile
    from app.ops.session import open_for_reading, open_store

    changes = {field: getattr(args, field) for _option, field, _help in OPTIONS if getattr(args, field) is not None}
    if args.reply_days is not None:
        changes["reply_days"] = args.reply_days
    if changes:
        with open_store(_db(args)) as store:
            set_profile(store, **changes)
            profile = get_profile(store)
    else:
        with open_for_reading(_db(args)) as store:
            profile = get_profile(store)
    if args.json:
        _print_json(profile.to_json())
    else:
        print("\n".join(profile_lines(profile)))
    return 0


def register(subparsers) -> None:
    text = "查看或修改机关信息：发文机关、红头、发文字号前缀、联系人、抄送、反馈期限、本单位（不带选项时显示）"
    p = add_command(subparsers, "profile", cmd_profile, text)
    for option, field, help_text in OPTIONS:
        p.add_argument(option, dest=field, metavar="TEXT" if field != "own_unit" else "NAME", help=help_text)
    p.add_argument("--reply-days", dest="reply_days", type=integer, metavar="N", help="反馈期限（工作日）")
    p.add_argument("--json", action="store_true", help="以 JSON 输出机关信息")
