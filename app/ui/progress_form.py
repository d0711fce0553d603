"""The "add progress" form under a task: date, reporting unit, what was done, and the status it leaves the task in."""
from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QComboBox, QFormLayout, QGroupBox, QPlainTextEdit, QPushButton, QSpinBox

from app.domain.status import DONE, IN_PROGRESS, NOT_STARTED
from app.ui.fields import date_field, day_of

# 进展 a report leaves the task in (the domain's words), the usual one first.
PROGRESS_STATUSES = (IN_PROGRESS, DONE, NOT_STARTED)


@dataclass(frozen=True)
class ProgressEntry:
    on: date
    unit: str
    content: str
    status: str
    percent: int | None


class ProgressForm(QGroupBox):
    submitted = Signal(object)  # ProgressEntry

    def __init__(self, today: date, parent=None) -> None:
        super().__init__("添加进展", parent)
        self.on = date_field(today)
        self.unit = QComboBox(editable=True)
        self.content = QPlainTextEdit(placeholderText="本次进展情况…")
        self.content.setFixedHeight(80)
        self.status = QComboBox()
        self.status.addItems(PROGRESS_STATUSES)
        self.percent = QSpinBox(maximum=100, suffix=" %", specialValueText="不填")
        self.save = QPushButton("保存进展")
        self.save.clicked.connect(self._submit)
        form = QFormLayout(self)
        form.addRow("日期", self.on)
        form.addRow("单位", self.unit)
        form.addRow("内容", self.content)
        form.addRow("进展", self.status)
        form.addRow("完成比例", self.percent)
        form.addRow(self.save)

    def set_units(self, units: list[str]) -> None:
        self.unit.clear()
        self.unit.addItems(units)

    def entry(self) -> ProgressEntry | None:
        content = self.content.toPlainText().strip()
        unit = self.unit.currentText().strip()
        if not content or not unit:
            return None
        return ProgressEntry(day_of(self.on), unit, content, self.status.currentText(), self.percent.value() or None)

    def _submit(self) -> None:
        entry = self.entry()
        if entry is None:
            self.content.setFocus()
            self.content.setPlaceholderText("请填写进展内容和单位")
            return
        self.submitted.emit(entry)
        self.content.clear()
