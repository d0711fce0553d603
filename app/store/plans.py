"""Plans and their standing units, as records (app/domain/records.py)."""
from __future__ import annotations

import json
from typing import Any, Iterable, cast

import sqlite_utils

from app.domain.records import PlanFields, PlanRecord, PlanSummary, StandingUnitRecord, iso_date, iso_text
from app.store.audit import now
from app.store.rows import first_record, get_or_raise, inserted_id


def _record(row: dict[str, Any]) -> PlanRecord:
    return PlanRecord(
        id=row["id"], title=row["title"], issuer=row["issuer"], doc_number=row["doc_number"],
        issued=iso_date(row["issued"]), parent_title=row["parent_title"], parent_id=row["parent_id"],
        first_listed_is_lead=bool(row["first_listed_is_lead"]), jurisdiction=row["jurisdiction"],
        source=row["source"], source_sha256=row["source_sha256"],
    )


def _one(db: sqlite_utils.Database, where: str, params: list[Any]) -> PlanRecord | None:
    return first_record(db, f"SELECT * FROM plans WHERE {where} ORDER BY id LIMIT 1", params, _record)


def get(db: sqlite_utils.Database, plan_id: int) -> PlanRecord | None:
    return _one(db, "id = ?", [plan_id])


def require(db: sqlite_utils.Database, plan_id: int) -> PlanRecord:
    """The plan, or the store's error for a missing row (没有编号为 N 的方案)."""
    return get_or_raise(get(db, plan_id), "方案", plan_id)


def by_sha(db: sqlite_utils.Database, sha256: str) -> PlanRecord | None:
    return _one(db, "source_sha256 = ?", [sha256])


def by_title(db: sqlite_utils.Database, title: str | None, issuer: str | None) -> PlanRecord | None:
    """A plan already stored under the same title and issuer: a new file for it is a revision."""
    if not title:
        return None
    return _one(db, "title = ? AND issuer IS ?", [title, issuer])


def _columns(fields: PlanFields) -> dict[str, Any]:
    return {"title": fields.title, "issuer": fields.issuer, "doc_number": fields.doc_number,
            "issued": iso_text(fields.issued), "parent_title": fields.parent_title,
            "first_listed_is_lead": int(fields.first_listed_is_lead), "jurisdiction": fields.jurisdiction,
            "source": fields.source, "source_sha256": fields.source_sha256}


def insert(db: sqlite_utils.Database, fields: PlanFields) -> int:
    stamp = now()
    row = _columns(fields)
    cols = [*row, "imported_at", "updated_at"]
    cursor = db.execute(
        f"INSERT INTO plans ({', '.join(cols)}) VALUES ({', '.join('?' * len(cols))})",
        [*row.values(), stamp, stamp],
    )
    return inserted_id(cursor)


def update(db: sqlite_utils.Database, plan_id: int, fields: PlanFields) -> None:
    row = _columns(fields)
    sets = ", ".join(f"{k} = ?" for k in row)
    db.execute(f"UPDATE plans SET {sets}, updated_at = ? WHERE id = ?", [*row.values(), now(), plan_id])


def set_jurisdiction(db: sqlite_utils.Database, plan_id: int, jurisdiction: str) -> None:
    db.execute("UPDATE plans SET jurisdiction = ?, updated_at = ? WHERE id = ?", [jurisdiction, now(), plan_id])


def link_parents(db: sqlite_utils.Database) -> None:
    """Point each plan at the stored plan it implements (by the parent's title), both directions at once."""
    db.execute(
        "UPDATE plans SET parent_id = (SELECT p.id FROM plans p WHERE p.title = plans.parent_title "
        "AND p.id != plans.id ORDER BY p.id LIMIT 1) WHERE parent_title IS NOT NULL"
    )


def listing(db: sqlite_utils.Database) -> list[PlanSummary]:
    return [PlanSummary(r["id"], r["title"], r["issuer"], r["doc_number"], iso_date(r["issued"]), r["jurisdiction"],
                        r["source"], r["parent_id"], r["task_count"]) for r in db.query(
        """
        SELECT p.id, p.title, p.issuer, p.doc_number, p.issued, p.jurisdiction, p.source, p.parent_id,
               (SELECT COUNT(*) FROM tasks t WHERE t.plan_id = p.id AND t.removed_on IS NULL) AS task_count
        FROM plans p ORDER BY p.id
        """
    )]


def standing_units(db: sqlite_utils.Database, plan_id: int) -> list[StandingUnitRecord]:
    return [StandingUnitRecord(r["unit_id"], r["printed"], r["role"], tuple(json.loads(r["from_ref"])))
            for r in db.query("SELECT * FROM standing_units WHERE plan_id = ? ORDER BY position", [plan_id])]


def replace_standing_units(db: sqlite_utils.Database, plan_id: int, rows: Iterable[StandingUnitRecord]) -> None:
    db.execute("DELETE FROM standing_units WHERE plan_id = ?", [plan_id])
    for position, row in enumerate(rows):
        db.execute(
            "INSERT INTO standing_units (plan_id, position, unit_id, printed, role, from_ref) VALUES (?, ?, ?, ?, ?, ?)",
            [plan_id, position, row.unit_id, row.printed, row.role, json.dumps(list(row.from_ref), ensure_ascii=False)],
        )


def counts(db: sqlite_utils.Database) -> dict[str, int]:
    """Row counts of the main tables (tests and the benchmark compare them)."""
    tables = ("plans", "tasks", "units", "unit_aliases", "assignments", "standing_units", "progress",
              "deadline_changes", "unit_groups")
    return {t: cast(int, next(db.query(f"SELECT COUNT(*) AS n FROM {t}"))["n"]) for t in tables}
