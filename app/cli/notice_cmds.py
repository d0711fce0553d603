"""Notice subcommands: notice (one unit), notices (a batch), bulletin (a plan), register, holidays.

`--db PATH` may come before the subcommand or after it, as for the store's subcommands.
"""
from __future__ import annotations

import argparse
import sys

from app.cli.parser import add_command, integer
from app.cli.store_cmds import _db, _print_json, _today
from app.notices.content import KIND_REMINDER, KIND_SUPERVISION, STYLE_FORM, STYLES
from app.ops.notice_scope import GROUP_MODES, GROUPS_ADDRESS, SCOPES

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


def _scope_options(p: argparse.ArgumentParser) -> None:
    p.add_argument("--include-ongoing", action="store_true", help="督办也列出持续推进（无具体时限）的任务")
    p.add_argument("--again", action="store_true", help="今天已就同样任务向同一单位发过催办，仍再发一次")


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
            reply_workdays=args.reply_days, reply_by=_reply_by(args), one_task_per_notice=args.one_per_task,
            include_ongoing=args.include_ongoing, task_ids=args.task or None, again=args.again)
    return _report(result)


def cmd_notices(args: argparse.Namespace) -> int:
    _check_out(f"{args.out}/合并打印.pdf")
    from app.ops import notices as notice_ops
    from app.ops.notice_scope import SCOPE_DUE, SCOPE_OPEN, BatchScope
    from app.ops.session import open_store
    from app.errors import UserError

    if args.plan is None and args.within is None:
        raise UserError("请用 --plan ID 指定方案，或用 --within DAYS 指定到期天数。")
    scope = args.scope or (SCOPE_DUE if args.within is not None else SCOPE_OPEN)
    kind = args.kind or (KIND_SUPERVISION if scope == SCOPE_OPEN else KIND_REMINDER)
    batch = BatchScope(scope=scope, within=args.within, plan_id=args.plan, groups=args.groups, kind=kind,
                       include_ongoing=args.include_ongoing)
    with open_store(_db(args), create=False) as store:
        result = notice_ops.issue_batch(
            store, batch, today=_today(args.today), out_dir=args.out, style=args.style, again=args.again,
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
        print("\t".join([e.number, e.kind, target, f"{e.task_count}项任务", e.issued_on, e.reply_by or "—", state,
                         e.file_path or ""]))
    return 0


def cmd_holidays(args: argparse.Namespace) -> int:
    from app.ops import holidays as holiday_ops, notices as notice_ops
    from app.ops.session import open_for_reading, open_store

    if args.import_file:
        with open_store(_db(args), create=False) as store:
            count = holiday_ops.import_file(store, args.import_file)
        print(f"已导入 {count} 天")
        return 0
    if args.paste:
        with open_store(_db(args), create=False) as store:
            notice = holiday_ops.paste_file(store, args.paste, args.year)
        for item in notice.items:
            print(f"{item.name}\t放假{len(item.rest_days)}天\t上班{len(item.work_days)}天")
        print(f"已导入{notice.year}年放假安排：{len(notice.entries())} 天")
        return 0
    if args.list is not None:
        with open_for_reading(_db(args)) as store:
            days = holiday_ops.year_days(store, args.list)
        for d in days:
            print(f"{d.day.isoformat()}\t{'班' if d.is_workday else '休'}\t{d.name}\t{d.source}")
        if not days:
            print(f"{args.list}年没有节假日数据：工作日只按周末推算。可用 holidays --paste FILE 导入国务院公布的放假安排。",
                  file=sys.stderr)
        return 0
    with open_for_reading(_db(args)) as store:
        text = notice_ops.office_holidays(store).to_text()
    if not text.strip():
        print("本单位节假日表是空的：工作日按程序自带的法定节假日日历计算。"
              "可用 holidays --import FILE 或 --paste FILE 导入国务院公布的放假安排。", file=sys.stderr)
    print(text, end="")
    return 0


def register(subparsers) -> None:
    p = add_command(subparsers, "notice", cmd_notice, "为一个单位生成督办通知单或催办通知（PDF，自动编号并登记）")
    p.add_argument("--unit", required=True, metavar="NAME", help="单位（任一写法，或单位编号）")
    p.add_argument("--kind", choices=(KIND_SUPERVISION, KIND_REMINDER), default=KIND_SUPERVISION,
                   help="督办（默认）或催办")
    p.add_argument("--one-per-task", action="store_true", help="一事一单：每项任务单独一份通知")
    p.add_argument("--task", type=integer, action="append", metavar="ID",
                   help="督办只列这些任务（due --json 中的任务编号，可重复）")
    _scope_options(p)
    p.add_argument("--out", required=True, metavar="FILE.pdf", help="通知 PDF 保存到此处")
    _reply_options(p)

    p = add_command(subparsers, "notices", cmd_notices,
                    "批量督办：为每个有相关任务的单位（含集合单位）各生成一份通知 PDF，另加一个合并打印的 PDF")
    p.add_argument("--plan", type=integer, metavar="ID", help="只看这个方案的任务（方案编号见 plans）")
    p.add_argument("--within", type=integer, metavar="DAYS", help="逾期和 DAYS 天内到期的任务")
    p.add_argument("--scope", choices=SCOPES, help="任务范围：overdue 逾期；due 逾期和即将到期（有 --within 时默认）；"
                                                   "open 全部有完成时限的未完成任务（只给 --plan 时默认）")
    p.add_argument("--groups", choices=GROUP_MODES, default=GROUPS_ADDRESS,
                   help="集合单位（如各旗县区政府）：address 发给集合单位本身（默认）；expand 发给单位目录登记的各成员单位")
    p.add_argument("--kind", choices=(KIND_SUPERVISION, KIND_REMINDER),
                   help="催办或督办（默认：范围为 open 时督办，否则催办）")
    p.add_argument("--workers", type=integer, metavar="N", help="并行进程数（默认按处理器核数）")
    _scope_options(p)
    p.add_argument("--two-sided", action="store_true", help="合并打印文件按双面打印排：每份通知从奇数页开始（必要时插入空白页）")
    p.add_argument("--out", required=True, metavar="DIR", help="通知 PDF 保存到这个文件夹")
    _reply_options(p)

    p = add_command(subparsers, "bulletin", cmd_bulletin, "生成一个方案的落实情况通报（PDF）")
    p.add_argument("--plan", type=integer, required=True, metavar="ID", help="方案编号（见 plans）")
    p.add_argument("--today", metavar="YYYY-MM-DD", help="统计截止日期 YYYY-MM-DD（默认今天）")
    p.add_argument("--out", required=True, metavar="FILE.pdf")

    p = add_command(subparsers, "register", cmd_register, "通知登记簿：列出、作废、重新生成")
    p.add_argument("--json", action="store_true")
    p.add_argument("--kind", choices=(KIND_SUPERVISION, KIND_REMINDER, "通报"))
    p.add_argument("--unit", metavar="NAME")
    p.add_argument("--void", metavar="NUMBER", help="作废这份通知（编号保留，不再使用）")
    p.add_argument("--reason", help="作废原因")
    p.add_argument("--recreate", metavar="NUMBER", help="按登记内容重新生成这份通知的 PDF")
    p.add_argument("--out", metavar="FILE.pdf", help="与 --recreate 同用：另存到此处")

    p = add_command(subparsers, "holidays", cmd_holidays,
                    "本单位节假日表：列出，或导入国务院公布的放假安排（每行：日期<Tab>休或班<Tab>名称）")
    choice = p.add_mutually_exclusive_group()
    choice.add_argument("--import", dest="import_file", metavar="FILE", help="导入节假日表文件（每行：日期<Tab>休或班<Tab>名称）")
    choice.add_argument("--paste", metavar="FILE",
                        help="导入国务院办公厅《关于某年部分节假日安排的通知》的文字（存成文本文件）")
    choice.add_argument("--list", type=integer, metavar="YEAR", help="列出某年的放假和调休上班日（含内置日历）")
    p.add_argument("--year", type=integer, metavar="YEAR", help="与 --paste 同用：通知所属年份（默认从通知标题读出）")
