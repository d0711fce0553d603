"""`notices` as a real process: killed at any moment it leaves no numbered PDF without its register row and
no worker behind; the next run removes its temporary files and issues no number twice."""
import os
import re
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import pytest

from app.__main__ import main

ROOT = Path(__file__).resolve().parents[2]
GOLD = ROOT / "tests" / "fixtures" / "gold" / "001_4cc03577722d74ad.json"
TODAY = "2026-11-23"
MERGED = "合并打印_"


@pytest.fixture(scope="module")
def template_db(tmp_path_factory):
    db = tmp_path_factory.mktemp("tpl") / "d.sqlite3"
    assert main(["import", "--db", str(db), str(GOLD), "--today", TODAY]) == 0
    return db


def _copy_db(template: Path, folder: Path) -> Path:
    folder.mkdir(parents=True)
    db = folder / "d.sqlite3"
    db.write_bytes(template.read_bytes())
    return db


def _notices(db: Path, out: Path, workers: int = 1) -> subprocess.Popen:
    env = {**os.environ, "DUBAN_BUNDLED_FONTS_ONLY": "1", "PYTHONPATH": str(ROOT)}
    return subprocess.Popen(
        [sys.executable, "-m", "app", "notices", "--db", str(db), "--within", "30", "--today", TODAY,
         "--workers", str(workers), "--again", "--out", str(out)],  # the same batch again, on purpose
        cwd=ROOT, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)


def _names(out: Path) -> list[str]:
    try:
        return os.listdir(out)
    except FileNotFoundError:
        return []


def _finals(out: Path) -> list[Path]:
    return [out / n for n in _names(out) if n.endswith(".pdf") and not n.startswith((".", MERGED))]


def _register(db: Path) -> dict[str, tuple[str, int]]:
    """file path → (number, seq) of every notice in the register."""
    conn = sqlite3.connect(f"file:{db}?mode=ro", uri=True)
    try:
        return {r[0]: (r[1], r[2]) for r in conn.execute("SELECT file_path, number, seq FROM notices")}
    finally:
        conn.close()


# when to kill: as soon as the output folder shows a sign, or some time after the start (early: a whole run takes
# ~0.6 s here, and a kill after its end lands nowhere); two chains of runs on two databases (one per core), each
# run in the folder the previous one was killed in, then one run to the end
CHAINS = [
    {"first .part": lambda names, t: any(n.endswith(".part") for n in names),
     "merged file started": lambda names, t: any(MERGED in n for n in names),
     "at 0.3 s": lambda names, t: t > 0.3},
    {"first final PDF": lambda names, t: sum(n.endswith(".pdf") and not n.startswith(".") for n in names) >= 1,
     "fourth .part": lambda names, t: sum(n.endswith(".part") for n in names) >= 4,
     "third final PDF": lambda names, t: sum(n.endswith(".pdf") and not n.startswith(".") for n in names) >= 3},
]


def _check(label: str, db: Path, out: Path) -> None:
    """Every numbered file in the folder is in the register under its own number; no number twice."""
    register = _register(db)
    for pdf in _finals(out):
        assert str(pdf) in register, f"after {label}: {pdf.name} has no register row"
        assert pdf.name.endswith(f"_{register[str(pdf)][0]}.pdf"), label  # named <unit>_<its number>.pdf
    numbers = [number for number, _ in register.values()]
    assert len(numbers) == len(set(numbers)), label


def test_kill_9_at_any_moment_leaves_no_pdf_without_its_row(template_db, tmp_path):
    chains = []
    for i, triggers in enumerate(CHAINS):
        db = _copy_db(template_db, tmp_path / str(i))
        chains.append({"db": db, "out": tmp_path / str(i) / "out", "steps": [*triggers.items(), ("to the end", None)],
                       "proc": None})
    kills_after_files = 0
    while any(c["steps"] or c["proc"] for c in chains):
        for c in chains:
            if c["proc"] is None:
                if not c["steps"]:
                    continue
                c["label"], c["trigger"] = c["steps"].pop(0)
                c["start"], c["proc"] = time.monotonic(), _notices(c["db"], c["out"])
                # the start of each run removes what the killed one left half-written
            proc, trigger = c["proc"], c["trigger"]
            if proc.poll() is None and trigger and trigger(_names(c["out"]), time.monotonic() - c["start"]):
                kills_after_files += bool(_finals(c["out"])) or any(n.endswith(".part") for n in _names(c["out"]))
                proc.send_signal(signal.SIGKILL)
                proc.wait()
            if proc.poll() is not None:
                err = proc.stderr.read().decode()
                proc.stderr.close()
                if trigger is None:  # the last run: finished normally, nothing temporary left, every row's file there
                    assert proc.returncode == 0, err
                    assert not [n for n in _names(c["out"]) if n.endswith(".part")]
                    assert all(Path(f).is_file() for f in _register(c["db"])), c["label"]
                _check(c["label"], c["db"], c["out"])
                c["proc"] = None
        time.sleep(0.0005)
    assert kills_after_files >= 3  # the kills did land while files were being written


