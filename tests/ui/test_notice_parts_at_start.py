"""The window's start removes the temporary notice files a killed run left in its notices folder and in the folder
the user chose for notices."""
import subprocess
import sys

import pytest

from app.notices.files import PART_PREFIX
from app.ops.notice_files import window_notices_dir
from app.ui.application import run_gui


@pytest.mark.parametrize("where", ["program's folder", "chosen folder"])
def test_window_start_removes_a_killed_runs_part_files(tmp_path, qapp, where):
    from app.ui.print_dialog import remember_notices_folder

    dead = int(subprocess.run([sys.executable, "-c", "import os; print(os.getpid())"], capture_output=True,
                              text=True, check=True).stdout)
    folder = window_notices_dir()
    if where == "chosen folder":
        folder = tmp_path / "本科室通知"
        remember_notices_folder(folder)
    folder.mkdir(parents=True, exist_ok=True)
    stale = folder / f"{PART_PREFIX}{dead}-督办_某局_20261123.pdf.part"
    mine = folder / "督办_某局_20261123.pdf"
    stale.write_bytes(b"%PDF-1.4")
    mine.write_bytes(b"%PDF-1.4")
    assert run_gui(str(tmp_path / "x.sqlite3"), screenshot=str(tmp_path / "shot.png")) == 0
    assert not stale.exists() and mine.exists()
