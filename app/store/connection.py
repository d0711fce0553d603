"""Opening the database safely: recognising the file, version guard, schema and integrity checks, backups.

`Store.open(path)` is the only way in. Order matters so that a file we must refuse is never altered: before any
connection that could write, the file is recognised from its header and a read that cannot write
(`immutable=1`): 督办台's own (PRAGMA application_id, set by db/0002, or a version-1 file holding every table of
its version), empty (0 bytes, or a SQLite file with nothing in it: becomes a database only when `create`), or
anything else (refused untouched: no WAL switch, no user_version, no backup, nothing beside it). Then
`PRAGMA user_version` (newer: refused), the tables every migration up to that version creates (one missing:
refused), and `PRAGMA integrity_check` before anything writes (WAL mode, backup, migrations). A read-only open
(the command line's queries) runs `PRAGMA quick_check` instead: it finds the same damaged pages without
cross-checking every index entry, about six times faster (0.7 s against 4.7 s on the 160 MB benchmark database),
and such an open cannot make anything worse. It never switches the journal mode or takes a backup, and leaves
nothing beside the file (see `_connect_for_reading`). Writers start their transactions with BEGIN IMMEDIATE,
so a second writer waits for the first (up to `BUSY_TIMEOUT`) instead of failing when its read turns into a
write. Environment problems (locked, read-only, not a database, disk full, from a newer version, corrupt)
become `StoreError` with a Chinese message; anything else is a bug and propagates.
"""
from __future__ import annotations

import contextlib
import errno
import functools
import logging
import os
import re
import shutil
import sqlite3
from datetime import datetime
from pathlib import Path
from typing import Callable, Iterator

import sqlite_utils

from app import paths
from app.errors import StoreError, os_error_text
from app.store.retention import backups_to_keep
from app.store.task_queries import register_functions

log = logging.getLogger(__name__)

APPLICATION_ID = 0x44554241  # "DUBA": written by db/0002_application_id.sql into every 督办台 database
BUSY_TIMEOUT = 5.0  # seconds a writer waits for another program's transaction before reporting it busy
BACKUP_SUFFIX = ".sqlite3"
BACKUP_STAMP = "%Y%m%d-%H%M%S-%f"
_MIGRATION_NAME = re.compile(r"^(\d{4})_.+\.sql$")
_SQLITE_HEADER = b"SQLite format 3\x00"
_HEADER_SIZE = 100
_LOW_SPACE = 1 << 20  # bytes: below this much free space an I/O error is taken for a full disk

def migration_files(folder: Path | None = None) -> list[tuple[int, Path]]:
    """The numbered migrations, in order: [(1, db/0001_initial.sql), …]."""
    folder = folder or paths.migrations_dir()
    found = []
    for path in folder.glob("*.sql"):
        match = _MIGRATION_NAME.match(path.name)
        if match:
            found.append((int(match.group(1)), path))
    found.sort()
    return found


def latest_version(folder: Path | None = None) -> int:
    files = migration_files(folder)
    return files[-1][0] if files else 0


_ENVIRONMENT_WORDS = ("locked", "busy", "readonly", "read-only", "full", "not a database", "malformed", "encrypted",
                      "unable to open", "disk i/o")


def is_environment_error(exc: sqlite3.Error) -> bool:
    """Locked, read-only, full, corrupt…: the user's machine, not a bug in the program."""
    text = str(exc).lower()
    return any(word in text for word in _ENVIRONMENT_WORDS)


def _disk_is_full(path: Path | str) -> bool:
    """Whether the disk holding `path` (or its nearest existing folder) has next to no space left."""
    folder = Path(path).parent
    while not folder.exists() and folder != folder.parent:
        folder = folder.parent
    try:
        return shutil.disk_usage(folder).free < _LOW_SPACE
    except OSError:
        return False


def _on_read_only_media(path: Path | str) -> bool:
    folder = Path(path).parent
    try:
        return bool(os.statvfs(folder).f_flag & os.ST_RDONLY)
    except (OSError, AttributeError):  # Windows has no statvfs
        return False


def _full_disk_message(path: Path | str) -> str:
    return f"磁盘已满，无法使用数据库“{path}”：请腾出空间后重试（本次修改未保存）。"