def _mount_small_disk(folder: Path) -> bool:
    folder.mkdir()
    if not sys.platform.startswith("linux") or os.geteuid() != 0:
        return False
    done = subprocess.run(["mount", "-t", "tmpfs", "-o", "size=8m", "tmpfs", str(folder)], capture_output=True)
    return done.returncode == 0


def test_a_disk_full_at_the_commit_leaves_no_pdf_and_no_row(template_db, tmp_path):
    disk = tmp_path / "disk"
    if not _mount_small_disk(disk):
        pytest.skip("a small tmpfs cannot be mounted here (needs root on Linux)")
    try:
        db = disk / "d.sqlite3"
        db.write_bytes(template_db.read_bytes())
        # room for the backup taken at the start and the shared-memory file, not for the commit's log
        free = os.statvfs(disk).f_bavail * os.statvfs(disk).f_frsize
        (disk / "filler").write_bytes(b"\0" * (free - db.stat().st_size - 32768 - 24576))
        out = tmp_path / "out"
        proc = _notices(db, out)
        err = proc.communicate(timeout=60)[1].decode()
        assert proc.returncode == 2 and err.startswith("错误：磁盘已满") and err.count("\n") == 1, err
        assert _names(out) == [] and _register(db) == {}  # no PDF, no .part, no row
        conn = sqlite3.connect(f"file:{db}?mode=ro", uri=True)
        try:
            assert conn.execute("SELECT COUNT(*) FROM notice_sequences").fetchone() == (0,)  # no number used up
        finally:
            conn.close()
    finally:
        subprocess.run(["umount", str(disk)], check=True)


def _children(pid: int) -> set[int]:
    found = set()
    for entry in os.listdir("/proc"):
        if entry.isdigit():
            try:
                stat = Path(f"/proc/{entry}/stat").read_text()
            except OSError:
                continue
            fields = stat[stat.rindex(")") + 2:].split()
            if int(fields[1]) == pid and fields[0] != "Z":
                found.add(int(entry))
    return found


def _running(pid: int) -> bool:
    try:
        stat = Path(f"/proc/{pid}/stat").read_text()
    except OSError:
        return False
    return re.match(r".*\) ([A-Z])", stat, re.DOTALL).group(1) not in "ZX"


@pytest.mark.skipif(not Path("/proc/self/stat").exists(), reason="needs /proc to find the workers")
def test_workers_end_when_their_parent_is_killed(template_db, tmp_path):
    db = _copy_db(template_db, tmp_path / "w")
    proc = _notices(db, tmp_path / "w" / "out", workers=2)
    deadline = time.monotonic() + 30
    workers: set[int] = set()
    while len(workers) < 2 and proc.poll() is None and time.monotonic() < deadline:
        workers = _children(proc.pid)
        time.sleep(0.005)
    assert len(workers) == 2, "the batch did not start its two workers"
    proc.send_signal(signal.SIGKILL)
    proc.wait()
    proc.stderr.close()
    deadline = time.monotonic() + 5
    while any(_running(w) for w in workers) and time.monotonic() < deadline:
        time.sleep(0.05)
    left = [w for w in workers if _running(w)]
    for w in left:  # do not leave them behind even when the test fails
        os.kill(w, signal.SIGKILL)
    assert not left, "workers outlived their parent"


WATCHED_WORKER = """
import os, sys, threading, time
from app.notices import batch
batch.PARENT_WATCH_SECONDS = 0.05
parent = os.getpid()
if os.fork() == 0:  # the worker: only the portable watch, no PR_SET_PDEATHSIG
    threading.Thread(target=batch._watch_parent, args=(parent,), daemon=True).start()
    print(os.getpid(), flush=True)
    time.sleep(60)
    os._exit(0)
time.sleep(60)
"""


@pytest.mark.skipif(not hasattr(os, "fork") or not Path("/proc/self/stat").exists(), reason="forks a worker, reads /proc")
def test_the_portable_parent_watch_ends_a_worker_too(tmp_path):
    middle = subprocess.Popen([sys.executable, "-c", WATCHED_WORKER], cwd=ROOT, stdout=subprocess.PIPE,
                              env={**os.environ, "PYTHONPATH": str(ROOT)})
    worker = int(middle.stdout.readline())
    middle.stdout.close()
    assert _running(worker)
    middle.send_signal(signal.SIGKILL)
    middle.wait()
    deadline = time.monotonic() + 3
    while _running(worker) and time.monotonic() < deadline:
        time.sleep(0.02)
    if _running(worker):
        os.kill(worker, signal.SIGKILL)
        pytest.fail("the worker outlived its parent")
