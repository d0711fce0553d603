"""Speed of the reading primitives (not a test): clean-up on ~1 MB of plan text, deadline phrases,
and each document format made from the seeds.

Run: python3 tests/reading/bench_formats.py
"""
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(Path(__file__).resolve().parent))

from app.reading.chinese import normalize_width, to_simplified  # noqa: E402
from app.reading.deadlines import parse_deadline  # noqa: E402
from app.reading.documents import read_document  # noqa: E402
from makedocs import make_docx, make_pdf, make_xlsx  # noqa: E402

SEEDS = sorted((ROOT / "tests" / "fixtures" / "seeds").glob("*.txt"))
TABLE = ROOT / "tests" / "fixtures" / "deadlines.tsv"


def _best_of(fn, arg, runs=5):
    best = float("inf")
    for _ in range(runs):
        t0 = time.perf_counter()
        fn(arg)
        best = min(best, time.perf_counter() - t0)
    return best


def bench_cleanup():
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
        print(f"{label:38s} {mb:.2f} MB in {secs * 1000:6.1f} ms = {mb / secs:6.1f} MB/s")


def bench_deadlines():
    phrases = [line.split("\t")[0] for line in TABLE.read_text(encoding="utf-8").splitlines()[1:]] * 250
    t0 = time.perf_counter()
    for phrase in phrases:
        parse_deadline(phrase, plan_year=2024)
    secs = time.perf_counter() - t0
    print(f"{'parse_deadline':38s} {len(phrases)} phrases in {secs * 1000:6.1f} ms = {secs / len(phrases) * 1e6:.0f} µs each")


def bench_documents():
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        for seed in SEEDS:
            text = seed.read_text(encoding="utf-8")
            made = [seed, make_docx(text, folder / f"{seed.stem}.docx"), make_pdf(text, folder / f"{seed.stem}.pdf")]
            cells = [line.split("\t") for line in text.split("\n")]
            made.append(make_xlsx(cells, folder / f"{seed.stem}.xlsx"))
            timings = ", ".join(f"{p.suffix[1:]} {_best_of(read_document, p, runs=2) * 1000:5.0f} ms" for p in made)
            print(f"read_document {seed.stem} ({len(text.encode('utf-8')) // 1000} KB): {timings}")


if __name__ == "__main__":
    bench_cleanup()
    bench_deadlines()
    bench_documents()
