"""Files into text: .txt, .docx, .pdf and .xlsx plans read into one `SourceDocument`.

The reader is chosen by the file's content first (a .doc renamed .docx, or a PDF saved as .txt, is
still read for what it is), then by its extension. Each reader returns plain text with "\\n" line ends
and keeps the document's order; the extractor does everything else (clean-up, structure, notes).
Any file that cannot be read raises `UnreadableDocument` with a Chinese message naming the file and
the reason; no other exception escapes for a bad file.
"""
from __future__ import annotations

import hashlib
import io
import re
import zipfile
from dataclasses import dataclass
from datetime import date, datetime, time
from pathlib import Path
from typing import Callable, Iterable

from app.errors import UnreadableDocument
from app.reading.docx_numbering import ListLabels
from app.reading.tables import CELL_BREAK


@dataclass(frozen=True)
class SourceDocument:
    name: str  # the file's name, without its folder
    kind: str  # "txt", "docx", "pdf" or "xlsx"
    text: str
    sha256: str  # hex digest of the file's bytes: the same file imported twice is recognised


KINDS = ("txt", "docx", "pdf", "xlsx")


def read_document(path: str | Path) -> SourceDocument:
    """Read a plan document into text. Raises UnreadableDocument for anything it cannot read."""
    path = Path(path)
    data = _read_bytes(path)
    kind = _detect_kind(path, data)
    text = _READERS[kind](path.name, data)
    if not text.strip():
        raise _unreadable(path.name, "文件里没有可读取的文字")
    return SourceDocument(name=path.name, kind=kind, text=text, sha256=hashlib.sha256(data).hexdigest())


def _unreadable(name: str, reason: str) -> UnreadableDocument:
    return UnreadableDocument(f"无法读取“{name}”：{reason}")


def _read_bytes(path: Path) -> bytes:
    try:
        data = path.read_bytes()
    except FileNotFoundError:
        raise UnreadableDocument(f"无法读取“{path}”：找不到这个文件") from None
    except IsADirectoryError:
        raise _unreadable(path.name, "这是一个文件夹，不是文件") from None
    except PermissionError:
        raise _unreadable(path.name, "没有读取这个文件的权限") from None
    except OSError as exc:
        if path.is_dir():  # Windows reports a folder as PermissionError / OSError, not IsADirectoryError
            raise _unreadable(path.name, "这是一个文件夹，不是文件") from None
        raise _unreadable(path.name, f"读取文件出错（{exc.strerror or exc}）") from None
    if not data:
        raise _unreadable(path.name, "文件是空的（0 字节）")
    return data


# ------------------------------------------------------------------------------------ format detection

_OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"  # the container of .doc/.xls/.wps and of encrypted Office files
_ENCRYPTED_PACKAGE = "EncryptedPackage".encode("utf-16-le")  # the stream a password-protected .docx/.xlsx holds
_SPREADSHEET_STREAMS = ("Workbook".encode("utf-16-le"), "Book".encode("utf-16-le"))
_OLD_SPREADSHEET_EXT = {".xls", ".et", ".ett"}
_OLD_BINARY_EXT = {".doc", ".dot", ".wps", ".wpt", ".xls", ".et", ".ett", ".dps", ".ppt"}
_TEXT_EXT = {".txt", ".text", ".md", ".tsv", ".csv", ""}
_ZIP_KIND_EXT = {".docx": "docx", ".docm": "docx", ".dotx": "docx", ".xlsx": "xlsx", ".xlsm": "xlsx"}
_SAVE_AS_DOCX = "请在 Word 或 WPS 中打开，另存为 .docx 后再导入"
_SAVE_AS_XLSX = "请在 Excel 或 WPS 中打开，另存为 .xlsx 后再导入"


def _detect_kind(path: Path, data: bytes) -> str:
    name, ext = path.name, path.suffix.lower()
    if b"%PDF-" in data[:1024]:  # the PDF standard lets the header sit anywhere in the first 1 KB
        return "pdf"
    if data.startswith(b"PK\x03\x04"):
        return _zip_kind(name, ext, data)
    if data.startswith(_OLE_MAGIC):
        raise _ole_error(name, ext, data)
    if data.lstrip().startswith(b"{\\rtf"):
        raise _unreadable(name, "这是 RTF 格式，" + _SAVE_AS_DOCX)
    if ext in _OLD_BINARY_EXT:
        raise _unreadable(name, "这是旧版二进制格式，" + (_SAVE_AS_XLSX if ext in _OLD_SPREADSHEET_EXT else _SAVE_AS_DOCX))
    if ext == ".pdf":
        raise _unreadable(name, "文件内容不是 PDF，可能已损坏")
    if ext in _ZIP_KIND_EXT:
        raise _unreadable(name, "文件内容不是有效的 Word/Excel 文件，可能已损坏")
    return "txt"


