"""A numbered PDF never exists without its register row: files are staged and published after the commit."""
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest

from app.errors import UserError
from app.notices.files import PART_PREFIX, safe_file_part
from app.ops.notice_files import clean_stale_parts
from app.ops.notices import issue_batch, issue_bulletin, issue_notice, list_register

from tests.ops.test_notices import TODAY, store  # noqa: F401  (the fixture)


class _FailingCommit:
    """The store's connection, except that COMMIT fails as on a full disk."""

    def __init__(self, conn: sqlite3.Connection):
        self._conn = conn
        self.commits_refused = 0

    def execute(self, sql, *args):
        if sql.strip().upper().startswith(("COMMIT", "END")):
            self.commits_refused += 1
            raise sqlite3.OperationalError("database or disk is full")
        return self._conn.execute(sql, *args)

    def __getattr__(self, name):
        return getattr(self._conn, name)


def _issue(which, store, out):  # noqa: F811
    if which == "notice":
        return issue_notice(store, unit="县市场监管局", kind="督办", today=TODAY, out=out / "one.pdf",
                            one_task_per_notice=True)
    if which == "batch":
        return issue_batch(store, within=30, today=TODAY, out_dir=out, workers=1)
    return issue_bulletin(store, plan_id=1, today=TODAY, out=out / "b.pdf")


@pytest.mark.parametrize("which", ["notice", "batch", "bulletin"])
def test_a_commit_that_fails_leaves_no_file_no_row_no_number(store, tmp_path, which):  # noqa: F811
    out = tmp_path / "out"
    real = store.db.conn
    store.db.conn = failing = _FailingCommit(real)
    try:
        with pytest.raises((UserError, sqlite3.OperationalError)):
            _issue(which, store, out)
    finally:
        store.db.conn = real
    assert failing.commits_refused == 1
    assert sorted(p.name for p in out.iterdir()) == []  # neither a final PDF nor a .part file
    assert list_register(store) == []
    first = _issue(which, store, out).notices[0]  # the number was not used up
    assert first.number.endswith("〔2026〕1号") and first.path.is_file()


def test_files_get_their_final_names_only_after_the_commit(store, tmp_path, monkeypatch):  # noqa: F811
    seen = []
    real_publish = __import__("app.notices.files", fromlist=["StagedFiles"]).StagedFiles.publish

    def publish(self):
        # at this point the transaction has committed: every number is in the register, no final file yet
        seen.append(({e.number for e in list_register(store)}, sorted(p.name for p in (tmp_path / "out").iterdir())))
        real_publish(self)

    monkeypatch.setattr("app.notices.files.StagedFiles.publish", publish)
    result = issue_batch(store, within=30, today=TODAY, out_dir=tmp_path / "out", workers=1)
    [(numbers, names)] = seen
    assert numbers == {n.number for n in result.notices} and len(numbers) >= 2
    assert names and all(n.startswith(PART_PREFIX) and n.endswith(".part") for n in names)
    assert all(n.path.is_file() for n in result.notices)
    assert not [p for p in (tmp_path / "out").iterdir() if p.name.endswith(".part")]


def test_a_file_that_cannot_be_written_leaves_nothing(store, tmp_path, monkeypatch):  # noqa: F811
    (tmp_path / "out").mkdir()
    blocker = tmp_path / "out" / "b.pdf"
    blocker.mkdir()  # a folder where the bulletin's file should go: refused before anything is drawn
    with pytest.raises(UserError, match="这是一个文件夹"):
        issue_bulletin(store, plan_id=1, today=TODAY, out=blocker)
    assert list_register(store) == []
    monkeypatch.setattr("app.ops.notices.check_target", lambda path: None)  # without that check, the rename
    with pytest.raises(UserError, match="register --recreate"):  # fails after the commit and says so
        issue_bulletin(store, plan_id=1, today=TODAY, out=blocker)
    monkeypatch.undo()
    assert sorted(p.name for p in (tmp_path / "out").iterdir()) == ["b.pdf"]
    (tmp_path / "file").write_text("x")
    with pytest.raises(UserError, match="无法写入"):  # a folder under a regular file: fails before the commit
        issue_bulletin(store, plan_id=1, today=TODAY, out=tmp_path / "file" / "b.pdf")
    assert [e.number for e in list_register(store)] == ["县通报〔2026〕1号"]


def _dead_pid() -> int:
    proc = subprocess.run([sys.executable, "-c", "import os; print(os.getpid())"], capture_output=True, text=True,
                          check=True)
    return int(proc.stdout)


