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
import logging
import re
import warnings as python_warnings
import zipfile
from dataclasses import dataclass
from datetime import date, datetime, time
from pathlib import Path
from typing import TYPE_CHECKING, Callable, Iterable, Iterator

from app.errors import UnreadableDocument, os_error_text
from app.reading.docx_numbering import ListLabels
from app.reading.tables import CELL_BREAK

if TYPE_CHECKING:  # python-docx is imported when a .docx is read, not with this module
    from docx.document import Document
    from docx.table import Table
    from docx.text.paragraph import Paragraph


@dataclass(frozen=True)
class SourceDocument:
    name: str  # the file's name, without its folder
    kind: str  # "txt", "docx", "pdf" or "xlsx"
    text: str
    sha256: str  # hex digest of the file's bytes: the same file imported twice is recognised
    warnings: tuple[str, ...] = ()  # what the reader had to guess (a formula read as its text …), in Chinese


KINDS = ("txt", "docx", "pdf", "xlsx")


def read_document(path: str | Path) -> SourceDocument:
    """Read a plan document into text. Raises UnreadableDocument for anything it cannot read."""
    path = Path(path)
    data = read_bytes(path)
    kind = _detect_kind(path, data)
    warnings: list[str] = []
    text = _READERS[kind](path.name, data, warnings)
    if not text.strip():
        raise _unreadable(path.name, "文件里没有可读取的文字")
    _TextBudget(path.name).take(len(text))
    return SourceDocument(name=path.name, kind=kind, text=text, sha256=hashlib.sha256(data).hexdigest(),
                          warnings=tuple(warnings))


# A plan is tens of thousands of characters; the longest real ones a few hundred thousand. Far more
# than that is no plan, and reading it would take minutes and gigabytes: refused, with a message,
# as soon as a reader passes the bound (a 25 MB text file of Chinese holds 8–12.5 million).
MAX_TEXT_CHARACTERS = 20_000_000
MAX_SHEET_ROWS = 200_000  # rows with something in them, over all sheets: a task table has hundreds


class _TextBudget:
    """The characters a document may still have; readers that stream take from it as they go."""

    def __init__(self, name: str) -> None:
        self.name = name
        self.left = MAX_TEXT_CHARACTERS
        self.rows = 0

    def take_row(self) -> None:
        self.rows += 1
        self.expect_rows(0)

    def expect_rows(self, more: int) -> None:
        """Refuse now if the rows read so far and `more` to come pass the bound."""
        if self.rows + more > MAX_SHEET_ROWS:
            raise _unreadable(
                self.name, f"表格超过 {MAX_SHEET_ROWS // 10_000} 万行，不像一份任务分工表；请拆分后分别导入"
            )

    def take(self, characters: int) -> None:
        self.left -= characters
        if self.left < 0:
            raise _unreadable(
                self.name, f"文字超过 {MAX_TEXT_CHARACTERS // 10_000} 万字，不像一份实施方案；请拆分后分别导入"
            )


def _unreadable(name: str, reason: str) -> UnreadableDocument:
    return UnreadableDocument(f"无法读取“{name}”：{reason}")


MAX_UNPACKED_BYTES = 2 << 30  # all parts of a .docx/.xlsx, unpacked
MAX_WORD_BODY_BYTES = 150 << 20  # word/document.xml: python-docx holds it as a tree, several times its size
MAX_FILE_BYTES = 80 << 20  # a plan with its pictures is a few MB; bigger is refused before it is read


def read_bytes(path: Path) -> bytes:
    """A file's bytes, at most MAX_FILE_BYTES of them (/dev/zero included), or one Chinese line why not."""
    try:
        with path.open("rb") as stream:
            data = stream.read(MAX_FILE_BYTES + 1)  # no more than that, whatever the file (/dev/zero …)
    except FileNotFoundError:
        raise UnreadableDocument(f"无法读取“{path}”：找不到这个文件") from None
    except IsADirectoryError:
        raise _unreadable(path.name, "这是一个文件夹，不是文件") from None
    except PermissionError:
        raise _unreadable(path.name, "没有读取这个文件的权限") from None
    except OSError as exc:
        if path.is_dir():  # Windows reports a folder as PermissionError / OSError, not IsADirectoryError
            raise _unreadable(path.name, "这是一个文件夹，不是文件") from None
        raise _unreadable(path.name, f"读取文件出错（{os_error_text(exc)}）") from None
    if not data:
        raise _unreadable(path.name, "文件是空的（0 字节）")
    if len(data) > MAX_FILE_BYTES:
        raise _unreadable(path.name, f"文件超过 {MAX_FILE_BYTES >> 20} MB，不像一份实施方案；请拆分后分别导入")
    return data


