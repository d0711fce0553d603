"""Reading a filled feedback form back: .xlsx as sent, saved again by Excel, WPS or LibreOffice, or re-saved as
.xls (read with xlrd).

Columns are found by their header text, wherever they stand and whatever was added around them ("进展情况（必填）"
is 进展情况); a cell merged over several rows gives its text to each of them (a unit that wrote one answer for
two tasks); rows without a key are kept too, so the caller can say why they were not taken.
"""
from __future__ import annotations

import hashlib
import re
import warnings
import zipfile
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Iterable

from app.domain.feedback import COL_KEY, COL_PROGRESS, COL_REF, COLUMNS, clean_text
from app.errors import UserError, os_error_text
from app.forms.form_out import META_SHEET

MAX_FILE_BYTES = 20 * 1024 * 1024
HEADER_SCAN_ROWS = 30
_NOISE = re.compile(r"[\s*＊:：]+")


@dataclass(frozen=True)
class ReadRow:
    number: int                  # the row's number in the sheet (1-based), for messages
    cells: dict[str, str]        # column name → the cell's text (only the columns found)


@dataclass(frozen=True)
class ReadForm:
    path: Path
    sha256: str
    form_key: str | None         # the hidden sheet's key, when it survived
    rows: tuple[ReadRow, ...]
    columns: tuple[str, ...]     # the form's columns found in the header


Cell = tuple[Any, bool]          # (value, formatted as a percentage)
Grid = list[list[Cell]]


def _header_name(text: str) -> str | None:
    """The form column a header cell names, or None."""
    norm = _NOISE.sub("", text)
    if not norm:
        return None
    if norm in COLUMNS:
        return norm
    # "进展情况（必填）", "完成状态(请选择)": the longest column name the header starts with
    starts = [c for c in COLUMNS if norm.startswith(c)]
    return max(starts, key=len) if starts else None


def _find_header(grid: Grid) -> tuple[int, dict[int, str]] | None:
    for index, row in enumerate(grid[:HEADER_SCAN_ROWS]):
        found: dict[int, str] = {}
        for col, (value, _) in enumerate(row):
            name = _header_name(str(value)) if isinstance(value, str) else None
            if name and name not in found.values():
                found[col] = name
        if (COL_KEY in found.values() or COL_REF in found.values()) and COL_PROGRESS in found.values():
            return index, found
    return None


def _text(cell: Cell) -> str:
    value, percent = cell
    if percent and isinstance(value, (int, float)) and not isinstance(value, bool):
        return f"{value * 100:g}%"
    return clean_text(value)


def _spread_merged(grid: Grid, ranges: Iterable[tuple[int, int, int, int]]) -> None:
    """A cell merged over rows (0-based, inclusive) gives its value to each row of its first column."""
    for top, bottom, left, _right in ranges:
        if top >= len(grid) or left >= len(grid[top]):
            continue
        value = grid[top][left]
        for r in range(top + 1, min(bottom, len(grid) - 1) + 1):
            while len(grid[r]) <= left:
                grid[r].append((None, False))
            grid[r][left] = value


def _xlsx(path: Path) -> tuple[Grid, str | None]:
    from openpyxl import load_workbook

    try:
        with warnings.catch_warnings():  # "extension is not supported": WPS and Excel extras the reader drops
            warnings.simplefilter("ignore")
            wb = load_workbook(path, data_only=True)
    except (zipfile.BadZipFile, KeyError, ValueError, TypeError, OSError) as exc:
        raise UserError(f"“{path.name}”不是有效的 Excel（.xlsx）文件，无法读取。", detail=str(exc)) from exc
    try:
        form_key = None
        if META_SHEET in wb.sheetnames:
            form_key = clean_text(wb[META_SHEET]["A2"].value) or None
        for ws in wb.worksheets:
            if ws.title == META_SHEET:
                continue
            grid: Grid = [[(c.value, "%" in (c.number_format or "")) for c in row] for row in ws.iter_rows()]
            _spread_merged(grid, ((m.min_row - 1, m.max_row - 1, m.min_col - 1, m.max_col - 1)
                                  for m in ws.merged_cells.ranges))
            if _find_header(grid) is not None:
                return grid, form_key
        return [], form_key
    finally:
        wb.close()


def _xls(path: Path) -> tuple[Grid, str | None]:
    try:
        import xlrd
    except ImportError:
        raise UserError(f"“{path.name}”是旧版 Excel（.xls）文件，本机缺少读取它所需的 xlrd 组件。"
                        "请用 Excel 或 WPS 另存为 .xlsx 后再导入。") from None
    try:
        book = xlrd.open_workbook(str(path), formatting_info=True)
    except Exception as exc:  # xlrd raises its own XLRDError and assorted struct errors for a damaged file
        raise UserError(f"“{path.name}”不是有效的 Excel（.xls）文件，无法读取。", detail=str(exc)) from exc
    form_key = None
    names = book.sheet_names()
    if META_SHEET in names:
        meta = book.sheet_by_name(META_SHEET)
        form_key = clean_text(meta.cell_value(1, 0)) if meta.nrows > 1 else None
    for sheet in book.sheets():
        if sheet.name == META_SHEET:
            continue
        grid: Grid = []
        for r in range(sheet.nrows):
            row: list[Cell] = []
            for c in range(sheet.ncols):
                cell = sheet.cell(r, c)
                fmt = book.format_map.get(book.xf_list[cell.xf_index].format_key) if cell.xf_index is not None else None
                value = None if cell.ctype == xlrd.XL_CELL_EMPTY else cell.value
                row.append((value, bool(fmt and "%" in fmt.format_str)))
            grid.append(row)
        _spread_merged(grid, ((r1, r2 - 1, c1, c2 - 1) for r1, r2, c1, c2 in sheet.merged_cells))
        if _find_header(grid) is not None:
            return grid, form_key or None
    return [], form_key or None


def read_form(path: Path | str) -> ReadForm:
    """The rows of a filled form (UserError, in Chinese, for a file that is not one)."""
    path = Path(path)
    try:
        size = path.stat().st_size
        if size > MAX_FILE_BYTES:
            raise UserError(f"“{path.name}”过大（{size // 1024 // 1024} MB），不像反馈表，未读取。")
        data = path.read_bytes()
    except OSError as exc:
        raise UserError(f"无法读取“{path.name}”：{os_error_text(exc)}。", detail=str(exc)) from exc
    if data[:4] == b"PK\x03\x04":
        grid, form_key = _xlsx(path)
    elif data[:8] == bytes.fromhex("d0cf11e0a1b11ae1"):
        grid, form_key = _xls(path)
    else:
        raise UserError(f"“{path.name}”不是 Excel 文件（.xlsx 或 .xls），无法读取。")
    header = _find_header(grid)
    if header is None:
        raise UserError(f"“{path.name}”中找不到反馈表的表头（任务编号、进展情况等列），不是督办台导出的反馈表。")
    index, columns = header
    rows = []
    for number, row in enumerate(grid[index + 1:], start=index + 2):
        cells = {name: _text(row[col]) for col, name in columns.items() if col < len(row)}
        if any(cells.values()):
            rows.append(ReadRow(number, cells))
    return ReadForm(path, hashlib.sha256(data).hexdigest(), form_key, tuple(rows), tuple(columns.values()))

