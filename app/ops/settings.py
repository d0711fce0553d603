"""Settings use cases: values by the declarations of app/domain/settings.py, persisted in the store."""
from __future__ import annotations

from typing import Any

from app.domain.settings import SETTINGS, coerce, setting
from app.errors import UserError
from app.ops import units as unit_ops
from app.store import audit, settings as settings_sql, units as units_sql
from app.store.connection import Store


def get_settings(store: Store) -> dict[str, Any]:
    """Every declared setting: the stored value, else its default."""
    stored = settings_sql.load(store.db)
    return {s.key: coerce(s.key, stored[s.key]) if s.key in stored else s.default for s in SETTINGS}


def get_setting(store: Store, key: str) -> Any:
    return get_settings(store)[setting(key).key]


def set_setting(store: Store, key: str, value: Any) -> Any:
    """Store a setting; returns the previous value (set it back to undo).

    本单位 (own_unit) also marks the unit in the directory when it is known there already; a name not yet in
    the directory is kept and applies once a plan names that unit.
    """
    new = coerce(key, value)
    previous = get_setting(store, key)
    with store.transaction() as db:
        if key == "own_unit":
            ids = unit_ops.find_units(store, new) if new else []
            if len(ids) > 1:
                names = "、".join(units_sql.require(db, i).name for i in ids[:8])
                raise UserError(f"“{new}”可能指多个单位：{names}。请写出全称。")
            new = mark_own_unit(store, ids[0] if ids else None, new)
        settings_sql.put(db, key, new)
        audit.record(db, "setting", "setting", None, {key: previous}, {key: new})
    return previous


def mark_own_unit(store: Store, unit_id: int | None, name: str) -> str:
    """Mark 本单位 in the directory (or none); the name to keep: the unit's own, else `name` as written."""
    units_sql.set_own(store.db, unit_id)
    return units_sql.require(store.db, unit_id).name if unit_id is not None else name


def put_flag(store: Store, key: str, value: Any) -> None:
    """A value the program keeps for itself (not a declared setting: no dialog row, no audit)."""
    with store.transaction() as db:
        settings_sql.put(db, key, value)


def get_flag(store: Store, key: str, default: Any = None) -> Any:
    return settings_sql.get(store.db, key, default)


def yellow_days(store: Store) -> int:
    return int(get_setting(store, "yellow_days"))
