"""`feedback export / import / status` on the command line: forms for the 呼和浩特 sample plan, `feedback status`
right before and after a reply, the same file twice → applied 0, another database's form → exit 2, one Chinese
line on standard error, nothing changed."""
from __future__ import annotations

import json

from openpyxl import load_workbook

from app.__main__ import main
from tests.ops.feedback_forms import dump, fill, make_db, task_rows


def _run(capsys, *argv):
    status = main([str(a) for a in argv])
    out, err = capsys.readouterr()
    return status, out, err


def _status(capsys, db, today):
    status, out, err = _run(capsys, "feedback", "status", "--db", db, "--plan", 1, "--today", today, "--json")
    assert (status, err) == (0, "")
    return {u["unit"]: u for u in json.loads(out)}


def test_export_import_status(tmp_path, capsys):
    db = make_db(tmp_path / "duban.sqlite3")
    status, out, err = _run(capsys, "feedback", "export", "--db", db, "--plan", 1, "--today", "2025-06-02",
                            "--reply-by", "2025-06-10", "--out", tmp_path / "forms")
    assert status == 0, err
    forms = sorted((tmp_path / "forms").glob("*.xlsx"))
    assert len(forms) == 21 and out.splitlines()[-1] == "共 21 份反馈表，请于 2025-06-10 前反馈。"

    before = _status(capsys, db, "2025-06-11")
    assert {u["state"] for u in before.values()} == {"逾期未反馈"} and len(before) == 21

    form = max(forms, key=lambda p: len(task_rows(load_workbook(p).worksheets[0])))
    refs = list(task_rows(load_workbook(form).worksheets[0]))
    fill(form, {refs[0]: {"进展情况": "已完成", "完成状态": "已完成"}, refs[1]: {"完成状态": "申请延期", "存在问题": "资金未到位"}})
    status, out, err = _run(capsys, "feedback", "import", "--db", db, form, "--today", "2025-06-12", "--json")
    assert (status, err, json.loads(out)) == (0, "", {"applied": 2, "unchanged": 0, "rejected": []})

    after = _status(capsys, db, "2025-06-12")
    unit = form.name.split("_")[0]
    assert (after[unit]["state"], after[unit]["replied_on"]) == ("已反馈", "2025-06-12")
    assert {u["state"] for name, u in after.items() if name != unit} == {"逾期未反馈"}

    status, out, _ = _run(capsys, "feedback", "import", "--db", db, form, "--today", "2025-06-13", "--json")
    assert (status, json.loads(out)) == (0, {"applied": 0, "unchanged": 2, "rejected": []})

    other = make_db(tmp_path / "other.sqlite3")
    assert _run(capsys, "feedback", "export", "--db", other, "--plan", 1, "--today", "2025-06-02",
                "--unit", unit, "--out", tmp_path / "other")[0] == 0
    [foreign] = (tmp_path / "other").glob("*.xlsx")
    fill(foreign, {refs[2]: {"进展情况": "另一个数据库的反馈"}})
    snapshot = dump(db)
    status, out, err = _run(capsys, "feedback", "import", "--db", db, foreign, "--today", "2025-06-13", "--json")
    assert status == 2
    assert json.loads(out)["rejected"] == [{"file": foreign.name, "row": None,
                                            "reason": "这份反馈表来自另一个督办台数据库，不是本数据库导出的，未导入"}]
    assert err == f"错误：“{foreign.name}”未导入：这份反馈表来自另一个督办台数据库，不是本数据库导出的，未导入。\n"
    assert dump(db) == snapshot


def test_bad_input_is_one_chinese_line(tmp_path, capsys):
    db = make_db(tmp_path / "duban.sqlite3")
    snapshot = dump(db)
    for argv, message in (
            (("export", "--plan", 99, "--out", tmp_path / "x"), "没有编号为 99 的方案"),
            (("export", "--plan", 1, "--unit", "某某局", "--out", tmp_path / "x"), "某某局"),
            (("status", "--plan", 99), "没有编号为 99 的方案"),
    ):
        status, out, err = _run(capsys, "feedback", *argv, "--db", db)
        assert status == 2 and out == "" and message in err and len(err.splitlines()) == 1, (argv, err)
    assert dump(db) == snapshot
    assert not (tmp_path / "x").exists()


def test_a_missing_plan_is_the_stores_message_on_one_line(tmp_path, capsys):
    from app.ops.session import open_for_reading
    from app.store import plans as plans_sql
    from app.store.rows import MissingRow

    db = make_db(tmp_path / "duban.sqlite3")
    with open_for_reading(db) as store:
        try:
            plans_sql.require(store.db, 99)
        except MissingRow as exc:
            expected = f"错误：{exc.message}\n"
    snapshot = dump(db)
    for argv in (("export", "--plan", 99, "--out", tmp_path / "x"), ("export", "--plan", 99, "--unit", "某某局",
                                                                    "--out", tmp_path / "x"),
                 ("status", "--plan", 99), ("status", "--plan", 99, "--json")):
        assert _run(capsys, "feedback", *argv, "--db", db) == (2, "", expected), argv
    assert expected == "错误：没有编号为 99 的方案。\n"
    assert dump(db) == snapshot and not (tmp_path / "x").exists()
