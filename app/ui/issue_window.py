"""The shape the 批量督办 and 情况通报 dialogs share: options on the left, the PDF preview on the right, the
message line (errors in place of a modal box) and a row of buttons below: 预览, 编号并打印 / 编号并保存 (after the
完成后 choice), 关闭. Previews are written to a temporary folder removed when the dialog closes."""
from __future__ import annotations

import shutil
import tempfile
from collections.abc import Sequence
from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDialog, QHBoxLayout, QPushButton, QSplitter, QVBoxLayout, QWidget

from app.ui import batch_source as source
from app.ui.pdf_preview import PdfPreview
from app.ui.print_dialog import AfterIssuing, FolderField, MessageLine
from app.ui.runner import DbRunner
from app.ui.screen_fit import fit_to_screen


class PreviewedIssueDialog(QDialog):
    ISSUE_TEXTS = ("编号并打印", "编号并保存")  # with a printer chosen / saving only

    def __init__(self, title: str, runner: DbRunner, size: tuple[int, int] = (1180, 680), parent: QWidget | None = None,
                 *, preview_text: str = "预览") -> None:
        super().__init__(parent)
        self.setWindowTitle(title)
        fit_to_screen(self, *size)  # 1366×768 office screens included
        self.runner = runner
        self.folder = FolderField()
        self.after = AfterIssuing()
        self.preview = PdfPreview(runner, buttons=False)
        self.message = MessageLine()
        self.preview_button = QPushButton(preview_text)
        self.preview_button.clicked.connect(lambda: self.preview_first())
        self.issue_button = QPushButton()
        self.issue_button.setDefault(True)
        self.issue_button.clicked.connect(lambda: self.issue())
        self.close_button = QPushButton("关闭")
        self.close_button.clicked.connect(self.reject)
        self._preview_dir = Path(tempfile.mkdtemp(prefix="duban-preview-"))
        self.finished.connect(self._remove_previews)
        self.after.currentIndexChanged.connect(self._label_issue_button)

    def lay_out(self, left: QWidget, right: QWidget, sizes: Sequence[int], *, before: Sequence[QWidget] = (),
                after: Sequence[QWidget] = ()) -> None:
        """The two sides, the message line, then `before` (stretched), 预览, the issue button, `after`, 关闭."""
        splitter = QSplitter(Qt.Orientation.Horizontal)
        splitter.addWidget(left)
        splitter.addWidget(right)
        splitter.setSizes(list(sizes))
        bottom = QHBoxLayout()
        for widget in before:
            bottom.addWidget(widget, 1)
        if not before:
            bottom.addStretch()
        for button in (self.preview_button, self.issue_button, *after, self.close_button):
            bottom.addWidget(button)
        layout = QVBoxLayout(self)
        layout.addWidget(splitter, 1)
        layout.addWidget(self.message)
        layout.addLayout(bottom)
        self._label_issue_button()

    def _label_issue_button(self) -> None:
        self.issue_button.setText(self.ISSUE_TEXTS[0 if self.after.printer() else 1])

    def preview_path(self) -> Path:
        return self._preview_dir / f"预览_{source.stamp()}.pdf"

    def preview_first(self) -> int | None:
        raise NotImplementedError

    def issue(self) -> int | None:
        raise NotImplementedError

    def _remove_previews(self) -> None:
        if self.preview.path is not None and self.preview.path.parent == self._preview_dir:
            self.preview.clear()
        shutil.rmtree(self._preview_dir, ignore_errors=True)
