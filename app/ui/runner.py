"""One runner for database work off the interface thread (after Anki's background operations).

`runner.run(op, label=…, done=…)` calls `op(store)` on the runner's worker thread and hands its result to `done`
on the interface thread. `op` is a plain function, or a generator that yields `(percent, message)` and returns
its result. The worker has its own connection to the window's database (SQLite connections belong to the thread
that opened them), opened on first use; jobs run one at a time in the order given, so the runner's writes are
serialized among themselves, and SQLite's lock serializes them with the window's own small edits.

A result that carries a change record (`result.changes`, a `Changes`, or a list of such results) is announced
with `changed(Changes)` before `done` runs, so each view refreshes only what changed.

Anything still running 300 ms after it started is announced with `busyChanged(True, label)` (the window shows a
busy mark); `busyChanged(False, "")` follows when the runner is idle again.
"""
from __future__ import annotations

from collections.abc import Callable, Generator
from dataclasses import dataclass, field
import importlib
from itertools import count
import os
import threading
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QObject, QThread, QTimer, Signal, Slot

from app.errors import UserError
from app.ops.changes import NOTHING, Changes, merged

if TYPE_CHECKING:  # the store itself is loaded with the core, after the window is shown
    from app.ops.session import Store  # type: ignore[attr-defined]  # re-exported by the use cases

BUSY_DELAY_MS = 300
WORKER_NICE = 10

Op = Callable[["Store"], Any]  # a result, or a generator yielding (percent, message) and returning the result
Opener = Callable[[], "Store"]


class LazyModule:
    """A module imported on first attribute use (from whichever thread uses it first)."""

    def __init__(self, name: str) -> None:
        self._name = name

    def __getattr__(self, attr: str) -> Any:
        return getattr(importlib.import_module(self._name), attr)


def changes_of(result: object) -> Changes:
    """The change record a use case's result carries (none for a plain query)."""
    if isinstance(result, Changes):
        return result
    record = getattr(result, "changes", None)
    if isinstance(record, Changes):
        return record
    if isinstance(result, (list, tuple)):
        return merged(changes_of(item) for item in result)
    return NOTHING


class _DbWorker(QObject):
    """Lives on the worker thread and owns the worker's connection (opened there, used there, closed there)."""

    progressed = Signal(int, int, str)
    succeeded = Signal(int, object)
    failed = Signal(int, object)

    def __init__(self, opener: Opener) -> None:
        super().__init__()
        self._opener = opener
        self._store: "Store | None" = None
        self.cancelled: set[int] = set()  # job numbers (sets are safe to share between threads here)

    @Slot(int, object)
    def execute(self, job_id: int, op: Op) -> None:
        try:
            if self._store is None:
                _yield_the_cpu()
                self._store = self._opener()
            outcome = op(self._store)
            if isinstance(outcome, Generator):
                outcome = self._drive(job_id, outcome)
        except Exception as exc:  # handed to the interface thread, which decides how to show it
            self.failed.emit(job_id, exc)
            return
        self.succeeded.emit(job_id, outcome)

    def _drive(self, job_id: int, steps: Generator[tuple[int, str], None, Any]) -> Any:
        while True:
            if job_id in self.cancelled:
                steps.close()
                return None
            try:
                percent, message = next(steps)
            except StopIteration as stop:
                return stop.value
            self.progressed.emit(job_id, percent, message)

    @Slot()
    def close(self) -> None:
        if self._store is not None:
            self._store.close()
            self._store = None


def _yield_the_cpu() -> None:
    """On Linux, QThread's priority is ignored: lower this thread's nice value so painting the window wins the
    CPU over the database work (measured: a dialog's first paint took 3-5× longer beside a busy worker)."""
    if hasattr(os, "setpriority") and hasattr(threading, "get_native_id"):
        try:
            os.setpriority(os.PRIO_PROCESS, threading.get_native_id(), WORKER_NICE)
        except OSError:
            pass


@dataclass
class _Job:
    label: str
    done: Callable[[Any], None] | None
    failed: Callable[[BaseException], None] | None
    progress: Callable[[int, str], None] | None
    busy_delay_ms: int
    changes: Changes = field(default=NOTHING)


