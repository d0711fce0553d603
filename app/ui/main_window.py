"""The main window: plans and saved views on the left, the task table in the centre, the selected task on the
right; a welcome page instead while the database holds no plan, and a plain message page when the database
cannot be opened (locked, read-only, from a newer version…), which then stays untouched.

Every read and write goes through app.ops; edits are pushed on one QUndoStack (Ctrl+Z / Ctrl+Y). Long work (the
overview, notices and bulletins, writing an import, backups) runs on the database runner (app.ui.runner), off the
interface thread; its change records reach `apply_changes`, which refreshes only what changed."""
from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING, Generic, TypeVar

from PySide6 import QtWidgets  # QtWidgets.QFileDialog at the call: made on first use, not before the first paint
from PySide6.QtCore import QModelIndex, QTimer, Signal
from PySide6.QtGui import QAction, QKeySequence, QPalette, QUndoStack
from PySide6.QtWidgets import (
    QLabel,
    QMainWindow,
    QPushButton,
    QSplitter,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from app.domain.task_filter import TaskFilter
from app.errors import StoreError, UserError, os_user_error
from app.ops.changes import Changes
from app.paths import resource_path
from app.ui.busy import BusyMark
from app.ui.chinese_qt import use_qt_file_dialogs
from app.ui.crash import show_user_error
from app.ui.feedback_actions import install as install_feedback
from app.ui.runner import DbRunner, LazyModule
from app.ui.screen_fit import fit_to_screen
from app.ui.menus import add_action, menu_named, new_action
from app.ui.supervision_menu import install as install_supervision
from app.ui.startup import load_core
from app.ui.task_actions import TaskActions
from app.ui.ui_settings import remember_last_db, ui_settings
from app.ui.undo import CreateCommand, ReplaceCommand
from app.ui.welcome import CENTRED_TEXT, WelcomePage, add_centred
from app.ui.worker import Worker

if TYPE_CHECKING:  # the panes' modules load right after the first paint (MainWindow._build_work_panes)
    from app.ui.detail_pane import DetailPane
    from app.ui.filter_bar import FilterBar
    from app.ui.side_tree import SideTree
    from app.ui.task_model import TaskTableModel
    from app.ui.task_view import TaskTableView

# The use cases (and sqlite-utils under them, ~0.2 s to import) load on first use: a window started with
# `background=True` is shown first and loads them on the runner's thread while it opens the database.
progress_ops = LazyModule("app.ops.progress")
settings_ops = LazyModule("app.ops.settings")
task_ops = LazyModule("app.ops.tasks")
plan_ops = LazyModule("app.ops.plans")
session_ops = LazyModule("app.ops.session")
unit_ops = LazyModule("app.ops.units")
workspace_ops = LazyModule("app.ops.workspace")

P = TypeVar("P")
GEOMETRY_KEY = "window/geometry"
STATE_KEY = "window/state"
SPLITTER_KEY = "window/splitter"
HEADER_KEY = "window/table_header"
PAGE_WELCOME, PAGE_WORK, PAGE_ERROR = range(3)
TOTAL_PAUSE_MS = 400
OWN_UNIT_NOT_SET = "本单位尚未设置：请在 工具 → 机关信息 中选择本单位"
NOTHING_MATCHES = "没有符合条件的任务"


class _Pane(Generic[P]):
    """`window.side`, `.filters`, `.model`, `.table`: the plans tree and filter bar are made right after the first
    paint (the empty table is painted in the first one), or now if asked for before (MainWindow._build_work_panes)."""

    def __set_name__(self, owner: type, name: str) -> None:
        self.attr = "_" + name

    def __get__(self, window: MainWindow, owner: type | None = None) -> P:
        if window._side is None:
            window._build_work_panes()
        return getattr(window, self.attr)


class MainWindow(QMainWindow):
    filled = Signal()  # a window started in the background has its database open and its first rows in

    def __init__(self, db_path: Path, today: date, parent: QWidget | None = None, *, remember_layout: bool = True,
                 background: bool = False):
        """`background`: show at once (saved layout, empty table, busy mark) and open the database on the runner
        (checks, backup, migrations and the first queries), filling the window when they return. Otherwise the
        database is open and the window filled when the constructor returns (tests, a database chosen later)."""
        super().__init__(parent)
        self.clock_today = today  # the day the program started on: what new records are dated by default
        self._as_of = today  # 截至日期 (app/ui/as_of.py): what the window judges at; `today` reads it
        self.remember_layout = remember_layout  # off for --screenshot: a picture must not change the user's layout
        self.store = None
        self.db_path = Path(db_path)
        self.loading = False  # the database is being opened in the background
        self._open_after_paint = False
        self._select_first_when_filled = False
        self.undo_stack = QUndoStack(self)
        self.worker = Worker(self)
        self.runner = DbRunner(self._worker_store, self, on_error=lambda exc: show_user_error(self, exc))
        self.runner.changed.connect(self.apply_changes)
        self.busy_mark = BusyMark()
        self.runner.busyChanged.connect(self.busy_mark.set_busy)
        self.statusBar().addPermanentWidget(self.busy_mark)
        self.dashboard = None  # the overview on screen (app.ui.dashboard_flow)
        self._total_timer = QTimer(self, singleShot=True, interval=TOTAL_PAUSE_MS)
        self._total_timer.timeout.connect(self._show_total)
        self.preview = None  # the import preview on screen (app.ui.import_dialog, loaded on first use)
        fit_to_screen(self, 1440, 880)  # at most the screen's free area (a 1366×768 office screen)
        self.setAcceptDrops(True)
        self._build_panes()
        self._build_actions()
        self._same_palette_when_inactive()
        if background:
            self._open_in_background()
        else:
            self._build_detail()
            self.open_database(self.db_path)
            self.side.select_view("全部任务")
        if remember_layout:
            self.restore_layout()

    # --- building ---------------------------------------------------------------------------------
    def _build_panes(self) -> None:
        """The window's frame: the splitter with the empty table and a place for the other panes, the welcome and
        error pages. The other panes (plans tree, filter bar, detail) are made right after the first paint, or when
        first asked for (`side`, `filters`, `detail`): their modules and widgets are not on the way to it."""
        self._side: SideTree | None = None
        self._filters: FilterBar | None = None
        self._model: TaskTableModel | None = None
        self._table: TaskTableView | None = None
        self._detail: DetailPane | None = None  # made on first use (`detail`)
        self._side_slot, self._centre_slot, self._detail_slot = QWidget(), QWidget(), QWidget()  # their places
        self.splitter = QSplitter()  # horizontal
        for pane in (self._side_slot, self._centre_slot, self._detail_slot):
            self.splitter.addWidget(pane)
        self.splitter.setStretchFactor(1, 1)
        self.splitter.setSizes([230, 880, 300])  # on a 1366-wide screen the table keeps ~820 px
        self.welcome = WelcomePage()
        self.error_page = QWidget()
        self.error_label = QLabel(wordWrap=True)  # no Qt.AlignmentFlag before the first paint (app/ui/welcome.py)
        self.error_label.setStyleSheet(f"font-size: 13pt; {CENTRED_TEXT}")
        other_db = QPushButton("打开其他数据库…")
        other_db.clicked.connect(self.choose_database)
        error_layout = QVBoxLayout(self.error_page)
        error_layout.addStretch()
        error_layout.addWidget(self.error_label)
        add_centred(error_layout, other_db)
        error_layout.addStretch()
        self.stack = QStackedWidget()
        for page in (self.welcome, self.splitter, self.error_page):
            self.stack.addWidget(page)
        self.setCentralWidget(self.stack)
        self.welcome.importRequested.connect(self.choose_import)
        self.welcome.samplesRequested.connect(self.load_samples)
        self._build_table()

    def _build_table(self) -> None:
        """The empty table (its headers, no rows: nothing is queried before the store is open), in the centre
        before the first paint: the user sees the table at once; its rows' model and the filter bar join it right
        after (`_build_work_panes`)."""
        from app.ui.task_view import TaskTableView

        table = self._table = TaskTableView()
        centre = self._centre = QWidget()  # kept: replaceWidget does not hand it over to the splitter
        self._centre_layout = QVBoxLayout(centre)
        self._centre_layout.setContentsMargins(0, 0, 0, 0)
        self._centre_layout.addWidget(table, 1)
        self.splitter.replaceWidget(self.splitter.indexOf(self._centre_slot), centre)  # keeps the place's width
        self._centre_slot.deleteLater()

    def _build_work_panes(self) -> None:
        """The table's rows' model, the plans tree and the filter bar in their places, and the table wired to them."""
        from app.ui.filter_bar import FilterBar
        from app.ui.side_tree import SideTree
        from app.ui.task_model import TaskTableModel

        table = self._table
        assert table is not None
        model = self._model = TaskTableModel(self._count, self._fetch, self)
        table.setModel(model)
        side = self._side = SideTree(self.today)
        filters = self._filters = FilterBar()
        filters.set_as_of(self.today)
        self._centre_layout.insertWidget(0, filters)
        self.splitter.replaceWidget(self.splitter.indexOf(self._side_slot), side)  # keeps the place's width
        self._side_slot.deleteLater()
        side.viewChosen.connect(filters.set_base)
        filters.filterChanged.connect(self.apply_filter)
        table.currentTaskChanged.connect(self.show_task)
        table.addProgressRequested.connect(self._focus_progress)
        table.noticeRequested.connect(self.generate_notice)
        table.sourceRequested.connect(self.show_source)
        self.task_actions.watch_table(table)

    side: _Pane[SideTree] = _Pane()
    filters: _Pane[FilterBar] = _Pane()
    model: _Pane[TaskTableModel] = _Pane()
    table: _Pane[TaskTableView] = _Pane()

    @property
    def detail(self) -> DetailPane:
        """The selected task's pane. A window started in the background paints first without it and makes it right
        after that first paint, or when first asked: its modules and widgets are not on the way to the first paint."""
        if self._detail is None:
            self._build_detail()
        assert self._detail is not None
        return self._detail

    def _build_detail(self) -> None:
        from app.ui.detail_pane import DetailPane

        detail = DetailPane(self.clock_today)
        detail.editRequested.connect(self.edit_task)
        detail.noticeRequested.connect(self.generate_notice)
        detail.progressSubmitted.connect(self.add_progress)
        self._detail = detail
        self.splitter.replaceWidget(self.splitter.indexOf(self._detail_slot), detail)  # keeps the pane's width
        self._detail_slot.deleteLater()
        self.task_actions.watch(detail)

    def _same_palette_when_inactive(self) -> None:
        """Qt repaints every widget of a window whose palette differs when it is inactive, each time a dialog (the
        overview, a notice) takes the focus: 75–120 ms for the table while the runner works. Same colours, no repaint."""
        palette = self.palette()
        for role in range(QPalette.ColorRole.NColorRoles.value):
            palette.setBrush(QPalette.ColorGroup.Inactive, QPalette.ColorRole(role),
                             palette.brush(QPalette.ColorGroup.Active, QPalette.ColorRole(role)))
        self.setPalette(palette)

    def _build_actions(self) -> None:
        def action(text, slot, shortcut=None):
            a = new_action(self, text, slot)
            if shortcut is not None:  # setShortcuts: setShortcut would make Qt's `Qt` namespace before the first paint
                a.setShortcuts(shortcut if isinstance(shortcut, QKeySequence.StandardKey) else [shortcut])
            return a

        self.import_action = action("导入方案…", self.choose_import, QKeySequence.StandardKey.Open)
        self.samples_action = action("载入示例数据", self.load_samples)
        self.open_db_action = action("打开数据库…", self.choose_database)
        self.backup_action = action("立即备份数据库", self.backup_now)
        self.restore_action = action("从备份恢复…", self.restore_from_backup)
        matrix_export, about_dialog = LazyModule("app.ui.matrix_export"), LazyModule("app.ui.about_dialog")
        self.export_action = action("导出责任矩阵…", lambda: matrix_export.export_matrix(self))
        self.about_action = action("关于督办台", lambda: about_dialog.show_about(self))
        self.notice_action = action("生成督办通知…", self.notice_for_selection)
        self.bulletin_action = action("情况通报…", self.generate_bulletin)
        quit_action = action("退出", self.close, QKeySequence.StandardKey.Quit)
        self.undo_action = self.undo_stack.createUndoAction(self, "撤销")
        self.undo_action.setShortcuts(QKeySequence.StandardKey.Undo)
        self.redo_action = self.undo_stack.createRedoAction(self, "重做")
        self.redo_action.setShortcuts([QKeySequence("Ctrl+Y"), QKeySequence.StandardKey.Redo])
        self.dashboard_action = action("督办概览", self.show_dashboard, QKeySequence("Ctrl+D"))
        self.units_action = action("单位目录", self.show_units, QKeySequence("Ctrl+U"))
        self.settings_action = action("设置…", self.show_settings, QKeySequence.StandardKey.Preferences)
        self.profile_action = action("机关信息…", self.show_profile)
        find = action("搜索", lambda: self.filters.search.setFocus(), QKeySequence.StandardKey.Find)
        menus = self.menuBar()
        file_menu = menu_named(menus, "文件(&F)")
        for a in (self.import_action, self.export_action, self.samples_action, self.open_db_action,
                  self.backup_action, self.restore_action):
            file_menu.addAction(a)
        file_menu.addSeparator()
        file_menu.addAction(quit_action)
        edit_menu = menu_named(menus, "编辑(&E)")
        for a in (self.undo_action, self.redo_action, find):
            edit_menu.addAction(a)
        view_menu = menu_named(menus, "查看(&V)")
        view_menu.addAction(self.dashboard_action)
        view_menu.addAction(self.units_action)
        self.task_actions = TaskActions(self)  # 进展 / 延期 / 办结 / 重新打开 (app/ui/task_actions.py)
        self.task_actions.add_menu(menus)
        self.feedback_actions = install_feedback(self)  # 反馈: 导出反馈表 / 导入反馈表 / 反馈情况
        supervision_menu = menu_named(menus, "督办(&B)")
        supervision_menu.addAction(self.notice_action)
        supervision_menu.addAction(self.bulletin_action)
        self.supervision_actions = install_supervision(self, supervision_menu)  # 批量督办…, 通知登记簿
        tools_menu = menu_named(menus, "工具(&T)")
        tools_menu.addAction(self.profile_action)
        tools_menu.addAction(self.settings_action)
        # 工具 → 工作日历…, 反馈 → 导出台账…: their modules load when first opened, not before the first paint
        calendar_dialog, ledger_dialog = LazyModule("app.ui.calendar_dialog"), LazyModule("app.ui.ledger_dialog")
        self.calendar_action = add_action(menus, "工具(&T)", "工作日历…",
                                          lambda: calendar_dialog.open_calendar_dialog(self))
        self.ledger_action = add_action(menus, "反馈(&K)", "导出台账…", lambda: ledger_dialog.open_ledger_dialog(self))
        menu_named(menus, "帮助(&H)").addAction(self.about_action)
        toolbar = self.addToolBar("常用")
        toolbar.setObjectName("main_toolbar")
        for a in (self.import_action, self.dashboard_action, self.units_action, self.settings_action):
            toolbar.addAction(a)
        toolbar.addSeparator()
        toolbar.addAction(self.undo_action)
        toolbar.addAction(self.redo_action)
        from app.ui.as_of import install as install_as_of

        self.as_of = install_as_of(self, toolbar, self.clock_today)
        self.as_of.changed.connect(self.set_as_of)

    # --- the as-of date ---------------------------------------------------------------------------
    @property
    def today(self) -> date:
        """The date the window judges at (截至日期): the table, the detail pane, the overview and the default
        date of notices and bulletins. The real day is `clock_today`."""
        return self._as_of

    @today.setter
    def today(self, as_of: date) -> None:
        self.set_as_of(as_of)

    def set_as_of(self, as_of: date) -> None:
        """Judge everything at another date: lights, statuses and filters in the table, the detail, the views."""
        if as_of == self._as_of:
            return
        self._as_of = as_of
        if self.as_of.value() != as_of:
            self.as_of.set_value(as_of)
        # The boxes follow the new date (an unused range, 30日内到期 re-chosen in the tree) without filtering the
        # table for each box that moves: it is filtered once, below.
        self.filters.blockSignals(True)
        try:
            self.filters.set_as_of(as_of)
            self.side.set_today(as_of)  # 30日内到期 counts from the new date (and shows it in the boxes if chosen)
        finally:
            self.filters.blockSignals(False)
        self.apply_filter(self.filters.current_filter())

    # --- the database -----------------------------------------------------------------------------
    def open_database(self, path: Path) -> bool:
        """Open (or create) a database; on an environment problem show why and leave the file alone."""
        try:
            store = session_ops.open_store(path)
        except StoreError as exc:
            self._show_open_error(path, exc)
            return False
        if self.store is not None:
            self.store.close()
        self.runner.reset_connection()  # its next job opens a connection to the new database
        self.store, self.db_path = store, Path(path)
        self.undo_stack.clear()
        self.setWindowTitle(f"督办台 — {self.db_path.name}")
        self.refresh_all()
        return True

    def choose_database(self) -> None:
        path, _ = QtWidgets.QFileDialog.getSaveFileName(self, "打开或新建数据库", str(self.db_path.parent),
                                              "督办台数据库 (*.sqlite3);;所有文件 (*)",
                                              options=QtWidgets.QFileDialog.Option.DontConfirmOverwrite)
        if path and self.open_database(Path(path)):
            remember_last_db(Path(path))

    def _worker_store(self):
        """The runner's own connection to the window's database (called on the runner's thread): the checked open
        itself while the window starts in the background, else a second connection to the window's database."""
        if self.loading:
            load_core()  # the use cases, without numpy (see app/ui/startup.py)
            return session_ops.open_store(self.db_path)
        if self.store is None:
            raise StoreError("没有打开的数据库。")
        return session_ops.open_companion(self.store)

    def _needs_store(self) -> tuple[QAction, ...]:
        return (self.import_action, self.export_action, self.samples_action, self.open_db_action, self.backup_action,
                self.restore_action, self.notice_action, self.bulletin_action, self.dashboard_action, self.units_action, self.settings_action,
                self.profile_action, *self.supervision_actions)

    def _open_in_background(self) -> None:
        self.loading = True
        for action in self._needs_store():
            action.setEnabled(False)
        self._open_after_paint = True  # see paintEvent
        self.stack.setCurrentIndex(PAGE_WORK)
        self.setWindowTitle(f"督办台 — {self.db_path.name}")
        self.busy_mark.set_busy(True, "正在打开数据库", cursor=False)  # the runner's start sets the cursor

    def paintEvent(self, event) -> None:
        """A window started in the background opens its database once it has painted itself: the runner's first
        job (loading the use cases, checking the file) would otherwise compete with that first paint."""
        super().paintEvent(event)
        if self._open_after_paint:
            self._open_after_paint = False

            def open_database() -> None:
                use_qt_file_dialogs()  # (made by make_application(dialogs_later=True): the `Qt` namespace after the paint)
                self.side.select_view("全部任务")  # (the panes are made here, if nothing asked for them before)
                task_filter, today = self.filters.current_filter(), self.today
                self.runner.run(lambda store: _first_fill(store, task_filter, today), label="正在打开数据库",
                                done=self._filled, failed=self._open_failed, busy_delay_ms=0)
                if self._detail is None:  # made while the runner opens the database
                    self._build_detail()

            QTimer.singleShot(0, open_database)

    def _open_failed(self, exc: BaseException) -> None:
        self.loading = False
        self.open_db_action.setEnabled(True)
        if not isinstance(exc, StoreError):
            raise exc
        self._show_open_error(self.db_path, exc)

    def _show_open_error(self, path: Path, exc: StoreError) -> None:
        """The error page: why the database could not be opened (the file is left alone)."""
        self.error_label.setText(f"无法打开数据库：\n{path}\n\n{exc.message}")
        self.stack.setCurrentIndex(PAGE_ERROR)
        self.setWindowTitle("督办台")

    def _filled(self, fill: FirstFill) -> None:
        """The first queries are back: a connection of the window's own, then plans, units and the first page."""
        self.loading = False
        for action in self._needs_store():
            action.setEnabled(True)
        self.store = session_ops.open_companion(fill.store)
        self._show_plans(fill.plans)
        self.filters.set_units(fill.units)
        self.apply_filter(self.filters.current_filter(), first_page=fill)  # or what was chosen meanwhile
        if self._select_first_when_filled:
            self.select_first_task()
        self.filled.emit()

    def _show_plans(self, plans: list) -> None:
        from app.ui.plan_choosers import plan_choices
        from app.ui.side_tree import plan_node

        self.side.set_plans([plan_node(p) for p in plans])
        self.filters.set_plans(plan_choices(plans))  # named as in the tree
        self.stack.setCurrentIndex(PAGE_WORK if plans else PAGE_WELCOME)

    def refresh_all(self) -> None:
        """After opening a database: plans, units, the table and the page to show."""
        self.apply_changes(Changes(all_tasks=True, plans=True, units=True))

    def apply_changes(self, changes: Changes) -> None:
        """Refresh what a change record names: the plan list, the unit list, the table, some rows, the detail."""
        if self.store is None or changes.empty:
            return
        if changes.plans:
            self._show_plans(plan_ops.list_plans(self.store))
        if changes.units:
            self.filters.set_units([u.name for u in unit_ops.list_units(self.store) if u.task_count])
        if changes.all_tasks or changes.settings:
            self.apply_filter(self.filters.current_filter())
            return
        for task_id in sorted(changes.tasks):
            self.task_changed(task_id)
        if changes.notices and self.detail.task_id is not None and self.detail.task_id not in changes.tasks:
            self.show_task(self.detail.task_id)  # its notices are listed in the detail pane

    # --- the table --------------------------------------------------------------------------------
    def _count(self, task_filter: TaskFilter) -> int:
        return task_ops.count_tasks(self.store, task_filter) if self.store else 0

    def _fetch(self, task_filter: TaskFilter, order_by: str, descending: bool, offset: int, limit: int):
        if self.store is None:  # the database could not be opened: an empty table under the message
            return []
        return task_ops.query_tasks(self.store, task_filter, order_by, descending, limit, offset)

    def apply_filter(self, task_filter: TaskFilter, *, first_page: FirstFill | None = None) -> None:
        current = self._detail.task_id if self._detail is not None else None  # (not made yet: nothing shown)
        task_filter = replace(task_filter, today=self.today)
        fetched = first_page.first_page if first_page is not None and first_page.task_filter == task_filter else None
        self.model.set_filter(task_filter, first_page=fetched)
        if not self.model.canFetchMore(QModelIndex()):
            self._show_total()  # the first page holds every match: no count needed
        else:
            # The total needs a COUNT over every match (~70 ms over 100,000 tasks): once typing pauses, not per key.
            self.statusBar().showMessage("正在统计…")
            self._total_timer.start()
        self.table.set_empty_text(self._empty_text(task_filter))
        row = self.model.row_of_task(current) if current is not None else None
        if row is not None:
            self.table.selectRow(row)
        else:
            self.show_task(None)

    def _empty_text(self, task_filter: TaskFilter) -> str:
        """What the table says when nothing is listed: why (本单位 not set) or that nothing matches."""
        if self.model.rowCount() or self.store is None:
            return ""
        if task_filter.own_unit and unit_ops.own_unit_id(self.store) is None:
            return OWN_UNIT_NOT_SET
        return NOTHING_MATCHES

    def _show_total(self) -> None:
        """The status bar's total: at once when known, else counted on the runner (a COUNT over every match)."""
        self._total_timer.stop()
        if self.store is None:
            return
        known = self.model.known_total()
        if known is not None:
            self.statusBar().showMessage(f"共 {known} 项任务")
            return
        task_filter = self.model.task_filter()
        self.runner.run(lambda store: task_ops.count_tasks(store, task_filter), label="正在统计",
                        done=lambda total: self._total_counted(task_filter, total))

    def _total_counted(self, task_filter: TaskFilter, total: int) -> None:
        if self.model.set_total(task_filter, total):
            self.statusBar().showMessage(f"共 {total} 项任务")

    def select_first_task(self) -> None:
        """At start: the first task in the detail pane and the total in the status bar at once."""
        if self.loading:  # once the first queries are back
            self._select_first_when_filled = True
            return
        self._show_total()
        if self.model.rowCount():
            self.table.selectRow(0)

    def select_task(self, task_id: int) -> None:
        row = self.model.find_task(task_id)
        if row is None:  # not among the rows of this view: show every task, then find it
            self.filters.search.clear()
            self.side.select_view("全部任务")
            self.filters.flush()
            row = self.model.find_task(task_id)
        if row is not None:
            self.table.selectRow(row)
            self.table.scrollTo(self.model.index(row, 0))
        self.show_task(task_id)

    def show_task(self, task_id: int | None) -> None:
        if task_id is None and self._detail is None:
            return  # the pane is made empty, after the first paint
        detail = task_ops.task_detail(self.store, task_id, today=self.today) if task_id and self.store else None
        self.detail.show_detail(detail)

    def task_changed(self, task_id: int) -> None:
        """After an edit, undo or redo of one task: repaint its row and, if shown, its detail."""
        self.model.refresh_task(task_id, workspace_ops.task_row(self.store, task_id, today=self.today))
        if self.detail.task_id == task_id:
            self.show_task(task_id)

    # --- edits (all undoable) ---------------------------------------------------------------------
    def _guard(self, fn, *args, **kwargs):
        """Run an op; a UserError becomes a message box and None (nothing was changed)."""
        try:
            return fn(*args, **kwargs)
        except UserError as exc:
            show_user_error(self, exc)
            return None

    def edit_task(self, task_id: int) -> None:
        from app.ui.task_edit_dialog import TaskEditDialog

        dialog = TaskEditDialog(task_ops.task_detail(self.store, task_id, today=self.today), self)
        dialog.accepted.connect(lambda: self.apply_task_edit(task_id, dialog.changes()))
        dialog.open()
        self.edit_dialog = dialog

    def apply_task_edit(self, task_id: int, changes: dict) -> bool:
        if not changes:
            return False
        result = self._guard(task_ops.edit_task, self.store, task_id, changes)
        if result is None:
            return False
        self.undo_stack.push(ReplaceCommand(
            "修改任务", lambda values: task_ops.edit_task(self.store, task_id, values).before,
            result.after, result.before, after=lambda: self.task_changed(task_id)))
        return True

    def add_progress(self, task_id: int, entry) -> bool:
        def create():
            return progress_ops.add_progress(
                self.store, task_id, on_date=entry.on, content=entry.content, unit=entry.unit,
                status_change=entry.status, percent=entry.percent).progress_id

        return self.push_create(task_id, "添加进展", create, lambda pid: progress_ops.delete_progress(self.store, pid))

    def push_create(self, task_id: int, text: str, create, delete) -> bool:
        """Make an entry of the task (`create` returns its id; a refusal is a message and nothing is pushed), then
        push the undo command that deletes and makes it again; the task is refreshed after each."""
        created = self._guard(create)
        if created is None:
            return False
        self.undo_stack.push(CreateCommand(text, create, delete, created, after=lambda: self.task_changed(task_id)))
        return True

    def _focus_progress(self, task_id: int) -> None:
        self.select_task(task_id)
        self.detail.form.content.setFocus()

    # --- import -----------------------------------------------------------------------------------
    def choose_import(self) -> None:
        from app.ui.import_dialog import PLAN_FILE_FILTER

        paths, _ = QtWidgets.QFileDialog.getOpenFileNames(self, "导入方案文件", "", PLAN_FILE_FILTER)
        if paths:
            self.read_files([Path(p) for p in paths])

    def dragEnterEvent(self, event) -> None:
        if event.mimeData().hasUrls() and any(u.isLocalFile() for u in event.mimeData().urls()):
            event.acceptProposedAction()

    def dropEvent(self, event) -> None:
        paths = [Path(u.toLocalFile()) for u in event.mimeData().urls() if u.isLocalFile()]
        if paths:
            event.acceptProposedAction()
            self.read_files(paths)

    def read_files(self, paths: list[Path], *, preview: bool = True) -> None:
        """Read the files off the interface thread, then preview each (or import at once: the samples)."""
        if self.store is None or self.worker.busy:
            return
        from app.ui.import_dialog import ReadProgress

        self.progress = ReadProgress(self.worker, paths, self)
        self.progress.done.connect(lambda results: self._files_read(results, preview))
        self.progress.failed.connect(self._read_failed)

    def _read_failed(self, exc: BaseException) -> None:
        if isinstance(exc, OSError):
            exc = os_user_error(exc)
        if isinstance(exc, UserError):
            show_user_error(self, exc, "无法读取方案文件")
        else:
            raise exc  # a bug: the crash dialog and the log

    def _files_read(self, plans: list, preview: bool) -> None:
        """`plans`: what app.ops.plans.read_plans returned (each file's text, matrix and SHA-256)."""
        if not preview:  # the sample plans: all of them in one transaction, as the command line imports
            today = self.clock_today
            self.runner.run(lambda store: plan_ops.import_plans(store, plans, today=today),
                            label="正在写入方案", done=self._samples_written)
            return
        self._pending = list(plans)
        self._preview_next()

    def _preview_next(self) -> None:
        if not self._pending:
            return
        from app.ui.import_dialog import ImportPreviewDialog

        plan = self._pending.pop(0)
        as_read = plan.matrix.to_json()  # to tell whether the preview changed anything
        self.preview = ImportPreviewDialog(plan.text, plan.matrix, workspace_ops.similar_units(self.store, plan.matrix),
                                           self, remaining=len(self._pending))
        self.preview.accepted.connect(
            lambda dialog=self.preview: self._confirm_import(dialog, plan.sha256, as_read))
        self.preview.rejected.connect(self._preview_next)
        self.preview.open()

    def _confirm_import(self, dialog, sha256: str, as_read: dict) -> None:
        # The file's SHA-256 says "the same file again" as on the command line; a matrix edited in the preview is
        # no longer that file, and is known by its own content.
        matrix, merges, today = dialog.matrix, tuple(dialog.merge_choices), self.clock_today
        sha = sha256 if matrix.to_json() == as_read else None
        rest, self._pending = (self._pending, []) if dialog.import_all else ([], self._pending)
        self.runner.run(lambda store: _import_previewed(store, matrix, sha, merges, today, rest), label="正在写入方案",
                        done=self._import_written)

    def _samples_written(self, _results: list) -> None:
        self.side.select_view("全部任务")

    def _import_written(self, written: tuple[list, list[UserError]]) -> None:
        results, errors = written
        self._show_import_errors(errors)
        if results:
            self.undo_stack.clear()  # an import is not undone step by step: the database has a backup
            self.statusBar().showMessage(results[0].summary_lines()[0], 10000)
        self._preview_next()
        if results and not self._pending:
            from app.ui.profile_dialog import ask_profile_once

            ask_profile_once(self)  # who the office is, once: after its first import

    def _show_import_errors(self, errors: list[UserError]) -> None:
        for exc in errors:
            show_user_error(self, exc)

    def load_samples(self) -> None:
        self.read_files(sorted(resource_path("samples").glob("*.txt")), preview=False)

    # --- windows and dialogs ----------------------------------------------------------------------
    def show_dashboard(self) -> None:
        from app.ui.dashboard_flow import open_dashboard

        self.dashboard = None  # set again once the figures are in
        open_dashboard(self)

    def warm_up(self) -> None:
        """Once the window is shown and idle: pay one-time costs of the dialogs opened while work runs."""
        from app.ui.dashboard_flow import prepare_dashboard

        prepare_dashboard(self)

    def show_units(self) -> None:
        from app.ui.unit_directory import UnitDirectory

        self.units_window = UnitDirectory(self.store, self.undo_stack, self)
        self.units_window.changed.connect(self.refresh_all)
        self.units_window.show()

    def show_settings(self) -> None:
        from app.ui.settings_dialog import SettingsDialog

        dialog = SettingsDialog(settings_ops.get_settings(self.store), self)
        dialog.accepted.connect(lambda: self.apply_settings(dialog.changed_values()))
        dialog.open()
        self.settings_dialog = dialog

    def apply_settings(self, changes: dict) -> bool:
        def apply(values: dict) -> dict:
            previous = {key: settings_ops.set_setting(self.store, key, value) for key, value in values.items()}
            return previous

        return self.push_replace("修改设置", apply, changes)

    def push_replace(self, text: str, apply, changes: dict) -> bool:
        """Apply `changes` (apply returns what they replaced) as one undoable step; refresh everything after."""
        previous = self._guard(apply, changes) if changes else None
        if previous is None:
            return False
        self.undo_stack.push(ReplaceCommand(text, apply, changes, previous, after=self.refresh_all))
        return True

    def show_profile(self) -> None:
        from app.ui.profile_dialog import open_profile_dialog

        if self.store is not None:
            open_profile_dialog(self)

    def backup_now(self) -> None:
        from app.ops.backup import backup

        if self.store is None:
            return
        self.runner.run(backup, label="正在备份数据库",
                        done=lambda path: self.statusBar().showMessage(f"已备份到 {path}", 10000))

    def restore_from_backup(self) -> None:
        """文件 → 从备份恢复…: the database replaced by a backup the user picks; the replaced one is kept as a
        backup first, and notice numbering continues past every number already issued (app.ops.backup.restore)."""
        from PySide6.QtWidgets import QMessageBox

        from app.ops.backup import restore
        from app.paths import backup_dir

        if self.store is None or self.runner.busy:
            return
        chosen, _ = QtWidgets.QFileDialog.getOpenFileName(self, "选择要恢复的备份", str(backup_dir(self.db_path, create=False)),
                                                "督办台数据库 (*.sqlite3);;所有文件 (*)")
        if not chosen:
            return
        answer = QMessageBox.question(self, "从备份恢复", f"用备份“{Path(chosen).name}”替换当前数据库？\n"
                                                          "替换前，当前数据库会先另存一份备份。")
        if answer != QMessageBox.StandardButton.Yes:
            return
        db_path = self.db_path
        self.store.close()
        self.store = None
        self.runner.reset_connection()
        try:
            restored = restore(db_path, chosen)
        except UserError as exc:
            show_user_error(self, exc, "无法恢复")
            self.open_database(db_path)
            return
        if self.open_database(db_path):
            QMessageBox.information(self, "从备份恢复", "\n".join(
                [f"已恢复。恢复前的数据库已另存为：{restored.saved}", *restored.numbers.lines()]))

    def notice_for_selection(self) -> None:
        """工具 → 生成督办通知…: for the tasks selected in the table (or the one shown in the detail pane)."""
        task_ids = self.table.selected_task_ids() or ([self.detail.task_id] if self.detail.task_id else [])
        if not task_ids:
            self.statusBar().showMessage("请先在任务表中选择要督办的任务。", 10000)
            return
        self.generate_notice(task_ids)

    def generate_bulletin(self) -> None:
        from app.ui.supervision_menu import open_bulletin

        open_bulletin(self)

    def generate_notice(self, task_ids: list[int]) -> None:
        from app.ui.notice_flow import open_notice_dialog

        open_notice_dialog(self, task_ids)

    def show_source(self, task_id: int) -> None:
        from app.ui.source_dialog import SourceDialog

        SourceDialog(task_ops.task_detail(self.store, task_id, today=self.today), self).open()

    # --- layout -----------------------------------------------------------------------------------
    def restore_layout(self) -> None:
        s = ui_settings()
        table = self._table  # made with the frame (`_build_panes`); not `self.table`, which would make the rest now
        assert table is not None
        for key, restore in ((GEOMETRY_KEY, self.restoreGeometry), (STATE_KEY, self.restoreState),
                             (SPLITTER_KEY, self.splitter.restoreState),
                             (HEADER_KEY, table.horizontalHeader().restoreState)):
            if s.value(key) is not None:
                restore(s.value(key))
        table.user_sized = False  # the saved order and sort stay; widths follow the content again

    def save_layout(self) -> None:
        s = ui_settings()
        s.setValue(GEOMETRY_KEY, self.saveGeometry())
        s.setValue(STATE_KEY, self.saveState())
        s.setValue(SPLITTER_KEY, self.splitter.saveState())
        assert self._table is not None  # made with the frame
        if self._model is not None:  # (closed before the rows' model joined: the saved header stays as it was)
            s.setValue(HEADER_KEY, self._table.horizontalHeader().saveState())
        s.sync()

    def closeEvent(self, event) -> None:
        if self.remember_layout:
            self.save_layout()
        self.worker.shutdown()
        self.runner.shutdown()
        if self.store is not None:
            self.store.close()
            self.store = None
        super().closeEvent(event)


@dataclass(frozen=True)
class FirstFill:
    store: object  # the runner's connection (the window opens its own beside it)
    plans: list
    units: list[str]
    task_filter: TaskFilter
    first_page: list


def _first_fill(store, task_filter: TaskFilter, today: date) -> FirstFill:
    """On the runner, at start: what the window shows first (the table's first page in its default order)."""
    from app.ui.task_model import PAGE_SIZE

    task_filter = replace(task_filter, today=today)
    return FirstFill(store, plan_ops.list_plans(store), [u.name for u in unit_ops.list_units(store) if u.task_count],
                     task_filter, task_ops.query_tasks(store, task_filter, "ref", False, PAGE_SIZE, 0))


def _import_previewed(store, matrix, sha256: str | None, merges: tuple, today: date,
                      rest: list = ()) -> tuple[list, list[UserError]]:
    """On the runner: write a previewed plan, then the unit merges chosen in its preview (a merge the store
    refuses is reported and the plan stays written), then `rest` (全部导入: the other files read, as read; each
    one the store refuses is reported and the others are written)."""
    from app.ops.units import merge_units

    result = plan_ops.import_plan(store, matrix, sha256=sha256, today=today)
    results, errors = [result], []
    for plan in rest:
        try:
            results.append(plan_ops.import_plan(store, plan.matrix, sha256=plan.sha256, today=today))
        except UserError as exc:
            errors.append(exc)
    for new, existing in merges:
        try:
            merge_units(store, new, existing)
        except UserError as exc:
            errors.append(exc)
    return results, errors
