"""Which files the program opens, and what it leaves on disk: foreign files untouched, empty files never "missing",
read-only opens leave nothing beside the file, a missing table is one Chinese line, a full disk is a full disk.

Real SQLite files, real commands: `main()` in-process for the matrix of commands, a subprocess where the point is
what a separate run leaves behind. The disk-full and read-only-media cases mount a small tmpfs or a read-only bind
mount (root only; skipped where the machine does not allow it).
"""
import contextlib
import io
import os
import shutil
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest

from app.__main__ import main
from app.errors import StoreError
from app.store.connection import APPLICATION_ID, Store, expected_tables, latest_version, translate_error

ROOT = Path(__file__).resolve().parents[2]
SEEDS = sorted((ROOT / "tests" / "fixtures" / "seeds").glob("*.txt"))

READ_COMMANDS = (["plans"], ["units"], ["due"], ["export", "--plan", "1"], ["register"], ["holidays"])
WRITE_COMMANDS = (["notices", "--within", "30", "--out", "{out}"], ["bulletin", "--plan", "1", "--out", "{out}/b.pdf"],
                  ["notice", "--unit", "市财政局", "--out", "{out}/n.pdf"], ["backup"])


def _snapshot(folder: Path) -> dict:
    """Every entry under `folder`: its bytes (files) and modification time."""
    return {p.relative_to(folder).as_posix(): (p.read_bytes() if p.is_file() else None, p.stat().st_mtime_ns)
            for p in sorted(folder.rglob("*"))}


def _argv(argv, out: Path) -> list:
    return [a.format(out=out) if isinstance(a, str) else a for a in argv]


def _run(capsys, *argv) -> tuple[int, str, str]:
    status = main([str(a) for a in argv])
    out, err = capsys.readouterr()
    return status, out, err


def _cli(*argv, cwd: Path = ROOT) -> subprocess.CompletedProcess:
    env = {**os.environ, "LANG": "C.UTF-8", "PYTHONPATH": str(ROOT)}
    return subprocess.run([sys.executable, "-m", "app", *map(str, argv)], cwd=cwd, env=env, capture_output=True,
                          text=True, timeout=120)


def _one_chinese_line(err: str) -> bool:
    return err.count("\n") == 1 and err.startswith("错误：") and "Traceback" not in err


def _own_db(folder: Path) -> Path:
    path = folder / "duban.sqlite3"
    with contextlib.redirect_stdout(io.StringIO()):
        assert main(["import", str(SEEDS[0]), "--db", str(path), "--today", "2025-12-01"]) == 0
    return path


@pytest.fixture(scope="module")
def own_db(tmp_path_factory) -> Path:
    return _own_db(tmp_path_factory.mktemp("own"))


def _foreign(path: Path, *, wal: bool, tables: str = "CREATE TABLE foo (x); INSERT INTO foo VALUES (1);") -> Path:
    conn = sqlite3.connect(path)
    if wal:
        conn.execute("PRAGMA journal_mode = WAL")
    conn.executescript(tables)
    conn.close()
    return path


