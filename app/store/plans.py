"""Plans and their standing units."""
from __future__ import annotations

import json
from typing import Any, cast

import sqlite_utils

from app.store.audit import now
from app.store.rows import inserted_id

PLAN_FIELDS = ("title", "issuer", "doc_number", "issued", "parent_title", "first_listed_is_lead",
               "jurisdiction", "source", "source_sha256")


def get(db: sqlite_utils.Database, plan_id: int) -> dict[str, Any] | None:
    return next(db.query("SELECT * FROM plans WHERE id = ?", [plan_id]), None)


def by_sha(db: sqlite_utils.Database, sha256: str) -> dict[str, Any] | None:
    return next(db.query("SELECT * FROM plans WHERE source_sha256 = ?", [sha256]), None)


def by_title(db: sqlite_utils.Database, title: str | None, issuer: str | None) -> dict[str, Any] | None:
    """A plan already stored under the same title and issuer: a new file for it is a revision."""
    if not title:
        return None
    return next(db.query(
        "SELECT * FROM plans WHERE title = ? AND issuer IS ? ORDER BY id LIMIT 1", [title, issuer]), None)


def insert(db: sqlite_utils.Database, fields: dict[str, Any]) -> int:
    stamp = now()
    row = {k: fields.get(k) for k in PLAN_FIELDS}
    row["first_listed_is_lead"] = int(bool(row["first_listed_is_lead"]))
    row["jurisdiction"] = row["jurisdiction"] or ""
    cols = [*row, "imported_at", "updated_at"]
    cursor = db.execute(
        f"INSERT INTO plans ({', '.join(cols)}) VALUES ({', '.join('?' * len(cols))})",
        [*row.values(), stamp, stamp],
    )
    return inserted_id(cursor)


def update(db: sqlite_utils.Database, plan_id: int, fields: dict[str, Any]) -> None:
    row = {k: fields[k] for k in PLAN_FIELDS if k in fields}
    if "first_listed_is_lead" in row:
        row["first_listed_is_lead"] = int(bool(row["first_listed_is_lead"]))
    sets = ", ".join(f"{k} = ?" for k in row)
    db.execute(f"UPDATE plans SET {sets}, updated_at = ? WHERE id = ?", [*row.values(), now(), plan_id])


def link_parents(db: sqlite_utils.Database) -> None:
    """Point each plan at the stored plan it implements (by the parent's title), both directions at once."""
    db.execute(
        "UPDATE plans SET parent_id = (SELECT p.id FROM plans p WHERE p.title = plans.parent_title "
        "AND p.id != plans.id ORDER BY p.id LIMIT 1) WHERE parent_title IS NOT NULL"
    )


def listing(db: sqlite_utils.Database) -> list[dict[str, Any]]:
    return list(db.query(
        """
        SELECT p.id, p.title, p.issuer, p.doc_number, p.issued, p.jurisdiction, p.source, p.parent_id,
               (SELECT COUNT(*) FROM tasks t WHERE t.plan_id = p.id AND t.removed_on IS NULL) AS task_count
        FROM plans p ORDER BY p.id
        """
    ))


def standing_units(db: sqlite_utils.Database, plan_id: int) -> list[dict[str, Any]]:
    rows = list(db.query(
        "SELECT * FROM standing_units WHERE plan_id = ? ORDER BY position", [plan_id]))
    for row in rows:
        row["from_ref"] = json.loads(row["from_ref"])
    return rows


def replace_standing_units(db: sqlite_utils.Database, plan_id: int, rows: list[dict[str, Any]]) -> None:
    db.execute("DELETE FROM standing_units WHERE plan_id = ?", [plan_id])
    for position, row in enumerate(rows):
        db.execute(
            "INSERT INTO standing_units (plan_id, position, unit_id, printed, role, from_ref) VALUES (?, ?, ?, ?, ?, ?)",
            [plan_id, position, row["unit_id"], row["printed"], row["role"],
             json.dumps(list(row["from_ref"]), ensure_ascii=False)],
        )


def counts(db: sqlite_utils.Database) -> dict[str, int]:
    """Row counts of the main tables (tests and the benchmark compare them)."""
    tables = ("plans", "tasks", "units", "unit_aliases", "assignments", "standing_units", "progress",
              "deadline_changes", "unit_groups")
    return {t: cast(int, next(db.query(f"SELECT COUNT(*) AS n FROM {t}"))["n"]) for t in tables}