class DbRunner(QObject):
    """Runs ops against one database on one worker thread; results come back on the interface thread."""

    busyChanged = Signal(bool, str)
    changed = Signal(object)  # Changes
    _submit = Signal(int, object)
    _close = Signal()

    def __init__(self, opener: Opener, parent: QObject | None = None, *,
                 on_error: Callable[[BaseException], None] | None = None) -> None:
        super().__init__(parent)
        self._on_error = on_error
        self._jobs: dict[int, _Job] = {}
        self._ids = count(1)
        self._busy_shown = False
        self._busy_timer = QTimer(self, singleShot=True)
        self._busy_timer.timeout.connect(self._show_busy)
        self._thread = QThread()
        self._thread.setObjectName("duban-db")
        self._worker = _DbWorker(opener)
        self._worker.moveToThread(self._thread)
        self._submit.connect(self._worker.execute)
        self._close.connect(self._worker.close)
        self._worker.progressed.connect(self._progressed)
        self._worker.succeeded.connect(self._succeeded)
        self._worker.failed.connect(self._failed)
        self._thread.finished.connect(self._worker.deleteLater)
        self._thread.start(QThread.Priority.LowPriority)  # Windows and macOS honour this; Linux: _yield_the_cpu

    # --- submitting -------------------------------------------------------------------------------
    def run(self, op: Op, *, label: str, done: Callable[[Any], None] | None = None,
            failed: Callable[[BaseException], None] | None = None,
            progress: Callable[[int, str], None] | None = None, busy_delay_ms: int = BUSY_DELAY_MS) -> int:
        """Queue `op(store)`; returns the job's number (for `cancel`)."""
        job_id = next(self._ids)
        self._jobs[job_id] = _Job(label, done, failed, progress, busy_delay_ms)
        if busy_delay_ms <= 0:
            self._show_busy()
        elif not self._busy_shown and (not self._busy_timer.isActive()
                                       or self._busy_timer.remainingTime() > busy_delay_ms):
            self._busy_timer.start(busy_delay_ms)
        self._submit.emit(job_id, op)
        return job_id

    def reset_connection(self) -> None:
        """Close the worker's connection after the jobs queued so far (another database was opened)."""
        self._close.emit()

    def cancel(self, job_id: int) -> None:
        """A generator job stops before its next step; its `done` is not called."""
        self._worker.cancelled.add(job_id)

    @property
    def busy(self) -> bool:
        return bool(self._jobs)

    @property
    def busy_shown(self) -> bool:
        return self._busy_shown

    def current_label(self) -> str:
        return next(iter(self._jobs.values())).label if self._jobs else ""

    # --- results (interface thread) ---------------------------------------------------------------
    def _progressed(self, job_id: int, percent: int, message: str) -> None:
        job = self._jobs.get(job_id)
        if job is not None and job.progress is not None and job_id not in self._worker.cancelled:
            job.progress(percent, message)

    def _succeeded(self, job_id: int, result: object) -> None:
        job = self._finish(job_id)
        if job is None or job_id in self._worker.cancelled:
            self._worker.cancelled.discard(job_id)
            return
        record = changes_of(result)
        if not record.empty:
            self.changed.emit(record)
        if job.done is not None:
            job.done(result)

    def _failed(self, job_id: int, exc: BaseException) -> None:
        job = self._finish(job_id)
        self._worker.cancelled.discard(job_id)
        if job is not None and job.failed is not None:
            job.failed(exc)
        else:
            self.report(exc)

    def report(self, exc: BaseException) -> None:
        """A refusal (UserError) as the window's message; anything else is a bug: the crash dialog and the log."""
        if isinstance(exc, UserError) and self._on_error is not None:
            self._on_error(exc)
        else:
            raise exc

    def _finish(self, job_id: int) -> _Job | None:
        job = self._jobs.pop(job_id, None)
        if not self._jobs:
            self._busy_timer.stop()
            if self._busy_shown:
                self._busy_shown = False
                self.busyChanged.emit(False, "")
        return job

    def _show_busy(self) -> None:
        if self._jobs and not self._busy_shown:
            self._busy_shown = True
            self.busyChanged.emit(True, self.current_label())

    # --- ending -----------------------------------------------------------------------------------
    def shutdown(self, wait_ms: int = 10_000) -> None:
        """Stop after the job in hand (generator jobs stop at their next step), close the worker's connection."""
        if not self._thread.isRunning():
            return
        self._worker.cancelled.update(self._jobs)
        self._jobs.clear()
        self._busy_timer.stop()
        self._close.emit()
        self._thread.quit()
        self._thread.wait(wait_ms)
