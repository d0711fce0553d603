"""Plans in and out: import a matrix (new plan, same file again, or a revision), export it back, list plans."""
from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass, field, replace
from datetime import date
from pathlib import Path
from typing import Any, Callable, Generator, Iterable

from app.domain.matrix import ROLE_LABELS, Deadline, Matrix, PlanInfo, StandingUnit, Task
from app.domain.matrix_json import MatrixJsonError
from app.domain.records import (
    AssignmentFields, PlanFields, PlanRecord, PlanSummary, StandingUnitRecord, TaskFields, TaskRecord, printed_by_role,
)
from app.domain.units import plan_jurisdiction
from app.errors import UserError
from app.ops.changes import NOTHING, Changes
from app.ops.steps import run_steps
from app.ops.unit_resolver import UnitResolver
from app.store import audit, plans as plans_sql, tasks as tasks_sql
from app.store.connection import Store

PRINTED_ROLES = ("lead", "responsible")  # the roles a task's JSON lists; implementers come from standing units


@dataclass(frozen=True)
class TaskChange:
    ref: str
    title: str
    before: object = None
    after: object = None


@dataclass
class ImportResult:
    """What an import changed. `action`: created / revised / unchanged."""

    plan_id: int
    title: str | None
    action: str
    task_count: int = 0
    added: list[TaskChange] = field(default_factory=list)
    removed: list[TaskChange] = field(default_factory=list)
    reworded: list[TaskChange] = field(default_factory=list)
    units_changed: list[TaskChange] = field(default_factory=list)
    deadlines_changed: list[TaskChange] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)

    @property
    def changed(self) -> bool:
        return self.action != "unchanged"

    @property
    def changes(self) -> Changes:
        """For a window: a new or revised plan may touch any task, the plan list and the unit directory."""
        return Changes(all_tasks=True, plans=True, units=True) if self.changed else NOTHING

    def summary_lines(self) -> list[str]:
        """The change report in Chinese, one line per item."""
        head = {"created": "新导入", "revised": "已按修订稿更新", "unchanged": "与已导入的版本相同，未作改动"}[self.action]
        lines = [f"方案 {self.plan_id}《{self.title or '（无标题）'}》：{head}（任务 {self.task_count} 项）"]
        for label, items in (("新增任务", self.added), ("删除任务", self.removed), ("任务表述修改", self.reworded),
                             ("责任单位变化", self.units_changed), ("完成时限变化", self.deadlines_changed)):
            for item in items:
                detail = "" if item.before is None and item.after is None else f"：{item.before} → {item.after}"
                lines.append(f"  {label} {item.ref} {item.title}{detail}")
        return lines


@dataclass(frozen=True)
class ReadPlan:
    """A plan file read: its text (empty for a matrix JSON), its matrix and the file's SHA-256 (which says
    "the same file again" on import)."""

    path: Path
    text: str
    matrix: Matrix
    sha256: str


def read_plan(path: Path | str) -> ReadPlan:
    """One plan file of any supported format. A .json file is a matrix exported by another office."""
    path = Path(path)
    if path.suffix.lower() == ".json":
        from app.reading.documents import read_bytes  # bounded, with the reader's messages

        data = read_bytes(path)
        return ReadPlan(path, "", _matrix_of_json(path.name, data), hashlib.sha256(data).hexdigest())
    try:
        from app.reading.documents import read_document
        from app.reading.extract import extract_document
    except ModuleNotFoundError as exc:
        if exc.name and exc.name.startswith("app.reading"):
            raise UserError(f"本版本尚不能读取“{path.suffix}”文件，请先导出为责任矩阵 JSON。") from exc
        raise
    document = read_document(path)  # one bounded read of the file, its SHA-256 taken from the same bytes
    return ReadPlan(path, document.text, extract_document(document), document.sha256)


def read_plans(paths: Iterable[Path | str]) -> Generator[tuple[int, str], None, list[ReadPlan]]:
    """The one reading path of the command line and the window: each file read in turn, yielding
    (percent, message) as it goes (the window shows them), returning every file read. Nothing is written."""
    files = [Path(p) for p in paths]
    step = 100 / max(1, len(files))
    plans = []
    for i, path in enumerate(files):
        yield int(i * step), f"正在读取并分解 {path.name}…"
        plans.append(read_plan(path))
    yield 100, "完成"
    return plans


def read_all(paths: Iterable[Path | str]) -> list[ReadPlan]:
    """`read_plans` without the progress (the command line)."""
    return run_steps(read_plans(paths))


def read_matrix(path: Path | str) -> tuple[Matrix, str]:
    """A plan file as a matrix and the file's SHA-256 (see `read_plan`)."""
    plan = read_plan(path)
    return plan.matrix, plan.sha256


