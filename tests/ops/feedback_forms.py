"""Helpers for the feedback-form tests: a database holding the 呼和浩特 sample plan, filling a form the way a unit
would (openpyxl, columns found by header), and a dump of the store to compare before and after."""
from __future__ import annotations

import contextlib
import io
import sqlite3
from pathlib import Path

from openpyxl import Workbook, load_workbook

from app.__main__ import main
from app.domain.feedback import COL_KEY, COLUMNS

SEEDS = Path(__file__).resolve().parents[1] / "fixtures" / "seeds"
HOHHOT_SEED = next(p for p in sorted(SEEDS.glob("*.txt")) if "呼和浩特市贯彻落实" in p.read_text(encoding="utf-8")[:200])


def make_db(path: Path) -> Path:
    with contextlib.redirect_stdout(io.StringIO()):
        assert main(["import", str(HOHHOT_SEED), "--db", str(path), "--today", "2025-06-01"]) == 0
    return path


def dump(db: Path) -> dict[str, list[tuple]]:
    """Every table's rows (the audit log aside: undo is itself audited)."""
    with sqlite3.connect(db) as conn:
        tables = [r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE "
                                             "'sqlite_%' AND name NOT LIKE 'tasks_fts%' AND name != 'audit_log'")]
        return {t: sorted(conn.execute(f"SELECT * FROM {t}").fetchall(), key=repr) for t in tables}


def header(ws) -> tuple[int, dict[str, int]]:
    """The header row and each form column's number (1-based)."""
    for row in ws.iter_rows(min_row=1, max_row=30):
        names = {c.value: c.column for c in row if c.value in COLUMNS}
        if COL_KEY in names and "进展情况" in names:
            return row[0].row, names
    raise AssertionError("no header")


def task_rows(ws) -> dict[str, int]:
    """任务编号 → its row."""
    top, cols = header(ws)
    return {ws.cell(r, cols["任务编号"]).value: r for r in range(top + 1, ws.max_row + 1)
            if ws.cell(r, cols[COL_KEY]).value}


def fill(path: Path, answers: dict[str, dict[str, object]], out: Path | None = None) -> Path:
    """Write `answers` (任务编号 → column → value) into the form at `path`, saved to `out` (default: in place)."""
    wb = load_workbook(path)
    ws = wb.worksheets[0]
    _, cols = header(ws)
    rows = task_rows(ws)
    for ref, values in answers.items():
        for column, value in values.items():
            ws.cell(rows[ref], cols[column], value)
    wb.save(out or path)
    return out or path


def reorder_columns(path: Path, out: Path, order: list[str]) -> Path:
    """A copy of the form's first sheet with its columns in `order` (as a unit's own workbook would be: the
    hidden sheet and the formatting are gone, only values are kept)."""
    src = load_workbook(path).worksheets[0]
    top, cols = header(src)
    wb = Workbook()
    ws = wb.active
    ws.cell(1, 1, src.cell(2, 1).value)
    for new_col, name in enumerate(order, start=1):
        for r in range(top, src.max_row + 1):
            ws.cell(r - top + 3, new_col, src.cell(r, cols[name]).value)
    wb.save(out)
    return out
