"""progress → extend → done from the command line, read back through `due --json`; bad input is one Chinese line,
exit status 2, and leaves the database as it was."""
import contextlib
import io
import json
import shutil
import sqlite3
from pathlib import Path

import pytest

from app.__main__ import main

SEEDS = Path(__file__).resolve().parents[1] / "fixtures" / "seeds"


@pytest.fixture(scope="module")
def imported(tmp_path_factory):
    path = tmp_path_factory.mktemp("tasks") / "duban.sqlite3"
    with contextlib.redirect_stdout(io.StringIO()):
        assert main(["import", *map(str, sorted(SEEDS.glob("*.txt"))), "--db", str(path), "--today", "2025-12-01"]) == 0
    return path


@pytest.fixture
def db(imported, tmp_path):
    path = tmp_path / "duban.sqlite3"
    shutil.copy(imported, path)
    return path


def _run(capsys, *argv):
    status = main([str(a) for a in argv])
    out, err = capsys.readouterr()
    return status, out, err


def _due(capsys, db, today):
    status, out, _ = _run(capsys, "due", "--db", db, "--today", today, "--json")
    assert status == 0
    return json.loads(out)


def _rows(db):
    with sqlite3.connect(db) as conn:
        return {t: conn.execute(f"SELECT * FROM {t} ORDER BY 1").fetchall()
                for t in ("progress", "deadline_changes", "tasks", "audit_log")}


def _dated_task(items):
    """A task with a plan date (not recurring, not reported done), and its lead unit's item."""
    return next(i for i in items if i["original_due"] and i["role"] == "lead" and i["due"] == i["original_due"]
                and i["progress_state"] != "已完成")


def test_progress_extend_done_then_due_json(db, capsys):
    item = _dated_task(_due(capsys, db, "2025-01-01"))
    task, plan_due = item["task_id"], item["original_due"]
    original = item["deadline_text"] or plan_due  # the original deadline as the plan printed it
    status, out, err = _run(capsys, "progress", "--db", db, "--task", task, "--unit", item["unit"],
                            "--text", "已召开推进会", "--on", "2025-01-02", "--percent", "30", "--status", "推进中")
    assert status == 0 and "已记录" in out and not err
    year = int(plan_due[:4]) + 1
    status, out, err = _run(capsys, "extend", "--db", db, "--task", task, "--to", f"{year}-06-30", "--reason",
                            "资金未到位", "--basis", "某政办函〔2025〕9号", "--on", "2025-01-03")
    assert status == 0 and f"原定 {original}，已延期至 {year}-06-30。" in out
    [after] = [i for i in _due(capsys, db, "2025-01-05") if i["task_id"] == task and i["unit_id"] == item["unit_id"]]
    assert (after["due"], after["original_due"], after["extended"]) == (f"{year}-06-30", plan_due, True)
    assert after["progress_state"] == "推进中"
    status, out, _ = _run(capsys, "due", "--db", db, "--today", "2025-01-05")
    assert f"\t原定 {original}，已延期至 {year}-06-30\t" in out
    status, out, err = _run(capsys, "done", "--db", db, "--task", task, "--on", "2025-02-01", "--note", "已验收")
    assert status == 0 and "办结" in out
    [done] = [i for i in _due(capsys, db, "2025-02-02") if i["task_id"] == task and i["unit_id"] == item["unit_id"]]
    finished = "持续推进" if item["ongoing"] else "已完成"  # work that goes on after its date stays blue
    assert (done["status"], done["progress_state"], done["due"]) == (finished, "已完成", f"{year}-06-30")
    with sqlite3.connect(db) as conn:
        actions = [r[0] for r in conn.execute("SELECT action FROM audit_log WHERE entity_id = ? ORDER BY id", [task])]
        basis = conn.execute("SELECT basis FROM deadline_changes WHERE task_id = ?", [task]).fetchone()[0]
    assert actions[-3:] == ["progress", "extension", "done"] and basis == "某政办函〔2025〕9号"


@pytest.mark.parametrize("argv, message", [
    (["extend", "--task", "{task}", "--to", "2026-13-01", "--reason", "x"], "格式不对"),
    (["extend", "--task", "{task}", "--to", "2030-01-01", "--reason", " "], "原因"),
    (["extend", "--task", "{task}", "--to", "2000-01-01", "--reason", "x"], "应晚于"),
    (["extend", "--task", "{task}", "--to", "2030-01-01"], "缺少必须给出的参数"),
    (["progress", "--task", "{task}", "--unit", "不存在的单位", "--text", "x"], "不存在的单位"),
    (["progress", "--task", "{task}", "--unit", "{unit}", "--text", "x", "--percent", "150"], "0 到 100"),
    (["progress", "--task", "{task}", "--unit", "{unit}", "--text", "x", "--status", "差不多"], "不是可选的值"),
    (["progress", "--task", "{task}", "--unit", "{unit}", "--text", "x", "--percent", "三成"], "整数"),
    (["done", "--task", "99999"], "没有编号为 99999 的任务"),
    (["done", "--task", "{task}", "--on", "明天"], "格式不对"),
])
def test_bad_input_is_one_chinese_line_and_changes_nothing(db, capsys, argv, message):
    item = _dated_task(_due(capsys, db, "2025-01-01"))
    before = _rows(db)
    argv = [a.format(task=item["task_id"], unit=item["unit"]) for a in argv]
    with pytest.raises(SystemExit) if "缺少" in message or "可选" in message or "整数" in message \
            else contextlib.nullcontext() as raised:
        status, _, err = _run(capsys, *argv[:1], "--db", db, *argv[1:])
    if raised is not None:
        status, err = raised.value.code, capsys.readouterr().err
    assert status == 2 and message in err and len(err.strip().splitlines()) == 1, err
    assert _rows(db) == before