def _zip_kind(name: str, ext: str, data: bytes) -> str:
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            parts = set(archive.namelist())
    except (zipfile.BadZipFile, ValueError, OSError, EOFError):
        raise _unreadable(name, "文件已损坏（压缩包结构无效）") from None
    if "word/document.xml" in parts:
        return "docx"
    if "xl/workbook.xml" in parts:
        return "xlsx"
    if "content.xml" in parts:
        raise _unreadable(name, "这是 OpenDocument 格式（.odt/.ods），" + _SAVE_AS_DOCX)
    if ext in _ZIP_KIND_EXT:
        raise _unreadable(name, "文件已损坏（缺少正文部分）")
    raise _unreadable(name, "这是一个压缩包，不是方案文档")


def _ole_error(name: str, ext: str, data: bytes) -> UnreadableDocument:
    if _ENCRYPTED_PACKAGE in data:
        return _unreadable(name, "文件设有打开密码，请在 Word/Excel/WPS 中取消密码后另存，再导入")
    spreadsheet = ext in _OLD_SPREADSHEET_EXT or any(s in data for s in _SPREADSHEET_STREAMS)
    advice = _SAVE_AS_XLSX if spreadsheet else _SAVE_AS_DOCX
    return _unreadable(name, "这是旧版 Word/Excel/WPS 二进制格式（.doc/.xls/.wps），" + advice)


# ------------------------------------------------------------------------------------------------ txt

# Tried in this order, each strictly: a byte-order mark says what it is; without one, UTF-8 first
# (GBK text is almost never valid UTF-8), then GB18030, the superset of GBK and GB2312.
_BOMS = (
    (b"\xef\xbb\xbf", "utf-8-sig"),
    (b"\xff\xfe\x00\x00", "utf-32"),
    (b"\x00\x00\xfe\xff", "utf-32"),
    (b"\xff\xfe", "utf-16"),
    (b"\xfe\xff", "utf-16"),
)
_NO_BOM_ENCODINGS = ("utf-8", "gb18030")
# Control characters that never occur in a text document: their presence means a binary file that
# happened to decode (GB18030 accepts many byte sequences).
_BINARY_CONTROLS = re.compile(r"[\x00-\x08\x0b\x0e-\x1f\x7f]")


def _decode_text(data: bytes) -> str | None:
    for bom, encoding in _BOMS:
        if data.startswith(bom):
            try:
                return data.decode(encoding)
            except UnicodeDecodeError:
                return None
    for encoding in _NO_BOM_ENCODINGS:
        try:
            return data.decode(encoding)
        except UnicodeDecodeError:
            continue
    return None


def _normalize_newlines(text: str) -> str:
    return text.replace("\r\n", "\n").replace("\r", "\n")


def _read_txt(name: str, data: bytes) -> str:
    text = _decode_text(data)
    if text is None or _BINARY_CONTROLS.search(text):
        raise _unreadable(name, "不是文本文件，或编码无法识别（支持 UTF-8、UTF-16、GB18030/GBK）")
    return _normalize_newlines(text)


# ----------------------------------------------------------------------------------- shared helpers


def _cell_text(value: str) -> str:
    """One table cell on one line: tabs become spaces (a tab separates cells) and the cell's own line breaks
    CELL_BREAK (two units on two lines are two units; app/reading/tables.py says how each column joins)."""
    lines = (re.sub(r"[\t ]+", " ", line).strip() for line in re.split(r"[\r\n\v]+", value))
    return CELL_BREAK.join(line for line in lines if line)


def _row_line(cells: Iterable[str]) -> str | None:
    """A row as one TAB-joined line, trailing empty cells dropped; None for a row with nothing in it."""
    values = list(cells)
    while values and not values[-1]:
        values.pop()
    return "\t".join(values) if values else None


def _library_error(name: str, what: str, exc: Exception) -> UnreadableDocument:
    # The format libraries raise many kinds of exception for damaged files (zip, XML, PDF syntax
    # errors...). For the user they all mean the same: this file is damaged.
    error = _unreadable(name, f"{what}已损坏或格式不正确")
    error.detail = f"{type(exc).__name__}: {exc}"
    return error


# ----------------------------------------------------------------------------------------------- docx


def _docx_paragraph_text(paragraph, labels) -> str:
    """The paragraph's text after the label Word draws for its list numbering ("一、", "（一）"...)."""
    return labels.label(paragraph._p) + paragraph.text


def _docx_table_lines(table, labels) -> list[str]:
    lines = []
    for row in table.rows:
        cells, previous = [], None
        for cell in row.cells:
            # A horizontally merged cell is listed once per grid column it spans: keep it once.
            # A vertically merged cell repeats its text on each row it covers (each row is a task).
            if previous is not None and cell._tc is previous:
                continue
            previous = cell._tc
            text = "\n".join(_docx_paragraph_text(p, labels) for p in cell.paragraphs)  # cell.text, numbered
            cells.append(_cell_text(text))
        line = _row_line(cells)
        if line is not None:
            lines.append(line)
    return lines


