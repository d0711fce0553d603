"""An event-loop watchdog: a timer on the interface thread ticking every ~20 ms, recording the longest gap
between two ticks (how long the window could not react). Used by the tests and benchmarks/ui_bench.py."""
from __future__ import annotations

import time

from PySide6.QtCore import QObject, Qt, QTimer

TICK_MS = 20


class EventLoopWatchdog(QObject):
    def __init__(self, parent: QObject | None = None, *, tick_ms: int = TICK_MS) -> None:
        super().__init__(parent)
        self._timer = QTimer(self, interval=tick_ms)
        self._timer.setTimerType(Qt.TimerType.PreciseTimer)
        self._timer.timeout.connect(self._tick)
        self._last = 0.0
        self.longest = 0.0  # seconds
        self.ticks = 0
        self.long_gaps: list[tuple[float, float]] = []  # (seconds since start, gap) for gaps over 3 ticks
        self._tick_s = tick_ms / 1000

    def start(self) -> None:
        self.longest, self.ticks, self.long_gaps = 0.0, 0, []
        self._last = self._started = time.perf_counter()
        self._timer.start()

    def stop(self) -> float:
        """Stop watching; the longest gap seen (counting the time since the last tick)."""
        self._tick()
        self._timer.stop()
        return self.longest

    def _tick(self) -> None:
        now = time.perf_counter()
        if now - self._last > 3 * self._tick_s:
            self.long_gaps.append((now - self._started, now - self._last))
        self.longest = max(self.longest, now - self._last)
        self._last = now
        self.ticks += 1
