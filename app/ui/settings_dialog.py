"""The settings dialog, drawn from the declarations in app/domain/settings.py (one row per `Setting`).

Other forms over some of the settings (机关信息, app/ui/profile_dialog.py) are this dialog with their own rows,
title and choices (a setting with a list of choices is a drop-down)."""
from __future__ import annotations

from typing import Any

from collections.abc import Sequence

from PySide6.QtWidgets import (
    QComboBox, QDialog, QDialogButtonBox, QFileDialog, QFormLayout, QInputDialog, QLabel, QLineEdit, QMessageBox,
    QPushButton, QSpinBox, QWidget,
)

from app.domain.settings import SETTINGS, Setting, coerce
from app.errors import UserError


NOT_SET = "（未设置）"


def _editor_for(spec: Setting, value: Any, choices: Sequence[str] | None = None) -> QWidget:
    if choices is not None:
        box = QComboBox()
        current = str(value or "")
        box.addItem(NOT_SET, "")
        for choice in [*choices, *([current] if current and current not in choices else [])]:
            box.addItem(choice, choice)
        box.setCurrentIndex(max(0, box.findData(current)))
        return box
    if spec.type is int:
        box = QSpinBox(maximum=3650)
        box.setValue(int(value if value is not None else spec.default))
        return box
    edit = QLineEdit(str(value if value is not None else spec.default))
    edit.setPlaceholderText(spec.help)
    return edit


def _fonts_text() -> str:
    """Each role's face, and the stand-ins named (本机未安装仿宋，正文以 … 代替)."""
    from app.notices import fonts

    return "\n".join(fonts.describe_fonts()) + ("\n" + fonts.substitution_note() if fonts.substitution_note() else "")


def _editor_value(editor: QWidget) -> Any:
    if isinstance(editor, QComboBox):
        return editor.currentData()
    return editor.value() if isinstance(editor, QSpinBox) else editor.text()


class SettingsDialog(QDialog):
    def __init__(self, values: dict[str, Any], parent: QWidget | None = None, *,
                 specs: Sequence[Setting] = SETTINGS, title: str = "设置", intro: str = "",
                 choices: dict[str, Sequence[str]] | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(title)
        self._initial = {spec.key: values.get(spec.key, spec.default) for spec in specs}
        self.editors: dict[str, QWidget] = {}
        form = QFormLayout(self)
        self.intro = QLabel(intro, wordWrap=True) if intro else None
        if self.intro is not None:
            form.addRow(self.intro)
        for spec in specs:
            editor = _editor_for(spec, values.get(spec.key), (choices or {}).get(spec.key))
            editor.setToolTip(spec.help)
            self.editors[spec.key] = editor
            form.addRow(spec.label, editor)
        self.fonts_label: QLabel | None = None
        if specs is SETTINGS:  # the notices' fonts: which stand-ins are used, and the office's own files
            self.fonts_label = QLabel(_fonts_text(), wordWrap=True)
            choose = QPushButton("指定字体文件…")
            choose.clicked.connect(self.choose_font)
            form.addRow("通知字体", self.fonts_label)
            form.addRow("", choose)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        buttons.button(QDialogButtonBox.StandardButton.Ok).setText("确定")  # Chinese without Qt's translations
        buttons.button(QDialogButtonBox.StandardButton.Cancel).setText("取消")
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        form.addRow(buttons)
        self.resize(460, self.sizeHint().height())

    def choose_font(self) -> None:
        """Copy a font file of the office's own into the data folder for one role (仿宋, 小标宋, …)."""
        from app.notices import fonts

        labels = [fonts.ROLE_LABELS[r] for r in fonts.ROLES]
        role, ok = QInputDialog.getItem(self, "指定字体文件", "字体用途：", labels, 1, False)
        if not ok:
            return
        path, _ = QFileDialog.getOpenFileName(self, f"选择{role}字体文件", "", "TrueType 字体 (*.ttf *.ttc)")
        if not path:
            return
        try:
            fonts.install_office_font(role, path)
        except UserError as exc:
            QMessageBox.warning(self, "字体文件无法使用", exc.message)
            return
        if self.fonts_label is not None:
            self.fonts_label.setText(_fonts_text())

    def edited_values(self) -> dict[str, Any]:
        """Every value as its declared type (raises UserError on one that does not fit)."""
        return {key: coerce(key, _editor_value(editor)) for key, editor in self.editors.items()}

    def changed_values(self) -> dict[str, Any]:
        return {k: v for k, v in self.edited_values().items() if v != self._initial.get(k)}

    def accept(self) -> None:
        try:
            self.edited_values()
        except UserError as exc:
            QMessageBox.warning(self, f"{self.windowTitle()}有误", exc.message)
            return
        super().accept()