def translate_error(exc: sqlite3.Error, path: Path | str) -> StoreError:
    """An environment error from SQLite as a message a user can act on.

    SQLite reports a full disk as SQLITE_FULL only when the database file itself cannot grow; a full disk met while
    creating the -shm index or the -wal file comes back as a disk I/O error, which is then told apart from a
    failing (or removed) disk by the free space left."""
    text = str(exc).lower()
    name = getattr(exc, "sqlite_errorname", "") or ""
    if "locked" in text or "busy" in text:
        msg = f"数据库“{path}”正被另一个程序（或另一个督办台窗口）使用，请关闭后重试。"
    elif "readonly" in text or "read-only" in text or ("unable to open" in text and _on_read_only_media(path)):
        msg = f"数据库“{path}”是只读的，无法写入：请检查文件权限或所在磁盘。"
    elif name == "SQLITE_FULL" or "full" in text or (
            (name.startswith("SQLITE_IOERR") or "disk i/o" in text) and _disk_is_full(path)):
        msg = _full_disk_message(path)
    elif "not a database" in text or "malformed" in text or "encrypted" in text:
        msg = f"文件“{path}”不是督办台数据库，或已损坏。"
    elif "disk i/o" in text:
        msg = f"读写数据库“{path}”时磁盘出错：请检查磁盘或 U 盘是否已拔出。"
    elif "unable to open" in text:
        msg = f"无法打开数据库“{path}”：请检查路径和权限。"
    else:
        msg = f"数据库“{path}”出错：{exc}"
    err = StoreError(msg, detail=str(exc))
    err.__cause__ = exc
    return err


def _backup_pattern(db_path: Path) -> re.Pattern[str]:
    return re.compile(rf"^{re.escape(db_path.stem)}-(\d{{8}}-\d{{6}}-\d{{6}}){re.escape(BACKUP_SUFFIX)}$")


def _dated_backups(db_path: Path | str) -> list[tuple[datetime, Path]]:
    """This database's automatic backups with the time in their names, newest first.

    Only names of exactly this database's pattern: the backups of "duban-2.sqlite3" sitting in the same folder
    are not those of "duban.sqlite3"."""
    db_path = Path(db_path)
    folder = paths.backup_dir(db_path, create=False)
    pattern = _backup_pattern(db_path)
    found = []
    with contextlib.suppress(OSError):
        for candidate in folder.iterdir():
            match = pattern.match(candidate.name)
            if match:
                with contextlib.suppress(ValueError):
                    found.append((datetime.strptime(match.group(1), BACKUP_STAMP), candidate))
    return sorted(found, reverse=True)


def list_backups(db_path: Path | str) -> list[Path]:
    """Backups of this database, newest first."""
    return [path for _, path in _dated_backups(db_path)]


def _static_reader_uri(path: Path) -> str:
    """A URI that reads a file that nobody writes (a backup, a file being recognised) without leaving anything.

    `immutable=1`: no locks, no -shm, no -wal created, nothing written. Only when a -wal file with content lies
    beside it (a session that did not close cleanly) is it read through that log (`mode=ro`)."""
    uri = path.resolve().as_uri()
    return f"{uri}?mode=ro" if _has_log(path) else f"{uri}?mode=ro&immutable=1"


