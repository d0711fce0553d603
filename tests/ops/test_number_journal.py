"""The journal of notice numbers and the restore that keeps the high-water mark, through the use cases."""
import sqlite3

import pytest

from app.errors import StoreError
from app.ops.backup import backup, restore
from app.ops.notices import issue_notice, list_register
from app.ops.session import open_store
from app.store import numbering
from app.store.number_journal import JOURNAL_NAME, journal_path, read_marks

from tests.ops.test_notice_files import _FailingCommit
from tests.ops.test_notices import TODAY, store  # noqa: F401  (the fixture)

UNIT = "县市场监管局"


def _issue(store, out, name="n.pdf"):  # noqa: F811
    return issue_notice(store, unit=UNIT, kind="督办", today=TODAY, out=out / name).notices[0]


def _journal(store):  # noqa: F811
    return journal_path(store.path).read_text(encoding="utf-8").splitlines()


def test_each_number_is_journaled_under_the_database_identity(store, tmp_path):  # noqa: F811
    first, second = _issue(store, tmp_path, "1.pdf"), _issue(store, tmp_path, "2.pdf")
    identity = numbering.identity(store.db)
    assert journal_path(store.path) == store.path.parent / JOURNAL_NAME
    lines = [line.split("\t") for line in _journal(store) if not line.startswith("#")]
    assert [(f[0], f[1], f[2], f[3], f[4], f[6]) for f in lines] == [
        (identity, "督办", "2026", "1", first.number, "issued"), (identity, "督办", "2026", "2", second.number, "issued")]
    assert read_marks(journal_path(store.path), identity) == {("督办", 2026): 2}
    assert read_marks(journal_path(store.path), "another") == {}


def test_a_commit_that_fails_gives_its_journaled_number_back(store, tmp_path):  # noqa: F811
    real = store.db.conn
    store.db.conn = _FailingCommit(real)
    try:
        with pytest.raises(StoreError):
            _issue(store, tmp_path)
    finally:
        store.db.conn = real
    assert [line.rsplit("\t", 1)[1] for line in _journal(store) if not line.startswith("#")] == ["issued", "released"]
    assert read_marks(journal_path(store.path), numbering.identity(store.db)) == {}
    assert _issue(store, tmp_path).number == "县督办〔2026〕1号"


def test_a_torn_line_is_not_counted_and_spoils_nothing(store, tmp_path):  # noqa: F811
    identity = numbering.identity(store.db)
    journal_path(store.path).write_text(f"{identity}\t督办\t2026\t9\t县督办〔2026〕9号\t2026-11-2", encoding="utf-8")
    first = _issue(store, tmp_path, "1.pdf")  # the torn 9号 never committed: not counted
    second = _issue(store, tmp_path, "2.pdf")
    assert (first.number, second.number) == ("县督办〔2026〕1号", "县督办〔2026〕2号")
    assert read_marks(journal_path(store.path), identity) == {("督办", 2026): 2}
    assert _journal(store)[1].endswith("\tissued")  # started on a line of its own


def test_a_journal_that_cannot_be_used_stops_the_notice_and_changes_nothing(store, tmp_path):  # noqa: F811
    journal_path(store.path).mkdir()  # a folder where the journal should be
    out = tmp_path / "out"
    with pytest.raises(StoreError, match="无法读取通知编号记录"):
        _issue(store, out)
    assert list_register(store) == [] and not out.exists()
    journal_path(store.path).rmdir()
    assert _issue(store, out).number == "县督办〔2026〕1号"


def test_a_backup_from_before_identities_still_keeps_the_mark(store, tmp_path):  # noqa: F811
    """A backup older than db/0003 gets a new identity when restored: the replaced database's mark is carried
    into it (its sequences and the journal, under the new identity)."""
    old = backup(store, tmp_path / "old.sqlite3")
    with sqlite3.connect(old) as conn:  # as a version-2 database was: no identity
        conn.execute("DROP TABLE database_identity")
        conn.execute("ALTER TABLE deadline_changes DROP COLUMN basis")  # db/0004, after the identity
        for table in ("feedback_rows", "feedback_replies", "feedback_rounds"):  # db/0005
            conn.execute(f"DROP TABLE {table}")
        conn.execute("PRAGMA user_version = 2")
    conn.close()
    issued = [_issue(store, tmp_path, f"{i}.pdf").number for i in (1, 2)]
    before = numbering.identity(store.db)
    db_path = store.path
    store.close()
    restored = restore(db_path, old)
    assert restored.numbers.lines()[0] == "恢复后，通知编号从 县督办〔2026〕3号 继续，已发出的编号不会重复。"
    assert restored.numbers.dropped == tuple(issued)
    with open_store(db_path, backup=False) as again:
        assert numbering.identity(again.db) != before
        assert read_marks(journal_path(db_path), numbering.identity(again.db)) == {("督办", 2026): 2}
        assert _journal(again)[-1].endswith("\trestore")
        assert _issue(again, tmp_path, "3.pdf").number == "县督办〔2026〕3号"


def test_a_restore_with_nothing_issued_says_nothing_of_numbers(store, tmp_path):  # noqa: F811
    saved = backup(store, tmp_path / "b.sqlite3")
    db_path = store.path
    store.close()
    restored = restore(db_path, saved)
    assert restored.numbers.lines() == [] and restored.numbers.warning is None
    assert not journal_path(db_path).exists()
