"""The office's whole day in the window (issue 10), driven as a clerk would through real widgets: five plan
files in, the office profile, every responsible unit's 督办 notice of the 呼和浩特 plan written as PDF files —
in at most 15 user actions — and around it the as-of date, 本单位任务, 进展 / 延期 / 办结, the 情况通报 and a
notice voided in the register. Every click, typed text, key and file-dialog answer goes through `act`."""
from __future__ import annotations

from collections.abc import Callable
from datetime import date
from pathlib import Path
from typing import Any

import pdfplumber
from PySide6.QtCore import QPoint, Qt
from PySide6.QtGui import QInputMethodEvent
from PySide6.QtWidgets import (
    QApplication,
    QDateEdit,
    QFileDialog,
    QInputDialog,
    QPushButton,
    QToolBar,
    QWidget,
)

from app.ops.due import due_assignments
from app.ops.notice_scope import BatchScope
from app.ops.notices import list_register, plan_batch
from app.ops.plans import list_plans
from app.ops.profile import get_profile
from app.ops.tasks import task_detail
from app.ops.units import list_units
from app.ui.menus import menu_named
from app.ui.side_tree import FILTER_ROLE

SEEDS = sorted((Path(__file__).resolve().parents[1] / "fixtures" / "seeds").glob("*.txt"))
AS_OF = date(2026, 1, 15)
WAIT = 20_000


class Actions:
    """The user's actions, counted: one per click, typed text, key sequence or dialog answer."""

    def __init__(self, qtbot: Any) -> None:
        self.qtbot = qtbot
        self.count = 0

    def click(self, widget: QWidget, pos: QPoint | None = None) -> None:
        self.count += 1
        if pos is None:
            self.qtbot.mouseClick(widget, Qt.MouseButton.LeftButton)
        else:
            self.qtbot.mouseClick(widget, Qt.MouseButton.LeftButton, pos=pos)

    def type(self, widget: QWidget, text: str) -> None:
        """Typed text: ASCII as keys, Chinese as an input method commits it."""
        self.count += 1
        if text.isascii():
            self.qtbot.keyClicks(widget, text)
            return
        widget.setFocus()
        event = QInputMethodEvent()
        event.setCommitString(text)
        QApplication.sendEvent(widget, event)

    def choose(self, combo: Any, text: str) -> None:
        """A drop-down: open it, click the entry (two actions)."""
        self.count += 2
        index = combo.findText(text)
        assert index >= 0, text
        combo.setCurrentIndex(index)

    def menu(self, window: Any, title: str, entry: str) -> None:
        """A menu entry: open the menu, click the entry (two actions)."""
        self.count += 2
        [action] = [a for a in menu_named(window.menuBar(), title).actions() if a.text() == entry]
        assert action.isEnabled(), entry
        action.trigger()

    def answer(self, value: Any) -> Callable[..., Any]:
        """A modal dialog's answer (a file chosen, a reason typed and OK): one action when asked."""

        def answered(*_args: Any, **_kwargs: Any) -> Any:
            self.count += 1
            return value

        return answered


def _button(parent: QWidget, text: str) -> QPushButton:
    [button] = [b for b in parent.findChildren(QPushButton) if b.text() == text and b.isVisible()]
    return button


def _tree_click(act: Actions, tree: Any, item: Any) -> None:
    index = item.index()
    tree.scrollTo(index)
    act.click(tree.viewport(), tree.visualRect(index).center())


def _plan_item(root: Any, plan_id: int) -> Any:
    for row in range(root.rowCount()):
        item = root.child(row)
        task_filter = item.data(FILTER_ROLE)
        if getattr(task_filter, "plan_id", None) == plan_id:
            return item
        found = _plan_item(item, plan_id)
        if found is not None:
            return found
    return None


def _table_click(act: Actions, window: Any, row: int) -> None:
    table = window.table
    index = table.model().index(row, 1)
    table.scrollTo(index)
    act.click(table.viewport(), table.visualRect(index).center())


