"""The office profile (机关信息) use cases: read it, change some of its fields (one audited transaction), and the
once-only question on first use. Stored as the settings rows app/domain/profile.py names."""
from __future__ import annotations

from typing import Any

from app.domain.profile import FIELD_OF_KEY, PROFILE_KEYS, OfficeProfile
from app.domain.settings import coerce
from app.errors import UserError
from app.ops import units as unit_ops
from app.ops.settings import get_flag, get_settings, mark_own_unit, put_flag
from app.store import audit, settings as settings_sql, units as units_sql
from app.store.connection import Store

ASKED_FLAG = "profile_asked"  # the first-use question was shown once


def get_profile(store: Store) -> OfficeProfile:
    return OfficeProfile.from_settings(get_settings(store))


def set_profile(store: Store, **changes: Any) -> dict[str, Any]:
    """Change the named fields (office=…, prefix=…, own_unit=… — see OfficeProfile); returns the values they
    replaced, by the same names (pass them back to undo). 本单位 must name one unit of the directory (its name,
    any spelling the directory knows, or its id); an empty value clears it. Nothing is changed on an error."""
    unknown = [name for name in changes if name not in PROFILE_KEYS]
    if unknown:
        raise UserError(f"机关信息中没有“{unknown[0]}”一项。可用：{'、'.join(PROFILE_KEYS)}")
    new = {name: coerce(PROFILE_KEYS[name], value) for name, value in changes.items()}
    current = get_profile(store).to_json()
    previous = {name: current[name] for name in new}
    with store.transaction() as db:
        own = new.pop("own_unit", None)
        if own is not None:
            new["own_unit"] = mark_own_unit(store, _own_unit_id(store, own) if own else None, "")
        for name, value in new.items():
            settings_sql.put(db, PROFILE_KEYS[name], value)
        audit.record(db, "profile", "setting", None, previous, new)
    return previous


def _own_unit_id(store: Store, name: str) -> int:
    """The unit named exactly so (its directory name), else whatever the directory resolves the spelling to."""
    exact = list(dict.fromkeys(units_sql.canonical_id(store.db, i) for i in units_sql.by_name(store.db, name)))
    return exact[0] if len(exact) == 1 else unit_ops.resolve_unit(store, name)


def profile_changes(setting_changes: dict[str, Any]) -> dict[str, Any]:
    """Setting keys (as a settings form returns them) → profile field names."""
    return {FIELD_OF_KEY[key]: value for key, value in setting_changes.items()}


def should_ask_profile(store: Store) -> bool:
    """On first use: the office is not named and the question has not been asked yet."""
    return not get_profile(store).office and not get_flag(store, ASKED_FLAG, False)


def mark_profile_asked(store: Store) -> None:
    put_flag(store, ASKED_FLAG, True)