def _passes_integrity_check(path: Path) -> bool:
    try:
        conn = sqlite3.connect(_static_reader_uri(path), uri=True)
        try:
            return bool(conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok")
        finally:
            conn.close()
    except sqlite3.Error:
        return False


def latest_good_backup(db_path: Path | str) -> Path | None:
    for candidate in list_backups(db_path):
        if _passes_integrity_check(candidate):
            return candidate
    return None


# -- recognising a file ---------------------------------------------------------------------------------------
def _sidecar(path: Path, suffix: str) -> Path:
    return path.with_name(path.name + suffix)


def _sidecars(path: Path) -> set[Path]:
    """The -wal and -shm files beside `path` that exist now."""
    return {p for p in (_sidecar(path, "-wal"), _sidecar(path, "-shm")) if p.exists()}


def _remove_unused_sidecars(path: Path, existed_before: set[Path]) -> None:
    """After an open that failed: remove an empty -wal and its -shm that the attempt created, unless in use.

    SQLite removes them itself when the last connection closes, but not after a failure (a full disk, read-only
    media). Only files that did not exist before the attempt, only an empty log, and only when no other process
    holds the index (SQLite keeps a shared lock on its byte 128 while a connection uses it; on Windows a file in use
    cannot be deleted at all)."""
    wal, shm = _sidecar(path, "-wal"), _sidecar(path, "-shm")
    created = _sidecars(path) - existed_before
    if not created:
        return
    try:
        if wal.exists() and wal.stat().st_size:
            return
    except OSError:
        return
    if shm in created and not _shm_in_use(shm):
        with contextlib.suppress(OSError):
            shm.unlink()
    if wal in created and not shm.exists():
        with contextlib.suppress(OSError):
            wal.unlink()


def _shm_in_use(shm: Path) -> bool:
    try:
        import fcntl
    except ImportError:  # Windows: an index in use cannot be deleted, so trying is safe
        return False
    try:
        fd = os.open(shm, os.O_RDWR)
    except OSError:
        return True
    try:
        fcntl.lockf(fd, fcntl.LOCK_EX | fcntl.LOCK_NB, 1, 128)
        return False
    except OSError:
        return True
    finally:
        os.close(fd)  # releases the lock


@functools.lru_cache(maxsize=None)
def _tables_of_version(folder: Path, version: int) -> frozenset[str]:
    conn = sqlite3.connect(":memory:")
    try:
        for number, sql_path in migration_files(folder):
            if number <= version:
                conn.executescript(sql_path.read_text(encoding="utf-8"))
        return frozenset(r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE type = 'table'"))
    finally:
        conn.close()


def expected_tables(version: int, folder: Path | None = None) -> frozenset[str]:
    """Every table a database of schema `version` holds: what the migrations up to it create."""
    return _tables_of_version((folder or paths.migrations_dir()).resolve(), version)


class _FileKind:
    MISSING, EMPTY, OURS = "missing", "empty", "ours"


def _recognise(path: Path) -> tuple[str, int]:
    """("missing" | "empty" | "ours", schema version), reading the file without writing anything beside it.

    A file that is not 督办台's raises StoreError (not SQLite, another program's database, one of ours from a
    newer version, or one of ours with a table missing)."""
    try:
        if path.is_dir():
            raise StoreError(f"“{path}”是一个文件夹，不是数据库文件。")
        if not path.exists():
            return _FileKind.MISSING, 0
        with open(path, "rb") as fh:
            head = fh.read(_HEADER_SIZE)
    except OSError as exc:
        raise StoreError(f"无法读取数据库“{path}”：{os_error_text(exc)}。", detail=str(exc)) from exc
    if not head:
        return _FileKind.EMPTY, 0
    if len(head) < _HEADER_SIZE or not head.startswith(_SQLITE_HEADER):
        raise StoreError(f"文件“{path}”不是督办台数据库（不是 SQLite 文件），本程序不会改动它。")
    header_id = int.from_bytes(head[68:72], "big")
    if header_id not in (0, APPLICATION_ID):
        raise _foreign(path, f"应用标识 {header_id:#x}")
    try:
        version, app_id, objects = _read_identity(path)
    except sqlite3.DatabaseError as exc:
        if header_id == APPLICATION_ID and _looks_corrupt(exc):
            raise _corrupt_error(path, str(exc)) from exc
        raise StoreError(f"文件“{path}”不是督办台数据库，或已损坏。", detail=str(exc)) from exc
    tables = {name for kind, name in objects if kind == "table"}
    known = latest_version()
    if app_id == 0 and version == 0 and not objects:
        return _FileKind.EMPTY, 0
    if app_id not in (0, APPLICATION_ID):
        raise _foreign(path, f"应用标识 {app_id:#x}")
    if app_id == 0 and not (1 <= version <= known and expected_tables(version) <= tables):
        # before db/0002 a 督办台 database had no application id: one of ours holds every table of its version
        lacking = expected_tables(min(max(version, 1), known)) - tables
        raise _foreign(path, "不含督办台的数据表" if not tables & expected_tables(known) else
                       f"缺少数据表 {'、'.join(sorted(lacking))}" if lacking else f"结构版本 {version}")
    if version > known:
        raise StoreError(
            f"数据库“{path}”由更新版本的督办台创建（结构版本 {version}，本程序只认识到 {known}），"
            "为避免损坏数据，本程序不会打开或修改它。请升级督办台。"
        )
    missing = expected_tables(version) - tables
    if missing:
        raise _corrupt_error(path, f"missing tables: {sorted(missing)}",
                             what=f"不完整（缺少数据表 {'、'.join(sorted(missing))}）")
    return _FileKind.OURS, version


def _read_identity(path: Path) -> tuple[int, int, list[tuple[str, str]]]:
    """user_version, application_id and the schema's (type, name) pairs, read without writing anything.

    Through the log when a -wal with content lies beside the file; where that log cannot be read (read-only media
    without the -shm) the file is refused rather than read without it."""
    uri = _static_reader_uri(path)
    conn = sqlite3.connect(uri, uri=True)
    try:
        version = conn.execute("PRAGMA user_version").fetchone()[0]
        app_id = conn.execute("PRAGMA application_id").fetchone()[0]
        objects = conn.execute("SELECT type, name FROM sqlite_master").fetchall()
    except sqlite3.OperationalError as exc:
        if "immutable=1" in uri or not _may_read_another_way(exc):
            raise
        raise _unreadable_log_error(path, exc) from exc
    finally:
        conn.close()
    return int(version), int(app_id), [(str(t), str(n)) for t, n in objects]


def _has_log(path: Path) -> bool:
    try:
        return _sidecar(path, "-wal").stat().st_size > 0
    except OSError:
        return False


def _unreadable_log_error(path: Path, exc: sqlite3.Error) -> StoreError:
    """Changes still in the -wal beside the file, and no way to read them here (read-only media without the -shm):
    reading the file alone would show an older state as if it were the current one."""
    return StoreError(f"数据库“{path}”旁的日志文件（-wal）里有尚未写入数据库的内容，但所在位置只读，无法读取："
                      "请把数据库连同它旁边的 -wal 文件复制到可写的位置后再打开。", detail=str(exc))


def _foreign(path: Path, reason: str) -> StoreError:
    return StoreError(f"文件“{path}”不是督办台数据库（{reason}），本程序不会打开或改动它。", detail=reason)


def _refuse_missing_folder(path: Path) -> None:
    folder = path.parent
    blocker = next((p for p in folder.parents if p.exists()), None)
    if folder.exists() or (blocker is not None and not blocker.is_dir()):
        what = f"“{folder if folder.exists() else blocker}”是文件，不是文件夹"
    else:
        what = f"文件夹“{folder}”不存在"
    raise StoreError(f"无法创建数据库“{path}”：{what}。督办台只新建数据库文件，不新建文件夹：请先建好文件夹或换一个位置。")


def _empty_error(path: Path) -> StoreError:
    return StoreError(f"数据库文件“{path}”是空的，不是督办台数据库：导入方案（import）时才会在其中新建数据库。")


def _connect_for_reading(path: Path, timeout: float) -> tuple[sqlite3.Connection, str]:
    """A connection that reads `path` and cannot write it, and the way it was opened.

    1. "query-only": an ordinary connection with PRAGMA query_only. It reads through the write-ahead log of a
       session still open, and when it closes as the last connection SQLite removes the -wal and -shm files it
       needed: nothing is left beside the file. (`mode=ro` alone would leave an empty -wal and a -shm behind.)
    2. "read-only" (`mode=ro`): the -wal/-shm cannot be created (read-only media, a full disk) but exist already.
    3. "immutable" (`immutable=1`): nothing can be created or locked: read-only media with no log beside the file;
       nobody can be writing it there.
    A failed attempt leaves nothing behind (see `_remove_unused_sidecars`)."""
    before = _sidecars(path)
    uri = path.resolve().as_uri()
    attempts = (("query-only", str(path), False), ("read-only", f"{uri}?mode=ro", True),
                ("immutable", f"{uri}?mode=ro&immutable=1", True))
    failure: sqlite3.Error | None = None
    for mode, target, is_uri in attempts:
        conn = None
        try:
            conn = sqlite3.connect(target, uri=is_uri, timeout=timeout)
            if mode == "query-only":
                conn.execute("PRAGMA query_only = ON")
            conn.execute("SELECT count(*) FROM sqlite_master").fetchone()
        except sqlite3.OperationalError as exc:
            if conn is not None:
                conn.close()
            _remove_unused_sidecars(path, before)
            if not _may_read_another_way(exc):
                raise
            if mode == "read-only" and _has_log(path):
                raise _unreadable_log_error(path, exc) from exc
            failure = exc
            continue
        return conn, mode
    assert failure is not None
    raise failure


def _may_read_another_way(exc: sqlite3.Error) -> bool:
    """Errors of the place rather than of the file: no write access, nothing can be created, the disk is full."""
    name = getattr(exc, "sqlite_errorname", "") or ""
    text = str(exc).lower()
    return (name.startswith(("SQLITE_READONLY", "SQLITE_CANTOPEN", "SQLITE_IOERR", "SQLITE_FULL"))
            or any(w in text for w in ("readonly", "unable to open", "disk i/o", "full")))


@contextlib.contextmanager
def queries_run(db: sqlite_utils.Database) -> Iterator[list[str]]:
    """The statements `db` runs inside the block, filled in when it ends (sqlite_utils' SAVEPOINT / RELEASE around
    each query left out): how many queries a use case asks, for benchmarks and tests."""
    statements: list[str] = []
    out: list[str] = []
    db.conn.set_trace_callback(statements.append)
    try:
        yield out
    finally:
        db.conn.set_trace_callback(None)
        out.extend(s for s in statements if not s.startswith(("SAVEPOINT", "RELEASE")))


class Store:
    """One open database. Use `Store.open(path)`; `store.db` is the sqlite_utils.Database.

    `open_mode`: "read-write", or for a read-only store the way it could be read ("query-only", "read-only",
    "immutable"; see `_connect_for_reading`)."""

    def __init__(self, db: sqlite_utils.Database, path: Path, *, readonly: bool, open_mode: str = "read-write"):
        self.db = db
        self.path = path
        self.readonly = readonly
        self.open_mode = open_mode

    # -- opening -------------------------------------------------------------------------------------
    @classmethod
    def open(cls, path: Path | str | None = None, *, readonly: bool = False, backup: bool = True,
             create: bool = True, timeout: float | None = None) -> "Store":
        """Open the database at `path` (default: the user's data folder) and bring it up to date.

        `create`: a missing file, a 0-byte file or an empty SQLite file becomes a new database (in an existing
        folder only); without it (and always for `readonly`) such a file is refused. `backup=False` skips the
        automatic backup at open (used for throw-away databases in tests and benchmarks); a backup is still taken
        before migrating an existing database. `timeout`: seconds to wait for another program's lock before
        reporting the database as busy (default `BUSY_TIMEOUT`).
        """
        path = Path(path) if path else paths.default_db_path()
        timeout = BUSY_TIMEOUT if timeout is None else timeout
        kind, _ = _recognise(path)
        if kind != _FileKind.OURS and (readonly or not create):
            raise StoreError(f"数据库“{path}”不存在。") if kind == _FileKind.MISSING else _empty_error(path)
        if kind == _FileKind.MISSING and not path.parent.is_dir():
            _refuse_missing_folder(path)  # the database file is made here, never the folders above it
        existed = kind == _FileKind.OURS
        before = _sidecars(path)
        conn: sqlite3.Connection | None = None
        try:
            if readonly:
                conn, mode = _connect_for_reading(path, timeout)
            else:
                conn, mode = sqlite3.connect(str(path), timeout=timeout, isolation_level="IMMEDIATE"), "read-write"
            # No sqlite-utils plugins: the program's database must not run code from whatever plugins happen to be
            # installed, and looking them up scans every installed package's metadata (~80 ms of each start).
            store = cls(sqlite_utils.Database(conn, execute_plugins=False), path, readonly=readonly, open_mode=mode)
            store._prepare(existed=existed, backup=backup)
        except BaseException as exc:
            if conn is not None:
                with contextlib.suppress(sqlite3.Error):
                    conn.close()
            _remove_unused_sidecars(path, before)
            if kind == _FileKind.MISSING:
                _remove_if_still_empty(path)  # a database that could not be made leaves no stray file
            if not isinstance(exc, sqlite3.DatabaseError):
                raise
            if existed and _looks_corrupt(exc):
                raise _corrupt_error(path, str(exc)) from exc
            raise translate_error(exc, path) from exc
        return store

    def open_another(self, *, timeout: float = 5.0) -> "Store":
        """A second connection to this database, for another thread (a SQLite connection belongs to the thread
        that opened it). This store has already checked, backed up and migrated the file: none of that again."""
        try:
            if self.readonly:
                conn = sqlite3.connect(f"file:{self.path}?mode=ro", uri=True, timeout=timeout)
            else:
                conn = sqlite3.connect(str(self.path), timeout=timeout)
        except sqlite3.Error as exc:
            raise translate_error(exc, self.path) from exc
        other = Store(sqlite_utils.Database(conn, execute_plugins=False), self.path, readonly=self.readonly)
        other.db.execute("PRAGMA foreign_keys=ON")
        register_functions(other.db)
        return other

    def _prepare(self, *, existed: bool, backup: bool) -> None:
        version = self.user_version
        known = latest_version()
        if version > known:  # checked again on this connection: another program may have upgraded it meanwhile
            raise StoreError(
                f"数据库“{self.path}”由更新版本的督办台创建（结构版本 {version}，本程序只认识到 {known}），"
                "为避免损坏数据，本程序不会打开或修改它。请升级督办台。"
            )
        if existed:
            pragma = "quick_check" if self.readonly else "integrity_check"
            result = [next(iter(r.values())) for r in self.db.query(f"PRAGMA {pragma}")]
            if result != ["ok"]:
                raise _corrupt_error(self.path, "; ".join(result[:5]))
        self.db.execute("PRAGMA foreign_keys=ON")
        register_functions(self.db)
        if self.readonly:
            return
        self.db.enable_wal()
        if existed and (version < known or (backup and not self._unchanged_since_last_backup())):
            self.backup_rotating()
        self.migrate()

    # -- schema --------------------------------------------------------------------------------------
    @property
    def user_version(self) -> int:
        return int(next(self.db.query("PRAGMA user_version"))["user_version"])

    def migrate(self, folder: Path | None = None) -> list[int]:
        """Apply every migration newer than the database, each in its own transaction. Returns those applied.

        Each step reads the version again inside its (immediate) transaction: two programs creating or upgrading
        the same database at once apply each step once."""
        applied = []
        for number, sql_path in migration_files(folder):
            if number <= self.user_version:
                continue
            sql = sql_path.read_text(encoding="utf-8")
            with self._immediate():
                if number <= self.user_version:
                    continue
                log.info("migrating %s to version %d", self.path, number)
                self.db.executescript(sql)
                self.db.execute(f"PRAGMA user_version = {int(number)}")
            applied.append(number)
        return applied

    # -- transactions --------------------------------------------------------------------------------
    @contextlib.contextmanager
    def _immediate(self) -> Iterator[sqlite_utils.Database]:
        """All or nothing. The outermost level takes the write lock at once (BEGIN IMMEDIATE), waiting up to the
        busy timeout for another writer; a deferred BEGIN would read first and then fail without waiting when
        another program committed in between. Inner levels are savepoints."""
        conn = self.db.conn
        if conn.in_transaction:
            with self.db.atomic():
                yield self.db
            return
        conn.execute("BEGIN IMMEDIATE")
        try:
            yield self.db
        except BaseException:
            if conn.in_transaction:
                conn.execute("ROLLBACK")
            raise
        try:
            conn.execute("COMMIT")
        except BaseException:
            if conn.in_transaction:
                conn.execute("ROLLBACK")
            raise

    @contextlib.contextmanager
    def transaction(self) -> Iterator[sqlite_utils.Database]:
        """All or nothing; nests (savepoints). SQLite environment errors become StoreError."""
        if self.readonly:
            raise StoreError(f"数据库“{self.path}”以只读方式打开，不能修改。")
        try:
            with self._immediate():
                yield self.db
        except sqlite3.DatabaseError as exc:
            if not is_environment_error(exc):
                raise  # a bug (bad SQL, broken constraint): keep the traceback for the crash dialog and log
            raise translate_error(exc, self.path) from exc

    # -- backups -------------------------------------------------------------------------------------
    def backup_to(self, target: Path | str) -> Path:
        """A consistent copy through the SQLite backup API (safe while the database is open).

        The copy is a single self-contained file (rollback journal, not WAL): reading it later, to check or restore
        it, needs no -wal or -shm file beside it."""
        target = Path(target)
        tmp = target.with_name(target.name + ".part")
        try:
            target.parent.mkdir(parents=True, exist_ok=True)
            dest = sqlite3.connect(str(tmp))
            try:
                self.db.conn.backup(dest)
                dest.execute("PRAGMA journal_mode = DELETE")
            finally:
                dest.close()
            tmp.replace(target)
        except sqlite3.Error as exc:
            _remove_quietly(tmp)
            raise translate_error(exc, target) from exc
        except OSError as exc:
            _remove_quietly(tmp)
            if exc.errno == errno.ENOSPC:
                raise StoreError(f"磁盘已满，无法写入备份文件“{target}”：请腾出空间后重试。", detail=str(exc)) from exc
            raise StoreError(f"无法写入备份文件“{target}”：{os_error_text(exc)}。", detail=str(exc)) from exc
        return target

    def backup_rotating(self, now: datetime | None = None) -> Path:
        """A timestamped backup beside the database (backups/); older ones thinned out by age (app/store/retention.py):
        every backup of the last hour, one a day for 30 days, one a month before that."""
        now = now or datetime.now()
        file_state = self._file_state()  # before the copy: what the backup holds
        target = paths.backup_dir(self.path) / f"{self.path.stem}-{now.strftime(BACKUP_STAMP)}{BACKUP_SUFFIX}"
        self.backup_to(target)
        dated = _dated_backups(self.path)
        keep = backups_to_keep((stamp for stamp, _ in dated), now)
        for stamp, old in dated:
            if stamp not in keep and old != target:
                _remove_quietly(old)
        if file_state:
            self._state_marker().write_text(f"{file_state}\n{target.name}\n", encoding="utf-8")
        return target

    # Opening an unchanged database must not add a backup: ten opens in a day would otherwise rotate every
    # distinct older backup away (and copy a large file at every start). "Unchanged" needs two signals to agree
    # with what they were when the newest backup was taken: the file's size and modification time (with no
    # write-ahead log left holding content: a session that did not close cleanly, or another program writing
    # now), and the newest entry of the audit log (a file system with coarse times, such as FAT on a USB stick,
    # could hide a quick change from the first signal).
    def _file_state(self) -> str | None:
        wal = self.path.with_name(self.path.name + "-wal")
        try:
            info = self.path.stat()
            wal_size = wal.stat().st_size if wal.exists() else 0
            last_audit = next(self.db.query("SELECT coalesce(max(id), 0) AS n FROM audit_log"))["n"]
        except (OSError, sqlite3.Error):
            return None
        return None if wal_size else f"{info.st_size}:{info.st_mtime_ns}:{last_audit}"

    def _state_marker(self) -> Path:
        return paths.backup_dir(self.path) / f"{self.path.stem}.last-backup"

    def _unchanged_since_last_backup(self) -> bool:
        try:
            recorded_state, backup_name = self._state_marker().read_text(encoding="utf-8").split("\n")[:2]
        except (OSError, ValueError):
            return False
        current = self._file_state()
        newest = list_backups(self.path)
        return bool(current) and current == recorded_state and bool(newest) and newest[0].name == backup_name

    # -- closing -------------------------------------------------------------------------------------
    def close(self) -> None:
        try:
            self.db.close()
        except sqlite3.Error:  # closing a broken connection: nothing left to save
            pass

    def __enter__(self) -> "Store":
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()


def _remove_if_still_empty(path: Path) -> None:
    try:
        empty = _recognise(path)[0] == _FileKind.EMPTY
    except StoreError:
        return
    if empty:
        _remove_quietly(path)
        _remove_unused_sidecars(path, set())


def _remove_quietly(path: Path) -> None:
    with contextlib.suppress(OSError):
        path.unlink()


def _looks_corrupt(exc: sqlite3.Error) -> bool:
    text = str(exc).lower()
    return "malformed" in text or "not a database" in text or "corrupt" in text


class DamagedDatabase(StoreError):
    """督办台's own database, damaged (integrity check failed, a table missing): refused, but restorable."""


def _corrupt_error(path: Path, detail: str, what: str = "已损坏（完整性检查未通过）") -> StoreError:
    """Corruption: say so, and name the newest backup that still passes the integrity check."""
    good = latest_good_backup(path)
    offer = (f"最近一份完好的备份是“{good}”，可用 restore 命令恢复：main.py restore --db {path} {good}"
             if good else "没有找到完好的备份。")
    return DamagedDatabase(f"数据库“{path}”{what}。{offer}", detail=detail)


def _keep_damaged_copy(db_path: Path) -> Path:
    """A damaged database cannot be backed up through SQLite: its bytes are kept as they are (and its log), beside
    the backups under a name the rotation never deletes."""
    folder = paths.backup_dir(db_path)
    target = folder / f"{db_path.stem}-{datetime.now().strftime(BACKUP_STAMP)}.damaged{BACKUP_SUFFIX}"
    try:
        shutil.copy2(db_path, target)
        wal = _sidecar(db_path, "-wal")
        if wal.exists():
            shutil.copy2(wal, _sidecar(target, "-wal"))
    except OSError as exc:
        raise StoreError(f"无法保存损坏的数据库“{db_path}”的副本：{os_error_text(exc)}。", detail=str(exc)) from exc
    return target


def _check_header(path: Path) -> None:
    try:
        with open(path, "rb") as fh:
            head = fh.read(len(_SQLITE_HEADER))
    except OSError as exc:
        raise StoreError(f"无法读取文件“{path}”：{os_error_text(exc)}。", detail=str(exc)) from exc
    if head != _SQLITE_HEADER:
        raise StoreError(f"文件“{path}”不是督办台数据库（不是 SQLite 文件）。")


def restore_backup(backup: Path | str, db_path: Path | str,
                   before: Callable[["Store"], None] | None = None) -> Path:
    """Replace the database at `db_path` with `backup` (checked first); the current file is backed up first.

    The backup is only read (`immutable=1`: nothing is created beside it). `before` is shown the current
    database (when it can be opened) just before it is replaced. Returns the backup taken of the replaced
    database (or the target path when there was none).
    """
    backup, db_path = Path(backup), Path(db_path)
    if not backup.exists():
        raise StoreError(f"备份文件“{backup}”不存在。")
    _check_header(backup)
    if not _passes_integrity_check(backup):
        raise StoreError(f"备份文件“{backup}”已损坏（完整性检查未通过），不能用于恢复。")
    src = sqlite3.connect(_static_reader_uri(backup), uri=True)
    try:
        version = src.execute("PRAGMA user_version").fetchone()[0]
        if version > latest_version():
            raise StoreError(f"备份文件“{backup}”来自更新版本的督办台（结构版本 {version}），不能恢复。")
        saved = db_path
        if db_path.exists() and db_path.stat().st_size > 0:
            try:
                with Store.open(db_path, backup=False) as current:
                    if before is not None:
                        before(current)
                    saved = current.backup_rotating()
            except DamagedDatabase:  # what restoring is for: keep its bytes, then restore over it
                saved = _keep_damaged_copy(db_path)
        try:
            dest = sqlite3.connect(str(db_path), timeout=BUSY_TIMEOUT)
            try:
                src.backup(dest)  # page by page into the live file: WAL and readers stay consistent
            finally:
                dest.close()
        except sqlite3.Error as exc:
            raise translate_error(exc, db_path) from exc
    finally:
        src.close()
    return saved
