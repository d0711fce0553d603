"""The 反馈 menu's dialogs: which forms to export, the import preview (per file its unit, per row its change or
why it was not taken), and who has replied (with 催办 for the late ones)."""
from __future__ import annotations

from collections.abc import Sequence
from datetime import date
from pathlib import Path
from typing import Any

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QBrush, QColor
from PySide6.QtWidgets import (
    QAbstractItemView, QDialog, QDialogButtonBox, QFileDialog, QFormLayout, QHBoxLayout,
    QHeaderView, QLabel, QLineEdit, QListWidget, QListWidgetItem, QPushButton, QTableWidget, QTableWidgetItem,
    QTreeWidget, QTreeWidgetItem, QVBoxLayout, QWidget,
)

from app.ui.fields import date_field, day_of
from app.ui.plan_choosers import PlanChoice, PlanChooser

REFUSED_COLOUR = QColor("#b3261e")
QUIET_COLOUR = QColor("#777777")


class ExportFormsDialog(QDialog):
    """导出反馈表: a plan, its units (all ticked), the reply-by date and the folder."""

    planChosen = Signal(int)

    def __init__(self, plans: Sequence[PlanChoice], today: date, folder: Path, parent: QWidget | None = None,
                 plan_id: int | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle("导出反馈表")
        self.resize(560, 520)
        self.plan = PlanChooser(plans, plan_id)  # the plan the window's filter shows, when given
        self.units = QListWidget()
        self.reply_by = date_field(today)
        self.reply_by.setMinimumDate(self.reply_by.date())
        self.use_default = QPushButton("按机关信息推算")
        self.use_default.setCheckable(True)
        self.use_default.setChecked(True)
        self.reply_by.setEnabled(False)
        self.use_default.toggled.connect(lambda on: self.reply_by.setEnabled(not on))
        self.folder = QLineEdit(str(folder))
        browse = QPushButton("选择…")
        browse.clicked.connect(self._browse)
        folder_row = QHBoxLayout()
        folder_row.addWidget(self.folder, 1)
        folder_row.addWidget(browse)
        reply_row = QHBoxLayout()
        reply_row.addWidget(self.reply_by, 1)
        reply_row.addWidget(self.use_default)
        form = QFormLayout()
        form.addRow("方案", self.plan)
        form.addRow("反馈期限", reply_row)
        form.addRow("保存到", folder_row)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        buttons.button(QDialogButtonBox.StandardButton.Ok).setText("导出")
        buttons.button(QDialogButtonBox.StandardButton.Cancel).setText("取消")
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(QLabel("单位（每个单位一份）："))
        layout.addWidget(self.units, 1)
        layout.addWidget(buttons)
        self.plan.currentIndexChanged.connect(lambda _: self.planChosen.emit(self.plan_id()))

    def _browse(self) -> None:
        chosen = QFileDialog.getExistingDirectory(self, "反馈表保存到", self.folder.text())
        if chosen:
            self.folder.setText(chosen)

    def plan_id(self) -> int:
        return int(self.plan.currentData())

    def set_units(self, rows: list[Any]) -> None:
        """`rows`: app.domain.feedback.RoundReply of the plan (the state shows whether a form went out before)."""
        self.units.clear()
        for row in rows:
            extra = f"（上次 {row.sent_on.isoformat()} 已发，{row.state}）" if row.sent_on else ""
            item = QListWidgetItem(row.unit + extra)
            item.setData(Qt.ItemDataRole.UserRole, row.unit)
            item.setFlags(item.flags() | Qt.ItemFlag.ItemIsUserCheckable)
            item.setCheckState(Qt.CheckState.Checked)
            self.units.addItem(item)

    def chosen_units(self) -> list[str]:
        """The units ticked; [] when every unit is (the plan's units as they are when exporting)."""
        items = [self.units.item(i) for i in range(self.units.count())]
        ticked = [i.data(Qt.ItemDataRole.UserRole) for i in items if i.checkState() == Qt.CheckState.Checked]
        return [] if len(ticked) == len(items) else ticked

    def chosen_reply_by(self) -> date | None:
        return None if self.use_default.isChecked() else day_of(self.reply_by)


class FeedbackPreviewDialog(QDialog):
    """导入反馈表's preview: one branch per file (its unit, or why it is refused whole), one line per row."""

    def __init__(self, preview: Any, parent: QWidget | None = None) -> None:
        from app.ops.feedback import APPLY, BLANK, REFUSED, UNCHANGED

        super().__init__(parent)
        self.setWindowTitle("导入反馈表 — 预览")
        self.resize(960, 600)
        self.tree = QTreeWidget()
        self.tree.setColumnCount(4)
        self.tree.setHeaderLabels(["文件 / 行", "任务编号", "单位 / 任务", "变化"])
        self.tree.setSelectionMode(QAbstractItemView.SelectionMode.NoSelection)
        header = self.tree.header()
        header.setSectionResizeMode(3, QHeaderView.ResizeMode.Stretch)
        self.tree.setColumnWidth(0, 260)
        self.tree.setColumnWidth(2, 220)
        for f in preview.files:
            if f.refused:
                top = QTreeWidgetItem([f.path.name, "", "", f"整份未导入：{f.refused}"])
                top.setForeground(3, QBrush(REFUSED_COLOUR))
            else:
                counts = f"{f.count(APPLY)} 行有变化，{f.count(UNCHANGED)} 行不变，{f.count(REFUSED)} 行未导入"
                top = QTreeWidgetItem([f.path.name, "", f.unit, counts])
            self.tree.addTopLevelItem(top)
            for r in f.rows:
                if r.outcome == BLANK:
                    continue  # rows the unit left empty
                child = QTreeWidgetItem([f"第 {r.row} 行", r.ref, r.title, r.describe()])
                if r.outcome == REFUSED:
                    child.setForeground(3, QBrush(REFUSED_COLOUR))
                elif r.outcome == UNCHANGED:
                    child.setForeground(3, QBrush(QUIET_COLOUR))
                top.addChild(child)
            top.setExpanded(True)
        changes = preview.count(APPLY)
        refused = len(preview.refused_files)
        summary = (f"收到日期 {preview.received_on.isoformat()}：{changes} 条进展将写入（记在各填报单位名下），"
                   f"{preview.count(UNCHANGED)} 条与已导入的相同，{preview.count(REFUSED)} 行、{refused} 个文件未导入。")
        self.summary = QLabel(summary, wordWrap=True)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        self.apply_button = buttons.button(QDialogButtonBox.StandardButton.Ok)
        self.apply_button.setText("写入")
        self.apply_button.setEnabled(changes > 0)
        buttons.button(QDialogButtonBox.StandardButton.Cancel).setText("取消")
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.summary)
        layout.addWidget(self.tree, 1)
        layout.addWidget(buttons)

    def lines(self) -> list[tuple[str, ...]]:
        """Every line of the tree as text (file lines, then their rows), for tests and copying."""
        out: list[tuple[str, ...]] = []
        for i in range(self.tree.topLevelItemCount()):
            top = self.tree.topLevelItem(i)
            out.append(tuple(top.text(c) for c in range(4)))
            out += [tuple(top.child(j).text(c) for c in range(4)) for j in range(top.childCount())]
        return out


