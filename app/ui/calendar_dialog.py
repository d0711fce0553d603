"""工具 → 工作日历…: the year's days off (放假) and make-up working days (上班) as reply-by dates count them —
the office's own table over the installed calendar — with adding and removing days, pasting the State
Council's 放假安排 (text → preview → apply) and importing a holiday file.

Every change is one step on the window's undo stack (撤销 here, or 编辑 → 撤销): `holiday_ops.set_days` returns
what it replaced, which is what undo puts back.
"""
from __future__ import annotations

from datetime import date
from typing import Any, Sequence

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QMessageBox,
    QPlainTextEdit,
    QPushButton,
    QSpinBox,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from app.errors import UserError
from app.ui.crash import show_user_error
from app.ui.fields import date_field, day_of
from app.ui.runner import LazyModule
from app.ui.undo import ReplaceCommand

holiday_ops = LazyModule("app.ops.holidays")
workdays = LazyModule("app.domain.workdays")

WEEKDAYS = "一二三四五六日"
REST, WORK = "放假", "上班"
PASTE_HINT = ("把国务院办公厅《关于××××年部分节假日安排的通知》的正文粘贴到这里，例如：\n"
              "一、元旦：1月1日（周四）至3日（周六）放假调休，共3天。1月4日（周日）上班。")


def _kind(is_workday: bool) -> str:
    return WORK if is_workday else REST


def _fill(table: QTableWidget, rows: Sequence[tuple[str, ...]]) -> None:
    table.setRowCount(len(rows))
    for r, values in enumerate(rows):
        for c, value in enumerate(values):
            item = QTableWidgetItem(value)
            item.setFlags(Qt.ItemFlag.ItemIsSelectable | Qt.ItemFlag.ItemIsEnabled)
            item.setToolTip(value)
            table.setItem(r, c, item)


def _table(headers: tuple[str, ...], stretch: int = 3) -> QTableWidget:
    """A read-only list, one compact line per day; the `stretch` column (名称) takes the spare width."""
    table = QTableWidget(0, len(headers))
    table.setHorizontalHeaderLabels(list(headers))
    table.verticalHeader().setVisible(False)
    table.verticalHeader().setDefaultSectionSize(table.fontMetrics().height() + 8)
    table.setAlternatingRowColors(True)
    table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
    table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
    header = table.horizontalHeader()
    header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
    header.setSectionResizeMode(stretch, QHeaderView.ResizeMode.Stretch)
    return table


