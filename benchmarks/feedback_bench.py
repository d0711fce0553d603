"""Feedback-forms benchmark (not a test): forms out for 200 units, then 200 filled forms back in, wall time each
(issue 13's target: each under 10 s on the 2-core machine).

A synthetic plan gives each of 200 units four tasks (two as lead, two as responsible unit); every form is filled
the way a unit would (openpyxl: progress, a status word, a share, problems and next steps on each row; filling is
not timed), then all 200 are read, checked and written in one import, and imported a second time (nothing
changes). Times: export (reading the store, writing 200 .xlsx and recording the rounds), import (reading 200
files, the preview, one transaction), the same import again, and `feedback_status` (who has replied: the best
of ten calls, with the number of queries one call runs).

The machine is shared: CPU time (this process) is reported beside wall time.

Run: python3 benchmarks/feedback_bench.py [--units 200] [--tasks-per-unit 4]
"""
from __future__ import annotations

import argparse
import sys
import tempfile
import time
from datetime import date
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from openpyxl import load_workbook  # noqa: E402

from app.domain.feedback import COL_KEY, COLUMNS, FORM_STATUSES  # noqa: E402
from app.domain.matrix import Deadline, Matrix, PlanInfo, Task  # noqa: E402
from app.ops import feedback as fb  # noqa: E402
from app.ops.plans import import_plan  # noqa: E402
from app.ops.session import open_store  # noqa: E402
from app.store.connection import Store, queries_run  # noqa: E402

SENT, RECEIVED = date(2026, 3, 2), date(2026, 3, 9)
DIGITS = "零一二三四五六七八九"


def unit_name(i: int) -> str:
    """某市第一二三工作专班: a distinct name per unit that no folding of unit names merges."""
    return "某市第" + "".join(DIGITS[int(d)] for d in str(i + 1)) + "工作专班"


def plan(units: int, per_unit: int) -> Matrix:
    tasks = []
    n_tasks = units * per_unit // 2
    for t in range(n_tasks):
        lead, other = t % units, (t + 1 + t // units) % units
        tasks.append(Task((str(t // 10 + 1), str(t % 10 + 1)), f"第{t + 1}项工作任务", [unit_name(lead)],
                          [unit_name(other)], Deadline("2026年底前", date(2026, 12, 31))))
    return Matrix(source="bench.json", plan=PlanInfo(title="某市某某工作实施方案", issuer="某市人民政府",
                                                     issued=date(2026, 1, 5)), tasks=tasks)


def fill_all(paths: list[Path]) -> None:
    for n, path in enumerate(paths):
        wb = load_workbook(path)
        ws = wb.worksheets[0]
        head = next(r for r in ws.iter_rows(min_row=1, max_row=10) if any(c.value == COL_KEY for c in r))
        cols = {c.value: c.column for c in head if c.value in COLUMNS}
        for r in range(head[0].row + 1, ws.max_row + 1):
            if not ws.cell(r, cols[COL_KEY]).value:
                continue
            ws.cell(r, cols["进展情况"], f"已召开专题会议研究部署，完成阶段任务（{n}-{r}）")
            ws.cell(r, cols["完成状态"], FORM_STATUSES[(n + r) % len(FORM_STATUSES)])
            ws.cell(r, cols["完成比例"], (n * 7 + r * 13) % 101)
            ws.cell(r, cols["存在问题"], "资金保障不足")
            ws.cell(r, cols["下步打算"], "加快推进")
            ws.cell(r, cols["填报人"], "李明")
        wb.save(path)


def status_timing(store: Store, plan_id: int) -> tuple[float, int, int]:
    """`feedback_status` of the plan: the best wall time of ten calls, the queries one call runs (sqlite_utils'
    SAVEPOINT / RELEASE around each not counted), and how many units it reports as replied."""
    with queries_run(store.db) as queries:
        units = fb.feedback_status(store, plan_id, today=RECEIVED)
    best = float("inf")
    for _ in range(10):
        start = time.perf_counter()
        fb.feedback_status(store, plan_id, today=RECEIVED)
        best = min(best, time.perf_counter() - start)
    return best, len(queries), sum(1 for u in units if u.replied_on is not None)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--units", type=int, default=200)
    parser.add_argument("--tasks-per-unit", type=int, default=4)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        with open_store(folder / "bench.sqlite3", backup=False) as store:
            import_plan(store, plan(args.units, args.tasks_per_unit), today=SENT)
            plan_id = next(store.db.query("SELECT id FROM plans"))["id"]
            import app.ops.notices  # noqa: F401  (imported once by the program already when the window runs)

            start, cpu = time.perf_counter(), time.process_time()
            exported = fb.export_forms(store, plan_id=plan_id, today=SENT, out_dir=folder / "forms")
            export_s, export_cpu = time.perf_counter() - start, time.process_time() - cpu
            paths = [f.path for f in exported.forms]
            rows = sum(f.task_count for f in exported.forms)
            fill_all(paths)

            start, cpu = time.perf_counter(), time.process_time()
            result = fb.import_feedback(store, paths, received_on=RECEIVED)
            import_s, import_cpu = time.perf_counter() - start, time.process_time() - cpu
            start = time.perf_counter()
            again = fb.import_feedback(store, paths, received_on=RECEIVED)
            again_s = time.perf_counter() - start
            status_s, queries, replied = status_timing(store, plan_id)
        print(f"forms out: {len(paths)} units, {rows} task rows: {export_s:.2f} s wall, {export_cpu:.2f} s CPU")
        print(f"forms in:  {len(paths)} filled forms, applied {result.applied}, refused {len(result.rejected)}: "
              f"{import_s:.2f} s wall, {import_cpu:.2f} s CPU")
        print(f"same forms again: applied {again.applied}, unchanged {again.unchanged}: {again_s:.2f} s")
        print(f"who has replied: {replied} units, {queries} queries: {status_s * 1000:.1f} ms "
              "(best of 10)")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
