"""Rendering many notices at once (a batch for every unit with overdue work), spread over the CPU cores.

Laying out a notice is CPU-bound Python, so a batch is shared among worker processes, one per core; the
results come back in the order given. Small batches stay in this process (starting workers costs more).
"""
from __future__ import annotations

import os
from concurrent.futures import ProcessPoolExecutor
from typing import Sequence, Union

from app.notices.bulletin import bulletin_pdf
from app.notices.content import Bulletin, ReminderNotice, SupervisionNotice
from app.notices.fonts import load_fonts
from app.notices.reminder import reminder_pdf
from app.notices.supervision import supervision_pdf

Document = Union[SupervisionNotice, ReminderNotice, Bulletin]

# Below this many notices per worker the processes' start-up outweighs what they save.
MIN_PER_WORKER = 8

_use_system_fonts: bool | None = None


def render(document: Document) -> bytes:
    """Any notice as PDF bytes, by its kind."""
    fonts = load_fonts(_use_system_fonts)
    if isinstance(document, SupervisionNotice):
        return supervision_pdf(document, fonts)
    if isinstance(document, ReminderNotice):
        return reminder_pdf(document, fonts)
    if isinstance(document, Bulletin):
        return bulletin_pdf(document, fonts)
    raise TypeError(f"not a notice: {type(document).__name__}")


def _start_worker(use_system_fonts: bool | None) -> None:
    global _use_system_fonts
    _use_system_fonts = use_system_fonts
    load_fonts(use_system_fonts)  # already loaded when the worker was forked; parsed once when spawned


def render_all(documents: Sequence[Document], *, workers: int | None = None,
               use_system_fonts: bool | None = None) -> list[bytes]:
    """Every document as PDF bytes, in order; `workers=None` uses the cores when the batch is worth it."""
    global _use_system_fonts
    _use_system_fonts = use_system_fonts
    if workers is None:
        workers = min(os.cpu_count() or 1, len(documents) // MIN_PER_WORKER)
    if workers <= 1:
        return [render(d) for d in documents]
    load_fonts(use_system_fonts)  # parse the fonts before forking, so that each worker inherits them
    chunk = max(1, len(documents) // (workers * 4))
    with ProcessPoolExecutor(workers, initializer=_start_worker, initargs=(use_system_fonts,)) as pool:
        return list(pool.map(render, documents, chunksize=chunk))