class PasteDialog(QDialog):
    """粘贴放假安排: the notice's text and its year → a preview of each day (new / changed / same) → 应用."""

    def __init__(self, store: Any, year: int, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle("粘贴放假安排")
        self.resize(720, 600)
        self.store = store
        self.entries: list[Any] = []
        self.text = QPlainTextEdit(placeholderText=PASTE_HINT)
        self.year = QSpinBox(minimum=2000, maximum=2100, value=year, suffix=" 年")
        self.preview_button = QPushButton("预览")
        self.preview_button.clicked.connect(self.preview)
        self.info = QLabel(wordWrap=True)
        self.table = _table(("日期", "星期", "类型", "名称", "现有记录"))
        self.buttons = QDialogButtonBox()
        self.apply_button = self.buttons.addButton("应用", QDialogButtonBox.ButtonRole.AcceptRole)
        self.apply_button.setEnabled(False)
        self.buttons.addButton("取消", QDialogButtonBox.ButtonRole.RejectRole)
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        self.text.textChanged.connect(self._stale)
        self.year.valueChanged.connect(self._stale)
        top = QHBoxLayout()
        top.addWidget(QLabel("通知所属年份"))
        top.addWidget(self.year)
        top.addStretch()
        top.addWidget(self.preview_button)
        layout = QVBoxLayout(self)
        layout.addWidget(self.text, 2)
        layout.addLayout(top)
        layout.addWidget(self.info)
        layout.addWidget(self.table, 3)
        layout.addWidget(self.buttons)

    def _stale(self) -> None:
        self.entries = []
        self.apply_button.setEnabled(False)

    def preview(self) -> bool:
        text = self.text.toPlainText()
        found = holiday_ops.notice_year_of(text)
        if found is not None and found != self.year.value():
            self.year.setValue(found)  # the notice says which year it is about
        try:
            notice = holiday_ops.read_notice(text, self.year.value())
        except UserError as exc:
            self.table.setRowCount(0)
            self.info.setText(str(exc))
            return False
        changes = holiday_ops.preview(self.store, notice.entries())
        rows = []
        for change in changes:
            e, before = change.entry, change.before
            now = "相同" if change.unchanged else ("新增" if before is None else f"{_kind(before.is_workday)} {before.name}")
            rows.append((e.day.isoformat(), f"周{WEEKDAYS[e.day.weekday()]}", _kind(e.is_workday), e.name, now))
        _fill(self.table, rows)
        new = sum(not c.unchanged for c in changes)
        self.info.setText(f"{notice.year}年：{len(notice.items)}个节日，放假{sum(not e.is_workday for e in notice.entries())}天、"
                          f"调休上班{sum(e.is_workday for e in notice.entries())}天；将写入本单位节假日表 {new} 天。")
        self.entries = notice.entries()
        self.apply_button.setEnabled(bool(self.entries))
        return True


class CalendarDialog(QDialog):
    def __init__(self, window: Any) -> None:
        super().__init__(window)
        self.setWindowTitle("工作日历")
        self.resize(760, 620)
        self.window_ = window
        self.year = QSpinBox(minimum=2004, maximum=2100, value=window.today.year, suffix=" 年")
        self.year.valueChanged.connect(self.reload)
        self.coverage = QLabel(wordWrap=True)
        self.table = _table(("日期", "星期", "类型", "名称", "来源"))
        self.table.itemSelectionChanged.connect(self._selection_changed)

        self.day = date_field(window.today)
        self.kind = QComboBox()
        self.kind.addItems([REST, WORK])
        self.name = QLineEdit(placeholderText="名称，如 春节、本地节日")
        self.add_button = QPushButton("添加")
        self.add_button.clicked.connect(self.add_day)
        self.remove_button = QPushButton("删除所选")
        self.remove_button.setEnabled(False)
        self.remove_button.clicked.connect(self.remove_selected)
        self.paste_button = QPushButton("粘贴放假安排…")
        self.paste_button.clicked.connect(self.open_paste)
        self.import_button = QPushButton("导入文件…")
        self.import_button.clicked.connect(self.import_file)
        self.undo_button = QPushButton("撤销")
        self.undo_button.clicked.connect(window.undo_stack.undo)
        window.undo_stack.canUndoChanged.connect(self.undo_button.setEnabled)
        self.undo_button.setEnabled(window.undo_stack.canUndo())
        close = QPushButton("关闭")
        close.clicked.connect(self.accept)

        top = QHBoxLayout()
        top.addWidget(QLabel("年份"))
        top.addWidget(self.year)
        top.addWidget(self.coverage, 1)
        adding = QHBoxLayout()
        adding.addWidget(self.day)
        adding.addWidget(self.kind)
        adding.addWidget(self.name, 1)
        adding.addWidget(self.add_button)
        adding.addWidget(self.remove_button)
        bottom = QHBoxLayout()
        for button in (self.paste_button, self.import_button, self.undo_button):
            bottom.addWidget(button)
        bottom.addStretch()
        bottom.addWidget(close)
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(self.table, 1)
        layout.addLayout(adding)
        layout.addLayout(bottom)
        self.days: list[Any] = []
        self.reload()

    # --- showing --------------------------------------------------------------------------------
    def reload(self) -> None:
        store, year = self.window_.store, self.year.value()
        self.days = holiday_ops.year_days(store, year)
        _fill(self.table, [(d.day.isoformat(), f"周{WEEKDAYS[d.day.weekday()]}", _kind(d.is_workday), d.name, d.source)
                           for d in self.days])
        rest = sum(not d.is_workday for d in self.days)
        if not holiday_ops.holiday_data_covers(store, year):
            self.coverage.setText(f"{year}年尚无放假安排：工作日只按周末推算。请粘贴国务院公布的放假安排。")
            self.coverage.setStyleSheet("color: #b00020")
        else:
            mine = sum(d.in_table for d in self.days)
            source = "内置日历" if workdays.calendar_covers(year) else "本单位节假日表"
            self.coverage.setText(f"{year}年：放假{rest}天，调休上班{len(self.days) - rest}天（{source}"
                                  + (f"，其中本单位表 {mine} 天" if mine and source == "内置日历" else "") + "）")
            self.coverage.setStyleSheet("")
        self._selection_changed()

    def _selected(self) -> list[Any]:
        return [self.days[i.row()] for i in self.table.selectionModel().selectedRows()]

    def _selection_changed(self) -> None:
        self.remove_button.setEnabled(any(d.in_table for d in self._selected()))

    # --- changing -------------------------------------------------------------------------------
    def _apply(self, text: str, changes: dict[date, Any]) -> bool:
        """Make the change now and put it on the window's undo stack; False (and a message) if refused."""
        store = self.window_.store

        def apply(value: dict[date, Any]) -> dict[date, Any]:
            return holiday_ops.set_days(store, value)  # type: ignore[no-any-return]

        try:
            previous = apply(changes)
        except UserError as exc:
            show_user_error(self, exc, "无法修改工作日历")
            return False
        self.window_.undo_stack.push(ReplaceCommand(text, apply, changes, previous, after=self._after_undo))
        self.reload()
        return True

    def _after_undo(self) -> None:
        if self.isVisible():
            self.reload()

    def add_day(self) -> bool:
        day = day_of(self.day)
        entry = workdays.OfficeHoliday(day, self.kind.currentText() == WORK, self.name.text().strip())
        if not entry.name:
            show_user_error(self, UserError("请填写名称（如 春节、本地节日）"), "无法添加")
            return False
        if self._apply(f"工作日历：{day.isoformat()} {self.kind.currentText()}", {day: entry}):
            self.year.setValue(day.year)
            self.name.clear()
            return True
        return False

    def remove_selected(self) -> bool:
        days = [d for d in self._selected() if d.in_table]
        if not days:
            return False
        return self._apply(f"工作日历：删除 {len(days)} 天", {d.day: None for d in days})

    def open_paste(self) -> PasteDialog:
        dialog = PasteDialog(self.window_.store, self.year.value(), self)
        dialog.accepted.connect(lambda: self._apply_schedule(dialog.entries, "工作日历：粘贴放假安排"))
        dialog.open()
        self.paste_dialog = dialog
        return dialog

    def _apply_schedule(self, entries: list[Any], text: str) -> bool:
        if not entries:
            return False
        if self._apply(text, {e.day: e for e in entries}):
            self.year.setValue(entries[len(entries) // 2].day.year)
            return True
        return False

    def import_file(self) -> bool:
        path, _ = QFileDialog.getOpenFileName(self, "选择节假日表文件", "", "文本文件 (*.txt *.tsv);;所有文件 (*)")
        return self.import_path(path) if path else False

    def import_path(self, path: str) -> bool:
        try:
            entries = holiday_ops.read_table_file(path)
        except UserError as exc:
            show_user_error(self, exc, "无法导入")
            return False
        changes = holiday_ops.preview(self.window_.store, entries)
        new = sum(not c.unchanged for c in changes)
        years = "、".join(str(y) for y in sorted({e.day.year for e in entries}))
        answer = QMessageBox.question(self, "导入节假日表", f"文件中有 {len(entries)} 天（{years}年），"
                                                            f"其中 {new} 天将新增或改写本单位节假日表。导入？")
        if answer != QMessageBox.StandardButton.Yes:
            return False
        return self._apply_schedule(entries, "工作日历：导入节假日表")


def open_calendar_dialog(window: Any) -> "CalendarDialog | None":
    if window.store is None:
        return None
    dialog = getattr(window, "calendar_dialog", None)
    if dialog is None:  # one per window: its undo steps refresh it after it was closed and opened again
        dialog = CalendarDialog(window)
        window.calendar_dialog = dialog
    else:
        dialog.reload()
    dialog.open()
    return dialog
