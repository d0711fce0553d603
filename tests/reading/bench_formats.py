"""Speed of the clean-up primitives on about 1 MB of plan text (the seeds repeated). Not a test.

Run: python3 tests/reading/bench_chinese.py
"""
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[2]))

from app.reading.chinese import normalize_width, to_simplified  # noqa: E402

SEEDS = sorted((Path(__file__).resolve().parents[1] / "fixtures" / "seeds").glob("*.txt"))


def _best_of(fn, text, runs=5):
    best = float("inf")
    for _ in range(runs):
        t0 = time.perf_counter()
        fn(text)
        best = min(best, time.perf_counter() - t0)
    return best


def main():
    seed_text = "\n".join(p.read_text(encoding="utf-8") for p in SEEDS)
    text = seed_text
    while len(text.encode("utf-8")) < 1_000_000:
        text += "\n" + seed_text
    mb = len(text.encode("utf-8")) / 1e6
    simplified = to_simplified(text)
    for label, fn, sample in (
        ("to_simplified (mixed Traditional)", to_simplified, text),
        ("to_simplified (already Simplified)", to_simplified, simplified),
        ("normalize_width", normalize_width, text),
    ):
        secs = _best_of(fn, sample)
        print(f"{label:38s} {mb:.2f} MB in {secs * 1000:6.1f} ms = {mb / secs:7.1f} MB/s")


if __name__ == "__main__":
    main()
