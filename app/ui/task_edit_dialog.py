"""Edit a task: title, text, deadline (as printed and the date it means) and the units of each role.

The dialog only gathers the changes (the keys of app.ops.tasks.edit_task); the window applies them through an
undoable command, so the dialog never writes."""
from __future__ import annotations


from PySide6.QtWidgets import QCheckBox, QDialog, QDialogButtonBox, QFormLayout, QLineEdit, QMessageBox, QPlainTextEdit

from app.domain.matrix import UNIT_ROLE_LABELS
from app.domain.records import iso_date
from app.ui.matrix_preview_model import split_units


class TaskEditDialog(QDialog):
    def __init__(self, detail, parent=None) -> None:
        super().__init__(parent)
        self.setWindowTitle(f"编辑任务 {detail.ref_label}")
        self.resize(640, 520)
        self._before = self._values_of(detail)
        self.title = QLineEdit(detail.title)
        self.text = QPlainTextEdit(detail.text)
        d = detail.deadline
        self.deadline_text = QLineEdit(d.text if d else "")
        self.deadline_text.setPlaceholderText("如：2025年底前；留空表示没有时限")
        self.due = QLineEdit(d.due.isoformat() if d and d.due else "")
        self.due.setPlaceholderText("YYYY-MM-DD")
        self.ongoing = QCheckBox("并持续推进")
        self.ongoing.setChecked(bool(d and d.ongoing))
        self.roles = {role: QLineEdit("、".join(u.printed for u in detail.units if u.role == role and not u.standing))
                      for role in UNIT_ROLE_LABELS}
        form = QFormLayout(self)
        form.addRow("任务", self.title)
        form.addRow("原文", self.text)
        form.addRow("完成时限", self.deadline_text)
        form.addRow("截止日期", self.due)
        form.addRow("", self.ongoing)
        for role, label in UNIT_ROLE_LABELS.items():
            self.roles[role].setPlaceholderText("多个单位用顿号“、”分开")
            form.addRow(label, self.roles[role])
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        form.addRow(buttons)

    @staticmethod
    def _values_of(detail) -> dict:
        d = detail.deadline
        values = {
            "title": detail.title,
            "text": detail.text,
            "deadline": None if d is None else {"text": d.text, "due": d.due.isoformat() if d.due else None,
                                                "ongoing": bool(d.ongoing)},
        }
        for role in UNIT_ROLE_LABELS:
            values[role] = [u.printed for u in detail.units if u.role == role and not u.standing]
        return values

    def _deadline(self) -> dict | None:
        text = self.deadline_text.text().strip()
        if not text:
            return None
        due = self.due.text().strip() or None
        if due:
            iso_date(due)  # ValueError: the dialog says so
        return {"text": text, "due": due, "ongoing": self.ongoing.isChecked()}

    def changes(self) -> dict:
        """Only the keys the user changed, in edit_task's shape."""
        after = {"title": self.title.text().strip(), "text": self.text.toPlainText().strip(), "deadline": self._deadline()}
        for role, edit in self.roles.items():
            after[role] = split_units(edit.text())
        return {k: v for k, v in after.items() if v != self._before[k]}

    def accept(self) -> None:
        try:
            self.changes()
        except ValueError:
            QMessageBox.warning(self, "日期有误", "截止日期应写成 YYYY-MM-DD，例如 2025-12-31。")
            return
        if not self.title.text().strip():
            QMessageBox.warning(self, "内容不全", "任务标题不能为空。")
            return
        super().accept()
