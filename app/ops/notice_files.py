"""Clean-up of notice files left by a process that was killed while writing (called at each start).

Only our own temporary files (`.~duban-<pid>-….part`, see app.notices.files) of processes no longer running
are handled, and only in the folder notices are written to: a user's other files are never touched. A file
whose notice the register records (the run was killed after its commit, before renaming) gets its final
name; any other is removed (its transaction never committed: no number, no row).
"""
from __future__ import annotations

import logging
import os
from pathlib import Path

from app.notices.files import final_path, stale_parts
from app.paths import data_dir
from app.store import notices as notices_sql
from app.store.connection import Store

log = logging.getLogger(__name__)


def window_notices_dir() -> Path:
    """Where the window writes the notices it issues."""
    return data_dir() / "notices"


def clean_stale_parts(folder: Path | str, store: Store | None = None) -> list[Path]:
    """Finish or remove the `.part` files a killed notice command left in `folder`; returns those removed.

    With `store`, a file whose final name the register records is renamed to it instead of removed.
    """
    parts = stale_parts(Path(folder))
    registered = notices_sql.registered_files(store.db, [str(final_path(p)) for p in parts]) if store and parts \
        else set()
    removed = []
    for part in parts:
        final = final_path(part)
        try:
            if str(final) in registered and not final.exists():
                os.replace(part, final)
                continue
            part.unlink()
        except OSError as exc:  # in use or not ours to delete: harmless, tried again next time
            log.info("未能处理临时文件 %s：%s", part, exc)
            continue
        removed.append(part)
    return removed
