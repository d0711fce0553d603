"""The unit directory's SQL: canonical units, their spellings (aliases), groups, merges, 本单位."""
from __future__ import annotations

from typing import Any, Iterable

import sqlite_utils

from app.domain.units import UnitIdentity, normalise
from app.errors import StoreError
from app.store.audit import now
from app.store.batches import chunks
from app.store.rows import inserted_id


def known_jurisdictions(db: sqlite_utils.Database) -> list[str]:
    return [r["j"] for r in db.query(
        "SELECT jurisdiction AS j FROM plans WHERE jurisdiction != '' "
        "UNION SELECT jurisdiction FROM units WHERE jurisdiction != ''"
    )]


def canonical_id(db: sqlite_utils.Database, unit_id: int) -> int:
    """Follow merges to the unit that now stands for `unit_id`."""
    seen = set()
    while unit_id not in seen:
        seen.add(unit_id)
        row = next(db.query("SELECT merged_into FROM units WHERE id = ?", [unit_id]), None)
        if not row or row["merged_into"] is None:
            return unit_id
        unit_id = row["merged_into"]
    return unit_id


def get(db: sqlite_utils.Database, unit_id: int) -> dict[str, Any] | None:
    return next(db.query("SELECT * FROM units WHERE id = ?", [unit_id]), None)


def by_alias(db: sqlite_utils.Database, alias: str, jurisdiction: str | None = None) -> list[int]:
    if jurisdiction is None:
        rows = db.query("SELECT DISTINCT unit_id FROM unit_aliases WHERE alias = ?", [alias])
    else:
        rows = db.query("SELECT unit_id FROM unit_aliases WHERE alias = ? AND jurisdiction = ?", [alias, jurisdiction])
    return [r["unit_id"] for r in rows]


def by_keys(db: sqlite_utils.Database, keys: Iterable[str]) -> list[int]:
    keys = list(keys)
    if not keys:
        return []
    marks = ",".join("?" * len(keys))
    return [r["id"] for r in db.query(f"SELECT id FROM units WHERE key IN ({marks})", keys)]


def by_name(db: sqlite_utils.Database, name: str) -> list[int]:
    return [r["id"] for r in db.query("SELECT id FROM units WHERE name = ?", [name])]


def add_alias(db: sqlite_utils.Database, unit_id: int, alias: str, jurisdiction: str) -> None:
    db.execute(
        "INSERT OR IGNORE INTO unit_aliases (unit_id, alias, jurisdiction) VALUES (?, ?, ?)",
        [unit_id, alias, jurisdiction],
    )


def ensure(db: sqlite_utils.Database, identity: UnitIdentity, printed: str, plan_jurisdiction: str) -> int:
    """The unit a plan's spelling stands for, created on first sight; the spelling is recorded as an alias.

    A spelling the directory already knows in this jurisdiction wins over the computed key, so a user's
    correction (a merge, an alias moved by hand) holds for later imports too.
    """
    alias = normalise(printed)
    known = by_alias(db, alias, plan_jurisdiction)
    if known:
        return canonical_id(db, known[0])
    row = next(db.query("SELECT id FROM units WHERE key = ?", [identity.key]), None)
    if row:
        unit_id = canonical_id(db, row["id"])
    else:
        unit_id = inserted_id(db.execute(
            "INSERT INTO units (name, jurisdiction, key, is_group, created_at) VALUES (?, ?, ?, ?, ?)",
            [identity.name, identity.jurisdiction, identity.key, int(identity.is_group), now()],
        ))
        if identity.name != alias:
            add_alias(db, unit_id, identity.name, "")
    add_alias(db, unit_id, alias, plan_jurisdiction)
    return unit_id


def listing(db: sqlite_utils.Database) -> list[dict[str, Any]]:
    """Canonical units (merged-away ones left out) with spellings and counts of open tasks."""
    rows = list(db.query(
        """
        SELECT u.id, u.name, u.jurisdiction, u.is_group, u.is_own,
               (SELECT COUNT(DISTINCT a.task_id) FROM assignments a JOIN tasks t ON t.id = a.task_id
                 WHERE a.unit_id = u.id AND t.removed_on IS NULL) AS task_count,
               (SELECT json_group_array(DISTINCT alias) FROM unit_aliases WHERE unit_id = u.id) AS spellings
        FROM units u WHERE u.merged_into IS NULL ORDER BY u.jurisdiction, u.name
        """
    ))
    import json

    for row in rows:
        row["spellings"] = sorted(json.loads(row["spellings"] or "[]"))
    return rows


def groups_including(db: sqlite_utils.Database, unit_ids: Iterable[int]) -> list[int]:
    ids = list(unit_ids)
    if not ids:
        return []
    marks = ",".join("?" * len(ids))
    return [r["group_id"] for r in db.query(
        f"SELECT DISTINCT group_id FROM unit_groups WHERE member_id IN ({marks})", ids)]