class FeedbackStatusDialog(QDialog):
    """反馈情况: each unit of a plan, whether and when it replied; 催办 for the late ones."""

    COLUMNS = ("单位", "反馈情况", "下发日期", "反馈期限", "反馈日期")
    planChosen = Signal(int)
    chaseRequested = Signal(int)

    def __init__(self, plans: Sequence[PlanChoice], parent: QWidget | None = None, plan_id: int | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle("反馈情况")
        self.resize(760, 560)
        self.plan = PlanChooser(plans, plan_id)
        self.table = QTableWidget(0, len(self.COLUMNS))
        self.table.setHorizontalHeaderLabels(list(self.COLUMNS))
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.horizontalHeader().setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        self.summary = QLabel()
        self.chase_button = QPushButton("向逾期未反馈的单位发催办通知…")
        self.chase_button.clicked.connect(lambda: self.chaseRequested.emit(self.plan_id()))
        close = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        close.button(QDialogButtonBox.StandardButton.Close).setText("关闭")
        close.rejected.connect(self.reject)
        bottom = QHBoxLayout()
        bottom.addWidget(self.chase_button)
        bottom.addStretch()
        bottom.addWidget(close)
        layout = QVBoxLayout(self)
        layout.addWidget(self.plan)
        layout.addWidget(self.summary)
        layout.addWidget(self.table, 1)
        layout.addLayout(bottom)
        self.plan.currentIndexChanged.connect(lambda _: self.planChosen.emit(self.plan_id()))

    def plan_id(self) -> int:
        return int(self.plan.currentData())

    def set_rows(self, rows: list[Any]) -> None:
        """`rows`: app.domain.feedback.RoundReply."""
        from app.domain.feedback import LATE, REPLIED

        self.table.setRowCount(len(rows))
        for r, row in enumerate(rows):
            values = (row.unit, row.state, row.sent_on, row.reply_by, row.replied_on)
            for c, value in enumerate(values):
                item = QTableWidgetItem(value.isoformat() if isinstance(value, date) else str(value or ""))
                if c == 1 and row.state == LATE:
                    item.setForeground(QBrush(REFUSED_COLOUR))
                self.table.setItem(r, c, item)
        late = sum(1 for row in rows if row.state == LATE)
        replied = sum(1 for row in rows if row.state == REPLIED)
        self.summary.setText(f"共 {len(rows)} 个单位：已反馈 {replied} 个，逾期未反馈 {late} 个。")
        self.chase_button.setEnabled(late > 0)
