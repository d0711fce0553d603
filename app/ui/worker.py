"""One worker thread for long work (reading a plan document) so the window stays responsive.

The work is a plain generator from the core's point of view: it yields `(percent, message)` while it runs
and returns its result. The worker turns that into signals and stops between steps when cancelled. Every
path ends in exactly one of `finished`, `failed` or `cancelled`, so a progress dialog always closes.
"""
from __future__ import annotations

import threading
from collections.abc import Callable, Generator
from typing import Any

from PySide6.QtCore import QObject, QThread, Signal, Slot

Job = Callable[[], Generator[tuple[int, str], None, Any]]


class _Runner(QObject):
    progress = Signal(int, str)
    finished = Signal(object)
    failed = Signal(object)
    cancelled = Signal()

    def __init__(self) -> None:
        super().__init__()
        self.cancel_event = threading.Event()

    @Slot(object)
    def run(self, job: Job) -> None:
        try:
            gen = job()
            while True:
                if self.cancel_event.is_set():
                    gen.close()
                    self.cancelled.emit()
                    return
                try:
                    percent, message = next(gen)
                except StopIteration as stop:
                    result = stop.value
                    break
                self.progress.emit(percent, message)
        except Exception as exc:  # reported to the window, which decides how to show it
            self.failed.emit(exc)
            return
        if self.cancel_event.is_set():
            self.cancelled.emit()
        else:
            self.finished.emit(result)


class Worker(QObject):
    """Runs one job at a time on its own thread; connect to the signals, then `start(job)`."""

    progress = Signal(int, str)
    finished = Signal(object)
    failed = Signal(object)
    cancelled = Signal()
    _submit = Signal(object)

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._thread = QThread()
        self._thread.setObjectName("duban-worker")
        self._runner = _Runner()
        self._runner.moveToThread(self._thread)
        self._submit.connect(self._runner.run)
        self._runner.progress.connect(self.progress)
        self._runner.finished.connect(self._done)
        self._runner.failed.connect(self._fail)
        self._runner.cancelled.connect(self._cancel)
        # The runner lives in the worker thread: it must be deleted there, as the thread ends.
        self._thread.finished.connect(self._runner.deleteLater)
        self.busy = False
        self._thread.start()

    def start(self, job: Job) -> None:
        if self.busy:
            raise RuntimeError("worker already running a job")
        self.busy = True
        self._runner.cancel_event.clear()
        self._submit.emit(job)

    def cancel(self) -> None:
        self._runner.cancel_event.set()

    def _done(self, result: object) -> None:
        self.busy = False
        self.finished.emit(result)

    def _fail(self, exc: object) -> None:
        self.busy = False
        self.failed.emit(exc)

    def _cancel(self) -> None:
        self.busy = False
        self.cancelled.emit()

    def shutdown(self) -> None:
        if not self._thread.isRunning():
            return
        self.cancel()
        self._thread.quit()
        self._thread.wait(5000)