# ------------------------------------------------------------------------------------ format detection

_OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"  # the container of .doc/.xls/.wps and of encrypted Office files
_ENCRYPTED_PACKAGE = "EncryptedPackage".encode("utf-16-le")  # the stream a password-protected .docx/.xlsx holds
_SPREADSHEET_STREAMS = ("Workbook".encode("utf-16-le"), "Book".encode("utf-16-le"))
_OLD_SPREADSHEET_EXT = {".xls", ".et", ".ett"}
_OLD_BINARY_EXT = {".doc", ".dot", ".wps", ".wpt", ".xls", ".et", ".ett", ".dps", ".ppt"}
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
            unpacked = {info.filename: info.file_size for info in archive.infolist()}
    except (zipfile.BadZipFile, ValueError, OSError, EOFError):
        raise _unreadable(name, "文件已损坏（压缩包结构无效）") from None
    # A few KB that unpack to gigabytes (a "zip bomb"), or a body too big to hold as a Word document tree:
    # refused before anything is unpacked. (Sheets stream, and stop at MAX_SHEET_ROWS.)
    if sum(unpacked.values()) > MAX_UNPACKED_BYTES or unpacked.get("word/document.xml", 0) > MAX_WORD_BODY_BYTES:
        raise _unreadable(name, "文件解压后过大，不像一份实施方案；请拆分后分别导入")
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


def _read_txt(name: str, data: bytes, warnings: list[str]) -> str:
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


def _docx_paragraph_text(paragraph: Paragraph, labels: ListLabels) -> str:
    """The paragraph's text after the label Word draws for its list numbering ("一、", "（一）"...)."""
    return labels.label(paragraph._p) + paragraph.text


def _docx_table_lines(table: Table, labels: ListLabels) -> list[str]:
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


def _docx_lines(document: Document) -> list[str]:
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


def _read_docx(name: str, data: bytes, warnings: list[str]) -> str:
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


def _quiet_pdf_logging() -> None:
    """pdfminer logs damaged-but-readable PDFs as English WARNING lines on standard error: those are
    for a developer, so they are kept to errors unless the command line asked for details (-v)."""
    if logging.getLogger().isEnabledFor(logging.INFO):
        return
    for name in ("pdfminer", "pdfplumber"):
        logger = logging.getLogger(name)
        if logger.level == logging.NOTSET:
            logger.setLevel(logging.ERROR)


def _read_pdf(name: str, data: bytes, warnings: list[str]) -> str:
    import pdfplumber
    from pdfminer.pdfdocument import PDFPasswordIncorrect

    _quiet_pdf_logging()
    budget = _TextBudget(name)
    pages = []
    try:
        with pdfplumber.open(io.BytesIO(data)) as pdf:
            for page in pdf.pages:
                pages.append(page.extract_text() or "")
                page.close()  # its layout objects are dropped: memory stays flat over 2,000 pages
                budget.take(len(pages[-1]))
    except UnreadableDocument:
        raise
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


# Bounds that keep a small hostile workbook small: a cell at XFD1048576, a merged range over the whole
# grid, a million rows. Only the cells the file holds are visited (openpyxl's streaming parser, rows as
# they come); a run of empty columns inside a row is shortened (a table's columns keep their places,
# a far cell no longer costs 16,000 tabs a row); merged ranges fill only rows the file holds.
_MAX_EMPTY_COLUMNS = 64
_MAX_MERGED_COLUMN = 64  # a vertically merged 牵头单位 sits in the table's first columns
_MAX_MERGED_RANGES = 10_000
_ROW_START = re.compile(rb"<(?:[A-Za-z_][\w.-]*:)?row[\s/>]")
_MERGE_CELL = re.compile(rb'<(?:[A-Za-z_][\w.-]*:)?mergeCell\b[^>]*?\bref="([A-Z]{1,3})(\d{1,7}):([A-Z]{1,3})(\d{1,7})"')


def _column_number(letters: bytes) -> int:
    number = 0
    for letter in letters:
        number = number * 26 + letter - 64
    return number


