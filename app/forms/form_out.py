"""Writing one unit's feedback form (反馈表) as .xlsx.

The office's columns are locked, the columns the unit fills are not (the sheet is protected without a password:
protection guides, it does not lock anyone out); 完成状态 is a drop-down, 完成比例 a whole number 0–100; the last
column holds each row's checksummed key and is hidden; a hidden sheet holds the form's own key.
"""
from __future__ import annotations

import io
from copy import copy
from dataclasses import dataclass
from datetime import date
from typing import Any

from openpyxl import Workbook
from openpyxl.styles import Alignment, Border, Font, PatternFill, Protection, Side
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.datavalidation import DataValidation

from app.domain.feedback import COL_KEY, COL_PERCENT, COL_STATUS, COLUMNS, FILL_COLUMNS, FORM_STATUSES

SHEET_TITLE = "反馈表"
META_SHEET = "督办台"
META_LABEL = "督办台反馈表标识（请勿修改）"
HEADER_ROW = 4
WIDTHS = {"任务编号": 9, "任务": 36, "本单位角色": 8, "牵头单位": 16, "完成时限": 16, "当前状态": 9, "进展情况": 40,
          "完成状态": 10, "完成比例": 8, "存在问题": 24, "下步打算": 24, "填报人": 9, "联系电话": 13, COL_KEY: 10}
INSTRUCTION = ("填报说明：请在黄色底色的列中填写本单位的落实情况；“完成状态”请从下拉列表中选择（未启动、推进中、已完成、申请延期），"
               "申请延期的请在“存在问题”中写明原因；“完成比例”填 0 到 100 的整数。请勿修改其他列，请勿增删任务行，"
               "填好后按原文件格式（.xlsx）保存并报送。")


@dataclass(frozen=True)
class FormLine:
    ref: str
    title: str
    role: str          # 牵头 / 责任 / 落实
    leads: str
    deadline: str      # as printed, or its extension (app/domain/status.py extension_note)
    state: str         # the light's word at the date sent
    key: str           # app.domain.feedback.row_key


@dataclass(frozen=True)
class FormSheet:
    office: str
    plan_title: str
    unit: str
    sent_on: date
    reply_by: date
    lines: tuple[FormLine, ...]
    form_key: str      # the form's own key (its round, task 0)


def _day(d: date) -> str:
    return f"{d.year}年{d.month}月{d.day}日"


_THIN = Side(style="thin", color="808080")
_BORDER = Border(left=_THIN, right=_THIN, top=_THIN, bottom=_THIN)
_FILL = PatternFill("solid", fgColor="FFF2CC")
_HEAD_FILL = PatternFill("solid", fgColor="D9E1F2")
_WRAP = Alignment(wrap_text=True, vertical="top")
_UNLOCKED = Protection(locked=False)


_LOOKS: dict[str, dict[str, Any]] = {
    "head": {"font": Font(bold=True), "fill": _HEAD_FILL, "border": _BORDER,
             "alignment": Alignment(horizontal="center", vertical="center", wrap_text=True)},
    "body": {"alignment": _WRAP, "border": _BORDER},
    "fill": {"alignment": _WRAP, "border": _BORDER, "fill": _FILL, "protection": _UNLOCKED},
}
_LOOKS["fill-head"] = {**_LOOKS["head"], "fill": _FILL}


class _Styles:
    """Gives a cell one of `_LOOKS`: set on the first cell of a workbook, copied to the next (openpyxl hashes every
    style object it is given, which made styling most of a form's writing time)."""

    def __init__(self) -> None:
        self._made: dict[str, Any] = {}

    def __call__(self, cell: Any, look: str) -> None:
        made = self._made.get(look)
        if made is None:
            for attr, value in _LOOKS[look].items():
                setattr(cell, attr, value)
            self._made[look] = copy(cell._style)
        else:
            cell._style = copy(made)


def build_workbook(sheet: FormSheet) -> Workbook:
    wb = Workbook()
    ws = wb.active
    ws.title = SHEET_TITLE
    last = len(COLUMNS) - 1  # the visible columns (the key column is hidden)
    ws.cell(1, 1, f"{sheet.plan_title}任务落实情况反馈表").font = Font(size=14, bold=True)
    ws.cell(2, 1, f"填报单位：{sheet.unit}　　下发机关：{sheet.office or '（未设置机关名称）'}　　下发日期：{_day(sheet.sent_on)}"
                  f"　　请于{_day(sheet.reply_by)}前反馈")
    ws.cell(3, 1, INSTRUCTION).alignment = _WRAP
    for row in (1, 2, 3):
        ws.merge_cells(start_row=row, start_column=1, end_row=row, end_column=last)
    ws.row_dimensions[3].height = 45
    fill_cols = {COLUMNS.index(c) + 1 for c in FILL_COLUMNS}
    style = _Styles()
    for col, name in enumerate(COLUMNS, start=1):
        style(ws.cell(HEADER_ROW, col, name), "fill-head" if col in fill_cols else "head")
        ws.column_dimensions[get_column_letter(col)].width = WIDTHS.get(name, 12)
    for offset, line in enumerate(sheet.lines):
        row = HEADER_ROW + 1 + offset
        values = (line.ref, line.title, line.role, line.leads, line.deadline, line.state)
        for col, value in enumerate(values, start=1):
            style(ws.cell(row, col, value), "body")
        for col in fill_cols:
            style(ws.cell(row, col), "fill")
        ws.cell(row, len(COLUMNS), line.key)
    first, end = HEADER_ROW + 1, HEADER_ROW + max(1, len(sheet.lines))
    status_col = get_column_letter(COLUMNS.index(COL_STATUS) + 1)
    percent_col = get_column_letter(COLUMNS.index(COL_PERCENT) + 1)
    choose = DataValidation(type="list", formula1='"' + ",".join(FORM_STATUSES) + '"', allow_blank=True,
                            showErrorMessage=True, errorTitle="完成状态", error="请从下拉列表中选择")
    choose.add(f"{status_col}{first}:{status_col}{end}")
    share = DataValidation(type="whole", operator="between", formula1="0", formula2="100", allow_blank=True,
                           showErrorMessage=True, errorTitle="完成比例", error="请填 0 到 100 的整数")
    share.add(f"{percent_col}{first}:{percent_col}{end}")
    ws.add_data_validation(choose)
    ws.add_data_validation(share)
    ws.column_dimensions[get_column_letter(len(COLUMNS))].hidden = True
    ws.freeze_panes = ws.cell(first, 1)
    ws.protection.sheet = True
    ws.protection.formatColumns = False  # widths and heights may still be changed
    ws.protection.formatRows = False
    ws.page_setup.orientation = "landscape"
    ws.page_setup.paperSize = ws.PAPERSIZE_A4
    ws.page_setup.fitToWidth = 1
    ws.page_setup.fitToHeight = 0
    ws.sheet_properties.pageSetUpPr.fitToPage = True
    ws.print_title_rows = f"{HEADER_ROW}:{HEADER_ROW}"
    ws.print_area = f"A1:{get_column_letter(last)}{end}"
    meta = wb.create_sheet(META_SHEET)
    meta["A1"], meta["A2"] = META_LABEL, sheet.form_key
    meta.sheet_state = "hidden"
    meta.protection.sheet = True
    return wb


def form_bytes(sheet: FormSheet) -> bytes:
    """The form as the bytes of an .xlsx file (the caller decides where and when it is written)."""
    buffer = io.BytesIO()
    build_workbook(sheet).save(buffer)
    return buffer.getvalue()
