"""The store's subcommands end to end on the five seeds (main() in-process, output parsed)."""
import contextlib
import io
import json
import sqlite3
from collections import Counter
from pathlib import Path

import pytest

from app.__main__ import main

SEEDS = sorted((Path(__file__).resolve().parents[1] / "fixtures" / "seeds").glob("*.txt"))


def _counts(db):
    with sqlite3.connect(db) as conn:
        return {t: conn.execute(f"SELECT COUNT(*) FROM {t}").fetchone()[0]
                for t in ("plans", "tasks", "units", "unit_aliases", "assignments", "audit_log")}


@pytest.fixture(scope="module")
def db(tmp_path_factory):
    path = tmp_path_factory.mktemp("cli") / "duban.sqlite3"
    with contextlib.redirect_stdout(io.StringIO()):
        assert main(["import", *map(str, SEEDS), "--db", str(path), "--today", "2025-12-01"]) == 0
    return path


def _run(capsys, *argv):
    status = main([str(a) for a in argv])
    out, err = capsys.readouterr()
    return status, out, err


def test_importing_all_five_again_changes_no_row_count(db, capsys):
    before = _counts(db)
    status, out, _ = _run(capsys, "--db", db, "import", *SEEDS)  # global --db works too
    assert status == 0 and out.count("未作改动") == 5
    assert _counts(db) == before


def test_due_for_hohhot_market_bureau(db, capsys):
    status, out, _ = _run(capsys, "due", "--db", db, "--unit", "呼和浩特市市场监督管理局", "--today", "2025-12-01",
                          "--json")
    assert status == 0
    items = json.loads(out)
    assert len(items) == 17
    assert {i["plan"] for i in items} == {"呼和浩特市贯彻落实计量发展规划（2021—2035年）实施方案"}
    assert {i["role"] for i in items} == {"lead"}
    assert Counter((i["light"], i["due"]) for i in items) == {("yellow", "2025-12-31"): 4, ("blue", None): 13}
    assert all({"plan", "ref", "title", "unit", "role", "due", "ongoing", "status", "light"} <= set(i) for i in items)


def test_due_for_cangzhou_lists_cangzhou_not_hohhot(db, capsys):
    status, out, _ = _run(capsys, "due", "--db", db, "--unit", "沧州市市场监管局", "--today", "2025-12-01", "--json")
    items = json.loads(out)
    assert status == 0 and items
    assert {i["plan"] for i in items} == {"关于贯彻落实《计量发展规划（2021—2035年）》的实施方案"}
    assert {i["printed"] for i in items} == {"市市场监管局"}
    # the long form of the same bureau finds the same assignments
    _, long_form, _ = _run(capsys, "due", "--db", db, "--unit", "沧州市市场监督管理局", "--today", "2025-12-01",
                           "--json")
    assert json.loads(long_form) == items


def test_due_within_keeps_only_what_is_due(db, capsys):
    _, out, _ = _run(capsys, "due", "--db", db, "--unit", "呼和浩特市市场监督管理局", "--within", "30",
                     "--today", "2025-12-01", "--json")
    assert [i["light"] for i in json.loads(out)] == ["yellow"] * 4
    _, out, _ = _run(capsys, "due", "--db", db, "--within", "29", "--today", "2025-12-01", "--json")
    assert json.loads(out) == []
    _, out, _ = _run(capsys, "due", "--db", db, "--within", "10", "--today", "2026-01-05", "--json")
    late = json.loads(out)
    assert late and {i["light"] for i in late} == {"red"} and {i["status"] for i in late} == {"逾期"}


def test_plans_units_export(db, capsys):
    _, out, _ = _run(capsys, "plans", "--db", db, "--json")
    plans = json.loads(out)
    assert [p["task_count"] for p in plans] == [24, 17, 18, 35, 32]
    assert plans[1]["issuer"] == "呼和浩特市人民政府"
    _, out, _ = _run(capsys, "units", "--db", db, "--json")
    units = {u["name"]: u for u in json.loads(out)}
    assert "市市场监督管理局" in units["呼和浩特市市场监督管理局"]["spellings"]
    assert units["呼和浩特市市场监督管理局"]["task_count"] == 17
    _, out, _ = _run(capsys, "export", "--db", db, "--plan", plans[2]["id"], "--json")
    gold = json.loads((SEEDS[2].parents[1] / "gold" / f"{SEEDS[2].stem}.json").read_text(encoding="utf-8"))
    assert json.loads(out) == gold


def test_errors_are_one_line_and_status_2(db, capsys, tmp_path):
    status, out, err = _run(capsys, "due", "--db", db, "--unit", "火星市气象局")
    assert status == 2 and err.count("\n") == 1 and "火星市气象局" in err
    status, _, err = _run(capsys, "export", "--db", db, "--plan", "999")
    assert status == 2 and "999" in err
    status, _, err = _run(capsys, "due", "--db", tmp_path / "none.sqlite3")
    assert status == 2 and "不存在" in err
    status, _, err = _run(capsys, "import", tmp_path / "missing.txt", "--db", tmp_path / "new.sqlite3")
    assert status == 2 and not (tmp_path / "new.sqlite3").exists()
    blocker = tmp_path / "a-file"
    blocker.write_text("x")  # a database "inside" a file: its folder can never be made
    status, _, err = _run(capsys, "import", SEEDS[0], "--db", blocker / "sub" / "x.sqlite3")
    assert status == 2 and err.count("\n") == 1 and "无法创建数据库" in err


def test_backup_and_restore(db, capsys, tmp_path):
    copy = tmp_path / "copy.sqlite3"
    with sqlite3.connect(db) as conn:
        conn.execute("PRAGMA wal_checkpoint")
    target = tmp_path / "work.sqlite3"
    target.write_bytes(db.read_bytes())
    status, out, _ = _run(capsys, "backup", "--db", target, "--out", copy)
    assert status == 0 and copy.exists()
    with sqlite3.connect(target) as conn:
        conn.execute("DELETE FROM progress")
        conn.execute("UPDATE plans SET title = '改坏了'")
    status, out, _ = _run(capsys, "restore", "--db", target, copy)
    assert status == 0
    with sqlite3.connect(target) as conn:
        assert conn.execute("SELECT COUNT(*) FROM plans WHERE title = '改坏了'").fetchone()[0] == 0
        assert conn.execute("SELECT COUNT(*) FROM audit_log WHERE action = 'restore'").fetchone()[0] == 1
