"""Resolving printed unit names to directory units during one import (each spelling looked up once)."""
from __future__ import annotations

from app.domain.units import identify
from app.store import units as units_sql
from app.store.connection import Store


class UnitResolver:
    def __init__(self, store: Store, jurisdiction: str):
        self.db = store.db
        self.jurisdiction = jurisdiction
        self.known = units_sql.known_jurisdictions(self.db)
        self._cache: dict[str, int] = {}

    def resolve(self, printed: str) -> int:
        found = self._cache.get(printed)
        if found is None:
            identity = identify(printed, self.jurisdiction, self.known)
            found = units_sql.ensure(self.db, identity, printed, self.jurisdiction)
            self._cache[printed] = found
        return found