# -- point 2: recognising 督办台's own files ---------------------------------------------------------------------
def test_a_new_database_carries_the_application_id_and_every_table(tmp_path):
    path = tmp_path / "new.sqlite3"
    Store.open(path).close()
    with open(path, "rb") as fh:
        assert int.from_bytes(fh.read(100)[68:72], "big") == APPLICATION_ID
    with sqlite3.connect(path) as conn:
        tables = {r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE type = 'table'")}
    conn.close()
    assert expected_tables(latest_version()) == tables
    assert {"plans", "tasks", "notices", "holidays", "audit_log"} <= tables
    assert expected_tables(2) == expected_tables(1)  # db/0002 adds the application id, no table
    assert expected_tables(3) - expected_tables(2) == {"database_identity"}  # db/0003
    assert tables - expected_tables(4) == {"feedback_rounds", "feedback_replies", "feedback_rows"}  # db/0005


@pytest.mark.parametrize("kind", ["wal", "rollback", "plans-table", "other-app-id"])
def test_a_foreign_sqlite_file_is_refused_by_every_command_without_a_byte_written(tmp_path, capsys, kind):
    folder = tmp_path / "theirs"
    folder.mkdir()
    tables = {"plans-table": "CREATE TABLE plans (id INTEGER PRIMARY KEY, title TEXT); INSERT INTO plans VALUES (1, 'x');",
              "other-app-id": "PRAGMA application_id = 1234; PRAGMA user_version = 1; CREATE TABLE plans (id);"}
    db = _foreign(folder / "other_app.sqlite", wal=kind == "wal", **({"tables": tables[kind]} if kind in tables else {}))
    before = _snapshot(folder)
    out = tmp_path / "out"
    for argv in (*READ_COMMANDS, *WRITE_COMMANDS, ["import", SEEDS[0]]):
        status, _, err = _run(capsys, *_argv(argv, out), "--db", db)
        assert status == 2 and _one_chinese_line(err) and "不是督办台数据库" in err, (argv, err)
        assert _snapshot(folder) == before, argv  # same bytes, same times, nothing beside it (no backups/, -wal)
    assert not out.exists()


def test_a_foreign_file_is_untouched_by_a_separate_run(tmp_path):
    """The reported case, as run: `plans --db other_app.sqlite` used to switch it to WAL, add 20 tables, back it up."""
    db = _foreign(tmp_path / "other_app.sqlite", wal=False)
    before = _snapshot(tmp_path)
    result = _cli("plans", "--db", db)
    assert result.returncode == 2 and _one_chinese_line(result.stderr) and "不是督办台数据库" in result.stderr
    assert _snapshot(tmp_path) == before


def test_a_file_that_is_not_sqlite_is_refused_untouched(tmp_path, capsys):
    for content in (b"\x00" * 5000, "这不是数据库".encode(), b"SQLite format 3\x00short"):
        path = tmp_path / "x.sqlite3"
        path.write_bytes(content)
        before = _snapshot(tmp_path)
        for argv in (["plans"], ["import", SEEDS[0]]):
            status, _, err = _run(capsys, *argv, "--db", path)
            assert status == 2 and _one_chinese_line(err) and "不是督办台数据库" in err
            assert _snapshot(tmp_path) == before


def test_a_zero_byte_file_is_empty_for_readers_and_becomes_a_database_only_on_import(tmp_path, capsys):
    path = tmp_path / "zero.sqlite3"
    path.touch()
    out = tmp_path / "out"
    for argv in (*READ_COMMANDS, *WRITE_COMMANDS):
        before = _snapshot(tmp_path)
        status, _, err = _run(capsys, *_argv(argv, out), "--db", path)
        assert status == 2 and _one_chinese_line(err), (argv, err)
        assert "是空的" in err and "不存在" not in err, (argv, err)
        assert _snapshot(tmp_path) == before, argv
    status, out_text, _ = _run(capsys, "import", SEEDS[0], "--db", path)
    assert status == 0 and path.stat().st_size > 0
    status, out_text, _ = _run(capsys, "plans", "--db", path)
    assert status == 0 and "任务 24 项" in out_text


def test_an_empty_sqlite_file_becomes_a_database_on_import(tmp_path, capsys):
    path = tmp_path / "empty.sqlite3"
    sqlite3.connect(path).execute("VACUUM").connection.close()  # a valid SQLite file with nothing in it
    assert path.stat().st_size > 0
    status, _, err = _run(capsys, "plans", "--db", path)
    assert status == 2 and "是空的" in err
    assert _run(capsys, "import", SEEDS[0], "--db", path)[0] == 0


def test_import_never_creates_folders(tmp_path, capsys):
    target = tmp_path / "no" / "such" / "folder" / "duban.sqlite3"
    result = _cli("import", SEEDS[0], "--db", target)
    assert result.returncode == 2 and _one_chinese_line(result.stderr) and "不存在" in result.stderr
    assert not (tmp_path / "no").exists()
    status, _, err = _run(capsys, "plans", "--db", target)  # a reader just finds no database there
    assert status == 2 and f"数据库“{target}”不存在" in err
    inside_a_file = tmp_path / "a-file"
    inside_a_file.write_text("x")
    status, _, err = _run(capsys, "import", SEEDS[0], "--db", inside_a_file / "duban.sqlite3")
    assert status == 2 and "是文件，不是文件夹" in err and inside_a_file.read_text() == "x"


# -- point 2: read-only commands open read-only ---------------------------------------------------------------
@pytest.mark.parametrize("journal", ["wal", "delete"])
def test_read_commands_change_nothing_and_leave_nothing_beside_the_file(tmp_path, capsys, journal):
    db = _own_db(tmp_path)
    shutil.rmtree(tmp_path / "backups", ignore_errors=True)
    if journal == "delete":
        sqlite3.connect(db).execute("PRAGMA journal_mode = DELETE").connection.close()
    before = _snapshot(tmp_path)
    assert set(before) == {"duban.sqlite3"}
    for argv in READ_COMMANDS:
        status, _, err = _run(capsys, *argv, "--db", db)
        assert status == 0, (argv, err)
        assert _snapshot(tmp_path) == before, argv  # no WAL switch, no backup, no -wal/-shm, not even a new mtime


def test_a_read_only_store_reads_through_the_log_of_an_open_session(own_db):
    """Another program (the window) has the database open with changes in its -wal: a reader sees them."""
    writer = Store.open(own_db, backup=False)
    try:
        writer.db.execute("PRAGMA wal_autocheckpoint = 0")
        with writer.transaction() as db:
            db.execute("INSERT INTO holidays (day, name) VALUES ('2031-01-01', '测试')")
        with Store.open(own_db, readonly=True) as reader:
            assert reader.open_mode == "query-only"
            assert reader.db.execute("SELECT name FROM holidays WHERE day = '2031-01-01'").fetchone() == ("测试",)
            with pytest.raises(sqlite3.OperationalError):  # query_only: this connection cannot write
                reader.db.conn.execute("DELETE FROM holidays")
        with writer.transaction() as db:
            db.execute("DELETE FROM holidays WHERE day = '2031-01-01'")
    finally:
        writer.close()


# -- point 5: a missing table is one Chinese line --------------------------------------------------------------
@pytest.mark.parametrize("table,commands", [
    ("notices", (*READ_COMMANDS, *WRITE_COMMANDS, ["import", SEEDS[1]])),
    ("holidays", (["due"], ["notices", "--within", "30", "--out", "{out}"])),
    ("assignments", (["units"], ["import", SEEDS[1]])),
])
def test_a_missing_table_is_one_chinese_line_for_every_command(tmp_path, capsys, table, commands):
    db = _own_db(tmp_path)
    with sqlite3.connect(db) as conn:
        conn.execute(f"DROP TABLE {table}")
    conn.close()
    before = _snapshot(tmp_path)
    out = tmp_path / "out"
    for argv in commands:
        status, _, err = _run(capsys, *_argv(argv, out), "--db", db)
        assert status == 2 and _one_chinese_line(err), (argv, err)
        assert f"缺少数据表 {table}" in err, (argv, err)
        assert _snapshot(tmp_path) == before, argv
    if table == "notices":  # as reported: `register` in its own process ended in a traceback
        result = _cli("register", "--db", db)
        assert result.returncode == 2 and _one_chinese_line(result.stderr) and "缺少数据表" in result.stderr


# -- point 8: full disk, read-only media, restore ---------------------------------------------------------------
@contextlib.contextmanager
def _mount(target: Path, *args: str):
    target.mkdir(exist_ok=True)
    if os.geteuid() != 0 or not shutil.which("mount"):
        pytest.skip("mounting needs root")
    done = subprocess.run(["mount", *args, str(target)], capture_output=True)
    if done.returncode:
        pytest.skip(f"mount not permitted here: {done.stderr!r}")
    try:
        yield target
    finally:
        subprocess.run(["umount", "-l", str(target)], capture_output=True)


def _fill(folder: Path) -> None:
    with open(folder / "filler", "wb", buffering=0) as fh:
        for size in (65536, 512):  # then the last partial block
            with contextlib.suppress(OSError):
                while True:
                    fh.write(b"\0" * size)


def test_a_full_disk_at_open_is_reported_as_a_full_disk(tmp_path):
    with _mount(tmp_path / "small", "-t", "tmpfs", "-o", "size=2m", "tmpfs") as disk:
        db = _own_db(disk)
        shutil.rmtree(disk / "backups", ignore_errors=True)
        _fill(disk)
        before = _snapshot(disk)
        for argv, target in ((["import", SEEDS[1]], db), (["import", SEEDS[1]], disk / "new.sqlite3")):
            result = _cli(*argv, "--db", target)
            assert result.returncode == 2 and _one_chinese_line(result.stderr), result.stderr
            assert "磁盘已满" in result.stderr and "U 盘" not in result.stderr
            assert set(_snapshot(disk)) == set(before)  # no -wal, -shm or half-made database left
        result = _cli("plans", "--db", db)  # reading needs no space: it falls back to an immutable read
        assert result.returncode == 0 and "任务 24 项" in result.stdout
        assert set(_snapshot(disk)) == set(before)


def test_a_full_disk_met_as_an_io_error_is_named_by_the_free_space(tmp_path, monkeypatch):
    """Fault injection for machines without a tmpfs: SQLite's I/O error on the -shm of a full disk."""
    import app.store.connection as connection

    error = sqlite3.OperationalError("disk I/O error")
    error.sqlite_errorname = "SQLITE_IOERR_SHMSIZE"
    monkeypatch.setattr(connection.shutil, "disk_usage", lambda _: shutil._ntuple_diskusage(10**9, 10**9, 0))
    assert "磁盘已满" in translate_error(error, tmp_path / "x.sqlite3").message
    monkeypatch.setattr(connection.shutil, "disk_usage", lambda _: shutil._ntuple_diskusage(10**9, 0, 10**9))
    assert "U 盘" in translate_error(error, tmp_path / "x.sqlite3").message


def test_a_wal_database_on_read_only_media_can_be_read(tmp_path):
    source = tmp_path / "stick"
    source.mkdir()
    db = _own_db(source)
    shutil.rmtree(source / "backups", ignore_errors=True)
    writer = Store.open(tmp_path / "open.sqlite3", backup=False)  # a session still open: its changes in the -wal
    writer.db.execute("PRAGMA wal_autocheckpoint = 0")
    with writer.transaction() as tx:
        tx.execute("INSERT INTO holidays (day, name) VALUES ('2031-01-01', 'x')")
    shutil.copy(tmp_path / "open.sqlite3", source / "logged.sqlite3")
    shutil.copy(tmp_path / "open.sqlite3-wal", source / "logged.sqlite3-wal")  # copied without its -shm
    writer.close()
    with _mount(tmp_path / "ro", "--bind", str(source)) as view:
        if subprocess.run(["mount", "-o", "remount,bind,ro", str(view)], capture_output=True).returncode:
            pytest.skip("read-only remount not permitted")
        ro_db = view / db.name
        assert ro_db.read_bytes()[18:20] == b"\x02\x02"  # a WAL database
        result = _cli("plans", "--db", ro_db)
        assert result.returncode == 0 and "任务 24 项" in result.stdout, result.stderr
        with Store.open(ro_db, readonly=True) as store:
            assert store.open_mode == "immutable"
        result = _cli("import", SEEDS[1], "--db", ro_db)
        assert result.returncode == 2 and _one_chinese_line(result.stderr) and "只读" in result.stderr
        with pytest.raises(StoreError, match="-wal"):  # its log cannot be read there: not shown as an older state
            Store.open(view / "logged.sqlite3", readonly=True)
    assert {p.name for p in source.iterdir()} == {db.name, "logged.sqlite3", "logged.sqlite3-wal"}


def test_where_nothing_can_be_created_the_reader_falls_back_to_an_immutable_read(own_db, monkeypatch):
    """The open path without a mount: the ordinary and the mode=ro connections fail as on read-only media."""
    import app.store.connection as connection

    real = sqlite3.connect
    tried = []

    class FailsOnFirstRead:  # what a connection on read-only media does: it opens, then cannot make its -shm
        def __init__(self, conn):
            self.conn = conn

        def execute(self, sql, *args):
            if sql.startswith("SELECT count(*) FROM sqlite_master"):
                raise sqlite3.OperationalError("unable to open database file")
            return self.conn.execute(sql, *args)

        def close(self):
            self.conn.close()

    def connect(target, *args, **kwargs):
        conn = real(target, *args, **kwargs)
        if str(target) == ":memory:":  # the schema the migrations make
            return conn
        tried.append(str(target))
        return conn if "immutable=1" in str(target) else FailsOnFirstRead(conn)

    before = set(os.listdir(own_db.parent))
    monkeypatch.setattr(connection.sqlite3, "connect", connect)
    with Store.open(own_db, readonly=True) as store:
        monkeypatch.setattr(connection.sqlite3, "connect", real)
        assert store.open_mode == "immutable"
        assert store.db.execute("SELECT count(*) FROM tasks").fetchone()[0] == 24
    assert [t.split("?")[-1] for t in tried[1:]] == [str(own_db), "mode=ro", "mode=ro&immutable=1"]
    assert set(os.listdir(own_db.parent)) == before


def test_restore_leaves_nothing_beside_the_backup_it_read(tmp_path, capsys):
    db = _own_db(tmp_path)
    keep = tmp_path / "keep"
    keep.mkdir()
    backup = keep / "copy.sqlite3"
    assert _run(capsys, "backup", "--out", backup, "--db", db)[0] == 0
    assert backup.read_bytes()[18:20] == b"\x01\x01"  # a self-contained copy: rollback journal, no WAL
    assert _run(capsys, "import", SEEDS[1], "--db", db)[0] == 0
    before = _snapshot(keep)
    result = _cli("restore", backup, "--db", db)
    assert result.returncode == 0, result.stderr
    assert _snapshot(keep) == before  # neither -wal nor -shm beside the backup, the backup unchanged
    status, out, _ = _run(capsys, "plans", "--db", db)
    assert status == 0 and "任务 24 项" in out and "任务 17 项" not in out
    backups = sorted((tmp_path / "backups").glob("*.sqlite3"))
    assert backups and all(not Path(f"{b}-wal").exists() and not Path(f"{b}-shm").exists() for b in backups)
