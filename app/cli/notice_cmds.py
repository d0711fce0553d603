"""Notice subcommands: notice (one unit), notices (a batch), bulletin (a plan), register, holidays.

`--db PATH` may come before the subcommand or after it, as for the store's subcommands.
"""
from __future__ import annotations

import argparse
import sys

from app.cli.parser import integer
from app.cli.store_cmds import _db, _print_json, _today
from app.notices.content import KIND_REMINDER, KIND_SUPERVISION, STYLE_FORM, STYLES

# reportlab and the store load inside each command: `extract` and `--help` do not pay for them.


def _report(result) -> int:
    if result.warning:
        print(f"警告：{result.warning}", file=sys.stderr)
    for n in result.notices:
        reply = f"，反馈期限{n.reply_by.isoformat()}" if n.reply_by else ""
        who = f"{n.unit}，" if n.unit else ""
        print(f"{n.number}\t{n.kind}\t{who}{n.task_count}项任务{reply}\t{n.path}")
    if result.merged:
        print(f"合并打印文件：{result.merged}")
    return 0


def _reply_options(p: argparse.ArgumentParser) -> None:
    p.add_argument("--today", metavar="YYYY-MM-DD", help="发文日期 YYYY-MM-DD（默认今天）")
    p.add_argument("--reply-days", type=integer, metavar="N", help="反馈期限：N 个工作日（默认按设置，通常 5）")
    p.add_argument("--reply-by", metavar="YYYY-MM-DD", help="反馈期限：指定日期（优先于 --reply-days）")
    p.add_argument("--style", choices=STYLES, default=STYLE_FORM, help="form 表格式通知单（默认）或 letter 公文式督办函")


def _reply_by(args: argparse.Namespace):
    return _today(args.reply_by) if args.reply_by else None


def _check_out(path: str) -> None:
    """A --out that cannot be written fails at once, before the store is opened or a font read."""
    from pathlib import Path

    from app.notices.files import check_target

    check_target(Path(path))


def cmd_notice(args: argparse.Namespace) -> int:
    _check_out(args.out)
    from app.ops import notices as notice_ops
    from app.ops.session import open_store

    with open_store(_db(args), create=False) as store:
        result = notice_ops.issue_notice(
            store, unit=args.unit, kind=args.kind, today=_today(args.today), out=args.out, style=args.style,
            reply_workdays=args.reply_days, reply_by=_reply_by(args), one_task_per_notice=args.one_per_task)
    return _report(result)


def cmd_notices(args: argparse.Namespace) -> int:
    _check_out(f"{args.out}/合并打印.pdf")
    from app.ops import notices as notice_ops
    from app.ops.session import open_store

    with open_store(_db(args), create=False) as store:
        result = notice_ops.issue_batch(
            store, within=args.within, today=_today(args.today), out_dir=args.out, kind=args.kind, style=args.style,
            reply_workdays=args.reply_days, reply_by=_reply_by(args), workers=args.workers,
            two_sided=args.two_sided)
    return _report(result)


def cmd_bulletin(args: argparse.Namespace) -> int:
    _check_out(args.out)
    from app.ops import notices as notice_ops
    from app.ops.session import open_store

    with open_store(_db(args), create=False) as store:
        result = notice_ops.issue_bulletin(store, plan_id=args.plan, today=_today(args.today), out=args.out)
    return _report(result)


def cmd_register(args: argparse.Namespace) -> int:
    from app.ops import notices as notice_ops
    from app.ops.session import open_for_reading, open_store

    if args.void:
        with open_store(_db(args), create=False) as store:
            entry = notice_ops.void_notice(store, args.void, args.reason or "")
        print(f"已作废：{entry.number}（{entry.voided_reason}）；编号保留，不再使用")
        return 0
    if args.recreate:
        with open_store(_db(args), create=False) as store:
            print(notice_ops.recreate_notice(store, args.recreate, args.out))
        return 0
    with open_for_reading(_db(args)) as store:
        entries = notice_ops.list_register(store, kind=args.kind, unit=args.unit)
    if args.json:
        _print_json([e.to_json() for e in entries])
        return 0
    for e in entries:
        state = f"已作废（{e.voided_reason}）" if e.voided else "有效"
        target = e.unit or f"《{e.plan}》"
        print("\t".join([e.number, e.kind, target, f"{len(e.tasks)}项任务", e.issued_on, e.reply_by or "—", state,
                         e.file_path or ""]))
    return 0


