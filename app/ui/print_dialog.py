"""Printing from the window without freezing it: the PDF file itself goes to the printer (app.ops.printing: the
Windows shell or CUPS `lp`), or is copied to a PDF file ("打印到 PDF 文件", vector as written), on the window's
database runner with progress. Only a machine with neither falls back to drawing the pages through Qt.

Errors show in the dialog's own line (never a modal box), so nothing waits for a click that a test cannot give."""
from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path
from typing import Any

from PySide6.QtCore import Signal
from PySide6.QtGui import QPainter
from PySide6.QtPdf import QPdfDocument
from PySide6.QtPrintSupport import QPrinter, QPrinterInfo
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QFileDialog,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QProgressBar,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from app.errors import UserError
from app.ops import printing
from app.ui.runner import DbRunner

TO_FILE = ""  # the destination combo's data for "打印到 PDF 文件"
FALLBACK_DPI = 300


def printer_names() -> list[str]:
    """The system's printers, the default one first."""
    names = list(QPrinterInfo.availablePrinterNames())
    default = QPrinterInfo.defaultPrinterName()
    return sorted(names, key=lambda n: n != default)


def error_text(exc: BaseException) -> str:
    """A refusal's Chinese message; anything else is a bug and goes on to the crash dialog."""
    if isinstance(exc, UserError):
        return exc.message
    raise exc


class MessageLine(QLabel):
    """A dialog's line for what went wrong (red) or what was done, in place of a modal box."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent, wordWrap=True)

    def error(self, text: str) -> None:
        self.setStyleSheet("color: #b00020;")
        self.setText(text)

    def note(self, text: str) -> None:
        self.setStyleSheet("")
        self.setText(text)


def print_pdf(document: QPdfDocument, printer: QPrinter) -> int:
    """Each page drawn as an image at the printer's resolution; returns the number of pages sent."""
    painter = QPainter()
    if not painter.begin(printer):
        return 0
    try:
        for page in range(document.pageCount()):
            if page:
                printer.newPage()
            target = painter.viewport()
            painter.drawImage(target, document.render(page, target.size()))
    finally:
        painter.end()
    return document.pageCount()


def print_pages_through_qt(path: Path, printer_name: str) -> int:
    """The fallback where no platform printing exists: the pages as 300-dpi images (not vectors)."""
    document = QPdfDocument()
    document.load(str(path))
    printer = QPrinter(QPrinter.PrinterMode.HighResolution)
    printer.setPrinterName(printer_name)
    printer.setResolution(FALLBACK_DPI)
    pages = print_pdf(document, printer)
    if not pages and document.pageCount():
        raise UserError(f"无法打开打印机“{printer_name}”。")
    return pages


