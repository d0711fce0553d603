"""Feedback subcommands: `feedback export` (one form per unit), `feedback import` (filled forms back),
`feedback status` (who has replied).

`feedback import` applies every file and row it can and names the rest; it exits with status 2 when a file is
refused whole (one Chinese line on standard error for each), after applying the others.
"""
from __future__ import annotations

import argparse
import sys
from collections.abc import Callable
from typing import Any

from app.cli.parser import add_command, integer
from app.cli.store_cmds import _db, _print_json, _today


def cmd_export(args: argparse.Namespace) -> int:
    from app.ops.feedback import export_forms
    from app.ops.session import open_store

    today = _today(args.today)
    reply_by = _today(args.reply_by) if args.reply_by else None
    with open_store(_db(args), create=False) as store:
        result = export_forms(store, plan_id=None if args.all else args.plan, units=args.unit or [], today=today,
                              reply_by=reply_by, out_dir=args.out)
    if result.warning:
        print(f"警告：{result.warning}", file=sys.stderr)
    for form in result.forms:
        print(f"{form.unit}：{form.task_count} 项任务 → {form.path}")
    print(f"共 {len(result.forms)} 份反馈表，请于 {result.reply_by.isoformat()} 前反馈。")
    return 0


def cmd_import(args: argparse.Namespace) -> int:
    from app.ops.feedback import import_feedback
    from app.ops.session import open_store

    today = _today(args.today)
    with open_store(_db(args), create=False) as store:
        result = import_feedback(store, args.files, received_on=today)
    if args.json:
        _print_json(result.to_json())
    else:
        print(f"已导入 {result.applied} 条进展，{result.unchanged} 条与已导入的相同未变，{len(result.rejected)} 处未导入。")
        for r in result.rejected:
            if r.row is not None:
                print(f"  {r.file} 第 {r.row} 行：{r.reason}")
    for r in result.rejected:
        if r.row is None:
            print(f"错误：“{r.file}”未导入：{r.reason.rstrip('。')}。", file=sys.stderr)
    return 2 if result.files_refused else 0


def cmd_status(args: argparse.Namespace) -> int:
    from app.ops.feedback import feedback_status
    from app.ops.session import open_for_reading

    today = _today(args.today)
    with open_for_reading(_db(args)) as store:
        units = feedback_status(store, args.plan, today=today)
    if args.json:
        _print_json([u.to_json() for u in units])
        return 0
    for u in units:
        when = f"（{u.replied_on.isoformat()}）" if u.replied_on else \
            (f"（反馈期限 {u.reply_by.isoformat()}）" if u.reply_by else "")
        print(f"{u.unit}：{u.state}{when}")
    return 0


def _feedback_command(sub: Any, name: str, func: Callable[[argparse.Namespace], int],
                      help_text: str) -> argparse.ArgumentParser:
    """A `feedback` subcommand: `--today` right after `--db`."""
    parser = add_command(sub, name, func, help_text)
    parser.add_argument("--today", metavar="YYYY-MM-DD", help="今天的日期（默认今天）")
    return parser


def register(subparsers: Any) -> None:
    feedback = subparsers.add_parser("feedback", help="反馈表：导出给各单位、导入填好的反馈表、查看反馈情况",
                                     description="反馈表：导出给各单位、导入填好的反馈表、查看反馈情况")
    sub = feedback.add_subparsers(dest="feedback_command", metavar="COMMAND", required=True)

    p = _feedback_command(sub, "export", cmd_export, "为方案的各责任单位各生成一份反馈表（.xlsx）")
    which = p.add_mutually_exclusive_group(required=True)
    which.add_argument("--plan", type=integer, metavar="ID", help="方案编号（plans 命令列出）")
    which.add_argument("--all", action="store_true", help="所有方案（每个方案每个单位一份）")
    p.add_argument("--unit", action="append", metavar="NAME", help="只为这个单位生成（可多次给出）")
    p.add_argument("--reply-by", metavar="YYYY-MM-DD", help="反馈期限（默认按机关信息中的工作日数推算）")
    p.add_argument("--out", required=True, metavar="DIR", help="反馈表写入的文件夹")

    p = _feedback_command(sub, "import", cmd_import, "导入各单位填好的反馈表（可一次多个文件）；今天的日期即收到日期")
    p.add_argument("files", nargs="+", metavar="FILE", help="反馈表文件（.xlsx 或 .xls）")
    p.add_argument("--json", action="store_true", help="以 JSON 输出结果")

    p = _feedback_command(sub, "status", cmd_status, "方案各单位的反馈情况：已反馈（日期）、未反馈、逾期未反馈")
    p.add_argument("--plan", type=integer, required=True, metavar="ID", help="方案编号")
    p.add_argument("--json", action="store_true", help="以 JSON 输出")
