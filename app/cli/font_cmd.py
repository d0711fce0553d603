"""`duban fonts`: which face each role of the notices uses, and the office's own font files.

`fonts` lists the five roles (小标宋, 仿宋, 宋体, 黑体, 楷体) and the stand-ins in use; `fonts --set 仿宋 FILE`
copies a TrueType file into the data folder and uses it from then on; `fonts --reset 仿宋` forgets it.
"""
from __future__ import annotations

import argparse

from app.cli.parser import add_command

ROLE_CHOICES = ("小标宋", "仿宋", "宋体", "黑体", "楷体")


def register(subparsers: "argparse._SubParsersAction[argparse.ArgumentParser]") -> None:
    parser = add_command(subparsers, "fonts", _run, "通知所用字体：查看；指定本单位的字体文件（复制到数据目录）", db=False)
    parser.add_argument("--set", nargs=2, metavar=("用途", "FILE"),
                        help=f"用这个字体文件作某一用途：{'、'.join(ROLE_CHOICES)}")
    parser.add_argument("--reset", metavar="用途", choices=ROLE_CHOICES, help="不再使用本单位指定的这一字体")


def _run(args: argparse.Namespace) -> int:
    from app.notices import fonts

    if args.set:
        role, path = args.set
        print(f"已复制到 {fonts.install_office_font(role, path)}")
    if args.reset:
        role = next(r for r, label in fonts.ROLE_LABELS.items() if label == args.reset)
        print("已恢复默认字体" if fonts.remove_office_font(role) else f"{args.reset}本来就没有指定字体文件")
    chosen = fonts.load_fonts(quiet=True)
    for line in chosen.describe():
        print(line)
    for line in chosen.substitutions():
        print(f"提示：{line}（可用 fonts --set 指定字体文件）")
    return 0
