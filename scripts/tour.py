"""The screenshot tour (docs/tour/): the real window on a 1366×768 screen, each step saved as a PNG.

    xvfb-run -s "-screen 0 1366x768x24" python scripts/tour.py [--out docs/tour]

Under Xvfb the screen is a real 1366×768 one, so the window and its dialogs size themselves as on an office
screen of that size. Without a display it falls back to Qt's offscreen platform (whose screen is smaller).
Each picture is the window or dialog itself (window.grab()), taken once its contents have been painted.
01–02 on a new database; 03–07 (table with filters, 延期, 批量督办, 通知登记簿, 工作日历) over the five sample plans.
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


def _until(condition: Callable[[], bool], timeout: float = 60.0, poll: float = 0.01) -> None:
    from PySide6.QtWidgets import QApplication

    end = time.monotonic() + timeout
    while not condition():
        if time.monotonic() > end:
            raise TimeoutError("the window did not get there in time")
        QApplication.processEvents()
        time.sleep(poll)


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


# --- 03–07: the office's day over the five sample plans (one window; each picture its own function) -----------
DAY = date(2026, 1, 15)  # some of the samples' work is overdue by then
SCREEN = (1366, 768)


def _fit(widget) -> None:
    """A dialog never larger than the screen the tour stands for (the offscreen fallback's screen is smaller)."""
    widget.resize(min(widget.width(), SCREEN[0]), min(widget.height(), SCREEN[1]))


def _sample_window(work: Path):
    from app.ops.plans import import_plan
    from app.ops.profile import set_profile
    from app.paths import resource_path
    from app.ui.main_window import MainWindow
    from app.ui.print_dialog import FOLDER_KEY
    from app.ui.ui_settings import ui_settings

    ui_settings().setValue(FOLDER_KEY, str(work / "督办通知"))
    window = MainWindow(work / "desk.sqlite3", today=DAY, remember_layout=False)
    for path in sorted(resource_path("samples").glob("*.txt")):
        import_plan(window.store, path, today=date(2025, 12, 1))
    set_profile(window.store, office="呼和浩特市人民政府办公室", header="呼和浩特市人民政府督查室", prefix="呼督办")
    window.refresh_all()
    window.resize(*SCREEN)
    window.move(0, 0)
    window.show()
    _until(lambda: not window.runner.busy)
    return window


def _hohhot(window) -> int:
    from app.ops.plans import list_plans

    return next(p.id for p in list_plans(window.store) if "呼和浩特" in (p.title or ""))


def shoot_main(window, out: Path) -> Path:
    """00, the README's picture: the 呼和浩特 plan chosen in the plans tree, its first task in the detail pane."""
    side = window.side
    items = [side.plans_root]
    while items:  # the tree nests a plan under the plan it carries out
        item = items.pop(0)
        if "呼和浩特" in item.text():
            side.setCurrentIndex(item.index())
            break
        items += [item.child(row) for row in range(item.rowCount())]
    _until(lambda: not window.runner.busy)
    window.select_first_task()
    return _save(window, out / "00-main.png")


def shoot_table_filters(window, out: Path) -> Path:
    """03: the table with 截至日期 on another day and the status filter on 逾期 + 临期."""
    window.side.select_view("全部任务")
    window.as_of.set_value(date(2025, 12, 20))
    for light in ("red", "yellow"):
        window.filters.status.actions_by_light[light].trigger()
    _until(lambda: not window.runner.busy)
    window.select_first_task()
    shot = _save(window, out / "03-table-filters.png")
    for light in ("red", "yellow"):
        window.filters.status.actions_by_light[light].trigger()
    window.as_of.set_value(DAY)
    _until(lambda: not window.runner.busy)
    return shot


def shoot_extend(window, out: Path) -> Path:
    """04: 任务 → 延期… on one of the 呼和浩特 plan's dated tasks, filled in."""
    from PySide6.QtCore import QDate

    from app.ops.due import due_assignments

    plan_id = _hohhot(window)
    task_id = next(i.task_id for i in due_assignments(window.store, today=DAY, include_done=False)
                   if i.plan_id == plan_id and i.due is not None)
    window.show_task(task_id)
    window.task_actions.extend(task_id)
    dialog = window.task_actions.dialog
    dialog.new_due.setDate(QDate(2026, 6, 30))
    dialog.reason.setPlainText("需待省级计量标准考核完成后实施")
    dialog.basis.setText("呼政办函〔2026〕3号")
    _fit(dialog)
    shot = _save(dialog, out / "04-extend.png")
    dialog.reject()
    return shot


def shoot_batch_and_register(window, out: Path) -> list[Path]:
    """05: 批量督办 on the 呼和浩特 plan (all unfinished work), its first notice previewed with the number blank;
    06: those notices issued (saved only) and the 通知登记簿, one of them voided."""
    from PySide6.QtPdf import QPdfDocument

    from app.ui.print_dialog import SAVE_ONLY

    window.batch_action.trigger()
    dialog = window.batch_dialog
    _until(lambda: not window.runner.busy)
    [open_work] = [b for b in dialog.scope_buttons.buttons() if b.text() == "全部未完成"]
    open_work.setChecked(True)
    dialog.plan.setCurrentIndex(dialog.plan.findData(_hohhot(window)))
    dialog.after.setCurrentIndex(dialog.after.findData(SAVE_ONLY))
    _until(lambda: not window.runner.busy and bool(dialog.recipients))
    dialog.preview_first()
    _until(lambda: not window.runner.busy and dialog.preview.document.status() == QPdfDocument.Status.Ready)
    _fit(dialog)
    _settle(2)  # QPdfView draws its pages asynchronously once the document is ready
    shots = [_save(dialog, out / "05-batch.png")]
    dialog.issue()
    _until(lambda: dialog.outcome is not None)
    dialog.reject()
    window.register_action.trigger()
    register = window.register_window
    _fit(register)
    register.select_number(dialog.outcome.notices[min(3, len(dialog.outcome.notices) - 1)].number)
    register.void_selected("单位名称有误，重新下发")
    register.table.selectRow(0)
    shots.append(_save(register, out / "06-register.png"))
    register.close()
    return shots


def shoot_calendar(window, out: Path) -> Path:
    """07: 工具 → 工作日历… for 2026."""
    window.calendar_action.trigger()
    dialog = window.calendar_dialog
    _until(lambda: not window.runner.busy)
    _fit(dialog)
    shot = _save(dialog, out / "07-calendar.png")
    dialog.reject()
    return shot


def office_day_tour(out: Path, work: Path) -> list[Path]:
    """00 and 03–07 over the five sample plans, in one window."""
    window = _sample_window(work)
    shots = [shoot_main(window, out), shoot_table_filters(window, out), shoot_extend(window, out)]
    shots += shoot_batch_and_register(window, out)
    shots.append(shoot_calendar(window, out))
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
        office_day_tour(args.out, work)
    finally:
        shutil.rmtree(work, ignore_errors=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