class PrintDialog(QDialog):
    """打印: to a printer or to a PDF file (default: the notices folder), off the interface thread."""

    printed = Signal(list)  # one line per file: where it went

    def __init__(self, paths: Sequence[Path], runner: DbRunner, folder: Path, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle("打印")
        self.paths, self.runner, self.folder = [Path(p) for p in paths], runner, Path(folder)
        self.destination = QComboBox()
        for name in printer_names():
            self.destination.addItem(name, name)
        self.destination.addItem("打印到 PDF 文件", TO_FILE)
        self.target = QLineEdit(str(self._default_target()))
        browse = QPushButton("浏览…")
        browse.clicked.connect(self.choose_target)
        target_row = QHBoxLayout()
        target_row.addWidget(self.target, 1)
        target_row.addWidget(browse)
        self.target_label = QLabel("保存到")
        form = QFormLayout()
        form.addRow("打印机", self.destination)
        form.addRow(self.target_label, target_row)
        names = "、".join(p.name for p in self.paths[:3]) + (f" 等 {len(self.paths)} 个文件" if len(self.paths) > 3 else "")
        self.progress = QProgressBar(maximum=100, value=0)
        self.message = MessageLine()
        self.print_button = QPushButton("打印")
        self.print_button.setDefault(True)
        self.print_button.clicked.connect(self.start)
        close = QPushButton("关闭")
        close.clicked.connect(self.reject)
        buttons = QHBoxLayout()
        buttons.addStretch()
        buttons.addWidget(self.print_button)
        buttons.addWidget(close)
        layout = QVBoxLayout(self)
        layout.addWidget(QLabel(f"要打印：{names}", wordWrap=True))
        layout.addLayout(form)
        layout.addWidget(self.progress)
        layout.addWidget(self.message)
        layout.addLayout(buttons)
        self.destination.currentIndexChanged.connect(self._destination_changed)
        self._destination_changed()
        self.resize(560, 0)
        self.result_lines: list[str] = []

    def _default_target(self) -> Path:
        return self.folder / self.paths[0].name if len(self.paths) == 1 else self.folder

    def _destination_changed(self) -> None:
        to_file = self.destination.currentData() == TO_FILE
        self.target.setEnabled(to_file)
        self.target_label.setEnabled(to_file)

    def choose_target(self) -> None:
        if len(self.paths) == 1:
            chosen, _ = QFileDialog.getSaveFileName(self, "打印到 PDF 文件", self.target.text(), "PDF 文件 (*.pdf)")
        else:
            chosen = QFileDialog.getExistingDirectory(self, "打印到文件夹", self.target.text())
        if chosen:
            self.target.setText(chosen)
            self.destination.setCurrentIndex(self.destination.findData(TO_FILE))

    def start(self) -> int | None:
        """Print on the runner; returns the runner's job number (None: printed here, the Qt fallback)."""
        printer = self.destination.currentData()
        paths = list(self.paths)
        self.print_button.setEnabled(False)
        self.message.note("正在打印…")
        if printer != TO_FILE and printing.direct_method() is None:
            return self._print_through_qt(printer)
        target = Path(self.target.text()) if printer == TO_FILE else None

        def job(_store: Any):  # the store is not used: printing only reads the files
            return (yield from printing.print_files(paths, printer=printer or None, to_file=target))

        return self.runner.run(job, label="正在打印", progress=self._progressed, done=self._done,
                               failed=self._failed)

    def _print_through_qt(self, printer: str) -> None:
        try:
            pages = sum(print_pages_through_qt(p, printer) for p in self.paths)
        except UserError as exc:
            self._failed(exc)
            return None
        self._done([f"已送打印机“{printer}”：{pages} 页（本机无法直接打印 PDF，按图像打印）"])
        return None

    def _progressed(self, percent: int, message: str) -> None:
        self.progress.setValue(percent)
        self.message.note(message)

    def _done(self, lines: list[str]) -> None:
        self.progress.setValue(100)
        self.print_button.setEnabled(True)
        self.result_lines = list(lines)
        self.message.note("已打印：\n" + "\n".join(lines))
        self.printed.emit(self.result_lines)

    def _failed(self, exc: BaseException) -> None:
        self.print_button.setEnabled(True)
        self.progress.setValue(0)
        self.message.error(error_text(exc))


def open_print_dialog(parent: QWidget, paths: Sequence[Path], runner: DbRunner, folder: Path) -> PrintDialog:
    dialog = PrintDialog(paths, runner, folder, parent)
    dialog.open()
    return dialog


FOLDER_KEY = "notices/folder"


def notices_folder() -> Path:
    """The folder the user chose for notices (remembered), else the program's own notices folder."""
    from app.ops.notice_files import window_notices_dir
    from app.ui.ui_settings import ui_settings

    chosen = ui_settings().value(FOLDER_KEY)
    return Path(str(chosen)) if chosen else window_notices_dir()


def remember_notices_folder(folder: Path) -> None:
    from app.ui.ui_settings import ui_settings

    settings = ui_settings()
    settings.setValue(FOLDER_KEY, str(folder))
    settings.sync()


SAVE_ONLY = ""  # an AfterIssuing combo's data for "仅保存，不打印"


class AfterIssuing(QComboBox):
    """完成后: print to one of the system's printers, or only save the files."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        for name in printer_names():
            self.addItem(f"打印到 {name}", name)
        self.addItem("仅保存，不打印", SAVE_ONLY)

    def printer(self) -> str | None:
        return self.currentData() or None


class FolderField(QWidget):
    """The folder notices are saved to: the remembered one, changed with 选择…."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.edit = QLineEdit(str(notices_folder()))
        choose = QPushButton("选择…")
        choose.clicked.connect(self.choose)
        row = QHBoxLayout(self)
        row.setContentsMargins(0, 0, 0, 0)
        row.addWidget(self.edit, 1)
        row.addWidget(choose)

    def choose(self) -> None:
        chosen = QFileDialog.getExistingDirectory(self, "通知保存到", self.edit.text())
        if chosen:
            self.edit.setText(chosen)

    def folder(self) -> Path | None:
        """The folder typed or chosen (remembered for next time), None when empty."""
        text = self.edit.text().strip()
        if not text:
            return None
        remember_notices_folder(Path(text))
        return Path(text)


def print_after(runner: DbRunner, paths: Sequence[Path], printer: str, message: MessageLine) -> int | None:
    """Send the files to `printer` on the runner once issued; the outcome is added to `message`."""
    if printing.direct_method() is None:
        message.note(message.text() + "\n本机无法直接打印 PDF：请用“打开文件夹”打开文件后打印。")
        return None

    def job(_store: Any):
        return (yield from printing.print_files(list(paths), printer=printer))

    return runner.run(job, label="正在打印", done=lambda lines: message.note(message.text() + "\n已送打印："
                                                                            + "；".join(lines)),
                      failed=lambda exc: message.error(message.text() + "\n" + error_text(exc)))
