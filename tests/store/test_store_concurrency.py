"""Writers wait for each other (BEGIN IMMEDIATE and the busy timeout) instead of failing when a read turns into a write.

Two real `import` processes into one database while a third connection holds the write lock: both land once it is
released. With deferred transactions the second failed at once with "正被另一个程序…使用" (its snapshot had gone
stale), the busy timeout never used.
"""
import contextlib
import io
import os
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import app.store.connection as connection
from app.__main__ import main

ROOT = Path(__file__).resolve().parents[2]
SEEDS = sorted((ROOT / "tests" / "fixtures" / "seeds").glob("*.txt"))


def _existing_db(folder: Path) -> Path:
    db = folder / "duban.sqlite3"
    with contextlib.redirect_stdout(io.StringIO()):
        assert main(["import", str(SEEDS[0]), "--db", str(db), "--today", "2025-12-01"]) == 0
    return db


def _titles(db: Path) -> int:
    conn = sqlite3.connect(db)
    try:
        return conn.execute("SELECT count(*) FROM plans").fetchone()[0]
    finally:
        conn.close()


def test_two_concurrent_imports_both_land(tmp_path):
    db = _existing_db(tmp_path)
    holder = sqlite3.connect(db, isolation_level=None)
    holder.execute("BEGIN IMMEDIATE")  # both imports start while the database is being written
    env = {**os.environ, "LANG": "C.UTF-8", "PYTHONPATH": str(ROOT)}
    procs = [subprocess.Popen([sys.executable, "-m", "app", "import", *map(str, seeds), "--db", str(db)], cwd=ROOT,
                              env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
             for seeds in (SEEDS[1:3], SEEDS[3:5])]
    try:
        time.sleep(2.0)  # long enough for both to reach their transaction, well inside the 5 s busy timeout
        holder.execute("ROLLBACK")
        results = [p.communicate(timeout=120) for p in procs]
    finally:
        holder.close()
        for p in procs:
            if p.poll() is None:
                p.kill()
    for p, (out, err) in zip(procs, results):
        assert p.returncode == 0, err
        assert out.count("新导入") == 2
    assert _titles(db) == 5


def test_after_the_busy_timeout_the_error_is_one_chinese_line(tmp_path, capsys, monkeypatch):
    db = _existing_db(tmp_path)
    monkeypatch.setattr(connection, "BUSY_TIMEOUT", 0.3)
    holder = sqlite3.connect(db, isolation_level=None)
    holder.execute("BEGIN IMMEDIATE")
    try:
        started = time.monotonic()
        status = main(["import", str(SEEDS[1]), "--db", str(db)])
        waited = time.monotonic() - started
    finally:
        holder.execute("ROLLBACK")
        holder.close()
    err = capsys.readouterr().err
    assert status == 2 and err.count("\n") == 1 and err.startswith("错误：") and "正被另一个程序" in err
    assert waited >= 0.3  # it did wait for the lock
    assert _titles(db) == 1
