"""The office's day in the window, timed (not a test; issue 10's closing figures).

    QT_QPA_PLATFORM=offscreen python benchmarks/office_day_bench.py [--runs 3]

1. The scenario of tests/ui/test_office_day.py, from an empty database: the five sample files read and imported
   (全部导入), the profile saved, the as-of date moved, 本单位任务, a 进展, a 延期, a 办结, 批量督办 of every unit
   of the 呼和浩特 plan (recipients, the blank-number preview, issuing and writing every PDF and the merged one),
   its 情况通报, a notice voided in the register. Each step is timed from the call that starts it to the moment
   the window has finished it (the runner idle, the dialog or rows there), polling the event loop every
   millisecond: the program's own time, without a user's thinking time or a test's fixed waits.
2. 打印 of a 4-page notice to a PDF file (打印 dialog, 打印到 PDF 文件: the vector PDF copied off the interface
   thread), from 打印 to done, with the longest gap of the interface thread's event loop meanwhile.
Best and median of `--runs`. Fonts and Qt are loaded once before the first run (as in a window already open).
"""
from __future__ import annotations

import argparse
import os
import shutil
import statistics
import sys
import tempfile
import time
from collections.abc import Callable
from datetime import date
from pathlib import Path
from typing import Any

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
ROOT = Path(__file__).resolve().parents[1]
sys.path[:0] = [str(ROOT), str(ROOT / "scripts")]

import tour  # noqa: E402  (scripts/tour.py: the window's waits)

SEEDS = sorted((ROOT / "tests" / "fixtures" / "seeds").glob("*.txt"))
AS_OF = date(2026, 1, 15)


def _until(condition: Callable[[], bool], timeout: float = 120.0) -> None:
    tour._until(condition, timeout, poll=0.001)  # a millisecond's polling: the step's own time, not the wait's


class Steps:
    def __init__(self) -> None:
        self.times: dict[str, float] = {}

    def step(self, name: str, start: Callable[[], Any], finished: Callable[[], bool]) -> None:
        began = time.perf_counter()
        start()
        _until(finished)
        self.times[name] = time.perf_counter() - began


def one_day(work: Path) -> dict[str, float]:
    from app.ops.due import due_assignments
    from app.ops.plans import list_plans
    from app.ops.profile import get_profile
    from app.ops.tasks import task_detail
    from app.ops.units import list_units
    from app.ui.main_window import MainWindow
    from app.ui.print_dialog import FOLDER_KEY, SAVE_ONLY
    from app.ui.ui_settings import ui_settings

    ui_settings().setValue(FOLDER_KEY, str(work / "督办通知"))
    window = MainWindow(work / "desk.sqlite3", today=date(2025, 12, 1), remember_layout=False)
    window.show()
    _until(lambda: window.store is not None and not window.runner.busy)
    idle = lambda: not window.runner.busy  # noqa: E731
    s = Steps()
    s.step("读入五个文件", lambda: window.read_files(SEEDS),
           lambda: getattr(window, "preview", None) is not None and window.preview.isVisible())
    s.step("全部导入", lambda: window.preview.accept_all(),
           lambda: getattr(window, "profile_dialog", None) is not None and window.profile_dialog.isVisible())
    hohhot = next(p.id for p in list_plans(window.store) if "呼和浩特" in (p.title or ""))
    dated = [i for i in due_assignments(window.store, today=AS_OF, include_done=False)
             if i.plan_id == hohhot and i.due is not None]
    groups = {u.name for u in list_units(window.store) if u.is_group}
    own = max({i.unit for i in dated} - groups, key=lambda u: sum(i.unit == u for i in dated))
    mine = list(dict.fromkeys(i.task_id for i in dated if i.unit == own))
    profile = window.profile_dialog
    profile.editors["office_name"].setText("呼和浩特市人民政府办公室")
    profile.editors["red_header_title"].setText("呼和浩特市人民政府督查室")
    profile.editors["notice_prefix"].setText("呼督办")
    profile.editors["own_unit"].setCurrentIndex(profile.editors["own_unit"].findText(own))
    s.step("机关信息", profile.accept, lambda: get_profile(window.store).own_unit == own)
    s.step("截至日期", lambda: window.as_of.set_value(AS_OF), idle)
    s.step("本单位任务", lambda: window.side.select_view("本单位任务"),
           lambda: idle() and window.filters.current_filter().own_unit and window.model.rowCount() > 0)
    s.step("选中任务", lambda: window.select_task(mine[0]), lambda: idle() and window.detail.task_id == mine[0])
    window.detail.form.content.setPlainText("已完成年度计量器具检定计划的制定")
    s.step("进展", window.detail.form.save.click,
           lambda: idle() and bool(task_detail(window.store, mine[0], today=AS_OF).progress))
    s.step("延期（打开）", lambda: window.task_actions.extend(mine[0]), lambda: window.task_actions.dialog.isVisible())
    dialog = window.task_actions.dialog
    dialog.reason.setPlainText("需待省级计量标准考核完成后实施")
    s.step("延期", dialog.accept, lambda: idle() and not dialog.isVisible())
    s.step("办结", lambda: (window.task_actions.mark_done(mine[-1]), window.task_actions.dialog.accept()), idle)
    s.step("批量督办（打开、列出）", window.batch_action.trigger,
           lambda: idle() and bool(window.batch_dialog.recipients))
    batch = window.batch_dialog
    batch.after.setCurrentIndex(batch.after.findData(SAVE_ONLY))
    batch.plan.setCurrentIndex(batch.plan.findData(hohhot))
    [open_work] = [b for b in batch.scope_buttons.buttons() if b.text() == "全部未完成"]
    s.step("全部未完成（列出、预览）", lambda: open_work.setChecked(True),
           lambda: idle() and bool(batch.recipients) and batch.preview.path is not None)
    s.step("编号并保存全部", batch.issue, lambda: batch.outcome is not None)
    notices = len(batch.outcome.notices)
    batch.reject()
    s.step("情况通报（打开、预览）", window.bulletin_action.trigger, idle)
    bulletin = window.bulletin_dialog
    s.step("情况通报（编号并保存）", bulletin.issue, lambda: bulletin.outcome is not None)
    bulletin.reject()
    s.step("通知登记簿", window.register_action.trigger, idle)
    register = window.register_window
    _until(lambda: register.model.rowCount() > 0)
    register.select_number(register.model.entries[0].number)
    s.step("作废", lambda: register.void_selected("单位名称有误，重发"), idle)
    register.close()
    window.close()
    s.times["(通知份数)"] = notices
    return s.times


