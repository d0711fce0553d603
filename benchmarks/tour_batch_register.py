"""Pictures for the tour (docs/tour/05-batch.png, 06-register.png): the five sample plans in a new database,
批量督办 on the 呼和浩特 plan (all unfinished work) with its first notice previewed, then those notices issued
(saved only) and the 通知登记簿. Offscreen, at 1366×768 at most. Not a test:

    QT_QPA_PLATFORM=offscreen python benchmarks/tour_batch_register.py [OUT_DIR]
"""
from __future__ import annotations

import os
import sys
import tempfile
from datetime import date
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
ROOT = Path(__file__).resolve().parents[1]
sys.path[:0] = [str(ROOT), str(ROOT / "scripts")]
from tour import _settle, _until  # noqa: E402  (scripts/tour.py: the tour's waits)

TODAY = date(2026, 1, 15)
SCREEN = (1366, 768)


def main(out_dir: Path) -> None:
    work = Path(tempfile.mkdtemp(prefix="duban-tour-"))
    os.environ["DUBAN_DATA_DIR"] = str(work / "data")
    from PySide6.QtPdf import QPdfDocument

    from app.ops.plans import import_plan, list_plans
    from app.ui.application import make_application, save_screenshot
    from app.ui.main_window import MainWindow
    from app.ui.print_dialog import FOLDER_KEY, SAVE_ONLY
    from app.ui.ui_settings import ui_settings

    make_application()
    ui_settings().setValue(FOLDER_KEY, str(work / "督办通知"))
    window = MainWindow(work / "desk.sqlite3", today=TODAY, remember_layout=False)
    for path in sorted((ROOT / "resources" / "samples").glob("*.txt")):
        import_plan(window.store, path, today=date(2025, 12, 1))
    window.refresh_all()
    window.resize(*SCREEN)
    window.show()
    hohhot = next(p.id for p in list_plans(window.store) if "呼和浩特" in (p.title or ""))
    window.batch_action.trigger()
    dialog = window.batch_dialog
    _until(lambda: not window.runner.busy)
    [open_work] = [b for b in dialog.scope_buttons.buttons() if b.text() == "全部未完成"]
    open_work.setChecked(True)
    dialog.plan.setCurrentIndex(dialog.plan.findData(hohhot))
    dialog.after.setCurrentIndex(dialog.after.findData(SAVE_ONLY))
    _until(lambda: not window.runner.busy and bool(dialog.recipients))
    dialog.preview_first()
    _until(lambda: not window.runner.busy and dialog.preview.document.status() == QPdfDocument.Status.Ready)
    dialog.resize(min(dialog.width(), SCREEN[0]), min(dialog.height(), SCREEN[1]))
    _settle(2)  # QPdfView draws its pages asynchronously once the document is ready
    save_screenshot(dialog, out_dir / "05-batch.png")
    dialog.issue()
    _until(lambda: dialog.outcome is not None)
    dialog.reject()
    window.register_action.trigger()
    register = window.register_window
    register.resize(min(register.width(), SCREEN[0]), min(register.height(), SCREEN[1]))
    register.select_number(dialog.outcome.notices[3].number)
    register.void_selected("单位名称有误，重新下发")
    register.table.selectRow(0)
    save_screenshot(register, out_dir / "06-register.png")
    print(f"{out_dir / '05-batch.png'}\n{out_dir / '06-register.png'}")
    window.close()


if __name__ == "__main__":
    main(Path(sys.argv[1]) if len(sys.argv) > 1 else ROOT / "docs" / "tour")
