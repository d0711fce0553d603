"""Opening the database: schema, version guard, integrity check, backups, migrations, environment errors."""
import shutil
import sqlite3

import pytest

from app.errors import StoreError
from app.paths import migrations_dir
from app.store.connection import Store, latest_version, list_backups, restore_backup, translate_error


@pytest.fixture
def db_path(tmp_path):
    return tmp_path / "duban.sqlite3"


def _make(db_path):
    with Store.open(db_path) as store:
        store.db.execute("INSERT INTO settings (key, value) VALUES ('office_name', '\"测试\"')")


def test_new_database_has_schema_wal_and_foreign_keys(db_path):
    with Store.open(db_path) as store:
        assert store.user_version == latest_version() >= 1
        assert store.db.journal_mode == "wal"
        assert next(store.db.query("PRAGMA foreign_keys"))["foreign_keys"] == 1
        for table in ("plans", "tasks", "tasks_fts", "units", "unit_aliases", "assignments", "progress",
                      "deadline_changes", "notices", "notice_tasks", "notice_sequences", "holidays", "settings",
                      "unit_groups", "audit_log"):
            assert store.db[table].exists(), table
        with pytest.raises(sqlite3.IntegrityError):  # foreign keys really enforced
            store.db.execute("INSERT INTO tasks (plan_id, position, ref, ref_label, title, created_at, updated_at)"
                             " VALUES (999, 0, '[]', '', 'x', '', '')")


def test_newer_database_is_refused_and_left_untouched(db_path):
    _make(db_path)
    conn = sqlite3.connect(db_path)
    conn.execute(f"PRAGMA user_version = {latest_version() + 1}")
    conn.execute("PRAGMA journal_mode = DELETE")
    conn.close()
    before = db_path.read_bytes()
    backups_before = list_backups(db_path)
    with pytest.raises(StoreError, match="更新版本"):
        Store.open(db_path)
    assert db_path.read_bytes() == before
    assert list_backups(db_path) == backups_before


def test_not_a_database(db_path):
    db_path.write_text("这不是数据库", encoding="utf-8")
    with pytest.raises(StoreError, match="不是督办台数据库"):
        Store.open(db_path)


def test_corrupt_database_names_latest_good_backup(db_path):
    _make(db_path)
    with Store.open(db_path) as store:  # opening for writing leaves a rotating backup
        store.db.execute("INSERT INTO holidays (day, name) SELECT '2030-01-' || value, 'x' FROM json_each('[1,2,3]')")
    good = list_backups(db_path)[0]
    data = bytearray(db_path.read_bytes())
    page = 4096
    data[page * 2: page * 2 + 200] = b"\xff" * 200  # scribble over a b-tree page
    db_path.write_bytes(bytes(data))
    for readonly in (False, True):  # integrity_check when writing, quick_check when only reading
        with pytest.raises(StoreError) as info:
            Store.open(db_path, readonly=readonly)
        assert "损坏" in info.value.message and str(good) in info.value.message


def test_busy_use_keeps_every_backup_of_the_last_hour(db_path):
    """Thirteen changed sessions in a few seconds: every state is kept (the rule by age: test_store_retention.py)."""
    _make(db_path)
    for day in range(13):
        with Store.open(db_path) as store:  # each session changes something
            store.db.execute("INSERT INTO holidays (day, name) VALUES (?, 'x')", [f"2030-01-{day + 1:02d}"])
    backups = list_backups(db_path)
    assert len(backups) == 13
    with sqlite3.connect(backups[0]) as conn:  # the newest backup holds the state at the last opening
        assert conn.execute("SELECT value FROM settings WHERE key='office_name'").fetchone()[0] == '"测试"'
        assert conn.execute("SELECT count(*) FROM holidays").fetchone()[0] == 12
    with sqlite3.connect(backups[-1]) as conn:  # the oldest one, the state before the first session's change
        assert conn.execute("SELECT count(*) FROM holidays").fetchone()[0] == 0


def test_opening_an_unchanged_database_keeps_the_older_backups(db_path):
    _make(db_path)
    with Store.open(db_path) as store:
        store.db.execute("INSERT INTO holidays (day, name) VALUES ('2030-01-01', 'x')")
    Store.open(db_path).close()  # the change is backed up at this opening
    before = list_backups(db_path)
    assert len(before) == 2  # the opening before the first change, and the one after it
    for _ in range(12):  # a dozen openings without a change add nothing and rotate nothing away
        Store.open(db_path).close()
    assert list_backups(db_path) == before
    with Store.open(db_path) as store:  # the next change is backed up at the next opening
        store.db.execute("INSERT INTO holidays (day, name) VALUES ('2030-01-02', 'x')")
    Store.open(db_path).close()
    after = list_backups(db_path)
    assert len(after) == len(before) + 1
    with sqlite3.connect(after[0]) as conn:
        assert conn.execute("SELECT count(*) FROM holidays").fetchone()[0] == 2


