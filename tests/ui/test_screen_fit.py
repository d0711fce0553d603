"""Every window and dialog fits a 1366×768 office screen (issue 10, item 9): on a screen whose free area is
1366×728, each one opens, with its frame, inside that area, and its layout's minimum fits too (so nothing is cut or
pushed off the screen). Each dialog is made over the five sample plans, with their longest titles and names; a
new dialog class in app/ui needs its line in FACTORIES (the test below lists any that has none)."""
from __future__ import annotations

import importlib
import inspect
import pkgutil
from collections.abc import Callable
from typing import Any

from pathlib import Path

import pytest
from PySide6.QtCore import QSize
from PySide6.QtWidgets import QDialog, QWidget

import app.ui
from app.domain.task_filter import TaskFilter
from app.errors import UserError
from app.ops import plans as plan_ops
from app.ops import settings as settings_ops
from app.ops import tasks as task_ops
from app.ops import units as unit_ops
from app.ops import workspace as workspace_ops
from app.ui import screen_fit
from app.ui.screen_fit import FRAME, SMALL_SCREEN
from tests.ui.conftest import SAMPLES, WINDOW_TODAY


def _dialog_classes() -> dict[str, type]:
    """Every QDialog subclass defined in a module of app/ui, by name."""
    found = {}
    for info in pkgutil.iter_modules(app.ui.__path__):
        module = importlib.import_module(f"app.ui.{info.name}")
        for name, cls in inspect.getmembers(module, inspect.isclass):
            if cls.__module__ == module.__name__ and issubclass(cls, QDialog):
                found[name] = cls
    return found


def _longest_task(window: Any) -> Any:
    store = window.store
    rows = task_ops.query_tasks(store, TaskFilter(today=WINDOW_TODAY), "ref", False, 10_000, 0)
    return max((task_ops.task_detail(store, r.id, today=WINDOW_TODAY) for r in rows),
               key=lambda d: len(d.title) + sum(len(u.name) for u in d.units))


def _preview(window: Any) -> QDialog:
    from app.ui.import_dialog import ImportPreviewDialog

    reading = plan_ops.read_plans(SAMPLES)
    try:
        while True:
            next(reading)
    except StopIteration as done:
        plans = done.value
    plan = max(plans, key=lambda p: len(p.matrix.tasks))
    similar = workspace_ops.similar_units(window.store, plan.matrix) or [("某某市市场监管局", "某某市市场监督管理局")]
    return ImportPreviewDialog(plan.text, plan.matrix, similar, window)


def _notice(window: Any) -> QDialog:
    from app.ui.notice_dialog import NoticeDialog

    dialog = NoticeDialog(window.store, [_longest_task(window).id], WINDOW_TODAY, window, runner=window.runner)
    dialog.info.setText("已登记 呼督办〔2026〕128号，文件：" + "/home/督查室/文档/督办台/通知/" * 4 + "督办通知单.pdf")
    return dialog


def _plans(window: Any) -> list[Any]:
    """Every plan as the dialogs' choosers offer it (the tree's label: place first)."""
    from app.ui.plan_choosers import store_plan_choices

    return store_plan_choices(window.store)


def _bulletin(window: Any) -> QDialog:
    from app.ui.bulletin_dialog import BulletinDialog

    return BulletinDialog(window.runner, _plans(window), WINDOW_TODAY, window)


def _batch(window: Any) -> QDialog:
    from app.ui.batch_dialog import BatchDialog

    return BatchDialog(window.runner, _plans(window), WINDOW_TODAY, window)


def _issue_window(window: Any) -> QDialog:
    from app.ui.issue_window import PreviewedIssueDialog

    return PreviewedIssueDialog("批量督办", window.runner, parent=window)


def _register(window: Any) -> QDialog:
    from app.ops.notices import issue_notice
    from app.ui.notice_register import NoticeRegisterWindow

    units = sorted((u for u in unit_ops.list_units(window.store) if u.task_count), key=lambda u: -len(u.name))
    for unit in units:  # the longest name that has work to chase
        try:
            issue_notice(window.store, unit=str(unit.id), kind="督办", today=WINDOW_TODAY, include_ongoing=True,
                         out=window.db_path.parent / "n.pdf")
            break
        except UserError:
            continue
    return NoticeRegisterWindow(window.store, window.runner, window)