def add_group_member(db: sqlite_utils.Database, group_id: int, member_id: int) -> bool:
    return db.execute(
        "INSERT OR IGNORE INTO unit_groups (group_id, member_id) VALUES (?, ?)", [group_id, member_id]
    ).rowcount > 0


def remove_group_member(db: sqlite_utils.Database, group_id: int, member_id: int) -> bool:
    return db.execute(
        "DELETE FROM unit_groups WHERE group_id = ? AND member_id = ?", [group_id, member_id]
    ).rowcount > 0


def own_unit_id(db: sqlite_utils.Database) -> int | None:
    row = next(db.query("SELECT id FROM units WHERE is_own = 1 AND merged_into IS NULL LIMIT 1"), None)
    return row["id"] if row else None


def set_own(db: sqlite_utils.Database, unit_id: int | None) -> None:
    db.execute("UPDATE units SET is_own = 0 WHERE is_own = 1")
    if unit_id is not None:
        db.execute("UPDATE units SET is_own = 1 WHERE id = ?", [unit_id])


# Tables whose rows point at a unit and move with it when two units are merged.
_UNIT_REFERENCES = (
    ("assignments", "unit_id"),
    ("unit_aliases", "unit_id"),
    ("standing_units", "unit_id"),
    ("progress", "unit_id"),
    ("notices", "unit_id"),
)


def merge(db: sqlite_utils.Database, source_id: int, target_id: int) -> dict[str, Any]:
    """Move everything of `source` to `target`; returns the ids moved per table (for the audit log and undo)."""
    moved: dict[str, Any] = {}  # table → ids moved; "unit_groups" → links; "was_own" → bool
    for table, column in _UNIT_REFERENCES:
        ids = [r["id"] for r in db.query(f"SELECT id FROM {table} WHERE {column} = ?", [source_id])]
        if ids:
            db.execute(f"UPDATE {table} SET {column} = ? WHERE {column} = ?", [target_id, source_id])
        moved[table] = ids
    groups = [dict(r) for r in db.query(
        "SELECT group_id, member_id FROM unit_groups WHERE group_id = ? OR member_id = ?", [source_id, source_id])]
    for link in groups:
        db.execute("DELETE FROM unit_groups WHERE group_id = ? AND member_id = ?", [link["group_id"], link["member_id"]])
        new = {k: (target_id if v == source_id else v) for k, v in link.items()}
        if new["group_id"] != new["member_id"]:
            add_group_member(db, new["group_id"], new["member_id"])
    moved["unit_groups"] = groups
    source = get(db, source_id)
    if source is None:  # the transaction rolls back what moved above
        raise StoreError(f"要合并的单位（编号 {source_id}）不存在。")
    was_own = source["is_own"]
    if was_own:
        set_own(db, target_id)
    moved["was_own"] = bool(was_own)
    db.execute("UPDATE units SET merged_into = ? WHERE id = ?", [target_id, source_id])
    return moved


def unmerge(db: sqlite_utils.Database, source_id: int, target_id: int, moved: dict[str, Any]) -> None:
    """Undo `merge` from what it returned: the moved rows go back and `source` stands on its own again."""
    for table, column in _UNIT_REFERENCES:
        for chunk in chunks(moved.get(table) or []):
            marks = ",".join("?" * len(chunk))
            db.execute(f"UPDATE {table} SET {column} = ? WHERE id IN ({marks}) AND {column} = ?",
                       [source_id, *chunk, target_id])
    for link in moved.get("unit_groups") or []:
        new = {k: (target_id if v == source_id else v) for k, v in link.items()}
        remove_group_member(db, new["group_id"], new["member_id"])
        add_group_member(db, link["group_id"], link["member_id"])
    db.execute("UPDATE units SET merged_into = NULL WHERE id = ?", [source_id])
    if moved.get("was_own"):
        set_own(db, source_id)


def group_members(db: sqlite_utils.Database, group_ids: Iterable[int]) -> dict[int, list[int]]:
    """The members declared for each group (canonical units, merges followed), in the directory's name order."""
    out: dict[int, list[int]] = {}
    for chunk in chunks(list(group_ids)):
        marks = ",".join("?" * len(chunk))
        for row in db.query(f"SELECT g.group_id, g.member_id FROM unit_groups g JOIN units u ON u.id = g.member_id "
                            f"WHERE g.group_id IN ({marks}) ORDER BY u.name, u.id", chunk):
            members = out.setdefault(row["group_id"], [])
            member = canonical_id(db, row["member_id"])
            if member not in members and member != row["group_id"]:
                members.append(member)
    return out


def names_and_groups(db: sqlite_utils.Database, unit_ids: Iterable[int]) -> dict[int, tuple[str, bool]]:
    """Each unit's directory name and whether it is a group (各旗县区政府)."""
    out: dict[int, tuple[str, bool]] = {}
    for chunk in chunks(list(unit_ids)):
        marks = ",".join("?" * len(chunk))
        for row in db.query(f"SELECT id, name, is_group FROM units WHERE id IN ({marks})", chunk):
            out[row["id"]] = (row["name"], bool(row["is_group"]))
    return out
