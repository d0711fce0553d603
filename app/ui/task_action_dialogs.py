"""The 延期 and 办结 dialogs: they gather what the user typed and hand it to `submit`, which writes through an
undoable command and answers whether it did; the dialog closes only then (a refused entry keeps what was typed).
Both are small enough for a 1366×768 screen."""
from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, timedelta

from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QWidget,
)

from app.ui.fields import date_field, day_of


@dataclass(frozen=True)
class ExtensionEntry:
    new_due: date
    reason: str
    basis: str
    recorded_on: date


@dataclass(frozen=True)
class DoneEntry:
    on: date
    note: str


class _EntryDialog(QDialog):
    def __init__(self, title: str, submit: Callable[[object], bool], parent: QWidget | None) -> None:
        super().__init__(parent)
        self.setWindowTitle(title)
        self._submit = submit
        self.form = QFormLayout(self)
        self.hint = QLabel(styleSheet="color: #c62828")  # what is missing, said in the dialog itself
        self.hint.hide()
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        self.buttons.button(QDialogButtonBox.StandardButton.Ok).setText("确定")
        self.buttons.button(QDialogButtonBox.StandardButton.Cancel).setText("取消")
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)

    def entry(self) -> object | None:
        raise NotImplementedError

    def _missing(self, message: str, field: QWidget) -> None:
        self.hint.setText(message)
        self.hint.show()
        field.setFocus()

    def accept(self) -> None:
        entry = self.entry()
        if entry is not None and self._submit(entry):
            super().accept()


class ExtendDialog(_EntryDialog):
    """延期: the new deadline, the reason, the approval basis (批复文号) and the date it was granted."""

    def __init__(self, detail, today: date, submit: Callable[[object], bool], parent: QWidget | None = None) -> None:
        super().__init__(f"延期 — {detail.ref_label} {detail.title[:20]}", submit, parent)
        current = detail.current_due
        if current is None:
            now = "方案未规定具体日期" + (f"（{detail.deadline.text}）" if detail.deadline else "")
        elif detail.extension:
            now = detail.extension
        else:
            now = current.isoformat() + (f"（{detail.deadline.text}）" if detail.deadline else "")
        self.current = QLabel(now, wordWrap=True)
        self.new_due = date_field((current or today) + timedelta(days=90))
        self.reason = QPlainTextEdit(placeholderText="延期原因（必填）")
        self.reason.setFixedHeight(72)
        self.basis = QLineEdit(placeholderText="如：呼政办函〔2026〕3号（可不填）")
        self.recorded_on = date_field(today)
        self.form.addRow("现行时限", self.current)
        self.form.addRow("延期至", self.new_due)
        self.form.addRow("延期原因", self.reason)
        self.form.addRow("批复文号", self.basis)
        self.form.addRow("批准日期", self.recorded_on)
        self.form.addRow(self.hint)
        self.form.addRow(self.buttons)
        self.resize(480, 300)

    def entry(self) -> ExtensionEntry | None:
        reason = self.reason.toPlainText().strip()
        if not reason:
            self._missing("请写明延期原因。", self.reason)
            return None
        return ExtensionEntry(day_of(self.new_due), reason, self.basis.text().strip(), day_of(self.recorded_on))


class DoneDialog(_EntryDialog):
    """办结: the date and a note on the evidence (验收意见、文件、报告…)."""

    def __init__(self, detail, today: date, submit: Callable[[object], bool], parent: QWidget | None = None) -> None:
        super().__init__(f"办结 — {detail.ref_label} {detail.title[:20]}", submit, parent)
        self.on = date_field(today)
        self.note = QPlainTextEdit(placeholderText="办结依据：验收意见、印发文件、总结报告等（可不填）")
        self.note.setFixedHeight(90)
        self.form.addRow("办结日期", self.on)
        self.form.addRow("办结说明", self.note)
        self.form.addRow(self.buttons)
        self.resize(460, 220)

    def entry(self) -> DoneEntry:
        return DoneEntry(day_of(self.on), self.note.toPlainText().strip())
