"""An editable model of a freshly read matrix, for the import preview: nothing here touches the database.

Units are edited as one line separated by 、 (the way plans print them); a deadline's due date as YYYY-MM-DD.
Edits change the Matrix in place, so what the user confirms is exactly what gets imported. Rows the reader
did not fully understand (the reading report, Matrix.findings) are marked: a ⚠ before the number, a tinted
background and the findings as the row's tooltip, so the user can fix them before importing.
"""
from __future__ import annotations

import re
from dataclasses import replace

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt
from PySide6.QtGui import QColor

from app.domain.matrix import FINDING_NO_YEAR, Deadline, Finding, Matrix, Task
from app.domain.records import iso_date

HEADERS = ("编号", "任务", "牵头单位", "责任单位", "完成时限", "解读为")
COL_REF, COL_TITLE, COL_LEAD, COL_RESPONSIBLE, COL_DEADLINE, COL_DUE = range(len(HEADERS))
EDITABLE = {COL_TITLE, COL_LEAD, COL_RESPONSIBLE, COL_DEADLINE, COL_DUE}
_UNIT_SPLIT = re.compile(r"[、，,；;]\s*")
MARK = "⚠ "
MARK_COLOR = QColor(255, 243, 205)  # a pale amber: "look at this row"


def split_units(text: str) -> list[str]:
    return [u.strip() for u in _UNIT_SPLIT.split(text) if u.strip()]


def due_label(deadline: Deadline | None) -> str:
    if deadline is None:
        return ""
    parts = [deadline.due.isoformat()] if deadline.due else []
    if deadline.ongoing:
        parts.append("持续")
    return " ".join(parts)


class MatrixPreviewModel(QAbstractTableModel):
    def __init__(self, matrix: Matrix, parent=None) -> None:
        super().__init__(parent)
        self.matrix = matrix
        self._findings: dict[tuple[str, ...], list[Finding]] = {}
        for finding in matrix.findings:
            if finding.ref:
                self._findings.setdefault(finding.ref, []).append(finding)

    def findings_of(self, row: int) -> list[Finding]:
        """What the reader did not understand about this row's task (empty for a clean row)."""
        return self._findings.get(self.task(row).ref, [])

    def marked_rows(self) -> list[int]:
        return [row for row in range(self.rowCount()) if self.findings_of(row)]

    def apply_plan_year(self, year: int) -> int:
        """Read again, with the plan's year the user gave, every deadline that waited for it; how many now
        have a date. The year's findings are settled then (their marks go)."""
        from app.reading.deadlines import parse_deadline

        changed = 0
        for row, task in enumerate(self.matrix.tasks):
            if task.deadline is None or task.deadline.due is not None:
                continue
            parts = [parse_deadline(part, year)[0] for part in task.deadline.text.split("；")]
            dues = [p.due for p in parts if p.due]
            if dues:
                task.deadline = replace(task.deadline, due=max(dues), ongoing=any(p.ongoing for p in parts),
                                        milestones=tuple(sorted(dues)) if len(dues) > 1 else ())
                changed += 1
            self._settle_year(task.ref)
            self.dataChanged.emit(self.index(row, 0), self.index(row, len(HEADERS) - 1))
        return changed

    def _settle_year(self, ref: tuple[str, ...]) -> None:
        left = [f for f in self._findings.get(ref, []) if f.kind != FINDING_NO_YEAR]
        if left:
            self._findings[ref] = left
        else:
            self._findings.pop(ref, None)

    def task(self, row: int) -> Task:
        return self.matrix.tasks[row]

    def rowCount(self, parent: QModelIndex | QPersistentModelIndex = QModelIndex()) -> int:
        return 0 if parent.isValid() else len(self.matrix.tasks)

    def columnCount(self, parent: QModelIndex | QPersistentModelIndex = QModelIndex()) -> int:
        return 0 if parent.isValid() else len(HEADERS)

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole):
        if role != Qt.ItemDataRole.DisplayRole:
            return None
        if orientation == Qt.Orientation.Horizontal:
            return HEADERS[section] if 0 <= section < len(HEADERS) else None
        return str(section + 1)

    def _cell(self, task: Task, column: int) -> str:
        if column == COL_REF:
            return task.ref_label
        if column == COL_TITLE:
            return task.title
        if column == COL_LEAD:
            return "、".join(task.lead)
        if column == COL_RESPONSIBLE:
            return "、".join(task.responsible)
        if column == COL_DEADLINE:
            return task.deadline.text if task.deadline else ""
        return due_label(task.deadline)

    def data(self, index: QModelIndex | QPersistentModelIndex, role: int = Qt.ItemDataRole.DisplayRole):
        if not index.isValid():
            return None
        task = self.task(index.row())
        findings = self.findings_of(index.row())
        if role == Qt.ItemDataRole.BackgroundRole:
            return MARK_COLOR if findings else None
        if role == Qt.ItemDataRole.ToolTipRole and findings:
            return "\n".join(f.describe() for f in findings)
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.EditRole, Qt.ItemDataRole.ToolTipRole):
            if role == Qt.ItemDataRole.EditRole and index.column() == COL_DUE:
                return task.deadline.due.isoformat() if task.deadline and task.deadline.due else ""
            text = self._cell(task, index.column())
            if role == Qt.ItemDataRole.DisplayRole and index.column() == COL_REF and findings:
                return MARK + text
            return text
        return None

    def flags(self, index: QModelIndex | QPersistentModelIndex) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        base = Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable
        return base | Qt.ItemFlag.ItemIsEditable if index.column() in EDITABLE else base

    def setData(self, index: QModelIndex | QPersistentModelIndex, value, role: int = Qt.ItemDataRole.EditRole) -> bool:
        if not index.isValid() or role != Qt.ItemDataRole.EditRole or index.column() not in EDITABLE:
            return False
        task = self.task(index.row())
        text = str(value or "").strip()
        column = index.column()
        if column == COL_TITLE:
            if not text:
                return False
            task.title = text
        elif column == COL_LEAD:
            task.lead = split_units(text)
        elif column == COL_RESPONSIBLE:
            task.responsible = split_units(text)
        elif column == COL_DEADLINE:
            old = task.deadline or Deadline(text="")
            task.deadline = replace(old, text=text) if text else None
        else:
            try:
                due = iso_date(text)
            except ValueError:
                return False
            old = task.deadline or Deadline(text=text)
            task.deadline = replace(old, due=due)
        # The deadline's text and its reading are shown side by side: an edit of either repaints both.
        first, last = (COL_DEADLINE, COL_DUE) if column in (COL_DEADLINE, COL_DUE) else (column, column)
        self.dataChanged.emit(self.index(index.row(), first), self.index(index.row(), last))
        return True
