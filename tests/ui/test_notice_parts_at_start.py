"""The window's start removes the temporary notice files a killed run left in its notices folder."""
import subprocess
import sys

from app.notices.files import PART_PREFIX
from app.ops.notice_files import window_notices_dir
from app.ui.application import run_gui


def test_window_start_removes_a_killed_runs_part_files(tmp_path, qapp):
    dead = int(subprocess.run([sys.executable, "-c", "import os; print(os.getpid())"], capture_output=True,
                              text=True, check=True).stdout)
    folder = window_notices_dir()
    folder.mkdir(parents=True, exist_ok=True)
    stale = folder / f"{PART_PREFIX}{dead}-督办_某局_20261123.pdf.part"
    mine = folder / "督办_某局_20261123.pdf"
    stale.write_bytes(b"%PDF-1.4")
    mine.write_bytes(b"%PDF-1.4")
    assert run_gui(str(tmp_path / "x.sqlite3"), screenshot=str(tmp_path / "shot.png")) == 0
    assert not stale.exists() and mine.exists()
