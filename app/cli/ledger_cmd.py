"""`ledger`: a plan's 台账 (every task × unit with status, light, latest progress, extension and notices) as .xlsx."""
from __future__ import annotations

import argparse
from typing import Any

from app.cli.parser import add_command, integer
from app.cli.store_cmds import _db, _today


def cmd_ledger(args: argparse.Namespace) -> int:
    from app.ops.ledger import check_ledger_path, export_ledger
    from app.ops.session import open_for_reading

    today = _today(args.today)
    check_ledger_path(args.out)  # a bad name is refused before the database is opened
    with open_for_reading(_db(args)) as store:
        path = export_ledger(store, args.plan, today=today, out=args.out)
    print(f"已导出台账：{path}")
    return 0


def register(subparsers: Any) -> None:
    help_text = "导出一个方案的落实情况台账（.xlsx）：每项任务、每个单位的状态、灯号、最新进展、延期和督办通知"
    p = add_command(subparsers, "ledger", cmd_ledger, help_text)
    p.add_argument("--plan", type=integer, required=True, metavar="ID", help="方案编号（见 plans）")
    p.add_argument("--today", metavar="YYYY-MM-DD", help="截至日期 YYYY-MM-DD（默认今天）")
    p.add_argument("--out", required=True, metavar="FILE.xlsx", help="台账保存到此处")