def _scan_sheet(archive: zipfile.ZipFile, member: str, budget: "_TextBudget") -> dict[int, list[tuple[int, int, int]]]:
    """The sheet's vertically merged ranges as {first row: [(column, first row, last row)]}; a sheet of
    more rows than the bound is refused here, before its rows are parsed.

    Merged ranges are listed after the rows in the sheet's XML: a scan of its bytes (no XML tree)
    finds them, and counts the rows, before the rows are read, so that each row can be filled as it
    streams past.
    """
    merges: dict[int, list[tuple[int, int, int]]] = {}
    count = rows = 0
    carry = b""
    with archive.open(member) as stream:
        while chunk := stream.read(1 << 20):
            buffer = carry + chunk
            cut = buffer.rfind(b">") + 1
            buffer, carry = buffer[:cut], buffer[cut:][-4096:]
            rows += len(_ROW_START.findall(buffer))
            budget.expect_rows(rows)
            for m in _MERGE_CELL.finditer(buffer):
                column, first, last = _column_number(m.group(1)), int(m.group(2)), int(m.group(4))
                if last > first and column <= _MAX_MERGED_COLUMN and count < _MAX_MERGED_RANGES:
                    merges.setdefault(first, []).append((column, first, last))
                    count += 1
    return merges


_MAIN = "{http://schemas.openxmlformats.org/spreadsheetml/2006/main}"


def _inline_text(cell) -> str:  # type: ignore[no-untyped-def]
    """The text of an inline-string cell: <is><t>…</t></is>, or runs <is><r><t>…</t></r>…</is>
    (phonetic guides, <rPh>, left out)."""
    parts = []
    for holder in cell:
        for part in holder:
            if part.tag == _MAIN + "t":
                parts.append(part.text or "")
            elif part.tag == _MAIN + "r":
                parts.append(part.findtext(_MAIN + "t") or "")
    return "".join(parts)


class _SheetReader:
    """One sheet's rows, streamed: (row number, {column: value}) for each row its XML holds, in order.

    openpyxl's own streaming parser, with one change: a formula cell saved without its computed value
    (a file written by a program rather than by Excel) gives its formula's text instead of nothing, and
    the sheet's warning says how many there were.
    """

    def __init__(self, book, title: str, member: str) -> None:  # type: ignore[no-untyped-def]
        self.book = book  # openpyxl's ExcelReader, its workbook part, strings and styles read
        self.title = title
        self.member = member  # the sheet's XML inside the archive
        self.formulas: list[str] = []  # where formulas without a saved value were read as text

    def rows(self) -> Iterator[tuple[int, dict[int, object]]]:
        from xml.etree.ElementTree import iterparse

        from openpyxl.utils import coordinate_to_tuple, get_column_letter
        from openpyxl.worksheet._reader import FORMULA_TAG, ROW_TAG, WorkSheetParser

        class CellParser(WorkSheetParser):  # type: ignore[misc]  # openpyxl is untyped: its class is Any
            def parse_cell(self, element):  # type: ignore[no-untyped-def]
                if element.get("t") == "inlineStr" and element.get("r"):
                    # Text written into the cell (openpyxl, WPS): its runs joined here, ten times faster
                    # than openpyxl's rich-text objects, which made a million rows take minutes.
                    row, column = coordinate_to_tuple(element.get("r"))
                    self.col_counter = column  # as openpyxl keeps it, for a next cell without "r"
                    value = _inline_text(element)
                    return {"row": row, "column": column, "value": value or None, "data_type": "s", "style_id": 0}
                cell = super().parse_cell(element)  # data_only: a formula cell's saved value
                if element.find(FORMULA_TAG) is not None:
                    try:
                        formula = self.parse_formula(element)  # every formula, so that shared ones are known
                    except Exception:  # noqa: BLE001 - a shared formula openpyxl cannot translate
                        formula = "=" + (element.findtext(FORMULA_TAG) or "")
                    if cell["value"] is None:
                        cell["value"] = getattr(formula, "text", formula)
                        cell["formula"] = True
                return cell

        workbook = self.book.wb
        with self.book.archive.open(self.member) as source:
            parser = CellParser(source, self.book.shared_strings, data_only=True, epoch=workbook.epoch,
                                date_formats=workbook._date_formats, timedelta_formats=workbook._timedelta_formats)
            sheet_data = None
            for event, element in iterparse(source, events=("start", "end")):
                if event == "start":
                    if sheet_data is None and element.tag.endswith("}sheetData"):
                        sheet_data = element
                    continue
                if element.tag != ROW_TAG:
                    continue
                number, cells = parser.parse_row(element)
                if sheet_data is not None:
                    sheet_data.clear()  # rows already read are dropped, not kept in the tree
                row: dict[int, object] = {}
                for cell in cells:
                    if cell["value"] is None or cell["value"] == "":
                        continue
                    row[cell["column"]] = cell["value"]
                    if cell.get("formula"):
                        self.formulas.append(f"{get_column_letter(cell['column'])}{number}")
                yield number, row

    def warning(self) -> str:
        where = "、".join(self.formulas[:3]) + ("等" if len(self.formulas) > 3 else "")
        return (f"工作表“{self.title}”有 {len(self.formulas)} 个公式单元格（{where}）没有保存计算结果，"
                "已按公式文字读取；请在 Excel 或 WPS 中打开、保存后再导入")