def import_plans(store: Store, plans: Iterable[ReadPlan], *, today: date) -> list["ImportResult"]:
    """Plans read by `read_plans` imported in one transaction: all of them or none (the command line, and the
    window's sample plans)."""
    with store.transaction():
        return [import_plan(store, plan.matrix, sha256=plan.sha256, today=today) for plan in plans]


def _matrix_of_json(name: str, data: bytes) -> Matrix:
    """A matrix JSON file's matrix, its types checked (spec matrix-json.md) before anything is written."""
    invalid = f"文件“{name}”不是有效的责任矩阵 JSON："
    try:
        document = json.loads(data.decode("utf-8-sig"))
    except UnicodeDecodeError:
        raise UserError(invalid + "不是 UTF-8 编码的文本") from None
    except json.JSONDecodeError as exc:
        raise UserError(invalid + f"第 {exc.lineno} 行第 {exc.colno} 列格式有误") from None
    except RecursionError:
        raise UserError(invalid + "嵌套层次过深") from None
    except ValueError:  # a number of more than 4,300 digits
        raise UserError(invalid + "含有无法读取的数字") from None
    try:
        return Matrix.from_json(document)
    except MatrixJsonError as exc:
        raise UserError(invalid + str(exc)) from None


def _matrix_sha(matrix: Matrix) -> str:
    return hashlib.sha256(json.dumps(matrix.to_json(), ensure_ascii=False, sort_keys=True).encode()).hexdigest()


def _task_fields(task: Task, position: int, *, text: str | None = None) -> TaskFields:
    """What the store keeps of a plan's task (`text`: the stored text, when the plan's carries none)."""
    return TaskFields(position=position, ref=task.ref, ref_label=task.ref_label, title=task.title,
                      text=task.text or text or "", deadline=task.deadline)


def _printed_units(task: Task) -> list[tuple[str, int, str]]:
    return [(role, i, name) for role in PRINTED_ROLES for i, name in enumerate(getattr(task, role))]


class _Importer:
    """One import inside one transaction: resolves units once per spelling and writes tasks."""

    def __init__(self, store: Store, matrix: Matrix, plan_id: int, jurisdiction: str):
        self.db = store.db
        self.matrix = matrix
        self.plan_id = plan_id
        self.units = UnitResolver(store, jurisdiction)
        # Which standing units apply to a task depends on its position: one ref → position index keeps it linear.
        self._order = {t.ref: i for i, t in enumerate(matrix.tasks)} if matrix.standing_units else {}

    def assignment_rows(self, task: Task) -> list[AssignmentFields]:
        return [AssignmentFields(unit_id=self.units.resolve(name), role=role, position=i, printed=name)
                for role, i, name in _printed_units(task)]

    def standing_rows(self, task: Task) -> list[AssignmentFields]:
        if not self.matrix.standing_units:
            return []
        here = self._order.get(task.ref, -1)
        in_force = [s for s in self.matrix.standing_units if self._order.get(s.from_ref, 10**9) <= here]
        return [AssignmentFields(unit_id=self.units.resolve(s.unit), role=s.role, position=i, printed=s.unit)
                for i, s in enumerate(in_force)]

    def write_standing_units(self) -> None:
        rows = [StandingUnitRecord(self.units.resolve(s.unit), s.unit, s.role, s.from_ref)
                for s in self.matrix.standing_units]
        plans_sql.replace_standing_units(self.db, self.plan_id, rows)

    def insert_tasks(self, numbered: list[tuple[Task, int]], batch: int = 1000) -> None:
        """Insert tasks (with their positions) and their assignments, a batch of statements at a time."""
        for start in range(0, len(numbered), batch):
            chunk = numbered[start:start + batch]
            ids = tasks_sql.insert_many(self.db, self.plan_id, [_task_fields(t, pos) for t, pos in chunk])
            rows: list[tuple[int, bool, AssignmentFields]] = []
            for task_id, (task, _) in zip(ids, chunk):
                rows += [(task_id, False, r) for r in self.assignment_rows(task)]
                rows += [(task_id, True, r) for r in self.standing_rows(task)]
            tasks_sql.insert_assignments(self.db, rows)


def _plan_fields(matrix: Matrix, sha: str, jurisdiction: str) -> PlanFields:
    info = matrix.plan
    return PlanFields(title=info.title, issuer=info.issuer, doc_number=info.doc_number, issued=info.issued,
                      parent_title=info.parent, first_listed_is_lead=info.first_listed_is_lead,
                      jurisdiction=jurisdiction, source=matrix.source, source_sha256=sha)