def _print(window: Any) -> QDialog:
    from app.ui.print_dialog import PrintDialog

    return PrintDialog([window.db_path.parent / ("很长的文件名" * 8 + ".pdf")], window.runner, window.db_path.parent, window)


def _pdf(window: Any) -> QDialog:
    from app.ui.pdf_preview import PdfPreviewDialog

    return PdfPreviewDialog(window.db_path.parent / "none.pdf", "通知", "呼督办〔2026〕128号" * 6, window.runner, window)


def _dashboard(window: Any) -> QDialog:
    from app.ops.workspace import dashboard_figures
    from app.ui.dashboard import Dashboard
    from app.ui.dashboard_flow import dashboard_data

    dialog = Dashboard(None, window)
    dialog.set_data(dashboard_data(dashboard_figures(window.store, today=WINDOW_TODAY)))
    return dialog


def _issue(window: Any) -> QDialog:
    from app.ui.notice_dialog import IssueDialog

    return IssueDialog(window.store, WINDOW_TODAY, window, runner=window.runner)


def _read_progress(window: Any) -> QDialog:
    from app.ui.import_dialog import ReadProgress

    return ReadProgress(window.worker, SAMPLES[:1], window)


def _settings(window: Any) -> QDialog:
    from app.ui.settings_dialog import SettingsDialog

    return SettingsDialog(settings_ops.get_settings(window.store), window)


def _profile(window: Any) -> QDialog:
    from app.ui.profile_dialog import ProfileDialog

    units = sorted(u.name for u in unit_ops.list_units(window.store) if not u.is_group)
    return ProfileDialog(settings_ops.get_settings(window.store), units, window, first_use=True)


def _on_task(cls_name: str, module: str) -> Callable[[Any], QDialog]:
    def make(window: Any) -> QDialog:
        cls = getattr(importlib.import_module(module), cls_name)
        detail = _longest_task(window)
        if cls_name in ("ExtendDialog", "DoneDialog"):
            return cls(detail, WINDOW_TODAY, lambda entry: True, window)
        return cls(detail, window)
    return make


def _entry(window: Any) -> QDialog:
    from app.ui.task_action_dialogs import _EntryDialog

    return _EntryDialog("延期", lambda entry: True, window)


def _calendar(window: Any) -> QDialog:
    from app.ui.calendar_dialog import CalendarDialog

    return CalendarDialog(window)


def _paste(window: Any) -> QDialog:
    from app.ui.calendar_dialog import PasteDialog

    return PasteDialog(window.store, WINDOW_TODAY.year, window)


def _ledger(window: Any) -> QDialog:
    from app.ui.ledger_dialog import LedgerDialog

    return LedgerDialog(_plans(window), WINDOW_TODAY, window.runner, window)


def _export_forms(window: Any) -> QDialog:
    from app.ui.feedback_dialogs import ExportFormsDialog

    return ExportFormsDialog(_plans(window), WINDOW_TODAY, Path.home(), window)


def _feedback_preview(window: Any) -> QDialog:
    """The preview of every unit's form of the plan with the most units, read straight back (long unit names)."""
    import tempfile

    from app.ops import feedback as feedback_ops
    from app.ui.feedback_dialogs import FeedbackPreviewDialog

    store = window.store
    plan_id = max(plan_ops.list_plans(store), key=lambda p: len(feedback_ops._plan_items(store, p.id, WINDOW_TODAY))).id
    folder = Path(tempfile.mkdtemp())
    sent = feedback_ops.export_forms(store, plan_id=plan_id, today=WINDOW_TODAY, out_dir=folder)
    forms = feedback_ops.run_steps(feedback_ops.read_forms(sorted(folder.glob("*.xlsx"))))
    assert sent and forms
    return FeedbackPreviewDialog(feedback_ops.preview_feedback(store, forms, received_on=WINDOW_TODAY), window)


def _feedback_status(window: Any) -> QDialog:
    from app.ui.feedback_dialogs import FeedbackStatusDialog

    return FeedbackStatusDialog(_plans(window), window)