def _sheet_lines(rows: Iterable[tuple[int, dict[int, object]]], merges: dict[int, list[tuple[int, int, int]]],
                 budget: "_TextBudget") -> list[str]:
    """Each row as a TAB-joined line (trailing empty cells dropped); vertically merged values repeated
    on the rows below their first (a 牵头单位 merged over three task rows belongs to each of them)."""
    lines: list[str] = []
    active: dict[int, tuple[int, object]] = {}  # column → (last row, value) of a merge covering later rows
    for number, row in rows:
        for column, (last, value) in list(active.items()):
            if number > last:
                del active[column]
            elif column not in row and value is not None:
                row[column] = value
        for column, _first, last in merges.pop(number, ()):
            active[column] = (last, row.get(column))
        line = _sparse_row_line(row)
        if line is not None:
            budget.take_row()
            budget.take(len(line) + 1)
            lines.append(line)
    return lines


def _sparse_row_line(row: dict[int, object]) -> str | None:
    """A row given as {column: value} as one TAB-joined line, a run of empty columns shortened."""
    parts: list[str] = []
    previous = 0
    for column in sorted(row):
        text = _xlsx_cell(row[column])
        if text:
            parts.append("\t" * min(column - previous, _MAX_EMPTY_COLUMNS + 1))
            parts.append(text)
            previous = column
    if not parts:
        return None
    parts[0] = parts[0][1:]  # the first cell's separator is the columns before it, less one
    return "".join(parts)


def _workbook_sheets(data: bytes):  # type: ignore[no-untyped-def]
    """openpyxl's reader of the workbook part, shared strings and styles, and the (title, XML member)
    of each worksheet. Not load_workbook: even read-only, it parses each sheet once more to size it."""
    from openpyxl.reader.excel import ExcelReader
    from openpyxl.styles.stylesheet import apply_stylesheet

    book = ExcelReader(io.BytesIO(data), read_only=True, data_only=True)
    book.read_manifest()
    book.read_strings()
    book.read_workbook()
    apply_stylesheet(book.archive, book.wb)
    sheets = [(sheet.name, rel.target) for sheet, rel in book.parser.find_sheets()
              if rel.target in book.valid_files and "chartsheet" not in rel.Type]
    return book, sheets


def _read_xlsx(name: str, data: bytes, warnings: list[str]) -> str:
    budget = _TextBudget(name)
    try:
        # Streamed: rows come from the file as they are parsed and the grid is never built (a cell at
        # XFD1048576 or a merged range over the whole grid cost gigabytes); merged ranges come from
        # _scan_sheet.
        with python_warnings.catch_warnings():
            # openpyxl warns in English on standard error about what it skips (a missing default style,
            # a date out of range read as an error value …): nothing a user can act on.
            python_warnings.simplefilter("ignore")
            book, sheets = _workbook_sheets(data)
            texts = _sheets_text(book, sheets, budget, warnings)
    except UnreadableDocument:
        raise
    except Exception as exc:  # noqa: BLE001 - see _library_error
        raise _library_error(name, "Excel 文件", exc) from exc
    return "\n\n".join(t for t in texts if t)


def _sheets_text(book, sheets: list[tuple[str, str]], budget: _TextBudget,  # type: ignore[no-untyped-def]
                 warnings: list[str]) -> list[str]:
    """Each worksheet's lines, in the workbook's order; the archive closed after."""
    texts = []
    try:
        for title, member in sheets:
            reader = _SheetReader(book, title, member)
            merges = _scan_sheet(book.archive, member, budget)
            texts.append("\n".join(_sheet_lines(reader.rows(), merges, budget)))
            if reader.formulas:
                warnings.append(reader.warning())
    finally:
        book.archive.close()
    return texts


_READERS: dict[str, Callable[[str, bytes, list[str]], str]] = {
    "txt": _read_txt,
    "docx": _read_docx,
    "pdf": _read_pdf,
    "xlsx": _read_xlsx,
}