def test_the_next_start_removes_only_our_own_parts_of_dead_processes(tmp_path):
    import os

    dead = tmp_path / f"{PART_PREFIX}{_dead_pid()}-001_某单位.pdf.part"
    alive = tmp_path / f"{PART_PREFIX}{os.getpid()}-002_某单位.pdf.part"
    foreign = [tmp_path / "report.part", tmp_path / f"{PART_PREFIX}x-1.pdf.part", tmp_path / "001_某单位.pdf"]
    for path in [dead, alive, *foreign]:
        path.write_bytes(b"%PDF-1.4")
    assert clean_stale_parts(tmp_path) == [dead]
    assert not dead.exists() and alive.exists() and all(p.exists() for p in foreign)
    assert clean_stale_parts(tmp_path / "missing") == []


def test_a_file_killed_between_commit_and_rename_gets_its_name_at_the_next_start(store, tmp_path):  # noqa: F811
    out = tmp_path / "out"
    first = issue_batch(store, within=30, today=TODAY, out_dir=out, workers=1).notices
    dead = _dead_pid()
    for notice in first:  # as a kill after the commit leaves them: registered, still under their temporary names
        notice.path.rename(notice.path.with_name(f"{PART_PREFIX}{dead}-{notice.path.name}.part"))
    unregistered = out / f"{PART_PREFIX}{dead}-099_某单位.pdf.part"
    unregistered.write_bytes(b"%PDF-1.4")
    again = issue_batch(store, within=30, today=TODAY, out_dir=out, workers=1, again=True).notices
    assert all(n.path.is_file() for n in first + again) and not unregistered.exists()
    assert not [p for p in out.iterdir() if p.name.endswith(".part")]
    assert len({n.number for n in first + again}) == len(first) * 2


def test_file_names_from_unit_names_lose_controls_and_bidi_marks_and_are_capped():
    assert safe_file_part("某局\u202egpj.exe") == "某局gpj.exe"
    assert safe_file_part("a\x00b\x1fc\x85d\u200be\u2066f") == "abcdef"
    assert safe_file_part('市/局:"x"') == "市_局_x_"
    assert safe_file_part("..\u202e") == "_" and safe_file_part(" 单位. ") == "单位"
    long = safe_file_part("长" * 100_000)
    assert long == "长" * 40 and len(long.encode("utf-8")) <= 120


def test_hostile_unit_names_give_clean_file_names_and_a_warning_for_what_cannot_print(tmp_path, capsys):
    from datetime import date

    from app.__main__ import main
    from app.domain.matrix import Deadline, Matrix, PlanInfo, Task
    from app.ops.plans import import_plan
    from app.ops.session import open_store

    units = ["县财政局\u202egpj.exe", "县市场监管局\U0001F600", "县\x85发展\u200b改革局" + "长" * 300]
    matrix = Matrix(source="p.json", plan=PlanInfo(title="某方案"),
                    tasks=[Task(("一", str(i)), f"任务{i}", [u], [], Deadline("2026年9月底前", date(2026, 9, 30)))
                           for i, u in enumerate(units, 1)])
    db = tmp_path / "d.sqlite3"
    with open_store(db, backup=False) as s:
        import_plan(s, matrix, today=date(2026, 1, 5))
    assert main(["notices", "--db", str(db), "--within", "30", "--today", "2026-11-23", "--workers", "1",
                 "--out", str(tmp_path / "out")]) == 0
    out, err = capsys.readouterr()
    names = sorted(p.name for p in (tmp_path / "out").iterdir())
    assert len(names) == 4 and not [n for n in names if n.endswith(".part")]
    for name in names:
        assert not any(ch in name for ch in "\u202e\u200b\x85\U0001F600") and len(name) <= 60, name
    assert set(names) == {"县发展改革局" + "长" * 34 + "_催办〔2026〕1号.pdf", "县市场监管局□_催办〔2026〕2号.pdf",
                          "县财政局gpj.exe_催办〔2026〕3号.pdf", "合并打印_催办_2026_1-3.pdf"}
    warnings = [line for line in err.splitlines() if line.startswith("警告：")]
    assert len(warnings) == 1 and "U+1F600" in warnings[0] and "过长（306字）" in warnings[0], err


@pytest.mark.parametrize("issue", ["notice", "batch"])
def test_a_bad_out_path_fails_before_anything_is_drawn(store, tmp_path, monkeypatch, issue):  # noqa: F811
    def never(*args, **kwargs):
        raise AssertionError("drew a notice for a path that cannot be written")

    monkeypatch.setattr("app.ops.notices.render", never)
    monkeypatch.setattr("app.ops.notices.render_all", never)
    (tmp_path / "file").write_text("x")
    with pytest.raises(UserError, match="无法写入"):
        if issue == "notice":
            issue_notice(store, unit="县市场监管局", kind="督办", today=TODAY, out=tmp_path / "file" / "n.pdf")
        else:
            issue_batch(store, within=30, today=TODAY, out_dir=tmp_path / "file" / "out", workers=1)
    assert list_register(store) == []
