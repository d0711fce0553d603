"""Task subcommands: progress (进展), extend (延期), done (办结). `--task ID` is the `task_id` of `due --json`.

Each writes one entry in one transaction (and its audit row); bad input is one Chinese line and exit status 2,
with nothing written.
"""
from __future__ import annotations

import argparse
from collections.abc import Callable
from typing import Any

from app.cli.parser import add_command, integer
from app.cli.store_cmds import _db, _today
from app.domain.status import DONE, IN_PROGRESS


def _write(args: argparse.Namespace, write: Callable[[Any], str]) -> int:
    from app.ops.session import open_store

    with open_store(_db(args), create=False) as store:
        print(write(store))
    return 0


def cmd_progress(args: argparse.Namespace) -> int:
    from app.ops.progress import add_progress

    on = _today(args.on)

    def write(store: Any) -> str:
        result = add_progress(store, args.task, on_date=on, content=args.text, unit=args.unit,
                              status_change=args.status, percent=args.percent)
        return f"已记录任务 {result.task_id} 的进展（{on.isoformat()}，编号 {result.progress_id}）。"

    return _write(args, write)


def cmd_extend(args: argparse.Namespace) -> int:
    from app.ops.progress import record_extension

    to, on = _today(args.to), _today(args.on)

    def write(store: Any) -> str:
        result = record_extension(store, args.task, new_due=to, reason=args.reason, basis=args.basis or "",
                                  recorded_on=on)
        return f"任务 {result.task_id}：{result.extension}。"

    return _write(args, write)


def cmd_done(args: argparse.Namespace) -> int:
    from app.ops.progress import mark_done

    on = _today(args.on)

    def write(store: Any) -> str:
        result = mark_done(store, args.task, on_date=on, note=args.note or "")
        return f"任务 {result.task_id} 已于 {on.isoformat()} 办结。"

    return _write(args, write)


def _task_command(subparsers: Any, name: str, func: Callable[[argparse.Namespace], int],
                  help_text: str) -> argparse.ArgumentParser:
    """A subcommand about one task: `--task ID` right after `--db`."""
    parser = add_command(subparsers, name, func, help_text)
    parser.add_argument("--task", type=integer, required=True, metavar="ID", help="任务编号（due --json 输出的“task_id”）")
    return parser


def register(subparsers: Any) -> None:
    p = _task_command(subparsers, "progress", cmd_progress, "记录一条任务进展")
    p.add_argument("--unit", required=True, metavar="NAME", help="报送单位（任一写法）")
    p.add_argument("--text", required=True, metavar="TEXT", help="进展内容")
    p.add_argument("--on", metavar="YYYY-MM-DD", help="进展日期（默认今天）")
    p.add_argument("--percent", type=integer, metavar="N", help="完成比例 0–100")
    p.add_argument("--status", choices=(IN_PROGRESS, DONE), help="进展状态")

    p = _task_command(subparsers, "extend", cmd_extend, "任务延期：新的完成时限、原因和批复文号（原定时限保留）")
    p.add_argument("--to", required=True, metavar="YYYY-MM-DD", help="延期后的完成时限")
    p.add_argument("--reason", required=True, metavar="TEXT", help="延期原因")
    p.add_argument("--basis", metavar="TEXT", help="批复依据，如批复文号")
    p.add_argument("--on", metavar="YYYY-MM-DD", help="批准（记录）日期（默认今天）")

    p = _task_command(subparsers, "done", cmd_done, "任务办结")
    p.add_argument("--on", metavar="YYYY-MM-DD", help="办结日期（默认今天）")
    p.add_argument("--note", metavar="TEXT", help="办结说明（依据、佐证材料）")
