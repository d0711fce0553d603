"""Store benchmark (not a test): a synthetic database of 100,000 tasks and 1,000,000 assignments.

    python3 benchmarks/store_bench.py [--tasks 100000] [--per-task 10] [--units 2000] [--keep DIR]

Reports import time (through app.ops.import_plan, one transaction per plan), size on disk, and the time of
"tasks of unit X due within 30 days" (target < 20 ms) and of a full-text search (target < 50 ms), each the
median of repeated runs on a warm connection.
"""
from __future__ import annotations

import argparse
import random
import shutil
import statistics
import sys
import tempfile
import time
from datetime import date, timedelta
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from app.domain.matrix import Deadline, Matrix, PlanInfo, Task  # noqa: E402
from app.domain.task_filter import TaskFilter  # noqa: E402
from app.ops.due import due_assignments  # noqa: E402
from app.ops.plans import import_plan  # noqa: E402
from app.ops.session import open_store  # noqa: E402
from app.ops.tasks import count_tasks, query_tasks  # noqa: E402

TODAY = date(2026, 3, 1)
WORDS = ("计量", "标准", "检验检测", "认证认可", "质量", "数字化", "产业", "科技创新", "人才", "监管", "服务", "体系",
         "能力", "基础设施", "碳达峰", "碳中和", "能源", "医疗", "食品", "安全", "营商环境", "知识产权", "品牌", "园区")
DEPARTMENTS = ("财政局", "教育局", "科技局", "市场监督管理局", "工业和信息化局", "发展和改革委员会", "生态环境局",
               "交通运输局", "卫生健康委员会", "应急管理局", "公安局", "司法局", "农业农村局", "商务局", "统计局")


def unit_name(i: int) -> str:
    """The i-th synthetic unit as a plan prints it (relative to the city): 市第3交通运输局."""
    return f"市第{i // len(DEPARTMENTS)}{DEPARTMENTS[i % len(DEPARTMENTS)]}"


def synthetic_plans(n_tasks: int, per_task: int, n_units: int, tasks_per_plan: int, seed: int = 1):
    rnd = random.Random(seed)
    units = [unit_name(i) for i in range(n_units)]
    for p in range(0, n_tasks, tasks_per_plan):
        tasks = []
        for i in range(p, min(p + tasks_per_plan, n_tasks)):
            picked = rnd.sample(units, per_task)
            due = date(2025, 1, 1) + timedelta(days=rnd.randint(0, 1095))
            deadline = rnd.choice([Deadline(f"{due.year}年{due.month}月底前", due), Deadline("持续推进", None, True)])
            title = "加强" + "".join(rnd.sample(WORDS, 3)) + f"建设第{i}项"
            text = title + "。" + "，".join(rnd.sample(WORDS, 8)) + "。"
            tasks.append(Task(("一", str(i - p + 1)), title, picked[:1], picked[1:], deadline, text))
        yield Matrix(f"plan{p // tasks_per_plan}.json", PlanInfo(title=f"第{p // tasks_per_plan}号实施方案",
                                                                 issuer="某某市人民政府"), tasks=tasks)


def timed(fn, repeat: int = 15) -> tuple[float, object]:
    result = fn()  # warm up
    samples = []
    for _ in range(repeat):
        start = time.perf_counter()
        result = fn()
        samples.append(time.perf_counter() - start)
    return statistics.median(samples) * 1000, result


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--tasks", type=int, default=100_000)
    parser.add_argument("--per-task", type=int, default=10)
    parser.add_argument("--units", type=int, default=2_000)
    parser.add_argument("--tasks-per-plan", type=int, default=2_000)
    parser.add_argument("--keep", help="folder to keep the database in (default: a temporary folder)")
    args = parser.parse_args()
    folder = Path(args.keep) if args.keep else Path(tempfile.mkdtemp(prefix="duban-bench-"))
    folder.mkdir(parents=True, exist_ok=True)
    db_path = folder / "bench.sqlite3"
    db_path.unlink(missing_ok=True)

    with open_store(db_path, backup=False) as store:
        start = time.perf_counter()
        for matrix in synthetic_plans(args.tasks, args.per_task, args.units, args.tasks_per_plan):
            import_plan(store, matrix, today=TODAY)
        import_s = time.perf_counter() - start
        n_tasks = store.db.execute("SELECT COUNT(*) FROM tasks").fetchone()[0]
        n_assign = store.db.execute("SELECT COUNT(*) FROM assignments").fetchone()[0]
        store.db.execute("PRAGMA wal_checkpoint(TRUNCATE)")
        store.db.execute("PRAGMA optimize")
    size_mb = sum(p.stat().st_size for p in folder.glob("bench.sqlite3*")) / 1e6
    start = time.perf_counter()
    open_store(db_path, readonly=True).close()
    open_ro_s = time.perf_counter() - start
    start = time.perf_counter()
    open_store(db_path).close()
    open_rw_s = time.perf_counter() - start

    with open_store(db_path, readonly=True) as store:
        unit = "某某" + unit_name(7)  # one of the synthetic units, in its full (not relative) spelling
        due_ms, items = timed(lambda: due_assignments(store, unit=unit, within=30, today=TODAY))
        f = TaskFilter(unit=unit, today=TODAY, due_from=TODAY, due_to=TODAY + timedelta(days=30))
        page_ms, page = timed(lambda: query_tasks(store, f, order_by="due", limit=200))
        fts_filter = TaskFilter(text="碳中和医疗", today=TODAY)
        fts_ms, hits = timed(lambda: query_tasks(store, fts_filter, order_by="ref", limit=200))
        fts_count_ms, fts_count = timed(lambda: count_tasks(store, fts_filter))
        short = TaskFilter(text="品牌", today=TODAY)
        like_ms, _ = timed(lambda: query_tasks(store, short, order_by="ref", limit=200), repeat=5)
        all_ms, _ = timed(lambda: query_tasks(store, TaskFilter(today=TODAY), order_by="light", limit=200), repeat=5)

    print(f"database: {db_path}")
    print(f"tasks {n_tasks:,}, assignments {n_assign:,}, units {args.units:,}")
    print(f"import (ops.import_plan, {args.tasks // args.tasks_per_plan} plans): {import_s:.1f} s")
    print(f"size on disk: {size_mb:.0f} MB")
    print(f"open for reading (quick_check): {open_ro_s:.2f} s; for writing (integrity_check + automatic backup): {open_rw_s:.2f} s")
    print(f"tasks of unit X due within 30 days, task table query ({len(page)} rows): {page_ms:.1f} ms  (target < 20)")
    print(f"due --unit X --within 30 (ops.due_assignments, overdue included, {len(items)} rows): {due_ms:.1f} ms")
    print(f"full-text search, first page ({len(hits)} rows): {fts_ms:.1f} ms  (target < 50)")
    print(f"full-text search, count ({fts_count} hits): {fts_count_ms:.1f} ms")
    print(f"2-character search (escaped LIKE), first page: {like_ms:.1f} ms")
    print(f"all tasks sorted by light, first page: {all_ms:.1f} ms")
    if not args.keep:
        shutil.rmtree(folder, ignore_errors=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
