"""Import and export of plans: round trip to the gold JSON, idempotence, revisions that keep progress."""
import copy
import json
from datetime import date

import pytest

from app.domain.matrix import Matrix
from app.errors import UserError
from app.ops.plans import export_plan, import_plan, list_plans
from app.ops.progress import add_progress
from app.ops.session import open_store
from app.ops.tasks import task_detail
from app.reading.extract import extract_file
from app.store.plans import counts

TODAY = date(2025, 12, 1)


@pytest.fixture
def store(tmp_path):
    with open_store(tmp_path / "duban.sqlite3", backup=False) as s:
        yield s


def _gold_files(gold_dir):
    return sorted(gold_dir.glob("*.json"))


def test_each_seed_round_trips(store, seeds, gold_dir):
    for path in seeds:
        result = import_plan(store, path, today=TODAY)
        assert result.action == "created"
        exported = export_plan(store, result.plan_id).to_json()
        assert exported == extract_file(path).to_json()
        assert exported == json.loads((gold_dir / f"{path.stem}.json").read_text(encoding="utf-8"))


def test_a_matrix_json_file_round_trips(store, gold_dir):
    for path in _gold_files(gold_dir):
        result = import_plan(store, path, today=TODAY)
        assert export_plan(store, result.plan_id).to_json() == json.loads(path.read_text(encoding="utf-8"))


def test_importing_twice_changes_no_row(store, seeds, gold_dir):
    for path in seeds:
        import_plan(store, path, today=TODAY)
    before = counts(store.db)
    audit_rows = store.db["audit_log"].count
    for path in seeds:
        assert import_plan(store, path, today=TODAY).action == "unchanged"
    # the same matrix handed over directly (no file hash to compare) is recognised as well
    for path in _gold_files(gold_dir):
        matrix = Matrix.from_json(json.loads(path.read_text(encoding="utf-8")))
        assert import_plan(store, matrix, today=TODAY).action == "unchanged"
    assert counts(store.db) == before
    assert store.db["audit_log"].count == audit_rows
    assert [p.task_count for p in list_plans(store)] == [24, 17, 18, 35, 32]


def test_revision_reports_changes_and_keeps_progress(store, gold_dir):
    path = _gold_files(gold_dir)[1]
    data = json.loads(path.read_text(encoding="utf-8"))
    first = import_plan(store, Matrix.from_json(data), today=TODAY)
    kept = export_plan(store, first.plan_id).tasks
    task_ids = [r["id"] for r in store.db.query("SELECT id FROM tasks WHERE plan_id = ? ORDER BY position",
                                                [first.plan_id])]
    add_progress(store, task_ids[2], on_date=date(2025, 6, 1), content="已召开推进会", percent=40)

    revised = copy.deepcopy(data)
    removed = revised["tasks"].pop(0)
    revised["tasks"][0]["title"] += "（修订）"                      # reworded, same ref
    revised["tasks"][1]["lead"] = ["市教育局"]                       # units changed (this one has progress)
    revised["tasks"][2]["deadline"] = {"text": "2026年6月底前", "due": "2026-06-30", "ongoing": False}
    revised["tasks"].append({"ref": ["九", "（一）"], "title": "新增的任务", "lead": ["市财政局"],
                             "responsible": [], "deadline": None})
    result = import_plan(store, Matrix.from_json(revised), today=TODAY)

    assert result.action == "revised" and result.plan_id == first.plan_id
    assert [c.title for c in result.removed] == [removed["title"]]
    assert [c.title for c in result.added] == ["新增的任务"]
    assert [c.after for c in result.reworded] == [revised["tasks"][0]["title"]]
    assert [c.title for c in result.units_changed] == [kept[2].title]
    assert [c.after for c in result.deadlines_changed] == ["2026年6月底前"]
    assert any("新增任务" in line for line in result.summary_lines())
    # the task with progress is still the same row, with its progress
    detail = task_detail(store, task_ids[2], today=TODAY)
    assert [p.content for p in detail.progress] == ["已召开推进会"]
    assert [u.printed for u in detail.units if u.role == "lead"] == ["市教育局"]
    # the export is the revised plan; the removed task is kept out of it but not deleted
    assert export_plan(store, first.plan_id).to_json() == revised
    assert store.db.execute("SELECT COUNT(*) FROM tasks WHERE removed_on IS NOT NULL").fetchone()[0] == 1
    # importing the revision again: nothing more
    assert import_plan(store, Matrix.from_json(revised), today=TODAY).action == "unchanged"


def test_failed_import_leaves_nothing(store, gold_dir, monkeypatch):
    import app.ops.plans as plans_ops

    data = json.loads(_gold_files(gold_dir)[1].read_text(encoding="utf-8"))
    real = plans_ops.tasks_sql.insert_assignments

    def failing(db, rows):
        real(db, rows[: len(rows) // 2])  # half of the assignments written, then the failure
        raise RuntimeError("boom")

    monkeypatch.setattr(plans_ops.tasks_sql, "insert_assignments", failing)
    with pytest.raises(RuntimeError):
        import_plan(store, Matrix.from_json(data), today=TODAY)
    assert all(n == 0 for n in counts(store.db).values())


def test_bad_json_file_is_a_user_error(store, tmp_path):
    bad = tmp_path / "bad.json"
    bad.write_text('{"plan": {}}', encoding="utf-8")
    with pytest.raises(UserError, match="不是有效的责任矩阵"):
        import_plan(store, bad, today=TODAY)
    with pytest.raises(UserError, match="无法读取"):
        import_plan(store, tmp_path / "missing.json", today=TODAY)


def test_correcting_a_plans_jurisdiction_moves_its_units(store, gold_dir):
    from app.ops.plans import set_plan_jurisdiction
    from app.ops.due import due_assignments
    from app.ops.units import find_units

    path = _gold_files(gold_dir)[2]  # a city's plan, relative names (市…)
    plan_id = import_plan(store, path, today=TODAY).plan_id
    exported = export_plan(store, plan_id).to_json()
    city = list_plans(store)[0].jurisdiction
    assert city and find_units(store, f"{city}财政局")
    previous = set_plan_jurisdiction(store, plan_id, "某某市")
    assert previous == city
    assert len(due_assignments(store, unit="某某市财政局", today=TODAY)) > 0
    assert due_assignments(store, unit=f"{city}财政局", today=TODAY) == []
    assert export_plan(store, plan_id).to_json() == exported   # spellings as printed, unchanged
    set_plan_jurisdiction(store, plan_id, previous)
    assert export_plan(store, plan_id).to_json() == exported
