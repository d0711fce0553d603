"""The real command line in a child process, with its time and peak memory (for the hostile-input tests)."""
from __future__ import annotations

import os
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]


def run_cli(*args: str, seconds: float = 30) -> tuple[int, str, str, float, float]:
    """(exit status, stdout, stderr, elapsed s, peak RSS MB) of `main.py ARGS` in a child process."""
    def limit() -> None:
        resource.setrlimit(resource.RLIMIT_AS, (2 << 30, 2 << 30))

    with tempfile.TemporaryFile() as out, tempfile.TemporaryFile() as err:
        started = time.perf_counter()
        child = subprocess.Popen([sys.executable, str(ROOT / "main.py"), *args], stdout=out, stderr=err,
                                 preexec_fn=limit, env={**os.environ, "PYTHONPATH": str(ROOT)})
        while True:  # os.wait4, not Popen.wait: it also gives the child's own peak memory
            pid, status, usage = os.wait4(child.pid, os.WNOHANG)
            if pid:
                break
            if time.perf_counter() - started > seconds:
                child.kill()
                pid, status, usage = os.wait4(child.pid, 0)
                break
            time.sleep(0.02)
        elapsed = time.perf_counter() - started
        child.returncode = os.waitstatus_to_exitcode(status)
        out.seek(0)
        err.seek(0)
        return (child.returncode, out.read().decode("utf-8", "replace"), err.read().decode("utf-8", "replace"),
                elapsed, usage.ru_maxrss / 1024)
