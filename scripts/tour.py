"""The screenshot tour (docs/tour/): the real window on a 1366×768 screen, each step saved as a PNG.

    xvfb-run -s "-screen 0 1366x768x24" python scripts/tour.py [--out docs/tour]

Under Xvfb the screen is a real 1366×768 one, so the window and its dialogs size themselves as on an office
screen of that size. Without a display it falls back to Qt's offscreen platform (whose screen is smaller).
Each picture is the window or dialog itself (window.grab()), taken once its contents have been painted.
"""
from __future__ import annotations

import argparse
import os
import shutil
import sys
import tempfile
import time
from collections.abc import Callable
from datetime import date
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))


def _settle(seconds: float = 0.3) -> None:
    from PySide6.QtWidgets import QApplication

    end = time.monotonic() + seconds
    while time.monotonic() < end:
        QApplication.processEvents()
        time.sleep(0.01)


def _until(condition: Callable[[], bool], timeout: float = 60.0) -> None:
    from PySide6.QtWidgets import QApplication

    end = time.monotonic() + timeout
    while not condition():
        if time.monotonic() > end:
            raise TimeoutError("the window did not get there in time")
        QApplication.processEvents()
        time.sleep(0.01)


def _save(widget, out: Path) -> Path:
    _settle()
    if not widget.grab().save(str(out), "PNG"):
        raise OSError(f"截图无法保存到 {out}")
    print(f"{out}  {widget.width()}×{widget.height()}")
    return out


def tour(out: Path, work: Path) -> list[Path]:
    from app.ops.plans import read_plans
    from app.paths import resource_path
    from app.ui.application import make_application
    from app.ui.main_window import MainWindow

    make_application()
    out.mkdir(parents=True, exist_ok=True)
    window = MainWindow(work / "tour.sqlite3", today=date(2026, 3, 1), remember_layout=False)
    window.show()
    shots = [_save(window, out / "01-welcome.png")]

    # 02: the preview of the sample plan that names the most units, as 导入方案… shows it after reading the file.
    samples = sorted(resource_path("samples").glob("*.txt"))
    reading = read_plans(samples)
    try:
        while True:
            next(reading)
    except StopIteration as done:
        plans = done.value
    plan = max(plans, key=lambda p: sum(len(t.lead) + len(t.responsible) for t in p.matrix.tasks))
    window._files_read([plan], preview=True)
    _until(lambda: window.preview is not None and window.preview.isVisible())
    window.preview.table.selectRow(0)
    shots.append(_save(window.preview, out / "02-import-preview.png"))
    window.preview.reject()
    window.close()
    shots.extend(status_shots(out, work, plans))
    return shots


def status_shots(out: Path, work: Path, plans: list) -> list[Path]:
    """08 and 09 (issue 9: one status vocabulary): the five sample plans loaded, a task due soon selected in the
    table and shown in the detail pane, then 督办概览 — the same task with the same status word in all three."""
    from app.ops.plans import import_plans
    from app.ops.workspace import dashboard_figures
    from app.ui.main_window import MainWindow

    today = date(2025, 12, 20)  # a day on which the samples have tasks of every light, some due within 30 days
    window = MainWindow(work / "status.sqlite3", today=today, remember_layout=False)
    import_plans(window.store, plans, today=today)
    window.refresh_all()
    window.resize(1366, 768)
    window.show()
    upcoming = dashboard_figures(window.store, today=today).upcoming  # what the overview lists as due soon
    window.select_task(upcoming[0].id)
    shots = [_save(window, out / "08-status-table-detail.png")]
    window.show_dashboard()
    _until(lambda: window.dashboard is not None)
    shots.append(_save(window.dashboard, out / "09-overview.png"))
    window.dashboard.close()
    window.close()
    return shots


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", type=Path, default=ROOT / "docs" / "tour")
    args = parser.parse_args()
    if not os.environ.get("DISPLAY"):
        os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    work = Path(tempfile.mkdtemp(prefix="duban-tour-"))
    os.environ["DUBAN_DATA_DIR"] = str(work / "data")  # the tour never touches the user's settings
    try:
        tour(args.out, work)
    finally:
        shutil.rmtree(work, ignore_errors=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
