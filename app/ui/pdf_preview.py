"""A PDF on screen (QPdfView), with 打印… (app.ui.print_dialog: the file itself to a printer or a PDF file, off
the interface thread) and 另存为… (a copy where the user wants it). Used by the batch, the 情况通报 and the
register's preview."""
from __future__ import annotations

from pathlib import Path

from PySide6.QtPdf import QPdfDocument
from PySide6.QtPdfWidgets import QPdfView
from PySide6.QtWidgets import (
    QDialog,
    QFileDialog,
    QHBoxLayout,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from app.errors import UserError
from app.ops.printing import print_to_file
from app.ui.print_dialog import MessageLine, PrintDialog, notices_folder, open_print_dialog
from app.ui.runner import DbRunner
from app.ui.screen_fit import fit_to_screen


class PdfPreview(QWidget):
    """A line of text, the 打印… / 另存为… buttons (enabled once a file is shown) and the pages."""

    def __init__(self, runner: DbRunner | None = None, parent: QWidget | None = None, *,
                 buttons: bool = True) -> None:
        super().__init__(parent)
        self.runner = runner
        self.path: Path | None = None
        self.info = MessageLine()
        self.print_button = QPushButton("打印…", enabled=False)
        self.print_button.clicked.connect(self.print_document)
        self.save_button = QPushButton("另存为…", enabled=False)
        self.save_button.clicked.connect(self.choose_save_path)
        self.document = QPdfDocument(self)
        self.view = QPdfView()
        self.view.setDocument(self.document)
        self.view.setPageMode(QPdfView.PageMode.MultiPage)
        self.view.setZoomMode(QPdfView.ZoomMode.FitToWidth)
        self.print_dialog: PrintDialog | None = None
        row = QHBoxLayout()
        row.addWidget(self.info, 1)
        if buttons:
            row.addWidget(self.print_button)
            row.addWidget(self.save_button)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addLayout(row)
        layout.addWidget(self.view, 1)

    def show_file(self, path: Path | str, info: str = "") -> None:
        self.path = Path(path)
        self.info.note(info)
        self.document.close()
        self.document.load(str(self.path))
        self.print_button.setEnabled(self.runner is not None)
        self.save_button.setEnabled(True)

    def clear(self, info: str = "") -> None:
        self.path = None
        self.document.close()
        self.info.note(info)
        self.print_button.setEnabled(False)
        self.save_button.setEnabled(False)

    def print_document(self) -> PrintDialog | None:
        if self.path is None or self.runner is None:
            return None
        self.print_dialog = open_print_dialog(self, [self.path], self.runner, notices_folder())
        return self.print_dialog

    def choose_save_path(self) -> None:
        if self.path is None:
            return
        target, _ = QFileDialog.getSaveFileName(self, "另存为", str(notices_folder() / self.path.name),
                                                "PDF 文件 (*.pdf)")
        if target:
            self.save_as(Path(target))

    def save_as(self, target: Path) -> Path | None:
        """Copy the shown file to `target` (the PDF itself); a refusal is shown in the info line."""
        if self.path is None:
            return None
        try:
            return print_to_file(self.path, target)
        except UserError as exc:
            self.info.error(exc.message)
            return None


class PdfPreviewDialog(QDialog):
    """A registered notice opened from the register: its pages, 打印… and 另存为…."""

    def __init__(self, path: Path | str, title: str, info: str, runner: DbRunner | None,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(title)
        fit_to_screen(self, 820, 680)
        self.preview = PdfPreview(runner)
        layout = QVBoxLayout(self)
        layout.addWidget(self.preview)
        self.preview.show_file(path, info)