def import_plan(store: Store, source: Path | str | Matrix, *, today: date, plan_id: int | None = None,
                jurisdiction: str | None = None, sha256: str | None = None) -> ImportResult:
    """Import a plan file (or a matrix) in one transaction.

    The same file again changes nothing; a file whose plan is already stored (same title and issuer, or
    `plan_id` given) is a revision: tasks are matched and the differences applied, keeping the progress of
    tasks that remain. `jurisdiction` corrects the place relative unit names resolve against. `sha256`: the
    source file's hash when a matrix read earlier (read_matrix) is passed.
    """
    if isinstance(source, Matrix):
        matrix, sha = source, sha256 or _matrix_sha(source)
    else:
        matrix, sha = read_matrix(source)
    with store.transaction() as db:
        existing = plans_sql.require(db, plan_id) if plan_id else plans_sql.by_sha(db, sha)
        if existing and existing.source_sha256 == sha and jurisdiction in (None, existing.jurisdiction):
            return ImportResult(existing.id, existing.title, "unchanged",
                                task_count=len(tasks_sql.of_plan(db, existing.id)), warnings=matrix.warnings)
        existing = existing or plans_sql.by_title(db, matrix.plan.title, matrix.plan.issuer)
        place = jurisdiction if jurisdiction is not None else (
            existing.jurisdiction if existing else plan_jurisdiction(matrix.plan.issuer, matrix.plan.title))
        fields = _plan_fields(matrix, sha, place)
        if existing:
            result = _revise(store, existing, matrix, fields, today)
        else:
            new_id = plans_sql.insert(db, fields)
            importer = _Importer(store, matrix, new_id, place)
            importer.write_standing_units()
            importer.insert_tasks([(task, position) for position, task in enumerate(matrix.tasks)])
            result = ImportResult(new_id, matrix.plan.title, "created", task_count=len(matrix.tasks))
            audit.record(db, "import", "plan", new_id, None,
                         {"title": matrix.plan.title, "source": matrix.source, "tasks": len(matrix.tasks)})
        plans_sql.link_parents(db)
    result.warnings = list(matrix.warnings)
    return result


def _match_tasks(old: list[TaskRecord], new: list[Task]
                 ) -> tuple[list[tuple[TaskRecord, Task, int]], list[tuple[Task, int]], list[TaskRecord]]:
    """Pair stored tasks with the revision's: same reference and title, then same title, then same reference."""
    unmatched_old = list(old)
    pending = list(enumerate(new))
    pairs: list[tuple[TaskRecord, Task, int]] = []
    keys: tuple[Callable[[TaskRecord | Task], object], ...] = (
        lambda t: (t.ref, t.title), lambda t: t.title, lambda t: t.ref)
    for key in keys:
        index: dict[object, list[TaskRecord]] = {}
        for row in unmatched_old:
            index.setdefault(key(row), []).append(row)
        still = []
        for position, task in pending:
            candidates = index.get(key(task))
            if candidates:
                row = candidates.pop(0)
                unmatched_old.remove(row)
                pairs.append((row, task, position))
            else:
                still.append((position, task))
        pending = still
    return pairs, [(t, p) for p, t in pending], unmatched_old


def _revise(store: Store, plan: PlanRecord, matrix: Matrix, fields: PlanFields, today: date) -> ImportResult:
    db = store.db
    importer = _Importer(store, matrix, plan.id, fields.jurisdiction)
    old_tasks = tasks_sql.of_plan(db, plan.id, include_removed=True)
    pairs, added, removed = _match_tasks(old_tasks, matrix.tasks)
    result = ImportResult(plan.id, matrix.plan.title, "revised", task_count=len(matrix.tasks))
    printed = tasks_sql.assignments_of_tasks(db, [row.id for row, _, _ in pairs])
    for row, task, position in pairs:
        label = task.ref_label
        # a matrix JSON carries no full text: keep what an earlier read stored
        new_fields = _task_fields(task, position, text=row.text)
        if row.removed_on:
            tasks_sql.update(db, row.id, removed_on=None)
            result.added.append(TaskChange(label, task.title))
        if row.title != task.title or row.text != new_fields.text:
            result.reworded.append(TaskChange(label, task.title, row.title, task.title))
        if _deadline_json(row.deadline) != _deadline_json(task.deadline):
            result.deadlines_changed.append(TaskChange(label, task.title, row.deadline and row.deadline.text,
                                                       task.deadline.text if task.deadline else None))
        if row.fields() != new_fields:
            tasks_sql.update(db, row.id, fields=new_fields)  # the store moves the dates in force with the deadline
        before_units = [(a.role, a.position, a.printed) for a in printed[row.id]]
        if before_units != _printed_units(task):
            result.units_changed.append(TaskChange(label, task.title, _units_text(before_units),
                                                   _units_text(_printed_units(task))))
            tasks_sql.replace_assignments(db, row.id, importer.assignment_rows(task))
        tasks_sql.replace_assignments(db, row.id, importer.standing_rows(task), standing=True)
    importer.insert_tasks(added)
    result.added += [TaskChange(task.ref_label, task.title) for task, _ in added]
    for row in removed:
        if not row.removed_on:
            tasks_sql.update(db, row.id, removed_on=today)
            result.removed.append(TaskChange(row.ref_label, row.title))
    importer.write_standing_units()
    plan_changed = not plan.same_plan_as(fields)
    plans_sql.update(db, plan.id, fields)
    if not (plan_changed or result.added or result.removed or result.reworded or result.units_changed
            or result.deadlines_changed):
        result.action = "unchanged"
        return result
    audit.record(db, "revise", "plan", plan.id, {"source": plan.source, "sha256": plan.source_sha256},
                 {"source": matrix.source, "sha256": fields.source_sha256,
                  "summary": result.summary_lines()})
    return result


