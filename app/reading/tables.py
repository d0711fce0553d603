"""Task tables (任务分工表): rows of 序号 / 重点任务 / 牵头单位 / 责任单位 / 完成时限.

One reader for every tabular source. The document readers turn .xlsx sheets and .docx tables into
tab-separated lines (a cell's own line breaks kept as CELL_BREAK); text pasted from Word keeps its tabs;
a table copied from a web page arrives one cell per line (序号 / 改革举措 / … / 负责部门 each on a line,
then the rows one after another) and is put back into rows here. The header row is found wherever it
sits (by its column names, app/reading/labels.py); group rows such as "一、强化计量基础" between task rows
become the first part of the rows' references. Each task row is handed back with its units written as a
labelled note, so that the note reader reads table cells and paragraph notes by one set of rules.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Iterator

from app.reading.labels import COLUMNS
from app.reading.structure import check_item_count, match_label

# A line break inside a table cell, as the document readers keep it: two units on two lines are two
# units, a deadline on two lines is two milestones, a title on two lines is one title.
CELL_BREAK = "\u2028"
_JOIN_BREAK = {"lead": "、", "responsible": "、", "deadline": "；"}
_HEADER_CELL = 12  # characters: a longer cell is no column name (主要任务和工作措施 is one)
_GROUP_NAME = 30  # characters: a longer line after a table is body text
_MIN_HEADER = 3  # cells a one-cell-per-line header has at least
_ORG_END = re.compile(r"(?:局|委|办|厅|部|府|处|会|中心|站|所|院|队|社|公司|集团|海关|银行|分行|政府|单位|部门|街道)$")
_DEADLINE_WORD = re.compile(r"\d{4}年|\d{1,2}月|年底|年内|年末|季度|半年|持续|长期|常态")


@dataclass
class TableRow:
    ref: tuple[str, ...]
    title: str
    text: str
    note: str  # the row's units and deadline as a labelled note: 牵头单位：…；责任单位：…；完成时限：…
    has_lead_column: bool
    line: int = 0  # the line number (from 1) where the row starts


_KEY_OF_NAME = {name: key for key, names in reversed(COLUMNS.items()) for name in names}
# Longest name first: 任务要求 is a text column, not 任务 with 要求 after it.
_COLUMN_NAME = re.compile("|".join(sorted(_KEY_OF_NAME, key=len, reverse=True)))


def _column_of(cell: str) -> str | None:
    """What a header cell names (its column's key), or None: the cell is a column name, or a short cell
    starting with one (完成时限（年月）)."""
    name = cell.replace(" ", "").replace(CELL_BREAK, "")
    if len(name) > _HEADER_CELL:
        return None
    m = _COLUMN_NAME.match(name)
    return _KEY_OF_NAME[m.group(0)] if m else None


def _header_columns(cells: list[str]) -> dict[str, int] | None:
    found: dict[str, int] = {}
    for index, cell in enumerate(cells):
        key = _column_of(cell)
        if key and key not in found:
            found[key] = index
    if "title" in found and ("lead" in found or "responsible" in found):
        return found
    return None


def _cell(cells: list[str], columns: dict[str, int], key: str) -> str:
    index = columns.get(key)
    if index is None or index >= len(cells):
        return ""
    return cells[index].strip().replace(CELL_BREAK, _JOIN_BREAK.get(key, ""))


def _first_sentence(text: str) -> str:
    end = text.find("。")
    return (text if end < 0 else text[:end]).strip("，；： ")


# --------------------------------------------------------------------------------- sources of rows
# Each source yields (line number, cells) for a row, or (line number, [text]) for a line between rows.


def _tab_rows(lines: list[str]) -> Iterator[tuple[int, list[str], bool]]:
    """Tab-separated rows (xlsx, docx, text pasted from Word); other lines as one-cell rows."""
    for number, line in enumerate(lines, start=1):
        if "\t" in line:
            yield number, line.split("\t"), True
        elif line.strip():
            yield number, [line], False


def _fits(line: str, key: str) -> bool:
    """Whether a further line can belong to a cell of this column (a cell's own line break)."""
    if key in ("lead", "responsible"):
        return bool(_ORG_END.search(line)) and len(line) <= 40
    if key == "deadline":
        return bool(_DEADLINE_WORD.search(line)) and len(line) <= 40
    return False


def _cells_of(lines: list[str], keys: list[str | None]) -> list[str]:
    """The lines of one row, one cell a line, put into its columns; a surplus line joins the cell before it
    where it fits that column (two units on two lines), so the later cells keep their places."""
    if len(lines) < len(keys):
        return _sparse_cells(lines, keys)
    cells: list[str] = []
    j = 0
    for c, key in enumerate(keys):
        if j >= len(lines):
            break
        cell = [lines[j]]
        j += 1
        remaining_columns = len(keys) - c - 1
        # A lead column gives a surplus unit line to the responsible column after it (leads are few).
        takes_more = key is not None and not (key == "lead" and "responsible" in keys[c + 1 :])
        while j < len(lines) and len(lines) - j > remaining_columns and takes_more and _fits(lines[j], key or ""):
            cell.append(lines[j])
            j += 1
        cells.append(CELL_BREAK.join(cell))
    return cells


def _accepts(key: str | None, line: str) -> bool:
    """Whether a line can be the cell of this column, when a row has fewer lines than columns (an empty
    cell left no line): units go to unit columns, deadlines to the deadline column, prose elsewhere."""
    if key in ("lead", "responsible", "deadline"):
        return _fits(line, key)
    return not (_fits(line, "responsible") or _fits(line, "deadline"))


def _sparse_cells(lines: list[str], keys: list[str | None]) -> list[str]:
    cells = [""] * len(keys)
    c = 0
    for i, line in enumerate(lines):
        # The first column from here that takes the line, leaving enough columns for the lines after it.
        last = len(keys) - (len(lines) - i)
        target = next((k for k in range(c, last + 1) if _accepts(keys[k], line)), c)
        cells[target] = line
        c = target + 1
    return cells


def _one_cell_per_line(lines: list[str]) -> tuple[list[tuple[int, list[str], bool]], set[int]]:
    """Tables copied from a web page, one cell per line, back into rows; and the line numbers they held."""
    rows: list[tuple[int, list[str], bool]] = []
    used: set[int] = set()
    i = 0
    n = len(lines)
    while i < n:
        if len(lines[i]) > _HEADER_CELL + 2 or "\t" in lines[i] or not _column_of(lines[i].strip()):
            i += 1
            continue
        # A run of column names, one a line (blank lines between them allowed).
        header: list[tuple[int, str]] = []
        j = i
        while j < n:
            cell = lines[j].strip()
            if not cell:
                j += 1
                continue
            if "\t" in cell or len(cell) > _HEADER_CELL or not _column_of(cell):
                break
            header.append((j, cell))
            j += 1
        cells = [c for _, c in header]
        columns = _header_columns(cells) if len(cells) >= _MIN_HEADER else None
        if not columns or columns.get("ref") != 0:
            i = j if j > i else i + 1
            continue
        keys = [_column_of(c) for c in cells][1:]
        rows.append((header[0][0] + 1, cells, True))
        used.update(k for k, _ in header)
        expected = 1
        current: list[tuple[int, str]] = []
        start = -1

        def flush() -> None:
            if start >= 0 and current:
                rows.append((start + 1, [str(expected - 1)] + _cells_of([c for _, c in current], keys), True))

        while j < n:
            cell = lines[j].strip()
            if not cell:
                j += 1
                continue
            label = match_label(cell)
            if cell.rstrip("、.．") == str(expected):
                flush()
                used.add(j)
                start, current = j, []
                expected += 1
            elif label and label[0] <= 2 and _is_group_name(cell):
                flush()
                start, current = -1, []
                rows.append((j + 1, [cell], False))
                used.add(j)
            elif start >= 0 and len(current) < 2 * len(keys):
                current.append((j, cell))
                used.add(j)
            else:
                break
            j += 1
        # The last row ends where its cells do: a surplus line that fits no column is the text after it.
        while len(current) > len(keys) and not any(_fits(current[-1][1], k) for k in keys if k):
            used.discard(current.pop()[0])
        flush()
        i = j
    return rows, used


def table_lines(text: str) -> tuple[list[TableRow], set[int]]:
    """The task rows of every table in the text, and the line numbers (from 0) of the lines of tables that
    hold no tab (one-cell-per-line tables, group rows), which are no body text."""
    lines = text.split("\n")
    per_line, used = _one_cell_per_line(lines)
    tabbed = [row for row in _tab_rows(lines) if row[0] - 1 not in used]
    group_lines: set[int] = set()
    rows = _read_rows(tabbed + per_line, group_lines)
    return rows, used | {number - 1 for number in group_lines}


def read_task_tables(text: str) -> list[TableRow]:
    return table_lines(text)[0]


def _is_group_name(cell: str) -> bool:
    """A short heading, not a paragraph after the table that opens with （一）."""
    return len(cell.strip()) <= _GROUP_NAME and "。" not in cell


def _enter_group(groups: dict[int, str], level: int, label: str) -> None:
    groups[level] = label
    if level == 1:
        groups.pop(2, None)  # a new section closes the sub-group


def _read_rows(source: list[tuple[int, list[str], bool]], group_lines: set[int]) -> list[TableRow]:
    """The task rows; the line numbers of group rows between them (一、…, no body text) go to `group_lines`."""
    source.sort(key=lambda r: r[0])
    rows: list[TableRow] = []
    columns: dict[str, int] | None = None
    groups: dict[int, str] = {}  # group rows by level: 一、… (1) and （一）… (2) between task rows
    pending: list[int] = []  # lines of group rows not yet followed by a task row (maybe body headings)
    previous_units = ""
    for number, cells, is_row in source:
        if not is_row:
            if columns is None:
                continue
            label = match_label(cells[0].strip())
            if label and (label[0] == 1 or (label[0] == 2 and _is_group_name(cells[0]))):
                _enter_group(groups, label[0], label[1])  # a group row: its empty cells were trimmed
                pending.append(number)
            else:
                columns = None  # the table ended
                groups.clear()
                pending.clear()
            continue
        header = _header_columns(cells)
        if header:
            columns = header
            groups.clear()
            pending.clear()
            continue
        if columns is None:
            continue
        filled = [c for c in cells if c.strip()]
        if not filled:
            continue
        sub_header = {_column_of(c): i for i, c in enumerate(cells) if c.strip()}
        if len(filled) >= 2 and None not in sub_header:
            # The header's second row under merged cells (责任单位 over 牵头单位 | 配合单位): it refines the first.
            columns = {**columns, **{key: i for key, i in sub_header.items() if key}}
            continue
        label = match_label(filled[0].strip())
        if len(filled) == 1 and label and label[0] <= 2:
            _enter_group(groups, label[0], label[1])  # a group row: 一、… or （一）…
            continue
        title_cell = _cell(cells, columns, "title")
        if not title_cell:
            continue
        ref_number = _cell(cells, columns, "ref").rstrip("、.． ")
        ref = tuple(p for p in (groups.get(1), groups.get(2), ref_number) if p)
        lead, responsible = _cell(cells, columns, "lead"), _cell(cells, columns, "responsible")
        parts = [f"牵头单位：{lead}" if lead else "", f"责任单位：{responsible}" if responsible else ""]
        units = "；".join(p for p in parts if p) if lead or responsible else previous_units
        previous_units = units  # a merged cell spans the rows below it: they share its units
        deadline = _cell(cells, columns, "deadline")
        note = units + (f"；完成时限：{deadline}" if deadline else "")
        detail = _cell(cells, columns, "text")
        check_item_count(len(rows) + 1)
        group_lines.update(pending)  # a task row follows: the group rows before it were the table's
        pending.clear()
        rows.append(
            TableRow(
                ref=ref or (str(len(rows) + 1),),
                title=_first_sentence(title_cell),
                text="\n".join(p for p in (title_cell, detail) if p),
                note=note,
                has_lead_column="lead" in columns,
                line=number,
            )
        )
    return rows
