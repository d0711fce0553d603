"""Store subcommands: import, export, plans, units, due, backup, restore.

`--db PATH` may come before the subcommand (global) or after it; without it the user's data folder is used.
"""
from __future__ import annotations

import argparse
import json
import sys
from datetime import date

from app.cli.parser import add_command, integer
from app.domain.matrix import ROLE_LABELS
from app.errors import UserError

# The use cases (and the database library under them) are imported inside each command, so that
# `extract` and `--help` do not pay for them: the command line starts in a fraction of a second.

def _db(args: argparse.Namespace) -> str | None:
    return getattr(args, "sub_db", None) or getattr(args, "db", None)


def _today(text: str | None) -> date:
    if not text:
        return date.today()  # the command line is where "today" comes from
    try:
        return date.fromisoformat(text)
    except ValueError:
        raise UserError(f"日期“{text}”格式不对，应为 YYYY-MM-DD。") from None


def _print_json(data) -> None:
    json.dump(data, sys.stdout, ensure_ascii=False, indent=2)
    sys.stdout.write("\n")


def cmd_import(args: argparse.Namespace) -> int:
    from app.ops.plans import import_plans, read_all
    from app.ops.session import open_store

    today = _today(args.today)
    loaded = read_all(args.files)  # every file readable before the database is touched
    empty = [plan.path for plan in loaded if not plan.matrix.tasks]
    if empty and not args.allow_empty:
        raise UserError(f"“{empty[0]}”中未识别出任何任务，没有导入任何文件。确要导入没有任务的方案，请加 --allow-empty。")
    with open_store(_db(args)) as store:
        results = import_plans(store, loaded, today=today)  # all files or none
    for result in results:
        for warning in result.warnings:
            print(f"警告：{warning}", file=sys.stderr)
        print("\n".join(result.summary_lines()))
    return 0


def cmd_export(args: argparse.Namespace) -> int:
    from app.ops.plans import export_plan
    from app.ops.session import open_for_reading

    with open_for_reading(_db(args)) as store:
        matrix = export_plan(store, args.plan)
    if args.json:
        _print_json(matrix.to_json())
        return 0
    print(f"《{matrix.plan.title or '（无标题）'}》 {matrix.plan.issuer or ''}")
    for task in matrix.tasks:
        deadline = task.deadline.text if task.deadline else ""
        print("\t".join([task.ref_label, task.title, "、".join(task.lead), "、".join(task.responsible), deadline]))
    return 0


def _listing(args: argparse.Namespace, fetch, line) -> int:
    from app.ops.session import open_for_reading

    """A list from the database: JSON objects with --json, else one line each."""
    with open_for_reading(_db(args)) as store:
        items = fetch(store)
    if args.json:
        _print_json([item.to_json() for item in items])
    else:
        for item in items:
            print(line(item))
    return 0


def cmd_plans(args: argparse.Namespace) -> int:
    from app.ops.plans import list_plans

    return _listing(args, list_plans,
                    lambda p: f"{p.id}\t{p.title or '（无标题）'}\t{p.issuer or '—'}\t任务 {p.task_count} 项")


def _unit_line(u) -> str:
    marks = ("（本单位）" if u.is_own else "") + ("（集合）" if u.is_group else "")
    others = [s for s in u.spellings if s != u.name]
    return f"{u.name}{marks}\t{u.jurisdiction or '—'}\t任务 {u.task_count} 项\t写法：{'、'.join(others) or '—'}"


def cmd_units(args: argparse.Namespace) -> int:
    from app.ops.units import list_units

    return _listing(args, list_units, _unit_line)


def cmd_due(args: argparse.Namespace) -> int:
    from app.domain.status import LIGHT_WORDS
    from app.ops.due import due_assignments
    from app.ops.session import open_for_reading

    today = _today(args.today)
    with open_for_reading(_db(args)) as store:
        items = due_assignments(store, unit=args.unit, within=args.within, today=today, own=args.own)
    if args.json:
        _print_json([i.to_json() for i in items])
        return 0
    for i in items:
        due = i.extension or (i.due.isoformat() if i.due else i.status)
        print("\t".join([LIGHT_WORDS[i.light].mark, i.status, i.progress_state, due, i.unit, ROLE_LABELS[i.role], i.ref, i.title,
                         i.plan or ""]))
    if not items:
        print("没有符合条件的任务。", file=sys.stderr)
    return 0


def cmd_backup(args: argparse.Namespace) -> int:
    from app.ops import backup as backup_ops
    from app.ops.session import open_store

    with open_store(_db(args), backup=False, create=False) as store:
        path = backup_ops.backup(store, args.out)
    print(f"已备份到：{path}")
    return 0


def cmd_restore(args: argparse.Namespace) -> int:
    from app.ops import backup as backup_ops
    from app.ops.session import resolve_db_path

    restored = backup_ops.restore(resolve_db_path(_db(args)), args.backup)
    print(f"已从“{args.backup}”恢复；恢复前的数据库已另存为：{restored.saved}")
    for line in restored.numbers.lines():
        print(line)
    if restored.numbers.warning:
        print(f"警告：{restored.numbers.warning}", file=sys.stderr)
    return 0


def register(subparsers) -> None:
    p = add_command(subparsers, "import", cmd_import, "导入一个或多个方案文件（txt、docx、pdf、xlsx 或责任矩阵 JSON）")
    p.add_argument("files", nargs="+", metavar="FILE")
    p.add_argument("--allow-empty", action="store_true", help="也导入未识别出任务的文件（默认拒绝）")
    p.add_argument("--today", metavar="YYYY-MM-DD", help="今天的日期 YYYY-MM-DD（记录被修订稿删除的任务的日期）")

    p = add_command(subparsers, "export", cmd_export, "导出一个方案的责任矩阵")
    p.add_argument("--plan", type=integer, required=True, metavar="ID", help="方案编号（见 plans）")
    p.add_argument("--json", action="store_true", help="输出责任矩阵 JSON")

    p = add_command(subparsers, "plans", cmd_plans, "列出已导入的方案：编号、标题、发文机关、任务数")
    p.add_argument("--json", action="store_true")

    p = add_command(subparsers, "units", cmd_units, "列出单位目录：规范名称、各种写法、任务数")
    p.add_argument("--json", action="store_true")

    p = add_command(subparsers, "due", cmd_due, "列出任务分工及其状态、灯号")
    p.add_argument("--unit", metavar="NAME", help="单位（任一写法，全称或简称均可，或单位编号；含声明包含它的集合单位）")
    p.add_argument("--own", action="store_true", help="只看本单位")
    p.add_argument("--within", type=integer, metavar="DAYS", help="只列逾期和 DAYS 天内到期的任务")
    p.add_argument("--today", metavar="YYYY-MM-DD", help="按哪一天判断，YYYY-MM-DD（默认今天）")
    p.add_argument("--json", action="store_true")

    p = add_command(subparsers, "backup", cmd_backup, "备份数据库")
    p.add_argument("--out", metavar="FILE", help="备份文件（默认在数据库旁的“backups”文件夹）")

    p = add_command(subparsers, "restore", cmd_restore, "用备份文件恢复数据库（恢复前先备份当前数据库）")
    p.add_argument("backup", metavar="BACKUP")
