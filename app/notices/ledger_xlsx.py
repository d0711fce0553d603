"""A ledger (台账) sheet as an .xlsx that opens cleanly in Excel and WPS: a title and an as-of line over the
header, the header frozen and filtered, text wrapped in fixed column widths, each row's light as a coloured
cell, printed on A4 landscape one page wide with the header repeated on every page and page numbers below.

The content (which columns, which rows) is the caller's (app/ops/ledger.py); this module only lays it out.
"""
from __future__ import annotations

import io
from dataclasses import dataclass
from datetime import date
from typing import Union

from openpyxl import Workbook
from openpyxl.styles import Alignment, Border, Font, PatternFill, Side
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.worksheet import Worksheet

from app.domain.status import BLUE, GREEN, GREY, RED, YELLOW

Cell = Union[str, int, float, date, None]

LIGHT_FILLS = {RED: "F4B183", YELLOW: "FFE699", GREEN: "C6E0B4", BLUE: "BDD7EE", GREY: "D9D9D9"}
FONT = "宋体"      # present in every Chinese Windows and in WPS; Excel substitutes where missing
TITLE_FONT = "黑体"
HEADER_ROW = 3     # row 1: title, row 2: as-of line and counts, row 3: the header
_THIN = Side(style="thin", color="808080")
_BORDER = Border(left=_THIN, right=_THIN, top=_THIN, bottom=_THIN)


@dataclass(frozen=True)
class Column:
    title: str
    width: float              # in characters of the default font (a CJK character counts about 2)
    wrap: bool = False
    centre: bool = False
    number_format: str | None = None


@dataclass(frozen=True)
class Sheet:
    name: str                 # the worksheet's tab (31 characters at most)
    title: str                # row 1
    subtitle: str             # row 2: as-of date and counts
    columns: tuple[Column, ...]
    rows: tuple[tuple[Cell, ...], ...]
    lights: tuple[str, ...]   # each row's light (app/domain/status.py), coloured in `light_column`
    light_column: int         # 0-based index of the column coloured by the light


def _setup_print(ws: Worksheet, last_row: int, last_col: str) -> None:
    ws.print_area = f"A1:{last_col}{last_row}"
    ws.print_title_rows = f"{HEADER_ROW}:{HEADER_ROW}"
    ws.page_setup.orientation = ws.ORIENTATION_LANDSCAPE
    ws.page_setup.paperSize = ws.PAPERSIZE_A4
    ws.page_setup.fitToWidth = 1
    ws.page_setup.fitToHeight = 0       # as many pages tall as needed
    ws.sheet_properties.pageSetUpPr.fitToPage = True
    ws.print_options.horizontalCentered = True
    ws.page_margins.left = ws.page_margins.right = 0.4
    ws.page_margins.top = ws.page_margins.bottom = 0.6
    ws.page_margins.header = ws.page_margins.footer = 0.3
    ws.oddFooter.center.text = "第 &P 页，共 &N 页"
    ws.oddFooter.center.size = 9


def ledger_workbook(sheet: Sheet) -> bytes:
    """The workbook's bytes (written by the caller, atomically)."""
    wb = Workbook()
    ws = wb.active
    assert ws is not None
    ws.title = sheet.name[:31]
    ncols = len(sheet.columns)
    last_col = get_column_letter(ncols)
    body = Font(name=FONT, size=10)

    ws.merge_cells(f"A1:{last_col}1")
    ws["A1"] = sheet.title
    ws["A1"].font = Font(name=TITLE_FONT, size=16, bold=True)
    ws["A1"].alignment = Alignment(horizontal="center", vertical="center", wrap_text=True)
    ws.row_dimensions[1].height = 30
    ws.merge_cells(f"A2:{last_col}2")
    ws["A2"] = sheet.subtitle
    ws["A2"].font = Font(name=FONT, size=10)
    ws["A2"].alignment = Alignment(horizontal="right", vertical="center")

    for c, column in enumerate(sheet.columns, start=1):
        cell = ws.cell(HEADER_ROW, c, column.title)
        cell.font = Font(name=FONT, size=10, bold=True)
        cell.fill = PatternFill("solid", fgColor="DDEBF7")
        cell.alignment = Alignment(horizontal="center", vertical="center", wrap_text=True)
        cell.border = _BORDER
        ws.column_dimensions[get_column_letter(c)].width = column.width
    ws.row_dimensions[HEADER_ROW].height = 28

    aligns = [Alignment(horizontal="center" if col.centre else "left", vertical="top", wrap_text=col.wrap)
              for col in sheet.columns]
    for r, (values, light) in enumerate(zip(sheet.rows, sheet.lights), start=HEADER_ROW + 1):
        for c, (value, column) in enumerate(zip(values, sheet.columns), start=1):
            cell = ws.cell(r, c, value)
            cell.font = body
            cell.alignment = aligns[c - 1]
            cell.border = _BORDER
            if column.number_format:
                cell.number_format = column.number_format
        if light in LIGHT_FILLS:
            ws.cell(r, sheet.light_column + 1).fill = PatternFill("solid", fgColor=LIGHT_FILLS[light])

    last_row = HEADER_ROW + max(len(sheet.rows), 1)
    ws.freeze_panes = f"A{HEADER_ROW + 1}"
    ws.auto_filter.ref = f"A{HEADER_ROW}:{last_col}{last_row}"
    _setup_print(ws, last_row, last_col)
    out = io.BytesIO()
    wb.save(out)
    return out.getvalue()
