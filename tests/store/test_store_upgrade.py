"""Databases made by every past schema version open with the current code, data intact.

tests/fixtures/db/v1.sqlite3 was written by schema version 1 (tests/fixtures/db/make_v1.py). Add one fixture
per schema version from now on, and a test like this one for it.
"""
import json
import shutil
from datetime import date
from pathlib import Path

import pytest

from app.ops.due import due_assignments
from app.ops.plans import export_plan, list_plans
from app.ops.session import open_store
from app.ops.settings import get_settings
from app.ops.tasks import task_detail
from app.ops.units import list_units, resolve_unit
from app.store.connection import latest_version, list_backups

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures"


@pytest.fixture
def v1(tmp_path):
    path = tmp_path / "duban.sqlite3"
    shutil.copy(FIXTURES / "db" / "v1.sqlite3", path)
    return path


def test_v1_database_opens_with_data_intact(v1):
    with open_store(v1) as store:
        assert store.user_version == latest_version()
        plans = list_plans(store)
        assert [p.task_count for p in plans] == [24, 17, 18, 35, 32]
        for plan, gold in zip(plans, sorted((FIXTURES / "gold").glob("*.json"))):
            assert export_plan(store, plan.id).to_json() == json.loads(gold.read_text(encoding="utf-8"))
        settings = get_settings(store)
        assert settings["office_name"] == "呼和浩特市人民政府督查室" and settings["yellow_days"] == 20
        own = [u for u in list_units(store) if u.is_own]
        assert [u.name for u in own] == ["呼和浩特市市场监督管理局"]
        assert "内蒙古计量院" in own[0].spellings                  # the merge made in v1 holds
        assert resolve_unit(store, "内蒙古计量院") == own[0].id
        task = next(store.db.query("SELECT task_id FROM progress ORDER BY id"))["task_id"]
        detail = task_detail(store, task, today=date(2025, 12, 1))
        assert [p.content for p in detail.progress] == ["已制定工作方案", "完成阶段任务"]
        assert detail.percent == 60 and detail.current_due == date(2026, 6, 30)
        assert detail.extensions[0].reason == "受项目审批影响"
        via_group = [i for i in due_assignments(store, own=True, today=date(2025, 12, 1)) if i.via_group]
        assert via_group and {i.unit for i in via_group} == {"各旗县区政府"}
        assert next(store.db.query("PRAGMA integrity_check"))["integrity_check"] == "ok"
    assert list_backups(v1)  # opened for writing: a backup was taken first


def test_a_later_migration_upgrades_v1_after_a_backup(v1, tmp_path, monkeypatch):
    """The upgrade path itself, with a made-up next migration: backup first, then one transaction per step."""
    from app import paths

    folder = tmp_path / "db"
    shutil.copytree(paths.migrations_dir(), folder)
    following = latest_version() + 1
    (folder / f"{following:04d}_test_column.sql").write_text(
        "ALTER TABLE plans ADD COLUMN note TEXT;\nUPDATE plans SET note = '已升级';\n", encoding="utf-8")
    monkeypatch.setattr(paths, "migrations_dir", lambda: folder)
    with open_store(v1, backup=False) as store:
        assert store.user_version == following
        assert {r["note"] for r in store.db.query("SELECT note FROM plans")} == {"已升级"}
        assert [p.task_count for p in list_plans(store)] == [24, 17, 18, 35, 32]
    backups = list_backups(v1)
    assert len(backups) == 1  # taken although backup=False: a migration always backs up first
    with open_store(backups[0], readonly=True) as old:
        assert old.user_version == 1


def test_v1_has_no_application_id_and_is_recognised_by_its_tables(v1):
    """Version-1 files predate db/0002: recognised by their tables, then given the id by the upgrade."""
    from app.store.connection import APPLICATION_ID
    from app.ops.session import open_for_reading

    assert v1.read_bytes()[68:72] == b"\0\0\0\0"
    with open_for_reading(v1) as store:  # a read command upgrades (after a backup), then reads
        assert store.readonly and store.user_version == latest_version()
        assert [p.task_count for p in list_plans(store)] == [24, 17, 18, 35, 32]
    assert int.from_bytes(v1.read_bytes()[68:72], "big") == APPLICATION_ID
    assert len(list_backups(v1)) == 1


def test_a_v1_file_missing_a_table_is_refused_untouched(v1):
    import sqlite3

    from app.errors import StoreError

    with sqlite3.connect(v1) as conn:
        conn.execute("DROP TABLE notice_sequences")
    conn.close()
    before = v1.read_bytes()
    with pytest.raises(StoreError, match="缺少数据表 notice_sequences"):
        open_store(v1)
    assert v1.read_bytes() == before and sorted(p.name for p in v1.parent.iterdir()) == [v1.name]


def test_v1_extensions_gain_an_empty_approval_basis(v1):
    """db/0004 adds deadline_changes.basis: the old extension keeps its dates and reason, and new ones store a basis."""
    from app.ops.progress import record_extension

    with open_store(v1, backup=False) as store:
        [old] = list(store.db.query("SELECT * FROM deadline_changes"))
        assert (old["reason"], old["new_due"], old["basis"]) == ("受项目审批影响", "2026-06-30", "")
        ext = record_extension(store, old["task_id"], new_due=date(2026, 12, 31), reason="再次延期",
                               basis="呼政办函〔2026〕3号", recorded_on=date(2026, 6, 1))
        detail = task_detail(store, old["task_id"], today=date(2026, 7, 1))
        assert [e.basis for e in detail.extensions] == ["", "呼政办函〔2026〕3号"]
        assert (detail.current_due, detail.judged_due, ext.original_due) == (date(2026, 12, 31), date(2026, 12, 31),
                                                                            detail.original_due)
