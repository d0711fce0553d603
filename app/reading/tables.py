"""Task tables (任务分工表): rows of 序号 / 重点任务 / 牵头单位 / 责任单位 / 完成时限.

They come as .xlsx sheets, .docx tables or text pasted from Word; the document readers turn each into
tab-separated lines. The header row is found wherever it sits (by its column names); group rows such
as "一、强化计量基础" between task rows become the first part of the rows' references. Each task row is
handed back with its units written as a labelled note, so that the note reader reads table cells and
paragraph notes by one set of rules.
"""
from __future__ import annotations

from dataclasses import dataclass

from app.reading.structure import check_item_count, match_label

_COLUMNS = {
    "ref": ("序号", "编号"),
    "title": ("重点任务", "主要任务", "工作任务", "任务名称", "具体任务", "任务内容", "重点工作", "工作内容", "任务", "事项"),
    "text": ("具体措施", "工作措施", "主要措施", "主要内容", "具体内容", "任务要求", "工作要求"),
    "lead": ("牵头单位", "牵头部门"),
    "responsible": ("责任单位", "责任部门", "配合单位", "配合部门", "参与单位", "协办单位"),
    "deadline": ("完成时限", "完成时间", "时间节点", "时限", "进度安排"),
}


@dataclass
class TableRow:
    ref: tuple[str, ...]
    title: str
    text: str
    note: str  # the row's units and deadline as a labelled note: 牵头单位：…；责任单位：…；完成时限：…
    has_lead_column: bool


def _header_columns(cells: list[str]) -> dict[str, int] | None:
    found: dict[str, int] = {}
    for index, cell in enumerate(cells):
        name = cell.replace(" ", "")
        for key, names in _COLUMNS.items():
            if key not in found and any(name == n or (len(name) <= 8 and name.startswith(n)) for n in names):
                found[key] = index
                break
    if "title" in found and ("lead" in found or "responsible" in found):
        return found
    return None


def _cell(cells: list[str], columns: dict[str, int], key: str) -> str:
    index = columns.get(key)
    if index is None or index >= len(cells):
        return ""
    return cells[index].strip()


def _first_sentence(text: str) -> str:
    end = text.find("。")
    return (text if end < 0 else text[:end]).strip("，；： ")


def read_task_tables(text: str) -> list[TableRow]:
    rows: list[TableRow] = []
    columns: dict[str, int] | None = None
    group: str | None = None
    previous_units = ""
    for line in text.split("\n"):
        if "\t" not in line:
            if columns is None or not line.strip():
                continue
            label = match_label(line.strip())
            if label and label[0] == 1:
                group = label[1]  # a group row (一、…): its empty cells were trimmed
            else:
                columns, group = None, None  # the table ended
            continue
        cells = line.split("\t")
        header = _header_columns(cells)
        if header:
            columns, group = header, None
            continue
        if columns is None:
            continue
        filled = [c for c in cells if c.strip()]
        if not filled:
            continue
        label = match_label(filled[0].strip())
        if len(filled) == 1 and label and label[0] == 1:
            group = label[1]  # a group row: 一、…
            continue
        title_cell = _cell(cells, columns, "title")
        if not title_cell:
            continue
        number = _cell(cells, columns, "ref").rstrip("、.． ")
        ref = tuple(p for p in (group, number) if p)
        lead, responsible = _cell(cells, columns, "lead"), _cell(cells, columns, "responsible")
        units = f"牵头单位：{lead}；责任单位：{responsible}" if lead or responsible else previous_units
        previous_units = units  # a merged cell spans the rows below it: they share its units
        deadline = _cell(cells, columns, "deadline")
        note = units + (f"；完成时限：{deadline}" if deadline else "")
        detail = _cell(cells, columns, "text")
        check_item_count(len(rows) + 1)
        rows.append(
            TableRow(
                ref=ref or (str(len(rows) + 1),),
                title=_first_sentence(title_cell),
                text="\n".join(p for p in (title_cell, detail) if p),
                note=note,
                has_lead_column="lead" in columns,
            )
        )
    return rows