def _docx_lines(document) -> list[str]:
    """Body paragraphs and tables in document order; a blank line before and after each table."""
    from docx.table import Table

    labels = ListLabels.of(document)  # counted in reading order, so tables' numbered cells count too
    lines: list[str] = []
    for block in document.iter_inner_content():
        if isinstance(block, Table):
            if lines and lines[-1]:
                lines.append("")
            lines.extend(_docx_table_lines(block, labels))
            lines.append("")
        else:
            lines.append(_docx_paragraph_text(block, labels))
    return lines


def _read_docx(name: str, data: bytes) -> str:
    import docx

    try:
        document = docx.Document(io.BytesIO(data))
        lines = _docx_lines(document)
    except Exception as exc:  # noqa: BLE001 - see _library_error
        raise _library_error(name, "Word 文件", exc) from exc
    return _normalize_newlines("\n".join(lines))


# ------------------------------------------------------------------------------------------------ pdf

# Running page numbers on a line of their own: "— 3 —", "- 3 -", "－3－", "第3页", "第 3 页 共 12 页".
_PAGE_NUMBER_LINE = re.compile(
    r"\s*(?:[-—–－]{1,2}\s*\d{1,4}\s*[-—–－]{1,2}|第\s*\d{1,4}\s*页(?:\s*[,，/／]?\s*共\s*\d{1,4}\s*页)?)\s*"
)


def _drop_page_numbers(page_text: str) -> str:
    return "\n".join(line for line in page_text.split("\n") if not _PAGE_NUMBER_LINE.fullmatch(line))


def _read_pdf(name: str, data: bytes) -> str:
    import pdfplumber
    from pdfminer.pdfdocument import PDFPasswordIncorrect

    try:
        with pdfplumber.open(io.BytesIO(data)) as pdf:
            pages = [page.extract_text() or "" for page in pdf.pages]
    except Exception as exc:  # noqa: BLE001 - see _library_error
        if any(isinstance(arg, PDFPasswordIncorrect) for arg in (exc, *exc.args, exc.__cause__)):
            raise _unreadable(name, "PDF 设有打开密码，请取消密码后另存，再导入") from exc
        raise _library_error(name, "PDF 文件", exc) from exc
    text = "\n".join(_drop_page_numbers(_normalize_newlines(p)) for p in pages)
    if not text.strip():
        raise _unreadable(name, "PDF 没有文字层（可能是扫描件），请使用带文字的 PDF 或 Word 原件")
    return text


# ----------------------------------------------------------------------------------------------- xlsx


def _xlsx_cell(value: object) -> str:
    if value is None:
        return ""
    if isinstance(value, datetime):
        # A deadline typed as a date: written the way the plans print dates, for the deadline reader.
        value = value.date() if value.time() == time(0) else value
    if isinstance(value, date) and not isinstance(value, datetime):
        return f"{value.year}年{value.month}月{value.day}日"
    if isinstance(value, float) and value.is_integer():
        return str(int(value))  # a 序号 stored as 3.0 reads "3"
    return _cell_text(str(value))


def _merged_down(sheet) -> dict[tuple[int, int], object]:
    """Values of vertically merged cells for the rows below their first: {(row, column): value}.

    A 牵头单位 merged over three task rows belongs to each of them, as Word's tables give it (python-docx
    repeats a vertically merged cell on every row). The other cells of a merged range stay empty, so
    the columns keep their places.
    """
    filled = {}
    for merged in sheet.merged_cells.ranges:
        if merged.max_row > merged.min_row:
            value = sheet.cell(row=merged.min_row, column=merged.min_col).value
            for row in range(merged.min_row + 1, merged.max_row + 1):
                filled[(row, merged.min_col)] = value
    return filled


def _sheet_lines(sheet) -> list[str]:
    filled = _merged_down(sheet)
    lines = []
    for r, row in enumerate(sheet.iter_rows(values_only=True), start=1):
        values = (filled.get((r, c), v) for c, v in enumerate(row, start=1))
        line = _row_line(_xlsx_cell(v) for v in values)
        if line is not None:
            lines.append(line)
    return lines


def _read_xlsx(name: str, data: bytes) -> str:
    import openpyxl

    try:
        # Not read_only: that mode does not know merged cells (see _merged_down). Plans' task tables
        # are small (2,000 rows read in about 0.5 s against 0.3 s read_only), so that mode saves little.
        workbook = openpyxl.load_workbook(io.BytesIO(data), data_only=True)
        sheets = ["\n".join(_sheet_lines(sheet)) for sheet in workbook.worksheets]
    except Exception as exc:  # noqa: BLE001 - see _library_error
        raise _library_error(name, "Excel 文件", exc) from exc
    return "\n\n".join(s for s in sheets if s)


_READERS: dict[str, Callable[[str, bytes], str]] = {
    "txt": _read_txt,
    "docx": _read_docx,
    "pdf": _read_pdf,
    "xlsx": _read_xlsx,
}