def cmd_holidays(args: argparse.Namespace) -> int:
    from app.ops import notices as notice_ops
    from app.ops.session import open_for_reading, open_store

    if args.import_file:
        with open_store(_db(args), create=False) as store:
            count = notice_ops.import_holidays(store, args.import_file)
        print(f"已导入 {count} 天")
        return 0
    with open_for_reading(_db(args)) as store:
        text = notice_ops.office_holidays(store).to_text()
    if not text.strip():
        print("本单位节假日表是空的：工作日按程序自带的法定节假日日历计算。"
              "可用 holidays --import FILE 导入国务院公布的放假安排。", file=sys.stderr)
    print(text, end="")
    return 0


def register(subparsers) -> None:
    def add(name: str, func, help_text: str) -> argparse.ArgumentParser:
        p = subparsers.add_parser(name, help=help_text, description=help_text)
        p.add_argument("--db", dest="sub_db", metavar="PATH", help="数据库文件路径（默认在用户数据目录）")
        return p.set_defaults(func=func) or p

    p = add("notice", cmd_notice, "为一个单位生成督办通知单或催办通知（PDF，自动编号并登记）")
    p.add_argument("--unit", required=True, metavar="NAME", help="单位（任一写法，或单位编号）")
    p.add_argument("--kind", choices=(KIND_SUPERVISION, KIND_REMINDER), default=KIND_SUPERVISION,
                   help="督办（默认）或催办")
    p.add_argument("--one-per-task", action="store_true", help="一事一单：每项任务单独一份通知")
    p.add_argument("--out", required=True, metavar="FILE.pdf", help="通知 PDF 保存到此处")
    _reply_options(p)

    p = add("notices", cmd_notices, "为每个有逾期或即将到期任务的单位生成通知：每单位一个 PDF，另加一个合并打印的 PDF")
    p.add_argument("--within", type=integer, required=True, metavar="DAYS", help="逾期和 DAYS 天内到期的任务")
    p.add_argument("--kind", choices=(KIND_SUPERVISION, KIND_REMINDER), default=KIND_REMINDER,
                   help="催办（默认）或督办")
    p.add_argument("--workers", type=integer, metavar="N", help="并行进程数（默认按处理器核数）")
    p.add_argument("--two-sided", action="store_true", help="合并打印文件按双面打印排：每份通知从奇数页开始（必要时插入空白页）")
    p.add_argument("--out", required=True, metavar="DIR", help="通知 PDF 保存到这个文件夹")
    _reply_options(p)

    p = add("bulletin", cmd_bulletin, "生成一个方案的落实情况通报（PDF）")
    p.add_argument("--plan", type=integer, required=True, metavar="ID", help="方案编号（见 plans）")
    p.add_argument("--today", metavar="YYYY-MM-DD", help="统计截止日期 YYYY-MM-DD（默认今天）")
    p.add_argument("--out", required=True, metavar="FILE.pdf")

    p = add("register", cmd_register, "通知登记簿：列出、作废、重新生成")
    p.add_argument("--json", action="store_true")
    p.add_argument("--kind", choices=(KIND_SUPERVISION, KIND_REMINDER, "通报"))
    p.add_argument("--unit", metavar="NAME")
    p.add_argument("--void", metavar="NUMBER", help="作废这份通知（编号保留，不再使用）")
    p.add_argument("--reason", help="作废原因")
    p.add_argument("--recreate", metavar="NUMBER", help="按登记内容重新生成这份通知的 PDF")
    p.add_argument("--out", metavar="FILE.pdf", help="与 --recreate 同用：另存到此处")

    p = add("holidays", cmd_holidays, "本单位节假日表：列出，或导入国务院公布的放假安排（每行：日期<Tab>休或班<Tab>名称）")
    p.add_argument("--import", dest="import_file", metavar="FILE")
