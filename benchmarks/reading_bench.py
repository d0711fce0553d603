"""Reading benchmark (not a test): extraction throughput in-process on a ~1 MB plan made by concatenating
the seeds, and the wall time of the whole `main.py extract` command on one seed.

Run: python3 benchmarks/reading_bench.py
"""
from __future__ import annotations

import statistics
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from app.reading.extract import extract_text  # noqa: E402

SEEDS = sorted((ROOT / "tests" / "fixtures" / "seeds").glob("*.txt"))


def throughput() -> None:
    # The 版记 (抄送, …印发) and 此件公开发布 end a plan's body: drop those lines so that every copy is read as body text.
    texts = ["\n".join(line for line in s.read_text(encoding="utf-8").splitlines()
                       if not line.lstrip().startswith(("抄送", "抄报", "(此件", "（此件"))
                       and not line.rstrip().endswith("印发"))
             for s in SEEDS]
    big = ""
    while len(big.encode("utf-8")) < 1_000_000:
        big += "\n\n".join(texts) + "\n\n"
    size_mb = len(big.encode("utf-8")) / 1e6
    extract_text(texts[0], "warm-up")
    runs = []
    for _ in range(3):
        started = time.perf_counter()
        matrix = extract_text(big, "big.txt")
        runs.append(time.perf_counter() - started)
    best = min(runs)
    print(f"in-process: {size_mb:.2f} MB, {len(matrix.tasks)} tasks, best {best:.2f} s "
          f"(median {statistics.median(runs):.2f} s) -> {size_mb / best:.2f} MB/s")


def command_wall_time() -> None:
    seed = SEEDS[1]
    runs = []
    for _ in range(5):
        started = time.perf_counter()
        subprocess.run([sys.executable, str(ROOT / "main.py"), "extract", str(seed), "--json"],
                       check=True, stdout=subprocess.DEVNULL)
        runs.append(time.perf_counter() - started)
    print(f"`main.py extract {seed.name} --json`: best {min(runs):.3f} s, median {statistics.median(runs):.3f} s")


if __name__ == "__main__":
    throughput()
    command_wall_time()