def four_page_notice(work: Path) -> Path:
    """A notice of 4 pages: the unit with the most open work of every plan, at AS_OF, as one 督办."""
    from pypdf import PdfReader

    from app.ops.notice_scope import BatchScope
    from app.ops.notices import issue_batch
    from app.ops.plans import import_plan
    from app.ops.session import open_store

    store = open_store(work / "print.sqlite3", backup=False, create=True)
    for path in SEEDS:
        import_plan(store, path, today=date(2025, 12, 1))
    result = issue_batch(store, BatchScope(scope="open", kind="督办", include_ongoing=True), today=AS_OF,
                         out_dir=work / "notices")
    store.close()
    pages = {n.path: len(PdfReader(n.path).pages) for n in result.notices}
    chosen = [p for p, n in pages.items() if n == 4] or [max(pages, key=lambda p: pages[p])]
    print(f"打印用通知：{chosen[0].name}，{pages[chosen[0]]} 页")
    return chosen[0]


def print_to_file(work: Path, notice: Path) -> tuple[float, float]:
    from PySide6.QtCore import QTimer

    from app.ui.main_window import MainWindow
    from app.ui.print_dialog import TO_FILE, PrintDialog

    window = MainWindow(work / "print-window.sqlite3", today=AS_OF, remember_layout=False)
    _until(lambda: window.store is not None and not window.runner.busy)
    dialog = PrintDialog([notice], window.runner, work / "printed", window)
    dialog.destination.setCurrentIndex(dialog.destination.findData(TO_FILE))
    dialog.target.setText(str(work / "printed" / f"打印_{time.monotonic_ns()}.pdf"))
    (work / "printed").mkdir(exist_ok=True)
    dialog.show()
    gaps = [0.0]
    last = [time.perf_counter()]

    def tick() -> None:
        now = time.perf_counter()
        gaps.append(now - last[0])
        last[0] = now

    timer = QTimer()
    timer.timeout.connect(tick)
    timer.start(10)
    began = time.perf_counter()
    last[0] = began
    dialog.start()
    _until(lambda: bool(dialog.result_lines) or "错误" in dialog.message.text())
    took = time.perf_counter() - began
    timer.stop()
    assert Path(dialog.target.text()).exists(), dialog.message.text()
    dialog.close()
    window.close()
    return took, max(gaps)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=3)
    args = parser.parse_args()
    work = Path(tempfile.mkdtemp(prefix="duban-day-bench-"))
    os.environ["DUBAN_DATA_DIR"] = str(work / "data")
    from app.ui.application import make_application

    make_application()
    try:
        runs = []
        for n in range(args.runs):
            run_dir = work / f"run{n}"
            run_dir.mkdir()
            runs.append(one_day(run_dir))
        names = [k for k in runs[0] if not k.startswith("(")]
        print(f"\n一天的程序时间（{args.runs} 次，秒；通知 {int(runs[0]['(通知份数)'])} 份）")
        for name in names:
            values = [r[name] for r in runs]
            print(f"  {name:<18} 最好 {min(values):6.3f}　中位 {statistics.median(values):6.3f}")
        totals = [sum(r[k] for k in names) for r in runs]
        print(f"  {'合计':<18} 最好 {min(totals):6.3f}　中位 {statistics.median(totals):6.3f}")
        notice = four_page_notice(work)
        prints = [print_to_file(work, notice) for _ in range(args.runs)]
        print(f"\n打印到 PDF 文件：最好 {min(p[0] for p in prints):.3f} 秒，中位 "
              f"{statistics.median(p[0] for p in prints):.3f} 秒；其间界面线程最长停顿 "
              f"{max(p[1] for p in prints) * 1000:.0f} 毫秒")
    finally:
        shutil.rmtree(work, ignore_errors=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