def _row_of(window: Any, task_id: int) -> int:
    model = window.model
    return next(r for r in range(model.rowCount()) if model.row_object(r).id == task_id)


def _pdf_text(path: Path) -> str:
    with pdfplumber.open(path) as pdf:
        return "".join(page.extract_text() or "" for page in pdf.pages).replace("\n", "").replace(" ", "")


def test_five_files_to_every_units_notice_in_fifteen_actions_and_the_rest_of_the_day(qtbot, window, monkeypatch):
    headline, rest = Actions(qtbot), Actions(qtbot)

    # --- five files in: 导入方案 on the toolbar, the five files chosen, 全部导入 -------------------------------
    act = headline
    monkeypatch.setattr(QFileDialog, "getOpenFileNames", staticmethod(act.answer(([str(p) for p in SEEDS], ""))))
    toolbar = window.findChild(QToolBar, "main_toolbar")
    act.click(toolbar.widgetForAction(window.import_action))
    qtbot.waitUntil(lambda: getattr(window, "preview", None) is not None and window.preview.isVisible(), timeout=WAIT)
    act.click(window.preview.all_button)
    qtbot.waitUntil(lambda: getattr(window, "profile_dialog", None) is not None and window.profile_dialog.isVisible(),
                    timeout=WAIT)
    plans = list_plans(window.store)
    assert len(plans) == len(SEEDS)
    hohhot = next(p for p in plans if "呼和浩特" in (p.title or ""))

    # --- the office profile, asked once after the first import ------------------------------------------------
    items = due_assignments(window.store, today=AS_OF, include_done=False)
    in_plan = [i for i in items if i.plan_id == hohhot.id and i.due is not None]
    by_unit: dict[str, list[int]] = {}
    for item in in_plan:
        by_unit.setdefault(item.unit, []).append(item.task_id)
    groups = {u.name for u in list_units(window.store) if u.is_group}
    own = max((u for u in by_unit if u not in groups), key=lambda u: len(by_unit[u]))
    profile = window.profile_dialog
    act.type(profile.editors["office_name"], "呼和浩特市人民政府办公室")
    act.type(profile.editors["red_header_title"], "呼和浩特市人民政府督查室")
    act.type(profile.editors["notice_prefix"], "呼督办")
    act.choose(profile.editors["own_unit"], own)
    act.click(_button(profile, "确定"))
    qtbot.waitUntil(lambda: get_profile(window.store).own_unit == own, timeout=WAIT)

    # --- the rest of the day before the round: as-of date, 本单位任务, 进展 / 延期 / 办结 ----------------------
    act = rest
    edit = window.as_of.edit
    edit.setFocus()
    edit.setSelectedSection(QDateEdit.Section.YearSection)
    act.type(edit, AS_OF.strftime("%Y%m%d"))
    qtbot.waitUntil(lambda: window.today == AS_OF, timeout=WAIT)
    views = window.side
    own_view = next(views.views_root.child(r) for r in range(views.views_root.rowCount())
                    if views.views_root.child(r).text() == "本单位任务")
    _tree_click(act, views, own_view)
    qtbot.waitUntil(lambda: window.filters.current_filter().own_unit and window.model.rowCount() > 0
                    and not window.runner.busy, timeout=WAIT)
    shown = {window.model.row_object(r).id for r in range(window.model.rowCount())}
    own_in_plan = [t for t in by_unit[own] if t in shown]
    assert len(own_in_plan) >= 2  # 本单位's tasks are found, those of the 呼和浩特 plan among them
    extended, finished = own_in_plan[0], own_in_plan[-1]

    _table_click(act, window, _row_of(window, extended))
    qtbot.waitUntil(lambda: window.detail.task_id == extended, timeout=WAIT)
    act.type(window.detail.form.content, "已完成年度计量器具检定计划的制定")
    act.click(window.detail.form.save)
    assert any(p.content == "已完成年度计量器具检定计划的制定"
               for p in task_detail(window.store, extended, today=AS_OF).progress)
    act.menu(window, "任务(&W)", "延期…")
    dialog = window.task_actions.dialog
    old_due = task_detail(window.store, extended, today=AS_OF).original_due
    new_due = date(2026, 6, 30)
    dialog.new_due.setFocus()
    dialog.new_due.setSelectedSection(QDateEdit.Section.YearSection)
    act.type(dialog.new_due, new_due.strftime("%Y%m%d"))
    act.type(dialog.reason, "需待省级计量标准考核完成后实施")
    act.click(_button(dialog, "确定"))
    extension = task_detail(window.store, extended, today=AS_OF)
    assert (extension.current_due, extension.original_due) == (new_due, old_due)
    _table_click(act, window, _row_of(window, finished))
    qtbot.waitUntil(lambda: window.detail.task_id == finished, timeout=WAIT)
    act.menu(window, "任务(&W)", "办结…")
    act.click(_button(window.task_actions.dialog, "确定"))
    qtbot.waitUntil(lambda: not window.runner.busy, timeout=WAIT)
    assert task_detail(window.store, finished, today=AS_OF).progress_state == "已完成"

    # --- the round: the 呼和浩特 plan chosen, 批量督办, all its open work, every recipient, 编号并保存全部 -----
    act = headline
    _tree_click(act, views, _plan_item(views.plans_root, hohhot.id))
    qtbot.waitUntil(lambda: window.filters.current_filter().plan_id == hohhot.id, timeout=WAIT)
    act.menu(window, "督办(&B)", "批量督办…")
    batch = window.batch_dialog
    assert batch.plan.currentData() == hohhot.id
    [open_work] = [b for b in batch.scope_buttons.buttons() if b.text() == "全部未完成"]
    act.click(open_work)
    qtbot.waitUntil(lambda: not batch.runner.busy and batch.list.count() > 0, timeout=WAIT)
    with qtbot.waitSignal(batch.issued, timeout=WAIT) as issued:
        act.click(batch.issue_button)
    outcome = issued.args[0]
    assert headline.count <= 15, headline.count

    # every responsible unit with open work (groups included) got its notice, as a PDF file in the folder
    open_units = {u for u, tasks in by_unit.items() if set(tasks) - {finished}}
    assert open_units == {r.name for r in plan_batch(window.store, BatchScope(scope="open", plan_id=hohhot.id,
                                                                               kind="督办"), today=AS_OF)}
    assert open_units & groups  # a group recipient (各……) among them
    register = list_register(window.store)
    assert {e.unit for e in register} == open_units
    assert len(outcome.notices) == len(open_units)
    texts = {n.unit: _pdf_text(Path(n.path)) for n in outcome.notices}
    for unit, text in texts.items():
        assert unit in text and "呼和浩特市人民政府督查室" in text and "呼督办〔2026〕" in text
    own_text = texts[own]
    assert "2026年6月30日" in own_text  # the extended task: its new date, and the plan's own (原定) said
    assert "原定" in own_text and "已延期" in own_text
    assert outcome.merged is not None and outcome.merged.exists()
    batch.reject()

    # --- 情况通报 of the plan, then a notice voided in the register -----------------------------------------
    act = rest
    act.menu(window, "督办(&B)", "情况通报…")
    bulletin = window.bulletin_dialog
    with qtbot.waitSignal(bulletin.issued, timeout=WAIT) as made:
        act.click(bulletin.issue_button)
    [report] = made.args[0].notices
    assert "呼和浩特市人民政府督查室" in _pdf_text(Path(report.path))
    bulletin.reject()
    act.menu(window, "督办(&B)", "通知登记簿")
    register_window = window.register_window
    voided = outcome.notices[0].number
    assert register_window.select_number(voided)
    monkeypatch.setattr(QInputDialog, "getText", staticmethod(act.answer(("单位名称有误，重发", True))))
    act.click(_button(register_window, "作废…"))
    entry = next(e for e in list_register(window.store) if e.number == voided)
    assert entry.voided and entry.voided_reason == "单位名称有误，重发"
    assert rest.count <= 25, rest.count
    print(f"\nactions: five files in → every unit's notice {headline.count}; the rest of the day {rest.count}")
