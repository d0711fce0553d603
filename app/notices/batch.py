"""Rendering many notices at once (a batch for every unit with overdue work), spread over the CPU cores.

Laying out a notice is CPU-bound Python, so a batch is shared among worker processes, one per core; the
results come back in the order given. Small batches stay in this process (starting workers costs more).
Workers end with the process that started them (killed, it would otherwise leave them running, holding the
database's files): on Linux the kernel kills them (PR_SET_PDEATHSIG), everywhere a thread in each worker
watches its parent. (On Windows a job object would be the kernel's way; not done: the watch covers it.)
"""
from __future__ import annotations

import ctypes
import os
import signal
import sys
import threading
import time
from typing import Sequence, Union

from app.notices.bulletin import bulletin_pdf
from app.notices.content import Bulletin, ReminderNotice, SupervisionNotice
from app.notices.files import pid_alive
from app.notices.fonts import load_fonts
from app.notices.reminder import reminder_pdf
from app.notices.supervision import supervision_pdf

Document = Union[SupervisionNotice, ReminderNotice, Bulletin]

# Below this many notices per worker the processes' start-up outweighs what they save.
MIN_PER_WORKER = 8
PARENT_WATCH_SECONDS = 0.5  # how often a worker checks that its parent still runs
_PR_SET_PDEATHSIG = 1

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


def _parent_gone(parent: int) -> bool:
    return os.getppid() != parent or not pid_alive(parent)  # Windows does not re-parent: ask about the pid


def _watch_parent(parent: int) -> None:
    while not _parent_gone(parent):
        time.sleep(PARENT_WATCH_SECONDS)
    os._exit(1)


def exit_with_parent(parent: int) -> None:
    """Make this (worker) process end when `parent` ends, however it ends."""
    if sys.platform.startswith("linux"):
        try:
            libc = ctypes.CDLL(None, use_errno=True)
            libc.prctl(_PR_SET_PDEATHSIG, int(signal.SIGKILL), 0, 0, 0)
        except (OSError, AttributeError):  # no libc to call: the watch below still ends the worker
            pass
    if _parent_gone(parent):  # it died before the above took effect
        os._exit(1)
    threading.Thread(target=_watch_parent, args=(parent,), name="parent-watch", daemon=True).start()


def _start_worker(use_system_fonts: bool | None, parent: int) -> None:
    exit_with_parent(parent)
    global _use_system_fonts
    _use_system_fonts = use_system_fonts
    load_fonts(use_system_fonts, quiet=True)  # already loaded when the worker was forked; read once when spawned


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
    from concurrent.futures import ProcessPoolExecutor  # only a batch worth the processes pays for the import

    with ProcessPoolExecutor(workers, initializer=_start_worker, initargs=(use_system_fonts, os.getpid())) as pool:
        return list(pool.map(render, documents, chunksize=chunk))
