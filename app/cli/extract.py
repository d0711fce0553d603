"""`extract FILE [--json]`: read a plan document and print its responsibility matrix."""
from __future__ import annotations

import json
import sys

from app.cli.parser import add_command
from app.domain.matrix import Matrix


def register(sub) -> None:
    p = add_command(sub, "extract", run, "读取实施方案文件，输出任务分解矩阵", db=False, description=False)
    p.add_argument("file", metavar="FILE", help="方案文件（txt、docx、pdf、xlsx）")
    p.add_argument("--json", action="store_true", help="输出责任矩阵 JSON")


def format_table(matrix: Matrix) -> str:
    """The matrix as a readable plain-text listing, one task a block."""
    plan = matrix.plan
    lines = [f"方案：{plan.title or '（未识别标题）'}"]
    for label, value in (("发文机关", plan.issuer), ("发文字号", plan.doc_number), ("成文日期", plan.issued),
                         ("上级文件", plan.parent)):
        if value:
            lines.append(f"{label}：{value}")
    if plan.first_listed_is_lead:
        lines.append("（未标明牵头单位：按惯例以列第一位者为牵头单位）")
    for s in matrix.standing_units:
        lines.append(f"常设落实单位：{s.unit}（自 {''.join(s.from_ref)} 起）")
    lines.append(f"任务 {len(matrix.tasks)} 项")
    for task in matrix.tasks:
        lines.append("")
        lines.append(f"{''.join(task.ref)} {task.title}")
        lines.append(f"    牵头单位：{'、'.join(task.lead) or '—'}")
        lines.append(f"    责任单位：{'、'.join(task.responsible) or '—'}")
        if task.deadline:
            meaning = task.deadline.due.isoformat() if task.deadline.due else "无具体日期"
            ongoing = "，持续推进" if task.deadline.ongoing else ""
            lines.append(f"    完成时限：{task.deadline.text}（{meaning}{ongoing}）")
    return "\n".join(lines)


def run(args) -> int:
    from app.reading.extract import extract_file

    matrix = extract_file(args.file)
    for warning in matrix.other_warnings():
        print(f"警告：{warning}", file=sys.stderr)
    # The reading report: what was not (fully) understood, with its line. Never on standard output.
    for finding in matrix.findings:
        print(f"提示：{finding.describe()}", file=sys.stderr)
    if args.json:
        json.dump(matrix.to_json(), sys.stdout, ensure_ascii=False, indent=2)
        sys.stdout.write("\n")
    else:
        print(format_table(matrix))
    return 0
