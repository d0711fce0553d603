"""The settings dialog, drawn from the declarations in app/domain/settings.py (one row per `Setting`)."""
from __future__ import annotations

from typing import Any

from PySide6.QtWidgets import QDialog, QDialogButtonBox, QFormLayout, QLineEdit, QMessageBox, QSpinBox, QWidget

from app.domain.settings import SETTINGS, coerce
from app.errors import UserError


def _editor_for(spec, value: Any) -> QWidget:
    if spec.type is int:
        box = QSpinBox(maximum=3650)
        box.setValue(int(value if value is not None else spec.default))
        return box
    edit = QLineEdit(str(value if value is not None else spec.default))
    edit.setPlaceholderText(spec.help)
    return edit


def _editor_value(editor: QWidget) -> Any:
    return editor.value() if isinstance(editor, QSpinBox) else editor.text()


class SettingsDialog(QDialog):
    def __init__(self, values: dict[str, Any], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle("设置")
        self._initial = {spec.key: values.get(spec.key, spec.default) for spec in SETTINGS}
        self.editors: dict[str, QWidget] = {}
        form = QFormLayout(self)
        for spec in SETTINGS:
            editor = _editor_for(spec, values.get(spec.key))
            editor.setToolTip(spec.help)
            self.editors[spec.key] = editor
            form.addRow(spec.label, editor)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        form.addRow(buttons)
        self.resize(460, self.sizeHint().height())

    def edited_values(self) -> dict[str, Any]:
        """Every value as its declared type (raises UserError on one that does not fit)."""
        return {key: coerce(key, _editor_value(editor)) for key, editor in self.editors.items()}

    def changed_values(self) -> dict[str, Any]:
        return {k: v for k, v in self.edited_values().items() if v != self._initial.get(k)}

    def accept(self) -> None:
        try:
            self.edited_values()
        except UserError as exc:
            QMessageBox.warning(self, "设置有误", exc.message)
            return
        super().accept()
