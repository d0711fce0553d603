"""Notice numbers never repeat, whatever is restored, re-opened or killed: the command line in real processes,
the numbers read back from the register and from the PDFs' text."""
from __future__ import annotations

import os
import re
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest
from pypdf import PdfReader

from app.__main__ import main
from app.store.number_journal import JOURNAL_NAME

from tests.cli.test_notice_processes import GOLD, ROOT, TODAY, template_db  # noqa: F401  (the fixture)
from tests.cli.test_notice_processes import _copy_db as _copy

UNITS = ("内蒙古计量院", "呼和浩特市司法局", "呼和浩特市科技局", "呼和浩特市市场监督管理局")  # each has 催办 work on TODAY
ENV = {**os.environ, "DUBAN_BUNDLED_FONTS_ONLY": "1", "PYTHONPATH": str(ROOT)}
NUMBER = re.compile(r"催办〔\d{4}〕\d+号")


def _args(command: str, db: Path, *rest: str | Path) -> list[str]:
    return [command, "--db", str(db), *map(str, rest)]


def _start(args: list[str], prelude: str = "") -> subprocess.Popen:
    """The program in a process of its own; `prelude` is Python run in it first (to kill it at a chosen point)."""
    code = f"import sys\n{prelude}\nfrom app.__main__ import main\nsys.exit(main(sys.argv[1:]))"
    return subprocess.Popen([sys.executable, "-c", code, *args], cwd=ROOT, env=ENV, stdout=subprocess.PIPE,
                            stderr=subprocess.PIPE, text=True)


def _run(*args_lists: list[str]) -> list[tuple[int, str, str]]:
    """Run these commands side by side (each its own process); (exit code, stdout, stderr) of each."""
    procs = [_start(args) for args in args_lists]
    outputs = [p.communicate(timeout=120) for p in procs]
    return [(p.returncode, out, err) for p, (out, err) in zip(procs, outputs)]


def _ok(*args_lists: list[str]) -> list[str]:
    done = _run(*args_lists)
    for code, out, err in done:
        assert code == 0, err
    return [out for _, out, _ in done]


def _notice(db: Path, unit: str, out: Path) -> list[str]:
    return _args("notice", db, "--unit", unit, "--kind", "催办", "--today", TODAY, "--out", out)


def _register(db: Path) -> list[str]:
    conn = sqlite3.connect(f"file:{db}?mode=ro", uri=True)
    try:
        return [r[0] for r in conn.execute("SELECT number FROM notices ORDER BY id")]
    finally:
        conn.close()


def _printed(pdf: Path) -> str:
    """The number printed on a notice, read back from the PDF's text."""
    text = "".join(page.extract_text() for page in PdfReader(pdf).pages)
    found = set(NUMBER.findall(re.sub(r"\s+", "", text)))
    assert len(found) == 1, found
    return found.pop()


def _main(capsys, args: list[str]) -> str:
    """A command in this process (the quick ones: backup, register, restore); its standard output."""
    capsys.readouterr()
    assert main(args) == 0, capsys.readouterr().err
    return capsys.readouterr().out


def test_backup_notice_void_restore_notice_gives_new_numbers(template_db, tmp_path, capsys):  # noqa: F811
    db, out = _copy(template_db, tmp_path / "a"), tmp_path / "out"
    _main(capsys, _args("backup", db, "--out", tmp_path / "before.sqlite3"))
    said = _ok(_notice(db, UNITS[0], out / "a.pdf"), _notice(db, UNITS[1], out / "b.pdf"))  # side by side
    printed = sorted([_printed(out / "a.pdf"), _printed(out / "b.pdf")])
    assert printed == ["催办〔2026〕1号", "催办〔2026〕2号"] == sorted(_register(db))
    assert sorted(line.split("\t")[0] for line in said) == printed
    _main(capsys, _args("register", db, "--void", "催办〔2026〕2号", "--reason", "发错单位"))
    restored = _main(capsys, _args("restore", db, tmp_path / "before.sqlite3"))
    assert _register(db) == []  # the backup's register: before any notice
    third = _ok(_notice(db, UNITS[2], out / "c.pdf"))[0]
    assert _printed(out / "c.pdf") == "催办〔2026〕3号" and third.startswith("催办〔2026〕3号")  # not 1号, nor the voided 2号
    assert _register(db) == ["催办〔2026〕3号"]
    assert "恢复后，通知编号从 催办〔2026〕3号 继续，已发出的编号不会重复。" in restored
    assert "2 个编号（催办〔2026〕1号、催办〔2026〕2号）不在恢复后的登记簿中" in restored