def test_a_replaced_file_is_backed_up_again(db_path):
    _make(db_path)
    Store.open(db_path).close()
    count = len(list_backups(db_path))
    with sqlite3.connect(db_path) as conn:  # another program (or a restore) writes the file
        conn.execute("INSERT INTO holidays (day, name) VALUES ('2031-01-01', 'y')")
    conn.close()
    Store.open(db_path).close()
    assert len(list_backups(db_path)) == count + 1


def test_restore_brings_back_the_backup_and_saves_the_current_one(db_path, tmp_path):
    _make(db_path)
    with Store.open(db_path, backup=False) as store:
        saved = store.backup_to(tmp_path / "manual.sqlite3")
        store.db.execute("DELETE FROM settings")
    replaced = restore_backup(saved, db_path)
    with Store.open(db_path, backup=False) as store:
        assert store.db["settings"].count == 1
    with sqlite3.connect(replaced) as conn:  # the state before restoring was kept
        assert conn.execute("SELECT COUNT(*) FROM settings").fetchone()[0] == 0


def test_a_damaged_database_can_be_restored_as_its_message_says(db_path):
    _make(db_path)
    Store.open(db_path).close()
    data = bytearray(db_path.read_bytes())
    data[4096 * 2: 4096 * 2 + 200] = b"\xff" * 200
    db_path.write_bytes(bytes(data))
    with pytest.raises(StoreError, match="restore") as info:
        Store.open(db_path)
    good = list_backups(db_path)[0]
    assert str(good) in info.value.message
    saved = restore_backup(good, db_path)
    assert saved.read_bytes() == bytes(data)  # the damaged file is kept as it was
    with Store.open(db_path) as store:
        assert store.db["settings"].count == 1
    assert saved not in list_backups(db_path)  # never offered as a good backup, never rotated away


def test_failed_migration_changes_nothing(db_path, tmp_path):
    folder = tmp_path / "migrations"
    folder.mkdir()
    for path in sorted(migrations_dir().glob("0*.sql")):
        shutil.copy(path, folder / path.name)
    bad = latest_version() + 1
    (folder / f"{bad:04d}_bad.sql").write_text(
        "CREATE TABLE half_done (x INTEGER);\nINSERT INTO half_done VALUES (1);\nTHIS IS NOT SQL;\n", encoding="utf-8")
    with Store.open(db_path, backup=False) as store:
        with pytest.raises(sqlite3.OperationalError):
            store.migrate(folder)
        assert store.user_version == latest_version()
        assert not store.db["half_done"].exists()


def test_readonly_store_refuses_writes(db_path):
    _make(db_path)
    with Store.open(db_path, readonly=True) as store:
        assert store.db["settings"].count == 1
        with pytest.raises(StoreError, match="只读"):
            with store.transaction():
                pass


def test_locked_database_gives_a_clear_message(db_path):
    _make(db_path)
    other = sqlite3.connect(db_path, isolation_level=None)
    other.execute("BEGIN IMMEDIATE")
    try:
        with Store.open(db_path, backup=False, timeout=0.1) as store:
            with pytest.raises(StoreError, match="正被另一个程序"):
                with store.transaction() as db:
                    db.execute("INSERT INTO holidays (day) VALUES ('2030-01-01')")
    finally:
        other.execute("ROLLBACK")
        other.close()


@pytest.mark.parametrize("text,expected", [
    ("database is locked", "正被另一个程序"),
    ("attempt to write a readonly database", "只读"),
    ("database or disk is full", "磁盘已满"),
    ("file is not a database", "不是督办台数据库"),
])
def test_environment_errors_are_translated(text, expected):
    assert expected in translate_error(sqlite3.OperationalError(text), "x.sqlite3").message


def test_a_bug_is_not_disguised_as_a_user_error(db_path):
    with Store.open(db_path, backup=False) as store:
        with pytest.raises(sqlite3.OperationalError, match="no such column"):
            with store.transaction() as db:
                db.execute("UPDATE plans SET no_such_column = 1")
