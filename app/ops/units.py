"""The unit directory's use cases: find a unit in any spelling, list, merge / unmerge, groups, 本单位."""
from __future__ import annotations

from dataclasses import dataclass

from app.domain.records import UnitMerge, UnitSummary
from app.domain.units import normalise, query_keys, suggest_duplicates
from app.errors import UserError
from app.store import audit, settings as settings_sql, units as units_sql
from app.store.connection import Store


def list_units(store: Store) -> list[UnitSummary]:
    return units_sql.listing(store.db)


def find_units(store: Store, name: str) -> list[int]:
    """The units a spelling may mean (full or relative, long or short form), merges followed; [] if none."""
    db = store.db
    text = normalise(name)
    if not text:
        return []
    found = units_sql.by_alias(db, text) + units_sql.by_name(db, text)
    found += units_sql.by_keys(db, query_keys(text, units_sql.known_jurisdictions(db)))
    return list(dict.fromkeys(units_sql.canonical_id(db, uid) for uid in found))


def resolve_unit(store: Store, name: str) -> int:
    """Exactly one unit for a spelling or an id ("12"), or a clear error (none, or several to choose from)."""
    text = name.strip()
    if text.isdigit():  # the id: the one way to tell apart two units printed with the same name
        if units_sql.get(store.db, int(text)) is None:  # a message of its own: how to find the ids
            raise UserError(f"单位目录中没有编号为 {text} 的单位。可用 units --json 查看单位及其编号。")
        return units_sql.canonical_id(store.db, int(text))
    ids = find_units(store, name)
    if not ids:
        raise UserError(f"单位目录中没有“{name}”。可用 units 命令查看已有单位。")
    if len(ids) > 1:
        raise UserError(_ambiguous(store, name, ids))
    return ids[0]


def _ambiguous(store: Store, name: str, ids: list[int]) -> str:
    """The candidates, each by its place-qualified name and id, and how to name one of them."""
    units = [units_sql.require(store.db, i) for i in ids]
    names = [u.name for u in units]
    shown = [f"{u.name}{'' if names.count(u.name) == 1 else '（' + (u.jurisdiction or '地区不明') + '）'}"
             f"（编号 {u.id}）" for u in units[:8]]
    more = f"等 {len(ids)} 个" if len(ids) > 8 else ""
    return (f"“{name}”可能指多个单位：{'、'.join(shown)}{more}。请写出带地名的全称，"
            f"或写单位编号（如 --unit {units[0].id}）。")


def units_with_groups(store: Store, unit_ids: list[int]) -> list[int]:
    """The units plus the groups declared to include them (各市人民政府 → 本单位)."""
    return list(dict.fromkeys([*unit_ids, *units_sql.groups_including(store.db, unit_ids)]))


def own_unit_id(store: Store) -> int | None:
    """本单位: the unit marked so, else the one the own_unit setting names (set before any plan named it)."""
    flagged = units_sql.own_unit_id(store.db)
    if flagged:
        return flagged
    name = settings_sql.get(store.db, "own_unit")
    ids = find_units(store, name) if name else []
    return ids[0] if len(ids) == 1 else None


def set_own_unit(store: Store, name: str | None) -> int | None:
    """Mark the unit `name` (any spelling) as 本单位; None clears it. Returns the previous own unit's id."""
    return set_own_unit_id(store, resolve_unit(store, name) if name else None)


def set_own_unit_id(store: Store, unit_id: int | None) -> int | None:
    """As `set_own_unit`, by id: its own inverse (pass back what it returned to undo)."""
    name = units_sql.require(store.db, unit_id).name if unit_id else None
    with store.transaction() as db:
        previous = units_sql.own_unit_id(db)
        units_sql.set_own(db, unit_id)
        settings_sql.put(db, "own_unit", name or "")
        audit.record(db, "set_own_unit", "unit", unit_id, {"unit_id": previous}, {"unit_id": unit_id})
    return previous


def declare_group_member(store: Store, group: str | int, member: str | int, *, included: bool = True) -> bool:
    """Declare (or, with included=False, withdraw) that a collective entry includes a unit. True if it changed."""
    group_id = group if isinstance(group, int) else resolve_unit(store, group)
    member_id = member if isinstance(member, int) else resolve_unit(store, member)
    if group_id == member_id:
        raise UserError("一个单位不能包含它自己。")
    with store.transaction() as db:
        if included:
            changed = units_sql.add_group_member(db, group_id, member_id)
        else:
            changed = units_sql.remove_group_member(db, group_id, member_id)
        if changed:
            audit.record(db, "group_member" if included else "group_member_removed", "unit", group_id,
                         None, {"group_id": group_id, "member_id": member_id})
    return changed


@dataclass(frozen=True)
class MergeResult:
    audit_id: int
    source_id: int
    target_id: int
    moved_assignments: int


def merge_units(store: Store, source: str | int, target: str | int) -> MergeResult:
    """Merge `source` into `target`: all its assignments, spellings and progress move. Undo with `unmerge`."""
    source_id = source if isinstance(source, int) else resolve_unit(store, source)
    target_id = target if isinstance(target, int) else resolve_unit(store, target)
    if source_id == target_id:
        raise UserError("两个名称已是同一个单位，无需合并。")
    with store.transaction() as db:
        merge = units_sql.merge(db, source_id, target_id)
        audit_id = audit.record(db, "merge", "unit", source_id, merge.to_json(), {"merged_into": target_id})
    return MergeResult(audit_id, source_id, target_id, merge.moved_assignments)


def unmerge(store: Store, merge: MergeResult | int) -> int:
    """Undo a merge (its result or its audit id); the merged-away unit stands on its own again. Returns its id."""
    audit_id = merge.audit_id if isinstance(merge, MergeResult) else merge
    entry = audit.get(store.db, audit_id)
    if not entry or entry.action != "merge":
        raise UserError(f"审计记录 {audit_id} 不是一次单位合并。")
    merged = UnitMerge.from_json(entry.before_data)
    source_id, target_id = merged.source_id, merged.target_id
    if units_sql.require(store.db, source_id).merged_into != target_id:  # a merged unit is kept, never deleted
        raise UserError("这次合并已撤销过。")
    with store.transaction() as db:
        units_sql.unmerge(db, merged)
        audit.record(db, "unmerge", "unit", source_id, {"merged_into": target_id}, {"merge_audit_id": audit_id})
    return source_id


def suggest_merges(store: Store, *, threshold: float = 85.0) -> list[tuple[UnitSummary, UnitSummary, float]]:
    """Pairs of units that look like one (rapidfuzz over names with the equivalences folded), best first."""
    units = {u.id: u for u in list_units(store)}
    pairs = suggest_duplicates([(u.id, u.name, u.jurisdiction) for u in units.values()], threshold=threshold)
    return [(units[a], units[b], score) for a, b, score in pairs]
