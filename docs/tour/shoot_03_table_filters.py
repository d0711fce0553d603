"""Screenshot for the tour: the task table at 1366×768 with 截至日期 set to another day and the status filter
on 逾期 + 临期, over the five sample plans.

    DUBAN_DATA_DIR=$(mktemp -d) xvfb-run -s "-screen 0 1366x768x24" .venv/bin/python docs/tour/shoot_03_table_filters.py
"""
from __future__ import annotations

import sys
import tempfile
from datetime import date
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))

from app.ui.application import make_application, save_screenshot  # noqa: E402


def main(out: Path = ROOT / "docs" / "tour" / "03-table-filters.png") -> Path:
    make_application()
    from app.ops.plans import import_plan
    from app.ui.main_window import MainWindow

    today = date.today()
    db = Path(tempfile.mkdtemp()) / "tour.sqlite3"
    window = MainWindow(db, today=today, remember_layout=False)
    for path in sorted((ROOT / "resources" / "samples").glob("*.txt")):
        import_plan(window.store, path, today=today)
    window.refresh_all()
    window.resize(1366, 768)
    window.move(0, 0)
    window.show()
    window.side.select_view("全部任务")
    window.as_of.set_value(date(2025, 12, 20))
    for light in ("red", "yellow"):
        window.filters.status.actions_by_light[light].trigger()
    window.select_first_task()
    shot = save_screenshot(window, out)
    window.close()
    return shot


if __name__ == "__main__":
    print(main())
