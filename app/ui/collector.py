"""Python's cyclic garbage collector runs on the interface thread only.

The automatic collector runs in whichever thread happens to allocate when a threshold is passed: often the
database runner or the file reader (app/ui/runner.py, app/ui/worker.py). A cycle it then frees may hold a Qt
object (a closed dialog, a widget's wrapper caught in a lambda), whose C++ side is then destroyed off the
interface thread: Qt crashes (seen here: a segmentation fault while the reader thread collected). So the window
switches the automatic collector off and, on a timer on the interface thread, collects what the automatic one
would have by the same thresholds. (A common habit of PyQt / PySide programs.)
"""
from __future__ import annotations

import gc

from PySide6.QtCore import QCoreApplication, QObject, QTimer
from shiboken6 import Shiboken

CHECK_MS = 500  # often enough that garbage never piles up between checks


class InterfaceThreadCollector(QObject):
    """Made once, on the interface thread (make_application): from then on only it collects."""

    def __init__(self, app: QCoreApplication) -> None:
        super().__init__(app)
        self.thresholds = gc.get_threshold()
        self.timer = QTimer(self, interval=CHECK_MS)
        self.timer.timeout.connect(self.collect_due)
        app.aboutToQuit.connect(self.hand_back)
        self.take_over()

    def take_over(self) -> None:
        gc.disable()
        self.timer.start()

    def hand_back(self) -> None:
        """When the event loop ends (the worker threads are joined as the window closes): the automatic collector
        again, and one collection now, so what is left is freed while Python's modules are still there."""
        self.timer.stop()
        gc.enable()
        gc.collect()

    def collect_due(self) -> int | None:
        """Collect the generations whose counts passed their thresholds, as the automatic collector would;
        returns the generation collected (None: nothing was due)."""
        counts = gc.get_count()
        if counts[0] <= self.thresholds[0]:
            return None
        generation = 2 if counts[2] > self.thresholds[2] else 1 if counts[1] > self.thresholds[1] else 0
        gc.collect(generation)
        return generation


_collector: InterfaceThreadCollector | None = None


def collect_on_interface_thread(app: QCoreApplication) -> InterfaceThreadCollector:
    """The application's collector, collecting (made on the first call). Kept here, not looked up among the
    application's children: that lookup makes PySide wrap the style object, and QStyle's enum classes, before the
    first paint."""
    global _collector
    if _collector is None or not Shiboken.isValid(_collector) or _collector.parent() is not app:
        _collector = InterfaceThreadCollector(app)
    elif not _collector.timer.isActive():
        _collector.take_over()
    return _collector
