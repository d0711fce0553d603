"""Clean-up of notice files left by a process that was killed while writing (called at each start).

Only our own temporary files (`.~duban-<pid>-….part`, see app.notices.files) of processes no longer running
are removed, and only in the folder notices are written to: a user's other files are never touched.
"""
from __future__ import annotations

import logging
from pathlib import Path

from app.notices.files import stale_parts
from app.paths import data_dir

log = logging.getLogger(__name__)


def window_notices_dir() -> Path:
    """Where the window writes the notices it issues."""
    return data_dir() / "notices"


def clean_stale_parts(folder: Path | str) -> list[Path]:
    """Remove the `.part` files a killed notice command left in `folder`; returns those removed."""
    removed = []
    for part in stale_parts(Path(folder)):
        try:
            part.unlink()
        except OSError as exc:  # in use or not ours to delete: harmless, tried again next time
            log.info("未能删除临时文件 %s：%s", part, exc)
            continue
        removed.append(part)
    return removed
