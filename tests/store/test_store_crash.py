"""A process killed (SIGKILL) in the middle of a large import leaves a sound database with all or none of it."""
import os
import signal
import sqlite3
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]

CHILD = textwrap.dedent("""
    import sys
    from datetime import date
    sys.path.insert(0, {root!r})
    import app.ops.plans as plans_ops
    from app.domain.matrix import Deadline, Matrix, PlanInfo, Task
    from app.ops.session import open_store

    N = {n}
    units = [f"市第{{i}}局" for i in range(200)]
    tasks = [Task(("一", str(i)), f"第{{i}}项任务", [units[i % 200]], [units[(i + k) % 200] for k in range(1, 5)],
                  Deadline("2025年底前", date(2025, 12, 31))) for i in range(N)]
    matrix = Matrix("big.json", PlanInfo(title="大型方案", issuer="某市人民政府"), tasks=tasks)
    real = plans_ops.tasks_sql.insert_assignments
    batches = []

    def announcing(db, rows):
        batches.append(len(rows))
        if len(batches) == 3:  # 3 of 6 batches of 1,000 tasks
            print("halfway", flush=True)
        return real(db, rows)

    plans_ops.tasks_sql.insert_assignments = announcing
    with open_store(sys.argv[1], backup=False) as store:
        plans_ops.import_plan(store, matrix, today=date(2025, 1, 1))
        print("committed", flush=True)
        import time
        time.sleep(60)
""")

N_TASKS = 6000


def _prepare(db):
    """A database that already holds a plan, which must survive whatever happens to the next import."""
    from app.domain.matrix import Matrix, PlanInfo, Task
    from app.ops.plans import import_plan
    from app.ops.session import open_store
    from datetime import date

    with open_store(db, backup=False) as store:
        import_plan(store, Matrix("small.json", PlanInfo(title="小方案"), tasks=[Task(("一",), "既有任务", ["市财政局"])]),
                    today=date(2025, 1, 1))


def _kill_after(db, marker):
    child = subprocess.Popen([sys.executable, "-c", CHILD.format(root=str(ROOT), n=N_TASKS), str(db)],
                             stdout=subprocess.PIPE, text=True, env={**os.environ, "PYTHONUNBUFFERED": "1"})
    try:
        for line in child.stdout:
            if line.strip() == marker:
                break
        else:
            pytest.fail(f"the importing process ended before '{marker}'")
        child.send_signal(signal.SIGKILL)
        child.wait(timeout=30)
    finally:
        if child.poll() is None:
            child.kill()
            child.wait(timeout=30)
        child.stdout.close()
    assert child.returncode == -signal.SIGKILL


def _state(db):
    conn = sqlite3.connect(db)
    try:
        check = conn.execute("PRAGMA integrity_check").fetchone()[0]
        plans = [r[0] for r in conn.execute("SELECT title FROM plans ORDER BY id")]
        tasks = conn.execute("SELECT COUNT(*) FROM tasks").fetchone()[0]
        assignments = conn.execute("SELECT COUNT(*) FROM assignments").fetchone()[0]
        fts = conn.execute("SELECT COUNT(*) FROM tasks_fts WHERE tasks_fts MATCH '\"项任务\"'").fetchone()[0]
    finally:
        conn.close()
    return check, plans, tasks, assignments, fts


@pytest.mark.parametrize("marker,expect_all", [("halfway", False), ("committed", True)])
def test_sigkill_during_import_is_all_or_nothing(tmp_path, marker, expect_all):
    db = tmp_path / "duban.sqlite3"
    _prepare(db)
    _kill_after(db, marker)
    check, plans, tasks, assignments, fts = _state(db)
    assert check == "ok"
    if expect_all:
        assert plans == ["小方案", "大型方案"]
        assert (tasks, assignments, fts) == (1 + N_TASKS, 1 + 5 * N_TASKS, N_TASKS)
    else:
        assert plans == ["小方案"] and (tasks, assignments, fts) == (1, 1, 0)