def _deadline_json(deadline: Deadline | None) -> dict[str, Any] | None:
    """What a revision compares of a deadline: what the matrix JSON says of it."""
    return deadline.to_json() if deadline else None


def set_plan_jurisdiction(store: Store, plan_id: int, jurisdiction: str) -> str:
    """Correct the place a plan's relative unit names (市…, 自治区…) mean; its assignments are resolved again,
    spellings kept. Returns the previous jurisdiction (set it back to undo)."""
    db = store.db
    previous = plans_sql.require(db, plan_id).jurisdiction
    place = (jurisdiction or "").strip()
    with store.transaction():
        plans_sql.set_jurisdiction(db, plan_id, place)
        resolver = UnitResolver(store, place)
        for task in tasks_sql.of_plan(db, plan_id, include_removed=True):
            assigned = tasks_sql.assignments(db, task.id)  # each pass replaces only its own kind of row
            for standing in (False, True):
                rows = [a for a in assigned if a.standing == standing]
                tasks_sql.replace_assignments(db, task.id, [
                    AssignmentFields(unit_id=resolver.resolve(a.printed), role=a.role, position=a.position,
                                     printed=a.printed) for a in rows], standing=standing)
        plans_sql.replace_standing_units(db, plan_id, [replace(s, unit_id=resolver.resolve(s.printed))
                                                       for s in plans_sql.standing_units(db, plan_id)])
        audit.record(db, "set_jurisdiction", "plan", plan_id, {"jurisdiction": previous}, {"jurisdiction": place})
    return previous


def _units_text(items: Iterable[tuple[str, int, str]]) -> str:
    by_role: dict[str, list[str]] = {}
    for role, _, name in items:
        by_role.setdefault(role, []).append(name)
    return "；".join(f"{ROLE_LABELS[r]}：{'、'.join(n)}" for r, n in by_role.items()) or "无"


def export_plan(store: Store, plan_id: int) -> Matrix:
    """The plan as a matrix again, units spelled as the plan printed them."""
    db = store.db
    plan = plans_sql.require(db, plan_id)
    info = PlanInfo(title=plan.title, issuer=plan.issuer, doc_number=plan.doc_number, issued=plan.issued,
                    parent=plan.parent_title, first_listed_is_lead=plan.first_listed_is_lead)
    standing = [StandingUnit(s.printed, s.role, s.from_ref) for s in plans_sql.standing_units(db, plan_id)]
    rows = tasks_sql.of_plan(db, plan_id)
    printed = tasks_sql.assignments_of_tasks(db, [r.id for r in rows])
    tasks = [Task(ref=row.ref, title=row.title, lead=list(printed_by_role(printed[row.id], "lead")),
                  responsible=list(printed_by_role(printed[row.id], "responsible")), deadline=row.deadline,
                  text=row.text) for row in rows]
    return Matrix(source=plan.source, plan=info, standing_units=standing, tasks=tasks)


def write_plan_json(store: Store, plan_id: int, out: Path) -> Path:
    """The plan's matrix as the spec's JSON file (what `export --json` prints), for another office to import;
    written whole or not at all."""
    from app.notices.files import write_atomic

    text = json.dumps(export_plan(store, plan_id).to_json(), ensure_ascii=False, indent=2) + "\n"
    return write_atomic(Path(out), text.encode("utf-8"))


def list_plans(store: Store) -> list[PlanSummary]:
    return plans_sql.listing(store.db)
