"""The plan's ledger (台账): every task × unit of a plan at a date, with its light and status (the one status
model, app/domain/status.py, through `due`), what the unit last reported, the extension and the notices sent —
the office's monthly table, written as one .xlsx (app/notices/ledger_xlsx.py)."""
from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from pathlib import Path
from app.domain.matrix import ROLE_LABELS
from app.domain.records import ExtensionRecord, ProgressRecord
from app.domain.status import LIGHT_WORDS
from app.errors import UserError
from app.notices.files import write_atomic
from app.notices.ledger_xlsx import Column, Sheet, ledger_workbook
from app.ops.due import DueItem, due_assignments
from app.store import ledger as ledger_sql, plans as plans_sql, progress as progress_sql, tasks as tasks_sql
from app.store.connection import Store


@dataclass(frozen=True)
class LedgerRow:
    item: DueItem                 # task, unit, role, due, status, light, 进展 (as `due` says them)
    percent: int | None           # the last percentage reported by the date
    latest_on: date | None        # the last progress report by the date
    latest_text: str
    extension: str                # DueItem.extension, then （reason；basis）; "" when not extended
    notices: tuple[str, ...]      # numbers of the 督办 / 催办 notices sent to the unit about the task


@dataclass(frozen=True)
class Ledger:
    plan_id: int
    title: str
    issuer: str
    doc_number: str
    today: date
    rows: tuple[LedgerRow, ...]

    @property
    def task_count(self) -> int:
        return len({r.item.task_id for r in self.rows})


def _latest(entries: list[ProgressRecord], unit_id: int, today: date) -> tuple[date | None, str, int | None]:
    """The unit's (or a task-wide) last report by `today`: its date, its text, the last percentage given."""
    mine = [e for e in entries if e.unit_id in (None, unit_id) and e.on_date <= today]
    percent = next((e.percent for e in reversed(mine) if e.percent is not None), None)
    written = [e for e in mine if (e.content or "").strip()]
    if not written:
        return None, "", percent
    last = written[-1]
    return last.on_date, last.content.strip(), percent


def _extension(item: DueItem, extensions: list[ExtensionRecord], today: date) -> str:
    """The extension as every output says it, then the latest one's reason and basis."""
    if not item.extension:
        return ""
    latest = [e for e in extensions if e.recorded_on <= today and e.new_due == item.extended_to]
    why = "；".join(x for x in (latest[-1].reason, latest[-1].basis) if x) if latest else ""
    return item.extension + (f"（{why}）" if why else "")


def plan_ledger(store: Store, plan_id: int, *, today: date) -> Ledger:
    plan = plans_sql.get(store.db, plan_id)
    if plan is None:
        raise UserError(f"没有编号为 {plan_id} 的方案（可用 plans 查看）")
    task_ids = [t.id for t in tasks_sql.of_plan(store.db, plan_id)]
    items = due_assignments(store, today=today, task_ids=task_ids, include_done=True) if task_ids else []
    progress = progress_sql.of_tasks(store.db, task_ids)
    extensions = progress_sql.extensions_of_tasks(store.db, task_ids)
    sent: dict[tuple[int, int], list[str]] = {}
    for n in ledger_sql.unit_notices_of_tasks(store.db, task_ids):
        if n.issued_on <= today:
            sent.setdefault((n.task_id, n.unit_id), []).append(n.number)
    rows = []
    for item in items:
        on, text, percent = _latest(progress.get(item.task_id, []), item.unit_id, today)
        rows.append(LedgerRow(item, percent, on, text, _extension(item, extensions.get(item.task_id, []), today),
                              tuple(sent.get((item.task_id, item.unit_id), ()))))
    return Ledger(plan_id, plan.title or plan.source or f"方案{plan_id}", plan.issuer or "",
                  plan.doc_number or "", today, tuple(rows))


COLUMNS = (
    Column("序号", 6, centre=True), Column("任务编号", 9, centre=True), Column("任务内容", 42, wrap=True),
    Column("责任单位", 18, wrap=True), Column("角色", 8, centre=True), Column("完成时限", 14, wrap=True),
    Column("判定日期", 11, centre=True, number_format="yyyy-mm-dd"), Column("延期情况", 22, wrap=True),
    Column("状态", 9, centre=True), Column("灯号", 6, centre=True), Column("进展", 8, centre=True),
    Column("完成比例", 8, centre=True, number_format='0"%"'), Column("最新进展", 40, wrap=True),
    Column("督办通知", 20, wrap=True),
)
LIGHT_COLUMN = 9


def ledger_sheet(ledger: Ledger) -> Sheet:
    """The ledger as the sheet's rows: one per task × unit, in the plan's order."""
    rows = []
    for n, row in enumerate(ledger.rows, start=1):
        i = row.item
        latest = f"{row.latest_on.isoformat()} {row.latest_text}" if row.latest_on else ""
        rows.append((n, i.ref, i.title, i.unit, ROLE_LABELS.get(i.role, i.role), i.deadline_text or "", i.due,
                     row.extension, i.status, LIGHT_WORDS[i.light].mark, i.progress_state, row.percent, latest,
                     "\n".join(row.notices)))
    as_of = f"{ledger.today.year}年{ledger.today.month}月{ledger.today.day}日"
    head = "　".join(x for x in (ledger.issuer, ledger.doc_number) if x)
    return Sheet(
        name="台账", title=f"《{ledger.title}》落实情况台账",
        subtitle=f"{head}　截至{as_of}　共{ledger.task_count}项任务、{len(ledger.rows)}条分工".lstrip("　"),
        columns=COLUMNS, rows=tuple(rows), lights=tuple(r.item.light for r in ledger.rows), light_column=LIGHT_COLUMN)


def check_ledger_path(out: Path | str) -> Path:
    """Refused before anything is read: not an .xlsx name, or a folder."""
    path = Path(out)
    if path.suffix.lower() != ".xlsx":
        raise UserError(f"台账文件名应以 .xlsx 结尾：{path}")
    if path.is_dir():
        raise UserError(f"“{path}”是一个文件夹，请给出台账文件名（如 台账.xlsx）")
    return path


def export_ledger(store: Store, plan_id: int, *, today: date, out: Path | str) -> Path:
    """Write the plan's ledger at `today` to `out` (whole or not at all); returns the path written."""
    path = check_ledger_path(out)
    return write_atomic(path, ledger_workbook(ledger_sheet(plan_ledger(store, plan_id, today=today))))
