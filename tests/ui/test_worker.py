"""The worker turns a generator into progress signals and always ends in one of finished/failed/cancelled."""
import threading

import pytest

from app.ui.worker import Worker


@pytest.fixture
def worker(qtbot):
    w = Worker()
    yield w
    w.shutdown()


def test_runs_off_the_gui_thread_and_reports_progress(qtbot, worker):
    seen, threads = [], []

    def job():
        threads.append(threading.current_thread())
        yield 10, "读取"
        yield 80, "分析"
        return 42

    worker.progress.connect(lambda p, m: seen.append((p, m)))
    with qtbot.waitSignal(worker.finished, timeout=3000) as blocker:
        worker.start(job)
    assert blocker.args == [42]
    assert seen == [(10, "读取"), (80, "分析")]
    assert threads[0] is not threading.main_thread()
    assert not worker.busy


def test_failure_is_reported_not_raised(qtbot, worker):
    def job():
        yield 1, "x"
        raise ValueError("坏文件")

    with qtbot.waitSignal(worker.failed, timeout=3000) as blocker:
        worker.start(job)
    assert isinstance(blocker.args[0], ValueError)
    assert not worker.busy


def test_cancel_stops_between_steps(qtbot, worker):
    gate = threading.Event()
    reached = []

    def job():
        yield 1, "first"
        gate.wait(2)
        yield 2, "second"
        reached.append("after cancel")
        return "never"

    worker.progress.connect(lambda p, m: (worker.cancel(), gate.set()))
    with qtbot.waitSignal(worker.cancelled, timeout=3000):
        worker.start(job)
    assert reached == []
    assert not worker.busy