FACTORIES: dict[str, Callable[[Any], QWidget]] = {
    "ExportFormsDialog": _export_forms,
    "FeedbackPreviewDialog": _feedback_preview,
    "FeedbackStatusDialog": _feedback_status,
    "CalendarDialog": _calendar,
    "PasteDialog": _paste,
    "LedgerDialog": _ledger,
    "ImportPreviewDialog": _preview,
    "ReadProgress": _read_progress,
    "IssueDialog": _issue,
    "NoticeDialog": _notice,
    "BulletinDialog": _bulletin,
    "BatchDialog": _batch,
    "PreviewedIssueDialog": _issue_window,
    "NoticeRegisterWindow": _register,
    "PrintDialog": _print,
    "PdfPreviewDialog": _pdf,
    "Dashboard": _dashboard,
    "SettingsDialog": _settings,
    "ProfileDialog": _profile,
    "SourceDialog": _on_task("SourceDialog", "app.ui.source_dialog"),
    "TaskEditDialog": _on_task("TaskEditDialog", "app.ui.task_edit_dialog"),
    "ExtendDialog": _on_task("ExtendDialog", "app.ui.task_action_dialogs"),
    "DoneDialog": _on_task("DoneDialog", "app.ui.task_action_dialogs"),
    "_EntryDialog": _entry,
}
# Top-level windows that are not dialogs.
WINDOWS: dict[str, Callable[[Any], QWidget]] = {
    "UnitDirectory": lambda window: importlib.import_module("app.ui.unit_directory").UnitDirectory(
        window.store, window.undo_stack, window),
}


def test_every_dialog_class_in_app_ui_is_checked() -> None:
    assert sorted(set(_dialog_classes()) - set(FACTORIES)) == []


@pytest.fixture
def small_screen(monkeypatch: pytest.MonkeyPatch) -> QSize:
    """The screen's free area as on a 1366×768 office screen with its taskbar."""
    monkeypatch.setattr(screen_fit, "available_size", lambda widget=None: QSize(SMALL_SCREEN))
    return SMALL_SCREEN


def _fits(widget: QWidget, room: QSize) -> None:
    for what, size in (("size", widget.size()), ("minimum", widget.minimumSizeHint()),
                       ("frame", widget.frameGeometry().size())):
        outer = size + FRAME if what != "frame" else size
        assert outer.width() <= room.width() and outer.height() <= room.height(), (
            f"{type(widget).__name__}: {what} {size.width()}×{size.height()} does not fit {room.width()}×{room.height()}")


@pytest.mark.parametrize("name", sorted({**FACTORIES, **WINDOWS}))
def test_each_dialog_fits_a_1366x768_screen(name: str, samples_window: Any, small_screen: QSize, qtbot: Any) -> None:
    widget = {**FACTORIES, **WINDOWS}[name](samples_window)
    widget.show()
    qtbot.waitExposed(widget)
    _fits(widget, small_screen)
    if name == "ReadProgress":  # let the reading it started finish before the window closes
        with qtbot.waitSignal(widget.done, timeout=30_000):
            pass
    widget.close()


def test_the_main_window_opens_inside_a_1366x768_screen(samples_window: Any, small_screen: QSize, qtbot: Any) -> None:
    from app.ui.main_window import MainWindow

    window = MainWindow(samples_window.db_path, today=WINDOW_TODAY, remember_layout=False)
    qtbot.addWidget(window)
    window.show()
    qtbot.waitExposed(window)
    _fits(window, small_screen)
    assert window.width() >= 1200 and window.height() >= 600  # the room is used, not a small window in a corner
    window.close()


def test_a_large_screen_gets_the_size_asked_for(monkeypatch: pytest.MonkeyPatch, qtbot: Any) -> None:
    monkeypatch.setattr(screen_fit, "available_size", lambda widget=None: QSize(2560, 1400))
    widget = QWidget()
    qtbot.addWidget(widget)
    assert screen_fit.fit_to_screen(widget, 1440, 880) == QSize(1440, 880) == widget.size()
    monkeypatch.setattr(screen_fit, "available_size", lambda widget=None: QSize(1366, 728))
    assert screen_fit.fit_to_screen(widget, 1440, 880) == QSize(1350, 688) == widget.size()


def test_offscreen_pictures_are_drawn_as_on_the_office_screen(qapp: Any) -> None:
    assert qapp.platformName() == "offscreen"  # how the tests run: its 800×800 stand-in screen is not used
    assert screen_fit.available_size() == SMALL_SCREEN
