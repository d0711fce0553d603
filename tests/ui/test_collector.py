"""Python's garbage collector runs on the interface thread only (app/ui/collector.py)."""
from __future__ import annotations

import gc
import threading

from app.ui.application import make_application
from app.ui.collector import InterfaceThreadCollector, collect_on_interface_thread


class _Cycle:
    """An object in a reference cycle that says in which thread it was freed."""

    freed_in: list[str] = []

    def __init__(self) -> None:
        self.me = self

    def __del__(self) -> None:
        _Cycle.freed_in.append(threading.current_thread().name)


def test_a_cycle_is_freed_on_the_interface_thread_even_when_a_worker_allocates(qtbot, qapp):
    collector = collect_on_interface_thread(qapp)
    assert not gc.isenabled()
    gc.collect()
    _Cycle.freed_in.clear()
    _Cycle()  # garbage now, freed only by a collection

    kept: list[list[list[int]]] = []

    def allocate() -> None:  # far past the youngest generation's threshold: the automatic collector would run here
        kept.append([[i] for i in range(50 * collector.thresholds[0])])

    worker = threading.Thread(target=allocate, name="worker")
    worker.start()
    worker.join()
    assert _Cycle.freed_in == []  # nothing collected in the worker
    qtbot.waitUntil(lambda: _Cycle.freed_in != [], timeout=3000)  # the timer's check, on the interface thread
    assert _Cycle.freed_in == [threading.main_thread().name]
    kept.clear()


def test_the_application_has_one_collector(qapp):
    first = make_application()
    assert collect_on_interface_thread(first) is collect_on_interface_thread(first)
    assert len(first.findChildren(InterfaceThreadCollector)) == 1


def test_at_quit_the_automatic_collector_is_back_and_collects(qapp):
    collector = collect_on_interface_thread(qapp)
    _Cycle.freed_in.clear()
    _Cycle()
    collector.hand_back()  # (connected to aboutToQuit)
    try:
        assert gc.isenabled() and not collector.timer.isActive()
        assert _Cycle.freed_in == [threading.main_thread().name]
    finally:
        assert collect_on_interface_thread(qapp) is collector and not gc.isenabled() and collector.timer.isActive()