def test_a_backup_copied_over_the_database_by_hand_issues_no_number_again(template_db, tmp_path, capsys):  # noqa: F811
    """No restore command: the file itself is replaced (a copy from a USB stick); the journal still knows."""
    db, out = _copy(template_db, tmp_path / "a"), tmp_path / "out"
    backup = tmp_path / "before.sqlite3"
    _main(capsys, _args("backup", db, "--out", backup))
    _main(capsys, _notice(db, UNITS[0], out / "1.pdf"))
    db.write_bytes(backup.read_bytes())  # every command closed the database: nothing left in a -wal beside it
    _main(capsys, _notice(db, UNITS[1], out / "2.pdf"))
    assert [_printed(out / "1.pdf"), _printed(out / "2.pdf")] == ["催办〔2026〕1号", "催办〔2026〕2号"]
    assert _register(db) == ["催办〔2026〕2号"]


_DIE = "import os, signal\ndie = lambda *a, **k: os.kill(os.getpid(), signal.SIGKILL)\n"
KILL_AT = {  # Python run in the notice process before the program: SIGKILL at one point of issuing
    "after the journal, before the commit": _DIE + "from app.store import number_journal as j\nreal = j.append\n"
                                                   "j.append = lambda *a, **k: (real(*a, **k), die())",
    "after the commit, before the PDF's name": _DIE + "from app.notices.files import StagedFiles\n"
                                                      "StagedFiles.publish = die",
}


@pytest.mark.skipif(sys.platform == "win32", reason="SIGKILL")
def test_kill_9_while_issuing_then_restore_issues_no_number_twice(template_db, tmp_path, capsys):  # noqa: F811
    """Killed at each point, then: a notice, the backup restored, another notice. No number on two PDFs."""
    chains = {label: (_copy(template_db, tmp_path / str(i)), tmp_path / str(i) / "out")
              for i, label in enumerate(KILL_AT)}
    for db, _ in chains.values():
        _main(capsys, _args("backup", db, "--out", db.with_name("before.sqlite3")))
    killed = [_start(_notice(db, UNITS[0], out / "killed.pdf"), KILL_AT[label])
              for label, (db, out) in chains.items()]
    for proc in killed:
        proc.communicate(timeout=120)
        assert proc.returncode == -9
    for db, out in chains.values():  # the following commands need no process of their own
        _main(capsys, _notice(db, UNITS[1], out / "after-kill.pdf"))
        _main(capsys, _args("restore", db, db.with_name("before.sqlite3")))
        _main(capsys, _notice(db, UNITS[2], out / "after-restore.pdf"))
    for label, (db, out) in chains.items():
        pdfs = sorted(p for p in out.iterdir() if p.suffix == ".pdf")
        assert not [p for p in out.iterdir() if p.suffix == ".part"], label  # the next run finished or removed them
        printed = [_printed(p) for p in pdfs]
        assert len(printed) == len(set(printed)), (label, printed)
        committed = label.startswith("after the commit")
        assert (out / "killed.pdf").exists() == committed, label  # renamed by the next run once registered
        # killed before its commit, the journaled 1号 is skipped (a gap, never a repeat); after it, 1号 is issued
        assert (_printed(out / "after-kill.pdf"), _printed(out / "after-restore.pdf")) == \
            ("催办〔2026〕2号", "催办〔2026〕3号"), label


def test_two_databases_keep_their_own_sequences(template_db, tmp_path, capsys):  # noqa: F811
    """Two databases made apart, in one folder (one journal) or in two: each numbers from 1."""
    here, there = tmp_path / "here", tmp_path / "there"
    here.mkdir()
    first, second = here / "a.sqlite3", here / "b.sqlite3"
    for db in (first, second):
        _main(capsys, ["import", "--db", str(db), str(GOLD), "--today", TODAY])
    third = _copy(template_db, there)
    out = tmp_path / "out"
    for db, unit, name in ((first, UNITS[0], "a1"), (third, UNITS[0], "c1"), (first, UNITS[1], "a2"),
                           (second, UNITS[0], "b1")):
        _main(capsys, _notice(db, unit, out / f"{name}.pdf"))
    assert [_printed(out / f"{n}.pdf") for n in ("a1", "a2", "b1", "c1")] == \
        ["催办〔2026〕1号", "催办〔2026〕2号", "催办〔2026〕1号", "催办〔2026〕1号"]
    journal = (here / JOURNAL_NAME).read_text(encoding="utf-8").splitlines()
    identities = {line.split("\t")[0] for line in journal if not line.startswith("#")}
    assert len(identities) == 2 and (there / JOURNAL_NAME).exists()
