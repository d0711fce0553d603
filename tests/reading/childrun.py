"""The real command line in a child process, with its time and peak memory (hostile-input tests and
benchmarks/hostile_inputs_bench.py)."""
from __future__ import annotations

import os
import resource
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]


@dataclass(frozen=True)
class ChildRun:
    status: int  # the exit status (negative: killed by that signal)
    out: str
    err: str
    seconds: float
    peak_mb: float  # the child's own peak resident memory
    timed_out: bool


def run_main(*args: str, root: Path = ROOT, seconds: float = 30, limit_bytes: int = 2 << 30) -> ChildRun:
    """`main.py ARGS` of the source tree `root`, under an address-space limit, stopped after `seconds`."""
    def limit() -> None:
        resource.setrlimit(resource.RLIMIT_AS, (limit_bytes, limit_bytes))

    with tempfile.TemporaryFile() as out, tempfile.TemporaryFile() as err:
        started = time.perf_counter()
        child = subprocess.Popen([sys.executable, str(root / "main.py"), *args], stdout=out, stderr=err,
                                 preexec_fn=limit, env={**os.environ, "PYTHONPATH": str(root)}, cwd=root)
        timed_out = False
        while True:  # os.wait4, not Popen.wait: it also gives the child's own peak memory
            pid, status, usage = os.wait4(child.pid, os.WNOHANG)
            if pid:
                break
            if time.perf_counter() - started > seconds:
                child.kill()
                pid, status, usage = os.wait4(child.pid, 0)
                timed_out = True
                break
            time.sleep(0.02)
        elapsed = time.perf_counter() - started
        child.returncode = os.waitstatus_to_exitcode(status)
        out.seek(0)
        err.seek(0)
        return ChildRun(child.returncode, out.read().decode("utf-8", "replace"),
                        err.read().decode("utf-8", "replace"), elapsed, usage.ru_maxrss / 1024, timed_out)


def run_cli(*args: str, seconds: float = 30) -> tuple[int, str, str, float, float]:
    """(exit status, stdout, stderr, elapsed s, peak RSS MB) of this tree's `main.py ARGS`."""
    done = run_main(*args, seconds=seconds)
    return done.status, done.out, done.err, done.seconds, done.peak_mb
